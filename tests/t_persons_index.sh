#!/bin/sh
# t_persons_index.sh: the HTML index of persons (xslt/persons-index.xsl) read from the page of
# a made-up meeting: every person with each turn they speak and each mention, linked to an
# anchor that exists in the page, with words of context; roles listed apart.
. tests/lib.sh
export TEIKIT_DATADIR=$(pwd)
in=tests/persons/index_meeting.txt
expect_status "convert the meeting" 0 $TEIKIT convert "$in" -o "$TK_TMP/m.xml"
expect_status "render the meeting" 0 $TEIKIT render --to html "$TK_TMP/m.xml" -o "$TK_TMP/m.html"
h="$TK_TMP/m.html"
sed -n 's/.*\(<section class="persons".*<\/section>\).*/\1/p' "$h" >"$TK_TMP/index"
idx="$TK_TMP/index"
# Alder speaks twice, is mentioned once; Birch speaks once, is mentioned twice
[ "$(grep -o '<li id="tk-p-alder">.*</li>' "$idx" | sed 's/<li id="tk-p-birch">.*//' | grep -o 'class="turn"' | wc -l)" -eq 2 ] &&
  ok || fail "Alder's two turns listed"
grep -q '<li class="turn"><a href="#t[0-9]*">speaks</a>: We will see about that next week.</li>' "$idx" &&
  ok || fail "a turn with its first words"
grep -q '<li class="mention">Good morning. I asked <a href="#tk-m[0-9]*">Mr. Birch</a> to join us today.</li>' "$idx" &&
  ok || fail "a mention with the words around it"
[ "$(grep -o '<li id="tk-p-birch">.*' "$idx" | grep -o 'class="mention"' | wc -l)" -eq 2 ] &&
  ok || fail "Birch's two mentions listed"
# every link of the index points to an id of the page
missing=0
for t in $(grep -o 'href="#\(tk-[sm]\|t[0-9]\)[^"]*"' "$idx" | sed 's/href="#//; s/"$//'); do
  grep -q "id=\"$t\"" "$h" || { missing=$((missing + 1)); echo "no anchor $t"; }
done
[ "$missing" -eq 0 ] && ok || fail "index links resolve ($missing missing)"
# the speaker turn carries the anchor the index links to (the edition's citable turn anchor)
a=$(grep -o '<div class="sp" data-who="#alder" id="t[0-9]*"' "$h" | head -1 | sed 's/.*id="//; s/"$//')
[ -n "$a" ] && grep -q "<li class=\"turn\"><a href=\"#$a\">speaks</a>" "$idx" && ok || fail "turn anchor ($a)"
# QUESTION is a role: listed apart, not as a person
grep -q '<h3 class="roles-h">Roles</h3><ul class="roles"><li><strong class="pname">QUESTION</strong>: 1 turn</li></ul>' "$idx" &&
  ok || fail "roles listed apart"
grep -q 'id="tk-p-question"' "$idx" && fail "QUESTION is no person" || ok
tk_done
