//! The decision: one answer per person, computed once, that every section
//! of every output phrases and none works out again.
//!
//! A mentor names a role by what sets it apart, not by shared basics: each
//! role profile marks its *defining* skills (`defining = true`; a role
//! without marks is defined by its core requirements). The rules, in plain
//! words (docs/scoring.md says the same):
//!
//! - **Evidence for a role** is how much of its defining skills the person
//!   shows, by weight: a defining skill rated at or above its level counts
//!   whole, one level short counts half, further short or not rated counts
//!   nothing ([`RoleEvidence::shown`]). Not rated is unknown, never 0: it
//!   only lowers what is *shown*, and a role is judged only when at least
//!   half of its defining skills (by weight) are rated ([`JUDGED_SHARE`]).
//! - **A role is named** when it is judged, at least one of its defining
//!   skills is met, at least half of what was rated of them is shown, and
//!   it shows the most (and never on fewer than six ratings); a specialist (Platform, Cloud,
//!   DevSecOps, whose `base` is DevOps) shown about as well as its base is
//!   named over the base. Another judged role within [`MARGIN`] makes it
//!   **too close** (the two are named); no judged role with a defining skill
//!   met is **not enough ratings**; ratings that are nearly all 1–2 are
//!   **too early to choose**.
//! - **DevOps or SRE** follows from the same evidence: "either" when both
//!   sides' defining skills are strong, SRE when SRE is named or its own
//!   practices (those DevOps does not ask for: on-call, SLOs, postmortems)
//!   are rated at level and ahead, DevOps otherwise, for it is the delivery
//!   side that Platform, Cloud and DevSecOps work on. With no role named,
//!   SRE's own practices rated and mostly short still say DevOps.
//! - **Ready** for a role ([`ready`]): judged, fit ≥ [`READY_FIT`]%, every
//!   defining skill rated, no core requirement a level or more short, no
//!   requirement two levels short, at most two others a level short.

use super::{Assessment, Confidence, RateNext, RatingState, Role, RoleFit, RoleId, Skill, SkillId};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Share of a role's defining skills (by weight) that must be rated for
/// the role to be judged.
pub const JUDGED_SHARE: f64 = 0.5;

/// Two roles whose shown evidence is closer than this (a share of their
/// defining weight) are too close to call.
pub const MARGIN: f64 = 0.1;

/// How much more of what was rated an unjudged role must show than the
/// lead for the ratings to point elsewhere ("not enough" rather than a guess).
const SHADOW: f64 = 0.2;

/// Shown evidence from which a side of "DevOps or SRE?" counts as strong.
pub const STRONG: f64 = 0.8;

/// Fit (%) a role needs for the person to be ready for it.
pub const READY_FIT: f64 = 80.0;

/// Largest rating a junior gives, and the share of ratings at it below
/// which the answer is "too early to choose".
const JUNIOR_MAX: f64 = 3.0;
const JUNIOR_SHARE: f64 = 0.35;
/// Fewest ratings of required skills from which a role is named: with
/// three to five, a mentor asks for more before answering. (Profiles that
/// ask few skills in all need a third of them.)
const MIN_RATED: usize = 6;
/// How many skills "rate next" names.
const RATE_NEXT_MAX: usize = 6;
/// Fewest ratings from which "too early" is said rather than "not enough".
const JUNIOR_MIN_RATED: usize = 5;

/// What kind of answer the decision gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// One role is named.
    Named,
    /// Two roles' defining skills are shown about equally.
    TooClose,
    /// No role's defining skills are rated enough, or met, to judge.
    NotEnough,
    /// Nearly every rating is 1–2: build the shared base before choosing.
    TooEarly,
}

/// The answer to "DevOps or SRE?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Path {
    /// Go DevOps.
    Devops,
    /// Go SRE.
    Sre,
    /// Both sides are strong: interest decides.
    Either,
    /// The rated evidence does not separate them.
    TooClose,
    /// Not enough of either side is rated.
    NotEnough,
    /// Too early to choose.
    TooEarly,
}

impl Path {
    /// The role id the answer names, for the two that name one.
    pub fn role(self) -> Option<&'static str> {
        match self {
            Path::Devops => Some(DEVOPS),
            Path::Sre => Some(SRE),
            _ => None,
        }
    }
}

/// The role ids "DevOps or SRE?" compares.
pub const DEVOPS: &str = "devops";
/// See [`DEVOPS`].
pub const SRE: &str = "sre";

/// One defining skill of a role and what the person shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DefiningSkill {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Level the role asks.
    pub required: u8,
    /// Weight in the role.
    pub weight: u8,
    /// Supporting evidence rather than defining: counts when rated, never
    /// against the role when not.
    #[serde(default)]
    pub supporting: bool,
    /// The person's rating, when given.
    pub rating: Option<f64>,
    /// Rated, left blank, or not asked.
    pub state: RatingState,
}

impl DefiningSkill {
    /// Whole when met, half when one level short, else nothing.
    pub fn credit(&self) -> f64 {
        match self.rating {
            Some(r) if r >= f64::from(self.required) => 1.0,
            Some(r) if r >= f64::from(self.required) - 1.0 => 0.5,
            _ => 0.0,
        }
    }

