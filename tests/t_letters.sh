#!/bin/sh
# t_letters.sh: letter furniture of archival records on made-up inputs (docs/convert.md
# "Records"): closing formulas (written out or abbreviated with etc.), the line that says
# for whom a letter is signed, bracketed signatures; and their near misses.
. tests/lib.sh

# has NAME FILE PATTERN / hasnt NAME FILE PATTERN (grep -E on the output)
conv() { $TEIKIT convert -o "$TK_TMP/$1.xml" "$TK_TMP/$1.txt" 2>/dev/null; }

# ---- an abbreviated formula, "For the ...:" and the signature are one closer; a paragraph
#      that starts with "Sincerely" in the middle of the letter stays a paragraph
cat > "$TK_TMP/for.txt" <<'TXT'
The Secretary of State to the Minister in Ruritania (Hartley)

Washington, April 9, 1921.

Sir: The Department has received your despatch of March 3 on the loan.

Sincerely as the Regent may speak, the Department doubts that the terms will hold.

I am [etc.]

For the Secretary of State:

Alvey Crane
TXT
conv for
X="$TK_TMP/for.xml"
has "abbreviated formula: closer/salute" "$X" '<closer><salute>I am <gap[^>]*><desc>etc.</desc></gap></salute>'
has "for whom: in the closer, before signed" "$X" '</salute><seg>For the Secretary of State:</seg><signed>'
has "mid-letter Sincerely stays a p" "$X" '<p>Sincerely as the Regent'
check "valid" $TEIKIT validate -q "$X"

cat > "$TK_TMP/etc.txt" <<'TXT'
Mr. Mills to Mr. Grey

Greytown, June 2, 1894.

Sir: The steamer left on Monday with the mails.

With renewed assurances, etc.,

J. P. Mills.
TXT
conv etc
has "written etc.: closer/salute" "$TK_TMP/etc.xml" '<closer><salute>With renewed assurances, etc.,</salute><signed>'

# ---- a bracketed name or "[File copy not signed.]" where the signature stands: closer/signed
cat > "$TK_TMP/br.txt" <<'TXT'
The Ambassador in Ruritania to the Secretary of State

Strelsau, May 1, 1921.

Sir: I have the honor to report that the Court is closed for the season.

The Regent has left for the mountains and will return in June.

[File copy not signed.]
TXT
conv br
has "unsigned copy: closer/signed" "$TK_TMP/br.xml" '<closer><signed>'
# near miss: a bracketed statement at the end is no signature
sed 's/\[File copy not signed.\]/[Not printed.]/' "$TK_TMP/br.txt" > "$TK_TMP/br2.txt"
conv br2
hasnt "[Not printed.] is no signature" "$TK_TMP/br2.xml" '<closer>'
# near miss: a "For the ...:" line that opens a list is no closer
cat > "$TK_TMP/list.txt" <<'TXT'
Notes on the harbour

The harbour was surveyed in June.

For the following reasons:

The depth is too small.
TXT
conv list
hasnt "For the following reasons: no closer" "$TK_TMP/list.xml" '<closer>'

# ---- an enclosure without a dateline: after the covering letter's formula and signature, a
#      paper's title starts div[@type='enclosure']; without the formula it does not
cat > "$TK_TMP/enc.txt" <<'TXT'
The Minister in Ruritania (Hartley) to the Secretary of State

Strelsau, March 3, 1921.

Sir: I have the honor to enclose a memorandum of my talk with the Regent.

Respectfully yours,

Ambrose Hartley

Memorandum by the Minister in Ruritania (Hartley)

The Regent talked of the loan and of its terms.

He hoped the bankers would wait until the harvest was in.
TXT
conv enc
X="$TK_TMP/enc.xml"
has "covering letter's closer" "$X" '<closer><salute>Respectfully yours,</salute><signed>'
has "enclosure without dateline" "$X" '<div type="enclosure">'
has "enclosure head" "$X" '<head>Memorandum by the Minister'
check "enclosure valid" $TEIKIT validate -q "$X"
# the signature with its office on the next line counts the same
sed 's/^Respectfully yours,$/I have, etc.,/; s/^Ambrose Hartley$/Ambrose Hartley,\
Minister of the United States./' "$TK_TMP/enc.txt" > "$TK_TMP/enc3.txt"
conv enc3
has "enclosure after a signature with office" "$TK_TMP/enc3.xml" '<div type="enclosure">'
grep -v '^Respectfully yours,$' "$TK_TMP/enc.txt" > "$TK_TMP/enc2.txt"
conv enc2
hasnt "no formula: no enclosure" "$TK_TMP/enc2.xml" '<div type="enclosure">'

