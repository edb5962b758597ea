#!/usr/bin/env python3
"""Leave-one-résumé-out choice of the sentence encoder's mix and gate
(relevance::SENTENCE_SHARE, _LOW, _HIGH and SENTENCE_FIT_MAX).

Why: the share of relevance given to the encoder, the cosine range mapped onto 0–1 and the
highest fit at which it ranks at all are tuned constants; issue #13 asks for
cross-validated figures. Each setting runs `fitted eval` on both labelled folders
(tests/fixtures and tests/other-fields: 17 résumés, 61 pairs) with FITTED_SENTENCE_MIX and
FITTED_SENTENCE_FIT_MAX; then for each résumé the setting best on the other sixteen (mean
nDCG@10 + must-have coverage + selection F1 over their pairs) is scored on its own pairs.
"none" is the engine without the encoder (`--no-sentence-model`: the app when it cannot
download it). Then the same for the pairs whose labelled fit is 40 or more (the jobs a user
would apply to).

Set-up: `bash scripts/data/sentence_model.sh` (the test set-up runs it), then

    cargo build --release -p fitted-cli && python3 scripts/eval/sentence_cv.py   # ~4 minutes
"""
import collections
import subprocess

FOLDERS = ["tests/fixtures", "tests/other-fields"]
# "share,low,high@fit_max"; fit_max 100 is the encoder on every job.
SETTINGS = ["none"] + [f"{a},0.1,0.5@{g}" for a in (0.2, 0.3, 0.4) for g in (100, 20, 30, 40)]
SHIPPED = "0.3,0.1,0.5@30"  # relevance::SENTENCE_SHARE, _LOW, _HIGH @ SENTENCE_FIT_MAX
MODEL = "target/sentence-model.safetensors"


def rows(setting, folder):
    if setting == "none":
        env, args = None, ["target/release/fitted", "--no-sentence-model", "eval", folder]
    else:
        mix, fit_max = setting.split("@")
        env = {"FITTED_SENTENCE_MIX": mix, "FITTED_SENTENCE_FIT_MAX": fit_max, "PATH": "/usr/bin:/bin"}
        args = ["target/release/fitted", "--sentence-model", MODEL, "eval", folder]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        p = line.split()
        if len(p) < 10 or p[0] == "resume" or line.startswith("{"):
            continue
        v = [None if x == "-" else float(x) for x in p[2:5]]  # ndcg10, mustC, F1
        got[(folder, p[0], p[1])] = v + [float(p[7])]  # labelled fit
    return got


def mean(table, keys, i):
    xs = [table[k][i] for k in keys if table[k][i] is not None]
    return sum(xs) / len(xs) if xs else 0.0


def figures(table_of, keys):
    """(nDCG, coverage, F1) over `keys`, each pair scored by the setting table_of(key)."""
    return [mean({k: table_of(k)[k] for k in keys}, keys, i) for i in range(3)]


def main():
    tables = {}
    for s in SETTINGS:
        t = {}
        for f in FOLDERS:
            t.update(rows(s, f))
        tables[s] = t
    keys = sorted(tables["none"])
    people = sorted({k[1] for k in keys})
    print(f"{'setting (share,low,high)':26} {'tests/fixtures':>22} {'tests/other-fields':>22}   (nDCG / coverage / F1)")
    for s in SETTINGS:
        cells = [figures(lambda k, s=s: tables[s], [k for k in keys if k[0] == f]) for f in FOLDERS]
        mark = "  default" if s == SHIPPED else ""
        print(f"{s:26} " + "   ".join(" ".join(f"{x:.3f}" for x in c) for c in cells) + mark)
    chosen = {}
    for person in people:
        train = [k for k in keys if k[1] != person]
        chosen[person] = max(SETTINGS, key=lambda s: (sum(figures(lambda k: tables[s], train)), s == "none"))
    print("chosen per held-out résumé:", dict(collections.Counter(chosen.values())))
    for f in FOLDERS:
        fk = [k for k in keys if k[0] == f]
        cv = figures(lambda k: tables[chosen[k[1]]], fk)
        print(f"cross-validated on {f}: nDCG {cv[0]:.3f}, coverage {cv[1]:.3f}, F1 {cv[2]:.3f}")
    near = [k for k in keys if tables["none"][k][3] >= 40]
    for s in ("none", SHIPPED):
        c = figures(lambda k, s=s: tables[s], near)
        print(f"{s}: on the {len(near)} pairs with labelled fit ≥ 40: nDCG {c[0]:.3f}, coverage {c[1]:.3f}, F1 {c[2]:.3f}")


if __name__ == "__main__":
    main()
