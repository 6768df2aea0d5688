//! End-to-end: a batch run owns its output folder (lock, manifest,
//! re-runs), never gives a person a team file's name, keeps file modes,
//! and stops cleanly on signals and failed writes (issue 17).

use crate::common::{DATE, batch_to, bin, files, manifest, skillgap, spawn_slow_batch, stderr};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A long-format team file of `names`, three ratings each.
fn team(dir: &Path, file: &str, names: &[String]) -> PathBuf {
    let mut s = String::from("person,skill,rating\n");
    for n in names {
        for (skill, r) in [("Docker", 3), ("Kubernetes", 2), ("Terraform", 4)] {
            s.push_str(&format!("{n},{skill},{r}\n"));
        }
    }
    let p = dir.join(file);
    std::fs::write(&p, s).unwrap();
    p
}

fn people(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("Person {i:04}")).collect()
}

fn temps(out: &Path) -> Vec<String> {
    files(out)
        .into_iter()
        .filter(|f| f.ends_with(".tmp") || f.contains(".skillgap-"))
        .collect()
}

#[test]
fn team_file_names_are_never_a_persons() {
    let d = tempfile::tempdir().unwrap();
    let names = ["Team Summary", "Errors", "Manifest", "Team Skills"].map(String::from);
    let input = team(d.path(), "t.csv", &names);
    let out = d.path().join("out");
    let o = batch_to(&[input.to_str().unwrap(), "--format", "pdf,json"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("4 reports, 0 failed"), "{}", stderr(&o));
    let f = files(&out);
    for stem in ["team-summary-2", "errors-2", "manifest-2", "team-skills-2"] {
        assert!(f.contains(&format!("{stem}.pdf")), "{f:?}");
        assert!(f.contains(&format!("{stem}.json")), "{f:?}");
    }
    let summary = std::fs::read_to_string(out.join("team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 5, "{summary}");
    assert_eq!(manifest(&out)["status"], "complete");
}

#[test]
fn an_input_in_the_output_folder_is_never_replaced() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for name in ["team-summary.csv", "errors.csv", "team-skills.csv"] {
        let input = team(&out, name, &people(2));
        let before = std::fs::read(&input).unwrap();
        let o = batch_to(&[input.to_str().unwrap()], &out);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains("choose another output folder"), "{err}");
        assert_eq!(std::fs::read(&input).unwrap(), before, "{name}");
        assert_eq!(files(&out), BTreeSet::from([name.to_string()]), "{name}");
        std::fs::remove_file(&input).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn replaced_reports_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let input = team(d.path(), "t.csv", &people(2));
    let out = d.path().join("out");
    assert!(batch_to(&[input.to_str().unwrap()], &out).status.success());
    let pdf = out.join("person-0000.pdf");
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = batch_to(&[input.to_str().unwrap()], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let mode = std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn the_manifest_lists_every_file_with_size_and_hash() {
    let d = tempfile::tempdir().unwrap();
    let input = team(d.path(), "t.csv", &people(3));
    let out = d.path().join("out");
    let o = batch_to(&[input.to_str().unwrap(), "--format", "pdf,json"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = manifest(&out);
    assert_eq!(m["status"], "complete");
    assert_eq!(m["manifest_version"], 1);
    assert!(m.get("run_id").is_none(), "{m}");
    assert_eq!(m["options"]["format"], "pdf,json");
    assert_eq!(m["people"]["written"], 3);
    assert_eq!(m["inputs"][0]["path"], input.display().to_string());
    let listed: BTreeSet<String> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = f["path"].as_str().unwrap().to_string();
            let bytes = std::fs::read(out.join(&name)).unwrap();
            assert_eq!(f["bytes"], bytes.len() as u64, "{name}");
            assert_eq!(f["sha256"].as_str().unwrap().len(), 64, "{name}");
            name
        })
        .collect();
    let mut on_disk = files(&out);
    on_disk.remove("manifest.json");
    assert_eq!(listed, on_disk);
    // The same run again gives the same manifest, byte for byte.
    let first = std::fs::read(out.join("manifest.json")).unwrap();
    assert!(
        batch_to(&[input.to_str().unwrap(), "--format", "pdf,json"], &out)
            .status
            .success()
    );
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), first);
}

#[test]
fn a_smaller_rerun_removes_only_the_earlier_runs_stale_files() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    let big = team(d.path(), "big.csv", &people(12));
    assert!(
        batch_to(&[big.to_str().unwrap(), "--format", "pdf,json"], &out)
            .status
            .success()
    );
    std::fs::write(out.join("my-notes.txt"), "mine").unwrap();
    std::fs::write(out.join("person-9999.pdf"), "not the run's").unwrap();
    let small = team(d.path(), "small.csv", &people(2));
    let o = batch_to(&[small.to_str().unwrap(), "--format", "pdf,json"], &out);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "removed 20 report file(s) of people no longer in the input (written by an earlier run)"
        ),
        "{err}"
    );
    let f = files(&out);
    assert!(
        !f.contains("person-0005.pdf") && !f.contains("person-0011.json"),
        "{f:?}"
    );
    assert!(
        f.contains("my-notes.txt") && f.contains("person-9999.pdf"),
        "{f:?}"
    );
    let summary = std::fs::read_to_string(out.join("team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 3, "{summary}");
    // team-summary over the folder counts the 2, not the 12.
    let merged = d.path().join("merged");
    let o = skillgap()
        .args(["team-summary", "--date", DATE, "-o"])
        .arg(&merged)
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = std::fs::read_to_string(merged.join("team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 3, "{summary}");
}

#[test]
fn rerunning_into_the_input_folder_skips_the_runs_own_files() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("folder");
    std::fs::create_dir(&out).unwrap();
    team(&out, "team.csv", &people(2));
    for _ in 0..2 {
        let o = batch_to(&[out.to_str().unwrap()], &out);
        let err = stderr(&o);
        assert!(o.status.success(), "{err}");
        assert!(err.contains("2 reports, 0 failed"), "{err}");
    }
    let o = batch_to(&[out.to_str().unwrap()], &out);
    let err = stderr(&o);
    assert!(err.contains("note: skipping"), "{err}");
    assert!(err.contains("team-summary.csv"), "{err}");
    let f = files(&out);
    assert!(!f.iter().any(|n| n.contains("-2.")), "{f:?}");
    assert!(!f.contains("errors.csv"), "{f:?}");
}

#[test]
fn the_same_input_twice_is_read_once() {
    let d = tempfile::tempdir().unwrap();
    let input = team(d.path(), "t.csv", &people(3));
    let again = d.path().join(".").join("t.csv");
    let out = d.path().join("out");
    let o = batch_to(&[input.to_str().unwrap(), again.to_str().unwrap()], &out);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("is the same file as"), "{err}");
    assert!(err.contains("3 reports, 0 failed"), "{err}");
    let summary = std::fs::read_to_string(out.join("team-summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 4, "{summary}");
}

#[test]
fn a_second_run_into_a_locked_folder_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let input = team(d.path(), "t.csv", &people(2));
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(".skillgap.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let o = batch_to(&[input.to_str().unwrap()], &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("another skillgap batch"), "{err}");
    assert_eq!(files(&out), BTreeSet::from([".skillgap.lock".to_string()]));
    drop(lock);
    // Another test's child forked between our open and its exec holds a
    // copy of the lock until it execs: on a busy machine, give it a moment.
    let mut o = batch_to(&[input.to_str().unwrap()], &out);
    for _ in 0..10 {
        if o.status.success() || !stderr(&o).contains("another skillgap batch") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        o = batch_to(&[input.to_str().unwrap()], &out);
    }
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!files(&out).contains(".skillgap.lock"), "lock released");
}

#[test]
fn very_long_names_get_short_temp_names() {
    let d = tempfile::tempdir().unwrap();
    let name = "\u{10348}".repeat(60);
    let input = team(d.path(), "t.csv", &[name]);
    let out = d.path().join("out");
    let o = batch_to(&[input.to_str().unwrap(), "--format", "pdf,json"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(temps(&out).is_empty());
}

/// Starts a batch of `n` people in the background and waits until `k`
/// reports exist.
#[cfg(unix)]
fn start_big_batch(d: &Path, n: usize, k: usize) -> (std::process::Child, PathBuf) {
    let input = team(d, "big.csv", &people(n));
    let out = d.join("out");
    let child = spawn_slow_batch(&input, &out, std::process::Stdio::piped());
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        let done = std::fs::read_dir(&out)
            .map(|r| {
                r.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                    .count()
            })
            .unwrap_or(0);
        if done > k {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, out)
}

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_stop_cleanly_and_a_rerun_finishes() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        let d = tempfile::tempdir().unwrap();
        let n = 400;
        let (child, out) = start_big_batch(d.path(), n, 3);
        assert_eq!(unsafe { libc::kill(child.id() as i32, sig) }, 0);
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(130), "{err}");
        assert!(err.contains("interrupted: "), "{err}");
        assert!(
            err.contains(&format!(" of {n} written; run again to finish")),
            "{err}"
        );
        assert!(temps(&out).is_empty(), "{:?}", temps(&out));
        let f = files(&out);
        let pdfs: BTreeSet<&str> = f.iter().filter_map(|n| n.strip_suffix(".pdf")).collect();
        let jsons: BTreeSet<&str> = f
            .iter()
            .filter_map(|n| n.strip_suffix(".json"))
            .filter(|n| *n != "manifest")
            .collect();
        assert_eq!(pdfs, jsons, "PDF and JSON come in pairs");
        assert!(pdfs.len() < n, "stopped early");
        assert!(!f.contains("team-summary.csv") && !f.contains("team-summary.pdf"));
        let m = manifest(&out);
        assert_eq!(m["status"], "interrupted");
        assert_eq!(m["people"]["written"], pdfs.len());
        let o = batch_to(
            &[
                d.path().join("big.csv").to_str().unwrap(),
                "--format",
                "pdf,json",
                "--quiet",
            ],
            &out,
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(manifest(&out)["status"], "complete");
        assert_eq!(manifest(&out)["people"]["written"], n);
    }
}

#[cfg(unix)]
#[test]
fn after_sigkill_the_next_run_removes_the_temporary_files() {
    let d = tempfile::tempdir().unwrap();
    let (mut child, out) = start_big_batch(d.path(), 400, 3);
    // A temp file as a kill mid-write would leave, named by this run's id.
    let m = manifest(&out);
    assert_eq!(m["status"], "running");
    let id = m["run_id"].as_str().unwrap().to_string();
    let planted = out.join(format!(".skillgap-{id}-0123456789abcdef.tmp"));
    std::fs::write(&planted, "half a report").unwrap();
    let other = out.join(".skillgap-0badcafe-0123456789abcdef.tmp");
    std::fs::write(&other, "not this run's").unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let o = batch_to(
        &[d.path().join("big.csv").to_str().unwrap(), "--quiet"],
        &out,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!planted.exists());
    assert!(other.exists(), "a file no manifest names is left alone");
    assert_eq!(
        temps(&out),
        vec![other.file_name().unwrap().to_string_lossy().to_string()]
    );
}

/// Runs a batch with files limited to `limit` bytes each (as a full disk
/// would stop them).
#[cfg(unix)]
fn batch_with_file_limit(args: &[&str], out: &Path, limit: u64) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(bin());
    cmd.arg("batch")
        .args(args)
        .args(["--date", DATE, "-o"])
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH");
    unsafe {
        cmd.pre_exec(move || {
            // EFBIG instead of SIGXFSZ killing the process.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_failed_write_stops_the_run_and_keeps_errors_csv() {
    let d = tempfile::tempdir().unwrap();
    let input = team(d.path(), "t.csv", &people(50));
    let out = d.path().join("out");
    // JSON reports fit, PDFs do not.
    let o = batch_with_file_limit(&[input.to_str().unwrap(), "--jobs", "1"], &out, 12_000);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("stopped: a file could not be written"),
        "{err}"
    );
    // The cause is the failed write's own message, picked by its kind.
    assert!(
        err.contains("could not be written (") && err.contains("cannot write"),
        "{err}"
    );
    assert!(err.contains("0 of 50 written"), "{err}");
    assert!(err.contains("errors.csv lists who failed"), "{err}");
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert!(errors.contains("cannot write"), "{errors}");
    assert_eq!(
        errors.lines().count(),
        2,
        "one failure, then the run stopped: {errors}"
    );
    assert!(temps(&out).is_empty(), "{:?}", temps(&out));
    let f = files(&out);
    assert!(
        !f.contains("team-summary.csv") && !f.contains("team-summary.pdf"),
        "{f:?}"
    );
    assert_eq!(manifest(&out)["status"], "interrupted");
    // With room again, a re-run finishes and drops the stale errors.csv.
    let o = batch_to(&[input.to_str().unwrap(), "--quiet"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("errors.csv").exists());
}

#[test]
fn a_manifest_json_that_is_not_ours_is_never_replaced() {
    let d = tempfile::tempdir().unwrap();
    let input = team(d.path(), "t.csv", &people(2));
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("manifest.json"), "{\"mine\": true}").unwrap();
    let o = batch_to(&[input.to_str().unwrap()], &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("not a skillgap manifest"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("manifest.json")).unwrap(),
        "{\"mine\": true}"
    );
    assert_eq!(files(&out), BTreeSet::from(["manifest.json".to_string()]));
}

#[cfg(unix)]
#[test]
fn two_concurrent_batches_never_share_a_folder() {
    let d = tempfile::tempdir().unwrap();
    let (child, out) = start_big_batch(d.path(), 400, 2);
    let other = team(d.path(), "other.csv", &people(3));
    let o = batch_to(&[other.to_str().unwrap()], &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("another skillgap batch (process {})", child.id())),
        "{err}"
    );
    assert!(!out.join("errors.csv").exists());
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(!out.join(".skillgap.lock").exists(), "lock released");
}
