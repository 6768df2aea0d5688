//! Choosing resources: for each target, a chain of catalogue resources that
//! walks the person from their current level up to the target level, the
//! way a mentor would pick them: doing from level 3 on, free and official
//! material first below it, the person's own cloud and tools first, and at
//! least half of the plan's hours spent doing.

use super::{Target, Uncovered};
use crate::model::{CLOUDS, Cost, LearningClass, Resource};
use crate::text::stable_hash;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cmp::Reverse;

/// One chosen resource, not yet dated.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Step<'a> {
    /// Skill id.
    pub skill: &'a str,
    /// Skill display name.
    pub name: &'a str,
    /// Level before: the rating as given for a target's first step.
    pub from: f64,
    /// Level after: min(resource.to, target).
    pub to: u8,
    /// The catalogue entry.
    pub resource: &'a Resource,
    /// For practice that needs a job context: the simulated alternative.
    pub alternative: Option<&'a Resource>,
    /// Another resource that does the same job for this step (same skill,
    /// same levels, reading for reading and doing for doing) in another
    /// format or from another provider: "or instead".
    pub instead: Option<&'a Resource>,
    /// The skills the resource needs to start that the person does not
    /// have at working basics ([`BASICS`]): they come first in the plan.
    pub needs: Vec<&'a str>,
}

/// The level at which a skill a resource requires counts as there: the
/// person can start the resource (rated 2, "works with help", or more).
pub const BASICS: f64 = 2.0;

/// The steps for one target, in level order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Chain<'a> {
    /// Skill id.
    pub skill: &'a str,
    /// Steps in level order; never empty.
    pub steps: Vec<Step<'a>>,
}

/// The level a plan starts from: the whole part of `current` (2.5 → 2),
/// with anything non-finite or out of range brought into 0–5.
pub(super) fn start_level(current: f64) -> u8 {
    if current.is_finite() {
        // Clamped to 0..=5 first, so the cast cannot truncate.
        current.clamp(0.0, 5.0).floor() as u8
    } else {
        0
    }
}

/// The share of a plan's hours that must be doing (projects, practice,
/// lab exams), in percent: below it, reading steps are swapped for
/// hands-on ones at the same level where the catalogue has them.
pub const DOING_SHARE_PERCENT: u64 = 50;

/// The learning catalogue indexed for choosing: by skill (in catalogue
/// order, for the final tie-break), including every resource of a tool
/// under the concepts the tool rolls up to, and by id. Built once and
/// shared by every plan of a report, it spares each plan two maps over the
/// whole catalogue. Its maps hash with FxHash: their keys are the
/// catalogue's own ids, and SipHash on them was 1% of a batch's CPU.
#[derive(Debug, Clone)]
pub struct Library<'a> {
    by_skill: HashMap<&'a str, Vec<&'a Resource>>,
    by_id: HashMap<&'a str, &'a Resource>,
}

