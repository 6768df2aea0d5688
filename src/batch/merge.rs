//! Reading back the JSON reports of sharded runs for `team-summary`,
//! trusting nothing: the schema version, the ranges of fits and ratings
//! and the characters of every name that reaches the team files are
//! checked, as ingestion would have made them.

use crate::analysis::report::Report;
use crate::render::json::SCHEMA_VERSION;
use crate::text::clean_name;
use serde::Deserialize;

/// Largest JSON report read (a real one is a few hundred KB).
pub const MAX_REPORT_BYTES: u64 = 16 << 20;

/// Longest name or id accepted.
const MAX_NAME_CHARS: usize = 500;

/// Why a JSON file is not a usable report.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// 1-based line and column, for syntax and shape errors.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl Invalid {
    fn field(message: String) -> Self {
        Invalid { at: None, message }
    }
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
}

/// Parses and checks one JSON report.
pub fn report_from_json(bytes: &[u8]) -> Result<Report, Invalid> {
    let syntax = |e: serde_json::Error| Invalid {
        at: (e.line() > 0).then(|| (e.line(), e.column())),
        message: format!("not a skillgap JSON report ({e})"),
    };
    // Parsed once: the checks walk the value and the report is read from
    // it. Only a file that fails is read again from its bytes, for the
    // line and column of what is wrong.
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(syntax)?;
    let header = Header::deserialize(&value).map_err(|e| syntax(located::<Header>(bytes, e)))?;
    match header.schema_version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(Invalid::field(format!(
                "schema_version {v} is not the {SCHEMA_VERSION} this skillgap reads; re-run batch --format json with this version"
            )));
        }
        None => {
            return Err(Invalid::field(format!(
                "has no schema_version {SCHEMA_VERSION}; it was not written by this skillgap. Re-run batch --format json"
            )));
        }
    }
    let report = Report::deserialize(&value).map_err(|e| syntax(located::<Report>(bytes, e)))?;
    every_string("", &value).map_err(Invalid::field)?;
    check(&report).map_err(Invalid::field)?;
    Ok(report)
}

/// The error reading `T` straight from `bytes` gives (with its line and
/// column), else `e`, the one reading it from the parsed value gave.
fn located<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    e: serde_json::Error,
) -> serde_json::Error {
    serde_json::from_slice::<T>(bytes).err().unwrap_or(e)
}

/// A name as ingestion leaves it: no control or bidi characters, single
/// spaces, trimmed, not too long.
fn clean(what: &str, s: &str) -> Result<(), String> {
    if s.chars().count() > MAX_NAME_CHARS {
        return Err(format!("{what} is longer than {MAX_NAME_CHARS} characters"));
    }
    if clean_name(s) != s {
        return Err(format!(
            "{what} {:?} has characters a skillgap report never holds (control, bidi or extra spaces)",
            crate::ingest::shorten(s)
        ));
    }
    Ok(())
}

/// Longest string anywhere in a report (a title, a note, a plan step).
const MAX_TEXT_CHARS: usize = 10_000;

/// Every string of a report, wherever it is (`profile`, notes, plan): no
/// control or bidi characters, and within [`MAX_TEXT_CHARS`]; they reach
/// the team CSVs and PDF as they are.
fn every_string(path: &str, v: &serde_json::Value) -> Result<(), String> {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            if s.chars().count() > MAX_TEXT_CHARS {
                return Err(format!("{path} is longer than {MAX_TEXT_CHARS} characters"));
            }
            if s.chars().any(crate::text::is_unsafe_char) {
                return Err(format!(
                    "{path} {:?} has characters a skillgap report never holds (control or bidi)",
                    crate::ingest::shorten(s)
                ));
            }
            Ok(())
        }
        Value::Array(a) => a
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| every_string(&format!("{path}[{i}]"), x)),
        Value::Object(o) => o.iter().try_for_each(|(k, x)| {
            let at = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if k.chars().any(crate::text::is_unsafe_char) {
                return Err(format!(
                    "a field name in {path} has control or bidi characters"
                ));
            }
            every_string(&at, x)
        }),
        _ => Ok(()),
    }
}

fn in_range(what: &str, v: f64, lo: f64, hi: f64) -> Result<(), String> {
    if v.is_finite() && (lo..=hi).contains(&v) {
        Ok(())
    } else {
        // 1e308 printed in full would be a 309-digit message.
        let shown = if v.abs() >= 1e6 {
            format!("{v:e}")
        } else {
            format!("{v}")
        };
        Err(format!("{what} = {shown} is outside {lo}–{hi}"))
    }
}

