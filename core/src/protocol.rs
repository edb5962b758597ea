//! The one message type between the UI thread and the Web Worker.
//!
//! Both directions use [`WorkerMessage`], so a single `serde` definition is the whole
//! contract: the UI sends `Request`s tagged with an id it chose; the worker answers each id
//! with any number of `Progress` events and then exactly one `Result` or `Error`. Ids let
//! several requests be in flight at once (a preview render and a fit ranking, say) and let
//! the UI drop answers to requests it no longer cares about (the last preview wins).
//!
//! The encoding is serde's default external tagging, which `serde-wasm-bindgen` maps to
//! plain JS objects without buffering, and byte payloads (`serde_bytes`) travel as
//! `Uint8Array`s rather than arrays of numbers.

use serde::{Deserialize, Serialize};

use crate::embed::LexicalEmbedder;
use crate::fit::FitResult;
use crate::import::{Bullet, Imported};
use crate::model::{EvidenceScore, JdRubric, SelectionConfig, SelectionPlan};
use crate::render_source::LayoutOptions;
use crate::resume::JsonResume;
use crate::tailor::Tailored;

/// Monotonic per UI session; the worker only echoes it.
pub type RequestId = u64;

/// Bumped whenever a variant changes shape, so a UI and a stale cached worker notice.
pub const PROTOCOL_VERSION: u32 = 10;

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerMessage {
    /// Worker → UI, once, when the worker's wasm is instantiated and listening.
    Ready { protocol: u32 },
    /// UI → worker.
    Request { id: RequestId, request: Request },
    /// Worker → UI: work on `id` advanced (`done` of `total` steps, with a label).
    Progress { id: RequestId, label: String, done: u32, total: u32 },
    /// Worker → UI: `id` finished.
    Result { id: RequestId, response: Response },
    /// Worker → UI: `id` failed; the worker itself is still healthy.
    Error { id: RequestId, error: WorkerError },
    /// UI → worker: stop working on `id` (a model call the user cancelled). The worker still
    /// answers `id`, with the call's `Cancelled` outcome.
    Cancel { id: RequestId },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Liveness check; answers `Pong`.
    Ping,
    /// Hash and measure a text: the smallest real round trip through the engine.
    AnalyzeText { text: String },
    /// Deliberately panic inside the worker. Used by the diagnostics panel and the e2e
    /// suite to prove crash detection and restart.
    Crash,
    /// Read a résumé file or paste (JSON Resume, seed master shape or plain text).
    ImportResume { file_name: Option<String>, text: String },
    /// Bullets with ids and evidence scores (and coaching) for a résumé being edited.
    ScoreResume { document: JsonResume },
    /// The rubric of a pasted job description, with its metadata pre-filled.
    ExtractRubric { text: String },
    /// Relevance, selection plan and fit of a résumé for a (possibly edited) rubric.
    Select {
        document: JsonResume,
        rubric: JdRubric,
        job_text_hash: String,
        #[serde(default)]
        pinned: Vec<String>,
        #[serde(default)]
        excluded: Vec<String>,
        #[serde(default)]
        config: Option<SelectionConfig>,
        /// This month as (year, month): "present" in an ongoing role's dates, for years of
        /// experience. The engine reads no clock; without it, the latest date the résumé
        /// mentions stands in, which undercounts an ongoing role.
        #[serde(default)]
        as_of: Option<(i32, u32)>,
    },
    /// The tailored résumé (no LLM: the chosen bullets in the user's own words).
    Tailor { document: JsonResume, plan: SelectionPlan },
    /// Typeset a résumé (handled by the worker shell: Typst lives there).
    Render {
        document: JsonResume,
        template: String,
        /// The paper and step to typeset. With `fit_to_page`, `step` is only where the search
        /// starts (the caller's guess at the answer): the result is the same from any start,
        /// the number of layouts is not.
        layout: LayoutOptions,
        /// Find the loosest step at which it fits on one page.
        fit_to_page: bool,
        /// Export the PDF (the default). A preview that shows page images asks for none
        /// and typesets again, at the step it showed, when the user downloads: exporting
        /// costs about a third of a preview's time in the browser.
        #[serde(default = "yes")]
        pdf: bool,
        /// Also return an image of each page at this many pixels per point (previews that
        /// need no PDF viewer); `None` for none.
        #[serde(default)]
        page_images: Option<f32>,
        /// With `fit_to_page`: when even the tightest layout overflows, return only how far
        /// (no PDF, sources or images), because the caller will drop bullets and typeset
        /// again. Saves exporting a page nobody sees.
        #[serde(default)]
        measure_only_if_over: bool,
        /// Also make the Word export (`RenderOutput::docx`) of what was typeset: a run's
        /// final PDF asks for it, previews do not.
        #[serde(default)]
        docx: bool,
        /// Read the finished PDF's text back from its bytes and check it as an applicant
        /// tracking system would (`RenderOutput::ats`), looking for these keywords of the
        /// posting. `None` (previews) skips the check.
        #[serde(default)]
        ats_keywords: Option<Vec<String>>,
    },
    /// Images of the pages of a Typst source (a stored run's exact `.typ` artifact), so a
    /// run opened later shows the pages of the PDF it stored.
    PagesFromSource { source: String, pixels_per_pt: f32 },
    /// The PDF of a Typst source (a cover letter from
    /// `render_source::letter_typst_source`), with its pages as images when asked.
    PdfFromSource {
        source: String,
        #[serde(default)]
        pixels_per_pt: Option<f32>,
    },
    /// Make a fallback font (CJK, Arabic, emoji) available to the typesetter.
    AddFont {
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// Load the sentence encoder (a file made by `scripts/data/sentence_model.sh`) for ranking
    /// the bullets of far jobs ([`crate::select::relevance::SENTENCE_FIT_MAX`]); asked for
    /// when a selection says `sentence_model_needed`.
    AddSentenceModel {
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// Fit of one résumé against many saved jobs, best first, with the skill gaps across
    /// them. Jobs go by hash; the worker's `rank::Ranker` reads each posting's text once and
    /// names the ones it has not read in `RankOutput::unknown` (send those again with text).
    RankJobs {
        document: JsonResume,
        jobs: Vec<crate::rank::JobToScore>,
        /// As in `Select`.
        #[serde(default)]
        as_of: Option<(i32, u32)>,
        /// Also the skill gaps across the jobs (the Jobs list does not need them).
        #[serde(default)]
        gaps: bool,
    },
    /// Many postings at once (`rubric::postings::read`: JSON Resume jobs, a CSV with named
    /// columns, or pastes separated by dashed lines), each with the metadata and hash a
    /// single paste gets; answered by `Response::Postings`, with progress.
    ReadPostings {
        #[serde(default)]
        file_name: Option<String>,
        text: String,
    },
    /// Applications as CSV (`tracking::to_csv`), answered by `Response::Text`. In the worker
    /// so the page links no CSV or date-formatting code.
    ApplicationsToCsv { rows: Vec<crate::tracking::CsvRow> },
    /// A CSV file read back (`tracking::from_csv`; `at` stamps `updatedAt`), answered by
    /// `Response::ApplicationRows`; a bad cell is a `BadInput` error naming line and column.
    ApplicationsFromCsv { text: String, at: crate::model::Millis },
    /// A call to the user's LLM provider, made by the worker so the page links no HTTP
    /// client. The call is `fitted_llm::remote::Call` as JSON (it holds the key): core knows
    /// no provider types, and the provider crate depends on core, not the other way round.
    /// Answered by `Response::Llm`; progress counts the characters of a streamed answer.
    Llm { call: serde_json::Value },
}

impl Request {
    /// The variant's name, for logs and performance marks.
    pub fn name(&self) -> &'static str {
        match self {
            Request::Ping => "Ping",
            Request::AnalyzeText { .. } => "AnalyzeText",
            Request::Crash => "Crash",
            Request::ImportResume { .. } => "ImportResume",
            Request::ScoreResume { .. } => "ScoreResume",
            Request::ExtractRubric { .. } => "ExtractRubric",
            Request::Select { .. } => "Select",
            Request::Tailor { .. } => "Tailor",
            Request::Render { .. } => "Render",
            Request::PagesFromSource { .. } => "PagesFromSource",
            Request::PdfFromSource { .. } => "PdfFromSource",
            Request::AddFont { .. } => "AddFont",
            Request::AddSentenceModel { .. } => "AddSentenceModel",
            Request::RankJobs { .. } => "RankJobs",
            Request::Llm { .. } => "Llm",
            Request::ApplicationsToCsv { .. } => "ApplicationsToCsv",
            Request::ReadPostings { .. } => "ReadPostings",
            Request::ApplicationsFromCsv { .. } => "ApplicationsFromCsv",
        }
    }
}


#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    Pong { protocol: u32 },
    TextAnalysis(TextAnalysis),
    Imported(Imported),
    ResumeScores(ResumeScores),
    Rubric(RubricOutput),
    Selection(Box<SelectionOutput>),
    Tailored(Box<Tailored>),
    Rendered(Box<RenderOutput>),
    FontAdded { families: Vec<String> },
    /// The sentence encoder is loaded; `model` is its name as plans record it.
    SentenceModelAdded { model: String },
    Ranked(RankOutput),
    Text { text: String },
    Postings(Vec<ReadPosting>),
    ApplicationRows(Vec<crate::tracking::CsvRow>),
    /// One image per page.
    Pages { pages: Vec<PageImage> },
    /// A PDF made from a source, and its pages when asked.
    Pdf {
        #[serde(with = "serde_bytes")]
        pdf: Vec<u8>,
        pages: Vec<PageImage>,
        page_count: u32,
    },
    /// `fitted_llm::remote::Outcome` as JSON: the answer, or the call's typed error.
    Llm { outcome: serde_json::Value },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextAnalysis {
    /// SHA-256 of the normalised text (the same hash `jobs.descriptionHash` uses).
    pub sha256: String,
    pub words: u32,
    pub chars: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumeScores {
    pub content_hash: String,
    pub rules_version: String,
    pub rules_hash: String,
    pub bullets: Vec<Bullet>,
    pub scores: Vec<EvidenceScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RubricOutput {
    pub rubric: JdRubric,
    /// `jobs.descriptionHash`.
    pub description_hash: String,
    /// `jobs.extractedText`: the posting as plain text (HTML removed).
    pub extracted_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionOutput {
    pub plan: SelectionPlan,
    pub fit: FitResult,
    /// Every bullet with its relevance score, best first (for the review screen).
    pub ranking: Vec<RankedBullet>,
    pub evidence: Vec<EvidenceScore>,
    pub selection_ms: f64,
    /// The job is far enough from the résumé for the sentence encoder to rank its bullets
    /// ([`crate::select::relevance::SENTENCE_FIT_MAX`]), and the engine has none loaded:
    /// send `AddSentenceModel` and select again (the run driver does).
    #[serde(default)]
    pub sentence_model_needed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RankedBullet {
    pub bullet_id: String,
    pub source_path: String,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderOutput {
    #[serde(with = "serde_bytes")]
    pub pdf: Vec<u8>,
    pub typst_source: String,
    pub latex_source: String,
    /// The Word export of the same content, when the request asked for it (else empty).
    #[serde(default, with = "serde_bytes")]
    pub docx: Vec<u8>,
    /// The ATS read-back of the PDF, when the request asked for it.
    #[serde(default)]
    pub ats: Option<crate::ats::AtsReport>,
    pub page_count: u32,
    pub fits_one_page: bool,
    /// Lines beyond the first page at the layout used (0 when it fits).
    pub lines_over: u32,
    /// Words per line of that layout (0 when unknown): what a line over stands for.
    #[serde(default)]
    pub words_per_line: f64,
    /// The layout's lines measured for a cut: what a line holds, the gap between items and
    /// how far past page one it runs (none when it fits or there was no text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_measure: Option<crate::select::page::LineMeasure>,
    pub layout: LayoutOptions,
    pub body_pt: f64,
    pub warnings: Vec<String>,
    /// Characters drawn without a glyph (the UI suggests loading a fallback font).
    pub missing_glyphs: Vec<String>,
    pub compile_ms: f64,
    /// How many layouts the one-page search compiled (1 without fitting).
    #[serde(default)]
    pub layouts: u32,
    /// One image per page when the request asked for them.
    #[serde(default)]
    pub page_images: Vec<PageImage>,
}

/// A page as RGBA pixels (8 bits per channel, row by row, opaque), ready for a canvas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    #[serde(with = "serde_bytes")]
    pub rgba: Vec<u8>,
}

pub use crate::rank::{RankOutput, RankedJob};

/// One posting of a bulk import, as read: what the input said, and — unless it has a
/// problem — what a single paste would have given (metadata, `descriptionHash`, plain text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadPosting {
    pub posting: crate::rubric::postings::Posting,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<crate::model::JobMeta>,
    #[serde(default)]
    pub description_hash: String,
    #[serde(default)]
    pub extracted_text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    /// The input was rejected; the message says which field and why.
    BadInput,
    /// The engine or typesetter failed on valid input.
    Failed,
    /// The worker did not load or crashed (produced by the UI side, never by the worker).
    WorkerUnavailable,
    /// The request was superseded or cancelled.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerError {
    pub code: ErrorCode,
    pub message: String,
}

impl WorkerError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

impl std::fmt::Display for WorkerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Milliseconds from a monotonic clock the caller provides (the engine reads no clock).
pub type Clock<'a> = &'a dyn Fn() -> f64;

/// Progress reporter: (label, done, total).
pub type Progress<'a> = &'a mut dyn FnMut(&str, u32, u32);

/// The engine side of every request that needs no typesetter: the worker calls this for
/// everything but `Crash`, `Render` and `AddFont`. Kept here so native tests exercise
/// exactly what the worker runs.
pub fn handle(request: Request, clock: Clock, progress: Progress) -> Result<Response, WorkerError> {
    let embedder = LexicalEmbedder::default();
    match request {
        Request::Ping => Ok(Response::Pong { protocol: PROTOCOL_VERSION }),
        Request::AnalyzeText { text } => Ok(Response::TextAnalysis(TextAnalysis {
            sha256: crate::hash::hash_text(&text),
            words: text.split_whitespace().count() as u32,
            chars: text.chars().count() as u32,
        })),
        Request::ImportResume { file_name, text } => crate::import::import_any(file_name.as_deref(), &text)
            .map(Response::Imported)
            .map_err(|e| WorkerError::new(ErrorCode::BadInput, e.to_string())),
        Request::ScoreResume { document } => {
            let bullets = crate::import::bullets(&document);
            let scores = crate::evidence::score_bullets(&bullets);
            Ok(Response::ResumeScores(ResumeScores {
                content_hash: crate::import::content_hash(&document),
                rules_version: crate::evidence::RULES_VERSION.into(),
                rules_hash: crate::evidence::rules_hash().into(),
                bullets,
                scores,
            }))
        }
        Request::ExtractRubric { text } => {
            if text.trim().is_empty() {
                return Err(WorkerError::new(ErrorCode::BadInput, "The job description is empty. Paste the posting's text and try again."));
            }
            let rubric = crate::rubric::extract_rubric(&text);
            Ok(Response::Rubric(RubricOutput {
                extracted_text: crate::rubric::clean(&text).text,
                description_hash: crate::hash::hash_text(&text),
                rubric,
            }))
        }
        Request::Select { document, rubric, job_text_hash, pinned, excluded, config, as_of } => {
            if crate::import::bullets(&document).is_empty() {
                return Err(WorkerError::new(
                    ErrorCode::BadInput,
                    "This résumé has no bullets to choose from. Add highlights to your roles or projects first.",
                ));
            }
            let t0 = clock();
            let opts = crate::pipeline::Options { config, pinned, excluded, as_of, ..Default::default() };
            let a = crate::pipeline::analyze_with_rubric(&document, rubric, &job_text_hash, &embedder, &opts);
            let t1 = clock();
            let mut order: Vec<usize> = (0..a.bullets.len()).collect();
            order.sort_by(|&x, &y| a.rank[y].total_cmp(&a.rank[x]).then(x.cmp(&y)));
            Ok(Response::Selection(Box::new(SelectionOutput {
                ranking: order
                    .into_iter()
                    .map(|i| RankedBullet {
                        bullet_id: a.bullets[i].bullet_id.clone(),
                        source_path: a.bullets[i].source_path.clone(),
                        score: (a.rank[i] * 1000.0).round() / 1000.0,
                    })
                    .collect(),
                plan: a.plan,
                fit: a.fit,
                evidence: a.evidence,
                selection_ms: t1 - t0,
                sentence_model_needed: a.sentence_model_needed,
            })))
        }
        Request::Tailor { document, plan } => {
            Ok(Response::Tailored(Box::new(crate::tailor::tailor_without_llm(&document, &plan))))
        }
        Request::ReadPostings { file_name, text } => {
            let read = crate::rubric::postings::read(file_name.as_deref(), &text).map_err(|e| WorkerError::new(ErrorCode::BadInput, e))?;
            let total = read.len() as u32;
            let mut out = Vec::with_capacity(read.len());
            for (k, mut posting) in read.into_iter().enumerate() {
                if posting.problem.is_none() {
                    posting.problem = crate::rubric::postings::check_length(&posting.text).err();
                }
                let (meta, description_hash, extracted_text) = if posting.problem.is_none() {
                    let rubric = crate::rubric::extract_rubric(&posting.text);
                    (Some(rubric.job_meta), crate::hash::hash_text(&posting.text), crate::rubric::clean(&posting.text).text)
                } else {
                    (None, String::new(), String::new())
                };
                out.push(ReadPosting { posting, meta, description_hash, extracted_text });
                if k % 10 == 9 {
                    progress("Reading postings", k as u32 + 1, total);
                }
            }
            Ok(Response::Postings(out))
        }
        Request::ApplicationsToCsv { rows } => Ok(Response::Text { text: crate::tracking::to_csv(&rows) }),
        Request::ApplicationsFromCsv { text, at } => crate::tracking::from_csv(&text, at)
            .map(Response::ApplicationRows)
            .map_err(|e| WorkerError::new(ErrorCode::BadInput, e.to_string())),
        Request::RankJobs { document, jobs, as_of, gaps } => {
            // A ranker of its own: stateless callers (the CLI, tests) get the same answers as
            // the worker, whose ranker lives across calls.
            let mut ranker = crate::rank::Ranker::new();
            Ok(Response::Ranked(ranker.rank(&document, jobs, as_of, gaps, &mut |done, total| progress("Scoring saved jobs", done, total))))
        }
        Request::AddSentenceModel { bytes } => add_sentence_model(&bytes),
        Request::Crash | Request::Render { .. } | Request::AddFont { .. } | Request::PagesFromSource { .. } | Request::PdfFromSource { .. } | Request::Llm { .. } => {
            Err(WorkerError::new(ErrorCode::BadInput, "This request is handled by the worker shell"))
        }
    }
}

/// Installs the sentence encoder for every later selection in this process (the worker's,
/// or the CLI's).
#[cfg(feature = "sentence")]
fn add_sentence_model(bytes: &[u8]) -> Result<Response, WorkerError> {
    let model = crate::sentence::SentenceModel::parse(bytes).map_err(|e| {
        WorkerError::new(ErrorCode::BadInput, format!("The meaning model file is damaged ({e}). Reload the page to download it again."))
    })?;
    crate::sentence::install(model);
    Ok(Response::SentenceModelAdded { model: crate::sentence::MODEL_NAME.into() })
}

#[cfg(not(feature = "sentence"))]
fn add_sentence_model(_bytes: &[u8]) -> Result<Response, WorkerError> {
    Err(WorkerError::new(ErrorCode::Failed, "This build of the engine has no sentence encoder."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyze_text_hashes_normalised_text() {
        let Ok(Response::TextAnalysis(a)) = handle(Request::AnalyzeText { text: "Hello  world\n".into() }, &|| 0.0, &mut |_, _, _| {}) else {
            panic!("expected analysis")
        };
        assert_eq!(a.words, 2);
        assert_eq!(a.sha256, crate::hash::hash_text("Hello world"));
    }

    #[test]
    fn an_ongoing_role_counts_up_to_the_month_the_caller_passes() {
        let doc: JsonResume = serde_json::from_value(serde_json::json!({
            "basics": {"name": "A"},
            "work": [{"name": "Acme", "position": "Accountant", "startDate": "2020-01",
                      "highlights": ["Prepared monthly journal entries and reconciliations for 9 branches."]}]
        }))
        .unwrap();
        let rubric = crate::rubric::extract_rubric("Accountant — Co\n\nRequirements\n- 5+ years of accounting experience\n- Journal entries\n");
        let years = |as_of| {
            let request = Request::Select {
                document: doc.clone(),
                rubric: rubric.clone(),
                job_text_hash: String::new(),
                pinned: vec![],
                excluded: vec![],
                config: None,
                as_of,
            };
            match handle(request, &|| 0.0, &mut |_, _, _| {}) {
                Ok(Response::Selection(out)) => out.fit.components.years,
                other => panic!("{other:?}"),
            }
        };
        // Nearly seven years by late 2026; without a date the role's own start is "present".
        assert_eq!(years(Some((2026, 11))), 1.0);
        assert!(years(None) < 0.5, "{}", years(None));
    }

    #[test]
    fn messages_round_trip_through_json() {
        let m = WorkerMessage::Request { id: 7, request: Request::AnalyzeText { text: "x".into() } };
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<WorkerMessage>(&s).unwrap(), m);
    }
}
