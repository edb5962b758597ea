//! Job fit (seed 004 `job_fit_scores`): a 0–100 score per job with reasons, missing skills
//! and strengths, and a skill-gap report across many jobs.
//!
//! Fit asks "how well does the whole résumé answer this posting?": how much of each
//! requirement is shown by bullets (weighted by must/nice and weight), or at least named in
//! the skills, summary, titles, education or certificates; how many of the posting's
//! keywords appear anywhere; how close the résumé's job titles are to this one; and whether
//! stated minimum years are met. Results are keyed by (résumé hash, job hash, rules hash) so
//! only what changed is scored again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::embed::{cosine, Embedder};
use crate::hash;
use crate::model::{EvidenceScore, JdRubric, ReqType, SkillGap};
use crate::resume::JsonResume;
use crate::select::relevance::{key, quality_factor, requirement_weight, FastSet};
use crate::text;

/// Raised whenever scoring changes (2: support from certificates, degrees and languages;
/// conditions left out), so the scores saved with every job are computed again.
pub const FIT_RULES_VERSION: &str = "fitted-fit-4";

pub fn rules_hash() -> String {
    hash::hash_json(&(FIT_RULES_VERSION, crate::evidence::rules_hash(), crate::rubric::RUBRIC_VERSION))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FitResult {
    pub fit_score: u8,
    pub fit_reasons: Vec<String>,
    pub missing_skills: Vec<String>,
    pub strengths: Vec<String>,
    /// Components (0–1) behind the score, for display and tuning.
    pub components: FitComponents,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FitComponents {
    pub must: f64,
    pub nice: f64,
    pub keywords: f64,
    pub title: f64,
    pub years: f64,
    pub depth: f64,
    /// The mean relevance of the best bullets before `depth` saturates it (0 in records
    /// written before it was kept).
    #[serde(default)]
    pub depth_mean: f64,
}

/// How fit's parts weigh. [`FIT_WEIGHTS`] is what every fit uses; `fitted eval --cv` scores
/// other weights on résumés they were not chosen on, so the choice can be checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitWeights {
    pub must: f64,
    pub nice: f64,
    pub keywords: f64,
    pub title: f64,
    pub depth: f64,
    /// The mean best-bullet relevance at which depth counts in full.
    pub depth_full: f64,
}

pub const FIT_WEIGHTS: FitWeights = FitWeights { must: 0.3, nice: 0.05, keywords: 0.2, title: 0.1, depth: 0.35, depth_full: 0.6 };

impl FitComponents {
    /// The 0–100 fit of these parts under `w`. The logistic spread (centre 0.53, slope 7)
    /// only places scores on the 0–100 scale: it keeps their order, so ranking figures do not
    /// depend on it.
    pub fn score(&self, w: &FitWeights) -> u8 {
        let depth_score = (self.depth_mean / w.depth_full).min(1.0);
        let total = w.must + w.nice + w.keywords + w.title + w.depth;
        let raw = (w.must * self.must + w.nice * self.nice + w.keywords * self.keywords + w.title * self.title + w.depth * depth_score) / total;
        let raw = raw * (0.75 + 0.25 * self.years);
        let score = 100.0 / (1.0 + (-(raw - 0.53) * 7.0).exp());
        score.round().clamp(0.0, 100.0) as u8
    }
}

/// Year-month of a JSON Resume date ("2021", "2021-06", "2021-06-15").
pub fn year_month(d: &str) -> Option<(i32, u32)> {
    let mut it = d.trim().split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next().and_then(|m| m.parse().ok()).unwrap_or(6);
    (1900..=2200).contains(&y).then_some((y, m.clamp(1, 12)))
}

/// Total years of work (overlaps counted once), with "present" = `as_of` or, without it,
/// the latest date the résumé mentions.
pub fn years_of_experience(doc: &JsonResume, as_of: Option<(i32, u32)>) -> f64 {
    let latest = doc
        .work()
        .iter()
        .flat_map(|w| [w.start_date.as_deref(), w.end_date.as_deref()])
        .flatten()
        .filter_map(year_month)
        .max();
    let now = as_of.or(latest).unwrap_or((2000, 1));
    let mut spans: Vec<(i32, i32)> = doc
        .work()
        .iter()
        .filter_map(|w| {
            let s = year_month(w.start_date.as_deref()?)?;
            let e = w.end_date.as_deref().and_then(year_month).unwrap_or(now);
            let a = s.0 * 12 + s.1 as i32;
            let b = e.0 * 12 + e.1 as i32;
            (b >= a).then_some((a, b))
        })
        .collect();
    spans.sort_unstable();
    let mut months = 0;
    let mut cur: Option<(i32, i32)> = None;
    for (a, b) in spans {
        match cur {
            Some((ca, cb)) if a <= cb => cur = Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                months += cb - ca;
                cur = Some((a, b));
            }
            None => cur = Some((a, b)),
        }
    }
    if let Some((a, b)) = cur {
        months += b - a;
    }
    months as f64 / 12.0
}

