//! Wide format: one row per person and one column per skill, as plain
//! spreadsheets and Google / Microsoft Forms exports write it.

use std::collections::HashSet;

use super::answers::{detect_range, detected_note, preset_of, tally};
use super::column_role::ColumnRole;
use super::columns::columns_arg;
use super::dates::{DateColumn, bad_dates_warning};
use super::headers::declared_range;
use super::opinion::{normalise_rater, parse_interest_answer};
use super::people::{
    Identity, IdentityCells, People, anonymous_warning, from_email_warning, identify,
    is_summary_row, renamed_by_email,
};
use super::presets::Preset;
use super::records::Record;
use super::scale::{ColumnRead, Scale, rescale_note, rescaled_range};
use super::stream::Grouping;
use super::table::{Extracted, WideLayout, WideRole, column_label, ragged};
use super::value::{
    MAX_FIELD_CHARS, column_is_percent, detect_decimal_comma, is_not_rated, parse_cell,
};
use super::{RawRating, RowProblem};
use crate::text::{cleaned, shorten};
use std::collections::HashMap;

/// A skill column and how its answers are read.
struct SkillColumn {
    idx: usize,
    skill: std::sync::Arc<str>,
    percent: bool,
    /// A range the header declares other than 0–5, or the file's answers show.
    range: Option<(f64, f64)>,
    /// The named scale its worded answers use.
    preset: Option<&'static Preset>,
}

/// The columns of a wide file that say who a row is (the rater too):
/// the name, or first and last name when there is no name column, email,
/// username and response id.
struct WhoColumns {
    name: Option<usize>,
    first_name: Option<usize>,
    last_name: Option<usize>,
    email: Option<usize>,
    username: Option<usize>,
    id: Option<usize>,
    rater: Option<usize>,
}

impl WhoColumns {
    fn of(layout: &WideLayout) -> Self {
        let name = layout.find(&WideRole::Name);
        // First and last name columns make the name when there is no name column.
        let (first_name, last_name) = match name {
            Some(_) => (None, None),
            None => (
                layout.find(&WideRole::FirstName),
                layout.find(&WideRole::LastName),
            ),
        };
        WhoColumns {
            name,
            first_name,
            last_name,
            email: layout.find(&WideRole::Email),
            username: layout.find(&WideRole::Username),
            id: layout.find(&WideRole::Id),
            rater: layout.find(&WideRole::Rater),
        }
    }

    /// Whether any column names the person (the id alone does not).
    fn has_identity(&self) -> bool {
        self.name.is_some()
            || self.first_name.is_some()
            || self.last_name.is_some()
            || self.email.is_some()
            || self.username.is_some()
    }

    /// Who data row `n` (from 0) is.
    fn identity(&self, n: usize, rec: &Record) -> Identity {
        let joined = (self.first_name.is_some() || self.last_name.is_some()).then(|| {
            [self.first_name, self.last_name]
                .into_iter()
                .flatten()
                .map(|i| rec.cell(i))
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        });
        identify(
            IdentityCells {
                name: self.name.map(|i| rec.cell(i)).or(joined.as_deref()),
                email: self.email.map(|i| rec.cell(i)),
                username: self.username.map(|i| rec.cell(i)),
                id: self.id.map(|i| rec.cell(i)),
            },
            n + 1,
        )
    }

    /// The first of these columns whose cell in `rec` is too long to be a
    /// name: a quote left open on a line above swallowed the lines after it.
    fn too_long(&self, rec: &Record) -> Option<usize> {
        [
            self.name,
            self.first_name,
            self.last_name,
            self.email,
            self.username,
            self.rater,
        ]
        .into_iter()
        .flatten()
        .find(|&i| rec.cell(i).chars().count() > MAX_FIELD_CHARS)
    }
}

/// What every row of a wide file is read with: who the row is, its
/// skill columns and how their answers read.
struct WideRead<'a> {
    header: &'a Record,
    who: WhoColumns,
    skills: &'a [SkillColumn],
    /// A second grid on interest: (skill lower case, column).
    interest_cols: Vec<(String, usize)>,
    decimal_comma: bool,
    scale: Option<&'a Scale>,
    /// The date column, read as its cells show.
    dates: Option<(usize, DateColumn)>,
    /// Cells a row must have to reach the last skill column.
    needed: usize,
    /// One row and no column naming anyone: the ratings have no person.
    single_anonymous_row: bool,
}

