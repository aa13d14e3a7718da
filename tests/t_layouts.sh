#!/bin/sh
# t_layouts.sh: transcripts and plays in the layouts of other archives (a UN verbatim record, a
# parliamentary debate, a radio transcript, a focus group, a congressional hearing, a
# deposition, an oral history, a screenplay, an e-book play, a chat log), each made up here
# (never a copy of a corpus file): the shape, every label, the @who ids (one per person, roles
# none), directions and events between the turns, valid and lossless. Each part fails when the
# rule it is about is removed; near misses stay what they are.
. tests/lib.sh
. tests/spoken_lib.sh
# calm NAME: no thin-margin warning
calm() { if grep -q 'shape-close' "$TK_TMP/$1.err"; then fail "$1: a close-shape warning"; else ok; fi; }
# persons NAME WANT: the ids of the personography, sorted, space-separated
persons() { got=$(grep -o '<person xml:id="[^"]*"' "$TK_TMP/$1.xml" | sed 's/.*id="//; s/"//' | sort | tr '\n' ' ' | sed 's/ $//'); if [ "$got" = "$2" ]; then ok; else fail "$1: persons '$got', wanted '$2'"; fi; }
# lossless NAME...: the text view gives back every word of the source (as a multiset of
# whitespace-separated tokens, as t_lossless.sh compares), and its body (after the title
# block the renderer writes) no word that is not in the source
tokens() { tr -s ' \t\r\n' '\n\n\n\n' | sed '/^$/d' | LC_ALL=C sort; }
lossless() {
  for n in "$@"; do
    $TEIKIT render --to text --view diplomatic -o "$TK_TMP/$n.back" "$TK_TMP/$n.xml" 2>/dev/null
    tokens <"$TK_TMP/$n.txt" >"$TK_TMP/$n.a"; tokens <"$TK_TMP/$n.back" >"$TK_TMP/$n.b"
    sed '1,/^$/d' "$TK_TMP/$n.back" | tokens >"$TK_TMP/$n.body"
    lost=$(LC_ALL=C comm -23 "$TK_TMP/$n.a" "$TK_TMP/$n.b" | head -3 | tr '\n' ' ')
    made=$(LC_ALL=C comm -13 "$TK_TMP/$n.a" "$TK_TMP/$n.body" | head -3 | tr '\n' ' ')
    if [ -z "$lost$made" ]; then ok; else fail "$n: not lossless (lost: $lost; invented: $made)"; fi
  done
}
valid() { files=; for n in "$@"; do files="$files $TK_TMP/$n.xml"; done; if $TEIKIT validate $files >"$TK_TMP/valid.out" 2>&1; then ok; else fail "not valid: $(head -3 "$TK_TMP/valid.out")"; fi; }

# --- a UN verbatim record: "Mr. Dupont (France) (spoke in French):" (two qualifiers), "The
# President:" (an office, no person), each delegate speaking once: mixed-case labels with a
# qualifier are labels at first sight; the dot leaders of the roster are no turn
cat >"$TK_TMP/un.txt" <<'EOF'
Security Council                                   S/PV.0001
Meeting 0001, Monday, 2 March 2026, 3 p.m.

President:   Ms. Ekwueme  . . . . . . . . . . . . . . (Ghana)

Members:     Chile  . . . . . . . . . . . . . . . . . .  Mr. Alvarado
             Norway . . . . . . . . . . . . . . . . . .  Mr. Haugen

The meeting was called to order at 3.10 p.m.

The President: I welcome the Ministers present. I now give the floor to Mr. Haugen.

Mr. Haugen (Norway) (spoke in Norwegian): Norway thanks the presidency for this debate.

Mr. Alvarado (Chile) (spoke in Spanish): Chile joins the statement just made.

The President: I now make a statement in my national capacity.

Ghana supports the text before the Council.

