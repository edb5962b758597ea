//! Bullet selection (seed 000 `selectionPlans`): which bullets go on the one-page résumé for
//! this job, and why.
//!
//! Greedy coverage under budgets: each step adds the bullet with the largest gain — value
//! of the requirements it newly covers (weighted by must/nice and weight, with diminishing
//! returns after the first bullet per requirement), its overall relevance, evidence strength
//! and recency — minus a redundancy penalty against what is already chosen. Near-duplicates
//! past the hard-block threshold are never added. Per-role caps, section caps and the word
//! budget bound the result; the budget counts what the page shows, so a project's first
//! bullet also pays for the project's entry. Once a page has overflowed, a budget of
//! typeset lines bounds it too ([`page`]), counted the same way. User pins always go in, exclusions never.
//! Deterministic: ties break by document order.

pub mod config;
pub mod outside;
pub mod page;
pub mod redundancy;
pub mod relevance;

use std::collections::{BTreeMap, HashMap};

pub use config::{clamp_config, default_config, CONFIG_VERSION};

use crate::import::Bullet;
use crate::model::{
    BudgetsUsed, CoverageStats, EvidenceScore, EvidenceSummary, EvidenceTier, JdRubric, ParentType, Redundancy,
    ReqType, RequirementMatch, RewriteIntent, SelectedBullet, SelectedContent, SelectionConfig, SelectionNotes,
    SelectionPlan, UncoveredRequirement,
};
use crate::resume::JsonResume;

pub const SELECTION_VERSION: &str = "fitted-select-1";

/// Past the minimum size, a bullet must add at least this much gain to be included.
const STOP_GAIN: f64 = 0.15;

/// Everything selection needs, computed once per (résumé, job).
pub struct SelectionInput<'a> {
    pub resume: &'a JsonResume,
    pub bullets: &'a [Bullet],
    pub evidence: &'a [EvidenceScore],
    pub bullet_vecs: &'a [Vec<f32>],
    pub rubric: &'a JdRubric,
    /// rel[b][r] from [`relevance::relevance_matrix`].
    pub rel: &'a [Vec<f64>],
    pub rank: &'a [f64],
    /// Semantic vectors of the bullets (empty when no word vectors are loaded).
    pub sem_vecs: &'a [Vec<f32>],
    /// Redundancy profiles of the bullets ([`redundancy::profile`]); they depend on the
    /// résumé only, so callers compute them once.
    pub profiles: &'a [redundancy::Profile],
    pub config: &'a SelectionConfig,
    /// bulletIds the user pinned / excluded.
    pub pinned: &'a [String],
    pub excluded: &'a [String],
    pub master_resume_hash: &'a str,
    pub job_extracted_hash: &'a str,
    pub embedding_model: &'a str,
}

/// Words a bullet's entry adds to the page when the bullet is its first: a project's name,
/// dates, description and keywords (0 for a role, which is on the page with or without
/// bullets).
pub(crate) fn entry_words(resume: &JsonResume, b: &Bullet) -> u32 {
    if b.parent_type != ParentType::Project {
        return 0;
    }
    let Some(p) = resume.projects.as_ref().and_then(|ps| ps.get(b.parent_index)) else { return 0 };
    let text = |s: &Option<String>| s.as_deref().map(words).unwrap_or(0);
    // Dates print as month and year ("Jan 2024"); keywords follow a "Keywords:" label.
    let dates = 2 * (u32::from(p.start_date.is_some()) + u32::from(p.end_date.is_some()));
    let keywords = p.keywords.as_ref().filter(|k| !k.is_empty()).map_or(0, |k| 1 + k.iter().map(|k| words(k)).sum::<u32>());
    text(&p.name) + text(&p.entity) + text(&p.description) + dates + keywords
}

pub(crate) fn words(s: &str) -> u32 {
    s.split_whitespace().count() as u32
}

fn role_cap(b: &Bullet, c: &SelectionConfig) -> u32 {
    let caps = &c.budgets.per_role_caps;
    match (b.parent_type, b.parent_index) {
        (ParentType::Experience, 0) => caps.most_recent,
        (ParentType::Experience, 1) => caps.next,
        _ => caps.older,
    }
}

