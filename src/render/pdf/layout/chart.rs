//! The skills chart of one role: per required skill, the current level as a
//! dark bar over the required level in light grey, the shortfall hatched and
//! outlined, grouped by category, on the 0–5 scale.

use super::flow::{Align, Doc};
use super::style::{self, Font};
use crate::model::{LEVELS, RatingState, RoleFit};
use crate::text::num;

/// Minimum row height.
const ROW_H: f32 = 14.0;
/// Bar thickness.
const BAR_H: f32 = 7.5;
/// Space taken by a category heading.
const CAT_H: f32 = 17.0;
/// Hatch line spacing and width.
const HATCH_STEP: f32 = 2.6;
const HATCH_W: f32 = 0.55;

/// One bar: a required skill and where the person stands.
struct Bar {
    name: String,
    required: u8,
    rating: Option<f64>,
    /// Without a rating: why ("not rated", "not in survey"), and whether
    /// it counts as 0 (`--unrated zero`) or is left out.
    open: Option<(&'static str, bool)>,
}

impl Bar {
    fn short(&self) -> bool {
        match (self.rating, self.open) {
            (Some(r), _) => r < f64::from(self.required),
            (None, Some((_, zero))) => zero,
            (None, None) => true,
        }
    }
}

/// Skills of one category, in the order they are drawn.
struct Group {
    category: String,
    priority: f64,
    bars: Vec<Bar>,
}

/// Groups a role's rated requirements by category (those without a rating
/// are one list after the chart, unless counted as 0): the categories with
/// the most weighted shortfall first, then by name; in each, gaps (highest
/// priority first) before strengths (heaviest first). `label` names a skill
/// as drawn ("Automation (from Ansible)").
fn groups(role: &RoleFit, label: &dyn Fn(&str, &str) -> String) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut add = |category: &str, priority: f64, bar: Bar| match groups
        .iter_mut()
        .find(|g| g.category == category)
    {
        Some(g) => {
            g.priority += priority;
            g.bars.push(bar);
        }
        None => groups.push(Group {
            category: category.to_string(),
            priority,
            bars: vec![bar],
        }),
    };
    for g in &role.gaps {
        let rating = g.rating.filter(|r| r.is_finite());
        add(
            &g.category,
            g.priority,
            Bar {
                name: label(&g.skill, &g.name),
                required: g.required,
                rating,
                open: rating.is_none().then_some(("not rated", true)),
            },
        );
    }
    for s in &role.strengths {
        add(
            &s.category,
            0.0,
            Bar {
                name: label(&s.skill, &s.name),
                required: s.required,
                rating: Some(s.rating).filter(|r| r.is_finite()),
                open: None,
            },
        );
    }
    groups.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then_with(|| a.category.cmp(&b.category))
    });
    groups
}

/// Horizontal geometry of the chart.
#[derive(Clone, Copy)]
struct Geo {
    left: f32,
    label_w: f32,
    plot_x: f32,
    plot_w: f32,
    right: f32,
}

impl Geo {
    fn new(doc: &Doc) -> Geo {
        let w = doc.width();
        let label_w = (w * 0.31).round();
        let value_w = (w * 0.14).round();
        Geo {
            left: doc.left(),
            label_w,
            plot_x: doc.left() + label_w,
            plot_w: w - label_w - value_w - 6.0,
            right: doc.right(),
        }
    }

    fn x(&self, level: f64) -> f32 {
        let level = if level.is_finite() { level } else { 0.0 };
        self.plot_x + self.plot_w * (level.clamp(0.0, 5.0) as f32) / 5.0
    }
}

/// Draws the legend line; returns its height.
/// What the legend says of requirements without a rating: counted as 0
/// (`--unrated zero`, and some are), or nothing (the others are listed
/// after the chart, not drawn).
fn unrated_legend(role: &RoleFit) -> Option<&'static str> {
    role.gaps
        .iter()
        .any(|g| g.rating.is_none())
        .then_some("“not rated” counts as 0")
}

fn legend(doc: &mut Doc, geo: Geo, unrated: Option<&str>) {
    let f = style::TINY.color(style::INK);
    let y = doc.y;
    let mut x = geo.left;
    let sw = 16.0;
    let mid = y + 5.0;
    // Current.
    doc.rect_fill(x, mid - BAR_H / 2.0, sw, BAR_H, style::ACCENT);
    x += sw + 4.0;
    x += doc.text(x, mid + 2.5, "Current level", f) + 14.0;
    // Required.
    doc.rect_fill(x, mid - BAR_H / 2.0, sw, BAR_H, style::REQUIRED);
    doc.line(
        x + sw,
        mid - BAR_H / 2.0 - 2.0,
        x + sw,
        mid + BAR_H / 2.0 + 2.0,
        1.2,
        style::INK,
    );
    x += sw + 5.0;
    x += doc.text(x, mid + 2.5, "Required level", f) + 14.0;
    // Gap.
    gap_box(doc, x, mid - BAR_H / 2.0, sw, BAR_H);
    x += sw + 4.0;
    x += doc.text(x, mid + 2.5, "Gap: below required", f) + 14.0;
    if let Some(note) = unrated {
        doc.text(x, mid + 2.5, note, f.color(style::MUTED));
    }
    doc.y = y + 14.0;
}