    /// Rated at or above the level asked.
    pub fn met(&self) -> bool {
        self.credit() >= 1.0
    }
}

/// What the ratings show of one role's defining skills.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleEvidence {
    /// Role id.
    pub role: RoleId,
    /// Share (0–1) of the defining weight shown: met whole, a level short half.
    pub shown: f64,
    /// Share (0–1) of the defining weight rated.
    pub rated: f64,
    /// Whether enough of the defining skills is rated to judge the role.
    pub judged: bool,
    /// The defining skills, in the profile's order.
    pub defining: Vec<DefiningSkill>,
}

impl RoleEvidence {
    /// How many defining skills are met.
    pub fn met(&self) -> usize {
        self.defining.iter().filter(|d| d.met()).count()
    }

    /// What was rated of the defining skills, how much is shown (0–1).
    pub fn rated_shown(&self) -> f64 {
        if self.rated > 0.0 {
            self.shown / self.rated
        } else {
            0.0
        }
    }

    /// Judged, at least one defining skill met, and at least half of what
    /// was rated of them shown: a role that can be named. (A role whose
    /// own practices are rated and mostly short is not named on the one
    /// skill it shares with others.)
    pub fn nameable(&self) -> bool {
        self.judged && self.met() > 0 && self.shown >= 0.5 * self.rated - 1e-9
    }
}

/// A skill a reason rests on: a defining skill of the role it argues for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// The role whose defining skill it is, and for which it argues.
    pub role: RoleId,
    /// The person's rating.
    pub rating: Option<f64>,
    /// What that role asks.
    pub required: u8,
    /// Whether the rating meets it (a reason for) or not (what holds it back).
    pub met: bool,
}

/// A skill to work on first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct First {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
}

impl First {
    fn of(skill: &str, name: &str) -> First {
        First {
            skill: skill.into(),
            name: name.to_string(),
        }
    }
}

/// The answer to "DevOps or SRE?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathDecision {
    /// The answer.
    pub answer: Path,
    /// How sure it is.
    pub confidence: Confidence,
    /// The defining skills of the side(s) the answer names, as rated.
    pub reasons: Vec<Reason>,
    /// Unrated defining skills of either side that would change it.
    pub rate_next: Vec<RateNext>,
}

/// One person's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// What kind of answer.
    pub call: Verdict,
    /// The named role; with too close, the one ahead; otherwise None.
    pub role: Option<RoleId>,
    /// The two roles of a too-close call.
    pub between: Vec<RoleId>,
    /// The role the named one is compared with: the next role that can be
    /// named, else the next most shown (never the named role's base).
    pub runner_up: Option<RoleId>,
    /// How sure the named role (or the call) is.
    pub confidence: Confidence,
    /// Whether the person could do `role` at mid level today.
    pub ready: bool,
    /// The answer to "DevOps or SRE?", when both are compared.
    pub devops_or_sre: Option<PathDecision>,
    /// Why `role`: its defining skills as rated, met ones first.
    pub reasons: Vec<Reason>,
    /// Unrated skills whose ratings could change the answer.
    pub rate_next: Vec<RateNext>,
    /// What to work on first.
    pub first: Vec<First>,
    /// The role the plan works toward.
    pub plan_role: Option<RoleId>,
    /// The evidence per compared role, in the fits' order.
    pub evidence: Vec<RoleEvidence>,
}

impl Decision {
    /// Whether a role is named.
    pub fn named(&self) -> Option<&str> {
        (self.call == Verdict::Named)
            .then_some(self.role.as_deref())
            .flatten()
    }

    /// The evidence for a role.
    pub fn evidence_of(&self, role: &str) -> Option<&RoleEvidence> {
        self.evidence.iter().find(|e| e.role == role)
    }
}

/// The defining requirements of a role (with the supporting ones): those
/// marked, else its heaviest (the core ones, in a profile that has core
/// requirements).
pub fn defining_of(role: &Role) -> impl Iterator<Item = &super::Requirement> {
    let marked = role.requirements.iter().any(|q| q.defining || q.supporting);
    let heaviest = role
        .requirements
        .iter()
        .map(|q| q.weight)
        .max()
        .unwrap_or(0);
    role.requirements.iter().filter(move |q| {
        if marked {
            q.defining || q.supporting
        } else {
            q.weight == heaviest
        }
    })
}

