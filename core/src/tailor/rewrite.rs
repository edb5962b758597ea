//! Rewrites by a model (seed 001 `AIMode`), as a *proposal*: what to ask, and what to make
//! of the answer. No I/O here — the app sends [`RewritePrompt`] with the user's own key and
//! hands the reply to [`enforce`].
//!
//! The model is not trusted with anything but wording. [`enforce`] holds its reply to the
//! selection plan and the locks, whatever it says: a bullet that was not selected, or is
//! locked, keeps its own text (and is counted); a bullet over its word limit is cut at a
//! word boundary (and counted); a bullet the model left out keeps its text. Every rewritten
//! text then goes through the fabrication check ([`super::check`]), and its flags travel with
//! the bullet to the review, where a flagged bullet can only be accepted on its own.
//!
//! Locked content never reaches the model: [`rewrite_prompt`] leaves locked bullets, and a
//! locked summary or skills section, out of the prompt (seed 001 `resumeSections.isLocked`).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::check::{self, Flag};
use super::merge;
use crate::import::bullets;
use crate::prompts::Prompt;
use crate::model::{AiMode, JdRubric, ReqType, ResumeSectionType, SelectionEnforcement, SelectionPlan};
use crate::resume::JsonResume;
use crate::versions::Locks;

/// The rewrite instructions, versioned by file name: a changed prompt is a new file, so a
/// run's `promptVersions` / `promptHashes` always name what was sent.
pub const PROMPT_VERSION: &str = "rewrite-v2";
const PROMPT: &str = include_str!("../../prompts/rewrite-v2.md");

/// What to send to the model, and what was left out of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewritePrompt {
    pub prompt: Prompt,
    /// Bullets left out of the prompt because they are locked.
    pub locked_left_out: u32,
}

/// The model's reply.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewriteReply {
    #[serde(default)]
    pub bullets: Vec<ReplyBullet>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub skills_order: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyBullet {
    pub bullet_id: String,
    pub text: String,
    /// AGGRESSIVE only: other chosen bullets of the same role that `text` also says; the
    /// merged bullet replaces them ([`super::merge`]).
    #[serde(default)]
    pub merged_ids: Vec<String>,
}

/// One selected bullet of a proposal: its own text, the model's, and the facts in the
/// model's text the résumé does not support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposedBullet {
    pub bullet_id: String,
    /// `work[i].highlights[j]` in the version.
    pub source_path: String,
    pub original_text: String,
    pub proposed_text: String,
    pub was_rewritten: bool,
    pub flags: Vec<Flag>,
    /// The bullets this one absorbs (a merge): accepting it removes them from the version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_ids: Vec<String>,
    /// Set on a bullet another one absorbs: that bullet's id. It keeps its own text here and
    /// has no decision of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

/// A proposal (seed 001 `ProposedVersion`): nothing in it is applied until the user accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewriteProposal {
    pub mode: AiMode,
    /// Every selected bullet, in plan order.
    pub bullets: Vec<ProposedBullet>,
    /// The rewritten summary, when there was one to rewrite (not locked, not empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<ProposedText>,
    /// The skills in the proposed order (`skills[i].keywords`, group by group), when it
    /// changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills_order: Option<Vec<String>>,
    /// Seed 000 `selectionEnforcement`, from what enforcement did.
    pub enforcement: SelectionEnforcement,
    /// Rewrites of locked content that were refused (the locked text is kept).
    pub locked_restored: u32,
    /// What enforcement did, in words, for the review.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposedText {
    pub original_text: String,
    pub proposed_text: String,
    pub flags: Vec<Flag>,
}

/// The most words a rewrite of a bullet of `words` words may have in `mode`: a little room
/// to name things the posting's way, more to restructure.
pub fn max_words(words: usize, mode: AiMode) -> usize {
    let factor = match mode {
        AiMode::Minimal => 1.15,
        AiMode::Balanced => 1.3,
        AiMode::Aggressive => 1.5,
    };
    ((words as f64 * factor).ceil() as usize).max(words + 4)
}

fn summary_locked(locks: &Locks) -> bool {
    locks.section_locked(ResumeSectionType::Other)
}

/// Whether a bullet is locked, by itself or with its section.
pub fn bullet_locked(locks: &Locks, source_path: &str, text: &str) -> bool {
    let section = if source_path.starts_with("projects") { ResumeSectionType::Projects } else { ResumeSectionType::Experience };
    locks.section_locked(section) || locks.bullet_locked(text)
}

