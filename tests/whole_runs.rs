//! Issue 27, item 4: only our own files, and whole runs. One unwritable
//! report name fails that person only; file names are capped in bytes;
//! a killed run's reports are known to the next run; old team files are
//! never seen beside new reports.

use crate::common::*;
use std::path::Path;
use std::time::Duration;

#[cfg(unix)]
#[test]
fn an_unwritable_report_name_fails_that_person_only() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    std::fs::write(
        &input,
        "person,skill,rating\nAna,Docker,3\nBo,Docker,2\nCy,Go,4\nDi,Go,1\nEd,Go,2\n",
    )
    .unwrap();
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A link, a FIFO and a folder at three people's report names.
    std::os::unix::fs::symlink("/etc/passwd", out.join("bo.json")).unwrap();
    let fifo = std::ffi::CString::new(out.join("cy.json").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    std::fs::create_dir(out.join("di.json")).unwrap();
    let o = batch(&[&input], &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for n in ["ana.json", "ed.json", "team-summary.csv", "errors.csv"] {
        assert!(out.join(n).is_file(), "{n}: {err}");
    }
    for n in ["bo.json", "cy.json", "di.json"] {
        assert!(err.contains(n), "{n}: {err}");
    }
    assert!(!err.contains("stopped"), "{err}");
    assert!(
        std::fs::symlink_metadata(out.join("bo.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let m = manifest(&out);
    assert_eq!(m["status"], "complete", "{m}");
    assert_eq!(m["people"]["written"], 2, "{m}");
    assert_eq!(m["people"]["failed"], 3, "{m}");
}

#[test]
fn a_group_name_of_70_four_byte_letters_makes_a_name_under_255_bytes() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    let group = "\u{10348}".repeat(70);
    std::fs::write(
        &input,
        format!("person,team,skill,rating\nAna,{group},Docker,3\nBo,B,Docker,2\n"),
    )
    .unwrap();
    let out = d.path().join("out");
    let o = batch(&[&input], &out, &["--group-by", "team", "--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let names = files(&out);
    let group_pdfs: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("team-summary-") && n.ends_with(".pdf"))
        .collect();
    assert_eq!(group_pdfs.len(), 2, "{names:?}");
    assert!(group_pdfs.iter().all(|n| n.len() <= 255), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// A run killed after it renamed a report into place but before it wrote
/// its manifest: the journal names the report, so the next run owns it
/// and removes it when its person is gone.
#[test]
fn a_killed_runs_reports_are_known_to_the_next_run() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    std::fs::write(&input, "person,skill,rating\nAna,Docker,3\nBo,Docker,2\n").unwrap();
    let out = d.path().join("out");
    let o = batch(&[&input], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join(".skillgap-journal").exists());
    // The killed run: Zed's report in place, listed only in the journal,
    // the manifest still saying "running".
    let zed = br#"{"person":"Zed"}"#;
    std::fs::write(out.join("zed.json"), zed).unwrap();
    std::fs::write(
        out.join(".skillgap-journal"),
        format!(
            "{{\"path\":\"zed.json\",\"bytes\":{},\"sha256\":\"{}\"}}\n",
            zed.len(),
            sha256_hex(zed)
        ),
    )
    .unwrap();
    let mut m = manifest(&out);
    m["status"] = "running".into();
    m["run_id"] = "0badcafe".into();
    std::fs::write(out.join("manifest.json"), m.to_string()).unwrap();
    let o = batch(&[&input], &out, &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!out.join("zed.json").exists(), "{err}");
    assert!(
        err.contains("removed 1 report file(s) of people no longer in the input"),
        "{err}"
    );
    assert!(!out.join(".skillgap-journal").exists());
    // A user's file never listed anywhere stays.
    std::fs::write(out.join("mine.json"), b"{}").unwrap();
    let o = batch(&[&input], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("mine.json").exists());
}

/// While a rerun writes its reports, the earlier run's team files are out
/// of sight (they summarise other reports); killed then, the next run
/// finishes with its own and nothing of the moved files is left over.
#[cfg(unix)]
#[test]
fn old_team_files_are_never_seen_beside_new_reports() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    let mut csv = String::from("person,skill,rating\n");
    for i in 0..300 {
        csv.push_str(&format!("Person {i:03},Docker,{}\n", i % 5));
    }
    std::fs::write(&input, &csv).unwrap();
    let out = d.path().join("out");
    let o = batch(&[&input], &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("team-summary.csv").exists());
    // The rerun, with PDFs (slower), watched while it writes.
    let mut child = spawn_slow_batch(&input, &out, std::process::Stdio::null());
    let started = std::time::Instant::now();
    let mut seen_new = false;
    while started.elapsed() < Duration::from_secs(120) && !seen_new {
        seen_new = files(&out)
            .iter()
            .any(|n| n.starts_with("person-") && n.ends_with(".pdf"));
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(seen_new, "no new report appeared");
    let f = files(&out);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !f.contains("team-summary.csv") && !f.contains("team-skills.csv"),
        "old team files beside new reports: {f:?}"
    );
    let o = batch(&[&input], &out, &["--format", "pdf,json", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let f = files(&out);
    assert!(f.contains("team-summary.csv") && f.contains("team-summary.pdf"));
    assert!(!f.iter().any(|n| n.ends_with(".tmp")), "{f:?}");
}

/// Every file of `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|n| {
            let b = std::fs::read(dir.join(&n)).unwrap_or_default();
            (n, b)
        })
        .collect()
}

#[test]
fn team_summary_into_a_batch_or_shard_folder_is_refused_and_changes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1, 2], 2);
    let before = snapshot(&dirs[0]);
    for _ in 0..2 {
        let o = merge(&dirs, &dirs[0], &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("holds a batch run"), "{err}");
        assert_eq!(snapshot(&dirs[0]), before);
    }
    // A merge's folder is not a batch's either, nor a shard to merge.
    let summary = d.path().join("summary");
    let o = merge(&dirs, &summary, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(manifest(&summary)["kind"], "team-summary");
    let o = batch(&[Path::new(MIXED)], &summary, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("team-summary wrote this folder"),
        "{}",
        stderr(&o)
    );
    let mut with_summary = dirs.clone();
    with_summary.push(summary.clone());
    let o = merge(&with_summary, &d.path().join("other"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("team-summary's folder"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn team_summary_never_writes_over_a_file_it_did_not_write() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1, 2], 2);
    let out = d.path().join("summary");
    std::fs::create_dir(&out).unwrap();
    // A person's own report that happens to have a group summary's name.
    let mine = out.join("team-summary-ana-souza.pdf");
    std::fs::write(&mine, b"%PDF-1.4 a person's report").unwrap();
    let o = merge(&dirs, &out, &["--group-by", "manager"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&mine).unwrap(), b"%PDF-1.4 a person's report");
    assert!(out.join("team-summary-ana-souza-2.pdf").is_file());
    // A team file there that no merge wrote: refused, kept.
    let other = d.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("team-summary.csv"), b"mine").unwrap();
    let o = merge(&dirs, &other, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(other.join("team-summary.csv")).unwrap(),
        b"mine"
    );
}

#[test]
fn team_summary_removes_its_own_stale_files_and_counts_failures_once() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1, 2], 2);
    let out = d.path().join("summary");
    // A partial merge (errors.csv lists the missing shard), by manager.
    let o = merge(
        &dirs[..1],
        &out,
        &["--allow-partial", "--group-by", "manager"],
    );
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{}",
        stderr(&o)
    );
    assert!(out.join("errors.csv").is_file());
    let groups = |out: &Path| {
        files(out)
            .into_iter()
            .filter(|n| n.starts_with("team-summary-"))
            .count()
    };
    assert!(groups(&out) > 0);
    // The whole run, not grouped: the earlier errors.csv and group PDFs go.
    for _ in 0..2 {
        let o = merge(&dirs, &out, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!out.join("errors.csv").exists(), "{:?}", files(&out));
        assert_eq!(groups(&out), 0, "{:?}", files(&out));
        assert_eq!(manifest(&out)["people"]["failed"], 0);
    }
}

