//! Ranking saved jobs by fit (seed 004 `job_fit_scores`), computing only what changed.
//!
//! A job's fit depends on three things, each with a hash: the posting's text
//! (`jobs.descriptionHash`), the résumé's content (`masterResumes.contentHash`) and the
//! engine's fit rules ([`crate::fit::rules_hash`]). A stored score is fresh while all three
//! match ([`is_fresh`]), so the app sends the engine only stale jobs.
//!
//! The worker keeps one [`Ranker`] for its lifetime: every posting it has read, prepared
//! (rubric and requirement vectors) and keyed by its hash, and the résumé of its last call.
//! Editing the résumé then re-scores without reading any posting again, and a new posting
//! costs only itself. The app first sends jobs by hash alone; the ones the ranker has not
//! read come back in [`RankOutput::unknown`] and are sent again with their text (a fresh
//! worker, after a reload or a crash, knows none).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::embed::{Embedder, LexicalEmbedder};
use crate::fit::{self, FitResult};
use crate::model::{JdRubric, JobFitScore, SkillGap};
use crate::pipeline::{PreparedJob, PreparedResume};
use crate::resume::JsonResume;

/// Postings a ranker keeps prepared. A heavy user saves hundreds; beyond this many the
/// cache starts over rather than grow without bound (the next call resends texts).
pub const MAX_PREPARED_JOBS: usize = 20_000;

