//! What a person's ratings show about two roles: what one asks beyond the
//! other and whether it is met, the rated skills that push one way or the
//! other, and the unrated ones whose ratings would decide.

use super::{Assessment, RatingState, Requirement, Role, Skill};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// A rated skill whose requirement differs between two roles, and which
/// way the rating pushes.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DecidingSkill {
    /// Skill id.
    pub skill: String,
    /// Display name.
    pub name: String,
    /// The person's rating, if any.
    pub rating: Option<f64>,
    /// Level the first role requires (None: not required).
    pub best_required: Option<u8>,
    /// Level the second role requires (None: not required).
    pub runner_up_required: Option<u8>,
    /// Weight in the first role (3 core, 2 important, 1 nice to have).
    #[serde(default)]
    pub best_weight: Option<u8>,
    /// Weight in the second role.
    #[serde(default)]
    pub runner_up_weight: Option<u8>,
    /// Weighted levels this skill moves toward the first role (negative:
    /// toward the second): a requirement met counts weight × level, one
    /// not met counts −weight × the levels short.
    pub effect: f64,
    /// The role id the rating favours.
    #[serde(default)]
    pub favours: String,
    /// The favoured role's short name ("SRE").
    #[serde(default)]
    pub favours_name: String,
    /// What the two roles ask of it, e.g. "SRE needs 4, DevOps does not
    /// require it"; with equal levels, the weights.
    #[serde(default)]
    pub needs: String,
}

/// A skill whose rating would help decide, and why.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RateNext {
    /// Skill id.
    pub skill: String,
    /// Display name.
    pub name: String,
    /// Not rated by this person, or not asked by the input at all.
    pub state: RatingState,
    /// What the roles ask of it, e.g. "SRE needs 4, DevOps does not require it".
    pub why: String,
}

/// How many deciding skills to name.
const DECIDING_MAX: usize = 5;

/// How many skills "rate these next" lists.
const RATE_NEXT_MAX: usize = 6;

/// "SRE" for Site Reliability Engineer, "DevOps" for DevOps Engineer: the
/// first alias that is one capitalised word of at most 9 letters;
/// otherwise the title.
pub fn short(role: &Role) -> String {
    role.aliases
        .iter()
        .find(|a| {
            a.len() <= 9
                && a.chars().all(|c| c.is_ascii_alphabetic())
                && a.starts_with(|c: char| c.is_ascii_uppercase())
        })
        .cloned()
        .unwrap_or_else(|| role.title.clone())
}

pub(super) fn level_weight(r: &Role, skill: &str) -> Option<(f64, f64)> {
    r.requirements
        .iter()
        .find(|q| q.skill == skill)
        .map(|q| (f64::from(q.level), f64::from(q.weight)))
}

/// How much `x` asks beyond `y`: Σ over skills of the weighted level
/// (weight × level) by which `x`'s requirement exceeds `y`'s.
pub(super) fn adds(x: &Role, y: &Role) -> f64 {
    x.requirements
        .iter()
        .map(|q| {
            let wl = f64::from(q.weight) * f64::from(q.level);
            let other = level_weight(y, &q.skill).map_or(0.0, |(l, w)| l * w);
            (wl - other).max(0.0)
        })
        .sum()
}

/// What the person demonstrably shows of a role: Σ weight × level over
/// the requirements rated at or above their level.
pub(super) fn shown(assessment: &Assessment, role: &Role) -> f64 {
    role.requirements
        .iter()
        .filter_map(|q| {
            let r = assessment.rating(&q.skill)?;
            (r >= f64::from(q.level)).then(|| f64::from(q.weight) * f64::from(q.level))
        })
        .sum()
}

/// The requirements `x` asks beyond `y`: absent from `y` or at a higher level.
pub(super) fn extras<'r>(x: &'r Role, y: &Role) -> impl Iterator<Item = &'r Requirement> {
    x.requirements
        .iter()
        .filter(move |q| level_weight(y, &q.skill).is_none_or(|(l, _)| f64::from(q.level) > l))
}

