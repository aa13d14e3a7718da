#!/bin/sh
# t_lists.sh: lists in records on made-up inputs (docs/convert.md "Lists"): label/item pairs
# and how the renderers show them, lettered and parenthesised markers, page breaks inside a
# list, items of several paragraphs, and paragraphs that only look like items.
. tests/lib.sh

# has NAME FILE PATTERN / hasnt NAME FILE PATTERN (grep -E on the output)
has() { if grep -qE -- "$3" "$2"; then ok; else fail "$1: /$3/ not in $(basename "$2")"; fi; }
hasnt() { if grep -qE -- "$3" "$2"; then fail "$1: /$3/ in $(basename "$2")"; else ok; fi; }
# count NAME FILE PATTERN N: the pattern is on exactly N lines
count() { n=$(grep -cE -- "$3" "$2"); [ "$n" -eq "$4" ] && ok || fail "$1: $n lines with /$3/, wanted $4"; }
valid() { if $TEIKIT validate "$2" >/dev/null 2>&1; then ok; else fail "$1"; fi; }
conv() { $TEIKIT convert -o "$TK_TMP/$1.xml" "$TK_TMP/$1.txt" 2>"$TK_TMP/$1.err"; }

# ---- a numbered item is a label (the printed number) and an item (@n keeps it too);
#      bullets have no label, and a bullet after numbered items opens a list of its own
cat > "$TK_TMP/lab.txt" <<'TXT'
Report of the harbour board

The board decided:

1. The quay is to be repaired before winter sets in.

2. The fees stay as they are.

The members noted:

- the weather;
- the cost.
TXT
conv lab; X="$TK_TMP/lab.xml"
has "label before the item" "$X" '<label>1\.</label>'
has "item keeps @n" "$X" '<item n="1\.">The quay'
count "two labels" "$X" '<label>[12]\.</label>' 2
hasnt "no label for a bullet" "$X" '<label>-</label>'
has "bulleted list" "$X" '<list rend="bulleted">'
valid "label/item list valid" "$X"
# the renderers print the number once, before the item's text
$TEIKIT render --to text --view diplomatic -o "$TK_TMP/lab.out" "$X" 2>/dev/null
count "text: the number once" "$TK_TMP/lab.out" '1\.' 1
has "text: number before the item" "$TK_TMP/lab.out" '^1\. The quay'
has "text: bullet before the item" "$TK_TMP/lab.out" '^- the weather'
$TEIKIT render --to html -o "$TK_TMP/lab.html" "$X" 2>/dev/null
count "html: the number once" "$TK_TMP/lab.html" '>1\.<' 1
has "html: number inside the item's li" "$TK_TMP/lab.html" '<li><span class="n">1\.</span> The quay'
hasnt "html: no li of its own for a paired label" "$TK_TMP/lab.html" '<li class="label">'
printf 'A list\n\n1. one;\n\n- two.\n\n2. three.\n' > "$TK_TMP/mix.txt"
conv mix
valid "numbered then bulleted: valid (all items of a list labelled or none)" "$TK_TMP/mix.xml"

tk_done
