#!/bin/sh
# t_lossless.sh: every transcript comes back. Converts each ../shared/corpus file and each
# sample with `teikit convert`, renders the TEI back with `teikit render --to text --view
# diplomatic` (xslt/tei2txt.xsl, the contract of docs/inline.md) and compares the words with
# the input (whitespace folded; compared as a multiset of whitespace-separated tokens, since
# note texts move from the notes section to their markers and back to a list, and header
# values to the title blocks). Input tokens missing from the output are lost text; body tokens
# not in the input are invented text: both fail.
# The rendered text is split into body and header: the first paragraph (title, underline,
# metadata) and, in a file of several documents, each document's title block (a paragraph
# holding a line of only '-' or '='). A header value may lose its punctuation there; header
# labels (Date:, Source: ...) are not checked as invented (they are the renderer's).
# Accounted for (each a label or markup, not transcript words):
# - the "Footnotes:" label line (added by the corpus conversion; renderers print one too);
# - web-page debris lines (Skip to content, Document Information, Original Uploaded Date,
#   Record ID), '=' separator lines between documents, the asterisks of play headings
#   (`**** ACT I ****` and a closing line of stars; not Gutenberg's `*** START ... ***` lines
#   nor the `* * *` of an omission, which are text);
# - front matter: `Key: value` lines before a blank line or `---`: the keys and the `---`
#   are labels, the values go to the header;
# - Spacelog markup, which samples/nasa.rules encodes as bare term/rs: `[glossary:X|Y]` reads
#   Y, `[glossary:X]` reads X, `[time:T|Y]` reads Y (not in `_key : value` lines, whose values
#   the converter keeps verbatim); the spacing of `_page : 8` lines is folded.
# Not accounted for, on purpose: table rows. The converter makes a row of each line of
# TAB-separated cells, and the diplomatic view prints a row as the source had it (cells
# separated by a TAB, whitespace here); the normalized view's ` | ` between cells is a reading
# convention like its [1] note labels, and this test does not read the normalized view. An
# ignored ` | ` would also hide a source `|` lost in a table (FRUS has `No. 5232|103.]`).
# With ../shared, every transcript, interview and caption file again with --spoken.
# The 6.4 MB FRUS file is checked too (no longer behind TK_LOSSLESS_LARGE): alone it takes
# ~11 s wall (convert 0.8 s, render 4-5 s, token sort 2 s, its jing share 4.5 s).
# TK_LOSSLESS_CONVERT=0 converts with the inline pass driver alone (tests/fuzz; no block side:
# strict, only the Footnotes: label and the Spacelog markup are accounted for).
. tests/lib.sh

DRIVER=$TK_BUILD/tests/inline_driver # built by `make check` (tests/fuzz/inline_fuzz.c)
WHOLE=1; [ "${TK_LOSSLESS_CONVERT:-1}" = 0 ] && WHOLE=
[ -n "$WHOLE" ] || [ -x "$DRIVER" ] || fail "no $DRIVER: run the tests through make check"

convert() { # convert IN OUT [rules]
  if [ -n "$WHOLE" ]; then
    $TEIKIT convert ${SPOKEN:+--spoken} ${3:+--rules "$3"} -o "$2" "$1" 2>"$TK_TMP/conv.err"
  else
    "$DRIVER" ${3:+--rules "$3"} "$1" >"$2" 2>"$TK_TMP/conv.err"
  fi
}
render() { # render TEI OUT: the body text, then a line "=== header ===", then the title blocks
  $TEIKIT render --to text --view diplomatic -o "$TK_TMP/r.txt" "$1" 2>"$TK_TMP/render.err" || return 1
  awk 'BEGIN { RS = ""; FS = "\n" }
       { hdr = (NR == 1); for (i = 2; i <= NF; i++) if ($i ~ /^(-+|=+)$/) hdr = 1
         if (hdr) h = h $0 "\n"; else print $0 "\n" }
       END { printf "=== header ===\n%s", h }' "$TK_TMP/r.txt" >"$2"
}
# tokens FILE: the words, one per line, sorted
# ("Footnotes:" is a label the corpus conversion added and renderers print: not counted)
tokens() { tr -s ' \t\r\n' '\n\n\n\n' <"$1" | grep -v -x -e '' -e 'Footnotes:' | LC_ALL=C sort; }

