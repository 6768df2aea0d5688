//! JSON output: the [`Report`] as documented in docs/json.md, with a
//! `schema_version` first so readers (`team-summary`) can refuse files
//! they do not understand.

use super::{Render, Rendered};
use crate::analysis::report::Report;
use serde::Serialize;

/// Version of the JSON report format; raised when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// Pretty-printed JSON with a trailing newline.
pub struct Json;

#[derive(Serialize)]
struct Versioned<'a> {
    schema_version: u32,
    #[serde(flatten)]
    report: &'a Report,
}

impl Render for Json {
    fn render(&self, report: &Report) -> anyhow::Result<Rendered> {
        let mut out = serde_json::to_vec_pretty(&Versioned {
            schema_version: SCHEMA_VERSION,
            report,
        })?;
        out.push(b'\n');
        Ok(out.into())
    }
}
