//! The learning plan: which catalogue resources close which gaps, in what
//! order, and on which dates, within a time horizon.
//!
//! Pure: no clock, no I/O, no randomness. The same inputs always give the
//! same plan, and no input makes it panic.
//!
//! The work is split by what each step owns:
//! - [`choose`] picks resources per target, level by level;
//! - [`order`] puts targets in priority order with prerequisites first;
//! - [`schedule`] turns the ordered items into dates, milestones and the
//!   part that does not fit the horizon.

mod choose;

pub use choose::Library;
mod order;
mod schedule;

use crate::model::{Cost, Gap, LearningClass, Resource, ResourceKind, Sessions, SkillId};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

/// What the person should reach, one per skill with a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Current level, 0.0–5.0; unrated counts as 0.
    pub current: f64,
    /// Level to reach, 1–5.
    pub target: u8,
    /// Requirement weight.
    pub weight: u8,
    /// weight × gap; higher is planned first.
    pub priority: f64,
    /// How much the person wants to grow in this skill, 0–3 (0 when not
    /// said). 2 (medium) or more moves the target ahead of the others; see
    /// [`build_plan`].
    pub interest: u8,
    /// Whether the skill sets the planned role apart from the role it is
    /// compared with (a core requirement the other asks less of): such
    /// targets come right after the wanted ones, so the first months
    /// reach what defines the role.
    pub defining: bool,
}

impl Target {
    /// The target for one gap of a role analysis.
    pub fn from_gap(g: &Gap) -> Target {
        // A non-finite rating cannot be a level; treat it like "unrated".
        let current = g
            .rating
            .filter(|r| r.is_finite())
            .unwrap_or(0.0)
            .clamp(0.0, 5.0);
        Target {
            skill: g.skill.clone(),
            name: g.name.clone(),
            current,
            target: g.required.clamp(1, 5),
            weight: g.weight,
            priority: g.priority,
            interest: 0,
            defining: false,
        }
    }
}

/// How to lay the plan out in time.
#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// First day of the plan.
    pub start: NaiveDate,
    /// Study hours per week; must be > 0 (otherwise nothing is scheduled).
    pub hours_per_week: f64,
    /// Last day an item may end on; should be after `start`.
    pub horizon_end: NaiveDate,
    /// The cloud the plan is for (`aws`, `azure`, `gcp`): the run's
    /// `--cloud`, or for one person the cloud their survey answer names;
    /// None leaves it to the person's ratings.
    pub cloud: Option<String>,
}

/// A dated learning plan.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Plan {
    /// First day of the plan.
    pub start: NaiveDate,
    /// Study hours per week the dates assume.
    pub hours_per_week: f64,
    /// Last day an item may end on.
    pub horizon_end: NaiveDate,
    /// Items that end within the horizon, in the order to do them.
    pub items: Vec<PlanItem>,
    /// One per item, dated its end, in date order.
    pub milestones: Vec<Milestone>,
    /// Items that do not fit the horizon, in the order they would follow.
    pub later: Vec<LaterItem>,
    /// Total hours of `later`.
    pub later_hours: u32,
    /// Targets that no resource in the catalogue could move past a level.
    pub uncovered: Vec<Uncovered>,
    /// Hours of the whole plan: the dated items and `later`.
    #[serde(default)]
    pub total_hours: u32,
    /// The day the whole plan, `later` included, would be done at
    /// `hours_per_week`; None when it cannot be dated (no hours set aside,
    /// or past the calendar).
    #[serde(default)]
    pub done_by: Option<NaiveDate>,
    /// The same at a bigger weekly budget ([`bigger_budget`]), when there
    /// is anything to plan.
    #[serde(default)]
    pub faster: Option<Budget>,
    /// One per planned skill, in plan order: the level it goes from and
    /// to, when it gets there, and why it comes where it does.
    #[serde(default)]
    pub skills: Vec<SkillPlan>,
    /// Hours of the whole plan spent doing (projects, practice, lab
    /// exams) rather than reading or being taught.
    #[serde(default)]
    pub hands_on_hours: u32,
    /// What the whole plan costs, from the catalogue's prices.
    #[serde(default)]
    pub cost: PlanCost,
}

/// What a whole plan (dated steps and later ones) costs, in US dollars,
/// from the prices the catalogue knows. A step whose price is unknown is
/// counted in `unpriced`, never as free.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PlanCost {
    /// Dollars of the priced steps, exam fees included.
    pub usd: u32,
    /// Of `usd`, the exam fees.
    pub exam_usd: u32,
    /// Steps whose price the catalogue does not know (mostly books).
    pub unpriced: u32,
}