The meeting rose at 4.05 p.m.
EOF
conv un; shape un transcript; calm un
has un "two qualifiers kept in the label" '<speaker>Mr. Haugen (Norway) (spoke in Norwegian):</speaker>'
has un "id from the name before the qualifiers" '<sp who="#alvarado">'
count un '<sp[ >]' 4
hasnt un "a roster line with a dot leader is no turn" '<speaker>President:</speaker>'
hasnt un "no person from a qualifier" 'xml:id="norway"'
# the proceedings printed without brackets: a stage between the turns (the event table)
awk '/<\/sp>/ { closed = 1; next } /<sp[ >]/ { closed = 0 } closed && /<stage>The meeting rose at 4.05 p.m.<\/stage>/ { print "between"; exit }' "$TK_TMP/un.xml" | grep -q between && ok || fail "un: 'The meeting rose ...' not a stage between the turns"
has un "the President's speech goes on in its turn" 'supports the text before the Council.</p>'
# near miss: a paragraph of speech that opens with an event's words but says more
printf 'MR. HALE: I was there that day.\n\nThe meeting rose at noon. Then we went to lunch and talked for an hour.\n\nMS. ORR: So did I.\n' >"$TK_TMP/un3.txt"
conv un3
hasnt un3 "two sentences are speech, not an event" '<stage>The meeting rose'
# a rules file extends the event table
printf 'event The delegation of\n' >"$TK_TMP/un.rules"
printf 'The President: The floor is yours.\n\nMs. Ekwueme (Ghana): Thank you.\n\nThe delegation of Chile left the Chamber.\n\nThe President: We go on.\n' >"$TK_TMP/un2.txt"
conv un2 --rules "$TK_TMP/un.rules"
has un2 "an event from the rules file" '<stage>The delegation of '
conv un2
hasnt un2 "no event without the rules file" '<stage>The delegation'

# --- a parliamentary debate: constituency and party qualifiers, an office and its holder
# ("The Secretary of State for Transport (Ms Jane Carter):": the id from the holder), the
# house's members together a role
cat >"$TK_TMP/debate.txt" <<'EOF'
House of Commons

Wednesday 6 May 2026

Rural Bus Services

1. Mr Tom Reade (Upper Dale) (Lab): What steps is the Department taking to support rural bus routes?

The Secretary of State for Transport (Ms Jane Carter): We have put more money into rural routes this year than in any year before.

Mr Tom Reade: Three routes in my constituency have closed since January.

Mrs Ann Lowe (Fenbridge) (Con): Will the Secretary of State meet me to discuss the 42 service?

Ms Jane Carter: I will.

Hon. Members: Hear, hear!
EOF
conv debate; shape debate transcript; calm debate
has debate "an office's label kept whole" '<speaker>The Secretary of State for Transport (Ms Jane Carter):</speaker>'
count debate '<sp who="#carter-jane">' 2
count debate '<sp who="#reade-tom">' 2
has debate "party and constituency kept" '<speaker>Mrs Ann Lowe (Fenbridge) (Con):</speaker>'
has debate "a question's number kept in the label" '<speaker>1. Mr Tom Reade (Upper Dale) (Lab):</speaker>'
hasnt debate "the members together are no person" 'xml:id="hon-members"'
persons debate "carter-jane lowe-ann reade-tom"
# near miss: a numbered list whose items have a word in parentheses and a colon is a list
printf 'Minutes of the board\n\n1. Budget (draft): approved without change.\n2. Rota (summer): to be circulated.\n3. Roof (north side): repairs agreed.\n' >"$TK_TMP/numbered-miss.txt"
conv numbered-miss; count numbered-miss '<sp[ >]' 0
# near miss: a sentence with a lower-case word that is no office word before a parenthesis
printf 'The committee met the Director (Mr. Paul Vance): the talks were short.\n\nThe minutes were approved without change by all the members present that day.\n' >"$TK_TMP/office-miss.txt"
conv office-miss; shape office-miss record; count office-miss '<sp[ >]' 0

# --- a radio transcript: a role with the person in parentheses ("HOST (KAREN BELL):" is Karen
# Bell, who speaks as KAREN BELL later); the announcer a role; music cues between the turns
cat >"$TK_TMP/radio.txt" <<'EOF'
MORNING NEWS - TRANSCRIPT

(MUSIC)

ANNOUNCER: From the studios of WQXT, this is Morning News.

HOST (KAREN BELL): Good morning. The river is rising.

KAREN BELL: With me is the city engineer, Paul Ortiz. How high will it go?

PAUL ORTIZ: About two feet over the walls tonight. [CROSSTALK] We have sandbags.

(MUSIC)

KAREN BELL: Thank you.
EOF
conv radio; shape radio transcript
count radio '<sp who="#bell-karen">' 3
hasnt radio "a host is a role, not a person" 'xml:id="host"'
hasnt radio "an announcer is a role" 'xml:id="announcer"'
persons radio "bell-karen ortiz-paul"
has radio "a music cue between the turns" '<stage>(MUSIC)</stage>'

