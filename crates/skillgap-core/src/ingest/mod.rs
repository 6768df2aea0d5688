//! Input ingestion: bytes of a CSV/TSV/text export to ratings.
//!
//! Reads long files (one row per rating), plain wide files (one row per
//! person, one column per skill) and Google / Microsoft Forms exports, in
//! UTF-8, UTF-16 or legacy Windows code pages, with `,` `;` tab or `|`
//! delimiters. Structural trouble is an [`IngestError`]; a bad cell is a
//! [`RowProblem`] so that one person's typo does not stop a team report.

mod answers;
mod column_role;
mod columns;
mod dates;
mod error;
mod extracted;
mod headers;
mod intern;
mod long;
mod opinion;
mod people;
mod presets;
mod profile;
mod records;
mod scale;
mod source;
mod stream;
mod table;
mod transposed;
mod value;
mod wide;
mod workbook;
mod workbook_errors;
mod workbook_xls;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_robust;

use serde::Serialize;
use std::sync::Arc;

pub use crate::model::interest_label;
pub use crate::text::shorten;
pub use answers::{AnswerRead, ScaleUse};
pub use column_role::ColumnRole;
pub use columns::{ColumnRef, ColumnSpec};
pub use error::IngestError;
pub use opinion::{normalise_rater, parse_interest};
pub use scale::Scale;
pub use stream::{PersonGroup, PersonSink};
pub use value::{MAX_FIELD_CHARS, parse_rating};

use records::{Record, Records, check_shape};
use std::collections::HashSet;
use stream::Grouping;
use table::{Extracted, Layout, MAX_STORED_BYTES, classify};

/// Options that affect reading.
///
/// The `max_*` limits keep a hostile or broken file from using unbounded
/// memory or time: going over one is an [`IngestError`] naming the line,
/// checked before the rows are built. Construct with
/// `..ReadOptions::default()` so that new limits keep their defaults.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force an encoding by WHATWG label (e.g. "windows-1250", "utf-16le"); None = detect.
    pub encoding: Option<String>,
    /// Hint from the file name: Some(b'\t') for `.tsv`; None = sniff.
    /// A `sep=` first line in the file takes precedence.
    pub delimiter: Option<u8>,
    /// Most distinct people in one input (default [`MAX_PEOPLE`]).
    pub max_people: usize,
    /// Most distinct skill names in one input (default [`MAX_SKILLS`]).
    pub max_skills: usize,
    /// Most cells (fields of all records together) in one input (default [`MAX_CELLS`]).
    pub max_cells: usize,
    /// Most fields in one record (default [`MAX_COLUMNS`]).
    pub max_columns: usize,
    /// Which column is which (`--columns`), over what the headers say.
    pub columns: Option<ColumnSpec>,
    /// The survey's own answer labels (`scale.toml`).
    pub scale: Option<std::sync::Arc<Scale>>,
    /// The sheet of a workbook to read (`--sheet`); None = the one with
    /// the most ratings.
    pub sheet: Option<String>,
    /// `--transpose`: Some(true) reads skills down and people across,
    /// Some(false) never does; None = detect.
    pub transpose: Option<bool>,
}

/// Default [`ReadOptions::max_people`].
pub const MAX_PEOPLE: usize = 10_000;
/// Default [`ReadOptions::max_skills`].
pub const MAX_SKILLS: usize = 5_000;
/// Default [`ReadOptions::max_cells`].
pub const MAX_CELLS: usize = 2_000_000;
/// Default [`ReadOptions::max_columns`].
pub const MAX_COLUMNS: usize = 10_000;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            delimiter: None,
            max_people: MAX_PEOPLE,
            max_skills: MAX_SKILLS,
            max_cells: MAX_CELLS,
            max_columns: MAX_COLUMNS,
            columns: None,
            scale: None,
            sheet: None,
            transpose: None,
        }
    }
}

