//! The parts of a PDF file that `pdf-writer` leaves to its user: object
//! numbers, the object stream that holds the many small dictionaries of a
//! tagged report deflated together, the cross-reference entries that point
//! into it, and the trailer `/ID`.

use std::io::Write;

use pdf_writer::{Chunk, Filter, Name, Pdf, Ref, Settings};

use super::compress::{CONTENT_LEVEL, deflate};

/// The trailer `/ID`: a fast 128-bit hash of the bytes written before it
/// (XXH3, a published algorithm whose output is fixed by its
/// specification, so the same document always gets the same `/ID`; not
/// for trust).
pub(crate) fn hash128(data: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(data)
}

/// Object numbers, handed out in order.
pub(crate) struct Refs(pub(crate) i32);

impl Refs {
    pub(crate) fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Objects bound for one object stream: written by `pdf-writer` into a
/// chunk of their own, then moved into a compressed `/ObjStm`.
pub(crate) struct Packed {
    chunk: Chunk,
    /// Each object and where its bytes start in `chunk`.
    starts: Vec<(Ref, usize)>,
}

impl Packed {
    pub(crate) fn new() -> Self {
        Self {
            chunk: Chunk::with_settings_and_capacity(Settings { pretty: false }, 32 * 1024),
            starts: Vec::with_capacity(128),
        }
    }

    /// The chunk to write object `id` into, right now.
    pub(crate) fn at(&mut self, id: Ref) -> &mut Chunk {
        self.starts.push((id, self.chunk.len()));
        &mut self.chunk
    }

    /// Writes the object streams into `pdf` (one per [`PER_STREAM`]
    /// objects: an index in the cross-reference stream has two bytes);
    /// returns (object, its object stream, index in it) of every packed
    /// object.
    pub(crate) fn write(self, pdf: &mut Pdf, refs: &mut Refs) -> Vec<(Ref, Ref, usize)> {
        let bytes = self.chunk.as_bytes();
        let mut placed = Vec::with_capacity(self.starts.len());
        let mut header = Vec::with_capacity(self.starts.len().min(PER_STREAM) * 10);
        let mut body = Vec::with_capacity(bytes.len());
        for (n, group) in self.starts.chunks(PER_STREAM).enumerate() {
            let id = refs.next();
            header.clear();
            body.clear();
            for (i, &(obj, start)) in group.iter().enumerate() {
                let end = self
                    .starts
                    .get(n * PER_STREAM + i + 1)
                    .map_or(bytes.len(), |next| next.1);
                // `N 0 obj\n` … `\nendobj\n`, as pdf-writer writes every
                // indirect object: the part between is the object.
                let mut one = &bytes[start..end];
                if let Some(p) = one.iter().position(|&b| b == b'\n') {
                    one = &one[p + 1..];
                }
                one = one.strip_suffix(b"\nendobj\n").unwrap_or(one);
                if i > 0 {
                    header.push(b' ');
                }
                // Writing to a Vec cannot fail.
                let _ = write!(header, "{} {}", obj.get(), body.len());
                body.extend_from_slice(one);
                body.push(b'\n');
                placed.push((obj, id, i));
            }
            header.push(b'\n');
            let first = header.len();
            header.extend_from_slice(&body);
            let data = deflate(&header, CONTENT_LEVEL);
            pdf.stream(id, &data)
                .filter(Filter::FlateDecode)
                .pair(Name(b"Type"), Name(b"ObjStm"))
                .pair(Name(b"N"), group.len() as i32)
                .pair(Name(b"First"), first as i32);
        }
        placed
    }
}

/// Most objects in one object stream.
const PER_STREAM: usize = 0xFFFF;

/// Turns the free entries `pdf-writer` wrote for packed objects into
/// "compressed object" entries (type 2: object stream, index).
pub(crate) fn patch_xref(rows: &[u8], size: usize, packed: &[(Ref, Ref, usize)]) -> Vec<u8> {
    let mut out = rows.to_vec();
    let width = rows.len().checked_div(size).unwrap_or(0);
    if width < 4 {
        return out;
    }
    let field = width - 3;
    let put = |row: &mut [u8], v: u64| {
        let b = v.to_be_bytes();
        row[1..1 + field].copy_from_slice(&b[8 - field..]);
    };
    for &(obj, objstm, i) in packed {
        let n = obj.get() as usize;
        let Some(row) = out.get_mut(n * width..(n + 1) * width) else {
            continue;
        };
        row[0] = 2;
        put(row, objstm.get() as u64);
        row[width - 2..].copy_from_slice(&(i as u16).to_be_bytes());
    }
    // No object is free any more but 0, the head of the free list.
    if let Some(row) = out.get_mut(..width) {
        put(row, 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_depends_on_every_byte() {
        let a = hash128(b"0123456789abcdef-");
        assert_eq!(a, hash128(b"0123456789abcdef-"));
        assert_ne!(a, hash128(b"0123456789abcdef+"));
        assert_ne!(a, hash128(b"1123456789abcdef-"));
        assert_ne!(hash128(b""), hash128(b"\0"));
        // The specification's value: the same /ID on every machine.
        assert_eq!(hash128(b""), 0x99aa_06d3_0147_98d8_6001_c324_468d_497f);
    }

    #[test]
    fn packed_objects_get_compressed_xref_entries() {
        // Rows of width 1 + 2 + 2 for objects 0..4; 2 and 3 are packed
        // into object stream 4 at indexes 0 and 1.
        let rows = [
            0, 0, 0, 0xFF, 0xFF, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 9, 0, 0,
        ];
        let four = Ref::new(4);
        let out = patch_xref(&rows, 5, &[(Ref::new(2), four, 0), (Ref::new(3), four, 1)]);
        assert_eq!(&out[..5], &[0, 0, 0, 0xFF, 0xFF]);
        assert_eq!(&out[10..15], &[2, 0, 4, 0, 0]);
        assert_eq!(&out[15..20], &[2, 0, 4, 0, 1]);
        assert_eq!(&out[20..], &rows[20..]);
    }
}
