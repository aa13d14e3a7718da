#!/bin/sh
# validate_large.sh BUILD [MB]: memory and time of teikit validate on one big valid TEI
# document of about MB megabytes (default 100): the corpus transcripts repeated, then
# converted (teikit.rng). Prints peak RSS and CPU of: xmllint --noout (libxml2's tree alone),
# xmllint --relaxng and jing (when installed), teikit validate --grammar-only and teikit
# validate (rule checks too), streamed (the default at this size) and as a tree
# (TEIKIT_STREAM=0). Needs $TK_SHARED. TK_BENCH_LARGE_DOC=FILE measures FILE instead.
BUILD=${1:-build}
MB=${2:-${TK_BENCH_LARGE_MB:-100}}
TEIKIT=$BUILD/teikit
SHARED=${TK_SHARED:-../shared}
C=$SHARED/corpus
if [ ! -d "$C" ]; then echo "SKIPPED: no $C"; exit 0; fi
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench-large.XXXXXX"); trap 'rm -rf "$T"' EXIT
size() { wc -c < "$1" | tr -d ' '; }
if [ -n "${TK_BENCH_LARGE_DOC:-}" ]; then  # a document made before (the conversion is slow)
  ln -s "$(realpath "$TK_BENCH_LARGE_DOC")" "$T/big.xml"
else
  : > "$T/big.txt"
  while [ "$(size "$T/big.txt")" -lt $((MB * 1048576 * 46 / 100)) ]; do
    for f in "$C"/transcript_*.txt; do tr -d '\r' < "$f" >> "$T/big.txt"; echo >> "$T/big.txt"; done
  done
  "$TEIKIT" convert -o "$T/big.xml" "$T/big.txt" 2>/dev/null
  rm -f "$T/big.txt"
fi
echo "document: $(size "$T/big.xml" | awk '{ printf "%.1f", $1 / 1048576 }') MB of TEI"
run() { label=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$T/time" "$@" >/dev/null 2>"$T/err"; rc=$?
  awk -v l="$label" -v rc=$rc '{ printf "%-34s exit %d, CPU %.2f s, peak RSS %.0f MB\n", l, rc, $1 + $2, $3 / 1024 }' "$T/time"; }
RNG=$(dirname "$0")/../../schemas/teikit.rng
command -v xmllint >/dev/null 2>&1 && run "xmllint --noout (tree only)" xmllint --noout "$T/big.xml"
command -v xmllint >/dev/null 2>&1 && run "xmllint --relaxng teikit.rng" xmllint --noout --relaxng "$RNG" "$T/big.xml"
command -v jing >/dev/null 2>&1 && run "jing teikit.rng" jing "$RNG" "$T/big.xml"
run "teikit validate --grammar-only" "$TEIKIT" validate -q --grammar-only "$T/big.xml"
run "teikit validate" "$TEIKIT" validate -q "$T/big.xml"
run "... --grammar-only, as a tree" env TEIKIT_STREAM=0 "$TEIKIT" validate -q --grammar-only "$T/big.xml"
run "... rule checks too, as a tree" env TEIKIT_STREAM=0 "$TEIKIT" validate -q "$T/big.xml"
