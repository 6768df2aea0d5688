//! A small subsetter for TrueType (`glyf`) fonts.
//!
//! The subset holds `.notdef`, the glyphs asked for and the components of
//! composite ones, renumbered in their original order; the caller maps
//! the glyph ids it drew to the new ones when writing content streams.
//!
//! Only what a PDF viewer reads from an embedded TrueType program is kept
//! (ISO 32000-1 §9.9: `head`, `hhea`, `loca`, `maxp`, `cvt `, `prep`, `glyf`,
//! `hmtx`, `fpgm`), plus `OS/2` and a small Unicode `cmap` for the few
//! consumers that look at them. `name` and `post` are left out: text
//! extraction goes through the PDF's `/ToUnicode` CMap.
//!
//! Anything unexpected (not a `glyf` font, bad offsets, a glyph id past the
//! end) gives `None`; the caller then falls back to the general path.

use super::sfnt::{be16, be32};

/// Tables copied unchanged (when present).
const COPIED: [&[u8; 4]; 5] = [b"OS/2", b"cvt ", b"fpgm", b"gasp", b"prep"];

fn put16(d: &mut [u8], off: usize, v: u16) {
    d[off..off + 2].copy_from_slice(&v.to_be_bytes());
}

/// Sum of big-endian u32 words, the last one zero-padded.
pub(crate) fn checksum(data: &[u8]) -> u32 {
    let mut chunks = data.chunks_exact(4);
    let mut sum = 0u32;
    for c in &mut chunks {
        sum = sum.wrapping_add(u32::from_be_bytes([c[0], c[1], c[2], c[3]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 4];
        b[..rest.len()].copy_from_slice(rest);
        sum = sum.wrapping_add(u32::from_be_bytes(b));
    }
    sum
}

/// The tables of one face of a TrueType file or collection.
pub(crate) struct Tables<'a> {
    data: &'a [u8],
    version: u32,
    dir: Vec<([u8; 4], usize, usize)>,
}

impl<'a> Tables<'a> {
    /// Reads the table directory of face `index` of `data`.
    pub(crate) fn read(data: &'a [u8], index: usize) -> Option<Self> {
        let base = if data.get(..4)? == b"ttcf" {
            if index >= be32(data, 8)? as usize {
                return None;
            }
            be32(data, 12 + 4 * index)? as usize
        } else if index == 0 {
            0
        } else {
            return None;
        };
        let version = be32(data, base)?;
        let n = usize::from(be16(data, base + 4)?);
        let mut dir = Vec::with_capacity(n);
        for i in 0..n {
            let rec = base + 12 + 16 * i;
            let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
            let off = be32(data, rec + 8)? as usize;
            let len = be32(data, rec + 12)? as usize;
            data.get(off..off.checked_add(len)?)?;
            dir.push((tag, off, len));
        }
        Some(Self { data, version, dir })
    }

    /// The bytes of table `tag`.
    pub(crate) fn get(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        let &(_, off, len) = self.dir.iter().find(|(t, _, _)| t == tag)?;
        self.data.get(off..off + len)
    }

    /// The sfnt version (`0x00010000`, `true`, `OTTO`, ...).
    pub(crate) fn version(&self) -> u32 {
        self.version
    }

    /// The tags of all tables.
    pub(crate) fn tags(&self) -> impl Iterator<Item = &[u8; 4]> {
        self.dir.iter().map(|(t, _, _)| t)
    }

    /// Whether this is a TrueType (not CFF) face.
    pub(crate) fn is_truetype(&self) -> bool {
        self.version == 0x0001_0000 || self.version == u32::from_be_bytes(*b"true")
    }

    /// Whether this face has TrueType outlines this module can subset.
    pub(crate) fn is_glyf(&self) -> bool {
        self.is_truetype()
            && [b"head", b"hhea", b"maxp", b"loca", b"glyf", b"hmtx"]
                .iter()
                .all(|t| self.get(t).is_some())
    }
}

/// Reads a `glyf` font's outline tables once, for repeated subsetting.
struct Outlines<'a> {
    glyf: &'a [u8],
    loca: Vec<u32>,
    num_glyphs: usize,
}

impl<'a> Outlines<'a> {
    fn read(t: &Tables<'a>) -> Option<Self> {
        let head = t.get(b"head")?;
        let num_glyphs = usize::from(be16(t.get(b"maxp")?, 4)?);
        let long = be16(head, 50)? != 0;
        let raw = t.get(b"loca")?;
        let loca: Vec<u32> = (0..=num_glyphs)
            .map(|i| {
                if long {
                    be32(raw, 4 * i)
                } else {
                    be16(raw, 2 * i).map(|v| u32::from(v) * 2)
                }
            })
            .collect::<Option<_>>()?;
        Some(Self {
            glyf: t.get(b"glyf")?,
            loca,
            num_glyphs,
        })
    }

