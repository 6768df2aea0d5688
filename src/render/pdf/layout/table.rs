//! Tables that wrap their cells and break across pages with the header
//! repeated, and the gap table built with them.

use super::super::draw::{Color, Tag};
use super::flow::{Align, Doc};
use super::style::{self, Font};
use crate::model::RoleFit;
use crate::text::num;

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.2;
/// Tables up to this tall are never split.
const KEEP_WHOLE: f32 = 160.0;
/// A table split across pages has at least this many rows on the page it
/// starts on, and at least [`LAST_ROWS`] on the page it ends on.
const FIRST_ROWS: usize = 3;
/// See [`FIRST_ROWS`].
const LAST_ROWS: usize = 2;

/// The height a table needs on its first page: the whole table (header
/// `head` and rows of `heights`) when that is at most [`KEEP_WHOLE`],
/// else the header and the first [`FIRST_ROWS`] rows. Stops taking
/// heights once the answer is known.
fn keep_height(head: f32, heights: impl Iterator<Item = f32>) -> f32 {
    let (mut rows, mut first) = (0.0f32, 0.0f32);
    for (i, h) in heights.enumerate() {
        rows += h;
        if i + 1 == FIRST_ROWS {
            first = rows;
        }
        if i + 1 >= FIRST_ROWS && head + rows > KEEP_WHOLE {
            return head + first;
        }
    }
    // Short enough to keep whole, or fewer than FIRST_ROWS rows: all.
    head + rows
}

/// A column: header text, share of the table width, alignment.
#[derive(Debug, Clone)]
pub struct Col {
    title: String,
    frac: f32,
    align: Align,
}

impl Col {
    /// A column taking `frac` of the width (shares are normalised).
    pub fn new(title: impl Into<String>, frac: f32, align: Align) -> Col {
        Col {
            title: title.into(),
            frac,
            align,
        }
    }
}

/// One cell: main text, an optional second paragraph in another style,
/// an optional link over the main text.
#[derive(Debug, Clone)]
pub struct Cell {
    text: String,
    font: Font,
    sub: Option<(String, Font)>,
    url: Option<String>,
}

impl Cell {
    /// Text in `font`.
    pub fn new(text: impl Into<String>, font: Font) -> Cell {
        Cell {
            text: text.into(),
            font,
            sub: None,
            url: None,
        }
    }

    /// Text in the plain cell style.
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell::new(text, style::CELL)
    }

    /// Text in the muted cell style.
    pub fn muted(text: impl Into<String>) -> Cell {
        Cell::new(text, style::CELL.color(style::MUTED))
    }

    /// Adds a second paragraph below the main text.
    pub fn sub(mut self, text: impl Into<String>, font: Font) -> Cell {
        self.sub = Some((text.into(), font));
        self
    }

    /// Makes the main text a link (drawn in the accent colour, underlined).
    pub fn url(mut self, url: Option<&str>) -> Cell {
        self.url = url.and_then(super::flow::safe_url);
        if self.url.is_some() {
            self.font = self.font.color(style::ACCENT);
        }
        self
    }
}

/// A table: columns, rows, and what to call it when it continues on a new
/// page.
#[derive(Debug, Clone)]
pub struct Table {
    cols: Vec<Col>,
    rows: Vec<Vec<Cell>>,
    continued: String,
}

/// A cell broken into lines: (text, style, is the linked main text).
type Lines = Vec<(String, Font, bool)>;

impl Table {
    /// An empty table; `continued` labels the repeated header on later pages.
    pub fn new(cols: Vec<Col>, continued: impl Into<String>) -> Table {
        Table {
            cols,
            rows: Vec::new(),
            continued: continued.into(),
        }
    }

    /// Appends a row (missing cells are blank, extra cells are ignored).
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    fn widths(&self, total: f32) -> Vec<f32> {
        let sum: f32 = self.cols.iter().map(|c| c.frac.max(0.0)).sum();
        let sum = if sum > 0.0 { sum } else { 1.0 };
        self.cols
            .iter()
            .map(|c| total * c.frac.max(0.0) / sum)
            .collect()
    }

