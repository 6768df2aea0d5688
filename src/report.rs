//! The finished report: everything a renderer needs, computed once.

use crate::catalog::Catalog;
use crate::model::{
    Assessment, Direction, Role, RoleFit, UnknownSkill, analyse_role, direction, rank_roles,
};
use chrono::NaiveDate;
use serde::Serialize;

/// A skill some compared role requires that the person did not rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unrated {
    /// Skill id.
    pub skill: String,
    /// Display name.
    pub name: String,
    /// Whether the person left it blank on purpose (the row was there).
    pub left_blank: bool,
}

/// A finished report for one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Required skills without any rating (counted as 0).
    pub unrated: Vec<Unrated>,
    /// Input names that matched no catalogue skill.
    pub unknown_skills: Vec<UnknownSkill>,
    /// How ratings were combined (merges, roll-ups).
    pub notes: Vec<String>,
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
        rank_roles(&mut fits);
        let direction = direction(assessment, &fits, &roles, &catalog.by_id);
        for f in &mut fits {
            f.fit = (f.fit * 10.0).round() / 10.0;
        }
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
        Report {
            person: assessment.person.clone(),
            email: assessment.email.clone(),
            assessed_on: assessment.assessed_on,
            generated_on,
            source: source.to_string(),
            best_fit: fits.first().map(|f| f.id.clone()),
            direction,
            roles: fits,
            rated_skills: assessment.ratings.len(),
            unrated,
            unknown_skills: assessment.unknown.clone(),
            notes,
        }
    }

    /// The best-fit role's analysis.
    pub fn best(&self) -> Option<&RoleFit> {
        self.roles.first()
    }
}
