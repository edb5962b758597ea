//! The run driver: seed 000's pipeline for one tailoring run as a sans-I/O state machine.
//!
//! The driver decides; its caller performs. Given what a run has stored ([`Stored`]) and what
//! the user asked for ([`RunSpec`]), [`Driver::next`] names the next engine request (a
//! [`Request`] of the worker protocol, with the [`RunStage`] it belongs to), and
//! [`Driver::apply`] takes that request's [`Response`] and says what to store ([`Output`]).
//! The app performs the requests through the Web Worker and stores each output in IndexedDB
//! as it arrives; `fitted tailor` performs the same requests natively. Both therefore make the
//! same selection and the same PDF for the same inputs and date, and the logic has native
//! tests.
//!
//! Because the driver starts from what is stored, a run interrupted by a reload resumes at
//! the first missing output. Nothing here reads a clock or does I/O; timing is the caller's.
//!
//! One page: when even the tightest legible layout overflows, the driver gives selection a
//! budget of typeset lines — what the plan takes by the layout's line measure, less how far
//! the page is over ([`crate::select::config::shrink_to_lines`]; [`cut_lines`] scales a
//! second cut by what the first freed) — and selects again: the bullets selection would pick
//! last go first, from any section; pins and exclusions kept. At most [`MAX_FIT_ROUNDS`]
//! times, so the PDF holds the most relevant bullets that fit instead of spilling onto a
//! second page. A layout with too little text to measure falls back to a word cut
//! ([`crate::select::config::shrink_to_fit`]).
//!
//! When that cut leaves fewer than [`CONDENSE_BELOW`] bullets, the short descriptions under
//! roles and projects go instead ([`condensed`]) and the run selects again from the budgets
//! before the cut: on a dense résumé (a long summary, many certificates, a line of context
//! under every role) they were taking the room of three or four bullets that show the job's
//! requirements. Measured on the labelled sets: selection F1 0.653 → 0.710 on the postings
//! new to the engine, and no set loses (README, Quality).

use thiserror::Error;

use crate::model::{Budgets, JdRubric, RunStage, SelectionConfig, SelectionPlan, TailoredResume};
use crate::protocol::{RenderOutput, Request, Response, RubricOutput, SelectionOutput};
use crate::render_source::{LayoutOptions, Paper};
use crate::resume::JsonResume;
use crate::tailor::Tailored;

/// Rounds of "fewer bullets, typeset again" before accepting an overflowing page.
pub const MAX_FIT_ROUNDS: u32 = 4;

/// Bullets below which a page cut makes room by leaving out role and project descriptions
/// first (see the module documentation). The labels' one-page selections hold 8–14
/// bullets; of 9–11 tried, 10 was best on the dev set and the first other-field round and
/// within 0.004 F1 of 11 on the new postings.
pub const CONDENSE_BELOW: u32 = 10;

/// The résumé without the descriptions under its roles (`work[].summary`, `description`)
/// and projects (`projects[].description`), or `None` when it has none: what a one-page
/// edit drops before bullets that show the job's requirements. Names, dates, places,
/// bullets and project keywords stay.
pub fn condensed(doc: &JsonResume) -> Option<JsonResume> {
    let mut out = doc.clone();
    let mut dropped = false;
    for w in out.work.iter_mut().flatten() {
        dropped |= w.summary.take().is_some() | w.description.take().is_some();
    }
    for p in out.projects.iter_mut().flatten() {
        dropped |= p.description.take().is_some();
    }
    dropped.then_some(out)
}

/// What the user asked for: the résumé version being tailored, the job, the date, the
/// layout and any review changes (budgets, pins, exclusions).
#[derive(Debug, Clone, PartialEq)]
pub struct RunSpec {
    pub document: JsonResume,
    /// The posting as pasted.
    pub job_text: String,
    /// `jobs.descriptionHash` of the posting.
    pub job_hash: String,
    /// This month, for years of experience in an ongoing role (the engine reads no clock).
    pub as_of: Option<(i32, u32)>,
    pub template: String,
    pub paper: Paper,
    /// Also return an image of each page at this many pixels per point (the app shows them;
    /// the CLI does not need them).
    pub page_images: Option<f32>,
    /// Budgets the user set in the review; `None` for the defaults.
    pub config: Option<SelectionConfig>,
    pub pinned: Vec<String>,
    pub excluded: Vec<String>,
}

impl RunSpec {
    /// Keeps the review choices a stored plan carries (pins, exclusions, budgets), so that
    /// resuming or re-typesetting a run does not silently drop them. A one-page cut is not a
    /// choice: the budgets are the plan's as they were before any cut
    /// ([`crate::select::config::without_cut`]), and the page is measured again.
    pub fn with_choices_of(mut self, plan: &SelectionPlan) -> Self {
        self.pinned = plan.selected.work_experience.iter().chain(&plan.selected.projects).filter(|b| b.pinned).map(|b| b.bullet_id.clone()).collect();
        self.excluded = plan.selection_notes.as_ref().and_then(|n| n.excluded_by_user.clone()).unwrap_or_default();
        self.config = Some(crate::select::config::without_cut(plan.config.clone(), plan.budgets_before_cut.as_ref()));
        self
    }

