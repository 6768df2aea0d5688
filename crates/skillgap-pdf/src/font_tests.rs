//! Font tests: system fallback, user fonts, CFF outlines, collections and
//! hostile font files. Installed fonts are used when the machine has them
//! (the tests name them) and skipped with a message otherwise.

use std::path::Path;

use super::tests::{base_fonts, build, meta, pdftotext, sample};
use super::{Canvas, Color, FontOptions, Fonts, PageSize, PdfError};

/// A TrueType collection (Debian's fonts-wqy-microhei).
const WQY: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
/// A collection of CFF-outline faces (Debian's fonts-noto-cjk).
const NOTO_CJK: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// The system fallback finds some installed face for CJK (skips when the
/// machine has none); the user font named here (a TrueType collection) is
/// used when given.
#[test]
fn cjk_fallback_from_system_and_user_font() {
    let system = Fonts::new(&FontOptions::default()).expect("fonts");
    if !system.uncovered_chars("李雷", false).is_empty() {
        eprintln!("skipping system fallback: no installed font covers 李雷");
    } else {
        assert!(system.text_width("李雷", 10.0, false) > 15.0);
        let fallback = super::fallback::system();
        let (idx, _, _) = fallback.lookup('李').expect("found");
        eprintln!("system fallback for 李: {:?}", fallback.path(idx));
        check_cjk_document(&system, None);
    }
    if !Path::new(WQY).exists() {
        eprintln!("skipping user font: {WQY} not installed");
        return;
    }
    let user = Fonts::new(&FontOptions {
        extra_fonts: vec![WQY.into()],
        system_fallback: false,
    })
    .expect("user font");
    assert!(user.uncovered_chars("李雷", true).is_empty());
    check_cjk_document(&user, Some("+WenQuanYiMicroHei"));
}

/// Builds the sample with `fonts` (which cover CJK): deterministic, small,
/// text extracts; `face` ends one of the embedded font names if given.
fn check_cjk_document(fonts: &Fonts, face: Option<&str>) {
    let c = sample(fonts);
    assert!(c.missing_glyphs().is_empty());
    let a = c.finish(&meta()).expect("finish");
    assert!(a == build(fonts), "CJK build not deterministic");
    eprintln!("3-page sample with CJK font: {} bytes", a.len());
    assert!(a.len() < 48 * 1024, "{} bytes", a.len());
    let doc = lopdf::Document::load_mem(&a).expect("parses");
    if let Some(face) = face {
        assert!(
            base_fonts(&doc).iter().any(|f| f.ends_with(face)),
            "{:?}",
            base_fonts(&doc)
        );
    }
    if let Some(text) = pdftotext(&a) {
        for want in ["Łukasz Żółć", "Ελένη", "李雷", "Page 3 of 3"] {
            assert!(text.contains(want), "{want} missing from {text}");
        }
    }
}

/// A font with CFF outlines, from a collection, given with `--font`: the
/// same path as TrueType (CIDFontType0, `/FontFile3`), text extracts.
#[test]
fn cff_font_from_a_collection() {
    if !Path::new(NOTO_CJK).exists() {
        eprintln!("skipping: {NOTO_CJK} not installed");
        return;
    }
    let fonts = Fonts::new(&FontOptions {
        extra_fonts: vec![NOTO_CJK.into()],
        system_fallback: false,
    })
    .expect("CFF collection loads");
    assert!(fonts.uncovered_chars("李雷", false).is_empty());
    let started = std::time::Instant::now();
    check_cjk_document(&fonts, Some("+NotoSansCJKjp-Regular"));
    eprintln!("CFF document twice: {:?}", started.elapsed());
    let doc = lopdf::Document::load_mem(&build(&fonts)).unwrap();
    let cff = doc.objects.values().any(|o| {
        o.as_dict()
            .ok()
            .and_then(|d| d.get(b"Subtype").ok())
            .and_then(|s| s.as_name().ok())
            == Some(&b"CIDFontType0"[..])
    });
    assert!(cff, "a CIDFontType0 font is embedded");
}

/// Truncated, corrupted or foreign files given as fonts are refused with
/// an error naming the file, never a panic; a damaged font that still
/// parses draws or fails cleanly.
#[test]
fn hostile_font_files_are_errors() {
    let dir = std::env::temp_dir().join(format!("skillgap-fonts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dejavu::sans::regular();
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("text".into(), b"not a font at all\n".repeat(40)),
        ("header-only".into(), good[..12].to_vec()),
        ("truncated".into(), good[..good.len() / 3].to_vec()),
    ];
    // Deterministic corruption: overwrite bytes in the table directory and
    // the tables.
    for i in 0..12usize {
        let mut bad = good.to_vec();
        let at = 12 + (i * 7919) % 400;
        bad[at] ^= 0xA5;
        let far = (i * 104_729) % bad.len();
        bad[far..(far + 64).min(good.len())].fill(0xFF);
        cases.push((format!("flipped-{i}"), bad));
    }
    for (name, bytes) in &cases {
        let path = dir.join(format!("{name}.ttf"));
        std::fs::write(&path, bytes).unwrap();
        let got = std::panic::catch_unwind(|| {
            Fonts::new(&FontOptions {
                extra_fonts: vec![path.clone()],
                system_fallback: false,
            })
            .map(|fonts| {
                let mut c = Canvas::new(&fonts, PageSize::A4);
                c.text(10.0, 10.0, "Ωμέγα Łódź", 10.0, false, Color::BLACK);
                c.finish(&meta()).map(|_| ())
            })
        });
        let refused = matches!(got, Ok(Err(_)));
        match got {
            Err(_) => panic!("{name}: panicked"),
            Ok(Err(PdfError::FontParse { font, reason })) => {
                assert!(font.contains(name.as_str()), "{name}: {font}");
                assert!(!reason.is_empty());
            }
            Ok(Err(e)) => panic!("{name}: unexpected error {e}"),
            Ok(Ok(_)) => {}
        }
        if ["empty", "text", "header-only", "truncated"].contains(&name.as_str()) {
            assert!(refused, "{name} was accepted");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
