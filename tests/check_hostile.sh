#!/bin/sh
# check_hostile.sh BUILD: the hostile-input suite (make check-hostile). Each generator (the
# ones of ../shared/repro/gen_dos.py, with a size parameter, plus the bracket rule that once
# backtracked) runs at two sizes, n and 10n; 10x the input must cost at most 15x the CPU time
# (user + system, steadier than wall time on a shared machine; times under 0.05 s count as
# 0.05 s) and at most 15x the peak memory, and every run must end with exit 0 or 1.
# Generators marked libxml2-bound are superlinear inside libxml2 itself (xmllint --relaxng
# takes 61x the time for 10x the errors on one line, 250x for 10x the errors in one XIncluded
# division): they pass when teikit scales no worse
# than 1.5x xmllint's own ratio on the same inputs.
# A generator marked render-pending would be printed as XFAIL/XPASS and not counted
# (TK_HOSTILE_STRICT=1 counts it); none is since the stylesheets became linear in siblings.
. tests/lib.sh
BUILD=${1:-$TK_BUILD}
TEIKIT=${TEIKIT:-$BUILD/teikit}
command -v /usr/bin/time >/dev/null 2>&1 || { skip "no /usr/bin/time (apt-get install time)"; tk_done; exit $?; }
G=$TK_TMP/gen
mkdir -p "$G"
PRE='<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>'
POST='</body></text></TEI>'

# ---- generators: gen NAME N writes the input(s) of size N and prints the command to run
gen() {
  name=$1; n=$2; d=$G/$name.$n; mkdir -p "$d"
  case $name in
  validate_errors) # N grammar errors on one line
    { printf '%s<p>' "$PRE"; awk -v n="$n" 'BEGIN{for(i=0;i<n;i++) printf "<date when=\"%04d-02-03\" bogus=\"1\">x</date>", i%9999+1}'; printf '</p>%s\n' "$POST"; } >"$d/in.xml"
    echo "$TEIKIT validate -q $d/in.xml" ;;
  validate_xinclude) # N errors in an XIncluded file
    { printf '<?xml version="1.0"?>\n<div xmlns="http://www.tei-c.org/ns/1.0">\n'; awk -v n="$n" 'BEGIN{for(i=0;i<n;i++) printf "<p bogus=\"1\">filler text filler text filler text filler text</p>\n"}'; printf '</div>\n'; } >"$d/part.xml"
    printf '%s<xi:include href="part.xml"/>%s\n' "$PRE" "$POST" >"$d/in.xml"
    echo "$TEIKIT validate -q --xinclude $d/in.xml" ;;
  validate_attributes) # elements with N attributes in all (1000 each: the most accepted)
    { printf '%s' "$PRE"; awk -v n="$n" 'BEGIN{for(i=0;i<n/1000;i++){ printf "<p"; for(j=0;j<1000;j++) printf " a%d=\"v\"", j; printf ">x</p>\n"}}'; printf '%s\n' "$POST"; } >"$d/in.xml"
    echo "$TEIKIT validate -q $d/in.xml" ;;
  validate_tei_all) # N valid paragraphs against tei_all (pruned)
    { printf '%s' "$PRE"; awk -v n="$n" 'BEGIN{for(i=0;i<n;i++) printf "<p>Text <hi>of</hi> <persName>some</persName> paragraph %d.</p>\n", i}'; printf '%s\n' "$POST"; } >"$d/in.xml"
    echo "$TEIKIT validate -q --schema $SHARED/reference/schemas/tei_all.rng $d/in.xml" ;;
  convert_brackets) # N brackets of every kind in one paragraph
    awk -v n="$n" 'BEGIN{print "Title"; print ""; for(i=0;i<n;i++) printf "com[munist] [sic] [illegible] [00:01:%02d] [Page %d] word[s] [unclear: x] ", i%60, i; print ""}' >"$d/in.txt"
    echo "$TEIKIT convert $d/in.txt -o $d/out.xml" ;;
  convert_rule) # a 4-wildcard rule against a bracket of N bytes that almost matches
    printf 'slow  [*a*a*a*b]  -> note\n' >"$d/slow.rules"
    awk -v n="$n" 'BEGIN{printf "Text ["; for(i=0;i<n;i++) printf "a"; print "]"}' >"$d/in.txt"
    echo "$TEIKIT convert --rules $d/slow.rules $d/in.txt -o $d/out.xml" ;;
  convert_turns) # N speaker turns with timestamps
    awk -v n="$n" 'BEGIN{for(i=0;i<n;i++) printf "[%02d:%02d:%02d] SPEAKER%d: Words of turn %d [laughter].\n", i/3600%24, i/60%60, i%60, i%7, i}' >"$d/in.txt"
    echo "$TEIKIT convert $d/in.txt -o $d/out.xml" ;;
  render_siblings) # N seg siblings in one paragraph
    { printf '%s<p>' "$PRE"; awk -v n="$n" 'BEGIN{for(i=0;i<n;i++) printf "<seg>x</seg> "}'; printf '</p>%s\n' "$POST"; } >"$d/in.xml"
    echo "$TEIKIT render --to html -o $d/out.html $d/in.xml" ;;
  render_longref) # one @ref with N pointers
    { printf '%s<p><persName ref="' "$PRE"; awk -v n="$n" 'BEGIN{for(i=0;i<n;i++) printf "#a "}'; printf '">x</persName></p>%s\n' "$POST"; } >"$d/in.xml"
    echo "$TEIKIT render --to html -o $d/out.html $d/in.xml" ;;
  render_paragraphs) # N paragraphs (text view)
    { printf '%s' "$PRE"; awk -v n="$n" 'BEGIN{for(i=0;i<n;i++) printf "<p>Paragraph %d with <hi>some</hi> words.</p>\n", i}'; printf '%s\n' "$POST"; } >"$d/in.xml"
    echo "$TEIKIT render --to text -o $d/out.txt $d/in.xml" ;;
  esac
}

