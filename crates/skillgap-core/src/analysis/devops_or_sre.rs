//! "DevOps or SRE?": the question the product exists to answer, on every
//! report that compares both roles, whichever role fits best overall.
//!
//! The answer is the decision's ([`crate::model::decide`]), phrased in
//! [`super::decision_words`]; the learning plan says what each path
//! would cost: the hours of the plan that takes the person's fit to
//! [`READY`]% on that role, at their hours per week.

use super::decision_words as words;
use crate::catalog::Catalog;
use crate::model::{
    Assessment, Call, Confidence, DecidingSkill, Decision, Gap, Path, RateNext, Role, RoleFit,
    RoleId, SkillId, blocking_gaps, short,
};
pub use crate::model::{DEVOPS, SRE};
use crate::plan::{Library, PlanOptions, Target, plan_hours};
use crate::text::pct;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Fit (%) at which a path counts as ready.
pub const READY: f64 = 80.0;

/// One path's standing and what reaching [`READY`] would take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathFit {
    /// Role id.
    pub id: RoleId,
    /// Role title.
    pub title: String,
    /// Fit over the rated requirements, %.
    pub fit: f64,
    /// Share of the role's weighted requirements rated, %.
    pub coverage: f64,
    /// Requirements rated / all.
    pub rated: usize,
    /// See `rated`.
    pub required: usize,
    /// Whether enough is rated to judge the role.
    pub judged: bool,
    /// Whether the person is ready for the role (the decision's rule).
    #[serde(default)]
    pub ready: bool,
    /// Its defining skills without a rating: readiness waits on them.
    #[serde(default)]
    pub to_rate: Vec<String>,
    /// Study hours the learning plan needs for the person to be ready, by
    /// the decision's rule (every gap it does not tolerate closed and the
    /// fit at [`READY`]%), on the skills rated; 0 when ready already.
    pub hours_to_ready: u32,
    /// `hours_to_ready` at the person's hours per week, rounded up.
    pub weeks_to_ready: u32,
    /// Gaps no catalogue resource covers on the way (their hours are not
    /// in `hours_to_ready`).
    pub uncovered: usize,
}

/// A source on the question itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Title as published.
    pub title: String,
    /// Where to read it.
    pub url: String,
}

/// The answer to "DevOps or SRE?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DevopsOrSre {
    /// DevOps Engineer.
    pub devops: PathFit,
    /// Site Reliability Engineer.
    pub sre: PathFit,
    /// The role id the answer names; None when too close or not enough
    /// is rated.
    pub answer: Option<String>,
    /// What kind of answer it is.
    pub call: Call,
    /// How sure it is.
    pub confidence: Confidence,
    /// The answer in one plain sentence.
    pub sentence: String,
    /// The rated skills that push one way or the other; `effect` > 0
    /// favours `lead`.
    pub deciding: Vec<DecidingSkill>,
    /// The role the comparison leads with (`deciding`'s sign).
    pub lead: String,
    /// Unrated skills whose ratings would decide it.
    pub rate_next: Vec<RateNext>,
    /// What the person said they want to grow in that bears on it.
    pub interest: Option<String>,
    /// Where to read about the question itself.
    pub sources: Vec<Source>,
}

/// The sources on the question (Google's SRE books, free online).
fn sources() -> Vec<Source> {
    [
        (
            "The Site Reliability Workbook, ch. 1: How SRE Relates to DevOps (O'Reilly, 2018)",
            "https://sre.google/workbook/how-sre-relates/",
        ),
        (
            "Site Reliability Engineering, ch. 1: Introduction (O'Reilly, 2016)",
            "https://sre.google/sre-book/introduction/",
        ),
    ]
    .into_iter()
    .map(|(t, u)| Source {
        title: t.to_string(),
        url: u.to_string(),
    })
    .collect()
}