    /// A re-run from the review: its budgets (the stored plan's config as the review edited
    /// it), pins and exclusions, with any one-page cut of `plan` undone as in
    /// [`RunSpec::with_choices_of`].
    pub fn with_review(mut self, plan: Option<&SelectionPlan>, config: Option<SelectionConfig>, pinned: Vec<String>, excluded: Vec<String>) -> Self {
        let before = plan.and_then(|p| p.budgets_before_cut.as_ref());
        self.config = config.map(|c| crate::select::config::without_cut(c, before));
        self.pinned = pinned;
        self.excluded = excluded;
        self
    }
}

/// What a run has stored so far. A missing output and everything after it is (re)computed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored {
    pub rubric: Option<JdRubric>,
    pub plan: Option<SelectionPlan>,
    pub tailored: Option<TailoredResume>,
    /// The run's PDF is stored.
    pub rendered: bool,
}

/// The next thing to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Perform `request` (worker or native engine) and give its response to [`Driver::apply`].
    /// `stage` is the seed's stage it belongs to, for progress and the run record.
    Call { stage: RunStage, request: Request },
    /// The job is far from the résumé and the engine has no sentence encoder: load it
    /// (the app downloads `models/sentence-model.safetensors` and sends `AddSentenceModel`;
    /// the CLI reads its file) and tell [`Driver::sentence_model_loaded`] how it went.
    /// Selection then runs again, with the encoder or, if it could not be loaded, without.
    LoadSentenceModel,
    /// Every output is stored: the run is done.
    Done,
}

/// What a step produced, for the caller to store with the run's new stage
/// ([`Output::stage`]) in one write.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Rubric(RubricOutput),
    /// A new selection, with its tailoring when that needs no model (the chosen bullets in
    /// the user's own words: a pure function the driver runs itself, saving a round trip).
    /// Any stored tailoring and artifacts belong to the previous selection and must be
    /// replaced (the caller deletes them in the same write).
    Selection { selection: Box<SelectionOutput>, tailored: Option<Box<Tailored>> },
    Tailored(Box<Tailored>),
    /// The typeset résumé to store (PDF, sources, page images).
    Rendered(Box<RenderOutput>),
    /// The page overflowed even at the tightest layout; the driver lowered the budgets to
    /// `config` (or, to make room, left out the descriptions under roles and projects and
    /// went back to the budgets before the cut) and selects again. Nothing to store.
    Shrunk { lines_over: u32, config: SelectionConfig },
    /// The selection was made without the sentence encoder it asked for: it is discarded,
    /// and the next step is [`Step::LoadSentenceModel`]. Nothing to store.
    NeedsSentenceModel,
}

impl Output {
    /// The run's stage once this output is stored.
    pub fn stage(&self) -> RunStage {
        match self {
            Output::Rubric(_) => RunStage::RubricGenerated,
            Output::Selection { tailored: None, .. } => RunStage::SelectionComplete,
            Output::Selection { tailored: Some(_), .. } => RunStage::Tailored,
            Output::Tailored(_) => RunStage::Tailored,
            Output::Rendered(_) => RunStage::Done,
            Output::Shrunk { .. } | Output::NeedsSentenceModel => RunStage::Selecting,
        }
    }
}

/// What became of a [`Step::LoadSentenceModel`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelLoad {
    /// The engine has the model now.
    Loaded,
    /// It could not be had; why (for logs: the run's note says it to the user).
    Failed(String),
    /// The user turned it off (Settings; `fitted --no-sentence-model`).
    Off,
}

/// Something the user should know about how the run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunNote {
    /// This many more bullets than first chosen were left out so the résumé fits one page.
    LeftOutToFit { bullets: u32 },
    /// Even the tightest layout with the fewest bullets overflows by this many lines.
    DoesNotFit { lines_over: u32 },
    /// The descriptions under roles and projects were left out to fit more bullets.
    Condensed,
    /// The job is far from the résumé's wording, and the sentence encoder that ranks bullets
    /// for such jobs could not be loaded: bullets were ranked by shared words only.
    WithoutSentenceModel,
    /// As [`RunNote::WithoutSentenceModel`], because the user turned the encoder off.
    SentenceModelOff,
}

