//! The team heatmap: one row per person (by name), one column per
//! requirement of the reference role, each cell shaded by how far the
//! person is below the required level.
//!
//! - Shades are lightness steps of one hue (met is nearly white, a gap of
//!   3.5+ levels nearly black in greyscale) and every gap cell also prints
//!   its number, so nothing depends on colour alone; unrated cells are left
//!   white with a dash.
//! - Columns are numbered (numbers never collide: they are staggered onto
//!   two lines when the columns get narrow) and every page carries the key
//!   from numbers to skill names, the shade legend and the header, so any
//!   page can be read on its own.
//! - At most [`MAX_PEOPLE`] rows, in groups of five: about 45 per page, a
//!   dozen pages at the cap, whatever the size of the team.

use super::draw::Color;
use super::flow::{Align, Doc, clean};
use super::style::{self, Font};
use super::team::count;
use crate::analysis::team::{HeatmapRow, SkillCoverage, TeamReport};
use crate::text::num;

/// Most people the heatmap shows (the first by name).
pub const MAX_PEOPLE: usize = 500;
/// Row height.
const ROW_H: f32 = 12.0;
/// Extra space after every [`GROUP`] rows.
const GROUP_GAP: f32 = 2.5;
/// Rows per group.
const GROUP: usize = 5;
/// Widest a skill column gets.
const CELL_MAX: f32 = 30.0;
/// The fit column.
const FIT_W: f32 = 32.0;
/// Numbers in cells, names and headers.
const CELL_FONT: Font = style::TINY.size(6.2).color(style::INK);
const NAME_FONT: Font = style::CELL.size(7.0);
/// One key line.
const KEY_LEAD: f32 = 8.6;

/// Shade steps: (largest gap in the step, fill, text colour, legend label).
/// Luminance (greyscale) runs 0.92, 0.81, 0.67, 0.44, 0.21.
const STEPS: [(f64, Color, Color, &str); 5] = [
    (0.0, Color::rgb(0.87, 0.94, 0.90), style::INK, "met"),
    (1.0, Color::rgb(0.98, 0.78, 0.52), style::INK, "up to 1"),
    (2.0, Color::rgb(0.95, 0.60, 0.33), style::INK, "1.5–2"),
    (3.0, Color::rgb(0.80, 0.33, 0.10), Color::WHITE, "2.5–3"),
    (
        f64::INFINITY,
        Color::rgb(0.45, 0.12, 0.05),
        Color::WHITE,
        "3.5 or more",
    ),
];

/// The step of a gap (`None`: not rated).
fn step(gap: Option<f64>) -> Option<usize> {
    let g = gap.filter(|g| g.is_finite())?;
    STEPS.iter().position(|s| g <= s.0 + 1e-9)
}

/// Horizontal geometry, fixed for every page.
struct Geo {
    left: f32,
    name_w: f32,
    cells_x: f32,
    cell_w: f32,
    fit_x: f32,
    /// Header numbers on two staggered lines.
    stagger: bool,
    head_h: f32,
    /// Numbers inside gap cells.
    numbers: bool,
}

impl Geo {
    fn new(doc: &Doc, rows: &[&HeatmapRow], n: usize) -> Geo {
        let w = doc.width();
        let widest = rows
            .iter()
            .map(|(p, _)| doc.measure(p, NAME_FONT))
            .fold(0.0f32, f32::max);
        let name_w = (widest + 8.0).clamp(70.0, (w * 0.28).round());
        let avail = w - name_w - FIT_W - 6.0;
        let cell_w = (avail / n.max(1) as f32).min(CELL_MAX);
        let f = CELL_FONT.bold();
        let label_w = doc.measure(&n.to_string(), f);
        let stagger = label_w > cell_w - 1.5;
        let cells_x = doc.left() + name_w;
        Geo {
            left: doc.left(),
            name_w,
            cells_x,
            cell_w,
            fit_x: cells_x + cell_w * n as f32 + 6.0,
            stagger,
            head_h: if stagger { 19.0 } else { 12.0 },
            numbers: doc.measure("2.5", CELL_FONT) <= cell_w - 1.5,
        }
    }

    fn col_x(&self, i: usize) -> f32 {
        self.cells_x + self.cell_w * i as f32
    }
}