impl PlanCost {
    /// The sum over `costs`, one per step (None: price unknown).
    pub fn of(costs: impl IntoIterator<Item = Option<Cost>>) -> PlanCost {
        costs.into_iter().fold(PlanCost::default(), |mut sum, c| {
            match c {
                Some(c) => {
                    sum.usd = sum.usd.saturating_add(c.usd());
                    if let Cost::Exam { usd } = c {
                        sum.exam_usd = sum.exam_usd.saturating_add(usd);
                    }
                }
                None => sum.unpriced = sum.unpriced.saturating_add(1),
            }
            sum
        })
    }
}

/// The whole plan at another weekly budget.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Budget {
    /// Study hours per week.
    pub hours_per_week: f64,
    /// The day the whole plan would be done.
    pub done_by: NaiveDate,
}

/// One planned skill: its steps taken together.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SkillPlan {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// The rating it starts from, as given (2.5 stays 2.5).
    #[serde(serialize_with = "level_json")]
    pub from: f64,
    /// The level its last step reaches.
    pub to: u8,
    /// The last day of its last step, when that falls in the dated window.
    pub reached: Option<NaiveDate>,
    /// The same in the whole plan, at the person's hours per week.
    pub done_by: Option<NaiveDate>,
    /// Whether it sets the planned role apart (see [`Target::defining`]).
    pub defining: bool,
    /// Whether the person wants to grow in it (interest medium or high).
    pub wanted: bool,
    /// Skills of higher priority that build on this one, when that is
    /// why it comes before them (their names).
    pub needed_by: Vec<String>,
}

/// A level as JSON: a whole level as an integer (2), a half level as
/// given (2.5), so a rating of 2.5 is never shown as 2.
pub fn level_json<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && (0.0..=255.0).contains(v) {
        s.serialize_u8(*v as u8)
    } else {
        s.serialize_f64(*v)
    }
}

/// The bigger weekly budget a plan is also dated at: half as much again,
/// rounded up to a whole hour, and at least one hour more (5 → 8).
pub fn bigger_budget(hours_per_week: f64) -> Option<f64> {
    (hours_per_week.is_finite() && hours_per_week > 0.0)
        .then(|| (hours_per_week * 1.5).ceil().max(hours_per_week + 1.0))
}

/// One scheduled resource: work on `resource` from `start` to `end`
/// (both inclusive) to go from level `from` to level `to`. A recurring
/// practice runs from its first session to its last, alongside the items
/// that follow it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct PlanItem {
    /// Skill id.
    pub skill: SkillId,
    /// Skill display name.
    pub name: String,
    /// Level before the item: the rating as given for a skill's first
    /// item (2.5), a whole level after that.
    #[serde(serialize_with = "level_json")]
    pub from: f64,
    /// Level after the item.
    pub to: u8,
    /// What to work through.
    pub resource: PlanResource,
    /// Effort in hours (the resource's full effort).
    pub hours: u32,
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
}

/// The parts of a catalogue resource a plan shows.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct PlanResource {
    /// Catalogue id.
    pub id: String,
    /// Book, docs, course...
    pub kind: ResourceKind,
    /// Title as published.
    pub title: String,
    /// Author(s) or provider.
    pub provider: String,
    /// Where to find it, when it is online.
    pub url: Option<String>,
    /// For a practice repeated over weeks: how many sessions, how far
    /// apart. The item's dates then run from the first session to the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Sessions>,
    /// What it costs, when the catalogue knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    /// Calendar weeks the work is spread over, when it needs time to pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u32>,
    /// The cloud provider it is about, when it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
    /// For practice that needs a job context: what must be true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// ... and what to do instead when it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<PlanAlternative>,
    /// Another resource that does the same job for this item, in another
    /// format or from another provider: "or instead".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<PlanAlternative>,
}

/// The simulated alternative to a practice that needs a job context.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct PlanAlternative {
    /// Catalogue id.
    pub id: String,
    /// Title as published.
    pub title: String,
    /// Where to find it, when it is online.
    pub url: Option<String>,
    /// Its effort in hours.
    pub hours: u32,
}

impl PlanAlternative {
    fn from_resource(r: &Resource) -> PlanAlternative {
        PlanAlternative {
            id: r.id.clone(),
            title: r.title.clone(),
            url: r.url.clone(),
            hours: r.hours,
        }
    }
}

impl PlanResource {
    fn from_resource(r: &Resource) -> PlanResource {
        PlanResource {
            id: r.id.clone(),
            kind: r.kind,
            title: r.title.clone(),
            provider: r.provider.clone(),
            url: r.url.clone(),
            sessions: r.sessions,
            cost: r.cost,
            weeks: r.weeks,
            cloud: choose::cloud_of(r).map(str::to_string),
            condition: r.condition.clone(),
            alternative: None,
            instead: None,
        }
    }