impl RunNote {
    /// The note as the UI and the CLI say it.
    pub fn message(&self) -> String {
        match self {
            RunNote::LeftOutToFit { bullets } => format!(
                "Left out {bullets} more bullet(s) so the résumé fits on one page; they are listed under “Left out” in the review."
            ),
            RunNote::WithoutSentenceModel => "This job shares few words with your résumé. The meaning model that finds bullets showing the same skills in other words could not be loaded, so bullets were chosen by shared words only. Check your connection and run again to use it.".into(),
            RunNote::SentenceModelOff => "This job shares few words with your résumé, and the meaning model is turned off (Settings → Ranking), so bullets were chosen by shared words only.".into(),
            RunNote::Condensed => "To fit more of your bullets on one page, the short descriptions under roles and projects were left out of this résumé (your master résumé keeps them).".into(),
            RunNote::DoesNotFit { lines_over } => format!(
                "This résumé does not fit on one page even at the tightest legible layout ({lines_over} line(s) over). Exclude a bullet or two, or shorten long sections, in the review."
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RunError {
    /// The engine answered a different request than the one the driver asked for: a bug
    /// or a stale worker.
    #[error("The engine gave an unexpected answer at “{stage}”. Reload the page and try again.")]
    UnexpectedResponse { stage: &'static str },
    /// `apply` was called when the run had nothing left to do.
    #[error("This run is already complete.")]
    AlreadyDone,
}

/// The run's state machine (see the module documentation).
#[derive(Debug, Clone)]
pub struct Driver {
    spec: RunSpec,
    stored: Stored,
    /// The document the last tailoring produced (recomputed when resuming from storage).
    tailored_document: Option<JsonResume>,
    round: u32,
    /// The last cut in lines: how far over the page was then and what the plan took by the
    /// line model, to learn what a modelled line is worth on this page ([`cut_lines`]).
    last_cut: Option<(f64, f64)>,
    /// Bullets chosen by the first selection of this drive, to report what fitting cost.
    first_count: Option<u32>,
    /// The budgets before this run's first one-page cut, recorded on every later plan
    /// ([`SelectionPlan::budgets_before_cut`]).
    before_cut: Option<Budgets>,
    /// The document being tailored is [`condensed`] (once per drive).
    condensed: bool,
    /// Loading the sentence encoder: `None` not asked for, `Some(false)` asked for and not
    /// yet tried, `Some(true)` tried (once per drive, whatever the outcome).
    sentence_model: Option<bool>,
    notes: Vec<RunNote>,
}

fn bullet_count(plan: &SelectionPlan) -> u32 {
    plan.budgets_used.experience_bullets + plan.budgets_used.project_bullets
}

impl Driver {
    pub fn new(spec: RunSpec, stored: Stored) -> Self {
        let first_count = stored.plan.as_ref().map(bullet_count);
        Driver {
            spec,
            stored,
            tailored_document: None,
            round: 0,
            last_cut: None,
            first_count,
            before_cut: None,
            condensed: false,
            sentence_model: None,
            notes: Vec::new(),
        }
    }

    pub fn stored(&self) -> &Stored {
        &self.stored
    }

    pub fn notes(&self) -> &[RunNote] {
        &self.notes
    }

    /// The résumé to typeset: the tailoring's document, or (after a reload, when only the
    /// record is stored) the same document rebuilt from the version and the plan.
    fn document_to_render(&self, plan: &SelectionPlan) -> JsonResume {
        self.tailored_document.clone().unwrap_or_else(|| crate::tailor::tailor_without_llm(&self.spec.document, plan).document)
    }

    pub fn next(&self) -> Step {
        let s = &self.spec;
        if self.sentence_model == Some(false) {
            return Step::LoadSentenceModel;
        }
        let Some(rubric) = &self.stored.rubric else {
            return Step::Call { stage: RunStage::RubricGenerating, request: Request::ExtractRubric { text: s.job_text.clone() } };
        };
        let Some(plan) = &self.stored.plan else {
            return Step::Call {
                stage: RunStage::Selecting,
                request: Request::Select {
                    document: s.document.clone(),
                    rubric: rubric.clone(),
                    job_text_hash: s.job_hash.clone(),
                    pinned: s.pinned.clone(),
                    excluded: s.excluded.clone(),
                    config: s.config.clone(),
                    as_of: s.as_of,
                },
            };
        };
        if self.stored.tailored.is_none() {
            return Step::Call { stage: RunStage::Tailoring, request: Request::Tailor { document: s.document.clone(), plan: plan.clone() } };
        }
        if !self.stored.rendered {
            // While fewer bullets may still be tried, an overflowing page is only measured:
            // it will be typeset again.
            let measure_only_if_over =
                self.round < MAX_FIT_ROUNDS && bullet_count(plan) > crate::select::config::MIN_BULLETS_TO_SHRINK;
            // A selection that may still be cut holds about as much as a page takes, and after
            // a cut (or when the tailoring already counts more words than a page holds) the
            // page fits only at or near the tightest step: the search starts there, so an
            // overflow is known after one layout. A short résumé starts as designed. The
            // result is the same from either start.
            let likely_full = measure_only_if_over
                || self.round > 0
                || self.stored.tailored.as_ref().is_some_and(|t| t.selection_enforcement.proxy_word_count_exceeded);
            return Step::Call {
                stage: RunStage::GeneratingPdf,
                request: Request::Render {
                    document: self.document_to_render(plan),
                    template: s.template.clone(),
                    layout: LayoutOptions { paper: s.paper, step: if likely_full { crate::render_source::MAX_STEP } else { 0 } },
                    fit_to_page: true,
                    pdf: true,
                    page_images: s.page_images,
                    measure_only_if_over,
                    // The Word export and the ATS read-back go with the final PDF.
                    docx: true,
                    ats_keywords: Some(
                        self.stored.rubric.iter().flat_map(|r| r.keywords.iter().map(|k| k.term.clone())).collect(),
                    ),
                },
            };
        }
        Step::Done
    }

    /// How [`Step::LoadSentenceModel`] went. Without the model the run goes on with the
    /// plain ranking and says why ([`RunNote::WithoutSentenceModel`],
    /// [`RunNote::SentenceModelOff`]).
    pub fn sentence_model_loaded(&mut self, outcome: ModelLoad) {
        if self.sentence_model == Some(false) {
            self.sentence_model = Some(true);
            match outcome {
                ModelLoad::Loaded => {}
                ModelLoad::Failed(_) => self.notes.push(RunNote::WithoutSentenceModel),
                ModelLoad::Off => self.notes.push(RunNote::SentenceModelOff),
            }
        }
    }

    /// Takes the response to the request [`Driver::next`] named.
    pub fn apply(&mut self, response: Response) -> Result<Output, RunError> {
        let stage = match self.next() {
            Step::Call { stage, .. } => stage,
            Step::Done => return Err(RunError::AlreadyDone),
            Step::LoadSentenceModel => return Err(RunError::UnexpectedResponse { stage: "Load the meaning model" }),
        };
        let unexpected = || RunError::UnexpectedResponse { stage: stage.label() };
        match (stage, response) {
            (RunStage::RubricGenerating, Response::Rubric(out)) => {
                self.stored.rubric = Some(out.rubric.clone());
                Ok(Output::Rubric(out))
            }
            (RunStage::Selecting, Response::Selection(mut out)) => {
                if out.sentence_model_needed && self.sentence_model.is_none() {
                    self.sentence_model = Some(false);
                    return Ok(Output::NeedsSentenceModel);
                }
                if self.before_cut.is_some() {
                    out.plan.budgets_before_cut.clone_from(&self.before_cut);
                }
                self.first_count.get_or_insert(bullet_count(&out.plan));
                self.stored.plan = Some(out.plan.clone());
                self.stored.rendered = false;
                let tailored = crate::tailor::tailor_without_llm(&self.spec.document, &out.plan);
                self.stored.tailored = Some(tailored.record.clone());
                self.tailored_document = Some(tailored.document.clone());
                Ok(Output::Selection { selection: out, tailored: Some(Box::new(tailored)) })
            }
            (RunStage::Tailoring, Response::Tailored(t)) => {
                self.stored.tailored = Some(t.record.clone());
                self.tailored_document = Some(t.document.clone());
                Ok(Output::Tailored(t))
            }
            (RunStage::GeneratingPdf, Response::Rendered(out)) => {
                let plan = self.stored.plan.clone().ok_or_else(unexpected)?;
                if !out.fits_one_page && self.round < MAX_FIT_ROUNDS {
                    let config = match &out.line_measure {
                        Some(m) => {
                            let used = crate::select::config::plan_lines(&plan, &self.spec.document, m);
                            let cut = cut_lines(self.last_cut, m.over_lines, used);
                            self.last_cut = Some((m.over_lines, used));
                            crate::select::config::shrink_to_lines(&plan, &self.spec.document, m, cut)
                        }
                        None => crate::select::config::shrink_to_fit(&plan, out.lines_over, out.words_per_line),
                    };
                    if let Some(config) = config {
                        self.round += 1;
                        self.before_cut.get_or_insert_with(|| plan.budgets_before_cut.clone().unwrap_or_else(|| plan.config.budgets.clone()));
                        self.spec = self.spec.clone().with_choices_of(&plan);
                        self.spec.config = Some(config.clone());
                        self.stored.plan = None;
                        self.stored.tailored = None;
                        self.tailored_document = None;
                        return Ok(Output::Shrunk { lines_over: out.lines_over, config });
                    }
                }
                let now = bullet_count(&plan);
                let cut = self.first_count.is_some_and(|first| now < first);
                if cut && now < CONDENSE_BELOW && !self.condensed {
                    if let Some(doc) = condensed(&self.spec.document) {
                        // Select again without the descriptions, from the budgets before the
                        // cut (pins and exclusions kept).
                        self.condensed = true;
                        self.round = 0;
                        self.last_cut = None;
                        self.spec = self.spec.clone().with_choices_of(&plan);
                        self.spec.document = doc;
                        self.stored.plan = None;
                        self.stored.tailored = None;
                        self.stored.rendered = false;
                        self.tailored_document = None;
                        let config = self.spec.config.clone().unwrap_or_else(|| plan.config.clone());
                        return Ok(Output::Shrunk { lines_over: out.lines_over, config });
                    }
                }
                if out.pdf.is_empty() {
                    // Only measured, yet nothing left to cut: cannot happen while `next` asks
                    // for measuring only when a cut is possible.
                    return Err(unexpected());
                }
                self.stored.rendered = true;
                if !out.fits_one_page {
                    self.notes.push(RunNote::DoesNotFit { lines_over: out.lines_over });
                }
                if let Some(first) = self.first_count.filter(|&first| now < first) {
                    self.notes.push(RunNote::LeftOutToFit { bullets: first - now });
                }
                if self.condensed {
                    self.notes.push(RunNote::Condensed);
                }
                Ok(Output::Rendered(out))
            }
            _ => Err(unexpected()),
        }
    }

    /// Runs every remaining step with `perform` (a synchronous engine: the CLI, tests) and
    /// `load_model` (for [`Step::LoadSentenceModel`]), giving each output to `store`.
    /// Returns the notes.
    pub fn drive<E>(
        &mut self,
        mut perform: impl FnMut(Request) -> Result<Response, E>,
        mut load_model: impl FnMut() -> ModelLoad,
        mut store: impl FnMut(&Output),
    ) -> Result<Vec<RunNote>, DriveError<E>> {
        loop {
            match self.next() {
                Step::Done => return Ok(self.notes.clone()),
                Step::LoadSentenceModel => {
                    let loaded = load_model();
                    self.sentence_model_loaded(loaded);
                }
                Step::Call { request, .. } => {
                    let response = perform(request).map_err(DriveError::Engine)?;
                    let output = self.apply(response).map_err(DriveError::Run)?;
                    store(&output);
                }
            }
        }
    }
}

/// Lines to cut when the page is `over` lines over and the plan takes `used` by the line
/// model. The model counts each bullet's wrapped lines and gaps, yet a page also breaks
/// where it must (a heading kept with its first line, an entry's header kept whole), so a cut
/// can free less room than the model says. After a cut that did not fit, the driver knows
/// both sides of the last cut — how far over the page was and is, what the plan took and
/// takes — and scales the next cut by the model's lines per line actually freed (at least
/// 1, at most 3; 2 when the last cut freed nothing measurable).
pub fn cut_lines(last: Option<(f64, f64)>, over: f64, used: f64) -> f64 {
    match last {
        None => over,
        Some((over_before, used_before)) => {
            let freed = over_before - over;
            let modelled = used_before - used;
            let scale = if freed > 0.25 && modelled > 0.0 { (modelled / freed).clamp(1.0, 3.0) } else { 2.0 };
            over * scale
        }
    }
}

/// A failure of [`Driver::drive`]: the engine's own error, or the driver's.
#[derive(Debug, Error)]
pub enum DriveError<E> {
    #[error("{0}")]
    Engine(E),
    #[error(transparent)]
    Run(RunError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{handle, WorkerError};

    fn spec() -> RunSpec {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/resumes/mateo-lindqvist.json")).unwrap();
        let job = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/jobs/senior-backend-engineer-go-payments.txt")).unwrap();
        RunSpec {
            document: serde_json::from_str(&text).unwrap(),
            job_hash: crate::hash::hash_text(&job),
            job_text: job,
            as_of: Some((2026, 12)),
            template: "classic".into(),
            paper: Paper::UsLetter,
            page_images: None,
            config: None,
            pinned: vec![],
            excluded: vec![],
        }
    }

    /// A stand-in typesetter: the page holds `capacity` bullets; each one more is two lines.
    fn fake_render(capacity: u32) -> impl FnMut(Request) -> Result<Response, WorkerError> {
        move |request| match request {
            Request::Render { document, layout, measure_only_if_over, .. } => {
                let bullets = crate::import::bullets(&document).len() as u32;
                let over = bullets.saturating_sub(capacity) * 2;
                Ok(Response::Rendered(Box::new(RenderOutput {
                    pdf: if over > 0 && measure_only_if_over { vec![] } else { vec![1] },
                    page_images: vec![],
                    typst_source: String::new(),
                    latex_source: String::new(),
                    docx: vec![],
                    ats: None,
                    page_count: if over > 0 { 2 } else { 1 },
                    fits_one_page: over == 0,
                    lines_over: over,
                    words_per_line: 0.0,
                    line_measure: None,
                    layout,
                    body_pt: 10.0,
                    warnings: vec![],
                    missing_glyphs: vec![],
                    compile_ms: 0.0,
                    layouts: 1,
                })))
            }
            other => handle(other, &|| 0.0, &mut |_, _, _| {}),
        }
    }

    /// A caller with no sentence model to give.
    fn no_model() -> ModelLoad {
        ModelLoad::Failed("no model here".into())
    }

    /// `fake_render`, with every selection asking for the sentence encoder until `loaded`.
    fn far_job(loaded: std::rc::Rc<std::cell::Cell<bool>>, selects: std::rc::Rc<std::cell::Cell<u32>>) -> impl FnMut(Request) -> Result<Response, WorkerError> {
        let mut render = fake_render(100);
        move |request| {
            let is_select = matches!(request, Request::Select { .. });
            match render(request)? {
                Response::Selection(mut out) if is_select => {
                    selects.set(selects.get() + 1);
                    out.sentence_model_needed = !loaded.get();
                    Ok(Response::Selection(out))
                }
                other => Ok(other),
            }
        }
    }

    #[test]
    fn a_far_job_loads_the_sentence_model_then_selects_again() {
        use std::{cell::Cell, rc::Rc};
        let (loaded, selects, loads) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(0)), Cell::new(0));
        let mut d = Driver::new(spec(), Stored::default());
        let mut outputs = vec![];
        let notes = d
            .drive(
                far_job(loaded.clone(), selects.clone()),
                || {
                    loads.set(loads.get() + 1);
                    loaded.set(true);
                    ModelLoad::Loaded
                },
                |o| outputs.push(o.stage()),
            )
            .unwrap();
        assert_eq!((loads.get(), selects.get()), (1, 2), "one load, then one selection with the model");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(outputs.first(), Some(&RunStage::RubricGenerated));
        assert_eq!(outputs[1], RunStage::Selecting, "the selection without the model is not stored");
        assert_eq!(d.next(), Step::Done);
    }

    #[test]
    fn a_sentence_model_that_cannot_be_loaded_is_a_note_not_a_failed_run() {
        use std::{cell::Cell, rc::Rc};
        let (loaded, selects, loads) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(0)), Cell::new(0));
        let mut d = Driver::new(spec(), Stored::default());
        let notes = d
            .drive(
                far_job(loaded, selects.clone()),
                || {
                    loads.set(loads.get() + 1);
                    ModelLoad::Failed("offline".into())
                },
                |_| {},
            )
            .unwrap();
        // Tried once; the second selection (still asking) is kept, and the run finishes.
        assert_eq!((loads.get(), selects.get()), (1, 2));
        assert_eq!(notes, vec![RunNote::WithoutSentenceModel]);
        assert!(d.stored().plan.is_some() && d.stored().rendered);
        // Only when asked: a stray report changes nothing.
        let mut near = Driver::new(spec(), Stored::default());
        near.sentence_model_loaded(ModelLoad::Failed("x".into()));
        near.sentence_model_loaded(ModelLoad::Off);
        assert!(near.notes().is_empty());
        // Turned off by the user: the same run, and a note that says why.
        let mut off = Driver::new(spec(), Stored::default());
        let notes = off.drive(far_job(Rc::new(Cell::new(false)), Rc::new(Cell::new(0))), || ModelLoad::Off, |_| {}).unwrap();
        assert_eq!(notes, vec![RunNote::SentenceModelOff]);
        assert_eq!(off.stored().plan, d.stored().plan, "the same selection as when loading failed");
    }

    fn stages(d: &mut Driver, perform: &mut impl FnMut(Request) -> Result<Response, WorkerError>) -> Vec<RunStage> {
        let mut seen = vec![];
        while let Step::Call { stage, request } = d.next() {
            seen.push(stage);
            let out = d.apply(perform(request).unwrap()).unwrap();
            seen.push(out.stage());
        }
        seen
    }

    #[test]
    fn a_second_cut_is_scaled_by_what_the_first_freed() {
        // First cut: what is over.
        assert_eq!(cut_lines(None, 4.0, 30.0), 4.0);
        // The model took 5 lines out (30 → 25) but the page freed only 2.5 (4 → 1.5): a
        // modelled line was worth half a line here, so cut twice the overflow.
        assert!((cut_lines(Some((4.0, 30.0)), 1.5, 25.0) - 3.0).abs() < 1e-9);
        // Never less than the overflow, never more than three times it; nothing freed: twice.
        assert!((cut_lines(Some((4.0, 30.0)), 1.0, 29.0) - 1.0).abs() < 1e-9);
        assert!((cut_lines(Some((4.0, 30.0)), 3.9, 10.0) - 7.8).abs() < 1e-9);
        assert!((cut_lines(Some((4.0, 30.0)), 2.0, 26.0) - 4.0).abs() < 1e-9);
    }

    #[test]
    fn a_fresh_run_walks_the_seed_stages_to_done() {
        let mut d = Driver::new(spec(), Stored::default());
        let seen = stages(&mut d, &mut fake_render(100));
        use RunStage::*;
        // Without a model the tailoring comes with the selection.
        assert_eq!(seen, vec![RubricGenerating, RubricGenerated, Selecting, Tailored, GeneratingPdf, Done]);
        assert_eq!(d.next(), Step::Done);
        assert!(d.notes().is_empty());
        assert_eq!(d.apply(Response::Pong { protocol: 0 }), Err(RunError::AlreadyDone));
    }

    #[test]
    fn a_run_resumes_at_the_first_missing_output() {
        let mut first = Driver::new(spec(), Stored::default());
        stages(&mut first, &mut fake_render(100));
        let mut stored = first.stored().clone();
        stored.tailored = None;
        stored.rendered = false;
        let mut d = Driver::new(spec(), stored);
        assert!(matches!(d.next(), Step::Call { stage: RunStage::Tailoring, .. }));
        let seen = stages(&mut d, &mut fake_render(100));
        assert_eq!(seen.first(), Some(&RunStage::Tailoring));
        assert_eq!(seen.last(), Some(&RunStage::Done));
    }

    #[test]
    fn an_overflowing_page_drops_bullets_until_it_fits_and_says_so() {
        // Without descriptions to leave out, only bullets can go.
        let spec = RunSpec { document: condensed(&spec().document).unwrap(), ..spec() };
        let mut d = Driver::new(spec, Stored::default());
        let mut shrunk = 0;
        let notes = d
            .drive(fake_render(9), no_model, |o| {
                if matches!(o, Output::Shrunk { .. }) {
                    shrunk += 1
                }
            })
            .unwrap();
        assert!(shrunk >= 1);
        assert!(d.stored().rendered);
        let plan = d.stored().plan.clone().unwrap();
        assert!(bullet_count(&plan) <= 9, "{}", bullet_count(&plan));
        assert!(matches!(notes.as_slice(), [RunNote::LeftOutToFit { bullets }] if *bullets >= 1), "{notes:?}");
    }

    /// A stand-in typesetter whose page holds `capacity` units: a bullet is one, and so is
    /// each description under a role or project.
    fn fake_render_with_descriptions(capacity: u32) -> impl FnMut(Request) -> Result<Response, WorkerError> {
        let mut inner = fake_render(0);
        move |request| {
            let units = match &request {
                Request::Render { document, measure_only_if_over, .. } => {
                    let notes = document.work.iter().flatten().filter(|w| w.summary.is_some() || w.description.is_some()).count()
                        + document.projects.iter().flatten().filter(|p| p.description.is_some()).count();
                    Some((crate::import::bullets(document).len() + notes, *measure_only_if_over))
                }
                _ => None,
            };
            let mut response = inner(request)?;
            if let (Some((units, measure_only)), Response::Rendered(out)) = (units, &mut response) {
                let over = (units as u32).saturating_sub(capacity) * 2;
                out.pdf = if over > 0 && measure_only { vec![] } else { vec![1] };
                out.page_count = if over > 0 { 2 } else { 1 };
                out.fits_one_page = over == 0;
                out.lines_over = over;
            }
            Ok(response)
        }
    }

    #[test]
    fn descriptions_go_before_bullets_when_the_page_would_hold_too_few() {
        let with_notes = |d: &JsonResume| d.work.iter().flatten().filter(|w| w.summary.is_some()).count();
        assert!(with_notes(&spec().document) >= 3, "the fixture has role descriptions");
        // Room for 13: with the descriptions of the entries shown, fewer than ten bullets fit.
        let mut d = Driver::new(spec(), Stored::default());
        let notes = d.drive(fake_render_with_descriptions(13), no_model, |_| {}).unwrap();
        let plan = d.stored().plan.clone().unwrap();
        assert!(bullet_count(&plan) >= CONDENSE_BELOW, "{} bullets", bullet_count(&plan));
        assert!(notes.contains(&RunNote::Condensed), "{notes:?}");
        assert_eq!(with_notes(d.tailored_document.as_ref().unwrap()), 0, "the typeset résumé has no role descriptions");
        // Room enough for ten bullets with the descriptions: they stay.
        let mut d = Driver::new(spec(), Stored::default());
        let notes = d.drive(fake_render_with_descriptions(20), no_model, |_| {}).unwrap();
        assert!(!notes.contains(&RunNote::Condensed), "{notes:?}");
        assert_eq!(with_notes(d.tailored_document.as_ref().unwrap()), with_notes(&spec().document));
    }

    #[test]
    fn a_page_that_never_fits_stops_after_the_last_round_and_says_how_far_over() {
        let mut d = Driver::new(spec(), Stored::default());
        let mut rounds = 0;
        let mut pdf = vec![];
        let notes = d
            .drive(fake_render(0), no_model, |o| match o {
                Output::Shrunk { .. } => rounds += 1,
                Output::Rendered(r) => pdf = r.pdf.clone(),
                _ => {}
            })
            .unwrap();
        assert!(rounds <= MAX_FIT_ROUNDS);
        assert!(d.stored().rendered, "the overflowing PDF is still stored, with a note");
        assert!(!pdf.is_empty(), "the last typesetting, which is kept, exports its PDF");
        assert!(notes.iter().any(|n| matches!(n, RunNote::DoesNotFit { lines_over } if *lines_over > 0)), "{notes:?}");
    }

    #[test]
    fn pins_and_exclusions_survive_shrinking() {
        let mut probe = Driver::new(spec(), Stored::default());
        probe.drive(fake_render(100), no_model, |_| {}).unwrap();
        let plan = probe.stored().plan.clone().unwrap();
        let bullets = crate::import::bullets(&spec().document);
        let chosen: Vec<&str> = plan.selected.work_experience.iter().map(|b| b.bullet_id.as_str()).collect();
        let left_out = bullets.iter().rev().find(|b| !chosen.contains(&b.bullet_id.as_str())).unwrap().bullet_id.clone();
        let excluded = chosen[0].to_string();
        let mut s = spec();
        s.pinned = vec![left_out.clone()];
        s.excluded = vec![excluded.clone()];
        let mut d = Driver::new(s, Stored::default());
        d.drive(fake_render(8), no_model, |_| {}).unwrap();
        let plan = d.stored().plan.clone().unwrap();
        let ids: Vec<&str> = plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|b| b.bullet_id.as_str()).collect();
        assert!(ids.contains(&left_out.as_str()), "the pinned bullet stays");
        assert!(!ids.contains(&excluded.as_str()), "the excluded bullet stays out");
    }

    #[test]
    fn a_re_run_starts_from_the_budgets_before_the_cut() {
        // A page that holds 9 bullets: the run cuts, and its plan says what the budgets were.
        let mut d = Driver::new(spec(), Stored::default());
        d.drive(fake_render(9), no_model, |_| {}).unwrap();
        let cut = d.stored().plan.clone().unwrap();
        let before = cut.budgets_before_cut.clone().expect("a plan made after a cut records the budgets before it");
        assert_eq!(before, crate::select::default_config().budgets);
        assert!(cut.config.budgets.target_resume_words_max < before.target_resume_words_max);
        // Resuming, and a re-run from the review (which edits the plan's config), both start
        // from those budgets; the review's own change (a per-role cap) is kept.
        assert_eq!(spec().with_choices_of(&cut).config.unwrap().budgets, before);
        let mut review = cut.config.clone();
        review.budgets.per_role_caps.most_recent = 2;
        let again = spec().with_review(Some(&cut), Some(review), vec![], vec![]);
        let budgets = again.config.clone().unwrap().budgets;
        assert_eq!(budgets.per_role_caps.most_recent, 2);
        assert_eq!(budgets.target_resume_words_max, before.target_resume_words_max);
        assert_eq!(budgets.page_lines, None);
        // On a page with room (another template, say) the re-run keeps more than the cut
        // plan did; held to the cut's budgets it could not.
        let stored = Stored { rubric: d.stored().rubric.clone(), ..Stored::default() };
        let mut review = cut.config.clone();
        review.budgets.per_role_caps = before.per_role_caps.clone();
        let mut wide = Driver::new(spec().with_review(Some(&cut), Some(review.clone()), vec![], vec![]), stored.clone());
        wide.drive(fake_render(100), no_model, |_| {}).unwrap();
        let roomy = wide.stored().plan.clone().unwrap();
        assert!(bullet_count(&roomy) > bullet_count(&cut), "{} vs {}", bullet_count(&roomy), bullet_count(&cut));
        assert_eq!(roomy.budgets_before_cut, None, "no cut this time");
        let mut held = spec();
        held.config = Some(review);
        let mut old = Driver::new(held, stored);
        old.drive(fake_render(100), no_model, |_| {}).unwrap();
        assert!(bullet_count(old.stored().plan.as_ref().unwrap()) <= bullet_count(&cut));
    }

    #[test]
    fn a_wrong_answer_is_an_error_not_a_panic() {
        let mut d = Driver::new(spec(), Stored::default());
        let err = d.apply(Response::Pong { protocol: 3 }).unwrap_err();
        assert_eq!(err, RunError::UnexpectedResponse { stage: RunStage::RubricGenerating.label() });
        assert!(err.to_string().contains("Reload the page"), "{err}");
    }
}
