//! Gaps and fit for one role, and the ranking of roles.

use super::{Assessment, Role, Skill};
use serde::Serialize;
use std::collections::HashMap;

/// A requirement the person does not yet meet.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Gap {
    /// Skill id.
    pub skill: String,
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

/// A requirement the person meets or exceeds.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Strength {
    /// Skill id.
    pub skill: String,
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
    pub id: String,
    /// Role title.
    pub title: String,
    /// 100 × Σ w·min(rating, required) / Σ w·required.
    pub fit: f64,
    /// Unmet requirements, highest priority first.
    pub gaps: Vec<Gap>,
    /// Met requirements, heaviest first.
    pub strengths: Vec<Strength>,
    /// How many weight-3 requirements are unmet.
    pub core_gaps: usize,
}

/// Computes gaps, strengths and fit of `assessment` against `role`.
/// `skills` resolves ids to names and categories; an id missing there is
/// shown as itself (the catalogue loader prevents that in practice).
pub fn analyse_role(
    assessment: &Assessment,
    role: &Role,
    skills: &HashMap<String, Skill>,
) -> RoleFit {
    let mut gaps = Vec::new();
    let mut strengths = Vec::new();
    let (mut got, mut wanted) = (0.0, 0.0);
    for req in &role.requirements {
        let (name, category) = skills
            .get(&req.skill)
            .map(|s| (s.name.clone(), s.category.clone()))
            .unwrap_or_else(|| (req.skill.clone(), String::new()));
        let rating = assessment.rating(&req.skill);
        let value = rating.unwrap_or(0.0);
        let required = f64::from(req.level);
        let weight = f64::from(req.weight);
        got += weight * value.min(required);
        wanted += weight * required;
        let gap = (required - value).max(0.0);
        if gap > 0.0 {
            gaps.push(Gap {
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
            strengths.push(Strength {
                skill: req.skill.clone(),
                name,
                category,
                required: req.level,
                rating: value,
                weight: req.weight,
            });
        }
    }
    gaps.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(b.weight.cmp(&a.weight))
            .then(a.name.cmp(&b.name))
    });
    strengths.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(b.rating.total_cmp(&a.rating))
            .then(a.name.cmp(&b.name))
    });
    let fit = if wanted > 0.0 {
        100.0 * got / wanted
    } else {
        0.0
    };
    RoleFit {
        id: role.id.clone(),
        title: role.title.clone(),
        fit,
        core_gaps: gaps.iter().filter(|g| g.weight >= 3).count(),
        gaps,
        strengths,
    }
}

/// Sorts fits best first: highest fit, then fewer core gaps, then id.
pub fn rank_roles(fits: &mut [RoleFit]) {
    fits.sort_by(|a, b| {
        b.fit
            .total_cmp(&a.fit)
            .then(a.core_gaps.cmp(&b.core_gaps))
            .then(a.id.cmp(&b.id))
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Rated, RatingSource, Requirement, SkillKind};

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
            requirements: reqs
                .iter()
                .map(|(s, l, w)| Requirement {
                    skill: (*s).into(),
                    level: *l,
                    weight: *w,
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

    fn catalogue() -> HashMap<String, Skill> {
        ["a", "b", "c"]
            .iter()
            .map(|s| (s.to_string(), skill(s)))
            .collect()
    }

    #[test]
    fn fit_is_weighted_and_caps_at_required() {
        // a: 3*min(5,4)=12 of 12; b: 1*min(1,2)=1 of 2 → 13/14
        let r = role("r", &[("a", 4, 3), ("b", 2, 1)]);
        let fit = analyse_role(&person(&[("a", 5.0), ("b", 1.0)]), &r, &catalogue());
        assert!((fit.fit - 100.0 * 13.0 / 14.0).abs() < 1e-9);
        assert_eq!(fit.gaps.len(), 1);
        assert_eq!(fit.gaps[0].skill, "b");
        assert_eq!(fit.gaps[0].gap, 1.0);
        assert_eq!(fit.gaps[0].priority, 1.0);
        assert_eq!(fit.strengths[0].skill, "a");
        assert_eq!(fit.core_gaps, 0);
    }

    #[test]
    fn unrated_counts_zero_and_is_flagged() {
        let r = role("r", &[("a", 3, 3), ("c", 2, 2)]);
        let fit = analyse_role(&person(&[("a", 3.0)]), &r, &catalogue());
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
        );
        let order: Vec<_> = fit.gaps.iter().map(|g| g.skill.as_str()).collect();
        // priorities: a 3, b 3, c 5 → c, then b (heavier), then a
        assert_eq!(order, ["c", "b", "a"]);
        assert_eq!(fit.core_gaps, 1);
    }

    #[test]
    fn ranking_breaks_ties_on_core_gaps_then_id() {
        let mk = |id: &str, fit: f64, core: usize| RoleFit {
            id: id.into(),
            title: id.into(),
            fit,
            gaps: vec![],
            strengths: vec![],
            core_gaps: core,
        };
        let mut fits = vec![
            mk("z", 50.0, 1),
            mk("y", 50.0, 2),
            mk("x", 50.0, 1),
            mk("w", 60.0, 9),
        ];
        rank_roles(&mut fits);
        let ids: Vec<_> = fits.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["w", "x", "z", "y"]);
    }

    #[test]
    fn empty_role_has_zero_fit() {
        let fit = analyse_role(&person(&[]), &role("r", &[]), &catalogue());
        assert_eq!(fit.fit, 0.0);
    }
}