# --- a focus group: numbered respondents each speaking once are one family of labels (the
# shape is no close call); a speech ending in "[laughter]" is no field line
cat >"$TK_TMP/focus.txt" <<'EOF'
Focus group 3 - Community health services
Location: Library meeting room

Interviewer: Thanks everyone for coming. What brought you here today?

Respondent 1: I saw the flyer at the clinic.

Respondent 2: My daughter signed me up. [laughter]

Interviewer: And the opening hours?

Respondent 3: Not for me. I work till six.

Respondent 4: Same here.
EOF
conv focus; shape focus transcript; calm focus
count focus '<sp[ >]' 6
has focus "a numbered respondent" '<sp who="#respondent-3">'
has focus "a speech ending in a bracket" '<speaker>Respondent 2:</speaker>'

# --- a congressional hearing printed by the GPO: paragraphs open with an indent and go on at
# the margin, no blank line between them; "Mrs. ALBRIGHT." (a title and a name in capitals, a
# period), "The CHAIRMAN.", "Senator PELL."; a witness's statement under its heading; the
# prepared statement and the adjournment in brackets
cat >"$TK_TMP/gpo.txt" <<'EOF'
                OVERSIGHT OF THE WIDGET SAFETY PROGRAM

                               HEARING
                  SUBCOMMITTEE ON CONSUMER PROTECTION
                             MARCH 3, 2011

    The subcommittee met, pursuant to call, at 10:02 a.m., in room 2123 of
the Rayburn House Office Building, Hon. Mary Albright (chairwoman of the
subcommittee) presiding.
    Members present: Representatives Albright, Cortez, Dunmore, and Pell.
    Mrs. ALBRIGHT. The subcommittee will come to order. Today we look at
the widget safety program and what it has done in its first five years.
    I yield to the ranking member.
    Mr. CORTEZ. Thank you, Madam Chairwoman. I look forward to the
testimony.

 STATEMENT OF JOHN DOE, DIRECTOR, OFFICE OF WIDGET SAFETY, DEPARTMENT OF
                                COMMERCE

    Mr. DOE. Thank you, Madam Chairwoman. The program has inspected more
than ten thousand widgets since 2006.
    [The prepared statement of Mr. Doe follows:]
    Mrs. ALBRIGHT. How many inspectors do you have?
    Mr. DOE. Forty-two.
    Mr. DUNMORE. Forty-two for the whole country?
    Mr. DOE. Yes, sir.
    The CHAIRMAN. Without objection, the record will stay open for ten
days.
    Senator PELL. I ask that my statement be placed in the record.
    [Whereupon, at 11:47 a.m., the subcommittee was adjourned.]
EOF
conv gpo; shape gpo transcript; calm gpo
grep -q 'opening indented' "$TK_TMP/gpo.err" && ok || fail "gpo: the indented paragraphs not reported"
count gpo '<sp[ >]' 9
has gpo "a title and a name in capitals, the indent left out" '<speaker>Mrs. ALBRIGHT.</speaker>'
has gpo "the id from the name" '<sp who="#dunmore">'
has gpo "a senator" '<speaker>Senator PELL.</speaker>'
hasnt gpo "the indent is no timestamp" 'type="timestamp"'
has gpo "a witness's statement heading in capitals, wrapped" '<head> STATEMENT OF JOHN DOE, DIRECTOR, OFFICE OF WIDGET SAFETY, DEPARTMENT OF
COMMERCE</head>'
# near miss: in a transcript printed all in capitals, a paragraph in capitals is speech
printf 'CAPCOM: ROGER, WE HAVE YOU.\n\nSTAND BY FOR THE UPDATE\n\nCDR: ROGER, STANDING BY.\n\nCAPCOM: THE UPDATE IS READY.\n' >"$TK_TMP/allcaps.txt"
conv allcaps; hasnt allcaps "no heading in an all-capitals transcript" '<head>STAND BY'
has gpo "an indented line opens a paragraph of the turn" '<p>    I yield to the ranking member.</p>'
awk '/<\/sp>/ { closed = 1; next } /<sp[ >]/ { closed = 0 } closed && /Whereupon/ { print "between"; exit }' "$TK_TMP/gpo.xml" | grep -q between && ok || fail "gpo: the indented [Whereupon ...] not between the turns"
# near miss: a letter typed with indented paragraphs, one sentence opening "Mr. SMITH." is
# no hearing
cat >"$TK_TMP/gpo-miss.txt" <<'EOF'
Dear Sir:

    I have the honor to acknowledge your letter of the 3d instant, and to say