/// What reading the rows gathers besides ratings and problems.
#[derive(Default)]
struct Gathered {
    people: People,
    /// Names made up as "Respondent N".
    generated: Vec<String>,
    /// (line, text) of dates that could not be read.
    bad_dates: Vec<(usize, String)>,
}

/// One row's person and the values every rating of the row carries.
struct RowOf {
    /// The person as problems name them (None for one anonymous row).
    person: Option<String>,
    shared_person: Option<std::sync::Arc<str>>,
    email: Option<std::sync::Arc<str>>,
    date: Option<chrono::NaiveDate>,
    rater: Option<std::sync::Arc<str>>,
    profile: Option<std::sync::Arc<crate::model::Profile>>,
}

impl WideRead<'_> {
    /// Row `rec`'s person and the values its ratings carry; None (with a
    /// problem in `out`) when the row cannot be read.
    fn row_of(
        &self,
        rec: &Record,
        ident: &Identity,
        profiles: &mut super::profile::ProfileColumns,
        gathered: &mut Gathered,
        out: &mut Extracted,
    ) -> Option<RowOf> {
        if let Some(idx) = self.who.too_long(rec) {
            out.push_problem(RowProblem {
                person: None,
                line: rec.line,
                column: idx + 1,
                message: format!(
                    "the \"{}\" cell is longer than {MAX_FIELD_CHARS} characters; check the quotes on the lines above",
                    shorten(self.header.cell(idx))
                ),
            });
            return None;
        }
        let person = (!self.single_anonymous_row).then(|| ident.person.clone());
        if let Some(p) = &person {
            if ident.generated {
                gathered.generated.push(p.clone());
            }
            gathered.people.add(p);
        }
        if let Some((column, message)) = ragged(rec, self.header, self.needed) {
            out.push_problem(RowProblem {
                person: person.clone(),
                line: rec.line,
                column: column + 1,
                message,
            });
            return None;
        }
        let date = self.dates.as_ref().and_then(|(idx, col)| {
            let text = rec.cell(*idx);
            let date = col.parse(text);
            if date.is_none() && !text.is_empty() {
                gathered.bad_dates.push((rec.line, text.to_string()));
            }
            date
        });
        Some(RowOf {
            shared_person: person.as_deref().map(|p| out.strings.get_clean(p)),
            email: ident.email.as_deref().map(|e| out.strings.get_clean(e)),
            person,
            date,
            rater: self
                .who
                .rater
                .and_then(|i| normalise_rater(rec.cell(i)))
                .map(|r| out.strings.get(&r)),
            profile: profiles.of(rec),
        })
    }

    /// Reads every skill cell of `rec` into `out`: a rating, or a problem
    /// naming the cell. Stops when `out` refuses more ratings.
    fn rate_row(&self, rec: &Record, row: &RowOf, out: &mut Extracted) {
        let problem = |column: usize, message: String| RowProblem {
            person: row.person.clone(),
            line: rec.line,
            column,
            message,
        };
        for col in self.skills {
            let raw = rec.raw_cell(col.idx);
            let interest = match interest_of(rec, self.header, &self.interest_cols, &col.skill) {
                Ok(level) => level,
                Err((column, message)) => {
                    out.push_problem(problem(column, message));
                    None
                }
            };
            let how = ColumnRead {
                decimal_comma: self.decimal_comma,
                percent: col.percent,
                range: col.range,
                scale: self.scale,
                preset: col.preset,
            };
            let kept = match parse_cell(raw, &how) {
                Ok(value) => {
                    let raw_value = out.strings.get(raw);
                    out.push_rating(RawRating {
                        person: row.shared_person.clone(),
                        email: row.email.clone(),
                        skill: col.skill.clone(),
                        value,
                        raw_value,
                        line: rec.line,
                        column: col.idx + 1,
                        notes: None,
                        date: row.date,
                        rater: row.rater.clone(),
                        interest,
                        profile: row.profile.clone(),
                    })
                }
                Err(e) => out.push_problem(problem(col.idx + 1, e.message(raw, Some(&col.skill)))),
            };
            if !kept {
                break;
            }
        }
    }
}

