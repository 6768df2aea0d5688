//! End-to-end: the smaller points of issue 24 — `--person` that matches
//! several people, names taken from the file name or an email, the same
//! counts from `check` and `batch`, "&" in job titles, closed pipes, every
//! bad cell in one pass, failures counted in people, and date columns
//! that are not skills. Every sample is in samples/.

use crate::common::{DATE, bin, report_json, run};
use std::process::Stdio;

#[test]
fn person_matching_several_people_lists_them_and_asks_for_the_email() {
    for (file, q, n) in [
        ("samples/namesake-team.csv", "maria garcia", 2),
        ("samples/google-forms-combined.csv", "Alex Kim", 2),
        ("samples/namesake-long.csv", "sam", 3),
    ] {
        let (out, err, code) = run(&["report", file, "--format", "json", "--person", q]);
        assert_eq!(code, 1, "{file} {q}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(&format!("matches {n} people")), "{err}");
        assert!(err.contains("pass --person with the email"), "{err}");
    }
    let (_, err, _) = run(&[
        "report",
        "samples/namesake-team.csv",
        "--format",
        "json",
        "--person",
        "maria garcia",
    ]);
    assert!(
        err.contains("<maria.garcia@example.com>") && err.contains("<m.garcia@example.org>"),
        "{err}"
    );
    // The email, or the full name, picks one.
    let v = report_json(
        "samples/namesake-team.csv",
        &["--person", "m.garcia@example.org"],
    );
    assert_eq!(v["person"], "Maria Garcia");
    let v = report_json(
        "samples/google-forms-combined.csv",
        &["--person", "Alex Kim (2)"],
    );
    assert_eq!(v["email"], "alex.k@other.example.org");
    let v = report_json("samples/namesake-long.csv", &["--person", "sam lee"]);
    assert_eq!(v["person"], "Sam Lee");
}

#[test]
fn a_name_from_the_file_name_gets_a_note() {
    for (file, name) in [
        ("samples/my-skills.csv", "My Skills"),
        ("samples/jo_baker-ratings.tsv", "Jo Baker Ratings"),
    ] {
        let (out, err, code) = run(&["report", file, "--format", "json", "--date", DATE]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("no name in the file: using the file name"),
            "{err}"
        );
        assert!(err.contains(&format!("(\"{name}\")")), "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["person"], name);
        // Named on the command line: no note.
        let (_, err, _) = run(&["report", file, "--format", "json", "--person", "Jo"]);
        assert!(!err.contains("no name in the file"), "{err}");
    }
}

#[test]
fn check_and_batch_say_the_same_counts_and_dates() {
    let f = "samples/unknown-combined-team.csv";
    let (out, err, _) = run(&["check", f]);
    assert!(
        err.contains("6 rating(s) are for skills the catalogue does not know"),
        "{err}"
    );
    assert!(
        out.contains("Omar Said: 4 row(s)\n  assessed:   2026-11-09"),
        "{out}"
    );
    assert!(
        out.contains("Kai Roth: 4 row(s)\n  assessed:   2026-11-11"),
        "{out}"
    );
    assert!(out.contains("current assessment (2026-11-10)"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().to_str().unwrap();
    let (_, err, code) = run(&[
        "batch", f, "-o", o, "--format", "json", "--date", DATE, "-q",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("6 ratings unused"), "{err}");
    for (slug, date) in [
        ("omar-said", "2026-11-09"),
        ("kai-roth", "2026-11-11"),
        ("ida-berg", "2026-11-10"),
    ] {
        let v: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(format!("{slug}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(v["assessed_on"], date, "{slug}");
        assert_eq!(
            report_json(f, &["--person", slug.split('-').next().unwrap()])["assessed_on"],
            date
        );
    }
}

#[test]
fn titles_with_an_ampersand_map_like_and() {
    // Their ratings lean SRE; the title is what makes the plan DevOps.
    for who in ["Pia Holm", "Ravi Nair", "Ola Berg"] {
        let v = report_json("samples/titles-ampersand.csv", &["--person", who]);
        assert_eq!(v["best_fit"], "sre", "{who}");
        assert_eq!(v["plan_role"], "devops", "{who}");
    }
    // A title that names no role leaves the plan to the best fit.
    let v = report_json("samples/titles-ampersand.csv", &["--person", "Eli Moss"]);
    assert_eq!(v["plan_role"], "sre");
}

/// Runs with stdout or stderr a pipe closed at once (`| head -0`).
fn closed(args: &[&str], stderr: bool) -> i32 {
    let mut c = std::process::Command::new(bin());
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(Stdio::null());
    if stderr {
        c.stdout(Stdio::null()).stderr(Stdio::piped());
    } else {
        c.stdout(Stdio::piped()).stderr(Stdio::null());
    }
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap().code().unwrap_or(-1)
}

#[test]
fn a_closed_stdout_or_stderr_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().join("out");
    let o = o.to_str().unwrap();
    let bad = "samples/many-bad-cells-long.csv";
    for (args, stderr, code) in [
        (
            vec![
                "report",
                "samples/survey-8q-team.csv",
                "--person",
                "dana",
                "--format",
                "text",
            ],
            false,
            0,
        ),
        (
            vec!["report", "samples/my-skills.csv", "--format", "text"],
            true,
            0,
        ),
        (vec!["check", bad], true, 1),
        (vec!["check", bad], false, 1),
        (vec!["batch", bad, "-o", o, "--format", "json"], true, 1),
        (
            vec!["batch", bad, "-o", o, "--format", "json", "-q"],
            true,
            1,
        ),
    ] {
        assert_eq!(closed(&args, stderr), code, "{args:?} stderr={stderr}");
    }
}

#[test]
fn check_lists_every_bad_cell_and_batch_counts_people() {
    for (file, cells) in [
        (
            "samples/many-bad-cells-long.csv",
            ["3:4", "4:4", "5:4", "7:4", "9:4"].as_slice(),
        ),
        (
            "samples/many-bad-cells-wide.csv",
            ["2:4", "2:6", "3:5", "3:7"].as_slice(),
        ),
    ] {
        let (out, _, code) = run(&["check", file]);
        assert_eq!(code, 1);
        for c in cells {
            assert!(
                out.contains(&format!("  error: {file}:{c}: ")),
                "{c} in {out}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let o = dir.path().to_str().unwrap();
        let (_, err, code) = run(&["batch", file, "-o", o, "--format", "json", "--date", DATE]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("1 reports, 2 people failed"), "{err}");
        assert!(err.contains("2 of 3 people failed"), "{err}");
        // Every error line names its person, also with --quiet.
        let (_, err, _) = run(&[
            "batch", file, "-o", o, "--format", "json", "--date", DATE, "-q",
        ]);
        let errors: Vec<&str> = err.lines().filter(|l| l.contains(" rating \"")).collect();
        assert!(!errors.is_empty(), "{err}");
        for l in errors {
            assert!(
                l.starts_with("error: Ana Ruiz: ") || l.starts_with("error: Ben Ode: "),
                "{l}"
            );
        }
    }
}

#[test]
fn date_columns_that_are_not_skills_are_ignored_with_one_warning() {
    for (file, columns) in [
        (
            "samples/dates-not-skills.csv",
            ["Start date", "Last reviewed"].as_slice(),
        ),
        (
            "samples/dates-not-skills-eu.csv",
            ["In dienst sinds"].as_slice(),
        ),
        ("samples/dates-not-skills-us.csv", ["Hire Date"].as_slice()),
    ] {
        let (out, err, code) = run(&["check", file]);
        assert_eq!(code, 0, "{file}: {out}{err}");
        for c in columns {
            let warned = out
                .matches(&format!("column \"{c}\" holds no ratings"))
                .count();
            assert_eq!(warned, 1, "{c} in {out}");
        }
        assert!(!out.contains("error"), "{out}");
        let dir = tempfile::tempdir().unwrap();
        let o = dir.path().to_str().unwrap();
        let (_, err, code) = run(&["batch", file, "-o", o, "--format", "json", "--date", DATE]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("0 failed"), "{err}");
    }
}

#[test]
fn an_email_is_a_name_only_by_its_name_part_and_only_without_a_name_column() {
    // No name column: "dana.whitfield@example.com" is shown as "Dana
    // Whitfield", the address stays the email, and check says so.
    let (out, _, code) = run(&["check", "samples/username-email-only.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("named from their email (dana.whitfield@example.com → Dana Whitfield)"),
        "{out}"
    );
    let r = report_json(
        "samples/username-email-only.csv",
        &["--person", "dana.whitfield@example.com"],
    );
    assert_eq!(r["person"], "Dana Whitfield");
    assert_eq!(r["email"], "dana.whitfield@example.com");
    // An underscore splits words too.
    let r = report_json(
        "samples/username-email-only.csv",
        &["--person", "marco_bianchi@example.com"],
    );
    assert_eq!(r["person"], "Marco Bianchi");
    // With a name column, the names are the names; no note.
    let (out, _, _) = run(&["check", "samples/username-with-names.csv"]);
    assert!(!out.contains("named from their email"), "{out}");
    let r = report_json(
        "samples/username-with-names.csv",
        &["--person", "Dana Whitfield"],
    );
    assert_eq!(r["person"], "Dana Whitfield");
}
