#!/bin/sh
# t_persons.sh: persons found without a personography, end to end on made-up texts
# (tests/persons/): labels joined to the named person, roles without @who, title phrases and
# months not persons, one id per person, -v saying why; `teikit persons` over two files (one
# person listed once, idno slots, first occurrence, uncertain merges) and its draft given back
# to `convert --persons` with an editor's idno kept.
. "$(dirname "$0")/lib.sh"
D=tests/persons
$TEIKIT convert --shape transcript "$D/briefing.txt" -o "$TK_TMP/b.xml" 2>/dev/null && ok || fail "convert briefing"
has() { grep -q -- "$2" "$TK_TMP/b.xml" && ok || fail "$1"; }
hasnt() { grep -q -- "$2" "$TK_TMP/b.xml" && fail "$1" || ok; }
has "title line names the person" '<persName ref="#hormats-robert">Robert D. Hormats</persName> and'
grep -A1 '<sp who="#hormats-robert">' "$TK_TMP/b.xml" | grep -q '<speaker>UNDER SECRETARY HORMATS:</speaker>' && ok || fail "label joins the named person"
hasnt "QUESTION is a role" 'who="#question"'
grep -A1 '<sp>' "$TK_TMP/b.xml" | grep -q '<speaker>QUESTION:</speaker>' && ok || fail "QUESTION turn has no @who"
hasnt "THE CHAIRMAN is a role" 'who="#the-chairman"'
hasnt "title phrases are no persons" '>Minister Resident<\|>Ambassador Extraordinary<\|>General Agreement<'
hasnt "a month is no person" '#july'
hasnt "an institution is no person" '>George C. Marshall<'
has "Mrs. Doe" '<persName ref="#doe-alice">Mrs. Doe</persName> came'
has "Mr. Doe is another person" '<persName ref="#doe">Mr. Doe</persName> went'
has "surname alone" 'with <persName ref="#dupont-jean">Dupont</persName>'
$TEIKIT convert --shape transcript -v "$D/briefing.txt" 2>&1 >/dev/null | grep -q "note: 'Robert D. Hormats' is a person (#hormats-robert): speaker label (10), title + name\|note: 'Robert D. Hormats' is a person (#hormats-robert): .*'between X and Y'" && ok || fail "-v says why"
if [ -n "${TEIKIT_TEI_ALL:-}" ] || [ -f schemas/teikit.rng ]; then
  $TEIKIT validate "$TK_TMP/b.xml" >/dev/null 2>&1 && ok || fail "briefing valid (teikit.rng)"
fi
# a press gaggle: given names used to address someone, a name twice before a verb of will
$TEIKIT convert --shape transcript "$D/gaggle.txt" -o "$TK_TMP/g.xml" 2>/dev/null && ok || fail "convert gaggle"
ghas() { grep -q -- "$2" "$TK_TMP/g.xml" && ok || fail "$1"; }
ghasnt() { grep -q -- "$2" "$TK_TMP/g.xml" && fail "$1" || ok; }
ghas "given name opening a question" '<p><persName ref="#nora">Nora</persName>, there'
ghas "the addressed name later" 'if <persName ref="#nora">Nora</persName> does'
ghas "given name between commas" 'know, <persName ref="#gus">Gus</persName>, because'
ghas "address joins the named person" 'Thanks, <persName ref="#whitfield-dana">Dana</persName>.'
ghas "unknown given name + surname before a verb, twice" 'that <persName ref="#tolliver-bram">Bram Tolliver</persName> wants'
ghas "its surname alone" '<persName ref="#tolliver-bram">Tolliver</persName> asked'
ghasnt "a place in a list is not addressed" '>Salvador</persName>'
ghasnt "a gazetteer place before a verb is no person" '>Hong Kong</persName>'
ghasnt "the + two words before a verb is no person" '>Yellow Fleet</persName>'
ghasnt "a later line of a turn opens nothing" '>Christian</persName>'
ghasnt "Will opening a question is the verb" '>Will Ramsey</persName>'
ghas "Will + surname in a statement is a name" '<persName ref="#ostrander-will">Will Ostrander</persName> said'
# a hearing: an office label joins the roster's named woman; two Fenwicks leave the label
# alone (said under -v); roman-numbered list items are no initials, signatures stay names
$TEIKIT convert --shape transcript -v "$D/hearing.txt" -o "$TK_TMP/h.xml" 2>"$TK_TMP/h.err" && ok || fail "convert hearing"
hhas() { grep -q -- "$2" "$TK_TMP/h.xml" && ok || fail "$1"; }
hhasnt() { grep -q -- "$2" "$TK_TMP/h.xml" && fail "$1" || ok; }
grep -A1 '<sp who="#quill-anna">' "$TK_TMP/h.xml" | grep -q '<speaker>SENATOR QUILL:</speaker>' && ok || fail "office label joins the roster's woman"
hhasnt "no second Quill" '"#quill"'
hhas "office + surname in the text too" '<persName ref="#quill-anna">Senator Quill</persName>'
hhas "Mr. label joins its man" '<sp who="#brisk-otto">'
hhasnt "office label of two Fenwicks joins neither" 'sp who="#fenwick-'
grep -q "'SENATOR FENWICK' not joined to a named person: 2 persons with surname Fenwick" "$TK_TMP/h.err" && ok || fail "-v says the label is not joined"
hhasnt "a roman item's number is no initial" 'ref="[^"]*">[IVX]\. [A-Z][a-z]* [A-Z]\|#until-\|#early-\|#final-\|#late-'
hhas "J. Smith stays a person" '<persName ref="#smith-j">J. Smith</persName>'
hhas "a signature V. after the list stays a person" '<persName ref="#thornbury-v">V. Thornbury</persName>'
hhas "I. alone stays a person" '<persName ref="#lantry-i">I. Lantry</persName>'
# one Present: line with a comma list: every name in it is a person of its own
$TEIKIT convert --shape transcript "$D/present_line.txt" -o "$TK_TMP/pl.xml" 2>/dev/null && ok || fail "convert present_line"
for f in '#fenwick-bruno">Senator Bruno Fenwick' '#fenwick-carla">Senator Carla Fenwick' '#brisk-otto">Mr. Otto Brisk'; do
  grep -q -- "<persName ref=\"$f" "$TK_TMP/pl.xml" && ok || fail "Present: line names $f"
