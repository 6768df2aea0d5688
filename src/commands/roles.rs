//! `skillgap roles`: list the profiles or show one.

use crate::catalog::{Catalog, rules};
use crate::cli::ListFormat;
use crate::config::RolesConfig;
use crate::error::DataError;
use crate::output::write_stdout;
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
struct RoleView<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    extends: Option<&'a str>,
    base: Option<&'a str>,
    skills: Vec<SkillView<'a>>,
}

#[derive(Serialize)]
struct SkillView<'a> {
    id: &'a str,
    name: &'a str,
    category: &'a str,
    level: u8,
    weight: u8,
    defining: bool,
}

fn view<'a>(catalog: &'a Catalog, role: &'a crate::model::Role) -> RoleView<'a> {
    RoleView {
        id: &role.id,
        title: &role.title,
        summary: &role.summary,
        extends: role.extends.as_deref(),
        base: role.base.as_deref(),
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
                    defining: q.defining,
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct EntryCheck<'a> {
    id: &'a str,
    skill: &'a str,
    kind: crate::model::ResourceKind,
    from: u8,
    to: u8,
    hours: u32,
    checked: Option<chrono::NaiveDate>,
    stale: bool,
    problems: Vec<String>,
}

/// `roles --check-catalog`: every entry that breaks the level or hours
/// rule or is due for another look on `today`; an error (exit 1) when any.
fn check_catalog(cfg: &RolesConfig, today: chrono::NaiveDate) -> anyhow::Result<()> {
    let c = &cfg.catalog;
    let profiles: Vec<&crate::model::Role> = c.roles.iter().chain(&c.senior).collect();
    let unreachable = rules::unreachable(&c.resources, &profiles);
    let paths = rules::missing_hands_on_paths(&c.resources, &profiles);
    let found: Vec<EntryCheck<'_>> = c
        .resources
        .iter()
        .map(|r| EntryCheck {
            id: &r.id,
            skill: &r.skill,
            kind: r.kind,
            from: r.from,
            to: r.to,
            hours: r.hours,
            checked: r.checked,
            stale: rules::is_stale(r, today),
            problems: {
                let mut p = rules::problems(r);
                if unreachable.contains(&r.id.as_str()) {
                    p.push(
                        "no plan can reach it: its skill is not required by any role or senior profile and rolls up to none that is"
                            .into(),
                    );
                }
                p
            },
        })
        .filter(|e| e.stale || !e.problems.is_empty())
        .collect();
    let out = match cfg.format {
        ListFormat::Json => {
            let mut s = serde_json::to_string_pretty(&found)?;
            s.push('\n');
            s
        }
        ListFormat::Text => {
            let mut s = String::new();
            for e in &found {
                writeln!(
                    s,
                    "{} ({}, {} {} → {}, {} h)",
                    e.id,
                    e.skill,
                    e.kind.label().to_lowercase(),
                    e.from,
                    e.to,
                    e.hours
                )?;
                for p in &e.problems {
                    writeln!(s, "  {p}")?;
                }
                if e.stale {
                    match e.checked {
                        Some(d) => writeln!(
                            s,
                            "  last checked {d}, {} days before {today}: check it against its source and update `checked`",
                            today.signed_duration_since(d).num_days()
                        )?,
                        None => writeln!(s, "  never checked: add `checked = YYYY-MM-DD`")?,
                    }
                }
            }
            for p in &paths {
                writeln!(s, "{p}")?;
            }
            writeln!(
                s,
                "{} of {} catalogue entries need attention as of {today}.",
                found.len(),
                c.resources.len()
            )?;
            s
        }
    };
    write_stdout(out.as_bytes())?;
    if found.is_empty() && paths.is_empty() {
        Ok(())
    } else if found.is_empty() {
        Err(DataError::Other {
            file: "learning catalogue".into(),
            message: format!(
                "{} required skill(s) lack a hands-on path: {}",
                paths.len(),
                paths.join("; ")
            ),
        }
        .into())
    } else {
        Err(DataError::Other {
            file: "learning catalogue".into(),
            message: format!(
                "{} entries break the level or hours rule or were checked over a year ago (listed above); fix them in templates/learning/",
                found.len()
            ),
        }
        .into())
    }
}

/// Runs `roles`.
pub fn roles(cfg: &RolesConfig) -> anyhow::Result<()> {
    if let Some(today) = cfg.check_catalog {
        return check_catalog(cfg, today);
    }
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
                let v = view(c, r);
                let mut reqs = r.requirements.clone();
                reqs.sort_by_key(|q| {
                    let cat = c
                        .by_id
                        .get(&q.skill)
                        .map_or(usize::MAX, |s| c.category_rank(&s.category));
                    (cat, std::cmp::Reverse(q.weight), q.skill.clone())
                });
                let rows: Vec<(&str, &str, u8, &str)> = reqs
                    .iter()
                    .map(|q| {
                        let sk = v.skills.iter().find(|k| k.id == q.skill);
                        let (name, cat) =
                            sk.map_or((q.skill.as_str(), ""), |k| (k.name, k.category));
                        let weight = match q.weight {
                            3 => "core",
                            2 => "important",
                            _ => "nice to have",
                        };
                        (name, cat, q.level, weight)
                    })
                    .collect();
                // Columns as wide as their longest entry, so the level
                // column lines up whatever the names of a --templates role.
                let nw = rows
                    .iter()
                    .map(|r| r.0.chars().count())
                    .max()
                    .unwrap_or(0)
                    .max("Skill".len());
                let cw = rows
                    .iter()
                    .map(|r| r.1.chars().count())
                    .max()
                    .unwrap_or(0)
                    .max("Category".len());
                writeln!(s, "  {:<nw$} {:<cw$} level  weight", "Skill", "Category")?;
                for (name, cat, level, weight) in &rows {
                    writeln!(s, "  {name:<nw$} {cat:<cw$} {level:>5}  {weight}")?;
                }
            }
            s
        }
    };
    write_stdout(out.as_bytes())
}
