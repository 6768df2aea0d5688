//! The team summary PDF (`team-summary.pdf`), for the manager of the team:
//!
//! - page 1: the team at a glance: headline findings in plain sentences,
//!   which role people fit best, and who is ready for which role;
//! - [`coverage`](super::coverage) of every requirement of the reference
//!   role: how many people meet it, single points of failure flagged;
//! - the biggest [`shared gaps`](super::shared_gaps) with the catalogue's
//!   training to organise;
//! - [`heatmap`](super::heatmap): people × skills shaded by gap, paginated
//!   with its header and key on every page.
//!
//! Like the personal report, everything goes through [`Doc`], which cleans
//! control and bidi characters out of every string before it is drawn.

use super::coverage::coverage;
use super::flow::{Align, Doc, clean};
use super::shared_gaps::shared_gaps;
use super::style::{self};
use super::summary::fit_pct;
use super::table::{Cell, Col, Table};
use super::{Finish, Pdf, finish, heatmap};
use crate::analysis::team::{SkillCoverage, TeamReport};
use crate::model::{COVERAGE_MIN, Resource};
use crate::render::Rendered;
use crate::text::num;

/// Shared gaps listed with training.
pub(super) const SHARED_GAPS: usize = 8;
/// People named per role in the readiness table.
const TOP_PEOPLE: usize = 5;
/// Fit at which someone counts as ready (as in [`crate::analysis::team`]).
const READY_AT: &str = "80%";

/// Renders the team summary.
pub fn render_team(pdf: &Pdf, t: &TeamReport) -> anyhow::Result<Rendered> {
    let mut doc = Doc::new(&pdf.fonts, pdf.paper);
    front(&mut doc, t);
    super::movement::movement(&mut doc, t);
    super::targets::aims(&mut doc, t);
    if t.people > 0 && !t.coverage.is_empty() {
        doc.page_break();
        coverage(&mut doc, t);
        shared_gaps(&mut doc, t);
        heatmap::heatmap(&mut doc, t);
    }
    super::targets::sections(&mut doc, t);
    super::groups::groups(&mut doc, t);
    finish(
        doc,
        &Finish {
            running: &running_label(t),
            date: t.generated_on,
            title: "Team skills summary".into(),
            subject: format!(
                "Team coverage, single points of failure, shared gaps and readiness: {}",
                clean(&t.reference_title)
            ),
            warn_as: "team-summary.pdf: ",
        },
    )
}

/// The running label of pages 2+: the title and the reference role.
fn running_label(t: &TeamReport) -> String {
    let head = match &t.scope {
        Some(s) => format!("Team skills summary · {s}"),
        None => "Team skills summary".to_string(),
    };
    if t.reference_title.is_empty() {
        head
    } else {
        format!("{head} · measured against {}", t.reference_title)
    }
}

// ---- words -------------------------------------------------------------------

/// "1 person" / "3 people".
pub(super) fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{} people", count(n))
    }
}

/// A count with thousands separators: 10,000.
pub(crate) fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A total of levels: one decimal when small, whole levels when large.
pub(super) fn levels(v: f64) -> String {
    if v.abs() >= 100.0 {
        count(v.round().max(0.0) as usize)
    } else {
        num((v * 10.0).round() / 10.0)
    }
}

/// "A", "A and B", "A, B and C".
pub(super) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// "A, B, C" for the first `max`, then "and N more".
pub(super) fn some_of(items: &[String], max: usize) -> String {
    if items.len() <= max {
        return and_list(items);
    }
    format!("{} and {} more", items[..max].join(", "), items.len() - max)
}

/// A training suggestion in a few words: “Title” (course, 12 h).
pub(super) fn resource_short(r: &Resource) -> String {
    format!(
        "“{}” ({}, {} h)",
        r.title,
        r.kind.label().to_lowercase(),
        r.hours
    )
}