/// What the person shows of `role`'s defining skills.
pub fn evidence(a: &Assessment, role: &Role, skills: &HashMap<SkillId, Skill>) -> RoleEvidence {
    let defining: Vec<DefiningSkill> = defining_of(role)
        .map(|q| DefiningSkill {
            skill: q.skill.clone(),
            name: skills
                .get(&q.skill)
                .map_or_else(|| q.skill.to_string(), |s| s.name.clone()),
            required: q.level,
            weight: q.weight,
            supporting: q.supporting && !q.defining,
            rating: a.rating(&q.skill),
            state: a.state(&q.skill),
        })
        .collect();
    // A defining skill always counts; a supporting one (APM or capacity
    // for an SRE) is evidence when rated, and its absence takes nothing away.
    let counts = |d: &DefiningSkill| !d.supporting || d.rating.is_some();
    let total: f64 = defining
        .iter()
        .filter(|d| counts(d))
        .map(|d| f64::from(d.weight))
        .sum();
    let share = |f: &dyn Fn(&DefiningSkill) -> f64| {
        if total > 0.0 {
            defining
                .iter()
                .filter(|d| counts(d))
                .map(|d| f64::from(d.weight) * f(d))
                .sum::<f64>()
                / total
        } else {
            0.0
        }
    };
    let shown = share(&|d| d.credit());
    let rated = share(&|d| if d.rating.is_some() { 1.0 } else { 0.0 });
    RoleEvidence {
        role: role.id.clone(),
        shown,
        rated,
        judged: total > 0.0 && rated >= JUDGED_SHARE - 1e-9,
        defining,
    }
}

/// The rated gaps the readiness rule does not tolerate, in the fit's
/// priority order: a core requirement a level or more short, any two
/// levels short, every half-level core gap but one, every one-level gap
/// of the others but the last two. Closing them (and reaching
/// [`READY_FIT`]) is what "ready" asks; the box's hours plan them first.
pub fn blocking_gaps(fit: &RoleFit) -> Vec<&super::Gap> {
    let rated: Vec<&super::Gap> = fit.gaps.iter().filter(|g| g.rated).collect();
    let half_core: Vec<&super::Gap> = rated
        .iter()
        .copied()
        .filter(|g| g.weight >= 3 && g.gap < 1.0)
        .collect();
    let one_level: Vec<&super::Gap> = rated
        .iter()
        .copied()
        .filter(|g| g.weight < 3 && (1.0..2.0).contains(&g.gap))
        .collect();
    let extra_half = half_core.get(1..).unwrap_or_default();
    let extra_one = &one_level[..one_level.len().saturating_sub(2)];
    rated
        .into_iter()
        .filter(|g| {
            g.gap >= 2.0
                || (g.weight >= 3 && g.gap >= 1.0)
                || extra_half.iter().any(|x| std::ptr::eq(*x, *g))
                || extra_one.iter().any(|x| std::ptr::eq(*x, *g))
        })
        .collect()
}

/// Whether the person could do the role at mid level today (see the module
/// docs for the rule): judged, fit at [`READY_FIT`]%, every defining skill
/// rated — a supporting one unrated (APM for an SRE) leaves less known but
/// does not hold readiness back — and no gap [`blocking_gaps`] names.
pub fn ready(fit: &RoleFit, ev: &RoleEvidence) -> bool {
    let defining_unrated = ev
        .defining
        .iter()
        .any(|d| !d.supporting && d.rating.is_none());
    fit.judged && fit.fit >= READY_FIT && !defining_unrated && blocking_gaps(fit).is_empty()
}

/// The person's ratings of skills some compared role requires, and how
/// many such skills there are.
fn required_ratings<'a>(a: &'a Assessment, roles: &'a [&'a Role]) -> (Vec<f64>, usize) {
    let mut seen: Vec<&str> = Vec::new();
    for r in roles {
        for q in &r.requirements {
            if !seen.contains(&q.skill.as_str()) {
                seen.push(&q.skill);
            }
        }
    }
    (
        seen.iter().filter_map(|s| a.rating(s)).collect(),
        seen.len(),
    )
}

/// Nearly every rating 1–2 (fewer than a third at 3 or more, at most one
/// above 3 — a Git 4 does not make a direction): a junior.
fn junior(ratings: &[f64]) -> bool {
    if ratings.len() < JUNIOR_MIN_RATED {
        return false;
    }
    let above = ratings.iter().filter(|&&r| r > JUNIOR_MAX).count();
    let at_three = ratings.iter().filter(|&&r| r >= JUNIOR_MAX).count();
    above <= 1 && (at_three as f64) < JUNIOR_SHARE * ratings.len() as f64
}

/// What one decision looks at: the role analyses, the evidence per
/// compared role and the compared profiles.
struct Compared<'a> {
    fits: &'a [RoleFit],
    roles: Vec<&'a Role>,
    evidence: Vec<RoleEvidence>,
}

impl<'a> Compared<'a> {
    fn ev(&self, id: &str) -> Option<&RoleEvidence> {
        self.evidence.iter().find(|e| e.role == id)
    }

    fn role(&self, id: &str) -> Option<&'a Role> {
        self.roles.iter().copied().find(|r| r.id == id)
    }

    fn base_of(&self, id: &str) -> Option<RoleId> {
        self.role(id).and_then(|r| r.base.clone())
    }

    /// The fits' ranking of a role (lower first).
    fn rank(&self, id: &str) -> usize {
        self.fits
            .iter()
            .position(|f| f.id == id)
            .unwrap_or(usize::MAX)
    }

    /// The most shown of `among`, ties broken by the fits' ranking.
    fn most_shown<'e>(
        &self,
        among: impl Iterator<Item = &'e RoleEvidence>,
    ) -> Option<&'e RoleEvidence> {
        among.max_by(|x, y| {
            x.shown
                .total_cmp(&y.shown)
                .then(self.rank(&y.role).cmp(&self.rank(&x.role)))
        })
    }
}

