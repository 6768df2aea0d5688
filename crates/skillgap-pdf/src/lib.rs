//! Low-level, deterministic PDF drawing layer.
//!
//! Knows nothing about reports: it offers a [`Canvas`] with absolutely
//! positioned text, rectangles, lines, hatching and links (points, origin
//! top-left), text measurement and wrapping with real font metrics
//! ([`Fonts`]), and [`Canvas::finish`] producing byte-identical output for
//! identical input.
//!
//! Built on maintained crates: `pdf-writer` writes the document,
//! `subsetter` subsets fonts (TrueType and CFF), `ttf-parser` reads them
//! and `fontdb` finds installed fonts for the fallback. Documents are
//! tagged: report code marks headings, paragraphs, lists, tables and
//! figures with [`Canvas::begin`] / [`Canvas::end`] ([`Tag`]), and what it
//! does not mark is tagged sensibly (see `tags`).
//!
//! Built for batches of thousands of reports:
//! - fonts are parsed once per process, with per-face lookup tables for
//!   the characters reports use;
//! - [`Canvas::finish`] writes the PDF step by step (no intermediate
//!   document model), repeated graphics state left out, streams deflated
//!   with reused compressors, small dictionaries packed into one object
//!   stream;
//! - embedded fonts are subset and prepared once per face and glyph set in
//!   a cache every clone of a [`Fonts`] shares (`embed`): the reports of a
//!   batch copy the same deflated font program instead of subsetting and
//!   compressing it again. The cache only saves time: a document's bytes
//!   depend on nothing but what it draws, whichever thread builds it and
//!   whatever came before.
//!
//! ```ignore
//! use skillgap_pdf::*;
//! let fonts = Fonts::new(&FontOptions::default())?;
//! let mut c = Canvas::new(&fonts, PageSize::A4);
//! c.text(56.0, 80.0, "Skill gap report", 20.0, true, Color::BLACK);
//! c.for_each_page(|c, n, total| {
//!     let (w, h) = (c.width(), c.height());
//!     c.text_center(w / 2.0, h - 28.0, &format!("Page {n} of {total}"), 8.0, false, Color::grey(0.4));
//! });
//! for (text, chars) in c.missing_glyphs() {
//!     eprintln!("warning: no font for {chars:?} in {text:?}");
//! }
//! let bytes = c.finish(&Meta { title: "Report".into(), date: (2024, 5, 1), ..Meta::default() })?;
//! ```

use std::path::PathBuf;
use std::sync::Arc;

mod canvas;
mod compress;
mod content;
mod embed;
mod face;
mod fallback;
mod finish;
mod font_file;
#[cfg(test)]
mod font_tests;
mod fonts;
mod layout;
mod objstm;
mod tags;
#[cfg(test)]
mod tests;
mod unhinted;

pub use canvas::{Canvas, Color, PageSize};
pub use fallback::take_notice as take_font_notice;
pub use finish::Meta;
pub use fonts::{FontOptions, Fonts};
pub use layout::ELLIPSIS;
pub use tags::Tag;

/// Errors of the PDF layer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    /// A font file could not be read.
    #[error("cannot read font file {}", path.display())]
    FontRead {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: Arc<std::io::Error>,
    },
    /// Font data could not be parsed.
    #[error("cannot use font {font}: {reason}")]
    FontParse {
        /// File or font name.
        font: String,
        /// Parser diagnostics.
        reason: String,
    },
    /// [`Canvas::select_page`] was given an index past the last page.
    #[error("page index {index} out of range (document has {count} pages)")]
    NoSuchPage {
        /// Requested zero-based index.
        index: usize,
        /// Number of pages.
        count: usize,
    },
    /// [`Meta::date`] is not a valid date.
    #[error("invalid document date {0:04}-{1:02}-{2:02}")]
    InvalidDate(i32, u8, u8),
    /// The document could not be built (an internal inconsistency).
    #[error("PDF generation failed: {0}")]
    Render(String),
    /// Writing the PDF bytes failed.
    #[error("cannot write PDF: {0}")]
    Write(String),
}
