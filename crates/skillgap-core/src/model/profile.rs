//! What an HR export or a survey says about a person besides their
//! ratings: job title, the role they aim at, and the groups they belong
//! to (department, team, manager, location). Carried from ingestion to
//! the report and the team files as written (cleaned like names).

use serde::{Deserialize, Serialize};

/// The group columns a team can be split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKey {
    /// Department, division or business unit.
    Department,
    /// Team or squad.
    Team,
    /// Line manager.
    Manager,
    /// Office, site or country.
    Location,
}

impl GroupKey {
    /// Every group key, in the order the team files list them.
    pub const ALL: [GroupKey; 4] = [
        GroupKey::Department,
        GroupKey::Team,
        GroupKey::Manager,
        GroupKey::Location,
    ];

    /// The column name in the team CSVs and `--group-by`.
    pub fn key(self) -> &'static str {
        match self {
            GroupKey::Department => "department",
            GroupKey::Team => "team",
            GroupKey::Manager => "manager",
            GroupKey::Location => "location",
        }
    }

    /// The word for a heading: "Department".
    pub fn label(self) -> &'static str {
        match self {
            GroupKey::Department => "Department",
            GroupKey::Team => "Team",
            GroupKey::Manager => "Manager",
            GroupKey::Location => "Location",
        }
    }
}

/// A person's title, target role and groups, each as the input wrote it
/// (None = no such column, or a blank cell).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Profile {
    /// Current job title ("Site Reliability Engineer II").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The role the person aims at, as written ("SRE").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role: Option<String>,
    /// Department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Manager.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The cloud the person works in, as written ("Azure"): the plan takes
    /// that provider's material when it names one the catalogue knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
}

impl Profile {
    /// The value of a group column.
    pub fn group(&self, key: GroupKey) -> Option<&str> {
        match key {
            GroupKey::Department => self.department.as_deref(),
            GroupKey::Team => self.team.as_deref(),
            GroupKey::Manager => self.manager.as_deref(),
            GroupKey::Location => self.location.as_deref(),
        }
    }

    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }
}
