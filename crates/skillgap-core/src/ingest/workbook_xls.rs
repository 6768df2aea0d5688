//! The limits of an .xls (BIFF in an OLE compound file), checked before
//! calamine opens it. calamine builds every sheet of an .xls when it
//! opens the file: it reserves what a sheet's DIMENSIONS record declares,
//! allocates each sheet's range from its first to its last cell, and
//! copies a shared string into every cell that refers to it. So the
//! records are walked here first, the way calamine walks them, and a
//! file whose sheets together declare more than the cell limit, or whose
//! cells would copy more than [`MAX_TEXT`] bytes of shared strings, is
//! refused before anything is allocated for it. Records calamine would
//! index past their end (it panics on those) are refused too.

use std::io::{Cursor, Read};

use super::error::IngestError;

use super::workbook_errors::{MAX_TEXT, shorten_message, too_much_text};

fn refuse(message: impl Into<String>) -> IngestError {
    IngestError::Workbook {
        message: message.into(),
    }
}

/// One BIFF record: its type, its data and the data of the CONTINUE
/// records after it (calamine reads those as part of it).
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// The records of `stream` from its start, as calamine's record reader
/// splits them; stops at a truncated record (calamine refuses it).
fn records(mut stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    let header = |s: &[u8]| -> Option<(u16, usize)> {
        (s.len() >= 4).then(|| {
            (
                u16::from_le_bytes([s[0], s[1]]),
                usize::from(u16::from_le_bytes([s[2], s[3]])),
            )
        })
    };
    std::iter::from_fn(move || {
        let (typ, len) = header(stream)?;
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        let mut cont = Vec::new();
        while let Some((0x003C, len)) = header(stream) {
            cont.push(stream.get(4..4 + len)?);
            stream = &stream[4 + len..];
        }
        Some(Record { typ, data, cont })
    })
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(d.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(d.get(i..i + 4)?.try_into().ok()?))
}

/// The smallest rectangle holding some cells.
#[derive(Default)]
struct Extent(Option<(u32, u32, u32, u32)>);

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, col, col));
        self.0 = Some((r0.min(row), r1.max(row), c0.min(col), c1.max(col)));
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

/// Refuses the .xls in `bytes` when its sheets together declare or span
/// more than `max_cells` cells, copy more than [`MAX_TEXT`] bytes of
/// shared strings into cells, or hold records calamine cannot read
/// safely. A compound file without a workbook stream is left to calamine.
pub(crate) fn check_xls(bytes: &[u8], max_cells: usize) -> Result<(), IngestError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        refuse(format!(
            "it is not a readable .xls workbook: {}",
            shorten_message(&e.to_string())
        ))
    };
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let name = if file.is_stream("/Workbook") {
        "/Workbook"
    } else if file.is_stream("/Book") {
        "/Book"
    } else {
        return Ok(());
    };
    let mut stream = file.open_stream(name).map_err(|e| unreadable(&e))?;
    let mut book = Vec::new();
    // A stream is never longer than the file that holds it.
    (&mut stream)
        .take(bytes.len() as u64)
        .read_to_end(&mut book)
        .map_err(|e| unreadable(&e))?;
    check_biff(&book, max_cells as u64)
}

/// The checks of [`check_xls`] on the workbook stream.
fn check_biff(book: &[u8], max_cells: u64) -> Result<(), IngestError> {
    // The workbook globals, up to their EOF: where each sheet starts, and
    // the length in characters of each shared string.
    let mut starts = Vec::new();
    let mut strings: Vec<u16> = Vec::new();
    for r in records(book) {
        match r.typ {
            0x0085 => {
                let pos = u32_at(r.data, 0)
                    .filter(|_| r.data.len() >= 6)
                    .ok_or_else(|| refuse("a sheet's entry (BoundSheet record) is cut short"))?;
                starts.push(pos as usize);
            }
            0x00FC => strings = sst_lengths(&r),
            0x000A => break,
            _ => {}
        }
    }
    let (mut cells, mut text) = (0u64, 0u64);
    for &start in &starts {
        let sheet = book
            .get(start..)
            .ok_or_else(|| refuse("a sheet starts past the end of the workbook stream"))?;
        let s = check_sheet(sheet, &strings, max_cells)?;
        cells = cells.saturating_add(s.cells);
        text = text.saturating_add(s.text);
        if cells > max_cells {
            return Err(refuse(format!(
                "its sheets together span more than {max_cells} cells, the limit for one input (an .xls is read whole)"
            )));
        }
        if text > MAX_TEXT {
            return Err(too_much_text());
        }
    }
    Ok(())
}