/// The selected bullets, in plan order (work, then projects), without repeats: (bullet id,
/// source path, text).
pub(crate) fn selected(doc: &JsonResume, plan: &SelectionPlan) -> Vec<(String, String, String)> {
    let all = bullets(doc);
    plan.selected
        .work_experience
        .iter()
        .chain(&plan.selected.projects)
        .filter_map(|s| {
            // By id first (stable within a résumé), by path for plans from older records.
            let b = all.iter().find(|b| b.bullet_id == s.bullet_id).or_else(|| all.iter().find(|b| b.source_path == s.source_path))?;
            Some((b.bullet_id.clone(), b.source_path.clone(), b.text.clone()))
        })
        .fold(Vec::new(), |mut out: Vec<(String, String, String)>, b| {
            if !out.iter().any(|x| x.0 == b.0) {
                out.push(b);
            }
            out
        })
}

/// The request for a rewrite of the plan's bullets in `mode`. Locked bullets and a locked
/// summary or skills section are not in it.
pub fn rewrite_prompt(doc: &JsonResume, plan: &SelectionPlan, rubric: &JdRubric, locks: &Locks, mode: AiMode) -> RewritePrompt {
    let mut locked_left_out = 0;
    let bullets: Vec<Value> = selected(doc, plan)
        .into_iter()
        .filter(|(_, path, text)| {
            let locked = bullet_locked(locks, path, text);
            locked_left_out += locked as u32;
            !locked
        })
        .map(|(id, path, text)| {
            let n = text.split_whitespace().count();
            // Bullets of one role share `role`: only those may be merged (AGGRESSIVE).
            json!({ "bulletId": id, "role": merge::entry_of(&path).unwrap_or_default(), "text": text, "maxWords": max_words(n, mode) })
        })
        .collect();
    let summary = doc.basics.as_ref().and_then(|b| b.summary.clone()).filter(|s| !s.trim().is_empty() && !summary_locked(locks));
    let skills: Vec<String> = if locks.section_locked(ResumeSectionType::Skills) { Vec::new() } else { skill_list(doc) };
    let need = |t: ReqType| -> Vec<&str> {
        rubric.requirements.iter().filter(|r| r.req_type == t).map(|r| r.requirement.as_str()).collect()
    };
    let user = json!({
        "mode": match mode { AiMode::Minimal => "MINIMAL", AiMode::Balanced => "BALANCED", AiMode::Aggressive => "AGGRESSIVE" },
        "job": { "title": rubric.job_meta.job_title, "company": rubric.job_meta.company },
        "mustHave": need(ReqType::Must),
        "niceToHave": need(ReqType::Nice),
        "postingTerms": rubric.keywords.iter().take(25).map(|k| k.term.as_str()).collect::<Vec<_>>(),
        "bullets": bullets,
        "summary": summary.as_ref().map(|s| json!({ "text": s, "maxWords": max_words(s.split_whitespace().count(), mode) })),
        "skills": skills,
    });
    RewritePrompt { prompt: Prompt::new(PROMPT_VERSION, PROMPT, serde_json::to_string_pretty(&user).unwrap_or_default(), reply_schema()), locked_left_out }
}

/// JSON Schema of [`RewriteReply`].
pub fn reply_schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["bullets", "summary", "skillsOrder"],
        "properties": {
            "bullets": { "type": "array", "items": {
                "type": "object", "additionalProperties": false, "required": ["bulletId", "text", "mergedIds"],
                "properties": {
                    "bulletId": { "type": "string" },
                    "text": { "type": "string" },
                    "mergedIds": { "type": "array", "items": { "type": "string" } }
                }
            } },
            "summary": { "type": "string" },
            "skillsOrder": { "type": "array", "items": { "type": "string" } }
        }
    })
}

fn skill_list(doc: &JsonResume) -> Vec<String> {
    doc.skills
        .iter()
        .flatten()
        .flat_map(|s| s.keywords.iter().flatten().cloned().chain(s.keywords.is_none().then(|| s.name.clone()).flatten()))
        .collect()
}

/// `text` cut to at most `max` words, at a word boundary, without a dangling comma.
fn cut_to_words(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(max).collect();
    let mut out = words.join(" ");
    while out.ends_with([',', ';', ':', '-', '–', '—']) {
        out.pop();
        out = out.trim_end().to_string();
    }
    out
}

