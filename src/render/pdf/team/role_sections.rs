//! Per-role detail of the team summary, after the overview: a section per
//! role someone aims at or is named for, listing every person aiming at
//! it, and a "not placed yet" list of the people with no role at all, so
//! that everyone appears somewhere. What the role requires that nobody
//! (or only one person) meets is measured over the whole team.

use super::super::flow::{Align, Doc};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use super::overview::{NB, plural};
use crate::analysis::overview::{Member, RoleLine};
use crate::analysis::target::{Aims, TitleMismatch};
use crate::analysis::team::TeamReport;
use crate::model::Verdict;
use crate::text::fit_pct;
use crate::text::num;
use crate::text::{and_list, thousands as count};

/// Most people listed in one role's section (team-summary.csv and
/// team-summary.json list everyone).
const MEMBERS_SHOWN: usize = 100;
/// Most names in the "not placed yet" list.
const NOT_PLACED_SHOWN: usize = 300;

fn member_row(m: &Member, role: &RoleLine) -> Vec<Cell> {
    let gaps: Vec<String> = m
        .gaps
        .iter()
        .map(|(n, v, l)| format!("{n}{NB}{}{NB}→{NB}{l}", num(*v)))
        .collect();
    vec![
        Cell::plain(m.person.clone()),
        match &m.named {
            Some(n) if *n == role.title => Cell::plain("this role"),
            Some(n) => Cell::plain(n.clone()),
            None => Cell::muted("none yet"),
        },
        Cell::plain(m.fit.map_or("–".into(), fit_pct)).sub(
            m.coverage
                .map_or(String::new(), |c| format!("{}{NB}rated", fit_pct(c))),
            style::TINY,
        ),
        if m.ready {
            Cell::new("ready", style::CELL.bold())
        } else if !m.judged {
            Cell::muted("not judged")
        } else {
            Cell::muted("not yet")
        },
        gaps_cell(m, gaps),
    ]
}

/// The gaps, or what else holds "ready" back: defining skills not rated
/// (the decision's rule asks for every one), named.
fn gaps_cell(m: &Member, gaps: Vec<String>) -> Cell {
    let unrated = (!m.ready && !m.unrated_defining.is_empty()).then(|| {
        format!(
            "not rated, needed to judge ready: {}",
            and_list(&m.unrated_defining)
        )
    });
    match (gaps.is_empty(), unrated) {
        (true, None) => Cell::muted("–"),
        (true, Some(u)) => Cell::plain(u),
        (false, None) => Cell::plain(gaps.join(", ")),
        (false, Some(u)) => Cell::plain(gaps.join(", ")).sub(u, style::TINY),
    }
}

/// A section follows on (its heading kept with its first rows) and starts
/// a new page only where it would leave a short tail on the next one and
/// fits whole there ([`Doc::start_whole`]): no page holds only a few rows
/// or only the job-titles note, and a small team's summary stays short.
fn section(doc: &mut Doc, t: &TeamReport, r: &RoleLine) {
    doc.start_whole(|d| section_body(d, t, r));
    section_body(doc, t, r);
}

fn section_body(doc: &mut Doc, t: &TeamReport, r: &RoleLine) {
    let mut lines = Vec::new();
    lines.push(format!(
        "{} {} at it; {} {} it; {} of all {} {} ready for it.",
        plural(r.aiming, "person", "people"),
        if r.aiming == 1 { "aims" } else { "aim" },
        plural(r.named, "report", "reports"),
        if r.named == 1 { "names" } else { "name" },
        count(r.ready),
        count(t.people),
        if r.ready == 1 { "is" } else { "are" }
    ));
    if !r.nobody.is_empty() {
        lines.push(format!(
            "Nobody in the team meets the level it asks for {}.",
            and_list(&r.nobody)
        ));
    }
    if !r.single.is_empty() {
        let s: Vec<String> = r
            .single
            .iter()
            .map(|(skill, l, who)| format!("only {who} has {skill} ≥{NB}{l}"))
            .collect();
        lines.push(format!("Across the whole team, {}.", and_list(&s)));
    }
    let mut tab = Table::new(
        vec![
            Col::new("Person", 0.22, Align::Left),
            Col::new("Their report names", 0.19, Align::Left),
            Col::new("Fit", 0.10, Align::Right),
            Col::new("Ready", 0.10, Align::Left),
            Col::new(
                "Biggest gaps for this role (rating → level)",
                0.39,
                Align::Left,
            ),
        ],
        r.title.clone(),
    );
    for m in r.members.iter().take(MEMBERS_SHOWN) {
        tab.row(member_row(m, r));
    }
    if r.members.len() > MEMBERS_SHOWN {
        lines.push(format!(
            "The first {} by name are listed; team-summary.csv lists all {}.",
            count(MEMBERS_SHOWN),
            count(r.members.len())
        ));
    }
    doc.heading(
        &format!("{}: {}", r.title, plural(r.aiming, "person", "people")),
        style::BODY.leading() * 2.0
            + if r.members.is_empty() {
                0.0
            } else {
                tab.lead_height(doc)
            },
    );
    doc.bullets(&lines, style::BODY);
    if !r.members.is_empty() {
        doc.y += 4.0;
        tab.draw(doc);
    }
}

