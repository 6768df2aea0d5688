//! `skillgap batch`: every person's report plus the team summary files.
//!
//! The run owns its output folder for its duration (a lock), records what
//! it wrote in `manifest.json` (written last), removes what an earlier run
//! wrote that this one did not write again, and stops cleanly on SIGINT,
//! SIGTERM or a failed write.

mod run_folder;
mod sweep;

use crate::batch::folder::{common_mode, still_ours};
use crate::batch::manifest::{Counts, FileEntry, MANIFEST, Manifest, Status};
use crate::batch::tables::ERRORS;
use crate::batch::team_files::{TeamRun, write_team_files};
use crate::batch::{self, Notice, Outcome, Stop, tables};
use crate::config::BatchConfig;
use crate::console::Shell;
use crate::error::{DataError, Interrupted, UsageError};
use crate::output::{Protected, write_atomic};
use crate::render::{Exports, Json, Pdf};
use crate::text::thousands;
use run_folder::{RunFolder, Running};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;
use sweep::{Kept, Sweep, removal_note, still_owned};

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

/// Runs `batch` with a given stop switch: claim the folder, plan the
/// inputs, write every report, then the team files; sweep what an earlier
/// run left, record the run and say how it went.
fn run_with(cfg: &BatchConfig, stop: &Stop, shell: &Shell) -> anyhow::Result<()> {
    let started = Instant::now();
    let pdf = cfg.pdf.renderer()?;
    let folder = RunFolder::claim(cfg, shell)?;
    let (files, notes) = batch::plan_inputs(&cfg.inputs, &cfg.output, &folder.owned)?;
    for n in notes {
        match n {
            Notice::Warning(w) => shell.warn(w),
            Notice::Note(n) => shell.note(n),
        }
    }
    let protected = protected(cfg, &files)?;
    refuse_replacing_inputs(&cfg.output, &protected)?;
    let mut run = folder.begin(options(cfg)?, input_entries(cfg, &files))?;
    let journal = Some(&run.journal);
    let mut outcome = match batch::run(
        cfg,
        &exports(cfg, &pdf),
        &files,
        (&protected, journal),
        stop,
    ) {
        Ok(o) => o,
        Err(e) => {
            run.abandon()?;
            return Err(e);
        }
    };
    let not_understood = say_not_understood(shell, &outcome);
    let mut now: Vec<FileEntry> = std::mem::take(&mut outcome.written);
    let report_mode = common_mode(run.out(), now.iter().map(|f| f.path.as_str()));
    let keep_errors = write_errors(shell, run.out(), &outcome.failures, &mut now)?;
    let end = Ending::of(stop, &outcome, keep_errors);
    let group_files = if end.stopped() {
        Vec::new()
    } else {
        let team = TeamInputs {
            pdf: &pdf,
            protected: &protected,
            not_understood: &not_understood,
        };
        match team_files(cfg, shell, &run, team, &mut outcome, &mut now) {
            Ok(group_files) => group_files,
            Err(e) => {
                run.fail(&now)?;
                return Err(e);
            }
        }
    };
    // A run that wrote no report leaves the earlier team files as they
    // were; any other has its own, or (stopped) none.
    if let Some(mode) = report_mode {
        run.narrow_team_modes(&now, &group_files, mode);
    }
    let discarded = run.settle_aside(end.read_nobody);
    let kept = sweep(shell, &run, &protected, (&now, discarded), &outcome, &end);
    record(&mut run, now, kept, group_files, &outcome, &end);
    let manifest_written = run.finish()?;
    verdict(cfg, shell, &outcome, &end, manifest_written, started, stop)
}

/// The formats `--format` asks for, PDF before JSON: a person's files
/// are listed (and replaced together) in this order.
fn exports<'a>(cfg: &BatchConfig, pdf: &'a Pdf) -> Exports<'a> {
    let mut exports = Exports::default();
    if cfg.write_pdf {
        exports.add("pdf", pdf);
    }
    if cfg.write_json {
        exports.add("json", &Json);
    }
    exports
}

/// How the run ended, decided once: a signal that arrives after this
/// point (while the team files are written) no longer stops a run that
/// is finishing.
struct Ending {
    /// A signal stopped the run.
    interrupted: bool,
    /// A write failed and stopped the run.
    write_failed: bool,
    /// A run that could make no one's report (an empty export, a renamed
    /// header) has nothing to summarise and no proof that anyone left: it
    /// writes no team files and removes no report.
    read_nobody: bool,
    /// This run wrote errors.csv.
    keep_errors: bool,
}

impl Ending {
    fn of(stop: &Stop, outcome: &Outcome, keep_errors: bool) -> Ending {
        let interrupted = stop.interrupted();
        Ending {
            interrupted,
            write_failed: stop.write_failed(),
            read_nobody: outcome.people.is_empty() && !interrupted,
            keep_errors,
        }
    }

