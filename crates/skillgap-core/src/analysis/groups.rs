//! `--group-by`: the team split by department, team, manager or location,
//! each group summarised as a team of its own (target roles included), so
//! each manager gets their own page and their own team-summary PDF.

pub use crate::analysis::team::GroupSection;

use crate::analysis::person_summary::PersonSummary;
use crate::analysis::target::build_team;
use crate::catalog::Catalog;
use crate::model::GroupKey;
use chrono::NaiveDate;
use std::collections::BTreeMap;

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
