//! Writing results: atomically to a file (temp file + rename, so a reader
//! never sees half a report) or to standard output.

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` via a temporary file in the same folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    // `create_new` never follows a link planted at the temporary name nor
    // truncates another file; a name that is taken is skipped.
    let mut tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut created = Err(std::io::ErrorKind::AlreadyExists.into());
    for n in 0..100 {
        created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp);
        match &created {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
            }
            _ => break,
        }
    }
    let mut own_tmp = false;
    let result = (|| -> std::io::Result<()> {
        let mut f = created?;
        own_tmp = true;
        // No fsync: rename already guarantees readers never see half a
        // file when a run is interrupted, and syncing every report of a
        // large batch would cost more than rendering it.
        f.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() && own_tmp {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| {
        format!(
            "{}: cannot write the output; check that the folder exists and is writable",
            path.display()
        )
    })
}

/// Longest slug, in characters; long names stay readable and within every
/// file system's limits once a suffix and extension are added.
const SLUG_MAX: usize = 60;

/// A file-name-safe form of a person's name: letters and digits (any
/// script) lower-cased, everything else collapsed to `-`. Never empty,
/// never a path, never a reserved Windows device name.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
        if s.chars().count() >= SLUG_MAX {
            break;
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        return "report".into();
    }
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&s.as_str()) {
        format!("{s}-person")
    } else {
        s
    }
}

/// Writes to standard output, treating a closed pipe as success.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Łukasz Żółć"), "łukasz-żółć");
        assert_eq!(slug("../../etc/x"), "etc-x");
        assert_eq!(slug("a/b"), "a-b");
        assert_eq!(slug("CON"), "con-person");
        assert_eq!(slug("  "), "report");
        assert_eq!(slug("李雷"), "李雷");
        assert!(slug(&"x".repeat(300)).chars().count() <= SLUG_MAX);
        assert_eq!(slug("=cmd|' /C calc'!A0"), "cmd-c-calc-a0");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn planted_temp_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let tmp = dir
            .path()
            .join(format!(".r.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &tmp).unwrap();
        write_atomic(&dir.path().join("r.json"), b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(dir.path().join("r.json")).unwrap(), b"new");
    }

    #[test]
    fn unwritable_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing").join("r.json");
        let e = write_atomic(&p, b"x").unwrap_err();
        assert!(format!("{e:#}").contains("cannot write"));
    }
}
