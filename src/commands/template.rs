//! `skillgap template`: a blank self-assessment to fill in.

use crate::config::TemplateConfig;
use crate::model::Skill;
use crate::output::write_stdout;

/// The skills the chosen roles require, grouped by category in catalogue
/// order, each once.
fn skills_for(cfg: &TemplateConfig) -> Vec<&Skill> {
    let c = &cfg.catalog;
    let mut ids: Vec<&str> = Vec::new();
    for role in c
        .roles
        .iter()
        .filter(|r| cfg.roles.is_empty() || cfg.roles.iter().any(|id| *id == r.id))
    {
        for q in &role.requirements {
            if !ids.contains(&q.skill.as_str()) {
                ids.push(&q.skill);
            }
        }
    }
    let mut skills: Vec<&Skill> = ids.iter().filter_map(|id| c.by_id.get(*id)).collect();
    skills.sort_by_key(|s| {
        (
            c.category_rank(&s.category),
            c.skills
                .iter()
                .position(|k| k.id == s.id)
                .unwrap_or(usize::MAX),
        )
    });
    skills
}

/// Runs `template`.
pub fn template(cfg: &TemplateConfig) -> anyhow::Result<()> {
    let skills = skills_for(cfg);
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    if cfg.wide {
        let mut header = vec!["Name".to_string(), "Email".to_string()];
        header.extend(skills.iter().map(|s| s.name.clone()));
        w.write_record(&header)?;
    } else {
        w.write_record(["skill", "category", "description", "rating", "notes"])?;
        for s in &skills {
            w.write_record([s.name.as_str(), &s.category, &s.description, "", ""])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    write_stdout(&bytes)
}
