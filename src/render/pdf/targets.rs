//! Mixed teams in the team summary: "who aims where" against where people
//! fit best, and a section per target role (readiness, coverage, single
//! points of failure, shared gaps and the heatmap of the people aiming at
//! it), each drawn with the same parts as a one-role team.

use super::coverage::coverage;
use super::flow::{Align, Doc};
use super::heatmap;
use super::shared_gaps::shared_gaps;
use super::style;
use super::summary::fit_pct;
use super::table::{Cell, Col, Table};
use super::team::{count, failed_line, headlines, people, some_of};
use crate::analysis::target::{Aims, TargetFrom, TargetSection};
use crate::analysis::team::TeamReport;

/// Title mismatches named on page 1.
const MISMATCHES_SHOWN: usize = 3;
/// Unmapped titles named.
const UNMAPPED_SHOWN: usize = 8;
/// People with no target named.
const NO_TARGET_SHOWN: usize = 10;

/// "by job title 8, by best fit 1".
fn from_words(from: &[(TargetFrom, usize)]) -> String {
    from.iter()
        .map(|(f, n)| format!("{} {}", f.words(), count(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sentence of one mismatch: "3 people titled DevOps Engineer
/// (“DevOps Engineer” 2, “Senior DevOps Engineer” 1) fit Site
/// Reliability Engineer best."
fn mismatch(m: &crate::analysis::target::TitleMismatch) -> String {
    let written: Vec<String> = m
        .titles
        .iter()
        .map(|(t, n)| {
            if m.titles.len() == 1 {
                format!("“{t}”")
            } else {
                format!("“{t}” {n}")
            }
        })
        .collect();
    format!(
        "{} {} {} ({}) fit{} {} best.",
        people(m.people),
        if m.answered { "aiming at" } else { "titled" },
        m.aims_at,
        some_of(&written, 4),
        if m.people == 1 { "s" } else { "" },
        m.fit_best
    )
}

/// Page 1's findings for a team whose people aim at several roles.
pub(super) fn mixed_headlines(t: &TeamReport) -> Vec<String> {
    let mut out = Vec::new();
    let nn = count(t.people);
    let parts: Vec<String> = t
        .targets
        .iter()
        .map(|s| format!("{} {}", s.title, count(s.report.people)))
        .collect();
    out.push(format!(
        "The {nn} people aim at {} roles: {}. Each role has its own section below: readiness, \
         coverage, single points of failure, shared gaps and a heatmap of the people aiming at it.",
        t.targets.len(),
        parts.join(", ")
    ));
    if let Some(a) = &t.aims {
        for m in a.mismatches.iter().take(MISMATCHES_SHOWN) {
            out.push(mismatch(m));
        }
    }
    for s in &t.targets {
        out.push(section_line(s));
    }
    if let Some(a) = &t.aims
        && !a.unmapped.is_empty()
    {
        out.push(unmapped_line(a));
    }
    out.extend(failed_line(t));
    out
}

/// One role's state in a sentence: ready, nobody covers, single points.
fn section_line(s: &TargetSection) -> String {
    let r = &s.report;
    let ready = r
        .readiness
        .iter()
        .find(|x| x.role == s.role)
        .map_or(0, |x| x.ready);
    let mut bits = vec![format!("{} of {} ready", count(ready), count(r.people))];
    let uncovered: Vec<String> = r.uncovered().map(|c| c.name.clone()).collect();
    if !uncovered.is_empty() {
        bits.push(format!("nobody covers {}", some_of(&uncovered, 2)));
    }
    let spof = r.single_points_of_failure().count();
    if spof > 0 {
        bits.push(format!(
            "{spof} skill{} rest{} on one person",
            if spof == 1 { "" } else { "s" },
            if spof == 1 { "s" } else { "" }
        ));
    }
    if let Some(g) = r.shared_gaps(1).first() {
        bits.push(format!("biggest shared gap {}", g.name));
    }
    format!("{}: {}.", s.title, bits.join("; "))
}

fn unmapped_line(a: &Aims) -> String {
    let list: Vec<String> = a
        .unmapped
        .iter()
        .map(|(t, n)| format!("“{t}” ({n})"))
        .collect();
    format!(
        "{} job title{} or target answer{} name{} no role compared, so those people aim by \
         the next source (job title, the team's role if one was given, else best fit): {}.",
        a.unmapped.len(),
        if a.unmapped.len() == 1 { "" } else { "s" },
        if a.unmapped.len() == 1 { "" } else { "s" },
        if a.unmapped.len() == 1 { "s" } else { "" },
        some_of(&list, UNMAPPED_SHOWN)
    )
}

/// "Who aims where": per target role, how many aim at it and where they
/// fit best; the titles whose holders fit another role best; the titles
/// that map to no role; the people with no target.
pub(super) fn aims(doc: &mut Doc, t: &TeamReport) {
    let Some(a) = &t.aims else { return };
    if t.people == 0 {
        return;
    }
    let mut tab = Table::new(
        vec![
            Col::new("Target role", 0.26, Align::Left),
            Col::new("Aiming at it", 0.12, Align::Right),
            Col::new("Fit it best", 0.12, Align::Right),
            Col::new("Fit another role best", 0.36, Align::Left),
            Col::new("No closest fit yet", 0.14, Align::Right),
        ],
        "Who aims where",
    );
    for r in &a.rows {
        let other: Vec<String> = r
            .fit_other
            .iter()
            .map(|(title, n)| format!("{title} {n}"))
            .collect();
        tab.row(vec![
            Cell::new(r.title.clone(), style::CELL.bold()),
            Cell::plain(count(r.aiming)),
            Cell::plain(format!(
                "{} ({})",
                count(r.fit_it_best),
                fit_pct(r.fit_it_best as f64 * 100.0 / r.aiming.max(1) as f64)
            )),
            if other.is_empty() {
                Cell::muted("–")
            } else {
                Cell::plain(other.join(", "))
            },
            Cell::plain(count(r.no_fit)),
        ]);
    }
    let intro = format!(
        "Each person's target role comes from a target-role column, else their job title \
         (matched to the roles' names and aliases), else the team's role if one was given, \
         else their best fit. \
         Here: {}. Fit it best counts those whose closest fit (as in their report: judged, not \
         too close to call) is the role they aim at.",
        from_words(&a.from)
    );
    doc.page_break();
    doc.heading(
        "Who aims where",
        doc.para_height(&intro, style::SMALL) + 4.0 + tab.lead_height(doc),
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    tab.draw(doc);
    if !a.mismatches.is_empty() {
        let lines: Vec<String> = a.mismatches.iter().take(12).map(mismatch).collect();
        doc.subheading(
            "Titles and best fits that disagree",
            style::BODY.leading() * 2.0,
        );
        doc.bullets(&lines, style::BODY);
        if a.mismatches.len() > 12 {
            doc.para(
                &format!(
                    "and {} more combinations: team-summary.csv has title, target_role and best_fit for everyone.",
                    a.mismatches.len() - 12
                ),
                style::SMALL,
            );
        }
    }
    if !a.unmapped.is_empty() {
        doc.subheading("Titles that name no role", style::BODY.leading() * 2.0);
        doc.bullets(
            &[
                unmapped_line(a),
                "Add a title as an alias of a role (aliases = [...] in roles/<role>.toml in a \
                 templates folder of your own; the README says how) to map it, or give a \
                 target-role column."
                    .to_string(),
            ],
            style::BODY,
        );
    }
    if !a.no_target.is_empty() {
        doc.subheading("No target role", style::BODY.leading() * 2.0);
        doc.para(
            &format!(
                "{} {} no title, no target answer and no closest fit yet (too few ratings to \
                 judge, or too close to call), so no role section counts them: {}. Give the \
                 team a target role to aim everyone without a title at one role.",
                people(a.no_target.len()),
                if a.no_target.len() == 1 {
                    "has"
                } else {
                    "have"
                },
                some_of(&a.no_target, NO_TARGET_SHOWN)
            ),
            style::BODY,
        );
    }
}

/// People in the heatmap of one section: the sections share
/// [`heatmap::MAX_PEOPLE`] rows, but each shows at least this many.
const SECTION_HEATMAP_MIN: usize = 100;

/// A section per target role.
pub(super) fn sections(doc: &mut Doc, t: &TeamReport) {
    let cap = (heatmap::MAX_PEOPLE / t.targets.len().max(1)).max(SECTION_HEATMAP_MIN);
    for s in &t.targets {
        let r = &s.report;
        if r.people == 0 {
            continue;
        }
        doc.page_break();
        let intro = format!(
            "{} {} at {} ({}). Everything in this section counts only them, against what {} \
             requires.",
            people(r.people),
            if r.people == 1 { "aims" } else { "aim" },
            s.title,
            from_words(&s.from),
            s.title
        );
        doc.heading(
            &format!("Aiming at {}: {}", s.title, people(r.people)),
            doc.para_height(&intro, style::SMALL) + style::BODY.leading() * 3.0,
        );
        doc.para(&intro, style::SMALL);
        doc.y += 4.0;
        doc.bullets(&headlines(r), style::BODY);
        if let Some(x) = r.readiness.iter().find(|x| x.role == s.role) {
            let judged = x.ranking.len().saturating_sub(x.not_judged);
            let top: Vec<String> = x
                .ranking
                .iter()
                .take(judged.min(8))
                .map(|(p, f)| format!("{p} {}", fit_pct(*f)))
                .collect();
            if !top.is_empty() {
                doc.para(
                    &format!(
                        "Closest to {} (rated enough to judge): {}.",
                        s.title,
                        top.join(", ")
                    ),
                    style::SMALL,
                );
            }
        }
        if !r.coverage.is_empty() {
            coverage(doc, r);
            shared_gaps(doc, r);
            heatmap::heatmap_of(doc, r, cap);
        }
    }
}
