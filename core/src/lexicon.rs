//! General English word frequencies (`data/wordfreq_en.txt`, from wordfreq, CC BY-SA 4.0),
//! the nouns that name occupations (`data/occupations.txt`, from ESCO, CC BY 4.0,
//! checked against WordNet 3.1) and the words that are mostly verbs (`data/verbs.txt`,
//! from WordNet) and the names of countries, states and provinces (`data/places.txt`, from
//! ISO 3166 via Debian's iso-codes) and of human languages (`data/languages.txt`, from ISO 639,
//! the same source).
//!
//! `specificity` turns frequency into a weight: everyday words weigh little, rare words a
//! lot. It is the prior that lets a lexical matcher ignore "team" and "results" while
//! valuing "forecasting" — without any profession-specific word list. `is_occupation`
//! knows the people of every field ESCO classifies ("welders", "pharmacist", "teachers"),
//! so a posting's people are not read as its skills in any profession.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/wordfreq_en.txt");
const OCCUPATIONS: &str = include_str!("../data/occupations.txt");
const PLACES: &str = include_str!("../data/places.txt");
const LANGUAGES: &str = include_str!("../data/languages.txt");
/// The verb list as shipped; part of the evidence rules' hash, so stored scores made with
/// another list are recomputed.
pub(crate) const VERBS: &str = include_str!("../data/verbs.txt");
/// Words WordNet uses mostly as something else but also as a verb ("spot", "contact").
const VERBS_ALSO: &str = include_str!("../data/verbs_also.txt");

/// Whether a lowercase word is the head noun of an occupation's name, singular or plural
/// ("nurse", "operators", "electrician"). Made by `scripts/data/make_occupations.py`.
pub fn is_occupation(word: &str) -> bool {
    static T: OnceLock<HashSet<&'static str>> = OnceLock::new();
    T.get_or_init(|| OCCUPATIONS.split_whitespace().collect()).contains(word)
}

/// If a lowercase word is a form of an English word that is mostly a verb ("read", "poured",
/// "bent", "bathing"), its base form. From WordNet (`data/verbs.txt`, made by
/// `scripts/data/make_verbs.py`): general English, in every field — unlike the opener
/// list [`crate::text::ACTION_VERBS`], which was written with office work in mind.
pub fn verb_base(word: &str) -> Option<&'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let forms = T.get_or_init(|| {
        let mut m = HashMap::with_capacity(2_400);
        for line in VERBS.lines() {
            let mut words = line.split(' ');
            let Some(base) = words.next() else { continue };
            m.insert(base, base);
            for form in words {
                m.entry(form).or_insert(base);
            }
        }
        m
    });
    forms.get(word).copied().or_else(|| regular_bases(word).iter().find_map(|c| forms.get(c.as_str()).copied()))
}

/// Whether a lowercase word can be a verb at all: mostly a verb ([`verb_base`]), or one
/// WordNet's sense-tagged text also uses as a verb ("spot", "contact", "walk", "dose";
/// `data/verbs_also.txt`). Only where the context makes a verb plain (a duty's first word
/// before its object) does this decide anything: most of these are mostly nouns.
pub fn can_be_verb(word: &str) -> bool {
    static T: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let also = T.get_or_init(|| VERBS_ALSO.lines().map(str::trim).filter(|l| !l.is_empty()).collect());
    verb_base(word).is_some() || also.contains(word) || regular_bases(word).iter().any(|b| also.contains(b.as_str()))
}

