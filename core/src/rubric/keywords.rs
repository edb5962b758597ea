//! Keywords of a posting: the specific skills, tools, domains and methods it names.
//!
//! Candidates come from requirement text only (never from boilerplate): technical tokens
//! (acronyms, `PostgreSQL`, `CI/CD`, `ISO 13485`), proper names in mid-sentence, examples in
//! lists ("(dbt, Airflow)", "such as X and Y"), and lowercase noun chunks between function
//! words. Each is scored by where it occurs (must > duty > nice), how often, and how
//! *specific* it is in general English (`lexicon`), so "statistics" beats "decisions".

use std::collections::HashMap;

use crate::lexicon;
use crate::model::{KeywordType, ReqType};
use crate::text::{self, Token};

/// One place a candidate term occurs.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub weight: f32,
    pub req_type: Option<ReqType>,
    pub req_weight: u8,
    /// Index of the requirement it occurs in (if any).
    pub req_index: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub term: String,
    pub tech: bool,
    pub occurrences: Vec<Occurrence>,
}

/// Capital letter used as a name, not as sentence case.
fn is_name_like(tok: &Token, sentence_initial: bool, lowercase_seen: &dyn Fn(&str) -> bool) -> bool {
    if tok.is_acronym() || tok.has_inner_capital() {
        return true;
    }
    if tok.is_technical() && tok.text.chars().any(|c| c.is_alphabetic()) {
        return true;
    }
    if tok.is_capitalized() && !sentence_initial {
        // "Risk and Compliance" are names here only if the posting never writes them in
        // lower case; common words need that evidence, rare ones do not.
        return !lowercase_seen(&tok.lower) || lexicon::zipf(&tok.lower) < 4.0;
    }
    false
}

/// Role nouns and degree abbreviations: they name people and credentials in a posting, not
/// skills ("PMs", "Designer", "PhD"). General job-ad vocabulary.
const NOT_KEYWORDS: &[&str] = &[
    "pm", "pms", "phd", "ph.d", "ms", "bs", "ba", "ma", "mba", "msc", "bsc", "engineer", "engineers", "designer",
    "designers", "researcher", "researchers", "scientist", "scientists", "analyst", "analysts", "manager",
    "managers", "developer", "developers", "specialist", "specialists", "candidate", "candidates", "colleagues",
    "customers", "users", "stakeholders", "partners", "leaders", "members", "staff", "employees", "clients",
    "teammates", "peers", "others", "everyone", "anyone", "someone", "company", "business", "organization",
    "department", "unit", "group", "week", "month", "quarter", "today", "tomorrow",
];

/// Single words that are not keywords: role nouns, and adjectives by their suffix
/// ("inconclusive", "opinionated", "fuzzy"). Keywords are things a person knows or does.
fn is_excluded_single(lower: &str) -> bool {
    if NOT_KEYWORDS.contains(&lower) {
        return true;
    }
    let adjective = ["ive", "ous", "ful", "less", "able", "ible", "ated", "ish"].iter().any(|s| lower.ends_with(s))
        || (lower.ends_with('y') && !lower.ends_with("ty") && !lower.ends_with("gy") && !lower.ends_with("ry") && lower.len() <= 6);
    adjective && !lower.ends_with("ability") && lower.len() > 3
}

/// Whether a chunk is an item of a list ("(dbt, Airflow)", "X, Y and Z", "such as X or Y"):
/// examples an employer enumerates are nearly always the skills they mean.
fn in_enumeration(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let before_delim = before.ends_with([',', '(', ';', ':'])
        || before.ends_with(" and")
        || before.ends_with(" or")
        || before.ends_with("such as")
        || before.ends_with("e.g.")
        || before.ends_with("e.g.,")
        || before.ends_with("including");
    let after_delim = after.starts_with([',', ')', ';'])
        || after.starts_with("and ")
        || after.starts_with("or ")
        || after.is_empty()
        || after.starts_with('.');
    let mut lo = start.saturating_sub(60);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (end + 60).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let list_nearby = text[lo..hi].matches(',').count() >= 2
        || before.ends_with('(');
    before_delim && after_delim && list_nearby
}

