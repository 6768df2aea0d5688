//! Which role fits best, how sure that is, and the skills that decide it.
//!
//! One comparison serves both questions a report answers: the closest fit
//! among every compared role, and "DevOps or SRE?". Only given ratings
//! count as evidence: a role is named only when enough of it is rated
//! ([`COVERAGE_MIN`]), fits closer than [`TOO_CLOSE`] points are "too close
//! to call" unless one role's extra requirements are demonstrably met,
//! and what nobody rated becomes "rate these next", never a number.

use super::analysis::{COVERAGE_MIN, TOO_CLOSE};
use super::{Assessment, RatingState, Requirement, Role, RoleFit, Skill};
use serde::Serialize;
use std::borrow::Cow;
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

/// What kind of answer a comparison gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Call {
    /// One role is ahead by at least [`TOO_CLOSE`] points.
    Ahead,
    /// Both fit well, and the person demonstrably meets what the named
    /// role adds to the other.
    MeetsExtras,
    /// The other role builds on the named one (SRE on DevOps), the person
    /// rated what it adds, and it is clearly not met: the named role is the
    /// nearer one.
    ShortOfExtras,
    /// The only role with enough ratings to judge.
    OnlyJudged,
    /// Fits within [`TOO_CLOSE`] points and the rated evidence does not
    /// separate them.
    TooClose,
    /// Not enough of the roles is rated to name one.
    NotEnough,
    /// Only one role was compared.
    Single,
}

/// How sure an answer is, from how much of the named role was rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// 70% or more of the named role's weighted requirements rated.
    High,
    /// At least [`COVERAGE_MIN`]%.
    Moderate,
    /// Less, or no role named.
    Low,
}

/// Coverage from which an answer is called sure.
pub const COVERAGE_HIGH: f64 = 70.0;

/// A rated fit from which a role "fits well" (the extras rule applies).
pub const FITS_WELL: f64 = 75.0;

impl Confidence {
    /// From the named role's coverage.
    pub fn of(coverage: f64) -> Confidence {
        if coverage >= COVERAGE_HIGH {
            Confidence::High
        } else if coverage >= COVERAGE_MIN {
            Confidence::Moderate
        } else {
            Confidence::Low
        }
    }

    /// "high", "moderate", "low".
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Moderate => "moderate",
            Confidence::Low => "low",
        }
    }
}

/// The answer to "which way should I go?" between two roles (or for the
/// one role compared).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Direction {
    /// The role the answer leads with: the named role, or the one ahead
    /// when the call is too close or not enough.
    pub best: String,
    /// The other role of the comparison.
    pub runner_up: Option<String>,
    /// What kind of answer this is.
    #[serde(default = "single")]
    pub call: Call,
    /// How sure the answer is.
    #[serde(default = "low")]
    pub confidence: Confidence,
    /// One or two plain sentences.
    pub summary: String,
    /// Rated skills that push one way or the other, most decisive first;
    /// only skills with an effect.
    pub deciding: Vec<DecidingSkill>,
    /// Unrated skills whose ratings would decide it, most telling first.
    #[serde(default)]
    pub rate_next: Vec<RateNext>,
}

fn single() -> Call {
    Call::Single
}

fn low() -> Confidence {
    Confidence::Low
}

impl Direction {
    /// Whether a role is named (rather than too close or not enough).
    pub fn decided(&self) -> bool {
        !matches!(self.call, Call::TooClose | Call::NotEnough)
    }
}

/// How many deciding skills to name.
const DECIDING_MAX: usize = 5;

/// How many skills "rate these next" lists.
const RATE_NEXT_MAX: usize = 6;

