//! Which role fits best, how sure that is, and the skills that decide it.
//!
//! One comparison serves both questions a report answers: the closest fit
//! among every compared role, and "DevOps or SRE?". Only given ratings
//! count as evidence: a role is named only when enough of it is rated
//! ([`COVERAGE_MIN`]), fits closer than [`TOO_CLOSE`] points are "too close
//! to call" unless one role's extra requirements are demonstrably met,
//! and what nobody rated becomes "rate these next", never a number. What
//! the ratings show about two roles is worked out in [`super::evidence`].

use super::analysis::{COVERAGE_MIN, TOO_CLOSE};
pub use super::evidence::{DecidingSkill, RateNext, needs_text, short};
use super::evidence::{
    adds, deciding_skills, distinguishing_unrated, heaviest_unrated, lacks_extras, meets_extras,
    shown,
};
use super::{Assessment, Role, RoleFit, Skill};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

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
    // Whole and one-decimal values (nearly all) are written from integers:
    // `{:.1}` takes Rust's exact float formatting, 1% of a batch's CPU.
    // `v * 10` rounding to a whole number puts `v` far from any .x5 tie,
    // so both ways give the same text.
    let tenths = v * 10.0;
    if v != 0.0 && tenths.fract() == 0.0 && tenths.abs() < 1e15 {
        let t = tenths as i64;
        let sign = if t < 0 { "-" } else { "" };
        let (whole, tenth) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
        return if v.fract() == 0.0 {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{tenth}")
        };
    }
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

    #[test]
    fn num_writes_what_float_formatting_writes() {
        let mut v = -60.0f64;
        while v < 60.0 {
            for x in [v, v / 3.0, v * 0.1, v + 0.05, v + 0.25] {
                let want = if x.fract() == 0.0 {
                    format!("{x:.0}")
                } else {
                    format!("{x:.1}")
                };
                assert_eq!(num(x), want, "{x}");
            }
            v += 0.1;
        }
        assert_eq!(
            (num(2.5), num(-0.5), num(100.0), num(0.0)),
            ("2.5".into(), "-0.5".into(), "100".into(), "0".into())
        );
    }

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
