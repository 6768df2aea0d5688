//! learning/*.toml: the learning catalogue.

use super::{CatalogError, TemplateFile, files::parse};
use crate::model::{Resource, ResourceKind, Sessions, Skill, SkillId};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearningFile {
    #[serde(default)]
    resource: Vec<RawResource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    id: String,
    skill: String,
    kind: ResourceKind,
    title: String,
    provider: String,
    #[serde(default)]
    url: Option<String>,
    hours: u32,
    from: u8,
    to: u8,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    pages: Option<u32>,
    #[serde(default)]
    published_hours: Option<u32>,
    #[serde(default)]
    sessions: Option<Sessions>,
    #[serde(default)]
    checked: Option<toml::value::Datetime>,
    /// `"free"`, `"paid 49"` or `"exam 395"` (US dollars).
    #[serde(default)]
    cost: Option<String>,
    #[serde(default)]
    weeks: Option<u32>,
    #[serde(default)]
    programme: bool,
    #[serde(default)]
    cloud: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    alternative: Option<String>,
}

/// A TOML date (`2026-11-29`) as a calendar date; a time or offset is not
/// a date and is refused.
fn date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    match (d.date, d.time, d.offset) {
        (Some(day), None, None) => NaiveDate::from_ymd_opt(
            i32::from(day.year),
            u32::from(day.month),
            u32::from(day.day),
        ),
        _ => None,
    }
}

/// An error about one key of one resource entry.
type EntryError<'e> = &'e dyn Fn(Option<&str>, String) -> CatalogError;

/// Parses every learning file and checks ids, skills, level ranges, effort
/// and that prerequisites exist and form no cycle.
pub fn load<'a>(
    files: impl Iterator<Item = &'a TemplateFile>,
    skills: &HashMap<SkillId, Skill>,
) -> Result<Vec<Resource>, CatalogError> {
    let mut out: Vec<Resource> = Vec::new();
    let mut seen = HashSet::new();
    // (skill, prerequisite) → the files whose entries say so.
    let mut origin_of: HashMap<(String, String), Vec<String>> = HashMap::new();
    let parsed: Vec<(&TemplateFile, LearningFile)> = files
        .map(|f| parse(f).map(|p| (f, p)))
        .collect::<Result<_, _>>()?;
    // `requires` may name a resource (an exam that needs another), so every
    // id and its skill must be known before any entry is checked.
    let skill_of: HashMap<&str, &str> = parsed
        .iter()
        .flat_map(|(_, p)| &p.resource)
        .map(|r| (r.id.as_str(), r.skill.as_str()))
        .collect();
    for (file, parsed) in &parsed {
        let file = *file;
        for r in &parsed.resource {
            if !seen.insert(r.id.clone()) {
                return Err(CatalogError::at(
                    file,
                    &[("id", Some(&r.id))],
                    true,
                    format!(
                        "resource \"{}\": id is used twice; ids must be unique",
                        r.id
                    ),
                ));
            }
            let resource = checked_resource(r, file, skills, &skill_of)?;
            for q in &resource.requires {
                origin_of
                    .entry((r.skill.clone(), q.clone()))
                    .or_default()
                    .push(file.origin.clone());
            }
            out.push(resource);
        }
    }
    check_prerequisite_cycles(&out, &origin_of)?;
    Ok(out)
}

/// One entry of `file`, checked, as a resource.
fn checked_resource(
    r: &RawResource,
    file: &TemplateFile,
    skills: &HashMap<SkillId, Skill>,
    skill_of: &HashMap<&str, &str>,
) -> Result<Resource, CatalogError> {
    let err = |key: Option<&str>, m: String| {
        let mut path = vec![("id", Some(r.id.as_str()))];
        path.extend(key.map(|k| (k, None)));
        CatalogError::at(file, &path, false, format!("resource \"{}\": {m}", r.id))
    };
    check_levels_and_effort(r, skills, &err)?;
    let (requires, requires_resources) = prerequisites(r, skills, skill_of, &err)?;
    let (checked, cost) = check_schedule_and_cost(r, skill_of, &err)?;
    Ok(Resource {
        id: r.id.clone(),
        skill: r.skill.as_str().into(),
        kind: r.kind,
        title: r.title.clone(),
        provider: r.provider.clone(),
        url: r.url.clone(),
        hours: r.hours,
        from: r.from,
        to: r.to,
        requires,
        requires_resources,
        pages: r.pages,
        published_hours: r.published_hours,
        sessions: r.sessions,
        checked,
        cost,
        weeks: r.weeks,
        programme: r.programme,
        cloud: r.cloud.clone(),
        condition: r.condition.clone(),
        alternative: r.alternative.clone(),
        counts_for: skills
            .get(r.skill.as_str())
            .map(|s| s.rolls_up_to.clone())
            .unwrap_or_default(),
    })
}