# ---- brackets of archival editors (tools/inlines.c): a figure corrected in brackets is
#      choice/sic/corr and a date around it is still a date; a name completed with its
#      suffix is an expansion; a bracketed number after a figure with a note of that label
#      stays a footnote
cat > "$TK_TMP/fig.txt" <<'TXT'
Memorandum by the Under Secretary of State

[Washington,] May 2, 1933.

The loan of 27 [26] million dollars was paid on June 3 [4], 1932, in full.

The memorandum was read by W. R. C[astle, Jr.] to the committee.

The credit of 40 [5] was renewed.

Footnotes:
[5] Not printed.
TXT
conv fig
X="$TK_TMP/fig.xml"
has "figure correction: choice" "$X" '<choice><sic>27</sic><corr>26</corr></choice> <note type="sic" place="inline" rend="bracketed">26</note>'
has "date around a correction" "$X" '<date when="1932-06-04">June <choice><sic>3</sic><corr>4</corr></choice>'
has "name with suffix: expansion" "$X" '<expan>C<ex>astle, Jr.</ex></expan>'
hasnt "no note for the expansion" "$X" '<note[^>]*>astle'
has "a note of that label wins" "$X" '40 <note place="foot" n="5"'
check "brackets valid" $TEIKIT validate -q "$X"
$TEIKIT render --to text -o "$TK_TMP/fig.dipl" "$X" 2>/dev/null
has "diplomatic view prints the correction's bracket" "$TK_TMP/fig.dipl" 'loan of 27 \[26\] million'
has "diplomatic view prints the expansion's bracket" "$TK_TMP/fig.dipl" 'C\[astle, Jr.\]'

# ---- headings weighed by evidence (-v says why): outline labels, a number above its
#      title; a person's name is no heading; a sentence that starts with a label word is text
cat > "$TK_TMP/out.txt" <<'TXT'
Minutes of the Board of Trade

May 3, 1972

The board met in the morning and heard the reports of the staff on the harbour works.

ITEM 7.

The harbour dues were raised by ten percent after a short debate among the members.

Agenda item 1.A.: Opening remarks

The chairman opened the meeting and welcomed the new members of the board to the session.

7
The Budget for the Coming Year

The budget was approved without any change by all the members who were present there.

James Brown

Item 3 was approved without debate.

The meeting rose at noon and the members went to lunch together in the old hall.
TXT
$TEIKIT convert -v -o "$TK_TMP/out.xml" "$TK_TMP/out.txt" 2>"$TK_TMP/out.log"
X="$TK_TMP/out.xml"
has "outline label alone" "$X" '<head>ITEM 7.</head>'
has "outline label with title" "$X" '<head>Agenda item 1.A.: Opening remarks</head>'
has "number above its title" "$X" '<head>7'
hasnt "a name is no heading" "$X" '<head>(<persName[^>]*>)?James Brown'
has "label word in a sentence stays text" "$X" '<p>Item 3 was approved'
has "-v: why a heading" "$TK_TMP/out.log" 'heading: an outline label'
has "-v: why not" "$TK_TMP/out.log" "not a heading: a person's name"
check "headings valid" $TEIKIT validate -q "$X"

# ---- a classification line at the top: opener/note[@type='classification'], printed where
#      it stands in both views (no footnote); the same word in a sentence stays text
cat > "$TK_TMP/cls.txt" <<'TXT'
Note of a Meeting of the Harbour Board

LONDON, 19 September 1938

MOST SECRET

The talks went on for some hours and nothing was decided by the members present.

Secret talks were held in May between the two boards and are reported elsewhere.
TXT
conv cls
X="$TK_TMP/cls.xml"
has "classification in the opener" "$X" '</dateline><note type="classification">MOST SECRET</note></opener>'
has "the word in a sentence stays text" "$X" '<p>Secret talks were held'
check "classification valid" $TEIKIT validate -q "$X"
for v in diplomatic normalized; do
  $TEIKIT render --to text --view $v -o "$TK_TMP/cls.$v" "$X" 2>/dev/null
  has "classification printed ($v)" "$TK_TMP/cls.$v" '^MOST SECRET$'
  hasnt "classification is no footnote ($v)" "$TK_TMP/cls.$v" 'Footnotes'
