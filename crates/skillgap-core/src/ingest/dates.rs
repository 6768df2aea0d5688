//! Assessment dates from date and form timestamp columns.
//!
//! Survey tools write timestamps in the respondent's or owner's locale, so
//! `3/4/2026` is ambiguous on its own; the order is settled per column.

use chrono::NaiveDate;

/// The date part of a cell, before the day/month order is known.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Parts {
    /// Year first: `2026/05/20`, `2026-05-20`.
    Ymd(i32, u32, u32),
    /// Dotted dates are day first in every locale that writes them.
    Dmy(i32, u32, u32),
    /// `a/b/y`: day/month or month/day.
    Ambiguous(u32, u32, i32),
    /// Already a full date (month names, spreadsheet serial numbers).
    Date(NaiveDate),
}

/// How a column's `a/b/y` dates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// `m/d/y`, the US and Google Forms default.
    MonthFirst,
    /// `d/m/y`.
    DayFirst,
    /// The column has both; each value is read on its own.
    Mixed,
}

/// Reads one date column with the order settled from all its values.
#[derive(Debug, Clone)]
pub(crate) struct DateColumn {
    order: Order,
    /// Set when the column was ambiguous or inconsistent.
    pub warning: Option<String>,
}

impl DateColumn {
    /// Looks at every value of the column named `header` to fix the order.
    pub(crate) fn resolve<'a>(header: &str, cells: impl IntoIterator<Item = &'a str>) -> Self {
        let mut day_first = false;
        let mut month_first = false;
        let mut example: Option<String> = None;
        for cell in cells {
            if let Some(Parts::Ambiguous(a, b, _)) = parts(cell) {
                day_first |= a > 12;
                month_first |= b > 12;
                if a != b && a <= 12 && b <= 12 && example.is_none() {
                    example = Some(date_token(cell).to_string());
                }
            }
        }
        match (day_first, month_first) {
            (true, false) => Self {
                order: Order::DayFirst,
                warning: None,
            },
            (false, true) => Self {
                order: Order::MonthFirst,
                warning: None,
            },
            (true, true) => Self {
                order: Order::Mixed,
                warning: Some(format!(
                    "the \"{header}\" column mixes day/month and month/day dates; each date was read on its own, and ones like \"{}\" as month/day",
                    example.as_deref().unwrap_or("3/4/2026")
                )),
            },
            (false, false) => Self {
                order: Order::MonthFirst,
                warning: example.map(|ex| {
                    format!(
                        "dates in the \"{header}\" column such as \"{ex}\" could be day/month or month/day; they were read as month/day (US, the Google Forms default). Use YYYY-MM-DD dates if that is wrong"
                    )
                }),
            },
        }
    }

    /// The order this column uses.
    #[cfg(test)]
    pub(crate) fn order(&self) -> Order {
        self.order
    }

    /// The date in `text`, or `None` when it is blank or unreadable.
    pub(crate) fn parse(&self, text: &str) -> Option<NaiveDate> {
        match parts(text)? {
            Parts::Ymd(y, m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Parts::Dmy(y, m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Parts::Date(date) => Some(date),
            Parts::Ambiguous(a, b, y) => {
                let day_first = match self.order {
                    Order::DayFirst => true,
                    Order::MonthFirst => false,
                    Order::Mixed => a > 12,
                };
                let (m, d) = if day_first { (b, a) } else { (a, b) };
                NaiveDate::from_ymd_opt(y, m, d)
            }
        }
    }
}

/// The date token: everything before the time (`T`, space or comma).
fn date_token(text: &str) -> &str {
    let t = text.trim();
    let end = t
        .find(|c: char| c.is_whitespace() || c == 'T' || c == ',')
        .unwrap_or(t.len());
    t.get(..end).unwrap_or(t)
}

fn parts(text: &str) -> Option<Parts> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(date) = named_month(t).or_else(|| excel_serial(t)) {
        return Some(Parts::Date(date));
    }
    let token = date_token(t);
    let sep = token.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut pieces = token.split(sep);
    let (a, b, c) = (pieces.next()?, pieces.next()?, pieces.next()?);
    if pieces.next().is_some() {
        return None;
    }
    let num = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (na, nb, nc) = (num(a)?, num(b)?, num(c)?);
    if a.len() == 4 {
        return Some(Parts::Ymd(i32::try_from(na).ok()?, nb, nc));
    }
    let year = full_year(c, nc)?;
    if sep == '.' {
        Some(Parts::Dmy(year, nb, na))
    } else {
        Some(Parts::Ambiguous(na, nb, year))
    }
}

/// Two-digit years (Microsoft Forms writes `8/20/25`) are this century.
fn full_year(text: &str, value: u32) -> Option<i32> {
    match text.len() {
        2 => i32::try_from(2000 + value).ok(),
        4 => i32::try_from(value).ok(),
        _ => None,
    }
}

