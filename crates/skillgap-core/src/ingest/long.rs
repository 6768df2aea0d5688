//! Long format: one row per rating, with skill and rating columns.

use super::dates::{DateColumn, bad_dates_warning};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

use super::answers::{detect_range, detected_note, preset_of, tally};
use super::column_role::ColumnRole;
use super::error::IngestError;
use super::headers::declared_range;
use super::opinion::{normalise_rater, parse_interest};
use super::people::{People, is_summary_row};
use super::records::{Record, Records};
use super::scale::{ColumnRead, rescale_note, rescaled_range};
use super::stream::{Grouping, PersonSink};
use super::table::{Extracted, LongLayout, MAX_STORED_BYTES, column_label, ragged};
use super::value::{
    MAX_FIELD_CHARS, column_is_percent, detect_decimal_comma, is_not_rated, parse_cell,
};
use super::{RawRating, ReadOptions, RowProblem};
use crate::text::{cleaned, shorten};

/// Cells of one column, kept in one buffer for the detection pass.
#[derive(Default)]
struct Column {
    text: String,
    ends: Vec<usize>,
}

impl Column {
    fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(a, &b)| self.text.get(a..b).unwrap_or(""))
    }
}

/// The name cell (or first and last name joined), else the email cell,
/// of a row: whose row it is. Borrowed unless names are joined.
fn person_cell<'r>(rec: &'r Record, layout: &LongLayout) -> Option<Cow<'r, str>> {
    let name = match layout.person {
        Some(i) => Cow::Borrowed(rec.cell(i)),
        None if layout.first_name.is_some() || layout.last_name.is_some() => {
            let first = layout.first_name.map_or("", |i| rec.cell(i));
            let last = layout.last_name.map_or("", |i| rec.cell(i));
            Cow::Owned(format!("{first} {last}").trim().to_string())
        }
        None => Cow::Borrowed(""),
    };
    let email = layout.email.map_or("", |i| rec.cell(i));
    if !name.is_empty() {
        Some(name)
    } else {
        (!email.is_empty()).then_some(Cow::Borrowed(email))
    }
}

/// Who each row is about, the same in both passes: people who share a
/// name but not an email are told apart as "Name (2)" (the k-th email
/// seen for a name is "Name (k)").
#[derive(Default)]
struct Names {
    emails: HashMap<String, Vec<String>>,
}

impl Names {
    fn person_of<'r>(&mut self, rec: &'r Record, layout: &LongLayout) -> Option<Cow<'r, str>> {
        let person = person_cell(rec, layout)?;
        let email = layout.email.map_or("", |i| rec.cell(i));
        if email.is_empty() || *person == *email {
            return Some(person);
        }
        let k = match self.emails.get_mut(&*person) {
            Some(list) => match list.iter().position(|e| e.eq_ignore_ascii_case(email)) {
                Some(k) => k,
                None => {
                    list.push(email.to_string());
                    list.len() - 1
                }
            },
            None => {
                self.emails
                    .insert(person.to_string(), vec![email.to_string()]);
                0
            }
        };
        if k == 0 {
            Some(person)
        } else {
            Some(Cow::Owned(format!("{person} ({})", k + 1)))
        }
    }

    /// Notes for the names that were told apart.
    fn notes(&self) -> Vec<String> {
        let mut shared: Vec<(&String, &Vec<String>)> =
            self.emails.iter().filter(|(_, e)| e.len() > 1).collect();
        shared.sort();
        shared
            .into_iter()
            .map(|(name, emails)| {
                format!(
                    "{} people named \"{}\" have different emails ({}): the one with {} is \"{}\", the others are numbered from \"{} (2)\"",
                    emails.len(),
                    shorten(name),
                    emails.join(", "),
                    emails.first().map_or("", String::as_str),
                    shorten(name),
                    shorten(name)
                )
            })
            .collect()
    }
}

/// A file without a person column is one person's: a skill rated twice
/// with the same date and rater, where an unused column changes between
/// the two rows, means the rows are several people named by that column,
/// and reading them as one would only end in "duplicate rating". Without
/// such a column the repeat stays a duplicate rating of one person.
#[derive(Default)]
struct OnePerson {
    /// (skill, date, rater) → the unused columns' cells where first rated.
    seen: HashMap<(String, String, String), Vec<String>>,
    /// Distinct values of each unused column, up to a few.
    values: HashMap<usize, HashSet<String>>,
}