/// The bases a regular -s, -es, -ed, -d or -ing form can come from, strictly ("good" is not
/// "go" + "-od"): -d only after e ("used"), a doubled consonant only before -ed/-ing
/// ("planned"), -ied/-ies from -y.
fn regular_bases(w: &str) -> Vec<String> {
    let mut c = Vec::new();
    if let Some(stem) = w.strip_suffix("ing").or_else(|| w.strip_suffix("ed")) {
        c.push(stem.to_string());
        c.push(format!("{stem}e"));
        c.extend(crate::text::undouble(stem).map(str::to_string));
    }
    if let Some(stem) = w.strip_suffix('d').filter(|s| s.ends_with('e')) {
        c.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix("ied").or_else(|| w.strip_suffix("ies")) {
        c.push(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("es") {
        c.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        c.push(stem.to_string());
    }
    c.retain(|b| b.len() >= 2);
    c
}

fn table() -> &'static HashMap<&'static str, f32> {
    static T: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::with_capacity(30_000);
        for line in DATA.lines() {
            let mut parts = line.split(' ');
            let Some(cb) = parts.next().and_then(|c| c.parse::<f32>().ok()) else { continue };
            let zipf = 9.0 - cb / 100.0;
            for w in parts {
                m.entry(w).or_insert(zipf);
            }
        }
        m
    })
}

/// Whether a term is a country, or a state or province of an English-speaking country, by
/// name: "Wisconsin", "Washington State", "the Netherlands", "new south wales" (any case;
/// a trailing "State"/"Province" and a leading "the" are ignored). Made by
/// `scripts/data/make_places.py`. A place is where a licence is issued or the work is done,
/// never a skill.
pub fn is_place(term: &str) -> bool {
    static T: OnceLock<HashSet<String>> = OnceLock::new();
    let names = T.get_or_init(|| lowercase_lines(PLACES));
    let lower = term.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    let core = lower.strip_suffix(" state").or_else(|| lower.strip_suffix(" province")).unwrap_or(lower);
    names.contains(lower) || names.contains(core)
}

/// Whether a name (any case) names a human language: "Vietnamese", "american sign language",
/// "Tagalog" — not "Figma". Made by `scripts/data/make_languages.py` from ISO 639.
pub fn is_language(name: &str) -> bool {
    static T: OnceLock<HashSet<String>> = OnceLock::new();
    T.get_or_init(|| lowercase_lines(LANGUAGES)).contains(&name.trim().to_lowercase())
}

/// A name list's lines in lower case, for lookups in any case.
fn lowercase_lines(list: &str) -> HashSet<String> {
    list.lines().map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()).collect()
}

/// Zipf frequency of a lowercase word (≈ 1 for very rare … 7.7 for "the"); words not in
/// the list get 2.5 (rarer than every listed word).
pub fn zipf(word: &str) -> f32 {
    if let Some(z) = table().get(word) {
        return *z;
    }
    // The list holds mostly base forms; an inflected form is about as common as its base.
    for (suffix, repl) in [("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e")] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 3 {
                if let Some(z) = table().get(format!("{stem}{repl}").as_str()) {
                    return z - 0.3;
                }
            }
        }
    }
    2.5
}

/// Whether the word is in the general list at all (i.e. an ordinary English word).
pub fn is_known(word: &str) -> bool {
    table().contains_key(word)
}

/// 0 (very common) … 1 (rare or unknown): (6 − zipf) / 3.5 clamped. Zipf 6 ≈ "work",
/// Zipf 2.5 ≈ technical names.
pub fn specificity(word: &str) -> f32 {
    ((6.0 - zipf(word)) / 3.5).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sometime_verbs_can_be_verbs_and_plain_nouns_cannot() {
        for w in ["contact", "walk", "spot", "screen", "dose", "walks", "read", "pour"] {
            assert!(can_be_verb(w), "{w}");
        }
        for w in ["team", "inventory", "payroll", "patients"] {
            assert!(!can_be_verb(w), "{w}");
        }
    }

    #[test]
    fn places_are_known_by_name() {
        for p in ["Wisconsin", "Washington State", "new south wales", "Ontario", "the Netherlands", "Georgia", "England"] {
            assert!(is_place(p), "{p}");
        }
        for p in ["Epic", "Spanish", "Illinois bar", "Central", "Delta", "Kafka", "State"] {
            assert!(!is_place(p), "{p}");
        }
    }

    #[test]
    fn languages_are_known_by_name() {
        for l in ["Vietnamese", "spanish", "American Sign Language", "Tagalog", "Punjabi", "Mandarin Chinese"] {
            assert!(is_language(l), "{l}");
        }
        for l in ["Figma", "Python", "Excel", "Kubernetes"] {
            assert!(!is_language(l), "{l}");
        }
    }

    #[test]
    fn everyday_words_are_less_specific_than_technical_ones() {
        assert!(zipf("the") > 7.0);
        assert!(specificity("team") < specificity("statistics"));
        assert!(specificity("statistics") < specificity("experimentation"));
        assert_eq!(specificity("kubernetes"), 1.0);
    }

    #[test]
    fn occupations_of_every_field_and_not_things() {
        for w in ["nurse", "nurses", "welder", "teachers", "operator", "accountant", "organizer", "counselor"] {
            assert!(is_occupation(w), "{w}");
        }
        for w in ["model", "layer", "system", "general", "python", "care"] {
            assert!(!is_occupation(w), "{w}");
        }
    }
}
