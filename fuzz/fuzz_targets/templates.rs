//! Arbitrary text as a user's template file (`--templates DIR`): loading
//! either succeeds or names the problem, and a catalogue that loads can
//! analyse and plan without panicking.
//!
//! The first byte picks which file the rest replaces or adds.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use skillgap::catalog::{Catalog, TemplateFiles};
use skillgap::model::{Assessment, Rated, RatingSource};
use skillgap::plan::PlanOptions;
use skillgap::render::{Json, Render, Text};
use skillgap::report::Report;

const SLOTS: [&str; 6] = [
    "skills.toml",
    "roles/devops.toml",
    "roles/zz-user.toml",
    "learning/containers-and-orchestration.toml",
    "learning/zz-user.toml",
    "roles/sre.toml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&slot, rest)) = data.split_first() else {
        return;
    };
    // `--templates` reads files as UTF-8 and refuses anything else.
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let rel = SLOTS[usize::from(slot) % SLOTS.len()];
    let mut files = TemplateFiles::embedded();
    files.insert(rel, &format!("user/{rel}"), text.to_string());
    let catalog = match Catalog::from_files(&files) {
        Ok(c) => c,
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(!e.file.is_empty());
            return;
        }
    };
    // Every skill rated 2, the first one 4.5, to exercise gaps and plans.
    let ratings = catalog
        .skills
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let value = if i == 0 { 4.5 } else { 2.0 };
            let source = RatingSource::Direct {
                typed: vec![s.name.clone()],
                lines: vec![i + 2],
            };
            (s.id.clone(), Rated { value, source })
        })
        .collect();
    let assessment = Assessment {
        person: "Fuzz".into(),
        ratings,
        ..Assessment::default()
    };
    let start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let plan = PlanOptions {
        start,
        hours_per_week: 5.0,
        horizon_end: NaiveDate::from_ymd_opt(2027, 5, 30).unwrap(),
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let report = Report::build(&assessment, &catalog, &[], today, "fuzz.csv", vec![], Some(&plan));
    for f in &report.roles {
        assert!((0.0..=100.0).contains(&f.fit), "fit {}", f.fit);
    }
    Json.render(&report).unwrap();
    Text { color: false }.render(&report).unwrap();
});