/// Rows that fit in `avail` points.
fn rows_in(avail: f32) -> usize {
    let mut k = 0usize;
    let mut h = 0.0;
    loop {
        let next = h
            + ROW_H
            + if k > 0 && k.is_multiple_of(GROUP) {
                GROUP_GAP
            } else {
                0.0
            };
        if next > avail + 0.01 {
            return k;
        }
        h = next;
        k += 1;
    }
}

/// Height of `k` rows.
fn rows_height(k: usize) -> f32 {
    k as f32 * ROW_H + (k.saturating_sub(1) / GROUP) as f32 * GROUP_GAP
}

/// Fit for the reference role from a row of gaps, as in the reports: over
/// the rated skills, or with unrated counting as 0 when `zero`.
fn fit(cov: &[SkillCoverage], gaps: &[Option<f64>], zero: bool) -> f64 {
    let mut total = 0.0;
    let mut short = 0.0;
    for (c, g) in cov.iter().zip(gaps) {
        let w = f64::from(c.weight);
        let req = f64::from(c.required);
        let g = g.filter(|g| g.is_finite());
        if g.is_none() && !zero {
            continue;
        }
        total += w * req;
        short += w * g.unwrap_or(req).clamp(0.0, req);
    }
    if total > 0.0 {
        100.0 * (1.0 - short / total)
    } else {
        100.0
    }
}

/// Draws the heatmap section, starting at the cursor.
pub fn heatmap(doc: &mut Doc, t: &TeamReport) {
    heatmap_of(doc, t, MAX_PEOPLE);
}

/// [`heatmap`] showing at most `cap` people (a mixed team's sections
/// share the [`MAX_PEOPLE`] rows, so the summary stays a bounded size).
pub fn heatmap_of(doc: &mut Doc, t: &TeamReport, cap: usize) {
    let cov = &t.coverage;
    if cov.is_empty() || t.heatmap.is_empty() {
        return;
    }
    let mut rows: Vec<&HeatmapRow> = t.heatmap.iter().collect();
    rows.sort_by_cached_key(|(p, _)| (clean(p).to_lowercase(), p.clone()));
    let total = rows.len();
    rows.truncate(cap.max(1));
    let geo = Geo::new(doc, &rows, cov.len());
    let key_h = key_height(doc, cov.len());

    let title = format!("Heatmap: gaps against {}", t.reference_title);
    let mut intro = format!(
        "One row per person, by name; one column per skill {} requires, numbered as in \
         the coverage table (the key is at the foot of every page). The darker the cell, the \
         further below the required level; the number is the gap in levels. Fit is the \
         person's fit for the role, over the skills they rated.",
        t.reference_title
    );
    if total > rows.len() {
        intro.push_str(&format!(
            " The team has {} people: to stay readable, the heatmap shows the first {} \
             by name. team-summary.csv and team-skills.csv list everyone.",
            count(total),
            count(rows.len())
        ));
    }
    let shown = rows.len();
    // A new page, unless the whole heatmap fits here or most of the page
    // is still free.
    let intro_h = doc.para_height(&intro, style::SMALL);
    let whole = style::SECTION_GAP
        + style::H1.leading()
        + style::TITLE_GAP
        + intro_h
        + 6.0
        + geo.head_h
        + rows_height(shown)
        + key_h;
    let page = doc.bottom() - style::MARGIN_TOP;
    if !doc.fits(whole) && doc.bottom() - doc.y < page * 0.5 {
        doc.page_break();
    }
    doc.heading(
        &title,
        intro_h + 6.0 + geo.head_h + rows_height(shown.min(5)) + key_h,
    );
    doc.para(&intro, style::SMALL);
    doc.y += 6.0;
    doc.begin(super::draw::Tag::Figure(format!(
        "Heatmap of each person's gap per required skill; the same figures are in \
         team-summary.csv and team-skills.csv. {intro}"
    )));

    let mut i = 0;
    while i < shown {
        let cont = style::SMALL.leading() + 2.0;
        let mut avail = doc.bottom() - key_h - geo.head_h - doc.y;
        if i > 0 {
            doc.page_break();
            avail = doc.bottom() - key_h - geo.head_h - doc.y - cont;
        }
        let k = rows_in(avail).max(1).min(shown - i);
        if i > 0 {
            let f = style::SMALL;
            let x = doc.left();
            doc.text(
                x,
                doc.y + f.size,
                &format!(
                    "{title} (continued): people {}–{} of {}",
                    count(i + 1),
                    count(i + k),
                    count(shown)
                ),
                f,
            );
            doc.y += cont;
        }
        header(doc, &geo, cov.len());
        for j in 0..k {
            if j > 0 && j.is_multiple_of(GROUP) {
                doc.y += GROUP_GAP;
            }
            draw_row(doc, &geo, cov, rows[i + j], j % 2 == 1, t.unrated_zero);
        }
        key(doc, cov, t.unrated_zero);
        i += k;
    }
    doc.end();
}