    /// A signal or a failed write cut the run short.
    fn cut_short(&self) -> bool {
        self.interrupted || self.write_failed
    }

    /// The run writes no team files.
    fn stopped(&self) -> bool {
        self.cut_short() || self.read_nobody
    }
}

/// The `-o` folder's fixed names (team files, errors.csv, the manifest)
/// must not be anything the run reads.
fn refuse_replacing_inputs(out: &Path, protected: &Protected) -> Result<(), UsageError> {
    for name in TEAM_FILES.iter().chain(&[ERRORS, MANIFEST]) {
        if let Some(what) = protected.clash(&out.join(name)) {
            return Err(UsageError(format!(
                "-o {}: {name} there is {what}, and the run would replace it; choose another output folder",
                out.display()
            )));
        }
    }
    Ok(())
}

/// The inputs as the manifest records them (name and digest).
fn input_entries(cfg: &BatchConfig, files: &[PathBuf]) -> Vec<FileEntry> {
    files
        .iter()
        .filter_map(|f| {
            let bytes = crate::regular_file::read(f, cfg.read.max_input_bytes).ok()?;
            Some(FileEntry::of(f.display().to_string(), &bytes))
        })
        .collect()
}

/// Says each failure and writes errors.csv (before the team files: when
/// space runs out, the list of who failed and why is what must survive);
/// returns whether it was written.
fn write_errors(
    shell: &Shell,
    out: &Path,
    failures: &[batch::Failure],
    now: &mut Vec<FileEntry>,
) -> anyhow::Result<bool> {
    if failures.is_empty() {
        return Ok(false);
    }
    for f in failures {
        shell.error(failure_line(f));
    }
    let bytes = tables::errors_csv(failures)?;
    match write_atomic(&out.join(ERRORS), &bytes) {
        Ok(()) => {
            now.push(FileEntry::of(ERRORS, &bytes));
            Ok(true)
        }
        Err(e) => {
            shell.error(format_args!("{e:#}"));
            Ok(false)
        }
    }
}

/// What the inputs held that was not understood, said once; returned for
/// the team summary.
fn say_not_understood(shell: &Shell, outcome: &Outcome) -> Vec<String> {
    let not_understood: Vec<String> = outcome
        .not_understood
        .iter()
        .map(|n| n.describe())
        .collect();
    for n in &not_understood {
        shell.print(format_args!("not understood: {n}"));
    }
    not_understood
}

/// What the team files are made from besides the people and the folder.
struct TeamInputs<'a> {
    pdf: &'a Pdf,
    protected: &'a Protected,
    not_understood: &'a [String],
}

/// Writes the team files, adds them to `now` (what this run has written)
/// and says their warnings; returns the group summaries' names. A group
/// summary never takes the name of a report of this run, nor of a file in
/// the folder that the run does not own.
fn team_files(
    cfg: &BatchConfig,
    shell: &Shell,
    run: &Running,
    team: TeamInputs<'_>,
    outcome: &mut Outcome,
    now: &mut Vec<FileEntry>,
) -> anyhow::Result<Vec<String>> {
    let out = run.out();
    let reports: BTreeSet<String> = now.iter().map(|f| f.path.clone()).collect();
    let owned = &run.folder.owned;
    let free = |name: &str| {
        !reports.contains(name)
            && (owned.contains(name) || std::fs::symlink_metadata(out.join(name)).is_err())
            && team.protected.clash(&out.join(name)).is_none()
    };
    let failed = failed_people(&outcome.failures);
    let team_run = TeamRun {
        catalog: &cfg.catalog,
        roles: &cfg.analysis.roles,
        today: cfg.analysis.today,
        team: &cfg.team,
        pdf: team.pdf,
        free: &free,
        scope: None,
    };
    let written = write_team_files(
        out,
        &mut outcome.people,
        (failed, team.not_understood),
        &team_run,
    )?;
    for w in &written.warnings {
        shell.warn(w);
    }
    now.extend(written.files);
    Ok(written.group_files)
}

