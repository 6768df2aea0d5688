//! Page 1: who, when, which direction fits, fit per role, what decides it,
//! what to work on first and what is already strong.

use super::super::draw::Tag;
use super::super::flow::{Align, Doc};
use super::super::style::{self, Font};
use super::super::table::{Cell, Col, Table};
use crate::analysis::report::Report;
use crate::model::{COVERAGE_MIN, Call, Direction, RatingState, RoleFit, UnratedPolicy};
use crate::render::plan_words;
use crate::text::{fit_pct, num, pct};

/// How many gaps page 1 lists.
const TOP_GAPS: usize = 5;

/// How many skills page 1 asks to rate next (the JSON has them all).
const RATE_NEXT_SHOWN: usize = 4;

/// The requirement weight in words.
pub fn weight_label(w: u8) -> &'static str {
    match w {
        3.. => "core",
        2 => "important",
        _ => "nice to have",
    }
}

/// Draws the summary page.
pub fn summary(doc: &mut Doc, r: &Report) {
    header(doc, r);
    if r.rated_skills == 0 {
        // No fit, direction or gap means anything yet: say why instead.
        nothing_rated(doc, r);
        return;
    }
    direction(doc, r);
    fit_bars(doc, r);
    super::progress::summary_block(doc, r);
    super::verdict::devops_or_sre(doc, r);
    // What to do comes before the tables that explain the call, so page 1
    // holds it and the first step: the reader meets them in the plan's
    // order. With too few ratings to name a role, what to rate comes first.
    let not_enough = r
        .direction
        .as_ref()
        .is_some_and(|d| d.call == Call::NotEnough);
    if not_enough {
        rate_next(doc, r);
    }
    top_gaps(doc, r);
    first_step(doc, r);
    deciding(doc, r);
    if !not_enough {
        rate_next(doc, r);
    }
    strengths(doc, r);
}

fn header(doc: &mut Doc, r: &Report) {
    let x = doc.left();
    let w = doc.width();
    let k = style::KICKER;
    doc.text(x, doc.y + k.size, "SKILL-GAP REPORT", k);
    doc.y += k.leading() + 4.0;
    // The name is the document's first heading: a screen reader's
    // heading list and the bookmarks start with whose report it is.
    let (lines, f) = doc.fit_lines(&r.person, w, style::NAME, 13.0, 3);
    doc.begin(Tag::H1);
    for l in &lines {
        doc.text(x, doc.y + f.size, l, f);
        doc.y += f.leading();
    }
    doc.end();
    doc.y += 2.0;
    let mut meta = Vec::new();
    if let Some(e) = r.email.as_deref().filter(|e| !e.trim().is_empty()) {
        meta.push(e.to_string());
    }
    meta.push(match r.assessed_on {
        Some(d) => format!("Assessed {d}"),
        None => "Assessment date not given".to_string(),
    });
    meta.push(format!("Report {}", r.generated_on));
    doc.para(&meta.join("  ·  "), style::BODY.color(style::MUTED));
    doc.y += 8.0;
    doc.rule(style::RULE);
    doc.y += 14.0;
}

