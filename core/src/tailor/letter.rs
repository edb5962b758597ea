//! Cover letters (seed 004 keeps one per application): written from the run's chosen
//! evidence, checked like every other tailored text.
//!
//! Two ways to a letter, and the same check on both:
//! - [`draft`] needs no model: the posting's role and company, the person's current or latest
//!   role, and the chosen bullets that meet the posting's must-haves, in the person's own
//!   words. Nothing in it is new, so it is also what a user without a key starts from.
//! - [`letter_prompt`] asks the user's model for a letter from the same evidence (prompt file
//!   `core/prompts/cover-letter-v1.md`); [`from_reply`] holds the answer to the word limit.
//!
//! [`check_letter`] flags every number, date, tool, organisation, title and credential that
//! the résumé does not support — the posting's own company and job title excepted, since a
//! letter names them by design.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::check::{Flag, Support};
use super::rewrite;
use crate::model::{JdRubric, ReqType, SelectionPlan};
use crate::prompts::Prompt;
use crate::resume::JsonResume;

pub const PROMPT_VERSION: &str = "cover-letter-v1";
const PROMPT: &str = include_str!("../../prompts/cover-letter-v1.md");

/// A letter's body, at most: recruiters read a page, and a letter of about 250–400 words is
/// what career services commonly advise.
pub const MAX_WORDS: usize = 380;

/// The evidence a letter draws on, at most: more reads as the résumé again.
const MAX_EVIDENCE: usize = 3;

/// A cover letter's text. The sender's name and contacts and the date are not part of it:
/// they come from the résumé and the day it is typeset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    /// "Dear … ,"
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// "Kind regards,"
    pub closing: String,
}

/// A model's answer (the prompt's schema).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LetterReply {
    pub greeting: String,
    pub paragraphs: Vec<String>,
    pub closing: String,
}

impl Letter {
    /// The whole body in words (greeting, paragraphs and closing).
    pub fn words(&self) -> usize {
        std::iter::once(&self.greeting).chain(&self.paragraphs).chain(std::iter::once(&self.closing)).map(|t| t.split_whitespace().count()).sum()
    }

    /// Plain text, as seed 004 stores a letter (`.txt`), signed with `name`.
    pub fn text(&self, name: &str) -> String {
        let mut out = String::new();
        for part in std::iter::once(&self.greeting).chain(&self.paragraphs).filter(|p| !p.trim().is_empty()) {
            out.push_str(part.trim());
            out.push_str("\n\n");
        }
        out.push_str(self.closing.trim());
        if !name.trim().is_empty() {
            out.push('\n');
            out.push_str(name.trim());
        }
        out.push('\n');
        out
    }
}

