#!/bin/sh
# t_stream.sh: `teikit convert` streams (writes and frees each finished part of the tree while
# it builds the rest); the bytes and the messages must be exactly those of building the whole
# tree first and serializing it. tests/drivers/stream_check converts each file both ways.
# Inputs: made-up documents that reach every place the builder keeps open (sections, lists,
# turns opened by a timestamp line and named by the next label, acts and scenes, a corpus
# with timestamps in several documents, a notes section), the samples and every file of
# ../shared/corpus. With --jobs 2 the streamed side writes a teiCorpus on a second thread.
. tests/lib.sh

CHECK=$TK_BUILD/tests/stream_check # built by `make check`
[ -x "$CHECK" ] || fail "no $CHECK: run the tests through make check"

same() { # same NAME [options] FILE...: both ways agree on every file
  name=$1; shift
  if "$CHECK" "$@" >"$TK_TMP/same.out" 2>&1; then ok; else fail "$name"; grep -v ': same' "$TK_TMP/same.out" | head -20; fi
}
# count PATTERN FILE: lines of FILE with PATTERN
count() { grep -c -e "$1" "$2"; }
at_least() { # at_least NAME N PATTERN FILE: the converted file has the structure we meant
  if [ "$(count "$3" "$4")" -ge "$2" ]; then ok; else fail "$1: fewer than $2 lines with '$3'"; fi
}

# a record: title, dateline, sections (div), numbered lists, weak (1) markers settled as text
awk 'BEGIN {
  print "Memorandum of Conversation"; print ""; print "February 3, 1949"; print ""
  for (i = 1; i <= 2000; i++) {
    if (i % 400 == 1) printf "Background of the Question %d\n\n", i
    printf "Paragraph %d, in which Comrade Stalin said (1) that the com[munist] party [sic] was\nright about %d March 1950.\n\n", i, i % 28 + 1
    if (i % 50 == 0) { print "1) first item"; print "2) second item"; print "" }
  }
}' >"$TK_TMP/record.txt"
# a transcript: timestamp lines that open a turn the next label names, page lines, comments
awk 'BEGIN {
  print "Meeting Of The Committee"; print ""; print "February 3, 1949"; print ""
  for (i = 1; i <= 3000; i++) {
    if (i % 7 == 0) printf "[00:%02d:%02d]\n", (i / 60) % 60, i % 60
    if (i % 3 == 0) printf "MR. SMITH: I think (1) the com[munist] party said [laughter] so.\n\n"
    else printf "MR. JONES: Turn %d goes on\nover two lines [sic] and [inaudible].\n\n", i
    if (i % 90 == 0) printf "_page : %d\n\n", i
    if (i % 70 == 0) { print "# a transcriber comment"; print "" }
  }
}' >"$TK_TMP/transcript.txt"
# a play: acts holding scenes holding speeches
awk 'BEGIN {
  print "The Tragedy Of Testing"
  for (a = 1; a <= 3; a++) { printf "**** ACT %d ****\n", a
    for (s = 1; s <= 4; s++) { printf "**** SCENE %d. A room. ****\n     Enter KING and QUEEN\n", s
      for (k = 1; k <= 60; k++) { print (k % 2 ? "KING" : "QUEEN")
        printf "     Line one of speech %d,\n     and line two.\n", k
        if (k % 20 == 0) print "     Exit QUEEN" } } }
}' >"$TK_TMP/play.txt"
# a corpus: three documents with timestamps, the second with a footnote and its notes section
awk 'BEGIN {
  for (d = 1; d <= 3; d++) { if (d > 1) { print ""; print "====="; print "" }
    printf "Document Number %d\n\n", d
    for (i = 1; i <= 200; i++) {
      if (i % 5 == 0) printf "[00:00:%02d:%02d] CDR: Roger %d.\n\n", i / 60, i % 60, i
      else printf "CAPCOM: Turn %d of document %d struggle.%s\n\n", i, d, (i == 3 ? "1" : "") }
    if (d == 2) { print "Notes"; print ""; print "1. The note of document two." } }
}' >"$TK_TMP/corpus.txt"

same "made-up record, transcript, play, corpus" "$TK_TMP/record.txt" "$TK_TMP/transcript.txt" \
  "$TK_TMP/play.txt" "$TK_TMP/corpus.txt"
for f in record transcript play corpus; do
  $TEIKIT convert -o "$TK_TMP/$f.xml" "$TK_TMP/$f.txt" 2>/dev/null || fail "convert $f.txt"
