//! `skillgap roles`: list the profiles or show one.

use crate::catalog::Catalog;
use crate::cli::ListFormat;
use crate::config::RolesConfig;
use crate::output::write_stdout;
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
struct RoleView<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    extends: Option<&'a str>,
    skills: Vec<SkillView<'a>>,
}

#[derive(Serialize)]
struct SkillView<'a> {
    id: &'a str,
    name: &'a str,
    category: &'a str,
    level: u8,
    weight: u8,
}

fn view<'a>(catalog: &'a Catalog, role: &'a crate::model::Role) -> RoleView<'a> {
    RoleView {
        id: &role.id,
        title: &role.title,
        summary: &role.summary,
        extends: role.extends.as_deref(),
        skills: role
            .requirements
            .iter()
            .map(|q| {
                let s = catalog.by_id.get(&q.skill);
                SkillView {
                    id: &q.skill,
                    name: s.map_or(q.skill.as_str(), |s| s.name.as_str()),
                    category: s.map_or("", |s| s.category.as_str()),
                    level: q.level,
                    weight: q.weight,
                }
            })
            .collect(),
    }
}

/// Runs `roles`.
pub fn roles(cfg: &RolesConfig) -> anyhow::Result<()> {
    let c = &cfg.catalog;
    let chosen: Vec<&crate::model::Role> = match &cfg.role {
        Some(id) => c.roles.iter().filter(|r| &r.id == id).collect(),
        None => c.roles.iter().collect(),
    };
    let out = match cfg.format {
        ListFormat::Json => {
            let views: Vec<RoleView<'_>> = chosen.iter().map(|r| view(c, r)).collect();
            let mut s = serde_json::to_string_pretty(&views)?;
            s.push('\n');
            s
        }
        ListFormat::Text if cfg.role.is_none() => {
            let mut s = String::new();
            for r in &chosen {
                let ext = r
                    .extends
                    .as_ref()
                    .map_or(String::new(), |e| format!(", extends {e}"));
                writeln!(
                    s,
                    "{:<10} {} ({} skills{ext})",
                    r.id,
                    r.title,
                    r.requirements.len()
                )?;
                writeln!(s, "{:<10} {}", "", r.summary)?;
            }
            writeln!(s, "\nShow one with: skillgap roles ROLE")?;
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            for r in &chosen {
                writeln!(s, "{} ({})", r.title, r.id)?;
                writeln!(s, "{}", r.summary)?;
                if let Some(e) = &r.extends {
                    writeln!(s, "Builds on: {e} (all of its requirements, some raised)")?;
                }
                writeln!(s)?;
                writeln!(s, "  {:<36} {:<28} level  weight", "Skill", "Category")?;
                let mut reqs = r.requirements.clone();
                reqs.sort_by_key(|q| {
                    let cat = c
                        .by_id
                        .get(&q.skill)
                        .map_or(usize::MAX, |s| c.category_rank(&s.category));
                    (cat, std::cmp::Reverse(q.weight), q.skill.clone())
                });
                for q in &reqs {
                    let v = view(c, r);
                    let sk = v.skills.iter().find(|k| k.id == q.skill);
                    let (name, cat) = sk.map_or((q.skill.as_str(), ""), |k| (k.name, k.category));
                    let weight = match q.weight {
                        3 => "core",
                        2 => "important",
                        _ => "nice to have",
                    };
                    writeln!(s, "  {name:<36} {cat:<28} {:>5}  {weight}", q.level)?;
                }
            }
            s
        }
    };
    write_stdout(out.as_bytes())
}
