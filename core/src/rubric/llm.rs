//! The rubric read by the user's model (seed 000 `jdRubrics`, same types as the rules
//! rubric), held to the posting: a model may only *extract*.
//!
//! Every requirement and keyword must carry quotes copied from the posting (`jdEvidence`).
//! A quote that is not in the posting — after folding case, whitespace and typographic
//! quotes, which models normalise — is dropped; a requirement left with no quote is dropped;
//! a keyword the posting never uses is dropped. All are counted in the rubric's notes, so
//! the review says what the model made up. What the rules read deterministically and a
//! model has no reason to redo (title, company, location, pay, constraints) comes from the
//! rules rubric. When nothing usable is left, [`from_reply`] says why and the caller keeps
//! the rules rubric.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::matching::{self, Boundary};
use crate::model::{JdRubric, Keyword, KeywordType, ReqType, Requirement, RubricNotes};
use crate::prompts::Prompt;

pub const PROMPT_VERSION: &str = "rubric-v1";
const PROMPT: &str = include_str!("../../prompts/rubric-v1.md");

/// Longest posting sent, in characters (the rules rubric reads the rest): keeps the request
/// within every provider's context and the user's cost low.
const MAX_POSTING_CHARS: usize = 24_000;

/// The request for a rubric of `posting` (the posting's plain text).
pub fn rubric_prompt(posting: &str) -> Prompt {
    let cut = posting.char_indices().nth(MAX_POSTING_CHARS).map_or(posting.len(), |(i, _)| i);
    Prompt::new(PROMPT_VERSION, PROMPT, posting[..cut].to_string(), reply_schema())
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RubricReply {
    #[serde(default)]
    pub requirements: Vec<ReplyRequirement>,
    #[serde(default)]
    pub keywords: Vec<ReplyKeyword>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyRequirement {
    #[serde(rename = "type")]
    pub req_type: String,
    pub weight: i64,
    pub requirement: String,
    #[serde(default)]
    pub jd_evidence: Vec<String>,
    #[serde(default)]
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyKeyword {
    pub term: String,
    pub importance: i64,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub jd_evidence: Vec<String>,
}

pub fn reply_schema() -> Value {
    let quotes = json!({ "type": "array", "items": { "type": "string" } });
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["requirements", "keywords"],
        "properties": {
            "requirements": { "type": "array", "items": {
                "type": "object", "additionalProperties": false,
                "required": ["type", "weight", "requirement", "jdEvidence", "category"],
                "properties": {
                    "type": { "type": "string", "enum": ["must", "nice"] },
                    "weight": { "type": "integer" },
                    "requirement": { "type": "string" },
                    "jdEvidence": quotes,
                    "category": { "type": "string" }
                }
            } },
            "keywords": { "type": "array", "items": {
                "type": "object", "additionalProperties": false,
                "required": ["term", "importance", "type", "jdEvidence"],
                "properties": {
                    "term": { "type": "string" },
                    "importance": { "type": "integer" },
                    "type": { "type": "string", "enum": ["skill", "tool", "domain", "methodology"] },
                    "jdEvidence": quotes
                }
            } }
        }
    })
}

/// Text folded for "is this quote in the posting": lower case, typographic quotes and
/// dashes as plain ones, whitespace runs as one space.
fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' | '′' => '\'',
            '“' | '”' | '″' => '"',
            '–' | '—' | '‑' => '-',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// What [`from_reply`] dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    pub quotes: u32,
    pub requirements: u32,
    pub keywords: u32,
}

