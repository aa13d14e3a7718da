#!/bin/sh
# t_records.sh: archival records end to end on made-up inputs (docs/convert.md "Records"):
# no local path in any output, notes, header fields, document structure, letter furniture.
. tests/lib.sh

# has NAME FILE PATTERN / hasnt NAME FILE PATTERN (grep -E on the output)

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
# (item 2 holds the lettered list its lead-in `The points:` opens: docs/convert.md, Lists in items)
n=$(grep -c '<item n="2.">\(<p>\)\{0,1\}The harbour.' "$X"); [ "$n" -eq 1 ] && ok || fail "list goes on after the page break"
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
# a heading that is a document type alone (`3. Memorandum of Conversation`) starts one too;
# the signature before it closes the document before
printf '\nSapt\n\n3. Memorandum of Conversation\n\nStrelsau, January 24, 1969.\n\nThe Chancellor spoke of the loan.\n' >> "$TK_TMP/comp.txt"
$TEIKIT convert -o "$X" "$TK_TMP/comp.txt" 2>/dev/null
count "a type alone as numbered heading: three documents" "$X" '<TEI>' 3
has "its heading" "$X" '<head>3. Memorandum of Conversation</head>'
has "the signature before it closes the document before" "$X" '<closer><signed>(<persName[^>]*>)?Sapt(</persName>)?</signed></closer>'
hasnt "no signature as heading" "$X" '<head>Sapt</head>'

# ---- a roster under "Present:" is list[@type='participants']; a label before prose is not
printf 'Minutes of the Commissioners\n\nParis, January 31, 1919.\n\nPresent:\n\nMr. Lansing\n\nGeneral Bliss\n\nColonel House, Adviser\n\n1. General Bliss began the discussion on the resolution passed yesterday at the Quai.\n\nPRESENT\n\nThe Secretary of State, the Under Secretary and both advisers of the Department attended the meeting in full, which lasted well into the evening.\n' > "$TK_TMP/roster.txt"
X="$TK_TMP/roster.xml"
$TEIKIT convert -o "$X" "$TK_TMP/roster.txt" 2>/dev/null
has "roster list" "$X" '<list type="participants">'
has "roster head" "$X" '<head>Present:</head>'
n=$(grep -c '<item>' "$X"); [ "$n" -eq 3 ] && ok || fail "roster items: $n, wanted 3"
has "a numbered paragraph after the roster (no next number: no list)" "$X" '<p>1\. (<persName[^>]*>)?General Bliss'
n=$(grep -c '<list type="participants">' "$X"); [ "$n" -eq 1 ] && ok || fail "a label before prose is no roster ($n rosters)"
check "roster valid" $TEIKIT validate "$X"

# ---- a roster without label: a run of names (half with an initial) one a line, an office
#      after a comma; a run of capitalised names of things is no roster
cat > "$TK_TMP/bare.txt" <<'TXT'
Minutes of the Board of Visitors

Gregor T. Almsworth, Professor of Geography, Eastbrook College, Millbank, Ohio 44001 (Society of Surveyors)

Hedda Pollisk, Member, Board of Trustees

Ormond K. Vasterling

Pia L. Dunmore

Ansel R. Trebbick, Jr., Acting Director of Collections

Morning Session - 9:00 a.m.

The Board met in the reading room and heard the report of the Director on the state of the collections and the plans for the coming year.

Northern Province

Eastern Province

Southern Province

Western Province

Central Province

The provinces named above each sent a report that the Board read with care and at length.
TXT
X="$TK_TMP/bare.xml"
$TEIKIT convert -o "$X" "$TK_TMP/bare.txt" 2>/dev/null
n=$(grep -c '<list type="participants">' "$X"); [ "$n" -eq 1 ] && ok || fail "bare roster: $n lists, wanted 1"
n=$(grep -c '<item>' "$X"); [ "$n" -eq 5 ] && ok || fail "bare roster items: $n, wanted 5"
has "the line after the roster stays a paragraph" "$X" '<p>Morning Session'
has "provinces are no roster" "$X" '<p>Northern Province</p>'
check "bare roster valid" $TEIKIT validate "$X"

# ---- an enclosure: a paper's title with its dateline after the covering letter's signature
#      is div[@type='enclosure'] with its own head, opener and closer; the covering letter
#      is div[@type='document'] with its closer (TEI has no division after a closer)
cat > "$TK_TMP/encl.txt" <<'TXT'
No. 12.
Mr. Oakhurst to Mr. Penwarden.

Legation of the United States,
Strelsau, March 3, 1891.

Sir: I have the honor to inclose a copy of a note from the harbor master, which explains the delay of the mail steamer and the measures taken since.

I have, etc.

Silas Oakhurst.

[Page 44]

Captain Farrow to Mr. Oakhurst.

[Translation.]

Port Vell, February 27, 1891.

The steamer was held two days by the weather; she sailed this morning with the mails and all her passengers in good health.

