//! Reading CSV records: the shape check done before anything is copied,
//! and a reader that hands out one record at a time with its physical line.

use super::error::IngestError;

/// One CSV record with the physical line it starts on.
///
/// Cells live in one [`csv::StringRecord`] (a single buffer), and a reader
/// can refill the same record again and again, so going through a large
/// file allocates next to nothing per row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    /// 1-based physical line, counting a skipped `sep=` line.
    pub line: usize,
    /// Cells as read, untrimmed.
    pub cells: csv::StringRecord,
}

impl Record {
    /// The trimmed cell at `idx`, or "" when the row is short.
    pub(crate) fn cell(&self, idx: usize) -> &str {
        self.cells.get(idx).map_or("", str::trim)
    }

    /// The cell at `idx` as written, or "" when the row is short.
    pub(crate) fn raw_cell(&self, idx: usize) -> &str {
        self.cells.get(idx).unwrap_or("")
    }

    /// Excel writes rows of empty cells (`;;;`) below the data.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty()) || self.is_rule()
    }

    /// A Markdown or Confluence table's separator row (`|---|:--:|`):
    /// every cell dashes (with alignment colons) or empty, and not all
    /// empty. It says nothing, like a blank row.
    fn is_rule(&self) -> bool {
        let rule = |c: &str| {
            let t = c.trim().trim_matches(':');
            t.len() >= 3 && t.bytes().all(|b| b == b'-')
        };
        self.cells.iter().any(rule) && self.cells.iter().all(|c| c.trim().is_empty() || rule(c))
    }

    /// A record of `cells` on `line` (tests and callers building headers).
    #[cfg(test)]
    pub(crate) fn of(line: usize, cells: &[&str]) -> Record {
        Record {
            line,
            cells: csv::StringRecord::from(cells.to_vec()),
        }
    }
}

/// Where the CSV reader is, for [`check_shape`]; mirrors csv-core's states
/// for the default dialect (double quotes, `""` escapes, CR/LF ends).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    StartRecord,
    StartField,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Longest cell read at all, in bytes. Longer cells (up to
/// [`MAX_FIELD_CHARS`] characters) are row problems; one this long is a
/// quote that was never closed, and is refused before it is copied around.
pub(crate) const MAX_CELL_BYTES: usize = 1 << 20;

/// Refuses, before any record is built, a file with a record of more than
/// `max_columns` fields, more than `max_cells` fields in all, or a cell
/// over [`MAX_CELL_BYTES`]: such a file would otherwise take far more
/// memory than its size.
///
/// Counts fields the way the CSV reader splits them, so quoted delimiters
/// and line breaks inside quotes are handled the same.
pub(crate) fn check_shape(
    text: &str,
    delimiter: u8,
    line_offset: usize,
    max_columns: usize,
    max_cells: usize,
) -> Result<(), IngestError> {
    let bytes = text.as_bytes();
    let mut state = Scan::StartRecord;
    let (mut line, mut record_line) = (1 + line_offset, 1 + line_offset);
    let (mut fields, mut cells) = (0usize, 0usize);
    // Byte offset where the current field starts.
    let mut field_start = 0usize;
    let too_long = |record_line: usize, fields: usize, quoted: bool| IngestError::CellTooLong {
        line: record_line,
        column: fields,
        mb: MAX_CELL_BYTES >> 20,
        quoted,
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let is_term = matches!(b, b'\r' | b'\n');
        let mut new_field = false;
        let mut field_end = false;
        let mut advance = true;
        match state {
            // Blank lines between records are skipped; anything else starts
            // a record and is looked at again as the start of its first field.
            Scan::StartRecord => {
                if !is_term {
                    state = Scan::StartField;
                    record_line = line;
                    fields = 0;
                    new_field = true;
                    advance = false;
                }
            }
            Scan::StartField => {
                if b == b'"' {
                    state = Scan::Quoted;
                } else if b == delimiter {
                    (field_end, new_field) = (true, true);
                } else if is_term {
                    state = Scan::StartRecord;
                    field_end = true;
                } else {
                    state = Scan::Unquoted;
                }
            }
            Scan::Unquoted => {
                if b == delimiter {
                    state = Scan::StartField;
                    (field_end, new_field) = (true, true);
                } else if is_term {
                    state = Scan::StartRecord;
                    field_end = true;
                }
            }
            Scan::Quoted => {
                if b == b'"' {
                    state = Scan::QuoteInQuoted;
                }
            }
            Scan::QuoteInQuoted => {
                if b == b'"' {
                    state = Scan::Quoted;
                } else if b == delimiter {
                    state = Scan::StartField;
                    (field_end, new_field) = (true, true);
                } else if is_term {
                    state = Scan::StartRecord;
                    field_end = true;
                } else {
                    state = Scan::Unquoted;
                }
            }
        }
        if (field_end || state == Scan::Quoted || state == Scan::Unquoted)
            && i - field_start > MAX_CELL_BYTES
        {
            let quoted = matches!(state, Scan::Quoted | Scan::QuoteInQuoted);
            return Err(too_long(record_line, fields, quoted));
        }
        if new_field {
            fields += 1;
            cells += 1;
            field_start = if advance { i + 1 } else { i };
            if fields > max_columns {
                return Err(IngestError::TooManyColumns {
                    line: record_line,
                    max: max_columns,
                });
            }
            if cells > max_cells {
                return Err(IngestError::TooManyCells {
                    line: record_line,
                    max: max_cells,
                });
            }
        }
        if advance {
            if b == b'\n' {
                line += 1;
            }
            i += 1;
        }
    }
    Ok(())
}

/// Reads records one at a time into a caller's [`Record`], with physical
/// line numbers.
pub(crate) struct Records<'a> {
    reader: csv::Reader<&'a [u8]>,
    bytes: &'a [u8],
    line_offset: usize,
    /// Newlines counted in `bytes[..counted_to]`.
    counted_to: usize,
    newlines: usize,
}

