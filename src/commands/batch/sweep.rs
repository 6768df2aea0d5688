//! What a finished batch run does with the files an earlier run wrote and
//! this one did not write again: removes what is proven stale and still
//! holds the recorded bytes, keeps the rest (and says why).

use crate::batch::folder::{Removal, remove_owned, still_ours};
use crate::batch::manifest::{FileEntry, MANIFEST};
use crate::batch::tables::ERRORS;
use crate::output::Protected;
use crate::text::thousands;
use std::collections::BTreeSet;
use std::path::Path;

/// What a finished run does with the files an earlier run wrote and this
/// one did not write again.
pub(super) struct Sweep<'a> {
    pub(super) out: &'a Path,
    pub(super) written: &'a BTreeSet<&'a str>,
    /// The run stopped early: only team files go.
    pub(super) stopped: bool,
    /// The run read no one and wrote no team files: the earlier ones stay.
    pub(super) keep_team: bool,
    /// This run wrote errors.csv.
    pub(super) keep_errors: bool,
    /// Every input was read and held someone: a person missing from the
    /// run is truly gone.
    pub(super) complete_read: bool,
    /// Slugs of the people whose rows failed in this run.
    pub(super) failed: BTreeSet<&'a str>,
    pub(super) team_file: &'a dyn Fn(&str) -> bool,
}

/// Earlier files a run keeps as its own.
#[derive(Default)]
pub(super) struct Kept {
    /// Still ours, listed again in the manifest.
    pub(super) files: Vec<FileEntry>,
    /// Of them, reports of people whose rows failed.
    pub(super) stale: Vec<String>,
    /// Of them, reports kept because the run cannot prove their person left.
    pub(super) unproven: usize,
}

impl Sweep<'_> {
    /// Removes what is proven stale and still holds the recorded bytes;
    /// returns what was removed and what is kept.
    pub(super) fn run(&self, earlier: &[FileEntry], protected: &Protected) -> (Removal, Kept) {
        let mut kept = Kept::default();
        let mut remove = Vec::new();
        for f in earlier {
            let n = f.path.as_str();
            if n == MANIFEST || self.written.contains(n) {
                continue;
            }
            let team = (self.team_file)(n) || (n == ERRORS && !self.keep_errors);
            if team && self.keep_team {
                if still_ours(self.out, f) {
                    kept.files.push(f.clone());
                }
                continue;
            }
            if team {
                remove.push(f);
                continue;
            }
            if self.stopped || n == ERRORS {
                // Reports of people not reached: the stopped-run path keeps them.
                continue;
            }
            let stem = Path::new(n).file_stem().and_then(|s| s.to_str());
            let failed = stem.is_some_and(|s| self.failed.contains(s));
            if !failed && self.complete_read {
                remove.push(f);
            } else if still_ours(self.out, f) {
                if failed {
                    kept.stale.push(f.path.clone());
                } else {
                    kept.unproven += 1;
                }
                kept.files.push(f.clone());
            }
        }
        let removal = remove_owned(self.out, remove.into_iter(), protected);
        (removal, kept)
    }
}

/// What was removed, in words: reports of people no longer in the input,
/// reports in a format this run did not write, and other files.
pub(super) fn removal_note(
    removed: &[String],
    written: &BTreeSet<&str>,
    failed: bool,
    team_file: &dyn Fn(&str) -> bool,
) -> String {
    let stems: BTreeSet<&str> = written
        .iter()
        .filter_map(|n| Path::new(n).file_stem().and_then(|s| s.to_str()))
        .collect();
    let (mut gone, mut format, mut other) = (0, 0, 0);
    for n in removed {
        let stem = Path::new(n).file_stem().and_then(|s| s.to_str());
        if team_file(n) || n == ERRORS {
            other += 1;
        } else if stem.is_some_and(|s| stems.contains(s)) {
            format += 1;
        } else {
            gone += 1;
        }
    }
    let mut parts = Vec::new();
    if gone > 0 {
        parts.push(format!(
            "{} report file(s) of people no longer in the input{}",
            thousands(gone),
            if failed { " or whose rows failed" } else { "" }
        ));
    }
    if format > 0 {
        parts.push(format!(
            "{} report file(s) in a format this run did not write",
            thousands(format)
        ));
    }
    if other > 0 {
        parts.push(format!(
            "{other} team or error file(s) this run did not write"
        ));
    }
    format!("removed {} (written by an earlier run)", parts.join(", "))
}

/// The files a stopped run owns: what it wrote, and what the earlier run
/// wrote that is still there (people this run did not reach).
pub(super) fn still_owned(out: &Path, earlier: &[FileEntry], now: &[FileEntry]) -> Vec<FileEntry> {
    let names: BTreeSet<&str> = now.iter().map(|f| f.path.as_str()).collect();
    let mut files: Vec<FileEntry> = now.to_vec();
    files.extend(
        earlier
            .iter()
            .filter(|f| f.path != MANIFEST && !names.contains(f.path.as_str()))
            .filter(|f| {
                std::fs::symlink_metadata(out.join(&f.path)).is_ok_and(|m| m.file_type().is_file())
            })
            .cloned(),
    );
    files
}
