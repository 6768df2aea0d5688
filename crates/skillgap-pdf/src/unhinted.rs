//! A subset TrueType program made smaller for embedding: the tables a PDF
//! viewer never reads from an embedded font (`name`, `post`) and the
//! hinting (the `cvt `, `fpgm` and `prep` tables and each glyph's
//! instructions) are left out; outlines and metrics are copied as they are.
//!
//! Why hinting goes: in DejaVu it is half of every glyph (7.5 KB of a
//! 13.5 KB `glyf` in a typical report's subset, plus 2.7 KB of tables),
//! and PDF viewers render embedded TrueType without it — pdf.js and
//! Acrobat ignore it, FreeType-based viewers apply their own light hinting.
//! ISO 32000-1 §9.9 lists what a viewer reads from `/FontFile2`.
//!
//! Neither `subsetter` (it copies hinting unless it re-instances a
//! variable font) nor `ttf-parser` (read-only) can write a font without
//! it, so the two tables are rewritten here: each glyph record is copied
//! with its instruction bytes cut out, `loca` rebuilt in the same format.
//! Any glyph this code does not understand leaves the font unchanged but
//! for the dropped tables that need no rewriting.

use ttf_parser::{RawFace, Tag};

/// Tables left out of every embedded TrueType program.
const DROPPED: [&[u8; 4]; 5] = [b"name", b"post", b"cvt ", b"fpgm", b"prep"];

/// Composite glyph flags (OpenType `glyf` table).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;
const WE_HAVE_INSTRUCTIONS: u16 = 0x0100;

/// `font` (a TrueType subset) without `name`, `post` and hinting. Returns
/// `font` unchanged if its table directory cannot be read.
pub(crate) fn slim(font: &[u8]) -> Vec<u8> {
    let Ok(raw) = RawFace::parse(font, 0) else {
        return font.to_vec();
    };
    let table = |tag: &[u8; 4]| raw.table(Tag::from_bytes(tag));
    let rewritten = match (table(b"head"), table(b"loca"), table(b"glyf")) {
        (Some(head), Some(loca), Some(glyf)) => without_instructions(head, loca, glyf),
        _ => None,
    };
    let mut tables: Vec<(Tag, &[u8])> = Vec::new();
    for r in raw.table_records {
        let tag = r.tag.to_bytes();
        if DROPPED.contains(&&tag) {
            continue;
        }
        let data = match (&rewritten, &tag) {
            (Some((loca, _)), b"loca") => loca.as_slice(),
            (Some((_, glyf)), b"glyf") => glyf.as_slice(),
            _ => {
                let start = r.offset as usize;
                let Some(data) = start
                    .checked_add(r.length as usize)
                    .and_then(|end| font.get(start..end))
                else {
                    continue;
                };
                data
            }
        };
        tables.push((r.tag, data));
    }
    tables.sort_by_key(|t| t.0);
    write_sfnt(&font[..4], &tables)
}

/// New `loca` and `glyf` tables with every glyph's instructions removed;
/// `None` if a glyph record is malformed.
fn without_instructions(head: &[u8], loca: &[u8], glyf: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let long = match head.get(50..52)? {
        [0, 0] => false,
        [0, 1] => true,
        _ => return None,
    };
    let offsets: Vec<usize> = if long {
        loca.chunks_exact(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize)
            .collect()
    } else {
        loca.chunks_exact(2)
            .map(|c| 2 * usize::from(u16::from_be_bytes([c[0], c[1]])))
            .collect()
    };
    let mut out = Vec::with_capacity(glyf.len());
    let mut new_offsets = Vec::with_capacity(offsets.len());
    new_offsets.push(0usize);
    for pair in offsets.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if end > start {
            glyph_without_instructions(glyf.get(start..end)?, &mut out)?;
            // Short offsets count 2-byte words.
            out.resize(out.len().div_ceil(2) * 2, 0);
        }
        new_offsets.push(out.len());
    }
    let mut new_loca = Vec::with_capacity(loca.len());
    for &o in &new_offsets {
        if long {
            new_loca.extend_from_slice(&u32::try_from(o).ok()?.to_be_bytes());
        } else {
            new_loca.extend_from_slice(&u16::try_from(o / 2).ok()?.to_be_bytes());
        }
    }
    Some((new_loca, out))
}