/// What the person rated of what `x` asks beyond `y`: the share of it
/// rated and the share of the rated part met (both by weight × level);
/// None when `x` asks nothing beyond `y`.
pub(super) fn extras_evidence(assessment: &Assessment, x: &Role, y: &Role) -> Option<(f64, f64)> {
    let (mut all, mut rated, mut got) = (0.0, 0.0, 0.0);
    for q in extras(x, y) {
        let w = f64::from(q.weight) * f64::from(q.level);
        all += w;
        if let Some(r) = assessment.rating(&q.skill) {
            rated += w;
            got += f64::from(q.weight) * r.min(f64::from(q.level));
        }
    }
    (all > 0.0).then(|| (rated / all, if rated > 0.0 { got / rated } else { 0.0 }))
}

/// Whether the person demonstrably meets what `x` asks beyond `y`: at
/// least a quarter of it rated — a survey asks only some — and the rated
/// part met to 90%.
pub(super) fn meets_extras(assessment: &Assessment, x: &Role, y: &Role) -> bool {
    extras_evidence(assessment, x, y).is_some_and(|(rated, met)| rated >= 0.25 && met >= 0.9)
}

/// Whether what `x` asks beyond `y` is rated (at least half) and clearly
/// not met: more than a quarter of it short.
pub(super) fn lacks_extras(assessment: &Assessment, x: &Role, y: &Role) -> bool {
    extras_evidence(assessment, x, y).is_some_and(|(rated, met)| rated >= 0.5 && met < 0.75)
}

