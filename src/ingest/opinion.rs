//! Who gave a rating (self, manager, peer) and how much the person wants to
//! grow in a skill (interest 0–3): the optional `rater` and `interest`
//! columns.

use super::value::{is_not_rated, shorten};

/// The rater as a lowercase word: `self`, `manager` or `peer` for their
/// usual spellings, anything else as given (lowercase, spaces collapsed).
/// None for a blank cell, which means a self-rating.
pub fn normalise_rater(text: &str) -> Option<String> {
    let t: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if t.is_empty() {
        return None;
    }
    let key: String = t.chars().filter(|c| c.is_alphanumeric()).collect();
    Some(
        match key.as_str() {
            "self" | "me" | "myself" | "selfassessment" | "selfrating" | "own" | "employee" => {
                "self"
            }
            "manager" | "mgr" | "linemanager" | "lead" | "teamlead" | "supervisor" | "boss" => {
                "manager"
            }
            "peer" | "colleague" | "coworker" | "teammate" | "peerreview" => "peer",
            _ => return Some(t),
        }
        .to_string(),
    )
}

/// Interest words and numbers: 0–3, or none / low / medium / high.
/// Blank (or `n/a`, `-`) is None; anything else is an error message.
pub fn parse_interest(text: &str) -> Result<Option<u8>, String> {
    let t = text.trim();
    if is_not_rated(t) {
        return Ok(None);
    }
    let lower = t.to_lowercase();
    let level = match lower.as_str() {
        "none" | "no" => Some(0),
        "low" => Some(1),
        "medium" | "med" | "mid" | "some" => Some(2),
        "high" | "very high" | "yes" => Some(3),
        n => n
            .parse::<f64>()
            .ok()
            .filter(|v| v.fract() == 0.0 && (0.0..=3.0).contains(v))
            .map(|v| v as u8),
    };
    level.map(Some).ok_or_else(|| {
        format!(
            "interest \"{}\" is not 0–3 or none/low/medium/high",
            shorten(t)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raters_normalise() {
        assert_eq!(normalise_rater(" Self "), Some("self".into()));
        assert_eq!(normalise_rater("Line Manager"), Some("manager".into()));
        assert_eq!(normalise_rater("PEER"), Some("peer".into()));
        assert_eq!(normalise_rater("Tech  Coach"), Some("tech coach".into()));
        assert_eq!(normalise_rater("  "), None);
    }

    #[test]
    fn interest_words_and_numbers() {
        assert_eq!(parse_interest("High"), Ok(Some(3)));
        assert_eq!(parse_interest("medium"), Ok(Some(2)));
        assert_eq!(parse_interest("1"), Ok(Some(1)));
        assert_eq!(parse_interest("0"), Ok(Some(0)));
        assert_eq!(parse_interest(""), Ok(None));
        assert_eq!(parse_interest("n/a"), Ok(None));
        assert!(parse_interest("4").is_err());
        assert!(parse_interest("1.5").is_err());
        assert!(parse_interest("lots").unwrap_err().contains("\"lots\""));
        assert_eq!(crate::model::interest_label(3), "high");
    }
}
