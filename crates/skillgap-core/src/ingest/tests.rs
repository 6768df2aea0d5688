//! Behaviour of `read_table` on small, hand-written inputs.

use super::*;
use chrono::NaiveDate;

fn read(text: &str) -> Table {
    read_table("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap()
}

fn values(t: &Table) -> Vec<(Option<&str>, &str, Option<f64>)> {
    t.rows
        .iter()
        .map(|r| (r.person.as_deref(), &*r.skill, r.value))
        .collect()
}

fn used(t: &Table) -> Vec<(&str, &str)> {
    t.info
        .columns_used
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

#[test]
fn long_minimal_single_person() {
    let t = read("Skill,Rating\nKubernetes,3\nGo,4.5\nTerraform,\n");
    assert_eq!(t.info.format, Format::Long);
    assert_eq!(
        values(&t),
        [
            (None, "Kubernetes", Some(3.0)),
            (None, "Go", Some(4.5)),
            (None, "Terraform", None)
        ]
    );
    assert!(t.info.people.is_empty());
    let lines: Vec<(usize, usize)> = t.rows.iter().map(|r| (r.line, r.column)).collect();
    assert_eq!(lines, [(2, 2), (3, 2), (4, 2)]);
    assert_eq!(used(&t), [("Skill", "skill"), ("Rating", "rating")]);
}

#[test]
fn long_aliases_any_order_and_ignored_columns() {
    let t = read(
        "\u{feff}Team,SELF_RATING,Competency,E-mail,Full Name,Evidence,Assessed On\n\
         SRE,Advanced,K8s,ana@example.com,Ana Souza,Runs the cluster,2026-05-20\n",
    );
    let r = t.rows.first().unwrap();
    assert_eq!(r.person.as_deref(), Some("Ana Souza"));
    assert_eq!(r.email.as_deref(), Some("ana@example.com"));
    assert_eq!(
        (&*r.skill, r.value, &*r.raw_value),
        ("K8s", Some(4.0), "Advanced")
    );
    assert_eq!(r.notes.as_deref(), Some("Runs the cluster"));
    assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 5, 20));
    assert_eq!(r.column, 2);
    // A Team column is the person's team (a group), not something ignored.
    assert!(t.info.columns_ignored.is_empty());
    assert_eq!(
        r.profile.as_ref().and_then(|p| p.team.as_deref()),
        Some("SRE")
    );
    assert_eq!(
        used(&t),
        [
            ("Team", "team"),
            ("SELF_RATING", "rating"),
            ("Competency", "skill"),
            ("E-mail", "email"),
            ("Full Name", "person"),
            ("Evidence", "notes"),
            ("Assessed On", "date")
        ]
    );
}

#[test]
fn long_email_only_is_the_person() {
    let t = read(
        "email,skill,level\nbo@example.com,Git,5\nana@example.com,Git,2\nbo@example.com,Go,1\n",
    );
    assert_eq!(t.info.people, ["bo@example.com", "ana@example.com"]);
    assert_eq!(
        t.rows.first().and_then(|r| r.email.as_deref()),
        Some("bo@example.com")
    );
    assert_eq!(used(&t).first(), Some(&("email", "person and email")));
}

#[test]
fn long_quoted_fields_and_line_numbers() {
    let text = "Person,Skill,Rating,Notes\n\
                \"Souza, Ana\",CI/CD,3,\"Built the \"\"deploy\"\" job,\nthen the\nrelease job\"\n\
                \"Souza, Ana\",Bash scripting,2,\n";
    let t = read(text);
    assert_eq!(t.info.people, ["Souza, Ana"]);
    let first = t.rows.first().unwrap();
    assert_eq!(
        first.notes.as_deref(),
        Some("Built the \"deploy\" job,\nthen the\nrelease job")
    );
    assert_eq!(
        t.rows.get(1).map(|r| (&*r.skill, r.line)),
        Some(("Bash scripting", 5))
    );
}

#[test]
fn long_blank_skill_rows() {
    let t = read("Person,Skill,Rating\nAna,,\nAna,,4\nAna,Go,3\n,,\n");
    assert_eq!(values(&t), [(Some("Ana"), "Go", Some(3.0))]);
    assert_eq!(t.problems.len(), 1);
    let p = t.problems.first().unwrap();
    assert_eq!((p.line, p.column, p.person.as_deref()), (3, 2, Some("Ana")));
    assert_eq!(
        p.message,
        "rating \"4\" has no skill: the \"Skill\" cell is empty"
    );
}

