//! Handing out people as soon as all their rows are read.
//!
//! A batch over a 10,000-person export must not hold 300,000 ratings at
//! once. When a long file is read for a batch, a first pass notes the last
//! data row of every person; the second pass collects each person's rows
//! and row problems into a [`PersonGroup`] and gives it to a
//! [`PersonSink`] the moment that last row is read — in first-seen order,
//! so a file sorted by person (as exports are) is streamed with only a few
//! people in memory. People whose last row is unknown (wide files, files
//! without a person column) are handed out at the end.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use super::{RawRating, RowProblem};
use crate::text::cleaned;

/// One person's rows and row problems from one input, complete.
#[derive(Debug, Clone, Default)]
pub struct PersonGroup {
    /// Display name; None for a file without a person column.
    pub person: Option<Arc<str>>,
    /// The person's ratings, in file order.
    pub rows: Vec<RawRating>,
    /// Problems in the person's rows, in file order.
    pub problems: Vec<RowProblem>,
    /// Every skill label the input has a row or column for, anyone's: what
    /// the survey asked (shared by everyone of one input).
    pub labels: Arc<[Arc<str>]>,
}

/// Receives people as they are completed, in first-seen order.
pub trait PersonSink {
    /// Takes one complete person.
    fn person(&mut self, group: PersonGroup);
}

impl<F: FnMut(PersonGroup)> PersonSink for F {
    fn person(&mut self, group: PersonGroup) {
        self(group);
    }
}

/// Rows being collected per person (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct Grouping {
    /// True when rows have no person (no person column, or one anonymous
    /// response): problems without a person then belong to that one group.
    anonymous: bool,
    index: HashMap<Arc<str>, usize>,
    anon: Option<usize>,
    /// By first row seen; None once handed out.
    groups: Vec<Option<PersonGroup>>,
    /// Groups in the order of their first rating: the order people are
    /// handed out in (as when a whole table is grouped by person).
    order: Vec<usize>,
    placed: Vec<bool>,
    /// Complete groups without a rating (only problems, or rows that say
    /// nothing): handed out as soon as they are complete.
    loose: Vec<usize>,
    /// Bytes charged for each group, released when it is handed out.
    bytes: Vec<usize>,
    /// Ordinal of each person's last data row, when announced.
    last: Vec<Option<usize>>,
    complete: Vec<bool>,
    /// First entry of `order` not handed out yet.
    next: usize,
    /// Ratings and problems kept so far.
    kept: usize,
    /// Skill labels the input asks (a long file's first pass, a wide
    /// file's skill columns), and the list handed out with every person.
    labels: rustc_hash::FxHashSet<Arc<str>>,
    shared_labels: Option<Arc<[Arc<str>]>>,
}

impl Grouping {
    /// Collects rows; see [`Grouping::anonymous`].
    pub(crate) fn new(anonymous: bool) -> Self {
        Grouping {
            anonymous,
            ..Grouping::default()
        }
    }

    fn slot(&mut self, person: Option<&Arc<str>>) -> usize {
        let new = self.groups.len();
        let i = match person {
            Some(p) => *self.index.entry(Arc::clone(p)).or_insert(new),
            None => *self.anon.get_or_insert(new),
        };
        if i == new {
            self.groups.push(Some(PersonGroup {
                person: person.cloned(),
                ..PersonGroup::default()
            }));
            self.bytes.push(0);
            self.last.push(None);
            self.complete.push(false);
            self.placed.push(false);
        }
        i
    }

    /// Announces (first pass) that `person` has a row at data row `ordinal`.
    pub(crate) fn expect(&mut self, person: &Arc<str>, ordinal: usize) {
        let i = self.slot(Some(person));
        self.last[i] = Some(ordinal);
    }

    /// Announces a skill label the input asks about.
    pub(crate) fn label(&mut self, label: &Arc<str>) {
        if !label.is_empty() && !self.labels.contains(label) {
            self.labels.insert(Arc::clone(label));
            self.shared_labels = None;
        }
    }

    /// Ratings and problems kept so far (handed out or not).
    pub(crate) fn kept(&self) -> usize {
        self.kept
    }

    /// Keeps `rating` with its person's rows.
    pub(crate) fn rating(&mut self, rating: RawRating, bytes: usize) {
        let i = self.slot(rating.person.as_ref());
        self.bytes[i] += bytes;
        self.kept += 1;
        if !self.placed[i] {
            self.placed[i] = true;
            self.order.push(i);
        }
        if let Some(g) = &mut self.groups[i] {
            g.rows.push(rating);
        }
    }

