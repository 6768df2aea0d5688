//! `skillgap report`: one person's ratings → a report.

use crate::analysis::assessment::{Found, PersonRows, by_person, find_person, select_person};
use crate::analysis::pipeline::{Analysis, Earlier, name_from_file, person_report};
use crate::analysis::report::Report;
use crate::cli::ReportFormat;
use crate::config::{Input, InputConfig, ReportConfig};
use crate::console::Shell;
use crate::error::{DataError, UsageError};
use crate::ingest::Table;
use crate::input::read_input;
use crate::model::{RatingState, UnratedPolicy};
use crate::output::{Protected, refuse_non_regular, slug, write_atomic, write_stdout};
use crate::render::{Json, Render, Text};
use std::path::{Path, PathBuf};

/// How many names to list when a team file needs `--person`.
const NAMES_SHOWN: usize = 5;

/// Runs `report`: read, pick the person, analyse, render, write.
pub fn report(cfg: &ReportConfig, shell: &Shell) -> anyhow::Result<()> {
    if let Some(out) = &cfg.output {
        guard_output(cfg, out)?;
    }
    let file = cfg.input.input.display();
    let table = read(&cfg.input, shell)?;
    let groups = by_person(&table, &cfg.catalog);
    let group = pick_person(cfg, &file, &groups, &table)?;
    let fallback = fallback_name(cfg, shell, &file, group);
    let previous = cfg
        .previous
        .as_ref()
        .map(|p| read_previous(p, shell))
        .transpose()?;
    let earlier = match &previous {
        Some((name, t)) => Some(earlier_group(cfg, name, t, group)?),
        None => None,
    };
    let analysis = Analysis {
        target: cfg.target.clone(),
        ..cfg.analysis.analysis(&cfg.catalog)
    };
    let report = person_report(
        &analysis,
        &file,
        &table.problems,
        group,
        &fallback,
        earlier.as_ref(),
    )?;
    say_what_is_not_counted(shell, &file, &report);
    let rendered = renderer(cfg, shell)?.render(&report)?;
    for w in &rendered.warnings {
        shell.warn(w);
    }
    match destination(cfg, &report) {
        Some(path) => {
            guard_output(cfg, &path)?;
            write_atomic(&path, &rendered.bytes)?;
            shell.out_line(path.display())
        }
        None => write_stdout(&rendered.bytes),
    }
}

/// Reads the input, saying what reading it noted; an input whose every
/// row failed is that first failure.
fn read(input: &InputConfig, shell: &Shell) -> anyhow::Result<Table> {
    let file = input.input.display();
    let table = read_input(input)?;
    for n in &table.info.notes {
        shell.note(format_args!("{file}: {n}"));
    }
    for w in &table.info.warnings {
        shell.warn(format_args!("{file}: {w}"));
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
    Ok(table)
}

/// Reads the `--previous` input, with its warnings; its name is the one
/// the report and its errors use.
fn read_previous(input: &InputConfig, shell: &Shell) -> anyhow::Result<(String, Table)> {
    let name = input.input.display();
    let table = read_input(input)?;
    for w in &table.info.warnings {
        shell.warn(format_args!("{name}: {w}"));
    }
    Ok((name, table))
}

/// The person the report is about: the one `--person` names, or the only
/// one in the input; several without `--person` are a question, never a
/// guess.
fn pick_person<'t>(
    cfg: &ReportConfig,
    file: &str,
    groups: &'t [PersonRows<'t>],
    table: &Table,
) -> Result<&'t PersonRows<'t>, DataError> {
    match (&cfg.person, groups.len()) {
        (Some(q), _) if groups.iter().any(|g| g.person.is_some()) => match find_person(groups, q) {
            Found::One(g) => Ok(g),
            Found::Several(several) => Err(several_match(file, q, &several)),
            Found::Nobody => Err(not_found(file, q, groups, table)),
        },
        (_, 1) => Ok(&groups[0]),
        (None, 0) => Err(DataError::Other {
            file: file.to_string(),
            message: "no ratings found".into(),
        }),
        (_, n) => Err(DataError::Other {
            file: file.to_string(),
            message: format!(
                "has ratings for {n} people ({}); pick one with --person NAME",
                list_people(groups)
            ),
        }),
    }
}

/// The name of a person the input does not name: `--person`, else the
/// file's name (said in a note, with how to choose another).
fn fallback_name(cfg: &ReportConfig, shell: &Shell, file: &str, group: &PersonRows<'_>) -> String {
    let fallback = cfg
        .person
        .clone()
        .unwrap_or_else(|| match &cfg.input.input {
            Input::File(p) => name_from_file(Some(p)),
            Input::Stdin => name_from_file(None),
        });
    if group.person.is_none() && cfg.person.is_none() {
        shell.note(format_args!(
            "{file}: no name in the file: using the file name (\"{}\"); pass --person NAME to name the report",
            crate::text::clean_name(&fallback)
        ));
    }
    fallback
}

