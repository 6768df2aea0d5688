//! Excel and OpenDocument workbooks (.xlsx, .xlsm, .xls, .ods), read with
//! calamine. One sheet (the first, or the one named) becomes delimited
//! text with one line per sheet row, so it goes through exactly the same
//! header detection and reading as a CSV export, and every line number in
//! a message is the sheet's row number.

use std::fmt::Write;
use std::io::{BufReader, Cursor, Read};

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use quick_xml::events::Event;

use super::error::IngestError;
use super::workbook_errors::{MAX_TEXT, limit, printable, shorten_message, too_much_text};

/// True when `bytes` start like a workbook: a zip archive (.xlsx, .ods)
/// or an OLE compound file (.xls).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The sheet names of the workbook in `bytes`, in workbook order. The
/// limits are checked first: calamine reads shared strings and .ods sheets
/// whole when it opens a workbook, even to list its sheets.
pub(crate) fn sheet_names(bytes: &[u8], max_cells: usize) -> Result<Vec<String>, IngestError> {
    check_limits(bytes, max_cells)?;
    let book: Sheets<Cursor<&[u8]>> = guarded(|| open_workbook_auto_from_rs(Cursor::new(bytes)))?
        .map_err(|e| IngestError::Workbook {
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
    // Every limit is checked on the archive before calamine opens it:
    // calamine reads shared strings and .ods sheets whole when it opens.
    check_limits(&bytes, max_cells)?;
    let mut book: Sheets<Cursor<Vec<u8>>> =
        guarded(|| open_workbook_auto_from_rs(Cursor::new(bytes)))?.map_err(|e| unreadable(&e))?;
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
    let range = match &mut book {
        // Cells are streamed and the sheet's extent checked before a range
        // is allocated: one cell at XFD1048576 would ask for 549 GB.
        Sheets::Xlsx(x) => guarded(|| xlsx_range(x, &name, max_cells))??,
        _ => guarded(|| book.worksheet_range(&name))?.map_err(|e| unreadable(&e))?,
    };
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
        description: format!("{kind} workbook, sheet \"{}\"", printable(&name)),
    })
}

/// Runs a call into calamine, turning a panic inside it into an error:
/// calamine indexes some records of a damaged .xls without checking
/// their length, and one bad file must never stop a batch.
fn guarded<T>(call: impl FnOnce() -> T) -> Result<T, IngestError> {
    quiet_catch(call).map_err(|()| {
        limit("the workbook reader failed on it: the file is damaged or not a real workbook".into())
    })
}

thread_local! {
    /// Set while this thread runs a call whose panic is caught and told as
    /// an error: the panic's own message would be a second, raw one.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `call`, catching a panic in it without the panic message on
/// stderr: the caller reports the failure once, in its own words. Panics
/// anywhere else (a bug of ours) still print as before: the hook installed
/// here hands them to the hook that was in place.
pub(crate) fn quiet_catch<T>(call: impl FnOnce() -> T) -> Result<T, ()> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call));
    QUIET.with(|q| q.set(was));
    out.map_err(|_| ())
}

/// Largest total of a workbook's unzipped parts.
pub(crate) const MAX_UNZIPPED: u64 = 256 << 20;

/// Largest shared-strings part of an .xlsx: it is read whole on opening.
pub(crate) const MAX_SHARED_STRINGS: u64 = 32 << 20;

/// Largest unzipped-to-zipped ratio of a part over [`RATIO_FROM`] bytes:
/// real sheets stay well under 100, a zip bomb is near 1,000.
pub(crate) const MAX_RATIO: u64 = 250;

/// Largest part scanned for its cell references.
const MAX_SCANNED: u64 = 64 << 20;

/// Parts smaller than this are not checked for their ratio.
const RATIO_FROM: u64 = 4 << 20;

/// Most parts in a workbook archive.
const MAX_PARTS: usize = 10_000;

