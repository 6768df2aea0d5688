//! `skillgap batch`: every person's report plus the team summary files.
//!
//! The run owns its output folder for its duration (a lock), records what
//! it wrote in `manifest.json` (written last), removes what an earlier run
//! wrote that this one did not write again, and stops cleanly on SIGINT,
//! SIGTERM or a failed write.

use crate::batch::folder::{
    Aside, Journal, Lock, Removal, common_mode, narrow_mode, remove_owned, remove_temps_of,
    still_ours,
};
use crate::batch::manifest::{Counts, FileEntry, MANIFEST, MANIFEST_VERSION, Manifest, Status};
use crate::batch::tables::ERRORS;
use crate::batch::team_files::{TeamRun, write_team_files};
use crate::batch::{self, Notice, Outcome, Stop, tables};
use crate::config::BatchConfig;
use crate::console::Shell;
use crate::error::{DataError, Interrupted, UsageError};
use crate::output::{Protected, run_id, write_atomic};
use crate::text::thousands;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use crate::batch::team_files::TEAM_FILES;

/// How many people (not rows or cells) the failures are about: a person
/// with five bad cells is one failure; a failure that names no one (an
/// unreadable file, a row without a name) counts on its own.
pub(crate) fn failed_people(failures: &[batch::Failure]) -> usize {
    let named: BTreeSet<(&str, &str)> = failures
        .iter()
        .filter_map(|f| f.person.as_deref().map(|p| (f.file.as_str(), p)))
        .collect();
    named.len() + failures.iter().filter(|f| f.person.is_none()).count()
}

/// A failure's error message, naming the person it is about when its
/// message does not already.
fn failure_line(f: &batch::Failure) -> String {
    match f.person.as_deref() {
        Some(p) if !f.message.contains(p) => format!("{p}: {}", f.message),
        _ => f.message.clone(),
    }
}

/// "0" / "1 person" / "2 people": how many failed, said in people.
pub(crate) fn people_count(n: usize) -> String {
    if n == 0 {
        "0".to_string()
    } else if n == 1 {
        "1 person".to_string()
    } else {
        format!("{} people", thousands(n))
    }
}

/// Runs `batch`.
pub fn batch(cfg: &BatchConfig, shell: &Shell) -> anyhow::Result<()> {
    let stop = Stop::on_signals()?;
    run_with(cfg, &stop, shell)
}

