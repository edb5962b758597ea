#!/usr/bin/env bash
# How much of the worker's download is Typst itself (issue #12's worker-size aim).
#
#   bash scripts/size/typst_share.sh [dist/worker_bg.wasm]
#
# Builds scripts/size/typst-only (Typst's compile, PDF export and page rendering behind one
# exported function, no Fitted code, no fonts) in the worker's profile (wasm-release: opt-level
# z, fat LTO), passes it through wasm-bindgen and the same name-section strip as the worker,
# and prints both brotli sizes: what Fitted adds is the difference. Run after
# `trunk build --release` (or pass the worker wasm of another build); with the CI build's
# dependencies in CARGO_TARGET_DIR only the final link runs (a few minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
worker=${1:-dist/worker_bg.wasm}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/fitted/target}
cargo build --offline --profile wasm-release --target wasm32-unknown-unknown -p typst-only
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wasm-bindgen --target no-modules --no-typescript --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/typst_only.wasm"
python3 scripts/strip_names.py "$out/typst_only_bg.wasm"
kb() { echo $(( $(brotli -c -q 11 "$1" | wc -c) / 1024 )); }
typst=$(kb "$out/typst_only_bg.wasm")
all=$(kb "$worker")
echo "Typst alone (compile + PDF + page pixels), brotli: ${typst} KB"
echo "the worker ($worker), brotli: ${all} KB"
echo "Fitted's code and data in the worker: $(( all - typst )) KB"
