//! A small, direct PDF file writer: streams are written as they come,
//! every other object goes into one compressed object stream, and the file
//! ends with a cross-reference stream (PDF 1.5). The trailer `/ID` is a
//! hash of everything written before it, so identical documents get
//! identical bytes.

use std::cell::RefCell;
use std::io::Write;

use flate2::{Compress, Compression, FlushCompress, Status};

use super::content::int;

/// Deflate level of content streams and the object stream.
pub(crate) const CONTENT_LEVEL: u32 = 1;

thread_local! {
    /// One compressor per level and thread, reset for every stream: setting
    /// one up (a few hundred KB of tables) costs more than compressing a
    /// small stream. A reset compressor gives the same bytes as a new one.
    static DEFLATERS: RefCell<Vec<(u32, Compress)>> = const { RefCell::new(Vec::new()) };
}

/// zlib-wrapped deflate of `data` (`/FlateDecode`).
pub(crate) fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    DEFLATERS.with(|cell| {
        let mut all = cell.borrow_mut();
        let i = match all.iter().position(|(l, _)| *l == level) {
            Some(i) => i,
            None => {
                all.push((level, Compress::new(Compression::new(level), true)));
                all.len() - 1
            }
        };
        let c = &mut all[i].1;
        c.reset();
        let start = c.total_in();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let done = (c.total_in() - start) as usize;
            if out.len() == out.capacity() {
                out.reserve(out.capacity().max(256));
            }
            match c.compress_vec(&data[done..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return out,
                Ok(_) => {}
                // Cannot happen with a valid level; fall back to a fresh
                // compressor's output.
                Err(_) => return deflate_fresh(data, level),
            }
        }
    })
}

/// [`deflate`] with a new compressor.
fn deflate_fresh(data: &[u8], level: u32) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3 + 64),
        Compression::new(level),
    );
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// Appends `/s` as a PDF name, escaping what a name cannot hold.
pub(crate) fn name(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'/');
    for &b in s.as_bytes() {
        let plain = (0x21..=0x7E).contains(&b) && !b"()<>[]{}/%#".contains(&b);
        if plain {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'#', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

/// Appends a literal string `(...)` of raw bytes, escaped.
pub(crate) fn literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            0x20..=0x7E => out.push(b),
            _ => out.extend_from_slice(&[
                b'\\',
                b'0' + (b >> 6),
                b'0' + ((b >> 3) & 7),
                b'0' + (b & 7),
            ]),
        }
    }
    out.push(b')');
}

/// Appends a text string: literal when plain printable ASCII, else
/// UTF-16BE with a byte order mark.
pub(crate) fn text(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| (0x20..=0x7E).contains(&b)) {
        literal(out, s.as_bytes());
        return;
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(b"<FEFF");
    for u in s.encode_utf16() {
        for shift in [12, 8, 4, 0] {
            out.push(HEX[usize::from((u >> shift) & 15)]);
        }
    }
    out.push(b'>');
}

/// A fast 128-bit hash of `data` (for the trailer `/ID`; not cryptographic).
pub(crate) fn hash128(data: &[u8]) -> u128 {
    const K1: u64 = 0x9E37_79B9_7F4A_7C15;
    const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;
    let mix = |mut h: u64| {
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    };
    let (mut a, mut b) = (K1 ^ data.len() as u64, K2);
    let mut words = data.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        a = (a ^ w).wrapping_mul(K2).rotate_left(31);
        b = (b ^ w.rotate_left(23)).wrapping_mul(K1).rotate_left(27) ^ a;
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    let w = u64::from_le_bytes(tail);
    a = (a ^ w).wrapping_mul(K2);
    b = (b ^ a).wrapping_mul(K1);
    (u128::from(mix(a ^ b.rotate_left(17))) << 64) | u128::from(mix(b ^ a.rotate_left(41)))
}

/// Where an object lives.
#[derive(Clone, Copy)]
enum Loc {
    Free,
    /// Byte offset in the file.
    Direct(usize),
    /// Index inside the object stream.
    Packed(usize),
}

/// Builds one PDF file. Object numbers come from [`Writer::reserve`].
pub(crate) struct Writer {
    out: Vec<u8>,
    locs: Vec<Loc>,
    /// Packed objects: (number, offset in `packed`).
    index: Vec<(usize, usize)>,
    packed: Vec<u8>,
}

impl Writer {
    /// A writer with the file header written; `capacity` is a size hint.
    pub(crate) fn new(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        Self {
            out,
            locs: vec![Loc::Free],
            index: Vec::new(),
            packed: Vec::with_capacity(4096),
        }
    }

    /// A new object number.
    pub(crate) fn reserve(&mut self) -> usize {
        self.locs.push(Loc::Free);
        self.locs.len() - 1
    }

