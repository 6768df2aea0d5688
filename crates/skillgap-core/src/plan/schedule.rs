//! Scheduling: dates for the ordered steps, the horizon cut, milestones.
//!
//! Convention: items run one at a time, back to back (recurring practice
//! aside, see below). An item covers the
//! days `[start, end]`, both inclusive, and the next item starts the day
//! after `end`. The first item starts on the plan's start date.
//!
//! Durations come from cumulative hours, not from adding up per-item
//! durations: the k-th item ends at day offset
//! `ceil(C_k × 7 / hours_per_week)` (exclusive), where `C_k` is the sum of
//! the hours of items 1..=k. Rounding therefore never accumulates: after any
//! number of items the plan is at most one day behind the exact time. The
//! one exception is that every item gets at least one day, so an item too
//! small to move the cumulative end still gets its own day.
//!
//! A recurring practice (drills, game days, on-call shifts: a resource with
//! `sessions`) is not one block. Its first session is scheduled like an
//! item of `ceil(hours / count)` hours; the next item starts the day after
//! that first session, while the later sessions follow every `every_weeks`
//! weeks. Each later session reserves its hours on the day it starts: an
//! item that is under way then ends later by that much (its end is the
//! first day by which the plan's hours cover both its cumulative hours and
//! every session reserved before that day). So the week's hours are never
//! spent twice and the work between sessions is not held up by sessions
//! that have not happened yet. The item's dates run from its first day to
//! the last day of its last session, and its milestone is that last day.
//!
//! The arithmetic is done in integers: hours per week are taken in
//! micro-hours (rounded to 6 decimals), so 7 × 10 h at 5 h/week is exactly
//! 14 days, with no float error pushing it to 15.

use super::choose::Step;
use super::{LaterItem, Milestone, PlanAlternative, PlanItem, PlanOptions, PlanResource};
use crate::model::Sessions;
use chrono::{Days, NaiveDate};

/// Micro-hours per hour.
const MICRO: u128 = 1_000_000;

/// The dated part of a plan.
#[derive(Debug, Default)]
pub(super) struct Scheduled {
    /// Items that end within the horizon.
    pub items: Vec<PlanItem>,
    /// One per item, in date order.
    pub milestones: Vec<Milestone>,
    /// Everything from the first item that does not fit on.
    pub later: Vec<LaterItem>,
}

/// Turns hours into day offsets from the plan start.
struct Pace {
    /// Hours per week in micro-hours; `None` when no time is available.
    micro_per_week: Option<u128>,
}

impl Pace {
    fn new(hours_per_week: f64) -> Pace {
        // Zero, negative and NaN: no usable pace, nothing is scheduled.
        if hours_per_week.is_nan() || hours_per_week <= 0.0 {
            return Pace {
                micro_per_week: None,
            };
        }
        // The float→int cast saturates (infinity → u64::MAX), and a pace
        // below one micro-hour is raised to one so we never divide by zero.
        let micro = ((hours_per_week * 1e6).round() as u64).max(1);
        Pace {
            micro_per_week: Some(u128::from(micro)),
        }
    }

    /// The exclusive end offset, in days, after `cumulative` hours; `None`
    /// when there is no pace or the offset does not fit in a u64.
    fn end_offset(&self, cumulative: u64) -> Option<u64> {
        let per_week = self.micro_per_week?;
        // ≤ 1.3e26, far below u128::MAX: no overflow possible here.
        let numerator = u128::from(cumulative) * 7 * MICRO;
        u64::try_from(numerator.div_ceil(per_week)).ok()
    }
}

