//! `--shard K/N`, and `--shard auto[/N]` from a job scheduler's
//! environment (Kubernetes Indexed Jobs, Slurm arrays).

use crate::error::UsageError;

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
}

/// `K/N` with 1 ≤ K ≤ N; `auto/N` and `auto` take K (and N) from the job
/// scheduler's environment (see [`Scheduler`]).
pub(super) fn parse_shard(s: &str, sched: &Scheduler) -> Result<(u64, u64), UsageError> {
    let err = || {
        UsageError(format!(
            "--shard \"{s}\" must be K/N with 1 ≤ K ≤ N, e.g. 2/8, or auto/N, or auto"
        ))
    };
    let (k, n) = match s.trim().split_once('/') {
        Some((k, n)) => (k.trim(), n.trim()),
        None if s.trim().eq_ignore_ascii_case("auto") => ("auto", ""),
        None => return Err(err()),
    };
    if k.eq_ignore_ascii_case("auto") {
        let n = if n.is_empty() {
            None
        } else {
            Some(n.parse::<u64>().map_err(|_| err())?)
        };
        return shard_from_scheduler(n, sched);
    }
    let (k, n): (u64, u64) = (k.parse().map_err(|_| err())?, n.parse().map_err(|_| err())?);
    if k == 0 || n == 0 || k > n {
        return Err(err());
    }
    Ok((k, n))
}

/// `--shard auto[/N]`: K from `JOB_COMPLETION_INDEX` (0-based) or
/// `SLURM_ARRAY_TASK_ID` (counted from `SLURM_ARRAY_TASK_MIN`, else 0 or
/// 1 as the count says); N from `/N`, else `SLURM_ARRAY_TASK_COUNT`.
fn shard_from_scheduler(n: Option<u64>, sched: &Scheduler) -> Result<(u64, u64), UsageError> {
    let number = |var: &str, v: &str| {
        v.trim().parse::<u64>().map_err(|_| {
            UsageError(format!(
                "--shard auto: {var}=\"{v}\" is not a whole number; check the job's environment"
            ))
        })
    };
    let set = |v: &Option<String>| {
        v.as_deref()
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    let count = match set(&sched.slurm_array_task_count) {
        Some(c) => Some(number("SLURM_ARRAY_TASK_COUNT", &c)?),
        None => None,
    };
    let n = match (n, count) {
        (Some(n), _) => n,
        (None, Some(c)) => c,
        (None, None) => {
            return Err(UsageError(
                "--shard auto needs the number of shards: give --shard auto/N (e.g. the Job's completions), or run it as a Slurm array (SLURM_ARRAY_TASK_COUNT is not set)".into(),
            ));
        }
    };
    let (k, from) = if let Some(i) = set(&sched.job_completion_index) {
        (
            number("JOB_COMPLETION_INDEX", &i)? + 1,
            "JOB_COMPLETION_INDEX",
        )
    } else if let Some(i) = set(&sched.slurm_array_task_id) {
        let id = number("SLURM_ARRAY_TASK_ID", &i)?;
        let min = match set(&sched.slurm_array_task_min) {
            Some(m) => number("SLURM_ARRAY_TASK_MIN", &m)?,
            None => 0,
        };
        (id.saturating_sub(min) + 1, "SLURM_ARRAY_TASK_ID")
    } else {
        return Err(UsageError(
            "--shard auto: none of JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) is set; give --shard K/N instead".into(),
        ));
    };
    if n == 0 || k > n {
        return Err(UsageError(format!(
            "--shard auto: {from} gives shard {k} of {n}, past the last shard; make N the job's number of tasks"
        )));
    }
    Ok((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_check_bounds() {
        let none = Scheduler::default();
        assert_eq!(parse_shard("2/8", &none).unwrap(), (2, 8));
        for bad in ["0/2", "3/2", "1", "a/b", "1/0", "auto/x"] {
            assert!(parse_shard(bad, &none).is_err(), "{bad}");
        }
    }

    #[test]
    fn auto_shards_come_from_the_scheduler() {
        let none = Scheduler::default();
        let e = parse_shard("auto/4", &none).unwrap_err().0;
        assert!(
            e.contains("JOB_COMPLETION_INDEX") && e.contains("SLURM_ARRAY_TASK_ID"),
            "{e}"
        );
        let e = parse_shard("auto", &none).unwrap_err().0;
        assert!(e.contains("SLURM_ARRAY_TASK_COUNT"), "{e}");
        let k8s = Scheduler {
            job_completion_index: Some("0".into()),
            ..Scheduler::default()
        };
        assert_eq!(parse_shard("auto/4", &k8s).unwrap(), (1, 4));
        assert!(
            parse_shard(
                "auto/4",
                &Scheduler {
                    job_completion_index: Some("4".into()),
                    ..Scheduler::default()
                }
            )
            .is_err()
        );
        let slurm = Scheduler {
            slurm_array_task_id: Some("3".into()),
            slurm_array_task_count: Some("3".into()),
            slurm_array_task_min: Some("1".into()),
            ..Scheduler::default()
        };
        assert_eq!(parse_shard("auto", &slurm).unwrap(), (3, 3));
        assert_eq!(parse_shard("auto/8", &slurm).unwrap(), (3, 8));
        let zero_based = Scheduler {
            slurm_array_task_id: Some("0".into()),
            slurm_array_task_count: Some("2".into()),
            ..Scheduler::default()
        };
        assert_eq!(parse_shard("auto", &zero_based).unwrap(), (1, 2));
        let bad = Scheduler {
            job_completion_index: Some("two".into()),
            ..Scheduler::default()
        };
        assert!(
            parse_shard("auto/4", &bad)
                .unwrap_err()
                .0
                .contains("JOB_COMPLETION_INDEX=\"two\"")
        );
    }
}
