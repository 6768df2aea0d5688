//! Every end-to-end and library-level test of the `skillgap` package, in
//! one test crate (as ripgrep's tests/tests.rs): each tests/*.rs file is a
//! module here instead of a crate of its own, so the binary's dependencies
//! are linked once instead of once per file, and the helpers the files
//! share live once, in `common`. A new test file is one more `mod` line
//! below (`autotests = false` in Cargo.toml: cargo no longer finds it).
//!
//! Tests of the library crates stay beside their code (crates/*/src).

// Helpers the files share: the binary with a clean environment, runs,
// PDF text, what a run wrote.
mod common;

mod answer;
mod bad_input;
mod batch;
mod batch_runs;
mod catalog;
mod catalogue_reach;
mod cli;
mod coherent;
mod decision;
mod fuzz_regressions;
mod history;
mod ingest_samples;
mod inputs;
mod layers;
mod learning_catalogue;
mod mentor_plans;
mod merge_checks;
mod no_links_out;
mod output_safety;
mod pdf;
mod properties;
mod rerun_proof;
mod shard_runs;
mod smaller_faults;
mod survey_exports;
mod survey_shapes;
mod survey_smaller;
mod team_overview;
mod team_pdf;
mod team_runs;
mod whole_runs;
mod workbook_limits;
