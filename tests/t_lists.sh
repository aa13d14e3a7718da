#!/bin/sh
# t_lists.sh: lists in records on made-up inputs (docs/convert.md "Lists"): label/item pairs
# and how the renderers show them, lettered and parenthesised markers, page breaks inside a
# list, items of several paragraphs, and paragraphs that only look like items.
. tests/lib.sh

# has NAME FILE PATTERN / hasnt NAME FILE PATTERN (grep -E on the output)
# count_lines NAME FILE PATTERN N: the pattern is on exactly N lines
count_lines() { n=$(grep -cE -- "$3" "$2"); [ "$n" -eq "$4" ] && ok || fail "$1: $n lines with /$3/, wanted $4"; }
valid() { if $TEIKIT validate "$2" >/dev/null 2>&1; then ok; else fail "$1"; fi; }
conv() { $TEIKIT convert -o "$TK_TMP/$1.xml" "$TK_TMP/$1.txt" 2>"$TK_TMP/$1.err"; }

# ---- a numbered item is a label (the printed number) and an item (@n keeps it too);
#      bullets have no label, and a bullet after numbered items opens a list of its own
cat > "$TK_TMP/lab.txt" <<'TXT'
Report of the harbour board

The board decided:

1. The quay is to be repaired before winter sets in.

2. The fees stay as they are.

The members noted:

- the weather;
- the cost.
TXT
conv lab; X="$TK_TMP/lab.xml"
has "label before the item" "$X" '<label>1\.</label>'
has "item keeps @n" "$X" '<item n="1\.">The quay'
count "two labels" "$X" '<label>[12]\.</label>' 2
hasnt "no label for a bullet" "$X" '<label>-</label>'
has "bulleted list" "$X" '<list rend="bulleted">'
valid "label/item list valid" "$X"
# the renderers print the number once, before the item's text
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/lab.out" "$X" 2>/dev/null
count_lines "text: the number once" "$TK_TMP/lab.out" '1\.' 1
has "text: number before the item" "$TK_TMP/lab.out" '^1\. The quay'
has "text: bullet before the item" "$TK_TMP/lab.out" '^- the weather'
$TEIKIT render --to html -o "$TK_TMP/lab.html" "$X" 2>/dev/null
count_lines "html: the number once" "$TK_TMP/lab.html" '>1\.<' 1
has "html: number inside the item's li" "$TK_TMP/lab.html" '<li><span class="n">1\.</span> The quay'
hasnt "html: no li of its own for a paired label" "$TK_TMP/lab.html" '<li class="label">'
printf 'A list\n\n1. one;\n\n- two.\n\n2. three.\n' > "$TK_TMP/mix.txt"
conv mix
valid "numbered then bulleted: valid (all items of a list labelled or none)" "$TK_TMP/mix.xml"

# ---- a marker alone on its line: its item's text is the next paragraph; a page break and
#      further paragraphs before the next item belong to the item (item/p, the pb inside)
cat > "$TK_TMP/more.txt" <<'TXT'
Minutes of the harbour board

The board took the following action:

(1)

The quay is to be repaired before the winter storms.

(2) The fees stay as they are for the coming year.

The members added that the fees will be reviewed in the spring.

[Page 4]

A committee of three was named to prepare that review.

(3) Adopted without dissent.

The board then rose, and the members went out to look at the quay together.
TXT
conv more; X="$TK_TMP/more.xml"
has "lone marker: label" "$X" '<label>\(1\)</label>'
has "lone marker: the next paragraph is its item" "$X" '<item n="\(1\)">The quay is to be repaired'
has "item of several paragraphs" "$X" '<item n="\(2\)"><p>The fees stay as they are for the coming year.</p><p>The members added'
has "page break inside the item" "$X" '</p><pb n="4" rend="bracketed"/><p>A committee of three'
has "the last item ends the list" "$X" '<item n="\(3\)">Adopted without dissent.</item>'
has "the paragraph after the list stays one" "$X" '^ *<p>The board then rose'
valid "items of paragraphs valid" "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/more.out" "$X" 2>/dev/null
has "text: the label before the first paragraph" "$TK_TMP/more.out" '^\(2\) The fees stay'
has "text: a further paragraph a block of its own" "$TK_TMP/more.out" '^The members added'
printf 'Decree of the council\n\nThe council decrees:\n\n1. Loans are annulled.\n\n2.\n\n[Page 33]\n\nRemark: the local organs decide.\n\n3. The bank liquidates them.\n' > "$TK_TMP/lone.txt"
conv lone; X="$TK_TMP/lone.xml"
has "lone marker, page break, text: all in the item" "$X" '<item n="2\."><pb n="33" rend="bracketed"/>$'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/lone.out" "$X" 2>/dev/null
has "text: the page break apart from the words after it" "$TK_TMP/lone.out" '\[Page 33\] Remark:'

