//! End-to-end: team runs a manager can use (issue 15): mixed-role teams
//! with job titles and target roles, groups and per-group summaries,
//! Excel-ready CSVs, CLI conventions (`-o -`, `--quiet`, help, completions,
//! man page), `--shard auto` from a job scheduler, merged shard errors,
//! the movement section and the roles table.

use crate::common::{DATE, MIXED, batch_to, pdf_text, skillgap, stderr};
use std::path::Path;

/// The group summaries (`team-summary-<group>.pdf`) in `out`, sorted.
fn group_summaries(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("team-summary-"))
        .collect();
    names.sort();
    names
}

/// A CSV the batch wrote, read back as Excel would: it must start with a
/// UTF-8 byte order mark; returns the header and the rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{}: no BOM",
        path.display()
    );
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no {name} in {header:?}"))
}

fn row<'a>(rows: &'a [Vec<String>], person: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| r[0] == person)
        .unwrap_or_else(|| panic!("no {person}"))
}

#[test]
fn a_mixed_team_is_summarised_per_target_role() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    let o = batch_to(&[MIXED, "--format", "pdf,json", "-q"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let (h, rows) = read_csv(&out.join("team-summary.csv"));
    assert_eq!(rows.len(), 50);
    for name in [
        "title",
        "target_role",
        "target_from",
        "department",
        "team",
        "manager",
        "location",
    ] {
        col(&h, name);
    }
    let (title, target, from, best) = (
        col(&h, "title"),
        col(&h, "target_role"),
        col(&h, "target_from"),
        col(&h, "best_fit"),
    );
    // A title maps through the roles' aliases, whatever the seniority.
    let r = row(&rows, "Jonas Berg");
    assert_eq!(
        (r[title].as_str(), r[target].as_str()),
        ("Site Reliability Engineer II", "sre")
    );
    assert_eq!(r[from], "title");
    // A target-role answer wins over the title.
    let r = row(&rows, "Tomáš Dvořák");
    assert_eq!(
        (r[target].as_str(), r[from].as_str()),
        ("sre", "target-role")
    );
    // An unmapped title falls back to the best fit; no title at all too.
    let r = row(&rows, "Uma Patel");
    assert_eq!(r[title], "Systems Administrator");
    assert_eq!(
        (r[target].as_str(), r[from].as_str()),
        (r[best].as_str(), "best-fit")
    );
    // Non-Latin names and groups survive the round trip.
    let r = row(&rows, "李雷");
    assert_eq!(r[col(&h, "manager")], "Ελένη Παπαδοπούλου");
    assert_eq!(r[col(&h, "report")], "李雷.pdf");
    // Personal reports still compare every role.
    let ana: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ana-souza.json")).unwrap()).unwrap();
    assert_eq!(ana["roles"].as_array().unwrap().len(), 5);
    assert_eq!(ana["profile"]["title"], "DevOps Engineer II");
    assert_eq!(ana["profile"]["team"], "Core Infra");
    let t = pdf_text(&out.join("team-summary.pdf"));
    for needle in [
        "Readiness per role",
        "Ratings: people × skills",
        "Job titles and what the reports say",
        "4 people titled Platform Engineer (“Lead Platform Engineer” 2 and “Platform Engineer” 2) fit DevOps Engineer best",
        "3 people titled DevOps Engineer (“DevOps Engineer” 2 and “Senior DevOps Engineer” 1) fit Site Reliability Engineer best",
        "“Systems Administrator” (2)",
        "“Cloud Architect” (1)",
        "DevOps Engineer: 16 people",
        "Site Reliability Engineer: 10 people",
        "Platform Engineer: ",
        "Cloud Engineer: ",
        "Training to budget",
    ] {
        assert!(t.contains(needle), "{needle:?} missing from: {t}");
    }
    // A manager's words: no command-line flags, plurals that agree.
    assert!(!t.contains("--"), "a flag in the team PDF: {t}");
    for wrong in [
        " 1 person aim at",
        "· 1 levels short",
        "· 1 hours",
        " 1 people",
    ] {
        assert!(!t.contains(wrong), "{wrong:?} in {t}");
    }
    // team-skills.csv carries the target role and the groups too.
    let (h, rows) = read_csv(&out.join("team-skills.csv"));
    assert_eq!(
        &h[..7],
        [
            "person",
            "email",
            "target_role",
            "department",
            "team",
            "manager",
            "location"
        ]
    );
    assert_eq!(row(&rows, "Łukasz Żółć")[5], "Renée Müller");
}

#[test]
fn team_role_sets_the_target_of_everyone_without_a_title() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    let o = batch_to(
        &[
            "samples/team-long.csv",
            "--team-role",
            "sre",
            "--format",
            "json",
            "-q",
        ],
        &out,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (h, rows) = read_csv(&out.join("team-summary.csv"));
    let (target, from) = (col(&h, "target_role"), col(&h, "target_from"));
    assert!(
        rows.iter()
            .all(|r| r[target] == "sre" && r[from] == "team-role"),
        "{rows:?}"
    );
    // Every role is still compared in the reports and the CSV.
    assert!(h.iter().any(|c| c == "fit_platform"));
    let t = pdf_text(&out.join("team-summary.pdf"));
    // Everyone is placed under the team's role (or, with no report to
    // judge them, listed as not placed).
    assert!(t.contains("Site Reliability Engineer: 4 people"), "{t}");
    assert!(!t.contains("Not placed yet"), "{t}");
    // A team role that is not compared is a usage error.
    let o = batch_to(
        &[
            "samples/team-long.csv",
            "--role",
            "devops",
            "--team-role",
            "sre",
        ],
        &out,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--team-role sre is not among the roles compared"));
}

#[test]
fn group_by_writes_a_page_and_a_summary_per_group_and_reruns_clean_up() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    let o = batch_to(&[MIXED, "--group-by", "manager", "--format", "json"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = [
        "team-summary-ana-souza.pdf",
        "team-summary-łukasz-żółć.pdf",
        "team-summary-renée-müller.pdf",
        "team-summary-ελένη-παπαδοπούλου.pdf",
        "team-summary-李雷.pdf",
    ];
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for f in files {
        assert!(out.join(f).is_file(), "{f} missing");
        assert!(listed.contains(&f), "{f} not in the manifest");
    }
    let t = pdf_text(&out.join("team-summary.pdf"));
    assert!(t.contains("Manager: 李雷 · 9 people"), "{t}");
    assert!(t.contains("team-summary-李雷.pdf"), "{t}");
    let own = pdf_text(&out.join("team-summary-李雷.pdf"));
    assert!(
        own.contains("Manager: 李雷") && own.contains("9 people"),
        "{own}"
    );
    // Grouped by team instead: the manager summaries are removed.
    let o = batch_to(&[MIXED, "--group-by", "team", "--format", "json"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("removed"), "{}", stderr(&o));
    for f in files {
        assert!(!out.join(f).exists(), "{f} left behind");
    }
    assert!(out.join("team-summary-reliability.pdf").is_file());
    // And without --group-by, none is left.
    let o = batch_to(&[MIXED, "--format", "json", "-q"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let left = group_summaries(&out);
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn group_names_become_safe_file_names_and_never_take_a_persons_file() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    std::fs::write(
        &input,
        "Name,Team,Kubernetes,Terraform\nAna,../../etc/passwd,3,4\nBo,Ops,2,3\nTeam Summary Ops,,1,1\nCy,CON,4,4\n",
    )
    .unwrap();
    let out = d.path().join("out");
    let o = batch_to(&[input.to_str().unwrap(), "--group-by", "team", "-q"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let names = group_summaries(&out);
    assert_eq!(
        names,
        [
            "team-summary-con-person.pdf",
            "team-summary-etc-passwd.pdf",
            "team-summary-no-team.pdf",
            // The group "Ops" gives way to the person named "Team Summary Ops".
            "team-summary-ops-2.pdf",
            "team-summary-ops.pdf",
        ]
    );
    let t = pdf_text(&out.join("team-summary.pdf"));
    assert!(
        t.contains("Team: Ops · 1 person") && t.contains("team-summary-ops-2.pdf"),
        "{t}"
    );
    assert!(!d.path().join("etc").exists());
}

#[test]
fn the_report_column_names_the_file_and_errors_csv_reads_back() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    std::fs::write(
        &input,
        "person,skill,rating\nŁukasz Żółć,Kubernetes,4\n=Bad,Kubernetes,9\n",
    )
    .unwrap();
    let out = d.path().join("out");
    let o = batch_to(&[input.to_str().unwrap(), "--format", "json", "-q"], &out);
    assert_eq!(o.status.code(), Some(1));
    let (h, rows) = read_csv(&out.join("team-summary.csv"));
    assert_eq!(
        row(&rows, "Łukasz Żółć")[col(&h, "report")],
        "łukasz-żółć.json"
    );
    assert!(out.join("łukasz-żółć.json").is_file());
    let (h, rows) = read_csv(&out.join("errors.csv"));
    assert_eq!(h, ["file", "line", "person", "error"]);
    // The formula stays neutralised.
    assert_eq!(rows[0][2], "'=Bad");
    // --quiet never hides an error.
    assert!(stderr(&o).contains("error:"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("reports,"), "{}", stderr(&o));
}

#[test]
fn dash_o_writes_every_format_to_standard_output() {
    let d = tempfile::tempdir().unwrap();
    for (format, start) in [
        ("pdf", "%PDF-"),
        ("json", "{"),
        ("text", "Skill-gap report: Priya Raman"),
    ] {
        let o = skillgap()
            .current_dir(d.path())
            .arg("report")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/sre-leaning.csv"))
            .args(["--date", DATE, "--format", format, "-o", "-"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).starts_with(start),
            "{format}: {:?}",
            String::from_utf8_lossy(&o.stdout[..20.min(o.stdout.len())])
        );
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            0,
            "{format} wrote a file"
        );
    }
}

#[test]
fn help_shows_examples_everywhere_and_common_tasks_at_the_top() {
    let top = skillgap().arg("--help").output().unwrap();
    let top = String::from_utf8_lossy(&top.stdout).to_string();
    assert!(
        top.contains("Common tasks:") && top.contains("--group-by"),
        "{top}"
    );
    for sub in [
        "report",
        "roles",
        "template",
        "check",
        "batch",
        "team-summary",
        "completions",
        "man",
    ] {
        for flag in ["-h", "--help"] {
            let o = skillgap().args([sub, flag]).output().unwrap();
            let s = String::from_utf8_lossy(&o.stdout);
            assert!(s.contains("Example"), "{sub} {flag}: {s}");
            assert!(s.contains("skillgap "), "{sub} {flag}: {s}");
        }
    }
    let o = skillgap().args(["report", "-h"]).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("Rating scale"));
}

#[test]
fn completions_and_man_page_come_from_the_command_line() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = skillgap().args(["completions", shell]).output().unwrap();
        assert!(o.status.success(), "{shell}");
        let s = String::from_utf8_lossy(&o.stdout);
        assert!(
            s.contains("skillgap") && s.contains("team-summary"),
            "{shell}"
        );
    }
    let o = skillgap().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = skillgap().arg("man").output().unwrap();
    assert!(o.status.success());
    let man = String::from_utf8_lossy(&o.stdout);
    assert!(man.contains(".TH skillgap 1"), "{man}");
    for sub in ["skillgap-report", "skillgap-batch", "skillgap-team-summary"] {
        assert!(man.contains(&format!(".TH {sub} 1")), "{sub}");
    }
    assert!(man.contains("group\\-by"));
}

/// The `shard` option a batch recorded in its manifest.
fn recorded_shard(out: &Path) -> String {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    m["options"]["shard"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn shard_auto_takes_the_index_from_the_job_scheduler() {
    let d = tempfile::tempdir().unwrap();
    let run = |env: &[(&str, &str)], shard: &str, out: &Path| {
        let mut c = skillgap();
        for (k, v) in env {
            c.env(k, v);
        }
        c.args([
            "batch", MIXED, "--format", "json", "-q", "--date", DATE, "--shard", shard, "-o",
        ])
        .arg(out)
        .output()
        .unwrap()
    };
    // A Kubernetes Indexed Job: 0-based JOB_COMPLETION_INDEX.
    let mut total = 0;
    for k in 0..3 {
        let out = d.path().join(format!("k8s-{k}"));
        let o = run(&[("JOB_COMPLETION_INDEX", &k.to_string())], "auto/3", &out);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(recorded_shard(&out), format!("{}/3", k + 1));
        total += read_csv(&out.join("team-summary.csv")).1.len();
    }
    assert_eq!(total, 50, "the shards split everyone exactly once");
    // A Slurm array: N from SLURM_ARRAY_TASK_COUNT, ids from MIN.
    let out = d.path().join("slurm");
    let o = run(
        &[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
        ],
        "auto",
        &out,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(recorded_shard(&out), "2/2");
    // Nothing set: a usage error naming the variables.
    let o = run(&[], "auto/3", &d.path().join("none"));
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("JOB_COMPLETION_INDEX") && e.contains("SLURM_ARRAY_TASK_ID"),
        "{e}"
    );
    // A Kubernetes index without N: the message says to give auto/N.
    let o = run(
        &[("JOB_COMPLETION_INDEX", "0")],
        "auto",
        &d.path().join("none"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--shard auto/N"), "{}", stderr(&o));
}

#[test]
fn merging_shards_keeps_their_errors_and_failed_counts() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    let mut csv = String::from("person,email,skill,rating\n");
    for i in 0..12 {
        let rating = if i == 5 { "9" } else { "3" };
        csv.push_str(&format!(
            "P{i},p{i}@example.com,Kubernetes,{rating}\nP{i},p{i}@example.com,Terraform,4\n"
        ));
    }
    std::fs::write(&input, csv).unwrap();
    let mut dirs = Vec::new();
    for k in 1..=2 {
        let out = d.path().join(format!("shard-{k}"));
        batch_to(
            &[
                input.to_str().unwrap(),
                "--format",
                "json",
                "-q",
                "--shard",
                &format!("{k}/2"),
            ],
            &out,
        );
        dirs.push(out);
    }
    let merged = d.path().join("merged");
    let o = skillgap()
        .args(["team-summary", "--date", DATE, "-o"])
        .arg(&merged)
        .args(&dirs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (_, errors) = read_csv(&merged.join("errors.csv"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0][2], "P5");
    let (h, rows) = read_csv(&merged.join("team-summary.csv"));
    assert_eq!(rows.len(), 11);
    // The report column points into the shard folders.
    let report = &row(&rows, "P0")[col(&h, "report")];
    assert!(report.ends_with("p0.json"), "{report}");
    let t = pdf_text(&merged.join("team-summary.pdf"));
    assert!(t.contains("11 people (1 failed)"), "{t}");
}

#[test]
fn movement_leaves_out_people_whose_fit_did_not_change() {
    let d = tempfile::tempdir().unwrap();
    let before = d.path().join("before.csv");
    let now = d.path().join("now.csv");
    let row = |p: &str, k: u8| {
        format!(
            "{p},Kubernetes,{k}\n{p},Terraform,3\n{p},CI/CD,3\n{p},Monitoring,3\n{p},Python,3\n{p},Linux,3\n"
        )
    };
    std::fs::write(
        &before,
        format!("person,skill,rating\n{}{}", row("Ana", 1), row("Bo", 2)),
    )
    .unwrap();
    std::fs::write(
        &now,
        format!("person,skill,rating\n{}{}", row("Ana", 5), row("Bo", 2)),
    )
    .unwrap();
    let out = d.path().join("out");
    let o = batch_to(
        &[
            now.to_str().unwrap(),
            "--previous",
            before.to_str().unwrap(),
            "-q",
        ],
        &out,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = pdf_text(&out.join("team-summary.pdf"));
    assert!(
        t.contains("Who moved most · 1 unchanged, not listed"),
        "{t}"
    );
    let table = t.split("Who moved most").nth(1).unwrap_or_default();
    assert!(table.contains("Ana"), "{t}");
    assert!(
        !table
            .split("Skills that grew")
            .next()
            .unwrap()
            .contains("Bo "),
        "{t}"
    );
}

#[test]
fn the_roles_table_lines_up_whatever_the_category() {
    for role in ["devops", "sre", "platform", "cloud", "devsecops"] {
        let o = skillgap().args(["roles", role]).output().unwrap();
        let s = String::from_utf8_lossy(&o.stdout).to_string();
        let lines: Vec<&str> = s
            .lines()
            .skip_while(|l| !l.contains("level  weight"))
            .collect();
        let at = lines[0].find("level").unwrap() + "level".len();
        for l in &lines[1..] {
            // The level digit ends where the "level" heading ends.
            let chars: Vec<char> = l.chars().collect();
            let head: Vec<char> = lines[0].chars().collect();
            let end = head[..at].len();
            assert!(chars[end - 1].is_ascii_digit(), "{role}: {l:?}\n{s}");
        }
    }
}

#[test]
fn long_files_carry_titles_and_groups_too() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    let mut csv =
        String::from("Employee ID,Employee Name,Job Title,Line manager,Office,Skill,Rating\n");
    for (id, name, title) in [
        (7, "Ana Souza", "Senior SRE"),
        (8, "Bo Chen", "Platform Engineer II"),
    ] {
        for skill in [
            "Kubernetes",
            "Terraform",
            "Monitoring",
            "SLOs",
            "Python",
            "CI/CD",
            "Go",
        ] {
            csv.push_str(&format!(
                "{id},{name},{title},Łukasz Żółć,Warsaw,{skill},4\n"
            ));
        }
    }
    std::fs::write(&input, csv).unwrap();
    let o = skillgap().args(["check"]).arg(&input).output().unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    for want in [
        "\"Job Title\" → job title",
        "\"Line manager\" → manager",
        "\"Office\" → location",
        "\"Employee ID\" → employee id (not used)",
        "\"Employee Name\" → person",
    ] {
        assert!(s.contains(want), "{want:?} missing: {s}");
    }
    let out = d.path().join("out");
    let o = batch_to(&[input.to_str().unwrap(), "--format", "json", "-q"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let (h, rows) = read_csv(&out.join("team-summary.csv"));
    let r = row(&rows, "Ana Souza");
    assert_eq!(r[col(&h, "target_role")], "sre");
    assert_eq!(r[col(&h, "manager")], "Łukasz Żółć");
    assert_eq!(r[col(&h, "location")], "Warsaw");
    assert_eq!(row(&rows, "Bo Chen")[col(&h, "target_role")], "platform");
}

#[test]
fn team_summary_groups_too_and_a_second_merge_replaces_its_own_files() {
    let d = tempfile::tempdir().unwrap();
    let shard = d.path().join("shard");
    let o = batch_to(&[MIXED, "--format", "json", "-q"], &shard);
    assert!(o.status.success(), "{}", stderr(&o));
    let merged = d.path().join("merged");
    std::fs::create_dir(&merged).unwrap();
    std::fs::write(merged.join("team-summary-payments.pdf"), "my notes").unwrap();
    for _ in 0..2 {
        let o = skillgap()
            .args([
                "team-summary",
                "--date",
                DATE,
                "--group-by",
                "team",
                "-q",
                "-o",
            ])
            .arg(&merged)
            .arg(&shard)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            o.stdout.is_empty(),
            "--quiet: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    let names = group_summaries(&merged);
    assert_eq!(
        names,
        [
            "team-summary-cloud-foundations.pdf",
            "team-summary-core-infra.pdf",
            "team-summary-developer-experience.pdf",
            "team-summary-payments-2.pdf",
            "team-summary-payments.pdf",
            "team-summary-reliability.pdf",
        ]
    );
    assert_eq!(
        std::fs::read(merged.join("team-summary-payments.pdf")).unwrap(),
        b"my notes"
    );
}
