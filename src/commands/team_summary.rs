//! `skillgap team-summary`: the team files from the JSON reports of
//! sharded batch runs. Every report is checked before it is counted (see
//! [`crate::batch::merge`]); a folder given twice or a person found in
//! two shards is refused rather than counted twice.

use crate::analysis::team::PersonSummary;
use crate::batch::Failure;
use crate::batch::manifest::MANIFEST;
use crate::batch::merge::{MAX_REPORT_BYTES, report_from_json};
use crate::batch::tables::{ERRORS, ERRORS_HEADER};
use crate::batch::team_files::{TeamRun, write_team_files};
use crate::config::TeamSummaryConfig;
use crate::error::{DataError, UsageError};
use crate::render::Pdf;
use crate::render::pdf::draw::{FontOptions, Fonts};
use anyhow::Context;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Runs `team-summary`.
pub fn team_summary(cfg: &TeamSummaryConfig) -> anyhow::Result<()> {
    let mut people = Vec::new();
    let mut failures: Vec<Failure> = Vec::new();
    let mut seen_dirs: Vec<(PathBuf, &PathBuf)> = Vec::new();
    // Person key (email, else name) → the shard and file that hold them.
    // Sharding puts everyone with one key in one shard, so the same key in
    // two folders is the same person counted twice; within one folder it
    // is two people of the same name.
    let mut holder: HashMap<String, (usize, PathBuf)> = HashMap::new();
    for (shard, dir) in cfg.dirs.iter().enumerate() {
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
        failures.extend(shard_errors(dir)?);
        let entries = std::fs::read_dir(dir).map_err(|e| DataError::Other {
            file: dir.display().to_string(),
            message: format!("cannot list the folder: {e}; give folders written by `skillgap batch --format json`"),
        })?;
        // The run's own record is not a report; links to folders are not
        // followed, and what is not a regular file is refused when read.
        let mut files: Vec<_> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter(|p| p.file_name().is_some_and(|n| n != MANIFEST))
            .collect();
        files.sort();
        for f in files {
            let bytes =
                crate::regular_file::read(&f, MAX_REPORT_BYTES).map_err(|e| DataError::Other {
                    file: f.display().to_string(),
                    message: e.to_string(),
                })?;
            let report = report_from_json(&bytes).map_err(|e| match e.at {
                Some((line, column)) => DataError::Row {
                    file: f.display().to_string(),
                    line,
                    column: Some(column),
                    message: format!(
                        "{}; remove it or re-run batch with --format json",
                        e.message
                    ),
                },
                None => DataError::Other {
                    file: f.display().to_string(),
                    message: format!(
                        "{}; remove it or re-run batch with --format json",
                        e.message
                    ),
                },
            })?;
            let key = match &report.email {
                Some(e) if !e.trim().is_empty() => format!("email:{}", e.trim().to_lowercase()),
                _ => format!("name:{}", report.person.trim().to_lowercase()),
            };
            if let Some((_, first)) = holder.get(&key).filter(|(s, _)| *s != shard) {
                return Err(DataError::Other {
                    file: f.display().to_string(),
                    message: format!(
                        "{} is also in {}; each person must be in one shard only (is a shard given twice, or were two runs written into one folder?)",
                        report.person,
                        first.display()
                    ),
                }
                .into());
            }
            holder.entry(key).or_insert((shard, f.clone()));
            let slug = f
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            people.push((PersonSummary::from_report(&report, &slug), f.clone()));
        }
    }
    if people.is_empty() {
        return Err(DataError::Other {
            file: cfg
                .dirs
                .first()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            message: "no JSON reports found; run `skillgap batch --format json` first".into(),
        }
        .into());
    }
    // Shards interleave people; sort so the summary does not depend on how
    // the work was split.
    people.sort_by(|a, b| a.0.person.cmp(&b.0.person).then(a.0.slug.cmp(&b.0.slug)));
    std::fs::create_dir_all(&cfg.output)
        .with_context(|| format!("{}: cannot create the output folder", cfg.output.display()))?;
    let out_dir = std::fs::canonicalize(&cfg.output).unwrap_or_else(|_| cfg.output.clone());
    let mut people: Vec<PersonSummary> = people
        .into_iter()
        .map(|(mut p, f)| {
            // The `report` column: the JSON's path relative to OUT_DIR
            // when it is inside it (out/shard-1/ana.json → shard-1/ana.json).
            let full = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
            p.report = full
                .strip_prefix(&out_dir)
                .map_or_else(|_| f.display().to_string(), |r| r.display().to_string());
            p
        })
        .collect();
    if !failures.is_empty() {
        let bytes = crate::batch::tables::errors_csv(&failures)?;
        crate::output::write_atomic(&cfg.output.join(ERRORS), &bytes)?;
    }
    let pdf = Pdf {
        fonts: Fonts::new(&FontOptions {
            extra_fonts: vec![],
            system_fallback: true,
        })?,
        paper: super::batch::page_size(cfg.paper),
    };
    let out = &cfg.output;
    // A group summary replaces only a missing file or a PDF (an earlier
    // merge's, as team-summary.pdf itself is replaced); anything else
    // there keeps its name and the summary takes `-2`.
    let free = |name: &str| match std::fs::symlink_metadata(out.join(name)) {
        Err(_) => true,
        Ok(m) if m.file_type().is_file() => {
            let mut head = [0u8; 5];
            std::fs::File::open(out.join(name))
                .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
                .is_ok_and(|()| &head == b"%PDF-")
        }
        Ok(_) => false,
    };
    let run = TeamRun {
        catalog: &cfg.catalog,
        roles: &cfg.roles,
        today: cfg.today,
        team: &cfg.team,
        pdf: &pdf,
        free: &free,
    };
    let written = write_team_files(out, &mut people, (failures.len(), &[]), &run)?;
    for w in written.warnings {
        eprintln!("warning: {w}");
    }
    if !cfg.quiet {
        println!(
            "{} people, {} failed → {}",
            people.len(),
            failures.len(),
            out.display()
        );
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(DataError::Other {
            file: out.join(ERRORS).display().to_string(),
            message: format!(
                "{} failed in the shards' batch runs (listed there); the summary counts them as failed",
                failures.len()
            ),
        }
        .into())
    }
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
        crate::ingest::strip_unsafe(s).into_owned()
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
