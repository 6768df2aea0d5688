//! Whole-plan tests: the public API end to end, on a small in-test
//! catalogue with fixed dates.

use super::choose::tests::{res, target};
use super::*;
use chrono::Weekday;

/// A date, for the plan tests here and in the schedule's.
pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Plan options starting `start` at `hpw` hours a week until `horizon`.
pub(super) fn opts(start: NaiveDate, hpw: f64, horizon: NaiveDate) -> PlanOptions {
    PlanOptions {
        start,
        hours_per_week: hpw,
        horizon_end: horizon,
        cloud: None,
    }
}

#[test]
fn default_start_is_the_monday_after() {
    let cases = [
        (d(2026, 11, 23), d(2026, 11, 30)), // Monday → next Monday
        (d(2026, 11, 24), d(2026, 11, 30)), // Tuesday
        (d(2026, 11, 25), d(2026, 11, 30)), // Wednesday
        (d(2026, 11, 26), d(2026, 11, 30)), // Thursday
        (d(2026, 11, 27), d(2026, 11, 30)), // Friday
        (d(2026, 11, 28), d(2026, 11, 30)), // Saturday
        (d(2026, 11, 29), d(2026, 11, 30)), // Sunday
        (d(2026, 11, 30), d(2026, 12, 7)),  // Monday → 7 days later
        (d(2026, 12, 31), d(2027, 1, 4)),   // across a year
    ];
    for (report, start) in cases {
        assert_eq!(default_start(report), start, "{report}");
        assert_eq!(start.weekday(), Weekday::Mon);
    }
    // No Monday after the last day of the calendar: no panic.
    assert_eq!(default_start(NaiveDate::MAX), NaiveDate::MAX);
}

#[test]
fn target_from_gap() {
    let g = Gap {
        skill: "k8s".into(),
        name: "Kubernetes".into(),
        category: "Containers".into(),
        required: 4,
        rating: Some(2.5),
        gap: 1.5,
        weight: 3,
        priority: 4.5,
        rated: true,
    };
    let t = Target::from_gap(&g);
    assert_eq!(
        t,
        Target {
            skill: "k8s".into(),
            name: "Kubernetes".into(),
            current: 2.5,
            target: 4,
            weight: 3,
            priority: 4.5,
            interest: 0,
            defining: false,
        }
    );
    let unrated = Target::from_gap(&Gap {
        rating: None,
        required: 9,
        ..g.clone()
    });
    assert_eq!((unrated.current, unrated.target), (0.0, 5));
    let nan = Target::from_gap(&Gap {
        rating: Some(f64::NAN),
        ..g
    });
    assert_eq!(nan.current, 0.0);
}

/// Containers → orchestration, with linux uncovered.
fn scenario() -> (Vec<Target>, Vec<Resource>) {
    let catalogue = vec![
        res("k8s-basics", "orchestration", 0, 2, 20, &["containers"]),
        res("k8s-ops", "orchestration", 2, 3, 10, &[]),
        res("docker", "containers", 0, 2, 10, &[]),
        res("docker-adv", "containers", 2, 3, 5, &[]),
        res("unused", "containers", 0, 1, 1, &[]),
    ];
    let targets = vec![
        target("linux", 0.5, 2, 1),         // priority 1.5, no resources
        target("containers", 1.0, 3, 2),    // priority 4
        target("orchestration", 0.0, 3, 3), // priority 9
    ];
    (targets, catalogue)
}

