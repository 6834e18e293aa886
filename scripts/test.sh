#!/usr/bin/env bash
# Runs every test of golife: the lit suites (analyzer, clang-tidy, tool,
# format) and ctest (the runtime's GoogleTests and the corpus runs). Sets up
# and builds first, so it works on a fresh machine. Prints both summaries and
# a last line "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GOLIFE_BUILD_DIR:-$ROOT/build}"
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py

"$ROOT/scripts/setup.sh" --no-demo || { echo "0 passed, 1 failed"; exit 1; }

lit_log="$(mktemp)"
ctest_log="$(mktemp)"
trap 'rm -f "$lit_log" "$ctest_log"' EXIT

echo "== lit"
python3 "$LIT" -sv "$BUILD/test" 2>&1 | tee "$lit_log"
lit_status=${PIPESTATUS[0]}

echo "== ctest"
ctest --test-dir "$BUILD" --output-on-failure -j 2 2>&1 | tee "$ctest_log"
ctest_status=${PIPESTATUS[0]}

count() { grep -Eo "$1" "$2" | grep -Eo '[0-9]+' | head -1 || true; }
lit_passed=$(count '^ *Passed *: *[0-9]+' "$lit_log")
lit_failed=$(( $(count '^ *Failed *: *[0-9]+' "$lit_log" || echo 0) + 0 ))
ctest_failed=$(count '[0-9]+ tests failed out of' "$ctest_log")
ctest_total=$(grep -Eo 'out of [0-9]+' "$ctest_log" | grep -Eo '[0-9]+' | tail -1)

passed=$(( ${lit_passed:-0} + ${ctest_total:-0} - ${ctest_failed:-0} ))
failed=$(( ${lit_failed:-0} + ${ctest_failed:-0} ))
# A suite that failed without a summary (a crash, nothing discovered) counts.
if (( lit_status != 0 && ${lit_failed:-0} == 0 )); then failed=$((failed + 1)); fi
if (( ctest_status != 0 && ${ctest_failed:-0} == 0 )); then failed=$((failed + 1)); fi
if [[ -z "${lit_passed:-}" ]]; then failed=$((failed + 1)); fi
if [[ -z "${ctest_total:-}" ]]; then failed=$((failed + 1)); fi

echo "$passed passed, $failed failed"
(( failed == 0 ))
