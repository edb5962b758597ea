//! The fabrication check over every fixture résumé, with rewrites made by rule rather than
//! by hand: a bullet whose numbers are changed must be flagged, every time; a bullet whose
//! numbers are only written another way ("45%" → "45 percent", "$2M" → "$2 million", "7"
//! → "seven") must not be. The rules know nothing about the fixtures' words.

use fitted_core::tailor::check::{check_values, FactKind, Support};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/resumes");
const AS_OF: Option<(i32, u32)> = Some((2026, 12));

fn resumes() -> Vec<(String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(DIR).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).ok()?).ok()?;
            v.get("work").is_some().then(|| (p.file_name().unwrap().to_string_lossy().into_owned(), v))
        })
        .collect()
}

/// Every bullet: (path, text).
fn bullets(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for section in ["work", "projects", "volunteer"] {
        for (i, e) in doc.get(section).and_then(Value::as_array).into_iter().flatten().enumerate() {
            for (j, h) in e.get("highlights").and_then(Value::as_array).into_iter().flatten().enumerate() {
                if let Some(t) = h.as_str() {
                    out.push((format!("{section}[{i}].highlights[{j}]"), t.to_string()));
                }
            }
        }
    }
    out
}

fn set(doc: &mut Value, path: &str, text: &str) {
    // "work[1].highlights[3]"
    let (section, rest) = path.split_once('[').unwrap();
    let (i, rest) = rest.split_once(']').unwrap();
    let j = rest.rsplit_once('[').unwrap().1.trim_end_matches(']');
    doc[section][i.parse::<usize>().unwrap()]["highlights"][j.parse::<usize>().unwrap()] = Value::String(text.into());
}

