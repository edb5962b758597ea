//! Generic English words that tell the parts of a header line apart: a job title from an
//! employer, a degree from a school. They name kinds of things ("engineer", "university",
//! "bachelor"), never particular employers, schools or technologies, so they work for any
//! field; a part no word places is assigned by its position instead.

use crate::lexicon;

/// Words of job titles that are not occupations' head nouns: levels, abbreviations,
/// founders and students, and roles ESCO names otherwise ("attorney", "professor").
/// Occupations come from [`lexicon::is_occupation`].
const ROLE_WORDS: &[&str] = &[
    "engineering", "lead", "head", "chief", "president", "vp", "vice", "associate", "intern", "internship", "trainee",
    "apprentice", "rn", "physician", "tutor", "professor", "fellow", "author", "owner", "founder", "cofounder",
    "co-founder", "partner", "principal", "staff", "senior", "junior", "sr", "jr", "barista", "volunteer", "strategist",
    "recruiter", "paralegal", "attorney", "student", "postdoc", "postdoctoral", "freelance", "freelancer",
    "chair", "ambassador", "scrum", "ux", "ui", "qa", "sde", "swe", "cto", "ceo", "cfo", "coo",
];

/// Words of organisation names (including legal suffixes).
const COMPANY_WORDS: &[&str] = &[
    "inc", "llc", "llp", "ltd", "limited", "gmbh", "ag", "sa", "sas", "plc", "corp", "corporation", "co.", "company", "group", "labs",
    "lab", "laboratories", "technologies", "systems", "solutions", "services", "partners", "holdings", "bank", "hospital",
    "clinic", "health", "healthcare", "institute", "agency", "studio", "studios", "media", "foundation", "payments",
    "logistics", "analytics", "consulting", "ventures", "capital", "pty", "bv", "nv", "ab", "oy", "srl", "spa", "kk",
    "industries", "enterprises", "network", "networks", "university", "college", "school", "council", "association",
    "society", "department", "ministry", "government", "center", "centre", "medical", "pharmaceuticals", "biosciences",
    "software", "games", "restaurant", "café", "cafe", "store", "shop", "startup", "nonprofit", "inc.", "s.l.", "s.a.",
    "s.r.l.", "b.v.", "n.v.", "a/s", "sarl", "s.p.a.", "k.k.", "pvt", "office", "chambers", "firm", "system",
];

/// Legal forms that end a company's name ("… LLC", "… GmbH"): no job title ends in one, so a
/// part ending so names an employer even when it holds an occupation ("Contractors LLC").
const LEGAL_FORMS: &[&str] = &[
    "inc", "inc.", "llc", "llp", "ltd", "ltd.", "limited", "gmbh", "ag", "plc", "corp", "corp.", "corporation", "co.", "pty",
    "bv", "nv", "srl", "spa", "sarl", "s.l.", "s.a.", "s.r.l.", "b.v.", "n.v.", "a/s", "k.k.", "pvt", "oy", "ab",
];

pub(super) fn ends_in_legal_form(text: &str) -> bool {
    words(text).last().is_some_and(|w| LEGAL_FORMS.contains(&w.as_str()) || LEGAL_FORMS.contains(&w.trim_end_matches(['.', ','])))
}

/// Ends in a word that names an organisation ("… Attorney's Office", "… Medical Center",
/// "… LLC"): no job title does, so such a part is an employer even with an occupation in it.
pub(crate) fn ends_in_org_word(text: &str) -> bool {
    words(text).last().is_some_and(|w| COMPANY_WORDS.contains(&w.as_str()) || COMPANY_WORDS.contains(&w.trim_end_matches(['.', ','])))
}

/// Words of school names.
const INSTITUTION_WORDS: &[&str] = &[
    "university", "universität", "universidad", "université", "università", "universiteit", "universitet", "universitat",
    "college", "institute", "institut", "instituto", "school", "academy", "akademie", "polytechnic", "politecnico",
    "hochschule", "conservatory", "seminary", "escuela", "école", "ecole", "lycée", "gymnasium", "faculty", "campus", "uni",
];

/// Words and abbreviations of degrees.
const DEGREE_WORDS: &[&str] = &[
    "bachelor", "bachelors", "bachelor's", "master", "masters", "master's", "doctor", "doctorate", "phd", "ph.d", "ph.d.",
    "mba", "msc", "m.sc", "m.sc.", "bsc", "b.sc", "b.sc.", "bs", "b.s", "b.s.", "ba", "b.a", "b.a.", "ms", "m.s", "m.s.",
    "m.a", "m.a.", "beng", "b.eng", "meng", "m.eng", "btech", "b.tech", "mtech", "m.tech", "associate", "associates",
    "associate's", "diploma", "certificate", "degree", "minor", "major", "bsn", "msn", "dnp", "adn", "aas", "jd", "j.d.", "md",
    "m.d.", "mph", "mfa", "bfa", "llb", "llm", "abitur", "licence", "licentiate", "honours", "honors", "hons", "a.a.", "a.s.",
    "ged", "baccalaureate", "cand", "dipl", "m.phil", "mphil", "edd", "psyd", "pharmd",
];

