//! Fit of saved jobs for the active résumé (seed 004 `job_fit_scores`). A stored score is
//! used while its posting, résumé and rules hashes all still match (`rank::is_fresh`); the
//! rest are scored in the worker and stored in one write, so reopening the Jobs page after
//! editing one job scores that job alone.

use std::collections::HashMap;
use std::rc::Rc;

use fitted_core::model::{JobCard, JobFitScore, MasterResume, SkillGapResult};
use fitted_core::protocol::{Request, Response};
use fitted_core::rank::{self, JobToScore, RankOutput};
use fitted_store::repo::now;

use crate::bridge::ProgressFn;
use crate::state::Services;

fn err(e: fitted_store::StoreError) -> String {
    e.user_message()
}

/// What the Jobs page shows about fit: the résumé it is for, every fresh score by job id,
/// and the jobs still to score.
#[derive(Clone, Default)]
pub struct Fits {
    pub resume: Option<MasterResume>,
    pub scores: HashMap<String, JobFitScore>,
    pub stale: Vec<String>,
    /// Stale scores of this résumé, for the same posting text and rules, by job id: the
    /// worker answers "unchanged" for those its edit since cannot change.
    pub held: HashMap<String, JobFitScore>,
}

/// The active résumé's stored scores that still hold for `jobs`, and which jobs need one.
pub async fn stored(s: &Services, jobs: &[JobCard]) -> Result<Fits, String> {
    let store = s.store_ready().await?;
    let Some(resume) = store.active_master_resume().await.map_err(err)? else { return Ok(Fits::default()) };
    let all = store.fit_scores(&resume.id).await.map_err(err)?;
    let rules = fitted_core::fit::rules_hash();
    let by_job: HashMap<&str, &JobCard> = jobs.iter().map(|j| (j.id.as_str(), j)).collect();
    let mut scores = HashMap::new();
    let mut held = HashMap::new();
    for sc in all {
        if let Some(j) = by_job.get(sc.job_id.as_str()) {
            if rank::is_fresh(&sc, &resume.content_hash, &j.description_hash, &rules) {
                scores.insert(sc.job_id.clone(), sc);
            } else if sc.job_hash == j.description_hash && sc.rules_hash == rules {
                held.insert(sc.job_id.clone(), sc);
            }
        }
    }
    let stale = jobs.iter().filter(|j| j.is_deleted != Some(true) && !scores.contains_key(&j.id)).map(|j| j.id.clone()).collect();
    Ok(Fits { resume: Some(resume), scores, stale, held })
}

/// How a scoring pass went, for the page and the bench.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rescored {
    /// Jobs scored in this pass.
    pub scored: usize,
    /// Of those, how many postings the worker had to read (not in its cache).
    pub read: usize,
    /// Of those, how many the worker computed: after an edit of a few bullets, the jobs
    /// whose score the edit can change (the others' scores carry over unchanged).
    pub computed: usize,
}

/// Score the `stale` jobs for `resume` in the worker (by hash first; texts only for the
/// postings it has not read) and store the scores in one write. Returns the new scores.
pub async fn rescore(
    s: &Services,
    resume: &MasterResume,
    jobs: &[JobCard],
    stale: &[String],
    held: &HashMap<String, JobFitScore>,
    progress: ProgressFn,
) -> Result<(HashMap<String, JobFitScore>, Rescored), String> {
    let by_id: HashMap<&str, &JobCard> = jobs.iter().map(|j| (j.id.as_str(), j)).collect();
    let chosen: Vec<&JobCard> = stale.iter().filter_map(|id| by_id.get(id.as_str()).copied()).collect();
    let (out, read) = rank_in_worker(s, resume, &chosen, held, progress, false).await?;
    let computed = out.rescored as usize;
    let store = s.store_ready().await?;
    let t = now();
    let mut fresh = HashMap::new();
    // Held scores the edit leaves as they were: the same record, now for this résumé.
    for id in &out.unchanged {
        if let Some(h) = held.get(id) {
            fresh.insert(id.clone(), JobFitScore { resume_hash: out.resume_hash.clone(), rules_hash: out.rules_hash.clone(), ..h.clone() });
        }
    }
    for r in out.jobs {
        let Some(j) = by_id.get(r.job_id.as_str()) else { continue };
        let record = JobFitScore {
            id: rank::score_id(&resume.id, &j.id),
            user_id: store.user_id().to_string(),
            job_id: j.id.clone(),
            master_resume_id: resume.id.clone(),
            fit_score: r.fit.fit_score,
            fit_reasons: r.fit.fit_reasons,
            missing_skills: r.fit.missing_skills,
            strengths: r.fit.strengths,
            resume_hash: out.resume_hash.clone(),
            job_hash: j.description_hash.clone(),
            rules_hash: out.rules_hash.clone(),
            created_at: t,
        };
        fresh.insert(j.id.clone(), record);
    }
    let scored = fresh.len();
    let records: Vec<JobFitScore> = fresh.values().cloned().collect();
    store.save_fit_scores(&resume.id, &records).await.map_err(err)?;
    Ok((fresh, Rescored { scored, read, computed }))
}

