//! `--shard K/N`, and `--shard auto[/N]` from a job scheduler's
//! environment (Kubernetes Indexed Jobs, Slurm arrays).
//!
//! A task that cannot tell for certain which shard it is refuses (a usage
//! error) rather than guess: a wrong guess runs everyone, or one shard
//! twice and another never, and nothing would say so until the merge.

use crate::error::UsageError;

/// Most shards a run may be split into (a manifest records every shard's
/// size, so this bounds it too).
pub const MAX_SHARDS: u64 = 10_000;

/// What a job scheduler tells a task about its place in an array of tasks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scheduler {
    /// `JOB_COMPLETION_INDEX`: a Kubernetes Indexed Job's index, 0-based.
    pub job_completion_index: Option<String>,
    /// `SLURM_ARRAY_TASK_ID`: a Slurm array task's id.
    pub slurm_array_task_id: Option<String>,
    /// `SLURM_ARRAY_TASK_COUNT`: how many tasks the Slurm array has.
    pub slurm_array_task_count: Option<String>,
    /// `SLURM_ARRAY_TASK_MIN`: the array's first id (ids may start at 0 or 1).
    pub slurm_array_task_min: Option<String>,
    /// `SLURM_ARRAY_TASK_MAX`: the array's last id.
    pub slurm_array_task_max: Option<String>,
    /// `SLURM_ARRAY_TASK_STEP`: the step between ids (`--array=0-6:2`).
    pub slurm_array_task_step: Option<String>,
}

impl Scheduler {
    /// The scheduler's variables as `var` reads them (the process
    /// environment, or a test's).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        Scheduler {
            job_completion_index: var("JOB_COMPLETION_INDEX"),
            slurm_array_task_id: var("SLURM_ARRAY_TASK_ID"),
            slurm_array_task_count: var("SLURM_ARRAY_TASK_COUNT"),
            slurm_array_task_min: var("SLURM_ARRAY_TASK_MIN"),
            slurm_array_task_max: var("SLURM_ARRAY_TASK_MAX"),
            slurm_array_task_step: var("SLURM_ARRAY_TASK_STEP"),
        }
    }
}

/// `K/N` with 1 ≤ K ≤ N ≤ [`MAX_SHARDS`]; `auto/N` and `auto` take K (and
/// N) from the job scheduler's environment (see [`Scheduler`]).
pub(super) fn parse_shard(s: &str, sched: &Scheduler) -> Result<(u64, u64), UsageError> {
    let err = || {
        UsageError(format!(
            "--shard \"{s}\" must be K/N with 1 ≤ K ≤ N ≤ {MAX_SHARDS}, e.g. 2/8, or auto/N, or auto"
        ))
    };
    let (k, n) = match s.trim().split_once('/') {
        Some((k, n)) => (k.trim(), n.trim()),
        None if s.trim().eq_ignore_ascii_case("auto") => ("auto", ""),
        None => return Err(err()),
    };
    let count = |n: &str| match n.parse::<u64>() {
        Ok(n) if (1..=MAX_SHARDS).contains(&n) => Ok(n),
        _ => Err(err()),
    };
    if k.eq_ignore_ascii_case("auto") {
        let n = if n.is_empty() { None } else { Some(count(n)?) };
        return shard_from_scheduler(n, sched);
    }
    let (k, n) = (k.parse::<u64>().map_err(|_| err())?, count(n)?);
    if k == 0 || k > n {
        return Err(err());
    }
    Ok((k, n))
}

/// A set, non-blank variable's value.
fn set(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A scheduler variable read as an index or count: a clear error for a
/// negative, non-numeric or too large value.
fn number(var: &str, v: &str) -> Result<u64, UsageError> {
    let why = if v.starts_with('-') && v[1..].chars().all(|c| c.is_ascii_digit()) {
        "is negative"
    } else if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) {
        match v.parse::<u64>() {
            Ok(n) => return Ok(n),
            Err(_) => "is too large",
        }
    } else {
        "is not a whole number"
    };
    Err(UsageError(format!(
        "--shard auto: {var}=\"{}\" {why}; check the job's environment, or give --shard K/N",
        crate::ingest::shorten(v)
    )))
}

/// `--shard auto[/N]`: K from `JOB_COMPLETION_INDEX` or `SLURM_ARRAY_TASK_ID`.
fn shard_from_scheduler(n: Option<u64>, sched: &Scheduler) -> Result<(u64, u64), UsageError> {
    if let Some(i) = set(&sched.job_completion_index) {
        return kubernetes(number("JOB_COMPLETION_INDEX", i)?, n);
    }
    if let Some(i) = set(&sched.slurm_array_task_id) {
        return slurm(number("SLURM_ARRAY_TASK_ID", i)?, n, sched);
    }
    Err(UsageError(
        "--shard auto: none of JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) is set; give --shard K/N instead".into(),
    ))
}

