#!/bin/sh
# t_messages.sh: what reaches the terminal, the JSON stream and the HTML page from hostile
# input: --param css / --css cannot close <style>; terminal controls and bidi overrides from
# documents are escaped in messages; JSON stays valid UTF-8 and its write errors count; a
# long xsl:message does not block the ones after it.
. tests/lib.sh
T=$TK_TMP
valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
printf 'MR. A: Hello.\n' > "$T/in.txt"
$TEIKIT convert -o "$T/doc.xml" "$T/in.txt" 2>/dev/null || fail "convert"

# CSS: '<' refused in --param css and --css FILE; plain CSS goes in
expect_status "--param css with </style>" 2 $TEIKIT render --param 'css=p{}</style><script>alert(1)</script>' "$T/doc.xml"
grep -q "<script" "$TK_TMP/out" && fail "--param css: a script reached the page" || ok
printf 'p { color: #333 }\n' > "$T/ok.css"
expect_status "--css FILE" 0 $TEIKIT render --css "$T/ok.css" "$T/doc.xml"
grep -q "p { color: #333 }" "$TK_TMP/out" && ok || fail "--css: the CSS is not in the page"
printf 'p{}</STYLE ><script>alert(1)</script>' > "$T/bad.css"
expect_status "--css FILE with </style>" 2 $TEIKIT render --css "$T/bad.css" "$T/doc.xml"
expect_status "--css missing file" 2 $TEIKIT render --css "$T/none.css" "$T/doc.xml"

# terminal controls and bidi overrides from a document are escaped in messages
printf 'MR. A: Hi [\342\200\256 evil \302\233 31m \033[2J.\n' > "$T/ctl.txt"
$TEIKIT convert "$T/ctl.txt" >/dev/null 2>"$T/ctl.err"
grep -q '\\u202E evil \\u009B 31m' "$T/ctl.err" && ok || fail "controls not escaped: $(cat -v "$T/ctl.err")"
LC_ALL=C grep -q "$(printf '\033')" "$T/ctl.err" && fail "a raw ESC reached stderr" || ok
LC_ALL=C grep -q "$(printf '\342\200\256')" "$T/ctl.err" && fail "a raw RLO reached stderr" || ok

# validate --format json: messages cut at a character boundary, file names made UTF-8
ref=$(awk 'BEGIN { for (i = 0; i < 400; i++) printf "\342\202\254" }')
printf '<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p><persName ref="#x%s">x</persName></p></body></text></TEI>\n' "$ref" > "$T/long.xml"
bad="$T/bad$(printf '\377')name.xml"; cp "$T/long.xml" "$bad"
$TEIKIT validate --format json "$T/long.xml" "$bad" > "$T/v.json" 2>/dev/null
[ "$(wc -l < "$T/v.json")" -ge 2 ] && ok || fail "json: expected two messages"
valid_utf8 "$T/v.json" && ok || fail "json: not valid UTF-8"
grep -q '"file":"[^"]*bad\\ufffdname.xml"' "$T/v.json" && ok || fail "json: file name not escaped"
grep -q '\.\.\."}$' "$T/v.json" && ok || fail "json: a cut message does not end with ..."
# a write error on standard output is an I/O error (exit 2), even for warnings only
printf '<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc><encodingDesc><appInfo><application ident="teikit" version="1"><label>teikit</label></application></appInfo></encodingDesc></teiHeader><text><body><p>[sic] x</p></body></text></TEI>\n' > "$T/warn.xml"
expect_status "validate json: a warning" 0 $TEIKIT validate --format json "$T/warn.xml"
if [ -w /dev/full ]; then
  expect_status "validate json > /dev/full" 2 sh -c "$TEIKIT validate --format json '$T/warn.xml' > /dev/full"
else
  skip "no /dev/full"
fi

# a long xsl:message (over the 4 KB line buffer) is reported, cut, and the next one too
long=$(awk 'BEGIN { for (i = 0; i < 6000; i++) printf "A" }')
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/"><xsl:message>%s</xsl:message><xsl:message>second</xsl:message><out/></xsl:template>\n</xsl:stylesheet>\n' "$long" > "$T/msg.xsl"
expect_status "long xsl:message" 0 $TEIKIT render --xslt "$T/msg.xsl" "$T/doc.xml"
grep -q "warning: AAAA.*\.\.\. \[xsl-message\]" "$TK_TMP/err" && ok || fail "long xsl:message: not reported cut"
grep -q "warning: second \[xsl-message\]" "$TK_TMP/err" && ok || fail "long xsl:message: the next message was lost"
grep -q "<out/>" "$TK_TMP/out" && ok || fail "long xsl:message: no output"
# the closed table of message ids (tools/tk_messages.h): every id documented in teikit(1),
# each named once; no report bypasses the table (tk_diag_report with a free-form rule string
# only in diag.c and validate_batch.c's replay of messages already made from the table), and the
# ids that stages pass as strings (explain/warn/note helpers, checks.c's rule_names) exist
ids=$(sed -n 's/^ *X([A-Z0-9_]*, *"\([a-z0-9-]*\)".*/\1/p' tools/tk_messages.h)
[ "$(echo "$ids" | wc -l)" -gt 100 ] && ok || fail "message table: fewer than 100 ids read"
[ -z "$(echo "$ids" | sort | uniq -d)" ] && ok || fail "message ids named twice: $(echo "$ids" | sort | uniq -d)"
# (one grep for all: each id as its DIAGNOSTICS line `.B id`, hyphens escaped, against the page)
echo "$ids" > "$T/ids"
undoc=$(sed 's/-/\\-/g; s/^/.B /' "$T/ids" | grep -vxF -f docs/teikit.1 | sed 's/^\.B //; s/\\-/-/g' | tr '\n' ' ')
[ -z "$undoc" ] && ok || fail "message ids missing from docs/teikit.1 DIAGNOSTICS:$undoc"
bypass=$(grep -n 'tk_diag_report' tools/*.c | grep -v '^tools/diag\.c:' |
         grep -v '^tools/validate_batch\.c:.*tk_diag_report_at(d, h->sev, h->file')
[ -z "$bypass" ] && ok || fail "reports bypassing the message table: $bypass"
unknown=$( (grep -ohE '\b(explain|warn|note|foot_mark)\(&?(c|P), [^"]*"[a-z0-9-]+"' tools/*.c;
            sed -n '/rule_names\[R_COUNT\]/,/};/p' tools/checks.c) |
           grep -oE '"[a-z0-9-]+"' | tr -d '"' | sort -u | grep -vxF -f "$T/ids" | tr '\n' ' ')
[ -z "$unknown" ] && ok || fail "ids passed as strings but missing from the table:$unknown"
# what a run prints: every [id] of an explained conversion is in the table
printf 'MEMORANDUM OF CONVERSATION\n\nMR. A: Hello [inaudible] and [sic] word [ and [?] 1949-02-30.\n\n1. A note\n' > "$T/ex.txt"
$TEIKIT convert -v -o "$T/ex.xml" "$T/ex.txt" 2> "$T/ex.err"
used=$(grep -oE '\[[a-z0-9-]+\]$' "$T/ex.err" | tr -d '[]' | sort -u)
[ -n "$used" ] && ok || fail "explained conversion: no message ids printed"
stray=$(echo "$used" | grep -vxF -f "$T/ids" | tr '\n' ' ')
[ -z "$stray" ] && ok || fail "printed ids missing from the table:$stray"

tk_done