/// The chosen bullets a letter should cite: those meeting the most must-have requirements
/// (then the most relevant), at most [`MAX_EVIDENCE`], each with its employer or project.
fn evidence(doc: &JsonResume, plan: &SelectionPlan, rubric: &JdRubric) -> Vec<(String, Option<String>)> {
    let must: Vec<&str> = rubric.requirements.iter().filter(|r| r.req_type == ReqType::Must).map(|r| r.req_id.as_str()).collect();
    let texts = rewrite::selected(doc, plan);
    let mut scored: Vec<(usize, f64, usize, String, Option<String>)> = plan
        .selected
        .work_experience
        .iter()
        .chain(&plan.selected.projects)
        .enumerate()
        .filter_map(|(order, s)| {
            let text = texts.iter().find(|t| t.0 == s.bullet_id)?.2.clone();
            let musts = s.matches.iter().filter(|m| must.contains(&m.req_id.as_str())).count();
            let best = s.matches.iter().map(|m| m.rel).fold(0.0, f64::max);
            Some((musts, best, order, text, s.company.clone()))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for (_, _, _, text, company) in scored {
        if out.len() == MAX_EVIDENCE {
            break;
        }
        if !out.iter().any(|(t, _)| *t == text) {
            out.push((text, company));
        }
    }
    out
}

/// A bullet as a sentence of the letter. One that starts with a past-tense action verb reads
/// on after "I" ("Led …" → "I led …"; "AWS", "iOS" and names keep their case); any other
/// bullet is quoted as written after its organisation, so no grammar is guessed.
fn cite(text: &str, org: Option<&str>, same_org_as_before: bool) -> String {
    let t = text.trim().trim_end_matches(['.', ';', ',']);
    let first = t.split_whitespace().next().unwrap_or_default();
    let past = crate::text::is_past_action(&first.to_lowercase());
    let ordinary = {
        let mut chars = first.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.clone().count() > 0 && chars.all(char::is_lowercase)
    };
    if past {
        let rest = if ordinary {
            let mut c = t.chars();
            c.next().map(|f| f.to_lowercase().collect::<String>() + c.as_str()).unwrap_or_default()
        } else {
            t.to_string()
        };
        match (org, same_org_as_before) {
            (Some(_), true) => format!("I also {rest}."),
            (Some(o), false) => format!("At {o}, I {rest}."),
            (None, _) => format!("I {rest}."),
        }
    } else {
        match (org, same_org_as_before) {
            (Some(o), false) => format!("At {o}: {t}."),
            (Some(_), true) => format!("Also there: {t}."),
            (None, _) => format!("{t}."),
        }
    }
}

/// A letter in the person's own words: no model, nothing the résumé does not say.
pub fn draft(doc: &JsonResume, plan: &SelectionPlan, rubric: &JdRubric) -> Letter {
    let title = rubric.job_meta.job_title.trim();
    let company = rubric.job_meta.company.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let greeting = match company {
        Some(c) => format!("Dear {c} hiring team,"),
        None => "Dear hiring team,".to_string(),
    };
    let role = match (title.is_empty(), company) {
        (false, Some(c)) => format!("the {title} role at {c}"),
        (false, None) => format!("the {title} role"),
        (true, Some(c)) => format!("the open role at {c}"),
        (true, None) => "this role".to_string(),
    };
    let mut opening = format!("I am writing to apply for {role}.");
    let latest = doc.work.iter().flatten().find(|w| w.position.as_deref().is_some_and(|p| !p.trim().is_empty()));
    if let Some(w) = latest {
        let position = w.position.as_deref().unwrap_or_default().trim();
        let at = w.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(|n| format!(" at {n}")).unwrap_or_default();
        let ongoing = w.end_date.as_deref().is_none_or(|d| d.trim().is_empty());
        opening.push_str(&if ongoing { format!(" I currently work as {position}{at}.") } else { format!(" Most recently I worked as {position}{at}.") });
    }
    let mut paragraphs = vec![opening];
    let cited = evidence(doc, plan, rubric);
    if !cited.is_empty() {
        let mut body = String::from("What I would bring:");
        let mut previous: Option<&str> = None;
        for (text, company) in &cited {
            let org = company.as_deref().map(str::trim).filter(|c| !c.is_empty());
            body.push(' ');
            body.push_str(&cite(text, org, org.is_some() && org == previous));
            previous = org;
        }
        paragraphs.push(body);
    }
    let thanks = match company {
        Some(c) => format!("I would welcome the chance to talk about how I could contribute at {c}. Thank you for your time and consideration."),
        None => "I would welcome the chance to talk about how I could contribute. Thank you for your time and consideration.".to_string(),
    };
    paragraphs.push(thanks);
    Letter { greeting, paragraphs, closing: "Kind regards,".into() }
}

/// The request for a model-written letter from the same evidence as [`draft`].
pub fn letter_prompt(doc: &JsonResume, plan: &SelectionPlan, rubric: &JdRubric) -> Prompt {
    let need = |t: ReqType| -> Vec<&str> { rubric.requirements.iter().filter(|r| r.req_type == t).map(|r| r.requirement.as_str()).collect() };
    let roles: Vec<Value> = doc
        .work
        .iter()
        .flatten()
        .take(3)
        .map(|w| json!({ "position": w.position, "organisation": w.name, "startDate": w.start_date, "endDate": w.end_date }))
        .collect();
    let user = json!({
        "job": { "title": rubric.job_meta.job_title, "company": rubric.job_meta.company },
        "mustHave": need(ReqType::Must),
        "niceToHave": need(ReqType::Nice),
        "name": doc.basics.as_ref().and_then(|b| b.name.clone()),
        "summary": doc.basics.as_ref().and_then(|b| b.summary.clone()),
        "roles": roles,
        "evidence": evidence(doc, plan, rubric).into_iter().map(|(text, org)| json!({ "text": text, "organisation": org })).collect::<Vec<_>>(),
        "maxWords": MAX_WORDS,
    });
    Prompt::new(PROMPT_VERSION, PROMPT, serde_json::to_string_pretty(&user).unwrap_or_default(), reply_schema())
}

/// JSON Schema of [`LetterReply`].
pub fn reply_schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["greeting", "paragraphs", "closing"],
        "properties": {
            "greeting": { "type": "string" },
            "paragraphs": { "type": "array", "items": { "type": "string" } },
            "closing": { "type": "string" }
        }
    })
}