/// Refuses, before anything is allocated for cells, a workbook whose
/// archive unzips to more than the limits allow, is a zip bomb, is
/// encrypted, or (.ods) whose repeat counts declare more than `max_cells`.
fn check_limits(bytes: &[u8], max_cells: usize) -> Result<(), IngestError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An encrypted .xlsx is an OLE file holding an "EncryptedPackage".
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(limit(
                "it is password-protected (encrypted); open it with the password and save a copy without one".into(),
            ));
        }
        return super::workbook_xls::check_xls(bytes, max_cells);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a readable archive: calamine says what is wrong with it.
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(limit(format!(
            "it has {} parts; a workbook has at most {MAX_PARTS}",
            zip.len()
        )));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| limit(shorten_message(&e.to_string())))?;
        let raw = part.name().map(|n| n.to_string()).unwrap_or_default();
        let name = printable(&raw);
        let shared = raw.eq_ignore_ascii_case("xl/sharedStrings.xml");
        let cap = if shared {
            MAX_SHARED_STRINGS
        } else {
            MAX_UNZIPPED - total
        };
        let zipped = part.compressed_size().max(1);
        // The bytes are counted as they unzip, not taken from the header,
        // which a hostile archive may fill in with anything.
        let n = std::io::copy(&mut (&mut part).take(cap + 1), &mut std::io::sink())
            .map_err(|e| limit(format!("part {name}: {}", shorten_message(&e.to_string()))))?;
        drop(part);
        let mb = |b: u64| b >> 20;
        if shared && n > cap {
            return Err(limit(format!(
                "its shared strings unzip to more than {} MB",
                mb(MAX_SHARED_STRINGS)
            )));
        }
        if n > cap {
            return Err(limit(format!(
                "it unzips to more than {} MB",
                mb(MAX_UNZIPPED)
            )));
        }
        if n >= RATIO_FROM && n / zipped > MAX_RATIO {
            return Err(limit(format!(
                "part {name} unzips {} times over ({zipped} bytes to {n}): a zip bomb",
                n / zipped
            )));
        }
        total += n;
        // Parts that passed, read again for their cell references (the XML
        // reader holds a text whole: a part is scanned up to 64 MB; past
        // that calamine's arithmetic only wraps, caught by `guarded`).
        if !shared && n <= MAX_SCANNED && raw.to_ascii_lowercase().ends_with(".xml") {
            let part = zip
                .by_index(i)
                .map_err(|e| limit(shorten_message(&e.to_string())))?;
            check_references(BufReader::new(part.take(n)))?;
        }
    }
    if let Ok(content) = zip.by_name("content.xml") {
        ods_extent(BufReader::new(content), max_cells)?;
    }
    Ok(())
}

/// Excel's last column (XFD) and row.
const MAX_COLUMN: u32 = 16_384;
const MAX_ROW: u32 = 1_048_576;

/// Refuses an .xlsx part whose cell, row, dimension or merged-cell
/// references lie outside any sheet (columns A–XFD, rows 1–1,048,576) or
/// run backwards. calamine computes them in 32 bits without a check: a
/// reference with eight column letters overflows. XML the scan cannot
/// parse is left to calamine, which says what is wrong with it.
fn check_references(xml: impl std::io::BufRead) -> Result<(), IngestError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    // calamine's settings: the same parser then stops (on an error) where
    // calamine's does, and reads on where calamine's does.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.trim_text(false);
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        let e = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        let key = match e.local_name().as_ref() {
            "c" | "row" => "r",
            "dimension" | "mergeCell" | "hyperlink" => "ref",
            _ => {
                buf.clear();
                continue;
            }
        };
        // Every attribute up to a malformed one, keys matched exactly, as
        // calamine's own attribute reader does.
        for a in e.attributes().with_checks(false).map_while(Result::ok) {
            if a.key.as_ref() == key && !range_is_in_sheet(a.value.as_bytes()) {
                let shown: String = a.value.chars().take(24).collect();
                return Err(limit(format!(
                    "a cell reference (\"{}\") lies outside any sheet (columns A to XFD, rows 1 to 1048576)",
                    printable(&shown)
                )));
            }
        }
        buf.clear();
    }
}