that the matter has been referred to the proper office for its attention.
    Mr. SMITH. of the Bureau will call upon you on Monday next, when he will
bring the papers with him.
    I have the honor to be, Sir, your obedient servant,

JOHN ROE
EOF
conv gpo-miss; shape gpo-miss record; count gpo-miss '<sp[ >]' 0

# --- a chat log: "[12:01] <nick> text" lines without blank lines between them, each a turn by
# the nick; an action "* nick text" is the nick's; the time an anchor; a near miss: HTML tags
# at line starts are no nicks
cat >"$TK_TMP/chat.txt" <<'EOF'
--- Log opened Tue Mar 04 12:00:00 2025
[12:01] <alice> anyone around?
[12:01] <bob> yep
[12:02] <alice> the build is broken on main
[12:02] * bob looks
[12:03] <bob> which target?
[12:03] -!- carol has joined #dev
[12:04] <alice> the docs one
[12:04] <@carol> that's me, sorry
[12:05] <carol> fixing now
--- Log closed Tue Mar 04 12:10:00 2025
EOF
conv chat; shape chat transcript; calm chat
has chat "a line without a nick is an event between the turns" '<stage><anchor synch="#tk-T12-03" n="12:03" rend="bracketed"/> -!- carol has joined #dev</stage>'
awk '/<sp[ >]/ { open = 1 } /<\/sp>/ { open = 0 } open && /Log closed|has joined/ { print "inside"; exit }' "$TK_TMP/chat.xml" | grep -q inside && fail "chat: an event inside a turn" || ok
count chat '<sp who=' 8
count chat '<speaker>&lt;alice&gt;</speaker>' 3
has chat "an action is its nick's" '<speaker>* bob</speaker>'
has chat "the time an anchor" '<anchor synch="#tk-T12-04" n="12:04"/>'
count chat '<person xml:id=' 3
cat >"$TK_TMP/chat-miss.txt" <<'EOF'
The page was saved as text, and some of its markup came along:

<p> The committee met on Monday and heard the reports of the treasurer and of the secretary, both of which were approved without change.

<p> The next meeting will be held in the spring, at a place to be announced by the secretary in due course.

<b> Note that the dues for the year are now payable to the treasurer.
EOF
conv chat-miss; shape chat-miss record; count chat-miss '<sp[ >]' 0

# --- a deposition: "Q." and "A." after a paragraph indent, the colloquy deeper ("MR. BROWN:",
# "THE COURT:", "THE WITNESS:" roles), an exhibit marked in parentheses between the turns;
# "BY MR. SMITH:" (who examines) is no speaker
cat >"$TK_TMP/depo.txt" <<'EOF'
                 DEPOSITION OF MARTHA KLINE

                        EXAMINATION
     BY MR. SMITH:
     Q.   Please state your name for the record.
     A.   Martha Kline.
     Q.   Where are you employed?
     A.   At Roe Industries, in the shipping
department.
          MR. BROWN:  Objection, form.
     Q.   You may answer.
     A.   Since 2012.
          THE COURT:  Overruled.
     Q.   Did you ship the order on May 3?
     A.   Yes.
          (Exhibit 4 marked for identification.)
          THE WITNESS:  Can I see that?
     Q.   This is Exhibit 4.
EOF
conv depo; shape depo transcript; calm depo
count depo '<speaker>Q.</speaker>' 5
count depo '<speaker>A.</speaker>' 4
has depo "colloquy deeper than Q and A" '<speaker>MR. BROWN:</speaker>'
has depo "the id from the name" '<sp who="#brown">'
count depo '<speaker>THE [A-Z]*:</speaker>' 2
hasnt depo "the court is a role" 'xml:id="the-court"'
hasnt depo "who examines is no speaker" '<speaker>BY MR. SMITH:'
has depo "the exhibit between the turns" '<stage>          (Exhibit 4 marked for identification.)</stage>'
has depo "a continuation at the margin in its turn" 'shipping
department.</p>'