/// Everything in the résumé that is not a bullet: summary, label, skills, titles,
/// education, certificates, awards, languages.
pub fn profile_text(doc: &JsonResume) -> String {
    let mut parts: Vec<String> = Vec::new();
    let b = doc.basics();
    parts.extend(b.label.clone());
    parts.extend(b.summary.clone());
    for w in doc.work() {
        parts.extend(w.position.clone());
        parts.extend(w.summary.clone());
    }
    for p in doc.projects() {
        parts.extend(p.name.clone());
        parts.extend(p.description.clone());
        parts.extend(p.keywords.clone().unwrap_or_default());
    }
    for s in doc.skills() {
        parts.extend(s.name.clone());
        parts.extend(s.keywords.clone().unwrap_or_default());
    }
    for e in doc.education() {
        parts.extend(e.study_type.clone());
        parts.extend(e.area.clone());
        parts.extend(e.courses.clone().unwrap_or_default());
    }
    for c in doc.certificates() {
        parts.extend(c.name.clone());
    }
    for a in doc.awards() {
        parts.extend(a.title.clone());
    }
    for l in doc.languages.as_deref().unwrap_or(&[]) {
        parts.extend(l.language.clone());
    }
    parts.join(". ")
}

/// The occupation a summary opens with, as a title of its own: "Licensed master social
/// worker with five years…" → "Licensed master social worker"; "Store Manager with 9 years"
/// → "Store Manager". A person whose job titles differ from the posting's (a case manager
/// for a social-work post) often says what they are here.
fn leading_occupation(summary: &str) -> Option<&str> {
    let first = summary.split(['.', ';', ':', '\n']).next()?.trim();
    let end = [" with ", " who ", ", ", " – ", " — ", " - ", " and "].iter().filter_map(|sep| first.find(sep)).min().unwrap_or(first.len());
    let phrase = first[..end].trim();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let head = words.last()?.to_lowercase();
    ((1..=5).contains(&words.len()) && crate::lexicon::is_occupation(&head)).then_some(phrase)
}

/// The occupation a job title names, without what follows a dash or opens a parenthesis
/// ("Hospital Social Worker - Emergency Department", "Customer Success Associate
/// (Bilingual Vietnamese)"): a department or specialty is not a title to compare with the
/// résumé's.
fn title_core(title: &str) -> &str {
    let cut = [" - ", " – ", " — ", " (", " | "].iter().filter_map(|sep| title.find(sep)).min().unwrap_or(title.len());
    let core = title[..cut].trim();
    if core.is_empty() {
        title
    } else {
        core
    }
}

