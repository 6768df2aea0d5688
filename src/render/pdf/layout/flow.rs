//! Flowing content down pages: a cursor over the [`Canvas`], page breaks
//! that keep titles with what follows them, and text primitives that
//! sanitise every string before it is measured or drawn.

use std::borrow::Cow;

use super::super::draw::{Canvas, Color, Fonts, PageSize, Tag};
use super::style::{self, Font};

/// Whether `c` must never reach the PDF: the one rule for unsafe
/// characters (`text::is_unsafe_char`: controls, bidi controls and marks,
/// line and paragraph separators), and tabs and line breaks too, since a
/// drawn string is one line.
fn forbidden(c: char) -> bool {
    c.is_control() || crate::text::is_unsafe_char(c)
}

/// Whether `s` has a [`forbidden`] character. Nearly all of a report's
/// text is ASCII: its bytes are checked as they are and only the others
/// decoded (checking every character was 3% of a batch's CPU).
fn has_forbidden(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Sixteen bytes at a time while they are printable ASCII: the test has
    // no early exit inside a block, so it compiles to vector instructions.
    while let Some(block) = bytes.get(i..i + 16) {
        let odd = block
            .iter()
            .fold(false, |any, &b| any | !(0x20..0x7F).contains(&b));
        if odd {
            break;
        }
        i += 16;
    }
    // From here on byte by byte; `i` is a character boundary, as every
    // byte before it is ASCII.
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b < 0x20 || b == 0x7F {
                return true;
            }
            i += 1;
        } else {
            let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            if forbidden(c) {
                return true;
            }
            i += c.len_utf8();
        }
    }
    false
}

/// `s` without control characters or bidi controls; tabs and line breaks
/// become spaces.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !has_forbidden(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if forbidden(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// A link target safe to put in the PDF: web and mail addresses only.
pub fn safe_url(url: &str) -> Option<String> {
    let url = clean(url);
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len())
        && !url.contains(' ');
    ok.then(|| url.to_string())
}

/// Horizontal alignment within a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Flush right.
    Right,
    /// Centred.
    Center,
}

/// The document being laid out: a canvas plus a vertical cursor.
pub struct Doc {
    c: Canvas,
    /// Top of the free space on the current page.
    pub y: f32,
    /// A [`Doc::probe`]: text is measured and shapes are skipped, only the
    /// cursor and the page breaks are real.
    dry: bool,
}

impl Doc {
    /// A document with one empty page, cursor at the top margin.
    pub fn new(fonts: &Fonts, paper: PageSize) -> Doc {
        Doc {
            c: Canvas::new(fonts, paper),
            y: style::MARGIN_TOP,
            dry: false,
        }
    }

    /// Where `draw` would leave the cursor, drawn from the cursor here on
    /// an empty copy of the page: (pages it spans, the cursor at its end).
    /// Nothing is drawn on this document. Used to keep a closing section
    /// off a page of its own.
    ///
    /// The copy is dry: where the cursor goes depends only on measuring
    /// and wrapping, so text is measured rather than laid out in glyphs
    /// (a probe's [`Doc::text`] returns the measured width), and shapes,
    /// links and structure are left out.
    pub fn probe(&self, draw: impl FnOnce(&mut Doc)) -> (usize, f32) {
        let mut p = Doc::new(self.fonts(), self.c.page_size());
        p.dry = true;
        // A cursor at the very top would not count as a page started.
        p.y = self.y.max(style::MARGIN_TOP + 0.02);
        draw(&mut p);
        (p.page_count(), p.y)
    }

    /// Starts a new page before a block that would run over this page but
    /// fits whole on a fresh one, so that no page holds only a block's
    /// short tail. A page less than a third used keeps the block (it flows
    /// on): a near-empty page left behind is worse than a split block.
    pub fn start_whole(&mut self, draw: impl Fn(&mut Doc)) {
        if self.probe(&draw).0 <= 1 || self.y - style::MARGIN_TOP < self.page_height() / 3.0 {
            return;
        }
        let y = self.y;
        self.y = style::MARGIN_TOP;
        let fresh = self.probe(&draw).0 <= 1;
        self.y = y;
        if fresh {
            self.page_break();
        }
    }

    /// Height of the content area of a page.
    pub fn page_height(&self) -> f32 {
        self.bottom() - style::MARGIN_TOP
    }