#[test]
fn team_summary_takes_the_folder_lock() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1], 1);
    let out = d.path().join("summary");
    std::fs::create_dir(&out).unwrap();
    let lock = std::fs::File::create(out.join(".skillgap.lock")).unwrap();
    lock.lock().unwrap();
    let o = merge(&dirs, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("another skillgap"), "{}", stderr(&o));
    assert!(!out.join("team-summary.csv").exists());
    drop(lock);
    let o = merge(&dirs, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Reports made readable to their owner only: errors.csv and the team
/// files, which list and summarise them, are no wider.
#[cfg(unix)]
#[test]
fn errors_csv_and_team_files_are_no_wider_than_the_reports() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    std::fs::write(
        &input,
        "person,skill,rating\nAna,Docker,3\nBo,Docker,9\nCy,Go,4\n",
    )
    .unwrap();
    let out = d.path().join("out");
    let o = batch(&[&input], &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    for n in ["ana.json", "cy.json"] {
        std::fs::set_permissions(out.join(n), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let o = batch(&[&input], &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    for n in [
        "errors.csv",
        "team-summary.csv",
        "team-skills.csv",
        "team-summary.pdf",
    ] {
        let mode = std::fs::metadata(out.join(n)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "{n}: {mode:o}");
    }
}

/// A second signal while a run winds down stops it at once, and says so.
#[cfg(unix)]
#[test]
fn a_second_interrupt_says_that_it_stopped_at_once() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("team.csv");
    let mut csv = String::from("person,skill,rating\n");
    for i in 0..300 {
        csv.push_str(&format!("Person {i:03},Docker,{}\n", i % 5));
    }
    std::fs::write(&input, &csv).unwrap();
    let out = d.path().join("out");
    let child = spawn_slow_batch(&input, &out, std::process::Stdio::piped());
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(120)
        && !std::fs::read_dir(&out).is_ok_and(|r| {
            r.flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        })
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    // Two different signals, so they are not merged into one.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted again: stopped at once"), "{err}");
}