# run CMD: prints "cpu_seconds peak_kb exit"
run() {
  /usr/bin/time -f '%U %S %M' -o "$TK_TMP/time" sh -c "$1" >/dev/null 2>"$TK_TMP/stderr"; rc=$?
  tail -n 1 "$TK_TMP/time" | awk -v rc=$rc '{printf "%.2f %d %d\n", $1 + $2, $3, rc}'
}

# scale NAME N [render-pending|libxml2-bound]
scale() {
  name=$1; n=$2; pending=; bound=15; ref=
  case ${3:-} in render-pending) pending=1 ;; libxml2-bound) ref=1 ;; esac
  c1=$(gen "$name" "$n"); c2=$(gen "$name" $((n * 10)))
  set -- $(run "$c1"); t1=$1; m1=$2; r1=$3
  set -- $(run "$c2"); t2=$1; m2=$2; r2=$3
  if [ -n "$ref" ] && command -v xmllint >/dev/null 2>&1; then
    x="xmllint --noout --xinclude --relaxng schemas/teikit.rng"
    set -- $(run "$x $G/$name.$n/in.xml"); x1=$1
    set -- $(run "$x $G/$name.$((n * 10))/in.xml"); x2=$1
    bound=$(awk -v a="$x1" -v b="$x2" 'BEGIN{ if (a < 0.05) a = 0.05; if (b < 0.05) b = 0.05;
      r = 1.5 * b / a; printf "%.1f", (r > 15 ? r : 15) }')
    ref=" (xmllint ${x1}s, ${x2}s: bound ${bound}x)"
  fi
  verdict=$(awk -v t1="$t1" -v t2="$t2" -v m1="$m1" -v m2="$m2" -v r1="$r1" -v r2="$r2" -v bound="$bound" 'BEGIN{
    if (t1 < 0.05) t1 = 0.05; if (t2 < 0.05) t2 = 0.05;
    ok = r1 <= 1 && r2 <= 1 && t2 / t1 <= bound && m2 / m1 <= 15;
    printf "%s %.1fx time %.1fx memory", ok ? "ok" : "FAIL", t2 / t1, m2 / m1 }')
  line="$name: n=$n ${t1}s ${m1}KB exit $r1, 10n ${t2}s ${m2}KB exit $r2: ${verdict#* }$ref"
  case $verdict in
  ok*) if [ -n "$pending" ]; then echo "XPASS (render-pending) $line"; else echo "ok   $line"; fi; ok ;;
  *) if [ -n "$pending" ] && [ -z "${TK_HOSTILE_STRICT:-}" ]; then echo "XFAIL (render-pending) $line"; ok
     else fail "$line"; fi ;;
  esac
}

scale validate_errors 1600 libxml2-bound
scale validate_xinclude 800 libxml2-bound
scale validate_attributes 10000
if have_shared && [ -f "$SHARED/reference/schemas/tei_all.rng" ]; then scale validate_tei_all 2000
else skip "tei_all.rng not found under $SHARED"; fi
scale convert_brackets 1000
scale convert_rule 300
scale convert_turns 10000
scale render_paragraphs 2000
scale render_siblings 1000
scale render_longref 20000
tk_done
