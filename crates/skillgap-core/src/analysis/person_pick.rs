//! Which person of an input a one-person report is about: the one
//! `--person` names (by name or email, folding case and accents), or the
//! only one there — several without `--person`, or a name that matches
//! nobody or several people, are a typed error that says who is there,
//! never a guess. The same choice finds the person in a `--previous`
//! input. The command only prints what this returns.

use crate::analysis::assessment::PersonRows;
use crate::error::DataError;
use crate::ingest::RowProblem;
use crate::text::fold_name;

/// How many names to list when a team file needs `--person`.
const NAMES_SHOWN: usize = 5;

/// Picks one person by name or email, ignoring case and accents
/// ("renee" finds "Renée"); failing that, by the start of a name or email
/// when only one person's matches ("ren"). None when nobody, or more than
/// one person, matches (see [`find_person`]).
pub fn select_person<'a, 'b>(
    groups: &'b [PersonRows<'a>],
    query: &str,
) -> Option<&'b PersonRows<'a>> {
    match find_person(groups, query) {
        Found::One(g) => Some(g),
        Found::Several(_) | Found::Nobody => None,
    }
}

/// Who a `--person` query names.
#[derive(Debug)]
pub enum Found<'b, 'a> {
    /// Exactly one person.
    One(&'b PersonRows<'a>),
    /// Several people, in file order: the query must be made unique (an
    /// email tells apart two people who share a name).
    Several(Vec<&'b PersonRows<'a>>),
    /// Nobody.
    Nobody,
}

/// Finds the people a query names, as [`select_person`] does, keeping
/// the ambiguity: two people of the same name ("María García" and "Maria
/// Garcia", or "Alex Kim" and "Alex Kim (2)" told apart by email) are
/// both found by that name, never one of them silently.
pub fn find_person<'a, 'b>(groups: &'b [PersonRows<'a>], query: &str) -> Found<'b, 'a> {
    let q = fold_name(query);
    if q.is_empty() {
        return Found::Nobody;
    }
    let emails = |g: &PersonRows<'a>| -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for e in g.rows.iter().filter_map(|r| r.email.as_deref()) {
            let e = fold_name(e);
            if !keys.contains(&e) {
                keys.push(e);
            }
        }
        keys
    };
    // A name that was told apart by a " (N)" suffix is still that name.
    let name = |g: &PersonRows<'a>| g.person.map(|p| fold_name(base_name(p)));
    let pick = |keep: &dyn Fn(usize) -> bool| -> Vec<&'b PersonRows<'a>> {
        (0..groups.len())
            .filter(|&i| keep(i))
            .map(|i| &groups[i])
            .collect()
    };
    let by_email = pick(&|i| emails(&groups[i]).contains(&q));
    let exact = if by_email.is_empty() {
        pick(&|i| name(&groups[i]).as_ref() == Some(&q) || g_name_is(&groups[i], &q))
    } else {
        by_email
    };
    let found = if exact.is_empty() {
        pick(&|i| {
            name(&groups[i]).is_some_and(|n| n.starts_with(&q))
                || emails(&groups[i]).iter().any(|k| k.starts_with(&q))
        })
    } else {
        exact
    };
    match found.as_slice() {
        [] => Found::Nobody,
        [one] => Found::One(one),
        _ => Found::Several(found),
    }
}

/// Whether the person's full name, suffix and all, is the query ("Alex
/// Kim (2)").
fn g_name_is(g: &PersonRows<'_>, q: &str) -> bool {
    g.person.is_some_and(|p| fold_name(p) == q)
}

/// A name without the " (N)" that tells apart people who share it.
fn base_name(name: &str) -> &str {
    let t = name.trim_end();
    t.strip_suffix(')')
        .and_then(|r| r.rsplit_once(" ("))
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(t, |(base, _)| base)
}