/// The layout a file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    /// One row per rating: skill and rating columns.
    Long,
    /// One row per person, one column per skill.
    Wide,
    /// Wide, as exported from Google Forms (Timestamp column, `Question [Skill]` headers).
    GoogleForms,
    /// Wide, as exported from Microsoft Forms (ID, Start time, Completion time…).
    MicrosoftForms,
    /// A matrix with skills down and one column per person.
    Matrix,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Long => "long (one row per rating)",
            Format::Wide => "wide (one row per person)",
            Format::GoogleForms => "Google Forms export",
            Format::MicrosoftForms => "Microsoft Forms export",
            Format::Matrix => "matrix (skills down, people across)",
        })
    }
}

/// Everything read from one input.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Every rating cell, in file order; blank answers are kept with `value: None`.
    pub rows: Vec<RawRating>,
    /// Per-cell problems; not fatal, so a batch run can drop one person and keep the others.
    pub problems: Vec<RowProblem>,
    /// How the input was read.
    pub info: SourceInfo,
    /// Every distinct skill label in the input as written (a column
    /// header's skill, or a skill cell), in first-seen order, with how many
    /// ratings (answered cells) it has; filled also when rows go to a
    /// [`PersonSink`].
    pub skill_labels: Vec<(String, usize)>,
}

/// One person's rating of one skill, as found in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawRating {
    /// Display name; None when the file has no person column (single-person file).
    pub person: Option<Arc<str>>,
    /// Email address, when the file has one for this person.
    pub email: Option<Arc<str>>,
    /// Skill as typed (trimmed); for a Google Forms grid `Question [Skill]`, the bracketed part.
    pub skill: Arc<str>,
    /// 0.0..=5.0; None = not rated (blank, `n/a`, `-`).
    pub value: Option<f64>,
    /// The cell text as written.
    pub raw_value: Arc<str>,
    /// 1-based physical line where the record starts (the `sep=` line and header count).
    pub line: usize,
    /// 1-based column of the rating cell.
    pub column: usize,
    /// Notes or evidence for this rating (long format).
    pub notes: Option<String>,
    /// Assessment date from a date or timestamp column.
    pub date: Option<chrono::NaiveDate>,
    /// Who gave the rating, lowercase (`self`, `manager`, `peer` or as
    /// written); None = no rater column or a blank cell, i.e. a self-rating.
    pub rater: Option<Arc<str>>,
    /// How much the person wants to grow in this skill, 0–3 (none, low,
    /// medium, high); None = not said.
    pub interest: Option<u8>,
    /// The person's job title, target role and groups from HR columns of
    /// the row (one shared copy per distinct profile); None without any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Arc<crate::model::Profile>>,
}

/// A cell that could not be used; the caller prefixes `file:line:col: `.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// Whose row it is, when known.
    pub person: Option<String>,
    /// 1-based physical line of the record.
    pub line: usize,
    /// 1-based column of the offending cell.
    pub column: usize,
    /// What is wrong, e.g. `rating "7" for "Kubernetes" is outside 0–5 (use …)`.
    pub message: String,
}

/// How an input was read, for `--verbose` output and `skillgap check`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    /// The name the caller gave ("team.csv" or `<stdin>`).
    pub source: String,
    /// Layout the file was recognised as.
    pub format: Format,
    /// Field delimiter used.
    pub delimiter: u8,
    /// e.g. "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "windows-1250 (detected)", "windows-1252 (forced)".
    pub encoding: String,
    /// (header as written, what it was used as: "skill", "rating", "person", "skill: Kubernetes"…).
    pub columns_used: Vec<(String, String)>,
    /// Headers of columns that were not used.
    pub columns_ignored: Vec<String>,
    /// Distinct people in first-seen order (display names); empty for a single-person file.
    pub people: Vec<String>,
    /// Things the reader guessed: anonymous respondents named, ambiguous dates, ignored text columns.
    pub warnings: Vec<String>,
    /// What the reader did that changes nothing read but is worth saying:
    /// the header row found below a title, rows skipped, scales rescaled.
    pub notes: Vec<String>,
    /// The column mapping used, as a ready-to-paste `--columns` value.
    pub columns_arg: String,
    /// Skill columns (wide format) left out because no answer in them is
    /// a rating: the skill label of each.
    pub dropped_columns: Vec<String>,
    /// True when `3,5` was read as 3.5.
    pub decimal_comma: bool,
    /// The scales the rating columns were read on, each with every
    /// distinct answer and the level it became.
    pub scales: Vec<ScaleUse>,
}