/// True when every end of `range` ("B2", "A1:C9", a row number) is
/// within a sheet and the second end does not come before the first.
fn range_is_in_sheet(range: &[u8]) -> bool {
    let ends: Option<Vec<(u32, u32)>> = range
        .split(|&b| b == b':')
        .map(reference_position)
        .collect();
    match ends.as_deref() {
        None => false,
        Some([(r0, c0), (r1, c1)]) => r0 <= r1 && c0 <= c1,
        // One end, or more than two (calamine refuses those itself).
        Some(_) => true,
    }
}

/// The 1-based (row, column) of a reference such as "XFD1048576" (column
/// 0 when it has no letters), or None when either part is out of range.
/// Characters after the row's digits are left to calamine to refuse.
fn reference_position(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = r[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if letters > 3 || digits > 7 {
        return None;
    }
    let column = r[..letters].iter().fold(0u32, |c, b| {
        c * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = r[letters..letters + digits]
        .iter()
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    (column <= MAX_COLUMN && row <= MAX_ROW).then_some((row, column))
}

/// Checks every table of an .ods `content.xml` against `max_cells`, as
/// calamine would expand it: its rows (repeats counted) from the first to
/// the last one with a value, times its widest row (repeats counted). The
/// text calamine would copy is counted too: a cell's text and formula once
/// per repeated column and row, and `<text:s text:c="N"/>` as N spaces.
fn ods_extent(content: impl std::io::BufRead, max_cells: usize) -> Result<(), IngestError> {
    let mut xml = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.value.into_owned())
    };
    let repeat = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> usize {
        attr(e, key)
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1)
    };
    let formula =
        |e: &quick_xml::events::BytesStart<'_>| attr(e, "table:formula").map_or(0, |f| f.len());
    // Per table: rows so far, rows up to the last filled one, widest row.
    let (mut rows, mut used_rows, mut width) = (0usize, 0usize, 0usize);
    // Per row: its repeat count, columns so far, up to the last filled one.
    let (mut row_repeat, mut cols, mut used_cols) = (1usize, 0usize, 0usize);
    // Bytes of text: in the open cell (and its repeat), the row, in all.
    let (mut cell, mut cell_repeat, mut row_text, mut text) = (None::<usize>, 1, 0usize, 0usize);
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| limit(format!("content.xml: {}", shorten_message(&e.to_string()))))?;
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                (rows, used_rows, width) = (0, 0, 0)
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                (row_repeat, cols, used_cols) = (repeat(&e, "table:number-rows-repeated"), 0, 0);
                row_text = 0;
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(repeat(&e, "table:number-rows-repeated"));
            }
            ref ev @ (Event::Start(ref e) | Event::Empty(ref e))
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let n = repeat(e, "table:number-columns-repeated");
                cols = cols.saturating_add(n);
                // A cell with a value or content: calamine keeps its columns.
                let filled = matches!(ev, Event::Start(_))
                    || e.attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == "office:value-type");
                if filled {
                    used_cols = cols;
                }
                if matches!(ev, Event::Start(_)) {
                    (cell, cell_repeat) = (Some(formula(e)), n);
                } else {
                    row_text = row_text.saturating_add(formula(e).saturating_mul(n));
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:s" => {
                if let Some(t) = cell.as_mut() {
                    *t = t.saturating_add(repeat(&e, "text:c"));
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    *c = c.saturating_add(t.len());
                }
            }
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let t = cell.take().unwrap_or(0);
                row_text = row_text.saturating_add(t.saturating_mul(cell_repeat));
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(row_repeat);
                if used_cols > 0 {
                    used_rows = rows;
                    width = width.max(used_cols);
                }
                if used_rows.saturating_mul(width) > max_cells {
                    return Err(limit(format!(
                        "a sheet's repeated rows and cells declare more than {max_cells} cells, the limit for one input"
                    )));
                }
                text = text.saturating_add(row_text.saturating_mul(row_repeat));
                if text as u64 > MAX_TEXT {
                    return Err(too_much_text());
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Reads an .xlsx sheet cell by cell, refusing it as soon as its extent
/// (from its first to its last cell with a value) passes `max_cells`.
fn xlsx_range<RS: Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    name: &str,
    max_cells: usize,
) -> Result<calamine::Range<Data>, IngestError> {
    let unreadable = |e: &dyn std::fmt::Display| limit(shorten_message(&e.to_string()));
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| unreadable(&e))?;
    let mut cells = Vec::new();
    let mut text = 0u64;
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
        if cell.get_value() == &calamine::DataRef::Empty {
            continue;
        }
        let (r, c) = cell.get_position();
        (r0, r1, c0, c1) = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
        let extent = (r1 - r0 + 1) as usize * (c1 - c0 + 1) as usize;
        if extent > max_cells {
            return Err(IngestError::TooManyCells {
                line: r as usize + 1,
                max: max_cells,
            });
        }
        text += match cell.get_value() {
            calamine::DataRef::SharedString(t) => t.len() as u64,
            calamine::DataRef::String(t) => t.len() as u64,
            _ => 0,
        };
        if text > MAX_TEXT {
            return Err(too_much_text());
        }
        cells.push(calamine::Cell::new(
            (r, c),
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(calamine::Range::from_sparse(cells))
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
    let list: Vec<String> = names
        .iter()
        .map(|n| format!("\"{}\"", printable(n)))
        .collect();
    if list.is_empty() {
        "(none)".to_string()
    } else {
        list.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_an_error_and_the_thread_goes_on() {
        assert_eq!(quiet_catch(|| 7), Ok(7));
        let caught: Result<(), ()> = quiet_catch(|| panic!("calamine indexed past a record"));
        assert_eq!(caught, Err(()));
        // Quiet only inside: the flag is back to what it was.
        assert!(!QUIET.with(std::cell::Cell::get));
        assert!(guarded(|| -> u8 { panic!("damaged") }).is_err());
    }

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
    fn libreoffice_padding_is_not_counted_but_filled_repeats_are() {
        // LibreOffice ends a sheet with empty rows and cells repeated to
        // the sheet's edge: calamine drops them, so must the check.
        let padded = br#"<table:table><table:table-row><table:table-cell office:value-type="float"><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#;
        assert!(ods_extent(&padded[..], 100).is_ok());
        let filled = br#"<table:table><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float"/></table:table-row></table:table>"#;
        assert!(ods_extent(&filled[..], 999_999).is_err());
        assert!(ods_extent(&filled[..], 1_000_000).is_ok());
    }

    #[test]
    fn sheet_names_are_shown_without_control_characters() {
        assert_eq!(printable("Form\u{1b}[31m\u{7}\u{202e}1"), "Form?[31m??1");
        assert_eq!(quoted(&["a\u{1b}".into()]), "\"a?\"");
    }

    #[test]
    fn references_outside_a_sheet_are_refused_before_calamine_reads_them() {
        assert!(range_is_in_sheet(b"XFD1048576"));
        assert!(range_is_in_sheet(b"A1:XFD1048576"));
        assert!(range_is_in_sheet(b"7"));
        // calamine computes these in 32 bits and overflows (or underflows).
        assert!(!range_is_in_sheet(b"AAAAAAAAAAAAAAAAAAAAAAAAA1"));
        assert!(!range_is_in_sheet(b"A99999999999"));
        assert!(!range_is_in_sheet(b"XFE1"));
        assert!(!range_is_in_sheet(b"B2:A1"));
        assert!(!range_is_in_sheet(b"A1:B2:ZZZZZZZZ9"));
        let sheet = br#"<worksheet><sheetData><row r="1"><c r="AAAAAAAAAAAAAAAA1"><v>1</v></c></row></sheetData></worksheet>"#;
        let err = check_references(&sheet[..]).unwrap_err();
        assert!(err.to_string().contains("outside any sheet"), "{err}");
        let fine = br#"<worksheet><dimension ref="A1:B2"/><sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(check_references(&fine[..]).is_ok());
    }

    #[test]
    fn broken_workbooks_are_errors_not_panics() {
        let err = read_sheet(b"PK\x03\x04 not really a zip".to_vec(), None, 1000).unwrap_err();
        assert!(matches!(err, IngestError::Workbook { .. }), "{err:?}");
    }
}
