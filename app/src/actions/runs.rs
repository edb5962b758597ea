//! Tailoring runs: seed 000's pipeline, stage by stage, with every stage's output and timing
//! stored on the run as it happens — so a reload mid-run shows where it stopped, and
//! [`advance`] resumes from the first stage whose output is missing.

use fitted_core::model::{
    ArtifactType, CacheHits, EvidenceScores, GeneratedArtifact, JdRubric, Job, JobFitScore, MasterResume, Run,
    RunStage, RunStatus, RunTiming, SelectionConfig, SelectionPlan, TailoredResume,
};
use fitted_core::protocol::{Request, Response};
use fitted_core::render_source::{self, LayoutOptions, Paper};
use fitted_core::resume::JsonResume;
use fitted_store::repo::{now, uuid_v4, Batch};
use fitted_store::schema;

use super::{call, now_ms};
use crate::state::Services;

/// Everything stored for one run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunBundle {
    pub run: Run,
    pub job: Option<Job>,
    pub resume: Option<MasterResume>,
    pub rubric: Option<JdRubric>,
    pub plan: Option<SelectionPlan>,
    pub tailored: Option<TailoredResume>,
    pub artifacts: Vec<GeneratedArtifact>,
}

/// This month on the user's clock, as (year, month): "present" for an ongoing role when
/// the engine counts years of experience.
fn this_month() -> (i32, u32) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, d.get_month() + 1)
}

fn rubric_id(run: &str) -> String {
    format!("{run}-rubric")
}
fn plan_id(run: &str) -> String {
    format!("{run}-plan")
}
fn tailored_id(run: &str) -> String {
    format!("{run}-tailored")
}
fn artifact_id(run: &str, t: ArtifactType) -> String {
    format!("{run}-{}", t.extension())
}

fn err(e: fitted_store::StoreError) -> String {
    e.user_message()
}

/// Create a run for (active or given) résumé and a job. Refuses a résumé without bullets.
pub async fn start(s: &Services, job_id: &str, master_id: Option<String>) -> Result<String, String> {
    let store = s.store_ready().await?;
    let resume = match master_id {
        Some(id) => super::resumes::get(s, &id).await?,
        None => store
            .active_master_resume()
            .await
            .map_err(err)?
            .ok_or("Add a master résumé first (Résumés → Import or New), then tailor it for this job.")?,
    };
    if fitted_core::import::bullets(&resume.document).is_empty() {
        return Err(format!(
            "“{}” has no bullets to choose from. Add highlights to its roles or projects, then try again.",
            resume.name
        ));
    }
    super::jobs::get(s, job_id).await?;
    let id = uuid_v4();
    let t = now();
    let run = Run {
        id: id.clone(),
        run_id: id.clone(),
        user_id: store.user_id().to_string(),
        master_resume_id: resume.id.clone(),
        job_id: job_id.to_string(),
        status: RunStatus::Pending,
        stage: RunStage::Initialized,
        error_message: None,
        // No LLM in this pipeline: the seed's flag for runs without model calls.
        mock_mode: Some(true),
        prompt_versions: None,
        prompt_hashes: None,
        model_variants: Some(vec![fitted_core::tailor::NO_MODEL_KEY.into()]),
        primary_model_key: Some(fitted_core::tailor::NO_MODEL_KEY.into()),
        timing: Some(RunTiming::default()),
        cache_hits: Some(CacheHits::default()),
        started_at: Some(t),
        completed_at: None,
        is_deleted: None,
        deleted_at: None,
        created_at: t,
        updated_at: t,
    };
    store.create_run(&run).await.map_err(err)?;
    Ok(id)
}