/// Whether the gap between two tokens keeps them in one chunk (only spaces or nothing).
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    a.end <= b.start && text[a.end..b.start].chars().all(|c| c == ' ')
}

/// Split one requirement's text into candidate terms.
pub fn candidates_in(text: &str, lowercase_seen: &dyn Fn(&str) -> bool) -> Vec<(String, bool, f32)> {
    let toks = text::tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    // Sentence-initial positions: first token and tokens after ". ", ": ", "! ", "? ".
    let initial = |k: usize| -> bool {
        if k == 0 {
            return true;
        }
        let gap = &text[toks[k - 1].end..toks[k].start];
        gap.contains(['.', ':', '!', '?', '•', '—', '–']) || gap.contains("\n")
    };
    while i < toks.len() {
        let t = &toks[i];
        let lower = t.lower.as_str();
        if text::is_stopword(lower) || text::is_filler(lower) || (t.is_number() && !t.has_digit()) {
            i += 1;
            continue;
        }
        let name = is_name_like(t, initial(i), lowercase_seen);
        // A chunk: same class (names vs lowercase words), joined by spaces only.
        let mut j = i + 1;
        while j < toks.len() && joined(text, &toks[j - 1], &toks[j]) {
            let u = &toks[j];
            let ul = u.lower.as_str();
            if text::is_stopword(ul) || text::is_filler(ul) {
                break;
            }
            // A capitalised word right after a name continues it ("Kafka Streams", "Spring Boot").
            let u_name = is_name_like(u, false, lowercase_seen) || (name && u.is_capitalized());
            // Numbers attach to standards' acronyms ("ISO 13485", "WCAG 2.1 AA", "21 CFR"), not
            // to product versions ("Java 17").
            let prev_acronym = toks[j - 1].is_acronym() || toks[j - 1].has_digit();
            let attaches = (u.has_digit() && name && prev_acronym) || (name && u.is_acronym());
            if u_name != name && !attaches {
                break;
            }
            if j - i >= 3 {
                break;
            }
            j += 1;
        }
        // "21 CFR": a number before a name joins it.
        let mut s = i;
        if name && i > 0 && toks[i - 1].is_number() && joined(text, &toks[i - 1], t) {
            s = i - 1;
        }
        let mut words: Vec<&Token> = toks[s..j].iter().collect();
        // Drop a leading action verb ("design", "build", "operate") and trailing verbs.
        while words.len() > 1 && !name && text::action_verb_base(&words[0].lower).is_some() {
            words.remove(0);
        }
        if words.len() == 1 && !name && text::action_verb_base(&words[0].lower).is_some() {
            i = j;
            continue;
        }
        if !words.is_empty() {
            let term = text[words[0].start..words[words.len() - 1].end].to_string();
            let only_numbers = words.iter().all(|w| w.is_number());
            let single = words.len() == 1;
            let excluded = single && is_excluded_single(&words[0].lower);
            if !only_numbers && !excluded && term.chars().any(|c| c.is_alphabetic()) {
                // A modifier like "A/B" counts mostly through its compound ("A/B tests").
                let modifier = name && single && words[0].text.contains('/')
                    && toks.get(j).is_some_and(|n| joined(text, &toks[j - 1], n) && !n.is_capitalized() && !text::is_stopword(&n.lower));
                let f = if modifier { 0.3 } else if in_enumeration(text, words[0].start, words[words.len() - 1].end) { 1.3 } else { 1.0 };
                out.push((term, name, f));
            }
            // "A/B tests", "CI/CD pipelines": a technical modifier offers the compound too.
            if name && words.len() == 1 && words[0].text.contains('/') {
                if let Some(next) = toks.get(j).filter(|n| joined(text, &toks[j - 1], n)) {
                    if !text::is_stopword(&next.lower) && !text::is_filler(&next.lower) && !next.is_capitalized() {
                        out.push((text[words[0].start..next.end].to_string(), false, 1.0));
                    }
                }
            }
            // A three-word lowercase chunk also offers its two-word parts: the collocation
            // inside ("distributed systems" in "distributed systems concepts") often recurs.
            if !name && words.len() == 3 {
                for (a, b) in [(0, 1), (1, 2)] {
                    let sub = text[words[a].start..words[b].end].to_string();
                    out.push((sub, false, 0.5));
                }
            }
        }
        i = j;
    }
    out
}

