//! Deflate with reused compressors: setting up a compressor (a few hundred
//! KB of tables) costs more than compressing one small stream, and a batch
//! compresses several streams per report.

use std::cell::RefCell;
use std::io::Write;

use flate2::{Compress, Compression, FlushCompress, Status};

/// Deflate level of content streams and the object stream, chosen by
/// measurement (2,000-person batch, zlib-rs): level 1 is zlib-rs's fastest
/// strategy and leaves PDFs 15% larger for about the same time as level 2;
/// levels 3 and 4 save 3% more for 7-15% more CPU.
pub(crate) const CONTENT_LEVEL: u32 = 2;

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

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
}
