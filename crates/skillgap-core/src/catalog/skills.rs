//! skills.toml: the skill catalogue.

use super::files::Anchor;
use super::{CatalogError, TemplateFile, files::parse};
use crate::model::{Skill, SkillKind};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillsFile {
    categories: Vec<String>,
    #[serde(default)]
    skill: Vec<RawSkill>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    id: String,
    name: String,
    category: String,
    kind: SkillKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    rolls_up_to: Vec<String>,
    #[serde(default)]
    description: String,
}

/// Parses and checks the catalogue: unique ids, known categories, roll-ups
/// that point at concept skills.
pub fn load(file: &TemplateFile) -> Result<(Vec<String>, Vec<Skill>), CatalogError> {
    let raw: SkillsFile = parse(file)?;
    let err = |path: &[Anchor<'_>], m: String| CatalogError::at(file, path, false, m);
    let categories: HashSet<&str> = raw.categories.iter().map(String::as_str).collect();
    let mut seen = HashSet::new();
    for s in &raw.skill {
        if s.id.trim().is_empty() || s.name.trim().is_empty() {
            return Err(err(&[], "a [[skill]] has an empty id or name".into()));
        }
        if !seen.insert(s.id.as_str()) {
            return Err(CatalogError::at(
                file,
                &[("id", Some(&s.id))],
                true,
                format!("skill id \"{}\" is defined twice; ids must be unique", s.id),
            ));
        }
        if !categories.contains(s.category.as_str()) {
            return Err(err(
                &[("id", Some(&s.id)), ("category", None)],
                format!(
                    "skill \"{}\": category \"{}\" is not in `categories`; add it there or use one of: {}",
                    s.id,
                    s.category,
                    raw.categories.join(", ")
                ),
            ));
        }
    }
    let kinds: std::collections::HashMap<&str, SkillKind> =
        raw.skill.iter().map(|k| (k.id.as_str(), k.kind)).collect();
    for s in &raw.skill {
        for target in &s.rolls_up_to {
            let at = [("id", Some(s.id.as_str())), ("rolls_up_to", None)];
            let Some(&kind) = kinds.get(target.as_str()) else {
                return Err(err(
                    &at,
                    format!(
                        "skill \"{}\": rolls_up_to names unknown skill \"{target}\"",
                        s.id
                    ),
                ));
            };
            if kind != SkillKind::Concept {
                return Err(err(
                    &at,
                    format!(
                        "skill \"{}\": rolls_up_to \"{target}\", which is a tool; tools roll up to concept skills only",
                        s.id
                    ),
                ));
            }
        }
    }
    let skills = raw
        .skill
        .into_iter()
        .map(|s| Skill {
            id: s.id.into(),
            name: s.name,
            category: s.category,
            kind: s.kind,
            aliases: s.aliases,
            rolls_up_to: s.rolls_up_to.into_iter().map(Into::into).collect(),
            description: s.description,
        })
        .collect();
    Ok((raw.categories, skills))
}
