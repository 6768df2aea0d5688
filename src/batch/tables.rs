//! CSV files the batch writes: the team summary, the ratings matrix and
//! the error list. Every cell is neutralised against spreadsheet formulas,
//! and every file starts with a UTF-8 byte order mark: without it Excel
//! on Windows reads UTF-8 as the local code page ("Å\u{81}ukasz").

use crate::analysis::team::PersonSummary;
use crate::model::GroupKey;
use std::borrow::Cow;

/// The UTF-8 byte order mark every CSV starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell that a spreadsheet would run as a formula gets a leading
/// apostrophe, so opening the file in Excel runs nothing.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// How the team CSVs separate cells and write decimals: commas and points
/// by default; `;` and decimal commas for Excel in German, Dutch, French
/// and other locales whose decimal mark is a comma (there, a comma-separated
/// file opens as one column and "91.8" turns into a date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// The cell separator.
    pub delimiter: u8,
    /// Decimals written with a comma (91,8).
    pub decimal_comma: bool,
}

impl Default for CsvStyle {
    fn default() -> Self {
        CsvStyle {
            delimiter: b',',
            decimal_comma: false,
        }
    }
}

impl CsvStyle {
    /// A number as this style writes it.
    fn num(self, v: f64) -> String {
        let s = crate::text::num(v);
        if self.decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    styled(CsvStyle::default())
}

fn styled(style: CsvStyle) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(style.delimiter)
        .from_writer(BOM.to_vec())
}

/// The person's title, target role and groups, in [`profile_header`] order.
fn profile_cells(p: &PersonSummary, with_title: bool) -> Vec<String> {
    let mut v = Vec::new();
    if with_title {
        v.push(p.profile.title.clone().unwrap_or_default());
    }
    v.push(
        p.target
            .as_ref()
            .map_or(String::new(), |t| t.role.to_string()),
    );
    if with_title {
        v.push(
            p.target
                .as_ref()
                .map_or(String::new(), |t| t.from.key().to_string()),
        );
    }
    v.extend(
        GroupKey::ALL
            .iter()
            .map(|k| p.profile.group(*k).unwrap_or_default().to_string()),
    );
    v
}

/// The title, target-role and group column names.
fn profile_header(with_title: bool) -> Vec<String> {
    let mut v = Vec::new();
    if with_title {
        v.push("title".to_string());
    }
    v.push("target_role".into());
    if with_title {
        v.push("target_from".into());
    }
    v.extend(GroupKey::ALL.iter().map(|k| k.key().to_string()));
    v
}

fn write_row(w: &mut csv::Writer<Vec<u8>>, cells: &[String]) -> anyhow::Result<()> {
    w.write_record(cells.iter().map(|c| safe_cell(c).into_owned()))?;
    Ok(())
}

fn finish(w: csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// `team-summary.csv`: a row per person with the report's file name, job
/// title, target role (and where it comes from), the group columns, fit
/// and coverage per role, best fit, top three gaps, how many required
/// skills were left blank (`not_rated`) and not asked by the person's
/// input (`not_asked`), and the change in best-fit fit since the previous
/// assessment (`fit_change`, percentage points; blank when there was none).
pub fn team_summary_csv(
    people: &[PersonSummary],
    roles: &[(String, String)],
    style: CsvStyle,
) -> anyhow::Result<Vec<u8>> {
    let fmt = |v: f64| style.num(v);
    let mut w = styled(style);
    let mut header = vec!["person".to_string(), "email".into(), "report".into()];
    header.extend(profile_header(true));
    header.extend(
        roles
            .iter()
            .flat_map(|(id, _)| [format!("fit_{id}"), format!("coverage_{id}")]),
    );
    header.extend([
        "best_fit".into(),
        "gap_1".into(),
        "gap_2".into(),
        "gap_3".into(),
        "not_rated".into(),
        "not_asked".into(),
        "fit_change".into(),
    ]);
    write_row(&mut w, &header)?;
    for p in people {
        let mut row = vec![
            p.person.clone(),
            p.email.clone().unwrap_or_default(),
            p.report.clone(),
        ];
        row.extend(profile_cells(p, true));
        row.extend(roles.iter().flat_map(|(id, _)| {
            [
                p.fit(id).map(fmt).unwrap_or_default(),
                p.coverage(id)
                    .map(|c| fmt((c * 10.0).round() / 10.0))
                    .unwrap_or_default(),
            ]
        }));
        row.push(p.best_fit.clone().unwrap_or_default());
        for i in 0..3 {
            row.push(
                p.top_gaps
                    .get(i)
                    .map_or_else(String::new, |g| g.to_string()),
            );
        }
        row.push(p.skipped().to_string());
        row.push(p.not_asked.len().to_string());
        let mut record: Vec<String> = row.iter().map(|c| safe_cell(c).into_owned()).collect();
        // A number formatted here is never a formula, so a fall ("-4.5")
        // stays a number in a spreadsheet instead of getting an apostrophe.
        record.push(p.fit_change().map(fmt).unwrap_or_default());
        w.write_record(&record)?;
    }
    finish(w)
}

/// `team-skills.csv`: person × skill effective ratings (blank = not rated),
/// after the target role and the group columns.
pub fn team_skills_csv(
    people: &[PersonSummary],
    skills: &[(String, String)],
    style: CsvStyle,
) -> anyhow::Result<Vec<u8>> {
    let fmt = |v: f64| style.num(v);
    let mut w = styled(style);
    let mut header = vec!["person".to_string(), "email".into()];
    header.extend(profile_header(false));
    header.extend(skills.iter().map(|(_, name)| name.clone()));
    write_row(&mut w, &header)?;
    for p in people {
        let mut row = vec![p.person.clone(), p.email.clone().unwrap_or_default()];
        row.extend(profile_cells(p, false));
        row.extend(
            skills
                .iter()
                .map(|(id, _)| p.rating(id).map(fmt).unwrap_or_default()),
        );
        write_row(&mut w, &row)?;
    }
    finish(w)
}

/// One failure of a batch run.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Input file.
    pub file: String,
    /// Line, when known.
    pub line: Option<usize>,
    /// Person, when known.
    pub person: Option<String>,
    /// The full message.
    pub message: String,
}

