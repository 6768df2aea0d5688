//! `skillgap check`: read an input and say what was understood.

use crate::analysis::assessment::{Assessed, DuplicatePolicy, Round, assess_rounds, by_person};
use crate::catalog::Catalog;
use crate::config::CheckConfig;
use crate::error::DataError;
use crate::input::read_input;
use crate::model::interest_label;
use crate::model::num;
use crate::output::write_stdout;
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

/// Runs `check`; fails (exit 1) when any row has a problem.
pub fn check(cfg: &CheckConfig) -> anyhow::Result<()> {
    let file = cfg.input.input.display();
    let table = read_input(&cfg.input)?;
    let info = &table.info;
    let mut o = String::new();
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
    for w in &info.warnings {
        writeln!(o, "  warning:    {w}")?;
    }
    let groups = by_person(&table, &cfg.catalog);
    writeln!(o, "  people:     {}", groups.len())?;
    let mut failed = 0usize;
    for group in &groups {
        writeln!(o)?;
        let name = group.person.unwrap_or("(no person column: one person)");
        writeln!(o, "{name}: {} row(s)", group.rows.len())?;
        match assess_rounds(
            &file,
            &table.problems,
            group,
            &cfg.catalog,
            DuplicatePolicy::Error,
            "",
        ) {
            Ok(rounds) => {
                let mut parts: Vec<(&str, &Round)> = vec![("current", &rounds.current)];
                if let Some(p) = &rounds.previous {
                    parts.push(("previous", p));
                }
                let split = parts.len() > 1 || rounds.current.by_rater.len() > 1;
                for (which, round) in parts {
                    for (rater, a) in &round.by_rater {
                        if split {
                            let date = round
                                .assessed_on
                                .map_or("undated".to_string(), |d| d.to_string());
                            writeln!(o, "  {which} assessment ({date}), rated by {rater}:")?;
                        }
                        describe(&mut o, a, &cfg.catalog)?;
                    }
                }
                if rounds.older > 0 {
                    writeln!(
                        o,
                        "  note: {} older assessment date(s) are not compared",
                        rounds.older
                    )?;
                }
            }
            Err(e) => {
                failed += 1;
                writeln!(o, "  error: {e}")?;
            }
        }
    }
    // Rows whose person has no usable row left (every row of theirs was
    // broken), or that name no one: `report` and `batch` refuse them, so
    // `check` must say so too.
    let orphans: Vec<_> = table
        .problems
        .iter()
        .filter(|p| {
            !groups
                .iter()
                .any(|g| g.person.is_none() || p.person.as_deref() == g.person)
        })
        .collect();
    if !orphans.is_empty() {
        writeln!(o)?;
        writeln!(o, "rows that no report can use:")?;
    }
    for p in &orphans {
        let who = p.person.as_deref().unwrap_or("(no person)");
        writeln!(
            o,
            "  error: line {}:{}: {who}: {}",
            p.line, p.column, p.message
        )?;
        failed += 1;
    }
    write_stdout(o.as_bytes())?;
    if failed > 0 {
        return Err(DataError::Other {
            file,
            message: format!(
                "{failed} person(s) or row(s) have errors (listed above); fix those rows and check again"
            ),
        }
        .into());
    }
    Ok(())
}

/// What one assessment's rows were understood as.
fn describe(o: &mut String, a: &Assessed, catalog: &Catalog) -> std::fmt::Result {
    for m in &a.matched {
        let value = m.value.map_or("not rated".to_string(), num);
        let target = match &m.skill {
            Some((_, n)) if n == &m.typed => n.clone(),
            Some((_, n)) => format!("→ {n}"),
            None => "UNKNOWN".to_string(),
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
                let name = catalog.by_id.get(id).map_or(id.as_str(), |s| &s.name);
                format!("{name} {}", interest_label(*level))
            })
            .collect();
        writeln!(o, "  interest: {}", items.join(", "))?;
    }
    Ok(())
}