impl DevopsOrSre {
    /// The block, phrased from `decision`, when both roles are among
    /// `fits`. `interest` is the person's interest per skill (roll-ups
    /// included).
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        decision: &Decision,
        assessment: &Assessment,
        fits: &[RoleFit],
        roles: &[Role],
        catalog: &Catalog,
        library: &Library<'_>,
        plan: &PlanOptions,
        interest: &BTreeMap<SkillId, u8>,
    ) -> Option<DevopsOrSre> {
        let p = decision.devops_or_sre.as_ref()?;
        let find = |id: &str| {
            let f = fits.iter().find(|f| f.id == id)?;
            let role = roles.iter().find(|r| r.id == id)?;
            Some((f, role))
        };
        let (dfit, drole) = find(DEVOPS)?;
        let (sfit, srole) = find(SRE)?;
        let names = |id: &str| {
            catalog
                .skill(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        };
        let (call, answer, sentence, confidence) = words::path_sentence(decision, roles, &names);
        // The answer's side leads the deciding skills.
        let (lead, other) = if p.answer == Path::Sre {
            (SRE, DEVOPS)
        } else {
            (DEVOPS, SRE)
        };
        let deciding = match p.answer {
            Path::Devops | Path::Sre => words::deciding(decision, lead, other, roles),
            // Both sides in turn: neither leads the reasons.
            Path::Either => {
                let all = words::deciding(decision, SRE, DEVOPS, roles);
                let (sre, devops): (Vec<_>, Vec<_>) =
                    all.into_iter().partition(|d| d.favours == SRE);
                let mut v = Vec::new();
                let (mut a, mut b) = (sre.into_iter(), devops.into_iter());
                loop {
                    match (a.next(), b.next()) {
                        (None, None) => break,
                        (x, y) => v.extend(x.into_iter().chain(y)),
                    }
                }
                v
            }
            _ => vec![],
        };
        let path = |f: &RoleFit| {
            let mut p = path_fit(f, assessment, library, plan);
            p.to_rate = decision
                .evidence_of(&f.id)
                .map(|e| {
                    // Readiness waits on the defining skills, not the
                    // supporting ones.
                    e.defining
                        .iter()
                        .filter(|d| d.rating.is_none() && !d.supporting)
                        .map(|d| d.name.clone())
                        .collect()
                })
                .unwrap_or_default();
            p
        };
        Some(DevopsOrSre {
            devops: path(dfit),
            sre: path(sfit),
            answer,
            call,
            confidence,
            sentence,
            deciding,
            lead: lead.to_string(),
            rate_next: words::rate_next_words(&p.rate_next, &[SRE, DEVOPS], roles),
            interest: interest_lean(interest, drole, srole, catalog),
            sources: sources(),
        })
    }
}

/// Fit, coverage and the hours to [`READY`] for one path: the role's gaps
/// in priority order until closing them would bring the fit there, planned
/// with the catalogue as the report's own plan is.
fn path_fit(
    f: &RoleFit,
    assessment: &Assessment,
    library: &Library<'_>,
    opts: &PlanOptions,
) -> PathFit {
    let weight = |w: u8, l: f64| f64::from(w) * l;
    let wanted: f64 = f
        .gaps
        .iter()
        .map(|g| weight(g.weight, f64::from(g.required)))
        .chain(
            f.strengths
                .iter()
                .map(|s| weight(s.weight, f64::from(s.required))),
        )
        .sum();
    let mut got: f64 = f
        .gaps
        .iter()
        .map(|g| weight(g.weight, g.rating.unwrap_or(0.0)))
        .chain(
            f.strengths
                .iter()
                .map(|s| weight(s.weight, f64::from(s.required))),
        )
        .sum();
    // First what the readiness rule does not tolerate, then by priority
    // until the fit reaches READY.
    let mut chosen: Vec<&Gap> = Vec::new();
    if !f.ready {
        for g in blocking_gaps(f) {
            got += weight(g.weight, g.gap);
            chosen.push(g);
        }
        for g in &f.gaps {
            if wanted <= 0.0 || got >= READY / 100.0 * wanted {
                break;
            }
            if !chosen.iter().any(|c| std::ptr::eq(*c, g)) {
                got += weight(g.weight, g.gap);
                chosen.push(g);
            }
        }
    }
    // In the gaps' priority order, as the plan takes them.
    let targets: Vec<Target> = f
        .gaps
        .iter()
        .filter(|g| chosen.iter().any(|c| std::ptr::eq(*c, *g)))
        .map(Target::from_gap)
        .collect();
    // Ready already: nothing to plan.
    let (hours, uncovered) = if targets.is_empty() {
        (0, 0)
    } else {
        plan_hours(&targets, library, opts.cloud.as_deref(), &|s| {
            assessment.rating(s)
        })
    };
    let weeks = if opts.hours_per_week > 0.0 {
        (f64::from(hours) / opts.hours_per_week).ceil() as u32
    } else {
        0
    };
    PathFit {
        id: f.id.clone(),
        title: f.title.clone(),
        fit: f.fit,
        coverage: f.coverage,
        rated: f.rated,
        required: f.required,
        judged: f.judged,
        ready: f.ready,
        to_rate: Vec::new(),
        hours_to_ready: hours,
        weeks_to_ready: weeks,
        uncovered,
    }
}