    /// Whether working through it is doing (a project, practice or lab
    /// exam) rather than reading or being taught.
    pub fn is_hands_on(&self) -> bool {
        self.kind.class() == LearningClass::HandsOn
    }

    /// "Or instead: Kubernetes the Hard Way (20 h)" when another resource
    /// does the same job.
    pub fn instead_label(&self) -> Option<String> {
        let a = self.instead.as_ref()?;
        Some(format!("Or instead: {} ({} h)", a.title, a.hours))
    }

    /// "4 sessions, every 4 weeks" for a recurring practice.
    pub fn sessions_label(&self) -> Option<String> {
        let s = self.sessions?;
        let every = match s.every_weeks {
            1 => "every week".to_string(),
            n => format!("every {n} weeks"),
        };
        Some(format!("{} sessions, {every}", s.count))
    }

    /// "over 8 weeks" for work with a calendar duration and no sessions.
    pub fn weeks_label(&self) -> Option<String> {
        match (self.sessions, self.weeks) {
            (None, Some(w)) if w > 1 => Some(format!("over {w} weeks")),
            _ => None,
        }
    }

    /// "If your team runs an on-call rotation; otherwise: Game days in a
    /// homelab (16 h)" for practice that needs a job context.
    pub fn condition_label(&self) -> Option<String> {
        let c = self.condition.as_deref()?;
        Some(match &self.alternative {
            Some(a) => format!("If {c}; otherwise: {} ({} h)", a.title, a.hours),
            None => format!("If {c}"),
        })
    }
}

/// "By `date`: `name` `from` → `to`".
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Milestone {
    /// The day the item that reaches `to` ends.
    pub date: NaiveDate,
    /// Skill id.
    pub skill: SkillId,
    /// Skill display name.
    pub name: String,
    /// Level before (as [`PlanItem::from`]).
    #[serde(serialize_with = "level_json")]
    pub from: f64,
    /// Level reached.
    pub to: u8,
}

/// A chosen resource that does not fit within the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct LaterItem {
    /// Skill id.
    pub skill: SkillId,
    /// Skill display name.
    pub name: String,
    /// Level before the item (as [`PlanItem::from`]).
    #[serde(serialize_with = "level_json")]
    pub from: f64,
    /// Level after the item.
    pub to: u8,
    /// What to work through.
    pub resource: PlanResource,
    /// Effort in hours.
    pub hours: u32,
}

/// A target the catalogue cannot fully cover: nothing teaches `skill`
/// from level `from` upward.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Uncovered {
    /// Skill id.
    pub skill: SkillId,
    /// Skill display name.
    pub name: String,
    /// The level no resource starts from.
    pub from: u8,
}

/// The day a plan starts by default: the Monday after the report date.
/// A Monday report date gives the next Monday, 7 days later, so the
/// person always gets the rest of the report's week to read it. At the
/// very end of the calendar (no later Monday exists) it is the report date.
pub fn default_start(report_date: NaiveDate) -> NaiveDate {
    let ahead = 7 - u64::from(report_date.weekday().num_days_from_monday());
    report_date
        .checked_add_days(Days::new(ahead))
        .unwrap_or(report_date)
}

/// Builds the plan: chooses resources for each target, orders them
/// (interest, priority, prerequisites first), schedules them back to back from
/// `opts.start`, and moves what ends after `opts.horizon_end` to `later`.
/// `rating` gives the person's rating of any skill: an exam that requires
/// another certification is planned only when that one is in the plan
/// first or the rating in its skill already reaches the level it leads to.
pub fn build_plan(
    targets: &[Target],
    resources: &[Resource],
    opts: &PlanOptions,
    rating: &dyn Fn(&str) -> Option<f64>,
) -> Plan {
    build_plan_from(targets, &Library::new(resources), opts, rating, "")
}

/// What a plan for `targets` would take in all, in hours, and how many
/// targets no resource covers, without dating it: [`build_plan_from`]'s
/// `total_hours` and `uncovered.len()`, for comparisons that never show
/// the plan itself (each step is dated or later, never dropped, so the sum
/// of the steps is the plan's total). `cloud` is the plan options' cloud,
/// as [`build_plan_from`] takes it.
pub fn plan_hours(
    targets: &[Target],
    resources: &Library<'_>,
    cloud: Option<&str>,
    rating: &dyn Fn(&str) -> Option<f64>,
) -> (u32, usize) {
    let ordered = order::by_priority(targets);
    let (chains, uncovered) = choose::choose_all_for(&ordered, resources, rating, "", cloud);
    // Putting prerequisites first only reorders the steps: the sum is the
    // same in any order.
    let hours = chains
        .iter()
        .flat_map(|c| &c.steps)
        .fold(0u32, |sum, s| sum.saturating_add(s.resource.hours));
    (hours, uncovered.len())
}

