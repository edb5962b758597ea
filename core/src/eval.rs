//! Quality evaluation against expert labels (the `fitted eval` command).
//!
//! Metrics, each averaged over labelled (résumé, job) pairs:
//! - `ndcg10`: bullet ranking vs graded relevance (gain = relevance 0–3, log2 discount),
//!   averaged over the pairs where it is defined: a pair with no relevant bullet has an ideal
//!   DCG of 0, so no ranking can be better or worse; it is left out and counted
//!   ([`Metrics::ndcg_undefined`], printed by `fitted eval`, not part of its JSON line).
//! - `must_coverage`: share of gold must-requirements covered by the selection, among those
//!   that some bullet covers according to the labels.
//! - `selection_f1`: selected bullet paths vs `idealSelection`, over pairs with gold fit ≥ 40.
//! - `redundant_pairs`: selected pairs inside one `redundantGroups` group (summed).
//! - `fit_spearman`: per résumé, Spearman of predicted vs gold fit over its jobs, averaged.
//! - `keyword_recall` / `keyword_precision`: rubric keyword terms vs gold terms, compared
//!   after [`crate::text::normalize_term`].
//!
//! A keyword-overlap baseline is computed in the same run for comparison.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::embed::Embedder;
use crate::import::{self, Bullet};
use crate::model::ParentType;
use crate::pipeline;
use crate::resume::JsonResume;
use crate::select::default_config;
use crate::text;

#[derive(Debug, Clone, Deserialize)]
pub struct LabelRequirement {
    pub id: String,
    #[serde(rename = "type")]
    pub req_type: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelKeyword {
    pub term: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelBullet {
    pub relevance: u8,
    #[serde(default)]
    pub covers: Vec<String>,
}

/// One label file (see the fixtures README for the format).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Label {
    pub resume: String,
    pub job: String,
    pub requirements: Vec<LabelRequirement>,
    pub keywords: Vec<LabelKeyword>,
    pub bullets: BTreeMap<String, LabelBullet>,
    #[serde(default)]
    pub redundant_groups: Vec<Vec<String>>,
    pub fit: f64,
    #[serde(default)]
    pub ideal_selection: Vec<String>,
}

/// What a system produced for one pair.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PairOutput {
    pub resume: String,
    pub job: String,
    /// Every bullet's source path, best first.
    pub ranking: Vec<String>,
    pub selected: Vec<String>,
    pub fit: f64,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Metrics {
    pub pairs: usize,
    /// Pairs left out of `ndcg10` (no relevant bullet). Not in the JSON line, whose shape
    /// outside checks rely on.
    #[serde(skip)]
    pub ndcg_undefined: usize,
    pub ndcg10: f64,
    pub must_coverage: f64,
    pub selection_f1: f64,
    pub redundant_pairs: usize,
    pub fit_spearman: f64,
    pub keyword_recall: f64,
    pub keyword_precision: f64,
}

#[derive(Debug, Clone, Default)]
pub struct PairScores {
    /// `None` when the pair has no relevant bullet (ideal DCG 0).
    pub ndcg10: Option<f64>,
    pub must_coverage: Option<f64>,
    pub selection_f1: Option<f64>,
    pub redundant_pairs: usize,
    pub keyword_recall: f64,
    pub keyword_precision: f64,
}

pub fn ndcg_at(ranking: &[String], label: &Label, k: usize) -> Option<f64> {
    let gain = |p: &String| label.bullets.get(p).map(|b| b.relevance as f64).unwrap_or(0.0);
    let dcg: f64 = ranking.iter().take(k).enumerate().map(|(i, p)| gain(p) / ((i + 2) as f64).log2()).sum();
    let mut ideal: Vec<f64> = label.bullets.values().map(|b| b.relevance as f64).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal.iter().take(k).enumerate().map(|(i, g)| g / ((i + 2) as f64).log2()).sum();
    (idcg > 0.0).then(|| dcg / idcg)
}

pub fn score_pair(out: &PairOutput, label: &Label) -> PairScores {
    let ndcg10 = ndcg_at(&out.ranking, label, 10);
    let musts: HashSet<&str> =
        label.requirements.iter().filter(|r| r.req_type == "must").map(|r| r.id.as_str()).collect();
    let coverable: HashSet<&str> = label
        .bullets
        .values()
        .flat_map(|b| b.covers.iter().map(String::as_str))
        .filter(|r| musts.contains(r))
        .collect();
    let covered: HashSet<&str> = out
        .selected
        .iter()
        .filter_map(|p| label.bullets.get(p))
        .flat_map(|b| b.covers.iter().map(String::as_str))
        .filter(|r| coverable.contains(r))
        .collect();
    let must_coverage = (!coverable.is_empty()).then(|| covered.len() as f64 / coverable.len() as f64);
    let selection_f1 = (label.fit >= 40.0).then(|| {
        let sel: HashSet<&String> = out.selected.iter().collect();
        let ideal: HashSet<&String> = label.ideal_selection.iter().collect();
        let tp = sel.intersection(&ideal).count() as f64;
        if tp == 0.0 {
            0.0
        } else {
            let p = tp / sel.len() as f64;
            let r = tp / ideal.len() as f64;
            2.0 * p * r / (p + r)
        }
    });
    let mut redundant = 0;
    let sel: Vec<&String> = out.selected.iter().collect();
    for (i, a) in sel.iter().enumerate() {
        for b in &sel[i + 1..] {
            if label.redundant_groups.iter().any(|g| g.contains(a) && g.contains(b)) {
                redundant += 1;
            }
        }
    }
    let gold: HashSet<String> = label.keywords.iter().map(|k| text::normalize_term(&k.term)).collect();
    let pred: HashSet<String> = out.keywords.iter().map(|k| text::normalize_term(k)).filter(|k| !k.is_empty()).collect();
    let hit = gold.intersection(&pred).count() as f64;
    PairScores {
        ndcg10,
        must_coverage,
        selection_f1,
        redundant_pairs: redundant,
        keyword_recall: if gold.is_empty() { 1.0 } else { hit / gold.len() as f64 },
        keyword_precision: if pred.is_empty() { 0.0 } else { hit / pred.len() as f64 },
    }
}

/// Average ranks (1-based), ties sharing their mean rank.
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            r[idx[k]] = avg;
        }
        i = j + 1;
    }
    r
}

pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let ma = ra.iter().sum::<f64>() / n;
    let mb = rb.iter().sum::<f64>() / n;
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va * vb).sqrt()
    }
}

/// Aggregate per-pair scores into the reported metrics.
pub fn aggregate(outputs: &[PairOutput], labels: &[Label]) -> Metrics {
    let scores: Vec<PairScores> = outputs.iter().zip(labels).map(|(o, l)| score_pair(o, l)).collect();
    let n = scores.len().max(1) as f64;
    let avg_opt = |f: &dyn Fn(&PairScores) -> Option<f64>| {
        let v: Vec<f64> = scores.iter().filter_map(f).collect();
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let mut by_resume: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for (o, l) in outputs.iter().zip(labels) {
        let e = by_resume.entry(l.resume.as_str()).or_default();
        e.0.push(o.fit);
        e.1.push(l.fit);
    }
    let sp: Vec<f64> = by_resume.values().filter(|(p, _)| p.len() >= 2).map(|(p, g)| spearman(p, g)).collect();
    let r3 = |x: f64| (x * 1000.0).round() / 1000.0;
    Metrics {
        pairs: scores.len(),
        ndcg_undefined: scores.iter().filter(|s| s.ndcg10.is_none()).count(),
        ndcg10: r3(avg_opt(&|s| s.ndcg10)),
        must_coverage: r3(avg_opt(&|s| s.must_coverage)),
        selection_f1: r3(avg_opt(&|s| s.selection_f1)),
        redundant_pairs: scores.iter().map(|s| s.redundant_pairs).sum(),
        fit_spearman: r3(if sp.is_empty() { 0.0 } else { sp.iter().sum::<f64>() / sp.len() as f64 }),
        keyword_recall: r3(scores.iter().map(|s| s.keyword_recall).sum::<f64>() / n),
        keyword_precision: r3(scores.iter().map(|s| s.keyword_precision).sum::<f64>() / n),
    }
}

/// Fitted's engine on one pair.
pub fn run_engine(
    resume_name: &str,
    doc: &JsonResume,
    job_name: &str,
    job_text: &str,
    embedder: &dyn Embedder,
    opts: &pipeline::Options,
) -> PairOutput {
    let a = pipeline::analyze(doc, job_text, embedder, opts);
    let mut order: Vec<usize> = (0..a.bullets.len()).collect();
    order.sort_by(|&x, &y| a.rank[y].total_cmp(&a.rank[x]).then(x.cmp(&y)));
    let selected: Vec<String> = a
        .plan
        .selected
        .work_experience
        .iter()
        .chain(&a.plan.selected.projects)
        .map(|s| s.source_path.clone())
        .collect();
    PairOutput {
        resume: resume_name.into(),
        job: job_name.into(),
        ranking: order.iter().map(|&i| a.bullets[i].source_path.clone()).collect(),
        selected,
        fit: a.fit.fit_score as f64,
        keywords: a.rubric.keywords.iter().map(|k| k.term.clone()).collect(),
    }
}

/// The keyword-overlap baseline: JD keywords are its distinct content words; relevance is
/// the share of them a bullet contains; selection takes the top bullets per role under the
/// same caps; fit is the share of JD keywords found anywhere in the résumé.
pub fn run_baseline(resume_name: &str, doc: &JsonResume, job_name: &str, job_text: &str) -> PairOutput {
    let words = |s: &str| -> HashSet<String> {
        text::tokenize(s)
            .into_iter()
            .map(|t| t.lower)
            .filter(|w| !text::is_stopword(w) && w.chars().any(|c| c.is_alphabetic()))
            .collect()
    };
    let jd = words(job_text);
    let bullets: Vec<Bullet> = import::bullets(doc);
    let rel: Vec<f64> = bullets
        .iter()
        .map(|b| {
            let bw = words(&b.text);
            jd.intersection(&bw).count() as f64 / jd.len().max(1) as f64
        })
        .collect();
    let mut order: Vec<usize> = (0..bullets.len()).collect();
    order.sort_by(|&x, &y| rel[y].total_cmp(&rel[x]).then(x.cmp(&y)));
    let caps = default_config().budgets.per_role_caps;
    let mut per: HashMap<&str, u32> = HashMap::new();
    let mut selected = Vec::new();
    for &i in &order {
        let b = &bullets[i];
        let cap = match (b.parent_type, b.parent_index) {
            (ParentType::Experience, 0) => caps.most_recent,
            (ParentType::Experience, 1) => caps.next,
            _ => caps.older,
        };
        let used = per.entry(b.parent_id.as_str()).or_insert(0);
        if *used < cap && rel[i] > 0.0 && selected.len() < 14 {
            *used += 1;
            selected.push(b.source_path.clone());
        }
    }
    let mut all = crate::fit::profile_text(doc);
    for b in &bullets {
        all.push(' ');
        all.push_str(&b.text);
    }
    let rw = words(&all);
    let fit = 100.0 * jd.intersection(&rw).count() as f64 / jd.len().max(1) as f64;
    let mut freq: HashMap<String, usize> = HashMap::new();
    for t in text::tokenize(job_text) {
        if !text::is_stopword(&t.lower) && t.lower.chars().any(|c| c.is_alphabetic()) {
            *freq.entry(t.lower).or_insert(0) += 1;
        }
    }
    let mut kw: Vec<(String, usize)> = freq.into_iter().collect();
    kw.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    PairOutput {
        resume: resume_name.into(),
        job: job_name.into(),
        ranking: order.iter().map(|&i| bullets[i].source_path.clone()).collect(),
        selected,
        fit,
        keywords: kw.into_iter().take(20).map(|(w, _)| w).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_of_identical_order_is_one_and_reversed_minus_one() {
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-9);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-9);
        assert_eq!(ranks(&[5.0, 1.0, 5.0]), vec![2.5, 1.0, 2.5]);
    }

    #[test]
    fn ndcg_is_one_for_the_ideal_order() {
        let label: Label = serde_json::from_str(
            r#"{"resume":"r","job":"j","requirements":[],"keywords":[],"fit":50,
                "bullets":{"a":{"relevance":3},"b":{"relevance":0},"c":{"relevance":2}}}"#,
        )
        .unwrap();
        assert!((ndcg_at(&["a".into(), "c".into(), "b".into()], &label, 10).unwrap() - 1.0).abs() < 1e-9);
        assert!(ndcg_at(&["b".into(), "c".into(), "a".into()], &label, 10).unwrap() < 0.8);
    }
}
