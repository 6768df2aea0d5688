//! Batch runs: many people in, one report each plus a team summary out.
//! A reader thread streams people out of the inputs as soon as their rows
//! are complete; the workers (rayon) render them in parallel and write
//! each file as soon as it is ready, so memory stays flat and an
//! interrupted run leaves only whole files behind.

pub mod completeness;
pub mod folder;
pub mod manifest;
pub mod merge;
mod naming;
mod progress;
mod settings;
pub mod stop;
pub mod tables;
pub mod team_files;

pub use naming::{RESERVED, Slugs, in_shard, shard_of};
pub use settings::{BatchConfig, TeamOptions};
pub use stop::Stop;
pub use tables::Failure;

use crate::analysis::assessment::{PersonRows, asked_skills, by_person};
use crate::analysis::pipeline::{Analysis, Earlier, name_from_file, person_report};
use crate::analysis::team::PersonSummary;
use crate::catalog::Catalog;
use crate::error::DataError;
use crate::ingest::{PersonGroup, PersonSink, RawRating, RowProblem, Table};
use crate::input::{Input, InputConfig};
use crate::output::{Protected, write_atomic_all};
use crate::render::Exports;
use manifest::FileEntry;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File extensions read from a folder.
const READABLE: [&str; 7] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"];

/// One person to report on, with their rows.
struct Job<'a> {
    file: Arc<str>,
    person: Option<Arc<str>>,
    rows: Vec<RawRating>,
    problems: Vec<RowProblem>,
    fallback: Arc<str>,
    slug: String,
    earlier: Option<Earlier<'a>>,
    /// What the person's input asks (shared by everyone of that input).
    asked: Arc<BTreeSet<String>>,
    /// The person's place in the input, counted over every shard.
    at: u64,
}

/// Work handed from the reading thread to the report workers.
enum Item<'a> {
    /// Someone to report on.
    Job(Box<Job<'a>>),
    /// Something that failed while reading.
    Failed(Failure),
}

/// People read ahead of the report workers at most: only their rows are
/// held, however large the input.
const READ_AHEAD: usize = 64;

/// People handed to the workers at a time: one hand-over per person cost
/// 2-3% of a batch's CPU in waking and parking threads.
const CHUNK: usize = 8;

/// Numbered people (or failures) on their way from the reader.
type Chunk<'c> = Vec<(usize, Item<'c>)>;

/// What a batch run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Summaries of the people whose reports were written, in input order.
    pub people: Vec<PersonSummary>,
    /// Everything that failed, in input order.
    pub failures: Vec<Failure>,
    /// Every file written, by name in the output folder.
    pub written: Vec<FileEntry>,
    /// People to report on (in this shard), including any not reached.
    pub total: usize,
    /// Per input file with something not understood: what it was.
    pub not_understood: Vec<NotUnderstood>,
    /// Each written report's place in the input (by slug), counted over
    /// every shard: team-summary puts merged shards back in this order.
    pub order: std::collections::BTreeMap<String, u64>,
    /// People in the input per shard (shard 1 first); one entry when the
    /// run is not sharded.
    pub shard_sizes: Vec<usize>,
    /// Inputs that could not be read, or held no one: people missing
    /// from this run may be in them, so none is taken as gone.
    pub inputs_failed: Vec<String>,
    /// Slugs of the people whose rows failed: their earlier reports are
    /// kept (marked stale), not removed as if they had left.
    pub failed_slugs: Vec<String>,
}

/// What happened to one item of work.
enum Done {
    /// The person's files were written; their place in the input.
    Written(Box<PersonSummary>, Vec<FileEntry>, u64),
    /// It failed; the person's slug when it was someone's.
    Failed(Failure, Option<String>),
    /// The run was stopping: not started.
    Skipped,
}

