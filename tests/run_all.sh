#!/bin/sh
# run_all.sh BUILD: runs the CUnit suites, then every tests/t_*.sh, and prints one total line.
BUILD=${1:-build}
export TK_BUILD=$BUILD
passed=0; failed=0; skipped=0
if [ -n "${TK_VALGRIND:-}" ]; then
  runner="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $BUILD/tests/unit_runner"
else
  runner=$BUILD/tests/unit_runner
fi
out=$(mktemp); trap 'rm -f "$out"' EXIT
echo "== unit tests (CUnit)"
$runner >"$out" 2>&1; rc=$?
cat "$out"
# CUnit prints "  tests  N  N  N  F  n/a" in its run summary: count tests.
t=$(awk '$1=="tests"{print $3; exit}' "$out"); tf=$(awk '$1=="tests"{print $5; exit}' "$out")
a=$(awk '$1=="asserts"{print $5; exit}' "$out")
t=${t:-0}; tf=${tf:-0}; a=${a:-0}
if [ "$rc" -ne 0 ] && [ "$tf" -eq 0 ]; then tf=1; fi
passed=$((passed + t - tf)); failed=$((failed + tf))
for script in tests/t_*.sh; do
  [ -f "$script" ] || continue
  echo "== $script"
  sh "$script" >"$out" 2>&1; rc=$?
  cat "$out"
  line=$(grep -E '^[^ ]*: [0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
  p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p'); p=${p:-0}
  f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); f=${f:-0}
  s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p'); s=${s:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL: $script exited $rc"; fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
echo
if [ "$skipped" -gt 0 ]; then echo "total: $passed passed, $failed failed, $skipped skipped"
else echo "total: $passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
