//! Ratings → the finished [`Report`]: assessment (matching, merging,
//! roll-ups), raters and history, fit and direction, the plan — and the
//! team summary built from finished reports. Renderers and batch take what
//! this layer produces; it never reads files or the command line.

pub mod assessment;
pub mod history;
pub mod pipeline;
pub mod raters;
pub mod report;
pub mod team;

pub use report::Report;
