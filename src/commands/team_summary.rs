//! `skillgap team-summary`: the team files from the JSON reports of
//! sharded batch runs. The shards' manifests must make one whole run
//! (see [`crate::batch::completeness`]; `--allow-partial` merges a part on
//! purpose and says so); every report is checked before it is counted
//! (see [`crate::batch::merge`]) and must be one its shard's run wrote; a
//! folder given twice or a person found in two shards is refused rather
//! than counted twice. People come out in the input's order.

use crate::analysis::team::PersonSummary;
use crate::batch::Failure;
use crate::batch::completeness::{self, Gap, Refusal, ShardDir, Whole};
use crate::batch::folder::{Lock, remove_owned};
use crate::batch::manifest::{
    Counts, FileEntry, MANIFEST, MANIFEST_VERSION, MERGE_KIND, Manifest, Status,
};
use crate::batch::merge::{MAX_REPORT_BYTES, report_from_json};
use crate::batch::tables::{ERRORS, ERRORS_HEADER};
use crate::batch::team_files::TEAM_FILES;
use crate::batch::team_files::{TeamRun, write_team_files};
use crate::config::TeamSummaryConfig;
use crate::console::Shell;
use crate::error::{DataError, UsageError};
use crate::output::Protected;
use crate::render::Pdf;
use crate::render::pdf::draw::{FontOptions, Fonts};
use crate::text::thousands;
use anyhow::Context;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Runs `team-summary`; warnings and the final line go through `shell`.
pub fn team_summary(cfg: &TeamSummaryConfig, shell: &Shell) -> anyhow::Result<()> {
    let whole = shards(cfg)?;
    if !whole.gaps.is_empty() && !cfg.allow_partial {
        return Err(incomplete(&whole).into());
    }
    let (today, roles) = settings(cfg, &whole)?;
    let mut failures: Vec<Failure> = Vec::new();
    for d in &whole.finished {
        failures.extend(shard_errors(&d.dir)?);
    }
    let people = read_reports(&whole.finished, &cfg.catalog, cfg.jobs, shell)?;
    if people.is_empty() {
        return Err(no_reports(cfg).into());
    }
    std::fs::create_dir_all(&cfg.output)
        .with_context(|| format!("{}: cannot create the output folder", cfg.output.display()))?;
    // The merge owns its folder as a batch owns its own: a lock, and a
    // manifest saying which files are its.
    let _lock = Lock::claim(&cfg.output)?;
    let owned = own_folder(cfg)?;
    let mut people = with_report_column(people, &cfg.output);
    let mut now = write_errors(cfg, &whole, &failures)?;
    let pdf = Pdf {
        fonts: Fonts::new(&FontOptions {
            extra_fonts: cfg.pdf.fonts.clone(),
            system_fallback: true,
        })?,
        paper: cfg.pdf.paper,
    };
    let out = &cfg.output;
    // A group summary replaces only a missing file or one an earlier
    // merge wrote; anything else there (a person's report named
    // team-summary-x.pdf) keeps its name and the summary takes `-2`.
    let free = |name: &str| {
        owned.iter().any(|f| f.path == name) || std::fs::symlink_metadata(out.join(name)).is_err()
    };
    let run = TeamRun {
        catalog: &cfg.catalog,
        roles: &roles,
        today,
        team: &cfg.team,
        pdf: &pdf,
        free: &free,
        scope: partial_scope(&whole),
    };
    let failed = super::batch::failed_people(&failures);
    let written = write_team_files(out, &mut people, (failed, &[]), &run)?;
    for w in &written.warnings {
        shell.warn(w);
    }
    now.extend(written.files.iter().cloned());
    // What an earlier merge wrote and this one did not (its errors.csv,
    // its group summaries) goes, if it still holds the recorded bytes.
    let names: std::collections::BTreeSet<&str> = now.iter().map(|f| f.path.as_str()).collect();
    let stale = owned.iter().filter(|f| !names.contains(f.path.as_str()));
    let removal = remove_owned(out, stale, &Protected::default());
    for name in &removal.changed {
        shell.warn(format_args!(
            "kept {}: it changed since an earlier merge wrote it",
            out.join(name).display()
        ));
    }
    let manifest = Manifest {
        options: merge_options(today, &roles, cfg),
        people: Some(Counts {
            written: people.len(),
            failed,
        }),
        files: now,
        group_files: written.group_files.clone(),
        ..merge_manifest(Status::Complete)
    };
    crate::output::write_atomic(&out.join(MANIFEST), &manifest.to_bytes()?)?;
    for g in &whole.gaps {
        shell.warn(format_args!("--allow-partial: {}", g.describe()));
    }
    if !shell.is_quiet() {
        shell.out_line(format_args!(
            "{} people, {} failed{} → {}",
            people.len(),
            super::batch::people_count(failed),
            partial_scope(&whole).map_or(String::new(), |s| format!(" ({s})")),
            out.display()
        ))?;
    }
    if failures.is_empty() {
        return Ok(());
    }
    Err(DataError::Other {
        file: out.join(ERRORS).display().to_string(),
        message: format!(
            "{} failed in the shards' batch runs (listed there); the summary counts them as failed",
            super::batch::people_count(failed)
        ),
    }
    .into())
}

