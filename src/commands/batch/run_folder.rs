//! The output folder of one batch run, from claim to finish: the run owns
//! it for its duration (a lock), lists what it owns in `manifest.json`
//! (running first, complete or interrupted last), journals each report
//! before renaming it into place, and keeps the earlier run's team files
//! out of sight until it has its own.

use super::{refuse_other_shard, still_owned, with_journaled};
use crate::batch::folder::{Aside, Journal, Lock, narrow_mode, remove_temps_of};
use crate::batch::manifest::{FileEntry, MANIFEST, MANIFEST_VERSION, Manifest, Status};
use crate::batch::tables::ERRORS;
use crate::batch::team_files::TEAM_FILES;
use crate::config::BatchConfig;
use crate::console::Shell;
use crate::error::{DataError, UsageError};
use crate::output::{run_id, write_atomic};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A claimed output folder: locked, with what an earlier run left there.
pub(super) struct RunFolder {
    /// The folder.
    out: PathBuf,
    /// Held until the run ends, on every way out.
    _lock: Lock,
    /// The earlier run's manifest, when there is one.
    pub earlier: Option<Manifest>,
    /// The earlier run's files, with those a killed run's journal names:
    /// this run owns them until it ends.
    pub earlier_files: Vec<FileEntry>,
    /// Their names.
    pub owned: BTreeSet<String>,
}

impl RunFolder {
    /// Creates and locks `cfg.output`, reads the earlier run's manifest,
    /// refuses a folder a merge or another shard wrote, and removes the
    /// temporary files of a run that was killed.
    pub fn claim(cfg: &BatchConfig, shell: &Shell) -> anyhow::Result<RunFolder> {
        let out = &cfg.output;
        std::fs::create_dir_all(out).map_err(|e| DataError::Other {
            file: out.display().to_string(),
            message: format!("cannot create the output folder: {e}"),
        })?;
        let lock = Lock::claim(out)?;
        // A manifest.json that is not ours is someone's file: never replaced.
        let earlier = Manifest::read(out).map_err(|why| DataError::Other {
            file: out.join(MANIFEST).display().to_string(),
            message: format!(
                "{why}; this run would replace it. Move it away or choose another output folder"
            ),
        })?;
        if let Some(m) = &earlier {
            if m.is_merge() {
                return Err(UsageError(format!(
                    "-o {}: team-summary wrote this folder; batch would take its files as an earlier run's. Choose another output folder",
                    out.display()
                ))
                .into());
            }
            refuse_other_shard(cfg, m, &out.join(MANIFEST))?;
        }
        if let Some(m) = &earlier
            && m.status == Status::Running
            && let Some(id) = &m.run_id
        {
            let n = remove_temps_of(out, id);
            if n > 0 {
                shell.note(format_args!(
                    "removed {n} temporary file(s) of an earlier run that was killed"
                ));
            }
        }
        // A killed run's journal names the reports it renamed into place
        // after its manifest was last written: they are ours too.
        let journaled = Journal::left_by_killed_run(out)?;
        let earlier_files: Vec<FileEntry> = with_journaled(
            out,
            earlier
                .iter()
                .flat_map(|m| m.files.iter().cloned())
                .collect(),
            journaled,
        );
        let owned = earlier_files.iter().map(|f| f.path.clone()).collect();
        Ok(RunFolder {
            out: out.clone(),
            _lock: lock,
            earlier,
            earlier_files,
            owned,
        })
    }

