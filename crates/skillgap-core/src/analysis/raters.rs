//! Second opinions: when a manager or a peer rated the person too, their
//! ratings are shown beside the self-ratings and the differences of more
//! than one level are listed as conversation starters. Raters are never
//! averaged: the analysis uses one basis — the self-ratings (default), the
//! manager's, or per skill the lower of the two.
//!
//! Pure: assessments in, sections out.

use crate::analysis::assessment::{Assessed, Round};
use crate::catalog::Catalog;
use crate::model::{Assessment, Rated, Rater, RatingSource, SkillId};
use crate::text::num;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which ratings gaps and fit are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Basis {
    /// The person's own ratings.
    #[default]
    #[serde(rename = "self")]
    SelfRating,
    /// The manager's ratings.
    #[serde(rename = "manager")]
    Manager,
    /// Per skill the lower of the self and the manager rating; a skill only
    /// one of them rated takes that rating.
    #[serde(rename = "min")]
    Min,
}

impl Basis {
    /// `self`, `manager` or `min`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::SelfRating => "self",
            Basis::Manager => "manager",
            Basis::Min => "min",
        }
    }
}

/// Differences larger than this many levels are listed.
pub const DIFFERENCE_OVER: f64 = 1.0;

/// One skill as each rater rated it: every skill someone rated directly,
/// with each rater's effective rating (a tool's roll-up included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterRow {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// The person's own rating.
    #[serde(rename = "self")]
    pub self_rating: Option<f64>,
    /// The manager's rating.
    pub manager: Option<f64>,
    /// A peer's rating.
    pub peer: Option<f64>,
    /// Any other rater, by the name in the rater column.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub other: BTreeMap<String, f64>,
}

/// A skill where another rater sees the person more than one level away
/// from the self-rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// Skill id.
    pub skill: SkillId,
    /// Display name.
    pub name: String,
    /// The self-rating.
    #[serde(rename = "self")]
    pub self_rating: f64,
    /// Who sees it differently: `manager`, `peer` or another rater.
    pub rater: String,
    /// Their rating.
    pub rating: f64,
    /// `rating − self`: negative when they rate the person lower.
    pub difference: f64,
}

/// The second-opinions section of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Raters {
    /// The basis gaps and fit were computed from: `self`, `manager` or
    /// `min` (after falling back when the asked-for rater is missing).
    pub basis: String,
    /// Everyone who rated, `self` first.
    pub raters: Vec<String>,
    /// Every skill anyone rated, in catalogue order.
    pub by_skill: Vec<RaterRow>,
    /// Differences of more than one level from the self-rating, largest first.
    pub differences: Vec<Difference>,
}

/// The ratings an analysis actually used: one rater's, or per skill the
/// lower of the self and the manager rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Used {
    /// One rater's ratings.
    Rater(Rater),
    /// Per skill the lower of the self and the manager rating.
    Min,
}

impl Used {
    /// `self`, `manager`, `min`, or another rater's name.
    pub fn as_str(&self) -> &str {
        match self {
            Used::Rater(r) => r.as_str(),
            Used::Min => "min",
        }
    }

    /// In words: "the self-ratings", "the manager's ratings", "the lower
    /// of the self and the manager rating per skill".
    pub fn label(&self) -> String {
        match self {
            Used::Rater(Rater::Own) => "the self-ratings".to_string(),
            Used::Min => "the lower of the self and the manager rating per skill".to_string(),
            Used::Rater(r) => format!("the {} ratings", r.possessive()),
        }
    }
}

/// The assessment the analysis uses, and what it is.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The analysis input.
    pub assessed: Assessed,
    /// The basis actually used (self, manager or min, or another rater
    /// when only that rater rated).
    pub basis: Used,
    /// Why it is not the basis asked for, when it is not.
    pub note: Option<String>,
}

