//! Excel and OpenDocument workbooks (.xlsx, .xlsm, .xls, .ods), read with
//! calamine. One sheet (the first, or the one named) becomes delimited
//! text with one line per sheet row, so it goes through exactly the same
//! header detection and reading as a CSV export, and every line number in
//! a message is the sheet's row number.

use std::fmt::Write;
use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::error::IngestError;

/// True when `bytes` start like a workbook: a zip archive (.xlsx, .ods)
/// or an OLE compound file (.xls).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The sheet names of the workbook in `bytes`, in workbook order.
pub(crate) fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let book: Sheets<Cursor<&[u8]>> =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| IngestError::Workbook {
            message: shorten_message(&e.to_string()),
        })?;
    Ok(book.sheet_names())
}

/// One sheet as text.
#[derive(Debug)]
pub(crate) struct SheetText {
    /// Comma-separated, one line per sheet row (rows above the first
    /// filled one are blank lines).
    pub text: String,
    /// e.g. `xlsx workbook, sheet "Form1"`.
    pub description: String,
}

/// Reads sheet `wanted` (or the first) of the workbook in `bytes`.
/// `max_cells` is checked before any cell is copied.
pub(crate) fn read_sheet(
    bytes: Vec<u8>,
    wanted: Option<&str>,
    max_cells: usize,
) -> Result<SheetText, IngestError> {
    let unreadable = |e: &dyn std::fmt::Display| IngestError::Workbook {
        message: shorten_message(&e.to_string()),
    };
    let mut book: Sheets<Cursor<Vec<u8>>> =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let kind = match &book {
        Sheets::Xls(_) => "xls",
        Sheets::Xlsx(_) => "xlsx",
        Sheets::Xlsb(_) => "xlsb",
        Sheets::Ods(_) => "ods",
    };
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(w.trim()))
            })
            .cloned()
            .ok_or_else(|| IngestError::NoSuchSheet {
                sheet: w.to_string(),
                sheets: quoted(&names),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or(IngestError::Empty { line: 1 })?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let (rows, columns) = range.get_size();
    if rows.saturating_mul(columns) > max_cells {
        return Err(IngestError::TooManyCells {
            line: 1,
            max: max_cells,
        });
    }
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut text = "\n".repeat(first_row);
    for row in range.rows() {
        let mut line = Vec::with_capacity(row.len());
        for cell in row {
            line.push(cell_text(cell));
        }
        // Trailing empty cells add nothing.
        while line.last().is_some_and(String::is_empty) {
            line.pop();
        }
        let cells: Vec<String> = line.iter().map(|c| csv_field(c)).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    Ok(SheetText {
        text,
        description: format!("{kind} workbook, sheet \"{name}\""),
    })
}

/// A cell as the sheet shows its value: whole numbers without a decimal
/// point, dates and times in ISO form; line breaks become spaces so that
/// one sheet row stays one line.
fn cell_text(cell: &Data) -> String {
    let text = match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let mut out = format!("{y:04}-{mo:02}-{d:02}");
            if (h, mi, s) != (0, 0, 0) {
                let _ = write!(out, " {h:02}:{mi:02}:{s:02}");
            }
            out
        }
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    };
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ")
    } else {
        text
    }
}

/// 4.0 → "4", 3.5 → "3.5"; floating-point noise such as 3.5000000000000004
/// is rounded away.
fn number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else if f.is_finite() {
        let rounded = (f * 1e9).round() / 1e9;
        format!("{rounded}")
    } else {
        f.to_string()
    }
}

/// A CSV field: quoted when it holds a comma, a quote or starts with space.
fn csv_field(cell: &str) -> String {
    if cell.contains([',', '"']) || cell.starts_with(' ') || cell.ends_with(' ') {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn quoted(names: &[String]) -> String {
    let list: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    if list.is_empty() {
        "(none)".to_string()
    } else {
        list.join(", ")
    }
}

fn shorten_message(m: &str) -> String {
    let one_line = m.replace(['\n', '\r'], " ");
    if one_line.chars().count() > 200 {
        one_line.chars().take(200).collect::<String>() + "…"
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_sheet_shows_them() {
        assert_eq!(number(4.0), "4");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(number(3.5000000000000004), "3.5");
        assert_eq!(cell_text(&Data::String("a\nb".into())), "a b");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn magic_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]));
        assert!(!is_workbook(b"Skill,Rating\n"));
    }

    #[test]
    fn broken_workbooks_are_errors_not_panics() {
        let err = read_sheet(b"PK\x03\x04 not really a zip".to_vec(), None, 1000).unwrap_err();
        assert!(matches!(err, IngestError::Workbook { .. }), "{err:?}");
    }
}
