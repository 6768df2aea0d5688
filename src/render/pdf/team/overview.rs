//! Page 1 of the team summary, for the whole team (or group): the team in
//! three or four sentences, readiness per role by the decision's rule,
//! who to chase for answers and what the input held that was not
//! understood. Every number comes from [`TeamOverview`]; nothing here
//! decides anything.

use super::super::flow::{Align, Doc};
use super::super::style;
use super::super::table::{Cell, Col, Table};
use crate::analysis::overview::{Chase, STRONG, TeamOverview, TeamSkill};
use crate::analysis::team::TeamReport;
use crate::model::Verdict;
use crate::text::num;
use crate::text::{and_list, thousands as count};

/// A no-break space: keeps a number with its label on one line.
pub(in crate::render::pdf) const NB: char = '\u{a0}';

/// "1 person" / "3 people", never wrapped apart.
pub(in crate::render::pdf) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{}{NB}{}", count(n), if n == 1 { one } else { many })
}

/// "A, B, C and 2 more".
fn first_of(items: &[String], max: usize) -> String {
    if items.len() <= max {
        return and_list(items);
    }
    let mut v: Vec<String> = items[..max].to_vec();
    v.push(format!("{}{NB}more", items.len() - max));
    and_list(&v)
}

/// The team's headline in three or four sentences, over everyone.
pub(crate) fn headlines(t: &TeamReport) -> Vec<String> {
    let o = &t.overview;
    let mut out = Vec::new();
    if t.people == 0 {
        out.push(format!(
            "No one's ratings could be read ({} failed): see errors.csv, fix the rows it lists and run again.",
            count(t.failed)
        ));
        return out;
    }
    out.extend(strengths(o));
    out.extend(shared_gaps_line(o));
    out.extend(single_points(o));
    out.extend(chase_line(o));
    if t.failed > 0 {
        out.push(format!(
            "{} could not be read and {} left out of this summary; errors.csv says why.",
            plural(t.failed, "person", "people"),
            if t.failed == 1 { "is" } else { "are" }
        ));
    }
    out
}

/// Skills half the team or more rate at [`STRONG`] or above, most first:
/// one level for every skill, so the order compares like with like.
fn strengths(o: &TeamOverview) -> Option<String> {
    let n = o.people;
    let mut strong: Vec<&TeamSkill> = o.skills.iter().filter(|s| s.strong * 2 >= n).collect();
    strong.sort_by(|a, b| b.strong.cmp(&a.strong).then(a.name.cmp(&b.name)));
    let said = |s: &TeamSkill| {
        format!(
            "{} ({} of {} at{NB}{STRONG}+)",
            s.name,
            count(s.strong),
            count(n),
        )
    };
    if strong.is_empty() {
        let best = o
            .skills
            .iter()
            .filter(|s| s.strong > 0)
            .max_by(|a, b| a.strong.cmp(&b.strong).then(b.name.cmp(&a.name)))?;
        return Some(format!(
            "No skill the team's roles ask is rated {STRONG} or more by half the team yet; the \
             widest is {}.",
            said(best)
        ));
    }
    let names: Vec<String> = strong.iter().take(3).map(|s| said(s)).collect();
    Some(format!("The team is strongest in {}.", and_list(&names)))
}

fn shared_gaps_line(o: &TeamOverview) -> Option<String> {
    if o.training.is_empty() {
        return (!o.skills.is_empty()).then(|| {
            "No shared gaps: no skill has two people or more below the level their role asks."
                .to_string()
        });
    }
    let named = &o.training[..o.training.len().min(3)];
    let items: Vec<String> = named
        .iter()
        .map(|g| {
            format!(
                "{} ({} below)",
                g.name,
                plural(g.people.len(), "person", "people")
            )
        })
        .collect();
    Some(format!(
        "Biggest shared {}: {} the level their role asks; the training for {} comes to {} in all.",
        if items.len() == 1 { "gap" } else { "gaps" },
        and_list(&items),
        if items.len() == 1 { "it" } else { "them" },
        hours(named.iter().map(|g| g.hours).sum())
    ))
}

