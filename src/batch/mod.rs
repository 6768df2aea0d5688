//! Batch runs: many people in, one report each plus a team summary out.
//! Inputs are read once; people are rendered in parallel (rayon) and each
//! file is written as soon as it is ready, so memory stays flat and an
//! interrupted run leaves only whole files behind.

mod naming;
mod progress;
pub mod tables;

pub use naming::{Slugs, in_shard, stable_hash};
pub use tables::Failure;

use crate::assessment::by_person;
use crate::config::{BatchConfig, Input, InputConfig};
use crate::error::DataError;
use crate::ingest::Table;
use crate::output::write_atomic;
use crate::pipeline::{Analysis, Earlier, name_from_file, person_report_since};
use crate::render::{Json, Pdf, Render};
use crate::team::PersonSummary;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// File extensions read from a folder.
const READABLE: [&str; 3] = ["csv", "tsv", "txt"];

/// One person to report on.
struct Job<'a> {
    file: &'a str,
    table: &'a Table,
    group: crate::assessment::PersonRows<'a>,
    fallback: String,
    slug: String,
    earlier: Option<Earlier<'a>>,
}

/// What a batch run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Summaries of the people whose reports were written, in input order.
    pub people: Vec<PersonSummary>,
    /// Everything that failed, in input order.
    pub failures: Vec<Failure>,
}

/// Expands folders into their readable files (sorted), keeps files as given.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, DataError> {
    let mut files = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| DataError::Other {
                file: p.display().to_string(),
                message: format!("cannot list the folder: {e}"),
            })?;
            let mut found: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .is_some_and(|e| READABLE.iter().any(|r| e.eq_ignore_ascii_case(r)))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return Err(DataError::Other {
                file: p.display().to_string(),
                message: "no such file or folder".into(),
            });
        }
    }
    Ok(files)
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
            encoding: cfg.encoding.clone(),
            max_input_bytes: cfg.max_input_bytes,
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
fn person_keys(group: &crate::assessment::PersonRows<'_>, display: &str) -> Vec<String> {
    group
        .rows
        .iter()
        .find_map(|r| r.email.as_deref())
        .map(|e| format!("email:{}", e.trim().to_lowercase()))
        .into_iter()
        .chain([format!("name:{}", display.trim().to_lowercase())])
        .collect()
}

/// Everyone in the `--previous` inputs, by [`person_keys`]; the first
/// input to hold a person wins.
fn earlier_index(tables: &[(String, PathBuf, Table)]) -> HashMap<String, Earlier<'_>> {
    let mut index = HashMap::new();
    for (name, path, table) in tables {
        for group in by_person(table) {
            let fallback = name_from_file(Some(path));
            let display = group.person.map_or(fallback.clone(), str::to_string);
            for key in person_keys(&group, &display) {
                index.entry(key).or_insert_with(|| Earlier {
                    file: name.as_str(),
                    table,
                    group: group.clone(),
                    fallback: fallback.clone(),
                });
            }
        }
    }
    index
}

/// Runs a batch: writes every report into `cfg.output` and returns what
/// happened. `pdf` renders PDFs when the run asks for them.
pub fn run(cfg: &BatchConfig, pdf: Option<&Pdf>) -> anyhow::Result<Outcome> {
    let files = expand_inputs(&cfg.inputs)?;
    let mut failures = Vec::new();
    let tables = read_all(cfg, &files, &mut failures);
    let earlier_tables = match &cfg.previous {
        Some(p) => read_all(cfg, &expand_inputs(std::slice::from_ref(p))?, &mut failures),
        None => Vec::new(),
    };
    let earlier = earlier_index(&earlier_tables);

    let mut slugs = Slugs::default();
    let mut jobs: Vec<Job<'_>> = Vec::new();
    for (name, path, table) in &tables {
        for p in &table.problems {
            // People whose every row is broken have no group; report them here.
            if !table
                .rows
                .iter()
                .any(|r| r.person.as_deref() == p.person.as_deref())
            {
                failures.push(Failure {
                    file: name.clone(),
                    line: Some(p.line),
                    person: p.person.clone(),
                    message: format!("{name}:{}:{}: {}", p.line, p.column, p.message),
                });
            }
        }
        for group in by_person(table) {
            let fallback = name_from_file(Some(path));
            let display = group.person.map_or(fallback.clone(), str::to_string);
            // Slugs are handed out before sharding so every shard names
            // people the same way.
            let slug = slugs.next(&display);
            let key = group
                .rows
                .iter()
                .find_map(|r| r.email.as_deref().map(str::to_string))
                .unwrap_or_else(|| display.clone());
            if let Some((k, n)) = cfg.shard
                && !in_shard(&key, k, n)
            {
                continue;
            }
            let earlier = person_keys(&group, &display)
                .iter()
                .find_map(|k| earlier.get(k))
                .cloned();
            jobs.push(Job {
                file: name,
                table,
                group,
                fallback,
                slug,
                earlier,
            });
        }
    }

    std::fs::create_dir_all(&cfg.output).map_err(|e| DataError::Other {
        file: cfg.output.display().to_string(),
        message: format!("cannot create the output folder: {e}"),
    })?;
    let analysis = Analysis {
        catalog: &cfg.catalog,
        roles: &cfg.roles,
        today: cfg.today,
        on_duplicate: cfg.on_duplicate,
        plan: &cfg.plan,
        basis: cfg.basis,
    };
    let bar = progress::Bar::new(jobs.len() as u64, cfg.progress);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start {} worker threads: {e}", cfg.jobs))?;
    let results: Vec<Result<PersonSummary, Failure>> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let r = one(&analysis, job, &cfg.output, cfg.json, pdf);
                bar.inc();
                r
            })
            .collect()
    });
    bar.finish();
    let mut people = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => people.push(p),
            Err(f) => failures.push(f),
        }
    }
    Ok(Outcome { people, failures })
}

fn one(
    analysis: &Analysis<'_>,
    job: &Job<'_>,
    out: &Path,
    json: bool,
    pdf: Option<&Pdf>,
) -> Result<PersonSummary, Failure> {
    let fail = |line: Option<usize>, message: String| Failure {
        file: job.file.to_string(),
        line,
        person: Some(
            job.group
                .person
                .map_or(job.fallback.clone(), str::to_string),
        ),
        message,
    };
    let report = person_report_since(
        analysis,
        job.file,
        job.table,
        &job.group,
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
    let write = |ext: &str, r: anyhow::Result<crate::render::Rendered>| -> Result<(), Failure> {
        let rendered = r.map_err(|e| fail(None, format!("{e:#}")))?;
        write_atomic(&out.join(format!("{}.{ext}", job.slug)), &rendered.bytes)
            .map_err(|e| fail(None, format!("{e:#}")))
    };
    if let Some(pdf) = pdf {
        write("pdf", pdf.render(&report))?;
    }
    if json {
        write("json", Json.render(&report))?;
    }
    Ok(PersonSummary::from_report(&report, &job.slug))
}
