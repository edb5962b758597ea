//! Turning a paste into clean, classified lines.
//!
//! Text copied out of a PDF or Word carries artefacts of the layout: form feeds at page
//! breaks, Word's vertical tab for a manual line break, non-breaking and zero-width
//! spaces, typographic ligatures (ﬁ, ﬂ), soft hyphens where a word was split over two
//! lines, bullet glyphs from symbol fonts (U+F0B7), page numbers and repeated page headers.
//! This module undoes the artefacts; nothing else in the parser sees them.

use crate::import::errors::{WarningKind, Warnings};
use crate::import::shape::is_refused_control;

/// What a line is, before sections are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// Started with a bullet glyph or a number; `text` is what follows it.
    Bullet,
    Text,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number in the paste.
    pub no: usize,
    pub kind: Kind,
    /// Trimmed, artefacts removed; tabs kept (they separate columns).
    pub text: String,
    /// The line ended in a soft hyphen: the next line continues the same word.
    pub hyphen_break: bool,
    /// Leading spaces before the text (a tab counts 4). A typed résumé indents a detail
    /// under its entry ("  Journal of …, Articles Editor" under a degree); PDF text has none.
    pub indent: usize,
}

const BULLET_GLYPHS: &[char] = &[
    '•', '◦', '▪', '▫', '■', '□', '●', '○', '‣', '⁃', '∙', '►', '▶', '▸', '▹', '➢', '➤', '➔', '→', '✓', '✔', '❖', '♦', '◆', '◇',
    '⦿', '⦾', '◘', '\u{f0b7}', '\u{f0a7}', '\u{f076}', '\u{f0d8}', '\u{f0fc}', '\u{f0a8}',
];

/// Splits the paste into lines and cleans each one.
pub(crate) fn prepare(text: &str, warnings: &mut Warnings) -> Vec<Line> {
    let mut out = Vec::new();
    let mut no = 0;
    let mut rest = text;
    loop {
        // A line ends at any of the breaks editors, Word and PDF viewers produce.
        let (raw, next) = match rest.char_indices().find(|(_, c)| matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')) {
            Some((i, c)) => {
                let after = i + c.len_utf8();
                let after = if c == '\r' && rest.as_bytes().get(after) == Some(&b'\n') { after + 1 } else { after };
                (&rest[..i], Some(&rest[after..]))
            }
            None => (rest, None),
        };
        no += 1;
        out.push(clean_line(raw, no, warnings));
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    out
}

fn clean_line(raw: &str, no: usize, warnings: &mut Warnings) -> Line {
    let mut s = String::with_capacity(raw.len());
    let mut removed: Option<char> = None;
    for c in raw.chars() {
        match c {
            'ﬀ' => s.push_str("ff"),
            'ﬁ' => s.push_str("fi"),
            'ﬂ' => s.push_str("fl"),
            'ﬃ' => s.push_str("ffi"),
            'ﬄ' => s.push_str("ffl"),
            'ﬅ' | 'ﬆ' => s.push_str("st"),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => s.push(' '),
            '\u{200b}' | '\u{2060}' | '\u{feff}' => {}
            '\t' => s.push('\t'),
            c if is_refused_control(c) => {
                removed.get_or_insert(c);
            }
            c => s.push(c),
        }
    }
    if let Some(c) = removed {
        warnings.at_line(
            WarningKind::ControlRemoved,
            no,
            format!("an invisible control character (U+{:04X}) was removed.", c as u32),
        );
    }
    let indent = s.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum();
    let trimmed = s.trim();
    let (trimmed, hyphen_break) = match trimmed.strip_suffix('\u{ad}') {
        Some(t) => (t, true),
        None => (trimmed, false),
    };
    if trimmed.is_empty() {
        return Line { no, kind: Kind::Blank, text: String::new(), hyphen_break: false, indent: 0 };
    }
    match strip_bullet(trimmed) {
        Some(rest) => Line { no, kind: Kind::Bullet, text: rest.trim().to_string(), hyphen_break, indent },
        None => Line { no, kind: Kind::Text, text: trimmed.to_string(), hyphen_break, indent },
    }
}

/// The text after a leading bullet glyph or list number, if the line has one.
pub(crate) fn strip_bullet(s: &str) -> Option<&str> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let spaced = rest.starts_with([' ', '\t']);
    if BULLET_GLYPHS.contains(&first) {
        return Some(rest);
    }
    if matches!(first, '-' | '*' | '–' | '—' | '>' | '·' | '+') && spaced {
        return Some(rest);
    }
    // Word's second-level bullet pastes as a letter o.
    if first == 'o' && spaced && rest.trim_start().starts_with(char::is_uppercase) {
        return Some(rest);
    }
    // "1." "2)" "(3)" "10." followed by a space.
    let body = s.strip_prefix('(').unwrap_or(s);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let after = &body[digits..];
        let mut a = after.chars();
        if let (Some('.' | ')'), Some(' ' | '\t')) = (a.next(), a.next()) {
            return Some(&after[1..]);
        }
    }
    None
}

