//! Smaller embedded fonts — now done where the fonts are embedded.
//!
//! printpdf's subsets kept every table of the source font, including
//! DejaVu's 15 KB `name` table (mostly its licence text) and `post`, and
//! this module used to re-read every finished PDF to drop them. The drawing
//! layer now embeds fonts without them in the first place (ISO 32000-1
//! §9.9 lists what a viewer reads from an embedded TrueType program; text
//! extraction uses the `/ToUnicode` CMap), for every TrueType font, so
//! there is nothing left to do here: re-parsing and re-writing each report
//! cost as much as drawing it.

/// The PDF `bytes` from [`super::draw::Canvas::finish`], unchanged: their
/// fonts are already slim. Kept so callers need not change.
pub fn slim_pdf(bytes: Vec<u8>) -> Vec<u8> {
    bytes
}

#[cfg(test)]
mod tests {
    use super::super::draw::{Canvas, Color, Fonts, Meta, PageSize};

    #[test]
    fn finished_documents_carry_no_name_or_post_table() {
        let fonts = Fonts::dejavu_only().unwrap();
        let mut c = Canvas::new(&fonts, PageSize::A4);
        c.text(50.0, 50.0, "Łukasz Żółć", 12.0, false, Color::BLACK);
        c.text(50.0, 80.0, "Bold", 12.0, true, Color::BLACK);
        let bytes = c.finish(&Meta::default()).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let mut programs = 0;
        for obj in doc.objects.values() {
            let lopdf::Object::Stream(s) = obj else {
                continue;
            };
            if s.dict.get(b"Length1").is_err() {
                continue;
            }
            let font = s.decompressed_content().unwrap();
            programs += 1;
            let n = usize::from(u16::from_be_bytes([font[4], font[5]]));
            for i in 0..n {
                let tag = &font[12 + 16 * i..16 + 16 * i];
                assert!(tag != b"name" && tag != b"post", "{tag:?}");
            }
        }
        assert_eq!(programs, 2);
        assert_eq!(super::slim_pdf(bytes.clone()), bytes);
    }
}
