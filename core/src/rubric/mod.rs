//! JD rubric without an LLM (seed 000 `jdRubrics`): job metadata, requirements (must/nice,
//! weight 1–5, verbatim evidence, category), keywords, constraints and notes — by rules
//! over the posting's structure.
//!
//! Robust to postings with headings or none, "Minimum/Preferred qualifications", bullets or
//! prose, leftover HTML, and boilerplate-heavy text: benefits, pay and EEO statements never
//! become requirements.

mod clean;
mod keywords;
pub mod llm;
pub mod postings;
mod meta;
mod sections;

use std::collections::HashMap;

pub use clean::{clean, Cleaned};
pub use meta::{employment_type, parse_title_line, salary, seniority};
pub(crate) use meta::title_qualifier;
pub use sections::{classify_heading, SectionKind};

use crate::hash;
use crate::model::{Constraints, JdRubric, Keyword, ReqType, Requirement, RubricNotes};
use crate::matching::{self, Boundary};
use crate::text;
use keywords::{Candidate, Occurrence};

/// Rubric schema/rules version; part of every rubric's hash.
pub const RUBRIC_VERSION: &str = "fitted-rules-rubric-10";

/// Postings longer than this are cut (with a note) — a 20,000-word paste is not a job ad.
pub const MAX_CHARS: usize = 100_000;

/// Sentences that are about the employer's offer or legal notices, not the job's demands.
const BOILERPLATE_CUES: &[&str] = &[
    "equal opportunity", "equal employment", "eeo", "affirmative action", "without regard to", "sexual orientation",
    "gender identity", "national origin", "veteran status", "disability status", "protected characteristic",
    "protected veteran", "reasonable accommodation", "benefits package", "comprehensive benefits", "our benefits",
    "benefits include", "we offer", "we provide", "perks", "401(k)", "401k", "health insurance", "dental coverage",
    "dental insurance", "dental, and vision", "dental and vision", "vision coverage", "paid time off", "pto",
    "parental leave", "vacation", "paid holidays", "stipend", "retirement plan", "pension", "salary", "compensation",
    "pay range", "base pay", "pay transparency", "hourly rate", "plus equity", "equity grant", "total rewards",
    "apply now", "to apply", "how to apply", "submit your", "application process", "applicants", "background check",
    "drug screen", "e-verify", "privacy notice", "privacy policy", "recruitment agencies", "agency recruiters",
    "we are proud", "is proud to be", "we celebrate", "committed to diversity", "committed to building a diverse",
    "learn more at", "learn more about us", "learn more about working", "to learn more, visit", "visit our", "follow us", "headquartered", "founded in", "days a week in", "relocation",
    "tuition", "commuter", "we encourage", "are encouraged to apply", "welcome to apply", "all qualified",
    "welcome applications", "dbs check",
];

/// Specific phrases only: bare "visa", "sponsor", "citizen" and "clearance" also mean a card
/// network, a student club's sponsor, citizen science and customs clearance.
const WORK_AUTH_CUES: &[&str] = &[
    "authorized to work", "authorised to work", "work authorization", "work authorisation", "right to work",
    "visa sponsorship", "work visa", "visa status", "visa support", "h-1b", "h1b", "sponsor visa",
    // Not bare "sponsorship": "manage event sponsorships" is marketing, not immigration.
    "sponsorship for", "require sponsorship", "requires sponsorship", "required sponsorship", "need sponsorship",
    "needs sponsorship", "without sponsorship", "no sponsorship", "sponsorship is not", "sponsorship not",
    "sponsorship now or in the future", "immigration sponsorship", "employment sponsorship", "visa or sponsorship",
    "sponsor employment", "sponsor work", "sponsor a visa", "sponsor applicants", "sponsor candidates",
    "not sponsor", "unable to sponsor", "cannot sponsor", "can't sponsor",
    "citizenship", "u.s. citizen", "us citizen", "eu citizen", "citizen of", "security clearance",
    "secret clearance", "active clearance", "clearance is required", "clearance required", "obtain a clearance",
    "ts/sci", "work permit",
];

const REQUIREMENT_CUES: &[&str] = &[
    "experience", "you have", "you bring", "you'll need", "you will need", "proficien", "familiar", "knowledge of",
    "degree", "years", "background in", "expertise", "ability to", "able to", "skilled", "fluent", "fluency",
    "certif", "licens", "must", "required", "comfortable", "track record", "understanding of", "strong", "deep",
    "hands-on", "looking for", "ideal candidate", "you are", "you're", "you've", "should have", "need to",
];

const DUTY_CUES: &[&str] = &[
    "you'll", "you will", "you would", "you'd", "your work", "you own", "responsible for", "in this role",
    "your day", "you're going to", "you are going to", "you'll be", "you will be", "you might be", "you may be",
    "in a typical week", "a typical day", "day-to-day you",
];

/// Sentences that list the team's tools ("Our stack is Python, with PyTorch…"): incidental
/// stack mentions, which job-ad readers treat as nice-to-have.
const STACK_CUES: &[&str] = &[
    "our stack", "tech stack", "technology stack", "we use ", "we work with", "our tools", "built with",
    "written in", "runs on", "our toolkit", "tooling includes", "technologies we use", "we rely on",
];

const STRONG_CUES: &[&str] = &[
    "strong", "deep", "expert", "extensive", "proven", "must", "required", "essential", "proficiency", "proficient",
    "fluency", "fluent", "production", "hands-on", "significant", "solid", "demonstrated", "advanced",
];
const WEAK_CUES: &[&str] = &[
    "familiarity", "familiar", "exposure", "basic", "some ", "comfortable", "awareness", "interest in",
    "willingness", "willing", "curiosity", "eager", "open to",
];

/// Cues start at a word boundary ("pto" is not in "symptoms"); see [`crate::matching`].
fn contains_any(hay: &str, needles: &[&str]) -> bool {
    matching::any(hay, needles, Boundary::Prefix)
}

