//! Hostile and broken input, end to end: every refusal exits 1 (data) or
//! 2 (usage) — never 101 —, names the file (and line, where there is one),
//! says what to fix, prints no panic, and leaves no output file behind,
//! for PDF and JSON output alike.

use crate::common::{DATE, files, skillgap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a refusal must look like.
struct Refusal<'a> {
    /// Exit code: 1 (data) or 2 (usage).
    code: i32,
    /// Text stderr must contain (besides the file name), e.g. "team.csv:3:2".
    needle: &'a str,
}

/// Runs `report INPUT EXTRA -o DIR/out.{pdf,json}` in both formats and
/// checks the refusal; `named` is what stderr must mention (the input's
/// file name, or a template file's). Returns stderr of the PDF run.
fn refused(input: &Path, extra: &[&str], named: &str, want: Refusal<'_>) -> String {
    let dir = input.parent().unwrap().to_path_buf();
    let before = files(&dir);
    let mut first = String::new();
    for (format, out) in [("pdf", "out.pdf"), ("json", "out.json")] {
        let out_path = dir.join(out);
        let run = skillgap()
            .arg("report")
            .arg(input)
            .args(["--date", DATE, "--format", format, "-o"])
            .arg(&out_path)
            .args(extra)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr).to_string();
        let what = format!("{} --format {format}: {err}", input.display());
        assert_eq!(run.status.code(), Some(want.code), "{what}");
        assert!(err.contains(named), "stderr does not name {named}: {what}");
        assert!(
            err.to_lowercase().contains(&want.needle.to_lowercase()),
            "stderr lacks {:?}: {what}",
            want.needle
        );
        assert!(!err.contains("panicked"), "{what}");
        assert!(!err.contains("RUST_BACKTRACE"), "{what}");
        assert_eq!(err.matches("error:").count(), 1, "one error line: {what}");
        assert!(!out_path.exists(), "output left behind: {what}");
        assert_eq!(files(&dir), before, "files left behind: {what}");
        if first.is_empty() {
            first = err;
        }
    }
    first
}

/// Runs `report INPUT --date DATE -o OUT`.
fn report_to(input: &Path, out: &Path) -> std::process::Output {
    skillgap()
        .arg("report")
        .arg(input)
        .args(["--date", DATE, "-o"])
        .arg(out)
        .output()
        .unwrap()
}

/// A fresh folder holding `name` with `bytes`.
fn input(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn data(code: i32, needle: &str) -> Refusal<'_> {
    Refusal { code, needle }
}

#[test]
fn empty_file() {
    let (_d, p) = input("empty.csv", b"");
    refused(
        &p,
        &[],
        "empty.csv",
        data(1, "empty.csv:1: the file is empty"),
    );
    let (_d, p) = input("blank.csv", b"\xEF\xBB\xBF \r\n\r\n");
    refused(&p, &[], "blank.csv", data(1, "the file is empty"));
}

#[test]
fn header_only() {
    let (_d, p) = input("header.csv", b"Person,Skill,Rating\n");
    let err = refused(
        &p,
        &[],
        "header.csv",
        data(1, "header.csv:1: no ratings found"),
    );
    // Said once, not repeated as its own cause.
    assert_eq!(err.matches("no ratings found").count(), 1, "{err}");
}

#[test]
fn no_rating_column() {
    let (_d, p) = input("norating.csv", b"Skill,Team\nDocker,blue\n");
    refused(
        &p,
        &[],
        "norating.csv",
        data(
            1,
            "norating.csv:1: there is a skill column but no rating column",
        ),
    );
}

