//! Who gave a rating: the person themself, their manager, a peer, or
//! another rater named in the input's rater column.

use std::fmt;

/// Who gave a set of ratings. Written (in JSON, messages and `check`) as
/// `self`, `manager`, `peer`, or the other rater's name in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rater {
    /// The person rating themself; rows without a rater are theirs.
    Own,
    /// Their manager.
    Manager,
    /// A peer.
    Peer,
    /// Anyone else, by the name in the rater column (lower case, spaces
    /// collapsed).
    Other(String),
}

impl Rater {
    /// The rater a rater cell names: `self`, `manager` or `peer` for
    /// their usual spellings ("Line Manager", "Colleague", "Me"), anyone
    /// else by name. None for a blank cell, which means a self-rating.
    pub fn from_cell(text: &str) -> Option<Rater> {
        let t: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if t.is_empty() {
            return None;
        }
        let key: String = t.chars().filter(|c| c.is_alphanumeric()).collect();
        Some(match key.as_str() {
            "self" | "me" | "myself" | "selfassessment" | "selfrating" | "own" | "employee" => {
                Rater::Own
            }
            "manager" | "mgr" | "linemanager" | "lead" | "teamlead" | "supervisor" | "boss" => {
                Rater::Manager
            }
            "peer" | "colleague" | "coworker" | "teammate" | "peerreview" => Rater::Peer,
            _ => Rater::Other(t),
        })
    }

    /// The rater a word written by [`Rater::as_str`] stands for.
    pub fn from_word(word: &str) -> Rater {
        match word {
            "self" => Rater::Own,
            "manager" => Rater::Manager,
            "peer" => Rater::Peer,
            other => Rater::Other(other.to_string()),
        }
    }

    /// `self`, `manager`, `peer` or the other rater's name.
    pub fn as_str(&self) -> &str {
        match self {
            Rater::Own => "self",
            Rater::Manager => "manager",
            Rater::Peer => "peer",
            Rater::Other(name) => name,
        }
    }

    /// The order raters are listed in: self, manager, peer, then others
    /// (which keep the order they were first seen in).
    pub fn rank(&self) -> usize {
        match self {
            Rater::Own => 0,
            Rater::Manager => 1,
            Rater::Peer => 2,
            Rater::Other(_) => 3,
        }
    }

    /// "self-ratings" reads "the self-ratings"; the others "the manager's
    /// ratings".
    pub fn possessive(&self) -> String {
        match self {
            Rater::Own => "self-".to_string(),
            r => format!("{}'s", r.as_str()),
        }
    }

    /// As the first word of a sentence: "Manager", "Peer", "Coach".
    pub fn title(&self) -> String {
        let mut c = self.as_str().chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }
}

impl fmt::Display for Rater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_name_raters_by_their_usual_spellings() {
        assert_eq!(Rater::from_cell(" Self "), Some(Rater::Own));
        assert_eq!(Rater::from_cell("Line Manager"), Some(Rater::Manager));
        assert_eq!(Rater::from_cell("PEER"), Some(Rater::Peer));
        assert_eq!(
            Rater::from_cell("  Tech   Coach "),
            Some(Rater::Other("tech coach".into()))
        );
        assert_eq!(Rater::from_cell("  "), None);
    }

    #[test]
    fn a_rater_reads_back_from_its_word() {
        for r in [
            Rater::Own,
            Rater::Manager,
            Rater::Peer,
            Rater::Other("coach".into()),
        ] {
            assert_eq!(Rater::from_word(r.as_str()), r);
        }
        assert_eq!(Rater::Own.possessive(), "self-");
        assert_eq!(Rater::Manager.possessive(), "manager's");
        assert_eq!(Rater::Other("coach".into()).title(), "Coach");
    }
}
