//! Whole-document tests: structure, determinism, size, text extraction.

use super::{Canvas, Color, Fonts, Meta, PageSize, Tag};

const LOREM: &str = "Rust gives you the confidence to refactor large systems: the compiler \
    checks ownership, lifetimes and thread safety, so the skills listed below are grouped by \
    how often recent job postings ask for them and how far your profile is from each one. ";

pub(super) fn meta() -> Meta {
    Meta {
        title: "Skill gap — Łukasz Żółć".into(),
        author: "Ελένη".into(),
        subject: "test".into(),
        creator: "proto-pdf tests".into(),
        date: (2024, 5, 17),
    }
}

/// Three pages of mixed content, names in Polish, Greek and Chinese.
pub(super) fn sample(fonts: &Fonts) -> Canvas {
    let mut c = Canvas::new(fonts, PageSize::A4);
    let body = LOREM.repeat(6);
    for page in 0..3 {
        if page > 0 {
            c.new_page();
        }
        c.rect_fill(0.0, 0.0, c.width(), 70.0, Color::grey(0.92));
        c.text(48.0, 44.0, "Łukasz Żółć", 22.0, true, Color::BLACK);
        c.text_right(
            c.width() - 48.0,
            44.0,
            "Ελένη · 李雷",
            12.0,
            false,
            Color::grey(0.3),
        );
        let mut y = 110.0;
        for line in fonts.wrap(&body, c.width() - 96.0, 10.0, false) {
            c.text(48.0, y, &line, 10.0, false, Color::grey(0.1));
            y += 14.0;
        }
        c.line(48.0, y, c.width() - 48.0, y, 0.5, Color::grey(0.5));
        c.rect_stroke(48.0, y + 10.0, 200.0, 30.0, 1.0, Color::grey(0.2));
        c.link(
            48.0,
            y + 10.0,
            200.0,
            30.0,
            "https://example.org/skills?p=1",
        );
    }
    c.for_each_page(|c, n, total| {
        let (w, h) = (c.width(), c.height());
        let footer = format!("Page {n} of {total}");
        c.text_center(w / 2.0, h - 30.0, &footer, 8.0, false, Color::grey(0.4));
    });
    c
}

pub(super) fn build(fonts: &Fonts) -> Vec<u8> {
    sample(fonts).finish(&meta()).expect("finish")
}

#[test]
fn three_page_document_parses_and_is_small() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let bytes = build(&fonts);
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf parses output");
    assert_eq!(doc.get_pages().len(), 3);
    eprintln!("3-page DejaVu-only sample: {} bytes", bytes.len());
    assert!(bytes.len() < 40 * 1024, "{} bytes", bytes.len());
    // Subset fonts carry a 6-letter tag.
    let mut names = base_fonts(&doc);
    names.sort_by_key(|n| n.split_once('+').map(|(_, f)| f.to_string()));
    assert_eq!(names.len(), 2, "{names:?}");
    for (name, face) in names.iter().zip(["DejaVuSans", "DejaVuSans-Bold"]) {
        let (tag, rest) = name.split_once('+').expect("subset tag");
        assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(rest, face);
    }
    let text = String::from_utf8_lossy(&bytes);
    // Trailer /ID is the content hash, twice.
    let id = doc
        .trailer
        .get(b"ID")
        .and_then(|o| o.as_array())
        .expect("ID");
    assert_eq!(id.len(), 2);
    assert_eq!(id[0], id[1]);
    assert!(!text.contains("PLACEHOLDER"));
}

#[test]
fn builds_are_byte_identical_across_runs_and_threads() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let a = build(&fonts);
    let b = build(&fonts);
    assert!(a == b, "two builds differ");
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let fonts = fonts.clone();
            std::thread::spawn(move || build(&fonts))
        })
        .collect();
    for h in handles {
        let c = h.join().expect("thread");
        assert!(a == c, "build in another thread differs");
    }
    // A fresh Fonts value gives the same result too.
    assert!(a == build(&Fonts::dejavu_only().expect("fonts")));
}

#[test]
fn uncovered_chars_are_reported_without_fallback() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let c = sample(&fonts);
    let missing = c.missing_glyphs();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].0, "Ελένη · 李雷");
    assert_eq!(missing[0].1, vec!['李', '雷']);
    assert_eq!(
        fonts.uncovered_chars("Łukasz Żółć Ελένη", false),
        Vec::<char>::new()
    );
}

