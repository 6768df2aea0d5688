//! Progress since the previous assessment: on page 1 the fit per role then
//! and now; later a table of the skills that moved and the milestones of
//! the previous plan that were reached (or are due and still open).

use super::super::flow::{Align, Doc};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use crate::analysis::report::Report;
use crate::analysis::report::{FitChange, Previous};
use crate::text::fit_pct;
use crate::text::{num, pct, signed};

/// Starts a new page for a section `h` points tall unless it fits here or
/// at least 40% of the page is still free (a long table then breaks with
/// its header repeated).
pub(in crate::render::pdf) fn section_start(doc: &mut Doc, h: f32) {
    let free = (doc.bottom() - style::MARGIN_TOP) * 0.4;
    if !doc.fits(h) && !doc.fits(free) {
        doc.page_break();
    }
}

/// "since 2026-06-01" / "since the previous assessment".
fn since(p: &Previous) -> String {
    match p.assessed_on {
        Some(d) => format!("since {d}"),
        None => "since the previous assessment".to_string(),
    }
}

/// A change with its sign, coloured by direction (also used by the team
/// summary's movement section).
pub(in crate::render::pdf) fn change_cell(v: f64) -> Cell {
    let f = style::CELL.bold();
    Cell::new(
        signed(v),
        if v > 0.0 {
            f.color(style::ACCENT)
        } else if v < 0.0 {
            f.color(style::GAP)
        } else {
            f.color(style::MUTED)
        },
    )
}

/// The closest fits page 1 shows (plus the role that moved most, when
/// it moved more than these).
const PAGE1_ROLES: usize = 2;

/// Page 1: "Progress since <date>": fit then → now for the closest roles,
/// and one line on the skills and the milestones of the previous plan.
pub fn summary_block(doc: &mut Doc, r: &Report) {
    let Some(p) = &r.previous else { return };
    if p.fits.is_empty() {
        return;
    }
    let mut shown: Vec<&FitChange> = p.fits.iter().take(PAGE1_ROLES).collect();
    let most = |v: &[&FitChange]| v.iter().map(|f| f.change.abs()).fold(0.0, f64::max);
    let moved_most = p
        .fits
        .iter()
        .skip(PAGE1_ROLES)
        .max_by(|a, b| a.change.abs().total_cmp(&b.change.abs()))
        .filter(|f| f.change.abs() > most(&shown));
    shown.extend(moved_most);
    fit_table(doc, p, r, &shown, true);
}

/// The fit per role then and now; on page 1 (`page1`) with a line on what
/// grew and the milestones, and a pointer to the rest.
fn fit_table(doc: &mut Doc, p: &Previous, r: &Report, shown: &[&FitChange], page1: bool) {
    let then = p
        .assessed_on
        .map_or("Before".to_string(), |d| d.to_string());
    let now = r.assessed_on.map_or("Now".to_string(), |d| d.to_string());
    let mut t = Table::new(
        vec![
            Col::new("Role", 0.46, Align::Left),
            Col::new(then, 0.18, Align::Right),
            Col::new(now, 0.18, Align::Right),
            Col::new("Change (points)", 0.18, Align::Right),
        ],
        "Progress",
    );
    for (i, f) in shown.iter().enumerate() {
        let points = pct(f.now) - pct(f.before);
        let name_font = if i == 0 {
            style::CELL.bold()
        } else {
            style::CELL
        };
        t.row(vec![
            Cell::new(f.title.clone(), name_font),
            Cell::muted(fit_pct(f.before)),
            Cell::new(fit_pct(f.now), style::CELL.bold()),
            change_cell(points as f64),
        ]);
    }
    let mut line = Vec::new();
    if !page1 {
        t.draw(doc);
        return;
    }
    let grew = p.deltas.iter().filter(|d| d.change > 0.0).count();
    let fell = p.deltas.iter().filter(|d| d.change < 0.0).count();
    line.push(format!(
        "{grew} skill{} up, {fell} down.",
        if grew == 1 { "" } else { "s" }
    ));
    let (reached, open) = (p.milestones_reached.len(), p.milestones_open.len());
    if reached + open > 0 {
        line.push(format!(
            "Milestones of the previous plan: {reached} reached{}.",
            if open > 0 {
                format!(", {open} due and still open")
            } else {
                String::new()
            }
        ));
    }
    if shown.len() < p.fits.len() || !p.deltas.is_empty() {
        line.push("More under Progress.".to_string());
    }
    let line = line.join(" ");
    let after = if line.is_empty() {
        0.0
    } else {
        doc.para_height(&line, style::SMALL) + 3.0
    };
    doc.subheading(
        &format!("Progress {}", since(p)),
        t.lead_height(doc) + after,
    );
    t.draw(doc);
    if !line.is_empty() {
        doc.y += 3.0;
        doc.para(&line, style::SMALL);
    }
}