/// The call with its lead role and runner-up among the nameable roles.
type Call<'e> = (Verdict, Option<&'e RoleEvidence>, Option<&'e RoleEvidence>);

/// Decides for one person. `fits` are the role analyses (any order);
/// `roles` the compared profiles; `target` a role id the person aims at.
pub fn decide(
    a: &Assessment,
    fits: &[RoleFit],
    roles: &[Role],
    skills: &HashMap<SkillId, Skill>,
    target: Option<&str>,
) -> Decision {
    let compared: Vec<&Role> = fits
        .iter()
        .filter_map(|f| roles.iter().find(|r| r.id == f.id))
        .collect();
    let evidence = compared.iter().map(|r| evidence(a, r, skills)).collect();
    let c = Compared {
        fits,
        roles: compared,
        evidence,
    };
    let (ratings, asked_of) = required_ratings(a, &c.roles);
    let (call, lead, runner) = the_call(&c, &ratings, asked_of);
    let all_fits_low = fits.iter().all(|f| !f.fit.is_finite() || f.fit < 50.0);
    let confidence = call_confidence(&c, call, lead, runner, all_fits_low);
    let role = lead.map(|l| l.role.clone());
    let is_ready = role
        .as_deref()
        .and_then(|id| Some(ready(fits.iter().find(|f| f.id == id)?, c.ev(id)?)))
        .unwrap_or(false);
    let between = match (call, lead, runner) {
        (Verdict::TooClose, Some(l), Some(r)) => vec![l.role.clone(), r.role.clone()],
        _ => vec![],
    };
    // Compared with: the next nameable role, else the next most shown.
    let runner = runner.or_else(|| {
        let lead = lead?;
        let base = c.base_of(&lead.role);
        c.most_shown(
            c.evidence
                .iter()
                .filter(|e| e.role != lead.role && Some(&e.role) != base.as_ref() && e.shown > 0.0),
        )
    });
    let rate_next = rate_next_for(call, lead, runner, &c.evidence);
    let devops_or_sre = match (c.ev(DEVOPS), c.ev(SRE)) {
        (Some(d), Some(s)) => {
            let mut p = path_decision(call, &role, &between, d, s, |id| c.role(id), all_fits_low);
            // An answer that rests on the overall call (SRE named, or one of
            // a too-close pair) is no surer than that call.
            let rests_on_call = match call {
                Verdict::Named => p.answer.role() == role.as_deref(),
                Verdict::TooClose => between.iter().any(|b| b == SRE),
                _ => false,
            };
            if rests_on_call {
                p.confidence = p.confidence.min(confidence);
            }
            Some(p)
        }
        _ => None,
    };
    let plan_role = plan_role_for(&c, target, role.as_deref(), devops_or_sre.as_ref());
    let first = first_for(call, &rate_next, plan_role.as_deref(), fits, &c.evidence);
    Decision {
        call,
        reasons: lead.map(RoleEvidence::reasons).unwrap_or_default(),
        runner_up: runner.map(|r| r.role.clone()),
        role,
        between,
        confidence,
        ready: is_ready,
        devops_or_sre,
        rate_next,
        first,
        plan_role,
        evidence: c.evidence,
    }
}

/// Too early, not enough, too close or named — and who leads.
fn the_call<'e>(c: &'e Compared<'_>, ratings: &[f64], asked_of: usize) -> Call<'e> {
    // Nameable roles, most shown first (ties: the fits' ranking).
    let mut cands: Vec<&RoleEvidence> = c.evidence.iter().filter(|e| e.nameable()).collect();
    cands.sort_by(|x, y| {
        y.shown
            .total_cmp(&x.shown)
            .then(c.rank(&x.role).cmp(&c.rank(&y.role)))
    });
    let min_rated = MIN_RATED.min(asked_of.div_ceil(3));
    if junior(ratings) {
        return (Verdict::TooEarly, None, None);
    }
    let Some(first) = cands.first().filter(|_| ratings.len() >= min_rated) else {
        return (Verdict::NotEnough, None, None);
    };
    // A specialism beats its base when shown about as well — overall, or,
    // strongly and no less than the base, in what was rated of it (a
    // supply-chain specialist whose security and vulnerability skills were
    // never asked).
    let lead = cands
        .iter()
        .find(|s| {
            c.role(&s.role).and_then(|r| r.base.as_deref()) == Some(first.role.as_str())
                && (s.shown >= first.shown - MARGIN
                    || (s.rated_shown() >= STRONG && s.rated_shown() >= first.rated_shown()))
        })
        .copied()
        .unwrap_or(first);
    let base = c.base_of(&lead.role);
    let runner = cands
        .iter()
        .find(|x| x.role != lead.role && Some(&x.role) != base.as_ref())
        .copied();
    // What was rated of another role points there more clearly, but too
    // little of it is rated to judge: naming the lead would be a guess (a
    // sysadmin with monitoring and troubleshooting at 4 and on-call never
    // asked is not a Cloud engineer for networking 4).
    let elsewhere = c
        .evidence
        .iter()
        .any(|e| !e.judged && e.met() >= 2 && e.rated_shown() > lead.rated_shown() + SHADOW);
    match runner {
        _ if elsewhere => (Verdict::NotEnough, None, None),
        Some(r) if lead.shown - r.shown < MARGIN => (Verdict::TooClose, Some(lead), Some(r)),
        _ => (Verdict::Named, Some(lead), runner),
    }
}

