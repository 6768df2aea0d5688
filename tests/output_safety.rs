//! End-to-end: outputs only replace regular files the run owns, reads are
//! bounded and refuse what is not a regular file, and limits are enforced
//! (issue 17, "destroying things" and "hanging and unbounded").

use crate::common::{DATE, skillgap, stderr};
use std::path::Path;
use std::time::{Duration, Instant};

fn sample(name: &str) -> String {
    format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn report_never_replaces_devices_fifos_or_links() {
    use std::os::unix::fs::FileTypeExt;
    let d = tempfile::tempdir().unwrap();
    let victim = d.path().join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    let link = d.path().join("out.pdf");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let fifo = d.path().join("pipe.pdf");
    mkfifo(&fifo);
    for out in [Path::new("/dev/null"), link.as_path(), fifo.as_path()] {
        for format in ["pdf", "json"] {
            let o = skillgap()
                .args(["report", &sample("sre-leaning.csv"), "--date", DATE])
                .args(["--format", format, "-o"])
                .arg(out)
                .output()
                .unwrap();
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{}: {err}", out.display());
            assert!(err.contains("only a regular file is replaced"), "{err}");
        }
    }
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        3,
        "no temp file left"
    );
}

#[test]
fn report_never_replaces_a_template_a_font_or_the_previous_file() {
    let d = tempfile::tempdir().unwrap();
    let tpl = d.path().join("tpl");
    std::fs::create_dir_all(tpl.join("roles")).unwrap();
    let role = tpl.join("roles/mine.toml");
    let role_text = "id = \"mine\"\ntitle = \"Mine\"\n[[requirement]]\nskill = \"docker\"\nlevel = 3\nweight = 3\n";
    std::fs::write(&role, role_text).unwrap();
    let font = d.path().join("font.ttf");
    std::fs::write(&font, "not really a font").unwrap();
    let prev = d.path().join("prev.csv");
    std::fs::copy(sample("sre-leaning.csv"), &prev).unwrap();
    let runs: [(&[&str], &Path, &str); 3] = [
        (
            &["--templates", tpl.to_str().unwrap()],
            &role,
            "inside the --templates folder",
        ),
        (&["--font", font.to_str().unwrap()], &font, "a --font file"),
        (
            &["--previous", prev.to_str().unwrap()],
            &prev,
            "the --previous file",
        ),
    ];
    for (extra, out, what) in runs {
        let before = std::fs::read(out).unwrap();
        let o = skillgap()
            .args(["report", &sample("sre-leaning.csv"), "--date", DATE])
            .args(extra)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(what), "{err}");
        assert_eq!(std::fs::read(out).unwrap(), before);
    }
}

