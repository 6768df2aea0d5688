//! The fuzz harnesses, shared by the libFuzzer targets in `fuzz_targets/`
//! and by the main crate's `tests/fuzz_regressions.rs` (which includes
//! this file as a module), so a saved crash input replays through exactly
//! the code that found it. Depends only on what the main crate's tests
//! have: skillgap, chrono, serde_json.

use chrono::{Days, NaiveDate};
use skillgap::analysis::Analysis;
use skillgap::analysis::assessment::{DuplicatePolicy, assess, by_person};
use skillgap::analysis::report::Report;
use skillgap::catalog::{Catalog, TemplateFiles};
use skillgap::ingest::{PersonGroup, ReadOptions, read_people, read_table};
use skillgap::model::{Assessment, Rated, RatingSource, UnknownSkill};
use skillgap::plan::{PlanOptions, default_start};
use skillgap::render::pdf::draw::{Fonts, PageSize};
use skillgap::render::{Json, Pdf, Render, Text};
use skillgap::text::is_unsafe_char;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::builtin().expect("built-in templates"))
}

fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| Fonts::dejavu_only().expect("DejaVu Sans"))
}

/// Target `workbook`: bytes as a workbook file, as the `content.xml`
/// of an .ods, or as the sheet or shared strings of an .xlsx (the first
/// byte chooses). Reading never panics, never allocates past the cell
/// limit (libFuzzer's -rss_limit_mb catches that), and a refusal names no
/// control character.
pub fn workbook(data: &[u8]) {
    const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 4 {
        0 => rest.to_vec(),
        1 => stored_zip(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
            ),
            ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
            ("content.xml", rest),
        ]),
        2 => xlsx_with_sheet(rest),
        _ => stored_zip(&[
            ("xl/workbook.xml", br#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.as_slice()),
            ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.as_slice()),
            ("xl/worksheets/sheet1.xml", br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>3</v></c></row></sheetData></worksheet>"#.as_slice()),
            ("xl/sharedStrings.xml", rest),
        ]),
    };
    let opts = ReadOptions {
        max_cells: 20_000,
        ..ReadOptions::default()
    };
    if let Err(e) = read_table("fuzz.xlsx", &bytes, &opts) {
        let message = e.to_string();
        // A panic inside calamine is caught and reported as a damaged
        // file; for the .xlsx and .ods parts built here the checks before
        // calamine must have refused what makes it panic.
        assert!(
            mode % 4 == 0 || !message.contains("the workbook reader failed"),
            "{message}"
        );
        assert!(
            !message
                .chars()
                .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
            "{message:?}"
        );
    }
}

/// Target `ingest`: arbitrary bytes as a ratings file, and the same bytes
/// as the sheet of an .xlsx workbook (so the workbook reader sees sheet XML
/// the fuzzer shapes, not only broken zips). Reading never panics, what is
/// read holds the documented invariants, and every person then goes
/// through matching, duplicate handling and roll-ups.
pub fn ingest(data: &[u8]) {
    ingest_bytes(data);
    ingest_bytes(&xlsx_with_sheet(data));
}

