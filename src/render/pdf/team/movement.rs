//! The team's movement since the previous assessments (`batch
//! --previous`): who moved most in their best-fit role and which skills
//! grew most on average. Drawn into the team summary after its front page.

use super::super::flow::{Align, Doc};
use super::super::progress::{change_cell, section_start};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use crate::analysis::team::{Movement, TeamReport};
use crate::text::fit_pct;
use crate::text::pct;

/// People listed by change in fit.
const MOVERS: usize = 10;
/// Skills listed by average change.
const SKILLS: usize = 10;

/// The movement section, when anyone was compared with an earlier assessment.
pub fn movement(doc: &mut Doc, t: &TeamReport) {
    let Some(m) = &t.movement else { return };
    let since = m
        .since
        .map_or("the previous assessments".to_string(), |d| d.to_string());
    let intro = format!(
        "{} of {} compared with an earlier assessment (the earliest from {since}). Fit is \
         for the role each person fits best now; a skill's average counts everyone \
         compared, unchanged as 0.",
        m.compared,
        if t.people == 1 {
            "1 person".to_string()
        } else {
            format!("{} people", t.people)
        },
    );
    let rows = m.movers.len().min(MOVERS) + m.skills.len().min(SKILLS) + 4;
    section_start(
        doc,
        style::H1.leading() + doc.para_height(&intro, style::SMALL) + 17.0 * rows as f32,
    );
    doc.heading(
        &format!("Movement since {since}"),
        doc.para_height(&intro, style::SMALL) + style::CELL.leading() * 4.0,
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    movers(doc, m);
    skills(doc, m);
}

fn movers(doc: &mut Doc, m: &Movement) {
    if m.movers.is_empty() {
        return;
    }
    let mut t = Table::new(
        vec![
            Col::new("Person", 0.32, Align::Left),
            Col::new("Best fit now", 0.3, Align::Left),
            Col::new("Before", 0.12, Align::Right),
            Col::new("Now", 0.12, Align::Right),
            Col::new("Change", 0.14, Align::Right),
        ],
        "Who moved",
    );
    // By the change between the rounded figures shown, so the column reads
    // in order; the exact change (the team report's order) breaks ties.
    let points = |f: &crate::analysis::report::FitChange| pct(f.now) - pct(f.before);
    // People whose fit did not move (as shown, in whole points) are left
    // out: a list of ±0 says nothing; the intro counts everyone compared.
    let mut shown: Vec<_> = m.movers.iter().filter(|mv| points(&mv.fit) != 0).collect();
    if shown.is_empty() {
        return;
    }
    let moved = shown.len();
    shown.sort_by_key(|mv| std::cmp::Reverse(points(&mv.fit)));
    for mv in shown.into_iter().take(MOVERS) {
        let points = points(&mv.fit);
        t.row(vec![
            Cell::new(mv.person.clone(), style::CELL.bold()),
            Cell::plain(mv.fit.title.clone()),
            Cell::muted(fit_pct(mv.fit.before)),
            Cell::new(fit_pct(mv.fit.now), style::CELL.bold()),
            change_cell(points as f64),
        ]);
    }
    let unchanged = m.movers.len() - moved;
    let mut title = if moved > MOVERS {
        format!("Who moved most ({MOVERS} of {moved})")
    } else {
        "Who moved most".to_string()
    };
    if unchanged > 0 {
        title.push_str(&format!(" · {unchanged} unchanged, not listed"));
    }
    doc.subheading(&title, t.lead_height(doc));
    t.draw(doc);
}

fn skills(doc: &mut Doc, m: &Movement) {
    if m.skills.is_empty() {
        return;
    }
    let mut t = Table::new(
        vec![
            Col::new("Skill", 0.46, Align::Left),
            Col::new("Average change", 0.2, Align::Right),
            Col::new("Rose for", 0.17, Align::Right),
            Col::new("Fell for", 0.17, Align::Right),
        ],
        "Skills that grew",
    );
    for s in m.skills.iter().take(SKILLS) {
        t.row(vec![
            Cell::new(s.name.clone(), style::CELL.bold()),
            change_cell(s.average),
            Cell::plain(s.grew.to_string()),
            if s.fell > 0 {
                Cell::new(s.fell.to_string(), style::CELL.color(style::GAP))
            } else {
                Cell::muted("0")
            },
        ]);
    }
    doc.subheading("Skills that grew most", t.lead_height(doc));
    t.draw(doc);
}
