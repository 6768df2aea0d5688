//! The general path through printpdf, for documents drawing with a face the
//! direct writer cannot embed (CFF/OpenType outlines, or a TrueType file
//! [`super::subset`] rejects). Slower, same drawing.
//!
//! printpdf 0.12 is not deterministic out of the box; this module removes
//! every source of variation it has:
//! - `PdfDocument::add_font` names fonts with a process-global counter (the
//!   name is the `/Font` resource key and its first 6 chars the subset tag):
//!   fonts are inserted directly into `resources.fonts.map` under ids derived
//!   from a hash of the face name and the glyph ids used
//!   ([`super::embed::subset_tag`]);
//! - the trailer `/ID` is two counter-based strings: the document is turned
//!   into a `lopdf::Document`, its `/ID` is set to a fixed placeholder, it is
//!   written, and the placeholder is overwritten (same length) with an
//!   FNV-1a-128 hash of the written bytes;
//! - dates come from [`Meta::date`] (midnight UTC), never the clock;
//! - XMP metadata (which would carry a random instance id) is not written:
//!   the default conformance does not ask for it.
//!
//! The fonts' `name` and `post` tables are dropped afterwards
//! ([`slim_pdf`]), as the direct writer does.

use std::collections::BTreeSet;

use lopdf::{Document, Object};
use printpdf::{
    Actions, BorderArray, ColorArray, FontId, HighlightingMode, Line, LineCapStyle, LinePoint,
    LinkAnnotation, Op as PdfOp, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
    TextRenderingMode,
};

use super::content::{Area, FAKE_BOLD_STROKE, Hatch, Op, Page, Rgb};
use super::embed::subset_tag;
use super::finish::{Meta, fnv1a_128};
use super::{Canvas, PdfError};

/// 32 ASCII characters, the length of the hex hash that replaces it.
const ID_PLACEHOLDER: &[u8; 32] = b"@@PDF-ID-PLACEHOLDER-0123456789@";

fn color(c: Rgb) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb::new(c.0[0], c.0[1], c.0[2], None))
}

fn rect(a: &Area, mode: Option<PaintMode>) -> Rect {
    Rect {
        x: Pt(a.x),
        y: Pt(a.y),
        width: Pt(a.w),
        height: Pt(a.h),
        mode,
        winding_order: None,
    }
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// printpdf operations for `page`, fonts named by `ids[slot]`, hatching
/// styles `hatches`.
fn convert(page: Page, ids: &[FontId], hatches: &[Hatch]) -> Vec<PdfOp> {
    let mut out = Vec::with_capacity(page.ops.len() * 4);
    for op in &page.ops {
        match op {
            Op::Text { color: c, runs } => {
                let col = color(*c);
                out.push(PdfOp::StartTextSection);
                out.push(PdfOp::SetFillColor { col: col.clone() });
                for run in page.runs(runs) {
                    if run.fake_bold {
                        out.push(PdfOp::SetTextRenderingMode {
                            mode: TextRenderingMode::FillStroke,
                        });
                        out.push(PdfOp::SetOutlineColor { col: col.clone() });
                        out.push(PdfOp::SetOutlineThickness {
                            pt: Pt(run.size * FAKE_BOLD_STROKE),
                        });
                    }
                    out.push(PdfOp::SetFont {
                        font: PdfFontHandle::External(ids[run.slot].clone()),
                        size: Pt(run.size),
                    });
                    out.push(PdfOp::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(run.x), Pt(run.y)),
                    });
                    out.push(PdfOp::ShowText {
                        items: vec![TextItem::Text(page.text(run).to_string())],
                    });
                    if run.fake_bold {
                        out.push(PdfOp::SetTextRenderingMode {
                            mode: TextRenderingMode::Fill,
                        });
                    }
                }
                out.push(PdfOp::EndTextSection);
            }
            Op::FillRect { area, color: c } => {
                out.push(PdfOp::SetFillColor { col: color(*c) });
                out.push(PdfOp::DrawRectangle {
                    rectangle: rect(area, Some(PaintMode::Fill)),
                });
            }
            Op::StrokeRect {
                area,
                width,
                color: c,
            } => {
                out.push(PdfOp::SetOutlineColor { col: color(*c) });
                out.push(PdfOp::SetOutlineThickness { pt: Pt(*width) });
                out.push(PdfOp::DrawRectangle {
                    rectangle: rect(area, Some(PaintMode::Stroke)),
                });
            }
            Op::Line {
                from,
                to,
                width,
                color: c,
            } => {
                out.push(PdfOp::SetOutlineColor { col: color(*c) });
                out.push(PdfOp::SetOutlineThickness { pt: Pt(*width) });
                out.push(PdfOp::SetLineCapStyle {
                    cap: LineCapStyle::Butt,
                });
                out.push(PdfOp::DrawLine {
                    line: Line {
                        points: vec![point(from.0, from.1), point(to.0, to.1)],
                        is_closed: false,
                    },
                });
            }
            Op::Hatch { area, style } => {
                let hatch = &hatches[*style];
                for (x0, y0, x1, y1) in hatch.lines(area.w) {
                    out.push(PdfOp::SetOutlineColor {
                        col: color(hatch.color),
                    });
                    out.push(PdfOp::SetOutlineThickness {
                        pt: Pt(hatch.width),
                    });
                    out.push(PdfOp::SetLineCapStyle {
                        cap: LineCapStyle::Butt,
                    });
                    out.push(PdfOp::DrawLine {
                        line: Line {
                            points: vec![
                                point(area.x + x0, area.y + y0),
                                point(area.x + x1, area.y + y1),
                            ],
                            is_closed: false,
                        },
                    });
                }
            }
            Op::Link { area, url } => {
                out.push(PdfOp::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect(area, None),
                        Actions::Uri(url.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        Some(HighlightingMode::Invert),
                    ),
                });
            }
        }
    }
    out
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