/// The entry's skill is known, it has a title and provider, its levels
/// rise within 0–5, its hours are 1–200 and its link is a web address.
fn check_levels_and_effort(
    r: &RawResource,
    skills: &HashMap<SkillId, Skill>,
    err: EntryError<'_>,
) -> Result<(), CatalogError> {
    if !skills.contains_key(r.skill.as_str()) {
        return Err(err(
            Some("skill"),
            format!("skill = \"{}\" is not in skills.toml", r.skill),
        ));
    }
    if r.title.trim().is_empty() || r.provider.trim().is_empty() {
        return Err(err(None, "title and provider must not be empty".into()));
    }
    if r.from >= r.to || r.to > 5 {
        return Err(err(
            Some("from"),
            format!("from = {} / to = {}: need 0 ≤ from < to ≤ 5", r.from, r.to),
        ));
    }
    if !(1..=200).contains(&r.hours) {
        return Err(err(
            Some("hours"),
            format!("hours = {} is outside 1–200", r.hours),
        ));
    }
    if let Some(url) = &r.url
        && !url.starts_with("https://")
        && !url.starts_with("http://")
    {
        return Err(err(
            Some("url"),
            format!("url = \"{url}\" must start with https://"),
        ));
    }
    Ok(())
}

/// The skills and resources the entry requires first: a required
/// resource (an exam that needs another) brings its skill too.
fn prerequisites(
    r: &RawResource,
    skills: &HashMap<SkillId, Skill>,
    skill_of: &HashMap<&str, &str>,
    err: EntryError<'_>,
) -> Result<(Vec<String>, Vec<String>), CatalogError> {
    let mut requires = Vec::new();
    let mut requires_resources = Vec::new();
    for q in &r.requires {
        if skills.contains_key(q.as_str()) {
            requires.push(q.clone());
        } else if let Some(skill) = skill_of.get(q.as_str()).filter(|_| q != &r.id) {
            // Passing the other exam means learning its skill first.
            requires_resources.push(q.clone());
            if *skill != r.skill && !r.requires.iter().any(|x| x == skill) {
                requires.push((*skill).to_string());
            }
        } else {
            return Err(err(
                Some("requires"),
                format!(
                    "requires \"{q}\", which is neither a skill in skills.toml nor another resource's id"
                ),
            ));
        }
    }
    Ok((requires, requires_resources))
}

/// Sessions, the date the entry was checked, its cost, cloud, length in
/// weeks and alternative, checked; the date and cost read.
fn check_schedule_and_cost(
    r: &RawResource,
    skill_of: &HashMap<&str, &str>,
    err: EntryError<'_>,
) -> Result<(Option<NaiveDate>, Option<crate::model::Cost>), CatalogError> {
    if let Some(s) = r.sessions
        && (s.count < 2 || !(1..=26).contains(&s.every_weeks))
    {
        return Err(err(
            Some("sessions"),
            format!(
                "sessions = {{ count = {}, every_weeks = {} }}: need count ≥ 2 and every_weeks 1–26",
                s.count, s.every_weeks
            ),
        ));
    }
    let checked = match &r.checked {
        Some(d) => Some(date(d).ok_or_else(|| {
            err(
                Some("checked"),
                format!("checked = {d} is not a date; write it as YYYY-MM-DD"),
            )
        })?),
        None => None,
    };
    let cost = match &r.cost {
        Some(text) => Some(crate::model::Cost::parse(text).ok_or_else(|| {
            err(
                Some("cost"),
                format!(
                    "cost = \"{text}\": write \"free\", \"paid 49\" or \"exam 395\" (US dollars)"
                ),
            )
        })?),
        None => None,
    };
    if let Some(c) = &r.cloud
        && !crate::model::CLOUDS.contains(&c.as_str())
    {
        return Err(err(
            Some("cloud"),
            format!("cloud = \"{c}\": write \"aws\", \"azure\" or \"gcp\""),
        ));
    }
    if let Some(w) = r.weeks
        && !(1..=52).contains(&w)
    {
        return Err(err(Some("weeks"), format!("weeks = {w} is outside 1–52")));
    }
    if let Some(a) = &r.alternative
        && !skill_of.contains_key(a.as_str())
    {
        return Err(err(
            Some("alternative"),
            format!("alternative = \"{a}\" is not another resource's id"),
        ));
    }
    Ok((checked, cost))
}

/// Skill → skills it requires first, merged over all its resources; a cycle
/// would make "prerequisites first" impossible to honour.
fn check_prerequisite_cycles(
    resources: &[Resource],
    origin_of: &HashMap<(String, String), Vec<String>>,
) -> Result<(), CatalogError> {
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in resources {
        for q in &r.requires {
            if q != &r.skill {
                edges.entry(&r.skill).or_default().push(q);
            }
        }
    }
    // 0 unvisited, 1 on the current path, 2 done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut starts: Vec<&str> = edges.keys().copied().collect();
    starts.sort_unstable();
    for start in starts {
        if let Some(found) = visit(start, &edges, &mut state) {
            let chain = match &found {
                Found::Cycle(c) | Found::TooDeep(c) => c,
            };
            let (origin, others) = chain_files(chain, origin_of);
            let message = match found {
                Found::Cycle(cycle) => {
                    format!("prerequisites form a cycle: {}{others}", cycle.join(" → "))
                }
                Found::TooDeep(chain) => format!(
                    "prerequisites chain more than {MAX_PREREQUISITE_DEPTH} skills deep: {}{others}; shorten the chain",
                    abbreviated(&chain)
                ),
            };
            return Err(CatalogError::new(origin, message));
        }
    }
    Ok(())
}

