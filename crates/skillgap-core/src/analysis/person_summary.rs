//! What the team summary keeps of one person's finished report: compact,
//! with ids and names shared, so a run over thousands of people never
//! holds every report.

use crate::analysis::report::{FitChange, Report};
use crate::analysis::target_role::Target;
use crate::model::Verdict;
use crate::model::{COVERAGE_MIN, Profile, RatingState, SkillId, UnratedPolicy};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

/// One shared copy of each role id, skill id and skill name that person
/// summaries repeat: a batch keeps a summary per person until the end, and
/// a `String` per id made those most of its memory at 10,000 people.
fn shared(s: &str) -> Arc<str> {
    static SEEN: OnceLock<Mutex<HashSet<Arc<str>>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the
    // set is still valid.
    let mut seen = seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(a) = seen.get(s) {
        return Arc::clone(a);
    }
    let a: Arc<str> = Arc::from(s);
    // Only ids and names from the templates come here, so the set stays
    // small; anything else is still correct, just not shared.
    if seen.len() < 100_000 {
        seen.insert(Arc::clone(&a));
    }
    a
}

/// One shared copy of each list of skill ids: everyone of one survey has
/// the same "not asked" list.
fn shared_list(v: Vec<Arc<str>>) -> Arc<[Arc<str>]> {
    type Lists = Mutex<HashSet<Arc<[Arc<str>]>>>;
    static SEEN: OnceLock<Lists> = OnceLock::new();
    let list: Arc<[Arc<str>]> = v.into();
    if list.is_empty() {
        return list;
    }
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(a) = seen.get(&list) {
        return Arc::clone(a);
    }
    if seen.len() < 10_000 {
        seen.insert(Arc::clone(&list));
    }
    list
}

/// A role with a percentage of it: a fit or a coverage. Written in JSON
/// as `["sre", 72.5]`, as summaries always were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "(Arc<str>, f64)", into = "(Arc<str>, f64)")]
pub struct RolePercent {
    /// Role id.
    pub role: Arc<str>,
    /// Percent, 0–100.
    pub percent: f64,
}

/// A skill's effective rating. Written in JSON as `["slos", 2.0]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "(Arc<str>, f64)", into = "(Arc<str>, f64)")]
pub struct SkillRated {
    /// Skill id.
    pub skill: Arc<str>,
    /// Rating, 0–5.
    pub rating: f64,
}

/// A skill to rate next, by name, with whether the input asked it.
/// Written in JSON as `["SLOs", "not-rated"]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "(Arc<str>, RatingState)", into = "(Arc<str>, RatingState)")]
pub struct RateNextSkill {
    /// Skill name.
    pub name: Arc<str>,
    /// Not rated, or not asked.
    pub state: RatingState,
}

/// How much one skill's rating changed. Written in JSON as `["go", 1.0]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "(SkillId, f64)", into = "(SkillId, f64)")]
pub struct SkillChange {
    /// Skill id.
    pub skill: SkillId,
    /// Now minus before, in levels.
    pub change: f64,
}

/// Named pairs read from and written as the two-element arrays summaries
/// have always used.
macro_rules! as_pair {
    ($t:ident { $a:ident: $ta:ty, $b:ident: $tb:ty }) => {
        impl From<($ta, $tb)> for $t {
            fn from(($a, $b): ($ta, $tb)) -> Self {
                $t { $a, $b }
            }
        }
        impl From<$t> for ($ta, $tb) {
            fn from(x: $t) -> Self {
                (x.$a, x.$b)
            }
        }
    };
}
as_pair!(RolePercent { role: Arc<str>, percent: f64 });
as_pair!(SkillRated { skill: Arc<str>, rating: f64 });
as_pair!(RateNextSkill { name: Arc<str>, state: RatingState });
as_pair!(SkillChange {
    skill: SkillId,
    change: f64
});