# ---- a list of another kind of number under an item is a list in that item (a page break
#      among its items stays in it); the outer list goes on with the next number; a marker
#      alone followed by sub-items holds them
cat > "$TK_TMP/nest.txt" <<'TXT'
Report of the harbour board

The board took the following action:

1. The quay is to be repaired.

2. The fees:

(a) stay as they are;

[Page 5]

(b) are reviewed in spring.

A committee was named.

3.

(a) one;

(b) two.

Both were read twice.

4. Adopted.

The board then rose, and the members went out to look at the quay together.
TXT
conv nest; X="$TK_TMP/nest.xml"
has "one outer list, inside the paragraph that leads in to it" "$X" 'following action: <list rend="numbered"><label>1\.</label>'
has "sub-list inside item 2, after its words" "$X" '<item n="2\."><p>The fees:</p><list rend="numbered"><label>\(a\)</label>'
has "page break inside the sub-list" "$X" '</item><pb n="5" rend="bracketed"/><label>\(b\)</label>'
has "a paragraph after the sub-list, before 3., is item 2's" "$X" '</list><p>A committee was named.</p></item>'
has "a marker alone holds its sub-list" "$X" '<item n="3\."><list rend="numbered"><label>\(a\)</label>'
has "then a paragraph of its own" "$X" '</list><p>Both were read twice.</p></item>'
has "the outer list goes on" "$X" '<label>4\.</label>'
valid "nested lists valid" "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/nest.out" "$X" 2>/dev/null
has "text: a marker alone on its line before its sub-list" "$TK_TMP/nest.out" '^3\.$'
has "text: the sub-items as blocks" "$TK_TMP/nest.out" '^\(a\) one;'

# ---- numbered paragraphs of a quotation (`“1.`): the mark and the number stay in the text,
#      no label; a paragraph between an item and the first item of a list of another kind
#      is the item's (its words before its inner list); the outer list goes on after it
cat > "$TK_TMP/quote.txt" <<'TXT'
Memorandum of a conversation

He raised the following points:

(1) The tariff on coffee.

(2) The resolution of the conference, which reads:

“That the states agree:

“1. To consult each other;

“2. To exchange views.

(3) The exchange control article.

He left at noon, saying that he would call again on Monday next at the same hour.
TXT
conv quote; X="$TK_TMP/quote.xml"
has "quoted number kept in the item" "$X" '<item n="&#x201C;2\.">“2\. To exchange views\.</item>'
hasnt "quoted number: no label" "$X" '<label>“'
has "quoted list numbered, not bulleted" "$X" '<list rend="numbered"><item n="&#x201C;1\.">'
has "the paragraph before the inner list is the item's" "$X" '<p>“That the states agree:</p><list'
has "the outer list goes on" "$X" '<label>\(3\)</label>'
valid "quoted list valid" "$X"

# ---- markers in parentheses numbered on, after an unnumbered paragraph: `(2)` then `(3)`
#      open a list; roman numerals; words that number clauses stay in the item's text
cat > "$TK_TMP/forms.txt" <<'TXT'
Despatch of the Legation

The Legation reports as follows on the matters raised in the Department's instruction.

(2) The second point was settled yesterday.

(3) The third point remains open.

The Minister then turned to the treaty, which he had brought with him to the Legation.

The treaty reads:

Article 1. The parties agree to consult each other.

Article 2. The parties renounce war.

He added that the rules of the port were also being revised by the harbour board.

The rules are:

i. no arms;

ii. no troops.

The envoy came and went on the same day, as the Legation had been told he would.

First. The envoy arrived.

