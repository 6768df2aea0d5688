//! The team summary's ratings matrix: people × skills, the view managers
//! keep in a spreadsheet. Each cell holds the rating, coloured by how it
//! stands against the level the person's own role asks; a blank cell is
//! not rated, a grey one not asked by the person's survey. Skills are
//! grouped by category under a band naming it, each column headed by the
//! skill's name (wrapped, never a numbered key) and the level asked.
//!
//! When the skills do not fit across the page they are split into blocks
//! (at category boundaries when possible), each drawn for everyone; past a
//! page of people a block continues with its header repeated.

use super::super::draw::Color;
use super::super::flow::{Align, Doc};
use super::super::style::{self, Font};
use super::overview::{NB, plural};
use crate::analysis::overview::{MATRIX_MAX, MatrixCell, TeamSkill};
use crate::analysis::team::TeamReport;
use crate::model::RatingState;
use crate::text::num;
use crate::text::thousands as count;

const NAME_W: f32 = 86.0;
const ROLE_W: f32 = 36.0;
const COV_W: f32 = 24.0;
/// Narrowest a skill column gets before the skills split into blocks.
const CELL_MIN: f32 = 21.5;
const CELL_MAX: f32 = 44.0;
/// Most lines of a skill's name in the header.
const LABEL_LINES: usize = 4;
const ROW_H: f32 = 9.6;
const BAND_H: f32 = 9.0;
const CELL_FONT: Font = style::TINY.size(6.5).color(style::INK);
const HEAD_FONT: Font = style::TINY.size(6.0).color(style::INK);

/// Met, one level short, further short.
const MET: Color = Color::rgb(0.80, 0.91, 0.83);
const SHORT_1: Color = Color::rgb(0.99, 0.86, 0.62);
const SHORT_2: Color = Color::rgb(0.94, 0.60, 0.50);
const NOT_ASKED: Color = Color::grey(0.82);

/// One person's row, laid out: name, role short name, coverage, and a
/// cell per shown skill.
struct Row {
    name: String,
    role: String,
    coverage: Option<f64>,
    cells: Vec<MatrixCell>,
}

/// The rows, the cells of the shown skills only (`shown` indexes
/// [`crate::analysis::overview::TeamOverview::skills`]).
fn rows(t: &TeamReport, shown: &[usize]) -> Vec<Row> {
    let short = |id: &str| {
        t.overview
            .roles
            .iter()
            .find(|r| r.role == id)
            .map_or_else(|| id.to_string(), |r| r.short.clone())
    };
    t.overview
        .matrix
        .iter()
        .map(|m| Row {
            name: m.person.clone(),
            role: m.role.as_deref().map_or("–".to_string(), short),
            coverage: m.coverage,
            cells: shown.iter().map(|i| m.cells[*i]).collect(),
        })
        .collect()
}

/// Splits the skills into blocks of at most `per` columns, at category
/// boundaries when a whole category fits.
fn blocks(skills: &[&TeamSkill], per: usize) -> Vec<std::ops::Range<usize>> {
    let per = per.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < skills.len() {
        let mut end = i;
        while end < skills.len() && skills[end].category == skills[i].category {
            end += 1;
        }
        // The category [i, end) joins the block if it fits, else the block
        // closes before it (or, for a category wider than a block, splits).
        if end - start <= per {
            i = end;
            continue;
        }
        if i > start {
            out.push(start..i);
            start = i;
            continue;
        }
        out.push(start..start + per);
        start += per;
        i = start;
    }
    if start < skills.len() {
        out.push(start..skills.len());
    }
    out
}

/// A column's skill name in at most [`LABEL_LINES`] lines of `width`:
/// whole words when they fit (from 6 pt down to 5 pt), else a long word
/// broken with a hyphen ("Monitor-/ing"): readable without a key, never
/// cut to "Automa.".
fn label(doc: &Doc, name: &str, width: f32) -> (Vec<String>, Font) {
    for size in [6.0, 5.5, 5.0] {
        let f = HEAD_FONT.size(size);
        if name.split_whitespace().all(|w| doc.measure(w, f) <= width) {
            let lines = doc.wrap(name, width, f);
            if lines.len() <= LABEL_LINES {
                return (lines, f);
            }
        }
    }
    let f = HEAD_FONT.size(5.0);
    let pieces: Vec<String> = name
        .split_whitespace()
        .flat_map(|w| hyphenate(doc, w, width, f))
        .collect();
    let mut lines = doc.wrap(&pieces.join(" "), width, f);
    if lines.len() > LABEL_LINES {
        let rest = lines.split_off(LABEL_LINES - 1).join(" ");
        lines.push(doc.fit(&rest, width, f).0);
    }
    (lines, f)
}

