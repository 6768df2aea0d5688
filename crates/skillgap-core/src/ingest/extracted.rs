//! What reading one input produces, before it becomes a [`super::Table`]:
//! ratings and problems (kept, or handed to a [`PersonSink`] person by
//! person), the column report, and the memory budget.

use super::intern::Interner;
use super::stream::{Grouping, PersonSink};
use super::{RawRating, RowProblem};

/// What one layout produced from the data rows.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    /// See [`super::Table::rows`].
    pub rows: Vec<RawRating>,
    /// See [`super::Table::problems`].
    pub problems: Vec<RowProblem>,
    /// See [`super::SourceInfo::columns_used`].
    pub columns_used: Vec<(String, String)>,
    /// See [`super::SourceInfo::columns_ignored`].
    pub columns_ignored: Vec<String>,
    /// See [`super::SourceInfo::people`].
    pub people: Vec<String>,
    /// See [`super::SourceInfo::warnings`].
    pub warnings: Vec<String>,
    /// See [`super::SourceInfo::notes`].
    pub notes: Vec<String>,
    /// See [`super::SourceInfo::columns_arg`].
    pub columns_arg: String,
    /// See [`super::SourceInfo::dropped_columns`].
    pub dropped_columns: Vec<String>,
    /// See [`super::Table::skill_labels`].
    pub skill_labels: Vec<(std::sync::Arc<str>, usize)>,
    /// Position of each label in `skill_labels`.
    pub label_index: rustc_hash::FxHashMap<std::sync::Arc<str>, usize>,
    /// See [`super::SourceInfo::decimal_comma`].
    pub decimal_comma: bool,
    /// See [`super::SourceInfo::scales`].
    pub scales: Vec<super::ScaleUse>,
    /// Approximate bytes held by `rows` and `problems`.
    pub stored_bytes: usize,
    /// Line where `stored_bytes` went over [`MAX_STORED_BYTES`]; extraction
    /// stops there.
    pub over_budget: Option<usize>,
    /// One shared copy of each name, skill and label the ratings repeat.
    pub strings: Interner,
    /// When reading for a batch: ratings and problems go to their
    /// person's group instead of `rows` and `problems`.
    pub grouping: Option<Grouping>,
}

/// Most bytes the ratings and problems of one input may take once read. A
/// wide row copies the person's name and email into every rating, so a
/// small file with very long names could otherwise take gigabytes.
pub(crate) const MAX_STORED_BYTES: usize = 256 << 20;

impl Extracted {
    fn charge(&mut self, bytes: usize, line: usize) -> bool {
        self.stored_bytes = self.stored_bytes.saturating_add(bytes);
        if self.stored_bytes > MAX_STORED_BYTES {
            self.over_budget.get_or_insert(line);
            return false;
        }
        true
    }

    /// Keeps `rating`; false (and nothing kept) once over the memory budget.
    pub(crate) fn push_rating(&mut self, rating: RawRating) -> bool {
        let text = [
            rating.person.as_deref(),
            rating.email.as_deref(),
            Some(&*rating.skill),
            Some(&*rating.raw_value),
            rating.notes.as_deref(),
            rating.rater.as_deref(),
        ];
        let bytes = std::mem::size_of::<RawRating>()
            + text.iter().flatten().map(|t| t.len()).sum::<usize>();
        if !self.charge(bytes, rating.line) {
            return false;
        }
        // Skills repeat, so this is a lookup, not an allocation, per rating.
        let rated = usize::from(rating.value.is_some());
        match self.label_index.get(&rating.skill) {
            Some(&i) => {
                if let Some((_, n)) = self.skill_labels.get_mut(i) {
                    *n += rated;
                }
            }
            None => {
                self.label_index.insert(
                    std::sync::Arc::clone(&rating.skill),
                    self.skill_labels.len(),
                );
                self.skill_labels
                    .push((std::sync::Arc::clone(&rating.skill), rated));
            }
        }
        match &mut self.grouping {
            Some(g) => g.rating(rating, bytes),
            None => self.rows.push(rating),
        }
        true
    }

    /// Hands complete people to `sink` when grouping (see [`Grouping`]).
    pub(crate) fn hand_out(&mut self, sink: &mut Option<&mut (dyn PersonSink + '_)>) {
        if let (Some(g), Some(sink)) = (&mut self.grouping, sink) {
            let released = g.drain(&mut **sink);
            self.stored_bytes = self.stored_bytes.saturating_sub(released);
        }
    }

    /// Keeps `problem`; false (and nothing kept) once over the memory budget.
    pub(crate) fn push_problem(&mut self, problem: RowProblem) -> bool {
        let bytes = std::mem::size_of::<RowProblem>()
            + problem.message.len()
            + problem.person.as_ref().map_or(0, String::len);
        if !self.charge(bytes, problem.line) {
            return false;
        }
        let problem = match &mut self.grouping {
            Some(g) => match g.problem(problem, bytes) {
                Ok(()) => return true,
                Err(unowned) => unowned,
            },
            None => problem,
        };
        self.problems.push(problem);
        true
    }
}
