//! Fatal errors and hostile input: never a panic, always a located message.

use super::*;

fn read_err(bytes: &[u8]) -> IngestError {
    read_table("t.csv", bytes, &ReadOptions::default()).unwrap_err()
}

#[test]
fn empty_inputs() {
    assert_eq!(read_err(b""), IngestError::Empty { line: 1 });
    assert_eq!(read_err(b"  \r\n\n"), IngestError::Empty { line: 1 });
    assert_eq!(read_err(b"\xEF\xBB\xBF"), IngestError::Empty { line: 1 });
    assert_eq!(read_err(b"sep=;\n"), IngestError::Empty { line: 1 });
    assert_eq!(read_err(b",,,\n,,\n"), IngestError::Empty { line: 1 });
}

#[test]
fn header_only_is_no_ratings_on_line_1() {
    let err = read_err(b"Person,Skill,Rating\n");
    assert_eq!(err, IngestError::NoRatings { line: 1 });
    assert!(
        err.to_string()
            .starts_with("no ratings found: the file has a header but no rows below it. ")
    );
    assert_eq!(
        read_err(b"sep=,\nSkill,Rating\n\n"),
        IngestError::NoRatings { line: 2 }
    );
    assert_eq!(
        read_err(b"Name,Go\n,\n"),
        IngestError::NoRatings { line: 1 }
    );
}

#[test]
fn structural_errors_name_line_and_fix() {
    let err = read_err(b"\n\nSkill,Team\nGo,SRE\n");
    assert_eq!(err.line(), Some(3));
    assert_eq!(
        err.to_string(),
        "there is a skill column but no rating column; the headers are \"Skill\", \"Team\". Add a column named \"Rating\" (or \"Level\", \"Score\", \"Proficiency\") with values 0–5"
    );
    let err = read_err(b"Name,Email\nAna,a@x\n");
    assert!(matches!(err, IngestError::NoSkillColumn { line: 1, .. }));
    let err = read_err(b"Ana,Go,3\nBo,Go,4\n");
    assert_eq!(
        err.to_string(),
        "line 1 looks like data, not a header (it starts with \"Ana,Go,3\"). Add a header row first, for example \"Person,Skill,Rating\""
    );
}

#[test]
fn unknown_encoding_label() {
    let opts = ReadOptions {
        encoding: Some("latin-9000".into()),
        delimiter: None,
        ..ReadOptions::default()
    };
    let err = read_table("t.csv", b"Skill,Rating\nGo,3\n", &opts).unwrap_err();
    assert_eq!(err.line(), None);
    assert!(err.to_string().contains("\"latin-9000\"") && err.to_string().contains("windows-1250"));
}

#[test]
fn damaged_utf8_fails_its_row_located() {
    let mut bytes = "Person,Skill,Rating\nŁukasz,Go,3\nZoë,Git,"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"\xFF4\n");
    let t = read_table("t.csv", &bytes[..], &ReadOptions::default()).unwrap();
    assert_eq!(t.rows.len(), 1, "Łukasz is still read");
    assert_eq!(t.rows[0].person.as_deref(), Some("Łukasz"));
    let p = &t.problems[0];
    assert_eq!((p.line, p.column, p.person.as_deref()), (3, 3, Some("Zoë")));
    assert!(
        p.message.contains("cannot be read as text"),
        "{}",
        p.message
    );
}

#[test]
fn binary_files_are_rejected() {
    let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00\x90\x04\x00\x00\x13\x00";
    // A truncated workbook is a workbook error, not a CSV one.
    assert!(matches!(read_err(xlsx), IngestError::Workbook { .. }));
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
    assert!(matches!(read_err(png), IngestError::Binary { .. }));
    assert!(
        read_err(png)
            .to_string()
            .contains("Export the sheet as CSV")
    );
}

