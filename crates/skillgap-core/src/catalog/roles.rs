//! roles/*.toml: role profiles, with `extends` resolved.

use super::files::Anchor;
use super::{CatalogError, TemplateFile, files::parse};
use crate::model::{Requirement, Role, Skill, SkillId};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: String,
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    extends: Option<String>,
    /// The broader role this one specialises (Platform on DevOps): its
    /// defining skills win over the base's when shown about as well.
    #[serde(default)]
    base: Option<String>,
    /// Display position; lower first, then id.
    #[serde(default = "default_order")]
    order: u32,
    /// A senior profile: the role it `extends` plus what a senior in that
    /// role does. Kept apart from the roles a person is compared with, so
    /// it never becomes the decision's named role; it is what someone who
    /// meets the role grows toward.
    #[serde(default)]
    senior: bool,
    #[serde(default)]
    requirement: Vec<RawRequirement>,
}

fn default_order() -> u32 {
    100
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    skill: String,
    level: u8,
    weight: u8,
    /// What a hiring manager looks for first in this role.
    #[serde(default)]
    defining: bool,
    /// Supporting evidence for the role, when rated.
    #[serde(default)]
    supporting: bool,
}

/// The role profiles: those a person is compared with, and the senior
/// profiles (each `extends` the role it grows from).
pub struct Loaded {
    /// Roles in display order, requirements resolved.
    pub roles: Vec<Role>,
    /// Senior profiles, requirements resolved.
    pub senior: Vec<Role>,
}

