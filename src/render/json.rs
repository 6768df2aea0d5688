//! JSON output: the [`Report`] as documented in README.md.

use super::Render;
use crate::report::Report;

/// Pretty-printed JSON with a trailing newline.
pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report) -> anyhow::Result<Vec<u8>> {
        let mut out = serde_json::to_vec_pretty(report)?;
        out.push(b'\n');
        Ok(out)
    }
}
