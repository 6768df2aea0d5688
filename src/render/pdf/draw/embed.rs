//! Embedded fonts, prepared once and shared by every document that needs
//! the same glyphs.
//!
//! For a face and the exact set of (glyph, character) pairs a document
//! draws with it, [`Embedded`] holds everything the PDF needs: the subset
//! font program ([`super::subset`], glyphs renumbered, `name`/`post` dropped)
//! already deflated, the `/W` widths, the deflated `/ToUnicode` CMap, the
//! descriptor and the subset tag. Each is a pure function of the face and
//! the set, so a [`Cache`] keyed by exactly that can hand the same bytes to
//! every report of a batch, on any thread, in any order: a warm cache and a
//! cold one give byte-identical documents.
//!
//! The cache is bounded ([`BUDGET`] bytes of prepared fonts); when it is
//! full it starts over, which only costs time, never changes output.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::content::{int, num};
use super::finish::fnv1a_128;
use super::fonts::{Face, FaceKey};
use super::subset;
use super::writer::{deflate, name};

/// Upper bound on the bytes held by one [`Cache`].
pub(crate) const BUDGET: usize = 24 << 20;

/// Deflate level of font programs and CMaps (built once per glyph set).
const FONT_LEVEL: u32 = 4;

/// What a document draws with one face: (glyph id, character) pairs,
/// sorted and without duplicates.
pub(crate) type GlyphSet = Vec<(u16, char)>;

/// A face's font objects for one glyph set, ready to be written.
#[derive(Debug)]
pub(crate) struct Embedded {
    /// `/BaseFont` and `/FontName`: `ABCDEF+PostScriptName`, escaped.
    pub(crate) base_font: Vec<u8>,
    /// The deflated TrueType program (`/FontFile2`).
    pub(crate) program: Vec<u8>,
    /// Its length before deflating (`/Length1`).
    pub(crate) program_len: usize,
    /// The `/W` array.
    pub(crate) widths: Vec<u8>,
    /// The deflated `/ToUnicode` CMap.
    pub(crate) to_unicode: Vec<u8>,
    /// The descriptor entries other than `/FontName` and `/FontFile2`.
    pub(crate) descriptor: Vec<u8>,
    /// (glyph id in the face, code = glyph id in the subset) of every glyph
    /// of the set, sorted.
    pub(crate) codes: Vec<(u16, u16)>,
}

impl Embedded {
    /// A table giving the code each glyph id of the face is shown with
    /// (0 for glyphs not in the set); built per document, as the cache
    /// keeps only the short list.
    pub(crate) fn code_table(&self) -> Vec<u16> {
        let len = self.codes.last().map_or(0, |&(g, _)| usize::from(g) + 1);
        let mut table = vec![0; len];
        for &(g, code) in &self.codes {
            table[usize::from(g)] = code;
        }
        table
    }
}

impl Embedded {
    fn size(&self) -> usize {
        self.base_font.len()
            + self.program.len()
            + self.widths.len()
            + self.to_unicode.len()
            + self.descriptor.len()
            + self.codes.len() * 4
    }
}

/// Six capital letters derived from the face name and the glyph ids.
pub(crate) fn subset_tag(face_name: &str, gids: impl Iterator<Item = u16>) -> String {
    let mut bytes = face_name.as_bytes().to_vec();
    bytes.push(0);
    for g in gids {
        bytes.extend_from_slice(&g.to_be_bytes());
    }
    let mut h = fnv1a_128(&bytes);
    let mut tag = String::with_capacity(6);
    for _ in 0..6 {
        tag.push(char::from(b'A' + (h % 26) as u8));
        h /= 26;
    }
    tag
}

/// Builds the font objects of `face` for `set`; `None` if the face is not
/// a TrueType font [`subset`] can handle.
pub(crate) fn build(face: &Face, set: &[(u16, char)]) -> Option<Embedded> {
    let bytes = face.font.source_bytes()?;
    let mut by_char: Vec<(char, u16)> = set.iter().map(|&(g, c)| (c, g)).collect();
    by_char.sort_unstable();
    let sub = subset::subset(bytes.as_slice(), face.font.original_index, &by_char)?;

    // One entry per glyph: the smallest character drawn with it.
    let mut glyphs: Vec<(u16, char)> = Vec::with_capacity(set.len());
    for &(g, c) in set {
        if glyphs.last().is_none_or(|&(last, _)| last != g) {
            glyphs.push((g, c));
        }
    }
    let tag = subset_tag(&face.name, glyphs.iter().map(|&(g, _)| g));
    // From here on, glyphs go by their code in the subset (same order).
    let code = |g: u16| sub.new_ids.get(usize::from(g)).copied().unwrap_or(0);
    let coded: Vec<(u16, u16, char)> = glyphs.iter().map(|&(g, c)| (code(g), g, c)).collect();
    let codes = glyphs.iter().map(|&(g, _)| (g, code(g))).collect();

    let mut base_font = Vec::new();
    name(&mut base_font, &format!("{tag}+{}", face.name));

    let mut widths = Vec::with_capacity(glyphs.len() * 5 + 8);
    widths.push(b'[');
    let mut prev: Option<u16> = None;
    for &(k, g, _) in &coded {
        if prev.is_some_and(|p| p.checked_add(1) == Some(k)) {
            widths.push(b' ');
        } else {
            if prev.is_some() {
                widths.extend_from_slice(b"] ");
            }
            int(&mut widths, u64::from(k));
            widths.extend_from_slice(b" [");
        }
        let w = face.advance_milli(g);
        if w < 0 {
            widths.push(b'-');
        }
        int(&mut widths, w.unsigned_abs());
        prev = Some(k);
    }
    if prev.is_some() {
        widths.push(b']');
    }
    widths.push(b']');

    let by_code: Vec<(u16, char)> = coded.iter().map(|&(k, _, c)| (k, c)).collect();
    Some(Embedded {
        base_font,
        program_len: sub.font.len(),
        program: deflate(&sub.font, FONT_LEVEL),
        widths,
        to_unicode: deflate(&to_unicode(&by_code), FONT_LEVEL),
        descriptor: descriptor(face),
        codes,
    })
}

