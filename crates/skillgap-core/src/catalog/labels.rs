//! Combined skill labels as surveys write them: "Prometheus & Grafana",
//! "Docker / Kubernetes", "Jenkins, GitLab CI or GitHub Actions",
//! "Monitoring (Prometheus, Grafana)". A label is split only when it is not
//! one known skill as a whole, so "CI/CD" and "Backup & disaster recovery"
//! stay whole.

/// Parts of one label, as typed, with the skill id each matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelPart {
    /// The part as typed (trimmed).
    pub text: String,
    /// Catalogue skill id; None = unknown.
    pub id: Option<String>,
}

/// How a typed skill label was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMatch {
    /// One part (the label itself) unless the label was split.
    pub parts: Vec<LabelPart>,
}

impl LabelMatch {
    /// True when the label names several things and was split.
    pub fn is_split(&self) -> bool {
        self.parts.len() > 1
    }

    /// Distinct matched skill ids, in label order.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for id in self.parts.iter().filter_map(|p| p.id.as_deref()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Parts that matched nothing.
    pub fn unknown(&self) -> impl Iterator<Item = &LabelPart> {
        self.parts.iter().filter(|p| p.id.is_none())
    }
}

/// More parts than this is not a label but a sentence: left whole.
const MAX_PARTS: usize = 16;
/// Longer labels are not split (a hostile file has long cells).
const MAX_SPLIT_CHARS: usize = 300;
/// Parts with more words than this are not shortened word by word.
const MAX_TRIM_WORDS: usize = 6;

/// Separators from the loosest to the tightest: a label is cut at the
/// first kind it holds, and each piece is looked at again on its own.
const CHAR_SEPARATORS: [&[char]; 3] = [&[',', ';', '|', '\n'], &['/', '\\'], &['&', '+']];
const WORD_SEPARATORS: [&str; 3] = ["and", "or", "and/or"];

/// Words that qualify a part rather than name a skill: "Loki logging" is
/// Loki (and Logging), "Terraform basics" is Terraform, "On-call
/// rotations" is On-call, "Writing postmortems" is Postmortems, "Python
/// Programming" is Python, "Kubernetes in production" is Kubernetes.
const FILLER: [&str; 29] = [
    "rotations",
    "rotation",
    "writing",
    "running",
    "programming",
    "internals",
    "in",
    "production",
    "fundamentals",
    "administration",
    "operations",
    "day-to-day",
    "practices",
    "hands-on",
    "advanced",
    "tools",
    "tool",
    "stack",
    "basics",
    "experience",
    "skills",
    "knowledge",
    "usage",
    "general",
    "etc",
    "eg",
    "e.g.",
    "the",
    "with",
];

/// Splits `typed` and matches every part with `find` (a whole-name
/// lookup). Never splits a label `find` knows whole.
pub(crate) fn resolve(typed: &str, find: &dyn Fn(&str) -> Option<String>) -> LabelMatch {
    let label = typed.trim();
    if let Some(id) = find(label) {
        return whole(label, Some(id));
    }
    if label.chars().count() > MAX_SPLIT_CHARS {
        return whole(label, None);
    }
    let mut budget = MAX_LOOKUPS;
    // A label without separators is a piece too: "Python Programming" is
    // Python by the catalogue word it holds.
    let mut parts = piece(label, find, 0, &mut budget);
    parts.retain(|p: &LabelPart| !p.text.is_empty());
    if parts.len() <= 1 || parts.len() > MAX_PARTS {
        return whole(label, parts.into_iter().find_map(|p| p.id));
    }
    dedup(&mut parts);
    // "Writing & running postmortems": a piece of filler words alone
    // qualifies its neighbour, as it does inside a piece.
    if parts.iter().any(|p| p.id.is_some()) {
        parts.retain(|p| p.id.is_some() || !is_filler_text(&p.text));
    }
    if let [one] = parts.as_slice() {
        return whole(label, one.id.clone());
    }
    LabelMatch { parts }
}

/// True when every word of `text` is a [`FILLER`] word.
fn is_filler_text(text: &str) -> bool {
    text.split_whitespace()
        .all(|w| FILLER.iter().any(|f| f.eq_ignore_ascii_case(w)))
}