/// What reading one sheet costs calamine.
struct SheetCost {
    /// Cells of its value and formula ranges.
    cells: u64,
    /// Bytes of shared strings copied into its cells.
    text: u64,
}

/// Walks one sheet's records from `sheet` as calamine does (nested
/// substreams such as charts skipped, up to the sheet's EOF).
fn check_sheet(sheet: &[u8], strings: &[u16], max_cells: u64) -> Result<SheetCost, IngestError> {
    let (mut values, mut formulas) = (Extent::default(), Extent::default());
    let mut text = 0u64;
    let (mut seen_bof, mut depth) = (false, 0usize);
    let short = |what: &str| refuse(format!("a {what} record is cut short"));
    for r in records(sheet) {
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        let at = |i| u16_at(d, i).map(u32::from);
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                let declared = declared_cells(d)?;
                if declared > max_cells {
                    return Err(refuse(format!(
                        "a sheet declares {declared} cells (DIMENSIONS record), more than {max_cells}, the limit for one input"
                    )));
                }
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let (Some(row), Some(col)) = (at(0), at(2)) {
                    values.add(row, col);
                }
                if r.typ == 0x00FD && d.len() >= 10 {
                    let i = u32_at(d, 6).unwrap_or(0) as usize;
                    // A character takes at most 3 bytes in UTF-8.
                    text += strings.get(i).map_or(0, |&n| 3 * u64::from(n));
                }
            }
            0x00BD => {
                // MulRk: a row of cells from one column to another.
                let (Some(row), Some(first)) = (at(0), at(2)) else {
                    continue;
                };
                let last = at(d.len().saturating_sub(2)).unwrap_or(first);
                if last < first || last > 0xFF {
                    return Err(refuse("a MulRk record's columns run backwards or past IV"));
                }
                values.add(row, first);
                values.add(row, last);
            }
            0x0006 => {
                let (Some(row), Some(col)) = (at(0), at(2)) else {
                    continue;
                };
                values.add(row, col);
                formulas.add(row, col);
            }
            0x00E5 => {
                let count = at(0).ok_or_else(|| short("MergeCells"))?;
                if d.len() < 2 + 8 * count as usize {
                    return Err(short("MergeCells"));
                }
            }
            _ => {}
        }
    }
    Ok(SheetCost {
        cells: values.cells().saturating_add(formulas.cells()),
        text,
    })
}

/// The cells a DIMENSIONS record asks calamine to reserve.
fn declared_cells(d: &[u8]) -> Result<u64, IngestError> {
    let (first_row, last_row, first_col, last_col) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0).unwrap_or(0)),
            u32::from(u16_at(d, 2).unwrap_or(0)),
            u16_at(d, 4).unwrap_or(0),
            u16_at(d, 6).unwrap_or(0),
        ),
        14 | 16 => (
            u32_at(d, 0).unwrap_or(0),
            u32_at(d, 4).unwrap_or(0),
            u16_at(d, 8).unwrap_or(0),
            u16_at(d, 10).unwrap_or(0),
        ),
        // calamine refuses any other length.
        _ => return Ok(0),
    };
    // As calamine reads it: the last row and column are one past the end,
    // a first column past IV (or after the last) means column A.
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row == 0 || last_col == 0 {
        return Ok(1);
    }
    if first_row >= last_row {
        return Err(refuse("a sheet's DIMENSIONS record runs backwards"));
    }
    Ok(u64::from(last_row - first_row) * u64::from(last_col - first_col))
}

