//! Ratings → the finished [`Report`]: assessment (matching, merging,
//! roll-ups), raters and history, fit and direction, the plan — and the
//! team summary built from finished reports. Renderers and batch take what
//! this layer produces; it never reads files or the command line.

mod aims;
pub mod assessment;
pub mod decision_words;
pub mod devops_or_sre;
pub mod groups;
pub mod history;
pub mod overview;
pub mod person_pick;
mod person_summary;
pub mod pipeline;
pub mod raters;
pub mod report;
pub mod target;
mod target_role;
pub mod team;

#[cfg(test)]
mod tests;

pub use report::Report;

use crate::catalog::Catalog;
use crate::model::UnratedPolicy;
use crate::plan::{Library, PlanOptions};
use assessment::DuplicatePolicy;
use chrono::NaiveDate;
use raters::Basis;

/// Settings that are the same for every person of a run.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// Templates in force.
    pub catalog: &'a Catalog,
    /// Role ids to compare (empty: all).
    pub roles: &'a [String],
    /// Report date.
    pub today: NaiveDate,
    /// Duplicate handling.
    pub on_duplicate: DuplicatePolicy,
    /// Learning-plan settings.
    pub plan: &'a PlanOptions,
    /// Whose ratings gaps and fit use.
    pub basis: Basis,
    /// How required skills without a rating enter the fit.
    pub unrated: UnratedPolicy,
    /// The catalogue's learning resources indexed for planning: built once
    /// for a run, not once per person (see [`Analysis::new`]).
    pub library: Library<'a>,
    /// The role id every person aims at (`report --target`); None: each
    /// person's own target-role answer or job title, when it names a role.
    pub target: Option<String>,
}

impl<'a> Analysis<'a> {
    /// Settings for `roles` (all when empty) on `today`, with every other
    /// choice at its default: duplicates refused, self-ratings, unrated
    /// skills left out of the fit.
    pub fn new(
        catalog: &'a Catalog,
        roles: &'a [String],
        today: NaiveDate,
        plan: &'a PlanOptions,
    ) -> Self {
        Analysis {
            catalog,
            roles,
            today,
            on_duplicate: DuplicatePolicy::default(),
            plan,
            basis: Basis::default(),
            unrated: UnratedPolicy::default(),
            library: Library::new(&catalog.resources),
            target: None,
        }
    }
}

/// What the analysis compares and how it counts, checked: the same for
/// one person's `report` and every person of a `batch`.
#[derive(Debug, Clone)]
pub struct AnalysisSettings {
    /// Role ids to compare against, in the order given (empty: every role).
    pub roles: Vec<String>,
    /// "Today".
    pub today: NaiveDate,
    /// Duplicate handling.
    pub on_duplicate: DuplicatePolicy,
    /// Whose ratings the analysis uses.
    pub basis: Basis,
    /// How required skills without a rating enter the fit.
    pub unrated: UnratedPolicy,
    /// Learning-plan settings.
    pub plan: PlanOptions,
}

impl AnalysisSettings {
    /// The analysis these settings ask for, over `catalog`.
    pub fn analysis<'a>(&'a self, catalog: &'a Catalog) -> Analysis<'a> {
        Analysis {
            on_duplicate: self.on_duplicate,
            basis: self.basis,
            unrated: self.unrated,
            ..Analysis::new(catalog, &self.roles, self.today, &self.plan)
        }
    }
}
