//! The IndexedDB schema: every object store, its indexes, and the ordered migrations that
//! create them.
//!
//! Rules this module keeps (see ARCHITECTURE.md):
//! - Schema steps only *add* stores and indexes, inside the upgrade. `indexed_db_futures`
//!   gives the upgrade no handle on the version-change transaction, so an index can never be
//!   added to an existing store later: every store gets all its indexes in the step that
//!   creates it.
//! - Data steps (rewriting records) run after the database is open, in ordinary
//!   transactions, one per step, each committing together with the new `dataVersion` in the
//!   `meta` store. A failed step rolls back whole and is retried on the next open; records are
//!   never deleted by a migration.
//! - Store and index names are seed 000 / 001 / 004 names; every store's key path is `id`.

/// A unique or plain index over one or more key paths.
#[derive(Debug, Clone, Copy)]
pub struct IndexDef {
    pub name: &'static str,
    pub key_path: &'static [&'static str],
    pub unique: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct StoreDef {
    pub name: &'static str,
    pub indexes: &'static [IndexDef],
}

const fn ix(name: &'static str, key_path: &'static [&'static str]) -> IndexDef {
    IndexDef { name, key_path, unique: false }
}
const fn unique(name: &'static str, key_path: &'static [&'static str]) -> IndexDef {
    IndexDef { name, key_path, unique: true }
}

pub const META: &str = "meta";
pub const USERS: &str = "users";
pub const MASTER_RESUMES: &str = "masterResumes";
pub const RESUME_BULLETS: &str = "resumeBullets";
pub const RESUME_BULLET_EMBEDDINGS: &str = "resumeBulletEmbeddings";
pub const EVIDENCE_SCORES: &str = "evidenceScores";
pub const JOBS: &str = "jobs";
pub const RUNS: &str = "runs";
pub const JD_RUBRICS: &str = "jdRubrics";
pub const SELECTION_PLANS: &str = "selectionPlans";
pub const TAILORED_RESUMES: &str = "tailoredResumes";
pub const GENERATED_ARTIFACTS: &str = "generatedArtifacts";
pub const APPLICATION_TRACKING: &str = "applicationTracking";
pub const RESUME_VERSIONS: &str = "resumeVersions";
pub const RESUME_SECTIONS: &str = "resumeSections";
pub const PROPOSALS: &str = "proposals";
pub const VERSION_DIFFS: &str = "versionDiffs";
pub const API_KEYS: &str = "apiKeys";
pub const JOB_FIT_SCORES: &str = "jobFitScores";
pub const TARGET_ROLES: &str = "targetRoles";
pub const COMPANY_PREFS: &str = "companyPrefs";
pub const SKILL_GAP_RESULTS: &str = "skillGapResults";
/// Fitted addition (seed 004 keeps one per application): a run's cover letter.
pub const COVER_LETTERS: &str = "coverLetters";
/// Fitted addition: the content-addressed pieces of version documents (`id` = their hash).
pub const VERSION_CHUNKS: &str = "versionChunks";

/// IndexedDB cannot index booleans, so the store writes this numeric mirror of
/// `masterResumes.isActive` (1/0) next to it and `by_user_active` indexes the mirror.
pub const IS_ACTIVE_KEY: &str = "isActiveKey";

/// Version 1: seed 000's tables (and Fitted's `meta`).
pub const V1_STORES: &[StoreDef] = &[
    StoreDef { name: META, indexes: &[] },
    StoreDef { name: USERS, indexes: &[ix("by_clerk_id", &["clerkId"]), ix("by_email", &["email"])] },
    StoreDef {
        name: MASTER_RESUMES,
        indexes: &[
            ix("by_user", &["userId"]),
            ix("by_user_active", &["userId", IS_ACTIVE_KEY]),
            ix("by_content_hash", &["contentHash"]),
        ],
    },
    StoreDef {
        name: RESUME_BULLETS,
        indexes: &[ix("by_resume", &["masterResumeId"]), ix("by_parent", &["masterResumeId", "parentType", "parentId"])],
    },
    StoreDef {
        name: RESUME_BULLET_EMBEDDINGS,
        indexes: &[
            ix("by_resume", &["masterResumeId"]),
            ix("by_cache_key", &["masterResumeHash", "embedKeyHash"]),
            ix("by_bullet", &["masterResumeId", "bulletId", "embedKeyHash"]),
        ],
    },
    StoreDef {
        name: EVIDENCE_SCORES,
        indexes: &[ix("by_resume", &["masterResumeId"]), ix("by_cache_key", &["masterResumeHash", "rulesHash"])],
    },
    StoreDef {
        name: JOBS,
        indexes: &[
            ix("by_user", &["userId"]),
            ix("by_url", &["jobUrl"]),
            ix("by_user_recent", &["userId", "createdAt"]),
            // Seed 000: "(userId, descriptionHash) should be unique". Enforced twice: a guard
            // that finds the existing job to send the user to, and this index as a backstop
            // against two tabs adding the same job at once.
            unique("by_user_hash", &["userId", "descriptionHash"]),
        ],
    },
    StoreDef {
        name: RUNS,
        indexes: &[
            ix("by_user", &["userId"]),
            ix("by_job", &["jobId"]),
            ix("by_user_status", &["userId", "status"]),
            ix("by_user_recent", &["userId", "createdAt"]),
            unique("by_run_id", &["runId"]),
        ],
    },
    StoreDef { name: JD_RUBRICS, indexes: &[ix("by_run", &["runId"])] },
    StoreDef { name: SELECTION_PLANS, indexes: &[ix("by_run", &["runId"])] },
    StoreDef {
        name: TAILORED_RESUMES,
        indexes: &[ix("by_run", &["runId"]), ix("by_run_model", &["runId", "modelKey"])],
    },
    StoreDef {
        name: GENERATED_ARTIFACTS,
        indexes: &[
            ix("by_run", &["runId"]),
            ix("by_run_type", &["runId", "artifactType"]),
            ix("by_run_model", &["runId", "modelKey"]),
        ],
    },
    StoreDef {
        name: APPLICATION_TRACKING,
        indexes: &[
            ix("by_user", &["userId"]),
            ix("by_run", &["runId"]),
            ix("by_user_status", &["userId", "applicationStatus"]),
            ix("by_user_recent", &["userId", "updatedAt"]),
        ],
    },
];

/// Version 2: seed 001 (versions, sections, proposals, diffs, API keys) and seed 004 (fit
/// scores, target roles, company preferences, skill gaps).
pub const V2_STORES: &[StoreDef] = &[
    StoreDef {
        name: RESUME_VERSIONS,
        indexes: &[ix("by_project", &["projectId"]), ix("by_parent", &["parentVersionId"])],
    },
    StoreDef { name: RESUME_SECTIONS, indexes: &[ix("by_version", &["versionId"])] },
    StoreDef { name: PROPOSALS, indexes: &[unique("by_ai_job", &["aiJobId"])] },
    StoreDef {
        name: VERSION_DIFFS,
        indexes: &[ix("by_from", &["fromVersionId"]), ix("by_to", &["toVersionId"])],
    },
    // Seed 001: one key per provider per user.
    StoreDef { name: API_KEYS, indexes: &[unique("by_user_provider", &["userId", "provider"])] },
    StoreDef {
        name: JOB_FIT_SCORES,
        indexes: &[
            ix("by_user", &["userId"]),
            ix("by_job", &["jobId"]),
            ix("by_user_score", &["userId", "fitScore"]),
            ix("by_cache_key", &["resumeHash", "jobHash", "rulesHash"]),
        ],
    },
    StoreDef { name: TARGET_ROLES, indexes: &[ix("by_user", &["userId"])] },
    StoreDef {
        name: COMPANY_PREFS,
        indexes: &[ix("by_user", &["userId"]), unique("by_user_company", &["userId", "company"])],
    },
    StoreDef { name: SKILL_GAP_RESULTS, indexes: &[unique("by_user", &["userId"])] },
];

/// Version 3: chunked version documents (see `fitted_core::versions`).
pub const V3_STORES: &[StoreDef] = &[StoreDef { name: VERSION_CHUNKS, indexes: &[] }];

/// Version 5: cover letters, one per run.
pub const V5_STORES: &[StoreDef] = &[StoreDef { name: COVER_LETTERS, indexes: &[unique("by_run", &["runId"])] }];

/// What a data step does after open; the implementations live in `migrate.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataStep {
    /// Seed 001: every résumé project has a BASE version. Give each existing master résumé
    /// one, so version trees have a root.
    BaseVersionsForExistingResumes,
    /// Versions become chunked and immutable: documents move into chunks, every résumé
    /// gets a head (a MANUAL child when its content moved on from its newest version), and
    /// each run whose selection plan was made from a known version is pinned to it. Runs
    /// that cannot be matched for certain stay unpinned ("version unknown"); none is
    /// guessed.
    ChunkVersionsAndPinRuns,
    /// Seed 001 statuses: until now every version was written ACTIVE. The head of each
    /// résumé stays ACTIVE; a version a finished run made a PDF from becomes COMPILED, any
    /// other DRAFT (an old failed run does not record where it failed: ERROR is not guessed).
    VersionStatuses,
}

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub description: &'static str,
    pub stores: &'static [StoreDef],
    pub data: Option<DataStep>,
}

