//! Ordering: which target comes first, and prerequisites before the skills
//! that need them.

use super::Target;
use super::choose::{Chain, Step};
use crate::model::SkillId;
use rustc_hash::FxHashMap as HashMap;

/// Targets the person wants to grow in first — high interest (3), then
/// medium (2), then the rest (low, none or not said count alike) — then,
/// among the rest, the skills that define the planned role, and within
/// each of those highest priority first, then heavier weight, then name
/// (then skill id, so equal names still order the same way every run).
///
/// A skill listed more than once is merged into its first entry, keeping
/// the highest target, so one skill never gets two competing chains.
pub(super) fn by_priority(targets: &[Target]) -> Vec<Target> {
    let mut sorted: Vec<Target> = targets.to_vec();
    // Interest 0 and 1 do not move a target: only "wants to grow" does.
    let grow = |t: &Target| {
        if t.interest >= 2 {
            t.interest.min(3)
        } else {
            0
        }
    };
    sorted.sort_by(|a, b| {
        grow(b)
            .cmp(&grow(a))
            .then(b.defining.cmp(&a.defining))
            .then(b.priority.total_cmp(&a.priority))
            .then(b.weight.cmp(&a.weight))
            .then(a.name.cmp(&b.name))
            .then(a.skill.cmp(&b.skill))
    });
    let mut merged: Vec<Target> = Vec::with_capacity(sorted.len());
    let mut seen: HashMap<SkillId, usize> = HashMap::default();
    for t in sorted {
        match seen.get(&t.skill) {
            Some(&i) => merged[i].target = merged[i].target.max(t.target),
            None => {
                seen.insert(t.skill.clone(), merged.len());
                merged.push(t);
            }
        }
    }
    merged
}

/// Flattens chains (given in priority order) into one list of steps where a
/// skill's steps all come before any step that needs it (a skill a
/// resource `requires` that the person does not have at basics).
///
/// Chains are taken in priority order, and each one first pulls in the
/// chains it needs (themselves in priority order, recursively), so a
/// prerequisite moves up to just before the first skill that needs it
/// instead of waiting for its own, lower, priority. Otherwise priority
/// order is kept. In a requirement cycle the link back to a chain that is
/// still being placed is ignored, so this always ends; the result for a
/// cycle is then plain priority order from where it was entered.
///
/// Also returns, for each skill pulled ahead that way, the names of the
/// skills that needed it: the plan says why it comes first.
pub(super) fn prerequisites_first<'a>(
    chains: Vec<Chain<'a>>,
) -> (Vec<Step<'a>>, HashMap<&'a str, Vec<&'a str>>) {
    let index: HashMap<&str, usize> = chains
        .iter()
        .enumerate()
        .map(|(i, c)| (c.skill, i))
        .collect();
    // deps[i]: chains that must be done before chain i, in priority order,
    // without itself.
    let deps: Vec<Vec<usize>> = chains
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut d: Vec<usize> = c
                .steps
                .iter()
                .flat_map(|s| &s.needs)
                .filter_map(|req| index.get(req).copied())
                .filter(|&j| j != i)
                .collect();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();

    // Depth-first, post-order, with an explicit stack so a long chain of
    // requirements cannot overflow the call stack.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Placing,
        Placed,
    }
    let n = chains.len();
    let mut needed_by: HashMap<&'a str, Vec<&'a str>> = HashMap::default();
    let mut mark = vec![Mark::New; n];
    let mut order = Vec::with_capacity(n);
    for root in 0..n {
        if mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::Placing;
        // (chain, how many of its deps were looked at)
        let mut stack = vec![(root, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (node, seen) = *top;
            if let Some(&dep) = deps[node].get(seen) {
                top.1 += 1;
                // `Placing` means a cycle: skip that link. `Placed`: done.
                if mark[dep] == Mark::New {
                    // Not yet placed by its own priority: pulled ahead.
                    if let Some(by) = chains[node].steps.first() {
                        needed_by
                            .entry(chains[dep].skill)
                            .or_default()
                            .push(by.name);
                    }
                    mark[dep] = Mark::Placing;
                    stack.push((dep, 0));
                }
            } else {
                mark[node] = Mark::Placed;
                order.push(node);
                stack.pop();
            }
        }
    }

    let mut slots: Vec<Option<Chain<'a>>> = chains.into_iter().map(Some).collect();
    let steps = order
        .into_iter()
        .filter_map(|i| slots[i].take())
        .flat_map(|c| c.steps)
        .collect();
    (steps, needed_by)
}

#[cfg(test)]
mod tests {
    use super::super::choose::choose_all;
    use super::super::choose::tests::{res, target};
    use super::*;