fn header(doc: &mut Doc, geo: &Geo, n: usize) {
    let top = doc.y;
    let f = CELL_FONT.bold();
    let base = top + geo.head_h - 3.0;
    doc.text(geo.left, base, "Person", style::CELL_HEAD);
    for i in 0..n {
        let x = geo.col_x(i) + geo.cell_w / 2.0;
        // Staggered: odd columns on the upper line, even on the lower.
        let y = if geo.stagger && i % 2 == 0 {
            base - 8.0
        } else {
            base
        };
        doc.text_at(x, y, &(i + 1).to_string(), f, Align::Center);
    }
    doc.text_at(
        geo.fit_x + FIT_W,
        base,
        "Fit",
        style::CELL_HEAD,
        Align::Right,
    );
    let right = geo.fit_x + FIT_W;
    doc.line(
        geo.left,
        top + geo.head_h,
        right,
        top + geo.head_h,
        0.6,
        style::MUTED,
    );
    doc.y = top + geo.head_h + 1.0;
}

fn draw_row(
    doc: &mut Doc,
    geo: &Geo,
    cov: &[SkillCoverage],
    row: &HeatmapRow,
    zebra: bool,
    zero: bool,
) {
    let top = doc.y;
    let (name, gaps) = row;
    if zebra {
        doc.rect_fill(geo.left, top, geo.name_w - 2.0, ROW_H, style::ZEBRA);
        doc.rect_fill(geo.fit_x, top, FIT_W, ROW_H, style::ZEBRA);
    }
    let base = top + ROW_H / 2.0 + 2.5;
    let (nm, nf) = doc.fit(name, geo.name_w - 6.0, NAME_FONT);
    doc.text(geo.left + 2.0, base, &nm, nf);
    for (i, g) in gaps.iter().enumerate().take(cov.len()) {
        let x = geo.col_x(i);
        let (cx, cy, cw, ch) = (x + 0.5, top + 0.5, geo.cell_w - 1.0, ROW_H - 1.0);
        match step(*g) {
            Some(s) => {
                let (_, fill, ink, _) = STEPS[s];
                doc.rect_fill(cx, cy, cw, ch, fill);
                if s > 0 && geo.numbers {
                    let v = g.unwrap_or(0.0);
                    doc.text_at(
                        x + geo.cell_w / 2.0,
                        base - 0.3,
                        &num(v),
                        CELL_FONT.color(ink),
                        Align::Center,
                    );
                }
            }
            None => {
                doc.rect_stroke(cx + 0.25, cy + 0.25, cw - 0.5, ch - 0.5, 0.4, style::RULE);
                doc.text_at(
                    x + geo.cell_w / 2.0,
                    base,
                    "–",
                    CELL_FONT.color(style::MUTED),
                    Align::Center,
                );
            }
        }
    }
    let f = fit(cov, gaps, zero);
    let ff = if f >= 80.0 {
        NAME_FONT.bold()
    } else {
        NAME_FONT.color(style::MUTED)
    };
    doc.text_at(
        geo.fit_x + FIT_W - 2.0,
        base,
        &super::summary::fit_pct(f),
        ff,
        Align::Right,
    );
    doc.y = top + ROW_H;
}

/// Columns of the skill key.
fn key_cols(doc: &Doc) -> usize {
    ((doc.width() / 160.0).floor() as usize).clamp(1, 4)
}

