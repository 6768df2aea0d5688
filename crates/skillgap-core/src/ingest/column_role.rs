//! The one idea of what a column holds, shared by `--columns`
//! (`columns`), the header words (`headers`) and the layouts (`table`).

use super::profile::ProfileField;

/// What a column holds: what `--columns` assigns, what a header's words
/// mean, and what each column of a long file is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    /// Display name.
    Person,
    /// First name, joined with the last name.
    FirstName,
    /// Last name.
    LastName,
    /// Email address.
    Email,
    /// Skill name (one row per rating).
    Skill,
    /// Rating value (one row per rating).
    Rating,
    /// Notes or evidence.
    Notes,
    /// Assessment date or timestamp.
    Date,
    /// Who rated.
    Rater,
    /// Interest 0–3.
    Interest,
    /// An HR column: job title, target role, department, team, manager or
    /// location.
    Profile(ProfileField),
    /// An employee number: recognised from its header, not used.
    EmployeeId,
    /// Not read at all.
    Ignore,
}

pub(crate) const NAMES: [(&str, ColumnRole); 18] = [
    ("person", ColumnRole::Person),
    ("first-name", ColumnRole::FirstName),
    ("last-name", ColumnRole::LastName),
    ("email", ColumnRole::Email),
    ("skill", ColumnRole::Skill),
    ("rating", ColumnRole::Rating),
    ("notes", ColumnRole::Notes),
    ("date", ColumnRole::Date),
    ("rater", ColumnRole::Rater),
    ("interest", ColumnRole::Interest),
    ("title", ColumnRole::Profile(ProfileField::Title)),
    ("target-role", ColumnRole::Profile(ProfileField::TargetRole)),
    ("department", ColumnRole::Profile(ProfileField::Department)),
    ("team", ColumnRole::Profile(ProfileField::Team)),
    ("manager", ColumnRole::Profile(ProfileField::Manager)),
    ("location", ColumnRole::Profile(ProfileField::Location)),
    ("cloud", ColumnRole::Profile(ProfileField::Cloud)),
    ("ignore", ColumnRole::Ignore),
];

impl ColumnRole {
    /// The key used in `--columns`.
    pub fn key(self) -> &'static str {
        NAMES
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("ignore", |(k, _)| k)
    }

    /// The word shown in `SourceInfo::columns_used`.
    pub(crate) fn used_as(self) -> &'static str {
        match self {
            ColumnRole::Skill => "skill",
            ColumnRole::Rating => "rating",
            ColumnRole::Person => "person",
            ColumnRole::FirstName => "first name",
            ColumnRole::LastName => "last name",
            ColumnRole::Email => "email",
            ColumnRole::Notes => "notes",
            ColumnRole::Date => "date",
            ColumnRole::Rater => "rater",
            ColumnRole::Interest => "interest",
            ColumnRole::Profile(f) => f.as_str(),
            ColumnRole::EmployeeId => "employee id (not used)",
            ColumnRole::Ignore => "ignored",
        }
    }
}
