//! Turning a [`Canvas`] into deterministic PDF bytes.
//!
//! printpdf 0.12 is not deterministic out of the box; this module removes
//! every source of variation it has:
//! - `PdfDocument::add_font` names fonts with a process-global counter (the
//!   name is the `/Font` resource key and its first 6 chars the subset tag):
//!   fonts are inserted directly into `resources.fonts.map` under ids derived
//!   from a hash of the face name and the glyph ids used ([`font_id`]);
//! - the trailer `/ID` is two counter-based strings: the document is turned
//!   into a `lopdf::Document`, its `/ID` is set to a fixed placeholder, it is
//!   written, and the placeholder is overwritten (same length) with an
//!   FNV-1a-128 hash of the written bytes;
//! - dates come from [`Meta::date`] (midnight UTC), never the clock;
//! - XMP metadata (which would carry a random instance id) is not written:
//!   the default conformance does not ask for it.

use printpdf::{
    FontId, Op, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt,
    Rect,
};

use super::canvas::placeholder_id;
use super::{Canvas, PdfError};

/// Document metadata written to the PDF info dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// `/Title`.
    pub title: String,
    /// `/Author`.
    pub author: String,
    /// `/Subject`.
    pub subject: String,
    /// `/Creator` (the application), also used as `/Producer`.
    pub creator: String,
    /// Creation and modification date (year, month 1-12, day 1-31), midnight
    /// UTC. Fixed by the caller so output does not depend on the clock.
    pub date: (i32, u8, u8),
}

impl Default for Meta {
    fn default() -> Self {
        Self {
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            creator: String::new(),
            date: (1970, 1, 1),
        }
    }
}

/// 32 ASCII characters, the length of the hex hash that replaces it.
const ID_PLACEHOLDER: &[u8; 32] = b"@@PDF-ID-PLACEHOLDER-0123456789@";

/// FNV-1a, 128-bit.
pub(crate) fn fnv1a_128(data: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    data.iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

/// Final resource name of a font slot: a 6-letter subset tag derived from
/// the face and the glyphs it draws, then the slot number (`ABCDEF0`).
fn font_id(name: &str, gids: impl Iterator<Item = u16>, slot: usize) -> FontId {
    let mut bytes = name.as_bytes().to_vec();
    bytes.push(0);
    for g in gids {
        bytes.extend_from_slice(&g.to_be_bytes());
    }
    let mut h = fnv1a_128(&bytes);
    let mut tag = String::with_capacity(8);
    for _ in 0..6 {
        tag.push(char::from(b'A' + (h % 26) as u8));
        h /= 26;
    }
    FontId(format!("{tag}{slot}"))
}

fn check_date((y, m, d): (i32, u8, u8)) -> Result<printpdf::DateTime, PdfError> {
    if !(0..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(PdfError::InvalidDate(y, m, d));
    }
    Ok(printpdf::DateTime::new_in_offset(
        printpdf::Date {
            year: y,
            month: m,
            day: d,
        },
        printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    ))
}

fn fail_on_errors(warnings: &[printpdf::PdfWarnMsg]) -> Result<(), PdfError> {
    let errors: Vec<&str> = warnings
        .iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
        .map(|w| w.msg.as_str())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(PdfError::Render(errors.join("; ")))
    }
}

impl Canvas {
    /// Serializes the document (fonts subset, streams compressed).
    ///
    /// Page footers are not drawn automatically: call
    /// [`Canvas::for_each_page`] before this to add "Page X of Y".
    pub fn finish(self, meta: &Meta) -> Result<Vec<u8>, PdfError> {
        let date = check_date(meta.date)?;
        let mut doc = PdfDocument::new(&meta.title);
        let info = &mut doc.metadata.info;
        info.author = meta.author.clone();
        info.subject = meta.subject.clone();
        info.creator = meta.creator.clone();
        info.producer = meta.creator.clone();
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;

        // Fonts under content-derived ids; remember placeholder -> final id.
        let mut rename = Vec::with_capacity(self.slots.len());
        for (&key, &slot) in &self.slots {
            let face = self
                .fonts
                .face(key)
                .ok_or_else(|| PdfError::Render(format!("font {key:?} used but not loaded")))?;
            let id = font_id(&face.name, self.used[slot].iter().copied(), slot);
            doc.resources
                .fonts
                .map
                .insert(id.clone(), printpdf::PdfFont::new(face.font.clone()));
            rename.push((placeholder_id(slot), id));
        }

        let (w, h) = (Pt(self.size.width()), Pt(self.size.height()));
        doc.pages = self
            .pages
            .into_iter()
            .map(|mut ops| {
                for op in &mut ops {
                    if let Op::SetFont {
                        font: PdfFontHandle::External(id),
                        ..
                    } = op
                        && let Some((_, new)) = rename.iter().find(|(old, _)| old == id)
                    {
                        *id = new.clone();
                    }
                }
                PdfPage {
                    media_box: Rect::from_wh(w, h),
                    trim_box: Rect::from_wh(w, h),
                    crop_box: Rect::from_wh(w, h),
                    ops,
                }
            })
            .collect();

        let opts = PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
        fail_on_errors(&warnings)?;

        let placeholder =
            lopdf::Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Literal);
        lo.trailer.set(
            "ID",
            lopdf::Object::Array(vec![placeholder.clone(), placeholder]),
        );
        lo.compress();
        let mut out = Vec::new();
        lo.save_to(&mut out)
            .map_err(|e| PdfError::Write(e.to_string()))?;

        // The trailer is written last, so the last two placeholders are its.
        let hex = format!("{:032X}", fnv1a_128(&out));
        let mut end = out.len();
        for _ in 0..2 {
            let pos = out[..end]
                .windows(ID_PLACEHOLDER.len())
                .rposition(|win| win == ID_PLACEHOLDER)
                .ok_or_else(|| PdfError::Write("trailer /ID not found".to_string()))?;
            out[pos..pos + ID_PLACEHOLDER.len()].copy_from_slice(hex.as_bytes());
            end = pos;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_vectors() {
        assert_eq!(fnv1a_128(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
    }

    #[test]
    fn font_ids_are_stable_and_tagged() {
        let a = font_id("DejaVuSans", [1u16, 2, 3].into_iter(), 0);
        let b = font_id("DejaVuSans", [1u16, 2, 3].into_iter(), 0);
        let c = font_id("DejaVuSans", [1u16, 2, 4].into_iter(), 0);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.0.len(), 7);
        assert!(a.0[..6].bytes().all(|b| b.is_ascii_uppercase()));
    }

    #[test]
    fn bad_date_is_an_error() {
        assert!(check_date((2024, 13, 1)).is_err());
        assert!(check_date((2024, 2, 29)).is_ok());
    }
}
