//! Keywords of a posting: the specific skills, tools, domains and methods it names.
//!
//! Candidates come from requirement text only (never from boilerplate): technical tokens
//! (acronyms, `PostgreSQL`, `CI/CD`, `ISO 13485`), proper names in mid-sentence, examples in
//! lists ("(dbt, Airflow)", "such as X and Y"), and lowercase noun chunks between function
//! words. Chunks are trimmed to their noun-phrase core by general English grammar: verbs in
//! verb position ("*designing* distributed systems", "you can *reason* about"), adverbs,
//! quantities, evaluative adjectives ("*clear* documentation") and classifier heads
//! ("forecasting *models*", "Bayesian *methods*") are not part of a keyword.
//!
//! Each candidate is scored by where it occurs (must > duty > nice), how often — also inside
//! longer candidates, so "nursing" gains from "nursing informatics" and "nursing workflows" —
//! and how *specific* it is in general English (`lexicon`), so "statistics" beats "decisions".

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

/// One candidate found in a text: its surface form, whether it is a name, and a factor for
/// how strongly its position marks it as a keyword (1.3 in a list, 0.3 before a role noun).
pub type Found = (String, bool, f32);

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

/// A Roman numeral used as a class or level ("Class III", "Annex II", "Phase IV").
fn is_roman(tok: &Token) -> bool {
    tok.text.len() <= 4 && tok.text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// A "special" name token: an acronym, inner capital or technical punctuation (`RN`,
/// `ClinDoc`, `C++`), as opposed to a plain capitalised word (`Epic`, `Kafka`).
fn is_special_name(tok: &Token) -> bool {
    tok.is_acronym() || tok.has_inner_capital() || (tok.is_technical() && tok.text.chars().any(|c| c.is_alphabetic()))
}

/// People of a workplace who are not an occupation ("stakeholders", "clients", "PMs",
/// "interns"). General job-ad vocabulary; occupations come from [`lexicon::is_occupation`].
const PEOPLE_NOUNS: &[&str] = &[
    "pm", "pms", "candidate", "candidates", "colleague", "colleagues", "customer", "customers", "client", "users",
    "stakeholders", "partners", "staff", "employee",
    "employees", "clients", "teammates", "peers", "expert", "experts", "lead", "leads", "head", "intern", "interns",
    "associate", "associates",
];

/// Role nouns: the people of a posting ("engineers", "PMs", "welders"), by ESCO's
/// occupations, the workplace list above, or the -ician/-ist pattern ("statistician",
/// "pharmacists"; not "checklist").
pub(super) fn is_role_noun(lower: &str) -> bool {
    if PEOPLE_NOUNS.contains(&lower) || lexicon::is_occupation(lower) {
        return true;
    }
    let w = lower.strip_suffix('s').unwrap_or(lower);
    w.ends_with("ician") || (w.ends_with("ist") && w.len() >= 7 && !w.ends_with("list"))
}

/// Role nouns, degree abbreviations and other words that name people, credentials,
/// organisations or times in a posting, not skills ("PMs", "PhD", "company", "week").
/// General job-ad vocabulary.
const NOT_KEYWORDS: &[&str] = &[
    "phd", "ph.d", "ms", "bs", "ba", "ma", "mba", "msc", "bsc", "bsn", "msn", "md", "jd", "meng", "beng", "dnp",
    "ged", "bachelor", "master", "masters", "doctorate", "degree", "license", "licence", "certification", "others", "everyone", "anyone", "someone",
    "company", "business", "organization", "department", "unit", "group", "week", "month", "quarter", "today",
    "tomorrow", "time", "part", "end", "hire", "office", "audience", "evidence",
    "options", "remote", "hybrid", "onsite", "on-site", "willingness",
];

/// Words that, right before a word, make it a verb: subject pronouns, modal verbs and
/// relative pronouns ("you can *reason*", "a pipeline that *retrains*", "who *enjoys*").
/// General English grammar (closed classes).
const VERB_TRIGGERS: &[&str] = &[
    "you", "we", "they", "i", "he", "she", "can", "cannot", "will", "would", "should", "must", "may", "might",
    "could", "shall", "who", "that", "which", "do", "does", "did",
];

/// Common English verbs that are not in the résumé action-verb list but often open a clause
/// in a posting ("*Evolve* our architecture", "*turn* findings into…"). General English.
const COMMON_VERBS: &[&str] = &[
    "add", "answer", "apply", "ask", "become", "bring", "change", "choose", "come", "consider", "decide",
    "depend", "enjoy", "expect", "explain", "feed", "feel", "find", "give", "go", "happen", "hear",
    "hold", "join", "keep", "know", "learn", "like", "look", "love", "meet", "move", "notice", "participate",
    "pay", "put", "reason", "receive", "register", "rely", "respond", "say", "see", "seem", "share",
    "sit", "speak", "spend", "stay", "switch", "take", "talk", "tell", "think", "thrive", "treat", "try", "turn",
    "understand", "value", "welcome", "wish", "pair", "call", "detect", "fit", "sound", "matter",
];

/// Irregular past forms of common verbs ("time *spent* deploying"). General English.
const IRREGULAR_PAST: &[&str] = &[
    "spent", "chose", "chosen", "went", "gone", "knew", "known", "took", "taken", "gave", "given", "saw", "seen",
    "kept", "held", "brought", "thought", "felt", "met", "told", "said", "became", "came", "understood", "led",
    "built", "wrote", "written", "ran", "grew", "grown", "made", "sold", "taught", "found", "began", "begun",
];

/// Evaluative, size, time and degree adjectives: they qualify a keyword but are never part
/// of it ("*clear* documentation", "*dedicated* researcher", "*older* adults"). General
/// English, not tied to any profession.
const GENERIC_ADJECTIVES: &[&str] = &[
    "actual", "big", "broad", "certain", "close", "common", "complex", "current", "dedicated", "different",
    "direct", "diverse", "early", "effective", "efficient", "entire", "essential", "existing", "fast", "final",
    "first", "frequent", "fresh", "full", "general", "huge", "important", "large", "last", "late", "latest",
    "little", "long", "low", "main", "major", "many", "meaningful", "minor", "modern", "next", "numerous", "old",
    "older", "overall", "particular", "personal", "poor", "practical", "primary", "quick", "rapid", "real",
    "recent", "right", "second", "short", "significant", "simple", "small", "specific", "third", "tight",
    "typical", "whole", "wide", "young", "bright", "hot", "warm", "cold", "heavy", "lightweight",
    "quiet", "professional", "top", "true", "useful", "valuable", "open", "active",
    "daily", "weekly", "monthly", "annual", "quarterly", "nightly", "assigned", "interested", "favorite",
    "favourite", "excited", "passionate", "motivated", "curious", "comfortable", "confident", "eager", "key",
    "senior", "junior", "healthy",
    // A credential's standing and a job ad's praise ("*valid* Class A CDL", "*exceptional*
    // customer experience").
    "valid", "unrestricted", "unencumbered", "excellent", "exceptional", "outstanding", "strong", "great", "good",
    "solid", "proven", "superb",
];

/// Quantity words: a chunk that starts with one counts things ("two product squads",
/// "several thousand requests"); what it counts is not a skill. General English.
const QUANTITY_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen",
    "dozens", "tens", "several", "half", "twice", "double", "single",
];

