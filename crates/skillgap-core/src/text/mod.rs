//! Text that every layer shares and none owns: the one predicate for
//! characters that must never reach a terminal, CSV or PDF raw (`safe`),
//! folding of names for comparison, numbers as reports write them, and
//! words (lists, counted nouns). The bottom of the layers: it imports
//! nothing of the crate.

mod numbers;
mod safe;
mod words;

pub use numbers::{fit_pct, levels, num, pct, signed, thousands};
pub use safe::{clean_name, fold_name, is_unsafe_char, strip_unsafe};
pub(crate) use safe::{cleaned, needs_cleaning};
pub use words::{and_list, counted, people, shorten, some_of};

/// A 64-bit hash of `s` that is the same on every machine and in every
/// version (XXH3, fixed by its specification; std's hasher is not): shard
/// membership and temporary file names depend on it.
pub fn stable_hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_hash_is_the_specifications() {
        assert_eq!(super::stable_hash(""), 0x2d06_8005_38d3_94c2);
    }
}
