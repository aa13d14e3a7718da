#!/bin/sh
# t_validate_engine.sh: the derivative engine (tools/rngv.c) across documents and threads
# (its memo forgets attribute values together with their dictionary; -j 2 gives what -j 1
# gives), and the id-ref check of the soft pointers @ana @wit @facs @resp.
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

# --- -j 2 loads the schema in a thread of its own while the first documents are read; its
# output is -j 1's, byte for byte (five runs: a race would show as a difference), and a
# schema that fails stops the run the same way (its message only, exit 2)
V=tests/validate
$TEIKIT validate -j 1 $V/valid $V/invalid >"$T/j1.out" 2>"$T/j1.err"; r1=$?
same=1
for i in 1 2 3 4 5; do
  $TEIKIT validate -j 2 $V/valid $V/invalid >"$T/j2.out" 2>"$T/j2.err"; r2=$?
  if [ $r2 -ne $r1 ] || ! cmp -s "$T/j1.err" "$T/j2.err" || ! cmp -s "$T/j1.out" "$T/j2.out"; then same=0; fi
done
check "-j 2 gives -j 1's messages and exit status (5 runs)" [ $same -eq 1 ] && [ $r1 -eq 1 ]
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nope"/></start></grammar>\n' > "$T/dangling.rng"
for j in 1 2; do
  $TEIKIT validate -j $j --schema "$T/dangling.rng" $V/invalid "$T/absent.xml" >"$T/s$j.out" 2>"$T/s$j.err"; echo $? >> "$T/s$j.err"
done
check "-j 2, a schema that does not compile: -j 1's output" cmp -s "$T/s1.err" "$T/s2.err"
check "... its message only, exit 2" [ "$(cat "$T/s2.err")" = "$T/dangling.rng:1: error: schema does not compile: reference to \"nope\", which no define names
2" ]

# --- @ana @wit @facs @resp are checked like @ref and @who (TEI: teidata.pointer), but a
# dangling one is a warning (exit 0) unless --strict-refs; they mark persons as mentioned
cat > "$T/any.rng" <<'RNG'
<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="any"/></start>
  <define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute>
    <text/><ref name="any"/></choice></zeroOrMore></element></define>
</grammar>
RNG
cat > "$T/soft.xml" <<'XML'
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <listPerson><person xml:id="ed"/><person xml:id="idle"/></listPerson>
  <interp xml:id="short"/>
  <p resp="#ed" ana="#short">kept</p>
  <p ana="#long #short" resp="#nobody">dangling ana and resp</p>
  <rdg wit="#W9">dangling wit</rdg> <pb facs="#f1"/> <pb facs="page2.jpg"/>
  <p ana="tax.xml#c1 tax.xml#c2">into a taxonomy file</p>
</TEI>
XML
cat > "$T/tax.xml" <<'XML'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><taxonomy><category xml:id="c1"/></taxonomy></TEI>
XML
expect_status "dangling soft pointers: warnings, exit 0" 0 \
  $TEIKIT validate --schema "$T/any.rng" "$T/soft.xml" "$T/tax.xml"
err=$(cat "$TK_TMP/err")
for want in ':5:3: warning: @ana points to "#long", which no xml:id in this document defines (a warning for @ana, @wit, @facs, @resp: --strict-refs makes it an error) [id-ref]' \
            ':5:3: warning: @resp points to "#nobody"' ':6:3: warning: @wit points to "#W9"' \
            ':6:37: warning: @facs points to "#f1"' \
            ':7:3: warning: @ana points to "tax.xml#c2", but "tax.xml" defines no xml:id "c2"'; do
  case $err in *"$want"*) ok;; *) fail "soft pointer message $want: $err";; esac
done
check "five soft warnings, no error" [ "$(echo "$err" | grep -c ': warning: @')" -eq 5 ] && \
  [ "$(echo "$err" | grep -c ': error: ')" -eq 0 ]
check "@resp marks a person mentioned (only \"idle\" unused)" \
  [ "$(echo "$err" | grep -c 'person-unused')" -eq 1 ]
case $err in *'"idle" is declared but never mentioned'*) ok;; *) fail "idle person: $err";; esac
check "page2.jpg and the defined pointers are not reported" sh -c "! echo '$err' | grep -q 'page2\|\"#short\"\|\"#ed\"\|c1\"'"
expect_status "--strict-refs: dangling soft pointers are errors" 1 \
  $TEIKIT validate --strict-refs --schema "$T/any.rng" "$T/soft.xml" "$T/tax.xml"
check "--strict-refs: five errors" [ "$(grep -c ': error: @' "$TK_TMP/err")" -eq 5 ]
check "--strict-refs: no hint" sh -c "! grep -q 'a warning for' '$TK_TMP/err'"

tk_done