pub async fn load(s: &Services, run_id: &str) -> Result<RunBundle, String> {
    let store = s.store_ready().await?;
    let run: Run = store.get(schema::RUNS, run_id).await.map_err(err)?.ok_or("That run was not found.")?;
    Ok(RunBundle {
        job: store.get(schema::JOBS, &run.job_id).await.map_err(err)?,
        resume: store.get(schema::MASTER_RESUMES, &run.master_resume_id).await.map_err(err)?,
        rubric: store.get(schema::JD_RUBRICS, &rubric_id(run_id)).await.map_err(err)?,
        plan: store.get(schema::SELECTION_PLANS, &plan_id(run_id)).await.map_err(err)?,
        tailored: store.get(schema::TAILORED_RESUMES, &tailored_id(run_id)).await.map_err(err)?,
        artifacts: store.artifacts_of(run_id).await.map_err(err)?,
        run,
    })
}

/// The first stage whose output is not stored yet.
pub fn next_stage(b: &RunBundle) -> RunStage {
    if b.rubric.is_none() {
        RunStage::Extracting
    } else if b.plan.is_none() {
        RunStage::EmbeddingJd
    } else if b.tailored.is_none() {
        RunStage::Tailoring
    } else if !b.artifacts.iter().any(|a| a.artifact_type == ArtifactType::Typ) {
        RunStage::GeneratingLatex
    } else if !b.artifacts.iter().any(|a| a.artifact_type == ArtifactType::Pdf) {
        RunStage::GeneratingPdf
    } else {
        RunStage::Done
    }
}

/// Whether a run is still going in this tab (so the page shows a live display rather than
/// "interrupted").
pub type StageSink = std::rc::Rc<dyn Fn(RunStage)>;

async fn set_stage(s: &Services, run: &mut Run, stage: RunStage, sink: &StageSink) -> Result<(), String> {
    run.stage = stage;
    run.status = match stage {
        RunStage::Done => RunStatus::Success,
        RunStage::Error => RunStatus::Error,
        _ => RunStatus::Running,
    };
    if stage != RunStage::Error {
        run.error_message = None;
    }
    s.store_ready().await?.update_run(run).await.map_err(err)?;
    sink(stage);
    Ok(())
}

fn timing(run: &mut Run) -> &mut RunTiming {
    run.timing.get_or_insert_with(RunTiming::default)
}

/// The template and paper the user chose (Settings), or the defaults.
pub async fn layout_choice(s: &Services) -> (String, LayoutOptions) {
    let profile = match s.store() {
        Ok(st) => st.profile().await.ok(),
        Err(_) => None,
    };
    let template = profile
        .as_ref()
        .and_then(|u| u.settings.latex_template.clone())
        .filter(|t| render_source::template(t).is_ok())
        .unwrap_or_else(|| render_source::DEFAULT_TEMPLATE.to_string());
    (template, LayoutOptions { paper: Paper::UsLetter, step: 0 })
}

/// Run every missing stage to the end. On failure the run is marked `ERROR` with a message
/// naming the stage; everything stored so far stays, so [`advance`] can resume.
pub async fn advance(s: &Services, run_id: &str, sink: StageSink) -> Result<(), String> {
    let mut bundle = load(s, run_id).await?;
    let t_start = now_ms();
    let mut stage = next_stage(&bundle);
    let result = run_stages(s, &mut bundle, &mut stage, &sink).await;
    if let Err(msg) = &result {
        let mut run = load(s, run_id).await.map(|b| b.run).unwrap_or(bundle.run.clone());
        run.error_message = Some(format!("While “{}”: {msg}", stage.label()));
        // The failed stage is remembered by what is missing; the run shows ERROR.
        let _ = set_stage(s, &mut run, RunStage::Error, &sink).await;
    } else {
        let mut run = load(s, run_id).await?.run;
        let total = timing(&mut run).total_ms.unwrap_or(0.0) + (now_ms() - t_start);
        timing(&mut run).total_ms = Some(total);
        run.completed_at = Some(now());
        set_stage(s, &mut run, RunStage::Done, &sink).await?;
    }
    result
}