/// Ordered, append-only. Never edit a released step: add a new one.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, description: "seed 000 tables", stores: V1_STORES, data: None },
    Migration {
        version: 2,
        description: "seed 001 versions/proposals/keys and seed 004 fit/gap tables",
        stores: V2_STORES,
        data: Some(DataStep::BaseVersionsForExistingResumes),
    },
    Migration {
        version: 3,
        description: "immutable chunked versions, résumé heads, runs pinned to versions",
        stores: V3_STORES,
        data: Some(DataStep::ChunkVersionsAndPinRuns),
    },
    Migration {
        version: 4,
        description: "version statuses (ACTIVE head, COMPILED, ERROR, DRAFT)",
        stores: &[],
        data: Some(DataStep::VersionStatuses),
    },
    Migration { version: 5, description: "cover letters", stores: V5_STORES, data: None },
];

pub const LATEST_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Every data store (not `meta`), in a stable order: what a backup exports.
pub fn data_store_names() -> Vec<&'static str> {
    MIGRATIONS
        .iter()
        .flat_map(|m| m.stores.iter())
        .map(|s| s.name)
        .filter(|n| *n != META)
        .collect()
}

pub fn store_def(name: &str) -> Option<&'static StoreDef> {
    MIGRATIONS.iter().flat_map(|m| m.stores.iter()).find(|s| s.name == name)
}
