#!/bin/sh
# bench/validate.sh BUILD: teikit validate against xmllint and jing, same machine, same run.
#   1. one small document vs tei_all: teikit, xmllint --relaxng, jing
#   2. 1,000 small documents vs tei_all in one call: teikit (-j 1 and -j 2), jing
#   3. a 10 MB document vs teikit.rng, against xmllint --noout merely parsing it
#   4. verdicts on the reference TEI documents: teikit, xmllint, jing agree?
#   5. the reference TEI that jing reads (no DOCTYPE: 31 documents, 17 projects) in one
#      call: teikit (-j 1, -j 2), teikit with libxml2's validator, xmllint, jing
BUILD=${1:-build}
TEIKIT=$BUILD/teikit
SHARED=${TK_SHARED:-../shared}
TEI_ALL=$SHARED/reference/schemas/tei_all.rng
[ -f "$TEI_ALL" ] || { echo "SKIPPED: $TEI_ALL absent"; exit 0; }
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench-validate.XXXXXX"); trap 'rm -rf "$T"' EXIT
have_jing=0; command -v jing >/dev/null 2>&1 && have_jing=1

# best of N runs of a command (output discarded): prints "WALL CPU" in seconds, CPU being
# user+sys (the figure that matters on a shared machine; ratios below use it); BY=wall picks
# the best by wall time instead (for -j: threads save wall time, not CPU)
best() { n=$1; shift; bw=""; bc=""; bk=""; i=0
  while [ $i -lt $n ]; do
    /usr/bin/time -f "%e %U %S" -o "$T/time" "$@" >/dev/null 2>&1
    w=$(tail -n 1 "$T/time" | cut -d' ' -f1); c=$(tail -n 1 "$T/time" | awk '{print $2 + $3}')
    k=$c; [ "${BY:-cpu}" = wall ] && k=$w
    if [ -z "$bk" ] || [ "$(echo "$k < $bk" | bc)" -eq 1 ]; then bk=$k; bc=$c; bw=$w; fi; i=$((i+1)); done
  echo "$bw $bc"; }
cpu() { echo "$1" | cut -d' ' -f2; }
show() { echo "$1" | awk '{printf "%.2f s CPU (%.2f s wall)", $2, $1}'; }
ratio() { echo "scale=1; $(cpu "$1") / $(cpu "$2")" | bc; }

# the documents: conversions of the corpus
$TEIKIT convert "$SHARED/corpus/memo_wilson_1949-02-03_mikoyan_mao.txt" >"$T/small.xml" 2>/dev/null
$TEIKIT convert "$SHARED/corpus/large_frus_six_volumes_plaintext.txt" >"$T/large.xml" 2>/dev/null
mkdir "$T/many"; i=0
for f in "$SHARED"/corpus/memo_*.txt "$SHARED"/corpus/transcript_hac_*.txt; do
  $TEIKIT convert "$f" >"$T/base$i.xml" 2>/dev/null; i=$((i+1)); done
k=0; while [ $k -lt 1000 ]; do cp "$T/base$((k % i)).xml" "$T/many/d$(printf %04d $k).xml"; k=$((k+1)); done
size_small=$(wc -c <"$T/small.xml"); size_large=$(wc -c <"$T/large.xml")

echo "1. one small document ($size_small bytes) against tei_all"
tk=$(best 3 $TEIKIT validate -q --grammar-only --schema "$TEI_ALL" "$T/small.xml")
xl=$(best 1 xmllint --noout --relaxng "$TEI_ALL" "$T/small.xml")
echo "   teikit $(show "$tk"); xmllint --relaxng $(show "$xl"): teikit $(ratio "$xl" "$tk")x faster"
if [ $have_jing -eq 1 ]; then
  jg=$(best 2 jing "$TEI_ALL" "$T/small.xml"); echo "   jing $(show "$jg"): teikit $(ratio "$jg" "$tk")x faster"
else echo "   jing: not installed (column skipped)"; fi

