//! Records to a layout: reading CSV records, classifying headers and telling
//! long format (one row per rating) from wide format (one row per person).

use super::Format;
use super::column_role::ColumnRole;
use super::columns::ColumnSpec;
use super::error::IngestError;
pub(crate) use super::extracted::{Extracted, MAX_STORED_BYTES};
use super::headers::{is_interest_question, meaning, normalize, not_a_skill, without_range};
use super::profile::ProfileField;
use super::records::Record;
use super::value::MAX_FIELD_CHARS;
use crate::text::shorten;

/// "Assessed By" and its translations, as [`normalize`] writes them: who
/// gave the rating (HR exports), not when.
const RATED_BY: [&str; 8] = [
    "assessedby",
    "evaluatedby",
    "reviewedby",
    "bewertetvon",
    "beurteiltvon",
    "beoordelddoor",
    "évaluépar",
    "evaluadopor",
];

/// A long-format role from the exact header names, else from its words.
fn long_role(header: &str) -> Option<ColumnRole> {
    exact_long_role(&normalize(header)).or_else(|| meaning(header))
}

fn exact_long_role(norm: &str) -> Option<ColumnRole> {
    Some(match norm {
        "skill" | "competency" | "skillname" => ColumnRole::Skill,
        "rating" | "level" | "selfrating" | "score" | "proficiency" => ColumnRole::Rating,
        "person" | "name" | "fullname" | "employee" => ColumnRole::Person,
        "email" | "emailaddress" => ColumnRole::Email,
        "notes" | "note" | "evidence" | "comment" | "comments" => ColumnRole::Notes,
        "date" | "assessed" | "assessmentdate" | "assessedon" => ColumnRole::Date,
        "rater" | "ratedby" | "roleofrater" | "source" => ColumnRole::Rater,
        n if RATED_BY.contains(&n) => ColumnRole::Rater,
        "interest" | "wantstogrow" | "interestlevel" => ColumnRole::Interest,
        _ => return None,
    })
}

/// The columns a header names as skills ("Area", "Competency"), for a
/// matrix with skills down.
pub(crate) fn skill_columns(header: &Record) -> Vec<usize> {
    header
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| long_role(c) == Some(ColumnRole::Skill))
        .map(|(i, _)| i)
        .collect()
}

/// Columns whose headers name a role (category, notes, dates…): never a
/// person's column in a matrix.
pub(crate) fn role_columns(header: &Record) -> Vec<usize> {
    header
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| long_role(c).is_some() || normalize(c) == "category")
        .map(|(i, _)| i)
        .collect()
}

/// What a wide-format column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WideRole {
    /// Name / Full name: the display name.
    Name,
    /// First name, joined with the last name when there is no Name.
    FirstName,
    /// Last name.
    LastName,
    /// Email: the email, and the name when there is no Name.
    Email,
    /// Username: the name when there is neither Name nor Email.
    Username,
    /// Microsoft Forms' response number, used to name anonymous rows.
    Id,
    /// Google Forms' submission time: the assessment date.
    Timestamp,
    /// Microsoft Forms' submission time: the assessment date.
    CompletionTime,
    /// A plain date column.
    Date,
    /// Who filled the row in: self, manager, peer.
    Rater,
    /// A job title, target role or group column.
    Profile(ProfileField),
    /// An employee number: recognised, not used.
    EmployeeId,
    /// Form bookkeeping (start time, quiz points, feedback, free-text notes).
    Ignored,
    /// A skill, with its name.
    Skill(String),
    /// How much the person wants to grow in a skill (a second grid).
    Interest(String),
    /// About the person, not a skill: years, age, salary.
    NotSkill,
}