/// The direction in one big sentence, then the summary.
fn direction(doc: &mut Doc, r: &Report) {
    let w = doc.width();
    let x = doc.left();
    let call = r.direction.as_ref().map(|d| d.call);
    let title = |id: Option<&str>| {
        id.and_then(|id| r.roles.iter().find(|f| f.id == id))
            .map_or(String::new(), |f| f.title.clone())
    };
    let lead = match (r.best(), r.roles.len(), call) {
        (None, _, _) => "No role was compared".to_string(),
        (Some(_), _, Some(Call::NotEnough)) => "Not enough ratings to name a role yet".to_string(),
        (Some(_), _, Some(Call::TooEarly)) => "Too early to choose a direction".to_string(),
        (Some(b), _, Some(Call::TooClose)) => format!(
            "Too close to call: {} or {}",
            b.title,
            title(r.direction.as_ref().and_then(|d| d.runner_up.as_deref()))
        ),
        (Some(b), 1, _) => format!("Fit for {}: {}", b.title, fit_pct(b.fit)),
        (Some(b), _, _) => format!("Closest fit: {}, {}", b.title, fit_pct(b.fit)),
    };
    // The answer heads page 1's section, as the later sections' titles do.
    let (lines, f) = doc.fit_lines(&lead, w, style::LEAD, 11.0, 3);
    doc.begin(Tag::H1);
    for l in &lines {
        doc.text(x, doc.y + f.size, l, f);
        doc.y += f.leading();
    }
    doc.end();
    doc.y += 3.0;
    if let Some(d) = &r.direction {
        // The deciding skills get their own table below; the sentence
        // listing them would only repeat it.
        let text = match d.summary.find(" What decides it:") {
            Some(i) if !d.deciding.is_empty() => &d.summary[..i],
            _ => d.summary.as_str(),
        };
        // The lead line already says it is too close to call, or names
        // the role and its fit: the sentence goes on from there.
        let text = [
            "Too close to call: ",
            "Not enough ratings to name a role yet: ",
            "Too early to choose a direction: ",
        ]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text);
        let text = match (d.call, text.find(". ")) {
            (Call::Named | Call::Single, Some(i)) if text.starts_with("Closest fit:") => {
                &text[i + 2..]
            }
            _ => text,
        };
        // What is left is a sentence of its own.
        let mut chars = text.chars();
        let text: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        doc.para(&text, style::BODY);
        doc.y += 2.0;
        doc.para(&how_sure(d, r), style::SMALL);
    }
}

/// "How sure: moderate — based on 9 of the 26 requirements of …".
fn how_sure(d: &Direction, r: &Report) -> String {
    let c = d.confidence;
    let basis = match (d.call, r.best()) {
        (Call::TooClose, _) => " — your ratings so far do not separate the two roles".to_string(),
        (Call::NotEnough, _) => " — too few ratings to judge a role".to_string(),
        (Call::TooEarly, _) => " — most ratings are 1–2".to_string(),
        (_, b) => basis_of(b),
    };
    format!("How sure: {}{basis}.", c.label())
}

fn basis_of(best: Option<&RoleFit>) -> String {
    match best {
        Some(b) if b.rated < b.required => format!(
            " — based on the {} of {}'s {} requirements you rated ({}% by weight)",
            b.rated,
            b.title,
            b.required,
            pct(b.coverage)
        ),
        Some(_) => " — every requirement rated".to_string(),
        None => String::new(),
    }
}

/// A tinted call-out box with wrapped text.
fn callout(doc: &mut Doc, title: &str, text: &str) {
    let pad = 8.0;
    let (x, w) = (doc.left(), doc.width());
    let tf = style::BODY.bold();
    let bf = style::BODY;
    let tl = doc.wrap(title, w - 2.0 * pad - 4.0, tf);
    let bl = doc.wrap(text, w - 2.0 * pad - 4.0, bf);
    let h = tl.len() as f32 * tf.leading() + bl.len() as f32 * bf.leading() + 2.0 * pad;
    doc.space(10.0);
    doc.ensure(h);
    let top = doc.y;
    doc.rect_fill(x, top, w, h, style::CALLOUT_BG);
    doc.rect_fill(x, top, 3.0, h, style::GAP);
    let mut y = top + pad;
    for l in &tl {
        doc.text(x + pad + 4.0, y + tf.size, l, tf);
        y += tf.leading();
    }
    for l in &bl {
        doc.text(x + pad + 4.0, y + bf.size, l, bf);
        y += bf.leading();
    }
    doc.y = top + h;
}

