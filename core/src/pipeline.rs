//! The no-LLM pipeline for one (résumé, job) pair, stage by stage, as the worker and the CLI
//! run it: bullets → evidence → rubric → embeddings → relevance → selection → fit.

use crate::embed::Embedder;
use crate::evidence;
use crate::fit::{self, FitResult};
use crate::hash;
use crate::import::{self, Bullet};
use crate::model::{EvidenceScore, JdRubric, SelectionConfig, SelectionPlan};
use crate::resume::JsonResume;
use crate::rubric;
use crate::select::{self, relevance, SelectionInput};

/// Everything computed for one pair.
pub struct Analysis {
    pub bullets: Vec<Bullet>,
    pub evidence: Vec<EvidenceScore>,
    pub rubric: JdRubric,
    pub bullet_vecs: Vec<Vec<f32>>,
    pub rel: Vec<Vec<f64>>,
    pub rank: Vec<f64>,
    pub plan: SelectionPlan,
    pub fit: FitResult,
    /// The fit is low enough for the sentence encoder to rank
    /// ([`relevance::SENTENCE_FIT_MAX`]) but none is installed: the caller may load it
    /// ([`crate::sentence::install`]) and analyse again.
    pub sentence_model_needed: bool,
}

/// Options a user can set on a run.
#[derive(Default, Clone)]
pub struct Options {
    pub config: Option<SelectionConfig>,
    pub pinned: Vec<String>,
    pub excluded: Vec<String>,
    pub as_of: Option<(i32, u32)>,
    /// Turn off the semantic half of matching (lexical only; for comparisons).
    pub lexical_only: bool,
}

