#!/bin/sh
# t_convert_valid.sh: what convert writes, teikit validate accepts (issue 16): regression
# inputs (impossible dates, timestamps inside notes, values teikit.rng once lacked), one
# instance of every built-in bracket rule, and every corpus file and fuzz seed (4 KB pieces
# of the corpus, as tests/fuzz/run.sh cuts them), against schemas/teikit.rng and, for the
# small documents, tei_all.
. tests/lib.sh
C=tests/validate/convert
TEI_ALL=$SHARED/reference/schemas/tei_all.rng
have_tei_all() { have_shared && [ -f "$TEI_ALL" ]; }

# valid DIR NAME: every *.xml under DIR is valid under teikit.rng (and tei_all when present).
valid() {
  expect_status "$2: teikit.rng" 0 $TEIKIT validate -q -j 2 "$1"
  if have_tei_all; then
    expect_status "$2: tei_all" 0 $TEIKIT validate -q -j 2 --grammar-only --schema "$TEI_ALL" "$1"
  fi
}

# --- regression inputs: each converts (exit 0) into valid TEI
mkdir -p "$TK_TMP/reg"
for f in $C/*.txt; do
  b=$(basename "$f" .txt)
  expect_status "convert $f" 0 $TEIKIT convert "$f" -o "$TK_TMP/reg/$b.xml"
  cp "$TK_TMP/err" "$TK_TMP/reg/$b.diag"
done
valid "$TK_TMP/reg" "regression inputs"
check "impossible dateline day: warned" grep -q "'April 31, 1950' is not a day of the calendar" "$TK_TMP/reg/dateline_april31.diag"
check "impossible dateline day: no @when" sh -c "! grep -q '1950-04-31' $TK_TMP/reg/dateline_april31.xml"
check "1900 was no leap year" grep -q "'29 February 1900' is not a day of the calendar" "$TK_TMP/reg/date_feb29_1900.diag"
check "2000 was a leap year" grep -q 'when="2000-02-29"' "$TK_TMP/reg/date_feb29_1900.xml"
check "timestamp in a note: timeline in the tree" grep -q '<when xml:id="tk-T01-02-03"' "$TK_TMP/reg/notes_timestamp.xml"
check "unclear keeps its prefix" grep -q 'rend="bracketed prefixed-unclear"><placeName ref="#place-moscow">Moscow</placeName><' "$TK_TMP/reg/unclear_pause.xml"
check "pause keeps its type" grep -q '<pause type="long"' "$TK_TMP/reg/unclear_pause.xml"
# read as a play, a bracket in a dateline is no stage direction (TEI has none there)
expect_status "convert --shape play" 0 $TEIKIT convert --shape play $C/play_dateline_bracket.txt -o "$TK_TMP/play_dateline.xml"
expect_status "play dateline: teikit.rng" 0 $TEIKIT validate -q "$TK_TMP/play_dateline.xml"
check "play dateline: bracket supplied" grep -q '<dateline><supplied reason="omitted" rend="bracketed"><placeName ref="#place-lisbon">Lisbon</placeName>,</supplied>' "$TK_TMP/play_dateline.xml"
check "play dateline: stage in the text" grep -q '<stage type="delivery" rend="bracketed">Aside</stage> soon' "$TK_TMP/play_dateline.xml"

# --- one instance of every built-in rule (from the table in tools/rules.c), in a record
# and in a transcript
awk '/^    "[a-z][a-z0-9-]* +[\[(]/{ s=$0; sub(/^    "[a-z0-9-]+ +/,"",s);
  c=substr(s,1,1)=="[" ? "]" : ")"; print substr(s,1,index(s,c)) }' tools/rules.c |
  sed 's/\\\\\*/STAR/g; s/\*/word/g; s/#/12/g; s/STAR/*/g' >"$TK_TMP/instances"
n=$(wc -l <"$TK_TMP/instances")
check "rule table read ($n instances)" [ "$n" -gt 50 ]
mkdir -p "$TK_TMP/rules"
{ echo "Rule instances"; echo; while IFS= read -r x; do echo "It said $x here."; echo; done <"$TK_TMP/instances"; } >"$TK_TMP/rules/record.txt"
{ while IFS= read -r x; do echo "ALPHA: It said $x here."; echo "BETA: And then$x so."; done <"$TK_TMP/instances"; } >"$TK_TMP/rules/transcript.txt"
for f in record transcript; do
  expect_status "convert $f of rule instances" 0 $TEIKIT convert "$TK_TMP/rules/$f.txt" -o "$TK_TMP/rules/$f.xml"
done
valid "$TK_TMP/rules" "built-in rules"

# --- the corpus: whole files, and the fuzzer's seeds (the first 20 KB of each in 4 KB pieces)
if have_shared; then
  mkdir -p "$TK_TMP/corpus" "$TK_TMP/seeds" "$TK_TMP/pieces"
  bad=0
  for f in "$SHARED"/corpus/*.txt; do
    b=$(basename "$f" .txt)
    $TEIKIT convert "$f" -o "$TK_TMP/corpus/$b.xml" 2>/dev/null || { bad=$((bad+1)); echo "  convert failed: $f"; }
    head -c 20000 "$f" | split -b 4000 -a 2 - "$TK_TMP/pieces/$b."
  done
  check "every corpus file converts" [ "$bad" -eq 0 ]
  bad=0
  for p in "$TK_TMP"/pieces/*; do
    $TEIKIT convert "$p" -o "$TK_TMP/seeds/$(basename "$p").xml" 2>/dev/null
    rc=$?; [ $rc -le 1 ] || { bad=$((bad+1)); echo "  convert exit $rc: $p"; }
  done
  check "every seed converts or is refused cleanly" [ "$bad" -eq 0 ]
  expect_status "corpus: teikit.rng" 0 $TEIKIT validate -q -j 2 "$TK_TMP/corpus"
  valid "$TK_TMP/seeds" "fuzz seeds ($(ls "$TK_TMP/seeds" | wc -l) pieces)"
else
  skip "no $SHARED/corpus"
fi
tk_done