Very respectfully,

J. Farrow.
TXT
X="$TK_TMP/encl.xml"
$TEIKIT convert -o "$X" "$TK_TMP/encl.txt" 2>/dev/null
has "covering letter is a document div" "$X" '<div type="document">'
has "enclosure div" "$X" '<div type="enclosure">'
has "enclosure head" "$X" '<head><persName[^>]*>Captain Farrow</persName> to'
n=$(grep -c '<dateline>' "$X"); [ "$n" -eq 2 ] && ok || fail "datelines: $n, wanted 2"
n=$(grep -c '<signed>' "$X"); [ "$n" -eq 2 ] && ok || fail "signatures: $n, wanted 2"
has "the page break stays with the covering letter" "$X" '<pb n="44"'
has "header title is the covering letter's" "$X" '<title>No. 12. Mr. Oakhurst to Mr. Penwarden.</title>'
check "enclosure valid" $TEIKIT validate "$X"

# ---- numbered paragraphs after an unnumbered one: `3.` followed by `4.` opens a list again;
#      a lone `7.` stays a paragraph
cat > "$TK_TMP/numbered.txt" <<'TXT'
The Consul at Zenda to the Secretary of State

Zenda, May 4, 1921.

1. The harbor board met this morning and heard the agents of the three lines at length.

The agents asked for a reduction of dues which the board declined to consider before the autumn.

3. The board then took up the question of the new pier and deferred it.

4. It adjourned at noon without fixing a date for the next meeting.

The agents will write to the Legation.

7. My telegram of May 2 on the same subject should be read with this one.

The board is not expected to meet again this month.
TXT
X="$TK_TMP/numbered.xml"
$TEIKIT convert -o "$X" "$TK_TMP/numbered.txt" 2>/dev/null
has "item 3 after an unnumbered paragraph" "$X" '<item n="3.">The board then took up'
has "item 4 joins it" "$X" '<item n="4.">It adjourned'
has "a lone numbered paragraph stays a paragraph" "$X" '<p>7. My telegram'
check "numbered valid" $TEIKIT validate "$X"

# ---- a signature with the signer's office on the next line is one closer/signed; a short
#      paragraph after the closing formula and signature is a postscript
cat > "$TK_TMP/ps.txt" <<'TXT'
Mr. Quillane to Mr. Ostrander.

Legation of the United States,
Strelsau, June 9, 1890.

Sir: I have the honor to report that the new tariff was published this morning and takes effect on the first of next month, without the changes the merchants had asked for.

I am, etc.,

Walter P. Quillane,
Minister Resident.

Identical note sent to the consul at Zenda, who will inform the merchants of the port at once.
TXT
X="$TK_TMP/ps.xml"
$TEIKIT convert -o "$X" "$TK_TMP/ps.txt" 2>/dev/null
has "signature with office" "$X" '<signed><persName[^>]*>Walter P. Quillane</persName>,'
n=$(sed -n '/<postscript>/,/<\/postscript>/p' "$X" | grep -c '<p>Identical note sent'); [ "$n" -eq 1 ] && ok || fail "postscript"
check "postscript valid" $TEIKIT validate "$X"

# ---- TAB-separated rows are table/row/cell, across a page marker; a single TAB line is not
printf 'Trade of Ruritania\n\nZenda, May 4, 1921.\n\nThe figures of the last three years follow.\n\nYear\tExport\tImport\n\n1918\t$1,200\t$900\n\n[Page 12]\n\n1919\t$1,350\t$1,020\n\nThe figures show a steady rise, which the Legation expects to continue for some time.\n\nNote\tthis line stands alone.\n\nNo more figures were given in the report of the Ministry this year or the last.\n' > "$TK_TMP/table.txt"
X="$TK_TMP/table.xml"
$TEIKIT convert -o "$X" "$TK_TMP/table.txt" 2>/dev/null
n=$(grep -c '<table>' "$X"); [ "$n" -eq 1 ] && ok || fail "tables: $n, wanted 1"
n=$(grep -c '<row>' "$X"); [ "$n" -eq 3 ] && ok || fail "rows: $n, wanted 3"
has "a cell" "$X" '<cell>\$1,350</cell>'
n=$(sed -n '/<table>/,/<\/table>/p' "$X" | grep -c '<pb n="12"'); [ "$n" -eq 1 ] && ok || fail "the page break stays in the table"
has "a single TAB line stays a paragraph" "$X" '<p>Note'
check "table valid" $TEIKIT validate "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/table.back" "$X" 2>/dev/null
for w in Export 1,020 '\$1,200'; do has "table text rendered ($w)" "$TK_TMP/table.back" "$w"; done