impl<'a> Library<'a> {
    /// Indexes `resources`.
    pub fn new(resources: &'a [Resource]) -> Library<'a> {
        let mut by_skill: HashMap<&str, Vec<&Resource>> = HashMap::default();
        for r in resources {
            by_skill.entry(r.skill.as_str()).or_default().push(r);
            for concept in &r.counts_for {
                if concept != &r.skill {
                    by_skill.entry(concept.as_str()).or_default().push(r);
                }
            }
        }
        let by_id = resources.iter().map(|r| (r.id.as_str(), r)).collect();
        Library { by_skill, by_id }
    }

    /// The resources that can move `skill`: its own and its tools'.
    pub fn for_skill(&self, skill: &str) -> &[&'a Resource] {
        self.by_skill.get(skill).map_or(&[][..], |v| v)
    }
}

/// The cloud a person's plan is for: `stated` (the plan options' cloud:
/// the run's `--cloud`, else the one the person named in a survey
/// column), else the provider they rate highest (none on a tie or with
/// none rated above 0). A cloud the person names is what they work in;
/// ratings only hint at it.
fn cloud_for(stated: Option<&str>, rating: &dyn Fn(&str) -> Option<f64>) -> Option<String> {
    if let Some(c) = stated {
        return Some(c.to_string());
    }
    let rated: Vec<(&str, f64)> = CLOUDS
        .iter()
        .filter_map(|c| {
            rating(c)
                .filter(|v| v.is_finite() && *v > 0.0)
                .map(|v| (*c, v))
        })
        .collect();
    let top = rated.iter().map(|(_, v)| *v).fold(f64::NAN, f64::max);
    let best: Vec<&str> = rated
        .iter()
        .filter(|(_, v)| *v == top)
        .map(|(c, _)| *c)
        .collect();
    (best.len() == 1).then(|| best[0].to_string())
}

/// The skills whose material depends on the provider: cloud, IaC,
/// identity, networking, cost, serverless and disaster recovery.
pub const CLOUD_SKILLS: [&str; 7] = [
    "cloud",
    "iac",
    "iam",
    "networking",
    "cost-management",
    "serverless",
    "backup-dr",
];

/// The cloud a resource is about: its `cloud`, or its skill when the skill
/// is a provider (the AWS exams are AWS).
pub fn cloud_of(r: &Resource) -> Option<&str> {
    r.cloud
        .as_deref()
        .or_else(|| CLOUDS.iter().find(|c| **c == r.skill).copied())
}

/// What a plan is chosen for besides the targets: the person's ratings
/// (their tools, exams already met) and their cloud.
struct Context<'a, 'r> {
    by_id: &'r HashMap<&'a str, &'a Resource>,
    /// The person's rating of a skill, if rated.
    rating: &'r dyn Fn(&str) -> Option<f64>,
    cloud: Option<String>,
    /// A stable hash of who the plan is for: breaks ties between equally
    /// fitting alternatives, so a team is not all sent to the same one.
    seed: u64,
}

impl Context<'_, '_> {
    /// A required resource is met when it is already in the plan, or when
    /// the person's rating in its skill is at or above the level it leads
    /// to: then they hold it or can sit it straight away. Otherwise
    /// planning the later exam would promise something the person cannot
    /// book. A required id the catalogue lacks (a user overlay removed it)
    /// cannot be checked and does not block.
    fn met(&self, r: &Resource, used: &HashSet<&str>) -> bool {
        r.requires_resources.iter().all(|q| {
            used.contains(q.as_str())
                || self.by_id.get(q.as_str()).is_none_or(|p| {
                    (self.rating)(&p.skill).is_some_and(|now| now >= f64::from(p.to))
                })
        })
    }

    /// 0 for the person's own cloud, 1 for material about no cloud, 2 for
    /// a cloud when the person's is unknown (AWS before the others, the
    /// most common); None for another cloud than theirs. Only for the
    /// skills a provider shapes ([`CLOUD_SKILLS`]) does their own cloud's
    /// material come first; elsewhere it ranks with the rest.
    fn cloud_rank(&self, r: &Resource, skill: &str) -> Option<u8> {
        let shaped = CLOUD_SKILLS.contains(&skill);
        match (cloud_of(r), self.cloud.as_deref()) {
            (None, _) => Some(u8::from(shaped)),
            (Some(c), Some(mine)) => (c == mine).then_some(0),
            (Some("aws"), None) => Some(2),
            (Some(_), None) => Some(3),
        }
    }

    /// 0 when the resource is about a tool the person rated (their own
    /// tools first), 1 when it is about the target itself, 2 for another
    /// tool that counts toward it.
    fn tool_rank(&self, r: &Resource, target: &str) -> u8 {
        if r.skill == target {
            1
        } else if (self.rating)(&r.skill).is_some_and(|v| v > 0.0) {
            0
        } else {
            2
        }
    }
}

/// Chooses chains for `targets` (already in priority order, one per skill).
/// Returns the non-empty chains in the same order, and the targets whose
/// walk stopped at a level nothing covers. For tests: plans go through
/// [`choose_all_for`], which knows the person and their cloud.
#[cfg(test)]
pub(super) fn choose_all<'a>(
    targets: &'a [Target],
    library: &Library<'a>,
    rating: &dyn Fn(&str) -> Option<f64>,
) -> (Vec<Chain<'a>>, Vec<Uncovered>) {
    choose_all_for(targets, library, rating, "", None)
}

