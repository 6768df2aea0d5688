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

use crate::analysis::team::{PersonSummary, TeamReport};
use crate::catalog::Catalog;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where a person's target role comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetFrom {
    /// A target-role column.
    Column,
    /// The job title, mapped through the roles' aliases.
    Title,
    /// `--team-role`.
    TeamRole,
    /// The person's best fit.
    BestFit,
}

impl TargetFrom {
    /// The value in team-summary.csv's `target_from` column.
    pub fn key(self) -> &'static str {
        match self {
            TargetFrom::Column => "target-role",
            TargetFrom::Title => "title",
            TargetFrom::TeamRole => "team-role",
            TargetFrom::BestFit => "best-fit",
        }
    }

    /// In words: "by job title".
    pub fn words(self) -> &'static str {
        match self {
            TargetFrom::Column => "by their target-role answer",
            TargetFrom::Title => "by job title",
            TargetFrom::TeamRole => "by --team-role",
            TargetFrom::BestFit => "by best fit (no title or target given)",
        }
    }
}

/// The role a person aims at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Role id.
    pub role: Arc<str>,
    /// Where it comes from.
    pub from: TargetFrom,
}

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

/// One target role in the "who aims where" overview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AimRow {
    /// Role id.
    pub role: String,
    /// Role title.
    pub title: String,
    /// People aiming at it.
    pub aiming: usize,
    /// Of them, those whose best fit it is.
    pub fit_it_best: usize,
    /// Of them, those who fit another role best: (role title, count).
    pub fit_other: Vec<(String, usize)>,
    /// Of them, those with no closest fit yet.
    pub no_fit: usize,
}

/// People whose titles (or target answers) name one role while they fit
/// another best: "3 people titled DevOps Engineer fit Site Reliability
/// Engineer best".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitleMismatch {
    /// Whether these are target-role answers rather than job titles.
    pub answered: bool,
    /// The role the titles name.
    pub aims_at: String,
    /// The role they fit best instead.
    pub fit_best: String,
    /// How many people.
    pub people: usize,
    /// The titles as written, with how many wrote each, most first.
    pub titles: Vec<(String, usize)>,
}

/// Who aims where against where they fit best.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Aims {
    /// Per target role, in catalogue order.
    pub rows: Vec<AimRow>,
    /// How many targets come from each source.
    pub from: Vec<(TargetFrom, usize)>,
    /// Titles whose holders fit another role best, most people first.
    pub mismatches: Vec<TitleMismatch>,
    /// Titles and target answers that name no role compared, with counts.
    pub unmapped: Vec<(String, usize)>,
    /// People with no target role (no title, no --team-role, no best fit).
    pub no_target: Vec<String>,
}

fn title_of(catalog: &Catalog, id: &str) -> String {
    catalog
        .roles
        .iter()
        .find(|r| r.id == id)
        .map_or(id.to_string(), |r| r.title.clone())
}

fn count_from<'a>(people: impl Iterator<Item = &'a PersonSummary>) -> Vec<(TargetFrom, usize)> {
    let mut m: BTreeMap<TargetFrom, usize> = BTreeMap::new();
    for p in people {
        if let Some(t) = &p.target {
            *m.entry(t.from).or_default() += 1;
        }
    }
    m.into_iter().collect()
}

impl Aims {
    /// The overview of `people` (targets assigned).
    pub fn build(
        people: &[PersonSummary],
        catalog: &Catalog,
        unmapped: Vec<(String, usize)>,
    ) -> Aims {
        let mut rows = Vec::new();
        for role in &catalog.roles {
            let aiming: Vec<&PersonSummary> = people
                .iter()
                .filter(|p| p.target.as_ref().is_some_and(|t| *t.role == *role.id))
                .collect();
            if aiming.is_empty() {
                continue;
            }
            let mut other: BTreeMap<String, usize> = BTreeMap::new();
            for p in &aiming {
                if let Some(b) = p.best_fit.as_deref().filter(|b| *b != role.id) {
                    *other.entry(b.to_string()).or_default() += 1;
                }
            }
            let mut fit_other: Vec<(String, usize)> = other
                .into_iter()
                .map(|(id, n)| (title_of(catalog, &id), n))
                .collect();
            fit_other.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            rows.push(AimRow {
                role: role.id.clone(),
                title: role.title.clone(),
                aiming: aiming.len(),
                fit_it_best: aiming
                    .iter()
                    .filter(|p| p.best_fit.as_deref() == Some(role.id.as_str()))
                    .count(),
                fit_other,
                no_fit: aiming.iter().filter(|p| p.best_fit.is_none()).count(),
            });
        }
        // (answered, aims at, fits best) → title as written → people
        type Key = (bool, String, String);
        let mut groups: BTreeMap<Key, BTreeMap<String, usize>> = BTreeMap::new();
        for p in people {
            let (Some(t), Some(best)) = (&p.target, p.best_fit.as_deref()) else {
                continue;
            };
            let written = match t.from {
                TargetFrom::Title => p.profile.title.as_deref(),
                TargetFrom::Column => p.profile.target_role.as_deref(),
                _ => None,
            };
            let Some(written) = written.filter(|_| *t.role != *best) else {
                continue;
            };
            let key = (
                t.from == TargetFrom::Column,
                t.role.to_string(),
                best.to_string(),
            );
            *groups
                .entry(key)
                .or_default()
                .entry(written.to_string())
                .or_default() += 1;
        }
        let mut mismatches: Vec<TitleMismatch> = groups
            .into_iter()
            .map(|((answered, aims, best), titles)| {
                let mut titles: Vec<(String, usize)> = titles.into_iter().collect();
                titles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                TitleMismatch {
                    answered,
                    aims_at: title_of(catalog, &aims),
                    fit_best: title_of(catalog, &best),
                    people: titles.iter().map(|(_, n)| n).sum(),
                    titles,
                }
            })
            .collect();
        mismatches.sort_by(|a, b| {
            b.people
                .cmp(&a.people)
                .then(a.aims_at.cmp(&b.aims_at))
                .then(a.fit_best.cmp(&b.fit_best))
        });
        Aims {
            rows,
            from: count_from(people.iter()),
            mismatches,
            unmapped,
            no_target: people
                .iter()
                .filter(|p| p.target.is_none())
                .map(|p| p.person.clone())
                .collect(),
        }
    }

    /// Whether the targets say more than the best fits: someone's target
    /// comes from a title, an answer or `--team-role`, or a title was not
    /// understood.
    pub fn informative(&self) -> bool {
        !self.unmapped.is_empty() || self.from.iter().any(|(f, _)| *f != TargetFrom::BestFit)
    }
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

    fn person(name: &str, title: Option<&str>, best: Option<&str>) -> PersonSummary {
        PersonSummary {
            person: name.into(),
            email: None,
            slug: name.to_lowercase(),
            best_fit: best.map(str::to_string),
            fits: vec![("devops".into(), 80.0), ("sre".into(), 85.0)],
            coverages: vec![("devops".into(), 90.0), ("sre".into(), 90.0)],
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