#[test]
fn long_missing_person_is_a_problem() {
    let t = read("Name,Skill,Rating\nAna,Go,3\n,Docker,4\n,Git,\n");
    assert_eq!(t.rows.len(), 1);
    let p = t.problems.first().unwrap();
    assert_eq!((p.line, p.column), (3, 1));
    assert_eq!(
        p.message,
        "rating for \"Docker\" has no person: the \"Name\" cell is empty"
    );
    assert_eq!(t.problems.len(), 1);
}

#[test]
fn bad_values_are_problems_and_others_are_kept() {
    let t = read("Person,Skill,Rating\nAna,Kubernetes,7\nBo,Kubernetes,4\nAna,Go,lots\n");
    assert_eq!(values(&t), [(Some("Bo"), "Kubernetes", Some(4.0))]);
    let msgs: Vec<(usize, usize, &str)> = t
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.message.as_str()))
        .collect();
    assert_eq!(
        msgs,
        [
            (
                2,
                3,
                "rating \"7\" for \"Kubernetes\" is outside 0–5 (use 0–5, a level such as none, basic, intermediate, advanced, expert, or a scale.toml label)"
            ),
            (
                4,
                3,
                "rating \"lots\" for \"Go\" is not a number or a known label (use 0–5, a level such as none, basic, intermediate, advanced, expert, or a scale.toml label)"
            ),
        ]
    );
    assert_eq!(
        t.problems.first().and_then(|p| p.person.as_deref()),
        Some("Ana")
    );
    assert_eq!(t.info.people, ["Bo"]);
}

#[test]
fn ragged_rows_are_row_problems_not_fatal() {
    // A missing rating cell and cells past the header are problems of that
    // row; a missing optional cell (notes) and Excel's trailing empty
    // cells are fine.
    let t = read(
        "Person,Skill,Rating,Notes\nAna,Go\nAna,Git,4,ok,extra,cells\nAna,Docker,3\nAna,AWS,2,,,,\nBo,Go,3\n",
    );
    assert_eq!(
        values(&t),
        [
            (Some("Ana"), "Docker", Some(3.0)),
            (Some("Ana"), "AWS", Some(2.0)),
            (Some("Bo"), "Go", Some(3.0))
        ]
    );
    let located: Vec<(usize, usize)> = t.problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(located, [(2, 3), (3, 5)]);
    assert!(
        t.problems[0].message.starts_with(
            "this row has 2 cells but the header has 4, so there is no \"Rating\" cell"
        ),
        "{}",
        t.problems[0].message
    );
    assert!(
        t.problems[1]
            .message
            .starts_with("this row has 6 cells but the header has 4;"),
        "{}",
        t.problems[1].message
    );
    // Wide: a short row and a row with an extra filled cell.
    let t = read("Name,Go,Git\nAna,3\nBo,3,4,5\nCy,2,1\n");
    assert_eq!(
        values(&t),
        [
            (Some("Cy"), "Go", Some(2.0)),
            (Some("Cy"), "Git", Some(1.0))
        ]
    );
    let located: Vec<(Option<&str>, usize, usize)> = t
        .problems
        .iter()
        .map(|p| (p.person.as_deref(), p.line, p.column))
        .collect();
    assert_eq!(located, [(Some("Ana"), 2, 3), (Some("Bo"), 3, 4)]);
}

#[test]
fn percent_columns() {
    let t = read("Skill,Rating\nGo,60%\nGit,100%\nAWS,\n");
    assert_eq!(
        values(&t),
        [
            (None, "Go", Some(3.0)),
            (None, "Git", Some(5.0)),
            (None, "AWS", None)
        ]
    );
    let t = read("Skill,Rating\nGo,60%\nGit,4\n");
    assert_eq!(values(&t), [(None, "Git", Some(4.0))]);
    assert!(
        t.problems
            .first()
            .unwrap()
            .message
            .starts_with("rating \"60%\" for \"Go\" is a percentage")
    );
    let t = read("Name,Go,Git\nAna,60%,3\nBo,80%,4\n");
    assert_eq!(
        values(&t),
        [
            (Some("Ana"), "Go", Some(3.0)),
            (Some("Ana"), "Git", Some(3.0)),
            (Some("Bo"), "Go", Some(4.0)),
            (Some("Bo"), "Git", Some(4.0))
        ]
    );
}