/// The findings of page 1, most urgent first, as plain sentences.
pub(crate) fn headlines(t: &TeamReport) -> Vec<String> {
    if !t.targets.is_empty() {
        return super::targets::mixed_headlines(t);
    }
    let mut out = Vec::new();
    let n = t.people;
    if n == 0 {
        out.push(format!(
            "No one's ratings could be read ({} failed): see errors.csv, fix the rows it lists and run again.",
            count(t.failed)
        ));
        return out;
    }
    let nn = count(n);
    let title = &t.reference_title;
    if let Some(r) = t.readiness.iter().find(|r| r.role == t.reference_role) {
        out.push(match (r.ready, r.ranking.first()) {
            (0, Some((p, f))) => format!(
                "Nobody is ready for {} yet (as each personal report says: its defining skills rated, fit {READY_AT} or more, no core skill a level short); the closest is {p} at {}.",
                r.title,
                fit_pct(*f)
            ),
            (k, _) => format!(
                "{} of {nn} {} ready for {} (as each personal report says).",
                count(k),
                if k == 1 { "is" } else { "are" },
                r.title
            ),
        });
    }
    // Nobody at the required level, core skills first.
    let mut uncovered: Vec<&SkillCoverage> = t.uncovered().collect();
    uncovered.sort_by(|a, b| b.weight.cmp(&a.weight).then(b.required.cmp(&a.required)));
    let names: Vec<String> = uncovered.iter().map(|c| c.name.clone()).collect();
    match names.len() {
        0 if !t.coverage.is_empty() => out.push(format!(
            "Every skill {title} requires{} is covered: at least one person meets each required level.",
            if t.not_assessed().next().is_some() { " that the survey asked" } else { "" }
        )),
        0 => {}
        1..=3 => out.push(format!("Nobody covers {}.", and_list(&names))),
        k => out.push(format!(
            "Nobody covers {k} of the {} skills {title} requires, among them {}.",
            t.coverage.len(),
            and_list(&names[..3])
        )),
    }
    // Single points of failure, grouped by the one person.
    let mut spof: Vec<(String, Vec<String>)> = Vec::new();
    for c in t.single_points_of_failure() {
        let who = c.covered_by.first().cloned().unwrap_or_default();
        match spof.iter_mut().find(|(p, _)| *p == who) {
            Some((_, skills)) => skills.push(c.name.clone()),
            None => spof.push((who, vec![c.name.clone()])),
        }
    }
    if spof.len() <= 3 {
        for (who, skills) in &spof {
            out.push(format!("Only {who} covers {}.", some_of(skills, 4)));
        }
    } else {
        let total: usize = spof.iter().map(|(_, s)| s.len()).sum();
        let examples: Vec<String> = spof
            .iter()
            .take(2)
            .map(|(who, s)| format!("only {who} covers {}", s[0]))
            .collect();
        out.push(format!(
            "{total} skills rest on a single person each ({} people in all): {}; see Coverage.",
            spof.len(),
            examples.join(", ")
        ));
    }
    // With no gap in coverage to report, the thinnest coverage.
    if spof.is_empty()
        && names.is_empty()
        && let Some(c) = t
            .coverage
            .iter()
            .filter(|c| c.covered < n && (c.rated > 0 || c.with_gap > 0))
            .min_by(|a, b| a.covered.cmp(&b.covered).then(b.weight.cmp(&a.weight)))
    {
        out.push(format!(
            "Thinnest coverage: {}: {} of {nn} ({}) meet level {}.",
            c.name,
            count(c.covered),
            fit_pct(c.covered as f64 * 100.0 / n as f64),
            c.required
        ));
    }
    // Skills no survey asked: not assessed, never a gap or a training need.
    let unasked: Vec<String> = t.not_assessed().map(|c| c.name.clone()).collect();
    if !unasked.is_empty() {
        out.push(format!(
            "{} of the {} skills {title} requires {} not in this survey, so {} not assessed: {}.",
            unasked.len(),
            t.coverage.len(),
            if unasked.len() == 1 { "was" } else { "were" },
            if unasked.len() == 1 {
                "it is"
            } else {
                "they are"
            },
            some_of(&unasked, 4)
        ));
        // A column the reader did not understand may hold one of them:
        // "not in this survey" is then only as sure as the reading.
        if let Some(last) = out.last_mut().filter(|_| !t.not_understood.is_empty()) {
            last.push_str(
                " Some columns of the input were not understood (see below); one of them may \
                 be about these skills.",
            );
        }
    }
    // Asked but left blank: say so when it drives the picture.
    let missing: usize = t.coverage.iter().map(|c| c.not_rated).sum();
    let cells = n * t.coverage.len();
    if cells > 0 && missing * 5 >= cells && !t.not_understood.is_empty() {
        // The survey was answered; the tool did not understand all of it.
        out.push(format!(
            "{} of the ratings {title} needs are missing and count as 0; the input holds skill \
             names or columns this tool did not understand (listed below), so map those first.",
            fit_pct(missing as f64 * 100.0 / cells as f64)
        ));
    } else if cells > 0 && missing * 5 >= cells {
        out.push(format!(
            "{} of the answers {title} needs were left blank ({}): ask people to fill them in.",
            fit_pct(missing as f64 * 100.0 / cells as f64),
            if t.unrated_zero {
                "counted as 0, so some gaps may just be unanswered"
            } else {
                "left out, never counted as 0"
            }
        ));
    }
    if let Some(g) = t.shared_gaps(1).first() {
        let mut s = format!(
            "Biggest shared gap: {}: {} of {nn} below the required level {}.",
            g.name,
            count(g.with_gap),
            g.required
        );
        if let Some(r) = g.training.first() {
            s.push_str(&format!(" Training to organise: {}.", resource_short(r)));
        }
        out.push(s);
    }
    // Where most people fit best, when more fit another role than the
    // reference role (e.g. the role was chosen with --role).
    let reference_count = t
        .best_fit_counts
        .iter()
        .find(|c| c.0 == t.reference_role)
        .map_or(0, |c| c.2);
    if let Some((_, best_title, k)) = t
        .best_fit_counts
        .iter()
        .filter(|c| c.2 > reference_count)
        .max_by(|a, b| a.2.cmp(&b.2).then(b.0.cmp(&a.0)))
    {
        out.push(format!(
            "{} of {nn} fit {best_title} best; the coverage and heatmap below are measured against {title}.",
            count(*k)
        ));
    }
    out.extend(failed_line(t));
    out
}

