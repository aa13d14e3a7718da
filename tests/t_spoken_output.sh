#!/bin/sh
# t_spoken_output.sh: convert --spoken (docs/convert.md "Spoken output") on made-up inputs:
# turns as u, timed turns as annotationBlock into the timeline, the printed label as
# note[@type='speaker'], paragraphs as seg, directions between turns as incident, the
# transcriptionDesc; valid (teikit.rng, and tei_all with ../shared), lossless, rendered with
# the printed labels (never the personography's name beside them); plays keep sp.
. tests/lib.sh

TEI_ALL=""
have_shared && [ -f "$SHARED/reference/schemas/tei_all.rng" ] && TEI_ALL="$SHARED/reference/schemas/tei_all.rng"
# spoken NAME [options]: converts NAME.txt with --spoken, validates, renders text and HTML,
# and checks that the words come back (the rendered title block left out)
spoken() {
  s=$1; shift
  expect_status "$s converts" 0 $TEIKIT convert --spoken "$@" -o "$TK_TMP/$s.xml" "$TK_TMP/$s.txt"
  expect_status "$s valid (teikit.rng)" 0 $TEIKIT validate -q "$TK_TMP/$s.xml"
  if [ -n "$TEI_ALL" ]; then
    expect_status "$s valid (tei_all)" 0 $TEIKIT validate -q --grammar-only --schema "$TEI_ALL" "$TK_TMP/$s.xml"
  fi
  $TEIKIT render --to text --view diplomatic -o "$TK_TMP/$s.out" "$TK_TMP/$s.xml" 2>/dev/null
  $TEIKIT render --to html -o "$TK_TMP/$s.html" "$TK_TMP/$s.xml" 2>/dev/null
  tr -s ' \t\r\n' '\n\n\n\n' <"$TK_TMP/$s.txt" | grep -v -x '' | LC_ALL=C sort >"$TK_TMP/w.in"
  awk 'BEGIN { RS = "" } NR > 1 { print $0 "\n" }' "$TK_TMP/$s.out" | tr -s ' \t\r\n' '\n\n\n\n' |
    grep -v -x '' | LC_ALL=C sort >"$TK_TMP/w.out"
  if cmp -s "$TK_TMP/w.in" "$TK_TMP/w.out"; then ok
  else fail "$s lossless: words differ"; diff "$TK_TMP/w.in" "$TK_TMP/w.out" | head -6 | sed 's/^/  | /'; fi
}

# ---- a timed transcript: timestamps, labels, a role, two paragraphs, events, proceedings
cat >"$TK_TMP/timed.txt" <<'TXT'
Meeting on ropes

[00:00:05] MR. QUILL: Hello. (Laughter.) We begin [pause] now.

And a second paragraph.

[00:01:10] MS. TOR: Thanks. (applause)

QUESTION: Who pays for the ropes?

(The meeting was adjourned at 4 p.m.)
TXT
spoken timed
X="$TK_TMP/timed.xml"
hasnt "timed: no sp" "$X" '<sp[ >]'
count "timed: a u per turn" "$X" '<u[ >]' 3
count "timed: timed turns in annotationBlock" "$X" '<annotationBlock ' 2
has "timed: who and start on the block, the end where the next turn starts" "$X" '<annotationBlock who="#[a-z-]+" start="#tk-T00-00-05" end="#tk-T00-01-10"><u>'
has "timed: the turn before an untimed one has no end" "$X" '<annotationBlock who="#[a-z-]+" start="#tk-T00-01-10"><u>'
has "timed: the printed time stays, first" "$X" '<u><anchor synch="#tk-T00-00-05" n="00:00:05"/>'
has "timed: label as printed" "$X" '<note type="speaker">MR. QUILL:</note>'
has "timed: a role is a label without who" "$X" '<u><note type="speaker">QUESTION:</note>'
count "timed: paragraphs as seg" "$X" '<seg>' 4
has "timed: events kept" "$X" '<vocal rend="parenthesized"><desc>Laughter.</desc></vocal>'
has "timed: proceedings as incident" "$X" '<incident rend="parenthesized"><desc>The meeting was adjourned at 4 p.m.</desc></incident>'
has "timed: transcriptionDesc" "$X" '<transcriptionDesc ident="teikit-spoken" version="[0-9.]+"><desc>'
has "timed: editorialDecl names the label's element" "$X" "kept as printed in note\[@type='speaker'\]"
O="$TK_TMP/timed.out"
has "timed text: label and time in place" "$O" '^\[00:00:05\] MR. QUILL: Hello. \(Laughter.\) We begin'
hasnt "timed text: label no footnote" "$O" '^Footnotes:'
has "timed html: time in the speaker column" "$TK_TMP/timed.html" '<div class="speaker"><time class="ts dipl">\[00:00:05\]</time>$'
has "timed html: label in the speaker column" "$TK_TMP/timed.html" '^MR. QUILL:</div><div class="speech">'
# a personography's name is not printed beside the printed label
cat >"$TK_TMP/p.xml" <<'XML'
<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="quill"><persName>MR. QUILL</persName><persName type="full">Adalbert Quill</persName></person></listPerson>
XML
expect_status "persons converts" 0 $TEIKIT convert --spoken --persons "$TK_TMP/p.xml" -o "$TK_TMP/pq.xml" "$TK_TMP/timed.txt"
$TEIKIT render --to text -o "$TK_TMP/pq.out" "$TK_TMP/pq.xml" 2>/dev/null
has "persons: who from the personography" "$TK_TMP/pq.xml" 'who="#quill"'
hasnt "persons: no name beside the label" "$TK_TMP/pq.out" 'Adalbert Quill:'