done
$TEIKIT render -o "$TK_TMP/cls.html" "$X" 2>/dev/null
has "classification in the page" "$TK_TMP/cls.html" 'class="note-classification">MOST SECRET<'

# ---- notes without a heading: `1 text`, `2 text` at the end with [1] in the text are the
#      footnotes (their bare labels printed back as they were); without a marker they stay
cat > "$TK_TMP/bare.txt" <<'TXT'
Note of a Meeting of the Harbour Board

LONDON, 19 September 1938

The chairman [1] opened the meeting and the secretary [2] read the minutes of the last one.

The board then rose for the day after hearing the reports of the two committees.

1 Sir John Hale, chairman since 1931.

2 Mary Dunn.

[PRO : HB 12/4]
TXT
conv bare
X="$TK_TMP/bare.xml"
has "bare note 1 at its marker" "$X" 'chairman <note place="foot" n="1" rend="bracketed label-bare">(<persName[^>]*>)?Sir John Hale'
has "bare note 2 at its marker" "$X" '<note place="foot" n="2" rend="bracketed label-bare">(<persName[^>]*>)?Mary Dunn(</persName>)?.</note>'
has "the archive reference after the notes stays text" "$X" '<p><note type="editorial" place="inline" rend="bracketed">PRO : HB 12/4</note></p>'
check "bare notes valid" $TEIKIT validate -q "$X"
$TEIKIT render --to text -o "$TK_TMP/bare.dipl" "$X" 2>/dev/null
has "bare label printed back" "$TK_TMP/bare.dipl" '^1 Sir John Hale'
sed 's/ \[1\]//; s/ \[2\]//' "$TK_TMP/bare.txt" > "$TK_TMP/bare2.txt"
conv bare2
hasnt "no marker: no notes" "$TK_TMP/bare2.xml" 'place="foot"'
has "no marker: the lines stay text" "$TK_TMP/bare2.xml" '<p>2 (<persName[^>]*>)?Mary Dunn(</persName>)?.</p>'

# ---- a dateline that says the paper is undated, with its note of receipt; near miss: a
#      sentence with the word
cat > "$TK_TMP/und.txt" <<'TXT'
The Consul at Harbin (Moser) to the Secretary of State

Harbin, undated. [Received November 24, 1917, 4.05 p.m.]

The railway is closed and the troops have left the city in the night without a word.

The letter was undated and reached us by the railway in the night.

Moser
TXT
conv und
has "undated dateline" "$TK_TMP/und.xml" '<opener><dateline>(<placeName[^>]*>)?Harbin(</placeName>)?, undated.'
has "undated in a sentence stays text" "$TK_TMP/und.xml" '<p>The letter was undated'

# ---- a series number over the title is no title: the title is the line after it
cat > "$TK_TMP/ser.txt" <<'TXT'
Treaty Series No. 898

Agreement Between Ruritania and Graustark Concerning the Harbour Dues

The High Contracting Parties, desirous of settling the dues of the harbour, have agreed as follows.

The dues shall be paid in gold at the rates of the year before the war.
TXT
conv ser
has "series number: opener" "$TK_TMP/ser.xml" '<opener><seg>Treaty Series No. 898</seg></opener>'
has "title after it" "$TK_TMP/ser.xml" '<title>Agreement Between'

# ---- a surname and a period signs the paper when the title names it (`Mr. Adee to Mr.
#      Conger.` / `Adee.`); a signature quoted before the closing formula stays in the text
cat > "$TK_TMP/sur.txt" <<'TXT'
Mr. Adee to Mr. Conger.

Washington, June 2, 1901.

Sir: The Department approves your course and asks you to report daily on the situation.

The Consul telegraphed on the same day as follows:

Report received. Ships sail Monday.

Conger.

Very respectfully, etc.,

