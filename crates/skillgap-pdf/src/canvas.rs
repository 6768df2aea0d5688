//! The page builder: records drawing operations in top-left-origin points,
//! converted to PDF coordinates (bottom-left origin) as they are recorded.

use std::collections::{BTreeMap, BTreeSet};

use super::content::{Area, Hatch, Mark, Op, Page, Rgb, Run};
use super::face::FaceKey;
use super::tags::{Drawn, Tag, Tree};
use super::{Fonts, PdfError};

/// An RGB colour with components in `0.0..=1.0` (clamped when drawn).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    /// Red, 0..1.
    pub r: f32,
    /// Green, 0..1.
    pub g: f32,
    /// Blue, 0..1.
    pub b: f32,
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color::grey(0.0);
    /// White.
    pub const WHITE: Color = Color::grey(1.0);

    /// A colour from RGB components in 0..1.
    pub const fn rgb(r: f32, g: f32, b: f32) -> Self {
        Self { r, g, b }
    }

    /// A neutral grey: 0 = black, 1 = white.
    pub const fn grey(v: f32) -> Self {
        Self { r: v, g: v, b: v }
    }

    fn to_pdf(self) -> Rgb {
        let c = |v: f32| if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
        Rgb([c(self.r), c(self.g), c(self.b)])
    }
}

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    /// ISO A4, 595.28 x 841.89 pt.
    #[default]
    A4,
    /// US Letter, 612 x 792 pt.
    Letter,
}

impl PageSize {
    /// Page width in points.
    pub fn width(self) -> f32 {
        match self {
            PageSize::A4 => 595.28,
            PageSize::Letter => 612.0,
        }
    }

    /// Page height in points.
    pub fn height(self) -> f32 {
        match self {
            PageSize::A4 => 841.89,
            PageSize::Letter => 792.0,
        }
    }
}

/// A multi-page drawing surface.
///
/// Coordinates are points with the origin at the TOP-LEFT corner of the page,
/// y growing downwards; text is placed by its baseline. All drawing goes to
/// the current page (the last one created, unless [`Canvas::select_page`]
/// chose another). A new canvas has one empty page.
///
/// Output is deterministic: the same sequence of calls gives a byte-identical
/// PDF from [`Canvas::finish`].
pub struct Canvas {
    pub(crate) fonts: Fonts,
    pub(crate) size: PageSize,
    pub(crate) pages: Vec<Page>,
    current: usize,
    /// Face -> slot number, in order of first use.
    pub(crate) slots: BTreeMap<FaceKey, usize>,
    /// Per slot: what was drawn with it.
    pub(crate) used: Vec<Used>,
    /// Hatching styles used, in order of first use.
    pub(crate) hatches: Vec<Hatch>,
    /// The logical structure (tagged PDF).
    pub(crate) tree: Tree,
    missing: Vec<(String, Vec<char>)>,
}

impl std::fmt::Debug for Canvas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Canvas")
            .field("size", &self.size)
            .field("pages", &self.pages.len())
            .field("current", &self.current)
            .finish()
    }
}

impl Canvas {
    /// A canvas with one empty page of `size`, drawing with `fonts`.
    pub fn new(fonts: &Fonts, size: PageSize) -> Self {
        Self {
            fonts: fonts.clone(),
            size,
            pages: vec![Page::default()],
            current: 0,
            slots: BTreeMap::new(),
            used: Vec::new(),
            hatches: Vec::new(),
            tree: Tree::default(),
            missing: Vec::new(),
        }
    }

    /// Opens a structure element: what is drawn until the matching
    /// [`Canvas::end`] belongs to it (a heading, a paragraph of several
    /// lines, a table and its cells, a figure read as its alternative
    /// text). Elements nest; text drawn outside any is a paragraph of its
    /// own, lines and rectangles outside a figure are decoration.
    pub fn begin(&mut self, tag: Tag) {
        self.tree.begin(tag);
    }

    /// Closes the element opened last by [`Canvas::begin`].
    pub fn end(&mut self) {
        self.tree.end();
    }

    /// Starts drawing artifacts: repeated headers, decoration — content a
    /// screen reader skips. Until [`Canvas::end_artifact`], elements are
    /// not opened. [`Canvas::for_each_page`] draws this way.
    pub fn begin_artifact(&mut self) {
        self.tree.begin_artifact();
    }

    /// Ends what [`Canvas::begin_artifact`] started.
    pub fn end_artifact(&mut self) {
        self.tree.end_artifact();
    }

    /// The fonts this canvas measures and draws with.
    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The page size.
    pub fn page_size(&self) -> PageSize {
        self.size
    }

    /// Page width in points.
    pub fn width(&self) -> f32 {
        self.size.width()
    }

    /// Page height in points.
    pub fn height(&self) -> f32 {
        self.size.height()
    }

