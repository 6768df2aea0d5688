//! skillgap's core library: everything between the bytes of an input and
//! a finished report, and nothing of the command line, the clock, the
//! output folder or the renderers. Layers, top-down: `analysis` (ratings →
//! the finished [`analysis::report::Report`]) over `ingest` (bytes →
//! ratings), `catalog` (templates), `plan` (learning plans) over `model`
//! (plain types and the decision rules); `text`, `error` and
//! `regular_file` are shared by all. The binary crate (cli, config,
//! commands, batch, render) sits on top; the compiler keeps this crate from
//! reaching up into it.

pub mod analysis;
pub mod catalog;
pub mod error;
pub mod ingest;
pub mod model;
pub mod plan;
pub mod regular_file;
pub mod text;
