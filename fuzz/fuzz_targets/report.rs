//! The whole report path: ratings → analysis → plan → JSON, text and PDF.
//!
//! Layout of an input: 7 option bytes (hours per week, horizon, start day,
//! paper and mode, role mask), then either a ratings file (odd mode byte;
//! the seeds are samples/ behind 7 option bytes) read and assessed like
//! `skillgap report` does, or (even) arbitrary ratings, names, unknown
//! skills and notes built straight into an assessment.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use skillgap::assessment::{DuplicatePolicy, assess, by_person};
use skillgap::catalog::Catalog;
use skillgap::ingest::{ReadOptions, read_table};
use skillgap::model::{Assessment, Rated, RatingSource, UnknownSkill};
use skillgap::plan::PlanOptions;
use skillgap::render::pdf::draw::{Fonts, PageSize};
use skillgap::render::{Json, Pdf, Render, Text};
use skillgap::report::Report;
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::builtin().expect("built-in templates"))
}

fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| Fonts::dejavu_only().expect("DejaVu Sans"))
}

/// Arbitrary ratings for the structured mode.
#[derive(Debug, Arbitrary)]
struct Ratings {
    person: String,
    email: Option<String>,
    /// (skill index, level in tenths: 0..=50).
    ratings: Vec<(u8, u8)>,
    blank: Vec<u8>,
    unknown: Vec<(String, u16)>,
    notes: Vec<String>,
    assessed_days: Option<u16>,
}

fn render_all(report: &Report, paper: PageSize) {
    for f in &report.roles {
        assert!((0.0..=100.0).contains(&f.fit), "fit {} outside 0–100", f.fit);
        for g in &f.gaps {
            assert!(g.gap >= 0.0 && g.priority >= 0.0, "{g:?}");
        }
    }
    if let Some(plan) = &report.plan {
        for item in &plan.items {
            assert!(item.start <= item.end, "{item:?}");
            assert!(item.start >= plan.start && item.end <= plan.horizon_end, "{item:?}");
        }
        for w in plan.items.windows(2) {
            assert!(w[0].end <= w[1].start, "items overlap: {:?}", w);
        }
        for w in plan.milestones.windows(2) {
            assert!(w[0].date <= w[1].date, "milestones out of order");
        }
    }
    let json = Json.render(report).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(v["person"].as_str(), Some(report.person.as_str()));
    Text { color: false }.render(report).unwrap();
    let pdf = Pdf {
        fonts: fonts().clone(),
        paper,
    }
    .render(report)
    .unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"));
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(opts) = <[u8; 7]>::arbitrary(&mut u) else {
        return;
    };
    let [hours, h1, h2, s1, s2, mode, mask] = opts;
    let hours_per_week = f64::from(hours.max(1)) * 168.0 / 255.0;
    let weeks = u64::from(u16::from_le_bytes([h1, h2]) % 520) + 1;
    let base = NaiveDate::from_ymd_opt(2000, 1, 3).unwrap();
    let today = base
        .checked_add_days(Days::new(u64::from(u16::from_le_bytes([s1, s2])) * 2))
        .unwrap();
    let start = skillgap::plan::default_start(today);
    let plan = PlanOptions {
        start,
        hours_per_week,
        horizon_end: start.checked_add_days(Days::new(weeks * 7 - 1)).unwrap(),
    };
    let paper = if mode & 2 == 0 {
        PageSize::A4
    } else {
        PageSize::Letter
    };
    let c = catalog();
    let roles: Vec<String> = c
        .roles
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, r)| r.id.clone())
        .collect();

    if mode & 1 == 1 {
        let bytes = u.take_rest();
        let Ok(table) = read_table("fuzz.csv", bytes, &ReadOptions::default()) else {
            return;
        };
        for group in by_person(&table).iter().take(2) {
            let Ok(a) = assess("fuzz.csv", &table, group, c, DuplicatePolicy::Max, "Fuzz") else {
                continue;
            };
            let report = Report::build(&a.assessment, c, &roles, today, "fuzz.csv", a.notes, Some(&plan));
            render_all(&report, paper);
        }
        return;
    }

    let Ok(r) = Ratings::arbitrary(&mut u) else {
        return;
    };
    let mut ratings = std::collections::BTreeMap::new();
    for (line, (idx, tenths)) in r.ratings.iter().take(200).enumerate() {
        let skill = &c.skills[usize::from(*idx) % c.skills.len()];
        ratings.insert(
            skill.id.clone(),
            Rated {
                value: f64::from(tenths % 51) / 10.0,
                source: RatingSource::Direct {
                    typed: vec![skill.name.clone()],
                    lines: vec![line + 2],
                },
            },
        );
    }
    let assessment = Assessment {
        person: r.person,
        email: r.email,
        assessed_on: r
            .assessed_days
            .and_then(|d| base.checked_add_days(Days::new(u64::from(d)))),
        ratings,
        blank: r
            .blank
            .iter()
            .take(50)
            .map(|i| c.skills[usize::from(*i) % c.skills.len()].id.clone())
            .collect(),
        unknown: r
            .unknown
            .into_iter()
            .take(50)
            .map(|(name, line)| UnknownSkill {
                suggestion: c.matcher.suggest(&name),
                name,
                line: usize::from(line) + 1,
            })
            .collect(),
    };
    let notes = r.notes.into_iter().take(20).collect();
    let report = Report::build(&assessment, c, &roles, today, "fuzz.csv", notes, Some(&plan));
    render_all(&report, paper);
});