Adee.
TXT
conv sur
X="$TK_TMP/sur.xml"
has "surname from the title signs" "$X" '<closer><salute>Very respectfully, etc.,</salute><signed>(<persName[^>]*>)?Adee(</persName>)?.</signed></closer>'
has "a quoted signature before the formula stays text" "$X" '<p>(<persName[^>]*>)?Conger(</persName>)?.</p>'
printf 'Notes of the harbour\n\nThe harbour was surveyed in June by the board and the pilots.\n\nAgreed.\n' > "$TK_TMP/agr.txt"
conv agr
hasnt "one word with a period the title does not name is no signature" "$TK_TMP/agr.xml" '<signed>'

# ---- inner papers: a signed copy with a copyist's certificate, signed in turn, then the
#      next paper: the paper's closer, postscript/p + closer/signed, a new part; near miss:
#      "I certify that ..." in the body of a letter stays a paragraph
cat > "$TK_TMP/cert.txt" <<'TXT'
Mr. Lowe to Mr. Grey.

Greytown, May 4, 1894.

Sir: I inclose copies of two statements made before me this week.

Orlik.

This is a true copy.

T. B. Lowe, Vice-Consul.

Greytown, May 2, 1894.

I certify that on the night of the 2d I saw the steamer leave the harbour without lights and without a pilot on board.

The crew had been paid off in the morning and the cargo was left on the wharf.

H. K. Farrow.

I certify the above to be a true translation.

T. B. Lowe,
Vice-Consul.
TXT
conv cert
X="$TK_TMP/cert.flat"
tr -d '\n' < "$TK_TMP/cert.xml" > "$X" # the patterns span elements on several lines
has "signature before a certificate: closer" "$X" '<closer><signed>(<persName[^>]*>)?Orlik(</persName>)?.</signed></closer>'
has "certificate: postscript/p" "$X" '<postscript>[[:space:]]*<p>This is a true copy.</p>'
has "certificate signature: postscript/closer" "$X" '<p>This is a true copy.</p>[[:space:]]*<closer><signed>'
has "the next paper starts after it" "$X" '</postscript>[[:space:]]*</div>[[:space:]]*<div type="enclosure">'
has "a certificate at the end: postscript/p" "$X" '<postscript>[[:space:]]*<p>I certify the above to be a true translation.</p>'
has "I certify that ... mid-letter stays a p" "$X" '<p>I certify that on the night'
check "valid" $TEIKIT validate -q "$TK_TMP/cert.xml"

# ---- a name that ends with a period over its office (`J. P. Mills.` / `United States
#      Consul.`) is one signature; near miss: one word and a period over a line is no name
printf 'Mr. Mills to Mr. Grey.\n\nGreytown, June 2, 1894.\n\nSir: The steamer left on Monday with the mails.\n\nI am, etc.,\n\nJ. P. Mills.\nUnited States Consul.\n' > "$TK_TMP/offp.txt"
conv offp
has "name. / office: closer/signed" "$TK_TMP/offp.xml" '</salute><signed>(<persName[^>]*>)?J. P. Mills(</persName>)?.$'
printf 'Notes of the harbour\n\nThe harbour was surveyed in June by the board and the pilots.\n\nI am, etc.,\n\nAgreed.\nThe Board.\n' > "$TK_TMP/offn.txt"
conv offn
hasnt "one word. / a line: no signature" "$TK_TMP/offn.xml" '<signed>'

# ---- a paper signed with a formula and a signature, then a short line and more text:
#      another paper (a part with its own title and closer); near miss: a P.S. after the
#      signature stays with the letter
cat > "$TK_TMP/nxt.txt" <<'TXT'
Mr. Lowe to Mr. Grey.

Greytown, May 4, 1894.

Sir: The merchants have written to me on the martial law, as below.

Yours, etc.,

T. B. Lowe,
Vice-Consul.

Farrow & Co. and others to Mr. Lowe.

Dear Sir: The martial law makes all our policies void and the steamers will not call.

We ask you to lay the matter before the commissioner without delay.

Respectfully,

H. K. Farrow.
TXT
conv nxt
X="$TK_TMP/nxt.flat"
tr -d '\n' < "$TK_TMP/nxt.xml" > "$X"
has "the first paper's closer" "$X" '<closer><salute>Yours, etc.,</salute><signed>(<persName[^>]*>)?T. B. Lowe(</persName>)?,Vice-Consul.</signed></closer>[[:space:]]*</div>[[:space:]]*<div type="enclosure">'
has "the next paper's closer" "$X" '<closer><salute>Respectfully,</salute><signed>'
check "valid" $TEIKIT validate -q "$TK_TMP/nxt.xml"
sed -e 's/^Farrow & Co. and others to Mr. Lowe.$/P.S. The steamer is in./' "$TK_TMP/nxt.txt" > "$TK_TMP/nps.txt"
conv nps
hasnt "a P.S. is no new paper" "$TK_TMP/nps.xml" '<div type="enclosure">'