/// Runs of ASCII digits in `text` (with their byte ranges) that are a whole number on their
/// own — not part of a word like "p99" or "EC2".
fn numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b',' && i + 1 < b.len() && b[i + 1].is_ascii_digit())) {
                i += 1;
            }
            let glued = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_alphabetic() || *c == b'.');
            if !glued(start.checked_sub(1).map(|s| &b[s])) && !glued(b.get(i)) {
                out.push(start..i);
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_resume_supports_itself() {
    for (name, doc) in resumes() {
        assert_eq!(check_values(&doc, &doc, AS_OF), vec![], "{name}");
    }
}

#[test]
fn a_changed_number_is_always_flagged() {
    let mut changed = 0;
    for (name, doc) in resumes() {
        let corpus = serde_json::to_string(&doc).unwrap();
        for (path, text) in bullets(&doc) {
            let Some(r) = numbers(&text).into_iter().next() else { continue };
            // A value the résumé never uses, in the same format.
            let old: u64 = text[r.clone()].replace(',', "").parse().unwrap();
            let mut new = old * 7 + 3;
            while corpus.contains(&new.to_string()) {
                new += 1;
            }
            let rewritten = format!("{}{}{}", &text[..r.start], new, &text[r.end..]);
            let mut tailored = doc.clone();
            set(&mut tailored, &path, &rewritten);
            let flags = check_values(&doc, &tailored, AS_OF);
            assert!(
                flags.iter().any(|f| f.path == path && f.span.contains(&new.to_string())),
                "{name} {path}: {rewritten:?} → {flags:?}"
            );
            assert!(flags.iter().all(|f| f.path == path), "only the rewritten bullet: {flags:?}");
            changed += 1;
        }
    }
    assert!(changed >= 40, "the fixtures have numbers in at least 40 bullets ({changed})");
}

#[test]
fn the_same_number_written_another_way_is_not_flagged() {
    let words = ["", "", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let mut rewritten_count = 0;
    for (name, doc) in resumes() {
        for (path, text) in bullets(&doc) {
            let mut t = text.clone();
            // Ranges first, so "10-15%" is not read as two rewrites.
            if t.contains(['–', '—']) || t.contains("-") && numbers(&t).len() > 1 {
                continue;
            }
            for r in numbers(&text).into_iter().rev() {
                let digits = text[r.clone()].replace(',', "");
                let value: u64 = digits.parse().unwrap();
                let after = &text[r.end..];
                let before = &text[..r.start];
                let new = if after.starts_with('%') {
                    format!("{value} percent")
                } else if before.ends_with('$') && (after.starts_with('M') || after.starts_with('K')) {
                    format!("{value} {}", if after.starts_with('M') { "million" } else { "thousand" })
                } else if (2..=12).contains(&value) && !after.starts_with(['.', 'x', '×', '+', '%', '/', ':', '-']) && !before.ends_with(['$', '€', '£', '-', '/', '.']) {
                    words[value as usize].to_string()
                } else {
                    continue;
                };
                // The "%", "M" or "K" the words replace.
                let end = if new.ends_with("percent") || new.ends_with("illion") || new.ends_with("thousand") { r.end + 1 } else { r.end };
                t = format!("{}{}{}", &t[..r.start], new, &t[end..]);
            }
            if t == text {
                continue;
            }
            let mut tailored = doc.clone();
            set(&mut tailored, &path, &t);
            let flags = check_values(&doc, &tailored, AS_OF);
            assert_eq!(flags, vec![], "{name} {path}: {t:?}");
            rewritten_count += 1;
        }
    }
    assert!(rewritten_count >= 12, "enough bullets were rewritten ({rewritten_count})");
}

#[test]
fn invented_names_are_flagged_in_every_bullet() {
    // Made-up names that are in no dictionary and no résumé.
    for (name, doc) in resumes() {
        for (path, text) in bullets(&doc).into_iter().take(6) {
            let mut tailored = doc.clone();
            set(&mut tailored, &path, &format!("{text} Migrated it to Zorblax and joined Quintessa Labs."));
            let flags = check_values(&doc, &tailored, AS_OF);
            let got: Vec<(&str, FactKind)> = flags.iter().map(|f| (f.span.as_str(), f.kind)).collect();
            assert!(got.contains(&("Zorblax", FactKind::Tool)), "{name} {path}: {got:?}");
            assert!(got.contains(&("Quintessa Labs", FactKind::Organisation)), "{name} {path}: {got:?}");
        }
    }
}

#[test]
fn cover_letter_text_is_checked_the_same_way() {
    let (_, doc) = resumes().into_iter().next().unwrap();
    let support = Support::new(&doc, AS_OF);
    let letter = "Dear team,\n\nI am applying for the role. I hold a PhD and saved $913 million using Zorblax.";
    let flags: Vec<(&str, FactKind)> = support.check_text(letter).into_iter().map(|(r, k)| (&letter[r], k)).collect();
    assert!(flags.contains(&("$913 million", FactKind::Number)), "{flags:?}");
    assert!(flags.contains(&("Zorblax", FactKind::Tool)), "{flags:?}");
}

#[path = "support/prop_gate.rs"]
mod prop_gate;

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text made of the pieces the check reads — digits, units, currency signs, capitals,
    /// joiners — and characters whose lower case has another length.
    fn pasted() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[0-9]{1,6}",
            "[0-9]{1,3}(,[0-9]{3}){0,2}(\\.[0-9]{1,2})?",
            Just("%".to_string()),
            Just("$".to_string()),
            Just("€".to_string()),
            Just("×".to_string()),
            Just("-".to_string()),
            Just("/".to_string()),
            Just(" per cent".to_string()),
            Just(" million".to_string()),
            Just(" years".to_string()),
            Just(" of ".to_string()),
            Just(" & ".to_string()),
            Just(". ".to_string()),
            Just("ΩK İẞ".to_string()),
            "[A-Z][a-z]{1,8}",
            "[A-Z]{2,5}s?",
            "[a-z]{1,8}",
            " +",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(prop_gate::config(300))]

        /// Any text: no panic, every flag's range is a piece of the text, and the text
        /// checked against a résumé made of it has no flags.
        #[test]
        fn any_text_is_checked_and_supports_itself(text in pasted()) {
            let (_, doc) = resumes().into_iter().next().unwrap();
            for (r, _) in Support::new(&doc, AS_OF).check_text(&text) {
                prop_assert!(text.get(r.clone()).is_some_and(|s| !s.is_empty()), "{:?} {:?}", text, r);
            }
            let own = serde_json::json!({ "work": [ { "name": "X", "highlights": [text.clone()] } ] });
            prop_assert_eq!(Support::new(&own, AS_OF).check_text(&text), vec![]);
        }
    }
}
