//! Font loading, coverage-based fallback and text measurement.
//!
//! Faces are read with `ttf-parser` (TrueType and CFF outlines, single
//! fonts and collections alike). The two DejaVu Sans faces are parsed once
//! per process (a `OnceLock`) and shared by every [`Fonts`] value. Extra
//! user fonts (`--font PATH`) are parsed, and checked to be embeddable,
//! when the [`Fonts`] is built. System fonts are only looked at lazily, the
//! first time a text contains a character no other face can draw (see
//! [`super::fallback`]).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::PdfError;
use super::embed::{self, Embedded};
pub(crate) use super::face::{FAST_CHARS, Face, FaceKey, MAX_FONT_BYTES};
use super::fallback;

/// One character of a text as it gets drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    pub(crate) key: FaceKey,
    /// Bold was asked for but the face is a regular weight: draw with a stroke.
    pub(crate) fake_bold: bool,
    pub(crate) gid: u16,
    /// The character drawn (the input, or U+FFFD / `?` if no face has it).
    pub(crate) draw: char,
    /// The input character, and whether no face covers it.
    pub(crate) input: char,
    pub(crate) missing: bool,
    /// Advance in thousandths of an em.
    pub(crate) advance: i64,
}

struct BaseFaces {
    regular: Face,
    bold: Face,
    /// Per weight (regular, bold): how each character below [`FAST_CHARS`]
    /// resolves when one of the two DejaVu faces draws it, packed by
    /// [`pack`] (0: neither does, or it does not fit).
    quick: [Box<[u32]>; 2],
}

/// Packs a DejaVu resolution: glyph id (bits 0-15), drawn from the bold
/// face (bit 16), fake bold (bit 17), advance in 1/1000 em (bits 18-31).
fn pack(gid: u16, from_bold: bool, fake_bold: bool, advance: i64) -> u32 {
    match u32::try_from(advance) {
        Ok(adv) if adv < 1 << 14 && gid != 0 => {
            u32::from(gid) | u32::from(from_bold) << 16 | u32::from(fake_bold) << 17 | adv << 18
        }
        _ => 0,
    }
}

static BASE: OnceLock<Result<BaseFaces, PdfError>> = OnceLock::new();