/// The checks on what `team-summary` takes from a report.
fn check(r: &Report) -> Result<(), String> {
    if r.person.is_empty() {
        return Err("person is empty".into());
    }
    clean("person", &r.person)?;
    if let Some(e) = &r.email {
        clean("email", e)?;
    }
    if let Some(b) = &r.best_fit {
        clean("best_fit", b)?;
    }
    if r.roles.is_empty() {
        return Err("roles is empty; a skillgap report compares at least one role".into());
    }
    for (i, f) in r.roles.iter().enumerate() {
        clean(&format!("roles[{i}].id"), &f.id)?;
        if r.roles[..i].iter().any(|g| g.id == f.id) {
            return Err(format!("roles[{i}].id {:?} is listed twice", f.id));
        }
        in_range(&format!("roles[{i}].fit"), f.fit, 0.0, 100.0)?;
        in_range(&format!("roles[{i}].coverage"), f.coverage, 0.0, 100.0)?;
        for (j, g) in f.gaps.iter().enumerate().take(3) {
            clean(&format!("roles[{i}].gaps[{j}].name"), &g.name)?;
        }
    }
    for (i, s) in r.ratings.iter().enumerate() {
        clean(&format!("ratings[{i}].skill"), &s.skill)?;
        in_range(&format!("ratings[{i}].rating"), s.rating, 0.0, 5.0)?;
    }
    if let Some(p) = &r.previous {
        for (i, f) in p.fits.iter().enumerate() {
            clean(&format!("previous.fits[{i}].role"), &f.role)?;
            in_range(&format!("previous.fits[{i}].before"), f.before, 0.0, 100.0)?;
            in_range(&format!("previous.fits[{i}].now"), f.now, 0.0, 100.0)?;
            in_range(
                &format!("previous.fits[{i}].change"),
                f.change,
                -100.0,
                100.0,
            )?;
        }
        for (i, d) in p.deltas.iter().enumerate() {
            clean(&format!("previous.deltas[{i}].skill"), &d.skill)?;
            in_range(&format!("previous.deltas[{i}].change"), d.change, -5.0, 5.0)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> serde_json::Value {
        serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "person": "Ana Souza",
            "email": null,
            "assessed_on": null,
            "generated_on": "2026-11-26",
            "source": "team.csv",
            "best_fit": "sre",
            "direction": null,
            "roles": [{"id": "sre", "title": "Site Reliability Engineer", "fit": 50.0, "coverage": 10.0, "rated": 1, "required": 20, "judged": false, "to_judge": 1, "gaps": [], "strengths": [], "unassessed": [], "core_gaps": 0, "ready": false}],
            "rated_skills": 1,
            "ratings": [{"skill": "docker", "name": "Docker", "category": "Containers", "rating": 3.0, "source": {"kind": "direct", "typed": ["Docker"], "lines": [2]}}],
            "unrated": [],
            "unknown_skills": [],
            "notes": [],
            "plan": null,
            "plan_goal": null
        })
    }

    fn parse(v: &serde_json::Value) -> Result<Report, Invalid> {
        report_from_json(&serde_json::to_vec(v).unwrap())
    }

    #[test]
    fn every_string_field_is_checked_like_the_person() {
        assert!(parse(&sample()).is_ok());
        let mut v = sample();
        v["source"] = serde_json::json!("team\u{1b}[2J\u{202e}.csv");
        let e = parse(&v).unwrap_err();
        assert!(e.message.starts_with("source "), "{}", e.message);
        let mut v = sample();
        v["ratings"][0]["category"] = serde_json::json!("x".repeat(2_000_000));
        let e = parse(&v).unwrap_err();
        assert!(
            e.message
                .contains("ratings[0].category is longer than 10000 characters"),
            "{}",
            e.message
        );
        let mut v = sample();
        v["profile"] = serde_json::json!({"title": "SRE\u{7}"});
        assert!(parse(&v).unwrap_err().message.contains("profile.title"));
    }

    #[test]
    fn a_clean_report_is_accepted() {
        let r = parse(&sample()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.person, "Ana Souza");
    }

    #[test]
    fn versions_ranges_and_characters_are_checked() {
        let mut v = sample();
        v.as_object_mut().unwrap().remove("schema_version");
        assert!(parse(&v).unwrap_err().message.contains("schema_version"));
        let mut v = sample();
        v["schema_version"] = 99.into();
        assert!(parse(&v).unwrap_err().message.contains("99"));
        let mut v = sample();
        v["ratings"][0]["rating"] = 99.0.into();
        let e = parse(&v).unwrap_err();
        assert!(e.message.contains("ratings[0].rating = 99"), "{e:?}");
        let mut v = sample();
        v["roles"] = serde_json::json!([{"id": "sre", "title": "SRE", "fit": 90.0,
            "coverage": 250.0, "gaps": [], "strengths": [], "core_gaps": 0}]);
        let e = parse(&v).unwrap_err();
        assert!(e.message.contains("roles[0].coverage = 250"), "{e:?}");
        let mut v = sample();
        v["person"] = "Ana\u{1b}[31m\u{7}".into();
        assert!(parse(&v).unwrap_err().message.contains("person"));
        let mut v = sample();
        v["person"] = "Ana \u{202e}nimda".into();
        assert!(parse(&v).is_err());
        let e = report_from_json(b"{\n  \"schema_version\": 1,\n  \"person\": 3\n}").unwrap_err();
        assert!(e.at.is_some(), "{e:?}");
        assert!(report_from_json(b"\xff\x00").is_err());
    }
}
