//! The team summary's overview: every count over the whole team (or the
//! whole group), never over one best-fit section.
//!
//! - **Roles in play** are the roles someone's report names or someone
//!   aims at; readiness per role is the decision's rule, as each personal
//!   report says it ([`PersonSummary::ready`]), counted over everyone.
//! - **Skills** are what those roles require. Coverage, single points of
//!   failure and "nobody meets it" are measured over everyone, at the
//!   highest level any role in play asks; a person's *gap* is measured
//!   against the role that person aims at.
//! - **Training** for a shared gap takes, for each person, the catalogue
//!   resources whose level range starts at or below the person's rating and
//!   leads to the level their role asks (3 → 4 is practice and projects,
//!   not a 0 → 2 book); hours add up per person and in all, and a price is
//!   counted only where the catalogue knows it: unknown is never free.
//! - **Who to chase**: people whose answers leave their role unjudged
//!   ([`PersonSummary::role_unjudged`], the one definition every count
//!   uses) and who skipped questions their survey asked, with the
//!   decision's "rate next" among them. A skill the survey never asked is
//!   nobody's to answer: those are named once for the team, for the next
//!   survey.

use crate::analysis::person_summary::PersonSummary;
use crate::catalog::Catalog;
use crate::model::Verdict;
use crate::model::{RatingState, Resource, Role, RoleId, SkillId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Shared gaps the summary lists with training.
pub const SHARED_GAPS: usize = 5;
/// The rating a team is called strong in a skill at: a mid-level
/// practitioner's.
pub const STRONG: u8 = 3;
/// People named where a sentence names who meets a skill.
const NAMED: usize = 3;
/// Most resources one person's chain takes for one skill.
const CHAIN_MAX: usize = 4;

/// One role in play, counted over the whole team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleLine {
    /// Role id.
    pub role: RoleId,
    /// Role title.
    pub title: String,
    /// A short name for tight columns ("SRE", "DevOps").
    pub short: String,
    /// People aiming at it (title, target answer, team role or best fit).
    pub aiming: usize,
    /// People whose report names it.
    pub named: usize,
    /// People ready for it, by the decision's rule.
    pub ready: usize,
    /// Their names, by name.
    pub ready_people: Vec<String>,
    /// People aiming at it whose fit for it cannot be judged yet.
    pub not_judged: usize,
    /// What it requires that nobody in the team meets (rated by someone).
    pub nobody: Vec<String>,
    /// What only one person meets: (skill, level, person).
    pub single: Vec<(String, u8, String)>,
    /// The people aiming at it, by name.
    pub members: Vec<Member>,
}

/// One person in a role's detail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Display name.
    pub person: String,
    /// The role title the person's report names, if any.
    pub named: Option<String>,
    /// Fit for the role, %.
    pub fit: Option<f64>,
    /// Coverage of the role, %.
    pub coverage: Option<f64>,
    /// Rated enough of the role to judge.
    pub judged: bool,
    /// Ready, by the decision's rule.
    pub ready: bool,
    /// The role's biggest gaps: (skill name, rating, required).
    pub gaps: Vec<(String, f64, u8)>,
    /// The role's defining skills the person has not rated: what holds
    /// "ready" back when no gap does.
    pub unrated_defining: Vec<String>,
}

/// One skill the roles in play require, across the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamSkill {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// Category.
    pub category: String,
    /// The highest level a role in play asks: coverage is measured at it.
    pub level: u8,
    /// The lowest level a role in play asks.
    pub level_min: u8,
    /// People who rated it.
    pub rated: usize,
    /// People whose input asked it but who gave no rating.
    pub not_rated: usize,
    /// People whose input did not ask it.
    pub not_asked: usize,
    /// People rated at or above `level`.
    pub covered: usize,
    /// People rated [`STRONG`] or more: what "strongest in" ranks by, one
    /// level for every skill.
    pub strong: usize,
    /// The first of them by name (up to three).
    pub covered_by: Vec<String>,
    /// People below the level their own target role asks.
    pub below: usize,
}

impl TeamSkill {
    /// Asked of someone, and met by no one.
    pub fn nobody_meets(&self) -> bool {
        self.covered == 0 && self.rated > 0
    }

    /// Asked of nobody: not assessed.
    pub fn not_assessed(&self) -> bool {
        self.rated == 0 && self.not_rated == 0
    }
}