#[test]
fn huge_fields_are_problems_not_crashes() {
    let long = "9".repeat(20_000);
    let t = read_table(
        "t.csv",
        format!("Skill,Rating\nGo,{long}\nGit,3\n").as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.rows.len(), 1);
    let p = t.problems.first().unwrap();
    assert_eq!((p.line, p.column), (2, 2));
    assert!(p.message.contains("is too long (20000 characters)"));
    let t = read_table(
        "t.csv",
        format!("Person,Skill,Rating\nAna,{long},3\nAna,Git,3\n").as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!((t.rows.len(), t.problems.len()), (1, 1));
    // An unbalanced quote swallows the rest of the file into one cell.
    let text = format!(
        "Skill,Rating,Notes\nGo,3,\"oops\n{}\n",
        "Git,4,x\n".repeat(2000)
    );
    let t = read_table("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(t.rows.len(), 0);
    assert_eq!(t.problems.len(), 1);
    let err = read_err(format!("Skill,\"{long}\"\n").as_bytes());
    assert!(
        matches!(
            err,
            IngestError::FieldTooLong {
                line: 1,
                column: 2,
                chars: 20_000
            }
        ),
        "{err:?}"
    );
}

/// Small deterministic generator so the fuzz test needs no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_inputs_never_panic() {
    const PIECES: [&[u8]; 24] = [
        b",",
        b";",
        b"\t",
        b"|",
        b"\"",
        b"\n",
        b"\r\n",
        b"sep=;",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"Skill",
        b"Rating",
        b"Name",
        b"Timestamp",
        b"[Go]",
        b"3,5",
        b"60%",
        b"Expert",
        b"7",
        b"\xC5\x81",
        b"\xE9",
        b"\x00",
        b"2026/05/20 1:43:01 PM GMT+1",
        b"13/13/13",
    ];
    let mut rng = XorShift(0x5eed_1234_abcd_ef01);
    for _ in 0..3000 {
        let len = usize::try_from(rng.next() % 40).unwrap_or(0);
        let mut bytes = Vec::new();
        for _ in 0..len {
            let pick = usize::try_from(rng.next() % 30).unwrap_or(0);
            match PIECES.get(pick) {
                Some(piece) => bytes.extend_from_slice(piece),
                None => bytes.push(u8::try_from(rng.next() % 256).unwrap_or(0)),
            }
        }
        let result = read_table("fuzz.csv", &bytes, &ReadOptions::default());
        if let Err(err) = result {
            let text = err.to_string();
            assert!(text.contains(". "), "{text}");
        }
    }
}

#[test]
fn every_truncation_of_a_sample_is_safe() {
    let text = "sep=;\r\nTimestamp;Name;Rate [Go];Rate [Git]\r\n23/10/2022 14:37:14;Łukasz Żółć;\"3 - Intermediate\";4,5\r\n";
    let (cp1250, _, _) = encoding_rs::WINDOWS_1250.encode(text);
    for bytes in [text.as_bytes(), &cp1250] {
        for end in 0..=bytes.len() {
            let _ = read_table(
                "t.csv",
                bytes.get(..end).unwrap_or_default(),
                &ReadOptions::default(),
            );
        }
    }
}

fn with_limits(people: usize, skills: usize, cells: usize, columns: usize) -> ReadOptions {
    ReadOptions {
        max_people: people,
        max_skills: skills,
        max_cells: cells,
        max_columns: columns,
        ..ReadOptions::default()
    }
}

#[test]
fn limits_are_errors_naming_the_line() {
    let text = b"Person,Skill,Rating\nAna,Go,3\nBo,Git,2\nCy,Go,1\n";
    let read = |o: &ReadOptions| read_table("t.csv", text, o).map(|_| ()).unwrap_err();
    assert_eq!(
        read(&with_limits(2, 9, 99, 9)),
        IngestError::TooManyPeople { line: 4, max: 2 }
    );
    assert_eq!(
        read(&with_limits(9, 1, 99, 9)),
        IngestError::TooManySkills { line: 3, max: 1 }
    );
    assert_eq!(
        read(&with_limits(9, 9, 11, 9)),
        IngestError::TooManyCells { line: 4, max: 11 }
    );
    assert_eq!(
        read(&with_limits(9, 9, 99, 2)),
        IngestError::TooManyColumns { line: 1, max: 2 }
    );
    assert!(read_table("t.csv", text, &with_limits(3, 2, 12, 3)).is_ok());
    let wide = b"Name,Go,Git\nAna,3,4\nBo,2,1\n";
    assert_eq!(
        read_table("t.csv", wide, &with_limits(1, 9, 99, 9)).unwrap_err(),
        IngestError::TooManyPeople { line: 3, max: 1 }
    );
}

#[test]
fn shape_check_counts_fields_as_the_csv_reader_does() {
    // Quoted delimiters and line breaks, "" escapes, CRLF, blank lines and
    // a `sep=` line: 3 fields per record, 9 cells, records on lines 2, 4, 7.
    let text = "sep=,\r\nSkill,Rating,Notes\r\nGo,3,\"a, b\nc \"\"d\"\", e\"\r\n\r\nGit,4,x\"y\n";
    for (columns, cells, ok) in [(3, 9, true), (2, 99, false), (9, 8, false)] {
        let r = read_table("t.csv", text.as_bytes(), &with_limits(9, 9, cells, columns));
        assert_eq!(r.is_ok(), ok, "{columns} {cells}: {r:?}");
    }
    let err = read_table("t.csv", text.as_bytes(), &with_limits(9, 9, 8, 9)).unwrap_err();
    assert_eq!(err, IngestError::TooManyCells { line: 6, max: 8 });
    let t = read_table("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].notes.as_deref(), Some("a, b\nc \"d\", e"));
}

