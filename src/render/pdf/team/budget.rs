//! Training a manager can budget: for each of the biggest shared gaps, the
//! people and their levels, the catalogue resources whose level range
//! covers the gap each one has, hours per person and in all, the price
//! where the catalogue knows it, and the plan in all. A price the
//! catalogue does not know is said to be unknown, never counted as free.

use super::super::flow::{Align, Doc};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use super::overview::{NB, hours, plural, usd};
use crate::analysis::overview::{NeedPerson, TrainingNeed};
use crate::analysis::team::TeamReport;
use crate::model::{Cost, Resource};
use crate::text::levels;
use crate::text::num;
use crate::text::{and_list, thousands as count};

/// "free", "$49", "exam $395", "price not in the catalogue".
fn price(r: &Resource) -> String {
    match r.cost {
        Some(Cost::Free) => "free".to_string(),
        Some(Cost::Paid { usd: v }) => usd(v),
        Some(Cost::Exam { usd: v }) => format!("exam fee {}", usd(v)),
        None => "price not in the catalogue".to_string(),
    }
}

/// Names listed per level step; the rest are counted (team-summary.json
/// lists everyone).
const NAMES_PER_STEP: usize = 8;

/// The people of a gap grouped by where they start and where their role
/// asks them to be: "2 → 4, 20 h each: Ana and Bo".
fn steps(people: &[NeedPerson]) -> Vec<String> {
    // (label, hours each, names, (start, level asked) to order by).
    type Step<'a> = (String, u32, Vec<&'a str>, (f64, u8));
    let mut groups: Vec<Step> = Vec::new();
    for p in people {
        let mut key = format!("{}{NB}→{NB}{}", num(p.rating), p.required);
        if p.resources.is_empty() {
            key.push_str(" (nothing in the catalogue from here)");
        } else if p.reaches < p.required {
            key.push_str(&format!(" (the catalogue reaches only {})", p.reaches));
        }
        match groups.iter_mut().find(|g| g.0 == key && g.1 == p.hours) {
            Some(g) => g.2.push(&p.person),
            None => groups.push((key, p.hours, vec![&p.person], (p.rating, p.required))),
        }
    }
    // From the lowest start up, and for one start the nearest level first:
    // "0 → 3" before "0 → 4".
    groups.sort_by(|a, b| {
        a.3.0
            .total_cmp(&b.3.0)
            .then(a.3.1.cmp(&b.3.1))
            .then(a.1.cmp(&b.1))
    });
    groups
        .into_iter()
        .map(|(key, h, names, _)| {
            let mut shown: Vec<String> = names
                .iter()
                .take(NAMES_PER_STEP)
                .map(|s| s.to_string())
                .collect();
            if names.len() > NAMES_PER_STEP {
                shown.push(format!("{}{NB}more", count(names.len() - NAMES_PER_STEP)));
            }
            format!(
                "{key}, {} each: {} ({})",
                hours(h),
                and_list(&shown),
                plural(names.len(), "person", "people")
            )
        })
        .collect()
}

fn need(doc: &mut Doc, i: usize, g: &TrainingNeed) {
    let head = format!(
        "{}. {}: {} below the level their role asks, {} short in all",
        i + 1,
        g.name,
        plural(g.people.len(), "person", "people"),
        plural_levels(g.levels_short)
    );
    doc.subheading(&head, style::BODY.leading() * 3.0);
    let teach = match g.can_teach_count {
        0 => "Nobody in the team meets the level asked yet: the training has to come from outside."
            .to_string(),
        k => {
            let mut names = g.can_teach.clone();
            if k > names.len() {
                names.push(format!("{}{NB}more", count(k - g.can_teach.len())));
            }
            format!("Can teach it: {}.", and_list(&names))
        }
    };
    doc.para(&teach, style::SMALL.color(style::INK));
    doc.bullets(&steps(&g.people), style::SMALL.color(style::INK));
    resources(doc, g);
    let total = format!(
        "For this gap: {}, {}.",
        hours(g.hours),
        money(g.usd, g.unknown_cost)
    );
    doc.para(&total, style::SMALL.bold().color(style::INK));
}

/// "about $1,250", "about $400, plus 3 resources without a price in the
/// catalogue", "no price known yet (3 resources without one)": an
/// unknown price is never counted as free.
fn money(known: u32, unknown: usize) -> String {
    match (known, unknown) {
        (0, 0) => "no fees: every resource is free".to_string(),
        (k, 0) => format!("about {}", usd(k)),
        (0, u) => format!(
            "cost not known yet: the catalogue has no price for {}",
            plural(u, "resource", "resources")
        ),
        (k, u) => format!(
            "about {} plus {} without a price in the catalogue",
            usd(k),
            plural(u, "resource", "resources")
        ),
    }
}