/// What one input held that no report uses: skill labels the catalogue
/// does not know and columns that were ignored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotUnderstood {
    /// The input file.
    pub file: String,
    /// Unknown skill names (a whole label, or the unknown part of a
    /// combined one) with how many ratings they hold.
    pub labels: Vec<(String, usize)>,
    /// Headers of the columns that were ignored.
    pub columns: Vec<String>,
    /// Ratings unused: answered cells under a label with an unknown part,
    /// each cell once however many parts are unknown (as `check` counts).
    pub unused: usize,
}

impl NotUnderstood {
    /// What `table` holds that the catalogue cannot place; None when
    /// everything was understood.
    pub fn of(file: &str, table: &Table, catalog: &crate::catalog::Catalog) -> Option<Self> {
        let mut labels: Vec<(String, usize)> = Vec::new();
        let unused = crate::analysis::assessment::unknown_label_ratings(table, catalog);
        for (label, n) in &table.skill_labels {
            let m = catalog.matcher.resolve(label);
            for part in m.unknown() {
                let name = if m.is_split() {
                    format!("{} (in \"{label}\")", part.text)
                } else {
                    part.text.clone()
                };
                labels.push((name, *n));
            }
        }
        // Form bookkeeping (Start time, quiz points) is understood, just unused.
        const BOOKKEEPING: [&str; 7] = [
            "starttime",
            "lastmodifiedtime",
            "totalpoints",
            "points",
            "quizfeedback",
            "feedback",
            "score",
        ];
        let columns = table
            .info
            .columns_ignored
            .iter()
            .filter(|c| !BOOKKEEPING.contains(&crate::catalog::normalise(c).as_str()))
            .cloned()
            .collect::<Vec<_>>();
        (!labels.is_empty() || !columns.is_empty()).then(|| NotUnderstood {
            file: file.to_string(),
            labels,
            columns,
            unused,
        })
    }

    /// One line for the terminal and the team summary.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.labels.is_empty() {
            let total = self.unused;
            let list: Vec<String> = self
                .labels
                .iter()
                .map(|(l, n)| format!("\"{l}\" ({n})"))
                .collect();
            let n = self.labels.len();
            parts.push(format!(
                "{n} skill {} not in the catalogue, {total} {} unused: {}",
                if n == 1 { "name" } else { "names" },
                if total == 1 { "rating" } else { "ratings" },
                list.join(", ")
            ));
        }
        if !self.columns.is_empty() {
            let list: Vec<String> = self.columns.iter().map(|c| format!("\"{c}\"")).collect();
            let n = self.columns.len();
            parts.push(format!(
                "{n} {} with no ratings in {}, ignored as {}: {}",
                if n == 1 { "column" } else { "columns" },
                if n == 1 { "it" } else { "them" },
                if n == 1 {
                    "a comment, not a skill"
                } else {
                    "comments, not skills"
                },
                list.join(", ")
            ));
        }
        format!("{}: {}", self.file, parts.join("; "))
    }
}

/// Expands folders into their readable files (sorted), keeps files as given.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, DataError> {
    expand_inputs_noting(inputs).map(|(files, _)| files)
}

/// Like [`expand_inputs`], and also returns the symbolic links found in
/// the folders, which are skipped: a link in a folder of exports may
/// point anywhere (`/etc/shadow`), and its lines would reach errors.csv.
/// A folder with no ratings file in it is an error, never an empty run.
pub fn expand_inputs_noting(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), DataError> {
    let mut files = Vec::new();
    let mut links = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| DataError::Other {
                file: p.display().to_string(),
                message: format!("cannot list the folder: {e}"),
            })?;
            let readable = |f: &Path| {
                f.extension()
                    .is_some_and(|e| READABLE.iter().any(|r| e.eq_ignore_ascii_case(r)))
            };
            let mut found = Vec::new();
            let links_before = links.len();
            for e in entries.flatten() {
                // The entry's own type: a link is not followed to learn it.
                let Ok(t) = e.file_type() else { continue };
                let f = e.path();
                if t.is_symlink() && readable(&f) {
                    links.push(f);
                } else if t.is_file() && readable(&f) {
                    found.push(f);
                }
            }
            if found.is_empty() {
                return Err(DataError::Other {
                    file: p.display().to_string(),
                    message: format!(
                        "holds no ratings files ({}){}; nothing was written or removed",
                        READABLE.map(|r| format!(".{r}")).join(", "),
                        if links.len() == links_before {
                            ""
                        } else {
                            ", only symbolic links, which are not followed"
                        }
                    ),
                });
            }
            found.sort();
            files.extend(found);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            let message = match std::fs::metadata(p) {
                Ok(m) => format!(
                    "is {}; give ratings files or folders of them",
                    crate::regular_file::kind(m.file_type())
                ),
                Err(_) => "no such file or folder".into(),
            };
            return Err(DataError::Other {
                file: p.display().to_string(),
                message,
            });
        }
    }
    links.sort();
    Ok((files, links))
}

