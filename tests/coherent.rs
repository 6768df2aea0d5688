//! End-to-end: the personal report tells one story. On the samples and on
//! partial surveys, page 1's "Work on first", the first plan step and the
//! plan agree (or page 1 names the prerequisite that comes first); half
//! levels stay half levels in the plan; the whole plan has an end date;
//! no internal word reaches the page; and no page is a near-empty spill.
//!
//! Text comes from the PDF with lopdf (an independent parser), the facts
//! to check it against from the JSON of the same report.

use crate::common::skillgap;
use lopdf::Document;
use serde_json::Value;
use std::path::Path;

const DATE: &str = "2026-07-21";

/// The reports looked at: every personal sample, two partial-survey
/// people, and a long (7-page) report.
const CASES: &[(&str, &[&str])] = &[
    ("samples/sre-leaning.csv", &[]),
    ("samples/devops-leaning.csv", &[]),
    ("samples/platform-leaning.csv", &[]),
    ("samples/interest.csv", &[]),
    ("samples/five-skills.csv", &[]),
    ("samples/self-manager.csv", &[]),
    ("samples/excel-semicolon-cp1252.csv", &[]),
    ("samples/score-out-of-10.csv", &[]),
    (
        "samples/reassess-2026-11.csv",
        &["--previous", "samples/reassess-2026-06.csv"],
    ),
    (
        "samples/survey-8q-team.csv",
        &["--person", "Dana Whitfield"],
    ),
    ("samples/survey-8q-team.csv", &["--person", "Marco Bianchi"]),
    (
        "samples/survey-12q-strong.csv",
        &["--person", "Noor Haddad"],
    ),
    ("samples/five-skills.csv", &["--unrated", "zero"]),
    ("samples/devops-leaning.csv", &["--unrated", "zero"]),
];

/// Words of the tool's inside that a reader should never meet.
const INTERNAL: &[&str] = &[
    "horizon",
    "basis",
    "roll-up",
    "rolled up",
    "rolls up",
    "input file",
    "not rated directly",
];

/// Section and subsection titles of the personal report.
const HEADINGS: &[&str] = &[
    "Fit per role",
    "Strengths",
    "First step",
    "Learning plan",
    "Timeline",
    "Step by step",
    "Milestones",
    "Later",
    "Notes",
    "Not rated",
    "Not in this survey",
    "How ratings were combined",
    "Rating scale",
    "How fit is calculated",
    "Second opinions",
    "Wants to grow",
];

/// A page holds at least this many lines of text (running header and
/// footer aside), unless it is the first, or it is the only page of the
/// section it starts.
const MIN_LINES: usize = 8;

fn run(input: &str, args: &[&str], format: &str, out: Option<&Path>) -> Vec<u8> {
    let mut c = skillgap();
    c.args(["report", input, "--date", DATE, "--format", format])
        .args(args);
    if let Some(out) = out {
        c.arg("-o").arg(out);
    }
    let run = c.output().unwrap();
    assert!(
        run.status.success(),
        "{input} {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    match out {
        Some(out) => std::fs::read(out).unwrap(),
        None => run.stdout,
    }
}

struct Case {
    name: String,
    json: Value,
    /// Each page's text lines, trimmed, blank ones dropped.
    pages: Vec<Vec<String>>,
    text: String,
}