# ---- treaty signature blocks: `For the Government of X:` and the signer, party after party
#      (one paragraph each, or all in one paragraph, a seal after a name), or side by side in
#      columns, are one closer of seg and signed; near misses: such lines in the middle of the
#      text, and a `For the reasons below:` line over prose
for layout in apart together side; do
  {
    printf 'Agreement Between Ruritania and Zenda\n\nThe two Governments agree that the north quay shall be open to the ships of both countries on equal terms.\n\nIn witness whereof the undersigned have signed this agreement.\n\n'
    case $layout in
      apart) printf 'For the Government of Ruritania:\n\nAlbert Hartley\n\nFor the Government of Zenda:\n\nR. J. Castellan\n\nFor the Republic of Graustark:\n\nM. Lopez Sterling\n' ;;
      together) printf 'For the Government of Ruritania:\nAlbert Hartley [seal]\nFor the Government of Zenda:\nR. J. Castellan [seal]\nFor the Republic of Graustark:\nM. Lopez Sterling [seal]\n' ;;
      side) printf 'For the Government of Ruritania:     For the Government of Zenda:     For the Republic of Graustark:\nAlbert Hartley                       R. J. Castellan                  M. Lopez Sterling\n' ;;
    esac
  } > "$TK_TMP/treaty_$layout.txt"
  conv treaty_$layout
  X="$TK_TMP/treaty_$layout.flat"
  tr -d '\n' < "$TK_TMP/treaty_$layout.xml" > "$X"
  has "$layout: the first party in the closer" "$X" '<closer><seg>For the Government of Ruritania:</seg>'
  has "$layout: the last signer signed" "$X" '<signed>(<persName[^>]*>)?M. Lopez Sterling(</persName>)?( <note[^>]*>seal</note>)?</signed></closer>'
  n=$(grep -o '<signed>' "$X" | wc -l); [ "$n" -eq 3 ] && ok || fail "$layout: signed $n, wanted 3"
  hasnt "$layout: no party left a paragraph" "$X" '<p>For the'
  check "$layout: valid" $TEIKIT validate -q "$TK_TMP/treaty_$layout.xml"
done
printf 'Agreement Between Ruritania and Zenda\n\nFor the Government of Ruritania:\nAlbert Hartley\nFor the Government of Zenda:\nR. J. Castellan\n\nThe two Governments agree that the north quay shall be open to the ships of both countries on equal terms and that the dues shall be shared.\n\nFor the reasons below:\nthe board will meet again\n\nThe board adjourned at noon and will meet again when the harbour master has reported on the works.\n' > "$TK_TMP/treaty_mid.txt"
conv treaty_mid
hasnt "signature lines in the middle stay text" "$TK_TMP/treaty_mid.xml" '<closer>'