/// Whole-name lookups one label may cost: trying every way to cut a
/// hostile label is bounded.
const MAX_LOOKUPS: usize = 400;

fn whole(label: &str, id: Option<String>) -> LabelMatch {
    LabelMatch {
        parts: vec![LabelPart {
            text: label.to_string(),
            id,
        }],
    }
}

fn dedup(parts: &mut Vec<LabelPart>) {
    let mut seen: Vec<(String, Option<String>)> = Vec::new();
    parts.retain(|p| {
        let key = (p.text.to_lowercase(), p.id.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

fn unknown_part(text: &str) -> LabelPart {
    LabelPart {
        text: text.to_string(),
        id: None,
    }
}

/// The parts of `text`: itself when known whole; else the cut (at one
/// kind of separator, then each piece again) that leaves the fewest
/// unknown parts, so "CI/CD and Backup & disaster recovery" is cut at
/// "and", not inside "CI/CD".
fn split(
    text: &str,
    find: &dyn Fn(&str) -> Option<String>,
    depth: usize,
    budget: &mut usize,
) -> Vec<LabelPart> {
    let text = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == ':')
        .trim();
    // "10" of "Score /10" or a stray "-" names no skill.
    if !text.chars().any(char::is_alphabetic) {
        return Vec::new();
    }
    if *budget == 0 || depth > 8 {
        return vec![unknown_part(text)];
    }
    *budget -= 1;
    if let Some(id) = find(text) {
        return vec![LabelPart {
            text: text.to_string(),
            id: Some(id),
        }];
    }
    if let Some((outer, inner)) = brackets(text) {
        return bracketed(text, outer, inner, find, depth, budget);
    }
    let mut best: Option<(usize, Vec<LabelPart>)> = None;
    for spans in cuts(text) {
        let Some(parts) = partition(text, &spans, find, depth, budget) else {
            continue;
        };
        let unknown = parts.iter().filter(|p| p.id.is_none()).count();
        if best.as_ref().is_none_or(|(u, _)| unknown < *u) {
            best = Some((unknown, parts));
        }
        if unknown == 0 {
            break;
        }
    }
    best.map_or_else(|| vec![unknown_part(text)], |(_, parts)| parts)
}

/// The best way to group the pieces of one cut (byte spans of `text`):
/// neighbouring pieces that are one known name together stay together
/// ("CI/CD / Go" cut at "/" is CI/CD and Go), every other piece is looked
/// at on its own. Fewest unknown parts wins. None for a cut with too many
/// pieces to be a label.
fn partition(
    text: &str,
    spans: &[(usize, usize)],
    find: &dyn Fn(&str) -> Option<String>,
    depth: usize,
    budget: &mut usize,
) -> Option<Vec<LabelPart>> {
    let n = spans.len();
    if n > 2 * MAX_PARTS {
        return None;
    }
    // best[i]: (unknown parts, parts) for the first i pieces.
    let mut best: Vec<Option<(usize, Vec<LabelPart>)>> = vec![None; n + 1];
    best[0] = Some((0, Vec::new()));
    for i in 1..=n {
        for j in (0..i).rev() {
            let Some((before, parts)) = best[j].clone() else {
                continue;
            };
            let group = if i - j == 1 {
                let (a, b) = spans[j];
                piece(text.get(a..b)?, find, depth + 1, budget)
            } else {
                if *budget == 0 {
                    continue;
                }
                *budget -= 1;
                let joined = text.get(spans[j].0..spans[i - 1].1)?.trim();
                match find(joined) {
                    Some(id) => vec![LabelPart {
                        text: joined.to_string(),
                        id: Some(id),
                    }],
                    None => continue,
                }
            };
            let unknown = before + group.iter().filter(|p| p.id.is_none()).count();
            if best[i].as_ref().is_none_or(|(u, _)| unknown < *u) {
                let mut all = parts;
                all.extend(group);
                best[i] = Some((unknown, all));
            }
        }
    }
    best.pop().flatten().map(|(_, parts)| parts)
}

/// A piece of a split label: known whole, split further, or shortened by
/// its filler words.
fn piece(
    text: &str,
    find: &dyn Fn(&str) -> Option<String>,
    depth: usize,
    budget: &mut usize,
) -> Vec<LabelPart> {
    let parts = split(text, find, depth, budget);
    // One unknown part: try it without trailing or leading words that are
    // filler or a skill of their own ("Loki logging").
    match parts.as_slice() {
        [one] if one.id.is_none() => shortened(&one.text, find).unwrap_or(parts),
        _ => parts,
    }
}

/// "Loki logging" → Loki, Logging; "Terraform basics" → Terraform.
fn shortened(text: &str, find: &dyn Fn(&str) -> Option<String>) -> Option<Vec<LabelPart>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > MAX_TRIM_WORDS {
        return None;
    }
    let is_filler = |w: &[&str]| {
        w.iter()
            .all(|x| FILLER.iter().any(|f| f.eq_ignore_ascii_case(x)))
    };
    let part = |ws: &[&str]| {
        let t = ws.join(" ");
        let id = find(&t);
        (t, id)
    };
    // Longest kept run first: prefixes, then suffixes.
    for keep in (1..words.len()).rev() {
        for (kept, dropped) in [
            (&words[..keep], &words[keep..]),
            (&words[words.len() - keep..], &words[..words.len() - keep]),
        ] {
            let (text, id) = part(kept);
            let Some(id) = id else { continue };
            let mut found = vec![LabelPart { text, id: Some(id) }];
            if is_filler(dropped) {
                return Some(found);
            }
            let (rest, rest_id) = part(dropped);
            if let Some(rest_id) = rest_id {
                found.push(LabelPart {
                    text: rest,
                    id: Some(rest_id),
                });
                return Some(found);
            }
        }
    }
    None
}

/// "X (A, B)" as ("X", "A, B"); an unclosed bracket runs to the end.
fn brackets(text: &str) -> Option<(&str, &str)> {
    let open = text.find('(')?;
    let after = text.get(open + 1..)?;
    let (inner, rest) = match after.rfind(')') {
        Some(close) => (after.get(..close)?, after.get(close + 1..)?),
        None => (after, ""),
    };
    // Text after the brackets ("Cloud (AWS) skills") belongs to the outside.
    let outer = text.get(..open)?;
    if !rest.trim().is_empty() {
        return None;
    }
    Some((outer, inner))
}

/// "X (A, B, C)": X and every part of the brackets. When X is known, parts
/// of the brackets that match nothing are a qualifier ("Python (mostly
/// scripts)"), not unknown skills.
fn bracketed(
    text: &str,
    outer: &str,
    inner: &str,
    find: &dyn Fn(&str) -> Option<String>,
    depth: usize,
    budget: &mut usize,
) -> Vec<LabelPart> {
    let outside = piece(outer, find, depth + 1, budget);
    let mut inside = if is_range(inner) {
        Vec::new()
    } else {
        piece(inner, find, depth + 1, budget)
    };
    if outside.iter().any(|p| p.id.is_some()) {
        inside.retain(|p| p.id.is_some());
    }
    if outside.is_empty() && inside.iter().all(|p| p.id.is_none()) {
        return vec![unknown_part(text)];
    }
    outside.into_iter().chain(inside).collect()
}

/// "1-5", "0–10", "1 to 5": a scale in brackets, not a skill.
fn is_range(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '.')
        })
        || t.split_whitespace().count() == 3 && t.split_whitespace().nth(1) == Some("to")
}