/// Embed each requirement's matching text.
pub fn requirement_vectors(rubric: &JdRubric, embedder: &dyn Embedder) -> Vec<Vec<f32>> {
    let texts: Vec<String> = rubric.requirements.iter().map(|r| relevance::requirement_text(r, rubric)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    embedder.embed(&refs)
}

/// Run every stage given an already extracted (possibly user-edited) rubric.
pub fn analyze_with_rubric(
    doc: &JsonResume,
    rubric: JdRubric,
    job_text_hash: &str,
    embedder: &dyn Embedder,
    opts: &Options,
) -> Analysis {
    let bullets = import::bullets(doc);
    let evidence = evidence::score_bullets(&bullets);
    let texts: Vec<&str> = bullets.iter().map(|b| b.text.as_str()).collect();
    let bullet_vecs = embedder.embed(&texts);
    let req_vecs = requirement_vectors(&rubric, embedder);
    // For a far job with the sentence encoder installed, ranking (and so selection's
    // ordering) mixes it in; fit and the "shows this requirement" thresholds keep `rel_fit`,
    // so a job's score stays the job list's.
    let rel_fit = relevance::relevance_matrix(&bullets, &bullet_vecs, &rubric, &req_vecs, (!opts.lexical_only).then(crate::semvec::bundled));
    let fit = fit::fit(doc, &rubric, &rel_fit, &evidence, embedder, opts.as_of);
    // The encoder ranks only far jobs (relevance::SENTENCE_FIT_MAX), so near ones never
    // pay for encoding.
    let wants_sentences = !opts.lexical_only && fit.fit_score <= relevance::sentence_fit_max();
    let (rel, sentence_model) =
        if wants_sentences { with_sentence_model(&rel_fit, &bullets, &rubric) } else { (rel_fit.clone(), None) };
    let sentence_model_needed = wants_sentences && sentence_model.is_none() && cfg!(feature = "sentence");
    // The plan names every model its ranking used (a run record says what happened).
    let embedding_model = match sentence_model {
        Some(m) => format!("{}+{m}", embedder.model_name()),
        None => embedder.model_name().to_string(),
    };
    let rank = relevance::rank_scores(&rel, &rubric, &evidence);
    let sem = (!opts.lexical_only).then(crate::semvec::bundled);
    let sem_vecs: Vec<Vec<f32>> = sem.map(|s| bullets.iter().map(|b| s.text_vector(&b.text)).collect()).unwrap_or_default();
    let profiles: Vec<select::redundancy::Profile> = bullets.iter().zip(&bullet_vecs).map(|(b, v)| select::redundancy::profile(&b.text, v)).collect();
    let config = opts.config.clone().unwrap_or_else(select::default_config);
    let resume_hash = hash::hash_json(doc);
    let plan = select::select(&SelectionInput {
        resume: doc,
        bullets: &bullets,
        evidence: &evidence,
        bullet_vecs: &bullet_vecs,
        rubric: &rubric,
        rel: &rel_fit,
        rank: &rank,
        sem_vecs: &sem_vecs,
        profiles: &profiles,
        config: &config,
        pinned: &opts.pinned,
        excluded: &opts.excluded,
        master_resume_hash: &resume_hash,
        job_extracted_hash: job_text_hash,
        embedding_model: &embedding_model,
    });
    Analysis { bullets, evidence, rubric, bullet_vecs, rel, rank, plan, fit, sentence_model_needed }
}

/// `rel` with the sentence encoder's cosines mixed in, when a model is installed
/// ([`crate::sentence::install`]), and the model's name; otherwise `rel` itself.
#[cfg(feature = "sentence")]
fn with_sentence_model(rel: &[Vec<f64>], bullets: &[Bullet], rubric: &JdRubric) -> (Vec<Vec<f64>>, Option<&'static str>) {
    let Some(enc) = crate::sentence::active() else { return (rel.to_vec(), None) };
    let bv: Vec<_> = bullets.iter().map(|b| enc.vector(&b.text)).collect();
    let rv: Vec<_> = rubric.requirements.iter().map(|r| enc.vector(&r.requirement)).collect();
    let b: Vec<&[f32]> = bv.iter().map(|v| v.as_slice()).collect();
    let r: Vec<&[f32]> = rv.iter().map(|v| v.as_slice()).collect();
    (relevance::with_sentences(rel, &b, &r, rubric), Some(crate::sentence::MODEL_NAME))
}

#[cfg(not(feature = "sentence"))]
fn with_sentence_model(rel: &[Vec<f64>], _bullets: &[Bullet], _rubric: &JdRubric) -> (Vec<Vec<f64>>, Option<&'static str>) {
    (rel.to_vec(), None)
}

/// Run every stage from the job's raw text.
pub fn analyze(doc: &JsonResume, job_text: &str, embedder: &dyn Embedder, opts: &Options) -> Analysis {
    let rubric = rubric::extract_rubric(job_text);
    analyze_with_rubric(doc, rubric, &hash::hash_text(job_text), embedder, opts)
}

/// A job ready to be scored against any résumé: its rubric and the job side of matching
/// (what the app caches with each saved job).
pub struct PreparedJob {
    pub rubric: JdRubric,
    pub side: relevance::RequirementSide,
    pub fit: fit::FitJob,
}

impl PreparedJob {
    pub fn new(rubric: JdRubric, embedder: &dyn Embedder) -> Self {
        let req_vecs = requirement_vectors(&rubric, embedder);
        let side = relevance::RequirementSide::new(&rubric, &req_vecs, Some(crate::semvec::bundled()));
        let fit = fit::FitJob::new(&rubric, req_vecs, embedder);
        PreparedJob { rubric, side, fit }
    }
}

/// A résumé ready to be scored against many jobs.
pub struct PreparedResume {
    pub bullets: Vec<Bullet>,
    pub evidence: Vec<EvidenceScore>,
    pub side: relevance::BulletSide,
    pub profile: fit::FitProfile,
}

impl PreparedResume {
    pub fn new(doc: &JsonResume, embedder: &dyn Embedder, as_of: Option<(i32, u32)>) -> Self {
        let bullets = import::bullets(doc);
        let evidence = evidence::score_bullets(&bullets);
        let texts: Vec<&str> = bullets.iter().map(|b| b.text.as_str()).collect();
        let vecs = embedder.embed(&texts);
        let side = relevance::BulletSide::new(&bullets, &vecs, Some(crate::semvec::bundled()));
        PreparedResume { profile: fit::FitProfile::new(doc, embedder, as_of), bullets, evidence, side }
    }

    /// Fit for one prepared job.
    pub fn fit(&self, job: &PreparedJob) -> FitResult {
        let rel = relevance::matrix(&self.side, &job.side);
        fit::fit_with_profile(&self.profile, &job.rubric, &job.fit, &rel, &self.evidence)
    }
}