fn nothing_rated(doc: &mut Doc, r: &Report) {
    let n = r.unknown_skills.len();
    let text = if n == 0 {
        "The input has no ratings for this person, so every fit is 0%. Rate your skills \
         (start from `skillgap template`) and run the report again."
            .to_string()
    } else {
        format!(
            "None of the {n} skill name{} in the input matched the skill catalogue, so every \
             fit is 0% and there is no chart, gap table or learning plan yet. Rename them \
             as suggested below (or start from `skillgap template`) and run the report again.",
            if n == 1 { "" } else { "s" }
        )
    };
    let (x, w) = (doc.left(), doc.width());
    let (lines, f) = doc.fit_lines("No skill matched the catalogue", w, style::LEAD, 11.0, 3);
    for l in &lines {
        doc.text(x, doc.y + f.size, l, f);
        doc.y += f.leading();
    }
    callout(doc, "No rated skills", &text);
    if n > 0 {
        doc.subheading(
            "Skill names that did not match",
            style::CELL.leading() * 2.0,
        );
        super::notes::unknown_list(doc, r);
    }
}

fn fit_bars(doc: &mut Doc, r: &Report) {
    if r.roles.is_empty() {
        return;
    }
    let row_h = 19.0;
    doc.subheading("Fit per role", row_h);
    let x = doc.left();
    let w = doc.width();
    let title_w = (w * 0.33).round();
    let pct_w = 42.0;
    let note_w = (w * 0.24).round();
    let bar_x = x + title_w;
    let bar_w = w - title_w - pct_w - note_w - 6.0;
    let too_close = r
        .direction
        .as_ref()
        .is_some_and(|d| d.call == Call::TooClose);
    for (i, f) in r.roles.iter().enumerate() {
        doc.ensure(row_h);
        let top = doc.y;
        // Bold only a role the decision names (or the pair too close).
        let best = match r.direction.as_ref().map(|d| d.call) {
            Some(Call::TooClose) => r
                .decision
                .as_ref()
                .is_some_and(|d| d.between.contains(&f.id)),
            Some(Call::Named | Call::Single) | None => i == 0,
            Some(_) => false,
        };
        let tf = if best {
            style::BODY.bold()
        } else {
            style::BODY
        };
        let (t, tf) = doc.fit(&f.title, title_w - 8.0, tf);
        doc.text(x, top + 12.5, &t, tf);
        let bh = 10.0;
        let by = top + 4.5;
        doc.rect_fill(bar_x, by, bar_w, bh, style::ZEBRA);
        for q in 1..4 {
            let gx = bar_x + bar_w * q as f32 / 4.0;
            doc.line(gx, by, gx, by + bh, 0.5, style::GRID);
        }
        let fill = if !f.judged {
            style::REQUIRED
        } else if best {
            style::ACCENT
        } else {
            style::ACCENT_SOFT
        };
        let fit = if f.fit.is_finite() { f.fit } else { 0.0 };
        let fw = bar_w * (fit.clamp(0.0, 100.0) as f32) / 100.0;
        doc.rect_fill(bar_x, by, fw, bh, fill);
        doc.rect_stroke(bar_x, by, bar_w, bh, 0.4, style::RULE);
        // Coverage: a thin line under the bar, as long as the share of the
        // role that was rated.
        let cw = bar_w * (f.coverage.clamp(0.0, 100.0) as f32) / 100.0;
        doc.rect_fill(bar_x, by + bh + 1.2, cw, 1.6, style::MUTED);
        // "Too close to call" gives the fits to a tenth; so do the bars.
        let shown = if too_close && f.fit.is_finite() {
            format!("{:.1}%", f.fit)
        } else {
            fit_pct(f.fit)
        };
        doc.text(bar_x + bar_w + 6.0, top + 12.5, &shown, style::BODY.bold());
        let note = gaps_note(f);
        let (note, nf) = doc.fit(&note, note_w - 4.0, style::SMALL);
        doc.text_at(doc.right(), top + 12.5, &note, nf, Align::Right);
        doc.y = top + row_h;
    }
    doc.y += 3.0;
    let n = r.unrated.len();
    let text = match r.unrated_policy {
        UnratedPolicy::Skip => format!(
            "Each fit is over the skills you rated; the thin line under a bar is how much of \
             the role that is, by weight. A role is judged from {COVERAGE_MIN}% rated (grey bars \
             are not yet).{}",
            if n > 0 {
                format!(
                    " {n} required skill{} no rating and {} left out, never counted as 0; see Notes.",
                    if n == 1 { " has" } else { "s have" },
                    if n == 1 { "is" } else { "are" }
                )
            } else {
                String::new()
            }
        ),
        UnratedPolicy::Zero => format!(
            "{n} required skill{} not rated and counted as 0 (--unrated zero); see Notes.",
            if n == 1 { " was" } else { "s were" }
        ),
    };
    doc.para(&text, style::SMALL);
}

