//! Renders hand-made, hostile reports: nothing may panic, every result must
//! parse, and hostile text must not reach the page.

use super::Pdf;
use super::draw::{Fonts, PageSize};
use crate::analysis::report::Report;
use crate::render::Render;
use serde_json::json;

fn gap(skill: &str, required: u8, rating: Option<f64>, weight: u8) -> serde_json::Value {
    let r = rating.unwrap_or(0.0);
    let g = (f64::from(required) - r).max(0.0);
    json!({
        "skill": skill, "name": skill, "category": "Category", "required": required,
        "rating": rating, "gap": g, "weight": weight, "priority": g * f64::from(weight),
        "rated": rating.is_some()
    })
}

fn item(name: &str, start: &str, end: &str, url: Option<&str>) -> serde_json::Value {
    json!({
        "skill": name, "name": name, "from": 1, "to": 2,
        "resource": {"id": "r", "kind": "book", "title": format!("Title for {name}"),
                     "provider": "Provider", "url": url},
        "hours": 10, "start": start, "end": end
    })
}

fn base() -> Report {
    serde_json::from_value(json!({
        "person": "Test Person", "email": null, "assessed_on": null,
        "generated_on": "2026-11-26", "source": "test.csv", "best_fit": "a",
        "direction": {"best": "a", "runner_up": "b", "summary": "A is ahead.",
            "deciding": [{"skill": "x", "name": "X", "rating": null,
                          "best_required": 3, "runner_up_required": null, "effect": 1.0}]},
        "roles": [
            {"id": "a", "title": "Role A", "fit": 50.0, "core_gaps": 1,
             "gaps": [gap("x", 3, None, 3), gap("y", 4, Some(0.0), 2)],
             "strengths": [{"skill": "z", "name": "Z", "category": "Other",
                            "required": 2, "rating": 5.0, "weight": 1}]},
            {"id": "b", "title": "Role B", "fit": 40.0, "core_gaps": 0,
             "gaps": [], "strengths": []}
        ],
        "rated_skills": 2, "ratings": [], "unrated": [{"skill": "x", "name": "X", "left_blank": true}],
        "unknown_skills": [{"name": "Zzz", "line": 3, "suggestion": null}],
        "notes": ["A note."],
        "plan": {"start": "2026-11-30", "hours_per_week": 5.0, "horizon_end": "2027-05-30",
                 "items": [item("x", "2026-11-30", "2026-12-20", Some("javascript:alert(1)")),
                           item("y", "2027-01-10", "2026-12-01", Some("https://example.org/y"))],
                 "milestones": [{"date": "2026-12-20", "skill": "x", "name": "X",
                                 "from": 0, "to": 3}],
                 "later": [], "later_hours": 0,
                 "uncovered": [{"skill": "q", "name": "Q", "from": 2}]},
        "plan_goal": "Close the gaps."
    }))
    .expect("valid test report")
}

fn render(r: &Report) -> Vec<u8> {
    let pdf = Pdf {
        fonts: Fonts::dejavu_only().unwrap(),
        paper: PageSize::A4,
    };
    let bytes = pdf.render(r).expect("renders").bytes;
    let doc = lopdf::Document::load_mem(&bytes).expect("parses");
    assert!(!doc.get_pages().is_empty());
    bytes
}

fn text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

#[test]
fn base_report_renders_without_unsafe_links() {
    let bytes = render(&base());
    let raw = String::from_utf8_lossy(&bytes).to_string();
    assert!(!raw.contains("javascript"));
    let t = text(&bytes);
    assert!(t.contains("Title for x") && t.contains("Q: no catalogue resource"));
}

#[test]
fn non_finite_numbers_and_extreme_text() {
    let mut r = base();
    r.roles[0].fit = f64::NAN;
    r.roles[1].fit = f64::INFINITY;
    r.roles[0].gaps[1].rating = Some(f64::NAN);
    r.roles[0].strengths[0].rating = f64::NEG_INFINITY;
    r.person = "W".repeat(400);
    r.roles[0].title = "Very long role title ".repeat(20);
    r.roles[0].gaps[0].name = "Supercalifragilistic".repeat(10);
    r.source = "\u{202E}gpj.exe\u{1b}[2J".into();
    let t = text(&render(&r));
    assert!(!t.contains('\u{202E}') && !t.contains('\u{1b}'));
    assert!(t.contains("gpj.exe[2J"));
}

#[test]
fn empty_shapes() {
    let mut r = base();
    r.roles.clear();
    r.direction = None;
    r.best_fit = None;
    render(&r);

    let mut r = base();
    r.plan = None;
    r.plan_goal = None;
    render(&r);

    let mut r = base();
    if let Some(p) = r.plan.as_mut() {
        p.items.clear();
        p.milestones.clear();
        p.uncovered.clear();
        p.hours_per_week = 0.0;
    }
    let t = text(&render(&r));
    assert!(t.contains("No study hours per week"), "{t}");

    let mut r = base();
    r.rated_skills = 0;
    r.unknown_skills.clear();
    let t = text(&render(&r));
    assert!(t.contains("No skill matched the catalogue"), "{t}");
}

#[test]
fn many_roles_gaps_and_items_flow_over_pages() {
    let mut r = base();
    let role = r.roles[0].clone();
    r.roles = (0..40)
        .map(|i| {
            let mut f = role.clone();
            f.id = format!("r{i}").into();
            f.title = format!("Role {i}");
            f.gaps = (0..80)
                .map(|g| serde_json::from_value(gap(&format!("s{g}"), 5, Some(1.0), 2)).unwrap())
                .collect();
            f
        })
        .collect();
    if let Some(p) = r.plan.as_mut() {
        p.items = (0..120)
            .map(|i| {
                serde_json::from_value(item(&format!("i{i}"), "2026-11-30", "2031-01-01", None))
                    .unwrap()
            })
            .collect();
    }
    let bytes = render(&r);
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert!(doc.get_pages().len() > 8);
}

