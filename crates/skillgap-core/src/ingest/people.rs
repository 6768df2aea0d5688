//! Who a row belongs to: display names, anonymous form responses and the
//! first-seen list of people.

use rustc_hash::FxHashSet as HashSet;

/// Distinct people in the order they first appear.
#[derive(Debug, Default)]
pub(crate) struct People {
    order: Vec<String>,
    seen: HashSet<String>,
}

impl People {
    /// Records `name` unless it was seen before.
    pub(crate) fn add(&mut self, name: &str) {
        if self.seen.insert(name.to_string()) {
            self.order.push(name.to_string());
        }
    }

    /// The names in first-seen order.
    pub(crate) fn into_vec(self) -> Vec<String> {
        self.order
    }
}

/// Forms write `anonymous` (or nothing) when the respondent did not sign in.
pub(crate) fn is_anonymous(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.eq_ignore_ascii_case("anonymous")
}

/// Identity cells of one wide-format row.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdentityCells<'a> {
    /// The Name / Full name cell.
    pub name: Option<&'a str>,
    /// The Email cell.
    pub email: Option<&'a str>,
    /// The Username cell.
    pub username: Option<&'a str>,
    /// The ID cell (Microsoft Forms numbers responses).
    pub id: Option<&'a str>,
}

/// Who a wide-format row is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    /// Display name.
    pub person: String,
    /// Email address when the Email column holds a real one.
    pub email: Option<String>,
    /// True when the name was made up as "Respondent N".
    pub generated: bool,
    /// The email address the name was taken from, when the input has no
    /// name column ("marco.bianchi@example.com" → "Marco Bianchi").
    pub from_email: Option<String>,
}

/// Name if given, else Email, else Username; anonymous rows become
/// "Respondent N" with N the numeric response ID or else the 1-based row
/// number, so the same export always yields the same names.
pub(crate) fn identify(cells: IdentityCells<'_>, row_number: usize) -> Identity {
    fn real(c: Option<&str>) -> Option<&str> {
        c.map(str::trim).filter(|t| !is_anonymous(t))
    }
    // A username that is an address (Google Forms' "Username") is the
    // person's email too, so `--person` finds them by it.
    let email = real(cells.email)
        .or_else(|| real(cells.username).filter(|u| u.contains('@')))
        .map(str::to_string);
    let named = real(cells.name)
        .or(real(cells.email))
        .or(real(cells.username));
    // No name column at all: an address is shown by its name part, so a
    // report is titled "Marco Bianchi", not "marco.bianchi@example.com".
    let from_email = named
        .filter(|n| cells.name.is_none() && n.contains('@'))
        .and_then(|n| name_part(n).map(|p| (p, n.to_string())));
    match (named, from_email) {
        (Some(_), Some((person, address))) => Identity {
            person,
            email,
            generated: false,
            from_email: Some(address),
        },
        (Some(person), None) => Identity {
            person: person.to_string(),
            email,
            generated: false,
            from_email: None,
        },
        (None, _) => {
            let n = cells
                .id
                .and_then(|id| id.trim().parse::<u64>().ok())
                .map_or(row_number.to_string(), |id| id.to_string());
            Identity {
                person: format!("Respondent {n}"),
                email,
                generated: true,
                from_email: None,
            }
        }
    }
}

