//! Issue 27, item 1: a rerun removes an earlier report only with proof —
//! every input read, the person truly gone, the file still the bytes the
//! manifest recorded. A run that read nobody removes nothing (exit 1).

use crate::common::*;
use std::collections::BTreeSet;
use std::path::Path;

const TEAM: &str = "person,skill,rating\nAna,Docker,3\nBo,Docker,2\nCy,Go,4\n";

/// A first run of Ana, Bo and Cy into `out`.
fn first_run(d: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let input = d.join("team.csv");
    std::fs::write(&input, TEAM).unwrap();
    let out = d.join("out");
    let o = batch(&[&input], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for n in ["ana.json", "bo.json", "cy.json"] {
        assert!(out.join(n).exists(), "{n}");
    }
    (input, out)
}

#[test]
fn an_unreadable_rerun_input_removes_nothing() {
    // Each way an export can go bad between runs.
    let bad: [(&str, Vec<u8>); 4] = [
        ("empty", Vec::new()),
        ("header only", b"person,skill,rating\n".to_vec()),
        (
            "binary",
            (0..4000u32).map(|i| (i * 7 % 256) as u8).collect(),
        ),
        (
            "renamed header",
            b"who,what,how much\nAna,Docker,3\n".to_vec(),
        ),
    ];
    for (what, bytes) in bad {
        let d = tempfile::tempdir().unwrap();
        let (input, out) = first_run(d.path());
        std::fs::write(&input, &bytes).unwrap();
        let o = batch(&[&input], &out, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(!err.contains("note: removed"), "{what}: {err}");
        for n in ["ana.json", "bo.json", "cy.json", "team-summary.csv"] {
            assert!(out.join(n).exists(), "{what}: {n} was removed: {err}");
        }
        assert!(
            err.contains("no earlier report was removed"),
            "{what}: {err}"
        );
        // The kept reports are still the run's own: a later good run
        // can still replace or remove them.
        let listed: Vec<String> = manifest(&out)["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        assert!(
            listed.contains(&"bo.json".to_string()),
            "{what}: {listed:?}"
        );
    }
}

#[test]
fn one_unreadable_input_of_two_takes_no_one_as_gone() {
    let d = tempfile::tempdir().unwrap();
    let a = d.path().join("a.csv");
    let b = d.path().join("b.csv");
    std::fs::write(&a, "person,skill,rating\nAna,Docker,3\n").unwrap();
    std::fs::write(&b, "person,skill,rating\nBo,Docker,2\n").unwrap();
    let out = d.path().join("out");
    assert!(batch(&[&a, &b], &out, &[]).status.success());
    std::fs::write(&b, b"\x00\x01\x02 not a table \xff\xfe").unwrap();
    let o = batch(&[&a, &b], &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(out.join("bo.json").exists(), "{err}");
    assert!(
        err.contains("kept 1 earlier report file(s) of people not in this run"),
        "{err}"
    );
    // Once the input reads again and Bo is truly gone, the report goes.
    std::fs::write(&b, "person,skill,rating\nCy,Go,4\n").unwrap();
    let o = batch(&[&a, &b], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("bo.json").exists());
    assert!(out.join("cy.json").exists());
}

#[test]
fn an_emptied_input_folder_is_an_error_and_says_no_errors_csv() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("team.csv"), TEAM).unwrap();
    let out = d.path().join("out");
    assert!(batch(&[&dir], &out, &[]).status.success());
    std::fs::remove_file(dir.join("team.csv")).unwrap();
    let o = batch(&[&dir], &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("holds no ratings files"), "{err}");
    assert!(out.join("ana.json").exists() && out.join("bo.json").exists());

    // A folder that was always empty: an error, with no errors.csv named.
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let x = d.path().join("x");
    let o = batch(&[&empty], &x, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("errors.csv"), "{err}");
    let written = if x.exists() {
        files(&x)
    } else {
        BTreeSet::new()
    };
    assert!(
        !written.iter().any(|f| f.starts_with("team-summary")),
        "{written:?}"
    );
}

#[test]
fn a_person_whose_rows_fail_keeps_the_last_good_report_marked_stale() {
    let d = tempfile::tempdir().unwrap();
    let (input, out) = first_run(d.path());
    let before = std::fs::read(out.join("bo.json")).unwrap();
    std::fs::write(
        &input,
        "person,skill,rating\nAna,Docker,3\nBo,Docker,9\nCy,Go,4\n",
    )
    .unwrap();
    let o = batch(&[&input], &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(std::fs::read(out.join("bo.json")).unwrap(), before, "{err}");
    let m = manifest(&out);
    assert_eq!(m["stale"], serde_json::json!(["bo.json"]), "{m}");
    assert!(err.contains("marked stale"), "{err}");
}

#[test]
fn a_report_the_user_replaced_is_never_removed() {
    let d = tempfile::tempdir().unwrap();
    let (input, out) = first_run(d.path());
    std::fs::write(out.join("bo.json"), "my own notes about Bo\n").unwrap();
    std::fs::write(&input, "person,skill,rating\nAna,Docker,3\nCy,Go,4\n").unwrap();
    let o = batch(&[&input], &out, &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("bo.json")).unwrap(),
        "my own notes about Bo\n"
    );
    assert!(
        err.contains("it changed since an earlier run wrote it"),
        "{err}"
    );
    // No longer the run's: not listed, so no later run touches it.
    let m = manifest(&out).to_string();
    assert!(!m.contains("bo.json"), "{m}");
}
