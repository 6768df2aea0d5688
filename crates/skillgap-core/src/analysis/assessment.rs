//! Builds each person's [`Assessment`] from ingested rows: matches typed
//! skill names to the catalogue, merges duplicates, rolls tools up into
//! the concepts roles require, and keeps unknown names visible.

use crate::catalog::{Catalog, LabelMatch, normalise};
use crate::error::DataError;
use crate::ingest::{RawRating, RowProblem, Table};
use crate::model::{Assessment, Rated, Rater, RatingSource, SkillId, SkillKind, UnknownSkill};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What to do when one person rates the same typed skill twice with
/// different values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicatePolicy {
    /// Refuse, naming both lines.
    #[default]
    Error,
    /// Keep the higher rating.
    Max,
    /// Keep the rating further down the file.
    Last,
}

/// How one typed skill name was understood, for `skillgap check`.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched {
    /// As typed.
    pub typed: String,
    /// Input line.
    pub line: usize,
    /// Parsed rating; None = blank.
    pub value: Option<f64>,
    /// Catalogue skill id and name (the first part's, for a split label),
    /// or None when unknown.
    pub skill: Option<(String, String)>,
    /// For a label that names several skills ("Prometheus & Grafana"):
    /// each part as typed with its skill id and name, None when unknown.
    /// Empty when the label was read whole.
    pub parts: Vec<(String, Option<(String, String)>)>,
}

/// One person's assessment and how it was derived.
#[derive(Debug, Clone)]
pub struct Assessed {
    /// The analysis input.
    pub assessment: Assessment,
    /// Every row, as understood.
    pub matched: Vec<Matched>,
    /// Explanations worth showing: merges, roll-ups.
    pub notes: Vec<String>,
}

/// The rows of one person.
#[derive(Debug, Clone)]
pub struct PersonRows<'a> {
    /// Name as in the file; None for a file without a person column.
    pub person: Option<&'a str>,
    /// The person's rows, in file order.
    pub rows: Vec<&'a RawRating>,
    /// The catalogue skills the input asks anyone about (see
    /// [`asked_skills`]); None when not known.
    pub asked: Option<Arc<BTreeSet<String>>>,
}

/// Splits a table by person, in first-seen order; each person carries
/// what the whole table asks.
pub fn by_person<'t>(table: &'t Table, catalog: &Catalog) -> Vec<PersonRows<'t>> {
    let asked = Arc::new(asked_skills(
        table.skill_labels.iter().map(|(l, _)| l.as_str()),
        catalog,
    ));
    let mut out: Vec<PersonRows<'_>> = Vec::new();
    let mut index: BTreeMap<Option<&str>, usize> = BTreeMap::new();
    for row in &table.rows {
        let key = row.person.as_deref();
        let i = *index.entry(key).or_insert_with(|| {
            out.push(PersonRows {
                person: key,
                rows: Vec::new(),
                asked: Some(Arc::clone(&asked)),
            });
            out.len() - 1
        });
        out[i].rows.push(row);
    }
    out
}

/// The catalogue skills an input asks about, from its skill labels (every
/// row or column, rated or blank, anyone's): each label's match and the
/// concepts it rolls up to (each distinct label once, as ingestion lists
/// them). A skill outside this set was "not asked".
pub fn asked_skills<'l>(
    labels: impl Iterator<Item = &'l str>,
    catalog: &Catalog,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for label in labels {
        // A combined label ("Prometheus & Grafana") asks every part.
        for id in catalog.matcher.resolve(label).ids() {
            if let Some(skill) = catalog.skill(id) {
                out.extend(skill.rolls_up_to.iter().map(SkillId::to_string));
            }
            out.insert(id.to_string());
        }
    }
    out
}

/// How many answered cells of `table` sit under a skill label with a
/// part the catalogue does not know: each cell once, however many of its
/// label's parts are unknown. `check` and `batch` both say this number.
pub fn unknown_label_ratings(table: &Table, catalog: &Catalog) -> usize {
    table
        .skill_labels
        .iter()
        .filter(|(label, _)| catalog.matcher.resolve(label).unknown().next().is_some())
        .map(|(_, n)| n)
        .sum()
}