/// `word` in pieces that fit `width`, each but the last ending in "-".
fn hyphenate(doc: &Doc, word: &str, width: f32, f: Font) -> Vec<String> {
    if doc.measure(word, f) <= width {
        return vec![word.to_string()];
    }
    let mut out = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        let longer = format!("{piece}{c}-");
        if !piece.is_empty() && doc.measure(&longer, f) > width {
            out.push(format!("{piece}-"));
            piece.clear();
        }
        piece.push(c);
    }
    out.push(piece);
    out
}

struct Geo {
    x: f32,
    cells_x: f32,
    cell_w: f32,
    /// The category band: (first column, past the last, label lines, font).
    band: Vec<(usize, usize, Vec<String>, Font)>,
    band_h: f32,
    head: Vec<(Vec<String>, Font)>,
    head_h: f32,
}

/// The category band over `skills`: a run of columns per category, its
/// name in up to three lines of the run's width (whole, never cut while it
/// fits at the smallest size).
fn band(doc: &Doc, skills: &[&TeamSkill], cell_w: f32) -> Vec<(usize, usize, Vec<String>, Font)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < skills.len() {
        let mut j = i;
        while j < skills.len() && skills[j].category == skills[i].category {
            j += 1;
        }
        let f = style::TINY.size(6.0).bold().color(Color::WHITE);
        let w = (j - i) as f32 * cell_w - 3.0;
        let (lines, f) = doc.fit_lines(&skills[i].category, w, f, 4.5, 3);
        out.push((i, j, lines, f));
        i = j;
    }
    out
}

/// A person's name in the name column: whole, at a smaller size if need
/// be; failing that, cut in the middle so that the end that tells two
/// people apart stays ("Dmitri Papad… 00012").
fn person_label(doc: &Doc, name: &str, width: f32) -> (String, Font) {
    let (t, f) = doc.fit(name, width, style::CELL.size(7.0));
    let Some((head, last)) = name.rsplit_once(' ').filter(|_| t.ends_with('…')) else {
        return (t, f);
    };
    let tail = format!("…{NB}{last}");
    let room = width - doc.measure(&tail, f);
    let mut kept: Vec<char> = head.chars().collect();
    while !kept.is_empty() && doc.measure(&kept.iter().collect::<String>(), f) > room {
        kept.pop();
    }
    if kept.is_empty() {
        return (t, f);
    }
    let kept: String = kept.into_iter().collect();
    (format!("{}{tail}", kept.trim_end()), f)
}

fn geo(doc: &Doc, skills: &[&TeamSkill], cols: usize) -> Geo {
    let x = doc.left();
    let cells_x = x + NAME_W + ROLE_W + COV_W;
    let cell_w = ((doc.right() - cells_x) / cols.max(1) as f32).min(CELL_MAX);
    let head: Vec<(Vec<String>, Font)> = skills
        .iter()
        .map(|s| label(doc, &s.name, cell_w - 2.0))
        .collect();
    let band = band(doc, skills, cell_w);
    let band_h = band
        .iter()
        .map(|(_, _, l, f)| l.len() as f32 * f.leading() + 2.0)
        .fold(BAND_H, f32::max);
    let lines = head.iter().map(|(l, _)| l.len()).max().unwrap_or(1) as f32;
    let lead = head
        .iter()
        .map(|(_, f)| f.leading())
        .fold(HEAD_FONT.leading(), f32::max);
    Geo {
        x,
        cells_x,
        cell_w,
        band,
        band_h,
        head,
        head_h: band_h + lines * lead + 2.0 + HEAD_FONT.leading() + 2.0,
    }
}

