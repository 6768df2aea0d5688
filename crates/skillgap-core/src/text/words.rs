//! Words the reports and messages share: lists ("A, B and C") and counted
//! nouns that agree with their number ("1 person", "3 people").

use super::numbers::thousands;

/// "A", "A and B", "A, B and C".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let mut out = String::new();
            for (i, item) in init.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(item.as_ref());
            }
            out.push_str(" and ");
            out.push_str(last.as_ref());
            out
        }
    }
}

/// "A, B, C and 4 more" for the first `max` of `items`.
pub fn some_of<S: AsRef<str>>(items: &[S], max: usize) -> String {
    if items.len() <= max {
        return and_list(items);
    }
    let shown: Vec<&str> = items[..max].iter().map(AsRef::as_ref).collect();
    format!("{} and {} more", shown.join(", "), items.len() - max)
}

/// `n` with the noun that agrees with it: `counted(1, "person", "people")`
/// is "1 person", `counted(10000, "skill", "skills")` "10,000 skills".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// "1 person" / "3 people".
pub fn people(n: usize) -> String {
    counted(n, "person", "people")
}

/// Cuts long text for messages, at a character boundary.
pub fn shorten(text: &str) -> String {
    const KEEP: usize = 40;
    if text.chars().count() <= KEEP {
        text.to_string()
    } else {
        let head: String = text.chars().take(KEEP).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["CI/CD"]), "CI/CD");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(
            and_list(&["A".to_string(), "B".into(), "C".into()]),
            "A, B and C"
        );
        assert_eq!(some_of(&["A", "B", "C", "D"], 2), "A, B and 2 more");
        assert_eq!(some_of(&["A", "B"], 2), "A and B");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(people(1), "1 person");
        assert_eq!(people(0), "0 people");
        assert_eq!(people(12_000), "12,000 people");
        assert_eq!(counted(1, "hour", "hours"), "1 hour");
        assert_eq!(counted(2, "level", "levels"), "2 levels");
    }
}
