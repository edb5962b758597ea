#!/usr/bin/env bash
# Looks for new failing inputs with long randomised property-test runs. Not part of the
# gate: `scripts/test.sh` replays the committed regression files and a fixed-seed sample,
# so it gives the same answer for the same commit; this script draws fresh random cases.
#
#   bash scripts/discover.sh                 # 20 000 cases per property (typesetting: 2 000,
#                                            # pasted-text fuzzing: 100 000)
#   CASES=100000 TYPESET_CASES=20000 FUZZ_CASES=500000 bash scripts/discover.sh
#   PROPTEST_RNG_SEED=1234 bash scripts/discover.sh   # replay one discovery run
#
# Every failure proptest finds is shrunk and appended to the test's
# `*.proptest-regressions` file next to it; the script ends by listing those new lines.
# Commit them (with the fix) and the gate runs them from then on.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
export FITTED_PROPTEST_DISCOVER=1
CASES=${CASES:-20000}
TYPESET_CASES=${TYPESET_CASES:-2000}
FUZZ_CASES=${FUZZ_CASES:-100000}

failed=()
run() { # label, cases, cargo test arguments…
  local label=$1 cases=$2; shift 2
  printf '\n======== %s: %s random cases per property ========\n' "$label" "$cases"
  if ! PROPTEST_CASES=$cases cargo test --release "$@" 2>&1 | tee "/tmp/fitted-discover-$label.log" | grep -E '^(test |thread|Test failed|minimal failing input|proptest:)'; then :; fi
  if grep -q 'test result: FAILED\|error: test failed' "/tmp/fitted-discover-$label.log"; then failed+=("$label"); fi
}

run import   "$CASES" -p fitted-core --test import_props
run rubric   "$CASES" -p fitted-core --test rubric_props
run pipeline "$CASES" -p fitted-core --test pipeline_props
run fuzz     "$FUZZ_CASES" -p fitted-core --test fuzz_pasted
run check    "$CASES" -p fitted-core --test fabrication_check -- properties
run typeset  "$TYPESET_CASES" -p fitted-typeset --test typeset -- literal_text:: long_tokens::properties

printf '\n======== findings ========\n'
new=$(git diff --no-color -U0 -- '*.proptest-regressions' | grep -E '^\+cc ' || true)
untracked=$(git ls-files --others --exclude-standard -- '*.proptest-regressions')
if [ ${#failed[@]} -eq 0 ] && [ -z "$new" ] && [ -z "$untracked" ]; then
  echo "no failures found"
  exit 0
fi
[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]} (full output in /tmp/fitted-discover-<name>.log)"
[ -n "$new" ] && { echo "new regression cases:"; echo "$new"; }
[ -n "$untracked" ] && { echo "new regression files:"; echo "$untracked"; }
echo "Fix each, keep the regression lines, and commit them: the gate replays them."
exit 1
