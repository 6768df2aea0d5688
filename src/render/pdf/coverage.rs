//! The team summary's coverage section: every requirement of the reference
//! role, how many people meet it, with single points of failure flagged.

use super::flow::{Align, Doc};
use super::style::{self, Font};
use super::summary::{fit_pct, weight_label};
use super::team::{and_list, count, people, unrated_counts};
use crate::analysis::team::{SkillCoverage, TeamReport};

/// Column edges of the coverage table.
#[derive(Clone, Copy)]
struct CovGeo {
    skill: f32,
    category: f32,
    needs: f32,
    meet: f32,
    note: f32,
    right: f32,
}

impl CovGeo {
    fn new(doc: &Doc) -> CovGeo {
        let (l, w) = (doc.left(), doc.width());
        let skill = l + 20.0;
        let category = skill + (w * 0.28).round();
        let needs = category + (w * 0.17).round();
        let meet = needs + 62.0;
        let note = meet + 86.0;
        CovGeo {
            skill,
            category,
            needs,
            meet,
            note,
            right: doc.right(),
        }
    }
}

const COV_PAD: f32 = 3.5;
const COV_BAR_W: f32 = 44.0;

fn coverage_header(doc: &mut Doc, g: CovGeo) {
    let f = style::CELL_HEAD;
    let h = f.leading() + 2.0 * COV_PAD;
    let top = doc.y;
    let (l, w) = (doc.left(), doc.width());
    doc.rect_fill(l, top, w, h, style::HEAD_BG);
    let base = top + COV_PAD + f.size * 0.93;
    doc.text_at(g.skill - 4.0, base, "#", f, Align::Right);
    doc.text(g.skill, base, "Skill", f);
    doc.text(g.category, base, "Category", f);
    doc.text(g.needs, base, "Needs", f);
    doc.text(g.meet, base, "People meeting it", f);
    doc.text(g.note, base, "Covered by", f);
    doc.y = top + h;
}

/// A coverage row laid out: skill lines, category lines, note lines, height.
struct CovRow {
    skill: (Vec<String>, Font),
    category: (Vec<String>, Font),
    note: (Vec<String>, Font),
    h: f32,
}

/// Smallest size [`compact`] shrinks to before it wraps.
const ONE_LINE_MIN: f32 = 6.8;

/// `s` in `width`: on one line, shrunk down to [`ONE_LINE_MIN`] if need
/// be, else on up to two lines.
fn compact(doc: &Doc, s: &str, width: f32, f: Font) -> (Vec<String>, Font) {
    let full = doc.measure(s, f);
    if full <= width {
        return (vec![s.to_string()], f);
    }
    let size = (f.size * width / full * 100.0).floor() / 100.0;
    if size >= ONE_LINE_MIN && doc.measure(s, f.size(size)) <= width {
        return (vec![s.to_string()], f.size(size));
    }
    doc.fit_lines(s, width, f, style::MIN_SIZE, 2)
}

fn lay_coverage(doc: &Doc, g: CovGeo, c: &SkillCoverage, n: usize, unrated: usize) -> CovRow {
    let sf = if c.weight >= 3 {
        style::CELL.bold()
    } else {
        style::CELL
    };
    let skill = compact(doc, &c.name, g.category - g.skill - 6.0, sf);
    let category = compact(
        doc,
        &c.category,
        g.needs - g.category - 6.0,
        style::CELL.size(7.2).color(style::MUTED),
    );
    let (text, f) = match c.covered {
        0 if c.rated == 0 && c.not_rated == 0 && c.not_asked > 0 => (
            "Not in this survey: not assessed".to_string(),
            style::CELL.color(style::MUTED),
        ),
        0 if unrated == n => (
            "Nobody rated it".to_string(),
            style::CELL.bold().color(style::GAP),
        ),
        0 if unrated > 0 => (
            format!("Nobody ({} not rated)", count(unrated)),
            style::CELL.bold().color(style::GAP),
        ),
        0 => ("Nobody".to_string(), style::CELL.bold().color(style::GAP)),
        1 => (
            format!(
                "Single point: {}",
                c.covered_by.first().map_or("", String::as_str)
            ),
            style::CELL.bold().color(style::GAP),
        ),
        _ if !c.covered_by.is_empty() => (and_list(&c.covered_by), style::CELL),
        k if k == n => ("Everyone".to_string(), style::CELL.color(style::MUTED)),
        k => (
            format!("{} of the team", fit_pct(k as f64 * 100.0 / n as f64)),
            style::CELL.color(style::MUTED),
        ),
    };
    let note = compact(doc, &text, g.right - g.note - 4.0, f);
    let lines = skill.0.len().max(category.0.len()).max(note.0.len()).max(1);
    let lead = skill.1.leading().max(style::CELL.leading());
    CovRow {
        skill,
        category,
        note,
        h: lines as f32 * lead + 2.0 * COV_PAD,
    }
}

