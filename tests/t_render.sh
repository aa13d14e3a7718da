#!/bin/sh
# t_render.sh: 'teikit render': golden text of the hand-made TEI in tests/render/ (both views),
# HTML structure (links resolve, nothing fetched), several files per call, user stylesheets,
# hostile stylesheets and documents, and the reference word test: every word of every real TEI
# document in ../shared/reference/tei comes out in the text.
. tests/lib.sh
R=tests/render
export TEIKIT_DATADIR=$(pwd)

expect_status "--help" 0 $TEIKIT render --help
grep -q -- '--view' "$TK_TMP/out" && ok || fail "--help names --view"

# ---- golden text: diplomatic and normalized, read and checked by a person -----------------
for doc in memo transcript corpus; do
  for view in diplomatic normalized; do
    expect_status "text $doc $view" 0 $TEIKIT render --to text --view $view $R/$doc.xml
    if cmp -s "$TK_TMP/out" $R/$doc.$view.txt; then ok; else
      fail "text $doc $view differs from $R/$doc.$view.txt"; diff $R/$doc.$view.txt "$TK_TMP/out" | head -10
    fi
  done
done
# the xsltproc fallback (no tk:wrap) writes the same text as teikit
if command -v xsltproc >/dev/null 2>&1; then
  xsltproc --stringparam view normalized --param width 50 xslt/tei2txt.xsl $R/memo.xml >"$TK_TMP/a" 2>/dev/null
  $TEIKIT render --to text --view normalized --param width=50 $R/memo.xml >"$TK_TMP/b"
  check "xsltproc fallback wraps like tk:wrap" cmp -s "$TK_TMP/a" "$TK_TMP/b"
  # and finds each person's mentions (@ref with several ids) like tk:mentions()
  xsltproc --stringparam persons 1 xslt/tei2txt.xsl $R/corpus.xml >"$TK_TMP/a" 2>/dev/null
  $TEIKIT render --to text --param persons=1 $R/corpus.xml >"$TK_TMP/b"
  check "xsltproc fallback: text persons index like tk:mentions" cmp -s "$TK_TMP/a" "$TK_TMP/b"
  xsltproc xslt/tei2html.xsl $R/corpus.xml >"$TK_TMP/a" 2>/dev/null
  $TEIKIT render --to html $R/corpus.xml >"$TK_TMP/b"
  check "xsltproc fallback: HTML persons index like tk:mentions" cmp -s "$TK_TMP/a" "$TK_TMP/b"
  # note numbers (tk:index), mixed content (tk:mixed), speakers: the same page and text
  for doc in memo transcript words edition apparatus standoff genetic; do
    for view in diplomatic normalized; do
      xsltproc --stringparam view $view xslt/tei2html.xsl $R/$doc.xml >"$TK_TMP/a" 2>/dev/null
      $TEIKIT render --to html --view $view $R/$doc.xml >"$TK_TMP/b" 2>/dev/null
      check "xsltproc fallback: HTML of $doc ($view) as teikit's" cmp -s "$TK_TMP/a" "$TK_TMP/b"
      xsltproc --stringparam view $view xslt/tei2txt.xsl $R/$doc.xml >"$TK_TMP/a" 2>/dev/null
      $TEIKIT render --to text --view $view $R/$doc.xml >"$TK_TMP/b" 2>/dev/null
      check "xsltproc fallback: text of $doc ($view) as teikit's" cmp -s "$TK_TMP/a" "$TK_TMP/b"
    done
  done
else skip "xsltproc not installed (apt-get install xsltproc): the stylesheets not compared with it"; fi

# width: no line longer than asked (counted in characters), 0 = one line per paragraph
$TEIKIT render --to text --param width=30 $R/memo.xml >"$TK_TMP/w30"
# (multi-byte characters counted as one: each UTF-8 sequence becomes one byte first)
long=$(LC_ALL=C sed 's/[\xc0-\xf7][\x80-\xbf]*/x/g' "$TK_TMP/w30" | LC_ALL=C awk 'length($0) > 30 && index($0, " ") > 0' | wc -l)
[ "$long" -eq 0 ] && ok || fail "width=30: $long lines longer than 30"
$TEIKIT render --to text --param width=0 $R/memo.xml >"$TK_TMP/w0"
grep -q '^On the evening of .* were present from our side\.$' "$TK_TMP/w0" && ok || fail "width=0 keeps a paragraph on one line"
$TEIKIT render --to text --param persons=1 $R/memo.xml | grep -q '^Mao Zedong (mao_zedong): 4 mentions$' && ok || fail "persons=1 index"
# a mention whose @ref names several persons counts for each person of the personography, in
# text and HTML; a pointer that names nothing (#kim) is not indexed, and warned about once
$TEIKIT render --to text --param persons=1 $R/corpus.xml >"$TK_TMP/cp" 2>"$TK_TMP/cp.err"
grep -q '^Mao Zedong (mao): 2 mentions$' "$TK_TMP/cp" && grep -q '^Zhou Enlai (zhou): 2 mentions$' "$TK_TMP/cp" &&
  ! grep -q 'kim' "$TK_TMP/cp" && ok || fail "persons=1: @ref with several ids"