/// The headline about people whose data failed, when anyone's did.
pub(super) fn failed_line(t: &TeamReport) -> Option<String> {
    (t.failed > 0).then(|| {
        format!(
            "{} could not be read and {} left out of this summary; errors.csv says why.",
            people(t.failed),
            if t.failed == 1 { "is" } else { "are" }
        )
    })
}

/// Per coverage skill: how many people gave no rating (not rated, or not
/// asked by their survey).
pub(super) fn unrated_counts(t: &TeamReport) -> Vec<usize> {
    t.coverage
        .iter()
        .map(|c| c.not_rated + c.not_asked)
        .collect()
}

// ---- page 1 ------------------------------------------------------------------------

fn front(doc: &mut Doc, t: &TeamReport) {
    let x = doc.left();
    let k = style::KICKER;
    doc.text(x, doc.y + k.size, "SKILLGAP · TEAM", k);
    doc.y += k.leading() + 4.0;
    let f = style::NAME;
    doc.begin(super::draw::Tag::H1);
    doc.text(x, doc.y + f.size, "Team skills summary", f);
    doc.end();
    doc.y += f.leading() + 2.0;
    let mut meta = vec![format!("Report {}", t.generated_on)];
    meta.extend(t.scope.clone());
    meta.push(if t.failed > 0 {
        format!("{} ({} failed)", people(t.people), count(t.failed))
    } else {
        people(t.people)
    });
    if !t.reference_title.is_empty() && t.people > 0 {
        meta.push(format!("measured against {}", t.reference_title));
    }
    doc.para(&meta.join("  ·  "), style::BODY.color(style::MUTED));
    doc.y += 8.0;
    doc.rule(style::RULE);
    doc.y += 6.0;

    doc.subheading("Headlines", style::BODY.leading() * 2.0);
    doc.bullets(&headlines(t), style::BODY);
    not_understood(doc, t);
    if t.people > 0 {
        best_fit_bars(doc, t);
        readiness(doc, t);
    }
}