#[test]
fn meta_date_and_pages_checked() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let mut c = Canvas::new(&fonts, PageSize::Letter);
    assert!(c.select_page(1).is_err());
    c.new_page();
    assert!(c.select_page(0).is_ok());
    assert_eq!(c.page_count(), 2);
    let bad = Meta {
        date: (2024, 0, 1),
        ..Meta::default()
    };
    assert!(c.finish(&bad).is_err());
}

#[test]
fn empty_canvas_finishes() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let bytes = Canvas::new(&fonts, PageSize::A4)
        .finish(&Meta::default())
        .expect("finish");
    let doc = lopdf::Document::load_mem(&bytes).expect("parse");
    assert_eq!(doc.get_pages().len(), 1);
}

/// Text extraction through poppler's pdftotext, if installed.
#[test]
fn text_extracts_with_pdftotext() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let Some(text) = pdftotext(&build(&fonts)) else {
        eprintln!("skipping: pdftotext not available");
        return;
    };
    for want in [
        "Łukasz Żółć",
        "Ελένη",
        "Page 1 of 3",
        "Page 3 of 3",
        "Rust gives you",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    assert!(
        text.contains('\u{FFFD}'),
        "replacement char for uncovered CJK"
    );
}

/// `/BaseFont` of every font the pages use, sorted.
pub(super) fn base_fonts(doc: &lopdf::Document) -> Vec<String> {
    let mut names = Vec::new();
    for (_, page) in doc.get_pages() {
        for (_, font) in doc.get_page_fonts(page).expect("fonts") {
            if let Ok(lopdf::Object::Name(n)) = font.get(b"BaseFont") {
                names.push(String::from_utf8_lossy(n).to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

pub(super) fn pdftotext(pdf: &[u8]) -> Option<String> {
    poppler("pdftotext", &["-q", "-enc", "UTF-8", "-", "-"], pdf)
}

/// What a poppler tool prints for `pdf` given on its standard input;
/// `None` when the tool is missing or fails.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(pdf).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A one-page document naming `who`, in regular and bold.
fn card(fonts: &Fonts, who: &str) -> Vec<u8> {
    let mut c = Canvas::new(fonts, PageSize::A4);
    c.text(48.0, 60.0, who, 18.0, true, Color::BLACK);
    c.text(
        48.0,
        90.0,
        &format!("Report for {who}: 92% fit"),
        10.0,
        false,
        Color::grey(0.2),
    );
    c.line(48.0, 100.0, 300.0, 100.0, 0.5, Color::grey(0.5));
    c.finish(&meta()).expect("finish")
}

const PEOPLE: [&str; 6] = [
    "Łukasz Żółć",
    "Ελένη Παπαδοπούλου",
    "Zoë Müller",
    "Alex Smith",
    "José García",
    "Søren Berg",
];

#[test]
fn font_cache_gives_the_same_bytes_cold_and_warm() {
    let cold: Vec<Vec<u8>> = PEOPLE
        .iter()
        .map(|p| card(&Fonts::dejavu_only().unwrap(), p))
        .collect();
    let fonts = Fonts::dejavu_only().unwrap();
    // Warm the cache with everyone else first, in reverse order.
    for p in PEOPLE.iter().rev() {
        card(&fonts, p);
    }
    let entries = fonts.embedded_count();
    for (p, want) in PEOPLE.iter().zip(&cold) {
        assert!(
            &card(&fonts, p) == want,
            "{p}: warm cache changed the bytes"
        );
    }
    assert_eq!(fonts.embedded_count(), entries, "nothing new was built");
    // A cache that keeps starting over gives the same bytes too.
    let tiny = Fonts::dejavu_with_cache_budget(1).unwrap();
    for _ in 0..2 {
        for (p, want) in PEOPLE.iter().zip(&cold) {
            assert!(&card(&tiny, p) == want, "{p}: evictions changed the bytes");
        }
    }
}

#[test]
fn font_cache_is_keyed_by_the_glyphs_drawn() {
    let fonts = Fonts::dejavu_only().unwrap();
    assert_eq!(fonts.embedded_count(), 0);
    card(&fonts, "Ana Silva");
    assert_eq!(fonts.embedded_count(), 2, "regular and bold");
    // Same characters, other order and count: same fonts, nothing built.
    card(&fonts, "Silva Ana");
    card(&fonts, "Ana Silva Ana");
    assert_eq!(fonts.embedded_count(), 2);
    // Other ASCII letters and digits: every subset of the built-in faces
    // has all of them, so these share the fonts too.
    card(&fonts, "Bob Zed 42");
    card(&fonts, "Quinn Young");
    assert_eq!(
        fonts.embedded_count(),
        2,
        "letters and digits are always there"
    );
    // A new character (in both texts): new fonts, other subset tags.
    let a = lopdf::Document::load_mem(&card(&fonts, "Ana Silva")).unwrap();
    let b = lopdf::Document::load_mem(&card(&fonts, "Ana Silvá")).unwrap();
    assert_eq!(fonts.embedded_count(), 4, "new bold and regular sets");
    let (fa, fb) = (base_fonts(&a), base_fonts(&b));
    assert_eq!(fa.len(), 2);
    assert!(fa.iter().all(|f| !fb.contains(f)), "{fa:?} {fb:?}");
    let text = a.extract_text(&[1]).unwrap();
    assert!(text.contains("Ana Silva"), "{text}");
    let text = b.extract_text(&[1]).unwrap();
    assert!(text.contains("Ana Silvá"), "{text}");
}

#[test]
fn font_cache_is_shared_safely_between_threads() {
    let want: Vec<Vec<u8>> = PEOPLE
        .iter()
        .map(|p| card(&Fonts::dejavu_only().unwrap(), p))
        .collect();
    for budget in [usize::MAX, 20_000] {
        let fonts = Fonts::dejavu_with_cache_budget(budget).unwrap();
        std::thread::scope(|s| {
            for t in 0..4 {
                let (fonts, want) = (&fonts, &want);
                s.spawn(move || {
                    for round in 0..30 {
                        let i = (t * 7 + round * 5) % PEOPLE.len();
                        assert!(
                            card(fonts, PEOPLE[i]) == want[i],
                            "thread {t}, {}",
                            PEOPLE[i]
                        );
                    }
                });
            }
        });
    }
}

/// A two-page document with one of each kind of tagged element.
fn tagged_sample() -> Vec<u8> {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let mut c = Canvas::new(&fonts, PageSize::A4);
    c.begin(Tag::H1);
    c.text(50.0, 50.0, "Skill gaps", 16.0, true, Color::BLACK);
    c.end();
    c.begin(Tag::P);
    c.text(
        50.0,
        70.0,
        "First line of a paragraph",
        10.0,
        false,
        Color::BLACK,
    );
    c.text(
        50.0,
        82.0,
        "and its second line.",
        10.0,
        false,
        Color::BLACK,
    );
    c.end();
    c.begin(Tag::Table);
    for (row, cell) in [(0, Tag::TH), (1, Tag::TD)] {
        c.begin(Tag::TR);
        for col in 0..2 {
            c.begin(cell.clone());
            c.text(
                50.0 + 100.0 * col as f32,
                100.0 + 12.0 * row as f32,
                "cell",
                9.0,
                false,
                Color::BLACK,
            );
            c.end();
        }
        c.end();
    }
    c.end();
    c.rect_fill(40.0, 130.0, 300.0, 2.0, Color::grey(0.8));
    c.new_page();
    c.begin(Tag::H2);
    c.text(50.0, 50.0, "Chart", 12.0, true, Color::BLACK);
    c.end();
    c.begin(Tag::Figure("Bars: Kubernetes 3 of 4".into()));
    c.rect_fill(50.0, 60.0, 100.0, 10.0, Color::rgb(0.2, 0.4, 0.8));
    c.text(160.0, 68.0, "3 / 4", 8.0, false, Color::BLACK);
    c.end();
    c.begin(Tag::L);
    c.begin(Tag::LI);
    c.text(50.0, 100.0, "• item one", 10.0, false, Color::BLACK);
    c.link(50.0, 90.0, 80.0, 12.0, "https://example.org/");
    c.end();
    c.end();
    c.for_each_page(|c, n, total| {
        c.text(
            50.0,
            800.0,
            &format!("Page {n} of {total}"),
            8.0,
            false,
            Color::BLACK,
        );
    });
    c.finish(&meta()).expect("finish")
}

/// The structure tree read back with lopdf: a Document with headings,
/// paragraphs, a table with header cells, a list and a figure with its
/// alternative text, in reading order; footers are artifacts; the outline
/// has the headings.
#[test]
fn structure_tree_reads_in_order() {
    use lopdf::{Dictionary, Document, Object};
    let bytes = tagged_sample();
    let doc = Document::load_mem(&bytes).expect("parses");
    let catalog = doc.catalog().expect("catalog");
    let resolve = |o: &Object| -> Dictionary {
        match o {
            Object::Reference(r) => doc.get_dictionary(*r).expect("dict").clone(),
            Object::Dictionary(d) => d.clone(),
            other => panic!("{other:?}"),
        }
    };
    let name = |d: &Dictionary, k: &[u8]| {
        d.get(k)
            .ok()
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
    };
    assert_eq!(
        resolve(catalog.get(b"MarkInfo").unwrap())
            .get(b"Marked")
            .unwrap(),
        &Object::Boolean(true)
    );
    assert!(matches!(catalog.get(b"Lang"), Ok(Object::String(l, _)) if l == b"en"));
    let root = resolve(catalog.get(b"StructTreeRoot").expect("StructTreeRoot"));
    assert_eq!(name(&root, b"Type").as_deref(), Some("StructTreeRoot"));
    // Walk the tree depth first: element types in reading order.
    fn walk(doc: &Document, d: &Dictionary, out: &mut Vec<String>, alts: &mut Vec<String>) {
        if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
            out.push(String::from_utf8_lossy(s).into_owned());
        }
        if let Ok(Object::String(alt, _)) = d.get(b"Alt") {
            alts.push(String::from_utf8_lossy(alt).into_owned());
        }
        let kids = match d.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        for k in kids {
            if let Object::Reference(r) = k
                && let Ok(child) = doc.get_dictionary(r)
                && child.get(b"S").is_ok()
            {
                walk(doc, child, out, alts);
            }
        }
    }
    let (mut tags, mut alts) = (Vec::new(), Vec::new());
    walk(
        &doc,
        &resolve(root.get(b"K").unwrap()),
        &mut tags,
        &mut alts,
    );
    assert_eq!(
        tags.join(" "),
        "Document H1 P Table TR TH TH TR TD TD H2 Figure L LI Link"
    );
    // The link annotation names its Link element through the parent tree.
    let annot = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(&b"Link"[..]))
        .expect("link annotation");
    let key = annot
        .get(b"StructParent")
        .and_then(|k| k.as_i64())
        .expect("StructParent");
    let nums = resolve(root.get(b"ParentTree").unwrap());
    let nums = nums.get(b"Nums").and_then(|n| n.as_array()).unwrap();
    let link = nums
        .chunks(2)
        .find(|kv| kv[0].as_i64().ok() == Some(key))
        .map(|kv| resolve(&kv[1]))
        .expect("parent tree entry");
    assert_eq!(name(&link, b"S").as_deref(), Some("Link"));
    assert_eq!(alts, ["Bars: Kubernetes 3 of 4"]);
    // Footers and the rule are artifacts; every page is in the parent tree.
    for (_, page) in doc.get_pages() {
        let content = doc.get_page_content(page);
        let text = String::from_utf8_lossy(&content);
        assert!(text.contains("/Artifact BMC"), "{text}");
        let p = doc.get_dictionary(page).unwrap();
        assert!(p.get(b"StructParents").is_ok());
    }
    let outlines = resolve(catalog.get(b"Outlines").expect("outline"));
    let first = resolve(outlines.get(b"First").unwrap());
    assert!(matches!(first.get(b"Title"), Ok(Object::String(t, _)) if t == b"Skill gaps"));
    let sub = resolve(first.get(b"First").expect("H2 under H1"));
    assert!(matches!(sub.get(b"Title"), Ok(Object::String(t, _)) if t == b"Chart"));
    if let Some(text) = pdfinfo(&bytes) {
        assert!(text.contains("Tagged:          yes"), "{text}");
    }
}

fn pdfinfo(pdf: &[u8]) -> Option<String> {
    poppler("pdfinfo", &["-"], pdf)
}

/// Renders page 1 of `pdf` in grey at 100 dpi with pdftoppm (raw PGM).
fn raster(pdf: &[u8], name: &str) -> Option<Vec<u8>> {
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("skillgap-raster-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("in.pdf");
    std::fs::write(&file, pdf).ok()?;
    let out = Command::new("pdftoppm")
        .args(["-r", "100", "-gray", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&file)
        .arg(dir.join("out"))
        .output()
        .ok()?;
    let img = std::fs::read(dir.join("out.pgm")).ok();
    std::fs::remove_dir_all(&dir).ok();
    out.status.success().then_some(img?)
}

#[test]
fn hatching_looks_like_the_lines_it_replaces() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let orange = Color::rgb(0.76, 0.29, 0.04);
    let mut boxes = vec![(50.0, 60.0, 16.0), (120.0, 90.5, 80.0), (60.0, 200.0, 3.0)];
    boxes.extend((0..30).map(|i| (300.0, 100.0 + 14.0 * i as f32, 10.0 + 7.3 * i as f32 % 60.0)));
    let (h, step, lw) = (7.5f32, 2.6f32, 0.55f32);
    let mut hatched = Canvas::new(&fonts, PageSize::A4);
    let mut lined = Canvas::new(&fonts, PageSize::A4);
    for &(x, y, w) in &boxes {
        hatched.hatch(x, y, w, h, step, lw, orange);
        // The same lines one by one (what the chart used to draw).
        let mut t = -h + step / 2.0;
        while t < w {
            let (u0, u1) = ((-t).max(0.0), (w - t).min(h));
            if u1 > u0 {
                lined.line(x + t + u0, y + h - u0, x + t + u1, y + h - u1, lw, orange);
            }
            t += step;
        }
    }
    hatched.hatch(10.0, 10.0, 0.0, h, step, lw, orange);
    hatched.hatch(10.0, 10.0, 5.0, h, 0.0, lw, orange);
    let a = hatched.finish(&meta()).expect("hatched");
    let b = lined.finish(&meta()).expect("lined");
    assert!(a.len() < b.len(), "{} vs {}", a.len(), b.len());
    let (Some(ra), Some(rb)) = (raster(&a, "a"), raster(&b, "b")) else {
        eprintln!("skipping raster comparison: pdftoppm not available");
        return;
    };
    assert_eq!(ra.len(), rb.len());
    let ink = |r: &[u8]| r.iter().filter(|&&p| p < 200).count();
    let differ = ra
        .iter()
        .zip(&rb)
        .filter(|(p, q)| p.abs_diff(**q) > 64)
        .count();
    eprintln!(
        "hatch vs lines: {differ} of {} inked pixels differ",
        ink(&rb)
    );
    assert!(ink(&ra) > 500, "hatching drawn");
    assert!(
        differ * 50 < ink(&rb),
        "{differ} of {} pixels differ",
        ink(&rb)
    );
}

/// qpdf finds nothing wrong and poppler renders without complaint
/// (when they are installed).
#[test]
fn output_passes_qpdf_and_renders_cleanly() {
    use std::process::Command;
    let fonts = Fonts::dejavu_only().expect("fonts");
    let dir = std::env::temp_dir().join(format!("skillgap-draw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sample.pdf");
    std::fs::write(&file, build(&fonts)).unwrap();
    if let Ok(out) = Command::new("qpdf").arg("--check").arg(&file).output() {
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{said}");
        assert!(
            said.contains("No syntax or stream encoding errors"),
            "{said}"
        );
    } else {
        eprintln!("skipping: qpdf not available");
    }
    if let Ok(out) = Command::new("pdftoppm")
        .args(["-r", "20", "-png"])
        .arg(&file)
        .arg(dir.join("page"))
        .output()
    {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && err.trim().is_empty(), "{err}");
    } else {
        eprintln!("skipping: pdftoppm not available");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Fonts are shared across threads; canvases can be built on worker threads.
#[test]
fn types_are_thread_safe() {
    fn check<T: Send + Sync>() {}
    check::<Fonts>();
    check::<Canvas>();
}

/// More small objects than one object stream can index (65,535): they go
/// into several, and the file still reads.
#[test]
fn many_structure_elements_span_object_streams() {
    let fonts = Fonts::dejavu_only().expect("fonts");
    let mut c = Canvas::new(&fonts, PageSize::A4);
    for i in 0..70_000 {
        if i % 5_000 == 4_999 {
            c.new_page();
        }
        let y = 20.0 + (i % 5_000) as f32 * 0.15;
        c.text(20.0, y, "x", 4.0, false, Color::BLACK);
    }
    let bytes = c.finish(&meta()).expect("finish");
    let doc = lopdf::Document::load_mem(&bytes).expect("parses");
    assert_eq!(doc.get_pages().len(), 15);
    let streams = doc
        .objects
        .values()
        .filter(|o| {
            o.as_stream()
                .ok()
                .and_then(|s| s.dict.get(b"Type").ok())
                .and_then(|t| t.as_name().ok())
                == Some(&b"ObjStm"[..])
        })
        .count();
    assert!(streams >= 2, "{streams} object streams");
}

/// printpdf's subsets kept DejaVu's 15 KB `name` table (mostly its
/// licence) and `post`; embedded programs carry neither (ISO 32000-1 §9.9:
/// a viewer does not read them, extraction uses `/ToUnicode`).
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
}
