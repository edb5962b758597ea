//! Bullet ↔ requirement relevance, and a per-bullet ranking score.
//!
//! `rel(b, r)` blends the embedder's cosine (specificity-weighted term overlap) with an
//! exact-name bonus: when a requirement names a tool or standard ("Kafka", "ISO 13485") and
//! the bullet names it too, that is direct evidence whatever else the texts share.

use std::collections::{HashMap, HashSet};

use crate::embed::cosine;
use crate::import::Bullet;
use crate::model::{EvidenceScore, EvidenceTier, JdRubric, ReqType, Requirement};
use crate::text;

/// Names in a text: acronyms, inner capitals, technical tokens, and capitalised words that
/// are not the first word — lowercased.
pub fn names(s: &str) -> HashSet<String> {
    text::tokenize(s)
        .iter()
        .enumerate()
        .filter(|(k, t)| {
            !text::is_stopword(&t.lower)
                && (t.is_acronym() || t.has_inner_capital() || (t.is_technical() && !t.is_number()) || (*k > 0 && t.is_capitalized()))
        })
        .map(|(_, t)| t.lower.clone())
        .collect()
}

/// The text a requirement is matched on: its statement plus the rubric keywords inside it.
pub fn requirement_text(req: &Requirement, rubric: &JdRubric) -> String {
    let lower = req.requirement.to_lowercase();
    let mut s = req.requirement.clone();
    for k in &rubric.keywords {
        if lower.contains(&k.term.to_lowercase()) {
            s.push_str(" ");
            s.push_str(&k.term);
        }
    }
    s
}

/// Weight of a requirement in ranking and selection (0–1).
pub fn requirement_weight(r: &Requirement) -> f64 {
    let w = r.weight.clamp(1, 5) as f64 / 5.0;
    match r.req_type {
        ReqType::Must => knob("MUSTB", 0.35) + (1.0 - knob("MUSTB", 0.35)) * w,
        ReqType::Nice => knob("NICEB", 0.35) + knob("NICEW", 0.4) * w,
    }
}