/// The shortfall marker: light grey with an orange hatch and outline.
fn gap_box(doc: &mut Doc, x: f32, y: f32, w: f32, h: f32) {
    if w <= 0.0 {
        return;
    }
    doc.rect_fill(x, y, w, h, style::REQUIRED);
    doc.hatch(x, y, w, h, HATCH_STEP, HATCH_W, style::GAP);
    doc.rect_stroke(x, y, w, h, 0.8, style::GAP);
}

/// The scale above the bars: level numbers and names, and the value
/// column's header.
fn axis(doc: &mut Doc, geo: Geo) {
    let top = doc.y;
    for (level, label, _) in LEVELS {
        let x = geo.x(f64::from(level));
        let n = style::TINY.bold().color(style::INK);
        doc.text_at(x, top + 8.0, &level.to_string(), n, Align::Center);
        doc.text_at(x, top + 15.5, label, style::TINY.size(5.8), Align::Center);
    }
    doc.text_at(
        geo.right,
        top + 8.0,
        "you / need",
        style::TINY.bold().color(style::INK),
        Align::Right,
    );
    doc.y = top + 20.0;
}

fn row_height(doc: &Doc, geo: Geo, bar: &Bar) -> (Vec<String>, Font, f32) {
    let f = if bar.short() {
        style::CELL.bold()
    } else {
        style::CELL
    };
    let (lines, f) = doc.fit_lines(&bar.name, geo.label_w - 10.0, f, style::MIN_SIZE, 2);
    let h = (lines.len() as f32 * f.leading() + 4.0).max(ROW_H);
    (lines, f, h)
}

fn draw_bar(doc: &mut Doc, geo: Geo, bar: &Bar, lines: &[String], f: Font, h: f32) {
    let top = doc.y;
    // Label, vertically centred on the row.
    let text_h = lines.len() as f32 * f.leading();
    let mut y = top + (h - text_h) / 2.0 + f.size * 0.93;
    for l in lines {
        doc.text(geo.left, y, l, f);
        y += f.leading();
    }
    // Grid.
    for level in 0..=5 {
        let x = geo.x(f64::from(level));
        doc.line(x, top, x, top + h, 0.5, style::GRID);
    }
    let by = top + (h - BAR_H) / 2.0;
    let req = f64::from(bar.required);
    let rx = geo.x(req);
    doc.rect_fill(geo.plot_x, by, rx - geo.plot_x, BAR_H, style::REQUIRED);
    let current = bar.rating.unwrap_or(0.0);
    let cx = geo.x(current);
    if bar.rating.is_some() {
        // A rated 0 still gets a sliver, so it differs from "not rated".
        let w = (cx - geo.plot_x).max(1.2);
        doc.rect_fill(geo.plot_x, by, w, BAR_H, style::ACCENT);
    }
    if bar.short() {
        gap_box(doc, cx, by, rx - cx, BAR_H);
    }
    doc.line(rx, by - 2.0, rx, by + BAR_H + 2.0, 1.2, style::INK);
    // Value column.
    let base = top + h / 2.0 + 2.8;
    let need = bar.required.to_string();
    let need_w = doc.measure(&format!(" / {need}"), style::CELL);
    doc.text_at(
        geo.right,
        base,
        &format!(" / {need}"),
        style::CELL.color(style::MUTED),
        Align::Right,
    );
    let (you, yf) = match bar.rating {
        Some(r) if bar.short() => (num(r), style::CELL.bold().color(style::GAP)),
        Some(r) => (num(r), style::CELL.bold()),
        None => match bar.open {
            Some((why, false)) => (why.to_string(), style::CELL.color(style::MUTED)),
            Some((why, true)) => (why.to_string(), style::CELL.color(style::GAP)),
            None => ("not rated".to_string(), style::CELL.color(style::GAP)),
        },
    };
    doc.text_at(geo.right - need_w, base, &you, yf, Align::Right);
    doc.y = top + h;
}

/// What the chart shows, for a screen reader: each skill's current and
/// required level, in the order drawn.
fn alt_text(groups: &[Group]) -> String {
    let bars: Vec<String> = groups
        .iter()
        .flat_map(|g| &g.bars)
        .map(|b| match (b.rating, b.open) {
            (Some(r), _) => format!("{} {} of {}", b.name, num(r), b.required),
            (None, Some((why, _))) => format!("{} {why}, needs {}", b.name, b.required),
            (None, None) => format!("{} not rated, needs {}", b.name, b.required),
        })
        .collect();
    format!(
        "Bar chart of current against required level per skill: {}.",
        bars.join("; ")
    )
}

