//! The finished report: everything a renderer needs, computed once.

use crate::analysis::Analysis;
use crate::analysis::decision_words as words;
use crate::analysis::devops_or_sre::DevopsOrSre;
use crate::analysis::raters::Raters;
use crate::catalog::Catalog;
use crate::model::{
    Assessment, DEVOPS, Decision, Direction, RatingSource, RatingState, Role, RoleFit, RoleId, SRE,
    SkillId, UnknownSkill, UnratedPolicy, Verdict, analyse_role, decide, is_ready, rank_roles,
};
use crate::plan::{Milestone, Plan, PlanOptions, Target, build_plan_from};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One role's fit then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitChange {
    /// Role id.
    pub role: RoleId,
    /// Role title.
    pub title: String,
    /// Fit at the previous assessment, %.
    pub before: f64,
    /// Fit now, %.
    pub now: f64,
    /// `now − before`, percentage points.
    pub change: f64,
}

/// One skill whose rating changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Rating at the previous assessment; None = not rated then.
    pub before: Option<f64>,
    /// Rating now; None = not rated now.
    pub now: Option<f64>,
    /// `now − before`, with a missing rating counted as 0 (as the fit does).
    pub change: f64,
}

/// The progress section of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Previous {
    /// When the previous assessment was made, if its input says.
    pub assessed_on: Option<NaiveDate>,
    /// Where it was read from.
    pub source: String,
    /// Best-fit role id then.
    pub best_fit: Option<String>,
    /// Every role of this report, in this report's order, that the
    /// previous analysis compared too.
    pub fits: Vec<FitChange>,
    /// Skills whose rating changed, biggest rise first, biggest fall last.
    pub deltas: Vec<Delta>,
    /// Skills rated both times with the same rating.
    pub unchanged: usize,
    /// Milestones of the previous plan whose level is now met.
    pub milestones_reached: Vec<Milestone>,
    /// Milestones of the previous plan dated on or before this
    /// assessment's date that are not met yet.
    pub milestones_open: Vec<Milestone>,
}

impl Previous {
    /// The fit change of the best-fit role now.
    pub fn best_fit_change(&self, best: Option<&str>) -> Option<&FitChange> {
        best.and_then(|b| self.fits.iter().find(|f| f.role == b))
    }
}

/// How much the person wants to grow in one skill.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Interest {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// 0 none, 1 low, 2 medium, 3 high.
    pub level: u8,
}

pub use crate::model::WANTS_TO_GROW;

/// A skill some compared role requires that the person did not rate.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Unrated {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Whether the person left it blank on purpose (the row was there).
    pub left_blank: bool,
    /// Not rated by this person, or not asked by the input at all.
    #[serde(default = "not_rated")]
    pub state: RatingState,
}

fn not_rated() -> RatingState {
    RatingState::NotRated
}

/// One effective rating, as used by the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SkillRating {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Catalogue category.
    pub category: String,
    /// 0–5.
    pub rating: f64,
    /// Typed directly, or taken from a tool that rolls up to it.
    pub source: RatingSource,
}