    /// Keeps `problem` with its person's rows, or gives it back when it
    /// belongs to no one.
    pub(crate) fn problem(
        &mut self,
        mut problem: RowProblem,
        bytes: usize,
    ) -> Result<(), RowProblem> {
        if let Some(p) = &mut problem.person
            && let std::borrow::Cow::Owned(c) = cleaned(p)
        {
            *p = c;
        }
        let i = match &problem.person {
            Some(p) => match self.index.get(p.as_str()) {
                Some(&i) => i,
                None => self.slot(Some(&Arc::from(p.as_str()))),
            },
            None if self.anonymous => self.slot(None),
            None => return Err(problem),
        };
        self.bytes[i] += bytes;
        self.kept += 1;
        if let Some(g) = &mut self.groups[i] {
            g.problems.push(problem);
        }
        Ok(())
    }

    /// Data row `ordinal`, of `person`, has been read.
    pub(crate) fn row_done(&mut self, person: Option<&str>, ordinal: usize) {
        if let Some(&i) = person.and_then(|p| self.index.get(p))
            && self.last[i] == Some(ordinal)
        {
            self.complete[i] = true;
            if !self.placed[i] {
                self.loose.push(i);
            }
        }
    }

    /// Hands out the complete people that are next in order (see
    /// [`Grouping::order`]) and complete groups without ratings; returns
    /// the bytes they held.
    pub(crate) fn drain(&mut self, sink: &mut dyn PersonSink) -> usize {
        let mut released = 0;
        for i in std::mem::take(&mut self.loose) {
            released += self.hand_out(i, sink);
        }
        while let Some(&i) = self.order.get(self.next)
            && self.complete[i]
        {
            released += self.hand_out(i, sink);
            self.next += 1;
        }
        released
    }

    /// Hands out everyone left: people with ratings in order, then the
    /// groups without.
    pub(crate) fn finish(&mut self, sink: &mut dyn PersonSink) {
        for k in self.next..self.order.len() {
            self.hand_out(self.order[k], sink);
        }
        self.next = self.order.len();
        for i in 0..self.groups.len() {
            self.hand_out(i, sink);
        }
    }

    fn hand_out(&mut self, i: usize, sink: &mut dyn PersonSink) -> usize {
        if let Some(mut g) = self.groups[i].take() {
            let labels = self.shared_labels.get_or_insert_with(|| {
                // Sorted, so what a person is handed never depends on hashing.
                let mut v: Vec<Arc<str>> = self.labels.iter().cloned().collect();
                v.sort_unstable();
                v.into()
            });
            g.labels = Arc::clone(labels);
            sink.person(g);
        }
        std::mem::take(&mut self.bytes[i])
    }

    /// Every rating not handed out yet.
    pub(crate) fn held_rows(&self) -> impl Iterator<Item = &RawRating> {
        self.groups.iter().flatten().flat_map(|g| &g.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ReadOptions, read_people, read_table};

    /// People of `text` read whole, grouped the way a batch groups them.
    fn grouped_from_table(text: &str) -> (Vec<PersonGroup>, Vec<RowProblem>) {
        let t = read_table("t.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
        let mut labels: Vec<Arc<str>> = t.rows.iter().map(|r| Arc::clone(&r.skill)).collect();
        labels.sort_unstable();
        labels.dedup();
        let labels: Arc<[Arc<str>]> = labels.into();
        let mut groups: Vec<PersonGroup> = Vec::new();
        for r in &t.rows {
            match groups.iter_mut().find(|g| g.person == r.person) {
                Some(g) => g.rows.push(r.clone()),
                None => groups.push(PersonGroup {
                    person: r.person.clone(),
                    rows: vec![r.clone()],
                    problems: Vec::new(),
                    labels: Arc::clone(&labels),
                }),
            }
        }
        let mut loose = Vec::new();
        for p in t.problems {
            match groups
                .iter_mut()
                .find(|g| g.person.as_deref() == p.person.as_deref())
            {
                Some(g) => g.problems.push(p),
                None => loose.push(p),
            }
        }
        (groups, loose)
    }

    fn streamed(text: &str) -> (Vec<PersonGroup>, Vec<RowProblem>) {
        let mut got = Vec::new();
        let mut sink = |g: PersonGroup| got.push(g);
        let t = read_people(
            "t.csv",
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
            &mut sink,
        )
        .unwrap();
        assert!(t.rows.is_empty(), "rows go to the sink");
        // People with rows keep their problems; the rest are loose.
        let (with_rows, empty): (Vec<_>, Vec<_>) =
            got.into_iter().partition(|g| !g.rows.is_empty());
        let mut loose: Vec<RowProblem> = empty.into_iter().flat_map(|g| g.problems).collect();
        loose.extend(t.problems);
        loose.sort_by_key(|p| p.line);
        (with_rows, loose)
    }

    fn same(a: &[PersonGroup], b: &[PersonGroup]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x.person, y.person);
            assert_eq!(x.rows, y.rows);
            assert_eq!(x.problems, y.problems);
            // Everyone is handed what the whole input asks, as soon as
            // they are handed out: every label with a rating, and (read
            // in the first pass) those of rows whose rating was bad.
            for l in y.labels.iter() {
                assert!(x.labels.contains(l), "{l} missing from {:?}", x.labels);
            }
        }
    }