#[test]
fn ratings_out_of_range_negative_nan_inf_and_garbage() {
    for (value, why) in [
        ("7", "is outside 0–5"),
        ("5.5", "is outside 0–5"),
        ("-1", "is outside 0–5"),
        ("-0.5", "is outside 0–5"),
        ("NaN", "is not a number"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        ("-inf", "is not a number"),
        ("Infinity", "is not a number"),
        ("1e308", "is not a number"),
        ("lots", "is not a number"),
        ("3 years", "is not a number"),
        ("0x3", "is not a number"),
        ("3-4", "range"),
        ("120%", "percentage"),
    ] {
        let text = format!("Skill,Rating\nDocker,3\nKubernetes,{value}\n");
        let (_d, p) = input("ratings.csv", text.as_bytes());
        let needle = format!("ratings.csv:3:2: rating \"{value}\" for \"Kubernetes\"");
        let err = refused(&p, &[], "ratings.csv", data(1, &needle));
        assert!(err.contains(why), "{value}: {err}");
    }
}

#[test]
fn ragged_rows() {
    // A row missing its rating cell.
    let (_d, p) = input("short.csv", b"Skill,Rating\nDocker,3\nKubernetes\n");
    refused(
        &p,
        &[],
        "short.csv",
        data(
            1,
            "short.csv:3:2: this row has 1 cells but the header has 2",
        ),
    );
    // An unquoted decimal comma splits a cell in two.
    let (_d, p) = input("long.csv", b"Skill,Rating\nDocker,3,5\nGo,2\n");
    refused(
        &p,
        &[],
        "long.csv",
        data(1, "long.csv:2:3: this row has 3 cells but the header has 2"),
    );
    // Wide format.
    let (_d, p) = input("wide.csv", b"Name,Docker,Go\nAna,3\n");
    refused(
        &p,
        &[],
        "wide.csv",
        data(1, "wide.csv:2:3: this row has 2 cells but the header has 3"),
    );
    // An unbalanced quote swallows the rest of the file into one cell.
    let mut text = b"Skill,Rating,Notes\nDocker,3,\"never closed\n".to_vec();
    for _ in 0..400 {
        text.extend_from_slice(b"Kubernetes,4,more text that ends up inside the quote\n");
    }
    let (_d, p) = input("quote.csv", &text);
    refused(
        &p,
        &[],
        "quote.csv",
        data(1, "quote.csv:2:3: the \"Notes\" cell is"),
    );
}

#[test]
fn conflicting_duplicates() {
    let (_d, p) = input("dup.csv", b"Skill,Rating\nDocker,3\nGo,2\ndocker,4\n");
    refused(
        &p,
        &[],
        "dup.csv",
        data(1, "dup.csv:4:2: \"docker\" is rated 4 here and 3 on line 2"),
    );
}

#[test]
fn binary_garbage() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06";
    let (_d, p) = input("photo.csv", png);
    refused(&p, &[], "photo.csv", data(1, "contains binary data"));
    let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00";
    let (_d, p) = input("sheet.csv", xlsx);
    refused(
        &p,
        &[],
        "sheet.csv",
        // A damaged workbook is named as one, whatever its file name.
        data(1, "sheet.csv: the workbook cannot be read"),
    );
    // Pseudo-random bytes (a fixed xorshift, so the test is reproducible).
    let mut x: u32 = 0x9e37_79b9;
    let noise: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let (_d, p) = input("noise.csv", &noise);
    refused(&p, &[], "noise.csv", data(1, "noise.csv:"));
}

#[test]
fn invalid_utf8_inside_a_utf8_file() {
    let (_d, p) = input(
        "broken.csv",
        b"Person,Skill,Rating\n\xC5\x81ukasz,Docker,3\nZo\xC3\xAB,Go,2\nAna,Git\xFF,4\n",
    );
    // The damaged row fails (and with it Ana), not the whole file.
    refused(
        &p,
        &["--person", "Ana"],
        "broken.csv",
        data(
            1,
            "broken.csv:4:2: the \"Skill\" cell has a byte that cannot be read as text",
        ),
    );
    let ok = skillgap()
        .arg("report")
        .arg(&p)
        .args(["--date", DATE, "--format", "json", "--person", "Zoë"])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn only_unknown_skills() {
    let (_d, p) = input(
        "unknown.csv",
        b"Skill,Rating\nKubernets,3\nBasket weaving,4\n",
    );
    let err = refused(
        &p,
        &[],
        "unknown.csv",
        data(1, "unknown.csv:2: none of the skills matches the catalogue"),
    );
    // Each unknown name, a suggestion where there is one, and what to do.
    for needle in [
        "\"Kubernets\" (line 2; did you mean \"Kubernetes\"?)",
        "\"Basket weaving\" (line 3)",
        "check the spelling",
        "--templates",
    ] {
        assert!(
            err.to_lowercase().contains(&needle.to_lowercase()),
            "{needle}: {err}"
        );
    }
    // Said once: no unknown-skill warnings besides the error.
    assert!(!err.contains("warning:"), "{err}");

    // Many unknown names: five are listed, the rest counted.
    let mut text = String::from("Person,Skill,Rating\n");
    for i in 1..=8 {
        text.push_str(&format!("Uma,Underwater basket weaving {i},3\n"));
    }
    let (_d, p) = input("many-unknown.csv", text.as_bytes());
    let err = refused(
        &p,
        &[],
        "many-unknown.csv",
        data(
            1,
            "many-unknown.csv:2: none of the skills matches the catalogue",
        ),
    );
    assert!(err.contains("weaving 5\" (line 6), and 3 more"), "{err}");
    assert!(!err.contains("weaving 6"), "{err}");

    // Catalogue skills left blank do not make the unknown ones count.
    let (_d, p) = input(
        "blank-known.csv",
        b"Skill,Rating\nKubernetes,\nBasket weaving,4\n",
    );
    refused(
        &p,
        &[],
        "blank-known.csv",
        data(
            1,
            "blank-known.csv:3: none of the rated skills matches the catalogue (the one catalogue skill named is left blank)",
        ),
    );
}

#[test]
fn missing_file_folder_and_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv");
    refused(
        &missing,
        &[],
        "missing.csv",
        data(1, "cannot read the file; check the path"),
    );
    let folder = dir.path().join("ratings");
    std::fs::create_dir(&folder).unwrap();
    refused(&folder, &[], "ratings", data(1, "is a folder, not a file"));

    let locked = dir.path().join("locked.csv");
    std::fs::write(&locked, "Skill,Rating\nDocker,3\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    // Root (and some CI sandboxes) read a mode-000 file anyway: nothing to test then.
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipping the unreadable-file case: this user can read a mode-000 file");
        return;
    }
    refused(&locked, &[], "locked.csv", data(1, "permission denied"));
}