fn wide_role(header: &str) -> WideRole {
    let norm = normalize(header);
    match norm.as_str() {
        "" => WideRole::Ignored,
        "name" | "fullname" | "person" | "employee" => WideRole::Name,
        "email" | "emailaddress" => WideRole::Email,
        "username" => WideRole::Username,
        "id" => WideRole::Id,
        "timestamp" => WideRole::Timestamp,
        "completiontime" => WideRole::CompletionTime,
        "date" | "assessed" | "assessmentdate" | "assessedon" => WideRole::Date,
        "rater" | "ratedby" | "roleofrater" | "source" => WideRole::Rater,
        n if RATED_BY.contains(&n) => WideRole::Rater,
        "starttime" | "lastmodifiedtime" | "score" | "totalpoints" | "points" | "feedback"
        | "quizfeedback" | "notes" | "note" | "comment" | "comments" | "evidence" => {
            WideRole::Ignored
        }
        // Microsoft Forms quizzes add "Points - <question>" and "Feedback - <question>".
        n if n.starts_with("points") && header.contains('-') => WideRole::Ignored,
        n if n.starts_with("feedback") && header.contains('-') => WideRole::Ignored,
        _ if not_a_skill(header) => WideRole::NotSkill,
        _ if bracket_skill(header).is_some_and(|_| {
            is_interest_question(header.get(..header.rfind('[').unwrap_or(0)).unwrap_or(""))
        }) =>
        {
            WideRole::Interest(skill_of_header(header).to_string())
        }
        _ => match meaning(header) {
            Some(ColumnRole::Person) => WideRole::Name,
            Some(ColumnRole::FirstName) => WideRole::FirstName,
            Some(ColumnRole::LastName) => WideRole::LastName,
            Some(ColumnRole::Email) => WideRole::Email,
            Some(ColumnRole::Date) => WideRole::Date,
            Some(ColumnRole::Rater) => WideRole::Rater,
            Some(ColumnRole::Notes) => WideRole::Ignored,
            Some(ColumnRole::Profile(f)) => WideRole::Profile(f),
            Some(ColumnRole::EmployeeId) => WideRole::EmployeeId,
            _ => WideRole::Skill(skill_of_header(header).to_string()),
        },
    }
}

/// The skill a wide column rates: the `[...]` of a Google Forms grid,
/// else the header, without a declared range such as "(1-10)".
pub(crate) fn skill_of_header(header: &str) -> &str {
    without_range(bracket_skill(header).unwrap_or(header.trim()))
}

/// The `[...]` part of a Google Forms grid header `Question [Skill]`.
pub(crate) fn bracket_skill(header: &str) -> Option<&str> {
    let body = header.trim().strip_suffix(']')?;
    let open = body.rfind('[')?;
    let skill = body.get(open + 1..)?.trim();
    (!skill.is_empty()).then_some(skill)
}

/// Column positions of a long-format file.
#[derive(Debug, Clone)]
pub(crate) struct LongLayout {
    /// Skill column.
    pub skill: usize,
    /// Rating column.
    pub rating: usize,
    /// Person column, if any.
    pub person: Option<usize>,
    /// First-name column, if any (joined with the last name when there is
    /// no person column).
    pub first_name: Option<usize>,
    /// Last-name column, if any.
    pub last_name: Option<usize>,
    /// Email column, if any.
    pub email: Option<usize>,
    /// Notes column, if any.
    pub notes: Option<usize>,
    /// Date column, if any.
    pub date: Option<usize>,
    /// Rater column, if any.
    pub rater: Option<usize>,
    /// Interest column, if any.
    pub interest: Option<usize>,
    /// Job title, target role and group columns.
    pub profile: Vec<(ProfileField, usize)>,
    /// Every recognised column with its role, in header order.
    pub used: Vec<(usize, ColumnRole)>,
    /// Unrecognised and duplicate columns.
    pub ignored: Vec<usize>,
}

/// Column positions of a wide-format file.
#[derive(Debug, Clone)]
pub(crate) struct WideLayout {
    /// Plain wide, Google Forms or Microsoft Forms.
    pub format: Format,
    /// Every column with its role, in header order.
    pub roles: Vec<WideRole>,
}