done
grep -q '<persName ref="#fenwick">' "$TK_TMP/pl.xml" && fail "Bruno and Carla Fenwick under one id" || ok
# FRUS-like title lines: the (Name) after an office, glued to the word before it, after a
# non-ASCII letter, a compound surname; places, institutions and lower-case openings in the
# parentheses stay non-persons
$TEIKIT convert "$D/office_heads.txt" -o "$TK_TMP/oh.xml" 2>/dev/null && ok || fail "convert office_heads"
ohas() { grep -q -- "$2" "$TK_TMP/oh.xml" && ok || fail "$1"; }
ohasnt() { grep -q -- "$2" "$TK_TMP/oh.xml" && fail "$1" || ok; }
ohas "glued (Name) after a place" '</placeName>(<persName ref="#marrow">Marrow</persName>) to'
ohas "(Name) after Chargé, compound with particles" 'Chargé (<persName ref="#van-der-kolk">Van der Kolk</persName>)'
ohas "hyphenated surname after Chargé" 'Chargé (<persName ref="#mello-franco">Mello-Franco</persName>)'
ohas "compound with a lower-case e" 'Ambassador (<persName ref="#costa-e-sousa">Costa e Sousa</persName>)'
ohasnt "a city in parentheses is no person" '>Rio de Janeiro</persName>\|>Buenos Aires</persName>\|>New York</persName>'
ohasnt "a treaty's subject is no person" '>Claims</persName>'
ohasnt "an institution's part is no person" '>Economic Section</persName>\|>Foreign Affairs</persName>'
ohasnt "a lower-case opening is no name" '>de la Torre</persName>\|>la Torre</persName>'
# an initial before an unknown word: the word is a second given name ("K. Barlow
# Penhallow" is Penhallow's, not a compound surname "Barlow Penhallow")
$TEIKIT convert "$D/initial_given.txt" -o "$TK_TMP/ig.xml" 2>/dev/null && ok || fail "convert initial_given"
grep -q '<persName ref="#penhallow-barlow">Mr. K. Barlow Penhallow</persName>' "$TK_TMP/ig.xml" && ok || fail "id surname first after an initial"
grep -q '<persName ref="#penhallow-barlow">Mr. Penhallow</persName>' "$TK_TMP/ig.xml" && ok || fail "the surname joins it"
grep -q '<persName>K. Barlow Penhallow</persName>' "$TK_TMP/ig.xml" && ok || fail "full name keeps the initial"
grep -q '#barlow-penhallow' "$TK_TMP/ig.xml" && fail "given name read as a surname" || ok
grep -q '<persName ref="#wren-thomas">Mr. Thomas Wren</persName>' "$TK_TMP/ig.xml" && ok || fail "census given name unchanged"
# a signature that is a name alone (a surname signing a telegram, a full name under a letter);
# an office, a place or an institution signing stays no person
$TEIKIT convert "$D/signatures.txt" -o "$TK_TMP/sg.xml" 2>/dev/null && ok || fail "convert signatures"
grep -q '<signed><persName ref="#pemberton">Pemberton</persName></signed>' "$TK_TMP/sg.xml" && ok || fail "a surname signing"
grep -q '<signed><persName ref="#[a-z-]*">Harlow Quenby</persName></signed>' "$TK_TMP/sg.xml" && ok || fail "a full name signing"
grep -q '>Consul General\.*</persName>\|>Buenos Aires</persName>\|>Legation</persName>' "$TK_TMP/sg.xml" && fail "an office, place or institution signing is no person" || ok
# cabled English: an office before a ministry's portfolio, ships' and states' prefixes, firms
# and straits are no persons; spaced initials stay a person's
$TEIKIT convert "$D/cables.txt" -o "$TK_TMP/cb.xml" 2>/dev/null && ok || fail "convert cables"
for w in 'Minister Finance' 'Secretary Treasury' 'Minister Railways' 'M. Supplies' 'S.S. Omsk' \
         'U.S. Treasury' 'Robert Dollar Co' 'Kara Straits' 'General Considerations' 'S.S. Tambov' \
         'U. S. S. Marblehead' 'H. M. S. Hood' 'Roman Catholic' 'Christian Boxers'; do
  grep -q ">$w</persName>" "$TK_TMP/cb.xml" && fail "'$w' is no person" || ok