fn ingest_bytes(data: &[u8]) {
    for delimiter in [None, Some(b'\t')] {
        let opts = ReadOptions {
            delimiter,
            ..ReadOptions::default()
        };
        let Ok(table) = read_table("fuzz.csv", data, &opts) else {
            continue;
        };
        for r in &table.rows {
            assert!(r.line >= 1 && r.column >= 1);
            if let Some(v) = r.value {
                assert!((0.0..=5.0).contains(&v), "rating {v} outside 0–5");
            }
            for text in [Some(&r.skill), r.person.as_ref(), r.email.as_ref()]
                .into_iter()
                .flatten()
            {
                assert!(!text.chars().any(is_unsafe_char), "{text:?}");
                assert!(!text.contains(['\n', '\r', '\t']), "{text:?}");
            }
        }
        for p in &table.problems {
            assert!(p.line >= 1 && p.column >= 1);
        }
        // Read for a batch, person by person: the same rows and problems.
        let mut streamed = Vec::new();
        let mut sink = |g: PersonGroup| streamed.push(g);
        let t = read_people("fuzz.csv", data.to_vec(), &opts, &mut sink)
            .expect("read_people fails where read_table did not");
        let rows: usize = streamed.iter().map(|g| g.rows.len()).sum();
        assert_eq!(rows, table.rows.len());
        let problems: usize = streamed.iter().map(|g| g.problems.len()).sum();
        assert_eq!(problems + t.problems.len(), table.problems.len());
        for group in by_person(&table, catalog()) {
            for policy in [DuplicatePolicy::Error, DuplicatePolicy::Max] {
                if let Ok(a) = assess(
                    "fuzz.csv",
                    &table.problems,
                    &group,
                    catalog(),
                    policy,
                    "Fuzz",
                ) {
                    for rated in a.assessment.ratings.values() {
                        assert!((0.0..=5.0).contains(&rated.value));
                    }
                }
            }
        }
    }
}

