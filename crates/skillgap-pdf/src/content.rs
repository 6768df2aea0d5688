//! What a [`super::Canvas`] records, and how it becomes a content stream.
//!
//! Operations are kept in PDF coordinates (origin bottom-left) with colours
//! already clamped. [`write_page`] serialises a page with `pdf-writer`,
//! leaving out state operators that would not change anything (same colour,
//! line width, cap, font or text rendering mode as before): a chart's
//! hatching draws hundreds of lines with the same pen. A page is drawn in
//! hundredths of a point (one `cm` at its start, [`UNIT`]): every
//! coordinate, size and width is then a whole number, which `pdf-writer`
//! writes with integer formatting instead of the shortest-float algorithm
//! (a fifth of the time spent writing content streams), and the numbers
//! are no longer than thousandths of a point were.
//! Each operation is marked as content of a structure element (`BDC` with
//! an `/MCID`) or as an artifact, consecutive operations sharing one mark.

use std::ops::Range;

use pdf_writer::types::{LineCapStyle, TextRenderingMode};
use pdf_writer::{Content, Name, Settings, Str};

/// An RGB colour, components clamped to 0..=1 (NaN as 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub(crate) [f32; 3]);

/// A rectangle: lower-left corner, width and height (non-negative).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Area {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) w: f32,
    pub(crate) h: f32,
}

/// A stretch of text drawn with one font slot.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) slot: usize,
    pub(crate) size: f32,
    /// Baseline start, PDF coordinates.
    pub(crate) x: f32,
    pub(crate) y: f32,
    /// Draw with fill and stroke (emboldening a regular face).
    pub(crate) fake_bold: bool,
    /// Its glyph ids: a range of [`Page::gids`].
    pub(crate) gids: Range<usize>,
}

/// One recorded drawing operation.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// One text object (`BT` … `ET`): a range of [`Page::runs`].
    Text {
        color: Rgb,
        runs: Range<usize>,
    },
    FillRect {
        area: Area,
        color: Rgb,
    },
    StrokeRect {
        area: Area,
        width: f32,
        color: Rgb,
    },
    /// A straight line with butt caps.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
    /// A link annotation (not part of the content stream).
    Link {
        area: Area,
        url: String,
    },
    /// Diagonal hatching clipped to `area`, drawn by form XObject `/H<style>`.
    Hatch {
        area: Area,
        style: usize,
    },
}

/// How a hatching looks; one form XObject per style and document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hatch {
    /// Height of the hatched rectangles (the lines' phase depends on it).
    pub(crate) h: f32,
    /// Horizontal distance between lines.
    pub(crate) step: f32,
    pub(crate) width: f32,
    pub(crate) color: Rgb,
    /// Widest rectangle hatched in this style.
    pub(crate) max_w: f32,
}

impl Hatch {
    /// The lines of a `w` × `h` rectangle, relative to its lower-left corner:
    /// 45° upwards, `step` apart, the first starting `step / 2` right of the
    /// top-left corner's diagonal. Each is (x0, y0, x1, y1).
    pub(crate) fn lines(&self, w: f32) -> Vec<(f32, f32, f32, f32)> {
        let (h, step) = (self.h, self.step);
        let mut out = Vec::new();
        let mut t = -h + step / 2.0;
        while t < w {
            let u0 = (-t).max(0.0);
            let u1 = (w - t).min(h);
            if u1 > u0 {
                out.push((t + u0, u0, t + u1, u1));
            }
            t += step;
        }
        out
    }

