#!/bin/sh
# t_validate_jing.sh: teikit reports the same error places as jing. Over the reference TEI
# (../shared/reference/tei, tei-wild) and >= 300 deterministic mutants, every error message
# of `jing tei_all.rng` and of `teikit validate --schema tei_all` is reduced to file:line
# (the line where the tag concerned ends, as jing counts) and the two lists must be equal,
# message for message (so each bad place is reported once, none missed, no follow-on
# message). The exceptions, explained in docs/validate.md, are filtered here by rule and
# counted: (1) inside an element the schema does not name, jing reports every child element
# again ("expected the element end-tag or text"); teikit reports the unknown element once.
# Also: pruned and whole schema give identical messages.
# suite: corpus
. tests/lib.sh
TEI_ALL=$SHARED/reference/schemas/tei_all.rng
if ! have_shared || [ ! -f "$TEI_ALL" ] || ! command -v jing >/dev/null 2>&1 ||
   ! command -v xmllint >/dev/null 2>&1; then
  skip "needs $SHARED/reference (tei_all.rng, reference TEI), jing and xmllint"
  tk_done; exit $?
fi
D=$TK_TMP/d; mkdir -p $D/ref $D/mut $D/base
# --- the reference documents; a DOCTYPE's SYSTEM identifier is dropped (jing would stop on
# the missing DTD); castello-anima's text XIncludes its header (jing resolves XInclude,
# teikit only with --xinclude): its header is taken alone
for f in $SHARED/reference/tei/*.xml $SHARED/reference/tei-wild/*.xml \
         $SHARED/reference/tei/castello-anima/header/*.xml; do
  sed '1,3s/ SYSTEM "[^"]*"//' "$f" >"$D/ref/$(basename "$f")"
done
# --- mutants of documents valid under tei_all: made-up ones, conversions, small references
cp tests/validate/valid/full.xml tests/validate/valid/corpus.xml $D/base/
for b in memo_wilson_1949-02-03_mikoyan_mao transcript_hac_1976-11-12_meeting_with_kissinger; do
  [ -f "$SHARED/corpus/$b.txt" ] && $TEIKIT convert "$SHARED/corpus/$b.txt" >"$D/base/$b.xml" 2>/dev/null
done
for b in conferences_2012-national-security-policy-salt dracor_julius-caesar; do
  cp "$D/ref/$b.xml" $D/base/ 2>/dev/null
done
i=0; nwf=0
for base in $D/base/*.xml; do
  for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
    for kind in 0 1 2 3 4 5 6 7 -1; do
      out=$D/mut/m$(printf %04d $i).xml
      awk -v seed=$seed -v kind=$kind -f tests/validate/mutate.awk "$base" >"$out"
      # a mutant that is not well-formed (a dropped line held a start tag whose end tag
      # stayed) would stop jing's whole run: not kept
      if xmllint --noout "$out" 2>/dev/null; then i=$((i + 1)); else rm -f "$out"; nwf=$((nwf + 1)); fi
    done
  done
done
check "at least 300 well-formed mutants ($i; $nwf not well-formed dropped)" [ "$i" -ge 300 ]

ALL=$(ls $D/ref/*.xml $D/mut/*.xml)
jing "$TEI_ALL" $ALL >"$TK_TMP/jing" 2>/dev/null
check "jing read every document" [ "$(grep -c ': fatal: ' "$TK_TMP/jing")" -eq 0 ]
$TEIKIT validate -q --grammar-only --schema "$TEI_ALL" $ALL 2>"$TK_TMP/tk"
$TEIKIT validate -q --grammar-only --no-prune --schema "$TEI_ALL" $ALL 2>"$TK_TMP/tk_whole"
check "pruned and whole schema give the same messages" cmp -s "$TK_TMP/tk" "$TK_TMP/tk_whole"

# --- places
LC_ALL=C awk -v tagend=0 -f tests/validate/places.awk "$TK_TMP/jing" >"$TK_TMP/jp_all"
LC_ALL=C awk -v tagend=1 -f tests/validate/places.awk "$TK_TMP/tk" >"$TK_TMP/tp"
# exception 1: jing's messages inside elements the schema does not know (after a teikit
# message "not allowed anywhere in the schema" in the same file, on an earlier line)
grep -e 'not allowed anywhere in the schema' -e 'no element of the schema has this name' "$TK_TMP/tk" | LC_ALL=C awk -v tagend=1 -f tests/validate/places.awk >"$TK_TMP/unknown"
grep -n '' "$TK_TMP/jing" >/dev/null
LC_ALL=C awk -F: 'NR == FNR { if (!($1 in first) || $2 < first[$1]) first[$1] = $2; next }
  { if ($0 ~ /expected the element end-tag or text$/ && ($1 in first) && $2 + 0 > first[$1] + 0) exc++; else print }
  END { print exc + 0 > "/dev/stderr" }' "$TK_TMP/unknown" "$TK_TMP/jing" >"$TK_TMP/jing_kept" 2>"$TK_TMP/n_exc"
LC_ALL=C awk -v tagend=0 -f tests/validate/places.awk "$TK_TMP/jing_kept" | LC_ALL=C sort >"$TK_TMP/jp"
LC_ALL=C sort "$TK_TMP/tp" >"$TK_TMP/tps"
nj=$(wc -l <"$TK_TMP/jp"); nt=$(wc -l <"$TK_TMP/tps")
echo "  jing: $nj messages (+$(cat "$TK_TMP/n_exc") inside unknown elements); teikit: $nt"
if cmp -s "$TK_TMP/jp" "$TK_TMP/tps"; then ok; else
  fail "error places differ from jing's (< jing only, > teikit only)"
  diff "$TK_TMP/jp" "$TK_TMP/tps" | grep '^[<>]' | head -20
fi
check "the mutants exercise errors ($nt messages)" [ "$nt" -ge 300 ]
# messages come sorted by position within each file
LC_ALL=C awk -F: '$1 == f && $2 + 0 < l + 0 { bad++ } { f = $1; l = $2 } END { exit bad > 0 }' "$TK_TMP/tk"
check "messages sorted by position" [ $? -eq 0 ]
[ -n "${TK_KEEP:-}" ] && rm -rf "$TK_KEEP" && cp -r "$TK_TMP" "$TK_KEEP"
tk_done
