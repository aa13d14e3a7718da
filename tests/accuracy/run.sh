#!/bin/sh
# run.sh [BUILD]: the accuracy benchmark (make accuracy). For each pair of tests/accuracy/
# pairs.txt: makes the reference TEI from ../shared/reference/tei (XSLT 1.0 through teikit
# render), converts the corpus text with default options, compares the two with teikit
# compare, then prints precision/recall/F1 per class, per file and in total (conventions
# scored apart: tests/accuracy/conventions.txt) and writes them with the date into
# docs/accuracy.md. Files go to BUILD/accuracy/ (NAME.ref.xml, NAME.hyp.xml, NAME.json, and
# NAME.txt: the comparison for people, with its first 200 disagreements).
set -f  # the compare options hold brackets: no file name expansion
BUILD=${1:-build}
TEIKIT=${TEIKIT:-$BUILD/teikit}
SHARED=${TK_SHARED:-../shared}
HERE=tests/accuracy
OUT=$BUILD/accuracy
DOC=${TK_ACCURACY_DOC:-docs/accuracy.md}

if [ ! -d "$SHARED/corpus" ] || [ ! -d "$SHARED/reference/tei" ]; then
  echo "SKIPPED: $SHARED/corpus or $SHARED/reference/tei is absent (set TK_SHARED)"
  exit 0
fi
[ -x "$TEIKIT" ] || { echo "run.sh: no $TEIKIT (make first)" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT" || exit 2
export TEIKIT_DATADIR=${TEIKIT_DATADIR:-$(pwd)}

list=$OUT/list
: >"$list"
failed=0
grep -v '^#' $HERE/pairs.txt | grep -v '^[[:space:]]*$' | while read -r name set text ref how opts; do
  # the text
  case $text in
    vol:*) awk -v vol="${text#vol:}" -f $HERE/volume.awk "$SHARED/corpus/large_frus_six_volumes_plaintext.txt" >"$OUT/$name.txt.in"
           src=$OUT/$name.txt.in ;;
    *)     src=$SHARED/corpus/$text ;;
  esac
  # the reference
  case $how in
    ids:*) $TEIKIT render --xslt $HERE/select.xsl --param "ids=$(echo "${how#ids:}" | tr , ' ')" \
             -o "$OUT/$name.ref.xml" "$SHARED/reference/tei/$ref" ;;
    docs)  $TEIKIT render --xslt $HERE/select.xsl -o "$OUT/$name.ref.xml" "$SHARED/reference/tei/$ref" ;;
    turns) $TEIKIT render --xslt $HERE/turns.xsl -o "$OUT/$name.ref.xml" "$SHARED/reference/tei/$ref" ;;
    *)     cp "$SHARED/reference/tei/$ref" "$OUT/$name.ref.xml" ;;
  esac || { echo "FAIL: $name: cannot make the reference" >&2; continue; }
  # the conversion, with default options
  if ! $TEIKIT convert -o "$OUT/$name.hyp.xml" "$src" 2>"$OUT/$name.convert.log"; then
    echo "FAIL: $name: conversion failed (see $OUT/$name.convert.log)" >&2; continue
  fi
  # shellcheck disable=SC2086  # the options are words
  $TEIKIT compare --format json --diffs 0 $opts "$OUT/$name.ref.xml" "$OUT/$name.hyp.xml" >"$OUT/$name.json" &&
  $TEIKIT compare --diffs 200 $opts "$OUT/$name.ref.xml" "$OUT/$name.hyp.xml" >"$OUT/$name.txt" ||
    { echo "FAIL: $name: compare failed" >&2; continue; }
  echo "$name $set $OUT/$name.json" >>"$list"
done

[ -s "$list" ] || { echo "run.sh: no pair was compared" >&2; exit 1; }
today=$(date -u +%Y-%m-%d)
awk -v today="$today" -v conv=$HERE/conventions.txt -f $HERE/report.awk "$list" >"$OUT/report.md" || exit 1
cat "$OUT/report.md"
# docs/accuracy.md: the figures between the two marker lines are replaced
if [ -f "$DOC" ] && grep -q '^<!-- figures: begin' "$DOC"; then
  awk -v rep="$OUT/report.md" '
    /^<!-- figures: begin/ { print; while ((getline l < rep) > 0) print l; skip = 1; next }
    /^<!-- figures: end/   { skip = 0 }
    !skip' "$DOC" >"$DOC.tmp" && mv "$DOC.tmp" "$DOC"
  echo "(figures written into $DOC)"
fi