    /// Appends a page and makes it current.
    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.current = self.pages.len() - 1;
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Zero-based index of the page being drawn on.
    pub fn current_page(&self) -> usize {
        self.current
    }

    /// Makes page `index` (zero-based) current, e.g. to add footers later.
    pub fn select_page(&mut self, index: usize) -> Result<(), PdfError> {
        if index >= self.pages.len() {
            return Err(PdfError::NoSuchPage {
                index,
                count: self.pages.len(),
            });
        }
        self.current = index;
        Ok(())
    }

    /// Calls `draw(canvas, page_number, page_count)` with each page selected
    /// in turn (numbers are 1-based), then re-selects the last page. This is
    /// how "Page X of Y" footers are drawn once the page count is known.
    pub fn for_each_page(&mut self, mut draw: impl FnMut(&mut Canvas, usize, usize)) {
        let total = self.pages.len();
        self.tree.begin_artifact();
        for i in 0..total {
            self.current = i;
            draw(self, i + 1, total);
        }
        self.tree.end_artifact();
        self.current = total - 1;
    }

    /// Texts drawn so far that contain characters no font could draw, with
    /// those characters (they were rendered as U+FFFD). Meant for a warning
    /// on stderr; each distinct text is listed once.
    pub fn missing_glyphs(&self) -> Vec<(String, Vec<char>)> {
        self.missing.clone()
    }

    /// Records a drawing operation with its structure mark.
    fn push(&mut self, op: Op) {
        let page = &mut self.pages[self.current];
        let mark = if matches!(op, Op::Link { .. }) {
            let index = page
                .ops
                .iter()
                .filter(|o| matches!(o, Op::Link { .. }))
                .count();
            self.tree.link(self.current, index);
            Mark::Artifact
        } else {
            self.tree.mark(page, self.current, Drawn::Graphics).0
        };
        page.ops.push(op);
        page.marks.push(mark);
    }

    fn flip(&self, y: f32) -> f32 {
        self.size.height() - y
    }