/// One person's part of a shared gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedPerson {
    /// Display name.
    pub person: String,
    /// The rating (0 for a missing one under `--unrated zero`).
    pub rating: f64,
    /// The level the person's target role asks.
    pub required: u8,
    /// Catalogue resources for this person, in order (ids).
    pub resources: Vec<String>,
    /// Their hours.
    pub hours: u32,
    /// Their known price, USD.
    pub usd: u32,
    /// Their resources whose price the catalogue does not know: `usd` is
    /// then a floor, not the cost.
    pub unknown_cost: usize,
    /// The level the resources reach (below `required`: the catalogue has
    /// nothing further).
    pub reaches: u8,
}

/// A shared gap with the training that covers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingNeed {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// The people below their role's level, lowest rating first.
    pub people: Vec<NeedPerson>,
    /// The resources any of them take, in order of first use.
    pub resources: Vec<Resource>,
    /// Σ levels short.
    pub levels_short: f64,
    /// Hours in all.
    pub hours: u32,
    /// Known price in all, USD.
    pub usd: u32,
    /// Resources used whose price the catalogue does not know.
    pub unknown_cost: usize,
    /// People who meet the highest level asked and can teach it.
    pub can_teach: Vec<String>,
    /// How many can teach it.
    pub can_teach_count: usize,
}

/// The training plan of the shared gaps listed, in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Budget {
    /// Hours.
    pub hours: u32,
    /// Known prices, USD.
    pub usd: u32,
    /// Distinct resources whose price is not known.
    pub unknown_cost: usize,
    /// Places in the plan (a person and a skill).
    pub places: usize,
}

/// Someone whose answers leave their role unjudged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chase {
    /// Display name.
    pub person: String,
    /// The decision's call: "not_enough" or "too_close".
    pub call: Verdict,
    /// Required skills the input asked and the person left blank.
    pub skipped: usize,
    /// Required skills the input did not ask the person.
    pub not_asked: usize,
    /// The skipped skills whose ratings would decide it (the decision's
    /// rate next that the survey asked).
    pub decide: Vec<String>,
}

/// People whose role is unjudged only for want of questions their survey
/// never asked: no one to chase, a line for the next survey.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NotAsked {
    /// The people, by name.
    pub people: Vec<String>,
    /// The skills whose ratings would decide their role, first asked first.
    pub skills: Vec<String>,
    /// Unjudged people with nothing to chase or ask: the decision names no
    /// skill that would decide it (too early to choose, or every answer
    /// given), with its call.
    pub rest: Vec<(String, Option<Verdict>)>,
}

/// The overview of a team or group.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TeamOverview {
    /// People counted.
    pub people: usize,
    /// Roles someone is named or aims at, in catalogue order.
    pub roles: Vec<RoleLine>,
    /// What those roles require, grouped by category.
    pub skills: Vec<TeamSkill>,
    /// The biggest shared gaps with training, most levels short first.
    pub training: Vec<TrainingNeed>,
    /// The training above in all.
    pub budget: Budget,
    /// Shared gaps (two people or more below) beyond the ones listed with
    /// training: (skill name, people below), most people first.
    pub more_gaps: Vec<(String, usize)>,
    /// People whose role cannot be judged yet (aiming at a role whose fit
    /// is unjudged, or at none).
    pub unjudged: usize,
    /// Who to chase for answers.
    pub chase: Vec<Chase>,
    /// Unjudged people nobody can chase: their survey did not ask what
    /// would decide it.
    pub not_asked: NotAsked,
    /// People in no role section: no target role (not enough ratings and
    /// no title or target answer).
    pub not_placed: Vec<NotPlaced>,
    /// The ratings matrix: the first [`MATRIX_MAX`] people by name, a cell
    /// per entry of `skills` (team-skills.csv has everyone).
    #[serde(skip)]
    pub matrix: Vec<MatrixRow>,
}

/// Someone in no role section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotPlaced {
    /// Display name.
    pub person: String,
    /// Why their report names no role: not enough ratings, too close to
    /// call or too early to choose.
    pub why: Option<Verdict>,
}

/// Most people in the ratings matrix.
pub const MATRIX_MAX: usize = 500;

/// One cell of the ratings matrix: rated, left blank or not asked; the
/// rating; the level the person's own role asks (None: it does not).
pub type MatrixCell = (RatingState, Option<f64>, Option<u8>);

/// One person's row of the ratings matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    /// Display name.
    pub person: String,
    /// The role the person aims at (id).
    pub role: Option<String>,
    /// How much of that role the person rated, %.
    pub coverage: Option<f64>,
    /// A cell per skill of [`TeamOverview::skills`].
    pub cells: Vec<MatrixCell>,
}

