#!/bin/sh
# t_validate_engine.sh: the derivative engine (tools/rngv.c) across documents and threads:
# its memo forgets attribute values together with their dictionary, -j 2 gives what -j 1
# gives, pointer attributes checked or not as documented.
. tests/lib.sh
T=$TK_TMP

# --- the values dictionary is dropped after a document with over 200,000 distinct attribute
# values; the memo's verdicts keyed by those values must go with it (they stayed: a later
# document's bad values at the same addresses were taken as valid, 1062 of 2000 reported)
cat > "$T/int.rng" <<'RNG'
<element name="r" xmlns="http://relaxng.org/ns/structure/1.0"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <zeroOrMore><element name="a"><attribute name="v"><data type="integer"/></attribute></element></zeroOrMore>
</element>
RNG
awk 'BEGIN { print "<r>"; for (i = 0; i < 200100; i++) printf "<a v=\"%d\"/>\n", 1000000 + i; print "</r>" }' > "$T/many.xml"
awk 'BEGIN { print "<r>"; for (i = 0; i < 2000; i++) printf "<a v=\"x%06d\"/>\n", i; print "</r>" }' > "$T/bad.xml"
$TEIKIT validate --grammar-only --schema "$T/int.rng" "$T/many.xml" "$T/bad.xml" 2>"$T/err"
check "every bad value after a values-heavy document (2000)" \
  [ "$(grep -c 'of attribute "v" on "a" is invalid; must be of type integer' "$T/err")" -eq 2000 ]

tk_done