/// [`choose_all`] for the person named `person`, whose plan is for
/// `cloud` when it is known from outside their ratings (see
/// [`cloud_for`]): the name only breaks ties between equally
/// fitting alternatives ([`offer_instead`]).
pub(super) fn choose_all_for<'a>(
    targets: &'a [Target],
    library: &Library<'a>,
    rating: &dyn Fn(&str) -> Option<f64>,
    person: &str,
    cloud: Option<&str>,
) -> (Vec<Chain<'a>>, Vec<Uncovered>) {
    let cx = Context {
        by_id: &library.by_id,
        rating,
        cloud: cloud_for(cloud, rating),
        seed: stable_hash(person),
    };
    // Across the whole plan, so a resource listed twice is still used once.
    let mut used: HashSet<&str> = HashSet::default();
    let mut chains = Vec::new();
    let mut uncovered = Vec::new();
    for t in targets {
        let candidates = library.for_skill(&t.skill);
        let (steps, stuck) = choose_chain(t, candidates, &mut used, &cx);
        if let Some(from) = stuck {
            uncovered.push(Uncovered {
                skill: t.skill.clone(),
                name: t.name.clone(),
                from,
            });
        }
        if !steps.is_empty() {
            chains.push(Chain {
                skill: t.skill.as_str(),
                steps,
            });
        }
    }
    enough_doing(&mut chains, library, &mut used, &cx);
    offer_instead(&mut chains, library, &used, &cx);
    (chains, uncovered)
}

fn is_doing(r: &Resource) -> bool {
    r.kind.class() == LearningClass::HandsOn
}

/// How canonical a first-levels resource is: free official documentation
/// or free hands-on material first, then other free material, then what
/// costs or has no known price.
fn canon_rank(r: &Resource) -> u8 {
    match (r.cost, r.kind.class()) {
        (Some(Cost::Free), LearningClass::Reading | LearningClass::HandsOn) => 0,
        (Some(Cost::Free), LearningClass::Taught) => 1,
        _ => 2,
    }
}

/// Walks one target up level by level. Returns the steps and, when the walk
/// stopped short of the target, the level nothing covered.
fn choose_chain<'a>(
    t: &'a Target,
    candidates: &[&'a Resource],
    used: &mut HashSet<&'a str>,
    cx: &Context<'a, '_>,
) -> (Vec<Step<'a>>, Option<u8>) {
    let target = t.target.min(5);
    let mut level = start_level(t.current);
    let mut steps = Vec::new();
    // Each step raises `level` by at least one, so this ends within 5 steps.
    while level < target {
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.from <= level
                    && level < r.to
                    && !used.contains(r.id.as_str())
                    && cx.met(r, used)
                    && cx.cloud_rank(r, &t.skill).is_some()
            })
            // Furthest toward the target; then the person's cloud; then
            // free official material and free doing before what costs (an
            // exam fee, a book); then their own tools; then less effort, then id, then catalogue position, so
            // the choice never depends on hashing.
            .min_by_key(|(i, r)| {
                let reach = r.to.min(target);
                (
                    Reverse(reach),
                    cx.cloud_rank(r, &t.skill),
                    // Level 3 and up is doing (the catalogue's level rule;
                    // kept here for overlays that break it).
                    reach >= 3 && !is_doing(r),
                    canon_rank(r),
                    cx.tool_rank(r, &t.skill),
                    r.hours,
                    r.id.as_str(),
                    *i,
                )
            })
            .map(|(_, r)| *r);
        let Some(r) = best else {
            return (steps, Some(level));
        };
        used.insert(r.id.as_str());
        let to = r.to.min(target);
        // The first step starts where the person is (2.5, not 2).
        let from = match steps.is_empty() && t.current.is_finite() {
            true => t.current.clamp(f64::from(level), f64::from(to)),
            false => f64::from(level),
        };
        // Up to level 2 a mentor pairs reading with doing: the canonical
        // material to read, then the lab that makes it stick (reading
        // first). From level 3 on it is doing alone.
        let partner = (to <= PAIRED_UP_TO)
            .then(|| pair_for(r, level, to, candidates, used, cx, &t.skill))
            .flatten();
        let mut pair = vec![r];
        if let Some(p) = partner {
            used.insert(p.id.as_str());
            pair.push(p);
            pair.sort_by_key(|x| is_doing(x));
        }
        for r in pair {
            steps.push(Step {
                skill: t.skill.as_str(),
                name: t.name.as_str(),
                from,
                to,
                resource: r,
                alternative: alternative(r, cx),
                instead: None,
                needs: needs(r, cx),
            });
        }
        level = to;
    }
    (steps, None)
}

/// The level up to which reading and doing are paired for one step.
pub const PAIRED_UP_TO: u8 = 2;

