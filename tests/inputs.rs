//! End-to-end: every input shape in samples/ comes out with the right
//! person, date and ratings when run through the binary.

use crate::common::skillgap;
use serde_json::Value;

fn report(args: &[&str]) -> (Value, String) {
    let out = skillgap()
        .arg("report")
        .args(args)
        .args(["--format", "json", "--date", "2026-11-26"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{args:?}: {stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

fn rating(v: &Value, skill: &str) -> Option<f64> {
    v["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["skill"] == skill)
        .and_then(|r| r["rating"].as_f64())
}

fn check(file: &str) -> String {
    let out = skillgap().args(["check", file]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn google_forms_grid_export() {
    let (v, _) = report(&["samples/google-forms-team.csv", "--person", "Łukasz Żółć"]);
    assert_eq!(v["person"], "Łukasz Żółć");
    assert_eq!(v["email"], "lukasz.zolc@example.com");
    assert_eq!(v["assessed_on"], "2026-05-20");
    assert_eq!(rating(&v, "linux"), Some(5.0));
    assert_eq!(rating(&v, "slos"), Some(1.0));
    assert_eq!(rating(&v, "kubernetes"), Some(4.0));
    let c = check("samples/google-forms-team.csv");
    assert!(
        c.contains("Google Forms export") && c.contains("people:     4"),
        "{c}"
    );
    assert!(
        c.contains("ignored:    \"Anything else you'd like to tell us?\""),
        "{c}"
    );
}

#[test]
fn microsoft_forms_export_with_anonymous_response() {
    let (v, _) = report(&["samples/msforms-team.csv", "--person", "Renée Müller"]);
    assert_eq!(v["assessed_on"], "2025-08-20");
    assert_eq!(rating(&v, "kubernetes"), Some(4.0));
    assert_eq!(rating(&v, "go"), Some(2.0));
    let (v, stderr) = report(&["samples/msforms-team.csv", "--person", "Respondent 2"]);
    assert_eq!(v["person"], "Respondent 2");
    assert_eq!(rating(&v, "go"), Some(0.0));
    assert!(stderr.contains("anonymous"), "{stderr}");
    assert!(check("samples/msforms-team.csv").contains("Microsoft Forms export"));
}

#[test]
fn excel_semicolon_windows_1252_decimal_commas() {
    let (v, _) = report(&["samples/excel-semicolon-cp1252.csv"]);
    assert_eq!(v["person"], "Renée Müller");
    assert_eq!(rating(&v, "terraform"), Some(3.5));
    assert_eq!(rating(&v, "cicd"), Some(4.5));
    let c = check("samples/excel-semicolon-cp1252.csv");
    assert!(
        c.contains("semicolon (decimal commas read as points)"),
        "{c}"
    );
    assert!(c.contains("windows-1252"), "{c}");
}

#[test]
fn excel_unicode_text_utf16_tabs() {
    let (v, _) = report(&["samples/excel-unicode-text.txt"]);
    assert_eq!(v["person"], "Ελένη Παπαδοπούλου");
    assert_eq!(rating(&v, "git"), Some(5.0));
    assert_eq!(rating(&v, "go"), Some(2.0));
    let c = check("samples/excel-unicode-text.txt");
    assert!(c.contains("UTF-16LE") && c.contains("tab"), "{c}");
}

#[test]
fn windows_1250_team_file() {
    let (v, _) = report(&["samples/cp1250-team.csv", "--person", "Łukasz Żółć"]);
    assert_eq!(v["person"], "Łukasz Żółć");
    assert_eq!(v["assessed_on"], "2026-03-02");
    assert_eq!(rating(&v, "terraform"), Some(4.0));
    assert!(check("samples/cp1250-team.csv").contains("windows-1250"));
}

#[test]
fn wide_tsv_team() {
    let (v, _) = report(&["samples/wide-team.tsv", "--person", "Ana Souza"]);
    assert_eq!(rating(&v, "terraform"), Some(2.5));
    assert_eq!(rating(&v, "git"), Some(5.0));
    let c = check("samples/wide-team.tsv");
    assert!(
        c.contains("wide (one row per person)") && c.contains("tab"),
        "{c}"
    );
}

#[test]
fn forced_encoding_overrides_detection() {
    let out = skillgap()
        .args([
            "check",
            "samples/cp1250-team.csv",
            "--encoding",
            "windows-1250",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("windows-1250 (forced)") && s.contains("Łukasz Żółć"),
        "{s}"
    );
}
