//! Every shipped sample reads as documented.

use chrono::NaiveDate;
use skillgap::ingest::{Format, ReadOptions, Table, read_table};

fn read(name: &str, opts: &ReadOptions) -> Table {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_table(name, &bytes, opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn rating(table: &Table, person: Option<&str>, skill: &str) -> Option<f64> {
    let row = table
        .rows
        .iter()
        .find(|r| r.person.as_deref() == person && &*r.skill == skill)
        .unwrap_or_else(|| panic!("no rating of {skill} by {person:?}"));
    row.value
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn google_forms_team() {
    let t = read("google-forms-team.csv", &ReadOptions::default());
    assert_eq!(t.info.format, Format::GoogleForms);
    assert_eq!(t.info.delimiter, b',');
    assert_eq!(t.info.encoding, "UTF-8");
    assert_eq!(
        t.info.people,
        ["Łukasz Żółć", "Renée Müller", "Priya Raman", "Arjun Mehta"]
    );
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.rows.len(), 4 * 8);
    assert_eq!(
        rating(&t, Some("Łukasz Żółć"), "Linux administration"),
        Some(5.0)
    );
    assert_eq!(
        rating(&t, Some("Renée Müller"), "On-call / incident response"),
        None
    );
    assert_eq!(rating(&t, Some("Arjun Mehta"), "Terraform"), Some(0.0));
    assert_eq!(
        rating(&t, Some("Priya Raman"), "Monitoring (Prometheus/Grafana)"),
        Some(4.0)
    );
    let arjun = t
        .rows
        .iter()
        .find(|r| r.person.as_deref() == Some("Arjun Mehta"))
        .unwrap();
    assert_eq!(arjun.date, date(2026, 10, 4));
    assert_eq!(arjun.email.as_deref(), Some("arjun.mehta@example.com"));
    assert_eq!(&*arjun.raw_value, "1 - Awareness");
    // Renée's free-text answer spans two lines, so Priya's record starts on line 5.
    let priya = t
        .rows
        .iter()
        .find(|r| r.person.as_deref() == Some("Priya Raman"))
        .unwrap();
    assert_eq!((priya.line, priya.column), (5, 4));
    assert_eq!(t.rows.first().map(|r| r.date), Some(date(2026, 5, 20)));
    assert_eq!(
        t.info.columns_ignored,
        ["Anything else you'd like to tell us?"]
    );
    assert!(t.info.columns_used.contains(&(
        "How would you rate your skills?  [Terraform]".to_string(),
        "skill: Terraform".to_string()
    )));
}

#[test]
fn msforms_team() {
    let t = read("msforms-team.csv", &ReadOptions::default());
    assert_eq!(t.info.format, Format::MicrosoftForms);
    assert_eq!(t.info.delimiter, b',');
    assert_eq!(t.info.encoding, "UTF-8 (BOM)");
    assert_eq!(t.info.people, ["Renée Müller", "Respondent 2", "Zoë Adams"]);
    assert_eq!(rating(&t, Some("Renée Müller"), "Kubernetes"), Some(4.0));
    assert_eq!(rating(&t, Some("Respondent 2"), "Go"), Some(0.0));
    assert_eq!(
        rating(&t, Some("Zoë Adams"), "On-call / incident response"),
        Some(5.0)
    );
    let anon = t
        .rows
        .iter()
        .find(|r| r.person.as_deref() == Some("Respondent 2"))
        .unwrap();
    assert_eq!(
        (anon.email.as_deref(), anon.date),
        (None, date(2025, 8, 20))
    );
    let zoe = t
        .rows
        .iter()
        .find(|r| r.person.as_deref() == Some("Zoë Adams"))
        .unwrap();
    assert_eq!(zoe.date, date(2025, 8, 21));
    assert!(
        t.info.warnings.iter().any(|w| w.contains("Respondent 2")),
        "{:?}",
        t.info.warnings
    );
    assert!(t.problems.is_empty(), "{:?}", t.problems);
}

#[test]
fn excel_semicolon_cp1252() {
    let t = read("excel-semicolon-cp1252.csv", &ReadOptions::default());
    assert_eq!(t.info.format, Format::Long);
    assert_eq!(t.info.delimiter, b';');
    assert_eq!(t.info.encoding, "windows-1252 (detected)");
    assert!(t.info.decimal_comma);
    assert_eq!(t.info.people, ["Renée Müller"]);
    assert_eq!(rating(&t, Some("Renée Müller"), "Terraform"), Some(3.5));
    assert_eq!(rating(&t, Some("Renée Müller"), "CI/CD"), Some(4.5));
    assert_eq!(
        rating(&t, Some("Renée Müller"), "Capacity planning"),
        Some(1.5)
    );
    assert_eq!(rating(&t, Some("Renée Müller"), "AWS"), None);
    let tf = t.rows.iter().find(|r| &*r.skill == "Terraform").unwrap();
    // sep= is line 1, the header line 2.
    assert_eq!((tf.line, tf.column), (3, 3));
    assert_eq!(
        tf.notes.as_deref(),
        Some("Wrote the VPC modules; reviewed by Jörg")
    );
    assert_eq!(tf.date, date(2026, 5, 20));
    let docker = t.rows.iter().find(|r| &*r.skill == "Docker").unwrap();
    assert_eq!(
        docker.notes.as_deref(),
        Some("Daily use – build and debug images")
    );
    assert_eq!(t.rows.len(), 9);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
}

#[test]
fn excel_unicode_text() {
    let t = read("excel-unicode-text.txt", &ReadOptions::default());
    assert_eq!(t.info.format, Format::Long);
    assert_eq!(t.info.delimiter, b'\t');
    assert_eq!(t.info.encoding, "UTF-16LE");
    assert_eq!(t.info.people, ["Ελένη Παπαδοπούλου"]);
    assert_eq!(rating(&t, Some("Ελένη Παπαδοπούλου"), "Git"), Some(5.0));
    assert_eq!(rating(&t, Some("Ελένη Παπαδοπούλου"), "Go"), Some(2.0));
    let py = t.rows.iter().find(|r| &*r.skill == "Python").unwrap();
    assert_eq!(py.notes.as_deref(), Some("Χρησιμοποιώ καθημερινά"));
    let pm = t
        .rows
        .iter()
        .find(|r| &*r.skill == "Blameless postmortems")
        .unwrap();
    assert_eq!(
        (pm.value, pm.notes.as_deref(), pm.line),
        (Some(4.0), Some("\"Facilitated\" three reviews"), 8)
    );
    assert_eq!(t.rows.len(), 7);
}

#[test]
fn cp1250_team() {
    let t = read("cp1250-team.csv", &ReadOptions::default());
    assert_eq!(t.info.format, Format::Long);
    assert_eq!(t.info.delimiter, b',');
    assert_eq!(t.info.encoding, "windows-1250 (detected)");
    assert_eq!(t.info.people, ["Łukasz Żółć", "Zoë Dvořák"]);
    assert_eq!(rating(&t, Some("Łukasz Żółć"), "Terraform"), Some(4.0));
    assert_eq!(rating(&t, Some("Zoë Dvořák"), "Networking"), Some(5.0));
    assert_eq!(rating(&t, Some("Zoë Dvořák"), "Terraform"), Some(2.0));
    let go = t.rows.iter().find(|r| &*r.skill == "Go").unwrap();
    assert_eq!(go.notes.as_deref(), Some("Narzędzia CLI, mikroserwisy"));
    assert_eq!(go.date, date(2026, 3, 2));
    // The same bytes read the same when the encoding is named.
    let forced = read(
        "cp1250-team.csv",
        &ReadOptions {
            encoding: Some("windows-1250".into()),
            delimiter: None,
            ..ReadOptions::default()
        },
    );
    assert_eq!(forced.info.encoding, "windows-1250 (forced)");
    assert_eq!(forced.rows, t.rows);
}

#[test]
fn wide_team_tsv() {
    let t = read(
        "wide-team.tsv",
        &ReadOptions {
            encoding: None,
            delimiter: Some(b'\t'),
            ..ReadOptions::default()
        },
    );
    assert_eq!(t.info.format, Format::Wide);
    assert_eq!(t.info.delimiter, b'\t');
    assert_eq!(t.info.encoding, "UTF-8");
    assert_eq!(t.info.people, ["Ana Souza", "Ben Okafor", "Chloé Martin"]);
    assert_eq!(rating(&t, Some("Ana Souza"), "Terraform"), Some(2.5));
    assert_eq!(rating(&t, Some("Ben Okafor"), "Python"), None);
    assert_eq!(
        rating(&t, Some("Ben Okafor"), "Blameless postmortems"),
        None
    );
    assert_eq!(rating(&t, Some("Chloé Martin"), "Go"), Some(0.0));
    assert_eq!(t.rows.len(), 27);
    // Sniffing alone finds the tab too.
    let sniffed = read("wide-team.tsv", &ReadOptions::default());
    assert_eq!(sniffed.info.delimiter, b'\t');
}

/// A batch reads people as they complete (`read_people`); for every sample
/// that must give the same people, rows and problems as reading it whole.
#[test]
fn streaming_every_sample_gives_the_same_people() {
    use skillgap::ingest::{PersonGroup, read_people};
    let dir = format!("{}/samples", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    for name in names {
        let opts = ReadOptions {
            delimiter: name.ends_with(".tsv").then_some(b'\t'),
            ..ReadOptions::default()
        };
        let whole = read(&name, &opts);
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let mut got: Vec<PersonGroup> = Vec::new();
        let mut sink = |g: PersonGroup| got.push(g);
        let streamed = read_people(&name, bytes, &opts, &mut sink).unwrap();
        assert!(streamed.rows.is_empty());
        assert_eq!(streamed.info, whole.info, "{name}");
        let rows: usize = got.iter().map(|g| g.rows.len()).sum();
        assert_eq!(rows, whole.rows.len(), "{name}");
        for g in &got {
            let want: Vec<_> = whole.rows.iter().filter(|r| r.person == g.person).collect();
            assert_eq!(g.rows.iter().collect::<Vec<_>>(), want, "{name}");
        }
        let problems =
            got.iter().map(|g| g.problems.len()).sum::<usize>() + streamed.problems.len();
        assert_eq!(problems, whole.problems.len(), "{name}");
    }
}