impl TeamOverview {
    /// The overview of `people` (targets assigned).
    pub fn build(people: &[PersonSummary], catalog: &Catalog, role_ids: &[String]) -> Self {
        let compared = |r: &&Role| role_ids.is_empty() || role_ids.iter().any(|id| *id == r.id);
        let mut in_play: Vec<&Role> = catalog
            .roles
            .iter()
            .filter(compared)
            .filter(|r| {
                people.iter().any(|p| {
                    p.best_fit.as_deref() == Some(r.id.as_str())
                        || p.target.as_ref().is_some_and(|t| *t.role == *r.id)
                })
            })
            .collect();
        // Nobody placed yet: the ratings are still shown, against every
        // role compared.
        if in_play.is_empty() && !people.is_empty() {
            in_play = catalog.roles.iter().filter(compared).collect();
        }
        let skills = team_skills(people, catalog, &in_play);
        let (training, more_gaps) = training(people, catalog, &in_play);
        let mut budget = Budget::default();
        let mut unknown: Vec<&str> = Vec::new();
        for t in &training {
            budget.hours += t.hours;
            budget.usd += t.usd;
            budget.places += t.people.len();
            for r in t.resources.iter().filter(|r| r.cost.is_none()) {
                if !unknown.contains(&r.id.as_str()) {
                    unknown.push(&r.id);
                }
            }
        }
        budget.unknown_cost = unknown.len();
        let mut names: Vec<&PersonSummary> = people.iter().collect();
        names.sort_by(|a, b| a.person.cmp(&b.person));
        TeamOverview {
            people: people.len(),
            roles: in_play
                .iter()
                .map(|r| role_line(&names, r, catalog))
                .collect(),
            matrix: names
                .iter()
                .take(MATRIX_MAX)
                .map(|p| matrix_row(p, catalog, &skills))
                .collect(),
            skills,
            training,
            more_gaps,
            budget,
            unjudged: names.iter().filter(|p| p.role_unjudged()).count(),
            chase: chase(&names),
            not_asked: not_asked(&names),
            not_placed: names
                .iter()
                .filter(|p| p.target.is_none())
                .map(|p| NotPlaced {
                    person: p.person.clone(),
                    why: p.call,
                })
                .collect(),
        }
    }

    /// The skill of an id.
    pub fn skill(&self, id: &str) -> Option<&TeamSkill> {
        self.skills.iter().find(|s| s.skill == id)
    }
}

fn matrix_row(p: &PersonSummary, catalog: &Catalog, skills: &[TeamSkill]) -> MatrixRow {
    let role = p.target.as_ref().map(|t| t.role.to_string());
    MatrixRow {
        person: p.person.clone(),
        coverage: role.as_deref().and_then(|id| p.coverage(id)),
        role,
        cells: skills
            .iter()
            .map(|s| {
                (
                    p.state(&s.skill),
                    p.rating(&s.skill),
                    asks(p, catalog, &s.skill).map(|(l, _)| l),
                )
            })
            .collect(),
    }
}

/// The rating that counts for a gap: given, or 0 under `--unrated zero`.
fn effective(p: &PersonSummary, skill: &str) -> Option<f64> {
    p.rating(skill)
        .or_else(|| (p.unrated_zero && p.state(skill) != RatingState::NotAsked).then_some(0.0))
}

/// The requirement of a person's target role on a skill: (level, weight).
fn asks(p: &PersonSummary, catalog: &Catalog, skill: &str) -> Option<(u8, u8)> {
    let role = p.target.as_ref()?;
    catalog
        .role_by_id(&role.role)?
        .requirements
        .iter()
        .find(|q| q.skill == skill)
        .map(|q| (q.level, q.weight))
}