/// The partner of `r` for the step from `level` to `to`: the best doing
/// when `r` is reading, the best reading when it is doing.
fn pair_for<'a>(
    r: &Resource,
    level: u8,
    to: u8,
    candidates: &[&'a Resource],
    used: &HashSet<&'a str>,
    cx: &Context<'a, '_>,
    skill: &str,
) -> Option<&'a Resource> {
    candidates
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            is_doing(p) != is_doing(r)
                && p.from <= level
                && p.to >= to
                && !used.contains(p.id.as_str())
                && cx.met(p, used)
                && cx.cloud_rank(p, skill).is_some()
        })
        .min_by_key(|(i, p)| {
            (
                cx.cloud_rank(p, skill),
                canon_rank(p),
                cx.tool_rank(p, skill),
                p.hours,
                p.id.as_str(),
                *i,
            )
        })
        .map(|(_, p)| *p)
}

/// What `r` requires that the person has not rated at [`BASICS`] or more.
fn needs<'a>(r: &'a Resource, cx: &Context<'_, '_>) -> Vec<&'a str> {
    r.requires
        .iter()
        .filter(|q| (cx.rating)(q).is_none_or(|v| v < BASICS))
        .map(String::as_str)
        .collect()
}

/// The simulated alternative of a practice that needs a job context.
fn alternative<'a>(r: &Resource, cx: &Context<'a, '_>) -> Option<&'a Resource> {
    r.alternative
        .as_deref()
        .and_then(|id| cx.by_id.get(id).copied())
}

/// Swaps reading steps for hands-on ones at the same level, biggest
/// reading first, until at least [`DOING_SHARE_PERCENT`] of the plan's
/// hours are doing or no reading step has a hands-on replacement.
fn enough_doing<'a>(
    chains: &mut [Chain<'a>],
    library: &Library<'a>,
    used: &mut HashSet<&'a str>,
    cx: &Context<'a, '_>,
) {
    let share_ok = |chains: &[Chain]| {
        let (mut all, mut doing) = (0u64, 0u64);
        for s in chains.iter().flat_map(|c| &c.steps) {
            all += u64::from(s.resource.hours);
            if is_doing(s.resource) {
                doing += u64::from(s.resource.hours);
            }
        }
        doing * 100 >= all * DOING_SHARE_PERCENT
    };
    let mut tried: HashSet<(usize, usize)> = HashSet::default();
    while !share_ok(chains) {
        // The biggest reading step not tried yet.
        let Some((ci, si)) = chains
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| c.steps.iter().enumerate().map(move |(si, s)| (ci, si, s)))
            .filter(|(ci, si, s)| !is_doing(s.resource) && !tried.contains(&(*ci, *si)))
            .max_by_key(|(ci, si, s)| (s.resource.hours, Reverse(*ci), Reverse(*si)))
            .map(|(ci, si, _)| (ci, si))
        else {
            return;
        };
        tried.insert((ci, si));
        let step = &chains[ci].steps[si];
        // Read-then-do at one level: the doing stays, the reading goes
        // (both start where the person is, so nothing else changes).
        let paired = chains[ci]
            .steps
            .iter()
            .any(|o| o.to == step.to && is_doing(o.resource));
        if paired {
            used.remove(step.resource.id.as_str());
            chains[ci].steps.remove(si);
            // Indices after the removed step moved down by one.
            tried.clear();
            continue;
        }
        let level = start_level(step.from);
        let replacement = library
            .for_skill(step.skill)
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                is_doing(r)
                    && r.from <= level
                    && r.to >= step.to
                    && !used.contains(r.id.as_str())
                    && cx.met(r, used)
                    && cx.cloud_rank(r, step.skill).is_some()
            })
            .min_by_key(|(i, r)| {
                (
                    cx.cloud_rank(r, step.skill),
                    canon_rank(r),
                    cx.tool_rank(r, step.skill),
                    r.hours,
                    r.id.as_str(),
                    *i,
                )
            })
            .map(|(_, r)| *r);
        if let Some(r) = replacement {
            used.remove(step.resource.id.as_str());
            used.insert(r.id.as_str());
            let step = &mut chains[ci].steps[si];
            step.resource = r;
            step.alternative = alternative(r, cx);
            step.needs = needs(r, cx);
        }
    }
}

