//! End-to-end: `skillgap batch` and `skillgap team-summary`.

use crate::common::{batch_to, files, skillgap};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn long_team_file_gives_one_report_per_person_and_the_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let out = batch_to(
        &["samples/team-long.csv", "--format", "pdf,json"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = files(dir.path());
    for slug in ["alex-morgan", "łukasz-żółć", "ελένη-παπαδοπούλου", "李雷"]
    {
        assert!(names.contains(&format!("{slug}.pdf")), "{names:?}");
        assert!(names.contains(&format!("{slug}.json")), "{names:?}");
    }
    for f in ["team-summary.pdf", "team-summary.csv", "team-skills.csv"] {
        assert!(names.contains(f), "{f} missing: {names:?}");
    }
    assert!(!names.contains("errors.csv"));
    assert_eq!(names.iter().filter(|n| n.ends_with(".pdf")).count(), 5);
    let summary = std::fs::read_to_string(dir.path().join("team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 5, "{summary}");
    assert!(
        summary.starts_with(
            "\u{feff}person,email,report,title,target_role,target_from,department,team,manager,location,fit_devops,coverage_devops,fit_sre,coverage_sre,"
        ),
        "{summary}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("4 reports, 0 failed"), "{stderr}");
}

#[test]
fn survey_exports_and_folders_are_inputs_too() {
    let dir = tempfile::tempdir().unwrap();
    let people = tempfile::tempdir().unwrap();
    std::fs::write(
        people.path().join("jo_bloggs.csv"),
        "skill,rating\nDocker,3\nK8s,2\n",
    )
    .unwrap();
    std::fs::write(people.path().join("notes.md"), "not an input").unwrap();
    let out = batch_to(
        &[
            "samples/google-forms-team.csv",
            "samples/msforms-team.csv",
            people.path().to_str().unwrap(),
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = files(dir.path());
    for n in [
        "jo-bloggs.json",
        "respondent-2.json",
        "renée-müller.json",
        "renée-müller-2.json",
        "arjun-mehta.json",
    ] {
        assert!(names.contains(n), "{n}: {names:?}");
    }
    let jo: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("jo-bloggs.json")).unwrap()).unwrap();
    assert_eq!(jo["person"], "Jo Bloggs");
}

#[test]
fn one_broken_person_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("team.csv");
    std::fs::write(
        &input,
        "person,skill,rating\nAna,Docker,3\nBo,Docker,9\nBo,Go,2\nCy,Go,4\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = batch_to(&[input.to_str().unwrap(), "--format", "json"], &out_dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 reports, 1 person failed"), "{stderr}");
    let names = files(&out_dir);
    assert!(
        names.contains("ana.json") && names.contains("cy.json") && !names.contains("bo.json"),
        "{names:?}"
    );
    let errors = std::fs::read_to_string(out_dir.join("errors.csv")).unwrap();
    // UTF-8 with a byte order mark, as Excel needs.
    assert!(
        errors.starts_with("\u{feff}file,line,person,error\n"),
        "{errors}"
    );
    assert!(
        errors.contains(",3,Bo,") && errors.contains("outside 0–5"),
        "{errors}"
    );
    // Fixed and run again: the stale error list goes away.
    std::fs::write(
        &input,
        "person,skill,rating\nAna,Docker,3\nBo,Docker,4\nCy,Go,4\n",
    )
    .unwrap();
    assert!(
        batch_to(&[input.to_str().unwrap(), "--format", "json"], &out_dir)
            .status
            .success()
    );
    assert!(!out_dir.join("errors.csv").exists());
}

#[test]
fn hostile_names_make_safe_files_and_safe_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("team.csv");
    let long = "x".repeat(300);
    let names = [
        "../../etc/x",
        "CON",
        "a/b",
        long.as_str(),
        "=cmd|' /C calc'!A0",
    ];
    let mut csv = String::from("person,skill,rating\n");
    for n in names {
        csv.push_str(&format!("\"{}\",Docker,3\n", n.replace('"', "\"\"")));
    }
    std::fs::write(&input, csv).unwrap();
    let out_dir = dir.path().join("out");
    let out = batch_to(&[input.to_str().unwrap(), "--format", "pdf,json"], &out_dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = files(&out_dir);
    for f in &written {
        assert!(
            !f.contains('/') && !f.contains("..") && f.len() < 100,
            "{f}"
        );
        assert!(!f.to_lowercase().starts_with("con."), "{f}");
    }
    assert!(
        written.contains("etc-x.pdf")
            && written.contains("con-person.pdf")
            && written.contains("a-b.pdf"),
        "{written:?}"
    );
    assert!(!dir.path().join("etc").exists());
    // Five reports; manifest.json and team-summary.json are the run's, not reports.
    assert_eq!(
        written
            .iter()
            .filter(|f| f.ends_with(".json") && *f != "manifest.json" && *f != "team-summary.json")
            .count(),
        5
    );
    let summary = std::fs::read_to_string(out_dir.join("team-summary.csv")).unwrap();
    assert!(summary.contains("\n'=cmd|' /C calc'!A0,"), "{summary}");
    for line in summary.lines() {
        assert!(!line.starts_with('='), "{line}");
    }
}

#[test]
fn output_is_identical_for_any_number_of_jobs() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert!(
        batch_to(
            &[
                "samples/team-long.csv",
                "--format",
                "pdf,json",
                "--jobs",
                "1"
            ],
            a.path()
        )
        .status
        .success()
    );
    assert!(
        batch_to(
            &[
                "samples/team-long.csv",
                "--format",
                "pdf,json",
                "--jobs",
                "2"
            ],
            b.path()
        )
        .status
        .success()
    );
    let names = files(a.path());
    assert_eq!(names, files(b.path()));
    for n in &names {
        assert_eq!(
            std::fs::read(a.path().join(n)).unwrap(),
            std::fs::read(b.path().join(n)).unwrap(),
            "{n} differs"
        );
    }
}

#[test]
fn shards_cover_everyone_once_and_merge_into_one_summary() {
    let root = tempfile::tempdir().unwrap();
    let (s1, s2, all) = (
        root.path().join("s1"),
        root.path().join("s2"),
        root.path().join("all"),
    );
    for (k, dir) in [("1/2", &s1), ("2/2", &s2)] {
        let out = batch_to(
            &[
                "samples/team-long.csv",
                "samples/wide-team.tsv",
                "--format",
                "json",
                "--shard",
                k,
            ],
            dir,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        batch_to(
            &[
                "samples/team-long.csv",
                "samples/wide-team.tsv",
                "--format",
                "json"
            ],
            &all
        )
        .status
        .success()
    );
    let json = |d: &Path| -> BTreeSet<String> {
        files(d)
            .into_iter()
            .filter(|f| f.ends_with(".json") && f != "manifest.json" && f != "team-summary.json")
            .collect()
    };
    let (j1, j2, everyone) = (json(&s1), json(&s2), json(&all));
    assert!(j1.is_disjoint(&j2), "{j1:?} {j2:?}");
    assert_eq!(j1.union(&j2).cloned().collect::<BTreeSet<_>>(), everyone);
    let merged = root.path().join("merged");
    let out = skillgap()
        .args([
            "team-summary",
            s1.to_str().unwrap(),
            s2.to_str().unwrap(),
            "-o",
            merged.to_str().unwrap(),
            "--date",
            "2026-11-26",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = std::fs::read_to_string(merged.join("team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), everyone.len() + 1, "{summary}");
    assert!(merged.join("team-summary.pdf").exists());
}

#[test]
fn bad_batch_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for extra in [
        vec!["--shard", "3/2"],
        vec!["--jobs", "0"],
        vec!["--format", "docx"],
    ] {
        let mut args = vec!["samples/team-long.csv"];
        args.extend(extra);
        assert_eq!(
            batch_to(&args, dir.path()).status.code(),
            Some(2),
            "{args:?}"
        );
    }
    assert_eq!(
        batch_to(&["samples/nope.csv"], dir.path()).status.code(),
        Some(1)
    );
}

#[test]
fn a_person_with_only_unknown_skills_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("team.csv");
    std::fs::write(
        &input,
        "person,skill,rating\nAna,Docker,3\nUma,Kubernets,3\nUma,Basket weaving,4\nCy,Go,4\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = batch_to(&[input.to_str().unwrap(), "--format", "json"], &out_dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("2 reports, 1 person failed"), "{stderr}");
    assert!(
        stderr.contains("team.csv:3: none of the skills matches the catalogue"),
        "{stderr}"
    );
    let names = files(&out_dir);
    assert!(
        names.contains("ana.json") && names.contains("cy.json") && !names.contains("uma.json"),
        "{names:?}"
    );
    let errors = std::fs::read_to_string(out_dir.join("errors.csv")).unwrap();
    assert!(
        errors.contains(",3,Uma,") && errors.contains("did you mean \"\"Kubernetes\"\"?"),
        "{errors}"
    );
}

#[test]
fn inputs_over_max_input_mb_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = b"person,skill,rating\n".to_vec();
    while text.len() < (2 << 20) {
        text.extend_from_slice(b"Ana,Docker,3\n");
    }
    let big = dir.path().join("big.csv");
    std::fs::write(&big, &text).unwrap();
    let small = dir.path().join("small.csv");
    std::fs::write(&small, "person,skill,rating\nBo,Docker,3\n").unwrap();
    let out_dir = dir.path().join("out");
    let args = [
        big.to_str().unwrap(),
        small.to_str().unwrap(),
        "--format",
        "json",
        "--max-input-mb",
        "1",
    ];
    let out = batch_to(&args, &out_dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("big.csv: is 3 MB, larger than the 1 MB limit"),
        "{stderr}"
    );
    assert!(stderr.contains("1 reports, 1 person failed"), "{stderr}");
    let names = files(&out_dir);
    assert!(
        names.contains("bo.json") && !names.contains("ana.json"),
        "{names:?}"
    );
    let errors = std::fs::read_to_string(out_dir.join("errors.csv")).unwrap();
    assert!(
        errors.contains("big.csv") && errors.contains("1 MB limit"),
        "{errors}"
    );
    // The default limit (100 MB) lets the same file through.
    let out = batch_to(&args[..4], &out_dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And the limit is checked as an option.
    assert_eq!(
        batch_to(&["samples/team-long.csv", "--max-input-mb", "0"], &out_dir)
            .status
            .code(),
        Some(2)
    );
}
