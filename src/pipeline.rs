//! One person's rows → a finished [`Report`]: the path shared by `report`
//! and `batch`.

use crate::assessment::{Assessed, DuplicatePolicy, PersonRows, assess};
use crate::catalog::Catalog;
use crate::error::DataError;
use crate::ingest::Table;
use crate::plan::PlanOptions;
use crate::report::Report;
use chrono::NaiveDate;

/// Settings that are the same for every person of a run.
#[derive(Debug, Clone, Copy)]
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
}

/// Builds the report of one person of `table`, read from `file`.
/// `fallback_name` names a person in a file without a person column.
pub fn person_report(
    a: &Analysis<'_>,
    file: &str,
    table: &Table,
    group: &PersonRows<'_>,
    fallback_name: &str,
) -> Result<Report, DataError> {
    let Assessed {
        assessment, notes, ..
    } = assess(file, table, group, a.catalog, a.on_duplicate, fallback_name)?;
    Ok(Report::build(
        &assessment,
        a.catalog,
        a.roles,
        a.today,
        file,
        notes,
        Some(a.plan),
    ))
}

/// A file without a person column is named after the file:
/// `alex_morgan.csv` → "Alex Morgan".
pub fn name_from_file(path: Option<&std::path::Path>) -> String {
    let stem = path
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().to_string());
    let words: Vec<String> = stem
        .unwrap_or_default()
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "Unnamed".into()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn names_from_file_stems() {
        assert_eq!(
            name_from_file(Some(Path::new("x/alex_morgan.csv"))),
            "Alex Morgan"
        );
        assert_eq!(
            name_from_file(Some(Path::new("łukasz-żółć.tsv"))),
            "Łukasz Żółć"
        );
        assert_eq!(name_from_file(None), "Unnamed");
    }
}