/// Page numbers and "Page 2 of 3" style furniture, and lines that carry a page number next
/// to a short running header ("Jane Doe — Résumé — Page 2").
pub(crate) fn is_page_number(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '·' | '•')).to_lowercase();
    if t.is_empty() {
        return false;
    }
    if t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let words: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [a, "of", b] if num(a) && num(b) => return true,
        [a, b] if num(a) && num(b) => return true,
        ["page" | "p." | "pg." | "pg", n] if num(n.trim_end_matches('.')) => return true,
        ["page" | "p." | "pg.", a, "of", b] if num(a) && num(b) => return true,
        _ => {}
    }
    if t.len() <= 80 {
        if let Some(i) = words.iter().position(|w| *w == "page") {
            return words.get(i + 1).is_some_and(|n| num(n.trim_end_matches([',', '.'])));
        }
    }
    false
}

/// Joins a wrapped line onto the text before it. A line that ended in a soft hyphen, or in
/// a hyphen directly after a letter with the next line starting in lowercase ("real-" +
/// "time"), continues the word; otherwise the lines are joined with a space.
pub(crate) fn join_wrapped(prev: &mut String, prev_hyphen_break: bool, next: &str) {
    let hyphenated = {
        let mut rev = prev.chars().rev();
        matches!((rev.next(), rev.next()), (Some('-'), Some(c)) if c.is_alphabetic()) && next.starts_with(char::is_lowercase)
    };
    if !(prev_hyphen_break || hyphenated || prev.is_empty()) {
        prev.push(' ');
    }
    prev.push_str(next);
}

/// Final form of a text: whitespace runs (tabs included) collapsed, soft hyphens removed.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter(|c| *c != '\u{ad}'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(t: &str) -> Vec<Line> {
        prepare(t, &mut Warnings::default())
    }

    #[test]
    fn breaks_artefacts_and_bullets() {
        let lines = prep("a\r\nb\rc\u{c}\u{2022} Built ﬁles\u{a0}fast\n  – wrapped\u{ad}\n3. Third\n\u{f0b7}Glyph\no Word sub-bullet\n-5% cost");
        let kinds: Vec<_> = lines.iter().map(|l| (l.no, l.kind, l.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (1, Kind::Text, "a"),
                (2, Kind::Text, "b"),
                (3, Kind::Text, "c"),
                (4, Kind::Bullet, "Built files fast"),
                (5, Kind::Bullet, "wrapped"),
                (6, Kind::Bullet, "Third"),
                (7, Kind::Bullet, "Glyph"),
                (8, Kind::Bullet, "Word sub-bullet"),
                (9, Kind::Text, "-5% cost"),
            ]
        );
        assert!(lines[4].hyphen_break);
    }

    #[test]
    fn control_characters_are_removed_with_a_warning() {
        let mut w = Warnings::default();
        let lines = prepare("ok\nbad\u{7}line", &mut w);
        assert_eq!(lines[1].text, "badline");
        let w = w.finish();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(2));
    }

    #[test]
    fn page_furniture() {
        for yes in ["3", "- 2 -", "Page 2", "Page 2 of 3", "2 of 3", "2 / 3", "Jane Doe — Résumé — Page 2 of 2", "p. 4"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2019", "Managed a 3-page report", "Front page redesign for 40 titles that increased engagement by 30% in page views", "Languages"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn joining_wrapped_lines() {
        let mut s = "Built a real-".to_string();
        join_wrapped(&mut s, false, "time pipeline");
        assert_eq!(s, "Built a real-time pipeline");
        let mut s = "Cut cost by".to_string();
        join_wrapped(&mut s, false, "40%");
        assert_eq!(s, "Cut cost by 40%");
        let mut s = "inter".to_string();
        join_wrapped(&mut s, true, "national");
        assert_eq!(s, "international");
        assert_eq!(tidy(" a\t b\u{ad}c  "), "a bc");
    }
}
