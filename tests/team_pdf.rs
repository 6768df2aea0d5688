//! End-to-end: the team summary PDF (`team-summary.pdf`) that `skillgap
//! batch` and `skillgap team-summary` write: it parses, holds the team's
//! facts as text, and stays a bounded number of pages for big teams.

use crate::common::{DATE, doc_text, skillgap};
use lopdf::Document;
use std::fmt::Write as _;
use std::path::Path;

/// Runs `batch INPUT -o OUT --format json ARGS`; returns the team PDF.
fn team_pdf(input: &Path, out: &Path, args: &[&str]) -> Document {
    let run = skillgap()
        .arg("batch")
        .arg(input)
        .args(["--format", "json", "--date", DATE, "-q", "-o"])
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(out.join("team-summary.pdf")).expect("team-summary.pdf written");
    assert!(bytes.starts_with(b"%PDF-"));
    Document::load_mem(&bytes).expect("the PDF parses")
}

#[test]
fn sample_team_gets_a_short_summary() {
    let dir = tempfile::tempdir().unwrap();
    let doc = team_pdf(Path::new("samples/team-long.csv"), dir.path(), &[]);
    // Page 1, then the ratings matrix with the roles people aim at (by
    // their closest fit: DevOps for one, SRE for two, one not yet placed)
    // below it: no page holds a one-row table alone.
    let pages = doc.get_pages().len();
    assert_eq!(pages, 2, "{pages} pages");
    let t = doc_text(&doc);
    for needle in [
        "Team skills summary",
        "4 people",
        "Alex Morgan",
        "Łukasz Żółć",
        "Infrastructure as Code",
        "Readiness per role",
        "Ratings: people × skills",
        "DevOps Engineer: 1 person",
        "Site Reliability Engineer: 2 people",
        "Not placed yet",
        &format!("Page {pages} of {pages}"),
    ] {
        assert!(t.contains(needle), "{needle:?} missing from: {t}");
    }
    // The headline sentences name single points of failure, with the level.
    assert!(t.contains("only Alex Morgan has CI/CD ≥ 4"), "{t}");
    // The sample survey asked six skills: the rest are not assessed, never
    // a gap nobody has.
    assert!(t.contains("Not in any survey, so not shown"), "{t}");
    assert!(!t.contains("nobody has"), "{t}");
    assert!(!t.contains("count as 0"), "{t}");
}

#[test]
fn a_chosen_role_is_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let doc = team_pdf(
        Path::new("samples/google-forms-team.csv"),
        dir.path(),
        &["--role", "sre"],
    );
    let t = doc_text(&doc);
    // Only the role compared is in play, and only it has a section.
    assert!(t.contains("Site Reliability Engineer: 1 person"), "{t}");
    assert!(!t.contains("DevOps Engineer"), "{t}");
    assert!(t.contains("SLOs & error budgets"), "{t}");
    assert!(t.contains("Priya Raman"), "{t}");
}

/// Catalogue skills as people type them.
const SKILLS: [&str; 30] = [
    "Kubernetes",
    "Terraform",
    "CI/CD",
    "Python",
    "Go",
    "Linux administration",
    "Networking",
    "Git",
    "Monitoring",
    "On-call / incident response",
    "SLOs and error budgets",
    "Blameless postmortems",
    "Docker",
    "Ansible",
    "Logging",
    "Troubleshooting",
    "Capacity planning",
    "Toil reduction",
    "Chaos engineering",
    "Distributed systems",
    "Security",
    "Databases",
    "Bash",
    "Configuration management",
    "Release engineering",
    "Automation",
    "Cloud platforms",
    "Containers",
    "Infrastructure as Code",
    "Service mesh",
];

/// A long-format team of `n` people with ratings from a simple formula and
/// a few skills left out, so some cells are unrated.
fn team_csv(n: usize) -> String {
    let mut s = String::from("person,email,skill,rating\n");
    for i in 0..n {
        for (j, skill) in SKILLS.iter().enumerate() {
            if (i + j) % 11 == 0 {
                continue;
            }
            let rating = (i * 7 + j * 3 + i / 13) % 6;
            writeln!(s, "Person {i:03},p{i}@example.com,\"{skill}\",{rating}").unwrap();
        }
    }
    s
}

#[test]
fn five_hundred_people_stay_readable_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("team.csv");
    std::fs::write(&input, team_csv(500)).unwrap();
    let out = dir.path().join("out");
    // SRE: the widest reference role (26 columns). Random ratings leave
    // many people between roles; --team-role aims them at SRE, so every
    // person has a row.
    let doc = team_pdf(
        &input,
        &out,
        &["--role", "sre", "--role", "devops", "--team-role", "sre"],
    );
    let pages = doc.get_pages().len();
    // About 62 matrix rows a page in two blocks of skills (16 pages), page
    // 1, the training, who to chase, the role section (100 people listed).
    assert!((20..=30).contains(&pages), "{pages} pages");
    let t = doc_text(&doc);
    for needle in [
        "Team skills summary",
        "500 people",
        "Person 000",
        "Person 499",
        "SLOs & error budgets",
        "Ratings: people × skills (2 of 2) (continued)",
        "The first 100 by name are listed; team-summary.csv lists all 500",
        &format!("Page {pages} of {pages}"),
    ] {
        assert!(t.contains(needle), "{needle:?} missing");
    }
    // Everyone is in the matrix: no cap sentence at 500.
    assert!(!t.contains("by name are shown"));
}

#[test]
fn team_summary_command_writes_the_same_pdf_from_json_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("batch");
    let from_batch = team_pdf(Path::new("samples/team-long.csv"), &out, &[]);
    let merged = dir.path().join("merged");
    let run = skillgap()
        .arg("team-summary")
        .arg(&out)
        .args(["--date", DATE, "-o"])
        .arg(&merged)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(merged.join("team-summary.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).expect("parses");
    assert_eq!(doc.get_pages().len(), from_batch.get_pages().len());
    assert!(doc_text(&doc).contains("Team skills summary"));
}
