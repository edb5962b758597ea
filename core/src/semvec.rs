//! Static word vectors (`data/semvec.bin`, built by `scripts/data/make_semvec.py` from
//! all-MiniLM-L6-v2): the semantic half of relevance.
//!
//! A text's vector is the rarity-weighted average of its words' vectors (smooth inverse
//! frequency: weight = a / (a + p(word))), so "cared for patients per shift" lands near
//! "bedside nursing" even though they share no word. Words outside the vocabulary (product
//! names, acronyms) contribute nothing here; lexical matching covers them.

use std::collections::HashMap;

use crate::lexicon;
use crate::text;

#[derive(Debug, thiserror::Error)]
pub enum SemvecError {
    #[error("The word-vector file is damaged or from another version ({0}). Reload the page to download it again.")]
    Bad(&'static str),
}

pub struct SemanticVectors {
    dims: usize,
    index: HashMap<String, usize>,
    scales: Vec<f32>,
    data: Vec<i8>,
}

impl SemanticVectors {
    pub fn parse(bytes: &[u8]) -> Result<Self, SemvecError> {
        let take = |pos: &mut usize, n: usize| -> Result<&[u8], SemvecError> {
            let s = bytes.get(*pos..*pos + n).ok_or(SemvecError::Bad("truncated"))?;
            *pos += n;
            Ok(s)
        };
        let mut pos = 0;
        if take(&mut pos, 4)? != b"FSV1" {
            return Err(SemvecError::Bad("bad header"));
        }
        let u32le = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let dims = u32le(take(&mut pos, 4)?);
        let count = u32le(take(&mut pos, 4)?);
        if dims == 0 || dims > 4096 || count > 1_000_000 {
            return Err(SemvecError::Bad("bad sizes"));
        }
        let mut index = HashMap::with_capacity(count);
        for i in 0..count {
            let len = take(&mut pos, 1)?[0] as usize;
            let w = std::str::from_utf8(take(&mut pos, len)?).map_err(|_| SemvecError::Bad("bad word"))?;
            index.insert(w.to_string(), i);
        }
        let mut scales = Vec::with_capacity(count);
        let mut data = Vec::with_capacity(count * dims);
        for _ in 0..count {
            let s = take(&mut pos, 4)?;
            scales.push(f32::from_le_bytes([s[0], s[1], s[2], s[3]]));
            data.extend(take(&mut pos, dims)?.iter().map(|b| *b as i8));
        }
        Ok(Self { dims, index, scales, data })
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// SIF-weighted average of the text's in-vocabulary words, L2-normalised; all zeros when
    /// no word is known.
    pub fn text_vector(&self, t: &str) -> Vec<f32> {
        let mut v = vec![0f32; self.dims];
        for tok in text::tokenize(t) {
            let w = tok.lower.as_str();
            if text::is_stopword(w) || text::is_filler(w) {
                continue;
            }
            let Some(&i) = self.index.get(w) else { continue };
            // p(word) from its Zipf frequency; a = 1e-4 is the usual SIF constant.
            let p = 10f32.powf(lexicon::zipf(w) - 9.0);
            let weight = 1e-4 / (1e-4 + p);
            let s = self.scales[i] * weight;
            for (x, q) in v.iter_mut().zip(&self.data[i * self.dims..(i + 1) * self.dims]) {
                *x += s * *q as f32;
            }
        }
        crate::embed::normalize(&mut v);
        v
    }
}

/// The bundled vectors (`data/semvec.bin`: 27,975 words × 32 dimensions, int8), parsed once.
pub fn bundled() -> &'static SemanticVectors {
    static V: std::sync::OnceLock<SemanticVectors> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        if let Some(v) = trial_vectors() {
            return v;
        }
        // The file is part of the crate and checked by a test, so this cannot fail at run time.
        SemanticVectors::parse(include_bytes!("../data/semvec.bin")).expect("bundled semvec.bin is valid")
    })
}

/// Where the bundled vectors' cosines sit: relevance maps a bullet↔requirement cosine
/// from `low` (nothing in common) over `span` to 1, and two bullets at `restates` or more
/// (with some shared words) say the same thing. The numbers belong to these vectors: other
/// vectors spread their cosines differently.
#[derive(Clone, Copy, Debug)]
pub struct Calibration {
    pub low: f64,
    pub span: f64,
    pub restates: f64,
}

const BUNDLED_CALIBRATION: Calibration = Calibration { low: 0.4, span: 0.5, restates: 0.8 };

/// The calibration of the vectors in use ([`bundled`]).
pub fn calibration() -> Calibration {
    static C: std::sync::OnceLock<Calibration> = std::sync::OnceLock::new();
    *C.get_or_init(|| trial_calibration().unwrap_or(BUNDLED_CALIBRATION))
}

/// For measuring other vectors with `fitted eval` (scripts/eval/try_vectors.sh), natively
/// only: `FITTED_SEMVEC=FILE` replaces the bundled vectors and `FITTED_SEMVEC_CAL=low,span,
/// restates` their calibration. A bad file or value stops the run: a trial that silently
/// fell back to the bundled vectors would report their figures under another name.
fn trial_vectors() -> Option<SemanticVectors> {
    let path = std::env::var("FITTED_SEMVEC").ok()?;
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("FITTED_SEMVEC={path}: {e}"));
    Some(SemanticVectors::parse(&bytes).unwrap_or_else(|e| panic!("FITTED_SEMVEC={path}: {e}")))
}

fn trial_calibration() -> Option<Calibration> {
    let v = std::env::var("FITTED_SEMVEC_CAL").ok()?;
    let x: Vec<f64> = v.split(',').map(|t| t.trim().parse().unwrap_or_else(|_| panic!("FITTED_SEMVEC_CAL={v}: three numbers low,span,restates"))).collect();
    let [low, span, restates] = x[..] else { panic!("FITTED_SEMVEC_CAL={v}: three numbers low,span,restates") };
    assert!(span > 0.0, "FITTED_SEMVEC_CAL={v}: span must be positive");
    Some(Calibration { low, span, restates })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::cosine;

    #[test]
    fn bundled_vectors_parse_and_know_related_words() {
        let v = bundled();
        assert_eq!(v.dims(), 32);
        let a = v.text_vector("cared for patients on a hospital ward");
        let b = v.text_vector("bedside nursing experience");
        let c = v.text_vector("distributed database replication");
        assert!(cosine(&a, &b) > cosine(&a, &c));
    }

    #[test]
    fn damaged_files_are_refused() {
        assert!(SemanticVectors::parse(b"").is_err());
        assert!(SemanticVectors::parse(b"FSV1\x20\0\0\0\x05\0\0\0").is_err());
        let mut bytes = include_bytes!("../data/semvec.bin").to_vec();
        bytes.truncate(bytes.len() / 2);
        assert!(SemanticVectors::parse(&bytes).is_err());
    }
}
