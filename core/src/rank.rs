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

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::embed::{Embedder, LexicalEmbedder};
use crate::fit::{self, FitResult};
use crate::model::{EvidenceScore, JdRubric, JobFitScore, SkillGap};
use crate::pipeline::{PreparedJob, PreparedResume};
use crate::select::relevance::{matrix, quality_factor, rank_scores, BulletSide};
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
    /// The content hash of the résumé whose score for this job the caller holds, if any:
    /// when the edit since that résumé leaves the score as it was, the job comes back in
    /// [`RankOutput::unchanged`] instead of with its whole result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<String>,
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
    /// Skill gaps across the jobs scored in this call, when asked for.
    pub gaps: Vec<SkillGap>,
    /// Jobs sent without text whose posting the ranker has not read: send them again with
    /// their text.
    #[serde(default)]
    pub unknown: Vec<String>,
    /// Jobs whose fit was computed in this call; the others' scores were known, for this
    /// résumé or for the previous one through an edit that cannot change them.
    #[serde(default)]
    pub rescored: u32,
    /// Jobs sent with [`JobToScore::held`] whose score for this résumé is the one held: keep
    /// it (these are not in `jobs`, nor in the skill gaps).
    #[serde(default)]
    pub unchanged: Vec<String>,
}

/// Prepared postings and the last résumé (see the module documentation).
#[derive(Default)]
pub struct Ranker {
    embedder: LexicalEmbedder,
    /// The last résumé, by content hash and date.
    resume: Option<(String, PreparedResume)>,
    jobs: HashMap<String, (PreparedJob, Option<Kept>)>,
}

/// Bullet contributions kept per requirement: enough to tell, after a few bullets are
/// edited, what the best of the others is.
const KEEP_PER_REQUIREMENT: usize = 4;
/// Rank scores kept per job: fit's depth is the mean of the ten best.
const KEEP_RANKS: usize = 14;
use crate::fit::{ProfileMatch, WordChanges, DEPTH_BULLETS};

/// What the ranker keeps about a job's last score: the score, and the few best bullet
/// values behind it, so that after an edit of some bullets it can tell without scoring the
/// job again whether its score can change.
struct Kept {
    /// The résumé and date it was scored for (see `Ranker::rank`).
    resume_key: String,
    fit: FitResult,
    /// What fit took from the profile text and titles (unchanged by a bullet edit).
    profile: ProfileMatch,
    /// Per requirement: the best bullet contributions (relevance × evidence quality).
    tops: Vec<Top>,
    /// The best bullet rank scores.
    ranks: Top,
}

/// The best (value, bullet) pairs of a list over all bullets, best first. `items` is
/// always an exact prefix of the whole sorted list; `complete` when it is all of it.
#[derive(Clone)]
struct Top {
    items: Vec<(f64, u32)>,
    complete: bool,
}

impl Top {
    fn new(values: impl Iterator<Item = (f64, u32)>, keep: usize) -> Top {
        let mut items: Vec<(f64, u32)> = values.collect();
        items.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let complete = items.len() <= keep;
        items.truncate(keep);
        Top { items, complete }
    }

    /// The list once `changed` bullets take the `new` values, or `None` when what is
    /// kept cannot say (every kept value was an edited bullet's, and others exist).
    fn after(&self, changed: &[u32], new: &[(f64, u32)], keep: usize) -> Option<Top> {
        let others: Vec<(f64, u32)> = self.items.iter().filter(|(_, b)| !changed.contains(b)).copied().collect();
        let mut items = others.clone();
        if self.complete {
            items.extend_from_slice(new);
        } else {
            // Unkept bullets are worth at most the last kept other: a new value is known
            // to be among the best only when it beats that.
            let floor = others.last()?.0;
            items.extend(new.iter().filter(|(v, _)| *v > floor));
        }
        items.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let complete = self.complete && items.len() <= keep;
        items.truncate(keep);
        Some(Top { items, complete })
    }

    /// The best value (bullet support folds from 0).
    fn best(&self) -> f64 {
        self.items.first().map_or(0.0, |x| x.0).max(0.0)
    }

