#!/bin/sh
# brackets.sh BUILD: messages cost linear time. One line of unbalanced '[' (a warning each,
# 50 shown, the rest summed up in one line) at 1 MB and at 10 MB: the CPU time per MB must
# stay about the same (it grew with the line: 200,000 brackets took 80 s when each message's
# column was counted from the start of its line). A benchmark, not a timed test.
BUILD=${1:-build}
TEIKIT=$BUILD/teikit
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench.XXXXXX"); trap 'rm -rf "$T"' EXIT
# line MB: a title, then one line of MB megabytes of "a [" (about 350,000 brackets a MB)
line() { { printf 'Brackets\n\n'; yes 'a [' | tr -d '\n' | head -c $(($1 * 1048576)); echo; } > "$T/$1.txt"; }
for mb in 1 10; do
  line $mb
  /usr/bin/time -o "$T/time" -f "%U %S" "$TEIKIT" convert -o "$T/$mb.xml" "$T/$mb.txt" 2>"$T/err"
  s=$(awk '{ printf "%.2f", $1 + $2 }' "$T/time")
  n=$(tail -1 "$T/err")
  echo "one line of $(wc -c < "$T/$mb.txt" | tr -d ' ') bytes: ${s} s CPU; last message: $n"
  eval "t$mb=$s"
done
awk -v a="$t1" -v b="$t10" 'BEGIN { r = a > 0 ? b / a : 0; printf "10 MB / 1 MB CPU time: %.1f (linear: about 10; %s)\n", r, (r < 15 ? "ok" : "SLOWER THAN LINEAR") ; exit !(r < 15) }'