async fn run_stages(s: &Services, b: &mut RunBundle, stage: &mut RunStage, sink: &StageSink) -> Result<(), String> {
    let store = s.store_ready().await?;
    let job = b.job.clone().ok_or("The job of this run was deleted. Restore it from Jobs → Recently deleted, or start a new run.")?;
    let resume = b.resume.clone().ok_or("The résumé of this run was deleted. Restore it from Résumés → Recently deleted.")?;
    let run_key = b.run.id.clone();
    let mut run = b.run.clone();

    if b.rubric.is_none() {
        *stage = RunStage::Extracting;
        set_stage(s, &mut run, RunStage::Extracting, sink).await?;
        *stage = RunStage::RubricGenerating;
        set_stage(s, &mut run, RunStage::RubricGenerating, sink).await?;
        let t0 = now_ms();
        let Response::Rubric(out) = call(s, Request::ExtractRubric { text: job.raw_description.clone() }).await? else {
            return Err("Unexpected answer from the engine.".into());
        };
        let mut rubric = out.rubric;
        rubric.id = rubric_id(&run_key);
        rubric.run_id = run_key.clone();
        rubric.created_at = now();
        rubric.job_meta.job_url = (!job.job_url.is_empty()).then(|| job.job_url.clone());
        let mut j = job.clone();
        if j.extracted_text.is_none() {
            j.extracted_text = Some(out.extracted_text);
        }
        timing(&mut run).rubric_ms = Some(now_ms() - t0);
        run.stage = RunStage::RubricGenerated;
        run.status = RunStatus::Running;
        run.updated_at = now();
        let mut batch = Batch::new();
        batch.put(schema::JD_RUBRICS, &rubric).map_err(err)?;
        batch.put(schema::JOBS, &j).map_err(err)?;
        batch.put(schema::RUNS, &run).map_err(err)?;
        store.write(batch).await.map_err(err)?;
        sink(RunStage::RubricGenerated);
        b.rubric = Some(rubric);
    }

    if b.plan.is_none() {
        *stage = RunStage::EmbeddingJd;
        set_stage(s, &mut run, RunStage::EmbeddingJd, sink).await?;
        *stage = RunStage::Selecting;
        set_stage(s, &mut run, RunStage::Selecting, sink).await?;
        select_into(s, b, &mut run, &resume, &job, None, Vec::new(), Vec::new()).await?;
        sink(RunStage::SelectionComplete);
    }

    if b.tailored.is_none() {
        *stage = RunStage::Tailoring;
        set_stage(s, &mut run, RunStage::Tailoring, sink).await?;
        tailor_into(s, b, &mut run, &resume).await?;
        sink(RunStage::Tailored);
    }

    *stage = RunStage::GeneratingLatex;
    set_stage(s, &mut run, RunStage::GeneratingLatex, sink).await?;
    *stage = RunStage::GeneratingPdf;
    render_fitted(s, b, &mut run, sink).await?;
    b.run = run;
    Ok(())
}

