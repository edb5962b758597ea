//! AI rewrites of a run's bullets as a proposal (seed 001 `ProposedVersion`): ask the model
//! the user chose, with their own key; hold the answer to the plan and the locks and check
//! its facts (`fitted_core::tailor::rewrite`); keep it until the user decides bullet by
//! bullet. Nothing changes until they accept: then the accepted part becomes an
//! AI_GENERATED version (a branch from the version tailored — the master résumé's head stays
//! where the user left it), the run is pinned to it and its PDF is made again.

use std::collections::HashMap;

use fitted_core::diff;
use fitted_core::model::{AiMode, Proposal, ResumeVersionType, Run, TailoredBullet, VersionDiff};
use fitted_core::tailor::rewrite::{self, Decision, RewriteReply, Variant};
use fitted_llm::remote::{Call, What};
use fitted_llm::{CancelToken, ChatRequest, JsonSchema, LlmError, ProviderConfig, ProviderKind, Structured, Task};
use serde::de::DeserializeOwned;
use fitted_store::repo::now;
use fitted_store::schema;
use fitted_store::versions::diff_id;

use super::runs::{self, RunBundle, RunSink};
use crate::state::Services;

fn err(e: fitted_store::StoreError) -> String {
    e.user_message()
}

/// Ask a model for JSON matching `schema`, through the worker (which holds the HTTP client),
/// streamed so `on_chars` can show the answer arriving. Time limits suit where the model
/// runs: ten minutes for a model on this machine (`ClientOptions::suited_to`).
pub async fn ask_json<T: DeserializeOwned>(
    s: &Services,
    config: ProviderConfig,
    request: ChatRequest,
    schema: JsonSchema,
    on_chars: Option<std::rc::Rc<dyn Fn(u32)>>,
    cancel: &CancelToken,
) -> Result<Structured<T>, LlmError> {
    let call = Call::new(config, What::Json { request, schema, stream: true });
    let progress = on_chars.map(|f| std::rc::Rc::new(move |_: &str, done: u32, _: u32| f(done)) as crate::bridge::ProgressFn);
    s.bridge().llm(&call, progress, cancel).await?.into_structured()
}

/// What a failed call says, ending with what did not change.
pub fn call_failed(e: LlmError) -> String {
    match e {
        LlmError::Cancelled => "Cancelled. Your résumé and this run are unchanged.".into(),
        e => format!("{e} Your résumé and this run are unchanged."),
    }
}

/// A model's seed 000 key (`openai-gpt-4-1`: provider and model through `deriveModelKey`)
/// and its name for people ("OpenAI · gpt-4.1").
pub fn model_names(kind: ProviderKind, model: &str) -> (String, String) {
    let key = fitted_core::model::derive_model_key(&format!("{}/{model}", super::keys::provider_tag(kind)));
    (key, format!("{} · {model}", kind.info().name))
}

/// The provider whose model wrote `model_key` (the longest provider prefix that matches:
/// `openai-compatible-…` is not OpenAI's).
pub fn provider_of(model_key: &str) -> Option<ProviderKind> {
    ProviderKind::ALL
        .iter()
        .copied()
        .map(|k| (k, model_names(k, "").0))
        .filter(|(_, prefix)| model_key.starts_with(prefix.as_str()))
        .max_by_key(|(_, prefix)| prefix.len())
        .map(|(k, _)| k)
}

/// The run records which prompt and model it used (seed 000 `promptVersions`,
/// `promptHashes`, `modelVariants`); `slot` picks the stage (`tailor`, `rubric`).
pub fn record_model_use(
    run: &mut Run,
    prompt: &fitted_core::prompts::Prompt,
    slot: fn(&mut fitted_core::model::PromptVersions) -> &mut Option<String>,
    model_key: &str,
) {
    *slot(run.prompt_versions.get_or_insert_with(Default::default)) = Some(prompt.version.clone());
    *slot(run.prompt_hashes.get_or_insert_with(Default::default)) = Some(prompt.hash.clone());
    let variants = run.model_variants.get_or_insert_with(Vec::new);
    if !variants.iter().any(|v| v == model_key) {
        variants.push(model_key.to_string());
    }
}

