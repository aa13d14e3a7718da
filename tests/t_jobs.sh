#!/bin/sh
# t_jobs.sh: `teikit convert -j N` (threads): the output bytes and the messages are those of
# one thread (-j 1), on a made-up corpus of many documents and on every file of
# ../shared/corpus; -j takes a number from 1 to 256.
. tests/lib.sh

# same_jobs NAME FILE [options]: -j 1 and -j 2 (and the default) agree, bytes and messages
same_jobs() {
  name=$1; f=$2; shift 2
  $TEIKIT convert -j 1 "$@" -o "$TK_TMP/one.xml" "$f" 2>"$TK_TMP/one.err"; s1=$?
  $TEIKIT convert -j 2 "$@" -o "$TK_TMP/two.xml" "$f" 2>"$TK_TMP/two.err"; s2=$?
  $TEIKIT convert "$@" "$f" >"$TK_TMP/dflt.xml" 2>"$TK_TMP/dflt.err"; s3=$?
  if [ "$s1" = "$s2" ] && [ "$s1" = "$s3" ] && cmp -s "$TK_TMP/one.xml" "$TK_TMP/two.xml" &&
     cmp -s "$TK_TMP/one.xml" "$TK_TMP/dflt.xml" && cmp -s "$TK_TMP/one.err" "$TK_TMP/two.err" &&
     cmp -s "$TK_TMP/one.err" "$TK_TMP/dflt.err"; then ok
  else fail "$name: -j 1 and -j 2 differ (exit $s1, $s2, $s3)"; fi
}

# a corpus of sixty documents: persons met again in later documents, footnotes and their notes
# sections, timestamps, unbalanced brackets (warnings), dates
awk 'BEGIN {
  print "Chapter I"; print ""; print "====="; print ""
  for (d = 1; d <= 60; d++) { if (d > 1) { print ""; print "====="; print "" }
    printf "%d. Memorandum of Conversation, by the Secretary of State\n\n", d
    printf "Washington, March %d, 1949.\n\n", d % 28 + 1
    printf "Participants: Mr. Dean Acheson, Mr. George Kennan%d\n\n", d % 5
    for (i = 1; i <= d % 9 + 1; i++)
      printf "Mr. Kennan%d said [sic] that com[munist] leaders met Mr. Acheson ] on %d June 1950 [00:0%d:%02d].%s\n\n", d % 5, i, i % 10, d % 60, (i == 1 ? "1" : "")
    print "Notes"; print ""; printf "1. The note of document %d.\n", d }
}' >"$TK_TMP/corpus.txt"
same_jobs "made-up corpus" "$TK_TMP/corpus.txt"
same_jobs "made-up corpus, -v" "$TK_TMP/corpus.txt" -v
same_jobs "made-up corpus, --spoken --no-places" "$TK_TMP/corpus.txt" --spoken --no-places
# the threads were asked for: the corpus holds its sixty documents
count "sixty documents" "$TK_TMP/two.xml" '<TEI>' 60

expect_status "-j2 (glued)" 0 $TEIKIT convert -j2 -o "$TK_TMP/glued.xml" "$TK_TMP/corpus.txt"
expect_status "--jobs 2" 0 $TEIKIT convert --jobs 2 -o "$TK_TMP/long.xml" "$TK_TMP/corpus.txt"
check "-j2 and --jobs 2: the same bytes" cmp -s "$TK_TMP/glued.xml" "$TK_TMP/long.xml"
expect_status "-j 0" 2 $TEIKIT convert -j 0 "$TK_TMP/corpus.txt"
expect_status "-j x" 2 $TEIKIT convert -j x "$TK_TMP/corpus.txt"
expect_status "-j without a value" 2 $TEIKIT convert "$TK_TMP/corpus.txt" -j

if have_shared; then
  for f in "$SHARED"/corpus/*.txt; do
    same_jobs "$(basename "$f")" "$f"
  done
else
  skip "no $SHARED/corpus: the corpus files are not compared"
fi
tk_done
