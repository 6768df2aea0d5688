//! The terminal summary: fit per role with bars, the direction, top gaps,
//! strengths and what could not be used.

use super::{Render, Rendered};
use crate::analysis::report::Report;
use crate::text::num;

// The sections, in the PDF's order: page 1 (who, fit, direction, gaps),
// what changed, what others said and what the person wants, the plan, the
// notes.
mod notes;
mod opinions;
mod plan;
mod progress;
mod summary;

/// Plain text, with ANSI colour when `color` is set.
pub struct Text {
    /// Use ANSI colours (only on a terminal, never with NO_COLOR).
    pub color: bool,
}

const BAR: usize = 24;

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
            progress::progress_section(&mut o, self, p)?;
        }
        self.answer(&mut o, r)?;
        self.gaps(&mut o, r)?;
        if let Some(x) = &r.raters {
            opinions::raters_section(&mut o, self, x)?;
        }
        self.wanted(&mut o, r)?;
        if let Some(plan) = &r.plan {
            plan::plan_section(&mut o, self, r, plan)?;
        }
        self.notes(&mut o, r)?;
        Ok(o.into_bytes().into())
    }
}

fn level_or_dash(v: Option<f64>) -> String {
    v.map_or("–".to_string(), num)
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
