//! Bullet ↔ requirement relevance, and a per-bullet ranking score.
//!
//! `rel(b, r)` blends lexical coverage of the requirement (and of its parts), the
//! embedder's cosine, the word vectors' cosine, and an exact-name bonus: when a requirement
//! names a tool or standard ("Kafka", "ISO 13485") and the bullet names it too, that is
//! direct evidence whatever else the texts share. The résumé side ([`BulletSide`]) and the
//! job side ([`RequirementSide`]) are prepared separately, so ranking one résumé against many
//! saved jobs reuses both.

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

/// The text a requirement is matched on: its statement plus the core rubric keywords
/// (see [`crate::rubric::core_keyword_count`]) inside it.
pub fn requirement_text(req: &Requirement, rubric: &JdRubric) -> String {
    let lower = req.requirement.to_lowercase();
    let mut s = req.requirement.clone();
    let core = crate::rubric::core_keyword_count(rubric.requirements.len());
    for k in rubric.keywords.iter().take(core) {
        if lower.contains(&k.term.to_lowercase()) {
            s.push(' ');
            s.push_str(&k.term);
        }
    }
    s
}

/// Weight of a requirement in ranking and selection (0–1).
pub fn requirement_weight(r: &Requirement) -> f64 {
    let w = r.weight.clamp(1, 5) as f64 / 5.0;
    match r.req_type {
        ReqType::Must => 0.35 + 0.65 * w,
        ReqType::Nice => 0.35 + 0.4 * w,
    }
}

/// Keys here are already hashes (or small integers), so hashing them again with SipHash
/// only costs time: this hasher spreads the key with one multiplication.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = k.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u32(&mut self, k: u32) {
        self.write_u64(k as u64);
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;
/// A set of keys made by [`key`].
pub(crate) type FastSet<K> = HashSet<K, std::hash::BuildHasherDefault<KeyHasher>>;