/// Classifier ("shell") nouns: the head of "forecasting *models*", "Bayesian *methods*",
/// "distributed systems *concepts*", "order set *changes*" says what kind of thing the
/// keyword is, not what it is. General English.
const SHELL_NOUNS: &[&str] = &[
    "approach", "approaches", "aspects", "basics", "capabilities", "changes", "concepts", "coursework", "domains",
    "efforts", "fundamentals", "guarantees", "initiatives", "issues", "method", "methods", "models", "needs",
    "practices", "principles", "problems", "processes", "settings", "solutions", "strategies", "techniques",
    "tools", "tool", "topics", "types", "activities", "background", "expertise", "frameworks", "proficiency",
    "options", "industry", "industries", "sector", "field", "fields",
];

/// Words that open a verb's object: a determiner or pronoun, or a plural noun in lower case
/// ("insureds", "roofs"; not "class", "status", "analysis", nor a verb's -s form).
fn opens_object(t: &Token) -> bool {
    const DETERMINERS: &[&str] = &["the", "a", "an", "our", "your", "their", "its", "all", "any", "each", "every", "them", "it"];
    let l = t.lower.as_str();
    DETERMINERS.contains(&l)
        || (t.text.chars().all(char::is_lowercase)
            && l.len() > 3
            && l.ends_with('s')
            && !l.ends_with("ss")
            && !l.ends_with("us")
            && !l.ends_with("is")
            && lexicon::verb_base(l).is_none())
}

