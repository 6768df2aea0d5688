//! End-to-end: `team-summary` checks what it merges (issue 17): JSON
//! reports are validated, a person in two shards and a folder given twice
//! are refused, and only regular files are read, within a limit.

use crate::common::{DATE, skillgap, stderr};
use std::path::{Path, PathBuf};

/// Two shards of samples/team-long.csv as JSON reports under `root`.
fn shards(root: &Path) -> (PathBuf, PathBuf) {
    let s = |k: &str| {
        let out = root.join(format!("shard-{k}"));
        let o = skillgap()
            .args([
                "batch",
                "samples/team-long.csv",
                "--format",
                "json",
                "--quiet",
            ])
            .args(["--date", DATE, "--shard", &format!("{k}/2"), "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        out
    };
    (s("1"), s("2"))
}

fn merge(dirs: &[&Path], out: &Path) -> std::process::Output {
    skillgap()
        .args(["team-summary", "--date", DATE, "-o"])
        .arg(out)
        .args(dirs)
        .output()
        .unwrap()
}

fn first_json(dir: &Path) -> PathBuf {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.ends_with("manifest.json")
                && !p.ends_with("team-summary.json")
        })
        .collect();
    v.sort();
    v.remove(0)
}

#[test]
fn clean_shards_merge() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = shards(root.path());
    let o = merge(&[&a, &b], &root.path().join("m"));
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_folder_given_twice_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let (a, _) = shards(root.path());
    let again = a.join("..").join(a.file_name().unwrap());
    let o = merge(&[&a, &again], &root.path().join("m"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("is given twice"), "{err}");
    assert!(!root.path().join("m").exists());
}

#[test]
fn a_person_in_two_shards_is_refused_naming_both_files() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = shards(root.path());
    let stray = first_json(&a);
    let copy = b.join("copied.json");
    std::fs::copy(&stray, &copy).unwrap();
    let o = merge(&[&a, &b], &root.path().join("m"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is also in"), "{err}");
    assert!(err.contains(&stray.display().to_string()), "{err}");
    assert!(err.contains("copied.json"), "{err}");
    assert!(!root.path().join("m").exists());
}

#[test]
fn out_of_range_values_and_unsafe_characters_are_refused() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = shards(root.path());
    let target = first_json(&a);
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "roles[0].fit = -50",
            Box::new(|v| v["roles"][0]["fit"] = (-50.0).into()),
        ),
        (
            "roles[0].fit = 250",
            Box::new(|v| v["roles"][0]["fit"] = 250.0.into()),
        ),
        (
            "roles[0].fit = 1e308",
            Box::new(|v| v["roles"][0]["fit"] = 1e308.into()),
        ),
        (
            "ratings[0].rating = 99",
            Box::new(|v| v["ratings"][0]["rating"] = 99.0.into()),
        ),
        (
            "person",
            Box::new(|v| v["person"] = "Eve\u{1b}[2J\u{7}".into()),
        ),
        (
            "person",
            Box::new(|v| v["person"] = "Eve \u{202e}gnp.exe".into()),
        ),
        (
            "schema_version",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("schema_version");
            }),
        ),
    ];
    for (needle, edit) in edits {
        let mut v = original.clone();
        edit(&mut v);
        std::fs::write(&target, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
        let o = merge(&[&a, &b], &root.path().join("m"));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{needle}: {err}");
        assert!(err.contains(needle), "{needle}: {err}");
        assert!(err.contains(&target.display().to_string()), "{err}");
        assert!(!root.path().join("m").exists());
    }
}

#[cfg(unix)]
#[test]
fn fifos_and_links_to_devices_are_refused_not_read() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = shards(root.path());
    // A link is not followed at all (issue 27): skipped and named.
    std::os::unix::fs::symlink("/dev/zero", b.join("zero.json")).unwrap();
    let o = merge(&[&a, &b], &root.path().join("m"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("skipping") && err.contains("zero.json"),
        "{err}"
    );
    std::fs::remove_file(b.join("zero.json")).unwrap();
    let fifo = b.join("pipe.json");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let o = merge(&[&a, &b], &root.path().join("m"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("FIFO"), "{err}");
}

/// Lists `name` (bytes as they are now) in `dir`'s manifest, as if the
/// run had written it.
fn list_in_manifest(dir: &Path, name: &str) {
    use sha2::Digest;
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let path = dir.join("manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    m["files"].as_array_mut().unwrap().push(serde_json::json!({
        "path": name, "bytes": bytes.len(), "sha256": sha
    }));
    std::fs::write(&path, m.to_string()).unwrap();
}

#[test]
fn a_report_copied_or_linked_twice_inside_one_shard_is_refused() {
    for how in ["copy", "hard link"] {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = shards(root.path());
        let first = first_json(&a);
        let again = a.join("zz-again.json");
        if how == "copy" {
            std::fs::copy(&first, &again).unwrap();
        } else {
            std::fs::hard_link(&first, &again).unwrap();
        }
        // Even when the manifest lists it.
        list_in_manifest(&a, "zz-again.json");
        let o = merge(&[&a, &b], &root.path().join("m"));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{how}: {err}");
        assert!(err.contains("counted once"), "{how}: {err}");
        assert!(err.contains("zz-again.json"), "{how}: {err}");
        assert!(!root.path().join("m").join("team-summary.csv").exists());
    }
}

#[test]
fn empty_or_unknown_roles_in_a_shard_report_are_refused() {
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "roles is empty",
            Box::new(|v| v["roles"] = serde_json::json!([])),
        ),
        (
            "listed twice",
            Box::new(|v| {
                let r = v["roles"][0].clone();
                v["roles"].as_array_mut().unwrap().push(r);
            }),
        ),
        (
            "templates do not define",
            Box::new(|v| v["roles"][0]["id"] = "astronaut".into()),
        ),
    ];
    for (needle, edit) in edits {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = shards(root.path());
        let target = first_json(&a);
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
        edit(&mut v);
        std::fs::write(&target, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
        let o = merge(&[&a, &b], &root.path().join("m"));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{needle}: {err}");
        assert!(err.contains(needle), "{needle}: {err}");
    }
}
