#!/bin/sh
# t_render_dos.sh: 'teikit render' stays linear on hostile shapes (../shared/repro/gen_dos.py's
# render cases and their relatives, made up here): each input at 1x and 10x must cost at most
# 15x the CPU time (a quadratic stylesheet test costs 100x) in HTML and text, and bounded
# memory (in `make check-corpus`); pointers that name nothing render as plain text with one
# warning each, capped (always).
. tests/lib.sh
export TEIKIT_DATADIR=${TEIKIT_DATADIR:-$(pwd)}
PY=$(tk_python)
if [ -z "$PY" ]; then skip "python3 absent: render scaling"; tk_done; exit $?; fi

# gen KIND N FILE: a TEI document whose body is N repetitions of KIND's shape
gen() {
  "$PY" -S - "$1" "$2" >"$3" <<'EOF'
import sys
k, n = sys.argv[1], int(sys.argv[2])
shape = {
  'seg':     ('<p>', '<seg>x</seg> ', '</p>'),            # gen_dos.py render_siblings.xml
  'glued':   ('<p>', '<name>x</name><name>y</name>', '</p>'),
  'item':    ('<list type="ordered">', '<item>x</item>', '</list>'),
  'label':   ('<list>', '<label>a</label><item>x</item>', '</list>'),
  'l':       ('<lg>', '<l>x y</l>', '</lg>'),
  'vocal':   ('<p>', '<vocal><desc>laughs</desc></vocal> ', '</p>'),
  'stage':   ('<sp><speaker>A</speaker>', '<p>x</p><stage>exit</stage>', '</sp>'),
  'sic':     ('<p>', '<choice><sic>a</sic><corr>b</corr></choice><note type="sic" place="inline">sic</note> ', '</p>'),
  'nobody':  ('<p>', '<persName ref="#nobody #x #y">x</persName> ', '</p>'),
  'longref': ('<p><persName ref="', '#a ', '">x</persName></p>'),   # gen_dos.py render_longref.xml
  'note':    ('<p>', 'a<note place="foot">n</note><note place="inline">e</note> ', '</p>'),
  'app':     ('<p>', '<app><lem>a</lem><rdg wit="#A">b</rdg></app><note>n</note> ', '</p>'),
  # a stand-off apparatus (one id() over all places) and page images (a file looked up each)
  'soapp':   ('<p>', '<anchor xml:id="a{i}"/>x<anchor xml:id="b{i}"/> <app from="#a{i}" to="#b{i}"><lem>x</lem><rdg wit="#A">y</rdg></app> ', '</p>'),
  'facs':    ('<p>', '<pb n="{i}" facs="p{i}.png"/>x ', '</p>'),
}[k]
sys.stdout.write('<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
  '<titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt>'
  '<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>'
  + shape[0] + (''.join(shape[1].format(i=i) for i in range(n)) if '{i}' in shape[1] else shape[1] * n)
  + shape[2] + '</body></text></TEI>\n')
EOF
}

# cost COMMAND...: "CPU_SECONDS MAX_RSS_KB" of one run (a run over 60 s is cut)
cost() {
  "$PY" -S -c 'import os, subprocess, sys
best = None
for i in range(1):
    p = subprocess.Popen(["timeout", "60"] + sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, st, ru = os.wait4(p.pid, 0)
    c = (ru.ru_utime + ru.ru_stime, ru.ru_maxrss)
    if best is None or c[0] < best[0]: best = c
    if c[0] > 20: break
print("%.3f %d" % best)' "$@"
}

# scale KIND N VIEW [PARAM]: 10N costs at most 15 times N (under 0.3 s it is noise; a
# second try when the first is over: the machine is shared)
scale() {
  k=$1; n=$2; v=$3; shift 3
  gen "$k" "$n" "$TK_TMP/a.xml"; gen "$k" $((n * 10)) "$TK_TMP/b.xml"
  for try in 1 2; do
    a=$(cost $TEIKIT render --to "$v" "$@" "$TK_TMP/a.xml"); b=$(cost $TEIKIT render --to "$v" "$@" "$TK_TMP/b.xml")
    r=$(awk -v a="${a% *}" -v b="${b% *}" 'BEGIN { printf "%.1f", b / (a > 0.02 ? a : 0.02) }')
    awk -v b="${b% *}" -v r="$r" 'BEGIN { exit !(b < 0.3 || r <= 15) }' && break
  done
  msg="render --to $v $* of $k: $n -> $((n * 10)) costs ${a% *} -> ${b% *} s CPU (${r}x)"
  if awk -v b="${b% *}" -v r="$r" 'BEGIN { exit !(b < 0.3 || r <= 15) }'; then ok
  elif [ -z "${TK_RENDER_STRICT:-}" ] && case " $TK_RENDER_OPEN " in *" $k "*) true ;; *) false ;; esac; then
    skip "XFAIL (open defect, issue 16): $msg"
  else fail "$msg"; fi
}
# Shapes still quadratic in the stylesheets (an open defect, listed so that the suite stays
# green while it is open; TK_RENDER_STRICT=1 counts them as failures). None: many inline
# elements in one paragraph (seg, sic) and many mentions of nobody were quadratic through
# predicates in match patterns (libxslt computes a node's position among its siblings for
# them, with a cache of one node per pattern) until the templates tested inside instead.
TK_RENDER_OPEN=""

