#!/bin/sh
# t_spoken.sh: shapes, speaker labels, proceedings and plays end to end. One made-up input per
# layout (each fails when its rule is removed), shape near misses, and (with ../shared) the
# shape and the speaker label forms of every corpus file.
. tests/lib.sh
. tests/spoken_lib.sh
nb=$(printf '\302\240')

# --- shapes and near misses
printf 'MR. SMITH: Hello.\n\nMR. JONES: Hi.\n' >"$TK_TMP/two.txt"
conv two; shape two transcript; count two '<sp who=' 2
cat >"$TK_TMP/quote.txt" <<'EOF'
Memorandum of Conversation

The Ambassador called this morning. He said that his government had studied the proposal with care and found it wanting in several respects, which he listed at length.

The Secretary replied that the proposal had been made in good faith and that he would be glad to hear any counter-proposal in the coming weeks.

The exchange in the corridor, as the Secretary recalled it, ran:

AMBASSADOR: We cannot accept it.

SECRETARY: Then say what you can accept.

The Ambassador said that he would consult his government and call again. It was agreed that the press would be told only that the conversation had been cordial and frank.
EOF
conv quote; shape quote record; count quote '<sp[ >]' 0
cat >"$TK_TMP/indented.txt" <<'EOF'
[00:00:01:02]
CDR: We have a light on
     the panel.

[00:00:01:09]
CC: Say again.

[00:00:01:15]
CDR: The master
     alarm, Houston.

[00:00:01:30]
CC: Copy.
EOF
conv indented; shape indented transcript; count indented '<speaker>' 4
has indented "continuation joined to its turn" "<p>The master"

# a time in columns (day hour minute second between spaces or tabs) before an upper-case code,
# continuation lines indented: turns, each with its time as an anchor on the timeline (the
# colon form's id), printed back as it stands; the shape wins with a clear margin
cat >"$TK_TMP/cols.txt" <<'EOF'
00 00 01 02 CDR       We have a light on the panel.
00 00 01 09 CC        Say again.
                      We lost you there.
