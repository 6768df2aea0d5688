//! One person's rows → a finished [`Report`]: the path shared by `report`
//! and `batch`.

pub use crate::analysis::Analysis;
use crate::analysis::assessment::{PersonRows, Round, assess_rounds};
use crate::analysis::history::{compare, previous_plan_options};
use crate::analysis::raters;
use crate::analysis::report::Report;
use crate::catalog::Catalog;
use crate::error::DataError;
use crate::ingest::RowProblem;
use crate::model::CLOUDS;
use crate::plan::PlanOptions;

/// An earlier assessment of the same person from another input
/// (`--previous`): its newest round is compared with the current one.
#[derive(Debug, Clone)]
pub struct Earlier<'a> {
    /// The input, as named on the command line.
    pub file: &'a str,
    /// The row problems read from it (of everyone, or of this person).
    pub problems: &'a [RowProblem],
    /// The person's rows in it.
    pub group: PersonRows<'a>,
    /// Names the person when that input has no person column.
    pub fallback: String,
}

/// Builds the report of one person of `table`, read from `file`.
/// `fallback_name` names a person in a file without a person column.
///
/// When the person's rows carry two or more dates, the newest are the
/// assessment and the next-newest the previous one; when they carry a
/// rater, the basis picks the ratings analysed and the others are shown
/// beside them.
///
/// A person whose rated skills are all unknown to the catalogue (whoever
/// rated them) is an error — a report would be all zeros: a
/// [`DataError::Row`] at the first unknown name, listing the names with
/// suggestions. Only the current input is checked, not earlier assessments.
///
/// With `earlier` (a `--previous` input), the report compares with it
/// instead of with an earlier date in the same rows.
pub fn person_report(
    a: &Analysis<'_>,
    file: &str,
    problems: &[RowProblem],
    group: &PersonRows<'_>,
    fallback_name: &str,
    earlier: Option<&Earlier<'_>>,
) -> Result<Report, DataError> {
    let rounds = assess_rounds(
        file,
        problems,
        group,
        a.catalog,
        a.on_duplicate,
        fallback_name,
    )?;
    // Title, target role and groups: the person's first row that has any.
    let profile = group
        .rows
        .iter()
        .find_map(|r| r.profile.as_deref())
        .cloned();
    let target = a.target.clone().or_else(|| {
        profile
            .as_ref()
            .and_then(|p| target_of(a, p))
            .map(str::to_string)
    });
    // The cloud the person names, unless the run names one for everyone.
    let (cloud, cloud_note) = match profile.as_ref().and_then(|p| p.cloud.as_deref()) {
        Some(written) if a.plan.cloud.is_none() => stated_cloud(a.catalog, written),
        _ => (None, None),
    };
    let own = cloud.map(|c| PlanOptions {
        cloud: Some(c.to_string()),
        ..a.plan.clone()
    });
    let (mut report, basis) =
        round_report(a, file, &rounds.current, own.as_ref(), target.as_deref())?;
    report.notes.extend(cloud_note);
    report.profile = profile;
    // Nobody rated a catalogue skill, and names were given: they are all
    // unknown (or left blank), and a report would be all zeros.
    let nothing_known = rounds
        .current
        .by_rater
        .iter()
        .all(|(_, r)| r.assessment.ratings.is_empty());
    if nothing_known && !report.unknown_skills.is_empty() {
        return Err(no_known_skills(file, &report, &rounds.current));
    }
    report.raters = raters::compare(&rounds.current, &basis, a.catalog);
    if rounds.older > 0 {
        report.notes.push(format!(
            "{} older assessment date{} in the input {} not compared; only the latest two are.",
            rounds.older,
            if rounds.older == 1 { "" } else { "s" },
            if rounds.older == 1 { "is" } else { "are" },
        ));
    }
    let plan = own.as_ref().unwrap_or(a.plan);
    if let Some((source, round)) =
        previous_round(a, file, rounds.previous, earlier, &mut report.notes)?
    {
        compare_previous(a, &mut report, &basis, source, &round, plan)?;
    }
    Ok(report)
}

/// The round the report is compared with: `--previous`'s latest when
/// given (noting an earlier date in the input that is then not compared),
/// else the input's own next-newest, if any; with the file it is from.
fn previous_round<'f>(
    a: &Analysis<'_>,
    file: &'f str,
    own_previous: Option<Round>,
    earlier: Option<&Earlier<'f>>,
    notes: &mut Vec<String>,
) -> Result<Option<(&'f str, Round)>, DataError> {
    let Some(e) = earlier else {
        return Ok(own_previous.map(|p| (file, p)));
    };
    if let Some(p) = &own_previous {
        notes.push(format!(
            "The earlier assessment in the input ({}) is not compared; {} is.",
            p.assessed_on
                .map_or("undated".to_string(), |d| d.to_string()),
            e.file
        ));
    }
    let r = assess_rounds(
        e.file,
        e.problems,
        &e.group,
        a.catalog,
        a.on_duplicate,
        &e.fallback,
    )?;
    if r.previous.is_some() {
        notes.push(format!(
            "{} holds more than one assessment date; its latest is compared.",
            e.file
        ));
    }
    Ok(Some((e.file, r.current)))
}