done
grep -q '<persName ref="#brackley-ss">Mr. S. S. Brackley</persName>' "$TK_TMP/cb.xml" && ok || fail "spaced initials stay a person's"
grep -q '<persName ref="#grant-us">General U. S. Grant</persName>' "$TK_TMP/cb.xml" && ok || fail "two spaced initials stay a person's"
# a short form of a given name before a surname ("Hank Pellegrin", met once), then the
# surname and the short form alone; "Will" opening a question stays the verb
$TEIKIT convert --shape transcript "$D/nicknames.txt" -o "$TK_TMP/nk.xml" 2>/dev/null && ok || fail "convert nicknames"
for f in '#pellegrin-hank">Hank Pellegrin' '#pellegrin-hank">Pellegrin' '#pellegrin-hank">Hank'; do
  grep -q "<persName ref=\"$f</persName>" "$TK_TMP/nk.xml" && ok || fail "short given name: $f"
done
grep -q '>Will Congress</persName>' "$TK_TMP/nk.xml" && fail "Will opening a question" || ok
# a surname alone in a later document of the file: the person met before with a title;
# not a word the document prints in lower case, next to another capitalised word, of two
# persons, nor of a person met with initials alone
$TEIKIT convert "$D/carry.txt" -o "$TK_TMP/cy.xml" 2>/dev/null && ok || fail "convert carry"
n=$(grep -o '<persName ref="#ormond-tallis">Tallis</persName>' "$TK_TMP/cy.xml" | wc -l)
[ "$n" -eq 2 ] && ok || fail "surname alone in the later document ($n of 2)"
for w in Long Weller Fenno Quarles; do
  grep -q "\">$w</persName>" "$TK_TMP/cy.xml" && fail "'$w' alone is not carried" || ok
