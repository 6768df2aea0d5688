//! The plan in a reader's words, shared by the PDF and the terminal so
//! both say the same thing with the same numbers: the dated window, the
//! whole plan's end, why the first step comes first and when the skills
//! that define the role are reached.

use crate::analysis::report::Report;
use crate::model::{Gap, RoleFit};
use crate::plan::{Plan, SkillPlan};
use crate::text::num;

/// The dated window: "your next six months", "your next 12 months",
/// "your next 10 weeks", or "until 2027-01-24" when it is none of those.
pub fn window(plan: &Plan) -> String {
    let days = (plan.horizon_end - plan.start).num_days() + 1;
    let months = (days as f64 / 30.44).round() as i64;
    match days {
        d if d % 7 == 0 && d / 7 == 26 => "your next six months".into(),
        d if d % 7 == 0 && d / 7 == 52 => "your next year".into(),
        d if d % 7 == 0 && d / 7 <= 16 => format!("your next {} weeks", d / 7),
        d if months > 0 && (d as f64 - months as f64 * 30.44).abs() <= 3.5 => {
            format!("your next {months} months")
        }
        _ => format!("until {}", plan.horizon_end),
    }
}

/// Hours of the dated items.
pub fn window_hours(plan: &Plan) -> u64 {
    plan.items.iter().map(|i| u64::from(i.hours)).sum()
}

fn hours(h: f64) -> String {
    format!("{} hour{}", num(h), if h == 1.0 { "" } else { "s" })
}

/// The whole plan: "All of it: 508 hours, done by 2028-07-07 at 5 hours a
/// week (at 8 hours a week: done by 2027-10-14)."; "That is the whole
/// plan (…)." when the window holds all of it. None with nothing planned.
pub fn whole(plan: &Plan) -> Option<String> {
    if plan.items.is_empty() && plan.later.is_empty() {
        return None;
    }
    let faster = match &plan.faster {
        Some(f) if plan.done_by.is_some_and(|d| f.done_by < d) => format!(
            " (at {} a week: done by {})",
            hours(f.hours_per_week),
            f.done_by
        ),
        _ => String::new(),
    };
    if plan.later.is_empty() {
        return Some(format!("That is the whole plan{faster}."));
    }
    let end = match plan.done_by {
        Some(d) => format!("done by {d} at {} a week", hours(plan.hours_per_week)),
        None => "with no end date at this pace".to_string(),
    };
    Some(format!(
        "All of it: {} hours, {end}{faster}.",
        plan.total_hours
    ))
}

/// What the whole plan costs and how much of it is doing: "Cost: $1,035
/// (exam fees $945); 3 steps have no known price. Doing (projects,
/// practice, lab exams): 64% of the hours." None with nothing planned.
pub fn cost(plan: &Plan) -> Option<String> {
    if plan.total_hours == 0 {
        return None;
    }
    let c = &plan.cost;
    let steps = |n: u32| {
        if n == 1 {
            "1 step".to_string()
        } else {
            format!("{n} steps")
        }
    };
    let mut out = if c.usd == 0 && c.unpriced == 0 {
        "Cost: free.".to_string()
    } else if c.usd == 0 {
        format!(
            "Cost: free apart from {} without a known price.",
            steps(c.unpriced)
        )
    } else {
        let mut s = format!("Cost: {}", dollars(c.usd));
        if c.exam_usd > 0 {
            s.push_str(&format!(" (exam fees {})", dollars(c.exam_usd)));
        }
        if c.unpriced > 0 {
            s.push_str(&format!(
                ", plus {} without a known price",
                steps(c.unpriced)
            ));
        }
        s.push('.');
        s
    };
    let share = u64::from(plan.hands_on_hours) * 100 / u64::from(plan.total_hours);
    out.push_str(&format!(
        " Doing (projects, practice, lab exams): {share}% of the hours."
    ));
    Some(out)
}

/// "$1,035": whole US dollars with thousands separated.
fn dollars(usd: u32) -> String {
    let digits = usd.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("${out}")
}

