//! Properties that hold for every input, checked on generated ones through
//! the public library API: ingestion never panics and only yields sane
//! ratings; fit stays within 0–100 and gaps are never negative; plan dates
//! never go backwards; the JSON report round-trips.

use crate::common::catalog;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use skillgap::analysis::Analysis;
use skillgap::analysis::report::Report;
use skillgap::ingest::{ReadOptions, read_table};
use skillgap::model::{Assessment, Rated, RatingSource, UnratedPolicy, analyse_role};
use skillgap::plan::{PlanOptions, Target, build_plan};
use skillgap::render::{Json, Render};
use skillgap::text::is_unsafe_char;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Reads `bytes` and checks what came out; never panics by construction of
/// the property (a panic inside `read_table` fails the test).
fn read_and_check(bytes: &[u8]) {
    for delimiter in [None, Some(b'\t')] {
        let opts = ReadOptions {
            delimiter,
            ..ReadOptions::default()
        };
        let Ok(t) = read_table("prop.csv", bytes, &opts) else {
            continue;
        };
        for r in &t.rows {
            assert!(r.line >= 1 && r.column >= 1, "{r:?}");
            if let Some(v) = r.value {
                assert!((0.0..=5.0).contains(&v), "{r:?}");
            }
            for s in [Some(&r.skill), r.person.as_ref(), r.email.as_ref()]
                .into_iter()
                .flatten()
            {
                assert!(!s.chars().any(is_unsafe_char), "{s:?}");
                assert!(!s.contains(['\n', '\r', '\t']), "{s:?}");
            }
        }
        for p in &t.problems {
            assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        }
    }
}

/// Equal JSON, numbers within a few ulps: serde_json's default float
/// parser (without its `float_roundtrip` feature) may be one ulp off, e.g.
/// 1.8000000000000005 reads back as 1.8000000000000003.
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value::*;
    match (a, b) {
        (Number(x), Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => {
                x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
            }
            _ => x == y,
        },
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Object(x), Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// CSV-shaped text: headers the reader knows, then cells made of the
/// characters that matter to it (delimiters, quotes, line breaks, digits,
/// signs, labels, controls and bidi marks).
fn csv_like() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "Skill,Rating\n",
        "Person,Skill,Rating,Notes\n",
        "Name,Email,Docker,Kubernetes,Go\n",
        "Timestamp,Email Address,How would you rate [Docker],How would you rate [Git]\n",
        "ID,Start time,Completion time,Email,Name,Terraform\n",
        "sep=;\nPerson;Skill;Rating\n",
        "Skill\tRating\tDate\n",
        "",
    ]);
    let cell = prop::sample::select(vec![
        "Docker",
        "k8s",
        "CI/CD",
        "3",
        "3.5",
        "3,5",
        "-1",
        "7",
        "NaN",
        "inf",
        "60%",
        "Expert",
        "n/a",
        "",
        " ",
        "\"",
        "\"\"",
        "\"a,b\"",
        ",",
        ";",
        "\t",
        "|",
        "\n",
        "\r\n",
        "\u{1b}[2J",
        "\u{202e}",
        "\u{2066}x\u{2069}",
        "Łukasz",
        "李雷",
        "2026-11-26",
        "26/11/2026",
        "\u{feff}",
    ]);
    (header, prop::collection::vec(cell, 0..60))
        .prop_map(|(h, cells)| format!("{h}{}", cells.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn ingestion_never_panics_on_any_string(s in any::<String>()) {
        read_and_check(s.as_bytes());
    }

    #[test]
    fn ingestion_never_panics_on_any_bytes(b in prop::collection::vec(any::<u8>(), 0..512)) {
        read_and_check(&b);
    }

    #[test]
    fn ingestion_never_panics_on_csv_like_text(s in csv_like()) {
        read_and_check(s.as_bytes());
    }
}

/// An assessment rating some catalogue skills (by index) with values in
/// tenths of a level, 0.0–5.0.
fn assessment() -> impl Strategy<Value = Assessment> {
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..=50), 0..80).prop_map(|picks| {
        let skills = &catalog().skills;
        let mut ratings = BTreeMap::new();
        for (line, (i, tenths)) in picks.into_iter().enumerate() {
            let s = i.get(skills);
            ratings.insert(
                s.id.clone(),
                Rated {
                    value: f64::from(tenths) / 10.0,
                    source: RatingSource::Direct {
                        typed: vec![s.name.clone()],
                        lines: vec![line + 2],
                    },
                },
            );
        }
        Assessment {
            person: "Prop Person".into(),
            ratings,
            ..Assessment::default()
        }
    })
}