#[test]
fn unwritable_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("ok.csv");
    std::fs::write(&src, "Skill,Rating\nDocker,3\n").unwrap();
    let before = files(dir.path());
    let file_as_dir = dir.path().join("ok.csv").join("out.json");
    let targets = [
        dir.path().join("no-such-folder").join("out.json"),
        file_as_dir,
    ];
    for out in &targets {
        for format in ["pdf", "json"] {
            let run = skillgap()
                .arg("report")
                .arg(&src)
                .args(["--date", DATE, "--format", format, "-o"])
                .arg(out)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&run.stderr);
            assert_eq!(run.status.code(), Some(1), "{err}");
            assert!(err.contains("out.json: cannot write the output"), "{err}");
            assert!(!err.contains("panicked"), "{err}");
            assert_eq!(files(dir.path()), before, "{err}");
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.path().join("read-only");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(ro.join("probe"), b"x").is_ok() {
            eprintln!("skipping the read-only-folder case: this user can write there anyway");
            return;
        }
        let run = skillgap()
            .arg("report")
            .arg(&src)
            .args(["--date", DATE, "--format", "json", "-o"])
            .arg(ro.join("out.json"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{err}");
        assert!(err.contains("cannot write the output"), "{err}");
        assert!(files(&ro).is_empty(), "{err}");
    }
}

#[test]
fn output_pointing_at_the_input_is_refused() {
    let text = "Skill,Rating\nDocker,3\n";
    let (d, p) = input("mine.csv", text.as_bytes());
    let mut targets = vec![p.clone(), d.path().join(".").join("mine.csv")];
    #[cfg(unix)]
    {
        let sym = d.path().join("link.csv");
        std::os::unix::fs::symlink(&p, &sym).unwrap();
        targets.push(sym);
        let hard = d.path().join("hard.csv");
        std::fs::hard_link(&p, &hard).unwrap();
        targets.push(hard);
    }
    let before = files(d.path());
    for out in &targets {
        for format in ["pdf", "json", "text"] {
            let run = skillgap()
                .arg("report")
                .arg(&p)
                .args(["--date", DATE, "--format", format, "-o"])
                .arg(out)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&run.stderr);
            assert_eq!(run.status.code(), Some(2), "{}: {err}", out.display());
            assert!(err.contains("is the input file"), "{err}");
            assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
            assert_eq!(files(d.path()), before);
        }
    }
}

#[test]
fn oversized_input_is_refused_before_it_is_read() {
    let mut text = b"Skill,Rating\n".to_vec();
    while text.len() < (2 << 20) {
        text.extend_from_slice(b"Docker,3\n");
    }
    let (_d, p) = input("big.csv", &text);
    refused(
        &p,
        &["--max-input-mb", "1"],
        "big.csv",
        data(1, "big.csv: is 3 MB, larger than the 1 MB limit"),
    );
    // Standard input is cut off at the limit rather than read whole.
    let run = skillgap()
        .args(["report", "-", "--format", "json", "--max-input-mb", "1"])
        .write_stdin(text)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("<stdin>: is larger than the 1 MB limit"),
        "{err}"
    );
    // The limit is checked as an option, too.
    for bad in ["0", "-5", "lots"] {
        skillgap()
            .args(["report", "samples/sre-leaning.csv", "--max-input-mb", bad])
            .assert()
            .code(2);
    }
}