done
at_least "record: sections" 4 '<div type="section">' "$TK_TMP/record.xml"
at_least "record: lists" 40 '<list rend="numbered">' "$TK_TMP/record.xml"
at_least "transcript: turns" 3000 '<sp who=' "$TK_TMP/transcript.xml"
at_least "transcript: pages" 30 '<pb n=' "$TK_TMP/transcript.xml"
at_least "transcript: comments" 40 'type="comment"' "$TK_TMP/transcript.xml"
at_least "play: scenes" 12 '<div type="scene">' "$TK_TMP/play.xml"
# each TEI of the corpus has its own timeline, every anchor points into its own document's
at_least "corpus: a timeline per document" 3 '<timeline ' "$TK_TMP/corpus.xml"
bad=$(xmllint --xpath 'count(//*[local-name()="anchor"][not(substring-after(@synch, "#") = ancestor::*[local-name()="TEI"]//*[local-name()="when"]/@xml:id)])' "$TK_TMP/corpus.xml" 2>&1)
if [ "$bad" = "0" ]; then ok; else fail "corpus: $bad anchors point outside their document's timeline"; fi
at_least "corpus: the footnote joined" 1 'The note of document two.</note>' "$TK_TMP/corpus.xml"

# two threads (a writer thread for the teiCorpus): the same bytes and messages
same "two threads: made-up corpus" --jobs 2 "$TK_TMP/corpus.txt"
# many documents, more than the writer's queue holds, with warnings and notes sections; the
# block parser's notes (headings, closers) of later documents come before the builder's of
# the first ones, as with one thread (the second thread parses while the first builds)
awk 'BEGIN {
  for (d = 1; d <= 600; d++) { if (d > 1) { print ""; print "====="; print "" }
    printf "%d. Memorandum of Conversation, by the Secretary of State\n\n", d
    printf "Washington, March %d, 1949.\n\nBackground of the Question\n\n", d % 28 + 1
    for (i = 1; i <= d % 7 + 1; i++)
      printf "Mr. Jones met [sic] Mr. Brown%d in Moscow ] on %d June 1950.%s\n\n", d, i, (i == 1 ? "1" : "")
    print "1) first item"; print "2) second item"; print ""
    print "Sincerely yours,"; print ""; print "Dean Acheson"; print ""
    print "Notes"; print ""; printf "1. The note of document %d.\n", d }
}' >"$TK_TMP/many.txt"
same "two threads: 600 documents" --jobs 2 "$TK_TMP/many.txt"
same "two threads: 600 documents, notes" --explain --jobs 2 "$TK_TMP/many.txt"

# --split: each document streamed on its own, as the tree's extracted documents
same "split: made-up corpus" --split "$TK_TMP/corpus.txt"
$TEIKIT convert --split "$TK_TMP/split" "$TK_TMP/corpus.txt" 2>/dev/null
if [ "$(ls "$TK_TMP/split" | wc -l)" -eq 3 ] && grep -q '<TEI xmlns="http://www.tei-c.org/ns/1.0">' "$TK_TMP/split/0002.xml" &&
   grep -q 'The note of document two.</note>' "$TK_TMP/split/0002.xml"; then ok; else fail "split: three files, TEI namespace, note joined"; fi
printf 'ab\377\n=====\n\ncd\n' >"$TK_TMP/bad.txt"
expect_status "split: invalid input" 1 $TEIKIT convert --split "$TK_TMP/nodir" "$TK_TMP/bad.txt"
if [ ! -e "$TK_TMP/nodir" ]; then ok; else fail "split: invalid input made a directory"; fi

# the samples, with the options make demo uses
same "samples" samples/interview_front_matter.txt samples/transcript_hac_1976-11-12_excerpt.txt \
  samples/play_hamlet_act1_excerpt.txt
same "memo with its personography" --persons samples/persons_mikoyan_mao.xml \
  samples/memo_wilson_1949-02-03_mikoyan_mao.txt
same "NASA excerpt with its rules" --rules samples/nasa.rules samples/nasa_apollo13_excerpt.txt

if have_shared; then
  same "every corpus file" "$SHARED"/corpus/*.txt
  same "every corpus file, two threads" --jobs 2 "$SHARED"/corpus/*.txt
  same "NASA corpus files with the NASA rules" --rules samples/nasa.rules "$SHARED"/corpus/*nasa*.txt
  same "split: the FRUS corpus" --split "$SHARED"/corpus/large_frus_six_volumes_plaintext.txt \
    "$SHARED"/corpus/memo_frus1934v04_memoranda_selection.txt
else
  skip "no $SHARED/corpus: the corpus files are not compared"
fi
tk_done