lossless() { # lossless NAME INPUT [rules]
  name=$1; in=$2; rules=${3:-}
  # the input as a reader has it: Spacelog markup read as displayed (with the NASA rules)
  if [ -n "$rules" ]; then
    # (the whole converter keeps Spacelog's `_extra : ...` values verbatim in milestone/@n)
    a=""; [ -n "$WHOLE" ] && a='/^_/!'
    sed -e "${a}s/\[glossary:[^]|]*|\([^]]*\)\]/\1/g" -e "${a}s/\[glossary:\([^]]*\)\]/\1/g" \
        -e "${a}s/\[time:[^]|]*|\([^]]*\)\]/\1/g" "$in" >"$TK_TMP/in0.txt"
  else
    cp "$in" "$TK_TMP/in0.txt"
  fi
  if [ -n "$WHOLE" ]; then
    # the block side moves or drops: web-page debris lines, '=' separators, the play
    # headings' asterisks; Spacelog's `_page : 8` lines (pb, milestone) have their spacing
    # folded
    sed -e '/^Skip to content[[:space:]]*$/d' -e '/^Document Information[[:space:]]*$/d' \
        -e '/^Original Uploaded Date[[:space:]]*$/d' -e '/^Record ID[[:space:]]*$/d' \
        -e '/^==*[[:space:]]*$/d' -e 's/^_\([a-z]*\) *: */_\1 : /' \
        -e 's/^\*\*\*\* \(.* \)\*\*\*\*[[:space:]]*$/\1/' -e 's/^\*\*\*\* //' \
        -e '/^\*\*\**[[:space:]]*$/d' "$TK_TMP/in0.txt" |
      # leading front matter (`Key: value` lines closed by a blank line or ---): the values
      # go to the header, the keys and the --- are labels
      # (as the converter: it begins with a known key, tools/frontmatter.c front_keys)
      awk 'NR == 1 && /^---[[:space:]]*$/ { next }
           NR <= 2 && !seen { seen = 1; k = tolower($0); sub(/:.*/, "", k)
             if (k !~ /^(title|date|author|translator|translated by|editor|source|archive|language|rights|licence|license|summary|abstract|type|publisher|interviewer|interviewee|place|subject|keywords|id|idno|collection|repository|signature|citation|shape)$/) front = 0 }
           front && /^---[[:space:]]*$/ { front = 0; next }
           front && /^[A-Za-z][A-Za-z ]*:/ { sub(/^[A-Za-z][A-Za-z ]*:[[:space:]]*/, ""); print; next }
           { front = 0; print }' front=1 >"$TK_TMP/in.txt"
  else
    sed -e '/^Footnotes:[[:space:]]*$/d' "$TK_TMP/in0.txt" >"$TK_TMP/in.txt"
  fi
  if ! convert "$in" "$TK_TMP/out.xml" "$rules"; then fail "$name: conversion failed"; head -3 "$TK_TMP/conv.err"; return; fi
  if ! render "$TK_TMP/out.xml" "$TK_TMP/all.txt"; then fail "$name: rendering failed"; return; fi
  sed '/^=== header ===$/,$d' "$TK_TMP/all.txt" >"$TK_TMP/body.txt"
  tokens "$TK_TMP/in.txt" >"$TK_TMP/in.tok"
  tokens "$TK_TMP/all.txt" | grep -vx '===\|header' >"$TK_TMP/all.tok"
  tokens "$TK_TMP/body.txt" >"$TK_TMP/body.tok"
  LC_ALL=C comm -23 "$TK_TMP/in.tok" "$TK_TMP/all.tok" >"$TK_TMP/lost0"
  # header material: a token that moved to the header may lose its punctuation there
  sed '1,/^=== header ===$/d' "$TK_TMP/all.txt" | tr -s ' \t\r\n' '\n\n\n\n' | tr -d '.,:;()' |
    LC_ALL=C sort -u >"$TK_TMP/hdr.tok"
  while IFS= read -r tok; do
    bare=$(printf '%s' "$tok" | tr -d '.,:;()')
    if [ -n "$bare" ] && grep -qxF -- "$bare" "$TK_TMP/hdr.tok"; then :; else printf '%s\n' "$tok"; fi
  done <"$TK_TMP/lost0" >"$TK_TMP/lost"
  LC_ALL=C comm -13 "$TK_TMP/in.tok" "$TK_TMP/body.tok" >"$TK_TMP/invented"
  if [ -s "$TK_TMP/lost" ] || [ -s "$TK_TMP/invented" ]; then
    fail "$name: $(wc -l <"$TK_TMP/lost") tokens lost, $(wc -l <"$TK_TMP/invented") invented"
    head -5 "$TK_TMP/lost" | sed 's/^/  lost: /'
    head -5 "$TK_TMP/invented" | sed 's/^/  invented: /'
  else
    ok
  fi
  NVAL=$((NVAL+1))
  cp "$TK_TMP/out.xml" "$TK_TMP/val/$NVAL.xml"
  echo "$NVAL.xml $name" >>"$TK_TMP/val/names"
}
NVAL=0
mkdir -p "$TK_TMP/val"

