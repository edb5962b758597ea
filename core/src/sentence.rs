//! The sentence encoder (all-MiniLM-L6-v2, int8 rows) that ranks bullets for far jobs.
//!
//! Why: the bundled word vectors ([`crate::semvec`]) average 32-dimension word meanings and
//! know few trade words, so a bullet that says the same thing in other words ("Shot
//! bitewings and full-mouth x-ray series…" for "take diagnostic radiographs while following
//! radiation safety rules") matches on little. A small transformer reads the whole
//! sentence. Mixed into every job's ranking it cost selection F1 where the résumé already
//! shares the posting's words, so it ranks only jobs whose fit is at most
//! [`crate::select::relevance::SENTENCE_FIT_MAX`] (a career change), where it is the only
//! signal (figures in the README's Quality section).
//!
//! The model is not in the worker's wasm: the app downloads it (`models/`, 23 MB, 21 MB
//! brotli) the first time a selection says `sentence_model_needed`, and the run driver
//! selects again once [`install`]ed; the CLI installs the file beside its build. The file
//! comes from `scripts/data/sentence_model.sh`.
//!
//! Everything here is plain arithmetic over the file's tensors: no browser types, no I/O.
//! The tokenizer gives the same piece ids as the model's own `tokenizer.json`, and the
//! vectors match a numpy forward pass of the same int8 weights (cosine ≥ 0.99999).
//!
//! File format: safetensors; each 2-D weight as int8 rows plus an f32 scale per row; vectors
//! as f32; the WordPiece vocabulary and the model's sizes in the header's metadata.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use safetensors::{Dtype, SafeTensors};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// How run records name this encoder (`selectionPlans.embeddingModel`).
pub const MODEL_NAME: &str = crate::select::relevance::SENTENCE_MODEL_NAME;

/// Why a model file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SentenceModelError {
    #[error("The sentence model file is damaged ({0}). Make it again with scripts/data/make_sentence_model.py.")]
    Format(String),
    #[error("The sentence model file lacks `{0}`. Use the file made by scripts/data/make_sentence_model.py.")]
    Missing(String),
}

/// A dense layer: y = x·Wᵀ + b, W stored out × in (row-major), dequantised at load.
struct Dense {
    w: Vec<f32>,
    b: Vec<f32>,
    inp: usize,
    out: usize,
}

struct Norm {
    g: Vec<f32>,
    b: Vec<f32>,
}

struct Layer {
    q: Dense,
    k: Dense,
    v: Dense,
    o: Dense,
    norm1: Norm,
    up: Dense,
    down: Dense,
    norm2: Norm,
}

/// The loaded encoder.
pub struct SentenceModel {
    vocab: HashMap<String, u32>,
    /// Word embeddings stay int8 (most of the file): one row is dequantised per token.
    words: Vec<i8>,
    word_scale: Vec<f32>,
    positions: Vec<f32>,
    token_type: Vec<f32>,
    norm0: Norm,
    layers: Vec<Layer>,
    hidden: usize,
    heads: usize,
    eps: f32,
    max_tokens: usize,
    unk: u32,
    cls: u32,
    sep: u32,
}

fn f32s(st: &SafeTensors, name: &str) -> Result<(Vec<f32>, Vec<usize>), SentenceModelError> {
    let t = st.tensor(name).map_err(|_| SentenceModelError::Missing(name.into()))?;
    if t.dtype() != Dtype::F32 {
        return Err(SentenceModelError::Format(format!("{name} is not f32")));
    }
    let v = t.data().chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    Ok((v, t.shape().to_vec()))
}

fn i8s(st: &SafeTensors, name: &str) -> Result<(Vec<i8>, Vec<usize>), SentenceModelError> {
    let t = st.tensor(name).map_err(|_| SentenceModelError::Missing(name.into()))?;
    if t.dtype() != Dtype::I8 || t.shape().len() != 2 {
        return Err(SentenceModelError::Format(format!("{name} is not a 2-D int8 matrix")));
    }
    Ok((t.data().iter().map(|b| *b as i8).collect(), t.shape().to_vec()))
}