fn date((y, m, d): (i32, u8, u8)) -> printpdf::DateTime {
    printpdf::DateTime::new_in_offset(
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
    )
}

/// Serializes `canvas` through printpdf (fonts subset by allsorts).
pub(crate) fn finish(canvas: Canvas, meta: &Meta) -> Result<Vec<u8>, PdfError> {
    let date = date(meta.date);
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = meta.creator.clone();
    info.producer = meta.creator.clone();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    // Fonts under content-derived ids.
    let used: Vec<BTreeSet<u16>> = canvas
        .used
        .iter()
        .map(|u| u.set().into_iter().map(|(g, _)| g).collect())
        .collect();
    let mut ids = vec![FontId(String::new()); canvas.slots.len()];
    for (&key, &slot) in &canvas.slots {
        let face = canvas
            .fonts
            .face(key)
            .ok_or_else(|| PdfError::Render(format!("font {key:?} used but not loaded")))?;
        let id = FontId(format!(
            "{}{slot}",
            subset_tag(&face.name, used[slot].iter().copied())
        ));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(face.font.clone()));
        ids[slot] = id;
    }

    let (w, h) = (Pt(canvas.size.width()), Pt(canvas.size.height()));
    let hatches = canvas.hatches;
    doc.pages = canvas
        .pages
        .into_iter()
        .map(|page| PdfPage {
            media_box: Rect::from_wh(w, h),
            trim_box: Rect::from_wh(w, h),
            crop_box: Rect::from_wh(w, h),
            ops: convert(page, &ids, &hatches),
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
    slim_fonts(&mut lo);

    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    lo.compress();
    let mut out = Vec::new();
    lo.save_modern(&mut out)
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

/// Tables left out of embedded fonts.
const DROP: [&[u8; 4]; 2] = [b"name", b"post"];

/// `font` (a TrueType file) without `name` and `post`, or `None` when it
/// has neither or is not a well-formed single font.
pub(crate) fn slim_font(font: &[u8]) -> Option<Vec<u8>> {
    let t = super::subset::Tables::read(font, 0)?;
    if !t.is_truetype() || !t.tags().any(|tag| DROP.contains(&tag)) {
        return None;
    }
    let tables = t
        .tags()
        .filter(|tag| !DROP.contains(tag))
        .map(|tag| Some((*tag, t.get(tag)?.to_vec())))
        .collect::<Option<Vec<_>>>()?;
    Some(super::subset::assemble(t.version(), tables))
}

/// Rewrites every uncompressed `/FontFile2` program of `doc` without the
/// fonts' `name` and `post` tables.
fn slim_fonts(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        let Object::Stream(stream) = obj else {
            continue;
        };
        if stream.dict.get(b"Length1").is_err() || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        if let Some(slim) = slim_font(&stream.content) {
            stream
                .dict
                .set("Length1", Object::Integer(slim.len() as i64));
            stream.set_plain_content(slim);
        }
    }
}
