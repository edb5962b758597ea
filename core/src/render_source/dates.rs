//! Dates as a reader expects them: "Jun 2021 – Present".
//!
//! JSON Resume dates are ISO 8601 prefixes (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). Every date is
//! shown as month and year (or just the year when that is all that was given): a résumé reader
//! scans durations, and a day adds noise. A value that is not such a date ("Summer 2020") is
//! shown exactly as written, since it is the user's text.

use super::text::clean_line;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The word shown for an ongoing role (a start date without an end date).
pub const PRESENT: &str = "Present";

/// Separator between the ends of a range: an en dash with spaces.
pub const RANGE_SEPARATOR: &str = " – ";

/// Formats one date; `None` when absent or blank.
pub fn format_date(value: Option<&String>) -> Option<String> {
    let cleaned = clean_line(value?);
    if cleaned.is_empty() {
        return None;
    }
    Some(parse_iso(&cleaned).unwrap_or(cleaned))
}

/// Formats a start–end range. A start without an end is ongoing ("… – Present"); an end
/// without a start is shown alone; equal ends collapse to one.
pub fn format_range(start: Option<&String>, end: Option<&String>) -> Option<String> {
    match (format_date(start), format_date(end)) {
        (Some(s), Some(e)) if s == e => Some(s),
        (Some(s), Some(e)) => Some(format!("{s}{RANGE_SEPARATOR}{e}")),
        (Some(s), None) => Some(format!("{s}{RANGE_SEPARATOR}{PRESENT}")),
        (None, Some(e)) => Some(e),
        (None, None) => None,
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` is ignored) to "Mon YYYY".
fn parse_iso(s: &str) -> Option<String> {
    let date = s.split('T').next().unwrap_or(s);
    let mut parts = date.split('-');
    let year = parts.next()?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = match parts.next() {
        None => return Some(year.to_string()),
        Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            m.parse::<usize>().ok().filter(|m| (1..=12).contains(m))?
        }
        Some(_) => return None,
    };
    match parts.next() {
        None => {}
        Some(d) if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) => {
            d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?;
        }
        Some(_) => return None,
    }
    if parts.next().is_some() {
        return None;
    }
    Some(format!("{} {year}", MONTHS[month - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn iso_prefixes() {
        assert_eq!(format_date(s("2021").as_ref()), s("2021"));
        assert_eq!(format_date(s("2021-06").as_ref()), s("Jun 2021"));
        assert_eq!(format_date(s("2023-05-17").as_ref()), s("May 2023"));
        assert_eq!(
            format_date(s("2025-01-15T10:00:00").as_ref()),
            s("Jan 2025")
        );
    }

    #[test]
    fn free_text_is_kept() {
        assert_eq!(format_date(s("Summer 2020").as_ref()), s("Summer 2020"));
        assert_eq!(format_date(s("2021-13").as_ref()), s("2021-13"));
        assert_eq!(format_date(s("  ").as_ref()), None);
    }

    #[test]
    fn ranges() {
        assert_eq!(
            format_range(s("2021-06").as_ref(), None),
            s("Jun 2021 – Present")
        );
        assert_eq!(
            format_range(s("2019-01").as_ref(), s("2022-02").as_ref()),
            s("Jan 2019 – Feb 2022")
        );
        assert_eq!(format_range(None, s("2018").as_ref()), s("2018"));
        assert_eq!(
            format_range(s("2018").as_ref(), s("2018").as_ref()),
            s("2018")
        );
        assert_eq!(format_range(None, None), None);
    }
}