/// Draws a cell's lines, the first on the row's common baseline.
fn draw_lines(doc: &mut Doc, x: f32, top: f32, (lines, f): &(Vec<String>, Font)) {
    let mut y = top + COV_PAD + style::CELL.size * 0.93;
    for l in lines {
        doc.text(x, y, l, *f);
        y += f.leading();
    }
}

pub(super) fn coverage(doc: &mut Doc, t: &TeamReport) {
    let n = t.people;
    let g = CovGeo::new(doc);
    let unrated = unrated_counts(t);
    let rows: Vec<CovRow> = t
        .coverage
        .iter()
        .zip(&unrated)
        .map(|(c, u)| lay_coverage(doc, g, c, n, *u))
        .collect();
    let title = format!("Coverage: what {} requires", t.reference_title);
    let spof = t.single_points_of_failure().count();
    let nobody = t.uncovered().count();
    let intro = format!(
        "How many of the {} meet each required level (rated at or above it). Single points \
         of failure, skills only one person covers: {spof}; skills nobody covers: {nobody} \
         (both flagged); skills no survey asked are not assessed, never counted as gaps. Core skills \
         are in bold; # is the skill's column in the heatmap.",
        people(n),
    );
    let head_h = style::CELL_HEAD.leading() + 2.0 * COV_PAD;
    let first = rows.first().map_or(0.0, |r| r.h);
    doc.heading(
        &title,
        doc.para_height(&intro, style::SMALL) + 4.0 + head_h + first * 2.0,
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    coverage_header(doc, g);
    let last = rows.len();
    for (i, (c, r)) in t.coverage.iter().zip(&rows).enumerate() {
        // Never leave the last row alone on a page: take two along.
        let widow = last >= 4 && i == last - 2 && !doc.fits(r.h + rows[last - 1].h);
        if !doc.fits(r.h) || widow {
            doc.page_break();
            let f = style::SMALL;
            let x = doc.left();
            doc.text(x, doc.y + f.size, &format!("{title} (continued)"), f);
            doc.y += f.leading() + 2.0;
            coverage_header(doc, g);
        }
        let top = doc.y;
        if i % 2 == 1 {
            let (l, w) = (doc.left(), doc.width());
            doc.rect_fill(l, top, w, r.h, style::ZEBRA);
        }
        let base = top + COV_PAD + style::CELL.size * 0.93;
        doc.text_at(
            g.skill - 4.0,
            base,
            &(i + 1).to_string(),
            style::CELL.color(style::MUTED),
            Align::Right,
        );
        draw_lines(doc, g.skill, top, &r.skill);
        draw_lines(doc, g.category, top, &r.category);
        let lw = doc.text(g.needs, base, &c.required.to_string(), style::CELL.bold());
        let (wl, wf) = doc.fit(
            weight_label(c.weight),
            g.meet - g.needs - lw - 10.0,
            style::CELL.size(6.8).color(style::MUTED),
        );
        doc.text(g.needs + lw + 4.0, base, &wl, wf);
        // The bar: share of the team at the level, then "k / n".
        let (bx, bh) = (g.meet, 7.0);
        let by = top + COV_PAD + (style::CELL.leading() - bh) / 2.0;
        doc.rect_fill(bx, by, COV_BAR_W, bh, style::ZEBRA);
        let share = if n > 0 {
            c.covered as f32 / n as f32
        } else {
            0.0
        };
        let fill = if c.covered <= 1 {
            style::GAP
        } else {
            style::ACCENT
        };
        doc.rect_fill(bx, by, COV_BAR_W * share.clamp(0.0, 1.0), bh, fill);
        doc.rect_stroke(bx, by, COV_BAR_W, bh, 0.4, style::RULE);
        // A skill nobody was asked has no count: it was not measured.
        let assessed = c.rated > 0 || c.not_rated > 0 || c.with_gap > 0;
        let (k, kf) = doc.fit(
            &if assessed {
                format!("{} / {}", count(c.covered), count(n))
            } else {
                "–".to_string()
            },
            g.note - bx - COV_BAR_W - 10.0,
            style::CELL,
        );
        doc.text(bx + COV_BAR_W + 4.0, base, &k, kf);
        if c.covered <= 1 && assessed {
            // A small marker so the flag survives greyscale printing.
            doc.rect_fill(g.note - 6.0, by + 1.0, 3.0, bh - 2.0, style::GAP);
        }
        draw_lines(doc, g.note, top, &r.note);
        doc.y = top + r.h;
    }
    doc.rule(style::RULE);
}

// ---- shared gaps ---------------------------------------------------------------------