/// A finished report for one person.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Report {
    /// Display name.
    pub person: String,
    /// Email, when known.
    pub email: Option<String>,
    /// When the ratings were given, if the input says.
    pub assessed_on: Option<NaiveDate>,
    /// The report date.
    pub generated_on: NaiveDate,
    /// The input, as named on the command line.
    pub source: String,
    /// Best-fit role id: None when no role was compared, or when the
    /// ratings do not name one (too close to call, not enough rated).
    pub best_fit: Option<String>,
    /// Why the best fit wins, how sure that is, and what decides it: the
    /// decision phrased.
    pub direction: Option<Direction>,
    /// The one decision every section phrases: the named role, DevOps or
    /// SRE, how sure, ready, what to rate next and work on first.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// The answer to "DevOps or SRE?", when both roles are compared.
    #[serde(default)]
    pub devops_or_sre: Option<DevopsOrSre>,
    /// How required skills without a rating entered the fit.
    #[serde(default)]
    pub unrated_policy: UnratedPolicy,
    /// Every compared role, best fit first.
    pub roles: Vec<RoleFit>,
    /// How many catalogue skills the person rated (roll-ups included).
    pub rated_skills: usize,
    /// Every effective rating, in catalogue order.
    pub ratings: Vec<SkillRating>,
    /// Required skills without any rating: left out of the fit (or counted
    /// as 0 with `--unrated zero`), each not rated or not asked.
    pub unrated: Vec<Unrated>,
    /// Input names that matched no catalogue skill.
    pub unknown_skills: Vec<UnknownSkill>,
    /// How ratings were combined (merges, roll-ups).
    pub notes: Vec<String>,
    /// The dated learning plan, when plan options were given.
    pub plan: Option<Plan>,
    /// What the plan works toward, in a sentence.
    pub plan_goal: Option<String>,
    /// The role the plan works toward (its id): the named best fit, else
    /// the DevOps-or-SRE answer, else the role ranked first.
    #[serde(default)]
    pub plan_role: Option<RoleId>,
    /// Change since the previous assessment, when there is one.
    #[serde(default)]
    pub previous: Option<Previous>,
    /// Other raters' ratings beside the self-ratings, when anyone else rated.
    #[serde(default)]
    pub raters: Option<Raters>,
    /// Skills with an interest rating, highest interest first.
    #[serde(default)]
    pub interest: Vec<Interest>,
    /// Job title, target role and groups (department, team, manager,
    /// location) when the input has such columns; left out of the JSON
    /// when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::model::Profile>,
}

impl Report {
    /// Analyses `assessment` against the run's roles (all catalogue roles
    /// when none are named), with `plan` for the learning plan.
    pub fn build(
        a: &Analysis<'_>,
        assessment: &Assessment,
        source: &str,
        notes: Vec<String>,
        plan: Option<&PlanOptions>,
        target: Option<&str>,
    ) -> Report {
        let catalog = a.catalog;
        let roles = compared_roles(catalog, a.roles);
        let (fits, decision) = fits_and_decision(a, assessment, &roles, target);
        let direction = words::direction(&decision, &fits, &roles);
        let unrated = unrated_of(assessment, &roles, catalog);
        let interest = effective_interest(assessment, catalog);
        // One index of the catalogue for every plan of the run.
        let library = &a.library;
        let devops_or_sre = plan.and_then(|opts| {
            DevopsOrSre::build(
                &decision, assessment, &fits, &roles, catalog, library, opts, &interest,
            )
        });
        let planned = plan.map(|opts| {
            let ctx = PlanContext {
                a,
                assessment,
                roles: &roles,
                fits: &fits,
                decision: &decision,
                interest: &interest,
                target,
            };
            ctx.plan(opts)
        });
        let (plan_goal, plan, plan_role) = match planned {
            Some(p) => (Some(p.goal), Some(p.plan), p.role),
            None => (None, None, None),
        };
        Report {
            plan,
            plan_goal,
            plan_role,
            person: assessment.person.clone(),
            email: assessment.email.clone(),
            assessed_on: assessment.assessed_on,
            generated_on: a.today,
            source: source.to_string(),
            best_fit: decision.named().map(str::to_string),
            direction,
            decision: Some(decision),
            devops_or_sre,
            unrated_policy: a.unrated,
            roles: fits,
            rated_skills: assessment.ratings.len(),
            ratings: catalogue_ratings(assessment, catalog),
            unrated,
            unknown_skills: assessment.unknown.clone(),
            notes,
            profile: None,
            previous: None,
            raters: None,
            interest: interest_list(assessment, catalog),
        }
    }

    /// Skills the person wants to grow in (interest medium or high),
    /// highest interest first.
    pub fn wants_to_grow(&self) -> impl Iterator<Item = &Interest> {
        self.interest.iter().filter(|i| i.level >= WANTS_TO_GROW)
    }

    /// The tool a rating was taken from, when the skill was not rated
    /// directly ("Ansible" for Automation from Ansible).
    pub fn derived_from(&self, skill: &str) -> Option<&str> {
        self.ratings
            .iter()
            .find(|r| r.skill == skill)
            .and_then(|r| match &r.source {
                RatingSource::RolledUp { from_name, .. } => Some(from_name.as_str()),
                _ => None,
            })
    }