/// The progress section: every skill that moved, then the milestones.
pub fn details(doc: &mut Doc, r: &Report) {
    let Some(p) = &r.previous else { return };
    let intro = format!(
        "Compared with the assessment of {} ({}). Ratings as the fit uses them, a tool \
         counting toward its practice (Terraform toward Infrastructure as Code); a skill not \
         rated counts as 0. {} skill{} kept \
         the same rating.",
        p.assessed_on
            .map_or("an unknown date".to_string(), |d| d.to_string()),
        p.source,
        p.unchanged,
        if p.unchanged == 1 { "" } else { "s" }
    );
    let rows = p.fits.len() + p.deltas.len() + 3;
    section_start(
        doc,
        style::H1.leading() + doc.para_height(&intro, style::SMALL) + 17.0 * rows as f32,
    );
    doc.heading(
        &format!("Progress {}", since(p)),
        doc.para_height(&intro, style::SMALL) + style::CELL.leading() * 4.0,
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    let all: Vec<&FitChange> = p.fits.iter().collect();
    if !all.is_empty() {
        fit_table(doc, p, r, &all, false);
        doc.y += 10.0;
    }
    if p.deltas.is_empty() {
        doc.para("No skill rating changed.", style::BODY);
    } else {
        let mut t = Table::new(
            vec![
                Col::new("Skill", 0.52, Align::Left),
                Col::new("Before", 0.16, Align::Right),
                Col::new("Now", 0.16, Align::Right),
                Col::new("Change", 0.16, Align::Right),
            ],
            format!("Progress {}", since(p)),
        );
        let level = |v: Option<f64>| match v {
            Some(v) => Cell::plain(num(v)),
            None => Cell::muted("not rated"),
        };
        for d in &p.deltas {
            t.row(vec![
                Cell::new(d.name.clone(), style::CELL.bold()),
                level(d.before),
                level(d.now),
                change_cell(d.change),
            ]);
        }
        t.draw(doc);
    }
    milestones(doc, p);
}

fn milestones(doc: &mut Doc, p: &Previous) {
    if p.milestones_reached.is_empty() && p.milestones_open.is_empty() {
        return;
    }
    let mut t = Table::new(
        vec![
            Col::new("Milestone of the previous plan", 0.46, Align::Left),
            Col::new("Planned by", 0.2, Align::Right),
            Col::new("Status", 0.34, Align::Left),
        ],
        "Milestones",
    );
    let reached = p.milestones_reached.iter().map(|m| (m, true));
    let open = p.milestones_open.iter().map(|m| (m, false));
    let mut all: Vec<_> = reached.chain(open).collect();
    all.sort_by_key(|(m, _)| m.date);
    for (m, done) in all {
        t.row(vec![
            Cell::new(m.name.clone(), style::CELL.bold())
                .sub(format!("level {} → {}", m.from, m.to), style::TINY),
            Cell::plain(m.date.to_string()),
            if done {
                Cell::new("✓ reached", style::CELL.bold().color(style::ACCENT))
            } else {
                Cell::new("due, not reached yet", style::CELL.color(style::GAP))
            },
        ]);
    }
    let intro = "The plan the previous assessment would have produced (same pace, starting \
                 the Monday after it), and whether each milestone's level is met now.";
    doc.subheading(
        "Milestones since the previous plan",
        doc.para_height(intro, style::SMALL) + 4.0 + t.lead_height(doc),
    );
    doc.para(intro, style::SMALL);
    doc.y += 4.0;
    t.draw(doc);
}
