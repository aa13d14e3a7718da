#!/bin/sh
# t_convert.sh: teikit convert end to end: the founding sample's structure and header, option
# handling, atomic output, and (with ../shared) every corpus file valid against tei_all with
# every word of the input still in the output.
. tests/lib.sh
S=samples/memo_wilson_1949-02-03_mikoyan_mao.txt
X="$TK_TMP/memo.xml"

expect_status "convert sample" 0 $TEIKIT convert "$S" -o "$X"
# structure: the parts of the record land where ENCODING.md puts them
has() { grep -q -- "$2" "$X" || { fail "$1: '$2' not in output"; return; }; ok; }
hasnt() { if grep -q -- "$2" "$X"; then fail "$1: '$2' in output"; else ok; fi; }
has "title" "<title>Memorandum of Conversation between Anastas Mikoyan and Mao Zedong</title>"
has "body head" "<head>Memorandum of Conversation between <persName ref=\"#anastas-mikoyan\">Anastas Mikoyan</persName> and <persName ref=\"#mao-zedong\">Mao Zedong</persName></head>"
has "dateline" "<opener><dateline>"
has "creation date" '<creation><date when="1949-02-03">'
has "translator" "<resp>Translated by</resp>"
has "translator name" "<persName>Sergey Radchenko</persName>"
has "archive repository" "<repository>APRF</repository>"
has "archive signature" "<idno>F. 39, Op. 1, D. 39, Ll. 47-53</idno>"
has "reprint" "<bibl>Reprinted in Andrei Ledovskii"
has "rights" "<availability>"
has "abstract" "<abstract>"
has "document type" "<term>Memorandum of Conversation</term>"
has "list item number" '<item n="1)">The Northern Expedition</item>'
has "application" '<application ident="teikit" version='
hasnt "debris skip" "Skip to content"
hasnt "debris record id" "Record ID"
# the summary left the body for the abstract: it appears exactly once
n=$(grep -c "Anastas Mikoyan and Mao Zedong converse" "$X")
[ "$n" -eq 1 ] && ok || fail "summary appears $n times"
# no whitespace added inside mixed content: every p opens and closes on one line
if grep -E '<p>$|^ *</p>' "$X" >/dev/null; then fail "whitespace inside p"; else ok; fi

# deterministic
$TEIKIT convert "$S" > "$TK_TMP/again.xml" 2>/dev/null
check "deterministic" cmp -s "$X" "$TK_TMP/again.xml"
# stdin works and names the input <stdin>
$TEIKIT convert - < "$S" > "$TK_TMP/stdin.xml" 2>/dev/null
check "stdin" cmp -s "$X" "$TK_TMP/stdin.xml"

# options
expect_status "help" 0 $TEIKIT convert --help
expect_status "unknown option" 2 $TEIKIT convert --bogus "$S"
expect_status "bad shape" 2 $TEIKIT convert --shape poem "$S"
expect_status "bad meta" 2 $TEIKIT convert --meta novalue "$S"
expect_status "missing file" 2 $TEIKIT convert "$TK_TMP/nope.txt"
$TEIKIT convert --meta "title=Another Title" --meta "date=1950-01-01" "$S" > "$TK_TMP/meta.xml" 2>/dev/null
grep -q "<title>Another Title</title>" "$TK_TMP/meta.xml" && ok || fail "--meta title"
grep -q '<date when="1950-01-01">' "$TK_TMP/meta.xml" && ok || fail "--meta date"
# never overwrite the input; a failed conversion leaves an existing output untouched
cp "$S" "$TK_TMP/in.txt"
expect_status "refuse to overwrite input" 2 $TEIKIT convert "$TK_TMP/in.txt" -o "$TK_TMP/in.txt"
check "input intact" cmp -s "$S" "$TK_TMP/in.txt"
echo keep > "$TK_TMP/out.xml"
printf 'bad \377 byte\n' > "$TK_TMP/bad.txt"
expect_status "invalid utf-8" 1 $TEIKIT convert "$TK_TMP/bad.txt" -o "$TK_TMP/out.xml"
[ "$(cat "$TK_TMP/out.xml")" = keep ] && ok || fail "existing output changed after an error"
ls "$TK_TMP" | grep -q tmp && fail "temporary file left" || ok