/// Words describing how well someone speaks a language.
const FLUENCY_WORDS: &[&str] = &[
    "native", "fluent", "bilingual", "professional", "conversational", "basic", "intermediate", "advanced", "elementary",
    "proficient", "proficiency", "beginner", "mother", "tongue", "working", "limited", "full", "a1", "a2", "b1", "b2", "c1", "c2",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | '|' | '&' | ':' | ';' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

fn hits(text: &str, list: &[&str]) -> usize {
    words(text)
        .filter(|w| {
            let bare = w.trim_end_matches(['.', ',']);
            list.contains(&w.as_str()) || list.contains(&bare)
        })
        .count()
}

pub(super) fn role_hits(text: &str) -> usize {
    words(text)
        .filter(|w| {
            let bare = w.trim_end_matches(['.', ',']);
            ROLE_WORDS.contains(&bare) || lexicon::is_occupation(bare)
        })
        .count()
}
pub(super) fn company_hits(text: &str) -> usize {
    hits(text, COMPANY_WORDS)
}
pub(super) fn institution_hits(text: &str) -> usize {
    hits(text, INSTITUTION_WORDS)
}
pub(super) fn degree_hits(text: &str) -> usize {
    hits(text, DEGREE_WORDS)
}
pub(super) fn fluency_hits(text: &str) -> usize {
    hits(text, FLUENCY_WORDS)
}

pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Starts like the middle of a sentence: a lowercase letter, a digit-free punctuation mark.
pub(super) fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ')' | '&' | '%' | '+'))
}

/// Ends a sentence: a full stop (not closing an abbreviation such as "Inc." or "B.S."),
/// an exclamation or question mark.
pub(super) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(['!', '?', '。']) {
        return true;
    }
    let Some(body) = t.strip_suffix('.') else { return false };
    let last = body.rsplit(char::is_whitespace).next().unwrap_or("");
    let abbreviation = last.chars().count() <= 4 && (last.starts_with(char::is_uppercase) || last.contains('.'));
    !abbreviation
}

/// A text that reads as prose rather than a header: long, or a sentence.
pub(super) fn is_prose(text: &str) -> bool {
    let n = word_count(text);
    n >= 14 || (n >= 7 && ends_sentence(text))
}

/// "Represented tenants in eviction defense through …": a sentence about what was done,
/// opening with a verb in its past form, written where a role's header would be.
pub(super) fn done_sentence(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    let past = crate::text::action_verb_base(&first).or_else(|| lexicon::verb_base(&first)).is_some_and(|base| base != first) && first.ends_with("ed");
    past && word_count(text) >= 6 && !title_like(text)
}

/// The organisation a [`done_sentence`] names after "through", "with", "at" or "for":
/// "… through the Lawyers' Committee for Better Housing" → "Lawyers' Committee for Better
/// Housing".
pub(super) fn organisation_named(text: &str) -> Option<String> {
    for prep in [" through ", " with ", " at ", " for "] {
        for (i, _) in text.match_indices(prep) {
            let rest = text[i + prep.len()..].trim_start();
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            if rest.starts_with(char::is_uppercase) && title_like(rest) {
                return Some(rest.trim_end_matches(['.', ';', ',']).to_string());
            }
        }
    }
    None
}

/// Most words start with a capital, as names, titles and employers do ("Senior Software
/// Engineer, Money Movement"); short function words ("of", "and") do not count. Prose is in
/// sentence case.
pub(super) fn title_like(text: &str) -> bool {
    let mut caps = 0;
    let mut total = 0;
    for w in text.split_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else { continue };
        if !first.is_alphabetic() || (w.chars().count() <= 3 && first.is_lowercase()) {
            continue;
        }
        total += 1;
        if !first.is_lowercase() {
            caps += 1;
        }
    }
    total > 0 && caps * 10 >= total * 6
}

/// All letters are capitals (and there are some): "EXPERIENCE", "ACME CORP".
pub(super) fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        assert_eq!(role_hits("Senior Software Engineer, Money Movement"), 2);
        assert_eq!(company_hits("Tallgrass Payments"), 1);
        assert_eq!(company_hits("Acme Corp."), 1);
        assert_eq!(institution_hits("University of Minnesota"), 1);
        assert_eq!(degree_hits("B.S. in Computer Science"), 1);
        assert!(is_prose("Card payments for small and mid-size merchants; team of nine owning the ledger."));
        assert!(!is_prose("Senior Engineer"));
        assert!(is_all_caps("WORK EXPERIENCE") && !is_all_caps("Work"));
    }
}