    /// A skill's name as a table shows it: "Automation (from Ansible)"
    /// when its rating comes from a tool.
    pub fn skill_label(&self, skill: &str, name: &str) -> String {
        match self.derived_from(skill) {
            Some(tool) => format!("{name} (from {tool})"),
            None => name.to_string(),
        }
    }

    /// The best-fit role's analysis.
    pub fn best(&self) -> Option<&RoleFit> {
        self.roles.first()
    }
}

/// The roles a run compares: all the catalogue's when `role_ids` is
/// empty. The catalogue's own are borrowed: copying them for every person
/// of a batch was a tenth of the analysis.
fn compared_roles<'c>(catalog: &'c Catalog, role_ids: &[String]) -> std::borrow::Cow<'c, [Role]> {
    if role_ids.is_empty() {
        std::borrow::Cow::Borrowed(&catalog.roles)
    } else {
        role_ids
            .iter()
            .filter_map(|id| catalog.role_by_id(id).cloned())
            .collect()
    }
}

/// Every role's fit, ranked, with the one decision every section
/// phrases; the role the decision names (or leads with, or plans toward)
/// first.
fn fits_and_decision(
    a: &Analysis<'_>,
    assessment: &Assessment,
    roles: &[Role],
    target: Option<&str>,
) -> (Vec<RoleFit>, Decision) {
    let by_id = &a.catalog.by_id;
    let mut fits: Vec<RoleFit> = roles
        .iter()
        .map(|r| analyse_role(assessment, r, by_id, a.unrated))
        .collect();
    // Rounded before ranking and explaining, so every output shows the
    // same numbers in the same order.
    for f in &mut fits {
        f.fit = (f.fit * 10.0).round() / 10.0;
    }
    rank_roles(&mut fits);
    let decision = decide(assessment, &fits, roles, by_id, target);
    for f in &mut fits {
        f.ready = decision
            .evidence_of(&f.id)
            .is_some_and(|ev| is_ready(f, ev));
    }
    // The role the decision names (or leads with, or plans toward when
    // it names none) heads every list, so every section speaks of it.
    if let Some(i) = decision
        .role
        .as_deref()
        .or(decision.plan_role.as_deref())
        .and_then(|id| fits.iter().position(|f| f.id == id))
    {
        fits[..=i].rotate_right(1);
    }
    (fits, decision)
}

/// Required skills of the compared roles without any rating, each once,
/// in role order.
fn unrated_of(assessment: &Assessment, roles: &[Role], catalog: &Catalog) -> Vec<Unrated> {
    let mut unrated: Vec<Unrated> = Vec::new();
    for role in roles {
        for q in &role.requirements {
            if assessment.rating(&q.skill).is_none() && !unrated.iter().any(|u| u.skill == q.skill)
            {
                unrated.push(Unrated {
                    skill: q.skill.clone(),
                    name: catalog
                        .skill(&q.skill)
                        .map_or(q.skill.to_string(), |s| s.name.clone()),
                    left_blank: assessment.blank.contains(&q.skill),
                    state: assessment.state(&q.skill),
                });
            }
        }
    }
    unrated
}

/// Every effective rating, in catalogue order.
fn catalogue_ratings(assessment: &Assessment, catalog: &Catalog) -> Vec<SkillRating> {
    catalog
        .skills
        .iter()
        .filter_map(|s| {
            assessment.ratings.get(s.id.as_str()).map(|r| SkillRating {
                skill: s.id.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
                rating: r.value,
                source: r.source.clone(),
            })
        })
        .collect()
}

/// What the learning plan is built from: the finished fits and decision.
struct PlanContext<'r> {
    a: &'r Analysis<'r>,
    assessment: &'r Assessment,
    roles: &'r [Role],
    fits: &'r [RoleFit],
    decision: &'r Decision,
    interest: &'r BTreeMap<SkillId, u8>,
    /// The role the person aims at, when they named one.
    target: Option<&'r str>,
}

/// The learning plan with what it works toward, in a sentence and by id.
struct PlannedFor {
    goal: String,
    plan: Plan,
    role: Option<RoleId>,
}