/// Every way to cut `text` at one kind of separator, loosest first, as
/// the byte spans of the pieces.
fn cuts(text: &str) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for seps in CHAR_SEPARATORS {
        if text.contains(seps) {
            let mut spans = Vec::new();
            let mut start = 0;
            for (at, c) in text.match_indices(seps) {
                spans.push((start, at));
                start = at + c.len();
            }
            spans.push((start, text.len()));
            out.push(spans);
        }
    }
    let lower = text.to_lowercase();
    // Word separators are ASCII, so byte positions agree between `lower`
    // and `text` as long as lowercasing kept every length.
    if lower.len() != text.len() {
        return out;
    }
    for word in WORD_SEPARATORS {
        let pat = format!(" {word} ");
        if !lower.contains(&pat) {
            continue;
        }
        let mut spans = Vec::new();
        let mut start = 0;
        for (at, _) in lower.match_indices(&pat) {
            spans.push((start, at));
            start = at + pat.len();
        }
        spans.push((start, text.len()));
        out.push(spans);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(t: &str) -> Option<String> {
        let n: String = t
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let known = [
            ("cicd", "cicd"),
            ("prometheus", "prometheus"),
            ("grafana", "grafana"),
            ("docker", "docker"),
            ("kubernetes", "kubernetes"),
            ("backupdisasterrecovery", "backup-dr"),
            ("loki", "loki"),
            ("logging", "logging"),
            ("elk", "elastic"),
            ("jenkins", "jenkins"),
            ("gitlabci", "gitlab-ci"),
            ("githubactions", "github-actions"),
            ("monitoring", "monitoring"),
            ("python", "python"),
            ("go", "go"),
            ("terraform", "terraform"),
            ("cloud", "cloud"),
            ("aws", "aws"),
        ];
        known
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, id)| id.to_string())
    }

    fn ids(label: &str) -> Vec<Option<String>> {
        resolve(label, &find)
            .parts
            .into_iter()
            .map(|p| p.id)
            .collect()
    }

    fn some(ids: &[&str]) -> Vec<Option<String>> {
        ids.iter().map(|i| Some(i.to_string())).collect()
    }

    #[test]
    fn whole_names_are_never_split() {
        assert_eq!(ids("CI/CD"), some(&["cicd"]));
        assert_eq!(ids("Backup & disaster recovery"), some(&["backup-dr"]));
        assert!(!resolve("CI/CD", &find).is_split());
    }

    #[test]
    fn combined_labels_are_split() {
        assert_eq!(
            ids("Prometheus & Grafana"),
            some(&["prometheus", "grafana"])
        );
        assert_eq!(ids("Docker / Kubernetes"), some(&["docker", "kubernetes"]));
        assert_eq!(ids("Python or Go"), some(&["python", "go"]));
        assert_eq!(
            ids("Jenkins, GitLab CI or GitHub Actions"),
            some(&["jenkins", "gitlab-ci", "github-actions"])
        );
        assert_eq!(
            ids("ELK / Loki logging"),
            some(&["elastic", "loki", "logging"])
        );
        assert_eq!(
            ids("Monitoring (Prometheus, Grafana)"),
            some(&["monitoring", "prometheus", "grafana"])
        );
        // Not split: one part, named by the catalogue word it holds.
        assert_eq!(ids("Terraform basics"), some(&["terraform"]));
        assert_eq!(ids("Python Programming"), some(&["python"]));
        assert_eq!(ids("Kubernetes in production"), some(&["kubernetes"]));
        assert_eq!(ids("Writing & running Terraform"), some(&["terraform"]));
        assert_eq!(ids("Underwater basket weaving"), vec![None]);
        assert_eq!(
            ids("CI/CD and Backup & disaster recovery"),
            some(&["cicd", "backup-dr"])
        );
        assert_eq!(ids("CI/CD / Go"), some(&["cicd", "go"]));
        assert_eq!(
            ids("Backup & disaster recovery & Docker"),
            some(&["backup-dr", "docker"])
        );
    }

    #[test]
    fn brackets_qualify_a_known_skill() {
        assert_eq!(ids("Cloud (AWS)"), some(&["cloud", "aws"]));
        assert_eq!(ids("Python (mostly scripts)"), some(&["python"]));
        assert_eq!(ids("Kubernetes (EKS"), some(&["kubernetes"]));
        assert_eq!(ids("Go (1-5)"), some(&["go"]));
    }

    #[test]
    fn unknown_parts_stay_visible() {
        let m = resolve("Docker & Nomad", &find);
        assert_eq!(
            m.unknown().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            ["Nomad"]
        );
        assert_eq!(m.ids(), ["docker"]);
        assert_eq!(ids("Underwater basket weaving"), vec![None]);
        assert_eq!(ids("Knitting & sewing"), vec![None, None]);
    }
}