    /// The `n` best values, if known.
    fn best_values(&self, n: usize) -> Option<Vec<f64>> {
        (self.complete || self.items.len() >= n).then(|| self.items.iter().take(n).map(|x| x.0).collect())
    }
}

impl Kept {
    /// Score `job` from scratch: the whole relevance matrix, then fit from its best values
    /// (the same figures as `PreparedResume::fit`, which the tests check).
    fn score(resume_key: &str, resume: &PreparedResume, job: &PreparedJob) -> Kept {
        let rel = matrix(&resume.side, &job.side);
        let rubric = &job.rubric;
        let quality: Vec<f64> = resume.evidence.iter().map(quality_factor).collect();
        let tops: Vec<Top> = (0..rubric.requirements.len())
            .map(|r| {
                let values = rel.iter().zip(&quality).enumerate().map(|(b, (row, q))| (row.get(r).copied().unwrap_or(0.0) * q, b as u32));
                Top::new(values, KEEP_PER_REQUIREMENT)
            })
            .collect();
        let ranks = rank_scores(&rel, rubric, &resume.evidence);
        let ranks = Top::new(ranks.into_iter().enumerate().map(|(b, v)| (v, b as u32)), KEEP_RANKS);
        let profile = ProfileMatch::new(&resume.profile, &job.fit);
        let support: Vec<f64> = tops.iter().map(Top::best).collect();
        let best_ranks = ranks.best_values(DEPTH_BULLETS).unwrap_or_default();
        let fit = fit::fit_from_support(&resume.profile, rubric, &job.fit, &profile, &support, &best_ranks);
        Kept { resume_key: resume_key.to_string(), fit, profile, tops, ranks }
    }
}

/// What changed between the ranker's last résumé and the next when only some bullets'
/// words did (same bullets, same profile text, titles and years).
struct Edit {
    from: String,
    /// Indexes of the bullets whose text changed.
    changed: Vec<u32>,
    /// The new résumé's side cut down to those bullets, with their evidence and its
    /// quality factor.
    side: BulletSide,
    evidence: Vec<EvidenceScore>,
    quality: Vec<f64>,
    /// Terms whose rarity among the bullets changed.
    rarity: HashSet<u64>,
    /// Word runs and stems that came or went.
    words: WordChanges,
}

impl Edit {
    fn between(from: &str, old: &PreparedResume, new: &PreparedResume) -> Option<Edit> {
        if old.bullets.len() != new.bullets.len()
            || old.bullets.iter().zip(&new.bullets).any(|(a, b)| a.bullet_id != b.bullet_id)
            || !old.profile.same_apart_from_words(&new.profile)
        {
            return None;
        }
        let changed: Vec<usize> = (0..new.bullets.len()).filter(|&b| old.bullets[b].text != new.bullets[b].text).collect();
        // Past half the bullets, scoring afresh costs about the same.
        if changed.len() * 2 > new.bullets.len() {
            return None;
        }
        let words = old.profile.word_changes(&new.profile);
        Some(Edit {
            from: from.to_string(),
            side: new.side.only(&changed),
            evidence: changed.iter().map(|&b| new.evidence[b].clone()).collect(),
            quality: changed.iter().map(|&b| quality_factor(&new.evidence[b])).collect(),
            rarity: old.side.rarity_changes(&new.side),
            changed: changed.into_iter().map(|b| b as u32).collect(),
            words,
        })
    }

