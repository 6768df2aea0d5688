//! The finished team summary: who is ready for which role, movement since
//! the previous assessments, groups, and the overview (coverage, single
//! points of failure, shared gaps, training, who to chase; see
//! [`crate::analysis::overview`]). Built from compact per-person summaries
//! so a run over thousands of people never holds every report.

pub use crate::analysis::person_summary::{
    PersonProgress, PersonSummary, RateNextSkill, RolePercent, SkillChange, SkillRated,
};

use crate::analysis::aims::Aims;
use crate::analysis::overview::TeamOverview;
use crate::analysis::report::FitChange;
use crate::catalog::Catalog;
use crate::model::{GroupKey, Role, RoleId, SkillId};
use chrono::NaiveDate;
use serde::Serialize;

/// People ranked by fit for one role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    /// Role id.
    pub role: RoleId,
    /// Role title.
    pub title: String,
    /// (person, fit): people rated enough on the role to judge first,
    /// then best fit first.
    pub ranking: Vec<(String, f64)>,
    /// How many people reach 80 % or more, rated enough to judge.
    pub ready: usize,
    /// How many people rated too little of the role to judge.
    pub not_judged: usize,
}

/// One person's move in best-fit fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mover {
    /// Display name.
    pub person: String,
    /// The role the person fits best now, with its fit then and now.
    pub fit: FitChange,
}

/// How one skill moved across the people compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillMove {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Average change over everyone compared (unchanged counts as 0).
    pub average: f64,
    /// People whose rating rose.
    pub grew: usize,
    /// People whose rating fell.
    pub fell: usize,
}

/// The team's movement since the previous assessments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    /// People compared with an earlier assessment.
    pub compared: usize,
    /// The earliest previous assessment date among them.
    pub since: Option<NaiveDate>,
    /// People by change in best-fit fit, most gained first.
    pub movers: Vec<Mover>,
    /// Skills that changed for anyone, largest average rise first.
    pub skills: Vec<SkillMove>,
}

impl Movement {
    /// The movement of `people`, None when nobody was compared.
    pub fn build(people: &[PersonSummary], catalog: &Catalog) -> Option<Movement> {
        let compared: Vec<(&PersonSummary, &PersonProgress)> = people
            .iter()
            .filter_map(|p| p.progress.as_ref().map(|g| (p, g)))
            .collect();
        if compared.is_empty() {
            return None;
        }
        let mut movers: Vec<Mover> = compared
            .iter()
            .filter_map(|(p, g)| {
                g.fit.clone().map(|fit| Mover {
                    person: p.person.clone(),
                    fit,
                })
            })
            .collect();
        movers.sort_by(|a, b| {
            b.fit
                .change
                .total_cmp(&a.fit.change)
                .then(a.person.cmp(&b.person))
        });
        let n = compared.len() as f64;
        let mut skills: Vec<SkillMove> = catalog
            .skills
            .iter()
            .filter_map(|s| {
                let changes: Vec<f64> = compared
                    .iter()
                    .filter_map(|(_, g)| g.skills.iter().find(|c| c.skill == s.id))
                    .map(|c| c.change)
                    .collect();
                (!changes.is_empty()).then(|| SkillMove {
                    skill: s.id.clone(),
                    name: s.name.clone(),
                    average: (changes.iter().sum::<f64>() / n * 100.0).round() / 100.0,
                    grew: changes.iter().filter(|c| **c > 0.0).count(),
                    fell: changes.iter().filter(|c| **c < 0.0).count(),
                })
            })
            .collect();
        // Stable: equal averages keep the catalogue order.
        skills.sort_by(|a, b| b.average.total_cmp(&a.average));
        Some(Movement {
            compared: compared.len(),
            since: compared.iter().filter_map(|(_, g)| g.since).min(),
            movers,
            skills,
        })
    }
}

