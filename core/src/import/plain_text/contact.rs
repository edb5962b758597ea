//! The lines above the first section heading: name, headline, contact details, location.

use super::lines::{tidy, Kind, Line};
use super::parts::{is_location, location, split_parts};
use super::words::{company_hits, ends_sentence, is_prose, role_hits, word_count};
use crate::import::dates::find_dates;
use crate::import::links::{is_link, network, normalize_url, profile};
use crate::resume::{Basics, Profile};

/// What the header block yielded, and the lines it could not place.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub basics: Basics,
    /// Lines (number, text, is a bullet) for the summary: prose above the first heading.
    pub summary: Vec<(usize, String, bool)>,
    /// Lines (number, text) that are none of the above.
    pub unplaced: Vec<(usize, String)>,
    /// Normalised lines that, repeated further down, are a running page header.
    pub running: Vec<String>,
    /// A "Résumé" / "Curriculum Vitae" title line (line number).
    pub title_line: Option<usize>,
}

/// Lower-cased, whitespace-collapsed: how running headers are compared.
pub(crate) fn norm(text: &str) -> String {
    tidy(text).to_lowercase()
}

fn is_document_title(text: &str) -> bool {
    let t: String = text.to_lowercase().chars().filter(|c| c.is_alphabetic() || *c == ' ').collect();
    matches!(t.trim(), "résumé" | "resume" | "curriculum vitae" | "curriculum vitæ" | "cv" | "résume" | "resumé")
}

/// Strips a "Phone:", "Email:", "LinkedIn:" style label.
fn strip_label(part: &str) -> &str {
    const LABELS: [&str; 20] = [
        "email", "e-mail", "mail", "phone", "tel", "telephone", "mobile", "cell", "t", "m", "e", "p", "linkedin", "github", "website",
        "web", "portfolio", "address", "location", "url",
    ];
    if let Some((head, rest)) = part.split_once(':') {
        let h = head.trim().to_lowercase();
        if LABELS.contains(&h.as_str()) && !rest.starts_with("//") {
            return rest.trim();
        }
    }
    part
}

/// An e-mail address token.
fn is_email(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '.'));
    let t = t.strip_prefix("mailto:").unwrap_or(t);
    let Some((user, domain)) = t.split_once('@') else { return false };
    !user.is_empty()
        && user.chars().all(|c| c.is_alphanumeric() || "._%+-'".contains(c))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

fn clean_email(token: &str) -> String {
    let t = token.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '.'));
    t.strip_prefix("mailto:").unwrap_or(t).to_string()
}

/// The first phone number in a text, with its byte range: a run of digits and the usual
/// separators holding 7–15 digits that is not a date range.
pub(crate) fn find_phone(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !(c.is_ascii_digit() || c == '+' || c == '(') {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        let mut end = start;
        while j < chars.len() {
            let (at, d) = chars[j];
            if d.is_ascii_digit() {
                digits += 1;
                end = at + 1;
            } else if matches!(d, ' ' | '-' | '.' | '(' | ')' | '+' | '/' | '–') {
                if d == ')' {
                    end = at + 1;
                }
            } else {
                break;
            }
            j += 1;
        }
        let candidate = &text[start..end];
        if (7..=15).contains(&digits) && find_dates(candidate).is_none_or(|f| f.single && candidate.trim().len() > 7) {
            return Some((start..end, candidate.trim().to_string()));
        }
        i = j.max(i + 1);
    }
    None
}