/// The refusal of a merge that found no reports.
fn no_reports(cfg: &TeamSummaryConfig) -> DataError {
    DataError::Other {
        file: cfg
            .dirs
            .first()
            .map(|d| d.display().to_string())
            .unwrap_or_default(),
        message: "no JSON reports found; run `skillgap batch --format json` first".into(),
    }
}

/// The merge's errors.csv: what `--allow-partial` left out, then the
/// shards' failures; written only when there are any. Its manifest entry.
fn write_errors(
    cfg: &TeamSummaryConfig,
    whole: &Whole,
    failures: &[Failure],
) -> anyhow::Result<Vec<FileEntry>> {
    let partial = partial_rows(whole);
    if failures.is_empty() && partial.is_empty() {
        return Ok(Vec::new());
    }
    let listed: Vec<Failure> = partial.iter().chain(failures).cloned().collect();
    let bytes = crate::batch::tables::errors_csv(&listed)?;
    crate::output::write_atomic(&cfg.output.join(ERRORS), &bytes)?;
    Ok(vec![FileEntry::of(ERRORS, &bytes)])
}

/// The people with their `report` column: the file a single run's column
/// names (the PDF when the shard wrote one), relative to OUT_DIR when it is
/// inside it (out/shard-1/ana.pdf → shard-1/ana.pdf).
fn with_report_column(people: Vec<(PersonSummary, PathBuf)>, out: &Path) -> Vec<PersonSummary> {
    let out_dir = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
    people
        .into_iter()
        .map(|(mut p, f)| {
            let full = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
            p.report = full
                .strip_prefix(&out_dir)
                .map_or_else(|_| f.display().to_string(), |r| r.display().to_string());
            p
        })
        .collect()
}

/// A merge's manifest in `status`, listing nothing yet.
fn merge_manifest(status: Status) -> Manifest {
    Manifest {
        manifest_version: MANIFEST_VERSION,
        kind: Some(MERGE_KIND.into()),
        status,
        run_id: None,
        options: Default::default(),
        inputs: Vec::new(),
        people: None,
        files: Vec::new(),
        group_files: Vec::new(),
        shard_sizes: Vec::new(),
        order: Default::default(),
        stale: Vec::new(),
    }
}

/// The options recorded in a merge's manifest.
fn merge_options(
    today: NaiveDate,
    roles: &[String],
    cfg: &TeamSummaryConfig,
) -> std::collections::BTreeMap<String, String> {
    let mut o = std::collections::BTreeMap::new();
    o.insert("date".into(), today.to_string());
    o.insert("roles".into(), roles.join(","));
    let dirs: Vec<String> = cfg.dirs.iter().map(|d| d.display().to_string()).collect();
    o.insert("shards".into(), dirs.join(","));
    o
}