/// Most input files listed in the "Not understood" box; the rest are
/// counted (batch prints them all).
const NOT_UNDERSTOOD_SHOWN: usize = 4;

/// What the inputs held that no report uses, so that a gap caused by a
/// skill name the tool did not know is not mistaken for a skill nobody has.
fn not_understood(doc: &mut Doc, t: &TeamReport) {
    if t.not_understood.is_empty() {
        return;
    }
    doc.subheading("Not understood in the input", style::BODY.leading() * 2.0);
    let mut lines: Vec<String> = t
        .not_understood
        .iter()
        .take(NOT_UNDERSTOOD_SHOWN)
        .map(|l| {
            if l.chars().count() > 300 {
                l.chars().take(300).collect::<String>() + "…"
            } else {
                l.clone()
            }
        })
        .collect();
    let more = t.not_understood.len().saturating_sub(NOT_UNDERSTOOD_SHOWN);
    if more > 0 {
        lines.push(format!(
            "and {more} more input file(s): see the batch output"
        ));
    }
    lines.push(
        "Ratings under these names are in no report. Add the names as aliases in skills.toml \
         (--templates), or say which column is which with --columns, and run again."
            .to_string(),
    );
    doc.bullets(&lines, style::BODY.color(style::MUTED));
}

/// One bar per role: how many people fit it best.
fn best_fit_bars(doc: &mut Doc, t: &TeamReport) {
    if t.best_fit_counts.is_empty() {
        return;
    }
    let row_h = 17.0;
    doc.subheading("Closest fit: how many fit each role best", row_h * 2.0);
    let (x, w) = (doc.left(), doc.width());
    let title_w = (w * 0.33).round();
    let count_w = 96.0;
    let bar_x = x + title_w;
    let bar_w = w - title_w - count_w - 8.0;
    let n = t.people.max(1);
    for (id, title, k) in &t.best_fit_counts {
        doc.ensure(row_h);
        let top = doc.y;
        let reference = *id == t.reference_role;
        let tf = if reference {
            style::BODY.bold()
        } else {
            style::BODY
        };
        let (tt, tf) = doc.fit(title, title_w - 8.0, tf);
        doc.text(x, top + 11.5, &tt, tf);
        let (bh, by) = (9.0, top + 4.0);
        doc.rect_fill(bar_x, by, bar_w, bh, style::ZEBRA);
        let fw = bar_w * (*k as f32) / (n as f32);
        let fill = if reference {
            style::ACCENT
        } else {
            style::ACCENT_SOFT
        };
        doc.rect_fill(bar_x, by, fw, bh, fill);
        doc.rect_stroke(bar_x, by, bar_w, bh, 0.4, style::RULE);
        let share = (*k as f64) * 100.0 / (n as f64);
        let label = format!("{}  ·  {}", people(*k), fit_pct(share));
        let (label, lf) = doc.fit(&label, count_w, style::BODY);
        doc.text_at(doc.right(), top + 11.5, &label, lf, Align::Right);
        doc.y = top + row_h;
    }
    let placed: usize = t.best_fit_counts.iter().map(|c| c.2).sum();
    if placed < t.people {
        doc.y += 2.0;
        doc.para(
            &format!(
                "{} {} no closest fit yet (too few ratings to judge, too close to call, or nothing rated).",
                people(t.people - placed),
                if t.people - placed == 1 { "has" } else { "have" }
            ),
            style::SMALL,
        );
    }
}

