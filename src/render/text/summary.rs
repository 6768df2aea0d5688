//! Page 1 in the terminal, as on the PDF: who and when, fit per role with
//! bars, the direction and the DevOps-or-SRE box, what to work on first and
//! what is already strong.

use super::{Text, bar, clean, pad};
use crate::analysis::devops_or_sre::{DevopsOrSre, effort};
use crate::analysis::report::Report;
use crate::model::{
    COVERAGE_MIN, DecidingSkill, RateNext, RatingState, UnratedPolicy, level_label,
};
use crate::render::plan_words;
use crate::text::{num, pct};
use std::fmt::Write;

/// Gaps shown in the terminal; the PDF and JSON carry all of them.
const TOP_GAPS: usize = 5;

impl Text {
    /// The person, the dates and the input; a warning when nothing matched.
    pub(super) fn header(&self, o: &mut String, r: &Report) -> std::fmt::Result {
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
    pub(super) fn fits(&self, o: &mut String, r: &Report) -> std::fmt::Result {
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
    pub(super) fn answer(&self, o: &mut String, r: &Report) -> std::fmt::Result {
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
    pub(super) fn gaps(&self, o: &mut String, r: &Report) -> std::fmt::Result {
        if let Some(best) = plan_words::gaps_role(r) {
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
                let gaps = plan_words::in_plan_order(r, best);
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
                    .and_then(|p| plan_words::prerequisites(p, TOP_GAPS))
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