/// The file to name for the links of `chain` and the others that make
/// them: a user's (`--templates`) before the built-in ones, so a cycle
/// the user's file closes is named against that file.
fn chain_files(
    chain: &[String],
    origin_of: &HashMap<(String, String), Vec<String>>,
) -> (String, String) {
    let mut files: Vec<&str> = Vec::new();
    for link in chain.windows(2) {
        for f in origin_of
            .get(&(link[0].clone(), link[1].clone()))
            .into_iter()
            .flatten()
        {
            if !files.contains(&f.as_str()) {
                files.push(f);
            }
        }
    }
    // Stable: the user's files first, each group in chain order.
    files.sort_by_key(|f| f.starts_with("templates/"));
    match files.split_first() {
        None => ("learning/".into(), String::new()),
        Some((first, [])) => (first.to_string(), String::new()),
        Some((first, rest)) => (
            first.to_string(),
            format!(" (with entries in {})", rest.join(", ")),
        ),
    }
}

/// Longest chain of prerequisites accepted; real catalogues need a handful.
const MAX_PREREQUISITE_DEPTH: usize = 256;

/// What a walk from one skill found wrong.
enum Found {
    /// A cycle, its first skill repeated at the end.
    Cycle(Vec<String>),
    /// A chain longer than [`MAX_PREREQUISITE_DEPTH`].
    TooDeep(Vec<String>),
}

/// The first and last few skills of a long chain.
fn abbreviated(chain: &[String]) -> String {
    if chain.len() <= 8 {
        return chain.join(" → ");
    }
    format!(
        "{} → … → {}",
        chain[..4].join(" → "),
        chain[chain.len() - 3..].join(" → ")
    )
}

/// Depth-first walk from `start` with an explicit stack, so a chain of
/// any length cannot overflow the call stack.
fn visit<'a>(
    start: &'a str,
    edges: &HashMap<&'a str, Vec<&'a str>>,
    state: &mut HashMap<&'a str, u8>,
) -> Option<Found> {
    if state.get(start) == Some(&2) {
        return None;
    }
    // The current path: each skill with the index of its next prerequisite.
    let mut path: Vec<(&'a str, usize)> = vec![(start, 0)];
    state.insert(start, 1);
    while let Some((node, i)) = path.last_mut() {
        let node = *node;
        let Some(&next) = edges.get(node).and_then(|e| e.get(*i)) else {
            path.pop();
            state.insert(node, 2);
            continue;
        };
        *i += 1;
        match state.get(next) {
            Some(2) => {}
            Some(1) => {
                let from = path.iter().position(|(n, _)| *n == next).unwrap_or(0);
                let mut cycle: Vec<String> =
                    path[from..].iter().map(|(s, _)| s.to_string()).collect();
                cycle.push(next.to_string());
                return Some(Found::Cycle(cycle));
            }
            _ => {
                if path.len() >= MAX_PREREQUISITE_DEPTH {
                    let mut chain: Vec<String> = path.iter().map(|(s, _)| s.to_string()).collect();
                    chain.push(next.to_string());
                    return Some(Found::TooDeep(chain));
                }
                state.insert(next, 1);
                path.push((next, 0));
            }
        }
    }
    None
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    fn edges(pairs: &[(&'static str, &'static str)]) -> HashMap<&'static str, Vec<&'static str>> {
        let mut e: HashMap<&str, Vec<&str>> = HashMap::new();
        for (a, b) in pairs {
            e.entry(a).or_default().push(b);
        }
        e
    }

    #[test]
    fn cycles_are_named_in_order() {
        let e = edges(&[("a", "b"), ("b", "c"), ("c", "a"), ("x", "a")]);
        let mut state = HashMap::new();
        let Some(Found::Cycle(c)) = visit("a", &e, &mut state) else {
            panic!("no cycle found");
        };
        assert_eq!(c, ["a", "b", "c", "a"]);
        let e = edges(&[("a", "b"), ("a", "c"), ("b", "c")]);
        assert!(visit("a", &e, &mut HashMap::new()).is_none());
    }

    #[test]
    fn very_long_chains_are_refused_without_recursion() {
        let names: Vec<String> = (0..70_000).map(|i| format!("s{i}")).collect();
        let mut e: HashMap<&str, Vec<&str>> = HashMap::new();
        for w in names.windows(2) {
            e.entry(&w[0]).or_default().push(&w[1]);
        }
        let Some(Found::TooDeep(chain)) = visit("s0", &e, &mut HashMap::new()) else {
            panic!("no depth error");
        };
        assert_eq!(chain.len(), MAX_PREREQUISITE_DEPTH + 1);
        assert!(abbreviated(&chain).starts_with("s0 → s1 → s2 → s3 → … → "));
    }
}