/// Reads one input. `source` names it in [`SourceInfo::source`]; messages
/// never include it, so the caller can prefix `file:line:col: ` itself.
pub fn read_table(source: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Table, IngestError> {
    read_table_owned(source, bytes.to_vec(), opts)
}

/// [`read_table`] for bytes the caller no longer needs: UTF-8 input is
/// read in place, without a second copy of the file in memory.
pub fn read_table_owned(
    source: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
) -> Result<Table, IngestError> {
    read(source, bytes, opts, None)
}

/// Reads one input for a batch: instead of collecting every rating in
/// [`Table::rows`] (left empty), hands each person to `sink` with their
/// rows and row problems, as soon as their last row is read in a long
/// file (at the end otherwise), in first-seen order. Problems that belong
/// to no one stay in [`Table::problems`].
///
/// A structural error found after some people were handed out (a file
/// over the memory budget) is still returned; limits on people and skills
/// are checked before anyone is handed out.
pub fn read_people(
    source: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    sink: &mut dyn PersonSink,
) -> Result<Table, IngestError> {
    read(source, bytes, opts, Some(sink))
}

fn read(
    source: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    mut sink: Option<&mut dyn PersonSink>,
) -> Result<Table, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { line: 1 });
    }
    let is_workbook = workbook::is_workbook(&bytes);
    if is_workbook && opts.sheet.is_none() {
        let names = workbook::sheet_names(&bytes, opts.max_cells)?;
        if names.len() > 1 {
            return read_best_sheet(source, bytes, &names, opts, sink);
        }
    }
    let decoded = decode(bytes, is_workbook, opts)?;
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Empty { line: 1 });
    }
    let (sep, text) = if is_workbook {
        (Some(b','), decoded.text.as_str())
    } else {
        source::split_sep_line(&decoded.text)
    };
    let input = Delimited {
        text,
        line_offset: usize::from(sep.is_some() && !is_workbook),
        delimiter: sep
            .or(opts.delimiter)
            .unwrap_or_else(|| source::sniff_delimiter(text, decoded.utf16)),
    };
    check_shape(
        text,
        input.delimiter,
        input.line_offset,
        opts.max_columns,
        opts.max_cells,
    )?;
    let mut reader = input.records();
    let mut first = Vec::new();
    let mut rec = Record::default();
    while first.len() < HEADER_SEARCH && reader.read(&mut rec)? {
        first.push(std::mem::take(&mut rec));
    }
    let header_at =
        find_header(&first, opts.columns.as_ref()).ok_or(IngestError::Empty { line: 1 })?;
    let mut notes = Vec::new();
    let skipped = first.get(..header_at).unwrap_or_default();
    let header = first.get(header_at).cloned().unwrap_or_default();
    if skipped.iter().any(|r| !r.is_blank()) {
        notes.push(format!(
            "the header row is line {}: the title and blank rows above it were skipped",
            header.line
        ));
    }
    // Records read past the header are data.
    first.drain(..(header_at + 1).min(first.len()));
    let data = DataRows {
        read: first,
        rest: reader,
        before: header_at + 1,
    };
    let (format, mut extracted) = extract(&header, data, &input, opts, sink.as_deref_mut())?;
    if let Some(line) = extracted.over_budget {
        return Err(IngestError::TooBig {
            line,
            mb: MAX_STORED_BYTES >> 20,
        });
    }
    let grouped = extracted.grouping.as_ref().map_or(0, Grouping::kept);
    if extracted.rows.is_empty() && extracted.problems.is_empty() && grouped == 0 {
        return Err(IngestError::NoRatings { line: header.line });
    }
    let held = extracted.grouping.iter().flat_map(Grouping::held_rows);
    check_counts(extracted.rows.iter().chain(held), opts)?;
    clean_names(&mut extracted);
    if let (Some(g), Some(sink)) = (&mut extracted.grouping, sink) {
        g.finish(sink);
    }
    notes.extend(std::mem::take(&mut extracted.notes));
    let read_as = ReadAs {
        source: source.to_string(),
        format,
        delimiter: input.delimiter,
        encoding: decoded.encoding,
        notes,
    };
    Ok(table_of(read_as, extracted))
}