# ---- a person's name with an initial alone on a line (one signer of a petition) is no heading
printf 'Petition of the Merchants\n\nGreytown, May 4, 1891.\n\nWe, the undersigned merchants of the port, ask for the protection of the Government against the new duties.\n\nH. B. Trelawney\n\nwho signs for the firm of Trelawney and Sons, as for the others of the port, at their request.\n\nThe Consul forwarded the petition with a note of his own on the state of the trade.\n' > "$TK_TMP/signers.txt"
X="$TK_TMP/signers.xml"
$TEIKIT convert -o "$X" "$TK_TMP/signers.txt" 2>/dev/null
hasnt "a name is no heading" "$X" '<head><persName[^>]*>H. B. Trelawney'
check "signers valid" $TEIKIT validate "$X"

# ---- the record's own title with its dateline under a catalogue title and a citation: a
#      division with head and opener/dateline; a roster in a transcript ends at the first turn
cat > "$TK_TMP/second.txt" <<'TXT'
Meeting of the Harbor Board With the Minister, June 1931

Cited in A History of the Harbor Board, Chapter 4, Footnote 12

Meeting of the Minister of Marine With the Harbor Board

Board Room, June 3, 1931

In Attendance

Minister of Marine Osric Halloway

Captain Ivo P. Brandt

Mrs. Delia M. Fenwick

HALLOWAY: I asked for this meeting because the pier question cannot wait until the autumn session.

BRANDT: The Board has the plans ready, but the money is not yet voted.

HALLOWAY: Then we shall find it.

BRANDT: We shall be glad to hear where.
TXT
X="$TK_TMP/second.xml"
$TEIKIT convert -o "$X" "$TK_TMP/second.txt" 2>/dev/null
has "second title opens a division" "$X" '<head>Meeting of the Minister of Marine With the <orgName[^>]*>Harbor Board</orgName></head>'
has "its dateline" "$X" '<opener><dateline><placeName[^>]*>Board Room</placeName>,'
has "roster in a transcript" "$X" '<head>In Attendance</head>'
n=$(sed -n '/<list type="participants">/,/<\/list>/p' "$X" | grep -c '<item>'); [ "$n" -eq 3 ] && ok || fail "attendance items: $n, wanted 3"
n=$(grep -c '<sp' "$X"); [ "$n" -ge 4 ] && ok || fail "turns after the roster: $n, wanted 4"
check "second title valid" $TEIKIT validate "$X"

# ---- block quotations: a paragraph that leads in with a colon and the quoted paragraphs
#      after it (the first opens with a quotation mark, the last closes with it; those between
#      may or may not open again, a page break or a list may stand between) go into it as
#      p/quote[@rend='blockquote']/p; near misses: no colon, a quotation that never closes
cat > "$TK_TMP/bq.txt" <<'TXT'
The Consul at Dunmore to the Secretary of State

Dunmore, March 3, 1921.

The harbour board adopted a resolution which reads as follows:

“The board resolves that the north quay be closed until the repairs are done.

The board further resolves that the cost be shared by the port and the town.

[Page 7]

“It asks the town council to name two members of a joint committee.”

The mayor said afterwards that the town would not pay.

The harbour master told me:

“I cannot say when the work will end.

The quay is old and the board is poor.

The clerk of the board added a word of his own in the minutes of the meeting.

“Nothing will be done before the spring,” he wrote.

The pilots sent this list:

“1. Dredging the north channel.

2. Lighting the outer mole.”

Hugh Fielding
TXT
X="$TK_TMP/bq.xml"
$TEIKIT convert -o "$X" "$TK_TMP/bq.txt" 2>/dev/null
has "quotation in the lead-in paragraph" "$X" '<p>The harbour board adopted a resolution which reads as follows: <quote rend="blockquote"><p>“The board resolves'
has "a paragraph that does not open again stays in the quotation" "$X" 'repairs are done.</p><p>The board further resolves'
has "a page break inside the quotation" "$X" 'town.</p><pb n="7" rend="bracketed"/><p>“It asks'
has "the quotation ends with its closing mark" "$X" 'joint committee.”</p></quote></p>'
has "what follows is a paragraph again" "$X" '^ *<p>The mayor said afterwards'
has "an unclosed quotation stays paragraphs" "$X" '^ *<p>The harbour master told me:</p>'
has "a sentence without colon leads in to nothing" "$X" '^ *<p>“Nothing will be done before the spring,” he wrote.</p>'
has "a quoted list" "$X" 'this list: <quote rend="blockquote"><list'
check "block quotations valid" $TEIKIT validate "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/bq.out" "$X" 2>/dev/null
has "the quoted paragraphs render as blocks" "$TK_TMP/bq.out" '^“The board resolves'

