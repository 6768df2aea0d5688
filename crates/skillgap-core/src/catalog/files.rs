//! The template files: the embedded set, overlaid by a user's folder.

use super::CatalogError;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Largest template file `--templates` reads.
const MAX_TEMPLATE_BYTES: u64 = 10 << 20;

/// One template file: where it came from (for messages) and its text.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Shown in messages: `templates/roles/sre.toml` or the user's path.
    pub origin: String,
    /// File contents.
    pub text: String,
}

/// One step of [`TemplateFile::locate`]: a `key = value` line (any value
/// when `None`).
pub(crate) type Anchor<'a> = (&'a str, Option<&'a str>);

impl TemplateFile {
    /// Line and column (1-based) of a key, for messages about what a file
    /// says rather than how it is written: the first line matching
    /// `path[0]`, then from there the first matching `path[1]`, and so on
    /// (`[("skill", Some("cicd")), ("level", None)]` is the level of the
    /// `cicd` requirement). With `last`, the last match of the first step
    /// is taken (the second of two duplicates). `None` when not found.
    pub(crate) fn locate(&self, path: &[Anchor<'_>], last: bool) -> Option<(usize, usize)> {
        let lines: Vec<&str> = self.text.lines().collect();
        let matches = |line: &str, (key, value): Anchor<'_>| -> Option<usize> {
            let (lhs, rhs) = line.split_once('=')?;
            if lhs.trim() != key {
                return None;
            }
            if let Some(want) = value {
                let rhs = rhs.trim();
                let quote = rhs.chars().next().filter(|c| matches!(c, '"' | '\''));
                let v = match quote {
                    Some(q) => rhs[1..].split(q).next().unwrap_or(""),
                    None => rhs.split('#').next().unwrap_or("").trim(),
                };
                if v != want {
                    return None;
                }
            }
            Some(line.len() - line.trim_start().len())
        };
        let (first, rest) = path.split_first()?;
        let mut hits = (0..lines.len()).filter(|&i| matches(lines[i], *first).is_some());
        let mut at = if last { hits.next_back() } else { hits.next() }?;
        for &step in rest {
            at = (at..lines.len()).find(|&i| matches(lines[i], step).is_some())?;
        }
        let indent = path.last().and_then(|&step| matches(lines[at], step))?;
        let column = lines[at][..indent].chars().count() + 1;
        Some((at + 1, column))
    }
}

/// Template files by relative path (`roles/sre.toml`).
#[derive(Debug, Clone, Default)]
pub struct TemplateFiles {
    files: BTreeMap<String, TemplateFile>,
    /// Symbolic links found in the `--templates` folder: never followed
    /// (a link may point at any file, whose lines would reach a message).
    pub skipped_links: Vec<std::path::PathBuf>,
}

impl TemplateFiles {
    /// The templates built into the binary.
    pub fn embedded() -> Self {
        let files = embedded::EMBEDDED
            .iter()
            .map(|(rel, text)| {
                (
                    rel.to_string(),
                    TemplateFile {
                        origin: format!("templates/{rel}"),
                        text: text.to_string(),
                    },
                )
            })
            .collect();
        TemplateFiles {
            files,
            skipped_links: Vec::new(),
        }
    }

    /// Overlays every `.toml` file under `dir`: a file with the same relative
    /// path replaces the built-in one, a new file adds to the set.
    pub fn overlay(&mut self, dir: &Path) -> Result<(), CatalogError> {
        if !dir.is_dir() {
            return Err(CatalogError::new(
                dir.display().to_string(),
                "is not a folder; --templates takes a folder laid out like the built-in templates (skills.toml, roles/, learning/)",
            ));
        }
        let mut found = Vec::new();
        walk(dir, &mut found, &mut self.skipped_links)?;
        for (rel, path) in found {
            use crate::regular_file::{ReadError, read};
            let bytes = read(&path, MAX_TEMPLATE_BYTES).map_err(|e| {
                let message = match e {
                    ReadError::TooBig { size, .. } => format!(
                        "is {} MB; a template file may be at most {} MB. Check that it is the right file",
                        size.div_ceil(1 << 20),
                        MAX_TEMPLATE_BYTES >> 20
                    ),
                    other => other.to_string(),
                };
                CatalogError::new(path.display().to_string(), message)
            })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                CatalogError::new(
                    path.display().to_string(),
                    "cannot read: it is not UTF-8 text; save the template as UTF-8",
                )
            })?;
            self.files.insert(
                rel,
                TemplateFile {
                    origin: path.display().to_string(),
                    text,
                },
            );
        }
        Ok(())
    }

    /// Adds or replaces the file at `rel` (`roles/sre.toml`) from memory;
    /// `origin` names it in messages. For tests and fuzzing.
    pub fn insert(&mut self, rel: &str, origin: &str, text: String) {
        self.files.insert(
            rel.to_string(),
            TemplateFile {
                origin: origin.to_string(),
                text,
            },
        );
    }

    /// The file at `rel`, if present.
    pub fn get(&self, rel: &str) -> Option<&TemplateFile> {
        self.files.get(rel)
    }

    /// Files whose relative path starts with `prefix`, in path order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a TemplateFile> + 'a {
        self.files
            .iter()
            .filter(move |(rel, _)| rel.starts_with(prefix))
            .map(|(_, f)| f)
    }
}