# (the timed comparisons run in `make check-corpus`, TK_SUITE=corpus: about a minute)
if [ "${TK_SUITE:-fast}" != fast ]; then
for v in html text; do
  scale seg 2000 $v
  scale glued 1000 $v
  scale item 2000 $v
  scale label 1000 $v
  scale l 2000 $v
  scale vocal 1000 $v
  scale stage 1000 $v
  scale sic 1000 $v
  scale nobody 1000 $v
  scale note 1000 $v
  scale app 1000 $v
  scale soapp 1000 $v
  scale facs 1000 $v
done
scale nobody 1000 text --param persons=1

# many inputs in one call: every output is checked against every input before anything is
# written, each name resolved once (n log n: 1,000 inputs made 2,000,000 stat calls before)
many() {
  mkdir -p "$TK_TMP/many$1"
  i=0
  while [ "$i" -lt "$1" ]; do echo '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>' >"$TK_TMP/many$1/d$i.xml"; i=$((i + 1)); done
}
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:output method="text"/><xsl:template match="/">x</xsl:template></xsl:stylesheet>\n' >"$TK_TMP/x.xsl"
many 300; many 3000
for try in 1 2; do
  a=$(cost $TEIKIT render --xslt "$TK_TMP/x.xsl" -o "$TK_TMP/mo1" "$TK_TMP"/many300/*.xml)
  b=$(cost $TEIKIT render --xslt "$TK_TMP/x.xsl" -o "$TK_TMP/mo2" "$TK_TMP"/many3000/*.xml)
  r=$(awk -v a="${a% *}" -v b="${b% *}" 'BEGIN { printf "%.1f", b / (a > 0.02 ? a : 0.02) }')
  awk -v b="${b% *}" -v r="$r" 'BEGIN { exit !(b < 0.3 || r <= 15) }' && break
done
[ "$(ls "$TK_TMP/mo2" | wc -l)" -eq 3000 ] && awk -v b="${b% *}" -v r="$r" 'BEGIN { exit !(b < 0.3 || r <= 15) }' &&
  ok || fail "render of 300 -> 3000 inputs in one call costs ${a% *} -> ${b% *} s CPU (${r}x), $(ls "$TK_TMP/mo2" | wc -l) outputs"

# one @ref with 1,000,000 pointers: linear, and memory near the input's size (gen_dos.py's
# 3,000,000 took 4 GB)
scale longref 100000 html
gen longref 1000000 "$TK_TMP/long.xml"
for v in html text; do
  c=$(cost $TEIKIT render --to $v "$TK_TMP/long.xml")
  [ "${c#* }" -lt 100000 ] && ok || fail "render --to $v of a 1,000,000-pointer @ref: ${c#* } KB"
done
fi

# pointers that name nothing: plain text (no link, no index entry), one warning per distinct
# pointer, at most 10 and a count of the rest
gen nobody 500 "$TK_TMP/n.xml"
expect_status "mentions of nobody" 0 $TEIKIT render --to html "$TK_TMP/n.xml"
grep -q 'class="person"\|tk-p-nobody' "$TK_TMP/out" && fail "a mention of nobody is linked" || ok
[ "$(grep -c 'warning: @ref points to' "$TK_TMP/err")" -eq 3 ] && grep -q '"#nobody"' "$TK_TMP/err" &&
  ok || fail "one warning per distinct pointer: $(head -4 "$TK_TMP/err")"
"$PY" -S -c 'import sys
sys.stdout.write("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>" +
  "".join("<persName ref=\"#p%d\">x</persName> " % i for i in range(50)) + "</p></body></text></TEI>\n")' >"$TK_TMP/m.xml"
expect_status "50 distinct pointers to nothing" 0 $TEIKIT render --to text "$TK_TMP/m.xml"
[ "$(grep -c 'warning: @ref points to' "$TK_TMP/err")" -eq 10 ] &&
  grep -q 'warning: 40 more pointers name nothing' "$TK_TMP/err" && ok || fail "warnings capped: $(tail -2 "$TK_TMP/err")"

tk_done
