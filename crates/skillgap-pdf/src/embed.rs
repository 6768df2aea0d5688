//! Embedded fonts, prepared once and shared by every document that needs
//! the same glyphs.
//!
//! For a face and the exact set of (glyph, character) pairs a document
//! draws with it, [`Embedded`] holds everything the PDF needs: the subset
//! font program (`subsetter`: TrueType and CFF alike, glyphs renumbered in
//! the order of their ids) already deflated, the widths, the deflated
//! `/ToUnicode` CMap, the descriptor metrics and the subset tag. Each is a
//! pure function of the face and the set, so a [`Cache`] keyed by exactly
//! that can hand the same bytes to every report of a batch, on any thread,
//! in any order: a warm cache and a cold one give byte-identical documents.
//!
//! The cache is bounded ([`BUDGET`] bytes of prepared fonts); when it is
//! full it starts over, which only costs time, never changes output.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use pdf_writer::{Name, Str, types::SystemInfo, types::UnicodeCmap};

use super::compress::deflate;
use super::face::{Face, FaceKey, Metrics};

/// Upper bound on the bytes held by one [`Cache`].
pub(crate) const BUDGET: usize = 24 << 20;

/// Deflate level of font programs and CMaps (built once per glyph set):
/// libdeflate's level 6 is as fast here as 4 (the cache builds few) and
/// a little smaller; 12 costs 20% more CPU for 0.3%.
const FONT_LEVEL: u32 = 6;

/// What a document draws with one face: (glyph id, character) pairs,
/// sorted and without duplicates.
pub(crate) type GlyphSet = Vec<(u16, char)>;

/// A face's font objects for one glyph set, ready to be written.
#[derive(Debug)]
pub(crate) struct Embedded {
    /// `/BaseFont` and `/FontName`: `ABCDEF+PostScriptName`.
    pub(crate) base_font: String,
    /// The deflated font program: TrueType (`/FontFile2`) or a bare
    /// CID-keyed CFF program (`/FontFile3 /CIDFontType0C`).
    pub(crate) program: Vec<u8>,
    /// Its length before deflating (`/Length1` of a TrueType program).
    pub(crate) program_len: usize,
    /// CFF outlines (CIDFontType0) rather than TrueType (CIDFontType2).
    pub(crate) cff: bool,
    /// (code, advance in 1/1000 em) of every glyph, by code.
    pub(crate) widths: Vec<(u16, f32)>,
    /// The deflated `/ToUnicode` CMap.
    pub(crate) to_unicode: Vec<u8>,
    /// Font descriptor metrics.
    pub(crate) metrics: Metrics,
    /// For TrueType: the deflated `/CIDToGIDMap` stream taking each code
    /// (CID) to its glyph in the subset (see [`code_of`]); `None` for CFF,
    /// whose CIDs are the subset's glyph ids.
    pub(crate) cid_to_gid: Option<Vec<u8>>,
    /// The code each glyph id of the face is shown with, by glyph id (0
    /// for glyphs not in the set); built once with the font, not per
    /// document (a CJK face's table is 128 KB).
    pub(crate) code_table: Vec<u16>,
}

/// Bytes of a two-byte code that a content stream's string holds as they
/// are: printable ASCII but the parentheses and the backslash.
const PLAIN: [u8; 91] = {
    let mut out = [0u8; 91];
    let (mut b, mut i) = (0x21u8, 0);
    while b < 0x7F {
        if b != b'(' && b != b')' && b != b'\\' {
            out[i] = b;
            i += 1;
        }
        b += 1;
    }
    out
};

/// The code of the `k`-th glyph (from 0) of a TrueType subset: two
/// printable bytes, so a shown string is two characters a glyph, where
/// glyph ids as codes would start with a NUL byte, written as a
/// four-character escape. The `/CIDToGIDMap` takes it back to the glyph.
pub(crate) fn code_of(k: usize) -> u16 {
    let hi = PLAIN[(k / PLAIN.len()) % PLAIN.len()];
    u16::from_be_bytes([hi, PLAIN[k % PLAIN.len()]])
}

/// The code of each glyph id, from (glyph id, code) pairs sorted by id.
fn code_table(codes: &[(u16, u16)]) -> Vec<u16> {
    let len = codes.last().map_or(0, |&(g, _)| usize::from(g) + 1);
    let mut table = vec![0; len];
    for &(g, code) in codes {
        table[usize::from(g)] = code;
    }
    table
}

impl Embedded {
    fn size(&self) -> usize {
        self.base_font.len()
            + self.program.len()
            + self.widths.len() * 8
            + self.cid_to_gid.as_ref().map_or(0, Vec::len)
            + self.to_unicode.len()
            + self.code_table.len() * 2
    }
}

/// `set` with the glyphs of every ASCII letter and digit `face` has.
///
/// The built-in faces are subset with all of them, whatever a report
/// draws: a report's glyphs then differ from another's mostly in the
/// capitals and accents of names, so most reports of a batch share one
/// prepared font from the [`Cache`] instead of subsetting and deflating
/// their own.
pub(crate) fn with_alphanumerics(face: &Face, mut set: GlyphSet) -> GlyphSet {
    let ascii = ('0'..='9').chain('A'..='Z').chain('a'..='z');
    set.extend(ascii.filter_map(|c| face.glyph(c).map(|g| (g, c))));
    set.sort_unstable();
    set.dedup();
    set
}