/// How a file was read, before what its reading found is added.
struct ReadAs {
    source: String,
    format: Format,
    delimiter: u8,
    encoding: String,
    notes: Vec<String>,
}

/// The table of what was read, with what its reading found.
fn table_of(read_as: ReadAs, extracted: Extracted) -> Table {
    Table {
        skill_labels: extracted
            .skill_labels
            .iter()
            .map(|(l, n)| (l.to_string(), *n))
            .collect(),
        rows: extracted.rows,
        problems: extracted.problems,
        info: SourceInfo {
            source: read_as.source,
            format: read_as.format,
            delimiter: read_as.delimiter,
            encoding: read_as.encoding,
            columns_used: extracted.columns_used,
            columns_ignored: extracted.columns_ignored,
            people: extracted.people,
            warnings: extracted.warnings,
            notes: read_as.notes,
            columns_arg: extracted.columns_arg,
            dropped_columns: extracted.dropped_columns,
            decimal_comma: extracted.decimal_comma,
            scales: extracted.scales,
        },
    }
}

/// The text of a CSV export or of a workbook's sheet: a sheet goes
/// through the same reading as a CSV export of it.
fn decode(
    bytes: Vec<u8>,
    is_workbook: bool,
    opts: &ReadOptions,
) -> Result<source::Decoded, IngestError> {
    if is_workbook {
        let sheet = workbook::read_sheet(bytes, opts.sheet.as_deref(), opts.max_cells)?;
        Ok(source::Decoded {
            text: crate::text::strip_unsafe(&sheet.text).into_owned(),
            encoding: sheet.description,
            utf16: false,
        })
    } else {
        source::decode(bytes, opts.encoding.as_deref())
    }
}

/// Delimited text and how to read it.
struct Delimited<'t> {
    text: &'t str,
    delimiter: u8,
    /// 1 when a `sep=` line was cut off the top, so lines keep their numbers.
    line_offset: usize,
}

impl<'t> Delimited<'t> {
    /// A reader from the first record.
    fn records(&self) -> Records<'t> {
        Records::new(self.text, self.delimiter, self.line_offset)
    }
}

/// The data records below the header: those read while looking for it,
/// then the reader's rest.
struct DataRows<'t> {
    read: Vec<Record>,
    rest: Records<'t>,
    /// Records up to and with the header, for a fresh reader to skip.
    before: usize,
}

impl DataRows<'_> {
    /// Every data record, kept whole.
    fn all(mut self) -> Result<Vec<Record>, IngestError> {
        let mut rec = Record::default();
        while self.rest.read(&mut rec)? {
            self.read.push(std::mem::take(&mut rec));
        }
        Ok(self.read)
    }
}