/// `20 May 2026`, `May 20, 2026`, `20-May-2026`.
fn named_month(text: &str) -> Option<NaiveDate> {
    if !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    const FORMATS: [&str; 6] = [
        "%d %B %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d-%b-%Y",
        "%d-%b-%y",
    ];
    FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
}

/// Excel sometimes saves dates as the number of days since 1899-12-30.
fn excel_serial(text: &str) -> Option<NaiveDate> {
    if text.len() != 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = text.parse().ok()?;
    if !(20_000..=80_000).contains(&days) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::TimeDelta::try_days(days)?)
}

/// Warning for date cells that could not be read, naming the first few.
pub(crate) fn bad_dates_warning(header: &str, bad: &[(usize, String)]) -> Option<String> {
    let (first_line, first_text) = bad.first()?;
    let more = match bad.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    Some(format!(
        "could not read the date \"{}\" in the \"{header}\" column (line {first_line}){more}; those ratings have no assessment date. Use dates like 2026-05-20",
        crate::text::shorten(first_text)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn google_forms_timestamps() {
        let col = DateColumn::resolve("Timestamp", ["2026/05/20 1:43:01 PM GMT+1"]);
        assert_eq!(col.parse("2026/05/20 1:43:01 PM GMT+1"), d(2026, 5, 20));
        assert_eq!(col.parse("2026/10/04 10:15:00 AM GMT+5:30"), d(2026, 10, 4));
        assert_eq!(col.warning, None);
    }

    #[test]
    fn iso_and_dotted_and_named() {
        let col = DateColumn::resolve("Date", ["2026-03-01"]);
        assert_eq!(col.parse("2026-03-01"), d(2026, 3, 1));
        assert_eq!(col.parse("2026-03-01T09:30:00Z"), d(2026, 3, 1));
        assert_eq!(col.parse("20.05.2026 13:43"), d(2026, 5, 20));
        assert_eq!(col.parse("20 May 2026"), d(2026, 5, 20));
        assert_eq!(col.parse("May 20, 2026"), d(2026, 5, 20));
        assert_eq!(col.parse("46162"), d(2026, 5, 20));
        assert_eq!(col.parse("soon"), None);
        assert_eq!(col.parse(""), None);
        assert_eq!(col.parse("2026-02-30"), None);
    }

    #[test]
    fn day_first_when_any_first_part_exceeds_12() {
        let cells = ["23/10/2022 14:37:14", "3/4/2022 09:00:00"];
        let col = DateColumn::resolve("Timestamp", cells);
        assert_eq!(col.order(), Order::DayFirst);
        assert_eq!(col.parse(cells[0]), d(2022, 10, 23));
        assert_eq!(col.parse(cells[1]), d(2022, 4, 3));
        assert_eq!(col.warning, None);
    }

    #[test]
    fn month_first_when_any_second_part_exceeds_12() {
        let cells = ["3/20/2026 19:10:37", "3/4/2026 08:00:00"];
        let col = DateColumn::resolve("Timestamp", cells);
        assert_eq!(col.order(), Order::MonthFirst);
        assert_eq!(col.parse(cells[1]), d(2026, 3, 4));
        assert_eq!(col.warning, None);
    }

    #[test]
    fn ambiguous_column_assumes_us_and_warns() {
        let col = DateColumn::resolve("Timestamp", ["3/4/2026 10:00:00", "5/5/2026"]);
        assert_eq!(col.order(), Order::MonthFirst);
        assert_eq!(col.parse("3/4/2026 10:00:00"), d(2026, 3, 4));
        let w = col.warning.unwrap();
        assert!(
            w.contains("\"Timestamp\"") && w.contains("\"3/4/2026\"") && w.contains("month/day"),
            "{w}"
        );
        // Equal day and month cannot be misread, so no warning.
        assert_eq!(DateColumn::resolve("Date", ["5/5/2026"]).warning, None);
    }

    #[test]
    fn mixed_column_reads_each_value() {
        let col = DateColumn::resolve("Date", ["23/10/2022", "10/23/2022"]);
        assert_eq!(col.order(), Order::Mixed);
        assert_eq!(col.parse("23/10/2022"), d(2022, 10, 23));
        assert_eq!(col.parse("10/23/2022"), d(2022, 10, 23));
        assert!(col.warning.is_some());
    }

    #[test]
    fn bad_dates_are_summarised() {
        assert_eq!(bad_dates_warning("Date", &[]), None);
        let bad = [(4, "soon".to_string()), (9, "later".to_string())];
        assert_eq!(
            bad_dates_warning("Date", &bad).as_deref(),
            Some(
                "could not read the date \"soon\" in the \"Date\" column (line 4) and 1 more; those ratings have no assessment date. Use dates like 2026-05-20"
            )
        );
    }

    #[test]
    fn microsoft_forms_two_digit_years() {
        let col = DateColumn::resolve("Completion time", ["8/20/25 12:51:45", "8/21/25 9:02:10"]);
        assert_eq!(col.parse("8/20/25 12:51:45"), d(2025, 8, 20));
        assert_eq!(col.parse("8/21/25 9:02:10"), d(2025, 8, 21));
    }
}