/// How sure the call is: high only when every defining skill of the named
/// role is rated, it leads clearly, is well shown and nothing unrated
/// could overturn it.
fn call_confidence(
    c: &Compared<'_>,
    call: Verdict,
    lead: Option<&RoleEvidence>,
    runner: Option<&RoleEvidence>,
    all_fits_low: bool,
) -> Confidence {
    let (Verdict::Named, Some(l)) = (call, lead) else {
        return Confidence::Low;
    };
    let margin = l.shown - runner.map_or(0.0, |r| r.shown);
    // Another role not fully rated, whose rated defining skills are met
    // better: the deciding evidence is not all in.
    let unsettled = c.evidence.iter().any(|e| {
        e.rated < 1.0 - 1e-9
            && e.role != l.role
            && e.met() >= 2
            && e.rated_shown() > l.rated_shown()
    });
    if l.shown < 0.5 || all_fits_low {
        Confidence::Low
    } else if l.rated >= 1.0 - 1e-9 && margin >= 0.25 && l.shown >= 0.75 && !unsettled {
        Confidence::High
    } else {
        Confidence::Moderate
    }
}

/// The role the plan works toward: the person's target, else the named
/// role, else the DevOps-or-SRE answer, else the role most shown.
fn plan_role_for(
    c: &Compared<'_>,
    target: Option<&str>,
    role: Option<&str>,
    devops_or_sre: Option<&PathDecision>,
) -> Option<RoleId> {
    target
        .filter(|t| c.fits.iter().any(|f| f.id == *t))
        .or(role)
        .or_else(|| devops_or_sre.and_then(|p| p.answer.role()))
        .map(RoleId::from)
        .or_else(|| {
            c.most_shown(c.evidence.iter())
                .filter(|e| e.shown > 0.0)
                .map(|e| e.role.clone())
                .or_else(|| c.fits.first().map(|f| f.id.clone()))
        })
}

impl RoleEvidence {
    /// The rated defining skills as reasons, met ones (reasons for) first.
    pub fn reasons(&self) -> Vec<Reason> {
        let e = self;
        let mut v: Vec<Reason> = e
            .defining
            .iter()
            .filter(|d| d.rating.is_some())
            .map(|d| Reason {
                skill: d.skill.clone(),
                name: d.name.clone(),
                role: e.role.clone(),
                rating: d.rating,
                required: d.required,
                met: d.met(),
            })
            .collect();
        v.sort_by_key(|r| !r.met);
        v
    }
}

/// Unrated defining skills of the roles that could change the answer:
/// the pair when too close or named with a runner-up, every role's
/// heaviest when not enough; none when too early (the base comes first).
fn rate_next_for(
    call: Verdict,
    lead: Option<&RoleEvidence>,
    runner: Option<&RoleEvidence>,
    all: &[RoleEvidence],
) -> Vec<RateNext> {
    let from: Vec<&RoleEvidence> = match call {
        Verdict::TooEarly => return vec![],
        Verdict::NotEnough => all.iter().collect(),
        _ => lead.into_iter().chain(runner).collect(),
    };
    // Each role's unrated defining skills, heaviest first; then taken in
    // turn, one of each role, so every direction gets its question.
    let queues: Vec<Vec<&DefiningSkill>> = from
        .iter()
        .map(|e| {
            let mut v: Vec<&DefiningSkill> =
                e.defining.iter().filter(|d| d.rating.is_none()).collect();
            v.sort_by_key(|d| std::cmp::Reverse(d.weight));
            v
        })
        .collect();
    let mut out: Vec<RateNext> = Vec::new();
    let deepest = queues.iter().map(Vec::len).max().unwrap_or(0);
    for depth in 0..deepest {
        for (e, q) in from.iter().zip(&queues) {
            let Some(d) = q.get(depth) else { continue };
            if out.iter().any(|r| r.skill == d.skill) {
                continue;
            }
            out.push(RateNext {
                skill: d.skill.clone(),
                name: d.name.clone(),
                state: d.state,
                why: format!("{} needs {}", e.role, d.required),
            });
        }
    }
    out.truncate(RATE_NEXT_MAX);
    out
}