impl WideLayout {
    /// First column with `role`.
    pub(crate) fn find(&self, role: &WideRole) -> Option<usize> {
        self.roles.iter().position(|r| r == role)
    }

    /// The column holding the assessment date, by preference.
    pub(crate) fn date_column(&self) -> Option<usize> {
        self.find(&WideRole::CompletionTime)
            .or_else(|| self.find(&WideRole::Timestamp))
            .or_else(|| self.find(&WideRole::Date))
    }
}

/// Long or wide, decided from the header.
#[derive(Debug, Clone)]
pub(crate) enum Layout {
    /// One row per rating.
    Long(LongLayout),
    /// One row per person.
    Wide(WideLayout),
}

/// Decides the layout from the header record; `spec` (`--columns`) says
/// which column is which and wins over the headers.
pub(crate) fn classify(header: &Record, spec: Option<&ColumnSpec>) -> Result<Layout, IngestError> {
    for (idx, cell) in header.cells.iter().enumerate() {
        let chars = cell.chars().count();
        if chars > MAX_FIELD_CHARS {
            return Err(IngestError::FieldTooLong {
                line: header.line,
                column: idx + 1,
                chars,
            });
        }
    }
    let forced = match spec {
        Some(spec) => spec
            .resolve(header)
            .map_err(|(role, column)| IngestError::NoSuchColumn {
                line: header.line,
                role: role.key(),
                column,
                found: found_headers(header),
            })?,
        None => Vec::new(),
    };
    // One column by header and by number (`skill=2,rating=Skill`).
    for (i, &(second, idx)) in forced.iter().enumerate() {
        if let Some(&(first, _)) = forced[..i].iter().find(|&&(_, j)| j == idx) {
            return Err(IngestError::SameColumn {
                line: header.line,
                column: shorten(&header.cells[idx]),
                first: first.key(),
                second: second.key(),
            });
        }
    }
    if forced.is_empty() && header.cells.iter().any(looks_numeric) {
        return Err(IngestError::NoHeader {
            line: header.line,
            sample: shorten(&header.cells.iter().collect::<Vec<_>>().join(",")),
        });
    }
    let forced_at = |idx: usize| forced.iter().find(|&&(_, i)| i == idx).map(|&(r, _)| r);
    let mut used: Vec<(usize, ColumnRole)> = Vec::new();
    let mut ignored = Vec::new();
    // Columns named in --columns first, then the rest by their headers.
    for &(role, idx) in &forced {
        match role {
            ColumnRole::Ignore => ignored.push(idx),
            r => used.push((idx, r)),
        }
    }
    for (idx, cell) in header.cells.iter().enumerate() {
        if forced_at(idx).is_some() {
            continue;
        }
        match long_role(cell) {
            Some(role) if !used.iter().any(|&(_, r)| r == role) => used.push((idx, role)),
            _ => ignored.push(idx),
        }
    }
    used.sort_by_key(|&(i, _)| i);
    ignored.sort_unstable();
    let find = |role| used.iter().find(|&&(_, r)| r == role).map(|&(i, _)| i);
    match (find(ColumnRole::Skill), find(ColumnRole::Rating)) {
        (Some(skill), Some(rating)) => Ok(Layout::Long(LongLayout {
            skill,
            rating,
            person: find(ColumnRole::Person),
            first_name: find(ColumnRole::FirstName),
            last_name: find(ColumnRole::LastName),
            email: find(ColumnRole::Email),
            notes: find(ColumnRole::Notes),
            date: find(ColumnRole::Date),
            rater: find(ColumnRole::Rater),
            interest: find(ColumnRole::Interest),
            profile: used
                .iter()
                .filter_map(|&(i, r)| match r {
                    ColumnRole::Profile(f) => Some((f, i)),
                    _ => None,
                })
                .collect(),
            used,
            ignored,
        })),
        (Some(_), None) => Err(IngestError::NoRatingColumn {
            line: header.line,
            found: found_headers(header),
        }),
        _ => classify_wide(header, &forced),
    }
}

