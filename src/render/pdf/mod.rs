//! The PDF report. `draw` is a small deterministic canvas over printpdf;
//! the files beside it lay out the report's pages.

pub mod draw;

use super::{Render, Rendered};
use crate::report::Report;
use draw::{Canvas, Fonts, Meta, PageSize};

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
        let mut c = Canvas::new(&self.fonts, self.paper);
        c.text(
            56.0,
            80.0,
            &format!("Skill-gap report: {}", report.person),
            20.0,
            true,
            draw::Color::BLACK,
        );
        let warnings = c
            .missing_glyphs()
            .into_iter()
            .map(|(text, chars)| format!("no installed font can draw {chars:?} in \"{text}\"; pass --font PATH with a font that covers them"))
            .collect();
        let (y, m, d) = ymd(report.generated_on);
        let bytes = c.finish(&Meta {
            title: format!("Skill-gap report: {}", report.person),
            author: "skillgap".into(),
            subject: "Skill gaps, role fit and learning plan".into(),
            creator: format!("skillgap {}", env!("CARGO_PKG_VERSION")),
            date: (y, m, d),
        })?;
        Ok(Rendered { bytes, warnings })
    }
}

fn ymd(d: chrono::NaiveDate) -> (i32, u8, u8) {
    use chrono::Datelike;
    (d.year(), d.month() as u8, d.day() as u8)
}