/// Text of a nice cue outside parentheses ("… (production Go is a big plus)" does not make
/// a must-have item optional).
fn nice_outside_parens(lower: &str) -> bool {
    // "Ideally" and "preferred" mid-item qualify a detail ("SQL, ideally PostgreSQL"); only
    // cues that make the whole item optional count.
    const ITEM_NICE: &[&str] = &[
        "nice to have", "nice-to-have", "a plus", "bonus", "not required", "would be great", "would help",
        "is preferred", "are preferred", "strongly preferred", "good to have", "an advantage", "advantageous",
        "helpful", "would be nice", "desirable", "is desired", "are desired",
    ];
    let mut depth = 0i32;
    let mut outside = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let outside = outside.trim();
    // "CPA or progress toward CPA preferred": a trailing "preferred" qualifies the whole item.
    let tail = outside.trim_end_matches(|c: char| !c.is_alphanumeric());
    contains_any(outside, ITEM_NICE)
        || outside.starts_with("ideally")
        || outside.starts_with("preferred")
        || tail.ends_with(" preferred")
        || tail.ends_with(" desired")
}

/// An item whose clauses differ in status ("4+ years of ledger experience; public
/// accounting experience a plus") is two requirements: otherwise the optional clause makes
/// the required one optional too, and its years are lost from the constraints.
fn split_mixed_clauses(text: &str, items: Vec<sections::Item>) -> Vec<sections::Item> {
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let body = &text[it.start..it.end];
        let mut cuts = vec![it.start];
        let mut depth = 0i32;
        for (k, c) in body.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                ';' if depth == 0 => cuts.push(it.start + k + 1),
                _ => {}
            }
        }
        cuts.push(it.end);
        let clauses: Vec<(usize, usize)> = cuts
            .windows(2)
            .map(|w| {
                let seg = &text[w[0]..w[1]];
                let lead = seg.len() - seg.trim_start().len();
                (w[0] + lead, w[0] + seg.trim_end().len())
            })
            .filter(|(a, b)| b > a)
            .collect();
        let nice: Vec<bool> =
            clauses.iter().map(|(a, b)| nice_outside_parens(&text[*a..*b].to_lowercase().replace('’', "'"))).collect();
        if clauses.len() < 2 || nice.iter().all(|n| *n == nice[0]) {
            out.push(it);
            continue;
        }
        for (a, b) in clauses {
            let end = text[a..b].trim_end_matches(';').trim_end().len() + a;
            out.push(sections::Item { start: a, end, ..it.clone() });
        }
    }
    out
}

/// "Experience with containers, Kubernetes and CI/CD is required, as is a track record of
/// building systems other engineers depend on": two requirements in one sentence, the
/// second required by the first's verb (its own words may carry no cue at all: "…, as is a
/// bachelor's degree"). Only after a word that makes the first part required; "preferred,
/// as is…" stays whole.
fn split_as_is(text: &str, items: Vec<sections::Item>) -> Vec<sections::Item> {
    const REQUIRED: &[&str] = &["required", "needed", "essential", "expected", "necessary", "mandatory", "a must"];
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let body = &text[it.start..it.end];
        let found = [", as is ", ", as are "].iter().find_map(|j| {
            let k = crate::matching::find(body, j, Boundary::Word)?.start;
            let before = body[..k].trim_end().to_lowercase();
            REQUIRED.iter().any(|r| before.ends_with(r)).then_some((k, j.len()))
        });
        match found {
            Some((k, len)) if body[k + len..].trim().len() > 3 => {
                out.push(sections::Item { end: it.start + k, ..it.clone() });
                out.push(sections::Item { start: it.start + k + len, section: sections::SectionKind::Must, ..it });
            }
            _ => out.push(it),
        }
    }
    out
}

/// "The teacher will plan…", "The successful candidate will…": duties stated about the
/// role in the third person (common in school, public-sector and agency postings).
fn third_person_duty(lower: &str, title_head: Option<&str>) -> bool {
    const SUBJECTS: &[&str] = &[
        "the successful candidate will", "the selected candidate will", "the candidate will", "the incumbent will",
        "the new hire will", "this position will", "the position will", "this role will", "the role will",
        "this person will", "the employee will",
    ];
    if contains_any(lower, SUBJECTS) {
        return true;
    }
    let Some(head) = title_head else { return false };
    // "The teacher will" / "The chemistry teacher will" for a "… Chemistry Teacher" posting.
    lower.match_indices(" will ").any(|(k, _)| {
        let before: Vec<&str> = lower[..k].split_whitespace().rev().take(4).collect();
        before.first() == Some(&head) && before.iter().skip(1).any(|w| *w == "the" || *w == "our" || *w == "this")
    })
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0),
    ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("twelve", 12.0), ("fifteen", 15.0),
];

/// "5+ years", "3-5 years", "at least two years", "minimum of 4 yrs" → the minimum.
pub fn years_required(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let toks: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '(' || c == ')').filter(|t| !t.is_empty()).collect();
    for (k, t) in toks.iter().enumerate() {
        let next = toks.get(k + 1).copied().unwrap_or("");
        let next2 = toks.get(k + 2).copied().unwrap_or("");
        let is_years = |w: &str| w.starts_with("year") || w.starts_with("yrs") || w == "yr";
        if !(is_years(next) || (next == "or" || next == "to" || next == "-") && is_years(toks.get(k + 3).copied().unwrap_or("")) || next == "+" && is_years(next2)) {
            continue;
        }
        // "obtained within 2 years of hire" is a deadline, not experience.
        if k > 0 && matches!(toks[k - 1], "within" | "in" | "after") {
            continue;
        }
        let t = t.trim_end_matches('+');
        let first = t.split(['-', '–', '—']).next().unwrap_or("");
        if let Ok(n) = first.parse::<f64>() {
            if (0.5..=40.0).contains(&n) {
                return Some(n);
            }
        }
        if let Some((_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == first) {
            return Some(*n);
        }
    }
    None
}