# --- a screenplay: names in capitals centred alone with the speech under them, indented less
# deep; "(beat)" parentheticals are directions inside the speech; "INT. KITCHEN - NIGHT"
# sluglines are scenes; action at the margin and transitions ("CUT TO:") are directions;
# "(V.O.)" and "(O.S.)" stay in the label, the id from the name
cat >"$TK_TMP/screen.txt" <<'EOF'
                              THE LAST BUS

FADE IN:

INT. KITCHEN - NIGHT

A small kitchen. MARGARET (60s) sits at the table, a cold cup of
tea in front of her. TOMMY (20s) comes in, soaked.

                         MARGARET
               You missed the last bus.

                         TOMMY
               I walked.

                         MARGARET
                   (beat)
               From town?

                         TOMMY
               It isn't far.
                   (sits)
               Is there any tea?

Margaret pushes her cup across.

                         MARGARET
               It's cold.

                         TOMMY (O.S.)
               I don't mind.

EXT. BUS STOP - CONTINUOUS

                         DRIVER (V.O.)
               Last stop. Everybody off.

                                                            CUT TO:
EOF
conv screen; shape screen play; calm screen
count screen '<sp who="#margaret">' 3
count screen '<sp who="#tommy">' 3
has screen "a voice-over kept in the label" '<speaker>DRIVER (V.O.)</speaker>'
count screen '<div type="scene">' 2
has screen "a slugline the scene's head" '<head>INT. KITCHEN - NIGHT</head>'
has screen "a parenthetical a direction in the speech" '<stage>(beat)</stage>'
count screen '<stage>' 5
has screen "a transition is a direction" '<stage>CUT TO:</stage>'
hasnt screen "a transition is no speaker" '<speaker>FADE IN:'
count screen '<person xml:id=' 3
# near miss: an anthology with centred titles in capitals, each over its indented verse, no
# title twice: no play
cat >"$TK_TMP/anthology.txt" <<'EOF'
                         AUTUMN
               The leaves are down, the wind is high,
               and all the geese have gone.

                         WINTER
               The pond is hard, the sky is grey,
               the fire is burning low.

                         SPRING
               The lambs are out, the rain is soft,
               the lane is deep in mud.

                         SUMMER
               The hay is in, the days are long,
               the river's running slow.
EOF
conv anthology; count anthology '<sp[ >]' 0

# --- a play in an e-book's layout: "DRAMATIS PERSONÆ" in capitals (a castList), "NAME. speech"
# with one space, a role of the cast list a speaker at its first speech, "SCENE II.—The
# mill." headings, "_Enter_ ..." and "_Re-enter_ NAME _with_ ..." directions, a direction that
# opens a bracket and never closes it ("[_Exit_ ROGER.": rend "bracketed unclosed", no
# warning), inside the speech when its speaker goes on after it
cat >"$TK_TMP/ebook.txt" <<'EOF'
THE MILLER'S DAUGHTER

A Comedy in One Act


DRAMATIS PERSONÆ

SIR HUGH FENWICK, a magistrate.
ROGER, his servant.
MILLER GREY.
ALICE, his daughter.


ACT I.

SCENE I.—A room in the castle.

_Enter_ SIR HUGH _and_ ROGER.

SIR HUGH. Where is the miller? I sent for him an hour since, and he comes not.

ROGER. He is below, sir, with his daughter.

SIR HUGH. Then bring them up.

