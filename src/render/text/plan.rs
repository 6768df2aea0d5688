//! The learning plan in the terminal: the same sentences as the PDF's
//! (see [`crate::render::plan_words`]), the first steps and milestones.

use super::{Text, clean};
use crate::analysis::report::Report;
use crate::plan::Plan;
use crate::render::plan_words;
use crate::text::num;
use std::fmt::Write;

/// Plan items shown in the terminal; the PDF and JSON carry all of them.
const PLAN_ITEMS: usize = 6;

/// The plan: its window and goal, the first items, then the totals, the
/// milestones and what comes later.
pub(super) fn plan_section(o: &mut String, t: &Text, r: &Report, plan: &Plan) -> std::fmt::Result {
    writeln!(
        o,
        "{}",
        t.heading(&format!(
            "Learning plan: {} from {} at {} h/week",
            plan_words::window(plan),
            plan.start,
            num(plan.hours_per_week)
        ))
    )?;
    if let Some(goal) = &r.plan_goal {
        writeln!(o, "  {goal}")?;
    }
    let why = [
        plan_words::defining(r, plan),
        plan_words::prerequisites(plan, plan.skills.len()),
    ];
    for line in why.iter().flatten() {
        writeln!(o, "  {}", clean(line))?;
    }
    if plan.items.is_empty() && plan.later.is_empty() {
        writeln!(
            o,
            "  Nothing to schedule: no catalogue resource matches the remaining gaps."
        )?;
    }
    first_items(o, r, plan)?;
    totals(o, plan)?;
    writeln!(o)
}

/// The first [`PLAN_ITEMS`] items, with when, what and how long.
fn first_items(o: &mut String, r: &Report, plan: &Plan) -> std::fmt::Result {
    for item in plan.items.iter().take(PLAN_ITEMS) {
        writeln!(
            o,
            "  {} – {}  {} {} → {}: {} \"{}\" ({}, {} h{})",
            item.start,
            item.end,
            clean(&r.skill_label(&item.skill, &item.name)),
            num(item.from),
            item.to,
            item.resource.kind.label(),
            clean(&item.resource.title),
            clean(&item.resource.provider),
            item.hours,
            item.resource
                .sessions_label()
                .map(|s| format!(" in {s}"))
                .or_else(|| item.resource.weeks_label().map(|w| format!(" {w}")))
                .unwrap_or_default()
        )?;
        if let Some(condition) = item.resource.condition_label() {
            writeln!(o, "      {}", clean(&condition))?;
        }
        if let Some(instead) = item.resource.instead_label() {
            writeln!(o, "      {}", clean(&instead))?;
        }
    }
    if plan.items.len() > PLAN_ITEMS {
        writeln!(
            o,
            "  … {} more in the PDF or JSON",
            crate::text::counted(plan.items.len() - PLAN_ITEMS, "item", "items")
        )?;
    }
    Ok(())
}

/// The plan's totals, cost, milestones, what comes after its window and
/// what no resource covers.
fn totals(o: &mut String, plan: &Plan) -> std::fmt::Result {
    if let Some(done) = plan.items.iter().map(|i| i.end).max() {
        writeln!(
            o,
            "  In {}: {}, {}, done by {done}.",
            plan_words::window(plan),
            crate::text::counted(plan.items.len(), "step", "steps"),
            crate::text::counted(plan_words::window_hours(plan) as usize, "hour", "hours")
        )?;
    }
    if let Some(whole) = plan_words::whole(plan) {
        writeln!(o, "  {whole}")?;
    }
    if let Some(cost) = plan_words::cost(plan) {
        writeln!(o, "  {cost}")?;
    }
    if !plan.milestones.is_empty() {
        writeln!(o, "  Milestones:")?;
        for m in &plan.milestones {
            writeln!(
                o,
                "    by {}: {} {} → {}",
                m.date,
                clean(&m.name),
                num(m.from),
                m.to
            )?;
        }
    }
    if !plan.later.is_empty() {
        writeln!(
            o,
            "  After {}: {} more, {} h in all{}",
            plan_words::window(plan),
            crate::text::counted(plan.later.len(), "step", "steps"),
            plan.later_hours,
            plan.done_by
                .map_or(String::new(), |d| format!(", done by {d}"))
        )?;
    }
    for u in &plan.uncovered {
        writeln!(
            o,
            "  No resource in the catalogue moves {} beyond level {}.",
            clean(&u.name),
            u.from
        )?;
    }
    Ok(())
}
