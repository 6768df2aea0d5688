//! What others said and what the person wants to grow in, in the
//! terminal: second opinions side by side, and the wanted skills.

use super::{Text, clean, level_or_dash, pad};
use crate::analysis::raters::Raters;
use crate::analysis::report::Report;
use crate::model::interest_label;
use std::fmt::Write;

/// Side-by-side rows shown in the terminal.
const RATER_ROWS: usize = 12;

impl Text {
    /// Skills the person wants to grow.
    pub(super) fn wanted(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        let wanted: Vec<String> = r
            .wants_to_grow()
            .map(|i| format!("{} ({})", clean(&i.name), interest_label(i.level)))
            .collect();
        if !wanted.is_empty() {
            writeln!(o, "{}", self.heading("Wants to grow"))?;
            writeln!(o, "  {}", wanted.join(", "))?;
            writeln!(
                o,
                "  Where the learning plan closes a gap in these, it starts with them."
            )?;
            writeln!(o)?;
        }
        Ok(())
    }
}

pub(super) fn raters_section(o: &mut String, t: &Text, x: &Raters) -> std::fmt::Result {
    writeln!(
        o,
        "{}",
        t.heading(&clean(&format!(
            "Second opinions: {} (gaps and fit use: {})",
            x.raters.join(", "),
            x.basis
        )))
    )?;
    let cols: Vec<&str> = ["self", "manager", "peer"]
        .into_iter()
        .filter(|c| x.raters.iter().any(|r| r == c))
        .collect();
    // Three columns beyond self, manager and peer fit a terminal.
    let others: Vec<&String> = x
        .raters
        .iter()
        .filter(|r| !matches!(r.as_str(), "self" | "manager" | "peer"))
        .take(3)
        .collect();
    let value = |row: &crate::analysis::raters::RaterRow, c: &str| match c {
        "self" => row.self_rating,
        "manager" => row.manager,
        "peer" => row.peer,
        other => row.other.get(other).copied(),
    };
    // Rows where the raters do not all agree, largest spread first.
    let spread = |row: &crate::analysis::raters::RaterRow| {
        let vals: Vec<f64> = cols
            .iter()
            .copied()
            .chain(others.iter().map(|s| s.as_str()))
            .filter_map(|c| value(row, c))
            .collect();
        let hi = vals.iter().copied().fold(f64::MIN, f64::max);
        let lo = vals.iter().copied().fold(f64::MAX, f64::min);
        if vals.len() > 1 { hi - lo } else { 0.0 }
    };
    let mut rows: Vec<&crate::analysis::raters::RaterRow> =
        x.by_skill.iter().filter(|row| spread(row) > 0.0).collect();
    rows.sort_by(|a, b| spread(b).total_cmp(&spread(a)));
    let head: Vec<String> = cols
        .iter()
        .map(|c| c.to_string())
        .chain(others.iter().map(|s| clean(s)))
        .map(|c| format!("{:>8}", c.chars().take(7).collect::<String>()))
        .collect();
    if rows.is_empty() {
        writeln!(o, "  Every rater gave the same ratings.")?;
    } else {
        writeln!(
            o,
            "  {}{}",
            pad("Skill (where raters differ)", 34),
            head.join("")
        )?;
        for row in rows.iter().take(RATER_ROWS) {
            let cells: Vec<String> = cols
                .iter()
                .copied()
                .chain(others.iter().map(|s| s.as_str()))
                .map(|c| format!("{:>8}", level_or_dash(value(row, c))))
                .collect();
            writeln!(o, "  {}{}", pad(&clean(&row.name), 34), cells.join(""))?;
        }
        if rows.len() > RATER_ROWS {
            writeln!(o, "  … {} more in the PDF or JSON", rows.len() - RATER_ROWS)?;
        }
    }
    if !x.differences.is_empty() {
        writeln!(o, "  Worth a conversation (more than one level apart):")?;
        for d in &x.differences {
            writeln!(o, "    {}", clean(&d.sentence()))?;
        }
    }
    writeln!(o)
}