echo "2. 1,000 small documents against tei_all, one call"
tk1=$(best 1 $TEIKIT validate -q --grammar-only --schema "$TEI_ALL" "$T/many")
tk2=$(best 1 $TEIKIT validate -q --grammar-only -j 2 --schema "$TEI_ALL" "$T/many")
echo "   teikit $(show "$tk1"); -j 2: $(show "$tk2")"
if [ $have_jing -eq 1 ]; then
  jg=$(best 1 jing "$TEI_ALL" "$T"/many/*.xml); echo "   jing $(show "$jg"): teikit $(ratio "$jg" "$tk1")x faster"
fi

echo "2b. the reference TEI (tei-wild + tei) against tei_all, one call, best wall time of 3"
RSET="$SHARED/reference/tei-wild $SHARED/reference/tei"
nref=$(find $RSET -name '*.xml' | wc -l)
BY=wall; r1=$(best 3 $TEIKIT validate -q --schema "$TEI_ALL" -j 1 $RSET)
r2=$(best 3 $TEIKIT validate -q --schema "$TEI_ALL" -j 2 $RSET); BY=cpu
echo "   $nref documents: -j 1 $(show "$r1"); -j 2 $(show "$r2"): -j 2 is $(echo "scale=2; $(echo "$r1" | cut -d' ' -f1) / $(echo "$r2" | cut -d' ' -f1)" | bc)x faster (wall; needs 2 idle cores)"

echo "3. a $(echo "scale=1; $size_large / 1048576" | bc) MB document against teikit.rng"
tk=$(best 2 $TEIKIT validate -q --grammar-only "$T/large.xml")
tkr=$(best 2 $TEIKIT validate -q "$T/large.xml")
xp=$(best 2 xmllint --noout "$T/large.xml")
echo "   teikit $(show "$tk"), with rule checks $(show "$tkr"); xmllint --noout (parse only) $(show "$xp"): teikit takes $(ratio "$tk" "$xp")x the parse time ($(ratio "$tkr" "$xp")x with rule checks)"

echo "4. verdicts on $SHARED/reference/tei (tei_all)"
REFS=$(ls "$SHARED"/reference/tei/*.xml "$SHARED"/reference/tei/castello-anima/header/*.xml)
xmllint --noout --relaxng "$TEI_ALL" $REFS >"$T/xl" 2>&1
$TEIKIT validate -q --grammar-only --schema "$TEI_ALL" $REFS >"$T/tk" 2>&1
agree_x=0; agree_j=0; n=0
for f in $REFS; do n=$((n+1))
  if grep -q "^$f validates$" "$T/xl"; then x=valid; else x=invalid; fi
  if grep -q "^$f:" "$T/tk"; then t=invalid; else t=valid; fi
  [ "$x" = "$t" ] && agree_x=$((agree_x+1))
  if [ $have_jing -eq 1 ]; then
    if jing "$TEI_ALL" "$f" >"$T/jing" 2>&1; then j=valid; else j=invalid; fi
    if [ "$j" = "$t" ]; then agree_j=$((agree_j+1))
    elif grep -q '^fatal:' "$T/jing"; then
      # jing loads DTDs: a DOCTYPE naming a missing file stops it before validation
      echo "   jing could not read $(basename $f): $(grep '^fatal:' "$T/jing" | head -1)"
    else echo "   jing differs on $(basename $f): jing $j, teikit $t"; fi
  fi
done
echo "   teikit agrees with xmllint on $agree_x of $n documents"
[ $have_jing -eq 1 ] && echo "   teikit agrees with jing on $agree_j of $n documents"

SET=$(grep -L '<!DOCTYPE' "$SHARED"/reference/tei/*.xml "$SHARED"/reference/tei-wild/*.xml)
nset=$(echo $SET | wc -w); mb=$(cat $SET | wc -c | awk '{printf "%.1f", $1 / 1048576}')
echo "5. $nset reference documents ($mb MB, no DOCTYPE) against tei_all, one call"
tk1=$(best 3 $TEIKIT validate -q --grammar-only --schema "$TEI_ALL" $SET)
tk2=$(best 3 $TEIKIT validate -q --grammar-only -j 2 --schema "$TEI_ALL" $SET)
tkx=$(export TEIKIT_VALIDATOR=libxml2; best 1 $TEIKIT validate -q --grammar-only --schema "$TEI_ALL" $SET)
echo "   teikit $(show "$tk1"); -j 2: $(show "$tk2") ($(echo "$tk1 $tk2" | awk '{printf "%.2f", $1 / $3}')x faster in wall time than -j 1)"
echo "   teikit with libxml2's validator (TEIKIT_VALIDATOR=libxml2) $(show "$tkx"): the engine is $(ratio "$tkx" "$tk1")x faster"
xl=$(best 1 xmllint --noout --relaxng "$TEI_ALL" $SET)
echo "   xmllint --relaxng $(show "$xl"): teikit $(ratio "$xl" "$tk1")x faster"
if [ $have_jing -eq 1 ]; then
  jg=$(best 2 jing "$TEI_ALL" $SET); echo "   jing $(show "$jg"): teikit $(ratio "$jg" "$tk1")x faster"
fi
exit 0
