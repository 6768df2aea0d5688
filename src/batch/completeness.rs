//! Whether the shard folders given to `team-summary` make one whole run:
//! every shard of the same N there once, each finished, all made from the
//! same inputs with the same settings. Read from each folder's
//! `manifest.json` (see [`super::manifest`]), before any report is read.

use super::manifest::{MANIFEST, Manifest, Status};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A folder given to `team-summary`, with its run's manifest.
#[derive(Debug, Clone)]
pub struct ShardDir {
    /// The folder as given.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// `(K, N)` from the manifest (`(1, 1)` for a run that was not sharded).
    pub shard: (u64, u64),
}

impl ShardDir {
    /// Reads the manifest of `dir`; `Err` names what is wrong.
    pub fn read(dir: &Path) -> Result<ShardDir, Refusal> {
        let at = dir.join(MANIFEST);
        let manifest = match Manifest::read(dir) {
            Ok(Some(m)) => m,
            Ok(None) => return Err(Refusal::new(&at, "is missing: this folder was not written by `skillgap batch`, or its run never started; give the folders that batch wrote (one per shard)".into())),
            Err(why) => return Err(Refusal::new(&at, format!("{why}; give the folders that batch wrote"))),
        };
        if manifest.is_merge() {
            return Err(Refusal::new(
                &at,
                "is a team-summary's folder, not a batch run's; give the folders that batch wrote"
                    .into(),
            ));
        }
        let shard = manifest.shard().ok_or_else(|| {
            Refusal::new(
                &at,
                "records a shard that is not K/N; rerun that shard".into(),
            )
        })?;
        Ok(ShardDir {
            dir: dir.to_path_buf(),
            manifest,
            shard,
        })
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join(MANIFEST)
    }
}

/// Why the folders cannot be merged at all, even with `--allow-partial`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct Refusal {
    /// The manifest (or folder) at fault.
    pub file: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl Refusal {
    fn new(file: &Path, message: String) -> Self {
        Refusal {
            file: file.display().to_string(),
            message,
        }
    }
}

/// A shard whose people are not in the folders given.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Shard `K` of `N`.
    pub shard: (u64, u64),
    /// The folder that holds an unfinished run of it (None: no folder).
    pub dir: Option<PathBuf>,
    /// How its run ended, when there is a folder.
    pub status: Option<Status>,
    /// People in it, when a finished shard recorded the shard sizes.
    pub people: Option<usize>,
}

impl Gap {
    /// One sentence: which shard, why, how many people.
    pub fn describe(&self) -> String {
        let (k, n) = self.shard;
        let people = match self.people {
            Some(p) => format!("its {} people are", crate::text::thousands(p)),
            None => "its people are".to_string(),
        };
        match (&self.dir, self.status) {
            (Some(d), Some(s)) => format!(
                "shard {k}/{n} in {} did not finish (its manifest says {}: killed, cancelled or still running); {people} not in this summary",
                d.display(),
                format!("{s:?}").to_lowercase()
            ),
            _ => format!(
                "shard {k}/{n} is missing: none of the folders given holds it; {people} not in this summary"
            ),
        }
    }
}

/// What the folders make up.
#[derive(Debug, Clone)]
pub struct Whole {
    /// N.
    pub shards: u64,
    /// The finished shards, in shard order: the ones to merge.
    pub finished: Vec<ShardDir>,
    /// Missing or unfinished shards, in shard order.
    pub gaps: Vec<Gap>,
    /// People in the whole input, when a finished shard recorded it.
    pub people: Option<usize>,
}

/// Options that may differ between shards: they change no report's
/// content or are checked another way (the templates by their hash).
const FREE_OPTIONS: [&str; 4] = ["shard", "format", "max_input_bytes", "templates"];

/// How an option is given on the command line, for messages.
fn flag(key: &str) -> String {
    match key {
        "roles" => "--role".into(),
        "templates_sha256" => "--templates (the files in it)".into(),
        "plan_start" => "--start".into(),
        "plan_until" => "--horizon/--until".into(),
        "fonts" => "--font".into(),
        k => format!("--{}", k.replace('_', "-")),
    }
}

