//! The transposed matrix: skills down, people across ("Category", "Skill",
//! then one column per person), the most common hand-made skills matrix.
//! Each cell is one person's rating of the row's skill; messages name the
//! cell's own line and column.

use super::answers::{detect_range, detected_note, preset_of, tally};
use super::people::is_summary_row;
use super::records::Record;
use super::scale::{ColumnRead, Scale};
use super::stream::Grouping;
use super::table::{Extracted, column_label};
use super::value::{column_is_percent, detect_decimal_comma, is_not_rated, parse_cell};
use super::{RawRating, RowProblem};
use crate::text::cleaned;
use crate::text::shorten;

/// The columns of a transposed matrix: the skill column and the people's.
#[derive(Debug, Clone)]
pub(crate) struct Transposed {
    /// The column naming each row's skill.
    pub skill: usize,
    /// The columns headed by a person's name, in header order.
    pub people: Vec<usize>,
}

/// Reads `data` as a matrix with people across, when it is one (or
/// `--transpose` says so): None when no column holds a person's ratings.
pub(crate) fn read(
    header: &Record,
    data: &[Record],
    delimiter: u8,
    group: bool,
    opts: &super::ReadOptions,
) -> Option<Extracted> {
    let forced = opts.transpose == Some(true);
    let skill = skill_column(data, &super::table::skill_columns(header));
    let others = super::table::role_columns(header);
    let layout = find(header, data, skill, &others, forced)?;
    Some(extract(
        header,
        data,
        &layout,
        delimiter,
        group,
        opts.scale.as_deref(),
    ))
}

/// Of the columns named as skills, the one with the most different
/// values: "Category" or "Area" repeat down the rows, the skill does not.
/// The first column when none is named.
pub(crate) fn skill_column(data: &[Record], candidates: &[usize]) -> usize {
    candidates
        .iter()
        .copied()
        .max_by_key(|&i| {
            let mut seen: Vec<&str> = data
                .iter()
                .map(|r| r.cell(i))
                .filter(|c| !c.is_empty())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            (seen.len(), i)
        })
        .unwrap_or(0)
}

/// The people columns of a matrix whose skill column is `skill`: headed
/// columns other than the skill and `other` (recognised roles), whose
/// answered cells are mostly ratings. None when there are none, so the
/// file is not a matrix. `forced` takes every headed column.
pub(crate) fn find(
    header: &Record,
    data: &[Record],
    skill: usize,
    other: &[usize],
    forced: bool,
) -> Option<Transposed> {
    let people: Vec<usize> = (0..header.cells.len())
        .filter(|&i| i != skill && !other.contains(&i) && !header.cell(i).is_empty())
        .filter(|&i| !is_summary_row(header.cell(i)))
        .filter(|&i| {
            let answered: Vec<&str> = data
                .iter()
                .map(|r| r.cell(i))
                .filter(|c| !is_not_rated(c))
                .collect();
            let read = answered
                .iter()
                .filter(|c| parse_cell(c, &ColumnRead::default()).is_ok())
                .count();
            forced || (!answered.is_empty() && read * 2 >= answered.len())
        })
        .collect();
    (!people.is_empty()).then_some(Transposed { skill, people })
}

/// Turns the rows of a transposed matrix into ratings and problems.
pub(crate) fn extract(
    header: &Record,
    data: &[Record],
    layout: &Transposed,
    delimiter: u8,
    group: bool,
    scale: Option<&Scale>,
) -> Extracted {
    let rows: Vec<&Record> = data
        .iter()
        .filter(|r| !r.is_blank() && !r.cell(layout.skill).is_empty())
        .filter(|r| !is_summary_row(r.cell(layout.skill)))
        .collect();
    let cells = || {
        rows.iter()
            .flat_map(|r| layout.people.iter().map(|&i| r.cell(i)))
    };
    let decimal_comma = detect_decimal_comma(delimiter, cells());
    let mut out = Extracted {
        decimal_comma,
        ..Extracted::default()
    };
    // One scale for the whole matrix: everyone answered the same question.
    let percent = column_is_percent(cells(), decimal_comma);
    let preset = preset_of(cells(), None);
    let found = (!percent)
        .then(|| detect_range(cells(), decimal_comma))
        .flatten();
    let how = ColumnRead {
        decimal_comma,
        percent,
        range: found.or(preset.filter(|p| p.top != 5.0).map(|p| (1.0, p.top))),
        scale,
        preset,
    };
    tally(&mut out.scales, "(every person column)", cells(), &how);
    if let Some(r) = found {
        out.notes.push(detected_note(r, layout.people.len()));
    }
    out.notes.push(format!(
        "read as a matrix with skills down (\"{}\") and people across: {} person column(s); pass --transpose=false if the columns are not people",
        shorten(&column_label(header, layout.skill)),
        layout.people.len()
    ));
    describe(header, layout, &mut out);
    if group {
        let mut g = Grouping::new(false);
        for r in &rows {
            g.label(&out.strings.get_clean(&cleaned(r.cell(layout.skill))));
        }
        out.grouping = Some(g);
    }
    for &col in &layout.people {
        let person = out.strings.get_clean(header.cell(col));
        out.people.push(person.to_string());
        for rec in &rows {
            let skill = out.strings.get_clean(&cleaned(rec.cell(layout.skill)));
            let raw = rec.raw_cell(col);
            let kept = match parse_cell(raw, &how) {
                Ok(value) => {
                    let raw_value = out.strings.get(raw);
                    out.push_rating(RawRating {
                        person: Some(person.clone()),
                        email: None,
                        skill,
                        value,
                        raw_value,
                        line: rec.line,
                        column: col + 1,
                        notes: None,
                        date: None,
                        rater: None,
                        interest: None,
                        profile: None,
                    })
                }
                Err(e) => out.push_problem(RowProblem {
                    person: Some(person.to_string()),
                    line: rec.line,
                    column: col + 1,
                    message: e.message(raw, Some(&skill)),
                }),
            };
            if !kept {
                return out;
            }
        }
    }
    out
}

/// Fills `columns_used`, `columns_ignored` and `columns_arg`.
fn describe(header: &Record, layout: &Transposed, out: &mut Extracted) {
    for idx in 0..header.cells.len() {
        if idx == layout.skill {
            out.columns_used
                .push((header.cell(idx).to_string(), "skill".to_string()));
        } else if layout.people.contains(&idx) {
            out.columns_used.push((
                header.cell(idx).to_string(),
                format!("person: {}", shorten(header.cell(idx))),
            ));
        } else {
            out.columns_ignored.push(column_label(header, idx));
        }
    }
    out.columns_arg =
        super::columns::columns_arg(header, &[(super::ColumnRole::Skill, layout.skill)]);
}
