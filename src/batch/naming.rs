//! File names for people and the stable hash that splits them into shards.

use crate::output::slug;
use std::collections::{HashMap, HashSet};

/// File stems a batch writes for the team; never given to a person.
pub const RESERVED: [&str; 4] = ["team-summary", "team-skills", "errors", "manifest"];

/// Gives every person a unique, file-name-safe slug. Two people with the
/// same name get `-2`, `-3`... in input order, so names are stable for
/// the same input whatever the shard or thread count. A name that would
/// be one of the team files ([`RESERVED`]) gets a suffix too.
#[derive(Debug)]
pub struct Slugs {
    taken: HashSet<String>,
    counters: HashMap<String, usize>,
}

impl Default for Slugs {
    fn default() -> Self {
        Slugs {
            taken: RESERVED.iter().map(|s| s.to_string()).collect(),
            counters: HashMap::new(),
        }
    }
}

impl Slugs {
    /// The slug the next person with this name would get, without
    /// taking it: the name of the earlier report of someone whose rows
    /// all failed in this run.
    pub fn peek(&self, name: &str) -> String {
        let base = slug(name);
        if !self.taken.contains(&base) {
            return base;
        }
        let mut n = self.counters.get(&base).copied().unwrap_or(1);
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if !self.taken.contains(&candidate) {
                return candidate;
            }
        }
    }

    /// The slug for the next person with this name.
    pub fn next(&mut self, name: &str) -> String {
        let base = slug(name);
        if self.taken.insert(base.clone()) {
            return base;
        }
        // "ana-2" may also be a real person's name; keep counting until free.
        let n = self.counters.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let candidate = format!("{base}-{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Whether the person with `key` belongs to shard `k` of `n` (1-based).
pub fn in_shard(key: &str, k: u64, n: u64) -> bool {
    n == 0 || shard_of(key, n) == k
}

/// The shard (1-based) of `n` that the person with `key` belongs to.
pub fn shard_of(key: &str, n: u64) -> u64 {
    crate::text::stable_hash(&key.trim().to_lowercase()) % n.max(1) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_names_get_stable_suffixes() {
        let mut s = Slugs::default();
        assert_eq!(s.next("Ana Souza"), "ana-souza");
        assert_eq!(s.next("Ana Souza"), "ana-souza-2");
        assert_eq!(s.next("ana souza"), "ana-souza-3");
        assert_eq!(s.next("Bo"), "bo");
    }

    #[test]
    fn a_real_name_that_looks_like_a_suffix_stays_unique() {
        let mut s = Slugs::default();
        let a = s.next("Ana");
        let b = s.next("Ana 2");
        let c = s.next("Ana");
        assert_eq!((a.as_str(), b.as_str()), ("ana", "ana-2"));
        assert_ne!(c, b);
        assert_ne!(c, a);
    }

    #[test]
    fn team_file_names_are_never_a_persons() {
        let mut s = Slugs::default();
        assert_eq!(s.next("Team Summary"), "team-summary-2");
        assert_eq!(s.next("errors"), "errors-2");
        assert_eq!(s.next("Manifest"), "manifest-2");
        assert_eq!(s.next("team skills"), "team-skills-2");
    }

    #[test]
    fn shards_partition_everyone_exactly_once() {
        for i in 0..500 {
            let key = format!("person{i:05}@example.com");
            let hits = (1..=4).filter(|k| in_shard(&key, *k, 4)).count();
            assert_eq!(hits, 1);
        }
    }
}
