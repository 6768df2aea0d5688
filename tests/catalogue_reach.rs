//! How much of the learning catalogue a random team's plans use (issue 26:
//! "a 400-person random team's plans use at least 60% of the catalogue"),
//! on two 400-person random teams: one from the shared benchmark generator
//! (`gen_team.py 400 26`, copied into tests/fixtures), whose people all
//! rate the same 30 DevOps/SRE skills, and one from
//! tests/fixtures/gen_wide_team.py, whose people are drawn from every role
//! profile (Platform, Cloud, DevSecOps and the senior ones too): the share of
//! catalogue entries that appear in some plan as a step, a step's simulated
//! alternative or its "or instead". Run with `--nocapture` to see the
//! figures and the unused entries by skill. It also checks what every
//! plan of the team promises: at least half of the hours doing, and each
//! "or instead" the same kind of work for the same skill and levels.

use crate::common::{person_reports, skillgap, steps};
use serde_json::Value;
use skillgap::catalog::Catalog;
use skillgap::model::{LearningClass, Resource};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

const TEAM: &str = "tests/fixtures/team-400.csv";

/// 400 people drawn from every role profile, mid-level and senior, with
/// partial answers and one cloud each (`gen_wide_team.py 400 26`).
const WIDE_TEAM: &str = "tests/fixtures/team-wide-400.csv";

/// The JSON reports of `team` under `policy` (`skip` or `zero`).
fn reports(team: &str, policy: &str, out: &Path) -> Vec<Value> {
    skillgap()
        .args(["batch", team, "--format", "json", "--date", "2026-12-01"])
        .args(["--unrated", policy, "-q", "-o"])
        .arg(out)
        .assert()
        .success();
    let all = person_reports(out);
    assert_eq!(all.len(), 400, "one report per person");
    all
}

fn is_doing(r: &Resource) -> bool {
    r.kind.class() == LearningClass::HandsOn
}

/// Checks every plan and returns the catalogue ids the team's plans use.
fn used_ids(reports: &[Value], by_id: &HashMap<&str, &Resource>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for report in reports {
        let (mut all, mut doing) = (0u64, 0u64);
        for item in steps(report) {
            let id = item["resource"]["id"].as_str().unwrap();
            let r = by_id[id];
            let hours = item["hours"].as_u64().unwrap();
            all += hours;
            if is_doing(r) {
                doing += hours;
            }
            used.insert(id.to_string());
            if let Some(alt) = item["resource"]["alternative"]["id"].as_str() {
                used.insert(alt.to_string());
            }
            if let Some(instead) = item["resource"]["instead"]["id"].as_str() {
                let p = by_id[instead];
                let to = item["to"].as_u64().unwrap();
                let from = item["from"].as_f64().unwrap().floor();
                assert_eq!(is_doing(p), is_doing(r), "{id} or instead {instead}");
                assert!(
                    f64::from(p.from) <= from && u64::from(p.to) >= to,
                    "{instead} does not cover {id}'s {from} → {to}"
                );
                assert!(
                    p.skill == r.skill
                        || p.counts_for.contains(&r.skill)
                        || item["skill"].as_str() == Some(p.skill.as_str())
                        || p.counts_for.iter().any(|c| item["skill"] == c.as_str()),
                    "{instead} is about another skill than {id}"
                );
                used.insert(instead.to_string());
            }
        }
        assert!(
            doing * 2 >= all,
            "{}: {doing} of {all} hours doing",
            report["person"]
        );
    }
    used
}

/// The catalogue's resources by id.
fn resources_by_id(catalog: &Catalog) -> HashMap<&str, &Resource> {
    catalog
        .resources
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect()
}

#[test]
fn a_random_teams_plans_reach_the_catalogue() {
    let catalog = Catalog::builtin().expect("embedded templates load");
    let by_id = resources_by_id(&catalog);
    let tmp = tempfile::tempdir().unwrap();
    let mut shares = Vec::new();
    for policy in ["skip", "zero"] {
        let out = tmp.path().join(policy);
        let used = used_ids(&reports(TEAM, policy, &out), &by_id);
        let share = used.len() as f64 * 100.0 / by_id.len() as f64;
        eprintln!(
            "--unrated {policy}: {} of {} entries ({share:.1}%)",
            used.len(),
            by_id.len()
        );
        let mut unused: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in &catalog.resources {
            if !used.contains(&r.id) {
                unused.entry(r.skill.as_str()).or_default().push(&r.id);
            }
        }
        for (skill, ids) in unused {
            eprintln!("  unused {skill}: {}", ids.join(", "));
        }
        shares.push(share);
    }
    // Counting unrated skills as 0 plans for more skills, never fewer.
    assert!(shares[1] >= shares[0], "{shares:?}");
    // What the plans reached when this test was written, less a margin:
    // a change that narrows them fails here and says by how much.
    assert!(shares[0] >= 42.0, "--unrated skip: {:.1}%", shares[0]);
    assert!(shares[1] >= 48.0, "--unrated zero: {:.1}%", shares[1]);
}

/// A team drawn from every role the catalogue plans for uses at least 60%
/// of it. (The DevOps/SRE-only team above cannot: about a third of the
/// catalogue serves skills its survey never asks, and a skill nobody rated
/// is never planned under `--unrated skip`.)
#[test]
fn a_team_across_all_roles_uses_most_of_the_catalogue() {
    let catalog = Catalog::builtin().expect("embedded templates load");
    let by_id = resources_by_id(&catalog);
    let tmp = tempfile::tempdir().unwrap();
    let used = used_ids(&reports(WIDE_TEAM, "skip", tmp.path()), &by_id);
    let share = used.len() as f64 * 100.0 / by_id.len() as f64;
    eprintln!(
        "wide team: {} of {} entries ({share:.1}%)",
        used.len(),
        by_id.len()
    );
    assert!(share >= 60.0, "{share:.1}%");
}
