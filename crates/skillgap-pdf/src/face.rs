//! A parsed font face: its bytes, glyph lookup, advances and the metrics
//! a PDF font descriptor needs. Below `fonts` (the set a canvas draws
//! with), `embed` (subset programs) and `fallback` (system fonts), which
//! all take faces and none of which the face knows.

use super::PdfError;

/// Largest font file read (the largest CJK families are about 30 MB).
pub const MAX_FONT_BYTES: u64 = 64 << 20;

/// Characters below this have their glyph looked up in a table built when
/// the face is parsed (Latin, Greek, Cyrillic, punctuation, arrows, maths).
pub(crate) const FAST_CHARS: usize = 0x3000;

/// What the PDF font descriptor says about a face, in 1/1000 em.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Metrics {
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
    pub(crate) cap_height: f32,
    pub(crate) bbox: [f32; 4],
    pub(crate) italic_angle: f32,
    pub(crate) stem_v: f32,
}

/// A parsed font face plus the few metrics the canvas needs.
pub(crate) struct Face {
    /// The font file; faces live for the rest of the process (a run loads
    /// a handful), which lets the parsed tables borrow it.
    pub(crate) data: &'static [u8],
    /// Index of the face in a collection (0 for a single font).
    pub(crate) index: u32,
    pub(crate) ttf: ttf_parser::Face<'static>,
    /// PostScript name if present, else the label it was loaded under.
    pub(crate) name: String,
    /// Outlines are CFF (embedded as `/FontFile3 /OpenType`, CIDFontType0).
    pub(crate) cff: bool,
    pub(crate) metrics: Metrics,
    pub(crate) units_per_em: f32,
    /// Glyph of each character below [`FAST_CHARS`] (0: none).
    pub(crate) fast: Box<[u16]>,
    /// Advance of every glyph, in thousandths of an em.
    pub(crate) advances: Box<[i32]>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("name", &self.name).finish()
    }
}

impl Face {
    /// Parses face `index` of `data`; `label` names the font in errors.
    pub(crate) fn parse(data: &'static [u8], index: u32, label: &str) -> Result<Self, PdfError> {
        let parse_error = |reason: String| PdfError::FontParse {
            font: label.to_string(),
            reason,
        };
        let ttf = ttf_parser::Face::parse(data, index).map_err(|e| {
            parse_error(format!(
                "{e}; expected a TrueType or OpenType font (.ttf, .otf, .ttc)"
            ))
        })?;
        let upm = ttf.units_per_em();
        let units_per_em = if upm == 0 { 1000.0 } else { f32::from(upm) };
        let name = ttf
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| label.to_string());
        let cff = ttf.tables().cff.is_some();
        if !cff && ttf.tables().glyf.is_none() {
            return Err(parse_error(
                "it has no TrueType (glyf) or CFF outlines; variable CFF2 and bitmap-only fonts cannot be embedded".into(),
            ));
        }
        let fast = (0..FAST_CHARS as u32)
            .map(|c| {
                char::from_u32(c)
                    .and_then(|c| ttf.glyph_index(c))
                    .map_or(0, |g| g.0)
            })
            .collect();
        let scale = 1000.0 / units_per_em;
        let advances = (0..ttf.number_of_glyphs())
            .map(|g| {
                let adv = f32::from(ttf.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0));
                (adv * scale) as i32
            })
            .collect();
        let sc = |v: i16| (f32::from(v) * scale).round();
        let hhea = ttf.tables().hhea;
        let ascent = sc(hhea.ascender);
        let b = ttf.global_bounding_box();
        let italic_angle = ttf.italic_angle().round();
        let weight = ttf.weight().to_number();
        let metrics = Metrics {
            ascent,
            descent: sc(hhea.descender),
            cap_height: ttf.capital_height().map_or(ascent, sc),
            bbox: [sc(b.x_min), sc(b.y_min), sc(b.x_max), sc(b.y_max)],
            italic_angle: if italic_angle == 0.0 {
                0.0
            } else {
                italic_angle
            },
            stem_v: if weight == 0 {
                80.0
            } else {
                50.0 + (f32::from(weight) / 65.0).powi(2).round()
            },
        };
        Ok(Self {
            data,
            index,
            ttf,
            name,
            cff,
            metrics,
            units_per_em,
            fast,
            advances,
        })
    }

    /// Glyph id for `c`, or `None` if the face cannot draw it.
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        let gid = match self.fast.get(c as usize) {
            Some(&g) => g,
            None => self.ttf.glyph_index(c).map_or(0, |g| g.0),
        };
        (gid != 0).then_some(gid)
    }

    /// Advance of `gid` in thousandths of an em, truncated exactly like the
    /// `/W` array is written, so measured and rendered widths agree.
    pub(crate) fn advance_milli(&self, gid: u16) -> i64 {
        self.advances
            .get(usize::from(gid))
            .map_or(0, |&a| i64::from(a))
    }

    pub(crate) fn metric(&self, v: f32) -> f32 {
        v / self.units_per_em
    }
}

/// Identifies a face in a [`Fonts`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FaceKey {
    Regular,
    Bold,
    /// Index into the user-supplied fonts.
    User(usize),
    /// Index into the process-wide system font candidate list.
    System(usize),
}
