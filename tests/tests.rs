//! Every end-to-end and library-level test of the `skillgap` package, in
//! one test crate (as ripgrep's tests/tests.rs): each tests/*.rs file is a
//! module here instead of a crate of its own, so the binary's dependencies
//! are linked once instead of once per file, and the helpers the files
//! share live once, in `common`. A new test file is one more `mod` line
//! below (`autotests = false` in Cargo.toml: cargo no longer finds it).
//!
//! Run one file's tests with `cargo test --test integration cli::`.
//!
//! Where the layout shows: insta names a snapshot after the module path
//! (`tests/snapshots/integration__cli__<name>.snap`); proptest finds a
//! module's saved failure seeds from its `file!()`, so
//! `tests/decision.proptest-regressions` stays beside `tests/decision.rs`.
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

/// With `autotests = false` cargo compiles only the modules above: a
/// tests/*.rs file missing here would never run, silently.
#[test]
fn every_test_file_is_a_module_here() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let this = std::fs::read_to_string(dir.join("tests.rs")).unwrap();
    let mut missing = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if let Some(module) = name.strip_suffix(".rs")
            && module != "tests"
            && !this.contains(&format!("\nmod {module};\n"))
        {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "not declared in tests/tests.rs: {missing:?}"
    );
}