/// A 2-D int8 weight with its row scales: (values, scales, rows, cols).
fn quantised(st: &SafeTensors, name: &str) -> Result<(Vec<i8>, Vec<f32>, usize, usize), SentenceModelError> {
    let (q, shape) = i8s(st, name)?;
    let (s, _) = f32s(st, &format!("{name}.scale"))?;
    if s.len() != shape[0] {
        return Err(SentenceModelError::Format(format!("{name}: {} scales for {} rows", s.len(), shape[0])));
    }
    Ok((q, s, shape[0], shape[1]))
}

fn dense(st: &SafeTensors, prefix: &str) -> Result<Dense, SentenceModelError> {
    let (q, s, out, inp) = quantised(st, &format!("{prefix}.weight"))?;
    let w = q.chunks_exact(inp).zip(&s).flat_map(|(row, sc)| row.iter().map(move |x| *x as f32 * sc)).collect();
    let (b, _) = f32s(st, &format!("{prefix}.bias"))?;
    if b.len() != out {
        return Err(SentenceModelError::Format(format!("{prefix}: bias length")));
    }
    Ok(Dense { w, b, inp, out })
}

fn norm(st: &SafeTensors, prefix: &str) -> Result<Norm, SentenceModelError> {
    Ok(Norm { g: f32s(st, &format!("{prefix}.weight"))?.0, b: f32s(st, &format!("{prefix}.bias"))?.0 })
}

impl Dense {
    /// x: rows × inp → rows × out.
    fn apply(&self, x: &[f32], rows: usize) -> Vec<f32> {
        let mut y = vec![0.0f32; rows * self.out];
        debug_assert_eq!(x.len(), rows * self.inp);
        // SAFETY: the pointers and strides describe x (rows × inp, row-major), Wᵀ (inp × out,
        // read from W's out × inp row-major storage) and y (rows × out), all of those sizes.
        unsafe {
            matrixmultiply::sgemm(
                rows,
                self.inp,
                self.out,
                1.0,
                x.as_ptr(),
                self.inp as isize,
                1,
                self.w.as_ptr(),
                1,
                self.inp as isize,
                0.0,
                y.as_mut_ptr(),
                self.out as isize,
                1,
            );
        }
        for row in y.chunks_exact_mut(self.out) {
            for (v, b) in row.iter_mut().zip(&self.b) {
                *v += b;
            }
        }
        y
    }
}

impl Norm {
    fn apply(&self, x: &mut [f32], eps: f32) {
        let h = self.g.len();
        for row in x.chunks_exact_mut(h) {
            let mean = row.iter().sum::<f32>() / h as f32;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
            let inv = 1.0 / (var + eps).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.g).zip(&self.b) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    }
}

/// erf by Abramowitz–Stegun 7.1.26 (error below 1.5e-7): enough for GELU.
fn erf(x: f32) -> f32 {
    let s = x.signum();
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let y = 1.0 - (((((1.061_405_4 * t - 1.453_152_1) * t) + 1.421_413_8) * t - 0.284_496_74) * t + 0.254_829_6) * t * (-a * a).exp();
    s * y
}

fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x / std::f32::consts::SQRT_2))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

fn is_punctuation(c: char) -> bool {
    let u = c as u32;
    (33..=47).contains(&u)
        || (58..=64).contains(&u)
        || (91..=96).contains(&u)
        || (123..=126).contains(&u)
        || c.general_category_group() == GeneralCategoryGroup::Punctuation
}

fn is_control(c: char) -> bool {
    if matches!(c, '\t' | '\n' | '\r') {
        return false;
    }
    matches!(
        c.general_category(),
        GeneralCategory::Control | GeneralCategory::Format | GeneralCategory::PrivateUse | GeneralCategory::Unassigned
    )
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r') || c.general_category() == GeneralCategory::SpaceSeparator
}

