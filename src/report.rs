//! The finished report: everything a renderer needs, computed once.

use crate::catalog::Catalog;
use crate::history::Previous;
use crate::model::{
    Assessment, Direction, RatingSource, Role, RoleFit, UnknownSkill, analyse_role, direction,
    rank_roles,
};
use crate::plan::{Plan, PlanOptions, Target, build_plan};
use crate::raters::Raters;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// How much the person wants to grow in one skill.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Interest {
    /// Skill id.
    pub skill: String,
    /// Display name.
    pub name: String,
    /// 0 none, 1 low, 2 medium, 3 high.
    pub level: u8,
}

/// Interest from which a skill counts as "wants to grow" (medium).
pub const WANTS_TO_GROW: u8 = 2;

/// A skill some compared role requires that the person did not rate.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Unrated {
    /// Skill id.
    pub skill: String,
    /// Display name.
    pub name: String,
    /// Whether the person left it blank on purpose (the row was there).
    pub left_blank: bool,
}

/// One effective rating, as used by the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SkillRating {
    /// Skill id.
    pub skill: String,
    /// Display name.
    pub name: String,
    /// Catalogue category.
    pub category: String,
    /// 0–5.
    pub rating: f64,
    /// Typed directly, or taken from a tool that rolls up to it.
    pub source: RatingSource,
}

/// A finished report for one person.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Report {
    /// Display name.
    pub person: String,
    /// Email, when known.
    pub email: Option<String>,
    /// When the ratings were given, if the input says.
    pub assessed_on: Option<NaiveDate>,
    /// The report date.
    pub generated_on: NaiveDate,
    /// The input, as named on the command line.
    pub source: String,
    /// Best-fit role id (None when no role was compared).
    pub best_fit: Option<String>,
    /// Why the best fit wins, and what decides it.
    pub direction: Option<Direction>,
    /// Every compared role, best fit first.
    pub roles: Vec<RoleFit>,
    /// How many catalogue skills the person rated (roll-ups included).
    pub rated_skills: usize,
    /// Every effective rating, in catalogue order.
    pub ratings: Vec<SkillRating>,
    /// Required skills without any rating (counted as 0).
    pub unrated: Vec<Unrated>,
    /// Input names that matched no catalogue skill.
    pub unknown_skills: Vec<UnknownSkill>,
    /// How ratings were combined (merges, roll-ups).
    pub notes: Vec<String>,
    /// The dated learning plan, when plan options were given.
    pub plan: Option<Plan>,
    /// What the plan works toward, in a sentence.
    pub plan_goal: Option<String>,
    /// Change since the previous assessment, when there is one.
    #[serde(default)]
    pub previous: Option<Previous>,
    /// Other raters' ratings beside the self-ratings, when anyone else rated.
    #[serde(default)]
    pub raters: Option<Raters>,
    /// Skills with an interest rating, highest interest first.
    #[serde(default)]
    pub interest: Vec<Interest>,
}

impl Report {
    /// Analyses `assessment` against `roles` (all catalogue roles when empty).
    pub fn build(
        assessment: &Assessment,
        catalog: &Catalog,
        role_ids: &[String],
        generated_on: NaiveDate,
        source: &str,
        notes: Vec<String>,
        plan: Option<&PlanOptions>,
    ) -> Report {
        let roles: Vec<Role> = if role_ids.is_empty() {
            catalog.roles.clone()
        } else {
            role_ids
                .iter()
                .filter_map(|id| catalog.roles.iter().find(|r| &r.id == id).cloned())
                .collect()
        };
        let mut fits: Vec<RoleFit> = roles
            .iter()
            .map(|r| analyse_role(assessment, r, &catalog.by_id))
            .collect();
        // Rounded before ranking and explaining, so every output shows the
        // same numbers in the same order.
        for f in &mut fits {
            f.fit = (f.fit * 10.0).round() / 10.0;
        }
        rank_roles(&mut fits);
        let direction = direction(assessment, &fits, &roles, &catalog.by_id);
        let mut unrated: Vec<Unrated> = Vec::new();
        for role in &roles {
            for q in &role.requirements {
                if assessment.rating(&q.skill).is_none()
                    && !unrated.iter().any(|u| u.skill == q.skill)
                {
                    unrated.push(Unrated {
                        skill: q.skill.clone(),
                        name: catalog
                            .by_id
                            .get(&q.skill)
                            .map_or(q.skill.clone(), |s| s.name.clone()),
                        left_blank: assessment.blank.contains(&q.skill),
                    });
                }
            }
        }
        let interest = effective_interest(assessment, catalog);
        let (plan_goal, plan) = match plan {
            Some(opts) => {
                let (goal, mut targets) = plan_targets(&fits, &roles, assessment, catalog);
                for t in &mut targets {
                    t.interest = interest.get(&t.skill).copied().unwrap_or(0);
                }
                let goal = if targets.iter().any(|t| t.interest >= WANTS_TO_GROW) {
                    match goal.strip_suffix(", most important first.") {
                        Some(head) => format!(
                            "{head}: the skills you want to grow in first, then the most important."
                        ),
                        None => format!("{goal} Skills you want to grow in come first."),
                    }
                } else {
                    goal
                };
                (
                    Some(goal),
                    Some(build_plan(&targets, &catalog.resources, opts, &|s| {
                        assessment.rating(s)
                    })),
                )
            }
            None => (None, None),
        };
        Report {
            plan,
            plan_goal,
            person: assessment.person.clone(),
            email: assessment.email.clone(),
            assessed_on: assessment.assessed_on,
            generated_on,
            source: source.to_string(),
            best_fit: fits.first().map(|f| f.id.clone()),
            direction,
            roles: fits,
            rated_skills: assessment.ratings.len(),
            ratings: catalog
                .skills
                .iter()
                .filter_map(|s| {
                    assessment.ratings.get(&s.id).map(|r| SkillRating {
                        skill: s.id.clone(),
                        name: s.name.clone(),
                        category: s.category.clone(),
                        rating: r.value,
                        source: r.source.clone(),
                    })
                })
                .collect(),
            unrated,
            unknown_skills: assessment.unknown.clone(),
            notes,
            previous: None,
            raters: None,
            interest: interest_list(assessment, catalog),
        }
    }