/// Base forms a word may inflect from (designed → design, shipping → ship, studies → study).
fn inflection_bases(w: &str) -> Vec<String> {
    let mut c = vec![w.to_string()];
    for suf in ["ed", "d", "ing", "s", "es"] {
        if let Some(stem) = w.strip_suffix(suf) {
            if stem.len() < 2 {
                continue;
            }
            c.push(stem.to_string());
            c.push(format!("{stem}e"));
            if let Some(single) = text::undouble(stem) {
                c.push(single.to_string());
            }
            if suf == "ed" || suf == "es" {
                if let Some(y) = stem.strip_suffix('i') {
                    c.push(format!("{y}y"));
                }
            }
        }
    }
    c
}

/// A common (non-action) verb in any form.
fn is_common_verb(lower: &str) -> bool {
    IRREGULAR_PAST.contains(&lower) || inflection_bases(lower).iter().any(|b| COMMON_VERBS.contains(&b.as_str()))
}

/// A verb (action verb or common verb) in any form.
fn is_verb(lower: &str) -> bool {
    text::action_verb_base(lower).is_some() || is_common_verb(lower)
}

/// An adverb in -ly made from a known word ("quietly", "critically", "nightly").
fn is_ly_adverb(lower: &str) -> bool {
    if lower.len() <= 4 || !lower.ends_with("ly") || lower.contains('-') {
        return false;
    }
    let stem = &lower[..lower.len() - 2];
    let bases = [stem.to_string(), format!("{}y", stem.strip_suffix('i').unwrap_or(stem)), format!("{stem}le"), format!("{stem}e")];
    bases.iter().any(|b| b.len() >= 3 && lexicon::is_known(b))
}

/// A number or a number with a unit/ordinal suffix ("50", "4,500", "99th", "4x", "15%").
fn is_quantity(tok: &Token) -> bool {
    if tok.is_number() && tok.has_digit() {
        return true;
    }
    let l = tok.lower.as_str();
    if QUANTITY_WORDS.contains(&l) {
        return true;
    }
    let digits = l.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').count();
    // A range counts too: "20-30", "3–5", "10-15%".
    let rest = l[digits..].strip_prefix(['-', '–']).map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.'));
    let rest = match rest {
        Some(r) if r.len() < l.len() - digits - 1 => r,
        _ => &l[digits..],
    };
    digits > 0 && (rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th" | "x" | "k" | "m" | "b" | "%" | "+"))
}

/// Single words that are not keywords: role nouns, and adjectives by their suffix
/// ("inconclusive", "opinionated", "fuzzy"). Keywords are things a person knows or does.
fn is_excluded_single(lower: &str) -> bool {
    if NOT_KEYWORDS.contains(&lower) || is_role_noun(lower) || GENERIC_ADJECTIVES.contains(&lower) || SHELL_NOUNS.contains(&lower) {
        return true;
    }
    // A past form of a word that is mostly a verb ("written", "spoken", "assigned"): it
    // describes, it is not a skill. (Not -ing, which names an activity: "scheduling"; not
    // -s, which may be a plural noun: "claims".)
    if !lower.ends_with("ing") && !lower.ends_with('s') && lexicon::verb_base(lower).is_some_and(|b| b != lower) {
        return true;
    }
    let adjective = ["ive", "ous", "ful", "less", "able", "ible", "ated", "ish"].iter().any(|s| lower.ends_with(s))
        || (lower.ends_with('y') && !lower.ends_with("ty") && !lower.ends_with("gy") && !lower.ends_with("ry") && lower.len() <= 6);
    adjective && !lower.ends_with("ability") && lower.len() > 3
}

/// Whether a chunk is an item of a list ("(dbt, Airflow)", "X, Y and Z", "such as X or Y",
/// "LightGBM/XGBoost"): examples an employer enumerates are nearly always the skills they mean.
fn in_enumeration(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let before_delim = before.ends_with([',', '(', ';', ':', '/', '—', '–'])
        || before.ends_with(" and")
        || before.ends_with(" or")
        || before.ends_with("such as")
        || before.ends_with(" like")
        || before.ends_with("e.g.")
        || before.ends_with("e.g.,")
        || before.ends_with("including");
    let after_delim = after.starts_with([',', ')', ';', '/', '—', '–'])
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
        || before.ends_with(['(', '/'])
        || after.starts_with('/');
    before_delim && after_delim && list_nearby
}

/// Whether the gap between two tokens keeps them in one chunk (only spaces or nothing).
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    a.end <= b.start && text[a.end..b.start].chars().all(|c| c == ' ')
}

