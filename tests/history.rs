//! End-to-end: progress since a previous assessment (`--previous`, dated
//! rows in one file, `batch --previous`), second opinions (`rater` column,
//! `--basis`) and interest (`interest` column reordering the plan).

use crate::common::{DATE, report_json, skillgap, stdout_of};
use serde_json::Value;
use std::path::Path;

const NEW: &str = "samples/reassess-2026-11.csv";
const OLD: &str = "samples/reassess-2026-06.csv";
const RATERS: &str = "samples/self-manager.csv";
const INTEREST: &str = "samples/interest.csv";

fn run(args: &[&str]) -> std::process::Output {
    skillgap().args(args).output().unwrap()
}

fn text(input: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", input, "--format", "text", "--date", DATE];
    args.extend_from_slice(extra);
    stdout_of(&args)
}

/// All text of a PDF, whitespace collapsed.
fn pdf_text(input: &str, dir: &Path, extra: &[&str]) -> String {
    let out = dir.join("out.pdf");
    let mut args = vec!["report", input, "--date", DATE, "-o"];
    let out_s = out.display().to_string();
    args.push(&out_s);
    args.extend_from_slice(extra);
    let run = run(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    crate::common::pdf_text(&out)
}

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {list}"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// Checks the progress section of the Sam Okoye pair, however it was read.
fn check_progress(v: &Value, source: &str) {
    assert_eq!(v["assessed_on"], "2026-11-20");
    let p = &v["previous"];
    assert_eq!(p["assessed_on"], "2026-06-01");
    assert_eq!(p["source"], source);
    // In June DevOps (81.4%) and Cloud (79.5%) were too close to call; in
    // November SRE is named.
    assert_eq!(p["best_fit"], Value::Null);
    assert_eq!(v["best_fit"], "sre");
    let sre = find(&p["fits"], "role", "sre");
    assert_eq!(sre["title"], "Site Reliability Engineer");
    // Sam rated none of the skills the 2026 profiles added (change
    // management, test automation, backup): both fits leave them out.
    assert_eq!(sre["before"], 73.2);
    assert_eq!(sre["now"], 93.0);
    assert_eq!(sre["change"], 19.8);
    // The fit "now" is the report's own fit.
    assert_eq!(find(&v["roles"], "id", "sre")["fit"], 93.0);
    let devops = find(&p["fits"], "role", "devops");
    assert_eq!(
        (devops["before"].as_f64(), devops["now"].as_f64()),
        (Some(81.4), Some(88.1))
    );

    let slos = find(&p["deltas"], "skill", "slos");
    assert_eq!(
        (slos["before"].as_f64(), slos["now"].as_f64()),
        (Some(1.0), Some(3.0))
    );
    assert_eq!(slos["change"], 2.0);
    let oncall = find(&p["deltas"], "skill", "incident-response");
    assert_eq!(oncall["change"], 2.0);
    // Biggest rise first; nothing fell.
    let changes: Vec<f64> = p["deltas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["change"].as_f64().unwrap())
        .collect();
    assert!(changes.windows(2).all(|w| w[0] >= w[1]), "{changes:?}");
    assert!(changes.iter().all(|c| *c > 0.0));
    assert_eq!(changes.len(), 12);
    assert_eq!(p["unchanged"], 19);
    assert!(
        p["deltas"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["skill"] != "linux"),
        "Linux did not change"
    );

    // The June plan (no role named yet; toward DevOps, what Sam showed
    // most of, from the Monday after 2026-06-01, what defines DevOps
    // first): Automation is reached one level at a time (a project to 3,
    // a longer one to 4); CI/CD and IaC were due by November and are not.
    // Skills Sam did not rate were never planned.
    let reached: Vec<(&str, u64)> = p["milestones_reached"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["skill"].as_str().unwrap(), m["to"].as_u64().unwrap()))
        .collect();
    assert_eq!(reached, [("automation", 3), ("automation", 4)]);
    let first = &p["milestones_reached"][0];
    assert_eq!(first["date"], "2026-07-05");
    assert_eq!(first["from"], 2);
    let open: Vec<&str> = p["milestones_open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["skill"].as_str().unwrap())
        .collect();
    assert_eq!(open, ["cicd", "iac"]);
}

#[test]
fn previous_file_gives_deltas_fit_change_and_milestones() {
    let v = report_json(NEW, &["--previous", OLD]);
    check_progress(&v, OLD);
    assert!(v["raters"].is_null());
    assert_eq!(v["interest"], serde_json::json!([]));
}

#[test]
fn dated_rows_in_one_file_compare_the_newest_with_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("sam-history.csv");
    // Older dates first, newer after, and a third, older round that is
    // left out with a note.
    let old = read(OLD);
    let new = read(NEW);
    let oldest: String = old
        .lines()
        .skip(1)
        .map(|l| format!("{}\n", l.replace("2026-06-01", "2026-01-12")))
        .collect();
    let text = format!(
        "{}{}{}",
        new,
        old.lines()
            .skip(1)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
        oldest
    );
    std::fs::write(&both, text).unwrap();
    let name = both.display().to_string();
    let v = report_json(&name, &[]);
    check_progress(&v, &name);
    assert!(
        v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("1 older assessment date")),
        "{}",
        v["notes"]
    );
}

