//! A batch run owns its output folder: a lock keeps a second run out, and
//! what an earlier run left behind (its temporary files after a kill, its
//! reports of people no longer in the input) is removed, never anything
//! the earlier run's manifest does not name.

use super::manifest::FileEntry;
use crate::error::DataError;
use crate::output::{Protected, TEMP_PREFIX, TEMP_SUFFIX};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The lock file's name in OUT_DIR.
pub const LOCK: &str = ".skillgap.lock";

/// A held lock on an output folder; released (and its file removed) when
/// dropped, on every way out of the run. The kernel releases it when the
/// process dies, so a killed run never blocks the next.
#[derive(Debug)]
pub struct Lock {
    file: Option<File>,
    path: PathBuf,
}

impl Lock {
    /// Takes the lock on `dir`, or says which run holds it.
    pub fn claim(dir: &Path) -> Result<Lock, DataError> {
        let path = dir.join(LOCK);
        let fail = |message: String| DataError::Other {
            file: dir.display().to_string(),
            message,
        };
        for _ in 0..10 {
            crate::output::refuse_non_regular(&path)?;
            let mut opts = std::fs::OpenOptions::new();
            opts.read(true).write(true).create(true).truncate(false);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
            }
            let mut file = opts
                .open(&path)
                .map_err(|e| fail(format!("cannot create the lock file {LOCK}: {e}")))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    let holder = holder.trim();
                    let who = if holder.chars().all(|c| c.is_ascii_digit()) && !holder.is_empty() {
                        format!(" (process {holder})")
                    } else {
                        String::new()
                    };
                    return Err(fail(format!(
                        "another skillgap batch{who} is writing into this folder; wait for it to finish or choose another output folder"
                    )));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(fail(format!("cannot lock {LOCK}: {e}")));
                }
            }
            // The holder before us may have removed the file between our
            // open and our lock: then we locked a file nobody else sees.
            if same_inode(&file, &path) {
                let _ = file.set_len(0);
                let _ = write!(file, "{}", std::process::id());
                return Ok(Lock {
                    file: Some(file),
                    path,
                });
            }
        }
        Err(fail(format!(
            "cannot take the lock {LOCK}: it keeps changing; is another run starting here?"
        )))
    }
}