/// Says which ratings the report does not count: unknown skills (with the
/// likely spelling) and required skills without a rating.
fn say_what_is_not_counted(shell: &Shell, file: &str, report: &Report) {
    for u in &report.unknown_skills {
        let hint = u
            .suggestion
            .as_ref()
            .map_or(String::new(), |s| format!("; did you mean \"{s}\"?"));
        shell.warn(format_args!(
            "{file}:{}: unknown skill \"{}\" is not counted{hint}",
            u.line,
            crate::ingest::shorten(&u.name)
        ));
    }
    if report.unrated.is_empty() {
        return;
    }
    let asked = report
        .unrated
        .iter()
        .filter(|u| u.state == RatingState::NotRated)
        .count();
    let not_asked = report.unrated.len() - asked;
    shell.note(format_args!(
        "{} required skill(s) without a rating ({asked} not rated, {not_asked} not in this input) are {}; the report lists them",
        report.unrated.len(),
        match report.unrated_policy {
            UnratedPolicy::Skip => "left out of the fit (--unrated zero counts them as 0)",
            UnratedPolicy::Zero => "counted as 0 (--unrated zero)",
        }
    ));
}

/// The renderer `--format` asks for, chosen in one place (as hyperfine's
/// export manager picks an exporter). Colour only for a terminal.
fn renderer(cfg: &ReportConfig, shell: &Shell) -> anyhow::Result<Box<dyn Render>> {
    Ok(match cfg.format {
        ReportFormat::Text => Box::new(Text {
            color: shell.color() && cfg.output.is_none(),
        }),
        ReportFormat::Json => Box::new(Json),
        ReportFormat::Pdf => Box::new(cfg.pdf.renderer()?),
    })
}

/// Where the rendered report goes: `-o FILE`; for a PDF without `-o`,
/// `<person>-skillgap.pdf` here; None = standard output (text and JSON
/// without `-o`, any format with `-o -`).
fn destination(cfg: &ReportConfig, report: &Report) -> Option<PathBuf> {
    match cfg.format {
        ReportFormat::Pdf if cfg.stdout => None,
        ReportFormat::Pdf => Some(
            cfg.output
                .clone()
                .unwrap_or_else(|| format!("{}-skillgap.pdf", slug(&report.person)).into()),
        ),
        ReportFormat::Text | ReportFormat::Json => cfg.output.clone(),
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
    let groups = by_person(table, &cfg.catalog);
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

/// `--person` names no one with a usable row: when every row of theirs
/// had a problem, that problem is the answer; else who is there.
fn not_found(file: &str, q: &str, groups: &[PersonRows<'_>], table: &Table) -> DataError {
    let wanted = q.trim().to_lowercase();
    if let Some(p) = table
        .problems
        .iter()
        .find(|p| p.person.as_deref().map(|n| n.trim().to_lowercase()) == Some(wanted.clone()))
    {
        return DataError::Row {
            file: file.to_string(),
            line: p.line,
            column: Some(p.column),
            message: p.message.clone(),
        };
    }
    DataError::Other {
        file: file.to_string(),
        message: format!(
            "no person \"{q}\" in this file; people here: {}",
            list_people(groups)
        ),
    }
}

/// `--person` named several people: list them with their emails and ask
/// for one (never pick one silently).
fn several_match(file: &str, q: &str, several: &[&PersonRows<'_>]) -> DataError {
    let listed: Vec<String> = several
        .iter()
        .map(|g| {
            let name = g.person.unwrap_or("(no name)");
            match g.rows.iter().find_map(|r| r.email.as_deref()) {
                Some(e) => format!("\"{name}\" <{e}>"),
                None => format!("\"{name}\" (line {})", g.rows.first().map_or(0, |r| r.line)),
            }
        })
        .collect();
    let has_email = several
        .iter()
        .all(|g| g.rows.iter().any(|r| r.email.is_some()));
    DataError::Other {
        file: file.to_string(),
        message: format!(
            "--person \"{q}\" matches {} people: {}; {}",
            several.len(),
            listed.join(", "),
            if has_email {
                "pass --person with the email of the one you mean"
            } else {
                "pass --person with the full name of the one you mean"
            }
        ),
    }
}

fn list_people(groups: &[crate::analysis::assessment::PersonRows<'_>]) -> String {
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

/// Refuses an output that would replace a device, FIFO, socket or link,
/// or anything this run reads (usage error: the command names it).
fn guard_output(cfg: &ReportConfig, out: &Path) -> anyhow::Result<()> {
    let mut protected = Protected::default();
    if let Input::File(p) = &cfg.input.input {
        protected.file(p, "the input file");
    }
    if let Some(Input::File(p)) = cfg.previous.as_ref().map(|p| &p.input) {
        protected.file(p, "the --previous file");
    }
    for f in &cfg.pdf.fonts {
        protected.file(f, "a --font file");
    }
    if let Some(t) = &cfg.templates {
        protected.dir(t, "the --templates folder");
    }
    if let Some(what) = protected.clash(out) {
        return Err(UsageError(format!(
            "-o {} is {what}; choose another output path",
            out.display()
        ))
        .into());
    }
    refuse_non_regular(out)?;
    Ok(())
}