/// Explains the ranking in `fits` (sorted by [`super::rank_roles`]) and
/// may move the winner of the extras rule to the front. `roles` must hold
/// the roles named in `fits`. None when `fits` is empty.
pub fn direction(
    assessment: &Assessment,
    fits: &mut [RoleFit],
    roles: &[Role],
    skills: &HashMap<String, Skill>,
) -> Option<Direction> {
    let first = fits.first()?;
    if fits.len() == 1 {
        let summary = if first.judged {
            format!(
                "Fit for {}: {}%{}.",
                first.title,
                pct(first.fit),
                based_on(first)
            )
        } else {
            format!(
                "Not enough ratings to judge {}: {}; rate {} more of its skills.",
                first.title,
                rated_share(first),
                first.to_judge
            )
        };
        let role = roles.iter().find(|r| r.id == first.id)?;
        return Some(Direction {
            best: first.id.clone(),
            runner_up: None,
            call: if first.judged {
                Call::Single
            } else {
                Call::NotEnough
            },
            confidence: Confidence::of(first.coverage),
            summary,
            deciding: vec![],
            rate_next: if first.judged {
                vec![]
            } else {
                heaviest_unrated(assessment, &[role], skills)
            },
        });
    }
    // The extras rule among the judged roles that fit well and are close
    // to the top: the one that demonstrably meets the most wins.
    let top = fits[0].fit;
    let contenders: Vec<usize> = (0..fits.len())
        .filter(|&i| fits[i].judged && fits[i].fit >= FITS_WELL && top - fits[i].fit < TOO_CLOSE)
        .collect();
    if contenders.len() >= 2 {
        let mut by_evidence: Vec<(f64, usize, Cow<'_, Role>)> = contenders
            .iter()
            .map(|&i| {
                let r = roles_of(roles, &fits[i].id);
                (shown(assessment, &r), i, r)
            })
            .collect();
        by_evidence.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let (w, rw, rr) = (by_evidence[0].1, &by_evidence[0].2, &by_evidence[1].2);
        let wins = meets_extras(assessment, rw, rr)
            && (adds(rw, rr) >= adds(rr, rw) || !meets_extras(assessment, rr, rw));
        if w != 0 && wins {
            // Stable for the others: the winner moves to the front.
            fits[..=w].rotate_right(1);
        }
    }
    let a = &fits[0];
    let b = fits[1..].iter().find(|f| f.judged).unwrap_or(&fits[1]);
    let (ra, rb) = (roles_of(roles, &a.id), roles_of(roles, &b.id));
    let mut d = compare(assessment, a, b, &ra, &rb, skills);
    if !fits.iter().any(|f| f.judged) {
        // No role has enough ratings: what one role adds to another does
        // not name a role among all of them.
        d.call = Call::NotEnough;
        d.confidence = Confidence::Low;
    }
    if matches!(d.call, Call::NotEnough | Call::OnlyJudged) {
        // Roles are too little rated to judge: what tells most is what
        // every role weighs.
        let all: Vec<Cow<'_, Role>> = fits.iter().map(|f| roles_of(roles, &f.id)).collect();
        let refs: Vec<&Role> = all.iter().map(|r| &**r).collect();
        d.rate_next = heaviest_unrated(assessment, &refs, skills);
    }
    if d.call == Call::NotEnough {
        let judged: Vec<&RoleFit> = fits.iter().filter(|f| f.judged).collect();
        d.summary = match judged.first() {
            // Judged, but beaten on what was rated by roles too little
            // rated to judge: naming it would be a guess.
            Some(j) => {
                let better: Vec<&RoleFit> = fits
                    .iter()
                    .filter(|f| !f.judged && f.fit >= j.fit + TOO_CLOSE)
                    .collect();
                format!(
                    "No closest fit yet: {} is the only role rated enough to judge — {}%, on {} — \
                     and {} {} better on the little of {} you rated ({}). Rate these next to decide.",
                    j.title,
                    pct(j.fit),
                    rated_share(j),
                    and_list(&better.iter().map(|f| f.title.clone()).collect::<Vec<_>>()),
                    if better.len() == 1 { "looks" } else { "look" },
                    if better.len() == 1 { "it" } else { "them" },
                    {
                        let v: Vec<String> =
                            better.iter().map(|f| format!("{}%", pct(f.fit))).collect();
                        if v.len() > 1 && v.iter().all(|x| *x == v[0]) {
                            format!("{} each", v[0])
                        } else {
                            v.join(", ")
                        }
                    }
                )
            }
            None => {
                let most = fits
                    .iter()
                    .max_by(|x, y| x.coverage.total_cmp(&y.coverage).then(y.id.cmp(&x.id)))
                    .unwrap_or(a);
                format!(
                    "Not enough ratings to name a closest fit: a role is judged once {}% of its \
                     requirements (by weight) are rated, and the most rated, {}, has {}. Rate \
                     these next to decide.",
                    COVERAGE_MIN,
                    most.title,
                    rated_share(most)
                )
            }
        };
    }
    let unjudged = fits.iter().filter(|f| !f.judged).count();
    if d.call == Call::OnlyJudged {
        d.summary = format!(
            "Closest fit: {} at {}%{}; it is the only role rated enough to judge — the other {} \
             need more ratings (see what to rate next).",
            a.title,
            pct(a.fit),
            based_on(a),
            unjudged
        );
    } else if d.call != Call::NotEnough && unjudged > 0 {
        d.summary.push_str(&format!(
            " {} other role{} {} too little rated to judge.",
            unjudged,
            if unjudged == 1 { "" } else { "s" },
            if unjudged == 1 { "is" } else { "are" }
        ));
    }
    Some(d)
}

/// The role of a fit; one without requirements when `roles` lacks it
/// (callers pass the roles the fits were made from, so only a test can).
fn roles_of<'r>(roles: &'r [Role], id: &str) -> Cow<'r, Role> {
    match roles.iter().find(|r| r.id == id) {
        Some(r) => Cow::Borrowed(r),
        None => Cow::Owned(Role {
            id: id.to_string(),
            title: id.to_string(),
            aliases: vec![],
            summary: String::new(),
            extends: None,
            requirements: vec![],
        }),
    }
}