/// Selection stage (also used when the user edits the rubric, pins/excludes or budgets).
#[allow(clippy::too_many_arguments)]
async fn select_into(
    s: &Services,
    b: &mut RunBundle,
    run: &mut Run,
    resume: &MasterResume,
    job: &Job,
    config: Option<SelectionConfig>,
    pinned: Vec<String>,
    excluded: Vec<String>,
) -> Result<(), String> {
    let store = s.store_ready().await?;
    let rubric = b.rubric.clone().ok_or("The rubric is missing.")?;
    let t0 = now_ms();
    let Response::Selection(out) = call(
        s,
        Request::Select {
            document: resume.document.clone(),
            rubric,
            job_text_hash: job.description_hash.clone(),
            pinned,
            excluded,
            config,
            as_of: Some(this_month()),
        },
    )
    .await?
    else {
        return Err("Unexpected answer from the engine.".into());
    };
    let mut plan = out.plan;
    plan.id = plan_id(&run.id);
    plan.run_id = run.id.clone();
    plan.created_at = now();
    let t = timing(run);
    t.embedding_ms = Some(out.embedding_ms);
    t.selection_ms = Some(now_ms() - t0);
    // Cache records (seed 000 evidenceScores, seed 004 jobFitScores): reuse is recorded.
    let ev_id = format!("{}-{}", resume.content_hash, fitted_core::evidence::rules_hash());
    let cached: Option<EvidenceScores> = store.get(schema::EVIDENCE_SCORES, &ev_id).await.map_err(err)?;
    run.cache_hits = Some(CacheHits { embeddings: Some(false), evidence_scores: Some(cached.is_some()) });
    run.stage = RunStage::SelectionComplete;
    run.status = RunStatus::Running;
    run.updated_at = now();
    let mut batch = Batch::new();
    if cached.is_none() {
        batch
            .put(
                schema::EVIDENCE_SCORES,
                &EvidenceScores {
                    id: ev_id,
                    master_resume_id: resume.id.clone(),
                    master_resume_hash: resume.content_hash.clone(),
                    rules_hash: fitted_core::evidence::rules_hash().into(),
                    rules_version: fitted_core::evidence::RULES_VERSION.into(),
                    scores: out.evidence.clone(),
                    cached_at: now(),
                },
            )
            .map_err(err)?;
    }
    let rules = fitted_core::fit::rules_hash();
    batch
        .put(
            schema::JOB_FIT_SCORES,
            &JobFitScore {
                id: format!("{}-{}-{}", resume.content_hash, job.description_hash, &rules[..16]),
                user_id: run.user_id.clone(),
                job_id: job.id.clone(),
                master_resume_id: resume.id.clone(),
                fit_score: out.fit.fit_score,
                fit_reasons: out.fit.fit_reasons.clone(),
                missing_skills: out.fit.missing_skills.clone(),
                strengths: out.fit.strengths.clone(),
                resume_hash: resume.content_hash.clone(),
                job_hash: job.description_hash.clone(),
                rules_hash: rules,
                created_at: now(),
            },
        )
        .map_err(err)?;
    batch.put(schema::SELECTION_PLANS, &plan).map_err(err)?;
    batch.put(schema::RUNS, &*run).map_err(err)?;
    store.write(batch).await.map_err(err)?;
    b.plan = Some(plan);
    Ok(())
}

async fn tailor_into(s: &Services, b: &mut RunBundle, run: &mut Run, resume: &MasterResume) -> Result<(), String> {
    let plan = b.plan.clone().ok_or("The selection is missing.")?;
    let t0 = now_ms();
    let Response::Tailored(t) = call(s, Request::Tailor { document: resume.document.clone(), plan }).await? else {
        return Err("Unexpected answer from the engine.".into());
    };
    let mut record = t.record;
    record.id = tailored_id(&run.id);
    record.run_id = run.id.clone();
    record.created_at = now();
    timing(run).tailor_ms = Some(now_ms() - t0);
    run.stage = RunStage::Tailored;
    run.updated_at = now();
    let store = s.store_ready().await?;
    let mut batch = Batch::new();
    batch.put(schema::TAILORED_RESUMES, &record).map_err(err)?;
    batch.put(schema::RUNS, &*run).map_err(err)?;
    store.write(batch).await.map_err(err)?;
    b.tailored = Some(record);
    Ok(())
}

/// The document the run typesets: the tailored résumé's chosen bullets.
pub fn tailored_document(b: &RunBundle) -> Option<JsonResume> {
    let resume = b.resume.as_ref()?;
    let plan = b.plan.as_ref()?;
    Some(fitted_core::tailor::tailor_without_llm(&resume.document, plan).document)
}

