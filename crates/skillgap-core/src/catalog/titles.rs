//! Job titles to roles: "Site Reliability Engineer II" → sre, "Sr. DevOps
//! Engineer" → devops, through each role's id, title and aliases. A title
//! matches a role when one of the role's names appears in it as whole
//! words (seniority, level and grade words aside), or the title is the
//! role's id; the longest name found
//! wins, so "DevOps Security Engineer" is DevSecOps, not DevOps. A title
//! that names no role is left unmapped, never guessed.

use super::Catalog;
use crate::model::Role;

/// Words that say how senior, not what the job is.
const SENIORITY: &[&str] = &[
    "junior",
    "jr",
    "senior",
    "sr",
    "staff",
    "principal",
    "lead",
    "chief",
    "head",
    "associate",
    "intern",
    "trainee",
    "graduate",
    "apprentice",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "level",
    "grade",
    "l1",
    "l2",
    "l3",
    "l4",
    "l5",
    "l6",
    "mid",
    "expert",
];

/// Lower-case words of a title: letters and digits, seniority words and
/// bare numbers left out; "&" and "+" are the word "and" ("Build &
/// Release Engineer" is "build and release engineer").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['&', '+'], " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !SENIORITY.contains(w) && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Whether `needle` appears in `hay` as consecutive words.
fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

impl Catalog {
    /// The role a job title or a written target role names, among the
    /// roles `among` (ids; empty: every role), or None.
    pub fn role_for_title(&self, title: &str, among: &[String]) -> Option<&Role> {
        let hay = words(title);
        if hay.is_empty() {
            return None;
        }
        let mut best: Option<(&Role, usize)> = None;
        for role in self
            .roles
            .iter()
            .filter(|r| among.is_empty() || among.iter().any(|a| *a == r.id))
        {
            // The id only as the whole title: "platform" alone is a role,
            // "Platform Product Manager" is not.
            if hay == words(&role.id) && best.is_none() {
                best = Some((role, hay.len()));
            }
            for name in std::iter::once(&role.title).chain(role.aliases.iter()) {
                let needle = words(name);
                if contains_words(&hay, &needle) && best.is_none_or(|(_, n)| needle.len() > n) {
                    best = Some((role, needle.len()));
                }
            }
        }
        best.map(|(r, _)| r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_as_hr_writes_them() {
        let c = Catalog::builtin().unwrap();
        let id = |t: &str| c.role_for_title(t, &[]).map(|r| r.id.as_str());
        assert_eq!(id("Site Reliability Engineer II"), Some("sre"));
        assert_eq!(id("Senior SRE"), Some("sre"));
        assert_eq!(id("Sr. DevOps Engineer"), Some("devops"));
        assert_eq!(id("DevOps Engineer III"), Some("devops"));
        assert_eq!(id("Lead Platform Engineer"), Some("platform"));
        assert_eq!(id("Cloud Engineer 2"), Some("cloud"));
        assert_eq!(id("DevSecOps Engineer"), Some("devsecops"));
        assert_eq!(id("DevOps security engineer"), Some("devsecops"));
        assert_eq!(id("sre"), Some("sre"));
        // "&" and "+" read as "and".
        assert_eq!(id("Build & Release Engineer"), Some("devops"));
        assert_eq!(id("Senior Build&Release Engineer"), Some("devops"));
        assert_eq!(id("Build + Release Engineer"), Some("devops"));
        assert_eq!(id("Build and Release Engineer"), Some("devops"));
        for unmapped in [
            "Systems Administrator",
            "Engineering Manager",
            "Data Engineer",
            "Senior",
            "",
            "Platform Product Manager",
        ] {
            assert_eq!(id(unmapped), None, "{unmapped}");
        }
        // Only the roles compared.
        assert_eq!(
            c.role_for_title("SRE", &["devops".to_string()])
                .map(|r| &r.id),
            None
        );
    }
}