/// The files an earlier merge wrote into the output folder. A folder that
/// holds a batch or shard run (its manifest), a manifest that is not
/// skillgap's, or a team file no merge wrote there is refused: the merge
/// would replace that run's or the user's files, and would read its own
/// errors.csv back as a shard's on the next merge.
fn own_folder(cfg: &TeamSummaryConfig) -> anyhow::Result<Vec<FileEntry>> {
    let out = &cfg.output;
    let refuse = |why: String| -> anyhow::Error {
        UsageError(format!(
            "-o {}: {why}; give team-summary a folder of its own (e.g. {})",
            out.display(),
            out.join("summary").display()
        ))
        .into()
    };
    let earlier = Manifest::read(out).map_err(|why| {
        refuse(format!(
            "its {MANIFEST} {why}, and the merge would replace it"
        ))
    })?;
    let owned = match earlier {
        Some(m) if m.is_merge() => m.files,
        Some(_) => {
            return Err(refuse(
                "it holds a batch run (its manifest.json), whose files the merge would replace"
                    .into(),
            ));
        }
        None => Vec::new(),
    };
    // A merge's folder: its fixed files are its own by name (a merge
    // killed while writing them left them unlisted).
    let merge_folder = std::fs::symlink_metadata(out.join(MANIFEST)).is_ok();
    for name in TEAM_FILES.iter().chain(&[ERRORS]) {
        if !merge_folder && std::fs::symlink_metadata(out.join(name)).is_ok() {
            return Err(refuse(format!(
                "{name} there was not written by team-summary, and the merge would replace it"
            )));
        }
    }
    // Written first: a merge killed from here on leaves a folder the next
    // merge knows as a merge's.
    let running = Manifest {
        files: owned.clone(),
        ..merge_manifest(Status::Running)
    };
    crate::output::write_atomic(&out.join(MANIFEST), &running.to_bytes()?)?;
    Ok(owned)
}

/// The folders given, each once, with their manifests, checked to be the
/// shards of one run (see [`crate::batch::completeness`]).
fn shards(cfg: &TeamSummaryConfig) -> anyhow::Result<Whole> {
    let mut seen_dirs: Vec<(PathBuf, &PathBuf)> = Vec::new();
    let mut dirs = Vec::new();
    for dir in &cfg.dirs {
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        if let Some((_, first)) = seen_dirs.iter().find(|(c, _)| *c == canonical) {
            return Err(UsageError(format!(
                "the folder {} is given twice (also as {}); give each shard's folder once",
                dir.display(),
                first.display()
            ))
            .into());
        }
        seen_dirs.push((canonical, dir));
        if !dir.is_dir() {
            return Err(DataError::Other {
                file: dir.display().to_string(),
                message: "is not a folder; give folders written by `skillgap batch`".into(),
            }
            .into());
        }
        dirs.push(ShardDir::read(dir).map_err(refused)?);
    }
    completeness::check(dirs).map_err(|r| refused(r).into())
}

fn refused(r: Refusal) -> DataError {
    DataError::Other {
        file: r.file,
        message: r.message,
    }
}