    /// `kept`, carried over to the new résumé: with the same fit when the edit cannot
    /// change it (`false`), or with the fit computed again from the edited bullets' rows
    /// and what was kept of the others (`true`). `None` when what is kept cannot tell (the
    /// rarity of a term the job weighs changed, or every kept value was an edited
    /// bullet's): then the job is scored from scratch.
    fn carry(&self, to: &str, kept: &Kept, job: &PreparedJob, resume: &PreparedResume) -> Option<(Kept, bool)> {
        if job.side.uses_any(&self.rarity) {
            return None;
        }
        let rows = matrix(&self.side, &job.side);
        let quality = &self.quality;
        let mut tops = Vec::with_capacity(kept.tops.len());
        let mut changed = job.fit.keywords_touch(&self.words);
        for (r, top) in kept.tops.iter().enumerate() {
            let new: Vec<(f64, u32)> =
                rows.iter().zip(quality).zip(&self.changed).map(|((row, q), b)| (row.get(r).copied().unwrap_or(0.0) * q, *b)).collect();
            let after = top.after(&self.changed, &new, KEEP_PER_REQUIREMENT)?;
            changed |= after.best() != top.best();
            tops.push(after);
        }
        let new_ranks: Vec<(f64, u32)> = rank_scores(&rows, &job.rubric, &self.evidence).into_iter().zip(&self.changed).map(|(v, b)| (v, *b)).collect();
        let ranks = kept.ranks.after(&self.changed, &new_ranks, KEEP_RANKS)?;
        let best_ranks = ranks.best_values(DEPTH_BULLETS)?;
        changed |= Some(&best_ranks) != kept.ranks.best_values(DEPTH_BULLETS).as_ref();
        let fit = if changed {
            let support: Vec<f64> = tops.iter().map(Top::best).collect();
            fit::fit_from_support(&resume.profile, &job.rubric, &job.fit, &kept.profile, &support, &best_ranks)
        } else {
            kept.fit.clone()
        };
        Some((Kept { resume_key: to.to_string(), fit, profile: kept.profile.clone(), tops, ranks }, changed))
    }
}

impl Ranker {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many postings are prepared.
    pub fn prepared_jobs(&self) -> usize {
        self.jobs.len()
    }

    /// Fit of `document` against each job, and the skill gaps across them when `gaps`;
    /// `progress(done, total)` every 100 jobs.
    ///
    /// A job scored for the ranker's previous résumé is scored again only when the edit
    /// between the two can change its score ([`RankOutput::rescored`] counts those): when
    /// only some bullets' words changed, a job whose requirements weigh none of the words
    /// whose rarity changed, whose keywords are found as before, and for which the edited
    /// bullets neither were nor become the best evidence of a requirement or one of the ten
    /// deepest keeps its score. Anything else (a new summary, title, date, bullet) scores
    /// every job again.
    pub fn rank(
        &mut self,
        document: &JsonResume,
        jobs: Vec<JobToScore>,
        as_of: Option<(i32, u32)>,
        gaps: bool,
        progress: &mut dyn FnMut(u32, u32),
    ) -> RankOutput {
        let resume_hash = crate::import::content_hash(document);
        // A score holds for one résumé content on one date (years of experience).
        let key = format!("{resume_hash}@{as_of:?}");
        let mut edit = None;
        if !matches!(&self.resume, Some((k, _)) if *k == key) {
            let next = PreparedResume::new(document, &self.embedder, as_of);
            if let Some((k, old)) = &self.resume {
                edit = Edit::between(k, old, &next);
            }
            self.resume = Some((key.clone(), next));
        }
        let new_texts = jobs.iter().filter(|j| j.text.is_some() && !self.jobs.contains_key(&j.job_hash)).count();
        if self.jobs.len() + new_texts > MAX_PREPARED_JOBS {
            self.jobs.clear();
        }
        let total = jobs.len() as u32;
        let mut ranked = Vec::with_capacity(jobs.len());
        let mut unknown = Vec::new();
        let mut rescored = 0;
        let mut unchanged = Vec::new();
        let Some((_, resume)) = &self.resume else { unreachable!("prepared above") };
        for (k, j) in jobs.into_iter().enumerate() {
            if !self.jobs.contains_key(&j.job_hash) {
                match &j.text {
                    Some(text) => {
                        let rubric = crate::rubric::extract_rubric(text);
                        self.jobs.insert(j.job_hash.clone(), (PreparedJob::new(rubric, &self.embedder), None));
                    }
                    None => {
                        unknown.push(j.job_id);
                        continue;
                    }
                }
            }
            let Some((job, kept)) = self.jobs.get_mut(&j.job_hash) else { continue };
            // Whether the caller's held score is this one (then only the id goes back).
            let mut same_as_held = false;
            let carried = match (kept.take(), &edit) {
                (Some(c), _) if c.resume_key == key => {
                    same_as_held = j.held.as_deref() == Some(resume_hash.as_str());
                    Some(c)
                }
                (Some(c), Some(e)) if c.resume_key == e.from => e.carry(&key, &c, job, resume).map(|(next, changed)| {
                    rescored += changed as u32;
                    same_as_held = !changed && j.held.as_deref().is_some_and(|h| e.from.starts_with(&format!("{h}@")));
                    next
                }),
                _ => None,
            };
            let next = carried.unwrap_or_else(|| {
                rescored += 1;
                Kept::score(&key, resume, job)
            });
            if same_as_held {
                unchanged.push(j.job_id);
            } else {
                ranked.push((j.job_hash, RankedJob { job_id: j.job_id, fit: next.fit.clone() }));
            }
            *kept = Some(next);
            if k % 100 == 99 {
                progress(k as u32 + 1, total);
            }
        }
        let gaps = if gaps {
            let pairs: Vec<(&JdRubric, &FitResult)> =
                ranked.iter().filter_map(|(h, r)| self.jobs.get(h).map(|p| (&p.0.rubric, &r.fit))).collect();
            let mut gaps = fit::skill_gaps(&pairs, 15);
            closest_bullets(&mut gaps, resume, &self.embedder);
            gaps
        } else {
            Vec::new()
        };
        let mut jobs: Vec<RankedJob> = ranked.into_iter().map(|(_, r)| r).collect();
        jobs.sort_by(|a, b| b.fit.fit_score.cmp(&a.fit.fit_score).then(a.job_id.cmp(&b.job_id)));
        RankOutput { resume_hash, rules_hash: fit::rules_hash(), jobs, gaps, unknown, rescored, unchanged }
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
        JobToScore { job_id: id.into(), job_hash: crate::hash::hash_text(text), text: with_text.then(|| text.to_string()), held: None }
    }