/// Tuning knob (temporary): FITTED_P_<NAME> overrides a constant.
pub fn knob(name: &str, default: f64) -> f64 {
    std::env::var(format!("FITTED_P_{name}")).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Weighted unigram and bigram features of a text (weights from `embed::features`).
fn feature_map(t: &str) -> HashMap<String, f64> {
    let mut m = HashMap::new();
    for (f, w) in crate::embed::features(t) {
        let e = m.entry(f).or_insert(0.0f64);
        *e = e.max(w as f64);
    }
    m
}

/// A requirement's parts: list items and clauses ("interviews", "usability testing",
/// "diary studies") — a bullet that shows one of them is evidence for the requirement even
/// though it shares little with the whole sentence.
fn segments(req: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in req.split([',', ';', ':', '(', ')', '—', '–', '/']) {
        for sub in part.split(" and ").flat_map(|p| p.split(" or ")) {
            let s = sub.trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
        }
    }
    out
}

/// Share of `need`'s weight (feature weight × local rarity) that `have` contains.
fn coverage(need: &HashMap<String, f64>, have: &HashMap<String, f64>, idf: &dyn Fn(&str) -> f64) -> (f64, f64) {
    let mut total = 0.0;
    let mut hit = 0.0;
    for (f, w) in need {
        let x = w * idf(f);
        total += x;
        if have.contains_key(f) {
            hit += x;
        }
    }
    (if total > 0.0 { hit / total } else { 0.0 }, total)
}

/// rel[b][r] in [0, 1]: the best of (a) how much of the requirement the bullet covers,
/// (b) how fully it covers one part of the requirement, weighted by how specific that part
/// is, and (c) the embedder's cosine — plus a bonus for naming the same tools.
///
/// Term weights are general-English specificity times local rarity among the résumé's own
/// bullets (a word every bullet of this résumé uses, like "models" for a data scientist,
/// cannot tell its bullets apart).
pub fn relevance_matrix(
    bullets: &[Bullet],
    bullet_vecs: &[Vec<f32>],
    rubric: &JdRubric,
    req_vecs: &[Vec<f32>],
) -> Vec<Vec<f64>> {
    let req_names: Vec<HashSet<String>> = rubric.requirements.iter().map(|r| names(&r.requirement)).collect();
    let bullet_feats: Vec<HashMap<String, f64>> = bullets.iter().map(|b| feature_map(&b.text)).collect();
    let n = bullets.len().max(1) as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for m in &bullet_feats {
        for f in m.keys() {
            *df.entry(f.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let idf = |f: &str| -> f64 {
        let d = df.get(f).copied().unwrap_or(0.0);
        // 1.0 for terms absent from or rare in the résumé, down to ~0.35 for ubiquitous ones.
        (1.0 - knob("IDF", 0.65) * (d / n).min(1.0).sqrt()).max(1.0 - knob("IDF", 0.65))
    };
    let req_feats: Vec<HashMap<String, f64>> =
        rubric.requirements.iter().map(|r| feature_map(&requirement_text(r, rubric))).collect();
    let req_segs: Vec<Vec<HashMap<String, f64>>> =
        rubric.requirements.iter().map(|r| segments(&r.requirement).iter().map(|s| feature_map(s)).collect()).collect();
    bullets
        .iter()
        .enumerate()
        .map(|(bi, b)| {
            let bf = &bullet_feats[bi];
            let b_tokens: HashSet<String> = text::tokenize(&b.text).into_iter().map(|t| t.lower).collect();
            (0..rubric.requirements.len())
                .map(|r| {
                    let (cov_all, _) = coverage(&req_feats[r], bf, &idf);
                    let seg_best = req_segs[r]
                        .iter()
                        .map(|seg| {
                            let (c, mass) = coverage(seg, bf, &idf);
                            c * (mass / knob("SEGMASS", 1.6)).min(1.0)
                        })
                        .fold(0.0, f64::max);
                    let cos = (cosine(&bullet_vecs[bi], &req_vecs[r]).max(0.0) as f64 * 1.6).min(1.0);
                    let shared_names = req_names[r].iter().filter(|nm| b_tokens.contains(*nm)).count();
                    let name_bonus = (knob("NAME", 0.15) * shared_names as f64).min(2.0 * knob("NAME", 0.15));
                    let lexical = (cov_all * knob("COVALL", 1.5)).max(seg_best * knob("SEG", 0.85));
                    (knob("LEX", 0.8) * lexical + (1.0 - knob("LEX", 0.8)) * cos + name_bonus).min(1.0)
                })
                .collect()
        })
        .collect()
}

/// How much a bullet's wording can be trusted as evidence (trait claims and vague duties
/// rank below concrete work even when they mention the right topic).
pub fn quality_factor(e: &EvidenceScore) -> f64 {
    let base = match e.tier {
        EvidenceTier::Strong => 1.0,
        EvidenceTier::Medium => 0.9,
        EvidenceTier::Weak => 0.75,
    };
    base * (1.0 - e.fluff_penalty.min(0.8)).powf(1.5)
}

/// A bullet's overall relevance to the job: its best requirement match (weighted by that
/// requirement's importance), plus a little for matching other requirements too.
pub fn rank_scores(rel: &[Vec<f64>], rubric: &JdRubric, evidence: &[EvidenceScore]) -> Vec<f64> {
    let weights: Vec<f64> = rubric.requirements.iter().map(requirement_weight).collect();
    rel.iter()
        .zip(evidence)
        .map(|(row, e)| {
            let mut vals: Vec<f64> = row.iter().zip(&weights).map(|(r, w)| r * w).collect();
            vals.sort_by(|a, b| b.total_cmp(a));
            let best = vals.first().copied().unwrap_or(0.0);
            let rest: f64 = vals.iter().skip(1).take(3).sum::<f64>();
            (best + knob("REST", 0.25) * rest) * quality_factor(e)
        })
        .collect()
}