/// A minimal .xlsx (a zip of stored, uncompressed entries) whose only
/// sheet's XML is `sheet`.
pub fn xlsx_with_sheet(sheet: &[u8]) -> Vec<u8> {
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Form1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    const PACKAGE: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    stored_zip(&[
        ("_rels/.rels", PACKAGE.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

/// A zip archive of `entries`, stored (not compressed).
pub fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: usize| (v as u16).to_le_bytes();
    let u32le = |v: usize| (v as u32).to_le_bytes();
    for &(name, body) in entries {
        let offset = out.len();
        let crc = crc32(body);
        // Local header: version 20, no flags, stored, no time, crc, sizes.
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&u32le(body.len()));
        out.extend_from_slice(&u32le(body.len()));
        out.extend_from_slice(&u16le(name.len()));
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);
        central.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&u32le(body.len()));
        central.extend_from_slice(&u32le(body.len()));
        central.extend_from_slice(&u16le(name.len()));
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&u32le(offset));
        central.extend_from_slice(name.as_bytes());
    }
    let central_at = out.len();
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&u16le(entries.len()));
    out.extend_from_slice(&u16le(entries.len()));
    out.extend_from_slice(&u32le(central.len()));
    out.extend_from_slice(&u32le(central_at));
    out.extend_from_slice(&[0, 0]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Which file a `templates` input replaces or adds, by its first byte.
const SLOTS: [&str; 6] = [
    "skills.toml",
    "roles/devops.toml",
    "roles/zz-user.toml",
    "learning/containers-and-orchestration.toml",
    "learning/zz-user.toml",
    "roles/sre.toml",
];

/// Target `templates`: arbitrary text as a user's template file
/// (`--templates DIR`). Loading succeeds or names the file; a catalogue
/// that loads analyses, plans and renders text and JSON without panicking.
pub fn templates(data: &[u8]) {
    let Some((&slot, rest)) = data.split_first() else {
        return;
    };
    // `--templates` reads files as UTF-8 and refuses anything else.
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let rel = SLOTS[usize::from(slot) % SLOTS.len()];
    let mut files = TemplateFiles::embedded();
    files.insert(rel, &format!("user/{rel}"), text.to_string());
    let catalog = match Catalog::from_files(&files) {
        Ok(c) => c,
        Err(e) => {
            assert!(!e.message.is_empty() && !e.file.is_empty(), "{e:?}");
            return;
        }
    };
    // Every skill rated 2, the first one 4.5: gaps, strengths and a plan.
    let ratings = catalog
        .skills
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let value = if i == 0 { 4.5 } else { 2.0 };
            let source = RatingSource::Direct {
                typed: vec![s.name.clone()],
                lines: vec![i + 2],
            };
            (s.id.clone(), Rated { value, source })
        })
        .collect();
    let assessment = Assessment {
        person: "Fuzz".into(),
        ratings,
        ..Assessment::default()
    };
    let today = date(2026, 11, 26);
    let plan = PlanOptions {
        start: default_start(today),
        hours_per_week: 5.0,
        horizon_end: date(2027, 5, 30),
        cloud: None,
    };
    let report = Report::build(
        &Analysis::new(&catalog, &[], today, &plan),
        &assessment,
        "fuzz.csv",
        vec![],
        Some(&plan),
        None,
    );
    check_report(&report);
    Json.render(&report).unwrap();
    Text { color: false }.render(&report).unwrap();
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Reads fixed-size values from the front of a byte string; zeros when
/// it runs out, so every input is valid.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let (b, rest) = self.0.split_first().map_or((0, &[][..]), |(b, r)| (*b, r));
        self.0 = rest;
        b
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    /// Up to 63 bytes as text (invalid UTF-8 replaced).
    fn text(&mut self) -> String {
        let n = usize::from(self.u8() % 64).min(self.0.len());
        let (t, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8_lossy(t).into_owned()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Target `report`: ratings → analysis → plan → JSON, text and PDF.
///
/// An input is 7 option bytes (hours per week, horizon weeks ×2, report
/// date ×2, mode, role mask), then with an odd mode byte a ratings file
/// (the seeds are samples/ behind 7 option bytes), read and assessed as
/// `skillgap report` does; with an even one, ratings, names, unknown
/// skills and notes decoded straight into an assessment.
pub fn report(data: &[u8]) {
    let mut b = Bytes(data);
    let hours_per_week = f64::from(b.u8().max(1)) * 168.0 / 255.0;
    let weeks = u64::from(b.u16() % 520) + 1;
    let today = date(2000, 1, 3)
        .checked_add_days(Days::new(u64::from(b.u16()) * 2))
        .unwrap();
    let mode = b.u8();
    let mask = b.u8();
    let start = default_start(today);
    let plan = PlanOptions {
        start,
        hours_per_week,
        horizon_end: start.checked_add_days(Days::new(weeks * 7 - 1)).unwrap(),
        cloud: None,
    };
    let paper = if mode & 2 == 0 {
        PageSize::A4
    } else {
        PageSize::Letter
    };
    let c = catalog();
    let roles: Vec<String> = c
        .roles
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, r)| r.id.to_string())
        .collect();
    let build = |a: &Assessment, notes: Vec<String>| {
        Report::build(
            &Analysis::new(c, &roles, today, &plan),
            a,
            "fuzz.csv",
            notes,
            Some(&plan),
            None,
        )
    };

    if mode & 1 == 1 {
        let Ok(table) = read_table("fuzz.csv", b.0, &ReadOptions::default()) else {
            return;
        };
        for group in by_person(&table, catalog()).iter().take(2) {
            let Ok(a) = assess(
                "fuzz.csv",
                &table.problems,
                group,
                c,
                DuplicatePolicy::Max,
                "Fuzz",
            ) else {
                continue;
            };
            render_all(&build(&a.assessment, a.notes), paper);
        }
        return;
    }

    let person = b.text();
    let email = (b.u8() & 1 == 1).then(|| b.text());
    let mut ratings = BTreeMap::new();
    for line in 0..usize::from(b.u8() % 64) {
        let skill = &c.skills[usize::from(b.u8()) % c.skills.len()];
        let value = f64::from(b.u8() % 51) / 10.0;
        let source = RatingSource::Direct {
            typed: vec![skill.name.clone()],
            lines: vec![line + 2],
        };
        ratings.insert(skill.id.clone(), Rated { value, source });
    }
    let blank = (0..b.u8() % 16)
        .map(|_| c.skills[usize::from(b.u8()) % c.skills.len()].id.clone())
        .collect();
    let mut unknown = Vec::new();
    for _ in 0..b.u8() % 8 {
        let name = b.text();
        unknown.push(UnknownSkill {
            suggestion: c.matcher.suggest(&name),
            line: usize::from(b.u16()) + 1,
            name,
        });
    }
    let rated_ids: std::collections::BTreeSet<String> =
        ratings.keys().map(ToString::to_string).collect();
    let assessed_on = match b.u16() {
        0 => None,
        d => date(2000, 1, 1).checked_add_days(Days::new(u64::from(d))),
    };
    let mut notes = Vec::new();
    while !b.is_empty() && notes.len() < 8 {
        notes.push(b.text());
    }
    let assessment = Assessment {
        person,
        email,
        assessed_on,
        ratings,
        blank,
        unknown,
        interest: Default::default(),
        // Half the time the input asked only the skills rated: the rest
        // are "not asked".
        asked: (mode & 4 == 4).then(|| std::sync::Arc::new(rated_ids)),
    };
    render_all(&build(&assessment, notes), paper);
}

