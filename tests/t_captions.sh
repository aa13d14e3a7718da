#!/bin/sh
# t_captions.sh: WebVTT and SRT captions (docs/convert.md "Captions") on made-up inputs:
# detection, a turn per cue with its start and end in the timeline, voices as persons, the
# header (Language:, Kind: to the teiHeader) and NOTE/STYLE/REGION blocks kept as comments, valid, and lossless (the diplomatic text gives back the
# cue numbers, timing lines and text); near-misses stay records. Corpus part: every WebVTT
# or SRT file of ../shared/corpus converts as captions, valid against tei_all.
. tests/lib.sh

# words IN RENDERED: the input's whitespace-separated tokens all come back, none invented
# (the rendered title block, its first paragraph, left out)
same_words() {
  # (a byte-order mark is no text)
  sed "1s/^$(printf '\357\273\277')//" "$2" | tr -s ' \t\r\n' '\n\n\n\n' | grep -v -x '' |
    LC_ALL=C sort >"$TK_TMP/w.in"
  awk 'BEGIN { RS = "" } NR > 1 { print $0 "\n" }' "$3" | tr -s ' \t\r\n' '\n\n\n\n' |
    grep -v -x '' | LC_ALL=C sort >"$TK_TMP/w.out"
  if cmp -s "$TK_TMP/w.in" "$TK_TMP/w.out"; then ok
  else fail "$1: words differ"; diff "$TK_TMP/w.in" "$TK_TMP/w.out" | head -8 | sed 's/^/  | /'; fi
}
roundtrip() { # roundtrip NAME IN [convert options]: converts, validates, renders back
  rt=$1; rin=$2; shift 2 # (expect_status sets $name)
  expect_status "$rt converts" 0 $TEIKIT convert "$@" -o "$TK_TMP/$rt.xml" "$rin"
  expect_status "$rt valid (teikit.rng)" 0 $TEIKIT validate -q "$TK_TMP/$rt.xml"
  $TEIKIT render --to text --view diplomatic -o "$TK_TMP/$rt.txt" "$TK_TMP/$rt.xml" 2>/dev/null
  same_words "$rt lossless" "$rin" "$TK_TMP/$rt.txt"
}

# ---- WebVTT: header, NOTE, STYLE, cue identifiers, voices, multi-line cues, settings
cat > "$TK_TMP/talk.vtt" <<'TXT'
WEBVTT - A made-up talk
Kind: captions
Language: en

NOTE written by hand
over two lines

STYLE
::cue { color: yellow }

REGION
id:left width:40%

intro
00:00:01.500 --> 00:00:04.000 align:start
<v Ada Quill>Good evening,
and welcome.

00:00:04.250 --> 00:00:07.000
<v Ada Quill>Tonight we talk
about ropes.

3
01:02:03.004 --> 01:02:05.900
<v.loud Bram Tor>Ropes!
- And knots.
TXT
roundtrip vtt "$TK_TMP/talk.vtt"
X="$TK_TMP/vtt.xml"
count "vtt: a turn per cue (and per '- ')" "$X" '<sp ' 4
has "vtt: header kept as the head" "$X" '<head>WEBVTT - A made-up talk$'
has "vtt: header's language" "$X" '<language ident="en">en</language>'
has "vtt: NOTE kept" "$X" '<note type="comment" rend="plain">NOTE written by hand'
has "vtt: STYLE kept as a comment" "$X" '<note type="comment" subtype="style" rend="plain">STYLE'
has "vtt: REGION kept as a comment" "$X" '<note type="comment" subtype="region" rend="plain">REGION'
has "vtt: header's Kind as the text's type" "$X" '<term>captions</term>'
has "vtt: the header's text is the title" "$X" '<title>A made-up talk</title>'
has "vtt: the shape in the header" "$X" 'read as captions: 4 speaker turns'
has "vtt: timeline" "$X" '<timeline unit="s" origin="#tk-T0">'
has "vtt: start in the timeline" "$X" '<when xml:id="tk-C1s" interval="1.500" since="#tk-T0"/>'
has "vtt: end in the timeline" "$X" '<when xml:id="tk-C1e" interval="4.000" since="#tk-T0"/>'
has "vtt: hours" "$X" '<when xml:id="tk-C3s" interval="3723.004" since="#tk-T0"/>'
has "vtt: start anchor" "$X" '<anchor synch="#tk-C1s" n="00:00:01.500" rend="bare"/>'
has "vtt: voice -> who" "$X" '<sp who="#[a-z-]+" n="1">'
count "vtt: two persons" "$X" '<person xml:id=' 2
has "vtt: voice name" "$X" '<persName>Ada Quill</persName>'
has "vtt: voice with a class" "$X" '<persName>Bram Tor</persName>'
has "vtt: voice tag kept" "$X" '<seg type="voice">&lt;v\.loud Bram Tor&gt;</seg>Ropes!'
has "vtt: settings kept" "$X" 'rend="bare"/> align:start'
has "vtt: cue identifier kept" "$X" '<p>intro'