/// Dates `steps` (already in plan order) from `opts.start`; the first item
/// that would end after `opts.horizon_end`, or whose date cannot be
/// represented, goes to `later` together with every item after it.
pub(super) fn schedule(steps: &[Step], opts: &PlanOptions) -> Scheduled {
    let pace = Pace::new(opts.hours_per_week);
    let mut out = Scheduled::default();
    // Hours of the one-at-a-time work (items and first sessions) so far.
    let mut cumulative: u64 = 0;
    // Later sessions of recurring practice: (day offset, hours).
    let mut reserved: Vec<(u64, u64)> = Vec::new();
    // Day offset (from opts.start) the next item starts on.
    let mut next_offset: u64 = 0;
    let mut cut = false;
    for (k, step) in steps.iter().enumerate() {
        // A read-then-do pair reaches its level once: at the second.
        let reaches = steps
            .get(k + 1)
            .is_none_or(|n| n.skill != step.skill || n.to != step.to);
        let hours = step.resource.hours;
        let mut resource = PlanResource::from_resource(step.resource);
        resource.alternative = step.alternative.map(PlanAlternative::from_resource);
        resource.instead = step.instead.map(PlanAlternative::from_resource);
        if !cut {
            // Work with a calendar duration is spread over its weeks, an
            // hour share a week, alongside the items that follow.
            let over_weeks = step.resource.weeks.filter(|w| *w > 1).map(|w| Sessions {
                count: w.min(hours.max(2)),
                every_weeks: 1,
            });
            let sessions = step
                .resource
                .sessions
                .or(over_weeks)
                .filter(|s| s.count > 1 && s.every_weeks > 0);
            let first_hours = match sessions {
                Some(s) => u64::from(hours.div_ceil(s.count)),
                None => u64::from(hours),
            };
            let every = sessions.map_or(0, |s| u64::from(s.every_weeks) * 7);
            let span_days = sessions.map_or(0, |s| u64::from(s.count - 1) * every);
            let upto = cumulative.saturating_add(first_hours);
            let dated = end_with_reserved(&pace, upto, &reserved)
                // At least one day per item.
                .map(|end| end.max(next_offset.saturating_add(1)))
                .and_then(|end| {
                    let first = opts.start.checked_add_days(Days::new(next_offset))?;
                    let last = opts
                        .start
                        .checked_add_days(Days::new((end - 1).checked_add(span_days)?))?;
                    Some((first, last, end))
                });
            match dated {
                Some((first, last, end)) if last <= opts.horizon_end => {
                    if let Some(s) = sessions {
                        let mut left = u64::from(hours) - first_hours;
                        for k in 1..u64::from(s.count) {
                            let h = left.min(first_hours);
                            left -= h;
                            reserved.push((next_offset + k * every, h));
                        }
                    }
                    cumulative = upto;
                    if reaches {
                        out.milestones.push(milestone(step, last));
                    }
                    out.items.push(PlanItem {
                        skill: step.skill.into(),
                        name: step.name.to_owned(),
                        from: step.from,
                        to: step.to,
                        resource,
                        hours,
                        start: first,
                        end: last,
                    });
                    next_offset = end;
                    continue;
                }
                // Past the horizon or past the calendar: stop dating.
                _ => cut = true,
            }
        }
        out.later.push(LaterItem {
            skill: step.skill.into(),
            name: step.name.to_owned(),
            from: step.from,
            to: step.to,
            resource,
            hours,
        });
    }
    // Items are sequential, so this is already in order; the stable sort
    // keeps the contract explicit and keeps item order on equal dates.
    out.milestones.sort_by_key(|m| m.date);
    out
}

/// The exclusive end offset of work reaching `cumulative` hours when the
/// `reserved` sessions also take their hours: the first offset by which the
/// pace covers `cumulative` plus every session reserved before it. The
/// offset only grows while sessions are added, and there are finitely many,
/// so the loop ends.
fn end_with_reserved(pace: &Pace, cumulative: u64, reserved: &[(u64, u64)]) -> Option<u64> {
    let mut end = pace.end_offset(cumulative)?;
    loop {
        let taken = reserved
            .iter()
            .filter(|(day, _)| *day < end)
            .fold(0u64, |sum, (_, h)| sum.saturating_add(*h));
        let next = pace.end_offset(cumulative.saturating_add(taken))?;
        if next <= end {
            return Some(end);
        }
        end = next;
    }
}

fn milestone(step: &Step, date: NaiveDate) -> Milestone {
    Milestone {
        date,
        skill: step.skill.into(),
        name: step.name.to_owned(),
        from: step.from,
        to: step.to,
    }
}

#[cfg(test)]
mod tests {
    use super::super::choose::tests::res;
    use super::super::tests::{d, opts};
    use super::*;
    use crate::model::Resource;

