//! Lazy, deterministic discovery of system fonts for characters that DejaVu
//! Sans and the user's fonts cannot draw (e.g. CJK).
//!
//! Nothing here runs until [`system`] is first called, which only happens when
//! a text contains an uncovered character. Then:
//!
//! 1. `fontdb` indexes the usual font directories once (`.ttf/.otf/.ttc/.otc`,
//!    every face of a collection, files mapped rather than read), and the
//!    faces are ranked: plain upright sans faces of normal weight first
//!    (penalties for bold, italic, mono, serif, ... in their names or
//!    properties), ties broken by path and face index;
//! 2. for each uncovered character, candidates are screened in rank order
//!    by looking the character up in their `cmap`, and the first one that
//!    maps it, parses and can be embedded wins.
//!
//! The choice for a character depends only on the character and the installed
//! files, never on the order texts were measured in, so output stays
//! deterministic even when several threads share the cache. Loaded faces live
//! for the rest of the process (they are few and read-only).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::embed;
use super::face::Face;

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

/// One face of an installed font file.
struct Candidate {
    id: fontdb::ID,
    path: PathBuf,
    index: u32,
}

#[derive(Default)]
struct State {
    /// Per candidate: `None` = not loaded yet, `Some(None)` = unusable.
    faces: Vec<Option<Option<&'static Face>>>,
    /// Per character: the chosen candidate (or none).
    chosen: HashMap<char, Option<usize>>,
}

/// The process-wide system font candidates and their lazily filled caches.
pub(crate) struct SystemFonts {
    db: fontdb::Database,
    candidates: Vec<Candidate>,
    state: Mutex<State>,
    /// What the scan has to tell the user (symbolic links it skipped),
    /// until [`take_notice`] hands it to the application once.
    notice: Mutex<Option<String>>,
}

static SYSTEM: OnceLock<SystemFonts> = OnceLock::new();

/// The system font index, scanning the font directories on first use.
pub(crate) fn system() -> &'static SystemFonts {
    SYSTEM.get_or_init(|| SystemFonts::scan(&font_dirs()))
}

/// What scanning the system fonts found that the user should know (font
/// folders holding symbolic links, which are not followed), once per
/// process: the first caller gets it, later ones None. None also when no
/// scan has happened. The drawing crate prints nothing itself: the
/// application says it through its own diagnostics.
pub fn take_notice() -> Option<String> {
    SYSTEM
        .get()?
        .notice
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
}

/// Lower is better: style words in the names, then how far from a plain
/// upright face of normal weight.
fn rank(info: &fontdb::FaceInfo, path: &Path) -> (usize, u16, bool, bool) {
    let mut names = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    names.push(' ');
    names.push_str(&info.post_script_name.to_lowercase());
    (
        penalty(&names),
        info.weight.0.abs_diff(400),
        info.style != fontdb::Style::Normal,
        info.monospaced,
    )
}

/// Count of style words in `name` (lower case).
fn penalty(name: &str) -> usize {
    PENALTIES.iter().filter(|w| name.contains(*w)).count()
}