/// Picks (or, for `min`, builds) the assessment of `round` the analysis
/// uses. A missing rater falls back — self, then manager, then peer, then
/// whoever rated — with a note saying so. Interest and unknown skill names
/// are gathered from every rater (the person's own first).
pub fn choose(round: &Round, basis: Basis) -> Option<Chosen> {
    let own = round.rater(&Rater::Own);
    let manager = round.rater(&Rater::Manager);
    let fallback = || {
        [Rater::Own, Rater::Manager, Rater::Peer]
            .into_iter()
            .find_map(|r| round.rater(&r).map(|a| (r, a)))
            .or_else(|| round.by_rater.first().map(|(r, a)| (r.clone(), a)))
    };
    let (mut assessed, used, note) = match (basis, own, manager) {
        (Basis::SelfRating, Some(s), _) => (s.clone(), Used::Rater(Rater::Own), None),
        (Basis::Manager, _, Some(m)) => (m.clone(), Used::Rater(Rater::Manager), None),
        (Basis::Min, Some(s), Some(m)) => (min_of(s, m), Used::Min, None),
        _ => {
            let (r, a) = fallback()?;
            let asked = match basis {
                Basis::SelfRating => "no self-ratings",
                Basis::Manager => "no manager ratings",
                Basis::Min => "not both self and manager ratings",
            };
            let note = format!(
                "There are {asked} for this assessment, so gaps and fit use the {} ratings.",
                r.possessive()
            );
            (a.clone(), Used::Rater(r), Some(note))
        }
    };
    gather(&mut assessed.assessment, round);
    Some(Chosen {
        assessed,
        basis: used,
        note,
    })
}

/// Interest and unknown names from every rater, the person's own first.
fn gather(a: &mut Assessment, round: &Round) {
    for (_, other) in &round.by_rater {
        for (skill, level) in &other.assessment.interest {
            a.interest.entry(skill.clone()).or_insert(*level);
        }
        for u in &other.assessment.unknown {
            if !a.unknown.iter().any(|k| k.name == u.name) {
                a.unknown.push(u.clone());
            }
        }
    }
}

/// Per skill the lower of the two ratings (ties: the self-rating).
fn min_of(own: &Assessed, manager: &Assessed) -> Assessed {
    let (s, m) = (&own.assessment, &manager.assessment);
    let mut ratings: BTreeMap<SkillId, Rated> = s.ratings.clone();
    for (id, mr) in &m.ratings {
        match ratings.get(id) {
            Some(sr) if sr.value <= mr.value => {}
            _ => {
                ratings.insert(id.clone(), mr.clone());
            }
        }
    }
    let mut blank: Vec<SkillId> = s
        .blank
        .iter()
        .chain(&m.blank)
        .filter(|id| !ratings.contains_key(id.as_str()))
        .cloned()
        .collect();
    blank.sort();
    blank.dedup();
    let mut notes = own.notes.clone();
    notes.extend(manager.notes.iter().map(|n| format!("Manager: {n}")));
    Assessed {
        assessment: Assessment {
            person: s.person.clone(),
            email: s.email.clone().or_else(|| m.email.clone()),
            assessed_on: s.assessed_on.max(m.assessed_on),
            ratings,
            blank,
            unknown: s.unknown.clone(),
            interest: s.interest.clone(),
            asked: s.asked.clone(),
        },
        matched: own
            .matched
            .iter()
            .chain(&manager.matched)
            .cloned()
            .collect(),
        notes,
    }
}

/// The second-opinions section, when anyone other than the person rated.
pub fn compare(round: &Round, basis: &Used, catalog: &Catalog) -> Option<Raters> {
    if round.by_rater.iter().all(|(r, _)| *r == Rater::Own) {
        return None;
    }
    let value =
        |rater: &Rater, skill: &str| round.rater(rater).and_then(|a| a.assessment.rating(skill));
    let mut by_skill = Vec::new();
    let mut differences = Vec::new();
    for s in &catalog.skills {
        // A concept that every rater only reached through a tool's roll-up
        // would repeat the tool's row: list what someone rated directly.
        let direct = round.by_rater.iter().any(|(_, a)| {
            a.assessment
                .ratings
                .get(s.id.as_str())
                .is_some_and(|r| matches!(r.source, RatingSource::Direct { .. }))
        });
        if !direct {
            continue;
        }
        let own = value(&Rater::Own, &s.id);
        let other: BTreeMap<String, f64> = round
            .by_rater
            .iter()
            .filter_map(|(r, a)| match r {
                Rater::Other(name) => a.assessment.rating(&s.id).map(|v| (name.clone(), v)),
                _ => None,
            })
            .collect();
        if let Some(own) = own {
            for (rater, a) in round.by_rater.iter().filter(|(r, _)| *r != Rater::Own) {
                let Some(v) = a.assessment.rating(&s.id) else {
                    continue;
                };
                let difference = v - own;
                if difference.abs() > DIFFERENCE_OVER {
                    differences.push(Difference {
                        skill: s.id.clone(),
                        name: s.name.clone(),
                        self_rating: own,
                        rater: rater.to_string(),
                        rating: v,
                        difference,
                    });
                }
            }
        }
        by_skill.push(RaterRow {
            skill: s.id.clone(),
            name: s.name.clone(),
            self_rating: own,
            manager: value(&Rater::Manager, &s.id),
            peer: value(&Rater::Peer, &s.id),
            other,
        });
    }
    // Largest first; the catalogue order (kept by the stable sort) breaks ties.
    differences.sort_by(|a, b| b.difference.abs().total_cmp(&a.difference.abs()));
    Some(Raters {
        basis: basis.as_str().to_string(),
        raters: round.by_rater.iter().map(|(r, _)| r.to_string()).collect(),
        by_skill,
        differences,
    })
}

