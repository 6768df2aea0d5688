//! `skillgap report`: one person's ratings → a report.

use crate::analysis::assessment::{PersonRows, by_person};
use crate::analysis::person_pick::{pick_earlier, pick_person};
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

/// Runs `report`: read, pick the person, analyse, render, write.
pub fn report(cfg: &ReportConfig, shell: &Shell) -> anyhow::Result<()> {
    if let Some(out) = &cfg.output {
        guard_output(cfg, out)?;
    }
    let file = cfg.input.input.display();
    let table = read(&cfg.input, shell)?;
    let groups = by_person(&table, &cfg.catalog);
    let group = pick_person(&file, cfg.person.as_deref(), &groups, &table.problems)?;
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

/// The person's rows in the `--previous` input, as the analysis layer
/// picks them (see [`pick_earlier`]).
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
    let group = pick_earlier(name, &groups, cfg.person.as_deref(), current)?.clone();
    Ok(Earlier {
        file: name,
        problems: &table.problems,
        group,
        fallback,
    })
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
