//! Rating values: numbers, labels, survey answers and percentages.

/// Cells longer than this are reported instead of parsed.
pub const MAX_FIELD_CHARS: usize = 10_000;

const HINT: &str = "use 0–5 or a label: none, awareness, beginner, intermediate, advanced, expert";

/// Labels of the 0–5 scale, longest first so that prefixes match correctly.
const LABELS: [(&str, f64); 10] = [
    ("fundamental awareness", 1.0),
    ("intermediate", 3.0),
    ("proficient", 4.0),
    ("awareness", 1.0),
    ("competent", 3.0),
    ("beginner", 2.0),
    ("advanced", 4.0),
    ("novice", 2.0),
    ("expert", 5.0),
    ("none", 0.0),
];

/// Answers that mean "not rated" rather than a value.
const NOT_RATED: [&str; 9] = [
    "n/a",
    "na",
    "n.a.",
    "-",
    "–",
    "—",
    "not rated",
    "not applicable",
    "unrated",
];

/// Why a rating cell could not be read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RatingError {
    reason: String,
}

impl RatingError {
    fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }

    /// Full message: `rating "7" for "Kubernetes" is outside 0–5 (use …)`.
    pub(crate) fn message(&self, raw: &str, skill: Option<&str>) -> String {
        let for_skill = skill.map_or(String::new(), |s| format!(" for \"{}\"", shorten(s)));
        format!(
            "rating \"{}\"{for_skill} {} ({HINT})",
            shorten(raw.trim()),
            self.reason
        )
    }
}

/// Cuts long text for messages, at a character boundary.
pub fn shorten(text: &str) -> String {
    const KEEP: usize = 40;
    if text.chars().count() <= KEEP {
        text.to_string()
    } else {
        let head: String = text.chars().take(KEEP).collect();
        format!("{head}…")
    }
}

/// Parses one rating as typed by a person or exported by a survey tool.
///
/// Returns `Ok(None)` for "not rated" (blank, `n/a`, `-`, `not rated`),
/// `Ok(Some(v))` with `v` in 0.0..=5.0, or `Err(message)` ready to show.
/// `decimal_comma` accepts `3,5` as 3.5. A percentage is an error here:
/// percentages are only read when a whole column uses them.
pub fn parse_rating(text: &str, decimal_comma: bool) -> Result<Option<f64>, String> {
    parse_value(text, decimal_comma, false).map_err(|e| e.message(text, None))
}

/// True for answers that mean "not rated".
pub(crate) fn is_not_rated(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || NOT_RATED.iter().any(|n| t.eq_ignore_ascii_case(n))
}

/// Parses a rating cell; `percent_column` says every answer in its column is
/// a percentage, so that `60%` reads as 3.0.
pub(crate) fn parse_value(
    text: &str,
    decimal_comma: bool,
    percent_column: bool,
) -> Result<Option<f64>, RatingError> {
    let chars = text.chars().count();
    if chars > MAX_FIELD_CHARS {
        return Err(RatingError::new(format!(
            "is too long ({chars} characters)"
        )));
    }
    if is_not_rated(text) {
        return Ok(None);
    }
    let t = text.trim();
    if let Some(pct) = parse_percent(t, decimal_comma) {
        if !percent_column {
            return Err(RatingError::new(
                "is a percentage, but percentages are read only when every rating in the column is one",
            ));
        }
        return if (0.0..=100.0).contains(&pct) {
            Ok(Some(pct / 20.0))
        } else {
            Err(RatingError::new("is outside 0–100%"))
        };
    }
    if let Some(v) = label_value(t) {
        return Ok(Some(v));
    }
    let lower = t.to_lowercase();
    let numeric = lower
        .strip_prefix("level")
        .map(str::trim_start)
        .unwrap_or(&lower);
    let Some((number, rest)) = leading_number(numeric, decimal_comma) else {
        return Err(RatingError::new("is not a number or a known label"));
    };
    check_suffix(rest, decimal_comma)?;
    if number.is_finite() && (0.0..=5.0).contains(&number) {
        Ok(Some(number))
    } else {
        Err(RatingError::new("is outside 0–5"))
    }
}