/// Sets `report.previous` from `round` of `source`, analysed with the
/// plan options of its date, noting a change of basis or dates out of
/// order.
fn compare_previous(
    a: &Analysis<'_>,
    report: &mut Report,
    basis: &raters::Used,
    source: &str,
    round: &Round,
    plan: &PlanOptions,
) -> Result<(), DataError> {
    let opts = previous_plan_options(plan, round.assessed_on);
    let (before, before_basis) = round_report(a, source, round, Some(&opts), None)?;
    if before_basis != *basis {
        report.notes.push(format!(
            "The previous assessment is compared on {} and this one on {}, so part of the change may be who rated.",
            before_basis.label(),
            basis.label()
        ));
    }
    if let (Some(b), Some(n)) = (before.assessed_on, report.assessed_on)
        && b > n
    {
        report.notes.push(format!(
            "The previous assessment ({b}, {source}) is dated after this one ({n}); check which file is the newer."
        ));
    }
    report.previous = Some(compare(&before, report));
    Ok(())
}

/// The report of one round: the chosen basis analysed, with `plan`
/// (default: the run's plan options); and the basis used.
fn round_report(
    a: &Analysis<'_>,
    file: &str,
    round: &Round,
    plan: Option<&PlanOptions>,
    target: Option<&str>,
) -> Result<(Report, raters::Used), DataError> {
    let chosen = raters::choose(round, a.basis).ok_or_else(|| DataError::Other {
        file: file.to_string(),
        message: "no ratings found for this person".into(),
    })?;
    let mut notes = chosen.assessed.notes;
    notes.extend(chosen.note);
    let report = Report::build(
        a,
        &chosen.assessed.assessment,
        file,
        notes,
        Some(plan.unwrap_or(a.plan)),
        target,
    );
    Ok((report, chosen.basis))
}

/// What a plan does with a cloud answer it cannot use.
const FALLBACK: &str =
    "the plan's cloud material follows the provider you rate highest, as if you had not answered";

/// The provider a person's cloud answer names ("Azure", "AWS (mostly)",
/// "Google Cloud Platform"), and a note when it names none the catalogue
/// has material for or several: then the plan's cloud material follows
/// their ratings, and the report says so. `written` was cleaned when it
/// was read (`clean_name`), so it is quoted as it is.
fn stated_cloud(catalog: &Catalog, written: &str) -> (Option<&'static str>, Option<String>) {
    let matched = catalog.matcher.resolve(written);
    let ids = matched.ids();
    let named: Vec<&'static str> = CLOUDS.into_iter().filter(|c| ids.contains(c)).collect();
    match named.as_slice() {
        [one] => (Some(one), None),
        [] => (
            None,
            Some(format!(
                "Your cloud answer \"{written}\" names no provider the learning catalogue covers \
                 (AWS, Microsoft Azure, Google Cloud), so {FALLBACK}."
            )),
        ),
        several => (
            None,
            Some(format!(
                "Your cloud answer \"{written}\" names {}, so {FALLBACK} — name one cloud \
                 (or run with --cloud) to plan for it.",
                crate::text::and_list(
                    &several
                        .iter()
                        .map(|c| catalog.matcher.display_name(c).to_string())
                        .collect::<Vec<_>>()
                )
            )),
        ),
    }
}

/// The role a person aims at, from their target-role answer, else their
/// job title, when either names a compared role.
fn target_of<'c>(a: &Analysis<'c>, p: &crate::model::Profile) -> Option<&'c str> {
    [p.target_role.as_deref(), p.title.as_deref()]
        .into_iter()
        .flatten()
        .filter(|t| !t.trim().is_empty())
        .find_map(|t| a.catalog.role_for_title(t, a.roles))
        .map(|r| r.id.as_str())
}

/// How many unknown skill names a refusal lists.
const UNKNOWN_SHOWN: usize = 5;

/// The refusal of a person whose rated skills are all unknown to the
/// catalogue: a report of them would be all zeros. Names the first unknown
/// skill's line, up to [`UNKNOWN_SHOWN`] names with their suggestions, and
/// what to do.
fn no_known_skills(file: &str, report: &Report, round: &Round) -> DataError {
    let unknown = &report.unknown_skills;
    let mut names: Vec<String> = unknown
        .iter()
        .take(UNKNOWN_SHOWN)
        .map(|u| {
            let name = crate::ingest::shorten(&u.name);
            match &u.suggestion {
                Some(s) => format!("\"{name}\" (line {}; did you mean \"{s}\"?)", u.line),
                None => format!("\"{name}\" (line {})", u.line),
            }
        })
        .collect();
    if unknown.len() > UNKNOWN_SHOWN {
        names.push(format!("and {} more", unknown.len() - UNKNOWN_SHOWN));
    }
    // Catalogue skills named but left blank: the names are fine, the
    // ratings are missing.
    let blank = round
        .by_rater
        .iter()
        .flat_map(|(_, a)| &a.assessment.blank)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let what = if blank == 0 {
        "none of the skills matches the catalogue".to_string()
    } else {
        format!(
            "none of the rated skills matches the catalogue (the {} named {} left blank)",
            if blank == 1 {
                "one catalogue skill".to_string()
            } else {
                format!("{blank} catalogue skills")
            },
            if blank == 1 { "is" } else { "are" }
        )
    };
    DataError::Row {
        file: file.to_string(),
        line: unknown.iter().map(|u| u.line).min().unwrap_or(1),
        column: None,
        message: format!(
            "{what}, so there is nothing to report: {}. Check the spelling (`skillgap check` \
             shows how each name was read, `skillgap template` lists the known skills), or add \
             the skills to skills.toml in a templates folder and pass --templates DIR",
            names.join(", ")
        ),
    }
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
