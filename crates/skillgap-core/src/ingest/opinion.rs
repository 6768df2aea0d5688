//! Who gave a rating (self, manager, peer) and how much the person wants to
//! grow in a skill (interest 0–3): the optional `rater` and `interest`
//! columns.

use super::value::is_not_rated;
use crate::model::Rater;
use crate::text::shorten;

/// The rater as a lowercase word: `self`, `manager` or `peer` for their
/// usual spellings, anything else as given (lowercase, spaces collapsed).
/// None for a blank cell, which means a self-rating. Rows keep the word
/// (one shared copy per file); the analysis reads it back as a
/// [`Rater`].
pub fn normalise_rater(text: &str) -> Option<String> {
    Rater::from_cell(text).map(|r| r.as_str().to_string())
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

/// Answers of an interest grid (not interested … very interested, and
/// the same in German, French, Dutch and Spanish) as interest 0–3, then
/// what [`parse_interest`] reads.
pub(crate) fn parse_interest_answer(text: &str) -> Result<Option<u8>, String> {
    let key = text
        .trim()
        .trim_end_matches(['.', '!'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let level = match key.as_str() {
        "not interested"
        | "not at all interested"
        | "no interest"
        | "not at all"
        | "nicht interessiert"
        | "kein interesse"
        | "pas intéressé"
        | "pas intéressée"
        | "pas du tout intéressé"
        | "niet geïnteresseerd"
        | "niet geinteresseerd"
        | "no interesado"
        | "no interesada"
        | "nada interesado" => 0,
        "slightly interested"
        | "a little interested"
        | "a little"
        | "little interest"
        | "etwas interessiert"
        | "un peu intéressé"
        | "un peu intéressée"
        | "een beetje geïnteresseerd"
        | "enigszins geïnteresseerd"
        | "poco interesado" => 1,
        "somewhat interested"
        | "moderately interested"
        | "interested"
        | "would like to learn"
        | "want to grow"
        | "interessiert"
        | "intéressé"
        | "intéressée"
        | "geïnteresseerd"
        | "geinteresseerd"
        | "interesado"
        | "interesada"
        | "bastante interesado" => 2,
        "very interested"
        | "extremely interested"
        | "highly interested"
        | "very keen"
        | "sehr interessiert"
        | "très intéressé"
        | "très intéressée"
        | "zeer geïnteresseerd"
        | "heel geïnteresseerd"
        | "muy interesado"
        | "muy interesada" => 3,
        _ => return parse_interest(text),
    };
    Ok(Some(level))
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
        assert_eq!(parse_interest_answer("Not interested"), Ok(Some(0)));
        assert_eq!(parse_interest_answer("Very interested"), Ok(Some(3)));
        assert_eq!(parse_interest_answer("Sehr interessiert"), Ok(Some(3)));
        assert_eq!(parse_interest_answer("high"), Ok(Some(3)));
        assert!(parse_interest_answer("Interested-ish").is_err());
    }
}