#[test]
fn a_20_mb_single_line_is_refused_quickly() {
    let long_cell = vec![b'x'; 20 << 20];
    let mut many_cells = Vec::with_capacity(20 << 20);
    while many_cells.len() < (20 << 20) {
        many_cells.extend_from_slice(b"Docker,");
    }
    for (name, bytes, needle) in [
        (
            "cell.csv",
            long_cell,
            "cell.csv:1:1: the cell in column 1 of the row starting on line 1 is longer than 1 MB",
        ),
        (
            "cells.csv",
            many_cells,
            "cells.csv:1: the row starting on line 1 has more than",
        ),
    ] {
        let (_d, p) = input(name, &bytes);
        let start = Instant::now();
        refused(&p, &[], name, data(1, needle));
        // Two formats: well under the time a person would wait.
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{name}: {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn people_skills_and_cells_are_capped() {
    let mut people = b"Person,Skill,Rating\n".to_vec();
    for i in 0..=10_000 {
        people.extend_from_slice(format!("P{i},Docker,3\n").as_bytes());
    }
    let (_d, p) = input("people.csv", &people);
    refused(
        &p,
        &["--person", "P1"],
        "people.csv",
        data(
            1,
            "people.csv:10002: the file has ratings for more than 10000 people",
        ),
    );
    let mut skills = b"Skill,Rating\n".to_vec();
    for i in 0..=5_000 {
        skills.extend_from_slice(format!("Skill {i},3\n").as_bytes());
    }
    let (_d, p) = input("skills.csv", &skills);
    refused(
        &p,
        &[],
        "skills.csv",
        data(
            1,
            "skills.csv:5002: the file names more than 5000 different skills",
        ),
    );
    let cells = b"Skill,Rating\n".repeat(1_000_001);
    let (_d, p) = input("cells.csv", &cells);
    refused(
        &p,
        &[],
        "cells.csv",
        data(1, "the file has more than 2000000 cells"),
    );
}

#[test]
fn overlong_cells_are_refused_with_their_line() {
    let text = format!("Skill,Rating\nDocker,3\n{},4\n", "K".repeat(20_000));
    let (_d, p) = input("longcell.csv", text.as_bytes());
    refused(
        &p,
        &[],
        "longcell.csv",
        data(
            1,
            "longcell.csv:3:1: the \"Skill\" cell is 20000 characters long",
        ),
    );
}

#[test]
fn broken_user_templates_name_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("roles")).unwrap();
    let src = dir.path().join("me.csv");
    std::fs::write(&src, "Skill,Rating\nDocker,3\n").unwrap();
    let role = templates.join("roles").join("mine.toml");
    let tpl = templates.display().to_string();
    for (text, needle) in [
        (
            "id = \"mine\"\ntitle = \"Mine\"\n[[requirement]]\nskill = \"cicd\"\nlevel = \"high\"\nweight = 3\n",
            "mine.toml:5:9: key `level`: invalid type",
        ),
        (
            "id = \"mine\"\ntitle = \"Mine\n",
            "mine.toml:2:14: key `title`",
        ),
        (
            "id = \"mine\"\ntitle = \"Mine\"\n[[requirement]]\nskill = \"cicd\"\nlevel = 3\nwieght = 3\n",
            "mine.toml:6:1: unknown field `wieght`",
        ),
        (
            "id = \"mine\"\ntitle = \"Mine\"\n[[requirement]]\nskill = \"kubernetis\"\nlevel = 3\nweight = 3\n",
            "mine.toml:4:1: requirement skill = \"kubernetis\" is not in skills.toml",
        ),
        (
            "id = \"mine\"\ntitle = \"Mine\"\n[[requirement]]\nskill = \"cicd\"\nlevel = 3\nweight = 3\n\n[[requirement]]\nskill = \"git\"\n  level = 9\nweight = 3\n",
            "mine.toml:10:3: requirement \"git\": level = 9 is outside 1–5",
        ),
        (&"a = [".repeat(50_000), "mine.toml:1:"),
    ] {
        std::fs::write(&role, text).unwrap();
        refused(&src, &["--templates", &tpl], "mine.toml", data(1, needle));
    }
    std::fs::write(&role, b"id = \"mine\"\ntitle = \"\xFF\"\n").unwrap();
    refused(
        &src,
        &["--templates", &tpl],
        "mine.toml",
        data(1, "cannot read"),
    );
    // A template folder that is a file.
    refused(
        &src,
        &["--templates", src.to_str().unwrap()],
        "me.csv",
        data(1, "is not a folder"),
    );
}

/// Characters that must never reach a terminal or a PDF raw.
fn dangerous(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[test]
fn control_and_bidi_characters_never_reach_terminal_json_or_pdf() {
    // Enough ordinary rows that the file is text, not "binary".
    let mut text = String::from("Person,Email,Skill,Rating,Notes\n");
    let name = "Mal\u{202e}lory\u{1b}[2J\u{7}\u{9b}31m";
    let email = "m\u{2066}@x.example";
    text.push_str(&format!(
        "\"{name}\",{email},Dock\u{200f}er,3,\"ok\u{1b}]0;pwned\u{7}\"\n"
    ));
    // The same person once the controls are gone (bidi marks alone are
    // not "binary", so they can be on every row).
    let same = "Mal\u{202e}lory[2J31m";
    for skill in [
        "Go",
        "Git",
        "Linux",
        "Terraform",
        "Python",
        "AWS",
        "Ansible",
    ] {
        text.push_str(&format!("{same},{email},{skill},2,fine\n"));
    }
    text.push_str(&format!(
        "{same},{email},Unknown\u{202d}Thing\u{1b}[1m,2,\n"
    ));
    let (d, p) = input("hostile.csv", text.as_bytes());
    let check = |what: &str, s: &str| {
        assert!(!s.chars().any(dangerous), "{what}: {s:?}");
    };
    for format in ["text", "json"] {
        let run = skillgap()
            .arg("report")
            .arg(&p)
            .args(["--date", DATE, "--format", format])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr).to_string();
        assert!(run.status.success(), "{stderr}");
        let stdout = String::from_utf8(run.stdout).unwrap();
        check("stdout", &stdout);
        check("stderr", &stderr);
        assert!(stdout.contains("Mallory[2J31m"), "{stdout}");
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(v["person"], "Mallory[2J31m");
            assert_eq!(v["email"], "m@x.example");
            // "Dock\u{200f}er" is Docker once the mark is gone.
            assert!(stdout.contains("\"Docker\""), "{stdout}");
            assert!(!stdout.contains("\\u001b"), "escaped ESC kept: {stdout}");
        }
    }
    let out = d.path().join("out.pdf");
    let run = report_to(&p, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let doc = lopdf::Document::load(&out).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let pdf_text = doc.extract_text(&pages).unwrap();
    check("PDF text", &pdf_text);
    let info = format!("{:?}", doc.trailer.get(b"Info"));
    check("PDF info", &info);
    // `check` lists names and skills too.
    let run = skillgap().arg("check").arg(&p).output().unwrap();
    check("check stdout", &String::from_utf8_lossy(&run.stdout));
    check("check stderr", &String::from_utf8_lossy(&run.stderr));
}

#[test]
fn a_failed_run_leaves_an_existing_output_untouched() {
    let (d, p) = input("bad.csv", b"Skill,Rating\nDocker,7\n");
    for (format, name) in [("pdf", "out.pdf"), ("json", "out.json")] {
        let out = d.path().join(name);
        std::fs::write(&out, b"the previous report").unwrap();
        let before = files(d.path());
        let run = skillgap()
            .arg("report")
            .arg(&p)
            .args(["--date", DATE, "--format", format, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1));
        assert_eq!(std::fs::read(&out).unwrap(), b"the previous report");
        assert_eq!(files(d.path()), before);
    }
}

/// A pasted paragraph as a skill name is warned about in one short line,
/// in the warning and in the refusal alike.
#[test]
fn long_unknown_skill_names_are_shortened_in_messages() {
    let long = "Synergistic cross-functional paradigm leverage ".repeat(6);
    let text = format!("Skill,Rating\nKubernetes,3\n{long},4\n");
    let (_d, p) = input("long.csv", text.as_bytes());
    let out = p.with_file_name("long.pdf");
    let run = report_to(&p, &out);
    assert!(run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    let warning = err.lines().find(|l| l.contains("unknown skill")).unwrap();
    assert!(
        warning.contains("Synergistic") && warning.contains('…'),
        "{warning}"
    );
    assert!(warning.chars().count() < 150, "{warning}");

    let (_d, p) = input(
        "only-long.csv",
        format!("Skill,Rating\n{long},4\n").as_bytes(),
    );
    let err = refused(&p, &[], "only-long.csv", data(1, "none of the skills"));
    assert!(err.contains('…') && err.chars().count() < 600, "{err}");
}