#[test]
fn text_shows_fit_change_deltas_and_milestones() {
    let out = text(NEW, &["--previous", OLD]);
    for want in [
        "Progress since 2026-06-01 (samples/reassess-2026-06.csv)",
        "Since 2026-06-01: Site Reliability Engineer 73% → 93% (+20 points)",
        "Since 2026-06-01: DevOps Engineer 81% → 88% (+7 points)",
        "SLOs & error budgets 1 → 3 (+2)",
        "On-call & incident response 2 → 4 (+2)",
        "19 skills unchanged",
        "Milestones reached (2): Automation 2 → 3, Automation 3 → 4",
        "Due but not reached yet: CI/CD 2 → 3 (by 2026-09-08)",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // Without --previous there is no progress section.
    assert!(!text(NEW, &[]).contains("Progress since"));
}

#[test]
fn previous_team_file_is_matched_by_person() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team-june.csv");
    let mut text = read(OLD);
    text.push_str("Ana Souza,ana@example.com,Go,3,2026-06-01,\n");
    std::fs::write(&team, text).unwrap();
    let team = team.display().to_string();
    // Found by the name in the new file, without --person.
    let v = report_json(NEW, &["--previous", &team]);
    assert_eq!(find(&v["previous"]["fits"], "role", "sre")["before"], 73.2);

    // Someone who is not in the previous file: an error naming it.
    let ana_now = dir.path().join("ana.csv");
    std::fs::write(&ana_now, "person,skill,rating\nBo Chen,Go,4\n").unwrap();
    let out = run(&[
        "report",
        &ana_now.display().to_string(),
        "--previous",
        &team,
        "--format",
        "json",
        "--date",
        DATE,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("team-june.csv") && err.contains("no ratings for \"Bo Chen\""),
        "{err}"
    );
}

#[test]
fn raters_side_by_side_with_differences() {
    let v = report_json(RATERS, &[]);
    let r = &v["raters"];
    assert_eq!(r["basis"], "self");
    assert_eq!(r["raters"], serde_json::json!(["self", "manager", "peer"]));
    let k8s = find(&r["by_skill"], "skill", "kubernetes");
    assert_eq!(
        (
            k8s["self"].as_f64(),
            k8s["manager"].as_f64(),
            k8s["peer"].as_f64()
        ),
        (Some(4.0), Some(2.0), Some(2.0))
    );
    let ci = find(&r["by_skill"], "skill", "cicd");
    assert_eq!(ci["peer"], Value::Null);
    let diffs: Vec<(&str, &str, f64)> = r["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["skill"].as_str().unwrap(),
                d["rater"].as_str().unwrap(),
                d["difference"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        diffs,
        [
            ("terraform", "manager", -2.0),
            ("kubernetes", "manager", -2.0),
            ("kubernetes", "peer", -2.0),
            ("monitoring", "manager", 2.0),
        ]
    );
    // CI/CD self 4, manager 3: one level is not a difference.
    assert!(!diffs.iter().any(|d| d.0 == "cicd"));
    // Never averaged: the analysis uses the self-rating.
    let k8s_rating = find(&v["ratings"], "skill", "kubernetes");
    assert_eq!(k8s_rating["rating"], 4.0);
}

#[test]
fn basis_manager_and_min_change_the_fit() {
    let fit = |v: &Value| find(&v["roles"], "id", "devops")["fit"].as_f64().unwrap();
    let rating = |v: &Value, s: &str| find(&v["ratings"], "skill", s)["rating"].as_f64();
    let own = report_json(RATERS, &[]);
    let manager = report_json(RATERS, &["--basis", "manager"]);
    let min = report_json(RATERS, &["--basis", "min"]);
    // Jordan rated none of the skills the 2026 DevOps profile added (change
    // management, release engineering, test automation, secrets): left out
    // of all three.
    assert_eq!(fit(&own), 93.8);
    assert_eq!(fit(&manager), 84.8);
    assert_eq!(fit(&min), 83.0);
    assert_eq!(manager["raters"]["basis"], "manager");
    assert_eq!(min["raters"]["basis"], "min");
    // Terraform: self 4, manager 2; Monitoring: self 2, manager 4.
    assert_eq!(rating(&manager, "terraform"), Some(2.0));
    assert_eq!(rating(&manager, "monitoring"), Some(4.0));
    assert_eq!(rating(&min, "terraform"), Some(2.0));
    assert_eq!(rating(&min, "monitoring"), Some(2.0));
    assert_eq!(rating(&min, "cicd"), Some(3.0));
    // The side-by-side table does not depend on the basis.
    assert_eq!(own["raters"]["by_skill"], min["raters"]["by_skill"]);

    // No manager ratings: the self-ratings are used, and the notes say so.
    let v = report_json(NEW, &["--basis", "manager"]);
    assert!(v["raters"].is_null());
    assert!(
        v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("no manager ratings")),
        "{}",
        v["notes"]
    );
    assert_eq!(find(&v["roles"], "id", "sre")["fit"], 93.0);
}

#[test]
fn raters_text_shows_differences() {
    let out = text(RATERS, &["--basis", "min"]);
    for want in [
        "Second opinions: self, manager, peer (gaps and fit use: min)",
        "Worth a conversation (more than one level apart):",
        "Manager rates Kubernetes 2, self-rating 4 (−2)",
        "Peer rates Kubernetes 2, self-rating 4 (−2)",
        "Manager rates Monitoring 4, self-rating 2 (+2)",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn wide_file_with_a_rater_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("wide.csv");
    std::fs::write(
        &f,
        "Name,Rated by,Kubernetes,Go,Git\nAna,Self,4,3,4\nAna,Line manager,2,3,4\n",
    )
    .unwrap();
    let v = report_json(&f.display().to_string(), &[]);
    let r = &v["raters"];
    assert_eq!(r["raters"], serde_json::json!(["self", "manager"]));
    assert_eq!(r["differences"][0]["skill"], "kubernetes");
    assert_eq!(r["differences"][0]["difference"], -2.0);
}

#[test]
fn interest_moves_wanted_gaps_to_the_front_of_the_plan() {
    let v = report_json(INTEREST, &[]);
    let interest: Vec<(&str, u64)> = v["interest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["skill"].as_str().unwrap(), i["level"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        &interest[..5],
        [
            ("monitoring", 3),
            ("slos", 3),
            ("go", 3),
            ("automation", 2),
            ("networking", 2)
        ]
    );
    // "none" is 0, a blank is not listed.
    assert!(interest.contains(&("cloud", 0)));
    assert!(!interest.iter().any(|i| i.0 == "git"));
    // The whole plan in order: the dated items, then what comes later.
    let items = |v: &Value| -> Vec<String> {
        let all = |k: &str| v["plan"][k].as_array().unwrap().clone();
        all("items")
            .iter()
            .chain(all("later").iter())
            .map(|i| i["skill"].as_str().unwrap().to_string())
            .collect()
    };
    // The plan works toward SRE (what Mina shows most of: programming,
    // troubleshooting). SLOs and Monitoring (high) first — SLOs, the
    // bigger gap, ahead: Mina's Monitoring 2 is enough to start them —
    // and Networking (medium) next, after the window; Automation (medium)
    // is no SRE gap.
    assert_eq!(
        items(&v),
        [
            "slos",
            "slos",
            "slos",
            "slos",
            "monitoring",
            "monitoring",
            "networking",
            "troubleshooting",
            "cicd",
            "iac"
        ]
    );
    assert!(
        v["plan_goal"]
            .as_str()
            .unwrap()
            .contains("the skills you want to grow in first")
    );

    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("no-interest.csv");
    let stripped: String = read(INTEREST)
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(4);
            format!("{}\n", cells.join(","))
        })
        .collect();
    std::fs::write(&plain, stripped).unwrap();
    let without = report_json(&plain.display().to_string(), &[]);
    // Without interest: what defines SRE first (SLOs, Monitoring), then
    // by priority, Networking last; the skills Mina did not rate are never
    // planned.
    assert_eq!(
        items(&without),
        [
            "slos",
            "slos",
            "slos",
            "slos",
            "monitoring",
            "monitoring",
            "troubleshooting",
            "cicd",
            "iac",
            "networking"
        ]
    );
    assert_eq!(without["interest"], serde_json::json!([]));

    let out = text(INTEREST, &[]);
    assert!(
        out.contains("Wants to grow\n  Monitoring (high), SLOs & error budgets (high), Go (high), Automation (medium), Networking (medium)"),
        "{out}"
    );
}