/// Specificity of a candidate in [0, 1]: names are specific; lowercase chunks weigh by their
/// rarest word and their length.
pub fn specificity(term: &str, tech: bool) -> f32 {
    if tech {
        return 1.0;
    }
    let words: Vec<String> = term.split_whitespace().map(|w| w.to_lowercase()).collect();
    let specs: Vec<f32> = words
        .iter()
        .map(|w| {
            let base = w.trim_matches(|c: char| !c.is_alphanumeric());
            if base.contains(['/', '+', '#']) || base.chars().any(|c| c.is_ascii_digit()) {
                return 1.0;
            }
            let parts: Vec<f32> =
                base.split(['-', '/']).filter(|p| !p.is_empty()).map(lexicon::specificity).collect();
            parts.iter().copied().fold(0.0, f32::max)
        })
        .collect();
    if specs.is_empty() {
        return 0.0;
    }
    let max = specs.iter().copied().fold(0.0, f32::max);
    let mean = specs.iter().sum::<f32>() / specs.len() as f32;
    let len_bonus = match words.len() {
        1 => 0.0,
        2 => 0.15,
        3 => 0.1,
        _ => -0.1,
    };
    (0.6 * max + 0.4 * mean + len_bonus).clamp(0.0, 1.0)
}

/// Guess the keyword type from its form.
pub fn keyword_type(term: &str, tech: bool) -> KeywordType {
    let l = term.to_lowercase();
    let last = l.split_whitespace().last().unwrap_or("");
    let method_suffix = ["ing", "tion", "sion", "ment", "ysis", "ology", "ance", "ity", "ics", "ure", "ization"];
    if tech {
        let letters: Vec<char> = term.chars().filter(|c| c.is_alphabetic()).collect();
        let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        if acronym && !term.chars().any(|c| c.is_ascii_digit()) {
            return KeywordType::Skill;
        }
        if term.chars().any(|c| c.is_ascii_digit()) {
            return KeywordType::Domain;
        }
        return KeywordType::Tool;
    }
    if method_suffix.iter().any(|s| last.ends_with(s)) {
        return KeywordType::Methodology;
    }
    KeywordType::Domain
}

/// Rank candidates and keep the best `limit`.
pub fn rank(mut cands: HashMap<String, Candidate>, limit: usize) -> Vec<(Candidate, f32)> {
    let mut scored: Vec<(Candidate, f32)> = cands
        .drain()
        .map(|(_, c)| {
            let spec = specificity(&c.term, c.tech);
            let mut ws: Vec<f32> = c.occurrences.iter().map(|o| o.weight).collect();
            ws.sort_by(|a, b| b.total_cmp(a));
            // Diminishing returns for repeats: 1, 1/2, 1/3 …
            let presence: f32 = ws.iter().enumerate().map(|(k, w)| w / (k as f32 + 1.0)).sum();
            let score = presence * (0.15 + spec).powf(1.5);
            (c, score)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.term.cmp(&b.0.term)));
    // Drop a single word when a kept multi-word term contains it and scores higher, and
    // near-duplicates by normalisation.
    let mut kept: Vec<(Candidate, f32)> = Vec::new();
    for (c, s) in scored {
        let norm = text::normalize_term(&c.term);
        if norm.is_empty() || kept.iter().any(|(k, _)| text::normalize_term(&k.term) == norm) {
            continue;
        }
        kept.push((c, s));
        if kept.len() >= limit {
            break;
        }
    }
    kept
}