    #[test]
    fn the_first_person_handed_out_knows_what_everyone_was_asked() {
        let text = "Name,Skill,Rating\nAda,Go,3\nBo,Go,2\nBo,Linux,4\nCy,Terraform,\n";
        let (got, _) = streamed(text);
        let ada = got
            .iter()
            .find(|g| g.person.as_deref() == Some("Ada"))
            .unwrap();
        let labels: Vec<&str> = ada.labels.iter().map(|l| &**l).collect();
        assert_eq!(labels, ["Go", "Linux", "Terraform"]);
    }

    #[test]
    fn streamed_people_match_the_whole_table() {
        let sorted = "Name,Email,Skill,Rating\nAda,ada@x.org,Go,3\nAda,ada@x.org,K8s,4\n\
                      Bo,,Go,9\nBo,,Linux,2\nCy\u{202e},,Go,1\n,,Go,2\nDee,,Go,x\n";
        let interleaved = "Name,Skill,Rating\nAda,Go,3\nBo,Go,2\nAda,Linux,4\nBo,Linux,1\n";
        let no_person = "Skill,Rating\nGo,3\nLinux,x\n";
        // Rows with nothing to say: no ratings either way.
        let empty = read_people(
            "t.csv",
            b"Name,Skill,Rating\nAda,,\n".to_vec(),
            &ReadOptions::default(),
            &mut |_: PersonGroup| {},
        );
        assert!(matches!(
            empty,
            Err(crate::ingest::IngestError::NoRatings { .. })
        ));
        assert!(
            read_table(
                "t.csv",
                b"Name,Skill,Rating\nAda,,\n",
                &ReadOptions::default()
            )
            .is_err()
        );
        let wide = "Name,Go,Linux\nAda,3,4\nBo,2,\nAda,1,1\n";
        // People are in the order of their first rating, not first row.
        let first_row_says_nothing =
            "Name,Skill,Rating\nbo,,\nAda,Go,3\nbo,Go,2\nCy,Go,9\nCy,Go,1\n";
        for text in [sorted, interleaved, no_person, wide, first_row_says_nothing] {
            let (want, want_loose) = grouped_from_table(text);
            let (got, got_loose) = streamed(text);
            same(&got, &want);
            let mut want_loose = want_loose;
            want_loose.sort_by_key(|p| p.line);
            assert_eq!(got_loose, want_loose, "{text}");
        }
        // Dee's only row is broken: no rows, a problem that is hers.
        let (got, loose) = streamed(sorted);
        assert!(got.iter().all(|g| g.person.as_deref() != Some("Dee")));
        assert!(loose.iter().any(|p| p.person.as_deref() == Some("Dee")));
        // The bidi override is gone from the name.
        assert!(got.iter().any(|g| g.person.as_deref() == Some("Cy")));
    }

    #[test]
    fn a_sorted_file_hands_people_out_as_it_goes() {
        let mut g = Grouping::new(false);
        let (ada, bo): (Arc<str>, Arc<str>) = (Arc::from("Ada"), Arc::from("Bo"));
        for (i, p) in [&ada, &ada, &bo].into_iter().enumerate() {
            g.expect(p, i);
        }
        let row = |p: &Arc<str>| RawRating {
            person: Some(Arc::clone(p)),
            email: None,
            skill: Arc::from("Go"),
            value: Some(1.0),
            raw_value: Arc::from("1"),
            line: 2,
            column: 3,
            notes: None,
            date: None,
            rater: None,
            interest: None,
            profile: None,
        };
        let mut out: Vec<PersonGroup> = Vec::new();
        let mut sink = |x: PersonGroup| out.push(x);
        g.rating(row(&ada), 10);
        g.row_done(Some("Ada"), 0);
        assert_eq!(g.drain(&mut sink), 0, "Ada has another row");
        g.rating(row(&ada), 10);
        g.row_done(Some("Ada"), 1);
        assert_eq!(g.drain(&mut sink), 20, "Ada is complete");
        g.rating(row(&bo), 10);
        g.row_done(Some("Bo"), 2);
        g.drain(&mut sink);
        g.finish(&mut sink);
        let names: Vec<_> = out.iter().map(|x| x.person.as_deref()).collect();
        assert_eq!(names, [Some("Ada"), Some("Bo")]);
        assert_eq!(out[0].rows.len(), 2);
    }

    #[test]
    fn limits_are_checked_before_anyone_is_handed_out() {
        let mut text = String::from("Name,Skill,Rating\n");
        for i in 0..5 {
            text.push_str(&format!("P{i},Go,3\n"));
        }
        let opts = ReadOptions {
            max_people: 3,
            ..ReadOptions::default()
        };
        let mut n = 0;
        let mut sink = |_: PersonGroup| n += 1;
        let err = read_people("t.csv", text.into_bytes(), &opts, &mut sink).unwrap_err();
        assert!(matches!(
            err,
            crate::ingest::IngestError::TooManyPeople { line: 5, .. }
        ));
        assert_eq!(n, 0);
    }
}