fn recency(b: &Bullet) -> f64 {
    match (b.parent_type, b.parent_index) {
        (ParentType::Experience, 0) => 1.0,
        (ParentType::Experience, 1) => 0.75,
        (ParentType::Experience, 2) => 0.5,
        (ParentType::Experience, _) => 0.35,
        _ => 0.45,
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

/// How a left-out bullet restates a chosen, stronger one (the review says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Restates {
    /// Nearly the same words or meaning.
    Alike,
    /// Different words, but every requirement it shows the chosen bullet shows as well
    /// (possibly none).
    NothingNew,
}

/// Build the selection plan.
pub fn select(input: &SelectionInput) -> SelectionPlan {
    let cfg = clamp_config(input.config);
    let n = input.bullets.len();
    let reqs = &input.rubric.requirements;
    let req_w: Vec<f64> = reqs.iter().map(relevance::requirement_weight).collect();
    let threshold = |r: usize| match reqs[r].req_type {
        ReqType::Must => cfg.thresholds.must_min_rel,
        ReqType::Nice => cfg.thresholds.nice_min_rel,
    };
    let profiles = input.profiles;
    let sem_sim = |a: usize, b: usize| -> f64 {
        if input.sem_vecs.is_empty() {
            0.0
        } else {
            crate::embed::cosine(&input.sem_vecs[a], &input.sem_vecs[b]) as f64
        }
    };
    // Pairwise similarity, computed on first use (selection looks at the same pairs often).
    let sim_cache = std::cell::RefCell::new(vec![f64::NAN; n * n]);
    let sim = |a: usize, b: usize| {
        let (x, y) = if a < b { (a, b) } else { (b, a) };
        let cached = sim_cache.borrow()[x * n + y];
        if !cached.is_nan() {
            return cached;
        }
        let lex = redundancy::similarity(&profiles[a], &profiles[b]);
        // Same meaning in different words: very close in the semantic space *and* sharing
        // some specific words ("Assessed … changes for regulatory impact" / "Drafted
        // regulatory assessments for … change notices").
        let v = if sem_sim(a, b) >= crate::semvec::calibration().restates && lex >= 0.22 { lex.max(cfg.thresholds.redundancy.hard_block) } else { lex };
        sim_cache.borrow_mut()[x * n + y] = v;
        v
    };
    // A weaker bullet that shows nothing a chosen, stronger bullet does not already show —
    // same requirements, overlapping words — is a restatement ("Responsible for regulatory
    // submissions" next to "Authored and submitted 8 510(k)s…"): it costs a line and adds
    // nothing, so it is treated as redundant.
    let covers_all: Vec<Vec<usize>> =
        (0..n).map(|i| (0..reqs.len()).filter(|&r| input.rel[i][r] >= threshold(r)).collect()).collect();
    let covers = |i: usize| -> &Vec<usize> { &covers_all[i] };
    // Which chosen bullet a weaker one restates, and how (for the review's reason).
    let restated_by = |i: usize, chosen: &[usize]| -> Option<(usize, Restates)> {
        let ci = covers(i);
        chosen.iter().find_map(|&j| {
            let gap = input.evidence[j].score - input.evidence[i].score;
            let s = sim(i, j);
            // The weaker the bullet is next to its look-alike, the less alike it must be.
            if gap > 0.0 && s >= cfg.thresholds.redundancy.hard_block - 0.4 * gap {
                Some((j, Restates::Alike))
            } else if gap > 0.1 && s >= 0.15 && {
                let cj = covers(j);
                ci.iter().all(|r| cj.contains(r) && input.rel[j][*r] + 0.1 >= input.rel[i][*r])
            } {
                Some((j, Restates::NothingNew))
            } else {
                None
            }
        })
    };
    let is_excluded = |b: &Bullet| input.excluded.iter().any(|x| x == &b.bullet_id);
    let is_pinned = |b: &Bullet| input.pinned.iter().any(|x| x == &b.bullet_id);

    let mut chosen: Vec<usize> = Vec::new();
    let mut per_parent: HashMap<String, u32> = HashMap::new();
    let mut exp_count = 0u32;
    let mut proj_count = 0u32;
    let mut word_count = 0u32;
    // A project is on the page only while one of its bullets is: its first bullet brings
    // the entry's own words (name, dates, description, keywords) too.
    let entry = |i: usize| entry_words(input.resume, &input.bullets[i]);
    let cost = |i: usize, per_parent: &HashMap<String, u32>| {
        let b = &input.bullets[i];
        let opens = per_parent.get(&b.parent_id).copied().unwrap_or(0) == 0;
        words(&b.text) + if opens { entry(i) } else { 0 }
    };
    // Once a page has overflowed, lines are the budget that matters (see `page`).
    let page_lines = cfg.budgets.page_lines;
    let mut line_count = 0.0f64;
    let line_cost = |i: usize, per_parent: &HashMap<String, u32>| match page_lines {
        Some(p) => {
            let b = &input.bullets[i];
            let opens = per_parent.get(&b.parent_id).copied().unwrap_or(0) == 0;
            page::bullet_lines(&b.text, p.line_chars, p.item_gap)
                + if opens { page::entry_lines(input.resume, b, p.line_chars, p.item_gap, p.par_step) } else { 0.0 }
        }
        None => 0.0,
    };
    let mut covered: Vec<u32> = vec![0; reqs.len()];
    // Each bullet kept out as a restatement, with the chosen one it restates.
    let mut restated: HashMap<usize, (usize, Restates)> = HashMap::new();

    let take = |i: usize,
                    chosen: &mut Vec<usize>,
                    per_parent: &mut HashMap<String, u32>,
                    covered: &mut Vec<u32>,
                    exp_count: &mut u32,
                    proj_count: &mut u32,
                    word_count: &mut u32,
                    line_count: &mut f64| {
        let b = &input.bullets[i];
        *word_count += cost(i, per_parent);
        *line_count += line_cost(i, per_parent);
        chosen.push(i);
        *per_parent.entry(b.parent_id.clone()).or_insert(0) += 1;
        if b.parent_type == ParentType::Project {
            *proj_count += 1;
        } else {
            *exp_count += 1;
        }
        for (r, c) in covered.iter_mut().enumerate() {
            if input.rel[i][r] >= threshold(r) {
                *c += 1;
            }
        }
    };

    // Pins first, in document order.
    for i in 0..n {
        let b = &input.bullets[i];
        if is_pinned(b) && !is_excluded(b) {
            take(i, &mut chosen, &mut per_parent, &mut covered, &mut exp_count, &mut proj_count, &mut word_count, &mut line_count);
        }
    }

    let max_total = cfg.budgets.experience_bullets_max + cfg.budgets.project_bullets_max;
    let min_total = cfg.budgets.experience_bullets_min.min(max_total);
    loop {
        let mut best: Option<(usize, f64)> = None;
        // The best bullet that shows a must-have nothing chosen shows yet.
        let mut best_new_must: Option<(usize, f64)> = None;
        for i in 0..n {
            let b = &input.bullets[i];
            if chosen.contains(&i) || is_excluded(b) || restated.contains_key(&i) {
                continue;
            }
            // Weak wording ("Responsible for…", trait claims) never makes the cut on its own:
            // only a user's pin puts it on the page.
            if input.evidence[i].tier == EvidenceTier::Weak {
                continue;
            }
            let used = per_parent.get(&b.parent_id).copied().unwrap_or(0);
            if used >= role_cap(b, &cfg) {
                continue;
            }
            let section_full = match b.parent_type {
                ParentType::Project => proj_count >= cfg.budgets.project_bullets_max,
                _ => exp_count >= cfg.budgets.experience_bullets_max,
            };
            if section_full || word_count + cost(i, &per_parent) > cfg.budgets.target_resume_words_max {
                continue;
            }
            if page_lines.is_some_and(|p| line_count + line_cost(i, &per_parent) > p.max + 1e-9) {
                continue;
            }
            let max_sim = chosen.iter().map(|&j| sim(i, j)).fold(0.0, f64::max);
            let why = if max_sim >= cfg.thresholds.redundancy.hard_block {
                chosen.iter().copied().find(|&j| sim(i, j) == max_sim).map(|j| (j, Restates::Alike))
            } else {
                restated_by(i, &chosen)
            };
            if let Some(why) = why {
                restated.insert(i, why);
                continue;
            }
            let coverage_gain: f64 = covers(i)
                .iter()
                .map(|&r| {
                    let decay = match covered[r] {
                        0 => 1.0,
                        k if k < cfg.budgets.max_bullets_per_requirement => 0.35,
                        _ => 0.0,
                    };
                    req_w[r] * input.rel[i][r] * decay
                })
                .sum();
            let e = &input.evidence[i];
            let penalty = if max_sim > cfg.thresholds.redundancy.penalty_start {
                (max_sim - cfg.thresholds.redundancy.penalty_start)
                    / (cfg.thresholds.redundancy.hard_block - cfg.thresholds.redundancy.penalty_start).max(1e-6)
            } else {
                0.0
            };
            let w = &cfg.weights;
            let gain = w.edge.w_rel * coverage_gain
                + w.fill.alpha * input.rank[i]
                + w.fill.beta * e.score * input.rank[i].min(0.5) * 2.0
                + w.fill.gamma * recency(b) * input.rank[i].min(0.5) * 2.0
                - w.edge.w_red * penalty * 0.5
                - w.edge.w_risk * e.fluff_penalty;
            // Medium evidence (no outcome or scope) yields to strong evidence of similar relevance.
            let gain = if e.tier == EvidenceTier::Medium { gain * 0.75 } else { gain };
            if best.is_none_or(|(_, g)| gain > g + 1e-12) {
                best = Some((i, gain));
            }
            if covers(i).iter().any(|&r| covered[r] == 0 && reqs[r].req_type == ReqType::Must)
                && best_new_must.is_none_or(|(_, g)| gain > g + 1e-12)
            {
                best_new_must = Some((i, gain));
            }
        }
        let Some((i, gain)) = best else { break };
        let total = chosen.len() as u32;
        if total >= max_total {
            break;
        }
        // Keep filling to the minimum; past it, only add bullets that earn their place — and a
        // bullet that shows a must-have no chosen bullet shows always earns it (the gain of
        // one requirement among many can be small, but a must-have left unshown is what a
        // reader looks for first).
        let i = if total >= min_total && gain < STOP_GAIN {
            match best_new_must {
                Some((j, _)) => j,
                None => break,
            }
        } else {
            i
        };
        take(i, &mut chosen, &mut per_parent, &mut covered, &mut exp_count, &mut proj_count, &mut word_count, &mut line_count);
        // A stronger bullet can arrive after a weaker restatement of itself: drop the weaker.
        let stale: Vec<(usize, (usize, Restates))> = chosen
            .iter()
            .copied()
            .filter(|&j| j != i && !is_pinned(&input.bullets[j]))
            .filter_map(|j| restated_by(j, &[i]).map(|why| (j, why)))
            .collect();
        for (j, why) in stale {
            chosen.retain(|&c| c != j);
            restated.insert(j, why);
            let b = &input.bullets[j];
            if let Some(c) = per_parent.get_mut(&b.parent_id) {
                *c = c.saturating_sub(1);
            }
            word_count = word_count.saturating_sub(cost(j, &per_parent));
            line_count = (line_count - line_cost(j, &per_parent)).max(0.0);
            if b.parent_type == ParentType::Project {
                proj_count = proj_count.saturating_sub(1);
            } else {
                exp_count = exp_count.saturating_sub(1);
            }
            for (r, c) in covered.iter_mut().enumerate() {
                if input.rel[j][r] >= threshold(r) {
                    *c = c.saturating_sub(1);
                }
            }
        }
    }
    chosen.sort_unstable();
    let lines = page_lines.map(|_| (line_count * 100.0).round() / 100.0);
    build_plan(input, &cfg, &chosen, (word_count, lines), &restated, threshold, &sim)
}

fn build_plan(
    input: &SelectionInput,
    cfg: &SelectionConfig,
    chosen: &[usize],
    (page_words, page_lines): (u32, Option<f64>),
    restated: &HashMap<usize, (usize, Restates)>,
    threshold: impl Fn(usize) -> f64,
    sim: &dyn Fn(usize, usize) -> f64,
) -> SelectionPlan {
    let reqs = &input.rubric.requirements;
    let mut selected = SelectedContent::default();
    let mut per_role: BTreeMap<String, u32> = BTreeMap::new();
    for &i in chosen {
        let b = &input.bullets[i];
        let e = &input.evidence[i];
        let mut matches: Vec<RequirementMatch> = (0..reqs.len())
            .filter(|&r| input.rel[i][r] >= threshold(r))
            .map(|r| RequirementMatch {
                req_id: reqs[r].req_id.clone(),
                rel: round3(input.rel[i][r]),
                edge_score: round3(
                    cfg.weights.edge.w_rel * input.rel[i][r] + cfg.weights.edge.w_evd * e.score
                        - cfg.weights.edge.w_risk * e.fluff_penalty,
                ),
            })
            .collect();
        matches.sort_by(|a, b| b.edge_score.total_cmp(&a.edge_score));
        let max_sim = chosen.iter().filter(|&&j| j != i).map(|&j| sim(i, j)).fold(0.0, f64::max);
        let penalty = if max_sim > cfg.thresholds.redundancy.penalty_start {
            round3((max_sim - cfg.thresholds.redundancy.penalty_start) / (cfg.thresholds.redundancy.hard_block - cfg.thresholds.redundancy.penalty_start).max(1e-6))
        } else {
            0.0
        };
        let mut reasons = Vec::new();
        let pinned = input.pinned.iter().any(|p| p == &b.bullet_id);
        if pinned {
            reasons.push("Pinned by you.".to_string());
        }
        for m in matches.iter().take(2) {
            if let Some(r) = reqs.iter().find(|r| r.req_id == m.req_id) {
                let kind = if r.req_type == ReqType::Must { "must-have" } else { "nice-to-have" };
                reasons.push(format!("Matches {} ({kind}, weight {}): “{}”.", r.req_id, r.weight, short(&r.requirement, 70)));
            }
        }
        if matches.is_empty() && !pinned {
            reasons.push("Relevant to the job overall, though no single requirement is matched strongly.".into());
        }
        reasons.push(format!(
            "{} evidence{}.",
            match e.tier {
                EvidenceTier::Strong => "Strong",
                EvidenceTier::Medium => "Medium",
                EvidenceTier::Weak => "Weak",
            },
            if e.matched_tools.is_empty() { String::new() } else { format!(" (names {})", e.matched_tools.iter().take(3).cloned().collect::<Vec<_>>().join(", ")) }
        ));
        if b.parent_type == ParentType::Experience && b.parent_index == 0 {
            reasons.push("From your most recent role.".into());
        }
        let rewrite_intent = match e.tier {
            EvidenceTier::Strong => RewriteIntent::Light,
            EvidenceTier::Medium => RewriteIntent::Medium,
            EvidenceTier::Weak => RewriteIntent::Heavy,
        };
        let sb = SelectedBullet {
            bullet_id: b.bullet_id.clone(),
            parent_type: b.parent_type,
            parent_id: b.parent_id.clone(),
            original_text: b.text.clone(),
            company: b.company.clone(),
            role: b.role.clone(),
            date_range: b.dates.clone(),
            evidence: EvidenceSummary { score: e.score, tier: e.tier },
            matches,
            redundancy: Redundancy { max_sim: round3(max_sim), blocked: false, penalty },
            rewrite_intent,
            reasons,
            source_path: b.source_path.clone(),
            pinned,
        };
        *per_role.entry(b.parent_id.clone()).or_insert(0) += 1;
        match b.parent_type {
            ParentType::Project => selected.projects.push(sb),
            ParentType::Award => selected.awards.push(sb),
            ParentType::Experience => selected.work_experience.push(sb),
        }
    }

    // Coverage.
    let mut coverage = CoverageStats::default();
    let mut uncovered = Vec::new();
    // What the résumé shows outside its bullets, read once for every uncovered requirement.
    let outside = outside::Outside::new(input.resume);
    for (r, req) in reqs.iter().enumerate() {
        let is_covered = chosen.iter().any(|&i| input.rel[i][r] >= cfg.thresholds.cover_threshold.min(threshold(r)));
        match req.req_type {
            ReqType::Must => {
                coverage.must_total += 1;
                coverage.must_covered += is_covered as u32;
            }
            ReqType::Nice => {
                coverage.nice_total += 1;
                coverage.nice_covered += is_covered as u32;
            }
        }
        if !is_covered {
            uncovered.push(UncoveredRequirement {
                req_id: req.req_id.clone(),
                req_type: req.req_type,
                weight: req.weight,
                reason: uncovered_reason(input, &outside, r, chosen, restated, &threshold),
            });
        }
    }
    coverage.uncovered_requirements = uncovered;

    // Notes on what was left out.
    let mut dropped_red = Vec::new();
    let mut dropped_budget = Vec::new();
    let mut reasons = BTreeMap::new();
    let relevant = |i: usize| (0..reqs.len()).any(|r| input.rel[i][r] >= threshold(r));
    // Whether a budget kept the bullet out: its role's cap, its section, or the words or
    // lines left on the page (with its project's entry when it would open one).
    let out_of_room = |i: usize| {
        let b = &input.bullets[i];
        let used = per_role.get(&b.parent_id).copied().unwrap_or(0);
        let opens = used == 0 && b.parent_type == ParentType::Project;
        let section_full = match b.parent_type {
            ParentType::Project => selected.projects.len() as u32 >= cfg.budgets.project_bullets_max,
            _ => selected.work_experience.len() as u32 >= cfg.budgets.experience_bullets_max,
        };
        let words_needed = words(&b.text) + if opens { entry_words(input.resume, b) } else { 0 };
        let lines_full = match (cfg.budgets.page_lines, page_lines) {
            (Some(p), Some(used_lines)) => {
                let entry = if opens { page::entry_lines(input.resume, b, p.line_chars, p.item_gap, p.par_step) } else { 0.0 };
                used_lines + page::bullet_lines(&b.text, p.line_chars, p.item_gap) + entry > p.max + 1e-9
            }
            _ => false,
        };
        used >= role_cap(b, cfg) || section_full || page_words + words_needed > cfg.budgets.target_resume_words_max || lines_full
    };
    for i in 0..input.bullets.len() {
        if chosen.contains(&i) {
            continue;
        }
        let b = &input.bullets[i];
        if input.excluded.iter().any(|x| x == &b.bullet_id) {
            reasons.insert(b.bullet_id.clone(), "Excluded by you.".to_string());
            continue;
        }
        match restated.get(&i) {
            Some(&(twin, Restates::Alike)) => {
                dropped_red.push(b.bullet_id.clone());
                reasons.insert(b.bullet_id.clone(), format!("Says much the same as a chosen bullet: “{}”.", short(&input.bullets[twin].text, 60)));
                continue;
            }
            // Nothing new and nothing the job asks for: not a repeat, just not relevant.
            Some(&(twin, Restates::NothingNew)) if relevant(i) => {
                dropped_red.push(b.bullet_id.clone());
                reasons.insert(
                    b.bullet_id.clone(),
                    format!("Shows only what a stronger chosen bullet already shows for this job: “{}”.", short(&input.bullets[twin].text, 60)),
                );
                continue;
            }
            _ => {}
        }
        if relevant(i) && input.evidence[i].tier == EvidenceTier::Weak {
            reasons.insert(
                b.bullet_id.clone(),
                "Relevant, but worded as a duty or a trait, not as something you did: rewrite it (see its hints), or pin it to use it as it is.".into(),
            );
        } else if relevant(i) && out_of_room(i) {
            dropped_budget.push(b.bullet_id.clone());
            reasons.insert(b.bullet_id.clone(), "Relevant, but stronger bullets used the space for its role or the page.".into());
        } else if relevant(i) {
            reasons.insert(
                b.bullet_id.clone(),
                "Relevant, but what it shows is already shown by the chosen bullets; pin it to add it anyway.".into(),
            );
        } else {
            reasons.insert(b.bullet_id.clone(), "Not relevant enough to this job's requirements.".into());
        }
    }
    let excluded: Vec<String> = input.excluded.iter().filter(|x| input.bullets.iter().any(|b| &b.bullet_id == *x)).cloned().collect();
    let budgets_used = BudgetsUsed {
        words: page_words,
        lines: page_lines,
        experience_bullets: selected.work_experience.len() as u32,
        project_bullets: selected.projects.len() as u32,
        award_lines: selected.awards.len() as u32,
        per_role,
    };
    SelectionPlan {
        id: String::new(),
        run_id: String::new(),
        version: SELECTION_VERSION.into(),
        master_resume_hash: input.master_resume_hash.into(),
        job_extracted_hash: input.job_extracted_hash.into(),
        rubric_hash: input.rubric.rubric_hash.clone(),
        embedding_model: input.embedding_model.into(),
        config: cfg.clone(),
        coverage,
        selected,
        budgets_used,
        selection_notes: Some(SelectionNotes {
            dropped_due_to_redundancy: (!dropped_red.is_empty()).then_some(dropped_red),
            dropped_due_to_budget: (!dropped_budget.is_empty()).then_some(dropped_budget),
            excluded_by_user: (!excluded.is_empty()).then_some(excluded),
            reasons,
        }),
        created_at: 0,
        budgets_before_cut: None,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn uncovered_reason(
    input: &SelectionInput,
    outside: &outside::Outside,
    r: usize,
    chosen: &[usize],
    restated: &HashMap<usize, (usize, Restates)>,
    threshold: &impl Fn(usize) -> f64,
) -> String {
    let req = &input.rubric.requirements[r];
    let best = (0..input.bullets.len()).max_by(|&a, &b| input.rel[a][r].total_cmp(&input.rel[b][r]));
    let shown = outside.shows(req);
    match req.category.as_str() {
        "education" => {
            let listed = outside.degrees().join("; ");
            return match shown {
                None => "A degree requirement; your résumé lists no education.".into(),
                Some(outside::Shown::Degrees { below: true, .. }) => {
                    format!("A degree requirement at a level your education ({listed}) does not list; if you hold it, add it to your Education section.")
                }
                Some(outside::Shown::Degrees { in_field: true, .. }) => format!("A degree requirement, shown by your education ({listed}), not by bullets."),
                _ => format!("A degree requirement; check that your education ({listed}) meets it."),
            };
        }
        "experience" => return "A years-of-experience requirement, shown by your dates, not by bullets.".into(),
        "certification" => {
            return match shown {
                Some(outside::Shown::Certificate(c)) => format!("A licence or certification, shown by your certificate “{}”, not by bullets.", short(c, 60)),
                Some(outside::Shown::CertificateMaybe(c)) => format!("A licence or certification; check that your certificate “{}” is the one asked for.", short(c, 60)),
                _ if outside.certificates().is_empty() => "A licence or certification; add it to your résumé's Certificates section if you have it.".into(),
                _ => "A licence or certification none of your certificates names; add it to your Certificates section if you have it.".into(),
            };
        }
        "authorization" => return "A work-authorisation requirement; not something bullets can show.".into(),
        "conditions" => return "A condition of the job (schedule, travel, physical demands or checks before hiring), not something bullets show; check that you can meet it.".into(),
        "language" => {
            return match shown {
                Some(outside::Shown::Languages(named)) if outside.languages().is_empty() => {
                    format!("A language requirement, shown by your Skills section (“{}”), not by bullets.", short(named[0], 60))
                }
                _ if outside.languages().is_empty() => "A language requirement; add the languages you speak to your résumé's Languages section.".into(),
                Some(_) => format!("A language requirement, shown by your Languages section ({}), not by bullets.", outside.languages().join(", ")),
                None => format!("A language requirement none of your listed languages ({}) names; add it to your Languages section if you speak it.", outside.languages().join(", ")),
            };
        }
        _ => {}
    }
    match best {
        Some(b) if input.rel[b][r] >= threshold(r) => {
            let why = if input.excluded.iter().any(|x| x == &input.bullets[b].bullet_id) {
                "you excluded it"
            } else if input.evidence[b].tier == EvidenceTier::Weak && !chosen.contains(&b) {
                "it is worded as a duty or a trait, not as something you did (rewrite it, or pin it)"
            } else if restated.contains_key(&b) {
                "it repeats a chosen bullet"
            } else if chosen.contains(&b) {
                "it matched only weakly"
            } else {
                "the page budget went to stronger matches"
            };
            format!("Your best match, “{}”, was left out because {why}.", short(&input.bullets[b].text, 60))
        }
        _ => {
            // Shown outside the bullets, which says more than a weak match does: "Current
            // CPR/BLS" and a certificate "BLS/CPR – American Heart Association" (every
            // distinctive word of the requirement, or of one of its alternatives, in the
            // certificate's name); "Working knowledge of Microsoft Excel" and a Skills line
            // naming Microsoft Excel.
            if let Some(outside::Shown::Certificate(c)) = shown {
                format!("Shown by your certificate “{}”, not by bullets.", short(c, 60))
            } else if let Some(outside::Shown::CertificatePart(c)) = shown {
                format!("Partly shown by your certificate “{}”; no bullet shows the rest. If you have done it, add a bullet that says so.", short(c, 60))
            } else if let Some(outside::Shown::Skill(k)) = shown {
                format!("Named in your Skills section (“{}”); no bullet shows it in use. If you have used it, a bullet that says so is stronger.", short(k, 40))
            } else if let Some(b) = best.filter(|&b| input.rel[b][r] > 0.12) {
                format!("Only a weak match in your résumé (“{}”). If you have done this, add a bullet that shows it.", short(&input.bullets[b].text, 60))
            } else {
                "No bullet in your résumé shows this. If you have done it, add a bullet that says so.".into()
            }
        }
    }
}