    /// Begins writing: the manifest says the run is running (and lists
    /// the earlier files, still ours), the journal starts afresh, and the
    /// earlier team files and errors.csv are set aside.
    pub fn begin(
        self,
        options: BTreeMap<String, String>,
        inputs: Vec<FileEntry>,
    ) -> anyhow::Result<Running> {
        let manifest = Manifest {
            manifest_version: MANIFEST_VERSION,
            kind: None,
            status: Status::Running,
            run_id: Some(run_id().to_string()),
            options,
            inputs,
            people: None,
            // Until this run ends, the earlier run's files are still ours.
            files: self.earlier_files.clone(),
            group_files: self
                .earlier
                .as_ref()
                .map(|m| m.group_files.clone())
                .unwrap_or_default(),
            shard_sizes: Vec::new(),
            order: BTreeMap::new(),
            stale: Vec::new(),
        };
        // Team files: the fixed three and the earlier run's group summaries.
        let earlier_groups: BTreeSet<String> = manifest.group_files.iter().cloned().collect();
        // The manifest lists the killed run's files before its journal is
        // started afresh.
        write_atomic(&self.out.join(MANIFEST), &manifest.to_bytes()?)?;
        let journal = Journal::start(&self.out)?;
        let mut running = Running {
            folder: self,
            manifest,
            journal,
            aside: Aside::default(),
            earlier_groups,
        };
        // The earlier team files and errors.csv wait out of sight while
        // this run writes reports they do not summarise.
        running.aside = Aside::move_out(
            &running.folder.out,
            running
                .folder
                .earlier_files
                .iter()
                .filter(|f| running.is_team_file(&f.path) || f.path == ERRORS),
        );
        Ok(running)
    }
}

/// A folder the run is writing into.
pub(super) struct Running {
    /// The claimed folder.
    pub folder: RunFolder,
    /// What the run records, written at its end.
    pub manifest: Manifest,
    /// Each report is listed here before it is renamed into place.
    pub journal: Journal,
    /// The earlier team files and errors.csv, out of sight.
    aside: Aside,
    /// The earlier run's group summaries.
    earlier_groups: BTreeSet<String>,
}

impl Running {
    /// The folder.
    pub fn out(&self) -> &Path {
        &self.folder.out
    }

    /// Whether `name` is a team file: the fixed ones or an earlier run's
    /// group summary.
    pub fn is_team_file(&self, name: &str) -> bool {
        TEAM_FILES.contains(&name) || self.earlier_groups.contains(name)
    }

    /// The run stopped before it had an outcome: the earlier team files go
    /// back, and the manifest says it was interrupted (if it can be
    /// written: the run's own error is the one to report).
    pub fn abandon(mut self) -> anyhow::Result<()> {
        std::mem::take(&mut self.aside).put_back();
        self.manifest.status = Status::Interrupted;
        self.finish().map(drop)
    }

    /// Writing the team files failed: the earlier ones are gone, and the
    /// manifest lists what is still ours (`now`: what this run wrote).
    pub fn fail(mut self, now: &[FileEntry]) -> anyhow::Result<()> {
        let _ = std::mem::take(&mut self.aside).discard();
        self.manifest.status = Status::Interrupted;
        self.manifest.files = still_owned(self.out(), &self.manifest.files, now);
        self.finish().map(drop)
    }

    /// Gives the team files, errors.csv and the group summaries among
    /// `now` the permission bits the reports share (`mode`).
    pub fn narrow_team_modes(&self, now: &[FileEntry], group_files: &[String], mode: u32) {
        let team = now
            .iter()
            .map(|f| f.path.as_str())
            .filter(|n| self.is_team_file(n) || *n == ERRORS || group_files.iter().any(|g| g == n));
        narrow_mode(self.out(), team, mode);
    }

    /// The earlier team files: back in place when `keep` (the run read no
    /// one), else removed; returns the names of those removed.
    pub fn settle_aside(&mut self, keep: bool) -> Vec<String> {
        let aside = std::mem::take(&mut self.aside);
        if keep {
            aside.put_back();
            Vec::new()
        } else {
            aside.discard()
        }
    }

    /// Writes the manifest as it stands; the journal ends once it is
    /// written (the manifest then lists everything the journal did). The
    /// outer error is the manifest's encoding, the inner its write, for
    /// the caller to weigh.
    pub fn finish(self) -> anyhow::Result<anyhow::Result<()>> {
        let bytes = self.manifest.to_bytes()?;
        let Running {
            folder, journal, ..
        } = self;
        let written = write_atomic(&folder.out.join(MANIFEST), &bytes);
        if written.is_ok() {
            journal.finish();
        }
        Ok(written)
    }
}