/// The list of failures: the file a batch lists its failures in.
pub const ERRORS: &str = "errors.csv";

/// [`ERRORS`]'s header row (`team-summary` checks a shard's against it).
pub const ERRORS_HEADER: [&str; 4] = ["file", "line", "person", "error"];

/// `errors.csv`.
pub fn errors_csv(failures: &[Failure]) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    write_row(&mut w, &ERRORS_HEADER.map(String::from))?;
    for f in failures {
        write_row(
            &mut w,
            &[
                f.file.clone(),
                f.line.map(|l| l.to_string()).unwrap_or_default(),
                f.person.clone().unwrap_or_default(),
                f.message.clone(),
            ],
        )?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::team::{RolePercent, SkillRated};

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe_cell(s).starts_with('\''), "{s}");
        }
        assert_eq!(safe_cell("Ana"), "Ana");
        assert_eq!(safe_cell(""), "");
    }

    /// One person as the team files see them: a formula-looking name, two
    /// fits, a gap, a title and a manager, a fit change since last time.
    fn evil() -> PersonSummary {
        PersonSummary {
            person: "=evil".into(),
            email: None,
            slug: "evil".into(),
            best_fit: Some("sre".into()),
            fits: vec![
                RolePercent {
                    role: "sre".into(),
                    percent: 72.5,
                },
                RolePercent {
                    role: "devops".into(),
                    percent: 70.0,
                },
            ],
            coverages: vec![
                RolePercent {
                    role: "sre".into(),
                    percent: 61.0,
                },
                RolePercent {
                    role: "devops".into(),
                    percent: 100.0,
                },
            ],
            ready: vec![],
            judged_roles: None,
            not_asked: vec!["toil-reduction".into()].into(),
            unrated_zero: false,
            top_gaps: vec!["SLOs".into()],
            unrated: 3,
            ratings: vec![SkillRated {
                skill: "slos".into(),
                rating: 2.0,
            }],
            report: "evil.pdf".into(),
            profile: crate::model::Profile {
                title: Some("+SRE II".into()),
                manager: Some("Łukasz Żółć".into()),
                ..Default::default()
            },
            target: Some(crate::analysis::target::Target {
                role: "sre".into(),
                from: crate::analysis::target::TargetFrom::Title,
            }),
            call: None,
            rate_next: vec![],
            progress: Some(crate::analysis::team::PersonProgress {
                since: None,
                fit: Some(crate::analysis::report::FitChange {
                    role: "sre".into(),
                    title: "SRE".into(),
                    before: 77.0,
                    now: 72.5,
                    change: -4.5,
                }),
                skills: vec![],
            }),
        }
    }

    #[test]
    fn summary_rows_carry_fits_and_gaps() {
        let p = evil();
        let roles = vec![
            ("devops".to_string(), "DevOps".to_string()),
            ("sre".into(), "SRE".into()),
        ];
        let plain = CsvStyle::default();
        let csv =
            String::from_utf8(team_summary_csv(std::slice::from_ref(&p), &roles, plain).unwrap())
                .unwrap();
        assert_eq!(
            csv,
            "\u{feff}person,email,report,title,target_role,target_from,department,team,manager,location,fit_devops,coverage_devops,fit_sre,coverage_sre,best_fit,gap_1,gap_2,gap_3,not_rated,not_asked,fit_change\n'=evil,,evil.pdf,'+SRE II,sre,title,,,Łukasz Żółć,,70,100,72.5,61,sre,SLOs,,,2,1,-4.5\n"
        );
        // Excel with a decimal comma: semicolons, and 72,5 stays a number.
        let eu = CsvStyle {
            delimiter: b';',
            decimal_comma: true,
        };
        let csv =
            String::from_utf8(team_summary_csv(std::slice::from_ref(&p), &roles, eu).unwrap())
                .unwrap();
        let row = csv.lines().nth(1).unwrap();
        assert_eq!(
            row,
            "'=evil;;evil.pdf;'+SRE II;sre;title;;;Łukasz Żółć;;70;100;72,5;61;sre;SLOs;;;2;1;-4,5"
        );
    }

    #[test]
    fn skills_and_errors_rows_are_safe_cells() {
        let plain = CsvStyle::default();
        let skills = vec![
            ("slos".to_string(), "SLOs".to_string()),
            ("go".into(), "Go".into()),
        ];
        let csv = String::from_utf8(team_skills_csv(&[evil()], &skills, plain).unwrap()).unwrap();
        assert_eq!(
            csv,
            "\u{feff}person,email,target_role,department,team,manager,location,SLOs,Go\n'=evil,,sre,,,Łukasz Żółć,,2,\n"
        );
        let errors = String::from_utf8(
            errors_csv(&[Failure {
                file: "t.csv".into(),
                line: Some(3),
                person: Some("=Ana".into()),
                message: "bad".into(),
            }])
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            errors,
            "\u{feff}file,line,person,error\nt.csv,3,'=Ana,bad\n"
        );
    }
}