/// Six capital letters derived from the face name and the glyph ids.
pub(crate) fn subset_tag(face_name: &str, gids: impl Iterator<Item = u16>) -> String {
    let mut bytes = face_name.as_bytes().to_vec();
    bytes.push(0);
    for g in gids {
        bytes.extend_from_slice(&g.to_be_bytes());
    }
    let mut h = super::objstm::hash128(&bytes);
    let mut tag = String::with_capacity(6);
    for _ in 0..6 {
        tag.push(char::from(b'A' + (h % 26) as u8));
        h /= 26;
    }
    tag
}

/// The subset program of `face` with `glyphs` (sorted, without 0): a
/// TrueType font, or the bare CFF table of a CFF font. Glyph `g` gets the
/// id of its position in `glyphs` plus one (0 stays `.notdef`).
fn program(face: &Face, glyphs: &[u16]) -> Result<Vec<u8>, String> {
    let mut remapper = subsetter::GlyphRemapper::new();
    for &g in glyphs {
        remapper.remap(g);
    }
    // The subsetter reads a user-supplied file: whatever it is given, a
    // bad font must be an error, never a crash of the whole batch.
    let sub = std::panic::catch_unwind(|| subsetter::subset(face.data, face.index, &remapper))
        .map_err(|_| "the font subsetter failed on this font".to_string())?
        .map_err(|e| format!("cannot subset it: {e}"))?;
    if !face.cff {
        return Ok(super::unhinted::slim(&sub));
    }
    let raw = ttf_parser::RawFace::parse(&sub, 0).map_err(|e| e.to_string())?;
    raw.table(ttf_parser::Tag::from_bytes(b"CFF "))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| "the subset has no CFF table".to_string())
}

/// Whether `face` can be embedded: subsets it to `.notdef` alone. Fonts
/// given with `--font` and system fallbacks are checked once, when loaded.
pub(crate) fn check(face: &Face) -> Result<(), String> {
    program(face, &[]).map(|_| ())
}

/// Builds the font objects of `face` for `set`.
pub(crate) fn build(face: &Face, set: &[(u16, char)]) -> Result<Embedded, String> {
    // One entry per glyph: the smallest character drawn with it.
    let mut glyphs: Vec<(u16, char)> = Vec::with_capacity(set.len());
    for &(g, c) in set {
        if g != 0 && glyphs.last().is_none_or(|&(last, _)| last != g) {
            glyphs.push((g, c));
        }
    }
    let ids: Vec<u16> = glyphs.iter().map(|&(g, _)| g).collect();
    let sub = program(face, &ids)?;
    let tag = subset_tag(&face.name, ids.iter().copied());
    // Subset glyph ids are 1.. in the order of the face's ids. TrueType
    // glyphs are shown with printable codes (mapped back by the
    // CIDToGIDMap); CFF CIDs are the subset's glyph ids.
    let codes: Vec<(u16, u16)> = ids
        .iter()
        .enumerate()
        .map(|(k, &g)| (g, if face.cff { k as u16 + 1 } else { code_of(k) }))
        .collect();
    let cid_to_gid = (!face.cff).then(|| {
        let len = codes.last().map_or(0, |&(_, c)| usize::from(c) + 1);
        let mut map = vec![0u8; 2 * len];
        for (k, &(_, code)) in codes.iter().enumerate() {
            let at = 2 * usize::from(code);
            map[at..at + 2].copy_from_slice(&(k as u16 + 1).to_be_bytes());
        }
        deflate(&map, FONT_LEVEL)
    });
    let widths = codes
        .iter()
        .map(|&(g, code)| (code, face.advance_milli(g) as f32))
        .collect();

    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    };
    let mut to_unicode = UnicodeCmap::<u16>::new(Name(b"Adobe-Identity-UCS"), info);
    for (&(_, c), &(_, code)) in glyphs.iter().zip(&codes) {
        to_unicode.pair(code, c);
    }
    let to_unicode = to_unicode.finish();
    Ok(Embedded {
        base_font: format!("{tag}+{}", face.name),
        program_len: sub.len(),
        program: deflate(&sub, FONT_LEVEL),
        cff: face.cff,
        widths,
        to_unicode: deflate(&to_unicode, FONT_LEVEL),
        metrics: face.metrics,
        cid_to_gid,
        code_table: code_table(&codes),
    })
}

type Slot = Arc<OnceLock<Result<Arc<Embedded>, String>>>;

/// Glyph sets hash with FxHash: a collision only costs a comparison.
type Sets = rustc_hash::FxHashMap<GlyphSet, Slot>;

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
    ) -> Result<Arc<Embedded>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_printable_and_distinct() {
        let codes: Vec<u16> = (0..3000).map(code_of).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len());
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "increasing");
        for c in codes {
            for b in c.to_be_bytes() {
                assert!(b.is_ascii_graphic() && !b"()\\".contains(&b), "{c:04X}");
            }
        }
    }

    #[test]
    fn subset_tags_are_stable() {
        let a = subset_tag("DejaVuSans", [1u16, 2, 3].into_iter());
        let b = subset_tag("DejaVuSans", [1u16, 2, 3].into_iter());
        let c = subset_tag("DejaVuSans", [1u16, 2, 4].into_iter());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_uppercase()));
    }
}
