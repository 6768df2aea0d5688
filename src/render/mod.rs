//! Renderers: each turns a finished [`Report`] into bytes in one format.

mod json;
mod text;

pub use json::Json;
pub use text::Text;

use crate::report::Report;

/// One output format.
pub trait Render {
    /// The report in this format.
    fn render(&self, report: &Report) -> anyhow::Result<Vec<u8>>;
}