impl SentenceModel {
    /// Read a model file (see the module docs for the format).
    pub fn parse(bytes: &[u8]) -> Result<Self, SentenceModelError> {
        let (_, meta) = SafeTensors::read_metadata(bytes).map_err(|e| SentenceModelError::Format(e.to_string()))?;
        let meta = meta.metadata().clone().unwrap_or_default();
        let get = |k: &str| meta.get(k).cloned().ok_or_else(|| SentenceModelError::Missing(k.into()));
        let num = |k: &str| -> Result<usize, SentenceModelError> {
            get(k)?.parse().map_err(|_| SentenceModelError::Format(format!("{k} is not a number")))
        };
        let hidden = num("hidden_size")?;
        let heads = num("num_attention_heads")?;
        let n_layers = num("num_hidden_layers")?;
        let max_tokens = num("max_tokens")?;
        let eps: f32 = get("layer_norm_eps")?.parse().map_err(|_| SentenceModelError::Format("layer_norm_eps".into()))?;
        if heads == 0 || hidden % heads != 0 {
            return Err(SentenceModelError::Format("heads do not divide the hidden size".into()));
        }
        let vocab: HashMap<String, u32> = get("vocab")?.split('\n').enumerate().map(|(i, t)| (t.to_string(), i as u32)).collect();
        let id = |t: &str| vocab.get(t).copied().ok_or_else(|| SentenceModelError::Missing(format!("vocabulary token {t}")));
        let (unk, cls, sep) = (id("[UNK]")?, id("[CLS]")?, id("[SEP]")?);
        let st = SafeTensors::deserialize(bytes).map_err(|e| SentenceModelError::Format(e.to_string()))?;
        let (words, word_scale, rows, cols) = quantised(&st, "embeddings.word_embeddings.weight")?;
        if cols != hidden || rows < vocab.len() {
            return Err(SentenceModelError::Format("word embeddings do not match the vocabulary".into()));
        }
        let deq = |name: &str| -> Result<Vec<f32>, SentenceModelError> {
            let (q, s, _, c) = quantised(&st, name)?;
            if c != hidden {
                return Err(SentenceModelError::Format(format!("{name} has {c} columns")));
            }
            Ok(q.chunks_exact(c).zip(&s).flat_map(|(row, sc)| row.iter().map(move |x| *x as f32 * sc)).collect())
        };
        let positions = deq("embeddings.position_embeddings.weight")?;
        if positions.len() < max_tokens * hidden {
            return Err(SentenceModelError::Format("fewer positions than max_tokens".into()));
        }
        let token_type = deq("embeddings.token_type_embeddings.weight")?;
        let norm0 = norm(&st, "embeddings.LayerNorm")?;
        let mut layers = Vec::with_capacity(n_layers);
        for l in 0..n_layers {
            let p = format!("encoder.layer.{l}");
            layers.push(Layer {
                q: dense(&st, &format!("{p}.attention.self.query"))?,
                k: dense(&st, &format!("{p}.attention.self.key"))?,
                v: dense(&st, &format!("{p}.attention.self.value"))?,
                o: dense(&st, &format!("{p}.attention.output.dense"))?,
                norm1: norm(&st, &format!("{p}.attention.output.LayerNorm"))?,
                up: dense(&st, &format!("{p}.intermediate.dense"))?,
                down: dense(&st, &format!("{p}.output.dense"))?,
                norm2: norm(&st, &format!("{p}.output.LayerNorm"))?,
            });
        }
        Ok(SentenceModel { vocab, words, word_scale, positions, token_type, norm0, layers, hidden, heads, eps, max_tokens, unk, cls, sep })
    }

