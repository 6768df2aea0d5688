//! Named answer scales (presets) and choosing which one a column uses.
//!
//! A rating word counts only as the whole answer, after a leading number
//! and before an explanation ("4 - Advanced", "Expert - can teach it"):
//! "Advanced beginner" is never read as "Advanced". Several scales share
//! words with different levels (Dreyfus' "Novice" is 1, the NIH
//! proficiency scale's is 2), so the scale is chosen from a column's
//! distinct answers, never answer by answer.

/// A named answer scale: its words and the number each has on the
/// scale's own range, 1..=`top` (or 0..=5 for the built-in levels).
#[derive(Debug, PartialEq)]
pub(crate) struct Preset {
    /// Shown by `check`: "Dreyfus (Novice 1 … Expert 5)".
    pub name: &'static str,
    /// The scale's highest number; levels are number × 5 / top.
    pub top: f64,
    /// Chosen only for answers that carry their number ("2 - Intermediate"):
    /// the same words alone read better on the 0–5 levels.
    pub numbered_only: bool,
    /// Whole-answer words (lower case) and their numbers.
    pub labels: &'static [(&'static str, f64)],
}

/// Labels of the 0–5 scale as surveys word them; a label counts only as
/// the whole answer (see the module's notes).
const LABELS: [(&str, f64); 42] = [
    ("fundamental awareness", 1.0),
    ("no experience", 0.0),
    ("never used it", 0.0),
    ("never used", 0.0),
    ("not familiar", 0.0),
    ("no knowledge", 0.0),
    ("unfamiliar", 0.0),
    ("none", 0.0),
    ("heard of it", 1.0),
    ("heard of", 1.0),
    ("awareness", 1.0),
    ("aware", 1.0),
    ("limited experience", 1.0),
    ("limited knowledge", 1.0),
    ("limited", 1.0),
    ("basic knowledge", 2.0),
    ("basic", 2.0),
    ("beginner", 2.0),
    ("novice", 2.0),
    ("familiar", 2.0),
    ("some experience", 2.0),
    ("elementary", 2.0),
    ("working knowledge", 3.0),
    ("intermediate", 3.0),
    ("competent", 3.0),
    ("practitioner", 3.0),
    ("comfortable", 3.0),
    ("moderate", 3.0),
    ("good", 3.0),
    ("very good", 4.0),
    ("advanced", 4.0),
    ("proficient", 4.0),
    ("strong", 4.0),
    ("experienced", 4.0),
    ("very strong", 5.0),
    ("expert", 5.0),
    ("excellent", 5.0),
    ("master", 5.0),
    ("mastery", 5.0),
    ("authority", 5.0),
    ("can teach it", 5.0),
    ("can teach others", 5.0),
];

/// The 0–5 levels as surveys word them (the default).
pub(crate) const LEVELS: Preset = Preset {
    name: "0–5 levels (none 0 … expert 5)",
    top: 5.0,
    numbered_only: false,
    labels: &LABELS,
};

/// The Dreyfus model of skill acquisition, common in HR tools.
pub(crate) const DREYFUS: Preset = Preset {
    name: "Dreyfus (Novice 1, Advanced beginner 2, Competent 3, Proficient 4, Expert 5)",
    top: 5.0,
    numbered_only: false,
    labels: &[
        ("novice", 1.0),
        ("advanced beginner", 2.0),
        ("competent", 3.0),
        ("proficient", 4.0),
        ("expert", 5.0),
    ],
};

/// The five-step proficiency scale (NIH and many competency frameworks).
pub(crate) const PROFICIENCY_5: Preset = Preset {
    name: "proficiency 1–5 (Fundamental awareness 1, Novice 2, Intermediate 3, Advanced 4, Expert 5)",
    top: 5.0,
    numbered_only: false,
    labels: &[
        ("fundamental awareness", 1.0),
        ("awareness", 1.0),
        ("novice", 2.0),
        ("intermediate", 3.0),
        ("advanced", 4.0),
        ("expert", 5.0),
    ],
};

