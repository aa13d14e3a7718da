#!/bin/sh
# t_compare.sh: 'teikit compare' on the small hand-made pairs in tests/compare/: identical
# documents score 1.0, one dropped persName costs exactly one in recall, a moved tag scores as
# moved, edits of the text do not derail the alignment, grouping is scored whatever the ids
# are called, options and exit statuses.
. tests/lib.sh
C=tests/compare

# json CLASS KEY: the number KEY of class CLASS in $TK_TMP/out (JSON, one class per line).
json() {
  grep "\"class\": \"$1\"" "$TK_TMP/out" | head -1 | sed 's/"attrs".*//' |
    sed -n "s/.*\"$2\": \([0-9.]*\).*/\1/p"
}
# ident CLASS KEY: the same inside the class's "identity" object.
ident() {
  grep "\"class\": \"$1\"" "$TK_TMP/out" | head -1 | sed -n "s/.*\"identity\": {[^}]*\"$2\": \([0-9.]*\).*/\1/p"
}
# is NAME GOT WANT
is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', wanted '$3'"; fi; }

expect_status "--help" 0 $TEIKIT compare --help
grep -q -- '--fail-under' "$TK_TMP/out" && ok || fail "--help names --fail-under"
expect_status "no files" 2 $TEIKIT compare
expect_status "one file" 2 $TEIKIT compare $C/ref.xml
expect_status "unknown option" 2 $TEIKIT compare --bogus $C/ref.xml $C/ref.xml
expect_status "bad format" 2 $TEIKIT compare --format yaml $C/ref.xml $C/ref.xml
expect_status "bad map" 2 $TEIKIT compare --map 'name[@type' $C/ref.xml $C/ref.xml
expect_status "missing file" 2 $TEIKIT compare $C/ref.xml $C/no-such.xml
printf '<TEI><text><p>broken</text></TEI>' >"$TK_TMP/bad.xml"
expect_status "not well-formed" 1 $TEIKIT compare $C/ref.xml "$TK_TMP/bad.xml"
grep -q 'bad.xml:1:' "$TK_TMP/err" && ok || fail "not well-formed: file:line in the message"

# identical documents: every class and the total score 1.0, no disagreement
expect_status "identical" 0 $TEIKIT compare --format json $C/ref.xml $C/ref.xml
is "identical total F1" "$(json total f1)" 1.0000
is "identical persName F1" "$(json persName f1)" 1.0000
is "identical pb F1" "$(json pb f1)" 1.0000
grep -q '"disagreements": 0,' "$TK_TMP/out" && ok || fail "identical: no disagreements"
is "identical persName grouping" "$(ident persName r)" 1.0000
grep -q '"header": {"fields": 3, "equal": 3' "$TK_TMP/out" && ok || fail "identical: header 3/3"

# one dropped persName: 4 in the reference, 3 found, all right: recall 3/4, precision 1
expect_status "dropped" 0 $TEIKIT compare --format json $C/ref.xml $C/drop.xml
is "dropped persName ref" "$(json persName ref)" 4
is "dropped persName exact" "$(json persName exact)" 3
is "dropped persName recall" "$(json persName r)" 0.7500
is "dropped persName precision" "$(json persName p)" 1.0000
is "dropped placeName untouched" "$(json placeName f1)" 1.0000
$TEIKIT compare $C/ref.xml $C/drop.xml >"$TK_TMP/txt"
grep -q "ref.xml:15: persName 'Mr. Brown' missing in $C/drop.xml:15" "$TK_TMP/txt" && ok ||
  fail "dropped: the disagreement names both files and lines"

# a moved tag over the same text: not exact, but an overlapping match (not missing + added)
expect_status "moved" 0 $TEIKIT compare --format json $C/ref.xml $C/moved.xml
is "moved persName exact" "$(json persName exact)" 3
is "moved persName overlap" "$(json persName overlap)" 4
is "moved persName overlap F1" "$(json persName overlap_f1)" 1.0000
grep -q '"kind": "moved"' "$TK_TMP/out" && ok || fail "moved: reported as moved"
grep -q '"kind": "missing"\|"kind": "added"' "$TK_TMP/out" && fail "moved: reported as missing/added" || ok

