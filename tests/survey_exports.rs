//! End-to-end: surveys as HR systems and spreadsheets export them (issue
//! 24): named answer scales read by whole answer, numeric ranges found in
//! the data, HR headers in several languages, sheets and layouts. Every
//! sample is in samples/ and `check` must say what it read.

use crate::common::*;

/// The `answer:` lines of `check` as (answer, level).
fn answers(out: &str) -> Vec<(String, String)> {
    out.lines()
        .filter_map(|l| l.trim().strip_prefix("answer:"))
        .filter_map(|l| {
            let (a, rest) = l.trim().split_once(" → ")?;
            let level = rest.split("  (").next()?.trim();
            Some((a.trim_matches('"').to_string(), level.to_string()))
        })
        .collect()
}

fn level_of(out: &str, answer: &str) -> String {
    answers(out)
        .into_iter()
        .find(|(a, _)| a == answer)
        .map(|(_, l)| l)
        .unwrap_or_else(|| panic!("no answer {answer:?} in\n{out}"))
}

#[test]
fn dreyfus_answers_are_read_whole_never_by_a_word_inside() {
    for file in ["samples/dreyfus-team.csv", "samples/dreyfus-long.csv"] {
        let (out, err, code) = check(&[file]);
        assert_eq!(code, 0, "{file}: {out}{err}");
        assert!(out.contains("scale:      Dreyfus"), "{out}");
        assert_eq!(level_of(&out, "Novice"), "1");
        assert_eq!(level_of(&out, "Advanced beginner"), "2");
        assert_eq!(level_of(&out, "Competent"), "3");
        assert_eq!(level_of(&out, "Proficient"), "4");
        assert_eq!(level_of(&out, "Expert"), "5");
    }
    let r = ratings("samples/dreyfus-team.csv", "Priya Raman", &[]);
    assert_eq!(r.get("kubernetes"), Some(&2.0), "{r:?}");
    assert_eq!(r.get("terraform"), Some(&1.0), "{r:?}");
    // "Not applicable" is not rated, not a level.
    let r = ratings("samples/dreyfus-team.csv", "Hanne Visser", &[]);
    assert_eq!(r.get("terraform"), None, "{r:?}");
    assert_eq!(r.get("docker"), Some(&2.0), "{r:?}");
    let r = ratings("samples/dreyfus-long.csv", "Mei Lin", &[]);
    assert_eq!(r.get("kubernetes"), Some(&1.0), "{r:?}");
    assert_eq!(r.get("docker"), Some(&2.0), "{r:?}");
}