/// Accepts what may follow the number in a survey choice: nothing,
/// `- Intermediate`, `(Advanced)`, `/5`, `out of 5`, or a label.
fn check_suffix(rest: &str, decimal_comma: bool) -> Result<(), RatingError> {
    let rest = rest.trim_start();
    let Some(first) = rest.chars().next() else {
        return Ok(());
    };
    if first == ',' && !decimal_comma {
        return Err(RatingError::new(
            "uses a decimal comma in a comma-separated file; write it with a dot, as in 3.5",
        ));
    }
    if let Some(scale) = rest.strip_prefix('/') {
        return if scale.trim() == "5" {
            Ok(())
        } else {
            Err(RatingError::new("is not on the 0–5 scale"))
        };
    }
    if let Some(scale) = rest.strip_prefix("out of") {
        return if scale.trim() == "5" {
            Ok(())
        } else {
            Err(RatingError::new("is not on the 0–5 scale"))
        };
    }
    if matches!(first, '-' | '–' | '—' | ':' | '=' | '(' | ')' | '.') {
        let after = rest
            .get(first.len_utf8()..)
            .unwrap_or_default()
            .trim_start();
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(RatingError::new("looks like a range; pick one value"));
        }
        return Ok(());
    }
    if label_value(rest).is_some() {
        return Ok(());
    }
    Err(RatingError::new("is not a number or a known label"))
}

/// Value of a scale label at the start of `text` (case-insensitive), such as
/// `Expert` or `Intermediate (3)`.
fn label_value(text: &str) -> Option<f64> {
    let lower = text.trim().to_lowercase();
    let squeezed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    LABELS.iter().find_map(|&(label, value)| {
        let rest = squeezed.strip_prefix(label)?;
        let boundary = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
        boundary.then_some(value)
    })
}

/// A leading decimal number (optionally signed) and the text after it.
fn leading_number(text: &str, decimal_comma: bool) -> Option<(f64, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        end = 1;
    }
    let int_start = end;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    let mut digits = end - int_start;
    let is_sep = |b: u8| b == b'.' || (decimal_comma && b == b',');
    if bytes.get(end).copied().is_some_and(is_sep)
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
    {
        end += 1;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    // Only ASCII bytes were consumed, so `end` is a char boundary.
    let number = text.get(..end)?.replace(',', ".").parse::<f64>().ok()?;
    Some((number, text.get(end..)?))
}

/// `60%`, `60 %` or `62,5%` as a number of percent.
pub(crate) fn parse_percent(text: &str, decimal_comma: bool) -> Option<f64> {
    let body = text.trim().strip_suffix('%')?.trim_end();
    let (number, rest) = leading_number(body, decimal_comma)?;
    rest.is_empty().then_some(number)
}

/// True when every answered cell is a percentage (and there is at least one).
pub(crate) fn column_is_percent<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    decimal_comma: bool,
) -> bool {
    let mut any = false;
    for cell in cells {
        if is_not_rated(cell) {
            continue;
        }
        if parse_percent(cell, decimal_comma).is_none() {
            return false;
        }
        any = true;
    }
    any
}