/// The length in characters of each string of a shared string table
/// (SST record and its CONTINUE records), in order, as far as it reads.
fn sst_lengths(r: &Record<'_>) -> Vec<u16> {
    let mut parts = std::iter::once(r.data).chain(r.cont.iter().copied());
    let mut data = parts
        .next()
        .unwrap_or_default()
        .get(8..)
        .unwrap_or_default();
    let mut out = Vec::new();
    loop {
        if data.is_empty() {
            match parts.next() {
                Some(p) => data = p,
                None => return out,
            }
        }
        let (Some(cch), Some(&flags)) = (u16_at(data, 0), data.get(2)) else {
            return out;
        };
        data = &data[3..];
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            let Some(runs) = u16_at(data, 0) else {
                return out;
            };
            skip += 4 * usize::from(runs);
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(ext) = u32_at(data, 0) else {
                return out;
            };
            skip += ext as usize;
            data = &data[4..];
        }
        out.push(cch);
        // The characters: one or two bytes each; a CONTINUE record in
        // their middle starts with a byte saying which.
        let (mut left, mut wide) = (usize::from(cch), flags & 1 != 0);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let n = left.min(data.len() / width);
            data = &data[n * width..];
            left -= n;
            if left > 0 {
                let Some(p) = parts.next() else { return out };
                let Some((&f, rest)) = p.split_first() else {
                    return out;
                };
                wide = f & 1 != 0;
                data = rest;
            }
        }
        // Formatting runs and phonetic data, across CONTINUE records.
        while skip > 0 {
            if data.is_empty() {
                let Some(p) = parts.next() else { return out };
                data = p;
            }
            let l = skip.min(data.len());
            data = &data[l..];
            skip -= l;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&(data.len() as u16).to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    /// A workbook stream: globals with one sheet at the end, then `sheet`.
    fn book(sst: &[u8], sheet: &[Vec<u8>]) -> Vec<u8> {
        let mut globals = record(0x0809, &[0; 16]);
        globals.extend(record(0x00FC, sst));
        let bound_len = 4 + 10;
        let eof = record(0x000A, &[]);
        let start = globals.len() + bound_len + eof.len();
        let mut bound = (start as u32).to_le_bytes().to_vec();
        bound.extend_from_slice(&[0, 0, 2, 0, b'S', b'1']);
        let mut out = globals;
        out.extend(record(0x0085, &bound));
        out.extend(eof.clone());
        out.extend(record(0x0809, &[0; 16]));
        for r in sheet {
            out.extend_from_slice(r);
        }
        out.extend(eof);
        out
    }

    fn label_sst(row: u16, col: u16, i: u32) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        d.extend_from_slice(&i.to_le_bytes());
        record(0x00FD, &d)
    }

    fn sst(strings: &[&str]) -> Vec<u8> {
        let mut d = vec![0; 8];
        for s in strings {
            d.extend_from_slice(&(s.len() as u16).to_le_bytes());
            d.push(0);
            d.extend_from_slice(s.as_bytes());
        }
        d
    }

    #[test]
    fn a_small_sheet_passes() {
        let b = book(
            &sst(&["Name", "Skill"]),
            &[label_sst(0, 0, 0), label_sst(0, 1, 1)],
        );
        assert!(check_biff(&b, 100).is_ok());
        assert_eq!(sst_lengths(&records(&b).nth(1).unwrap()), vec![4, 5]);
    }

    #[test]
    fn two_far_apart_cells_are_refused_by_their_extent() {
        let b = book(
            &sst(&["x"]),
            &[label_sst(0, 0, 0), label_sst(65535, 255, 0)],
        );
        let err = check_biff(&b, 2_000_000).unwrap_err().to_string();
        assert!(err.contains("more than 2000000 cells"), "{err}");
    }

    #[test]
    fn a_declared_dimension_is_refused_before_it_is_reserved() {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend_from_slice(&u32::MAX.to_le_bytes());
        d.extend_from_slice(&[0, 0, 0xFF, 0, 0, 0]);
        let b = book(&sst(&[]), &[record(0x0200, &d)]);
        let err = check_biff(&b, 2_000_000).unwrap_err().to_string();
        assert!(err.contains("DIMENSIONS"), "{err}");
    }

    #[test]
    fn one_long_shared_string_in_many_cells_is_refused() {
        let long = "x".repeat(60_000);
        let cells: Vec<_> = (0..2_000).map(|r| label_sst(r, 0, 0)).collect();
        let err = check_biff(&book(&sst(&[&long]), &cells), 2_000_000)
            .unwrap_err()
            .to_string();
        assert!(err.contains("repeat text to more than 256 MB"), "{err}");
    }

    #[test]
    fn records_calamine_would_read_past_are_refused() {
        let mut b = book(&sst(&[]), &[record(0x00E5, &[9, 0, 1, 2])]);
        assert!(check_biff(&b, 100).is_err());
        // A sheet said to start past the stream's end.
        let bound = b.windows(2).position(|w| w == [0x85, 0x00]).unwrap() + 4;
        b[bound..bound + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(
            check_biff(&b, 100)
                .unwrap_err()
                .to_string()
                .contains("past the end")
        );
    }
}