/// Reads the header block. `lines` are the lines before the first heading.
pub(crate) fn read_header(lines: &[Line]) -> Header {
    let mut h = Header::default();
    let mut profiles: Vec<Profile> = Vec::new();
    let mut seen_name = false;
    for line in lines {
        if line.kind == Kind::Blank {
            continue;
        }
        if line.kind == Kind::Bullet {
            h.summary.push((line.no, line.text.clone(), true));
            continue;
        }
        if !seen_name && h.title_line.is_none() && is_document_title(&line.text) {
            h.title_line = Some(line.no);
            continue;
        }
        let mut leftovers: Vec<String> = Vec::new();
        let mut had_contact = false;
        // Only a line with contact details is in columns ("Seattle · jane@x.com · 555…");
        // a headline like "Data Scientist — Forecasting" stays whole.
        let columns = line.text.split_whitespace().any(|t| is_email(t) || is_link(t)) || find_phone(&line.text).is_some();
        let parts = if columns { split_parts(&line.text) } else { vec![line.text.clone()] };
        for part in parts {
            let mut rest = strip_label(&part).to_string();
            // E-mail addresses and links are whole tokens.
            let mut kept = Vec::new();
            for token in rest.split_whitespace() {
                if is_email(token) {
                    had_contact = true;
                    if h.basics.email.is_none() {
                        h.basics.email = Some(clean_email(token));
                    } else {
                        kept.push(token.to_string());
                    }
                } else if is_link(token) {
                    had_contact = true;
                    let link = token.trim_end_matches(['.', ',', ';', ')']);
                    let url = normalize_url(link);
                    if network(&url).is_none() && h.basics.url.is_none() {
                        h.basics.url = Some(url);
                    } else {
                        profiles.push(profile(link));
                    }
                } else {
                    kept.push(token.to_string());
                }
            }
            rest = kept.join(" ");
            if let Some((range, phone)) = find_phone(&rest) {
                had_contact = true;
                if h.basics.phone.is_none() {
                    h.basics.phone = Some(phone);
                    rest = format!("{}{}", &rest[..range.start], &rest[range.end..]);
                }
            }
            let rest = strip_label(rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))).to_string();
            if !rest.is_empty() {
                leftovers.push(rest);
            }
        }
        if had_contact {
            h.running.push(norm(&line.text));
        }
        // "Olu Adebayo-Finch — Graphic Designer": the name and the headline on one line.
        if !seen_name && leftovers.len() == 1 {
            let parts = split_parts(&leftovers[0]);
            if parts.len() == 2 && is_name(&parts[0]) && role_hits(&parts[1]) > 0 && word_count(&parts[1]) <= 6 {
                leftovers = parts;
            }
        }
        let had_text = !leftovers.is_empty();
        for text in leftovers {
            if !seen_name && is_name(&text) {
                h.basics.name = Some(text.clone());
                h.running.push(norm(&text));
                seen_name = true;
            } else if h.basics.location.is_none() && is_location(&text) {
                h.basics.location = Some(location(&text));
            } else if h.basics.label.is_none() && !is_prose(&text) && word_count(&text) <= 10 && h.summary.is_empty() {
                h.basics.label = Some(text);
            } else if is_prose(&text) || word_count(&text) >= 8 {
                h.summary.push((line.no, text, false));
            } else {
                h.unplaced.push((line.no, text));
            }
        }
        // Only the first line with text other than contact details can be the name.
        seen_name |= had_text;
    }
    if !profiles.is_empty() {
        h.basics.profiles = Some(profiles);
    }
    h
}

/// A person's name: a few words, no digits, not a sentence, not a job title.
fn is_name(text: &str) -> bool {
    let n = word_count(text);
    (1..=6).contains(&n)
        && text.chars().count() <= 60
        && !text.chars().any(|c| c.is_ascii_digit() || c == '@')
        && !ends_sentence(text)
        && role_hits(text) == 0
        && company_hits(text) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::errors::Warnings;
    use crate::import::plain_text::lines::prepare;

    fn header(text: &str) -> Header {
        read_header(&prepare(text, &mut Warnings::default()))
    }

    #[test]
    fn name_contacts_and_headline() {
        let h = header("RÉSUMÉ\nJane Q. Doe\nSenior Backend Engineer\nSeattle, WA · jane.doe@example.com · (206) 555-0143\nlinkedin.com/in/janedoe | github.com/jdoe | https://jane.dev");
        let b = &h.basics;
        assert_eq!(h.title_line, Some(1));
        assert_eq!(b.name.as_deref(), Some("Jane Q. Doe"));
        assert_eq!(b.label.as_deref(), Some("Senior Backend Engineer"));
        assert_eq!(b.email.as_deref(), Some("jane.doe@example.com"));
        assert_eq!(b.phone.as_deref(), Some("(206) 555-0143"));
        assert_eq!(b.url.as_deref(), Some("https://jane.dev"));
        let loc = b.location.as_ref().unwrap();
        assert_eq!((loc.city.as_deref(), loc.region.as_deref()), (Some("Seattle"), Some("WA")));
        let nets: Vec<_> = b.profiles.iter().flatten().map(|p| p.network.as_deref().unwrap_or("")).collect();
        assert_eq!(nets, ["LinkedIn", "GitHub"]);
        assert!(h.unplaced.is_empty(), "{:?}", h.unplaced);
    }

    /// The name and the headline on one line; a "Portfolio:" label before the contacts.
    #[test]
    fn name_and_headline_on_one_line() {
        let h = header("Olu Adebayo-Finch — Graphic Designer\nPortfolio: oluaf.design · olu.af@example.com · +44 7700 900123 · Bristol, UK");
        assert_eq!(h.basics.name.as_deref(), Some("Olu Adebayo-Finch"));
        assert_eq!(h.basics.label.as_deref(), Some("Graphic Designer"));
        assert_eq!(h.basics.email.as_deref(), Some("olu.af@example.com"));
        assert_eq!(h.basics.url.as_deref(), Some("https://oluaf.design"));
    }

    #[test]
    fn name_on_the_contact_line() {
        let h = header("Jane Doe | jane@example.com | +1 206-555-0143");
        assert_eq!(h.basics.name.as_deref(), Some("Jane Doe"));
        assert_eq!(h.basics.phone.as_deref(), Some("+1 206-555-0143"));
    }

    #[test]
    fn phones_are_not_dates() {
        assert_eq!(find_phone("2019 - 2022"), None);
        assert_eq!(find_phone("Tel: +45 55 55 01 23 ext. 42").map(|p| p.1), Some("+45 55 55 01 23".into()));
        assert_eq!(find_phone("555-0143"), Some((0..8, "555-0143".into())));
    }
}