/// Split slash alternatives into their parts ("LightGBM/XGBoost", "ledger/accounting"),
/// keeping short-part compounds whole ("CI/CD", "A/B", "UI/UX", "I/O").
fn split_alternatives(text: &str, toks: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks {
        let parts: Vec<&str> = t.text.split('/').collect();
        let splits = parts.len() > 1
            && parts.iter().all(|p| {
                let alnum = p.chars().filter(|c| c.is_alphanumeric()).count();
                (alnum >= 3 && p.chars().any(|c| c.is_alphabetic())) || text::is_stopword(&p.to_lowercase())
            });
        if !splits {
            out.push(t);
            continue;
        }
        // "EU MDD/MDR" is "EU MDD or EU MDR": after a modifier, the later parts are not
        // whole terms on their own.
        let modified = out.last().is_some_and(|prev| prev.is_acronym() && joined(text, prev, &t)) && parts[0].chars().all(|c| !c.is_lowercase());
        let mut off = t.start;
        for (k, p) in parts.iter().enumerate() {
            if !p.is_empty() && (k == 0 || !modified) {
                out.push(Token { text: p.to_string(), lower: p.to_lowercase(), start: off, end: off + p.len() });
            }
            off += p.len() + 1;
        }
    }
    out
}

/// Split one requirement's text into candidate terms.
pub fn candidates_in(text: &str, lowercase_seen: &dyn Fn(&str) -> bool) -> Vec<Found> {
    let toks = split_alternatives(text, text::tokenize(text));
    let mut out: Vec<Found> = Vec::new();
    let gap = |k: usize| -> &str {
        if k == 0 {
            ""
        } else {
            &text[toks[k - 1].end..toks[k].start]
        }
    };
    // Sentence-initial positions (for capitals): first token and tokens after ". ", ": ",
    // "! ", "? ", bullets and dashes.
    let initial = |k: usize| -> bool { k == 0 || gap(k).contains(['.', ':', '!', '?', '•', '—', '–', '\n']) };
    // Clause-initial positions (for verbs): the start and after ". ", "; ", "! ", "? ".
    let clause_initial = |k: usize| -> bool { k == 0 || gap(k).contains(['.', ';', '!', '?', '•', '\n']) };
    let mut i = 0;
    // Whether the last content token was a verb in verb position, so "Design, build and
    // operate X" reads "build" and "operate" as verbs too.
    let mut verb_run = false;
    while i < toks.len() {
        let t = &toks[i];
        let lower = t.lower.as_str();
        // A capitalised filler word mid-sentence that opens a name belongs to it ("the *Core*
        // Workflows group").
        let opens_name = !initial(i)
            && t.is_capitalized()
            && text::is_filler(lower)
            && toks.get(i + 1).is_some_and(|u| joined(text, t, u) && u.is_capitalized() && is_name_like(u, false, lowercase_seen));
        if !opens_name && (text::is_stopword(lower) || text::is_filler(lower) || (t.is_number() && !t.has_digit())) {
            // A coordination keeps a run of verbs going; other words end it.
            if !matches!(lower, "and" | "or") {
                verb_run = false;
            }
            i += 1;
            continue;
        }
        // A capitalised word mid-sentence right before a name is part of it, even if it is
        // a common word ("Clinical Informatics", "Additional Information").
        let title_case = !initial(i)
            && t.is_capitalized()
            && !is_role_noun(lower)
            && toks.get(i + 1).is_some_and(|u| {
                joined(text, t, u) && u.is_capitalized() && is_name_like(u, false, lowercase_seen) && !is_special_name(u) && !is_role_noun(&u.lower)
            });
        let name = opens_name || title_case || is_name_like(t, initial(i), lowercase_seen);
        // A chunk: same class (names vs lowercase words), joined by spaces only. A verb
        // opening it is dropped below, so it does not use up the object's words ("Report
        // *suspected child abuse*", not "suspected child" and "abuse").
        let prev_joined = if i > 0 && joined(text, &toks[i - 1], t) { toks[i - 1].lower.as_str() } else { "" };
        // A duty list's imperative ("*Enforce* safety rules", "*Reposition* residents"): at a
        // clause's start, the base form of a word English uses mostly as a verb (WordNet).
        // A word English uses mostly otherwise but also as a verb is one there when its
        // object follows: a plural or a determiner ("*Contact* insureds", "*Walk* roofs",
        // "*Screen* the patients"; not "*Budget* planning").
        let imperative = |k: usize, l: &str| {
            clause_initial(k)
                && (lexicon::verb_base(l) == Some(l)
                    || (!l.ends_with('s') && !l.ends_with("ed") && !l.ends_with("ing") && lexicon::can_be_verb(l)
                        && toks.get(k + 1).is_some_and(|n| joined(text, &toks[k], n) && opens_object(n))))
        };
        let opens_with_verb = !name
            && ((clause_initial(i) || prev_joined == "to" || (verb_run && gap(i).chars().all(|c| c == ',' || c == ' ')))
                && is_verb(lower)
                || imperative(i, lower));
        let max_len = if name || opens_with_verb { 4 } else { 3 };
        let mut j = i + 1;
        while j < toks.len() && joined(text, &toks[j - 1], &toks[j]) {
            let u = &toks[j];
            let ul = u.lower.as_str();
            // "Class A", "Band 6", "Windows 10": a common word written as a name takes the
            // letter or number that says which one ("Java 17" does not: a rarer word is the
            // name by itself, and its number a version).
            if j == i + 1 && t.is_capitalized() && !is_special_name(t) && lexicon::zipf(lower) >= GRADED_NAME_ZIPF {
                let letter = u.text.len() == 1 && u.text.chars().all(|c| c.is_ascii_uppercase()) && u.text != "I";
                let number = u.text.len() <= 4 && u.text.chars().all(|c| c.is_ascii_digit());
                if letter || number {
                    j += 1;
                    break;
                }
            }
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
            // A plain name before an acronym or product token is a vendor or place: "Epic
            // ClinDoc", "Ohio RN" name two things ("Class III" is one).
            if name && is_special_name(u) && !u.has_digit() && !is_roman(u) && !is_special_name(&toks[j - 1]) && !toks[j - 1].has_digit() {
                break;
            }
            // A name ends before a role noun: "Clinical Informatics *Specialist*".
            if name && is_role_noun(ul) {
                break;
            }
            if !name && is_ly_adverb(ul) {
                break;
            }
            // A verb after a plural noun starts a clause: "engineers *depend* on",
            // "modules *become* mandatory".
            let pl = toks[j - 1].lower.as_str();
            if !name && (IRREGULAR_PAST.contains(&ul) || pl.ends_with('s') && !pl.ends_with("ss") && is_common_verb(ul)) {
                break;
            }
            if j - i >= max_len {
                break;
            }
            j += 1;
        }
        // "21 CFR": a number before a name joins it.
        let mut s = i;
        if name && i > 0 && toks[i - 1].is_number() && toks[i - 1].has_digit() && joined(text, &toks[i - 1], t) {
            s = i - 1;
        }
        let mut words: Vec<&Token> = toks[s..j].iter().collect();
        let prev_lower = if i > 0 && joined(text, &toks[i - 1], t) { toks[i - 1].lower.as_str() } else { "" };
        let gap_i = gap(i);
        // Verb position: the start of a clause, after a subject or modal ("you can reason"),
        // after "to", or coordinated with a verb just read ("build and operate").
        // "that"/"which" are relative pronouns after a noun ("a pipeline that *retrains*"),
        // determiners elsewhere ("some of that time"); forms of "be" make a verb of a
        // participle ("be *pairing*", "is *based*").
        let before_prev = if i >= 2 { toks[i - 2].lower.as_str() } else { "" };
        let relative = matches!(prev_lower, "that" | "which") && !before_prev.is_empty() && !text::is_stopword(before_prev);
        let be_form = matches!(prev_lower, "be" | "is" | "are" | "was" | "were" | "been" | "being")
            && (lower.ends_with("ing") || lower.ends_with("ed"));
        let after_trigger = (VERB_TRIGGERS.contains(&prev_lower) && !matches!(prev_lower, "that" | "which")) || relative || be_form;
        let coordinated = verb_run && gap_i.chars().all(|c| c == ',' || c == ' ');
        let verb_position = clause_initial(i) || prev_lower == "to" || coordinated;
        // A participle after a noun ("experience *designing* distributed systems", "years
        // *building* models") is a verb too.
        let participle_after_noun = t.lower.ends_with("ing")
            && i > 0
            && joined(text, &toks[i - 1], t)
            && (text::is_filler(prev_lower) || prev_lower == "time");
        let first = words[0];
        let lw = first.lower.as_str();
        let leading_verb = if name {
            // "Applying Human Factors…" (a quoted title): the verb opens it.
            words.len() > 1 && s == i && !is_special_name(first) && lw.ends_with("ing") && is_verb(lw)
        } else {
            after_trigger
                || ((verb_position || participle_after_noun) && is_verb(lw))
                || (s == i && imperative(i, lw))
                || (words.len() > 1
                    && (text::action_verb_base(lw).is_some() || is_common_verb(lw) && !lw.ends_with("ing"))
                    && !lw.ends_with('s')
                    && !(prev_is_noun_modifier(prev_lower) && (lw.ends_with("ing") || !matches!(prev_lower, "and" | "or"))))
                // "pull wire and *terminate* panels": a word English uses mostly as a verb,
                // after a coordination, opens the second clause.
                || (words.len() > 1 && matches!(prev_lower, "and" | "or") && !lw.ends_with("ing") && (!lw.ends_with('s') || lw.ends_with("ss")) && lexicon::verb_base(lw) == Some(lw))
        };
        // "to *lift* 50 lbs": after "to", a word English uses mostly as a verb with a number
        // next is a verb ("to supply chain buyers" is not).
        let next_is_object = words.get(1).is_some_and(|w| w.is_number() && w.has_digit());
        let leading_verb = leading_verb || (!name && prev_lower == "to" && next_is_object && lexicon::verb_base(lw).is_some());
        if leading_verb {
            // One verb per chunk: what follows is its object ("design *A/B tests*").
            words.remove(0);
        }
        // What the verb acts on is counted ("lift *50 lbs*"): a quantity, not a skill.
        let counts_after_verb = leading_verb && !name && words.first().is_some_and(|w| is_quantity(w));
        if !name {
            trim_lowercase(&mut words);
        }
        verb_run = leading_verb && words.is_empty();
        // A chunk that counts things ("35,000 products", "two product squads") is a quantity;
        // one headed by a role noun names people ("product designers", "unit nurses").
        let counted = !name && toks[s..j].first().is_some_and(is_quantity);
        let people = !name && words.last().is_some_and(|w| is_role_noun(&w.lower));
        let counted = counted || counts_after_verb || people || (name && words.len() == 1 && is_roman(words[0]));
        if !words.is_empty() && !counted {
            let term = text[words[0].start..words[words.len() - 1].end].to_string();
            let only_numbers = words.iter().all(|w| w.is_number());
            let single = words.len() == 1;
            // "34°F", "-20 °C": a unit of temperature, not a skill.
            let unit = single && words[0].text.chars().count() == 1 && gap(s).trim_end().ends_with('°');
            let excluded = single && is_excluded_single(&words[0].lower) || unit;
            if !only_numbers && !excluded && term.chars().any(|c| c.is_alphabetic()) {
                // A modifier like "A/B" counts mostly through its compound ("A/B tests").
                let next_word = toks.get(j).filter(|n| joined(text, &toks[j - 1], n));
                let modifier = name
                    && single
                    && words[0].text.contains('/')
                    && next_word.is_some_and(|n| !n.is_capitalized() && !text::is_stopword(&n.lower));
                // "ML engineers", "Epic analysts": a name that qualifies a role.
                let role_modifier = name && next_word.is_some_and(|n| is_role_noun(&n.lower));
                let f = if role_modifier {
                    0.3
                } else if in_enumeration(text, words[0].start, words[words.len() - 1].end) {
                    1.3
                } else {
                    1.0
                };
                // "Spanish-speaking", "Python-based": the name is the keyword.
                let term = match name_of_compound(&term) {
                    Some(n) if single => n.to_string(),
                    _ => term,
                };
                if !modifier {
                    out.push((term, name, f));
                }
            }
            // "A/B tests", "CI/CD pipelines": a technical modifier offers the compound too.
            if name && words.len() == 1 && words[0].text.contains('/') {
                if let Some(next) = toks.get(j).filter(|n| joined(text, &toks[j - 1], n)) {
                    if !text::is_stopword(&next.lower) && !text::is_filler(&next.lower) && !next.is_capitalized() {
                        out.push((text[words[0].start..next.end].to_string(), false, 1.0));
                    }
                }
            }
        }
        i = j;
    }
    out
}