#[test]
fn jobs_are_capped_with_a_usage_error() {
    for jobs in ["10000", "18446744073709551615", "99999999999999999999999"] {
        let d = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let o = skillgap()
            .args([
                "batch",
                &sample("team-long.csv"),
                "--date",
                DATE,
                "--jobs",
                jobs,
                "-o",
            ])
            .arg(d.path().join("out"))
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{jobs}: {err}");
        assert!(err.contains("--jobs"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(30));
        assert!(!d.path().join("out").exists(), "nothing written");
    }
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_links_to_them_are_refused_not_read() {
    let d = tempfile::tempdir().unwrap();
    // A template linked to /dev/zero, a FIFO template.
    let tpl = d.path().join("tpl");
    std::fs::create_dir_all(tpl.join("roles")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", tpl.join("roles/zero.toml")).unwrap();
    let fifo_tpl = d.path().join("tpl2");
    std::fs::create_dir_all(fifo_tpl.join("roles")).unwrap();
    mkfifo(&fifo_tpl.join("roles/pipe.toml"));
    // A FIFO input and a /dev/zero font.
    let fifo_in = d.path().join("in.csv");
    mkfifo(&fifo_in);
    // The link is not followed at all: skipped, named.
    let o = skillgap()
        .args(["roles", "--templates"])
        .arg(&tpl)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("zero.toml"), "{}", stderr(&o));
    let runs: Vec<Vec<String>> = vec![
        vec![
            "roles".into(),
            "--templates".into(),
            fifo_tpl.display().to_string(),
        ],
        vec!["check".into(), fifo_in.display().to_string()],
        vec![
            "report".into(),
            sample("sre-leaning.csv"),
            "--font".into(),
            "/dev/zero".into(),
            "-o".into(),
            d.path().join("r.pdf").display().to_string(),
        ],
    ];
    for args in runs {
        let started = Instant::now();
        let o = skillgap().args(&args).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
        assert!(started.elapsed() < Duration::from_secs(20), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn template_folder_link_loops_end() {
    let d = tempfile::tempdir().unwrap();
    let tpl = d.path().join("tpl");
    std::fs::create_dir_all(tpl.join("roles")).unwrap();
    std::os::unix::fs::symlink(&tpl, tpl.join("roles/loop")).unwrap();
    std::os::unix::fs::symlink("..", tpl.join("roles/up")).unwrap();
    let o = skillgap()
        .args(["roles", "--templates"])
        .arg(&tpl)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `--templates` whose learning catalogue chains `n` skills by prerequisites.
fn prerequisite_chain(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("learning")).unwrap();
    let builtin = std::fs::read_to_string(format!(
        "{}/templates/skills.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut skills = builtin;
    let mut learning = String::new();
    for i in 0..n {
        skills.push_str(&format!(
            "\n[[skill]]\nid = \"chain{i}\"\nname = \"Chain {i}\"\ncategory = \"Delivery\"\nkind = \"concept\"\n"
        ));
        let requires = if i + 1 < n {
            format!("requires = [\"chain{}\"]\n", i + 1)
        } else {
            String::new()
        };
        learning.push_str(&format!(
            "[[resource]]\nid = \"r{i}\"\nskill = \"chain{i}\"\nkind = \"book\"\ntitle = \"T\"\nprovider = \"P\"\nhours = 1\nfrom = 0\nto = 1\n{requires}\n"
        ));
    }
    std::fs::write(dir.join("skills.toml"), skills).unwrap();
    std::fs::write(dir.join("learning/chain.toml"), learning).unwrap();
}

#[test]
fn long_prerequisite_chains_are_an_error_naming_the_chain() {
    let d = tempfile::tempdir().unwrap();
    prerequisite_chain(d.path(), 300);
    let o = skillgap()
        .args(["roles", "--templates"])
        .arg(d.path())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("prerequisites chain more than 256"), "{err}");
    assert!(err.contains("chain0 → chain1"), "{err}");
    let ok = tempfile::tempdir().unwrap();
    prerequisite_chain(ok.path(), 20);
    let o = skillgap()
        .args(["roles", "--templates"])
        .arg(ok.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn long_extends_chains_are_an_error_naming_the_chain() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("roles")).unwrap();
    for i in 0..100 {
        let extends = if i > 0 {
            format!("extends = \"x{}\"\n", i - 1)
        } else {
            String::new()
        };
        std::fs::write(
            d.path().join(format!("roles/x{i}.toml")),
            format!("id = \"x{i}\"\ntitle = \"X {i}\"\n{extends}[[requirement]]\nskill = \"docker\"\nlevel = 3\nweight = 3\n"),
        )
        .unwrap();
    }
    let o = skillgap()
        .args(["roles", "--templates"])
        .arg(d.path())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("extends chains more than 64 roles"), "{err}");
}

/// 200 people, one rating each; `broken` maps a person to a raw rating.
fn team_with(broken: &[(usize, &[u8])]) -> Vec<u8> {
    let mut t = b"person,skill,rating\n".to_vec();
    for i in 0..200 {
        let rating: &[u8] = broken
            .iter()
            .find(|(b, _)| *b == i)
            .map_or(b"3", |(_, r)| r);
        t.extend_from_slice(format!("P{i},Docker,").as_bytes());
        t.extend_from_slice(rating);
        t.push(b'\n');
    }
    t
}

#[test]
fn a_stray_bad_byte_fails_its_person_not_the_file() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    std::fs::write(&input, team_with(&[(49, b"\x00"), (69, b"3\x002")])).unwrap();
    let o = skillgap()
        .args(["batch", "--date", DATE, "--format", "json", "--quiet"])
        .arg(&input)
        .arg("-o")
        .arg(d.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = std::fs::read_to_string(d.path().join("out/errors.csv")).unwrap();
    assert_eq!(errors.lines().count(), 3, "{errors}");
    assert!(
        errors.contains(",P49,") && errors.contains(",P69,"),
        "{errors}"
    );
    let summary = std::fs::read_to_string(d.path().join("out/team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 199, "198 people and the header");

    // A 0xFF byte in a UTF-8 file of accented names: one person fails,
    // the others keep their names (no mojibake).
    let mut t = b"person,skill,rating\n".to_vec();
    for i in 0..200 {
        t.extend_from_slice(
            format!("\u{141}ukasz \u{17b}\u{f3}\u{142}\u{107} {i},Docker,").as_bytes(),
        );
        t.extend_from_slice(if i == 50 { b"\xff3\n" } else { b"3\n" });
    }
    std::fs::write(&input, t).unwrap();
    let out = d.path().join("out2");
    let o = skillgap()
        .args(["batch", "--date", DATE, "--format", "json", "--quiet"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert_eq!(errors.lines().count(), 2, "{errors}");
    assert!(errors.contains("cannot be read as text"), "{errors}");
    let summary = std::fs::read_to_string(out.join("team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 200, "199 people and the header");
    assert!(
        summary.contains("\u{141}ukasz \u{17b}\u{f3}\u{142}\u{107} 0,"),
        "{summary}"
    );
}

#[test]
fn check_fails_on_the_rows_report_would_reject() {
    let d = tempfile::tempdir().unwrap();
    let one = d.path().join("one.csv");
    std::fs::write(&one, "Skill,Rating\nDocker,9\n").unwrap();
    let team = d.path().join("team.csv");
    std::fs::write(&team, team_with(&[(49, b"\x00")])).unwrap();
    for (input, line) in [(&one, "one.csv:2:2: "), (&team, "team.csv:51:3: ")] {
        let report = skillgap()
            .args([
                "report", "--date", DATE, "--format", "json", "--person", "P49",
            ])
            .arg(input)
            .output()
            .unwrap();
        assert_eq!(report.status.code(), Some(1), "{}", stderr(&report));
        let check = skillgap().arg("check").arg(input).output().unwrap();
        let out = String::from_utf8_lossy(&check.stdout);
        assert_eq!(check.status.code(), Some(1), "{out}");
        assert!(
            out.contains(&format!("error: {}", d.path().join(line).display()))
                || out.contains(line),
            "{out}"
        );
    }
    let good = d.path().join("good.csv");
    std::fs::write(&good, team_with(&[])).unwrap();
    let check = skillgap().arg("check").arg(&good).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}
