//! End-to-end: the team summary a manager acts on, on three teams (a
//! 40-person mixed team with partial answers, a 7-person survey with
//! combined labels, a generated 200-person team). Every number is checked
//! against what it is made of, recomputed here from the run's other files:
//! coverage from team-skills.csv, readiness from each personal report,
//! training chains from the catalogue levels in team-summary.json; and the
//! PDF's numbers against team-summary.json.

use crate::common::{DATE, doc_text, skillgap};
use lopdf::Document;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const MIXED_40: &str = "tests/fixtures/team-mixed-40.csv";
const SURVEY_7: &str = "tests/fixtures/survey-7-combined.csv";
const GENERATED_200: &str = "tests/fixtures/team-200.csv";

/// Runs a batch with personal JSON reports; returns the output folder.
fn run(input: &str, args: &[&str], out: &Path) {
    let o = skillgap()
        .arg("batch")
        .arg(input)
        .args(["--format", "pdf,json", "-q", "--date", DATE, "-o"])
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The PDF's text, whitespace (no-break spaces included) collapsed.
fn pdf_text(path: &Path) -> (String, usize) {
    let doc = Document::load(path).expect("PDF parses");
    (doc_text(&doc), doc.get_pages().len())
}

/// A CSV of the run (after its byte order mark), with `delimiter`.
fn csv_rows(path: &Path, delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(&bytes[3..]);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn people_word(n: u64) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// Every check of "Done when" on one run.
fn check_team(out: &Path, expect_people: usize) {
    let team = json(&out.join("team-summary.json"));
    let n = team["people"].as_u64().unwrap();
    assert_eq!(n as usize, expect_people);
    let (text, _) = pdf_text(&out.join("team-summary.pdf"));

    // Everyone in team-summary.csv is placed in a role section or listed
    // as not placed yet, exactly once.
    let (h, rows) = csv_rows(&out.join("team-summary.csv"), b',');
    let everyone: BTreeSet<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(everyone.len(), expect_people);
    let mut placed: Vec<String> = Vec::new();
    for r in team["roles"].as_array().unwrap() {
        for m in r["members"].as_array().unwrap() {
            placed.push(m["person"].as_str().unwrap().to_string());
        }
        assert_eq!(r["aiming"], r["members"].as_array().unwrap().len());
    }
    for p in team["not_placed"].as_array().unwrap() {
        placed.push(p["person"].as_str().unwrap().to_string());
    }
    let placed_set: BTreeSet<String> = placed.iter().cloned().collect();
    assert_eq!(placed.len(), placed_set.len(), "someone placed twice");
    assert_eq!(placed_set, everyone);

    // Readiness is the decision's rule, as each personal report says it.
    let report = h.iter().position(|c| c == "report").unwrap();
    let mut ready: BTreeMap<String, u64> = BTreeMap::new();
    for r in &rows {
        let file = out.join(r[report].replace(".pdf", ".json"));
        let person = json(&file);
        for f in person["roles"].as_array().unwrap() {
            if f["ready"] == true {
                *ready
                    .entry(f["id"].as_str().unwrap().to_string())
                    .or_default() += 1;
            }
        }
    }
    for r in team["roles"].as_array().unwrap() {
        let id = r["role"].as_str().unwrap();
        assert_eq!(
            r["ready"].as_u64().unwrap(),
            ready.get(id).copied().unwrap_or(0),
            "ready for {id}"
        );
        // The PDF says the same: "k of n" in the readiness table, and the
        // role's section heading with how many aim at it; a role nobody
        // aims at or is named for (shown when nobody is placed) has neither.
        let title = r["title"].as_str().unwrap();
        let aiming = r["aiming"].as_u64().unwrap();
        if aiming + r["named"].as_u64().unwrap() == 0 {
            assert!(!text.contains(&format!("{title}: 0 people")), "{title}");
            continue;
        }
        assert!(
            text.contains(&format!("{} of {n}", r["ready"])),
            "readiness of {id} not in the PDF"
        );
        assert!(
            text.contains(&format!("{title}: {}", people_word(aiming))),
            "{title}: {aiming} not in the PDF"
        );
    }

    // Coverage over the whole team, recomputed from team-skills.csv: no
    // "nobody meets it" while someone does.
    let (sh, srows) = csv_rows(&out.join("team-skills.csv"), b',');
    let mut singles = 0;
    for s in team["skills"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        let level = s["level"].as_f64().unwrap();
        let covered = match sh.iter().position(|c| c == name) {
            Some(c) => srows
                .iter()
                .filter(|r| r[c].parse::<f64>().is_ok_and(|v| v >= level))
                .count(),
            None => 0,
        };
        assert_eq!(s["covered"].as_u64().unwrap() as usize, covered, "{name}");
        if covered > 0 {
            assert!(
                !text.contains(&format!("nobody has {name} ≥ {level}")),
                "nobody meets {name} while {covered} do"
            );
        }
        if covered == 1 {
            let c = sh.iter().position(|c| c == name).unwrap();
            let who = s["covered_by"][0].as_str().unwrap();
            let r = srows.iter().find(|r| r[0] == who).unwrap();
            assert!(r[c].parse::<f64>().unwrap() >= level, "{who} {name}");
            // Page 1 names the first three single points of failure.
            singles += 1;
            if singles <= 3 {
                let said = format!("only {who} has {name} ≥ {level}");
                assert!(text.contains(&said), "{said:?} not in the PDF");
            }
        }
    }

    // Training: every chain starts at or below the person's rating and
    // leads on without a hole to the level their role asks; totals add up.
    let mut hours = 0;
    let mut usd = 0;
    let mut places = 0;
    for g in team["training"].as_array().unwrap() {
        let resources: BTreeMap<&str, &Value> = g["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r))
            .collect();
        let mut need_hours = 0;
        for p in g["people"].as_array().unwrap() {
            let rating = p["rating"].as_f64().unwrap();
            let required = p["required"].as_u64().unwrap();
            assert!(rating < required as f64, "{p}: no gap");
            let mut at = rating.floor() as u64;
            let mut h = 0;
            for id in p["resources"].as_array().unwrap() {
                let r = resources[id.as_str().unwrap()];
                let (from, to) = (r["from"].as_u64().unwrap(), r["to"].as_u64().unwrap());
                assert!(from <= at && to > at, "{id} ({from} → {to}) from {at}");
                at = to;
                h += r["hours"].as_u64().unwrap();
            }
            assert_eq!(p["reaches"].as_u64().unwrap(), at);
            assert_eq!(p["hours"].as_u64().unwrap(), h);
            // A chain stops short only where the catalogue has nothing.
            if at < required {
                assert!(resources.values().all(
                    |r| !(r["from"].as_u64().unwrap() <= at && r["to"].as_u64().unwrap() > at)
                ));
            }
            need_hours += h;
            places += 1;
        }
        assert_eq!(g["hours"].as_u64().unwrap(), need_hours);
        hours += need_hours;
        usd += g["usd"].as_u64().unwrap();
        let heading = format!(
            "{}: {} below the level their role asks",
            g["name"].as_str().unwrap(),
            people_word(g["people"].as_array().unwrap().len() as u64)
        );
        assert!(text.contains(&heading), "{heading:?} not in the PDF");
    }
    let b = &team["budget"];
    assert_eq!(b["hours"].as_u64().unwrap(), hours);
    assert_eq!(b["usd"].as_u64().unwrap(), usd);
    assert_eq!(b["places"].as_u64().unwrap(), places);
    if hours > 0 {
        let total = format!("In all: {} hours", thousands(hours));
        assert!(text.contains(&total), "{total:?} not in the PDF");
    }

    // Who to chase: as many as the JSON says, each person's role unjudged.
    let chase = team["chase"].as_array().unwrap();
    if !chase.is_empty() {
        assert!(text.contains(&format!(
            "{} whose answers leave their role unjudged",
            people_word(chase.len() as u64)
        )));
        for c in chase {
            let person = c["person"].as_str().unwrap();
            let r = rows.iter().find(|r| r[0] == person).unwrap();
            assert_eq!(r[h.iter().position(|c| c == "best_fit").unwrap()], "");
            assert_eq!(
                r[h.iter().position(|c| c == "not_rated").unwrap()],
                c["skipped"].to_string()
            );
        }
    }

    one_story(&team, &text);
    training_words(&team, &text);

    // A manager's words: no flags, plurals that agree, numbers kept with
    // their labels.
    assert!(!text.contains(" --"), "a flag in the team PDF");
    for wrong in [
        " 1 people",
        " 1 hours",
        " 1 levels",
        " 1 answers",
        " 1 resources",
        "1 person aim ",
        " 1 reports name",
    ] {
        assert!(!text.contains(wrong), "{wrong:?} in the PDF");
    }
}

/// One definition of "role not judged" everywhere: the headline's count,
/// the readiness table's, who to chase and the role sections agree, and
/// nobody is chased for questions their survey never asked.
fn one_story(team: &Value, text: &str) {
    let names = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| match x {
                Value::String(s) => s.clone(),
                Value::Array(a) => a[0].as_str().unwrap().to_string(),
                o => o["person"].as_str().unwrap().to_string(),
            })
            .collect()
    };
    let chased = names(&team["chase"]);
    let unasked = names(&team["not_asked"]["people"]);
    let rest = names(&team["not_asked"]["rest"]);
    let mut unjudged: BTreeSet<String> = chased.clone();
    unjudged.extend(unasked.iter().cloned());
    unjudged.extend(rest.iter().cloned());
    let n = team["unjudged"].as_u64().unwrap() as usize;
    assert_eq!(
        unjudged.len(),
        n,
        "chase, not asked and the rest are the unjudged"
    );
    assert_eq!(
        chased.len() + unasked.len() + rest.len(),
        n,
        "someone listed twice"
    );
    // The role sections and the readiness table say the same of everyone
    // who aims at a role.
    let mut in_sections = 0;
    for r in team["roles"].as_array().unwrap() {
        let mut not_judged = 0;
        for m in r["members"].as_array().unwrap() {
            let person = m["person"].as_str().unwrap();
            let judged = m["judged"].as_bool().unwrap();
            assert_eq!(
                !judged,
                unjudged.contains(person),
                "{person}: judged {judged}"
            );
            not_judged += usize::from(!judged);
        }
        assert_eq!(r["not_judged"].as_u64().unwrap() as usize, not_judged);
        in_sections += not_judged;
    }
    // The rest are people placed in no role section.
    let placed_out: BTreeSet<String> = names(&team["not_placed"]);
    assert!(unjudged.len() - in_sections <= placed_out.len());
    if n > 0 {
        let said = if n == 1 {
            "1 person's role cannot be judged".to_string()
        } else {
            format!("{} people's roles cannot be judged", thousands(n as u64))
        };
        assert!(text.contains(&said), "{said:?} not on page 1");
    } else {
        assert!(!text.contains("cannot be judged from the answers"));
    }
    // Chased only for skipped answers.
    for c in team["chase"].as_array().unwrap() {
        assert!(
            c["skipped"].as_u64().unwrap() > 0,
            "{c}: chased for nothing skipped"
        );
    }
    if !team["not_asked"]["skills"].as_array().unwrap().is_empty() {
        assert!(text.contains("the survey did not ask"));
    }
}

/// The training's words: the headline's hours are those of the gaps it
/// names, the gaps not planned are said, "can teach it" and the steps read
/// right, and a person's price says when part of it is unknown.
fn training_words(team: &Value, text: &str) {
    let training = team["training"].as_array().unwrap();
    if !training.is_empty() {
        let named: u64 = training
            .iter()
            .take(3)
            .map(|g| g["hours"].as_u64().unwrap())
            .sum();
        let said = format!("comes to {} hours in all", thousands(named));
        assert!(text.contains(&said), "{said:?} not in the headline");
        assert!(text.contains(&format!(
            "for the {} above",
            if training.len() == 1 {
                "1 shared gap".to_string()
            } else {
                format!("{} shared gaps", training.len())
            }
        )));
    }
    // Every shared gap (two people or more below) is planned or named.
    let planned: BTreeSet<&str> = training
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    let more: BTreeSet<&str> = team["more_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m[0].as_str().unwrap())
        .collect();
    for s in team["skills"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        if s["below"].as_u64().unwrap() >= 2 {
            assert!(
                planned.contains(name) || more.contains(name),
                "{name} dropped"
            );
        }
    }
    if !more.is_empty() {
        assert!(text.contains(&format!("{} more shared gap", more.len())));
    }
    // "A, B and C and 1 more" has one "and" too many.
    for chunk in text.split("Can teach it: ").skip(1) {
        let sentence = chunk.split('.').next().unwrap();
        assert!(sentence.matches(" and ").count() <= 1, "{sentence}");
    }
    for g in training {
        let costs: BTreeMap<&str, bool> = g["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r["cost"].is_null()))
            .collect();
        for p in g["people"].as_array().unwrap() {
            let unknown = p["resources"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|id| costs[id.as_str().unwrap()])
                .count();
            assert_eq!(p["unknown_cost"].as_u64().unwrap() as usize, unknown, "{p}");
        }
    }
    // Steps read from the lowest start up, the nearest level first.
    let mut parsed = 0;
    for chunk in text.split("below the level their role asks, ").skip(1) {
        let head = chunk.split("For this gap:").next().unwrap();
        let steps: Vec<(f64, u32)> = head
            .split("• ")
            .skip(1)
            .filter_map(|b| {
                let (from, rest) = b.split_once(" → ")?;
                let to = rest.split([',', ' ']).next()?;
                Some((from.parse().ok()?, to.parse().ok()?))
            })
            .collect();
        parsed += steps.len();
        assert!(
            steps
                .windows(2)
                .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 <= w[1].1)),
            "{steps:?}"
        );
    }
    assert_eq!(parsed > 0, !training.is_empty(), "no step read");
    // Strength at one level for every skill, most first.
    if let Some(line) = text.split("The team is strongest in ").nth(1) {
        let line = line.split('.').next().unwrap();
        let counts: Vec<u64> = line
            .split(" (")
            .skip(1)
            .map(|x| {
                x.split(' ')
                    .next()
                    .unwrap()
                    .replace(',', "")
                    .parse()
                    .unwrap()
            })
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{line}");
        assert!(!line.contains("at 2+") && !line.contains("at 1+"), "{line}");
    }
    // "Nobody has A or B": never "A and B", which reads as having both.
    if let Some(line) = text.split("obody has ").nth(1) {
        let line = line.split('.').next().unwrap();
        assert!(!line.contains(" and "), "{line}");
    }
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn a_mixed_team_of_forty_with_partial_answers() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    run(MIXED_40, &["--group-by", "department"], &out);
    check_team(&out, 40);
    let team = json(&out.join("team-summary.json"));
    // Partial answers: someone's role is unjudged, and they are chased.
    assert!(!team["chase"].as_array().unwrap().is_empty());
    let (text, pages) = pdf_text(&out.join("team-summary.pdf"));
    // Page 2 is the ratings matrix, a block of skills per page.
    assert!(text.contains("Page 1 of"));
    assert!(text.contains("Ratings: people × skills (1 of"));
    // Two overview pages, the matrix in blocks, training, a page per role,
    // a page per group: bounded.
    let roles = team["roles"].as_array().unwrap().len();
    assert!(pages <= 4 + roles + 2 + 2 + 2, "{pages} pages");
    // No page holds only a short tail (a few matrix rows, a lone note, a
    // section's last rows): every page but the last is well filled.
    let doc = Document::load(out.join("team-summary.pdf")).unwrap();
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    for p in &numbers[..numbers.len() - 1] {
        let words = doc.extract_text(&[*p]).unwrap().split_whitespace().count();
        assert!(words >= 150, "page {p} holds only {words} words");
    }
    // The fixture has one question no skill matches: the box names it
    // whole, in the team's file and in every group's.
    let whole = "JCL runbook upkeep (in \"Mainframe batch scheduling and JCL runbook upkeep\")";
    assert!(text.contains(whole), "{text}");
    assert!(text.contains("2 skill names not in the catalogue, 40 ratings unused"));
    // Each group file has the same overview, and the not-understood box
    // when the input had something not understood.
    for g in [
        "team-summary-infrastructure.pdf",
        "team-summary-product-engineering.pdf",
    ] {
        let (t, _) = pdf_text(&out.join(g));
        assert!(t.contains("Readiness per role"), "{g}");
        assert!(t.contains("Ratings: people × skills"), "{g}");
        assert!(t.contains("Not understood in the input"), "{g}");
        assert!(t.contains(whole), "{g}");
        assert!(!t.contains("the coverage and heatmap below"), "{g}");
    }
}

#[test]
fn a_seven_person_survey_with_combined_labels() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    run(SURVEY_7, &[], &out);
    check_team(&out, 7);
    let team = json(&out.join("team-summary.json"));
    let (text, pages) = pdf_text(&out.join("team-summary.pdf"));
    // About two pages plus one per role section.
    let roles = team["roles"].as_array().unwrap().len();
    assert!(pages <= 2 + roles + 1, "{pages} pages for {roles} roles");
    // A combined label ("Docker / Kubernetes") rates both skills.
    assert!(text.contains("Containers") && text.contains("Container orchestration"));
    // Skills no survey asked are named once, not shown as gaps.
    assert!(text.contains("Not in any survey, so not shown"));
}