/// Checks that `dirs` are shards of one run (see the module docs).
pub fn check(dirs: Vec<ShardDir>) -> Result<Whole, Refusal> {
    let Some(first) = dirs.first().cloned() else {
        return Err(Refusal::new(
            Path::new("team-summary"),
            "no folders given".into(),
        ));
    };
    let n = first.shard.1;
    let mut by_k: BTreeMap<u64, ShardDir> = BTreeMap::new();
    for d in dirs {
        if d.shard.1 != n {
            return Err(Refusal::new(
                &d.manifest_path(),
                format!(
                    "{} is shard {}/{} but {} is shard {}/{n}: they come from runs split into different numbers of shards; give the folders of one run",
                    d.dir.display(),
                    d.shard.0,
                    d.shard.1,
                    first.dir.display(),
                    first.shard.0
                ),
            ));
        }
        same_run(&first, &d)?;
        if let Some(other) = by_k.get(&d.shard.0) {
            return Err(Refusal::new(
                &d.manifest_path(),
                format!(
                    "shard {}/{n} is given twice: in {} and in {} (a task ran twice, e.g. a rerun with the wrong array index); keep the one you trust and give the missing shards instead",
                    d.shard.0,
                    other.dir.display(),
                    d.dir.display()
                ),
            ));
        }
        by_k.insert(d.shard.0, d);
    }
    let sizes: Option<Vec<usize>> = by_k
        .values()
        .filter(|d| d.manifest.status == Status::Complete)
        .map(|d| &d.manifest.shard_sizes)
        .find(|s| s.len() as u64 == n)
        .cloned();
    let mut gaps = Vec::new();
    let mut finished = Vec::new();
    for k in 1..=n {
        let people = sizes.as_ref().map(|s| s[(k - 1) as usize]);
        match by_k.remove(&k) {
            Some(d) if d.manifest.status == Status::Complete => finished.push(d),
            Some(d) => gaps.push(Gap {
                shard: (k, n),
                status: Some(d.manifest.status),
                dir: Some(d.dir),
                people,
            }),
            None => gaps.push(Gap {
                shard: (k, n),
                dir: None,
                status: None,
                people,
            }),
        }
    }
    Ok(Whole {
        shards: n,
        finished,
        gaps,
        people: sizes.map(|s| s.iter().sum()),
    })
}