/// The person a one-person report is about, from `groups` (the input's
/// people, see [`by_person`](crate::analysis::assessment::by_person)):
/// the one `person` (`--person`) names, or the only one in the input.
/// Several people without `--person` is a question, never a guess: a
/// [`DataError::Other`] listing who is there; so is a `--person` that
/// names several people or nobody (unless every row of theirs had a
/// problem in `problems`: then that problem, as a [`DataError::Row`]).
pub fn pick_person<'b, 'a>(
    file: &str,
    person: Option<&str>,
    groups: &'b [PersonRows<'a>],
    problems: &[RowProblem],
) -> Result<&'b PersonRows<'a>, DataError> {
    match (person, groups.len()) {
        (Some(q), _) if groups.iter().any(|g| g.person.is_some()) => match find_person(groups, q) {
            Found::One(g) => Ok(g),
            Found::Several(several) => Err(several_match(file, q, &several)),
            Found::Nobody => Err(not_found(file, q, groups, problems)),
        },
        (_, 1) => Ok(&groups[0]),
        (None, 0) => Err(DataError::Other {
            file: file.to_string(),
            message: "no ratings found".into(),
        }),
        (_, n) => Err(DataError::Other {
            file: file.to_string(),
            message: format!(
                "has ratings for {n} people ({}); pick one with --person NAME",
                list_people(groups)
            ),
        }),
    }
}

/// The person's rows among `groups`, the people of the `--previous` input
/// `file`: the one person there, or the one matching `person`
/// (`--person`), the name or the email of the `current` rows. Nobody
/// matching is a [`DataError::Other`] that lists who is there.
pub fn pick_earlier<'b, 'a>(
    file: &str,
    groups: &'b [PersonRows<'a>],
    person: Option<&str>,
    current: &PersonRows<'_>,
) -> Result<&'b PersonRows<'a>, DataError> {
    let wanted: Vec<String> = person
        .map(str::to_string)
        .into_iter()
        .chain(current.person.map(str::to_string))
        .chain(
            current
                .rows
                .iter()
                .find_map(|r| r.email.as_deref().map(str::to_string)),
        )
        .collect();
    let by_name = wanted.iter().find_map(|q| select_person(groups, q));
    // One person there without a name, or compared with a file without
    // one, is taken as the same person; named people must match.
    let found = match groups {
        [only] if only.person.is_none() || current.person.is_none() => Some(only),
        _ => by_name,
    };
    found.ok_or_else(|| {
        let message = if groups.is_empty() {
            "no ratings found in the --previous file".to_string()
        } else {
            format!(
                "the --previous file has no ratings for {}; people there: {}",
                wanted
                    .first()
                    .map_or("this person".to_string(), |w| format!("\"{w}\"")),
                list_people(groups)
            )
        };
        DataError::Other {
            file: file.to_string(),
            message,
        }
    })
}