#[test]
fn a_generated_team_of_two_hundred() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    run(GENERATED_200, &[], &out);
    check_team(&out, 200);
    let team = json(&out.join("team-summary.json"));
    let (text, pages) = pdf_text(&out.join("team-summary.pdf"));
    assert!(pages <= 24, "{pages} pages");
    // 200 rows run past a page: the matrix header repeats.
    assert!(
        text.contains("Ratings: people × skills (1 of 2) (continued)"),
        "{text}"
    );
    // A team this size has shared gaps, and people a level short among
    // them (whose chains check_team saw start at their level, not at 0).
    let short_by_one = team["training"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["people"].as_array().unwrap())
        .filter(|p| p["required"].as_f64().unwrap() - p["rating"].as_f64().unwrap() <= 1.0)
        .count();
    assert!(short_by_one > 0);
    assert!(team["budget"]["places"].as_u64().unwrap() > 0);
}

#[test]
fn team_csvs_open_in_a_decimal_comma_excel() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    run(SURVEY_7, &["--decimal-comma"], &out);
    let (h, rows) = csv_rows(&out.join("team-summary.csv"), b';');
    let fit = h.iter().position(|c| c == "fit_sre").unwrap();
    assert!(rows.iter().all(|r| !r[fit].contains('.')));
    assert!(rows.iter().any(|r| r[fit].contains(',')), "{rows:?}");
    assert!(h.contains(&"not_rated".to_string()) && h.contains(&"not_asked".to_string()));
    let (sh, _) = csv_rows(&out.join("team-skills.csv"), b';');
    assert!(sh.len() > 5, "{sh:?}");
    // A comma separator with decimal commas would split every decimal.
    let o = skillgap()
        .args([
            "batch",
            SURVEY_7,
            "--decimal-comma",
            "--csv-delimiter",
            ",",
            "-o",
        ])
        .arg(d.path().join("bad"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = skillgap()
        .args(["batch", SURVEY_7, "--csv-delimiter", "ab", "-o"])
        .arg(d.path().join("bad"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--csv-delimiter"));
}

/// Runs a sample with no options and checks it like the fixtures.
fn sample(input: &str, people: usize) -> (Value, String, usize) {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    run(input, &[], &out);
    check_team(&out, people);
    let team = json(&out.join("team-summary.json"));
    let (text, pages) = pdf_text(&out.join("team-summary.pdf"));
    (team, text, pages)
}

#[test]
fn people_whose_role_is_unjudged_are_chased_or_named_once() {
    // Partial answers on a roster with titles: the unjudged people aim at
    // a role and are chased for the answers they skipped.
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    run(MIXED_40, &[], &out);
    let team = json(&out.join("team-summary.json"));
    let chased: Vec<&str> = team["chase"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["person"].as_str().unwrap())
        .collect();
    // Rated 5% of everything and too early to choose: still unjudged.
    assert!(chased.contains(&"Priya Raman"), "{chased:?}");
    // A long file with titles whose survey never asked what would decide
    // their roles: nobody to chase, the skills named once for the team.
    let (team, text, _) = sample("samples/team-long.csv", 4);
    assert!(team["chase"].as_array().unwrap().is_empty());
    assert_eq!(team["unjudged"], 4);
    assert!(text.contains("the survey did not ask"), "{text}");
    assert!(!text.contains("Who to chase"));
}

#[test]
fn a_survey_that_places_nobody_has_no_empty_role_sections() {
    let (team, text, pages) = sample("samples/msforms-team.csv", 3);
    // Three people: the matrix follows page 1, no page of empty roles.
    assert_eq!(pages, 1);
    assert!(
        team["roles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["aiming"] == 0)
    );
    assert!(!text.contains("Engineer: 0 people"), "{text}");
    assert!(!text.contains("0 people aim at it"));
    // Their survey asked too little to judge: no one to chase for it.
    assert!(team["chase"].as_array().unwrap().is_empty());
    assert!(text.contains("the survey did not ask"));
}

#[test]
fn not_ready_says_why_and_a_comment_column_is_not_a_skill() {
    // Dana's SRE fit is 100% of what was rated, but Troubleshooting, a
    // defining SRE skill, was never asked: that is why not ready.
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    run(SURVEY_7, &[], &out);
    let team = json(&out.join("team-summary.json"));
    let (text, _) = pdf_text(&out.join("team-summary.pdf"));
    for r in team["roles"].as_array().unwrap() {
        for m in r["members"].as_array().unwrap() {
            if m["ready"] == false && m["judged"] == true {
                let gaps = m["gaps"].as_array().unwrap();
                let unrated = m["unrated_defining"].as_array().unwrap();
                assert!(
                    !gaps.is_empty() || !unrated.is_empty(),
                    "{m}: not ready, no reason"
                );
            }
        }
    }
    assert!(text.contains("not rated, needed to judge ready: Troubleshooting"));
    let (_, text, _) = sample("samples/google-forms-team.csv", 4);
    assert!(text.contains("ignored as a comment, not a skill"), "{text}");
    assert!(!text.contains("so that they can be mapped"));
}