    /// `f`, shrunk (down to [`style::MIN_SIZE`]) so that the widest word of
    /// `text` fits `inner`: words are not broken while shrinking can help.
    fn word_fit(doc: &Doc, text: &str, inner: f32, f: Font) -> Font {
        let widest = text
            .split(|c: char| c.is_whitespace() && c != '\u{a0}')
            .map(|w| doc.measure(w, f))
            .fold(0.0f32, f32::max);
        if widest <= inner {
            return f;
        }
        let size = (f.size * inner / widest * 100.0).floor() / 100.0;
        f.size(size.max(style::MIN_SIZE))
    }

    fn lay_cell(doc: &Doc, cell: &Cell, width: f32) -> (Lines, f32) {
        let inner = (width - 2.0 * PAD_X).max(4.0);
        let font = Self::word_fit(doc, &cell.text, inner, cell.font);
        let mut lines: Lines = doc
            .wrap(&cell.text, inner, font)
            .into_iter()
            .map(|l| (l, font, true))
            .collect();
        let mut h = lines.len() as f32 * font.leading();
        if let Some((sub, f)) = &cell.sub {
            let f = &Self::word_fit(doc, sub, inner, *f);
            let more = doc.wrap(sub, inner, *f);
            h += more.len() as f32 * f.leading();
            lines.extend(more.into_iter().map(|l| (l, *f, false)));
        }
        (lines, h)
    }

    fn lay_row(doc: &Doc, cells: &[Cell], widths: &[f32]) -> (Vec<Lines>, f32) {
        let mut out = Vec::with_capacity(widths.len());
        let mut h = style::CELL.leading();
        for (i, w) in widths.iter().enumerate() {
            let (lines, ch) = match cells.get(i) {
                Some(c) => Self::lay_cell(doc, c, *w),
                None => (Vec::new(), 0.0),
            };
            h = h.max(ch);
            out.push(lines);
        }
        (out, h + 2.0 * PAD_Y)
    }

    fn header_cells(&self) -> Vec<Cell> {
        self.cols
            .iter()
            .map(|c| Cell::new(c.title.clone(), style::CELL_HEAD))
            .collect()
    }