/// The rated skills whose requirement differs between `a` and `b`, with
/// the way each rating pushes; only those with an effect.
pub(super) fn deciding_skills(
    assessment: &Assessment,
    a: &Role,
    b: &Role,
    skills: &HashMap<String, Skill>,
) -> Vec<DecidingSkill> {
    let ids: BTreeSet<&str> = a
        .requirements
        .iter()
        .chain(&b.requirements)
        .map(|q| q.skill.as_str())
        .collect();
    // What a rating shows of one requirement: met, weight × level; short,
    // minus weight × the levels missing.
    let evidence = |r: f64, q: Option<(f64, f64)>| {
        q.map_or(0.0, |(l, w)| if r >= l { w * l } else { -w * (l - r) })
    };
    let mut out: Vec<DecidingSkill> = ids
        .into_iter()
        .filter_map(|id| {
            let (qa, qb) = (level_weight(a, id), level_weight(b, id));
            if qa == qb {
                return None;
            }
            let r = assessment.rating(id)?;
            let effect = ((evidence(r, qa) - evidence(r, qb)) * 10.0).round() / 10.0;
            if effect == 0.0 {
                return None;
            }
            let lw = |q: Option<(f64, f64)>| q.map(|(l, w)| (l as u8, w as u8));
            let favoured = if effect > 0.0 { a } else { b };
            Some(DecidingSkill {
                skill: id.to_string(),
                name: name_of(skills, id),
                rating: Some(r),
                best_required: qa.map(|q| q.0 as u8),
                runner_up_required: qb.map(|q| q.0 as u8),
                best_weight: qa.map(|q| q.1 as u8),
                runner_up_weight: qb.map(|q| q.1 as u8),
                effect,
                favours: favoured.id.clone(),
                favours_name: short(favoured),
                needs: needs_text(lw(qa), lw(qb), &short(a), &short(b)),
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.effect
            .abs()
            .total_cmp(&x.effect.abs())
            .then(x.name.cmp(&y.name))
    });
    out.truncate(DECIDING_MAX);
    out
}

pub(super) fn name_of(skills: &HashMap<String, Skill>, id: &str) -> String {
    skills
        .get(id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// "SRE needs 4, DevOps does not require it" / "both need 3; core for SRE,
/// important for DevOps".
pub fn needs_text(qa: Option<(u8, u8)>, qb: Option<(u8, u8)>, sa: &str, sb: &str) -> String {
    let weight = |w: u8| match w {
        3.. => "core",
        2 => "important",
        _ => "nice to have",
    };
    match (qa, qb) {
        (Some((la, wa)), Some((lb, wb))) if la == lb => format!(
            "both need {la}; {} for {sa}, {} for {sb}",
            weight(wa),
            weight(wb)
        ),
        (Some((la, _)), Some((lb, _))) => format!("{sa} needs {la}, {sb} needs {lb}"),
        (Some((la, _)), None) => format!("{sa} needs {la}, {sb} does not require it"),
        (None, Some((lb, _))) => format!("{sb} needs {lb}, {sa} does not require it"),
        (None, None) => String::new(),
    }
}

pub(super) fn rate_next_entry(
    assessment: &Assessment,
    id: &str,
    a: &Role,
    b: Option<&Role>,
    skills: &HashMap<String, Skill>,
) -> RateNext {
    let q = |r: &Role| {
        r.requirements
            .iter()
            .find(|q| q.skill == id)
            .map(|q| (q.level, q.weight))
    };
    let why = match b {
        Some(b) => needs_text(q(a), q(b), &short(a), &short(b)),
        None => q(a).map_or(String::new(), |(l, _)| format!("{} needs {l}", short(a))),
    };
    RateNext {
        skill: id.to_string(),
        name: name_of(skills, id),
        state: assessment.state(id),
        why,
    }
}

/// Unrated skills whose requirement differs between `a` and `b`, the
/// largest weighted difference first: the ratings that would tip it.
pub(super) fn distinguishing_unrated(
    assessment: &Assessment,
    a: &Role,
    b: &Role,
    skills: &HashMap<String, Skill>,
) -> Vec<RateNext> {
    let ids: BTreeSet<&str> = a
        .requirements
        .iter()
        .chain(&b.requirements)
        .map(|q| q.skill.as_str())
        .filter(|id| assessment.rating(id).is_none())
        .collect();
    let wl = |r: &Role, id: &str| level_weight(r, id).map_or(0.0, |(l, w)| l * w);
    let mut scored: Vec<(f64, &str)> = ids
        .into_iter()
        .map(|id| ((wl(a, id) - wl(b, id)).abs(), id))
        .filter(|(d, _)| *d > 0.0)
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    scored
        .into_iter()
        .take(RATE_NEXT_MAX)
        .map(|(_, id)| rate_next_entry(assessment, id, a, Some(b), skills))
        .collect()
}

/// When no role can be judged: the unrated requirements that would tell
/// most — those the leading roles weigh most, and most differently.
pub(super) fn heaviest_unrated(
    assessment: &Assessment,
    roles: &[&Role],
    skills: &HashMap<String, Skill>,
) -> Vec<RateNext> {
    let share = |r: &Role, id: &str| {
        let total: f64 = r
            .requirements
            .iter()
            .map(|q| f64::from(q.weight) * f64::from(q.level))
            .sum();
        level_weight(r, id).map_or(0.0, |(l, w)| if total > 0.0 { l * w / total } else { 0.0 })
    };
    let ids: BTreeSet<&str> = roles
        .iter()
        .flat_map(|r| r.requirements.iter().map(|q| q.skill.as_str()))
        .filter(|id| assessment.rating(id).is_none())
        .collect();
    let mut scored: Vec<(f64, &str)> = ids
        .into_iter()
        .map(|id| {
            let shares: Vec<f64> = roles.iter().map(|r| share(r, id)).collect();
            let sum: f64 = shares.iter().sum();
            let spread = shares.iter().cloned().fold(0.0, f64::max)
                - shares.iter().cloned().fold(f64::INFINITY, f64::min);
            (sum + spread, id)
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    scored
        .into_iter()
        .take(RATE_NEXT_MAX)
        .map(|(_, id)| {
            if let [a, b] = roles {
                return rate_next_entry(assessment, id, a, Some(b), skills);
            }
            // Across many roles: who asks for it, and at what level.
            let who: Vec<String> = roles
                .iter()
                .filter_map(|r| level_weight(r, id).map(|(l, _)| format!("{} {l}", short(r))))
                .collect();
            RateNext {
                skill: id.to_string(),
                name: name_of(skills, id),
                state: assessment.state(id),
                why: format!("needed by {}", who.join(", ")),
            }
        })
        .collect()
}
