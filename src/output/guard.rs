//! What an output may replace: only a regular file, and never a file the
//! same run reads (an input, a template, a font, a `--previous` file).

use crate::error::DataError;
use std::path::{Path, PathBuf};

/// Refuses an output path that exists and is not a regular file: writing
/// would replace a device node, a FIFO, a socket or a link (the link
/// itself, not what it points to) with a regular file.
pub fn refuse_non_regular(path: &Path) -> Result<(), DataError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => Err(DataError::Other {
            file: path.display().to_string(),
            message: format!(
                "is {}; only a regular file is replaced by an output. Choose another path (or `-o -` for standard output)",
                crate::regular_file::kind(m.file_type())
            ),
        }),
        _ => Ok(()),
    }
}

/// The same file by path (links resolved) or, on Unix, by device and
/// inode, so a hard link is caught too.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Device and inode of a file.
type FileId = (u64, u64);

/// Identity of an existing file: (device, inode) on Unix.
fn identity(p: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = p;
        None
    }
}

/// The files and folders a run reads; its outputs must replace none of them.
#[derive(Debug, Default, Clone)]
pub struct Protected {
    /// (canonical path, identity, what it is: "the input file").
    files: Vec<(PathBuf, Option<FileId>, String)>,
    /// Folders nothing may be written into (the templates).
    dirs: Vec<(PathBuf, String)>,
}

impl Protected {
    /// Protects the file at `path`, described as `what` in messages.
    pub fn file(&mut self, path: &Path, what: &str) {
        if let Ok(c) = std::fs::canonicalize(path) {
            self.files.push((c, identity(path), what.to_string()));
        }
    }

    /// Protects every file inside the folder at `path`.
    pub fn dir(&mut self, path: &Path, what: &str) {
        if let Ok(c) = std::fs::canonicalize(path) {
            self.dirs.push((c, what.to_string()));
        }
    }

    /// What an output at `out` would replace that the run reads ("the
    /// input file"), if anything.
    pub fn clash(&self, out: &Path) -> Option<String> {
        // The folder's canonical form catches `dir/../dir/x` and links to
        // the folder; a new file cannot be an input by identity.
        let canonical = std::fs::canonicalize(out).ok().or_else(|| {
            let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
            let dir = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()?;
            Some(dir.join(out.file_name()?))
        });
        let id = identity(out);
        for (path, pid, what) in &self.files {
            if canonical.as_ref() == Some(path) || (id.is_some() && id == *pid) {
                return Some(what.clone());
            }
        }
        let c = canonical?;
        self.dirs
            .iter()
            .find(|(dir, _)| c.starts_with(dir))
            .map(|(_, what)| format!("inside {what}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_may_not_replace_inputs_links_or_templates() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("team.csv");
        std::fs::write(&input, "x").unwrap();
        let tpl = dir.path().join("tpl");
        std::fs::create_dir(&tpl).unwrap();
        let mut p = Protected::default();
        p.file(&input, "the input file");
        p.dir(&tpl, "the --templates folder");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let e = p.clash(&dir.path().join("sub/../team.csv")).unwrap();
        assert_eq!(e, "the input file");
        assert_eq!(
            p.clash(&tpl.join("roles.toml")).unwrap(),
            "inside the --templates folder"
        );
        assert_eq!(p.clash(&dir.path().join("out.pdf")), None);
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.csv");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(p.clash(&hard).is_some());
            let link = dir.path().join("link.pdf");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(refuse_non_regular(&link).is_err());
            assert!(refuse_non_regular(Path::new("/dev/null")).is_err());
            assert!(refuse_non_regular(&input).is_ok());
            assert!(refuse_non_regular(&dir.path().join("new.pdf")).is_ok());
        }
    }
}