fn gaps_note(f: &RoleFit) -> String {
    let rated = format!("{}/{} rated", f.rated, f.required);
    if !f.judged {
        return format!("{rated} · rate {} more", f.to_judge);
    }
    let gaps = match (f.gaps.len(), f.core_gaps) {
        (0, _) => "no gaps".to_string(),
        (1, 0) => "1 gap".to_string(),
        (n, 0) => format!("{n} gaps"),
        (n, c) => format!("{n} gap{}, {c} core", if n == 1 { "" } else { "s" }),
    };
    format!("{rated} · {gaps}")
}

fn need_cell(v: Option<u8>, weight: Option<u8>) -> Cell {
    match (v, weight) {
        (Some(l), Some(w)) => Cell::plain(format!("{l} ({})", weight_label(w))),
        (Some(l), None) => Cell::plain(l.to_string()),
        (None, _) => Cell::muted("not required"),
    }
}

fn deciding(doc: &mut Doc, r: &Report) {
    let Some(d) = &r.direction else { return };
    // With no role named, the pair compared is arbitrary: "Rate these
    // next" says what would decide instead.
    if d.deciding.is_empty() || d.call == Call::NotEnough {
        return;
    }
    let title_of = |id: &str| {
        r.roles
            .iter()
            .find(|f| f.id == id)
            .map_or(id.to_string(), |f| f.title.clone())
    };
    let best = title_of(&d.best);
    let Some(runner) = d.runner_up.as_deref().map(title_of) else {
        return;
    };
    deciding_table(
        doc,
        &d.deciding,
        &best,
        &runner,
        &format!("What decides it: {best} or {runner}"),
    );
}

/// The deciding skills: the rating, what each role needs (and how much it
/// weighs there when the levels are the same), which way it pushes.
pub(in crate::render::pdf) fn deciding_table(
    doc: &mut Doc,
    deciding: &[crate::model::DecidingSkill],
    best: &str,
    runner: &str,
    title: &str,
) {
    let mut t = Table::new(
        vec![
            Col::new("Skill", 0.34, Align::Left),
            Col::new("You", 0.09, Align::Right),
            Col::new(format!("{best} needs"), 0.2, Align::Right),
            Col::new(format!("{runner} needs"), 0.2, Align::Right),
            Col::new("Favours", 0.17, Align::Left),
        ],
        "What decides it",
    );
    for s in deciding {
        let same = s.best_required.is_some() && s.best_required == s.runner_up_required;
        t.row(vec![
            Cell::new(s.name.clone(), style::CELL.bold()),
            match s.rating {
                Some(v) => Cell::plain(num(v)),
                None => Cell::muted("not rated"),
            },
            need_cell(s.best_required, s.best_weight.filter(|_| same)),
            need_cell(s.runner_up_required, s.runner_up_weight.filter(|_| same)),
            Cell::new(
                s.favours_name.clone(),
                style::CELL.bold().color(style::ACCENT),
            ),
        ]);
    }
    doc.subheading(title, t.lead_height(doc));
    t.draw(doc);
}

/// The unrated skills that could change the answer: "Rate these next"
/// (asked, left blank) and "Add to your survey" (never asked).
fn rate_next(doc: &mut Doc, r: &Report) {
    let Some(d) = &r.direction else { return };
    let shown = &d.rate_next[..d.rate_next.len().min(RATE_NEXT_SHOWN)];
    let (blank, unasked): (Vec<_>, Vec<_>) = shown
        .iter()
        .cloned()
        .partition(|t| t.state != RatingState::NotAsked);
    let why = if d.decided() {
        "they could change the answer"
    } else {
        "the ratings that would decide it"
    };
    if !blank.is_empty() {
        rate_next_table(doc, &blank, &format!("Rate these next: {why}"));
    }
    if !unasked.is_empty() {
        rate_next_table(
            doc,
            &unasked,
            &format!("Add to your survey: not asked, and {why}"),
        );
    }
}