# a quotation open where the converter writes out finished blocks (every 16 blocks; the
# lead-in at block 12 to 17): kept whole, no paragraph lost; the lead-in itself is not written
# out before the quotation opens in it (n = 13: the lead-in is the 16th block)
for n in 10 11 12 13 14 15; do
  {
    printf 'The Consul at Dunmore to the Secretary of State\n\nDunmore, March 3, 1921.\n\n'
    i=0; while [ $i -lt $n ]; do i=$((i + 1)); printf 'The board met for the %s time and heard the harbour master.\n\n' "$i"; done
    printf 'The board then adopted the following:\n\n'
    for i in 1 2 3 4 5 6; do printf '\342\200\234Clause %s of the resolution of the board.\n\n' "$i"; done
    printf 'Clause 7 closes the resolution.\342\200\235\n\nThe mayor said the town would not pay.\n\nHugh Fielding\n'
  } > "$TK_TMP/bqf.txt"
  $TEIKIT convert -o "$TK_TMP/bqf.xml" "$TK_TMP/bqf.txt" 2>/dev/null
  tr -d '\n' < "$TK_TMP/bqf.xml" > "$TK_TMP/bqf.flat"
  has "a quotation after a flush opens in its lead-in ($n)" "$TK_TMP/bqf.flat" 'The board then adopted the following: <quote rend="blockquote"><p>“Clause 1 '
  has "a quotation across a flush stays whole ($n)" "$TK_TMP/bqf.flat" 'Clause 5 of the resolution of the board.</p><p>“Clause 6 of the resolution of the board.</p><p>Clause 7 closes the resolution.”</p></quote></p>'
done

# ---- telegram headers without brackets: a document type alone over the title (maybe a
#      classification between) is an opener line and the header's type, not the title; the
#      title may name offices without an article; near miss: `Memorandum` alone over a
#      dateline stays the title
printf 'TELEGRAM SENT\n\nSECRET\n\nSecretary of State to Ambassador\n\nWashington, May 3, 1934\342\200\2246 p.m.\n\nThe Department approves the course you propose and asks you to report the reply by Friday.\n\nHull\n' >"$TK_TMP/tg.txt"
X="$TK_TMP/tg.xml"
$TEIKIT convert -o "$X" "$TK_TMP/tg.txt" 2>/dev/null
has "type line in the opener" "$X" '<opener><seg>TELEGRAM SENT</seg><note type="classification">SECRET</note></opener>'
has "the title under it" "$X" '<head>Secretary of State to Ambassador</head>'
has "title in the header" "$X" '<title>Secretary of State to Ambassador</title>'
has "author without an article" "$X" '<author>Secretary of State</author>'
has "type in the header" "$X" '<term>TELEGRAM SENT</term>'
has "dateline with the hour" "$X" '<opener><dateline><placeName[^>]*>Washington</placeName>, <date when="1934-05-03">May 3, 1934</date>'
check "telegram valid" $TEIKIT validate "$X"
printf 'Memorandum\n\nWashington, July 9, 1934.\n\nThe Minister called this morning and talked at length about the harbour works.\n\nW. P.\n' >"$TK_TMP/tg3.txt"
$TEIKIT convert -o "$TK_TMP/tg3.xml" "$TK_TMP/tg3.txt" 2>/dev/null
has "Memorandum alone is the title" "$TK_TMP/tg3.xml" '<head>Memorandum</head>'

# ---- a list a paragraph leads in to with a colon goes inside it (p/list), page breaks
#      between its items too; a list after a paragraph that ends with a period stays apart
cat > "$TK_TMP/inner.txt" <<'TXT'
The Minister in Ruritania to the Secretary of State

Strelsau, May 3, 1921.

The Secretary General told me that the plan has three parts, which are the following:

(a) a truce of thirty days;

(b) a commission of three neutral members;

[Page 12]

(c) a conference at Geneva in the autumn.

He will report to the Council on Monday. The Regent's answer had two parts.

(a) he accepts the truce;

(b) he asks for time.

Hartley
TXT
X="$TK_TMP/inner.xml"
$TEIKIT convert -o "$X" "$TK_TMP/inner.txt" 2>/dev/null
has "the list inside its lead-in paragraph" "$X" 'are the following: <list rend="numbered"><label>\(a\)</label>'
has "the page break between items goes along" "$X" '</item><pb n="12" rend="bracketed"/><label>\(c\)</label>'
has "the paragraph closes after the list" "$X" 'in the autumn.</item></list></p>'
has "after a period the list stands apart" "$X" 'had two parts.</p>'
check "p/list valid" $TEIKIT validate -q "$X"
$TEIKIT render --to text -o "$TK_TMP/inner.out" "$X" 2>/dev/null
has "text view: the items as blocks" "$TK_TMP/inner.out" '^\(b\) a commission'

# ---- a letter book: a collection's title over letters that each have a title, a dateline
#      and a closer, with no separator lines: each letter a div[@type='document'] under the
#      collection's head, none the enclosure of the first; the header keeps the collection
cat > "$TK_TMP/book.txt" <<'TXT'
Letter book of the Consulate at Zenda, 1894

Mr. Sapt to Mr. Hartley.

Consulate of the United States,
Zenda, March 2, 1894.

