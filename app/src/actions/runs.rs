//! Tailoring runs: the app's side of the core run driver ([`fitted_core::run`]). The driver
//! decides each step; this module performs it through the worker and stores its output,
//! with the run's new stage and timing, in one IndexedDB write. A reload mid-run loses
//! nothing: [`advance`] rebuilds the driver from what is stored and resumes at the first
//! missing output.

use fitted_core::model::{
    ArtifactType, EvidenceScores, GeneratedArtifact, JdRubric, Job, JobFitScore, MasterResume, ResumeVersion,
    ResumeVersionType, Run, RunStage, RunStatus, RunTiming, SelectionConfig, SelectionPlan, TailoredResume,
};
use fitted_core::protocol::{Request, Response};
use fitted_core::render_source::{self, Paper};
use fitted_core::resume::JsonResume;
use fitted_core::run::{Driver, ModelLoad, Output, RunSpec, Step, Stored};
use fitted_store::repo::{now, uuid_v4, Batch};
use fitted_store::schema;

use super::{call, now_ms};
use crate::state::Services;

/// Everything stored for one run, plus its page images (kept in memory only: a page's pixels
/// are megabytes, so they are made again from the stored Typst source when a run is opened
/// later).
#[derive(Clone, Debug, PartialEq)]
pub struct RunBundle {
    pub run: Run,
    pub job: Option<Job>,
    /// The run's résumé record. For a run pinned to a version, its `document` is that
    /// version's document (what every stage reads), not the résumé as it is now.
    pub resume: Option<MasterResume>,
    /// The version the run is pinned to; `None` for runs made before versions that could not
    /// be matched to one ("version unknown").
    pub version: Option<ResumeVersion>,
    pub rubric: Option<JdRubric>,
    pub plan: Option<SelectionPlan>,
    pub tailored: Option<TailoredResume>,
    pub artifacts: Vec<GeneratedArtifact>,
    /// Shared, not copied, between the page's signals (each page is megabytes).
    pub pages: std::sync::Arc<Vec<fitted_core::protocol::PageImage>>,
}

impl RunBundle {
    pub fn artifact(&self, t: ArtifactType) -> Option<&GeneratedArtifact> {
        self.artifacts.iter().find(|a| a.artifact_type == t)
    }

    fn stored(&self) -> Stored {
        Stored {
            rubric: self.rubric.clone(),
            plan: self.plan.clone(),
            tailored: self.tailored.clone(),
            rendered: self.artifact(ArtifactType::Pdf).is_some(),
        }
    }
}

/// What a run reports while it works.
#[derive(Clone, Debug)]
pub enum RunEvent {
    /// The driver started this stage.
    Stage(RunStage),
    /// An output was stored: the run as it is now.
    Stored(Box<RunBundle>),
}

pub type RunSink = std::rc::Rc<dyn Fn(RunEvent)>;

/// This month on the user's clock, as (year, month): "present" for an ongoing role when
/// the engine counts years of experience.
pub fn this_month() -> (i32, u32) {
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
    let _span = crate::perf::span("run:start");
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
    let job = super::jobs::get(s, job_id).await?;
    // The run reads this version and nothing else: later edits make new versions and leave
    // the run's PDF as it was. Unchanged content reuses the head version.
    let version = store
        .commit_version(&resume.id, &resume.document, ResumeVersionType::Manual, None, None)
        .await
        .map_err(err)?
        .version;
    let id = uuid_v4();
    let t = now();
    let run = Run {
        id: id.clone(),
        run_id: id.clone(),
        user_id: store.user_id().to_string(),
        master_resume_id: resume.id.clone(),
        version_id: Some(version.id.clone()),
        version_content_hash: Some(version.content_hash.clone()),
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
        // Nothing is reused from a cache yet: every stage is computed (and cheap).
        cache_hits: None,
        started_at: Some(t),
        completed_at: None,
        is_deleted: None,
        deleted_at: None,
        ats_read_back: None,
        created_at: t,
        updated_at: t,
    };
    store.create_run(&run).await.map_err(err)?;
    FRESH.with(|f| {
        *f.borrow_mut() = Some(RunBundle {
            run,
            job: Some(job),
            resume: Some(MasterResume { head_version_id: Some(version.id.clone()), ..resume }),
            version: Some(version),
            rubric: None,
            plan: None,
            tailored: None,
            artifacts: Vec::new(),
            pages: Default::default(),
        })
    });
    Ok(id)
}

