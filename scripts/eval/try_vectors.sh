#!/usr/bin/env bash
# Other word vectors against the bundled ones (core/data/semvec.bin) on the tuning set:
# each variant is calibrated without labels (core/examples/semvec_calibrate.rs), then run
# through `fitted eval` in-sample and with cross-validation. Prints one line per variant.
#
#   bash scripts/eval/try_vectors.sh            # WordLlama variants (downloads the wheel from PyPI)
#   bash scripts/eval/try_vectors.sh A.bin ...  # any files in the bundled format
#
# Needs python3 with venv (for the WordLlama files). Takes about 5 minutes after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${TMPDIR:-/tmp}/fitted-try-vectors
mkdir -p "$work"
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  [ -x "$work/venv/bin/python" ] || { python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q numpy safetensors tokenizers; }
  if [ ! -d "$work/wordllama/wordllama" ]; then
    "$work/venv/bin/pip" download -q wordllama==0.4.0.post1 --no-deps -d "$work/wheel"
    python3 -m zipfile -e "$work"/wheel/wordllama-*.whl "$work/wordllama"
  fi
  make() { "$work/venv/bin/python" scripts/data/make_wordllama_vectors.py "$work/wordllama/wordllama" "$work/$1.bin" "${@:2}" >/dev/null; files+=("$work/$1.bin"); }
  make wordllama64 64
  make wordllama128c 128 --center
  make wordllama256c 256 --center
  make bundled+wordllama64 64 --with-bundled
  make bundled+wordllama128c 128 --center --with-bundled
fi
cargo build -q --release -p fitted-cli
cargo build -q --release -p fitted-core --example semvec_calibrate
report() { # label, then env assignments
  local label=$1; shift
  local in cv
  in=$(env "$@" ./target/release/fitted eval tests/fixtures 2>/dev/null | tail -1)
  cv=$(env "$@" ./target/release/fitted eval tests/fixtures --cv 2>/dev/null | tail -1)
  python3 - "$label" "$in" "$cv" <<'PY'
import json, sys
label, a, c = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
caps = c["groups"]["per-role caps"]["cv"]
print(f"{label:28} nDCG {a['ndcg10']:.3f}  F1 {a['selection_f1']:.3f}  coverage {a['must_coverage']:.3f}  "
      f"redundant {a['redundant_pairs']}  fit {a['fit_spearman']:.2f} | CV: caps F1 {caps['selection_f1']:.3f}  "
      f"coverage {caps['must_coverage']:.3f}  fit {c['fit_weights']['cv_fit_spearman']:.3f}")
PY
}
report "bundled (32-d MiniLM)" FITTED_UNUSED=1
for f in "${files[@]}"; do
  cal=$(./target/release/examples/semvec_calibrate "$f")
  report "$(basename "$f" .bin) [$cal]" FITTED_SEMVEC="$f" FITTED_SEMVEC_CAL="$cal"
done