/// Plan options as `config` accepts them: any start from 1990 to 2150,
/// 0.1–168 hours a week, 1–520 weeks.
fn plan_options() -> impl Strategy<Value = PlanOptions> {
    (0u64..60_000, 1u32..=1680, 1u64..=520).prop_map(|(day, tenth_hours, weeks)| {
        let start = NaiveDate::from_ymd_opt(1990, 1, 1)
            .unwrap()
            .checked_add_days(Days::new(day))
            .unwrap();
        PlanOptions {
            start,
            hours_per_week: f64::from(tenth_hours) / 10.0,
            horizon_end: start.checked_add_days(Days::new(weeks * 7 - 1)).unwrap(),
            cloud: None,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn fit_is_within_0_and_100_and_gaps_are_never_negative(a in assessment()) {
        let c = catalog();
        for (role, policy) in c.roles.iter().flat_map(|r| [(r, UnratedPolicy::Skip), (r, UnratedPolicy::Zero)]) {
            let fit = analyse_role(&a, role, &c.by_id, policy);
            prop_assert!((0.0..=100.0).contains(&fit.fit), "{}: {}", role.id, fit.fit);
            prop_assert!((0.0..=100.0).contains(&fit.coverage), "{}: {}", role.id, fit.coverage);
            // Only a rating given is a number: every requirement is a gap,
            // a strength, or — when not rated and not counted as 0 — open.
            prop_assert_eq!(
                fit.gaps.len() + fit.strengths.len() + fit.unassessed.len(),
                role.requirements.len()
            );
            prop_assert_eq!(fit.rated, fit.gaps.iter().filter(|g| g.rated).count() + fit.strengths.len());
            if policy == UnratedPolicy::Skip {
                prop_assert!(fit.gaps.iter().all(|g| g.rated), "an unrated skill became a gap");
            }
            for g in &fit.gaps {
                prop_assert!(g.gap > 0.0, "{g:?}");
                prop_assert!(g.priority >= 0.0, "{g:?}");
                let rating = g.rating.unwrap_or(0.0);
                prop_assert_eq!(g.gap, (f64::from(g.required) - rating).max(0.0));
            }
            for s in &fit.strengths {
                prop_assert!(s.rating >= f64::from(s.required), "{s:?}");
            }
        }
    }

    #[test]
    fn plan_dates_never_go_backwards(a in assessment(), opts in plan_options()) {
        let c = catalog();
        let role = &c.roles[0];
        let fit = analyse_role(&a, role, &c.by_id, UnratedPolicy::Zero);
        let targets: Vec<Target> = fit.gaps.iter().map(Target::from_gap).collect();
        let plan = build_plan(&targets, &c.resources, &opts, &|_| None);
        // Items start one after the other; a recurring practice runs on
        // alongside the items after it, every other item is one block.
        let mut previous_start: Option<NaiveDate> = None;
        let mut block_end: Option<NaiveDate> = None;
        for item in &plan.items {
            prop_assert!(item.start <= item.end, "{item:?}");
            prop_assert!(item.start >= opts.start && item.end <= opts.horizon_end, "{item:?}");
            match previous_start {
                None => prop_assert_eq!(item.start, opts.start),
                Some(s) => prop_assert!(item.start > s, "{item:?} starts by {s}"),
            }
            if let Some(end) = block_end {
                prop_assert!(item.start > end, "{item:?} starts by {end}");
            }
            previous_start = Some(item.start);
            // Work spread over calendar weeks runs alongside too.
            if item.resource.sessions.is_none() && item.resource.weeks.is_none_or(|w| w < 2) {
                block_end = block_end.max(Some(item.end));
            }
        }
        for w in plan.milestones.windows(2) {
            prop_assert!(w[0].date <= w[1].date, "{:?}", w);
        }
        // One milestone per dated item, except the reading of a
        // read-then-do pair: the level is reached by the doing after it.
        let next: Vec<(&str, u8)> = plan
            .items
            .iter()
            .map(|i| (i.skill.as_str(), i.to))
            .chain(plan.later.iter().map(|l| (l.skill.as_str(), l.to)))
            .skip(1)
            .collect();
        let reaching = plan
            .items
            .iter()
            .enumerate()
            .filter(|(k, i)| next.get(*k) != Some(&(i.skill.as_str(), i.to)))
            .count();
        prop_assert_eq!(plan.milestones.len(), reaching);
    }

    #[test]
    fn json_report_round_trips(a in assessment(), opts in plan_options(), mask in 1u8..32) {
        let c = catalog();
        let roles: Vec<String> = c
            .roles
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, r)| r.id.to_string())
            .collect();
        let today = opts.start;
        let mut settings = Analysis::new(c, &roles, today, &opts);
        if mask & 1 == 1 {
            settings.unrated = UnratedPolicy::Zero;
        }
        let report = Report::build(&settings, &a, "prop.csv", vec!["a note".into()], Some(&opts), None);
        let bytes = Json.render(&report).unwrap().bytes;
        let back: Report = serde_json::from_slice(&bytes).unwrap();
        let (want, got) = (serde_json::to_value(&report).unwrap(), serde_json::to_value(&back).unwrap());
        prop_assert!(same(&want, &got), "{want}\n{got}");
        let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        // The file carries its format version beside the report's fields.
        let version = value.as_object_mut().unwrap().remove("schema_version");
        prop_assert_eq!(version, Some(skillgap::render::json::SCHEMA_VERSION.into()));
        prop_assert!(same(&value, &got));
    }
}

/// Every name and alias of the catalogue with its skill id.
fn catalogue_names() -> &'static [(String, String)] {
    static N: OnceLock<Vec<(String, String)>> = OnceLock::new();
    N.get_or_init(|| {
        catalog()
            .skills
            .iter()
            .flat_map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(|n| (n.clone(), s.id.to_string()))
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A label that matches one skill whole ("CI/CD", "Backup & disaster
    /// recovery", any case and spacing) is never split.
    #[test]
    fn splitting_never_breaks_a_label_that_matched_whole(
        i in 0usize..10_000,
        upper in any::<bool>(),
        pad in 0usize..3,
    ) {
        let names = catalogue_names();
        let (name, id) = &names[i % names.len()];
        let cased = if upper { name.to_uppercase() } else { name.to_lowercase() };
        let typed = format!("{}{cased}{}", " ".repeat(pad), " ".repeat(pad));
        let m = &catalog().matcher;
        prop_assume!(m.find(&typed) == Some(id.as_str()));
        let label = m.resolve(&typed);
        prop_assert!(!label.is_split(), "{typed:?} was split: {label:?}");
        prop_assert_eq!(label.ids(), vec![id.as_str()]);
    }

    /// Two known names joined the way surveys join them are both found,
    /// even when a name holds the separator itself ("CI/CD / Go").
    #[test]
    fn combined_known_names_find_every_part(
        i in 0usize..10_000,
        j in 0usize..10_000,
        sep in prop::sample::select(vec![" & ", " / ", "/", ", ", " and ", " or ", " + "]),
    ) {
        let names = catalogue_names();
        let (a, id_a) = &names[i % names.len()];
        let (b, id_b) = &names[j % names.len()];
        // Bracketed names are read as "X (qualifier)"; skip them here.
        prop_assume!(!a.contains('(') && !b.contains('('));
        let typed = format!("{a}{sep}{b}");
        let m = &catalog().matcher;
        prop_assume!(m.find(&typed).is_none());
        let label = m.resolve(&typed);
        let ids = label.ids();
        prop_assert!(ids.contains(&id_a.as_str()) && ids.contains(&id_b.as_str()),
            "{typed:?} → {ids:?}");
    }
}
