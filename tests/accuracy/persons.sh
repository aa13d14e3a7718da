#!/bin/sh
# persons.sh [BUILD]: converts the corpus files that have a person gold (persons-gold/*.xml)
# without a personography and scores them (score_persons.py; teikit compare once it lands).
B=${1:-build}
here=$(dirname "$0")
corpus=${TK_SHARED:-$here/../../../shared}/corpus
if [ ! -d "$corpus" ]; then echo "SKIPPED: no corpus at $corpus"; exit 0; fi
tmp=$(mktemp -d)
args=
for g in "$here"/persons-gold/*.xml; do
    n=$(basename "$g" .xml)
    "$B/teikit" convert "$corpus/$n.txt" -o "$tmp/$n.xml" 2>/dev/null
    args="$args $g $tmp/$n.xml"
done
python3 "$here/score_persons.py" $args
rm -rf "$tmp"