# ---- a signature with no closing formula: the name (`Hull`, `W. R. Castle, Jr.`) and the
#      signer's office on the next line without a comma (`Jesse Hartley` / `American
#      Ambassador`) are closer/signed; near misses: a short last sentence, a list item, a
#      name over a line that is no office, a paper's title after a signature
printf 'The Ambassador in Ruritania (Hartley) to the Secretary of State\n\nStrelsau, May 3, 1934.\n\nThe Foreign Office has agreed to the proposal of April 28 and will send a delegate to the conference.\n\nJesse Hartley\nAmerican Ambassador\n' > "$TK_TMP/off1.txt"
conv off1
has "name / office, no comma: closer/signed" "$TK_TMP/off1.xml" '<closer><signed>(<persName[^>]*>)?Jesse Hartley(</persName>)?'
has "the office in the signature" "$TK_TMP/off1.xml" 'American Ambassador</signed></closer>'
check "valid" $TEIKIT validate -q "$TK_TMP/off1.xml"
sed 's/^American Ambassador$/and the others agreed/' "$TK_TMP/off1.txt" > "$TK_TMP/off2.txt"
conv off2
hasnt "name / a lower-case line: no closer" "$TK_TMP/off2.xml" '<closer>'
sed 's/^American Ambassador$/Regent Tomorrow Morning/' "$TK_TMP/off1.txt" > "$TK_TMP/off3.txt"
conv off3
hasnt "name / capitalised words without an office: no closer" "$TK_TMP/off3.xml" '<closer>'
printf 'Memorandum by the Under Secretary of State (Castle)\n\nWashington, May 3, 1931.\n\nThe Ambassador called this morning and spoke at length about the naval question.\n\nI told him we would consider the matter.\n\nW. R. Castle, Jr.\n' > "$TK_TMP/sig1.txt"
conv sig1
has "memorandum signed with a name alone: closer/signed" "$TK_TMP/sig1.xml" '<closer><signed>(<persName[^>]*>)?W. R. Castle(</persName>)?, Jr.</signed></closer>'
sed 's/^W. R. Castle, Jr.$/Approved./' "$TK_TMP/sig1.txt" > "$TK_TMP/sig2.txt"
conv sig2
hasnt "a short last sentence is no signature" "$TK_TMP/sig2.xml" '<closer>'
sed 's/^W. R. Castle, Jr.$/No action./' "$TK_TMP/sig1.txt" > "$TK_TMP/sig3.txt"
conv sig3
hasnt "No action. is no signature" "$TK_TMP/sig3.xml" '<closer>'
sed 's/^W. R. Castle, Jr.$/2. Total 1,250 tons/' "$TK_TMP/sig1.txt" > "$TK_TMP/sig4.txt"
conv sig4
hasnt "a numbered item is no signature" "$TK_TMP/sig4.xml" '<closer>'

# ---- a signed paper whose signer's office stands in a paragraph of its own, "For the ...:"
#      between formula and signature, then an enclosed paper: the office stays in the
#      closer, the enclosure opens at the next title (not at the office line)
cat > "$TK_TMP/encl.txt" <<'TXT'
The Ambassador in Ruritania (Hartley) to the Secretary of State

Strelsau, January 19, 1934.

Sir: I have the honor to transmit herewith a copy of a note from the Zendan Minister relative to the boundary negotiations.

The receipt of the note has been acknowledged to him with a statement that it was being forwarded to the Department.

Respectfully yours.

For the Ambassador:

Albert Crane, Jr.

Counselor of Embassy

The Zendan Minister in Ruritania (Lopez) to the American Ambassador in Ruritania (Hartley)

The Minister of Zenda presents his cordial greetings to the Ambassador and has the honor to inform him that delegations will be named.

All antecedents of the case are included in the annexed memorandum.

Strelsau, January 11, 1934.
TXT
conv encl
X="$TK_TMP/encl.xml"
has "covering paper's closer ends with the signature" "$X" '<seg>For the Ambassador:</seg><signed>(<persName[^>]*>)?Albert Crane(</persName>)?, Jr.</signed>'
hasnt "the office line opens no paper" "$X" '<head>Counselor of Embassy</head>'
has "the office line stays in the closer" "$X" "</signed><seg>Counselor of Embassy</seg></closer>"
has "the enclosed paper is a division" "$X" '<div type="enclosure">'
check "valid" $TEIKIT validate -q "$X"

# ---- a despatch with two enclosures without titles or datelines, each signed: after a
#      closing formula and a signature, three paragraphs or more are another paper
#      (div[@type='enclosure']) with its own closer; a courtesy formula that ends `I am,`
#      is a closing formula
cat > "$TK_TMP/desp.txt" <<'TXT'
No. 12.
Mr. Hartley to Mr. Crane.

Legation of the United States,
Strelsau, May 3, 1921.

Sir: I have the honor to transmit herewith copies of two papers on the loan, which the Regent received on Monday.

The Minister of Finance asks for an early answer.

I have, etc.,

Albert Hartley.

Memorandum left at the Legation by the Ruritanian Minister of Finance on May 2.

The loan of 1919 will be repaid in ten yearly instalments, the first of them in January next.

The Government asks only that the interest be lowered to four per cent, as the Regent has proposed.

With the assurances of my high consideration, I am,

Rudolf Elphberg.

Decree of the Council of Regency.

The Council of Regency, having heard the Minister of Finance, orders that the loan be repaid as the memorandum of May 2 proposes.

The decree takes effect on the day of its publication in the official gazette.

