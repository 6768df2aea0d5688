//! The team summary PDF (`team-summary.pdf`), for the manager of the team
//! (or of a group, in `team-summary-<group>.pdf`):
//!
//! - page 1, [`overview`](super::overview): the team in three or four
//!   sentences, readiness per role by the decision's rule, who to chase
//!   for answers, what was not understood in the input;
//! - page 2, the [`matrix`](super::matrix) of everyone's ratings;
//! - [`training to budget`](super::budget) for the biggest shared gaps;
//! - the [`role sections`](super::role_sections): every person under the
//!   role they aim at, or in the "not placed yet" list;
//! - movement since the previous assessments, and a page per group.
//!
//! Every count is over the whole team (or group), from
//! [`crate::analysis::overview::TeamOverview`]. Like the personal report,
//! everything goes through [`Doc`], which cleans control and bidi
//! characters out of every string before it is drawn.

use super::flow::{Doc, clean};
use super::overview::{CHASE_ON_PAGE_1, chase};
use super::{Finish, Pdf, finish};
use crate::analysis::team::TeamReport;
use crate::model::num;
use crate::render::Rendered;

/// Renders the team summary.
pub fn render_team(pdf: &Pdf, t: &TeamReport) -> anyhow::Result<Rendered> {
    let mut doc = Doc::new(&pdf.fonts, pdf.paper);
    super::overview::front(&mut doc, t);
    if t.people > 0 {
        super::matrix::matrix(&mut doc, t);
        super::budget::budget(&mut doc, t);
        if t.overview.chase.len() > CHASE_ON_PAGE_1 {
            doc.page_break();
            chase(&mut doc, &t.overview.chase, usize::MAX);
        }
        super::role_sections::role_sections(&mut doc, t);
    }
    super::movement::movement(&mut doc, t);
    super::groups::groups(&mut doc, t);
    let roles: Vec<&str> = t.overview.roles.iter().map(|r| r.title.as_str()).collect();
    finish(
        doc,
        &Finish {
            running: &running_label(t),
            date: t.generated_on,
            title: "Team skills summary".into(),
            subject: format!(
                "Team readiness, ratings, shared gaps and training: {}",
                clean(&and_list(&roles))
            ),
            warn_as: "team-summary.pdf: ",
        },
    )
}

/// The running label of pages 2+: the title and whose summary it is.
fn running_label(t: &TeamReport) -> String {
    match &t.scope {
        Some(s) => format!("Team skills summary · {s}"),
        None => "Team skills summary".to_string(),
    }
}

// ---- words -------------------------------------------------------------------

/// "1 person" / "3 people".
pub(super) fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{} people", count(n))
    }
}

/// A count with thousands separators: 10,000.
pub(crate) fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A total of levels: one decimal when small, whole levels when large.
pub(super) fn levels(v: f64) -> String {
    if v.abs() >= 100.0 {
        count(v.round().max(0.0) as usize)
    } else {
        num((v * 10.0).round() / 10.0)
    }
}

