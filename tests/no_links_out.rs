//! Issue 27, item 3: links in input folders and team-summary shard
//! folders are not followed (and are named as skipped), so another file's
//! lines never reach stderr or errors.csv.

#![cfg(unix)]

use crate::common::{DATE, skillgap, stderr};
use std::path::Path;

/// A file outside every folder given, with a line no output may show.
fn secret(d: &Path) -> std::path::PathBuf {
    let p = d.join("secret.txt");
    std::fs::write(&p, "root:SECRET-HASH:19000:0:99999:7:::\nperson,skill\n").unwrap();
    p
}

#[test]
fn a_link_in_an_input_folder_is_skipped_and_named() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("team.csv"),
        "person,skill,rating\nAna,Docker,3\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(secret(d.path()), input.join("shadow.csv")).unwrap();
    let out = d.path().join("out");
    let o = skillgap()
        .arg("batch")
        .arg(&input)
        .args(["--format", "json", "--date", DATE, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("skipping") && err.contains("shadow.csv"),
        "{err}"
    );
    assert!(!err.contains("SECRET-HASH"), "{err}");
    for e in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap_or_default();
        assert!(!text.contains("SECRET-HASH"));
    }
    assert!(out.join("ana.json").exists());
    assert!(!out.join("errors.csv").exists());
}

#[test]
fn a_folder_of_only_links_is_an_error_that_says_so() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::os::unix::fs::symlink(secret(d.path()), input.join("shadow.csv")).unwrap();
    let o = skillgap()
        .arg("batch")
        .arg(&input)
        .args(["--format", "json", "--date", DATE, "-o"])
        .arg(d.path().join("out"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("symbolic links, which are not followed"),
        "{err}"
    );
    assert!(!err.contains("SECRET-HASH"), "{err}");
}

#[test]
fn a_link_in_a_shard_folder_is_skipped_not_merged() {
    let d = tempfile::tempdir().unwrap();
    let shard = d.path().join("shard");
    let o = skillgap()
        .args([
            "batch",
            "samples/team-long.csv",
            "--format",
            "json",
            "--quiet",
        ])
        .args(["--date", DATE, "-o"])
        .arg(&shard)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    std::os::unix::fs::symlink(secret(d.path()), shard.join("zz-shadow.json")).unwrap();
    let out = d.path().join("merged");
    let o = skillgap()
        .args(["team-summary", "--date", DATE, "-o"])
        .arg(&out)
        .arg(&shard)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("skipping") && err.contains("zz-shadow.json"),
        "{err}"
    );
    assert!(!err.contains("SECRET-HASH"), "{err}");
    assert!(!out.join("errors.csv").exists());
}

/// A link in `--templates` (to a file of someone else's, named like a
/// role) is skipped and named, and its content reaches no message.
#[test]
fn a_link_in_the_templates_folder_is_skipped_and_named() {
    let d = tempfile::tempdir().unwrap();
    let tpl = d.path().join("tpl");
    std::fs::create_dir_all(tpl.join("roles")).unwrap();
    let s = secret(d.path());
    std::os::unix::fs::symlink(&s, tpl.join("roles/stolen.toml")).unwrap();
    std::os::unix::fs::symlink(d.path(), tpl.join("learning")).unwrap();
    let o = skillgap()
        .args(["roles", "--templates"])
        .arg(&tpl)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("SECRET"), "{err}");
    assert!(
        err.contains("skipping") && err.contains("stolen.toml") && err.contains("learning"),
        "{err}"
    );
    assert!(err.contains("not followed"), "{err}");
}

/// The font folders searched for a glyph DejaVu lacks: a link there named
/// like a font is skipped and named, never read.
#[test]
fn a_link_in_a_font_folder_is_skipped_and_named() {
    let d = tempfile::tempdir().unwrap();
    let fonts = d.path().join("data/fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    std::os::unix::fs::symlink("/dev/zero", fonts.join("zero.ttf")).unwrap();
    std::os::unix::fs::symlink(secret(d.path()), fonts.join("secret.otf")).unwrap();
    let input = d.path().join("me.csv");
    std::fs::write(&input, "person,skill,rating\n李雷,Docker,3\n").unwrap();
    let o = skillgap()
        .arg("report")
        .arg(&input)
        .args(["--date", DATE, "-o"])
        .arg(d.path().join("r.pdf"))
        .env("HOME", d.path())
        .env("XDG_DATA_HOME", d.path().join("data"))
        .env("XDG_DATA_DIRS", d.path().join("none"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("SECRET"), "{err}");
    assert!(
        err.contains("symbolic link(s) in the font folders")
            && err.contains("zero.ttf")
            && err.contains("secret.otf"),
        "{err}"
    );
}
