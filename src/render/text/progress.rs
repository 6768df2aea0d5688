//! What changed since the previous assessment, in the terminal.

use super::{Text, clean, level_or_dash};
use crate::analysis::report::Previous;
use crate::text::{pct, signed};
use std::fmt::Write;

/// Skill changes shown in the terminal; the PDF and JSON carry all of them.
const TOP_MOVERS: usize = 8;

pub(super) fn progress_section(o: &mut String, t: &Text, p: &Previous) -> std::fmt::Result {
    let since = p
        .assessed_on
        .map_or("the previous assessment".to_string(), |d| d.to_string());
    writeln!(
        o,
        "{}",
        t.heading(&format!("Progress since {since} ({})", clean(&p.source)))
    )?;
    for f in &p.fits {
        // The change between the rounded figures, so the line adds up.
        let points = pct(f.now) - pct(f.before);
        writeln!(
            o,
            "  Since {since}: {} {}% → {}% ({} point{})",
            clean(&f.title),
            pct(f.before),
            pct(f.now),
            signed(points as f64),
            if points.abs() == 1 { "" } else { "s" }
        )?;
    }
    if p.deltas.is_empty() {
        writeln!(o, "  No skill rating changed.")?;
    } else {
        let mut movers: Vec<_> = p.deltas.iter().collect();
        movers.sort_by(|a, b| b.change.abs().total_cmp(&a.change.abs()));
        let items: Vec<String> = movers
            .iter()
            .take(TOP_MOVERS)
            .map(|d| {
                format!(
                    "{} {} → {} ({})",
                    clean(&d.name),
                    level_or_dash(d.before),
                    level_or_dash(d.now),
                    signed(d.change)
                )
            })
            .collect();
        writeln!(o, "  Skills that moved: {}", items.join(", "))?;
        if p.deltas.len() > TOP_MOVERS {
            writeln!(
                o,
                "  … and {} more; {} unchanged",
                crate::text::counted(p.deltas.len() - TOP_MOVERS, "change", "changes"),
                crate::text::counted(p.unchanged, "skill", "skills")
            )?;
        } else {
            writeln!(
                o,
                "  {} unchanged",
                crate::text::counted(p.unchanged, "skill", "skills")
            )?;
        }
    }
    if !p.milestones_reached.is_empty() {
        let items: Vec<String> = p
            .milestones_reached
            .iter()
            .map(|m| format!("{} {} → {}", clean(&m.name), m.from, m.to))
            .collect();
        writeln!(
            o,
            "  Milestones reached ({}): {}",
            p.milestones_reached.len(),
            items.join(", ")
        )?;
    }
    if !p.milestones_open.is_empty() {
        let items: Vec<String> = p
            .milestones_open
            .iter()
            .map(|m| format!("{} {} → {} (by {})", clean(&m.name), m.from, m.to, m.date))
            .collect();
        writeln!(o, "  Due but not reached yet: {}", items.join(", "))?;
    }
    writeln!(o)
}
