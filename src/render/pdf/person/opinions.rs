//! What the person and others say beyond the ratings analysed: the
//! second opinions (self, manager and peer side by side, differences of
//! more than one level flagged) and the skills the person wants to grow in.

use super::super::flow::{Align, Doc};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use super::progress::section_start;
use crate::analysis::raters::{DIFFERENCE_OVER, RaterRow, Raters};
use crate::analysis::report::Report;
use crate::model::interest_label;
use crate::text::num;

/// "Self", "Manager", "Tech coach".
fn title_case(r: &str) -> String {
    let mut c = r.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn value(row: &RaterRow, rater: &str) -> Option<f64> {
    match rater {
        "self" => row.self_rating,
        "manager" => row.manager,
        "peer" => row.peer,
        other => row.other.get(other).copied(),
    }
}

fn basis_sentence(x: &Raters) -> String {
    let what = match x.basis.as_str() {
        "self" => "the self-ratings".to_string(),
        "manager" => "the manager's ratings".to_string(),
        "min" => "per skill the lower of the self and the manager rating".to_string(),
        other => format!("the {other} ratings"),
    };
    format!(
        "Gaps, fit and the plan use {what}. Ratings are shown side by side and never \
         averaged; a flag marks a rating more than {} level away from the self-rating.",
        num(DIFFERENCE_OVER)
    )
}

/// Rater columns the table has room for (self, manager, peer and three more).
const MAX_RATERS: usize = 6;

/// The "Second opinions" section, when anyone other than the person rated.
pub fn opinions(doc: &mut Doc, r: &Report) {
    let Some(x) = &r.raters else { return };
    let raters: Vec<&str> = x
        .raters
        .iter()
        .map(String::as_str)
        .take(MAX_RATERS)
        .collect();
    // Skill, one column per rater, then what to talk about.
    let n = raters.len() as f32;
    let rater_w = (0.36 / n).min(0.12);
    let mut cols = vec![Col::new("Skill", 0.34, Align::Left)];
    cols.extend(
        raters
            .iter()
            .map(|r| Col::new(title_case(r), rater_w, Align::Right)),
    );
    cols.push(Col::new(
        "Worth a conversation",
        1.0 - 0.34 - rater_w * n,
        Align::Left,
    ));
    let mut t = Table::new(cols, "Second opinions");
    // Where the raters disagree most first; the catalogue order otherwise.
    let spread = |row: &RaterRow| {
        let own = row.self_rating;
        raters
            .iter()
            .filter_map(|r| value(row, r).zip(own).map(|(v, s)| (v - s).abs()))
            .fold(0.0, f64::max)
    };
    let mut rows: Vec<&RaterRow> = x.by_skill.iter().collect();
    rows.sort_by(|a, b| spread(b).total_cmp(&spread(a)));
    for row in rows {
        let mut cells = vec![Cell::new(row.name.clone(), style::CELL.bold())];
        let flags: Vec<String> = x
            .differences
            .iter()
            .filter(|d| d.skill == row.skill)
            .map(|d| {
                format!(
                    "{} {}{}",
                    title_case(&d.rater).to_lowercase(),
                    if d.difference > 0.0 { "+" } else { "−" },
                    num(d.difference.abs())
                )
            })
            .collect();
        for rater in &raters {
            let flagged = *rater != "self"
                && x.differences
                    .iter()
                    .any(|d| d.skill == row.skill && d.rater == *rater);
            cells.push(match value(row, rater) {
                Some(v) if flagged => Cell::new(num(v), style::CELL.bold().color(style::GAP)),
                Some(v) => Cell::plain(num(v)),
                None => Cell::muted("–"),
            });
        }
        cells.push(if flags.is_empty() {
            Cell::plain("")
        } else {
            Cell::new(
                format!("⚑ {}", flags.join(", ")),
                style::CELL.color(style::GAP),
            )
        });
        t.row(cells);
    }
    let mut intro = basis_sentence(x);
    if x.raters.len() > MAX_RATERS {
        intro.push_str(&format!(
            " {} more raters are left out of the table; the JSON report has them.",
            x.raters.len() - MAX_RATERS
        ));
    }
    section_start(
        doc,
        style::H1.leading()
            + doc.para_height(&intro, style::SMALL)
            + 17.0 * (x.by_skill.len() + 1) as f32,
    );
    doc.heading(
        "Second opinions",
        doc.para_height(&intro, style::SMALL) + 4.0 + t.lead_height(doc),
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    t.draw(doc);
    if !x.differences.is_empty() {
        let items: Vec<String> = x.differences.iter().map(|d| d.sentence()).collect();
        doc.subheading(
            "Conversation starters",
            style::BODY.leading() * items.len().min(3) as f32,
        );
        doc.bullets(&items, style::BODY);
    }
}

/// The "Wants to grow" list: interest medium or high, with whether the
/// plan has a step for it.
pub fn wants_to_grow(doc: &mut Doc, r: &Report) {
    let wanted: Vec<_> = r.wants_to_grow().collect();
    if wanted.is_empty() {
        return;
    }
    let planned = |skill: &str| {
        r.plan
            .as_ref()
            .and_then(|p| p.items.iter().find(|i| i.skill == skill))
            .map(|i| i.start)
    };
    // Roles with a gap in the skill, closest fit first.
    let gaps_in = |skill: &str| -> Vec<&str> {
        r.roles
            .iter()
            .filter(|f| f.gaps.iter().any(|g| g.skill == skill))
            .map(|f| f.title.as_str())
            .collect()
    };
    let items: Vec<String> = wanted
        .iter()
        .map(|i| {
            let mut s = format!("{} — {} interest", i.name, interest_label(i.level));
            let roles = gaps_in(&i.skill);
            match (planned(&i.skill), roles.as_slice()) {
                (Some(start), _) => s.push_str(&format!("; in the plan from {start}")),
                (None, []) => s.push_str("; no gap in the roles compared"),
                // Outside the planned role: said so, never promised.
                (None, [one]) => s.push_str(&format!("; not in this plan (a gap for {one})")),
                (None, [first, rest @ ..]) => s.push_str(&format!(
                    "; not in this plan (a gap for {first} and {} other role{})",
                    rest.len(),
                    if rest.len() == 1 { "" } else { "s" }
                )),
            }
            s
        })
        .collect();
    let intro = "Skills rated medium or high interest. Where the plan closes a gap, these \
                 come first (high interest, then medium), most important first within each.";
    let list_h: f32 = items
        .iter()
        .map(|s| {
            doc.wrap(s, doc.width() - 10.0, style::BODY).len() as f32 * style::BODY.leading() + 1.5
        })
        .sum();
    doc.heading(
        "Wants to grow",
        doc.para_height(intro, style::SMALL) + 4.0 + list_h,
    );
    doc.para(intro, style::SMALL);
    doc.y += 4.0;
    doc.bullets(&items, style::BODY);
}