Second. The envoy left.
TXT
conv forms; X="$TK_TMP/forms.xml"
has "(2) then (3) open a list" "$X" '<label>\(2\)</label>'
has "roman numerals" "$X" '<label>ii\.</label>'
has "clause word kept in the item" "$X" '<item n="Article 2\.">Article 2\. The parties'
hasnt "clause word: no label" "$X" '<label>Article'
has "ordinal word kept in the item" "$X" '<item n="Second\.">Second\. The envoy left'
valid "marker forms valid" "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/forms.out" "$X" 2>/dev/null
count_lines "text: a clause word printed once" "$TK_TMP/forms.out" 'Article 2\.' 1
printf 'Resolution of the council\n\nThe council resolved:\n\nA \342\200\224The council will meet in May.\n\nB \342\200\224The parties are invited to attend.\n\nThe meeting rose at noon, and the members left the building together.\n' > "$TK_TMP/dash.txt"
conv dash; X="$TK_TMP/dash.xml"
has "upper-case letter before a dash: label" "$X" '<label>B</label>'
has "the item starts at the dash" "$X" '<item n="B">—The parties'

# ---- near-misses: paragraphs that start with a number or look like markers stay paragraphs
cat > "$TK_TMP/near.txt" <<'TXT'
Telegram from the Legation

28. Your 45, May 3, 6 p.m. The Minister received me this morning.

1934. The year opened with a change of government in the capital.

1.5 million pesos were voted for the harbour.

A. Smith called on the Minister this afternoon.

* * * * * *

He said that nothing would change.
TXT
conv near; X="$TK_TMP/near.xml"
hasnt "no list at all" "$X" '<list|<item'
hasnt "no label (but the header's application label)" "$X" '<label>[^t]'
has "a telegram number stays a paragraph" "$X" '<p>28\. Your 45'
has "a year stays a paragraph" "$X" '<p>1934\. The year'
has "an omission line stays a paragraph" "$X" '<p>\* \* \* \* \* \*</p>'

# ---- a programme: time lines (`9:30-10:15: ...`, `14.00 – ...`) and the entries between
#      them are a list[@type='simple'], a day line ending with a colon its head; the line
#      before the first sentence after the last time is a title, not an entry
cat > "$TK_TMP/prog.txt" <<'TXT'
Spring meeting of the river society

Programme

Thursday, 4 May:

9:30-10:15: Arrival and coffee

10:15-11:45: Session 1 - Mills on the lower river

Chair: Ann Fowler, County Archive

"Weirs and their owners," Tom Birch, Millfield College

12:00 - Lunch in the hall

14.00 – 15.30: Session 2 - Bridges

Chair: Paul Grey, River Trust

"Fords before bridges," Mary Lane, Westbank University

Notes on the first session

The society thanks the archive for the use of its rooms.
TXT
conv prog; X="$TK_TMP/prog.xml"
count_lines "one programme list" "$X" '<list type="simple"' 1
has "the day line heads it" "$X" '<head>Thursday, (<date[^>]*>)?4 May(</date>)?:</head>'
has "a time range item" "$X" '<item>9:30-10:15: Arrival'
has "a time and a dash" "$X" '<item>12:00 - Lunch'
has "a dotted time and an en dash" "$X" '<item>14\.00 – 15\.30: Session 2'
has "an entry between times" "$X" '<item>Chair: <persName[^>]*>Ann Fowler'
has "an entry after the last time" "$X" '<item>"Fords before bridges'
hasnt "the title after it is no item" "$X" '<item>Notes on the first'
hasnt "the sentence after it is no item" "$X" '<item>The society thanks'
valid "programme valid" "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/prog.out" "$X" 2>/dev/null
has "text: an entry without a bullet" "$TK_TMP/prog.out" '^9:30-10:15: Arrival'

# ---- near misses: a paragraph that starts with a time once, two times only, a recording's
#      timestamps with seconds
cat > "$TK_TMP/notprog.txt" <<'TXT'
Interview with a ferryman

9:00 was when the first boat left, every morning of the year.

We crossed the river forty times a day.

10:00-11:00: the busiest hour

11:00-12:00: the quiet hour

The pay was poor.
TXT
conv notprog; X="$TK_TMP/notprog.xml"
hasnt "no programme" "$X" '<list|<item'
has "a time at the start of a sentence stays a p" "$X" '<p>9:00 was when'
has "two time lines stay p" "$X" '<p>10:00-11:00: the busiest'
printf '%s\n\n' 'Log of the crossing' '10:15:07 - the engine starts' '10:16:30 - the boat leaves' \
    '10:20:02 - the boat lands' 'The log ends here.' > "$TK_TMP/stamps.txt"
