//! `skillgap check`: read an input and say what was understood.

use crate::analysis::assessment::{
    Assessed, DuplicatePolicy, PersonRows, Round, assess_rounds, by_person, unknown_label_ratings,
};
use crate::catalog::Catalog;
use crate::config::CheckConfig;
use crate::error::DataError;
use crate::ingest::{RowProblem, SourceInfo, Table};
use crate::input::read_input;
use crate::model::interest_label;
use crate::output::write_stdout;
use crate::text::num;
use std::fmt::Write;

fn delimiter_name(d: u8) -> String {
    match d {
        b',' => "comma".into(),
        b';' => "semicolon".into(),
        b'\t' => "tab".into(),
        b'|' => "pipe".into(),
        other => format!("{:?}", other as char),
    }
}

/// Runs `check`: read, say how the input was read and what each person's
/// rows became, then fail (exit 1) when any row has a problem or a rating
/// would be dropped.
pub fn check(cfg: &CheckConfig) -> anyhow::Result<()> {
    let file = cfg.input.input.display();
    let table = read_input(&cfg.input)?;
    let mut o = String::new();
    describe_input(&mut o, &file, &table.info)?;
    let groups = by_person(&table, &cfg.catalog);
    // People whose every row was unreadable have no rows, only problems:
    // they are listed too, never left out.
    let mut without_rows: Vec<&str> = Vec::new();
    for p in table.problems.iter().filter_map(|p| p.person.as_deref()) {
        if !groups.iter().any(|g| g.person == Some(p)) && !without_rows.contains(&p) {
            without_rows.push(p);
        }
    }
    writeln!(o, "  people:     {}", groups.len() + without_rows.len())?;
    let mut failed = 0usize;
    for group in &groups {
        if !describe_person(&mut o, &file, &table, group, &cfg.catalog)? {
            failed += 1;
        }
    }
    for person in &without_rows {
        writeln!(o)?;
        writeln!(o, "{person}: no readable rating")?;
        failed += 1;
        let theirs = |p: &&RowProblem| p.person.as_deref() == Some(*person);
        for p in table.problems.iter().filter(theirs) {
            writeln!(o, "  error: {file}:{}:{}: {}", p.line, p.column, p.message)?;
        }
    }
    let orphans: Vec<_> = table
        .problems
        .iter()
        .filter(|p| p.person.is_none())
        .collect();
    if !orphans.is_empty() && groups.iter().all(|g| g.person.is_some()) {
        writeln!(o)?;
        for p in &orphans {
            writeln!(o, "error: {file}:{}:{}: {}", p.line, p.column, p.message)?;
        }
        failed += 1;
    }
    write_stdout(o.as_bytes())?;
    verdict(cfg, &file, &table, failed)
}

/// How the input was read: format, delimiter, encoding, columns, mapping,
/// scales, and what reading it noted.
fn describe_input(o: &mut String, file: &str, info: &SourceInfo) -> std::fmt::Result {
    writeln!(o, "{file}")?;
    writeln!(o, "  format:     {}", info.format)?;
    writeln!(
        o,
        "  delimiter:  {}{}",
        delimiter_name(info.delimiter),
        if info.decimal_comma {
            " (decimal commas read as points)"
        } else {
            ""
        }
    )?;
    writeln!(o, "  encoding:   {}", info.encoding)?;
    let used: Vec<String> = info
        .columns_used
        .iter()
        .map(|(h, role)| format!("\"{h}\" → {role}"))
        .collect();
    writeln!(o, "  columns:    {}", used.join(", "))?;
    if !info.columns_ignored.is_empty() {
        let ignored: Vec<String> = info
            .columns_ignored
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect();
        writeln!(o, "  ignored:    {}", ignored.join(", "))?;
    }
    writeln!(o, "  mapping:    --columns {}", info.columns_arg)?;
    describe_scales(o, &info.scales)?;
    for n in &info.notes {
        writeln!(o, "  note:       {n}")?;
    }
    for w in &info.warnings {
        writeln!(o, "  warning:    {w}")?;
    }
    Ok(())
}

/// One person's rows, per assessment round and rater, or their errors;
/// returns whether they were read without one.
fn describe_person(
    o: &mut String,
    file: &str,
    table: &Table,
    group: &PersonRows<'_>,
    catalog: &Catalog,
) -> Result<bool, std::fmt::Error> {
    writeln!(o)?;
    let name = group.person.unwrap_or("(no person column: one person)");
    writeln!(o, "{name}: {} row(s)", group.rows.len())?;
    let rounds = match assess_rounds(
        file,
        &table.problems,
        group,
        catalog,
        DuplicatePolicy::Error,
        "",
    ) {
        Ok(rounds) => rounds,
        Err(e) => {
            writeln!(o, "  error: {e}")?;
            // Every bad cell of this person, not only the first: one
            // pass of fixes for a long file.
            let shown = match &e {
                DataError::Row { line, column, .. } => Some((*line, *column)),
                _ => None,
            };
            for p in table.problems.iter().filter(|p| {
                (group.person.is_none() || p.person.as_deref() == group.person)
                    && shown != Some((p.line, Some(p.column)))
            }) {
                writeln!(o, "  error: {file}:{}:{}: {}", p.line, p.column, p.message)?;
            }
            return Ok(false);
        }
    };
    let mut parts: Vec<(&str, &Round)> = vec![("current", &rounds.current)];
    if let Some(p) = &rounds.previous {
        parts.push(("previous", p));
    }
    let split = parts.len() > 1 || rounds.current.by_rater.len() > 1;
    if let (false, Some(d)) = (split, rounds.current.assessed_on) {
        // The date `report` and `batch` print for this person.
        writeln!(o, "  assessed:   {d}")?;
    }
    for (which, round) in parts {
        for (rater, a) in &round.by_rater {
            if split {
                let date = round
                    .assessed_on
                    .map_or("undated".to_string(), |d| d.to_string());
                writeln!(o, "  {which} assessment ({date}), rated by {rater}:")?;
            }
            describe(o, a, catalog)?;
        }
    }
    if rounds.older > 0 {
        writeln!(
            o,
            "  note: {} older assessment date(s) are not compared",
            rounds.older
        )?;
    }
    Ok(true)
}

