//! `manifest.json`: what a batch run wrote into its folder, from what and
//! how, and whether it finished. It is written last, so a later run knows
//! which files are its own to replace or remove, and which are not.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's file name in OUT_DIR.
pub const MANIFEST: &str = "manifest.json";

/// [`Manifest::kind`] of a folder `team-summary` wrote.
pub const MERGE_KIND: &str = "team-summary";

/// Format of the manifest; a later version may add fields.
pub const MANIFEST_VERSION: u32 = 1;

/// Largest manifest read back (10,000 people × two files fit in 4 MB).
const MAX_MANIFEST_BYTES: u64 = 64 << 20;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Still running, or killed (SIGKILL, power cut) before it could say.
    Running,
    /// Every person was handled and the team files written.
    Complete,
    /// Stopped early (signal or write error); run again to finish.
    Interrupted,
}

/// A file the run wrote (or, for inputs, read).
///
/// Two hashes, for two purposes. `sha256` is the one to trust: a reader
/// who keeps the manifest (or its own SHA-256) somewhere safe can prove
/// with `sha256sum` that no file was altered, on purpose or not. `xxh3`
/// only detects accidental change (a file rewritten, truncated or mixed up
/// with another run's) and is what `team-summary` checks each report by,
/// at a small part of the cost: that check is no guard against tampering
/// whatever the hash, as whoever can change a report in the folder can
/// change the manifest next to it too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Name inside OUT_DIR (outputs) or path as given (inputs).
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// XXH3-64, lower-case hex; absent in manifests of earlier releases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xxh3: Option<String>,
}

