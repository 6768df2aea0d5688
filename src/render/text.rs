//! The terminal summary: fit per role with bars, the direction, top gaps,
//! strengths and what could not be used.

use super::{Render, Rendered};
use crate::model::{level_label, num, pct};
use crate::report::Report;
use std::fmt::Write;

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

/// Strips control characters so names from files cannot move the cursor
/// or switch the terminal's text direction.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'))
        .collect()
}

impl Render for Text {
    fn render(&self, r: &Report) -> anyhow::Result<Rendered> {
        let mut o = String::new();
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
            writeln!(
                o,
                "  {}  {full}{empty} {:>3}%   {} gap{}",
                pad(&f.title, width),
                pct(f.fit),
                f.gaps.len(),
                if f.gaps.len() == 1 { "" } else { "s" }
            )?;
        }
        writeln!(o)?;

        if let Some(d) = &r.direction {
            writeln!(o, "{}", self.heading("Direction"))?;
            writeln!(o, "  {}", clean(&d.summary))?;
            writeln!(o)?;
        }

        if let Some(best) = r.best() {
            if best.gaps.is_empty() {
                writeln!(
                    o,
                    "{}",
                    self.heading(&format!("No gaps for {}", best.title))
                )?;
                writeln!(o, "  You meet every requirement of this role.")?;
            } else {
                writeln!(
                    o,
                    "{}",
                    self.heading(&format!("Top gaps for {}", best.title))
                )?;
                writeln!(
                    o,
                    "  {}  you  need  gap  weight  priority",
                    pad("Skill", 34)
                )?;
                for g in best.gaps.iter().take(TOP_GAPS) {
                    let you = g.rating.map_or("–".to_string(), num);
                    writeln!(
                        o,
                        "  {}  {:>3}  {:>4}  {:>3}  {:>6}  {:>8}",
                        pad(&g.name, 34),
                        you,
                        g.required,
                        num(g.gap),
                        g.weight,
                        num(g.priority)
                    )?;
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

        if let Some(plan) = &r.plan {
            plan_section(&mut o, self, r, plan)?;
        }

        if !r.unrated.is_empty() {
            let names: Vec<&str> = r.unrated.iter().map(|u| u.name.as_str()).collect();
            writeln!(o, "Not rated (counted as 0): {}", names.join(", "))?;
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
        Ok(o.into_bytes().into())
    }
}

/// Plan items shown in the terminal; the PDF and JSON carry all of them.
const PLAN_ITEMS: usize = 6;

fn plan_section(
    o: &mut String,
    t: &Text,
    r: &Report,
    plan: &crate::plan::Plan,
) -> std::fmt::Result {
    writeln!(
        o,
        "{}",
        t.heading(&format!(
            "Learning plan: {} to {} at {} h/week",
            plan.start,
            plan.horizon_end,
            num(plan.hours_per_week)
        ))
    )?;
    if let Some(goal) = &r.plan_goal {
        writeln!(o, "  {goal}")?;
    }
    if plan.items.is_empty() && plan.later.is_empty() {
        writeln!(
            o,
            "  Nothing to schedule: no catalogue resource matches the remaining gaps."
        )?;
    }
    for item in plan.items.iter().take(PLAN_ITEMS) {
        writeln!(
            o,
            "  {} – {}  {} {} → {}: {} \"{}\" ({}, {} h)",
            item.start,
            item.end,
            clean(&item.name),
            item.from,
            item.to,
            item.resource.kind.label(),
            clean(&item.resource.title),
            clean(&item.resource.provider),
            item.hours
        )?;
    }
    if plan.items.len() > PLAN_ITEMS {
        writeln!(
            o,
            "  … {} more item(s) in the PDF or JSON",
            plan.items.len() - PLAN_ITEMS
        )?;
    }
    if !plan.milestones.is_empty() {
        writeln!(o, "  Milestones:")?;
        for m in &plan.milestones {
            writeln!(
                o,
                "    by {}: {} {} → {}",
                m.date,
                clean(&m.name),
                m.from,
                m.to
            )?;
        }
    }
    if !plan.later.is_empty() {
        writeln!(
            o,
            "  Later (beyond {}): {} item(s), {} h in all",
            plan.horizon_end,
            plan.later.len(),
            plan.later_hours
        )?;
    }
    for u in &plan.uncovered {
        writeln!(
            o,
            "  No resource in the catalogue moves {} beyond level {}.",
            clean(&u.name),
            u.from
        )?;
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
