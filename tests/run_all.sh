#!/bin/sh
# run_all.sh BUILD [fast|corpus]: `make check` (fast: the CUnit suites and the shell tests on
# made-up inputs, in seconds) or `make check-corpus` (every part of the shell tests that reads
# ../shared: each corpus file, tei_all as a second opinion). A script marked `# suite:
# corpus` runs only in the second; one that calls have_shared in both (its ../shared parts
# only in the second, see tests/lib.sh); any other only in the first. Prints one total line.
BUILD=${1:-build}
SUITE=${2:-fast}
export TK_BUILD=$BUILD TK_SUITE=$SUITE
SHARED=${TK_SHARED:-../shared}
if [ "$SUITE" = corpus ] && [ ! -d "$SHARED/corpus" ]; then
  echo "SKIPPED: $SHARED is absent (the corpus, reference TEI and tei_all.rng shared beside the checkout);"
  echo "         put it there or name it with TK_SHARED=DIR: the tests over it are skipped"
  export TK_SHARED_SAID=1
fi
passed=0; failed=0; skipped=0
if [ -n "${TK_VALGRIND:-}" ]; then
  runner="env TK_VALGRIND_CPU=${TK_VALGRIND_CPU:-900} sh tests/valgrind.sh $BUILD/tests/unit_runner"
else
  runner=$BUILD/tests/unit_runner
fi
out=$(mktemp); trap 'rm -f "$out"' EXIT
if [ "$SUITE" = fast ]; then
  echo "== unit tests (CUnit)"
  $runner >"$out" 2>&1; rc=$?
  cat "$out"
  # CUnit prints "  tests  N  N  N  F  n/a" in its run summary: count tests; the runner adds
  # "unit: N skipped" for tests not registered for want of ../shared.
  t=$(awk '$1=="tests"{print $3; exit}' "$out"); tf=$(awk '$1=="tests"{print $5; exit}' "$out")
  us=$(sed -n 's/^unit: \([0-9]*\) skipped$/\1/p' "$out")
  t=${t:-0}; tf=${tf:-0}; us=${us:-0}
  if [ "$rc" -ne 0 ] && [ "$tf" -eq 0 ]; then tf=1; fi
  passed=$((passed + t - tf)); failed=$((failed + tf)); skipped=$((skipped + us))
fi
for script in tests/t_*.sh; do
  [ -f "$script" ] || continue
  suite=$(sed -n 's/^# suite: *\([a-z]*\).*/\1/p' "$script" | head -n 1)
  [ -n "$suite" ] || { grep -q have_shared "$script" && suite=both || suite=fast; }
  case "$SUITE:$suite" in fast:corpus|corpus:fast) continue ;; esac
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
[ "$SUITE" = fast ] && echo "(the tests over ../shared, each corpus file and tei_all: make check-corpus)"
if [ "$skipped" -gt 0 ]; then echo "total: $passed passed, $failed failed, $skipped skipped"
else echo "total: $passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
