//! How a file's rating answers were read, for `check`: which scale each
//! rating column uses (a named preset for words, a range for numbers, found
//! from the answers when the header declares none) and every distinct
//! answer with the level it became.

use serde::Serialize;

use super::presets::{self, Preset, split};
use super::scale::ColumnRead;
use super::value::{is_not_rated, parse_cell, parse_percent};
use crate::text::shorten;
use rustc_hash::FxHashMap as HashMap;

/// Distinct answers listed per scale; more are counted, not listed.
const MAX_LISTED: usize = 60;

/// One distinct answer and what it was read as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerRead {
    /// The answer as written (trimmed).
    pub answer: String,
    /// The level 0–5 it became; None when it could not be read (an error
    /// names each cell).
    pub level: Option<f64>,
    /// How many cells hold it.
    pub count: usize,
}

/// One scale used by some of the rating columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleUse {
    /// The scale and how its answers become 0–5.
    pub scale: String,
    /// The rating columns read on it (headers).
    pub columns: Vec<String>,
    /// Distinct answers in first-seen order (at most [`MAX_LISTED`]).
    pub answers: Vec<AnswerRead>,
    /// Distinct answers left out of `answers`.
    pub more: usize,
}

/// What a column's reading is called in `check`.
pub(crate) fn describe(how: &ColumnRead<'_>) -> String {
    let mut parts = Vec::new();
    if how.scale.is_some() {
        parts.push("scale.toml labels".to_string());
    }
    if how.percent {
        parts.push("percentages (÷ 20)".to_string());
    }
    match (how.preset, how.range) {
        (Some(p), _) if p.top != 5.0 => parts.push(p.name.to_string()),
        (p, range) => {
            parts.push(p.unwrap_or(&presets::LEVELS).name.to_string());
            if let Some((lo, hi)) = range {
                let n = crate::text::num;
                parts.push(format!("numbers {}–{} (value × 5/{})", n(lo), n(hi), n(hi)));
            } else {
                parts.push("numbers 0–5".to_string());
            }
        }
    }
    parts.join(", ")
}

/// Adds one column's answers to the scale it is read on.
pub(crate) fn tally<'a>(
    uses: &mut Vec<ScaleUse>,
    header: &str,
    cells: impl IntoIterator<Item = &'a str>,
    how: &ColumnRead<'_>,
) {
    let scale = describe(how);
    let at = match uses.iter().position(|u| u.scale == scale) {
        Some(i) => i,
        None => {
            uses.push(ScaleUse {
                scale,
                columns: Vec::new(),
                answers: Vec::new(),
                more: 0,
            });
            uses.len() - 1
        }
    };
    let Some(using) = uses.get_mut(at) else {
        return;
    };
    using.columns.push(shorten(header));
    let mut index: HashMap<String, usize> = using
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| (a.answer.clone(), i))
        .collect();
    let mut unlisted: Vec<String> = Vec::new();
    for cell in cells {
        if is_not_rated(cell) {
            continue;
        }
        let text = cell.trim();
        if let Some(&i) = index.get(text) {
            if let Some(a) = using.answers.get_mut(i) {
                a.count += 1;
            }
        } else if using.answers.len() < MAX_LISTED {
            index.insert(text.to_string(), using.answers.len());
            using.answers.push(AnswerRead {
                answer: text.to_string(),
                level: parse_cell(text, how).ok().flatten(),
                count: 1,
            });
        } else if unlisted.len() < 10_000 && !unlisted.iter().any(|u| u == text) {
            unlisted.push(text.to_string());
        }
    }
    using.more += unlisted.len();
}

/// A range for plain numbers when no header declares one and the largest
/// number answered is above 5: 1–7 or 0–7 up to 7, 1–10 or 0–10 up to
/// 10 (0 when anyone answered 0). None when every number is within 0–5,
/// one is above 10 (no common scale), or only one distinct value is above
/// 5: a single stray "7" in a 0–5 survey is a typo to report, not a
/// reason to rescale everyone.
pub(crate) fn detect_range<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    decimal_comma: bool,
) -> Option<(f64, f64)> {
    let mut max = f64::MIN;
    let mut zero = false;
    let mut above: Vec<f64> = Vec::new();
    for cell in cells {
        if is_not_rated(cell) || parse_percent(cell, decimal_comma).is_some() {
            continue;
        }
        let text = if decimal_comma {
            cell.replace(',', ".")
        } else {
            cell.to_string()
        };
        let parts = split(&text);
        let Some(n) = parts.number else { continue };
        if parts.word.is_some_and(|w| presets::known_word(&w)) || text.contains('/') {
            // "4 - Advanced", "7/10": the answer says its own scale.
            continue;
        }
        zero |= n == 0.0;
        max = max.max(n);
        if n > 5.0 && !above.contains(&n) {
            above.push(n);
        }
    }
    let low = if zero { 0.0 } else { 1.0 };
    if max <= 5.0 || max > 10.0 || above.len() < 2 {
        None
    } else if max <= 7.0 {
        Some((low, 7.0))
    } else {
        Some((low, 10.0))
    }
}

/// The note saying which range was found in the answers.
pub(crate) fn detected_note((lo, hi): (f64, f64), columns: usize) -> String {
    let n = crate::text::num;
    format!(
        "no header declares a range and answers go above 5: the {columns} rating column(s) were read as {}–{} (value × 5/{}, so {} → 5 and 5 → {}); put the range in the header, e.g. \"Kubernetes (0-5)\", if that is wrong",
        n(lo),
        n(hi),
        n(hi),
        n(hi),
        n((5.0 * 5.0 / hi * 100.0).round() / 100.0)
    )
}

/// The preset for a column's answers, preferring the file's.
pub(crate) fn preset_of<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    file: Option<&'static Preset>,
) -> Option<&'static Preset> {
    presets::choose(cells, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_from_the_answers() {
        assert_eq!(detect_range(["3", "8", "10", ""], false), Some((1.0, 10.0)));
        assert_eq!(detect_range(["0", "6", "7"], false), Some((0.0, 7.0)));
        assert_eq!(detect_range(["3", "7", "7"], false), None);
        assert_eq!(detect_range(["4", "5", "n/a"], false), None);
        assert_eq!(detect_range(["42"], false), None);
        assert_eq!(detect_range(["7,5", "9"], true), Some((1.0, 10.0)));
        assert_eq!(detect_range(["4 - Advanced", "7/10"], false), None);
    }

    #[test]
    fn answers_are_tallied_per_scale() {
        let how = ColumnRead {
            preset: Some(&presets::DREYFUS),
            ..ColumnRead::default()
        };
        let mut uses = Vec::new();
        tally(
            &mut uses,
            "Go",
            ["Novice", "novice ", "Advanced beginner", "", "Guru"],
            &how,
        );
        tally(&mut uses, "Rust", ["Novice"], &how);
        let [u] = &uses[..] else { panic!("{uses:?}") };
        assert!(u.scale.starts_with("Dreyfus"), "{}", u.scale);
        assert_eq!(u.columns, ["Go", "Rust"]);
        let got: Vec<(&str, Option<f64>, usize)> = u
            .answers
            .iter()
            .map(|a| (a.answer.as_str(), a.level, a.count))
            .collect();
        assert_eq!(
            got,
            [
                ("Novice", Some(1.0), 2),
                ("novice", Some(1.0), 1),
                ("Advanced beginner", Some(2.0), 1),
                ("Guru", None, 1)
            ]
        );
    }
}