# edited text (a paragraph added before, a word inserted, a word changed): the elements of
# the reference are all still found exactly; only the added paragraph is new
expect_status "edited" 0 $TEIKIT compare --format json $C/ref.xml $C/edited.xml
is "edited persName F1" "$(json persName f1)" 1.0000
is "edited placeName (changed word after it)" "$(json placeName f1)" 1.0000
is "edited pb" "$(json pb f1)" 1.0000
is "edited p recall" "$(json p r)" 1.0000
is "edited p hyp" "$(json p hyp)" 3

# grouping: ids renamed -> 1.0; one of Brown's two mentions under another id: the reference
# has 2 pairs (Hall+Hall, Brown+Brown), the hypothesis 1 (Hall+Hall), both agree on 1:
# precision 1/1, recall 1/2
expect_status "renamed ids" 0 $TEIKIT compare --format json $C/ref.xml $C/renamed.xml
is "renamed grouping P" "$(ident persName p)" 1.0000
is "renamed grouping R" "$(ident persName r)" 1.0000
expect_status "split group" 0 $TEIKIT compare --format json $C/ref.xml $C/split.xml
is "split grouping P" "$(ident persName p)" 1.0000
is "split grouping R" "$(ident persName r)" 0.5000
is "split mentions" "$(ident persName mentions)" 4
$TEIKIT compare $C/ref.xml $C/split.xml >"$TK_TMP/txt"
grep -q "ref.xml:15: persName @ref '#brown' (2 mentions) is split in $C/split.xml: '#brown' 1 '#he' 1" \
  "$TK_TMP/txt" && ok || fail "split group: reported with its line and the ids it went to"
# two persons under one id: precision 4 pairs agreed of ... hyp groups C(4,2) = 6, both 2
sed 's/#hall/#p1/g; s/#brown/#p1/g' $C/ref.xml >"$TK_TMP/joined.xml"
expect_status "joined group" 0 $TEIKIT compare --format json "$C/ref.xml" "$TK_TMP/joined.xml"
is "joined grouping P" "$(ident persName p)" 0.3333
is "joined grouping R" "$(ident persName r)" 1.0000
grep -q "joined.xml:14: persName @ref '#p1' (4 mentions) is joined in $C/ref.xml: '#brown' 2 '#hall' 2" \
  "$TK_TMP/out" && ok || fail "joined group: reported"

# attributes: a changed @when is a disagreement
sed 's/1921-03-04/1921-04-03/' $C/ref.xml >"$TK_TMP/when.xml"
expect_status "changed @when" 0 $TEIKIT compare $C/ref.xml "$TK_TMP/when.xml"
grep -q "date 'March 4, 1921' @when '1921-03-04' is '1921-04-03'" "$TK_TMP/out" && ok ||
  fail "changed @when reported"

# a class split by its key attributes: the note is matched whatever its @place; the
# breakdown rows count a pair only where both sides have the same @place
sed 's/place="foot"/place="end"/' $C/ref.xml >"$TK_TMP/end.xml"
expect_status "note place" 0 $TEIKIT compare --format json $C/ref.xml "$TK_TMP/end.xml"
is "note matched whatever @place" "$(json note f1)" 1.0000
is "note[place=foot] in ref only" "$(json 'note\[place=foot\]' ref)/$(json 'note\[place=foot\]' hyp)" 1/0
is "note[place=end] in hyp only" "$(json 'note\[place=end\]' r)/$(json 'note\[place=end\]' hyp)" 1.0000/1
is "breakdown rows not in the total (12 + the text)" "$(json total ref)" 13

# options: --classes, --map, --no-header, --diffs, --fail-under
expect_status "classes" 0 $TEIKIT compare --format json --diffs 0 --classes names $C/ref.xml $C/drop.xml
grep -c '"class": ' "$TK_TMP/out" | grep -qx 3 && ok || fail "--classes names: persName, placeName, total"
sed 's/<persName ref="\([^"]*\)">\([^<]*\)<\/persName>/<name type="person" ref="\1">\2<\/name>/g' \
  $C/ref.xml >"$TK_TMP/name.xml"