/// `--person` names no one with a usable row: when every row of theirs
/// had a problem, that problem is the answer; else who is there.
fn not_found(file: &str, q: &str, groups: &[PersonRows<'_>], problems: &[RowProblem]) -> DataError {
    let wanted = q.trim().to_lowercase();
    if let Some(p) = problems
        .iter()
        .find(|p| p.person.as_deref().map(|n| n.trim().to_lowercase()) == Some(wanted.clone()))
    {
        return DataError::Row {
            file: file.to_string(),
            line: p.line,
            column: Some(p.column),
            message: p.message.clone(),
        };
    }
    DataError::Other {
        file: file.to_string(),
        message: format!(
            "no person \"{q}\" in this file; people here: {}",
            list_people(groups)
        ),
    }
}

/// `--person` named several people: list them with their emails and ask
/// for one (never pick one silently).
fn several_match(file: &str, q: &str, several: &[&PersonRows<'_>]) -> DataError {
    let listed: Vec<String> = several
        .iter()
        .map(|g| {
            let name = g.person.unwrap_or("(no name)");
            match g.rows.iter().find_map(|r| r.email.as_deref()) {
                Some(e) => format!("\"{name}\" <{e}>"),
                None => format!("\"{name}\" (line {})", g.rows.first().map_or(0, |r| r.line)),
            }
        })
        .collect();
    let has_email = several
        .iter()
        .all(|g| g.rows.iter().any(|r| r.email.is_some()));
    DataError::Other {
        file: file.to_string(),
        message: format!(
            "--person \"{q}\" matches {} people: {}; {}",
            several.len(),
            listed.join(", "),
            if has_email {
                "pass --person with the email of the one you mean"
            } else {
                "pass --person with the full name of the one you mean"
            }
        ),
    }
}

/// The named people of `groups`, quoted, the first [`NAMES_SHOWN`] of
/// them and how many more.
fn list_people(groups: &[PersonRows<'_>]) -> String {
    let names: Vec<&str> = groups.iter().filter_map(|g| g.person).collect();
    let mut s = names
        .iter()
        .take(NAMES_SHOWN)
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMES_SHOWN {
        s.push_str(&format!(" and {} more", names.len() - NAMES_SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawRating;

    /// One rating row of `person` (None: a file without a person column).
    fn row(person: Option<&str>, email: Option<&str>, line: usize) -> RawRating {
        RawRating {
            person: person.map(Into::into),
            email: email.map(Into::into),
            skill: "Kubernetes".into(),
            value: Some(3.0),
            raw_value: "3".into(),
            line,
            column: 3,
            notes: None,
            date: None,
            rater: None,
            interest: None,
            profile: None,
        }
    }

    /// The rows split by person in first-seen order, as `by_person` does.
    fn groups(rows: &[RawRating]) -> Vec<PersonRows<'_>> {
        let mut out: Vec<PersonRows<'_>> = Vec::new();
        for r in rows {
            let key = r.person.as_deref();
            match out.iter_mut().find(|g| g.person == key) {
                Some(g) => g.rows.push(r),
                None => out.push(PersonRows {
                    person: key,
                    rows: vec![r],
                    asked: None,
                }),
            }
        }
        out
    }

    fn message(e: DataError) -> String {
        e.to_string()
    }

    #[test]
    fn the_only_person_is_picked_with_or_without_person() {
        let rows = [row(Some("Ana"), None, 2), row(Some("Ana"), None, 3)];
        let g = groups(&rows);
        assert_eq!(
            pick_person("f.csv", None, &g, &[]).unwrap().person,
            Some("Ana")
        );
        assert_eq!(
            pick_person("f.csv", Some("ana"), &g, &[])
                .unwrap()
                .rows
                .len(),
            2
        );
    }

    #[test]
    fn a_file_without_names_is_its_one_person_whatever_person_says() {
        let rows = [row(None, None, 2)];
        let g = groups(&rows);
        let picked = pick_person("f.csv", Some("Somebody"), &g, &[]).unwrap();
        assert_eq!(picked.person, None);
    }

    #[test]
    fn person_folds_case_spaces_and_accents() {
        let rows = [
            row(Some("Renée  Müller"), None, 2),
            row(Some("Ben Ode"), None, 3),
        ];
        let g = groups(&rows);
        for q in ["  RENEE muller ", "renée müller", "ren"] {
            let picked = pick_person("f.csv", Some(q), &g, &[]).unwrap();
            assert_eq!(picked.person, Some("Renée  Müller"), "query {q:?}");
        }
        let by_email = [
            row(Some("Alex Kim"), Some("alex.k@example.com"), 2),
            row(Some("Alex Kim (2)"), Some("akim@example.com"), 3),
        ];
        let g = groups(&by_email);
        let picked = pick_person("f.csv", Some("AKIM@example.com"), &g, &[]).unwrap();
        assert_eq!(picked.person, Some("Alex Kim (2)"));
    }

    #[test]
    fn several_people_without_person_is_a_question() {
        let rows = [row(Some("Ana"), None, 2), row(Some("Ben"), None, 3)];
        let g = groups(&rows);
        let e = pick_person("team.csv", None, &g, &[]).unwrap_err();
        assert_eq!(
            message(e),
            "team.csv: has ratings for 2 people (\"Ana\", \"Ben\"); pick one with --person NAME"
        );
    }

    #[test]
    fn a_long_list_of_people_is_cut_with_how_many_more() {
        let names = ["A", "B", "C", "D", "E", "F", "G"];
        let rows: Vec<RawRating> = names
            .iter()
            .enumerate()
            .map(|(i, n)| row(Some(n), None, i + 2))
            .collect();
        let g = groups(&rows);
        let e = pick_person("team.csv", Some("Zed"), &g, &[]).unwrap_err();
        assert_eq!(
            message(e),
            "team.csv: no person \"Zed\" in this file; people here: \"A\", \"B\", \"C\", \"D\", \"E\" and 2 more"
        );
    }

    #[test]
    fn nobody_matching_lists_who_is_there() {
        let rows = [row(Some("Ana"), None, 2), row(Some("Ben"), None, 3)];
        let g = groups(&rows);
        let e = pick_person("team.csv", Some("Cleo"), &g, &[]).unwrap_err();
        assert!(matches!(e, DataError::Other { .. }));
        assert_eq!(
            message(e),
            "team.csv: no person \"Cleo\" in this file; people here: \"Ana\", \"Ben\""
        );
    }

    #[test]
    fn a_person_whose_every_row_failed_gets_that_problem() {
        let rows = [row(Some("Ana"), None, 2), row(Some("Ben"), None, 3)];
        let g = groups(&rows);
        let problems = [RowProblem {
            person: Some(" Cleo ".into()),
            line: 4,
            column: 3,
            message: "rating \"7\" for \"Kubernetes\" is outside 0–5".into(),
        }];
        let e = pick_person("team.csv", Some("cleo"), &g, &problems).unwrap_err();
        assert_eq!(
            e,
            DataError::Row {
                file: "team.csv".into(),
                line: 4,
                column: Some(3),
                message: "rating \"7\" for \"Kubernetes\" is outside 0–5".into(),
            }
        );
    }

    #[test]
    fn a_name_shared_by_two_people_asks_for_the_email() {
        let rows = [
            row(Some("María García"), Some("maria@example.com"), 2),
            row(Some("Maria Garcia"), Some("mgarcia@example.com"), 3),
        ];
        let g = groups(&rows);
        let e = pick_person("team.csv", Some("maria garcia"), &g, &[]).unwrap_err();
        assert_eq!(
            message(e),
            "team.csv: --person \"maria garcia\" matches 2 people: \"María García\" <maria@example.com>, \
             \"Maria Garcia\" <mgarcia@example.com>; pass --person with the email of the one you mean"
        );
        let no_email = [
            row(Some("Sam Lee"), None, 2),
            row(Some("Sam Lee (2)"), None, 5),
        ];
        let g = groups(&no_email);
        let e = pick_person("team.csv", Some("Sam Lee"), &g, &[]).unwrap_err();
        assert_eq!(
            message(e),
            "team.csv: --person \"Sam Lee\" matches 2 people: \"Sam Lee\" (line 2), \
             \"Sam Lee (2)\" (line 5); pass --person with the full name of the one you mean"
        );
    }

    #[test]
    fn an_empty_input_has_no_ratings() {
        let e = pick_person("empty.csv", None, &[], &[]).unwrap_err();
        assert_eq!(message(e), "empty.csv: no ratings found");
    }

    #[test]
    fn the_earlier_input_is_matched_by_person_name_or_email() {
        let now = [row(Some("Ana"), Some("ana@example.com"), 2)];
        let current = &groups(&now)[0];
        let before = [
            row(Some("Ben"), None, 2),
            row(Some("Ana B."), Some("ANA@example.com"), 3),
        ];
        let g = groups(&before);
        let picked = pick_earlier("old.csv", &g, None, current).unwrap();
        assert_eq!(picked.person, Some("Ana B."));
        let picked = pick_earlier("old.csv", &g, Some("ben"), current).unwrap();
        assert_eq!(picked.person, Some("Ben"));
    }

    #[test]
    fn one_unnamed_earlier_person_is_the_same_person() {
        let now = [row(Some("Ana"), None, 2)];
        let current = &groups(&now)[0];
        let before = [row(None, None, 2)];
        let g = groups(&before);
        assert_eq!(
            pick_earlier("old.csv", &g, None, current).unwrap().person,
            None
        );
    }

    #[test]
    fn an_earlier_input_without_the_person_says_who_is_there() {
        let now = [row(Some("Ana"), None, 2)];
        let current = &groups(&now)[0];
        let before = [row(Some("Ben"), None, 2), row(Some("Cleo"), None, 3)];
        let g = groups(&before);
        let e = pick_earlier("old.csv", &g, None, current).unwrap_err();
        assert_eq!(
            message(e),
            "old.csv: the --previous file has no ratings for \"Ana\"; people there: \"Ben\", \"Cleo\""
        );
        let e = pick_earlier("old.csv", &[], None, current).unwrap_err();
        assert_eq!(
            message(e),
            "old.csv: no ratings found in the --previous file"
        );
    }
}
