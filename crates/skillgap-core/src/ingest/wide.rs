//! Wide format: one row per person and one column per skill, as plain
//! spreadsheets and Google / Microsoft Forms exports write it.

use std::collections::HashSet;

use super::answers::{detect_range, detected_note, preset_of, tally};
use super::columns::{ColumnRole, columns_arg};
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

    let name = layout.find(&WideRole::Name);
    // First and last name columns make the name when there is no name column.
    let (first_name, last_name) = match name {
        Some(_) => (None, None),
        None => (
            layout.find(&WideRole::FirstName),
            layout.find(&WideRole::LastName),
        ),
    };
    let email = layout.find(&WideRole::Email);
    let username = layout.find(&WideRole::Username);
    let id = layout.find(&WideRole::Id);
    let rater_idx = layout.find(&WideRole::Rater);
    let mut profiles =
        super::profile::ProfileColumns::new(layout.roles.iter().enumerate().filter_map(
            |(i, r)| match r {
                WideRole::Profile(f) => Some((*f, i)),
                _ => None,
            },
        ));
    let date_idx = layout.date_column();
    // A second grid on interest: its answers go with the same skill's rating.
    let interest_cols: Vec<(String, usize)> = layout
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            WideRole::Interest(s) => Some((s.to_lowercase(), i)),
            _ => None,
        })
        .collect();
    not_skill_warning(header, layout, &mut out);
    let has_identity = name.is_some()
        || first_name.is_some()
        || last_name.is_some()
        || email.is_some()
        || username.is_some();
    describe_columns(header, layout, &skills, date_idx, &mut out);

    let dates = date_idx.map(|idx| {
        let cells: Vec<&str> = rows.iter().map(|r| r.cell(idx)).collect();
        (idx, DateColumn::resolve(header.cell(idx), cells))
    });
    let single_anonymous_row = !has_identity && rows.len() == 1;
    if group {
        // The survey asks what its skill columns name, for everyone: known
        // before anyone is handed out.
        let mut g = Grouping::new(single_anonymous_row);
        for col in &skills {
            g.label(&col.skill);
        }
        out.grouping = Some(g);
    }
    let needed = skills.iter().map(|c| c.idx + 1).max().unwrap_or(0);
    let mut people = People::default();
    let mut generated = Vec::new();
    let mut bad_dates = Vec::new();
    let identity = |n: usize, rec: &Record| {
        let joined = (first_name.is_some() || last_name.is_some()).then(|| {
            [first_name, last_name]
                .into_iter()
                .flatten()
                .map(|i| rec.cell(i))
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        });
        identify(
            IdentityCells {
                name: name.map(|i| rec.cell(i)).or(joined.as_deref()),
                email: email.map(|i| rec.cell(i)),
                username: username.map(|i| rec.cell(i)),
                id: id.map(|i| rec.cell(i)),
            },
            n + 1,
        )
    };
    let mut idents: Vec<Identity> = rows
        .iter()
        .enumerate()
        .map(|(n, rec)| identity(n, rec))
        .collect();
    let skip = settle_people(&rows, &mut idents, rater_idx, dates.as_ref(), &mut out);
    for (n, rec) in rows.iter().enumerate() {
        if skip.get(n).copied().unwrap_or(false) {
            continue;
        }
        let too_long = [name, first_name, last_name, email, username, rater_idx]
            .into_iter()
            .flatten()
            .find(|&i| rec.cell(i).chars().count() > MAX_FIELD_CHARS);
        if let Some(idx) = too_long {
            out.push_problem(RowProblem {
                person: None,
                line: rec.line,
                column: idx + 1,
                message: format!(
                    "the \"{}\" cell is longer than {MAX_FIELD_CHARS} characters; check the quotes on the lines above",
                    shorten(header.cell(idx))
                ),
            });
            continue;
        }
        let Some(who) = idents.get(n) else { continue };
        let person = (!single_anonymous_row).then(|| who.person.clone());
        if let Some(p) = &person {
            if who.generated {
                generated.push(p.clone());
            }
            people.add(p);
        }
        if let Some((column, message)) = ragged(rec, header, needed) {
            out.push_problem(RowProblem {
                person: person.clone(),
                line: rec.line,
                column: column + 1,
                message,
            });
            continue;
        }
        let date = dates.as_ref().and_then(|(idx, col)| {
            let text = rec.cell(*idx);
            let date = col.parse(text);
            if date.is_none() && !text.is_empty() {
                bad_dates.push((rec.line, text.to_string()));
            }
            date
        });
        let rater = rater_idx
            .and_then(|i| normalise_rater(rec.cell(i)))
            .map(|r| out.strings.get(&r));
        let profile = profiles.of(rec);
        let shared_person = person.as_deref().map(|p| out.strings.get_clean(p));
        let shared_email = who.email.as_deref().map(|e| out.strings.get_clean(e));
        for col in &skills {
            let raw = rec.raw_cell(col.idx);
            let interest = match interest_of(rec, header, &interest_cols, &col.skill) {
                Ok(level) => level,
                Err((column, message)) => {
                    out.push_problem(RowProblem {
                        person: person.clone(),
                        line: rec.line,
                        column,
                        message,
                    });
                    None
                }
            };
            let how = ColumnRead {
                decimal_comma,
                percent: col.percent,
                range: col.range,
                scale,
                preset: col.preset,
            };
            let kept = match parse_cell(raw, &how) {
                Ok(value) => {
                    let raw_value = out.strings.get(raw);
                    out.push_rating(RawRating {
                        person: shared_person.clone(),
                        email: shared_email.clone(),
                        skill: col.skill.clone(),
                        value,
                        raw_value,
                        line: rec.line,
                        column: col.idx + 1,
                        notes: None,
                        date,
                        rater: rater.clone(),
                        interest,
                        profile: profile.clone(),
                    })
                }
                Err(e) => out.push_problem(RowProblem {
                    person: person.clone(),
                    line: rec.line,
                    column: col.idx + 1,
                    message: e.message(raw, Some(&col.skill)),
                }),
            };
            if !kept {
                break;
            }
        }
        if out.over_budget.is_some() {
            break;
        }
    }

    if let Some((idx, col)) = dates {
        out.warnings.extend(col.warning);
        out.warnings
            .extend(bad_dates_warning(header.cell(idx), &bad_dates));
    }
    out.warnings.extend(anonymous_warning(&generated));
    let from_email: Vec<(String, String)> = idents
        .iter()
        .filter_map(|i| Some((i.person.clone(), i.from_email.clone()?)))
        .collect();
    out.warnings.extend(from_email_warning(&from_email));
    out.people = people.into_vec();
    out
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