fn artifact(run: &str, t: ArtifactType, base: &str, data: Vec<u8>) -> GeneratedArtifact {
    GeneratedArtifact {
        id: artifact_id(run, t),
        run_id: run.to_string(),
        model_key: Some(fitted_core::tailor::NO_MODEL_KEY.into()),
        artifact_type: t,
        file_name: format!("{base}.{}", t.extension()),
        storage_id: artifact_id(run, t),
        mime_type: t.mime_type().into(),
        size_bytes: data.len() as u64,
        data,
        is_deleted: None,
        deleted_at: None,
        created_at: now(),
    }
}

/// A file name from the person and the job: "Mateo-Lindqvist-Vantaloop-Payments".
pub fn file_base(b: &RunBundle) -> String {
    let person = b.resume.as_ref().and_then(|r| r.document.basics.as_ref()).and_then(|x| x.name.clone()).unwrap_or_default();
    let company = b.job.as_ref().and_then(|j| j.company.clone()).unwrap_or_default();
    let raw = format!("{person} {company} resume");
    let slug: String = raw
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "resume".into()
    } else {
        slug
    }
}

/// Typesetting stages: sources (Typst, LaTeX, JSON) then the PDF, all stored with the run.
async fn render_into(s: &Services, b: &mut RunBundle, run: &mut Run, sink: &StageSink) -> Result<(bool, u32), String> {
    let doc = tailored_document(b).ok_or("The tailored résumé is missing.")?;
    let (template, layout) = layout_choice(s).await;
    let base = file_base(b);
    let t0 = now_ms();
    crate::fonts::ensure_fallback_fonts(s, &doc).await?;
    set_stage(s, run, RunStage::GeneratingPdf, sink).await?;
    let Response::Rendered(out) =
        call(s, Request::Render { document: doc.clone(), template: template.clone(), layout, fit_to_page: true }).await?
    else {
        return Err("Unexpected answer from the engine.".into());
    };
    let t = timing(run);
    t.latex_ms = Some(0.0);
    t.pdf_ms = Some(now_ms() - t0);
    run.updated_at = now();
    let json = fitted_core::import::export_json_resume(&doc).into_bytes();
    let arts = vec![
        artifact(&run.id, ArtifactType::Typ, &base, out.typst_source.into_bytes()),
        artifact(&run.id, ArtifactType::Tex, &base, out.latex_source.into_bytes()),
        artifact(&run.id, ArtifactType::Json, &base, json),
        artifact(&run.id, ArtifactType::Pdf, &base, out.pdf),
    ];
    let store = s.store_ready().await?;
    let mut batch = Batch::new();
    for a in &arts {
        batch.put(schema::GENERATED_ARTIFACTS, a).map_err(err)?;
    }
    batch.put(schema::RUNS, &*run).map_err(err)?;
    store.write(batch).await.map_err(err)?;
    b.artifacts = arts;
    Ok((out.fits_one_page, out.lines_over))
}

/// Rounds of "fewer bullets, typeset again" before giving up on one page.
const MAX_FIT_ROUNDS: usize = 4;

