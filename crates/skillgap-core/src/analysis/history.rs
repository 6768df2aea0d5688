//! Progress: what changed between the previous assessment and this one —
//! fit per role before and now, per-skill changes, and which milestones of
//! the plan the previous assessment would have produced are reached.
//!
//! Pure: two finished reports in, one section out.

use crate::analysis::report::{Delta, FitChange, Previous, Report};
use crate::plan::{PlanOptions, default_start};
use chrono::NaiveDate;

/// The plan the previous assessment would have produced: the same pace
/// and horizon length, starting the Monday after the previous assessment
/// (or when `current` starts, when the previous assessment is undated).
pub fn previous_plan_options(current: &PlanOptions, assessed_on: Option<NaiveDate>) -> PlanOptions {
    let Some(date) = assessed_on else {
        return current.clone();
    };
    let start = default_start(date);
    let length = current.horizon_end - current.start;
    PlanOptions {
        start,
        hours_per_week: current.hours_per_week,
        horizon_end: start.checked_add_signed(length).unwrap_or(start),
        cloud: current.cloud.clone(),
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Compares the report of the previous assessment with this one.
/// Ratings, gaps and the previous plan are taken as they are in `before`.
pub fn compare(before: &Report, now: &Report) -> Previous {
    let fits = now
        .roles
        .iter()
        .filter_map(|f| {
            let b = before.roles.iter().find(|p| p.id == f.id)?;
            Some(FitChange {
                role: f.id.clone(),
                title: f.title.clone(),
                before: b.fit,
                now: f.fit,
                change: round1(f.fit - b.fit),
            })
        })
        .collect();

    let was = |id: &str| {
        before
            .ratings
            .iter()
            .find(|r| r.skill == id)
            .map(|r| r.rating)
    };
    let is = |id: &str| now.ratings.iter().find(|r| r.skill == id).map(|r| r.rating);
    let mut deltas = Vec::new();
    let mut unchanged = 0;
    let skills = now.ratings.iter().map(|r| (&r.skill, &r.name)).chain(
        before
            .ratings
            .iter()
            .filter(|r| is(&r.skill).is_none())
            .map(|r| (&r.skill, &r.name)),
    );
    for (id, name) in skills {
        let (b, n) = (was(id), is(id));
        if b == n {
            unchanged += 1;
            continue;
        }
        deltas.push(Delta {
            skill: id.clone(),
            name: name.clone(),
            before: b,
            now: n,
            change: n.unwrap_or(0.0) - b.unwrap_or(0.0),
        });
    }
    // Stable: equal changes keep the catalogue order.
    deltas.sort_by(|a, b| b.change.total_cmp(&a.change));

    let level = |id: &str| is(id).unwrap_or(0.0);
    let (mut reached, mut open) = (Vec::new(), Vec::new());
    if let Some(plan) = &before.plan {
        for m in &plan.milestones {
            if level(&m.skill) >= f64::from(m.to) {
                reached.push(m.clone());
            } else if before.assessed_on.is_some()
                && now.assessed_on.unwrap_or(now.generated_on) >= m.date
            {
                open.push(m.clone());
            }
        }
    }
    Previous {
        assessed_on: before.assessed_on,
        source: before.source.clone(),
        best_fit: before.best_fit.clone(),
        fits,
        deltas,
        unchanged,
        milestones_reached: reached,
        milestones_open: open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn previous_plan_starts_the_monday_after_with_the_same_length() {
        let now = PlanOptions {
            start: d("2026-11-30"),
            hours_per_week: 4.0,
            horizon_end: d("2027-05-30"),
            cloud: None,
        };
        let p = previous_plan_options(&now, Some(d("2026-06-01")));
        assert_eq!(p.start, d("2026-06-08"));
        assert_eq!(p.horizon_end - p.start, now.horizon_end - now.start);
        assert_eq!(p.hours_per_week, 4.0);
        assert_eq!(previous_plan_options(&now, None).start, now.start);
    }
}
