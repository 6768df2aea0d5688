//! The rules a learning catalogue entry must keep so that a plan keeps its
//! promises: how far each kind of learning may move someone, how hours
//! follow size, how fresh an entry must be, and that an external entry
//! links its public page. `skillgap roles --check-catalog` and the
//! catalogue tests apply them; docs/templates.md "Templates" section states
//! them for people who edit the catalogue.

use crate::model::{LearningClass, Resource, ResourceKind, Role};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

/// The furthest reading or taught material (a book, a course, a
/// multiple-choice exam) takes someone: "knows it, works with help".
/// Level 3, "works independently", needs doing.
pub const TAUGHT_CEILING: u8 = 2;
/// Reading or taught material under this many hours (a chapter, a web
/// page, a short module) is a first step: it takes someone to level 1 at
/// most.
pub const SHORT_HOURS: u32 = 8;
/// The furthest a lab-based exam takes someone: it proves working-level
/// doing, not the complex cases of level 4.
pub const LAB_EXAM_CEILING: u8 = 3;
/// Levels 4 and 5 come from practice at work or a substantial project of at
/// least this many hours, spread over a calendar duration.
pub const SUBSTANTIAL_HOURS: u32 = 20;
/// A hands-on programme that moves someone more than one level is at least
/// this long, in hours...
pub const PROGRAMME_HOURS: u32 = 40;
/// ... and in calendar weeks.
pub const PROGRAMME_WEEKS: u32 = 8;
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
    let mut out = level_problems(r);
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
    if r.url.is_none() && !is_self_directed(r) {
        out.push(
            "an external entry needs `url`, its public page (the publisher's page for the edition named, the exam page, the docs root); only self-directed work (provider \"Hands-on...\") goes without"
                .into(),
        );
    }
    if r.sessions.is_some() && !matches!(r.kind, ResourceKind::Practice | ResourceKind::Project) {
        out.push("only practice and projects are done in sessions".into());
    }
    if r.condition.is_some() != r.alternative.is_some() {
        out.push(
            "a practice that needs a job context names both the `condition` and a simulated `alternative`"
                .into(),
        );
    }
    if r.condition.is_some() && r.kind != ResourceKind::Practice {
        out.push("only practice carries a job-context `condition`".into());
    }
    out
}

/// The level rule: how far each kind of learning may take someone, and
/// how many levels one resource may move.
fn level_problems(r: &Resource) -> Vec<String> {
    let mut out = Vec::new();
    let step = r.to.saturating_sub(r.from);
    let class = r.kind.class();
    let what = match class {
        LearningClass::Reading => "reading",
        LearningClass::Taught => "a course or multiple-choice exam",
        LearningClass::HandsOn => "hands-on work",
    };
    if class != LearningClass::HandsOn && r.to > TAUGHT_CEILING {
        out.push(format!(
            "{what} cannot take anyone to level {} (at most {TAUGHT_CEILING}); level 3 needs doing: a project, a lab, a hands-on exam or practice",
            r.to
        ));
    }
    if class != LearningClass::HandsOn && r.hours < SHORT_HOURS && r.to > 1 {
        out.push(format!(
            "{what} of {} h reaches level {}; under {SHORT_HOURS} h it is a first step (0 → 1)",
            r.hours, r.to
        ));
    }
    if r.kind == ResourceKind::LabCertification && r.to > LAB_EXAM_CEILING {
        out.push(format!(
            "a lab-based exam cannot take anyone to level {} (at most {LAB_EXAM_CEILING}); level 4 needs practice at work or a substantial project",
            r.to
        ));
    }
    if r.to >= 4 {
        if !matches!(r.kind, ResourceKind::Practice | ResourceKind::Project) {
            out.push(format!(
                "level {} needs practice at work or a substantial project, not {}",
                r.to,
                r.kind.label().to_lowercase()
            ));
        } else if r.hours < SUBSTANTIAL_HOURS {
            out.push(format!(
                "{} h is not substantial enough to reach level {} (at least {SUBSTANTIAL_HOURS} h)",
                r.hours, r.to
            ));
        }
        if r.weeks.is_none() && r.sessions.is_none() {
            out.push(format!(
                "reaching level {} takes time to pass: give `weeks` (calendar duration) or `sessions`",
                r.to
            ));
        }
    }
    if r.programme {
        let long = r.hours >= PROGRAMME_HOURS && r.weeks.is_some_and(|w| w >= PROGRAMME_WEEKS);
        if class != LearningClass::HandsOn || !long {
            out.push(format!(
                "`programme = true` is for long hands-on programmes (at least {PROGRAMME_HOURS} h over {PROGRAMME_WEEKS} weeks)"
            ));
        }
    } else if step > 1 {
        out.push(format!(
            "{what} moves {step} levels ({} → {}); one resource moves one level unless it is a long hands-on programme (`programme = true`)",
            r.from, r.to
        ));
    }
    out
}