fn single_points(o: &TeamOverview) -> Option<String> {
    let single: Vec<String> = o
        .skills
        .iter()
        .filter(|s| s.covered == 1)
        .map(|s| {
            format!(
                "only {} has {} ≥{NB}{}",
                s.covered_by.first().map_or("", String::as_str),
                s.name,
                s.level
            )
        })
        .collect();
    let nobody: Vec<String> = o
        .skills
        .iter()
        .filter(|s| s.nobody_meets())
        .map(|s| format!("{} ≥{NB}{}", s.name, s.level))
        .collect();
    match (single.is_empty(), nobody.is_empty()) {
        (true, true) if !o.skills.is_empty() => Some(format!(
            "No single points of failure: every skill the team's roles ask{} is met by two people \
             or more.",
            if o.skills.iter().any(|s| s.not_assessed()) {
                " that the survey asked"
            } else {
                ""
            }
        )),
        (true, true) => None,
        _ => {
            let mut parts = Vec::new();
            if !single.is_empty() {
                parts.push(format!(
                    "single {} of failure: {}",
                    if single.len() == 1 { "point" } else { "points" },
                    first_of(&single, 3)
                ));
            }
            if !nobody.is_empty() {
                parts.push(format!("nobody has {}", or_list(&nobody, 3)));
            }
            let mut s = parts.join("; ");
            if let Some(c) = s.get_mut(0..1) {
                c.make_ascii_uppercase();
            }
            Some(format!("{s}."))
        }
    }
}

/// "A", "A or B", "A, B or C", "A, B, C or 2 more".
fn or_list(items: &[String], max: usize) -> String {
    let mut v: Vec<String> = items[..items.len().min(max)].to_vec();
    if items.len() > max {
        v.push(format!("{}{NB}more", items.len() - max));
    }
    match v.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => v.concat(),
    }
}

/// Who cannot be judged yet, who to chase for it, and what the survey did
/// not ask: one count, from [`TeamOverview::unjudged`].
fn chase_line(o: &TeamOverview) -> Option<String> {
    if o.unjudged == 0 {
        return None;
    }
    let head = format!(
        "{} cannot be judged from the answers yet",
        plural(o.unjudged, "person's role", "people's roles")
    );
    let unasked = (!o.not_asked.skills.is_empty()).then(|| {
        format!(
            "the survey did not ask {}, which would decide it for {}: add them to the next survey",
            first_of(&o.not_asked.skills, 4),
            plural(o.not_asked.people.len(), "person", "people")
        )
    });
    let rest = (!o.not_asked.rest.is_empty()).then(|| {
        let names: Vec<String> = o
            .not_asked
            .rest
            .iter()
            .map(|(p, call)| format!("{p} ({})", call_words(*call)))
            .collect();
        first_of(&names, 3)
    });
    if o.chase.is_empty() {
        let parts: Vec<String> = unasked.into_iter().chain(rest).collect();
        return Some(format!("{head}: {}.", parts.join("; ")));
    }
    let names: Vec<String> = o
        .chase
        .iter()
        .map(|c| {
            if c.skipped > 0 {
                format!(
                    "{} ({} skipped)",
                    c.person,
                    plural(c.skipped, "answer", "answers")
                )
            } else {
                c.person.clone()
            }
        })
        .collect();
    Some(format!(
        "{head}: chase {}{}{}; Who to chase says which answers would decide it.",
        first_of(&names, 3),
        rest.map(|r| format!(", and {r} cannot be chased"))
            .unwrap_or_default(),
        unasked.map(|u| format!("; {u}")).unwrap_or_default()
    ))
}

/// The decision's call in a manager's words.
pub(in crate::render::pdf) fn call_words(call: Option<Verdict>) -> &'static str {
    match call {
        Some(Verdict::TooClose) => "too close to call",
        Some(Verdict::TooEarly) => "too early to choose",
        Some(Verdict::Named) => "their report names another role",
        _ => "not enough ratings",
    }
}

/// "1 hour" / "12 hours".
pub(in crate::render::pdf) fn hours(h: u32) -> String {
    plural(h as usize, "hour", "hours")
}

/// "$1,250".
pub(in crate::render::pdf) fn usd(v: u32) -> String {
    format!("${}", count(v as usize))
}

// ---- page 1 ------------------------------------------------------------------------