/// What to work on first: for an open call, the ratings that would settle
/// it; otherwise the planned role's gaps, its defining skills first, then
/// by priority.
fn first_for(
    call: Verdict,
    rate_next: &[RateNext],
    plan_role: Option<&str>,
    fits: &[RoleFit],
    evidence: &[RoleEvidence],
) -> Vec<First> {
    if call == Verdict::NotEnough && !rate_next.is_empty() {
        return rate_next
            .iter()
            .take(3)
            .map(|r| First::of(&r.skill, &r.name))
            .collect();
    }
    let Some(f) = plan_role.and_then(|id| fits.iter().find(|f| f.id == id)) else {
        return vec![];
    };
    let defining = |s: &str| {
        evidence
            .iter()
            .find(|e| e.role == f.id)
            .is_some_and(|e| e.defining.iter().any(|d| d.skill == s))
    };
    let mut gaps: Vec<&super::Gap> = f.gaps.iter().filter(|g| g.rated).collect();
    gaps.sort_by(|x, y| {
        defining(&y.skill)
            .cmp(&defining(&x.skill))
            .then(y.priority.total_cmp(&x.priority))
    });
    let mut out: Vec<First> = gaps
        .iter()
        .take(3)
        .map(|g| First::of(&g.skill, &g.name))
        .collect();
    if out.is_empty() {
        // No gap among the ratings: the role's requirements not rated yet
        // (heaviest first) are what is left to show, then its heaviest
        // skills rated under 5 (growing in it).
        out = f
            .unassessed
            .iter()
            .take(3)
            .map(|u| First::of(&u.skill, &u.name))
            .collect();
    }
    if out.is_empty() {
        let mut growth: Vec<&super::Strength> =
            f.strengths.iter().filter(|s| s.rating < 5.0).collect();
        growth.sort_by(|x, y| {
            defining(&y.skill)
                .cmp(&defining(&x.skill))
                .then(y.weight.cmp(&x.weight))
                .then(x.rating.total_cmp(&y.rating))
        });
        out = growth
            .iter()
            .take(3)
            .map(|s| First::of(&s.skill, &s.name))
            .collect();
    }
    out
}

