#!/bin/sh
# t_validate_differential.sh: schema pruning is exact. For the reference TEI documents, every
# corpus conversion and >= 200 mutated documents, teikit with the pruned tei_all gives the same
# messages as teikit with the whole schema (--no-prune), and the same verdicts as
# `xmllint --relaxng tei_all.rng` (one call each, so the 6-10 s compile is paid once).
# suite: corpus
. tests/lib.sh
TEI_ALL=$SHARED/reference/schemas/tei_all.rng
REF=$SHARED/reference/tei
if ! have_shared || [ ! -f "$TEI_ALL" ] || ! command -v xmllint >/dev/null 2>&1; then
  skip "needs $SHARED/reference (tei_all.rng, reference TEI) and xmllint (apt-get install libxml2-utils)"
  tk_done; exit $?
fi
D=$TK_TMP/docs; mkdir -p $D/ref $D/conv $D/mut

# --- the document set
cp $REF/*.xml $D/ref/
cp $REF/castello-anima/header/*.xml $D/ref/
for f in $SHARED/corpus/*.txt; do
  b=$(basename "$f" .txt)
  case $b in large_*) continue;; esac # the 6.4 MB file: covered by the bench, too slow here
  $TEIKIT convert "$f" >"$D/conv/$b.xml" 2>/dev/null || fail "convert $b"
done
# mutations, deterministic: on a line that holds a start tag, one of
#   0 drop the line (a removed child, often a required one)   1 insert an unknown element
#   2 insert a misplaced head        3 an attribute no element has
#   4 a bad attribute value           5 a misplaced teiHeader (a known element, wrong place)
mutate() { # base seed kind out
  awk -v seed="$2" -v kind="$3" '
    { line[NR] = $0 }
    END {
      srand(seed); n = 0
      for (i = 3; i < NR; i++) if (line[i] ~ /<[a-zA-Z][^>]*>/) cand[n++] = i
      k = cand[int(rand() * n)]
      for (i = 1; i <= NR; i++) {
        s = line[i]
        if (i == k) {
          if (kind == 0) { continue }
          else if (kind == 1) sub(/>/, "><frobnicate/>", s)
          else if (kind == 2) sub(/>/, "><head>misplaced</head>", s)
          else if (kind == 3) sub(/<[a-zA-Z]+/, "& bogus=\"1\"", s)
          else if (kind == 4) { if (!sub(/ (type|when|status|cert|reason|unit|place)="[^"]*"/, " when=\"not a date\"", s)) sub(/<[a-zA-Z]+/, "& xml:lang=\"!!\"", s) }
          else if (kind == 5) sub(/>/, "><teiHeader/>", s)
        }
        print s
      }
    }' "$1" >"$4"
}
i=0
for base in tests/validate/valid/full.xml tests/validate/valid/corpus.xml \
            $D/conv/memo_wilson_1949-02-03_mikoyan_mao.xml \
            $D/conv/transcript_hac_1976-11-12_meeting_with_kissinger.xml \
            $D/ref/conferences_2012-national-security-policy-salt.xml; do
  [ -f "$base" ] || continue
  for seed in 1 2 3 4 5 6 7; do
    for kind in 0 1 2 3 4 5; do
      i=$((i + 1)); mutate "$base" $seed $kind "$D/mut/m$(printf %03d $i).xml"
    done
  done
done
check "at least 200 mutated documents ($i)" [ "$i" -ge 200 ]

# --- one call each: xmllint whole, teikit pruned, teikit whole
ALL=$(ls $D/ref/*.xml $D/conv/*.xml $D/mut/*.xml)
xmllint --noout --relaxng "$TEI_ALL" $ALL >"$TK_TMP/xl" 2>&1
$TEIKIT validate -q --grammar-only --schema "$TEI_ALL" $ALL >"$TK_TMP/pruned" 2>&1
$TEIKIT validate -q --grammar-only --no-prune --schema "$TEI_ALL" $ALL >"$TK_TMP/whole" 2>&1
# threads share the cache of pruned schemas (and evict from it): same output
$TEIKIT validate -q --grammar-only -j 3 --schema "$TEI_ALL" $ALL >"$TK_TMP/pruned3" 2>&1
check "-j 3 gives the same messages" cmp -s "$TK_TMP/pruned" "$TK_TMP/pruned3"

# the same messages, in the same order, with and without pruning
if cmp -s "$TK_TMP/pruned" "$TK_TMP/whole"; then ok; else
  fail "pruned and whole schema disagree"; diff "$TK_TMP/pruned" "$TK_TMP/whole" | head -10; fi
# the same verdict as xmllint for every file
n=0; bad=0
for f in $ALL; do
  n=$((n + 1))
  if grep -q "^$f validates$" "$TK_TMP/xl"; then want=valid; else want=invalid; fi
  if grep -q "^$f:" "$TK_TMP/pruned"; then got=invalid; else got=valid; fi
  if [ "$want" != "$got" ]; then bad=$((bad + 1)); echo "  verdict differs: $f: xmllint $want, teikit $got"; fi
done
check "teikit and xmllint agree on $n documents ($bad differ)" [ "$bad" -eq 0 ]
# the mutations do exercise errors (not a set of valid files)
inv=$(grep -c 'fails to validate' "$TK_TMP/xl")
check "mutations are mostly invalid ($inv)" [ "$inv" -ge 150 ]
# every corpus conversion is valid under tei_all
for f in $D/conv/*.xml; do
  if grep -q "^$f:" "$TK_TMP/pruned"; then fail "conversion invalid under tei_all: $f"; else ok; fi
done
# ... and under teikit.rng (the converter's own schema)
expect_status "corpus conversions valid under teikit.rng" 0 $TEIKIT validate -q --grammar-only $D/conv/*.xml
tk_done
