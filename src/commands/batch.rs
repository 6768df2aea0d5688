//! `skillgap batch`: every person's report plus the team summary files.

use crate::batch::{self, Outcome, tables};
use crate::cli::Paper;
use crate::config::BatchConfig;
use crate::error::DataError;
use crate::output::write_atomic;
use crate::render::Pdf;
use crate::render::pdf::draw::{FontOptions, Fonts, PageSize};
use crate::render::pdf::render_team;
use crate::team::{PersonSummary, TeamReport};
use std::path::Path;
use std::time::Instant;

/// Maps the CLI paper choice onto the canvas page size.
pub(crate) fn page_size(p: Paper) -> PageSize {
    match p {
        Paper::A4 => PageSize::A4,
        Paper::Letter => PageSize::Letter,
    }
}

/// Runs `batch`.
pub fn batch(cfg: &BatchConfig) -> anyhow::Result<()> {
    let started = Instant::now();
    let fonts = Fonts::new(&FontOptions {
        extra_fonts: cfg.fonts.clone(),
        system_fallback: true,
    })?;
    let pdf = Pdf {
        fonts: fonts.clone(),
        paper: page_size(cfg.paper),
    };
    let Outcome {
        people,
        failures,
        not_understood,
    } = batch::run(cfg, cfg.pdf.then_some(&pdf))?;
    let not_understood: Vec<String> = not_understood.iter().map(|n| n.describe()).collect();
    if !cfg.quiet {
        for n in &not_understood {
            eprintln!("not understood: {n}");
        }
    }
    let (_, warnings) = write_team_files(
        &cfg.output,
        &people,
        (failures.len(), &not_understood),
        &cfg.catalog,
        &cfg.roles,
        cfg.today,
        &pdf,
    )?;
    if !cfg.quiet {
        for w in warnings {
            eprintln!("warning: {w}");
        }
    }
    let errors = cfg.output.join("errors.csv");
    if failures.is_empty() {
        // A stale list from an earlier run would blame people who are fine now.
        if errors.exists() {
            std::fs::remove_file(&errors).ok();
        }
    } else {
        write_atomic(&errors, &tables::errors_csv(&failures)?)?;
        if !cfg.quiet {
            for f in &failures {
                eprintln!("error: {}", f.message);
            }
        }
    }
    if !cfg.quiet {
        eprintln!(
            "{} reports, {} failed, {:.1} s → {}",
            people.len(),
            failures.len(),
            started.elapsed().as_secs_f64(),
            cfg.output.display()
        );
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(DataError::Other {
            file: cfg.output.join("errors.csv").display().to_string(),
            message: format!(
                "{} of {} failed; the others were written. Fix the rows listed there and run again",
                failures.len(),
                people.len() + failures.len()
            ),
        }
        .into())
    }
}

/// Writes team-summary.csv, team-skills.csv and team-summary.pdf into
/// `out` (with how many people failed and what the inputs held that was
/// not understood); returns the summary and the PDF's warnings (missing
/// glyphs).
pub(crate) fn write_team_files(
    out: &Path,
    people: &[PersonSummary],
    (failed, not_understood): (usize, &[String]),
    catalog: &crate::catalog::Catalog,
    roles: &[String],
    today: chrono::NaiveDate,
    pdf: &Pdf,
) -> anyhow::Result<(TeamReport, Vec<String>)> {
    let role_cols: Vec<(String, String)> = catalog
        .roles
        .iter()
        .filter(|r| roles.is_empty() || roles.contains(&r.id))
        .map(|r| (r.id.clone(), r.title.clone()))
        .collect();
    write_atomic(
        &out.join("team-summary.csv"),
        &tables::team_summary_csv(people, &role_cols)?,
    )?;
    let skill_cols: Vec<(String, String)> = catalog
        .skills
        .iter()
        .filter(|s| people.iter().any(|p| p.rating(&s.id).is_some()))
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    write_atomic(
        &out.join("team-skills.csv"),
        &tables::team_skills_csv(people, &skill_cols)?,
    )?;
    let mut report = TeamReport::build(people, failed, catalog, roles, today);
    report.not_understood = not_understood.to_vec();
    let rendered = render_team(pdf, &report)?;
    write_atomic(&out.join("team-summary.pdf"), &rendered.bytes)?;
    Ok((report, rendered.warnings))
}