conv stamps
hasnt "timestamps with seconds are no programme" "$TK_TMP/stamps.xml" '<list type="simple"'

# ---- a TAB table inside an item (`II`, its words, the table, a further paragraph, `III`):
#      the table is the item's, the list goes on (one list, three items)
printf '%s\n\n' 'Report on the grain trade' 'The figures are these:' 'I —The harvest was late.' \
    'II' '—Exports of wheat:' 'Year	Tons	Value' '1931	120	$4, 000' '1932	98	$3, 100' \
    'Exports of barley:' 'Year	Tons	Value' '1931	40	$900' '1932	35	$800' \
    'III —The ports were closed in winter.' 'The board adjourned.' > "$TK_TMP/tabitem.txt"
conv tabitem; X="$TK_TMP/tabitem.xml"
count_lines "one list around the tables" "$X" '<list' 1
has "the third item in the same list" "$X" '<item n="III">'
tr -d '\n' < "$X" | sed 's/  */ /g' > "$TK_TMP/tabitem.flat"
n=$(grep -o '<table' "$TK_TMP/tabitem.flat" | wc -l); [ "$n" -eq 2 ] && ok || fail "two tables: $n"
has "the tables inside the second item" "$TK_TMP/tabitem.flat" '<item n="II">[^§]*<table>[^§]*<table>[^§]*</item> *<label>III'
valid "table in an item valid" "$X"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/tabitem.out" "$X" 2>/dev/null
# (diplomatic: the row as the source had it, TAB-separated; normalized: ` | ` between cells)
has "text: the table's row" "$TK_TMP/tabitem.out" "1931$(printf '\t')120$(printf '\t')\\\$4, 000\$"
$TEIKIT render --to text --view normalized -o "$TK_TMP/tabitem.norm" "$X" 2>/dev/null
has "text (normalized): the table's row" "$TK_TMP/tabitem.norm" '1931 \| 120 \| \$4, 000'
has "text: the paragraph after the table" "$TK_TMP/tabitem.out" '^ *Exports of barley'

# ---- a roster in groups (`Present:`, `The Board:`, names, `The Staff:`, names; or the
#      groups without `Present:`): each group an item whose names are a list in it
printf '%s\n\n' 'Minutes of the board of the river society' 'May 4, 1972' 'Present:' 'The Board:' \
    'John A. Smith, Chairman' 'Mary B. Jones' 'Paul C. Brown' 'The Staff:' 'Ann D. Grey, Secretary' \
    'Tom E. White' 'The Chairman opened the meeting at ten o'"'"'clock and welcomed the members of the board and the staff to the spring meeting of the society.' \
    > "$TK_TMP/groups.txt"
conv groups; X="$TK_TMP/groups.xml"
tr -d '\n' < "$X" | sed 's/  */ /g' > "$TK_TMP/groups.flat"
has "the roster under its label" "$TK_TMP/groups.flat" '<list type="participants"> ?<head>Present:</head>'
has "a group: its names a list in its item" "$TK_TMP/groups.flat" '<item>The Board:<list type="participants"> ?<item><persName[^>]*>John A\. Smith</persName>, Chairman</item>'
has "the second group its own item" "$TK_TMP/groups.flat" '</list></item> ?<item>The Staff:<list'
has "the text after it a p" "$X" '<p>The Chairman opened'
valid "grouped roster valid" "$X"
sed -e '/^Present:$/,+1d' "$TK_TMP/groups.txt" > "$TK_TMP/bare.txt"
conv bare; tr -d '\n' < "$TK_TMP/bare.xml" | sed 's/  */ /g' > "$TK_TMP/bare.flat"
has "groups without label: nested" "$TK_TMP/bare.flat" '<item>The Board:<list type="participants"> ?<item>'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/groups.out" "$X" 2>/dev/null
has "text: a name alone on its line" "$TK_TMP/groups.out" '^ *Mary B\. Jones$'

# ---- numbered paragraphs whose first number is printed inside a paragraph, after a
#      telegram's serial number or a salutation (`57. 1. ...`, `Sir: (1) ...`): the
#      paragraphs after it (`2.`, `(2)`) stay paragraphs, not a list without its item 1
cat > "$TK_TMP/glued.txt" <<'TXT'
The Consul at Zenda (Hart) to the Foreign Office