/// The level every required skill must have a hands-on path up to: level
/// 4, "handles complex cases", or higher where a profile asks more.
pub const HANDS_ON_PATH_TO: u8 = 4;

/// Whether `r` moves `skill`: its own skill, or a tool that rolls up to it.
fn moves(r: &Resource, skill: &str) -> bool {
    r.skill == skill || r.counts_for.iter().any(|c| c == skill)
}

/// For every skill a profile requires (roles and senior profiles), each
/// level step from 0 up to [`HANDS_ON_PATH_TO`] (or the highest level asked)
/// that no hands-on resource covers, as a sentence; empty when every
/// required skill can be learnt by doing all the way.
pub fn missing_hands_on_paths(resources: &[Resource], profiles: &[&Role]) -> Vec<String> {
    let mut asked: BTreeMap<&str, u8> = BTreeMap::new();
    for q in profiles.iter().flat_map(|r| &r.requirements) {
        let top = asked.entry(q.skill.as_str()).or_default();
        *top = (*top).max(q.level);
    }
    let mut out = Vec::new();
    for (skill, level) in asked {
        let top = level.max(HANDS_ON_PATH_TO);
        let gaps: Vec<String> = (0..top)
            .filter(|&l| {
                !resources
                    .iter()
                    .any(|r| is_doing(r) && moves(r, skill) && r.from <= l && l < r.to)
            })
            .map(|l| format!("{l} → {}", l + 1))
            .collect();
        if !gaps.is_empty() {
            out.push(format!(
                "{skill}: no hands-on resource for {}; every required skill needs a path by doing from 0 to {top}",
                gaps.join(", ")
            ));
        }
    }
    out
}

/// The ids of entries no plan can reach: their skill is neither required
/// by a profile nor a tool that rolls up to a required skill, or the exam
/// they need first cannot be reached either.
pub fn unreachable<'a>(resources: &'a [Resource], profiles: &[&Role]) -> Vec<&'a str> {
    let asked: HashSet<&str> = profiles
        .iter()
        .flat_map(|r| &r.requirements)
        .map(|q| q.skill.as_str())
        .collect();
    let direct: HashSet<&str> = resources
        .iter()
        .filter(|r| {
            asked.contains(r.skill.as_str())
                || r.counts_for.iter().any(|c| asked.contains(c.as_str()))
        })
        .map(|r| r.id.as_str())
        .collect();
    resources
        .iter()
        .filter(|r| {
            !direct.contains(r.id.as_str())
                || r.requires_resources
                    .iter()
                    .any(|q| resources.iter().any(|p| &p.id == q) && !direct.contains(q.as_str()))
        })
        .map(|r| r.id.as_str())
        .collect()
}

/// Whether `r` is self-directed work with no page of its own to link: its
/// provider is "Hands-on" (a project or practice the person runs, perhaps
/// "Hands-on (method: ...)"). Every other entry is external and has a `url`.
pub fn is_self_directed(r: &Resource) -> bool {
    r.provider.starts_with("Hands-on")
}

