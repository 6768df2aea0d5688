//! Renderers: each turns a finished [`Report`] into bytes in one format.

pub mod json;
pub mod pdf;
mod plan_words;
mod text;

pub use json::Json;
pub use pdf::Pdf;
pub use text::Text;

use crate::analysis::report::Report;

/// A rendered report and anything the reader of the terminal should know.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The output file's contents.
    pub bytes: Vec<u8>,
    /// Things that could not be shown as intended (e.g. missing glyphs).
    pub warnings: Vec<String>,
}

impl From<Vec<u8>> for Rendered {
    fn from(bytes: Vec<u8>) -> Self {
        Rendered {
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// One output format.
pub trait Render {
    /// The report in this format.
    fn render(&self, report: &Report) -> anyhow::Result<Rendered>;
}
