//! Loads and checks the data in templates/: the skill catalogue, role
//! profiles (with `extends` resolved) and the learning catalogue.

mod files;
mod labels;
mod learning;
mod matcher;
mod roles;
pub mod rules;
mod skills;
mod titles;

pub use files::{TemplateFile, TemplateFiles};
pub use labels::{LabelMatch, LabelPart};
pub use matcher::{Matcher, normalise};

use crate::model::{Resource, Role, Skill, SkillId};
use std::collections::HashMap;
use std::path::Path;

/// A problem in a template file, naming the file, position when known, and
/// the key at fault.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
#[error("{}: {message}", position(file, *line, *column))]
pub struct CatalogError {
    /// File as shown to the user.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

fn position(file: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    }
}

impl CatalogError {
    /// An error about a whole file or a named key in it.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        CatalogError {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// An error about the key [`TemplateFile::locate`] finds in `file` (the
    /// file alone when it finds nothing).
    pub(crate) fn at(
        file: &TemplateFile,
        path: &[files::Anchor<'_>],
        last: bool,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = file.locate(path, last).unzip();
        CatalogError {
            file: file.origin.clone(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// Template text is shown on terminals and in PDFs: control and bidi
/// characters (which TOML escapes such as `\u001b` can produce) are
/// removed, and names are kept on one line.
fn one_line(s: &mut String) {
    if s.chars()
        .any(|c| c.is_control() || crate::text::is_unsafe_char(c))
    {
        *s = crate::text::clean_name(s);
    }
}

fn text(s: &mut String) {
    if let std::borrow::Cow::Owned(clean) = crate::text::strip_unsafe(s) {
        *s = clean;
    }
}

/// Everything the analysis needs to know about skills, roles and learning.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Category names in display order.
    pub categories: Vec<String>,
    /// Skills in file order.
    pub skills: Vec<Skill>,
    /// Skills by id.
    pub by_id: HashMap<SkillId, Skill>,
    /// Roles in display order, requirements resolved.
    pub roles: Vec<Role>,
    /// Senior profiles: a role plus what a senior in it does (each
    /// `extends` its role). Never compared for the decision; what someone
    /// who meets the role grows toward.
    pub senior: Vec<Role>,
    /// The learning catalogue.
    pub resources: Vec<Resource>,
    /// Name matching for input skills.
    pub matcher: Matcher,
}

impl Catalog {
    /// The compared role with exactly this id (senior profiles are not
    /// compared); [`Catalog::role`] also finds a role by title or alias.
    /// Takes `&str` so a `&RoleId` (which derefs to it) and a plain string
    /// both work.
    pub fn role_by_id(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The skill with this id (a `&SkillId` or a `&str`).
    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.by_id.get(id)
    }

    /// The built-in templates.
    pub fn builtin() -> Result<Self, CatalogError> {
        Self::from_files(&TemplateFiles::embedded())
    }

    /// The built-in templates overlaid by `dir`, when given, with a
    /// warning for each symbolic link in `dir` that was not followed (the
    /// caller prints them: this library never writes to the terminal).
    pub fn load(dir: Option<&Path>) -> Result<(Self, Vec<String>), CatalogError> {
        let mut files = TemplateFiles::embedded();
        if let Some(dir) = dir {
            files.overlay(dir)?;
        }
        let warnings = files
            .skipped_links
            .iter()
            .map(|l| {
                format!(
                    "warning: skipping {}: a symbolic link; links in the --templates folder are not followed (put the file itself there)",
                    l.display()
                )
            })
            .collect();
        Ok((Self::from_files(&files)?, warnings))
    }

    /// Parses and validates a set of template files.
    pub fn from_files(files: &TemplateFiles) -> Result<Self, CatalogError> {
        let skills_file = files.get("skills.toml").ok_or_else(|| {
            CatalogError::new(
                "skills.toml",
                "missing: the templates need a skills.toml catalogue",
            )
        })?;
        let (mut categories, mut skills) = skills::load(skills_file)?;
        categories.iter_mut().for_each(one_line);
        for s in &mut skills {
            s.id.edit(one_line);
            s.rolls_up_to.iter_mut().for_each(|r| r.edit(one_line));
            for t in [&mut s.name, &mut s.category]
                .into_iter()
                .chain(&mut s.aliases)
            {
                one_line(t);
            }
            text(&mut s.description);
        }
        let by_id: HashMap<SkillId, Skill> =
            skills.iter().map(|s| (s.id.clone(), s.clone())).collect();
        let matcher = Matcher::new(&skills).map_err(|(key, a, b)| {
            CatalogError::new(
                skills_file.origin.clone(),
                format!("name or alias \"{key}\" is used by both skill \"{a}\" and skill \"{b}\"; keep it on one of them"),
            )
        })?;
        let roles::Loaded {
            mut roles,
            mut senior,
        } = roles::load(files.under("roles/"), &by_id)?;
        for r in roles.iter_mut().chain(&mut senior) {
            r.id.edit(one_line);
            if let Some(e) = &mut r.extends {
                e.edit(one_line);
            }
            for t in [&mut r.title].into_iter().chain(&mut r.aliases) {
                one_line(t);
            }
            text(&mut r.summary);
        }
        if roles.is_empty() {
            return Err(CatalogError::new(
                "roles/",
                "no role profiles found; add at least one roles/<id>.toml",
            ));
        }
        let mut resources = learning::load(files.under("learning/"), &by_id)?;
        for r in &mut resources {
            for t in [&mut r.id, &mut r.title, &mut r.provider]
                .into_iter()
                .chain(&mut r.url)
            {
                one_line(t);
            }
        }
        Ok(Catalog {
            categories,
            skills,
            by_id,
            roles,
            senior,
            resources,
            matcher,
        })
    }

    /// Finds a role by id, title or alias, ignoring case and punctuation.
    pub fn role(&self, query: &str) -> Option<&Role> {
        let q = normalise(query);
        self.roles.iter().find(|r| {
            normalise(&r.id) == q
                || normalise(&r.title) == q
                || r.aliases.iter().any(|a| normalise(a) == q)
        })
    }

    /// The senior profile of role `id`, when there is one.
    pub fn senior_of(&self, id: &str) -> Option<&Role> {
        self.senior
            .iter()
            .find(|r| r.extends.as_deref() == Some(id))
    }

    /// Position of a category in display order (unknown ones last).
    pub fn category_rank(&self, category: &str) -> usize {
        self.categories
            .iter()
            .position(|c| c == category)
            .unwrap_or(usize::MAX)
    }
}