#[test]
fn semicolon_decimal_comma_and_sep_line() {
    let t = read("sep=;\r\nPerson;Skill;Rating\r\nAna;Terraform;3,5\r\nAna;Go;4\r\n");
    assert_eq!((t.info.delimiter, t.info.decimal_comma), (b';', true));
    assert_eq!(
        values(&t),
        [
            (Some("Ana"), "Terraform", Some(3.5)),
            (Some("Ana"), "Go", Some(4.0))
        ]
    );
    assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4]);
    // Without sep= the delimiter is sniffed.
    let t = read("Person;Skill;Rating\nAna;Terraform;3,5\n");
    assert_eq!((t.info.delimiter, t.info.decimal_comma), (b';', true));
    // In a comma file a quoted "3,5" is a problem, not a guess.
    let t = read("Skill,Rating\nGo,\"3,5\"\n");
    assert!(!t.info.decimal_comma);
    assert!(
        t.problems
            .first()
            .unwrap()
            .message
            .contains("decimal comma")
    );
}

#[test]
fn delimiter_hint_and_pipe() {
    let opts = ReadOptions {
        encoding: None,
        delimiter: Some(b'\t'),
        ..ReadOptions::default()
    };
    let t = read_table("t.tsv", b"Skill\tRating\nCI/CD\t2\n", &opts).unwrap();
    assert_eq!(
        (t.info.delimiter, values(&t)),
        (b'\t', vec![(None, "CI/CD", Some(2.0))])
    );
    let t = read("Skill|Rating\nGo|1\n");
    assert_eq!(t.info.delimiter, b'|');
}

#[test]
fn wide_plain_identity_and_blank_answers() {
    let t = read("Username,Email,Go,Git\nana,ana@example.com,3,\nbo,,,5\n");
    assert_eq!(t.info.format, Format::Wide);
    // No name column: an address is shown by its name part, with a note.
    assert_eq!(t.info.people, ["ana", "bo"]);
    assert!(
        t.info
            .warnings
            .iter()
            .any(|w| w.contains("named from their email (ana@example.com → ana)")),
        "{:?}",
        t.info.warnings
    );
    assert_eq!(
        values(&t),
        [
            (Some("ana"), "Go", Some(3.0)),
            (Some("ana"), "Git", None),
            (Some("bo"), "Go", None),
            (Some("bo"), "Git", Some(5.0))
        ]
    );
    assert_eq!(t.rows.get(3).map(|r| (r.line, r.column)), Some((3, 4)));
    assert_eq!(
        used(&t).first(),
        Some(&("Username", "person (when no name or email)"))
    );
}

#[test]
fn wide_without_person_column() {
    let t = read("Go,Git\n3,4\n");
    assert_eq!(
        values(&t),
        [(None, "Go", Some(3.0)), (None, "Git", Some(4.0))]
    );
    assert!(t.info.people.is_empty() && t.info.warnings.is_empty());
    let t = read("Go,Git\n3,4\n2,1\n");
    assert_eq!(t.info.people, ["Respondent 1", "Respondent 2"]);
    assert_eq!(t.info.warnings.len(), 1);
}

#[test]
fn google_forms_grid_and_day_first_timestamps() {
    let t = read(
        "Timestamp,Name,Rate your skills [Kubernetes],Rate your skills  [Docker],Score\n\
         23/10/2022 14:37:14,Ana,3 - Intermediate,Expert,10\n\
         3/11/2022 09:00:00,Bo,4,,\n",
    );
    assert_eq!(t.info.format, Format::GoogleForms);
    assert_eq!(
        values(&t),
        [
            (Some("Ana"), "Kubernetes", Some(3.0)),
            (Some("Ana"), "Docker", Some(5.0)),
            (Some("Bo"), "Kubernetes", Some(4.0)),
            (Some("Bo"), "Docker", None)
        ]
    );
    let dates: Vec<_> = t.rows.iter().map(|r| r.date).collect();
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    assert_eq!(
        dates,
        [
            d(2022, 10, 23),
            d(2022, 10, 23),
            d(2022, 11, 3),
            d(2022, 11, 3)
        ]
    );
    assert_eq!(t.info.columns_ignored, ["Score"]);
    assert!(t.info.warnings.is_empty());
}