/// Fails when anything above would be lost: people with errors, ratings
/// for skills the catalogue does not know, skill columns whose answers
/// are not ratings. Counted from the whole table, as `batch` counts them.
fn verdict(cfg: &CheckConfig, file: &str, table: &Table, failed: usize) -> anyhow::Result<()> {
    let dropped = unknown_label_ratings(table, &cfg.catalog);
    let dropped_columns: Vec<&str> = table
        .info
        .dropped_columns
        .iter()
        .filter(|label| !cfg.catalog.matcher.resolve(label).ids().is_empty())
        .map(String::as_str)
        .collect();
    let mut wrong = Vec::new();
    if failed > 0 {
        wrong.push(format!(
            "{failed} person(s) have errors (listed above); fix those cells and check again"
        ));
    }
    if dropped > 0 {
        wrong.push(format!(
            "{dropped} rating(s) are for skills the catalogue does not know (UNKNOWN above) and would be dropped; fix the spelling, or add the skills to skills.toml in a --templates folder"
        ));
    }
    if !dropped_columns.is_empty() {
        let list: Vec<String> = dropped_columns.iter().map(|c| format!("\"{c}\"")).collect();
        wrong.push(format!(
            "column(s) {} name skills but no answer in them is a rating this tool reads, so they were ignored; map their answers to levels in a scale.toml in a --templates folder (see docs/input.md, \"Rating scale\")",
            list.join(", ")
        ));
    }
    if wrong.is_empty() {
        return Ok(());
    }
    Err(DataError::Other {
        file: file.to_string(),
        message: wrong.join("; "),
    }
    .into())
}

/// A split label as "→ Prometheus, Grafana → Monitoring": the parts, then
/// the concepts the tools among them count toward.
fn split_target(m: &crate::analysis::assessment::Matched, catalog: &Catalog) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (typed, skill) in &m.parts {
        let shown = match skill {
            Some((_, name)) => name.clone(),
            None => format!("{typed} (UNKNOWN)"),
        };
        if !parts.contains(&shown) {
            parts.push(shown);
        }
    }
    let mut concepts: Vec<&str> = Vec::new();
    for (id, _) in m.parts.iter().filter_map(|(_, s)| s.as_ref()) {
        for c in catalog
            .by_id
            .get(id.as_str())
            .map_or(&[][..], |s| &s.rolls_up_to[..])
        {
            let name = catalog.matcher.display_name(c);
            if !concepts.contains(&name) && !parts.iter().any(|p| p == name) {
                concepts.push(name);
            }
        }
    }
    let mut out = format!("→ {}", parts.join(", "));
    if !concepts.is_empty() {
        out.push_str(&format!(" → {}", concepts.join(", ")));
    }
    out
}

/// Each scale the rating columns were read on, and every distinct answer
/// with the level it became: a misread scale shows here at a glance.
fn describe_scales(o: &mut String, scales: &[crate::ingest::ScaleUse]) -> std::fmt::Result {
    for s in scales {
        let columns = match &s.columns[..] {
            [one] => format!("\"{one}\""),
            many => format!("{} rating columns", many.len()),
        };
        writeln!(o, "  scale:      {} — {columns}", s.scale)?;
        for a in &s.answers {
            let level = a
                .level
                .map_or("NOT READ (see the errors below)".to_string(), num);
            let times = if a.count == 1 {
                String::new()
            } else {
                format!("  ({}×)", a.count)
            };
            writeln!(o, "    answer:   \"{}\" → {level}{times}", a.answer)?;
        }
        if s.more > 0 {
            writeln!(o, "    answer:   … and {} more distinct answer(s)", s.more)?;
        }
    }
    Ok(())
}

/// What one assessment's rows were understood as.
fn describe(o: &mut String, a: &Assessed, catalog: &Catalog) -> std::fmt::Result {
    for m in &a.matched {
        let value = m.value.map_or("not rated".to_string(), num);
        let target = if m.parts.is_empty() {
            match &m.skill {
                Some((_, n)) if n == &m.typed => n.clone(),
                Some((_, n)) => format!("→ {n}"),
                None => "UNKNOWN".to_string(),
            }
        } else {
            split_target(m, catalog)
        };
        writeln!(
            o,
            "  line {:>4}  {:<40} {:<10} {target}",
            m.line, m.typed, value
        )?;
    }
    for u in &a.assessment.unknown {
        match &u.suggestion {
            Some(s) => writeln!(
                o,
                "  unknown: \"{}\" (line {}) — did you mean \"{s}\"?",
                u.name, u.line
            )?,
            None => writeln!(
                o,
                "  unknown: \"{}\" (line {}) — not in the catalogue; see `skillgap roles`",
                u.name, u.line
            )?,
        }
    }
    for n in &a.notes {
        writeln!(o, "  note: {n}")?;
    }
    if !a.assessment.interest.is_empty() {
        let items: Vec<String> = a
            .assessment
            .interest
            .iter()
            .map(|(id, level)| {
                let name = catalog
                    .by_id
                    .get(id.as_str())
                    .map_or(id.as_str(), |s| &s.name);
                format!("{name} {}", interest_label(*level))
            })
            .collect();
        writeln!(o, "  interest: {}", items.join(", "))?;
    }
    Ok(())
}