    /// What a title before the table should be kept with: the whole table
    /// when it is short (up to [`KEEP_WHOLE`] points), else the header and
    /// the first [`FIRST_ROWS`] rows.
    pub fn lead_height(&self, doc: &Doc) -> f32 {
        let widths = self.widths(doc.width());
        let head = Self::lay_row(doc, &self.header_cells(), &widths).1;
        // Rows are laid lazily: only until the table is known to be too
        // tall to keep whole (a plan table has dozens).
        keep_height(
            head,
            self.rows.iter().map(|r| Self::lay_row(doc, r, &widths).1),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_row(
        &self,
        doc: &mut Doc,
        lines: &[Lines],
        urls: &[Option<&str>],
        widths: &[f32],
        h: f32,
        bg: Option<Color>,
        head: bool,
    ) {
        let top = doc.y;
        doc.begin(Tag::TR);
        if let Some(bg) = bg {
            let (l, w) = (doc.left(), doc.width());
            doc.rect_fill(l, top, w, h, bg);
        }
        let mut x = doc.left();
        for (i, (cell_lines, w)) in lines.iter().zip(widths).enumerate() {
            let align = self.cols[i].align;
            let ax = match align {
                Align::Left => x + PAD_X,
                Align::Right => x + w - PAD_X,
                Align::Center => x + w / 2.0,
            };
            let url = urls.get(i).copied().flatten();
            let mut y = top + PAD_Y;
            doc.begin(if head { Tag::TH } else { Tag::TD });
            for (text, f, main) in cell_lines {
                let base = y + f.size * 0.93;
                let tw = doc.text_at(ax, base, text, *f, align);
                if *main && let Some(url) = url {
                    let lx = match align {
                        Align::Left => ax,
                        Align::Right => ax - tw,
                        Align::Center => ax - tw / 2.0,
                    };
                    doc.line(lx, base + 1.3, lx + tw, base + 1.3, 0.4, f.color);
                    doc.link(lx, y, tw, f.leading(), url);
                }
                y += f.leading();
            }
            doc.end();
            x += w;
        }
        doc.end();
        doc.y = top + h;
    }

    fn draw_header(&self, doc: &mut Doc, widths: &[f32], continued: bool) {
        // A header repeated after a page break is not read again.
        if continued {
            doc.begin_artifact();
        }
        if continued && !self.continued.is_empty() {
            let f = style::SMALL;
            let x = doc.left();
            doc.text(
                x,
                doc.y + f.size,
                &format!("{} (continued)", self.continued),
                f,
            );
            doc.y += f.leading() + 2.0;
        }
        let (lines, h) = Self::lay_row(doc, &self.header_cells(), widths);
        self.draw_row(doc, &lines, &[], widths, h, Some(style::HEAD_BG), true);
        if continued {
            doc.end_artifact();
        }
    }

    /// Draws the table at the cursor, breaking pages between rows and
    /// repeating the header after each break.
    pub fn draw(&self, doc: &mut Doc) {
        let widths = self.widths(doc.width());
        let (_, head_h) = Self::lay_row(doc, &self.header_cells(), &widths);
        let laid: Vec<(Vec<Lines>, f32)> = self
            .rows
            .iter()
            .map(|r| Self::lay_row(doc, r, &widths))
            .collect();
        doc.ensure(keep_height(head_h, laid.iter().map(|r| r.1)));
        doc.begin(Tag::Table);
        self.draw_header(doc, &widths, false);
        let n = laid.len();
        // Rows drawn on the current page.
        let mut on_page = 0;
        for (i, ((lines, h), cells)) in laid.iter().zip(&self.rows).enumerate() {
            // Never leave fewer than LAST_ROWS rows alone on the last page:
            // when the rest does not fit, the last ones go over together,
            // as long as this page keeps FIRST_ROWS.
            let tail = n - i == LAST_ROWS
                && on_page >= FIRST_ROWS
                && !doc.fits(laid[i..].iter().map(|r| r.1).sum());
            if !doc.fits(*h) || tail {
                doc.page_break();
                self.draw_header(doc, &widths, true);
                on_page = 0;
            }
            on_page += 1;
            let bg = (i % 2 == 1).then_some(style::ZEBRA);
            let urls: Vec<Option<&str>> = cells.iter().map(|c| c.url.as_deref()).collect();
            self.draw_row(doc, lines, &urls, &widths, *h, bg, false);
        }
        doc.end();
        let (l, r, y) = (doc.left(), doc.right(), doc.y);
        doc.line(l, y, r, y, 0.5, style::RULE);
    }
}

/// The gap table of one role: every unmet requirement, highest priority
/// first. Says so in a sentence when there is none.
pub fn gap_table(doc: &mut Doc, role: &RoleFit, report: &crate::analysis::Report) {
    let title = format!("Gaps for {}", role.title);
    if role.gaps.is_empty() {
        doc.subheading(&title, style::BODY.leading());
        let text = if role.unassessed.is_empty() {
            format!(
                "No gaps: every requirement of {} is met or exceeded.",
                role.title
            )
        } else {
            format!(
                "No gaps among the {} requirements of {} you rated; {} more are not rated.",
                role.rated,
                role.title,
                role.unassessed.len()
            )
        };
        doc.para(&text, style::BODY);
        return;
    }
    let mut t = Table::new(
        vec![
            Col::new("#", 0.04, Align::Right),
            Col::new("Skill", 0.29, Align::Left),
            Col::new("Category", 0.21, Align::Left),
            Col::new("Required", 0.11, Align::Right),
            Col::new("Current", 0.1, Align::Right),
            Col::new("Gap", 0.06, Align::Right),
            Col::new("Weight", 0.09, Align::Right),
            Col::new("Priority", 0.1, Align::Right),
        ],
        title.clone(),
    );
    for (i, g) in role.gaps.iter().enumerate() {
        let current = match g.rating {
            Some(r) => Cell::plain(num(r)),
            None => Cell::muted("not rated"),
        };
        t.row(vec![
            Cell::muted(format!("{}", i + 1)),
            Cell::new(report.skill_label(&g.skill, &g.name), style::CELL.bold()),
            Cell::plain(g.category.clone()),
            Cell::plain(g.required.to_string()),
            current,
            Cell::new(num(g.gap), style::CELL.bold().color(style::GAP)),
            Cell::plain(g.weight.to_string()),
            Cell::new(num(g.priority), style::CELL.bold()),
        ]);
    }
    let intro = if role.unassessed.is_empty() && role.gaps.iter().any(|g| !g.rated) {
        "Highest priority first. Priority = weight × gap; weight 3 is core, \
         2 important, 1 nice to have. Unrated skills count as 0 (--unrated zero)."
    } else {
        "Highest priority first. Priority = weight × gap; weight 3 is core, \
         2 important, 1 nice to have. Only skills you rated are here: a skill without \
         a rating is not a gap (see Notes)."
    };
    doc.subheading(
        &title,
        doc.para_height(intro, style::SMALL) + 4.0 + t.lead_height(doc),
    );
    doc.para(intro, style::SMALL);
    doc.y += 4.0;
    t.draw(doc);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::draw::{Fonts, PageSize};

    fn table(n: usize) -> Table {
        let mut t = Table::new(vec![Col::new("Skill", 1.0, Align::Left)], "Gaps");
        for i in 0..n {
            t.row(vec![Cell::plain(format!("Skill {i}"))]);
        }
        t
    }

    /// (header height, row height, height of the "(continued)" label).
    fn heights(doc: &Doc, t: &Table) -> (f32, f32, f32) {
        let w = [doc.width()];
        let head = Table::lay_row(doc, &t.header_cells(), &w).1;
        let row = Table::lay_row(doc, &t.rows[0], &w).1;
        (head, row, style::SMALL.leading() + 2.0)
    }

    #[test]
    fn a_split_table_starts_with_three_rows_or_on_a_new_page() {
        let fonts = Fonts::dejavu_only().unwrap();
        let t = table(20);
        for (room, new_page) in [(2, true), (3, false)] {
            let mut doc = Doc::new(&fonts, PageSize::A4);
            let (head, row, _) = heights(&doc, &t);
            doc.y = doc.bottom() - head - room as f32 * row - 0.5;
            t.draw(&mut doc);
            let top = style::MARGIN_TOP;
            // On a new page the whole table (20 short rows) fits there.
            let whole = (doc.y - (top + head + 20.0 * row)).abs() < 0.1;
            assert_eq!(whole, new_page, "room for {room} rows");
            assert_eq!(doc.page_count(), 2);
        }
    }

    #[test]
    fn a_split_table_ends_with_at_least_two_rows() {
        let fonts = Fonts::dejavu_only().unwrap();
        let t = table(10);
        let mut doc = Doc::new(&fonts, PageSize::A4);
        let (head, row, label) = heights(&doc, &t);
        // Room for all but the last row.
        doc.y = doc.bottom() - head - 9.0 * row - 0.5;
        t.draw(&mut doc);
        assert_eq!(doc.page_count(), 2);
        let on_last = (doc.y - style::MARGIN_TOP - label - head) / row;
        assert!(
            (on_last - 2.0).abs() < 0.01,
            "{on_last} rows on the last page"
        );
    }
}
