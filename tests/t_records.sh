#!/bin/sh
# t_records.sh: archival records end to end on made-up inputs (docs/convert.md "Records"):
# no local path in any output, notes, header fields, document structure, letter furniture.
. tests/lib.sh

# has NAME FILE PATTERN / hasnt NAME FILE PATTERN (grep -E on the output)
has() { if grep -qE -- "$3" "$2"; then ok; else fail "$1: /$3/ not in $(basename "$2")"; fi; }
hasnt() { if grep -qE -- "$3" "$2"; then fail "$1: /$3/ in $(basename "$2")"; else ok; fi; }

# ---- never a local path in an output: the input's base name only
D="$TK_TMP/some/deep/dir"; mkdir -p "$D"
printf 'Untitled notes of a meeting\n\nThe committee met.\n' > "$D/one.txt"
printf 'First paper\n\nText one.\n\n%s\n\nSecond paper\n\nText two.\n' \
  "========================================================================" > "$D/two.txt"
$TEIKIT convert -o "$TK_TMP/one.xml" "$D/one.txt" 2>/dev/null
$TEIKIT convert -o "$TK_TMP/two.xml" "$D/two.txt" 2>/dev/null
$TEIKIT render --to html -o "$TK_TMP/two.html" "$TK_TMP/two.xml" 2>/dev/null
$TEIKIT render --to text -o "$TK_TMP/two.txt" "$TK_TMP/two.xml" 2>/dev/null
for f in one.xml two.xml two.html two.txt; do
  hasnt "no path in $f" "$TK_TMP/$f" "deep/dir|$TK_TMP"
done
has "base name in sourceDesc" "$TK_TMP/one.xml" "Plain-text transcript one.txt"

tk_done