/// The name in a hyphenated name-participle compound ("Spanish-speaking" → "Spanish",
/// "Python-based" → "Python").
fn name_of_compound(term: &str) -> Option<&str> {
    let (head, rest) = term.split_once('-')?;
    let last = rest.rsplit('-').next().unwrap_or(rest);
    let participle = last.ends_with("ing") || last.ends_with("ed") || matches!(last, "based" | "native" | "first" | "heavy");
    (head.chars().next().is_some_and(|c| c.is_uppercase())
        && head.chars().skip(1).all(|c| c.is_lowercase())
        && head.len() >= 3
        && last.chars().all(|c| c.is_lowercase())
        && participle)
        .then_some(head)
}

/// Words after which an -ing word is a noun or a noun modifier ("in *testing*", "with
/// *forecasting* models"): prepositions and determiners.
fn prev_is_noun_modifier(prev: &str) -> bool {
    matches!(
        prev,
        "in" | "of" | "with" | "for" | "on" | "at" | "by" | "from" | "into" | "about" | "the" | "a" | "an" | "our"
            | "your" | "their" | "its" | "this" | "these" | "those" | "and" | "or" | "as" | "to"
    )
}

/// Trim a lowercase chunk to its noun-phrase core: no leading quantity, adverb or
/// evaluative adjective, no trailing adverb or classifier noun.
fn trim_lowercase(words: &mut Vec<&Token>) {
    while let Some(w) = words.first() {
        let l = w.lower.as_str();
        let evaluative = l.len() > 5 && (l.ends_with("able") || l.ends_with("ible"));
        if is_quantity(w) || is_ly_adverb(l) || ((GENERIC_ADJECTIVES.contains(&l) || evaluative) && words.len() > 1) {
            words.remove(0);
        } else {
            break;
        }
    }
    while let Some(w) = words.last() {
        let l = w.lower.as_str();
        if is_quantity(w) || is_ly_adverb(l) || (SHELL_NOUNS.contains(&l) && words.len() > 1) {
            words.pop();
        } else {
            break;
        }
    }
}