    /// [`Hatch::form`] deflated, from a small per-thread cache: the charts
    /// of a batch hatch bars of a few widths in a few styles, and a form
    /// holds hundreds of lines to format and compress.
    pub(crate) fn form_deflated(&self) -> std::rc::Rc<Vec<u8>> {
        type Forms = Vec<([u32; 7], std::rc::Rc<Vec<u8>>)>;
        thread_local! {
            static FORMS: std::cell::RefCell<Forms> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let [r0, g, b] = self.color.0;
        let key = [self.h, self.step, self.width, r0, g, b, self.max_w].map(f32::to_bits);
        FORMS.with(|cell| {
            let mut forms = cell.borrow_mut();
            if let Some((_, data)) = forms.iter().find(|(k, _)| *k == key) {
                return data.clone();
            }
            let data = std::rc::Rc::new(super::compress::deflate(
                &self.form(),
                super::compress::CONTENT_LEVEL,
            ));
            // A handful of styles and widths recur; keep the last 32.
            if forms.len() >= 32 {
                forms.remove(0);
            }
            forms.push((key, data.clone()));
            data
        })
    }

    /// The form XObject's content: every line of the widest rectangle.
    pub(crate) fn form(&self) -> Vec<u8> {
        let mut c = content(64 + 40 * (self.max_w / self.step) as usize);
        let mut st = State::default();
        st.stroke(&mut c, self.color);
        c.set_line_width(r(self.width).max(0.0));
        c.set_line_cap(LineCapStyle::ButtCap);
        for (x0, y0, x1, y1) in self.lines(self.max_w) {
            c.move_to(r(x0), r(y0));
            c.line_to(r(x1), r(y1));
        }
        c.stroke();
        c.finish().into_vec()
    }
}

/// How an operation is marked for the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Decoration or a running header/footer: not read aloud.
    Artifact,
    /// Content of a structure element: marked-content id on its page and
    /// the element's type (the `BDC` tag).
    Content { mcid: u32, tag: &'static [u8] },
}

/// One page's operations; text runs and glyph ids live in
/// shared buffers so drawing a text allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub(crate) ops: Vec<Op>,
    /// The mark of each operation (same length as `ops`).
    pub(crate) marks: Vec<Mark>,
    /// Marked-content ids handed out on this page.
    pub(crate) next_mcid: u32,
    pub(crate) runs: Vec<Run>,
    pub(crate) gids: Vec<u16>,
}

impl Page {
    /// The runs of a text operation.
    pub(crate) fn runs(&self, range: &Range<usize>) -> &[Run] {
        &self.runs[range.clone()]
    }

    /// The glyph ids of a run.
    pub(crate) fn gids(&self, run: &Run) -> &[u16] {
        &self.gids[run.gids.clone()]
    }
}

/// A compact content stream builder with room for `capacity` bytes.
fn content(capacity: usize) -> Content {
    Content::with_settings_and_capacity(Settings { pretty: false }, capacity)
}

/// Stroke width of fake bold text, as a fraction of the font size.
pub(crate) const FAKE_BOLD_STROKE: f32 = 0.035;

/// One unit of a page's content stream, in points: coordinates, font
/// sizes and line widths are written in hundredths of a point.
pub(crate) const UNIT: f32 = 0.01;

/// `v` points in content units ([`UNIT`]): a whole number of hundredths
/// of a point, so it is written without a decimal point.
pub(crate) fn cu(v: f32) -> f32 {
    let m = milli(v);
    // Halves away from zero, as `f64::round`; integer division truncates.
    ((m + if m < 0 { -5 } else { 5 }) / 10) as f32
}

/// `v` in thousandths, rounded; non-finite values as 0, magnitudes capped
/// at 10⁷.
pub(crate) fn milli(v: f32) -> i64 {
    let v = if v.is_finite() {
        v.clamp(-1.0e7, 1.0e7)
    } else {
        0.0
    };
    round(f64::from(v) * 1000.0)
}

/// `x` rounded half away from zero, as `f64::round`, which without SSE4.1
/// is a call into libm: 1% of a batch's CPU for every coordinate written.
/// `|x|` is at most 10¹⁰ here, far inside `i64` and exact in `f64`.
fn round(x: f64) -> i64 {
    let t = x as i64;
    let frac = x - t as f64;
    if frac >= 0.5 {
        t + 1
    } else if frac <= -0.5 {
        t - 1
    } else {
        t
    }
}

/// `v` rounded to thousandths (written with at most 3 decimals).
pub(crate) fn r(v: f32) -> f32 {
    from_milli(milli(v))
}

fn from_milli(m: i64) -> f32 {
    // Through f64 so 841890 becomes exactly the f32 nearest 841.89.
    (m as f64 / 1000.0) as f32
}

