//! Stored records and shared types, named after seed 000 (the data dictionary), with the
//! seed 001 (versions, proposals, API keys) and seed 004 (fit scores, target roles, company
//! preferences, skill gaps) additions.
//!
//! Field names serialise exactly as the seeds spell them (camelCase). Two deliberate
//! departures, both forced by the browser-first design:
//! - Convex's `_id` and Prisma's `id` are both `id`, the IndexedDB key path of every store.
//! - There are no accounts: `userId` is the one local profile's id, and `users.clerkId` /
//!   `email` are optional.
//!
//! Timestamps are milliseconds since the Unix epoch (`Date.now()`); durations in `timing`
//! are milliseconds as `f64` because they come from `performance.now()`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::resume::JsonResume;

pub type Millis = i64;

// ───────────────────────────── enums (seed 000 validators) ─────────────────────────────

/// `runs.stage`: the pipeline, in order. `generating_latex` is kept as the seed names it;
/// in Fitted it produces the Typst (and LaTeX) source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RunStage {
    #[serde(rename = "initialized")]
    Initialized,
    #[serde(rename = "extracting")]
    Extracting,
    #[serde(rename = "rubric_generating")]
    RubricGenerating,
    #[serde(rename = "rubric_generated")]
    RubricGenerated,
    #[serde(rename = "embedding_jd")]
    EmbeddingJd,
    #[serde(rename = "selecting")]
    Selecting,
    #[serde(rename = "selection_complete")]
    SelectionComplete,
    #[serde(rename = "tailoring")]
    Tailoring,
    #[serde(rename = "tailored")]
    Tailored,
    #[serde(rename = "generating_latex")]
    GeneratingLatex,
    #[serde(rename = "generating_pdf")]
    GeneratingPdf,
    #[serde(rename = "DONE")]
    Done,
    #[serde(rename = "ERROR")]
    Error,
}

impl RunStage {
    pub const PIPELINE: [RunStage; 12] = [
        RunStage::Initialized,
        RunStage::Extracting,
        RunStage::RubricGenerating,
        RunStage::RubricGenerated,
        RunStage::EmbeddingJd,
        RunStage::Selecting,
        RunStage::SelectionComplete,
        RunStage::Tailoring,
        RunStage::Tailored,
        RunStage::GeneratingLatex,
        RunStage::GeneratingPdf,
        RunStage::Done,
    ];

    /// The wire name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStage::Initialized => "initialized",
            RunStage::Extracting => "extracting",
            RunStage::RubricGenerating => "rubric_generating",
            RunStage::RubricGenerated => "rubric_generated",
            RunStage::EmbeddingJd => "embedding_jd",
            RunStage::Selecting => "selecting",
            RunStage::SelectionComplete => "selection_complete",
            RunStage::Tailoring => "tailoring",
            RunStage::Tailored => "tailored",
            RunStage::GeneratingLatex => "generating_latex",
            RunStage::GeneratingPdf => "generating_pdf",
            RunStage::Done => "DONE",
            RunStage::Error => "ERROR",
        }
    }

    /// What the user sees in the progress display.
    pub fn label(self) -> &'static str {
        match self {
            RunStage::Initialized => "Starting",
            RunStage::Extracting => "Reading the job description",
            RunStage::RubricGenerating => "Working out what the job asks for",
            RunStage::RubricGenerated => "Requirements ready",
            RunStage::EmbeddingJd => "Matching your bullets to the requirements",
            RunStage::Selecting => "Choosing the strongest bullets",
            RunStage::SelectionComplete => "Selection ready",
            RunStage::Tailoring => "Tailoring wording",
            RunStage::Tailored => "Tailored résumé ready",
            RunStage::GeneratingLatex => "Writing the typesetting source",
            RunStage::GeneratingPdf => "Typesetting the PDF",
            RunStage::Done => "Done",
            RunStage::Error => "Failed",
        }
    }

    /// Position in the pipeline (0-based); `ERROR` has none.
    pub fn index(self) -> Option<usize> {
        Self::PIPELINE.iter().position(|s| *s == self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Pending,
    Running,
    Success,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    NotApplied,
    Applied,
    Viewed,
    Screening,
    Interviewing,
    Offer,
    Accepted,
    Rejected,
    Withdrawn,
    Ghosted,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 10] = [
        Self::NotApplied,
        Self::Applied,
        Self::Viewed,
        Self::Screening,
        Self::Interviewing,
        Self::Offer,
        Self::Accepted,
        Self::Rejected,
        Self::Withdrawn,
        Self::Ghosted,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::NotApplied => "Not applied",
            Self::Applied => "Applied",
            Self::Viewed => "Viewed",
            Self::Screening => "Screening",
            Self::Interviewing => "Interviewing",
            Self::Offer => "Offer",
            Self::Accepted => "Accepted",
            Self::Rejected => "Rejected",
            Self::Withdrawn => "Withdrawn",
            Self::Ghosted => "Ghosted",
        }
    }
}