/// Typeset; when even the tightest legible layout overflows the page, lower the bullet
/// budgets by about the overflow (two lines per bullet) and select again, so the PDF is one
/// page holding the most relevant bullets rather than a second page or a cut-off list.
/// Projects give way first: recruiters read experience first. Pins and exclusions stay.
async fn render_fitted(s: &Services, b: &mut RunBundle, run: &mut Run, sink: &StageSink) -> Result<(), String> {
    let resume = b.resume.clone().ok_or("The résumé of this run was deleted.")?;
    let job = b.job.clone().ok_or("The job of this run was deleted.")?;
    let before = b.plan.as_ref().map(|p| p.budgets_used.experience_bullets + p.budgets_used.project_bullets).unwrap_or(0);
    for round in 0..=MAX_FIT_ROUNDS {
        let (fits, over) = render_into(s, b, run, sink).await?;
        let plan = b.plan.clone().ok_or("The selection is missing.")?;
        let now_used = plan.budgets_used.experience_bullets + plan.budgets_used.project_bullets;
        if fits {
            if now_used < before {
                s.toasts.info(format!(
                    "Left out {} more bullet(s) so the résumé fits on one page; they are listed under “Left out” in the review.",
                    before - now_used
                ));
            }
            return Ok(());
        }
        let shrunk = (round < MAX_FIT_ROUNDS).then(|| fitted_core::select::config::shrink_to_fit(&plan, over)).flatten();
        let Some(config) = shrunk else {
            s.toasts.info(format!(
                "This résumé does not fit on one page even at the tightest legible layout ({over} line(s) over). Exclude a bullet or two, or shorten long sections, in the review below."
            ));
            return Ok(());
        };
        let pinned: Vec<String> =
            plan.selected.work_experience.iter().chain(&plan.selected.projects).filter(|x| x.pinned).map(|x| x.bullet_id.clone()).collect();
        let excluded = plan.selection_notes.as_ref().and_then(|n| n.excluded_by_user.clone()).unwrap_or_default();
        set_stage(s, run, RunStage::Selecting, sink).await?;
        select_into(s, b, run, &resume, &job, Some(config), pinned, excluded).await?;
        set_stage(s, run, RunStage::Tailoring, sink).await?;
        tailor_into(s, b, run, &resume).await?;
        set_stage(s, run, RunStage::GeneratingLatex, sink).await?;
    }
    Ok(())
}


/// Re-run selection (and everything after it) with the user's changes to the rubric,
/// pins, exclusions or budgets.
pub async fn reselect(
    s: &Services,
    run_id: &str,
    rubric: Option<JdRubric>,
    config: Option<SelectionConfig>,
    pinned: Vec<String>,
    excluded: Vec<String>,
    sink: StageSink,
) -> Result<(), String> {
    let mut b = load(s, run_id).await?;
    let store = s.store_ready().await?;
    if let Some(mut r) = rubric {
        r.rubric_hash = fitted_core::rubric::rubric_hash(&r);
        store.put(schema::JD_RUBRICS, &r).await.map_err(err)?;
        b.rubric = Some(r);
    }
    let resume = b.resume.clone().ok_or("The résumé of this run was deleted.")?;
    let job = b.job.clone().ok_or("The job of this run was deleted.")?;
    let mut run = b.run.clone();
    let result = async {
        set_stage(s, &mut run, RunStage::Selecting, &sink).await?;
        select_into(s, &mut b, &mut run, &resume, &job, config, pinned, excluded).await?;
        set_stage(s, &mut run, RunStage::Tailoring, &sink).await?;
        tailor_into(s, &mut b, &mut run, &resume).await?;
        set_stage(s, &mut run, RunStage::GeneratingLatex, &sink).await?;
        render_fitted(s, &mut b, &mut run, &sink).await?;
        run.completed_at = Some(now());
        set_stage(s, &mut run, RunStage::Done, &sink).await
    }
    .await;
    if let Err(msg) = &result {
        run.error_message = Some(format!("While updating the selection: {msg}"));
        let _ = set_stage(s, &mut run, RunStage::Error, &sink).await;
    }
    result
}

/// Soft delete (seed 000 `isDeleted`) with its artifacts; restorable.
pub async fn set_deleted(s: &Services, run_id: &str, deleted: bool) -> Result<(), String> {
    let store = s.store_ready().await?;
    let mut b = load(s, run_id).await?;
    let t = now();
    b.run.is_deleted = Some(deleted);
    b.run.deleted_at = deleted.then_some(t);
    b.run.updated_at = t;
    let mut batch = Batch::new();
    batch.put(schema::RUNS, &b.run).map_err(err)?;
    for mut a in store.by_index::<GeneratedArtifact>(schema::GENERATED_ARTIFACTS, "by_run", run_id.into()).await.map_err(err)? {
        a.is_deleted = Some(deleted);
        a.deleted_at = deleted.then_some(t);
        batch.put(schema::GENERATED_ARTIFACTS, &a).map_err(err)?;
    }
    store.write(batch).await.map_err(err)
}