Sir: I have the honor to report that the steamer Mabel arrived yesterday with the mails and forty passengers.

I am, etc.,

Fritz Sapt.

Mr. Sapt to the Governor of Zenda.

Consulate of the United States,
Zenda, March 4, 1894.

Sir: I beg to call your attention to the detention of the American schooner Ellen on the 3d instant.

I have the honor to be, Sir, your obedient servant,

Fritz Sapt.

Mr. Sapt to Mr. Hartley.

Consulate of the United States,
Zenda, March 9, 1894.

Sir: The schooner Ellen was released this morning, and her master thanks the Legation.

I am, etc.,

Fritz Sapt.
TXT
X="$TK_TMP/book.xml"
$TEIKIT convert -o "$X" "$TK_TMP/book.txt" 2>/dev/null
count "three letters, each a document" "$X" '<div type="document">' 3
hasnt "no letter an enclosure" "$X" '<div type="enclosure">'
tr -d '\n' < "$X" > "$TK_TMP/book.flat"
has "the collection's title heads the body, the first letter's title its div" "$TK_TMP/book.flat" \
  '<body> *<head>Letter book of the Consulate[^/]*</placeName>, <date[^>]*>1894</date></head> *<div type="document"> *<head><persName[^>]*>Mr. Sapt</persName> to'
count "each letter its dateline" "$X" '<opener><dateline>' 3
count "each letter its closer" "$X" '<closer><salute>' 3
has "the header's title is the collection's" "$X" '<title>Letter book of the Consulate at Zenda, 1894</title>'
hasnt "no author from a letter's title" "$X" '<author>Mr. Sapt</author>'
check "letter book valid" $TEIKIT validate -q "$X"
# near misses: a despatch's number alone over its parties, or a first letter that says it
# transmits papers, make a despatch with enclosures, not a collection
sed '1s/.*/No. 12./' "$TK_TMP/book.txt" > "$TK_TMP/book1.txt"
sed 's/arrived yesterday with the mails/arrived yesterday; I inclose copies of her papers/' "$TK_TMP/book.txt" > "$TK_TMP/book2.txt"
for n in 1 2; do
  $TEIKIT convert -o "$TK_TMP/book$n.xml" "$TK_TMP/book$n.txt" 2>/dev/null
  count "not a collection ($n): the papers are enclosures" "$TK_TMP/book$n.xml" '<div type="enclosure">' 2
done

# ---- notes printed as `1 text` lines at the end, no heading, in one paragraph, their
#      markers superscript numbers glued to the word (`note1`, `Chancellor.2`): each note
#      goes to its marker; without a marker of note 1 the lines stay text
cat > "$TK_TMP/bare.txt" <<'TXT'
The Minister in Ruritania to the Secretary of State

Strelsau, May 3, 1921.

Sir: The Regent received the note1 of April 12 and answered it on the same day through the Chancellor.2

The Chancellor added that the loan of 1919 would be repaid in full.3

I have, etc.,

Albert Hartley

1 Not printed.
2 The Chancellor was Count Rudolf von Strelsau.
3 See the despatch of March 3, p. 41.
TXT
X="$TK_TMP/bare.xml"
$TEIKIT convert -o "$X" "$TK_TMP/bare.txt" 2>"$TK_TMP/bare.err"
has "note 1 at its glued marker" "$X" 'the note<note place="foot" n="1"[^>]*>Not printed.</note> of April 12'
has "note 2 after the period" "$X" 'the Chancellor.<note place="foot" n="2"[^>]*>The Chancellor was'
has "note 3" "$X" 'in full.<note place="foot" n="3"[^>]*>See the despatch of March 3, p. 41.</note>'
hasnt "no postscript of notes" "$X" '<postscript>'
hasnt "no empty note" "$TK_TMP/bare.err" 'has no note text'
check "bare notes valid" $TEIKIT validate -q "$X"
sed 's/note1 of/note of/; s/Chancellor\.2/Chancellor./; s/full\.3/full./' "$TK_TMP/bare.txt" > "$TK_TMP/bare0.txt"
$TEIKIT convert -o "$TK_TMP/bare0.xml" "$TK_TMP/bare0.txt" 2>/dev/null
hasnt "no markers: the numbered lines are no notes" "$TK_TMP/bare0.xml" '<note place="foot"'