    /// The canvas, for the final steps (footers, finishing).
    pub fn into_canvas(self) -> Canvas {
        self.c
    }

    fn fonts(&self) -> &Fonts {
        self.c.fonts()
    }

    // ---- geometry ----------------------------------------------------------

    /// Left edge of the content area.
    pub fn left(&self) -> f32 {
        style::MARGIN_X
    }

    /// Right edge of the content area.
    pub fn right(&self) -> f32 {
        self.c.width() - style::MARGIN_X
    }

    /// Width of the content area.
    pub fn width(&self) -> f32 {
        self.right() - self.left()
    }

    /// Lowest y content may reach.
    pub fn bottom(&self) -> f32 {
        self.c.height() - style::MARGIN_BOTTOM
    }

    /// Whether `h` more points fit on this page.
    pub fn fits(&self, h: f32) -> bool {
        self.y + h <= self.bottom() + 0.01
    }

    /// Starts a new page unless `h` points still fit; returns whether it did.
    /// A block taller than a whole page is not broken for nothing: on a
    /// fresh page it is drawn where it is.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.fits(h) || self.y <= style::MARGIN_TOP + 0.01 {
            return false;
        }
        self.page_break();
        true
    }

    /// Pages so far.
    pub fn page_count(&self) -> usize {
        self.c.page_count()
    }

    /// Starts a new page unless the cursor is at the top of one already.
    pub fn page_break(&mut self) {
        if self.y <= style::MARGIN_TOP + 0.01 {
            return;
        }
        self.c.new_page();
        self.y = style::MARGIN_TOP;
    }

    /// Moves the cursor down by `h`, unless at the top of a page.
    pub fn space(&mut self, h: f32) {
        if self.y > style::MARGIN_TOP + 0.01 {
            self.y += h;
        }
    }

    // ---- text --------------------------------------------------------------

    /// Draws `s` with its baseline at (`x`, `y`); returns its width.
    pub fn text(&mut self, x: f32, y: f32, s: &str, f: Font) -> f32 {
        if self.dry {
            return self.measure(s, f);
        }
        self.c.text(x, y, &clean(s), f.size, f.bold, f.color)
    }

    /// Draws `s` aligned at `x` (the left edge, right edge or centre).
    pub fn text_at(&mut self, x: f32, y: f32, s: &str, f: Font, align: Align) -> f32 {
        if self.dry {
            return self.measure(s, f);
        }
        let s = clean(s);
        match align {
            Align::Left => self.c.text(x, y, &s, f.size, f.bold, f.color),
            Align::Right => self.c.text_right(x, y, &s, f.size, f.bold, f.color),
            Align::Center => self.c.text_center(x, y, &s, f.size, f.bold, f.color),
        }
    }

    /// Width of `s` in `f`.
    pub fn measure(&self, s: &str, f: Font) -> f32 {
        self.fonts().text_width(&clean(s), f.size, f.bold)
    }

    /// `s` wrapped to `width` in `f`.
    pub fn wrap(&self, s: &str, width: f32, f: Font) -> Vec<String> {
        self.fonts().wrap(&clean(s), width.max(1.0), f.size, f.bold)
    }

    /// `s` on one line of `width`: shrunk down to [`style::MIN_SIZE`], then
    /// cut with an ellipsis. Returns the text and the style to draw it in.
    pub fn fit(&self, s: &str, width: f32, f: Font) -> (String, Font) {
        let (t, size) =
            self.fonts()
                .fit(&clean(s), width.max(1.0), f.size, f.bold, style::MIN_SIZE);
        (t, f.size(size))
    }

    /// `s` in at most `max_lines` lines of `width`, at the largest size
    /// from `f.size` down to `min` (in 0.5 pt steps) where it fits without
    /// breaking a word; failing that, wrapped at `min` with words broken
    /// and the last line cut with an ellipsis. Never wider than `width`.
    pub fn fit_lines(
        &self,
        s: &str,
        width: f32,
        f: Font,
        min: f32,
        max_lines: usize,
    ) -> (Vec<String>, Font) {
        let s = clean(s);
        let width = width.max(1.0);
        let min = min.min(f.size);
        let max_lines = max_lines.max(1);
        let fonts = self.fonts();
        let widest = s
            .split_whitespace()
            .map(|w| fonts.text_width(w, 1.0, f.bold))
            .fold(0.0f32, f32::max);
        let mut size = f.size;
        loop {
            if widest * size <= width {
                let lines = fonts.wrap(&s, width, size, f.bold);
                if lines.len() <= max_lines {
                    return (lines, f.size(size));
                }
            }
            if size <= min {
                break;
            }
            size = (size - 0.5).max(min);
        }
        let mut lines = fonts.wrap(&s, width, min, f.bold);
        if lines.len() > max_lines {
            let rest = lines.split_off(max_lines - 1).join(" ");
            lines.push(fonts.fit(&rest, width, min, f.bold, min).0);
        }
        (lines, f.size(min))
    }

    // ---- shapes --------------------------------------------------------------

    /// Filled rectangle, top-left corner at (`x`, `y`).
    pub fn rect_fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        if !self.dry {
            self.c.rect_fill(x, y, w, h, color);
        }
    }

    /// Outlined rectangle.
    pub fn rect_stroke(&mut self, x: f32, y: f32, w: f32, h: f32, lw: f32, color: Color) {
        if !self.dry {
            self.c.rect_stroke(x, y, w, h, lw, color);
        }
    }

    /// Straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, lw: f32, color: Color) {
        if !self.dry {
            self.c.line(x1, y1, x2, y2, lw, color);
        }
    }

    /// Horizontal hairline across the content area at the cursor.
    pub fn rule(&mut self, color: Color) {
        let (l, r, y) = (self.left(), self.right(), self.y);
        if !self.dry {
            self.c.line(l, y, r, y, 0.5, color);
        }
    }

    /// Diagonal hatching (45°, lines `step` apart) inside a rectangle,
    /// drawn as one form XObject per style (see [`Canvas::hatch`]) rather
    /// than line by line: a chart's hatched bars were two fifths of a
    /// report's content stream.
    #[allow(clippy::too_many_arguments)]
    pub fn hatch(&mut self, x: f32, y: f32, w: f32, h: f32, step: f32, lw: f32, color: Color) {
        if w <= 0.0 || h <= 0.0 || step <= 0.0 || self.dry {
            return;
        }
        self.c.hatch(x, y, w, h, step, lw, color);
    }

    /// Makes a rectangle a link to `url` (only web and mail addresses).
    pub fn link(&mut self, x: f32, y: f32, w: f32, h: f32, url: &str) {
        if let Some(url) = safe_url(url).filter(|_| !self.dry) {
            self.c.link(x, y, w, h, &url);
        }
    }

    /// Opens a structure element of the tagged PDF: what is drawn until
    /// [`Doc::end`] belongs to it (see [`Canvas::begin`]).
    pub fn begin(&mut self, tag: Tag) {
        if !self.dry {
            self.c.begin(tag);
        }
    }

    /// Closes the element opened last by [`Doc::begin`].
    pub fn end(&mut self) {
        if !self.dry {
            self.c.end();
        }
    }

    /// Draws what follows until [`Doc::end_artifact`] as an artifact
    /// (repeated headers: not read by a screen reader).
    pub fn begin_artifact(&mut self) {
        if !self.dry {
            self.c.begin_artifact();
        }
    }

    /// Ends [`Doc::begin_artifact`].
    pub fn end_artifact(&mut self) {
        if !self.dry {
            self.c.end_artifact();
        }
    }

    // ---- flowing blocks --------------------------------------------------------

    /// A section title; `keep` is the height of what must follow it on the
    /// same page.
    pub fn heading(&mut self, s: &str, keep: f32) {
        self.title(s, style::H1, style::SECTION_GAP, keep, Tag::H1);
    }

    /// A subsection title, kept with `keep` points of what follows.
    pub fn subheading(&mut self, s: &str, keep: f32) {
        self.title(s, style::H2, style::SUBSECTION_GAP, keep, Tag::H2);
    }

    fn title(&mut self, s: &str, f: Font, before: f32, keep: f32, tag: Tag) {
        let (lines, f) = self.fit_lines(s, self.width(), f, f.size * 0.8, 3);
        let h = lines.len() as f32 * f.leading() + style::TITLE_GAP;
        self.space(before);
        self.ensure(h + keep);
        self.begin(tag);
        for line in &lines {
            self.y += f.size;
            let x = self.left();
            self.text(x, self.y, line, f);
            self.y += f.leading() - f.size;
        }
        self.end();
        self.y += style::TITLE_GAP;
    }

    /// Height of `s` wrapped to the content width.
    pub fn para_height(&self, s: &str, f: Font) -> f32 {
        self.wrap(s, self.width(), f).len() as f32 * f.leading()
    }

    /// A wrapped paragraph across the content width, breaking pages between
    /// lines.
    pub fn para(&mut self, s: &str, f: Font) {
        let (x, w) = (self.left(), self.width());
        self.para_in(x, w, s, f);
    }

    /// A wrapped paragraph in a column at `x`, `width` wide. A page break
    /// never leaves one line of it alone: the first two lines start
    /// together, and the last two end together.
    pub fn para_in(&mut self, x: f32, width: f32, s: &str, f: Font) {
        self.begin(Tag::P);
        let lines = self.wrap(s, width, f);
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let pair = n >= 2 && (i == 0 || (i == n - 2 && i >= 2));
            self.ensure(if pair { 2.0 * f.leading() } else { f.leading() });
            self.text(x, self.y + f.size, line, f);
            self.y += f.leading();
        }
        self.end();
    }

    /// A two-column list: `key` in a fixed column, `value` wrapped beside
    /// it, on a shared baseline.
    pub fn pairs(&mut self, items: &[(String, String)], key_w: f32, kf: Font, vf: Font) {
        let (x, w) = (self.left(), self.width());
        let lead = vf.leading().max(kf.leading());
        let ascent = vf.size.max(kf.size);
        let laid: Vec<_> = items
            .iter()
            .map(|(k, v)| {
                let (klines, kf2) = self.fit_lines(k, key_w - 6.0, kf, style::MIN_SIZE, 2);
                let vlines = self.wrap(v, w - key_w, vf);
                let h = klines.len().max(vlines.len()).max(1) as f32 * lead + 2.0;
                (klines, kf2, vlines, h)
            })
            .collect();
        let n = laid.len();
        for (i, (klines, kf2, vlines, h)) in laid.iter().enumerate() {
            let (kf2, h) = (*kf2, *h);
            // As with bullets: the last two pairs end a list together, so a
            // page never starts with one lone pair.
            let keep = if n >= 3 && i == n - 2 {
                h + laid[n - 1].3
            } else {
                h
            };
            self.ensure(if keep <= self.page_height() / 4.0 {
                keep
            } else {
                h
            });
            let top = self.y;
            for (j, l) in klines.iter().enumerate() {
                self.text(x, top + ascent + j as f32 * lead, l, kf2);
            }
            for (j, l) in vlines.iter().enumerate() {
                self.text(x + key_w, top + ascent + j as f32 * lead, l, vf);
            }
            self.y = top + h;
        }
    }

    /// A key column width for `keys`: the widest plus a gutter, within
    /// `min`..`max` of the content width.
    pub fn key_width(&self, keys: &[&str], f: Font, min: f32, max: f32) -> f32 {
        let widest = keys
            .iter()
            .map(|k| self.measure(k, f))
            .fold(0.0f32, f32::max);
        (widest + 14.0).clamp(min, self.width() * max).ceil()
    }

    /// A bulleted list, each item wrapped with a hanging indent. An item
    /// of a few lines is kept on one page, and the last two items end on
    /// the same page, so a page never holds one stray bullet.
    pub fn bullets(&mut self, items: &[String], f: Font) {
        let indent = 10.0;
        let (x, w) = (self.left(), self.width());
        self.begin(Tag::L);
        let wrapped: Vec<Vec<String>> = items
            .iter()
            .map(|item| self.wrap(item, w - indent, f))
            .collect();
        let height = |lines: &Vec<String>| lines.len() as f32 * f.leading() + 1.5;
        let n = wrapped.len();
        for (k, lines) in wrapped.iter().enumerate() {
            let keep = match k {
                k if n >= 3 && k == n - 2 => height(lines) + height(&wrapped[n - 1]),
                _ => height(lines),
            };
            if keep <= self.page_height() / 4.0 {
                self.ensure(keep);
            }
            self.begin(Tag::LI);
            for (i, l) in lines.iter().enumerate() {
                self.ensure(f.leading());
                if i == 0 {
                    self.text(x + 2.0, self.y + f.size, "•", f.color(style::MUTED));
                }
                self.text(x + indent, self.y + f.size, l, f);
                self.y += f.leading();
            }
            self.end();
            self.y += 1.5;
        }
        self.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_found_wherever_it_is() {
        let long = "a long line of plain text that is printable ASCII throughout";
        for s in ["", "plain", "Łukasz Żółć → 李雷", "a–b “c”", long] {
            assert!(!has_forbidden(s), "{s}");
        }
        for s in [
            "a\tb",
            "\u{7f}",
            "x\u{85}",
            "é\u{202E}",
            "\u{2066}z",
            "李\u{200F}",
            "\u{061C}",
            "line\u{2028}break",
            "para\u{2029}",
        ] {
            assert!(has_forbidden(s), "{s:?}");
            assert_eq!(has_forbidden(s), s.chars().any(forbidden), "{s:?}");
        }
        // Wherever it is, after any number of whole printable blocks.
        for at in 0..=long.len() {
            for bad in ["\u{1b}", "\u{202E}", "\u{85}", "\n"] {
                let s = format!("{}{bad}{}", &long[..at], &long[at..]);
                assert!(has_forbidden(&s), "{s:?}");
            }
            let fine = format!("{}é{}", &long[..at], &long[at..]);
            assert!(!has_forbidden(&fine), "{fine:?}");
        }
    }

    #[test]
    fn clean_drops_controls_and_bidi() {
        assert_eq!(clean("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            clean("a\u{202E}b\u{2066}c\u{2069}\x1b[1md\te\n"),
            "abc[1md e "
        );
        assert_eq!(clean("\u{200F}Ελένη\u{202C}"), "Ελένη");
    }

    #[test]
    fn only_web_and_mail_links() {
        assert_eq!(
            safe_url(" https://example.org/a\u{202E} "),
            Some("https://example.org/a".into())
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(safe_url("https://"), None);
        assert_eq!(safe_url("mailto:a@b.c"), Some("mailto:a@b.c".into()));
    }

    #[test]
    fn fit_lines_never_exceeds_width() {
        let fonts = Fonts::dejavu_only().unwrap();
        let doc = Doc::new(&fonts, crate::render::pdf::draw::PageSize::A4);
        let name = "Anna-Katharina Maximiliane Friederike von Hohenzollern-Sigmaringen Zoë";
        assert_eq!(name.chars().count(), 70);
        let (lines, f) = doc.fit_lines(name, 400.0, style::NAME, 13.0, 2);
        assert!(lines.len() <= 2, "{lines:?}");
        for l in &lines {
            assert!(doc.measure(l, f) <= 400.01, "{l}");
        }
        let (lines, f) = doc.fit_lines(&name.repeat(5), 100.0, style::BODY, 7.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with(super::super::super::draw::ELLIPSIS));
        assert!(lines.iter().all(|l| doc.measure(l, f) <= 100.01));
    }

    #[test]
    fn the_last_two_pairs_end_a_list_together() {
        let fonts = crate::render::pdf::draw::Fonts::dejavu_only().unwrap();
        let items: Vec<(String, String)> = (0..5)
            .map(|i| (format!("by 2027-0{}-01", i + 1), format!("Skill {i} 2 → 3")))
            .collect();
        let f = style::BODY;
        let row = f.leading() + 2.0;
        // Room for four of the five pairs: the fourth goes over with the
        // fifth, so the new page starts with two, never one.
        let mut doc = Doc::new(&fonts, crate::render::pdf::draw::PageSize::A4);
        doc.y = doc.bottom() - 4.0 * row - 0.5;
        doc.pairs(&items, 80.0, f, f);
        assert_eq!(doc.page_count(), 2);
        assert!(
            (doc.y - (style::MARGIN_TOP + 2.0 * row)).abs() < 0.1,
            "{}",
            doc.y
        );
        // Room for all five: one page.
        let mut doc = Doc::new(&fonts, crate::render::pdf::draw::PageSize::A4);
        doc.y = doc.bottom() - 5.0 * row - 0.5;
        doc.pairs(&items, 80.0, f, f);
        assert_eq!(doc.page_count(), 1);
    }
}
