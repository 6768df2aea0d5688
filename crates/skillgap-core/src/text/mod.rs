//! Text that every layer shares and none owns: the one predicate for
//! characters that must never reach a terminal, CSV or PDF raw (`safe`),
//! folding of names for comparison, numbers as reports write them, and
//! words (lists, counted nouns). The bottom of the layers: it imports
//! nothing of the crate.

mod numbers;
mod safe;
mod words;

pub use numbers::{num, pct, signed, thousands};
pub use safe::{clean_name, fold_name, is_unsafe_char, strip_unsafe};
pub(crate) use safe::{cleaned, needs_cleaning};
pub use words::{and_list, counted, people, some_of};
