#!/bin/sh
# t_first_run.sh: what a new user meets first: messages that say what happened (a missing
# file, a non-TEI input, a terminal on stdin) and a flood of warnings summed up in one line.
. tests/lib.sh
# validate: a missing file is "cannot open", with no "0 errors" summary after it
$TEIKIT validate "$TK_TMP/missing.xml" >"$TK_TMP/out" 2>"$TK_TMP/err"; rc=$?
[ "$rc" -eq 2 ] && ok || fail "validate missing.xml: exit $rc, wanted 2"
grep -q "cannot open" "$TK_TMP/err" && ok || fail "validate missing.xml says cannot open"
if grep -q "0 errors" "$TK_TMP/err"; then fail "validate missing.xml sums up '0 errors'"; cat "$TK_TMP/err"; else ok; fi
# with a readable file beside it, the summary counts what was not checked
$TEIKIT validate "$TK_TMP/missing.xml" tests/validate/valid/minimal.xml 2>"$TK_TMP/err"
grep -q "^2 files, 0 invalid, 0 errors, 0 warnings, 1 not checked$" "$TK_TMP/err" && ok || { fail "summary with an unreadable file"; cat "$TK_TMP/err"; }
# render: a missing file is "cannot open", not libxml2's "failed to load external entity"
$TEIKIT render --to text "$TK_TMP/missing.xml" >"$TK_TMP/out" 2>"$TK_TMP/err"; rc=$?
[ "$rc" -eq 2 ] && ok || fail "render missing.xml: exit $rc, wanted 2"
grep -q "cannot open" "$TK_TMP/err" && ok || { fail "render missing.xml says cannot open"; cat "$TK_TMP/err"; }
grep -q "external entity" "$TK_TMP/err" && fail "render missing.xml: libxml2's wording" || ok
# render: a document that is not TEI is rendered with a warning
printf '<?xml version="1.0"?>\n<html><body><p>x</p></body></html>\n' > "$TK_TMP/page.xml"
$TEIKIT render --to text "$TK_TMP/page.xml" >"$TK_TMP/out" 2>"$TK_TMP/err"
grep -q "warning: not a TEI document.*\[not-tei\]" "$TK_TMP/err" && ok || { fail "render non-TEI warns"; cat "$TK_TMP/err"; }
$TEIKIT render --to text tests/render/memo.xml >"$TK_TMP/out" 2>"$TK_TMP/err"
[ -s "$TK_TMP/err" ] && { fail "render TEI: unexpected messages"; cat "$TK_TMP/err"; } || ok
# convert: a terminal on stdin is told what is happening (script(1) gives it a terminal)
if command -v script >/dev/null 2>&1; then
  script -qec "$TEIKIT convert -o $TK_TMP/tty.xml" /dev/null </dev/null >"$TK_TMP/out" 2>&1
  grep -q "reading the transcript from the terminal" "$TK_TMP/out" && ok || { fail "convert on a terminal says it reads stdin"; cat "$TK_TMP/out"; }
else
  skip "script(1) not found (Debian package bsdutils): the terminal message is not checked"
fi
printf 'Title: T\n\nHello.\n' | $TEIKIT convert >"$TK_TMP/out" 2>"$TK_TMP/err"
grep -q "terminal" "$TK_TMP/err" && fail "convert from a pipe talks about a terminal" || ok
# convert: past 50 warnings of one rule, one line says how many more there were
{ printf 'Memo\n\n'; i=0; while [ $i -lt 200 ]; do printf 'a [b '; i=$((i+1)); done; echo; } > "$TK_TMP/flood.txt"
$TEIKIT convert -o "$TK_TMP/flood.xml" "$TK_TMP/flood.txt" 2>"$TK_TMP/err"
n=$(grep -c "warning: unbalanced" "$TK_TMP/err")
[ "$n" -eq 50 ] && ok || fail "flood: $n unbalanced-bracket warnings shown, wanted 50"
grep -q "^[^:]*flood.txt: note: 150 more warnings like this suppressed \[bracket-unbalanced\]$" "$TK_TMP/err" && ok || { fail "flood: no 'suppressed' line"; tail -3 "$TK_TMP/err"; }
# the README's NASA command: samples/nasa.rules makes TEI that teikit's own schema accepts
printf 'Mercury log\n\n[00:04:32:00] CAPCOM: Retrofire at [time:04:32:00|04 32 00], [glossary:GET] check.\n[00:04:33:10] PILOT: Roger [time:04:33:10].\n' > "$TK_TMP/nasa.txt"
$TEIKIT convert --rules samples/nasa.rules -o "$TK_TMP/nasa.xml" "$TK_TMP/nasa.txt" 2>"$TK_TMP/err" && ok || { fail "convert with samples/nasa.rules"; cat "$TK_TMP/err"; }
grep -q '<rs type="GET"' "$TK_TMP/nasa.xml" && ok || fail "nasa.rules: mission time as rs"
$TEIKIT validate -q "$TK_TMP/nasa.xml" 2>"$TK_TMP/err" && ok || { fail "nasa.rules output valid against teikit.rng"; head -3 "$TK_TMP/err"; }
tk_done