impl OnePerson {
    fn check(
        &mut self,
        rec: &Record,
        header: &Record,
        layout: &LongLayout,
    ) -> Result<(), IngestError> {
        for &idx in &layout.ignored {
            let v = self.values.entry(idx).or_default();
            if v.len() < 64 && !rec.cell(idx).is_empty() {
                v.insert(rec.cell(idx).to_string());
            }
        }
        let skill = rec.cell(layout.skill);
        if skill.is_empty() || is_not_rated(rec.cell(layout.rating)) {
            return Ok(());
        }
        let key = (
            skill.to_lowercase(),
            layout.date.map_or("", |i| rec.cell(i)).to_string(),
            layout.rater.map_or("", |i| rec.cell(i)).to_lowercase(),
        );
        let cells: Vec<String> = layout
            .ignored
            .iter()
            .map(|&i| rec.cell(i).to_string())
            .collect();
        let Some(before) = self.seen.get(&key) else {
            if self.seen.len() < 100_000 {
                self.seen.insert(key, cells);
            }
            return Ok(());
        };
        // Of the unused columns that changed, the one with the most
        // different texts (not numbers) most likely names the people.
        let guess = layout
            .ignored
            .iter()
            .zip(before.iter().zip(&cells))
            .filter(|(_, (a, b))| a != b)
            .filter_map(|(&i, _)| Some((i, self.values.get(&i)?)))
            .filter(|(_, v)| v.len() > 1 && v.iter().all(|c| c.parse::<f64>().is_err()))
            .max_by_key(|(i, v)| (v.len(), std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        let Some(guess) = guess else {
            return Ok(());
        };
        let mut roles: Vec<(ColumnRole, usize)> = vec![(ColumnRole::Person, guess)];
        roles.extend(layout.used.iter().map(|&(idx, role)| (role, idx)));
        Err(IngestError::SeveralPeople {
            line: rec.line,
            skill: shorten(skill),
            guess: format!("\"{}\"", shorten(header.cell(guess))),
            columns: super::columns::columns_arg(header, &roles),
        })
    }
}

fn has_person_column(layout: &LongLayout) -> bool {
    layout.person.is_some()
        || layout.first_name.is_some()
        || layout.last_name.is_some()
        || layout.email.is_some()
}

/// What the first pass over a long file keeps: the columns whose reading
/// depends on all their cells, and how many rows there are.
#[derive(Default)]
struct FirstPass {
    ratings: Column,
    date_cells: Column,
    /// Rows that give a rating or a problem.
    rows: usize,
    /// Rows whose person is a summary line ("Team average").
    summary_rows: usize,
}

/// The first pass: the rating and date cells, and with a sink each
/// person's last row, with the limits on people and skills checked before
/// anyone is handed out.
fn first_pass<'t>(
    header: &Record,
    data: impl Fn() -> Result<Records<'t>, IngestError>,
    layout: &LongLayout,
    opts: &ReadOptions,
    out: &mut Extracted,
) -> Result<FirstPass, IngestError> {
    let mut pass = FirstPass::default();
    let mut skills: HashSet<String> = HashSet::default();
    let mut people: HashSet<std::sync::Arc<str>> = HashSet::default();
    let mut rec = Record::default();
    let mut reader = data()?;
    let mut names = Names::default();
    let mut one_person = (!has_person_column(layout)).then(OnePerson::default);
    while reader.read(&mut rec)? {
        if rec.is_blank() {
            continue;
        }
        let who = names.person_of(&rec, layout);
        if who.as_deref().is_some_and(is_summary_row) {
            pass.summary_rows += 1;
            continue;
        }
        if let Some(one) = &mut one_person {
            one.check(&rec, header, layout)?;
        }
        pass.ratings.push(rec.cell(layout.rating));
        if let Some(idx) = layout.date {
            pass.date_cells.push(rec.cell(idx));
        }
        if let Some(g) = &mut out.grouping {
            let skill = cleaned(rec.cell(layout.skill));
            if let Some(p) = &who {
                let p = out.strings.get_clean(p);
                g.expect(&p, pass.rows);
                // Counted as reading the whole table counts: rows without
                // a skill give no rating.
                if !skill.is_empty() && people.insert(p) && people.len() > opts.max_people {
                    return Err(IngestError::TooManyPeople {
                        line: rec.line,
                        max: opts.max_people,
                    });
                }
            }
            if !skill.is_empty() && !skills.contains(&*skill) {
                g.label(&out.strings.get_clean(&skill));
                skills.insert(skill.into_owned());
                if skills.len() > opts.max_skills {
                    return Err(IngestError::TooManySkills {
                        line: rec.line,
                        max: opts.max_skills,
                    });
                }
            }
        }
        pass.rows += 1;
    }
    if pass.summary_rows > 0 {
        out.notes.push(format!(
            "{} row(s) of summary lines such as \"Team average\" or \"Total\" in the person column are not a person: skipped",
            pass.summary_rows
        ));
    }
    out.notes.extend(names.notes());
    Ok(pass)
}

/// How the rating column reads, from all its cells: decimal commas,
/// percentages, a declared or found range, a named scale. Notes a range
/// read other than 0–5 and tallies the answers for `check`.
fn rating_column<'o>(
    header: &Record,
    layout: &LongLayout,
    ratings: &Column,
    delimiter: u8,
    opts: &'o ReadOptions,
    out: &mut Extracted,
) -> ColumnRead<'o> {
    let decimal_comma = detect_decimal_comma(delimiter, ratings.iter());
    let percent = column_is_percent(ratings.iter(), decimal_comma);
    let rating_header = header.cell(layout.rating);
    let declared = rescaled_range(declared_range(rating_header));
    let preset = preset_of(ratings.iter(), None);
    let found = (declared_range(rating_header).is_none() && !percent)
        .then(|| detect_range(ratings.iter(), decimal_comma))
        .flatten();
    let range = declared
        .or(found)
        .or(preset.filter(|p| p.top != 5.0).map(|p| (1.0, p.top)));
    let how = ColumnRead {
        decimal_comma,
        percent,
        range,
        scale: opts.scale.as_deref(),
        preset,
    };
    tally(&mut out.scales, rating_header, ratings.iter(), &how);
    out.decimal_comma = decimal_comma;
    if let Some(r) = declared {
        out.notes.push(rescale_note(rating_header, r));
    }
    if let Some(r) = found {
        out.notes.push(detected_note(r, 1));
    }
    how
}