/// Whether `r` is doing: a project, practice or lab-based exam.
pub fn is_doing(r: &Resource) -> bool {
    r.kind.class() == LearningClass::HandsOn
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
            url: Some("https://example.org/t".into()),
            ..Default::default()
        }
    }

    #[test]
    fn an_external_entry_needs_a_url_and_self_directed_work_does_not() {
        let mut book = entry(ResourceKind::Book, 0, 1, 10);
        assert!(problems(&book).is_empty());
        book.url = None;
        let p = problems(&book);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("needs `url`"), "{p:?}");
        // An exam is external too, a lab-based one included.
        let mut exam = entry(ResourceKind::LabCertification, 2, 3, 60);
        exam.url = None;
        assert!(problems(&exam).iter().any(|m| m.contains("needs `url`")));
        // Self-directed work names no page: plain, or with the method it follows.
        for provider in ["Hands-on", "Hands-on (method: SRE book ch. 6)"] {
            let mut project = entry(ResourceKind::Project, 1, 2, 16);
            project.url = None;
            project.provider = provider.into();
            assert!(is_self_directed(&project));
            assert!(
                problems(&project).is_empty(),
                "{provider}: {:?}",
                problems(&project)
            );
        }
        // "Hands-on" only counts at the start: a course about hands-on labs is external.
        let mut course = entry(ResourceKind::Course, 0, 1, 10);
        course.url = None;
        course.provider = "KodeKloud (Hands-on labs)".into();
        assert!(!is_self_directed(&course));
        assert!(problems(&course).iter().any(|m| m.contains("needs `url`")));
    }

    #[test]
    fn reading_moves_one_level_and_stops_at_two() {
        assert!(problems(&entry(ResourceKind::Docs, 1, 2, 8)).is_empty());
        assert!(problems(&entry(ResourceKind::Docs, 0, 1, 2)).is_empty());
        let p = problems(&entry(ResourceKind::Docs, 1, 2, 4));
        assert!(p[0].contains("first step"), "{p:?}");
        let p = problems(&entry(ResourceKind::Book, 0, 2, 20));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("moves 2 levels"), "{p:?}");
        let p = problems(&entry(ResourceKind::Book, 2, 3, 30));
        assert!(p.iter().any(|m| m.contains("level 3 needs doing")), "{p:?}");
        let p = problems(&entry(ResourceKind::Certification, 2, 3, 40));
        assert!(p.iter().any(|m| m.contains("level 3")), "{p:?}");
        let p = problems(&entry(ResourceKind::Course, 3, 4, 40));
        assert!(p.len() >= 2, "{p:?}");
    }

    #[test]
    fn doing_reaches_three_and_four_needs_time() {
        assert!(problems(&entry(ResourceKind::LabCertification, 2, 3, 60)).is_empty());
        let p = problems(&entry(ResourceKind::LabCertification, 3, 4, 60));
        assert!(p.iter().any(|m| m.contains("at most 3")), "{p:?}");
        assert!(problems(&entry(ResourceKind::Project, 2, 3, 16)).is_empty());
        // Level 4: substantial and with a calendar duration.
        let mut p4 = entry(ResourceKind::Project, 3, 4, 30);
        assert!(problems(&p4)[0].contains("weeks"), "{:?}", problems(&p4));
        p4.weeks = Some(6);
        assert!(problems(&p4).is_empty());
        p4.hours = 12;
        assert!(problems(&p4)[0].contains("substantial"));
        let mut pr = entry(ResourceKind::Practice, 3, 4, 24);
        pr.sessions = Some(crate::model::Sessions {
            count: 6,
            every_weeks: 2,
        });
        assert!(problems(&pr).is_empty());
    }

    #[test]
    fn more_than_one_level_only_for_a_long_programme() {
        let mut p = entry(ResourceKind::Project, 2, 4, 60);
        p.weeks = Some(10);
        assert!(problems(&p)[0].contains("moves 2 levels"));
        p.programme = true;
        assert!(problems(&p).is_empty(), "{:?}", problems(&p));
        p.weeks = Some(4);
        assert!(problems(&p)[0].contains("programme"));
        let mut b = entry(ResourceKind::Book, 0, 2, 60);
        b.programme = true;
        b.weeks = Some(10);
        assert!(problems(&b).iter().any(|m| m.contains("programme")));
    }

    #[test]
    fn paths_by_doing_and_reachability() {
        let role = Role {
            id: "r".into(),
            requirements: vec![crate::model::Requirement {
                skill: "s".into(),
                level: 3,
                weight: 1,
                defining: false,
                supporting: false,
            }],
            title: "R".into(),
            aliases: vec![],
            summary: String::new(),
            extends: None,
            base: None,
        };
        let mut lab = entry(ResourceKind::Practice, 0, 1, 4);
        lab.id = "lab".into();
        let mut tool = entry(ResourceKind::Project, 1, 2, 8);
        tool.id = "tool".into();
        tool.skill = "t".into();
        tool.counts_for = vec!["s".into()];
        let mut book = entry(ResourceKind::Book, 2, 3, 20);
        book.id = "book".into();
        let mut other = entry(ResourceKind::Book, 0, 1, 2);
        other.id = "other".into();
        other.skill = "nobody".into();
        let cat = [lab, tool, book, other];
        let missing = missing_hands_on_paths(&cat, &[&role]);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(missing[0].contains("2 → 3, 3 → 4"), "{missing:?}");
        assert_eq!(unreachable(&cat, &[&role]), ["other"]);
    }

    #[test]
    fn job_context_needs_an_alternative() {
        let mut p = entry(ResourceKind::Practice, 2, 3, 20);
        p.condition = Some("your team runs an on-call rotation".into());
        assert!(problems(&p)[0].contains("alternative"));
        p.alternative = Some("wheel".into());
        assert!(problems(&p).is_empty());
        p.kind = ResourceKind::Project;
        assert!(problems(&p)[0].contains("only practice"));
    }

    #[test]
    fn hours_follow_pages_and_one_page_is_under_two_hours() {
        assert_eq!(reading_hours(1), (1, 1));
        assert_eq!(reading_hours(1100), (45, 92));
        let mut big = entry(ResourceKind::Book, 1, 2, 35);
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
