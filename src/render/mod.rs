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

/// The formats a run writes per person, each its file extension and its
/// renderer, in the order the files are written: chosen once from the
/// command line (as hyperfine's export manager holds one exporter per
/// format), so the code that writes never asks which formats are on.
#[derive(Default)]
pub struct Exports<'a> {
    formats: Vec<(&'static str, &'a (dyn Render + Sync))>,
}

impl<'a> Exports<'a> {
    /// Adds a format: `<slug>.<extension>` rendered by `renderer`.
    pub fn add(&mut self, extension: &'static str, renderer: &'a (dyn Render + Sync)) {
        self.formats.push((extension, renderer));
    }

    /// The formats, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'a (dyn Render + Sync))> + '_ {
        self.formats.iter().copied()
    }
}