Zenda, May 3, 1931.

57. 1. The delegates met this morning and heard the report of the harbour commission.

2. The report was adopted without a vote after a short debate.

3. The next meeting will be held in June.

Hart
TXT
conv glued; X="$TK_TMP/glued.xml"
hasnt "glued: no list" "$X" '<list rend'
has "glued: the second paragraph a p" "$X" '<p>2\. The report was adopted'
has "glued: the third too" "$X" '<p>3\. The next meeting'
printf '%s\n\n' 'The Commander to the Secretary' 'Sir: (1) In my last letter I referred to the harbour.' \
    'The chief has not replied yet.' '(2) The troops stay on shore for the present.' \
    '(3) The coal is low and more is needed.' 'I have, etc.,' 'J. Hart' > "$TK_TMP/glued2.txt"
conv glued2; X="$TK_TMP/glued2.xml"
hasnt "glued after a salutation: no list" "$X" '<list rend'
has "glued after a salutation: (2) a p" "$X" '<p>\(2\) The troops'
# a misprinted number in such paragraphs (`(3)`, then `(2)` again, `(3)`) stays a paragraph
printf '%s\n\n' 'The Commander to the Secretary' 'Sir: (1) In my last letter I referred to the harbour.' \
    '(2) The troops stay on shore for the present.' '(3) The coal is low and more is needed.' \
    '(2) I accordingly went on board the steamer.' '(3) She sailed at noon.' 'I have, etc.,' 'J. Hart' \
    > "$TK_TMP/glued4.txt"
conv glued4; X="$TK_TMP/glued4.xml"
hasnt "glued, misprinted: no list" "$X" '<list rend'
has "glued, misprinted: a p" "$X" '<p>\(2\) I accordingly'
# a list of another kind after the glued number (`35. 1. ...:`, `(a)`, `(b)`), then `2.`:
# the lettered list is a list, `2.` and `3.` stay paragraphs
printf '%s\n\n' 'The Consul to the Secretary' '35. 1. The Commission reports the following:' \
    '(a) The parties met on May 2.' '(b) They could not agree.' '2. The Secretary General asks for support.' \
    '3. Nothing is public yet.' 'Hart' > "$TK_TMP/glued5.txt"
conv glued5; X="$TK_TMP/glued5.xml"
has "glued, then a lettered list" "$X" '<label>\(b\)</label>'
has "glued, after the list: 2. a p" "$X" '<p>2\. The Secretary General'
has "glued, after the list: 3. a p" "$X" '<p>3\. Nothing is public'
# an ordinal printed inside the first paragraph (`“7. First. ...`): `Second.`, `Third.` stay
# paragraphs
printf '%s\n\n' 'The Secretary to the Ambassador' '11. For the committee.' \
    '“7. First. We defer to your judgment on the loan.' 'Second. Our suggestion rested on its security.' \
    'Third. We see the difficulties you have had.”' 'Hull' > "$TK_TMP/glued6.txt"
conv glued6; X="$TK_TMP/glued6.xml"
hasnt "glued ordinal: no list" "$X" '<list rend'
has "glued ordinal: Second. a p" "$X" '<p>Second\. Our suggestion'
# without the glued number the same paragraphs are a list (`2.` then `3.` opens one)
sed -e 's/^57\. 1\. /57. /' "$TK_TMP/glued.txt" > "$TK_TMP/glued3.txt"
conv glued3; X="$TK_TMP/glued3.xml"
has "not glued: a list from 2." "$X" '<label>2\.</label>'

# ---- a quoted list (`“1. ...`, `2. ...`, `3. ...”`): one list, every number in its
#      item's text (TEI: a list's items have labels or none); a quoted article too
cat > "$TK_TMP/quoted.txt" <<'TXT'
The Minister in Zenda (Hart) to the Foreign Office

Zenda, May 3, 1931.

Following is the statement the President prepared:

“1. After the rejection of the formula the League examined the dispute.

A committee now studies the matter.

2. The formula consists of a meeting of plenipotentiaries.

3. Zenda will examine the questions which separate the parties.”

“Article 1. The parties deplore the events at the frontier.

Article 2. The treaty of 1922 stands.

Article 3. The negotiations go on through the usual channels.”