thread_local! {
    /// The run [`start`] just created, handed to its page so it does not read it back.
    static FRESH: std::cell::RefCell<Option<RunBundle>> = const { std::cell::RefCell::new(None) };
}

/// The bundle of a run this tab just created, once.
pub fn take_fresh(run_id: &str) -> Option<RunBundle> {
    FRESH.with(|f| f.borrow_mut().take_if(|b| b.run.id == run_id))
}

pub async fn load(s: &Services, run_id: &str) -> Result<RunBundle, String> {
    let _span = crate::perf::span("run:load");
    let store = s.store_ready().await?;
    let run: Run = store.get(schema::RUNS, run_id).await.map_err(err)?.ok_or("That run was not found.")?;
    let mut resume: Option<MasterResume> = store.get(schema::MASTER_RESUMES, &run.master_resume_id).await.map_err(err)?;
    let version = match &run.version_id {
        Some(id) => {
            let v = store.version(id).await.map_err(err)?;
            let doc = store.version_document(&v).await.map_err(err)?;
            if run.version_content_hash.as_deref().is_some_and(|h| h != fitted_core::import::content_hash(&doc)) {
                return Err("The résumé version this run used does not read back as it was stored. Restore a backup, or tailor again.".into());
            }
            if let Some(r) = resume.as_mut() {
                r.document = doc;
            }
            Some(v)
        }
        None => None,
    };
    Ok(RunBundle {
        job: store.get(schema::JOBS, &run.job_id).await.map_err(err)?,
        resume,
        version,
        rubric: store.get(schema::JD_RUBRICS, &rubric_id(run_id)).await.map_err(err)?,
        plan: store.get(schema::SELECTION_PLANS, &plan_id(run_id)).await.map_err(err)?,
        tailored: store.get(schema::TAILORED_RESUMES, &tailored_id(run_id)).await.map_err(err)?,
        artifacts: store.artifacts_of(run_id).await.map_err(err)?,
        pages: Default::default(),
        run,
    })
}

/// Page images of a stored run, typeset again from its stored Typst source (the exact
/// source of its PDF).
pub async fn pages(s: &Services, b: &RunBundle) -> Result<Vec<fitted_core::protocol::PageImage>, String> {
    let source = b.artifact(ArtifactType::Typ).ok_or("This run has no typeset résumé yet.")?;
    let source = String::from_utf8(source.data.clone()).map_err(|_| "The stored Typst source is damaged; tailor again.".to_string())?;
    if let Some(doc) = crate::actions::runs::tailored_document(b) {
        crate::fonts::ensure_fallback_fonts(s, &doc).await?;
    }
    match call(s, Request::PagesFromSource { source, pixels_per_pt: crate::components::pages::image_scale() }).await? {
        Response::Pages { pages } => Ok(pages),
        _ => Err("Unexpected answer from the engine.".into()),
    }
}

/// The template and paper the user chose (in the résumé editor's preview), or the defaults.
pub async fn layout_choice(s: &Services) -> (String, Paper) {
    let profile = match s.store() {
        Ok(st) => st.profile().await.ok(),
        Err(_) => None,
    };
    let settings = profile.map(|u| u.settings).unwrap_or_default();
    let template = settings
        .latex_template
        .filter(|t| render_source::template(t).is_ok())
        .unwrap_or_else(|| render_source::DEFAULT_TEMPLATE.to_string());
    (template, settings.paper.unwrap_or_default())
}

/// Whether far jobs may download the sentence encoder (Settings → Ranking; yes unless the
/// user said no).
pub async fn sentence_model_allowed(s: &Services) -> bool {
    match s.store_ready().await {
        Ok(st) => st.profile().await.ok().and_then(|u| u.settings.sentence_model).unwrap_or(true),
        Err(_) => true,
    }
}

pub async fn set_sentence_model_allowed(s: &Services, allowed: bool) -> Result<(), String> {
    let store = s.store_ready().await?;
    let mut user = store.profile().await.map_err(err)?;
    user.settings.sentence_model = Some(allowed);
    store.save_profile(&user).await.map_err(err)
}

/// Remembers the template and paper for every later run and preview.
pub async fn save_layout_choice(s: &Services, template: &str, paper: Paper) -> Result<(), String> {
    let store = s.store_ready().await?;
    let mut user = store.profile().await.map_err(err)?;
    if user.settings.latex_template.as_deref() == Some(template) && user.settings.paper == Some(paper) {
        return Ok(());
    }
    user.settings.latex_template = Some(template.to_string());
    user.settings.paper = Some(paper);
    store.save_profile(&user).await.map_err(err)
}

