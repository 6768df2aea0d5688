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

/// Longest cell read at all, in bytes. Longer cells (up to
/// [`MAX_FIELD_CHARS`] characters) are row problems; one this long is a
/// quote that was never closed, and is refused before it is copied around.
///
/// [`MAX_FIELD_CHARS`]: super::MAX_FIELD_CHARS
pub(crate) const MAX_CELL_BYTES: usize = 1 << 20;

/// Line numbers of byte offsets that only grow: newlines are counted once.
struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    /// The number of the line at `counted_to`.
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> usize {
        let seen = self.bytes.get(self.counted_to..offset).unwrap_or_default();
        self.line += seen.iter().filter(|&&b| b == b'\n').count();
        self.counted_to = self.counted_to.max(offset);
        self.line
    }
}

/// Refuses, before any record is built, a file with a record of more than
/// `max_columns` fields, more than `max_cells` fields in all, or a cell
/// over [`MAX_CELL_BYTES`]: such a file would otherwise take far more
/// memory than its size.
///
/// Fields are split by csv-core, the parser under the CSV reader, so
/// quoted delimiters and line breaks inside quotes count the same; the
/// cells themselves are written to a small scratch buffer and dropped.
pub(crate) fn check_shape(
    text: &str,
    delimiter: u8,
    line_offset: usize,
    max_columns: usize,
    max_cells: usize,
) -> Result<(), IngestError> {
    let bytes = text.as_bytes();
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut scratch = vec![0u8; 1 << 16];
    let mut lines = Lines {
        bytes,
        counted_to: 0,
        line: 1 + line_offset,
    };
    let mut pos = 0;
    let mut cells = 0usize;
    loop {
        // Blank lines between records are no record (csv-core skips them
        // too): a record starts at the next byte that ends no line.
        while bytes.get(pos).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            pos += 1;
        }
        if pos >= bytes.len() {
            return Ok(());
        }
        let record_line = lines.at(pos);
        let mut fields = 0usize;
        loop {
            // Counted as each field starts, so a record too wide is
            // refused before its extra field is read.
            fields += 1;
            cells += 1;
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
            let field = read_field(&mut reader, bytes, &mut pos, &mut scratch);
            match field {
                Field::Read { record_end } if !record_end => {}
                Field::Read { .. } => break,
                Field::TooLong { quoted } => {
                    return Err(IngestError::CellTooLong {
                        line: record_line,
                        column: fields,
                        mb: MAX_CELL_BYTES >> 20,
                        quoted,
                    });
                }
                Field::End => return Ok(()),
            }
        }
    }
}

/// One field as [`check_shape`] reads it.
enum Field {
    /// Read whole, within the limit.
    Read { record_end: bool },
    /// Over [`MAX_CELL_BYTES`]; `quoted` when it was still inside the
    /// quotes it started with there.
    TooLong { quoted: bool },
    /// No field: the text ended.
    End,
}

/// Reads the field at `bytes[*pos..]`, moving `pos` past it. csv-core is
/// given at most one byte more than the limit allows, so a cell that is
/// too long is refused as soon as it is, not at its end.
fn read_field(
    reader: &mut csv_core::Reader,
    bytes: &[u8],
    pos: &mut usize,
    scratch: &mut [u8],
) -> Field {
    use csv_core::ReadFieldResult;
    let start = *pos;
    let limit = bytes.len().min(start.saturating_add(MAX_CELL_BYTES + 2));
    loop {
        let input = bytes.get(*pos..limit).unwrap_or_default();
        let (result, nin, _) = reader.read_field(input, scratch);
        *pos += nin;
        match result {
            ReadFieldResult::Field { record_end } => {
                // The delimiter or line end that ended the field is not
                // part of it; at the end of the text there is none.
                let content = *pos - start - usize::from(!input.is_empty());
                if content > MAX_CELL_BYTES {
                    return Field::TooLong { quoted: false };
                }
                return Field::Read { record_end };
            }
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {
                if *pos - start > MAX_CELL_BYTES {
                    return Field::TooLong {
                        quoted: bytes.get(start) == Some(&b'"'),
                    };
                }
            }
            ReadFieldResult::End => return Field::End,
        }
    }
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
    fn shape_check_refuses_a_cell_one_byte_over_the_limit() {
        let shape = |cell: &str| check_shape(&format!("a,b\r\n\r\nx,{cell},y\n"), b',', 1, 9, 99);
        let at_limit = "x".repeat(MAX_CELL_BYTES);
        assert_eq!(shape(&at_limit), Ok(()));
        assert_eq!(shape(&format!("\"{}\"", &at_limit[2..])), Ok(()));
        let over = |quoted| IngestError::CellTooLong {
            line: 4,
            column: 2,
            mb: 1,
            quoted,
        };
        assert_eq!(shape(&format!("{at_limit}x")), Err(over(false)));
        // Still inside its quotes at the limit: probably never closed.
        assert_eq!(shape(&format!("\"{at_limit}\"")), Err(over(true)));
        assert_eq!(
            check_shape("a,b\n\"x", b',', 0, 1, 99),
            Err(IngestError::TooManyColumns { line: 1, max: 1 })
        );
    }

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
