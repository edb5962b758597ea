//! Near-duplicate bullets: the same achievement restated (often as a vaguer copy).
//!
//! A vague copy shares most of its *specific* words with the strong original but not the
//! other way round, so symmetric cosine underrates it. Similarity here is the weighted
//! share of the shorter bullet's content that the other bullet contains (containment),
//! blended with cosine.

use std::collections::HashMap;

use crate::embed;

/// Unigram feature weights of a text.
pub fn profile(text: &str) -> HashMap<String, f32> {
    let mut m = HashMap::new();
    for (f, w) in embed::features(text) {
        if f.starts_with("u:") {
            let e = m.entry(f).or_insert(0.0f32);
            *e = e.max(w);
        }
    }
    m
}

/// Similarity in [0, 1] of two bullets' profiles and vectors.
pub fn similarity(a: &HashMap<String, f32>, b: &HashMap<String, f32>, va: &[f32], vb: &[f32]) -> f64 {
    let wa: f32 = a.values().sum();
    let wb: f32 = b.values().sum();
    if wa <= 0.0 || wb <= 0.0 {
        return 0.0;
    }
    let shared: f32 = a.iter().filter(|(k, _)| b.contains_key(*k)).map(|(k, w)| w.min(b[k])).sum();
    let containment = shared / wa.min(wb);
    let cos = embed::cosine(va, vb).max(0.0);
    (0.65 * containment + 0.35 * cos).clamp(0.0, 1.0) as f64
}