# ---- a paragraph broken in the middle of a sentence (by a page break alone on its line, or
#      by a blank line) and going on in small letters is one paragraph, the pb inside it; a
#      paragraph after a full stop, or starting with a capital, stands apart; the same where
#      the converter writes out finished blocks (every 16 blocks)
for n in 0 11 12 13 14; do
  {
    printf 'The Acting Secretary of State to the Ambassador in Ruritania\n\nWashington, April 23, 1921.\n\n'
    i=0; while [ $i -lt $n ]; do i=$((i + 1)); printf 'The board met for the %s time and heard the harbour master.\n\n' "$i"; done
    printf 'The limitations specified in Article V are to be regarded as a\n\n[Page 4]\n\npart of the treaty, and no reservation is needed.\n\n'
    printf 'The treaty was signed at Strelsau, with the reservation of the Senate as\n\nsubmitted by the President.\n\n'
    printf 'The Senate met on Monday\n\nThe President was absent.\n\nPhillips\n'
  } > "$TK_TMP/join.txt"
  X="$TK_TMP/join.xml"
  $TEIKIT convert -o "$X" "$TK_TMP/join.txt" 2>/dev/null
  has "one paragraph across the page break, the pb inside ($n)" "$X" 'to be regarded as a <pb n="4" rend="bracketed"/> part of the treaty, and no reservation is needed.</p>'
  has "one paragraph across a blank line ($n)" "$X" 'Senate</orgName> as submitted by the President.</p>'
  has "a capital after the break: two paragraphs ($n)" "$X" '<p>The President was absent.</p>'
  check "joined paragraphs valid ($n)" $TEIKIT validate -q "$X"
done

# ---- a telegram's first paragraph that is its number and the message it answers alone
#      (`41. My 39, April 6, 4 p.m.`) runs into the next one, as printed; such a line later in
#      the text stays a paragraph
cat > "$TK_TMP/tref.txt" <<'TXT'
The Minister in Ruritania to the Secretary of State

Strelsau, April 7, 1934, 6 p.m.

41. My 39, April 6, 4 p.m.

The Conference yesterday passed the resolution on the loan without a vote.

The Regent has asked for the text.

42. Your 12, April 2, noon.

Hartley
TXT
X="$TK_TMP/tref.xml"
$TEIKIT convert -o "$X" "$TK_TMP/tref.txt" 2>/dev/null
has "the reference runs into the first paragraph" "$X" '<p>41. My 39, April 6, 4 p.m. The Conference yesterday passed'
has "later in the text it stays apart" "$X" '<p>42. Your 12, April 2, noon.</p>'

# ---- --infer-years: a day and month without a year take the year of the document's date,
#      with cert="medium"; without the option they get no date
cat > "$TK_TMP/infer.txt" <<'TXT'
The Consul at Zenda to the Secretary of State

Zenda, May 4, 1921.

The board met on April 28 and will meet again on June 5 unless the weather prevents it.
TXT
X="$TK_TMP/infer.xml"
$TEIKIT convert --infer-years -o "$X" "$TK_TMP/infer.txt" 2>/dev/null
has "inferred year" "$X" '<date when="1921-06-05" cert="medium">June 5</date>'
check "inferred valid" $TEIKIT validate "$X"
$TEIKIT convert -o "$TK_TMP/infer0.xml" "$TK_TMP/infer.txt" 2>/dev/null
hasnt "no inference without the option" "$TK_TMP/infer0.xml" '>June 5</date>'

# conv_flat NAME [OPTIONS]: converts $TK_TMP/NAME.txt to NAME.xml and writes NAME.flat, the
# output on one line with runs of spaces folded and the names and dates unwrapped
conv_flat() {
    n=$1; shift
    $TEIKIT convert "$@" -o "$TK_TMP/$n.xml" "$TK_TMP/$n.txt" 2>/dev/null
    tr -d '\n' < "$TK_TMP/$n.xml" | sed 's/  */ /g; s/<[a-zA-Z]*Name[^>]*>//g; s/<\/[a-zA-Z]*Name>//g; s/<date[^>]*>//g; s/<\/date>//g' > "$TK_TMP/$n.flat"
}

# ---- records of other archives (made up): a UN-style resolution, operative paragraphs
#      `1.`, `2.` with `(a)`, `(b)` under them and `(i)`, `(ii)` under `(a)`: `(i)` after
#      `(a)` is the numeral one, a list inside item (a), not the letter after `(h)`
cat > "$TK_TMP/unres.txt" <<'TXT'
United Nations Economic and Social Council

Resolution adopted by the Council at its 12th meeting, 3 May 1961

The Economic and Social Council,

Recalling its resolution 1 of 1960,

1. Requests the Secretary-General:

(a) To prepare a report on the economic situation of the least developed countries, including:

(i) the state of their external debt;

(ii) the terms of their trade;

(iii) the flow of technical assistance;

(b) To submit the report to the Council at its next session;

2. Invites the specialized agencies to co-operate with the Secretary-General in the preparation of the report;

