//! Issue 27, item 2: hostile workbooks (a cell at XFD1048576, huge .ods
//! repeat counts, zip bombs, a 200 MB shared string, encryption) exit 1
//! with a clear message in bounded memory. Each is run under
//! `ulimit -v`, so a reader that allocates what the file asks for is
//! killed (exit 134 or a signal) instead of refusing it.

use crate::common::{DATE, bin, stderr};
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

/// Virtual memory allowed to the binary, in KiB (`ulimit -v`).
const MEMORY_KB: u64 = 1_500_000;

/// Runs skillgap with `args` under the memory limit.
fn limited(args: &[&str]) -> std::process::Output {
    let mut script = format!("ulimit -v {MEMORY_KB}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin())
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// An .xlsx whose parts are written by `parts` after the fixed ones.
fn xlsx(path: &Path, parts: impl FnOnce(&mut zip::ZipWriter<std::fs::File>)) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = SimpleFileOptions::default();
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    parts(&mut z);
    z.finish().unwrap();
}

fn part(z: &mut zip::ZipWriter<std::fs::File>, name: &str, text: &str) {
    let o = SimpleFileOptions::default();
    z.start_file(name, o).unwrap();
    z.write_all(text.as_bytes()).unwrap();
}

/// Writes `n` bytes of `byte` into the current part, a block at a time,
/// so the test itself never holds the part.
fn lazily(z: &mut zip::ZipWriter<std::fs::File>, byte: u8, n: usize) {
    let block = vec![byte; 1 << 20];
    for _ in 0..n / block.len() {
        z.write_all(&block).unwrap();
    }
}

const SHARED_EMPTY: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#;

fn refused(path: &Path, needle: &str) {
    let o = limited(&[
        "report",
        path.to_str().unwrap(),
        "--date",
        DATE,
        "--format",
        "json",
        "-o",
        path.with_extension("json").to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{}: {err}", path.display());
    assert!(err.contains(needle), "{}: {err}", path.display());
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[test]
fn a_good_workbook_still_reads_under_the_memory_limit() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("ok.xlsx");
    xlsx(&p, |z| {
        part(z, "xl/sharedStrings.xml", SHARED_EMPTY);
        part(
            z,
            "xl/worksheets/sheet1.xml",
            &sheet(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Skill</t></is></c><c r="B1" t="inlineStr"><is><t>Rating</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Docker</t></is></c><c r="B2"><v>3</v></c></row>"#,
            ),
        );
    });
    let out = d.path().join("ok.json");
    let o = limited(&[
        "report",
        p.to_str().unwrap(),
        "--date",
        DATE,
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn one_cell_at_xfd1048576_is_refused_before_it_is_allocated() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("far.xlsx");
    xlsx(&p, |z| {
        part(z, "xl/sharedStrings.xml", SHARED_EMPTY);
        part(
            z,
            "xl/worksheets/sheet1.xml",
            &sheet(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Skill</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
            ),
        );
    });
    assert!(std::fs::metadata(&p).unwrap().len() < 4096);
    refused(&p, "cells");
}

/// An .ods whose one table is `table` (rows of `table:table-row`).
fn ods(p: &Path, table: &str) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(p).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", stored).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    z.start_file("content.xml", stored).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">"#).unwrap();
    z.write_all(table.as_bytes()).unwrap();
    z.write_all(br#"</table:table></office:spreadsheet></office:body></office:document-content>"#)
        .unwrap();
    z.finish().unwrap();
}

#[test]
fn ods_repeat_counts_are_refused_before_they_are_expanded() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("repeat.ods");
    ods(
        &p,
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
    );
    assert!(std::fs::metadata(&p).unwrap().len() < 2048);
    refused(&p, "repeated rows and cells");
}

#[test]
fn a_200_mb_shared_string_is_refused_unread() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("strings.xlsx");
    xlsx(&p, |z| {
        part(
            z,
            "xl/worksheets/sheet1.xml",
            &sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        );
        part(
            z,
            "xl/sharedStrings.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#,
        );
        lazily(z, b'A', 200 << 20);
        z.write_all(b"</t></si></sst>").unwrap();
    });
    refused(&p, "shared strings");
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio_and_size() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("bomb.xlsx");
    xlsx(&p, |z| {
        part(z, "xl/sharedStrings.xml", SHARED_EMPTY);
        part(
            z,
            "xl/worksheets/sheet1.xml",
            &sheet(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>"#),
        );
        lazily(z, b'A', 300 << 20);
        z.write_all(b"</t></is></c></row></sheetData></worksheet>")
            .unwrap();
    });
    assert!(std::fs::metadata(&p).unwrap().len() < 2 << 20);
    refused(&p, "unzips");
}

#[test]
fn an_encrypted_workbook_says_it_is_password_protected() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("secret.xlsx");
    // The start of an OLE compound file whose directory names the
    // EncryptedPackage stream, as Excel writes a password-protected file.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(2048, 0);
    std::fs::write(&p, bytes).unwrap();
    refused(&p, "password-protected");
}

#[test]
fn in_a_batch_only_the_hostile_workbook_fails() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    std::fs::create_dir(&input).unwrap();
    xlsx(&input.join("far.xlsx"), |z| {
        part(z, "xl/sharedStrings.xml", SHARED_EMPTY);
        part(
            z,
            "xl/worksheets/sheet1.xml",
            &sheet(
                r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
            ),
        );
    });
    std::fs::write(
        input.join("team.csv"),
        "person,skill,rating\nAna,Docker,3\nBo,Go,2\n",
    )
    .unwrap();
    let out = d.path().join("out");
    let o = limited(&[
        "batch",
        input.to_str().unwrap(),
        "--format",
        "json",
        "--date",
        DATE,
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(out.join("ana.json").exists() && out.join("bo.json").exists());
    assert!(err.contains("far.xlsx"), "{err}");
    assert!(!out.join(".skillgap.lock").exists());
    let m = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(m.contains("\"complete\""), "{m}");
}

/// A copy of tests/fixtures/`name` in `dir`.
fn fixture(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &p,
    )
    .unwrap();
    p
}

/// Replaces the first BIFF record of type `typ` in `bytes` (an .xls is
/// an uncompressed compound file, so its records can be patched in place).
fn patch_record(bytes: &mut [u8], typ: u16, patch: impl FnOnce(&mut [u8])) {
    let len = match typ {
        0x0200 => 14u16,
        _ => unreachable!(),
    };
    let mut header = typ.to_le_bytes().to_vec();
    header.extend_from_slice(&len.to_le_bytes());
    let at = bytes.windows(4).position(|w| w == header).unwrap() + 4;
    patch(&mut bytes[at..at + usize::from(len)]);
}

#[test]
fn a_good_xls_reads_under_the_memory_limit_as_its_csv_does() {
    let d = tempfile::tempdir().unwrap();
    let p = fixture(d.path(), "team-long.xls");
    let o = limited(&["check", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xls = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(xls.contains("xls workbook, sheet \"Ratings\""), "{xls}");
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/team-long.csv");
    let o = limited(&["check", csv.to_str().unwrap()]);
    let csv = String::from_utf8_lossy(&o.stdout).to_string();
    let people = |s: &str| {
        s.lines()
            .find(|l| l.contains("people:"))
            .map(str::to_string)
    };
    assert!(people(&xls).is_some(), "{xls}");
    assert_eq!(people(&xls), people(&csv));
}

/// Six sheets, each with a cell at A1 and one at IV65536: calamine builds
/// every sheet of an .xls on opening (16.7 million cells each).
#[test]
fn xls_sheets_spanning_millions_of_cells_are_refused_before_they_are_built() {
    let d = tempfile::tempdir().unwrap();
    let p = fixture(d.path(), "far-cells.xls");
    refused(&p, "more than 2000000");
    // Without the DIMENSIONS record, by the cells themselves.
    let mut bytes = std::fs::read(&p).unwrap();
    for _ in 0..6 {
        patch_record(&mut bytes, 0x0200, |_| {});
        let at = bytes
            .windows(4)
            .position(|w| w == [0x00, 0x02, 14, 0])
            .unwrap();
        // Type 0x0201 (Blank) is one calamine skips.
        bytes[at] = 0x01;
    }
    let q = d.path().join("no-dimensions.xls");
    std::fs::write(&q, bytes).unwrap();
    refused(&q, "span more than 2000000 cells");
}

#[test]
fn an_xls_dimensions_record_declaring_4_billion_rows_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = fixture(d.path(), "team-long.xls");
    let mut bytes = std::fs::read(&p).unwrap();
    patch_record(&mut bytes, 0x0200, |r| {
        r[4..8].copy_from_slice(&u32::MAX.to_le_bytes())
    });
    std::fs::write(&p, bytes).unwrap();
    refused(&p, "DIMENSIONS");
}

/// 10,000 cells each holding one 32,000-character shared string: 322 MB
/// of text from a 0.5 MB file.
#[test]
fn an_xls_repeating_a_long_shared_string_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = fixture(d.path(), "repeated-long-string.xls");
    refused(&p, "repeat text to more than 256 MB");
}

/// calamine indexes a defined-name (Lbl) record without checking its
/// length: a two-byte one makes it panic, which must be an error, not a
/// crash.
#[test]
fn an_xls_record_calamine_panics_on_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let p = fixture(d.path(), "team-long.xls");
    let mut bytes = std::fs::read(&p).unwrap();
    // The CodePage record (0x0042, two bytes) becomes a Lbl (0x0018).
    let at = bytes
        .windows(4)
        .position(|w| w == [0x42, 0x00, 2, 0])
        .unwrap();
    bytes[at..at + 2].copy_from_slice(&[0x18, 0x00]);
    std::fs::write(&p, bytes).unwrap();
    let o = limited(&["check", p.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("damaged or not a real workbook"), "{err}");
}

/// `<text:s text:c="N"/>` is N spaces to calamine: 4 GB from 30 bytes.
#[test]
fn an_ods_run_of_spaces_is_counted_before_it_is_expanded() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("spaces.ods");
    ods(
        &p,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Skill</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/>b</text:p></table:table-cell></table:table-row>"#,
    );
    refused(&p, "repeat text to more than 256 MB");
}

/// One 1 MB text repeated over 1,000 columns and 1,000 rows: a terabyte.
#[test]
fn an_ods_long_text_in_repeated_cells_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("long.ods");
    let long = "x".repeat(1 << 20);
    ods(
        &p,
        &format!(
            r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        ),
    );
    refused(&p, "repeat text to more than 256 MB");
}

/// One 30 MB shared string (under the shared-strings cap) in 100,000
/// cells: 3 TB of text from a small file.
#[test]
fn an_xlsx_long_shared_string_in_many_cells_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("many.xlsx");
    xlsx(&p, |z| {
        // Stored, so it is no zip bomb by its ratio.
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        z.start_file("xl/sharedStrings.xml", stored).unwrap();
        z.write_all(
            br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#,
        )
        .unwrap();
        lazily(z, b'A', 30 << 20);
        z.write_all(b"</t></si></sst>").unwrap();
        let rows: String = (1..=100_000)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
            .collect();
        part(z, "xl/worksheets/sheet1.xml", &sheet(&rows));
    });
    refused(&p, "repeat text to more than 256 MB");
}