fn header(doc: &mut Doc, g: &Geo, skills: &[&TeamSkill]) {
    let top = doc.y;
    let w = doc.right() - g.x;
    doc.rect_fill(g.x, top + g.band_h, w, g.head_h - g.band_h, style::HEAD_BG);
    // The category band.
    for (i, j, lines, f) in &g.band {
        let bx = g.cells_x + *i as f32 * g.cell_w;
        let bw = (j - i) as f32 * g.cell_w;
        doc.rect_fill(bx + 0.5, top, bw - 1.0, g.band_h - 1.0, style::ACCENT_SOFT);
        let mut y = top + 1.0 + f.size;
        for l in lines {
            doc.text_at(bx + bw / 2.0, y, l, *f, Align::Center);
            y += f.leading();
        }
    }
    let f = style::CELL_HEAD.size(6.8);
    let base = top + g.head_h - 4.0;
    doc.text(g.x + 2.0, base, "Person", f);
    doc.text(g.x + NAME_W, base, "Role", f);
    doc.text_at(
        g.x + NAME_W + ROLE_W + COV_W - 3.0,
        base,
        "Cov.",
        f,
        Align::Right,
    );
    for (k, (s, (lines, lf))) in skills.iter().zip(&g.head).enumerate() {
        let cx = g.cells_x + k as f32 * g.cell_w + g.cell_w / 2.0;
        let mut y = top + g.band_h + 2.0 + lf.size;
        for l in lines {
            doc.text_at(cx, y, l, *lf, Align::Center);
            y += lf.leading();
        }
        let need = if s.level == s.level_min {
            format!("≥{}", s.level)
        } else {
            format!("{}–{}", s.level_min, s.level)
        };
        doc.text_at(cx, base, &need, HEAD_FONT.bold(), Align::Center);
    }
    doc.y = top + g.head_h;
}

fn row(doc: &mut Doc, g: &Geo, r: &Row, range: &std::ops::Range<usize>, zebra: bool) {
    let top = doc.y;
    if zebra {
        doc.rect_fill(g.x, top, g.cells_x - g.x, ROW_H, style::ZEBRA);
    }
    let base = top + ROW_H - 3.0;
    let (name, nf) = person_label(doc, &r.name, NAME_W - 4.0);
    doc.text(g.x + 2.0, base, &name, nf);
    let (role, rf) = doc.fit(&r.role, ROLE_W - 3.0, style::CELL.size(6.8));
    doc.text(g.x + NAME_W, base, &role, rf);
    let cov = r
        .coverage
        .map_or("–".to_string(), |c| format!("{}%", c.round()));
    doc.text_at(
        g.x + NAME_W + ROLE_W + COV_W - 3.0,
        base,
        &cov,
        style::CELL.size(6.8).color(style::MUTED),
        Align::Right,
    );
    for (k, i) in range.clone().enumerate() {
        let (state, rating, level) = r.cells[i];
        let cx = g.cells_x + k as f32 * g.cell_w;
        let fill = match (state, rating, level) {
            (RatingState::NotAsked, ..) => Some(NOT_ASKED),
            (_, Some(v), Some(l)) if v >= f64::from(l) => Some(MET),
            (_, Some(v), Some(l)) if f64::from(l) - v <= 1.0 => Some(SHORT_1),
            (_, Some(_), Some(_)) => Some(SHORT_2),
            _ => None,
        };
        if let Some(c) = fill {
            doc.rect_fill(cx + 0.5, top + 0.5, g.cell_w - 1.0, ROW_H - 1.0, c);
        }
        if let Some(v) = rating {
            let f = if level.is_some() {
                CELL_FONT
            } else {
                CELL_FONT.color(style::MUTED)
            };
            doc.text_at(cx + g.cell_w / 2.0, base, &num(v), f, Align::Center);
        }
    }
}

/// The matrix's explanation, with the skills no survey asked and the cap.
fn intro(t: &TeamReport) -> String {
    let unasked: Vec<String> = t
        .overview
        .skills
        .iter()
        .filter(|s| s.not_assessed())
        .map(|s| s.name.clone())
        .collect();
    let mut intro = String::from(
        "Everyone's ratings of the skills their roles ask, grouped by category. Role is the role \
         each person aims at, Cov. how much of it they rated; a cell is green at or above the \
         level that role asks, amber one level short, red further short, plain when their role \
         does not ask it. A blank cell was left unanswered, a grey one was not in their survey. \
         The header gives the level asked (a range when the roles differ); the last line counts \
         who meets the highest.",
    );
    if !unasked.is_empty() {
        intro.push_str(&format!(
            " Not in any survey, so not shown: {}.",
            crate::text::and_list(&unasked)
        ));
        // "Not in the survey" is only as sure as the reading of it.
        if !t.not_understood.is_empty() {
            intro.push_str(
                " Some columns of the input were not understood (see page 1); one of them may \
                 be about these skills.",
            );
        }
    }
    if t.people > MATRIX_MAX {
        intro.push_str(&format!(
            " The first {} by name are shown; team-skills.csv has all {}.",
            count(MATRIX_MAX),
            count(t.people)
        ));
    }
    intro
}

