//! The skills a decision rests on, as every output shows them: the rated
//! ones that push one way or the other, and the unrated ones to rate next.

use super::{RatingState, Role, RoleId, SkillId};
use serde::Serialize;

/// A rated skill whose requirement differs between two roles, and which
/// way the rating pushes.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DecidingSkill {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// The person's rating, if any.
    pub rating: Option<f64>,
    /// Level the first role requires (None: not required).
    pub best_required: Option<u8>,
    /// Level the second role requires (None: not required).
    pub runner_up_required: Option<u8>,
    /// Weight in the first role (3 core, 2 important, 1 nice to have).
    #[serde(default)]
    pub best_weight: Option<u8>,
    /// Weight in the second role.
    #[serde(default)]
    pub runner_up_weight: Option<u8>,
    /// Weighted levels this skill moves toward the first role (negative:
    /// toward the second): a requirement met counts weight × level, one
    /// not met counts −weight × the levels short.
    pub effect: f64,
    /// The role id the rating favours.
    #[serde(default)]
    pub favours: RoleId,
    /// The favoured role's short name ("SRE").
    #[serde(default)]
    pub favours_name: String,
    /// What the two roles ask of it, e.g. "SRE needs 4, DevOps does not
    /// require it"; with equal levels, the weights.
    #[serde(default)]
    pub needs: String,
}

/// A skill whose rating would help decide, and why.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RateNext {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Not rated by this person, or not asked by the input at all.
    pub state: RatingState,
    /// What the roles ask of it, e.g. "SRE needs 4, DevOps does not require it".
    pub why: String,
}

/// "SRE" for Site Reliability Engineer, "DevOps" for DevOps Engineer: the
/// first alias that is one capitalised word of at most 9 letters;
/// otherwise the title.
pub fn short(role: &Role) -> String {
    role.aliases
        .iter()
        .find(|a| {
            a.len() <= 9
                && a.chars().all(|c| c.is_ascii_alphabetic())
                && a.starts_with(|c: char| c.is_ascii_uppercase())
        })
        .cloned()
        .unwrap_or_else(|| role.title.clone())
}

/// "SRE needs 4, DevOps does not require it" / "both need 3; core for SRE,
/// important for DevOps".
pub fn needs_text(qa: Option<(u8, u8)>, qb: Option<(u8, u8)>, sa: &str, sb: &str) -> String {
    let weight = |w: u8| match w {
        3.. => "core",
        2 => "important",
        _ => "nice to have",
    };
    match (qa, qb) {
        (Some((la, wa)), Some((lb, wb))) if la == lb => format!(
            "both need {la}; {} for {sa}, {} for {sb}",
            weight(wa),
            weight(wb)
        ),
        (Some((la, _)), Some((lb, _))) => format!("{sa} needs {la}, {sb} needs {lb}"),
        (Some((la, _)), None) => format!("{sa} needs {la}, {sb} does not require it"),
        (None, Some((lb, _))) => format!("{sb} needs {lb}, {sa} does not require it"),
        (None, None) => String::new(),
    }
}
