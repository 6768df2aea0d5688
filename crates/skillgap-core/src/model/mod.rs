//! The domain model: skills, roles, a person's ratings, and the analysis
//! that turns them into gaps, fit and a direction. Pure data and functions;
//! nothing here knows about files, the command line or output formats.

mod analysis;
#[cfg(test)]
pub(crate) use analysis::tests::person as test_person;
mod decision;
mod direction;
mod evidence;
mod ids;
mod profile;
mod rater;
mod resource;
mod scale;

pub use analysis::{
    COVERAGE_MIN, Gap, RATED_MIN, RoleFit, Strength, TOO_CLOSE, Unassessed, analyse_role,
    rank_roles,
};
pub use decision::{
    DEVOPS, Decision, DefiningSkill, First, MARGIN as DECISION_MARGIN, Path, PathDecision,
    READY_FIT, Reason, RoleEvidence, SRE, Verdict, blocking_gaps, decide, defining_of,
    ready as is_ready,
};
pub use direction::{Call, Confidence, DecidingSkill, Direction, RateNext, rated_share};
pub use evidence::{needs_text, short};
pub use ids::{RoleId, SkillId};
pub use profile::{GroupKey, Profile};
pub use rater::Rater;
pub use resource::{CLOUDS, Cost, LearningClass, Resource, ResourceKind, Sessions};
pub use scale::{LEVELS, WANTS_TO_GROW, interest_label, level_label};

use serde::Serialize;
use std::collections::BTreeMap;

/// Whether a skill is a broad practice that roles require, or a concrete
/// tool or language that counts toward such practices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SkillKind {
    /// A practice or area such as "Infrastructure as Code".
    Concept,
    /// A tool or language such as "Terraform".
    Tool,
}

/// One entry of the skill catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Skill {
    /// Stable identifier, kebab-case.
    pub id: SkillId,
    /// Display name.
    pub name: String,
    /// Category used to group skills in reports.
    pub category: String,
    /// Concept or tool.
    pub kind: SkillKind,
    /// Other names people type for this skill.
    pub aliases: Vec<String>,
    /// Concept skills this tool counts toward.
    pub rolls_up_to: Vec<SkillId>,
    /// One-line description.
    pub description: String,
}

/// A role's requirement on one skill.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Requirement {
    /// Skill id.
    pub skill: SkillId,
    /// Required level, 1–5.
    pub level: u8,
    /// 3 core, 2 important, 1 nice to have.
    pub weight: u8,
    /// One of the skills that set the role apart (what a hiring manager
    /// looks for first); the decision weighs these, not shared basics.
    #[serde(default)]
    pub defining: bool,
    /// Supporting evidence for the role (APM or capacity for an SRE):
    /// counts toward naming it when rated, never against it when not, and
    /// readiness does not wait on it.
    #[serde(default)]
    pub supporting: bool,
}

/// A role profile with inherited requirements already resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    /// Stable identifier such as `sre`.
    pub id: RoleId,
    /// Title such as "Site Reliability Engineer".
    pub title: String,
    /// Other names for the role (`--role` accepts them).
    pub aliases: Vec<String>,
    /// What the role does, in a sentence or two.
    pub summary: String,
    /// The role this one builds on, if any.
    pub extends: Option<RoleId>,
    /// The broader role this one specialises (Platform, Cloud and DevSecOps
    /// on DevOps): shown about as well, the specialism is named.
    pub base: Option<RoleId>,
    /// Every requirement, inherited ones included.
    pub requirements: Vec<Requirement>,
}

/// Where a person's effective rating for a skill comes from.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RatingSource {
    /// Rated directly, under the given typed name(s).
    Direct {
        /// Names as typed in the input.
        typed: Vec<String>,
        /// Input lines the rating came from.
        lines: Vec<usize>,
    },
    /// Not rated directly; the highest rating of a tool that rolls up to it.
    RolledUp {
        /// The tool's skill id.
        from: String,
        /// The tool's display name.
        from_name: String,
    },
}

/// A person's effective rating on one skill.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Rated {
    /// 0.0–5.0.
    pub value: f64,
    /// Where it came from.
    pub source: RatingSource,
}

/// A skill name in the input that matched nothing in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct UnknownSkill {
    /// As typed.
    pub name: String,
    /// Input line.
    pub line: usize,
    /// The closest catalogue name, when one is close enough.
    pub suggestion: Option<String>,
}

/// One person's self-assessment, matched against the catalogue.
#[derive(Debug, Clone, Default)]
pub struct Assessment {
    /// Display name.
    pub person: String,
    /// Email, when the input has one.
    pub email: Option<String>,
    /// When the ratings were given (newest date in the input).
    pub assessed_on: Option<chrono::NaiveDate>,
    /// Effective ratings by skill id, roll-ups included.
    pub ratings: BTreeMap<SkillId, Rated>,
    /// Skill ids the person explicitly left blank.
    pub blank: Vec<SkillId>,
    /// Names that matched no catalogue skill.
    pub unknown: Vec<UnknownSkill>,
    /// How much the person wants to grow, by skill id: 0 none, 1 low,
    /// 2 medium, 3 high (only skills where it was given).
    pub interest: BTreeMap<SkillId, u8>,
    /// Skill ids the input asks about for anyone (a column or row names
    /// them, directly or through a tool that rolls up to them). None when
    /// not known: every skill then counts as asked.
    pub asked: Option<std::sync::Arc<std::collections::BTreeSet<String>>>,
}

/// Where a person stands on one required skill: the three states the
/// analysis keeps apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingState {
    /// Any rating given, an explicit 0 included.
    Rated,
    /// The input asks about it, but this person gave no rating.
    NotRated,
    /// The input asks nobody about it (the survey has no such question).
    NotAsked,
}

impl Assessment {
    /// The effective rating for a skill, if any.
    pub fn rating(&self, skill: &str) -> Option<f64> {
        self.ratings.get(skill).map(|r| r.value)
    }

    /// Rated, not rated, or not asked by the input.
    pub fn state(&self, skill: &str) -> RatingState {
        if self.ratings.contains_key(skill) {
            RatingState::Rated
        } else if self.asked.as_ref().is_some_and(|a| !a.contains(skill)) {
            RatingState::NotAsked
        } else {
            RatingState::NotRated
        }
    }
}

/// How a required skill without a rating enters the fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnratedPolicy {
    /// Left out: fit is over the rated requirements, and coverage says
    /// how much of the role that is (the default: no invented ratings).
    #[default]
    Skip,
    /// Counted as 0, the conservative reading (`--unrated zero`).
    Zero,
}