#[test]
fn full_plan_with_prerequisites_dates_milestones_and_uncovered() {
    let (targets, catalogue) = scenario();
    let plan = build_plan(
        &targets,
        &catalogue,
        &opts(d(2026, 11, 30), 5.0, d(2027, 12, 31)),
        &|_| None,
    );
    let items: Vec<_> = plan
        .items
        .iter()
        .map(|i| {
            (
                i.resource.id.as_str(),
                i.from,
                i.to,
                i.hours,
                i.start,
                i.end,
            )
        })
        .collect();
    // Cumulative hours 10, 15, 35, 45 at 5 h/week → day offsets 14, 21, 49, 63.
    assert_eq!(
        items,
        [
            ("docker", 1.0, 2, 10, d(2026, 11, 30), d(2026, 12, 13)),
            ("docker-adv", 2.0, 3, 5, d(2026, 12, 14), d(2026, 12, 20)),
            ("k8s-basics", 0.0, 2, 20, d(2026, 12, 21), d(2027, 1, 17)),
            ("k8s-ops", 2.0, 3, 10, d(2027, 1, 18), d(2027, 1, 31)),
        ]
    );
    let milestones: Vec<_> = plan
        .milestones
        .iter()
        .map(|m| (m.date, m.name.as_str(), m.from, m.to))
        .collect();
    assert_eq!(
        milestones,
        [
            (d(2026, 12, 13), "CONTAINERS", 1.0, 2),
            (d(2026, 12, 20), "CONTAINERS", 2.0, 3),
            (d(2027, 1, 17), "ORCHESTRATION", 0.0, 2),
            (d(2027, 1, 31), "ORCHESTRATION", 2.0, 3),
        ]
    );
    assert!(plan.later.is_empty());
    assert_eq!(plan.later_hours, 0);
    assert_eq!(
        plan.uncovered,
        [Uncovered {
            skill: "linux".into(),
            name: "LINUX".into(),
            from: 0,
        }]
    );
    assert_eq!(plan.start, d(2026, 11, 30));
    assert_eq!(plan.horizon_end, d(2027, 12, 31));
    assert_eq!(plan.hours_per_week, 5.0);
}

#[test]
fn horizon_cut_goes_to_later_with_hours() {
    let (targets, catalogue) = scenario();
    // k8s-basics would end 2027-01-17, after the horizon.
    let plan = build_plan(
        &targets,
        &catalogue,
        &opts(d(2026, 11, 30), 5.0, d(2027, 1, 10)),
        &|_| None,
    );
    let ids: Vec<_> = plan.items.iter().map(|i| i.resource.id.as_str()).collect();
    assert_eq!(ids, ["docker", "docker-adv"]);
    let later: Vec<_> = plan
        .later
        .iter()
        .map(|l| (l.resource.id.as_str(), l.from, l.to, l.hours))
        .collect();
    assert_eq!(later, [("k8s-basics", 0.0, 2, 20), ("k8s-ops", 2.0, 3, 10)]);
    assert_eq!(plan.later_hours, 30);
    assert_eq!(plan.milestones.len(), 2);
    assert_eq!(plan.milestones[1].date, d(2026, 12, 20));
}

#[test]
fn empty_inputs_give_an_empty_plan() {
    let o = opts(d(2026, 11, 30), 5.0, d(2027, 5, 31));
    let (targets, catalogue) = scenario();
    for plan in [
        build_plan(&[], &catalogue, &o, &|_| None),
        build_plan(&[], &[], &o, &|_| None),
    ] {
        assert_eq!(
            plan,
            Plan {
                start: d(2026, 11, 30),
                hours_per_week: 5.0,
                horizon_end: d(2027, 5, 31),
                items: vec![],
                milestones: vec![],
                later: vec![],
                later_hours: 0,
                uncovered: vec![],
                total_hours: 0,
                done_by: None,
                faster: None,
                skills: vec![],
                hands_on_hours: 0,
                cost: Default::default(),
            }
        );
    }
    // Targets but no catalogue: everything uncovered, nothing scheduled.
    let plan = build_plan(&targets, &[], &o, &|_| None);
    assert!(plan.items.is_empty() && plan.later.is_empty());
    let unc: Vec<_> = plan
        .uncovered
        .iter()
        .map(|u| (u.skill.as_str(), u.from))
        .collect();
    assert_eq!(unc, [("orchestration", 0), ("containers", 1), ("linux", 0)]);
}

