#!/bin/sh
# t_render_words.sh: no glued or split words: the words of the text view equal the words of
# the TEI text as written (tests/render/wordcheck.py: element boundaries separate words except
# inside words; lb/pb/cb with @break="no" or @type="hyphenInWord" join), first on a made-up
# document, then on every document of ../shared/reference/tei-wild and tei (text: no word lost,
# glued or split; HTML: no word lost).
. tests/lib.sh
R=tests/render
export TEIKIT_DATADIR=$(pwd)
PY=$(tk_python)
if [ -z "$PY" ]; then skip "python3 absent: word lists"; tk_done; exit $?; fi

# words_ok NAME TEI OUT...: the word check passes
words_ok() {
  name=$1; shift
  if "$PY" -S $R/wordcheck.py "$@" >"$TK_TMP/wc" 2>&1; then ok; else
    fail "$name: $(head -4 "$TK_TMP/wc" | tr '\n' ' ')"; fi
}

$TEIKIT render --to text $R/words.xml >"$TK_TMP/d.txt" 2>/dev/null
$TEIKIT render --to text --view normalized $R/words.xml >"$TK_TMP/n.txt" 2>/dev/null
$TEIKIT render --to html $R/words.xml >"$TK_TMP/w.html" 2>/dev/null
words_ok "words.xml text" $R/words.xml "$TK_TMP/d.txt" "norm:$TK_TMP/n.txt"
words_ok "words.xml html" $R/words.xml "$TK_TMP/w.html"
for w in 'Author: Charles Dickens' 'Source: Edna London' 'Claudius king of Denmark' 'The Au-thor wrote Apollo and alles' \
         'Vincent Gogh' 'meine Kritik Notiz und dellae Sache' 'Stuttgart 1903^4' 'amet[an inline note] dolor' \
         'E = m c 2' 'you said [pause] [pause] fish what ever [kinesic]'; do
  tr '\n' ' ' <"$TK_TMP/d.txt" | tr -s ' ' | grep -qF "$w" && ok || fail "words.xml text: no '$w'"
done
grep -q '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>E</mi>' "$TK_TMP/w.html" && ok || fail "MathML copied into HTML"
grep -q 'Au-thor' "$TK_TMP/w.html" && grep -q 'A<br>\|A pollo' "$TK_TMP/w.html" && fail "HTML splits a word at lb break=no" || ok

if have_shared; then
  for f in "$SHARED"/reference/tei-wild/*.xml "$SHARED"/reference/tei/*.xml; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .xml)
    if $TEIKIT render --to text "$f" >"$TK_TMP/d.txt" 2>/dev/null &&
       $TEIKIT render --to text --view normalized "$f" >"$TK_TMP/n.txt" 2>/dev/null &&
       $TEIKIT render --to html "$f" >"$TK_TMP/h.html" 2>/dev/null; then
      words_ok "$b text" "$f" "$TK_TMP/d.txt" "norm:$TK_TMP/n.txt"
      words_ok "$b html" "$f" "$TK_TMP/h.html"
    else
      fail "render $b"
    fi
  done
else
  skip "../shared absent: reference word lists"
fi
tk_done
