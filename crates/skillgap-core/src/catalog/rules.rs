//! The rules a learning catalogue entry must keep so that a plan keeps its
//! promises: how far each kind of learning may move someone, how hours
//! follow size, and how fresh an entry must be. `skillgap roles
//! --check-catalog` and the catalogue tests apply them; docs/templates.md
//! "Templates" section states them for people who edit the catalogue.

use crate::model::{LearningClass, Resource, ResourceKind};
use chrono::NaiveDate;

/// Reading or taught material under this many hours moves at most one level
/// and not to level 3.
pub const SHORT_HOURS: u32 = 8;
/// The furthest reading or taught material (a course, a multiple-choice
/// exam) takes someone: "works independently". Levels 4 and 5 (handles
/// complex cases, sets direction) need practice, a project or a lab exam.
pub const TAUGHT_CEILING: u8 = 3;
/// Technical reading with notes and the odd exercise: at least this many
/// printed pages an hour (dense references, exercises)...
pub const SLOWEST_PAGES_PER_HOUR: u32 = 12;
/// ... and at most this many (narrative books, skimming known parts).
/// The nominal pace between the two is 20 pages an hour.
pub const FASTEST_PAGES_PER_HOUR: u32 = 24;
/// A course takes at least its published length and at most this many
/// times it (labs, exercises, review).
pub const COURSE_FACTOR: u32 = 2;
/// An entry whose `checked` date is more than this many days before the
/// report date is due for another look.
pub const FRESH_DAYS: i64 = 365;

/// Everything wrong with one entry under the level rule and the hours
/// rule, each as a sentence; empty when it keeps them.
pub fn problems(r: &Resource) -> Vec<String> {
    let mut out = Vec::new();
    let step = r.to.saturating_sub(r.from);
    let class = r.kind.class();
    if class != LearningClass::HandsOn {
        let what = if class == LearningClass::Reading {
            "reading"
        } else {
            "a course or multiple-choice exam"
        };
        if r.to > TAUGHT_CEILING {
            out.push(format!(
                "{what} cannot take anyone to level {} (at most {TAUGHT_CEILING}); levels 4 and 5 need practice, a project or a lab-based exam",
                r.to
            ));
        }
        if step > 2 {
            out.push(format!(
                "{what} moves {step} levels ({} → {}); at most 2",
                r.from, r.to
            ));
        }
        if r.hours < SHORT_HOURS && step > 1 {
            out.push(format!(
                "{what} of {} h moves {step} levels; under {SHORT_HOURS} h it moves at most one",
                r.hours
            ));
        }
        // Level 3 is "works independently": a chapter or a web page is a
        // first step toward it, not the way there.
        if r.hours < SHORT_HOURS && r.to >= TAUGHT_CEILING {
            out.push(format!(
                "{what} of {} h reaches level {}; under {SHORT_HOURS} h it stops at {}",
                r.hours,
                r.to,
                TAUGHT_CEILING - 1
            ));
        }
    }
    match r.kind {
        ResourceKind::Book | ResourceKind::Docs => match r.pages {
            None => out.push("reading needs `pages` (printed pages or equivalent)".into()),
            Some(p) => {
                let (lo, hi) = reading_hours(p);
                if !(lo..=hi).contains(&r.hours) {
                    out.push(format!(
                        "{p} pages should take {lo}–{hi} h ({SLOWEST_PAGES_PER_HOUR}–{FASTEST_PAGES_PER_HOUR} pages an hour), not {} h",
                        r.hours
                    ));
                }
            }
        },
        ResourceKind::Course => match r.published_hours {
            None => out.push("a course needs `published_hours` (its published length)".into()),
            Some(len) => {
                let hi = len.saturating_mul(COURSE_FACTOR);
                if !(len..=hi).contains(&r.hours) {
                    out.push(format!(
                        "a course of {len} published hours should take {len}–{hi} h, not {} h",
                        r.hours
                    ));
                }
            }
        },
        _ => {}
    }
    if r.sessions.is_some() && !matches!(r.kind, ResourceKind::Practice | ResourceKind::Project) {
        out.push("only practice and projects are done in sessions".into());
    }
    out
}

