//! Characters that must never reach a terminal or a PDF raw: control
//! characters (a terminal obeys escape sequences such as `ESC [ 2 J`) and
//! bidirectional overrides (they reorder what a reader sees, so a name can
//! display as something else).

use std::borrow::Cow;

/// True for C0 controls other than tab, newline and carriage return, DEL,
/// C1 controls, the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), the directional marks U+200E, U+200F and U+061C, and the
/// Unicode line and paragraph separators.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `text` without [`is_unsafe_char`] characters; tabs and line breaks stay.
pub fn strip_unsafe(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe_char) {
        Cow::Owned(text.chars().filter(|&c| !is_unsafe_char(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether [`clean_name`] would change more than the ends of `text`:
/// names read from a file are cleaned only then.
pub(crate) fn needs_cleaning(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\t' | '\n' | '\r') || is_unsafe_char(c))
}

/// `text` as names read from a file are kept: [`clean_name`] when it
/// [`needs_cleaning`], else as it is.
pub(crate) fn cleaned(text: &str) -> Cow<'_, str> {
    if needs_cleaning(text) {
        Cow::Owned(clean_name(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// A name, email or skill name made safe to show on one line: unsafe
/// characters removed, tabs and line breaks turned into single spaces,
/// ends trimmed.
pub fn clean_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().filter(|&c| !is_unsafe_char(c)) {
        if matches!(c, '\t' | '\n' | '\r') {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out.trim().to_string()
}

/// `text` for comparing names as people type them: lower case, accents
/// and other marks removed ("Renée Müller" → "renee muller", "Łukasz" →
/// "lukasz"), spaces squeezed.
pub fn fold_name(text: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|&c| !is_combining_mark(c)) {
        // Letters with a stroke do not decompose.
        let base = match c {
            'ł' | 'Ł' => "l",
            'ø' | 'Ø' => "o",
            'đ' | 'Đ' => "d",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ı' => "i",
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push_str(base);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_removed() {
        assert_eq!(
            strip_unsafe("Al\u{202e}ice\u{1b}[31m\u{7}\u{9b}2J"),
            "Alice[31m2J"
        );
        for c in [
            '\u{0}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202a}',
            '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}', '\u{2028}', '\u{2029}',
        ] {
            assert!(is_unsafe_char(c), "{c:?}");
            assert_eq!(strip_unsafe(&format!("a{c}b")), "ab", "{c:?}");
        }
        // Tabs and line breaks stay in notes; letters of any script stay.
        assert_eq!(strip_unsafe("a\tb\r\nc"), "a\tb\r\nc");
        assert!(matches!(strip_unsafe("Łukasz 李雷 عربي"), Cow::Borrowed(_)));
    }

    #[test]
    fn names_fold_for_comparison() {
        assert_eq!(fold_name(" Renée  Müller"), "renee muller");
        assert_eq!(fold_name("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(fold_name("JØRGEN"), "jorgen");
    }

    #[test]
    fn names_are_one_clean_line() {
        assert_eq!(clean_name(" Ada\r\n\tLovelace\u{202e} "), "Ada Lovelace");
        assert_eq!(clean_name("\u{1b}[2J"), "[2J");
        assert_eq!(clean_name("Zoë"), "Zoë");
        assert_eq!(clean_name("\n\u{2066}\n"), "");
    }
}