/// The ratings below `header`, by the layout the header shows.
fn extract(
    header: &Record,
    data: DataRows<'_>,
    input: &Delimited<'_>,
    opts: &ReadOptions,
    sink: Option<&mut (dyn PersonSink + '_)>,
) -> Result<(Format, Extracted), IngestError> {
    let classified = classify(header, opts.columns.as_ref());
    // A skill column without a rating column is the classic matrix with
    // people across; `--transpose` decides either way.
    let try_matrix = match (&classified, opts.transpose) {
        (_, Some(forced)) => forced,
        (Err(IngestError::NoRatingColumn { .. }), None) => true,
        _ => false,
    };
    let group = sink.is_some();
    if try_matrix {
        let data = data.all()?;
        let Some(read) = transposed::read(header, &data, input.delimiter, group, opts) else {
            classified?;
            return Err(IngestError::NoRatings { line: header.line });
        };
        return Ok((Format::Matrix, read));
    }
    match &classified? {
        Layout::Long(l) => {
            // Long files are read twice from the text, never kept whole.
            let before = data.before;
            let fresh = || {
                let mut r = input.records();
                r.skip(before).map(|()| r)
            };
            let read = long::extract_long(header, fresh, l, input.delimiter, opts, sink)?;
            Ok((Format::Long, read))
        }
        Layout::Wide(w) => {
            // Wide files have a row per person: few rows, kept whole.
            let data = data.all()?;
            let scale = opts.scale.as_deref();
            let read = wide::extract_wide(header, &data, w, input.delimiter, group, scale);
            Ok((w.format, read))
        }
    }
}

/// Reads the sheet [`choose_sheet`] picks, with a note naming it.
fn read_best_sheet(
    source: &str,
    bytes: Vec<u8>,
    names: &[String],
    opts: &ReadOptions,
    sink: Option<&mut dyn PersonSink>,
) -> Result<Table, IngestError> {
    let (sheet, note) = choose_sheet(source, &bytes, names, opts);
    let chosen = ReadOptions {
        sheet: Some(sheet),
        ..opts.clone()
    };
    let mut table = read(source, bytes, &chosen, sink)?;
    table.info.notes.insert(0, note);
    Ok(table)
}

/// The sheet of a workbook that holds the ratings, when `--sheet` does
/// not say: the one with the most readable ratings (instruction sheets read
/// as none, and so does a legend without a person column when another
/// sheet names its people), the first on a tie. Returns the sheet and
/// the note saying so.
fn choose_sheet(
    source: &str,
    bytes: &[u8],
    names: &[String],
    opts: &ReadOptions,
) -> (String, String) {
    let score = |name: &String| {
        let one = ReadOptions {
            sheet: Some(name.clone()),
            ..opts.clone()
        };
        read(source, bytes.to_vec(), &one, None).map_or((false, 0), |t| {
            let read = t.rows.iter().filter(|r| r.value.is_some()).count();
            let named = t
                .info
                .columns_used
                .iter()
                .any(|(_, role)| role.starts_with("person"));
            (named, read.saturating_sub(t.problems.len()))
        })
    };
    let read: Vec<(bool, usize)> = names.iter().map(score).collect();
    // When a sheet names its people, one that does not (a legend of levels
    // and their meanings, read as anonymous rows) holds no ratings.
    let any_named = read.iter().any(|&(named, n)| named && n > 0);
    let scores: Vec<usize> = read
        .iter()
        .map(|&(named, n)| if any_named && !named { 0 } else { n })
        .collect();
    let best = scores
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i)))
        .map_or(0, |(i, _)| i);
    let name = names.get(best).cloned().unwrap_or_default();
    // "'A'", "'A' and 'B'", "'A', 'B' and 'C'".
    let quote = |v: Vec<&String>| {
        let q: Vec<String> = v.iter().map(|n| format!("'{n}'")).collect();
        match q.split_last() {
            Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
            _ => q.concat(),
        }
    };
    let without: Vec<&String> = names
        .iter()
        .zip(&scores)
        .filter(|&(_, s)| *s == 0)
        .map(|(n, _)| n)
        .collect();
    let also: Vec<&String> = names
        .iter()
        .zip(&scores)
        .enumerate()
        .filter(|&(i, (_, s))| i != best && *s > 0)
        .map(|(_, (n, _))| n)
        .collect();
    let mut note = format!("read sheet '{name}'");
    if !without.is_empty() {
        let verb = if without.len() == 1 { "holds" } else { "hold" };
        note.push_str(&format!("; {} {verb} no ratings", quote(without)));
    }
    if !also.is_empty() {
        let verb = if also.len() == 1 { "holds" } else { "hold" };
        note.push_str(&format!(
            "; {} also {verb} ratings (fewer): pass --sheet to read another",
            quote(also)
        ));
    }
    (name, note)
}

