//! The analysis layer on in-memory ratings: rows built here, run through
//! [`person_report`] against the built-in catalogue, and the decision and
//! report checked — no file, no binary. Ratings are chosen from the
//! catalogue's own role requirements, so the cases stay true to what each
//! describes when the templates change.

use super::assessment::PersonRows;
use super::pipeline::person_report;
use super::{Analysis, Report};
use crate::catalog::Catalog;
use crate::ingest::RawRating;
use crate::model::{Confidence, Path, RatingState, Role, RoleFit, Verdict};
use crate::plan::PlanOptions;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

fn catalog() -> Catalog {
    Catalog::builtin().expect("the built-in catalogue loads")
}

fn role<'c>(c: &'c Catalog, id: &str) -> &'c Role {
    c.role_by_id(id).expect("a built-in role")
}

/// Skill id → the level `role` requires.
fn required(c: &Catalog, id: &str) -> BTreeMap<String, f64> {
    role(c, id)
        .requirements
        .iter()
        .map(|q| (q.skill.to_string(), f64::from(q.level)))
        .collect()
}

fn fit<'r>(r: &'r Report, id: &str) -> &'r RoleFit {
    r.roles
        .iter()
        .find(|f| f.id == id)
        .expect("the role is compared")
}

/// Ana's report from `ratings` (skill id, rating or None for a blank
/// cell); `asked` is what the survey asked, None when every skill was.
fn report(
    c: &Catalog,
    ratings: &BTreeMap<String, Option<f64>>,
    asked: Option<&[String]>,
) -> Report {
    let rows: Vec<RawRating> = ratings
        .iter()
        .enumerate()
        .map(|(i, (id, value))| RawRating {
            person: Some("Ana".into()),
            email: None,
            // As a survey writes it: the skill's display name.
            skill: c.skill(id).expect("a catalogue skill").name.as_str().into(),
            value: *value,
            raw_value: value.map_or(String::new(), |v| v.to_string()).into(),
            line: i + 2,
            column: 3,
            notes: None,
            date: None,
            rater: None,
            interest: None,
            profile: None,
        })
        .collect();
    let group = PersonRows {
        person: Some("Ana"),
        rows: rows.iter().collect(),
        asked: asked.map(|a| Arc::new(a.iter().cloned().collect::<BTreeSet<String>>())),
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("a date");
    let plan = PlanOptions {
        start: today,
        hours_per_week: 4.0,
        horizon_end: today + chrono::Days::new(365),
        cloud: None,
    };
    let a = Analysis::new(c, &[], today, &plan);
    person_report(&a, "ana.csv", &[], &group, "", None).expect("a report")
}

/// Every catalogue skill rated: `lead`'s requirements at the level it
/// requires, everything else at 1.
fn leaning(c: &Catalog, lead: &str) -> BTreeMap<String, Option<f64>> {
    let lead = required(c, lead);
    c.skills
        .iter()
        .map(|s| {
            (
                s.id.to_string(),
                Some(lead.get(s.id.as_str()).copied().unwrap_or(1.0)),
            )
        })
        .collect()
}

/// The decision names `id`, the DevOps-or-SRE answer is `path`, and
/// every section speaks of the same role.
fn assert_named(r: &Report, id: &str, path: Path) {
    let d = r.decision.as_ref().expect("a decision");
    assert_eq!((d.call, d.role.as_deref()), (Verdict::Named, Some(id)));
    assert_eq!(r.best_fit.as_deref(), Some(id));
    assert_eq!(r.roles[0].id, id, "the named role heads the fits");
    assert_eq!(r.plan_role.as_deref(), Some(id));
    let answer = d.devops_or_sre.as_ref().map(|p| p.answer);
    assert_eq!(answer, Some(path));
    let f = fit(r, id);
    assert!(f.judged && f.ready, "{f:?}");
    assert_eq!((f.fit, f.gaps.len()), (100.0, 0));
}

#[test]
fn a_fully_rated_devops_leaning_person_is_named_devops() {
    let c = catalog();
    let r = report(&c, &leaning(&c, "devops"), None);
    assert_named(&r, "devops", Path::Devops);
    // SRE is rated in full and falls short: judged, with gaps, not ready.
    let sre = fit(&r, "sre");
    assert!(sre.judged && !sre.ready && !sre.gaps.is_empty(), "{sre:?}");
    assert!(r.unrated.is_empty());
}

#[test]
fn a_fully_rated_sre_leaning_person_is_named_sre() {
    let c = catalog();
    let r = report(&c, &leaning(&c, "sre"), None);
    assert_named(&r, "sre", Path::Sre);
    let devops = fit(&r, "devops");
    assert!(devops.judged && !devops.ready, "{devops:?}");
}

#[test]
fn a_junior_is_too_early_to_choose() {
    let c = catalog();
    let all_ones: BTreeMap<String, Option<f64>> = c
        .skills
        .iter()
        .map(|s| (s.id.to_string(), Some(1.0)))
        .collect();
    let r = report(&c, &all_ones, None);
    let d = r.decision.as_ref().expect("a decision");
    assert_eq!((d.call, d.role.as_deref()), (Verdict::TooEarly, None));
    assert_eq!(r.best_fit, None);
    assert!(r.roles.iter().all(|f| !f.ready));
    // Everything is rated: every shortfall is a rated gap.
    assert!(r.roles.iter().all(|f| f.gaps.iter().all(|g| g.rated)));
    // The plan builds the base both paths share.
    assert!(r.plan.as_ref().is_some_and(|p| !p.items.is_empty()));
    // The delivery core shown (at 1) and SRE's practices far short: too
    // early to name a role, but the answer leans DevOps, and says it is a
    // lean.
    let p = d.devops_or_sre.as_ref().expect("a DevOps-or-SRE answer");
    assert_eq!((p.answer, p.confidence), (Path::Devops, Confidence::Low));
    // Without DevOps' defining skills (nor a tool that counts for one)
    // there is nothing to lean on.
    let defining: Vec<&str> = role(&c, "devops")
        .requirements
        .iter()
        .filter(|q| q.defining)
        .map(|q| q.skill.as_str())
        .collect();
    assert!(!defining.is_empty());
    let mut no_core = all_ones.clone();
    no_core.retain(|id, _| {
        let counts_for = &c.skill(id).expect("a catalogue skill").rolls_up_to;
        !defining.contains(&id.as_str())
            && !counts_for.iter().any(|t| defining.contains(&t.as_str()))
    });
    let r = report(&c, &no_core, None);
    let d = r.decision.as_ref().expect("a decision");
    assert_eq!(d.call, Verdict::TooEarly);
    assert_eq!(
        d.devops_or_sre.as_ref().map(|p| p.answer),
        Some(Path::TooEarly)
    );
}

#[test]
fn a_partial_survey_says_what_is_not_asked_and_decides_nothing() {
    let c = catalog();
    let devops = role(&c, "devops");
    // The survey asked six of DevOps' skills; Ana rated three, left one
    // blank and skipped two.
    let asked: Vec<String> = devops
        .requirements
        .iter()
        .take(6)
        .map(|q| q.skill.to_string())
        .collect();
    let mut ratings: BTreeMap<String, Option<f64>> = asked
        .iter()
        .take(3)
        .map(|id| (id.clone(), Some(4.0)))
        .collect();
    ratings.insert(asked[3].clone(), None);
    let r = report(&c, &ratings, Some(&asked));
    let d = r.decision.as_ref().expect("a decision");
    assert_eq!((d.call, r.best_fit.as_deref()), (Verdict::NotEnough, None));
    assert!(!d.rate_next.is_empty(), "it says what to rate next");
    let f = fit(&r, "devops");
    assert!(!f.judged && !f.ready, "{f:?}");
    assert_eq!(f.rated, 3);
    // Not rated is not 0: the unrated requirements are no gaps.
    assert!(f.gaps.iter().all(|g| g.rated));
    assert_eq!(f.unassessed.len(), devops.requirements.len() - 3);
    let state = |id: &str| {
        r.unrated
            .iter()
            .find(|u| u.skill == id)
            .map(|u| (u.state, u.left_blank))
    };
    assert_eq!(state(&asked[3]), Some((RatingState::NotRated, true)));
    assert_eq!(state(&asked[4]), Some((RatingState::NotRated, false)));
    let not_asked = &devops.requirements[6].skill;
    assert_eq!(state(not_asked), Some((RatingState::NotAsked, false)));
    for (id, v) in ratings.iter().filter_map(|(id, v)| Some((id, (*v)?))) {
        assert_eq!(
            r.ratings.iter().find(|s| s.skill == *id).map(|s| s.rating),
            Some(v)
        );
    }
}

#[test]
fn ratings_that_say_nothing_about_a_role_leave_it_unjudged() {
    let c = catalog();
    let devops = required(&c, "devops");
    // High ratings, all on skills DevOps does not require and that count
    // for none it does (a tool's rating rolls up to its concept).
    let elsewhere: BTreeMap<String, Option<f64>> = c
        .skills
        .iter()
        .filter(|s| !devops.contains_key(s.id.as_str()))
        .filter(|s| {
            !s.rolls_up_to
                .iter()
                .any(|to| devops.contains_key(to.as_str()))
        })
        .map(|s| (s.id.to_string(), Some(4.0)))
        .collect();
    assert!(!elsewhere.is_empty());
    let r = report(&c, &elsewhere, None);
    let f = fit(&r, "devops");
    assert_eq!((f.rated, f.coverage), (0, 0.0));
    assert!(!f.judged && !f.ready, "{f:?}");
    assert!(f.gaps.is_empty(), "no rating is invented: {:?}", f.gaps);
    assert_eq!(f.unassessed.len(), devops.len());
    let d = r.decision.as_ref().expect("a decision");
    assert_ne!(d.role.as_deref(), Some("devops"));
    assert_ne!(r.best_fit.as_deref(), Some("devops"));
    assert!(d.evidence_of("devops").is_none_or(|e| !e.judged));
    assert_ne!(
        d.devops_or_sre.as_ref().map(|p| p.answer),
        Some(Path::Devops)
    );
}

/// A run's checked settings reach the analysis: every choice, not the
/// defaults of [`Analysis::new`].
#[test]
fn analysis_settings_carry_every_choice() {
    use super::AnalysisSettings;
    use super::assessment::DuplicatePolicy;
    use super::raters::Basis;
    use crate::model::UnratedPolicy;
    let c = catalog();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("a date");
    let settings = AnalysisSettings {
        roles: vec!["sre".into()],
        today,
        on_duplicate: DuplicatePolicy::Max,
        basis: Basis::Manager,
        unrated: UnratedPolicy::Zero,
        plan: PlanOptions {
            start: today,
            hours_per_week: 6.0,
            horizon_end: today + chrono::Days::new(90),
            cloud: None,
        },
    };
    let a = settings.analysis(&c);
    assert_eq!(a.roles, ["sre".to_string()]);
    assert_eq!(a.today, today);
    assert_eq!(a.on_duplicate, DuplicatePolicy::Max);
    assert_eq!(a.basis, Basis::Manager);
    assert_eq!(a.unrated, UnratedPolicy::Zero);
    assert_eq!(a.plan.hours_per_week, 6.0);
    assert_eq!(a.target, None);
}
