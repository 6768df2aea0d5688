//! Who a row belongs to: display names, anonymous form responses and the
//! first-seen list of people.

use std::collections::HashSet;

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
}

/// Name if given, else Email, else Username; anonymous rows become
/// "Respondent N" with N the numeric response ID or else the 1-based row
/// number, so the same export always yields the same names.
pub(crate) fn identify(cells: IdentityCells<'_>, row_number: usize) -> Identity {
    fn real(c: Option<&str>) -> Option<&str> {
        c.map(str::trim).filter(|t| !is_anonymous(t))
    }
    let email = real(cells.email).map(str::to_string);
    let named = real(cells.name)
        .or(real(cells.email))
        .or(real(cells.username));
    match named {
        Some(person) => Identity {
            person: person.to_string(),
            email,
            generated: false,
        },
        None => {
            let n = cells
                .id
                .and_then(|id| id.trim().parse::<u64>().ok())
                .map_or(row_number.to_string(), |id| id.to_string());
            Identity {
                person: format!("Respondent {n}"),
                email,
                generated: true,
            }
        }
    }
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