/// Page 1: title, headline, readiness per role, who to chase (the first
/// few), not understood.
pub(in crate::render::pdf) fn front(doc: &mut Doc, t: &TeamReport) {
    let x = doc.left();
    let k = style::KICKER;
    doc.text(x, doc.y + k.size, "SKILLGAP · TEAM", k);
    doc.y += k.leading() + 4.0;
    let f = style::NAME;
    doc.begin(super::super::draw::Tag::H1);
    doc.text(x, doc.y + f.size, "Team skills summary", f);
    doc.end();
    doc.y += f.leading() + 2.0;
    let mut meta = vec![format!("Report {}", t.generated_on)];
    meta.extend(t.scope.clone());
    meta.push(if t.failed > 0 {
        format!(
            "{} ({} failed)",
            plural(t.people, "person", "people"),
            count(t.failed)
        )
    } else {
        plural(t.people, "person", "people")
    });
    doc.para(&meta.join("  ·  "), style::BODY.color(style::MUTED));
    doc.y += 8.0;
    doc.rule(style::RULE);
    doc.y += 6.0;
    doc.subheading("The team at a glance", style::BODY.leading() * 2.0);
    doc.bullets(&headlines(t), style::BODY);
    if t.people > 0 {
        readiness(doc, t);
        chase(doc, &t.overview.chase, CHASE_ON_PAGE_1);
    }
    not_understood(doc, t);
}

/// People listed under "Who to chase" on page 1; the rest follow the
/// training.
pub(in crate::render::pdf) const CHASE_ON_PAGE_1: usize = 6;

/// Readiness per role, counted over everyone, by the decision's rule.
fn readiness(doc: &mut Doc, t: &TeamReport) {
    let o = &t.overview;
    // Roles shown only because nobody is placed yet have nothing to count.
    let roles: Vec<_> = o.roles.iter().filter(|r| r.aiming + r.named > 0).collect();
    if roles.is_empty() {
        return;
    }
    let mut tab = Table::new(
        vec![
            Col::new("Role", 0.25, Align::Left),
            Col::new("Aim at it", 0.10, Align::Right),
            Col::new("Named by their report", 0.13, Align::Right),
            Col::new("Ready", 0.09, Align::Right),
            Col::new("Of them not judged yet", 0.11, Align::Right),
            Col::new("Who is ready", 0.32, Align::Left),
        ],
        "Readiness per role",
    );
    for r in roles {
        tab.row(vec![
            Cell::new(r.title.clone(), style::CELL.bold()),
            Cell::plain(count(r.aiming)),
            Cell::plain(count(r.named)),
            Cell::new(
                format!("{}{NB}of{NB}{}", count(r.ready), count(o.people)),
                if r.ready > 0 {
                    style::CELL.bold()
                } else {
                    style::CELL.color(style::MUTED)
                },
            ),
            Cell::plain(count(r.not_judged)),
            if r.ready_people.is_empty() {
                Cell::muted("nobody yet")
            } else {
                Cell::plain(first_of(&r.ready_people, 4))
            },
        ]);
    }
    let intro = format!(
        "The roles someone aims at (job title, target answer, else the role their report names) \
         or is named for, counted over all {}; not judged yet counts the people aiming at it \
         whose answers do not judge it. Ready is the personal reports' rule: the role's \
         defining skills rated, a fit of {}% or more, no core skill a level short and no skill two \
         levels short.",
        plural(o.people, "person", "people"),
        num(crate::model::READY_FIT)
    );
    doc.subheading(
        "Readiness per role",
        doc.para_height(&intro, style::SMALL) + 4.0 + tab.lead_height(doc),
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    tab.draw(doc);
}

/// Who to chase: the first `max` people (all with `usize::MAX`).
pub(in crate::render::pdf) fn chase(doc: &mut Doc, people: &[Chase], max: usize) {
    if people.is_empty() {
        return;
    }
    let mut tab = Table::new(
        vec![
            Col::new("Person", 0.24, Align::Left),
            Col::new("Why their role is unjudged", 0.22, Align::Left),
            Col::new("Answers skipped", 0.12, Align::Right),
            Col::new("Skipped answers that would decide it", 0.42, Align::Left),
        ],
        "Who to chase",
    );
    for c in people.iter().take(max) {
        tab.row(vec![
            Cell::plain(c.person.clone()),
            Cell::plain(match c.call {
                Verdict::TooClose => "too close to call",
                Verdict::TooEarly => "too few ratings yet",
                _ => "not enough ratings",
            }),
            Cell::plain(count(c.skipped)),
            if c.decide.is_empty() {
                Cell::muted("any of the skipped ones")
            } else {
                Cell::plain(first_of(&c.decide, 5))
            },
        ]);
    }
    let intro = format!(
        "{} whose answers leave their role unjudged. Skipped answers are questions the survey \
         asked and they left blank; questions their survey never asked are nobody's to answer.{}",
        plural(people.len(), "person", "people"),
        if people.len() > max && max == CHASE_ON_PAGE_1 {
            format!(
                " The first {} are here; more follow the training.",
                count(max)
            )
        } else if people.len() > max {
            format!(
                " The first {} are listed; team-summary.json lists all {}.",
                count(max),
                count(people.len())
            )
        } else {
            String::new()
        }
    );
    doc.subheading(
        "Who to chase",
        doc.para_height(&intro, style::SMALL) + 4.0 + tab.lead_height(doc),
    );
    doc.para(&intro, style::SMALL);
    doc.y += 4.0;
    tab.draw(doc);
}

/// What a not-understood line says when it holds ratings under skill
/// names the catalogue does not know (see `batch::NotUnderstood::describe`).
const UNKNOWN_NAMES: &str = "not in the catalogue";

/// Most input files listed in the "Not understood" box.
const NOT_UNDERSTOOD_SHOWN: usize = 4;
/// Longest line of the box, in characters (cut at a word).
const NOT_UNDERSTOOD_CHARS: usize = 900;

/// `s` cut at a word before `max` characters, with "…".
fn cut_at_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let at = head.rfind([' ', ',']).unwrap_or(head.len());
    format!("{}…", head[..at].trim_end_matches([',', ' ']))
}