    /// Writes object `num` as a stream with `dict` entries (without
    /// `/Length`) and already encoded `data`.
    pub(crate) fn stream(&mut self, num: usize, dict: &[u8], data: &[u8]) {
        self.locs[num] = Loc::Direct(self.out.len());
        int(&mut self.out, num as u64);
        self.out.extend_from_slice(b" 0 obj\n<<");
        self.out.extend_from_slice(dict);
        self.out.extend_from_slice(b" /Length ");
        int(&mut self.out, data.len() as u64);
        self.out.extend_from_slice(b">>\nstream\n");
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Stores object `num` (not a stream) in the object stream.
    pub(crate) fn object(&mut self, num: usize, body: &[u8]) {
        self.locs[num] = Loc::Packed(self.index.len());
        self.index.push((num, self.packed.len()));
        self.packed.extend_from_slice(body);
        self.packed.push(b'\n');
    }

    /// Writes the object stream and the cross-reference stream; returns the
    /// file.
    pub(crate) fn finish(mut self, root: usize, info: usize) -> Vec<u8> {
        let objstm = self.reserve();
        let mut header = Vec::with_capacity(self.index.len() * 10);
        for (i, &(num, off)) in self.index.iter().enumerate() {
            if i > 0 {
                header.push(b' ');
            }
            int(&mut header, num as u64);
            header.push(b' ');
            int(&mut header, off as u64);
        }
        header.push(b'\n');
        let first = header.len();
        header.extend_from_slice(&self.packed);
        let data = deflate(&header, CONTENT_LEVEL);
        let mut dict = b" /Type /ObjStm /N ".to_vec();
        int(&mut dict, self.index.len() as u64);
        dict.extend_from_slice(b" /First ");
        int(&mut dict, first as u64);
        dict.extend_from_slice(b" /Filter /FlateDecode");
        self.stream(objstm, &dict, &data);

        let id = format!("{:032X}", hash128(&self.out));
        let xref = self.reserve();
        let at = self.out.len();
        self.locs[xref] = Loc::Direct(at);
        // Field widths: offsets in 4 bytes (8 past 4 GiB), indexes inside
        // the object stream in 2 (4 past 65,535 objects).
        let (wa, wb) = (
            if at > u32::MAX as usize { 8 } else { 4 },
            if self.index.len() > 0xFFFF { 4 } else { 2 },
        );
        let mut rows = Vec::with_capacity(self.locs.len() * (1 + wa + wb));
        for loc in &self.locs {
            let (kind, a, b): (u8, u64, u64) = match *loc {
                Loc::Free => (0, 0, 0xFFFF),
                Loc::Direct(off) => (1, off as u64, 0),
                Loc::Packed(i) => (2, objstm as u64, i as u64),
            };
            rows.push(kind);
            rows.extend_from_slice(&a.to_be_bytes()[8 - wa..]);
            rows.extend_from_slice(&b.to_be_bytes()[8 - wb..]);
        }
        let mut dict = b" /Type /XRef /Size ".to_vec();
        int(&mut dict, self.locs.len() as u64);
        dict.extend_from_slice(b" /W [1 ");
        int(&mut dict, wa as u64);
        dict.push(b' ');
        int(&mut dict, wb as u64);
        dict.extend_from_slice(b"] /Root ");
        int(&mut dict, root as u64);
        dict.extend_from_slice(b" 0 R /Info ");
        int(&mut dict, info as u64);
        dict.extend_from_slice(b" 0 R /ID [<");
        dict.extend_from_slice(id.as_bytes());
        dict.extend_from_slice(b"> <");
        dict.extend_from_slice(id.as_bytes());
        dict.extend_from_slice(b">]");
        self.stream(xref, &dict, &rows);
        self.out.extend_from_slice(b"startxref\n");
        int(&mut self.out, at as u64);
        self.out.extend_from_slice(b"\n%%EOF\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn names_and_strings_are_escaped() {
        let mut o = Vec::new();
        name(&mut o, "ABCDEF+Font Name#1/x");
        assert_eq!(o, b"/ABCDEF+Font#20Name#231#2Fx");
        o.clear();
        literal(&mut o, b"a(b)\\c\n\xC3");
        assert_eq!(o, b"(a\\(b\\)\\\\c\\012\\303)");
        o.clear();
        text(&mut o, "Żó");
        assert_eq!(o, b"<FEFF017B00F3>");
    }

    #[test]
    fn reused_compressors_give_the_same_bytes() {
        let data: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let fresh = deflate_fresh(&data, 4);
        assert_eq!(deflate(&data, 4), fresh);
        assert_eq!(deflate(b"other", 4).len(), deflate_fresh(b"other", 4).len());
        assert_eq!(deflate(&data, 4), fresh);
        assert_eq!(deflate(&[], 6), deflate_fresh(&[], 6));
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&fresh[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
    }

    #[test]
    fn hash_depends_on_every_byte() {
        let a = hash128(b"0123456789abcdef-");
        assert_eq!(a, hash128(b"0123456789abcdef-"));
        assert_ne!(a, hash128(b"0123456789abcdef+"));
        assert_ne!(a, hash128(b"1123456789abcdef-"));
        assert_ne!(hash128(b""), hash128(b"\0"));
    }
}