/// A four-step proficiency scale, read as number × 5/4.
pub(crate) const PROFICIENCY_4: Preset = Preset {
    name: "proficiency 1–4 (Basic 1, Intermediate 2, Advanced 3, Expert 4; read as number × 5/4)",
    top: 4.0,
    numbered_only: true,
    labels: &[
        ("basic", 1.0),
        ("beginner", 1.0),
        ("novice", 1.0),
        ("awareness", 1.0),
        ("intermediate", 2.0),
        ("working", 2.0),
        ("practitioner", 2.0),
        ("advanced", 3.0),
        ("expert", 4.0),
    ],
};

/// Agreement with a statement such as "I can run Kubernetes in production".
pub(crate) const LIKERT: Preset = Preset {
    name: "Likert agreement (Strongly disagree 1 … Strongly agree 5)",
    top: 5.0,
    numbered_only: false,
    labels: &[
        ("strongly disagree", 1.0),
        ("disagree", 2.0),
        ("somewhat disagree", 2.0),
        ("neither agree nor disagree", 3.0),
        ("neutral", 3.0),
        ("somewhat agree", 4.0),
        ("agree", 4.0),
        ("strongly agree", 5.0),
    ],
};

/// Every preset, most specific first: on a tie the earlier one is chosen.
pub(crate) const PRESETS: [&Preset; 5] =
    [&DREYFUS, &PROFICIENCY_5, &PROFICIENCY_4, &LIKERT, &LEVELS];

/// An answer as a leading number and a word part, both optional.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parts {
    /// "4" of "4 - Advanced".
    pub number: Option<f64>,
    /// "advanced" of "4 - Advanced": lower case, spaces collapsed, cut
    /// before an explanation (" - ", ":", "(", ",").
    pub word: Option<String>,
}

/// Splits an answer into its number and its word part.
pub(crate) fn split(text: &str) -> Parts {
    let lower = text.trim().to_lowercase();
    let squeezed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = squeezed
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let (number, rest) = match squeezed.get(..digits).and_then(|n| n.parse::<f64>().ok()) {
        // "3d printing" is a word, not the number 3.
        Some(n) if !squeezed[digits..].starts_with(|c: char| c.is_alphanumeric()) => {
            (Some(n), &squeezed[digits..])
        }
        _ => (None, squeezed.as_str()),
    };
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '=' | '.' | '(' | ')')
    });
    let cut = [" - ", " – ", " — ", ":", "(", ",", ";", "/"]
        .iter()
        .filter_map(|sep| rest.find(sep))
        .min()
        .unwrap_or(rest.len());
    let word = rest
        .get(..cut)
        .unwrap_or(rest)
        .trim()
        .trim_end_matches(['.', '!', '?', ')'])
        .trim();
    Parts {
        number,
        word: (!word.is_empty() && word.chars().any(char::is_alphabetic)).then(|| word.to_string()),
    }
}

impl Preset {
    /// The scale's own number for a whole word.
    pub(crate) fn number_of(&self, word: &str) -> Option<f64> {
        self.labels
            .iter()
            .find(|(label, _)| *label == word)
            .map(|&(_, n)| n)
    }

    /// A number on this scale as a level 0–5.
    pub(crate) fn level(&self, number: f64) -> f64 {
        if self.top == 5.0 {
            number
        } else {
            (number * 5.0 / self.top * 100.0).round() / 100.0
        }
    }

    /// The level of an answer with a word when this scale reads it: the
    /// word is one of its labels and any number given agrees with it.
    pub(crate) fn fits(&self, parts: &Parts) -> Option<f64> {
        let n = self.number_of(parts.word.as_deref()?)?;
        match parts.number {
            Some(given) if given != n => None,
            None if self.numbered_only => None,
            _ => Some(self.level(n)),
        }
    }
}

/// True when some preset has `word` (a [`Parts::word`]) as a label.
pub(crate) fn known_word(word: &str) -> bool {
    PRESETS.iter().any(|p| p.number_of(word).is_some())
}