/// The rubric from a model's reply, checked against `posting`, with what the rules rubric
/// read (`rules`) for job details and constraints. `Err` says why nothing usable was left.
/// `model_key` (seed 000 `deriveModelKey` form) goes into the rubric's version; `model_name`
/// ("OpenAI · gpt-4.1") into its notes, for people.
pub fn from_reply(
    reply: &RubricReply,
    posting: &str,
    rules: &JdRubric,
    model_key: &str,
    model_name: &str,
) -> Result<(JdRubric, Dropped), String> {
    let folded = fold(posting);
    let mut dropped = Dropped::default();
    let mut keep_quotes = |quotes: &[String]| -> Vec<String> {
        let mut kept = Vec::new();
        for q in quotes {
            let q = q.trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c.is_whitespace());
            let f = fold(q);
            // A quote must say something: two words or more, or ten characters, found at word
            // boundaries ("the" or "ing" would be in any posting).
            let substantial = f.split_whitespace().count() >= 2 || f.chars().count() >= 10;
            if substantial && matching::occurs(&folded, &f, Boundary::Word) {
                if !kept.iter().any(|k: &String| k == q) {
                    kept.push(q.to_string());
                }
            } else {
                dropped.quotes += 1;
            }
        }
        kept
    };
    // The kinds the engine treats apart (a degree, a licence, years, a language, work
    // authorisation, a condition of the job) are read by the same rules as without a
    // model, so the review and fit handle them alike whoever wrote the rubric; any other
    // requirement keeps the model's category.
    let category_of = |text: &str, model: &str| -> String {
        match super::category(text, super::years_required(text).is_some()) {
            "core" | "collaboration" => {
                if model.trim().is_empty() {
                    "technical".into()
                } else {
                    model.trim().to_lowercase()
                }
            }
            special => special.into(),
        }
    };
    let mut requirements = Vec::new();
    for r in &reply.requirements {
        let quotes = keep_quotes(&r.jd_evidence);
        if quotes.is_empty() || r.requirement.trim().is_empty() {
            dropped.requirements += 1;
            continue;
        }
        requirements.push(Requirement {
            req_id: format!("R{}", requirements.len() + 1),
            req_type: if r.req_type.eq_ignore_ascii_case("nice") { ReqType::Nice } else { ReqType::Must },
            weight: r.weight.clamp(1, 5) as u8,
            requirement: r.requirement.trim().to_string(),
            jd_evidence: quotes,
            category: category_of(&r.requirement, &r.category),
        });
    }
    let mut keywords: Vec<Keyword> = Vec::new();
    for k in reply.keywords.iter().take(32) {
        let term = k.term.trim();
        if keywords.iter().any(|x| x.term.eq_ignore_ascii_case(term)) {
            continue;
        }
        if term.is_empty() || !matching::occurs(&folded, &fold(term), Boundary::Word) {
            dropped.keywords += 1;
            continue;
        }
        let quotes = keep_quotes(&k.jd_evidence);
        keywords.push(Keyword {
            term: term.to_string(),
            importance: k.importance.clamp(1, 5) as u8,
            kind: match k.kind.to_lowercase().as_str() {
                "tool" => KeywordType::Tool,
                "domain" => KeywordType::Domain,
                "methodology" => KeywordType::Methodology,
                _ => KeywordType::Skill,
            },
            jd_evidence: quotes,
        });
    }
    keywords.truncate(24);
    if requirements.is_empty() {
        return Err(if reply.requirements.is_empty() {
            "the model listed no requirements".into()
        } else {
            format!("none of the model's {} requirement(s) quoted the posting exactly", reply.requirements.len())
        });
    }
    let must = requirements.iter().filter(|r| r.req_type == ReqType::Must).count();
    let nice = requirements.len() - must;
    let mut ambiguities = Vec::new();
    if dropped.quotes + dropped.requirements + dropped.keywords > 0 {
        ambiguities.push(format!(
            "Not in the posting, so left out: {} quote(s), {} requirement(s) with no exact quote, {} keyword(s) the posting does not use.",
            dropped.quotes, dropped.requirements, dropped.keywords
        ));
    }
    let mut rubric = JdRubric {
        id: String::new(),
        run_id: String::new(),
        version: format!("{PROMPT_VERSION}/{model_key}"),
        job_meta: rules.job_meta.clone(),
        requirements,
        keywords,
        constraints: rules.constraints.clone(),
        notes: Some(RubricNotes {
            summary: Some(format!(
                "{} (read by {model_name}): {must} must-have and {nice} nice-to-have requirement(s).",
                rules.job_meta.job_title
            )),
            ambiguities: (!ambiguities.is_empty()).then_some(ambiguities),
        }),
        rubric_hash: String::new(),
        created_at: 0,
    };
    rubric.rubric_hash = super::rubric_hash(&rubric);
    Ok((rubric, dropped))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POSTING: &str = "Senior Backend Engineer — Vantaloop Payments\n\nWhat you’ll need:\n- 5+ years building backend services in Go\n- Solid SQL and PostgreSQL\n\nNice to have:\n- Experience with Kafka or a similar event streaming platform\n\nWe offer great benefits.";

    fn rules() -> JdRubric {
        super::super::extract_rubric(POSTING)
    }

    fn req(t: &str, w: i64, text: &str, quotes: &[&str]) -> ReplyRequirement {
        ReplyRequirement { req_type: t.into(), weight: w, requirement: text.into(), jd_evidence: quotes.iter().map(|q| q.to_string()).collect(), category: "technical".into() }
    }

    #[test]
    fn quotes_must_be_in_the_posting_and_requirements_without_one_go() {
        let reply = RubricReply {
            requirements: vec![
                req("must", 5, "5+ years of Go backend work", &["5+ years building backend services in Go"]),
                // Typographic quotes and spacing folded; an invented second quote dropped.
                req("must", 9, "SQL and PostgreSQL", &["Solid  SQL and PostgreSQL", "PostgreSQL 16 tuning"]),
                req("nice", 2, "Kafka", &["experience with kafka or a similar event streaming platform"]),
                req("must", 4, "Kubernetes", &["Deep Kubernetes expertise"]),
            ],
            keywords: vec![
                ReplyKeyword { term: "Go".into(), importance: 5, kind: "tool".into(), jd_evidence: vec!["backend services in Go".into()] },
                ReplyKeyword { term: "Kubernetes".into(), importance: 4, kind: "tool".into(), jd_evidence: vec![] },
            ],
        };
        let (r, dropped) = from_reply(&reply, POSTING, &rules(), "gpt-4-1", "GPT").unwrap();
        assert_eq!(r.requirements.len(), 3);
        assert_eq!(r.requirements[1].jd_evidence, vec!["Solid  SQL and PostgreSQL".to_string()]);
        assert_eq!(r.requirements[1].weight, 5, "weights clamp to 1–5");
        assert_eq!(r.requirements[2].req_type, ReqType::Nice);
        assert_eq!(r.requirements.iter().map(|x| x.req_id.as_str()).collect::<Vec<_>>(), ["R1", "R2", "R3"]);
        assert_eq!(dropped, Dropped { quotes: 2, requirements: 1, keywords: 1 });
        assert_eq!(r.keywords.len(), 1);
        assert_eq!(r.job_meta, rules().job_meta, "job details come from the rules");
        assert!(r.version.starts_with("rubric-v1/"));
        let note = r.notes.as_ref().unwrap().ambiguities.as_ref().unwrap().join(" ");
        assert!(note.contains("2 quote(s)") && note.contains("1 requirement(s)"), "{note}");
        assert_eq!(r.rubric_hash, super::super::rubric_hash(&r));
        // Years are read by the rules whatever the model called them; other work keeps the
        // model's category.
        assert_eq!(r.requirements[0].category, "experience");
        assert_eq!(r.requirements[1].category, "technical");
    }

    #[test]
    fn a_tiny_quote_is_no_evidence() {
        let reply = RubricReply { requirements: vec![req("must", 3, "Kubernetes (CKA) required", &["the"]), req("must", 3, "Go", &["ing"])], keywords: vec![] };
        assert!(from_reply(&reply, POSTING, &rules(), "m", "M").is_err());
    }

    #[test]
    fn a_reply_with_nothing_quoted_is_refused_with_a_reason() {
        let reply = RubricReply { requirements: vec![req("must", 3, "Rust", &["Rust experience"])], keywords: vec![] };
        let e = from_reply(&reply, POSTING, &rules(), "m", "M").unwrap_err();
        assert!(e.contains("quoted the posting"), "{e}");
        assert!(from_reply(&RubricReply::default(), POSTING, &rules(), "m", "M").unwrap_err().contains("no requirements"));
    }

    #[test]
    fn the_prompt_is_versioned_and_carries_the_posting() {
        let p = rubric_prompt(POSTING);
        assert_eq!(p.version, "rubric-v1");
        assert_eq!(p.user, POSTING);
        assert!(p.system.contains("copied exactly"));
        let long = "é".repeat(MAX_POSTING_CHARS + 5);
        assert_eq!(rubric_prompt(&long).user.chars().count(), MAX_POSTING_CHARS, "cut in characters, not bytes");
    }
}
