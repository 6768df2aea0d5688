//! Gaps, fit and coverage for one role, and the ranking of roles.
//!
//! Fit is measured over the requirements the person rated; coverage says
//! how much of the role that is. A required skill without a rating is
//! never a number unless the caller asks for the conservative reading
//! ([`UnratedPolicy::Zero`]).

use super::{Assessment, RatingState, Role, RoleId, Skill, SkillId, UnratedPolicy};
use serde::Serialize;
use std::collections::HashMap;

/// A requirement the person does not yet meet.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Gap {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Catalogue category.
    pub category: String,
    /// Required level.
    pub required: u8,
    /// Effective rating; unrated counts as 0 for the gap but stays `None` here.
    pub rating: Option<f64>,
    /// max(0, required − rating).
    pub gap: f64,
    /// Requirement weight.
    pub weight: u8,
    /// weight × gap.
    pub priority: f64,
    /// Whether the person gave any rating for it (directly or via a tool).
    pub rated: bool,
}

/// A requirement with no rating from this person: not a gap (nothing says
/// the person lacks it), not a strength — a question still open.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Unassessed {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Catalogue category.
    #[serde(default)]
    pub category: String,
    /// Required level.
    pub required: u8,
    /// Requirement weight.
    pub weight: u8,
    /// Not rated by this person, or not asked by the input at all.
    pub state: RatingState,
}

/// Coverage (% of a role's weighted requirements rated) from which its fit
/// is trusted enough to name it the closest fit. Chosen from survey shapes:
/// an 8-question survey on one role's defining skills reaches it (SRE:
/// 39%), a survey of the shared basics does not reach it for the roles it
/// barely touches.
pub const COVERAGE_MIN: f64 = 35.0;

/// And at least this many requirements rated (or all of a smaller role):
/// five ratings never name a role, however heavy.
pub const RATED_MIN: usize = 6;

/// Fits closer than this many points (and not separated by what one role
/// adds to the other) are "too close to call".
pub const TOO_CLOSE: f64 = 3.0;

/// A requirement the person meets or exceeds.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Strength {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Catalogue category.
    pub category: String,
    /// Required level.
    pub required: u8,
    /// The person's rating.
    pub rating: f64,
    /// Requirement weight.
    pub weight: u8,
}

/// How one person fits one role.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RoleFit {
    /// Role id.
    pub id: RoleId,
    /// Role title.
    pub title: String,
    /// 100 × Σ w·min(rating, required) / Σ w·required, the sums over the
    /// rated requirements (over all of them with [`UnratedPolicy::Zero`]).
    pub fit: f64,
    /// 100 × Σ w·required over rated requirements / the same over all:
    /// how much of the role the fit is based on.
    #[serde(default = "full")]
    pub coverage: f64,
    /// How many of the role's requirements are rated.
    #[serde(default)]
    pub rated: usize,
    /// How many requirements the role has.
    #[serde(default)]
    pub required: usize,
    /// Whether the fit is trusted enough to name the role the closest
    /// fit: coverage ≥ [`COVERAGE_MIN`] with at least [`RATED_MIN`]
    /// requirements rated, or unrated counted as 0.
    #[serde(default = "yes")]
    pub judged: bool,
    /// How many more skills (heaviest first) the person would need to rate
    /// for the coverage to reach [`COVERAGE_MIN`]; 0 when judged.
    #[serde(default)]
    pub to_judge: usize,
    /// Unmet requirements, highest priority first.
    pub gaps: Vec<Gap>,
    /// Met requirements, heaviest first.
    pub strengths: Vec<Strength>,
    /// Requirements without a rating, heaviest first (empty with
    /// [`UnratedPolicy::Zero`], where they are gaps).
    #[serde(default)]
    pub unassessed: Vec<Unassessed>,
    /// How many weight-3 requirements are unmet.
    pub core_gaps: usize,
    /// Whether the person could do this role at mid level today, by the
    /// decision's rule ([`super::decision::ready`]).
    #[serde(default)]
    pub ready: bool,
}

fn full() -> f64 {
    100.0
}

fn yes() -> bool {
    true
}

/// One role's requirements against a person's ratings: what is met, what
/// is not, what is not rated, and the sums of the fit and the coverage.
#[derive(Default)]
struct Tally {
    gaps: Vec<Gap>,
    strengths: Vec<Strength>,
    unassessed: Vec<Unassessed>,
    /// The fit's sums: weighted levels reached, weighted levels required.
    got: f64,
    wanted: f64,
    /// The coverage's sums: weighted levels of rated requirements, of all.
    rated_w: f64,
    total_w: f64,
    /// Requirements rated.
    rated_n: usize,
}

