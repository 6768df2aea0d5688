//! The pages of one person's report, in the order they are drawn:
//! page 1 ([`summary`], with the [`verdict`] box), what changed
//! ([`progress`]) and what others said ([`opinions`]), the learning
//! [`plan`], and the closing [`notes`].

pub(super) mod notes;
pub(super) mod opinions;
pub(super) mod plan;
pub(super) mod progress;
pub(super) mod summary;
pub(super) mod verdict;