Hart
TXT
conv quoted; X="$TK_TMP/quoted.xml"
count_lines "quoted: no label" "$X" '<label>[^t]' 0
tr -d '\n' < "$X" | sed 's/  */ /g' > "$TK_TMP/quoted.flat"
has "quoted: one list, three items" "$TK_TMP/quoted.flat" '<list rend="numbered"> ?<item n="&#x201C;1\.">(<p>)?“1\.[^§]*</item> ?<item n="2\.">(<p>)?2\. The formula[^§]*</item> ?<item n="3\.">3\. '
has "quoted article opens the list" "$TK_TMP/quoted.flat" '<item n="&#x201C;Article 1\.">“Article 1\. The parties'
has "quoted article: the next one in it" "$TK_TMP/quoted.flat" '</item> ?<item n="Article 2\.">Article 2\.'
valid "quoted lists valid" "$X"

# ---- upper-case roman numerals: alone on a line they number sections, not items (`I`,
#      paragraphs, `II`); `I. ...` then `II. ...` is a list; `V. Smith` is an initial;
#      a section number (`III. Conclusion.`) after an open list is no item of it
cat > "$TK_TMP/roman.txt" <<'TXT'
Report on the exchange problem

I

The problem which we were asked to study is mainly a result of the depression.

There are three ways out:

(1) To fund the frozen credits.

(2) To restrict imports of luxuries.

II. Conclusion.

It is apparent that the Government has a choice of two courses.

The terms proposed are these:

I. Hostilities cease within a day.

II. The armies withdraw within forty days.

III. Prisoners are repatriated.

The report was signed by

V. Smith
TXT
conv roman; X="$TK_TMP/roman.xml"
hasnt "roman alone: no item" "$X" '<label>I</label>'
has "roman alone: a paragraph" "$X" '<p>I</p>|<head>I</head>'
hasnt "section number after a list: no item" "$X" '<item n="II\.">Conclusion'
has "roman list: I." "$X" '<label>I\.</label>'
has "roman list: III." "$X" '<item n="III\.">Prisoners'
count "roman list: three labels" "$X" '<label>I{1,3}\.</label>' 3
hasnt "an initial is no item" "$X" '<label>V\.</label>'
valid "roman lists valid" "$X"

# ---- ordinals with a colon, semicolon or comma (`First: That ...`, `Second: That ...`)
#      are a list when the next one follows (`First, as regards ...` alone is a sentence);
#      `No. I.`, `No. II.` number articles like `Article 1.` (the words stay in the text)
printf '%s\n\n' 'Memorandum of the harbour board' 'The board asks two things:' \
    'First: That the quay be repaired before the winter.' 'Second: That the fees stay as they are.' \
    'First, as regards the trade agreement, the board saw no difficulty at all.' \
    'The agreement reads:' 'No. I. The commissioner will organize a police force.' \
    'No. II. The council will consist of five persons.' > "$TK_TMP/ordinal.txt"
conv ordinal; X="$TK_TMP/ordinal.xml"
has "ordinal with a colon: an item" "$X" '<item n="First:">First: That the quay'
has "the next one too" "$X" '<item n="Second:">Second: That the fees'
has "ordinal and comma alone: a sentence" "$X" '<p>First, as regards'
has "No. I.: an item" "$X" '<item n="No\. I\.">No\. I\. The commissioner'
has "No. II. in the same list" "$X" '<item n="No\. II\.">No\. II\. The council'
count_lines "ordinals: no label" "$X" '<label>[^t]' 0
valid "ordinal lists valid" "$X"

# ---- a treaty's articles in sections: a section number (`II.`) or a heading the plain
#      text printed in lower case (small capitals lost: `title iii`, `duties and rank`)
#      between two articles ends the list, and the next article opens a new one (the
#      numbers resume: `Article 3.` after `Article 2.`)
printf '%s\n\n' 'Agreement on the harbour mission' 'The parties agree as follows:' \
    'Article 1. The mission shall serve two years.' 'Article 2. The mission shall have four members.' \
    'II.' 'Article 3. The members shall keep their rank.' 'Article 4. The members shall be paid monthly.' \
    'title iii' 'duties and rank' 'Article 5. The members shall obey the ministry.' \
    'Done at Zenda in two copies, the third day of May, nineteen hundred and thirty-four.' > "$TK_TMP/treaty.txt"