/// Which columns were used for what, the `--columns` that says so, and
/// the columns left out.
fn describe_long_columns(header: &Record, layout: &LongLayout, out: &mut Extracted) {
    for &(idx, role) in &layout.used {
        let what = if role == ColumnRole::Email && layout.person.is_none() {
            "person and email"
        } else {
            role.used_as()
        };
        out.columns_used
            .push((header.cell(idx).to_string(), what.to_string()));
    }
    let roles: Vec<(ColumnRole, usize)> =
        layout.used.iter().map(|&(idx, role)| (role, idx)).collect();
    out.columns_arg = super::columns::columns_arg(header, &roles);
    out.columns_ignored = layout
        .ignored
        .iter()
        .map(|&idx| column_label(header, idx))
        .collect();
}

/// Turns long-format data rows into ratings and problems.
///
/// `data` opens a fresh reader at the first data row. The rows are read
/// twice rather than kept: once for what depends on the whole column
/// (decimal commas, percentages, the date order), then to build the
/// ratings; a large team file is never held as cells and ratings at once.
///
/// With a `sink`, the first pass also notes each person's last row, and
/// people go to the sink as soon as their last row is read (see
/// [`Grouping`]); the limits on people and skills are checked in the
/// first pass, before anyone is handed out.
pub(crate) fn extract_long<'t>(
    header: &Record,
    data: impl Fn() -> Result<Records<'t>, IngestError>,
    layout: &LongLayout,
    delimiter: u8,
    opts: &ReadOptions,
    mut sink: Option<&mut (dyn PersonSink + '_)>,
) -> Result<Extracted, IngestError> {
    let mut out = Extracted::default();
    if sink.is_some() {
        out.grouping = Some(Grouping::new(!has_person_column(layout)));
    }
    let first = first_pass(header, &data, layout, opts, &mut out)?;
    let how = rating_column(header, layout, &first.ratings, delimiter, opts, &mut out);
    let dates = layout.date.map(|idx| {
        let cells = first.date_cells.iter();
        (idx, DateColumn::resolve(header.cell(idx), cells))
    });
    drop(first.ratings);
    drop(first.date_cells);
    if out.grouping.is_none() {
        // At most a rating per row: sized once, the table never holds the
        // half-empty spare capacity that doubling would leave.
        out.rows
            .reserve_exact(first.rows.min(MAX_STORED_BYTES / size_of::<RawRating>()));
    }
    describe_long_columns(header, layout, &mut out);

    // The second pass tells people apart again, in the same order.
    let mut people = People::default();
    let mut bad_dates = Vec::new();
    let mut rec = Record::default();
    let mut reader = data()?;
    let mut ordinal = 0;
    let mut names = Names::default();
    let mut profiles = super::profile::ProfileColumns::new(layout.profile.iter().copied());
    while reader.read(&mut rec)? {
        if rec.is_blank() {
            continue;
        }
        let who = names.person_of(&rec, layout);
        if who.as_deref().is_some_and(is_summary_row) {
            continue;
        }
        let rating = read_row(&rec, header, layout, who.as_deref(), &how, &mut out);
        let mut kept = true;
        if let Some(mut rating) = rating {
            rating.profile = profiles.of(&rec);
            if let Some((idx, col)) = &dates {
                let text = rec.cell(*idx);
                rating.date = col.parse(text);
                if rating.date.is_none() && !text.is_empty() {
                    bad_dates.push((rec.line, text.to_string()));
                }
            }
            if let Some(p) = &rating.person {
                people.add(p);
            }
            kept = out.push_rating(rating);
        }
        if let Some(g) = &mut out.grouping {
            g.row_done(who.as_deref().map(cleaned).as_deref(), ordinal);
        }
        out.hand_out(&mut sink);
        ordinal += 1;
        if !kept || out.over_budget.is_some() {
            break;
        }
    }
    if let Some((idx, col)) = dates {
        out.warnings.extend(col.warning);
        out.warnings
            .extend(bad_dates_warning(header.cell(idx), &bad_dates));
    }
    out.people = people.into_vec();
    Ok(out)
}