/// The resources of a gap, titles linked to their source.
fn resources(doc: &mut Doc, g: &TrainingNeed) {
    if g.resources.is_empty() {
        doc.para(
            "The learning catalogue has nothing for this skill yet.",
            style::SMALL.color(style::INK),
        );
        return;
    }
    let mut tab = Table::new(
        vec![
            Col::new("Resource", 0.47, Align::Left),
            Col::new("Levels", 0.10, Align::Left),
            Col::new("Hours each", 0.11, Align::Right),
            Col::new("Price", 0.20, Align::Left),
            Col::new("For", 0.12, Align::Right),
        ],
        format!("{} (continued)", g.name),
    );
    for r in &g.resources {
        let users = g
            .people
            .iter()
            .filter(|p| p.resources.contains(&r.id))
            .count();
        tab.row(vec![
            Cell::plain(r.title.clone())
                .url(r.url.as_deref())
                .sub(format!("{} · {}", r.kind.label(), r.provider), style::TINY),
            Cell::plain(format!("{}{NB}→{NB}{}", r.from, r.to)),
            Cell::plain(count(r.hours as usize)),
            match r.cost {
                None => Cell::muted("not in the catalogue"),
                Some(_) => Cell::plain(price(r)),
            },
            Cell::plain(plural(users, "person", "people")),
        ]);
    }
    doc.y += 2.0;
    tab.draw(doc);
}

fn plural_levels(v: f64) -> String {
    format!(
        "{}{NB}{}",
        levels(v),
        if (v - 1.0).abs() < 1e-9 {
            "level"
        } else {
            "levels"
        }
    )
}

/// The training section, on a new page.
pub(in crate::render::pdf) fn budget(doc: &mut Doc, t: &TeamReport) {
    let o = &t.overview;
    if o.training.is_empty() {
        return;
    }
    doc.page_break();
    let intro = "The biggest shared gaps: skills two people or more are below the level their own \
                 role asks, most levels short first (core skills counting three times). For each \
                 person the catalogue's resources start at or below their rating and lead to that \
                 level; hours are the catalogue's, per person. Prices are counted per person where \
                 the catalogue knows them; a resource without a price is said so, never counted \
                 as free.";
    doc.heading(
        "Training to budget",
        doc.para_height(intro, style::SMALL) + style::BODY.leading() * 4.0,
    );
    doc.para(intro, style::SMALL);
    for (i, g) in o.training.iter().enumerate() {
        // A gap is read as one block: it starts on a new page rather than
        // leave its last lines to the next one.
        if doc.probe(|d| need(d, i, g)).0 > 1 {
            doc.page_break();
        }
        need(doc, i, g);
    }
    let b = &o.budget;
    let line = format!(
        "In all: {} for {} (a person and a skill each), {}, for the {} above.",
        hours(b.hours),
        plural(b.places, "place", "places"),
        money(b.usd, b.unknown_cost),
        plural(o.training.len(), "shared gap", "shared gaps")
    );
    doc.space(6.0);
    doc.rule(style::RULE);
    doc.space(4.0);
    doc.para(&line, style::BODY.bold());
    if let Some(more) = more_gaps(&o.more_gaps) {
        doc.para(&more, style::SMALL.color(style::INK));
    }
}

/// Most other shared gaps named after the in-all line.
const MORE_GAPS_NAMED: usize = 6;

/// "4 more shared gaps, not planned here: CI/CD (12 people below), …;
/// team-summary.json has every person's levels for them."
fn more_gaps(more: &[(String, usize)]) -> Option<String> {
    if more.is_empty() {
        return None;
    }
    let mut named: Vec<String> = more
        .iter()
        .take(MORE_GAPS_NAMED)
        .map(|(n, k)| format!("{n} ({}{NB}below)", count(*k)))
        .collect();
    if more.len() > MORE_GAPS_NAMED {
        named.push(format!("{}{NB}more", count(more.len() - MORE_GAPS_NAMED)));
    }
    Some(format!(
        "{} {} not in this plan or its total: {}; team-summary.json lists them.",
        plural(more.len(), "more shared gap", "more shared gaps"),
        if more.len() == 1 { "is" } else { "are" },
        and_list(&named)
    ))
}
