//! The terminal summary: fit per role with bars, the direction, top gaps,
//! strengths and what could not be used.

use super::{Render, Rendered};
use crate::analysis::devops_or_sre::{DevopsOrSre, effort};
use crate::analysis::raters::Raters;
use crate::analysis::report::Previous;
use crate::analysis::report::Report;
use crate::model::{
    COVERAGE_MIN, DecidingSkill, RateNext, RatingState, UnratedPolicy, interest_label, level_label,
};
use crate::text::{num, pct, signed};
use std::fmt::Write;

mod plan;

/// Plain text, with ANSI colour when `color` is set.
pub struct Text {
    /// Use ANSI colours (only on a terminal, never with NO_COLOR).
    pub color: bool,
}

const BAR: usize = 24;
const TOP_GAPS: usize = 5;

impl Text {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn heading(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// Pads to a width in characters (not bytes), truncating with "…".
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

fn bar(fit: f64) -> (String, String) {
    let filled = ((fit / 100.0) * BAR as f64).round().clamp(0.0, BAR as f64) as usize;
    ("█".repeat(filled), "░".repeat(BAR - filled))
}

/// A string from a file on one line of a terminal: the one safe-character
/// rule (`text::is_unsafe_char`), line breaks and tabs as single spaces,
/// so names cannot move the cursor or switch the text direction.
fn clean(s: &str) -> String {
    crate::text::clean_name(s)
}

impl Render for Text {
    fn render(&self, r: &Report) -> anyhow::Result<Rendered> {
        let mut o = String::new();
        // In the PDF's order: who and when, fit per role, progress, the
        // answer, what to work on, raters, interests, the plan, notes.
        self.header(&mut o, r)?;
        self.fits(&mut o, r)?;
        if let Some(p) = &r.previous {
            progress_section(&mut o, self, p)?;
        }
        self.answer(&mut o, r)?;
        self.gaps(&mut o, r)?;
        if let Some(x) = &r.raters {
            raters_section(&mut o, self, x)?;
        }
        self.wanted(&mut o, r)?;
        if let Some(plan) = &r.plan {
            plan::plan_section(&mut o, self, r, plan)?;
        }
        self.notes(&mut o, r)?;
        Ok(o.into_bytes().into())
    }
}

impl Text {
    /// The person, the dates and the input; a warning when nothing matched.
    fn header(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        writeln!(
            o,
            "{}",
            self.heading(&format!("Skill-gap report: {}", clean(&r.person)))
        )?;
        let assessed = r
            .assessed_on
            .map_or("date not given".to_string(), |d| d.to_string());
        writeln!(
            o,
            "Assessed {assessed} · report {} · from {}",
            r.generated_on,
            clean(&r.source)
        )?;
        writeln!(o)?;

        if r.rated_skills == 0 {
            writeln!(
                o,
                "No skill in the input matched the catalogue, so every fit below is 0%. \
                 Check the skill names (skillgap check FILE) or start from `skillgap template`."
            )?;
            writeln!(o)?;
        }
        Ok(())
    }

    /// Fit per role with bars, and how fit is counted.
    fn fits(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        writeln!(o, "{}", self.heading("Fit per role"))?;
        let width = r
            .roles
            .iter()
            .map(|f| f.title.chars().count())
            .max()
            .unwrap_or(0)
            .min(32);
        for (i, f) in r.roles.iter().enumerate() {
            let (full, empty) = bar(f.fit);
            let full = if i == 0 {
                self.paint("32", &full)
            } else {
                self.paint("36", &full)
            };
            let judged = if f.judged {
                format!(
                    "{} gap{}",
                    f.gaps.len(),
                    if f.gaps.len() == 1 { "" } else { "s" }
                )
            } else {
                format!("rate {} more to judge", f.to_judge)
            };
            // "Too close to call" gives the fits to a tenth; so does the bar.
            let fit = match r.direction.as_ref().map(|d| d.call) {
                Some(crate::model::Call::TooClose) => format!("{:.1}", f.fit),
                _ => pct(f.fit).to_string(),
            };
            writeln!(
                o,
                "  {}  {full}{empty} {fit:>3}%   rated {:>2}/{:<2} ({:>3}%)   {judged}",
                pad(&f.title, width),
                f.rated,
                f.required,
                pct(f.coverage),
            )?;
        }
        writeln!(
            o,
            "  {}",
            match r.unrated_policy {
                UnratedPolicy::Skip => format!(
                    "Fit is over the skills you rated; \"rated\" is how much of the role (by weight) that is. A role is judged from {COVERAGE_MIN}% rated."
                ),
                UnratedPolicy::Zero => "Skills not rated count as 0 (--unrated zero).".to_string(),
            }
        )?;
        writeln!(o)?;
        Ok(())
    }

    /// The direction and the DevOps-or-SRE box.
    fn answer(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        if let Some(d) = &r.direction {
            writeln!(o, "{}", self.heading("Direction"))?;
            writeln!(o, "  {}", clean(&d.summary))?;
            writeln!(o, "  How sure: {}", d.confidence.label())?;
            deciding_lines(o, &d.deciding)?;
            rate_next_lines(o, "Rate these next", &d.rate_next)?;
            writeln!(o)?;
        }
        if let Some(x) = &r.devops_or_sre {
            // Its deciding skills are already listed when the direction
            // compares the same two roles.
            let same_pair = r.direction.as_ref().is_some_and(|d| {
                let pair = [d.best.as_str(), d.runner_up.as_deref().unwrap_or_default()];
                pair.contains(&x.sre.id.as_str()) && pair.contains(&x.devops.id.as_str())
            });
            // Fits to a tenth when too close to call, as the bars above.
            let tenths = r
                .direction
                .as_ref()
                .is_some_and(|d| d.call == crate::model::Call::TooClose);
            devops_or_sre_section(o, self, x, same_pair, tenths)?;
        }
        Ok(())
    }

    /// What to work on first (or no gaps), and strengths.
    fn gaps(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        if let Some(best) = super::plan_words::gaps_role(r) {
            if best.gaps.is_empty() {
                writeln!(
                    o,
                    "{}",
                    self.heading(&format!("No gaps for {}", best.title))
                )?;
                writeln!(o, "  You meet every requirement of this role.")?;
            } else {
                // Named as on the PDF's page 1.
                let decided = r.direction.as_ref().is_none_or(|d| d.decided());
                let title = if decided {
                    format!("Work on first: top gaps for {}", best.title)
                } else {
                    format!("Gaps among your ratings for {} (provisional)", best.title)
                };
                writeln!(o, "{}", self.heading(&title))?;
                writeln!(
                    o,
                    "  {}  you  need  gap  weight  priority",
                    pad("Skill", 34)
                )?;
                // In the plan's order, as the PDF's "Work on first".
                let gaps = super::plan_words::in_plan_order(r, best);
                for g in gaps.iter().take(TOP_GAPS) {
                    let you = g.rating.map_or("–".to_string(), num);
                    writeln!(
                        o,
                        "  {}  {:>3}  {:>4}  {:>3}  {:>6}  {:>8}",
                        pad(&r.skill_label(&g.skill, &g.name), 34),
                        you,
                        g.required,
                        num(g.gap),
                        g.weight,
                        num(g.priority)
                    )?;
                }
                if let Some(line) = r
                    .plan
                    .as_ref()
                    .and_then(|p| super::plan_words::prerequisites(p, TOP_GAPS))
                {
                    writeln!(o, "  {line}")?;
                }
                if best.gaps.len() > TOP_GAPS {
                    writeln!(
                        o,
                        "  … and {} more (see --format json)",
                        best.gaps.len() - TOP_GAPS
                    )?;
                }
            }
            writeln!(o)?;
            if !best.strengths.is_empty() {
                writeln!(o, "{}", self.heading("Strengths"))?;
                let items: Vec<String> = best
                    .strengths
                    .iter()
                    .map(|s| format!("{} {} ({})", s.name, num(s.rating), level_label(s.rating)))
                    .collect();
                writeln!(o, "  {}", items.join(", "))?;
                writeln!(o)?;
            }
        }
        Ok(())
    }

    /// Skills the person wants to grow.
    fn wanted(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        let wanted: Vec<String> = r
            .wants_to_grow()
            .map(|i| format!("{} ({})", clean(&i.name), interest_label(i.level)))
            .collect();
        if !wanted.is_empty() {
            writeln!(o, "{}", self.heading("Wants to grow"))?;
            writeln!(o, "  {}", wanted.join(", "))?;
            writeln!(
                o,
                "  Where the learning plan closes a gap in these, it starts with them."
            )?;
            writeln!(o)?;
        }
        Ok(())
    }

    /// What was left out: unrated skills, unknown names, notes.
    fn notes(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        let unrated = |state: RatingState| -> Vec<&str> {
            r.unrated
                .iter()
                .filter(|u| u.state == state)
                .map(|u| u.name.as_str())
                .collect()
        };
        let counted = match r.unrated_policy {
            UnratedPolicy::Skip => "left out of the fit",
            UnratedPolicy::Zero => "counted as 0",
        };
        let not_rated = unrated(RatingState::NotRated);
        if !not_rated.is_empty() {
            writeln!(o, "Not rated ({counted}): {}", not_rated.join(", "))?;
        }
        let not_asked = unrated(RatingState::NotAsked);
        if !not_asked.is_empty() {
            writeln!(
                o,
                "Not in this survey ({counted}): {}{}",
                not_asked.join(", "),
                if r.unknown_skills.is_empty() {
                    ""
                } else {
                    " (a skill name below that did not match may be one of them)"
                }
            )?;
        }
        for u in &r.unknown_skills {
            let hint = u
                .suggestion
                .as_ref()
                .map_or(String::new(), |s| format!(" — did you mean \"{s}\"?"));
            writeln!(
                o,
                "Unknown skill \"{}\" (line {}){hint}",
                clean(&u.name),
                u.line
            )?;
        }
        for n in &r.notes {
            writeln!(o, "Note: {}", clean(n))?;
        }
        Ok(())
    }
}

/// "What decides it" lines: the rating, what each role needs, which way it
/// pushes.
fn deciding_lines(o: &mut String, deciding: &[DecidingSkill]) -> std::fmt::Result {
    if deciding.is_empty() {
        return Ok(());
    }
    writeln!(o, "  What decides it:")?;
    for d in deciding {
        writeln!(
            o,
            "    {}: you {}; {} → favours {}",
            clean(&d.name),
            d.rating.map_or("–".to_string(), num),
            d.needs,
            d.favours_name
        )?;
    }
    Ok(())
}

fn rate_next_lines(o: &mut String, title: &str, items: &[RateNext]) -> std::fmt::Result {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(o, "  {title}:")?;
    for t in items {
        let state = match t.state {
            RatingState::NotAsked => " (not in this survey)",
            _ => "",
        };
        writeln!(o, "    {}{state} — {}", clean(&t.name), t.why)?;
    }
    Ok(())
}

fn devops_or_sre_section(
    o: &mut String,
    t: &Text,
    x: &DevopsOrSre,
    same_pair: bool,
    tenths: bool,
) -> std::fmt::Result {
    writeln!(o, "{}", t.heading("DevOps or SRE?"))?;
    writeln!(o, "  {}", clean(&x.sentence))?;
    for p in [&x.sre, &x.devops] {
        writeln!(o, "  {}: {}; {}", p.title, p.standing_in(tenths), effort(p))?;
    }
    writeln!(o, "  {}", x.how_sure())?;
    if let Some(i) = &x.interest {
        writeln!(o, "  {}", clean(i))?;
    }
    if !same_pair {
        deciding_lines(o, &x.deciding)?;
    }
    rate_next_lines(o, "Would tip it", &x.rate_next)?;
    let sources: Vec<String> = x
        .sources
        .iter()
        .map(|s| format!("{} <{}>", s.title, s.url))
        .collect();
    writeln!(o, "  Read: {}", sources.join("; "))?;
    writeln!(o)
}

/// Skill changes shown in the terminal; the PDF and JSON carry all of them.
const TOP_MOVERS: usize = 8;
/// Side-by-side rows shown in the terminal.
const RATER_ROWS: usize = 12;

fn level_or_dash(v: Option<f64>) -> String {
    v.map_or("–".to_string(), num)
}

fn progress_section(o: &mut String, t: &Text, p: &Previous) -> std::fmt::Result {
    let since = p
        .assessed_on
        .map_or("the previous assessment".to_string(), |d| d.to_string());
    writeln!(
        o,
        "{}",
        t.heading(&format!("Progress since {since} ({})", clean(&p.source)))
    )?;
    for f in &p.fits {
        // The change between the rounded figures, so the line adds up.
        let points = pct(f.now) - pct(f.before);
        writeln!(
            o,
            "  Since {since}: {} {}% → {}% ({} point{})",
            clean(&f.title),
            pct(f.before),
            pct(f.now),
            signed(points as f64),
            if points.abs() == 1 { "" } else { "s" }
        )?;
    }
    if p.deltas.is_empty() {
        writeln!(o, "  No skill rating changed.")?;
    } else {
        let mut movers: Vec<_> = p.deltas.iter().collect();
        movers.sort_by(|a, b| b.change.abs().total_cmp(&a.change.abs()));
        let items: Vec<String> = movers
            .iter()
            .take(TOP_MOVERS)
            .map(|d| {
                format!(
                    "{} {} → {} ({})",
                    clean(&d.name),
                    level_or_dash(d.before),
                    level_or_dash(d.now),
                    signed(d.change)
                )
            })
            .collect();
        writeln!(o, "  Skills that moved: {}", items.join(", "))?;
        if p.deltas.len() > TOP_MOVERS {
            writeln!(
                o,
                "  … and {} more; {} unchanged",
                crate::text::counted(p.deltas.len() - TOP_MOVERS, "change", "changes"),
                crate::text::counted(p.unchanged, "skill", "skills")
            )?;
        } else {
            writeln!(
                o,
                "  {} unchanged",
                crate::text::counted(p.unchanged, "skill", "skills")
            )?;
        }
    }
    if !p.milestones_reached.is_empty() {
        let items: Vec<String> = p
            .milestones_reached
            .iter()
            .map(|m| format!("{} {} → {}", clean(&m.name), m.from, m.to))
            .collect();
        writeln!(
            o,
            "  Milestones reached ({}): {}",
            p.milestones_reached.len(),
            items.join(", ")
        )?;
    }
    if !p.milestones_open.is_empty() {
        let items: Vec<String> = p
            .milestones_open
            .iter()
            .map(|m| format!("{} {} → {} (by {})", clean(&m.name), m.from, m.to, m.date))
            .collect();
        writeln!(o, "  Due but not reached yet: {}", items.join(", "))?;
    }
    writeln!(o)
}

fn raters_section(o: &mut String, t: &Text, x: &Raters) -> std::fmt::Result {
    writeln!(
        o,
        "{}",
        t.heading(&clean(&format!(
            "Second opinions: {} (gaps and fit use: {})",
            x.raters.join(", "),
            x.basis
        )))
    )?;
    let cols: Vec<&str> = ["self", "manager", "peer"]
        .into_iter()
        .filter(|c| x.raters.iter().any(|r| r == c))
        .collect();
    // Three columns beyond self, manager and peer fit a terminal.
    let others: Vec<&String> = x
        .raters
        .iter()
        .filter(|r| !matches!(r.as_str(), "self" | "manager" | "peer"))
        .take(3)
        .collect();
    let value = |row: &crate::analysis::raters::RaterRow, c: &str| match c {
        "self" => row.self_rating,
        "manager" => row.manager,
        "peer" => row.peer,
        other => row.other.get(other).copied(),
    };
    // Rows where the raters do not all agree, largest spread first.
    let spread = |row: &crate::analysis::raters::RaterRow| {
        let vals: Vec<f64> = cols
            .iter()
            .copied()
            .chain(others.iter().map(|s| s.as_str()))
            .filter_map(|c| value(row, c))
            .collect();
        let hi = vals.iter().copied().fold(f64::MIN, f64::max);
        let lo = vals.iter().copied().fold(f64::MAX, f64::min);
        if vals.len() > 1 { hi - lo } else { 0.0 }
    };
    let mut rows: Vec<&crate::analysis::raters::RaterRow> =
        x.by_skill.iter().filter(|row| spread(row) > 0.0).collect();
    rows.sort_by(|a, b| spread(b).total_cmp(&spread(a)));
    let head: Vec<String> = cols
        .iter()
        .map(|c| c.to_string())
        .chain(others.iter().map(|s| clean(s)))
        .map(|c| format!("{:>8}", c.chars().take(7).collect::<String>()))
        .collect();
    if rows.is_empty() {
        writeln!(o, "  Every rater gave the same ratings.")?;
    } else {
        writeln!(
            o,
            "  {}{}",
            pad("Skill (where raters differ)", 34),
            head.join("")
        )?;
        for row in rows.iter().take(RATER_ROWS) {
            let cells: Vec<String> = cols
                .iter()
                .copied()
                .chain(others.iter().map(|s| s.as_str()))
                .map(|c| format!("{:>8}", level_or_dash(value(row, c))))
                .collect();
            writeln!(o, "  {}{}", pad(&clean(&row.name), 34), cells.join(""))?;
        }
        if rows.len() > RATER_ROWS {
            writeln!(o, "  … {} more in the PDF or JSON", rows.len() - RATER_ROWS)?;
        }
    }
    if !x.differences.is_empty() {
        writeln!(o, "  Worth a conversation (more than one level apart):")?;
        for d in &x.differences {
            writeln!(o, "    {}", clean(&d.sentence()))?;
        }
    }
    writeln!(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pad_counts_characters_and_truncates() {
        assert_eq!(pad("Żółć", 6), "Żółć  ");
        assert_eq!(pad("abcdef", 4), "abc…");
    }

    #[test]
    fn clean_drops_controls_and_bidi_overrides() {
        assert_eq!(clean("a\u{202E}b\x1b[31mc\n"), "ab[31mc");
    }

    #[test]
    fn bars_are_proportional() {
        assert_eq!(bar(50.0).0.chars().count(), BAR / 2);
        assert_eq!(bar(150.0).1, "");
    }
}