#[test]
fn numbered_answers_choose_the_scale_their_numbers_agree_with() {
    let (out, _, code) = check(&["samples/workday-numbered.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("scale:      Dreyfus"), "{out}");
    assert_eq!(level_of(&out, "2 - Advanced Beginner"), "2");

    let (out, _, code) = check(&["samples/proficiency-1-4.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("scale:      proficiency 1–4"), "{out}");
    let r = ratings("samples/proficiency-1-4.csv", "Lars Holm", &[]);
    assert_eq!(r.get("kubernetes"), Some(&5.0), "{r:?}");
    assert_eq!(r.get("terraform"), Some(&3.75), "{r:?}");
    assert_eq!(r.get("ansible"), Some(&1.25), "{r:?}");

    let (out, _, code) = check(&["samples/proficiency-nih.csv"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(level_of(&out, "Fundamental Awareness"), "1");
    assert_eq!(level_of(&out, "Novice"), "2");
}

#[test]
fn likert_agreement_is_a_scale() {
    let (out, _, code) = check(&["samples/likert-agreement.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("scale:      Likert agreement"), "{out}");
    assert_eq!(level_of(&out, "Strongly disagree"), "1");
    assert_eq!(level_of(&out, "Neither agree nor disagree"), "3");
    assert_eq!(people(&out), 3);
    let r = ratings("samples/likert-agreement.csv", "Noor Haddad", &[]);
    assert_eq!(r.get("kubernetes"), Some(&5.0), "{r:?}");
    assert_eq!(r.get("python"), Some(&2.0), "{r:?}");
}

#[test]
fn an_answer_on_no_scale_stays_a_loud_error() {
    let (out, _, code) = check(&["samples/dreyfus-typo.csv"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("dreyfus-typo.csv:2:3: rating \"Expret\" for \"Docker\" is not an answer of this column's scale, Dreyfus"),
        "{out}"
    );
    assert!(out.contains("\"Expret\" → NOT READ"), "{out}");
}

#[test]
fn numeric_ranges_are_found_in_the_data_for_every_column() {
    let (out, _, code) = check(&["samples/score-1-10-undeclared.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("the 5 rating column(s) were read as 1–10 (value × 5/10"),
        "{out}"
    );
    assert_eq!(level_of(&out, "5"), "2.5");
    // A column whose answers are all within 0–5 is on the same scale.
    let r = ratings("samples/score-1-10-undeclared.csv", "Aisha Bello", &[]);
    assert_eq!(r.get("python"), Some(&2.5), "{r:?}");
    assert_eq!(r.get("kubernetes"), Some(&2.0), "{r:?}");
    assert_eq!(r.get("terraform"), Some(&3.5), "{r:?}");

    let (out, _, code) = check(&["samples/score-1-7.tsv"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("read as 1–7 (value × 5/7"), "{out}");
    let r = ratings("samples/score-1-7.tsv", "Elif Kaya", &[]);
    assert_eq!(r.get("kubernetes"), Some(&5.0), "{r:?}");
}

#[test]
fn one_stray_number_above_five_is_an_error_not_a_new_scale() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stray.csv");
    std::fs::write(&file, "Name,Kubernetes,Docker\nAna,3,4\nBo,7,2\n").unwrap();
    let (out, _, code) = check(&[file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("rating \"7\" for \"Kubernetes\" is outside 0–5"),
        "{out}"
    );
}

#[test]
fn hr_exports_name_their_people_in_five_languages() {
    let cases: [(&str, &[&str], usize); 6] = [
        (
            "samples/workday-skills.csv",
            &[
                "\"Worker\" → person",
                "\"Primary Work Email\" → email",
                "\"Business Title\" → job title",
                "\"Supervisory Organization\" → department",
                "\"Assessed By\" → rater",
                "\"Skill Last Updated\" → date",
            ],
            4,
        ),
        (
            "samples/medewerkers-nl.csv",
            &[
                "\"Medewerker\" → person",
                "\"E-mailadres\" → email",
                "\"Leidinggevende\" → manager",
                "\"Laatst bijgewerkt\" → date",
            ],
            2,
        ),
        (
            "samples/collaborateurs-fr.csv",
            &[
                "\"Nom\" → person",
                "\"Adresse de messagerie\" → email",
                "\"Responsable\" → manager",
            ],
            2,
        ),
        (
            "samples/mitarbeiter-de.csv",
            &[
                "\"Mitarbeiter\" → person",
                "\"Letzte Änderung\" → date",
                "\"Standort\" → location",
            ],
            2,
        ),
        (
            "samples/empleados-es.csv",
            &[
                "\"Nombre completo\" → person",
                "\"Correo electrónico\" → email",
            ],
            2,
        ),
        (
            "samples/bamboohr-skills.csv",
            &[
                "\"Employee #\" → employee id (not used)",
                "\"Reports To\" → manager",
            ],
            2,
        ),
    ];
    for (file, columns, n) in cases {
        let (out, err, code) = check(&[file]);
        assert_eq!(code, 0, "{file}: {out}{err}");
        for c in columns {
            assert!(out.contains(c), "{file}: no {c} in\n{out}");
        }
        assert_eq!(people(&out), n, "{file}: {out}");
        // Dates and averages are never skills or people.
        assert!(!out.contains("skill: Letzte"), "{out}");
        for avg in ["Gemiddelde:", "Moyenne:", "Durchschnitt:", "Promedio:"] {
            assert!(!out.contains(avg), "{file}: {out}");
        }
    }
    let r = ratings("samples/workday-skills.csv", "Lucas Moreau", &[]);
    assert_eq!(r.get("kubernetes"), Some(&2.0), "{r:?}");
    let r = ratings("samples/medewerkers-nl.csv", "Sanne Jansen", &[]);
    assert_eq!(r.get("terraform"), Some(&3.5), "{r:?}");
}

#[test]
fn rows_of_several_people_without_a_person_column_ask_which_column() {
    let (out, err, code) = check(&["tests/fixtures/exports/no-person-column.csv"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("no-person-column.csv:4: these rows look like several people (\"Kubernetes\" is rated again on line 4); which column names them? If it is \"Colleague handle\", pass --columns 'person=Colleague handle,team=Team,skill=Skill,rating=Rating'"),
        "{err}"
    );
    // The suggested line works as printed.
    let (out, err, code) = check(&[
        "tests/fixtures/exports/no-person-column.csv",
        "--columns",
        "person=Colleague handle,team=Team,skill=Skill,rating=Rating",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(people(&out), 2);
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join("rc");
    let bin = crate::common::bin();
    for file in ["samples/dreyfus-typo.csv", "samples/dreyfus-team.csv"] {
        // The reader closes its end first, so every write fails with EPIPE.
        let script = format!(
            "(sleep 0.3; '{}' check {file} 2>&1; echo $? > '{}') | (exec 0<&-; sleep 1)",
            bin.display(),
            rc.display()
        );
        let status = std::process::Command::new("sh")
            .args(["-c", &script])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success());
        let code = std::fs::read_to_string(&rc).unwrap();
        assert!(
            matches!(code.trim(), "0" | "1"),
            "{file}: exit {code} (101 is a panic)"
        );
    }
}

#[test]
fn markdown_separator_rows_are_not_people() {
    let (out, err, code) = check(&["samples/confluence-matrix.md"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(people(&out), 2, "{out}");
    assert!(!out.contains("---"), "{out}");
    let (out, err, code) = check(&["samples/pasted-markdown-long.tsv"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(people(&out), 2, "{out}");
}

#[test]
fn columns_about_the_person_are_ignored_and_interest_grids_read() {
    let (out, err, code) = check(&["samples/forms-skills-and-interest.csv"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("warning:    column(s) \"Years in industry\" are about the person (years, age), not a skill: ignored"),
        "{out}"
    );
    assert!(
        out.contains(
            "\"How interested are you in growing this? [Kubernetes]\" → interest: Kubernetes"
        ),
        "{out}"
    );
    assert!(
        out.contains("interest: Kubernetes high, Prometheus medium, Terraform none"),
        "{out}"
    );
    // The years are not a 1–10 scale: the ratings stay on 0–5.
    assert!(!out.contains("read as 1–10"), "{out}");
    let r = ratings("samples/forms-skills-and-interest.csv", "Tim Baker", &[]);
    assert_eq!(r.get("terraform"), Some(&5.0), "{r:?}");

    let (out, err, code) = check(&["samples/umfrage-interesse-de.csv"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("\"Jahre Berufserfahrung\" are about the person"),
        "{out}"
    );
    assert!(
        out.contains("interest: Ansible none, Docker low, Kubernetes high"),
        "{out}"
    );
}

#[test]
fn the_sheet_with_the_ratings_is_read_and_named() {
    let (out, err, code) = check(&["samples/skills-matrix-with-readme.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("sheet \"Matrix\""), "{out}");
    // The legend of levels (no person column) is no sheet of ratings when
    // the matrix names its people.
    assert!(
        out.contains("note:       read sheet 'Matrix'; 'Read me' and 'Legend' hold no ratings"),
        "{out}"
    );
    assert_eq!(people(&out), 8, "{out}");
    // --sheet overrides the choice.
    let (out, _, code) = check(&[
        "samples/skills-matrix-with-readme.xlsx",
        "--sheet",
        "Legend",
    ]);
    assert!(out.contains("sheet \"Legend\"") || code != 0, "{out}");
    assert!(!out.contains("read sheet 'Matrix'"), "{out}");
}

#[test]
fn the_matrix_with_people_across_is_read() {
    for (file, n) in [
        ("samples/skills-matrix-transposed.csv", 4),
        ("samples/competency-matrix-dreyfus.tsv", 3),
        ("samples/team-matrix-transposed.xlsx", 5),
    ] {
        let (out, err, code) = check(&[file]);
        assert_eq!(code, 0, "{file}: {out}{err}");
        assert!(
            out.contains("format:     matrix (skills down, people across)"),
            "{out}"
        );
        assert_eq!(people(&out), n, "{file}: {out}");
        assert!(!out.contains("Average:"), "{out}");
    }
    let r = ratings("samples/skills-matrix-transposed.csv", "Ben Clarke", &[]);
    assert_eq!(r.get("kubernetes"), Some(&2.0), "{r:?}");
    assert_eq!(r.get("terraform"), Some(&1.0), "{r:?}");
    assert_eq!(r.get("ansible"), None, "{r:?}");
    let r = ratings("samples/competency-matrix-dreyfus.tsv", "Jan de Boer", &[]);
    assert_eq!(r.get("kubernetes"), Some(&1.0), "{r:?}");
    let r = ratings("samples/team-matrix-transposed.xlsx", "Kemi Ade", &[]);
    assert_eq!(r.get("prometheus"), Some(&5.0), "{r:?}");

    // --transpose forces it on a header without a skill column, and
    // --transpose=false refuses it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.csv");
    std::fs::write(&file, ",Ana,Bo\nKubernetes,4,2\nDocker,3,5\n").unwrap();
    let f = file.to_str().unwrap();
    let (out, err, code) = check(&[f, "--transpose"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(people(&out), 2, "{out}");
    let (_, err, code) = check(&["samples/skills-matrix-transposed.csv", "--transpose=false"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no rating column"), "{err}");
}

#[test]
fn combined_labels_match_by_the_catalogue_words_they_hold() {
    let (out, err, code) = check(&["samples/combined-phrases.csv"]);
    assert_eq!(code, 0, "{out}{err}");
    for (label, target) in [
        (
            "On-call rotations & paging",
            "→ On-call & incident response",
        ),
        ("Writing & running postmortems", "→ Blameless postmortems"),
        ("Backup & Recovery", "→ Backup & disaster recovery"),
        ("Python Programming", "→ Python"),
        ("Kubernetes in production", "→ Kubernetes"),
        ("Linux internals", "→ Linux"),
        ("Incident postmortems", "→ Blameless postmortems"),
        ("Terraform fundamentals", "→ Terraform"),
    ] {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with("line") && l.contains(label))
            .unwrap_or_else(|| panic!("no {label} in\n{out}"));
        assert!(line.ends_with(target), "{line}");
    }
    assert!(!out.contains("UNKNOWN"), "{out}");
    let r = ratings("samples/combined-phrases.csv", "Aiko Mori", &[]);
    assert_eq!(r.get("incident-response"), Some(&5.0), "{r:?}");
    assert_eq!(r.get("postmortems"), Some(&5.0), "{r:?}");
}

#[test]
fn every_unknown_label_gets_a_suggestion() {
    let (out, _, code) = check(&["samples/typo-labels.csv"]);
    assert_eq!(code, 1, "{out}");
    for (typed, meant) in [
        ("pyhton", "Python"),
        ("Anisble", "Ansible"),
        ("Kuberentes", "Kubernetes"),
        ("Terrafrom", "Terraform"),
        ("Dokcer", "Docker"),
        ("Grafana dashboard design", "Grafana"),
    ] {
        assert!(
            out.contains(&format!(
                "unknown: \"{typed}\" (line 2) — did you mean \"{meant}\"?"
            )),
            "{typed}: {out}"
        );
    }
}

#[test]
fn a_team_summary_never_calls_a_skill_unasked_without_naming_columns_not_understood() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("survey.csv");
    std::fs::write(
        &input,
        "Name,Kubernetes,Terraform,Python,Pager duty rota wrangling,Monitoring,Linux\n\
         Ana Ruiz,4,3,4,5,4,4\nBo Chen,3,4,3,2,3,3\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = skillgap()
        .args([
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .args(["--date", "2026-11-26", "-q"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = crate::common::pdf_text(&out.join("team-summary.pdf"));
    assert!(t.contains("Not in any survey, so not shown"), "{t}");
    assert!(t.contains("one of them may be about these skills"), "{t}");
}