/// Records looked at to find the header row below titles and blank rows.
const HEADER_SEARCH: usize = 12;

/// Index in `first` (the first records) of the header row: with
/// `--columns`, the first row that has every named column; else the first
/// row of two or more filled cells that reads as a header of one row per
/// rating or names a person or date column, else the first such row at
/// all; a row with one filled cell (a title) is never it unless no row
/// has more. None when every row is blank.
fn find_header(first: &[Record], spec: Option<&ColumnSpec>) -> Option<usize> {
    let filled = |r: &Record| r.cells.iter().filter(|c| !c.trim().is_empty()).count();
    let start = first.iter().position(|r| !r.is_blank())?;
    // Columns named by header text find their row; numbers alone cannot
    // tell a title row from the header, so the headers decide.
    if let Some(spec) = spec.filter(|s| {
        s.entries
            .iter()
            .any(|(_, c)| matches!(c, ColumnRef::Header(_)))
    }) {
        return Some(
            (start..first.len())
                .find(|&i| {
                    first
                        .get(i)
                        .is_some_and(|r| !r.is_blank() && spec.resolve(r).is_ok())
                })
                .unwrap_or(start),
        );
    }
    let wide: Vec<usize> = (start..first.len())
        .filter(|&i| first.get(i).is_some_and(|r| filled(r) >= 2))
        .collect();
    let reads_as_header = |i: &usize| {
        first.get(*i).is_some_and(|r| match classify(r, None) {
            Ok(table::Layout::Long(_)) => true,
            Ok(table::Layout::Wide(w)) => w
                .roles
                .iter()
                .any(|role| !matches!(role, table::WideRole::Skill(_) | table::WideRole::Ignored)),
            Err(_) => false,
        })
    };
    Some(
        wide.iter()
            .copied()
            .find(|i| reads_as_header(i))
            .or(wide.first().copied())
            .unwrap_or(start),
    )
}

/// Refuses more distinct people or skill names than `opts` allows, naming
/// the line where the first one over the limit appears.
fn check_counts<'r>(
    rows: impl Iterator<Item = &'r RawRating>,
    opts: &ReadOptions,
) -> Result<(), IngestError> {
    let mut people = HashSet::new();
    let mut skills = HashSet::new();
    for r in rows {
        if let Some(p) = &r.person
            && people.insert(&**p)
            && people.len() > opts.max_people
        {
            return Err(IngestError::TooManyPeople {
                line: r.line,
                max: opts.max_people,
            });
        }
        if skills.insert(&*r.skill) && skills.len() > opts.max_skills {
            return Err(IngestError::TooManySkills {
                line: r.line,
                max: opts.max_skills,
            });
        }
    }
    Ok(())
}

/// Names shown on one line: line breaks and tabs inside quoted cells
/// become spaces (control and bidi characters are gone already, see
/// [`strip_unsafe`]). Ratings get cleaned names, emails and skills when
/// they are made ([`intern::Interner::get_clean`]); this cleans the names
/// of problems and of the people list.
fn clean_names(x: &mut table::Extracted) {
    use crate::text::needs_cleaning as dirty;
    fn clean(s: &mut String) {
        if dirty(s) {
            *s = crate::text::clean_name(s);
        }
    }
    for p in &mut x.problems {
        p.person.iter_mut().for_each(clean);
    }
    let mut seen = HashSet::new();
    let mut people = std::mem::take(&mut x.people);
    people.iter_mut().for_each(clean);
    people.retain(|p| seen.insert(p.clone()));
    x.people = people;
}