    /// Word pieces of a text, as the model's own (uncased BERT) tokenizer makes them:
    /// control characters dropped, accents stripped, lower case, punctuation and CJK
    /// characters split off, then greedy longest-match WordPiece. Truncated to fit.
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        let mut clean = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '\0' || c == '\u{fffd}' || is_control(c) {
                continue;
            }
            if is_space(c) {
                clean.push(' ');
            } else if is_cjk(c) {
                clean.push(' ');
                clean.push(c);
                clean.push(' ');
            } else {
                clean.push(c);
            }
        }
        let folded: String = clean.nfd().filter(|c| c.general_category() != GeneralCategory::NonspacingMark).collect::<String>().to_lowercase();
        let mut ids = vec![self.cls];
        let room = self.max_tokens.saturating_sub(2);
        'words: for word in folded.split(' ').filter(|w| !w.is_empty()) {
            // Punctuation characters are words of their own.
            let mut pieces: Vec<&str> = Vec::new();
            let mut start = 0;
            for (i, c) in word.char_indices() {
                if is_punctuation(c) {
                    if start < i {
                        pieces.push(&word[start..i]);
                    }
                    pieces.push(&word[i..i + c.len_utf8()]);
                    start = i + c.len_utf8();
                }
            }
            if start < word.len() {
                pieces.push(&word[start..]);
            }
            for piece in pieces {
                for id in self.word_pieces(piece) {
                    if ids.len() > room {
                        break 'words;
                    }
                    ids.push(id);
                }
            }
        }
        ids.push(self.sep);
        ids
    }

    fn word_pieces(&self, word: &str) -> Vec<u32> {
        if word.chars().count() > 100 {
            return vec![self.unk];
        }
        let mut out = Vec::new();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while end > start {
                if word.is_char_boundary(end) {
                    let sub = &word[start..end];
                    let hit = if start == 0 { self.vocab.get(sub) } else { self.vocab.get(&format!("##{sub}")) };
                    if let Some(id) = hit {
                        found = Some(*id);
                        break;
                    }
                }
                end -= 1;
            }
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => return vec![self.unk],
            }
        }
        out
    }

    /// The unit-length sentence vector of a text (mean of the last layer over its tokens).
    pub fn encode(&self, text: &str) -> Vec<f32> {
        let ids = self.tokenize(text);
        let (n, h) = (ids.len(), self.hidden);
        let mut x = vec![0.0f32; n * h];
        for (t, id) in ids.iter().enumerate() {
            let row = &mut x[t * h..(t + 1) * h];
            let w = &self.words[*id as usize * h..(*id as usize + 1) * h];
            let sc = self.word_scale[*id as usize];
            for i in 0..h {
                row[i] = w[i] as f32 * sc + self.positions[t * h + i] + self.token_type[i];
            }
        }
        self.norm0.apply(&mut x, self.eps);
        let hd = h / self.heads;
        let scale = 1.0 / (hd as f32).sqrt();
        let mut scores = vec![0.0f32; n * n];
        for layer in &self.layers {
            let q = layer.q.apply(&x, n);
            let k = layer.k.apply(&x, n);
            let v = layer.v.apply(&x, n);
            let mut ctx = vec![0.0f32; n * h];
            for head in 0..self.heads {
                let off = head * hd;
                // SAFETY: head `head` of q, k, v and ctx is the n × hd block at column `off`
                // of an n × h row-major matrix; scores is n × n. Every index stays inside.
                unsafe {
                    // scores = Q_h · K_hᵀ / √hd
                    matrixmultiply::sgemm(
                        n, hd, n, scale,
                        q.as_ptr().add(off), h as isize, 1,
                        k.as_ptr().add(off), 1, h as isize,
                        0.0, scores.as_mut_ptr(), n as isize, 1,
                    );
                }
                for row in scores.chunks_exact_mut(n) {
                    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    let mut sum = 0.0;
                    for s in row.iter_mut() {
                        *s = (*s - max).exp();
                        sum += *s;
                    }
                    row.iter_mut().for_each(|s| *s /= sum);
                }
                // SAFETY: as above.
                unsafe {
                    // ctx_h = softmax(scores) · V_h
                    matrixmultiply::sgemm(
                        n, n, hd, 1.0,
                        scores.as_ptr(), n as isize, 1,
                        v.as_ptr().add(off), h as isize, 1,
                        0.0, ctx.as_mut_ptr().add(off), h as isize, 1,
                    );
                }
            }
            let attn = layer.o.apply(&ctx, n);
            x.iter_mut().zip(&attn).for_each(|(a, b)| *a += b);
            layer.norm1.apply(&mut x, self.eps);
            let mut f = layer.up.apply(&x, n);
            f.iter_mut().for_each(|v| *v = gelu(*v));
            let f = layer.down.apply(&f, n);
            x.iter_mut().zip(&f).for_each(|(a, b)| *a += b);
            layer.norm2.apply(&mut x, self.eps);
        }
        let mut pooled = vec![0.0f32; h];
        for row in x.chunks_exact(h) {
            pooled.iter_mut().zip(row).for_each(|(p, v)| *p += v);
        }
        let len = pooled.iter().map(|v| v * v).sum::<f32>().sqrt();
        if len > 0.0 {
            pooled.iter_mut().for_each(|v| *v /= len);
        }
        pooled
    }
}

