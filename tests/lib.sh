# lib.sh: helpers for the shell test scripts (tests/t_*.sh). Source it; each script ends with
# `tk_done`, which prints "N passed, N failed[, N skipped]" and exits 1 when something failed.
TK_PASS=0; TK_FAIL=0; TK_SKIP=0
TK_BUILD=${TK_BUILD:-build}
TEIKIT=${TEIKIT:-$TK_BUILD/teikit}
SHARED=${TK_SHARED:-../shared}
TK_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tk-test.XXXXXX")
trap 'rm -rf "$TK_TMP"' EXIT
if [ -n "${TK_VALGRIND:-}" ]; then
  TEIKIT="sh tests/valgrind.sh $TEIKIT" # with CPU and time limits
fi

ok()   { TK_PASS=$((TK_PASS+1)); }
fail() { TK_FAIL=$((TK_FAIL+1)); echo "FAIL: $*"; }
skip() {
  left=$TK_LEFT; TK_LEFT=0
  [ "$left" = 1 ] && return 0  # a corpus part, left to check-corpus
  TK_SKIP=$((TK_SKIP+1))
  [ "$left" = 2 ] || echo "SKIPPED: $*"
}
# check NAME COMMAND...: passes when the command exits 0.
check() { name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
# has NAME FILE ERE / hasnt NAME FILE ERE: passes when FILE has (has no) a match of the
# extended regular expression. count NAME FILE ERE N: passes when it matches exactly N times
# (occurrences, not lines). A script may define its own (its definition replaces these).
has() { if grep -qE -- "$3" "$2"; then ok; else fail "$1: /$3/ not in $(basename "$2")"; fi; }
hasnt() { if grep -qE -- "$3" "$2"; then fail "$1: /$3/ in $(basename "$2")"; else ok; fi; }
count() {
  n=$(grep -oE -- "$3" "$2" | wc -l)
  if [ "$n" -eq "$4" ]; then ok; else fail "$1: $n times /$3/, wanted $4"; fi
}
# expect_status NAME STATUS COMMAND...: passes when the command exits with STATUS.
expect_status() {
  name=$1; want=$2; shift 2
  "$@" >"$TK_TMP/out" 2>"$TK_TMP/err"; got=$?
  if [ "$got" -eq "$want" ]; then ok; else fail "$name: exit $got, wanted $want"; sed 's/^/  | /' "$TK_TMP/err" | head -5; fi
}
# have_shared: whether the parts of a script over ../shared (the corpus and the reference
# TEI and schemas, a directory beside the checkout; TK_SHARED=DIR names another) run. They
# run in `make check-corpus` (TK_SUITE=corpus); in `make check` (TK_SUITE=fast) they are left
# to it and the skip() that follows says nothing.
# When ../shared is absent, tests/run_all.sh says so once (TK_SHARED_SAID): each skip() after
# a failed have_shared is then counted without a line of its own.
TK_SUITE=${TK_SUITE:-fast}
TK_LEFT=0
have_shared() {
  if [ "$TK_SUITE" = fast ]; then TK_LEFT=1; return 1; fi
  [ -d "$SHARED/corpus" ] && return 0
  [ -n "${TK_SHARED_SAID:-}" ] && TK_LEFT=2
  return 1
}
# slow_part: whether a script's slow parts run (seconds of CPU or hundreds of MB for one check,
# such as a document of 40 MB: not what a quick change needs): in `make check-corpus`; in
# `make check` they are left to it, as have_shared's are, and the skip() that follows says
# nothing. Use: if slow_part; then ...; else skip "what is left"; fi
slow_part() {
  if [ "$TK_SUITE" = fast ]; then TK_LEFT=1; return 1; fi
  return 0
}
tk_done() {
  if [ "$TK_SKIP" -gt 0 ]; then echo "$(basename "$0"): $TK_PASS passed, $TK_FAIL failed, $TK_SKIP skipped"
  else echo "$(basename "$0"): $TK_PASS passed, $TK_FAIL failed"; fi
  [ "$TK_FAIL" -eq 0 ]
}
# tk_python: the path of python3's interpreter itself, asked once (a version manager's shim on
# PATH, such as pyenv's, costs more CPU at each start than a script's check); empty without
# python3. Use: PY=$(tk_python); [ -n "$PY" ] || skip "..."; "$PY" -S script.py ... (-S: no
# site-packages, whose start-up can cost ten times a standard-library-only check).
tk_python() {
  p=$(python3 -S -c 'import sys; print(sys.executable)' 2>/dev/null)
  if [ -n "$p" ] && [ -x "$p" ]; then echo "$p"; fi
}
