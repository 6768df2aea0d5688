//! HR columns: job title, target role, department, team, manager,
//! location and the person's cloud. They say nothing about skills; each row's values become one
//! shared [`Profile`] that travels with the person's ratings to the
//! report and the team files.

use super::records::Record;
use crate::model::Profile;
use crate::text::clean_name;
use std::collections::HashMap;
use std::sync::Arc;

/// Longest value kept: a title or a group name, never a paragraph.
const MAX_CHARS: usize = 200;

/// One HR column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProfileField {
    /// Current job title.
    Title,
    /// The role the person aims at.
    TargetRole,
    /// Department, division, business unit.
    Department,
    /// Team or squad.
    Team,
    /// Line manager.
    Manager,
    /// Office, site, country.
    Location,
    /// The cloud provider the person works in ("Primary cloud: Azure").
    Cloud,
}

impl ProfileField {
    /// The word shown in `check`'s column list.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ProfileField::Title => "job title",
            ProfileField::TargetRole => "target role",
            ProfileField::Department => "department",
            ProfileField::Team => "team",
            ProfileField::Manager => "manager",
            ProfileField::Location => "location",
            ProfileField::Cloud => "cloud",
        }
    }

    fn set(self, p: &mut Profile, value: String) {
        let slot = match self {
            ProfileField::Title => &mut p.title,
            ProfileField::TargetRole => &mut p.target_role,
            ProfileField::Department => &mut p.department,
            ProfileField::Team => &mut p.team,
            ProfileField::Manager => &mut p.manager,
            ProfileField::Location => &mut p.location,
            ProfileField::Cloud => &mut p.cloud,
        };
        *slot = Some(value);
    }
}

/// The HR columns of a file, reading each row's [`Profile`] and sharing
/// one copy per distinct profile (a team has few titles and managers).
#[derive(Debug, Default)]
pub(crate) struct ProfileColumns {
    /// The first column of each field, in header order.
    columns: Vec<(ProfileField, usize)>,
    seen: HashMap<Profile, Arc<Profile>>,
}

impl ProfileColumns {
    /// Reads the fields at `columns` (the first column of a field wins).
    pub(crate) fn new(columns: impl IntoIterator<Item = (ProfileField, usize)>) -> Self {
        let mut kept: Vec<(ProfileField, usize)> = Vec::new();
        for (f, i) in columns {
            if !kept.iter().any(|(k, _)| *k == f) {
                kept.push((f, i));
            }
        }
        ProfileColumns {
            columns: kept,
            seen: HashMap::new(),
        }
    }

    /// The profile of one row; None when the file has no HR column or the
    /// row leaves every one blank.
    pub(crate) fn of(&mut self, rec: &Record) -> Option<Arc<Profile>> {
        if self.columns.is_empty() {
            return None;
        }
        let mut p = Profile::default();
        for &(field, idx) in &self.columns {
            let text = rec.cell(idx);
            if text.trim().is_empty() {
                continue;
            }
            let mut value = clean_name(text);
            if value.chars().count() > MAX_CHARS {
                value = value.chars().take(MAX_CHARS).collect::<String>() + "…";
            }
            field.set(&mut p, value);
        }
        if p.is_empty() {
            return None;
        }
        if let Some(a) = self.seen.get(&p) {
            return Some(Arc::clone(a));
        }
        let a = Arc::new(p.clone());
        self.seen.insert(p, Arc::clone(&a));
        Some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_share_one_profile_and_blanks_are_none() {
        let mut cols = ProfileColumns::new([
            (ProfileField::Title, 1),
            (ProfileField::Manager, 2),
            (ProfileField::Title, 3),
        ]);
        let a = cols
            .of(&Record::of(2, &["Ana", "SRE II", " Bo Chen\t", "x"]))
            .unwrap();
        let b = cols
            .of(&Record::of(3, &["Cy", "SRE II", "Bo Chen", "y"]))
            .unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.title.as_deref(), Some("SRE II"));
        assert_eq!(a.manager.as_deref(), Some("Bo Chen"));
        assert!(cols.of(&Record::of(4, &["Di", "", " ", "z"])).is_none());
        assert!(
            ProfileColumns::default()
                .of(&Record::of(5, &["a"]))
                .is_none()
        );
    }
}