fn classify_wide(header: &Record, forced: &[(ColumnRole, usize)]) -> Result<Layout, IngestError> {
    let mut roles: Vec<WideRole> = header.cells.iter().map(wide_role).collect();
    for &(role, idx) in forced {
        let wide = match role {
            ColumnRole::Person => WideRole::Name,
            ColumnRole::FirstName => WideRole::FirstName,
            ColumnRole::LastName => WideRole::LastName,
            ColumnRole::Email => WideRole::Email,
            ColumnRole::Date => WideRole::Date,
            ColumnRole::Rater => WideRole::Rater,
            ColumnRole::Profile(f) => WideRole::Profile(f),
            _ => WideRole::Ignored,
        };
        // A forced role is the only column with it.
        if wide != WideRole::Ignored {
            for r in roles.iter_mut().filter(|r| **r == wide) {
                *r = WideRole::Skill(String::new());
            }
        }
        if let Some(r) = roles.get_mut(idx) {
            *r = wide;
        }
    }
    // Columns that lost their role to a forced one are skills again.
    for (r, cell) in roles.iter_mut().zip(header.cells.iter()) {
        if *r == WideRole::Skill(String::new()) {
            *r = WideRole::Skill(skill_of_header(cell).to_string());
        }
    }
    if !roles.iter().any(|r| matches!(r, WideRole::Skill(_))) {
        return Err(IngestError::NoSkillColumn {
            line: header.line,
            found: found_headers(header),
        });
    }
    let norms: Vec<String> = header.cells.iter().map(normalize).collect();
    let has = |n: &str| norms.iter().any(|h| h == n);
    let format = if has("completiontime") || (has("id") && has("starttime")) {
        Format::MicrosoftForms
    } else if has("timestamp") || header.cells.iter().any(|c| bracket_skill(c).is_some()) {
        Format::GoogleForms
    } else {
        Format::Wide
    };
    Ok(Layout::Wide(WideLayout { format, roles }))
}

/// A header cell that is a bare number means the header row is missing.
fn looks_numeric(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
}

/// Headers for error messages: `"Name", "Team"`.
pub(crate) fn found_headers(header: &Record) -> String {
    let list: Vec<String> = header
        .cells
        .iter()
        .map(|c| format!("\"{}\"", shorten(c.trim())))
        .collect();
    if list.is_empty() {
        "(none)".to_string()
    } else {
        list.join(", ")
    }
}

/// A data row that does not line up with its header: cells past the
/// header's last column that hold something, or fewer than `needed` cells
/// (the columns the layout must read). Returns the 0-based column to blame
/// and the message.
pub(crate) fn ragged(rec: &Record, header: &Record, needed: usize) -> Option<(usize, String)> {
    let (have, width) = (rec.cells.len(), header.cells.len());
    if let Some(extra) = rec
        .cells
        .iter()
        .skip(width)
        .position(|c| !c.trim().is_empty())
    {
        return Some((
            width + extra,
            format!(
                "this row has {have} cells but the header has {width}; a delimiter inside a name or a number (such as 3,5 in a comma-separated file) splits a cell in two: put that cell in double quotes, or fix the delimiter"
            ),
        ));
    }
    // A byte that did not decode (U+FFFD) could be any character: the row
    // fails rather than being read as something the file may not say.
    if let Some(bad) = rec.cells.iter().position(|c| c.contains('\u{fffd}')) {
        return Some((
            bad,
            format!(
                "the \"{}\" cell has a byte that cannot be read as text (not valid UTF-8, or a NUL); fix that cell, or save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
                shorten(&column_label(header, bad))
            ),
        ));
    }
    if have < needed {
        let missing = needed - 1;
        return Some((
            missing,
            format!(
                "this row has {have} cells but the header has {width}, so there is no \"{}\" cell; check the delimiters on this line (leave a cell empty, not out, when it has no value)",
                shorten(header.cell(missing))
            ),
        ));
    }
    None
}