pub fn proposal_id(run_id: &str) -> String {
    format!("{run_id}-proposal")
}

/// Providers the user can ask: a key saved (or, for a keyless provider such as Ollama, a
/// saved configuration), with a model for tailoring.
pub async fn providers(s: &Services) -> Result<Vec<(ProviderKind, String)>, String> {
    providers_for(s, Task::Tailoring).await
}

/// Providers with a key (or a saved keyless configuration) and a model for `task`, with a
/// name to show ("OpenAI · gpt-4.1").
pub async fn providers_for(s: &Services, task: Task) -> Result<Vec<(ProviderKind, String)>, String> {
    Ok(super::keys::entries(s)
        .await?
        .into_iter()
        .filter(|e| e.record.is_some() && (e.has_key || !e.kind.info().needs_api_key))
        .filter_map(|e| e.config.model_for(task).map(|m| (e.kind, format!("{} · {m}", e.kind.info().name))))
        .collect())
}

/// The run's stored proposal, if any.
pub async fn get(s: &Services, run_id: &str) -> Result<Option<Proposal>, String> {
    s.store_ready().await?.get(schema::PROPOSALS, &proposal_id(run_id)).await.map_err(err)
}

/// Ask `kind`'s model to rewrite the run's chosen bullets in `mode`, and keep the result as
/// the run's proposal (replacing an earlier one). The résumé, the run's PDF and its versions
/// are not touched.
pub async fn propose(
    s: &Services,
    run_id: &str,
    kind: ProviderKind,
    mode: AiMode,
    on_chars: Option<std::rc::Rc<dyn Fn(u32)>>,
    cancel: &CancelToken,
) -> Result<Proposal, String> {
    let w = rewrite_with(s, run_id, kind, mode, on_chars, cancel).await?;
    let resume = &w.bundle.resume.as_ref().ok_or("The résumé of this run was deleted.")?.document;
    let all: HashMap<String, Decision> = w.variant.rewrite.bullets.iter().map(|b| (b.bullet_id.clone(), Decision::Accept)).collect();
    let t = now();
    let proposal = Proposal {
        id: proposal_id(run_id),
        ai_job_id: run_id.to_string(),
        base_version_id: w.version_id.clone(),
        mode,
        proposed_document: rewrite::apply(resume, &w.variant.rewrite, &all, &Decision::Accept, true),
        rewrite: Some(w.variant.rewrite.clone()),
        model_key: w.variant.model_key.clone(),
        model_name: w.variant.model_name.clone(),
        accepted_version_id: None,
        variants: Vec::new(),
        created_at: t,
        updated_at: t,
    };
    store_proposal(s, &w, proposal).await
}

/// Ask another model for the same rewrite (same run, plan and mode) and keep its answer
/// beside the proposal's (seed 000 `modelVariants`): the review then shows them side by side
/// and the user picks per bullet. A model asked again replaces its earlier answer.
pub async fn propose_beside(s: &Services, run_id: &str, kind: ProviderKind, on_chars: Option<std::rc::Rc<dyn Fn(u32)>>, cancel: &CancelToken) -> Result<Proposal, String> {
    let first = get(s, run_id).await?.ok_or("Ask for a proposal first.")?;
    if first.accepted_version_id.is_some() {
        return Err("This proposal was already accepted. Ask for a new proposal to compare models.".into());
    }
    let w = rewrite_with(s, run_id, kind, first.mode, on_chars, cancel).await?;
    if w.variant.model_key == first.model_key {
        return Err(format!("{} wrote the first proposal; choose another model to compare.", w.variant.model_name));
    }
    // As stored now: the first proposal may have changed during the call.
    let mut p = get(s, run_id).await?.ok_or("The proposal was removed while the model was working.")?;
    if p.base_version_id != w.version_id || p.accepted_version_id.is_some() {
        return Err("The proposal changed while the model was working. Ask again.".into());
    }
    p.variants.retain(|v| v.model_key != w.variant.model_key);
    p.variants.push(w.variant.clone());
    p.updated_at = now();
    store_proposal(s, &w, p).await
}

