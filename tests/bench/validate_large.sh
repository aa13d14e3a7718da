#!/bin/sh
# validate_large.sh BUILD [MB]: memory and time of teikit validate on one big valid TEI
# document (default 100 MB): the corpus transcripts repeated to MB megabytes of text, then
# converted (teikit.rng). Prints peak RSS and CPU of: xmllint --noout (libxml2's tree alone),
# teikit validate --grammar-only, teikit validate (rule checks too). Needs $TK_SHARED.
BUILD=${1:-build}
MB=${2:-${TK_BENCH_LARGE_MB:-100}}
TEIKIT=$BUILD/teikit
SHARED=${TK_SHARED:-../shared}
C=$SHARED/corpus
if [ ! -d "$C" ]; then echo "SKIPPED: no $C"; exit 0; fi
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench-large.XXXXXX"); trap 'rm -rf "$T"' EXIT
size() { wc -c < "$1" | tr -d ' '; }
: > "$T/big.txt"
while [ "$(size "$T/big.txt")" -lt $((MB * 1048576 * 7 / 10)) ]; do
  for f in "$C"/transcript_*.txt; do tr -d '\r' < "$f" >> "$T/big.txt"; echo >> "$T/big.txt"; done
done
"$TEIKIT" convert -o "$T/big.xml" "$T/big.txt" 2>/dev/null
rm -f "$T/big.txt"
echo "document: $(size "$T/big.xml" | awk '{ printf "%.1f", $1 / 1048576 }') MB of TEI"
run() { label=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$T/time" "$@" >/dev/null 2>"$T/err"; rc=$?
  awk -v l="$label" -v rc=$rc '{ printf "%-34s exit %d, CPU %.2f s, peak RSS %.0f MB\n", l, rc, $1 + $2, $3 / 1024 }' "$T/time"; }
command -v xmllint >/dev/null 2>&1 && run "xmllint --noout (tree only)" xmllint --noout "$T/big.xml"
run "teikit validate --grammar-only" "$TEIKIT" validate -q --grammar-only "$T/big.xml"
run "teikit validate" "$TEIKIT" validate -q "$T/big.xml"
