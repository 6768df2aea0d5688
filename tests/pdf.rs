//! End-to-end: `skillgap report` writes a PDF that parses, holds the
//! report's facts as extractable text, is deterministic, and copes with
//! unusual people (non-Latin names, nothing rated, no gaps).

use crate::common::{DATE, doc_text, report_json, skillgap};
use lopdf::{Document, Object};
use std::path::Path;

/// Runs `report INPUT ARGS -o DIR/NAME.pdf`; returns the bytes and stderr.
fn pdf(dir: &Path, name: &str, input: &str, args: &[&str]) -> (Vec<u8>, String) {
    let out = dir.join(format!("{name}.pdf"));
    let run = skillgap()
        .args(["report", input, "--date", DATE, "-o"])
        .arg(&out)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).to_string();
    assert!(run.status.success(), "{name}: {stderr}");
    (std::fs::read(&out).unwrap(), stderr)
}

fn load(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the PDF parses")
}

/// Base font names of every font the pages use.
fn font_names(doc: &Document) -> Vec<String> {
    let mut names = Vec::new();
    for (_, page) in doc.get_pages() {
        for (_, font) in doc.get_page_fonts(page).unwrap() {
            if let Ok(Object::Name(n)) = font.get(b"BaseFont") {
                names.push(String::from_utf8_lossy(n).to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

fn media_box(doc: &Document) -> Vec<f64> {
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let dict = doc.get_dictionary(page).unwrap();
    dict.get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().map(f64::from).unwrap())
        .collect()
}

/// A CSV with one person and the given (skill, rating) rows.
fn csv(dir: &Path, file: &str, person: &str, rows: &[(&str, &str)]) -> String {
    let mut s = String::from("person,skill,rating\n");
    for (skill, rating) in rows {
        s.push_str(&format!("\"{person}\",\"{skill}\",{rating}\n"));
    }
    let path = dir.join(file);
    std::fs::write(&path, s).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn devops_report_has_the_expected_pages_and_facts() {
    let dir = tempfile::tempdir().unwrap();
    let input = "samples/devops-leaning.csv";
    let (bytes, _) = pdf(dir.path(), "devops", input, &[]);
    let doc = load(&bytes);
    // Summary and what to rate next; chart and gap table; plan; notes.
    assert_eq!(doc.get_pages().len(), 5);
    let t = doc_text(&doc);
    let r = report_json(input, &[]);
    assert!(t.contains("Alex Morgan"), "{t}");
    // One answer: DevOps, named once in the headline and told the same
    // way in the box, never as "DevOps first".
    assert!(t.contains("Closest fit: DevOps Engineer, 90%"), "{t}");
    assert_eq!(t.matches("Closest fit:").count(), 1, "{t}");
    assert!(!t.contains("Too close to call"), "{t}");
    assert!(!t.contains("DevOps first"), "{t}");
    // Cloud's IAM and cost were never asked: add them to the survey.
    assert!(t.contains("Add to your survey"), "{t}");
    assert!(t.contains("DevOps or SRE?"), "{t}");
    assert!(t.contains("Go DevOps: you show what defines it"), "{t}");
    assert!(t.contains("How sure it is DevOps rather than SRE"), "{t}");
    assert!(t.contains("How SRE Relates to DevOps"), "{t}");
    // Coverage beside every fit.
    assert!(t.contains("20/20 rated"), "{t}");
    assert!(t.contains("12/18 rated"), "{t}");
    // Every fit beside its bar, whole (a tenth only when too close).
    for role in r["roles"].as_array().unwrap() {
        let fit = format!("{:.0}%", role["fit"].as_f64().unwrap());
        let title = role["title"].as_str().unwrap();
        assert!(
            t.contains(&format!("{title} {fit}")),
            "{title} {fit} in {t}"
        );
    }
    for gap in r["roles"][0]["gaps"].as_array().unwrap().iter().take(5) {
        assert!(t.contains(gap["name"].as_str().unwrap()), "{gap}");
    }
    let plan = &r["plan"];
    let first = plan["items"][0]["resource"]["title"].as_str().unwrap();
    assert!(t.contains(first), "{first} in {t}");
    let m = &plan["milestones"][0];
    let milestone = format!(
        "by {} {} {} → {}",
        m["date"].as_str().unwrap(),
        m["name"].as_str().unwrap(),
        m["from"],
        m["to"]
    );
    assert!(t.contains(&milestone), "{milestone} in {t}");
    assert!(
        t.contains("Page 1 of 5") && t.contains("Page 5 of 5"),
        "{t}"
    );
    assert!(t.contains("fit = 100 × Σ w·min(rating, required) / Σ w·required"));
    assert!(t.contains("Based on your ratings of 2026-11-02 in devops-leaning.csv"));
    // Metadata.
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let field = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(field(b"Title"), "Skill-gap report: Alex Morgan");
    assert_eq!(field(b"Author"), "skillgap");
    assert!(field(b"Subject").contains("learning plan"));
    // Five pages now (what to rate next, the DevOps-or-SRE box).
    assert!(bytes.len() <= 52 * 1024, "{} bytes", bytes.len());
}

#[test]
fn plan_links_are_clickable() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = pdf(dir.path(), "devops", "samples/devops-leaning.csv", &[]);
    let doc = load(&bytes);
    let r = report_json("samples/devops-leaning.csv", &[]);
    let urls: Vec<&str> = r["plan"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["resource"]["url"].as_str())
        .collect();
    assert!(!urls.is_empty());
    let mut found = Vec::new();
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap();
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        for a in annots {
            let a = match a {
                Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                other => other.as_dict().unwrap(),
            };
            let uri = a
                .get(b"A")
                .and_then(Object::as_dict)
                .and_then(|act| act.get(b"URI"))
                .and_then(Object::as_str)
                .unwrap();
            found.push(String::from_utf8_lossy(uri).to_string());
        }
    }
    for u in urls {
        assert!(found.iter().any(|f| f == u), "{u} not in {found:?}");
    }
}

#[test]
fn polish_and_greek_names_come_back_intact() {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in ["Łukasz Żółć", "Ελένη Παπαδοπούλου"].iter().enumerate()
    {
        let args = ["--person", name];
        let (bytes, stderr) = pdf(dir.path(), &format!("p{i}"), "samples/team-long.csv", &args);
        assert!(!stderr.contains("no installed font"), "{stderr}");
        let t = doc_text(&load(&bytes));
        assert!(t.contains(name), "{name} in {t}");
        assert!(
            t.contains(&format!("Skill-gap report: {name}")),
            "running header"
        );
    }
}

#[test]
fn chinese_name_uses_a_fallback_font_when_one_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, stderr) = pdf(
        dir.path(),
        "cjk",
        "samples/team-long.csv",
        &["--person", "李雷"],
    );
    let doc = load(&bytes);
    if stderr.contains("no installed font can draw") {
        eprintln!("skipped: no CJK font installed ({stderr})");
        return;
    }
    let fonts = font_names(&doc);
    assert!(
        fonts.iter().any(|f| !f.contains("DejaVu")),
        "no fallback font in {fonts:?}"
    );
    assert!(doc_text(&doc).contains("李雷"));
}

/// A `--font` that is not a usable font stops the run at start with the
/// file's name and the reason, exit 1, no panic and no output file.
#[test]
fn broken_font_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.ttf");
    std::fs::write(&truncated, &dejavu::sans::regular()[..700]).unwrap();
    let text = dir.path().join("notes.otf");
    std::fs::write(&text, "this is not a font\n").unwrap();
    for font in [&truncated, &text] {
        let out = dir.path().join("r.pdf");
        let run = skillgap()
            .args([
                "report",
                "samples/sre-leaning.csv",
                "--date",
                DATE,
                "--font",
            ])
            .arg(font)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{err}");
        assert!(err.contains(&font.display().to_string()), "{err}");
        assert!(err.contains("cannot use font"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!out.exists());
    }
    // A font that is not there: the file and the cause, said once.
    let missing = dir.path().join("missing.ttf");
    let run = skillgap()
        .args([
            "report",
            "samples/sre-leaning.csv",
            "--date",
            DATE,
            "--font",
        ])
        .arg(&missing)
        .arg("-o")
        .arg(dir.path().join("r.pdf"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot read font file"), "{err}");
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

/// Tagged output: `pdfinfo` (when installed) says so, and the catalog
/// points at a structure tree.
#[test]
fn reports_are_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = pdf(dir.path(), "t", "samples/sre-leaning.csv", &[]);
    let doc = load(&bytes);
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok());
    assert!(catalog.get(b"Outlines").is_ok());
    // The bookmarks open with whose report it is and the answer, the two
    // headings of page 1, before the later sections.
    let titles = outline_titles(&doc);
    assert_eq!(
        titles.first().map(String::as_str),
        Some("Priya Raman"),
        "{titles:?}"
    );
    assert!(
        titles[1].starts_with("Closest fit: Site Reliability Engineer"),
        "{titles:?}"
    );
    assert!(titles.len() > 4, "{titles:?}");
    if let Ok(out) = std::process::Command::new("pdfinfo")
        .arg(dir.path().join("t.pdf"))
        .output()
    {
        let info = String::from_utf8_lossy(&out.stdout);
        assert!(info.contains("Tagged:          yes"), "{info}");
    }
}

/// The titles of the outline's top-level entries, in order.
fn outline_titles(doc: &lopdf::Document) -> Vec<String> {
    let decode = |b: &[u8]| match b {
        [0xFE, 0xFF, rest @ ..] => String::from_utf16_lossy(
            &rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        _ => String::from_utf8_lossy(b).into_owned(),
    };
    fn dict<'a>(doc: &'a lopdf::Document, o: &'a lopdf::Object) -> Option<&'a lopdf::Dictionary> {
        match o {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            lopdf::Object::Dictionary(d) => Some(d),
            _ => None,
        }
    }
    let dict = |o| dict(doc, o);
    let outlines = doc.catalog().unwrap().get(b"Outlines").ok().and_then(dict);
    let mut next = outlines.and_then(|o| o.get(b"First").ok()).and_then(dict);
    let mut titles = Vec::new();
    while let Some(item) = next {
        if let Ok(lopdf::Object::String(t, _)) = item.get(b"Title") {
            titles.push(decode(t));
        }
        next = item.get(b"Next").ok().and_then(dict);
    }
    titles
}

#[test]
fn output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = pdf(dir.path(), "a", "samples/sre-leaning.csv", &[]);
    let (b, _) = pdf(dir.path(), "b", "samples/sre-leaning.csv", &[]);
    assert!(a == b, "two runs differ");
}

#[test]
fn paper_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let (a4, _) = pdf(dir.path(), "a4", "samples/devops-leaning.csv", &[]);
    let (letter, _) = pdf(
        dir.path(),
        "letter",
        "samples/devops-leaning.csv",
        &["--paper", "letter"],
    );
    let a4 = media_box(&load(&a4));
    assert!(
        (a4[2] - 595.28).abs() < 0.01 && (a4[3] - 841.89).abs() < 0.01,
        "{a4:?}"
    );
    assert_eq!(media_box(&load(&letter)), [0.0, 0.0, 612.0, 792.0]);
}

#[test]
fn some_unknown_skills_are_listed_in_the_notes() {
    // Only unknown skills is refused (tests/bad_input.rs); a few among
    // known ones are reported, not counted, and listed with suggestions.
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        ("Docker", "4"),
        ("Kubernets", "3"),
        ("Terraform", "3"),
        ("Basket weaving", "4"),
    ];
    let input = csv(dir.path(), "some-unknown.csv", "Uma Unknown", &rows);
    let (bytes, stderr) = pdf(dir.path(), "some-unknown", &input, &[]);
    assert!(
        stderr.contains("some-unknown.csv:3: unknown skill \"Kubernets\" is not counted; did you mean \"Kubernetes\"?"),
        "{stderr}"
    );
    let doc = load(&bytes);
    let t = doc_text(&doc);
    // Two rated skills: no role can be judged yet; the file lists no other
    // skill, so what would decide it is to add to the survey.
    assert!(t.contains("Not enough ratings to name a role yet"), "{t}");
    assert!(t.contains("No role has enough of what defines it"), "{t}");
    assert!(t.contains("Add to your survey"), "{t}");
    assert!(
        t.contains("Skill names that did not match (not counted)"),
        "{t}"
    );
    assert!(t.contains("“Kubernets”"), "{t}");
    assert!(t.contains("did you mean “Kubernetes”?"), "{t}");
    assert!(t.contains("“Basket weaving”"), "{t}");
    assert!(t.contains("no close match in the catalogue"), "{t}");
    assert!(!t.contains("No skill matched the catalogue"), "{t}");
    let v = report_json(&input, &[]);
    let unknown: Vec<&str> = v["unknown_skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(unknown, ["Kubernets", "Basket weaving"]);
}

#[test]
fn no_gaps_person_gets_a_valid_report() {
    let dir = tempfile::tempdir().unwrap();
    let template = skillgap().arg("template").output().unwrap();
    let template = String::from_utf8(template.stdout).unwrap();
    let skills: Vec<String> = template
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    let rows: Vec<(&str, &str)> = skills.iter().map(|s| (s.as_str(), "5")).collect();
    let input = csv(dir.path(), "top.csv", "Nora Nogaps", &rows);
    let (bytes, _) = pdf(dir.path(), "top", &input, &[]);
    let doc = load(&bytes);
    let t = doc_text(&doc);
    assert!(t.contains("100%"), "{t}");
    assert!(t.contains("No gaps"), "{t}");
    assert!(t.contains("Nothing to plan"), "{t}");
    let pages = doc.get_pages().len();
    assert!(t.contains(&format!("Page {pages} of {pages}")));
}

#[test]
fn control_and_bidi_characters_never_reach_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Eve \u{202E}evil\u{202C} Doe\u{2066}x\u{2069}";
    let input = csv(
        dir.path(),
        "bidi.csv",
        name,
        &[("Linux", "3"), ("Git", "4")],
    );
    let (bytes, _) = pdf(dir.path(), "bidi", &input, &[]);
    let t = doc_text(&load(&bytes));
    assert!(t.contains("Eve evil Doex"), "{t}");
    for c in ['\u{202E}', '\u{202C}', '\u{2066}', '\u{2069}'] {
        assert!(!t.contains(c), "{c:?} in {t}");
    }
}