/// Graphics state already set in the content stream.
#[derive(Default)]
struct State {
    fill: Option<[f32; 3]>,
    stroke: Option<[f32; 3]>,
    width: Option<f32>,
    butt: bool,
    font: Option<(usize, f32)>,
    stroke_text: bool,
}

impl State {
    fn fill(&mut self, c: &mut Content, col: Rgb) {
        if self.fill != Some(col.0) {
            match grey(col) {
                Some(v) => c.set_fill_gray(v),
                None => c.set_fill_rgb(r(col.0[0]), r(col.0[1]), r(col.0[2])),
            };
            self.fill = Some(col.0);
        }
    }

    fn stroke(&mut self, c: &mut Content, col: Rgb) {
        if self.stroke != Some(col.0) {
            match grey(col) {
                Some(v) => c.set_stroke_gray(v),
                None => c.set_stroke_rgb(r(col.0[0]), r(col.0[1]), r(col.0[2])),
            };
            self.stroke = Some(col.0);
        }
    }

    fn width(&mut self, c: &mut Content, w: f32) {
        if self.width != Some(w) {
            // Negative (or NaN) widths would make pdf-writer panic.
            c.set_line_width(cu(w).max(0.0));
            self.width = Some(w);
        }
    }
}

/// A neutral grey is set in DeviceGray (`g` / `G`), which renders the same
/// and is shorter.
fn grey(c: Rgb) -> Option<f32> {
    let [r0, g, b] = c.0;
    (milli(r0) == milli(g) && milli(g) == milli(b)).then(|| r(r0))
}

fn rect(c: &mut Content, a: &Area) {
    c.rect(cu(a.x), cu(a.y), cu(a.w), cu(a.h));
}

/// Resource names of fonts (`/F0`…) and hatching forms (`/H0`…).
pub(crate) struct Names {
    pub(crate) fonts: Vec<Vec<u8>>,
    pub(crate) hatches: Vec<Vec<u8>>,
}

impl Names {
    pub(crate) fn new(fonts: usize, hatches: usize) -> Self {
        let names = |prefix: &str, n: usize| {
            (0..n)
                .map(|i| format!("{prefix}{i}").into_bytes())
                .collect()
        };
        Self {
            fonts: names("F", fonts),
            hatches: names("H", hatches),
        }
    }
}

/// The content stream of one page. `code(slot, gid)` gives the two-byte
/// code a glyph is shown with.
pub(crate) fn write_page(page: &Page, code: &dyn Fn(usize, u16) -> u16, names: &Names) -> Vec<u8> {
    let mut c = content(page.ops.len() * 48 + page.gids.len() * 5);
    c.transform([UNIT, 0.0, 0.0, UNIT, 0.0, 0.0]);
    let mut st = State::default();
    let mut open: Option<Mark> = None;
    for (i, op) in page.ops.iter().enumerate() {
        if matches!(op, Op::Link { .. }) {
            continue;
        }
        let mark = page.marks.get(i).copied().unwrap_or(Mark::Artifact);
        if open != Some(mark) {
            switch_mark(&mut c, open, mark);
            open = Some(mark);
        }
        match op {
            Op::Text { color, runs } => {
                write_text(&mut c, &mut st, page, runs, *color, code, names);
            }
            Op::FillRect { area: a, color } => {
                st.fill(&mut c, *color);
                rect(&mut c, a);
                c.fill_nonzero();
            }
            Op::StrokeRect {
                area: a,
                width,
                color,
            } => {
                st.stroke(&mut c, *color);
                st.width(&mut c, *width);
                rect(&mut c, a);
                c.stroke();
            }
            Op::Line {
                from,
                to,
                width,
                color,
            } => {
                st.stroke(&mut c, *color);
                st.width(&mut c, *width);
                if !st.butt {
                    c.set_line_cap(LineCapStyle::ButtCap);
                    st.butt = true;
                }
                c.move_to(cu(from.0), cu(from.1));
                c.line_to(cu(to.0), cu(to.1));
                c.stroke();
            }
            Op::Hatch { area: a, style } => {
                c.save_state();
                rect(&mut c, a);
                c.clip_nonzero();
                c.end_path();
                // The form is drawn in points.
                let scale = 100.0;
                c.transform([scale, 0.0, 0.0, scale, cu(a.x), cu(a.y)]);
                c.x_object(Name(&names.hatches[*style]));
                c.restore_state();
            }
            Op::Link { .. } => {}
        }
    }
    if open.is_some() {
        c.end_marked_content();
    }
    c.finish().into_vec()
}