/// The scale a set of answers uses: the preset that reads the most of
/// the distinct worded answers. On a tie `prefer` (the file's choice)
/// wins when it is among them, then the 0–5 levels when every tied
/// preset gives the same levels (nothing to tell apart), else the first
/// in [`PRESETS`] order. None when no answer has a word a preset knows.
pub(crate) fn choose<'a>(
    answers: impl IntoIterator<Item = &'a str>,
    prefer: Option<&'static Preset>,
) -> Option<&'static Preset> {
    let mut distinct: Vec<Parts> = Vec::new();
    for a in answers {
        let parts = split(a);
        if parts.word.is_some() && !distinct.contains(&parts) {
            distinct.push(parts);
        }
    }
    let score = |p: &Preset| distinct.iter().filter(|a| p.fits(a).is_some()).count();
    let best = PRESETS.iter().map(|p| score(p)).max().unwrap_or(0);
    if best == 0 {
        return None;
    }
    let tied: Vec<&'static Preset> = PRESETS
        .iter()
        .copied()
        .filter(|p| score(p) == best)
        .collect();
    if let Some(p) = prefer.filter(|p| tied.contains(p)) {
        return Some(p);
    }
    let same_levels = tied.iter().all(|p| {
        distinct
            .iter()
            .all(|a| p.fits(a).is_none() || p.fits(a) == LEVELS.fits(a))
    });
    if tied.contains(&&LEVELS) && same_levels {
        return Some(&LEVELS);
    }
    tied.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(p: &Preset, answer: &str) -> Option<f64> {
        p.fits(&split(answer))
    }

    #[test]
    fn words_are_whole_answers() {
        assert_eq!(
            split("Advanced beginner").word.as_deref(),
            Some("advanced beginner")
        );
        assert_eq!(level(&DREYFUS, "Advanced beginner"), Some(2.0));
        assert_eq!(level(&LEVELS, "Advanced beginner"), None);
        assert_eq!(level(&LEVELS, "Expert - can teach it"), Some(5.0));
        assert_eq!(level(&LEVELS, "4 (Advanced)"), Some(4.0));
        assert_eq!(split("3d printing").number, None);
        let p = split("4 - Advanced");
        assert_eq!((p.number, p.word.as_deref()), (Some(4.0), Some("advanced")));
        assert_eq!(split("7").word, None);
    }

    #[test]
    fn numbers_must_agree_with_the_word() {
        assert_eq!(level(&DREYFUS, "1 - Novice"), Some(1.0));
        assert_eq!(level(&LEVELS, "1 - Novice"), None);
        assert_eq!(level(&PROFICIENCY_4, "3 - Advanced"), Some(3.75));
        assert_eq!(level(&PROFICIENCY_4, "Advanced"), None);
    }

    #[test]
    fn the_scale_is_chosen_from_all_answers() {
        let dreyfus = ["Novice", "Advanced beginner", "Competent", "Expert", ""];
        assert_eq!(choose(dreyfus, None), Some(&DREYFUS));
        // The 0–5 levels read these as the NIH scale does.
        let nih = ["Fundamental Awareness", "Novice", "Intermediate", "Expert"];
        let chosen = choose(nih, None).unwrap();
        assert_eq!(level(chosen, "Novice"), Some(2.0));
        let nih = choose(["Awareness", "Novice", "Advanced"], None).unwrap();
        assert_eq!(level(nih, "Novice"), Some(2.0));
        let levels = ["Beginner", "Intermediate", "Advanced", "Expert"];
        assert_eq!(choose(levels, None), Some(&LEVELS));
        let four = ["1 - Basic", "2 - Intermediate", "4 - Expert"];
        assert_eq!(choose(four, None), Some(&PROFICIENCY_4));
        let likert = ["Agree", "Strongly agree", "Neutral", "Disagree"];
        assert_eq!(choose(likert, None), Some(&LIKERT));
        // Same levels either way: the default scale is named.
        assert_eq!(choose(["Competent", "Proficient"], None), Some(&LEVELS));
        // "Novice" alone: the file's scale decides.
        assert_eq!(
            choose(["Novice"], Some(&PROFICIENCY_5)),
            Some(&PROFICIENCY_5)
        );
        assert_eq!(choose(["Novice"], None), Some(&DREYFUS));
        assert_eq!(
            choose(["Expert", "Competent"], Some(&DREYFUS)),
            Some(&DREYFUS)
        );
        assert_eq!(choose(["3", "4.5", ""], None), None);
    }
}
