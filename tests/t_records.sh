#!/bin/sh
# t_records.sh: archival records end to end on made-up inputs (docs/convert.md "Records"):
# no local path in any output, notes, header fields, document structure, letter furniture.
. tests/lib.sh

# has NAME FILE PATTERN / hasnt NAME FILE PATTERN (grep -E on the output)
has() { if grep -qE -- "$3" "$2"; then ok; else fail "$1: /$3/ not in $(basename "$2")"; fi; }
hasnt() { if grep -qE -- "$3" "$2"; then fail "$1: /$3/ in $(basename "$2")"; else ok; fi; }

# ---- never a local path in an output: the input's base name only
D="$TK_TMP/some/deep/dir"; mkdir -p "$D"
printf 'Untitled notes of a meeting\n\nThe committee met.\n' > "$D/one.txt"
printf 'First paper\n\nText one.\n\n%s\n\nSecond paper\n\nText two.\n' \
  "========================================================================" > "$D/two.txt"
$TEIKIT convert -o "$TK_TMP/one.xml" "$D/one.txt" 2>/dev/null
$TEIKIT convert -o "$TK_TMP/two.xml" "$D/two.txt" 2>/dev/null
$TEIKIT render --to html -o "$TK_TMP/two.html" "$TK_TMP/two.xml" 2>/dev/null
$TEIKIT render --to text -o "$TK_TMP/two.txt" "$TK_TMP/two.xml" 2>/dev/null
for f in one.xml two.xml two.html two.txt; do
  hasnt "no path in $f" "$TK_TMP/$f" "deep/dir|$TK_TMP"
done
has "base name in sourceDesc" "$TK_TMP/one.xml" "Plain-text transcript one.txt"

# ---- header: file number, document type, author, title without its footnote marker
cat > "$TK_TMP/letter.txt" <<'TXT'
812.00/4417½: Telegram

The Minister in Ruritania (Hartley)[4] to the Secretary of State

Strelsau, March 3, 1921.

Sir:

I have the honor to report that the Regent received me at noon and spoke of the loan.

He said that the terms would be known in 1922[5] at the latest.

I have the honor to be, Sir, Your obedient servant,

Ambrose Hartley

Footnotes:
[4] Ambrose Hartley, Minister since 1919.
[5] See the despatch of April 2.
TXT
X="$TK_TMP/letter.xml"
$TEIKIT convert -o "$X" "$TK_TMP/letter.txt" 2>/dev/null
has "file number as idno" "$X" '<idno type="file">812.00/4417½</idno>'
has "document type from the file number line" "$X" '<term>Telegram</term>'
has "author from 'X to Y'" "$X" '<author>The Minister in Ruritania \(Hartley\)</author>'
has "title without marker" "$X" '<title>The Minister in Ruritania \(Hartley\) to the Secretary of State</title>'
has "creation date from the date line" "$X" '<creation><date when="1921-03-03">'
# ---- letter furniture
has "salutation in the opener" "$X" '</dateline><salute>Sir:</salute></opener>'
printf 'A letter\n\nSir: The talks opened this morning.\n\nThey ended at noon.\n' > "$TK_TMP/s.txt"
$TEIKIT convert -o "$TK_TMP/s.xml" "$TK_TMP/s.txt" 2>/dev/null
hasnt "a sentence is no salutation" "$TK_TMP/s.xml" '<salute>'
has "closer" "$X" '<closer><salute>I have the honor to be, Sir, Your obedient servant,</salute><signed>(<persName ref="#[a-z-]+">)?Ambrose (<persName ref="#[a-z-]+">)?Hartley(</persName>)?</signed></closer>'
# ---- notes: a marker after a figure is a footnote when the note exists; no empty notes heading
has "marker after a figure" "$X" '1922</date><note place="foot" n="5"'
hasnt "no empty Footnotes heading" "$X" '<head>Footnotes:</head>'
check "letter valid" $TEIKIT validate "$X"

# "Memorandum by X": author and type
printf 'Memorandum by the Assistant Secretary of State (White)\n\n[Washington,] May 2, 1933.\n\nThe Ambassador called.\n' > "$TK_TMP/memo.txt"
$TEIKIT convert -o "$TK_TMP/memo.xml" "$TK_TMP/memo.txt" 2>/dev/null
has "memorandum author" "$TK_TMP/memo.xml" '<author>the Assistant Secretary of State \(White\)</author>'
has "memorandum type" "$TK_TMP/memo.xml" '<term>Memorandum</term>'
# a closing sentence that is no signature stays a paragraph
printf 'Notes on the harbour\n\nThe harbour was surveyed in June.\n\nRepeated to London and Paris.\n' > "$TK_TMP/plain.txt"
$TEIKIT convert -o "$TK_TMP/plain.xml" "$TK_TMP/plain.txt" 2>/dev/null
hasnt "no closer without a signature" "$TK_TMP/plain.xml" '<closer>'

