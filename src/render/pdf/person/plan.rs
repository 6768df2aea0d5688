//! The learning plan: goal, timeline, dated items with clickable titles,
//! milestones, what comes later, and what the catalogue cannot teach.

use super::super::flow::{Align, Doc};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use super::super::timeline::timeline;
use crate::analysis::report::Report;
use crate::plan::{Plan, PlanResource};
use crate::render::plan_words;
use crate::text::num;

fn resource_cell(res: &PlanResource) -> Cell {
    let mut sub = res.kind.label().to_string();
    for when in [res.sessions_label(), res.weeks_label()]
        .into_iter()
        .flatten()
    {
        sub.push_str(", ");
        sub.push_str(&when);
    }
    if !res.provider.trim().is_empty() {
        sub.push_str(" · ");
        sub.push_str(&res.provider);
    }
    for line in [res.condition_label(), res.instead_label()]
        .into_iter()
        .flatten()
    {
        sub.push_str(". ");
        sub.push_str(&line);
    }
    Cell::plain(res.title.clone())
        .url(res.url.as_deref())
        .sub(sub, style::TINY.size(7.0))
}

fn skill_cell(name: &str, from: f64, to: u8) -> Cell {
    Cell::new(name.to_string(), style::CELL.bold())
        .sub(format!("level {} → {to}", num(from)), style::TINY.size(7.0))
}

/// Why a plan has no dated items, in a sentence.
fn why_empty(r: &Report, plan: &Plan) -> String {
    if r.roles.is_empty() {
        return "No role was compared, so there is nothing to plan for.".into();
    }
    if !plan.later.is_empty() {
        return format!(
            "At {} hours a week not even the first item ends by {}, so everything is listed \
             under Later. Plan further ahead (--until DATE) or set aside more hours \
             (--hours-per-week).",
            num(plan.hours_per_week),
            plan.horizon_end
        );
    }
    if plan.hours_per_week.is_nan() || plan.hours_per_week <= 0.0 {
        return "No study hours per week are set aside, so nothing could be scheduled.".into();
    }
    if !plan.uncovered.is_empty() {
        return "The learning catalogue has no resource for what is left to learn, so \
                nothing could be scheduled (see below)."
            .into();
    }
    let top = r
        .best()
        .is_some_and(|b| b.gaps.is_empty() && b.strengths.iter().all(|s| s.rating >= 5.0));
    if top {
        "Nothing to plan: you are already at the top level (5) in every skill the compared \
         roles require."
            .into()
    } else {
        "Nothing to plan: there is no gap to close.".into()
    }
}

/// Draws the plan section, on a new page unless at least half of this one
/// is still free.
pub fn plan(doc: &mut Doc, r: &Report, plan: &Plan) {
    if !doc.fits(doc.bottom() / 2.0) {
        doc.page_break();
    }
    doc.heading("Learning plan", style::BODY.leading() * 3.0);
    // The goal only makes sense next to something planned; otherwise the
    // sentence saying why there is nothing stands alone.
    if let Some(goal) = &r.plan_goal
        && (!plan.items.is_empty() || !plan.later.is_empty())
    {
        doc.para(goal, style::BODY);
    }
    let why = [
        plan_words::defining(r, plan),
        plan_words::prerequisites(plan, plan.skills.len()),
    ];
    for line in why.iter().flatten() {
        doc.y += 2.0;
        doc.para(line, style::BODY);
    }
    if plan.items.is_empty() {
        doc.y += 4.0;
        doc.para(&why_empty(r, plan), style::BODY);
    } else {
        let done = plan.items.iter().map(|i| i.end).max().unwrap_or(plan.start);
        let mut line = format!(
            "In {}, from {} at {} hours a week: {}, {} hours, done by {done}.",
            plan_words::window(plan),
            plan.start,
            num(plan.hours_per_week),
            crate::text::counted(plan.items.len(), "step", "steps"),
            plan_words::window_hours(plan),
        );
        for more in [plan_words::whole(plan), plan_words::cost(plan)]
            .into_iter()
            .flatten()
        {
            line.push(' ');
            line.push_str(&more);
        }
        doc.y += 2.0;
        doc.para(&line, style::SMALL);
        timeline(doc, &plan.items);
        items(doc, r, plan);
        milestones(doc, plan);
    }
    later(doc, plan);
    uncovered(doc, plan);
}

fn items(doc: &mut Doc, r: &Report, plan: &Plan) {
    let mut t = Table::new(
        vec![
            Col::new("When", 0.18, Align::Left),
            Col::new("Skill", 0.22, Align::Left),
            Col::new("What to work through", 0.5, Align::Left),
            Col::new("Hours", 0.1, Align::Right),
        ],
        "Plan",
    );
    for i in &plan.items {
        t.row(vec![
            Cell::plain(format!("{} – {}", i.start, i.end)),
            skill_cell(&r.skill_label(&i.skill, &i.name), i.from, i.to),
            resource_cell(&i.resource),
            Cell::plain(i.hours.to_string()),
        ]);
    }
    doc.subheading("Step by step", t.lead_height(doc));
    t.draw(doc);
    if plan.items.iter().any(|i| i.resource.url.is_some()) {
        doc.y += 3.0;
        doc.para("Underlined titles are links.", style::SMALL);
    }
}

fn milestones(doc: &mut Doc, plan: &Plan) {
    if plan.milestones.is_empty() {
        return;
    }
    let pairs: Vec<(String, String)> = plan
        .milestones
        .iter()
        .map(|m| {
            (
                format!("by {}", m.date),
                format!("{} {} → {}", m.name, num(m.from), m.to),
            )
        })
        .collect();
    doc.subheading("Milestones", style::BODY.leading() * 2.0);
    doc.pairs(&pairs, 82.0, style::CELL.bold(), style::BODY);
}

fn later(doc: &mut Doc, plan: &Plan) {
    if plan.later.is_empty() {
        return;
    }
    let mut t = Table::new(
        vec![
            Col::new("Skill", 0.3, Align::Left),
            Col::new("What to work through", 0.6, Align::Left),
            Col::new("Hours", 0.1, Align::Right),
        ],
        "Later",
    );
    for l in &plan.later {
        t.row(vec![
            skill_cell(&l.name, l.from, l.to),
            resource_cell(&l.resource),
            Cell::plain(l.hours.to_string()),
        ]);
    }
    let end = match plan.done_by {
        Some(d) => format!(", done by {d}"),
        None => String::new(),
    };
    let intro = format!(
        "After {}: {} more, {} hours at {} hours a week{end}, in this order.",
        plan_words::window(plan),
        crate::text::counted(plan.later.len(), "step", "steps"),
        plan.later_hours,
        num(plan.hours_per_week)
    );
    doc.subheading(
        "Later",
        doc.para_height(&intro, style::SMALL) + t.lead_height(doc) + 4.0,
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    t.draw(doc);
}

fn uncovered(doc: &mut Doc, plan: &Plan) {
    if plan.uncovered.is_empty() {
        return;
    }
    let items: Vec<String> = plan
        .uncovered
        .iter()
        .map(|u| {
            format!(
                "{}: no catalogue resource goes beyond level {}.",
                u.name, u.from
            )
        })
        .collect();
    doc.subheading(
        "Not covered by the learning catalogue",
        style::BODY.leading() * 2.0,
    );
    doc.bullets(&items, style::BODY);
}