/// A Kubernetes Indexed Job: index 0..N-1 is shard 1..N. A pod is not
/// told how many completions its Job has, so N must be given.
fn kubernetes(index: u64, n: Option<u64>) -> Result<(u64, u64), UsageError> {
    let Some(n) = n else {
        return Err(UsageError(format!(
            "--shard auto: JOB_COMPLETION_INDEX={index} is set (a Kubernetes Indexed Job), but a pod is not told how many completions its Job has; give --shard auto/N with N = the Job's spec.completions"
        )));
    };
    if index >= n {
        return Err(UsageError(format!(
            "--shard auto/{n}: JOB_COMPLETION_INDEX={index} is outside 0–{}; N must equal the Job's spec.completions",
            n - 1
        )));
    }
    Ok((index + 1, n))
}

/// A Slurm array `--array=MIN-MAX[:STEP]`: task `MIN + i·STEP` is shard
/// `i + 1` of COUNT. Only a whole, evenly spaced array says which shard a
/// task is: a task of an array of one (`sbatch --array=2`, a rerun), of
/// another size than N, or with uneven ids refuses.
fn slurm(id: u64, n: Option<u64>, sched: &Scheduler) -> Result<(u64, u64), UsageError> {
    let need = |var: &str, v: &Option<String>| match set(v) {
        Some(v) => number(var, v),
        None => Err(UsageError(format!(
            "--shard auto: SLURM_ARRAY_TASK_ID={id} is set but {var} is not, so the array's shape is unknown; give --shard K/N"
        ))),
    };
    let count = need("SLURM_ARRAY_TASK_COUNT", &sched.slurm_array_task_count)?;
    let min = need("SLURM_ARRAY_TASK_MIN", &sched.slurm_array_task_min)?;
    let max = match set(&sched.slurm_array_task_max) {
        Some(v) => number("SLURM_ARRAY_TASK_MAX", v)?,
        None => min.saturating_add(count.saturating_sub(1)),
    };
    let step = match set(&sched.slurm_array_task_step) {
        Some(v) => number("SLURM_ARRAY_TASK_STEP", v)?.max(1),
        None => 1,
    };
    let array = if step > 1 {
        format!("{min}-{max}:{step}")
    } else {
        format!("{min}-{max}")
    };
    let rerun = |what: String| {
        UsageError(format!(
            "--shard auto: {what}. Only a whole array (e.g. --array=0-{}) tells a task its shard; to rerun one task, `scontrol requeue JOBID_TASKID` keeps its array, or give the shard itself (--shard K/N, K = position in the original array, from 1)",
            n.filter(|n| *n > 1).map_or(3, |n| n - 1)
        ))
    };
    if id < min || id > max || !(id - min).is_multiple_of(step) {
        return Err(rerun(format!(
            "SLURM_ARRAY_TASK_ID={id} is not a task of the array --array={array} (SLURM_ARRAY_TASK_MIN/_MAX/_STEP)"
        )));
    }
    if (max - min) / step + 1 != count {
        return Err(rerun(format!(
            "the array's {count} task ids between {min} and {max} are not evenly spaced (SLURM_ARRAY_TASK_STEP={step}); give --array=A-B or A-B:S"
        )));
    }
    if count == 1 {
        return Err(rerun(format!(
            "SLURM_ARRAY_TASK_ID={id} is the only task of its array (SLURM_ARRAY_TASK_COUNT=1), so this is not one shard of a split run"
        )));
    }
    if let Some(n) = n
        && n != count
    {
        return Err(rerun(format!(
            "--shard auto/{n} but the array --array={array} has {count} tasks; submit N tasks or drop /N"
        )));
    }
    if count > MAX_SHARDS {
        return Err(UsageError(format!(
            "--shard auto: the array has {count} tasks; a run is split into at most {MAX_SHARDS} shards"
        )));
    }
    Ok(((id - min) / step + 1, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slurm(vars: &[(&str, &str)]) -> Scheduler {
        Scheduler::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn shards_parse_and_check_bounds() {
        let none = Scheduler::default();
        assert_eq!(parse_shard("2/8", &none).unwrap(), (2, 8));
        assert_eq!(parse_shard("10000/10000", &none).unwrap(), (10_000, 10_000));
        for bad in [
            "0/2",
            "3/2",
            "1",
            "a/b",
            "1/0",
            "auto/x",
            "-1/4",
            "1/10001",
            "18446744073709551615/18446744073709551615",
            "auto/0",
        ] {
            assert!(parse_shard(bad, &none).is_err(), "{bad}");
        }
    }

    #[test]
    fn kubernetes_indices_need_n_and_stay_inside_it() {
        let none = Scheduler::default();
        let e = parse_shard("auto/4", &none).unwrap_err().0;
        assert!(
            e.contains("JOB_COMPLETION_INDEX") && e.contains("SLURM_ARRAY_TASK_ID"),
            "{e}"
        );
        let k8s = |i: &str| slurm(&[("JOB_COMPLETION_INDEX", i)]);
        assert_eq!(parse_shard("auto/4", &k8s("0")).unwrap(), (1, 4));
        assert_eq!(parse_shard("auto/4", &k8s("3")).unwrap(), (4, 4));
        let e = parse_shard("auto", &k8s("0")).unwrap_err().0;
        assert!(
            e.contains("--shard auto/N") && e.contains("completions"),
            "{e}"
        );
        for (v, want) in [
            ("4", "outside 0–3"),
            ("18446744073709551615", "outside 0–3"),
            ("18446744073709551616", "too large"),
            ("-1", "negative"),
            ("two", "JOB_COMPLETION_INDEX=\"two\" is not a whole number"),
            ("1.5", "not a whole number"),
        ] {
            let e = parse_shard("auto/4", &k8s(v)).unwrap_err().0;
            assert!(e.contains(want), "{v}: {e}");
        }
    }

    /// The environment of one task of an array with these bounds.
    fn array(id: &str, min: &str, max: &str, step: &str, count: &str) -> Scheduler {
        slurm(&[
            ("SLURM_ARRAY_TASK_ID", id),
            ("SLURM_ARRAY_TASK_MIN", min),
            ("SLURM_ARRAY_TASK_MAX", max),
            ("SLURM_ARRAY_TASK_STEP", step),
            ("SLURM_ARRAY_TASK_COUNT", count),
        ])
    }

    #[test]
    fn slurm_arrays_map_ids_to_shards_whatever_their_start_and_step() {
        // --array=0-3, 1-4 and 0-6:2: four tasks, shards 1..4.
        for (i, id) in ["0", "1", "2", "3"].iter().enumerate() {
            let s = array(id, "0", "3", "1", "4");
            assert_eq!(parse_shard("auto", &s).unwrap(), (i as u64 + 1, 4));
            assert_eq!(parse_shard("auto/4", &s).unwrap(), (i as u64 + 1, 4));
        }
        assert_eq!(
            parse_shard("auto", &array("4", "1", "4", "1", "4")).unwrap(),
            (4, 4)
        );
        for (i, id) in ["0", "2", "4", "6"].iter().enumerate() {
            let s = array(id, "0", "6", "2", "4");
            assert_eq!(parse_shard("auto/4", &s).unwrap(), (i as u64 + 1, 4));
        }
        // Without MAX and STEP (older Slurm): a plain range from MIN.
        let old = slurm(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
        ]);
        assert_eq!(parse_shard("auto", &old).unwrap(), (2, 2));
    }

    #[test]
    fn slurm_tasks_that_cannot_know_their_shard_refuse() {
        let cases = [
            // sbatch --array=2: a rerun of one task.
            ("auto", array("2", "2", "2", "1", "1"), "only task"),
            ("auto/4", array("2", "2", "2", "1", "1"), "only task"),
            // An id outside the declared array, or between its steps.
            ("auto", array("9", "0", "3", "1", "4"), "not a task of"),
            ("auto", array("3", "0", "6", "2", "4"), "not a task of"),
            // --array=1,3,7: uneven ids.
            ("auto", array("3", "1", "7", "1", "3"), "not evenly spaced"),
            // N that is not the array's size.
            ("auto/3", array("1", "0", "3", "1", "4"), "has 4 tasks"),
            ("auto", array("-1", "0", "3", "1", "4"), "negative"),
            ("auto", array("x", "0", "3", "1", "4"), "not a whole number"),
        ];
        for (shard, s, want) in cases {
            let e = parse_shard(shard, &s).unwrap_err().0;
            assert!(e.contains(want), "{shard} {s:?}: {e}");
            let bad_value = want == "negative" || want == "not a whole number";
            // The array's shape is wrong: the message says how to rerun one task.
            assert_eq!(e.contains("scontrol requeue"), !bad_value, "{e}");
        }
        let no_count = slurm(&[("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "0")]);
        let e = parse_shard("auto", &no_count).unwrap_err().0;
        assert!(e.contains("SLURM_ARRAY_TASK_COUNT is not"), "{e}");
    }
}
