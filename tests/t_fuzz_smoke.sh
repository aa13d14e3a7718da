#!/bin/sh
# t_fuzz_smoke.sh: every libFuzzer harness of tests/fuzz (inline, convert, validate, render)
# runs once over its seeds from the repository (FUZZ_SMOKE=1 tests/fuzz/run.sh): no crash,
# leak or undefined behaviour under ASan/UBSan, and each oracle holds on the seeds (convert
# output valid against teikit.rng; text and JSON messages agree; pruned and whole verdicts
# agree; no script in rendered HTML). Needs clang with its fuzzer runtime: SKIPPED without.
# The sanitized library objects are kept in $TK_BUILD/fuzz/obj (the first run compiles them).
# suite: corpus (slow: a sanitized library and four fuzzer links; run by make check-corpus)
. tests/lib.sh

if ! command -v "${CLANG:-clang}" >/dev/null 2>&1; then
  skip "no clang (apt-get install clang): the fuzz harnesses are not built"
  tk_done; exit $?
fi
FUZZ_SMOKE=1 FUZZ_OUT="$TK_BUILD/fuzz" sh tests/fuzz/run.sh >"$TK_TMP/smoke.out" 2>&1; rc=$?
if grep -q '^SKIPPED' "$TK_TMP/smoke.out"; then
  skip "$(sed -n 's/^SKIPPED: //p' "$TK_TMP/smoke.out" | head -n 1)"
  tk_done; exit $?
fi
if [ "$rc" -eq 0 ]; then ok; else fail "tests/fuzz/run.sh exited $rc"; tail -30 "$TK_TMP/smoke.out"; fi
for t in inline convert validate render; do
  if grep -q "^fuzz $t: [0-9]* seeds ok" "$TK_TMP/smoke.out"; then ok
  else fail "harness $t did not pass its seeds"; grep "^fuzz $t" "$TK_TMP/smoke.out"; fi
done
tk_done