/// A table of skills to rate next, with what the roles ask of each.
pub(in crate::render::pdf) fn rate_next_table(
    doc: &mut Doc,
    items: &[crate::model::RateNext],
    title: &str,
) {
    let mut t = Table::new(
        vec![
            Col::new("Skill", 0.36, Align::Left),
            Col::new("What the roles ask", 0.46, Align::Left),
            Col::new("", 0.18, Align::Left),
        ],
        "Rate these next",
    );
    for s in items {
        t.row(vec![
            Cell::new(s.name.clone(), style::CELL.bold()),
            Cell::plain(s.why.clone()),
            match s.state {
                RatingState::NotAsked => Cell::muted("not in this survey"),
                _ => Cell::muted("not rated"),
            },
        ]);
    }
    doc.subheading(title, t.lead_height(doc));
    t.draw(doc);
}

/// Too early to choose: the base every direction starts from, as the plan
/// takes it, instead of one role's gaps.
fn base_first(doc: &mut Doc, r: &Report) -> bool {
    let early = r
        .direction
        .as_ref()
        .is_some_and(|d| d.call == Call::TooEarly);
    let Some(plan) = r.plan.as_ref().filter(|p| early && !p.skills.is_empty()) else {
        return false;
    };
    let mut t = Table::new(
        vec![
            Col::new("#", 0.05, Align::Right),
            Col::new("Skill", 0.55, Align::Left),
            Col::new("You", 0.13, Align::Right),
            Col::new("To", 0.13, Align::Right),
            Col::new("By", 0.14, Align::Right),
        ],
        "The shared base",
    );
    for (i, s) in plan.skills.iter().take(TOP_GAPS).enumerate() {
        t.row(vec![
            Cell::muted((i + 1).to_string()),
            Cell::new(s.name.clone(), style::CELL.bold()),
            Cell::plain(num(s.from)),
            Cell::plain(s.to.to_string()),
            match s.reached.or(s.done_by) {
                Some(d) => Cell::plain(d.format("%b %Y").to_string()),
                None => Cell::muted("later"),
            },
        ]);
    }
    let intro = r.plan_goal.clone().unwrap_or_default();
    doc.subheading(
        "Work on first: the base every direction starts from",
        doc.para_height(&intro, style::SMALL) + 3.0 + t.lead_height(doc),
    );
    doc.para(&intro, style::SMALL);
    doc.y += 3.0;
    t.draw(doc);
    true
}