/// Title mismatches and unmapped titles named.
const TITLES_SHOWN: usize = 8;

/// "3 people titled DevOps Engineer (“DevOps Engineer” 2 and “Senior
/// DevOps Engineer” 1) fit Site Reliability Engineer best."
fn mismatch(m: &TitleMismatch) -> String {
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
        plural(m.people, "person", "people"),
        if m.answered { "aiming at" } else { "titled" },
        m.aims_at,
        and_list(&written),
        if m.people == 1 { "s" } else { "" },
        m.fit_best
    )
}

/// Where job titles and the reports disagree, and titles that name no
/// role: what a manager checks before reading the sections as placed.
fn titles(doc: &mut Doc, a: &Aims) {
    let mut lines: Vec<String> = a
        .mismatches
        .iter()
        .take(TITLES_SHOWN)
        .map(mismatch)
        .collect();
    if !a.unmapped.is_empty() {
        let list: Vec<String> = a
            .unmapped
            .iter()
            .take(TITLES_SHOWN)
            .map(|(t, n)| format!("“{t}” ({n})"))
            .collect();
        lines.push(format!(
            "{} {} no role compared, so those people are placed by the role their report names: {}.",
            plural(a.unmapped.len(), "job title or target answer", "job titles or target answers"),
            if a.unmapped.len() == 1 { "names" } else { "name" },
            and_list(&list)
        ));
    }
    if lines.is_empty() {
        return;
    }
    doc.heading(
        "Job titles and what the reports say",
        style::BODY.leading() * 3.0,
    );
    doc.bullets(&lines, style::BODY);
}

/// A section per role in play, then the people placed in none.
pub(in crate::render::pdf) fn role_sections(doc: &mut Doc, t: &TeamReport) {
    if let Some(a) = &t.aims {
        titles(doc, a);
    }
    // Only roles someone aims at or is named for: a role in play only
    // because nobody is placed yet has nothing to detail.
    for r in t.overview.roles.iter().filter(|r| r.aiming + r.named > 0) {
        section(doc, t, r);
    }
    let left = &t.overview.not_placed;
    if !left.is_empty() {
        let mut names: Vec<String> = left
            .iter()
            .take(NOT_PLACED_SHOWN)
            .map(|p| {
                let why = match p.why {
                    Some(Verdict::TooClose) => "too close to call",
                    Some(Verdict::TooEarly) => "too early to choose",
                    _ => "not enough ratings",
                };
                format!("{} ({why})", p.person)
            })
            .collect();
        if left.len() > NOT_PLACED_SHOWN {
            names.push(format!(
                "{} more (team-summary.csv lists them)",
                count(left.len() - NOT_PLACED_SHOWN)
            ));
        }
        let text = format!(
            "{} {} no job title or target answer that names a role, and their report names \
             none yet, so no role section lists them: {}.",
            plural(left.len(), "person", "people"),
            if left.len() == 1 { "has" } else { "have" },
            and_list(&names)
        );
        doc.heading(
            "Not placed yet",
            doc.para_height(&text, style::BODY)
                .min(style::BODY.leading() * 4.0),
        );
        doc.para(&text, style::BODY);
    }
}