/// Parses every role file, checks it and resolves inheritance.
pub fn load<'a>(
    files: impl Iterator<Item = &'a TemplateFile>,
    skills: &HashMap<SkillId, Skill>,
) -> Result<Loaded, CatalogError> {
    let mut raw: Vec<(String, RawRole)> = Vec::new();
    for file in files {
        let role: RawRole = parse(file)?;
        let err = |path: &[Anchor<'_>], m: String| CatalogError::at(file, path, false, m);
        if let Some((other, _)) = raw.iter().find(|(_, r)| r.id == role.id) {
            return Err(err(
                &[("id", Some(&role.id))],
                format!("role id \"{}\" is already defined in {other}", role.id),
            ));
        }
        check_requirements(file, &role, skills)?;
        if role.senior && role.extends.is_none() {
            return Err(err(
                &[("senior", None)],
                format!(
                    "role \"{}\": a senior profile names the role it grows from in `extends`",
                    role.id
                ),
            ));
        }
        raw.push((file.origin.clone(), role));
    }
    let mut roles = Vec::new();
    let mut senior = Vec::new();
    for (origin, role) in &raw {
        let requirements = resolve(role, &raw, origin, &mut Vec::new())?;
        let list = if role.senior { &mut senior } else { &mut roles };
        list.push((
            role.order,
            Role {
                id: role.id.as_str().into(),
                title: role.title.clone(),
                aliases: role.aliases.clone(),
                summary: role.summary.clone(),
                extends: role.extends.as_deref().map(Into::into),
                base: role
                    .base
                    .as_deref()
                    .or(role.extends.as_deref())
                    .map(Into::into),
                requirements,
            },
        ));
    }
    for (_, s) in &senior {
        if raw
            .iter()
            .any(|(_, r)| r.senior && Some(r.id.as_str()) == s.extends.as_deref())
        {
            return Err(CatalogError::new(
                "roles/",
                format!(
                    "senior profile \"{}\" extends another senior profile; extend the role itself",
                    s.id
                ),
            ));
        }
    }
    let sorted = |mut v: Vec<(u32, Role)>| {
        v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        v.into_iter().map(|(_, r)| r).collect()
    };
    Ok(Loaded {
        roles: sorted(roles),
        senior: sorted(senior),
    })
}

/// Every requirement of `role` names a known skill, a level 1–5 and a
/// weight 1–3, and no skill twice.
fn check_requirements(
    file: &TemplateFile,
    role: &RawRole,
    skills: &HashMap<SkillId, Skill>,
) -> Result<(), CatalogError> {
    let err = |path: &[Anchor<'_>], m: String| CatalogError::at(file, path, false, m);
    let mut seen = Vec::new();
    for q in &role.requirement {
        let at = |then: Option<&'static str>| -> Vec<Anchor<'_>> {
            let mut path = vec![("skill", Some(q.skill.as_str()))];
            path.extend(then.map(|k| (k, None)));
            path
        };
        if !skills.contains_key(q.skill.as_str()) {
            return Err(err(
                &at(None),
                format!(
                    "requirement skill = \"{}\" is not in skills.toml; add it there or fix the id",
                    q.skill
                ),
            ));
        }
        if !(1..=5).contains(&q.level) {
            return Err(err(
                &at(Some("level")),
                format!(
                    "requirement \"{}\": level = {} is outside 1–5",
                    q.skill, q.level
                ),
            ));
        }
        if !(1..=3).contains(&q.weight) {
            return Err(err(
                &at(Some("weight")),
                format!(
                    "requirement \"{}\": weight = {} is outside 1–3 (3 core, 2 important, 1 nice to have)",
                    q.skill, q.weight
                ),
            ));
        }
        if seen.contains(&&q.skill) {
            return Err(CatalogError::at(
                file,
                &at(None),
                true,
                format!("requirement \"{}\" is listed twice", q.skill),
            ));
        }
        seen.push(&q.skill);
    }
    Ok(())
}

/// Longest `extends` chain accepted; real templates need two or three.
const MAX_EXTENDS_DEPTH: usize = 64;

/// Parent requirements first, then this role's, a same-skill entry
/// replacing the inherited one in place. The chain is followed in a loop
/// (not a recursion) with a depth limit.
fn resolve(
    role: &RawRole,
    all: &[(String, RawRole)],
    origin: &str,
    chain: &mut Vec<String>,
) -> Result<Vec<Requirement>, CatalogError> {
    // This role, its parent, the parent's parent... up to the root.
    let mut lineage: Vec<&RawRole> = vec![role];
    chain.push(role.id.clone());
    let mut at = (origin, role);
    while let Some(parent) = &at.1.extends {
        let Some((porigin, p)) = all.iter().find(|(_, r)| &r.id == parent) else {
            return Err(CatalogError::new(
                at.0,
                format!("extends = \"{parent}\" names no role; known: {}", ids(all)),
            ));
        };
        if chain.contains(&p.id) {
            chain.push(p.id.clone());
            return Err(CatalogError::new(
                origin,
                format!("extends forms a cycle: {}", chain.join(" → ")),
            ));
        }
        chain.push(p.id.clone());
        if chain.len() > MAX_EXTENDS_DEPTH {
            let shown = if chain.len() > 8 {
                format!(
                    "{} → … → {}",
                    chain[..4].join(" → "),
                    chain[chain.len() - 3..].join(" → ")
                )
            } else {
                chain.join(" → ")
            };
            return Err(CatalogError::new(
                origin,
                format!(
                    "extends chains more than {MAX_EXTENDS_DEPTH} roles deep: {shown}; shorten the chain"
                ),
            ));
        }
        lineage.push(p);
        at = (porigin, p);
    }
    let mut reqs: Vec<Requirement> = Vec::new();
    for r in lineage.iter().rev() {
        // Only a role's own marks define it: DevSecOps inherits DevOps's
        // CI/CD, not what makes DevOps DevOps.
        let own = std::ptr::eq(*r, role);
        for q in &r.requirement {
            let new = Requirement {
                skill: q.skill.as_str().into(),
                level: q.level,
                weight: q.weight,
                defining: own && q.defining,
                supporting: own && q.supporting,
            };
            match reqs.iter_mut().find(|r| r.skill == q.skill) {
                Some(existing) => *existing = new,
                None => reqs.push(new),
            }
        }
    }
    Ok(reqs)
}

fn ids(all: &[(String, RawRole)]) -> String {
    all.iter()
        .map(|(_, r)| r.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
