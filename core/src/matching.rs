//! The one text-matching module: case-insensitive, Unicode-aware matching of words, stems and
//! phrases at word boundaries, with offsets that always point into the original text.
//!
//! Two mistakes this module exists to prevent:
//!
//! - **Offsets from a lowercased copy.** Lower-casing changes the length of some characters
//!   (Ω U+2126 → ω, K U+212A → k, İ → i̇, ẞ → ß), so a byte offset found in `text.to_lowercase()`
//!   can fall inside a character of `text` (a panic that kills the worker) or beside the right
//!   place ("Location: İstanbul" read as "n: İstanbul"). [`Folded`] keeps, for every byte of
//!   the folded text, the character of the original it came from.
//! - **Cues found inside other words.** "pto" is not in "symptoms", nor "tuition" in
//!   "intuition": [`occurs`] only matches at a word boundary ([`Boundary::Prefix`], for stems
//!   such as "requirement" in "requirements") or as a whole word or phrase
//!   ([`Boundary::Word`]).
//!
//! A word character is any alphanumeric character (Unicode), so boundaries work in every
//! script, and combining marks count as part of the word they follow.

use std::ops::Range;

/// How a needle must sit in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    /// Starts at a word boundary; may continue into a longer word (stems: "reduc" finds
    /// "reduced", "requirement" finds "requirements").
    Prefix,
    /// Starts and ends at word boundaries (whole words and phrases: "etc" is not in
    /// "Sketch").
    Word,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Combining diacritics (é written as e + U+0301): part of the word they follow.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Whether `needle` occurs in `hay` at the given boundary. Both are compared as given: pass
/// lower-case text (or a [`Folded`] text) and lower-case needles.
pub fn occurs(hay: &str, needle: &str, boundary: Boundary) -> bool {
    find(hay, needle, boundary).is_some()
}

/// Whether any of `needles` occurs in `hay` (see [`occurs`]).
pub fn any(hay: &str, needles: &[&str], boundary: Boundary) -> bool {
    needles.iter().any(|n| occurs(hay, n, boundary))
}

/// The byte range of the first occurrence of `needle` in `hay` at the boundary.
pub fn find(hay: &str, needle: &str, boundary: Boundary) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    // A needle that itself starts or ends with a non-word character ("- ", "(contract)",
    // "some ") carries its own boundary on that side.
    let needs_start = needle.chars().next().is_some_and(is_word_char);
    let needs_end = boundary == Boundary::Word && needle.chars().next_back().is_some_and(is_word_char);
    hay.match_indices(needle).map(|(i, m)| i..i + m.len()).find(|r| {
        let starts = !needs_start || !hay[..r.start].chars().next_back().is_some_and(is_word_char);
        let ends = !needs_end || !hay[r.end..].chars().next().is_some_and(is_word_char);
        starts && ends
    })
}

/// `line` without a leading `label`, compared case-insensitively (the label in lower case),
/// as a slice of the original: "LOCATION: İzmir" less "location:" is " İzmir".
pub fn strip_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let folded = Folded::new(line);
    folded.as_str().starts_with(label).then(|| {
        let end = folded.original_range(0..label.len()).end;
        &line[end..]
    }).filter(|_| !label.is_empty())
}

/// Text in lower case, with the way back to the original.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    original: &'a str,
    folded: String,
    /// For each byte of `folded`: the original byte range of the character it came from.
    source: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut source = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            let span = (i, i + c.len_utf8());
            let before = folded.len();
            folded.extend(c.to_lowercase());
            source.resize(source.len() + (folded.len() - before), span);
        }
        Folded { original, folded, source }
    }

    /// The lower-case text, for matching.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The original byte range behind a range of the folded text, widened to whole original
    /// characters.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        if r.start >= r.end || r.start >= self.source.len() {
            let at = self.source.get(r.start).map_or(self.original.len(), |s| s.0);
            return at..at;
        }
        let end = r.end.min(self.source.len());
        self.source[r.start].0..self.source[end - 1].1
    }

    /// The original text behind a range of the folded text.
    pub fn original_slice(&self, r: Range<usize>) -> &'a str {
        &self.original[self.original_range(r)]
    }

    /// The first occurrence of a lower-case needle, as a range of the original text.
    pub fn find_original(&self, needle: &str, boundary: Boundary) -> Option<Range<usize>> {
        find(&self.folded, needle, boundary).map(|r| self.original_range(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert!(!occurs("assess patient symptoms", "pto", Boundary::Prefix));
        assert!(occurs("unlimited pto and benefits", "pto", Boundary::Word));
        assert!(!occurs("a strong intuition for people", "tuition", Boundary::Prefix));
        assert!(occurs("tuition reimbursement", "tuition", Boundary::Prefix));
        assert!(occurs("five requirements", "requirement", Boundary::Prefix));
        assert!(!occurs("five requirements", "requirement", Boundary::Word));
        assert!(!occurs("mockups in sketch", "etc", Boundary::Word));
        assert!(occurs("a, b, etc.", "etc", Boundary::Word));
        // Needles that carry their own boundary.
        assert!(occurs("data analyst (contract)", "(contract)", Boundary::Word));
        assert!(occurs("some python", "some ", Boundary::Prefix));
        // Other scripts and combining accents.
        assert!(occurs("инженер по данным", "данным", Boundary::Word));
        assert!(!occurs("cafe\u{301}s", "cafe", Boundary::Word), "the accent belongs to the word");
        assert!(!occurs("x", "", Boundary::Prefix));
    }

    #[test]
    fn folded_offsets_point_into_the_original() {
        for text in ["Location: \u{2126}\u{2126}", "LOCATION: \u{212A}elvin", "Location: İstanbul, İzmir", "STRAẞE: x", "ﬃ: y"] {
            let f = Folded::new(text);
            let r = f.find_original(":", Boundary::Prefix).unwrap();
            assert_eq!(&text[r.clone()], ":", "{text}");
            // Any range of the folded text maps to whole characters of the original.
            for a in 0..=f.as_str().len() {
                for b in a..=f.as_str().len() {
                    let r = f.original_range(a..b);
                    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{text} {a}..{b}");
                }
            }
        }
        assert_eq!(strip_label("Location: İstanbul, İzmir", "location:"), Some(" İstanbul, İzmir"));
        assert_eq!(strip_label("LOCATİON: x", "location:"), None, "İ folds to i + dot, not i");
        assert_eq!(strip_label("location: \u{2126}\u{2126}", "location:"), Some(" \u{2126}\u{2126}"));
        assert_eq!(strip_label("\u{212A}ey: v", "key:"), Some(" v"));
        assert_eq!(Folded::new("İa").original_slice(0..1), "İ", "half of İ's folding is all of İ");
    }
}
