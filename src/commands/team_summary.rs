//! `skillgap team-summary`: the team files from the JSON reports of
//! sharded batch runs. Every report is checked before it is counted (see
//! [`crate::batch::merge`]); a folder given twice or a person found in
//! two shards is refused rather than counted twice.

use super::batch::write_team_files;
use crate::analysis::team::PersonSummary;
use crate::batch::manifest::MANIFEST;
use crate::batch::merge::{MAX_REPORT_BYTES, report_from_json};
use crate::config::TeamSummaryConfig;
use crate::error::{DataError, UsageError};
use crate::render::Pdf;
use crate::render::pdf::draw::{FontOptions, Fonts};
use anyhow::Context;
use std::collections::HashMap;
use std::path::PathBuf;

/// Runs `team-summary`.
pub fn team_summary(cfg: &TeamSummaryConfig) -> anyhow::Result<()> {
    let mut people = Vec::new();
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
            people.push(PersonSummary::from_report(&report, &slug));
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
    people.sort_by(|a, b| a.person.cmp(&b.person).then(a.slug.cmp(&b.slug)));
    std::fs::create_dir_all(&cfg.output)
        .with_context(|| format!("{}: cannot create the output folder", cfg.output.display()))?;
    let pdf = Pdf {
        fonts: Fonts::new(&FontOptions {
            extra_fonts: vec![],
            system_fallback: true,
        })?,
        paper: super::batch::page_size(cfg.paper),
    };
    let (_, warnings, _) = write_team_files(
        &cfg.output,
        &people,
        (0, &[]),
        &cfg.catalog,
        &cfg.roles,
        cfg.today,
        &pdf,
    )?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    println!("{} people → {}", people.len(), cfg.output.display());
    Ok(())
}
