#!/usr/bin/env python3
"""Word vectors from WordLlama in the bundled vectors' format, for trying them against
core/data/semvec.bin with `fitted eval` (scripts/eval/try_vectors.sh). Not shipped.

Why: issue #13 asked for a sentence-level static embedding (model2vec's "potion" models)
against the 32-dimension vectors derived from all-MiniLM-L6-v2. The potion weights are only
on Hugging Face, which cannot be reached from here. WordLlama is the same kind of model —
token embeddings trained so that their average embeds a sentence, truncatable
(Matryoshka) to 64/128/256 dimensions — and its PyPI wheel ships the weights
(`wordllama` 0.4.0.post1, MIT; the "l2_supercat" weights are trained from the token
embeddings of Llama 2 family models, so shipping them would also bring the Llama 2 licence).

A word's vector is the mean of its tokens' vectors (WordLlama averages tokens too), cut to
DIMS; with --center the mean vector over the vocabulary is subtracted (as
make_semvec.py does before its PCA); with --with-bundled each word's vector is joined to
its unit-length bundled vector (an ensemble of both). Vocabulary: the bundled file's words.

    python3 -m venv /tmp/semvenv && /tmp/semvenv/bin/pip install numpy safetensors tokenizers
    pip download wordllama==0.4.0.post1 --no-deps -d /tmp/wlwheel && unzip -o /tmp/wlwheel/*.whl -d /tmp/wordllama
    /tmp/semvenv/bin/python scripts/data/make_wordllama_vectors.py /tmp/wordllama/wordllama OUT.bin DIMS [--center] [--with-bundled]
"""
import struct
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer


def read_fsv1(path):
    """(words, float vectors) of a file in the bundled format (see make_semvec.py)."""
    b = open(path, "rb").read()
    assert b[:4] == b"FSV1", path
    dims, count = struct.unpack("<II", b[4:12])
    pos, words = 12, []
    for _ in range(count):
        n = b[pos]
        words.append(b[pos + 1 : pos + 1 + n].decode())
        pos += 1 + n
    vecs = np.zeros((count, dims), np.float32)
    for i in range(count):
        scale = struct.unpack("<f", b[pos : pos + 4])[0]
        vecs[i] = np.frombuffer(b[pos + 4 : pos + 4 + dims], np.int8) * scale
        pos += 4 + dims
    return words, vecs


def write_fsv1(path, words, vecs):
    scale = np.abs(vecs).max(1) / 127.0
    scale[scale == 0] = 1e-9
    q = np.round(vecs / scale[:, None]).astype(np.int8)
    with open(path, "wb") as out:
        out.write(b"FSV1" + struct.pack("<II", vecs.shape[1], len(words)))
        for w in words:
            bw = w.encode()
            out.write(struct.pack("<B", len(bw)) + bw)
        for i in range(len(words)):
            out.write(struct.pack("<f", float(scale[i])) + q[i].tobytes())


if __name__ == "__main__":
    pkg, out, dims = sys.argv[1], sys.argv[2], int(sys.argv[3])
    flags = set(sys.argv[4:])
    table = load_file(f"{pkg}/weights/l2_supercat_256.safetensors")["embedding.weight"].astype(np.float32)
    tok = Tokenizer.from_file(f"{pkg}/tokenizers/l2_supercat_tokenizer_config.json")
    tok.no_padding()
    tok.no_truncation()
    words, bundled = read_fsv1("core/data/semvec.bin")
    encs = tok.encode_batch(words, add_special_tokens=False)
    vecs = np.stack([table[e.ids].mean(0) for e in encs])[:, :dims]
    if "--center" in flags:
        vecs = vecs - vecs.mean(0)
    if "--with-bundled" in flags:
        unit = lambda x: x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
        vecs = np.concatenate([unit(bundled), unit(vecs)], 1)
    write_fsv1(out, words, vecs)
    print(out, len(words), "words", vecs.shape[1], "dims")