# --split: one standalone TEI file per document
expect_status "split" 0 $TEIKIT convert --split "$TK_TMP/split" tests/golden/convert/corpus_two_documents.txt
# (the leading chapter line, which titles a teiCorpus, is a document of its own when split)
[ -f "$TK_TMP/split/0001.xml" ] && [ -f "$TK_TMP/split/0003.xml" ] && [ ! -f "$TK_TMP/split/0004.xml" ] && ok || fail "split: three files"
grep -q "<head>Chapter on the Loan Question</head>" "$TK_TMP/split/0001.xml" && ok || fail "split: the chapter line kept"
grep -q '^<TEI xmlns="http://www.tei-c.org/ns/1.0">' "$TK_TMP/split/0002.xml" && ok || fail "split: TEI root with namespace"
grep -q "<title>The Secretary of State to the Ambassador</title>" "$TK_TMP/split/0003.xml" && ok || fail "split: second document"
expect_status "split and -o" 2 $TEIKIT convert --split "$TK_TMP/split" -o x.xml "$S"

# teikit persons: a draft personography that convert accepts back
P=samples/transcript_hac_1976-11-12_excerpt.txt
expect_status "persons help" 0 $TEIKIT persons --help
$TEIKIT persons "$P" -o "$TK_TMP/draft.xml" 2>/dev/null && ok || fail "persons draft"
grep -A4 '<person xml:id="kissinger-henry">' "$TK_TMP/draft.xml" | grep -q '<persName type="label">SECRETARY KISSINGER</persName>' && ok || fail "draft: speaker person"
# A titled speaker label and the honorific mentions of the same name are one person.
$TEIKIT convert "$P" -o "$TK_TMP/titled.xml" 2>/dev/null
grep -q '<sp who="#oliver">' "$TK_TMP/titled.xml" && grep -q '<persName ref="#oliver">Professor Oliver</persName>' "$TK_TMP/titled.xml" && ok || fail "titled label and mention share one id"
[ "$(grep -c '<person xml:id=' "$TK_TMP/titled.xml")" -eq "$(grep -o '<person xml:id="[^"]*"' "$TK_TMP/titled.xml" | sort -u | wc -l)" ] && ok || fail "person ids unique"
grep -q '<!-- [0-9]* mentions -->' "$TK_TMP/draft.xml" && ok || fail "draft: mention counts"
$TEIKIT convert --persons "$TK_TMP/draft.xml" "$P" -o "$TK_TMP/with_draft.xml" 2>/dev/null && ok || fail "convert with the draft"
grep -q '<persName ref="#oliver">\(Professor \)\?Oliver</persName>' "$TK_TMP/with_draft.xml" && ok || fail "draft names are matched"

# Regression (Julius Caesar IV.3): a scene heading whose closing stars stand on the next line.
printf 'A Play\n**** ACT I ****\n**** SCENE I. A street. ****\nONE\n     First line.\nTWO\n     Second line.\n**** SCENE II. A room.\n****\n     Enter ONE\nONE\n     Third line.\nTWO\n     Fourth.\n' >"$TK_TMP/split_heading.txt"
$TEIKIT convert "$TK_TMP/split_heading.txt" -o "$TK_TMP/split_heading.xml" 2>/dev/null
grep -q '<head>SCENE II. A room.</head>' "$TK_TMP/split_heading.xml" && ok || fail "split star heading is a scene head"
grep -q '<p>\*\*\*\*</p>' "$TK_TMP/split_heading.xml" && fail "closing stars left as a paragraph" || ok
[ "$(grep -c '<div type="scene">' "$TK_TMP/split_heading.xml")" -eq 2 ] && ok || fail "two scenes"

if ! have_shared; then
  skip "no ../shared: corpus validity and word checks"
  tk_done; exit $?
fi
RNG=$SHARED/reference/schemas/tei_all.rng
mkdir -p "$TK_TMP/corpus"
for f in "$SHARED"/corpus/*.txt; do
  b=$(basename "$f" .txt)
  if $TEIKIT convert "$f" -o "$TK_TMP/corpus/$b.xml" 2>"$TK_TMP/corpus/$b.err"; then ok; else fail "convert $b"; fi
done
# one xmllint call for all (the schema takes seconds to compile)
if command -v xmllint >/dev/null 2>&1; then
  xmllint --noout --relaxng "$RNG" "$TK_TMP"/corpus/*.xml "$TK_TMP"/split/*.xml "$X" 2>"$TK_TMP/valid.log"
  n_bad=$(grep -c -v ' validates$' "$TK_TMP/valid.log")
  if [ "$n_bad" -eq 0 ]; then ok; else fail "tei_all validity"; head -20 "$TK_TMP/valid.log"; fi
else
  skip "xmllint not installed (apt-get install libxml2-utils): corpus outputs not checked against tei_all"
fi
# every word of each input is in the output (multiset of the words of the XML text content
# and attribute values). Dropped by design (docs/convert.md): web-page debris lines, empty
# web-page field labels, the "Document Information" label, the "Source: " label, and the
# "_page :" key of Spacelog page lines and the word "Page" of "[Page 72]" (the page number is
# pb/@n). Brackets and element boundaries both separate words ("com[munist]" is "com" and
# "munist" on both sides). A note's number printed before its text in the notes section (`[12]`,
# `[12a]`, or `12.` / `12)` after a Footnotes/Endnotes/Notes heading, or a bare `12 ` from a
# line `1 Text` after a `[1]` on: notes without a heading) is the same note/@n as at its
# marker: counted once. The "Footnotes:" label line of a notes section is the renderers' own
# label: a notes division left with only that heading is dropped. A letter followed by a digit
# is a word boundary on both sides (`Montagu345` is a name and its glued note number).
words() { sed 's/\([[:alpha:]]\)\([0-9]\)/\1 \2/g' | tr -cs '[:alnum:]' '\n' | grep -v '^$' | sort; }
# every text node and attribute value on its own line (element boundaries separate words)
cat > "$TK_TMP/text.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="*"><xsl:text>&#10;</xsl:text><xsl:apply-templates select="@*|node()"/><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="@*"><xsl:text>&#10;</xsl:text><xsl:value-of select="."/><xsl:text>&#10;</xsl:text></xsl:template>
</xsl:stylesheet>
XSL
for f in "$SHARED"/corpus/*.txt "$S"; do
  b=$(basename "$f" .txt)
  x="$TK_TMP/corpus/$b.xml"; [ -f "$x" ] || x=$X
  tr -d '\r' < "$f" | grep -v -x -E 'Skip to content|Document Information|Record ID|Original Uploaded Date|Footnotes:' \
    | awk '/^(Footnotes:?|Endnotes:?|Notes:?)[[:space:]]*$/ { notes = 1 } notes { sub(/^[0-9]+[.)] /, "") }
           /^=====/ { marker = bare = 0 } /\[1\]/ { marker = 1 } marker && /^1 [A-Z]/ { bare = 1 }
           bare { sub(/^[0-9]+ /, "") } { print }' \
    | sed -e 's/^Source: //' -e 's/^\[[0-9]*[a-z]\{0,1\}\] //' -e 's/^_page *://' -e 's#</\{0,1\}su[bp]># #g' -e 's/\[Page \([0-9ivxlc]*\)\]/\1/g' | words > "$TK_TMP/in.words"
  xsltproc "$TK_TMP/text.xsl" "$x" 2>/dev/null | words > "$TK_TMP/out.words"
  missing=$(comm -23 "$TK_TMP/in.words" "$TK_TMP/out.words" | head -5 | tr '\n' ' ')
  if [ -z "$missing" ]; then ok; else fail "words of $b missing in the output: $missing"; fi
done
tk_done
