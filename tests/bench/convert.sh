#!/bin/sh
# convert.sh BUILD: converter throughput, memory and personography cost, against pandoc on the
# same text. Inputs: the 6.4 MB FRUS file and a 10 MB transcript assembled from the corpus
# transcripts. Targets: >= 25 MB/s, >= 30x pandoc (-f markdown -t tei), peak memory < 10x
# the input, a 10,000-name personography costs < 2x. Needs $TK_SHARED (default ../shared).
# TK_BENCH_PANDOC_MB=N times pandoc on the first N MB only and scales (default 1, `all` for
# the whole file: pandoc takes minutes on it; it is slower than linear, so the scaled time
# flatters pandoc).
BUILD=${1:-build}
TEIKIT=$BUILD/teikit
SHARED=${TK_SHARED:-../shared}
C=$SHARED/corpus
if [ ! -d "$C" ]; then echo "SKIPPED: no $C"; exit 0; fi
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench.XXXXXX"); trap 'rm -rf "$T"' EXIT

now() { date +%s.%N; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
size() { wc -c < "$1" | tr -d ' '; }
# best_of N CMD...: the shortest wall time of N runs (seconds)
best_of() {
  n=$1; shift; best=""
  for i in $(seq "$n"); do
    s=$(now); "$@" >/dev/null 2>&1; e=$(now)
    t=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }')
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { if (a == "" || b < a) print b; else print a }')
  done
  echo "$best"
}
# cpu_peak CMD...: "CPU-seconds peak-KB" of one run (user + system time: the wall time on a
# machine shared with other jobs says little)
cpu_peak() { /usr/bin/time -f "%U %S %M" "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.3f %d", $1 + $2, $3 }'; }

# the 10 MB transcript: the corpus transcripts (LF line ends) repeated
: > "$T/transcript.txt"
while [ "$(size "$T/transcript.txt")" -lt 10485760 ]; do
  for f in "$C"/transcript_*.txt; do tr -d '\r' < "$f" >> "$T/transcript.txt"; echo >> "$T/transcript.txt"; done
done
cp "$C/large_frus_six_volumes_plaintext.txt" "$T/frus.txt"

bench() {
  label=$1; in=$2; shift 2
  bytes=$(size "$in")
  t=$(best_of 3 "$TEIKIT" convert "$@" "$in" -o "$T/out.xml")
  set -- $(cpu_peak "$TEIKIT" convert "$@" "$in" -o "$T/out.xml")
  cpu=$1; kb=$2
  rate=$(awk -v b="$bytes" -v t="$t" 'BEGIN { printf "%.1f", b / 1048576 / t }')
  crate=$(awk -v b="$bytes" -v t="$cpu" 'BEGIN { printf "%.1f", b / 1048576 / t }')
  mem=$(awk -v k="$kb" -v b="$bytes" 'BEGIN { printf "%.1f", k * 1024 / b }')
  pd=""
  if command -v pandoc >/dev/null 2>&1 && [ -z "${TK_BENCH_NO_PANDOC:-}" ]; then
    pin=$in; scale=1
    if [ "${TK_BENCH_PANDOC_MB:-1}" != all ]; then
      head -c $((${TK_BENCH_PANDOC_MB:-1} * 1048576)) "$in" > "$T/pandoc_in.txt"; pin=$T/pandoc_in.txt
      scale=$(awk -v a="$bytes" -v b="$(size "$pin")" 'BEGIN { print a / b }')
    fi
    pt=$(best_of 1 pandoc -f markdown -t tei "$pin" -o "$T/pandoc.xml")
    pt=$(awk -v p="$pt" -v s="$scale" 'BEGIN { printf "%.2f", p * s }')
    ratio=$(awk -v p="$pt" -v t="$t" 'BEGIN { printf "%.0f", p / t }')
    pd="; pandoc $pt s (timed on ${TK_BENCH_PANDOC_MB:-1} MB, scaled); ratio ${ratio}x"
  fi
  echo "convert $(mb "$bytes") MB $label: $t s = $rate MB/s (CPU $cpu s = $crate MB/s)$pd; peak $(mb $((kb * 1024))) MB = ${mem}x input"
}

bench "FRUS (record, 2,208 documents)" "$T/frus.txt"
bench "transcript (corpus transcripts)" "$T/transcript.txt"

# linearity: the first MB of the transcript (whole lines) against ten copies of it (the same
# text, so only the size differs)
head -c 1048576 "$T/transcript.txt" | sed '$d' >"$T/transcript1.txt"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$T/transcript1.txt"; echo; done >"$T/transcript10.txt"
t1=$(best_of 3 "$TEIKIT" convert "$T/transcript1.txt" -o "$T/out.xml")
t10=$(best_of 3 "$TEIKIT" convert "$T/transcript10.txt" -o "$T/out.xml")
s1=$(size "$T/transcript1.txt"); s10=$(size "$T/transcript10.txt")
echo "linearity: $(mb "$s1") MB in $t1 s, $(mb "$s10") MB in $t10 s: $(awk -v a="$t10" -v b="$t1" 'BEGIN { printf "%.1f", a / b }')x the time for $(awk -v a="$s10" -v b="$s1" 'BEGIN { printf "%.1f", a / b }')x the text"

# a personography of 10,000 names (first x last name combinations) on the transcript
awk 'BEGIN {
  print "<listPerson xmlns=\"http://www.tei-c.org/ns/1.0\">"
  split("Anna Boris Chen Dmitri Elena Farid Greta Hiro Ivan Jamal Kofi Lena Mao Nadia Omar Pavel Qing Rosa Sergei Tanya", f, " ")
  for (i = 0; i < 10000; i++) {
    printf "<person xml:id=\"p%d\"><persName>%s Surname%d</persName><persName>Surname%d</persName></person>\n", i, f[i % 20 + 1], i, i
  }
  print "<person xml:id=\"houston\"><persName>Houston</persName></person></listPerson>"
}' > "$T/persons.xml"
t0=$(best_of 3 "$TEIKIT" convert "$T/transcript.txt" -o "$T/out.xml")
t1=$(best_of 3 "$TEIKIT" convert --persons "$T/persons.xml" "$T/transcript.txt" -o "$T/out.xml")
echo "personography of 10,000 persons (20,001 names) on the 10 MB transcript: $t1 s vs $t0 s without; cost $(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.2f", a / b }')x"