/// Decimal commas are only plausible when the comma is not the delimiter;
/// then one `n,n` answer is enough to read them all that way.
pub(crate) fn detect_decimal_comma<'a>(
    delimiter: u8,
    cells: impl IntoIterator<Item = &'a str>,
) -> bool {
    if delimiter == b',' {
        return false;
    }
    cells.into_iter().any(|cell| {
        let t = cell.trim();
        let t = t.strip_suffix('%').map_or(t, str::trim_end);
        t.split_once(',').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_rating("3", false), Ok(Some(3.0)));
        assert_eq!(parse_rating(" 3.5 ", false), Ok(Some(3.5)));
        assert_eq!(parse_rating("0", false), Ok(Some(0.0)));
        assert_eq!(parse_rating("5.0", false), Ok(Some(5.0)));
        assert_eq!(parse_rating("3,5", true), Ok(Some(3.5)));
        assert_eq!(parse_rating("Level 4", false), Ok(Some(4.0)));
    }

    #[test]
    fn labels_any_case() {
        let cases = [
            ("none", 0.0),
            ("Awareness", 1.0),
            ("beginner", 2.0),
            ("NOVICE", 2.0),
            ("Intermediate", 3.0),
            ("competent", 3.0),
            ("Advanced", 4.0),
            ("proficient", 4.0),
            ("Expert", 5.0),
            ("Fundamental Awareness", 1.0),
            ("Expert - can teach it", 5.0),
            ("Intermediate (3)", 3.0),
        ];
        for (text, want) in cases {
            assert_eq!(parse_rating(text, false), Ok(Some(want)), "{text}");
        }
    }

    #[test]
    fn survey_choices() {
        assert_eq!(parse_rating("3 - Intermediate", false), Ok(Some(3.0)));
        assert_eq!(parse_rating("4 (Advanced)", false), Ok(Some(4.0)));
        assert_eq!(parse_rating("4 – Advanced", false), Ok(Some(4.0)));
        assert_eq!(parse_rating("5: Expert", false), Ok(Some(5.0)));
        assert_eq!(parse_rating("2 Beginner", false), Ok(Some(2.0)));
        assert_eq!(parse_rating("3/5", false), Ok(Some(3.0)));
        assert_eq!(parse_rating("3 out of 5", false), Ok(Some(3.0)));
    }

    #[test]
    fn not_rated() {
        for text in [
            "",
            "   ",
            "n/a",
            "N/A",
            "-",
            "–",
            "not rated",
            "Not applicable",
        ] {
            assert_eq!(parse_rating(text, false), Ok(None), "{text:?}");
        }
    }

    #[test]
    fn errors_have_specific_messages() {
        let e = parse_value("7", false, false).unwrap_err();
        assert_eq!(
            e.message("7", Some("Kubernetes")),
            "rating \"7\" for \"Kubernetes\" is outside 0–5 (use 0–5 or a label: none, awareness, beginner, intermediate, advanced, expert)"
        );
        assert_eq!(
            parse_rating("-1", false).unwrap_err(),
            "rating \"-1\" is outside 0–5 (use 0–5 or a label: none, awareness, beginner, intermediate, advanced, expert)"
        );
        for bad in [
            "NaN", "inf", "infinity", "lots", "3 years", "1e1", "0x3", "3-4", "3/10",
        ] {
            assert!(parse_rating(bad, false).is_err(), "{bad}");
        }
        assert!(
            parse_rating("3,5", false)
                .unwrap_err()
                .contains("decimal comma")
        );
        assert!(
            parse_rating("60%", false)
                .unwrap_err()
                .contains("percentage")
        );
        assert!(parse_rating("3 - 4", false).unwrap_err().contains("range"));
    }

    #[test]
    fn long_values_are_errors_with_short_messages() {
        let long = "9".repeat(MAX_FIELD_CHARS + 1);
        let msg = parse_rating(&long, false).unwrap_err();
        assert!(msg.contains("is too long (10001 characters)"), "{msg}");
        assert!(msg.chars().count() < 200);
        let msg = parse_rating(&"é".repeat(50), false).unwrap_err();
        assert!(msg.contains("ééé…"));
    }

    #[test]
    fn percentages_in_percent_columns() {
        assert_eq!(parse_value("60%", false, true), Ok(Some(3.0)));
        assert_eq!(parse_value("70 %", false, true), Ok(Some(3.5)));
        assert_eq!(parse_value("62,5%", true, true), Ok(Some(3.125)));
        assert_eq!(parse_value("", false, true), Ok(None));
        assert!(parse_value("120%", false, true).is_err());
        assert!(column_is_percent(["60%", "", "100%"], false));
        assert!(!column_is_percent(["60%", "3"], false));
        assert!(!column_is_percent(["", "n/a"], false));
    }

    #[test]
    fn decimal_comma_detection() {
        assert!(detect_decimal_comma(b';', ["3", "3,5"]));
        assert!(detect_decimal_comma(b'\t', ["2,0"]));
        assert!(!detect_decimal_comma(b',', ["3,5"]));
        assert!(!detect_decimal_comma(b';', ["3", "4", "a,b"]));
    }
}
