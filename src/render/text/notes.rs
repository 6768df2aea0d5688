//! What was left out, in the terminal: unrated skills, unknown names and
//! how ratings were combined.

use super::{Text, clean};
use crate::analysis::report::Report;
use crate::model::{RatingState, UnratedPolicy};
use std::fmt::Write;

impl Text {
    /// What was left out: unrated skills, unknown names, notes.
    pub(super) fn notes(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        let unrated = |state: RatingState| -> Vec<&str> {
            r.unrated
                .iter()
                .filter(|u| u.state == state)
                .map(|u| u.name.as_str())
                .collect()
        };
        let counted = match r.unrated_policy {
            UnratedPolicy::Skip => "left out of the fit",
            UnratedPolicy::Zero => "counted as 0",
        };
        let not_rated = unrated(RatingState::NotRated);
        if !not_rated.is_empty() {
            writeln!(o, "Not rated ({counted}): {}", not_rated.join(", "))?;
        }
        let not_asked = unrated(RatingState::NotAsked);
        if !not_asked.is_empty() {
            writeln!(
                o,
                "Not in this survey ({counted}): {}{}",
                not_asked.join(", "),
                if r.unknown_skills.is_empty() {
                    ""
                } else {
                    " (a skill name below that did not match may be one of them)"
                }
            )?;
        }
        for u in &r.unknown_skills {
            let hint = u
                .suggestion
                .as_ref()
                .map_or(String::new(), |s| format!(" — did you mean \"{s}\"?"));
            writeln!(
                o,
                "Unknown skill \"{}\" (line {}){hint}",
                clean(&u.name),
                u.line
            )?;
        }
        for n in &r.notes {
            writeln!(o, "Note: {}", clean(n))?;
        }
        Ok(())
    }
}