/// The team summary, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamReport {
    /// Report date.
    pub generated_on: NaiveDate,
    /// People included.
    pub people: usize,
    /// People whose data failed.
    pub failed: usize,
    /// The role everyone aims at, when they share one (else empty).
    pub reference_role: String,
    /// Its title.
    pub reference_title: String,
    /// How many people fit each role best: (role id, title, count).
    pub best_fit_counts: Vec<(String, String, usize)>,
    /// Readiness per role.
    pub readiness: Vec<Readiness>,
    /// Movement since the previous assessments, when any were compared.
    pub movement: Option<Movement>,
    /// Whether the reports counted unrated skills as 0 (`--unrated zero`).
    #[serde(default)]
    pub unrated_zero: bool,
    /// Per input file, what it held that was not understood (unknown skill
    /// names, ignored columns), one line each; set by the batch run.
    pub not_understood: Vec<String>,
    /// Who aims where against where they fit best, when the targets come
    /// from titles, answers or `--team-role`.
    #[serde(default)]
    pub aims: Option<Aims>,
    /// `--group-by`: a section per group.
    #[serde(default)]
    pub groups: Vec<GroupSection>,
    /// Whose summary this is when not the whole team ("Manager: Ana Souza").
    #[serde(default)]
    pub scope: Option<String>,
    /// Every count over the whole team (or group): set by
    /// `target::build_team`.
    #[serde(default)]
    pub overview: TeamOverview,
}

impl TeamReport {
    /// Builds the summary, measured against `reference` when given
    /// (everyone aims at that role), else against the first of `role_ids`,
    /// else the role most people fit best.
    pub fn build(
        people: &[PersonSummary],
        failed: usize,
        catalog: &Catalog,
        role_ids: &[String],
        reference: Option<&str>,
        generated_on: NaiveDate,
    ) -> TeamReport {
        let roles: Vec<&Role> = if role_ids.is_empty() {
            catalog.roles.iter().collect()
        } else {
            role_ids
                .iter()
                .filter_map(|id| catalog.role_by_id(id))
                .collect()
        };
        let mut counts: Vec<(String, String, usize)> = roles
            .iter()
            .map(|r| (r.id.to_string(), r.title.clone(), 0))
            .collect();
        for p in people {
            if let Some(c) = counts
                .iter_mut()
                .find(|c| Some(&c.0) == p.best_fit.as_ref())
            {
                c.2 += 1;
            }
        }
        let chosen = reference.and_then(|id| catalog.role_by_id(id));
        let reference = if chosen.is_some() {
            chosen
        } else if role_ids.is_empty() {
            // Most common best fit; ties go to the earlier role.
            let mut best: Option<&(String, String, usize)> = None;
            for c in &counts {
                if best.is_none_or(|b| c.2 > b.2) {
                    best = Some(c);
                }
            }
            best.and_then(|b| roles.iter().find(|r| r.id == b.0).copied())
        } else {
            roles.first().copied()
        };
        let readiness = roles
            .iter()
            .map(|r| {
                // People rated enough on the role to judge come first: a
                // 100% on two rated skills is not readiness.
                let mut ranking: Vec<(String, f64, bool)> = people
                    .iter()
                    .filter_map(|p| p.fit(&r.id).map(|f| (p.person.clone(), f, p.judged(&r.id))))
                    .collect();
                ranking.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
                Readiness {
                    role: r.id.clone(),
                    title: r.title.clone(),
                    // The decision's rule, as each personal report says it.
                    ready: people
                        .iter()
                        .filter(|p| p.ready.iter().any(|x| **x == *r.id))
                        .count(),
                    not_judged: ranking.iter().filter(|(_, _, j)| !*j).count(),
                    ranking: ranking.into_iter().map(|(p, f, _)| (p, f)).collect(),
                }
            })
            .collect();
        TeamReport {
            generated_on,
            people: people.len(),
            failed,
            reference_role: reference.map_or(String::new(), |r| r.id.to_string()),
            reference_title: reference.map_or(String::new(), |r| r.title.clone()),
            best_fit_counts: counts,
            readiness,
            movement: Movement::build(people, catalog),
            unrated_zero: people.iter().any(|p| p.unrated_zero),
            not_understood: Vec::new(),
            aims: None,
            groups: Vec::new(),
            scope: None,
            overview: Default::default(),
        }
    }
}

/// One group of the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSection {
    /// The column the team was split by.
    pub key: GroupKey,
    /// The group's value as written; None for the people whose cell was blank.
    pub name: Option<String>,
    /// The group's own summary file in the output folder
    /// (`team-summary-<group>.pdf`), set by the writer.
    pub file: String,
    /// The group's summary.
    pub report: TeamReport,
}

impl GroupSection {
    /// "Manager: Ana Souza", "Manager: (none given)".
    pub fn heading(&self) -> String {
        format!(
            "{}: {}",
            self.key.label(),
            self.name.as_deref().unwrap_or("(none given)")
        )
    }
}