/// Compares two roles' fits for this person: the answer, how sure it is,
/// what decides it and what to rate next. `a` is the one ranked ahead.
pub fn compare(
    assessment: &Assessment,
    a: &RoleFit,
    b: &RoleFit,
    ra: &Role,
    rb: &Role,
    skills: &HashMap<String, Skill>,
) -> Direction {
    let (sa, sb) = (short(ra), short(rb));
    let both_well = a.fit >= FITS_WELL && b.fit >= FITS_WELL;
    // One role builds on the other (SRE on DevOps): what the bigger one
    // adds is then the whole difference, so rating it decides even when
    // the smaller one is little rated.
    let a_builds_on_b = ra.extends.as_deref() == Some(rb.id.as_str());
    let b_builds_on_a = rb.extends.as_deref() == Some(ra.id.as_str());
    let nested = a_builds_on_b || b_builds_on_a;
    // The extras rule: when both fit well on what was rated, the role
    // whose additional requirements the person demonstrably meets wins
    // (SRE is DevOps plus on-call, SLOs, postmortems…). When both are met,
    // the bigger role — the one that asks more beyond the other — wins.
    let extras = |x: &RoleFit, y: &RoleFit, rx: &Role, ry: &Role| {
        x.judged && (y.judged || nested) && both_well && meets_extras(assessment, rx, ry)
    };
    let (ea, eb) = (extras(a, b, ra, rb), extras(b, a, rb, ra));
    // Rated and clearly short of what a role adds.
    let (la, lb) = (
        lacks_extras(assessment, ra, rb),
        lacks_extras(assessment, rb, ra),
    );
    let (lead, other, call) = if ea && eb {
        if adds(ra, rb) >= adds(rb, ra) {
            (a, b, Call::MeetsExtras)
        } else {
            (b, a, Call::MeetsExtras)
        }
    } else if ea {
        (
            a,
            b,
            if lb && b_builds_on_a {
                Call::ShortOfExtras
            } else {
                Call::MeetsExtras
            },
        )
    } else if eb {
        (
            b,
            a,
            if la && a_builds_on_b {
                Call::ShortOfExtras
            } else {
                Call::MeetsExtras
            },
        )
    } else if b_builds_on_a && a.fit + TOO_CLOSE > b.fit && lb {
        // The other role builds on this one, what it adds is short, and
        // this one fits at least about as well: it is the nearer step.
        (a, b, Call::ShortOfExtras)
    } else if a_builds_on_b && b.fit + TOO_CLOSE > a.fit && la {
        (b, a, Call::ShortOfExtras)
    } else if a.judged && b.judged {
        if (a.fit - b.fit).abs() < TOO_CLOSE {
            (a, b, Call::TooClose)
        } else if a.fit >= b.fit {
            (a, b, Call::Ahead)
        } else {
            (b, a, Call::Ahead)
        }
    } else if a.judged && b.fit < a.fit + TOO_CLOSE {
        (a, b, Call::OnlyJudged)
    } else if b.judged && a.fit < b.fit + TOO_CLOSE {
        (b, a, Call::OnlyJudged)
    } else {
        // Nothing judged, or the little-rated role looks better on what
        // was rated: more ratings decide it.
        (a, b, Call::NotEnough)
    };
    let (rl, ro) = if lead.id == a.id { (ra, rb) } else { (rb, ra) };
    let (sl, so) = if lead.id == a.id {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    let deciding = deciding_skills(assessment, rl, ro, skills);
    let rate_next = match call {
        // Coverage is what is missing: the heaviest unrated skills of
        // the less rated role first.
        Call::NotEnough | Call::OnlyJudged => {
            let (thin, thick) = if lead.coverage <= other.coverage {
                (rl, ro)
            } else {
                (ro, rl)
            };
            heaviest_unrated(assessment, &[thin, thick], skills)
        }
        _ => distinguishing_unrated(assessment, rl, ro, skills),
    };
    let confidence = match call {
        Call::TooClose | Call::NotEnough => Confidence::Low,
        _ => Confidence::of(lead.coverage),
    };
    let names = |v: &[DecidingSkill], favour: &str| -> Vec<String> {
        v.iter()
            .filter(|d| d.favours == favour)
            .take(3)
            .map(|d| d.name.clone())
            .collect()
    };
    let tips: Vec<String> = rate_next.iter().take(3).map(|t| t.name.clone()).collect();
    // What the lead asks beyond the other that the person meets (the
    // deciding skills compare the lead, "best", with the other).
    let beyond = |v: &[DecidingSkill]| -> Vec<String> {
        v.iter()
            .filter(|d| {
                d.favours == lead.id
                    && d.best_required.unwrap_or(0) > d.runner_up_required.unwrap_or(0)
            })
            .take(3)
            .map(|d| d.name.clone())
            .collect()
    };
    let summary = match call {
        Call::Ahead => {
            let why = names(&deciding, &lead.id);
            let mut s = format!(
                "Closest fit: {} at {}%{}, ahead of {} at {}%.",
                rl.title,
                pct(lead.fit),
                based_on(lead),
                ro.title,
                pct(other.fit),
            );
            if !why.is_empty() {
                s.push_str(&format!(" What decides it: {}.", and_list(&why)));
            }
            s
        }
        Call::MeetsExtras => {
            let why = beyond(&deciding);
            format!(
                "Closest fit: {} at {}%{}. You fit {} too ({}%), and you also meet what {} asks beyond it{}.",
                rl.title,
                pct(lead.fit),
                based_on(lead),
                ro.title,
                pct(other.fit),
                sl,
                if why.is_empty() {
                    String::new()
                } else {
                    format!(": {}", and_list(&why))
                }
            )
        }
        Call::ShortOfExtras => {
            // The other role's additions the person is short of.
            let why: Vec<String> = deciding
                .iter()
                .filter(|d| {
                    d.favours == lead.id
                        && d.runner_up_required.unwrap_or(0) > d.best_required.unwrap_or(0)
                })
                .take(3)
                .map(|d| d.name.clone())
                .collect();
            format!(
                "{} is the nearer role: {} at {}%{}, while what {} adds is not there yet{}.",
                rl.title,
                if lead.judged {
                    "it fits you best"
                } else {
                    "it fits what you rated"
                },
                pct(lead.fit),
                based_on(lead),
                so,
                if why.is_empty() {
                    String::new()
                } else {
                    format!(": {}", and_list(&why))
                }
            )
        }
        Call::OnlyJudged => format!(
            "Closest fit: {} at {}%{}. {} cannot be judged yet: {}; rate {} more of its skills.",
            rl.title,
            pct(lead.fit),
            based_on(lead),
            ro.title,
            rated_share(other),
            other.to_judge
        ),
        Call::TooClose => {
            let mut s = format!(
                "Too close to call: {} at {}% and {} at {}% are less than {} points apart.",
                rl.title,
                num1(lead.fit),
                ro.title,
                num1(other.fit),
                TOO_CLOSE
            );
            if !tips.is_empty() {
                s.push_str(&format!(" Rating {} would tip it.", and_list(&tips)));
            } else if let Some(d) = deciding.first() {
                s.push_str(&format!(" {} is what separates them most.", d.name));
            }
            s
        }
        Call::NotEnough => format!(
            "Not enough ratings to choose between {} ({}% on {}) and {} ({}% on {}).",
            rl.title,
            pct(lead.fit),
            rated_share(lead),
            ro.title,
            pct(other.fit),
            rated_share(other)
        ),
        // Never produced here (a comparison has two roles).
        Call::Single => format!("Fit for {}: {}%.", rl.title, pct(lead.fit)),
    };
    Direction {
        best: lead.id.clone(),
        runner_up: Some(other.id.clone()),
        call,
        confidence,
        summary,
        deciding,
        rate_next,
    }
}

/// " (on the 14 of its 26 requirements you rated)" when not everything
/// was rated.
fn based_on(f: &RoleFit) -> String {
    if f.rated >= f.required {
        String::new()
    } else {
        format!(
            " (on the {} of its {} requirements you rated)",
            f.rated, f.required
        )
    }
}

/// "8 of 26 skills rated (31%)".
pub fn rated_share(f: &RoleFit) -> String {
    format!(
        "{} of {} skills rated ({}%)",
        f.rated,
        f.required,
        pct(f.coverage)
    )
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A fit with one decimal when it has one: "52" / "51.8".
fn num1(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    num(r)
}

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

fn level_weight(r: &Role, skill: &str) -> Option<(f64, f64)> {
    r.requirements
        .iter()
        .find(|q| q.skill == skill)
        .map(|q| (f64::from(q.level), f64::from(q.weight)))
}

/// How much `x` asks beyond `y`: Σ over skills of the weighted level
/// (weight × level) by which `x`'s requirement exceeds `y`'s.
fn adds(x: &Role, y: &Role) -> f64 {
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
fn shown(assessment: &Assessment, role: &Role) -> f64 {
    role.requirements
        .iter()
        .filter_map(|q| {
            let r = assessment.rating(&q.skill)?;
            (r >= f64::from(q.level)).then(|| f64::from(q.weight) * f64::from(q.level))
        })
        .sum()
}

/// The requirements `x` asks beyond `y`: absent from `y` or at a higher level.
fn extras<'r>(x: &'r Role, y: &Role) -> impl Iterator<Item = &'r Requirement> {
    x.requirements
        .iter()
        .filter(move |q| level_weight(y, &q.skill).is_none_or(|(l, _)| f64::from(q.level) > l))
}

/// What the person rated of what `x` asks beyond `y`: the share of it
/// rated and the share of the rated part met (both by weight × level);
/// None when `x` asks nothing beyond `y`.
fn extras_evidence(assessment: &Assessment, x: &Role, y: &Role) -> Option<(f64, f64)> {
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
fn meets_extras(assessment: &Assessment, x: &Role, y: &Role) -> bool {
    extras_evidence(assessment, x, y).is_some_and(|(rated, met)| rated >= 0.25 && met >= 0.9)
}

/// Whether what `x` asks beyond `y` is rated (at least half) and clearly
/// not met: more than a quarter of it short.
fn lacks_extras(assessment: &Assessment, x: &Role, y: &Role) -> bool {
    extras_evidence(assessment, x, y).is_some_and(|(rated, met)| rated >= 0.5 && met < 0.75)
}

/// The rated skills whose requirement differs between `a` and `b`, with
/// the way each rating pushes; only those with an effect.
fn deciding_skills(
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

fn name_of(skills: &HashMap<String, Skill>, id: &str) -> String {
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

fn rate_next_entry(
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
fn distinguishing_unrated(
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
fn heaviest_unrated(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analysis::tests::{person, role};
    use crate::model::{UnratedPolicy, analyse_role, rank_roles};

    fn skills() -> HashMap<String, Skill> {
        ["base", "ops", "oncall", "slo", "plat"]
            .iter()
            .map(|s| (s.to_string(), crate::model::analysis::tests::skill(s)))
            .collect()
    }

    /// "dev" and "rel", which builds on it and adds on-call and SLOs.
    fn nested() -> Vec<Role> {
        let dev = role("dev", &[("base", 3, 3), ("ops", 3, 2)]);
        let mut rel = role(
            "rel",
            &[
                ("base", 3, 3),
                ("ops", 3, 2),
                ("oncall", 4, 3),
                ("slo", 4, 3),
            ],
        );
        rel.extends = Some("dev".into());
        vec![dev, rel]
    }

    fn decide(ratings: &[(&str, f64)], roles: &[Role]) -> (Direction, Vec<RoleFit>) {
        let a = person(ratings);
        let sk = skills();
        let mut fits: Vec<RoleFit> = roles
            .iter()
            .map(|r| analyse_role(&a, r, &sk, UnratedPolicy::Skip))
            .collect();
        rank_roles(&mut fits);
        let d = direction(&a, &mut fits, roles, &sk).unwrap();
        (d, fits)
    }

    #[test]
    fn meeting_what_the_bigger_role_adds_names_it_rather_than_a_tie() {
        let (d, fits) = decide(
            &[("base", 4.0), ("ops", 4.0), ("oncall", 5.0), ("slo", 4.0)],
            &nested(),
        );
        assert_eq!((fits[0].fit, fits[1].fit), (100.0, 100.0));
        assert_eq!(d.call, Call::MeetsExtras);
        assert_eq!(d.best, "rel");
        assert_eq!(fits[0].id, "rel", "the winner leads the ranking");
        assert!(d.decided());
        let oncall = d.deciding.iter().find(|s| s.skill == "oncall").unwrap();
        assert_eq!(oncall.favours, "rel");
        assert!(oncall.effect > 0.0);
    }

    #[test]
    fn rated_and_short_extras_point_to_the_smaller_role() {
        let (d, _) = decide(
            &[("base", 4.0), ("ops", 4.0), ("oncall", 1.0), ("slo", 1.0)],
            &nested(),
        );
        assert_eq!(d.best, "dev");
        assert!(
            matches!(d.call, Call::Ahead | Call::ShortOfExtras),
            "{:?}",
            d.call
        );
        assert!(
            d.deciding
                .iter()
                .all(|s| s.favours == "dev" && s.effect != 0.0)
        );
    }

    #[test]
    fn fits_within_three_points_are_too_close_and_name_what_would_tip_it() {
        let a = role("a", &[("base", 5, 1), ("plat", 4, 3)]);
        let b = role("b", &[("ops", 5, 1), ("slo", 4, 3)]);
        // a: 2.6 of 5 → 52%, plat unrated; b: 2.59 of 5 → 51.8%, slo unrated.
        let (d, _) = decide(&[("base", 2.6), ("ops", 2.59)], &[a, b]);
        // Both are under the coverage minimum: not enough, not a lead.
        assert_eq!(d.call, Call::NotEnough);
        let a = role("a", &[("base", 5, 1)]);
        let b = role("b", &[("ops", 5, 1)]);
        let (d, fits) = decide(&[("base", 2.6), ("ops", 2.59)], &[a, b]);
        assert!((fits[0].fit - 52.0).abs() < 1e-9);
        assert_eq!(d.call, Call::TooClose);
        assert!(!d.decided());
        assert!(d.summary.starts_with("Too close to call"), "{}", d.summary);
    }

    #[test]
    fn a_judged_role_beaten_on_what_was_rated_is_not_named() {
        // "wide" is rated on all its 6 skills (fit 60%); "narrow" on one of
        // ten (100%) and cannot be judged: no closest fit.
        let six = ["base", "ops", "slo", "oncall", "plat", "y"];
        let wide_reqs: Vec<(&str, u8, u8)> = six.iter().map(|s| (*s, 5, 1)).collect();
        let wide = role("wide", &wide_reqs);
        let mut reqs: Vec<(&str, u8, u8)> = vec![("base", 3, 1)];
        let names: Vec<String> = (0..9).map(|i| format!("x{i}")).collect();
        reqs.extend(names.iter().map(|n| (n.as_str(), 3, 1)));
        let narrow = role("narrow", &reqs);
        let ratings: Vec<(&str, f64)> = six.iter().map(|s| (*s, 3.0)).collect();
        let (d, fits) = decide(&ratings, &[wide, narrow]);
        assert!(fits.iter().any(|f| f.id == "wide" && f.judged));
        assert_eq!(d.call, Call::NotEnough);
        assert!(d.summary.starts_with("No closest fit yet"), "{}", d.summary);
        assert!(!d.rate_next.is_empty());
    }

    #[test]
    fn confidence_follows_coverage() {
        assert_eq!(Confidence::of(85.0), Confidence::High);
        assert_eq!(Confidence::of(50.0), Confidence::Moderate);
        assert_eq!(Confidence::of(10.0), Confidence::Low);
    }

    #[test]
    fn needs_text_states_the_weight_when_levels_are_equal() {
        assert_eq!(
            needs_text(Some((3, 3)), Some((3, 2)), "SRE", "DevOps"),
            "both need 3; core for SRE, important for DevOps"
        );
        assert_eq!(
            needs_text(Some((4, 3)), None, "SRE", "DevOps"),
            "SRE needs 4, DevOps does not require it"
        );
    }
}
