# spoken_lib.sh: helpers of the shape and speaker tests (t_spoken.sh, t_layouts.sh), sourced
# after tests/lib.sh: convert a made-up input, look for texts in the output, read the shape.

# conv NAME [OPTIONS]: converts $TK_TMP/NAME.txt to $TK_TMP/NAME.xml (messages in .err)
conv() { n=$1; shift; $TEIKIT convert -v "$@" -o "$TK_TMP/$n.xml" "$TK_TMP/$n.txt" 2>"$TK_TMP/$n.err" || fail "$n: conversion failed"; }
# has NAME WHAT TEXT / hasnt NAME WHAT TEXT: TEXT is (not) in NAME.xml
has() { if grep -qF -- "$3" "$TK_TMP/$1.xml"; then ok; else fail "$1: $2: '$3' not in output"; fi; }
hasnt() { if grep -qF -- "$3" "$TK_TMP/$1.xml"; then fail "$1: $2: '$3' in output"; else ok; fi; }
# count NAME PATTERN WANT: occurrences of PATTERN (grep -o) in NAME.xml
count() { got=$(grep -o -- "$2" "$TK_TMP/$1.xml" | wc -l | tr -d ' '); if [ "$got" = "$3" ]; then ok; else fail "$1: $got × '$2', wanted $3"; fi; }
# shape NAME WANT: the shape -v reports
shape() { got=$(sed -n 's/.*note: shape \([a-z]*\) .*/\1/p' "$TK_TMP/$1.err" | head -1); if [ "$got" = "$2" ]; then ok; else fail "$1: shape '$got', wanted $2"; fi; }
