//! Cleaning user text before it reaches a typesetter.
//!
//! Résumé text is typeset literally, character for character, with three exceptions made
//! here on purpose: line breaks and tabs become spaces (layout is the template's job, and a
//! stray newline would otherwise become a forced line break), runs of ASCII spaces collapse
//! to one, and invisible characters that can only do harm are removed: control characters
//! (they have no glyph and some PDF readers choke on them), bidirectional embeddings,
//! overrides and isolates (they reorder what a reader sees without changing what a text
//! extractor reads, so an ATS would read something different from the page), soft hyphens
//! (layouts never hyphenate, and a line broken at one would put a hyphen into the extracted
//! text), byte-order marks, the object replacement character and Unicode noncharacters.
//! Everything else — markup characters, emoji, joiners, non-breaking spaces — is kept.

/// Whether `c` separates words the way a space does (and so becomes one space).
fn is_breaking_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether `c` is removed outright (see the module documentation for why).
pub(crate) fn is_stripped(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7F..=0x9F).contains(&u)
        || (0x202A..=0x202E).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || u == 0x00AD
        || u == 0xFEFF
        || u == 0xFFFC
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// One line of text: whitespace runs become one space, harmful invisibles are removed,
/// and the ends are trimmed.
pub fn clean_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_breaking_whitespace(c) {
            pending_space = !out.is_empty();
        } else if !is_stripped(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Prose that may have paragraphs: split at blank lines, each paragraph cleaned as a line,
/// empty paragraphs dropped.
pub fn clean_paragraphs(text: &str) -> Vec<String> {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in normalised.split('\n') {
        if clean_line(line).is_empty() {
            if !current.is_empty() {
                paragraphs.push(clean_line(&current));
                current.clear();
            }
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(clean_line(&current));
    }
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

/// A cleaned optional field: `None` when absent or blank after cleaning.
pub fn field(value: Option<&String>) -> Option<String> {
    value.map(|v| clean_line(v)).filter(|v| !v.is_empty())
}

/// Cleaned non-blank items of an optional list.
pub fn items(values: Option<&Vec<String>>) -> Vec<String> {
    values
        .map(|v| {
            v.iter()
                .map(|s| clean_line(s))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a character is invisible when typeset (format characters, joiners, variation
/// selectors, soft hyphen). Emitters write these as escapes so a generated source file shows
/// where they are instead of hiding them.
pub(crate) fn is_invisible(c: char) -> bool {
    let u = c as u32;
    matches!(
        u,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFFA0
            | 0x1BCA0..=0x1BCA3
            | 0xE0000..=0xE0FFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_controls_go() {
        assert_eq!(clean_line("  a\tb\r\n c\u{0}d\u{7}\u{9F}e  "), "a b cde");
        assert_eq!(clean_line("x\u{202E}y\u{2066}z\u{FEFF}"), "xyz");
        assert_eq!(clean_line("\n\t "), "");
    }

    #[test]
    fn meaningful_invisibles_stay() {
        let s = "a\u{200D}b\u{00A0}c\u{200B}de\u{FE0F}";
        assert_eq!(clean_line(s), s);
        assert_eq!(clean_line("soft\u{00AD}hyphen"), "softhyphen");
    }

    #[test]
    fn markup_characters_stay() {
        let s = r#"#import "x" $x^2$ [a] {b} <c> \d *e* _f_ `g` @h ~i %j &k 'l'"#;
        assert_eq!(clean_line(s), s);
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            clean_paragraphs("one\ntwo\n\n  \nthree\r\n\r\n"),
            vec!["one two".to_string(), "three".to_string()]
        );
        assert!(clean_paragraphs(" \n ").is_empty());
    }

    #[test]
    fn noncharacters_go() {
        assert_eq!(clean_line("a\u{FFFE}b\u{1FFFF}c\u{FDD0}d\u{FFFC}"), "abcd");
    }
}
