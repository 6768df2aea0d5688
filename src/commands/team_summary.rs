//! `skillgap team-summary`: the team files from the JSON reports of
//! sharded batch runs.

use super::batch::write_team_files;
use crate::config::TeamSummaryConfig;
use crate::error::DataError;
use crate::render::Pdf;
use crate::render::pdf::draw::{FontOptions, Fonts};
use crate::report::Report;
use crate::team::PersonSummary;
use anyhow::Context;

/// Runs `team-summary`.
pub fn team_summary(cfg: &TeamSummaryConfig) -> anyhow::Result<()> {
    let mut people = Vec::new();
    for dir in &cfg.dirs {
        let entries = std::fs::read_dir(dir).map_err(|e| DataError::Other {
            file: dir.display().to_string(),
            message: format!("cannot list the folder: {e}; give folders written by `skillgap batch --format json`"),
        })?;
        let mut files: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f)
                .with_context(|| format!("{}: cannot read", f.display()))?;
            let report: Report = serde_json::from_str(&text).map_err(|e| DataError::Row {
                file: f.display().to_string(),
                line: e.line(),
                column: Some(e.column()),
                message: format!(
                    "not a skillgap JSON report ({e}); remove it or re-run batch with --format json"
                ),
            })?;
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
    let (_, warnings) = write_team_files(
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
