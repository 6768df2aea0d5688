//! Six people a mentor would plan for (tests/fixtures/mentor): an SRE
//! veteran, a DevOps engineer, a sysadmin whose company moves to Azure, a
//! developer moving to platform work, a security engineer and a junior.
//! Their plans keep the level rule, spend at least half their hours doing,
//! start where a mentor would, and use the person's own cloud.

use crate::common::{person_reports, skillgap, steps};
use serde_json::Value;

fn plan_of(file: &str, extra: &[&str]) -> Value {
    let path = format!("tests/fixtures/mentor/{file}");
    let out = skillgap()
        .args(["report", &path, "--format", "json", "--date", "2026-12-06"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn skills(v: &Value) -> Vec<&str> {
    steps(v)
        .iter()
        .map(|s| s["skill"].as_str().unwrap())
        .collect()
}

/// What every plan keeps: reading never past level 2, level 3 and up by
/// doing, at least half the hours doing, and the totals add up.
fn keeps_the_rules(name: &str, v: &Value) {
    let all = steps(v);
    assert!(!all.is_empty(), "{name}: nothing planned");
    let (mut hours, mut doing) = (0u64, 0u64);
    for s in &all {
        let kind = s["resource"]["kind"].as_str().unwrap();
        let hands_on = matches!(kind, "project" | "practice" | "lab-certification");
        let h = s["hours"].as_u64().unwrap();
        hours += h;
        if hands_on {
            doing += h;
        }
        let to = s["to"].as_u64().unwrap();
        assert!(hands_on || to <= 2, "{name}: {kind} to level {to}: {s}");
        if to >= 4 {
            assert!(matches!(kind, "project" | "practice"), "{name}: {s}");
        }
    }
    let p = &v["plan"];
    assert_eq!(p["total_hours"].as_u64(), Some(hours), "{name}");
    assert_eq!(p["hands_on_hours"].as_u64(), Some(doing), "{name}");
    assert!(doing * 2 >= hours, "{name}: {doing} of {hours} h doing");
}

#[test]
fn the_sre_veteran_grows_toward_senior_sre() {
    let v = plan_of("sre-veteran.csv", &[]);
    keeps_the_rules("veteran", &v);
    assert_eq!(v["decision"]["role"], "sre");
    let goal = v["plan_goal"].as_str().unwrap();
    assert!(
        goal.starts_with("You meet Site Reliability Engineer. Senior Site Reliability Engineer: "),
        "{goal}"
    );
    // Senior work, never a stretch to another role: production readiness,
    // system design, leading the SLO programme, mentoring.
    let s = skills(&v);
    for want in ["production-readiness", "system-design", "slos", "mentoring"] {
        assert!(s.contains(&want), "{want} not in {s:?}");
    }
    assert!(steps(&v).iter().any(|x| x["to"] == 5), "no level-5 step");
    // Nothing the veteran did not rate is planned.
    assert!(!s.contains(&"communication"), "{s:?}");
}

#[test]
fn the_devops_engineer_starts_with_what_defines_devops() {
    let v = plan_of("devops-engineer.csv", &[]);
    keeps_the_rules("devops", &v);
    assert_eq!(v["plan_role"], "devops");
    let first = steps(&v)[0];
    assert_eq!(first["skill"], "automation", "{first}");
    assert_eq!(first["resource"]["kind"], "project");
}

#[test]
fn the_sysadmin_moving_to_azure_gets_azure_and_keeps_windows_and_vmware() {
    let v = plan_of("sysadmin-azure.csv", &[]);
    keeps_the_rules("sysadmin", &v);
    // Windows Server and VMware are known skills now, not dropped.
    assert!(
        v["unknown_skills"].as_array().unwrap().is_empty(),
        "{}",
        v["unknown_skills"]
    );
    let clouds: Vec<&str> = steps(&v)
        .iter()
        .filter_map(|s| s["resource"]["cloud"].as_str())
        .collect();
    assert!(!clouds.is_empty(), "no provider material at all");
    assert!(clouds.iter().all(|c| *c == "azure"), "{clouds:?}");
    let ids: Vec<&str> = steps(&v)
        .iter()
        .map(|s| s["resource"]["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"project-bicep-environment"), "{ids:?}");
    assert!(ids.contains(&"cloud-resume-challenge-azure"), "{ids:?}");
    // --cloud wins over the ratings.
    let gcp = plan_of("sysadmin-azure.csv", &["--cloud", "gcp"]);
    let clouds: Vec<&str> = steps(&gcp)
        .iter()
        .filter_map(|s| s["resource"]["cloud"].as_str())
        .collect();
    assert!(
        !clouds.is_empty() && clouds.iter().all(|c| *c == "gcp"),
        "{clouds:?}"
    );
}

#[test]
fn the_developer_moving_to_platform_starts_on_the_platform() {
    let v = plan_of("developer-to-platform.csv", &["--target", "platform"]);
    keeps_the_rules("developer", &v);
    assert_eq!(v["plan_role"], "platform");
    let first = steps(&v)[0];
    assert_eq!(first["skill"], "developer-platform", "{first}");
    // A developer's Linux 2 is enough to start: no 80-hour Linux exam first.
    assert_ne!(first["resource"]["kind"], "lab-certification");
}

#[test]
fn the_security_engineer_is_planned_toward_devsecops() {
    let v = plan_of("security-engineer.csv", &[]);
    keeps_the_rules("security", &v);
    assert_eq!(v["plan_role"], "devsecops");
    let s = skills(&v);
    assert!(s[..3].contains(&"secrets-management"), "{s:?}");
    assert!(s.contains(&"supply-chain-security"), "{s:?}");
}

#[test]
fn the_junior_builds_the_base_reading_then_doing() {
    let v = plan_of("junior.csv", &[]);
    keeps_the_rules("junior", &v);
    assert!(
        v["plan_goal"]
            .as_str()
            .unwrap()
            .starts_with("Building the base")
    );
    // Working level (3) at most, and the first level steps pair reading
    // with doing or are doing.
    for s in steps(&v) {
        assert!(s["to"].as_u64().unwrap() <= 3, "{s}");
    }
    let first = steps(&v)[0];
    assert!(first["to"].as_u64().unwrap() <= 2, "{first}");
    // The junior rated AWS: AWS material, free first.
    let clouds: Vec<&str> = steps(&v)
        .iter()
        .filter_map(|s| s["resource"]["cloud"].as_str())
        .collect();
    assert!(clouds.iter().all(|c| *c == "aws"), "{clouds:?}");
    // What it costs is said: the exam fees are the only spending.
    let cost = &v["plan"]["cost"];
    assert_eq!(cost["usd"], cost["exam_usd"], "{cost}");
}

/// Each person's JSON report from a batch over `file` (tests/fixtures/cloud).
fn batch_of(file: &str, extra: &[&str]) -> Vec<Value> {
    let tmp = tempfile::tempdir().unwrap();
    skillgap()
        .args(["batch", &format!("tests/fixtures/cloud/{file}")])
        .args(["--format", "json", "--date", "2026-12-06", "-q", "-o"])
        .arg(tmp.path())
        .args(extra)
        .assert()
        .success();
    person_reports(tmp.path())
}

/// The providers a plan's material is about.
fn clouds(v: &Value) -> Vec<&str> {
    let mut c: Vec<&str> = steps(v)
        .iter()
        .filter_map(|s| s["resource"]["cloud"].as_str())
        .collect();
    c.dedup();
    c
}

fn cloud_notes(v: &Value) -> Vec<&str> {
    v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .filter(|n| n.starts_with("Your cloud answer"))
        .collect()
}

#[test]
fn a_survey_column_names_the_persons_cloud() {
    let wide = batch_of("primary-cloud-wide.csv", &[]);
    let by = |name: &str| wide.iter().find(|v| v["person"] == name).unwrap();
    // Ana rates AWS 3 but works in Azure: what she names wins.
    let ana = by("Ana Azure");
    assert_eq!(ana["profile"]["cloud"], "Azure");
    assert_eq!(clouds(ana), ["azure"]);
    assert!(cloud_notes(ana).is_empty());
    // Ben rates no provider; "Google Cloud Platform" is an alias of GCP.
    assert_eq!(clouds(by("Ben Google")), ["gcp"]);
    // An answer the catalogue has no material for, or two clouds: said,
    // and the plan goes by the ratings as without an answer.
    let cy = by("Cy Oracle");
    assert_eq!(clouds(cy), ["aws"], "Cy rates AWS");
    assert!(cloud_notes(cy)[0].contains("\"OCI\" names no provider"));
    let di = by("Di Both");
    assert!(
        cloud_notes(di)[0].contains("names AWS and Microsoft Azure"),
        "{:?}",
        cloud_notes(di)
    );
    let eve = by("Eve Blank");
    assert!(eve["profile"]["cloud"].is_null() && cloud_notes(eve).is_empty());
    for v in &wide {
        keeps_the_rules(v["person"].as_str().unwrap(), v);
    }
    // The question worded another way, in a long export.
    let long = batch_of("which-cloud-long.csv", &[]);
    assert_eq!(clouds(&long[0]), ["azure"], "Fay: Microsoft Azure");
    assert_eq!(clouds(&long[1]), ["gcp"], "Gus rates AWS 4 but uses GCP");
    // --cloud decides for everyone, over the column.
    for v in batch_of("primary-cloud-wide.csv", &["--cloud", "gcp"]) {
        assert_eq!(clouds(&v), ["gcp"], "{}", v["person"]);
        assert!(cloud_notes(&v).is_empty(), "{}", v["person"]);
    }
}

#[test]
fn someone_ready_with_gaps_closes_them_then_grows_toward_senior() {
    // The SRE veteran with capacity planning and logging at 2: still
    // ready by the decision's rule, two gaps left.
    let v = plan_of("ready-sre-with-gaps.csv", &[]);
    keeps_the_rules("ready", &v);
    let d = &v["decision"];
    assert_eq!(
        (d["role"].as_str(), d["ready"].as_bool()),
        (Some("sre"), Some(true))
    );
    let goal = v["plan_goal"].as_str().unwrap();
    assert!(
        goal.starts_with("You are ready for Site Reliability Engineer: close Capacity planning and Logging first, then grow toward Senior Site Reliability Engineer"),
        "{goal}"
    );
    // The role's gaps come first, then growth the mid-level role does not ask.
    let all = skills(&v);
    let gaps = ["capacity-planning", "logging"];
    let last_gap = all.iter().rposition(|s| gaps.contains(s)).unwrap();
    let first_growth = all.iter().position(|s| !gaps.contains(s)).unwrap();
    assert!(last_gap < first_growth, "{all:?}");
    assert!(all.contains(&"production-readiness"), "{all:?}");
    // "Work on first" names the gaps, as the plan takes them.
    let first: Vec<&str> = d["first"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["skill"].as_str().unwrap())
        .collect();
    assert_eq!(first, gaps);
}
