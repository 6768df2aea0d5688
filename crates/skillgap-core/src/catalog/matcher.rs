//! Matching skill names as people type them to catalogue skills.

use super::labels::LabelMatch;
use crate::model::{Skill, SkillId};
use std::collections::HashMap;

/// Lower-cases and keeps only letters and digits, so `CI/CD`, `cicd` and
/// `CI-CD` all become `cicd`.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `Cloud (AWS/Azure/GCP)` → `Cloud `: people qualify a skill in brackets.
fn without_brackets(name: &str) -> Option<String> {
    let open = name.find('(')?;
    let close = name[open..].find(')').map_or(name.len(), |c| open + c + 1);
    let mut s = String::with_capacity(name.len());
    s.push_str(&name[..open]);
    s.push_str(&name[close..]);
    Some(s)
}

/// Longer typed names (normalised) get no suggestion.
const SUGGEST_MAX_CHARS: usize = 80;

/// Finds skills by any of their names.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    index: HashMap<String, SkillId>,
    /// (normalised display name or alias, skill id) for suggestions.
    names: Vec<(String, SkillId)>,
    /// Skill id → display name: suggestions always show this.
    display: HashMap<SkillId, String>,
}

impl Matcher {
    /// Indexes id, name and aliases of every skill. Returns the first
    /// collision as (normalised key, first id, second id).
    pub fn new<'a>(
        skills: impl IntoIterator<Item = &'a Skill>,
    ) -> Result<Self, (String, String, String)> {
        let mut m = Matcher::default();
        for s in skills {
            m.display.insert(s.id.clone(), s.name.clone());
            // The display name first, so suggestions prefer it over the id.
            let keys = std::iter::once(s.name.as_str())
                .chain(std::iter::once(s.id.as_str()))
                .chain(s.aliases.iter().map(String::as_str));
            for k in keys {
                let n = normalise(k);
                if n.is_empty() {
                    continue;
                }
                match m.index.get(&n) {
                    Some(other) if other != &s.id => {
                        return Err((k.to_string(), other.to_string(), s.id.to_string()));
                    }
                    Some(_) => {}
                    None => {
                        m.index.insert(n.clone(), s.id.clone());
                    }
                }
                m.names.push((n, s.id.clone()));
            }
        }
        Ok(m)
    }

    /// The skill id for a typed name, if it matches.
    pub fn find(&self, typed: &str) -> Option<&str> {
        if let Some(id) = self.index.get(&normalise(typed)) {
            return Some(id);
        }
        let stripped = without_brackets(typed)?;
        self.index.get(&normalise(&stripped)).map(SkillId::as_str)
    }

    /// How a typed label is understood: the label whole when it names one
    /// known skill, else its parts ("Prometheus & Grafana" → Prometheus,
    /// Grafana), each matched on its own (see [`LabelMatch`]).
    pub fn resolve(&self, typed: &str) -> LabelMatch {
        super::labels::resolve(typed, &|t| self.find(t).map(str::to_string))
    }

    /// The display name of skill `id`.
    pub fn display_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.display.get(id).map_or(id, String::as_str)
    }

    /// The display name of the closest known skill for an unknown name,
    /// when it is close enough to be a plausible typo or variant: similar
    /// overall (Jaro-Winkler) and a few edits away at most.
    pub fn suggest(&self, typed: &str) -> Option<String> {
        let t = normalise(typed);
        // Comparing costs length × length per known name; nothing this long
        // is a typo of a skill name (and a hostile file has thousands).
        let len = t.chars().count();
        if t.is_empty() || len > SUGGEST_MAX_CHARS {
            return None;
        }
        let mut best: Option<(f64, &str, &str)> = None;
        for (name, id) in &self.names {
            let score = strsim::jaro_winkler(&t, name);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, name, id));
            }
        }
        let (score, name, id) = best?;
        // A swap of two letters ("pyhton", "Anisble") is one slip, not two.
        let edits = strsim::damerau_levenshtein(&t, name);
        let close = score >= 0.88 && edits <= (len.max(name.chars().count()) / 4).max(1);
        if close {
            return Some(self.display_name(id).to_string());
        }
        self.suggest_by_words(typed)
    }

    /// A known skill named by some of the words of an unknown label
    /// ("Kubernetes operators" → Kubernetes, "Linux kernel tuning" →
    /// Linux): the longest run of words that is a name.
    fn suggest_by_words(&self, typed: &str) -> Option<String> {
        let words: Vec<&str> = typed
            .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '&' | '(' | ')'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < 2 || words.len() > 12 {
            return None;
        }
        for len in (1..words.len()).rev() {
            for run in words.windows(len) {
                let key = normalise(&run.join(" "));
                // Short words ("go", "in") name skills only as the whole label.
                if key.chars().count() < 3 {
                    continue;
                }
                if let Some(id) = self.index.get(&key) {
                    return Some(self.display_name(id).to_string());
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SkillKind;

    fn skill(id: &str, name: &str, aliases: &[&str]) -> Skill {
        Skill {
            id: id.into(),
            name: name.into(),
            category: "C".into(),
            kind: SkillKind::Concept,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            rolls_up_to: vec![],
            description: String::new(),
        }
    }

    fn matcher() -> Matcher {
        let skills = [
            skill("cicd", "CI/CD", &["continuous delivery"]),
            skill("kubernetes", "Kubernetes", &["K8s"]),
            skill("cloud", "Cloud platforms", &["cloud"]),
        ];
        Matcher::new(&skills).unwrap()
    }

    #[test]
    fn punctuation_case_and_spaces_do_not_matter() {
        let m = matcher();
        for t in ["CI/CD", "cicd", "CI-CD", " ci cd ", "Continuous Delivery"] {
            assert_eq!(m.find(t), Some("cicd"), "{t}");
        }
        assert_eq!(m.find("k8s"), Some("kubernetes"));
    }

    #[test]
    fn bracketed_qualifiers_are_tried_without_brackets() {
        assert_eq!(matcher().find("Cloud (AWS/Azure/GCP)"), Some("cloud"));
        assert_eq!(matcher().find("Kubernetes (EKS"), Some("kubernetes"));
    }

    #[test]
    fn unknown_names_get_close_suggestions_only() {
        let m = matcher();
        assert_eq!(m.find("Kubernets"), None);
        assert_eq!(m.suggest("Kubernets").as_deref(), Some("Kubernetes"));
        assert_eq!(m.suggest("Underwater basket weaving"), None);
        assert_eq!(m.suggest("!!!"), None);
        assert_eq!(m.suggest("Kuberentes").as_deref(), Some("Kubernetes"));
        assert_eq!(
            m.suggest("Kubernetes operators").as_deref(),
            Some("Kubernetes")
        );
        assert_eq!(
            m.suggest("Self-hosted cloud").as_deref(),
            Some("Cloud platforms")
        );
        // Aliases are found but the display name is shown.
        assert_eq!(m.suggest("continuous delivry").as_deref(), Some("CI/CD"));
        assert_eq!(
            m.suggest("Clouds platform").as_deref(),
            Some("Cloud platforms")
        );
    }

    #[test]
    fn collisions_are_reported() {
        let skills = [skill("a", "Alpha", &["x"]), skill("b", "Beta", &["X"])];
        let (key, first, second) = Matcher::new(&skills).unwrap_err();
        assert_eq!(
            (key.as_str(), first.as_str(), second.as_str()),
            ("X", "a", "b")
        );
    }
}