    fn steps(cat: &[Resource]) -> Vec<Step<'_>> {
        cat.iter()
            .map(|r| Step {
                skill: r.skill.as_str(),
                name: r.skill.as_str(),
                from: f64::from(r.from),
                to: r.to,
                resource: r,
                alternative: None,
                instead: None,
                needs: r.requires.iter().map(String::as_str).collect(),
            })
            .collect()
    }

    fn spans(s: &Scheduled) -> Vec<(NaiveDate, NaiveDate)> {
        s.items.iter().map(|i| (i.start, i.end)).collect()
    }

    #[test]
    fn ten_hours_at_five_per_week_is_two_weeks_inclusive() {
        let cat = [res("a", "s", 0, 1, 10, &[]), res("b", "s", 1, 2, 5, &[])];
        let s = schedule(&steps(&cat), &opts(d(2026, 11, 30), 5.0, d(2027, 12, 31)));
        assert_eq!(
            spans(&s),
            [
                (d(2026, 11, 30), d(2026, 12, 13)),
                (d(2026, 12, 14), d(2026, 12, 20)),
            ]
        );
        assert!(s.later.is_empty());
    }

    #[test]
    fn rounding_does_not_accumulate() {
        // 3 h at 5 h/week is 4.2 days. Three of them are 12.6 days → 13,
        // not 3 × ceil(4.2) = 15.
        let cat = [
            res("a", "s", 0, 1, 3, &[]),
            res("b", "s", 1, 2, 3, &[]),
            res("c", "s", 2, 3, 3, &[]),
        ];
        let s = schedule(&steps(&cat), &opts(d(2026, 1, 1), 5.0, d(2026, 12, 31)));
        // Offsets: ceil(4.2)=5, ceil(8.4)=9, ceil(12.6)=13.
        assert_eq!(
            spans(&s),
            [
                (d(2026, 1, 1), d(2026, 1, 5)),
                (d(2026, 1, 6), d(2026, 1, 9)),
                (d(2026, 1, 10), d(2026, 1, 13)),
            ]
        );
    }

    #[test]
    fn every_item_gets_at_least_a_day() {
        let cat = [
            res("zero", "s", 0, 1, 0, &[]),
            res("one", "s", 1, 2, 1, &[]),
            res("two", "s", 2, 3, 1, &[]),
        ];
        // 40 h/week: 1 h = 0.175 days; 2 h cumulative = 0.35 days.
        let s = schedule(&steps(&cat), &opts(d(2026, 3, 2), 40.0, d(2026, 12, 31)));
        assert_eq!(
            spans(&s),
            [
                (d(2026, 3, 2), d(2026, 3, 2)),
                (d(2026, 3, 3), d(2026, 3, 3)),
                (d(2026, 3, 4), d(2026, 3, 4)),
            ]
        );
    }

    #[test]
    fn milestones_are_item_ends() {
        let cat = [res("a", "s", 1, 3, 10, &[]), res("b", "t", 0, 2, 5, &[])];
        let s = schedule(&steps(&cat), &opts(d(2026, 11, 30), 5.0, d(2027, 12, 31)));
        let got: Vec<_> = s
            .milestones
            .iter()
            .map(|m| (m.date, m.skill.as_str(), m.from, m.to))
            .collect();
        assert_eq!(
            got,
            [
                (d(2026, 12, 13), "s", 1.0, 3),
                (d(2026, 12, 20), "t", 0.0, 2)
            ]
        );
    }

    #[test]
    fn horizon_cut_moves_the_rest_to_later() {
        // 10 h ends 12-13 (fits), 10 h more ends 12-27 (past 12-20), and the
        // 1 h item after it would fit alone but still goes to later.
        let cat = [
            res("a", "s", 0, 1, 10, &[]),
            res("b", "s", 1, 2, 10, &[]),
            res("c", "t", 0, 1, 1, &[]),
        ];
        let s = schedule(&steps(&cat), &opts(d(2026, 11, 30), 5.0, d(2026, 12, 20)));
        assert_eq!(spans(&s), [(d(2026, 11, 30), d(2026, 12, 13))]);
        let later: Vec<_> = s.later.iter().map(|l| l.resource.id.as_str()).collect();
        assert_eq!(later, ["b", "c"]);
        assert_eq!(s.milestones.len(), 1);
    }

    #[test]
    fn recurring_practice_spreads_its_sessions_and_the_next_item_runs_alongside() {
        // 4 sessions of 3 h, one every 4 weeks, at 6 h/week: the first
        // session takes 3.5 days; the last ends 12 weeks after the first.
        let mut drill = res("drill", "s", 2, 3, 12, &[]);
        drill.sessions = Some(crate::model::Sessions {
            count: 4,
            every_weeks: 4,
        });
        let cat = [
            drill,
            res("book", "t", 0, 1, 6, &[]),
            res("long", "u", 0, 1, 30, &[]),
        ];
        let s = schedule(&steps(&cat), &opts(d(2026, 11, 30), 6.0, d(2027, 12, 31)));
        // Drill: days 0–3 (ceil 3.5 = 4), last session ends day 3 + 84 = 87.
        // Book: starts day 4; 9 h at 6 h/week = 10.5 → ends before day 11;
        // no session falls before then.
        // Long: 39 h → day 46, but the session reserved on day 28 takes
        // 3 h of that time: 42 h → day 49 (the one on day 56 is later).
        assert_eq!(
            spans(&s),
            [
                (d(2026, 11, 30), d(2027, 2, 25)),
                (d(2026, 12, 4), d(2026, 12, 10)),
                (d(2026, 12, 11), d(2027, 1, 17)),
            ]
        );
        let dates: Vec<_> = s
            .milestones
            .iter()
            .map(|m| (m.skill.as_str(), m.date))
            .collect();
        assert_eq!(
            dates,
            [
                ("t", d(2026, 12, 10)),
                ("u", d(2027, 1, 17)),
                ("s", d(2027, 2, 25))
            ]
        );
        // A horizon before the last session: the drill goes to later, and
        // reserves nothing.
        let s = schedule(&steps(&cat), &opts(d(2026, 11, 30), 6.0, d(2027, 1, 31)));
        assert!(s.items.is_empty());
        assert_eq!(s.later.len(), 3);
    }

    #[test]
    fn item_ending_on_the_horizon_fits() {
        let cat = [res("a", "s", 0, 1, 10, &[])];
        let s = schedule(&steps(&cat), &opts(d(2026, 11, 30), 5.0, d(2026, 12, 13)));
        assert_eq!(s.items.len(), 1);
        assert!(s.later.is_empty());
    }

    #[test]
    fn no_pace_means_everything_is_later() {
        let cat = [res("a", "s", 0, 1, 1, &[])];
        for hpw in [0.0, -3.0, f64::NAN, f64::NEG_INFINITY] {
            let s = schedule(&steps(&cat), &opts(d(2026, 1, 1), hpw, d(2030, 1, 1)));
            assert!(s.items.is_empty(), "{hpw}");
            assert_eq!(s.later.len(), 1, "{hpw}");
        }
    }

    #[test]
    fn extreme_inputs_do_not_overflow() {
        let cat = [
            res("a", "s", 0, 1, u32::MAX, &[]),
            res("b", "s", 1, 2, u32::MAX, &[]),
        ];
        // Tiny pace: the end date is beyond the calendar → later, no panic.
        let s = schedule(&steps(&cat), &opts(d(2026, 1, 1), 1e-9, NaiveDate::MAX));
        assert!(s.items.is_empty());
        assert_eq!(s.later.len(), 2);
        // Start at the last representable day: a one-day item just fits.
        let one = [res("c", "s", 0, 1, 0, &[])];
        let s = schedule(&steps(&one), &opts(NaiveDate::MAX, 5.0, NaiveDate::MAX));
        assert_eq!(spans(&s), [(NaiveDate::MAX, NaiveDate::MAX)]);
        // Infinite pace: each item still takes one day.
        let s = schedule(
            &steps(&cat),
            &opts(d(2026, 1, 1), f64::INFINITY, d(2026, 1, 31)),
        );
        assert_eq!(
            spans(&s),
            [
                (d(2026, 1, 1), d(2026, 1, 1)),
                (d(2026, 1, 2), d(2026, 1, 2))
            ]
        );
    }

    #[test]
    fn tiny_pace_is_exact() {
        // 0.1 h/week: 1 h is exactly 70 days (no float error → 71).
        let cat = [res("a", "s", 0, 1, 1, &[])];
        let s = schedule(&steps(&cat), &opts(d(2026, 1, 1), 0.1, d(2027, 1, 1)));
        assert_eq!(spans(&s), [(d(2026, 1, 1), d(2026, 3, 11))]);
    }
}