/// A message the batch layer has for the reader: the command shows it
/// through its shell, a warning always, a note unless `--quiet`.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Something the reader must know (an input not read as given).
    Warning(String),
    /// What the run did on its own.
    Note(String),
}

/// The input files of a run: folders expanded, the same file given twice
/// read once (with a warning), and files in `out` that an earlier run
/// wrote there (`owned`, from its manifest) skipped with a note. Returns
/// the files and the messages to show.
pub fn plan_inputs(
    inputs: &[PathBuf],
    out: &Path,
    owned: &BTreeSet<String>,
) -> Result<(Vec<PathBuf>, Vec<Notice>), DataError> {
    let out_dir = std::fs::canonicalize(out).ok();
    // (canonical path, device and inode, as first given)
    let mut seen: Vec<(PathBuf, Option<FileId>, PathBuf)> = Vec::new();
    let mut files = Vec::new();
    let (found, links) = expand_inputs_noting(inputs)?;
    let mut notes: Vec<Notice> = links
        .iter()
        .map(|l| {
            Notice::Warning(format!(
                "skipping {}: a symbolic link; links in an input folder are not followed (give the file itself)",
                l.display()
            ))
        })
        .collect();
    for f in found {
        let canonical = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
        let id = file_id(&f);
        if let Some((_, _, first)) = seen
            .iter()
            .find(|(c, i, _)| *c == canonical || (id.is_some() && *i == id))
        {
            notes.push(Notice::Warning(format!(
                "{} is the same file as {}; it is read once",
                f.display(),
                first.display()
            )));
            continue;
        }
        seen.push((canonical.clone(), id, f.clone()));
        let name = canonical
            .file_name()
            .map(|n| n.to_string_lossy().to_string());
        if out_dir.is_some()
            && canonical.parent() == out_dir.as_deref()
            && name.is_some_and(|n| owned.contains(&n))
        {
            notes.push(Notice::Note(format!(
                "skipping {}: an earlier run wrote it into the output folder (see {})",
                f.display(),
                manifest::MANIFEST
            )));
            continue;
        }
        files.push(f);
    }
    Ok((files, notes))
}

/// Device and inode of a file.
type FileId = (u64, u64);

fn file_id(p: &Path) -> Option<FileId> {
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

/// Reads every file of `files`; what cannot be read is a failure.
fn read_all(
    cfg: &BatchConfig,
    files: &[PathBuf],
    failures: &mut Vec<Failure>,
) -> Vec<(String, PathBuf, Table)> {
    let mut tables: Vec<(String, PathBuf, Table)> = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let input = InputConfig {
            input: Input::File(f.clone()),
            read: cfg.read.clone(),
        };
        match crate::input::read_input(&input) {
            Ok(t) => tables.push((name, f.clone(), t)),
            Err(e) => failures.push(Failure {
                file: name,
                line: None,
                person: None,
                message: format!("{e:#}"),
            }),
        }
    }
    tables
}

/// How a person is found again in the `--previous` inputs: email, else name.
fn person_keys(email: Option<&str>, display: &str) -> Vec<String> {
    email
        .map(|e| format!("email:{}", e.trim().to_lowercase()))
        .into_iter()
        .chain([format!("name:{}", display.trim().to_lowercase())])
        .collect()
}