/// "DevOps or SRE?" from the two roles' evidence and the overall call.
fn path_decision<'r>(
    call: Verdict,
    role: &Option<RoleId>,
    between: &[RoleId],
    d: &RoleEvidence,
    s: &RoleEvidence,
    role_of: impl Fn(&str) -> Option<&'r Role>,
    all_fits_low: bool,
) -> PathDecision {
    let strong = |e: &RoleEvidence| e.judged && e.shown >= STRONG;
    // SRE's own practices: its defining skills DevOps does not ask for.
    let devops_asks = |skill: &str| {
        role_of(DEVOPS).is_some_and(|r| r.requirements.iter().any(|q| q.skill == skill))
    };
    let practice: Vec<&DefiningSkill> = s
        .defining
        .iter()
        .filter(|x| !devops_asks(&x.skill) && x.rating.is_some())
        .collect();
    let practice_shown = (!practice.is_empty())
        .then(|| practice.iter().map(|x| x.credit()).sum::<f64>() / practice.len() as f64);
    let practised = practice.len() >= 2 && practice_shown.is_some_and(|m| m >= 0.75);
    // SRE's own practices rated and mostly short: DevOps, even when no
    // role can be named yet.
    let unpractised = practice.len() >= 2 && practice_shown.is_some_and(|m| m < 0.5);
    let names_sre = role.as_deref() == Some(SRE) || between.iter().any(|b| b == SRE);
    // A beginner who shows the delivery core (pipelines, IaC: DevOps's
    // defining skills, at any level) and none of SRE's own practices, or
    // only short: too early to name a role, but a mentor still answers
    // DevOps — the delivery base comes first either way, and nothing yet
    // points at on-call and SLO work.
    let delivery_shown = d.defining.iter().any(|x| x.rating.is_some());
    let answer = match call {
        Verdict::TooEarly if delivery_shown && (practice.is_empty() || unpractised) => Path::Devops,
        Verdict::TooEarly => Path::TooEarly,
        Verdict::NotEnough if unpractised => Path::Devops,
        Verdict::NotEnough => Path::NotEnough,
        _ if strong(d) && strong(s) => Path::Either,
        _ if names_sre => Path::Sre,
        _ if practised && s.shown > d.shown => Path::Sre,
        _ => Path::Devops,
    };
    let confidence = match answer {
        Path::TooEarly | Path::NotEnough | Path::TooClose => Confidence::Low,
        Path::Either => Confidence::Moderate,
        // A beginner's lean is a lean.
        _ if all_fits_low || call == Verdict::TooEarly => Confidence::Low,
        _ => {
            let (win, lose) = if answer == Path::Sre { (s, d) } else { (d, s) };
            if win.rated >= 1.0 - 1e-9 && lose.judged && win.shown - lose.shown >= 0.3 {
                Confidence::High
            } else {
                Confidence::Moderate
            }
        }
    };
    let side = RoleEvidence::reasons;
    let reasons = match answer {
        Path::Sre => side(s),
        Path::Devops => side(d),
        Path::Either => {
            let mut v = side(s);
            v.extend(side(d));
            v
        }
        _ => vec![],
    };
    let rate_next = match answer {
        Path::TooEarly => vec![],
        _ => rate_next_for(Verdict::TooClose, Some(s), Some(d), &[]),
    };
    PathDecision {
        answer,
        confidence,
        reasons,
        rate_next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analysis::tests::{person, role, skill};
    use crate::model::{UnratedPolicy, analyse_role, rank_roles};

    fn mark(mut r: Role, defining: &[&str], base: Option<&str>) -> Role {
        for q in &mut r.requirements {
            q.defining = defining.contains(&q.skill.as_str());
        }
        r.base = base.map(Into::into);
        r
    }

    /// DevOps, SRE and Platform in small: each with its defining skills
    /// and a shared base.
    fn roles() -> Vec<Role> {
        let devops = mark(
            role(
                "devops",
                &[
                    ("cicd", 4, 3),
                    ("iac", 4, 3),
                    ("auto", 4, 3),
                    ("linux", 3, 2),
                ],
            ),
            &["cicd", "iac", "auto"],
            None,
        );
        let sre = mark(
            role(
                "sre",
                &[
                    ("oncall", 4, 3),
                    ("slo", 4, 3),
                    ("pm", 3, 3),
                    ("code", 3, 3),
                    ("cicd", 3, 2),
                    ("linux", 3, 2),
                ],
            ),
            &["oncall", "slo", "pm", "code"],
            None,
        );
        let platform = mark(
            role(
                "platform",
                &[("idp", 4, 3), ("k8s", 4, 3), ("cicd", 4, 3), ("iac", 4, 3)],
            ),
            &["idp", "k8s"],
            Some("devops"),
        );
        vec![devops, sre, platform]
    }

    fn run(ratings: &[(&str, f64)]) -> Decision {
        let a = person(ratings);
        let sk: HashMap<SkillId, Skill> = [
            "cicd", "iac", "auto", "linux", "oncall", "slo", "pm", "code", "idp", "k8s",
        ]
        .iter()
        .map(|s| (SkillId::from(*s), skill(s)))
        .collect();
        let rs = roles();
        let mut fits: Vec<RoleFit> = rs
            .iter()
            .map(|r| analyse_role(&a, r, &sk, UnratedPolicy::Skip))
            .collect();
        rank_roles(&mut fits);
        decide(&a, &fits, &rs, &sk, None)
    }

    #[test]
    fn the_delivery_core_met_and_sre_practice_low_is_devops() {
        let d = run(&[
            ("cicd", 5.0),
            ("iac", 4.0),
            ("auto", 4.0),
            ("oncall", 1.0),
            ("slo", 1.0),
            ("pm", 1.0),
        ]);
        assert_eq!(
            (d.call, d.role.as_deref()),
            (Verdict::Named, Some("devops"))
        );
        let p = d.devops_or_sre.unwrap();
        assert_eq!(p.answer, Path::Devops);
        assert!(
            p.reasons.iter().all(|r| r.role == "devops"),
            "{:?}",
            p.reasons
        );
    }

    #[test]
    fn sre_practice_at_level_is_sre_even_with_weak_delivery() {
        let d = run(&[
            ("oncall", 5.0),
            ("slo", 4.0),
            ("pm", 4.0),
            ("code", 4.0),
            ("cicd", 2.0),
            ("iac", 2.0),
        ]);
        assert_eq!(d.role.as_deref(), Some("sre"));
        assert_eq!(d.devops_or_sre.unwrap().answer, Path::Sre);
    }

    #[test]
    fn a_specialism_shown_as_well_as_its_base_is_named() {
        let d = run(&[("cicd", 4.0), ("iac", 3.0), ("idp", 4.0), ("k8s", 3.0)]);
        assert_eq!(d.role.as_deref(), Some("platform"));
        assert_eq!(d.devops_or_sre.unwrap().answer, Path::Devops);
    }

    #[test]
    fn only_shared_or_unmet_skills_are_not_enough() {
        let d = run(&[("linux", 4.0), ("cicd", 3.0), ("iac", 3.0), ("auto", 3.0)]);
        assert_eq!(d.call, Verdict::NotEnough);
        assert_eq!(d.role, None);
        assert!(!d.ready);
        assert_eq!(d.confidence, Confidence::Low);
    }

    #[test]
    fn unrated_is_never_zero_a_role_barely_rated_is_not_named() {
        // One SRE practice at 5 of four defining skills: not judged.
        let d = run(&[("oncall", 5.0), ("linux", 4.0)]);
        assert_eq!(d.call, Verdict::NotEnough);
        assert!(d.rate_next.iter().any(|r| r.skill == "slo"));
    }

    #[test]
    fn both_sides_strong_is_either_and_a_tie_is_too_close() {
        let d = run(&[
            ("cicd", 4.0),
            ("iac", 4.0),
            ("auto", 4.0),
            ("oncall", 4.0),
            ("slo", 4.0),
            ("pm", 4.0),
            ("code", 4.0),
        ]);
        assert_eq!(d.call, Verdict::TooClose, "{:?}", d.between);
        assert!(d.between.iter().any(|b| b == "sre"));
        assert_eq!(d.devops_or_sre.unwrap().answer, Path::Either);
    }

    #[test]
    fn ratings_of_one_and_two_are_too_early() {
        let d = run(&[
            ("cicd", 2.0),
            ("iac", 1.0),
            ("auto", 2.0),
            ("linux", 2.0),
            ("code", 2.0),
            ("k8s", 3.0),
        ]);
        assert_eq!(d.call, Verdict::TooEarly);
        assert_eq!(d.devops_or_sre.unwrap().answer, Path::TooEarly);
        assert!(d.rate_next.is_empty());
    }

    #[test]
    fn a_beginner_on_the_delivery_side_is_too_early_but_leans_devops() {
        // Pipelines and IaC at 1–2, nothing of on-call, SLOs or postmortems.
        let d = run(&[
            ("cicd", 2.0),
            ("iac", 1.0),
            ("linux", 2.0),
            ("k8s", 3.0),
            ("idp", 2.0),
        ]);
        assert_eq!((d.call, d.role.as_deref()), (Verdict::TooEarly, None));
        let p = d.devops_or_sre.unwrap();
        assert_eq!((p.answer, p.confidence), (Path::Devops, Confidence::Low));
        // SRE's practices rated and short point the same way.
        let d = run(&[
            ("cicd", 1.0),
            ("linux", 2.0),
            ("oncall", 1.0),
            ("slo", 1.0),
            ("k8s", 2.0),
        ]);
        assert_eq!(d.call, Verdict::TooEarly);
        assert_eq!(d.devops_or_sre.unwrap().answer, Path::Devops);
        // No delivery core shown: nothing to lean on yet.
        let d = run(&[
            ("linux", 2.0),
            ("k8s", 2.0),
            ("idp", 1.0),
            ("code", 1.0),
            ("pm", 1.0),
        ]);
        assert_eq!(d.call, Verdict::TooEarly);
        assert_eq!(d.devops_or_sre.unwrap().answer, Path::TooEarly);
        // One SRE practice near its level: that beginner is not sent to
        // DevOps on delivery ratings alone.
        let d = run(&[
            ("cicd", 2.0),
            ("linux", 2.0),
            ("pm", 2.0),
            ("k8s", 2.0),
            ("iac", 1.0),
        ]);
        assert_eq!(d.call, Verdict::TooEarly);
        assert_eq!(d.devops_or_sre.unwrap().answer, Path::TooEarly);
    }

    #[test]
    fn a_supporting_skill_counts_when_rated_and_never_against_when_not() {
        let a = person(&[("oncall", 4.0), ("slo", 4.0), ("pm", 3.0), ("code", 3.0)]);
        let mut sre = roles().remove(1);
        sre.requirements.push(crate::model::Requirement {
            skill: "toil".into(),
            level: 3,
            weight: 2,
            defining: false,
            supporting: true,
        });
        let sk = HashMap::new();
        let without = evidence(&a, &sre, &sk);
        assert_eq!((without.shown, without.rated), (1.0, 1.0));
        // Rated and short: less shown, as any defining skill.
        let mut b = a.clone();
        b.ratings.insert(
            "toil".into(),
            crate::model::Rated {
                value: 1.0,
                source: crate::model::RatingSource::Direct {
                    typed: vec![],
                    lines: vec![],
                },
            },
        );
        let with = evidence(&b, &sre, &sk);
        assert!(with.shown < 1.0 && with.rated >= 1.0 - 1e-9, "{with:?}");
    }

    #[test]
    fn a_specialist_whose_rated_skills_are_met_is_named_over_its_base() {
        // Platform: one of its two defining skills rated, and met; DevOps
        // rated whole, one short. What was rated of Platform is all there.
        let d = run(&[
            ("cicd", 4.0),
            ("iac", 4.0),
            ("auto", 3.0),
            ("idp", 5.0),
            ("linux", 3.0),
        ]);
        assert_eq!(d.role.as_deref(), Some("platform"), "{:?}", d.evidence);
    }

    #[test]
    fn a_handful_of_ratings_is_not_enough_however_high() {
        // Three of DevOps's defining skills at 5, nothing else: a mentor
        // asks for more (these profiles ask ten skills: four ratings).
        let d = run(&[("cicd", 5.0), ("iac", 5.0), ("auto", 5.0)]);
        assert_eq!(d.call, Verdict::NotEnough);
        let d = run(&[("cicd", 5.0), ("iac", 5.0), ("auto", 5.0), ("linux", 3.0)]);
        assert_eq!(d.call, Verdict::Named);
    }

    #[test]
    fn one_rating_of_four_among_ones_and_twos_is_still_too_early() {
        let mut ratings = vec![
            ("cicd", 2.0),
            ("iac", 1.0),
            ("auto", 2.0),
            ("code", 2.0),
            ("k8s", 2.0),
            ("linux", 4.0),
        ];
        assert_eq!(run(&ratings).call, Verdict::TooEarly);
        // Two above 3: no longer a junior's ratings.
        ratings[0].1 = 4.0;
        assert_ne!(run(&ratings).call, Verdict::TooEarly);
    }

    #[test]
    fn ready_needs_every_defining_skill_rated_and_no_core_level_short() {
        let d = run(&[("cicd", 4.0), ("iac", 4.0), ("auto", 4.0), ("linux", 3.0)]);
        assert!(d.ready);
        let d = run(&[("cicd", 4.0), ("iac", 4.0), ("auto", 3.0), ("linux", 3.0)]);
        assert_eq!(d.role.as_deref(), Some("devops"));
        assert!(!d.ready, "a core skill a level short");
        let d = run(&[("cicd", 4.0), ("iac", 4.0), ("linux", 3.0)]);
        assert!(!d.ready, "a defining skill unrated");
    }
}