fn team_skills(people: &[PersonSummary], catalog: &Catalog, roles: &[&Role]) -> Vec<TeamSkill> {
    let mut levels: BTreeMap<&str, (u8, u8)> = BTreeMap::new();
    for q in roles.iter().flat_map(|r| &r.requirements) {
        let e = levels.entry(&q.skill).or_insert((q.level, q.level));
        e.0 = e.0.max(q.level);
        e.1 = e.1.min(q.level);
    }
    let mut by_name: Vec<&PersonSummary> = people.iter().collect();
    by_name.sort_by(|a, b| a.person.cmp(&b.person));
    let mut out: Vec<TeamSkill> = catalog
        .skills
        .iter()
        .filter_map(|s| {
            let (level, level_min) = *levels.get(s.id.as_str())?;
            let covering: Vec<&&PersonSummary> = by_name
                .iter()
                .filter(|p| p.rating(&s.id).is_some_and(|v| v >= f64::from(level)))
                .collect();
            let state = |st: RatingState| people.iter().filter(|p| p.state(&s.id) == st).count();
            Some(TeamSkill {
                skill: s.id.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
                level,
                level_min,
                rated: state(RatingState::Rated),
                not_rated: state(RatingState::NotRated),
                not_asked: state(RatingState::NotAsked),
                covered: covering.len(),
                strong: people
                    .iter()
                    .filter(|p| p.rating(&s.id).is_some_and(|v| v >= f64::from(STRONG)))
                    .count(),
                covered_by: covering
                    .iter()
                    .take(NAMED)
                    .map(|p| p.person.clone())
                    .collect(),
                below: people
                    .iter()
                    .filter(|p| {
                        let need = asks(p, catalog, &s.id);
                        matches!((need, effective(p, &s.id)), (Some((l, _)), Some(v)) if v < f64::from(l))
                    })
                    .count(),
            })
        })
        .collect();
    // Grouped by category in the catalogue's order of categories; the
    // sort is stable, so skills keep the catalogue's order within one.
    let rank = |c: &str| {
        catalog
            .categories
            .iter()
            .position(|x| x == c)
            .unwrap_or(usize::MAX)
    };
    out.sort_by_key(|s| rank(&s.category));
    out
}

fn role_line(people: &[&PersonSummary], role: &Role, catalog: &Catalog) -> RoleLine {
    let title_of = |id: &str| {
        catalog
            .role_by_id(id)
            .map_or(id.to_string(), |r| r.title.clone())
    };
    let mut nobody = Vec::new();
    let mut single = Vec::new();
    for q in &role.requirements {
        let level = f64::from(q.level);
        let meeting: Vec<&&PersonSummary> = people
            .iter()
            .filter(|p| p.rating(&q.skill).is_some_and(|v| v >= level))
            .collect();
        let rated = people.iter().any(|p| p.rating(&q.skill).is_some());
        let name = catalog
            .skill(&q.skill)
            .map_or(q.skill.to_string(), |s| s.name.clone());
        match meeting.as_slice() {
            [] if rated => nobody.push(name),
            [one] => single.push((name, q.level, one.person.clone())),
            _ => {}
        }
    }
    let members = people
        .iter()
        .filter(|p| p.target.as_ref().is_some_and(|t| *t.role == *role.id))
        .map(|p| Member {
            person: p.person.clone(),
            named: p.best_fit.as_deref().map(title_of),
            fit: p.fit(&role.id),
            coverage: p.coverage(&role.id),
            judged: p.judged(&role.id),
            ready: p.ready.iter().any(|r| **r == *role.id),
            gaps: member_gaps(p, role, catalog),
            unrated_defining: crate::model::defining_of(role)
                .filter(|q| !q.supporting && p.rating(&q.skill).is_none())
                .map(|q| {
                    catalog
                        .skill(&q.skill)
                        .map_or(q.skill.to_string(), |s| s.name.clone())
                })
                .collect(),
        })
        .collect();
    RoleLine {
        role: role.id.clone(),
        title: role.title.clone(),
        short: short_name(role),
        aiming: people
            .iter()
            .filter(|p| p.target.as_ref().is_some_and(|t| *t.role == *role.id))
            .count(),
        named: people
            .iter()
            .filter(|p| p.best_fit.as_deref() == Some(role.id.as_str()))
            .count(),
        ready: people
            .iter()
            .filter(|p| p.ready.iter().any(|r| **r == *role.id))
            .count(),
        ready_people: people
            .iter()
            .filter(|p| p.ready.iter().any(|r| **r == *role.id))
            .map(|p| p.person.clone())
            .collect(),
        not_judged: people
            .iter()
            .filter(|p| p.target.as_ref().is_some_and(|t| *t.role == *role.id))
            .filter(|p| !p.judged(&role.id))
            .count(),
        nobody,
        single,
        members,
    }
}

/// A role's name for a narrow column: its short alias ("SRE"), else the
/// first word of its title ("Platform").
fn short_name(role: &Role) -> String {
    let s = crate::model::short(role);
    if s == role.title {
        role.title
            .split_whitespace()
            .next()
            .unwrap_or(&role.title)
            .to_string()
    } else {
        s
    }
}

