//! Near-duplicate bullets: the same achievement restated (often as a vaguer copy).
//!
//! A vague copy shares most of its *specific* words with the strong original but not the
//! other way round, so symmetric cosine underrates it. Similarity here is the weighted
//! share of the shorter bullet's content that the other bullet contains (containment),
//! blended with cosine.

use std::collections::HashMap;

use crate::embed;

/// Unigram features of a text with their weights, sorted by key for merging.
pub struct Profile {
    feats: Vec<(u64, f32)>,
    total: f32,
    /// Non-zero entries of the bullet's embedding (sparse for the lexical embedder).
    vec: Vec<(u32, f32)>,
}

fn key(f: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in f.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A bullet's profile from its text and its embedding.
pub fn profile(text: &str, embedding: &[f32]) -> Profile {
    let mut m: HashMap<u64, f32> = HashMap::new();
    for (f, w) in embed::features(text) {
        if f.starts_with("u:") {
            let e = m.entry(key(&f)).or_insert(0.0);
            *e = e.max(w);
        }
    }
    let mut feats: Vec<(u64, f32)> = m.into_iter().collect();
    feats.sort_unstable_by_key(|(k, _)| *k);
    let total = feats.iter().map(|(_, w)| w).sum();
    let vec = embedding.iter().enumerate().filter(|(_, x)| **x != 0.0).map(|(i, x)| (i as u32, *x)).collect();
    Profile { feats, total, vec }
}

fn sparse_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Similarity in [0, 1] of two bullets' profiles.
pub fn similarity(a: &Profile, b: &Profile) -> f64 {
    if a.total <= 0.0 || b.total <= 0.0 {
        return 0.0;
    }
    // The shorter text's content found in the other, at the shorter text's own weights.
    let small_is_a = a.total <= b.total;
    let (mut i, mut j) = (0, 0);
    let mut shared = 0.0;
    while i < a.feats.len() && j < b.feats.len() {
        match a.feats[i].0.cmp(&b.feats[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += if small_is_a { a.feats[i].1 } else { b.feats[j].1 };
                i += 1;
                j += 1;
            }
        }
    }
    let containment = shared / a.total.min(b.total);
    let cos = sparse_dot(&a.vec, &b.vec).max(0.0);
    (0.65 * containment + 0.35 * cos).clamp(0.0, 1.0) as f64
}