/// Turns wide-format data rows into ratings and problems.
pub(crate) fn extract_wide(
    header: &Record,
    data: &[Record],
    layout: &WideLayout,
    delimiter: u8,
    group: bool,
    scale: Option<&Scale>,
) -> Extracted {
    let rows: Vec<&Record> = data.iter().filter(|r| !r.is_blank()).collect();
    let skill_idx: Vec<(usize, String)> = layout
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            WideRole::Skill(s) => Some((i, s.clone())),
            _ => None,
        })
        .collect();
    let decimal_comma = detect_decimal_comma(
        delimiter,
        rows.iter()
            .flat_map(|r| skill_idx.iter().map(|(i, _)| r.cell(*i))),
    );
    let mut out = Extracted {
        decimal_comma,
        ..Extracted::default()
    };
    let skills = skill_columns(header, &rows, skill_idx, decimal_comma, scale, &mut out);
    let who = WhoColumns::of(layout);
    let mut profiles =
        super::profile::ProfileColumns::new(layout.roles.iter().enumerate().filter_map(
            |(i, r)| match r {
                WideRole::Profile(f) => Some((*f, i)),
                _ => None,
            },
        ));
    let date_idx = layout.date_column();
    not_skill_warning(header, layout, &mut out);
    describe_columns(header, layout, &skills, date_idx, &mut out);
    let single_anonymous_row = !who.has_identity() && rows.len() == 1;
    if group {
        // The survey asks what its skill columns name, for everyone: known
        // before anyone is handed out.
        let mut g = Grouping::new(single_anonymous_row);
        for col in &skills {
            g.label(&col.skill);
        }
        out.grouping = Some(g);
    }
    let read = WideRead {
        header,
        skills: &skills,
        interest_cols: interest_columns(layout),
        decimal_comma,
        scale,
        dates: date_idx.map(|idx| {
            let cells: Vec<&str> = rows.iter().map(|r| r.cell(idx)).collect();
            (idx, DateColumn::resolve(header.cell(idx), cells))
        }),
        needed: skills.iter().map(|c| c.idx + 1).max().unwrap_or(0),
        single_anonymous_row,
        who,
    };
    let mut gathered = Gathered::default();
    let mut idents: Vec<Identity> = rows
        .iter()
        .enumerate()
        .map(|(n, rec)| read.who.identity(n, rec))
        .collect();
    let skip = settle_people(
        &rows,
        &mut idents,
        read.who.rater,
        read.dates.as_ref(),
        &mut out,
    );
    for (n, rec) in rows.iter().enumerate() {
        if skip.get(n).copied().unwrap_or(false) {
            continue;
        }
        let Some(ident) = idents.get(n) else { continue };
        let Some(row) = read.row_of(rec, ident, &mut profiles, &mut gathered, &mut out) else {
            continue;
        };
        read.rate_row(rec, &row, &mut out);
        if out.over_budget.is_some() {
            break;
        }
    }
    if let Some((idx, col)) = read.dates {
        out.warnings.extend(col.warning);
        out.warnings
            .extend(bad_dates_warning(header.cell(idx), &gathered.bad_dates));
    }
    out.warnings.extend(anonymous_warning(&gathered.generated));
    out.warnings
        .extend(from_email_warning(&names_from_email(&idents)));
    out.people = gathered.people.into_vec();
    out
}

/// The interest grid's columns: (skill lower case, column).
fn interest_columns(layout: &WideLayout) -> Vec<(String, usize)> {
    layout
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            WideRole::Interest(s) => Some((s.to_lowercase(), i)),
            _ => None,
        })
        .collect()
}

/// (name, address) of everyone whose name was taken from their email.
fn names_from_email(idents: &[Identity]) -> Vec<(String, String)> {
    idents
        .iter()
        .filter_map(|i| Some((i.person.clone(), i.from_email.clone()?)))
        .collect()
}

/// Interest 0–3 in `skill` from the interest grid, if the survey has one;
/// an answer that is not an interest is an error at (column, message).
fn interest_of(
    rec: &Record,
    header: &Record,
    columns: &[(String, usize)],
    skill: &str,
) -> Result<Option<u8>, (usize, String)> {
    let want = skill.to_lowercase();
    let Some(&(_, idx)) = columns.iter().find(|(s, _)| *s == want) else {
        return Ok(None);
    };
    parse_interest_answer(rec.cell(idx)).map_err(|m| {
        (
            idx + 1,
            format!(
                "{m} in the interest question \"{}\" (use not interested, slightly, somewhat or very interested)",
                shorten(header.cell(idx))
            ),
        )
    })
}

/// One warning for the columns about the person rather than a skill.
fn not_skill_warning(header: &Record, layout: &WideLayout, out: &mut Extracted) {
    let list: Vec<String> = layout
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == WideRole::NotSkill)
        .map(|(i, _)| format!("\"{}\"", shorten(header.cell(i))))
        .collect();
    if !list.is_empty() {
        out.warnings.push(format!(
            "column(s) {} are about the person (years, age), not a skill: ignored",
            list.join(", ")
        ));
    }
}

