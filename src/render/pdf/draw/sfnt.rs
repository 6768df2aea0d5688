//! Minimal, allocation-light reader for the `cmap` table of TrueType/OpenType
//! files and collections.
//!
//! It is only used to *screen* candidate system fonts cheaply (without a full
//! parse) when looking for a fallback font covering some characters. The
//! answer is an over-approximation for cmap format 4 segments that use
//! `idRangeOffset`; the caller confirms a hit with the real parser.

/// Sorted, non-overlapping inclusive code point ranges a font face maps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Coverage {
    ranges: Vec<(u32, u32)>,
}

impl Coverage {
    /// Whether `c` falls in one of the mapped ranges.
    pub(crate) fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        // First range whose end is >= cp.
        let idx = self.ranges.partition_point(|&(_, end)| end < cp);
        self.ranges.get(idx).is_some_and(|&(start, _)| start <= cp)
    }

    fn from_ranges(mut ranges: Vec<(u32, u32)>) -> Self {
        ranges.retain(|&(s, e)| s <= e);
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (s, e) in ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1.saturating_add(1) => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        Self { ranges: merged }
    }
}

/// The big-endian `u16` at `off`, if `d` holds it.
pub(super) fn be16(d: &[u8], off: usize) -> Option<u16> {
    let b = d.get(off..off.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

/// The big-endian `u32` at `off`, if `d` holds it.
pub(super) fn be32(d: &[u8], off: usize) -> Option<u32> {
    let b = d.get(off..off.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// Random access to font bytes: `read(offset, len)` returns exactly `len`
/// bytes or `None`. Lets a font file be screened without reading all of it.
trait Source {
    fn read(&mut self, offset: u64, len: usize) -> Option<Vec<u8>>;
}

impl Source for &[u8] {
    fn read(&mut self, offset: u64, len: usize) -> Option<Vec<u8>> {
        let start = usize::try_from(offset).ok()?;
        self.get(start..start.checked_add(len)?).map(<[u8]>::to_vec)
    }
}

impl Source for std::fs::File {
    fn read(&mut self, offset: u64, len: usize) -> Option<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        self.seek(SeekFrom::Start(offset)).ok()?;
        let mut buf = vec![0u8; len];
        self.read_exact(&mut buf).ok()?;
        Some(buf)
    }
}

/// Largest cmap table we are willing to read (real ones are well below).
const MAX_CMAP: usize = 16 << 20;

/// Reads the Unicode coverage of face `face` of a font.
///
/// Returns `None` if the data is not a font, has no usable Unicode cmap, or has
/// no vector outlines a PDF can embed (`glyf` or `CFF `; bitmap-only colour
/// emoji fonts are skipped).
fn coverage_from(src: &mut impl Source, face: usize) -> Option<Coverage> {
    let head = src.read(0, 12)?;
    let base = if &head[..4] == b"ttcf" {
        if face >= be32(&head, 8)? as usize {
            return None;
        }
        u64::from(be32(&src.read(12 + 4 * face as u64, 4)?, 0)?)
    } else if face == 0 {
        0
    } else {
        return None;
    };
    let num_tables = be16(&src.read(base, 12)?, 4)? as usize;
    let dir = src.read(base + 12, 16 * num_tables)?;
    let table = |tag: &[u8; 4]| {
        dir.chunks_exact(16)
            .find(|rec| &rec[..4] == tag)
            .and_then(|rec| Some((be32(rec, 8)?, be32(rec, 12)? as usize)))
    };
    table(b"glyf").or_else(|| table(b"CFF "))?;
    let (off, len) = table(b"cmap")?;
    if len > MAX_CMAP {
        return None;
    }
    cmap_coverage(&src.read(u64::from(off), len)?)
}

/// [`coverage_from`] on in-memory font bytes.
#[cfg(test)]
pub(crate) fn coverage(mut data: &[u8], face: usize) -> Option<Coverage> {
    coverage_from(&mut data, face)
}

/// [`coverage_from`] on a font file, reading only its directory and cmap.
pub(crate) fn file_coverage(path: &std::path::Path, face: usize) -> Option<Coverage> {
    coverage_from(&mut std::fs::File::open(path).ok()?, face)
}

fn cmap_coverage(cmap: &[u8]) -> Option<Coverage> {
    let num = be16(cmap, 2)? as usize;
    let mut best: Option<(u8, usize)> = None; // (rank, subtable offset); lower rank wins
    for i in 0..num {
        let rec = 4 + 8 * i;
        let platform = be16(cmap, rec)?;
        let encoding = be16(cmap, rec + 2)?;
        let off = be32(cmap, rec + 4)? as usize;
        let format = be16(cmap, off)?;
        let rank = match (platform, encoding, format) {
            (3, 10, 12) | (0, 4, 12) | (0, 6, 12) => 0,
            (0, _, 12) => 1,
            (3, 1, 4) | (0, 3, 4) => 2,
            (0, _, 4) => 3,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank < r) {
            best = Some((rank, off));
        }
    }
    let (_, off) = best?;
    let sub = cmap.get(off..)?;
    match be16(sub, 0)? {
        12 => format12(sub),
        4 => format4(sub),
        _ => None,
    }
}

fn format12(sub: &[u8]) -> Option<Coverage> {
    let groups = be32(sub, 12)? as usize;
    let mut ranges = Vec::with_capacity(groups.min(65_536));
    for g in 0..groups {
        let rec = 16 + 12 * g;
        let start = be32(sub, rec)?;
        let end = be32(sub, rec + 4)?;
        let glyph = be32(sub, rec + 8)?;
        // A group starting at glyph 0 maps its first code to .notdef.
        let start = if glyph == 0 {
            start.saturating_add(1)
        } else {
            start
        };
        ranges.push((start, end.min(0x10_FFFF)));
    }
    Some(Coverage::from_ranges(ranges))
}

fn format4(sub: &[u8]) -> Option<Coverage> {
    let seg_x2 = be16(sub, 6)? as usize;
    let segs = seg_x2 / 2;
    let ends = 14;
    let starts = ends + seg_x2 + 2;
    let deltas = starts + seg_x2;
    let range_offsets = deltas + seg_x2;
    let mut ranges = Vec::with_capacity(segs);
    for s in 0..segs {
        let end = be16(sub, ends + 2 * s)? as u32;
        let start = be16(sub, starts + 2 * s)? as u32;
        let delta = be16(sub, deltas + 2 * s)?;
        let range_off = be16(sub, range_offsets + 2 * s)?;
        if start == 0xFFFF {
            continue;
        }
        if range_off == 0 {
            // glyph = (c + delta) mod 65536; exclude the single code mapping to 0.
            let zero_at = (0x1_0000 - delta as u32) & 0xFFFF;
            if (start..=end).contains(&zero_at) {
                if zero_at > start {
                    ranges.push((start, zero_at - 1));
                }
                if zero_at < end {
                    ranges.push((zero_at + 1, end));
                }
                continue;
            }
        }
        ranges.push((start, end));
    }
    Some(Coverage::from_ranges(ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dejavu_coverage() {
        let data = dejavu::sans::regular();
        let cov = coverage(data, 0).expect("cmap");
        for c in ['A', 'z', ' ', 'Ł', 'ż', 'Ε', 'λ', '…'] {
            assert!(cov.contains(c), "{c}");
        }
        assert!(!cov.contains('李'));
        assert!(!cov.contains('\u{0}'));
        assert!(coverage(b"not a font", 0).is_none());
        assert!(coverage(data, 1).is_none());
        let wqy = std::path::Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
        if wqy.exists() {
            let cov = file_coverage(wqy, 0).expect("ttc cmap");
            assert!(cov.contains('李') && cov.contains('雷'));
        }
    }
}