impl<'a> Records<'a> {
    /// A reader of `text` split at `delimiter`; `line_offset` lines (a
    /// `sep=` line) came before it.
    pub(crate) fn new(text: &'a str, delimiter: u8, line_offset: usize) -> Self {
        Records {
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes()),
            bytes: text.as_bytes(),
            line_offset,
            counted_to: 0,
            newlines: 0,
        }
    }

    /// csv's own line counter miscounts CRLF endings, so newlines are
    /// counted up to the record's byte offset instead, incrementally as
    /// offsets only grow.
    fn line_at(&mut self, pos: Option<&csv::Position>) -> usize {
        let bytes = self.bytes;
        let mut offset = pos
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0)
            .min(bytes.len());
        // The offset can point at blank lines that the reader skipped.
        while bytes
            .get(offset)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            offset += 1;
        }
        if offset >= self.counted_to {
            let seen = bytes.get(self.counted_to..offset).unwrap_or_default();
            self.newlines += seen.iter().filter(|&&b| b == b'\n').count();
            self.counted_to = offset;
        }
        self.newlines + 1 + self.line_offset
    }

    /// Reads the next record into `rec`; `Ok(false)` at the end.
    pub(crate) fn read(&mut self, rec: &mut Record) -> Result<bool, IngestError> {
        match self.reader.read_record(&mut rec.cells) {
            Ok(more) => {
                if more {
                    rec.line = self.line_at(rec.cells.position());
                }
                Ok(more)
            }
            Err(err) => Err(IngestError::Csv {
                line: self.line_at(err.position()),
                message: err.to_string(),
            }),
        }
    }

    /// Skips `n` records.
    pub(crate) fn skip(&mut self, n: usize) -> Result<(), IngestError> {
        let mut rec = Record::default();
        for _ in 0..n {
            if !self.read(&mut rec)? {
                break;
            }
        }
        Ok(())
    }
}

/// Reads all records; short and long rows are kept as they are.
#[cfg(test)]
pub(crate) fn read_records(
    text: &str,
    delimiter: u8,
    line_offset: usize,
) -> Result<Vec<Record>, IngestError> {
    let mut reader = Records::new(text, delimiter, line_offset);
    let mut records = Vec::new();
    let mut rec = Record::default();
    while reader.read(&mut rec)? {
        records.push(std::mem::take(&mut rec));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_physical_lines() {
        let recs = read_records("a,b\n\"x\ny\",1\n\nz,2\n", b',', 1).unwrap();
        let lines: Vec<usize> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 6]);
        assert_eq!(recs.get(1).map(|r| r.cell(0)), Some("x\ny"));
        assert_eq!(recs.get(2).map(|r| r.cell(5)), Some(""));
        let recs = read_records("a,b\r\n\"c\r\nd\",1\r\n\r\ne,f\r\n", b',', 0).unwrap();
        let lines: Vec<usize> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 5]);
    }

    #[test]
    fn a_reused_record_reads_the_same_as_fresh_ones() {
        let text = "a;b;c\n1;\"2;3\"\n\n4\n";
        let all = read_records(text, b';', 0).unwrap();
        let mut reader = Records::new(text, b';', 0);
        reader.skip(1).unwrap();
        let mut rec = Record::default();
        let mut seen = Vec::new();
        while reader.read(&mut rec).unwrap() {
            seen.push((
                rec.line,
                rec.cells.iter().map(str::to_string).collect::<Vec<_>>(),
            ));
        }
        let want: Vec<_> = all[1..]
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.cells.iter().map(str::to_string).collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(seen, want);
        assert_eq!(seen[0].1, ["1", "2;3"]);
    }
}
