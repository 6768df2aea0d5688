//! The PDF report. `draw` is a small deterministic, tagged canvas over pdf-writer;
//! the files beside it lay out the report's pages:
//!
//! - page 1, [`summary`]: who and when, the direction, fit per role, what
//!   decides it, the top gaps and strengths;
//! - [`chart`] and [`table`]: per charted role, current vs required per
//!   skill and the gap table;
//! - [`progress`], [`opinions`]: what changed since the previous
//!   assessment, second opinions and what the person wants to grow in;
//! - [`plan`] (with [`timeline`]): the dated learning plan, on a new page;
//! - [`notes`]: what the report is based on, unrated and unknown skills,
//!   tools counted toward their practices, the scale, the formula.
//!
//! [`team`] (with its overview, matrix, budget and role sections) lays
//! out the team summary, `team-summary.pdf`.
//!
//! The files live in three folders: `layout/` (style, flow, tables,
//! chart, timeline), `person/` (the personal report's pages) and `team/`
//! (the team summary's pages).
//!
//! Everything flows through [`flow::Doc`], which breaks pages and cleans
//! every string of control and bidi characters before it is drawn.

/// The drawing layer, its own crate so it cannot see reports.
pub use skillgap_pdf as draw;

mod layout;
mod person;
pub mod team;
#[cfg(test)]
mod tests;

// The layout and the personal pages under the names the pages use.
use layout::{chart, flow, style, table, timeline};
use person::{notes, opinions, plan, progress, summary};

pub use team::render_team;

use super::{Render, Rendered};
use crate::analysis::report::Report;
use draw::{Canvas, Fonts, Meta, PageSize};
use flow::{Doc, clean};

/// How PDFs are drawn (`--paper`, `--font`), checked: the same for every
/// command that writes one.
#[derive(Debug, Clone, Default)]
pub struct PdfSettings {
    /// Paper size.
    pub paper: PageSize,
    /// Extra fonts for characters DejaVu Sans lacks, in the order given.
    pub fonts: Vec<std::path::PathBuf>,
}

impl PdfSettings {
    /// The renderer these settings ask for: the fonts are parsed here,
    /// once for a whole run.
    pub fn renderer(&self) -> anyhow::Result<Pdf> {
        let fonts = Fonts::new(&draw::FontOptions {
            extra_fonts: self.fonts.clone(),
            system_fallback: true,
        })?;
        Ok(Pdf {
            fonts,
            paper: self.paper,
        })
    }
}

/// Renders reports as PDF. Fonts are parsed once and shared by every report.
#[derive(Clone)]
pub struct Pdf {
    /// DejaVu Sans plus fallbacks.
    pub fonts: Fonts,
    /// Paper size.
    pub paper: PageSize,
}

impl Render for Pdf {
    fn render(&self, report: &Report) -> anyhow::Result<Rendered> {
        let mut doc = Doc::new(&self.fonts, self.paper);
        summary::summary(&mut doc, report);
        if report.rated_skills > 0 {
            for (i, role) in chart::charted(&report.roles).iter().enumerate() {
                // The chart opens page 2; when the summary already ran onto
                // it, the chart follows there (its heading keeps it whole).
                if i == 0 && doc.page_count() == 1 {
                    doc.page_break();
                }
                chart::chart(&mut doc, role, report);
                doc.y += 6.0;
                table::gap_table(&mut doc, role, report);
            }
            progress::details(&mut doc, report);
            opinions::opinions(&mut doc, report);
            opinions::wants_to_grow(&mut doc, report);
            if let Some(p) = &report.plan {
                plan::plan(&mut doc, report, p);
            }
        }
        notes::notes(&mut doc, report);

        finish(
            doc,
            &Finish {
                running: &format!("Skill-gap report: {}", report.person),
                date: report.generated_on,
                title: format!("Skill-gap report: {}", clean(&report.person)),
                subject: "Skill gaps, role fit and learning plan".into(),
                warn_as: "",
            },
        )
    }
}

/// "Page X of Y" on every page; `label` (cleaned, shrunk to fit) and
/// `date` above the content of pages 2+. Shared by the personal report and
/// the team summary.
fn running(c: &mut Canvas, label: &str, date: &str) {
    let f = style::RUNNING;
    let fonts = c.fonts().clone();
    let label = clean(label).into_owned();
    c.for_each_page(|c, n, total| {
        let (w, h) = (c.width(), c.height());
        let (l, rt) = (style::MARGIN_X, w - style::MARGIN_X);
        let fy = h - style::FOOTER_FROM_BOTTOM;
        c.text_right(
            rt,
            fy,
            &format!("Page {n} of {total}"),
            f.size,
            f.bold,
            f.color,
        );
        c.text(l, fy, "skillgap", f.size, f.bold, f.color);
        if n > 1 {
            let date_w = fonts.text_width(date, f.size, f.bold);
            let (label, size) = fonts.fit(
                &label,
                rt - l - date_w - 16.0,
                f.size,
                f.bold,
                style::MIN_SIZE,
            );
            c.text(l, style::HEADER_Y, &label, size, f.bold, f.color);
            c.text_right(rt, style::HEADER_Y, date, f.size, f.bold, f.color);
            c.line(
                l,
                style::HEADER_Y + 6.0,
                rt,
                style::HEADER_Y + 6.0,
                0.5,
                style::RULE,
            );
        }
    });
}

/// How [`finish`] closes a document.
pub(crate) struct Finish<'a> {
    /// Label of the running header on pages 2+.
    pub running: &'a str,
    /// The report date: running header and document dates.
    pub date: chrono::NaiveDate,
    /// Document title (metadata).
    pub title: String,
    /// Document subject (metadata).
    pub subject: String,
    /// Prefix of warnings about characters no font covers ("" or "file: ").
    pub warn_as: &'a str,
}

/// Adds the running header and footer, writes the PDF with its metadata
/// and collects warnings about characters no font could draw.
pub(crate) fn finish(doc: Doc, f: &Finish<'_>) -> anyhow::Result<Rendered> {
    let mut c = doc.into_canvas();
    running(&mut c, f.running, &f.date.to_string());
    let mut warnings: Vec<String> = c
        .missing_glyphs()
        .into_iter()
        .map(|(text, chars)| format!("{}no installed font can draw {chars:?} in \"{text}\"; pass --font PATH with a font that covers them", f.warn_as))
        .collect();
    // What the system font scan found, once per run, with whichever
    // report first drew on the system fonts.
    warnings.extend(draw::take_font_notice());
    let bytes = c.finish(&Meta {
        title: f.title.clone(),
        author: "skillgap".into(),
        subject: f.subject.clone(),
        creator: format!("skillgap {}", env!("CARGO_PKG_VERSION")),
        date: ymd(f.date),
    })?;
    Ok(Rendered { bytes, warnings })
}

fn ymd(d: chrono::NaiveDate) -> (i32, u8, u8) {
    use chrono::Datelike;
    (d.year(), d.month() as u8, d.day() as u8)
}