/// Runs `batch` with a given stop switch.
fn run_with(cfg: &BatchConfig, stop: &Stop, shell: &Shell) -> anyhow::Result<()> {
    let started = Instant::now();
    let out = &cfg.output;
    let pdf = cfg.pdf.renderer()?;
    std::fs::create_dir_all(out).map_err(|e| DataError::Other {
        file: out.display().to_string(),
        message: format!("cannot create the output folder: {e}"),
    })?;
    let _lock = Lock::claim(out)?;
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
    let owned: BTreeSet<String> = earlier_files.iter().map(|f| f.path.clone()).collect();
    let (files, notes) = batch::plan_inputs(&cfg.inputs, out, &owned)?;
    for n in notes {
        match n {
            Notice::Warning(w) => shell.warn(w),
            Notice::Note(n) => shell.note(n),
        }
    }
    let protected = protected(cfg, &files)?;
    for name in TEAM_FILES.iter().chain(&[ERRORS, MANIFEST]) {
        if let Some(what) = protected.clash(&out.join(name)) {
            return Err(UsageError(format!(
                "-o {}: {name} there is {what}, and the run would replace it; choose another output folder",
                out.display()
            ))
            .into());
        }
    }
    let mut options = options(cfg);
    options.insert(
        "templates_sha256".into(),
        crate::batch::manifest::templates_sha256(cfg.templates.as_deref())?,
    );
    let mut manifest = Manifest {
        manifest_version: MANIFEST_VERSION,
        kind: None,
        status: Status::Running,
        run_id: Some(run_id().to_string()),
        options,
        inputs: files
            .iter()
            .filter_map(|f| {
                let bytes = crate::regular_file::read(f, cfg.read.max_input_bytes).ok()?;
                Some(FileEntry::of(f.display().to_string(), &bytes))
            })
            .collect(),
        people: None,
        // Until this run ends, the earlier run's files are still ours.
        files: earlier_files.clone(),
        group_files: earlier
            .as_ref()
            .map(|m| m.group_files.clone())
            .unwrap_or_default(),
        shard_sizes: Vec::new(),
        order: BTreeMap::new(),
        stale: Vec::new(),
    };
    // Team files: the fixed three and the earlier run's group summaries.
    let earlier_groups: BTreeSet<String> = manifest.group_files.iter().cloned().collect();
    let team_file = |n: &str| TEAM_FILES.contains(&n) || earlier_groups.contains(n);
    // The manifest lists the killed run's files before its journal is
    // started afresh.
    write_atomic(&out.join(MANIFEST), &manifest.to_bytes()?)?;
    let journal = Journal::start(out)?;
    // The earlier team files and errors.csv wait out of sight while this
    // run writes reports they do not summarise.
    let aside = Aside::move_out(
        out,
        earlier_files
            .iter()
            .filter(|f| team_file(&f.path) || f.path == ERRORS),
    );

    let outcome = batch::run(
        cfg,
        cfg.write_pdf.then_some(&pdf),
        &files,
        (&protected, Some(&journal)),
        stop,
    );
    let Outcome {
        mut people,
        failures,
        written,
        total,
        not_understood,
        order,
        shard_sizes,
        inputs_failed,
        failed_slugs,
    } = match outcome {
        Ok(o) => o,
        Err(e) => {
            aside.put_back();
            manifest.status = Status::Interrupted;
            if write_atomic(&out.join(MANIFEST), &manifest.to_bytes()?).is_ok() {
                journal.finish();
            }
            return Err(e);
        }
    };
    let not_understood: Vec<String> = not_understood.iter().map(|n| n.describe()).collect();
    for n in &not_understood {
        shell.print(format_args!("not understood: {n}"));
    }
    let mut now: Vec<FileEntry> = written;
    let report_mode = common_mode(out, now.iter().map(|f| f.path.as_str()));
    let mut keep_errors = false;
    if !failures.is_empty() {
        for f in &failures {
            shell.error(failure_line(f));
        }
        // errors.csv goes before the team files: when space runs out, the
        // list of who failed and why is what must survive.
        let bytes = tables::errors_csv(&failures)?;
        match write_atomic(&out.join(ERRORS), &bytes) {
            Ok(()) => {
                now.push(FileEntry::of(ERRORS, &bytes));
                keep_errors = true;
            }
            Err(e) => shell.error(format_args!("{e:#}")),
        }
    }
    // Decided once: a signal that arrives after this point (while the
    // team files are written) no longer stops a run that is finishing.
    let (interrupted, write_failed) = (stop.interrupted(), stop.write_failed());
    // A run that could make no one's report (an empty export, a renamed
    // header) has nothing to summarise and no proof that anyone left: it
    // writes no team files and removes no report.
    let read_nobody = people.is_empty() && !interrupted;
    let stopped = interrupted || write_failed || read_nobody;
    let mut team_warnings = Vec::new();
    let mut group_files = Vec::new();
    if !stopped {
        // A group summary never takes the name of a report of this run,
        // nor of a file in the folder that the run does not own.
        let reports: BTreeSet<String> = now.iter().map(|f| f.path.clone()).collect();
        let free = |name: &str| {
            !reports.contains(name)
                && (owned.contains(name) || std::fs::symlink_metadata(out.join(name)).is_err())
                && protected.clash(&out.join(name)).is_none()
        };
        let failed = failed_people(&failures);
        let run = TeamRun {
            catalog: &cfg.catalog,
            roles: &cfg.analysis.roles,
            today: cfg.analysis.today,
            team: &cfg.team,
            pdf: &pdf,
            free: &free,
            scope: None,
        };
        match write_team_files(out, &mut people, (failed, &not_understood), &run) {
            Ok(w) => {
                team_warnings = w.warnings;
                group_files = w.group_files;
                now.extend(w.files);
            }
            Err(e) => {
                let _ = aside.discard();
                manifest.status = Status::Interrupted;
                manifest.files = still_owned(out, &manifest.files, &now);
                if write_atomic(&out.join(MANIFEST), &manifest.to_bytes()?).is_ok() {
                    journal.finish();
                }
                return Err(e);
            }
        }
    }
    // A run that wrote no report leaves the earlier team files as they
    // were; any other has its own, or (stopped) none.
    if let Some(mode) = report_mode {
        let team = now.iter().map(|f| f.path.as_str());
        narrow_mode(
            out,
            team.filter(|n| team_file(n) || *n == ERRORS || group_files.iter().any(|g| g == n)),
            mode,
        );
    }
    let discarded = if read_nobody {
        aside.put_back();
        Vec::new()
    } else {
        aside.discard()
    };
    for w in team_warnings {
        shell.warn(w);
    }
    let written_names: BTreeSet<&str> = now.iter().map(|f| f.path.as_str()).collect();
    let sweep = Sweep {
        out,
        written: &written_names,
        stopped: interrupted || write_failed,
        keep_team: read_nobody,
        keep_errors,
        complete_read: inputs_failed.is_empty() && !read_nobody,
        failed: failed_slugs.iter().map(String::as_str).collect(),
        team_file: &team_file,
    };
    let (mut removal, kept) = sweep.run(&earlier_files, &protected);
    removal.removed.extend(
        discarded
            .into_iter()
            .filter(|n| !written_names.contains(n.as_str())),
    );
    if !removal.removed.is_empty() {
        shell.note(removal_note(
            &removal.removed,
            &written_names,
            !failures.is_empty(),
            &team_file,
        ));
    }
    for name in &removal.changed {
        shell.warn(format_args!(
            "kept {}: it changed since an earlier run wrote it, so it is no longer this run's to remove",
            out.join(name).display()
        ));
    }
    if !kept.stale.is_empty() {
        shell.warn(format_args!(
            "kept {} earlier report file(s) of people whose rows failed; they are marked stale in {MANIFEST}",
            kept.stale.len()
        ));
    }
    if kept.unproven > 0 {
        shell.warn(format_args!(
            "kept {} earlier report file(s) of people not in this run: {}, so no one is taken as gone",
            thousands(kept.unproven),
            if read_nobody {
                "no one's ratings could be read".to_string()
            } else {
                format!("{} could not be read", inputs_failed.join(", "))
            }
        ));
    }
    manifest.stale = kept.stale;
    // Filled only when the run was not stopped; a run that read no one
    // keeps the earlier run's team files and their record.
    if read_nobody {
        if let Some(m) = &earlier {
            manifest.shard_sizes.clone_from(&m.shard_sizes);
            manifest.order.clone_from(&m.order);
        }
    } else {
        manifest.group_files = group_files;
    }
    manifest.status = if interrupted || write_failed {
        Status::Interrupted
    } else {
        Status::Complete
    };
    manifest.run_id = None;
    manifest.people = Some(Counts {
        written: people.len(),
        failed: failed_people(&failures),
    });
    if !stopped {
        manifest.shard_sizes = shard_sizes;
        manifest.order = order;
    }
    manifest.files = if interrupted || write_failed {
        still_owned(out, &manifest.files, &now)
    } else {
        now.into_iter().chain(kept.files).collect()
    };
    let manifest_written = write_atomic(&out.join(MANIFEST), &manifest.to_bytes()?);
    if manifest_written.is_ok() {
        journal.finish();
    }

    let done = format!("{} of {}", thousands(people.len()), thousands(total));
    if interrupted {
        manifest_written?;
        return Err(
            Interrupted(format!("interrupted: {done} written; run again to finish")).into(),
        );
    }
    if write_failed {
        let cause = failures
            .iter()
            .rev()
            .find(|f| stop.is_write_failure(&f.message))
            .map_or(String::new(), |f| format!(" ({})", f.message));
        return Err(DataError::Other {
            file: out.display().to_string(),
            message: format!(
                "stopped: a file could not be written{cause}; {done} written{}. Free space or fix the folder, then run again to finish",
                if keep_errors { ", errors.csv lists who failed" } else { "" }
            ),
        }
        .into());
    }
    manifest_written?;
    if read_nobody {
        return Err(DataError::Other {
            file: cfg
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            message: format!(
                "no one's ratings could be read{}; no team files were written and no earlier report was removed. Check that the input is the complete export and run again",
                if keep_errors { " (errors.csv lists why)" } else { "" }
            ),
        }
        .into());
    }
    let failed = failed_people(&failures);
    shell.status(format_args!(
        "{} reports, {} failed, {:.1} s → {}",
        people.len(),
        people_count(failed),
        started.elapsed().as_secs_f64(),
        out.display()
    ));
    if failures.is_empty() {
        Ok(())
    } else {
        Err(DataError::Other {
            file: out.join(ERRORS).display().to_string(),
            message: format!(
                "{} of {} people failed; the others were written. Fix the rows listed there and run again",
                thousands(failed),
                thousands(people.len() + failed)
            ),
        }
        .into())
    }
}

