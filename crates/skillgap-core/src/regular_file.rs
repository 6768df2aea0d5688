//! Reading files that may be hostile: only regular files are opened, the
//! size is checked before reading and never more than the limit is read.
//! A FIFO would hang a run and a link to `/dev/zero` would fill memory.

use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A folder, device, FIFO or socket.
    #[error("is {0}, not a regular file; give the path of a file")]
    NotRegular(&'static str),
    /// Larger than the caller's limit.
    #[error("is {} MB, larger than the {} MB limit", mb(*size), mb(*limit))]
    TooBig {
        /// Bytes the file has (at least).
        size: u64,
        /// Largest size accepted.
        limit: u64,
    },
    /// The file system said no.
    #[error("cannot read the file; check the path and permissions ({0})")]
    Io(#[from] std::io::Error),
}

fn mb(b: u64) -> u64 {
    b.div_ceil(1 << 20)
}

/// What kind of non-regular file `ft` is, for messages.
pub fn kind(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Reads the regular file at `path` (links followed), refusing anything
/// else and anything larger than `limit` bytes, without reading more than
/// `limit` + 1 bytes whatever the file claims.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooBig {
            size: meta.len(),
            limit,
        });
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    // The file may have been swapped for a FIFO since it was checked:
    // opening without blocking, then checking what was opened, closes
    // that gap.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind(meta.file_type())));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(read(&p, 5).unwrap(), b"hello");
        assert!(matches!(read(&p, 4), Err(ReadError::TooBig { .. })));
        assert!(matches!(
            read(dir.path(), 100),
            Err(ReadError::NotRegular("a folder"))
        ));
        assert!(matches!(
            read(&dir.path().join("none"), 100),
            Err(ReadError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_links_to_them_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read(&link, 1 << 30).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        let fifo = dir.path().join("f.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read(&fifo, 100).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
    }
}