00 00 01 15 LMP       The master alarm, Houston.
00 00 01 30 CC        Copy.
EOF
conv cols; shape cols transcript; count cols '<sp who=' 4
has cols "who from the code" '<sp who="#lmp">'
has cols "label kept" '<speaker>LMP</speaker>'
has cols "time as an anchor, printed as it stands" '<anchor synch="#tk-T00-00-01-09" n="00 00 01 09" rend="bare"/>'
has cols "the time on the timeline" '<when xml:id="tk-T00-00-01-30" interval="90"'
hasnt cols "the continuation in its turn" '<p>We lost you there.'
pts=$(sed -n 's/.*shape transcript (detected; transcript \([0-9]*\) points, runner-up [a-z]* \([0-9]*\);.*/\1 \2/p' "$TK_TMP/cols.err")
tp=${pts% *}; rp=${pts#* }; [ -n "$pts" ] && [ "$tp" -ge $((rp * 3)) ] && ok || fail "cols: margin too thin ($pts)"
grep -q 'shape-close' "$TK_TMP/cols.err" && fail "cols: a close-shape warning" || ok
$TEIKIT validate "$TK_TMP/cols.xml" >/dev/null 2>&1 && ok || fail "cols: not valid"
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/cols.out" "$TK_TMP/cols.xml" 2>/dev/null
grep -qF '00 00 01 15 LMP' "$TK_TMP/cols.out" && grep -qF 'Say again. We lost you there.' "$TK_TMP/cols.out" && ok || fail "cols: not rendered back as printed"
$TEIKIT convert --spoken -o "$TK_TMP/cols-sp.xml" "$TK_TMP/cols.txt" 2>/dev/null
grep -qF '<annotationBlock who="#cdr" start="#tk-T00-00-01-02" end="#tk-T00-00-01-09">' "$TK_TMP/cols-sp.xml" && ok || fail "cols: --spoken: no timed annotationBlock"
$TEIKIT validate "$TK_TMP/cols-sp.xml" >/dev/null 2>&1 && ok || fail "cols: --spoken not valid"
# the same with tabs, and hours minutes seconds
printf '14\t02\t09\tCDR\tWe have a light.\n14\t02\t15\tCC\tSay again.\n14\t02\t21\tCDR\tA light.\n' >"$TK_TMP/colt.txt"
conv colt; shape colt transcript; count colt '<sp who=' 3
has colt "hh mm ss time" 'synch="#tk-T14-02-15"'
# near misses: a table of numbers in columns (years; rows of two-digit figures after a code)
# stays a record
cat >"$TK_TMP/budget.txt" <<'EOF'
Budget of the Rope Office

The appropriations, in thousands of dollars:

1990 1991 1992 1993 Total
  12   14   15   17    58

10 20 30 TOTAL     60
11 21 31 TOTAL     63

The office asks for no increase.
EOF
conv budget; shape budget record; count budget '<sp[ >]' 0; hasnt budget "no timeline" '<timeline'

# a hearing with a cover page (committee, title, weekday and date, place, participants with
# their offices, PROCEEDINGS): a transcript; an office after a name ('Chair') is no person,
# a weekday before the date no place; the closing proceedings line is between the turns
cat >"$TK_TMP/cover.txt" <<'EOF'
UNITED STATES SENATE

COMMITTEE ON ROPES AND KNOTS

HEARING ON THE SAFETY OF ROPES

Tuesday, March 4, 1997

Washington, D.C.

PARTICIPANTS:

Senator Anna Quill, Chair
Senator Boris Tor
Mr. Carl Knot, Witness

PROCEEDINGS

SENATOR QUILL: The committee will come to order. We meet today to hear about ropes.

SENATOR TOR: Thank you, Madam Chair.

MR. KNOT: Thank you for having me. Ropes are safe when they are tied well.

SENATOR QUILL: And when they are not?

MR. KNOT: Then they are not.

(Whereupon, at 11:02 a.m., the hearing was adjourned.)
EOF
conv cover; shape cover transcript; count cover '<sp who=' 5
hasnt cover "an office is no person" 'xml:id="chair"'
hasnt cover "a weekday is no place" 'place-tuesday'
has cover "proceedings as a direction" '<stage>(Whereupon, at 11:02'
hasnt cover "proceedings not inside the last turn" '          <stage>(Whereupon'

# --- label forms (transcripts)
cat >"$TK_TMP/labels.txt" <<EOF
MR. CARNEY:$nb Welcome aboard.

Q$nb$nb$nb Is the President tired?

MR. CARNEY:$nb Not at all.

Q$nb$nb$nb And tomorrow?

CDR (EVA): Stepping off the ladder.

Stony: Roger, copy.

CC_A1: Stony, say again.

Stony: Roger, I said copy.

CC_A1: Loud and clear.

?: Garbled.

QUESTION: Who pays?

PARTICIPANTS:

ITEM 1. OPENING REMARKS: none were made.

MR. CARNEY:$nb Thank you.
EOF
conv labels; shape labels transcript
has labels "no-break spaces stay in the label" "<speaker>MR. CARNEY:$nb</speaker>"
has labels "Q without a colon" "<speaker>Q$nb$nb$nb</speaker>"
has labels "qualifier kept in speaker" "<speaker>CDR (EVA):</speaker>"
has labels "id from the name, not the qualifier" '<sp who="#cdr">'
has labels "mixed case" "<speaker>Stony:</speaker>"
has labels "underscore" '<sp who="#cc-a1">'
has labels "unknown speaker" "<speaker>?:</speaker>"
hasnt labels "a role is no person" '<person xml:id="question"'
count labels '<sp>' 2
hasnt labels "roster heading is no speaker" "<speaker>PARTICIPANTS:"
hasnt labels "agenda item is no speaker" "<speaker>ITEM 1."
cat >"$TK_TMP/md.txt" <<'EOF'
**Jerod Santo:** Hello, hello. We are back.

**Divya:** Hey! How is it going?

**Jerod Santo:** Got your debate shoes on?

**Divya:** \[16:02\] Socks, today.

**Break:** [17:11]

**Divya:** Back again.
EOF
conv md; shape md transcript
has md "a timestamp in Markdown's escaped brackets" '<anchor synch="#tk-T16-02" n="16:02" rend="bracketed escaped"/> Socks, today.'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/md.out" "$TK_TMP/md.xml" 2>/dev/null
grep -qF '\[16:02\] Socks, today.' "$TK_TMP/md.out" && ok || fail "md: the escaped timestamp not rendered back as printed"
has md "markdown label as printed" "<speaker>**Jerod Santo:**</speaker>"
has md "id from the name inside the emphasis" '<sp who="#jerod-santo">'
hasnt md "a segment marker is no person" '<person xml:id="break"'

# source HTML left in the text: <sub>, <sup> are hi, rendered back as printed
printf 'CC: Switch the O<sub>2</sub> valve at MARK.<sup>T</sup> now.\n\nCDR: Roger, O<sub>2</sub>.\n' >"$TK_TMP/html.txt"
conv html
has html "subscript" 'O<hi rend="sub tagged">2</hi> valve'
has html "superscript" 'MARK.<hi rend="sup tagged">T</hi> now.'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/html.out" "$TK_TMP/html.xml" 2>/dev/null
grep -qF 'Switch the O<sub>2</sub> valve at MARK.<sup>T</sup> now.' "$TK_TMP/html.out" && ok || fail "html: sub/sup not rendered back as printed"

# hearings and depositions: a period after the label
printf 'HEARING BEFORE THE COMMITTEE\n\nThe CHAIRMAN. The committee will come to order.\n\nMr. SMITH. Thank you, Mr. Chairman. I have a statement.\n\nSenator BLAKE. How long is it?\n\nMr. SMITH. Short.\n' >"$TK_TMP/hearing.txt"
conv hearing; shape hearing transcript
has hearing "Mr. SMITH." '<speaker>Mr. SMITH.</speaker>'
has hearing "id from the name" '<sp who="#blake">'
printf 'Q. Where were you born?\n\nA. In Ohio, in 1921.\n\nQ. And your parents?\n\nA. Farmers.\n' >"$TK_TMP/depo.txt"
conv depo; shape depo transcript; count depo '<speaker>Q.</speaker>' 2

# --- proceedings between turns
cat >"$TK_TMP/events.txt" <<'EOF'
CHAIRMAN: The meeting will come to order.

(Laughter.)

MS. LEE: Thank you.

[Whereupon the committee recessed.]

CHAIRMAN: We resume.

(Pause.)

And we go on with the same turn.
EOF
conv events; shape events transcript
# the recess note and the laughter stand between the turns, the pause stays in its turn
awk '/<\/sp>/ { closed = 1; next } closed && /<stage><vocal/ { print "between"; exit }' "$TK_TMP/events.xml" | grep -q between && ok || fail "events: (Laughter.) not between the turns"
awk '/<\/sp>/ { closed = 1; next } closed && /Whereupon/ { print "between"; exit } /<sp/ { closed = 0 }' "$TK_TMP/events.xml" | grep -q between && ok || fail "events: [Whereupon ...] not between the turns"
has events "an event followed by the same speaker stays in the turn" "<stage>(Pause.)</stage>"

# --- plays: Name<TAB>speech, Name. inline, NAME. alone, indented speeches
cat >"$TK_TMP/tab.txt" <<'EOF'
The Visit

Dramatis Personae

Anna, a widow

Boris, her son

Act I

A room with a stove.

Anna	Where is he? _She looks out._ Gone again.

Boris	Here, mother.

Anna	So late?

Boris	The roads were bad.
Snow on the pass,
Ice on the bridge.

Anna and Boris	Goodnight.

Act II

Anna	Morning. I _did_ sleep _coughing_, and—_Rising._ Come.
EOF
conv tab; shape tab play
count tab '<div type="act">' 2
count tab '<sp who=' 6
has tab "scene description before the first speech" "<stage>A room with a stove.</stage>"
has tab "verse cell: one l per line" "<l>Snow on the pass,</l>"
has tab "prose speech is a p" "<p>So late?</p>"
has tab "joint speakers in a TAB row" '<sp who="#anna #boris">'
hasnt tab "no person made of a joint label" 'xml:id="boris-anna"'
# _italics_ in a speech: a direction (a sentence, a participle ending a clause), or emphasis
has tab "an _italic_ sentence in a speech is a direction" '<stage rend="underscored">She looks out.</stage>'
has tab "an _italic_ participle before a comma is a direction" '<stage rend="underscored">coughing</stage>'
has tab "an _italic_ direction after a dash" '—<stage rend="underscored">Rising.</stage> Come.'
has tab "a short _italic_ word is emphasis, kept as printed" 'I _did_ sleep'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/tab.out" "$TK_TMP/tab.xml" 2>/dev/null
grep -qF 'Where is he? _She looks out._ Gone again.' "$TK_TMP/tab.out" && grep -qF 'sleep _coughing_, and—_Rising._ Come.' "$TK_TMP/tab.out" && ok || fail "tab: _italic_ directions not rendered back as printed"
# a cast list: castList/castItem, the role's name in role, the rest in roleDesc; a sentence
# after it is no role
cat >"$TK_TMP/cast.txt" <<'EOF'
THE PERSONS IN THE PLAY


Hugo Vane, a painter
Mrs. Vane (his mother)
A Porter

The action passes in a studio.

ACT I

Hugo.  Mother!

Mrs. Vane.  Hugo.

Hugo.  Again.

Mrs. Vane.  Yes.
EOF
conv cast; shape cast play
count cast '<castItem>' 3
has cast "cast list heading" '<castList><head>THE PERSONS IN THE PLAY</head>'
has cast "role description after a comma" ', <roleDesc>a painter</roleDesc></castItem>'
has cast "role description in parentheses" ' <roleDesc>(his mother)</roleDesc></castItem>'
has cast "a role alone" '<castItem><role>A Porter</role></castItem>'
has cast "a sentence after the cast list is no role" '<p>The action passes in a studio.</p>'
has tab "e-book cast list" '<castList><head>Dramatis Personae</head>'
# a brace joining roles in a cast list: castGroup, a castItem per line with a role per name,
# the shared description after the brace the group's roleDesc
cat >"$TK_TMP/brace.txt" <<'EOF'
THE PERSONS OF THE PLAY

  HENRY MARSH (_a lawyer_)
  ALICE FINCH, MAY ROSS,  }
    and KATE DOYLE        } (_Clerks at the office_)
  OLD TOM
  JOE BELL                }
  SAM WEST                } (_Porters_)