/// Whether a long row can give a rating, before its rating is read.
enum RowCheck {
    /// It can.
    Readable,
    /// It has nothing to say (no skill or no person, and no rating).
    Silent,
    /// It cannot: (column from 0, message).
    Problem(usize, String),
}

/// Checks a row's cells other than its rating: none too long (a quote
/// left open above), enough cells, a skill, and a person when the file
/// names people.
fn check_row(rec: &Record, header: &Record, layout: &LongLayout, person: Option<&str>) -> RowCheck {
    let raw = rec.raw_cell(layout.rating);
    let skill = rec.cell(layout.skill);
    let checked = [
        Some(layout.skill),
        layout.person,
        layout.first_name,
        layout.last_name,
        layout.email,
        layout.notes,
        layout.rater,
        layout.interest,
    ];
    for idx in checked.into_iter().flatten() {
        let chars = rec.cell(idx).chars().count();
        if chars > MAX_FIELD_CHARS {
            return RowCheck::Problem(
                idx,
                format!(
                    "the \"{}\" cell is {chars} characters long (at most {MAX_FIELD_CHARS}); check the quotes on the lines above",
                    shorten(header.cell(idx))
                ),
            );
        }
    }
    if let Some((column, message)) = ragged(rec, header, layout.skill.max(layout.rating) + 1) {
        return RowCheck::Problem(column, message);
    }
    if skill.is_empty() {
        if is_not_rated(raw) {
            return RowCheck::Silent;
        }
        return RowCheck::Problem(
            layout.skill,
            format!(
                "rating \"{}\" has no skill: the \"{}\" cell is empty",
                shorten(raw.trim()),
                header.cell(layout.skill)
            ),
        );
    }
    if has_person_column(layout) && person.is_none() {
        if is_not_rated(raw) {
            return RowCheck::Silent;
        }
        let idx = layout
            .person
            .or(layout.first_name)
            .or(layout.email)
            .unwrap_or(layout.skill);
        return RowCheck::Problem(
            idx,
            format!(
                "rating for \"{}\" has no person: the \"{}\" cell is empty",
                shorten(skill),
                header.cell(idx)
            ),
        );
    }
    RowCheck::Readable
}

/// One row to a rating, or `None` after recording a problem (or for a row
/// that has nothing to say).
fn read_row(
    rec: &Record,
    header: &Record,
    layout: &LongLayout,
    person: Option<&str>,
    how: &ColumnRead<'_>,
    out: &mut Extracted,
) -> Option<RawRating> {
    let raw = rec.raw_cell(layout.rating);
    let skill = rec.cell(layout.skill);
    let email = layout.email.map_or("", |i| rec.cell(i));
    let mut problem = |column: usize, message: String| {
        out.push_problem(RowProblem {
            person: person.map(str::to_string),
            line: rec.line,
            column: column + 1,
            message,
        });
    };
    match check_row(rec, header, layout, person) {
        RowCheck::Readable => {}
        RowCheck::Silent => return None,
        RowCheck::Problem(column, message) => {
            problem(column, message);
            return None;
        }
    }
    let interest = match layout.interest.map(|i| (i, rec.cell(i))) {
        Some((idx, text)) => match parse_interest(text) {
            Ok(level) => level,
            Err(message) => {
                problem(idx, format!("{message} (for \"{}\")", shorten(skill)));
                return None;
            }
        },
        None => None,
    };
    match parse_cell(raw, how) {
        Ok(value) => Some(RawRating {
            person: person.map(|p| out.strings.get_clean(p)),
            email: (!email.is_empty()).then(|| out.strings.get_clean(email)),
            skill: out.strings.get_clean(skill),
            value,
            raw_value: out.strings.get(raw),
            line: rec.line,
            column: layout.rating + 1,
            notes: layout
                .notes
                .map(|i| rec.cell(i))
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            date: None,
            rater: layout
                .rater
                .and_then(|i| normalise_rater(rec.cell(i)))
                .map(|r| out.strings.get(&r)),
            interest,
            profile: None,
        }),
        Err(e) => {
            problem(layout.rating, e.message(raw, Some(skill)));
            None
        }
    }
}
