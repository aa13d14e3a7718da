#!/bin/sh
# demo.sh TEIKIT: the main job on samples/: convert every transcript to TEI, validate it, and
# render the web edition and the plain text into out/.
TEIKIT=${1:-build/teikit}
mkdir -p out
status=0
for txt in samples/*.txt; do
  [ -f "$txt" ] || continue
  stem=$(basename "$txt" .txt)
  persons=""
  for p in "samples/$stem.persons.xml" samples/persons_*.xml; do
    case "$p" in samples/persons_*) case "$stem" in *"$(basename "$p" .xml | sed 's/^persons_//')"*) ;; *) continue;; esac;; esac
    [ -f "$p" ] && { persons="--persons $p"; break; }
  done
  rules=""
  for r in "samples/$stem.rules" "samples/${stem%%_*}.rules"; do
    [ -f "$r" ] && { rules="--rules $r"; break; }
  done
  echo "convert  $txt -> out/$stem.xml $persons $rules"
  # shellcheck disable=SC2086
  "$TEIKIT" convert $persons $rules -o "out/$stem.xml" "$txt" 2>"out/$stem.convert.log" || status=1
  if [ -s "out/$stem.convert.log" ]; then
    n=$(wc -l <"out/$stem.convert.log" | tr -d ' ')
    [ "$n" -eq 1 ] && what="1 message (a warning or note; see README)" || what="$n messages (warnings or notes; see README)"
    echo "         $what in out/$stem.convert.log"
  else
    rm -f "out/$stem.convert.log"
  fi
done
set -- out/*.xml
if [ -f "$1" ]; then
  echo "validate out/*.xml (teikit schema)"
  "$TEIKIT" validate "$@" || status=1
  for xml in "$@"; do
    stem=$(basename "$xml" .xml)
    "$TEIKIT" render --to html -o "out/$stem.html" "$xml" || status=1
    "$TEIKIT" render --to text --view diplomatic -o "out/$stem.txt" "$xml" || status=1
    echo "render   $xml -> out/$stem.html, out/$stem.txt"
  done
fi
echo "demo: outputs in out/ (open out/*.html in a browser)"
exit $status
