//! End-to-end: the survey exports people really send (combined labels,
//! any header wording, their own scales, title rows, workbooks, shared
//! names and re-submissions) give the right people, skills and ratings,
//! and `check` tells the truth about what it read.

use crate::common::*;
use std::path::Path;

#[test]
fn google_forms_grid_with_combined_labels() {
    let f = "samples/google-forms-combined.csv";
    let (out, err, code) = check(&[f]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(people(&out), 4, "{out}");
    assert!(!out.contains("UNKNOWN"), "{out}");
    assert!(
        out.contains(
            "Prometheus & Grafana                     4          → Prometheus, Grafana → Monitoring"
        ),
        "{out}"
    );
    let mia = ratings(f, "Mia Novak", &[]);
    let want = [
        ("prometheus", 4.0),
        ("grafana", 4.0),
        ("monitoring", 4.0),
        ("docker", 3.0),
        ("kubernetes", 3.0),
        ("terraform", 2.0),
        ("ansible", 2.0),
        ("python", 4.0),
        ("go", 4.0),
        ("git", 5.0),
        ("incident-response", 3.0),
        ("slos", 2.0),
        ("jenkins", 4.0),
        ("gitlab-ci", 4.0),
        ("github-actions", 4.0),
        // Someone who rated "Jenkins, GitLab CI or …" 4 is not told to
        // start CI/CD at 0.
        ("cicd", 4.0),
        ("elastic-stack", 3.0),
        ("loki", 3.0),
        ("logging", 3.0),
        ("istio", 1.0),
        ("linkerd", 1.0),
        ("service-mesh", 1.0),
        ("pagerduty", 3.0),
        ("opsgenie", 3.0),
        ("serverless", 0.0),
    ];
    for (skill, v) in want {
        assert_eq!(mia.get(skill), Some(&v), "{skill}: {mia:?}");
    }
}

#[test]
fn shared_names_and_resubmissions() {
    let f = "samples/google-forms-combined.csv";
    let (out, _, _) = check(&[f]);
    assert!(
        out.contains("kept apart as \"Alex Kim\", \"Alex Kim (2)\""),
        "{out}"
    );
    assert!(
        out.contains(
            "\"Tom Berg\" answered again on line 6 after line 3: the latest answer (line 6) is used"
        ),
        "{out}"
    );
    // The two Alex Kims are two people with their own ratings.
    assert_eq!(
        ratings(f, "alex.kim@example.com", &[]).get("docker"),
        Some(&3.0)
    );
    assert_eq!(ratings(f, "Alex Kim (2)", &[]).get("docker"), Some(&5.0));
    assert_eq!(
        ratings(f, "alex.k@other.example.org", &[]).get("docker"),
        Some(&5.0)
    );
    // Tom's second answer (Jenkins… 3) replaced his first (2).
    assert_eq!(ratings(f, "Tom Berg", &[]).get("jenkins"), Some(&3.0));
    // Batch writes the -2 file for the second Alex Kim.
    let dir = tempfile::tempdir().unwrap();
    skillgap()
        .args(["batch", f, "-o"])
        .arg(dir.path())
        .args(["--format", "json", "--date", DATE, "-q"])
        .assert()
        .success();
    for slug in ["alex-kim", "alex-kim-2", "tom-berg", "mia-novak"] {
        assert!(dir.path().join(format!("{slug}.json")).is_file(), "{slug}");
    }
}

#[test]
fn excel_csv_with_a_title_row_and_any_header_wording() {
    let f = "samples/excel-title-rows.csv";
    let (out, err, code) = check(&[f]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(people(&out), 3, "{out}");
    assert!(
        out.contains(
            "note:       the header row is line 3: the title and blank rows above it were skipped"
        ),
        "{out}"
    );
    assert!(out.contains("\"Team average\""), "{out}");
    assert!(
        out.contains("mapping:    --columns 'person=Employee Name,email=E-mail,skill=Skill,rating=Proficiency level,notes=Comments'"),
        "{out}"
    );
    let ana = ratings(f, "ana", &[]);
    assert_eq!(ana.get("kubernetes"), Some(&4.0));
    assert_eq!(ana.get("grafana"), Some(&3.0));
    assert_eq!(ana.get("ansible"), Some(&2.0));
    // "Backup & disaster recovery" is one skill, never split.
    assert_eq!(ratings(f, "Cy Diaz", &[]).get("backup-dr"), Some(&2.0));
}

#[test]
fn header_wordings_are_found_by_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let people = [
        "Your name",
        "Employee Name",
        "What is your name?",
        "Name (First Last)",
        "Participant",
    ];
    let ratings_h = [
        "Rating (0-5)",
        "Self rating (1-5)",
        "Your rating",
        "Level (0–5)",
        "Proficiency level",
        "Score /5",
    ];
    for (i, p) in people.iter().enumerate() {
        for (j, r) in ratings_h.iter().enumerate() {
            let path = dir.path().join(format!("h{i}{j}.csv"));
            let text =
                format!("\"{p}\",Skill,\"{r}\"\nAna,Kubernetes,4\nAna,Go,2\nBo,Kubernetes,3\n");
            std::fs::write(&path, text).unwrap();
            let (out, err, code) = check(&[path.to_str().unwrap()]);
            assert_eq!(code, 0, "{p} / {r}: {out}{err}");
            assert_eq!(crate::common::people(&out), 2, "{p} / {r}: {out}");
            assert!(out.contains(&format!("\"{r}\" → rating")), "{out}");
        }
    }
    // First and last name columns are joined.
    let path = dir.path().join("names.csv");
    std::fs::write(
        &path,
        "First name,Last name,Kubernetes,Go\nAna,Silva,4,2\nBo,Chen,3,\n",
    )
    .unwrap();
    let (out, _, code) = check(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Ana Silva: 2 row(s)"), "{out}");
    // Also in a file of one row per rating.
    let path = dir.path().join("long-names.csv");
    std::fs::write(
        &path,
        "First Name,Surname,Skill,Rating\nAna,Silva,Kubernetes,4\nAna,Silva,Go,2\nBo,Chen,Go,3\n",
    )
    .unwrap();
    let (out, _, code) = check(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Ana Silva: 2 row(s)"), "{out}");
    assert!(out.contains("Bo Chen: 1 row(s)"), "{out}");
}

#[test]
fn person_is_found_ignoring_accents_and_by_a_unique_prefix() {
    let f = "samples/google-forms-combined.csv";
    assert_eq!(ratings(f, "MIA", &[]).get("go"), Some(&4.0));
    assert_eq!(ratings(f, "tom b", &[]).get("jenkins"), Some(&3.0));
    assert_eq!(
        ratings("samples/msforms-team.xlsx", "lukasz zolc", &[]).get("docker"),
        Some(&3.5)
    );
    // "alex" starts two names: refused, with the people listed.
    let out = skillgap()
        .args([
            "report", f, "--format", "json", "--date", DATE, "--person", "alex",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--person \"alex\" matches 2 people"), "{err}");
}

#[test]
fn columns_override_detection_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.csv");
    std::fs::write(
        &path,
        "Who,Thing,Points\nAna,Kubernetes,4\nAna,Go,2\nBo,Go,3\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let (out, _, _) = check(&[p]);
    assert!(!out.contains("→ rating"), "{out}");
    let cols = "person=Who,skill=2,rating=Points";
    let (out, err, code) = check(&[p, "--columns", cols]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("mapping:    --columns 'person=Who,skill=Thing,rating=Points'"),
        "{out}"
    );
    assert_eq!(
        ratings(p, "Ana", &["--columns", cols]).get("kubernetes"),
        Some(&4.0)
    );
    let out_dir = dir.path().join("out");
    skillgap()
        .args(["batch", p, "-o"])
        .arg(&out_dir)
        .args(["--format", "json", "--date", DATE, "-q", "--columns", cols])
        .assert()
        .success();
    assert!(out_dir.join("ana.json").is_file());
    // A column that is not there is an error naming the headers; a bad
    // value is a usage error.
    let (_, err, code) = check(&[p, "--columns", "person=Name,skill=2,rating=3"]);
    assert_eq!(code, 1);
    assert!(err.contains("--columns names \"Name\" for person"), "{err}");
    let (_, err, code) = check(&[p, "--columns", "colour=2"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn likert_answers_and_own_scales() {
    let f = "samples/likert-team.csv";
    let (out, err, code) = check(&[f]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(people(&out), 3, "{out}");
    let ana = ratings(f, "Ana Silva", &[]);
    let want = [
        ("kubernetes", 3.0),
        ("docker", 4.0),
        ("terraform", 2.0),
        ("python", 2.0),
        ("incident-response", 1.0),
        ("go", 0.0),
    ];
    for (skill, v) in want {
        assert_eq!(ana.get(skill), Some(&v), "{skill}: {ana:?}");
    }
    let cy = ratings(f, "Cy Diaz", &[]);
    assert_eq!(cy.get("kubernetes"), Some(&0.0));
    assert_eq!(cy.get("terraform"), Some(&3.0));
    assert_eq!(cy.get("python"), Some(&4.0));
    assert_eq!(cy.get("incident-response"), Some(&5.0));
    // Batch: three people, three reports.
    let dir = tempfile::tempdir().unwrap();
    let run = skillgap()
        .args(["batch", f, "-o"])
        .arg(dir.path())
        .args(["--format", "json", "--date", DATE])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("3 reports, 0 failed"));

    // Words of the survey's own scale: an unknown one is an error naming
    // the cell, and scale.toml maps them.
    let tdir = tempfile::tempdir().unwrap();
    let own = tdir.path().join("own.csv");
    std::fs::write(
        &own,
        "Name,Kubernetes,Go\nAna,Rookie,Wizard\nBo,Wizard,Rookie\nCy,Pro,\n",
    )
    .unwrap();
    let own = own.to_str().unwrap();
    let (out, err, code) = check(&[own]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "own.csv:2:2: rating \"Rookie\" for \"Kubernetes\" is not a number or a known label"
        ),
        "{out}"
    );
    assert!(err.contains("3 person(s) have errors"), "{err}");
    // Beside a column of numbers, a skill column of unknown words is left
    // out: check says so and exits 1.
    let mixed = tdir.path().join("mixed.csv");
    std::fs::write(&mixed, "Name,Kubernetes,Go\nAna,3,Wizard\nBo,4,Rookie\n").unwrap();
    let (out, err, code) = check(&[mixed.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("column(s) \"Go\" name skills but no answer in them is a rating"),
        "{err}"
    );
    std::fs::write(
        tdir.path().join("scale.toml"),
        "[labels]\n\"Rookie\" = 1\n\"Wizard\" = 5\n",
    )
    .unwrap();
    let t = tdir.path().to_str().unwrap();
    let (out, _, code) = check(&[own, "--templates", t]);
    assert_eq!(code, 1, "Pro is not on the scale: {out}");
    assert!(
        out.contains(
            "own.csv:4:2: rating \"Pro\" for \"Kubernetes\" is not a number or a known label"
        ),
        "{out}"
    );
    assert_eq!(
        ratings(own, "Ana", &["--templates", t]).get("go"),
        Some(&5.0)
    );
}

#[test]
fn declared_ranges_are_rescaled_and_new_tools_known() {
    let f = "samples/score-out-of-10.csv";
    let (out, err, code) = check(&[f]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("\"Score /10\" is rated on 0–10"), "{out}");
    let dee = ratings(f, "Dee", &[]);
    assert_eq!(dee.get("kubernetes"), Some(&4.0));
    assert_eq!(dee.get("splunk"), Some(&2.5));
    assert_eq!(dee.get("kubernetes-operators"), Some(&5.0));
    assert_eq!(dee.get("chaos-mesh"), Some(&1.5));
    assert_eq!(dee.get("chaos-engineering"), Some(&1.5));
    assert_eq!(dee.get("orchestration"), Some(&5.0));
}

#[test]
fn workbooks_read_like_their_csv() {
    let f = "samples/msforms-team.xlsx";
    let (out, err, code) = check(&[f]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("encoding:   xlsx workbook, sheet \"Form1\""),
        "{out}"
    );
    assert!(out.contains("Microsoft Forms export"), "{out}");
    assert_eq!(people(&out), 3, "{out}");
    let renee = ratings(f, "renee", &[]);
    assert_eq!(renee.get("prometheus"), Some(&3.0));
    assert_eq!(renee.get("kubernetes"), Some(&4.0));
    assert_eq!(renee.get("jenkins"), Some(&4.0));
    assert_eq!(renee.get("istio"), Some(&0.0));
    assert_eq!(renee.get("kubernetes-operators"), Some(&4.0));
    let lukasz = ratings(f, "Łukasz", &[]);
    assert_eq!(lukasz.get("docker"), Some(&3.5));
    let out = skillgap()
        .args([
            "report", f, "--format", "json", "--date", DATE, "--person", "alex",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Completion time is a real Excel date-time.
    assert_eq!(v["assessed_on"], "2026-05-21");
    // The second sheet by name.
    let (out, err, code) = check(&[f, "--sheet", "Platform team"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Ana Silva: 2 row(s)"), "{out}");
    let (_, err, code) = check(&[f, "--sheet", "Nope"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("its sheets are \"Form1\", \"Platform team\""),
        "{err}"
    );
    // A folder with a workbook in it is read by batch.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(f, dir.path().join("form.xlsx")).unwrap();
    let out_dir = dir.path().join("out");
    skillgap()
        .arg("batch")
        .arg(dir.path())
        .arg("-o")
        .arg(&out_dir)
        .args(["--format", "json", "--date", DATE, "-q"])
        .assert()
        .success();
    assert!(out_dir.join("alex-kim.json").is_file());
}

#[test]
fn the_workbook_sample_is_what_its_script_makes() {
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if python.is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/make-workbook.py");
    std::fs::copy(&script, dir.path().join("make-workbook.py")).unwrap();
    let run = std::process::Command::new("python3")
        .arg(dir.path().join("make-workbook.py"))
        .output()
        .unwrap();
    assert!(run.status.success());
    let made = std::fs::read(dir.path().join("msforms-team.xlsx")).unwrap();
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/msforms-team.xlsx"))
            .unwrap();
    assert!(made == committed, "run samples/make-workbook.py again");
}

#[test]
fn check_never_drops_a_rating_silently() {
    let dir = tempfile::tempdir().unwrap();
    // Every answer of Bo is unreadable: Bo is listed, not left out.
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "Name,Kubernetes,Go\nAna,3,4\nBo,lots,heaps\n").unwrap();
    let (out, err, code) = check(&[path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(people(&out), 2, "{out}");
    assert!(out.contains("Bo: no readable rating"), "{out}");
    assert!(out.contains("bad.csv:3:2: rating \"lots\""), "{out}");
    assert!(err.contains("1 person(s) have errors"), "{err}");
    // A combined label with an unknown part: the part is named.
    let path = dir.path().join("part.csv");
    std::fs::write(&path, "Skill,Rating\nDocker & Blorpctl,3\n").unwrap();
    let (out, err, code) = check(&[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("→ Docker, Blorpctl (UNKNOWN) → Containers"),
        "{out}"
    );
    assert!(
        err.contains("1 rating(s) are for skills the catalogue does not know"),
        "{err}"
    );
    // Batch names what it could not match, per file.
    let out_dir = dir.path().join("out");
    let run = skillgap()
        .arg("batch")
        .arg(&path)
        .arg("-o")
        .arg(&out_dir)
        .args(["--format", "json", "--date", DATE])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("part.csv: 1 skill name not in the catalogue, 1 rating unused: \"Blorpctl (in \"Docker & Blorpctl\")\" (1)"),
        "{err}"
    );
}
