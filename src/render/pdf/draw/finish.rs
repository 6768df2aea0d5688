//! Turning a [`Canvas`] into deterministic PDF bytes.
//!
//! The document is written directly ([`super::writer`]): pages and their
//! content streams, link annotations, one Type0/CIDFontType2 font per face
//! used (Identity-H, subset glyph ids as codes, `/W` widths, `/ToUnicode` CMap)
//! and the info dictionary. Font objects come from the shared per-run
//! [`super::embed::Cache`]: the subset program is built and deflated once
//! per face and glyph set, and only copied into each document.
//!
//! Determinism: nothing depends on the clock, on thread scheduling or on
//! which documents were written before — fonts are a pure function of the
//! face and the glyphs this document draws, the subset tag is a hash of
//! those glyph ids, dates come from [`Meta::date`] (midnight UTC), and the
//! trailer `/ID` is a hash of the bytes written before it.
//!
//! A document drawing with a face the direct writer cannot embed (a CFF
//! font, say) goes through printpdf instead ([`super::legacy`]).

use std::sync::Arc;

use super::content::{Op, int, num, write_page};
use super::embed::Embedded;
use super::writer::{CONTENT_LEVEL, Writer, deflate, literal, text};
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

/// FNV-1a, 128-bit.
pub(crate) fn fnv1a_128(data: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    data.iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

fn check_date((y, m, d): (i32, u8, u8)) -> Result<(), PdfError> {
    if !(0..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(PdfError::InvalidDate(y, m, d));
    }
    Ok(())
}

/// `(D:YYYYMMDD000000+00'00')`.
fn pdf_date(out: &mut Vec<u8>, (y, m, d): (i32, u8, u8)) {
    let s = format!("D:{y:04}{m:02}{d:02}000000+00'00'");
    literal(out, s.as_bytes());
}

fn reference(out: &mut Vec<u8>, num: usize) {
    int(out, num as u64);
    out.extend_from_slice(b" 0 R");
}

impl Canvas {
    /// Serializes the document (fonts subset, streams compressed).
    ///
    /// Page footers are not drawn automatically: call
    /// [`Canvas::for_each_page`] before this to add "Page X of Y".
    pub fn finish(self, meta: &Meta) -> Result<Vec<u8>, PdfError> {
        check_date(meta.date)?;
        let sets: Vec<Vec<(u16, char)>> = self.used.iter().map(|u| u.set()).collect();
        let mut fonts: Vec<Option<Arc<Embedded>>> = vec![None; self.slots.len()];
        for (&key, &slot) in &self.slots {
            let face = self
                .fonts
                .face(key)
                .ok_or_else(|| PdfError::Render(format!("font {key:?} used but not loaded")))?;
            fonts[slot] = self.fonts.embedded(key, face, &sets[slot]);
        }
        let Some(fonts) = fonts.into_iter().collect::<Option<Vec<_>>>() else {
            return super::legacy::finish(self, meta);
        };
        Ok(self.write(meta, &fonts))
    }

    fn write(self, meta: &Meta, fonts: &[Arc<Embedded>]) -> Vec<u8> {
        let hint = 4096 + fonts.iter().map(|f| f.program.len() + 2048).sum::<usize>();
        let mut w = Writer::new(hint + self.pages.len() * 8192);
        let catalog = w.reserve();
        let pages = w.reserve();
        let info = w.reserve();
        let resources = w.reserve();
        let mut body = Vec::with_capacity(1024);

        let mut res_dict = b"<< /Font <<".to_vec();
        for (slot, f) in fonts.iter().enumerate() {
            let (type0, cid, desc, file, cmap) = (
                w.reserve(),
                w.reserve(),
                w.reserve(),
                w.reserve(),
                w.reserve(),
            );
            body.clear();
            body.extend_from_slice(b" /Length1 ");
            int(&mut body, f.program_len as u64);
            body.extend_from_slice(b" /Filter /FlateDecode");
            w.stream(file, &body, &f.program);
            w.stream(cmap, b" /Filter /FlateDecode", &f.to_unicode);

            body.clear();
            body.extend_from_slice(b"<< /Type /FontDescriptor /FontName ");
            body.extend_from_slice(&f.base_font);
            body.push(b' ');
            body.extend_from_slice(&f.descriptor);
            body.extend_from_slice(b" /FontFile2 ");
            reference(&mut body, file);
            body.extend_from_slice(b" >>");
            w.object(desc, &body);

            body.clear();
            body.extend_from_slice(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont ");
            body.extend_from_slice(&f.base_font);
            body.extend_from_slice(
                b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                  /FontDescriptor ",
            );
            reference(&mut body, desc);
            body.extend_from_slice(b" /CIDToGIDMap /Identity /DW 1000 /W ");
            body.extend_from_slice(&f.widths);
            body.extend_from_slice(b" >>");
            w.object(cid, &body);

            body.clear();
            body.extend_from_slice(b"<< /Type /Font /Subtype /Type0 /BaseFont ");
            body.extend_from_slice(&f.base_font);
            body.extend_from_slice(b" /Encoding /Identity-H /DescendantFonts [");
            reference(&mut body, cid);
            body.extend_from_slice(b"] /ToUnicode ");
            reference(&mut body, cmap);
            body.extend_from_slice(b" >>");
            w.object(type0, &body);

            res_dict.extend_from_slice(b" /F");
            int(&mut res_dict, slot as u64);
            res_dict.push(b' ');
            reference(&mut res_dict, type0);
        }
        res_dict.extend_from_slice(b" >>");
        if !self.hatches.is_empty() {
            res_dict.extend_from_slice(b" /XObject <<");
            for (i, hatch) in self.hatches.iter().enumerate() {
                let form = w.reserve();
                body.clear();
                body.extend_from_slice(b" /Type /XObject /Subtype /Form /BBox [0 0 ");
                num(&mut body, hatch.max_w);
                body.push(b' ');
                num(&mut body, hatch.h);
                body.extend_from_slice(b"] /Resources << >> /Filter /FlateDecode");
                w.stream(form, &body, &deflate(&hatch.form(), CONTENT_LEVEL));
                res_dict.extend_from_slice(b" /H");
                int(&mut res_dict, i as u64);
                res_dict.push(b' ');
                reference(&mut res_dict, form);
            }
            res_dict.extend_from_slice(b" >>");
        }
        res_dict.extend_from_slice(b" >>");
        w.object(resources, &res_dict);

        let mut media = b"[0 0 ".to_vec();
        num(&mut media, self.size.width());
        media.push(b' ');
        num(&mut media, self.size.height());
        media.push(b']');
        let ids: Vec<(usize, usize)> = self
            .pages
            .iter()
            .map(|_| (w.reserve(), w.reserve()))
            .collect();
        let tables: Vec<Vec<u16>> = fonts.iter().map(|f| f.code_table()).collect();
        let code = |slot: usize, g: u16| tables[slot].get(usize::from(g)).copied().unwrap_or(0);
        for (p, &(page, contents)) in self.pages.iter().zip(&ids) {
            let stream = write_page(p, &code);
            w.stream(
                contents,
                b" /Filter /FlateDecode",
                &deflate(&stream, CONTENT_LEVEL),
            );
            body.clear();
            body.extend_from_slice(b"<< /Type /Page /Parent ");
            reference(&mut body, pages);
            body.extend_from_slice(b" /MediaBox ");
            body.extend_from_slice(&media);
            body.extend_from_slice(b" /Resources ");
            reference(&mut body, resources);
            body.extend_from_slice(b" /Contents ");
            reference(&mut body, contents);
            let mut links = p.ops.iter().filter_map(|op| match op {
                Op::Link { area, url } => Some((area, url)),
                _ => None,
            });
            if let Some(first) = links.next() {
                body.extend_from_slice(b" /Annots [");
                for (a, url) in std::iter::once(first).chain(links) {
                    body.extend_from_slice(b"<< /Type /Annot /Subtype /Link /Rect [");
                    num(&mut body, a.x);
                    body.push(b' ');
                    num(&mut body, a.y);
                    body.push(b' ');
                    num(&mut body, a.x + a.w);
                    body.push(b' ');
                    num(&mut body, a.y + a.h);
                    body.extend_from_slice(b"] /Border [0 0 0] /H /I /A << /S /URI /URI ");
                    literal(&mut body, url.as_bytes());
                    body.extend_from_slice(b" >> >>");
                }
                body.push(b']');
            }
            body.extend_from_slice(b" >>");
            w.object(page, &body);
        }

        body.clear();
        body.extend_from_slice(b"<< /Type /Pages /Kids [");
        for (i, &(page, _)) in ids.iter().enumerate() {
            if i > 0 {
                body.push(b' ');
            }
            reference(&mut body, page);
        }
        body.extend_from_slice(b"] /Count ");
        int(&mut body, ids.len() as u64);
        body.extend_from_slice(b" >>");
        w.object(pages, &body);

        body.clear();
        body.extend_from_slice(b"<< /Type /Catalog /Pages ");
        reference(&mut body, pages);
        body.extend_from_slice(b" >>");
        w.object(catalog, &body);

        body.clear();
        body.extend_from_slice(b"<< /Title ");
        text(&mut body, &meta.title);
        for (key, value) in [
            (&b" /Author "[..], &meta.author),
            (b" /Subject ", &meta.subject),
            (b" /Creator ", &meta.creator),
            (b" /Producer ", &meta.creator),
        ] {
            if !value.is_empty() {
                body.extend_from_slice(key);
                text(&mut body, value);
            }
        }
        body.extend_from_slice(b" /CreationDate ");
        pdf_date(&mut body, meta.date);
        body.extend_from_slice(b" /ModDate ");
        pdf_date(&mut body, meta.date);
        body.extend_from_slice(b" >>");
        w.object(info, &body);

        w.finish(catalog, info)
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
    fn subset_tags_are_stable() {
        use super::super::embed::subset_tag;
        let a = subset_tag("DejaVuSans", [1u16, 2, 3].into_iter());
        let b = subset_tag("DejaVuSans", [1u16, 2, 3].into_iter());
        let c = subset_tag("DejaVuSans", [1u16, 2, 4].into_iter());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_uppercase()));
    }

    #[test]
    fn bad_date_is_an_error() {
        assert!(check_date((2024, 13, 1)).is_err());
        assert!(check_date((2024, 2, 29)).is_ok());
    }
}
