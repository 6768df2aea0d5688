//! JSON output: the [`Report`] as documented in README.md.

use super::{Render, Rendered};
use crate::analysis::report::Report;

/// Pretty-printed JSON with a trailing newline.
pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report) -> anyhow::Result<Rendered> {
        let mut out = serde_json::to_vec_pretty(report)?;
        out.push(b'\n');
        Ok(out.into())
    }
}
