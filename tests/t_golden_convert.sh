#!/bin/sh
# t_golden_convert.sh: golden structure tests: each tests/golden/convert/NAME.txt converts to
# exactly NAME.xml with exactly the messages in NAME.diag (options in NAME.args); every
# golden .xml is valid against tei_all (xmllint, when ../shared is there).
# Regenerate after a reviewed change: TK_UPDATE_GOLDEN=1 sh tests/t_golden_convert.sh
. tests/lib.sh
G=tests/golden/convert
for t in "$G"/*.txt; do
  n=${t%.txt}
  args=""
  [ -f "$n.args" ] && args=$(cat "$n.args")
  # shellcheck disable=SC2086
  $TEIKIT convert -v $args "$t" > "$TK_TMP/out.xml" 2> "$TK_TMP/out.diag"
  echo "exit $?" >> "$TK_TMP/out.diag"
  if [ -n "${TK_UPDATE_GOLDEN:-}" ]; then
    cp "$TK_TMP/out.xml" "$n.xml"; cp "$TK_TMP/out.diag" "$n.diag"
  fi
  if cmp -s "$TK_TMP/out.xml" "$n.xml"; then ok; else fail "$(basename "$n").xml differs"; diff "$n.xml" "$TK_TMP/out.xml" | head -10; fi
  if cmp -s "$TK_TMP/out.diag" "$n.diag"; then ok; else fail "$(basename "$n").diag differs"; diff "$n.diag" "$TK_TMP/out.diag" | head -10; fi
done
if have_shared && command -v xmllint >/dev/null 2>&1; then
  if xmllint --noout --relaxng "$SHARED/reference/schemas/tei_all.rng" "$G"/*.xml 2>"$TK_TMP/v.log"; then ok
  else fail "golden XML not valid against tei_all"; grep -v validates "$TK_TMP/v.log" | head; fi
else
  skip "xmllint not installed (apt-get install libxml2-utils): golden files not checked against tei_all"
fi
tk_done