#[test]
fn a_never_closed_quote_is_refused_before_it_is_copied() {
    let mut text = b"Skill,Rating,Notes\nGo,3,\"".to_vec();
    text.extend(std::iter::repeat_n(b'x', (1 << 20) + 10));
    let err = read_err(&text);
    assert_eq!(
        err,
        IngestError::CellTooLong {
            line: 2,
            column: 3,
            mb: 1,
            quoted: true
        }
    );
    assert_eq!((err.line(), err.column()), (Some(2), Some(3)));
    assert!(err.to_string().contains("never closed"), "{err}");
}

#[test]
fn one_long_line_without_quotes_is_not_blamed_on_a_quote() {
    let mut text = b"Skill,Rating
"
    .to_vec();
    text.extend(std::iter::repeat_n(b'a', (1 << 20) + 10));
    let err = read_err(&text);
    assert!(
        matches!(err, IngestError::CellTooLong { quoted: false, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(!message.contains("quote there"), "{message}");
    assert!(message.contains("not a ratings export"), "{message}");
}

#[test]
fn names_and_skills_lose_control_and_bidi_characters() {
    let mut text = String::from("Person,Email,Skill,Rating,Notes\n");
    text.push_str("\"A\u{202e}da\u{1b}[2J\nLovelace\",a\u{2066}@x,Dock\u{200f}er,3,\"one\ttwo\nthree\u{7}\"\n");
    for _ in 0..10 {
        text.push_str("Ada Lovelace,a@x,Go,2,plain notes here\n");
    }
    let t = read_table("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
    let first = &t.rows[0];
    assert_eq!(first.person.as_deref(), Some("Ada[2J Lovelace"));
    assert_eq!(first.email.as_deref(), Some("a@x"));
    assert_eq!(&*first.skill, "Docker");
    // Notes keep their tab and line break, nothing else.
    assert_eq!(first.notes.as_deref(), Some("one\ttwo\nthree"));
    assert_eq!(t.info.people, ["Ada[2J Lovelace", "Ada Lovelace"]);
    // Wide files too: names and skill headers are cleaned when read.
    let wide = "Name,\"Dock\ner\",Go\n\"Ada\tLovelace\",3,2\nBo,1,1\n";
    let t = read_table("w.csv", wide.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(t.rows[0].person.as_deref(), Some("Ada Lovelace"));
    assert_eq!(&*t.rows[0].skill, "Dock er");
}

#[test]
fn shape_check_agrees_with_the_csv_reader_on_random_text() {
    const PIECES: [&str; 12] = [
        ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "a", "bc", " ", "\t", "é",
    ];
    let mut rng = XorShift(0x0dd_ba11_cafe_f00d);
    for _ in 0..5000 {
        let len = usize::try_from(rng.next() % 30).unwrap_or(0);
        let text: String = (0..len)
            .map(|_| PIECES[usize::try_from(rng.next()).unwrap_or(0) % PIECES.len()])
            .collect();
        for delimiter in [b',', b';', b'"', b'a'] {
            let Ok(records) = records::read_records(&text, delimiter, 0) else {
                continue;
            };
            let cells: usize = records.iter().map(|r| r.cells.len()).sum();
            let widest = records.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            let check = |columns, cells| records::check_shape(&text, delimiter, 0, columns, cells);
            assert!(check(widest, cells).is_ok(), "{text:?} {delimiter}");
            if cells > 0 {
                assert!(check(widest, cells - 1).is_err(), "{text:?} {delimiter}");
                assert!(check(widest - 1, cells).is_err(), "{text:?} {delimiter}");
            }
        }
    }
}