const DEGREE_CUES: &[&str] = &[
    "bachelor", "master's", "masters", "master of", "phd", "ph.d", "doctorate", "doctoral", "degree", "bsn", "msn",
    "b.s.", "m.s.", "bsc", "msc", "mba", "associate's", "diploma", "graduate of", "j.d.", "juris doctor", "llb", "ll.b",
    "llm", "ll.m", "m.d.", "pharmd", "pharm.d", "dnp", "msw",
];
const CERT_CUES: &[&str] = &["certif", "licens", "licenc", "credential", "registered", "accredit", "board-certified"];
/// [`CERT_CUES`] without "accredit", which also describes a degree's programme.
const CERT_CUES_BUT_ACCREDITED: &[&str] = &["certif", "licens", "licenc", "credential", "registered", "board-certified"];
/// A professional registration ("HCPC registration", "registration with the NMC") is a
/// licence; "product registrations" in the plural are work, so the singular whole word only.
const CERT_WORDS: &[&str] = &["registration"];

/// Degree and licence cues match from a word start: "bsc" is not in "subscriber".
fn has_cue(lower: &str, cues: &[&str]) -> bool {
    matching::any(lower, cues, Boundary::Prefix)
}

/// Short degree names that are also other words ("MS" is a state and a software company):
/// a degree only when a field follows ("BS in Mechanical Engineering") or two are paired.
const DEGREE_PHRASES: &[&str] = &["bs in", "ba in", "ms in", "ma in", "bs/ms", "ms/phd", "bs or ms", "ms or phd", "bsc in"];

fn category(original: &str, has_years: bool) -> &'static str {
    let lower = &original.to_lowercase().replace('’', "'");
    if has_years {
        return "experience";
    }
    if has_cue(lower, DEGREE_CUES) || matching::any(lower, DEGREE_PHRASES, Boundary::Word) {
        return "education";
    }
    // "Admission to the Illinois bar", "admitted to practice in New York": a lawyer's licence.
    let bar = (matching::any(lower, &["admission to", "admitted to"], Boundary::Word) && matching::occurs(lower, "bar", Boundary::Word))
        || matching::any(lower, &["bar admission", "admitted to practice"], Boundary::Prefix);
    if has_cue(lower, CERT_CUES) || matching::any(lower, CERT_WORDS, Boundary::Word) || bar {
        return "certification";
    }
    if job_condition(lower) {
        return "conditions";
    }
    if contains_any(lower, WORK_AUTH_CUES) {
        return "authorization";
    }
    if contains_any(lower, &["spanish", "french", "german", "mandarin", "bilingual", "language skills"]) || names_a_language(original) {
        return "language";
    }
    if contains_any(
        lower,
        &["communicat", "collaborat", "mentor", "stakeholder", "present", "teach", "influenc", "partner with", "leadership", "writing", "written"],
    ) {
        return "collaboration";
    }
    "core"
}

/// A condition of the job rather than something a candidate has done: when and where the
/// work happens ("Ability to work rotating weekends and holidays", "Weekend and evening
/// availability", "Willingness to travel up to 25%", "relocate") or what it demands of the
/// body ("Able to lift 50 lbs and stand for a 12-hour shift"). A bullet cannot show these,
/// so no bullet is matched to them and fit leaves them out.
pub(crate) fn job_condition(lower: &str) -> bool {
    const WHEN: &[&str] = &[
        "weekend", "weekends", "holiday", "holidays", "evening", "evenings", "night", "nights", "overnight", "overnights", "shift",
        "shifts", "overtime", "on-call", "on call", "rotating",
    ];
    // Travel as a condition, not travel as work ("coordinate travel arrangements").
    const TRAVEL: &[&str] = &["to travel", "travel up to", "travel required", "travel is required", "% travel", "overnight travel", "to relocate", "relocation"];
    const ASKED: &[&str] = &["availability", "available", "ability to", "able to", "willing", "flexib", "must work", "required to work"];
    let physical = matching::occurs(lower, "lift", Boundary::Word) && matching::any(lower, &["lb", "lbs", "pounds", "kg"], Boundary::Word)
        || matching::any(lower, &["stand for", "on your feet", "on their feet"], Boundary::Word);
    let when = matching::any(lower, WHEN, Boundary::Word) && matching::any(lower, ASKED, Boundary::Prefix)
        || matching::any(lower, TRAVEL, Boundary::Word);
    // The checks before hiring: "Clean MVR; no DUI/DWI in the past 5 years", "Must pass a
    // background check and drug screen".
    const SCREENS: &[&str] = &["background check", "background screen", "drug screen", "drug test", "driving record", "mvr", "motor vehicle record"];
    let screened = matching::any(lower, SCREENS, Boundary::Prefix);
    // Short: a duty that mentions travel among other work is still work.
    (physical || when || screened) && lower.split_whitespace().count() <= 16
}

/// "Fluency in English and Vietnamese", "Native-level Tagalog": a word of fluency and a
/// capitalised name after it (languages are proper nouns in English), in any language.
fn names_a_language(text: &str) -> bool {
    const FLUENCY: &[&str] = &["fluency", "fluent", "native-level", "native speaker"];
    let lower = text.to_lowercase();
    let Some(at) = FLUENCY.iter().filter_map(|f| matching::find(&lower, f, Boundary::Prefix).map(|r| r.end)).min() else { return false };
    // Offsets of the lowercased copy are only used on it; the original is read by words.
    // A language by name ("Fluency in Vietnamese", "fluent in American Sign Language"), not
    // any capitalised word ("Fluency in Figma" is a tool).
    let after_words = lower[at..].split_whitespace().count();
    let all: Vec<&str> = text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let words = &all[all.len().saturating_sub(after_words)..];
    (0..words.len()).any(|i| (1..=3).any(|n| i + n <= words.len() && crate::lexicon::is_language(&words[i..i + n].join(" "))))
}

/// Level and contract words of a job title, and role words that are not occupations:
/// what a title *is*, not what the job needs ("Senior Backend Engineer" → "Backend").
/// General job-title grammar; occupations themselves come from [`keywords::is_role_noun`].
const ROLE_WORDS: &[&str] = &[
    "lead", "associate", "head", "vp", "intern", "senior", "sr", "junior", "jr", "staff", "principal", "chief", "i",
    "ii", "iii", "iv", "v", "level", "team", "remote", "hybrid", "contract", "full-time", "part-time", "expert", "owner",
];

/// Weight of a candidate in the posting's pitch (prose that is neither a requirement nor a
/// duty): such terms are rarely what the job asks for.
const PITCH_WEIGHT: f32 = 0.2;