/// Invariants every report keeps, whatever went in.
fn check_report(report: &Report) {
    for f in &report.roles {
        assert!(
            (0.0..=100.0).contains(&f.fit),
            "fit {} outside 0–100",
            f.fit
        );
        for g in &f.gaps {
            assert!(g.gap > 0.0 && g.priority >= 0.0, "{g:?}");
        }
    }
    if let Some(plan) = &report.plan {
        // Starts strictly increase; only a recurring practice (sessions)
        // or work spread over weeks runs on alongside the items after it.
        let mut previous_start: Option<NaiveDate> = None;
        let mut block_end: Option<NaiveDate> = None;
        for item in &plan.items {
            assert!(item.start <= item.end, "{item:?}");
            assert!(
                item.start >= plan.start && item.end <= plan.horizon_end,
                "{item:?}"
            );
            assert!(previous_start.is_none_or(|s| item.start > s), "{item:?}");
            assert!(block_end.is_none_or(|end| item.start > end), "{item:?}");
            previous_start = Some(item.start);
            // Work spread over calendar weeks runs alongside too.
            if item.resource.sessions.is_none() && item.resource.weeks.is_none_or(|w| w < 2) {
                block_end = block_end.max(Some(item.end));
            }
        }
        for w in plan.milestones.windows(2) {
            assert!(w[0].date <= w[1].date, "milestones out of order");
        }
    }
}

fn render_all(report: &Report, paper: PageSize) {
    check_report(report);
    let json = Json.render(report).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(v["person"].as_str(), Some(report.person.as_str()));
    Text { color: false }.render(report).unwrap();
    let pdf = Pdf {
        fonts: fonts().clone(),
        paper,
    }
    .render(report)
    .unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"));
}

/// Target `team_summary`: arbitrary bytes as one JSON report in a
/// `team-summary` folder. Reading never panics; what is accepted holds the
/// checked ranges and clean names, and goes through the team summary
/// (tables and the team report) without panicking.
pub fn team_summary(data: &[u8]) {
    use skillgap::analysis::team::{PersonSummary, TeamReport};
    use skillgap::batch::merge::report_from_json;
    use skillgap::batch::tables::{team_skills_csv, team_summary_csv};
    let Ok(report) = report_from_json(data) else {
        return;
    };
    let clean = |s: &str| !s.chars().any(is_unsafe_char) && s.trim() == s;
    assert!(!report.person.is_empty() && clean(&report.person));
    for f in &report.roles {
        assert!((0.0..=100.0).contains(&f.fit), "fit {}", f.fit);
        assert!(clean(&f.id));
    }
    for r in &report.ratings {
        assert!((0.0..=5.0).contains(&r.rating), "rating {}", r.rating);
    }
    let c = catalog();
    let people = vec![PersonSummary::from_report(&report, "fuzz")];
    let roles: Vec<(String, String)> = c
        .roles
        .iter()
        .map(|r| (r.id.to_string(), r.title.clone()))
        .collect();
    let skills: Vec<(String, String)> = c
        .skills
        .iter()
        .map(|s| (s.id.to_string(), s.name.clone()))
        .collect();
    team_summary_csv(&people, &roles, Default::default()).unwrap();
    team_skills_csv(&people, &skills, Default::default()).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let _ = TeamReport::build(&people, 0, c, &[], None, date);
    let _ = skillgap::analysis::overview::TeamOverview::build(&people, c, &[]);
}