/// One job to score: by hash, with its text when the ranker may not have read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobToScore {
    pub job_id: String,
    /// `jobs.descriptionHash`.
    pub job_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RankedJob {
    pub job_id: String,
    pub fit: FitResult,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RankOutput {
    pub resume_hash: String,
    pub rules_hash: String,
    /// Best fit first (ties by job id, so the order is stable).
    pub jobs: Vec<RankedJob>,
    /// Skill gaps across the jobs scored in this call.
    pub gaps: Vec<SkillGap>,
    /// Jobs sent without text whose posting the ranker has not read: send them again with
    /// their text.
    #[serde(default)]
    pub unknown: Vec<String>,
}

/// Prepared postings and the last résumé (see the module documentation).
#[derive(Default)]
pub struct Ranker {
    embedder: LexicalEmbedder,
    resume: Option<(String, Option<(i32, u32)>, PreparedResume)>,
    jobs: HashMap<String, PreparedJob>,
}

impl Ranker {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many postings are prepared.
    pub fn prepared_jobs(&self) -> usize {
        self.jobs.len()
    }

    /// Fit of `document` against each job; `progress(done, total)` every 100 jobs.
    pub fn rank(
        &mut self,
        document: &JsonResume,
        jobs: Vec<JobToScore>,
        as_of: Option<(i32, u32)>,
        progress: &mut dyn FnMut(u32, u32),
    ) -> RankOutput {
        let resume_hash = crate::import::content_hash(document);
        if !matches!(&self.resume, Some((h, a, _)) if *h == resume_hash && *a == as_of) {
            self.resume = Some((resume_hash.clone(), as_of, PreparedResume::new(document, &self.embedder, as_of)));
        }
        let new_texts = jobs.iter().filter(|j| j.text.is_some() && !self.jobs.contains_key(&j.job_hash)).count();
        if self.jobs.len() + new_texts > MAX_PREPARED_JOBS {
            self.jobs.clear();
        }
        let total = jobs.len() as u32;
        let mut ranked = Vec::with_capacity(jobs.len());
        let mut unknown = Vec::new();
        for (k, j) in jobs.into_iter().enumerate() {
            if !self.jobs.contains_key(&j.job_hash) {
                match &j.text {
                    Some(text) => {
                        let rubric = crate::rubric::extract_rubric(text);
                        self.jobs.insert(j.job_hash.clone(), PreparedJob::new(rubric, &self.embedder));
                    }
                    None => {
                        unknown.push(j.job_id);
                        continue;
                    }
                }
            }
            let (Some((_, _, resume)), Some(job)) = (&self.resume, self.jobs.get(&j.job_hash)) else { continue };
            ranked.push((j.job_hash, RankedJob { job_id: j.job_id, fit: resume.fit(job) }));
            if k % 100 == 99 {
                progress(k as u32 + 1, total);
            }
        }
        let pairs: Vec<(&JdRubric, &FitResult)> =
            ranked.iter().filter_map(|(h, r)| self.jobs.get(h).map(|p| (&p.rubric, &r.fit))).collect();
        let mut gaps = fit::skill_gaps(&pairs, 15);
        if let Some((_, _, resume)) = &self.resume {
            closest_bullets(&mut gaps, resume, &self.embedder);
        }
        let mut jobs: Vec<RankedJob> = ranked.into_iter().map(|(_, r)| r).collect();
        jobs.sort_by(|a, b| b.fit.fit_score.cmp(&a.fit.fit_score).then(a.job_id.cmp(&b.job_id)));
        RankOutput { resume_hash, rules_hash: fit::rules_hash(), jobs, gaps, unknown }
    }
}

/// For each gap, the bullet most like the skill (by the same embedding selection uses)
/// among those sharing a word with it, so the report can say what the user already has to
/// build on.
fn closest_bullets(gaps: &mut [SkillGap], resume: &PreparedResume, embedder: &LexicalEmbedder) {
    if gaps.is_empty() || resume.bullets.is_empty() {
        return;
    }
    let texts: Vec<&str> = resume.bullets.iter().map(|b| b.text.as_str()).collect();
    let bullet_vecs = embedder.embed(&texts);
    let skills: Vec<&str> = gaps.iter().map(|g| g.skill.as_str()).collect();
    let skill_vecs = embedder.embed(&skills);
    let bullet_stems: Vec<Vec<String>> = texts.iter().map(|t| crate::text::stems(t)).collect();
    for (g, v) in gaps.iter_mut().zip(&skill_vecs) {
        // Only bullets that share a word (stem) with the skill: similarity alone also finds
        // bullets that merely look alike.
        let stems = crate::text::stems(&g.skill);
        let best = bullet_vecs
            .iter()
            .enumerate()
            .filter(|(k, _)| bullet_stems[*k].iter().any(|s| stems.contains(s)))
            .map(|(k, b)| (k, crate::embed::cosine(v, b)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        g.closest_bullet = best.map(|(k, _)| texts[k].to_string());
    }
}

/// Whether a stored score still holds for this posting, résumé and rules.
pub fn is_fresh(score: &JobFitScore, resume_hash: &str, job_hash: &str, rules_hash: &str) -> bool {
    score.resume_hash == resume_hash && score.job_hash == job_hash && score.rules_hash == rules_hash
}

/// The id of a job's score for one résumé: one record per (résumé, job), replaced when it
/// is scored again, so re-scoring never piles up records.
pub fn score_id(master_resume_id: &str, job_id: &str) -> String {
    format!("{master_resume_id}:{job_id}")
}

/// Bands of the fit score for filtering the jobs list. Display bands only: they sort
/// nothing and decide nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FitBand {
    /// 70–100.
    Strong,
    /// 40–69.
    Fair,
    /// 0–39.
    Weak,
}

impl FitBand {
    pub const ALL: [FitBand; 3] = [FitBand::Strong, FitBand::Fair, FitBand::Weak];

    pub fn of(score: u8) -> FitBand {
        match score {
            70.. => FitBand::Strong,
            40..=69 => FitBand::Fair,
            _ => FitBand::Weak,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FitBand::Strong => "Strong fit (70–100)",
            FitBand::Fair => "Fair fit (40–69)",
            FitBand::Weak => "Weak fit (0–39)",
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            FitBand::Strong => "strong",
            FitBand::Fair => "fair",
            FitBand::Weak => "weak",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resume(extra: &str) -> JsonResume {
        serde_json::from_value(serde_json::json!({
            "basics": { "name": "Ada Example" },
            "work": [ { "name": "Tallgrass Payments", "position": "Senior Backend Engineer", "startDate": "2018-03",
                "highlights": [
                    "Designed an idempotent payment service in Go handling 4,500 requests/sec on PostgreSQL.",
                    "Ran Kafka consumers for ledger events with exactly-once processing.",
                    extra ] } ],
            "skills": [ { "name": "Backend", "keywords": ["Go", "PostgreSQL", "Kafka"] } ]
        }))
        .unwrap()
    }

    const GO: &str = "Senior Backend Engineer at Vantaloop\n\nRequirements:\n- 5+ years building payment systems in Go\n- PostgreSQL and Kafka in production\n\nNice to have:\n- Kubernetes";
    const NURSE: &str = "Registered Nurse, Night Shift at Harbour Hospital\n\nRequirements:\n- Current RN licence\n- Two years of acute care nursing\n- Medication administration and patient charting";

    fn job(id: &str, text: &str, with_text: bool) -> JobToScore {
        JobToScore { job_id: id.into(), job_hash: crate::hash::hash_text(text), text: with_text.then(|| text.to_string()) }
    }

    #[test]
    fn ranks_best_fit_first_and_reads_each_posting_once() {
        let mut r = Ranker::new();
        let doc = resume("Mentored four engineers.");
        let mut calls = Vec::new();
        let out = r.rank(&doc, vec![job("nurse", NURSE, true), job("go", GO, true)], Some((2026, 12)), &mut |d, t| calls.push((d, t)));
        assert_eq!(out.jobs.iter().map(|j| j.job_id.as_str()).collect::<Vec<_>>(), vec!["go", "nurse"]);
        assert!(out.jobs[0].fit.fit_score > out.jobs[1].fit.fit_score + 20, "{:?}", out.jobs.iter().map(|j| j.fit.fit_score).collect::<Vec<_>>());
        assert!(out.unknown.is_empty());
        assert_eq!(r.prepared_jobs(), 2);

        // By hash alone: known postings are scored, an unknown one is named.
        let edited = resume("Mentored four engineers through Kubernetes migrations.");
        let again = r.rank(&edited, vec![job("go", GO, false), job("new", "Data Analyst at Lumen\n\nRequirements:\n- SQL", false)], Some((2026, 12)), &mut |_, _| {});
        assert_eq!(again.unknown, vec!["new".to_string()]);
        assert_eq!(again.jobs.len(), 1);
        assert_ne!(again.resume_hash, out.resume_hash);
        // Gaps across the jobs scored, each with the closest bullet when one shares words.
        assert!(!out.gaps.is_empty());
        assert!(out.gaps.iter().any(|g| g.closest_bullet.is_some()), "{:?}", out.gaps);
        // The same answer as a ranker that reads the posting afresh.
        let fresh = Ranker::new().rank(&edited, vec![job("go", GO, true)], Some((2026, 12)), &mut |_, _| {});
        assert_eq!(again.jobs, fresh.jobs);
    }

    #[test]
    fn a_score_is_fresh_only_while_posting_resume_and_rules_are_unchanged() {
        let s = JobFitScore {
            id: score_id("r1", "j1"),
            user_id: "u".into(),
            job_id: "j1".into(),
            master_resume_id: "r1".into(),
            fit_score: 72,
            fit_reasons: vec![],
            missing_skills: vec![],
            strengths: vec![],
            resume_hash: "R".into(),
            job_hash: "J".into(),
            rules_hash: "X".into(),
            created_at: 0,
        };
        assert!(is_fresh(&s, "R", "J", "X"));
        assert!(!is_fresh(&s, "R2", "J", "X") && !is_fresh(&s, "R", "J2", "X") && !is_fresh(&s, "R", "J", "X2"));
        assert_eq!(FitBand::of(s.fit_score), FitBand::Strong);
        assert_eq!([FitBand::of(69), FitBand::of(40), FitBand::of(39), FitBand::of(0)], [FitBand::Fair, FitBand::Fair, FitBand::Weak, FitBand::Weak]);
    }
}