expect_status "map" 0 $TEIKIT compare --format json --map 'name[@type=person]=persName' \
  $C/ref.xml "$TK_TMP/name.xml"
is "map: name[@type=person] as persName" "$(json persName f1)" 1.0000
expect_status "no map" 0 $TEIKIT compare --format json $C/ref.xml "$TK_TMP/name.xml"
# (the sed leaves the persName that spans two lines: 1 of 4 is still found)
is "without map: persName missing" "$(json persName r)" 0.2500
expect_status "classes: none" 0 $TEIKIT compare --classes nosuch $C/ref.xml $C/ref.xml
grep -q "warning: no element of either document is in the classes 'nosuch'" "$TK_TMP/err" && ok ||
  fail "--classes that names nothing: warned"
expect_status "no-header" 0 $TEIKIT compare --format json --no-header $C/ref.xml $C/ref.xml
grep -q '"header": {"fields": 0,' "$TK_TMP/out" && ok || fail "--no-header: no fields"
expect_status "diffs 0" 0 $TEIKIT compare --diffs 0 $C/ref.xml $C/drop.xml
grep -q 'missing in' "$TK_TMP/out" && fail "--diffs 0 lists nothing" || ok
expect_status "fail-under passes" 0 $TEIKIT compare --fail-under 0.9 $C/ref.xml $C/drop.xml
expect_status "fail-under fails" 1 $TEIKIT compare --fail-under 0.99 $C/ref.xml $C/drop.xml

# a document without a text element: compared as empty, with a warning
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>' >"$TK_TMP/notext.xml"
expect_status "no text element" 0 $TEIKIT compare "$TK_TMP/notext.xml" $C/ref.xml
grep -q 'notext.xml: warning: no text element' "$TK_TMP/err" && ok || fail "no text element: warned"

# the accuracy report (tests/accuracy/report.awk) sums the JSON of several pairs per set and
# leaves the conventions out of the totals: set x-a is drop.xml (13 reference elements, 12
# found), set x-b moved.xml; placeName (1 per pair) is a convention of x-a only
$TEIKIT compare --format json $C/ref.xml $C/drop.xml >"$TK_TMP/a.json"
$TEIKIT compare --format json $C/ref.xml $C/moved.xml >"$TK_TMP/b.json"
printf 'one x-a %s\ntwo x-b %s\n' "$TK_TMP/a.json" "$TK_TMP/b.json" >"$TK_TMP/list"
printf '# conventions\nx-*a placeName made up for the test\n' >"$TK_TMP/conv"
awk -v today=2026-01-01 -v conv="$TK_TMP/conv" -f tests/accuracy/report.awk "$TK_TMP/list" >"$TK_TMP/rep"
grep -q '^| x-a | 1 | 12 | 11 | 11 | 1.000 | 0.917 | 0.957 ' "$TK_TMP/rep" && ok || fail "report: set x-a without its convention"
grep -q '^| x-b | 1 | 13 | 13 | 12 | 0.923 | 0.923 | 0.923 | 1.000 | 1.000 | 1.000 |' "$TK_TMP/rep" && ok || fail "report: set x-b"
grep -q '^| \*\*all\*\* | 2 | 25 | 24 | 23 ' "$TK_TMP/rep" && ok || fail "report: total of both sets"
grep -q '^| placeName | 1 | 1 | 1 .* made up for the test |' "$TK_TMP/rep" && ok || fail "report: the convention listed apart"
# without ../shared the benchmark says so and does nothing
TK_SHARED="$TK_TMP/none" sh tests/accuracy/run.sh "$TK_BUILD" >"$TK_TMP/out" 2>&1
grep -q '^SKIPPED: ' "$TK_TMP/out" && ok || fail "make accuracy without ../shared: SKIPPED"

tk_done
