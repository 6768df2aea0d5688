//! Rating values: numbers, labels, survey answers and percentages.

use super::presets::{LEVELS, Preset, known_word, split};
use super::scale::ColumnRead;
use crate::text::shorten;

/// Cells longer than this are reported instead of parsed.
pub const MAX_FIELD_CHARS: usize = 10_000;

const HINT: &str =
    "use 0–5, a level such as none, basic, intermediate, advanced, expert, or a scale.toml label";

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
    parse_cell(
        text,
        &ColumnRead {
            decimal_comma,
            percent: percent_column,
            ..ColumnRead::default()
        },
    )
}

/// Parses a rating cell as its column is read: the survey's own labels
/// first, then percentages, the built-in labels and numbers — rescaled to
/// 0–5 when the column declares another range.
pub(crate) fn parse_cell(text: &str, how: &ColumnRead<'_>) -> Result<Option<f64>, RatingError> {
    if let Some(v) = how.scale.and_then(|s| s.level(text)) {
        return Ok(Some(v));
    }
    let Some((lo, hi)) = how.range else {
        return parse_plain(text, how.decimal_comma, how.percent, how.preset);
    };
    if is_not_rated(text) {
        return Ok(None);
    }
    let t = text.trim();
    if let Some(v) = word_level(t, how.preset)? {
        return Ok(Some(v));
    }
    let Some((number, rest)) = leading_number(&t.to_lowercase(), how.decimal_comma)
        .map(|(n, r)| (n, r.trim().to_string()))
    else {
        return Err(RatingError::new("is not a number or a known label"));
    };
    let suffix_ok = rest.is_empty()
        || rest
            .strip_prefix('/')
            .is_some_and(|r| r.trim().parse::<f64>() == Ok(hi))
        || rest
            .strip_prefix("out of")
            .is_some_and(|r| r.trim().parse::<f64>() == Ok(hi))
        || rest.starts_with(['-', '–', '—', ':', '(', '.'])
        || split(&rest).word.is_some_and(|w| known_word(&w));
    if !suffix_ok {
        return Err(RatingError::new("is not a number or a known label"));
    }
    if number.is_finite() && (lo.min(0.0)..=hi).contains(&number) {
        Ok(Some((number * 5.0 / hi * 100.0).round() / 100.0))
    } else {
        Err(RatingError::new(format!(
            "is outside the column's {}–{}",
            crate::text::num(lo),
            crate::text::num(hi)
        )))
    }
}

fn parse_plain(
    text: &str,
    decimal_comma: bool,
    percent_column: bool,
    preset: Option<&Preset>,
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
    if let Some(v) = word_level(t, preset)? {
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
    if split(rest).word.is_some_and(|w| known_word(&w)) {
        return Ok(());
    }
    Err(RatingError::new("is not a number or a known label"))
}

/// The level of an answer that is a word alone ("Expert", "Intermediate
/// (3)", "Expert - can teach it") on the column's scale, the 0–5 levels
/// when none was chosen. `Ok(None)` leaves numbered answers ("4 -
/// Advanced") and unknown words to the number path; a word of another
/// scale than the column's is an error, so that one answer is never read
/// on a different scale than its neighbours.
fn word_level(text: &str, preset: Option<&Preset>) -> Result<Option<f64>, RatingError> {
    let parts = split(text);
    // "Level 4" and other words around a number are for the number path.
    let Some(word) = parts
        .word
        .as_deref()
        .filter(|w| parts.number.is_none() && !w.contains(|c: char| c.is_ascii_digit()))
    else {
        return Ok(None);
    };
    let scale = preset.unwrap_or(&LEVELS);
    // Once chosen, a numbers-only scale reads its words alone as well.
    if let Some(n) = scale.number_of(word) {
        return Ok(Some(scale.level(n)));
    }
    // A column on a named scale says which answers it takes.
    if preset.is_some() {
        return Err(RatingError::new(format!(
            "is not an answer of this column's scale, {}",
            scale.name
        )));
    }
    Ok(None)
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
            ("No experience", 0.0),
            ("Never used", 0.0),
            ("Heard of it", 1.0),
            ("Basic", 2.0),
            ("Familiar", 2.0),
            ("Working knowledge", 3.0),
            ("Good", 3.0),
            ("Very good", 4.0),
            ("Strong", 4.0),
            ("Excellent", 5.0),
            ("1 - Novice", 1.0),
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
            "rating \"7\" for \"Kubernetes\" is outside 0–5 (use 0–5, a level such as none, basic, intermediate, advanced, expert, or a scale.toml label)"
        );
        assert_eq!(
            parse_rating("-1", false).unwrap_err(),
            "rating \"-1\" is outside 0–5 (use 0–5, a level such as none, basic, intermediate, advanced, expert, or a scale.toml label)"
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
    fn declared_ranges_and_own_labels() {
        let scale = super::super::scale::Scale::from_toml("[labels]\n\"Rookie\" = 1\n").unwrap();
        let ten = ColumnRead {
            range: Some((0.0, 10.0)),
            scale: Some(&scale),
            ..ColumnRead::default()
        };
        assert_eq!(parse_cell("7", &ten), Ok(Some(3.5)));
        assert_eq!(parse_cell("10/10", &ten), Ok(Some(5.0)));
        assert_eq!(parse_cell("Rookie", &ten), Ok(Some(1.0)));
        assert_eq!(parse_cell("", &ten), Ok(None));
        assert!(parse_cell("11", &ten).is_err());
        assert!(parse_cell("lots", &ten).is_err());
        let e = parse_cell("12", &ten)
            .unwrap_err()
            .message("12", Some("Go"));
        assert!(e.contains("outside the column's 0–10"), "{e}");
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