#[cfg(unix)]
fn same_inode(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &File, _: &Path) -> bool {
    true
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove while still holding the lock, then close (which unlocks);
        // a run that opened the old file meanwhile sees it is gone.
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

/// The journal's file name in OUT_DIR: while a run writes, every report
/// is listed there before it is renamed into place, so the files of a run
/// that is killed (SIGKILL, power cut) before its manifest is written are
/// still known to the next run, which takes them as its own to replace or
/// remove. A run that ends in any other way removes it.
pub const JOURNAL: &str = ".skillgap-journal";

/// Largest journal read back.
const MAX_JOURNAL_BYTES: u64 = 64 << 20;

/// The open journal of a running batch.
#[derive(Debug)]
pub struct Journal {
    file: std::sync::Mutex<File>,
    path: PathBuf,
}

impl Journal {
    /// What a killed run left in `dir`'s journal: the files it may have
    /// renamed into place.
    pub fn left_by_killed_run(dir: &Path) -> Result<Vec<FileEntry>, DataError> {
        let path = dir.join(JOURNAL);
        crate::output::refuse_non_regular(&path)?;
        Ok(crate::regular_file::read(&path, MAX_JOURNAL_BYTES)
            .map(|b| {
                String::from_utf8_lossy(&b)
                    .lines()
                    .filter_map(|l| serde_json::from_str::<FileEntry>(l).ok())
                    .filter(|e| super::manifest::is_plain_name(&e.path))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Starts this run's (empty) journal in `dir`.
    pub fn start(dir: &Path) -> Result<Journal, DataError> {
        let path = dir.join(JOURNAL);
        crate::output::refuse_non_regular(&path)?;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.custom_flags(libc::O_NOFOLLOW);
        }
        let file = opts.open(&path).map_err(|e| DataError::Other {
            file: path.display().to_string(),
            message: format!("cannot write the run's journal: {e}"),
        })?;
        Ok(Journal {
            file: std::sync::Mutex::new(file),
            path,
        })
    }

    /// Lists `entries` (files about to be renamed into place).
    pub fn record(&self, entries: &[FileEntry]) -> std::io::Result<()> {
        let mut lines = Vec::new();
        for e in entries {
            serde_json::to_writer(&mut lines, e)?;
            lines.push(b'\n');
        }
        let mut f = self.file.lock().unwrap_or_else(|p| p.into_inner());
        f.write_all(&lines)
    }

    /// Removes the journal: the manifest now says what the run wrote.
    pub fn finish(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The earlier run's team files, moved out of the way while a run writes
/// its reports, so that no reader sees them beside reports they do not
/// summarise. They are put back only when the run wrote no report (it
/// read no one); otherwise they are removed. Their names are this run's
/// temporary names, so a killed run's are removed by the next run.
#[derive(Debug, Default)]
pub struct Aside {
    /// (final path, where it waits)
    moved: Vec<(PathBuf, PathBuf)>,
}

impl Aside {
    /// Moves each of `entries` (plain names in `dir`) that still holds
    /// the bytes recorded for it.
    pub fn move_out<'a>(dir: &Path, entries: impl Iterator<Item = &'a FileEntry>) -> Aside {
        let mut moved = Vec::new();
        for (i, e) in entries.enumerate() {
            if !still_ours(dir, e) {
                continue;
            }
            let from = dir.join(&e.path);
            let to = dir.join(format!(
                "{TEMP_PREFIX}{}-aside-{i}{TEMP_SUFFIX}",
                crate::output::run_id()
            ));
            if std::fs::rename(&from, &to).is_ok() {
                moved.push((from, to));
            }
        }
        Aside { moved }
    }

    /// Puts the files back where their names are still free.
    pub fn put_back(self) {
        for (home, at) in self.moved {
            if std::fs::symlink_metadata(&home).is_err() && std::fs::rename(&at, &home).is_ok() {
                continue;
            }
            let _ = std::fs::remove_file(at);
        }
    }

    /// Removes them: the run's own team files replace them. Returns the
    /// names of those removed.
    pub fn discard(self) -> Vec<String> {
        let mut removed = Vec::new();
        for (home, at) in self.moved {
            if std::fs::remove_file(at).is_ok()
                && let Some(n) = home.file_name()
            {
                removed.push(n.to_string_lossy().to_string());
            }
        }
        removed
    }
}

/// The permission bits all of the files `names` in `dir` allow (what the
/// reports allow in common); None when there is none of them.
pub fn common_mode<'a>(dir: &Path, names: impl Iterator<Item = &'a str>) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        names
            .filter_map(|n| std::fs::symlink_metadata(dir.join(n)).ok())
            .filter(|m| m.is_file())
            .map(|m| m.permissions().mode() & 0o777)
            .reduce(|a, b| a & b)
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, names);
        None
    }
}

/// Takes from each of the files `names` in `dir` the permission bits
/// `mode` does not allow: errors.csv and the team files are never more
/// widely readable than the reports they list and summarise.
pub fn narrow_mode<'a>(dir: &Path, names: impl Iterator<Item = &'a str>, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for n in names {
            let p = dir.join(n);
            if let Ok(m) = std::fs::symlink_metadata(&p)
                && m.is_file()
            {
                let now = m.permissions().mode() & 0o777;
                if now & !mode != 0 {
                    let _ =
                        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(now & mode));
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (dir, names, mode);
}

/// Removes the temporary files of the run `run_id` (a run that was killed
/// before it could clean up); returns how many.
pub fn remove_temps_of(dir: &Path, run_id: &str) -> usize {
    let prefix = format!("{TEMP_PREFIX}{run_id}-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with(&prefix)
            && name.ends_with(TEMP_SUFFIX)
            && e.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// What became of the files a run set out to remove.
#[derive(Debug, Default, PartialEq)]
pub struct Removal {
    /// Removed: they still held the bytes the manifest recorded.
    pub removed: Vec<String>,
    /// Kept: they no longer hold those bytes (someone replaced or edited
    /// them), so they are not the run's to remove.
    pub changed: Vec<String>,
}

/// True when `entry` (a plain name inside `dir`) is a regular file that
/// still holds exactly the bytes the manifest recorded for it.
pub fn still_ours(dir: &Path, entry: &FileEntry) -> bool {
    if !super::manifest::is_plain_name(&entry.path) {
        return false;
    }
    let path = dir.join(&entry.path);
    let same_size = std::fs::symlink_metadata(&path)
        .is_ok_and(|m| m.file_type().is_file() && m.len() == entry.bytes);
    // The size is checked first so a file that grew is never read whole.
    same_size
        && crate::regular_file::read(&path, entry.bytes)
            .is_ok_and(|b| super::manifest::sha256_hex(&b) == entry.sha256)
}

/// Removes the files of `entries` (plain names inside `dir`) that are
/// regular files, not protected, and still hold the bytes recorded for
/// them; a file that changed is kept and reported.
pub fn remove_owned<'a>(
    dir: &Path,
    entries: impl Iterator<Item = &'a FileEntry>,
    protected: &Protected,
) -> Removal {
    let mut r = Removal::default();
    for entry in entries {
        let name = &entry.path;
        if !super::manifest::is_plain_name(name) {
            continue;
        }
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_err() || protected.clash(&path).is_some() {
            continue;
        }
        if !still_ours(dir, entry) {
            r.changed.push(name.clone());
        } else if std::fs::remove_file(&path).is_ok() {
            r.removed.push(name.clone());
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::claim(dir.path()).unwrap();
        let e = Lock::claim(dir.path()).unwrap_err();
        assert!(e.to_string().contains("another skillgap batch"), "{e}");
        drop(first);
        assert!(!dir.path().join(LOCK).exists());
        let again = Lock::claim(dir.path()).unwrap();
        drop(again);
    }

    #[test]
    fn only_named_temps_and_owned_regular_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for n in [
            ".skillgap-0badcafe-0011223344556677.tmp",
            ".skillgap-12345678-0011223344556677.tmp",
            "ana.pdf",
            "mine.txt",
            "input.csv",
        ] {
            std::fs::write(d.join(n), "x").unwrap();
        }
        assert_eq!(remove_temps_of(d, "0badcafe"), 1);
        assert!(d.join(".skillgap-12345678-0011223344556677.tmp").exists());
        std::fs::write(d.join("edited.pdf"), "mine now").unwrap();
        let mut p = Protected::default();
        p.file(&d.join("input.csv"), "the input file");
        let entries: Vec<FileEntry> = ["ana.pdf", "input.csv", "../x", "gone.pdf", "edited.pdf"]
            .iter()
            .map(|n| FileEntry::of(*n, b"x"))
            .collect();
        let r = remove_owned(d, entries.iter(), &p);
        assert_eq!(r.removed, ["ana.pdf"]);
        // A file whose bytes are no longer the recorded ones is the user's.
        assert_eq!(r.changed, ["edited.pdf"]);
        assert!(d.join("edited.pdf").exists());
        assert!(d.join("input.csv").exists() && d.join("mine.txt").exists());
    }
}