    fn glyph(&self, gid: usize) -> Option<&'a [u8]> {
        let (a, b) = (self.loca[gid] as usize, self.loca[gid + 1] as usize);
        if a == b {
            return Some(&[]);
        }
        self.glyf.get(a..b)
    }

    /// Marks `gid` and (recursively) the components of composite glyphs.
    fn close(&self, keep: &mut [bool], gid: usize) -> Option<()> {
        let mut work = vec![gid];
        while let Some(g) = work.pop() {
            if *keep.get(g)? {
                continue;
            }
            keep[g] = true;
            let data = self.glyph(g)?;
            for off in component_ids(data)? {
                work.push(usize::from(be16(data, off)?));
            }
        }
        Some(())
    }
}

/// A format 4 `cmap` (platform 3, encoding 1) mapping the BMP characters of
/// `map` (sorted by character) to their glyphs.
fn cmap(map: &[(char, u16)]) -> Vec<u8> {
    // Segments of consecutive characters with consecutive glyph ids.
    let mut segs: Vec<(u16, u16, u16)> = Vec::new(); // (start, end, first gid)
    for &(c, g) in map {
        let Ok(c) = u16::try_from(u32::from(c)) else {
            continue;
        };
        if c == 0xFFFF {
            continue;
        }
        match segs.last_mut() {
            Some((s, e, g0)) if c == e.wrapping_add(1) && g == g0.wrapping_add(c - *s) => *e = c,
            Some((_, e, _)) if c <= *e => {}
            _ => segs.push((c, c, g)),
        }
    }
    // The closing segment maps 0xFFFF to glyph 0 (idDelta 1).
    segs.push((0xFFFF, 0xFFFF, 0));
    let n = segs.len();
    let mut pow = 1usize;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let len = 16 + 8 * n;
    let mut sub = Vec::with_capacity(len);
    for v in [
        4u16,
        len as u16,
        0,
        (2 * n) as u16,
        (2 * pow) as u16,
        log,
        (2 * n - 2 * pow) as u16,
    ] {
        sub.extend_from_slice(&v.to_be_bytes());
    }
    for &(_, e, _) in &segs {
        sub.extend_from_slice(&e.to_be_bytes());
    }
    sub.extend_from_slice(&0u16.to_be_bytes());
    for &(s, _, _) in &segs {
        sub.extend_from_slice(&s.to_be_bytes());
    }
    for &(s, _, g) in &segs {
        sub.extend_from_slice(&g.wrapping_sub(s).to_be_bytes());
    }
    for _ in &segs {
        sub.extend_from_slice(&0u16.to_be_bytes());
    }
    let mut out = Vec::with_capacity(12 + sub.len());
    for v in [0u16, 1, 3, 1] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(&12u32.to_be_bytes());
    out.extend_from_slice(&sub);
    out
}

/// Writes an sfnt from `tables` (any order); sets `head.checkSumAdjustment`
/// so that the whole file sums to 0xB1B0AFBA.
pub(crate) fn assemble(version: u32, mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|(t, _)| *t);
    for (tag, data) in &mut tables {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].fill(0);
        }
    }
    let n = tables.len();
    let mut pow = 1usize;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let search = (pow * 16) as u16;
    let total: usize = 12
        + 16 * n
        + tables
            .iter()
            .map(|(_, d)| d.len().div_ceil(4) * 4)
            .sum::<usize>();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&(n as u16).to_be_bytes());
    out.extend_from_slice(&search.to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&((n * 16) as u16).wrapping_sub(search).to_be_bytes());
    let mut off = 12 + 16 * n;
    let mut head_at = None;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(off);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(off as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        off += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(h) = head_at
        && out.len() >= h + 12
    {
        let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adj.to_be_bytes());
    }
    out
}

/// Offsets, in a glyph's data, of the glyph ids of its components (none
/// for a simple or empty glyph); `None` if the data is cut short.
fn component_ids(data: &[u8]) -> Option<Vec<usize>> {
    let mut ids = Vec::new();
    if data.len() < 10 || (be16(data, 0)? as i16) >= 0 {
        return Some(ids);
    }
    let mut off = 10;
    loop {
        let flags = be16(data, off)?;
        ids.push(off + 2);
        // Arguments: words or bytes; then a scale, an x/y scale or a 2×2.
        off += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        off += if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        if flags & 0x0020 == 0 {
            return Some(ids);
        }
    }
}

