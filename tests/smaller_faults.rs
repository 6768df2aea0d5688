//! Issue 27, item 6: the smaller faults, each with a clear message and
//! the documented exit code.

use crate::common::{bin, skillgap, stderr};

#[test]
fn a_negative_source_date_epoch_is_a_usage_error_not_1969() {
    for bad in ["-1", "-86400"] {
        let o = skillgap()
            .args([
                "report",
                "samples/my-skills.csv",
                "--format",
                "json",
                "-o",
                "-",
            ])
            .env("SOURCE_DATE_EPOCH", bad)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{bad}: {err}");
        assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
        assert!(!String::from_utf8_lossy(&o.stdout).contains("1969"));
    }
}

#[test]
fn one_column_for_two_roles_is_refused() {
    // The same reference twice: a usage error before anything is read.
    let o = skillgap()
        .args([
            "report",
            "samples/my-skills.csv",
            "-o",
            "-",
            "--format",
            "json",
        ])
        .args(["--columns", "skill=skill,rating=Skill"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("one column two roles, skill and rating"),
        "{err}"
    );
    // By number and by header: found against the header.
    let o = skillgap()
        .args([
            "report",
            "samples/my-skills.csv",
            "-o",
            "-",
            "--format",
            "json",
        ])
        .args(["--columns", "skill=1,rating=Skill"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("two roles, skill and rating"), "{err}");
    assert!(!err.contains("not a number"), "{err}");
}

/// `-o -` with standard output closed (`>&-`): the report is not
/// delivered, so exit 1 with one line; `> /dev/null` is the user's choice
/// and a reader closing the pipe (`| head`) stays quiet (exit 0).
#[cfg(unix)]
#[test]
fn a_report_for_a_closed_stdout_is_an_error() {
    let run = |redirect: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "exec \"$0\" report samples/my-skills.csv --format json -o - {redirect}"
            ))
            .arg(bin())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap()
    };
    let o = run(">&-");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("standard output is closed"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    let o = run(">/dev/null");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A user's learning entry that closes a prerequisite cycle with a
/// built-in one (containers needs linux; the user makes linux need
/// containers): the error names the user's file, where the fix is.
#[test]
fn a_users_prerequisite_cycle_is_named_against_the_users_file() {
    let d = tempfile::tempdir().unwrap();
    let learning = d.path().join("learning");
    std::fs::create_dir_all(&learning).unwrap();
    let mine = learning.join("zz-mine.toml");
    std::fs::write(
        &mine,
        r#"[[resource]]
id = "linux-after-containers"
skill = "linux"
kind = "project"
title = "Linux, the container way"
provider = "Hands-on"
hours = 10
from = 1
to = 2
requires = ["containers"]
"#,
    )
    .unwrap();
    let o = skillgap()
        .args(["roles", "--templates"])
        .arg(d.path())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("prerequisites form a cycle"), "{err}");
    let first_file = err
        .trim_start_matches("error: ")
        .split(": ")
        .next()
        .unwrap();
    assert_eq!(first_file, mine.display().to_string(), "{err}");
}
