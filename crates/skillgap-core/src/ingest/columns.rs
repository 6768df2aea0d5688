//! `--columns person=COL,skill=COL,rating=COL,…`: saying which column is
//! which when the headers do not say it clearly enough. A column is named
//! by its header text (case, spaces and punctuation ignored) or by its
//! 1-based number.

use super::column_role::{ColumnRole, NAMES};
use super::headers::normalize;
use super::records::Record;

impl ColumnRole {
    fn from_key(key: &str) -> Option<Self> {
        let k = normalize(key);
        NAMES
            .iter()
            .find(|(name, _)| normalize(name) == k)
            .map(|(_, r)| *r)
    }
}

/// A column named by header text or 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    /// 1-based column number.
    Number(usize),
    /// Header text as given.
    Header(String),
}

/// The parsed `--columns` value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Role and column, in the order given.
    pub entries: Vec<(ColumnRole, ColumnRef)>,
}

impl ColumnSpec {
    /// Parses `person=Name,skill=3,rating="Score, 0-5"`: comma-separated
    /// `role=column` pairs; a column holding a comma goes in double quotes.
    pub fn parse(text: &str) -> Result<ColumnSpec, String> {
        let keys = NAMES.map(|(k, _)| k).join(", ");
        let mut entries: Vec<(ColumnRole, ColumnRef)> = Vec::new();
        for item in split_quoted(text) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let Some((key, col)) = item.split_once('=') else {
                return Err(format!(
                    "--columns item \"{item}\" is not ROLE=COLUMN; roles: {keys}"
                ));
            };
            let role = ColumnRole::from_key(key).ok_or_else(|| {
                format!("--columns: unknown role \"{}\"; roles: {keys}", key.trim())
            })?;
            let col = unquote(col.trim());
            if col.is_empty() {
                return Err(format!("--columns: {} names no column", role.key()));
            }
            let col = match col.parse::<usize>() {
                Ok(0) => return Err("--columns: column numbers start at 1".to_string()),
                Ok(n) => ColumnRef::Number(n),
                Err(_) => ColumnRef::Header(col.to_string()),
            };
            if role != ColumnRole::Ignore && entries.iter().any(|(r, _)| *r == role) {
                return Err(format!("--columns names {} twice", role.key()));
            }
            if let Some((first, _)) = entries.iter().find(|(_, c)| same_ref(c, &col)) {
                return Err(format!(
                    "--columns gives one column two roles, {} and {}; a column holds one thing",
                    first.key(),
                    role.key()
                ));
            }
            entries.push((role, col));
        }
        if entries.is_empty() {
            return Err(format!(
                "--columns is empty; give ROLE=COLUMN pairs, roles: {keys}"
            ));
        }
        Ok(ColumnSpec { entries })
    }

    /// The 0-based column of each entry in `header`, or the first entry
    /// that names no column there.
    pub(crate) fn resolve(
        &self,
        header: &Record,
    ) -> Result<Vec<(ColumnRole, usize)>, (ColumnRole, String)> {
        let width = header.cells.len();
        let mut out = Vec::new();
        for (role, col) in &self.entries {
            let idx = match col {
                ColumnRef::Number(n) if *n <= width => Some(n - 1),
                ColumnRef::Number(_) => None,
                ColumnRef::Header(h) => {
                    let want = normalize(h);
                    header
                        .cells
                        .iter()
                        .position(|c| c.trim() == h.trim())
                        .or_else(|| header.cells.iter().position(|c| normalize(c) == want))
                }
            };
            match idx {
                Some(i) => out.push((*role, i)),
                None => {
                    let shown = match col {
                        ColumnRef::Number(n) => format!("column {n}"),
                        ColumnRef::Header(h) => format!("\"{h}\""),
                    };
                    return Err((*role, shown));
                }
            }
        }
        Ok(out)
    }
}

/// True when two references name the same column by the same means.
fn same_ref(a: &ColumnRef, b: &ColumnRef) -> bool {
    match (a, b) {
        (ColumnRef::Number(x), ColumnRef::Number(y)) => x == y,
        (ColumnRef::Header(x), ColumnRef::Header(y)) => normalize(x) == normalize(y),
        _ => false,
    }
}

/// A ready-to-paste `--columns` value (shell-quoted) for `roles`, naming
/// each column by its header, or by number when the header is blank or
/// repeated.
pub(crate) fn columns_arg(header: &Record, roles: &[(ColumnRole, usize)]) -> String {
    let items: Vec<String> = roles
        .iter()
        .map(|&(role, idx)| {
            let h = header.cell(idx);
            let repeated = header.cells.iter().filter(|c| c.trim() == h).count() > 1;
            let col = if h.is_empty() || repeated || h.parse::<usize>().is_ok() {
                (idx + 1).to_string()
            } else if h.contains([',', '"', '=']) {
                format!("\"{}\"", h.replace('"', ""))
            } else {
                h.to_string()
            };
            format!("{}={col}", role.key())
        })
        .collect();
    let joined = items.join(",");
    format!("'{}'", joined.replace('\'', "'\\''"))
}

fn split_quoted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn unquote(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_roles_headers_and_numbers() {
        let s =
            ColumnSpec::parse("person=Your name, skill=2,rating=\"Score, 0-5\",ignore=4").unwrap();
        assert_eq!(
            s.entries,
            [
                (ColumnRole::Person, ColumnRef::Header("Your name".into())),
                (ColumnRole::Skill, ColumnRef::Number(2)),
                (ColumnRole::Rating, ColumnRef::Header("Score, 0-5".into())),
                (ColumnRole::Ignore, ColumnRef::Number(4)),
            ]
        );
        assert!(
            ColumnSpec::parse("colour=2")
                .unwrap_err()
                .contains("unknown role")
        );
        assert!(ColumnSpec::parse("person").is_err());
        assert!(ColumnSpec::parse("person=0").is_err());
        assert!(ColumnSpec::parse("person=a,person=b").is_err());
        assert!(ColumnSpec::parse("").is_err());
        assert_eq!(
            ColumnSpec::parse("First_Name=1").unwrap().entries[0].0,
            ColumnRole::FirstName
        );
    }

    #[test]
    fn resolves_against_a_header_and_prints_back() {
        let h = Record::of(3, &["Who", "Tech", "Score, 0-5", ""]);
        let s = ColumnSpec::parse("person=who,skill=TECH,rating=\"Score, 0-5\"").unwrap();
        let roles = s.resolve(&h).unwrap();
        assert_eq!(
            roles,
            [
                (ColumnRole::Person, 0),
                (ColumnRole::Skill, 1),
                (ColumnRole::Rating, 2)
            ]
        );
        let arg = columns_arg(&h, &roles);
        assert_eq!(arg, "'person=Who,skill=Tech,rating=\"Score, 0-5\"'");
        let back = ColumnSpec::parse(arg.trim_matches('\'')).unwrap();
        assert_eq!(back.resolve(&h).unwrap(), roles);
        let bad = ColumnSpec::parse("rating=9").unwrap();
        assert_eq!(
            bad.resolve(&h).unwrap_err(),
            (ColumnRole::Rating, "column 9".to_string())
        );
    }
}
