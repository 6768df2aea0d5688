//! Mixed teams: the role each person aims at (which role section of the
//! team summary lists them), and where titles and reports disagree.
//!
//! A person's target role comes from, in order: a target-role column, a
//! job-title column (titles mapped to roles through the roles' titles and
//! aliases, see [`Catalog::role_for_title`]), `--team-role`, and last
//! their best fit. A title or target that names no compared role is listed
//! as unmapped and the next source is used; nothing is guessed.
//!
//! Fit and coverage are the reports' own (issue 12's rules: not rated is
//! not 0, too little coverage is "not judged"); nothing is recomputed here.

pub use crate::analysis::aims::{AimRow, Aims, TitleMismatch};
pub use crate::analysis::target_role::{Target, TargetFrom};

use crate::analysis::person_summary::PersonSummary;
use crate::analysis::team::TeamReport;
use crate::catalog::Catalog;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Sets every person's [`PersonSummary::target`]; returns the titles and
/// target-role answers that name no compared role, with how many people
/// wrote each, most common first.
pub fn assign(
    people: &mut [PersonSummary],
    catalog: &Catalog,
    compared: &[String],
    team_role: Option<&str>,
) -> Vec<(String, usize)> {
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    let mut ids: BTreeMap<String, Arc<str>> = BTreeMap::new();
    let mut shared = |id: &str| -> Arc<str> {
        Arc::clone(ids.entry(id.to_string()).or_insert_with(|| Arc::from(id)))
    };
    for p in people.iter_mut() {
        let mut target = None;
        for (text, from) in [
            (p.profile.target_role.as_deref(), TargetFrom::Column),
            (p.profile.title.as_deref(), TargetFrom::Title),
        ] {
            let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            match catalog.role_for_title(text, compared) {
                Some(r) => {
                    target = Some(Target {
                        role: shared(&r.id),
                        from,
                    });
                    break;
                }
                None => *unmapped.entry(text.to_string()).or_default() += 1,
            }
        }
        p.target = target
            .or_else(|| {
                team_role.map(|r| Target {
                    role: shared(r),
                    from: TargetFrom::TeamRole,
                })
            })
            .or_else(|| {
                p.best_fit.as_deref().map(|r| Target {
                    role: shared(r),
                    from: TargetFrom::BestFit,
                })
            });
    }
    let mut v: Vec<(String, usize)> = unmapped.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// The team summary of `people` (targets assigned): readiness per role,
/// the [`crate::analysis::overview::TeamOverview`] over everyone, and "who
/// aims where" when targets come from titles, answers or `--team-role`.
pub fn build_team(
    people: &[PersonSummary],
    failed: usize,
    catalog: &Catalog,
    role_ids: &[String],
    today: NaiveDate,
    unmapped: Vec<(String, usize)>,
) -> TeamReport {
    let mut targets: Vec<&str> = Vec::new();
    for role in &catalog.roles {
        if people
            .iter()
            .any(|p| p.target.as_ref().is_some_and(|t| *t.role == *role.id))
        {
            targets.push(&role.id);
        }
    }
    let reference = match targets.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let mut t = TeamReport::build(people, failed, catalog, role_ids, reference, today);
    t.overview = crate::analysis::overview::TeamOverview::build(people, catalog, role_ids);
    let aims = Aims::build(people, catalog, unmapped);
    if aims.informative() || targets.len() >= 2 {
        t.aims = Some(aims);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::team::RolePercent;

    fn person(name: &str, title: Option<&str>, best: Option<&str>) -> PersonSummary {
        PersonSummary {
            person: name.into(),
            email: None,
            slug: name.to_lowercase(),
            best_fit: best.map(str::to_string),
            fits: vec![
                RolePercent {
                    role: "devops".into(),
                    percent: 80.0,
                },
                RolePercent {
                    role: "sre".into(),
                    percent: 85.0,
                },
            ],
            coverages: vec![
                RolePercent {
                    role: "devops".into(),
                    percent: 90.0,
                },
                RolePercent {
                    role: "sre".into(),
                    percent: 90.0,
                },
            ],
            ready: vec![],
            judged_roles: None,
            not_asked: vec![].into(),
            unrated_zero: false,
            top_gaps: vec![],
            unrated: 0,
            ratings: vec![],
            progress: None,
            report: format!("{}.pdf", name.to_lowercase()),
            profile: crate::model::Profile {
                title: title.map(str::to_string),
                ..Default::default()
            },
            target: None,
            call: None,
            rate_next: vec![],
        }
    }

    #[test]
    fn targets_come_from_titles_then_team_role_then_best_fit() {
        let c = Catalog::builtin().unwrap();
        let mut people = vec![
            person("A", Some("Senior DevOps Engineer"), Some("sre")),
            person("B", Some("DevOps Engineer II"), Some("sre")),
            person("C", Some("Systems Administrator"), Some("devops")),
            person("D", None, None),
            person("E", Some("Site Reliability Engineer"), Some("sre")),
        ];
        let unmapped = assign(&mut people, &c, &[], None);
        let t = |i: usize| {
            people[i]
                .target
                .as_ref()
                .map(|t| (t.role.to_string(), t.from))
        };
        assert_eq!(t(0), Some(("devops".into(), TargetFrom::Title)));
        assert_eq!(t(2), Some(("devops".into(), TargetFrom::BestFit)));
        assert_eq!(t(3), None);
        assert_eq!(unmapped, [("Systems Administrator".to_string(), 1)]);
        let aims = Aims::build(&people, &c, unmapped);
        assert_eq!(aims.no_target, ["D"]);
        let devops = &aims.rows[0];
        assert_eq!((devops.aiming, devops.fit_it_best), (3, 1));
        assert_eq!(
            devops.fit_other,
            [("Site Reliability Engineer".to_string(), 2)]
        );
        // Two people titled DevOps (written two ways) fit SRE best.
        assert_eq!(aims.mismatches.len(), 1);
        let m = &aims.mismatches[0];
        assert_eq!(
            (m.people, m.fit_best.as_str()),
            (2, "Site Reliability Engineer")
        );
        assert_eq!(m.titles.len(), 2);

        let mut people = vec![person("D", None, None), person("F", None, Some("devops"))];
        assign(&mut people, &c, &[], Some("sre"));
        assert!(people.iter().all(|p| {
            p.target
                .as_ref()
                .is_some_and(|t| &*t.role == "sre" && t.from == TargetFrom::TeamRole)
        }));
        let team = build_team(&people, 0, &c, &[], chrono::NaiveDate::MIN, vec![]);
        assert_eq!(team.reference_role, "sre");
    }
}
