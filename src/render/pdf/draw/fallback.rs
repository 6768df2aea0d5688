//! Lazy, deterministic discovery of system fonts for characters that DejaVu
//! Sans and the user's fonts cannot draw (e.g. CJK).
//!
//! Nothing here runs until [`system`] is first called, which only happens when
//! a text contains an uncovered character. Then:
//!
//! 1. the usual font directories are walked once (no parsing) and the
//!    `.ttf/.otf/.ttc/.otc` files are ranked: file names that look like plain
//!    upright sans faces first (penalties for bold, italic, mono, serif, ...),
//!    ties broken by full path;
//! 2. for each uncovered character, candidates are screened in rank order by
//!    reading only their table directory and `cmap` ([`super::sfnt`], cached
//!    per file), and the first one whose fully parsed face really maps the
//!    character wins. Face 0 of collections is used.
//!
//! The choice for a character depends only on the character and the installed
//! files, never on the order texts were measured in, so output stays
//! deterministic even when several threads share the cache. Loaded faces live
//! for the rest of the process (they are few and read-only).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::fonts::Face;
use super::sfnt::{self, Coverage};

const EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];
const PENALTIES: [&str; 16] = [
    "bold",
    "black",
    "heavy",
    "italic",
    "oblique",
    "light",
    "thin",
    "medium",
    "semibold",
    "demi",
    "condensed",
    "narrow",
    "mono",
    "serif",
    "emoji",
    "symbol",
];
const MAX_DEPTH: usize = 8;

#[derive(Default)]
struct State {
    /// Per candidate: `None` = not read yet, `Some(None)` = unusable.
    coverage: Vec<Option<Option<Coverage>>>,
    /// Per candidate: `None` = not parsed yet, `Some(None)` = failed to parse.
    faces: Vec<Option<Option<&'static Face>>>,
    /// Per character: the chosen candidate (or none).
    chosen: HashMap<char, Option<usize>>,
}

/// The process-wide system font candidates and their lazily filled caches.
pub(crate) struct SystemFonts {
    candidates: Vec<PathBuf>,
    state: Mutex<State>,
}

static SYSTEM: OnceLock<SystemFonts> = OnceLock::new();

/// The system font index, scanning the font directories on first use.
pub(crate) fn system() -> &'static SystemFonts {
    SYSTEM.get_or_init(|| SystemFonts::scan(&font_dirs()))
}

impl SystemFonts {
    fn scan(dirs: &[PathBuf]) -> Self {
        let mut files = Vec::new();
        for dir in dirs {
            collect(dir, 0, &mut files);
        }
        files.sort_by_cached_key(|p| (rank(p), p.clone()));
        files.dedup();
        let n = files.len();
        Self {
            candidates: files,
            state: Mutex::new(State {
                coverage: vec![None; n],
                faces: vec![None; n],
                chosen: HashMap::new(),
            }),
        }
    }

    /// The already-loaded face of candidate `idx`.
    pub(crate) fn face(&self, idx: usize) -> Option<&'static Face> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.faces.get(idx).copied().flatten().flatten()
    }

    /// Path of candidate `idx` (for diagnostics).
    #[cfg(test)]
    pub(crate) fn path(&self, idx: usize) -> Option<&Path> {
        self.candidates.get(idx).map(PathBuf::as_path)
    }

    /// The first candidate (in rank order) that draws `c`: index, face, glyph.
    pub(crate) fn lookup(&self, c: char) -> Option<(usize, &'static Face, u16)> {
        // A poisoned lock only means another thread panicked mid-update; the
        // caches stay consistent (every slot is written in one assignment).
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&chosen) = state.chosen.get(&c) {
            let idx = chosen?;
            let face = state.faces[idx].flatten()?;
            return Some((idx, face, face.glyph(c)?));
        }
        let found = self.search(&mut state, c);
        state.chosen.insert(c, found.map(|(i, _, _)| i));
        found
    }

    fn search(&self, state: &mut State, c: char) -> Option<(usize, &'static Face, u16)> {
        for (idx, path) in self.candidates.iter().enumerate() {
            if let Some(Some(face)) = state.faces[idx] {
                if let Some(gid) = face.glyph(c) {
                    return Some((idx, face, gid));
                }
                continue;
            }
            if state.coverage[idx].is_none() {
                state.coverage[idx] = Some(sfnt::file_coverage(path, 0));
            }
            let covers = matches!(&state.coverage[idx], Some(Some(cov)) if cov.contains(c));
            if !covers || state.faces[idx].is_some() {
                continue;
            }
            let face = crate::regular_file::read(path, super::fonts::MAX_FONT_BYTES)
                .ok()
                .and_then(|d| Face::parse(&d, 0, &path.display().to_string()).ok())
                .map(|f| &*Box::leak(Box::new(f)));
            state.faces[idx] = Some(face);
            if let Some(face) = face
                && let Some(gid) = face.glyph(c)
            {
                return Some((idx, face, gid));
            }
        }
        None
    }
}

/// Lower is better: count of style words in the file name.
fn rank(path: &Path) -> usize {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    PENALTIES.iter().filter(|w| name.contains(*w)).count()
}

fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // `metadata` follows symlinks; the depth limit guards against loops.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            collect(&path, depth + 1, out);
        } else if meta.is_file()
            && path.extension().is_some_and(|e| {
                let e = e.to_string_lossy().to_lowercase();
                EXTENSIONS.contains(&e.as_str())
            })
        {
            out.push(path);
        }
    }
}

/// The conventional font directories of the current OS, in priority order.
fn font_dirs() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut dirs: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "macos") {
        dirs.push("/System/Library/Fonts".into());
        dirs.push("/Library/Fonts".into());
        dirs.extend(home.iter().map(|h| h.join("Library/Fonts")));
    } else if cfg!(windows) {
        let windir = std::env::var_os("WINDIR").map_or_else(|| "C:\\Windows".into(), PathBuf::from);
        dirs.push(windir.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else {
        let data_home = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".local/share")));
        dirs.extend(data_home.map(|d| d.join("fonts")));
        dirs.extend(home.iter().map(|h| h.join(".fonts")));
        let data_dirs = std::env::var("XDG_DATA_DIRS")
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "/usr/local/share:/usr/share".to_string());
        dirs.extend(data_dirs.split(':').map(|d| Path::new(d).join("fonts")));
    }
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let new = !seen.contains(d);
        seen.push(d.clone());
        new
    });
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_prefers_plain_sans() {
        let mut v = [
            PathBuf::from("/f/NotoSansCJK-Bold.ttc"),
            PathBuf::from("/f/NotoSerifCJK-Regular.ttc"),
            PathBuf::from("/f/NotoSansCJK-Regular.ttc"),
        ];
        v.sort_by_cached_key(|p| (rank(p), p.clone()));
        assert_eq!(v[0], PathBuf::from("/f/NotoSansCJK-Regular.ttc"));
    }

    #[test]
    fn scan_of_missing_dir_is_empty() {
        let s = SystemFonts::scan(&[PathBuf::from("/nonexistent/fonts")]);
        assert!(s.lookup('李').is_none());
    }
}