/// What the team summary needs to know about one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSummary {
    /// Display name.
    pub person: String,
    /// Email, when known.
    pub email: Option<String>,
    /// File stem of this person's report.
    pub slug: String,
    /// Best-fit role id.
    pub best_fit: Option<String>,
    /// Fit per role, in report order.
    pub fits: Vec<RolePercent>,
    /// Coverage per role, in report order: how much of each role the fit
    /// rests on.
    #[serde(default)]
    pub coverages: Vec<RolePercent>,
    /// The roles the person is ready for, by the decision's rule (as the
    /// personal report says).
    #[serde(default)]
    pub ready: Vec<Arc<str>>,
    /// The roles whose fit is judged, by the personal report's rule: the
    /// fit rests on enough of the role and the decision's evidence rates
    /// enough of its defining skills. `None` in summaries written before
    /// this was kept (coverage alone decides then).
    #[serde(default)]
    pub judged_roles: Option<Vec<Arc<str>>>,
    /// Required skills the person's input did not ask about (one shared
    /// list for everyone of an input).
    #[serde(default)]
    pub not_asked: Arc<[Arc<str>]>,
    /// Whether the report counted unrated skills as 0 (`--unrated zero`).
    #[serde(default)]
    pub unrated_zero: bool,
    /// Names of the best fit's top three gaps.
    pub top_gaps: Vec<Arc<str>>,
    /// Required skills without a rating.
    pub unrated: usize,
    /// Effective ratings.
    pub ratings: Vec<SkillRated>,
    /// What changed since the person's previous assessment, if compared.
    #[serde(default)]
    pub progress: Option<PersonProgress>,
    /// The report's file name in the output folder (`ana-souza.pdf`).
    #[serde(default)]
    pub report: String,
    /// Job title, target role and groups, as the input wrote them.
    #[serde(default)]
    pub profile: Profile,
    /// The role the person aims at and where that comes from, once
    /// `target::assign` has run.
    #[serde(default)]
    pub target: Option<Target>,
    /// The decision's kind of answer (named, too close, not enough ratings,
    /// too early), as the personal report says it.
    #[serde(default)]
    pub call: Option<Verdict>,
    /// The decision's "rate next": skills whose ratings would decide the
    /// role, with whether the input asked them.
    #[serde(default)]
    pub rate_next: Vec<RateNextSkill>,
}

/// One person's movement since the previous assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonProgress {
    /// When the previous assessment was made.
    pub since: Option<NaiveDate>,
    /// The fit change of the role the person fits best now.
    pub fit: Option<FitChange>,
    /// Every skill whose rating changed.
    pub skills: Vec<SkillChange>,
}