/// Everyone in the `--previous` inputs, by [`person_keys`]; the first
/// input to hold a person wins.
fn earlier_index<'t>(
    tables: &'t [(String, PathBuf, Table)],
    catalog: &Catalog,
) -> HashMap<String, Earlier<'t>> {
    let mut index = HashMap::new();
    for (name, path, table) in tables {
        for group in by_person(table, catalog) {
            let fallback = name_from_file(Some(path));
            let display = group.person.map_or(fallback.clone(), str::to_string);
            let email = group.rows.iter().find_map(|r| r.email.as_deref());
            for key in person_keys(email, &display) {
                index.entry(key).or_insert_with(|| Earlier {
                    file: name.as_str(),
                    problems: &table.problems,
                    group: group.clone(),
                    fallback: fallback.clone(),
                });
            }
        }
    }
    index
}

/// Takes the people of the inputs as ingestion completes them, names
/// them, and passes them on, numbered in input order.
struct Reader<'a, 'c> {
    cfg: &'a BatchConfig,
    bar: &'a progress::Bar,
    earlier: &'a HashMap<String, Earlier<'c>>,
    slugs: Slugs,
    /// The input being read, and the name of a person in it without one.
    file: Arc<str>,
    fallback: Arc<str>,
    next: usize,
    /// Read but not yet handed over (fewer than [`CHUNK`]).
    pending: Chunk<'c>,
    tx: std::sync::mpsc::SyncSender<Chunk<'c>>,
    /// The workers are gone (one panicked): reading on is pointless.
    stopped: bool,
    /// The skills the current input asks, matched once per input: the
    /// labels ingestion handed out and their catalogue skills.
    asked: Option<AskedOf>,
    /// Set on a signal or a failed write: people are counted, not sent.
    stop: &'a Stop,
    /// People seen (in this shard), sent or not.
    total: &'a std::sync::atomic::AtomicUsize,
    /// What each input held that was not understood.
    not_understood: Vec<NotUnderstood>,
    /// People in the input per shard, all shards counted.
    shard_sizes: Vec<usize>,
    /// People in the input so far, all shards counted.
    seen: u64,
    /// Inputs that failed to read or held no one.
    inputs_failed: Vec<String>,
    /// Slugs of named people all of whose rows failed.
    failed_slugs: Vec<String>,
}

/// What the reader leaves: what was not understood, the shard sizes, the
/// inputs that could not be read and the people whose rows all failed.
type ReaderEnd = (Vec<NotUnderstood>, Vec<usize>, Vec<String>, Vec<String>);

/// An input's skill labels and the catalogue skills they ask.
type AskedOf = (Arc<[Arc<str>]>, Arc<BTreeSet<String>>);

impl<'a, 'c> Reader<'a, 'c> {
    /// A reader at the start of the inputs, sending people to `tx`;
    /// `bar` and `total` count them.
    fn new(
        cfg: &'a BatchConfig,
        (bar, total): (&'a progress::Bar, &'a std::sync::atomic::AtomicUsize),
        earlier: &'a HashMap<String, Earlier<'c>>,
        tx: std::sync::mpsc::SyncSender<Chunk<'c>>,
        stop: &'a Stop,
    ) -> Self {
        Reader {
            cfg,
            bar,
            earlier,
            slugs: Slugs::default(),
            file: Arc::from(""),
            fallback: Arc::from(""),
            next: 0,
            pending: Vec::with_capacity(CHUNK),
            tx,
            stopped: false,
            asked: None,
            stop,
            total,
            not_understood: Vec::new(),
            shard_sizes: vec![0; cfg.shard.map_or(1, |(_, n)| n as usize)],
            seen: 0,
            inputs_failed: Vec::new(),
            failed_slugs: Vec::new(),
        }
    }

    fn send(&mut self, item: Item<'c>) {
        self.pending.push((self.next, item));
        self.next += 1;
        if self.pending.len() >= CHUNK {
            self.flush();
        }
    }

