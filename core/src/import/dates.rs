//! Dates as people write them on résumés ("Jun 2019 – Present", "2019-2022",
//! "03/2019 - 06/2021", "Sept. 2018 to May 2020", "Jun – Aug 2019", "Summer 2017") read into
//! JSON Resume's `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
//!
//! The reader is a small tokenizer plus patterns rather than a regex: the crate has no regex
//! dependency, and tokens carry byte spans so callers can cut the date out of a line such as
//! "Senior Engineer — Acme · Jun 2019 – Present" and read what is left. Month names are
//! English (with the usual abbreviations); years must be 1900–2099 so that counts such as
//! "1200 users" are not taken for years.

use std::ops::Range;

/// A date with the precision it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// JSON Resume's form: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// Dates found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDates {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// The range is open ("– Present", "since 2020").
    pub present: bool,
    /// Only one date, not a range (a graduation date, an award year).
    pub single: bool,
    /// An open range written as "since 2020" / "from 2020" rather than with a dash.
    pub since: bool,
    /// Some precision was lost (a season became its year).
    pub approximate: bool,
    /// Where the dates are in the text (byte range, on character boundaries).
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Num { value: u32, digits: usize },
    Dash,
    Slash,
    Dot,
    Comma,
    Other,
}

#[derive(Debug, Clone)]
struct T {
    tok: Tok,
    start: usize,
    end: usize,
}

fn tokenize(s: &str) -> Vec<T> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let tok = if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            let mut w = String::new();
            w.extend(c.to_lowercase());
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                w.extend(d.to_lowercase());
                end = j + d.len_utf8();
                it.next();
            }
            out.push(T { tok: Tok::Word(w), start: i, end });
            continue;
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            let mut value: u32 = c.to_digit(10).unwrap_or(0);
            let mut digits = 1;
            while let Some(&(j, d)) = it.peek() {
                let Some(v) = d.to_digit(10).filter(|_| d.is_ascii_digit()) else { break };
                value = value.saturating_mul(10).saturating_add(v);
                digits += 1;
                end = j + 1;
                it.next();
            }
            out.push(T { tok: Tok::Num { value, digits }, start: i, end });
            continue;
        } else if c.is_whitespace() {
            continue;
        } else {
            match c {
                '-' | '–' | '—' | '‐' | '‑' | '‒' | '−' | '~' => Tok::Dash,
                '/' => Tok::Slash,
                '.' => Tok::Dot,
                ',' => Tok::Comma,
                _ => Tok::Other,
            }
        };
        out.push(T { tok, start: i, end: i + c.len_utf8() });
    }
    out
}

fn month(word: &str) -> Option<u8> {
    const NAMES: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    if word.len() < 3 {
        return None;
    }
    if word == "sept" {
        return Some(9);
    }
    NAMES.iter().position(|n| *n == word || (word.len() == 3 && n.starts_with(word))).map(|i| i as u8 + 1)
}

fn is_season(word: &str) -> bool {
    matches!(word, "spring" | "summer" | "fall" | "autumn" | "winter")
}

fn is_present(word: &str) -> bool {
    matches!(word, "present" | "current" | "now" | "today" | "ongoing" | "currently")
}

fn is_range_word(word: &str) -> bool {
    matches!(word, "to" | "till" | "until" | "through" | "thru")
}

fn year(t: Option<&T>) -> Option<u16> {
    match t.map(|t| &t.tok) {
        Some(Tok::Num { value, digits: 4 }) if (1900..=2099).contains(value) => Some(*value as u16),
        _ => None,
    }
}

fn small(t: Option<&T>, max: u32) -> Option<u8> {
    match t.map(|t| &t.tok) {
        Some(Tok::Num { value, digits: 1 | 2 }) if (1..=max).contains(value) => Some(*value as u8),
        _ => None,
    }
}

