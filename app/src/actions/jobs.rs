//! Jobs: paste a posting, metadata pre-filled by the engine, duplicates caught by
//! `descriptionHash`.

use fitted_core::model::Job;
use fitted_core::protocol::{Request, Response, RubricOutput};
use fitted_store::repo::{now, uuid_v4};
use fitted_store::{schema, StoreError};

use super::call;
use crate::state::Services;

pub enum AddOutcome {
    Added(String),
    /// The same description is already saved; its id.
    Duplicate(String),
}

/// Check a paste before anything is stored (`rubric::postings::check_length`).
pub fn validate(text: &str) -> Result<(), String> {
    fitted_core::rubric::postings::check_length(text).map_err(|e| format!("{e} Nothing was saved."))
}

/// Extract metadata and save a new job. Nothing is stored when the text is rejected or the
/// job already exists.
pub async fn add(s: &Services, text: String, job_url: String) -> Result<AddOutcome, String> {
    validate(&text)?;
    let store = s.store_ready().await?;
    let Response::Rubric(RubricOutput { rubric, description_hash, extracted_text }) =
        call(s, Request::ExtractRubric { text: text.clone() }).await?
    else {
        return Err("Unexpected answer from the engine.".into());
    };
    let job = new_job(store.user_id(), rubric.job_meta, text, job_url, description_hash, extracted_text, now());
    match store.add_job(&job).await {
        Ok(()) => Ok(AddOutcome::Added(job.id)),
        Err(StoreError::Duplicate { existing_id, .. }) if !existing_id.is_empty() => Ok(AddOutcome::Duplicate(existing_id)),
        Err(e) => Err(e.user_message()),
    }
}

/// "linkedin", "greenhouse", … from a posting URL; empty for a paste without one.
pub fn platform_of(url: &str) -> String {
    let host = url.split("//").nth(1).unwrap_or("").split('/').next().unwrap_or("").to_lowercase();
    for p in ["linkedin", "greenhouse", "lever", "workday", "indeed", "glassdoor", "ashby", "smartrecruiters", "wellfound"] {
        if host.contains(p) {
            return p.into();
        }
    }
    host.trim_start_matches("www.").to_string()
}

pub async fn get(s: &Services, id: &str) -> Result<Job, String> {
    s.store_ready().await?
        .get(schema::JOBS, id)
        .await
        .map_err(|e| e.user_message())?
        .ok_or_else(|| "That job was not found; it may have been deleted.".to_string())
}

pub async fn save(s: &Services, job: &Job) -> Result<(), String> {
    if job.title.trim().is_empty() {
        return Err("A job needs a title.".into());
    }
    s.store_ready().await?.update_job(job).await.map_err(|e| e.user_message())
}

/// What a bulk import did, for its summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportSummary {
    pub added: usize,
    /// (where, title): already saved, or earlier in the same import.
    pub duplicates: Vec<(String, String)>,
    /// (where, why): not imported.
    pub skipped: Vec<(String, String)>,
}

/// Import many postings at once (`rubric::postings::read` in the worker, with progress):
/// duplicates — of saved jobs or within the import — are found by description hash and
/// reported, unreadable or too short postings are skipped with the reason, and the rest
/// are saved in one write.
pub async fn import_many(
    s: &Services,
    file_name: Option<String>,
    text: String,
    progress: crate::bridge::ProgressFn,
) -> Result<ImportSummary, String> {
    if text.trim().is_empty() {
        return Err("Nothing to import: choose a file, or paste postings separated by a line of dashes (---).".into());
    }
    let store = s.store_ready().await?;
    let read = match s.bridge().request_with_progress(Request::ReadPostings { file_name, text }, Some(progress)).await.map_err(|e| e.message)? {
        Response::Postings(p) => p,
        _ => return Err("Unexpected answer from the engine.".into()),
    };
    let saved: std::collections::HashMap<String, fitted_core::model::JobCard> = store.job_cards().await.map_err(|e| e.user_message())?.into_iter().map(|j| (j.description_hash.clone(), j)).collect();
    let mut summary = ImportSummary::default();
    let mut new: Vec<Job> = Vec::new();
    let t = now();
    for (k, r) in read.into_iter().enumerate() {
        let p = r.posting;
        if let Some(problem) = p.problem {
            summary.skipped.push((p.place, problem));
            continue;
        }
        let m = r.meta.unwrap_or_default();
        let title = p.title.clone().unwrap_or_else(|| m.job_title.clone());
        if let Some(j) = saved.get(&r.description_hash) {
            let note = if j.is_deleted == Some(true) { " (deleted: restore it from Recently deleted)" } else { "" };
            summary.duplicates.push((p.place, format!("{}{note}", j.title)));
            continue;
        }
        if new.iter().any(|j| j.description_hash == r.description_hash) {
            summary.duplicates.push((p.place, format!("{title} (earlier in this import)")));
            continue;
        }
        let mut job = new_job(store.user_id(), m, p.text, p.url, r.description_hash, r.extracted_text, t + k as i64);
        // What the input named outright wins over what was read from the text.
        job.title = title;
        job.company = p.company.or(job.company);
        job.location = p.location.or(job.location);
        new.push(job);
    }
    if !new.is_empty() {
        store.add_jobs(&new).await.map_err(|e| e.user_message())?;
    }
    summary.added = new.len();
    Ok(summary)
}

/// A new saved job from a posting's text and the metadata read from it.
fn new_job(user_id: &str, m: fitted_core::model::JobMeta, text: String, job_url: String, description_hash: String, extracted_text: String, at: i64) -> Job {
    Job {
        id: uuid_v4(),
        user_id: user_id.to_string(),
        platform: platform_of(&job_url),
        job_url,
        title: m.job_title,
        company: m.company,
        location: m.location,
        salary: m.salary,
        employment_type: m.employment_type,
        seniority: m.seniority,
        raw_description: text,
        extracted_text: Some(extracted_text),
        description_hash,
        user_tags: None,
        notes: None,
        is_favorite: None,
        is_archived: None,
        is_deleted: None,
        deleted_at: None,
        created_at: at,
        updated_at: at,
    }
}