    /// Hands the people read so far to the workers.
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let chunk = std::mem::replace(&mut self.pending, Vec::with_capacity(CHUNK));
            if self.tx.send(chunk).is_err() {
                self.stopped = true;
            }
        }
    }

    /// Problems of rows that no report will show: every row of someone was
    /// broken, or a row names no one.
    fn orphan_problems(&mut self, problems: &[RowProblem]) {
        for p in problems {
            let name = self.file.to_string();
            let message = format!("{name}:{}:{}: {}", p.line, p.column, p.message);
            self.send(Item::Failed(Failure {
                file: name,
                line: Some(p.line),
                person: p.person.clone(),
                message,
            }));
        }
    }

    /// Reads every input, in order.
    fn read(&mut self, files: &[PathBuf]) {
        for f in files {
            if self.stopped {
                return;
            }
            self.file = Arc::from(f.display().to_string());
            self.fallback = Arc::from(name_from_file(Some(f)));
            let input = InputConfig {
                input: Input::File(f.clone()),
                read: self.cfg.read.clone(),
            };
            let before = self.seen;
            match crate::input::read_input_people(&input, self) {
                Ok(table) => {
                    self.orphan_problems(&table.problems);
                    let file = self.file.to_string();
                    self.not_understood
                        .extend(NotUnderstood::of(&file, &table, &self.cfg.catalog));
                    // An export that lost its rows (empty, cut short before
                    // the first person) is not a team whose members all left.
                    if self.seen == before {
                        self.inputs_failed.push(file.clone());
                        let message = format!(
                            "{file}: holds no one's ratings; check that the export is complete"
                        );
                        self.send(Item::Failed(Failure {
                            file,
                            line: None,
                            person: None,
                            message,
                        }));
                    }
                }
                Err(e) => {
                    let file = self.file.to_string();
                    self.inputs_failed.push(file.clone());
                    let message = format!("{e:#}{}", limit_hint(&e, self.cfg.shard));
                    self.send(Item::Failed(Failure {
                        file,
                        line: None,
                        person: None,
                        message,
                    }));
                }
            }
        }
    }
}

impl PersonSink for Reader<'_, '_> {
    fn person(&mut self, group: PersonGroup) {
        if group.rows.is_empty() {
            if let Some(p) = group.person.as_deref() {
                self.failed_slugs.push(self.slugs.peek(p));
            }
            self.orphan_problems(&group.problems);
            return;
        }
        let display = group
            .person
            .as_deref()
            .map_or_else(|| self.fallback.to_string(), str::to_string);
        // Slugs are handed out before sharding so every shard names people
        // the same way.
        let slug = self.slugs.next(&display);
        let email = group.rows.iter().find_map(|r| r.email.as_deref());
        let at = self.seen;
        self.seen += 1;
        let (k, n) = self.cfg.shard.unwrap_or((1, 1));
        let shard = shard_of(email.unwrap_or(&display), n);
        if let Some(size) = self.shard_sizes.get_mut((shard - 1) as usize) {
            *size += 1;
        }
        if shard != k {
            return;
        }
        self.total
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if self.stop.stopping() {
            return;
        }
        let earlier = person_keys(email, &display)
            .iter()
            .find_map(|k| self.earlier.get(k))
            .cloned();
        self.bar.add(1);
        let asked = match &self.asked {
            Some((labels, asked)) if Arc::ptr_eq(labels, &group.labels) => Arc::clone(asked),
            _ => {
                let asked = Arc::new(asked_skills(
                    group.labels.iter().map(|l| &**l),
                    &self.cfg.catalog,
                ));
                self.asked = Some((Arc::clone(&group.labels), Arc::clone(&asked)));
                asked
            }
        };
        let job = Job {
            file: Arc::clone(&self.file),
            person: group.person,
            rows: group.rows,
            problems: group.problems,
            fallback: Arc::clone(&self.fallback),
            slug,
            earlier,
            asked,
            at,
        };
        self.send(Item::Job(Box::new(job)));
    }
}