/// The earlier run's files with those a killed run's journal lists. A
/// name in both keeps the entry whose bytes the file still holds (the
/// journal's when the killed run renamed it into place).
fn with_journaled(
    out: &Path,
    mut files: Vec<FileEntry>,
    journaled: Vec<FileEntry>,
) -> Vec<FileEntry> {
    for j in journaled {
        match files.iter_mut().find(|f| f.path == j.path) {
            Some(f) if still_ours(out, &j) => *f = j,
            Some(_) => {}
            None => files.push(j),
        }
    }
    files
}

/// A folder holding another shard (or a run that was not sharded, or the
/// other way round) is refused: this run would remove that shard's
/// reports as its own earlier ones, and the merge would miss them.
fn refuse_other_shard(cfg: &BatchConfig, earlier: &Manifest, path: &Path) -> anyhow::Result<()> {
    let now = cfg.shard.unwrap_or((1, 1));
    let then = earlier.shard();
    if then == Some(now) {
        return Ok(());
    }
    let what = |s: Option<(u64, u64)>| match s {
        Some((1, 1)) => "a run that was not sharded".to_string(),
        Some((k, n)) => format!("shard {k}/{n}"),
        None => "a run with an unreadable shard record".to_string(),
    };
    Err(UsageError(format!(
        "{}: this folder holds {} and this run is {}; it would replace that run's reports. Give each shard its own folder (e.g. out/shard-$SLURM_ARRAY_TASK_ID), or remove the folder to start over",
        path.display(),
        what(then),
        what(Some(now)),
    ))
    .into())
}

