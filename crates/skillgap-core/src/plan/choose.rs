//! Choosing resources: for each target, a chain of catalogue resources that
//! walks the person from their current level up to the target level.

use super::{Target, Uncovered};
use crate::model::{Resource, ResourceKind};
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
}

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

/// The learning catalogue indexed for choosing: by skill (in catalogue
/// order, for the final tie-break) and by id. Built once and shared by
/// every plan of a report, it spares each plan two maps over the whole
/// catalogue. Its maps hash with FxHash: their keys are the catalogue's
/// own ids, and SipHash on them was 1% of a batch's CPU.
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
        }
        let by_id = resources.iter().map(|r| (r.id.as_str(), r)).collect();
        Library { by_skill, by_id }
    }
}

/// Chooses chains for `targets` (already in priority order, one per skill).
/// Returns the non-empty chains in the same order, and the targets whose
/// walk stopped at a level nothing covers.
pub(super) fn choose_all<'a>(
    targets: &'a [Target],
    library: &Library<'a>,
    rating: &dyn Fn(&str) -> Option<f64>,
) -> (Vec<Chain<'a>>, Vec<Uncovered>) {
    let by_skill = &library.by_skill;
    let prereqs = Prerequisites {
        by_id: &library.by_id,
        rating,
    };
    // Across the whole plan, so a resource listed twice is still used once.
    let mut used: HashSet<&str> = HashSet::default();
    let mut chains = Vec::new();
    let mut uncovered = Vec::new();
    for t in targets {
        let candidates = by_skill.get(t.skill.as_str()).map_or(&[][..], |v| v);
        let (steps, stuck) = choose_chain(t, candidates, &mut used, &prereqs);
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
    (chains, uncovered)
}

/// What decides whether a resource that requires another one (an exam that
/// needs an earlier certification) may be planned.
struct Prerequisites<'a, 'r> {
    by_id: &'r HashMap<&'a str, &'a Resource>,
    /// The person's rating of a skill, if rated.
    rating: &'r dyn Fn(&str) -> Option<f64>,
}

impl Prerequisites<'_, '_> {
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
}

/// Walks one target up level by level. Returns the steps and, when the walk
/// stopped short of the target, the level nothing covered.
fn choose_chain<'a>(
    t: &'a Target,
    candidates: &[&'a Resource],
    used: &mut HashSet<&'a str>,
    prereqs: &Prerequisites<'_, '_>,
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
                    && prereqs.met(r, used)
            })
            // Furthest toward the target; then, for a step that reaches
            // level 3 or more ("works independently"), doing before reading:
            // practice or a project over a book that gets as far; then less
            // effort, then id, then catalogue position, so the choice never
            // depends on hashing.
            .min_by_key(|(i, r)| {
                let reach = r.to.min(target);
                let read_instead = !(reach >= 3
                    && matches!(r.kind, ResourceKind::Practice | ResourceKind::Project));
                (Reverse(reach), read_instead, r.hours, r.id.as_str(), *i)
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
        steps.push(Step {
            skill: t.skill.as_str(),
            name: t.name.as_str(),
            from,
            to,
            resource: r,
        });
        level = to;
    }
    (steps, None)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

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

    #[test]
    fn reaching_three_or_more_prefers_doing_to_reading() {
        let mut practice = res("p", "s", 2, 4, 16, &[]);
        practice.kind = ResourceKind::Practice;
        let mut cert = res("c", "s", 2, 3, 12, &[]);
        cert.kind = ResourceKind::LabCertification;
        let cat = [
            res("book", "s", 1, 3, 10, &[]),
            practice,
            cert,
            res("ch", "s", 1, 2, 2, &[]),
        ];
        // 2 → 3: the practice (16 h) before the book (10 h) and the lab exam.
        let ts = [target("s", 2.0, 3, 1)];
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains), [("p".into(), 2.0, 3)]);
        // 1 → 2 is reading territory: the shortest that gets there.
        let ts = [target("s", 1.0, 2, 1)];
        let (chains, _) = choose_all(&ts, &Library::new(&cat), &|_| None);
        assert_eq!(picks(&chains), [("ch".into(), 1.0, 2)]);
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