/// A `/ToUnicode` CMap for `glyphs` (code, character; sorted by code).
fn to_unicode(glyphs: &[(u16, char)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(400 + glyphs.len() * 16);
    out.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let hex = |out: &mut Vec<u8>, v: u16| {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for shift in [12, 8, 4, 0] {
            out.push(HEX[usize::from((v >> shift) & 15)]);
        }
    };
    for chunk in glyphs.chunks(100) {
        int(&mut out, chunk.len() as u64);
        out.extend_from_slice(b" beginbfchar\n");
        for &(g, c) in chunk {
            out.push(b'<');
            hex(&mut out, g);
            out.extend_from_slice(b"> <");
            let mut units = [0u16; 2];
            for &u in c.encode_utf16(&mut units).iter() {
                hex(&mut out, u);
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Descriptor metrics in 1/1000 em, computed as printpdf does.
fn descriptor(face: &Face) -> Vec<u8> {
    let f = &face.font;
    let m = &f.pdf_font_metrics;
    let scale = if m.units_per_em == 0 {
        1.0
    } else {
        1000.0 / f32::from(m.units_per_em)
    };
    let sc = |v: f32| (v * scale).round() as i64;
    let ascent = sc(f.font_metrics.ascent as i64 as f32);
    let descent = sc(f.font_metrics.descent as i64 as f32);
    let cap = f.font_metrics.cap_height.map_or(ascent, sc);
    let italic = if m.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(m.caret_slope_run).atan2(f32::from(m.caret_slope_rise)))
            .to_degrees()
            .round() as i64
    };
    let flags = (1 << 5) | if italic != 0 { 1 << 6 } else { 0 };
    let stem_v = if m.us_weight_class == 0 {
        80
    } else {
        50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i64
    };
    let mut out = Vec::with_capacity(160);
    let field = |out: &mut Vec<u8>, key: &[u8], v: i64| {
        out.extend_from_slice(key);
        num(out, v as f32);
    };
    field(&mut out, b"/Flags ", flags);
    field(&mut out, b" /ItalicAngle ", italic);
    field(&mut out, b" /Ascent ", ascent);
    field(&mut out, b" /Descent ", descent);
    field(&mut out, b" /CapHeight ", cap);
    field(&mut out, b" /StemV ", stem_v);
    out.extend_from_slice(b" /FontBBox [");
    for (i, v) in [m.x_min, m.y_min, m.x_max, m.y_max].into_iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        num(&mut out, sc(f32::from(v)) as f32);
    }
    out.push(b']');
    out
}

type Slot = Arc<OnceLock<Option<Arc<Embedded>>>>;

/// A fast hasher for glyph sets (FxHash); the keys are not attacker-chosen
/// in a way that matters: a collision only costs a comparison.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.add(u64::from(*b));
        }
    }
    fn write_u16(&mut self, v: u16) {
        self.add(u64::from(v));
    }
    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Sets = HashMap<GlyphSet, Slot, std::hash::BuildHasherDefault<Fx>>;

/// Prepared fonts by face and glyph set; shared by every clone of a
/// [`super::Fonts`].
pub(crate) struct Cache {
    map: Mutex<HashMap<FaceKey, Sets>>,
    /// Bytes held (approximately).
    bytes: AtomicUsize,
    /// When `bytes` passes this, the next new entry starts a fresh map.
    budget: usize,
}

impl Default for Cache {
    fn default() -> Self {
        Self::with_budget(BUDGET)
    }
}

impl Cache {
    /// An empty cache holding about `budget` bytes at most.
    pub(crate) fn with_budget(budget: usize) -> Self {
        Self {
            map: Mutex::default(),
            bytes: AtomicUsize::new(0),
            budget,
        }
    }

    /// The font objects of `face` (known as `key`) for `set`, built on the
    /// first request and shared afterwards. Threads asking for the same set
    /// at once wait for one build.
    pub(crate) fn get(
        &self,
        key: FaceKey,
        face: &Face,
        set: &[(u16, char)],
    ) -> Option<Arc<Embedded>> {
        let slot = {
            let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
            match map.get(&key).and_then(|sets| sets.get(set)) {
                Some(slot) => slot.clone(),
                None => {
                    if self.bytes.load(Ordering::Relaxed) > self.budget {
                        map.clear();
                        self.bytes.store(0, Ordering::Relaxed);
                    }
                    let slot = Slot::default();
                    map.entry(key)
                        .or_default()
                        .insert(set.to_vec(), slot.clone());
                    slot
                }
            }
        };
        slot.get_or_init(|| {
            let e = build(face, set).map(Arc::new);
            let size = e.as_ref().map_or(0, |e| e.size()) + set.len() * 8 + 64;
            self.bytes.fetch_add(size, Ordering::Relaxed);
            e
        })
        .clone()
    }

    /// Number of prepared fonts held (for tests).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.values().map(Sets::len).sum()
    }
}