I am, etc.,

Fritz von Tarlenheim,
President of the Council.
TXT
conv desp
X="$TK_TMP/desp.xml"
count "three papers: the despatch and two enclosures" "$X" '<div type="enclosure">' 2
has "the covering letter's closer" "$X" '<closer><salute>I have, etc.,</salute><signed>.*Albert Hartley'
has "the first enclosure's closer (I am, at the end of a courtesy)" "$X" \
  '<closer><salute>With the assurances of my high consideration, I am,</salute><signed>(<persName[^>]*>)?Rudolf Elphberg(</persName>)?\.</signed></closer>'
has "the second enclosure's closer" "$X" '<closer><salute>I am, etc.,</salute><signed>Fritz von Tarlenheim,'
hasnt "no signature left as a paragraph" "$X" '<p>(<persName[^>]*>)?(Albert Hartley|Rudolf Elphberg)'
check "valid" $TEIKIT validate -q "$X"

# ---- a postscript signed in its turn (a forwarding note under the letter): postscript/p
#      and postscript/closer, the letter's own closer before it
cat > "$TK_TMP/psig.txt" <<'TXT'
Mr. Hartley to Mr. Crane.

Legation of the United States,
Strelsau, May 3, 1921.

Sir: I have the honor to report that the Regent has left the capital for the mountains.

He will return in June, when the Council meets again.

I have, etc.,

Albert Hartley,
Minister Resident.

Received May 9, 1921, and forwarded to the Department by the pouch of May 12.

Fritz Sapt, Consul.
TXT
conv psig
X="$TK_TMP/psig.xml"
has "the letter's closer" "$X" '<closer><salute>I have, etc.,</salute><signed>'
has "the postscript's own closer" "$X" '<closer><signed><persName[^>]*>Fritz Sapt</persName>, Consul.</signed></closer>'
count "one postscript" "$X" '<postscript>' 1
check "valid" $TEIKIT validate -q "$X"

# ---- a dateline with a note of receipt after it, however long (`. (Received May 11,
#      1894.)`), or with the date only in that note (`Managua. (Received April 1, 1894.)`)
printf 'Mr. Baker to Mr. Gresham.\n\nUnited States Legation,\nBluefields, May 2, 1894. (Received May 11, 1894.)\n\nSir: The steamer left on Monday with the mails.\n\nI am, etc.,\n\nLewis Baker.\n' > "$TK_TMP/rc1.txt"
printf 'Mr. Baker to Mr. Gresham.\n\nLegation of the United States,\nManagua. (Received April 1, 1894.)\n\nWith telegraph down and low water in river, communication uncertain.\n\nBaker.\n' > "$TK_TMP/rc2.txt"
conv rc1; conv rc2
has "date and a long note of receipt: a dateline" "$TK_TMP/rc1.xml" '<opener><dateline>(<placeName[^>]*>)?United States(</placeName>)? Legation,'
has "the date only in the note of receipt: a dateline" "$TK_TMP/rc2.xml" '<opener><dateline><orgName[^>]*>Legation of the United States</orgName>,'
printf 'Mr. Baker to Mr. Gresham.\n\nThe steamer left Managua. (Received the mails on April 1, 1894.)\n\nWith telegraph down, communication uncertain.\n\nBaker.\n' > "$TK_TMP/rc3.txt"
conv rc3
hasnt "a sentence before the note is no dateline" "$TK_TMP/rc3.xml" '<dateline>The steamer'

# ---- annexes signed without a closing formula: after a signature, a short label (`B.`,
#      `Annex C. Mr. Sapt to Mr. Hartley.`) over a dateline opens another paper; a dateline
#      right under a signature is the signer's own and opens nothing
cat > "$TK_TMP/annex.txt" <<'TXT'
Mr. Hartley to Mr. Crane.

Legation of the United States,
Strelsau, May 3, 1921.

Sir: I inclose the statements of the two harbour masters on the detention of the Ellen.

I have, etc.,

Albert Hartley.

A.

Harbour Office, Zenda, April 12, 1921.

The Ellen came in on the 10th with a cargo of timber and was held by the customs.

Her master protested at once, and the protest was sent to the Governor.

Fritz Sapt, Harbour Master.

B.

Harbour Office, Strelsau, April 14, 1921.

The Ellen was released on the 13th, and sailed for Zenda on the same day.