3. Decides to consider the question again at its next session.
TXT
conv_flat unres; X="$TK_TMP/unres.xml"
has "UN: (a) in item 1" "$TK_TMP/unres.flat" '<item n="1\.">Requests the Secretary-General:<list rend="numbered"> ?<label>\(a\)</label>'
has "UN: (i) a list in item (a)" "$TK_TMP/unres.flat" 'including:<list rend="numbered"> ?<label>\(i\)</label> ?<item n="\(i\)">the state'
has "UN: (iii) ends it, (b) in (a)'s list" "$TK_TMP/unres.flat" 'assistance;</item> ?</list> ?</item> ?<label>\(b\)</label>'
has "UN: 2. back in the outer list" "$TK_TMP/unres.flat" 'session;</item> ?</list> ?</item> ?<label>2\.</label>'
n=$(grep -o '<list rend="numbered">' "$TK_TMP/unres.flat" | wc -l); [ "$n" -eq 3 ] && ok || fail "UN: three lists, $n"
check "UN resolution valid" $TEIKIT validate "$X"

# ---- British cabinet conclusions (made up): `Present:` and `Secretariat:` rosters, then
#      `CONTENTS` (a heading word, no name: the roster ends), then minutes numbered across
#      their headings (`1.` under `Parliament`, `2.` under `Egypt`): numbered paragraphs,
#      not a list of one item; the conclusions `(1)`, `(2)` a list
cat > "$TK_TMP/cabinet.txt" <<'TXT'
CONCLUSIONS of a Meeting of the Cabinet held at 10 Downing Street, S.W.1, on Thursday, 14th March, 1957, at 11 a.m.

Present:

The Right Hon. Harold Macmillan, M.P., Prime Minister (in the Chair)

The Right Hon. R. A. Butler, M.P., Secretary of State for the Home Department

The Right Hon. Selwyn Lloyd, Q.C., M.P., Secretary of State for Foreign Affairs

Secretariat:

Sir Norman Brook

Mr. B. St. J. Trend

CONTENTS

Minute No. Subject

1. Parliament

2. Egypt

Parliament

1. The Cabinet were informed of the business to be taken in the House of Commons in the following week.

Egypt

(Previous Reference: C.C. (57) 18th Conclusions, Minute 2.)

2. The Foreign Secretary said that the Egyptian Government had now replied to the note of 8th March. Their reply did not meet our requirements on the use of the Canal.

The Cabinet -

(1) Took note of the Foreign Secretary's statement.

(2) Invited the Foreign Secretary to circulate a memorandum on the terms of a reply.

Cabinet Office, S.W.1,

14th March, 1957.
TXT
conv_flat cabinet; X="$TK_TMP/cabinet.xml"
has "cabinet: the roster" "$TK_TMP/cabinet.flat" '<list type="participants"> ?<head>Present:</head>'
has "cabinet: secretariat a group of it" "$TK_TMP/cabinet.flat" '<item>Secretariat:<list type="participants"> ?<item>Sir Norman Brook</item> ?<item>Mr\. B\. St\. J\. Trend</item> ?</list>'
hasnt "cabinet: CONTENTS no name" "$TK_TMP/cabinet.flat" '<item>CONTENTS'
has "cabinet: contents a list" "$TK_TMP/cabinet.flat" '<label>1\.</label> ?<item n="1\.">Parliament</item>'
has "cabinet: minute 1 a paragraph" "$TK_TMP/cabinet.flat" '<p>1\. The Cabinet were informed'
has "cabinet: minute 2 a paragraph" "$TK_TMP/cabinet.flat" '<p>2\. The Foreign Secretary said'
has "cabinet: conclusions a list" "$TK_TMP/cabinet.flat" '<label>\(1\)</label> ?<item n="\(1\)">Took note'
check "cabinet conclusions valid" $TEIKIT validate "$X"

# ---- a table of figures typed with runs of spaces (no TAB), a header line of words over
#      it: table/row/cell, one cell a column; two spaces inside a column's words split none;
#      columns of words alone (no figure) are no table
cat > "$TK_TMP/figures.txt" <<'TXT'
Memorandum by the Economic Adviser

Washington, March 3, 1935.

The figures of the trade for the last three years are these:

Year      Exports      Imports      Balance
1932      12,450        9,310        3,140
1933      10,020        9,870          150
1934      11,300       12,900       -1,600

The balance turned against us.  It had not done so since the war.

Chairman      Secretary
Treasurer     Member

Herbert Feis
TXT
conv_flat figures; X="$TK_TMP/figures.xml"
count_rows() { n=$(grep -o "$2" "$TK_TMP/figures.flat" | wc -l); [ "$n" -eq "$3" ] && ok || fail "$1: $n, wanted $3"; }
count_rows "spaced table: one table" '<table>' 1
count_rows "spaced table: four rows" '<row>' 4
count_rows "spaced table: sixteen cells" '<cell>' 16
has "spaced table: header cells" "$TK_TMP/figures.flat" '<row> ?<cell>Year</cell> ?<cell>Exports</cell> ?<cell>Imports</cell> ?<cell>Balance</cell> ?</row>'
has "spaced table: a row of figures" "$TK_TMP/figures.flat" '<row> ?<cell>1934</cell> ?<cell>11,300</cell> ?<cell>12,900</cell> ?<cell>-1,600</cell> ?</row>'
has "two spaces in a sentence: a paragraph" "$TK_TMP/figures.flat" '<p>The balance turned against us\. It had'
hasnt "columns of words: no table row" "$TK_TMP/figures.flat" '<cell>Chairman'
check "spaced table valid" $TEIKIT validate "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/figures.out" "$X" 2>/dev/null
has "text: the row's cells" "$TK_TMP/figures.out" "^1932$(printf '\t')12,450$(printf '\t')9,310"