/// The last line of a block: who meets the highest level asked, per skill.
fn meet_line(doc: &mut Doc, g: &Geo, cols: &[&TeamSkill], people: usize) {
    doc.ensure(ROW_H);
    let top = doc.y;
    doc.line(g.x, top, doc.right(), top, 0.6, style::RULE);
    let base = top + ROW_H - 3.0;
    doc.text(
        g.x + 2.0,
        base,
        &format!("Meet it (of{NB}{})", count(people)),
        style::CELL.size(6.8).bold(),
    );
    for (k, s) in cols.iter().enumerate() {
        let cx = g.cells_x + k as f32 * g.cell_w + g.cell_w / 2.0;
        let f = if s.covered <= 1 {
            CELL_FONT.bold().color(style::GAP)
        } else {
            CELL_FONT.bold()
        };
        doc.text_at(cx, base, &count(s.covered), f, Align::Center);
    }
    doc.y = top + ROW_H + 6.0;
}

/// The matrix, from a new page (under page 1 when it all fits there).
pub(in crate::render::pdf) fn matrix(doc: &mut Doc, t: &TeamReport) {
    let shown: Vec<usize> = (0..t.overview.skills.len())
        .filter(|i| !t.overview.skills[*i].not_assessed())
        .collect();
    let skills: Vec<&TeamSkill> = shown.iter().map(|i| &t.overview.skills[*i]).collect();
    if skills.is_empty() || t.overview.matrix.is_empty() {
        return;
    }
    let rows = rows(t, &shown);
    let width = doc.right() - doc.left() - NAME_W - ROLE_W - COV_W;
    let per = ((width / CELL_MIN).floor() as usize).max(1);
    let blocks = blocks(&skills, per);
    let intro = intro(t);
    let alt = format!(
        "Ratings matrix of {} by {} skills; the same ratings are in team-skills.csv.",
        plural(rows.len(), "person", "people"),
        count(skills.len())
    );
    for (b, range) in blocks.iter().enumerate() {
        let cols: Vec<&TeamSkill> = skills[range.clone()].to_vec();
        let title = if blocks.len() > 1 {
            format!("Ratings: people × skills ({} of {})", b + 1, blocks.len())
        } else {
            "Ratings: people × skills".to_string()
        };
        let block = Block {
            title: &title,
            cols: &cols,
            range,
            rows: &rows,
            intro: (b == 0).then_some(intro.as_str()),
            alt: &alt,
        };
        // The matrix starts page 2 unless all of it fits under page 1 (a
        // team of three); a later block starts a page rather than leave
        // its last rows alone on the next one.
        if b == 0 && (blocks.len() > 1 || doc.probe(|d| draw_block(d, t, &block)).0 > 1) {
            doc.page_break();
        } else if b > 0 {
            doc.start_whole(|d| draw_block(d, t, &block));
        }
        draw_block(doc, t, &block);
    }
}

/// One block of skills of the matrix, with its heading.
struct Block<'a> {
    title: &'a str,
    cols: &'a [&'a TeamSkill],
    range: &'a std::ops::Range<usize>,
    rows: &'a [Row],
    /// The matrix's introduction, before the first block.
    intro: Option<&'a str>,
    alt: &'a str,
}