    fn skills(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| format!("{}:{}", s.skill, s.resource.id))
            .collect()
    }

    #[test]
    fn priority_then_weight_then_name() {
        let mut b = target("b", 1.0, 3, 2); // priority 4, weight 2
        b.name = "Beta".into();
        let mut a = target("a", 2.0, 4, 2); // priority 4, weight 2
        a.name = "Alpha".into();
        let c = target("c", 2.0, 4, 1); // priority 2
        let d = target("d", 3.0, 5, 2); // priority 4, weight 2, name "D"
        let e = target("e", 4.0, 5, 4); // priority 4, weight 4
        let got: Vec<_> = by_priority(&[c, b, d, a, e])
            .into_iter()
            .map(|t| t.skill)
            .collect();
        assert_eq!(got, ["e", "a", "b", "d", "c"]);
    }

    #[test]
    fn wanted_skills_come_first_high_before_medium() {
        let mut low_pri_high = target("a", 2.0, 3, 1); // priority 1, interest 3
        low_pri_high.interest = 3;
        let mut mid = target("b", 1.0, 3, 1); // priority 2, interest 2
        mid.interest = 2;
        let mut low = target("c", 0.0, 4, 3); // priority 12, interest 1
        low.interest = 1;
        let top = target("d", 0.0, 5, 3); // priority 15, not said
        let got: Vec<_> = by_priority(&[top, low, mid, low_pri_high])
            .into_iter()
            .map(|t| t.skill)
            .collect();
        assert_eq!(got, ["a", "b", "d", "c"]);
    }

    #[test]
    fn duplicate_skills_merge_to_highest_target() {
        let got = by_priority(&[target("s", 1.0, 3, 3), target("s", 1.0, 5, 1)]);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].target, got[0].weight), (5, 3));
    }

    #[test]
    fn prerequisites_come_first() {
        // Orchestration has the higher priority but requires containers.
        let cat = [
            res("k8s-up", "orchestration", 0, 2, 20, &["containers"]),
            res("k8s-more", "orchestration", 2, 3, 10, &[]),
            res("docker", "containers", 0, 2, 10, &[]),
            res("git", "git", 0, 2, 5, &[]),
        ];
        let ts = by_priority(&[
            target("git", 1.0, 2, 3),           // priority 3
            target("orchestration", 0.0, 3, 3), // priority 9
            target("containers", 0.0, 2, 1),    // priority 2
        ]);
        let (chains, _) = choose_all(&ts, &super::super::choose::Library::new(&cat), &|_| None);
        let steps = prerequisites_first(chains).0;
        assert_eq!(
            skills(&steps),
            [
                "containers:docker",
                "orchestration:k8s-up",
                "orchestration:k8s-more",
                "git:git"
            ]
        );
    }

    #[test]
    fn requirement_not_among_targets_is_ignored() {
        let cat = [
            res("k", "orchestration", 0, 1, 1, &["linux"]),
            res("g", "git", 0, 1, 1, &[]),
        ];
        let ts = by_priority(&[target("orchestration", 0.0, 1, 3), target("git", 0.0, 1, 1)]);
        let (chains, _) = choose_all(&ts, &super::super::choose::Library::new(&cat), &|_| None);
        assert_eq!(
            skills(&prerequisites_first(chains).0),
            ["orchestration:k", "git:g"]
        );
    }

    #[test]
    fn cycle_falls_back_to_priority_without_looping() {
        // a ↔ b form a cycle; c depends on a. Priorities: c > b > a.
        let cat = [
            res("ra", "a", 0, 1, 1, &["b"]),
            res("rb", "b", 0, 1, 1, &["a"]),
            res("rc", "c", 0, 1, 1, &["a"]),
        ];
        let ts = by_priority(&[
            target("a", 0.0, 1, 1),
            target("b", 0.0, 1, 2),
            target("c", 0.0, 1, 3),
        ]);
        let (chains, _) = choose_all(&ts, &super::super::choose::Library::new(&cat), &|_| None);
        // c pulls in a, a pulls in b, b's link back to a is ignored.
        assert_eq!(
            skills(&prerequisites_first(chains).0),
            ["b:rb", "a:ra", "c:rc"]
        );
    }

    #[test]
    fn self_requirement_is_ignored() {
        let cat = [res("r", "s", 0, 1, 1, &["s"])];
        let ts = by_priority(&[target("s", 0.0, 1, 1)]);
        let (chains, _) = choose_all(&ts, &super::super::choose::Library::new(&cat), &|_| None);
        assert_eq!(skills(&prerequisites_first(chains).0), ["s:r"]);
    }
}