impl PlanContext<'_> {
    /// The plan toward the decision's plan role.
    fn plan(&self, opts: &PlanOptions) -> PlannedFor {
        let (assessment, catalog, decision) = (self.assessment, self.a.catalog, self.decision);
        let mut ordered = self.fits.to_vec();
        if let Some(i) = decision
            .plan_role
            .clone()
            .and_then(|id| ordered.iter().position(|f| f.id == id))
        {
            ordered[..=i].rotate_right(1);
        }
        let early = decision.call == Verdict::TooEarly;
        let (goal, mut targets) = if early {
            shared_base_targets(self.roles, assessment, catalog)
        } else {
            plan_targets(&ordered, self.roles, assessment, catalog, self.a.unrated)
        };
        // What defines the planned role comes early, so the first
        // months reach it (only when the plan closes its gaps).
        let closing = !early && goal.ends_with(", most important first.");
        let planned = ordered.first();
        let defining: Vec<&str> = match planned.and_then(|f| decision.evidence_of(&f.id)) {
            Some(e) if closing => e.defining.iter().map(|d| d.skill.as_str()).collect(),
            _ => Vec::new(),
        };
        for t in &mut targets {
            t.interest = self.interest.get(t.skill.as_str()).copied().unwrap_or(0);
            t.defining = defining.contains(&t.skill.as_str());
        }
        let goal = goal_with_order(goal, planned, &targets);
        PlannedFor {
            goal: self.goal_with_aim(goal),
            plan: build_plan_from(
                &targets,
                &self.a.library,
                opts,
                &|s| assessment.rating(s),
                &assessment.person,
            ),
            role: planned.map(|f| f.id.clone()),
        }
    }

    /// `goal` with where the person aims: with a target of their own,
    /// where they fit today and how far the target is; too close to call,
    /// which of the two the plan takes, and that they may choose.
    fn goal_with_aim(&self, goal: String) -> String {
        let decision = self.decision;
        let title = |id: &str| self.fits.iter().find(|f| f.id == id);
        match (
            self.target.and_then(title),
            decision.role.as_deref().and_then(title),
        ) {
            (Some(t), Some(now)) if t.id != now.id => format!(
                "You aim at {}: today you fit {} best, and {} at {}%. {goal}",
                t.title,
                now.title,
                t.title,
                crate::text::pct(t.fit)
            ),
            (Some(t), None) => format!("You aim at {}. {goal}", t.title),
            (None, _) if decision.call == Verdict::TooClose => {
                match (decision.between.first(), decision.between.get(1)) {
                    (Some(a), Some(b)) => match (title(a), title(b)) {
                        (Some(a), Some(b)) => format!(
                            "{} and {} are too close to call; this plan works toward {}, \
                             the one ahead by a little — name the role you aim at to \
                             plan for it instead. {goal}",
                            a.title, b.title, a.title
                        ),
                        _ => goal,
                    },
                    _ => goal,
                }
            }
            _ => goal,
        }
    }
}

/// `goal` saying what the plan takes first: the skills the person wants
/// to grow in, what defines the planned role, then the rest.
fn goal_with_order(goal: String, planned: Option<&RoleFit>, targets: &[Target]) -> String {
    let wanted = targets.iter().any(|t| t.interest >= WANTS_TO_GROW);
    let apart = planned
        .filter(|_| targets.iter().any(|t| t.defining))
        .map(|f| format!("what defines {}", f.title));
    let first = match (wanted, apart) {
        (true, None) => {
            Some("the skills you want to grow in first, then the most important".into())
        }
        (false, Some(a)) => Some(format!("{a} first, then the rest, most important first")),
        (true, Some(a)) => Some(format!(
            "the skills you want to grow in first, then {a}, then the rest, most important first"
        )),
        (false, None) => None,
    };
    match (goal.strip_suffix(", most important first."), first) {
        (Some(head), Some(first)) => format!("{head}: {first}."),
        (None, _) if wanted => format!("{goal} Skills you want to grow in come first."),
        _ => goal,
    }
}

/// The interest list: every skill with an interest given, highest first,
/// then in catalogue order.
fn interest_list(assessment: &Assessment, catalog: &Catalog) -> Vec<Interest> {
    let mut v: Vec<Interest> = catalog
        .skills
        .iter()
        .filter_map(|s| {
            assessment
                .interest
                .get(s.id.as_str())
                .map(|&level| Interest {
                    skill: s.id.clone(),
                    name: s.name.clone(),
                    level,
                })
        })
        .collect();
    v.sort_by_key(|i| std::cmp::Reverse(i.level));
    v
}

