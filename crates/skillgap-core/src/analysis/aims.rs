//! "Who aims where": per target role, how many people aim at it and
//! where they fit best, and the job titles whose holders fit another role
//! best. Built from the person summaries once their targets are assigned.

use crate::analysis::person_summary::PersonSummary;
use crate::analysis::target_role::TargetFrom;
use crate::catalog::Catalog;
use crate::model::RoleId;
use serde::Serialize;
use std::collections::BTreeMap;

/// One target role in the "who aims where" overview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AimRow {
    /// Role id.
    pub role: RoleId,
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
        .role_by_id(id)
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