/// `generatedArtifacts.artifactType`. Seed 000 has `pdf | tex | json`; Fitted adds `typ`
/// (the Typst source the PDF was compiled from) and `docx` (the Word export of the same
/// content, for portals that ask for Word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArtifactType {
    Pdf,
    Tex,
    Json,
    Typ,
    Docx,
}

impl ArtifactType {
    pub fn mime_type(self) -> &'static str {
        match self {
            ArtifactType::Pdf => "application/pdf",
            ArtifactType::Tex => "application/x-tex",
            ArtifactType::Json => "application/json",
            ArtifactType::Typ => "text/plain",
            ArtifactType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            ArtifactType::Pdf => "pdf",
            ArtifactType::Tex => "tex",
            ArtifactType::Json => "json",
            ArtifactType::Typ => "typ",
            ArtifactType::Docx => "docx",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceTier {
    Weak,
    Medium,
    Strong,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParentType {
    #[default]
    Experience,
    Project,
    Award,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RewriteIntent {
    Light,
    Medium,
    Heavy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReqType {
    Must,
    Nice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeywordType {
    Skill,
    Tool,
    Domain,
    Methodology,
}

/// Seed 000 `deriveModelKey`: lowercase, anything outside `[a-z0-9-]` becomes `-`, runs of
/// `-` collapse. (The seed does not trim leading/trailing hyphens, so neither do we.)
pub fn derive_model_key(model_name: &str) -> String {
    let mut out = String::with_capacity(model_name.len());
    for c in model_name.to_lowercase().chars() {
        let c = if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' { c } else { '-' };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    out
}

// ───────────────────────────── users ─────────────────────────────

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptVersions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tailor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_models: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_dims: Option<u32>,
    /// Seed 000 calls the chosen template `latexTemplate`; in Fitted it names a Typst template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latex_template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_versions: Option<PromptVersions>,
    /// `"light" | "dark" | "system"` (Fitted addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Paper of the user's résumés, with `latexTemplate` the layout every run uses (Fitted
    /// addition; chosen in the résumé editor's preview).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<crate::render_source::Paper>,
    /// Days without a reply after which an application counts as ghosted (Fitted addition;
    /// `tracking::DEFAULT_GHOSTED_AFTER_DAYS` when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ghosted_after_days: Option<u32>,
    /// Whether a run for a job that shares few words with the résumé may download the
    /// sentence encoder (23 MB, once) to rank its bullets (Fitted addition; yes when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_model: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clerk_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_master_resume_id: Option<String>,
    #[serde(default)]
    pub settings: UserSettings,
    pub created_at: Millis,
    pub updated_at: Millis,
}

// ───────────────────────────── master résumés ─────────────────────────────

/// Seed 000's skills object: six fixed categories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsObject {
    #[serde(default)]
    pub programming_languages: Vec<String>,
    #[serde(default)]
    pub frameworks_libraries: Vec<String>,
    #[serde(default)]
    pub tools_cloud_technologies: Vec<String>,
    #[serde(default)]
    pub data_science_analytics: Vec<String>,
    #[serde(default)]
    pub machine_learning_ai: Vec<String>,
    #[serde(default)]
    pub other_skills: Vec<String>,
}

impl SkillsObject {
    pub const CATEGORIES: [&'static str; 6] = [
        "programming_languages",
        "frameworks_libraries",
        "tools_cloud_technologies",
        "data_science_analytics",
        "machine_learning_ai",
        "other_skills",
    ];
    pub fn categories(&self) -> [(&'static str, &Vec<String>); 6] {
        [
            ("programming_languages", &self.programming_languages),
            ("frameworks_libraries", &self.frameworks_libraries),
            ("tools_cloud_technologies", &self.tools_cloud_technologies),
            ("data_science_analytics", &self.data_science_analytics),
            ("machine_learning_ai", &self.machine_learning_ai),
            ("other_skills", &self.other_skills),
        ]
    }
    pub fn is_empty(&self) -> bool {
        self.categories().iter().all(|(_, v)| v.is_empty())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EducationEntry {
    pub institution: String,
    pub degree: String,
    pub dates: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpa: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwardEntry {
    pub name: String,
    pub issuer: String,
    pub year: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// `masterResumes`. The seed's summary/skills/education/awards/mentorship/links are derived
/// from `document`, the full JSON Resume the user edits (the seed keeps work and projects
/// only as `resumeBullets`; a real résumé also has roles without bullets, volunteering,
/// languages… so the document is the source of truth and the rest is a projection).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MasterResume {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub content_hash: String,
    pub is_active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub skills: SkillsObject,
    #[serde(default)]
    pub education: Vec<EducationEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<Vec<AwardEntry>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentorship: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_latex_template: Option<String>,
    /// Fitted addition: the newest version of this résumé (seed 001): the version a new run
    /// pins, and the parent of the next edit's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_version_id: Option<String>,
    /// Fitted addition: the sections and bullets the user locked (see `versions::Locks`).
    #[serde(default, skip_serializing_if = "crate::versions::Locks::is_empty")]
    pub locks: crate::versions::Locks,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Fitted addition: the full JSON Resume document.
    #[serde(default)]
    pub document: JsonResume,
}

/// `resumeBullets`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumeBullet {
    pub id: String,
    pub master_resume_id: String,
    /// Stable within a résumé: `exp_<company>_<role>_b<N>` / `proj_<name>_b<N>`.
    pub bullet_id: String,
    /// Seed 000 allows `experience | project` here (`award` only in selections).
    pub parent_type: ParentType,
    pub parent_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    pub order: u32,
    pub created_at: Millis,
    /// Fitted addition: where the bullet lives in the JSON Resume (`work[0].highlights[2]`).
    pub source_path: String,
}

/// `resumeBulletEmbeddings`: one record per bullet per embedding configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumeBulletEmbedding {
    pub id: String,
    pub user_id: String,
    pub master_resume_id: String,
    pub master_resume_hash: String,
    pub bullet_id: String,
    pub embed_key_hash: String,
    pub embedding_model: String,
    pub dims: u32,
    pub embedding: Vec<f32>,
    pub created_at: Millis,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceBreakdown {
    pub action: f64,
    pub tools: f64,
    pub outcome: f64,
    pub metric: f64,
    pub scope: f64,
}

/// One bullet's score in `evidenceScores.scores`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceScore {
    pub bullet_id: String,
    pub score: f64,
    pub tier: EvidenceTier,
    pub breakdown: EvidenceBreakdown,
    pub fluff_penalty: f64,
    pub matched_tools: Vec<String>,
    pub matched_verbs: Vec<String>,
    /// Fitted addition: short coaching a user can act on ("no measurable outcome").
    #[serde(default)]
    pub hints: Vec<String>,
}

/// `evidenceScores`: cached per (masterResumeHash, rulesHash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceScores {
    pub id: String,
    pub master_resume_id: String,
    pub master_resume_hash: String,
    pub rules_hash: String,
    pub rules_version: String,
    pub scores: Vec<EvidenceScore>,
    pub cached_at: Millis,
}

// ───────────────────────────── jobs ─────────────────────────────

/// `jobs`. `jobUrl` and `platform` are empty for a pasted posting (the seed scraped them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub id: String,
    pub user_id: String,
    #[serde(default)]
    pub job_url: String,
    #[serde(default)]
    pub platform: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seniority: Option<String>,
    pub raw_description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_text: Option<String>,
    pub description_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_favorite: Option<bool>,
    /// Fitted addition: taken off the Jobs list without deleting it (seed 004 retires jobs
    /// no longer active); `board::arrange` shows archived jobs only when asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// Fitted addition: what the Jobs list shows of a job — every field but the posting's text
/// and the notes. Derived from `jobs` and kept by the store as one cached record that any
/// write to `jobs` drops (see `fitted_store::repo::Store::job_cards`), so the list of
/// thousands of jobs opens without reading every posting. Never written back as a job.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobCard {
    pub id: String,
    pub user_id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    pub description_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_favorite: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Millis>,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// The posting's text, once the list has read it (for searching it); never cached.
    #[serde(skip)]
    pub description: Option<String>,
}

impl From<&Job> for JobCard {
    fn from(j: &Job) -> JobCard {
        JobCard {
            id: j.id.clone(),
            user_id: j.user_id.clone(),
            title: j.title.clone(),
            company: j.company.clone(),
            location: j.location.clone(),
            salary: j.salary.clone(),
            description_hash: j.description_hash.clone(),
            user_tags: j.user_tags.clone(),
            is_favorite: j.is_favorite,
            is_archived: j.is_archived,
            is_deleted: j.is_deleted,
            deleted_at: j.deleted_at,
            created_at: j.created_at,
            updated_at: j.updated_at,
            description: None,
        }
    }
}

// ───────────────────────────── runs ─────────────────────────────

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunTiming {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tailor_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latex_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_ms: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CacheHits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embeddings: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_scores: Option<bool>,
}

/// `runs`: one tailoring of one master résumé for one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub id: String,
    /// UUID v4; unique (guarded by the `by_run_id` index).
    pub run_id: String,
    pub user_id: String,
    pub master_resume_id: String,
    /// Fitted addition: the résumé version this run tailors (seed 001); every stage reads
    /// that version, so the run's PDF does not change when the résumé is edited later.
    /// `None` on runs made before versions whose version could not be told for certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// The pinned version's `contentHash`, checked when the version is read back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_content_hash: Option<String>,
    pub job_id: String,
    pub status: RunStatus,
    pub stage: RunStage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock_mode: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_versions: Option<PromptVersions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_hashes: Option<PromptVersions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_variants: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_model_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<RunTiming>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_hits: Option<CacheHits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Millis>,
    /// Fitted addition: the ATS read-back of the run's PDF (`crate::ats`), made by the
    /// worker from the PDF's bytes when it typeset them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ats_read_back: Option<crate::ats::AtsReport>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

// ───────────────────────────── rubric ─────────────────────────────

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobMeta {
    pub job_title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seniority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Fitted addition (the seed keeps salary on `jobs`): the pay range as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    pub req_id: String,
    #[serde(rename = "type")]
    pub req_type: ReqType,
    pub weight: u8,
    pub requirement: String,
    pub jd_evidence: Vec<String>,
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keyword {
    pub term: String,
    pub importance: u8,
    #[serde(rename = "type")]
    pub kind: KeywordType,
    pub jd_evidence: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_experience_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certifications: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_authorization: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RubricNotes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambiguities: Option<Vec<String>>,
}

/// `jdRubrics`: what the employer asks for. `id`/`runId` are empty until stored for a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JdRubric {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub run_id: String,
    pub version: String,
    pub job_meta: JobMeta,
    pub requirements: Vec<Requirement>,
    pub keywords: Vec<Keyword>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<RubricNotes>,
    pub rubric_hash: String,
    #[serde(default)]
    pub created_at: Millis,
}

// ───────────────────────────── selection ─────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PerRoleCaps {
    pub most_recent: u32,
    pub next: u32,
    pub older: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Budgets {
    pub target_resume_words_min: u32,
    pub target_resume_words_max: u32,
    pub experience_bullets_min: u32,
    pub experience_bullets_max: u32,
    pub project_bullets_min: u32,
    pub project_bullets_max: u32,
    pub award_lines_min: u32,
    pub award_lines_max: u32,
    pub per_role_caps: PerRoleCaps,
    pub max_bullets_per_requirement: u32,
    /// Fitted addition: a budget of typeset lines, set by the run driver once a page has
    /// overflowed (none before: the first selection knows no layout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_lines: Option<PageLines>,
}

/// Fitted addition: how many lines the chosen bullets and the project entries they bring
/// may take, and the measure of a line that counts them ([`crate::select::page`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageLines {
    pub max: f64,
    /// Characters a line holds.
    pub line_chars: f64,
    /// Space between list items beyond the pitch, in lines.
    pub item_gap: f64,
    /// From one paragraph of an entry to the next, in lines.
    #[serde(default = "one_line")]
    pub par_step: f64,
}

fn one_line() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RedundancyThresholds {
    pub hard_block: f64,
    pub penalty_start: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Thresholds {
    pub must_min_rel: f64,
    pub nice_min_rel: f64,
    pub cover_threshold: f64,
    pub redundancy: RedundancyThresholds,
    pub min_evidence_tier_nice: EvidenceTier,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EdgeWeights {
    pub w_rel: f64,
    pub w_evd: f64,
    pub w_red: f64,
    pub w_risk: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FillWeights {
    pub alpha: f64,
    pub beta: f64,
    pub gamma: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Weights {
    pub edge: EdgeWeights,
    pub fill: FillWeights,
}

/// `selectionPlans.config`. Defaults and bounds live in [`crate::select`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionConfig {
    pub config_version: String,
    pub budgets: Budgets,
    pub thresholds: Thresholds,
    pub weights: Weights,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UncoveredRequirement {
    pub req_id: String,
    #[serde(rename = "type")]
    pub req_type: ReqType,
    pub weight: u8,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageStats {
    pub must_total: u32,
    pub nice_total: u32,
    pub must_covered: u32,
    pub nice_covered: u32,
    pub uncovered_requirements: Vec<UncoveredRequirement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSummary {
    pub score: f64,
    pub tier: EvidenceTier,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequirementMatch {
    pub req_id: String,
    pub rel: f64,
    pub edge_score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Redundancy {
    pub max_sim: f64,
    pub blocked: bool,
    pub penalty: f64,
}

/// Seed 000 `SelectedBullet`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectedBullet {
    pub bullet_id: String,
    pub parent_type: ParentType,
    pub parent_id: String,
    pub original_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_range: Option<String>,
    pub evidence: EvidenceSummary,
    pub matches: Vec<RequirementMatch>,
    pub redundancy: Redundancy,
    pub rewrite_intent: RewriteIntent,
    pub reasons: Vec<String>,
    /// Fitted addition: the bullet's JSON Resume path, to map back into the document.
    #[serde(default)]
    pub source_path: String,
    /// Fitted addition: the user pinned this bullet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectedContent {
    pub work_experience: Vec<SelectedBullet>,
    pub projects: Vec<SelectedBullet>,
    pub awards: Vec<SelectedBullet>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetsUsed {
    pub experience_bullets: u32,
    pub project_bullets: u32,
    pub award_lines: u32,
    pub per_role: BTreeMap<String, u32>,
    /// Fitted addition: the words counted against `targetResumeWordsMax` — the chosen
    /// bullets and the project entries they bring onto the page (0 in plans made before).
    #[serde(default)]
    pub words: u32,
    /// Fitted addition: the lines counted against `pageLines` (only under such a budget).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionNotes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped_due_to_redundancy: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped_due_to_budget: Option<Vec<String>>,
    /// Fitted addition: bullets the user excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded_by_user: Option<Vec<String>>,
    /// Fitted addition: why each dropped bullet was dropped, keyed by bulletId.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reasons: BTreeMap<String, String>,
}

/// `selectionPlans`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionPlan {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub run_id: String,
    pub version: String,
    pub master_resume_hash: String,
    pub job_extracted_hash: String,
    pub rubric_hash: String,
    pub embedding_model: String,
    pub config: SelectionConfig,
    pub coverage: CoverageStats,
    pub selected: SelectedContent,
    pub budgets_used: BudgetsUsed,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_notes: Option<SelectionNotes>,
    #[serde(default)]
    pub created_at: Millis,
    /// Fitted addition: the budgets as they were before the one-page cut lowered them (set
    /// by the run driver on a selection made after a cut; none otherwise). A cut belongs to
    /// the layout it was measured on, so a re-run starts from these and measures again
    /// ([`crate::run::RunSpec::with_choices_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budgets_before_cut: Option<Budgets>,
}

// ───────────────────────────── tailored résumés ─────────────────────────────

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TailoredBullet {
    pub bullet_id: String,
    pub original_text: String,
    pub tailored_text: String,
    pub was_rewritten: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TailoredRole {
    pub role_id: String,
    pub company: String,
    pub title: String,
    pub date_range: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub bullets: Vec<TailoredBullet>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TailoredProject {
    pub project_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub bullets: Vec<TailoredBullet>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionEnforcement {
    pub stripped_unselected: u32,
    pub truncated_bullets: u32,
    pub repair_applied: bool,
    pub compliant: bool,
    pub proxy_word_count_exceeded: bool,
}

/// `tailoredResumes`. Without an LLM the tailored text is the original text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TailoredResume {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub run_id: String,
    pub model_key: String,
    pub model_name: String,
    pub tailored_hash: String,
    pub summary: String,
    pub work_experience: Vec<TailoredRole>,
    pub projects: Vec<TailoredProject>,
    pub education: Vec<EducationEntry>,
    pub skills: SkillsObject,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<Vec<AwardEntry>>,
    pub selection_enforcement: SelectionEnforcement,
    pub word_count_estimate: u32,
    #[serde(default)]
    pub created_at: Millis,
}

// ───────────────────────────── artifacts & tracking ─────────────────────────────

/// `generatedArtifacts`. The seed's `storageId` pointed at Convex file storage; here the
/// bytes live in the record itself (`data`, a Uint8Array in IndexedDB) and `storageId`
/// equals `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedArtifact {
    pub id: String,
    pub run_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_key: Option<String>,
    pub artifact_type: ArtifactType,
    pub file_name: String,
    pub storage_id: String,
    pub mime_type: String,
    pub size_bytes: u64,
    #[serde(with = "serde_bytes")]
    pub data: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Millis>,
    pub created_at: Millis,
}

/// `applicationTracking`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationTracking {
    pub id: String,
    pub user_id: String,
    pub run_id: String,
    pub job_id: String,
    pub application_status: ApplicationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_received_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview_scheduled_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_received_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_action_due: Option<Millis>,
    /// Fitted addition (seed 004's audit trail): every status change with its date, oldest
    /// first (`tracking::set_status`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// One status change of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: ApplicationStatus,
    pub at: Millis,
}

// ───────────────────────────── seed 001: versions, proposals, keys ─────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResumeVersionType {
    Base,
    Manual,
    AiGenerated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResumeVersionStatus {
    Draft,
    Compiled,
    Error,
    Active,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResumeSectionType {
    Education,
    Experience,
    Projects,
    Skills,
    Achievements,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AiMode {
    Minimal,
    Balanced,
    Aggressive,
}

/// `resumeVersions` (seed 001 ResumeVersion). `projectId` is the master résumé; the content
/// is the JSON Resume document of that version (seed 001 stored LaTeX).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumeVersion {
    pub id: String,
    pub project_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_version_id: Option<String>,
    #[serde(rename = "type")]
    pub version_type: ResumeVersionType,
    pub status: ResumeVersionStatus,
    /// Hash of the document (`import::content_hash`), the same as `masterResumes.contentHash`
    /// of that content; runs pin it. Empty only on records written before versions had it.
    #[serde(default)]
    pub content_hash: String,
    /// Fitted addition: the user's name for this version ("Data roles, short").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Fitted addition: the chunks of the document (see `versions`). Set on every version
    /// written by the current release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<crate::versions::Manifest>,
    /// The whole document, on records written before chunked storage; the migration to
    /// schema 3 moves it into chunks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<JsonResume>,
    /// Fitted addition: how the last PDF made from this version went (`Some(true)` made,
    /// `Some(false)` failed, `None` never tried). `status` follows from it and from whether
    /// the version is its résumé's head (`versions::status`); kept apart because the head
    /// is ACTIVE whatever its last compile did, and must fall back to it when it stops
    /// being the head.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compiled: Option<bool>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// `resumeSections` (seed 001 ResumeSection): lockable sections of a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumeSection {
    pub id: String,
    pub version_id: String,
    pub section_type: ResumeSectionType,
    pub content: String,
    pub is_locked: bool,
    pub order_index: u32,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// `proposals` (seed 001 ProposedVersion): AI output awaiting an explicit accept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub id: String,
    /// The run (seed 001's AIJob) that produced it; one proposal per run.
    pub ai_job_id: String,
    pub base_version_id: String,
    pub mode: AiMode,
    pub proposed_document: JsonResume,
    /// Fitted addition: the proposal bullet by bullet, with the facts the fabrication check
    /// flagged and what enforcement did — what the review shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rewrite: Option<crate::tailor::rewrite::RewriteProposal>,
    /// Fitted addition: the model that wrote it, as seed 000 `deriveModelKey` of
    /// `provider/model` (`openai-gpt-4-1`).
    #[serde(default)]
    pub model_key: String,
    /// Fitted addition: the model's name for people ("OpenAI · gpt-4.1").
    #[serde(default)]
    pub model_name: String,
    /// Fitted addition: the AI_GENERATED version the accepted part became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_version_id: Option<String>,
    /// Fitted addition (seed 000 `modelVariants`): other models' proposals for the same run,
    /// plan and mode, shown beside the first one so the user can pick per bullet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<crate::tailor::rewrite::Variant>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// `coverLetters` (Fitted addition; seed 004 keeps one cover letter per application): the
/// letter of one run, as the user last saved it, with what the fabrication check found in it
/// and the exact Typst source of its PDF (the PDF is made again from it on download, so
/// backups stay text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverLetterRecord {
    /// `{runId}-letter`.
    pub id: String,
    pub run_id: String,
    pub job_id: String,
    /// The résumé version the run was tailored from (the letter's facts are checked
    /// against it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    pub letter: crate::tailor::letter::Letter,
    /// Seed 000 `deriveModelKey` of the model that wrote the first text, or
    /// `tailor::NO_MODEL_KEY` for Fitted's own draft.
    pub model_key: String,
    #[serde(default)]
    pub model_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_hash: Option<String>,
    /// Unsupported facts in `letter` when it was saved.
    #[serde(default)]
    pub flags: Vec<crate::tailor::check::Flag>,
    /// The user changed the text after it was written.
    #[serde(default)]
    pub was_edited: bool,
    /// The Typst source of the letter's PDF (template typeface, paper, date as saved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typst_source: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// `versionDiffs` (seed 001 VersionDiff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionDiff {
    pub id: String,
    pub from_version_id: String,
    pub to_version_id: String,
    pub added: serde_json::Value,
    pub removed: serde_json::Value,
    pub rewritten: serde_json::Value,
    pub created_at: Millis,
}

/// `apiKeys` (seed 001 UserAPIKey). `apiKey` holds either the key or, when the user set a
/// passphrase, the AES-GCM ciphertext (then `encryption` says how to derive the key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserApiKey {
    pub id: String,
    pub user_id: String,
    pub provider: String,
    pub api_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    pub is_valid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_validated: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<serde_json::Value>,
    /// Fitted addition: the provider's settings without the key (base URL, Azure deployment
    /// and api-version, model per task, models the key can use), as `fitted_llm::ProviderConfig`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<serde_json::Value>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

// ───────────────────────────── seed 004: fit, targets, gaps ─────────────────────────────

/// `jobFitScores` (seed 004 job_fit_scores), keyed for re-use by
/// (`resumeHash`, `jobHash`, `rulesHash`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobFitScore {
    pub id: String,
    pub user_id: String,
    pub job_id: String,
    pub master_resume_id: String,
    pub fit_score: u8,
    pub fit_reasons: Vec<String>,
    pub missing_skills: Vec<String>,
    pub strengths: Vec<String>,
    pub resume_hash: String,
    pub job_hash: String,
    pub rules_hash: String,
    pub created_at: Millis,
}

/// `targetRoles` (seed 004 user_target_roles): up to five role families.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetRole {
    pub id: String,
    pub user_id: String,
    pub role_family: String,
    pub created_at: Millis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompanyPrefKind {
    Dream,
    Blacklist,
}

/// `companyPrefs` (seed 004 user_company_prefs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyPref {
    pub id: String,
    pub user_id: String,
    pub company: String,
    pub kind: CompanyPrefKind,
    pub created_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillGap {
    pub skill: String,
    /// Σ over jobs of (weight × 2 for must, × 1 for nice) where the skill is missing.
    pub weight: f64,
    pub jobs: u32,
    pub must_jobs: u32,
    /// Fitted addition: the user's bullet closest to this skill (to build on), when one
    /// shares any of its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closest_bullet: Option<String>,
}

/// `skillGapResults` (seed 004 skill_gap_results): one per user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillGapResult {
    pub id: String,
    pub user_id: String,
    pub master_resume_id: String,
    pub top_gaps: Vec<SkillGap>,
    pub jobs_considered: u32,
    pub computed_at: Millis,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_key_follows_seed_rule() {
        assert_eq!(derive_model_key("GPT-4o mini"), "gpt-4o-mini");
        assert_eq!(derive_model_key("claude 3.5  Sonnet"), "claude-3-5-sonnet");
        assert_eq!(derive_model_key("gpt-5"), "gpt-5");
        assert_eq!(derive_model_key("Llama3.1:8b"), "llama3-1-8b");
    }

    #[test]
    fn enums_serialise_with_seed_names() {
        assert_eq!(serde_json::to_string(&RunStage::RubricGenerating).unwrap(), "\"rubric_generating\"");
        assert_eq!(serde_json::to_string(&RunStage::Done).unwrap(), "\"DONE\"");
        assert_eq!(serde_json::to_string(&ApplicationStatus::NotApplied).unwrap(), "\"not_applied\"");
        assert_eq!(serde_json::to_string(&ResumeVersionType::AiGenerated).unwrap(), "\"AI_GENERATED\"");
        for s in RunStage::PIPELINE {
            let j = serde_json::to_string(&s).unwrap();
            assert_eq!(j, format!("\"{}\"", s.as_str()));
        }
    }
}