/// One model's answer, held to the plan and the locks, and what it was made for.
struct Written {
    bundle: RunBundle,
    version_id: String,
    prompt: fitted_core::prompts::Prompt,
    variant: Variant,
}

async fn rewrite_with(
    s: &Services,
    run_id: &str,
    kind: ProviderKind,
    mode: AiMode,
    on_chars: Option<std::rc::Rc<dyn Fn(u32)>>,
    cancel: &CancelToken,
) -> Result<Written, String> {
    let store = s.store_ready().await?;
    let b = runs::load(s, run_id).await?;
    let resume = b.resume.as_ref().ok_or("The résumé of this run was deleted.")?;
    let plan = b.plan.as_ref().ok_or("This run has no selection yet: let it finish first.")?;
    let rubric = b.rubric.as_ref().ok_or("This run has no requirements yet: let it finish first.")?;
    let version_id = b.version.as_ref().ok_or("This run was made before Fitted kept versions: tailor again to get a proposal.")?.id.clone();
    // The locks as the user has them now: a bullet locked since the run is not sent either.
    let locks = store.get::<fitted_core::model::MasterResume>(schema::MASTER_RESUMES, &resume.id).await.map_err(err)?.map(|m| m.locks).unwrap_or_default();
    let prompt = rewrite::rewrite_prompt(&resume.document, plan, rubric, &locks, mode);
    let config = super::keys::config_for(s, kind).await?;
    let model = config.model_for(Task::Tailoring).ok_or("Choose a model for tailoring for this provider in Settings → AI providers.")?;
    let request = ChatRequest::new(model, prompt.prompt.user.clone()).with_system(prompt.prompt.system.clone());
    let schema = JsonSchema::new("resume_rewrite", prompt.prompt.schema.clone());
    let answer = ask_json::<RewriteReply>(s, config, request, schema, on_chars, cancel).await.map_err(call_failed)?;
    let mut result = rewrite::enforce(&resume.document, plan, &locks, &answer.value, mode, Some(runs::this_month()));
    result.enforcement.repair_applied = answer.repaired;
    let (model_key, model_name) = model_names(kind, &answer.response.model);
    Ok(Written { version_id, prompt: prompt.prompt, variant: Variant { model_key, model_name, rewrite: result }, bundle: b })
}

/// Stores `proposal` and records the model's use on the run, unless the run moved on during
/// the call (the call can take minutes; a re-selection or another tab may have changed it):
/// a proposal for a plan or version the run no longer has is not stored.
async fn store_proposal(s: &Services, w: &Written, proposal: Proposal) -> Result<Proposal, String> {
    let store = s.store_ready().await?;
    let plan = w.bundle.plan.as_ref().ok_or("This run has no selection yet: let it finish first.")?;
    let mut run: Run = store.get(schema::RUNS, &w.bundle.run.id).await.map_err(err)?.ok_or("That run was deleted while the model was working.")?;
    let plan_now: Option<fitted_core::model::SelectionPlan> = store.get(schema::SELECTION_PLANS, &plan.id).await.map_err(err)?;
    if run.version_id.as_deref() != Some(w.version_id.as_str()) || plan_now.as_ref() != Some(plan) {
        return Err("The run changed while the model was working (a new selection or version). Ask for a new proposal.".into());
    }
    // It stays a no-model run (`mockMode`) until the proposal is accepted.
    record_model_use(&mut run, &w.prompt, |p| &mut p.tailor, &w.variant.model_key);
    run.updated_at = now();
    let mut batch = fitted_store::repo::Batch::new();
    batch.put(schema::PROPOSALS, &proposal).map_err(err)?.put(schema::RUNS, &run).map_err(err)?;
    store.write(batch).await.map_err(err)?;
    Ok(proposal)
}