impl PersonSummary {
    /// Condenses a finished report.
    pub fn from_report(r: &Report, slug: &str) -> Self {
        PersonSummary {
            person: r.person.clone(),
            email: r.email.clone(),
            slug: slug.to_string(),
            best_fit: r.best_fit.clone(),
            fits: r
                .roles
                .iter()
                .map(|f| RolePercent {
                    role: shared(&f.id),
                    percent: f.fit,
                })
                .collect(),
            coverages: r
                .roles
                .iter()
                .map(|f| RolePercent {
                    role: shared(&f.id),
                    percent: f.coverage,
                })
                .collect(),
            ready: r
                .roles
                .iter()
                .filter(|f| f.ready)
                .map(|f| shared(&f.id))
                .collect(),
            judged_roles: Some(
                r.roles
                    .iter()
                    .filter(|f| {
                        f.judged
                            && r.decision
                                .as_ref()
                                .and_then(|d| d.evidence_of(&f.id))
                                .is_none_or(|e| e.judged)
                    })
                    .map(|f| shared(&f.id))
                    .collect(),
            ),
            not_asked: shared_list(
                r.unrated
                    .iter()
                    .filter(|u| u.state == RatingState::NotAsked)
                    .map(|u| shared(&u.skill))
                    .collect(),
            ),
            unrated_zero: r.unrated_policy == UnratedPolicy::Zero,
            top_gaps: r
                .best()
                .map(|b| b.gaps.iter().take(3).map(|g| shared(&g.name)).collect())
                .unwrap_or_default(),
            unrated: r.unrated.len(),
            ratings: r
                .ratings
                .iter()
                .map(|s| SkillRated {
                    skill: shared(&s.skill),
                    rating: s.rating,
                })
                .collect(),
            report: slug.to_string(),
            profile: r.profile.clone().unwrap_or_default(),
            target: None,
            call: r.decision.as_ref().map(|d| d.call),
            rate_next: r
                .decision
                .as_ref()
                .map(|d| {
                    d.rate_next
                        .iter()
                        .map(|n| RateNextSkill {
                            name: shared(&n.name),
                            state: n.state,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            progress: r.previous.as_ref().map(|p| PersonProgress {
                since: p.assessed_on,
                // The named role's, else the role the plan works toward.
                fit: p
                    .best_fit_change(r.best_fit.as_deref().or(r.plan_role.as_deref()))
                    .cloned(),
                skills: p
                    .deltas
                    .iter()
                    .map(|d| SkillChange {
                        skill: d.skill.clone(),
                        change: d.change,
                    })
                    .collect(),
            }),
        }
    }

    /// The change in best-fit fit since the previous assessment.
    pub fn fit_change(&self) -> Option<f64> {
        self.progress
            .as_ref()
            .and_then(|p| p.fit.as_ref())
            .map(|f| f.change)
    }

    /// The fit for a role id.
    pub fn fit(&self, role: &str) -> Option<f64> {
        self.fits
            .iter()
            .find(|f| *f.role == *role)
            .map(|f| f.percent)
    }

    /// The coverage for a role id (100 when the summary predates coverage).
    pub fn coverage(&self, role: &str) -> Option<f64> {
        if self.coverages.is_empty() {
            return self.fit(role).map(|_| 100.0);
        }
        self.coverages
            .iter()
            .find(|c| *c.role == *role)
            .map(|c| c.percent)
    }

    /// Whether the fit for a role is judged, as the personal report says
    /// it (enough of the role and of its defining skills rated). The one
    /// definition the headline, the readiness table, who to chase and the
    /// role sections all use.
    pub fn judged(&self, role: &str) -> bool {
        match &self.judged_roles {
            Some(roles) => roles.iter().any(|r| **r == *role),
            None => self.unrated_zero || self.coverage(role).is_some_and(|c| c >= COVERAGE_MIN),
        }
    }

    /// Whether the role this person aims at cannot be judged from their
    /// answers; with no role to aim at, whether the decision found too
    /// little rated to judge any (a person too early to choose or too
    /// close to call between two judged roles has an answer, just not a
    /// role).
    pub fn role_unjudged(&self) -> bool {
        match &self.target {
            Some(t) => !self.judged(&t.role),
            None => {
                self.call == Some(Verdict::NotEnough)
                    || !self.fits.iter().any(|f| self.judged(&f.role))
            }
        }
    }

    /// Required skills the person's input asked but the person left blank.
    pub fn skipped(&self) -> usize {
        self.unrated.saturating_sub(self.not_asked.len())
    }

    /// Rated, not rated, or not asked by the person's input.
    pub fn state(&self, skill: &str) -> RatingState {
        if self.rating(skill).is_some() {
            RatingState::Rated
        } else if self.not_asked.iter().any(|s| **s == *skill) {
            RatingState::NotAsked
        } else {
            RatingState::NotRated
        }
    }

    /// The rating for a skill id.
    pub fn rating(&self, skill: &str) -> Option<f64> {
        self.ratings
            .iter()
            .find(|r| *r.skill == *skill)
            .map(|r| r.rating)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_pairs_keep_the_summaries_json() {
        let fit = RolePercent {
            role: "sre".into(),
            percent: 72.5,
        };
        let next = RateNextSkill {
            name: "SLOs".into(),
            state: RatingState::NotAsked,
        };
        let change = SkillChange {
            skill: "go".into(),
            change: -1.5,
        };
        let json = serde_json::to_string(&(&fit, &next, &change)).unwrap();
        // The tuples these fields were before.
        let pairs = (("sre", 72.5), ("SLOs", RatingState::NotAsked), ("go", -1.5));
        assert_eq!(json, serde_json::to_string(&pairs).unwrap());
        assert_eq!(json, r#"[["sre",72.5],["SLOs","not_asked"],["go",-1.5]]"#);
        let back: (RolePercent, RateNextSkill, SkillChange) = serde_json::from_str(&json).unwrap();
        assert_eq!(back, (fit, next, change));
    }
}