/// How an ignored column is listed: its header, or its position when blank.
pub(crate) fn column_label(header: &Record, idx: usize) -> String {
    let h = header.cell(idx);
    if h.is_empty() {
        format!("(column {}, no header)", idx + 1)
    } else {
        h.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> Record {
        Record::of(1, cells)
    }

    #[test]
    fn long_layout_any_order_with_aliases() {
        let h = rec(&[
            "Team",
            "Evidence",
            "Proficiency",
            "E-mail",
            "Competency",
            "Full Name",
            "Assessed on",
        ]);
        let Layout::Long(l) = classify(&h, None).unwrap() else {
            panic!("not long")
        };
        assert_eq!(
            (l.skill, l.rating, l.person, l.email, l.notes, l.date),
            (4, 2, Some(5), Some(3), Some(1), Some(6))
        );
        assert!(l.ignored.is_empty());
        assert_eq!(l.profile, [(ProfileField::Team, 0)]);
    }

    #[test]
    fn wide_roles_and_formats() {
        let h = rec(&[
            "Timestamp",
            "Email Address",
            "Score",
            "How would you rate your skills?  [Kubernetes]",
            "Go",
        ]);
        let Layout::Wide(w) = classify(&h, None).unwrap() else {
            panic!("not wide")
        };
        assert_eq!(w.format, Format::GoogleForms);
        assert_eq!(
            w.roles,
            [
                WideRole::Timestamp,
                WideRole::Email,
                WideRole::Ignored,
                WideRole::Skill("Kubernetes".into()),
                WideRole::Skill("Go".into())
            ]
        );
        assert_eq!(w.date_column(), Some(0));

        let h = rec(&[
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Last modified time",
            "Total points",
            "Points - Docker",
            "Docker",
        ]);
        let Layout::Wide(w) = classify(&h, None).unwrap() else {
            panic!("not wide")
        };
        assert_eq!(w.format, Format::MicrosoftForms);
        assert_eq!(w.date_column(), Some(2));
        assert_eq!(
            w.roles
                .iter()
                .filter(|r| matches!(r, WideRole::Skill(_)))
                .count(),
            1
        );

        let Layout::Wide(w) = classify(&rec(&["Name", "K8s", "CI/CD"]), None).unwrap() else {
            panic!()
        };
        assert_eq!(w.format, Format::Wide);
    }

    #[test]
    fn header_errors() {
        let err = classify(&rec(&["Skill", "Team"]), None).unwrap_err();
        assert_eq!(
            err,
            IngestError::NoRatingColumn {
                line: 1,
                found: "\"Skill\", \"Team\"".into()
            }
        );
        let err = classify(&rec(&["Name", "Email"]), None).unwrap_err();
        assert!(matches!(err, IngestError::NoSkillColumn { line: 1, .. }));
        assert!(err.to_string().contains("\"Name\", \"Email\""));
        let err = classify(&rec(&["Alice", "Go", "3"]), None).unwrap_err();
        assert!(
            matches!(err, IngestError::NoHeader { line: 1, .. }),
            "{err:?}"
        );
        let long = "x".repeat(MAX_FIELD_CHARS + 1);
        let err = classify(&rec(&["Skill", &long]), None).unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(1), Some(2)));
    }

    #[test]
    fn bracket_skill_parts() {
        assert_eq!(bracket_skill("Rate yourself [Go]"), Some("Go"));
        assert_eq!(bracket_skill("Rate yourself  [ CI/CD ] "), Some("CI/CD"));
        assert_eq!(bracket_skill("Rate [a] yourself"), None);
        assert_eq!(bracket_skill("[]"), None);
    }
}