/// The rows of one person matched to the catalogue, duplicates settled.
#[derive(Default)]
struct MatchedRows<'r> {
    /// Every row with the skill it matched.
    matched: Vec<Matched>,
    /// Skill id → rows that rated it, after duplicate handling.
    direct: BTreeMap<SkillId, Vec<&'r RawRating>>,
    /// Skills matched but left blank.
    blank: Vec<SkillId>,
    /// Names that matched no skill.
    unknown: Vec<UnknownSkill>,
    /// Skill id → the highest interest given.
    interest: BTreeMap<SkillId, u8>,
}

impl<'r> MatchedRows<'r> {
    /// Matches every row of `group`; with [`DuplicatePolicy::Error`], a
    /// typed name rated twice with two values is an error.
    fn of(
        file: &str,
        group: &'r PersonRows<'_>,
        catalog: &Catalog,
        policy: DuplicatePolicy,
    ) -> Result<Self, DataError> {
        let mut m = MatchedRows::default();
        // Typed name (normalised) → (row) for duplicate detection.
        let mut typed_seen: BTreeMap<String, &RawRating> = BTreeMap::new();
        for row in &group.rows {
            // A combined label ("Prometheus & Grafana") rates every part it names.
            let label = catalog.matcher.resolve(&row.skill);
            let ids: Vec<SkillId> = label.ids().into_iter().map(SkillId::from).collect();
            m.note_row(row, &label, &ids, catalog);
            if ids.is_empty() {
                continue;
            }
            let Some(value) = row.value else {
                m.blank.extend(ids);
                continue;
            };
            let key = normalise(&row.skill);
            if let Some(prev) = typed_seen.get(&key).copied() {
                let prev_value = prev.value.unwrap_or(0.0);
                if prev_value == value {
                    continue;
                }
                let keep_new = match policy {
                    DuplicatePolicy::Error => {
                        return Err(DataError::Row {
                            file: file.to_string(),
                            line: row.line,
                            column: Some(row.column),
                            message: format!(
                                "\"{}\" is rated {} here and {} on line {}; keep one row, or pass --on-duplicate max|last",
                                row.skill,
                                crate::text::num(value),
                                crate::text::num(prev_value),
                                prev.line
                            ),
                        });
                    }
                    DuplicatePolicy::Max => value > prev_value,
                    DuplicatePolicy::Last => true,
                };
                if keep_new {
                    for id in &ids {
                        let rows = m.direct.entry(id.clone()).or_default();
                        rows.retain(|r| normalise(&r.skill) != key);
                        rows.push(row);
                    }
                    typed_seen.insert(key, row);
                }
                continue;
            }
            typed_seen.insert(key, row);
            for id in ids {
                m.direct.entry(id).or_default().push(row);
            }
        }
        Ok(m)
    }

    /// Notes what `row` matched, its interest, and the names in it that
    /// match no skill.
    fn note_row(
        &mut self,
        row: &RawRating,
        label: &LabelMatch,
        ids: &[SkillId],
        catalog: &Catalog,
    ) {
        let named = |id: &str| (id.to_string(), catalog.matcher.display_name(id).to_string());
        self.matched.push(Matched {
            typed: row.skill.to_string(),
            line: row.line,
            value: row.value,
            skill: ids.first().map(|i| named(i.as_str())),
            parts: if label.is_split() {
                label
                    .parts
                    .iter()
                    .map(|p| (p.text.clone(), p.id.as_deref().map(named)))
                    .collect()
            } else {
                Vec::new()
            },
        });
        if let Some(level) = row.interest {
            for id in ids {
                let e = self.interest.entry(id.clone()).or_insert(level);
                *e = (*e).max(level);
            }
        }
        for part in label.unknown() {
            let name = if label.is_split() {
                part.text.as_str()
            } else {
                &*row.skill
            };
            if !self.unknown.iter().any(|u: &UnknownSkill| u.name == name) {
                self.unknown.push(UnknownSkill {
                    name: name.to_string(),
                    line: row.line,
                    suggestion: catalog.matcher.suggest(name),
                });
            }
        }
    }
}