    /// Skills the person wants to grow in (interest medium or high),
    /// highest interest first.
    pub fn wants_to_grow(&self) -> impl Iterator<Item = &Interest> {
        self.interest.iter().filter(|i| i.level >= WANTS_TO_GROW)
    }

    /// The best-fit role's analysis.
    pub fn best(&self) -> Option<&RoleFit> {
        self.roles.first()
    }
}

/// The interest list: every skill with an interest given, highest first,
/// then in catalogue order.
fn interest_list(assessment: &Assessment, catalog: &Catalog) -> Vec<Interest> {
    let mut v: Vec<Interest> = catalog
        .skills
        .iter()
        .filter_map(|s| {
            assessment.interest.get(&s.id).map(|&level| Interest {
                skill: s.id.clone(),
                name: s.name.clone(),
                level,
            })
        })
        .collect();
    v.sort_by_key(|i| std::cmp::Reverse(i.level));
    v
}

/// Interest per skill for the plan: as given, and a concept not given
/// takes the highest interest of the tools that roll up to it (wanting to
/// grow in Terraform is wanting to grow in Infrastructure as Code).
fn effective_interest(assessment: &Assessment, catalog: &Catalog) -> BTreeMap<String, u8> {
    let mut out = assessment.interest.clone();
    for s in &catalog.skills {
        let Some(&level) = assessment.interest.get(&s.id) else {
            continue;
        };
        for concept in &s.rolls_up_to {
            if !assessment.interest.contains_key(concept) {
                let e = out.entry(concept.clone()).or_insert(level);
                *e = (*e).max(level);
            }
        }
    }
    out
}

/// What the plan aims at: the best fit's gaps; with none, the closest role
/// that still has gaps (a stretch); with no gaps anywhere, the next level
/// up on every skill of the best fit.
fn plan_targets(
    fits: &[RoleFit],
    roles: &[Role],
    assessment: &Assessment,
    catalog: &Catalog,
) -> (String, Vec<Target>) {
    let Some(best) = fits.first() else {
        return (
            "No role was compared, so there is nothing to plan for.".into(),
            vec![],
        );
    };
    let targets = |f: &RoleFit| f.gaps.iter().map(Target::from_gap).collect::<Vec<_>>();
    if !best.gaps.is_empty() {
        return (
            format!("Closing the gaps for {}, most important first.", best.title),
            targets(best),
        );
    }
    if let Some(stretch) = fits.iter().find(|f| !f.gaps.is_empty()) {
        return (
            format!(
                "You meet every requirement of {}; this plan stretches toward {}.",
                best.title, stretch.title
            ),
            targets(stretch),
        );
    }
    let mut next = Vec::new();
    if let Some(role) = roles.iter().find(|r| r.id == best.id) {
        for q in &role.requirements {
            let current = assessment.rating(&q.skill).unwrap_or(0.0);
            if current < 5.0 {
                let target = (current.floor() as u8 + 1).min(5);
                next.push(Target {
                    skill: q.skill.clone(),
                    name: catalog
                        .by_id
                        .get(&q.skill)
                        .map_or(q.skill.clone(), |s| s.name.clone()),
                    current,
                    target,
                    weight: q.weight,
                    priority: f64::from(q.weight),
                    interest: 0,
                });
            }
        }
    }
    (
        format!(
            "You meet every requirement of every role compared; this plan takes each {} skill one level further.",
            best.title
        ),
        next,
    )
}