fn word(t: Option<&T>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

fn adjacent(a: &T, b: &T) -> bool {
    a.end == b.start
}

/// A date starting at token `i`: the date, whether it is approximate, and the index after it.
fn date_at(t: &[T], i: usize) -> Option<(PartialDate, bool, usize)> {
    let at = |k: usize| t.get(k);
    if let Some(w) = word(at(i)) {
        if let Some(m) = month(w) {
            let mut k = i + 1;
            if matches!(at(k).map(|x| &x.tok), Some(Tok::Dot)) {
                k += 1;
            }
            // "March 15, 2019"
            if let (Some(d), Some(Tok::Comma)) = (small(at(k), 31), at(k + 1).map(|x| &x.tok)) {
                if let Some(y) = year(at(k + 2)) {
                    return Some((PartialDate { year: y, month: Some(m), day: Some(d) }, false, k + 3));
                }
            }
            if matches!(at(k).map(|x| &x.tok), Some(Tok::Comma | Tok::Slash)) {
                k += 1;
            }
            // "Jun '19" is too ambiguous to guess the century of; only four-digit years.
            if let Some(y) = year(at(k)) {
                return Some((PartialDate { year: y, month: Some(m), day: None }, false, k + 1));
            }
            return None;
        }
        if is_season(w) {
            if let Some(y) = year(at(i + 1)) {
                return Some((PartialDate { year: y, month: None, day: None }, true, i + 2));
            }
        }
        return None;
    }
    // "15 March 2019"
    if let (Some(d), Some(m)) = (small(at(i), 31), word(at(i + 1)).and_then(month)) {
        if let Some(y) = year(at(i + 2)) {
            return Some((PartialDate { year: y, month: Some(m), day: Some(d) }, false, i + 3));
        }
    }
    // "03/2019", "3.2019", "03-2019"
    if let (Some(m), Some(sep)) = (small(at(i), 12), at(i + 1)) {
        if matches!(sep.tok, Tok::Slash | Tok::Dot | Tok::Dash) && adjacent(&t[i], sep) {
            if let Some(y) = year(at(i + 2)).filter(|_| adjacent(sep, &t[i + 2])) {
                return Some((PartialDate { year: y, month: Some(m), day: None }, false, i + 3));
            }
        }
    }
    let y = year(at(i))?;
    // "2019-03", "2019/03", "2019.03" and "2019-03-15" (written without spaces).
    if let (Some(sep), Some(next)) = (at(i + 1), at(i + 2)) {
        let joined = adjacent(&t[i], sep) && adjacent(sep, next);
        if joined && matches!(sep.tok, Tok::Dash | Tok::Slash | Tok::Dot) {
            if let Tok::Num { value: m @ 1..=12, digits: 2 } = next.tok {
                if let (Some(sep2), Some(day)) = (at(i + 3), small(at(i + 4), 31)) {
                    if sep2.tok == sep.tok && adjacent(next, sep2) && adjacent(sep2, &t[i + 4]) {
                        return Some((PartialDate { year: y, month: Some(m as u8), day: Some(day) }, false, i + 5));
                    }
                }
                return Some((PartialDate { year: y, month: Some(m as u8), day: None }, false, i + 3));
            }
        }
    }
    Some((PartialDate { year: y, month: None, day: None }, false, i + 1))
}

fn is_range_sep(t: Option<&T>) -> bool {
    match t.map(|t| &t.tok) {
        Some(Tok::Dash) => true,
        Some(Tok::Word(w)) => is_range_word(w),
        _ => false,
    }
}

/// The end of a range starting at `k` (just after the separator): an end date, "present",
/// or a two-digit year ("2019–20").
fn range_end(t: &[T], k: usize, start: PartialDate) -> Option<(Option<PartialDate>, bool, bool, usize)> {
    let at = |k: usize| t.get(k);
    if let Some(w) = word(at(k)) {
        if is_present(w) {
            return Some((None, true, false, k + 1));
        }
        // "to date"
        if w == "date" {
            return Some((None, true, false, k + 1));
        }
    }
    if let Some((d, approx, next)) = date_at(t, k) {
        return Some((Some(d), false, approx, next));
    }
    if let Some(Tok::Num { value, digits: 2 }) = at(k).map(|x| &x.tok) {
        let full = (start.year as u32 / 100) * 100 + value;
        if start.month.is_none() && full > start.year as u32 && full <= 2099 {
            return Some((Some(PartialDate { year: full as u16, month: None, day: None }), false, false, k + 1));
        }
    }
    None
}

/// The first date range in `s` ("Jun 2019 – Present"), or else its first single date.
pub(crate) fn find_dates(s: &str) -> Option<FoundDates> {
    let t = tokenize(s);
    let mut single: Option<FoundDates> = None;
    let mut i = 0;
    while i < t.len() {
        // "Jun – Aug 2019": two months sharing one year.
        if let (Some(m1), true, Some(m2)) = (word(t.get(i)).and_then(month), is_range_sep(t.get(i + 1)), word(t.get(i + 2)).and_then(month)) {
            let mut k = i + 3;
            if matches!(t.get(k).map(|x| &x.tok), Some(Tok::Dot)) {
                k += 1;
            }
            if let Some(y) = year(t.get(k)) {
                return Some(FoundDates {
                    start: Some(PartialDate { year: y, month: Some(m1), day: None }),
                    end: Some(PartialDate { year: y, month: Some(m2), day: None }),
                    present: false,
                    single: false,
                    since: false,
                    approximate: false,
                    span: t[i].start..t[k].end,
                });
            }
        }
        let Some((d1, approx1, j)) = date_at(&t, i) else {
            i += 1;
            continue;
        };
        if is_range_sep(t.get(j)) {
            if let Some((end, present, approx2, next)) = range_end(&t, j + 1, d1) {
                return Some(FoundDates {
                    start: Some(d1),
                    end,
                    present,
                    single: false,
                    since: false,
                    approximate: approx1 || approx2,
                    span: t[i].start..t[next - 1].end,
                });
            }
        }
        let prev = if i > 0 { word(t.get(i - 1)) } else { None };
        if matches!(prev, Some("since" | "from")) {
            return Some(FoundDates {
                start: Some(d1),
                end: None,
                present: true,
                single: false,
                since: true,
                approximate: approx1,
                span: t[i - 1].start..t[j - 1].end,
            });
        }
        if single.is_none() {
            let lead = matches!(prev, Some("expected" | "anticipated" | "graduated" | "graduating" | "graduation" | "exp"));
            let from = if lead { i - 1 } else { i };
            single = Some(FoundDates {
                start: Some(d1),
                end: None,
                present: false,
                single: true,
                since: false,
                approximate: approx1,
                span: t[from].start..t[j - 1].end,
            });
        }
        i = j;
    }
    single
}

/// Dates of a field that holds only dates (seed 000's `dates: "Jun 2021 – Present"`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DateField {
    pub start: Option<String>,
    pub end: Option<String>,
    /// Everything in the text was understood; otherwise the caller keeps the text as written.
    pub exact: bool,
}