/// The rating of each directly rated skill. Different typed names for one
/// skill (K8s and Kubernetes) are two views of the same thing, not a
/// conflict: the higher one counts, and a note says so.
fn direct_ratings(
    direct: &BTreeMap<SkillId, Vec<&RawRating>>,
    catalog: &Catalog,
    notes: &mut Vec<String>,
) -> BTreeMap<SkillId, Rated> {
    let mut ratings: BTreeMap<SkillId, Rated> = BTreeMap::new();
    for (id, rows) in direct {
        let value = rows.iter().filter_map(|r| r.value).fold(0.0, f64::max);
        if rows.len() > 1 {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    format!(
                        "\"{}\" {}",
                        r.skill,
                        crate::text::num(r.value.unwrap_or(0.0))
                    )
                })
                .collect();
            notes.push(format!(
                "{} was rated as {}; using {}",
                catalog.skill(id).map_or(id.as_str(), |s| s.name.as_str()),
                parts.join(" and "),
                crate::text::num(value)
            ));
        }
        ratings.insert(
            id.as_str().into(),
            Rated {
                value,
                source: RatingSource::Direct {
                    typed: rows.iter().map(|r| r.skill.to_string()).collect(),
                    lines: rows.iter().map(|r| r.line).collect(),
                },
            },
        );
    }
    ratings
}

/// Builds the assessment of one person. `fallback_name` names a person in
/// a file without a person column. Any row problem of this person in
/// `problems` (the input's, or just the person's) is an error.
pub fn assess(
    file: &str,
    problems: &[RowProblem],
    group: &PersonRows<'_>,
    catalog: &Catalog,
    policy: DuplicatePolicy,
    fallback_name: &str,
) -> Result<Assessed, DataError> {
    if let Some(p) = problems
        .iter()
        .find(|p| p.person.as_deref() == group.person || group.person.is_none())
    {
        return Err(DataError::Row {
            file: file.to_string(),
            line: p.line,
            column: Some(p.column),
            message: p.message.clone(),
        });
    }
    let rows = MatchedRows::of(file, group, catalog, policy)?;
    let mut notes = Vec::new();
    let mut ratings = direct_ratings(&rows.direct, catalog, &mut notes);
    roll_up(catalog, &mut ratings, &mut notes);
    let mut blank = rows.blank;
    blank.retain(|id| !ratings.contains_key(id.as_str()));
    blank.sort();
    blank.dedup();

    let first = group.rows.first();
    let assessment = Assessment {
        person: group
            .person
            .map(str::to_string)
            // A fallback comes from a file name or the command line: it
            // gets the same cleaning as names read from the file.
            .unwrap_or_else(|| crate::text::clean_name(fallback_name)),
        email: first.and_then(|r| r.email.as_deref().map(str::to_string)),
        assessed_on: group.rows.iter().filter_map(|r| r.date).max(),
        ratings,
        blank,
        unknown: rows.unknown,
        interest: rows.interest,
        asked: group.asked.clone(),
    };
    Ok(Assessed {
        assessment,
        matched: rows.matched,
        notes,
    })
}

/// One person's assessments given at one time: one per rater.
#[derive(Debug, Clone)]
pub struct Round {
    /// The newest date among the round's rows, when the input has dates.
    pub assessed_on: Option<NaiveDate>,
    /// `(rater, assessment)`: `self` first, then `manager`, `peer` and any
    /// other rater in first-seen order. Rows without a rater are `self`.
    pub by_rater: Vec<(Rater, Assessed)>,
}

impl Round {
    /// The assessment by `rater`, if that rater rated anything.
    pub fn rater(&self, rater: &Rater) -> Option<&Assessed> {
        self.by_rater
            .iter()
            .find(|(r, _)| r == rater)
            .map(|(_, a)| a)
    }
}

/// Everything one person's rows hold: the current round and, when some
/// rater's rows carry two or more dates, the round before it.
#[derive(Debug, Clone)]
pub struct Rounds {
    /// Each rater's rows with their newest date (and rows without a date).
    pub current: Round,
    /// Each rater's rows with their next-newest date, for the raters that
    /// have one.
    pub previous: Option<Round>,
    /// How many older dates were left out (the most for any one rater).
    pub older: usize,
}

