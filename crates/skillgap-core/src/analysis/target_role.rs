//! The role a person aims at and where that comes from: kept in each
//! person's summary, set by `target::assign`.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where a person's target role comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetFrom {
    /// A target-role column.
    Column,
    /// The job title, mapped through the roles' aliases.
    Title,
    /// `--team-role`.
    TeamRole,
    /// The person's best fit.
    BestFit,
}

impl TargetFrom {
    /// The value in team-summary.csv's `target_from` column.
    pub fn key(self) -> &'static str {
        match self {
            TargetFrom::Column => "target-role",
            TargetFrom::Title => "title",
            TargetFrom::TeamRole => "team-role",
            TargetFrom::BestFit => "best-fit",
        }
    }

    /// In words: "by job title".
    pub fn words(self) -> &'static str {
        match self {
            TargetFrom::Column => "by their target-role answer",
            TargetFrom::Title => "by job title",
            TargetFrom::TeamRole => "by --team-role",
            TargetFrom::BestFit => "by best fit (no title or target given)",
        }
    }
}

/// The role a person aims at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Role id.
    pub role: Arc<str>,
    /// Where it comes from.
    pub from: TargetFrom,
}
