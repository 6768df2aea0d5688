//! The closing notes: the input, what was not rated or not recognised, how
//! ratings were combined, the rating scale and the fit formula.

use super::super::flow::Doc;
use super::super::style;
use crate::analysis::report::Report;
use crate::model::{LEVELS, RatingState, UnratedPolicy};

/// The unknown skill names with their line and a suggestion.
pub fn unknown_list(doc: &mut Doc, r: &Report) {
    let pairs: Vec<(String, String)> = r
        .unknown_skills
        .iter()
        .map(|u| {
            let hint = match &u.suggestion {
                Some(s) => format!("did you mean “{s}”?"),
                None => "no close match in the catalogue".to_string(),
            };
            (format!("“{}”", u.name), format!("line {}: {hint}", u.line))
        })
        .collect();
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    let key_w = doc.key_width(&keys, style::CELL.bold(), 90.0, 0.45);
    doc.pairs(&pairs, key_w, style::CELL.bold(), style::BODY);
}

/// "your ratings of 2026-07-21 in t.csv": what the report reads, in a
/// reader's words (the file by its name; the full path is in the JSON).
pub fn based_on(r: &Report) -> String {
    let file = match r.source.as_str() {
        "-" | "" => "the standard input".to_string(),
        s => std::path::Path::new(s)
            .file_name()
            .map_or(s.to_string(), |n| n.to_string_lossy().into_owned()),
    };
    match r.assessed_on {
        Some(d) => format!("your ratings of {d} in {file}"),
        None => format!("your ratings in {file} (not dated)"),
    }
}

/// Draws the notes section. It is the report's last: when it would end
/// with a short spill onto a page of its own, its scale and formula are
/// set tighter so it stays on this page, or, failing that, the whole
/// section starts on a new page when it fits there.
pub fn notes(doc: &mut Doc, r: &Report) {
    let (pages, end) = doc.probe(|d| draw(d, r, false));
    if pages == 1 {
        return draw(doc, r, false);
    }
    if doc.probe(|d| draw(d, r, true)).0 == 1 {
        return draw(doc, r, true);
    }
    let short = end - style::MARGIN_TOP < doc.page_height() / 3.0;
    let top = style::MARGIN_TOP;
    if short
        && doc
            .probe(|d| {
                d.y = top;
                draw(d, r, false)
            })
            .0
            == 1
    {
        doc.page_break();
    }
    draw(doc, r, false);
}

fn draw(doc: &mut Doc, r: &Report, compact: bool) {
    let lead = style::BODY.leading();
    doc.heading("Notes", lead * 3.0);
    about(doc, r);
    // With nothing rated, page 1 already says there is nothing to judge.
    if !r.unrated.is_empty() && r.rated_skills > 0 {
        unrated(doc, r);
    }
    if !r.unknown_skills.is_empty() && r.rated_skills > 0 {
        doc.subheading("Skill names that did not match (not counted)", lead * 2.0);
        unknown_list(doc, r);
    }
    if !r.notes.is_empty() {
        doc.subheading("How ratings were combined", lead * 2.0);
        doc.bullets(&r.notes, style::BODY);
    }
    scale_and_formula(doc, r, compact);
}

/// What the report is based on: the input, the skills rated, the roles
/// compared and the date.
fn about(doc: &mut Doc, r: &Report) {
    let roles: Vec<&str> = r.roles.iter().map(|f| f.title.as_str()).collect();
    let mut about = vec![
        ("Based on".to_string(), based_on(r)),
        (
            "Rated skills".to_string(),
            format!(
                "{} catalogue skill{}",
                r.rated_skills,
                if r.rated_skills == 1 { "" } else { "s" }
            ),
        ),
    ];
    if !roles.is_empty() {
        about.push(("Roles compared".to_string(), roles.join(", ")));
    }
    about.push(("Report date".to_string(), r.generated_on.to_string()));
    doc.pairs(&about, 90.0, style::CELL.bold(), style::BODY);
}