# ---- lists and page breaks: a lone [Page n] is a pb (no <p><pb/></p>), inside a list that
# goes on after it; lettered items
printf 'Agenda of the board\n\nThe items were:\n\n1. The budget.\n\n[Page 4]\n\n2. The harbour.\n\nThe points:\n\na. roads;\n\nb. bridges.\n\nThe meeting rose.\n\n[Page 5]\n\nNext day the board met again.\n' > "$TK_TMP/pb.txt"
X="$TK_TMP/pb.xml"
$TEIKIT convert -o "$X" "$TK_TMP/pb.txt" 2>/dev/null
hasnt "no paragraph around a lone pb" "$X" '<p><pb'
has "pb inside the list" "$X" '<pb n="4" rend="bracketed"/>'
n=$(grep -c '<item n="2.">The harbour.</item>' "$X"); [ "$n" -eq 1 ] && ok || fail "list goes on after the page break"
has "lettered items" "$X" '<item n="b.">bridges.</item>'
check "lists valid" $TEIKIT validate "$X"

# ---- brackets of archival editors: statements, not supplied words (tools/rules.c)
printf 'Minutes of the board\n\nThe board met.\n\nMr. Smith [Not present] and Mr. Jones [not present] sent word.\n\nThe figures [matter omitted] were read. Reply: [None]. Letter [no date]. [End paraphrase.] Resolution [Agreed]. The rest [The list of goods which here follows has been omitted.] and we [like] it.\n' > "$TK_TMP/br.txt"
X="$TK_TMP/br.xml"
$TEIKIT convert -o "$X" "$TK_TMP/br.txt" 2>/dev/null
has "matter omitted: gap" "$X" '<gap reason="omitted" rend="bracketed"><desc>matter omitted</desc></gap>'
has "...has been omitted: gap" "$X" '<gap reason="omitted" rend="bracketed"><desc>The list of goods'
n=$(grep -o '<note type="editorial" subtype="attendance" place="inline" rend="bracketed">[Nn]ot present</note>' "$X" | wc -l)
[ "$n" -eq 2 ] && ok || fail "[Not present] and [not present]: one encoding ($n)"
has "[None]" "$X" '<note type="editorial" place="inline" rend="bracketed">None</note>'
has "[no date]" "$X" '<note type="editorial" subtype="date" place="inline" rend="bracketed">no date</note>'
has "[End paraphrase.]" "$X" '<note type="editorial" subtype="doctype" place="inline" rend="bracketed">End paraphrase.</note>'
has "[Agreed]" "$X" '<note type="editorial" subtype="decision" place="inline" rend="bracketed">Agreed</note>'
has "[like] still supplied" "$X" '<supplied reason="omitted" rend="bracketed">like</supplied>'
hasnt "none of them supplied" "$X" '<supplied[^>]*>(None|no date|Agreed|End paraphrase.|matter omitted|[Nn]ot present)</supplied>'
check "brackets valid" $TEIKIT validate "$X"

# ---- a compilation without separator lines: numbered document headings start documents
cat > "$TK_TMP/comp.txt" <<'TXT'
Foreign Relations of Ruritania, Volume XX

1. Memorandum From the Regent's Assistant (Hartley) to the Regent

Strelsau, January 21, 1969.

The talks opened.

2. Some points were raised.

2. Telegram From the Embassy in Zenda to the Foreign Office

Zenda, January 22, 1969, 1830Z.

The talks went on.
TXT
X="$TK_TMP/comp.xml"
$TEIKIT convert -o "$X" "$TK_TMP/comp.txt" 2>/dev/null
n=$(grep -c '<TEI>' "$X"); [ "$n" -eq 2 ] && ok || fail "numbered document headings: $n documents, wanted 2"
has "compilation title" "$X" '<title>Foreign Relations of Ruritania, Volume XX</title>'
has "document heading as head" "$X" '<head>2. Telegram From the Embassy in <placeName ref="#place-zenda">Zenda</placeName> to the <orgName ref="#org-foreign-office">Foreign Office</orgName></head>'
has "a numbered paragraph stays in its document" "$X" '<p>2. Some points were raised.</p>'
hasnt "no heading as list item" "$X" '<item n="2.">Telegram'
check "compilation valid" $TEIKIT validate "$X"

# ---- a roster under "Present:" is list[@type='participants']; a label before prose is not
printf 'Minutes of the Commissioners\n\nParis, January 31, 1919.\n\nPresent:\n\nMr. Lansing\n\nGeneral Bliss\n\nColonel House, Adviser\n\n1. General Bliss began the discussion on the resolution passed yesterday at the Quai.\n\nPRESENT\n\nThe Secretary of State, the Under Secretary and both advisers of the Department attended the meeting in full, which lasted well into the evening.\n' > "$TK_TMP/roster.txt"
X="$TK_TMP/roster.xml"
$TEIKIT convert -o "$X" "$TK_TMP/roster.txt" 2>/dev/null
has "roster list" "$X" '<list type="participants">'
has "roster head" "$X" '<head>Present:</head>'
n=$(grep -c '<item>' "$X"); [ "$n" -eq 3 ] && ok || fail "roster items: $n, wanted 3"
has "numbered item after the roster" "$X" '<list rend="numbered">'
n=$(grep -c '<list type="participants">' "$X"); [ "$n" -eq 1 ] && ok || fail "a label before prose is no roster ($n rosters)"
check "roster valid" $TEIKIT validate "$X"

tk_done
