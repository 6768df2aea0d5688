//! Page 1's "DevOps or SRE?" box: the answer in one sentence, both paths'
//! fit, coverage and hours to ready, what decides it, what would tip it,
//! and where to read about the question.

use super::super::flow::Doc;
use super::super::style::{self, Font};
use crate::analysis::devops_or_sre::{DevopsOrSre, PathFit, effort};
use crate::analysis::report::Report;
use crate::model::{Call, RatingState};
use crate::text::num;

/// How many deciding or tipping skills the box names.
const NAMED: usize = 3;

/// One line of the box: text, style, and a link over it.
struct Line {
    text: String,
    font: Font,
    url: Option<String>,
    gap_before: f32,
}

/// Draws the box when the report compares both roles.
pub fn devops_or_sre(doc: &mut Doc, r: &Report) {
    let Some(x) = &r.devops_or_sre else { return };
    let pad = 8.0;
    let inner = doc.width() - 2.0 * pad - 4.0;
    let mut lines: Vec<Line> = Vec::new();
    let mut push = |doc: &Doc, text: &str, font: Font, gap: f32, url: Option<&str>| {
        for (i, l) in doc.wrap(text, inner, font).into_iter().enumerate() {
            lines.push(Line {
                text: l,
                font,
                url: url.map(str::to_string),
                gap_before: if i == 0 { gap } else { 0.0 },
            });
        }
    };
    push(doc, "DevOps or SRE?", style::H2, 0.0, None);
    push(doc, &x.sentence, style::BODY.bold(), 2.0, None);
    // Fits to a tenth when the report is too close to call, as its bars.
    let tenths = r
        .direction
        .as_ref()
        .is_some_and(|d| d.call == crate::model::Call::TooClose);
    for p in [&x.sre, &x.devops] {
        push(doc, &path_line(p, tenths), style::BODY, 2.0, None);
    }
    let mut sure = format!("{}.", x.how_sure());
    if let Some(i) = &x.interest {
        sure.push(' ');
        sure.push_str(i);
    }
    push(doc, &sure, style::SMALL, 2.0, None);
    for text in deciding_lines(r, x) {
        push(doc, &text, style::SMALL, 2.0, None);
    }
    push(doc, "Read on the question:", style::SMALL, 3.0, None);
    for s in &x.sources {
        push(
            doc,
            &s.title,
            style::SMALL.color(style::ACCENT),
            0.0,
            Some(&s.url),
        );
    }

    draw_box(doc, &lines, pad);
}

/// The box: a shaded panel with an accent bar, its lines, links
/// underlined.
fn draw_box(doc: &mut Doc, lines: &[Line], pad: f32) {
    let h: f32 = lines
        .iter()
        .map(|l| l.gap_before + l.font.leading())
        .sum::<f32>()
        + 2.0 * pad;
    doc.space(12.0);
    doc.ensure(h);
    let (left, w) = (doc.left(), doc.width());
    let top = doc.y;
    doc.rect_fill(left, top, w, h, style::ZEBRA);
    doc.rect_fill(left, top, 3.0, h, style::ACCENT);
    let mut y = top + pad;
    let tx = left + pad + 4.0;
    for l in lines {
        y += l.gap_before;
        doc.text(tx, y + l.font.size, &l.text, l.font);
        if let Some(url) = &l.url {
            let tw = doc.measure(&l.text, l.font);
            doc.line(
                tx,
                y + l.font.size + 1.2,
                tx + tw,
                y + l.font.size + 1.2,
                0.4,
                style::ACCENT,
            );
            doc.link(tx, y, tw, l.font.leading(), url);
        }
        y += l.font.leading();
    }
    doc.y = top + h;
}

/// "What decides it: …" (unless the fit table above already compares the
/// two roles) and, when the call is open, "Would tip it: …".
fn deciding_lines(r: &Report, x: &DevopsOrSre) -> Vec<String> {
    let mut out = Vec::new();
    let same_pair = r.direction.as_ref().is_some_and(|d| {
        let pair = [d.best.as_str(), d.runner_up.as_deref().unwrap_or_default()];
        pair.contains(&x.sre.id.as_str()) && pair.contains(&x.devops.id.as_str())
    });
    if !same_pair && !x.deciding.is_empty() {
        let items: Vec<String> = x
            .deciding
            .iter()
            .take(NAMED)
            .map(|d| {
                format!(
                    "{} {} ({}) → {}",
                    d.name,
                    d.rating.map_or("–".to_string(), num),
                    d.needs,
                    d.favours_name
                )
            })
            .collect();
        out.push(format!("What decides it: {}.", items.join("; ")));
    }
    if matches!(x.call, Call::TooClose | Call::NotEnough) && !x.rate_next.is_empty() {
        let items: Vec<String> = x
            .rate_next
            .iter()
            .take(NAMED)
            .map(|t| match t.state {
                RatingState::NotAsked => format!("{} (not in this survey; {})", t.name, t.why),
                _ => format!("{} ({})", t.name, t.why),
            })
            .collect();
        out.push(format!("Would tip it: {}.", items.join("; ")));
    }
    out
}

/// "Site Reliability Engineer: 97%, 9 of 26 skills rated (44%) · 80% or
/// more already on the skills you rated".
fn path_line(p: &PathFit, tenths: bool) -> String {
    format!("{}: {} · {}", p.title, p.standing_in(tenths), effort(p))
}
