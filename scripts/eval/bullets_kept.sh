#!/usr/bin/env bash
# Chosen bullets that the one-page PDFs keep, over every labelled fixture pair × template
# (`fitted tailor`, the app's path, as of 2026-12): what a layout change costs on the page.
#   cargo build -p fitted-cli && bash scripts/eval/bullets_kept.sh [path/to/fitted]
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${1:-target/debug/fitted}
out=$(mktemp -d)
declare -A kept
over=0
for label in tests/fixtures/labels/*.json; do
  pair=$(basename "$label" .json); resume=${pair%%__*}; job=${pair##*__}
  for t in classic modern compact; do
    plan=$("$B" tailor "tests/fixtures/resumes/$resume.json" "tests/fixtures/jobs/$job.txt" \
      --template "$t" --as-of 2026-12 --out "$out/p.pdf" 2>"$out/err")
    n=$(echo "$plan" | python3 -c "import json,sys;print(len(json.load(sys.stdin)['selected']['workExperience']))")
    kept[$t]=$(( ${kept[$t]:-0} + n ))
    grep -q " 1 page(s)" "$out/err" || over=$((over + 1))
  done
done
echo "bullets kept: classic ${kept[classic]}, modern ${kept[modern]}, compact ${kept[compact]}," \
  "total $(( ${kept[classic]} + ${kept[modern]} + ${kept[compact]} )); PDFs over one page: $over"