impl Tally {
    fn of(
        assessment: &Assessment,
        role: &Role,
        skills: &HashMap<SkillId, Skill>,
        policy: UnratedPolicy,
    ) -> Tally {
        let mut t = Tally::default();
        for req in &role.requirements {
            let (name, category) = skills
                .get(&req.skill)
                .map(|s| (s.name.clone(), s.category.clone()))
                .unwrap_or_else(|| (req.skill.to_string(), String::new()));
            let rating = assessment.rating(&req.skill);
            let required = f64::from(req.level);
            let weight = f64::from(req.weight);
            t.total_w += weight * required;
            if rating.is_some() {
                t.rated_w += weight * required;
                t.rated_n += 1;
            } else if policy == UnratedPolicy::Skip {
                t.unassessed.push(Unassessed {
                    skill: req.skill.clone(),
                    name,
                    category,
                    required: req.level,
                    weight: req.weight,
                    state: assessment.state(&req.skill),
                });
                continue;
            }
            let value = rating.unwrap_or(0.0);
            t.got += weight * value.min(required);
            t.wanted += weight * required;
            let gap = (required - value).max(0.0);
            if gap > 0.0 {
                t.gaps.push(Gap {
                    skill: req.skill.clone(),
                    name,
                    category,
                    required: req.level,
                    rating,
                    gap,
                    weight: req.weight,
                    priority: weight * gap,
                    rated: rating.is_some(),
                });
            } else {
                t.strengths.push(Strength {
                    skill: req.skill.clone(),
                    name,
                    category,
                    required: req.level,
                    rating: value,
                    weight: req.weight,
                });
            }
        }
        t.sort();
        t
    }

    /// Gaps by priority, strengths and unrated requirements by weight,
    /// ties by name.
    fn sort(&mut self) {
        self.gaps.sort_by(|a, b| {
            b.priority
                .total_cmp(&a.priority)
                .then(b.weight.cmp(&a.weight))
                .then(a.name.cmp(&b.name))
        });
        self.strengths.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then(b.rating.total_cmp(&a.rating))
                .then(a.name.cmp(&b.name))
        });
        self.unassessed.sort_by(|a, b| {
            (b.weight * b.required)
                .cmp(&(a.weight * a.required))
                .then(a.name.cmp(&b.name))
        });
    }

    /// Whether the fit is judged, and if not, how many more ratings
    /// (the heaviest unrated requirements first) would make it so.
    fn judged(&self, role: &Role, policy: UnratedPolicy) -> (bool, usize) {
        // The heaviest unrated requirements first: the fewest more ratings
        // that would make the role judgeable. (With the Zero policy the
        // unrated ones are gaps with `rated == false`.)
        let mut open: Vec<f64> = self
            .unassessed
            .iter()
            .map(|u| f64::from(u.weight) * f64::from(u.required))
            .chain(
                self.gaps
                    .iter()
                    .filter(|g| !g.rated)
                    .map(|g| f64::from(g.weight) * f64::from(g.required)),
            )
            .collect();
        open.sort_by(|a, b| b.total_cmp(a));
        let enough = |w: f64, n: usize| {
            ratio(w, self.total_w) >= COVERAGE_MIN && n >= RATED_MIN.min(role.requirements.len())
        };
        let judged = enough(self.rated_w, self.rated_n) || policy == UnratedPolicy::Zero;
        let mut to_judge = 0;
        let mut have = self.rated_w;
        for w in open.into_iter().filter(|_| !judged) {
            if enough(have, self.rated_n + to_judge) {
                break;
            }
            have += w;
            to_judge += 1;
        }
        (judged, to_judge)
    }
}

/// `a` as a percentage of `b` (0 when `b` is 0).
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { 100.0 * a / b } else { 0.0 }
}

/// Computes gaps, strengths, fit and coverage of `assessment` against
/// `role`. `skills` resolves ids to names and categories; an id missing
/// there is shown as itself (the catalogue loader prevents that in
/// practice).
pub fn analyse_role(
    assessment: &Assessment,
    role: &Role,
    skills: &HashMap<SkillId, Skill>,
    policy: UnratedPolicy,
) -> RoleFit {
    let t = Tally::of(assessment, role, skills, policy);
    let (judged, to_judge) = t.judged(role, policy);
    RoleFit {
        id: role.id.clone(),
        title: role.title.clone(),
        fit: ratio(t.got, t.wanted),
        coverage: ratio(t.rated_w, t.total_w),
        rated: t.rated_n,
        required: role.requirements.len(),
        judged,
        to_judge,
        core_gaps: t.gaps.iter().filter(|g| g.weight >= 3).count(),
        ready: false,
        gaps: t.gaps,
        strengths: t.strengths,
        unassessed: t.unassessed,
    }
}