/// Reads a whole field as dates. A single date gives `start` only; the caller decides
/// what a single date means for its section (an award year, a graduation date…).
pub(crate) fn read_date_field(text: &str) -> DateField {
    let Some(found) = find_dates(text) else {
        return DateField { exact: text.trim().is_empty(), ..Default::default() };
    };
    let rest = format!("{}{}", text.get(..found.span.start).unwrap_or(""), text.get(found.span.end..).unwrap_or(""));
    let leftover = rest.chars().any(|c| !(c.is_whitespace() || "()[],;:|·•-–—".contains(c)));
    DateField {
        start: found.start.map(|d| d.iso()),
        end: found.end.map(|d| d.iso()),
        exact: !leftover && !found.approximate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(s: &str) -> (Option<String>, Option<String>, bool) {
        let f = find_dates(s).unwrap_or_else(|| panic!("no dates in {s:?}"));
        (f.start.map(|d| d.iso()), f.end.map(|d| d.iso()), f.present)
    }

    fn some(a: &str) -> Option<String> {
        Some(a.to_string())
    }

    #[test]
    fn reads_common_ranges() {
        assert_eq!(range("Jun 2019 – Present"), (some("2019-06"), None, true));
        assert_eq!(range("2019-2022"), (some("2019"), some("2022"), false));
        assert_eq!(range("03/2019 - 06/2021"), (some("2019-03"), some("2021-06"), false));
        assert_eq!(range("Sept. 2018 to May 2020"), (some("2018-09"), some("2020-05"), false));
        assert_eq!(range("January 2020 — current"), (some("2020-01"), None, true));
        assert_eq!(range("Jun – Aug 2019"), (some("2019-06"), some("2019-08"), false));
        assert_eq!(range("2019-03 – 2021-11"), (some("2019-03"), some("2021-11"), false));
        assert_eq!(range("2016–18"), (some("2016"), some("2018"), false));
        assert_eq!(range("since March 2021"), (some("2021-03"), None, true));
        assert_eq!(range("(2015 to date)"), (some("2015"), None, true));
        assert_eq!(range("2022-04-11"), (some("2022-04-11"), None, false));
        assert_eq!(range("March 15, 2019"), (some("2019-03-15"), None, false));
        assert_eq!(range("Expected May 2026"), (some("2026-05"), None, false));
    }

    #[test]
    fn spans_cut_the_dates_out_of_a_line() {
        let s = "Senior Engineer — Acme Corp, Seattle · Jun 2019 – Present";
        let f = find_dates(s).unwrap();
        assert_eq!(&s[f.span.clone()], "Jun 2019 – Present");
        let s = "Acme Corp | Senior Engineer | 2019–2022";
        assert_eq!(&s[find_dates(s).unwrap().span], "2019–2022");
    }

    #[test]
    fn ignores_numbers_that_are_not_dates() {
        assert_eq!(find_dates("+1 206-555-0143"), None);
        assert_eq!(find_dates("Served 1200 users"), None);
        assert_eq!(find_dates("May I help"), None);
        assert_eq!(find_dates(""), None);
    }

    #[test]
    fn whole_fields_say_whether_they_were_understood() {
        assert_eq!(read_date_field("Jun 2021 – Present"), DateField { start: some("2021-06"), end: None, exact: true });
        assert_eq!(read_date_field("(2019 - 2022)"), DateField { start: some("2019"), end: some("2022"), exact: true });
        assert!(!read_date_field("Summer 2019").exact);
        assert!(!read_date_field("Q3 2019 – Q1 2020").exact);
        assert!(!read_date_field("a while ago").exact);
    }
}