done
# several earlier persons share a surname: a surname alone is the one mentioned last when the
# others are far back or far less mentioned, else none; title + surname joins that one; the
# same initials are one person across documents; a census given name is carried when met
# after a given name; a verb or function word opening a sentence and a month after are no
# parts of a name; "St. X", a title word alone and a given name the document does not print
# are no mentions
$TEIKIT convert "$D/owner.txt" -o "$TK_TMP/ow.xml" 2>/dev/null && ok || fail "convert owner"
ow() { grep -q -- "$2" "$TK_TMP/ow.xml" && ok || fail "$1"; }
owsnt() { grep -q -- "$2" "$TK_TMP/ow.xml" && fail "$1" || ok; }
owcount() { n=$(grep -o -- "$3" "$TK_TMP/ow.xml" | wc -l); [ "$n" -eq "$2" ] && ok || fail "$1 ($n of $2)"; }
owcount "the much more mentioned Marbury alone" 5 '<persName ref="#marbury-walter">Marbury</persName>'
ow "after a cable's verb" 'Inform <persName ref="#tarrant-william">Tarrant</persName> of'
ow "after a function word" 'For <persName ref="#tarrant-william">Tarrant</persName>:'
ow "before a month" 'wired <persName ref="#tarrant-william">Tarrant</persName> January'
owsnt "two Penroses named alike: neither" '">Penrose</persName>'
owcount "title + surname joins the last mentioned" 2 '"#halloway-john">Mr. Halloway<'
owsnt "not the earlier initials' person" '"#halloway-rr">Mr. Halloway<'
owcount "the same initials, one person" 2 '<signed><persName ref="#dunmore-jw">J. W. Dunmore</persName>'
ow "the one recently met, the other far back" '<persName ref="#coombe-silas">Coombe</persName> arrived'
ow "a given name met as a surname" '<persName ref="#lowell-harold">Lowell</persName> will'
owsnt "a given name met only after Mr." '">Wendell</persName> was'
owsnt "a title word alone" '">King</persName> received'
owsnt "St. + surname is a saint's" 'St. <persName'
owsnt "a given name this document does not print" '">Will</persName>'
# ranks: an abbreviated title before another one is part of the mention ("Maj. Gen.",
# "Lieut. Col.", "Mr. Secretary"), "Mr. King" stays King's; Doctor and Viscount are titles;
# a harbour and a channel are no persons, nor an office before a place alone ("Consul
# Honduras reports"); a person met with a census given name alone is
# carried into a later document ("Brandt"), not the geographic words
$TEIKIT convert "$D/ranks.txt" -o "$TK_TMP/rk.xml" 2>/dev/null && ok || fail "convert ranks"
for f in '#plimsoll-edgar">Maj. Gen. Edgar Plimsoll' '#dunstable-walter">Lieut. Col. Walter Dunstable' \
         '#quayle">Doctor Quayle' '#ferrars">Viscount Ferrars' '#king">Mr. King' \
         '#lathrop">Mr. Secretary Lathrop' '#brandt-henry">Brandt'; do
  grep -q "<persName ref=\"$f</persName>" "$TK_TMP/rk.xml" && ok || fail "ranks: $f"
done
grep -q '>Victoria Harbor<\|>Douglas Channel<\|>Channel<\|>Harbor<' "$TK_TMP/rk.xml" && fail "a harbour or a channel is no person" || ok
grep -q '>Consul Honduras<\|>Minister Bolivia<\|>Honduras</persName>\|>Bolivia</persName>' "$TK_TMP/rk.xml" && fail "an office at a place is no person" || ok
# a name before an office in apposition ("Brodsky, Assistant Minister Railways"), carried into
# a later document; not a place after "at", the word before a titled name ("Marrick, Consul
# Pemble"), nor a longer name's last word ("Ways of Communication, Minister")
$TEIKIT convert "$D/apposition.txt" -o "$TK_TMP/ap.xml" 2>/dev/null && ok || fail "convert apposition"
n=$(grep -o '<persName ref="#brodsky">Brodsky</persName>' "$TK_TMP/ap.xml" | wc -l)
[ "$n" -eq 2 ] && ok || fail "name, office; then carried ($n of 2)"
grep -q '<persName ref="#kolokoltsev">Kolokoltsev</persName>, Vice President' "$TK_TMP/ap.xml" && ok || fail "name, Vice President"
grep -q '>Omsk</persName>\|>Marrick</persName>\|>Communication</persName>\|>Tambor</persName>' "$TK_TMP/ap.xml" && fail "no apposition there" || ok
# a Chinese family name, then a given name that is a family name too ("Qin Lei"); an older
# romanisation's place suffix ("Tang Chou", "Han Fu") and a place stay no persons
$TEIKIT convert "$D/chinese_pairs.txt" -o "$TK_TMP/cp.xml" 2>/dev/null && ok || fail "convert chinese_pairs"
n=$(grep -o '<persName ref="#qin-lei">Qin Lei</persName>' "$TK_TMP/cp.xml" | wc -l)
[ "$n" -eq 2 ] && ok || fail "family name + family-name given name ($n of 2)"
grep -q '">Tang Chou</persName>\|">Han Fu</persName>\|">Hong Kong</persName>' "$TK_TMP/cp.xml" && fail "a place suffix is no given name" || ok
# a play: each word alone of a two-name label is that person's when no other label has it
# ("Titus", "Fannius", "Gaius"); "Brenno" alone stays the BRENNO label's
$TEIKIT convert "$D/label_words.txt" -o "$TK_TMP/lw.xml" 2>/dev/null && ok || fail "convert label_words"
for f in '#titus-fannius">Titus' '#titus-fannius">Fannius' '#gaius-brenno">Gaius' '#brenno">Brenno'; do
  grep -q "<persName ref=\"$f</persName>" "$TK_TMP/lw.xml" && ok || fail "label word alone: $f"
