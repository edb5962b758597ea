//! Header lines split into parts at column separators, and place names.

use super::words::{company_hits, role_hits, word_count};
use crate::resume::Location;

/// Splits a line at the separators résumé layouts put between columns: `|`, `•`, `·`, a
/// tab, two or more spaces, a spaced dash (" — ", " – ", " - "). Commas and semicolons are
/// not separators (titles, places and prose contain them). Parts come back trimmed, without
/// enclosing parentheses, never empty.
pub(crate) fn split_parts(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev_space = i > 0 && chars[i - 1] == ' ';
        let next_space = chars.get(i + 1) == Some(&' ');
        let split = match c {
            '|' | '•' | '·' | '◦' | '▪' | '\t' | '⋅' => true,
            '—' | '–' => prev_space || next_space,
            '-' => prev_space && next_space,
            ' ' => next_space,
            _ => false,
        };
        if split {
            parts.push(std::mem::take(&mut cur));
            while chars.get(i + 1) == Some(&' ') {
                i += 1;
            }
        } else {
            cur.push(c);
        }
        i += 1;
    }
    parts.push(cur);
    parts.into_iter().filter_map(|p| clean_part(&p)).collect()
}

/// Trims a part and unwraps "(Remote)"; `None` if only punctuation is left.
pub(crate) fn clean_part(p: &str) -> Option<String> {
    let mut t = p.trim().trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '—' | '–' | '-' | '/' | '@'));
    // A parenthesis left open or closed by a cut ("Studio (" after the dates were cut).
    t = t.trim_end_matches(['(', ' ']).trim_start_matches([')', ' ']);
    while t.starts_with('(') && t.ends_with(')') && t.len() >= 2 {
        t = t[1..t.len() - 1].trim();
    }
    if t.starts_with('(') && !t.contains(')') {
        t = t[1..].trim();
    }
    if t.ends_with(')') && !t.contains('(') {
        t = t[..t.len() - 1].trim();
    }
    t.chars().any(char::is_alphanumeric).then(|| t.to_string())
}

fn capitalised(chunk: &str) -> bool {
    chunk.chars().next().is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

pub(crate) fn is_remote(text: &str) -> bool {
    let l = text.to_lowercase();
    let first = l.split(|c: char| !c.is_alphabetic() && c != '-').next().unwrap_or("");
    matches!(first, "remote" | "hybrid" | "onsite" | "on-site" | "worldwide" | "anywhere") && word_count(text) <= 3
}

/// A chunk of a place name: a few capitalised words; digits only as a postal code at the end.
fn place_chunk(chunk: &str, last: bool) -> bool {
    let words: Vec<&str> = chunk.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || !capitalised(chunk) {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| {
        let has_digit = w.chars().any(|c| c.is_ascii_digit());
        !has_digit || (last && i > 0 && w.len() <= 8)
    })
}

/// "Seattle, WA", "Minneapolis, MN 55401", "København, DK", "Remote": a place, not a
/// title or an employer.
pub(crate) fn is_location(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 50 {
        return false;
    }
    if is_remote(t) {
        return true;
    }
    if role_hits(t) > 0 || company_hits(t) > 0 || t.contains(['@', ':']) {
        return false;
    }
    let chunks: Vec<&str> = t.split(',').map(str::trim).collect();
    (2..=3).contains(&chunks.len()) && chunks.iter().enumerate().all(|(i, c)| place_chunk(c, i == chunks.len() - 1))
}

/// A place after an employer's name ("Acme Corp, Seattle"): like [`is_location`] but a
/// single word or two is enough.
pub(crate) fn is_place_tail(text: &str) -> bool {
    let t = text.trim();
    if is_location(t) {
        return true;
    }
    word_count(t) <= 3 && !t.contains(',') && role_hits(t) == 0 && company_hits(t) == 0 && place_chunk(t, false) && t.chars().count() <= 30
}

/// A place as JSON Resume's location: the first chunk is the city, the rest the region,
/// a trailing postal code apart.
pub(crate) fn location(text: &str) -> Location {
    let chunks: Vec<&str> = text.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
    let mut loc = Location { city: chunks.first().map(|c| c.to_string()), ..Default::default() };
    let mut rest: Vec<String> = chunks.iter().skip(1).map(|c| c.to_string()).collect();
    if let Some(last) = rest.last_mut() {
        let words: Vec<&str> = last.split_whitespace().collect();
        if words.len() >= 2 && words.last().is_some_and(|w| w.chars().any(|c| c.is_ascii_digit())) {
            loc.postal_code = words.last().map(|w| w.to_string());
            *last = words[..words.len() - 1].join(" ");
        }
    }
    if !rest.is_empty() {
        loc.region = Some(rest.join(", "));
    }
    loc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_split_at_column_separators() {
        assert_eq!(split_parts("Acme Corp | Senior Engineer | 2019"), ["Acme Corp", "Senior Engineer", "2019"]);
        assert_eq!(split_parts("Senior Engineer — Acme Corp, Seattle ·"), ["Senior Engineer", "Acme Corp, Seattle"]);
        assert_eq!(split_parts("Software Engineer\tJune 2020"), ["Software Engineer", "June 2020"]);
        assert_eq!(split_parts("Data Scientist   (Remote)"), ["Data Scientist", "Remote"]);
        assert_eq!(split_parts("Real-time systems - Kafka"), ["Real-time systems", "Kafka"]);
        assert_eq!(split_parts(" | ( ) "), Vec::<String>::new());
    }

    #[test]
    fn places() {
        for yes in ["Seattle, WA", "Minneapolis, MN 55401", "København, DK", "Remote", "上海 Shanghai, CN", "St. Paul, MN"] {
            assert!(is_location(yes), "{yes}");
        }
        for no in ["Senior Software Engineer, Money Movement", "Tallgrass Payments, Seattle", "python, sql"] {
            assert!(!is_location(no), "{no}");
        }
        let l = location("Minneapolis, MN 55401");
        assert_eq!((l.city.as_deref(), l.region.as_deref(), l.postal_code.as_deref()), (Some("Minneapolis"), Some("MN"), Some("55401")));
        assert!(is_place_tail("Seattle"));
    }
}
