//! Smaller embedded fonts.
//!
//! printpdf's subsets keep every table of the source font, including
//! DejaVu's 15 KB `name` table (mostly its licence text) and `post`. A PDF
//! viewer reads neither from an embedded TrueType program: ISO 32000-1
//! §9.9 lists `head`, `hhea`, `loca`, `maxp`, `cvt `, `prep`, `glyf`, `hmtx`
//! and `fpgm` (plus `cmap` for simple fonts), and text extraction uses the
//! `/ToUnicode` CMap. Dropping the two saves about 4 KB per font, compressed.
//!
//! This is a post-pass over the finished bytes: the document is re-read,
//! each `/FontFile2` stream rewritten, and the document written again. On
//! any surprise the input is returned unchanged.

use lopdf::{Document, Object};

/// Tables left out of embedded fonts.
const DROP: [&[u8; 4]; 2] = [b"name", b"post"];

fn be16(d: &[u8], off: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(off..off + 2)?.try_into().ok()?))
}

fn be32(d: &[u8], off: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(off..off + 4)?.try_into().ok()?))
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut b = [0u8; 4];
        b[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(b))
    })
}

/// `font` (a TrueType file) without the [`DROP`] tables, or `None` when it
/// has none of them or is not a well-formed single font.
pub fn slim_font(font: &[u8]) -> Option<Vec<u8>> {
    let version = be32(font, 0)?;
    if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
        return None;
    }
    let n = usize::from(be16(font, 4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(n);
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        tables.push((tag, font.get(off..off.checked_add(len)?)?));
    }
    if !tables.iter().any(|(t, _)| DROP.contains(&t)) {
        return None;
    }
    tables.retain(|(t, _)| !DROP.contains(&t));
    tables.sort_by_key(|(t, _)| *t);
    let n = tables.len();
    // Binary-search helpers of the table directory.
    let mut pow = 1usize;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let search = (pow * 16) as u16;
    let mut out = Vec::with_capacity(font.len());
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
        out.extend_from_slice(&checksum_table(tag, data).to_be_bytes());
        out.extend_from_slice(&(off as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        off += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
    if let Some(h) = head_at
        && out.len() >= h + 12
    {
        out[h + 8..h + 12].fill(0);
        let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adj.to_be_bytes());
    }
    Some(out)
}

/// A table's checksum; `head` is summed with checkSumAdjustment as 0.
fn checksum_table(tag: &[u8; 4], data: &[u8]) -> u32 {
    if tag == b"head" && data.len() >= 12 {
        let mut d = data.to_vec();
        d[8..12].fill(0);
        checksum(&d)
    } else {
        checksum(data)
    }
}

/// The PDF `bytes` with slimmer embedded TrueType fonts; `bytes` unchanged
/// if there is nothing to do or anything goes wrong.
pub fn slim_pdf(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(mut doc) = Document::load_mem(&bytes) else {
        return bytes;
    };
    let mut changed = false;
    for obj in doc.objects.values_mut() {
        let Object::Stream(stream) = obj else {
            continue;
        };
        if stream.dict.get(b"Length1").is_err() {
            continue;
        }
        let Ok(font) = stream.decompressed_content() else {
            continue;
        };
        if let Some(slim) = slim_font(&font) {
            stream
                .dict
                .set("Length1", Object::Integer(slim.len() as i64));
            stream.dict.remove(b"Filter");
            stream.set_plain_content(slim);
            if stream.compress().is_err() {
                return bytes;
            }
            changed = true;
        }
    }
    if !changed {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len());
    match doc.save_modern(&mut out) {
        Ok(()) => out,
        Err(_) => bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_name_and_keeps_a_valid_directory() {
        let font = dejavu::sans::regular();
        let slim = slim_font(font).expect("DejaVu has a name table");
        assert!(slim.len() < font.len());
        let n = usize::from(be16(&slim, 4).unwrap());
        let mut tags = Vec::new();
        for i in 0..n {
            let rec = 12 + 16 * i;
            let tag = &slim[rec..rec + 4];
            let off = be32(&slim, rec + 8).unwrap() as usize;
            let len = be32(&slim, rec + 12).unwrap() as usize;
            assert!(off.is_multiple_of(4) && off + len <= slim.len());
            tags.push(tag.to_vec());
        }
        assert!(tags.windows(2).all(|w| w[0] < w[1]));
        assert!(!tags.contains(&b"name".to_vec()));
        assert!(tags.contains(&b"glyf".to_vec()));
        assert_eq!(checksum(&slim), 0xB1B0_AFBA);
        assert!(slim_font(&slim).is_none());
        assert!(slim_font(b"not a font").is_none());
    }
}