/// The name part of an address: "marco.bianchi@example.com" → "Marco
/// Bianchi" when it reads as two or more words of letters, else as typed
/// ("jsmith"). None for an address without a name part.
fn name_part(address: &str) -> Option<String> {
    let local = address.split('@').next()?.trim();
    if local.is_empty() {
        return None;
    }
    let words: Vec<&str> = local
        .split(['.', '_', '-', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() >= 2 && words.iter().all(|w| w.chars().all(char::is_alphabetic)) {
        let cap = |w: &str| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        Some(words.iter().map(|w| cap(w)).collect::<Vec<_>>().join(" "))
    } else {
        Some(local.to_string())
    }
}

/// The note for people named from their email, with one example.
pub(crate) fn from_email_warning(named: &[(String, String)]) -> Option<String> {
    let (person, address) = named.first()?;
    let n = named.len();
    Some(format!(
        "no name column: {} named from their email ({address} → {person}); add a Name \
         question to show their names",
        if n == 1 {
            "1 person is".to_string()
        } else {
            format!("{n} people are")
        },
    ))
}

/// "Team average", "Average", "Total", "Sum", "Overall": a row a
/// spreadsheet adds below the people, not a person.
pub(crate) fn is_summary_row(name: &str) -> bool {
    // English, German, French, Dutch and Spanish, as spreadsheets label them.
    const SUMMARY: [&str; 25] = [
        "average",
        "averages",
        "avg",
        "mean",
        "total",
        "totals",
        "sum",
        "median",
        "durchschnitt",
        "mittelwert",
        "summe",
        "gesamt",
        "moyenne",
        "somme",
        "médiane",
        "gemiddelde",
        "gemiddeld",
        "totaal",
        "som",
        "mediaan",
        "promedio",
        "media",
        "suma",
        "mediana",
        "ø",
    ];
    const QUALIFIERS: [&str; 12] = [
        "team", "grand", "overall", "all", "de", "l", "équipe", "equipe", "del", "equipo", "van",
        "het",
    ];
    // Called for every row of a long file: no allocation.
    if name.len() > 32 {
        return false;
    }
    let mut summary = 0;
    let mut qualifiers = 0;
    for w in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if SUMMARY.iter().any(|s| s.eq_ignore_ascii_case(w)) {
            summary += 1;
        } else if QUALIFIERS.iter().any(|q| q.eq_ignore_ascii_case(w)) {
            qualifiers += 1;
        } else {
            return false;
        }
    }
    summary == 1 || (summary == 0 && qualifiers == 1 && name.trim().eq_ignore_ascii_case("overall"))
}

/// Tells apart people who share a name but not an email: the first email
/// seen for a name keeps the name, the k-th becomes "Name (k)". `seen`
/// holds each name's emails in first-seen order. Returns the new name.
pub(crate) fn renamed_by_email(
    who: &Identity,
    seen: &mut Vec<(String, Vec<String>)>,
) -> Option<String> {
    let email = who.email.as_deref()?.to_lowercase();
    if who.generated || who.person.eq_ignore_ascii_case(&email) {
        return None;
    }
    let at = match seen.iter().position(|(n, _)| *n == who.person) {
        Some(i) => i,
        None => {
            seen.push((who.person.clone(), Vec::new()));
            seen.len() - 1
        }
    };
    let emails = &mut seen.get_mut(at)?.1;
    let k = match emails.iter().position(|e| *e == email) {
        Some(k) => k,
        None => {
            emails.push(email);
            emails.len() - 1
        }
    };
    (k > 0).then(|| format!("{} ({})", who.person, k + 1))
}

/// Warning listing the people whose names were made up.
pub(crate) fn anonymous_warning(generated: &[String]) -> Option<String> {
    let count = generated.len();
    if count == 0 {
        return None;
    }
    let (responses, verb) = if count == 1 {
        ("1 response", "is")
    } else {
        ("responses", "are")
    };
    let lead = if count == 1 {
        responses.to_string()
    } else {
        format!("{count} {responses}")
    };
    Some(format!(
        "{lead} {verb} anonymous or without a name, so {} named {}. Turn on \"Record name\" / \"Collect email addresses\" in the form, or add a Name question, to know who they are",
        if count == 1 { "it is" } else { "they are" },
        generated.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_keep_first_seen_order() {
        let mut people = People::default();
        for n in ["Zoë", "Ana", "Zoë", "Bo"] {
            people.add(n);
        }
        assert_eq!(people.into_vec(), ["Zoë", "Ana", "Bo"]);
    }

    #[test]
    fn name_then_email_then_username() {
        let cells = IdentityCells {
            name: Some("Renée Müller"),
            email: Some("renee@example.com"),
            ..Default::default()
        };
        let id = identify(cells, 1);
        assert_eq!(id.person, "Renée Müller");
        assert_eq!(id.email.as_deref(), Some("renee@example.com"));
        let cells = IdentityCells {
            name: Some(" "),
            email: Some("zoe@example.com"),
            ..Default::default()
        };
        assert_eq!(identify(cells, 1).person, "zoe@example.com");
        let cells = IdentityCells {
            name: Some("anonymous"),
            email: Some("Anonymous"),
            username: Some("lzolc"),
            ..Default::default()
        };
        let id = identify(cells, 1);
        assert_eq!(
            (id.person.as_str(), id.email, id.generated),
            ("lzolc", None, false)
        );
    }

    #[test]
    fn summary_rows_and_shared_names() {
        for n in [
            "Team average",
            "AVERAGE",
            "Total",
            "Grand total",
            "Overall",
            "Sum:",
        ] {
            assert!(is_summary_row(n), "{n}");
        }
        for n in ["Ana Total", "Averill", "Team Rocket", "Mean Joe"] {
            assert!(!is_summary_row(n), "{n}");
        }
        let who = |email: &str| Identity {
            person: "Alex Kim".into(),
            email: Some(email.into()),
            generated: false,
            from_email: None,
        };
        let mut seen = Vec::new();
        assert_eq!(renamed_by_email(&who("a@x.org"), &mut seen), None);
        assert_eq!(
            renamed_by_email(&who("b@x.org"), &mut seen).as_deref(),
            Some("Alex Kim (2)")
        );
        assert_eq!(renamed_by_email(&who("A@x.org"), &mut seen), None);
    }

    #[test]
    fn anonymous_rows_get_stable_names() {
        let cells = IdentityCells {
            name: Some("anonymous"),
            email: Some("anonymous"),
            id: Some("7"),
            ..Default::default()
        };
        let id = identify(cells, 3);
        assert_eq!((id.person.as_str(), id.generated), ("Respondent 7", true));
        let cells = IdentityCells {
            id: Some("abc"),
            ..Default::default()
        };
        assert_eq!(identify(cells, 3).person, "Respondent 3");
    }

    #[test]
    fn anonymous_warning_lists_names() {
        assert_eq!(anonymous_warning(&[]), None);
        let one = anonymous_warning(&["Respondent 2".to_string()]).unwrap();
        assert!(
            one.starts_with(
                "1 response is anonymous or without a name, so it is named Respondent 2."
            ),
            "{one}"
        );
        let two = anonymous_warning(&["Respondent 2".into(), "Respondent 5".into()]).unwrap();
        assert!(two.starts_with("2 responses are anonymous or without a name, so they are named Respondent 2, Respondent 5."), "{two}");
    }
}