/// Per role: how many are ready, and the closest people.
fn readiness(doc: &mut Doc, t: &TeamReport) {
    if t.readiness.is_empty() {
        return;
    }
    let mut tab = Table::new(
        vec![
            Col::new("Role", 0.27, Align::Left),
            Col::new("Ready", 0.17, Align::Right),
            Col::new(format!("Closest {TOP_PEOPLE}, with fit"), 0.56, Align::Left),
        ],
        "Readiness per role",
    );
    for r in &t.readiness {
        // The ranking lists people rated enough to judge first.
        let judged = r.ranking.len().saturating_sub(r.not_judged);
        let top: Vec<String> = r
            .ranking
            .iter()
            .enumerate()
            .take(TOP_PEOPLE)
            .map(|(i, (p, f))| {
                if i < judged {
                    format!("{p} {}", fit_pct(*f))
                } else {
                    format!("{p} {} (few rated)", fit_pct(*f))
                }
            })
            .collect();
        let title = if r.role == t.reference_role {
            style::CELL.bold()
        } else {
            style::CELL
        };
        tab.row(vec![
            Cell::new(r.title.clone(), title),
            Cell::new(
                format!("{} of {}", count(r.ready), count(t.people)),
                if r.ready > 0 {
                    style::CELL.bold()
                } else {
                    style::CELL.color(style::MUTED)
                },
            ),
            if top.is_empty() {
                Cell::muted("–")
            } else {
                Cell::plain(top.join("  ·  "))
            },
        ]);
    }
    let intro = format!(
        "Fit is the share of a role's weighted requirements met, over the skills each person \
         rated (as in the personal reports). Ready is the personal reports' rule: the role's \
         defining skills rated, a fit of {READY_AT} or more, no core skill a level short and no \
         skill two levels short. People rated too little on a role to judge (under \
         {COVERAGE_MIN}% of it) are listed after the others."
    );
    doc.subheading(
        "Readiness per role",
        doc.para_height(&intro, style::SMALL) + 4.0 + tab.lead_height(doc),
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    tab.draw(doc);
}

// ---- coverage ------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::team::Readiness;
    use crate::model::ResourceKind;
    use crate::render::pdf::draw::{Fonts, PageSize};

    fn skill(i: usize, covered: usize, covered_by: &[&str]) -> SkillCoverage {
        SkillCoverage {
            skill: format!("s{i}"),
            name: format!("Skill number {i}"),
            category: "Category".into(),
            required: 3,
            weight: if i.is_multiple_of(2) { 3 } else { 2 },
            covered,
            covered_by: covered_by.iter().map(|s| s.to_string()).collect(),
            total_gap: 10.0,
            with_gap: 5,
            rated: 5 + covered,
            not_rated: 1,
            not_asked: 0,
            training: vec![Resource {
                id: format!("r{i}"),
                skill: format!("s{i}"),
                kind: ResourceKind::Course,
                title: "A course\u{202E} with a long title".into(),
                provider: "Provider".into(),
                url: Some(if i == 0 {
                    "javascript:alert(1)".into()
                } else {
                    format!("https://example.org/{i}")
                }),
                hours: 8,
                from: 0,
                to: 3,
                requires: vec![],
                ..Default::default()
            }],
        }
    }

    /// A team of `n`, the first person's name hostile.
    fn team(n: usize) -> TeamReport {
        let name = |i: usize| {
            if i == 0 {
                "Eve\u{202E}lin \u{1b}[31mRed".to_string()
            } else {
                format!("Person {i:05}")
            }
        };
        let coverage: Vec<SkillCoverage> = (0..26)
            .map(|i| match i {
                0 => skill(i, 0, &[]),
                1 => skill(i, 1, &["Person 00001"]),
                2 => skill(i, 2, &["Person 00001", "Person 00002"]),
                _ => skill(i, n / 2, &[]),
            })
            .collect();
        let heatmap = (0..n)
            .map(|i| {
                let gaps = (0..26)
                    .map(|j| ((i + j) % 7 != 0).then_some(((i * 3 + j) % 9) as f64 / 2.0))
                    .collect();
                (name(i), gaps)
            })
            .collect();
        TeamReport {
            generated_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            people: n,
            failed: 2,
            reference_role: "sre".into(),
            reference_title: "Site Reliability Engineer".into(),
            best_fit_counts: vec![
                ("devops".into(), "DevOps Engineer".into(), n / 2),
                ("sre".into(), "Site Reliability Engineer".into(), n - n / 2),
            ],
            readiness: vec![Readiness {
                role: "sre".into(),
                title: "Site Reliability Engineer".into(),
                ranking: (0..n).map(|i| (name(i), 90.0 - i as f64 * 0.01)).collect(),
                ready: n / 3,
                not_judged: 0,
            }],
            coverage,
            heatmap,
            not_understood: vec![],
            movement: None,
            unrated_zero: false,
            targets: vec![],
            aims: None,
            groups: vec![],
            scope: None,
        }
    }

    /// Renders `t`: (link targets, page count, text).
    fn render(t: &TeamReport) -> (Vec<String>, usize, String) {
        use lopdf::Object;
        let pdf = Pdf {
            fonts: Fonts::dejavu_only().unwrap(),
            paper: PageSize::A4,
        };
        let bytes = render_team(&pdf, t).expect("renders").bytes;
        let doc = lopdf::Document::load_mem(&bytes).expect("parses");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).unwrap();
        let mut links = Vec::new();
        for (_, page) in doc.get_pages() {
            let page = doc.get_dictionary(page).unwrap();
            let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
                continue;
            };
            for a in annots {
                let a = match a {
                    Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                    other => other.as_dict().unwrap(),
                };
                if let Ok(uri) = a
                    .get(b"A")
                    .and_then(Object::as_dict)
                    .and_then(|act| act.get(b"URI"))
                    .and_then(Object::as_str)
                {
                    links.push(String::from_utf8_lossy(uri).to_string());
                }
            }
        }
        (links, pages.len(), text)
    }

    #[test]
    fn headlines_name_what_matters() {
        let h = headlines(&team(8)).join("\n");
        assert!(h.contains("Nobody covers Skill number 0."), "{h}");
        assert!(
            h.contains("Only Person 00001 covers Skill number 1."),
            "{h}"
        );
        assert!(h.contains("could not be read"), "{h}");
        assert!(h.contains("Biggest shared gap"), "{h}");
    }

    #[test]
    fn huge_teams_are_capped_and_hostile_text_never_reaches_the_page() {
        let (links, pages, text) = render(&team(10_000));
        // 500 rows at about 45 a page, plus page 1, coverage and gaps.
        assert!((12..=20).contains(&pages), "{pages} pages");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("shows the first 500 by name"), "{flat}");
        assert!(flat.contains("Person 00499"));
        assert!(!flat.contains("Person 00500"));
        assert!(
            flat.contains("EvelinRed") || flat.contains("Evelin [31mRed"),
            "{flat}"
        );
        for bad in ['\u{202E}', '\u{1b}'] {
            assert!(!text.contains(bad), "{bad:?} reached the PDF");
        }
        assert!(
            links.iter().any(|l| l == "https://example.org/2"),
            "{links:?}"
        );
        assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    }

    #[test]
    fn an_empty_team_still_renders_one_page() {
        let mut t = team(0);
        t.coverage.clear();
        let (_, pages, text) = render(&t);
        assert_eq!(pages, 1);
        assert!(text.contains("Team skills summary"));
    }

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
        let v: Vec<String> = ["A", "B", "C", "D", "E"].map(String::from).to_vec();
        assert_eq!(some_of(&v, 3), "A, B, C and 2 more");
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(10_000), "10,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(levels(2.5), "2.5");
        assert_eq!(levels(8815.5), "8,816");
    }
}