impl Difference {
    /// "Manager rates Kubernetes 2, self-rating 4 (−2)".
    pub fn sentence(&self) -> String {
        let who = Rater::from_word(&self.rater).title();
        format!(
            "{who} rates {} {}, self-rating {} ({}{})",
            self.name,
            num(self.rating),
            num(self.self_rating),
            if self.difference > 0.0 { "+" } else { "−" },
            num(self.difference.abs())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assessed(ratings: &[(&str, f64)]) -> Assessed {
        Assessed {
            assessment: crate::model::test_person(ratings),
            matched: vec![],
            notes: vec![],
        }
    }

    fn round(by: &[(&str, &[(&str, f64)])]) -> Round {
        Round {
            assessed_on: None,
            by_rater: by
                .iter()
                .map(|(r, x)| (Rater::from_word(r), assessed(x)))
                .collect(),
        }
    }

    #[test]
    fn min_takes_the_lower_rating_per_skill() {
        let r = round(&[
            ("self", &[("go", 4.0), ("git", 2.0), ("linux", 3.0)]),
            ("manager", &[("go", 2.0), ("git", 3.0), ("slos", 1.0)]),
        ]);
        let c = choose(&r, Basis::Min).unwrap();
        let a = &c.assessed.assessment;
        assert_eq!(c.basis, Used::Min);
        assert_eq!(a.rating("go"), Some(2.0));
        assert_eq!(a.rating("git"), Some(2.0));
        assert_eq!(a.rating("linux"), Some(3.0));
        assert_eq!(a.rating("slos"), Some(1.0));
        let m = choose(&r, Basis::Manager).unwrap();
        assert_eq!(m.assessed.assessment.rating("go"), Some(2.0));
        assert_eq!(m.assessed.assessment.rating("linux"), None);
    }

    #[test]
    fn missing_rater_falls_back_with_a_note() {
        let r = round(&[("self", &[("go", 4.0)])]);
        let c = choose(&r, Basis::Manager).unwrap();
        assert_eq!(c.basis, Used::Rater(Rater::Own));
        assert!(c.note.unwrap().contains("no manager ratings"));
        let r = round(&[("manager", &[("go", 2.0)])]);
        let c = choose(&r, Basis::SelfRating).unwrap();
        assert_eq!(c.basis, Used::Rater(Rater::Manager));
        assert!(c.note.unwrap().contains("manager's ratings"));
    }

    #[test]
    fn differences_over_one_level_largest_first() {
        let c = Catalog::builtin().unwrap();
        let r = round(&[
            ("self", &[("go", 4.0), ("git", 2.0), ("linux", 3.0)]),
            ("manager", &[("go", 2.0), ("git", 3.0)]),
            ("peer", &[("linux", 0.5)]),
        ]);
        let x = compare(&r, &Used::Rater(Rater::Own), &c).unwrap();
        assert_eq!(x.raters, ["self", "manager", "peer"]);
        let d: Vec<(&str, &str, f64)> = x
            .differences
            .iter()
            .map(|d| (d.skill.as_str(), d.rater.as_str(), d.difference))
            .collect();
        assert_eq!(d, [("linux", "peer", -2.5), ("go", "manager", -2.0)]);
        let go = x.by_skill.iter().find(|s| s.skill == "go").unwrap();
        assert_eq!(
            (go.self_rating, go.manager, go.peer),
            (Some(4.0), Some(2.0), None)
        );
        assert!(
            compare(
                &round(&[("self", &[("go", 1.0)])]),
                &Used::Rater(Rater::Own),
                &c
            )
            .is_none()
        );
    }
}