/// The refusal of an incomplete merge: every gap, and what to do.
fn incomplete(whole: &Whole) -> DataError {
    let list: Vec<String> = whole.gaps.iter().map(Gap::describe).collect();
    let missing: Vec<String> = whole.gaps.iter().map(|g| g.shard.0.to_string()).collect();
    DataError::Other {
        // The run's folder: the one that holds the shard folders.
        file: whole
            .finished
            .first()
            .and_then(|d| d.dir.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".into(), |p| p.display().to_string()),
        message: format!(
            "not merged: {} of {} shard(s) missing or unfinished: {}. Run shard(s) {} again (Slurm: `scontrol requeue JOBID_TASKID` while the job is known, else --shard K/{}; Kubernetes: rerun the Job's failed indexes) and merge again, or give --allow-partial to merge the rest on purpose",
            whole.gaps.len(),
            whole.shards,
            list.join("; "),
            missing.join(", "),
            whole.shards
        ),
    }
}

/// The date and roles of the merge: the shards' (they agree), which a
/// `--date` or `--role` given to the merge must match; and the merge's
/// templates must be theirs.
fn settings(cfg: &TeamSummaryConfig, whole: &Whole) -> anyhow::Result<(NaiveDate, Vec<String>)> {
    let Some(first) = whole.finished.first() else {
        return Ok((cfg.today, cfg.roles.clone()));
    };
    let at = first.dir.join(MANIFEST).display().to_string();
    let opts = &first.manifest.options;
    let mut today = cfg.today;
    if let Some(d) = opts.get("date").and_then(|d| d.parse::<NaiveDate>().ok()) {
        if cfg.date_given && d != cfg.today {
            return Err(UsageError(format!(
                "--date {} but the shards were made with --date {d} ({at}); leave --date out or give {d}",
                cfg.today
            ))
            .into());
        }
        today = d;
    }
    let mut roles = cfg.roles.clone();
    if let Some(r) = opts.get("roles") {
        let theirs: Vec<String> = r
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if cfg.roles_given && theirs != cfg.roles {
            return Err(UsageError(format!(
                "--role {} but the shards compared {} ({at}); leave --role out or give the shards' roles",
                cfg.roles.join(" --role "),
                if theirs.is_empty() { "every role".to_string() } else { theirs.join(", ") }
            ))
            .into());
        }
        roles = theirs;
    }
    if let Some(theirs) = opts.get("templates_sha256") {
        let ours = crate::batch::manifest::templates_sha256(cfg.templates.as_deref())?;
        if *theirs != ours {
            return Err(UsageError(format!(
                "the shards were made with other templates ({at}: {}) than this merge's ({}); give team-summary the shards' --templates",
                opts.get("templates").map_or("the built-in ones", String::as_str),
                cfg.templates.as_ref().map_or("the built-in ones".to_string(), |t| t.display().to_string())
            ))
            .into());
        }
    }
    Ok((today, roles))
}

/// What `--allow-partial` left out, as errors.csv rows.
fn partial_rows(whole: &Whole) -> Vec<Failure> {
    whole
        .gaps
        .iter()
        .map(|g| Failure {
            file: g.dir.as_ref().map_or_else(
                || format!("shard {}/{}", g.shard.0, g.shard.1),
                |d| d.display().to_string(),
            ),
            line: None,
            person: None,
            message: format!("{} (merged with --allow-partial)", g.describe()),
        })
        .collect()
}

/// Page 1's word on a partial merge: which shards and how many people are
/// missing.
fn partial_scope(whole: &Whole) -> Option<String> {
    if whole.gaps.is_empty() {
        return None;
    }
    let ks: Vec<String> = whole.gaps.iter().map(|g| g.shard.0.to_string()).collect();
    let shards = format!(
        "PARTIAL: shard{} {} of {} missing",
        if ks.len() == 1 { "" } else { "s" },
        ks.join(", "),
        whole.shards
    );
    let missing: Option<usize> = whole.gaps.iter().map(|g| g.people).sum();
    Some(match (missing, whole.people) {
        (Some(m), Some(all)) => format!(
            "{shards}, {} of {} people not included",
            thousands(m),
            thousands(all)
        ),
        _ => format!("{shards}, their people not included"),
    })
}

/// Every finished shard's JSON reports, checked, with the file each
/// person's `report` column names; in the input's order. Files are read
/// and parsed by `jobs` threads; the checks that compare reports with one
/// another then run in file order, so the first refusal and the result are
/// the same for any number of threads.
fn read_reports(
    shards: &[ShardDir],
    catalog: &crate::catalog::Catalog,
    jobs: usize,
    shell: &Shell,
) -> anyhow::Result<Vec<(PersonSummary, PathBuf)>> {
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start {jobs} reader threads: {e}"))?;
    let mut people = Vec::new();
    // Person key (email, else name) → the shard and file that hold them.
    // Sharding puts everyone with one key in one shard, so the same key in
    // two folders is the same person counted twice; within one folder it
    // is two people of the same name.
    let mut holder: HashMap<String, (usize, PathBuf)> = HashMap::new();
    for (shard, d) in shards.iter().enumerate() {
        let listed: HashMap<&str, &FileEntry> = d
            .manifest
            .files
            .iter()
            .map(|f| (f.path.as_str(), f))
            .collect();
        let mut read = 0;
        // Within the shard: each file once (a hard link is the same file)
        // and each email once (two people of one name may share a shard).
        let mut seen = InShard::default();
        let files = report_files(&d.dir, shell)?;
        let parsed: Vec<Result<Parsed, DataError>> = pool.install(|| {
            files
                .par_iter()
                .map(|f| Parsed::read(f, d, &listed, catalog))
                .collect()
        });
        for (f, p) in files.iter().zip(parsed) {
            let p = p?;
            seen.check(f, p.email.as_deref())?;
            p.roles_known?;
            if let Some((_, first)) = holder.get(&p.key).filter(|(s, _)| *s != shard) {
                return Err(DataError::Other {
                    file: f.display().to_string(),
                    message: format!(
                        "{} is also in {}; each person must be in one shard only (is a shard given twice, or were two runs written into one folder?)",
                        p.summary.person,
                        first.display()
                    ),
                }
                .into());
            }
            holder.entry(p.key).or_insert((shard, f.clone()));
            p.listed?;
            people.push((p.at, p.summary, p.shown));
            read += 1;
        }
        let expected = listed.keys().filter(|n| is_report(n)).count();
        if read < expected {
            return Err(DataError::Other {
                file: d.dir.join(MANIFEST).display().to_string(),
                message: format!(
                    "lists {expected} JSON report(s) but {read} are in the folder: reports were removed after the run; rerun shard {}/{}",
                    d.shard.0, d.shard.1
                ),
            }
            .into());
        }
    }
    // A single run keeps the input's order; older manifests without it
    // fall back to names.
    people.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.person.cmp(&b.1.person))
            .then(a.1.slug.cmp(&b.1.slug))
    });
    Ok(people.into_iter().map(|(_, p, f)| (p, f)).collect())
}

