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
    match intact(bytes) {
        Some(report) => Ok(report),
        None => report_from_value(bytes),
    }
}

/// The common case, a report as a run wrote it, read without building a
/// `serde_json::Value` (which was most of a merge's time): one pass checks
/// every string and reads `schema_version`, one reads the report. `None`
/// when anything is wrong, and [`report_from_value`] then finds what, with
/// the message it always gave: this path only says yes where that one does.
fn intact(bytes: &[u8]) -> Option<Report> {
    let version = match scan(bytes) {
        Some(v) => Some(v),
        None => {
            let mut de = serde_json::Deserializer::from_slice(bytes);
            let v = serde::Deserializer::deserialize_any(&mut de, Strings { top: true }).ok()?;
            de.end().ok()?;
            v
        }
    };
    if version != Some(u64::from(SCHEMA_VERSION)) {
        return None;
    }
    let report: Report = serde_json::from_slice(bytes).ok()?;
    check(&report).ok()?;
    Some(report)
}

/// A look at the raw bytes that answers for [`Strings`] when it can:
/// `Some(schema_version)` when no string or key can hold an unsafe
/// character or be over [`MAX_TEXT_CHARS`], and `schema_version` is the
/// document's first key, once. `None` (ask [`Strings`]) for anything less
/// plain: a backslash (an escape may hide a control character), raw bytes
/// a JSON string cannot hold, more than `MAX_TEXT_CHARS` bytes between two
/// quotes (without escapes, every quote opens or closes a string, and a
/// string has at most as many characters as bytes). Whether the document
/// is JSON at all is left to the parse that follows. This is how a run
/// writes its reports, and it reads them at memory speed.
fn scan(bytes: &[u8]) -> Option<u64> {
    let mut last_quote = 0;
    let mut versions = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match CLASS[usize::from(b)] {
            PLAIN => {}
            QUOTE => {
                if i - last_quote > MAX_TEXT_CHARS {
                    return None;
                }
                last_quote = i;
                versions += usize::from(bytes[i..].starts_with(VERSION_KEY));
            }
            LEAD => {
                // The unsafe characters above ASCII, as UTF-8: C1 controls
                // (C2 80–9F), U+061C (D8 9C), U+200E/F and U+2028–202E
                // (E2 80 8E/8F/A8–AE), U+2066–2069 (E2 81 A6–A9).
                let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
                let bad = match (b, next(1)) {
                    (0xC2, 0x80..=0x9F) | (0xD8, 0x9C) => true,
                    (0xE2, 0x80) => matches!(next(2), 0x8E | 0x8F | 0xA8..=0xAE),
                    (0xE2, 0x81) => matches!(next(2), 0xA6..=0xA9),
                    _ => false,
                };
                if bad {
                    return None;
                }
            }
            _ => return None,
        }
    }
    if bytes.len() - last_quote > MAX_TEXT_CHARS || versions != 1 {
        return None;
    }
    first_key_version(bytes)
}

/// [`scan`]'s classes of bytes: nothing to look at, a quote, a byte that
/// may begin an unsafe character, and one that sends the report to the
/// slower checks (a backslash, DEL, a control byte but tab and line ends).
const PLAIN: u8 = 0;
const QUOTE: u8 = 1;
const LEAD: u8 = 2;
const UNSURE: u8 = 3;

/// The class of every byte (one table look-up a byte is most of why the
/// scan runs at memory speed).
const CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'"' => QUOTE,
            b'\\' | 0x7f => UNSURE,
            b'\t' | b'\n' | b'\r' | 0x20..=0x7e => PLAIN,
            0..=0x1f => UNSURE,
            0xC2 | 0xD8 | 0xE2 => LEAD,
            _ => PLAIN,
        };
        b += 1;
    }
    t
};

/// The key of the schema version, quoted.
const VERSION_KEY: &[u8] = b"\"schema_version\"";

