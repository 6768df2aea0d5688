//! The team summary's biggest shared gaps, each with the catalogue's
//! training to organise for the people who have the gap.

use super::flow::{Align, Doc};
use super::style;
use super::summary::weight_label;
use super::team::{SHARED_GAPS, and_list, count, levels, people, unrated_counts};
use crate::analysis::team::{SkillCoverage, TeamReport};
use crate::model::Resource;

/// A training line laid out: title lines (linked), the details line.
struct Training<'a> {
    r: &'a Resource,
    title: Vec<String>,
    details: String,
}

const KIND_W: f32 = 62.0;
const INDENT: f32 = 16.0;

fn lay_gap<'a>(doc: &Doc, g: &'a SkillCoverage) -> (Vec<Training<'a>>, f32) {
    let w = doc.width() - INDENT - KIND_W;
    let items: Vec<Training<'a>> = g
        .training
        .iter()
        .map(|r| Training {
            r,
            title: doc.wrap(&r.title, w, style::CELL),
            details: format!(
                "{}  ·  {} hour{}  ·  level {} → {}",
                r.provider,
                r.hours,
                if r.hours == 1 { "" } else { "s" },
                r.from,
                r.to
            ),
        })
        .collect();
    let h = style::BODY.leading()
        + style::SMALL.leading()
        + 3.0
        + items
            .iter()
            .map(|i| i.title.len() as f32 * style::CELL.leading() + style::SMALL.leading() + 3.0)
            .sum::<f32>()
        + if items.is_empty() {
            style::SMALL.leading()
        } else {
            0.0
        }
        + 8.0;
    (items, h)
}

pub(super) fn shared_gaps(doc: &mut Doc, t: &TeamReport) {
    let n = t.people;
    let gaps = t.shared_gaps(SHARED_GAPS);
    let title = "Biggest shared gaps: training to organise";
    if gaps.is_empty() {
        doc.heading(title, style::BODY.leading());
        doc.para(
            &format!(
                "No shared gaps: everyone meets every requirement of {}.",
                t.reference_title
            ),
            style::BODY,
        );
        return;
    }
    let intro = "Ranked by how far the team is below the required level in total, core skills \
                 counting three times. Training comes from the learning catalogue, easiest \
                 first; titles link to the source.";
    let laid: Vec<_> = gaps.iter().map(|g| lay_gap(doc, g)).collect();
    let unrated_counts = unrated_counts(t);
    doc.heading(
        title,
        doc.para_height(intro, style::SMALL) + 6.0 + laid[0].1,
    );
    doc.para(intro, style::SMALL);
    doc.y += 6.0;
    let (x, right) = (doc.left(), doc.right());
    for (i, (g, (items, h))) in gaps.iter().zip(&laid).enumerate() {
        doc.ensure(*h);
        let top = doc.y;
        if i > 0 {
            doc.line(x, top, right, top, 0.5, style::RULE);
        }
        // Skill on the left, the numbers on the right, never overlapping.
        let unrated = t
            .coverage
            .iter()
            .position(|c| c.skill == g.skill)
            .and_then(|i| unrated_counts.get(i))
            .copied()
            .unwrap_or(0);
        let stat = format!(
            "{} of {} below level {}{}  ·  {} level{} short in all",
            count(g.with_gap),
            count(n),
            g.required,
            if unrated > 0 {
                format!(" ({} not rated)", count(unrated))
            } else {
                String::new()
            },
            levels(g.total_gap),
            if g.total_gap == 1.0 { "" } else { "s" }
        );
        let (stat, sf) = doc.fit(&stat, doc.width() * 0.5, style::SMALL.color(style::INK));
        let stat_w = doc.measure(&stat, sf);
        let base = top + 4.0 + style::BODY.size;
        doc.text_at(right, base, &stat, sf, Align::Right);
        let (name, nf) = doc.fit(
            &format!("{}. {}", i + 1, g.name),
            doc.width() - stat_w - 12.0,
            style::BODY.bold(),
        );
        doc.text(x, base, &name, nf);
        let mut y = top + 4.0 + style::BODY.leading();
        let mut about = vec![g.category.clone(), weight_label(g.weight).to_string()];
        match g.covered {
            0 => about.push("nobody in the team meets it yet".to_string()),
            _ if !g.covered_by.is_empty() => {
                about.push(format!("can teach it: {}", and_list(&g.covered_by)))
            }
            k => about.push(format!("{} already meet it: pair people up", people(k))),
        }
        let (about, af) = doc.fit(&about.join("  ·  "), doc.width(), style::SMALL);
        doc.text(x, y + af.size, &about, af);
        y += style::SMALL.leading() + 3.0;
        if items.is_empty() {
            let f = style::SMALL.color(style::INK);
            doc.text(
                x + INDENT,
                y + f.size,
                "No training in the catalogue for this skill yet; add some under templates/learning/.",
                f,
            );
        }
        for it in items {
            let kf = style::TINY.bold().color(style::MUTED);
            doc.text(x + INDENT, y + style::CELL.size, it.r.kind.label(), kf);
            let tx = x + INDENT + KIND_W;
            let url = it.r.url.as_deref().and_then(super::flow::safe_url);
            let tf = if url.is_some() {
                style::CELL.color(style::ACCENT)
            } else {
                style::CELL
            };
            for l in &it.title {
                let b = y + tf.size;
                let tw = doc.text(tx, b, l, tf);
                if let Some(u) = &url {
                    doc.line(tx, b + 1.3, tx + tw, b + 1.3, 0.4, tf.color);
                    doc.link(tx, y, tw, tf.leading(), u);
                }
                y += tf.leading();
            }
            let (d, df) = doc.fit(&it.details, right - tx, style::SMALL);
            doc.text(tx, y + df.size, &d, df);
            y += style::SMALL.leading() + 3.0;
        }
        doc.y = top + h;
    }
    let more = t.coverage.iter().filter(|c| c.with_gap > 0).count();
    if more > gaps.len() {
        doc.space(2.0);
        doc.para(
            &format!(
                "{} more skills have gaps; the coverage table lists them all.",
                more - gaps.len()
            ),
            style::SMALL,
        );
    }
}