/// The driver's input for a run as stored, with the user's layout and today's month.
async fn spec_for(s: &Services, b: &RunBundle) -> Result<RunSpec, String> {
    let job = b.job.clone().ok_or("The job of this run was deleted. Restore it from Jobs → Recently deleted, or start a new run.")?;
    let resume = b.resume.clone().ok_or("The résumé of this run was deleted. Restore it from Résumés → Recently deleted.")?;
    let (template, paper) = layout_choice(s).await;
    let spec = RunSpec {
        document: resume.document,
        job_text: job.raw_description,
        job_hash: job.description_hash,
        as_of: Some(this_month()),
        template,
        paper,
        page_images: Some(crate::components::pages::image_scale()),
        config: None,
        pinned: Vec::new(),
        excluded: Vec::new(),
    };
    // Resuming keeps the review choices the stored selection was made with.
    Ok(match &b.plan {
        Some(plan) => spec.with_choices_of(plan),
        None => spec,
    })
}

/// Run every missing stage to the end. On failure the run is marked `ERROR` with a message
/// naming the stage; everything stored so far stays, so [`advance`] can resume.
pub async fn advance(s: &Services, run_id: &str, sink: RunSink) -> Result<(), String> {
    advance_loaded(s, load(s, run_id).await?, sink).await
}

/// [`advance`] for a run the caller has just loaded (saves reading it again).
pub async fn advance_loaded(s: &Services, b: RunBundle, sink: RunSink) -> Result<(), String> {
    let spec = spec_for(s, &b).await?;
    let stored = b.stored();
    drive(s, b, Driver::new(spec, stored), sink).await
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
    sink: RunSink,
) -> Result<(), String> {
    let mut b = load(s, run_id).await?;
    if let Some(mut r) = rubric {
        r.rubric_hash = fitted_core::rubric::rubric_hash(&r);
        s.store_ready().await?.put(schema::JD_RUBRICS, &r).await.map_err(err)?;
        b.rubric = Some(r);
    }
    let spec = spec_for(s, &b).await?.with_review(b.plan.as_ref(), config, pinned, excluded);
    let stored = Stored { rubric: b.rubric.clone(), ..Stored::default() };
    drive(s, b, Driver::new(spec, stored), sink).await
}

/// Performs the driver's steps until it is done, storing each output as it comes.
async fn drive(s: &Services, mut b: RunBundle, mut driver: Driver, sink: RunSink) -> Result<(), String> {
    let _span = crate::perf::span("run:drive");
    let t_start = now_ms();
    let mut stage = RunStage::Initialized;
    let result: Result<(), String> = async {
        loop {
            let (st, request) = match driver.next() {
                Step::Done => break,
                Step::LoadSentenceModel => {
                    // A far job: rank with the sentence encoder if the user allows it and it
                    // can be had; the run goes on either way (the driver notes why not).
                    let outcome = if sentence_model_allowed(s).await {
                        match crate::sentence_model::ensure(s).await {
                            Ok(()) => ModelLoad::Loaded,
                            Err(e) => ModelLoad::Failed(e),
                        }
                    } else {
                        ModelLoad::Off
                    };
                    driver.sentence_model_loaded(outcome);
                    continue;
                }
                Step::Call { stage, request } => (stage, request),
            };
            stage = st;
            if b.run.status != RunStatus::Running {
                // One write when work starts; after that each stored output carries the
                // stage, so a closed tab shows where it stopped.
                b.run.status = RunStatus::Running;
                b.run.stage = st;
                b.run.error_message = None;
                let store = s.store_ready().await?;
                let _w = crate::perf::span("run:store-write");
                store.update_run(&b.run).await.map_err(err)?;
            }
            sink(RunEvent::Stage(st));
            if let Request::Render { document, .. } = &request {
                crate::fonts::ensure_fallback_fonts(s, document).await?;
            }
            let t0 = now_ms();
            let response = match request {
                Request::ExtractRubric { .. } => super::ai_rubric::extract(s, &mut b.run, request).await?,
                request => call(s, request).await?,
            };
            let t1 = now_ms();
            let output = driver.apply(response).map_err(|e| e.to_string())?;
            let rendered = matches!(output, Output::Rendered(_));
            // Tailoring without a model happens inside `apply`: its time is that call's.
            if matches!(&output, Output::Selection { tailored: Some(_), .. }) {
                timing(&mut b.run).tailor_ms = Some(now_ms() - t1);
            }
            store_output(s, &mut b, output, t1 - t0, t_start).await?;
            if rendered {
                record_compile(s, &b.run, true).await;
            }
            sink(RunEvent::Stored(Box::new(b.clone())));
        }
        Ok(())
    }
    .await;
    match &result {
        Ok(()) => {
            for note in driver.notes() {
                s.toasts.info(note.message());
            }
        }
        Err(msg) => {
            b.run.error_message = Some(format!("While “{}”: {msg}", stage.label()));
            b.run.stage = RunStage::Error;
            b.run.status = RunStatus::Error;
            if let Ok(store) = s.store_ready().await {
                let _ = store.update_run(&b.run).await;
            }
            if stage == RunStage::GeneratingPdf {
                record_compile(s, &b.run, false).await;
            }
            sink(RunEvent::Stored(Box::new(b.clone())));
        }
    }
    result
}