#[test]
fn ambiguous_timestamps_warn() {
    let t = read("Timestamp,Name,Go\n3/4/2026 10:00:00,Ana,3\n");
    assert_eq!(
        t.rows.first().and_then(|r| r.date),
        NaiveDate::from_ymd_opt(2026, 3, 4)
    );
    assert_eq!(t.info.warnings.len(), 1);
    assert!(t.info.warnings.first().unwrap().contains("month/day"));
    let t = read("Timestamp,Name,Go\n3/20/2026 19:10:37,Ana,3\n3/4/2026 10:00:00,Bo,2\n");
    assert_eq!(
        t.rows.get(1).and_then(|r| r.date),
        NaiveDate::from_ymd_opt(2026, 3, 4)
    );
    assert!(t.info.warnings.is_empty());
}

#[test]
fn unreadable_dates_warn_but_keep_ratings() {
    let t = read("Skill,Rating,Date\nGo,3,next week\nGit,4,2026-01-05\n");
    assert_eq!(
        t.rows.iter().map(|r| r.date).collect::<Vec<_>>(),
        [None, NaiveDate::from_ymd_opt(2026, 1, 5)]
    );
    assert_eq!(t.info.warnings.len(), 1);
    assert!(t.info.warnings.first().unwrap().contains("\"next week\""));
}

#[test]
fn microsoft_forms_anonymous_respondents() {
    let t = read(
        "ID,Start time,Completion time,Email,Name,Docker\n\
         4,8/20/25 12:41:02,8/20/25 12:51:45,anonymous,anonymous,Advanced\n\
         x,8/20/25 13:00:00,8/21/25 13:05:00,,,2\n\
         6,8/22/25 9:00:00,8/22/25 9:10:00,zoe@example.com,Zoë,Expert\n",
    );
    assert_eq!(t.info.format, Format::MicrosoftForms);
    assert_eq!(t.info.people, ["Respondent 4", "Respondent 2", "Zoë"]);
    assert_eq!(
        t.rows.iter().map(|r| r.date).collect::<Vec<_>>(),
        [
            NaiveDate::from_ymd_opt(2025, 8, 20),
            NaiveDate::from_ymd_opt(2025, 8, 21),
            NaiveDate::from_ymd_opt(2025, 8, 22),
        ]
    );
    let w = t.info.warnings.first().unwrap();
    assert!(w.starts_with("2 responses are anonymous or without a name, so they are named Respondent 4, Respondent 2."), "{w}");
}

#[test]
fn free_text_form_columns_are_ignored() {
    let t = read("Name,Go,Anything else?\nAna,3,Loves Rust\nBo,2,\n");
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.info.columns_ignored, ["Anything else?"]);
    assert!(t.problems.is_empty());
    // But a file whose only skill column is garbage reports it.
    let t = read("Name,Go\nAna,lots\n");
    assert_eq!(t.problems.len(), 1);
}

#[test]
fn duplicate_skill_columns_warn() {
    let t = read("Name,Now [Go],Later [Go]\nAna,2,4\n");
    assert_eq!(t.rows.len(), 2);
    assert!(
        t.info
            .warnings
            .iter()
            .any(|w| w.contains("\"Go\" appears in more than one column"))
    );
}

#[test]
fn encodings_cp1252_and_cp1250_end_to_end() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252
        .encode("Person;Skill;Rating\nRenée Müller;Terraform;3,5\nRenée Müller;Docker;4\n");
    let t = read_table("t.csv", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(t.info.people, ["Renée Müller"]);
    assert_eq!(t.rows.first().map(|r| r.value), Some(Some(3.5)));
    let (bytes, _, _) = encoding_rs::WINDOWS_1250
        .encode("Person,Skill,Rating\nŁukasz Żółć,Go,4\nŁukasz Żółć,Git,3\nZoë Dvořák,Go,2\n");
    let t = read_table("t.csv", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(t.info.people, ["Łukasz Żółć", "Zoë Dvořák"]);
    assert_eq!(t.info.encoding, "windows-1250 (detected)");
    let forced = ReadOptions {
        encoding: Some("windows-1250".into()),
        delimiter: None,
        ..ReadOptions::default()
    };
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("Skill,Rating\nŁ,1\n");
    let t = read_table("t.csv", &bytes, &forced).unwrap();
    assert_eq!(t.rows.first().map(|r| &*r.skill), Some("Ł"));
}

#[test]
fn utf16_unicode_text_prefers_tab() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Name\tSkill\tLevel\tComment\r\nΕλένη\tGit\t5\ta, b\r\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let t = read_table("t.txt", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(
        (t.info.delimiter, t.info.encoding.as_str()),
        (b'\t', "UTF-16LE")
    );
    assert_eq!(values(&t), [(Some("Ελένη"), "Git", Some(5.0))]);
}