/// Removes what an earlier run wrote that this one proves stale (`now`:
/// what this run wrote; `discarded`: the earlier team files set aside and
/// removed), says what was removed and what was kept, and returns the
/// kept files.
fn sweep(
    shell: &Shell,
    run: &Running,
    protected: &Protected,
    (now, discarded): (&[FileEntry], Vec<String>),
    outcome: &Outcome,
    end: &Ending,
) -> Kept {
    let out = run.out();
    let team_file = |n: &str| run.is_team_file(n);
    let written_names: BTreeSet<&str> = now.iter().map(|f| f.path.as_str()).collect();
    let sweep = Sweep {
        out,
        written: &written_names,
        stopped: end.cut_short(),
        keep_team: end.read_nobody,
        keep_errors: end.keep_errors,
        complete_read: outcome.inputs_failed.is_empty() && !end.read_nobody,
        failed: outcome.failed_slugs.iter().map(String::as_str).collect(),
        team_file: &team_file,
    };
    let (mut removal, kept) = sweep.run(&run.folder.earlier_files, protected);
    removal.removed.extend(
        discarded
            .into_iter()
            .filter(|n| !written_names.contains(n.as_str())),
    );
    if !removal.removed.is_empty() {
        let failed = !outcome.failures.is_empty();
        shell.note(removal_note(
            &removal.removed,
            &written_names,
            failed,
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
            if end.read_nobody {
                "no one's ratings could be read".to_string()
            } else {
                format!("{} could not be read", outcome.inputs_failed.join(", "))
            }
        ));
    }
    kept
}

/// The manifest's final record: status, counts, the files the run owns
/// (`now`: what it wrote; `kept`: earlier files still its own) and, for
/// a run that was not stopped, the group summaries, shard sizes and order.
fn record(
    run: &mut Running,
    now: Vec<FileEntry>,
    kept: Kept,
    group_files: Vec<String>,
    outcome: &Outcome,
    end: &Ending,
) {
    let out = run.out().to_path_buf();
    let earlier = run.folder.earlier.as_ref();
    let manifest = &mut run.manifest;
    manifest.stale = kept.stale;
    // Filled only when the run was not stopped; a run that read no one
    // keeps the earlier run's team files and their record.
    if end.read_nobody {
        if let Some(m) = earlier {
            manifest.shard_sizes.clone_from(&m.shard_sizes);
            manifest.order.clone_from(&m.order);
        }
    } else {
        manifest.group_files = group_files;
    }
    manifest.status = if end.cut_short() {
        Status::Interrupted
    } else {
        Status::Complete
    };
    manifest.run_id = None;
    manifest.people = Some(Counts {
        written: outcome.people.len(),
        failed: failed_people(&outcome.failures),
    });
    if !end.stopped() {
        manifest.shard_sizes.clone_from(&outcome.shard_sizes);
        manifest.order.clone_from(&outcome.order);
    }
    manifest.files = if end.cut_short() {
        still_owned(&out, &manifest.files, &now)
    } else {
        now.into_iter().chain(kept.files).collect()
    };
}

/// How the run went, as the exit code and its last line: interrupted,
/// stopped by a failed write, no one read, some people failed, or done.
fn verdict(
    cfg: &BatchConfig,
    shell: &Shell,
    outcome: &Outcome,
    end: &Ending,
    manifest_written: anyhow::Result<()>,
    started: Instant,
    stop: &Stop,
) -> anyhow::Result<()> {
    let out = &cfg.output;
    let people = outcome.people.len();
    let done = format!("{} of {}", thousands(people), thousands(outcome.total));
    if end.interrupted {
        manifest_written?;
        return Err(
            Interrupted(format!("interrupted: {done} written; run again to finish")).into(),
        );
    }
    if end.write_failed {
        let cause = outcome
            .failures
            .iter()
            .rev()
            .find(|f| stop.is_write_failure(&f.message))
            .map_or(String::new(), |f| format!(" ({})", f.message));
        return Err(DataError::Other {
            file: out.display().to_string(),
            message: format!(
                "stopped: a file could not be written{cause}; {done} written{}. Free space or fix the folder, then run again to finish",
                if end.keep_errors { ", errors.csv lists who failed" } else { "" }
            ),
        }
        .into());
    }
    manifest_written?;
    if end.read_nobody {
        return Err(DataError::Other {
            file: cfg
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            message: format!(
                "no one's ratings could be read{}; no team files were written and no earlier report was removed. Check that the input is the complete export and run again",
                if end.keep_errors { " (errors.csv lists why)" } else { "" }
            ),
        }
        .into());
    }
    let failed = failed_people(&outcome.failures);
    shell.status(format_args!(
        "{} reports, {} failed, {:.1} s → {}",
        people,
        people_count(failed),
        started.elapsed().as_secs_f64(),
        out.display()
    ));
    if outcome.failures.is_empty() {
        return Ok(());
    }
    Err(DataError::Other {
        file: out.join(ERRORS).display().to_string(),
        message: format!(
            "{} of {} people failed; the others were written. Fix the rows listed there and run again",
            thousands(failed),
            thousands(people + failed)
        ),
    }
    .into())
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
fn options(cfg: &BatchConfig) -> anyhow::Result<BTreeMap<String, String>> {
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
    o.insert(
        "templates_sha256".into(),
        crate::batch::manifest::templates_sha256(cfg.templates.as_deref())?,
    );
    Ok(o)
}