fn smooth(x: f64, lo: f64, hi: f64) -> f64 {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// What fit needs from a résumé, prepared once and reused for every job it is scored
/// against (the app ranks hundreds of saved jobs this way).
pub struct FitProfile {
    profile_vec: Vec<f32>,
    /// Every run of one to four words of the résumé, normalised like keywords.
    hay_grams: std::collections::HashSet<String>,
    hay_stems: std::collections::HashSet<String>,
    years: f64,
    title_vecs: Vec<Vec<f32>>,
    has_titles: bool,
    /// Certificates, degrees, languages and skills: what can meet a requirement without a
    /// bullet.
    outside: crate::select::outside::Outside,
}

impl FitProfile {
    pub fn new(doc: &JsonResume, embedder: &dyn Embedder, as_of: Option<(i32, u32)>) -> Self {
        let profile = profile_text(doc);
        let mut all_text = profile.clone();
        for b in crate::import::bullets(doc) {
            all_text.push_str(". ");
            all_text.push_str(&b.text);
        }
        let basics = doc.basics();
        let titles: Vec<String> = doc
            .work()
            .iter()
            .filter_map(|w| w.position.clone())
            .chain(basics.label)
            .chain(basics.summary.as_deref().and_then(leading_occupation).map(str::to_string))
            .collect();
        let title_refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        FitProfile {
            profile_vec: embedder.embed(&[profile.as_str()]).pop().unwrap_or_default(),
            hay_grams: {
                let words: Vec<String> = text::normalize_term(&all_text).split(' ').map(str::to_string).collect();
                let mut g = std::collections::HashSet::new();
                for n in 1..=4 {
                    for w in words.windows(n) {
                        g.insert(w.join(" "));
                    }
                }
                g
            },
            hay_stems: text::stems(&all_text).into_iter().collect(),
            years: years_of_experience(doc, as_of),
            title_vecs: embedder.embed(&title_refs),
            has_titles: !titles.is_empty(),
            outside: crate::select::outside::Outside::new(doc),
        }
    }
}

impl FitProfile {
    /// Whether the two differ at most in the words of their bullets: same profile text,
    /// titles and years. Then a job's fit can change only through its bullets' relevance
    /// and which of its keywords the résumé contains.
    pub fn same_apart_from_words(&self, other: &FitProfile) -> bool {
        self.profile_vec == other.profile_vec
            && self.title_vecs == other.title_vecs
            && self.years == other.years
            && self.has_titles == other.has_titles
            && self.outside == other.outside
    }

    /// The word runs and stems one of the two résumés has and the other has not (by key).
    pub fn word_changes(&self, other: &FitProfile) -> WordChanges {
        WordChanges {
            grams: self.hay_grams.symmetric_difference(&other.hay_grams).map(|g| key(g)).collect(),
            stems: self.hay_stems.symmetric_difference(&other.hay_stems).map(|g| key(g)).collect(),
        }
    }
}

/// Word runs and stems that came or went between two résumés, by key.
pub struct WordChanges {
    grams: FastSet<u64>,
    stems: FastSet<u64>,
}

impl FitJob {
    /// Whether finding this job's keywords in a résumé can turn out differently when only
    /// these word runs and stems came or went.
    pub fn keywords_touch(&self, changes: &WordChanges) -> bool {
        self.keyword_keys.iter().any(|(norm, st)| changes.grams.contains(norm) || st.iter().any(|s| changes.stems.contains(s)))
    }
}

/// Score one job. `rel` is the bullet × requirement matrix for this résumé and rubric.
pub fn fit(
    doc: &JsonResume,
    rubric: &JdRubric,
    rel: &[Vec<f64>],
    evidence: &[EvidenceScore],
    embedder: &dyn Embedder,
    as_of: Option<(i32, u32)>,
) -> FitResult {
    let job = FitJob::new(rubric, crate::pipeline::requirement_vectors(rubric, embedder), embedder);
    fit_with_profile(&FitProfile::new(doc, embedder, as_of), rubric, &job, rel, evidence)
}

/// The job-side inputs of fit that depend only on the posting (cached with its rubric).
pub struct FitJob {
    /// The embedder's vectors of the requirements.
    pub req_vecs: Vec<Vec<f32>>,
    /// Each keyword normalised and stemmed.
    pub keywords: Vec<(String, Vec<String>)>,
    /// The job's title as written and without its department ([`title_core`]): "Manager -
    /// Tax" is compared whole too, where the part after the dash is the role.
    pub title_vecs: Vec<Vec<f32>>,
    /// `keywords` by key, for [`FitJob::keywords_touch`].
    keyword_keys: Vec<(u64, Vec<u64>)>,
    /// Per requirement: the years an experience requirement asks for.
    pub years_needed: Vec<Option<f64>>,
    /// The requirements, for what a résumé shows outside its bullets.
    requirements: Vec<crate::model::Requirement>,
}

impl FitJob {
    pub fn new(rubric: &JdRubric, req_vecs: Vec<Vec<f32>>, embedder: &dyn Embedder) -> Self {
        FitJob {
            req_vecs,
            keywords: rubric.keywords.iter().map(|k| (text::normalize_term(&k.term), text::stems(&k.term))).collect(),
            keyword_keys: rubric.keywords.iter().map(|k| (key(&text::normalize_term(&k.term)), text::stems(&k.term).iter().map(|s| key(s)).collect())).collect(),
            title_vecs: embedder.embed(&[rubric.job_meta.job_title.as_str(), title_core(&rubric.job_meta.job_title)]),
            years_needed: rubric
                .requirements
                .iter()
                .map(|r| if r.category == "experience" { crate::rubric::years_required(&r.requirement) } else { None })
                .collect(),
            requirements: rubric.requirements.clone(),
        }
    }
}

/// Score one job against a prepared profile.
pub fn fit_with_profile(
    p: &FitProfile,
    rubric: &JdRubric,
    job: &FitJob,
    rel: &[Vec<f64>],
    evidence: &[EvidenceScore],
) -> FitResult {
    let bullet_support: Vec<f64> = (0..rubric.requirements.len())
        .map(|r| rel.iter().zip(evidence).map(|(row, e)| row.get(r).copied().unwrap_or(0.0) * quality_factor(e)).fold(0.0, f64::max))
        .collect();
    let mut ranks = crate::select::relevance::rank_scores(rel, rubric, evidence);
    ranks.sort_by(|a, b| b.total_cmp(a));
    ranks.truncate(DEPTH_BULLETS);
    fit_from_support(p, rubric, job, &ProfileMatch::new(p, job), &bullet_support, &ranks)
}

/// What fit takes from the résumé's profile text and titles for one job (not from its
/// bullets): kept with the job's score, it needs no recomputing while only bullets change.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileMatch {
    /// Per requirement: support from the profile text alone.
    text_support: Vec<f64>,
    /// The job's title against the résumé's titles and label.
    title_score: f64,
    /// Per requirement: support from a certificate, degree, language or skill the résumé
    /// lists (`select::outside`).
    outside_support: Vec<f64>,
}

