//! Helpers the test modules share, one copy each: the binary with a clean
//! environment, its runs (`check`, `batch`, `team-summary`, sharded runs),
//! the built-in catalogue, PDF text, and reading what a run wrote.

use assert_cmd::Command;
use lopdf::Document;
use skillgap::catalog::Catalog;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// The report date most modules pass.
pub const DATE: &str = "2026-11-26";

/// The HR export with mixed columns that the team and shard runs use.
pub const MIXED: &str = "samples/hr-mixed-team.csv";

/// The variables a scheduler sets for an array task: `--shard auto` reads
/// them, so a test run inside a Slurm or Kubernetes job must not inherit
/// them.
pub const SCHEDULER: [&str; 6] = [
    "JOB_COMPLETION_INDEX",
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_COUNT",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_MAX",
    "SLURM_ARRAY_TASK_STEP",
];

/// The binary, run from the repository, with no date, colour or scheduler
/// task from the environment and a timeout so a hang fails the test.
pub fn skillgap() -> Command {
    let mut c = Command::cargo_bin("skillgap").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    for v in SCHEDULER {
        c.env_remove(v);
    }
    c.timeout(Duration::from_secs(300));
    c
}

/// The binary's path, for runs that need `std::process::Command` (a
/// child to signal, `pre_exec`, a shell around it).
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_skillgap"))
}

/// A batch of `input` into `out` running in the background, one worker,
/// PDFs and JSON (slow enough to watch or interrupt while it writes); its
/// stderr goes to `stderr`.
pub fn spawn_slow_batch(
    input: &Path,
    out: &Path,
    stderr: std::process::Stdio,
) -> std::process::Child {
    std::process::Command::new(bin())
        .arg("batch")
        .arg(input)
        .args(["--date", DATE, "--jobs", "1", "--format", "pdf,json", "-o"])
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH")
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// The built-in catalogue, loaded once for the whole test binary.
pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::builtin().expect("built-in templates"))
}

/// Stdout of a run that must succeed (stderr shown if it does not).
pub fn stdout_of(args: &[&str]) -> String {
    let out = skillgap().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `report INPUT --format json --date DATE EXTRA`, which must succeed, as
/// JSON.
pub fn report_json(input: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", input, "--format", "json", "--date", DATE];
    args.extend_from_slice(extra);
    serde_json::from_str(&stdout_of(&args)).unwrap()
}

/// Every step of a JSON report's whole plan, dated or later.
pub fn steps(report: &serde_json::Value) -> Vec<&serde_json::Value> {
    let p = &report["plan"];
    let all = |k: &str| p[k].as_array().unwrap().iter();
    all("items").chain(all("later")).collect()
}

/// `check` stdout, stderr and exit code.
pub fn check(args: &[&str]) -> (String, String, i32) {
    run(&[&["check"], args].concat())
}

/// A run's stdout, stderr and exit code (-1 for a signal).
pub fn run(args: &[&str]) -> (String, String, i32) {
    let out = skillgap().args(args).output().unwrap();
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

/// `batch ARGS --date DATE -o OUT`.
pub fn batch_to(args: &[&str], out: &Path) -> std::process::Output {
    skillgap()
        .arg("batch")
        .args(args)
        .args(["--date", DATE, "-o"])
        .arg(out)
        .output()
        .unwrap()
}

/// Shards `ks` of `n` of MIXED as JSON, each in `root/shard-K`.
pub fn shards(root: &Path, ks: &[u64], n: u64) -> Vec<PathBuf> {
    ks.iter()
        .map(|k| {
            let out = root.join(format!("shard-{k}"));
            let o = skillgap()
                .args(["batch", MIXED, "-q", "--date", DATE, "--format", "json"])
                .args(["--shard", &format!("{k}/{n}"), "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
            out
        })
        .collect()
}

/// `team-summary -o OUT EXTRA DIRS`.
pub fn merge(dirs: &[PathBuf], out: &Path, extra: &[&str]) -> std::process::Output {
    skillgap()
        .args(["team-summary", "-o"])
        .arg(out)
        .args(extra)
        .args(dirs)
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

/// The personal JSON reports a batch wrote in `dir` (not the team files or
/// the manifest), sorted by person.
pub fn person_reports(dir: &Path) -> Vec<serde_json::Value> {
    let mut all: Vec<serde_json::Value> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.ends_with(".json") && !n.starts_with("team-") && n != "manifest.json"
        })
        .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
        .collect();
    all.sort_by_key(|v| v["person"].as_str().unwrap().to_string());
    all
}

/// The run's manifest.json.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

/// A PDF's text, every page, as lopdf extracts it, with runs of white
/// space made one space (line breaks fall anywhere in a wrapped line).
pub fn doc_text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text extracts");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the PDF at `path` (see `doc_text`).
pub fn pdf_text(path: &Path) -> String {
    doc_text(&Document::load(path).expect("PDF parses"))
}
