//! `skillgap report`: one person's ratings → a report.

use super::read_input;
use crate::assessment::{Assessed, assess, by_person, select_person};
use crate::cli::Paper;
use crate::cli::ReportFormat;
use crate::config::{Input, ReportConfig};
use crate::error::{DataError, UsageError};
use crate::output::slug;
use crate::output::{write_atomic, write_stdout};
use crate::render::pdf::draw::{FontOptions, Fonts, PageSize};
use crate::render::{Json, Pdf, Render, Text};
use crate::report::Report;

/// How many names to list when a team file needs `--person`.
const NAMES_SHOWN: usize = 5;

/// Runs `report`.
pub fn report(cfg: &ReportConfig) -> anyhow::Result<()> {
    if let (Some(out), Input::File(inp)) = (&cfg.output, &cfg.input.input)
        && same_file(out, inp)
    {
        return Err(UsageError(format!(
            "-o {} is the input file; choose another output path",
            out.display()
        ))
        .into());
    }
    let file = cfg.input.input.display();
    let table = read_input(&cfg.input)?;
    for w in &table.info.warnings {
        eprintln!("warning: {file}: {w}");
    }
    if let (true, Some(p)) = (table.rows.is_empty(), table.problems.first()) {
        return Err(DataError::Row {
            file,
            line: p.line,
            column: Some(p.column),
            message: p.message.clone(),
        }
        .into());
    }
    let groups = by_person(&table);
    let group = match (&cfg.person, groups.len()) {
        (Some(q), _) if groups.iter().any(|g| g.person.is_some()) => select_person(&groups, q)
            .ok_or_else(|| DataError::Other {
                file: file.clone(),
                message: format!(
                    "no person \"{q}\" in this file; people here: {}",
                    list_people(&groups)
                ),
            })?,
        (_, 1) => &groups[0],
        (None, 0) => {
            return Err(DataError::Other {
                file,
                message: "no ratings found".into(),
            }
            .into());
        }
        (_, n) => {
            return Err(DataError::Other {
                file: file.clone(),
                message: format!(
                    "has ratings for {n} people ({}); pick one with --person NAME",
                    list_people(&groups)
                ),
            }
            .into());
        }
    };
    let fallback = cfg
        .person
        .clone()
        .unwrap_or_else(|| fallback_name(&cfg.input.input));
    let Assessed {
        assessment, notes, ..
    } = assess(
        &file,
        &table,
        group,
        &cfg.catalog,
        cfg.on_duplicate,
        &fallback,
    )?;
    let report = Report::build(
        &assessment,
        &cfg.catalog,
        &cfg.roles,
        cfg.today,
        &file,
        notes,
        Some(&cfg.plan),
    );
    for u in &report.unknown_skills {
        let hint = u
            .suggestion
            .as_ref()
            .map_or(String::new(), |s| format!("; did you mean \"{s}\"?"));
        eprintln!(
            "warning: {file}:{}: unknown skill \"{}\" is not counted{hint}",
            u.line, u.name
        );
    }
    if !report.unrated.is_empty() {
        eprintln!(
            "warning: {} required skill(s) not rated, counted as 0: {}",
            report.unrated.len(),
            report
                .unrated
                .iter()
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let (rendered, output) = match cfg.format {
        ReportFormat::Text => (
            Text {
                color: cfg.color && cfg.output.is_none(),
            }
            .render(&report)?,
            cfg.output.clone(),
        ),
        ReportFormat::Json => (Json.render(&report)?, cfg.output.clone()),
        ReportFormat::Pdf => {
            let fonts = Fonts::new(&FontOptions {
                extra_fonts: cfg.fonts.clone(),
                system_fallback: true,
            })?;
            let paper = match cfg.paper {
                Paper::A4 => PageSize::A4,
                Paper::Letter => PageSize::Letter,
            };
            let out = cfg
                .output
                .clone()
                .unwrap_or_else(|| format!("{}-skillgap.pdf", slug(&report.person)).into());
            (Pdf { fonts, paper }.render(&report)?, Some(out))
        }
    };
    for w in &rendered.warnings {
        eprintln!("warning: {w}");
    }
    match &output {
        Some(path) => {
            write_atomic(path, &rendered.bytes)?;
            println!("{}", path.display());
            Ok(())
        }
        None => write_stdout(&rendered.bytes),
    }
}

fn list_people(groups: &[crate::assessment::PersonRows<'_>]) -> String {
    let names: Vec<&str> = groups.iter().filter_map(|g| g.person).collect();
    let mut s = names
        .iter()
        .take(NAMES_SHOWN)
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMES_SHOWN {
        s.push_str(&format!(" and {} more", names.len() - NAMES_SHOWN));
    }
    s
}

/// A file without a person column is named after the file:
/// `alex_morgan.csv` → "Alex Morgan".
fn fallback_name(input: &Input) -> String {
    let stem = match input {
        Input::File(p) => p.file_stem().map(|s| s.to_string_lossy().to_string()),
        Input::Stdin => None,
    };
    let words: Vec<String> = stem
        .unwrap_or_default()
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "Unnamed".into()
    } else {
        words.join(" ")
    }
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