impl SystemFonts {
    fn scan(dirs: &[PathBuf]) -> Self {
        let mut db = fontdb::Database::new();
        let mut links = Vec::new();
        for dir in dirs {
            load_dir(&mut db, dir, 0, &mut links);
        }
        let notice = (!links.is_empty()).then(|| {
            links.sort();
            let shown: Vec<String> = links
                .iter()
                .take(5)
                .map(|l| l.display().to_string())
                .collect();
            format!(
                "skipping {} symbolic link(s) in the font folders, which are not followed: {}{}",
                links.len(),
                shown.join(", "),
                if links.len() > 5 { ", …" } else { "" }
            )
        });
        let mut ranked: Vec<_> = db
            .faces()
            .filter_map(|info| {
                let path = match &info.source {
                    fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => return None,
                };
                Some((rank(info, &path), path, info.index, info.id))
            })
            .collect();
        ranked.sort_by(|a, b| (&a.0, &a.1, a.2).cmp(&(&b.0, &b.1, b.2)));
        ranked.dedup_by(|a, b| (&a.1, a.2) == (&b.1, b.2));
        let candidates: Vec<Candidate> = ranked
            .into_iter()
            .map(|(_, path, index, id)| Candidate { id, path, index })
            .collect();
        let n = candidates.len();
        Self {
            db,
            candidates,
            state: Mutex::new(State {
                faces: vec![None; n],
                chosen: HashMap::new(),
            }),
            notice: Mutex::new(notice),
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
        self.candidates.get(idx).map(|c| c.path.as_path())
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
        for (idx, cand) in self.candidates.iter().enumerate() {
            match state.faces[idx] {
                Some(Some(face)) => {
                    if let Some(gid) = face.glyph(c) {
                        return Some((idx, face, gid));
                    }
                    continue;
                }
                Some(None) => continue,
                None => {}
            }
            // Screen by the cmap alone (the file is mapped, not read).
            let covers = self
                .db
                .with_face_data(cand.id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .ok()
                        .and_then(|f| f.glyph_index(c))
                        .is_some_and(|g| g.0 != 0)
                })
                .unwrap_or(false);
            if !covers {
                continue;
            }
            let face = load(cand);
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

/// Reads and parses a candidate; `None` if it cannot be used (unreadable,
/// malformed, or a font the subsetter cannot embed).
fn load(cand: &Candidate) -> Option<&'static Face> {
    let data = crate::font_file::read(&cand.path, super::face::MAX_FONT_BYTES).ok()?;
    let data: &'static [u8] = Box::leak(data.into_boxed_slice());
    let face = Face::parse(data, cand.index, &cand.path.display().to_string()).ok()?;
    embed::check(&face).ok()?;
    Some(Box::leak(Box::new(face)))
}

/// Font folders are searched this deep at most.
const MAX_FONT_DEPTH: usize = 8;

/// Adds the font files under `dir` to `db` without following a symbolic
/// link (a link named x.ttf may point at any file, or at /dev/zero); the
/// links named like fonts are noted in `links`.
fn load_dir(db: &mut fontdb::Database, dir: &Path, depth: usize, links: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let is_font = |p: &Path| {
        p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["ttf", "otf", "ttc", "otc"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
    };
    let mut found: Vec<(PathBuf, std::fs::FileType)> = entries
        .flatten()
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, t) in found {
        if t.is_symlink() {
            // Linked folders are common in system font trees (poppler's
            // cmap/ holds several) and are skipped without a word; a
            // link named like a font is named.
            if is_font(&path) {
                links.push(path);
            }
        } else if t.is_dir() && depth < MAX_FONT_DEPTH {
            load_dir(db, &path, depth + 1, links);
        } else if t.is_file() && is_font(&path) {
            let _ = db.load_font_file(&path);
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
            "notosanscjk-bold.ttc notosanscjkjp-bold",
            "notoserifcjk-regular.ttc notoserifcjkjp-regular",
            "notosanscjk-regular.ttc notosanscjkjp-regular",
        ];
        v.sort_by_key(|n| (penalty(n), *n));
        assert_eq!(v[0], "notosanscjk-regular.ttc notosanscjkjp-regular");
    }

    #[test]
    fn links_in_a_font_folder_are_a_notice_given_once() {
        let d = std::env::temp_dir().join(format!("skillgap-font-links-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let link = d.join("zero.ttf");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let s = SystemFonts::scan(std::slice::from_ref(&d));
        let take = || s.notice.lock().unwrap().take();
        let first = take().expect("the link is said");
        assert!(
            first.contains("1 symbolic link(s)") && first.contains("zero.ttf"),
            "{first}"
        );
        assert_eq!(take(), None, "said once");
        std::fs::remove_dir_all(&d).unwrap();
        // A folder without links says nothing.
        let quiet = SystemFonts::scan(&[PathBuf::from("/nonexistent/fonts")]);
        assert!(quiet.notice.lock().unwrap().is_none());
    }

    #[test]
    fn scan_of_missing_dir_is_empty() {
        let s = SystemFonts::scan(&[PathBuf::from("/nonexistent/fonts")]);
        assert!(s.lookup('李').is_none());
    }
}
