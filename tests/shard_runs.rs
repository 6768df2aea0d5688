//! End-to-end: sharded runs that cannot lose people without saying so
//! (issue 28). The merge proves completeness from the shards' manifests;
//! `--shard auto` refuses a task that cannot know its shard; a shard run
//! always writes JSON and never takes over another shard's folder. The
//! scheduler itself is covered by tests/slurm/run.sh; here its variables
//! are set by hand.

use crate::common::{DATE, MIXED, merge, pdf_text, shards, skillgap, stderr};
use std::path::Path;

/// `batch MIXED --shard SHARD -o out` with `extra` arguments.
fn shard(shard: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    let date: &[&str] = if extra.contains(&"--date") {
        &[]
    } else {
        &["--date", DATE]
    };
    skillgap()
        .args(["batch", MIXED, "-q", "--shard", shard])
        .args(date)
        .args(extra)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

/// The rows of a CSV the batch wrote (after its byte order mark).
fn rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// How many JSON reports (not the manifest) are in `dir`.
fn reports(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.ends_with(".json") && n != "manifest.json" && n != "team-summary.json"
        })
        .count()
}

fn edit_manifest(dir: &Path, edit: impl Fn(&mut serde_json::Value)) {
    let path = dir.join("manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut m);
    std::fs::write(&path, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
}

#[test]
fn a_missing_shard_is_refused_and_allow_partial_says_so_on_page_one_and_in_errors_csv() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1, 2, 4], 4);
    let missing = 50 - dirs.iter().map(|d| reports(d)).sum::<usize>();
    let out = d.path().join("merged");
    let o = merge(&dirs, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "shard 3/4 is missing: none of the folders given holds it; its {missing} people are not in this summary"
        )),
        "{err}"
    );
    assert!(err.contains("--allow-partial"), "{err}");
    assert!(!out.exists(), "nothing is written");

    let o = merge(&dirs, &out, &["--allow-partial"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: --allow-partial: shard 3/4 is missing"));
    let scope = format!("PARTIAL: shard 3 of 4 missing, {missing} of 50 people not included");
    let t = pdf_text(&out.join("team-summary.pdf"));
    let page1 = t.split("Page 1 of").next().unwrap();
    assert!(page1.contains(&scope), "{page1}");
    let errors = rows(&out.join("errors.csv"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[1][0], "shard 3/4");
    assert!(
        errors[1][3].contains(&format!("its {missing} people")),
        "{errors:?}"
    );
    assert_eq!(rows(&out.join("team-summary.csv")).len(), 50 - missing + 1);
}

#[test]
fn an_unfinished_shard_is_refused_naming_it() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1, 2], 2);
    // What a task killed by scancel or SIGKILL leaves: status running.
    edit_manifest(&dirs[1], |m| m["status"] = "running".into());
    let out = d.path().join("merged");
    let o = merge(&dirs, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "shard 2/2 in {} did not finish (its manifest says running",
            dirs[1].display()
        )),
        "{err}"
    );
    assert!(!out.exists());
    // A rerun of that shard into its folder finishes it; the merge passes.
    let o = shard("2/2", &dirs[1], &["--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = merge(&dirs, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn shards_given_twice_or_split_differently_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let mut dirs = shards(d.path(), &[1, 2], 2);
    // The same shard in a second folder (a rerun with the wrong index).
    let again = d.path().join("again");
    assert!(shard("2/2", &again, &["--format", "json"]).status.success());
    dirs.push(again.clone());
    let o = merge(&dirs, &d.path().join("m"), &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("shard 2/2 is given twice"), "{err}");
    assert!(err.contains(&again.display().to_string()), "{err}");
    // Shard 1 of 2 with shard 2 of 3.
    let other = d.path().join("of-3");
    assert!(shard("2/3", &other, &["--format", "json"]).status.success());
    let o = merge(&[dirs[0].clone(), other], &d.path().join("m"), &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("different numbers of shards"), "{err}");
    // A folder without a manifest.
    let bare = d.path().join("bare");
    std::fs::create_dir(&bare).unwrap();
    let o = merge(&[bare], &d.path().join("m"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("manifest.json: is missing"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn shards_made_with_other_settings_or_inputs_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let first = shards(d.path(), &[1], 2).remove(0);
    let templates = d.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("extra.toml"), "x = 1\n").unwrap();
    let input = d.path().join("team.csv");
    let mut text = std::fs::read_to_string(MIXED).unwrap();
    text.push('\n');
    std::fs::write(&input, text).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--date", "2026-11-27"],
            "--date 2026-11-27 (not 2026-11-26)",
        ),
        (vec!["--unrated", "zero"], "--unrated zero (not skip)"),
        (vec!["--role", "sre"], "--role sre"),
        (
            vec!["--templates", templates.to_str().unwrap()],
            "--templates (the files in it)",
        ),
    ];
    for (extra, want) in cases {
        let second = d.path().join("second");
        let _ = std::fs::remove_dir_all(&second);
        let mut args = vec!["--format", "json"];
        args.extend(&extra);
        let o = shard("2/2", &second, &args);
        assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
        let o = merge(&[first.clone(), second.clone()], &d.path().join("m"), &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{extra:?}: {err}");
        assert!(err.contains(want), "{extra:?}: {err}");
        assert!(err.contains("second/manifest.json"), "{err}");
    }
    let second = d.path().join("other-input");
    let o = skillgap()
        .args(["batch", input.to_str().unwrap(), "-q", "--date", DATE])
        .args(["--shard", "2/2", "-o"])
        .arg(&second)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = merge(&[first, second], &d.path().join("m"), &[]);
    assert!(
        stderr(&o).contains("from other input files"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_merge_keeps_the_input_order_and_points_at_the_files_a_single_run_names() {
    let d = tempfile::tempdir().unwrap();
    let single = d.path().join("single");
    let o = skillgap()
        .args([
            "batch", MIXED, "-q", "--date", DATE, "--format", "pdf,json", "-o",
        ])
        .arg(&single)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let root = d.path().join("run");
    let mut dirs = Vec::new();
    for k in 1..=3 {
        let out = root.join(format!("shard-{k}"));
        let o = shard(&format!("{k}/3"), &out, &["--format", "pdf,json"]);
        assert!(o.status.success(), "{}", stderr(&o));
        dirs.push(out);
    }
    // No --date: the shards' date is the merge's.
    let o = merge(&dirs, &root, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (one, merged) = (
        rows(&single.join("team-summary.csv")),
        rows(&root.join("team-summary.csv")),
    );
    assert_eq!(one.len(), 51);
    let report = one[0].iter().position(|h| h == "report").unwrap();
    for (a, b) in one.iter().zip(&merged).skip(1) {
        // Same person in the same place; the report is the same file,
        // in the shard's folder.
        let (mut a, mut b) = (a.clone(), b.clone());
        let file = b[report].rsplit('/').next().unwrap().to_string();
        assert!(b[report].starts_with("shard-"), "{b:?}");
        assert_eq!(file, a[report], "{b:?}");
        assert!(file.ends_with(".pdf"), "{file}");
        assert_eq!(
            std::fs::read(root.join(&b[report])).unwrap(),
            std::fs::read(single.join(&a[report])).unwrap()
        );
        a.remove(report);
        b.remove(report);
        assert_eq!(a, b);
    }
    for f in ["team-skills.csv", "team-summary.pdf"] {
        assert_eq!(
            std::fs::read(single.join(f)).unwrap(),
            std::fs::read(root.join(f)).unwrap(),
            "{f} differs from the single run's"
        );
    }
}

#[test]
fn the_merge_date_and_roles_are_the_shards() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1, 2], 2);
    let o = merge(&dirs, &d.path().join("m"), &["--date", "2026-12-01"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("the shards were made with --date 2026-11-26"),
        "{err}"
    );
    let o = merge(&dirs, &d.path().join("m"), &["--role", "sre"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("the shards compared every role"));
    let o = merge(&dirs, &d.path().join("m"), &["--date", DATE]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn reports_removed_or_added_after_the_run_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(d.path(), &[1, 2], 2);
    let victim = std::fs::read_dir(&dirs[0])
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("manifest.json"))
        .unwrap();
    let kept = std::fs::read(&victim).unwrap();
    std::fs::remove_file(&victim).unwrap();
    let o = merge(&dirs, &d.path().join("m"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("reports were removed after the run"),
        "{}",
        stderr(&o)
    );
    // Back, but under a name the run did not write.
    std::fs::write(dirs[0].join("stray.json"), &kept).unwrap();
    let o = merge(&dirs, &d.path().join("m"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("stray.json: is not a report this folder's run wrote"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_shard_run_writes_json_and_keeps_out_of_another_shards_folder() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("shard");
    let o = shard("1/2", &out, &["--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let n = reports(&out);
    assert!(n > 0, "--format pdf with --shard writes JSON too");
    let before: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for (other, was) in [("2/2", "shard 1/2"), ("1/3", "shard 1/2")] {
        let o = shard(other, &out, &["--format", "json"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "this folder holds {was} and this run is shard {other}"
            )),
            "{err}"
        );
    }
    let o = skillgap()
        .args(["batch", MIXED, "-q", "--date", DATE, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("this run is a run that was not sharded"),
        "{}",
        stderr(&o)
    );
    let after: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after, "shard 1's files are untouched");
    // The same shard again is a rerun: allowed.
    assert!(shard("1/2", &out, &["--format", "pdf"]).status.success());
}

/// Scheduler variables.
type Env = Vec<(&'static str, &'static str)>;

/// `batch --shard SHARD` with the scheduler variables `env`.
fn scheduled(env: &[(&str, &str)], shard: &str, out: &Path) -> std::process::Output {
    let mut c = skillgap();
    for (k, v) in env {
        c.env(k, v);
    }
    c.args([
        "batch", MIXED, "--format", "json", "-q", "--date", DATE, "--shard", shard, "-o",
    ])
    .arg(out)
    .output()
    .unwrap()
}

#[test]
fn bad_scheduler_indices_are_usage_errors_and_run_nobody() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    let k8s = |i: &'static str| vec![("JOB_COMPLETION_INDEX", i)];
    let slurm = |id: &'static str,
                 min: &'static str,
                 max: &'static str,
                 step: &'static str,
                 count: &'static str| {
        vec![
            ("SLURM_ARRAY_TASK_ID", id),
            ("SLURM_ARRAY_TASK_MIN", min),
            ("SLURM_ARRAY_TASK_MAX", max),
            ("SLURM_ARRAY_TASK_STEP", step),
            ("SLURM_ARRAY_TASK_COUNT", count),
        ]
    };
    let cases: Vec<(Env, &str, &str)> = vec![
        (
            k8s("18446744073709551615"),
            "auto/4",
            "JOB_COMPLETION_INDEX=18446744073709551615 is outside 0–3",
        ),
        (k8s("99999999999999999999"), "auto/4", "is too large"),
        (k8s("-1"), "auto/4", "is negative"),
        (k8s("abc"), "auto/4", "is not a whole number"),
        (
            k8s("0"),
            "auto",
            "give --shard auto/N with N = the Job's spec.completions",
        ),
        // sbatch --array=2: a rerun of one task, with auto and auto/4.
        (
            slurm("2", "2", "2", "1", "1"),
            "auto",
            "only task of its array",
        ),
        (
            slurm("2", "2", "2", "1", "1"),
            "auto/4",
            "only task of its array",
        ),
        // An id outside the array, and --array=1,3,7.
        (
            slurm("7", "0", "3", "1", "4"),
            "auto",
            "is not a task of the array --array=0-3",
        ),
        (slurm("3", "1", "7", "1", "3"), "auto", "not evenly spaced"),
        (slurm("1", "0", "3", "1", "4"), "auto/3", "has 4 tasks"),
    ];
    for (env, spec, want) in cases {
        let o = scheduled(&env, spec, &out);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{env:?}: {err}");
        assert!(err.contains(want), "{env:?}: {err}");
        assert!(!out.exists(), "{env:?}: nothing is run");
    }
}

#[test]
fn a_step_array_maps_its_tasks_onto_every_shard() {
    let d = tempfile::tempdir().unwrap();
    // --array=0-6:2: ids 0, 2, 4, 6 are shards 1..4.
    let mut dirs = Vec::new();
    for id in ["0", "2", "4", "6"] {
        let out = d.path().join(format!("shard-{id}"));
        let env = [
            ("SLURM_ARRAY_TASK_ID", id),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_MAX", "6"),
            ("SLURM_ARRAY_TASK_STEP", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        let o = scheduled(&env, "auto", &out);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        dirs.push(out);
    }
    let o = merge(&dirs, &d.path().join("m"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rows(&d.path().join("m").join("team-summary.csv")).len(), 51);
}

#[test]
fn the_people_limit_is_per_task_and_says_how_to_raise_it() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("big.csv");
    let mut csv = String::from("person,skill,rating\n");
    for i in 0..10_001 {
        csv.push_str(&format!("P{i:05},Docker,3\n"));
    }
    std::fs::write(&input, csv).unwrap();
    let run = |extra: &[&str], out: &Path| {
        skillgap()
            .args([
                "batch",
                input.to_str().unwrap(),
                "-q",
                "--date",
                DATE,
                "--format",
                "json",
            ])
            .args(extra)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap()
    };
    let o = run(&[], &d.path().join("one"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("more than 10000 people"), "{err}");
    assert!(
        err.contains("split the run into shards (--shard K/N)"),
        "{err}"
    );
    // One of 200 shards: the file may hold 200 times as many.
    let out = d.path().join("shard");
    let o = run(&["--shard", "7/200"], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let n = reports(&out);
    assert!((20..=80).contains(&n), "{n} people in shard 7 of 200");
}

/// Every file a merge into `out` wrote, by name.
fn written(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_merge_is_the_same_for_any_number_of_readers() {
    let d = tempfile::tempdir().unwrap();
    let dirs = shards(&d.path().join("run"), &[1, 2, 3], 3);
    let out = d.path().join("merged");
    let mut runs = Vec::new();
    for jobs in ["1", "4", "2"] {
        let o = merge(&dirs, &out, &["--jobs", jobs]);
        assert!(o.status.success(), "{}", stderr(&o));
        runs.push(written(&out));
    }
    assert_eq!(
        runs[0].len(),
        5,
        "{:?}",
        runs[0].iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
    // With two bad reports, every number of readers names the first in
    // file order, and only it.
    let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(&dirs[1])
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            n.ends_with(".json") && n != "manifest.json"
        })
        .collect();
    names.sort();
    assert!(names.len() > 4);
    std::fs::write(&names[3], b"{").unwrap();
    std::fs::write(&names[1], b"[]").unwrap();
    let errors: Vec<String> = ["1", "4", "2"]
        .iter()
        .map(|jobs| {
            let o = merge(&dirs, &d.path().join("bad"), &["--jobs", jobs]);
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            stderr(&o)
        })
        .collect();
    let first = names[1].file_name().unwrap().to_string_lossy().to_string();
    let later = names[3].file_name().unwrap().to_string_lossy().to_string();
    assert!(
        errors[0].contains(&first) && !errors[0].contains(&later),
        "{}",
        errors[0]
    );
    assert_eq!(errors[0], errors[1]);
    assert_eq!(errors[0], errors[2]);
    let o = merge(&dirs, &d.path().join("zero"), &["--jobs", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
