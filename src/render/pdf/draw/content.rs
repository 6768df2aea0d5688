//! What a [`super::Canvas`] records, and how it becomes a content stream.
//!
//! Operations are kept in PDF coordinates (origin bottom-left) with colours
//! already clamped. [`write_page`] serialises a page, leaving out state
//! operators that would not change anything (same colour, line width, cap,
//! font or text rendering mode as before): a chart's hatching draws
//! hundreds of lines with the same pen.

use std::ops::Range;

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
    /// The characters drawn (after substitution of missing ones): a byte
    /// range of [`Page::text`].
    pub(crate) text: Range<usize>,
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

    /// The form XObject's content: every line of the widest rectangle.
    pub(crate) fn form(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + 40 * (self.max_w / self.step) as usize);
        color(&mut out, self.color, b"RG\n");
        num(&mut out, self.width);
        out.extend_from_slice(b" w 0 J\n");
        for (x0, y0, x1, y1) in self.lines(self.max_w) {
            num(&mut out, x0);
            out.push(b' ');
            num(&mut out, y0);
            out.extend_from_slice(b" m ");
            num(&mut out, x1);
            out.push(b' ');
            num(&mut out, y1);
            out.extend_from_slice(b" l\n");
        }
        out.extend_from_slice(b"S\n");
        out
    }
}

/// One page's operations; text runs, glyph ids and characters live in
/// shared buffers so drawing a text allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub(crate) ops: Vec<Op>,
    pub(crate) runs: Vec<Run>,
    pub(crate) gids: Vec<u16>,
    pub(crate) text: String,
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

    /// The characters of a run.
    pub(crate) fn text(&self, run: &Run) -> &str {
        &self.text[run.text.clone()]
    }
}

/// Stroke width of fake bold text, as a fraction of the font size.
pub(crate) const FAKE_BOLD_STROKE: f32 = 0.035;

/// Appends `v` with at most 3 decimals, no trailing zeros, no exponent.
/// Non-finite values are written as 0; magnitudes are capped at 10⁷.
pub(crate) fn num(out: &mut Vec<u8>, v: f32) {
    num_milli(out, milli(v));
}

/// `v` in thousandths, rounded, as [`num`] writes it.
pub(crate) fn milli(v: f32) -> i64 {
    let v = if v.is_finite() {
        v.clamp(-1.0e7, 1.0e7)
    } else {
        0.0
    };
    (f64::from(v) * 1000.0).round() as i64
}

/// Appends `milli / 1000` with at most 3 decimals, no trailing zeros.
pub(crate) fn num_milli(out: &mut Vec<u8>, milli: i64) {
    if milli < 0 {
        out.push(b'-');
    }
    let m = milli.unsigned_abs();
    let (int, mut frac) = (m / 1000, m % 1000);
    let mut buf = itoa_buf(int);
    out.extend_from_slice(buf.as_slice());
    if frac != 0 {
        out.push(b'.');
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        buf = itoa_buf(frac);
        for _ in buf.len..digits {
            out.push(b'0');
        }
        out.extend_from_slice(buf.as_slice());
    }
}

/// Decimal digits of an unsigned integer.
pub(crate) struct Digits {
    buf: [u8; 20],
    len: usize,
}

impl Digits {
    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.buf[20 - self.len..]
    }
}

pub(crate) fn itoa_buf(mut v: u64) -> Digits {
    let mut d = Digits {
        buf: [0; 20],
        len: 0,
    };
    loop {
        d.len += 1;
        d.buf[20 - d.len] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return d;
        }
    }
}

/// Appends an unsigned integer.
pub(crate) fn int(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa_buf(v).as_slice());
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
    fn fill(&mut self, out: &mut Vec<u8>, c: Rgb) {
        if self.fill != Some(c.0) {
            color(out, c, b"rg\n");
            self.fill = Some(c.0);
        }
    }

    fn stroke(&mut self, out: &mut Vec<u8>, c: Rgb) {
        if self.stroke != Some(c.0) {
            color(out, c, b"RG\n");
            self.stroke = Some(c.0);
        }
    }

    fn width(&mut self, out: &mut Vec<u8>, w: f32) {
        if self.width != Some(w) {
            num(out, w);
            out.extend_from_slice(b" w\n");
            self.width = Some(w);
        }
    }
}

/// Sets a colour: `op` is `rg` (fill) or `RG` (stroke); neutral greys are
/// written in DeviceGray (`g` / `G`), which renders the same and is shorter.
fn color(out: &mut Vec<u8>, c: Rgb, op: &[u8]) {
    let [r, g, b] = c.0;
    if milli(r) == milli(g) && milli(g) == milli(b) {
        num(out, r);
        out.push(b' ');
        out.push(if op[0] == b'R' { b'G' } else { b'g' });
        out.push(b'\n');
        return;
    }
    for (i, v) in c.0.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        num(out, *v);
    }
    out.push(b' ');
    out.extend_from_slice(op);
}

fn area(out: &mut Vec<u8>, a: &Area) {
    for (i, v) in [a.x, a.y, a.w, a.h].into_iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        num(out, v);
    }
}