/// The hours `pages` of reading may take: from the fastest to the slowest
/// pace, never under one hour. A one-page document is one hour.
pub fn reading_hours(pages: u32) -> (u32, u32) {
    let lo = (pages / FASTEST_PAGES_PER_HOUR).max(1);
    let hi = pages.div_ceil(SLOWEST_PAGES_PER_HOUR).max(1);
    (lo, hi)
}

/// Whether an entry is due for another look on `today`: never checked, or
/// checked more than [`FRESH_DAYS`] days before.
pub fn is_stale(r: &Resource, today: NaiveDate) -> bool {
    r.checked
        .is_none_or(|d| today.signed_duration_since(d).num_days() > FRESH_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: ResourceKind, from: u8, to: u8, hours: u32) -> Resource {
        Resource {
            id: "r".into(),
            skill: "s".into(),
            kind,
            title: "T".into(),
            provider: "P".into(),
            hours,
            from,
            to,
            pages: Some(hours * 20),
            published_hours: Some(hours),
            ..Default::default()
        }
    }

    #[test]
    fn short_reading_moves_one_level_at_most_and_not_to_three() {
        assert!(problems(&entry(ResourceKind::Docs, 1, 2, 4)).is_empty());
        let p = problems(&entry(ResourceKind::Book, 0, 2, 4));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("at most one"), "{p:?}");
        let p = problems(&entry(ResourceKind::Docs, 2, 3, 7));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("stops at 2"), "{p:?}");
        assert!(problems(&entry(ResourceKind::Book, 1, 3, 8)).is_empty());
    }

    #[test]
    fn reading_and_courses_stop_at_three_and_two_levels() {
        let p = problems(&entry(ResourceKind::Book, 2, 4, 30));
        assert!(p.iter().any(|m| m.contains("level 4")), "{p:?}");
        let p = problems(&entry(ResourceKind::Book, 0, 3, 30));
        assert!(p.iter().any(|m| m.contains("moves 3 levels")), "{p:?}");
        let p = problems(&entry(ResourceKind::Certification, 2, 4, 40));
        assert!(p.iter().any(|m| m.contains("level 4")), "{p:?}");
        let p = problems(&entry(ResourceKind::Course, 3, 4, 40));
        assert!(!p.is_empty());
    }

    #[test]
    fn hands_on_may_reach_four_and_five() {
        for kind in [
            ResourceKind::Practice,
            ResourceKind::Project,
            ResourceKind::LabCertification,
        ] {
            assert!(problems(&entry(kind, 2, 5, 40)).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn hours_follow_pages_and_one_page_is_under_two_hours() {
        assert_eq!(reading_hours(1), (1, 1));
        assert_eq!(reading_hours(1100), (45, 92));
        let mut big = entry(ResourceKind::Book, 1, 3, 35);
        big.pages = Some(1100);
        assert!(
            problems(&big)[0].contains("45–92 h"),
            "{:?}",
            problems(&big)
        );
        let mut page = entry(ResourceKind::Docs, 0, 1, 4);
        page.pages = Some(1);
        assert!(!problems(&page).is_empty());
        page.hours = 1;
        assert!(problems(&page).is_empty());
        page.pages = None;
        assert!(problems(&page)[0].contains("pages"));
    }

    #[test]
    fn course_hours_follow_published_length() {
        let mut c = entry(ResourceKind::Course, 1, 2, 30);
        c.published_hours = Some(10);
        assert!(problems(&c)[0].contains("10–20 h"));
        c.published_hours = None;
        assert!(problems(&c)[0].contains("published_hours"));
    }

    #[test]
    fn stale_after_a_year_or_never_checked() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut r = entry(ResourceKind::Book, 0, 1, 2);
        assert!(is_stale(&r, today));
        r.checked = NaiveDate::from_ymd_opt(2025, 11, 26);
        assert!(!is_stale(&r, today));
        r.checked = NaiveDate::from_ymd_opt(2025, 11, 25);
        assert!(is_stale(&r, today));
    }
}
