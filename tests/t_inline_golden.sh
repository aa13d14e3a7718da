#!/bin/sh
# t_inline_golden.sh: small inputs under tests/golden/inline/ through the inline pass (the
# tests/fuzz driver: blank-line paragraphs, notes after "Footnotes:"); the body of the TEI and
# the diagnostics must equal NAME.xml and NAME.diag (read and checked against ENCODING.md and
# docs/inline.md when they were written). NAME.rules, when present, is the --rules file.
# TK_GOLDEN_UPDATE=1 rewrites the expected files (then read them before committing).
. tests/lib.sh

DRIVER=$TK_BUILD/tests/inline_driver # built by `make check` (tests/fuzz/inline_fuzz.c)
[ -x "$DRIVER" ] || fail "no $DRIVER: run the tests through make check"

for in in tests/golden/inline/*.txt; do
  name=${in%.txt}
  rules=
  [ -f "$name.rules" ] && rules=$name.rules
  [ "$(basename "$name")" = nasa_markup ] && rules=samples/nasa.rules
  "$DRIVER" --explain ${rules:+--rules "$rules"} "$in" >"$TK_TMP/out.xml" 2>"$TK_TMP/diag" || { fail "$in: driver failed"; continue; }
  # the text element, a line per paragraph (the newlines go between block elements only,
  # so no text node is touched; xmllint --format would drop blank text between elements)
  sed -n '/<text>/,/<\/text>/p' "$TK_TMP/out.xml" | sed -e '1s/.*<text>/<text>/' -e '$s/<\/text>.*/<\/text>/' |
    sed -e 's/<p>/\
<p>/g' -e 's/<\/body>/\
<\/body>/g' -e 's/<body>/\
<body>/g' >"$TK_TMP/body.xml"
  sed 's|^input:|'"$in"':|' "$TK_TMP/diag" >"$TK_TMP/diag2"
  if [ -n "${TK_GOLDEN_UPDATE:-}" ]; then
    cp "$TK_TMP/body.xml" "$name.xml"; cp "$TK_TMP/diag2" "$name.diag"
  fi
  if diff -u "$name.xml" "$TK_TMP/body.xml" >"$TK_TMP/d"; then ok; else fail "$in: XML differs"; head -30 "$TK_TMP/d"; fi
  if diff -u "$name.diag" "$TK_TMP/diag2" >"$TK_TMP/d"; then ok; else fail "$in: diagnostics differ"; head -20 "$TK_TMP/d"; fi
  # and a tool we did not write agrees the whole document is well-formed
  if xmllint --noout "$TK_TMP/out.xml" 2>/dev/null; then ok; else fail "$in: ill-formed"; fi
done
tk_done
