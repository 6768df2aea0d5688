//! Arbitrary bytes as a ratings file: reading never panics, and whatever is
//! read holds the documented invariants; every person then goes through
//! skill matching, duplicate handling and roll-ups.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skillgap::assessment::{DuplicatePolicy, assess, by_person};
use skillgap::catalog::Catalog;
use skillgap::ingest::{ReadOptions, read_table};
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::builtin().expect("built-in templates"))
}

fn dangerous(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fuzz_target!(|data: &[u8]| {
    for delimiter in [None, Some(b'\t')] {
        let opts = ReadOptions {
            delimiter,
            ..ReadOptions::default()
        };
        let Ok(table) = read_table("fuzz.csv", data, &opts) else {
            continue;
        };
        for r in &table.rows {
            assert!(r.line >= 1 && r.column >= 1);
            if let Some(v) = r.value {
                assert!((0.0..=5.0).contains(&v), "rating {v} outside 0–5");
            }
            for text in [Some(&r.skill), r.person.as_ref(), r.email.as_ref()]
                .into_iter()
                .flatten()
            {
                assert!(!text.chars().any(dangerous), "control char in {text:?}");
            }
        }
        for p in &table.problems {
            assert!(p.line >= 1 && p.column >= 1);
        }
        for group in by_person(&table) {
            for policy in [DuplicatePolicy::Error, DuplicatePolicy::Max] {
                if let Ok(a) = assess("fuzz.csv", &table, &group, catalog(), policy, "Fuzz") {
                    for rated in a.assessment.ratings.values() {
                        assert!((0.0..=5.0).contains(&rated.value));
                    }
                }
            }
        }
    }
});
