//! Helpers the end-to-end suites share: the binary with a clean
//! environment, `check`, `batch`, and reading what a run wrote. Each suite
//! uses a part of them, hence `dead_code` allowed here.
#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

/// The report date every suite passes.
pub const DATE: &str = "2026-11-26";

/// The binary, run from the repository, with no date or colour from the
/// environment and a timeout so a hang fails the test.
pub fn skillgap() -> Command {
    let mut c = Command::cargo_bin("skillgap").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    c.timeout(Duration::from_secs(300));
    c
}

/// `check` stdout, stderr and exit code.
pub fn check(args: &[&str]) -> (String, String, i32) {
    let out = skillgap().arg("check").args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// One person's ratings (skill id → rating) from `report --format json`.
pub fn ratings(file: &str, person: &str, extra: &[&str]) -> BTreeMap<String, f64> {
    let out = skillgap()
        .args(["report", file, "--format", "json", "--date", DATE])
        .args(["--person", person])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{file} {person}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["skill"].as_str().unwrap().to_string(),
                r["rating"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// The count on `check`'s "people:" line.
pub fn people(out: &str) -> usize {
    out.lines()
        .find_map(|l| l.trim().strip_prefix("people:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no people line in {out}"))
}

/// `batch --format json` of `inputs` into `out`, with `extra` arguments.
pub fn batch(inputs: &[&Path], out: &Path, extra: &[&str]) -> std::process::Output {
    skillgap()
        .arg("batch")
        .args(inputs)
        .args(["--format", "json", "--date", DATE, "-o"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// A run's stderr as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// The names in `dir`.
pub fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect()
}

/// The run's manifest.json.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}