/// `b` was made from the same inputs with the same settings as `a`.
fn same_run(a: &ShardDir, b: &ShardDir) -> Result<(), Refusal> {
    let differ = |what: String| {
        Err(Refusal::new(
            &b.manifest_path(),
            format!(
                "shard {}/{} was made {what} than shard {}/{} in {}; rerun the shards that differ with the same inputs and settings",
                b.shard.0,
                b.shard.1,
                a.shard.0,
                a.shard.1,
                a.dir.display()
            ),
        ))
    };
    let hashes = |d: &ShardDir| -> Vec<String> {
        d.manifest.inputs.iter().map(|f| f.sha256.clone()).collect()
    };
    if hashes(a) != hashes(b) {
        return differ("from other input files (their SHA-256 differ)".into());
    }
    let keys: std::collections::BTreeSet<&String> = a
        .manifest
        .options
        .keys()
        .chain(b.manifest.options.keys())
        .filter(|k| !FREE_OPTIONS.contains(&k.as_str()))
        .collect();
    for key in keys {
        let (x, y) = (a.manifest.options.get(key), b.manifest.options.get(key));
        if x != y {
            let show = |v: Option<&String>| match v.map(String::as_str) {
                None | Some("") => "none".to_string(),
                Some(v) if key == "templates_sha256" => {
                    format!("SHA-256 {}", &v[..v.len().min(12)])
                }
                Some(v) => v.to_string(),
            };
            return differ(format!("with {} {} (not {})", flag(key), show(y), show(x)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::manifest::{FileEntry, MANIFEST_VERSION};

    fn shard(k: u64, n: u64, status: Status) -> ShardDir {
        let mut options = BTreeMap::new();
        options.insert("shard".to_string(), format!("{k}/{n}"));
        options.insert("date".to_string(), "2026-11-26".to_string());
        ShardDir {
            dir: PathBuf::from(format!("out/shard-{k}")),
            manifest: Manifest {
                manifest_version: MANIFEST_VERSION,
                kind: None,
                status,
                run_id: None,
                options,
                inputs: vec![FileEntry::of("team.csv", b"x")],
                people: None,
                files: vec![],
                group_files: vec![],
                stale: vec![],
                shard_sizes: vec![10; n as usize],
                order: BTreeMap::new(),
            },
            shard: (k, n),
        }
    }

    #[test]
    fn a_whole_run_has_no_gaps() {
        let w = check(
            (1..=4)
                .rev()
                .map(|k| shard(k, 4, Status::Complete))
                .collect(),
        )
        .unwrap();
        assert!(w.gaps.is_empty());
        assert_eq!(w.people, Some(40));
        let ks: Vec<u64> = w.finished.iter().map(|d| d.shard.0).collect();
        assert_eq!(ks, [1, 2, 3, 4]);
    }

    #[test]
    fn missing_and_unfinished_shards_are_gaps_with_their_people() {
        let w = check(vec![
            shard(1, 4, Status::Complete),
            shard(2, 4, Status::Running),
            shard(4, 4, Status::Interrupted),
        ])
        .unwrap();
        let gaps: Vec<String> = w.gaps.iter().map(Gap::describe).collect();
        assert_eq!(gaps.len(), 3, "{gaps:?}");
        assert!(
            gaps[0].contains("shard 2/4 in out/shard-2 did not finish")
                && gaps[0].contains("running"),
            "{gaps:?}"
        );
        assert!(
            gaps[1].contains("shard 3/4 is missing") && gaps[1].contains("its 10 people"),
            "{gaps:?}"
        );
        assert!(gaps[2].contains("interrupted"), "{gaps:?}");
        assert_eq!(w.finished.len(), 1);
    }

    #[test]
    fn twice_other_counts_and_other_settings_are_refused() {
        let e = check(vec![
            shard(1, 4, Status::Complete),
            shard(1, 4, Status::Complete),
        ])
        .unwrap_err();
        assert!(e.message.contains("shard 1/4 is given twice"), "{e}");
        let e = check(vec![
            shard(1, 4, Status::Complete),
            shard(2, 3, Status::Complete),
        ])
        .unwrap_err();
        assert!(e.message.contains("different numbers of shards"), "{e}");
        for (key, value, want) in [
            ("date", "2026-11-27", "--date 2026-11-27 (not 2026-11-26)"),
            ("roles", "sre", "--role sre (not none)"),
            ("unrated", "zero", "--unrated zero"),
            (
                "templates_sha256",
                "abcdef0123456789",
                "--templates (the files in it) SHA-256 abcdef012345",
            ),
        ] {
            let mut b = shard(2, 4, Status::Complete);
            b.manifest.options.insert(key.into(), value.into());
            let e = check(vec![shard(1, 4, Status::Complete), b]).unwrap_err();
            assert!(e.message.contains(want), "{key}: {e}");
            assert!(e.file.ends_with("shard-2/manifest.json"), "{e}");
        }
        let mut b = shard(2, 4, Status::Complete);
        b.manifest.inputs = vec![FileEntry::of("team.csv", b"y")];
        let e = check(vec![shard(1, 4, Status::Complete), b]).unwrap_err();
        assert!(e.message.contains("other input files"), "{e}");
        // The output format and the path of the templates may differ.
        let mut b = shard(2, 4, Status::Complete);
        b.manifest.options.insert("format".into(), "json".into());
        b.manifest
            .options
            .insert("templates".into(), "/elsewhere".into());
        assert!(check(vec![shard(1, 4, Status::Complete), b]).is_ok());
    }
}
