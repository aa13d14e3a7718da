#!/bin/sh
# t_hostile_convert.sh: hostile inputs (tests/hostile/ and generated ones) give clear messages
# and either valid TEI or a clean error with no output file; nothing crashes (run under
# make check-asan too).
. tests/lib.sh
H=tests/hostile
O=$TK_TMP/out
mkdir -p "$O"

# run NAME STATUS PATTERN ARGS...: converts to $O/NAME.xml; checks the exit status, that the
# messages contain PATTERN, and that an output exists exactly when the status is 0.
run() {
  name=$1; want=$2; pattern=$3; shift 3
  $TEIKIT convert "$@" -o "$O/$name.xml" 2>"$O/$name.err"; got=$?
  if [ "$got" -eq "$want" ]; then ok; else fail "$name: exit $got, wanted $want"; head -3 "$O/$name.err"; fi
  if [ -z "$pattern" ] || grep -q -- "$pattern" "$O/$name.err"; then ok; else fail "$name: no message '$pattern'"; head -3 "$O/$name.err"; fi
  if [ "$want" -eq 0 ]; then
    if [ -s "$O/$name.xml" ]; then ok; else fail "$name: no output"; fi
  else
    if [ -e "$O/$name.xml" ]; then fail "$name: output written despite the error"; rm -f "$O/$name.xml"; else ok; fi
  fi
}

run invalid_utf8 1 "invalid_utf8.txt:3:11: error: invalid UTF-8 byte 0xFF (byte offset 27)" "$H/invalid_utf8.txt"
run cp1252_as_utf8 1 "(option: --encoding NAME)" "$H/cp1252.txt"
run cp1252 0 "" --encoding cp1252 "$H/cp1252.txt"
grep -q "Café au lait and “quoted” words." "$O/cp1252.xml" && ok || fail "cp1252 text not converted"
run nul_bytes 0 "nul_bytes.txt:3:18: warning: character U+0000 is not allowed in XML: dropped" "$H/nul_bytes.txt"
grep -q "bell  here" "$O/nul_bytes.xml" && ok || fail "control characters not dropped"
run lone_cr 0 "" -v "$H/lone_cr.txt"
[ "$(grep -c '<sp ' "$O/lone_cr.xml")" -eq 4 ] && ok || fail "lone CR: 4 turns expected"
run empty 0 "the input is empty" "$H/empty.txt"
run whitespace 0 "the input has only whitespace" "$H/whitespace.txt"
run front_matter 0 "front matter is not closed" "$H/unterminated_front_matter.txt"
grep -q "<title>Only front matter</title>" "$O/front_matter.xml" && ok || fail "front matter title"
run label_no_text 0 "label_no_text.txt:3:1: warning: speaker label with no text" "$H/label_no_text.txt"
run persons_not_xml 1 "cannot read the personography" --persons "$H/persons_not_xml.xml" samples/interview_front_matter.txt
run persons_dup 1 "ID a already defined" --persons "$H/persons_duplicate_ids.xml" samples/interview_front_matter.txt
run persons_missing 2 "cannot open" --persons "$H/no-such-file.xml" samples/interview_front_matter.txt
run directory 2 "is a directory" "$H"
run unknown_encoding 2 "unknown encoding 'klingon'" --encoding klingon "$H/cp1252.txt"

# generated: a 1 MB line, 100,000 speaker turns
awk 'BEGIN { printf "A Title Line\n\n"; for (i = 0; i < 100000; i++) printf "word%d ", i % 10; printf "\n" }' > "$TK_TMP/long_line.txt"
run long_line 0 "" "$TK_TMP/long_line.txt"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%s: turn %d.\n\n", (i % 2 ? "BRAVO" : "ALPHA"), i }' > "$TK_TMP/turns.txt"
run many_turns 0 "" "$TK_TMP/turns.txt"
[ "$(grep -c '<sp ' "$O/many_turns.xml")" -eq 100000 ] && ok || fail "100,000 turns expected"

# every output above is valid TEI
if have_shared && command -v xmllint >/dev/null 2>&1; then
  if xmllint --noout --relaxng "$SHARED/reference/schemas/tei_all.rng" "$O"/*.xml 2>"$TK_TMP/v.log"; then ok
  else fail "hostile outputs not valid"; grep -v validates "$TK_TMP/v.log" | head; fi
else
  skip "xmllint not installed (apt-get install libxml2-utils): outputs not checked against tei_all"
fi
tk_done