/// Deepest folder nesting `--templates` is walked to.
const MAX_DEPTH: usize = 32;

/// Every `.toml` file under `base`, by relative path, in path order.
/// Links to folders are not followed (a link loop would never end), and
/// the walk is a loop with a depth limit, not a recursion.
fn walk(
    base: &Path,
    out: &mut Vec<(String, std::path::PathBuf)>,
    links: &mut Vec<std::path::PathBuf>,
) -> Result<(), CatalogError> {
    let mut pending = vec![(base.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            CatalogError::new(dir.display().to_string(), format!("cannot list: {e}"))
        })?;
        let mut subdirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_symlink() {
                links.push(path);
            } else if ft.is_dir() {
                if depth + 1 > MAX_DEPTH {
                    return Err(CatalogError::new(
                        path.display().to_string(),
                        format!(
                            "is more than {MAX_DEPTH} folders deep in --templates; templates are laid out as skills.toml, roles/, learning/"
                        ),
                    ));
                }
                subdirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml")
                && let Ok(rel) = path.strip_prefix(base)
            {
                out.push((rel.to_string_lossy().replace('\\', "/"), path.clone()));
            }
        }
        subdirs.sort();
        pending.extend(subdirs.into_iter().rev().map(|d| (d, depth + 1)));
    }
    out.sort();
    links.sort();
    Ok(())
}

/// Parses a TOML file into `T`, turning syntax and shape errors into a
/// message with the file, line and column.
pub fn parse<T: DeserializeOwned>(file: &TemplateFile) -> Result<T, CatalogError> {
    toml::from_str(&file.text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| line_col(&file.text, s.start))
            .unwrap_or((0, 0));
        let msg = e.message().trim_end().to_string();
        // Name the key unless the message already does (`missing field `x``).
        let key = key_on_line(&file.text, line).filter(|k| !msg.contains(&format!("`{k}`")));
        CatalogError {
            file: file.origin.clone(),
            line: (line > 0).then_some(line),
            column: (column > 0).then_some(column),
            message: match key {
                Some(k) => format!("key `{k}`: {msg}; fix the TOML there"),
                None => format!("{msg}; fix the TOML there"),
            },
        }
    })
}

/// The key assigned on 1-based `line` (`level = "high"` → `level`), if the
/// line is a plain `key = value` line.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim();
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' ');
    (!key.is_empty()
        && key.chars().count() <= 64
        && key.chars().all(plain)
        && !key.starts_with('['))
    .then(|| crate::text::clean_name(key))
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn folder_links_are_not_followed_and_odd_files_refused() {
        let dir = tempfile::tempdir().unwrap();
        let roles = dir.path().join("roles");
        std::fs::create_dir(&roles).unwrap();
        std::os::unix::fs::symlink(dir.path(), roles.join("loop")).unwrap();
        std::fs::write(roles.join("x.toml"), "").unwrap();
        let mut found = Vec::new();
        let mut links = Vec::new();
        walk(dir.path(), &mut found, &mut links).unwrap();
        let rels: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(rels, ["roles/x.toml"]);
        // A link named like a template is skipped too, never read.
        std::os::unix::fs::symlink("/dev/zero", roles.join("zero.toml")).unwrap();
        let mut files = TemplateFiles::default();
        files.overlay(dir.path()).unwrap();
        assert_eq!(
            files.skipped_links,
            [roles.join("loop"), roles.join("zero.toml")]
        );
        assert!(files.get("roles/zero.toml").is_none());
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("a\nbc\nd", 3), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("abc", 99), (1, 4));
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: u8,
        }
        let f = TemplateFile {
            origin: "x.toml".into(),
            text: "\n\na = \"oops\"\n".into(),
        };
        let e = parse::<T>(&f).unwrap_err();
        assert_eq!(e.file, "x.toml");
        assert_eq!(e.line, Some(3));
        assert!(e.to_string().starts_with("x.toml:3:"), "{e}");
    }
}

#[cfg(test)]
mod locate_tests {
    use super::TemplateFile;

    #[test]
    fn keys_are_found_by_value_and_in_order() {
        let f = TemplateFile {
            origin: "t.toml".into(),
            text: "id = \"a\"\n[[r]]\nskill = 'x'  # c\nlevel = 1\n[[r]]\n  skill=\"y\"\n  level = 9\nid = \"a\"\n".into(),
        };
        assert_eq!(
            f.locate(&[("skill", Some("y")), ("level", None)], false),
            Some((7, 3))
        );
        assert_eq!(f.locate(&[("skill", Some("x"))], false), Some((3, 1)));
        assert_eq!(f.locate(&[("id", Some("a"))], true), Some((8, 1)));
        assert_eq!(f.locate(&[("skill", Some("z"))], false), None);
        assert_eq!(f.locate(&[], false), None);
    }
}