ACT I

HENRY.  Good morning.

ALICE.  Good morning.

HENRY.  Again.

ALICE.  Yes.
EOF
conv brace; shape brace play
count brace '<castGroup>' 2
has brace "a role per name on a brace line" '<castItem><role>ALICE FINCH</role>, <role>MAY ROSS</role>,  }</castItem>'
has brace "the conjunction and the brace stay as printed" '<castItem>and <role>KATE DOYLE</role>        }</castItem><roleDesc>(_Clerks at the office_)</roleDesc>'
has brace "the second group" '<castItem><role>SAM WEST</role>                }</castItem><roleDesc>(_Porters_)</roleDesc></castGroup>'
has brace "a role outside the groups" '<castItem><role>OLD TOM</role></castItem><castGroup>'
count brace '<sp who=' 4
hasnt brace "an act heading ends the cast list" '<role>HENRY.</role>'
# an opening brace: the names after it, the group's description before it (on any line of
# the group); one line with several names after '{' is a group of its own
cat >"$TK_TMP/obrace.txt" <<'EOF'
THE PERSONS OF THE PLAY

  HENRY MARSH (_a lawyer_)
                       { ALICE FINCH
  Clerks at the office { MAY ROSS
                       { KATE DOYLE
  OLD TOM
  Porters { JOE BELL, SAM WEST

ACT I

HENRY.  Good morning.

ALICE.  Good morning.

HENRY.  Again.

ALICE.  Yes.
EOF
conv obrace; shape obrace play
count obrace '<castGroup>' 2
has obrace "names after an opening brace" '<castGroup><castItem>{ <role>ALICE FINCH</role></castItem><roleDesc>Clerks at the office</roleDesc><castItem> { <role>MAY ROSS</role></castItem>'
has obrace "one line with several names after the brace" '<castGroup><roleDesc>Porters</roleDesc><castItem> { <role>JOE BELL</role>, <role>SAM WEST</role></castItem></castGroup>'
cat >"$TK_TMP/inline.txt" <<'EOF'
Release Date: May 1, 2001 [eBook #9]

THE SCENES

ACT I.  A garden.

ACT II.  A hall.

FIRST ACT

SCENE

A garden.

[Jane enters, reading.]

Jane.  I did not expect you.  [Sits.]

Tom.  Nor I you.  I came by the early train,
and walked the rest of the way.

Jane.  [Rising.]  Then you must be tired.

Tom.  Not in the least.

Jane.  Sit down.

Tom.  Thank you.

Yes.  That was all.

END OF THE ACT.
EOF
conv inline; shape inline play
count inline '<sp who=' 6
count inline '<div type="act">' 1
has inline "a list of the acts is paragraphs" '<p>ACT II.  A hall.</p>'
hasnt inline "a bracket with a number sign is no direction" '<stage rend="bracketed">eBook'
has inline "bracketed direction between speeches" '<stage rend="bracketed"><persName ref="#jane">Jane</persName> enters, reading.</stage>'
has inline "bracketed direction inside a speech" '<stage rend="bracketed">Sits.</stage>'
hasnt inline "a sentence 'Yes.' is no speaker" "<speaker>Yes."
hasnt inline "a heading-like line is no speaker" "<speaker>END"
# a direction in parentheses right after the name; joint speakers joined by "and" or "&"
cat >"$TK_TMP/paren.txt" <<'EOF'
ACT I

DORA.  (Taking off her hat.)  So you came after all.

PAUL.  (_To the window._)  The cab is still there.

DORA.  Send it away.  (Aside)  He will not.

PAUL.  I will, (for once) and gladly.

DORA.  (To PAUL)  Then go.

PAUL.  Going.  Bell & Co. (Ltd.) can wait.

DORA.  There (he points) and there (they wave).

DORA AND PAUL.  At last!

Dora and Paul.  Goodnight.

DORA & PAUL.  Goodnight again.
EOF
conv paren; shape paren play
count paren '<sp who=' 10
has paren "a pronoun and its verb in parentheses" '<stage rend="parenthesized">he points</stage>'
has paren "a plural pronoun and its verb in parentheses" '<stage rend="parenthesized">they wave</stage>'
has paren "a parenthesised direction after the name" '<p><stage rend="parenthesized">Taking off her hat.</stage>  So you came'
has paren "a parenthesised _italic_ direction" '<stage rend="parenthesized">_To the window._</stage>'
has paren "a parenthesised cue inside the speech" '<stage type="delivery" rend="parenthesized">Aside</stage>'
has paren "a parenthesised 'To NAME'" '<stage type="delivery" rend="parenthesized">To PAUL</stage>'
hasnt paren "a parenthesised phrase without a sentence stays text" '>for once</stage>'
hasnt paren "(Ltd.) is no direction" '>Ltd.</stage>'
has paren "joint speakers joined by AND" '<sp who="#dora #paul">'
count paren 'who="#dora #paul"' 3
hasnt paren "no person made of a joint label" 'xml:id="dora-paul"'
hasnt paren "no person made of a joint label (inverted)" 'xml:id="paul-dora"'
cat >"$TK_TMP/alone.txt" <<'EOF'
      THE FIRST ACT

ROPER.

[_To MAUD._] Hullo! I'm in luck. Just the chap I'm hunting for, and in a
good temper too, by the look of him.

MAUD.

How are you?

ROPER.

Well, thanks.

  [_LORD FARNCOMBE enters. He is a young man of about twenty-five, shy
  and good-looking._

MAUD.

Welcome.
EOF
conv alone; shape alone play
count alone '<sp who=' 4
has alone "an indented act heading" '<div type="act">'
has alone "speech after the name alone" '<speaker>ROPER.</speaker>'
has alone "wrapped prose is one p" "I'm in luck. Just the chap I'm hunting for, and in a"
has alone "an open bracket block is a stage direction, its bracket in @rend" "<stage rend=\"bracketed unclosed\">_LORD FARNCOMBE enters"
cat >"$TK_TMP/moby.txt" <<'EOF'
The Tragedy of Nobody
**** ACT I ****
**** SCENE I. A hall. ****
     Enter ANNA and BORIS
ANNA
     Who goes there? Speak, and tell me true,
     Or else be gone [ ] the winter night.
BORIS
     It is but I, your son, that stands
     Here at the door.
ANNA
     Well?
ANNA
     Why, then come in, and sit by the fire, for you
     have walked all the long way from the town and
     must be cold to the bone.
     Knocking within
BORIS
     Aside
     Now she will ask again.
ANNA
     The fire of youth, when winter comes,
     Dies not in one night; it lingers on.
     Dies
ANNA BORIS
     Goodnight!
EPILOGUE
     Enter ANNA
ANNA
     So ends our tale.
EOF
conv moby; shape moby play
count moby '<l>' 9
has moby "an empty bracket is a lacuna" '<l>Or else be gone <gap reason="omitted" rend="bracketed"><desc> </desc></gap> the winter night.</l>'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/moby.out" "$TK_TMP/moby.xml" 2>/dev/null
grep -qF 'Or else be gone [ ] the winter night.' "$TK_TMP/moby.out" && ok || fail "moby: the lacuna '[ ]' not rendered back as printed"
has moby "a one-line speech is what the next longer speech is (prose)" '<p>Well?</p>'
has moby "a one-line speech is what the next longer speech is (verse)" '<l>Now she will ask again.</l>'
has moby "a verse line opening with a stage word stays verse" '<l>Dies not in one night; it lingers on.</l>'
has moby "a stage word alone is a direction" '<stage>Dies</stage>'
has moby "prose speech wrapped at lower case is a p" "<p>Why, then come in"
has moby "unbracketed direction in a speech" "<stage>Knocking within</stage>"
has moby "a cue word as a direction" "<stage>Aside</stage>"
has moby "joint speakers" 'who="#anna #boris"'
has moby "epilogue division" '<div type="epilogue">'
# headings in other forms and languages: "ACT II." on the first line (no title above it) and
# "Scene 2." are divisions, not an opener and a heading; German and French act and scene
# words, an ordinal before or after them
cat >"$TK_TMP/actfirst.txt" <<'EOF'
ACT II.

Scene 2.

  _A garden. Evening._

MARY

Where have you been all day?

JOHN

Out in the fields, as always.

MARY

You never tell me anything.

JOHN

There is nothing to tell.
EOF
conv actfirst; shape actfirst play
has actfirst "an act heading on the first line" '<div type="act">'
has actfirst "a scene heading in mixed case" '<head>Scene 2.</head>'
hasnt actfirst "no opener in a play" '<opener>'
printf 'Erster Akt\n\nErste Szene\n\nANNA.  Wo warst du?\n\nPETER.  Im Garten.\n\nANNA.  Den ganzen Tag?\n\nPETER.  Ja.\n\nZweite Szene\n\nANNA.  Komm herein.\n\nPETER.  Gleich.\n' >"$TK_TMP/akt.txt"
conv akt; shape akt play
count akt '<div type="act">' 1
count akt '<div type="scene">' 2
printf 'ACTE PREMIER\n\nSC\303\210NE I\n\nANNE.  Tu es l\303\240?\n\nPIERRE.  Oui.\n\nSc\303\250ne II\n\nANNE.  Entre.\n\nPIERRE.  Oui.\n' >"$TK_TMP/acte.txt"
conv acte; shape acte play
count acte '<div type="act">' 1
count acte '<div type="scene">' 2

# a cast list of 'NAME, description.' lines under 'CHARACTERS:', a play without acts: the
# roles are a castList, and the speeches after it are turns (the cast matter ends at the
# first speech by a name that speaks again)
cat >"$TK_TMP/cast2.txt" <<'EOF'
THE ROPE MAKERS

A Comedy in One Act

CHARACTERS:

ANNA QUILL, a rope maker.
BORIS TOR, her apprentice.
CARL KNOT, a buyer of rope.

The scene is a workshop.

ANNA.  Where is the hemp?

BORIS.  I left it by the door.

CARL.  Good morning!

ANNA.  Good morning, sir.

BORIS.  Another buyer.

CARL.  I want rope.
EOF
conv cast2; shape cast2 play
count cast2 '<castItem>' 3
has cast2 "a role, a comma, a sentence describing it" '<castItem><role>ANNA QUILL</role>, <roleDesc>a rope maker.</roleDesc></castItem>'
count cast2 '<sp who=' 6

# a line of a speech that lost its indent is no speaker: its words are no name
cat >"$TK_TMP/margin.txt" <<'EOF'
THE TALE OF NOBODY

ACT I
ANNA
     Who goes there? Speak, and tell me true,
     Or else be gone into the winter night.
BORIS
     It is but I, your son, that stands
     Here at the door; the wind is cold,
This way came I
     across the hills to find the house.
ANNA
     Then come in, and sit beside the fire.
BORIS
     I will, and gladly.
EOF
conv margin; shape margin play; count margin '<speaker>' 4
hasnt margin "a verse line at the margin is no speaker" '<speaker>This way'
has margin "the line stays in the speech" "This way came I"
# directions without brackets or cue word in the indented layout: a speaker named in the
# labels' capitals, a verb opening a short line or a speech's last line, a pronoun and its
# verb, "... within"; a verse line opening with a verb, and a name in capitals in a sentence,
# stay lines
cat >"$TK_TMP/bare.txt" <<'EOF'
THE LAMP OF NOBODY

ACT I
ANNA
     Who goes there? Speak, and tell me true,
     Or else be gone into the winter night.
     Ghost beckons BORIS
BORIS
     It is but I, your son, that stands here
     Beside the door and waits upon your word.
     Kneeling
     Takes up the lamp
     Distant thunder
     Receives the blessing of his house tonight
     And asks of you the shelter of the hall,
     Here is the letter, signed by BORIS.
     Lays down the lantern
ANNA
     Then rise, and sit beside the fire,
     Points to the chair
     for you are tired.
     A bell within
     They listen
     Aside
     and yet he stays.
BORIS
     Goodnight.
EOF
conv bare; shape bare play
has bare "a speaker's name in capitals: a direction" "<stage>Ghost beckons BORIS</stage>"
has bare "a participle alone: a direction" "<stage>Kneeling</stage>"
has bare "a verb opening four words: a direction" "<stage>Takes up the lamp</stage>"
has bare "a cue word after a word: a direction" "<stage>Distant thunder</stage>"
has bare "a verb opening a speech's last line: a direction" "<stage>Lays down the lantern</stage>"
has bare "'... within': a direction" "<stage>A bell within</stage>"
has bare "a pronoun and its verb: a direction" "<stage>They listen</stage>"
has bare "a bare direction takes no lower-case line after it: the speech goes on" "<stage>Points to the chair</stage>"
has bare "nor does a cue: the speech goes on" "<stage>Aside</stage>"
has bare "a verse line opening with a verb stays verse" "<l>Receives the blessing of his house tonight</l>"
has bare "a name in capitals in a sentence stays verse" "<l>Here is the letter, signed by BORIS.</l>"

# printed line numbers (every fifth line, at the line end or start): l/@n, out of the text,
# rendered back as printed; numbers that are no count of lines (not multiples of 5) stay text
cat >"$TK_TMP/num.txt" <<'EOF'
THE TRAGEDY OF NOBODY

ACT I

SCENE I. A hall.

ANNA.  Who goes there? Speak, and tell me true,
Or else be gone into the winter night,
For I have seen no traveller here tonight,
And none may pass the gate without a word,
Nor stand beside the fire that is not mine.           5

BORIS.  It is but I, your son, that stands here,
And asks of you the shelter of the hall,
Where once I played before the war began,
And where my father kept his hounds and hawks,
And where the winter never seemed so cold.            10

ANNA.  Then come, and sit, and tell me all the news,
And what the roads are like from here to town,
And whether any of the bridges stand,
And whether any of the soldiers came,
Or whether all the country lies in snow.              15

BORIS.  Yes, mother, and I will tell you all of it, though it takes the night,
for the roads were bad and the bridges down, and the soldiers came and went
as they pleased, and nobody asked them where they were going or why.

ANNA.  Go on.
EOF
cat >"$TK_TMP/numfirst.txt" <<'EOF'
The Tragedy of Nobody
**** ACT I ****
**** SCENE I. A hall. ****
     Enter ANNA and BORIS
ANNA
     Who goes there? Speak, and tell me true,
     Or else be gone into the winter night,
     For I have seen no traveller here tonight,
     And none may pass the gate without a word,
  5  Nor stand beside the fire that is not mine.
BORIS
     It is but I, your son, that stands here,
     And asks of you the shelter of the hall,
     Where once I played before the war began,
     And where my father kept his hounds and hawks,
 10  And where the winter never seemed so cold.
ANNA
     Then come, and sit, and tell me all the news,
     And what the roads are like from here to town,
     And whether any of the bridges stand,
     And whether any of the soldiers came,
 15  Or whether all the country lies in snow.
BORIS
     Well?
ANNA
     Well.
BORIS
     Goodnight.
ANNA
     Goodnight.
     Exit
EOF
conv num; shape num play
count num '<l n=' 3
has num "a number at the line end" '<l n="10" rend="numbered">And where the winter never seemed so cold.</l>'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/num.out" "$TK_TMP/num.xml" 2>/dev/null
grep -qF 'And where the winter never seemed so cold. 10' "$TK_TMP/num.out" && ok || fail "num: the line number not rendered back"
conv numfirst; shape numfirst play
has numfirst "a number at the line start" '<l n="15" rend="numbered number-first">Or whether all the country lies in snow.</l>'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/numfirst.out" "$TK_TMP/numfirst.xml" 2>/dev/null
grep -qF '15 Or whether all the country lies in snow.' "$TK_TMP/numfirst.out" && ok || fail "numfirst: the line number not rendered back"
sed 's/cold\.            10$/cold.            12/' "$TK_TMP/num.txt" >"$TK_TMP/numnot.txt"
conv numnot
count numnot '<l n=' 0
has numnot "a number that counts no lines stays text" 'cold.            12</l>'

# in a play every speaker is a character: an office alone ("Captain.") is a person; a voice
# offstage is the speaker it names; "All." and "Voice." stay roles
cat >"$TK_TMP/voice.txt" <<'EOF'
ACT I

Nina	Who is there?

Captain	The watch, madam.

Nina	Come in, then.

Captain	We cannot.

Voice of Nina	Come in!

Ivan’s Voice	Hallo!

Ivan	Hallo again.

All	Goodnight.

Voice	Goodnight.
EOF
conv voice; shape voice play
has voice "an office alone is a character in a play" '<sp who="#captain">'
count voice '<sp who="#nina">' 3 # (Voice of Nina)
count voice '<sp who="#ivan">' 2 # (Ivan’s Voice)
hasnt voice "no person made of a voice" 'xml:id="ivan-s-voice"'
count voice '<sp>' 2

# an e-book's _italic_ direction left open over paragraphs ("_A bell rings ..." / "Curtain._")
cat >"$TK_TMP/run.txt" <<'EOF'
ACT I

Anna	Where is he?

Boris	Gone.

Anna	_Sits._ Gone again.

_A bell rings far away, and the lamps go out one by one across the square.

The snow goes on falling.

Curtain._
EOF
conv run; shape run play
has run "the run's opening paragraph" '<stage>_A bell rings far away'
has run "a paragraph inside the run" '<stage>The snow goes on falling.</stage>'
has run "the run's closing paragraph" '<stage>Curtain._</stage>'
count run '<sp who=' 3

# prologue and epilogue divisions in the paragraph layout ("NAME.  speech")
cat >"$TK_TMP/pro.txt" <<'EOF'
THE WINTER GUEST

PROLOGUE

CHORUS.  Two houses stand upon a frozen hill,
And in them two old quarrels linger still.

ACT I

ANNA.  Where is he?

BORIS.  Gone.

ANNA.  When?

BORIS.  At dawn.

EPILOGUE

CHORUS.  So ends our tale of snow and fire and pride;
Be kind, and let the quarrel here abide.
EOF
conv pro; shape pro play
has pro "a prologue division" '<div type="prologue">'
has pro "an epilogue division" '<div type="epilogue">'
count pro '<div type="act">' 1
count pro '<sp who="#chorus">' 2

# a direction without brackets right after the name: a short sentence opening with a cue of
# the stage-cue table, two blanks after it; a sentence whose subject is a cue word stays speech
cat >"$TK_TMP/lead.txt" <<'EOF'
ACT I

MARY.  Aside.  He never listens.

JOHN.  Sits down by the fire.  Well?

MARY.  Music is the food of love.  Play on.

JOHN.  Exit.

MARY.  Again.

JOHN.  Laughs.
EOF
conv lead; shape lead play
has lead "a cue sentence after the name" '<p><stage>Aside.</stage>  He never listens.</p>'
has lead "a cue with words after it" '<p><stage>Sits down by the fire.</stage>  Well?</p>'
has lead "a speech that is only a cue" '<p><stage>Laughs.</stage></p>'
has lead "a cue word as a sentence's subject stays speech" '<p>Music is the food of love.  Play on.</p>'
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/lead.out" "$TK_TMP/lead.xml" 2>/dev/null
grep -qF 'MARY. Aside. He never listens.' "$TK_TMP/lead.out" && ok || fail "lead: the direction not rendered back as printed"

# --- the rules file extends the label grammar
printf 'label-role COMMENTATOR\nlabel-not DECISION *\n' >"$TK_TMP/words.rules"
printf 'COMMENTATOR: And he scores.\n\nDECISION OF THE BOARD: adopted.\n\nMR. A: Good.\n\nMR. B: Fine.\n' >"$TK_TMP/ext.txt"
conv ext --rules "$TK_TMP/words.rules"
count ext '<sp>' 1
hasnt ext "label-not" "<speaker>DECISION"

# --- a thin margin warns, naming the runner-up and --shape
long="The text of the minutes runs on at some length about the matters that were discussed, with no labels at all, for two hundred characters and more than that: a paragraph of a record."
printf '%s %s\n\n%s %s\n\n%s %s\n\nMR. A: One.\n\nMR. B: Two.\n\nMR. C: Three.\n' "$long" "$long" "$long" "$long" "$long" "$long" >"$TK_TMP/thin.txt"
conv thin
grep -q "warning: read as a .* --shape" "$TK_TMP/thin.err" && ok || fail "thin: no warning naming --shape"

# --- a long record with a few dozen label-like lines among thousands of paragraphs (letters
# signed "Mr. Gresham: ...") stays a record: the label count weighs only where labels are
# at least one unit in ten
{
  for i in $(seq 1 24); do
    for j in $(seq 1 40); do printf '%s\n\n' "$long"; done
    printf 'Mr. Gresham: I transmit herewith a copy of the despatch of the %s instant.\n\n' "$i"
  done
} >"$TK_TMP/sparse.txt"
conv sparse
shape sparse record

# --- every corpus file: its shape, its turns, the label forms it uses
if have_shared; then
  C=$SHARED/corpus
  # file (prefix) | shape | minimum turns | label forms that must be speakers (';'
  # separated) | speakers whose turns have no @who: roles, no persons (QUESTION:, UKN:,
  # MS: of nasa.rules, All, an unnamed Voice)
  while IFS='|' read -r f want min labels roles; do
    [ -n "$f" ] || continue
    src=$(ls "$C"/"$f"*.txt 2>/dev/null | head -1)
    [ -n "$src" ] || { fail "corpus: no $f"; continue; }
    r=""; case $f in *nasa*) r="--rules samples/nasa.rules" ;; esac
    # shellcheck disable=SC2086
    $TEIKIT convert -v $r -o "$TK_TMP/c.xml" "$src" 2>"$TK_TMP/c.err" || { fail "$f: conversion failed"; continue; }
    got=$(sed -n 's/.*note: shape \([a-z]*\) .*/\1/p' "$TK_TMP/c.err" | head -1)
    [ "$got" = "$want" ] && ok || fail "$f: shape $got, wanted $want"
    n=$(grep -o '<speaker>' "$TK_TMP/c.xml" | wc -l | tr -d ' ')
    [ "$n" -ge "$min" ] && ok || fail "$f: $n turns, wanted at least $min"
    echo "$labels" | tr ';' '\n' | while IFS= read -r lab; do
      [ -n "$lab" ] || continue
      grep -qF "<speaker>$lab</speaker>" "$TK_TMP/c.xml" || echo "$f: label form '$lab' not found"
    done >"$TK_TMP/miss"
    [ -s "$TK_TMP/miss" ] && fail "$(cat "$TK_TMP/miss")" || ok
    # no invented persons: every person is a speaker or a name of the text
    grep -q 'xml:id="[^"]*-[0-9][0-9]*"' "$TK_TMP/c.xml" && grep -q '<persName>\[' "$TK_TMP/c.xml" && fail "$f: a person made of a timestamp" || ok
    # every turn has @who, unless its speaker is a role of the file's list (roles are no
    # persons); no label is left in a speech's text (a label the file uses, at the start of
    # a p, l or u)
    awk -v roles=";$roles;" '
      /<sp>/ { open = 1; next }
      open && /<speaker>/ { s = $0; sub(/.*<speaker>/, "", s); sub(/<\/speaker>.*/, "", s)
                            if (index(roles, ";" s ";") == 0) print "turn without @who: " s; open = 0 }
      /<sp / { open = 0 }' "$TK_TMP/c.xml" >"$TK_TMP/nowho"
    [ -s "$TK_TMP/nowho" ] && fail "$f: $(sort -u "$TK_TMP/nowho" | head -3 | tr '\n' ' ')" || ok
    awk 'NR == FNR { if (match($0, /<speaker>[^<]*[.:]<\/speaker>/)) lab[substr($0, RSTART + 9, RLENGTH - 19)] = 1; next }
         { for (x in lab) for (t = 1; t <= 3; t++) {
             tag = t == 1 ? "<p>" : t == 2 ? "<l>" : "<u>"
             if (index($0, tag x " ") || index($0, tag x "\t")) { print "label left in the text: " x; exit } } }' \
      "$TK_TMP/c.xml" "$TK_TMP/c.xml" >"$TK_TMP/left"
    [ -s "$TK_TMP/left" ] && fail "$f: $(cat "$TK_TMP/left")" || ok
  done <<EOF
memo_wilson|record|0|
memo_hac_1972|record|0|
memo_frus1934v04_d564|record|0|
memo_dfat|record|0|
memo_frus_1919|record|0|
letters_dfat|record|0|
letters_pepys|record|0|
interview_wpa|record|0|
transcript_hac_1976|transcript|145|SECRETARY KISSINGER:;PROFESSOR OLIVER:
transcript_conf2007|transcript|64|DR. KISSINGER:;QUESTION:|QUESTION:
transcript_conf2010|transcript|30|QUESTION:|QUESTION:
transcript_whitehouse_2012|transcript|70|MR. CARNEY:$nb;MS. PSAKI:$nb;Q$nb$nb$nb
transcript_whitehouse_2011|transcript|22|SENIOR ADMINISTRATION OFFICIAL:$nb;Q$nb$nb$nb|SENIOR ADMINISTRATION OFFICIAL:$nb
transcript_changelog|transcript|240|**Jerod Santo:**;**Divya:**;**Nick Nisi:**;**Kevin Ball:**|**Break:**
transcript_nasa_apollo13|transcript|10400|CC:;CDR:;CMP:;LMP:|MS:
transcript_nasa_mercury_ma6|transcript|1700|P:;CC:;CT:
transcript_nasa_mercury_mr4|transcript|200|STONY:;BELL 7:;CC:|UKN:
log_nasa_gemini8|transcript|2200|C:;P:;CC:
play_shakespeare_hamlet|play|1137|HAMLET;KING CLAUDIUS;ROSENCRANTZ GUILDENSTERN|All
play_shakespeare_julius_caesar|play|795|BRUTUS;CASSIUS|All
play_shakespeare_twelfth_night|play|923|VIOLA;SIR TOBY BELCH|
play_wilde|play|870|Algernon.;Lady Bracknell.;Miss Prism.
play_pinero|play|460|ROPER.;MRS. UPJOHN.;VON RETTENMAYER.
play_ibsen|play|1293|Nora;Mrs.${nb}Linde;Doctor Rank
play_chekhov|play|660|Lyubov;Varya’s Voice;Voice of Trofimov|Voice
EOF
else
  skip "no ../shared/corpus"
fi
tk_done
