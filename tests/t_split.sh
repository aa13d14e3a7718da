#!/bin/sh
# t_split.sh: convert's documents: nothing before the first separator is lost, and --split
# never mixes old and new files nor leaves a partial set.
. tests/lib.sh
T=$TK_TMP

# one-line parts before the first '=====' document are kept (repro: convert_drops_leading_lines)
printf 'Chapter One\n=====\nSome text.\n=====\nOther text.\n' > "$T/lead.txt"
expect_status "convert leading one-line parts" 0 $TEIKIT convert -o "$T/lead.xml" "$T/lead.txt"
$TEIKIT render --to text --param width=0 "$T/lead.xml" > "$T/lead.out" 2>/dev/null
for w in "Chapter One" "Some text." "Other text."; do
  grep -qF "$w" "$T/lead.out" && ok || fail "leading parts: '$w' lost"
done
printf 'Part A\n=====\nPart B\n=====\nSome text of the document.\n' > "$T/lead2.txt"
$TEIKIT convert "$T/lead2.txt" 2>/dev/null | $TEIKIT render --to text --param width=0 - > "$T/lead2.out" 2>/dev/null
for w in "Part A" "Part B" "Some text of the document."; do
  grep -qF "$w" "$T/lead2.out" && ok || fail "two one-line parts: '$w' lost"
done
# split: the leading line is a document of its own
expect_status "split with a leading line" 0 $TEIKIT convert --split "$T/ls" "$T/lead.txt"
[ "$(ls "$T/ls" | wc -l)" -eq 3 ] && grep -q "Chapter One" "$T/ls/0001.xml" && ok || fail "split: the leading line is not 0001.xml"

# a made-up corpus of three documents
for n in 1 2 3; do printf 'Document %s Title\n\nText of document %s.\n\n' $n $n; [ $n -lt 3 ] && echo =====; done > "$T/c3.txt"
expect_status "split into a new directory" 0 $TEIKIT convert --split "$T/docs" "$T/c3.txt"
[ "$(ls "$T/docs" | tr '\n' ' ')" = "0001.xml 0002.xml 0003.xml " ] && ok || fail "split: $(ls "$T/docs")"
# a new directory written with a trailing slash (as in 'teikit convert --split out/ ...')
expect_status "split into a new directory/" 0 $TEIKIT convert --split "$T/slash/" "$T/c3.txt"
[ "$(ls "$T/slash" | wc -l)" -eq 3 ] && ok || fail "split DIR/: $(ls "$T/slash")"
# a non-empty directory is refused, its files untouched
cp "$T/docs/0001.xml" "$T/keep.xml"
for n in 1 2; do printf 'Other %s Title\n\nOther text %s.\n\n' $n $n; [ $n -lt 2 ] && echo =====; done > "$T/c2.txt"
expect_status "split into a non-empty directory" 2 $TEIKIT convert --split "$T/docs" "$T/c2.txt"
grep -q "not empty" "$TK_TMP/err" && ok || fail "split: no message for a non-empty directory"
[ "$(ls "$T/docs" | wc -l)" -eq 3 ] && cmp -s "$T/docs/0001.xml" "$T/keep.xml" && ok || fail "split: a refused directory was changed"
# --force: exactly the new set, the stale 0003.xml gone
expect_status "split --force" 0 $TEIKIT convert --split "$T/docs" --force "$T/c2.txt"
[ "$(ls "$T/docs" | tr '\n' ' ')" = "0001.xml 0002.xml " ] && ok || fail "split --force: left $(ls "$T/docs")"
grep -q "Other text 1" "$T/docs/0001.xml" && ok || fail "split --force: old content"
# --force never removes a subdirectory
mkdir "$T/docs/sub"
expect_status "split --force with a subdirectory" 2 $TEIKIT convert --split "$T/docs" --force "$T/c3.txt"
[ -d "$T/docs/sub" ] && [ "$(ls "$T/docs" | wc -l)" -eq 3 ] && ok || fail "split --force: the subdirectory case changed the directory"
expect_status "--force without --split" 2 $TEIKIT convert --force "$T/c3.txt"
# an empty existing directory is filled; a symlink to a directory fills the target
mkdir "$T/empty"; ln -s empty "$T/elink"
expect_status "split into a symlinked empty directory" 0 $TEIKIT convert --split "$T/elink" "$T/c3.txt"
[ -L "$T/elink" ] && [ "$(ls "$T/empty" | wc -l)" -eq 3 ] && ok || fail "split: symlinked directory"

# a write failing on the second document (file size limit) leaves no partial set
{ printf 'Small Title\n\nSmall text.\n\n=====\nLarge Title\n\n'
  i=0; while [ $i -lt 200 ]; do printf 'A paragraph of the large document, number %s.\n\n' $i; i=$((i+1)); done; } > "$T/big.txt"
expect_status "split: write error on the second document" 2 sh -c "trap '' XFSZ; ulimit -f 8; exec $TEIKIT convert --split '$T/partial' '$T/big.txt'"
[ ! -e "$T/partial" ] && ok || fail "split: a partial set was left: $(ls "$T/partial")"
ls "$T" | grep -q 'tmp' && fail "split: staging left: $(ls "$T" | grep tmp)" || ok
mkdir "$T/partial2"
expect_status "split --force: write error" 2 sh -c "trap '' XFSZ; ulimit -f 8; exec $TEIKIT convert --split '$T/docs' --force '$T/big.txt'"
rmdir "$T/docs/sub"
[ "$(ls "$T/docs" | tr '\n' ' ')" = "0001.xml 0002.xml " ] && grep -q "Other text 1" "$T/docs/0001.xml" && ok || fail "split --force: a failed run changed the directory"
tk_done