    #[test]
    fn ranks_best_fit_first_and_reads_each_posting_once() {
        let mut r = Ranker::new();
        let doc = resume("Mentored four engineers.");
        let mut calls = Vec::new();
        let out = r.rank(&doc, vec![job("nurse", NURSE, true), job("go", GO, true)], Some((2026, 12)), true, &mut |d, t| calls.push((d, t)));
        assert_eq!(out.jobs.iter().map(|j| j.job_id.as_str()).collect::<Vec<_>>(), vec!["go", "nurse"]);
        assert!(out.jobs[0].fit.fit_score > out.jobs[1].fit.fit_score + 20, "{:?}", out.jobs.iter().map(|j| j.fit.fit_score).collect::<Vec<_>>());
        assert!(out.unknown.is_empty());
        assert_eq!(r.prepared_jobs(), 2);

        // By hash alone: known postings are scored, an unknown one is named.
        let edited = resume("Mentored four engineers through Kubernetes migrations.");
        let again = r.rank(&edited, vec![job("go", GO, false), job("new", "Data Analyst at Lumen\n\nRequirements:\n- SQL", false)], Some((2026, 12)), true, &mut |_, _| {});
        assert_eq!(again.unknown, vec!["new".to_string()]);
        assert_eq!(again.jobs.len(), 1);
        assert_ne!(again.resume_hash, out.resume_hash);
        // Gaps across the jobs scored, each with the closest bullet when one shares words.
        assert!(!out.gaps.is_empty());
        assert!(out.gaps.iter().any(|g| g.closest_bullet.is_some()), "{:?}", out.gaps);
        // The same answer as a ranker that reads the posting afresh, and as the engine's
        // own fit of the pair.
        let fresh = Ranker::new().rank(&edited, vec![job("go", GO, true)], Some((2026, 12)), true, &mut |_, _| {});
        assert_eq!(again.jobs, fresh.jobs);
        let embedder = LexicalEmbedder::default();
        let direct = PreparedResume::new(&edited, &embedder, Some((2026, 12))).fit(&PreparedJob::new(crate::rubric::extract_rubric(GO), &embedder));
        assert_eq!(fresh.jobs[0].fit, direct);
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
