//! The team summary PDF (`team-summary.pdf`), for the manager of the team
//! (or of a group, in `team-summary-<group>.pdf`):
//!
//! - page 1, [`overview`](overview): the team in three or four
//!   sentences, readiness per role by the decision's rule, who to chase
//!   for answers, what was not understood in the input;
//! - page 2, the [`matrix`](matrix) of everyone's ratings;
//! - [`training to budget`](budget) for the biggest shared gaps;
//! - the [`role sections`](role_sections): every person under the
//!   role they aim at, or in the "not placed yet" list;
//! - movement since the previous assessments, and a page per group.
//!
//! Every count is over the whole team (or group), from
//! [`crate::analysis::overview::TeamOverview`]. Like the personal report,
//! everything goes through [`Doc`], which cleans control and bidi
//! characters out of every string before it is drawn.

mod budget;
mod groups;
mod matrix;
mod movement;
mod overview;
mod role_sections;

use super::flow::{Doc, clean};
use super::{Finish, Pdf, finish};
use crate::analysis::team::TeamReport;
use crate::render::Rendered;
use overview::{CHASE_ON_PAGE_1, chase};

/// Most people in the full "who to chase" list (team-summary.json lists
/// everyone).
const CHASE_SHOWN: usize = 100;

/// Renders the team summary.
pub fn render_team(pdf: &Pdf, t: &TeamReport) -> anyhow::Result<Rendered> {
    let mut doc = Doc::new(&pdf.fonts, pdf.paper);
    overview::front(&mut doc, t);
    if t.people > 0 {
        matrix::matrix(&mut doc, t);
        budget::budget(&mut doc, t);
        if t.overview.chase.len() > CHASE_ON_PAGE_1 {
            doc.page_break();
            chase(&mut doc, &t.overview.chase, CHASE_SHOWN);
        }
        role_sections::role_sections(&mut doc, t);
    }
    movement::movement(&mut doc, t);
    groups::groups(&mut doc, t);
    let roles: Vec<&str> = t.overview.roles.iter().map(|r| r.title.as_str()).collect();
    finish(
        doc,
        &Finish {
            running: &running_label(t),
            date: t.generated_on,
            title: "Team skills summary".into(),
            subject: format!(
                "Team readiness, ratings, shared gaps and training: {}",
                clean(&crate::text::and_list(&roles))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::overview::{
        Budget, Chase, MatrixRow, Member, NeedPerson, NotPlaced, RoleLine, TeamOverview, TeamSkill,
        TrainingNeed,
    };
    use crate::model::{RatingState, Resource, ResourceKind, Verdict};
    use crate::render::pdf::draw::{Fonts, PageSize};

    fn name(i: usize) -> String {
        if i == 0 {
            "Eve\u{202E}lin \u{1b}[31mRed".to_string()
        } else {
            format!("Person {i:05}")
        }
    }

    /// 26 skills rated by a team of `n`.
    fn skills(n: usize) -> Vec<TeamSkill> {
        (0..26)
            .map(|i| TeamSkill {
                skill: format!("s{i}").into(),
                name: format!("Skill number {i}"),
                category: format!("Category {}", i / 5),
                level: 3,
                level_min: 3,
                rated: n,
                not_rated: 0,
                not_asked: 0,
                covered: [0, 1, 2].get(i).copied().unwrap_or(n / 2),
                strong: [0, 1, 2].get(i).copied().unwrap_or(n / 2),
                covered_by: if i == 1 { vec![name(1)] } else { vec![] },
                below: n / 2,
            })
            .collect()
    }

    /// The skills matrix of a team of `n`: some cells not rated.
    fn matrix(n: usize) -> Vec<MatrixRow> {
        (0..n.min(crate::analysis::overview::MATRIX_MAX))
            .map(|i| MatrixRow {
                person: name(i),
                role: Some("sre".into()),
                coverage: Some(90.0),
                cells: (0..26)
                    .map(|j| {
                        let v = ((i + j) % 7 != 0).then_some(((i * 3 + j) % 6) as f64);
                        let state = if v.is_some() {
                            RatingState::Rated
                        } else {
                            RatingState::NotRated
                        };
                        (state, v, Some(3))
                    })
                    .collect(),
            })
            .collect()
    }

    /// The overview of a team of `n`: one role, one training need with a
    /// hostile link, one person to chase and one not placed.
    fn overview(n: usize) -> TeamOverview {
        let resource = |i: usize| Resource {
            id: format!("r{i}"),
            skill: "s3".into(),
            kind: ResourceKind::Course,
            title: "A course\u{202E} with a long title".into(),
            provider: "Provider".into(),
            url: Some(if i == 0 {
                "javascript:alert(1)".into()
            } else {
                format!("https://example.org/{i}")
            }),
            hours: 8,
            from: 2,
            to: 3,
            ..Default::default()
        };
        let need = |p: usize| NeedPerson {
            person: name(p),
            rating: 2.0,
            required: 3,
            resources: vec!["r1".into()],
            hours: 8,
            usd: 0,
            unknown_cost: 1,
            reaches: 3,
        };
        TeamOverview {
            people: n,
            roles: vec![RoleLine {
                role: "sre".into(),
                title: "Site Reliability Engineer".into(),
                short: "SRE".into(),
                aiming: n,
                named: n / 2,
                ready: n / 3,
                ready_people: (0..n / 3).map(name).collect(),
                not_judged: 0,
                nobody: vec!["Skill number 0".into()],
                single: vec![("Skill number 1".into(), 3, name(1))],
                members: (0..n)
                    .map(|i| Member {
                        person: name(i),
                        named: None,
                        fit: Some(80.0),
                        coverage: Some(90.0),
                        judged: true,
                        ready: false,
                        gaps: vec![],
                        unrated_defining: vec![],
                    })
                    .collect(),
            }],
            training: vec![TrainingNeed {
                skill: "s3".into(),
                name: "Skill number 3".into(),
                people: (0..n.min(2)).map(need).collect(),
                resources: vec![resource(0), resource(1), resource(2)],
                levels_short: 2.0,
                hours: 16,
                usd: 0,
                unknown_cost: 3,
                can_teach: vec![],
                can_teach_count: 0,
            }],
            budget: Budget {
                hours: 16,
                usd: 0,
                unknown_cost: 3,
                places: 2,
            },
            more_gaps: vec![("Skill number 5".into(), 4)],
            unjudged: 2,
            not_asked: Default::default(),
            chase: vec![Chase {
                person: name(0),
                call: Verdict::NotEnough,
                skipped: 4,
                not_asked: 0,
                decide: vec!["Skill number 4".into()],
            }],
            not_placed: vec![NotPlaced {
                person: name(2),
                why: Some(Verdict::NotEnough),
            }],
            matrix: matrix(n),
            skills: skills(n),
        }
    }

    /// A team of `n` with 26 skills, the first person's name hostile.
    fn team(n: usize) -> TeamReport {
        let overview = overview(n);
        TeamReport {
            generated_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            people: n,
            failed: 2,
            reference_role: String::new(),
            reference_title: String::new(),
            best_fit_counts: vec![],
            readiness: vec![],
            not_understood: vec![],
            movement: None,
            unrated_zero: false,
            aims: None,
            groups: vec![],
            scope: None,
            overview,
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
        let h = super::overview::headlines(&team(8)).join("\n");
        assert!(h.contains("only Person 00001 has Skill number 1"), "{h}");
        assert!(h.contains("nobody has Skill number 0"), "{h}");
        assert!(h.contains("could not be read"), "{h}");
        assert!(h.contains("Biggest shared gap: Skill number 3"), "{h}");
        assert!(h.contains("chase Eve"), "{h}");
    }

    #[test]
    fn huge_teams_are_capped_and_hostile_text_never_reaches_the_page() {
        let (links, pages, text) = render(&team(10_000));
        // 500 matrix rows in two blocks, 150 people in the role section.
        assert!((15..=30).contains(&pages), "{pages} pages");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("The first 500 by name are shown"), "{flat}");
        assert!(flat.contains("team-summary.csv lists all 10,000"), "{flat}");
        assert!(
            flat.contains("EvelinRed") || flat.contains("Evelin [31mRed"),
            "{flat}"
        );
        for bad in ['\u{202E}', '\u{1b}'] {
            assert!(!text.contains(bad), "{bad:?} reached the PDF");
        }
        assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    }

    #[test]
    fn an_empty_team_still_renders_one_page() {
        let mut t = team(0);
        t.overview = TeamOverview::default();
        let (_, pages, text) = render(&t);
        assert_eq!(pages, 1);
        assert!(text.contains("Team skills summary"));
    }
}