/// [`build_plan`] with the catalogue already indexed (see [`Library`]), for
/// the person named `person`: the name only picks among equally fitting
/// "or instead" alternatives, so a team's plans spread over them.
pub fn build_plan_from(
    targets: &[Target],
    resources: &Library<'_>,
    opts: &PlanOptions,
    rating: &dyn Fn(&str) -> Option<f64>,
    person: &str,
) -> Plan {
    let ordered = order::by_priority(targets);
    let (chains, uncovered) =
        choose::choose_all_for(&ordered, resources, rating, person, opts.cloud.as_deref());
    let (steps, needed_by) = order::prerequisites_first(chains);
    let scheduled = schedule::schedule(&steps, opts);
    // Hours are u32 each; a sum past u32::MAX is saturated, not wrapped.
    let later_hours = scheduled
        .later
        .iter()
        .fold(0u32, |sum, l| sum.saturating_add(l.hours));
    let total_hours = scheduled
        .items
        .iter()
        .fold(later_hours, |sum, i| sum.saturating_add(i.hours));
    // The whole plan, dated with no window, at this pace and a bigger one.
    let whole = |hours_per_week: f64| {
        schedule::schedule(
            &steps,
            &PlanOptions {
                hours_per_week,
                horizon_end: NaiveDate::MAX,
                ..opts.clone()
            },
        )
    };
    let all = whole(opts.hours_per_week);
    let end_of = |s: &schedule::Scheduled| {
        (s.later.is_empty() && !s.items.is_empty())
            .then(|| s.items.iter().map(|i| i.end).max())
            .flatten()
    };
    let faster = bigger_budget(opts.hours_per_week).and_then(|h| {
        Some(Budget {
            hours_per_week: h,
            done_by: end_of(&whole(h))?,
        })
    });
    let skills = skill_plans(&ordered, &steps, &scheduled, &all, &needed_by);
    let whole_plan = || {
        let dated = scheduled.items.iter().map(|i| (&i.resource, i.hours));
        dated.chain(scheduled.later.iter().map(|l| (&l.resource, l.hours)))
    };
    let hands_on_hours = whole_plan()
        .filter(|(r, _)| r.is_hands_on())
        .fold(0u32, |sum, (_, h)| sum.saturating_add(h));
    let cost = PlanCost::of(whole_plan().map(|(r, _)| r.cost));
    Plan {
        start: opts.start,
        hours_per_week: opts.hours_per_week,
        horizon_end: opts.horizon_end,
        items: scheduled.items,
        milestones: scheduled.milestones,
        later: scheduled.later,
        later_hours,
        uncovered,
        total_hours,
        done_by: end_of(&all),
        faster,
        skills,
        hands_on_hours,
        cost,
    }
}

/// One [`SkillPlan`] per skill with steps, in the order its first step
/// comes in the plan.
fn skill_plans(
    targets: &[Target],
    steps: &[choose::Step<'_>],
    window: &schedule::Scheduled,
    all: &schedule::Scheduled,
    needed_by: &rustc_hash::FxHashMap<&str, Vec<&str>>,
) -> Vec<SkillPlan> {
    let last_end = |items: &[PlanItem], skill: &str| {
        items
            .iter()
            .filter(|i| i.skill == skill)
            .map(|i| i.end)
            .max()
    };
    let mut out: Vec<SkillPlan> = Vec::new();
    for s in steps {
        if let Some(p) = out.iter_mut().find(|p| p.skill == s.skill) {
            p.to = p.to.max(s.to);
            continue;
        }
        let target = targets.iter().find(|t| t.skill == s.skill);
        // Only a skill that was not done in the window has a later end.
        let in_window = window.later.iter().all(|l| l.skill != s.skill);
        out.push(SkillPlan {
            skill: s.skill.into(),
            name: s.name.to_owned(),
            from: s.from,
            to: s.to,
            reached: None,
            done_by: None,
            defining: target.is_some_and(|t| t.defining),
            wanted: target.is_some_and(|t| t.interest >= 2),
            needed_by: needed_by
                .get(s.skill)
                .map(|v| v.iter().map(|n| (*n).to_owned()).collect())
                .unwrap_or_default(),
        });
        let p = out.last_mut().expect("just pushed");
        if in_window {
            p.reached = last_end(&window.items, s.skill);
        }
    }
    for p in &mut out {
        if all.later.iter().all(|l| l.skill != p.skill) {
            p.done_by = last_end(&all.items, &p.skill);
        }
    }
    out
}

#[cfg(test)]
mod tests;