#[test]
fn bad_interest_is_an_error_naming_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.csv");
    std::fs::write(&f, "skill,rating,interest\nGo,3,high\nGit,2,very much\n").unwrap();
    let out = run(&["report", &f.display().to_string(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.csv:3:3") && err.contains("interest \"very much\""),
        "{err}"
    );
}

#[test]
fn pdfs_show_progress_second_opinions_and_wants_to_grow() {
    let dir = tempfile::tempdir().unwrap();
    let t = pdf_text(NEW, dir.path(), &["--previous", OLD]);
    for want in [
        "Progress since 2026-06-01",
        "Milestones since the previous plan",
        "✓ reached",
        "due, not reached yet",
        "SLOs & error budgets",
    ] {
        assert!(t.contains(want), "missing {want:?}");
    }
    assert!(!t.contains("Second opinions") && !t.contains("Wants to grow"));

    let t = pdf_text(RATERS, dir.path(), &[]);
    for want in [
        "Second opinions",
        "Conversation starters",
        "Manager rates Kubernetes 2, self-rating 4 (−2)",
        "manager −2, peer −2",
        "Gaps, fit and the plan use the self-ratings.",
    ] {
        assert!(t.contains(want), "missing {want:?}");
    }
    assert!(!t.contains("Progress since"));

    let t = pdf_text(INTEREST, dir.path(), &[]);
    for want in [
        "Wants to grow",
        "Monitoring — high interest; in the plan from 2027-02-10",
        "SLOs & error budgets — high interest; in the plan from 2026-11-30",
        "Automation — medium interest; not in this plan (a gap for DevOps Engineer and 1 other role)",
    ] {
        assert!(t.contains(want), "missing {want:?}");
    }
}

