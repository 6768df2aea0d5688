//! Writing results: atomically to a file (temp file + rename, so a reader
//! never sees half a report) or to standard output.

mod guard;

pub use guard::{Protected, refuse_non_regular, same_file};

use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

/// This process's run id: 8 hex digits, random per process, named in the
/// temporary files it creates so a later run can tell them apart.
pub fn run_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        // RandomState is seeded from the OS per process: no clock read.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        format!("{:08x}", h.finish() as u32)
    })
}

/// Prefix of every temporary file; with the run id it names one run's.
pub const TEMP_PREFIX: &str = ".skillgap-";

/// Suffix of every temporary file.
pub const TEMP_SUFFIX: &str = ".tmp";

/// The temporary name for `final_name`, try `n`: short and of fixed
/// length (`.skillgap-RUNID-HASH.tmp`), whatever the final name, so a
/// long name never exceeds the file system's limit.
fn temp_name(final_name: &str, n: u32) -> String {
    let h = crate::text::stable_hash(&format!("{final_name}\0{n}"));
    format!("{TEMP_PREFIX}{}-{h:016x}{TEMP_SUFFIX}", run_id())
}

/// Writes `bytes` to `path` via a temporary file in the same folder.
///
/// Only a regular file is replaced (a device, FIFO, socket or link at
/// `path` is refused), and it keeps its permissions; a new file gets the
/// umask's. On any error the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_all(&[(path, bytes)])
}

/// Writes several files so that all of them or none of them are replaced:
/// every one is written to its temporary file first, and only when all
/// were written are they renamed into place, one after the other (a
/// signal only sets a flag, so nothing runs between the renames).
pub fn write_atomic_all(files: &[(&Path, &[u8])]) -> anyhow::Result<()> {
    // While temporary files exist, SIGINT and SIGTERM wait: a command that
    // does not handle them (`report`) would otherwise die with a temporary
    // file on disk. They are delivered when this returns.
    let _held = SignalsHeld::new();
    let mut temps: Vec<std::path::PathBuf> = Vec::with_capacity(files.len());
    let result = (|| -> anyhow::Result<()> {
        for (path, bytes) in files {
            refuse_non_regular(path)?;
            let tmp = write_temp(path, bytes).with_context(|| cannot_write(path))?;
            temps.push(tmp);
        }
        // Each file replaced keeps a link to its old bytes until all are
        // in place: a rename that fails puts every earlier one back.
        let mut done: Vec<(&Path, Option<std::path::PathBuf>)> = Vec::new();
        for (i, (path, _)) in files.iter().enumerate() {
            let backup = keep_old(path);
            if let Err(e) = std::fs::rename(&temps[i], path) {
                if let Some(b) = backup {
                    let _ = std::fs::remove_file(b);
                }
                roll_back(&done);
                return Err(e).with_context(|| cannot_write(path));
            }
            temps[i] = std::path::PathBuf::new();
            done.push((path, backup));
        }
        for (_, b) in done {
            if let Some(b) = b {
                let _ = std::fs::remove_file(b);
            }
        }
        Ok(())
    })();
    if result.is_err() {
        for t in temps.iter().filter(|t| !t.as_os_str().is_empty()) {
            let _ = std::fs::remove_file(t);
        }
    }
    result
}

/// A hard link to the regular file at `path` under a temporary name, so
/// its bytes can be put back; None when there is no such file (or the
/// folder allows no links).
fn keep_old(path: &Path) -> Option<std::path::PathBuf> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name()?.to_string_lossy().to_string() + "\0old";
    (0..100).find_map(|n| {
        let b = dir.join(temp_name(&name, n));
        std::fs::hard_link(path, &b).ok().map(|()| b)
    })
}