/// Sentence vectors by text, computed once per text: `fitted eval` matches each résumé's
/// bullets against many postings.
pub struct Encoder {
    model: SentenceModel,
    cache: RwLock<HashMap<String, Arc<Vec<f32>>>>,
}

/// Most texts kept: about 1.5 KB each, so the cache stays near 15 MB.
const CACHE_TEXTS: usize = 10_000;

impl Encoder {
    pub fn new(model: SentenceModel) -> Self {
        Encoder { model, cache: RwLock::new(HashMap::new()) }
    }

    /// The vector of `text` (from the cache when it was encoded before).
    pub fn vector(&self, text: &str) -> Arc<Vec<f32>> {
        if let Some(v) = self.cache.read().ok().and_then(|c| c.get(text).cloned()) {
            return v;
        }
        let v = Arc::new(self.model.encode(text));
        if let Ok(mut c) = self.cache.write() {
            if c.len() >= CACHE_TEXTS {
                c.clear();
            }
            c.insert(text.to_string(), v.clone());
        }
        v
    }
}

static ACTIVE: RwLock<Option<Arc<Encoder>>> = RwLock::new(None);

/// Use this model for ranking from now on (`fitted --sentence-model`). Replaces any model
/// in use.
pub fn install(model: SentenceModel) {
    if let Ok(mut a) = ACTIVE.write() {
        *a = Some(Arc::new(Encoder::new(model)));
    }
}

/// Rank without the model from now on (tests).
pub fn uninstall() {
    if let Ok(mut a) = ACTIVE.write() {
        *a = None;
    }
}

/// The model in use, if one was installed.
pub fn active() -> Option<Arc<Encoder>> {
    ACTIVE.read().ok().and_then(|a| a.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model file is made at set-up by `scripts/data/sentence_model.sh` (not in git)
    /// into the build's target folder.
    fn model() -> SentenceModel {
        let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target").into());
        let path = format!("{target}/sentence-model.safetensors");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}; make it with bash scripts/data/sentence_model.sh"));
        SentenceModel::parse(&bytes).expect("model parses")
    }

    #[test]
    fn tokenizes_like_uncased_bert() {
        let m = model();
        let inv: HashMap<u32, &str> = m.vocab.iter().map(|(k, v)| (*v, k.as_str())).collect();
        let toks = |s: &str| m.tokenize(s).iter().map(|i| inv[i].to_string()).collect::<Vec<_>>().join(" ");
        assert_eq!(toks("Café RESUMÉ, naïve!"), "[CLS] cafe resume , naive ! [SEP]");
        // The same pieces as the model's own tokenizer (`tokenizers`, tokenizer.json) gives.
        assert_eq!(toks("Dosimetry"), "[CLS] dos ##ime ##try [SEP]");
        assert_eq!(toks("a\u{200b}b\tc"), "[CLS] ab c [SEP]");
        assert_eq!(m.tokenize(&"word ".repeat(1000)).len(), m.max_tokens);
        assert_eq!(toks(""), "[CLS] [SEP]");
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_sentences() {
        let m = model();
        let cos = |a: &str, b: &str| m.encode(a).iter().zip(m.encode(b)).map(|(x, y)| x * y).sum::<f32>();
        let same = cos("Took digital radiographs of patients", "Take diagnostic x-rays following radiation safety rules");
        let other = cos("Took digital radiographs of patients", "Negotiated multi-year software contracts with enterprise buyers");
        assert!(same > other + 0.2, "paraphrase {same} vs unrelated {other}");
        let v = m.encode("Balanced a cash drawer every day");
        assert!((v.iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        assert!(SentenceModel::parse(b"").is_err());
        assert!(SentenceModel::parse(&[0xff; 64]).is_err());
        // A valid safetensors file that is not a sentence model.
        let mut header = br#"{"__metadata__":{"hidden_size":"4"}}"#.to_vec();
        while header.len() % 8 != 0 {
            header.push(b' ');
        }
        let mut file = (header.len() as u64).to_le_bytes().to_vec();
        file.extend(&header);
        assert!(matches!(SentenceModel::parse(&file), Err(SentenceModelError::Missing(_))));
    }
}
