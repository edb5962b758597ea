#!/usr/bin/env python3
"""Regenerate core/data/wordfreq_en.txt from the `wordfreq` package (PyPI).

Fitted uses general English word frequencies to tell everyday words ("team", "results")
from specific ones ("forecasting", "idempotency") when it weighs terms. The data is the
`small_en` list of wordfreq 3.1.1 (Robyn Speer; data CC BY-SA 4.0, see core/data/README.md).

Output format: one line per frequency bin, `<cB> <word> <word> ...`, where cB is the
wordfreq centibel bin (frequency = 10^(-cB/100); Zipf = 9 - cB/100).

    pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && pip install msgpack
    python3 scripts/data/make_wordfreq.py /tmp/wf/wordfreq-3.1.1-py3-none-any.whl
"""
import gzip
import io
import sys
import zipfile

import msgpack

wheel = sys.argv[1]
with zipfile.ZipFile(wheel) as z:
    raw = z.read("wordfreq/data/small_en.msgpack.gz")
bins = msgpack.unpackb(gzip.decompress(raw), raw=False)
out = io.StringIO()
for cb, words in enumerate(bins[1:], start=1):
    words = [w for w in words if w.isalpha()]
    if words:
        out.write(f"{cb} {' '.join(words)}\n")
with open("core/data/wordfreq_en.txt", "w", encoding="utf-8") as f:
    f.write(out.getvalue())
print("words:", sum(len(l.split()) - 1 for l in out.getvalue().splitlines()))