/// The version's status follows its last PDF (seed 001 COMPILED / ERROR). A failure here
/// leaves the run and its PDF as they are: the status is a label, not data, so the user is
/// told and nothing is undone.
async fn record_compile(s: &Services, run: &Run, ok: bool) {
    use leptos::prelude::Update;
    let Some(vid) = run.version_id.as_deref() else { return };
    let result = match s.store_ready().await {
        Ok(store) => store.record_compile(vid, ok).await.map_err(err),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => s.versions_changed.update(|n| *n += 1),
        Err(e) => s.toasts.error(format!("The PDF is kept, but its version's status could not be updated: {e}")),
    }
}

fn timing(run: &mut Run) -> &mut RunTiming {
    run.timing.get_or_insert_with(RunTiming::default)
}

/// Stores one output with the run's new stage and timing, in one transaction, and updates
/// the bundle to match.
async fn store_output(s: &Services, b: &mut RunBundle, output: Output, took_ms: f64, t_start: f64) -> Result<(), String> {
    let store = s.store_ready().await?;
    let run_id = b.run.id.clone();
    let mut batch = Batch::new();
    b.run.stage = output.stage();
    b.run.status = RunStatus::Running;
    b.run.updated_at = now();
    match output {
        Output::Rubric(out) => {
            let mut rubric = out.rubric;
            rubric.id = rubric_id(&run_id);
            rubric.run_id = run_id.clone();
            rubric.created_at = now();
            if let Some(job) = b.job.as_mut() {
                rubric.job_meta.job_url = (!job.job_url.is_empty()).then(|| job.job_url.clone());
                if job.extracted_text.is_none() {
                    job.extracted_text = Some(out.extracted_text);
                    batch.put(schema::JOBS, &*job).map_err(err)?;
                }
            }
            timing(&mut b.run).rubric_ms = Some(took_ms);
            batch.put(schema::JD_RUBRICS, &rubric).map_err(err)?;
            b.rubric = Some(rubric);
        }
        Output::Selection { selection: out, tailored } => {
            let out = *out;
            let resume = b.resume.as_ref().ok_or("The résumé of this run was deleted.")?;
            let job = b.job.as_ref().ok_or("The job of this run was deleted.")?;
            let mut plan = out.plan;
            plan.id = plan_id(&run_id);
            plan.run_id = run_id.clone();
            plan.created_at = now();
            // Relevance (the "embedding") happens inside selection and is not timed apart.
            let t = timing(&mut b.run);
            t.embedding_ms = None;
            t.selection_ms = Some(took_ms);
            // Seed 000 evidenceScores and seed 004 jobFitScores, as computed.
            let rules = fitted_core::fit::rules_hash();
            batch
                .put(
                    schema::EVIDENCE_SCORES,
                    &EvidenceScores {
                        id: format!("{}-{}", resume.content_hash, fitted_core::evidence::rules_hash()),
                        master_resume_id: resume.id.clone(),
                        master_resume_hash: resume.content_hash.clone(),
                        rules_hash: fitted_core::evidence::rules_hash().into(),
                        rules_version: fitted_core::evidence::RULES_VERSION.into(),
                        scores: out.evidence,
                        cached_at: now(),
                    },
                )
                .map_err(err)?
                .put(
                    schema::JOB_FIT_SCORES,
                    &JobFitScore {
                        // The Jobs list's record for this résumé and job, brought up to date.
                        id: fitted_core::rank::score_id(&resume.id, &job.id),
                        user_id: b.run.user_id.clone(),
                        job_id: job.id.clone(),
                        master_resume_id: resume.id.clone(),
                        fit_score: out.fit.fit_score,
                        fit_reasons: out.fit.fit_reasons,
                        missing_skills: out.fit.missing_skills,
                        strengths: out.fit.strengths,
                        resume_hash: resume.content_hash.clone(),
                        job_hash: job.description_hash.clone(),
                        rules_hash: rules,
                        created_at: now(),
                    },
                )
                .map_err(err)?
                .put(schema::SELECTION_PLANS, &plan)
                .map_err(err)?;
            // What was made from the previous selection no longer matches it.
            batch.delete(schema::TAILORED_RESUMES, tailored_id(&run_id));
            for a in &b.artifacts {
                batch.delete(schema::GENERATED_ARTIFACTS, a.id.clone());
            }
            b.plan = Some(plan);
            b.tailored = None;
            b.artifacts.clear();
            b.run.ats_read_back = None;
            b.pages = Default::default();
            if let Some(t) = tailored {
                b.tailored = Some(tailored_record(&mut batch, &run_id, t.record)?);
            }
        }
        Output::Tailored(t) => {
            timing(&mut b.run).tailor_ms = Some(took_ms);
            b.tailored = Some(tailored_record(&mut batch, &run_id, t.record)?);
        }
        Output::Rendered(out) => {
            let out = *out;
            let doc = tailored_document(b).ok_or("The tailored résumé is missing.")?;
            let base = file_base(b);
            let t = timing(&mut b.run);
            // Typst is compiled straight from the résumé; its source and the LaTeX export
            // are written in the same step as the PDF.
            t.latex_ms = None;
            t.pdf_ms = Some(took_ms);
            t.total_ms = Some(t.total_ms.unwrap_or(0.0) + (now_ms() - t_start));
            b.run.status = RunStatus::Success;
            b.run.completed_at = Some(now());
            b.run.ats_read_back = out.ats;
            let json = fitted_core::import::export_json_resume(&doc).into_bytes();
            let mut arts = vec![
                artifact(&run_id, ArtifactType::Typ, &base, out.typst_source.into_bytes()),
                artifact(&run_id, ArtifactType::Tex, &base, out.latex_source.into_bytes()),
                artifact(&run_id, ArtifactType::Json, &base, json),
                artifact(&run_id, ArtifactType::Pdf, &base, out.pdf),
            ];
            if !out.docx.is_empty() {
                arts.push(artifact(&run_id, ArtifactType::Docx, &base, out.docx));
            }
            for a in &arts {
                batch.put(schema::GENERATED_ARTIFACTS, a).map_err(err)?;
            }
            b.artifacts = arts;
            b.pages = std::sync::Arc::new(out.page_images);
        }
        Output::Shrunk { .. } | Output::NeedsSentenceModel => {
            // Nothing new to keep: the next selection replaces the plan.
            b.run.stage = RunStage::Selecting;
        }
    }
    batch.put(schema::RUNS, &b.run).map_err(err)?;
    let _w = crate::perf::span("run:store-write");
    store.write(batch).await.map_err(err)
}