# ---- `- ` changes the speaker: each such line after the cue's first opens a turn of its own
# (in the same cue, n the cue's number); a voice at its start names it, else it is unnamed
cat > "$TK_TMP/dash.srt" <<'TXT'
1
00:00:01,000 --> 00:00:03,000
- Where are you going?
- Home.

2
00:00:04,000 --> 00:00:06,000
<v Ada Quill>Stay.
- <v Bram Tor>No.
<v Ada Quill>Please.
TXT
roundtrip dash "$TK_TMP/dash.srt"
X="$TK_TMP/dash.xml"
count "dash: a turn per speaker" "$X" '<sp ' 5
count "dash: turns keep their cue's number" "$X" '<sp n="1">' 2
has "dash: the second speaker's turn, unnamed" "$X" '<sp n="1">$'
has "dash: the dash stays text, opening the turn" "$X" '<p>- Home.</p>'
has "dash: a named second speaker" "$X" '<sp who="#bram-tor" n="2">'
has "dash: a voice at a line's start opens a turn" "$X" '<p><seg type="voice">&lt;v Ada Quill&gt;</seg>Please.</p>'
# spoken output: one annotationBlock per cue, a u per turn, each naming its speaker
expect_status "dash --spoken converts" 0 $TEIKIT convert --spoken -o "$TK_TMP/dashs.xml" "$TK_TMP/dash.srt"
expect_status "dash --spoken valid" 0 $TEIKIT validate -q "$TK_TMP/dashs.xml"
count "dash --spoken: a block per cue" "$TK_TMP/dashs.xml" '<annotationBlock start=' 2
has "dash --spoken: turns as u in the cue's block" "$TK_TMP/dashs.xml" '</u><u who="#bram-tor" n="2">'

# ---- inline cue tags become TEI (printed back as tags in the diplomatic text); the inline
# pass reads the cue text (sounds, events, gaps); an unclosed tag stays text
cat > "$TK_TMP/tags.vtt" <<'TXT'
WEBVTT

00:00:01.000 --> 00:00:04.000
It was <i>very</i> <b>dark</b>, <u>they</u> <c.yellow.bg>said</c> <lang fr-CA>merci</lang>.
[Laughter] Never <00:00:02.000>gonna (applause) [inaudible]

00:00:05.000 --> 00:00:06.000
An <i>unclosed tag and <lang not a language>x</lang>
TXT
roundtrip tags "$TK_TMP/tags.vtt"
X="$TK_TMP/tags.xml"
has "tags: italic" "$X" '<hi rend="italic tagged tag-i">very</hi>'
has "tags: bold" "$X" '<hi rend="bold tagged tag-b">dark</hi>'
has "tags: underline" "$X" '<hi rend="underline tagged tag-u">they</hi>'
has "tags: class" "$X" '<hi rend="tagged tag-c.yellow.bg">said</hi>'
has "tags: language" "$X" '<seg rend="tagged tag-lang" xml:lang="fr-CA">merci</seg>'
has "tags: a time inside the cue into the timeline" "$X" '<when xml:id="tk-C1t1" interval="2.000" since="#tk-T0"/>'
has "tags: its anchor" "$X" '<anchor synch="#tk-C1t1" n="00:00:02.000" rend="bare tagged"/>gonna'
has "inline pass: a sound" "$X" '<vocal rend="bracketed"><desc>Laughter</desc></vocal>'
has "inline pass: an event" "$X" '<incident rend="parenthesized"><desc>applause</desc></incident>'
has "inline pass: a gap" "$X" '<gap reason="inaudible" rend="bracketed">'
has "tags: unclosed stays text" "$X" 'An &lt;i&gt;unclosed'
has "tags: no language stays text" "$X" '&lt;lang not a language&gt;x&lt;/lang&gt;'
hasnt "tags: no tag escaped when read" "$X" '&lt;(i&gt;very|b&gt;|u&gt;|c[.a-z]*&gt;|lang fr-CA&gt;|00:00:02.000&gt;)'
$TEIKIT render --to text --view diplomatic --param width=0 -o "$TK_TMP/tags.dipl" "$TK_TMP/tags.xml" 2>/dev/null
has "tags: printed back as tags" "$TK_TMP/tags.dipl" 'It was <i>very</i> <b>dark</b>,'
has "tags: a class printed back" "$TK_TMP/tags.dipl" '<c.yellow.bg>said</c> <lang fr-CA>merci</lang>'
has "tags: a time glued to its word" "$TK_TMP/tags.dipl" 'Never <00:00:02.000>gonna'
if [ -n "${SHARED:-}" ] && [ -f "$SHARED/reference/schemas/tei_all.rng" ]; then
  expect_status "tags valid (tei_all)" 0 $TEIKIT validate -q --grammar-only \
    --schema "$SHARED/reference/schemas/tei_all.rng" "$TK_TMP/tags.xml" "$TK_TMP/dash.xml" "$TK_TMP/dashs.xml"