impl Case {
    fn all(&self) -> String {
        self.pages
            .iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn cases() -> Vec<Case> {
    let dir = tempfile::tempdir().unwrap();
    CASES
        .iter()
        .enumerate()
        .map(|(i, (input, args))| {
            let out = dir.path().join(format!("{i}.pdf"));
            let pdf = run(input, args, "pdf", Some(&out));
            let doc = Document::load_mem(&pdf).unwrap();
            let pages = doc
                .get_pages()
                .keys()
                .map(|&n| {
                    doc.extract_text(&[n])
                        .unwrap()
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            Case {
                name: format!("{input} {args:?}"),
                json: serde_json::from_slice(&run(input, args, "json", None)).unwrap(),
                pages,
                text: String::from_utf8(run(input, args, "text", None)).unwrap(),
            }
        })
        .collect()
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[test]
fn the_report_tells_one_story() {
    let cases = cases();
    let mut half_levels_seen = 0;
    let mut ends_seen = 0;
    let mut defining_seen = 0;
    for c in &cases {
        let name = &c.name;
        let all = c.all();
        let plan = &c.json["plan"];
        let items = plan["items"].as_array().unwrap();

        // 1. The first step is the first "Work on first" skill, or a
        // prerequisite that the page with the list names as coming first.
        // (With no gap in the planned role, page 1 says "Work on next" and
        // the plan goes a level further; there is no list to agree with.)
        let role = c.json["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == c.json["plan_role"])
            .unwrap();
        let gaps = !role["gaps"].as_array().unwrap().is_empty();
        if let Some(first) = items.first().filter(|_| gaps) {
            let first_name = first["name"].as_str().unwrap();
            let listed = all
                .split(" Weight 1 ")
                .nth(1)
                .unwrap_or_else(|| panic!("{name}: no top-gaps table in {all}"));
            let page = c
                .pages
                .iter()
                .position(|p| p.join(" ").contains("Weight"))
                .unwrap();
            assert!(page <= 1, "{name}: the gap list is on page {}", page + 1);
            let on_page = c.pages[page].join(" ");
            let on_page = on_page.split_whitespace().collect::<Vec<_>>().join(" ");
            if !listed.starts_with(first_name) {
                assert!(
                    on_page.contains(&format!("{first_name} first:"))
                        || on_page.contains(&format!("and {first_name} first:")),
                    "{name}: the plan starts with {first_name}, the list with {}",
                    &listed[..40.min(listed.len())]
                );
            }
        }
        if let Some(first) = items.first() {
            let first_name = first["name"].as_str().unwrap();
            // Page 1's first step names the same item.
            assert!(
                all.contains(&format!(
                    "{}: {first_name} {} → {}",
                    first["start"].as_str().unwrap(),
                    num(first["from"].as_f64().unwrap()),
                    first["to"]
                )),
                "{name}: first step"
            );
        }

        // The plan says when it reaches what defines the role it works
        // toward, and those skills come first after any wanted ones.
        let skills = plan["skills"].as_array().unwrap();
        let defining: Vec<&Value> = skills.iter().filter(|s| s["defining"] == true).collect();
        if !defining.is_empty() {
            defining_seen += 1;
            let title = role["title"].as_str().unwrap();
            assert!(all.contains(&format!("What defines {title}:")), "{name}");
            for s in &defining {
                let when = s["reached"].as_str().or(s["done_by"].as_str()).unwrap();
                let said = format!(
                    "{} {} → {} by {when}",
                    s["name"].as_str().unwrap(),
                    num(s["from"].as_f64().unwrap()),
                    s["to"]
                );
                assert!(all.contains(&said), "{name}: {said}");
            }
            let first_other = skills.iter().position(|s| {
                s["defining"] == false
                    && s["wanted"] == false
                    && s["needed_by"].as_array().unwrap().is_empty()
            });
            let last_defining = skills.iter().rposition(|s| s["defining"] == true);
            if let (Some(o), Some(d)) = (first_other, last_defining) {
                assert!(d < o, "{name}: a defining skill after the rest");
            }
        }

        // 2. Half levels stay half levels: a plan step starting from a
        // half rating shows it unchanged in the timeline, the steps and
        // the milestones, in the PDF and the text.
        for it in items {
            let from = it["from"].as_f64().unwrap();
            if from.fract() != 0.0 {
                half_levels_seen += 1;
                let skill = it["skill"].as_str().unwrap();
                let rating = c.json["ratings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["skill"] == skill)
                    .map(|r| r["rating"].as_f64().unwrap());
                assert_eq!(rating, Some(from), "{name}: {skill}");
                let step = format!(
                    "{} {} → {}",
                    it["name"].as_str().unwrap(),
                    num(from),
                    it["to"]
                );
                assert!(all.matches(&step).count() >= 2, "{name}: {step} in {all}");
                assert!(
                    all.contains(&format!("level {} → {}", num(from), it["to"])),
                    "{name}"
                );
                assert!(c.text.contains(&step), "{name}: {step} in the text output");
            }
        }
        for m in plan["milestones"].as_array().unwrap() {
            let from = m["from"].as_f64().unwrap();
            let it = items
                .iter()
                .find(|i| i["skill"] == m["skill"] && i["to"] == m["to"]);
            assert_eq!(
                it.map(|i| i["from"].as_f64().unwrap()),
                Some(from),
                "{name}"
            );
        }

        // 3. The whole plan has an end, on the page and in the text.
        if !items.is_empty() || !plan["later"].as_array().unwrap().is_empty() {
            let total = plan["total_hours"].as_u64().unwrap();
            let later = plan["later_hours"].as_u64().unwrap();
            let window: u64 = items.iter().map(|i| i["hours"].as_u64().unwrap()).sum();
            assert_eq!(total, window + later, "{name}");
            if later > 0 {
                let done = plan["done_by"].as_str().unwrap();
                let sentence = format!("All of it: {total} hours, done by {done}");
                assert!(all.contains(&sentence), "{name}: {sentence}");
                assert!(c.text.contains(&sentence), "{name}: text {sentence}");
                let last_later = c.json["plan"]["skills"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|s| s["done_by"].as_str())
                    .max()
                    .unwrap();
                assert_eq!(last_later, done, "{name}");
                ends_seen += 1;
            }
            if let Some(f) = plan["faster"].as_object() {
                let at = format!(
                    "at {} hours a week: done by {}",
                    num(f["hours_per_week"].as_f64().unwrap()),
                    f["done_by"].as_str().unwrap()
                );
                let sooner = plan["done_by"].as_str() > f["done_by"].as_str();
                assert_eq!(all.contains(&at), sooner, "{name}: {at}");
            }
        }

        // The same number the same way on every page: a fit beside its
        // bar and in the DevOps-or-SRE box (to a tenth when too close).
        let tenths = c.json["direction"]["call"] == "too_close";
        for role in c.json["roles"].as_array().unwrap() {
            let fit = role["fit"].as_f64().unwrap();
            let shown = if tenths {
                format!("{fit:.1}%")
            } else {
                format!("{}%", fit.round())
            };
            let title = role["title"].as_str().unwrap();
            assert!(
                all.contains(&format!("{title} {shown}")),
                "{name}: {title} {shown}"
            );
            if ["devops", "sre"].contains(&role["id"].as_str().unwrap())
                && !c.json["devops_or_sre"].is_null()
            {
                let boxed = format!("{title}: {shown},");
                assert!(all.contains(&boxed), "{name}: {boxed}");
            }
        }

        // 4. A reader's words.
        // Word by word, so "horizontal autoscaling" is not "horizon".
        let lower: String = all
            .to_lowercase()
            .chars()
            .map(|ch| {
                if ch.is_alphanumeric() || ch == '-' {
                    ch
                } else {
                    ' '
                }
            })
            .collect();
        let lower = format!(
            " {} ",
            lower.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for w in INTERNAL {
            assert!(
                !lower.contains(&format!(" {w} ")),
                "{name}: \"{w}\" on the page"
            );
        }
        assert!(all.contains("Based on your ratings"), "{name}");

        // 5. No near-empty page.
        for (i, p) in c.pages.iter().enumerate().skip(1) {
            // The running header and the footer.
            let lines: Vec<&String> = p
                .iter()
                .filter(|l| !l.starts_with("Skill-gap report:") && !l.starts_with("Page "))
                .filter(|l| l.as_str() != "skillgap" && l.as_str() != DATE)
                .collect();
            let starts_section = lines
                .first()
                .is_some_and(|l| ["Notes", "Learning plan"].contains(&l.as_str()));
            // A heading never ends a page.
            let last = lines.last().map_or("", |l| l.as_str());
            assert!(
                !HEADINGS.contains(&last)
                    && !last.starts_with("Gaps for ")
                    && !last.starts_with("Work on first"),
                "{name}: page {} ends with the heading {last:?}",
                i + 1
            );
            let only_page = i == c.pages.len() - 1;
            assert!(
                lines.len() >= MIN_LINES || (starts_section && only_page),
                "{name}: page {} holds {} lines: {lines:?}",
                i + 1,
                lines.len()
            );
        }
    }
    // The cases cover what the checks are about.
    assert!(half_levels_seen >= 1, "no half level planned");
    assert!(ends_seen >= 1, "no plan runs past its window");
    assert!(
        defining_seen >= 1,
        "no plan with skills that define its role"
    );
}

/// A person whose most important gap (Automation) builds on a skill they
/// also lack (Scripting): the plan starts with Scripting, the list on page
/// 1 follows the plan, and one line there says why.
#[test]
fn a_prerequisite_first_is_explained_on_page_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("person,skill,rating\n");
    let rows = [
        ("CI/CD", "4"),
        ("Infrastructure as Code", "4"),
        ("Automation", "1"),
        ("Scripting", "1"),
        ("Cloud platforms", "3"),
        ("Containers", "3"),
        ("Container orchestration", "3"),
        ("Configuration management", "3"),
        ("Monitoring", "3"),
        ("Troubleshooting", "3"),
        ("Git", "3"),
        ("Linux", "3"),
        ("Networking", "3"),
        ("Release engineering", "3"),
        ("Test automation", "3"),
        ("Change management", "3"),
        ("Logging", "3"),
    ];
    for (skill, rating) in rows {
        csv.push_str(&format!("Pat Lee,{skill},{rating}\n"));
    }
    let input = dir.path().join("pat.csv");
    std::fs::write(&input, csv).unwrap();
    let input = input.to_str().unwrap();
    let json: Value = serde_json::from_slice(&run(input, &[], "json", None)).unwrap();
    assert_eq!(json["plan_role"], "devops");
    let devops = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "devops")
        .unwrap();
    let gaps: Vec<&str> = devops["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    // By priority Automation comes first; the plan starts with Scripting.
    assert_eq!(gaps, ["Automation", "Scripting"]);
    assert_eq!(json["plan"]["items"][0]["name"], "Scripting");
    assert_eq!(json["plan"]["skills"][0]["needed_by"][0], "Automation");

    let pdf = run(input, &[], "pdf", Some(&dir.path().join("pat.pdf")));
    let doc = Document::load_mem(&pdf).unwrap();
    let page1 = doc.extract_text(&[1]).unwrap();
    let page1 = page1.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = "Scripting first: the Automation steps here need it.";
    assert!(page1.contains(line), "{page1}");
    assert!(
        page1.contains("Weight 1 Scripting 1 3 2 core 2 Automation 1 4 3 core"),
        "{page1}"
    );
    assert!(
        page1.contains("From 2026-07-27: Scripting 1 → 2"),
        "{page1}"
    );
    let text = String::from_utf8(run(input, &[], "text", None)).unwrap();
    assert!(text.contains(line), "{text}");
}