/// Interest per skill for the plan: as given, and a concept not given
/// takes the highest interest of the tools that roll up to it (wanting to
/// grow in Terraform is wanting to grow in Infrastructure as Code).
fn effective_interest(assessment: &Assessment, catalog: &Catalog) -> BTreeMap<SkillId, u8> {
    let mut out = assessment.interest.clone();
    for s in &catalog.skills {
        let Some(&level) = assessment.interest.get(s.id.as_str()) else {
            continue;
        };
        for concept in &s.rolls_up_to {
            if !assessment.interest.contains_key(concept.as_str()) {
                let e = out.entry(concept.clone()).or_insert(level);
                *e = (*e).max(level);
            }
        }
    }
    out
}

/// A plan target for `skill` from `current` to `target`, its priority its
/// weight (callers that weigh the gap set their own).
fn step(catalog: &Catalog, skill: &str, current: f64, target: u8, weight: u8) -> Target {
    Target {
        skill: skill.into(),
        name: catalog
            .skill(skill)
            .map_or_else(|| skill.to_string(), |s| s.name.clone()),
        current,
        target,
        weight,
        priority: f64::from(weight),
        interest: 0,
        defining: false,
    }
}

/// A junior's plan: the base DevOps and SRE both weigh (core or
/// important), each skill rated under working level (3) taken there.
fn shared_base_targets(
    roles: &[Role],
    assessment: &Assessment,
    catalog: &Catalog,
) -> (String, Vec<Target>) {
    let find = |id: &str| roles.iter().find(|r| r.id == id);
    let mut targets = Vec::new();
    if let (Some(d), Some(s)) = (find(DEVOPS), find(SRE)) {
        for q in d.requirements.iter().filter(|q| q.weight >= 2) {
            let Some(o) = s
                .requirements
                .iter()
                .find(|o| o.skill == q.skill && o.weight >= 2)
            else {
                continue;
            };
            let level = q.level.min(o.level).min(3);
            let Some(current) = assessment
                .rating(&q.skill)
                .filter(|r| *r < f64::from(level))
            else {
                continue;
            };
            let weight = q.weight.max(o.weight);
            targets.push(Target {
                priority: f64::from(weight) * (f64::from(level) - current),
                ..step(catalog, &q.skill, current, level, weight)
            });
        }
    }
    targets.sort_by(|x, y| y.priority.total_cmp(&x.priority));
    (
        "Building the base every direction starts from (what DevOps and SRE both ask) to working \
         level, most important first."
            .to_string(),
        targets,
    )
}

/// Where a person stands against a role's senior profile: its fit, what
/// to plan, and the sentence asking for what it needs rated.
struct SeniorGrowth {
    fit: RoleFit,
    targets: Vec<Target>,
    rate: String,
}

/// Growth toward the senior profile of a role: its gaps in what was rated
/// (or, with none, each rated skill of it one level further). What the
/// senior profile asks that was not rated is named, not planned: the plan
/// cannot know where the person is.
fn senior_growth(
    senior: &Role,
    assessment: &Assessment,
    catalog: &Catalog,
    unrated: UnratedPolicy,
) -> SeniorGrowth {
    let fit = analyse_role(assessment, senior, &catalog.by_id, unrated);
    let mut targets: Vec<Target> = fit.gaps.iter().map(Target::from_gap).collect();
    if targets.is_empty() {
        for q in &senior.requirements {
            if let Some(current) = assessment.rating(&q.skill).filter(|c| *c < 5.0) {
                let target = (current.floor() as u8 + 1).min(5);
                targets.push(step(catalog, &q.skill, current, target, q.weight));
            }
        }
    }
    let unrated: Vec<&str> = fit.unassessed.iter().map(|u| u.name.as_str()).collect();
    let rate = match unrated.len() {
        0 => String::new(),
        n => format!(
            " Rate {} to have {} planned too.",
            names_list(&unrated),
            if n == 1 { "it" } else { "them" }
        ),
    };
    SeniorGrowth { fit, targets, rate }
}