fn key_height(doc: &Doc, n: usize) -> f32 {
    let lines = n.div_ceil(key_cols(doc));
    8.0 + 12.0 + 3.0 + lines as f32 * KEY_LEAD
}

/// The shade legend and the column key, below the rows.
fn key(doc: &mut Doc, cov: &[SkillCoverage], zero: bool) {
    let top = doc.y + 8.0;
    let (left, w) = (doc.left(), doc.width());
    // Legend: measured first, shrunk if it would not fit on one line.
    let sw = 16.0;
    let lead = "Below the required level by:";
    let labels: Vec<&str> = STEPS
        .iter()
        .map(|s| s.3)
        .chain(std::iter::once(if zero {
            "not rated (counts as 0)"
        } else {
            "not rated or not asked (left out)"
        }))
        .collect();
    let mut f = style::TINY.color(style::INK);
    let natural = doc.measure(lead, f.bold())
        + 8.0
        + labels
            .iter()
            .map(|l| sw + 3.0 + doc.measure(l, f) + 10.0)
            .sum::<f32>();
    if natural > w {
        f = f.size((f.size * w / natural).max(4.5));
    }
    let base = top + 8.0;
    let mut x = left;
    x += doc.text(x, base, lead, f.bold()) + 8.0;
    let sample = ["", "1", "2", "3", "4"];
    for (s, label) in labels.iter().enumerate() {
        let (sy, sh) = (top + 1.0, 9.5);
        if let Some((_, fill, ink, _)) = STEPS.get(s) {
            doc.rect_fill(x, sy, sw, sh, *fill);
            if !sample[s].is_empty() {
                doc.text_at(
                    x + sw / 2.0,
                    base,
                    sample[s],
                    CELL_FONT.color(*ink),
                    Align::Center,
                );
            }
        } else {
            doc.rect_stroke(x + 0.25, sy + 0.25, sw - 0.5, sh - 0.5, 0.4, style::RULE);
            doc.text_at(
                x + sw / 2.0,
                base,
                "–",
                CELL_FONT.color(style::MUTED),
                Align::Center,
            );
        }
        x += sw + 3.0;
        x += doc.text(x, base, label, f) + 10.0;
    }
    // The column key, column by column.
    let cols = key_cols(doc);
    let per = cov.len().div_ceil(cols);
    let col_w = w / cols as f32;
    let ky = top + 12.0 + 3.0;
    for (i, c) in cov.iter().enumerate() {
        let (col, line) = (i / per.max(1), i % per.max(1));
        let x = left + col as f32 * col_w;
        let b = ky + line as f32 * KEY_LEAD + 6.5;
        let nf = CELL_FONT.bold();
        doc.text_at(x + 11.0, b, &(i + 1).to_string(), nf, Align::Right);
        let text = format!("{} · needs {}", c.name, c.required);
        let (s, sf) = doc.fit(&text, col_w - 20.0, CELL_FONT);
        doc.text(x + 15.0, b, &s, sf);
    }
    doc.y = top + key_height(doc, cov.len()) - 8.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Color) -> f32 {
        0.299 * c.r + 0.587 * c.g + 0.114 * c.b
    }

    #[test]
    fn shades_get_darker_in_clear_steps() {
        for pair in STEPS.windows(2) {
            let (a, b) = (luminance(pair[0].1), luminance(pair[1].1));
            assert!(a - b > 0.1, "{a} vs {b}");
        }
        assert_eq!(step(Some(0.0)), Some(0));
        assert_eq!(step(Some(0.5)), Some(1));
        assert_eq!(step(Some(1.0)), Some(1));
        assert_eq!(step(Some(2.5)), Some(3));
        assert_eq!(step(Some(5.0)), Some(4));
        assert_eq!(step(None), None);
        assert_eq!(step(Some(f64::NAN)), None);
    }

    #[test]
    fn rows_per_page_counts_group_gaps() {
        for k in 0..60 {
            assert_eq!(rows_in(rows_height(k)), k);
        }
        assert_eq!(rows_in(0.0), 0);
        assert_eq!(rows_in(ROW_H * 5.0), 5);
        assert_eq!(rows_in(ROW_H * 6.0), 5);
        assert_eq!(rows_in(ROW_H * 6.0 + GROUP_GAP), 6);
    }
}
