//! Relevance through an [`Embedder`]: texts become vectors, similarity is cosine.
//!
//! The default, [`LexicalEmbedder`], needs no model download and no network: a text's
//! vector is its content stems, word pairs and names, each weighted by how specific the
//! word is in general English (`lexicon`), hashed into a fixed number of dimensions
//! ("feature hashing"). Cosine between two such vectors is a specificity-weighted term
//! overlap, which on job/résumé text beats plain keyword overlap because "team", "work" and
//! "improved" stop counting while "Kafka" and "idempotency" count a lot. A provider
//! embedder (an API with the user's key) implements the same trait; caches are keyed by
//! [`Embedder::embed_key_hash`] as in seed 000 (`resumeBulletEmbeddings.embedKeyHash`).

use crate::hash;
use crate::lexicon;
use crate::text::{self, Token};

pub trait Embedder {
    /// Human-readable model name (`embeddingModel`).
    fn model_name(&self) -> &str;
    fn dims(&self) -> usize;
    /// Hash of model + dims + preprocessing version: part of every embedding cache key.
    fn embed_key_hash(&self) -> String;
    /// One L2-normalised vector per text.
    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>>;
}

pub const LEXICAL_MODEL: &str = "fitted-lexical-v1";

/// The local, offline embedder. See the module docs.
#[derive(Debug, Clone)]
pub struct LexicalEmbedder {
    dims: usize,
}

impl Default for LexicalEmbedder {
    fn default() -> Self {
        Self { dims: 2048 }
    }
}

impl LexicalEmbedder {
    pub fn new(dims: usize) -> Self {
        Self { dims: dims.max(64) }
    }
}

/// FNV-1a, 64-bit: stable across platforms and builds (std's hasher is not).
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Weight of a word by its specificity; names (acronyms, inner capitals, technical tokens)
/// count fully whatever their frequency as common words ("Go", "Epic").
fn token_weight(t: &Token) -> f32 {
    let name = t.is_acronym() || t.has_inner_capital() || t.is_technical();
    let spec = lexicon::specificity(&t.lower);
    let w = 0.15 + spec;
    if name {
        w.max(1.0)
    } else if t.is_capitalized() && t.start > 0 {
        w.max(0.6)
    } else {
        w
    }
}

/// The weighted features of a text: (feature, weight).
pub fn features(text_in: &str) -> Vec<(String, f32)> {
    let toks = text::tokenize(text_in);
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut prev: Option<(String, f32)> = None;
    for t in &toks {
        let stems = text::token_stems(t);
        if stems.is_empty() {
            prev = None;
            continue;
        }
        if t.is_number() {
            prev = None;
            continue;
        }
        let w = token_weight(t);
        for (k, s) in stems.iter().enumerate() {
            // The whole token counts fully; its parts (for joined tokens) count half.
            out.push((format!("u:{s}"), if k == 0 { w } else { 0.5 * w }));
        }
        // A joined token's parts read as the phrase they spell: "whole-fish" as "whole fish",
        // the way the same words written apart pair up below.
        for pair in stems.get(1..).unwrap_or_default().windows(2) {
            out.push((format!("b:{} {}", pair[0], pair[1]), 0.6 * w));
        }
        let head = stems[0].clone();
        if let Some((p, pw)) = &prev {
            out.push((format!("b:{p} {head}"), 0.6 * (pw + w) / 2.0));
        }
        prev = Some((head, w));
    }
    out
}

impl Embedder for LexicalEmbedder {
    fn model_name(&self) -> &str {
        LEXICAL_MODEL
    }
    fn dims(&self) -> usize {
        self.dims
    }
    fn embed_key_hash(&self) -> String {
        hash::hash_json(&(LEXICAL_MODEL, self.dims, "stems+bigrams+joined-parts+wordfreq", crate::text::STOPWORDS.len(), crate::text::FILLER.len()))
    }
    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts
            .iter()
            .map(|t| {
                let mut v = vec![0f32; self.dims];
                // Sub-linear term frequency: a word repeated counts a little more, not double.
                // In a fixed order: features sharing a dimension are summed, and a hashed
                // map's random order made the same text's vector differ in the last bits
                // from one call to the next.
                let mut tf: std::collections::BTreeMap<String, (f32, u32)> = std::collections::BTreeMap::new();
                for (f, w) in features(t) {
                    let e = tf.entry(f).or_insert((0.0, 0));
                    e.0 = e.0.max(w);
                    e.1 += 1;
                }
                for (f, (w, n)) in tf {
                    let h = fnv1a(&f);
                    let idx = (h % self.dims as u64) as usize;
                    let sign = if (h >> 63) & 1 == 1 { -1.0 } else { 1.0 };
                    v[idx] += sign * w * (1.0 + (n as f32).ln());
                }
                normalize(&mut v);
                v
            })
            .collect()
    }
}

pub fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.iter_mut() {
            *x /= n;
        }
    }
}

/// Cosine of two L2-normalised vectors (their dot product); 0 for mismatched lengths.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_texts_score_higher_than_unrelated_ones() {
        let e = LexicalEmbedder::default();
        let v = e.embed(&[
            "Hands-on experience with Kafka or a similar event streaming platform",
            "Led the migration of the ledger event pipeline from RabbitMQ to Kafka",
            "Mentored 4 junior engineers through weekly design reviews",
        ]);
        assert!(cosine(&v[0], &v[1]) > cosine(&v[0], &v[2]) + 0.1);
        assert!((cosine(&v[0], &v[0]) - 1.0).abs() < 1e-4);
    }

    #[test]
    fn common_words_weigh_less_than_specific_ones() {
        let e = LexicalEmbedder::default();
        let v = e.embed(&["improved team results", "improved forecasting accuracy", "team results"]);
        // Sharing "team results" (common) counts less than sharing "forecasting" would.
        let w = e.embed(&["forecasting", "forecasting accuracy for stores"]);
        assert!(cosine(&w[0], &w[1]) > cosine(&v[0], &v[2]) * 0.5);
    }

    #[test]
    fn a_hyphenated_compound_matches_its_words_written_apart() {
        let joined: Vec<String> = features("whole-fish butchery").into_iter().map(|(f, _)| f).collect();
        let apart: Vec<String> = features("broke down whole fish daily").into_iter().map(|(f, _)| f).collect();
        let bigram = |v: &[String]| v.iter().filter(|f| f.starts_with("b:")).cloned().collect::<Vec<_>>();
        assert!(bigram(&joined).iter().any(|b| bigram(&apart).contains(b)), "{joined:?} / {apart:?}");
    }

    #[test]
    fn embeddings_are_deterministic_and_keyed() {
        let e = LexicalEmbedder::default();
        assert_eq!(e.embed(&["Go"]), e.embed(&["Go"]));
        assert_eq!(e.embed_key_hash(), LexicalEmbedder::default().embed_key_hash());
        assert_ne!(e.embed_key_hash(), LexicalEmbedder::new(512).embed_key_hash());
    }
}