impl FileEntry {
    /// The entry for `bytes` stored at `path`.
    pub fn of(path: impl Into<String>, bytes: &[u8]) -> Self {
        FileEntry {
            path: path.into(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
            xxh3: Some(xxh3_hex(bytes)),
        }
    }

    /// Whether `bytes` are this file's, as far as an accidental change
    /// goes: the size and the XXH3, or the SHA-256 where the entry has no
    /// XXH3 (an earlier release's manifest).
    pub fn unchanged(&self, bytes: &[u8]) -> bool {
        self.bytes == bytes.len() as u64
            && match &self.xxh3 {
                Some(x) => *x == xxh3_hex(bytes),
                None => self.sha256 == sha256_hex(bytes),
            }
    }
}

/// XXH3-64 of `bytes` as 16 lower-case hex digits.
pub fn xxh3_hex(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The manifest itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_VERSION`].
    pub manifest_version: u32,
    /// What wrote the folder: absent for `batch`, [`MERGE_KIND`] for
    /// `team-summary`. Neither command writes into the other's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// How the run ended.
    pub status: Status,
    /// While running: the run id in the names of its temporary files, so
    /// the next run can remove those a killed run left behind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// The options that shape the output.
    pub options: BTreeMap<String, String>,
    /// Inputs read, in order.
    pub inputs: Vec<FileEntry>,
    /// People handled: written and failed.
    #[serde(default)]
    pub people: Option<Counts>,
    /// Files in OUT_DIR this run owns, by name.
    pub files: Vec<FileEntry>,
    /// Of them, the per-group team summaries (`--group-by`): team files,
    /// written and removed with the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_files: Vec<String>,
    /// People in the whole input per shard, shard 1 first (one entry when
    /// the run is not sharded): how many people a missing shard holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shard_sizes: Vec<usize>,
    /// Each report's place in the input, by slug, counted over every
    /// shard: team-summary merges shards back into the input's order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub order: BTreeMap<String, u64>,
    /// Of `files`, reports an earlier run wrote for people whose rows
    /// failed in this run: kept as their last good report, but stale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<String>,
}

/// How many people were written and how many failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Reports written.
    pub written: usize,
    /// People whose report failed (listed in errors.csv).
    pub failed: usize,
}

impl Manifest {
    /// Reads the manifest in `dir`: `Ok(None)` when there is none,
    /// `Err(why)` when one is there but cannot be used.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(MANIFEST);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Ok(m) if !m.file_type().is_file() => {
                return Err(format!("is {}", crate::regular_file::kind(m.file_type())));
            }
            _ => {}
        }
        let bytes =
            crate::regular_file::read(&path, MAX_MANIFEST_BYTES).map_err(|e| e.to_string())?;
        let m: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| format!("is not a skillgap manifest ({e})"))?;
        if m.manifest_version != MANIFEST_VERSION {
            return Err(format!(
                "has manifest_version {}; this skillgap writes {MANIFEST_VERSION}",
                m.manifest_version
            ));
        }
        // Names are plain file names inside the folder: a manifest that
        // names `../x` or `/etc/x` must not make a run remove them.
        if m.files.iter().any(|f| !is_plain_name(&f.path))
            || m.group_files.iter().any(|f| !is_plain_name(f))
        {
            return Err("names a file outside its folder".into());
        }
        Ok(Some(m))
    }

    /// True for the manifest of a `team-summary` folder.
    pub fn is_merge(&self) -> bool {
        self.kind.as_deref() == Some(MERGE_KIND)
    }

    /// `--shard K/N` as recorded in the options; `(1, 1)` for a run that
    /// was not sharded; `None` when the record cannot be read.
    pub fn shard(&self) -> Option<(u64, u64)> {
        let Some(s) = self.options.get("shard") else {
            return Some((1, 1));
        };
        let (k, n) = s.split_once('/')?;
        let (k, n) = (k.parse().ok()?, n.parse().ok()?);
        (k >= 1 && k <= n).then_some((k, n))
    }

    /// The bytes to write: pretty JSON, files sorted by name.
    pub fn to_bytes(&self) -> anyhow::Result<Vec<u8>> {
        let mut m = self.clone();
        m.files.sort_by(|a, b| a.path.cmp(&b.path));
        m.files.dedup_by(|a, b| a.path == b.path);
        m.group_files.sort();
        m.group_files.dedup();
        m.stale.sort();
        m.stale.dedup();
        let mut out = serde_json::to_vec_pretty(&m)?;
        out.push(b'\n');
        Ok(out)
    }
}

/// SHA-256 over the template files in force (the built-in ones overlaid
/// by `dir`), by relative path: the same for the same templates wherever
/// their folder is.
pub fn templates_sha256(dir: Option<&Path>) -> Result<String, crate::catalog::CatalogError> {
    let mut files = crate::catalog::TemplateFiles::embedded();
    if let Some(dir) = dir {
        files.overlay(dir)?;
    }
    let mut all = Vec::new();
    for f in files.under("") {
        all.extend_from_slice(&(f.text.len() as u64).to_le_bytes());
        all.extend_from_slice(f.text.as_bytes());
    }
    Ok(sha256_hex(&all))
}

/// A single file name: no folder part, not `.` or `..`.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0'])
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[&str]) -> Manifest {
        Manifest {
            manifest_version: MANIFEST_VERSION,
            kind: None,
            status: Status::Complete,
            run_id: None,
            options: BTreeMap::new(),
            inputs: vec![],
            people: None,
            files: files.iter().map(|f| FileEntry::of(*f, b"x")).collect(),
            group_files: vec![],
            shard_sizes: vec![],
            order: BTreeMap::new(),
            stale: vec![],
        }
    }

    #[test]
    fn round_trips_and_sorts() {
        let dir = tempfile::tempdir().unwrap();
        let m = manifest(&["b.pdf", "a.pdf"]);
        std::fs::write(dir.path().join(MANIFEST), m.to_bytes().unwrap()).unwrap();
        let back = Manifest::read(dir.path()).unwrap().unwrap();
        assert_eq!(back.files[0].path, "a.pdf");
        assert_eq!(back.status, Status::Complete);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_change_is_seen_by_xxh3_or_by_sha256_in_older_manifests() {
        let e = FileEntry::of("a.json", b"{}");
        assert_eq!(e.xxh3.as_deref().map(str::len), Some(16));
        assert!(e.unchanged(b"{}"));
        assert!(!e.unchanged(b"[]"), "same size, other bytes");
        assert!(!e.unchanged(b"{} "));
        // An earlier release's entry has only the SHA-256.
        let old: FileEntry = serde_json::from_str(&format!(
            r#"{{"path":"a.json","bytes":2,"sha256":"{}"}}"#,
            sha256_hex(b"{}")
        ))
        .unwrap();
        assert!(old.unchanged(b"{}") && !old.unchanged(b"[]"));
        // Whichever hash an entry has decides: a wrong XXH3 is a change
        // even when the SHA-256 matches.
        let wrong = FileEntry {
            xxh3: Some("0".repeat(16)),
            ..e
        };
        assert!(!wrong.unchanged(b"{}"));
    }

    #[test]
    fn manifests_naming_other_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::read(dir.path()).unwrap(), None);
        let m = manifest(&["../victim"]);
        std::fs::write(dir.path().join(MANIFEST), m.to_bytes().unwrap()).unwrap();
        assert!(Manifest::read(dir.path()).is_err());
        std::fs::write(dir.path().join(MANIFEST), "{}").unwrap();
        assert!(Manifest::read(dir.path()).is_err());
    }

    #[test]
    fn the_shard_is_read_from_the_options() {
        let mut m = manifest(&[]);
        assert_eq!(m.shard(), Some((1, 1)));
        m.options.insert("shard".into(), "3/4".into());
        assert_eq!(m.shard(), Some((3, 4)));
        for bad in ["5/4", "x", "0/4", "1/"] {
            m.options.insert("shard".into(), bad.into());
            assert_eq!(m.shard(), None, "{bad}");
        }
    }

    #[test]
    fn templates_hash_by_content_not_place() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let builtin = templates_sha256(None).unwrap();
        assert_eq!(templates_sha256(Some(a.path())).unwrap(), builtin);
        std::fs::write(a.path().join("extra.toml"), "x = 1\n").unwrap();
        std::fs::write(b.path().join("extra.toml"), "x = 1\n").unwrap();
        let with = templates_sha256(Some(a.path())).unwrap();
        assert_ne!(with, builtin);
        assert_eq!(templates_sha256(Some(b.path())).unwrap(), with);
    }
}
