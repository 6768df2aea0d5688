//! The closest fit as a report tells it: the decision's call, phrased
//! (see [`super::decision`] for the rules), and the number formatting
//! every output shares.

pub use super::evidence::{DecidingSkill, RateNext};
use super::{RoleFit, RoleId};
use crate::text::pct;
use serde::Serialize;

/// What kind of answer a question gets (the closest fit, or "DevOps or
/// SRE?"), as phrased from the [`super::Decision`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Call {
    /// One role is named.
    Named,
    /// Both roles of "DevOps or SRE?" fit: interest decides.
    Either,
    /// The rated evidence does not separate two roles.
    TooClose,
    /// Not enough is rated to name a role.
    NotEnough,
    /// Nearly every rating is 1–2: too early to choose.
    TooEarly,
    /// Only one role was compared.
    Single,
}

/// How sure an answer is (low < moderate < high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Too close, not enough, too early, or every fit under 50% (see
    /// [`super::decision`]).
    Low,
    /// Named, with deciding skills unrated or a small margin.
    Moderate,
    /// Named, every deciding skill rated, a clear margin.
    High,
}

impl Confidence {
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
    pub best: RoleId,
    /// The other role of the comparison.
    pub runner_up: Option<RoleId>,
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
        matches!(self.call, Call::Named | Call::Single)
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
