//! `skillgap check`: read an input and say what was understood.

use crate::assessment::{DuplicatePolicy, assess, by_person};
use crate::config::CheckConfig;
use crate::error::DataError;
use crate::input::read_input;
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
    let groups = by_person(&table);
    writeln!(o, "  people:     {}", groups.len())?;
    let mut failed = 0usize;
    for group in &groups {
        writeln!(o)?;
        let name = group.person.unwrap_or("(no person column: one person)");
        writeln!(o, "{name}: {} row(s)", group.rows.len())?;
        match assess(
            &file,
            &table,
            group,
            &cfg.catalog,
            DuplicatePolicy::Error,
            "",
        ) {
            Ok(a) => {
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
            }
            Err(e) => {
                failed += 1;
                writeln!(o, "  error: {e}")?;
            }
        }
    }
    write_stdout(o.as_bytes())?;
    if failed > 0 {
        return Err(DataError::Other {
            file,
            message: format!(
                "{failed} person(s) have errors (listed above); fix those rows and check again"
            ),
        }
        .into());
    }
    Ok(())
}