fi

# ---- SRT: numbered cues, comma decimals, no header
cat > "$TK_TMP/film.srt" <<'TXT'
1
00:00:01,000 --> 00:00:04,000
It was a dark night.

2
00:00:04,500 --> 00:00:06,250
<v Nell>Who is there?
Show yourself!

3
00:00:07,000 --> 00:00:09,000
Nobody.
TXT
roundtrip srt "$TK_TMP/film.srt"
X="$TK_TMP/srt.xml"
count "srt: a turn per cue" "$X" '<sp ' 3
has "srt: comma decimals" "$X" '<when xml:id="tk-C2e" interval="6.250" since="#tk-T0"/>'
has "srt: anchor keeps the comma" "$X" 'n="00:00:04,500"'
has "srt: voice" "$X" '<persName>Nell</persName>'
# CRLF line ends and a byte-order mark; minutes without hours (WebVTT's mm:ss.ttt)
printf '\357\273\2771\r\n00:00:01,000 --> 00:00:02,000\r\n<v Al>Hi\r\nthere\r\n\r\n2\r\n00:03,000 --> 00:04,000\r\nBye\r\n' >"$TK_TMP/crlf.srt"
roundtrip crlf "$TK_TMP/crlf.srt"
count "crlf: a turn per cue" "$TK_TMP/crlf.xml" '<sp ' 2
has "crlf: minutes and seconds" "$TK_TMP/crlf.xml" '<when xml:id="tk-C2e" interval="4.000"'
# the streamed conversion writes the same bytes as the tree (built by `make check`)
if [ -x "$TK_BUILD/tests/stream_check" ]; then
  check "streamed = tree" "$TK_BUILD/tests/stream_check" "$TK_TMP/talk.vtt" "$TK_TMP/film.srt" >/dev/null
else skip "no $TK_BUILD/tests/stream_check (make check builds it)"; fi
# explicit shape, and a record that quotes a timing line is no caption file
roundtrip forced "$TK_TMP/film.srt" --shape captions
cat > "$TK_TMP/memo.txt" <<'TXT'
Memorandum on subtitles

The vendor sent a file whose first cue read
00:00:01,000 --> 00:00:04,000
and nothing else.
TXT
$TEIKIT convert -o "$TK_TMP/memo.xml" "$TK_TMP/memo.txt" 2>/dev/null
hasnt "near-miss: a record quoting a timing line" "$TK_TMP/memo.xml" '<timeline'
$TEIKIT convert --shape record -o "$TK_TMP/rec.xml" "$TK_TMP/film.srt" 2>/dev/null
hasnt "--shape record overrides" "$TK_TMP/rec.xml" '<timeline'
# a block that is no cue: kept, with a warning
printf 'WEBVTT\n\nthis is no cue\n\n00:00:01.000 --> 00:00:02.000\nHi.\n' > "$TK_TMP/odd.vtt"
$TEIKIT convert -o "$TK_TMP/odd.xml" "$TK_TMP/odd.vtt" 2>"$TK_TMP/odd.err"
has "no-cue block warned" "$TK_TMP/odd.err" 'odd.vtt:3:1: warning: .*no cue'
has "no-cue block kept" "$TK_TMP/odd.xml" '<p>this is no cue</p>'

# ---- corpus: the caption files come out as captions, valid against tei_all
if have_shared; then
  n=0
  for f in $(grep -l -e '^WEBVTT' -r "$SHARED/corpus" | LC_ALL=C sort); do
    n=$((n+1)); b=$(basename "$f" .txt)
    $TEIKIT convert -o "$TK_TMP/$b.xml" "$f" 2>/dev/null
    has "$b: cues as turns" "$TK_TMP/$b.xml" '<sp n="1">'
    if [ -f "$SHARED/reference/schemas/tei_all.rng" ]; then
      expect_status "$b valid (tei_all)" 0 $TEIKIT validate -q \
        --schema "$SHARED/reference/schemas/tei_all.rng" "$TK_TMP/$b.xml"
    fi
  done
  [ "$n" -gt 0 ] && ok || fail "no caption file in the corpus"
else
  skip "no ../shared/corpus"
fi
tk_done