/// Adds the run's tailored résumé to `batch`, with its id and time.
fn tailored_record(batch: &mut Batch, run_id: &str, mut record: TailoredResume) -> Result<TailoredResume, String> {
    record.id = tailored_id(run_id);
    record.run_id = run_id.to_string();
    record.created_at = now();
    // The delete of the previous record in the same batch runs first.
    batch.put(schema::TAILORED_RESUMES, &record).map_err(err)?;
    Ok(record)
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

/// A file name from the person and the job: "Mateo-Lindqvist-Vantaloop-Payments-resume".
pub fn file_base(b: &RunBundle) -> String {
    file_name_for(b, "resume")
}

/// A file name from the person, the job and what the file is (`resume`, `cover-letter`).
pub fn file_name_for(b: &RunBundle, what: &str) -> String {
    let person = b.resume.as_ref().and_then(|r| r.document.basics.as_ref()).and_then(|x| x.name.clone()).unwrap_or_default();
    let company = b.job.as_ref().and_then(|j| j.company.clone()).unwrap_or_default();
    file_name(&person, &company, what)
}

/// "Mateo-Lindqvist-Vantaloop-Payments-cover-letter": the words of each part, joined.
pub fn file_name(person: &str, company: &str, what: &str) -> String {
    let raw = format!("{person} {company}");
    let mut parts: Vec<&str> = raw.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    parts.push(what);
    parts.join("-")
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