/// Rows that are not one person's latest answer: summary rows ("Team
/// average", "Total") and earlier answers of someone who answered the form
/// twice on one day (same email, or same name without one, and rater).
/// People who share a name but not an email are told apart as "Name (2)".
/// Returns which rows to skip; says what it did in `out.notes`.
fn settle_people(
    rows: &[&Record],
    idents: &mut [Identity],
    rater_idx: Option<usize>,
    dates: Option<&(usize, DateColumn)>,
    out: &mut Extracted,
) -> Vec<bool> {
    let mut skip = vec![false; rows.len()];
    for (n, (rec, who)) in rows.iter().zip(idents.iter()).enumerate() {
        if !who.generated && is_summary_row(&who.person) {
            skip[n] = true;
            out.notes.push(format!(
                "line {} (\"{}\") is a summary row, not a person: skipped",
                rec.line,
                shorten(&who.person)
            ));
        }
    }
    let mut renamed = Vec::new();
    for (n, who) in idents.iter_mut().enumerate() {
        if skip[n] {
            continue;
        }
        if let Some(new) = renamed_by_email(who, &mut renamed) {
            who.person = new;
        }
    }
    for (name, emails) in renamed.iter().filter(|(_, e)| e.len() > 1) {
        out.notes.push(format!(
            "{} people named \"{}\" have different emails ({}): they are kept apart as {}",
            emails.len(),
            shorten(name),
            emails.join(", "),
            (1..=emails.len())
                .map(|k| if k == 1 {
                    format!("\"{}\"", shorten(name))
                } else {
                    format!("\"{} ({k})\"", shorten(name))
                })
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    // The same respondent (and rater) on the same day: the last row wins.
    let mut last: HashMap<(String, String, Option<chrono::NaiveDate>), usize> = HashMap::new();
    let mut earlier: Vec<(usize, usize)> = Vec::new();
    for (n, (rec, who)) in rows.iter().zip(idents.iter()).enumerate() {
        if skip[n] || who.generated {
            continue;
        }
        let key = (
            who.email
                .as_deref()
                .map_or_else(|| who.person.clone(), str::to_lowercase),
            rater_idx.map_or(String::new(), |i| rec.cell(i).to_lowercase()),
            dates.and_then(|(i, col)| col.parse(rec.cell(*i))),
        );
        if let Some(prev) = last.insert(key, n) {
            skip[prev] = true;
            earlier.push((prev, n));
        }
    }
    for (prev, n) in earlier {
        let (Some(a), Some(b), Some(who)) = (rows.get(prev), rows.get(n), idents.get(n)) else {
            continue;
        };
        out.notes.push(format!(
            "\"{}\" answered again on line {} after line {}: the latest answer (line {}) is used",
            shorten(&who.person),
            b.line,
            a.line,
            b.line
        ));
    }
    skip
}

/// Decides how each skill column is read, and drops free-text questions
/// ("Anything else?") that a form puts between the rating questions.
///
/// Columns are read consistently: the named scale is chosen from the
/// words of every column (a column's own words decide only when they
/// tell scales apart), and plain numbers above 5 in any column without a
/// declared range put every such column on the range found.
fn skill_columns(
    header: &Record,
    rows: &[&Record],
    candidates: Vec<(usize, String)>,
    decimal_comma: bool,
    scale: Option<&Scale>,
    out: &mut Extracted,
) -> Vec<SkillColumn> {
    let cells_of = |idx: usize| rows.iter().map(move |r| r.cell(idx));
    let file_preset = preset_of(candidates.iter().flat_map(|(i, _)| cells_of(*i)), None);
    let undeclared: Vec<usize> = candidates
        .iter()
        .map(|(i, _)| *i)
        .filter(|&i| declared_range(header.cell(i)).is_none())
        .filter(|&i| !column_is_percent(cells_of(i), decimal_comma))
        .collect();
    let found_range = detect_range(undeclared.iter().flat_map(|&i| cells_of(i)), decimal_comma);
    let mut columns = Vec::new();
    let mut text_columns = Vec::new();
    for (idx, skill) in candidates {
        let cells: Vec<&str> = cells_of(idx).collect();
        let percent = column_is_percent(cells.iter().copied(), decimal_comma);
        let answered: Vec<&str> = cells.iter().copied().filter(|c| !is_not_rated(c)).collect();
        let declared = rescaled_range(declared_range(header.cell(idx)));
        let preset = preset_of(cells.iter().copied(), file_preset);
        let range = declared
            .or(found_range.filter(|_| undeclared.contains(&idx)))
            .or(preset.filter(|p| p.top != 5.0).map(|p| (1.0, p.top)));
        let how = ColumnRead {
            decimal_comma,
            percent,
            range,
            scale,
            preset,
        };
        let any_rating = answered.iter().any(|c| parse_cell(c, &how).is_ok());
        let col = SkillColumn {
            idx,
            skill: cleaned(&skill).into(),
            percent,
            range,
            preset,
        };
        if !answered.is_empty() && !any_rating {
            text_columns.push((col, answered.first().map(|c| shorten(c))));
        } else {
            if let Some(r) = declared {
                out.notes.push(rescale_note(header.cell(idx), r));
            }
            tally(
                &mut out.scales,
                header.cell(idx),
                cells.iter().copied(),
                &how,
            );
            columns.push(col);
        }
    }
    if let Some(r) = found_range {
        let n = columns
            .iter()
            .filter(|c| undeclared.contains(&c.idx))
            .count();
        out.notes.push(detected_note(r, n));
    }
    // With no real rating column at all, reporting every cell is more
    // useful than silently finding nothing.
    if columns.is_empty() {
        return text_columns.into_iter().map(|(c, _)| c).collect();
    }
    for (col, example) in text_columns {
        let label = column_label(header, col.idx);
        out.warnings.push(format!(
            "column \"{}\" holds no ratings (for example \"{}\"), so it was ignored",
            shorten(&label),
            example.unwrap_or_default()
        ));
        out.columns_ignored.push(label);
        out.dropped_columns.push(col.skill.to_string());
    }
    let mut seen = HashSet::new();
    for col in &columns {
        if !seen.insert(col.skill.to_lowercase()) {
            out.warnings.push(format!(
                "skill \"{}\" appears in more than one column; every column's rating is kept",
                shorten(&col.skill)
            ));
        }
    }
    columns
}

/// Fills `columns_used` and `columns_ignored` in header order.
fn describe_columns(
    header: &Record,
    layout: &WideLayout,
    skills: &[SkillColumn],
    date_idx: Option<usize>,
    out: &mut Extracted,
) {
    let has_name = layout.find(&WideRole::Name).is_some();
    let mut first = HashSet::new();
    let mut arg = Vec::new();
    for (idx, role) in layout.roles.iter().enumerate() {
        let is_first = first.insert(std::mem::discriminant(role));
        let what = match role {
            WideRole::Skill(s) => skills
                .iter()
                .any(|c| c.idx == idx)
                .then(|| format!("skill: {s}")),
            WideRole::Name if is_first => Some("person".to_string()),
            WideRole::FirstName if is_first => Some("first name".to_string()),
            WideRole::LastName if is_first => Some("last name".to_string()),
            WideRole::Email if is_first => Some(
                if has_name {
                    "email"
                } else {
                    "person and email"
                }
                .to_string(),
            ),
            WideRole::Username if is_first => Some("person (when no name or email)".to_string()),
            WideRole::Id if is_first => Some("response id".to_string()),
            WideRole::Rater if is_first => Some("rater".to_string()),
            WideRole::Interest(s) => Some(format!("interest: {s}")),
            WideRole::Profile(f) if layout.find(role) == Some(idx) => Some(f.as_str().to_string()),
            WideRole::EmployeeId if is_first => Some("employee id (not used)".to_string()),
            WideRole::Timestamp | WideRole::CompletionTime | WideRole::Date
                if date_idx == Some(idx) =>
            {
                Some("date".to_string())
            }
            _ => None,
        };
        let arg_role = match role {
            WideRole::Name => Some(ColumnRole::Person),
            WideRole::FirstName => Some(ColumnRole::FirstName),
            WideRole::LastName => Some(ColumnRole::LastName),
            WideRole::Email => Some(ColumnRole::Email),
            WideRole::Rater => Some(ColumnRole::Rater),
            WideRole::Profile(f) => Some(ColumnRole::Profile(*f)),
            WideRole::Timestamp | WideRole::CompletionTime | WideRole::Date => {
                Some(ColumnRole::Date)
            }
            _ => None,
        };
        if let Some(r) = arg_role.filter(|_| what.is_some())
            && !arg.iter().any(|&(a, _)| a == r)
        {
            arg.push((r, idx));
        }
        match what {
            Some(w) => out.columns_used.push((header.cell(idx).to_string(), w)),
            None if matches!(role, WideRole::Skill(_)) => {}
            None => out.columns_ignored.push(column_label(header, idx)),
        }
    }
    out.columns_arg = columns_arg(header, &arg);
}