/// `RankJobs` for `jobs` in the worker: by hash first, then with texts (read from the store
/// now: a card has none) for the postings the worker has not read. Returns the output and
/// how many postings had to be read.
async fn rank_in_worker(
    s: &Services,
    resume: &MasterResume,
    jobs: &[&JobCard],
    held: &HashMap<String, JobFitScore>,
    progress: ProgressFn,
    want_gaps: bool,
) -> Result<(RankOutput, usize), String> {
    let ask = |texts: Option<&HashMap<String, String>>| -> Vec<JobToScore> {
        jobs.iter()
            .filter(|j| texts.is_none_or(|t| t.contains_key(&j.id)))
            .map(|j| JobToScore {
                job_id: j.id.clone(),
                job_hash: j.description_hash.clone(),
                text: texts.and_then(|t| t.get(&j.id).cloned()),
                held: held.get(&j.id).map(|h| h.resume_hash.clone()),
            })
            .collect()
    };
    let rank = |jobs: Vec<JobToScore>| {
        let request = Request::RankJobs { document: resume.document.clone(), jobs, as_of: Some(super::runs::this_month()), gaps: want_gaps };
        let progress = progress.clone();
        async move {
            match s.bridge().request_with_progress(request, Some(progress)).await.map_err(|e| e.message)? {
                Response::Ranked(out) => Ok::<RankOutput, String>(out),
                _ => Err("Unexpected answer from the engine.".to_string()),
            }
        }
    };
    let mut out = rank(ask(None)).await?;
    let read = out.unknown.len();
    if !out.unknown.is_empty() {
        let unknown = std::mem::take(&mut out.unknown);
        let store = s.store_ready().await?;
        let texts: HashMap<String, String> =
            store.jobs_by_id(&unknown).await.map_err(err)?.into_iter().map(|j| (j.id, j.raw_description)).collect();
        let more = rank(ask(Some(&texts))).await?;
        out.jobs.extend(more.jobs);
        out.rescored += more.rescored;
        out.unchanged.extend(more.unchanged);
        if want_gaps {
            // Gaps across all of them: the second call saw only the postings it read (the
            // worker now has them all, so this pass reads none).
            out.gaps = rank(ask(None)).await?.gaps;
        }
    }
    Ok((out, read))
}

/// Skill gaps across `jobs` for the active résumé (seed 004 `skillGapResults`: one per
/// user, replaced): each missing skill weighted by must/nice and by how many jobs ask for
/// it, with the closest bullet.
pub async fn skill_gaps(s: &Services, resume: &MasterResume, jobs: &[JobCard]) -> Result<SkillGapResult, String> {
    if jobs.is_empty() {
        return Err("No jobs to compare: save some jobs (or clear the filter) first.".into());
    }
    let store = s.store_ready().await?;
    let refs: Vec<&JobCard> = jobs.iter().collect();
    let (out, _) = rank_in_worker(s, resume, &refs, &HashMap::new(), no_progress(), true).await?;
    let result = SkillGapResult {
        id: store.user_id().to_string(),
        user_id: store.user_id().to_string(),
        master_resume_id: resume.id.clone(),
        top_gaps: out.gaps,
        jobs_considered: jobs.len() as u32,
        computed_at: now(),
    };
    store.put(fitted_store::schema::SKILL_GAP_RESULTS, &result).await.map_err(err)?;
    Ok(result)
}

/// The last skill-gap report, if any.
pub async fn last_skill_gaps(s: &Services) -> Result<Option<SkillGapResult>, String> {
    let store = s.store_ready().await?;
    store.get(fitted_store::schema::SKILL_GAP_RESULTS, store.user_id()).await.map_err(err)
}

/// A progress callback that does nothing.
pub fn no_progress() -> ProgressFn {
    Rc::new(|_, _, _| {})
}