/// Undoes the renames of `done`, last first: the old file back where
/// there was one, the new one removed where there was none.
fn roll_back(done: &[(&Path, Option<std::path::PathBuf>)]) {
    for (path, backup) in done.iter().rev() {
        match backup {
            Some(b) => {
                let _ = std::fs::rename(b, path);
            }
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// Blocks SIGINT, SIGTERM and SIGHUP for the current thread until dropped.
struct SignalsHeld {
    #[cfg(unix)]
    old: Option<libc::sigset_t>,
}

impl SignalsHeld {
    fn new() -> Self {
        #[cfg(unix)]
        // SAFETY: plain signal-mask calls on sets this function owns.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            let mut old: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                libc::sigaddset(&mut set, sig);
            }
            let ok = libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old) == 0;
            SignalsHeld {
                old: ok.then_some(old),
            }
        }
        #[cfg(not(unix))]
        SignalsHeld {}
    }
}

impl Drop for SignalsHeld {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(old) = self.old {
            // SAFETY: restores the mask saved in `new`.
            unsafe {
                libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
            }
        }
    }
}

/// Gives the new file `f` the owner and group of the file it replaces
/// (`old`). Where the process may not, a file of another user is not
/// replaced (it would become this user's); a group that cannot be kept
/// is left as the folder gives it.
fn keep_owner(f: &std::fs::File, old: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(m) = old {
        use std::os::unix::fs::MetadataExt;
        let now = f.metadata()?;
        if (now.uid(), now.gid()) == (m.uid(), m.gid()) {
            return Ok(());
        }
        if std::os::unix::fs::fchown(f, Some(m.uid()), Some(m.gid())).is_err() {
            if now.uid() != m.uid() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    format!(
                        "the file there belongs to user {} and this process may not keep that; it is not replaced",
                        m.uid()
                    ),
                ));
            }
            let _ = std::os::unix::fs::fchown(f, None, Some(m.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (f, old);
    Ok(())
}

fn cannot_write(path: &Path) -> String {
    format!(
        "{}: cannot write the output; check that the folder exists, is writable and has space",
        path.display()
    )
}

/// Writes `bytes` to a new temporary file beside `path`, with the
/// permissions of the file it will replace; returns its path.
fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<std::path::PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    let old = std::fs::metadata(path).ok().filter(|m| m.is_file());
    let kept = old.as_ref().map(|m| m.permissions());
    // `create_new` never follows a link planted at the temporary name nor
    // truncates another file; a name that is taken is skipped.
    let mut n = 0;
    let (tmp, mut f) = loop {
        let tmp = dir.join(temp_name(&name, n));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    // No fsync: rename already guarantees readers never see half a file
    // when a run is interrupted, and syncing every report of a large
    // batch would cost more than rendering it.
    let written = f
        .write_all(bytes)
        .and_then(|()| f.flush())
        .and_then(|()| match kept {
            Some(perms) => f.set_permissions(perms),
            None => Ok(()),
        })
        .and_then(|()| keep_owner(&f, old.as_ref()));
    drop(f);
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Longest slug, in characters; long names stay readable and within every
/// file system's limits once a suffix and extension are added.
const SLUG_MAX: usize = 60;

/// Longest slug, in bytes: file systems count a name's 255 in bytes, and
/// 60 four-byte characters with `team-summary-` and `.pdf` around them
/// would be 257.
const SLUG_MAX_BYTES: usize = 120;

/// A file-name-safe form of a person's name: letters and digits (any
/// script) lower-cased, everything else collapsed to `-`. Never empty,
/// never a path, never a reserved Windows device name.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        let before = s.len();
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
        if s.len() > SLUG_MAX_BYTES {
            s.truncate(before);
            break;
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

/// Standard output was closed when the process started.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes whether standard output was closed when the process started
/// (`>&-`), for [`write_stdout`]. Rust's runtime has by then opened
/// /dev/null, read-write, on every closed standard descriptor (so no file
/// the run opens takes its number); a shell's `> /dev/null` opens it
/// write-only. Call first thing in `main`.
pub fn guard_standard_streams() {
    #[cfg(unix)]
    // SAFETY: fcntl and fstat only read the descriptor's flags and status.
    unsafe {
        let flags = libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL);
        let mut st: libc::stat = std::mem::zeroed();
        let closed = flags == -1
            || (flags & libc::O_ACCMODE == libc::O_RDWR
                && libc::fstat(libc::STDOUT_FILENO, &mut st) == 0
                && st.st_mode & libc::S_IFMT == libc::S_IFCHR
                && st.st_rdev == libc::makedev(1, 3));
        STDOUT_CLOSED.store(closed, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Writes to standard output, treating a closed pipe as success (the
/// reader stopped reading: `| head`). A standard output that is not open
/// at all (`>&-`) is an error: Rust's stdout would swallow every write to
/// it, and the report would be lost without a word.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        anyhow::bail!(
            "standard output is closed, so nothing was written; give -o FILE or leave standard output open"
        );
    }
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
        // Capped in bytes too: 70 four-byte letters would make a group
        // summary's name 257 bytes.
        let wide = slug(&"\u{10348}".repeat(70));
        assert!(
            wide.len() <= SLUG_MAX_BYTES && wide.len().is_multiple_of(4),
            "{wide}"
        );
        assert!(format!("team-summary-{wide}-99.pdf").len() <= 255);
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
        let tmp = dir.path().join(temp_name("r.json", 0));
        std::os::unix::fs::symlink(&victim, &tmp).unwrap();
        write_atomic(&dir.path().join("r.json"), b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(dir.path().join("r.json")).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn replaced_files_keep_their_mode_and_temp_names_are_short() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.pdf");
        write_atomic(&p, b"one").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"two").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let long = "\u{10348}".repeat(60) + ".pdf";
        assert_eq!(temp_name(&long, 0).len(), temp_name("a", 7).len());
        assert!(temp_name(&long, 0).len() < 48);
        write_atomic(&dir.path().join("\u{10348}".repeat(60) + ".pdf"), b"x").unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_links_are_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let link = dir.path().join("out.pdf");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = write_atomic(&link, b"new").unwrap_err();
        assert!(format!("{e:#}").contains("symbolic link"), "{e:#}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn signals_wait_while_temporary_files_exist_and_are_released_after() {
        fn blocked() -> bool {
            unsafe {
                let mut cur: libc::sigset_t = std::mem::zeroed();
                libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut cur);
                libc::sigismember(&cur, libc::SIGINT) == 1
            }
        }
        assert!(!blocked());
        {
            let _held = SignalsHeld::new();
            assert!(blocked());
        }
        assert!(!blocked());
        let dir = tempfile::tempdir().unwrap();
        write_atomic(&dir.path().join("x"), b"x").unwrap();
        assert!(!blocked());
    }

    #[test]
    fn files_written_together_are_rolled_back_together() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("team-summary.csv");
        let b = dir.path().join("team-skills.csv");
        std::fs::write(&a, b"old a").unwrap();
        // A name over 255 bytes: its temporary file is written, its
        // rename fails, after the first file was renamed into place.
        let long = dir.path().join("x".repeat(300));
        let e = write_atomic_all(&[(&a, b"new a"), (&b, b"new b"), (&long, b"c")]).unwrap_err();
        assert!(format!("{e:#}").contains("cannot write"), "{e:#}");
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert!(!b.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic_all(&[(&a, b"new a"), (&b, b"new b")]).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_owner() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.pdf");
        std::fs::write(&p, b"theirs").unwrap();
        // Only root can give a file away; as another user this test has
        // no second owner to check with.
        if std::os::unix::fs::chown(&p, Some(65534), Some(65534)).is_err() {
            return;
        }
        write_atomic(&p, b"new").unwrap();
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!((m.uid(), m.gid()), (65534, 65534));
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[test]
    fn unwritable_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing").join("r.json");
        let e = write_atomic(&p, b"x").unwrap_err();
        assert!(format!("{e:#}").contains("cannot write"));
    }
}
