#!/usr/bin/env bash
# What the UI's wasm download is made of, by crate, in brotli bytes (issue #12's UI-size aim).
#
#   bash scripts/size/ui_breakdown.sh
#
# Builds the app in its release profile (wasm-release: opt-level z, fat LTO), takes the wasm
# before wasm-bindgen strips the function names, and lets scripts/size/wasm_by_crate.py file
# every function body under its crate and compress each crate's code on its own (see there
# for how to read the figures). Also says whether the general word-frequency list is linked
# in. The whole shipped file's brotli size is `node tests/bench/browser.mjs`'s to print.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fitted/target}
cargo build --offline --profile wasm-release --target wasm32-unknown-unknown -p app --bin app
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/app.wasm"
python3 scripts/size/wasm_by_crate.py "$wasm"
python3 - core/data/wordfreq_en.txt "$wasm" <<'PY'
import sys
linked = open(sys.argv[1], 'rb').read()[:200] in open(sys.argv[2], 'rb').read()
print("word frequency list (core/data/wordfreq_en.txt, ~221 KB raw) linked into the UI:", "yes" if linked else "no")
PY
