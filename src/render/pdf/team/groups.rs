//! `--group-by`: a page per group in the team summary (its people, where
//! they aim and fit, its findings and readiness), pointing to the group's
//! own team-summary-<group>.pdf.

use super::super::flow::{Align, Doc};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use super::overview::headlines;
use crate::analysis::team::TeamReport;
use crate::text::fit_pct;
use crate::text::{people, thousands as count};

/// People named on a group's page.
const NAMED: usize = 40;

/// A page per group.
pub(in crate::render::pdf) fn groups(doc: &mut Doc, t: &TeamReport) {
    for g in &t.groups {
        let r = &g.report;
        doc.page_break();
        // Everyone has a fit for every compared role: the first role's
        // ranking names the whole group.
        let mut names: Vec<&str> = r
            .readiness
            .first()
            .map(|x| x.ranking.iter().map(|(p, _)| p.as_str()).collect())
            .unwrap_or_default();
        names.sort_unstable();
        let shown: Vec<&str> = names.iter().take(NAMED).copied().collect();
        let mut who = shown.join(", ");
        if names.len() > NAMED {
            who.push_str(&format!(" and {} more", count(names.len() - NAMED)));
        }
        let intro = format!(
            "{}: {}. The group's own summary, with its ratings, training and role sections, is {}.",
            people(r.people),
            who,
            g.file
        );
        doc.heading(
            &format!("{} · {}", g.heading(), people(r.people)),
            doc.para_height(&intro, style::SMALL) + style::BODY.leading() * 3.0,
        );
        doc.para(&intro, style::SMALL);
        doc.y += 4.0;
        doc.subheading("Findings", style::BODY.leading() * 2.0);
        let findings: Vec<String> = headlines(r);
        doc.bullets(&findings, style::BODY);
        let mut tab = Table::new(
            vec![
                Col::new("Role", 0.28, Align::Left),
                Col::new("Aiming at it", 0.13, Align::Right),
                Col::new("Fit it best", 0.13, Align::Right),
                Col::new("Ready", 0.16, Align::Right),
                Col::new("Closest (judged)", 0.30, Align::Left),
            ],
            g.heading(),
        );
        for x in &r.readiness {
            let aiming = r
                .aims
                .as_ref()
                .and_then(|a| a.rows.iter().find(|row| row.role == x.role))
                .map_or(0, |row| row.aiming);
            let best = r
                .best_fit_counts
                .iter()
                .find(|c| c.0 == x.role)
                .map_or(0, |c| c.2);
            let top = x
                .ranking
                .first()
                .filter(|_| x.ranking.len() > x.not_judged)
                .map_or("–".to_string(), |(p, f)| format!("{p} {}", fit_pct(*f)));
            tab.row(vec![
                Cell::new(x.title.clone(), style::CELL.bold()),
                Cell::plain(if r.aims.is_some() {
                    count(aiming)
                } else {
                    "–".into()
                }),
                Cell::plain(count(best)),
                Cell::plain(format!("{} of {}", count(x.ready), count(r.people))),
                Cell::plain(top),
            ]);
        }
        doc.subheading("Roles in this group", tab.lead_height(doc));
        tab.draw(doc);
    }
}