/// Hold a model's reply to the plan and the locks, and check its facts against `doc` (the
/// version being tailored). Nothing is applied: the result is a proposal.
pub fn enforce(
    doc: &JsonResume,
    plan: &SelectionPlan,
    locks: &Locks,
    reply: &RewriteReply,
    mode: AiMode,
    as_of: Option<(i32, u32)>,
) -> RewriteProposal {
    let chosen = selected(doc, plan);
    let chosen_ids: HashSet<&str> = chosen.iter().map(|(id, _, _)| id.as_str()).collect();
    let mut notes = Vec::new();
    let (mut stripped, mut truncated, mut locked_restored) = (0u32, 0u32, 0u32);
    let mut by_id: HashMap<&str, &ReplyBullet> = HashMap::new();
    for b in &reply.bullets {
        if !chosen_ids.contains(b.bullet_id.as_str()) || by_id.contains_key(b.bullet_id.as_str()) {
            stripped += 1;
        } else {
            by_id.insert(b.bullet_id.as_str(), b);
        }
    }
    if stripped > 0 {
        notes.push(format!("{stripped} rewrite(s) of bullets that were not selected (or repeated) were dropped."));
    }
    let (merges, refused, dropped) = allowed_merges(&chosen, locks, &mut by_id, mode);
    if refused > 0 {
        notes.push(format!(
            "{refused} merge(s) were refused (merging is for Aggressive rewrites, of chosen unlocked bullets of one role, each bullet once); those bullets keep their own text."
        ));
    }
    if dropped > 0 {
        stripped += dropped;
        notes.push(format!("{dropped} separate rewrite(s) of bullets that were merged into another were dropped."));
    }
    let master = serde_json::to_value(doc).unwrap_or(Value::Null);
    let support = check::Support::new(&master, as_of);
    let mut out = Vec::with_capacity(chosen.len());
    for (id, path, original) in &chosen {
        if let Some(into) = merges.iter().find(|(_, absorbed)| absorbed.contains(id)).map(|(into, _)| into.clone()) {
            out.push(ProposedBullet {
                bullet_id: id.clone(),
                source_path: path.clone(),
                original_text: original.clone(),
                proposed_text: original.clone(),
                was_rewritten: false,
                flags: Vec::new(),
                merged_ids: Vec::new(),
                merged_into: Some(into),
            });
            continue;
        }
        let merged_ids = merges.iter().find(|(into, _)| into == id).map(|(_, a)| a.clone()).unwrap_or_default();
        let mut text = by_id.get(id.as_str()).map(|b| b.text.trim().to_string()).filter(|t| !t.is_empty()).unwrap_or_else(|| original.clone());
        if text != *original && bullet_locked(locks, path, original) {
            locked_restored += 1;
            text = original.clone();
        }
        // A merged bullet may be as long as its parts together, no longer.
        let limit = if merged_ids.is_empty() {
            max_words(original.split_whitespace().count(), mode)
        } else {
            chosen.iter().filter(|(x, _, _)| x == id || merged_ids.contains(x)).map(|(_, _, t)| t.split_whitespace().count()).sum()
        };
        if text != *original && text.split_whitespace().count() > limit {
            truncated += 1;
            text = cut_to_words(&text, limit);
        }
        let was_rewritten = text != *original;
        let flags = if was_rewritten { flags_for(&support, path, &text) } else { Vec::new() };
        out.push(ProposedBullet {
            bullet_id: id.clone(),
            source_path: path.clone(),
            original_text: original.clone(),
            proposed_text: text,
            was_rewritten,
            flags,
            merged_ids,
            merged_into: None,
        });
    }
    if locked_restored > 0 {
        notes.push(format!("{locked_restored} locked bullet(s) were rewritten anyway; their own text is kept."));
    }
    if truncated > 0 {
        notes.push(format!("{truncated} rewrite(s) were over their word limit and were cut."));
    }
    // The summary: only when there was one to rewrite.
    let original_summary = doc.basics.as_ref().and_then(|b| b.summary.clone()).unwrap_or_default();
    let summary = (!original_summary.trim().is_empty() && !reply.summary.trim().is_empty() && reply.summary.trim() != original_summary.trim())
        .then(|| {
            if summary_locked(locks) {
                locked_restored += 1;
                notes.push("The summary is locked; the model's summary was dropped.".into());
                return None;
            }
            let limit = max_words(original_summary.split_whitespace().count(), mode);
            let mut text = reply.summary.trim().to_string();
            if text.split_whitespace().count() > limit {
                truncated += 1;
                text = cut_to_words(&text, limit);
            }
            let flags = flags_for(&support, "basics.summary", &text);
            Some(ProposedText { original_text: original_summary.clone(), proposed_text: text, flags })
        })
        .flatten();
    // Skills: a new order of the same skills, never new ones (each named once).
    let own: Vec<String> = skill_list(doc).into_iter().fold(Vec::new(), |mut v, k| {
        if !v.contains(&k) {
            v.push(k);
        }
        v
    });
    let skills_order = (!reply.skills_order.is_empty() && !locks.section_locked(ResumeSectionType::Skills))
        .then(|| {
            let known: HashSet<&str> = own.iter().map(String::as_str).collect();
            let mut order: Vec<String> = Vec::new();
            let mut unknown = 0;
            for s in &reply.skills_order {
                if known.contains(s.as_str()) && !order.contains(s) {
                    order.push(s.clone());
                } else if !known.contains(s.as_str()) {
                    unknown += 1;
                }
            }
            if unknown > 0 {
                stripped += unknown;
                notes.push(format!("{unknown} skill(s) the résumé does not list were left out of the new order."));
            }
            // Skills the model forgot keep their place at the end.
            let missing: Vec<String> = own.iter().filter(|s| !order.contains(s)).cloned().collect();
            order.extend(missing);
            (order != own).then_some(order)
        })
        .flatten();
    // Absorbed bullets leave the page when their merge is accepted.
    let total_words: u32 = out.iter().filter(|b| b.merged_into.is_none()).map(|b| b.proposed_text.split_whitespace().count() as u32).sum();
    RewriteProposal {
        mode,
        bullets: out,
        summary,
        skills_order,
        enforcement: SelectionEnforcement {
            stripped_unselected: stripped,
            truncated_bullets: truncated,
            repair_applied: false,
            compliant: stripped == 0 && truncated == 0 && locked_restored == 0 && refused == 0,
            proxy_word_count_exceeded: total_words > plan.config.budgets.target_resume_words_max,
        },
        locked_restored,
        notes,
    }
}