#[test]
fn hostile_inputs_do_not_panic() {
    let (_, mut catalogue) = scenario();
    catalogue.push(res("huge", "big", 0, 5, u32::MAX, &[]));
    catalogue.push(res("huge2", "big", 0, 5, u32::MAX, &["big"]));
    let mut weird = target("big", f64::NAN, 200, 255);
    weird.priority = f64::NAN;
    let targets = [
        weird,
        target("containers", 7.0, 3, 1), // current above target: skipped
        target("orchestration", -2.0, 0, 1),
    ];
    for (start, hpw, horizon) in [
        (d(2026, 1, 1), 0.1, d(2026, 2, 1)),
        (d(2026, 1, 1), 1e-300, NaiveDate::MAX),
        (NaiveDate::MAX, 5.0, NaiveDate::MIN),
        (NaiveDate::MIN, f64::MAX, NaiveDate::MAX),
        (d(2026, 1, 1), f64::NAN, d(2027, 1, 1)),
    ] {
        let plan = build_plan(&targets, &catalogue, &opts(start, hpw, horizon), &|_| None);
        assert_eq!(plan.items.len() + plan.later.len(), 1);
        assert!(serde_json::to_string(&plan).is_ok());
    }
}

#[test]
fn same_inputs_same_plan() {
    let (targets, catalogue) = scenario();
    let o = opts(d(2026, 11, 30), 3.5, d(2027, 3, 1));
    let mut reversed = targets.clone();
    reversed.reverse();
    let mut cat_rev = catalogue.clone();
    cat_rev.reverse();
    assert_eq!(
        build_plan(&targets, &catalogue, &o, &|_| None),
        build_plan(&reversed, &cat_rev, &o, &|_| None)
    );
}

#[test]
fn json_field_names_and_date_format() {
    let mut r = res("docker", "containers", 0, 2, 10, &[]);
    r.url = Some("https://example.com/docker".into());
    r.cost = Some(crate::model::Cost::Paid { usd: 40 });
    let plan = build_plan(
        &[target("containers", 0.0, 2, 2), target("linux", 0.0, 1, 1)],
        &[r, res("big", "containers", 2, 3, 100, &[])],
        &opts(d(2026, 11, 30), 5.0, d(2026, 12, 31)),
        &|_| None,
    );
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "start": "2026-11-30",
            "hours_per_week": 5.0,
            "horizon_end": "2026-12-31",
            "items": [{
                "skill": "containers",
                "name": "CONTAINERS",
                "from": 0,
                "to": 2,
                "resource": {
                    "id": "docker",
                    "kind": "book",
                    "title": "Title docker",
                    "provider": "Provider",
                    "url": "https://example.com/docker",
                    "cost": { "kind": "paid", "usd": 40 }
                },
                "hours": 10,
                "start": "2026-11-30",
                "end": "2026-12-13"
            }],
            "milestones": [{
                "date": "2026-12-13",
                "skill": "containers",
                "name": "CONTAINERS",
                "from": 0,
                "to": 2
            }],
            "later": [],
            "later_hours": 0,
            "uncovered": [{ "skill": "linux", "name": "LINUX", "from": 0 }],
            "total_hours": 10,
            "done_by": "2026-12-13",
            // 10 h at 8 h/week: 8.75 days.
            "faster": { "hours_per_week": 8.0, "done_by": "2026-12-08" },
            "skills": [{
                "skill": "containers",
                "name": "CONTAINERS",
                "from": 0,
                "to": 2,
                "reached": "2026-12-13",
                "done_by": "2026-12-13",
                "defining": false,
                "wanted": false,
                "needed_by": []
            }],
            "hands_on_hours": 0,
            "cost": { "usd": 40, "exam_usd": 0, "unpriced": 0 }
        })
    );
    let text = serde_json::to_string(&plan).unwrap();
    assert!(text.contains(r#""end":"2026-12-13""#), "{text}");
}

#[test]
fn the_whole_plan_has_an_end_and_half_levels_stay() {
    // 20 h in the window (4 weeks at 5 h/week), 30 h after it.
    let cat = [res("a", "s", 2, 3, 20, &[]), res("b", "t", 0, 2, 30, &[])];
    let plan = build_plan(
        &[target("s", 2.5, 3, 9), target("t", 0.0, 2, 1)],
        &cat,
        &opts(d(2026, 11, 30), 5.0, d(2027, 1, 3)),
        &|_| None,
    );
    assert_eq!(plan.items.len(), 1);
    assert_eq!(plan.later.len(), 1);
    assert_eq!((plan.total_hours, plan.later_hours), (50, 30));
    // 50 h at 5 h/week: 70 days from 2026-11-30, last day 2027-02-07.
    assert_eq!(plan.done_by, Some(d(2027, 2, 7)));
    // At 8 h/week: 43.75 days → 44, last day 2027-01-12.
    assert_eq!(
        plan.faster,
        Some(Budget {
            hours_per_week: 8.0,
            done_by: d(2027, 1, 12)
        })
    );
    assert_eq!(plan.items[0].from, 2.5);
    assert_eq!(plan.milestones[0].from, 2.5);
    let s: Vec<_> = plan
        .skills
        .iter()
        .map(|s| (s.skill.as_str(), s.from, s.reached, s.done_by))
        .collect();
    assert_eq!(
        s,
        [
            ("s", 2.5, Some(d(2026, 12, 27)), Some(d(2026, 12, 27))),
            ("t", 0.0, None, Some(d(2027, 2, 7))),
        ]
    );
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["items"][0]["from"], serde_json::json!(2.5));
    assert_eq!(json["later"][0]["from"], serde_json::json!(0));
}