/// Specificity of a candidate in [0, 1]: names are specific (plain capitalised words less
/// so when they are common English words: "Orders", "Canada"); lowercase chunks weigh by
/// their rarest word and their length.
pub fn specificity(term: &str, tech: bool) -> f32 {
    let words: Vec<String> = term.split_whitespace().map(|w| w.to_lowercase()).collect();
    if tech {
        let plain = term.split_whitespace().all(|w| {
            let t = Token { text: w.to_string(), lower: w.to_lowercase(), start: 0, end: w.len() };
            t.is_capitalized() && !is_special_name(&t) && !t.has_digit()
        });
        if !plain {
            return 1.0;
        }
        let rarest = words.iter().map(|w| lexicon::zipf(w)).fold(f32::INFINITY, f32::min);
        return 1.0 - NAME_COMMONNESS * ((rarest - 3.8) / 1.5).clamp(0.0, 1.0);
    }
    let specs: Vec<f32> = words
        .iter()
        .map(|w| {
            let base = w.trim_matches(|c: char| !c.is_alphanumeric());
            if base.contains(['/', '+', '#']) || base.chars().any(|c| c.is_ascii_digit()) {
                return 1.0;
            }
            let parts: Vec<f32> =
                base.split(['-', '/']).filter(|p| !p.is_empty()).map(lexicon::specificity).collect();
            let best = parts.iter().copied().fold(0.0, f32::max);
            // A hyphenated compound is rarer than its parts ("on-call", "time-series"), unless
            // it is made of filler ("hands-on", "full-time").
            let filler_part = base.split('-').any(|p| text::is_filler(p) || GENERIC_ADJECTIVES.contains(&p) || NOT_KEYWORDS.contains(&p));
            if parts.len() > 1 && !filler_part { best.max(HYPHEN_FLOOR) } else { best }
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

/// How common (Zipf) a capitalised word must be for a letter or number after it to be part
/// of its name: "band" 4.9, "class" 5.4, "windows" 4.7 take theirs; "java" 4.0, "excel" 3.7
/// and "python" 3.8 are names alone.
const GRADED_NAME_ZIPF: f32 = 4.5;

/// How much a plain capitalised name loses for being a common English word ("Orders",
/// "Canada" vs "Kafka").
const NAME_COMMONNESS: f32 = 0.6;

/// Names (acronyms, products, standards) are keywords more often than lowercase phrases
/// of the same weight and specificity.
const NAME_BONUS: f32 = 1.5;

/// Least specificity of a hyphenated compound word.
const HYPHEN_FLOOR: f32 = 0.6;

/// Rank candidates and keep the best `limit`.
pub fn rank(cands: HashMap<String, Candidate>, limit: usize) -> Vec<(Candidate, f32)> {
    let mut scored: Vec<(Candidate, f32)> = cands
        .into_values()
        .map(|c| {
            let spec = specificity(&c.term, c.tech);
            // Evidence per requirement (its best occurrence there), then for the title and the
            // pitch: a term named in several requirements matters more than one repeated in one.
            let mut per_req: Vec<(usize, f32)> = Vec::new();
            let mut ws: Vec<f32> = Vec::new();
            for o in &c.occurrences {
                match o.req_index {
                    Some(k) => match per_req.iter_mut().find(|(r, _)| *r == k) {
                        Some((_, w)) => *w = w.max(o.weight),
                        None => per_req.push((k, o.weight)),
                    },
                    None => ws.push(o.weight),
                }
            }
            ws.extend(per_req.iter().map(|(_, w)| *w));
            ws.sort_by(|a, b| b.total_cmp(a));
            // Diminishing returns for repeats: 1, 1/2, 1/3 …
            let presence: f32 = ws.iter().enumerate().map(|(k, w)| w / (k as f32 + 1.0)).sum();
            let name_bonus = if c.tech { NAME_BONUS } else { 1.0 };
            let score = presence * (0.15 + spec).powf(1.5) * name_bonus;
            (c, score)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.term.cmp(&b.0.term)));
    // Drop near-duplicates by normalisation.
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

#[cfg(test)]
#[path = "keywords_tests.rs"]
mod tests;