#[test]
fn progress_opinions_and_interest_with_hostile_and_extreme_values() {
    let mut r = base();
    let evil = "Ev\u{202E}il\u{1b}[31m";
    let raters: Vec<String> = ["self", "manager", "peer"]
        .into_iter()
        .map(String::from)
        .chain((0..12).map(|i| format!("{evil} coach {i}")))
        .collect();
    let other: serde_json::Map<String, serde_json::Value> = raters[3..]
        .iter()
        .map(|r| (r.clone(), json!(2.5)))
        .collect();
    let rows: Vec<serde_json::Value> = (0..60)
        .map(|i| {
            json!({"skill": format!("s{i}"), "name": format!("{evil} skill {i}"),
                   "self": 5.0, "manager": if i % 2 == 0 { json!(0.0) } else { json!(null) },
                   "peer": 1.5, "other": other})
        })
        .collect();
    let diffs: Vec<serde_json::Value> = (0..60)
        .map(|i| {
            json!({"skill": format!("s{i}"), "name": format!("{evil} skill {i}"), "self": 5.0,
                   "rater": raters[i % raters.len()], "rating": 0.0, "difference": -5.0})
        })
        .collect();
    let extra = json!({
        "previous": {"assessed_on": null, "source": evil, "best_fit": null,
            "fits": [{"role": "a", "title": "W".repeat(300), "before": 0.0, "now": 100.0,
                      "change": 100.0},
                     {"role": "b", "title": "Role B", "before": 90.0, "now": 10.0,
                      "change": -80.0}],
            "deltas": (0..80).map(|i| json!({"skill": format!("d{i}"), "name": evil,
                "before": if i % 3 == 0 { json!(null) } else { json!(1.0) },
                "now": if i % 5 == 0 { json!(null) } else { json!(4.5) }, "change": 3.5}))
                .collect::<Vec<_>>(),
            "unchanged": 0,
            "milestones_reached": [{"date": "2026-12-20", "skill": "x", "name": evil,
                                    "from": 0, "to": 3}],
            "milestones_open": [{"date": "2026-12-21", "skill": "y", "name": "Y",
                                 "from": 3, "to": 5}]},
        "raters": {"basis": evil, "raters": raters, "by_skill": rows, "differences": diffs},
        "interest": (0..30).map(|i| json!({"skill": if i == 0 { "x".to_string() }
                                               else { format!("i{i}") },
                                           "name": format!("{evil} {i}"), "level": i % 4}))
            .collect::<Vec<_>>()
    });
    let mut v = serde_json::to_value(&r).unwrap();
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    r = serde_json::from_value(v).expect("valid extended report");
    let t = text(&render(&r));
    assert!(!t.contains('\u{202E}') && !t.contains('\u{1b}'));
    for want in [
        "Progress since",
        "Second opinions",
        "Wants to grow",
        "more raters",
    ] {
        assert!(t.contains(want), "missing {want}");
    }
}

#[test]
fn chart_hatching_is_one_form_not_line_by_line() {
    let bytes = render(&base());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let (mut forms_drawn, mut diagonals) = (0, 0);
    let num = |o: &lopdf::Object| o.as_float().unwrap_or(f32::NAN);
    for (_, page) in doc.get_pages() {
        let content = doc.get_page_content(page);
        let mut from = (0.0, 0.0);
        for op in lopdf::content::Content::decode(&content)
            .unwrap()
            .operations
        {
            match op.operator.as_str() {
                "Do" => forms_drawn += 1,
                "m" => from = (num(&op.operands[0]), num(&op.operands[1])),
                "l" => {
                    let (dx, dy) = (num(&op.operands[0]) - from.0, num(&op.operands[1]) - from.1);
                    if dx != 0.0 && (dx.abs() - dy.abs()).abs() < 1.0 {
                        diagonals += 1;
                    }
                }
                _ => {}
            }
        }
    }
    // Y's gap (0 of 4) is hatched: drawn by the form, with none of its
    // 45° lines in the page content.
    assert!(forms_drawn >= 1, "no hatch form drawn");
    assert_eq!(diagonals, 0, "hatch lines drawn one by one");
}

#[test]
fn chart_legend_says_what_happened_to_unrated_skills() {
    let legend_of = |r: &Report| {
        let t = text(&render(r));
        (
            t.contains("“not rated” counts as 0"),
            t.contains("Left out of the fit, never counted as 0."),
        )
    };
    // A gap without a rating: it was counted as 0 (`--unrated zero`).
    assert_eq!(legend_of(&base()), (true, false));
    // Everything rated: the legend says nothing about unrated skills, and
    // never that one counts as 0.
    let mut all_rated = base();
    all_rated.roles[0].gaps.retain(|g| g.rating.is_some());
    assert_eq!(legend_of(&all_rated), (false, false));
    // Left out of the fit (the default): no row, listed after the chart
    // as left out, never 0.
    let mut left_out = all_rated.clone();
    left_out.roles[0].unassessed.push(crate::model::Unassessed {
        skill: "x".into(),
        name: "X".into(),
        category: "Category".into(),
        required: 3,
        weight: 3,
        state: crate::model::RatingState::NotRated,
    });
    assert_eq!(legend_of(&left_out), (false, true));
}
