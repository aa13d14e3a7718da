#!/bin/sh
# render.sh BUILD: speed of 'teikit render'. (1) Linearity: HTML and text of a 10 MB TEI
# document against a 1 MB one (made by repeating the converted seed memorandum, with its
# persons, notes and expansions, in divs); the ratio should stay under 12. (2) 1,000 small
# documents in one call against xsltproc run once per file with the same stylesheet.
# Prints human-readable lines; each time is the best of 3 runs. Ratios use CPU time (user +
# system): the machine is shared, and other people's load inflates wall time, not CPU time.
# CPU time is read with getrusage through python3 when it is installed (microseconds), else
# with GNU time (hundredths of a second).
BUILD=${1:-build}
TEIKIT=$BUILD/teikit
export TEIKIT_DATADIR=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench-render.XXXXXX")
trap 'rm -rf "$T"' EXIT

now() { date +%s%N; }
PY=$(command -v python3 || true)
# best COMMAND...: prints "WALL CPU", the best of 3 runs each, in seconds
best() {
  bw=0; bc=0
  for i in 1 2 3; do
    s=$(now)
    if [ -n "$PY" ]; then
      # getrusage of the child in microseconds (GNU time prints hundredths: at 0.15 s a
      # tick is 7 %, which alone moves the 10 MB / 1 MB ratio by a whole unit)
      r=$("$PY" -c 'import os, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, st, ru = os.wait4(p.pid, 0)
t = time.monotonic() - t
print("%.0f %.0f" % ((ru.ru_utime + ru.ru_stime) * 1e9, t * 1e9) if st == 0 else "fail 0")' "$@")
      c=${r% *}; pw=${r#* }
      [ "$c" = fail ] && { echo "render bench: failed: $*" >&2; c=0; }
    elif [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%U %S' -o "$T/cpu" "$@" >/dev/null 2>"$T/err" ||
        { echo "render bench: failed: $*" >&2; head -3 "$T/err" >&2; }
      c=$(awk '{ printf "%.0f", ($1 + $2) * 1e9 }' "$T/cpu")
    else
      "$@" >/dev/null 2>"$T/err"; c=0
    fi
    e=$(now); d=$((e - s))
    [ -n "$PY" ] && d=$pw # (without python's own start)
    if [ "$bw" -eq 0 ] || [ "$d" -lt "$bw" ]; then bw=$d; fi
    if [ "$bc" -eq 0 ] || [ "$c" -lt "$bc" ]; then bc=$c; fi
  done
  awk -v w="$bw" -v c="$bc" 'BEGIN { printf "%.3f %.3f", w / 1e9, c / 1e9 }'
}
wall() { echo "$1" | cut -d' ' -f1; }
cpu() { echo "$1" | cut -d' ' -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
mb() { awk -v n="$1" 'BEGIN { printf "%.1f MB", n / 1048576 }'; }

# ---- documents ---------------------------------------------------------------------------
if ! $TEIKIT convert --persons tests/browser/memo-persons.xml -o "$T/memo.xml" \
     samples/memo_wilson_1949-02-03_mikoyan_mao.txt 2>/dev/null; then
  echo "render bench: teikit convert failed; using tests/render/memo.xml"
  cp tests/render/memo.xml "$T/memo.xml"
fi
sed -n '/<body>/,/<\/body>/p' "$T/memo.xml" | sed '1d;$d' >"$T/body"
# make_doc COPIES OUT: the memorandum's header, then its body COPIES times, each in a div
make_doc() {
  sed -n '1,/<body>/p' "$T/memo.xml" >"$2"
  i=0
  while [ "$i" -lt "$1" ]; do
    echo "<div n=\"$i\">"; cat "$T/body"; echo "</div>"; i=$((i + 1))
  done >>"$2"
  sed -n '/<\/body>/,$p' "$T/memo.xml" >>"$2"
}
n1=$(( 1048576 / $(wc -c <"$T/body") + 1 ))
make_doc "$n1" "$T/one.xml"
make_doc "$((n1 * 10))" "$T/ten.xml"
s1=$(wc -c <"$T/one.xml"); s10=$(wc -c <"$T/ten.xml")

# ---- linearity ---------------------------------------------------------------------------
for to in html text; do
  a=$(best $TEIKIT render --to $to -o "$T/o1" "$T/one.xml")
  b=$(best $TEIKIT render --to $to -o "$T/o10" "$T/ten.xml")
  echo "render --to $to $(mb "$s1"): $(cpu "$a") s CPU ($(wall "$a") s wall); $(mb "$s10"): $(cpu "$b") s CPU ($(wall "$b") s wall); ratio $(ratio "$(cpu "$b")" "$(cpu "$a")")x (linear 10x, limit 12x)"
done
if command -v xsltproc >/dev/null 2>&1; then
  x=$(best xsltproc -o "$T/x10" xslt/tei2html.xsl "$T/ten.xml")
  y=$(best $TEIKIT render --to html -o "$T/o10" "$T/ten.xml")
  echo "render --to html $(mb "$s10"): teikit $(cpu "$y") s CPU; xsltproc $(cpu "$x") s CPU (same stylesheet); ratio $(ratio "$(cpu "$x")" "$(cpu "$y")")x"
fi

# ---- 1,000 small documents ----------------------------------------------------------------
mkdir -p "$T/small" "$T/out" "$T/xout"
i=0
while [ "$i" -lt 1000 ]; do
  sed "s|<title>Meeting with the Secretary</title>|<title>Meeting $i</title>|" \
    tests/render/transcript.xml >"$T/small/d$i.xml"
  i=$((i + 1))
done
one=$(best $TEIKIT render --to html -o "$T/out" "$T/small"/*.xml)
n=$(ls "$T/out" | wc -l)
echo "render --to html, 1000 small documents in one call: $(wall "$one") s wall, $(cpu "$one") s CPU = $(cpu "$one") ms CPU per document ($n files written; limit 5 ms)"
if command -v xsltproc >/dev/null 2>&1; then
  # one run (it takes a while): wall time around it, CPU time of the children from `times`
  s=$(now)
  xc=$(sh -c 'for f in "$1"/small/*.xml; do
                xsltproc -o "$1/xout/$(basename "$f" .xml).html" xslt/tei2html.xsl "$f" || exit 1
              done; times' sh "$T" |
       awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] } print t }')
  e=$(now)
  xw=$(awk -v n="$((e - s))" 'BEGIN { printf "%.3f", n / 1e9 }')
  echo "xsltproc once per file, 1000 documents: $xw s wall, $xc s CPU; teikit one call: $(wall "$one") s wall, $(cpu "$one") s CPU; ratio $(ratio "$xw" "$(wall "$one")")x wall, $(ratio "$xc" "$(cpu "$one")")x CPU (at least 5x)"
else
  echo "xsltproc not installed: no comparison"
fi
