#!/bin/sh
# validate_threads.sh BUILD [N]: how much faster -j 2 is than -j 1 on 2 idle cores, measured
# on a loaded machine. The wall clock says nothing there (other jobs take the cores), so each
# run is recorded with `perf sched` and each thread's own CPU time is read back: the
# critical path on 2 idle cores is the main thread's CPU before the other threads start and
# after they end, plus the larger of (the longest thread) and (the threads' work / 2). Best
# of N runs each (default 7), on the reference documents jing reads (31, no DOCTYPE) against
# tei_all. Needs perf (root, or perf_event_paranoid <= 1) and $TK_SHARED.
BUILD=${1:-build}
N=${2:-7}
TEIKIT=$BUILD/teikit
SHARED=${TK_SHARED:-../shared}
TEI_ALL=$SHARED/reference/schemas/tei_all.rng
[ -f "$TEI_ALL" ] || { echo "SKIPPED: $TEI_ALL absent"; exit 0; }
command -v perf >/dev/null 2>&1 || { echo "SKIPPED: perf is not installed"; exit 0; }
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench-threads.XXXXXX"); trap 'rm -rf "$T"' EXIT
perf sched record -q -o "$T/probe" true >/dev/null 2>&1 || { echo "SKIPPED: perf sched cannot record here"; exit 0; }
SET=$(grep -L '<!DOCTYPE' "$SHARED"/reference/tei/*.xml "$SHARED"/reference/tei-wild/*.xml)

# path J: one run; prints "CRITICAL-PATH TOTAL-CPU MAIN THREADS..." (seconds)
path() {
  perf sched record -q -o "$T/data" sh -c 'echo $$ > "$0"; exec "$@"' "$T/pid" \
    "$TEIKIT" validate -q --grammar-only --schema "$TEI_ALL" -j "$1" $SET >/dev/null 2>&1
  perf sched timehist -i "$T/data" 2>/dev/null | awk -v pid="$(cat "$T/pid")" '
    NR > 3 && $3 ~ /^teikit\[/ {
      t = $3; sub(/^teikit\[/, "", t); sub(/\]$/, "", t)
      n = split(t, a, "/"); tid = a[1]; p = n == 2 ? a[2] : a[1]
      if (p != pid) next
      end = $1; run = $6 / 1000; start = end - run
      if (tid == pid) main[++m] = start " " end " " run
      else { cpu[tid] += run; if (!(tid in first) || start < first[tid]) first[tid] = start; last[tid] = end }
    }
    END {
      lo = ""; hi = ""
      for (w in cpu) { if (lo == "" || first[w] < lo) lo = first[w]; if (hi == "" || last[w] > hi) hi = last[w] }
      pre = during = post = tot = 0
      for (i = 1; i <= m; i++) { split(main[i], x, " "); tot += x[3]
        if (lo == "" || x[2] <= lo) pre += x[3]; else if (x[1] >= hi) post += x[3]; else during += x[3] }
      mx = sum = 0; s = ""
      for (w in cpu) { sum += cpu[w]; if (cpu[w] > mx) mx = cpu[w]; s = s sprintf(" %.3f", cpu[w]) }
      half = (sum + during) / 2
      printf "%.3f %.3f %.3f%s\n", pre + (mx > half ? mx : half) + post, tot + sum, tot, s }'
}
best() { i=0; while [ $i -lt $N ]; do path "$1"; i=$((i+1)); done | sort -n | head -1; }
b1=$(best 1); b2=$(best 2)
echo "$(echo $SET | wc -w) documents against tei_all, best of $N, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$b1" | awk '{ printf "   -j 1: %.3f s of CPU (one thread)\n", $1 }'
echo "$b2" | awk '{ s = ""; for (i = 4; i <= NF; i++) s = s " " $i
  printf "   -j 2: critical path %.3f s on 2 idle cores (CPU %.3f s: main %.3f s, other threads%s)\n", $1, $2, $3, s }'
awk -v a="$(echo "$b1" | cut -d' ' -f1)" -v b="$(echo "$b2" | cut -d' ' -f1)" \
  'BEGIN { printf "   -j 2 is %.2fx faster than -j 1 on 2 idle cores (target 1.7x)\n", a / b }'