No duty was charged on her cargo.

Rudolf Rassendyll, Harbour Master.

C.

Fritz Sapt certifies to the release of the Ellen:

I certify that the Ellen left the harbour of Zenda on the 14th with all her cargo.

Fritz Sapt, Harbour Master.
TXT
conv annex
X="$TK_TMP/annex.xml"
count "three annexes, each a paper (C. without a dateline)" "$X" '<div type="enclosure">' 3
has "annex B's signature closes it" "$X" '<closer><signed>(<persName[^>]*>)?Rudolf Rassendyll(</persName>)?, Harbour Master.</signed></closer>'
has "annex A's signature closes it" "$X" '<closer><signed><persName[^>]*>Fritz Sapt</persName>, Harbour Master.</signed></closer>'
has "annex B opens with its label and dateline" "$X" '<head>B.</head>'
cat > "$TK_TMP/own.txt" <<'TXT'
The Chargé in Denmark to the Secretary of State

Copenhagen, May 9, 1918.

The following appears in to-day's newspapers:

The Russian representative has declared that the deposits of commercial houses in Russia are secure.

V. Vorovski

Copenhagen, May 8, 1918.

The foregoing is evidently the outcome of the arrival of a number of Russian bankers.

It is said that more of them will come in June.

Grant-Smith
TXT
conv own
hasnt "a dateline under a signature opens no paper" "$TK_TMP/own.xml" '<div type="enclosure">'

# ---- a quoted letter's closing formula, inside the quotation marks, is no closer: the
#      quotation closes with it and the telegram's signature is the closer alone
cat > "$TK_TMP/qf.txt" <<'TXT'
The Consul at Geneva to the Secretary of State

Geneva, November 26, 1934.

354. The Secretary General has handed me a letter addressed to you, of which the following is the text:

“Sir: I have the honor to inform you that the Assembly adopted the report on the dispute.

I have the honor to be, Sir, your obedient servant.”

Gilbert
TXT
conv qf
X="$TK_TMP/qf.xml"
hasnt "the quoted formula is no salute" "$X" '<salute>I have the honor to be, Sir, your obedient servant'
has "the quotation closes with it" "$X" 'your obedient servant.”</p></quote></p>'
has "the signature alone is the closer" "$X" '<closer><signed>(<persName[^>]*>)?Gilbert(</persName>)?</signed></closer>'

# ---- a sworn statement: the deponent's signature closes it, the jurat under it (`Sworn
#      before me ...`) and the officer's signature are its postscript with its own closer
cat > "$TK_TMP/sworn.txt" <<'TXT'
Statement of Fritz Sapt

Harbour Office, Zenda, April 12, 1921.

Fritz Sapt, harbour master of Zenda, states as follows:

On the evening of the 10th the schooner Ellen came in with a cargo of timber and was held by the customs.

Fritz Sapt.

Sworn before me this 13th day of April, 1921.

Rudolf Rassendyll, Acting Consul.
TXT
conv sworn
X="$TK_TMP/sworn.xml"
has "the deponent's signature closes the statement" "$X" '<closer><signed>(<persName[^>]*>)?Fritz Sapt(</persName>)?.</signed></closer>'
has "the jurat is the postscript" "$X" '<postscript>\s*$'
has "the jurat's text" "$X" '<p>Sworn before me this 13th day of'
has "the officer's signature closes the postscript" "$X" '<closer><signed>(<persName[^>]*>)?Rudolf Rassendyll(</persName>)?, Acting Consul.</signed></closer>'

# ---- a seal's mark between the formula and the signature (`[seal.]`, `[l. s.]`) belongs to
#      the closer, the signature after it is signed
cat > "$TK_TMP/seal.txt" <<'TXT'
Mr. Sapt to Mr. Hartley.

Consulate of the United States,
Zenda, August 22, 1894.

Sir: I received last night a communication from two American citizens held at the fort.

I have, etc.,

[seal.]

Fritz Sapt, United States Consul.
TXT
conv seal
X="$TK_TMP/seal.xml"
has "formula, seal and signature in one closer" "$X" '<closer><salute>I have, etc.,</salute><seg>.*seal.*</seg><signed>(<persName[^>]*>)?Fritz Sapt'
hasnt "the seal is no paragraph" "$X" '<p>(<note[^>]*>)?\[?seal'

tk_done