/// Runs a batch: writes every report into `cfg.output` and returns what
/// happened. `exports` are the formats written per person.
///
/// One thread reads the inputs and hands people on as soon as their rows
/// are complete (see [`crate::ingest::read_people`]) while the workers
/// write reports, so a 10,000-person export never sits in memory as a
/// whole. Results are put back in input order: the output does not depend
/// on `--jobs`.
pub fn run(
    cfg: &BatchConfig,
    exports: &Exports<'_>,
    files: &[PathBuf],
    (protected, journal): (&Protected, Option<&folder::Journal>),
    stop: &Stop,
) -> anyhow::Result<Outcome> {
    let mut failures = Vec::new();
    let earlier_tables = match &cfg.previous {
        Some(p) => read_all(cfg, &expand_inputs(std::slice::from_ref(p))?, &mut failures),
        None => Vec::new(),
    };
    let earlier = earlier_index(&earlier_tables, &cfg.catalog);
    let total = std::sync::atomic::AtomicUsize::new(0);
    let analysis = cfg.analysis.analysis(&cfg.catalog);
    let bar = progress::Bar::new(0, cfg.progress);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start {} worker threads: {e}", cfg.jobs))?;
    let (tx, rx) = std::sync::mpsc::sync_channel(READ_AHEAD / CHUNK);
    let out = Output {
        dir: &cfg.output,
        exports,
        protected,
        journal,
        stop,
    };
    #[allow(clippy::type_complexity)]
    let (mut results, (not_understood, shard_sizes, inputs_failed, mut failed_slugs)): (
        Vec<(usize, Done)>,
        ReaderEnd,
    ) = std::thread::scope(|s| {
        let mut reader = Reader::new(cfg, (&bar, &total), &earlier, tx, stop);
        let reading = s.spawn(move || {
            reader.read(files);
            reader.flush();
            (
                reader.not_understood,
                reader.shard_sizes,
                reader.inputs_failed,
                reader.failed_slugs,
            )
        });
        let results = pool.install(|| {
            rx.into_iter()
                .par_bridge()
                .flat_map_iter(|chunk| chunk.into_iter())
                .map(|(n, item)| (n, work(item, &analysis, &out, &bar)))
                .collect()
        });
        // The reader only ends after sending everyone; a panic there is a bug.
        let read = reading.join().unwrap_or_default();
        (results, read)
    });
    bar.finish();
    results.sort_unstable_by_key(|(n, _)| *n);
    let mut people = Vec::with_capacity(results.len());
    let mut written = Vec::new();
    let mut order = std::collections::BTreeMap::new();
    for (_, r) in results {
        match r {
            Done::Written(p, files, at) => {
                order.insert(p.slug.clone(), at);
                people.push(*p);
                written.extend(files);
            }
            Done::Failed(f, slug) => {
                failures.push(f);
                failed_slugs.extend(slug);
            }
            Done::Skipped => {}
        }
    }
    Ok(Outcome {
        people,
        failures,
        written,
        total: total.into_inner(),
        not_understood,
        order,
        shard_sizes,
        inputs_failed,
        failed_slugs,
    })
}

/// For an input over the per-input limit on people or cells: how to run
/// it anyway (more shards: each allows N times the limit).
fn limit_hint(e: &anyhow::Error, shard: Option<(u64, u64)>) -> String {
    use crate::ingest::IngestError::{TooManyCells, TooManyPeople};
    let over = e.downcast_ref::<DataError>().is_some_and(|d| {
        matches!(
            d,
            DataError::Ingest {
                error: TooManyPeople { .. } | TooManyCells { .. },
                ..
            }
        )
    });
    match shard {
        _ if !over => String::new(),
        Some((_, n)) => format!(
            ". This is --shard K/{n}'s limit ({n} times one run's, as each shard reports on about 1/{n} of the people); split the run into more shards (--shard K/M with M > {n})"
        ),
        None => ". Or split the run into shards (--shard K/N): each allows N times as many".into(),
    }
}