/// What a finished run does with the files an earlier run wrote and this
/// one did not write again.
struct Sweep<'a> {
    out: &'a Path,
    written: &'a BTreeSet<&'a str>,
    /// The run stopped early: only team files go.
    stopped: bool,
    /// The run read no one and wrote no team files: the earlier ones stay.
    keep_team: bool,
    /// This run wrote errors.csv.
    keep_errors: bool,
    /// Every input was read and held someone: a person missing from the
    /// run is truly gone.
    complete_read: bool,
    /// Slugs of the people whose rows failed in this run.
    failed: BTreeSet<&'a str>,
    team_file: &'a dyn Fn(&str) -> bool,
}

/// Earlier files a run keeps as its own.
#[derive(Default)]
struct Kept {
    /// Still ours, listed again in the manifest.
    files: Vec<FileEntry>,
    /// Of them, reports of people whose rows failed.
    stale: Vec<String>,
    /// Of them, reports kept because the run cannot prove their person left.
    unproven: usize,
}

impl Sweep<'_> {
    /// Removes what is proven stale and still holds the recorded bytes;
    /// returns what was removed and what is kept.
    fn run(&self, earlier: &[FileEntry], protected: &Protected) -> (Removal, Kept) {
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
fn removal_note(
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
fn still_owned(out: &Path, earlier: &[FileEntry], now: &[FileEntry]) -> Vec<FileEntry> {
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

/// Everything the run reads, which no output may replace.
fn protected(cfg: &BatchConfig, files: &[PathBuf]) -> anyhow::Result<Protected> {
    let mut p = Protected::default();
    for f in files {
        p.file(f, "an input file");
    }
    if let Some(prev) = &cfg.previous {
        for f in batch::expand_inputs(std::slice::from_ref(prev))? {
            p.file(&f, "a --previous file");
        }
    }
    for f in &cfg.pdf.fonts {
        p.file(f, "a --font file");
    }
    if let Some(t) = &cfg.templates {
        p.dir(t, "the --templates folder");
    }
    Ok(p)
}

/// The options that shape the output, as recorded in the manifest.
fn options(cfg: &BatchConfig) -> BTreeMap<String, String> {
    let mut o = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        o.insert(k.to_string(), v);
    };
    let formats: Vec<&str> = [(cfg.write_pdf, "pdf"), (cfg.write_json, "json")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, f)| *f)
        .collect();
    put("format", formats.join(","));
    let a = &cfg.analysis;
    put("roles", a.roles.join(","));
    put("date", a.today.to_string());
    put("plan_start", a.plan.start.to_string());
    put("plan_until", a.plan.horizon_end.to_string());
    put("hours_per_week", a.plan.hours_per_week.to_string());
    put("basis", format!("{:?}", a.basis).to_lowercase());
    put("unrated", format!("{:?}", a.unrated).to_lowercase());
    put(
        "on_duplicate",
        format!("{:?}", a.on_duplicate).to_lowercase(),
    );
    put("paper", format!("{:?}", cfg.pdf.paper).to_lowercase());
    put("max_input_bytes", cfg.read.max_input_bytes.to_string());
    if let Some((k, n)) = cfg.shard {
        put("shard", format!("{k}/{n}"));
    }
    if let Some(e) = &cfg.read.encoding {
        put("encoding", e.clone());
    }
    if let Some(t) = &cfg.templates {
        put("templates", t.display().to_string());
    }
    if let Some(p) = &cfg.previous {
        put("previous", p.display().to_string());
    }
    if !cfg.pdf.fonts.is_empty() {
        let fonts: Vec<String> = cfg
            .pdf
            .fonts
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        put("fonts", fonts.join(","));
    }
    o
}
