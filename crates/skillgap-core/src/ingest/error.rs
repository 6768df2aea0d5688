//! Fatal, structural input errors.
//!
//! Only problems that make the whole file unreadable live here; a bad value
//! in one cell is a [`super::RowProblem`] so that a batch run can drop one
//! person and keep the others.

/// A problem that stops the whole file from being read.
///
/// `Display` is always "what is wrong. How to fix it", without the file
/// name: the caller prefixes `file:line:col: ` using [`IngestError::line`] and
/// [`IngestError::column`].
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum IngestError {
    /// The file has no bytes, or only whitespace and a byte order mark.
    #[error(
        "the file is empty. Export the sheet again with a header row and at least one row of ratings"
    )]
    Empty {
        /// Always 1.
        line: usize,
    },

    /// The first row looks like data rather than column names.
    #[error(
        "line {line} looks like data, not a header (it starts with \"{sample}\"). Add a header row first, for example \"Person,Skill,Rating\""
    )]
    NoHeader {
        /// Line of the row taken as the header.
        line: usize,
        /// The start of that row, shortened.
        sample: String,
    },

    /// Neither a skill column (long format) nor skill columns (wide format).
    #[error(
        "no skill column found; the headers are {found}. Name a column \"Skill\" next to a \"Rating\" column, or put one column per skill beside a \"Name\" column"
    )]
    NoSkillColumn {
        /// Line of the header row.
        line: usize,
        /// The headers as written, quoted and comma-separated.
        found: String,
    },

    /// A skill column but nothing that holds the ratings.
    #[error(
        "there is a skill column but no rating column; the headers are {found}. Add a column named \"Rating\" (or \"Level\", \"Score\", \"Proficiency\") with values 0–5"
    )]
    NoRatingColumn {
        /// Line of the header row.
        line: usize,
        /// The headers as written, quoted and comma-separated.
        found: String,
    },

    /// `--columns` names a column the header does not have.
    #[error(
        "--columns names {column} for {role}, but the header on line {line} has no such column; the headers are {found}. Name a column by its header text or its number (1 = first)"
    )]
    NoSuchColumn {
        /// Line of the header row.
        line: usize,
        /// The role it was given for.
        role: &'static str,
        /// The column as given.
        column: String,
        /// The headers as written.
        found: String,
    },

    /// `--columns` gives one column two roles (`skill=2,rating=Skill`).
    #[error(
        "--columns gives the column \"{column}\" (line {line}) two roles, {first} and {second}; a column holds one thing. Name another column for one of them"
    )]
    SameColumn {
        /// Line of the header row.
        line: usize,
        /// The column's header.
        column: String,
        /// The roles given to it.
        first: &'static str,
        /// The second role.
        second: &'static str,
    },

    /// A long file without a person column whose skills are rated more
    /// than once on the same date: the rows are several people.
    #[error(
        "these rows look like several people (\"{skill}\" is rated again on line {line}); which column names them? If it is {guess}, pass --columns {columns}"
    )]
    SeveralPeople {
        /// Line where a skill is rated the second time.
        line: usize,
        /// That skill.
        skill: String,
        /// The column that most likely names the people, quoted.
        guess: String,
        /// The `--columns` value to paste, with `person=` added.
        columns: String,
    },

    /// A workbook (.xlsx, .xls, .ods) that cannot be opened.
    #[error(
        "the workbook cannot be read ({message}). Open it in a spreadsheet program and save it again as .xlsx, or export the sheet as CSV"
    )]
    Workbook {
        /// What the workbook reader said.
        message: String,
    },

    /// `--sheet` names a sheet the workbook does not have.
    #[error(
        "the workbook has no sheet \"{sheet}\"; its sheets are {sheets}. Pick one with --sheet NAME"
    )]
    NoSuchSheet {
        /// The sheet asked for.
        sheet: String,
        /// The workbook's sheets, quoted.
        sheets: String,
    },

    /// A header but not a single data row.
    #[error(
        "no ratings found: the file has a header but no rows below it. Add one row per rating (long format) or one row per person (wide format)"
    )]
    NoRatings {
        /// Line of the header row.
        line: usize,
    },

    /// `ReadOptions::encoding` names no encoding known to the WHATWG standard.
    #[error(
        "unknown encoding \"{label}\". Use a standard label such as utf-8, utf-16le, windows-1252, windows-1250 or iso-8859-2"
    )]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },

    /// The bytes cannot be decoded in the forced or detected encoding.
    #[error(
        "line {line} is not valid {encoding}. Save the file as UTF-8 (in Excel: \"CSV UTF-8\"), or name its encoding explicitly, for example windows-1252"
    )]
    Encoding {
        /// Line of the first byte that does not decode.
        line: usize,
        /// Column (in characters) of that byte, 1-based.
        column: usize,
        /// The encoding that was tried.
        encoding: String,
    },

    /// The content contains NUL or many control characters.
    #[error(
        "line {line} contains binary data, so this does not look like a CSV or text file. Export the sheet as CSV (or \"Unicode text\") and use that file"
    )]
    Binary {
        /// Line of the first binary character.
        line: usize,
    },

    /// A header cell so long that it cannot be a column name.
    #[error(
        "the header in column {column} is {chars} characters long. Check that line {line} really is the header row and that its quotes are balanced"
    )]
    FieldTooLong {
        /// Line of the header row.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Length in characters.
        chars: usize,
    },

    /// The CSV reader itself failed.
    #[error("cannot read line {line} as CSV: {message}. Check the quoting around that line")]
    Csv {
        /// Line where the reader stopped.
        line: usize,
        /// The reader's description.
        message: String,
    },

    /// A cell so long that it can only be a quote that was never closed.
    #[error(
        "the cell in column {column} of the row starting on line {line} is longer than {mb} MB; {}",
        if *quoted { "a double quote there is probably never closed. Check the quotes on that line" } else { "it has no quotes, so it is one line of text that long: this is not a ratings export (check that it is the right file, complete and not binary)" }
    )]
    CellTooLong {
        /// Line where the record starts.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The limit in megabytes.
        mb: usize,
        /// The cell started with a double quote (still open at the limit).
        quoted: bool,
    },

    /// One record has more fields than any real export.
    #[error(
        "the row starting on line {line} has more than {max} columns. Check the delimiter and the quotes on that line, or split the sheet"
    )]
    TooManyColumns {
        /// Line where the record starts.
        line: usize,
        /// The limit.
        max: usize,
    },

    /// The file holds more cells than one run reads.
    #[error(
        "the file has more than {max} cells (reached on line {line}). Split it into smaller files, for example one per team"
    )]
    TooManyCells {
        /// Line of the record that went over the limit.
        line: usize,
        /// The limit.
        max: usize,
    },

    /// More distinct people than one run reads.
    #[error(
        "the file has ratings for more than {max} people (reached on line {line}). Split it into smaller files, for example one per team"
    )]
    TooManyPeople {
        /// Line where the first person over the limit appears.
        line: usize,
        /// The limit.
        max: usize,
    },

    /// More distinct skill names than one run reads.
    #[error(
        "the file names more than {max} different skills (reached on line {line}). Check that the skill column really holds skill names, or split the file"
    )]
    TooManySkills {
        /// Line where the first skill over the limit appears.
        line: usize,
        /// The limit.
        max: usize,
    },

    /// The ratings would take too much memory once read.
    #[error(
        "the ratings take more than {mb} MB once read (reached on line {line}); names or headers are unusually long. Check the file, or split it into smaller files"
    )]
    TooBig {
        /// Line where the limit was reached.
        line: usize,
        /// The limit in megabytes.
        mb: usize,
    },
}