# ---- a TAB table whose heading row starts with TABs (`<TAB><TAB>Tons`), with two TABs
#      between a name and its figure and a group line ending in TABs: every TAB ends a cell
#      (empty cells kept, the columns stay aligned); an indented sentence is no row
printf '%s\n\n' 'Memorandum by the Consul at Zenda (Hart)' 'Zenda, May 3, 1918.' \
    'The stores at the port were counted on May 1 by the harbour master and two clerks of the consulate, who gave the figures below.' \
    '	The stores were counted on May 1.' '		Tons (estimated)' 'Copper, ingots	}	1, 500' \
    'Rubber		1, 200' 'War materials:		' 'Cartridges	}	3, 000' 'Total		5, 700' \
    'Most of the stores have left by water for the towns of the river, and the rest will follow when the ice is gone from the upper reaches.' \
    'The harbour master expects the last barges to leave in June, if the railway does not take the cartridges before.' \
    'Hart' > "$TK_TMP/tabs.txt"
conv_flat tabs --shape record; X="$TK_TMP/tabs.xml"
has "TAB table: the heading row's empty cells" "$TK_TMP/tabs.flat" '<table> ?<row> ?<cell/> ?<cell/> ?<cell>Tons \(estimated\)</cell> ?</row>'
has "TAB table: two TABs hold an empty cell" "$TK_TMP/tabs.flat" '<row> ?<cell>Rubber</cell> ?<cell/> ?<cell>1, 200</cell> ?</row>'
has "TAB table: trailing TABs, empty last cells" "$TK_TMP/tabs.flat" '<row> ?<cell>War materials:</cell> ?<cell/> ?<cell/> ?</row>'
n=$(grep -o '<row>' "$TK_TMP/tabs.flat" | wc -l); [ "$n" -eq 6 ] && ok || fail "TAB table: six rows, $n"
has "TAB table: an indented sentence a paragraph" "$TK_TMP/tabs.flat" '<p>[[:space:]]*The stores were counted'
check "TAB table valid" $TEIKIT validate "$X"

# ---- an attendance roster typed in blocks (a label line, then one name a line, no blank
#      line between): under a bare `ATTENDANCE` each block is a group of the roster; without
#      it each block is a roster with its label as head; the prose after it is no name
cat > "$TK_TMP/attend.txt" <<'TXT'
Minutes of the Meeting of the Board of Trustees of the Riverside Library

October 12, 1964

ATTENDANCE

Members present:
Mrs. Helen R. Dalton, Chairman
Mr. George W. Pratt
Dr. Samuel T. Okafor

Members absent:
Mr. Walter K. Hume

Also present:
Mr. Frank O. Bell, Librarian

The meeting was called to order at 7:30 p.m. by the Chairman, who welcomed Dr. Okafor.

1. The minutes of the meeting of September 14 were approved as circulated.

2. The Librarian reported that circulation had risen by twelve per cent.
TXT
conv_flat attend; X="$TK_TMP/attend.xml"
has "attendance: the bare label as head" "$TK_TMP/attend.flat" '<list type="participants"> ?<head>ATTENDANCE</head>'
has "attendance: a block a group" "$TK_TMP/attend.flat" '<item>Members present:<list type="participants"> ?<item>Mrs\. Helen R\. Dalton, Chairman</item> ?<item>Mr\. George W\. Pratt</item> ?<item>Dr\. Samuel T\. Okafor</item> ?</list> ?</item>'
has "attendance: the last group" "$TK_TMP/attend.flat" '<item>Also present:<list type="participants"> ?<item>Mr\. Frank O\. Bell, Librarian</item> ?</list> ?</item> ?</list>'
has "attendance: the prose after it a p" "$TK_TMP/attend.flat" '<p>The meeting was called to order'
check "attendance valid" $TEIKIT validate "$X"
sed -e '/^ATTENDANCE$/,+1d' "$TK_TMP/attend.txt" > "$TK_TMP/attend2.txt"
conv_flat attend2
n=$(grep -o '<list type="participants">' "$TK_TMP/attend2.flat" | wc -l); [ "$n" -eq 3 ] && ok || fail "attendance without label: three rosters, $n"
has "attendance without label: a block's label its head" "$TK_TMP/attend2.flat" '<list type="participants"> ?<head>Members absent:</head> ?<item>Mr\. Walter K\. Hume</item> ?</list>'

tk_done