    /// Draws `text` with its baseline starting at (`x`, `y`); returns its
    /// width in points. Characters are drawn from DejaVu Sans (bold or not)
    /// or, where it lacks them, from fallback fonts. A `size` that is not a
    /// positive finite number draws nothing.
    pub fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool, color: Color) -> f32 {
        if !(size.is_finite() && size > 0.0) {
            return 0.0;
        }
        let base_y = self.flip(y);
        let Canvas {
            fonts,
            pages,
            current,
            slots,
            used,
            missing,
            tree,
            ..
        } = self;
        let page = &mut pages[*current];
        let first_run = page.runs.len();
        let mut pen = x;
        let mut face: Option<(FaceKey, bool)> = None;
        let mut width = 0i64;
        let mut absent: Vec<char> = Vec::new();
        fonts.each_glyph(text, bold, |g| {
            if g.missing && !absent.contains(&g.input) {
                absent.push(g.input);
            }
            if face != Some((g.key, g.fake_bold)) {
                // A new run: the previous one ends here.
                if face.is_some() {
                    pen += width as f32 * size / 1000.0;
                }
                face = Some((g.key, g.fake_bold));
                width = 0;
                let next = slots.len();
                let slot = *slots.entry(g.key).or_insert(next);
                if slot == used.len() {
                    used.push(Used::default());
                }
                let n = page.gids.len();
                page.runs.push(Run {
                    slot,
                    size,
                    x: pen,
                    y: base_y,
                    fake_bold: g.fake_bold,
                    gids: n..n,
                });
            }
            if let Some(run) = page.runs.last_mut() {
                page.gids.push(g.gid);
                run.gids.end = page.gids.len();
                used[run.slot].add(g.gid, g.draw);
            }
            width += g.advance;
        });
        if face.is_some() {
            pen += width as f32 * size / 1000.0;
        }
        if !absent.is_empty() && !missing.iter().any(|(t, _)| t == text) {
            missing.push((text.to_string(), absent));
        }
        if page.runs.len() == first_run {
            return 0.0;
        }
        let runs = first_run..page.runs.len();
        let (mark, elem) = tree.mark(page, *current, Drawn::Text);
        if let Some(e) = elem {
            tree.note_text(e, text, *current, base_y + size);
        }
        page.ops.push(Op::Text {
            color: color.to_pdf(),
            runs,
        });
        page.marks.push(mark);
        pen - x
    }

    /// Draws `text` so that it ends at `x_right`; returns its width.
    pub fn text_right(
        &mut self,
        x_right: f32,
        y: f32,
        text: &str,
        size: f32,
        bold: bool,
        color: Color,
    ) -> f32 {
        let w = self.fonts.text_width(text, size, bold);
        self.text(x_right - w, y, text, size, bold, color)
    }

    /// Draws `text` horizontally centred on `x_center`; returns its width.
    pub fn text_center(
        &mut self,
        x_center: f32,
        y: f32,
        text: &str,
        size: f32,
        bold: bool,
        color: Color,
    ) -> f32 {
        let w = self.fonts.text_width(text, size, bold);
        self.text(x_center - w / 2.0, y, text, size, bold, color)
    }

    fn area(&self, x: f32, y: f32, w: f32, h: f32) -> Area {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        Area {
            x,
            y: self.flip(y + h),
            w,
            h,
        }
    }

    /// Fills the rectangle with top-left corner (`x`, `y`), size `w` x `h`.
    pub fn rect_fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let area = self.area(x, y, w, h);
        let color = color.to_pdf();
        self.push(Op::FillRect { area, color });
    }

    /// Outlines the rectangle with a `line_width`-point stroke.
    pub fn rect_stroke(&mut self, x: f32, y: f32, w: f32, h: f32, line_width: f32, color: Color) {
        let area = self.area(x, y, w, h);
        let color = color.to_pdf();
        self.push(Op::StrokeRect {
            area,
            width: line_width,
            color,
        });
    }

    /// Draws a straight line (butt caps) from (`x1`, `y1`) to (`x2`, `y2`).
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color) {
        let (from, to) = ((x1, self.flip(y1)), (x2, self.flip(y2)));
        let color = color.to_pdf();
        self.push(Op::Line {
            from,
            to,
            width,
            color,
        });
    }

    /// Hatches the rectangle with top-left corner (`x`, `y`), size `w` x
    /// `h`: lines at 45° rising to the right, `step` apart horizontally,
    /// `line_width` wide, butt caps, clipped to the rectangle; the first
    /// line starts `step / 2` right of the diagonal through the top-left
    /// corner. Looks the same as drawing each line with [`Canvas::line`],
    /// but the lines are stored once per document (a form XObject), so a
    /// chart with hundreds of hatched bars stays small and cheap to write.
    #[allow(clippy::too_many_arguments)]
    pub fn hatch(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        step: f32,
        line_width: f32,
        color: Color,
    ) {
        let ok = |v: f32| v.is_finite() && v > 0.0;
        if !(ok(w) && ok(h) && ok(step) && x.is_finite() && y.is_finite()) {
            return;
        }
        // Very fine steps would make a huge form; draw nothing rather than
        // millions of lines.
        if w / step > 100_000.0 || h / step > 100_000.0 {
            return;
        }
        let area = self.area(x, y, w, h);
        let style = Hatch {
            h,
            step,
            width: line_width,
            color: color.to_pdf(),
            max_w: w,
        };
        let same = |s: &Hatch| {
            (s.h, s.step, s.width, s.color) == (style.h, style.step, style.width, style.color)
        };
        let style = match self.hatches.iter().position(same) {
            Some(i) => {
                let s = &mut self.hatches[i];
                s.max_w = s.max_w.max(w);
                i
            }
            None => {
                self.hatches.push(style);
                self.hatches.len() - 1
            }
        };
        self.push(Op::Hatch { area, style });
    }

    /// Makes the rectangle at (`x`, `y`, `w`, `h`) a clickable link to `url`
    /// (invisible border).
    pub fn link(&mut self, x: f32, y: f32, w: f32, h: f32, url: &str) {
        let area = self.area(x, y, w, h);
        self.push(Op::Link {
            area,
            url: url.to_string(),
        });
    }
}

/// Characters below this are tracked in a bitmap by [`Used`].
const TRACKED: usize = 0x3000;

/// The (glyph id, character) pairs drawn with one font slot. A face draws
/// a character with one glyph, so characters are what is deduplicated.
#[derive(Debug, Default, Clone)]
pub(crate) struct Used {
    /// Characters below [`TRACKED`] seen so far, one bit each.
    seen: Vec<u64>,
    /// First sighting of each of those.
    pairs: Vec<(u16, char)>,
    /// Everything else.
    others: BTreeSet<(u16, char)>,
}

impl Used {
    fn add(&mut self, gid: u16, c: char) {
        let i = c as usize;
        if i >= TRACKED {
            self.others.insert((gid, c));
            return;
        }
        if self.seen.is_empty() {
            self.seen = vec![0; TRACKED / 64];
        }
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        if self.seen[word] & bit == 0 {
            self.seen[word] |= bit;
            self.pairs.push((gid, c));
        }
    }

    /// All pairs, sorted by glyph id then character, without duplicates.
    pub(crate) fn set(&self) -> Vec<(u16, char)> {
        let mut v = Vec::with_capacity(self.pairs.len() + self.others.len());
        v.extend_from_slice(&self.pairs);
        v.extend(self.others.iter().copied());
        v.sort_unstable();
        v.dedup();
        v
    }
}