/// Ends the open marked-content sequence, if any, and begins `mark`'s.
fn switch_mark(c: &mut Content, open: Option<Mark>, mark: Mark) {
    if open.is_some() {
        c.end_marked_content();
    }
    match mark {
        Mark::Artifact => {
            c.begin_marked_content(Name(b"Artifact"));
        }
        Mark::Content { mcid, tag } => {
            c.begin_marked_content_with_properties(Name(tag))
                .properties()
                .identify(mcid as i32);
        }
    }
}

/// One text object per text: naive extractors (lopdf) end a line at `ET`
/// and at nothing else. Positions are relative to the previous run's start
/// (`Td`), exact in thousandths.
fn write_text(
    c: &mut Content,
    st: &mut State,
    page: &Page,
    runs: &Range<usize>,
    color: Rgb,
    code: &dyn Fn(usize, u16) -> u16,
    names: &Names,
) {
    c.begin_text();
    let mut line = (0i64, 0i64);
    let mut shown: Vec<u8> = Vec::with_capacity(64);
    st.fill(c, color);
    for run in page.runs(runs) {
        if run.fake_bold {
            if !st.stroke_text {
                c.set_text_rendering_mode(TextRenderingMode::FillStroke);
                st.stroke_text = true;
            }
            st.stroke(c, color);
            st.width(c, run.size * FAKE_BOLD_STROKE);
        } else if st.stroke_text {
            c.set_text_rendering_mode(TextRenderingMode::Fill);
            st.stroke_text = false;
        }
        if st.font != Some((run.slot, run.size)) {
            // A size can be any fraction of a point (text shrunk to fit):
            // kept to a thousandth of a point.
            let size = (milli(run.size) as f64 / 10.0) as f32;
            c.set_font(Name(&names.fonts[run.slot]), size);
            st.font = Some((run.slot, run.size));
        }
        let (x, y) = (cu(run.x) as i64, cu(run.y) as i64);
        c.next_line((x - line.0) as f32, (y - line.1) as f32);
        line = (x, y);
        shown.clear();
        for &g in page.gids(run) {
            shown.extend_from_slice(&code(run.slot, g).to_be_bytes());
        }
        c.show(Str(&shown));
    }
    c.end_text();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f32) -> String {
        let mut c = content(16);
        c.move_to(r(v), 1.0);
        let s = String::from_utf8(c.finish().into_vec()).unwrap();
        s.trim().trim_end_matches(" 1 m").to_string()
    }

    fn page_of(ops: Vec<Op>) -> Page {
        let marks = vec![Mark::Artifact; ops.len()];
        Page {
            ops,
            marks,
            ..Page::default()
        }
    }

    #[test]
    fn rounding_matches_f64_round() {
        let mut x = -2000.0f64;
        while x < 2000.0 {
            for v in [x, x + 0.5, x - 0.5, x + 0.4999999, x + 0.5000001] {
                assert_eq!(round(v), v.round() as i64, "{v}");
            }
            x += 0.37;
        }
        assert_eq!(
            (cu(1.005), cu(-1.005), cu(2.344), cu(0.0)),
            (101.0, -101.0, 234.0, 0.0)
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(n(0.0), "0");
        assert_eq!(n(-0.0), "0");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(0.5), "0.5");
        assert_eq!(n(-0.05), "-0.05");
        assert_eq!(n(216.43001), "216.43");
        assert_eq!(n(841.89), "841.89");
        assert_eq!(n(0.0004), "0");
        assert_eq!(n(0.001), "0.001");
        assert_eq!(n(1.0e12), "10000000");
        assert_eq!(n(f32::NAN), "0");
        assert_eq!(n(f32::NEG_INFINITY), "0");
    }

    #[test]
    fn negative_and_nan_widths_do_not_panic() {
        let line = |width| Op::Line {
            from: (0.0, 0.0),
            to: (1.0, 1.0),
            width,
            color: Rgb([0.0; 3]),
        };
        let page = page_of(vec![line(-1.0), line(f32::NAN), line(f32::INFINITY)]);
        let s = String::from_utf8(write_page(&page, &|_, g| g, &Names::new(0, 0))).unwrap();
        assert!(s.contains("0 w"), "{s}");
    }

    #[test]
    fn colours_and_greys() {
        let mut c = content(16);
        let mut st = State::default();
        st.fill(&mut c, Rgb([0.4, 0.4, 0.4]));
        st.stroke(&mut c, Rgb([0.1, 0.12, 0.16]));
        st.stroke(&mut c, Rgb([1.0, 1.0, 1.0]));
        let s = String::from_utf8(c.finish().into_vec()).unwrap();
        assert_eq!(s.trim(), "0.4 g 0.1 0.12 0.16 RG 1 G");
    }

    #[test]
    fn repeated_state_is_written_once() {
        let c = Rgb([0.5, 0.25, 0.0]);
        let line = Op::Line {
            from: (0.0, 0.0),
            to: (10.0, 10.0),
            width: 0.5,
            color: c,
        };
        let page = page_of(vec![line.clone(), line.clone(), line]);
        let page = write_page(&page, &|_, g| g, &Names::new(0, 0));
        let s = String::from_utf8(page).unwrap();
        assert_eq!(s.matches(" RG").count(), 1, "{s}");
        assert_eq!(s.matches(" w ").count(), 1, "{s}");
        assert_eq!(s.matches("0 J").count(), 1, "{s}");
        assert_eq!(s.matches(" l\nS").count(), 3, "{s}");
        assert_eq!(
            s.matches("/Artifact BMC").count(),
            1,
            "one mark for all: {s}"
        );
    }

    #[test]
    fn glyph_codes_round_trip() {
        let mut page = page_of(vec![Op::Text {
            color: Rgb([0.0; 3]),
            runs: 0..1,
        }]);
        page.marks = vec![Mark::Content { mcid: 3, tag: b"P" }];
        page.runs = vec![Run {
            slot: 1,
            size: 8.0,
            x: 0.0,
            y: 0.0,
            fake_bold: false,
            gids: 0..4,
        }];
        page.gids = vec![0x0028, 0x295C, 0x0D0A, 0x2900];
        let bytes = write_page(&page, &|_, g| g, &Names::new(2, 0));
        let s = String::from_utf8_lossy(&bytes);
        assert!(
            s.trim_start()
                .starts_with("0.01 0 0 0.01 0 0 cm/P<</MCID 3>>BDC"),
            "{s}"
        );
        // lopdf reads the string back as the codes written.
        let ops = lopdf::content::Content::decode(&bytes).unwrap().operations;
        let tj = ops.iter().find(|o| o.operator == "Tj").unwrap();
        let lopdf::Object::String(got, _) = &tj.operands[0] else {
            panic!("{tj:?}")
        };
        assert_eq!(got, &[0x00, 0x28, 0x29, 0x5C, 0x0D, 0x0A, 0x29, 0x00]);
    }

    #[test]
    fn fake_bold_text_is_stroked_then_reset() {
        let run = |fake_bold| Run {
            slot: 0,
            size: 10.0,
            x: 1.0,
            y: 2.0,
            fake_bold,
            gids: 0..1,
        };
        let mut page = page_of(vec![Op::Text {
            color: Rgb([0.0; 3]),
            runs: 0..2,
        }]);
        page.runs = vec![run(true), run(false)];
        page.gids = vec![0x24];
        let s = String::from_utf8(write_page(&page, &|_, g| g, &Names::new(1, 0))).unwrap();
        assert!(s.contains("2 Tr 0 G 35 w/F0 1000 Tf 100 200 Td("), "{s}");
        assert!(s.contains("Tj 0 Tr 0 0 Td("), "{s}");
        assert_eq!(s.matches(" Tf").count(), 1, "{s}");
        assert_eq!(s.matches("BT").count(), 1, "{s}");
    }
}