fn draw_block(doc: &mut Doc, t: &TeamReport, k: &Block) {
    let (title, cols, range, rows, alt) = (k.title, k.cols, k.range, k.rows, k.alt);
    let g = geo(doc, cols, cols.len());
    {
        let first_rows = rows.len().min(3) as f32 * ROW_H;
        if let Some(intro) = k.intro {
            doc.heading(
                title,
                doc.para_height(intro, style::SMALL) + 4.0 + g.head_h + first_rows,
            );
            doc.para(intro, style::SMALL);
            doc.y += 4.0;
        } else {
            doc.subheading(title, g.head_h + first_rows);
        }
        doc.begin(super::super::draw::Tag::Figure(alt.to_string()));
        header(doc, &g, cols);
        for (i, r) in rows.iter().enumerate() {
            // The last row never goes alone onto a page.
            let keep = if i + 2 == rows.len() { 2.0 } else { 1.0 } * ROW_H;
            if !doc.fits(keep) {
                doc.page_break();
                let f = style::SMALL;
                let x = doc.left();
                doc.text(x, doc.y + f.size, &format!("{title} (continued)"), f);
                doc.y += f.leading() + 2.0;
                header(doc, &g, cols);
            }
            row(doc, &g, r, range, i % 2 == 1);
            doc.y += ROW_H;
        }
        meet_line(doc, &g, cols, t.people);
        doc.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(cat: &str) -> TeamSkill {
        TeamSkill {
            skill: "s".into(),
            name: "S".into(),
            category: cat.into(),
            level: 3,
            level_min: 3,
            rated: 1,
            not_rated: 0,
            not_asked: 0,
            covered: 1,
            strong: 1,
            covered_by: vec![],
            below: 0,
        }
    }

    fn with_doc(check: impl FnOnce(&Doc)) {
        let fonts = crate::render::pdf::draw::Fonts::dejavu_only().unwrap();
        check(&Doc::new(&fonts, crate::render::pdf::draw::PageSize::A4));
    }

    #[test]
    fn a_cut_name_keeps_the_end_that_tells_people_apart() {
        with_doc(|doc| {
            let a = person_label(doc, "Dmitri Papadopoulou 00027", NAME_W - 4.0).0;
            let b = person_label(doc, "Dmitri Papadopoulou 00126", NAME_W - 4.0).0;
            assert_ne!(a, b);
            assert!(a.ends_with("00027"), "{a}");
            assert!(doc.measure(&a, style::CELL.size(style::MIN_SIZE)) <= NAME_W - 4.0);
            // A name that fits is left whole.
            assert_eq!(person_label(doc, "Bo Chen", NAME_W - 4.0).0, "Bo Chen");
        });
    }

    #[test]
    fn skill_names_wrap_or_break_with_a_hyphen_never_cut() {
        with_doc(|doc| {
            for name in ["Automation", "Troubleshooting", "Networking", "CI/CD"] {
                let (lines, f) = label(doc, name, CELL_MIN - 2.0);
                assert!(lines.len() <= LABEL_LINES);
                assert!(lines.iter().all(|l| doc.measure(l, f) <= CELL_MIN - 2.0));
                let joined: String = lines
                    .iter()
                    .map(|l| l.trim_end_matches('-'))
                    .collect::<Vec<_>>()
                    .concat();
                assert_eq!(joined, name.replace(' ', ""), "{lines:?}");
            }
        });
    }

    #[test]
    fn a_category_is_named_whole_when_its_columns_leave_room() {
        with_doc(|doc| {
            let mut s = skill("Containers & orchestration");
            s.name = "Containers".into();
            let one = [&s];
            let b = band(doc, &one, CELL_MAX);
            let text = b[0].2.join(" ");
            assert!(!text.contains('…'), "{text}");
            assert_eq!(
                text.replace("- ", "").replace(' ', ""),
                "Containers&orchestration"
            );
        });
    }

    #[test]
    fn blocks_split_at_categories_and_cover_every_skill_once() {
        let cats = ["A", "A", "A", "B", "B", "C", "C", "C", "C", "C", "C", "C"];
        let owned: Vec<TeamSkill> = cats.iter().map(|c| skill(c)).collect();
        let skills: Vec<&TeamSkill> = owned.iter().collect();
        let b = blocks(&skills, 5);
        assert_eq!(b, vec![0..5, 5..10, 10..12]);
        let b = blocks(&skills, 20);
        assert_eq!(b, vec![0..12]);
        let b = blocks(&skills, 6);
        // A and B together; C (7) is wider than a block and splits.
        assert_eq!(b, vec![0..5, 5..11, 11..12]);
        let total: usize = b.iter().map(|r| r.len()).sum();
        assert_eq!(total, skills.len());
    }
}
