#!/bin/sh
# t_validate.sh: teikit validate: verdicts, exit codes, message shapes, rule checks, batches,
# hostile input, and teikit.rng as a strict subset of tei_all.
. tests/lib.sh
V=tests/validate
TEI_ALL=$SHARED/reference/schemas/tei_all.rng

# --- every valid test document is valid (exit 0), every invalid one is not (exit 1)
for f in $V/valid/*.xml; do expect_status "valid $f" 0 $TEIKIT validate -q "$f"; done
for f in $V/invalid/*.xml; do expect_status "invalid $f" 1 $TEIKIT validate -q "$f"; done

# --- messages: file:line:col, the parent named, a short expected list, one message per cause
msg() { $TEIKIT validate -q "$@" 2>&1; }
out=$(msg $V/invalid/p_in_title.xml)
case $out in "$V/invalid/p_in_title.xml:5:33: error: element \"p\" not allowed here in \"title\"; expected text, \"anchor\","*"more) or the end of \"title\" [relaxng]") ok;; *) fail "p in title message: $out";; esac
check "one message for one cause" [ "$(echo "$out" | wc -l)" -eq 1 ]
out=$(msg $V/invalid/misplaced.xml)
case $out in "$V/invalid/misplaced.xml:10:27: error: element \"head\" not allowed here in \"body\"; expected \"anchor\", "*'or the end of "body" [relaxng]') ok;; *) fail "misplaced: $out";; esac
out=$(msg $V/invalid/unknown_attr.xml)
case $out in *'attribute "bogus" not allowed on "p"; allowed here: "corresp", "n", "rend", "xml:id", "xml:lang"'*) ok;; *) fail "unknown attribute: $out";; esac
out=$(msg $V/invalid/bad_value.xml)
case $out in *':10:22: error: value "whatever" of attribute "type" on "note" is invalid; must be "classification", "comment", "editorial", "gloss", "query", "sic", "source", "speaker", "timestamp" or "unanchored" [relaxng]') ok;; *) fail "bad value: $out";; esac
out=$(msg $V/invalid/no_title.xml)
check "missing child" [ "$out" = "$V/invalid/no_title.xml:5:18: error: element \"titleStmt\" incomplete; missing required element \"title\" [relaxng]" ]
# every bad place once, in document order, after recovery (issue 15): five bad values in
# sibling and nested elements, two unknown attributes, xsi:schemaLocation with its prefix
out=$(msg $V/invalid/many_errors.xml)
check "every bad place reported (7)" [ "$(echo "$out" | grep -c ': error: ')" -eq 7 ]
check "sorted by line and column" sh -c "echo '$out' | cut -d: -f2,3 | sort -t: -k1,1n -k2,2n -c"
case $out in *'2:1: error: attribute "xsi:schemaLocation" not allowed on "TEI"; '*) ok;; *) fail "prefix kept, first: $out";; esac
check "each bad value named" [ "$(echo "$out" | grep -c 'of attribute "type" on "note" is invalid; must be "classification", "comment", ')" -eq 4 ]
check "--no-prune gives the same messages" [ "$(msg --no-prune $V/invalid/many_errors.xml)" = "$out" ]
out=$(msg $V/invalid/wrong_ns.xml)
case $out in *'"TEI" (namespace "http://example.org/not-tei") not allowed as the document element'*) ok;; *) fail "namespace: $out";; esac
out=$(msg $V/invalid/not_wellformed.xml)
case $out in *':10:27: error: Opening and ending tag mismatch'*'[xml]') ok;; *) fail "not well-formed: $out";; esac

# --- rule checks, each with its rule name; --grammar-only turns them off
out=$(msg $V/invalid/bad_ref.xml)
case $out in *':10:23: error: @ref points to "#nobody", which no xml:id in this document defines [id-ref]') ok;; *) fail "id-ref: $out";; esac
expect_status "grammar-only ignores rule checks" 0 $TEIKIT validate -q --grammar-only $V/invalid/bad_ref.xml
out=$(msg $V/invalid/date_order.xml)
case $out in *'@from="1936" is later than @to="1927" [date-order]') ok;; *) fail "date-order: $out";; esac
out=$(msg $V/invalid/bad_date.xml)
case $out in *'[date-iso]'*) ok;; *) fail "date-iso: $out";; esac
out=$(msg $V/valid/warn_brackets.xml)
case $out in *'"[munist]": letters in brackets inside a word'*'[bracket]'*'"[sic]"'*) ok;; *) fail "brackets: $out";; esac
# the bracket rule's scope: documents teikit converted (its application in the header), or
# any document with --rules bracket
out=$(msg $V/valid/foreign_brackets.xml)
check "no bracket warnings on TEI teikit did not make" [ -z "$out" ]
out=$(msg --rules bracket $V/valid/foreign_brackets.xml)
case $out in *'"[munist]": letters in brackets inside a word'*'[bracket]'*'"[sic]"'*) ok;; *) fail "--rules bracket: $out";; esac
expect_status "--rules with an unknown name" 2 $TEIKIT validate --rules brackets $V/valid/minimal.xml
out=$(msg $V/valid/warn_unused_person.xml)
case $out in *'person "lin" is declared but never mentioned'*'[person-unused]') ok;; *) fail "person-unused: $out";; esac
case $out in *'"mao"'*) fail "mentioned person reported";; *) ok;; esac

# --- JSON: one object per message, on stdout
$TEIKIT validate -q --format json $V/invalid/misplaced.xml >"$TK_TMP/j" 2>/dev/null
check "json object" grep -q '^{"file":"tests/validate/invalid/misplaced.xml","line":10,"column":27,"severity":"error","rule":"relaxng","message":"element \\"head\\" not allowed here in \\"body\\"; expected .*"}$' "$TK_TMP/j"

# --- batches: a directory, a summary line, messages in argument order whatever -j is
$TEIKIT validate $V/invalid $V/valid >"$TK_TMP/b1" 2>&1
n_inv=$(ls $V/invalid/*.xml | wc -l); n_all=$(ls $V/invalid/*.xml $V/valid/*.xml | wc -l)
check "summary line" grep -q "^$n_all files, $n_inv invalid, " "$TK_TMP/b1"
$TEIKIT validate -j 4 $V/invalid $V/valid >"$TK_TMP/b4" 2>&1
check "-j 4 gives the same output" cmp -s "$TK_TMP/b1" "$TK_TMP/b4"
expect_status "batch exit status" 1 $TEIKIT validate -q -j 2 $V/invalid $V/valid

# --- XInclude: off by default (nothing is loaded); with --xinclude, positions are the
# included file's
out=$(msg $V/xinclude/main.xml)
case $out in *'main.xml:3:3: error: element "xi:include" not allowed anywhere in the schema; expected "teiHeader" [relaxng]'*) ok;; *) fail "xinclude off: $out";; esac
out=$(msg --xinclude $V/xinclude/main.xml)
check "xinclude positions" [ "$out" = "$V/xinclude/header.xml:6:37: error: element \"bogus\" not allowed anywhere in the schema; expected \"p\" or the end of \"sourceDesc\" [relaxng]" ]

# --- usage and I/O
expect_status "no files" 2 $TEIKIT validate
expect_status "unknown option" 2 $TEIKIT validate --frob x.xml
expect_status "missing file" 2 $TEIKIT validate -q $TK_TMP/nope.xml
expect_status "help" 0 $TEIKIT validate --help
expect_status "bad format" 2 $TEIKIT validate --format xml $V/valid/minimal.xml
TEIKIT_TEI_ALL= expect_status "tei_all needs the variable" 2 $TEIKIT validate --schema tei_all $V/valid/minimal.xml
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nope"/></start></grammar>' >"$TK_TMP/bad.rng"
expect_status "schema that does not compile" 2 $TEIKIT validate --schema "$TK_TMP/bad.rng" $V/valid/minimal.xml
expect_status "stdin" 0 sh -c "$TEIKIT validate -q - < $V/valid/minimal.xml"

# --- hostile input fails cleanly (exit 1, a message, no crash, bounded memory and time)
for f in $V/hostile/xxe.xml $V/hostile/billion_laughs.xml $V/hostile/invalid_utf8.xml; do
  expect_status "hostile $f" 1 $TEIKIT validate -q "$f"
done
check "xxe leaks nothing" sh -c "! $TEIKIT validate $V/hostile/xxe.xml 2>&1 | grep -q root:"
# a DTD on the network is never fetched (the document itself is fine)
expect_status "no network DTD" 0 timeout 10 $TEIKIT validate -q $V/hostile/xxe_network.xml
# generated: 100,000 levels of nesting, a 12 MB attribute, a 40 MB text node
awk 'BEGIN{printf "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"; for(i=0;i<100000;i++) printf "<p>"; for(i=0;i<100000;i++) printf "</p>"; print "</TEI>"}' >"$TK_TMP/deep.xml"
awk 'BEGIN{s="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; printf "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" n=\""; for(i=0;i<120000;i++) printf "%s", s; print "\"/>"}' >"$TK_TMP/attr.xml"
awk 'BEGIN{s="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; printf "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><p>"; for(i=0;i<400000;i++) printf "%s\n", s; print "</p></TEI>"}' >"$TK_TMP/text.xml"
# memory bounded by ulimit -v, unless the build cannot run under one (ASan reserves terabytes
# of address space for its shadow memory); the probe runs in a shell of its own, whose
# "Aborted" goes to /dev/null with the rest
limit="ulimit -v 400000;"
sh -c 'ulimit -v 400000; "$0" --version; exit $?' "$TEIKIT" >/dev/null 2>&1 || limit=""
for f in deep attr text; do
  ( eval "$limit"; timeout 60 $TEIKIT validate -q "$TK_TMP/$f.xml" ) >"$TK_TMP/out" 2>&1; rc=$?
  if [ $rc -eq 1 ] && grep -q "error:" "$TK_TMP/out"; then ok; else fail "hostile $f: exit $rc"; head -3 "$TK_TMP/out"; fi
done

# --- against tei_all (shared reference schema): teikit.rng is a strict subset
if have_shared && [ -f "$TEI_ALL" ]; then
  for f in $V/valid/*.xml; do
    expect_status "tei_all accepts $f" 0 $TEIKIT validate -q --grammar-only --schema "$TEI_ALL" "$f"
  done
  TEIKIT_TEI_ALL=$TEI_ALL expect_status "schema name tei_all" 0 $TEIKIT validate -q --schema tei_all $V/valid/minimal.xml
else
  skip "$SHARED/reference/schemas/tei_all.rng absent: teikit.rng not compared with tei_all"
fi
tk_done