/// One JSON report read and parsed on its own, with what the checks
/// against the other reports need, and the outcome of the checks that
/// need only it (kept to be raised in file order).
struct Parsed {
    /// Its email, as written.
    email: Option<String>,
    /// The person key: email, else name.
    key: String,
    /// The row for the team files.
    summary: PersonSummary,
    /// Its place in the input.
    at: u64,
    /// The file its `report` column names.
    shown: PathBuf,
    /// Whether every role it compares is one the templates define.
    roles_known: Result<(), DataError>,
    /// Whether the shard's manifest lists it, unchanged.
    listed: Result<(), DataError>,
}

impl Parsed {
    /// Reads `f` of shard `d`: `Err` when it cannot be read or is not a
    /// report.
    fn read(
        f: &Path,
        d: &ShardDir,
        listed: &HashMap<&str, &FileEntry>,
        catalog: &crate::catalog::Catalog,
    ) -> Result<Parsed, DataError> {
        let bytes =
            crate::regular_file::read(f, MAX_REPORT_BYTES).map_err(|e| DataError::Other {
                file: f.display().to_string(),
                message: e.to_string(),
            })?;
        let report = parse(f, &bytes)?;
        let key = match &report.email {
            Some(e) if !e.trim().is_empty() => format!("email:{}", e.trim().to_lowercase()),
            _ => format!("name:{}", report.person.trim().to_lowercase()),
        };
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let slug = f
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        // The file a single run's `report` column names: the PDF when
        // the shard wrote one.
        let pdf = format!("{slug}.pdf");
        let shown = if listed.contains_key(pdf.as_str()) {
            d.dir.join(&pdf)
        } else {
            f.to_path_buf()
        };
        Ok(Parsed {
            roles_known: roles_known(f, &report, catalog),
            listed: check_listed(f, &name, &bytes, listed),
            at: d.manifest.order.get(&slug).copied().unwrap_or(u64::MAX),
            summary: PersonSummary::from_report(&report, &slug),
            email: report.email,
            key,
            shown,
        })
    }
}

/// The reports of one shard read so far, by file and by email.
#[derive(Default)]
struct InShard {
    files: HashMap<(u64, u64), PathBuf>,
    emails: HashMap<String, PathBuf>,
}

impl InShard {
    /// Refuses the report read from `f` when its file or its person (by
    /// email: two people of one name may share a shard) was read already.
    fn check(&mut self, f: &Path, email: Option<&str>) -> Result<(), DataError> {
        let twice = |first: &Path, what: &str| DataError::Other {
            file: f.display().to_string(),
            message: format!(
                "{what} {}; a report is counted once. Remove the copy (rerun the shard if in doubt)",
                first.display()
            ),
        };
        if let Some(first) = file_id(f).and_then(|id| self.files.insert(id, f.to_path_buf())) {
            return Err(twice(&first, "is the same file as"));
        }
        if let Some(e) = email.filter(|e| !e.trim().is_empty())
            && let Some(first) = self.emails.insert(e.trim().to_lowercase(), f.to_path_buf())
        {
            return Err(twice(&first, "is the same person (email) as"));
        }
        Ok(())
    }
}

/// Refuses `report` (read from `f`) when it compares a role the templates
/// do not define.
fn roles_known(
    f: &Path,
    report: &crate::analysis::report::Report,
    catalog: &crate::catalog::Catalog,
) -> Result<(), DataError> {
    match report
        .roles
        .iter()
        .find(|r| !catalog.roles.iter().any(|c| c.id == r.id))
    {
        Some(r) => Err(DataError::Other {
            file: f.display().to_string(),
            message: format!(
                "compares role {:?}, which the templates do not define; give team-summary the shards' --templates",
                r.id
            ),
        }),
        None => Ok(()),
    }
}