impl IngestError {
    /// The 1-based line the error is about, if it is about a line at all.
    pub fn line(&self) -> Option<usize> {
        match self {
            IngestError::Empty { line }
            | IngestError::NoHeader { line, .. }
            | IngestError::NoSkillColumn { line, .. }
            | IngestError::NoRatingColumn { line, .. }
            | IngestError::NoSuchColumn { line, .. }
            | IngestError::SameColumn { line, .. }
            | IngestError::NoRatings { line }
            | IngestError::Encoding { line, .. }
            | IngestError::Binary { line }
            | IngestError::FieldTooLong { line, .. }
            | IngestError::Csv { line, .. }
            | IngestError::CellTooLong { line, .. }
            | IngestError::TooManyColumns { line, .. }
            | IngestError::TooManyCells { line, .. }
            | IngestError::TooManyPeople { line, .. }
            | IngestError::TooManySkills { line, .. }
            | IngestError::TooBig { line, .. }
            | IngestError::SeveralPeople { line, .. } => Some(*line),
            IngestError::UnknownEncoding { .. }
            | IngestError::Workbook { .. }
            | IngestError::NoSuchSheet { .. } => None,
        }
    }

    /// The 1-based column the error is about, where known.
    pub fn column(&self) -> Option<usize> {
        match self {
            IngestError::Encoding { column, .. }
            | IngestError::FieldTooLong { column, .. }
            | IngestError::CellTooLong { column, .. } => Some(*column),
            _ => None,
        }
    }
}