/// Required skills without a rating: asked but not rated, and not asked
/// by this input, with how the fit counts them.
fn unrated(doc: &mut Doc, r: &Report) {
    let lead = style::BODY.leading();
    {
        let names = |state: RatingState| -> Vec<String> {
            r.unrated
                .iter()
                .filter(|u| u.state == state)
                .map(|u| {
                    if u.left_blank {
                        format!("{} (left blank)", u.name)
                    } else {
                        u.name.clone()
                    }
                })
                .collect()
        };
        let counted = match r.unrated_policy {
            UnratedPolicy::Skip => "left out of every fit (never counted as 0) and not planned",
            UnratedPolicy::Zero => "counted as 0 (--unrated zero)",
        };
        let (not_rated, not_asked) = (names(RatingState::NotRated), names(RatingState::NotAsked));
        if !not_rated.is_empty() {
            doc.subheading("Not rated", lead * 2.0);
            doc.para(
                &format!(
                    "Asked, but without a rating from you; {counted}: {}.",
                    not_rated.join(", ")
                ),
                style::BODY,
            );
        }
        if !not_asked.is_empty() {
            doc.subheading("Not in this survey", lead * 2.0);
            // A skill name that did not match may be one of them: the
            // list is only as sure as the reading of the input.
            let unless = if r.unknown_skills.is_empty() {
                ""
            } else {
                " A skill name of the input that did not match (below) may be one of them."
            };
            doc.para(
                &format!(
                    "Required by a compared role, but the input asks nobody about them; {counted}: {}.{unless}",
                    not_asked.join(", ")
                ),
                style::BODY,
            );
        }
    }
}

/// The rating scale and how fit is calculated. They close the report
/// together: one is never left alone on a last page.
fn scale_and_formula(doc: &mut Doc, r: &Report, compact: bool) {
    let lead = style::BODY.leading();
    let formula = "fit = 100 × Σ w·min(rating, required) / Σ w·required";
    let zero = r.unrated_policy == UnratedPolicy::Zero;
    let (margin, ready) = (
        (crate::model::DECISION_MARGIN * 100.0).round(),
        crate::model::READY_FIT,
    );
    let explained = format!(
        "{} w is the requirement's weight (3 core, 2 important, 1 nice to have). A rating \
         above the required level counts only up to it. Coverage = Σ w·required over the \
         skills you rated / the same over all the role requires: how much of the role the fit \
         rests on. A gap is required − rating; its priority is weight × gap. The role named \
         comes from each role's defining skills (what a hiring manager looks for first), not \
         from the fit: a role is named when at least half of them are rated, one is met and it \
         shows the most of them; a specialism shown about as well as DevOps is named over it; \
         two roles whose defining skills are shown within {margin} points of each other are \
         too close to call. Ready means every defining \
         skill rated, a fit of {ready}% or more, no core skill a level short and none two \
         levels short.",
        if zero {
            "Summed over every skill a role requires; a skill not rated counts as 0 \
             (--unrated zero)."
        } else {
            "Summed over the skills a role requires that you rated: a skill without a \
             rating is never a number."
        }
    );
    let explained = explained.as_str();
    let body = if compact { style::SMALL } else { style::BODY };
    // The formula and its explanation, kept with their heading.
    let fit_h = doc.para_height(formula, body.bold()) + 2.0 + doc.para_height(explained, body);
    let formula_h = fit_h + style::SUBSECTION_GAP + style::H2.leading() + style::TITLE_GAP;
    if compact {
        // The scale as one paragraph instead of six rows.
        let scale: Vec<String> = LEVELS
            .iter()
            .map(|(n, label, meaning)| format!("{n} {label}: {meaning}"))
            .collect();
        let scale = scale.join(" · ");
        doc.subheading("Rating scale", doc.para_height(&scale, body) + formula_h);
        doc.para(&scale, body);
    } else {
        doc.subheading(
            "Rating scale",
            (lead + 2.0) * LEVELS.len() as f32 + formula_h,
        );
        let scale: Vec<(String, String)> = LEVELS
            .iter()
            .map(|(n, label, meaning)| (format!("{n}  {label}"), meaning.to_string()))
            .collect();
        doc.pairs(&scale, 90.0, style::CELL.bold(), style::BODY);
    }
    doc.subheading("How fit is calculated", fit_h);
    doc.para(formula, body.bold());
    doc.y += 2.0;
    doc.para(explained, body);
}
