//! Shared strings for the values a file repeats on every row.
//!
//! A team file names the same person, email, skill and rating label on
//! thousands of rows; keeping one shared copy of each makes a 300,000-row
//! table take a fraction of the memory of one `String` per cell.

use rustc_hash::FxHashSet as HashSet;

use crate::text::cleaned;
use std::sync::Arc;

/// Hands out one shared [`Arc<str>`] per distinct string.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    set: HashSet<Arc<str>>,
}

impl Interner {
    /// The shared copy of `s`, made on first use.
    pub(crate) fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.set.get(s) {
            return Arc::clone(a);
        }
        let a: Arc<str> = Arc::from(s);
        self.set.insert(Arc::clone(&a));
        a
    }

    /// The shared copy of `s` made safe to show ([`cleaned`]).
    pub(crate) fn get_clean(&mut self, s: &str) -> Arc<str> {
        self.get(&cleaned(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_copy() {
        let mut i = Interner::default();
        let (a, b, c) = (i.get("Kubernetes"), i.get("Kubernetes"), i.get("Go"));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!((&*a, &*c), ("Kubernetes", "Go"));
    }
}