/// Splits rows by rater (no rater = `self`), in [`Round::by_rater`] order.
fn by_rater<'a>(rows: &[&'a RawRating]) -> Vec<(Rater, Vec<&'a RawRating>)> {
    let mut out: Vec<(Rater, Vec<&'a RawRating>)> = Vec::new();
    for row in rows {
        // Ingest keeps the rater's word (see `normalise_rater`).
        let word = row.rater.as_deref().unwrap_or(Rater::Own.as_str());
        match out.iter_mut().find(|(r, _)| r.as_str() == word) {
            Some((_, v)) => v.push(row),
            None => out.push((Rater::from_word(word), vec![row])),
        }
    }
    // Stable: other raters keep their first-seen order.
    out.sort_by_key(|(r, _)| r.rank());
    out
}

/// Builds every assessment in one person's rows: the rows are split by
/// rater, then each rater's rows by date — when they carry two or more
/// distinct dates, the newest date is that rater's current assessment (rows
/// without a date belong to it) and the next-newest the previous one. So a
/// manager who rates a week after the person is still the same round.
pub fn assess_rounds(
    file: &str,
    problems: &[RowProblem],
    group: &PersonRows<'_>,
    catalog: &Catalog,
    policy: DuplicatePolicy,
    fallback_name: &str,
) -> Result<Rounds, DataError> {
    let assess_rows = |rows: Vec<&RawRating>| {
        let sub = PersonRows {
            person: group.person,
            rows,
            asked: group.asked.clone(),
        };
        assess(file, problems, &sub, catalog, policy, fallback_name)
    };
    let newest = |rows: &[&RawRating]| rows.iter().filter_map(|r| r.date).max();
    let (mut current, mut previous) = (Vec::new(), Vec::new());
    let (mut current_on, mut previous_on) = (None, None);
    let mut older = 0;
    for (rater, rows) in by_rater(&group.rows) {
        let mut dates: Vec<NaiveDate> = rows.iter().filter_map(|r| r.date).collect();
        dates.sort_unstable();
        dates.dedup();
        let (now, before): (Vec<&RawRating>, Vec<&RawRating>) = match dates.as_slice() {
            [.., before, last] => {
                older = older.max(dates.len() - 2);
                (
                    rows.iter()
                        .copied()
                        .filter(|r| r.date.is_none_or(|d| d == *last))
                        .collect(),
                    rows.iter()
                        .copied()
                        .filter(|r| r.date == Some(*before))
                        .collect(),
                )
            }
            _ => (rows, Vec::new()),
        };
        current_on = current_on.max(newest(&now));
        current.push((rater.clone(), assess_rows(now)?));
        if !before.is_empty() {
            previous_on = previous_on.max(newest(&before));
            previous.push((rater, assess_rows(before)?));
        }
    }
    Ok(Rounds {
        current: Round {
            assessed_on: current_on,
            by_rater: current,
        },
        previous: (!previous.is_empty()).then_some(Round {
            assessed_on: previous_on,
            by_rater: previous,
        }),
        older,
    })
}

/// A concept skill not rated directly takes the highest rating among the
/// tools that roll up to it.
fn roll_up(catalog: &Catalog, ratings: &mut BTreeMap<SkillId, Rated>, notes: &mut Vec<String>) {
    let mut derived: BTreeMap<SkillId, Rated> = BTreeMap::new();
    for skill in catalog.skills.iter().filter(|s| s.kind == SkillKind::Tool) {
        let Some(tool) = ratings.get(skill.id.as_str()) else {
            continue;
        };
        for concept in &skill.rolls_up_to {
            if ratings.contains_key(concept.as_str()) {
                continue;
            }
            let better = derived
                .get(concept.as_str())
                .is_none_or(|d| tool.value > d.value);
            if better {
                derived.insert(
                    concept.clone(),
                    Rated {
                        value: tool.value,
                        source: RatingSource::RolledUp {
                            from: skill.id.to_string(),
                            from_name: skill.name.clone(),
                        },
                    },
                );
            }
        }
    }
    for (concept, rated) in derived {
        if let RatingSource::RolledUp { from_name, .. } = &rated.source {
            let concept_name = catalog
                .skill(&concept)
                .map_or(concept.as_str(), |s| s.name.as_str());
            notes.push(format!(
                "{from_name} counts toward {concept_name}, which you did not rate: it takes your {}",
                crate::text::num(rated.value),
            ));
        }
        ratings.insert(concept, rated);
    }
}