impl ProfileMatch {
    pub fn new(p: &FitProfile, job: &FitJob) -> ProfileMatch {
        let text_support = job.req_vecs.iter().map(|v| (cosine(v, &p.profile_vec).max(0.0) as f64 * 1.6).min(1.0) * 0.75).collect();
        let title_score = if !p.has_titles {
            0.0
        } else {
            let best = |v: &[f32]| p.title_vecs.iter().enumerate().map(|(k, tv)| (cosine(v, tv).max(0.0) as f64) * if k == 0 { 1.0 } else { 0.85 }).fold(0.0, f64::max);
            job.title_vecs.iter().map(|v| best(v)).fold(0.0, f64::max)
        };
        let outside_support = job.requirements.iter().map(|r| p.outside.shows(r).map_or(0.0, |s| s.support())).collect();
        ProfileMatch { text_support, title_score, outside_support }
    }
}

/// How many of the best bullets fit's depth averages.
pub const DEPTH_BULLETS: usize = 10;

/// Score one job from what fit uses of the bullets: per requirement the best bullet's
/// relevance × evidence quality (`bullet_support`, 0 when none), and the best bullets' rank
/// scores, best first, at most [`DEPTH_BULLETS`]. The ranker keeps these per job, so an
/// edit of one bullet can be scored without the whole relevance matrix.
pub fn fit_from_support(
    p: &FitProfile,
    rubric: &JdRubric,
    job: &FitJob,
    profile: &ProfileMatch,
    bullet_support: &[f64],
    best_ranks: &[f64],
) -> FitResult {
    let reqs = &rubric.requirements;
    let years = p.years;
    let min_years = rubric.constraints.as_ref().and_then(|c| c.years_experience_min);

    let mut must = (0.0, 0.0);
    let mut nice = (0.0, 0.0);
    // Borrowed until the few shown are chosen: this runs for every saved job.
    let mut strengths: Vec<(f64, &str)> = Vec::new();
    let mut gaps: Vec<(f64, &str)> = Vec::new();
    for (r, req) in reqs.iter().enumerate() {
        let bullet_support = bullet_support.get(r).copied().unwrap_or(0.0);
        let text_support = profile.text_support.get(r).copied().unwrap_or(0.0);
        let mut support = smooth(bullet_support.max(text_support), 0.12, 0.55);
        if let Some(need) = job.years_needed.get(r).copied().flatten() {
            support = support.max((years / need).min(1.0));
        }
        support = support.max(profile.outside_support.get(r).copied().unwrap_or(0.0));
        // Work authorisation and the job's conditions (schedule, travel, lifting) are
        // nothing a résumé shows: they would lower every fit alike for such jobs.
        if matches!(req.category.as_str(), "authorization" | "conditions") {
            continue;
        }
        let w = requirement_weight(req);
        match req.req_type {
            ReqType::Must => {
                must.0 += w * support;
                must.1 += w;
            }
            ReqType::Nice => {
                nice.0 += w * support;
                nice.1 += w;
            }
        }
        if support >= 0.8 && req.req_type == ReqType::Must {
            strengths.push((w * support, req.requirement.as_str()));
        } else if support < 0.35 {
            gaps.push((w * (1.0 - support) * if req.req_type == ReqType::Must { 1.5 } else { 1.0 }, req.requirement.as_str()));
        }
    }
    let must_score = if must.1 > 0.0 { must.0 / must.1 } else { 0.5 };
    let nice_score = if nice.1 > 0.0 { nice.0 / nice.1 } else { 0.5 };

    // Keywords present anywhere (importance-weighted).
    let hay_stems = &p.hay_stems;
    let mut kw = (0.0, 0.0);
    let mut missing_kw: Vec<(u8, &str)> = Vec::new();
    let mut present_kw: Vec<(u8, &str)> = Vec::new();
    for (k, (norm, stems)) in rubric.keywords.iter().zip(&job.keywords) {
        let found = p.hay_grams.contains(norm) || (!stems.is_empty() && stems.iter().all(|s| hay_stems.contains(s)));
        let w = k.importance as f64;
        kw.1 += w;
        if found {
            kw.0 += w;
            present_kw.push((k.importance, k.term.as_str()));
        } else {
            missing_kw.push((k.importance, k.term.as_str()));
        }
    }
    let kw_score = if kw.1 > 0.0 { kw.0 / kw.1 } else { 0.5 };

    let title_score = profile.title_score;
    let years_score = match min_years {
        Some(need) if need > 0.0 => (years / need).min(1.0),
        _ => 1.0,
    };

    // Depth of relevant evidence: the mean of the ten best bullets' relevance scores. It sees
    // adjacent experience ("usability tests with patients" for a human-factors role) that
    // requirement coverage alone calls a miss. A résumé with fewer bullets is judged on the
    // ones it has: a one-page résumé of seven bullets, each on the job, is not a weak fit
    // for missing three more (`best_ranks` holds every bullet when there are fewer than ten).
    let counted = best_ranks.len().clamp(1, DEPTH_BULLETS);
    let depth = best_ranks.iter().take(DEPTH_BULLETS).sum::<f64>() / counted as f64;
    let depth_score = (depth / FIT_WEIGHTS.depth_full).min(1.0);
    let components = FitComponents {
        must: must_score,
        nice: nice_score,
        keywords: kw_score,
        title: title_score,
        years: years_score,
        depth: depth_score,
        depth_mean: depth,
    };
    // Logistic spread so clear matches land high and clear mismatches low.
    let fit_score = components.score(&FIT_WEIGHTS);

    let must_total = reqs.iter().filter(|r| r.req_type == ReqType::Must).count();
    let mut reasons = vec![format!(
        "Shows {:.0}% of the must-have requirements{}.",
        must_score * 100.0,
        if must_total > 0 { format!(" ({must_total} in all)") } else { String::new() }
    )];
    reasons.push(format!("{} of {} keywords appear in your résumé.", present_kw.len(), rubric.keywords.len()));
    if title_score >= 0.5 {
        reasons.push(format!("Your job titles are close to “{}”.", rubric.job_meta.job_title));
    } else if title_score < 0.2 {
        reasons.push(format!("Your job titles are far from “{}”.", rubric.job_meta.job_title));
    }
    if let Some(need) = min_years {
        reasons.push(if years >= need {
            format!("Meets the {need:.0}+ years asked (about {years:.0} in your résumé).")
        } else {
            format!("Asks for {need:.0}+ years; your résumé shows about {years:.0}.")
        });
    }
    missing_kw.sort_by_key(|k| std::cmp::Reverse(k.0));
    present_kw.sort_by_key(|k| std::cmp::Reverse(k.0));
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0));
    strengths.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut missing: Vec<String> = missing_kw.iter().filter(|(i, _)| *i >= 2).map(|(_, t)| t.to_string()).take(6).collect();
    for (_, g) in gaps.iter().take(3) {
        if missing.len() < 8 {
            missing.push(short(g, 80));
        }
    }
    let mut strong: Vec<String> = present_kw.iter().take(5).map(|(_, t)| t.to_string()).collect();
    for (_, s) in strengths.iter().take(2) {
        strong.push(short(s, 80));
    }
    FitResult {
        fit_score,
        fit_reasons: reasons,
        missing_skills: missing,
        strengths: strong,
        components,
    }
}

