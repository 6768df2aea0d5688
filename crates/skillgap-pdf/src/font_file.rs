//! Reading a font file the user named or a font folder offered: only a
//! regular file, never more than the limit. `--font /dev/zero` or a FIFO in
//! a font folder would otherwise fill memory or hang a run.

use std::io::Read;
use std::path::Path;

/// Reads the regular file at `path` (links followed, as a user's own
/// `--font` may be one), refusing anything else and anything over `limit`
/// bytes without reading more than `limit` + 1 bytes.
pub(crate) fn read(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "not a regular file; give the path of a font file",
        ));
    }
    let too_big = || {
        std::io::Error::other(format!(
            "larger than the {} MB limit for a font",
            limit >> 20
        ))
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn refuses_folders_and_oversized_files() {
        let dir = std::env::temp_dir();
        assert!(read(&dir, 1 << 20).is_err());
        let own = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        assert!(read(&own, 1 << 20).is_ok());
        let err = read(&own, 10).unwrap_err().to_string();
        assert!(err.contains("limit"), "{err}");
    }
}