/// Appends glyph record `g` to `out` without its instructions.
fn glyph_without_instructions(g: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let u16_at = |at: usize| g.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let contours = u16_at(0)? as i16;
    if contours >= 0 {
        // Header, end points of contours, then the instructions' length
        // and bytes, then flags and coordinates.
        let len_at = 10 + 2 * contours as usize;
        let instructions = usize::from(u16_at(len_at)?);
        let rest = g.get(len_at + 2 + instructions..)?;
        out.extend_from_slice(g.get(..len_at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(());
    }
    // A composite: components up to the last, then (when a component says
    // so) the instructions, which are cut along with the flag.
    let mut flag_at = Vec::new();
    let mut at = 10;
    loop {
        let flags = u16_at(at)?;
        flag_at.push(at);
        let args = if flags & ARG_1_AND_2_ARE_WORDS != 0 {
            4
        } else {
            2
        };
        let scale = if flags & WE_HAVE_A_SCALE != 0 {
            2
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            4
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        at += 4 + args + scale;
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    let start = out.len();
    out.extend_from_slice(g.get(..at)?);
    for f in flag_at {
        let f = start + f;
        let flags = u16::from_be_bytes([out[f], out[f + 1]]) & !WE_HAVE_INSTRUCTIONS;
        out[f..f + 2].copy_from_slice(&flags.to_be_bytes());
    }
    Some(())
}

/// An sfnt file of `tables` (sorted by tag) after the version `version`.
fn write_sfnt(version: &[u8], tables: &[(Tag, &[u8])]) -> Vec<u8> {
    let n = tables.len() as u16;
    let size: usize = tables.iter().map(|t| t.1.len().div_ceil(4) * 4).sum();
    let mut out = Vec::with_capacity(12 + 16 * tables.len() + size);
    out.extend_from_slice(version);
    let entry_selector = 15 - n.max(1).leading_zeros() as u16;
    let search_range = (1u16 << entry_selector) * 16;
    for v in [n, search_range, entry_selector, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(&tag.to_bytes());
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    out
}

/// The sfnt table checksum: the sum of its big-endian 32-bit words.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every drawing command of a glyph's outline.
    #[derive(Default, PartialEq, Debug)]
    struct Path(Vec<(char, [i32; 6])>);

    impl ttf_parser::OutlineBuilder for Path {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(('M', [x as i32, y as i32, 0, 0, 0, 0]));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(('L', [x as i32, y as i32, 0, 0, 0, 0]));
        }
        fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
            self.0
                .push(('Q', [a as i32, b as i32, x as i32, y as i32, 0, 0]));
        }
        fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
            let v = [a, b, c, d, x, y].map(|v| v as i32);
            self.0.push(('C', v));
        }
        fn close(&mut self) {
            self.0.push(('Z', [0; 6]));
        }
    }

    fn instructions(font: &[u8]) -> usize {
        let raw = RawFace::parse(font, 0).unwrap();
        let t = |tag: &[u8; 4]| raw.table(Tag::from_bytes(tag)).unwrap();
        let (head, loca, glyf) = (t(b"head"), t(b"loca"), t(b"glyf"));
        let long = head[51] == 1;
        let offsets: Vec<usize> = if long {
            loca.chunks_exact(4)
                .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize)
                .collect()
        } else {
            loca.chunks_exact(2)
                .map(|c| 2 * usize::from(u16::from_be_bytes([c[0], c[1]])))
                .collect()
        };
        let mut total = 0;
        for w in offsets.windows(2) {
            let g = &glyf[w[0]..w[1]];
            if g.is_empty() {
                continue;
            }
            let contours = i16::from_be_bytes([g[0], g[1]]);
            if contours >= 0 {
                let at = 10 + 2 * contours as usize;
                total += usize::from(u16::from_be_bytes([g[at], g[at + 1]]));
            }
        }
        total
    }

    /// Every glyph of both DejaVu faces (simple and composite) keeps its
    /// outline and advance; the hinting and the unread tables are gone.
    #[test]
    fn outlines_and_metrics_unchanged_hinting_gone() {
        for font in [dejavu::sans::regular(), dejavu::sans::bold()] {
            let slim = slim(font);
            assert!(instructions(font) > 0);
            assert!(slim.len() + instructions(font) < font.len());
            assert_eq!(instructions(&slim), 0);
            let before = ttf_parser::Face::parse(font, 0).unwrap();
            let after = ttf_parser::Face::parse(&slim, 0).expect("still a font");
            for tag in DROPPED {
                assert!(after.raw_face().table(Tag::from_bytes(tag)).is_none());
            }
            assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
            for g in 0..before.number_of_glyphs() {
                let g = ttf_parser::GlyphId(g);
                let (mut a, mut b) = (Path::default(), Path::default());
                let ra = before.outline_glyph(g, &mut a);
                let rb = after.outline_glyph(g, &mut b);
                assert_eq!(ra, rb, "{g:?}");
                assert_eq!(a, b, "{g:?}");
                assert_eq!(before.glyph_hor_advance(g), after.glyph_hor_advance(g));
            }
            // Composites were among them (accented capitals in DejaVu).
            let o = before.glyph_index('Ó').unwrap();
            let mut parts = 0;
            struct Count<'a>(&'a mut usize);
            impl ttf_parser::OutlineBuilder for Count<'_> {
                fn move_to(&mut self, _: f32, _: f32) {
                    *self.0 += 1;
                }
                fn line_to(&mut self, _: f32, _: f32) {}
                fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
                fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
                fn close(&mut self) {}
            }
            after.outline_glyph(o, &mut Count(&mut parts));
            assert!(parts >= 3, "O and its acute: {parts} contours");
        }
    }

    #[test]
    fn unreadable_fonts_come_back_unchanged() {
        assert_eq!(slim(b"not a font"), b"not a font");
        // A glyph record cut short: tables copied, glyphs untouched.
        let font = dejavu::sans::regular();
        let raw = RawFace::parse(font, 0).unwrap();
        let head = raw.table(Tag::from_bytes(b"head")).unwrap();
        let loca: &[u8] = if head[51] == 1 {
            &[0, 0, 0, 0, 0, 0, 0, 12]
        } else {
            &[0, 0, 0, 6]
        };
        assert!(without_instructions(head, loca, &[0, 1, 0, 0]).is_none());
    }
}