/// The merges of a reply that keep the rules, as (absorbing id, absorbed ids) in reply order;
/// how many were refused; how many separate rewrites of absorbed bullets were dropped.
///
/// A merge is allowed only in AGGRESSIVE mode, between chosen bullets of the same role, none
/// of them locked, each bullet in at most one merge. A refused merge's text says facts of
/// bullets it may not absorb, so that bullet keeps its own text (its reply is removed from
/// `by_id`).
fn allowed_merges(
    chosen: &[(String, String, String)],
    locks: &Locks,
    by_id: &mut HashMap<&str, &ReplyBullet>,
    mode: AiMode,
) -> (Vec<(String, Vec<String>)>, u32, u32) {
    let info = |id: &str| chosen.iter().find(|(x, _, _)| x == id);
    let unlocked = |id: &str| info(id).is_some_and(|(_, path, text)| !bullet_locked(locks, path, text));
    let mut merges: Vec<(String, Vec<String>)> = Vec::new();
    let mut refused = 0;
    // Reply order, so the outcome does not depend on hashing.
    let mut asking: Vec<&ReplyBullet> = by_id.values().copied().filter(|b| !b.merged_ids.is_empty()).collect();
    asking.sort_by_key(|b| chosen.iter().position(|(x, _, _)| x == &b.bullet_id));
    for b in asking {
        let id = b.bullet_id.as_str();
        let mut absorbed: Vec<String> = Vec::new();
        for m in &b.merged_ids {
            if m != id && !absorbed.contains(m) {
                absorbed.push(m.clone());
            }
        }
        let entry = info(id).and_then(|(_, path, _)| merge::entry_of(path));
        let taken = |x: &str| merges.iter().any(|(into, a)| into == x || a.iter().any(|y| y == x));
        let ok = mode == AiMode::Aggressive
            && !absorbed.is_empty()
            && unlocked(id)
            && !taken(id)
            && absorbed.iter().all(|m| {
                unlocked(m) && !taken(m) && info(m).and_then(|(_, path, _)| merge::entry_of(path)) == entry
            });
        if ok {
            merges.push((id.to_string(), absorbed));
        } else {
            refused += 1;
            by_id.remove(id);
        }
    }
    let mut dropped = 0;
    for (_, absorbed) in &merges {
        for a in absorbed {
            dropped += u32::from(by_id.remove(a.as_str()).is_some_and(|r| r.merged_ids.is_empty()));
        }
    }
    (merges, refused, dropped)
}

fn flags_for(support: &check::Support, path: &str, text: &str) -> Vec<Flag> {
    support
        .check_text(text)
        .into_iter()
        .map(|(range, kind)| Flag { path: path.to_string(), span: text[range.clone()].to_string(), kind, range })
        .collect()
}

/// What the user decided for one bullet of a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "decision", content = "text")]
pub enum Decision {
    /// The (first) model's text.
    Accept,
    /// Accept with the user's own edit of the proposed text.
    Edit(String),
    Reject,
    /// Another model's text for the same bullet: the index into the proposals given to
    /// [`apply_with`] (0 is the same as `Accept`).
    Variant(usize),
}

/// One model's proposal beside others for the same run (seed 000 `modelVariants`): who
/// wrote it, and what it proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Variant {
    pub model_key: String,
    pub model_name: String,
    pub rewrite: RewriteProposal,
}

/// The document of the version an accepted proposal becomes: `doc` with each accepted (or
/// edited) bullet's text at its path, the summary and skills order when accepted. Bullets
/// without a decision, and rejected ones, keep their text. Ids and paths do not change —
/// unless an accepted bullet is a merge: then the bullets it absorbs are removed, and
/// [`merge::renumber`] says where every other bullet went.
pub fn apply(
    doc: &JsonResume,
    proposal: &RewriteProposal,
    decisions: &HashMap<String, Decision>,
    summary: &Decision,
    skills: bool,
) -> JsonResume {
    apply_with(doc, &[proposal], decisions, summary, skills)
}

/// The proposal whose text a decision takes: `Accept` and `Edit` the first, `Variant(k)`
/// the k-th; `Reject` none.
fn source_of<'a>(proposals: &[&'a RewriteProposal], decision: Option<&Decision>, id: &str) -> Option<&'a ProposedBullet> {
    let k = match decision? {
        Decision::Accept | Decision::Edit(_) => 0,
        Decision::Variant(k) => *k,
        Decision::Reject => return None,
    };
    proposals.get(k)?.bullets.iter().find(|b| b.bullet_id == id)
}

