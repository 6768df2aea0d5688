//! Line breaking and shrink-to-fit helpers built on [`Fonts::text_width`].

use super::Fonts;

/// Ellipsis appended by [`Fonts::fit`] when text has to be cut.
pub const ELLIPSIS: char = '…';

/// Slack for float rounding when comparing widths (points).
const EPS: f32 = 1e-3;

/// Texts shorter than this are wrapped every time: looking them up would
/// cost about as much.
const MEMO_MIN: usize = 24;

/// Wrapped texts kept per thread before the memo starts over.
const MEMO_MAX: usize = 4096;

/// What a wrap depends on besides the text.
#[derive(Clone, Copy, PartialEq, Eq)]
struct WrapKey {
    fonts: u64,
    max_width: u32,
    size: u32,
    bold: bool,
}

impl WrapKey {
    fn hash(&self, text: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        (self.fonts, self.max_width, self.size, self.bold, text).hash(&mut h);
        h.finish()
    }
}

type Memo = rustc_hash::FxHashMap<u64, (WrapKey, Box<str>, Vec<String>)>;

thread_local! {
    /// Recent wraps by [`WrapKey::hash`]. A report wraps the same texts
    /// more than once (measured to keep a table row or a section together,
    /// then drawn), and a batch's reports share most of theirs (notes,
    /// headings, catalogue names): wrapping was an eighth of a batch's CPU.
    /// A wrap is a pure function of its key and text, so a hit gives the
    /// lines a fresh wrap would.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

impl Fonts {
    /// Greedy word wrap of `text` into lines no wider than `max_width` points.
    ///
    /// Words are separated by whitespace and re-joined with single spaces;
    /// `\n` starts a new paragraph (an empty paragraph gives an empty line).
    /// A word wider than a whole line is broken between characters (at least
    /// one character per line, so this always terminates). Blank input gives
    /// no lines.
    pub fn wrap(&self, text: &str, max_width: f32, size: f32, bold: bool) -> Vec<String> {
        if text.len() < MEMO_MIN {
            return self.wrap_now(text, max_width, size, bold);
        }
        let key = WrapKey {
            fonts: self.id(),
            max_width: max_width.to_bits(),
            size: size.to_bits(),
            bold,
        };
        let hash = key.hash(text);
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if let Some((k, t, lines)) = memo.get(&hash)
                && *k == key
                && **t == *text
            {
                return lines.clone();
            }
            let lines = self.wrap_now(text, max_width, size, bold);
            if memo.len() >= MEMO_MAX {
                memo.clear();
            }
            memo.insert(hash, (key, text.into(), lines.clone()));
            lines
        })
    }

    fn wrap_now(&self, text: &str, max_width: f32, size: f32, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        if text.trim().is_empty() {
            return lines;
        }
        let space = self.text_width(" ", size, bold);
        let fits = |w: f32| w <= max_width + EPS;
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0f32;
            let mut any = false;
            // A no-break space keeps a number with its label ("3 people").
            for word in para
                .split(|c: char| c.is_whitespace() && c != '\u{a0}')
                .filter(|w| !w.is_empty())
            {
                any = true;
                let word_w = self.text_width(word, size, bold);
                if !line.is_empty() && fits(line_w + space + word_w) {
                    line.push(' ');
                    line.push_str(word);
                    line_w += space + word_w;
                    continue;
                }
                if line.is_empty() && fits(word_w) {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if fits(word_w) {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // Overlong word: break it by characters.
                for c in word.chars() {
                    let mut buf = [0u8; 4];
                    let cw = self.text_width(c.encode_utf8(&mut buf), size, bold);
                    if !line.is_empty() && !fits(line_w + cw) {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
            if !line.is_empty() || !any {
                lines.push(line);
            }
        }
        lines
    }

    /// Fits `text` on one line of `max_width` points.
    ///
    /// Returns the text unchanged at `size` if it fits; otherwise shrinks the
    /// font size (rounded down to 0.01 pt) as long as it stays `>= min_size`;
    /// otherwise cuts it at `min_size` and appends "…". If not even "…" fits,
    /// returns an empty string. `min_size` is clamped to at most `size`.
    pub fn fit(
        &self,
        text: &str,
        max_width: f32,
        size: f32,
        bold: bool,
        min_size: f32,
    ) -> (String, f32) {
        let min_size = min_size.min(size);
        let w = self.text_width(text, size, bold);
        if w <= max_width + EPS {
            return (text.to_string(), size);
        }
        if max_width > 0.0 {
            let shrunk = (size * max_width / w * 100.0).floor() / 100.0;
            if shrunk >= min_size && self.text_width(text, shrunk, bold) <= max_width + EPS {
                return (text.to_string(), shrunk);
            }
        }
        let mut ell = [0u8; 4];
        let ell: &str = ELLIPSIS.encode_utf8(&mut ell);
        let ell_w = self.text_width(ell, min_size, bold);
        if ell_w > max_width + EPS {
            return (String::new(), min_size);
        }
        let mut cut = 0usize; // byte length of the longest prefix that fits
        let mut used = ell_w;
        for (i, c) in text.char_indices() {
            let mut buf = [0u8; 4];
            let cw = self.text_width(c.encode_utf8(&mut buf), min_size, bold);
            if used + cw > max_width + EPS {
                break;
            }
            used += cw;
            cut = i + c.len_utf8();
        }
        let mut out = text[..cut].trim_end().to_string();
        out.push(ELLIPSIS);
        (out, min_size)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Fonts;
    use super::ELLIPSIS;

    fn fonts() -> Fonts {
        Fonts::dejavu_only().expect("fonts")
    }

    #[test]
    fn remembered_wraps_are_fresh_wraps() {
        let f = fonts();
        let text = "A paragraph long enough to be remembered between calls, twice over.";
        let first = f.wrap(text, 120.0, 9.0, false);
        assert_eq!(f.wrap(text, 120.0, 9.0, false), first);
        assert_eq!(first, f.wrap_now(text, 120.0, 9.0, false));
        // Any other width, size, weight or font set is wrapped anew.
        assert_eq!(
            f.wrap(text, 200.0, 9.0, false),
            f.wrap_now(text, 200.0, 9.0, false)
        );
        assert_ne!(f.wrap(text, 200.0, 9.0, false), first);
        assert_eq!(
            f.wrap(text, 120.0, 12.0, false),
            f.wrap_now(text, 120.0, 12.0, false)
        );
        assert_eq!(
            f.wrap(text, 120.0, 9.0, true),
            f.wrap_now(text, 120.0, 9.0, true)
        );
        let other = fonts();
        assert_ne!(other.id(), f.id());
        assert_eq!(other.wrap(text, 120.0, 9.0, false), first);
    }

    #[test]
    fn wrap_respects_width() {
        let f = fonts();
        let text = "The quick brown fox jumps over the lazy dog. ".repeat(8);
        let lines = f.wrap(&text, 200.0, 10.0, false);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(f.text_width(l, 10.0, false) <= 200.0 + 1e-3, "{l}");
            assert_eq!(l.trim(), l);
        }
        let joined = lines.join(" ");
        assert_eq!(
            joined,
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn wrap_breaks_long_words_and_keeps_paragraphs() {
        let f = fonts();
        let long = "x".repeat(200);
        let lines = f.wrap(&format!("a {long}\n\nb"), 100.0, 10.0, true);
        assert_eq!(lines.first().map(String::as_str), Some("a"));
        assert!(
            lines
                .iter()
                .all(|l| f.text_width(l, 10.0, true) <= 100.0 + 1e-3)
        );
        assert_eq!(lines.concat().matches('x').count(), 200);
        assert!(lines.contains(&String::new()));
        assert_eq!(lines.last().map(String::as_str), Some("b"));
        assert!(f.wrap("   ", 100.0, 10.0, false).is_empty());
        // Narrower than one character: still one char per line, terminates.
        assert_eq!(f.wrap("abc", 0.1, 10.0, false).len(), 3);
    }

    #[test]
    fn fit_shrinks_then_ellipsizes() {
        let f = fonts();
        let (t, s) = f.fit("short", 100.0, 10.0, false, 6.0);
        assert_eq!((t.as_str(), s), ("short", 10.0));
        let text = "Senior Backend Engineer (Payments)";
        let w = f.text_width(text, 10.0, false);
        let (t, s) = f.fit(text, w * 0.8, 10.0, false, 6.0);
        assert_eq!(t, text);
        assert!((6.0..10.0).contains(&s) && f.text_width(&t, s, false) <= w * 0.8 + 1e-3);
        let (t, s) = f.fit(text, w * 0.3, 10.0, false, 8.0);
        assert_eq!(s, 8.0);
        assert!(t.ends_with(ELLIPSIS) && t.len() < text.len());
        assert!(f.text_width(&t, 8.0, false) <= w * 0.3 + 1e-3);
        assert_eq!(f.fit(text, 1.0, 10.0, false, 8.0).0, "");
    }

    #[test]
    fn width_is_additive_and_counts_spaces() {
        let f = fonts();
        let a = f.text_width("Łukasz", 12.0, false);
        let b = f.text_width(" ", 12.0, false);
        let c = f.text_width("Żółć", 12.0, false);
        assert!(b > 3.0);
        assert!((f.text_width("Łukasz Żółć", 12.0, false) - (a + b + c)).abs() < 1e-3);
        assert!(f.text_width("Bold", 12.0, true) > f.text_width("Bold", 12.0, false));
        assert_eq!(f.text_width("", 12.0, false), 0.0);
    }
}