#[test]
fn batch_previous_gives_team_movement() {
    let dir = tempfile::tempdir().unwrap();
    let (now, then, out) = (
        dir.path().join("now"),
        dir.path().join("then"),
        dir.path().join("out"),
    );
    std::fs::create_dir_all(&now).unwrap();
    std::fs::create_dir_all(&then).unwrap();
    std::fs::write(now.join("sam.csv"), read(NEW)).unwrap();
    std::fs::write(then.join("sam.csv"), read(OLD)).unwrap();
    // Someone new, without an earlier assessment.
    std::fs::write(
        now.join("ana.csv"),
        "person,skill,rating\nAna Souza,Kubernetes,4\nAna Souza,Go,3\n",
    )
    .unwrap();
    let s = |p: &Path| p.display().to_string();
    let run = skillgap()
        .args(["batch", &s(&now), "-o", &s(&out), "--previous", &s(&then)])
        .args(["--date", DATE, "--format", "pdf,json", "--quiet"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let csv = std::fs::read_to_string(out.join("team-summary.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",not_rated,not_asked,fit_change"),
        "{csv}"
    );
    let sam = lines.clone().find(|l| l.starts_with("Sam Okoye")).unwrap();
    assert!(sam.ends_with(",19.8"), "{sam}");
    let ana = lines.clone().find(|l| l.starts_with("Ana Souza")).unwrap();
    assert!(ana.ends_with(','), "no previous, no change: {ana}");

    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("sam-okoye.json")).unwrap())
            .unwrap();
    assert_eq!(
        find(&report["previous"]["fits"], "role", "sre")["change"],
        19.8
    );

    let t = crate::common::pdf_text(&out.join("team-summary.pdf"));
    for want in [
        "Movement since 2026-06-01",
        "1 of 2 people compared",
        "Who moved most",
        "Skills that grew most",
        "Sam Okoye",
    ] {
        assert!(t.contains(want), "missing {want:?} in {t}");
    }

    // team-summary rebuilds the movement from the per-person JSON.
    let merged = dir.path().join("merged");
    let run = skillgap()
        .args(["team-summary", &s(&out), "-o", &s(&merged), "--date", DATE])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let csv = std::fs::read_to_string(merged.join("team-summary.csv")).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Sam Okoye") && l.ends_with(",19.8")),
        "{csv}"
    );
}
