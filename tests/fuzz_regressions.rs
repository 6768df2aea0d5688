//! Inputs the fuzzers (fuzz/, see docs/hardening.md) found crashing,
//! hanging or breaking an invariant, plus hand-made hostile inputs, kept
//! in tests/fuzz-regressions/<target>/ and replayed through the very
//! harness code the fuzz targets run.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;
use std::time::{Duration, Instant};

/// Runs every file under tests/fuzz-regressions/`target` through `run`;
/// each must finish without a panic, and quickly.
fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files.iter().filter(|f| f.is_file()) {
        let bytes = std::fs::read(f).unwrap();
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| run(&bytes));
        assert!(result.is_ok(), "{} panicked", f.display());
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{} took {:?}",
            f.display(),
            start.elapsed()
        );
    }
}

#[test]
fn ingest_regressions() {
    replay("ingest", harness::ingest);
}

/// Hostile workbooks (a cell at XFD1048576, rows and cells repeated to
/// the sheet's edge) are refused before anything is allocated for them.
#[test]
fn workbook_regressions() {
    replay("workbook", harness::workbook);
}

#[test]
fn templates_regressions() {
    replay("templates", harness::templates);
}

#[test]
fn report_regressions() {
    replay("report", harness::report);
}

#[test]
fn team_summary_regressions() {
    replay("team_summary", harness::team_summary);
}

#[test]
fn the_fuzz_workbook_wrapper_makes_a_readable_workbook() {
    let sheet = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz-regressions/ingest/workbook-sheet1.xml"),
    )
    .unwrap();
    let book = harness::xlsx_with_sheet(&sheet);
    let t = skillgap::ingest::read_table("t.xlsx", &book, &Default::default()).unwrap();
    assert_eq!(t.info.people.len(), 3, "{:?}", t.info);
}
