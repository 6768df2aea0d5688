//! `--team-role` and `--group-by`: how the team files read target roles
//! and groups.

use super::resolve_roles;
use crate::batch::TeamOptions;
use crate::batch::tables::CsvStyle;
use crate::catalog::Catalog;
use crate::cli;
use crate::error::UsageError;

/// `--csv-delimiter` and `--decimal-comma` checked: one ASCII character
/// that is not a quote, a letter or a digit ("tab" or `\t` for a tab); a
/// decimal comma with a comma separator would split every decimal, so
/// `--decimal-comma` alone takes `;`.
fn csv_style(delimiter: Option<&str>, decimal_comma: bool) -> Result<CsvStyle, UsageError> {
    let delimiter = match delimiter {
        None if decimal_comma => b';',
        None => b',',
        Some("tab" | "\\t" | "\t") => b'\t',
        Some(d) => match d.as_bytes() {
            [b] if b.is_ascii()
                && !b.is_ascii_alphanumeric()
                && !matches!(b, b'"' | b'\n' | b'\r' | b'.') =>
            {
                *b
            }
            _ => {
                return Err(UsageError(format!(
                    "--csv-delimiter {d:?}: give one character such as ';' or ',' (or \"tab\")"
                )));
            }
        },
    };
    if decimal_comma && delimiter == b',' {
        return Err(UsageError(
            "--decimal-comma with --csv-delimiter ',' would split every decimal in two; use ';' (the default with --decimal-comma)".into(),
        ));
    }
    Ok(CsvStyle {
        delimiter,
        decimal_comma,
    })
}

/// The team group as settings: `--team-role` checked against the roles
/// compared, `--group-by`, and the CSV style.
pub(super) fn team_options(
    catalog: &Catalog,
    compared: &[String],
    a: &cli::TeamArgs,
) -> Result<TeamOptions, UsageError> {
    let csv = csv_style(a.csv_delimiter.as_deref(), a.decimal_comma)?;
    let team_role = match a.team_role.as_deref() {
        Some(q) => resolve_roles(catalog, &[q.to_string()])
            .map_err(|e| UsageError(format!("--team-role: {}", e.0)))?
            .into_iter()
            .next(),
        None => None,
    };
    if let Some(r) = &team_role
        && !compared.is_empty()
        && !compared.contains(r)
    {
        return Err(UsageError(format!(
            "--team-role {r} is not among the roles compared (--role {}); add --role {r}",
            compared.join(" --role ")
        )));
    }
    Ok(TeamOptions {
        team_role,
        group_by: a.group_by.map(|g| match g {
            cli::GroupBy::Department => crate::model::GroupKey::Department,
            cli::GroupBy::Team => crate::model::GroupKey::Team,
            cli::GroupBy::Manager => crate::model::GroupKey::Manager,
            cli::GroupBy::Location => crate::model::GroupKey::Location,
        }),
        csv,
    })
}
