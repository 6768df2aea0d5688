//! A survey's own answer scale: `scale.toml` in a `--templates` folder
//! maps answer labels to levels 0–5, and a column whose header declares a
//! numeric range ("Score /10", "(1-10)") is rescaled to 0–5.

use std::collections::HashMap;

/// Answer labels of a survey's own scale, from `scale.toml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scale {
    /// Normalised label → level 0–5.
    labels: HashMap<String, f64>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFile {
    labels: HashMap<String, f64>,
}

impl Scale {
    /// Parses `scale.toml`:
    ///
    /// ```toml
    /// [labels]
    /// "Rookie" = 1
    /// "Can teach it" = 5
    /// ```
    ///
    /// Every level must be within 0–5. The message names the label at fault.
    pub fn from_toml(text: &str) -> Result<Scale, String> {
        let file: ScaleFile = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            match e.span() {
                Some(span) => {
                    let line = text.get(..span.start).unwrap_or("").matches('\n').count() + 1;
                    format!("line {line}: {msg}")
                }
                None => msg,
            }
        })?;
        let mut labels = HashMap::new();
        for (label, level) in file.labels {
            if !(0.0..=5.0).contains(&level) {
                return Err(format!(
                    "label \"{label}\" has level {level}; levels are 0–5 (0 none … 5 expert)"
                ));
            }
            let key = key(&label);
            if key.is_empty() {
                return Err("a label is empty".to_string());
            }
            labels.insert(key, level);
        }
        Ok(Scale { labels })
    }

    /// The level of an answer, if it is one of the scale's labels.
    pub(crate) fn level(&self, answer: &str) -> Option<f64> {
        if self.labels.is_empty() {
            return None;
        }
        self.labels.get(&key(answer)).copied()
    }
}

/// Labels compare ignoring case, spacing and trailing punctuation.
fn key(label: &str) -> String {
    label
        .trim()
        .trim_end_matches(['.', '!', '?'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How the values of one rating column are read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ColumnRead<'s> {
    /// `3,5` is 3.5.
    pub decimal_comma: bool,
    /// Every answer is a percentage.
    pub percent: bool,
    /// A range the header declares, (low, high), when it is not 0–5.
    pub range: Option<(f64, f64)>,
    /// The survey's own labels.
    pub scale: Option<&'s Scale>,
    /// The named scale chosen for the column's words (None = 0–5 levels).
    pub preset: Option<&'static super::presets::Preset>,
}

/// The range to rescale from, for a header's declared range: None when it
/// is already (within) 0–5.
pub(crate) fn rescaled_range(declared: Option<(f64, f64)>) -> Option<(f64, f64)> {
    declared.filter(|&(lo, hi)| hi != 5.0 && hi > 0.0 && lo >= 0.0 && lo < hi)
}

/// The note saying a column was rescaled.
pub(crate) fn rescale_note(header: &str, (lo, hi): (f64, f64)) -> String {
    let n = |v: f64| crate::text::num(v);
    format!(
        "\"{}\" is rated on {}–{}: ratings were read as value × 5/{} (for example {} → {})",
        crate::text::shorten(header),
        n(lo),
        n(hi),
        n(hi),
        n(hi),
        n(5.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_toml() {
        let s = Scale::from_toml("[labels]\n\"Rookie\" = 1\n\"Can teach it!\" = 5\n").unwrap();
        assert_eq!(s.level(" rookie "), Some(1.0));
        assert_eq!(s.level("CAN  TEACH IT"), Some(5.0));
        assert_eq!(s.level("Pro"), None);
        let e = Scale::from_toml("[labels]\n\"Guru\" = 9\n").unwrap_err();
        assert!(e.contains("\"Guru\" has level 9"), "{e}");
        let e = Scale::from_toml("[labels]\n\"Guru\" = \"high\"\n").unwrap_err();
        assert!(e.starts_with("line 2"), "{e}");
    }

    #[test]
    fn only_ranges_other_than_five_are_rescaled() {
        assert_eq!(rescaled_range(Some((0.0, 10.0))), Some((0.0, 10.0)));
        assert_eq!(rescaled_range(Some((1.0, 5.0))), None);
        assert_eq!(rescaled_range(None), None);
    }
}
