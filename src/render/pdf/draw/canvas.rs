//! The page builder: records drawing operations in top-left-origin points and
//! converts them to printpdf ops (bottom-left origin) on the fly.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, ColorArray, FontId, HighlightingMode, Line, LineCapStyle, LinePoint,
    LinkAnnotation, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem, TextMatrix,
    TextRenderingMode,
};

use super::fonts::FaceKey;
use super::{Fonts, PdfError};

/// Stroke width used to embolden text drawn from a face with no bold weight,
/// as a fraction of the font size.
const FAKE_BOLD_STROKE: f32 = 0.035;

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

    fn to_pdf(self) -> printpdf::Color {
        let c = |v: f32| if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
        printpdf::Color::Rgb(printpdf::Rgb::new(c(self.r), c(self.g), c(self.b), None))
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
    pub(crate) pages: Vec<Vec<Op>>,
    current: usize,
    /// Face -> slot number, in order of first use.
    pub(crate) slots: BTreeMap<FaceKey, usize>,
    /// Per slot: glyph ids drawn (feeds the subset tag).
    pub(crate) used: Vec<BTreeSet<u16>>,
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

/// Placeholder resource name of a font slot until [`Canvas::finish`] gives
/// it its final, content-derived name.
pub(crate) fn placeholder_id(slot: usize) -> FontId {
    FontId(format!("SLOT{slot}"))
}

fn pt_point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

impl Canvas {
    /// A canvas with one empty page of `size`, drawing with `fonts`.
    pub fn new(fonts: &Fonts, size: PageSize) -> Self {
        Self {
            fonts: fonts.clone(),
            size,
            pages: vec![Vec::new()],
            current: 0,
            slots: BTreeMap::new(),
            used: Vec::new(),
            missing: Vec::new(),
        }
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
        self.pages.push(Vec::new());
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
        for i in 0..total {
            self.current = i;
            draw(self, i + 1, total);
        }
        self.current = total - 1;
    }

    /// Texts drawn so far that contain characters no font could draw, with
    /// those characters (they were rendered as U+FFFD). Meant for a warning
    /// on stderr; each distinct text is listed once.
    pub fn missing_glyphs(&self) -> Vec<(String, Vec<char>)> {
        self.missing.clone()
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages[self.current]
    }

    fn flip(&self, y: f32) -> f32 {
        self.size.height() - y
    }

    fn slot(&mut self, key: FaceKey) -> usize {
        let next = self.slots.len();
        let slot = *self.slots.entry(key).or_insert(next);
        if slot == self.used.len() {
            self.used.push(BTreeSet::new());
        }
        slot
    }

    /// Draws `text` with its baseline starting at (`x`, `y`); returns its
    /// width in points. Characters are drawn from DejaVu Sans (bold or not)
    /// or, where it lacks them, from fallback fonts. A `size` that is not a
    /// positive finite number draws nothing.
    pub fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool, color: Color) -> f32 {
        if !(size.is_finite() && size > 0.0) {
            return 0.0;
        }
        let (runs, missing) = self.fonts.runs(text, bold);
        if !missing.is_empty() && !self.missing.iter().any(|(t, _)| t == text) {
            self.missing.push((text.to_string(), missing));
        }
        if runs.is_empty() {
            return 0.0;
        }
        let col = color.to_pdf();
        let base_y = self.flip(y);
        let mut ops = vec![Op::StartTextSection, Op::SetFillColor { col: col.clone() }];
        let mut pen = x;
        for run in runs {
            let slot = self.slot(run.key);
            self.used[slot].extend(run.gids.iter().copied());
            if run.fake_bold {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                });
                ops.push(Op::SetOutlineColor { col: col.clone() });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(size * FAKE_BOLD_STROKE),
                });
            }
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(placeholder_id(slot)),
                size: Pt(size),
            });
            // Absolute positioning: Tm replaces the text matrix (Td is relative).
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(pen), Pt(base_y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.text)],
            });
            if run.fake_bold {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::Fill,
                });
            }
            pen += run.width_milli as f32 * size / 1000.0;
        }
        ops.push(Op::EndTextSection);
        self.ops().extend(ops);
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

    fn rect(&self, x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        Rect {
            x: Pt(x),
            y: Pt(self.flip(y + h)),
            width: Pt(w),
            height: Pt(h),
            mode: Some(mode),
            winding_order: None,
        }
    }

    /// Fills the rectangle with top-left corner (`x`, `y`), size `w` x `h`.
    pub fn rect_fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let rectangle = self.rect(x, y, w, h, PaintMode::Fill);
        self.ops().extend([
            Op::SetFillColor {
                col: color.to_pdf(),
            },
            Op::DrawRectangle { rectangle },
        ]);
    }

    /// Outlines the rectangle with a `line_width`-point stroke.
    pub fn rect_stroke(&mut self, x: f32, y: f32, w: f32, h: f32, line_width: f32, color: Color) {
        let rectangle = self.rect(x, y, w, h, PaintMode::Stroke);
        self.ops().extend([
            Op::SetOutlineColor {
                col: color.to_pdf(),
            },
            Op::SetOutlineThickness { pt: Pt(line_width) },
            Op::DrawRectangle { rectangle },
        ]);
    }

    /// Draws a straight line (butt caps) from (`x1`, `y1`) to (`x2`, `y2`).
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color) {
        let line = Line {
            points: vec![pt_point(x1, self.flip(y1)), pt_point(x2, self.flip(y2))],
            is_closed: false,
        };
        self.ops().extend([
            Op::SetOutlineColor {
                col: color.to_pdf(),
            },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::SetLineCapStyle {
                cap: LineCapStyle::Butt,
            },
            Op::DrawLine { line },
        ]);
    }

    /// Makes the rectangle at (`x`, `y`, `w`, `h`) a clickable link to `url`
    /// (invisible border).
    pub fn link(&mut self, x: f32, y: f32, w: f32, h: f32, url: &str) {
        let rect = self.rect(x, y, w, h, PaintMode::Fill);
        let link = LinkAnnotation::new(
            Rect { mode: None, ..rect },
            Actions::Uri(url.to_string()),
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Invert),
        );
        self.ops().push(Op::LinkAnnotation { link });
    }
}