/// Why prerequisites come where they do among the first `k` planned
/// skills, one sentence per run of them: "Linux and Scripting first:
/// the Automation steps here need them." when the plan starts with them,
/// "Scripting before Automation: the Automation steps here need it."
/// further down. None when no
/// skill there comes early for another.
pub fn prerequisites(plan: &Plan, k: usize) -> Option<String> {
    let head: Vec<&SkillPlan> = plan.skills.iter().take(k).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < head.len() {
        if head[i].needed_by.is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < head.len() && !head[i].needed_by.is_empty() {
            i += 1;
        }
        let run = &head[start..i];
        let mut by: Vec<&str> = Vec::new();
        for s in run {
            for n in &s.needed_by {
                if !by.contains(&n.as_str()) && !run.iter().any(|l| &l.name == n) {
                    by.push(n);
                }
            }
        }
        // A chain of prerequisites (A for B for C): name what they lead to.
        if by.is_empty() {
            by = run[run.len() - 1]
                .needed_by
                .iter()
                .map(String::as_str)
                .collect();
        }
        let names: Vec<&str> = run.iter().map(|s| s.name.as_str()).collect();
        // What is said is what the catalogue knows: a step of the later
        // skill needs these to start, not that the skill itself builds on
        // them.
        let them = if names.len() == 1 { "it" } else { "them" };
        let (names, by) = (crate::text::and_list(&names), crate::text::and_list(&by));
        out.push(if start == 0 {
            format!("{names} first: the {by} steps here need {them}.")
        } else {
            format!("{names} before {by}: the {by} steps here need {them}.")
        });
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// The role whose gaps a report lists first: the one the plan works
/// toward (so "Work on first" and the plan are about the same role), else
/// the best fit.
pub fn gaps_role(r: &Report) -> Option<&RoleFit> {
    r.plan_role
        .as_deref()
        .and_then(|id| r.roles.iter().find(|f| f.id == id))
        .filter(|f| !f.gaps.is_empty())
        .or_else(|| r.best())
}

/// `role`'s gaps in the plan's order (its skills as the plan takes them),
/// then any the plan cannot teach, by priority.
pub fn in_plan_order<'a>(r: &Report, role: &'a RoleFit) -> Vec<&'a Gap> {
    let mut out: Vec<&Gap> = Vec::new();
    if let Some(p) = &r.plan {
        for s in &p.skills {
            if let Some(g) = role.gaps.iter().find(|g| g.skill == s.skill) {
                out.push(g);
            }
        }
    }
    for g in &role.gaps {
        if !out.iter().any(|o| o.skill == g.skill) {
            out.push(g);
        }
    }
    out
}

/// When the plan reaches the skills that define the role it works toward:
/// "What makes a Site Reliability Engineer: On-call 2 → 4 by 2026-11-02,
/// SLOs 1.5 → 4 by 2027-01-10; Postmortems 2 → 3 after your next six
/// months, by 2027-05-03." None when no planned skill defines it.
pub fn defining(r: &Report, plan: &Plan) -> Option<String> {
    let title = r
        .plan_role
        .as_deref()
        .and_then(|id| r.roles.iter().find(|f| f.id == id))
        .map(|f| f.title.as_str())?;
    let skills: Vec<&SkillPlan> = plan.skills.iter().filter(|s| s.defining).collect();
    if skills.is_empty() {
        return None;
    }
    let step = |s: &SkillPlan| format!("{} {} → {}", s.name, num(s.from), s.to);
    let soon: Vec<String> = skills
        .iter()
        .filter_map(|s| Some(format!("{} by {}", step(s), s.reached?)))
        .collect();
    let late: Vec<String> = skills
        .iter()
        .filter(|s| s.reached.is_none())
        .map(|s| match s.done_by {
            Some(d) => format!("{} by {d}", step(s)),
            None => step(s),
        })
        .collect();
    let mut parts = Vec::new();
    if !soon.is_empty() {
        parts.push(format!("in {}, {}", window(plan), soon.join(", ")));
    }
    if !late.is_empty() {
        parts.push(format!("after that, {}", late.join(", ")));
    }
    Some(format!("What defines {title}: {}.", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn plan(start: NaiveDate, end: NaiveDate) -> Plan {
        Plan {
            start,
            hours_per_week: 5.0,
            horizon_end: end,
            items: vec![],
            milestones: vec![],
            later: vec![],
            later_hours: 0,
            uncovered: vec![],
            total_hours: 0,
            done_by: None,
            faster: None,
            skills: vec![],
            hands_on_hours: 0,
            cost: Default::default(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cost_and_doing_in_words() {
        let mut p = plan(d(2026, 7, 27), d(2027, 1, 24));
        assert_eq!(cost(&p), None);
        p.total_hours = 40;
        p.hands_on_hours = 30;
        assert_eq!(
            cost(&p).unwrap(),
            "Cost: free. Doing (projects, practice, lab exams): 75% of the hours."
        );
        p.cost = crate::plan::PlanCost {
            usd: 1_035,
            exam_usd: 945,
            unpriced: 2,
        };
        assert!(
            cost(&p)
                .unwrap()
                .starts_with("Cost: $1,035 (exam fees $945), plus 2 steps without a known price.")
        );
        p.cost.unpriced = 1;
        p.cost.exam_usd = 0;
        assert!(
            cost(&p)
                .unwrap()
                .starts_with("Cost: $1,035, plus 1 step without")
        );
        p.cost.usd = 0;
        assert!(
            cost(&p)
                .unwrap()
                .starts_with("Cost: free apart from 1 step without")
        );
        p.cost.usd = 1_035;
        assert!(
            cost(&p)
                .unwrap()
                .starts_with("Cost: $1,035, plus 1 step without")
        );
    }

    #[test]
    fn windows_in_words() {
        let start = d(2026, 7, 27);
        let w = |weeks: u64| window(&plan(start, start + chrono::Days::new(weeks * 7 - 1)));
        assert_eq!(w(26), "your next six months");
        assert_eq!(w(52), "your next year");
        assert_eq!(w(8), "your next 8 weeks");
        assert_eq!(window(&plan(start, d(2026, 10, 26))), "your next 3 months");
        assert_eq!(window(&plan(start, d(2026, 11, 12))), "until 2026-11-12");
    }

    #[test]
    fn lists_read_as_sentences() {}
}