/// Hours of a plan's steps: (all, doing).
fn hours_split(chains: &[Chain]) -> (u64, u64) {
    let (mut all, mut doing) = (0u64, 0u64);
    for s in chains.iter().flat_map(|c| &c.steps) {
        all += u64::from(s.resource.hours);
        if is_doing(s.resource) {
            doing += u64::from(s.resource.hours);
        }
    }
    (all, doing)
}

/// How much longer or shorter than the step an alternative may be and
/// still do the same job: at most twice, at least half the hours.
const INSTEAD_HOURS_FACTOR: u32 = 2;

/// Gives each step one "or instead": the best other resource for the same
/// skill that starts at or below the step's level and reaches its level,
/// of the same kind of work (reading for reading, doing for doing), in the
/// person's cloud or none (any cloud, all alike, when theirs is unknown:
/// the AWS step may offer the Azure or GCP one instead), about as
/// long (within [`INSTEAD_HOURS_FACTOR`]), and that would keep at least
/// [`DOING_SHARE_PERCENT`] of the plan's hours doing if taken. Another
/// format or provider comes first (a course for a book, the free docs for
/// a paid book, the other lab), then the ranks the chooser uses; among
/// alternatives equal on all of those, a stable hash of the person and the
/// resource picks, so a team does not all queue for the same one (same
/// person, same alternative). Nothing in the plan, and no alternative
/// already offered, is offered twice, nor practice that needs a job
/// context (it comes only as a step, with its condition).
fn offer_instead<'a>(
    chains: &mut [Chain<'a>],
    library: &Library<'a>,
    used: &HashSet<&'a str>,
    cx: &Context<'a, '_>,
) {
    let (all, doing) = hours_split(chains);
    let mut offered: HashSet<&str> = HashSet::default();
    for chain in chains.iter_mut() {
        for step in &mut chain.steps {
            let r = step.resource;
            let level = start_level(step.from);
            let keeps_share = |p: &Resource| {
                let (h, ph) = (u64::from(r.hours), u64::from(p.hours));
                let doing = if is_doing(r) { doing - h + ph } else { doing };
                doing * 100 >= (all - h + ph) * DOING_SHARE_PERCENT
            };
            let pick = library
                .for_skill(step.skill)
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    p.id != r.id
                        && is_doing(p) == is_doing(r)
                        && p.from <= level
                        && p.to >= step.to
                        && p.hours <= r.hours.saturating_mul(INSTEAD_HOURS_FACTOR)
                        && p.hours.saturating_mul(INSTEAD_HOURS_FACTOR) >= r.hours
                        && !used.contains(p.id.as_str())
                        && !offered.contains(p.id.as_str())
                        && step.alternative.is_none_or(|a| a.id != p.id)
                        // Practice that needs a job context comes with its
                        // condition and simulated alternative, never as a
                        // bare "or instead".
                        && p.condition.is_none()
                        && cx.met(p, used)
                        && cx.cloud_rank(p, step.skill).is_some()
                        && keeps_share(p)
                })
                .min_by_key(|(i, p)| {
                    (
                        // With the person's cloud unknown, every provider's
                        // material is as fitting as the neutral kind: the
                        // step shows one, the alternative may be another's.
                        cx.cloud.as_ref().map(|_| cx.cloud_rank(p, step.skill)),
                        p.kind == r.kind && p.provider == r.provider,
                        canon_rank(p),
                        cx.tool_rank(p, step.skill),
                        stable_hash(&p.id) ^ cx.seed,
                        p.id.as_str(),
                        *i,
                    )
                })
                .map(|(_, p)| *p);
            if let Some(p) = pick {
                offered.insert(p.id.as_str());
                step.instead = Some(p);
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::ResourceKind;

    /// A catalogue entry for tests.
    pub(in crate::plan) fn res(
        id: &str,
        skill: &str,
        from: u8,
        to: u8,
        hours: u32,
        requires: &[&str],
    ) -> Resource {
        Resource {
            id: id.into(),
            skill: skill.into(),
            kind: ResourceKind::Book,
            title: format!("Title {id}"),
            provider: "Provider".into(),
            url: None,
            hours,
            from,
            to,
            requires: requires.iter().map(|s| (*s).into()).collect(),
            ..Default::default()
        }
    }

    /// A target for tests; priority = weight × gap as the analysis does.
    pub(in crate::plan) fn target(skill: &str, current: f64, to: u8, weight: u8) -> Target {
        Target {
            skill: skill.into(),
            name: skill.to_uppercase(),
            current,
            target: to,
            weight,
            priority: f64::from(weight) * (f64::from(to) - current).max(0.0),
            interest: 0,
            defining: false,
        }
    }

    fn picks(chains: &[Chain]) -> Vec<(String, f64, u8)> {
        chains
            .iter()
            .flat_map(|c| &c.steps)
            .map(|s| (s.resource.id.clone(), s.from, s.to))
            .collect()
    }

    #[test]
    fn start_level_floors_and_clamps() {
        assert_eq!(start_level(2.5), 2);
        assert_eq!(start_level(0.0), 0);
        assert_eq!(start_level(4.99), 4);
        assert_eq!(start_level(-1.0), 0);
        assert_eq!(start_level(9.0), 5);
        assert_eq!(start_level(f64::NAN), 0);
        assert_eq!(start_level(f64::INFINITY), 0);
    }

    #[test]
    fn walks_across_levels_furthest_then_fewer_hours() {
        // Level 1: a (0→2) reaches 2, c (1→3) reaches 3 → c.
        // Level 3: b (2→4) and d (3→5) both reach 4 (capped) → fewer hours: b.
        let cat = [
            res("a", "k8s", 0, 2, 5, &[]),
            res("b", "k8s", 2, 4, 10, &[]),
            res("c", "k8s", 1, 3, 30, &[]),
            res("d", "k8s", 3, 5, 20, &[]),
        ];
        let ts = [target("k8s", 1.0, 4, 3)];
        let (chains, unc) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains), [("c".into(), 1.0, 3), ("b".into(), 3.0, 4)]);
        assert!(unc.is_empty());
    }

    #[test]
    fn capped_at_target_and_ties_broken_by_id() {
        // Both reach 3 with equal hours → id "x" before "y".
        let cat = [res("y", "s", 2, 5, 8, &[]), res("x", "s", 0, 3, 8, &[])];
        let ts = [target("s", 2.5, 3, 1)];
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        // The step starts from the rating as given.
        assert_eq!(picks(&chains), [("x".into(), 2.5, 3)]);
    }

    fn kind(mut r: Resource, kind: ResourceKind, cost: Option<Cost>) -> Resource {
        r.kind = kind;
        r.cost = cost;
        r
    }

    #[test]
    fn free_official_material_first_at_low_levels() {
        let cat = [
            kind(
                res("paid-book", "s", 0, 1, 4, &[]),
                ResourceKind::Book,
                None,
            ),
            kind(
                res("docs", "s", 0, 1, 6, &[]),
                ResourceKind::Docs,
                Some(Cost::Free),
            ),
            kind(
                res("course", "s", 0, 1, 5, &[]),
                ResourceKind::Course,
                Some(Cost::Free),
            ),
        ];
        let ts = [target("s", 0.0, 1, 1)];
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains), [("docs".into(), 0.0, 1)]);
    }

    #[test]
    fn reading_and_doing_are_paired_and_half_the_hours_are_doing() {
        let cat = [
            kind(
                res("read", "s", 1, 2, 10, &[]),
                ResourceKind::Docs,
                Some(Cost::Free),
            ),
            kind(
                res("lab", "s", 1, 2, 12, &[]),
                ResourceKind::Practice,
                Some(Cost::Free),
            ),
            kind(
                res("proj", "s", 2, 3, 4, &[]),
                ResourceKind::Project,
                Some(Cost::Free),
            ),
            kind(
                res("book", "s", 2, 3, 1, &[]),
                ResourceKind::Book,
                Some(Cost::Free),
            ),
        ];
        // Up to level 2: read, then do. Level 3: doing alone.
        let ts = [target("s", 1.0, 3, 1)];
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(
            picks(&chains),
            [
                ("read".into(), 1.0, 2),
                ("lab".into(), 1.0, 2),
                ("proj".into(), 2.0, 3)
            ]
        );
        // Reading that would be most of the hours goes; the doing stays.
        let mut cat = cat.clone();
        cat[0].hours = 40;
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(
            picks(&chains),
            [("lab".into(), 1.0, 2), ("proj".into(), 2.0, 3)]
        );
    }

    #[test]
    fn the_persons_cloud_picks_the_provider() {
        let mut aws = res("aws-lab", "cloud", 1, 2, 20, &[]);
        aws.cloud = Some("aws".into());
        let mut azure = res("azure-lab", "cloud", 1, 2, 30, &[]);
        azure.cloud = Some("azure".into());
        let neutral = res("neutral", "cloud", 1, 2, 40, &[]);
        let cat = [aws, azure, neutral];
        let ts = [target("cloud", 1.0, 2, 1)];
        let pick = |lib: &Library, rating: &dyn Fn(&str) -> Option<f64>| {
            picks(&choose_all(&ts, lib, rating).0)[0].0.clone()
        };
        let lib = Library::new(&cat);
        let on_azure = |s: &str| match s {
            "azure" => Some(4.0),
            "aws" => Some(1.0),
            _ => None,
        };
        assert_eq!(pick(&lib, &on_azure), "azure-lab");
        // Unknown cloud: material about no cloud first.
        assert_eq!(pick(&lib, &|_| None), "neutral");
        // A tie says nothing.
        assert_eq!(
            pick(&lib, &|s| CLOUDS.contains(&s).then_some(2.0)),
            "neutral"
        );
        // The plan options' cloud (--cloud, or the one a person names)
        // wins over ratings.
        let stated = |cloud| {
            picks(&choose_all_for(&ts, &lib, &on_azure, "", cloud).0)[0]
                .0
                .clone()
        };
        assert_eq!(stated(Some("aws")), "aws-lab");
        assert_eq!(stated(None), "azure-lab");
        // Another cloud's material is never offered.
        let only_azure = [cat[1].clone()];
        let lib = Library::new(&only_azure);
        assert!(
            choose_all_for(&ts, &lib, &|_| None, "", Some("gcp"))
                .0
                .is_empty()
        );
    }

    #[test]
    fn tool_resources_count_for_their_concept_own_tools_first() {
        let mut tf = res("terraform-docs", "terraform", 0, 1, 6, &[]);
        tf.counts_for = vec!["iac".into()];
        let mut pulumi = res("pulumi-docs", "pulumi", 0, 1, 4, &[]);
        pulumi.counts_for = vec!["iac".into()];
        let cat = [tf, pulumi, res("iac-book", "iac", 0, 1, 8, &[])];
        let ts = [target("iac", 0.0, 1, 1)];
        // Nothing rated: the concept's own material.
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains)[0].0, "iac-book");
        // Rated Terraform: its docs.
        let rating = |s: &str| (s == "terraform").then_some(1.0);
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &rating);
        assert_eq!(picks(&chains)[0].0, "terraform-docs");
    }

    #[test]
    fn each_step_offers_one_alternative_of_the_same_kind_of_work() {
        let cat = [
            kind(
                res("docs", "s", 0, 1, 6, &[]),
                ResourceKind::Docs,
                Some(Cost::Free),
            ),
            kind(res("book", "s", 0, 2, 8, &[]), ResourceKind::Book, None),
            // Four times as long: not the same job.
            kind(res("tome", "s", 0, 1, 30, &[]), ResourceKind::Book, None),
            kind(
                res("lab", "s", 0, 1, 8, &[]),
                ResourceKind::Practice,
                Some(Cost::Free),
            ),
            kind(
                res("lab2", "s", 0, 1, 10, &[]),
                ResourceKind::Project,
                Some(Cost::Free),
            ),
        ];
        let ts = [target("s", 0.0, 1, 1)];
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        let offers: Vec<(&str, Option<&str>)> = chains[0]
            .steps
            .iter()
            .map(|s| (s.resource.id.as_str(), s.instead.map(|r| r.id.as_str())))
            .collect();
        // Reading for reading, doing for doing; never the 30-hour book.
        assert_eq!(offers, [("docs", Some("book")), ("lab", Some("lab2"))]);
        // An alternative that would tip the plan below half doing is not
        // offered: a 12-hour book for 6 hours of docs beside an 8-hour lab.
        let mut cat = cat.clone();
        cat[1].hours = 12;
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(chains[0].steps[0].instead, None);
    }

    #[test]
    fn equal_alternatives_are_spread_by_person_and_job_context_is_never_one() {
        let lab = |id: &str| {
            kind(
                res(id, "s", 2, 3, 10, &[]),
                ResourceKind::Practice,
                Some(Cost::Free),
            )
        };
        let mut on_call = lab("on-call");
        on_call.condition = Some("your team runs an on-call rotation".into());
        // "a" is chosen (id order); b, c, d are equal alternatives to it.
        let cat = [lab("a"), lab("b"), lab("c"), lab("d"), on_call];
        let ts = [target("s", 2.0, 3, 1)];
        let lib = Library::new(&cat);
        let instead = |person: &str| {
            let (chains, _) = choose_all_for(&ts, &lib, &|_| None, person, None);
            assert_eq!(chains[0].steps[0].resource.id, "a");
            chains[0].steps[0].instead.map(|r| r.id.clone())
        };
        let offered: HashSet<Option<String>> =
            (0..20).map(|i| instead(&format!("Person {i}"))).collect();
        // Spread over the equals, never the job-context practice...
        assert!(offered.len() > 1, "{offered:?}");
        assert!(
            offered
                .iter()
                .all(|o| o.as_deref().is_some_and(|id| id != "on-call"))
        );
        // ... and the same for the same person.
        assert_eq!(instead("Person 3"), instead("Person 3"));
    }

    #[test]
    fn never_picks_a_resource_twice() {
        // The same id listed twice: only one of them may be used.
        let cat = [res("r", "s", 0, 1, 1, &[]), res("r", "s", 0, 2, 1, &[])];
        let ts = [target("s", 0.0, 2, 1)];
        let (chains, unc) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains), [("r".into(), 0.0, 2)]);
        assert!(unc.is_empty());
    }

    #[test]
    fn gap_in_catalogue_is_uncovered_and_stops_the_skill() {
        let cat = [res("a", "s", 0, 2, 4, &[]), res("c", "s", 3, 5, 4, &[])];
        let ts = [target("s", 0.0, 5, 2), target("none", 1.0, 3, 1)];
        let (chains, unc) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains), [("a".into(), 0.0, 2)]);
        let unc: Vec<_> = unc.iter().map(|u| (u.skill.as_str(), u.from)).collect();
        assert_eq!(unc, [("s", 2), ("none", 1)]);
    }

    #[test]
    fn met_or_exceeded_target_is_skipped() {
        let cat = [res("a", "s", 0, 5, 4, &[])];
        let ts = [target("s", 4.0, 3, 2), target("s2", 3.0, 3, 1)];
        let (chains, unc) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert!(chains.is_empty());
        assert!(unc.is_empty());
    }

    #[test]
    fn an_exam_needing_another_is_planned_only_when_that_one_is_met() {
        let mut cks = res("cks", "sec", 3, 4, 40, &["k8s"]);
        cks.requires_resources = vec!["cka".into()];
        let cat = [res("cka", "k8s", 2, 4, 60, &[]), cks];
        // CKA is in the plan first (k8s has the higher priority): CKS may follow.
        let ts = [target("k8s", 2.0, 4, 3), target("sec", 3.0, 4, 1)];
        let (chains, unc) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(
            picks(&chains),
            [("cka".into(), 2.0, 4), ("cks".into(), 3.0, 4)]
        );
        assert!(unc.is_empty());
        // CKA needed but not planned yet (sec comes first): no CKS.
        let ts = [target("sec", 3.0, 4, 3), target("k8s", 2.0, 3, 1)];
        let (chains, unc) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains), [("cka".into(), 2.0, 3)]);
        assert_eq!(unc[0].skill, "sec");
        // Not rated in k8s: no CKS without the CKA in the plan.
        let ts = [target("sec", 3.0, 4, 3)];
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert!(chains.is_empty());
        // Rated at the CKA's level in k8s: CKS is fine; one below is not.
        for (k8s, planned) in [(4.0, true), (3.5, false)] {
            let rating = move |s: &str| (s == "k8s").then_some(k8s);
            let (chains, _) = choose_all(&ts, &Library::new(&cat), &rating);
            assert_eq!(!chains.is_empty(), planned, "k8s {k8s}");
        }
    }

    #[test]
    fn degenerate_resources_are_never_chosen() {
        // from >= to can never cover a level.
        let cat = [
            res("bad", "s", 2, 2, 1, &[]),
            res("worse", "s", 3, 1, 1, &[]),
        ];
        let ts = [target("s", 2.0, 3, 1)];
        let (chains, unc) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert!(chains.is_empty());
        assert_eq!(unc[0].from, 2);
    }
}