#[test]
fn very_long_name_is_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Anna-Katharina Maximiliane Friederike von Hohenzollern-Sigmaringen Zoë";
    assert_eq!(name.chars().count(), 70);
    let input = csv(
        dir.path(),
        "long.csv",
        name,
        &[("Linux", "3"), ("Python", "2")],
    );
    let (bytes, _) = pdf(dir.path(), "long", &input, &[]);
    let t = doc_text(&load(&bytes));
    // Wrapped between words, never cut, on page 1.
    assert!(t.contains(name), "{t}");
}

/// Every command that writes a PDF takes the same `--paper` and `--font`
/// (one option group): team-summary draws on Letter when asked, and
/// refuses a broken `--font` as report and batch do, before writing.
#[test]
fn every_pdf_command_takes_paper_and_font() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("shard-1");
    let run = skillgap()
        .args(["batch", "samples/team-long.csv", "--date", DATE])
        .args(["--format", "json", "--shard", "1/1", "-q", "-o"])
        .arg(&shard)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let sum = dir.path().join("sum");
    let run = skillgap()
        .args(["team-summary", "--paper", "letter", "-q", "-o"])
        .arg(&sum)
        .arg(&shard)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(sum.join("team-summary.pdf")).unwrap();
    assert_eq!(media_box(&load(&bytes)), [0.0, 0.0, 612.0, 792.0]);

    let broken = dir.path().join("broken.ttf");
    std::fs::write(&broken, "this is not a font\n").unwrap();
    let runs: [&[&str]; 3] = [
        &["report", "samples/sre-leaning.csv", "-o", "r.pdf"],
        &["batch", "samples/team-long.csv", "-o", "b"],
        &["team-summary", shard.to_str().unwrap(), "-o", "t"],
    ];
    for args in runs {
        let run = skillgap()
            .current_dir(dir.path())
            .args(args.iter().map(|a| {
                // The samples are read from the repository.
                if a.starts_with("samples/") {
                    format!("{}/{a}", env!("CARGO_MANIFEST_DIR"))
                } else {
                    a.to_string()
                }
            }))
            .args(["--date", DATE, "--font"])
            .arg(&broken)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("cannot use font"), "{args:?}: {err}");
        assert!(!dir.path().join("r.pdf").exists());
        assert!(!dir.path().join("t").join("team-summary.pdf").exists());
    }
}