/// Keyword candidates from a job title: its segments minus role and level words. A single
/// word left of a role noun only says what kind of role it is ("*Backend* Engineer",
/// "*Data* Scientist", "*Product* Designer"), so it is not offered alone.
/// A role or level word of a title: the listed ones, and role nouns by their suffix
/// ("Pharmacist", "Informaticist", "Physician"), so titles of any field are read alike.
/// Whether a word names a role or a level ("engineer", "manager", "senior", or a noun
/// like "physician" by its suffix). Also used by the fabrication check to read titles.
pub(crate) fn is_role_word(lower: &str) -> bool {
    let w = lower.trim_matches('.');
    ROLE_WORDS.contains(&w) || keywords::is_role_noun(w)
}

fn title_terms(title: &str) -> Vec<String> {
    title
        .split([',', '(', ')', '/', '|', '–', '—', ':', '&'])
        .flat_map(|seg| seg.split(" and "))
        // "(4-7 years)", "2nd Shift", "Nights": about the job, not a skill.
        .filter(|seg| !seg.trim_start().starts_with(|c: char| c.is_ascii_digit()) && !meta::title_qualifier(seg))
        .filter_map(|seg| {
            let words: Vec<&str> = seg.split_whitespace().collect();
            let kept: Vec<&str> =
                words.iter().copied().filter(|w| !is_role_word(&w.to_lowercase())).collect();
            let role_compound = kept.len() == 1 && words.len() > 1;
            (!kept.is_empty() && kept.len() <= 3 && !role_compound).then(|| kept.join(" "))
        })
        .collect()
}