fn base_faces() -> Result<&'static BaseFaces, PdfError> {
    BASE.get_or_init(|| {
        let regular = Face::parse(dejavu::sans::regular(), 0, "DejaVuSans")?;
        let bold = Face::parse(dejavu::sans::bold(), 0, "DejaVuSans-Bold")?;
        let table = |want_bold: bool| -> Box<[u32]> {
            let (primary, other) = if want_bold {
                (&bold, &regular)
            } else {
                (&regular, &bold)
            };
            (0..FAST_CHARS as u32)
                .map(|c| {
                    let Some(c) = char::from_u32(c) else {
                        return 0;
                    };
                    if let Some(g) = primary.glyph(c) {
                        pack(g, want_bold, false, primary.advance_milli(g))
                    } else if let Some(g) = other.glyph(c) {
                        pack(g, !want_bold, want_bold, other.advance_milli(g))
                    } else {
                        0
                    }
                })
                .collect()
        };
        let quick = [table(false), table(true)];
        Ok(BaseFaces {
            regular,
            bold,
            quick,
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// How to build a [`Fonts`] set.
#[derive(Debug, Clone)]
pub struct FontOptions {
    /// Extra TTF/OTF/TTC files (face 0 is used), tried in order after DejaVu.
    pub extra_fonts: Vec<PathBuf>,
    /// Search the system font directories for characters nothing else covers.
    pub system_fallback: bool,
}

impl Default for FontOptions {
    fn default() -> Self {
        Self {
            extra_fonts: Vec::new(),
            system_fallback: true,
        }
    }
}

struct FontsInner {
    base: &'static BaseFaces,
    user: Vec<Face>,
    system_fallback: bool,
    /// Embedded font objects by face and glyph set, shared by every
    /// document drawn with this font set.
    embedded: embed::Cache,
    /// Unique per font set built in this process (see [`Fonts::id`]).
    id: u64,
}

/// Hands out [`FontsInner::id`]s.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The font set a [`super::Canvas`] draws with: DejaVu Sans regular and bold,
/// then user fonts, then (lazily discovered) system fonts.
///
/// Cheap to clone (`Arc`), `Send + Sync`; DejaVu is parsed once per process.
#[derive(Clone)]
pub struct Fonts {
    inner: Arc<FontsInner>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("user", &self.inner.user)
            .field("system_fallback", &self.inner.system_fallback)
            .finish()
    }
}

impl Fonts {
    /// Builds a font set; reads and parses every `extra_fonts` file now.
    pub fn new(opts: &FontOptions) -> Result<Self, PdfError> {
        let base = base_faces()?;
        let user = opts
            .extra_fonts
            .iter()
            .map(|p| load_file(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            inner: Arc::new(FontsInner {
                base,
                user,
                system_fallback: opts.system_fallback,
                embedded: embed::Cache::default(),
                id: next_id(),
            }),
        })
    }

    /// [`Fonts::dejavu_only`] with a font cache of `budget` bytes.
    #[cfg(test)]
    pub(crate) fn dejavu_with_cache_budget(budget: usize) -> Result<Self, PdfError> {
        Ok(Self {
            inner: Arc::new(FontsInner {
                base: base_faces()?,
                user: Vec::new(),
                system_fallback: false,
                embedded: embed::Cache::with_budget(budget),
                id: next_id(),
            }),
        })
    }

    /// DejaVu Sans only: no user fonts, no system lookup (machine-independent).
    pub fn dejavu_only() -> Result<Self, PdfError> {
        Self::new(&FontOptions {
            extra_fonts: Vec::new(),
            system_fallback: false,
        })
    }

    /// Identifies this font set among all built by the process (its
    /// clones share it): what a text measures depends on it.
    pub(crate) fn id(&self) -> u64 {
        self.inner.id
    }

    pub(crate) fn face(&self, key: FaceKey) -> Option<&Face> {
        match key {
            FaceKey::Regular => Some(&self.inner.base.regular),
            FaceKey::Bold => Some(&self.inner.base.bold),
            FaceKey::User(i) => self.inner.user.get(i),
            FaceKey::System(i) => fallback::system().face(i),
        }
    }

    /// The embeddable font objects of `face` (this set's face `key`) for
    /// the (glyph id, character) pairs `set`, from the shared cache; an
    /// error if the face cannot be subset. The built-in faces are subset
    /// with every ASCII letter and digit besides (see
    /// [`embed::with_alphanumerics`]), so that reports share them.
    pub(crate) fn embedded(
        &self,
        key: FaceKey,
        face: &Face,
        set: embed::GlyphSet,
    ) -> Result<Arc<Embedded>, String> {
        let set = match key {
            FaceKey::Regular | FaceKey::Bold => embed::with_alphanumerics(face, set),
            FaceKey::User(_) | FaceKey::System(_) => set,
        };
        self.inner.embedded.get(key, face, &set)
    }

    /// Number of prepared fonts in the shared cache (for tests).
    #[cfg(test)]
    pub(crate) fn embedded_count(&self) -> usize {
        self.inner.embedded.len()
    }

    fn resolve(&self, c: char, bold: bool) -> Glyph {
        let base = self.inner.base;
        if let Some(&q) = base.quick[usize::from(bold)].get(c as usize)
            && q != 0
        {
            let from_bold = q & 1 << 16 != 0;
            return Glyph {
                key: if from_bold {
                    FaceKey::Bold
                } else {
                    FaceKey::Regular
                },
                gid: q as u16,
                fake_bold: q & 1 << 17 != 0,
                missing: false,
                draw: c,
                input: c,
                // Packed with the glyph: no look-up in the face's table.
                advance: i64::from(q >> 18),
            };
        }
        let (primary, pkey, other, okey) = if bold {
            (&base.bold, FaceKey::Bold, &base.regular, FaceKey::Regular)
        } else {
            (&base.regular, FaceKey::Regular, &base.bold, FaceKey::Bold)
        };
        let hit = |key: FaceKey, face: &Face, gid, fake_bold| Glyph {
            key,
            gid,
            fake_bold,
            missing: false,
            draw: c,
            input: c,
            advance: face.advance_milli(gid),
        };
        if let Some(gid) = primary.glyph(c) {
            return hit(pkey, primary, gid, false);
        }
        if let Some(gid) = other.glyph(c) {
            return hit(okey, other, gid, bold);
        }
        for (i, face) in self.inner.user.iter().enumerate() {
            if let Some(gid) = face.glyph(c) {
                return hit(FaceKey::User(i), face, gid, bold);
            }
        }
        if self.inner.system_fallback
            && let Some((i, face, gid)) = fallback::system().lookup(c)
        {
            return hit(FaceKey::System(i), face, gid, bold);
        }
        // Nothing covers it: draw a visible, extractable replacement glyph.
        let (draw, gid) = ['\u{FFFD}', '?']
            .into_iter()
            .find_map(|r| primary.glyph(r).map(|g| (r, g)))
            .unwrap_or((c, 0));
        Glyph {
            key: pkey,
            gid,
            fake_bold: false,
            missing: true,
            draw,
            input: c,
            advance: primary.advance_milli(gid),
        }
    }

    /// Calls `f` with every character of `text` as it gets drawn: control
    /// characters are dropped (a tab becomes a space); characters no face
    /// covers are drawn as U+FFFD (or `?`) from the primary face.
    pub(crate) fn each_glyph(&self, text: &str, bold: bool, mut f: impl FnMut(Glyph)) {
        for c in normalized(text) {
            f(self.resolve(c, bold));
        }
    }

    /// Width of `text` in points at font `size`, using the real advance
    /// widths of whichever face draws each character (fallbacks included).
    pub fn text_width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let quick = &self.inner.base.quick[usize::from(bold)];
        let milli: i64 = normalized(text)
            .map(|c| match quick.get(c as usize) {
                Some(&q) if q != 0 => i64::from(q >> 18),
                _ => self.resolve(c, bold).advance,
            })
            .sum();
        milli as f32 * size / 1000.0
    }

    /// Characters of `text` that no available face can draw.
    pub fn uncovered_chars(&self, text: &str, bold: bool) -> Vec<char> {
        let mut missing = Vec::new();
        self.each_glyph(text, bold, |g| {
            if g.missing && !missing.contains(&g.input) {
                missing.push(g.input);
            }
        });
        missing
    }

    /// Ascent (baseline to top) of DejaVu Sans at `size`, in points.
    pub fn ascent(&self, size: f32) -> f32 {
        let f = &self.inner.base.regular;
        f.metric(f32::from(f.ttf.tables().hhea.ascender).abs()) * size
    }

    /// Descent (baseline to bottom, positive) of DejaVu Sans at `size`, in points.
    pub fn descent(&self, size: f32) -> f32 {
        let f = &self.inner.base.regular;
        f.metric(f32::from(f.ttf.tables().hhea.descender).abs()) * size
    }
}

/// The characters of `text` that get drawn: control characters removed,
/// tabs turned into spaces.
fn normalized(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter_map(|c| match c {
        '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    })
}

fn load_file(path: &Path) -> Result<Face, PdfError> {
    // A regular file within the limit only: `--font /dev/zero` is refused.
    let bytes =
        crate::font_file::read(path, MAX_FONT_BYTES).map_err(|source| PdfError::FontRead {
            path: path.to_path_buf(),
            source: Arc::new(source),
        })?;
    let label = path.display().to_string();
    // Face 0 of a collection. The bytes live as long as the process: a run
    // loads its `--font` files once.
    let face = Face::parse(Box::leak(bytes.into_boxed_slice()), 0, &label)?;
    // A font the subsetter cannot take is refused now, with its name,
    // rather than when the first report is written.
    embed::check(&face).map_err(|reason| PdfError::FontParse {
        font: label,
        reason,
    })?;
    Ok(face)
}
