#!/usr/bin/env bash
# What the UI's wasm is made of, by crate (issue #12's UI-size aim).
#
#   bash scripts/size/ui_breakdown.sh
#
# Builds the app in its release profile (wasm-release: opt-level z, fat LTO) before
# wasm-bindgen strips the function names, lists every function and data segment with
# `twiggy` (crates.io; installed here if missing) and sums their raw bytes by the crate
# their name starts in. Generic code is counted where it is defined (`core::ptr::drop_in_place`
# of an app type counts as `core`), so read the figures as where the bulk sits, not exact
# shares; the brotli size of the whole file is `node tests/bench/browser.mjs`'s to print.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fitted/target}
command -v twiggy >/dev/null || cargo install --locked twiggy --version 0.8.0
cargo build --offline --profile wasm-release --target wasm32-unknown-unknown -p app --bin app
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/app.wasm"
csv=$(mktemp)
trap 'rm -f "$csv"' EXIT
twiggy top -n 1000000 --format csv "$wasm" > "$csv"
python3 - "$csv" core/data/wordfreq_en.txt "$wasm" <<'EOF'
import collections, csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
wasm = open(sys.argv[3], 'rb').read()
crate = re.compile(r'(?:^|[<\s(&])_?([a-z_][a-z0-9_]+)(?:\[[0-9a-f]+\])?::')
sums, total = collections.Counter(), 0
for r in rows:
    name, size = r['Name'], int(r['ShallowSize'])
    if name.startswith('"function names"') or name.startswith('custom section'):
        continue  # stripped before shipping
    total += size
    m = crate.search(name)
    sums[m.group(1) if m else ('data segments' if name.startswith('data segment') else 'other (std, wasm-bindgen stubs it drops)')] += size
print(f"UI wasm before name stripping, code and data: {total // 1024} KB raw")
for k, v in sums.most_common(15):
    print(f"  {v // 1024:>6} KB {100 * v / total:5.1f}%  {k}")
wordfreq = open(sys.argv[2], 'rb').read()[:200]
print("word frequency list (core/data/wordfreq_en.txt, ~221 KB) linked into the UI:", "yes" if wordfreq in wasm else "no")
EOF
