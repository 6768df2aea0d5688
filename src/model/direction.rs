//! Which role fits best, and the skills that decide it between the top two.

use super::{Assessment, Role, RoleFit, Skill};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// A skill whose requirement differs between the two closest roles.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DecidingSkill {
    /// Skill id.
    pub skill: String,
    /// Display name.
    pub name: String,
    /// The person's rating, if any.
    pub rating: Option<f64>,
    /// Level the best-fit role requires (None: not required).
    pub best_required: Option<u8>,
    /// Level the runner-up requires (None: not required).
    pub runner_up_required: Option<u8>,
    /// Percentage points of the fit difference this skill accounts for;
    /// positive favours the best fit.
    pub effect: f64,
}

/// The answer to "which way should I go?".
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Direction {
    /// Best-fit role id.
    pub best: String,
    /// Runner-up role id, when more than one role was compared.
    pub runner_up: Option<String>,
    /// One or two plain sentences.
    pub summary: String,
    /// Skills that separate the top two, most decisive first.
    pub deciding: Vec<DecidingSkill>,
}

/// How many deciding skills to name.
const DECIDING_MAX: usize = 4;

/// Explains the ranking in `fits` (already sorted best first). `roles`
/// must contain the roles named in `fits`. Returns None when `fits` is empty.
pub fn direction(
    assessment: &Assessment,
    fits: &[RoleFit],
    roles: &[Role],
    skills: &HashMap<String, Skill>,
) -> Option<Direction> {
    let best = fits.first()?;
    let Some(second) = fits.get(1) else {
        return Some(Direction {
            best: best.id.clone(),
            runner_up: None,
            summary: format!("Fit for {}: {}%.", best.title, pct(best.fit)),
            deciding: vec![],
        });
    };
    let role_of = |id: &str| roles.iter().find(|r| r.id == id);
    let (Some(a), Some(b)) = (role_of(&best.id), role_of(&second.id)) else {
        return None;
    };
    let deciding = deciding_skills(assessment, a, b, skills);
    let mut summary = format!(
        "Closest fit: {} at {}%, ahead of {} at {}%.",
        a.title,
        pct(best.fit),
        b.title,
        pct(second.fit)
    );
    if !deciding.is_empty() {
        let items: Vec<String> = deciding.iter().take(3).map(|d| describe(d, a, b)).collect();
        summary.push_str(" What decides it: ");
        summary.push_str(&items.join("; "));
        summary.push('.');
    }
    Some(Direction {
        best: a.id.clone(),
        runner_up: Some(b.id.clone()),
        summary,
        deciding,
    })
}

fn describe(d: &DecidingSkill, a: &Role, b: &Role) -> String {
    let you = match d.rating {
        Some(r) => format!("you {}", num(r)),
        None => "you unrated".to_string(),
    };
    let need = |role: &Role, req: Option<u8>| match req {
        Some(l) => format!("{} needs {l}", short(role)),
        None => format!("{} does not require it", short(role)),
    };
    format!(
        "{} ({you}; {}, {})",
        d.name,
        need(a, d.best_required),
        need(b, d.runner_up_required)
    )
}

/// "SRE" for Site Reliability Engineer when the role has a short upper-case
/// alias; otherwise the title.
fn short(role: &Role) -> String {
    role.aliases
        .iter()
        .find(|a| a.len() <= 6 && a.chars().all(|c| c.is_ascii_uppercase()))
        .cloned()
        .unwrap_or_else(|| role.title.clone())
}

fn deciding_skills(
    assessment: &Assessment,
    a: &Role,
    b: &Role,
    skills: &HashMap<String, Skill>,
) -> Vec<DecidingSkill> {
    let total = |r: &Role| -> f64 {
        r.requirements
            .iter()
            .map(|q| f64::from(q.weight) * f64::from(q.level))
            .sum()
    };
    let (wa, wb) = (total(a), total(b));
    let find = |r: &Role, s: &str| r.requirements.iter().find(|q| q.skill == s).cloned();
    let ids: BTreeSet<&str> = a
        .requirements
        .iter()
        .chain(&b.requirements)
        .map(|q| q.skill.as_str())
        .collect();
    let mut scored: Vec<(f64, DecidingSkill)> = ids
        .into_iter()
        .filter_map(|id| {
            let (qa, qb) = (find(a, id), find(b, id));
            if qa == qb {
                return None;
            }
            let rating = assessment.rating(id);
            let r = rating.unwrap_or(0.0);
            let share = |q: &Option<super::Requirement>, w: f64| {
                q.as_ref().map_or(0.0, |q| {
                    if w > 0.0 {
                        100.0 * f64::from(q.weight) * r.min(f64::from(q.level)) / w
                    } else {
                        0.0
                    }
                })
            };
            let missing = |q: &Option<super::Requirement>, w: f64| {
                q.as_ref().map_or(0.0, |q| {
                    if w > 0.0 {
                        100.0 * f64::from(q.weight) * (f64::from(q.level) - r).max(0.0) / w
                    } else {
                        0.0
                    }
                })
            };
            // A skill matters when it moves either fit: what it earns in one
            // role versus the other, or what it costs where it is short.
            let effect = ((share(&qa, wa) - share(&qb, wb)) * 10.0).round() / 10.0;
            let weight_of_story = effect.abs().max(missing(&qb, wb)).max(missing(&qa, wa));
            Some((
                weight_of_story,
                DecidingSkill {
                    skill: id.to_string(),
                    name: skills
                        .get(id)
                        .map_or_else(|| id.to_string(), |s| s.name.clone()),
                    rating,
                    best_required: qa.map(|q| q.level),
                    runner_up_required: qb.map(|q| q.level),
                    effect,
                },
            ))
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.name.cmp(&y.1.name)));
    let mut out: Vec<DecidingSkill> = scored.into_iter().map(|(_, d)| d).collect();
    out.truncate(DECIDING_MAX);
    out
}

/// A fit rounded for display.
pub fn pct(fit: f64) -> i64 {
    fit.round() as i64
}

/// A change with its sign: "+1.5" / "−2" / "±0" (see [`num`]).
pub fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", num(v))
    } else if v < 0.0 {
        format!("−{}", num(-v))
    } else {
        "±0".to_string()
    }
}

/// A rating shown without a needless ".0".
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}