/// A person's three biggest gaps on a role, core skills counting most.
fn member_gaps(p: &PersonSummary, role: &Role, catalog: &Catalog) -> Vec<(String, f64, u8)> {
    let mut gaps: Vec<(f64, String, f64, u8)> = role
        .requirements
        .iter()
        .filter_map(|q| {
            let v = effective(p, &q.skill)?;
            let short = f64::from(q.level) - v;
            (short > 0.0).then(|| {
                let name = catalog
                    .skill(&q.skill)
                    .map_or(q.skill.to_string(), |s| s.name.clone());
                (short * f64::from(q.weight), name, v, q.level)
            })
        })
        .collect();
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    gaps.into_iter()
        .take(3)
        .map(|(_, n, v, l)| (n, v, l))
        .collect()
}

/// The resources that take someone from `from` to `to`: at each step the
/// one that starts at or below the current level and goes past it,
/// preferring one that reaches `to`, then the fewest hours.
pub fn chain<'a>(resources: &[&'a Resource], from: f64, to: u8) -> (Vec<&'a Resource>, u8) {
    let mut at = from.max(0.0).floor() as u8;
    let mut out: Vec<&Resource> = Vec::new();
    while at < to && out.len() < CHAIN_MAX {
        let next = resources
            .iter()
            .filter(|r| r.from <= at && r.to > at && !out.iter().any(|o| o.id == r.id))
            .min_by(|a, b| {
                (b.to >= to)
                    .cmp(&(a.to >= to))
                    .then(if a.to >= to && b.to >= to {
                        std::cmp::Ordering::Equal
                    } else {
                        b.to.cmp(&a.to)
                    })
                    .then(a.hours.cmp(&b.hours))
                    .then(a.id.cmp(&b.id))
            });
        let Some(r) = next else { break };
        at = r.to;
        out.push(r);
    }
    (out, at)
}

/// The [`SHARED_GAPS`] biggest shared gaps with their training, and the
/// other shared gaps: (name, people below).
fn training(
    people: &[PersonSummary],
    catalog: &Catalog,
    roles: &[&Role],
) -> (Vec<TrainingNeed>, Vec<(String, usize)>) {
    let mut resources: BTreeMap<&str, Vec<&Resource>> = BTreeMap::new();
    for r in &catalog.resources {
        resources.entry(r.skill.as_str()).or_default().push(r);
    }
    let mut needs: Vec<(f64, TrainingNeed)> = Vec::new();
    let mut skills: Vec<&str> = Vec::new();
    for q in roles.iter().flat_map(|r| &r.requirements) {
        if !skills.contains(&q.skill.as_str()) {
            skills.push(&q.skill);
        }
    }
    for id in skills {
        let mut weighted = 0.0;
        let mut who: Vec<NeedPerson> = Vec::new();
        let mut used: Vec<Resource> = Vec::new();
        let pool = resources.get(id).cloned().unwrap_or_default();
        for p in people {
            let (Some((level, weight)), Some(v)) = (asks(p, catalog, id), effective(p, id)) else {
                continue;
            };
            if v >= f64::from(level) {
                continue;
            }
            weighted += (f64::from(level) - v) * f64::from(weight);
            let (steps, reaches) = chain(&pool, v, level);
            for r in &steps {
                if !used.iter().any(|u| u.id == r.id) {
                    used.push((*r).clone());
                }
            }
            who.push(NeedPerson {
                person: p.person.clone(),
                rating: v,
                required: level,
                resources: steps.iter().map(|r| r.id.clone()).collect(),
                hours: steps.iter().map(|r| r.hours).sum(),
                usd: steps.iter().filter_map(|r| r.cost).map(|c| c.usd()).sum(),
                unknown_cost: steps.iter().filter(|r| r.cost.is_none()).count(),
                reaches,
            });
        }
        // A gap one person has is in that person's own plan.
        if who.len() < 2 {
            continue;
        }
        who.sort_by(|a, b| a.rating.total_cmp(&b.rating).then(a.person.cmp(&b.person)));
        // Listed from the lowest level up, as a learner meets them.
        used.sort_by(|a, b| {
            a.from
                .cmp(&b.from)
                .then(a.to.cmp(&b.to))
                .then(a.id.cmp(&b.id))
        });
        let top = who.iter().map(|w| w.required).max().unwrap_or(0);
        let mut teach: Vec<&str> = people
            .iter()
            .filter(|p| p.rating(id).is_some_and(|v| v >= f64::from(top)))
            .map(|p| p.person.as_str())
            .collect();
        teach.sort_unstable();
        let name = catalog.skill(id).map_or(id.to_string(), |s| s.name.clone());
        needs.push((
            weighted,
            TrainingNeed {
                skill: id.into(),
                name,
                levels_short: who.iter().map(|w| f64::from(w.required) - w.rating).sum(),
                hours: who.iter().map(|w| w.hours).sum(),
                usd: who.iter().map(|w| w.usd).sum(),
                unknown_cost: used.iter().filter(|r| r.cost.is_none()).count(),
                people: who,
                resources: used,
                can_teach_count: teach.len(),
                can_teach: teach.iter().take(NAMED).map(|s| s.to_string()).collect(),
            },
        ));
    }
    needs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
    let mut shown: Vec<TrainingNeed> = needs.into_iter().map(|(_, n)| n).collect();
    let rest = shown.split_off(SHARED_GAPS.min(shown.len()));
    let mut more: Vec<(String, usize)> =
        rest.into_iter().map(|n| (n.name, n.people.len())).collect();
    more.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    (shown, more)
}