done
grep -q '"#gaius-brenno">Brenno<' "$TK_TMP/lw.xml" && fail "a word of two labels joins neither" || ok
# teikit persons over two files
$TEIKIT persons --shape transcript "$D/briefing.txt" "$D/minutes.txt" -o "$TK_TMP/p.xml" 2>/dev/null && ok || fail "persons over two files"
n=$(grep -c '<person xml:id="dupont-jean">' "$TK_TMP/p.xml"); [ "$n" -eq 1 ] && ok || fail "Jean Dupont listed once ($n)"
grep -A12 '<person xml:id="dupont-jean">' "$TK_TMP/p.xml" | grep -q '<note type="first-occurrence">tests/persons/briefing.txt:1</note>' && ok || fail "first occurrence"
grep -A12 '<person xml:id="hormats-robert">' "$TK_TMP/p.xml" | grep -q '<persName type="label">UNDER SECRETARY HORMATS</persName>' && ok || fail "label variant"
grep -A12 '<person xml:id="hormats-robert">' "$TK_TMP/p.xml" | grep -q '<idno type="VIAF"/>' && ok || fail "idno slot"
grep -q '<person xml:id="smith-walter">' "$TK_TMP/p.xml" && grep -q '<person xml:id="smith-ann">' "$TK_TMP/p.xml" && ok || fail "two Smiths"
grep -q 'uncertain: .Mr. Smith' "$TK_TMP/p.xml" && ok || fail "uncertain merge said"
grep -q 'xml:id="question"\|xml:id="the-chairman"' "$TK_TMP/p.xml" && fail "roles in the draft" || ok
# the editor fills an idno and gives the draft back
sed 's|<idno type="VIAF"/>|<idno type="VIAF">12345</idno>|' "$TK_TMP/p.xml" > "$TK_TMP/p2.xml"
$TEIKIT convert --shape transcript --persons "$TK_TMP/p2.xml" "$D/briefing.txt" -o "$TK_TMP/b2.xml" 2>/dev/null && ok || fail "convert --persons draft"
grep -A6 '<person xml:id="hormats-robert">' "$TK_TMP/b2.xml" | grep -q '<idno type="VIAF">12345</idno>' && ok || fail "editor idno kept"
grep -q '<sp who="#hormats-robert">' "$TK_TMP/b2.xml" && ok || fail "editor id kept"
# ids of names with diacritics are spelled in ASCII (`Flèche` -> `fleche`, `Ł` -> `l`,
# `ß` -> `ss`), not cut at each accented letter (`la-fl-che`)
printf 'LA FLÈCHE: Bonjour, monsieur.\n\nCLÉANTE: Bonsoir.\n\nLA FLÈCHE: Et alors ?\n\nCLÉANTE: Rien.\n\nŁUKASZ STRAßE: Tak.\n\nCLÉANTE: Bon.\n' > "$TK_TMP/acc.txt"
$TEIKIT convert --shape transcript "$TK_TMP/acc.txt" -o "$TK_TMP/acc.xml" 2>/dev/null && ok || fail "accented names convert"
grep -q '<sp who="#la-fleche">' "$TK_TMP/acc.xml" && ok || fail "id la-fleche"
grep -q '<sp who="#cleante">' "$TK_TMP/acc.xml" && ok || fail "id cleante"
grep -q 'xml:id="lukasz-strasse"' "$TK_TMP/acc.xml" && ok || fail "id lukasz-strasse"
# an office before a name in a label (`CHAIR JONES:`, `COMMISSIONER BROWN:`, `SPEAKER
# PELOSI:`): the id is the person's (`jones`), the office no part of it
printf 'CHAIR JONES: The meeting will come to order.\n\nCOMMISSIONER BROWN: Thank you.\n\nCHAIR JONES: Go on.\n\nCOMMISSIONER BROWN: I will.\n\nSHERIFF DALE: Present.\n' > "$TK_TMP/off.txt"
$TEIKIT convert --shape transcript "$TK_TMP/off.txt" -o "$TK_TMP/off.xml" 2>/dev/null && ok || fail "office labels convert"
grep -q '<sp who="#jones">' "$TK_TMP/off.xml" && ok || fail "CHAIR JONES is #jones"
grep -q '<sp who="#brown">' "$TK_TMP/off.xml" && ok || fail "COMMISSIONER BROWN is #brown"
grep -q '<sp who="#dale">' "$TK_TMP/off.xml" && ok || fail "SHERIFF DALE is #dale"
tk_done