/// Device and inode of a file.
fn file_id(p: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(p)
            .ok()
            .map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = p;
        None
    }
}

/// A person's JSON report name (not the manifest, not the team's JSON).
fn is_report(name: &str) -> bool {
    name.ends_with(".json") && name != MANIFEST && name != crate::batch::team_files::TEAM_FILES[3]
}

/// The JSON reports in `dir`, sorted. Symbolic links are skipped with a
/// warning (a link may point at any file, whose lines would reach the
/// merge's errors), and what is not a regular file is refused when read.
fn report_files(dir: &Path, shell: &Shell) -> anyhow::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| DataError::Other {
        file: dir.display().to_string(),
        message: format!(
            "cannot list the folder: {e}; give folders written by `skillgap batch --format json`"
        ),
    })?;
    let mut files = Vec::new();
    let mut links = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        if !p
            .file_name()
            .is_some_and(|n| is_report(&n.to_string_lossy()))
        {
            continue;
        }
        match e.file_type() {
            Ok(t) if t.is_symlink() => links.push(p),
            Ok(t) if !t.is_dir() => files.push(p),
            _ => {}
        }
    }
    links.sort();
    for l in links {
        shell.warn(format_args!(
            "skipping {}: a symbolic link; links in a shard folder are not followed",
            l.display()
        ));
    }
    files.sort();
    Ok(files)
}

/// One JSON report, checked (see [`crate::batch::merge`]).
fn parse(f: &Path, bytes: &[u8]) -> Result<crate::analysis::report::Report, DataError> {
    report_from_json(bytes).map_err(|e| {
        let message = format!(
            "{}; remove it or re-run batch with --format json",
            e.message
        );
        match e.at {
            Some((line, column)) => DataError::Row {
                file: f.display().to_string(),
                line,
                column: Some(column),
                message,
            },
            None => DataError::Other {
                file: f.display().to_string(),
                message,
            },
        }
    })
}

/// A report must be one the shard's run wrote, unchanged since.
fn check_listed(
    f: &Path,
    name: &str,
    bytes: &[u8],
    listed: &HashMap<&str, &FileEntry>,
) -> Result<(), DataError> {
    let why = match listed.get(name) {
        None => {
            "is not a report this folder's run wrote (its manifest.json does not list it); move it out of the shard folder"
        }
        Some(e) if !e.unchanged(bytes) => {
            "was changed after the shard's run wrote it (its size or hash is not the one manifest.json lists); rerun that shard"
        }
        Some(_) => return Ok(()),
    };
    Err(DataError::Other {
        file: f.display().to_string(),
        message: why.into(),
    })
}

/// Largest errors.csv read from a shard.
const MAX_ERRORS_BYTES: u64 = 64 << 20;

/// The failures a shard's batch run listed in its errors.csv (none when
/// it has none). The cells are cleaned as ingestion cleans names.
fn shard_errors(dir: &Path) -> anyhow::Result<Vec<Failure>> {
    let path = dir.join(ERRORS);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(Vec::new());
    }
    let bad = |message: String| DataError::Other {
        file: path.display().to_string(),
        message,
    };
    let bytes =
        crate::regular_file::read(&path, MAX_ERRORS_BYTES).map_err(|e| bad(e.to_string()))?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("not an errors.csv of skillgap batch ({e})")))?
        .iter()
        .map(str::to_string)
        .collect();
    if header != ERRORS_HEADER {
        return Err(bad(
            "not an errors.csv of skillgap batch (its header is not file,line,person,error); move it away"
                .into(),
        )
        .into());
    }
    let cell = |s: &str| {
        let s = s.strip_prefix('\'').unwrap_or(s);
        crate::text::strip_unsafe(s).into_owned()
    };
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| bad(format!("cannot be read ({e})")))?;
        let person = cell(rec.get(2).unwrap_or(""));
        out.push(Failure {
            file: cell(rec.get(0).unwrap_or("")),
            line: rec.get(1).and_then(|l| l.parse().ok()),
            person: (!person.is_empty()).then_some(person),
            message: cell(rec.get(3).unwrap_or("")),
        });
    }
    Ok(out)
}
