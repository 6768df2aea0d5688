//! `--group-by`: the team split by department, team, manager or location,
//! each group summarised as a team of its own (target roles included), so
//! each manager gets their own page and their own team-summary PDF.

use crate::analysis::target::build_team;
use crate::analysis::team::{PersonSummary, TeamReport};
use crate::catalog::Catalog;
use crate::model::GroupKey;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// The groups of `people` (targets assigned) by `key`: by name, the people
/// without a value last. Groups compare values ignoring case and spaces,
/// keeping the first spelling seen.
pub fn build_groups(
    people: &[PersonSummary],
    key: GroupKey,
    catalog: &Catalog,
    role_ids: &[String],
    today: NaiveDate,
) -> Vec<GroupSection> {
    let fold = |s: &str| crate::text::fold_name(s);
    let mut groups: BTreeMap<(bool, String), (Option<String>, Vec<PersonSummary>)> =
        BTreeMap::new();
    for p in people {
        let value = p.profile.group(key).filter(|v| !v.trim().is_empty());
        let k = (value.is_none(), value.map(fold).unwrap_or_default());
        groups
            .entry(k)
            .or_insert_with(|| (value.map(str::to_string), Vec::new()))
            .1
            .push(p.clone());
    }
    groups
        .into_values()
        .map(|(name, members)| {
            let mut g = GroupSection {
                key,
                name,
                file: String::new(),
                report: build_team(&members, 0, catalog, role_ids, today, Vec::new()),
            };
            g.report.scope = Some(g.heading());
            g
        })
        .collect()
}