# made-up: a bulleted item whose text begins with the omission stars of a quotation (the
# item's @n is its bullet `*`, its text `* * * "We...`: the bullet was not printed when the
# text started with it), and a table of TAB-separated rows (<TAB> below)
tab=$(printf '\t'); sed "s/<TAB>/$tab/g" >"$TK_TMP/made-up.txt" <<'EOF'
Extract from the charter of the colony, March 4, 1628.

* * * * "We do give and grant all the Landes within the Space of Three Miles."
* * "Robert, Earl of Warwick," * * "doth give" * * "the Space of forty Leagues."

The tonnage shipped in the year:

Shipped by waterways<TAB>2,700,000
Shipped by rail<TAB>7,800,000
Total<TAB>10,500,000

The figures are the consul's own.
EOF
lossless "made-up: bullet stars, TAB table" "$TK_TMP/made-up.txt"
# made-up: an empty note text (`[1] ` alone) after the texts of two markers numbered 1: it
# joined the first marker, whose number then printed once for two in the source
cat >"$TK_TMP/made-up2.txt" <<'EOF'
The Minister to the Secretary of State.

A copy of the proclamation is inclosed, marked A.[1] It was posted at noon.

The order of the day is inclosed, marked B.[2] It was read aloud.

A copy of the decree is inclosed, marked C.[1]

Footnotes:
[1] Transmitted by the consul.
[2] Transmitted by the consul on the same day.
[1] 
EOF
lossless "made-up: empty note text" "$TK_TMP/made-up2.txt"
for f in samples/*.txt; do lossless "samples/$(basename "$f")" "$f"; done
if have_shared; then
  for f in "$SHARED"/corpus/*.txt; do
    case $f in
      *nasa*) lossless "$(basename "$f")" "$f" samples/nasa.rules ;;
      *) lossless "$(basename "$f")" "$f" ;;
    esac
  done
  # spoken output (convert --spoken: u, annotationBlock) of every transcript, interview and
  # caption file comes back too
  [ -n "$WHOLE" ] && SPOKEN=1
  for f in "$SHARED"/corpus/transcript_*.txt "$SHARED"/corpus/interview_*.txt \
           "$SHARED"/corpus/subtitles_*.txt; do
    [ -f "$f" ] && [ -n "$SPOKEN" ] || continue
    case $f in
      *nasa*) lossless "--spoken $(basename "$f")" "$f" samples/nasa.rules ;;
      *) lossless "--spoken $(basename "$f")" "$f" ;;
    esac
  done
  SPOKEN=
else
  skip "no ../shared/corpus"
fi
# every output valid against tei_all (one jing run for all files: fast)
if have_shared && command -v jing >/dev/null 2>&1; then
  if jing "$SHARED/reference/schemas/tei_all.rng" "$TK_TMP"/val/*.xml >"$TK_TMP/jing.out" 2>&1; then ok
  else fail "not valid against tei_all:"; grep -v 'warning' "$TK_TMP/jing.out" | head -5; fi
else
  skip "jing not installed (apt-get install jing): outputs not checked against tei_all"
fi
tk_done