[ "$(grep -c 'warning: @ref points to "#kim", which no xml:id in this document defines' "$TK_TMP/cp.err")" -eq 1 ] &&
  ok || fail "one warning for an unresolved pointer (text)"
$TEIKIT render --to html $R/corpus.xml >"$TK_TMP/c.html" 2>"$TK_TMP/cp.err"
grep -q '<li id="tk-p-zhou"><strong class="pname">Zhou Enlai</strong><ul class="ctx"><li class="mention">[^<]*<a href="#tk-m2">the two chairmen</a>[^<]*</li><li class="mention">[^<]*<a href="#tk-m3">Zhou and Kim</a>' "$TK_TMP/c.html" &&
  ! grep -q 'tk-p-kim' "$TK_TMP/c.html" && ok || fail "HTML index: @ref with several ids"
[ "$(grep -c '"#kim"' "$TK_TMP/cp.err")" -eq 1 ] && ok || fail "one warning for an unresolved pointer (HTML)"
# each document of a corpus has its title block in HTML too
[ "$(grep -o '<header class="part-header"><h2>[^<]*</h2>' "$TK_TMP/c.html" | wc -l)" -eq 2 ] &&
  grep -q '<dt>Source</dt><dd>810.154/691. Document 588 (frus1934v04/d588).</dd>' "$TK_TMP/c.html" && ok || fail "HTML: per-document headers"

# ---- the diplomatic text of a converted transcript is the transcript ----------------------
# The seed memorandum through 'teikit convert' and back: the body's words and brackets, token
# for token, from its dateline to its last paragraph (the header block and the web debris
# around it went to the TEI header: they are not compared here).
seed=samples/memo_wilson_1949-02-03_mikoyan_mao.txt
if $TEIKIT convert -o "$TK_TMP/seed.xml" $seed 2>/dev/null; then
  $TEIKIT render --to text --param width=0 "$TK_TMP/seed.xml" >"$TK_TMP/seed.txt"
  body() { sed -n '/^February 3, 1949$/,/^The conversation ended at this\.$/p' | LC_ALL=C tr -cs '[:alnum:][]().,' '\n' | grep -v '^$'; }
  body <$seed >"$TK_TMP/seed.src"
  body <"$TK_TMP/seed.txt" >"$TK_TMP/seed.out"
  if [ "$(wc -l <"$TK_TMP/seed.src")" -gt 2000 ] && cmp -s "$TK_TMP/seed.src" "$TK_TMP/seed.out"; then ok; else
    fail "diplomatic text of the converted seed memorandum differs from it"; diff "$TK_TMP/seed.src" "$TK_TMP/seed.out" | head -6; fi
else
  fail "teikit convert failed on the seed memorandum: no round trip"
fi

# ---- HTML ------------------------------------------------------------------------------
$TEIKIT render --to html $R/memo.xml >"$TK_TMP/memo.html"; check "html memo" [ $? -eq 0 ]
h="$TK_TMP/memo.html"
head -c 15 "$h" | grep -q '<!DOCTYPE html' && ok || fail "html5 doctype"
grep -q '<html lang="en">' "$h" && ok || fail "html lang"
# every in-page link has its target, and there are no links out of the page that load
grep -o 'href="#[^"]*"' "$h" | sed 's/href="#//; s/"$//' | sort -u >"$TK_TMP/hrefs"
grep -o ' id="[^"]*"' "$h" | sed 's/ id="//; s/"$//' | sort -u >"$TK_TMP/ids"
missing=$(comm -23 "$TK_TMP/hrefs" "$TK_TMP/ids" | head -3)
[ -z "$missing" ] && ok || fail "links without target: $missing"
dups=$(grep -o ' id="[^"]*"' "$h" | sort | uniq -d | head -3)
[ -z "$dups" ] && ok || fail "duplicate ids: $dups"
if grep -Eq '<(script|link|img|iframe)|src=|url\(' "$h"; then fail "html fetches something"; else ok; fi
# footnotes both ways, persons index, both readings present, the switch
grep -q 'id="tk-nr6" href="#tk-n6"' "$h" && grep -q 'id="tk-n6" class="norm"><a class="fnlabel" href="#tk-nr6"' "$h" && ok || fail "footnote links both ways"
# a marker whose note has no text (tk-nr5) links nowhere, and no "(no note text)" is listed
# (source note 1 is 1 in both views: the normalized view numbers source notes apart from the
# editors' notes, which it letters: [a] Soviet China specialist)
grep -q '<a id="tk-nr5">1</a>' "$h" && ! grep -q 'id="tk-n5"\|no note text' "$h" && ok || fail "marker of a note without text"
grep -q '<a id="tk-nr1" href="#tk-n1">a</a></sup>' "$h" && grep -q 'href="#tk-nr1" title="back to the text">a<span class="back"' "$h" && ok || fail "editorial notes lettered in the normalized view"
# the title once: a first head that says the title in plain words is the h1, not repeated
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>On Bees</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><head>On Bees</head><p>Bees hum.</p><div><head>On Bees</head><p>x</p></div></body></text></TEI>\n' >"$TK_TMP/bees.xml"
# (the "cite this" reference at the foot names it too)
[ "$($TEIKIT render --to html "$TK_TMP/bees.xml" | sed 's|<section class="cite".*</section>||' | grep -o 'On Bees' | wc -l)" -eq 3 ] && ok || fail "title printed once (title, h1, the div's own head)"
# speakers of u and annotationBlock named from the personography, in HTML and text
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc><profileDesc><particDesc><listPerson><person xml:id="KM"><persName>Milan Kucan</persName></person></listPerson></particDesc></profileDesc></teiHeader><text><body><u who="#KM">Dear members.</u><annotationBlock who="#KM"><u>We vote.</u><spanGrp><span>They laugh.</span></spanGrp></annotationBlock><u who="#ZZ">Hello.</u></body></text></TEI>\n' >"$TK_TMP/u.xml"
$TEIKIT render --to text "$TK_TMP/u.xml" >"$TK_TMP/u.txt"
grep -q '^Milan Kucan: Dear members\.$' "$TK_TMP/u.txt" && grep -q '^Milan Kucan: We vote\.$' "$TK_TMP/u.txt" &&
  grep -q 'They laugh' "$TK_TMP/u.txt" && grep -q '^ZZ: Hello\.$' "$TK_TMP/u.txt" && ok || fail "text: speakers of u and annotationBlock"
$TEIKIT render --to html "$TK_TMP/u.xml" >"$TK_TMP/u.html"
[ "$(grep -o '<div class="speaker">Milan Kucan</div>' "$TK_TMP/u.html" | wc -l)" -eq 2 ] && ok || fail "html: speakers of u and annotationBlock"
grep -q '<li id="tk-p-mao_zedong"><strong class="pname">Mao Zedong</strong>' "$h" && ok || fail "persons index entry"
[ "$(grep -o 'href="#tk-m[0-9]*"' "$h" | wc -l)" -eq 10 ] && ok || fail "index links every mention (10)"
grep -q 'title="Ivan V. Kovalev"' "$h" && ok || fail "full name on hover"
grep -q '<span class="dipl sic" title="corr: can">cannot</span><span class="norm corr" title="sic: cannot">can</span>' "$h" && ok || fail "both readings of a choice"
grep -q 'id="tk-view-dipl" class="tk-view" checked' "$h" && ok || fail "diplomatic view first"
$TEIKIT render --to html --view normalized $R/memo.xml | grep -q 'id="tk-view-norm" class="tk-view" checked' && ok || fail "--view normalized"
$TEIKIT render --to html $R/transcript.xml >"$TK_TMP/t.html"
grep -q '<div class="sp" data-who="#kissinger" id="t1" data-n="1"><div class="speaker">SECRETARY KISSINGER:</div>' "$TK_TMP/t.html" && ok || fail "speaker turn"

# a citable edition (made-up tests/render/edition.xml): a table of contents of the divisions
# with heads, anchors and margin numbers (data-n, shown by the style sheet) for paragraphs,
# turns and verse lines, a number every fifth line (@n where the line has one), a page break
# before the speaker in the speech column
E=$TK_TMP/ed.html
expect_status "edition html" 0 $TEIKIT render --to html $R/edition.xml
cp "$TK_TMP/out" "$E"
grep -q '<nav class="toc" aria-labelledby="tk-toc-h"><h2 id="tk-toc-h">Contents</h2><ol><li class="toc1"><a href="#d1">I Evening</a></li><li class="toc1"><a href="#morning">II Morning</a></li></ol></nav>' "$E" &&
  ok || fail "table of contents"
grep -q '<section class="div poem" id="d1">' "$E" && grep -q '<section class="div poem" id="morning">' "$E" && ok || fail "division anchors"
[ "$(grep -o '<div class="l" id="l[0-9]*"[^>]*>' "$E" | tr '\n' ' ')" = '<div class="l" id="l1"> <div class="l" id="l2"> <div class="l" id="l3"> <div class="l" id="l4"> <div class="l" id="l5" data-n="5"> <div class="l" id="l6"> <div class="l" id="l7"> <div class="l" id="l8" data-n="10"> ' ] &&
  ok || fail "verse lines: a number every fifth line: $(grep -o '<div class="l"[^>]*>' "$E" | tr '\n' ' ')"
$TEIKIT render --to html --param lines=all $R/edition.xml | grep -q '<div class="l" id="l7" data-n="9">' && ok || fail "lines=all: every line numbered"
grep -q '<p id="prose1" data-n="1">A note in prose' "$E" && grep -q '<p id="p2" data-n="2">Who lit' "$E" && ok || fail "paragraph anchors"
grep -q '<div class="speaker">KEEPER.</div><div class="speech">' "$E" && grep -q 'data-who="#keeper" id="t1" data-n="1"' "$E" && ok || fail "page break out of the speaker column"
grep -q '\.tei-text \[data-n\]::before{content:attr(data-n)' "$E" && ok || fail "margin numbers in the style"
# a genetic edition (made-up tests/render/genetic.xml: sourceDoc, no text): line by line, page
# by page, in text and HTML (the lines of all pages ran into one paragraph before)
expect_status "genetic text" 0 $TEIKIT render --to text $R/genetic.xml
[ "$(sed -n '/^Dear/,$p' "$TK_TMP/out" | tr '\n' '|')" = 'Dear Friend, the rain|has not stopped since||Tuesday, and the mill|is silent.||' ] &&
  ok || fail "genetic edition: lines and pages: $(tail -6 "$TK_TMP/out" | tr '\n' '|')"
expect_status "genetic html" 0 $TEIKIT render --to html $R/genetic.xml
[ "$(grep -c '<p class="line">' "$TK_TMP/out")" -eq 4 ] && [ "$(grep -c '<div class="surface">' "$TK_TMP/out")" -eq 2 ] && ok || fail "genetic edition in HTML: a p per line, a div per page"
# a critical apparatus (made-up tests/render/apparatus.xml): the lemma in the text (also in a
# rdgGrp; the first reading when there is no lemma), the readings after the text with the
# sigla of their witnesses (@n, abbr, else the id), an empty reading "om."
expect_status "apparatus text" 0 $TEIKIT render --to text $R/apparatus.xml
tr '\n' ' ' <"$TK_TMP/out" | grep -q 'The miller ground the golden corn and sang of seven stones, slowly turning all night\.' && ok || fail "apparatus: the lemmas in the text: $(head -5 "$TK_TMP/out")"
[ "$(sed -n '/^Apparatus:/,$p' "$TK_TMP/out" | tr '\n' '|')" = 'Apparatus:|1 golden A] yellow B C|2 seven B] sevene C; eleven A|3 slowly A] softly B|4 all night A B] om. C||' ] &&
  ok || fail "apparatus entries: $(sed -n '/^Apparatus:/,$p' "$TK_TMP/out" | tr '\n' '|')"
expect_status "apparatus html" 0 $TEIKIT render --to html $R/apparatus.xml
grep -q '<span class="app"><span class="lem">seven</span><sup class="appref"><a id="tk-ar2" href="#tk-a2" title="apparatus">2</a></sup></span>' "$TK_TMP/out" && ok || fail "apparatus: lemma of a rdgGrp in the HTML text"
grep -q '<span class="lem">all night</span> <span class="wit" title="Nowhere, Town Library, MS 1; B Elsewhere, Abbey, MS 7; ">A B</span>] <span class="rdg"><i>om.</i></span> <span class="wit" title="A printed copy, 1799; ">C</span>' "$TK_TMP/out" && ok || fail "apparatus entry with sigla in HTML"
# a stand-off apparatus (made-up tests/render/standoff.xml: apps in a listApp pointing with
# @from/@to to anchors, @from only to a seg): the text unchanged, markers at the end of each
# place in the HTML, entries in the order of the places with lemma, readings and sigla; the
# seg's words are the lemma of an entry without one; a place that is nowhere: no number
expect_status "stand-off apparatus text" 0 $TEIKIT render --to text $R/standoff.xml
grep -q '^The weaver wove a crimson cloth by the window and sang all day\.$' "$TK_TMP/out" && ok || fail "stand-off apparatus: the text: $(sed -n 4p "$TK_TMP/out")"
[ "$(sed -n '/^Apparatus:/,$p' "$TK_TMP/out" | tr '\n' '|')" = 'Apparatus:|1 crimson P] scarlet Q|2 window] door Q|3 sang all day P] om. Q|lost] found Q||' ] &&
  ok || fail "stand-off apparatus entries: $(sed -n '/^Apparatus:/,$p' "$TK_TMP/out" | tr '\n' '|')"
expect_status "stand-off apparatus html" 0 $TEIKIT render --to html $R/standoff.xml
tr -d '\n' <"$TK_TMP/out" | grep -q 'a crimson<sup class="appref"><a id="tk-ar1" href="#tk-a1" title="apparatus">1</a></sup> cloth *by the <span class="tei-seg">window</span><sup class="appref"><a id="tk-ar2" href="#tk-a2" title="apparatus">2</a></sup> and *sang all day<sup class="appref"><a id="tk-ar3" href="#tk-a3" title="apparatus">3</a></sup>\.</p>' &&
  ok || fail "stand-off apparatus: markers at the places in the HTML"
grep -q '<li id="tk-a2"><a class="fnlabel" href="#tk-ar2" title="back to the text">2<span class="back" aria-hidden="true"> ↩</span></a> <span class="lem">window</span>] <span class="rdg">door</span> <span class="wit" title="Q A broadside, 1810; ">Q</span></li>' "$TK_TMP/out" &&
  grep -q '<li><span class="lem">lost</span>] ' "$TK_TMP/out" && ok || fail "stand-off apparatus entries in HTML"
# stand-off places that have templates of their own (made-up tests/render/standoff-places.xml:
# a head, verse lines, a paragraph, a name, a date, a highlighted word, a list item, a table
# cell, a stage direction): each has its marker at its end, inside its block; the entries are
# listed in the order of their numbers; a lemma copied from a place holds no marker
expect_status "stand-off places html" 0 $TEIKIT render --to html $R/standoff-places.xml
SO='<sup class="appref"><a id="tk-ar[0-9]*" href="#tk-a[0-9]*" title="apparatus">[0-9]*</a></sup>'
[ "$(sed -n '/<article/,/<\/article>/p' "$TK_TMP/out" | grep -o 'id="tk-ar[0-9]*"' | wc -l)" -eq 10 ] &&
  ok || fail "stand-off places: 10 markers in the text"
for want in "<h2>The Ferry Song${SO}</h2>" "<div class=\"l\" id=\"v1\">The ferry crosses twice a day,${SO}</div>" \
            "<span class=\"persName\">Tam Ollery</span>${SO} in" "1822</time>${SO}," "<i>loudly</i>${SO}\.${SO}</p>" \
            "<li>first verse${SO}</li>" "<td>oars${SO}</td>" "<p class=\"stage\">rowing${SO}</p>"; do
  grep -q "$want" "$TK_TMP/out" && ok || fail "stand-off places: no marker in /$want/"
done
[ "$(grep -o '<li id="tk-a[0-9]*"' "$TK_TMP/out" | tr -dc '0-9\n' | tr '\n' ' ')" = '1 2 3 4 5 6 7 8 9 10 ' ] &&
  ok || fail "stand-off places: entries in the order of their numbers: $(grep -o '<li id="tk-a[0-9]*"' "$TK_TMP/out" | tr '\n' ' ')"
grep -q '<span class="lem">Sung at the landing by <span class="persName">Tam Ollery</span> in' "$TK_TMP/out" &&
  ok || fail "stand-off places: a marker repeated in a lemma copied into the apparatus"
# authority ids of persons (made-up tests/render/authority.xml): idno VIAF, Wikidata, GND,
# SNAC, URI become plain links in the index entry (the URL from the table of patterns, a value
# that is a URL as it is), named in the mention's hover text; javascript: and a local type are
# no links; the text index prints the URLs
expect_status "authority html" 0 $TEIKIT render --to html $R/authority.xml
for want in 'href="https://viaf.org/viaf/1234567" rel="noreferrer" title="VIAF 1234567">VIAF</a>' \
            'href="https://www.wikidata.org/wiki/Q999001" rel="noreferrer" title="Wikidata Q999001">Wikidata</a>' \
            'href="https://d-nb.info/gnd/118999001" rel="noreferrer" title="GND 118999001">GND</a>' \
            'href="https://snaccooperative.org/ark:/99166/w6abc" rel="noreferrer"' \
            'href="https://example.org/people/ada" rel="noreferrer" title="URI https://example.org/people/ada">URI</a>' \
            'href="https://viaf.org/viaf/55" rel="noreferrer"' \
            'title="Ada Quill; VIAF 1234567; Wikidata Q999001; GND 118999001; SNAC ark:/99166/w6abc; URI https://example.org/people/ada"'; do
  grep -qF "$want" "$TK_TMP/out" && ok || fail "authority: /$want/ not in the page"
done
[ "$(grep -o 'class="authority"' "$TK_TMP/out" | wc -l)" -eq 6 ] && ! grep -q 'javascript:\|A-7' "$TK_TMP/out" &&
  ok || fail "authority: 6 links, none for javascript: or a local id"
expect_status "authority text" 0 $TEIKIT render --to text --param width=0 --param persons=1 $R/authority.xml
grep -qF 'Ada Quill (ada): 1 mention; VIAF https://viaf.org/viaf/1234567; Wikidata https://www.wikidata.org/wiki/Q999001; GND https://d-nb.info/gnd/118999001; SNAC https://snaccooperative.org/ark:/99166/w6abc; URI https://example.org/people/ada' "$TK_TMP/out" &&
  ok || fail "authority: the text index: $(grep 'Ada Quill' "$TK_TMP/out")"
# verse (made-up tests/render/verse.xml): line numbers in a gutter of the text view every
# fifth line (@n, else counted), every line with lines=all, none with lines=none; poems
# without heads numbered from @n and @subtype, a head that does not say its number gets it
expect_status "verse text" 0 $TEIKIT render --to text $R/verse.xml
[ "$(sed -n '/^Poem 1$/,$p' "$TK_TMP/out" | tr '\n' '|')" = "Poem 1||      The ferry crosses twice a day,|      and twice the boatman sings;|      the river hears what he would say|      and carries it on wings|   5  of mist and gull and evening grey|      to where the church bell rings.||Poem 2||  10  A lantern on the landing stage,|      a rope upon the post.||3 The Boatman's Reply||      I sing because the water's wide.||" ] &&
  ok || fail "verse text: $(sed -n '/^Poem 1$/,$p' "$TK_TMP/out" | tr '\n' '|')"
expect_status "verse text lines=all" 0 $TEIKIT render --to text --param lines=all $R/verse.xml
grep -q '^   2  and twice the boatman sings;$' "$TK_TMP/out" && grep -q '^  11  a rope upon the post\.$' "$TK_TMP/out" &&
  ok || fail "verse text lines=all: every line numbered"
expect_status "verse text lines=none" 0 $TEIKIT render --to text --param lines=none $R/verse.xml
grep -q '^of mist and gull and evening grey$' "$TK_TMP/out" && ok || fail "verse text lines=none: no gutter"
expect_status "verse html" 0 $TEIKIT render --to html $R/verse.xml
grep -q '<h2 class="div-n">Poem 1</h2>' "$TK_TMP/out" && grep -q '<h2 class="div-n">Poem 2</h2>' "$TK_TMP/out" &&
  grep -q '<div class="l" id="l5" data-n="5">of mist' "$TK_TMP/out" && ok || fail "verse html: poems numbered, line 5 in the margin"
# the title once when the head that says it holds a mention (the h1 holds the head's content,
# the mention's anchor stays); dictionary entries are blocks (one paragraph each in the text);
# the index quotes a speech word by word (<vocal> then a word: two words)
cat >"$TK_TMP/once.xml" <<'XML'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A Talk with Ada Quill</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson><person xml:id="ada"><persName>Ada Quill</persName></person></listPerson></particDesc></profileDesc></teiHeader>
<text><body><head>A Talk with <persName ref="#ada">Ada Quill</persName></head>
<u who="#ada"><vocal><desc>laughs</desc></vocal>well then</u>
<div><pb n="1"/><entryFree><form>ferry</form>, n. a boat <cit><quote>the ferry crosses</quote></cit></entryFree><entryFree><form>ford</form>, n. a shallow place</entryFree></div></body></text></TEI>
XML
expect_status "title once html" 0 $TEIKIT render --to html "$TK_TMP/once.xml"
[ "$(grep -o 'A Talk with <a class="person"' "$TK_TMP/out" | wc -l)" -eq 1 ] && grep -q '<h1>A Talk with <a class="person" href="#tk-p-ada" title="Ada Quill" id="tk-m1">Ada Quill</a></h1>' "$TK_TMP/out" &&
  ok || fail "title once: the head with a mention is the h1, once"
grep -q 'speaks</a>: laughs well then' "$TK_TMP/out" && ok || fail "index: a speech quoted word by word"
grep -q '<p class="entryFree">' "$TK_TMP/out" && ok || fail "dictionary entry a block in HTML"
expect_status "dictionary entries text" 0 $TEIKIT render --to text "$TK_TMP/once.xml"
grep -q '^ford, n\. a shallow place$' "$TK_TMP/out" && ok || fail "dictionary entries: one paragraph each: $(tail -4 "$TK_TMP/out" | tr '\n' '|')"
# a facsimile (made-up tests/render/facsimile.xml): the local page image (facs/page1.png,
# beside the file) inline as a data: URI beside the text at its page break, a remote one only
# as a link (the page fetches nothing), a missing file no dead link, the zones listed after the text;
# the text view has a line per page image a page break points to and one per surface
expect_status "facsimile html" 0 $TEIKIT render --to html $R/facsimile.xml
png=$(base64 -w0 <$R/facs/page1.png)
[ "$(grep -o '<img src="data:image/png;base64,'"$png"'" alt="page image Page [14]"' "$TK_TMP/out" | wc -l)" -eq 2 ] &&
  ok || fail "facsimile: the local page image inline at pages 1 and 4"
grep -q '<a href="https://images.example.org/ledger/page2.jpg" rel="noreferrer">page image (Page 2): ' "$TK_TMP/out" &&
  ! grep -q 'href="facs/missing.png"' "$TK_TMP/out" && ok || fail "facsimile: a remote image as a link, a missing file no dead link"
! grep -Eqi '<(img|script|link|iframe|object|embed|video|audio|source)[^>]* (src|href)="[a-z]+:/' "$TK_TMP/out" && ok || fail "facsimile: the page fetches something"
grep -q '<li>zone z1 (40,60 760,140)</li><li>zone z2 (40,200 760,200 760,900 40,900)</li>' "$TK_TMP/out" && ok || fail "facsimile: zones listed"
expect_status "facsimile text" 0 $TEIKIT render --to text $R/facsimile.xml
[ "$(sed -n '/^Facsimile:/,$p' "$TK_TMP/out" | tr '\n' '|')" = 'Facsimile:|Page 1: facs/page1.png|Page 2: https://images.example.org/ledger/page2.jpg|Page 3: facs/missing.png|Page 4: facs/page1.png|Surface 1: facs/page1.png; zone z1 (40,60 760,140); zone z2 (40,200|    760,200 760,900 40,900)|Surface 2: https://images.example.org/ledger/page2.jpg|Surface 3: facs/missing.png||' ] &&
  ok || fail "facsimile in the text view: $(sed -n '/^Facsimile:/,$p' "$TK_TMP/out" | tr '\n' '|')"
# page images named by an identifier only (facs="0005": no scheme, no file extension, as in
# FRUS volumes) are counted in one line of the text view, not listed one per page; a file
# beside them is still listed
cat >"$TK_TMP/pagenames.xml" <<'XML'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Ledger</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><pb n="1" facs="0005"/><p>Rent paid.</p><pb n="2" facs="0006"/><p>Wood bought.</p><pb n="3" facs="0007"/><p>Nails.</p></body></text></TEI>
XML
expect_status "page image names text" 0 $TEIKIT render --to text "$TK_TMP/pagenames.xml"
[ "$(sed -n '/^Facsimile/,$p' "$TK_TMP/out" | tr '\n' '|')" = 'Facsimile: 3 page images named by identifier only (0005 ... 0007)||' ] &&
  ok || fail "page image names: $(sed -n '/^Facsimile/,$p' "$TK_TMP/out" | tr '\n' '|')"
sed 's|<pb n="3" facs="0007"/>|<pb n="3" facs="img/p3.jpg"/>|' "$TK_TMP/pagenames.xml" >"$TK_TMP/pagefile.xml"
expect_status "page image names and a file text" 0 $TEIKIT render --to text "$TK_TMP/pagefile.xml"
[ "$(sed -n '/^Facsimile/,$p' "$TK_TMP/out" | tr '\n' '|')" = 'Facsimile:|Page 3: img/p3.jpg|2 page images named by identifier only (0005 ... 0006)||' ] &&
  ok || fail "page image names and a file: $(sed -n '/^Facsimile/,$p' "$TK_TMP/out" | tr '\n' '|')"
# only files under the input's directory are read: not ../x.png, an absolute path, a symlink
# out of the directory, a javascript: URL (not even as a link); no pb: the images in the list
mkdir -p "$TK_TMP/fx/in"
cp $R/facs/page1.png "$TK_TMP/fx/secret.png"; ln -sf ../secret.png "$TK_TMP/fx/in/link.png"
cp $R/facs/page1.png "$TK_TMP/fx/in/ok.png"
cat >"$TK_TMP/fx/in/doc.xml" <<EOF
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>F</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<facsimile><surface n="1"><graphic url="../secret.png"/><graphic url="$TK_TMP/fx/secret.png"/><graphic url="link.png"/><graphic url="javascript:alert(1).png"/><graphic url="ok.png"/></surface></facsimile>
<text><body><p>Words.</p></body></text></TEI>
EOF
expect_status "facsimile: images out of the directory" 0 $TEIKIT render --to html "$TK_TMP/fx/in/doc.xml"
[ "$(grep -o 'src="data:' "$TK_TMP/out" | wc -l)" -eq 1 ] && grep -q '<span class="facs"><img src="data:image/png;base64,[^"]*" alt="page image 1" title="ok.png">' "$TK_TMP/out" &&
  ! grep -q 'href="javascript' "$TK_TMP/out" && ok || fail "facsimile: only ok.png inline, no javascript: link"
grep -q '<p class="reference">Ada Quill. <cite>Songs of the Lamplighter</cite>. Made-up Press, 2026.</p>' "$E" && ok || fail "cite this: the reference from the header"
grep -q '<time class="ts dipl">\[00:00:12\]</time> Thank you' "$TK_TMP/t.html" && ok || fail "timestamp (diplomatic view only)"
grep -q 'class="event vocal"' "$TK_TMP/t.html" && grep -q 'class="gap"' "$TK_TMP/t.html" && ok || fail "events styled"
$TEIKIT render --to html --param 'css=.x{color:red}' $R/memo.xml | grep -q '\.x{color:red}</style>' && ok || fail "css parameter"

# ---- several files, -o DIR, names ------------------------------------------------------
expect_status "several inputs -o dir" 0 $TEIKIT render --to text -o "$TK_TMP/outdir" $R/memo.xml $R/transcript.xml
[ -s "$TK_TMP/outdir/memo.txt" ] && cmp -s "$TK_TMP/outdir/transcript.txt" $R/transcript.diplomatic.txt && ok || fail "-o dir writes one file per input"
expect_status "several inputs need -o" 2 $TEIKIT render $R/memo.xml $R/transcript.xml
expect_status "-o file" 0 $TEIKIT render --to text -o "$TK_TMP/one.txt" $R/memo.xml
check "-o file content" cmp -s "$TK_TMP/one.txt" $R/memo.diplomatic.txt
expect_status "refuses to overwrite input" 2 $TEIKIT render --xslt $R/identity.xsl -o $R/memo.xml $R/memo.xml

# ---- user stylesheets and parameters ---------------------------------------------------
expect_status "--xslt" 0 $TEIKIT render --xslt $R/identity.xsl --param greeting=it\'s\"quoted\" $R/memo.xml
grep -q "<greeting>it's\"quoted\"</greeting>" "$TK_TMP/out" && ok || fail "string parameter passed verbatim"
expect_status "bad --param" 2 $TEIKIT render --param noequals $R/memo.xml
expect_status "bad --to" 2 $TEIKIT render --to pdf $R/memo.xml
expect_status "bad --view" 2 $TEIKIT render --view pretty $R/memo.xml
expect_status "missing input" 2 $TEIKIT render --to text "$TK_TMP/nope.xml"

# ---- errors are GCC-shaped and leave no output ------------------------------------------
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>open</body></text></TEI>\n' >"$TK_TMP/bad.xml"
expect_status "ill-formed input" 1 $TEIKIT render --to text -o "$TK_TMP/bad.txt" "$TK_TMP/bad.xml"
grep -Eq '^[^:]*bad\.xml:1:[0-9]+: error: ' "$TK_TMP/err" && ok || fail "ill-formed input: file:line:col"
[ ! -e "$TK_TMP/bad.txt" ] && ok || fail "no output file after an error"
expect_status "xsl:message terminate" 1 $TEIKIT render --xslt $R/hostile/terminate.xsl -o "$TK_TMP/term.out" $R/memo.xml
grep -q 'terminate.xsl:6: error: refusing this document \[xsl-message\]' "$TK_TMP/err" && ok || fail "terminate message with stylesheet line"
grep -q 'terminate.xsl:5: warning: looking at' "$TK_TMP/err" && ok || fail "xsl:message warning with line"
[ ! -e "$TK_TMP/term.out" ] && ok || fail "no output after terminate"
expect_status "stylesheet syntax error" 1 $TEIKIT render --xslt $R/hostile/syntax.xsl $R/memo.xml
grep -q 'syntax.xsl:5: error: .*could not compile select expression' "$TK_TMP/err" && ok || fail "compile error with line"

# ---- security ---------------------------------------------------------------------------
rm -f "$TK_TMP/pwned.txt"
sed "s|@OUT@|$TK_TMP/pwned.txt|" $R/hostile/write.xsl >"$TK_TMP/write.xsl"
expect_status "stylesheet may not write files" 1 $TEIKIT render --xslt "$TK_TMP/write.xsl" $R/memo.xml
[ ! -e "$TK_TMP/pwned.txt" ] && ok || fail "exsl:document wrote a file"
expect_status "document() outside the input's directory" 1 $TEIKIT render --xslt $R/hostile/read.xsl --param path=/etc/passwd $R/memo.xml
grep -q "may not read '/etc/passwd'" "$TK_TMP/err" && ok || fail "read refused with a reason"
grep -q "root:" "$TK_TMP/out" && fail "passwd leaked" || ok
expect_status "document() network" 1 $TEIKIT render --xslt $R/hostile/read.xsl --param path=http://127.0.0.1:9/x.xml $R/memo.xml
mkdir -p "$TK_TMP/side"; printf '<side>allowed words</side>\n' >"$TK_TMP/side/s.xml"
expect_status "--allow-read" 0 $TEIKIT render --xslt $R/hostile/read.xsl --param path="$TK_TMP/side/s.xml" --allow-read "$TK_TMP/side" $R/memo.xml
grep -q 'allowed words' "$TK_TMP/out" && ok || fail "--allow-read lets document() read"
expect_status "document() next to the input" 0 $TEIKIT render --xslt $R/hostile/read.xsl --param path=transcript.xml $R/memo.xml
grep -q 'Meeting with the Secretary' "$TK_TMP/out" && ok || fail "document() reads beside the input"
printf '<!DOCTYPE TEI [<!ENTITY x SYSTEM "/etc/passwd">]><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>\n' >"$TK_TMP/xxe.xml"
expect_status "external entity refused" 1 $TEIKIT render --to text "$TK_TMP/xxe.xml"
grep -q "root:" "$TK_TMP/out" && fail "entity expanded" || ok

# ---- any TEI: every word of the text body of every reference document comes out ---------
# Word tokens (letters and digits) of the TEI text, one text node at a time, against the
# tokens of the diplomatic + normalized text (a choice shows one reading per view): each word
# of 4 or more characters must come out at least as often as the TEI has it (shorter tokens are
# often pieces of words split by markup: tra<retrace>scu</retrace>ri); a token that never comes
# out on its own counts when it is inside an output token (glued by markup the extraction did
# not know, or split by the renderer's brackets: gvn[n]hillde).
if have_shared && command -v xsltproc >/dev/null 2>&1; then
  for f in "$SHARED"/reference/tei/*.xml "$SHARED"/reference/tei/castello-anima/text/*.xml; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .xml)
    xsltproc --xinclude $R/words.xsl "$f" 2>/dev/null | LC_ALL=C tr -cs '[:alnum:]' '\n' | grep -v '^$' >"$TK_TMP/tei.w"
    if ! $TEIKIT render --to text --xinclude "$f" >"$TK_TMP/d.txt" 2>"$TK_TMP/err" ||
       ! $TEIKIT render --to text --view normalized --xinclude "$f" >"$TK_TMP/n.txt" 2>>"$TK_TMP/err"; then
      fail "render $b"; head -3 "$TK_TMP/err"; continue
    fi
    $TEIKIT render --to html --xinclude "$f" >"$TK_TMP/h.html" 2>>"$TK_TMP/err" || fail "render html $b"
    cat "$TK_TMP/d.txt" "$TK_TMP/n.txt" | LC_ALL=C tr -cs '[:alnum:]' '\n' | grep -v '^$' >"$TK_TMP/out.w"
    # tokens that come out fewer times than the TEI has them ("short"), and among them those
    # that never come out as a token of their own ("absent")
    awk -v short="$TK_TMP/short" 'FNR==NR{t[$0]++; next} {o[$0]++}
      END{for (w in t) if (o[w] < t[w]) { if (o[w] == 0) print w; else if (length(w) > 3) print w > short }}' \
      "$TK_TMP/tei.w" "$TK_TMP/out.w" >"$TK_TMP/absent"
    # an absent token is forgiven when it is part of a longer output token (glued by markup)
    # (brackets are the renderer's: gvn[n]hillde is the word gvnnhillde)
    cat "$TK_TMP/d.txt" "$TK_TMP/n.txt" | LC_ALL=C tr -d '[]' | LC_ALL=C tr -cs '[:alnum:]' '\n' | LC_ALL=C sort -u >"$TK_TMP/out.u"
    lost=$(LC_ALL=C awk 'FNR==NR{all = all " " $0; next} index(all, $0) == 0' \
             "$TK_TMP/out.u" "$TK_TMP/absent"; cat "$TK_TMP/short" 2>/dev/null)
    rm -f "$TK_TMP/short"
    if [ -z "$lost" ] && [ -s "$TK_TMP/tei.w" ]; then ok; else
      fail "words of $b lost in the text output: $(echo $lost | cut -c1-120)"; fi
  done
else
  skip "xsltproc not installed (apt-get install xsltproc): reference TEI word test"
fi

tk_done