/// The chart for `role`, with its title, legend and scale: a bar per rated
/// requirement, then the unrated ones in one list. `report` says which
/// ratings come from a tool ("from Ansible").
pub fn chart(doc: &mut Doc, role: &RoleFit, report: &crate::analysis::Report) {
    let geo = Geo::new(doc);
    let label = |skill: &str, name: &str| report.skill_label(skill, name);
    let groups = groups(role, &label);
    let total = role.gaps.len() + role.strengths.len() + role.unassessed.len();
    let unrated = role.gaps.iter().filter(|g| g.rating.is_none()).count() + role.unassessed.len();
    let first_h = groups
        .first()
        .and_then(|g| g.bars.first())
        .map_or(ROW_H, |b| row_height(doc, geo, b).2);
    let title = format!("{}: current vs required", role.title);
    let unrated_note = match (unrated, role.unassessed.is_empty()) {
        (0, _) => String::new(),
        (_, true) => format!(", {unrated} of them not rated (counted as 0)"),
        (_, false) => {
            // Say which are the person's blanks and which the survey never
            // asked, as the bars ("not in survey") and the notes do.
            let asked_not_rated = role
                .unassessed
                .iter()
                .filter(|u| u.state == RatingState::NotRated)
                .count();
            let not_asked = role.unassessed.len() - asked_not_rated;
            match (unrated - not_asked, not_asked) {
                (n, 0) => format!("; {n} not rated, left out of the fit"),
                (0, m) => format!("; {m} not in this survey, left out of the fit"),
                (n, m) => {
                    format!("; {n} not rated and {m} not in this survey, left out of the fit")
                }
            }
        }
    };
    let intro = format!(
        "{} fit. {total} required skill{}; {} below the required level{unrated_note}.",
        crate::text::fit_pct(role.fit),
        if total == 1 { "" } else { "s" },
        role.gaps.len(),
    );
    let keep = doc.para_height(&intro, style::SMALL) + 14.0 + 20.0 + CAT_H + first_h + 6.0;
    doc.heading(&title, keep);
    doc.para(&intro, style::SMALL);
    doc.y += 6.0;
    // Unrated requirements are gaps only when counted as 0.
    doc.begin(super::super::draw::Tag::Figure(alt_text(&groups)));
    legend(doc, geo, unrated_legend(role));
    doc.y += 4.0;
    axis(doc, geo);
    let continued = |doc: &mut Doc| {
        let f = style::SMALL;
        let x = doc.left();
        doc.text(x, doc.y + f.size, &format!("{title} (continued)"), f);
        doc.y += f.leading() + 4.0;
        axis(doc, geo);
    };
    for g in &groups {
        let laid: Vec<_> = g.bars.iter().map(|b| row_height(doc, geo, b)).collect();
        if !doc.fits(CAT_H + laid.first().map_or(0.0, |l| l.2)) {
            doc.page_break();
            continued(doc);
        }
        let top = doc.y;
        doc.line(geo.left, top + 4.0, geo.right, top + 4.0, 0.5, style::RULE);
        doc.text(
            geo.left,
            top + 13.5,
            &g.category,
            style::CELL.bold().color(style::ACCENT),
        );
        doc.y = top + CAT_H;
        for (bar, (lines, f, h)) in g.bars.iter().zip(&laid) {
            if !doc.fits(*h) {
                doc.page_break();
                continued(doc);
            }
            draw_bar(doc, geo, bar, lines, *f, *h);
        }
    }
    doc.end();
    if total == 0 {
        doc.para("This role lists no required skills.", style::BODY);
    }
    unrated_list(doc, role);
}

/// The requirements without a rating, left out of the fit: one compact
/// list instead of a row each.
fn unrated_list(doc: &mut Doc, role: &RoleFit) {
    let names = |state: RatingState| -> Vec<String> {
        role.unassessed
            .iter()
            .filter(|u| (u.state == RatingState::NotAsked) == (state == RatingState::NotAsked))
            .map(|u| u.name.clone())
            .collect()
    };
    let (blank, unasked) = (names(RatingState::NotRated), names(RatingState::NotAsked));
    let mut parts = Vec::new();
    if !blank.is_empty() {
        parts.push(format!("Not rated: {}.", blank.join(", ")));
    }
    if !unasked.is_empty() {
        parts.push(format!("Not in this survey: {}.", unasked.join(", ")));
    }
    if parts.is_empty() {
        return;
    }
    let text = format!(
        "{} Left out of the fit, never counted as 0.",
        parts.join(" ")
    );
    doc.y += 4.0;
    doc.para(&text, style::SMALL.color(style::MUTED));
}

/// Which roles get a chart (and a gap table): the best fit, or every role
/// when at most three were compared.
pub fn charted(roles: &[RoleFit]) -> &[RoleFit] {
    if roles.len() <= 3 { roles } else { &roles[..1] }
}
