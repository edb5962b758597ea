//! Jobs: paste a posting, metadata pre-filled by the engine, duplicates caught by
//! `descriptionHash`.

use fitted_core::model::Job;
use fitted_core::protocol::{Request, Response, RubricOutput};
use fitted_store::repo::{now, uuid_v4};
use fitted_store::{schema, StoreError};

use super::call;
use crate::state::Services;

/// A posting longer than this is not one posting (someone pasted a whole page or a book).
pub const MAX_WORDS: usize = 5_000;

pub enum AddOutcome {
    Added(String),
    /// The same description is already saved; its id.
    Duplicate(String),
}

/// Check a paste before anything is stored.
pub fn validate(text: &str) -> Result<(), String> {
    let words = text.split_whitespace().count();
    if words == 0 {
        return Err("The job description is empty. Paste the text of the posting (or its HTML) and try again.".into());
    }
    if words < 15 {
        return Err(format!("That is only {words} words — paste the whole job description, not just its title."));
    }
    if words > MAX_WORDS {
        return Err(format!(
            "That paste is {words} words; a job description is usually 150–1,500. Paste only the one posting (nothing was saved)."
        ));
    }
    Ok(())
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
    let m = rubric.job_meta;
    let t = now();
    let platform = platform_of(&job_url);
    let job = Job {
        id: uuid_v4(),
        user_id: store.user_id().to_string(),
        job_url,
        platform,
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
        created_at: t,
        updated_at: t,
    };
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