/// The merges the decisions accept, as (absorbed id, absorbing id): the bullets accepting
/// removes from the version.
pub fn merged_away(proposals: &[&RewriteProposal], decisions: &HashMap<String, Decision>) -> Vec<(String, String)> {
    let Some(first) = proposals.first() else { return Vec::new() };
    let mut out: Vec<(String, String)> = Vec::new();
    for b in &first.bullets {
        let Some(taken) = source_of(proposals, decisions.get(&b.bullet_id), &b.bullet_id) else { continue };
        for a in &taken.merged_ids {
            // A bullet absorbed by two accepted merges (two models) goes once, to the first.
            if !out.iter().any(|(x, _)| x == a) && a != &b.bullet_id {
                out.push((a.clone(), b.bullet_id.clone()));
            }
        }
    }
    // A bullet that absorbs others cannot itself be absorbed.
    let into: Vec<String> = out.iter().map(|(_, i)| i.clone()).collect();
    out.retain(|(a, _)| !into.contains(a));
    out
}

/// [`apply`] with several models' proposals side by side: `Decision::Variant(k)` takes the
/// text `proposals[k]` has for that bullet (`Accept` is `proposals[0]`). The summary and the
/// skills order come from `proposals[0]`.
pub fn apply_with(
    doc: &JsonResume,
    proposals: &[&RewriteProposal],
    decisions: &HashMap<String, Decision>,
    summary: &Decision,
    skills: bool,
) -> JsonResume {
    let mut out = doc.clone();
    let Some(proposal) = proposals.first() else { return out };
    let merged = merged_away(proposals, decisions);
    for b in &proposal.bullets {
        if merged.iter().any(|(a, _)| a == &b.bullet_id) {
            continue;
        }
        let text = match decisions.get(&b.bullet_id) {
            Some(Decision::Edit(t)) if !t.trim().is_empty() => t.trim().to_string(),
            Some(Decision::Edit(_)) => continue,
            d => match source_of(proposals, d, &b.bullet_id) {
                Some(x) => x.proposed_text.clone(),
                None => continue,
            },
        };
        set_highlight(&mut out, &b.source_path, text);
    }
    let paths: Vec<String> =
        proposal.bullets.iter().filter(|b| merged.iter().any(|(a, _)| a == &b.bullet_id)).map(|b| b.source_path.clone()).collect();
    merge::remove_highlights(&mut out, &paths);
    if let Some(s) = &proposal.summary {
        let text = match summary {
            Decision::Accept => Some(s.proposed_text.clone()),
            Decision::Edit(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => None,
        };
        if let (Some(t), Some(basics)) = (text, out.basics.as_mut()) {
            basics.summary = Some(t);
        }
    }
    if let (true, Some(order), Some(groups)) = (skills, &proposal.skills_order, out.skills.as_mut()) {
        let rank = |k: &String| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
        for g in groups.iter_mut() {
            if let Some(k) = g.keywords.as_mut() {
                k.sort_by_key(rank);
            }
        }
        groups.sort_by_key(|g| g.keywords.as_ref().and_then(|k| k.first()).or(g.name.as_ref()).map_or(usize::MAX, rank));
    }
    out
}

/// Set `work[i].highlights[j]` / `projects[i].highlights[j]` in a document.
fn set_highlight(doc: &mut JsonResume, path: &str, text: String) {
    let Some((section, i, j)) = merge::parse_path(path) else { return };
    let slot = match section {
        "work" => doc.work.as_mut().and_then(|w| w.get_mut(i)).and_then(|w| w.highlights.as_mut()).and_then(|h| h.get_mut(j)),
        "projects" => doc.projects.as_mut().and_then(|p| p.get_mut(i)).and_then(|p| p.highlights.as_mut()).and_then(|h| h.get_mut(j)),
        _ => None,
    };
    if let Some(s) = slot {
        *s = text;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ResumeSectionType;

    fn doc() -> JsonResume {
        serde_json::from_value(json!({
            "basics": { "name": "Ada Example", "summary": "Backend engineer with 7 years in payments." },
            "work": [ { "name": "Tallgrass Payments", "position": "Senior Engineer", "startDate": "2019-03",
                "highlights": [
                    "Designed an idempotent payment service in Go handling 4,500 requests/sec.",
                    "Cut cloud costs by 45% using AWS and PostgreSQL.",
                    "Mentored 12 engineers through weekly design reviews." ] } ],
            "skills": [ { "name": "Backend", "keywords": ["Go", "PostgreSQL", "Kafka"] } ]
        }))
        .unwrap()
    }

    fn plan_and_rubric(d: &JsonResume) -> (SelectionPlan, JdRubric) {
        let job = "Senior Backend Engineer at Vantaloop\n\nRequirements:\n- 5+ years building payment systems in Go\n- PostgreSQL\n\nNice to have:\n- Kafka";
        let e = crate::embed::LexicalEmbedder::default();
        let opts = crate::pipeline::Options { as_of: Some((2026, 12)), ..Default::default() };
        let a = crate::pipeline::analyze(d, job, &e, &opts);
        (a.plan, a.rubric)
    }

    fn reply(bullets: &[(&str, &str)], summary: &str) -> RewriteReply {
        RewriteReply {
            bullets: bullets.iter().map(|(id, t)| ReplyBullet { bullet_id: id.to_string(), text: t.to_string(), merged_ids: vec![] }).collect(),
            summary: summary.into(),
            skills_order: vec![],
        }
    }

    #[test]
    fn locked_bullets_and_sections_are_not_in_the_prompt() {
        let d = doc();
        let (plan, rubric) = plan_and_rubric(&d);
        let open = rewrite_prompt(&d, &plan, &rubric, &Locks::default(), AiMode::Balanced);
        assert!(open.prompt.user.contains("4,500 requests/sec") && open.prompt.user.contains("7 years in payments"));
        assert_eq!(open.prompt.version, "rewrite-v2");
        assert_eq!(open.prompt.hash.len(), 64);
        let locks = Locks { sections: vec![ResumeSectionType::Other, ResumeSectionType::Skills], bullets: vec![
            "Designed an idempotent payment service in Go handling 4,500 requests/sec.".into(),
        ] };
        let p = rewrite_prompt(&d, &plan, &rubric, &locks, AiMode::Balanced);
        assert!(!p.prompt.user.contains("4,500"), "a locked bullet is never sent");
        assert!(!p.prompt.user.contains("7 years in payments"), "nor a locked summary");
        let sent: Value = serde_json::from_str(&p.prompt.user).unwrap();
        assert_eq!(sent["skills"], json!([]), "nor locked skills");
        assert_eq!(serde_json::from_str::<Value>(&open.prompt.user).unwrap()["skills"], json!(["Go", "PostgreSQL", "Kafka"]));
        assert_eq!(p.locked_left_out, 1);
    }

    #[test]
    fn enforcement_strips_unselected_restores_locked_cuts_long_and_flags_invented_facts() {
        let d = doc();
        let (plan, _) = plan_and_rubric(&d);
        let ids: Vec<String> = bullets(&d).into_iter().map(|b| b.bullet_id).collect();
        let chosen: HashSet<String> = plan.selected.work_experience.iter().map(|b| b.bullet_id.clone()).collect();
        assert!(chosen.contains(&ids[0]) && chosen.contains(&ids[1]), "{chosen:?}");
        let long = "Cut cloud costs by 45% using AWS and PostgreSQL ".repeat(4);
        let r = reply(
            &[
                (&ids[0], "Built an idempotent Go payment service handling 4,500 requests/sec with Kotlin."),
                (&ids[1], &long),
                ("exp_nowhere_b9", "Invented bullet."),
            ],
            "Payments backend engineer with 7 years of Go, at Stripe.",
        );
        let locks = Locks { sections: vec![], bullets: vec![] };
        let p = enforce(&d, &plan, &locks, &r, AiMode::Minimal, Some((2026, 12)));
        assert_eq!(p.enforcement.stripped_unselected, 1);
        assert_eq!(p.enforcement.truncated_bullets, 1);
        assert!(!p.enforcement.compliant);
        let b0 = &p.bullets[0];
        assert!(b0.was_rewritten);
        assert_eq!(b0.flags.iter().map(|f| f.span.as_str()).collect::<Vec<_>>(), vec!["Kotlin"]);
        assert_eq!(b0.flags[0].path, b0.source_path);
        let b1 = p.bullets.iter().find(|b| b.bullet_id == ids[1]).unwrap();
        assert!(b1.proposed_text.split_whitespace().count() <= max_words(b1.original_text.split_whitespace().count(), AiMode::Minimal));
        assert!(b1.flags.is_empty(), "a cut honest text has no flags");
        let s = p.summary.as_ref().unwrap();
        assert_eq!(s.flags.iter().map(|f| f.span.as_str()).collect::<Vec<_>>(), vec!["Stripe"]);

        // The same reply with the first bullet locked: its own text is kept.
        let locked = Locks { sections: vec![], bullets: vec![b0.original_text.clone()] };
        let p = enforce(&d, &plan, &locked, &r, AiMode::Minimal, Some((2026, 12)));
        assert_eq!(p.locked_restored, 1);
        assert_eq!(p.bullets[0].proposed_text, p.bullets[0].original_text);
        assert!(!p.bullets[0].was_rewritten && p.bullets[0].flags.is_empty());
    }

    #[test]
    fn an_honest_reply_is_compliant_and_accepting_applies_only_what_was_accepted() {
        let d = doc();
        let (plan, _) = plan_and_rubric(&d);
        let ids: Vec<String> = bullets(&d).into_iter().map(|b| b.bullet_id).collect();
        let mut r = reply(
            &[(&ids[0], "Built an idempotent Go payment service serving 4.5K requests per second."), (&ids[1], "Reduced AWS costs 45% with PostgreSQL tuning.")],
            "",
        );
        r.skills_order = vec!["Kafka".into(), "Go".into(), "Rust".into()];
        let p = enforce(&d, &plan, &Locks::default(), &r, AiMode::Balanced, Some((2026, 12)));
        assert!(p.bullets.iter().all(|b| b.flags.is_empty()), "{:?}", p.bullets);
        assert_eq!(p.enforcement.stripped_unselected, 1, "Rust is not the résumé's skill");
        assert_eq!(p.skills_order.as_deref(), Some(&["Kafka".to_string(), "Go".into(), "PostgreSQL".into()][..]));
        assert!(p.summary.is_none(), "an empty summary is no proposal");

        let decisions: HashMap<String, Decision> =
            [(ids[0].clone(), Decision::Accept), (ids[1].clone(), Decision::Reject)].into_iter().collect();
        let applied = apply(&d, &p, &decisions, &Decision::Reject, true);
        let h = applied.work.as_ref().unwrap()[0].highlights.as_ref().unwrap();
        assert_eq!(h[0], p.bullets[0].proposed_text);
        assert_eq!(h[1], d.work.as_ref().unwrap()[0].highlights.as_ref().unwrap()[1], "rejected: unchanged");
        assert_eq!(h[2], d.work.as_ref().unwrap()[0].highlights.as_ref().unwrap()[2], "not selected: unchanged");
        assert_eq!(applied.skills.as_ref().unwrap()[0].keywords.as_ref().unwrap(), &vec!["Kafka".to_string(), "Go".into(), "PostgreSQL".into()]);
        assert_eq!(applied.basics, d.basics);
        // The plan's ids still name the same bullets in the new version.
        let after: Vec<String> = bullets(&applied).into_iter().map(|b| b.bullet_id).collect();
        assert_eq!(after, ids);
        // Another model's text for one bullet, the first model's for another.
        let mut other = p.clone();
        for b in other.bullets.iter_mut() {
            b.proposed_text = format!("Other model: {}", b.original_text);
        }
        let (first, second) = (p.bullets[0].bullet_id.clone(), p.bullets[1].bullet_id.clone());
        let picks = HashMap::from([(first.clone(), Decision::Variant(1)), (second.clone(), Decision::Accept)]);
        let mixed = apply_with(&d, &[&p, &other], &picks, &Decision::Reject, false);
        let texts = |doc: &JsonResume| doc.work.as_ref().unwrap()[0].highlights.clone().unwrap();
        let by_path = |doc: &JsonResume, id: &str| {
            let b = p.bullets.iter().find(|b| b.bullet_id == id).unwrap();
            let j: usize = b.source_path.rsplit_once('[').unwrap().1.trim_end_matches(']').parse().unwrap();
            texts(doc)[j].clone()
        };
        assert_eq!(by_path(&mixed, &first), format!("Other model: {}", p.bullets[0].original_text));
        assert_eq!(by_path(&mixed, &second), p.bullets[1].proposed_text);
        // A variant index nobody gave keeps the bullet as it was.
        let none = apply_with(&d, &[&p], &HashMap::from([(first.clone(), Decision::Variant(3))]), &Decision::Reject, false);
        assert_eq!(by_path(&none, &first), p.bullets[0].original_text);
    }

    fn merge_reply(into: &str, text: &str, merged: &[&str]) -> RewriteReply {
        RewriteReply {
            bullets: vec![ReplyBullet { bullet_id: into.into(), text: text.into(), merged_ids: merged.iter().map(|m| m.to_string()).collect() }],
            ..Default::default()
        }
    }

    #[test]
    fn an_aggressive_merge_is_held_to_mode_choice_locks_and_length_and_the_plan_follows_it() {
        let d = doc();
        let (plan, _) = plan_and_rubric(&d);
        let ids: Vec<String> = bullets(&d).into_iter().map(|b| b.bullet_id).collect();
        let merged = "Designed an idempotent Go payment service handling 4,500 requests/sec and cut AWS and PostgreSQL costs by 45%.";
        let r = {
            let mut r = merge_reply(&ids[0], merged, &[&ids[1]]);
            // The absorbed bullet rewritten on its own too: dropped.
            r.bullets.push(ReplyBullet { bullet_id: ids[1].clone(), text: "Cut costs 45%.".into(), merged_ids: vec![] });
            r
        };
        let p = enforce(&d, &plan, &Locks::default(), &r, AiMode::Aggressive, Some((2026, 12)));
        let (a, b) = (&p.bullets[0], p.bullets.iter().find(|b| b.bullet_id == ids[1]).unwrap());
        assert_eq!(a.merged_ids, vec![ids[1].clone()]);
        assert_eq!(a.proposed_text, merged);
        assert!(a.flags.is_empty(), "{:?}", a.flags);
        assert_eq!(b.merged_into.as_deref(), Some(ids[0].as_str()));
        assert!(!b.was_rewritten && b.proposed_text == b.original_text);
        assert_eq!(p.enforcement.stripped_unselected, 1);

        // Not in another mode, not with a locked bullet, not with an unknown one: the text
        // that says both stays out, and the bullet keeps its own.
        let plain = merge_reply(&ids[0], merged, &[&ids[1]]);
        let locked = Locks { sections: vec![], bullets: vec![b.original_text.clone()] };
        for (locks, mode, merged_ids) in [
            (Locks::default(), AiMode::Balanced, vec![ids[1].as_str()]),
            (locked, AiMode::Aggressive, vec![ids[1].as_str()]),
            (Locks::default(), AiMode::Aggressive, vec!["exp_nowhere_b1"]),
        ] {
            let r = RewriteReply { bullets: vec![ReplyBullet { merged_ids: merged_ids.iter().map(|m| m.to_string()).collect(), ..plain.bullets[0].clone() }], ..Default::default() };
            let p = enforce(&d, &plan, &locks, &r, mode, Some((2026, 12)));
            assert!(p.bullets.iter().all(|b| b.merged_ids.is_empty() && b.merged_into.is_none() && !b.was_rewritten), "{mode:?}");
            assert!(!p.enforcement.compliant && p.notes.iter().any(|n| n.contains("merge(s) were refused")));
        }

        // No longer than its parts together.
        let long = format!("{merged} {}", "Also more words here. ".repeat(10));
        let p2 = enforce(&d, &plan, &Locks::default(), &merge_reply(&ids[0], &long, &[&ids[1]]), AiMode::Aggressive, Some((2026, 12)));
        let parts: usize = [0, 1].iter().map(|&k| p2.bullets.iter().find(|b| b.bullet_id == ids[k]).unwrap().original_text.split_whitespace().count()).sum();
        assert_eq!(p2.bullets[0].proposed_text.split_whitespace().count(), parts);
        assert_eq!(p2.enforcement.truncated_bullets, 1);

        // Accepting removes the absorbed bullet; rejecting keeps both; the plan follows.
        let accept = HashMap::from([(ids[0].clone(), Decision::Accept)]);
        assert_eq!(merged_away(&[&p], &accept), vec![(ids[1].clone(), ids[0].clone())]);
        let after = apply(&d, &p, &accept, &Decision::Reject, false);
        let h = after.work.as_ref().unwrap()[0].highlights.clone().unwrap();
        assert_eq!(h, vec![merged.to_string(), d.work.as_ref().unwrap()[0].highlights.as_ref().unwrap()[2].clone()]);
        assert_eq!(apply(&d, &p, &HashMap::from([(ids[0].clone(), Decision::Reject)]), &Decision::Reject, false), d);
        let map = merge::renumber(&d, &[ids[1].clone()]);
        let new_plan = merge::plan_after(&plan, &merged_away(&[&p], &accept), &map);
        assert_eq!(new_plan.selected.work_experience.len() + 1, plan.selected.work_experience.len());
        let first = &new_plan.selected.work_experience[0];
        let req_ids = |b: &crate::model::SelectedBullet| b.matches.iter().map(|m| m.req_id.clone()).collect::<HashSet<_>>();
        let before: HashSet<String> = plan.selected.work_experience.iter().take(2).flat_map(req_ids).collect();
        assert_eq!(req_ids(first), before, "the merged bullet meets what both did");
        let t = crate::tailor::tailor_without_llm(&after, &new_plan);
        let page = t.document.work.as_ref().unwrap()[0].highlights.clone().unwrap();
        assert_eq!(page[0], merged);
        assert!(!page.iter().any(|x| x.contains("Cut cloud costs")), "the absorbed bullet is not on the page: {page:?}");
        let old = crate::tailor::tailor_without_llm(&d, &plan).record;
        let rec = merge::tailored_after(&old, &merged_away(&[&p], &accept), &map);
        let rb = &rec.work_experience[0].bullets;
        assert_eq!(rb.len() + 1, old.work_experience[0].bullets.len());
        assert!(rb[0].original_text.contains('\n') && rb[0].original_text.contains("Cut cloud costs"));
    }

    #[test]
    fn the_reply_schema_accepts_the_reply_shape() {
        let r = reply(&[("a", "b")], "s");
        let v = serde_json::to_value(&r).unwrap();
        for k in ["bullets", "summary", "skillsOrder"] {
            assert!(v.get(k).is_some() && reply_schema()["properties"].get(k).is_some(), "{k}");
        }
        let back: RewriteReply = serde_json::from_value(json!({ "bullets": [] })).unwrap();
        assert_eq!(back, RewriteReply::default());
    }
}