fn short(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{}…", t.trim_end())
    } else {
        t
    }
}

/// Skill gaps across many jobs: each missing keyword weighs its importance × 2 when the job
/// needs it as a must-have (1 otherwise); the heaviest gaps first.
pub fn skill_gaps(jobs: &[(&JdRubric, &FitResult)], limit: usize) -> Vec<SkillGap> {
    let mut acc: HashMap<String, SkillGap> = HashMap::new();
    for (rubric, fit) in jobs {
        for term in &fit.missing_skills {
            let Some(k) = rubric.keywords.iter().find(|k| &k.term == term) else { continue };
            let must = rubric
                .requirements
                .iter()
                .any(|r| r.req_type == ReqType::Must && r.requirement.to_lowercase().contains(&k.term.to_lowercase()));
            let key = text::normalize_term(term);
            let e = acc.entry(key).or_insert_with(|| SkillGap { skill: term.clone(), weight: 0.0, jobs: 0, must_jobs: 0, closest_bullet: None });
            e.weight += k.importance as f64 * if must { 2.0 } else { 1.0 };
            e.jobs += 1;
            e.must_jobs += must as u32;
        }
    }
    let mut v: Vec<SkillGap> = acc.into_values().collect();
    v.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.skill.cmp(&b.skill)));
    v.truncate(limit);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resume::Work;

    /// What `fitted eval --cv` rescores is what the app shows, and weights count only
    /// relative to each other.
    #[test]
    fn a_summary_may_open_with_an_occupation() {
        assert_eq!(leading_occupation("Licensed master social worker with five years of case management."), Some("Licensed master social worker"));
        assert_eq!(leading_occupation("Store Manager with 9 years in specialty retail."), Some("Store Manager"));
        assert_eq!(leading_occupation("Cardiac progressive-care RN with eight years"), None);
        assert_eq!(leading_occupation("I build teams that hit sales plans."), None);
    }

    #[test]
    fn a_title_is_compared_without_its_department_or_specialty() {
        assert_eq!(title_core("Hospital Social Worker - Emergency Department"), "Hospital Social Worker");
        assert_eq!(title_core("Customer Success Associate (Bilingual Vietnamese)"), "Customer Success Associate");
        assert_eq!(title_core("Staff Accountant"), "Staff Accountant");
        assert_eq!(title_core("(Contract)"), "(Contract)");
    }

    #[test]
    fn components_rescore_to_the_shipped_score_and_weights_are_relative() {
        let c = FitComponents { must: 0.7, nice: 0.4, keywords: 0.55, title: 0.3, years: 0.8, depth: 0.75, depth_mean: 0.45 };
        let doubled = FitWeights {
            must: 2.0 * FIT_WEIGHTS.must,
            nice: 2.0 * FIT_WEIGHTS.nice,
            keywords: 2.0 * FIT_WEIGHTS.keywords,
            title: 2.0 * FIT_WEIGHTS.title,
            depth: 2.0 * FIT_WEIGHTS.depth,
            ..FIT_WEIGHTS
        };
        assert_eq!(c.score(&FIT_WEIGHTS), c.score(&doubled));
        let deeper = FitComponents { depth_mean: 0.6, ..c.clone() };
        assert!(deeper.score(&FIT_WEIGHTS) > c.score(&FIT_WEIGHTS));
        // Past `depth_full`, more depth adds nothing.
        let saturated = FitComponents { depth_mean: 0.9, ..c.clone() };
        assert_eq!(saturated.score(&FIT_WEIGHTS), deeper.score(&FIT_WEIGHTS));
    }

    #[test]
    fn years_merge_overlaps_and_use_latest_date_as_present() {
        let doc = JsonResume {
            work: Some(vec![
                Work { start_date: Some("2020-01".into()), ..Default::default() },
                Work { start_date: Some("2018-01".into()), end_date: Some("2020-06".into()), ..Default::default() },
                Work { start_date: Some("2014-01".into()), end_date: Some("2015-01".into()), ..Default::default() },
            ]),
            ..Default::default()
        };
        // 2018-01..2020-06 merges with 2020-01..(2020-06 = latest) → 29 months, plus 12.
        assert!((years_of_experience(&doc, None) - 41.0 / 12.0).abs() < 0.01);
        assert!((years_of_experience(&doc, Some((2024, 1))) - 7.0).abs() < 0.01);
    }
}

