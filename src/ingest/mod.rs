//! Input ingestion: bytes of a CSV/TSV/text export to ratings.
//!
//! Reads long files (one row per rating), plain wide files (one row per
//! person, one column per skill) and Google / Microsoft Forms exports, in
//! UTF-8, UTF-16 or legacy Windows code pages, with `,` `;` tab or `|`
//! delimiters. Structural trouble is an [`IngestError`]; a bad cell is a
//! [`RowProblem`] so that one person's typo does not stop a team report.

mod dates;
mod error;
mod long;
mod people;
mod source;
mod table;
mod value;
mod wide;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_robust;

use serde::Serialize;

pub use error::IngestError;
pub use value::parse_rating;

use table::{Layout, classify, read_records};

/// Options that affect reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force an encoding by WHATWG label (e.g. "windows-1250", "utf-16le"); None = detect.
    pub encoding: Option<String>,
    /// Hint from the file name: Some(b'\t') for `.tsv`; None = sniff.
    /// A `sep=` first line in the file takes precedence.
    pub delimiter: Option<u8>,
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
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Long => "long (one row per rating)",
            Format::Wide => "wide (one row per person)",
            Format::GoogleForms => "Google Forms export",
            Format::MicrosoftForms => "Microsoft Forms export",
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
}

/// One person's rating of one skill, as found in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawRating {
    /// Display name; None when the file has no person column (single-person file).
    pub person: Option<String>,
    /// Email address, when the file has one for this person.
    pub email: Option<String>,
    /// Skill as typed (trimmed); for a Google Forms grid `Question [Skill]`, the bracketed part.
    pub skill: String,
    /// 0.0..=5.0; None = not rated (blank, `n/a`, `-`).
    pub value: Option<f64>,
    /// The cell text as written.
    pub raw_value: String,
    /// 1-based physical line where the record starts (the `sep=` line and header count).
    pub line: usize,
    /// 1-based column of the rating cell.
    pub column: usize,
    /// Notes or evidence for this rating (long format).
    pub notes: Option<String>,
    /// Assessment date from a date or timestamp column.
    pub date: Option<chrono::NaiveDate>,
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
    /// True when `3,5` was read as 3.5.
    pub decimal_comma: bool,
}

/// Reads one input. `source` names it in [`SourceInfo::source`]; messages
/// never include it, so the caller can prefix `file:line:col: ` itself.
pub fn read_table(source: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Table, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { line: 1 });
    }
    let decoded = source::decode(bytes, opts.encoding.as_deref())?;
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Empty { line: 1 });
    }
    let (sep, text) = source::split_sep_line(&decoded.text);
    let line_offset = usize::from(sep.is_some());
    let delimiter = sep
        .or(opts.delimiter)
        .unwrap_or_else(|| source::sniff_delimiter(text, decoded.utf16));
    let records = read_records(text, delimiter, line_offset)?;
    let mut non_blank = records.iter().enumerate().filter(|(_, r)| !r.is_blank());
    let Some((header_pos, header)) = non_blank.next() else {
        return Err(IngestError::Empty { line: 1 });
    };
    let data = records.get(header_pos + 1..).unwrap_or_default();
    let layout = classify(header)?;
    let (format, extracted) = match &layout {
        Layout::Long(l) => (Format::Long, long::extract_long(header, data, l, delimiter)),
        Layout::Wide(w) => (w.format, wide::extract_wide(header, data, w, delimiter)),
    };
    if extracted.rows.is_empty() && extracted.problems.is_empty() {
        return Err(IngestError::NoRatings { line: header.line });
    }
    Ok(Table {
        rows: extracted.rows,
        problems: extracted.problems,
        info: SourceInfo {
            source: source.to_string(),
            format,
            delimiter,
            encoding: decoded.encoding,
            columns_used: extracted.columns_used,
            columns_ignored: extracted.columns_ignored,
            people: extracted.people,
            warnings: extracted.warnings,
            decimal_comma: extracted.decimal_comma,
        },
    })
}