/// Sorts fits best first: roles with enough coverage to judge before the
/// others, then highest fit, then fewer core gaps, then id.
pub fn rank_roles(fits: &mut [RoleFit]) {
    fits.sort_by(|a, b| {
        b.judged
            .cmp(&a.judged)
            .then(b.fit.total_cmp(&a.fit))
            .then(a.core_gaps.cmp(&b.core_gaps))
            .then(a.id.cmp(&b.id))
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Rated, RatingSource, RatingState, Requirement, SkillKind};

    pub(crate) fn skill(id: &str) -> Skill {
        Skill {
            id: id.into(),
            name: id.to_uppercase(),
            category: "Cat".into(),
            kind: SkillKind::Concept,
            aliases: vec![],
            rolls_up_to: vec![],
            description: String::new(),
        }
    }

    pub(crate) fn role(id: &str, reqs: &[(&str, u8, u8)]) -> Role {
        Role {
            id: id.into(),
            title: id.to_uppercase(),
            aliases: vec![],
            summary: String::new(),
            extends: None,
            base: None,
            requirements: reqs
                .iter()
                .map(|(s, l, w)| Requirement {
                    skill: (*s).into(),
                    level: *l,
                    weight: *w,
                    defining: false,
                    supporting: false,
                })
                .collect(),
        }
    }

    /// An assessment of "P" with these direct ratings (also used by other
    /// modules' tests).
    pub(crate) fn person(ratings: &[(&str, f64)]) -> Assessment {
        let mut a = Assessment {
            person: "P".into(),
            ..Default::default()
        };
        for (s, v) in ratings {
            a.ratings.insert(
                (*s).into(),
                Rated {
                    value: *v,
                    source: RatingSource::Direct {
                        typed: vec![(*s).into()],
                        lines: vec![2],
                    },
                },
            );
        }
        a
    }

    fn catalogue() -> HashMap<SkillId, Skill> {
        ["a", "b", "c"]
            .iter()
            .map(|s| (SkillId::from(*s), skill(s)))
            .collect()
    }

    #[test]
    fn fit_is_weighted_and_caps_at_required() {
        // a: 3*min(5,4)=12 of 12; b: 1*min(1,2)=1 of 2 → 13/14
        let r = role("r", &[("a", 4, 3), ("b", 2, 1)]);
        let fit = analyse_role(
            &person(&[("a", 5.0), ("b", 1.0)]),
            &r,
            &catalogue(),
            UnratedPolicy::Skip,
        );
        assert!((fit.fit - 100.0 * 13.0 / 14.0).abs() < 1e-9);
        assert_eq!(fit.coverage, 100.0);
        assert!(fit.judged);
        assert_eq!(fit.gaps.len(), 1);
        assert_eq!(fit.gaps[0].skill, "b");
        assert_eq!(fit.gaps[0].gap, 1.0);
        assert_eq!(fit.gaps[0].priority, 1.0);
        assert_eq!(fit.strengths[0].skill, "a");
        assert_eq!(fit.core_gaps, 0);
    }

    #[test]
    fn unrated_is_left_out_of_fit_and_lowers_coverage() {
        // a rated 3 of 3 (weight 3): fit 100% over what was rated; c (2×2)
        // unrated: coverage 9 / 13.
        let r = role("r", &[("a", 3, 3), ("c", 2, 2)]);
        let fit = analyse_role(
            &person(&[("a", 3.0)]),
            &r,
            &catalogue(),
            UnratedPolicy::Skip,
        );
        assert_eq!(fit.fit, 100.0);
        assert!((fit.coverage - 100.0 * 9.0 / 13.0).abs() < 1e-9);
        assert!(fit.gaps.is_empty());
        assert_eq!(fit.unassessed.len(), 1);
        assert_eq!(fit.unassessed[0].skill, "c");
        assert_eq!(fit.unassessed[0].state, RatingState::NotRated);
        assert_eq!((fit.rated, fit.required), (1, 2));
        // 69% of the weight, but one rating of two: not enough to judge.
        assert!(!fit.judged);
        assert_eq!(fit.to_judge, 1);
    }

    #[test]
    fn not_asked_is_told_apart_from_not_rated() {
        let r = role("r", &[("a", 3, 1), ("b", 3, 1), ("c", 3, 1)]);
        let mut p = person(&[("a", 3.0)]);
        p.asked = Some(std::sync::Arc::new(
            ["a", "b"].iter().map(|s| s.to_string()).collect(),
        ));
        let fit = analyse_role(&p, &r, &catalogue(), UnratedPolicy::Skip);
        let state = |id: &str| fit.unassessed.iter().find(|u| u.skill == id).unwrap().state;
        assert_eq!(state("b"), RatingState::NotRated);
        assert_eq!(state("c"), RatingState::NotAsked);
    }

    #[test]
    fn low_coverage_is_not_judged_and_says_how_many_to_rate() {
        // 10 requirements of equal weight, one rated: 10% coverage; three
        // more reach 40% ≥ 35%, but six must be rated: five more.
        let ids: Vec<String> = (0..10).map(|i| format!("s{i}")).collect();
        let reqs: Vec<(&str, u8, u8)> = ids.iter().map(|s| (s.as_str(), 3, 2)).collect();
        let r = role("r", &reqs);
        let fit = analyse_role(
            &person(&[("s0", 5.0)]),
            &r,
            &HashMap::new(),
            UnratedPolicy::Skip,
        );
        assert_eq!(fit.coverage, 10.0);
        assert!(!fit.judged);
        assert_eq!(fit.to_judge, 5);
        let zero = analyse_role(
            &person(&[("s0", 5.0)]),
            &r,
            &HashMap::new(),
            UnratedPolicy::Zero,
        );
        assert!(zero.judged);
        assert_eq!(zero.to_judge, 0);
        assert_eq!(zero.coverage, 10.0);
        assert_eq!(zero.fit, 10.0);
    }

    #[test]
    fn unrated_counts_zero_with_the_zero_policy() {
        let r = role("r", &[("a", 3, 3), ("c", 2, 2)]);
        let fit = analyse_role(
            &person(&[("a", 3.0)]),
            &r,
            &catalogue(),
            UnratedPolicy::Zero,
        );
        let c = fit.gaps.iter().find(|g| g.skill == "c").unwrap();
        assert!(!c.rated);
        assert_eq!(c.rating, None);
        assert_eq!(c.gap, 2.0);
        assert_eq!(c.priority, 4.0);
        assert!((fit.fit - 100.0 * 9.0 / 13.0).abs() < 1e-9);
    }

    #[test]
    fn gaps_sorted_by_priority() {
        let r = role("r", &[("a", 3, 1), ("b", 3, 3), ("c", 5, 2)]);
        let fit = analyse_role(
            &person(&[("a", 0.0), ("b", 2.0), ("c", 2.5)]),
            &r,
            &catalogue(),
            UnratedPolicy::Skip,
        );
        let order: Vec<_> = fit.gaps.iter().map(|g| g.skill.as_str()).collect();
        // priorities: a 3, b 3, c 5 → c, then b (heavier), then a
        assert_eq!(order, ["c", "b", "a"]);
        assert_eq!(fit.core_gaps, 1);
    }

    #[test]
    fn ranking_breaks_ties_on_core_gaps_then_id() {
        let mk = |id: &str, fit: f64, core: usize, judged: bool| RoleFit {
            id: id.into(),
            title: id.into(),
            fit,
            coverage: if judged { 100.0 } else { 10.0 },
            rated: 0,
            required: 0,
            judged,
            to_judge: 0,
            gaps: vec![],
            strengths: vec![],
            unassessed: vec![],
            core_gaps: core,
            ready: false,
        };
        let mut fits = vec![
            mk("v", 99.0, 0, false),
            mk("z", 50.0, 1, true),
            mk("y", 50.0, 2, true),
            mk("x", 50.0, 1, true),
            mk("w", 60.0, 9, true),
        ];
        rank_roles(&mut fits);
        let ids: Vec<_> = fits.iter().map(|f| f.id.as_str()).collect();
        // A role too little rated to judge goes last, whatever its fit.
        assert_eq!(ids, ["w", "x", "z", "y", "v"]);
    }

    #[test]
    fn empty_role_has_zero_fit() {
        let fit = analyse_role(
            &person(&[]),
            &role("r", &[]),
            &catalogue(),
            UnratedPolicy::Skip,
        );
        assert_eq!(fit.fit, 0.0);
    }
}
