//! The 0–5 rating scale shared by input parsing, help texts and reports.

/// Level number, label and what it means, 0 to 5.
pub const LEVELS: [(u8, &str, &str); 6] = [
    (0, "None", "never used it"),
    (1, "Awareness", "knows what it is and when it is used"),
    (2, "Beginner", "has used it with help or on small tasks"),
    (
        3,
        "Intermediate",
        "works with it independently on everyday tasks",
    ),
    (
        4,
        "Advanced",
        "handles complex cases, reviews and guides others",
    ),
    (
        5,
        "Expert",
        "sets direction, designs systems around it, teaches it",
    ),
];

/// The label for a (possibly fractional) rating, rounded down: 3.5 → "Intermediate".
pub fn level_label(value: f64) -> &'static str {
    let idx = value.clamp(0.0, 5.0).floor() as usize;
    LEVELS[idx.min(5)].1
}

/// Interest from which a skill counts as "wants to grow" (medium).
pub const WANTS_TO_GROW: u8 = 2;

/// The interest level in words.
pub fn interest_label(level: u8) -> &'static str {
    match level {
        0 => "none",
        1 => "low",
        2 => "medium",
        _ => "high",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_down_and_clamp() {
        assert_eq!(level_label(3.5), "Intermediate");
        assert_eq!(level_label(5.0), "Expert");
        assert_eq!(level_label(-1.0), "None");
        assert_eq!(level_label(9.0), "Expert");
    }
}