/// A feature key: FNV-1a of the feature string (comparing u64s is much cheaper than
/// strings when one résumé is scored against thousands of jobs).
pub(crate) fn key(f: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in f.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Weighted unigram and bigram features of a text (weights from `embed::features`).
fn feature_map(t: &str) -> Vec<(u64, f64)> {
    let mut m: HashMap<u64, f64> = HashMap::new();
    for (f, w) in crate::embed::features(t) {
        let e = m.entry(key(&f)).or_insert(0.0);
        *e = e.max(w as f64);
    }
    let mut v: Vec<(u64, f64)> = m.into_iter().collect();
    v.sort_unstable_by_key(|(k, _)| *k);
    v
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

/// Non-zero entries of a dense vector (the lexical embedder's vectors are sparse).
fn sparse(v: &[f32]) -> Vec<(u32, f32)> {
    v.iter().enumerate().filter(|(_, x)| **x != 0.0).map(|(i, x)| (i as u32, *x)).collect()
}

/// The résumé side of matching, computed once per résumé: inverted indexes from features,
/// vector dimensions and names to the bullets that have them, how common each term is among
/// the résumé's own bullets, and each bullet's semantic vector. With these, scoring a
/// requirement against every bullet costs about as much as the requirement has words.
pub struct BulletSide {
    n: usize,
    postings: FastMap<u64, Vec<u32>>,
    idf: FastMap<u64, f64>,
    dim_postings: FastMap<u32, Vec<(u32, f32)>>,
    /// By the name's key ([`key`]): looked up once per requirement name and job.
    name_postings: FastMap<u64, Vec<u32>>,
    sem: Vec<Vec<f32>>,
}

impl BulletSide {
    /// `vecs` are the embedder's vectors of the bullets; `sem` the word vectors, if used.
    pub fn new(bullets: &[Bullet], vecs: &[Vec<f32>], sem: Option<&crate::semvec::SemanticVectors>) -> Self {
        let n = bullets.len();
        let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
        let mut name_postings: FastMap<u64, Vec<u32>> = FastMap::default();
        let mut dim_postings: FastMap<u32, Vec<(u32, f32)>> = FastMap::default();
        for (b, bullet) in bullets.iter().enumerate() {
            for (f, _) in feature_map(&bullet.text) {
                postings.entry(f).or_default().push(b as u32);
            }
            let mut toks: Vec<String> = text::tokenize(&bullet.text).into_iter().map(|t| t.lower).collect();
            toks.sort();
            toks.dedup();
            for t in toks {
                name_postings.entry(key(&t)).or_default().push(b as u32);
            }
            if let Some(v) = vecs.get(b) {
                for (i, x) in sparse(v) {
                    dim_postings.entry(i).or_default().push((b as u32, x));
                }
            }
        }
        let nf = n.max(1) as f64;
        // 1.0 for terms rare in the résumé, down to 0.35 for terms every bullet uses.
        let idf = postings
            .iter()
            .map(|(f, list)| (*f, (1.0 - 0.65 * (list.len() as f64 / nf).min(1.0).sqrt()).max(0.35)))
            .collect();
        BulletSide {
            n,
            postings,
            idf,
            dim_postings,
            name_postings,
            sem: sem.map(|s| bullets.iter().map(|b| s.text_vector(&b.text)).collect()).unwrap_or_default(),
        }
    }

    fn idf(&self, f: u64) -> f64 {
        self.idf.get(&f).copied().unwrap_or(1.0)
    }

    /// The same side cut down to the bullets in `keep` (row k is bullet `keep[k]`), keeping
    /// the whole résumé's term rarity: [`matrix`] on it gives exactly those bullets' rows of
    /// the full matrix. Re-checking a few edited bullets against thousands of saved jobs
    /// then costs those rows, not the résumé.
    pub fn only(&self, keep: &[usize]) -> BulletSide {
        let pos: FastMap<u32, u32> = keep.iter().enumerate().map(|(k, &b)| (b as u32, k as u32)).collect();
        let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
        for (f, list) in &self.postings {
            let v: Vec<u32> = list.iter().filter_map(|b| pos.get(b).copied()).collect();
            if !v.is_empty() {
                postings.insert(*f, v);
            }
        }
        let mut dim_postings: FastMap<u32, Vec<(u32, f32)>> = FastMap::default();
        for (i, list) in &self.dim_postings {
            let v: Vec<(u32, f32)> = list.iter().filter_map(|(b, x)| pos.get(b).map(|k| (*k, *x))).collect();
            if !v.is_empty() {
                dim_postings.insert(*i, v);
            }
        }
        let mut name_postings: FastMap<u64, Vec<u32>> = FastMap::default();
        for (nm, list) in &self.name_postings {
            let v: Vec<u32> = list.iter().filter_map(|b| pos.get(b).copied()).collect();
            if !v.is_empty() {
                name_postings.insert(*nm, v);
            }
        }
        BulletSide {
            n: keep.len(),
            postings,
            idf: self.idf.clone(),
            dim_postings,
            name_postings,
            sem: if self.sem.is_empty() { Vec::new() } else { keep.iter().map(|&b| self.sem[b].clone()).collect() },
        }
    }

    /// The terms whose rarity differs between two sides (a term in one only counts too):
    /// only requirements using one of them can score the unchanged bullets differently.
    pub fn rarity_changes(&self, other: &BulletSide) -> HashSet<u64> {
        let mut out = HashSet::new();
        for (f, w) in &self.idf {
            if other.idf.get(f) != Some(w) {
                out.insert(*f);
            }
        }
        for f in other.idf.keys() {
            if !self.idf.contains_key(f) {
                out.insert(*f);
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Per bullet: the share of `need`'s weight (feature weight × local rarity) it contains,
    /// and that total weight.
    fn coverage(&self, need: &[(u64, f64)], acc: &mut [f64]) -> f64 {
        acc.iter_mut().for_each(|a| *a = 0.0);
        let mut total = 0.0;
        for (f, w) in need {
            let x = w * self.idf(*f);
            total += x;
            if let Some(list) = self.postings.get(f) {
                for &b in list {
                    acc[b as usize] += x;
                }
            }
        }
        if total > 0.0 {
            acc.iter_mut().for_each(|a| *a /= total);
        }
        total
    }
}

/// The job side, computed once per rubric (and cacheable with it).
pub struct RequirementSide {
    /// Every term any requirement or part weighs, sorted (for [`RequirementSide::uses_any`]).
    terms: Vec<u64>,
    feats: Vec<Vec<(u64, f64)>>,
    segs: Vec<Vec<Vec<(u64, f64)>>>,
    names: Vec<Vec<u64>>,
    vecs: Vec<Vec<(u32, f32)>>,
    sem: Vec<Vec<f32>>,
    /// Requirements no bullet can show (a degree: the Education section shows it; a condition
    /// of the job such as weekend work or lifting 50 lbs). A bullet
    /// sharing their words ("the *pharmacy* member of the team" and "Doctor of Pharmacy
    /// degree") would otherwise be chosen to cover them.
    not_by_bullets: Vec<bool>,
}

impl RequirementSide {
    pub fn new(rubric: &JdRubric, vecs: &[Vec<f32>], sem: Option<&crate::semvec::SemanticVectors>) -> Self {
        let texts: Vec<String> = rubric.requirements.iter().map(|r| requirement_text(r, rubric)).collect();
        let feats: Vec<Vec<(u64, f64)>> = texts.iter().map(|t| feature_map(t)).collect();
        let segs: Vec<Vec<Vec<(u64, f64)>>> =
            rubric.requirements.iter().map(|r| segments(&r.requirement).iter().map(|s| feature_map(s)).collect()).collect();
        let mut terms: Vec<u64> = feats.iter().flatten().chain(segs.iter().flatten().flatten()).map(|(f, _)| *f).collect();
        terms.sort_unstable();
        terms.dedup();
        RequirementSide {
            terms,
            feats,
            segs,
            names: rubric.requirements.iter().map(|r| names(&r.requirement).iter().map(|n| key(n)).collect()).collect(),
            vecs: vecs.iter().map(|v| sparse(v)).collect(),
            sem: sem.map(|s| texts.iter().map(|t| s.text_vector(t)).collect()).unwrap_or_default(),
            not_by_bullets: rubric.requirements.iter().map(|r| matches!(r.category.as_str(), "education" | "conditions")).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.feats.len()
    }

    /// Whether any requirement (whole or one of its parts) weighs one of `terms`.
    pub fn uses_any(&self, terms: &HashSet<u64>) -> bool {
        terms.iter().any(|f| self.terms.binary_search(f).is_ok())
    }

    pub fn is_empty(&self) -> bool {
        self.feats.is_empty()
    }
}

/// The raw signals behind one bullet ↔ requirement score, before they are blended.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Parts {
    /// Share of the requirement's weighted terms the bullet contains.
    pub cover_all: f64,
    /// Best coverage of one part of the requirement, scaled by how specific that part is.
    pub cover_part: f64,
    /// Cosine of the embedder's vectors.
    pub cosine: f64,
    /// Names (tools, standards, acronyms) of the requirement the bullet also names.
    pub names: usize,
    /// Cosine of the word vectors (None when they are not loaded).
    pub semantic: Option<f64>,
}

/// rel[b][r] in [0, 1] for every bullet and requirement: the best of (a) how much of the
/// requirement the bullet covers and (b) how fully it covers one part of it (weighted by how
/// specific that part is), blended with the embedder's cosine and the word vectors' cosine,
/// plus a bonus for naming the same tools.
///
/// Term weights are general-English specificity times local rarity among the résumé's own
/// bullets (a word every bullet uses, like "models" for a data scientist, cannot tell its
/// bullets apart).
pub fn matrix(bs: &BulletSide, rs: &RequirementSide) -> Vec<Vec<f64>> {
    matrix_with(bs, rs, blend)
}

/// How [`Parts`] become one relevance in [0, 1].
#[inline]
pub fn blend(p: Parts) -> f64 {
    let c = (p.cosine.max(0.0) * 1.6).min(1.0);
    let name_bonus = (0.15 * p.names as f64).min(0.3);
    let lexical = (p.cover_all * 1.5).max(p.cover_part * 0.85);
    let base = 0.8 * lexical + 0.2 * c + name_bonus;
    match p.semantic {
        Some(s) => {
            let cal = crate::semvec::calibration();
            let (lo, span) = (cal.low, cal.span);
            (0.75 * base + 0.25 * ((s - lo) / span).clamp(0.0, 1.0)).min(1.0)
        }
        None => base.min(1.0),
    }
}

/// The signal matrix with any blend (diagnostics and the eval's feature dump use the parts
/// themselves; everything else uses [`blend`]).
#[allow(clippy::needless_range_loop)] // r indexes four parallel per-requirement tables
pub fn matrix_with<T: Clone + Default>(bs: &BulletSide, rs: &RequirementSide, f: impl Fn(Parts) -> T) -> Vec<Vec<T>> {
    let n = bs.len();
    let mut out = vec![vec![T::default(); rs.len()]; n];
    let mut cov_all = vec![0.0; n];
    let mut seg_acc = vec![0.0; n];
    let mut seg_best = vec![0.0; n];
    let mut cos = vec![0.0f64; n];
    let mut names = vec![0usize; n];
    let use_sem = !bs.sem.is_empty() && !rs.sem.is_empty();
    for r in 0..rs.len() {
        bs.coverage(&rs.feats[r], &mut cov_all);
        seg_best.iter_mut().for_each(|x| *x = 0.0);
        for seg in &rs.segs[r] {
            let mass = bs.coverage(seg, &mut seg_acc);
            let k = (mass / 1.6).min(1.0);
            for b in 0..n {
                seg_best[b] = f64::max(seg_best[b], seg_acc[b] * k);
            }
        }
        cos.iter_mut().for_each(|x| *x = 0.0);
        for (i, x) in &rs.vecs[r] {
            if let Some(list) = bs.dim_postings.get(i) {
                for (b, y) in list {
                    cos[*b as usize] += (*x as f64) * (*y as f64);
                }
            }
        }
        names.iter_mut().for_each(|x| *x = 0);
        for nm in &rs.names[r] {
            if let Some(list) = bs.name_postings.get(nm) {
                for &b in list {
                    names[b as usize] += 1;
                }
            }
        }
        if rs.not_by_bullets[r] {
            for row in out.iter_mut() {
                row[r] = f(Parts::default());
            }
            continue;
        }
        for b in 0..n {
            out[b][r] = f(Parts {
                cover_all: cov_all[b],
                cover_part: seg_best[b],
                cosine: cos[b],
                names: names[b],
                semantic: use_sem.then(|| cosine(&bs.sem[b], &rs.sem[r]) as f64),
            });
        }
    }
    out
}

/// Share of a bullet ↔ requirement relevance given to the sentence encoder's cosine when
/// the encoder is loaded ([`crate::sentence`]), and the cosines mapped onto 0 and 1. Chosen
/// by leave-one-résumé-out over both labelled folders (17 résumés), on nDCG + coverage + F1
/// (`scripts/eval/sentence_cv.py`; 14 of 17 folds pick these, 3 a share of 0.4). Only ranking uses the mix:
/// selection's "shows this requirement" thresholds and fit keep the scale they were tuned on
/// (mixing it into those too raised coverage but cost F1 on both folders).
pub const SENTENCE_SHARE: f64 = 0.3;
pub const SENTENCE_LOW: f64 = 0.1;
pub const SENTENCE_HIGH: f64 = 0.5;

/// The encoder ranks only for jobs whose fit (the job list's score, from shared words and
/// word vectors) is at most this. Why: where a résumé shares the posting's words, those
/// words already rank its bullets well and the encoder's looser sense of "about the same
/// thing" picked bullets the labels did not (selection F1 0.787 → 0.761 on the dev set);
/// where little is shared (a career change: a nurse's résumé for a sales job), it is the
/// only signal that "trained and supervised an intern" shows "leads a crew". Chosen by
/// leave-one-résumé-out with the share over both labelled folders (`scripts/eval/sentence_cv.py`:
/// every fold picks 30, of 20 / 30 / 40 / none). Gated so, F1 is unchanged on both folders and
/// nDCG and must-have coverage rise on the far pairs.
pub const SENTENCE_FIT_MAX: u8 = 30;

/// How plans name the sentence encoder (`selectionPlans.embeddingModel` ends with
/// `+` and this when it ranked the bullets). Here, not in [`crate::sentence`], so that code
/// built without the encoder (the UI) can read a plan.
pub const SENTENCE_MODEL_NAME: &str = "all-MiniLM-L6-v2-int8";

/// Whether a plan's bullets were ranked with the sentence encoder, from its `embeddingModel`.
pub fn ranked_with_sentences(embedding_model: &str) -> bool {
    embedding_model.split('+').skip(1).any(|m| m == SENTENCE_MODEL_NAME)
}

/// The fit at or below which the encoder ranks: [`SENTENCE_FIT_MAX`], or
/// `FITTED_SENTENCE_FIT_MAX` for measuring other values (a bad value stops the run).
pub fn sentence_fit_max() -> u8 {
    static M: std::sync::OnceLock<u8> = std::sync::OnceLock::new();
    *M.get_or_init(|| match std::env::var("FITTED_SENTENCE_FIT_MAX") {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("FITTED_SENTENCE_FIT_MAX={v}: a fit 0–100")),
        Err(_) => SENTENCE_FIT_MAX,
    })
}

/// The mix in use: (share, low, high). `FITTED_SENTENCE_MIX=share,low,high` replaces it for
/// measuring other values with `fitted eval` (scripts/eval/sentence_cv.py); a bad value
/// stops the run rather than report the shipped figures under another name.
fn sentence_mix() -> (f64, f64, f64) {
    static M: std::sync::OnceLock<(f64, f64, f64)> = std::sync::OnceLock::new();
    *M.get_or_init(|| {
        let Ok(v) = std::env::var("FITTED_SENTENCE_MIX") else { return (SENTENCE_SHARE, SENTENCE_LOW, SENTENCE_HIGH) };
        let x: Vec<f64> = v.split(',').map(|t| t.trim().parse().unwrap_or_else(|_| panic!("FITTED_SENTENCE_MIX={v}: share,low,high"))).collect();
        let [share, low, high] = x[..] else { panic!("FITTED_SENTENCE_MIX={v}: three numbers share,low,high") };
        assert!((0.0..=1.0).contains(&share) && high > low, "FITTED_SENTENCE_MIX={v}: share in 0–1, high above low");
        (share, low, high)
    })
}

/// Relevance with the sentence encoder's cosines mixed in: `rel` rows are bullets, columns
/// requirements; `bullets` and `reqs` the encoder's unit vectors in the same order. A
/// requirement no bullet can show (a degree, a condition of the job) keeps its score, as
/// in [`matrix_with`].
pub fn with_sentences(rel: &[Vec<f64>], bullets: &[&[f32]], reqs: &[&[f32]], rubric: &JdRubric) -> Vec<Vec<f64>> {
    let (share, low, high) = sentence_mix();
    let shown_by_bullets: Vec<bool> =
        rubric.requirements.iter().map(|r| !matches!(r.category.as_str(), "education" | "conditions")).collect();
    rel.iter()
        .zip(bullets)
        .map(|(row, b)| {
            row.iter()
                .enumerate()
                .map(|(r, x)| {
                    if !shown_by_bullets.get(r).copied().unwrap_or(false) {
                        return *x;
                    }
                    let c = cosine(b, reqs[r]) as f64;
                    let s = ((c - low) / (high - low)).clamp(0.0, 1.0);
                    (1.0 - share) * x + share * s
                })
                .collect()
        })
        .collect()
}

/// Convenience: both sides at once.
pub fn relevance_matrix(
    bullets: &[Bullet],
    bullet_vecs: &[Vec<f32>],
    rubric: &JdRubric,
    req_vecs: &[Vec<f32>],
    sem: Option<&crate::semvec::SemanticVectors>,
) -> Vec<Vec<f64>> {
    matrix(&BulletSide::new(bullets, bullet_vecs, sem), &RequirementSide::new(rubric, req_vecs, sem))
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
            (best + 0.25 * rest) * quality_factor(e)
        })
        .collect()
}
