//! `skillgap report`: one person's ratings → a report.

use crate::assessment::{PersonRows, by_person, select_person};
use crate::cli::Paper;
use crate::cli::ReportFormat;
use crate::config::{Input, ReportConfig};
use crate::error::{DataError, UsageError};
use crate::ingest::Table;
use crate::input::read_input;
use crate::output::slug;
use crate::output::{write_atomic, write_stdout};
use crate::pipeline::{Analysis, Earlier, name_from_file, person_report_since};
use crate::render::pdf::draw::{FontOptions, Fonts, PageSize};
use crate::render::{Json, Pdf, Render, Text};

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
    if let (Some(out), Some(Input::File(prev))) =
        (&cfg.output, cfg.previous.as_ref().map(|p| &p.input))
        && same_file(out, prev)
    {
        return Err(UsageError(format!(
            "-o {} is the --previous file; choose another output path",
            out.display()
        ))
        .into());
    }
    let file = cfg.input.input.display();
    let table = read_input(&cfg.input)?;
    for n in &table.info.notes {
        eprintln!("note: {file}: {n}");
    }
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
        .unwrap_or_else(|| match &cfg.input.input {
            Input::File(p) => name_from_file(Some(p)),
            Input::Stdin => name_from_file(None),
        });
    let analysis = Analysis {
        catalog: &cfg.catalog,
        roles: &cfg.roles,
        today: cfg.today,
        on_duplicate: cfg.on_duplicate,
        plan: &cfg.plan,
        basis: cfg.basis,
    };
    let previous = match &cfg.previous {
        Some(p) => {
            let name = p.input.display();
            let t = read_input(p)?;
            for w in &t.info.warnings {
                eprintln!("warning: {name}: {w}");
            }
            Some((name, t))
        }
        None => None,
    };
    let earlier = match &previous {
        Some((name, t)) => Some(earlier_group(cfg, name, t, group)?),
        None => None,
    };
    let report = person_report_since(
        &analysis,
        &file,
        &table.problems,
        group,
        &fallback,
        earlier.as_ref(),
    )?;
    for u in &report.unknown_skills {
        let hint = u
            .suggestion
            .as_ref()
            .map_or(String::new(), |s| format!("; did you mean \"{s}\"?"));
        eprintln!(
            "warning: {file}:{}: unknown skill \"{}\" is not counted{hint}",
            u.line,
            crate::ingest::shorten(&u.name)
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

/// The person's rows in the `--previous` input: the one person there, or
/// the one matching `--person`, the name or the email of the current rows.
fn earlier_group<'a>(
    cfg: &ReportConfig,
    name: &'a str,
    table: &'a Table,
    current: &PersonRows<'_>,
) -> Result<Earlier<'a>, DataError> {
    let groups = by_person(table);
    let fallback = match &cfg.previous.as_ref().map(|p| &p.input) {
        Some(Input::File(p)) => name_from_file(Some(p)),
        _ => name_from_file(None),
    };
    let wanted: Vec<String> = cfg
        .person
        .iter()
        .cloned()
        .chain(current.person.map(str::to_string))
        .chain(
            current
                .rows
                .iter()
                .find_map(|r| r.email.as_deref().map(str::to_string)),
        )
        .collect();
    let by_name = wanted.iter().find_map(|q| select_person(&groups, q));
    // One person there without a name, or compared with a file without
    // one, is taken as the same person; named people must match.
    let found = match groups.as_slice() {
        [only] if only.person.is_none() || current.person.is_none() => Some(only.clone()),
        _ => by_name.cloned(),
    };
    let Some(group) = found else {
        let message = if groups.is_empty() {
            "no ratings found in the --previous file".to_string()
        } else {
            format!(
                "the --previous file has no ratings for {}; people there: {}",
                wanted
                    .first()
                    .map_or("this person".to_string(), |w| format!("\"{w}\"")),
                list_people(&groups)
            )
        };
        return Err(DataError::Other {
            file: name.to_string(),
            message,
        });
    };
    Ok(Earlier {
        file: name,
        problems: &table.problems,
        group,
        fallback,
    })
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

/// The same file by path (links resolved) or, on Unix, by device and
/// inode, so a hard link to the input is caught too.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    if let (Ok(x), Ok(y)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}