/// Whether someone can be chased: their role is unjudged and they left
/// blank questions their survey asked that would decide it (any skipped
/// one, when the decision names none to rate next).
fn chaseable(p: &PersonSummary) -> bool {
    p.role_unjudged()
        && p.skipped() > 0
        && (p.rate_next.is_empty() || p.rate_next.iter().any(|n| n.state == RatingState::NotRated))
}

fn chase(people: &[&PersonSummary]) -> Vec<Chase> {
    let mut out: Vec<Chase> = people
        .iter()
        .filter(|p| chaseable(p))
        .map(|p| Chase {
            person: p.person.clone(),
            call: p.call.unwrap_or(Verdict::NotEnough),
            skipped: p.skipped(),
            not_asked: p.not_asked.len(),
            decide: p
                .rate_next
                .iter()
                .filter(|n| n.state == RatingState::NotRated)
                .map(|n| n.name.to_string())
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        (a.call != Verdict::NotEnough)
            .cmp(&(b.call != Verdict::NotEnough))
            .then(b.skipped.cmp(&a.skipped))
            .then(a.person.cmp(&b.person))
    });
    out
}

/// The unjudged people nobody can chase, and the skills their survey did
/// not ask that would decide their role.
fn not_asked(people: &[&PersonSummary]) -> NotAsked {
    let mut out = NotAsked::default();
    for p in people.iter().filter(|p| p.role_unjudged() && !chaseable(p)) {
        let unasked: Vec<&str> = p
            .rate_next
            .iter()
            .filter(|n| n.state == RatingState::NotAsked)
            .map(|n| &*n.name)
            .collect();
        if unasked.is_empty() {
            out.rest.push((p.person.clone(), p.call));
            continue;
        }
        out.people.push(p.person.clone());
        for n in unasked {
            if !out.skills.iter().any(|x| x == n) {
                out.skills.push(n.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ResourceKind;

    fn res(id: &str, from: u8, to: u8, hours: u32) -> Resource {
        Resource {
            id: id.into(),
            skill: "s".into(),
            kind: ResourceKind::Course,
            title: id.into(),
            provider: "p".into(),
            hours,
            from,
            to,
            ..Default::default()
        }
    }

    #[test]
    fn the_chain_starts_at_the_persons_level_and_reaches_the_role() {
        let a = res("book-0-2", 0, 2, 10);
        let b = res("course-2-4", 2, 4, 20);
        let c = res("lab-3-4", 3, 4, 8);
        let d = res("exam-3-5", 3, 5, 40);
        let all = [&a, &b, &c, &d];
        // At 3 and needing 4: the lab, never the 0 → 2 book.
        let (steps, reached) = chain(&all, 3.0, 4);
        assert_eq!(
            steps.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["lab-3-4"]
        );
        assert_eq!(reached, 4);
        // At 0.5 and needing 4: the book, then the course.
        let (steps, reached) = chain(&all, 0.5, 4);
        assert_eq!(
            steps.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["book-0-2", "course-2-4"]
        );
        assert_eq!(reached, 4);
        // Nothing from 4 up: the chain stops short and says so.
        let (steps, reached) = chain(&all, 4.0, 5);
        assert_eq!(steps.len(), 1);
        assert_eq!(reached, 5);
        let (steps, reached) = chain(&[&a], 2.0, 4);
        assert!(steps.is_empty());
        assert_eq!(reached, 2);
    }
}