/// Build the rubric for a posting.
pub fn extract_rubric(raw: &str) -> JdRubric {
    let mut notes: Vec<String> = Vec::new();
    let raw = if raw.len() > MAX_CHARS {
        let mut cut = MAX_CHARS;
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        notes.push(format!("The posting is very long; only its first {MAX_CHARS} characters were read."));
        &raw[..cut]
    } else {
        raw
    };
    let cleaned = clean(raw);
    let t = cleaned.text.as_str();
    let mut structure = sections::structure(t, true);
    structure.items = split_as_is(t, split_mixed_clauses(t, std::mem::take(&mut structure.items)));
    let (title, company, place) = meta::heading_lines(t);
    // The title's last word ("Teacher" in "High School Chemistry Teacher").
    let title_head: Option<String> = title.as_deref().and_then(|ti| {
        ti.split(['(', ',', '—', '–', '|']).next()?.split_whitespace().last().map(|w| w.to_lowercase())
    });
    let prose_only = !structure.has_requirement_sections;
    let has_duty_section = structure.headings.iter().any(|(_, k)| *k == SectionKind::Duties)
        || structure.items.iter().any(|i| i.section == SectionKind::Duties);
    if prose_only {
        notes.push("No requirement headings were found, so requirements were read from the prose.".into());
    }

    let mut lowercase_words: std::collections::HashSet<String> = std::collections::HashSet::new();
    for tok in text::tokenize(t) {
        if tok.text.chars().next().is_some_and(|c| c.is_lowercase()) {
            lowercase_words.insert(tok.lower.clone());
        }
    }
    let lowercase_seen = |w: &str| lowercase_words.contains(w);

    struct Draft {
        text: String,
        raw: String,
        req_type: ReqType,
        weight: i32,
        order: usize,
        years: Option<f64>,
        lower: String,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut work_auth: Vec<String> = Vec::new();
    // Non-requirement prose about the role and company: a weak source of domain keywords.
    let mut pitch: Vec<(usize, usize)> = Vec::new();
    let mut skipped_boilerplate = 0;
    let section_sizes: HashMap<(u8, usize), usize> = HashMap::new();
    let _ = section_sizes;

    for (order, it) in structure.items.iter().enumerate() {
        let body = t[it.start..it.end].trim();
        if body.is_empty() {
            continue;
        }
        let lower = body.to_lowercase().replace('’', "'");
        if contains_any(&lower, WORK_AUTH_CUES) {
            work_auth.push(body.trim_end_matches('.').to_string());
            continue;
        }
        let boiler = contains_any(&lower, BOILERPLATE_CUES);
        let nice_cue = nice_outside_parens(&lower);
        let req_cue = contains_any(&lower, REQUIREMENT_CUES);
        let duty_cue = contains_any(&lower, DUTY_CUES) || third_person_duty(&lower, title_head.as_deref());
        let kind = match it.section {
            SectionKind::Boilerplate => {
                skipped_boilerplate += 1;
                continue;
            }
            // Prose around a bulleted list is a pitch, not a demand.
            SectionKind::Must | SectionKind::Duties | SectionKind::Nice if !it.is_bullet && !it.run_in && it.section_has_bullets => continue,
            // A duty that names a benefit is still a duty: "Manage leaves of absence (FMLA,
            // ADA, workers' *compensation*)" in an HR posting, "Run *background checks*"; a
            // statement about the employer ("We offer…", "Medical, dental and vision") is not.
            SectionKind::Must | SectionKind::Duties | SectionKind::Nice
                if boiler && !req_cue && !(body.starts_with(char::is_uppercase) && sections::opens_with_verb(body)) =>
            {
                skipped_boilerplate += 1;
                continue;
            }
            SectionKind::Must | SectionKind::Duties => {
                if nice_cue {
                    SectionKind::Nice
                } else {
                    it.section
                }
            }
            SectionKind::Nice => SectionKind::Nice,
            SectionKind::Intro | SectionKind::Other => {
                if boiler {
                    skipped_boilerplate += 1;
                    continue;
                }
                // Bullets under an unrecognised heading are usually requirements.
                if it.is_bullet && it.section == SectionKind::Other {
                    if nice_cue {
                        SectionKind::Nice
                    } else {
                        SectionKind::Must
                    }
                } else if prose_only || it.section == SectionKind::Other {
                    if nice_cue || contains_any(&lower, STACK_CUES) {
                        SectionKind::Nice
                    } else if req_cue {
                        SectionKind::Must
                    } else if duty_cue {
                        SectionKind::Duties
                    } else {
                        pitch.push((it.start, it.end));
                        continue;
                    }
                } else if duty_cue && !has_duty_section {
                    // "You will gather requirements from unit nurses…" in the opening pitch of
                    // a posting with no duties list: those are the duties.
                    SectionKind::Duties
                } else {
                    pitch.push((it.start, it.end));
                    continue;
                }
            }
        };
        let content_words = text::stems(body).len();
        if content_words == 0 {
            continue;
        }
        let years = years_required(body);
        let section_index = it.index;
        let mut weight: i32 = match kind {
            SectionKind::Must => 4,
            SectionKind::Duties => 3,
            _ => 2,
        };
        match kind {
            SectionKind::Must | SectionKind::Duties if section_index < 2 => weight += 1,
            SectionKind::Duties if section_index >= 4 => weight -= 1,
            SectionKind::Nice if lower.contains("big plus") || lower.contains("strongly preferred") => weight += 1,
            _ => {}
        }
        if contains_any(&lower, STRONG_CUES) && kind != SectionKind::Nice {
            weight += 1;
        }
        if contains_any(&lower, WEAK_CUES) {
            weight -= 1;
        }
        if years.is_some() || has_cue(&lower, DEGREE_CUES) {
            weight = weight.min(4);
            if lower.contains("or equivalent") {
                weight = weight.min(3);
            }
        }
        let (rs, re) = cleaned.raw_range(it.start + (t[it.start..it.end].len() - t[it.start..it.end].trim_start().len()), it.start + t[it.start..it.end].trim_end().len());
        drafts.push(Draft {
            text: body.to_string(),
            raw: raw[rs..re].to_string(),
            req_type: if kind == SectionKind::Nice { ReqType::Nice } else { ReqType::Must },
            weight: weight.clamp(1, 5),
            order,
            years,
            lower,
        });
    }

    // Musts first (heaviest first, then in posting order), then nice-to-haves.
    drafts.sort_by(|a, b| {
        a.req_type.cmp(&b.req_type).then(b.weight.cmp(&a.weight)).then(a.order.cmp(&b.order))
    });
    let requirements: Vec<Requirement> = drafts
        .iter()
        .enumerate()
        .map(|(k, d)| Requirement {
            req_id: format!("R{}", k + 1),
            req_type: d.req_type,
            weight: d.weight as u8,
            requirement: d.text.trim_end_matches(['.', ';']).to_string(),
            jd_evidence: vec![d.raw.clone()],
            category: category(&d.text, d.years.is_some()).to_string(),
        })
        .collect();

    // Keywords from the requirements and the title.
    let mut cands: HashMap<String, Candidate> = HashMap::new();
    let mut add = |term: String, tech: bool, occ: Occurrence| {
        let key = text::normalize_term(&term);
        if key.is_empty() {
            return;
        }
        let e = cands.entry(key).or_insert_with(|| Candidate { term: term.clone(), tech, occurrences: Vec::new() });
        e.tech |= tech;
        e.occurrences.push(occ);
    };
    if let Some(title) = &title {
        // Titles are in title case, so capitals say nothing: each segment is one term.
        for seg in title_terms(title) {
            let tech = text::tokenize(&seg).iter().all(|t| t.is_acronym() || t.has_inner_capital());
            add(seg.trim().to_string(), tech, Occurrence { weight: 1.1, req_type: None, req_weight: 4, req_index: None });
        }
    }
    for (s, e) in &pitch {
        for (term, tech, f) in keywords::candidates_in(&t[*s..*e], &lowercase_seen) {
            add(term, tech, Occurrence { weight: PITCH_WEIGHT * f, req_type: None, req_weight: 2, req_index: None });
        }
    }
    for (k, (req, d)) in requirements.iter().zip(drafts.iter()).enumerate() {
        let mut w = match req.req_type {
            ReqType::Must => 0.6 + 0.1 * d.weight as f32,
            ReqType::Nice => 0.35 + 0.05 * d.weight as f32,
        };
        // Degree lines name fields of study, not skills to match. (Years lines name the
        // core skill: "3+ years of experience conducting *user research*".)
        if req.category == "education" {
            w *= 0.5;
        }
        // "Ability to work rotating weekends": when and how the job is done, not a skill.
        if matches!(req.category.as_str(), "conditions" | "authorization") {
            continue;
        }
        // A run-in lead of the item is part of it: "Experience designing distributed
        // systems: you can reason about…".
        let item = &structure.items[d.order];
        let line_start = t[..item.start].rfind('\n').map_or(0, |p| p + 1);
        let lead = t[line_start..item.start].trim_end();
        let lead = if item.run_in && lead.ends_with(':') { lead.trim_start_matches(|c: char| !c.is_alphanumeric()) } else { "" };
        // (The lead keeps its colon, so the item's first word stays sentence-initial.)
        let text = if lead.is_empty() { d.text.clone() } else { format!("{lead} {}", d.text) };
        for (term, tech, f) in keywords::candidates_in(&text, &lowercase_seen) {
            add(term, tech, Occurrence { weight: w * f, req_type: Some(req.req_type), req_weight: req.weight, req_index: Some(k) });
        }
    }
    // The employer's own name is not a keyword ("Vantaloop Payments", "Verdana"), nor is
    // the job's place ("Chicago, IL": "IL").
    // "Milwaukee County" for a job in "Milwaukee, WI": the place with a word for an area.
    const AREA_WORDS: &[&str] = &["county", "city", "area", "region", "metro", "metropolitan", "greater", "district", "borough"];
    for name in [company.clone(), place.or_else(|| meta::location_from_text(t))].into_iter().flatten() {
        let mut words: Vec<String> = text::normalize_term(&name).split(' ').map(str::to_string).collect();
        if Some(&name) != company.as_ref() {
            words.extend(AREA_WORDS.iter().map(|w| w.to_string()));
        }
        // Capitalised at a sentence's start counts too ("Crosspoint is hiring…"); lowercase
        // words of the name stay ("payments" for "Vantaloop Payments").
        let capitalised = |c: &Candidate| c.term.chars().next().is_some_and(char::is_uppercase);
        cands.retain(|key, c| !((c.tech || capitalised(c)) && key.split(' ').all(|w| words.iter().any(|x| x == w))));
    }
    // A place by name ("Current *Wisconsin* LMSW", "*Washington State* NAC certification"):
    // where a licence is issued, not a skill.
    cands.retain(|_, c| !(c.tech && crate::lexicon::is_place(&c.term)));
    let limit = keyword_limit(requirements.len());
    let ranked = keywords::rank(cands, limit);
    let keywords: Vec<Keyword> = ranked
        .iter()
        .map(|(c, score)| {
            let max_w = c.occurrences.iter().map(|o| o.req_weight).max().unwrap_or(2);
            let must = c.occurrences.iter().any(|o| o.req_type == Some(ReqType::Must));
            let importance = ((max_w as f32 * 0.6 + score.min(3.0)) as u8).clamp(1, 5).min(if must { 5 } else { 3 });
            let mut evidence: Vec<String> = c
                .occurrences
                .iter()
                .filter_map(|o| o.req_index)
                .map(|k| requirements[k].jd_evidence[0].clone())
                .collect();
            evidence.dedup();
            evidence.truncate(2);
            Keyword { term: c.term.clone(), importance, kind: keywords::keyword_type(&c.term, c.tech), jd_evidence: evidence }
        })
        .collect();

    // Constraints.
    let years_min = drafts
        .iter()
        .filter(|d| d.req_type == ReqType::Must)
        .filter_map(|d| d.years)
        .fold(None, |acc: Option<f64>, y| Some(acc.map_or(y, |a| a.min(y))));
    let education: Vec<String> = drafts
        .iter()
        .filter(|d| has_cue(&d.lower, DEGREE_CUES))
        .map(|d| d.text.trim_end_matches('.').to_string())
        .collect();
    let certifications: Vec<String> = drafts
        .iter()
        // "Master's degree … from a CSWE-accredited program" is a degree, not a credential:
        // an accredited programme alone does not make a degree line a licence.
        .filter(|d| {
            let named = has_cue(&d.lower, CERT_CUES);
            let only_accredited = named && !has_cue(&d.lower, CERT_CUES_BUT_ACCREDITED);
            named && !(only_accredited && category(&d.text, d.years.is_some()) == "education")
        })
        .map(|d| d.text.trim_end_matches('.').to_string())
        .collect();
    let constraints = Constraints {
        years_experience_min: years_min,
        education: (!education.is_empty()).then_some(education),
        certifications: (!certifications.is_empty()).then_some(certifications),
        work_authorization: (!work_auth.is_empty()).then_some(work_auth),
    };

    let job_meta = meta::job_meta(t, structure.about_name.as_deref(), years_min);
    if skipped_boilerplate > 0 {
        notes.push(format!("{skipped_boilerplate} sentence(s) about benefits, pay, the company or equal opportunity were not treated as requirements."));
    }
    if requirements.is_empty() {
        notes.push("No requirements could be found in this text. Is it the whole job description?".into());
    }
    let must = requirements.iter().filter(|r| r.req_type == ReqType::Must).count();
    let summary = format!(
        "{}{}: {} must-have and {} nice-to-have requirement(s), {} keyword(s).",
        job_meta.job_title,
        job_meta.company.as_deref().map(|c| format!(" at {c}")).unwrap_or_default(),
        must,
        requirements.len() - must,
        keywords.len()
    );
    let mut rubric = JdRubric {
        id: String::new(),
        run_id: String::new(),
        version: RUBRIC_VERSION.to_string(),
        job_meta,
        requirements,
        keywords,
        constraints: Some(constraints),
        notes: Some(RubricNotes { summary: Some(summary), ambiguities: (!notes.is_empty()).then_some(notes) }),
        rubric_hash: String::new(),
        created_at: 0,
    };
    rubric.rubric_hash = rubric_hash(&rubric);
    rubric
}

/// Hash of a rubric's content (what selection depends on), so an edited rubric gets a new
/// hash and caches keyed by it are invalidated.
pub fn rubric_hash(r: &JdRubric) -> String {
    hash::hash_json(&(&r.version, &r.job_meta, &r.requirements, &r.keywords, &r.constraints))
}

/// How many keywords a rubric lists: enough to name a posting's tools, methods and domain
/// (measured on the dev fixtures: 22 for a typical 17-requirement posting gives recall 0.63 at
/// precision 0.53), fewer for short postings.
pub fn keyword_limit(requirements: usize) -> usize {
    (14 + requirements / 2).clamp(16, 24)
}

/// How many of a rubric's (ranked) keywords selection leans on when matching requirements:
/// the most salient ones. Boosting the long tail too dilutes matching (must-have coverage on
/// the dev fixtures falls from 0.94 to 0.92 when all 22 count).
pub fn core_keyword_count(requirements: usize) -> usize {
    (10 + requirements / 2).clamp(12, 22)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JD: &str = "Senior Backend Engineer (Go) — Vantaloop Payments — Remote (US)\n\nAbout Vantaloop\nWe build payment infrastructure.\n\nWhat you'll do\n- Design, build and operate Go microservices that move money.\n- Mentor engineers.\n\nRequirements\n- 5+ years of professional backend software engineering experience.\n- Strong proficiency in Go in production (production Go is a big plus).\n- Hands-on experience with Kafka or a similar event streaming platform.\n\nNice to have\n- Experience with Terraform.\n\nCompensation and benefits\nThe base salary range for this role is $175,000–$210,000. We offer medical and dental coverage.\nVantaloop is an equal opportunity employer. Applicants must be authorized to work in the US.\n";

    /// "X is required, as is Y": two requirements, both required.
    #[test]
    fn required_as_is_makes_two_requirements() {
        let r = extract_rubric("Machine Learning Engineer — Co — Remote\n\nWe build things. Experience with containers, Kubernetes and CI/CD is required, as is a track record of building systems that other engineers depend on.\n");
        let texts: Vec<(&str, ReqType)> = r.requirements.iter().map(|q| (q.requirement.as_str(), q.req_type)).collect();
        assert!(texts.contains(&("Experience with containers, Kubernetes and CI/CD is required", ReqType::Must)), "{texts:?}");
        assert!(texts.contains(&("a track record of building systems that other engineers depend on", ReqType::Must)), "{texts:?}");
        let r = extract_rubric("Teacher — School — Town, CA\n\nA valid teaching credential is required, as is a bachelor's degree.\n");
        let cats: Vec<(&str, &str)> = r.requirements.iter().map(|q| (q.requirement.as_str(), q.category.as_str())).collect();
        assert!(cats.contains(&("A valid teaching credential is required", "certification")), "{cats:?}");
        assert!(cats.contains(&("a bachelor's degree", "education")), "{cats:?}");
        // "Preferred, as is …" stays whole.
        let r = extract_rubric("Analyst — Co — Town, CA\n\nRequirements\n- SQL is preferred, as is Python.\n");
        assert_eq!(r.requirements.len(), 1);
    }

    /// A state that issues a licence, and the employer named at a sentence's start, are
    /// no keywords; the licence is.
    #[test]
    fn places_and_the_employer_are_not_keywords() {
        let r = extract_rubric("Hospital Social Worker\nFroedtert Valley Hospital\nMilwaukee, WI\n\nFroedtert Valley Hospital is hiring.\n\nRequirements\n- Current Wisconsin LMSW required\n- Washington State NAC certification\n- Crisis intervention with families\n");
        let terms: Vec<&str> = r.keywords.iter().map(|k| k.term.as_str()).collect();
        for t in ["Wisconsin", "Washington State", "Froedtert Valley Hospital", "Froedtert"] {
            assert!(!terms.contains(&t), "{t} in {terms:?}");
        }
        assert!(terms.contains(&"LMSW"), "{terms:?}");
    }

    /// A duty that names a benefit ("workers' compensation", "background checks") is an HR
    /// duty, not the employer's offer; the offer under its own heading stays out.
    #[test]
    fn a_duty_naming_a_benefit_is_a_duty() {
        let r = extract_rubric("HR Generalist\nKestrel Co.\n\nWhat You'll Do\n- Manage leaves of absence (FMLA, ADA, workers' compensation) with our administrator\n- Run background checks and E-Verify for new hires\n- Conduct workplace investigations\n\nBenefits\n- Competitive compensation and a 401(k) match\n- Paid time off\n");
        let texts: Vec<&str> = r.requirements.iter().map(|q| q.requirement.as_str()).collect();
        assert!(texts.iter().any(|t| t.starts_with("Manage leaves of absence")), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Run background checks")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("401(k)") || t.contains("Paid time off")), "{texts:?}");
    }

    #[test]
    fn structured_posting() {
        let r = extract_rubric(JD);
        assert_eq!(r.job_meta.job_title, "Senior Backend Engineer (Go)");
        assert_eq!(r.job_meta.company.as_deref(), Some("Vantaloop Payments"));
        assert_eq!(r.job_meta.salary.as_deref(), Some("$175,000–$210,000"));
        assert_eq!(r.job_meta.seniority.as_deref(), Some("Senior"));
        let texts: Vec<(&str, ReqType)> = r.requirements.iter().map(|q| (q.requirement.as_str(), q.req_type)).collect();
        assert!(texts.contains(&("Strong proficiency in Go in production (production Go is a big plus)", ReqType::Must)));
        assert!(texts.contains(&("Experience with Terraform", ReqType::Nice)));
        assert!(!texts.iter().any(|(t, _)| t.contains("dental") || t.contains("equal opportunity") || t.contains("payment infrastructure")));
        assert_eq!(r.requirements.len(), 6);
        let c = r.constraints.as_ref().unwrap();
        assert_eq!(c.years_experience_min, Some(5.0));
        assert_eq!(c.work_authorization.as_ref().map(|v| v.len()), Some(1));
        let terms: Vec<String> = r.keywords.iter().map(|k| k.term.to_lowercase()).collect();
        for want in ["go", "kafka", "terraform", "microservices"] {
            assert!(terms.iter().any(|t| t == want), "missing keyword {want} in {terms:?}");
        }
        // Evidence is verbatim.
        for q in &r.requirements {
            assert!(JD.contains(&q.jd_evidence[0]), "{:?}", q.jd_evidence);
        }
    }

    #[test]
    fn html_posting_evidence_is_verbatim_raw() {
        let raw = "<h2>Data Scientist &amp; Analyst</h2><p>Requirements</p><ul><li>Strong Python &amp; SQL</li><li>Forecasting with LightGBM</li></ul>";
        let r = extract_rubric(raw);
        assert_eq!(r.requirements.len(), 2, "{:?}", r.requirements);
        assert_eq!(r.requirements[0].jd_evidence[0], "Strong Python &amp; SQL");
        assert_eq!(r.job_meta.job_title, "Data Scientist & Analyst");
    }

    #[test]
    fn prose_only_posting_reads_sentences() {
        let raw = "ML Engineer — Acme\n\nAcme sells shoes online. You will build feature pipelines in Python and serve models on Kubernetes. Experience with PyTorch is required. Familiarity with Feast would be a plus. We offer great benefits.";
        let r = extract_rubric(raw);
        let kinds: Vec<ReqType> = r.requirements.iter().map(|q| q.req_type).collect();
        assert_eq!(kinds.iter().filter(|k| **k == ReqType::Must).count(), 2, "{:?}", r.requirements);
        assert_eq!(kinds.iter().filter(|k| **k == ReqType::Nice).count(), 1);
    }

    fn kinds_of(r: &JdRubric) -> Vec<(&str, ReqType)> {
        r.requirements.iter().map(|q| (q.requirement.as_str(), q.req_type)).collect()
    }

    #[test]
    fn trailing_preferred_or_desirable_makes_an_item_optional() {
        let raw = "Staff Accountant — Acme\n\nQualifications\n- Working knowledge of US GAAP\n- CPA or progress toward CPA preferred\n- Bilingual Spanish is desirable\n";
        let r = extract_rubric(raw);
        let k = kinds_of(&r);
        assert!(k.contains(&("Working knowledge of US GAAP", ReqType::Must)), "{k:?}");
        assert!(k.contains(&("CPA or progress toward CPA preferred", ReqType::Nice)), "{k:?}");
        assert!(k.contains(&("Bilingual Spanish is desirable", ReqType::Nice)), "{k:?}");
    }

    #[test]
    fn a_clause_that_is_a_plus_does_not_make_the_whole_item_optional() {
        let raw = "Staff Accountant — Acme\n\nQualifications\n- 4+ years of general ledger experience; public accounting experience a plus\n- Strong Excel skills\n";
        let r = extract_rubric(raw);
        let k = kinds_of(&r);
        assert!(k.contains(&("4+ years of general ledger experience", ReqType::Must)), "{k:?}");
        assert!(k.contains(&("public accounting experience a plus", ReqType::Nice)), "{k:?}");
        assert_eq!(r.constraints.as_ref().unwrap().years_experience_min, Some(4.0));
        for q in &r.requirements {
            assert!(raw.contains(&q.jd_evidence[0]), "{:?}", q.jd_evidence);
        }
        // Clauses of the same status stay one requirement.
        let r = extract_rubric("X — Acme\n\nRequirements\n- SQL; Python\n");
        assert_eq!(r.requirements.len(), 1, "{:?}", r.requirements);
    }

    #[test]
    fn third_person_duties_in_prose_are_requirements() {
        let raw = "High School Chemistry Teacher — Lakeview USD\n\nLakeview High School seeks a dedicated teacher for next year. The teacher will plan and deliver standards-aligned instruction in AP Chemistry and supervise laboratory work. The successful candidate will also sponsor a student club. Lab safety training is required.";
        let r = extract_rubric(raw);
        let k = kinds_of(&r);
        assert!(k.iter().any(|(t, m)| t.starts_with("The teacher will plan") && *m == ReqType::Must), "{k:?}");
        assert!(k.iter().any(|(t, _)| t.starts_with("The successful candidate will")), "{k:?}");
        assert!(!k.iter().any(|(t, _)| t.contains("seeks a dedicated teacher")), "{k:?}");
    }

    #[test]
    fn degree_cues_match_from_a_word_start() {
        let r = extract_rubric("T — Co\n\nResponsibilities\n- Segment our 400K-subscriber list\n\nRequirements\n- BSc in Statistics\n");
        let c = r.constraints.unwrap();
        assert_eq!(c.education, Some(vec!["BSc in Statistics".to_string()]));
    }

    #[test]
    fn work_authorisation_needs_a_specific_phrase() {
        let raw = "Backend Engineer — Acme\n\nRequirements\n- Experience with Visa and Mastercard network APIs\n- Sponsor the on-call rotation's postmortems\n- Must be authorized to work in the US; we cannot sponsor visas\n";
        let r = extract_rubric(raw);
        assert_eq!(r.requirements.len(), 2, "{:?}", r.requirements);
        assert_eq!(r.constraints.unwrap().work_authorization.map(|v| v.len()), Some(1));
    }

    #[test]
    fn years_parsing() {
        assert_eq!(years_required("5+ years of Go"), Some(5.0));
        assert_eq!(years_required("3-5 years in a lab"), Some(3.0));
        assert_eq!(years_required("at least two years of bedside nursing"), Some(2.0));
        assert_eq!(years_required("10 yrs"), Some(10.0));
        assert_eq!(years_required("since 2019"), None);
        // A deadline for a credential is not experience.
        assert_eq!(years_required("BCPS or BCIDP board certification, or obtained within 2 years of hire"), None);
    }

    /// A law degree is a degree and a bar admission a licence, as in any other field.
    #[test]
    fn a_lawyers_degree_and_admission_are_read_like_any_fields() {
        assert_eq!(category("j.d. from an accredited law school with strong academic credentials", false), "education");
        assert_eq!(category("admission to the illinois bar (required)", false), "certification");
        assert_eq!(category("admitted to practice in new york", false), "certification");
        assert_eq!(category("bs in mechanical engineering", false), "education");
        assert_eq!(category("experience with ms office", false), "core");
        // A language by its fluency word, whatever the language; "written" does not make it
        // a communication requirement.
        assert_eq!(category("Fluency in English and Vietnamese (written and spoken)", false), "language");
        assert_eq!(category("Fluent in American Sign Language", false), "language");
        // A tool after "fluency" is no language.
        assert_ne!(category("Fluency in Figma, including components, auto layout and variables", false), "language");
        assert_eq!(category("Fluency with financial statements", false), "core");
        assert_eq!(category("manage college admissions events at the student bar", false), "core");
    }

    /// When and how the job is done is a condition, not a skill; work that mentions
    /// holidays or travel is still work.
    #[test]
    fn schedules_travel_and_lifting_are_conditions_of_the_job() {
        for c in [
            "Ability to work rotating weekends and holidays",
            "Weekend and evening availability",
            "Willingness to travel up to 25%",
            "Able to lift 50 lbs and stand for a 12-hour shift",
            "Must be able to lift up to 23 kg",
            "Clean MVR; no DUI/DWI in the past 5 years",
            "Must pass a background check and drug screen",
        ] {
            assert_eq!(category(c, false), "conditions", "{c}");
        }
        for c in [
            "Build and improve SKU-store-day demand forecasts for 35,000 products, including promotions, holidays and weather effects",
            "Plan travel itineraries for the executive team",
            "Ability to coordinate complex travel arrangements",
            "Ability to manage multiple projects and shifting priorities",
            "Use mechanical lifts (Hoyer, sit-to-stand) safely",
        ] {
            assert_ne!(category(c, false), "conditions", "{c}");
        }
        let r = extract_rubric("Hospital Social Worker\n\nRequirements\n- Ability to work rotating weekends and holidays\n- Provide crisis intervention to patients and families\n");
        let terms: Vec<&str> = r.keywords.iter().map(|k| k.term.as_str()).collect();
        assert!(terms.contains(&"crisis intervention") && !terms.iter().any(|t| t.contains("weekend")), "{terms:?}");
    }

    #[test]
    fn empty_and_garbage_do_not_panic() {
        for s in ["", "\n\n", "<<<>>>", "&&&;;;", "•\n•\n•", &"x".repeat(200_000)] {
            let r = extract_rubric(s);
            assert!(r.requirements.len() < 1000);
        }
    }
}