/// What the inputs held that no report uses, so that a gap caused by a
/// skill name the tool did not know is not mistaken for a skill nobody has.
pub(in crate::render::pdf) fn not_understood(doc: &mut Doc, t: &TeamReport) {
    if t.not_understood.is_empty() {
        return;
    }
    let mut lines: Vec<String> = t
        .not_understood
        .iter()
        .take(NOT_UNDERSTOOD_SHOWN)
        .map(|l| cut_at_word(l, NOT_UNDERSTOOD_CHARS))
        .collect();
    let more = t.not_understood.len().saturating_sub(NOT_UNDERSTOOD_SHOWN);
    if more > 0 {
        lines.push(format!(
            "and {} more: the batch run lists them all",
            plural(more, "input file", "input files")
        ));
    }
    // Only unknown skill names need mapping; a comment column needs nothing.
    if t.not_understood.iter().any(|l| l.contains(UNKNOWN_NAMES)) {
        lines.push(
            "Ratings under these names are in no report. Tell whoever runs skillgap which skills \
             they are, so that they can be mapped, and run again."
                .to_string(),
        );
    }
    let h: f32 = lines
        .iter()
        .map(|l| doc.wrap(l, doc.width() - 10.0, style::BODY).len() as f32 * style::BODY.leading())
        .sum();
    // Kept whole: a box cut across pages reads as cut off.
    doc.subheading(
        "Not understood in the input",
        if h < doc.page_height() / 2.0 {
            h
        } else {
            style::BODY.leading() * 2.0
        },
    );
    doc.bullets(&lines, style::BODY.color(style::MUTED));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_stay_with_their_labels_and_agree() {
        assert_eq!(plural(1, "person", "people"), "1\u{a0}person");
        assert_eq!(plural(2, "person", "people"), "2\u{a0}people");
        assert_eq!(hours(1), "1\u{a0}hour");
        assert_eq!(hours(1200), "1,200\u{a0}hours");
        assert_eq!(usd(12345), "$12,345");
        let v: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
        assert_eq!(first_of(&v, 3), "A, B, C and 1\u{a0}more");
        assert_eq!(first_of(&v, 4), "A, B, C and D");
    }

    #[test]
    fn long_lines_are_cut_at_a_word_never_inside_one() {
        let s = "columns not understood: running, monitoring, security ".repeat(30);
        let cut = cut_at_word(&s, 100);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 101);
        let last = cut.trim_end_matches('…').rsplit(' ').next().unwrap();
        assert!(
            [
                "columns",
                "not",
                "understood:",
                "running",
                "monitoring",
                "security"
            ]
            .contains(&last),
            "{cut}"
        );
    }
}