/// What accepting would make, for the review: `None` when the decisions accept nothing.
pub fn preview(b: &RunBundle, p: &Proposal, decisions: &HashMap<String, Decision>, summary: &Decision, skills: bool) -> Option<fitted_core::resume::JsonResume> {
    let doc = &b.resume.as_ref()?.document;
    let mut all = vec![p.rewrite.as_ref()?];
    all.extend(p.variants.iter().map(|v| &v.rewrite));
    let applied = rewrite::apply_with(doc, &all, decisions, summary, skills);
    (applied != *doc).then_some(applied)
}

/// Accept the user's decisions: the accepted (and edited) text becomes an AI_GENERATED
/// version, child of the version tailored, with its `versionDiffs` record; the run is pinned
/// to it and its PDF made again from it (same selection). A flagged bullet is only ever
/// accepted by its own decision — the review offers "accept all" for unflagged ones only.
pub async fn accept(
    s: &Services,
    run_id: &str,
    decisions: HashMap<String, Decision>,
    summary: Decision,
    skills: bool,
    sink: RunSink,
) -> Result<(), String> {
    let store = s.store_ready().await?;
    let b = runs::load(s, run_id).await?;
    let p = get(s, run_id).await?.ok_or("This run has no proposal to accept.")?;
    let result = p.rewrite.as_ref().ok_or("This proposal has no bullets to accept.")?;
    let resume = b.resume.as_ref().ok_or("The résumé of this run was deleted.")?;
    if b.version.as_ref().map(|v| v.id.as_str()) != Some(p.base_version_id.as_str()) {
        return Err("This proposal was made for another version of the résumé than the run now uses. Ask for a new proposal.".into());
    }
    // Locks as they are now: content locked since the proposal was made keeps its text.
    let locks = store.get::<fitted_core::model::MasterResume>(schema::MASTER_RESUMES, &resume.id).await.map_err(err)?.map(|m| m.locks).unwrap_or_default();
    let mut decisions = decisions;
    // A merge stays out too when a bullet it would absorb is locked now (any model's merge).
    let locked = |id: &str| result.bullets.iter().find(|x| x.bullet_id == id).is_none_or(|x| rewrite::bullet_locked(&locks, &x.source_path, &x.original_text));
    let absorbs_locked = |id: &str, d: &Decision| {
        let k = match d { Decision::Variant(k) => *k, _ => 0 };
        let rw = if k == 0 { Some(result) } else { p.variants.get(k - 1).map(|v| &v.rewrite) };
        rw.and_then(|r| r.bullets.iter().find(|x| x.bullet_id == id)).is_some_and(|x| x.merged_ids.iter().any(|m| locked(m)))
    };
    decisions.retain(|id, d| !locked(id) && !absorbs_locked(id, d));
    let summary = if locks.section_locked(fitted_core::model::ResumeSectionType::Other) { Decision::Reject } else { summary };
    let skills = skills && !locks.section_locked(fitted_core::model::ResumeSectionType::Skills);
    let doc = preview(&b, &p, &decisions, &summary, skills).ok_or("Nothing is accepted: accept or edit at least one rewrite first (locked content cannot be).")?;
    let job = b.job.as_ref().map(|j| j.title.clone()).unwrap_or_else(|| "a job".into());
    let committed = store
        .commit_branch(&resume.id, &doc, ResumeVersionType::AiGenerated, &p.base_version_id, Some(format!("AI-tailored for {job}")))
        .await
        .map_err(err)?;
    let v = committed.version;
    let d = diff::diff(&resume.document, &doc);
    let record = VersionDiff {
        id: diff_id(&p.base_version_id, &v.id),
        from_version_id: p.base_version_id.clone(),
        to_version_id: v.id.clone(),
        added: serde_json::to_value(&d.added).unwrap_or_default(),
        removed: serde_json::to_value(&d.removed).unwrap_or_default(),
        rewritten: serde_json::to_value(&d.rewritten).unwrap_or_default(),
        created_at: now(),
    };
    // The run moves to the new version; what was made from the old one goes, and the
    // tailored record says what the model changed (seed 000 wasRewritten).
    let mut run = b.run.clone();
    run.version_id = Some(v.id.clone());
    run.version_content_hash = Some(v.content_hash.clone());
    run.mock_mode = Some(false);
    run.primary_model_key = Some(p.model_key.clone());
    run.updated_at = now();
    // Accepted merges removed bullets: the plan and the tailored record move to the new
    // version's ids and paths (identity when nothing was merged).
    let all: Vec<&rewrite::RewriteProposal> = std::iter::once(result).chain(p.variants.iter().map(|v| &v.rewrite)).collect();
    let merged = rewrite::merged_away(&all, &decisions);
    let absorbed: Vec<String> = merged.iter().map(|(a, _)| a.clone()).collect();
    let map = fitted_core::tailor::merge::renumber(&resume.document, &absorbed);
    let plan = (!merged.is_empty()).then(|| b.plan.as_ref().map(|plan| fitted_core::tailor::merge::plan_after(plan, &merged, &map))).flatten();
    let mut tailored = b.tailored.as_ref().map(|t| fitted_core::tailor::merge::tailored_after(t, &merged, &map));
    if let Some(t) = tailored.as_mut() {
        // The text each proposed bullet has in the new version (whichever model's, or the
        // user's edit), by its id there.
        let now_texts = fitted_core::import::bullets(&doc);
        let proposed: std::collections::HashSet<&str> =
            result.bullets.iter().filter_map(|x| map.get(&x.bullet_id)).map(|(id, _)| id.as_str()).collect();
        let text_of = |id: &str| {
            proposed.contains(id).then(|| now_texts.iter().find(|x| x.bullet_id == id).map(|x| x.text.clone())).flatten()
        };
        let fix = |bl: &mut TailoredBullet| {
            if let Some(text) = text_of(&bl.bullet_id) {
                bl.was_rewritten = text != bl.original_text;
                bl.tailored_text = text;
            }
        };
        t.work_experience.iter_mut().flat_map(|r| r.bullets.iter_mut()).for_each(&fix);
        t.projects.iter_mut().flat_map(|r| r.bullets.iter_mut()).for_each(fix);
        t.model_key = p.model_key.clone();
        // Every model whose text was taken, first model first.
        let name = |k: usize| match k {
            0 => if p.model_name.is_empty() { p.model_key.clone() } else { p.model_name.clone() },
            k => p.variants.get(k - 1).map(|v| v.model_name.clone()).unwrap_or_default(),
        };
        let mut used: Vec<usize> = decisions
            .values()
            .filter_map(|d| match d {
                Decision::Accept | Decision::Edit(_) => Some(0),
                Decision::Variant(k) => Some(*k),
                Decision::Reject => None,
            })
            .collect();
        used.sort_unstable();
        used.dedup();
        t.model_name = if used.is_empty() { name(0) } else { used.into_iter().map(name).filter(|n| !n.is_empty()).collect::<Vec<_>>().join(" + ") };
        t.summary = doc.basics.as_ref().and_then(|x| x.summary.clone()).unwrap_or_default();
    }
    let mut accepted = p.clone();
    accepted.accepted_version_id = Some(v.id.clone());
    accepted.updated_at = now();
    let mut batch = fitted_store::repo::Batch::new();
    batch
        .put(schema::VERSION_DIFFS, &record)
        .map_err(err)?
        .put(schema::RUNS, &run)
        .map_err(err)?
        .put(schema::PROPOSALS, &accepted)
        .map_err(err)?;
    if let Some(t) = &tailored {
        batch.put(schema::TAILORED_RESUMES, t).map_err(err)?;
    }
    if let Some(plan) = &plan {
        batch.put(schema::SELECTION_PLANS, plan).map_err(err)?;
    }
    for a in &b.artifacts {
        batch.delete(schema::GENERATED_ARTIFACTS, a.id.clone());
    }
    store.write(batch).await.map_err(err)?;
    {
        use leptos::prelude::Update;
        s.versions_changed.update(|n| *n += 1);
    }
    runs::advance(s, run_id, sink).await
}