/// `schema_version` when it is the first key of the top object and a
/// whole number.
fn first_key_version(bytes: &[u8]) -> Option<u64> {
    let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let at = bytes.iter().position(|b| !ws(b))?;
    let rest = bytes[at..].strip_prefix(b"{")?;
    let rest = &rest[rest.iter().position(|b| !ws(b))?..];
    let rest = rest.strip_prefix(VERSION_KEY)?;
    let rest = &rest[rest.iter().position(|b| !ws(b))?..];
    let rest = rest.strip_prefix(b":")?;
    let rest = &rest[rest.iter().position(|b| !ws(b))?..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = rest.get(digits)?;
    if digits == 0
        || (digits > 1 && rest[0] == b'0')
        || !(ws(after) || matches!(after, b',' | b'}'))
    {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// A walk over any JSON value that fails at the first string or key a
/// report never holds (see [`every_string`]), allocating nothing for
/// strings without escapes. At the top it gives `schema_version` when that
/// is a whole number, once.
#[derive(Clone, Copy)]
struct Strings {
    top: bool,
}

/// A string [`every_string`] accepts: within [`MAX_TEXT_CHARS`] and no
/// unsafe characters (printable ASCII is checked byte by byte).
fn fine_text(s: &str) -> bool {
    (s.len() <= MAX_TEXT_CHARS || s.chars().count() <= MAX_TEXT_CHARS) && fine_key(s)
}

/// A key [`every_string`] accepts: no unsafe characters.
fn fine_key(s: &str) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r'))
        || !s.chars().any(crate::text::is_unsafe_char)
}

/// The string checks found something; the reason comes from the slow path.
fn refused<E: serde::de::Error>() -> E {
    E::custom("refused")
}

impl<'de> serde::de::DeserializeSeed<'de> for Strings {
    type Value = Option<u64>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<u64>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strings {
    type Value = Option<u64>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Option<u64>, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Option<u64>, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, v: u64) -> Result<Option<u64>, E> {
        Ok(Some(v))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Option<u64>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<u64>, E> {
        Ok(None)
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Option<u64>, E> {
        if fine_text(s) {
            Ok(None)
        } else {
            Err(refused())
        }
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Option<u64>, A::Error> {
        while a.next_element_seed(Strings { top: false })?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Option<u64>, A::Error> {
        let mut version = None;
        let mut seen = false;
        while let Some(is_version) = a.next_key_seed(Key { top: self.top })? {
            let v = a.next_value_seed(Strings { top: false })?;
            if is_version {
                // Twice: the slow path says which one counts.
                if seen {
                    return Err(refused());
                }
                seen = true;
                version = v;
            }
        }
        Ok(version)
    }
}

/// A map key for [`Strings`]: checked, and whether it is the top level's
/// `schema_version`.
struct Key {
    top: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for Key {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Key {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<bool, E> {
        if fine_key(s) {
            Ok(self.top && s == "schema_version")
        } else {
            Err(refused())
        }
    }
}

/// [`report_from_json`] by way of a parsed `Value`: slower, and says what
/// is wrong with a report that is not intact.
fn report_from_value(bytes: &[u8]) -> Result<Report, Invalid> {
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

    /// The fast path accepts only what the `Value` path accepts, and reads
    /// the same report; on everything else the `Value` path answers.
    #[test]
    fn the_fast_path_agrees_with_the_value_path() {
        let mut cases: Vec<Vec<u8>> = vec![serde_json::to_vec(&sample()).unwrap()];
        let edits: [(&str, serde_json::Value); 6] = [
            ("schema_version", serde_json::json!(99)),
            ("schema_version", serde_json::json!("1")),
            ("source", serde_json::json!("a\u{202e}b")),
            ("person", serde_json::json!(" Ana")),
            ("notes", serde_json::json!(["x".repeat(10_001)])),
            ("extra", serde_json::json!({"k\u{7}": 1})),
        ];
        for (k, v) in edits {
            let mut s = sample();
            s[k] = v;
            cases.push(serde_json::to_vec(&s).unwrap());
        }
        // A key given twice, which a Value keeps the last of.
        let text = String::from_utf8(cases[0].clone()).unwrap();
        cases.push(
            text.replacen('{', "{\"schema_version\": 0,", 1)
                .into_bytes(),
        );
        cases.push(text.replacen('{', "{\"person\": \"Bo\",", 1).into_bytes());
        cases.push(format!("{text} x").into_bytes());
        for bytes in &cases {
            let slow = report_from_value(bytes);
            if let Some(r) = intact(bytes) {
                assert_eq!(Ok(r), slow, "{}", String::from_utf8_lossy(bytes));
            }
            assert_eq!(report_from_json(bytes), slow);
        }
        assert!(intact(&cases[0]).is_some());
        // Every edit but the two duplicate keys (a Value keeps the last) is
        // refused; those two the fast path leaves to the Value path.
        let refused = cases.iter().filter(|b| report_from_value(b).is_err());
        assert_eq!(refused.count(), cases.len() - 3);
        let n = cases.len();
        assert!(intact(&cases[n - 3]).is_none() && intact(&cases[n - 2]).is_none());
    }

    /// `sample()` with `schema_version` first, as a run writes it, and
    /// `edit` applied to the rest of the text.
    fn written(edit: impl Fn(String) -> String) -> Vec<u8> {
        let mut v = sample();
        v.as_object_mut().unwrap().remove("schema_version");
        let rest = edit(serde_json::to_string_pretty(&v).unwrap());
        format!("{{\n  \"schema_version\": {SCHEMA_VERSION},{}", &rest[1..]).into_bytes()
    }

    #[test]
    fn the_byte_scan_answers_only_for_plain_clean_reports() {
        let plain = written(|t| t);
        assert_eq!(scan(&plain), Some(u64::from(SCHEMA_VERSION)));
        assert!(intact(&plain).is_some());
        let unsure = [
            // Escapes, which may hide a control character; a raw bidi or
            // C1 character; a string over the limit; a second version.
            written(|t| t.replace("Ana Souza", "Ana \\\"Souza")),
            written(|t| t.replace("Ana Souza", "Ana \\u001b Souza")),
            written(|t| t.replace("Ana Souza", "Ana \u{202e}Souza")),
            written(|t| t.replace("team.csv", "team\u{85}.csv")),
            written(|t| t.replace("team.csv", &"x".repeat(10_001))),
            written(|t| t.replace("\"notes\"", "\"schema_version\": 1, \"notes\"")),
        ];
        for bytes in &unsure {
            assert_eq!(scan(bytes), None, "{}", String::from_utf8_lossy(bytes));
            // What the scan leaves, the walk and the Value path decide.
            assert_eq!(report_from_json(bytes), report_from_value(bytes));
        }
        // A quote escaped in a name is still a clean report, and so is a
        // version given twice (a Value keeps the last).
        assert!(report_from_json(&unsure[0]).is_ok());
        assert!(report_from_json(&unsure[5]).is_ok());
        for bytes in &unsure[1..5] {
            assert!(
                report_from_json(bytes).is_err(),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        // Long strings are fine up to the limit, and Łukasz Żółć's name.
        let long = written(|t| t.replace("team.csv", &"é".repeat(5_000)));
        assert!(report_from_json(&long).is_ok());
        let name = written(|t| t.replace("Ana Souza", "Łukasz Żółć 李雷"));
        assert_eq!(scan(&name), Some(u64::from(SCHEMA_VERSION)));
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