/// A plan toward the senior profile of a role the person meets.
fn senior_targets(
    best: &RoleFit,
    senior: &Role,
    assessment: &Assessment,
    catalog: &Catalog,
    unrated: UnratedPolicy,
) -> (String, Vec<Target>) {
    let g = senior_growth(senior, assessment, catalog, unrated);
    (
        format!(
            "You meet {}. {}: {}% of what you rated; this plan works toward it.{}",
            best.title,
            g.fit.title,
            crate::text::pct(g.fit.fit),
            g.rate
        ),
        g.targets,
    )
}

/// How far growth past a role ranks against the role's own gaps: after
/// them, so the plan closes what the role asks before going beyond it.
const GROWTH_AFTER_GAPS: f64 = 0.1;

/// A plan for someone ready for a role with a few gaps left: close them
/// first, then grow toward the role's senior profile, as a mentor would
/// for someone who can do the job today (a plan of the small gaps alone
/// would be a few hours and nothing worth doing).
fn ready_targets(
    best: &RoleFit,
    senior: &Role,
    assessment: &Assessment,
    catalog: &Catalog,
    unrated: UnratedPolicy,
) -> (String, Vec<Target>) {
    let mut targets: Vec<Target> = best.gaps.iter().map(Target::from_gap).collect();
    let g = senior_growth(senior, assessment, catalog, unrated);
    for mut t in g.targets {
        t.priority *= GROWTH_AFTER_GAPS;
        targets.push(t);
    }
    let gaps: Vec<&str> = best.gaps.iter().map(|x| x.name.as_str()).collect();
    (
        format!(
            "You are ready for {}: close {} first, then grow toward {} ({}% of what you \
             rated).{}",
            best.title,
            names_list(&gaps),
            g.fit.title,
            crate::text::pct(g.fit.fit),
            g.rate
        ),
        targets,
    )
}

/// "A", "A and B", "A, B and C".
fn names_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
    }
}

/// What the plan aims at: the planned role's gaps; with none, the next
/// level up on every skill of that role that was rated (growing in it).
fn plan_targets(
    fits: &[RoleFit],
    roles: &[Role],
    assessment: &Assessment,
    catalog: &Catalog,
    unrated: UnratedPolicy,
) -> (String, Vec<Target>) {
    let Some(best) = fits.first() else {
        return (
            "No role was compared, so there is nothing to plan for.".into(),
            vec![],
        );
    };
    let targets = |f: &RoleFit| f.gaps.iter().map(Target::from_gap).collect::<Vec<_>>();
    if !best.gaps.is_empty() {
        if best.ready
            && let Some(senior) = catalog.senior_of(&best.id)
        {
            return ready_targets(best, senior, assessment, catalog, unrated);
        }
        return (
            format!("Closing the gaps for {}, most important first.", best.title),
            targets(best),
        );
    }
    // "Every requirement" only when every one was rated.
    let every = |f: &RoleFit| {
        if f.unassessed.is_empty() {
            format!("every requirement of {}", f.title)
        } else {
            format!("every requirement of {} that you rated", f.title)
        }
    };
    // Meeting the role is growing in it, never a stretch to an unrated
    // role: toward its senior profile when there is one...
    if let Some(senior) = catalog.senior_of(&best.id) {
        return senior_targets(best, senior, assessment, catalog, unrated);
    }
    // ... else each skill it asks that was rated goes one level further.
    let mut next = Vec::new();
    if let Some(role) = roles.iter().find(|r| r.id == best.id) {
        for q in &role.requirements {
            // Only what was rated: an unrated skill has no level to go one past.
            let Some(current) = assessment.rating(&q.skill) else {
                continue;
            };
            if current < 5.0 {
                let target = (current.floor() as u8 + 1).min(5);
                next.push(step(catalog, &q.skill, current, target, q.weight));
            }
        }
    }
    (
        if fits.iter().all(|f| f.unassessed.is_empty()) {
            format!(
                "You meet every requirement of every role compared; this plan takes each {} skill one level further.",
                best.title
            )
        } else {
            format!(
                "You meet {}; this plan takes each {} skill you rated one level further.",
                every(best),
                best.title
            )
        },
        next,
    )
}