impl PathFit {
    /// "97%, 9 of 30 skills rated (39% by weight, too few to judge)", with
    /// the fit to a tenth when `tenths` (as a report that is too close to
    /// call gives every fit).
    pub fn standing_in(&self, tenths: bool) -> String {
        let fit = if tenths && self.fit.is_finite() {
            format!("{:.1}", self.fit)
        } else {
            pct(self.fit).to_string()
        };
        format!(
            "{fit}%, {} of {} skills rated ({}% by weight{})",
            self.rated,
            self.required,
            pct(self.coverage),
            if self.judged {
                ""
            } else {
                ", too few to judge"
            }
        )
    }
}

impl DevopsOrSre {
    /// "How sure it is DevOps rather than SRE: high" — the question named,
    /// so it never reads as a second answer to the closest fit.
    pub fn how_sure(&self) -> String {
        let q = match (self.answer.as_deref(), self.call) {
            (Some(SRE), _) => "How sure it is SRE rather than DevOps",
            (Some(_), _) => "How sure it is DevOps rather than SRE",
            (None, Call::Either) => "How sure both fit",
            _ => "How sure",
        };
        format!("{q}: {}", self.confidence.label())
    }
}

/// "about 60 h (12 weeks at your pace) to be ready" / "ready for it
/// already", with "on the skills you rated" when not all of the role was
/// rated; ready by the decision's rule.
pub fn effort(p: &PathFit) -> String {
    let scope = if p.rated < p.required {
        " on the skills you rated"
    } else {
        ""
    };
    let rate = if p.to_rate.is_empty() {
        String::new()
    } else {
        format!(
            "; a rating of {} would tell",
            crate::text::and_list(&p.to_rate)
        )
    };
    if p.ready {
        "ready for it already".to_string()
    } else if p.hours_to_ready == 0 {
        format!("nothing you rated stands in the way{rate}")
    } else {
        format!(
            "about {} h ({} week{} at your pace) to be ready{scope}{rate}",
            p.hours_to_ready,
            p.weeks_to_ready,
            if p.weeks_to_ready == 1 { "" } else { "s" },
        )
    }
}

/// The skills the person wants to grow in (medium or high) that only one
/// of the two roles asks more of: "You want to grow in SLOs & error
/// budgets and On-call, which SRE asks for."
fn interest_lean(
    interest: &BTreeMap<SkillId, u8>,
    devops: &Role,
    sre: &Role,
    catalog: &Catalog,
) -> Option<String> {
    let level = |r: &Role, id: &str| {
        r.requirements
            .iter()
            .find(|q| q.skill == id)
            .map_or(0, |q| q.level)
    };
    let name = |id: &SkillId| {
        catalog
            .skill(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let (mut to_sre, mut to_devops) = (Vec::new(), Vec::new());
    for (id, &l) in interest {
        if l < crate::model::WANTS_TO_GROW {
            continue;
        }
        match level(sre, id).cmp(&level(devops, id)) {
            std::cmp::Ordering::Greater => to_sre.push(name(id)),
            std::cmp::Ordering::Less => to_devops.push(name(id)),
            std::cmp::Ordering::Equal => {}
        }
    }
    let part = |v: &[String], r: &Role| {
        (!v.is_empty()).then(|| format!("{}, which {} asks more of", v.join(", "), short(r)))
    };
    let parts: Vec<String> = [part(&to_sre, sre), part(&to_devops, devops)]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| format!("You want to grow in {}.", parts.join("; and in ")))
}