fn top_gaps(doc: &mut Doc, r: &Report) {
    if base_first(doc, r) {
        return;
    }
    let Some(best) = plan_words::gaps_role(r) else {
        return;
    };
    if best.gaps.is_empty() {
        doc.subheading("Work on next", style::BODY.leading());
        // The plan's goal says where to go from here, when there is a plan.
        let planned = r
            .plan
            .as_ref()
            .is_some_and(|p| !p.items.is_empty() || !p.later.is_empty());
        let text = match &r.plan_goal {
            Some(goal) if planned => format!("No gaps. {goal}"),
            _ => format!("No gaps: you meet every requirement of {}.", best.title),
        };
        doc.para(&text, style::BODY);
        return;
    }
    let decided = r.direction.as_ref().is_none_or(|d| d.decided());
    let title = if decided {
        format!("Work on first: top gaps for {}", best.title)
    } else {
        format!("Gaps among your ratings for {} (provisional)", best.title)
    };
    let mut t = Table::new(
        vec![
            Col::new("#", 0.05, Align::Right),
            Col::new("Skill", 0.45, Align::Left),
            Col::new("You", 0.12, Align::Right),
            Col::new("Need", 0.1, Align::Right),
            Col::new("Gap", 0.1, Align::Right),
            Col::new("Weight", 0.18, Align::Left),
        ],
        "Top gaps",
    );
    let gaps = plan_words::in_plan_order(r, best);
    for (i, g) in gaps.iter().take(TOP_GAPS).enumerate() {
        t.row(vec![
            Cell::muted((i + 1).to_string()),
            Cell::new(r.skill_label(&g.skill, &g.name), style::CELL.bold()),
            match g.rating {
                Some(v) => Cell::plain(num(v)),
                None => Cell::muted("not rated"),
            },
            Cell::plain(g.required.to_string()),
            Cell::new(num(g.gap), style::CELL.bold().color(style::GAP)),
            Cell::plain(weight_label(g.weight)),
        ]);
    }
    // The order is the plan's: say what it is, and why a prerequisite
    // comes before the skill that needs it.
    let mut order = Vec::new();
    if let (Some(goal), Some(_)) = (&r.plan_goal, &r.plan) {
        order.push(format!("In the order of your learning plan. {goal}"));
    }
    if let Some(line) = r
        .plan
        .as_ref()
        .and_then(|p| plan_words::prerequisites(p, TOP_GAPS))
    {
        order.push(line);
    }
    let order = order.join(" ");
    let intro_h = if order.is_empty() {
        0.0
    } else {
        doc.para_height(&order, style::SMALL) + 3.0
    };
    doc.subheading(&title, intro_h + t.lead_height(doc));
    if !order.is_empty() {
        doc.para(&order, style::SMALL);
        doc.y += 3.0;
    }
    t.draw(doc);
    let more = gaps.len().saturating_sub(TOP_GAPS);
    if more > 0 {
        doc.y += 3.0;
        doc.para(
            &format!("…and {more} more in the gap table for {}.", best.title),
            style::SMALL,
        );
    }
}

fn strengths(doc: &mut Doc, r: &Report) {
    let Some(best) = r.best() else { return };
    if best.strengths.is_empty() {
        return;
    }
    let total = best.gaps.len() + best.strengths.len();
    let intro = if best.unassessed.is_empty() {
        format!(
            "You meet {} of {total} requirements of {}:",
            best.strengths.len(),
            best.title
        )
    } else {
        format!(
            "You meet {} of the {total} requirements of {} that you rated:",
            best.strengths.len(),
            best.title
        )
    };
    let items: Vec<String> = best
        .strengths
        .iter()
        .map(|s| {
            if s.rating > f64::from(s.required) {
                format!("{} {} (needs {})", s.name, num(s.rating), s.required)
            } else {
                format!("{} {}", s.name, num(s.rating))
            }
        })
        .collect();
    let body = items.join("  ·  ");
    let f: Font = style::BODY;
    doc.subheading(
        "Strengths",
        style::SMALL.leading() + f.leading() * 2.0_f32.min(1.0 + items.len() as f32),
    );
    doc.para(&intro, style::SMALL);
    doc.y += 1.0;
    doc.para(&body, f);
}

/// The plan's first item, with the dated window and the whole plan's end.
fn first_step(doc: &mut Doc, r: &Report) {
    let Some(plan) = &r.plan else { return };
    let Some(first) = plan.items.first() else {
        return;
    };
    let done = plan.items.iter().map(|i| i.end).max().unwrap_or(first.end);
    let mut text = format!(
        "From {}: {} {} → {} with “{}” ({}, {} hours). In {}: {} step{}, {} hours, \
         done by {done}.",
        first.start,
        first.name,
        num(first.from),
        first.to,
        first.resource.title,
        first.resource.kind.label().to_lowercase(),
        first.hours,
        plan_words::window(plan),
        plan.items.len(),
        if plan.items.len() == 1 { "" } else { "s" },
        plan_words::window_hours(plan),
    );
    if let Some(whole) = plan_words::whole(plan) {
        text.push(' ');
        text.push_str(&whole);
    }
    // Kept whole with its title: on page 1 when it fits, else at the top
    // of page 2, right after the list it starts on.
    doc.subheading("First step", doc.para_height(&text, style::BODY));
    doc.para(&text, style::BODY);
}