/// One item a worker takes: a person's reports written, or a failure
/// the reader already found. Stopping: the people not started are
/// dropped; the ones at hand are finished.
fn work(item: Item<'_>, analysis: &Analysis<'_>, out: &Output<'_>, bar: &progress::Bar) -> Done {
    match item {
        Item::Job(_) if out.stop.stopping() => Done::Skipped,
        Item::Job(job) => {
            let r = match one(analysis, &job, out) {
                Ok((p, files)) => Done::Written(Box::new(p), files, job.at),
                Err(f) => Done::Failed(f, Some(job.slug.clone())),
            };
            bar.inc();
            r
        }
        Item::Failed(f) => Done::Failed(f, None),
    }
}

/// Where and how a person's files are written.
struct Output<'a> {
    dir: &'a Path,
    /// The formats written, in order.
    exports: &'a Exports<'a>,
    protected: &'a Protected,
    /// Where each report is listed before it is renamed into place.
    journal: Option<&'a folder::Journal>,
    stop: &'a Stop,
}

fn one(
    analysis: &Analysis<'_>,
    job: &Job<'_>,
    out: &Output<'_>,
) -> Result<(PersonSummary, Vec<FileEntry>), Failure> {
    let fail = |line: Option<usize>, message: String| Failure {
        file: job.file.to_string(),
        line,
        person: Some(
            job.person
                .as_deref()
                .map_or_else(|| job.fallback.to_string(), str::to_string),
        ),
        message,
    };
    let group = PersonRows {
        person: job.person.as_deref(),
        rows: job.rows.iter().collect(),
        asked: Some(Arc::clone(&job.asked)),
    };
    let report = person_report(
        analysis,
        &job.file,
        &job.problems,
        &group,
        &job.fallback,
        job.earlier.as_ref(),
    )
    .map_err(|e| {
        let line = match &e {
            DataError::Row { line, .. } => Some(*line),
            _ => None,
        };
        fail(line, e.to_string())
    })?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut render = |ext: &str, r: anyhow::Result<crate::render::Rendered>| {
        let rendered = r.map_err(|e| fail(None, format!("{e:#}")))?;
        files.push((format!("{}.{ext}", job.slug), rendered.bytes));
        Ok::<(), Failure>(())
    };
    for (extension, renderer) in out.exports.iter() {
        render(extension, renderer.render(&report))?;
    }
    let paths: Vec<PathBuf> = files.iter().map(|(n, _)| out.dir.join(n)).collect();
    for p in &paths {
        if let Some(what) = out.protected.clash(p) {
            return Err(fail(
                None,
                format!(
                    "{}: not written: it is {what} of this run; move the input out of the output folder",
                    p.display()
                ),
            ));
        }
    }
    // A link, FIFO or folder at this person's name fails this person
    // only: it says nothing about the disk, so the run goes on.
    for p in &paths {
        if let Err(e) = crate::output::refuse_non_regular(p) {
            return Err(fail(None, format!("{e}; not written")));
        }
    }
    // The PDF and the JSON are replaced together or not at all.
    let pairs: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(&files)
        .map(|(p, (_, b))| (p.as_path(), b.as_slice()))
        .collect();
    let entries: Vec<FileEntry> = files
        .iter()
        .map(|(n, b)| FileEntry::of(n.clone(), b))
        .collect();
    // Listed before they are in place: a run killed after the rename
    // still leaves the next run a record of them.
    let journaled = out.journal.map_or(Ok(()), |j| j.record(&entries));
    if let Err(e) = journaled
        .map_err(|e| anyhow::anyhow!("{}: {e}", folder::JOURNAL))
        .and_then(|()| write_atomic_all(&pairs))
    {
        // A full disk fails every later file too: stop the run.
        let failure = fail(None, format!("{e:#}"));
        out.stop.fail_write(&failure.message);
        return Err(failure);
    }
    let mut summary = PersonSummary::from_report(&report, &job.slug);
    // The `report` column names the file a reader opens: the PDF, else the JSON.
    if let Some((name, _)) = files.first() {
        summary.report.clone_from(name);
    }
    Ok((summary, entries))
}