[_Exit_ ROGER.

What can the fellow want with me?

_Re-enter_ ROGER _with_ MILLER GREY _and_ ALICE.

MILLER. Good morrow, Sir Hugh.

ALICE. [_Aside._] He frowns already.

SIR HUGH. Good morrow. Well?

MILLER. My lord, the mill-race is stopped.

[_Exeunt._

SCENE II.—The mill.

_Enter_ ALICE.

ALICE. Now all is quiet, and the wheel is still.
   I'll sit and wait for Roger by the stream,
   And if he comes, I'll tell him what I heard.

[_Exit._
EOF
conv ebook; shape ebook play; calm ebook
has ebook "a cast list in capitals" '<castList><head>DRAMATIS PERSONÆ</head>'
has ebook "a role speaks once" '<sp who="#roger">'
count ebook '<sp who=' 8
count ebook '<div type="scene">' 2
has ebook "an unclosed bracket" '<stage rend="bracketed unclosed">_Exit_ ROGER.</stage>'
grep -q 'bracket-unbalanced' "$TK_TMP/ebook.err" && fail "ebook: an unclosed direction warned" || ok
has ebook "a cue in italics opens a direction" '<stage>_Re-enter_ ROGER _with_ MILLER GREY _and_ ALICE.</stage>'
tr -d '\n' <"$TK_TMP/ebook.xml" | grep -q '<stage rend="bracketed unclosed">_Exit_ ROGER.</stage> *<p>What can the fellow want with me?</p> *</sp>' && ok || fail "ebook: the speech after the exit not in its turn"
count ebook '<l>' 3

# --- an oral history: initials as labels ("JS:", "MK:"), tape markers in brackets between the
# turns (two in a row too), a laugh inside a turn
cat >"$TK_TMP/oral.txt" <<'EOF'
ORAL HISTORY PROJECT
Interview with Maria Kowalski
Date: June 4, 1987

[BEGIN TAPE 1, SIDE A]

JS: This is Jane Sutter, talking with Maria Kowalski in her home. Where were you born?

MK: In Krakow, in 1911. We came over when I was six.

JS: Do you remember the crossing?

MK: Oh yes. My mother was sick the whole time. [laughs] I was not.

[END TAPE 1, SIDE A]

[BEGIN TAPE 1, SIDE B]

JS: You were talking about the train.

MK: Three days, I think.

[END OF INTERVIEW]
EOF
conv oral; shape oral transcript; calm oral
count oral '<sp who="#js">' 3
count oral '<sp who="#mk">' 3
has oral "a laugh in the turn" '<vocal rend="bracketed"><desc>laughs</desc></vocal>'
# the tape markers: between the turns, never inside one
awk '/<sp[ >]/ { open = 1 } /<\/sp>/ { open = 0 } open && /TAPE/ { print "inside"; exit }' "$TK_TMP/oral.xml" | grep -q inside && fail "oral: a tape marker inside a turn" || ok
count oral 'TAPE 1, SIDE' 3

# a court transcript whose lines carry their printed numbers (1 to 25 a page): a warning says
# so (the numbers are not read as such); a short numbered table does not warn
awk 'BEGIN { for (p = 0; p < 2; p++) { printf "%60s\n", "Page " (14 + p); for (i = 1; i <= 25; i++) printf "%2d       %s\n", i, (i % 2 ? "Q.   Did you see the shipment leave?" : "A.   Yes, on the third.") } }' >"$TK_TMP/numbered.txt"
conv numbered
grep -q 'lines open with a printed line number.*\[shape-line-numbers\]' "$TK_TMP/numbered.err" && ok || fail "numbered: no line-number warning"
printf 'Stock\n\n1  apples\n2  pears\n3  plums\n' >"$TK_TMP/stock.txt"
conv stock
grep -q 'shape-line-numbers' "$TK_TMP/stock.err" && fail "stock: a short numbered table warned" || ok

# --- automatic transcripts: a heading line per turn, the speech under it: "Jane Doe  0:03"
# (a name, a wide gap, a time) and "Speaker 1 (00:00):"; a programme of times (some names
# twice) is no transcript
cat >"$TK_TMP/auto1.txt" <<'EOF'
Team sync - March 3

Jane Doe  0:03
Okay, I think we're recording. Can everyone hear me?

Sam Lee  0:07
Yes, loud and clear.

Jane Doe  0:10
Great. First item is the release date.

Priya Nair  0:15
We're on track for the 12th.

Sam Lee  0:24
QA is fine with that.
EOF
conv auto1; shape auto1 transcript; calm auto1
count auto1 '<sp who="#doe-jane">' 2
count auto1 '<sp who="#lee-sam">' 2
has auto1 "the time kept in the label" '<speaker>Priya Nair  0:15</speaker>'
cat >"$TK_TMP/auto2.txt" <<'EOF'
Speaker 1 (00:00):
Welcome back to the show. Today we're talking about bees.

Speaker 2 (00:05):
Thanks for having me.

Speaker 1 (00:08):
So, how did you get into beekeeping?

Speaker 2 (00:12):
My grandfather kept bees.
EOF
conv auto2; shape auto2 transcript; calm auto2
count auto2 '<sp who="#speaker-1">' 2
has auto2 "the label alone, the speech under it" '<speaker>Speaker 2 (00:12):</speaker>'
cat >"$TK_TMP/programme.txt" <<'EOF'
Conference programme

Monday

Registration  9:00
Opening session  9:30
Coffee  10:30
Lunch  12:30

Tuesday

Keynote  9:00
Coffee  10:30
Lunch  12:30
Closing  16:00
EOF
conv programme; shape programme record; count programme '<sp[ >]' 0

# --- a Congressional Record: paragraphs indented two spaces; the presiding officer is an
# office, no person; the clerk's roll call is an event between the turns
cat >"$TK_TMP/crec.txt" <<'EOF'
                     CONGRESSIONAL RECORD -- SENATE

                          MORNING BUSINESS

  The PRESIDING OFFICER. Under the previous order, there will now be a
period for the transaction of morning business.
  Mr. GRANT. Mr. President, I suggest the absence of a quorum.
  The PRESIDING OFFICER. The clerk will call the roll.
  The legislative clerk proceeded to call the roll.
  Mr. GRANT. Mr. President, I ask unanimous consent that the order for
the quorum call be rescinded.
  The PRESIDING OFFICER. Without objection, it is so ordered.
  Ms. WHITFIELD. Mr. President, I rise today to honor a teacher.
EOF
conv crec; shape crec transcript; calm crec
count crec '<sp[ >]' 6
hasnt crec "an office of the sitting is no person" 'xml:id="the-presiding-officer"'
persons crec "grant whitfield"
awk '/<\/sp>/ { closed = 1; next } /<sp[ >]/ { closed = 0 } closed && /<stage>  The legislative clerk proceeded/ { print "between"; exit }' "$TK_TMP/crec.xml" | grep -q between && ok || fail "crec: the roll call not between the turns"

# --- a meeting transcript with a time before each label, no blank lines; a header field
# ("Recorded:") is no speaker
cat >"$TK_TMP/teams.txt" <<'EOF'
Meeting transcript
Recorded: 2025-03-03

[00:00:05] Jane Doe: Morning all.
[00:00:08] Raj Patel: Morning.
[00:00:12] Jane Doe: Let's start with the budget.
[00:00:20] Raj Patel: I sent the figures yesterday.
[00:00:31] Jane Doe: Thanks, I saw them.
EOF
conv teams; shape teams transcript; calm teams
count teams '<sp who=' 5
has teams "the time an anchor" '<anchor synch="#tk-T00-00-20" n="00:00:20"/>'
hasnt teams "a header field is no speaker" '<speaker>Recorded:'

# --- plays in French and German: "ACTE PREMIER" / "SCÈNE PREMIÈRE" / "Erste Szene", cast
# lists under "PERSONNAGES" / "PERSONEN" (names with accented capitals), a role speaking once
# in a scene of its own, "ANNA (allein)." (a qualifier before the period)
cat >"$TK_TMP/fr.txt" <<'EOF'
L'AVARE DU VILLAGE

PERSONNAGES

HARPAGON, père de Cléante.
CLÉANTE, son fils.
LA FLÈCHE, valet de Cléante.

ACTE PREMIER

SCÈNE PREMIÈRE

HARPAGON. — Hors d'ici tout à l'heure, et qu'on ne réplique pas.

LA FLÈCHE. — Je n'ai jamais vu un homme si méchant.

HARPAGON. — Je crois que tu murmures entre tes dents.

SCÈNE II

CLÉANTE. — Ah! mon père!
EOF
conv fr; shape fr play; calm fr
count fr '<div type="scene">' 2
has fr "a French ordinal" '<head>SCÈNE PREMIÈRE</head>'
has fr "a French cast list" '<castList><head>PERSONNAGES</head>'
has fr "an accented name in the cast" '<role>LA FLÈCHE</role>'
has fr "a role speaking once" '<speaker>CLÉANTE.</speaker>'
count fr '<sp who=' 4
cat >"$TK_TMP/de.txt" <<'EOF'
DER BESUCH

PERSONEN

ANNA, eine Witwe
PAUL, ihr Sohn

ERSTER AKT

Erste Szene

ANNA. Du kommst spät.

PAUL. Der Bus war langsam.

ANNA. Das sagst du immer.

Zweite Szene

ANNA (allein). Immer dasselbe.
EOF
conv de; shape de play
has de "a German cast list" '<castList><head>PERSONEN</head>'
has de "a qualifier before the period" '<speaker>ANNA (allein).</speaker>'
count de '<sp who="#anna">' 3

# --- a radio play: "NAME:" labels with a wide gap under scene headings (a play, with no close
# call against a transcript); sound and music cues ("FX:", "MUSIC:") are no persons
cat >"$TK_TMP/radioplay.txt" <<'EOF'
THE NIGHT FERRY
A radio play

SCENE 1. THE QUAYSIDE.

FX:          WAVES. A FOGHORN, DISTANT.

NARRATOR:    It was the last ferry of the night.

MARY:        Is anyone there?

TOM:         Over here!

FX:          FOOTSTEPS ON WET STONE.

MARY:        Tom! I thought you'd gone.

TOM:         Not without you.

SCENE 2. ON DECK.

MUSIC:       THEME, UP AND UNDER.

NARRATOR:    And so they sailed.
EOF
conv radioplay; shape radioplay play; calm radioplay
count radioplay '<div type="scene">' 2
count radioplay '<sp who="#mary">' 2
persons radioplay "mary tom"

# --- a time in square brackets between the name and the colon ("JANE DOE [00:01:02]:"); a
# word in square brackets there is no qualifier
printf 'JANE DOE [00:01:02]: Thanks for joining us.\n\nRAJ PATEL [00:01:05]: Happy to be here.\n\nJANE DOE [00:01:09]: Let us begin.\n\nRAJ PATEL [00:01:12]: Sure.\n' >"$TK_TMP/bracketq.txt"
conv bracketq; shape bracketq transcript
count bracketq '<sp who=' 4
has bracketq "the time kept in the label" '<speaker>JANE DOE [00:01:09]:</speaker>'
printf 'JANE DOE [laughs]: Thanks.\n\nRAJ PATEL [sighs]: Sure.\n' >"$TK_TMP/bracketw.txt"
conv bracketw; count bracketw '<sp who=' 0

# --- a screenplay at the margin (Fountain): a name alone over its speech in one paragraph, a
# short parenthetical under the name a direction, the paragraphs outside the speeches action
cat >"$TK_TMP/fountain.txt" <<'EOF'
INT. KITCHEN - NIGHT

A small kitchen. MARGARET (60s) sits at the table.

MARGARET
You missed the last bus.

TOMMY
(sitting)
I walked.

MARGARET
From town?

Tommy shrugs and pours the tea.

TOMMY
It isn't far.
EOF
conv fountain; shape fountain play
count fountain '<sp who=' 4
has fountain "a parenthetical under the name" '<stage>(sitting)</stage>'
tr -d '\n' <"$TK_TMP/fountain.xml" | grep -q '<p>From town?</p> *</sp> *<stage>' && ok || fail "fountain: the action after a speech is inside it"

valid un debate radio focus gpo chat depo screen ebook oral auto1 auto2 crec teams fr de radioplay bracketq
# the same layouts with --spoken, and both against tei_all (with ../shared)
spoken_files=
for n in un debate radio focus gpo chat depo oral auto1 auto2 crec teams bracketq; do
  $TEIKIT convert --spoken -o "$TK_TMP/$n-sp.xml" "$TK_TMP/$n.txt" 2>/dev/null || fail "$n: --spoken failed"
  spoken_files="$spoken_files $TK_TMP/$n-sp.xml"
done
$TEIKIT validate $spoken_files >"$TK_TMP/valid.out" 2>&1 && ok || fail "--spoken not valid: $(head -3 "$TK_TMP/valid.out")"
TEI_ALL=$SHARED/reference/schemas/tei_all.rng
if have_shared && [ -f "$TEI_ALL" ]; then
  TEIKIT_TEI_ALL=$TEI_ALL $TEIKIT validate --schema tei_all $spoken_files "$TK_TMP"/un.xml "$TK_TMP"/debate.xml \
    "$TK_TMP"/gpo.xml "$TK_TMP"/depo.xml "$TK_TMP"/screen.xml "$TK_TMP"/ebook.xml "$TK_TMP"/chat.xml \
    "$TK_TMP"/fr.xml "$TK_TMP"/radioplay.xml >"$TK_TMP/tei_all.out" 2>&1 && ok || fail "not valid against tei_all: $(grep -v warning "$TK_TMP/tei_all.out" | head -3)"
else
  skip "tei_all (needs ../shared)"
fi
lossless un debate radio focus gpo chat depo screen ebook oral auto1 auto2 crec teams fr de radioplay bracketq

tk_done