#[test]
fn defining_targets_come_after_wanted_and_before_the_rest() {
    let cat = [
        res("a", "a", 0, 1, 1, &[]),
        res("b", "b", 0, 1, 1, &[]),
        res("c", "c", 0, 1, 1, &[]),
    ];
    let top = target("a", 0.0, 1, 3); // priority 3
    let mut defining = target("b", 0.0, 1, 1); // priority 1
    defining.defining = true;
    let mut wanted = target("c", 0.0, 1, 1);
    wanted.interest = 3;
    let plan = build_plan(
        &[top, defining, wanted],
        &cat,
        &opts(d(2026, 11, 30), 5.0, d(2027, 12, 31)),
        &|_| None,
    );
    let order: Vec<_> = plan.items.iter().map(|i| i.skill.as_str()).collect();
    assert_eq!(order, ["c", "b", "a"]);
    assert!(plan.skills[0].wanted && plan.skills[1].defining);
}

#[test]
fn bigger_budget_is_half_as_much_again() {
    assert_eq!(bigger_budget(5.0), Some(8.0));
    assert_eq!(bigger_budget(10.0), Some(15.0));
    assert_eq!(bigger_budget(1.0), Some(2.0));
    assert_eq!(bigger_budget(0.0), None);
    assert_eq!(bigger_budget(f64::NAN), None);
}

#[test]
fn plan_hours_is_the_dated_plans_total_and_uncovered() {
    // A window that cuts the plan: the total still counts what comes later.
    let (targets, catalogue) = scenario();
    let library = Library::new(&catalogue);
    let plan = build_plan_from(
        &targets,
        &library,
        &opts(d(2026, 11, 30), 5.0, d(2027, 1, 10)),
        &|_| None,
        "",
    );
    assert_eq!(plan.total_hours, 45);
    assert_eq!(
        plan_hours(&targets, &library, None, &|_| None),
        (plan.total_hours, plan.uncovered.len())
    );
    assert_eq!(plan.uncovered.len(), 1);
}