/// A model's letter held to the limits: empty paragraphs dropped, the body cut to
/// [`MAX_WORDS`] at a sentence end where one is near, a missing greeting or closing given
/// the draft's. The second value says whether anything was cut.
pub fn from_reply(reply: &LetterReply) -> (Letter, bool) {
    let greeting = Some(reply.greeting.trim()).filter(|g| !g.is_empty()).unwrap_or("Dear hiring team,").to_string();
    let closing = Some(reply.closing.trim()).filter(|c| !c.is_empty()).unwrap_or("Kind regards,").to_string();
    let mut budget = MAX_WORDS.saturating_sub(greeting.split_whitespace().count() + closing.split_whitespace().count());
    let mut paragraphs = Vec::new();
    let mut cut = false;
    for p in reply.paragraphs.iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()) {
        if budget == 0 {
            cut = true;
            break;
        }
        let n = p.split_whitespace().count();
        if n <= budget {
            budget -= n;
            paragraphs.push(p);
        } else {
            cut = true;
            let words: Vec<&str> = p.split_whitespace().take(budget).collect();
            let kept = words.join(" ");
            // Back to the last full sentence when that keeps at least half of what fits.
            let end = kept.rfind(['.', '!', '?']).filter(|&i| i >= kept.len() / 2).map(|i| i + 1).unwrap_or(kept.len());
            paragraphs.push(kept[..end].to_string());
            break;
        }
    }
    (Letter { greeting, paragraphs, closing }, cut)
}

/// Unsupported facts in a letter, against the résumé (`master`, a JSON Resume as JSON) and
/// the posting's own names. Paths: `letter.greeting`, `letter.paragraphs[i]`,
/// `letter.closing`.
pub fn check_letter(master: &Value, rubric: &JdRubric, letter: &Letter, as_of: Option<(i32, u32)>) -> Vec<Flag> {
    let names: Vec<&str> = std::iter::once(rubric.job_meta.job_title.as_str()).chain(rubric.job_meta.company.as_deref()).filter(|n| !n.trim().is_empty()).collect();
    let support = Support::new(master, as_of).also_saying(&names);
    let parts = std::iter::once(("letter.greeting".to_string(), &letter.greeting))
        .chain(letter.paragraphs.iter().enumerate().map(|(i, p)| (format!("letter.paragraphs[{i}]"), p)))
        .chain(std::iter::once(("letter.closing".to_string(), &letter.closing)));
    let mut out = Vec::new();
    for (path, text) in parts {
        for (range, kind) in support.check_text(text) {
            out.push(Flag { path: path.clone(), span: text[range.clone()].to_string(), kind, range });
        }
    }
    out
}
