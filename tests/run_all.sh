#!/bin/sh
# run_all.sh BUILD [fast|corpus]: `make check` (fast: the CUnit suites and the shell tests on
# made-up inputs, in seconds) or `make check-corpus` (the slow suite: every part of the shell
# tests that reads ../shared, each corpus file, tei_all as a second opinion, and the slow
# checks that need no ../shared: browser, fuzz smoke). A script marked `# suite: corpus` runs
# only in the second; one that calls have_shared or slow_part in both (those parts only in the
# second, see tests/lib.sh); any other only in the first. Every tests/t_*.sh is picked up.
#
# The parts run TK_JOBS at a time (default: the number of processors). Each part's output is
# captured and printed whole, in the order of the file names, as soon as it and the parts
# before it are done; the counts are summed into one total line, after one line of CPU time
# (the budget of `make check`: docs/HACKING.md). The longest parts of the last run start first
# ($BUILD/tests/times.SUITE: wall and CPU milliseconds, and the name, of each part).
BUILD=${1:-build}
SUITE=${2:-fast}
export TK_BUILD=$BUILD TK_SUITE=$SUITE
SHARED=${TK_SHARED:-../shared}
JOBS=${TK_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
case $JOBS in ''|*[!0-9]*|0) JOBS=2 ;; esac
if [ "$SUITE" = corpus ] && [ ! -d "$SHARED/corpus" ]; then
  echo "SKIPPED: $SHARED is absent (the corpus, reference TEI and tei_all.rng shared beside the checkout);"
  echo "         put it there or name it with TK_SHARED=DIR: the tests over it are skipped"
  export TK_SHARED_SAID=1
fi
if [ -n "${TK_VALGRIND:-}" ]; then
  runner="env TK_VALGRIND_CPU=${TK_VALGRIND_CPU:-900} sh tests/valgrind.sh $BUILD/tests/unit_runner"
else
  runner=$BUILD/tests/unit_runner
fi
D=$(mktemp -d "${TMPDIR:-/tmp}/tk-run.XXXXXX")
trap 'rm -rf "$D"' EXIT
trap 'exit 130' INT TERM

# ---- the parts: "unit" (fast only) and every script of this suite, in display order ---------
: >"$D/parts"
[ "$SUITE" = fast ] && echo unit >>"$D/parts"
for script in tests/t_*.sh; do
  [ -f "$script" ] || continue
  suite=$(sed -n 's/^# suite: *\([a-z]*\).*/\1/p' "$script" | head -n 1)
  [ -n "$suite" ] || { grep -qE 'have_shared|slow_part' "$script" && suite=both || suite=fast; }
  case "$SUITE:$suite" in fast:corpus|corpus:fast) continue ;; esac
  echo "$script" >>"$D/parts"
done
n=$(wc -l <"$D/parts")

# start order: the longest of the last run first, parts it did not time before them all
times=$BUILD/tests/times.$SUITE
awk -v T="$times" 'BEGIN { while ((getline l < T) > 0) { split(l, a, " "); ms[a[3]] = a[1] } }
  { print (($0 in ms) ? ms[$0] : 999999999), NR }' "$D/parts" 2>/dev/null |
  sort -k1,1nr -k2,2n | awk '{ print $2 }' >"$D/order"

# run_part I (in a subshell of its own): part I's output into $D/I.out, its exit status into
# $D/I.rc, then its wall and CPU times in ms (CPU: user+sys of the subshell's children, from
# the shell's `times`, second line "XmY.Zs XmY.Zs") and its name into $D/I.ms
run_part() {
  part=$(sed -n "$1p" "$D/parts")
  t0=$(date +%s%N)
  if [ "$part" = unit ]; then $runner >"$D/$1.out" 2>&1; else sh "$part" >"$D/$1.out" 2>&1; fi
  echo $? >"$D/$1.rc"
  t1=$(date +%s%N)
  times >"$D/$1.t"
  cpu=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); n += a[1] * 60 + a[2] }
                       printf "%d", n * 1000 }' "$D/$1.t")
  echo "$(((t1 - t0) / 1000000)) ${cpu:-0} $part" >"$D/$1.ms"
}

# a job server: JOBS tokens in one pipe; a finished part hands its token back and names itself
# on a second pipe, which the printer below reads
mkfifo "$D/tokens" "$D/done"
exec 3<>"$D/tokens" 4<>"$D/done"
i=0; while [ "$i" -lt "$JOBS" ]; do echo >&3; i=$((i + 1)); done
(
  while read -r id; do
    read -r _ <&3
    ( run_part "$id"; echo >&3; echo "$id" >&4 ) &
  done <"$D/order"
  wait
) &

# ---- print each part in display order as soon as it and those before it are done -----------
passed=0; failed=0; skipped=0
next=1
while [ "$next" -le "$n" ]; do
  while [ ! -f "$D/$next.rc" ] || [ ! -f "$D/$next.ms" ]; do read -r _ <&4; done
  part=$(sed -n "${next}p" "$D/parts"); rc=$(cat "$D/$next.rc"); out=$D/$next.out
  if [ "$part" = unit ]; then
    echo "== unit tests (CUnit)"
    cat "$out"
    # CUnit prints "  tests  N  N  N  F  n/a" in its run summary: count tests; the runner
    # adds "unit: N skipped" for tests not registered for want of ../shared.
    p=$(awk '$1=="tests"{print $3; exit}' "$out"); f=$(awk '$1=="tests"{print $5; exit}' "$out")
    s=$(sed -n 's/^unit: \([0-9]*\) skipped$/\1/p' "$out")
    p=${p:-0}; f=${f:-0}; s=${s:-0}; p=$((p - f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL: the unit runner exited $rc"; fi
  else
    echo "== $part"
    cat "$out"
    line=$(grep -E '^[^ ]*: [0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
    p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p'); p=${p:-0}
    f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); f=${f:-0}
    s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p'); s=${s:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL: $part exited $rc"; fi
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  next=$((next + 1))
done
wait
cat "$D"/*.ms >"$times.tmp" 2>/dev/null && mv "$times.tmp" "$times"
echo
sort -k2,2nr "$times" | awk -v J="$JOBS" '{ cpu += $2; n++; if (n <= 3) most = most sprintf("%s%s %.1f s", n > 1 ? ", " : "", $3, $2 / 1000) }
  END { printf "time: %.1f s of CPU in %d parts, %d at a time; the most: %s\n", cpu / 1000, n, J, most }'
[ "$SUITE" = fast ] && echo "(the tests over ../shared, each corpus file and tei_all, and the slow ones: make check-corpus)"
if [ "$skipped" -gt 0 ]; then echo "total: $passed passed, $failed failed, $skipped skipped"
else echo "total: $passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