/// The content stream of one page. `code(slot, gid)` gives the 2-byte code
/// a glyph is shown with.
pub(crate) fn write_page(page: &Page, code: &dyn Fn(usize, u16) -> u16) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.ops.len() * 40 + page.gids.len() * 2);
    let mut st = State::default();
    for op in &page.ops {
        match op {
            Op::Text { color, runs } => {
                // One text object per text: naive extractors (lopdf) end a
                // line at `ET` and at nothing else. Positions are relative to
                // the previous run's start (`Td`), exact in thousandths.
                out.extend_from_slice(b"BT\n");
                let mut line = (0i64, 0i64);
                st.fill(&mut out, *color);
                for run in page.runs(runs) {
                    if run.fake_bold {
                        if !st.stroke_text {
                            out.extend_from_slice(b"2 Tr\n");
                            st.stroke_text = true;
                        }
                        st.stroke(&mut out, *color);
                        st.width(&mut out, run.size * FAKE_BOLD_STROKE);
                    } else if st.stroke_text {
                        out.extend_from_slice(b"0 Tr\n");
                        st.stroke_text = false;
                    }
                    if st.font != Some((run.slot, run.size)) {
                        out.extend_from_slice(b"/F");
                        int(&mut out, run.slot as u64);
                        out.push(b' ');
                        num(&mut out, run.size);
                        out.extend_from_slice(b" Tf\n");
                        st.font = Some((run.slot, run.size));
                    }
                    let (x, y) = (milli(run.x), milli(run.y));
                    num_milli(&mut out, x - line.0);
                    out.push(b' ');
                    num_milli(&mut out, y - line.1);
                    out.extend_from_slice(b" Td\n(");
                    line = (x, y);
                    for &g in page.gids(run) {
                        for b in code(run.slot, g).to_be_bytes() {
                            match b {
                                b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                                // A raw CR would be read as a line end.
                                b'\r' => out.extend_from_slice(b"\\r"),
                                _ => out.push(b),
                            }
                        }
                    }
                    out.extend_from_slice(b") Tj\n");
                }
                out.extend_from_slice(b"ET\n");
            }
            Op::FillRect { area: a, color } => {
                st.fill(&mut out, *color);
                area(&mut out, a);
                out.extend_from_slice(b" re f\n");
            }
            Op::StrokeRect {
                area: a,
                width,
                color,
            } => {
                st.stroke(&mut out, *color);
                st.width(&mut out, *width);
                area(&mut out, a);
                out.extend_from_slice(b" re S\n");
            }
            Op::Line {
                from,
                to,
                width,
                color,
            } => {
                st.stroke(&mut out, *color);
                st.width(&mut out, *width);
                if !st.butt {
                    out.extend_from_slice(b"0 J\n");
                    st.butt = true;
                }
                num(&mut out, from.0);
                out.push(b' ');
                num(&mut out, from.1);
                out.extend_from_slice(b" m ");
                num(&mut out, to.0);
                out.push(b' ');
                num(&mut out, to.1);
                out.extend_from_slice(b" l S\n");
            }
            Op::Hatch { area: a, style } => {
                out.extend_from_slice(b"q ");
                area(&mut out, a);
                out.extend_from_slice(b" re W n 1 0 0 1 ");
                num(&mut out, a.x);
                out.push(b' ');
                num(&mut out, a.y);
                out.extend_from_slice(b" cm /H");
                int(&mut out, *style as u64);
                out.extend_from_slice(b" Do Q\n");
            }
            Op::Link { .. } => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f32) -> String {
        let mut o = Vec::new();
        num(&mut o, v);
        String::from_utf8(o).unwrap()
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
    fn colours_and_greys() {
        let mut o = Vec::new();
        color(&mut o, Rgb([0.4, 0.4, 0.4]), b"rg\n");
        color(&mut o, Rgb([0.1, 0.12, 0.16]), b"RG\n");
        color(&mut o, Rgb([1.0, 1.0, 1.0]), b"RG\n");
        assert_eq!(o, b"0.4 g\n0.1 0.12 0.16 RG\n1 G\n");
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
        let page = Page {
            ops: vec![line.clone(), line.clone(), line],
            ..Page::default()
        };
        let page = write_page(&page, &|_, g| g);
        let s = String::from_utf8(page).unwrap();
        assert_eq!(s.matches(" RG").count(), 1, "{s}");
        assert_eq!(s.matches(" w\n").count(), 1, "{s}");
        assert_eq!(s.matches("0 J").count(), 1, "{s}");
        assert_eq!(s.matches(" l S").count(), 3, "{s}");
    }

    #[test]
    fn glyph_codes_are_escaped() {
        let page = Page {
            ops: vec![Op::Text {
                color: Rgb([0.0; 3]),
                runs: 0..1,
            }],
            runs: vec![Run {
                slot: 1,
                size: 8.0,
                x: 0.0,
                y: 0.0,
                fake_bold: false,
                text: 0..4,
                gids: 0..4,
            }],
            gids: vec![0x0028, 0x295C, 0x0D0A, 0x2900],
            text: "xyzw".into(),
        };
        let page = write_page(&page, &|_, g| g);
        let want: &[u8] = b"(\0\\(\\)\\\\\\r\n\\)\0) Tj";
        assert!(
            page.windows(want.len()).any(|w| w == want),
            "{:?}",
            String::from_utf8_lossy(&page)
        );
    }

    #[test]
    fn fake_bold_text_is_stroked_then_reset() {
        let run = |fake_bold| Run {
            slot: 0,
            size: 10.0,
            x: 1.0,
            y: 2.0,
            fake_bold,
            text: 0..1,
            gids: 0..1,
        };
        let page = Page {
            ops: vec![Op::Text {
                color: Rgb([0.0; 3]),
                runs: 0..2,
            }],
            runs: vec![run(true), run(false)],
            gids: vec![0x24],
            text: "A".into(),
        };
        let s = String::from_utf8(write_page(&page, &|_, g| g)).unwrap();
        assert!(s.contains("2 Tr\n0 G\n0.35 w\n/F0 10 Tf\n1 2 Td\n"), "{s}");
        assert!(s.contains("(\0$) Tj\n0 Tr\n0 0 Td\n"), "{s}");
        assert_eq!(s.matches(" Tf").count(), 1, "{s}");
        assert_eq!(s.matches("BT").count(), 1, "{s}");
    }
}