# a time printed after the label, before the words (a podcast's `NAME: [04:14] words`) times
# the turn too; one further in does not
printf 'MR. QUILL: [00:04:14] Again.\n\nMS. TOR: Yes [00:05:00] later.\n' >"$TK_TMP/after.txt"
spoken after
has "after: a time after the label" "$TK_TMP/after.xml" '<annotationBlock who="#[a-z-]+" start="#tk-T00-04-14"><u><note type="speaker">MR. QUILL:</note>'
has "after: a time further in" "$TK_TMP/after.xml" '<u who="#[a-z-]+"><note type="speaker">MS. TOR:</note>'

# the end of a timed turn is the next turn's time, never one before its start; the last
# turn has none
printf '[00:02:00] ANNA: First.\n\n[00:01:00] BORIS: Earlier.\n\n[00:03:00] ANNA: Later.\n\n[00:04:00] BORIS: Last.\n' >"$TK_TMP/ends.txt"
spoken ends
has "ends: backwards: no end" "$TK_TMP/ends.xml" 'start="#tk-T00-02-00"><u>'
has "ends: next turn's time" "$TK_TMP/ends.xml" 'start="#tk-T00-03-00" end="#tk-T00-04-00"><u>'
has "ends: the last turn has none" "$TK_TMP/ends.xml" 'start="#tk-T00-04-00"><u>'

# ---- untimed: u without annotationBlock
printf 'MR. SMITH: Hello.\n\nMR. JONES: Hi.\n\nMR. SMITH: Bye.\n' >"$TK_TMP/plain.txt"
spoken plain
count "plain: u" "$TK_TMP/plain.xml" '<u who="#[a-z-]+"><note type="speaker">' 3
hasnt "plain: no annotationBlock" "$TK_TMP/plain.xml" '<annotationBlock'
# the default stays sp
$TEIKIT convert -o "$TK_TMP/plain-sp.xml" "$TK_TMP/plain.txt" 2>/dev/null
count "default: sp" "$TK_TMP/plain-sp.xml" '<sp who=' 3
hasnt "default: no u" "$TK_TMP/plain-sp.xml" '<u[ >]'
hasnt "default: no transcriptionDesc" "$TK_TMP/plain-sp.xml" '<transcriptionDesc'

# ---- captions: a block per cue with its start and end
cat >"$TK_TMP/cues.txt" <<'TXT'
WEBVTT

00:00:01.000 --> 00:00:02.500
<v Ada Quill>Good evening.

00:00:03.000 --> 00:00:04.000
Hello.
TXT
spoken cues
X="$TK_TMP/cues.xml"
has "cues: start and end" "$X" '<annotationBlock who="#[a-z-]+" start="#tk-C1s" end="#tk-C1e"><u n="1">'
has "cues: the voice tag is the label" "$X" '<note type="speaker">&lt;v Ada Quill&gt;</note>Good evening.'
has "cues: unnamed cue" "$X" '<annotationBlock start="#tk-C2s" end="#tk-C2e"><u n="2">'

# the streamed conversion writes the same bytes as the tree (built by `make check`)
if [ -x "$TK_BUILD/tests/stream_check" ]; then
  check "streamed = tree" "$TK_BUILD/tests/stream_check" --spoken "$TK_TMP/timed.txt" "$TK_TMP/plain.txt" "$TK_TMP/cues.txt" >/dev/null
else skip "no $TK_BUILD/tests/stream_check (make check builds it)"; fi

# ---- a play keeps sp, with a warning
cat >"$TK_TMP/play.txt" <<'TXT'
ACT I

SCENE I. A room.

NELL
Who is there?

BRAM
Nobody, madam.

NELL
Then go.
TXT
$TEIKIT convert --spoken --shape play -o "$TK_TMP/play.xml" "$TK_TMP/play.txt" 2>"$TK_TMP/play.err"
has "play: sp kept" "$TK_TMP/play.xml" '<sp who='
has "play: warned" "$TK_TMP/play.err" 'warning: spoken output: read as a play'
tk_done