/// "A", "A and B", "A, B and C".
pub(super) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::team::Readiness;
    use crate::model::ResourceKind;
    use crate::render::pdf::draw::{Fonts, PageSize};

    fn skill(i: usize, covered: usize, covered_by: &[&str]) -> SkillCoverage {
        SkillCoverage {
            skill: format!("s{i}"),
            name: format!("Skill number {i}"),
            category: "Category".into(),
            required: 3,
            weight: if i.is_multiple_of(2) { 3 } else { 2 },
            covered,
            covered_by: covered_by.iter().map(|s| s.to_string()).collect(),
            total_gap: 10.0,
            with_gap: 5,
            rated: 5 + covered,
            not_rated: 1,
            not_asked: 0,
            training: vec![Resource {
                id: format!("r{i}"),
                skill: format!("s{i}"),
                kind: ResourceKind::Course,
                title: "A course\u{202E} with a long title".into(),
                provider: "Provider".into(),
                url: Some(if i == 0 {
                    "javascript:alert(1)".into()
                } else {
                    format!("https://example.org/{i}")
                }),
                hours: 8,
                from: 0,
                to: 3,
                requires: vec![],
                ..Default::default()
            }],
        }
    }

    /// A team of `n`, the first person's name hostile.
    fn team(n: usize) -> TeamReport {
        let name = |i: usize| {
            if i == 0 {
                "Eve\u{202E}lin \u{1b}[31mRed".to_string()
            } else {
                format!("Person {i:05}")
            }
        };
        let coverage: Vec<SkillCoverage> = (0..26)
            .map(|i| match i {
                0 => skill(i, 0, &[]),
                1 => skill(i, 1, &["Person 00001"]),
                2 => skill(i, 2, &["Person 00001", "Person 00002"]),
                _ => skill(i, n / 2, &[]),
            })
            .collect();
        let heatmap = (0..n)
            .map(|i| {
                let gaps = (0..26)
                    .map(|j| ((i + j) % 7 != 0).then_some(((i * 3 + j) % 9) as f64 / 2.0))
                    .collect();
                (name(i), gaps)
            })
            .collect();
        TeamReport {
            generated_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            people: n,
            failed: 2,
            reference_role: "sre".into(),
            reference_title: "Site Reliability Engineer".into(),
            best_fit_counts: vec![
                ("devops".into(), "DevOps Engineer".into(), n / 2),
                ("sre".into(), "Site Reliability Engineer".into(), n - n / 2),
            ],
            readiness: vec![Readiness {
                role: "sre".into(),
                title: "Site Reliability Engineer".into(),
                ranking: (0..n).map(|i| (name(i), 90.0 - i as f64 * 0.01)).collect(),
                ready: n / 3,
                not_judged: 0,
            }],
            coverage,
            heatmap,
            not_understood: vec![],
            movement: None,
            unrated_zero: false,
            targets: vec![],
            aims: None,
            groups: vec![],
            scope: None,
            overview: Default::default(),
        }
    }

    /// Renders `t`: (link targets, page count, text).
    fn render(t: &TeamReport) -> (Vec<String>, usize, String) {
        use lopdf::Object;
        let pdf = Pdf {
            fonts: Fonts::dejavu_only().unwrap(),
            paper: PageSize::A4,
        };
        let bytes = render_team(&pdf, t).expect("renders").bytes;
        let doc = lopdf::Document::load_mem(&bytes).expect("parses");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).unwrap();
        let mut links = Vec::new();
        for (_, page) in doc.get_pages() {
            let page = doc.get_dictionary(page).unwrap();
            let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
                continue;
            };
            for a in annots {
                let a = match a {
                    Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                    other => other.as_dict().unwrap(),
                };
                if let Ok(uri) = a
                    .get(b"A")
                    .and_then(Object::as_dict)
                    .and_then(|act| act.get(b"URI"))
                    .and_then(Object::as_str)
                {
                    links.push(String::from_utf8_lossy(uri).to_string());
                }
            }
        }
        (links, pages.len(), text)
    }

    #[test]
    fn headlines_name_what_matters() {
        let h = headlines(&team(8)).join("\n");
        assert!(h.contains("Nobody covers Skill number 0."), "{h}");
        assert!(
            h.contains("Only Person 00001 covers Skill number 1."),
            "{h}"
        );
        assert!(h.contains("could not be read"), "{h}");
        assert!(h.contains("Biggest shared gap"), "{h}");
    }

    #[test]
    fn huge_teams_are_capped_and_hostile_text_never_reaches_the_page() {
        let (links, pages, text) = render(&team(10_000));
        // 500 rows at about 45 a page, plus page 1, coverage and gaps.
        assert!((12..=20).contains(&pages), "{pages} pages");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("shows the first 500 by name"), "{flat}");
        assert!(flat.contains("Person 00499"));
        assert!(!flat.contains("Person 00500"));
        assert!(
            flat.contains("EvelinRed") || flat.contains("Evelin [31mRed"),
            "{flat}"
        );
        for bad in ['\u{202E}', '\u{1b}'] {
            assert!(!text.contains(bad), "{bad:?} reached the PDF");
        }
        assert!(
            links.iter().any(|l| l == "https://example.org/2"),
            "{links:?}"
        );
        assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    }

    #[test]
    fn an_empty_team_still_renders_one_page() {
        let mut t = team(0);
        t.coverage.clear();
        let (_, pages, text) = render(&t);
        assert_eq!(pages, 1);
        assert!(text.contains("Team skills summary"));
    }

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
        let v: Vec<String> = ["A", "B", "C", "D", "E"].map(String::from).to_vec();
        assert_eq!(some_of(&v, 3), "A, B, C and 2 more");
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(10_000), "10,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(levels(2.5), "2.5");
        assert_eq!(levels(8815.5), "8,816");
    }
}