conv treaty; X="$TK_TMP/treaty.xml"
tr -d '\n' < "$X" | sed 's/  */ /g' > "$TK_TMP/treaty.flat"
n=$(grep -o '<list rend="numbered">' "$TK_TMP/treaty.flat" | wc -l); [ "$n" -eq 3 ] && ok || fail "treaty: three lists, $n"
has "treaty: the section number between the lists" "$TK_TMP/treaty.flat" 'Article 2\. The mission shall have four members\.</item> ?</list>(</p>)? ?<(p|head)>II\.</(p|head)> ?<list rend="numbered"> ?<item n="Article 3\.">'
has "treaty: a lowered heading ends the list" "$TK_TMP/treaty.flat" 'paid monthly\.</item> ?</list> ?<(p|head)>title iii</(p|head)>'
has "treaty: the next list after it, of one article (the numbers resume)" "$TK_TMP/treaty.flat" '<list rend="numbered"> ?<item n="Article 5\.">[^<]*</item> ?</list>'
valid "treaty valid" "$X"

# ---- more number forms: an ordinal in parentheses (`(1st)`, `(2d)`), a number and a colon
#      (`1:`, a list only when `2:` follows), a number the editor supplied in brackets
#      (`[3.]`, `[(c)]`: the bracket is the label, the list goes on), a misprinted number
#      and its correction (`6 [5?].`: the list reads 5)
printf '%s\n\n' 'Memorandum of the harbour board' 'The board agreed:' '(1st) The quay is repaired.' \
    '(2d) The fees stay.' 'The estimates follow.' '1: The cost is ten thousand dollars.' \
    '2: The work takes a year.' 'The points are these.' '(a) The quay.' '(b) The fees.' '[(c)] The crane.' \
    '(d) The sheds.' 'Also these.' '1. The roads.' '2. The bridges.' '[3.] The canals.' '4. The locks.' \
    '6 [5?]. The docks.' 'The board adjourned at noon.' > "$TK_TMP/forms.txt"
conv forms; X="$TK_TMP/forms.xml"
has "(1st): a label" "$X" '<label>\(1st\)</label>'
has "(2d) follows it" "$X" '<label>\(2d\)</label>'
has "1: a label" "$X" '<label>1:</label>'
has "2: follows it" "$X" '<item n="2:">The work'
has "[(c)] a label" "$X" '<label>\[\(c\)\]</label>'
has "(d) in the same list" "$X" '<label>\(d\)</label>'
count_lines "(a) to (d): one list" "$X" '<label>\((a|b|d)\)</label>' 3
has "[3.] a label" "$X" '<label>\[3\.\]</label>'
tr -d '\n' < "$X" | sed 's/  */ /g' > "$TK_TMP/forms.flat"
has "[3.] and 4. in the list of 1." "$TK_TMP/forms.flat" '<label>2\.</label> ?<item n="2\.">The bridges\.</item> ?<label>\[3\.\]</label> ?<item n="\[3\.\]">The canals\.</item> ?<label>4\.</label>'
has "a misprinted number and its correction: the last item" "$TK_TMP/forms.flat" '<label>4\.</label> ?<item n="4\.">The locks\.</item> ?<label>6 \[5\?\]\.</label>'
valid "number forms valid" "$X"

# ---- an item whose marker stands alone on its line is a section: its paragraphs run up to
#      the next marker further than 8 paragraphs (`2.` alone, ten paragraphs, `3.` alone)
{ printf '%s\n\n' 'Summary of the drafts' '1. A letter was sent to the Foreign Ministers.' '2.' \
    'A draft treaty of peace and amity.'
  for n in I II III IV V VI VII VIII IX X; do printf '%s\n\n' "Article $n provides for one more matter of the treaty."; done
  printf '%s\n\n' '3.' 'A draft treaty of fraternity.' 'Article II states the aim of the union.' ; } > "$TK_TMP/sections.txt"
conv sections; X="$TK_TMP/sections.xml"
count_lines "sections: one list" "$X" '<list rend' 1
has "sections: the third item in it" "$X" '<label>3\.</label>'
tr -d '\n' < "$X" | sed 's/  */ /g' > "$TK_TMP/sections.flat"
has "sections: item 2 holds its ten paragraphs" "$TK_TMP/sections.flat" '<item n="2\.">(<p>[^<]*</p> ?){11}</item> ?<label>3\.</label>'
valid "sections valid" "$X"

tk_done