/// Whether a glyph id would need escaping as a 2-byte code in a literal
/// string: its low byte is `(`, `)`, `\\` or a carriage return.
pub(crate) fn awkward(id: usize) -> bool {
    matches!(id & 0xFF, 0x0D | 0x28 | 0x29 | 0x5C) || matches!(id >> 8, 0x0D | 0x28 | 0x29 | 0x5C)
}

/// A subset font program and how it renumbered the glyphs.
pub(crate) struct Subset {
    /// The TrueType program.
    pub(crate) font: Vec<u8>,
    /// New glyph id by old glyph id (0 for glyphs left out; glyph 0 stays
    /// 0); covers old ids up to the highest one kept.
    pub(crate) new_ids: Vec<u16>,
}

/// The subset of face `index` of `data` drawing the glyphs of `map`
/// (character → glyph id, sorted by character); `None` if the font is not
/// a TrueType font this module handles.
///
/// The kept glyphs — `.notdef`, those of `map` and the components of
/// composite ones — are renumbered 0, 1, 2, … in their original order
/// (composite glyphs are patched to match), so the program holds nothing
/// for the glyphs in between. Ids that are [`awkward`] in a content stream
/// are left unused (empty glyphs).
pub(crate) fn subset(data: &[u8], index: usize, map: &[(char, u16)]) -> Option<Subset> {
    let t = Tables::read(data, index)?;
    if !t.is_glyf() {
        return None;
    }
    let o = Outlines::read(&t)?;
    let mut keep = vec![false; o.num_glyphs];
    o.close(&mut keep, 0)?;
    for &(_, g) in map {
        o.close(&mut keep, usize::from(g))?;
    }
    let last = keep.iter().rposition(|&k| k)?;
    // New ids in original order, skipping ids a content stream would have
    // to escape (see [`awkward`]): those slots stay empty.
    let mut new_ids = vec![0u16; last + 1];
    let mut slots: Vec<Option<usize>> = Vec::new();
    for (g, _) in keep[..=last].iter().enumerate().filter(|(_, k)| **k) {
        while g != 0 && awkward(slots.len()) {
            slots.push(None);
        }
        new_ids[g] = u16::try_from(slots.len()).ok()?;
        slots.push(Some(g));
    }
    let n = slots.len();

    // glyf and loca: the kept glyphs, 4-byte aligned, components renumbered.
    let mut glyf = Vec::new();
    let mut offsets = Vec::with_capacity(n + 1);
    for &slot in &slots {
        offsets.push(glyf.len());
        let Some(g) = slot else {
            continue;
        };
        let start = glyf.len();
        let data = o.glyph(g)?;
        glyf.extend_from_slice(data);
        for off in component_ids(data)? {
            let new = *new_ids.get(usize::from(be16(data, off)?))?;
            put16(&mut glyf, start + off, new);
        }
        glyf.resize(glyf.len().div_ceil(4) * 4, 0);
    }
    offsets.push(glyf.len());
    let short = glyf.len() < 0x2_0000;
    let mut loca = Vec::with_capacity(offsets.len() * if short { 2 } else { 4 });
    for &off in &offsets {
        if short {
            loca.extend_from_slice(&((off / 2) as u16).to_be_bytes());
        } else {
            loca.extend_from_slice(&(off as u32).to_be_bytes());
        }
    }

    // hmtx: one long metric per kept glyph.
    let hhea_src = t.get(b"hhea")?;
    let hmtx_src = t.get(b"hmtx")?;
    let nh = usize::from(be16(hhea_src, 34)?).clamp(1, o.num_glyphs);
    let mut hmtx = Vec::with_capacity(4 * n);
    for &slot in &slots {
        let (adv, lsb) = if let Some(g) = slot {
            if g < nh {
                (be16(hmtx_src, 4 * g)?, be16(hmtx_src, 4 * g + 2)?)
            } else {
                (
                    be16(hmtx_src, 4 * (nh - 1))?,
                    be16(hmtx_src, 4 * nh + 2 * (g - nh))?,
                )
            }
        } else {
            (0, 0)
        };
        hmtx.extend_from_slice(&adv.to_be_bytes());
        hmtx.extend_from_slice(&lsb.to_be_bytes());
    }

    let mut head = t.get(b"head")?.to_vec();
    let mut hhea = hhea_src.to_vec();
    let mut maxp = t.get(b"maxp")?.to_vec();
    if head.len() < 54 || hhea.len() < 36 || maxp.len() < 6 {
        return None;
    }
    put16(&mut head, 50, u16::from(!short));
    put16(&mut hhea, 34, n as u16);
    put16(&mut maxp, 4, n as u16);

    let renumbered: Vec<(char, u16)> = map
        .iter()
        .map(|&(c, g)| (c, new_ids[usize::from(g)]))
        .collect();
    let mut tables = vec![
        (*b"head", head),
        (*b"hhea", hhea),
        (*b"maxp", maxp),
        (*b"loca", loca),
        (*b"glyf", glyf),
        (*b"hmtx", hmtx),
        (*b"cmap", cmap(&renumbered)),
    ];
    for tag in COPIED {
        if let Some(d) = t.get(tag) {
            tables.push((*tag, d.to_vec()));
        }
    }
    Some(Subset {
        font: assemble(0x0001_0000, tables),
        new_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph_of(c: char) -> u16 {
        let face =
            printpdf::ParsedFont::from_bytes(dejavu::sans::regular(), 0, &mut Vec::new()).unwrap();
        face.lookup_glyph_index(c as u32).unwrap()
    }

    #[test]
    fn renumbers_glyphs_and_keeps_components() {
        let src = dejavu::sans::regular();
        let mut map: Vec<(char, u16)> = ['A', 'Ł', 'ó', 'ż', '→']
            .into_iter()
            .map(|c| (c, glyph_of(c)))
            .collect();
        map.sort_unstable();
        let sub = subset(src, 0, &map).expect("subset");
        let font = &sub.font;
        assert!(font.len() < 12_000, "{} bytes", font.len());
        assert_eq!(checksum(font), 0xB1B0_AFBA);
        let t = Tables::read(font, 0).unwrap();
        assert!(t.is_glyf());
        assert!(t.get(b"name").is_none() && t.get(b"post").is_none());
        let o = Outlines::read(&t).unwrap();
        let src_t = Tables::read(src, 0).unwrap();
        let src_o = Outlines::read(&src_t).unwrap();
        // .notdef, the five glyphs and their components, nothing else.
        let mut keep = vec![false; src_o.num_glyphs];
        for g in std::iter::once(0).chain(map.iter().map(|m| m.1)) {
            src_o.close(&mut keep, usize::from(g)).unwrap();
        }
        let kept: Vec<usize> = (0..keep.len()).filter(|&g| keep[g]).collect();
        assert!(kept.len() > map.len() + 1, "Ł, ó, ż are composites");
        assert!(o.num_glyphs >= kept.len());
        assert_eq!(sub.new_ids[0], 0);
        let mut prev = 0;
        for (i, &old) in kept.iter().enumerate() {
            let new = usize::from(sub.new_ids[old]);
            assert!(i == 0 || new > prev, "order kept");
            assert!(!awkward(new));
            prev = new;
            let (a, b) = (o.glyph(new).unwrap(), src_o.glyph(old).unwrap());
            assert_eq!(a.len(), b.len());
            if (be16(b, 0).unwrap() as i16) >= 0 {
                assert_eq!(a, b, "simple glyph {old} copied as is");
            } else {
                // Components point at the new ids of the same glyphs.
                let (old_c, new_c) = (be16(b, 12).unwrap(), be16(a, 12).unwrap());
                assert_eq!(sub.new_ids[usize::from(old_c)], new_c);
            }
        }
        // The subset parses as a font again, with the new glyph ids.
        let parsed = printpdf::ParsedFont::from_bytes(font, 0, &mut Vec::new()).expect("parses");
        let new_l = sub.new_ids[usize::from(glyph_of('Ł'))];
        assert_eq!(parsed.lookup_glyph_index('Ł' as u32), Some(new_l));
        let full = printpdf::ParsedFont::from_bytes(src, 0, &mut Vec::new()).unwrap();
        assert_eq!(
            parsed.get_horizontal_advance(sub.new_ids[usize::from(glyph_of('A'))]),
            full.get_horizontal_advance(glyph_of('A'))
        );
    }

    #[test]
    fn rejects_what_it_cannot_handle() {
        assert!(subset(b"not a font", 0, &[]).is_none());
        assert!(subset(dejavu::sans::regular(), 1, &[]).is_none());
        assert!(subset(dejavu::sans::regular(), 0, &[('x', 60000)]).is_none());
    }
}
