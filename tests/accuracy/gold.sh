# gold.sh: sourced by persons.sh and places.sh. score_gold DIR CLASSES converts the corpus
# file of each gold DIR/NAME.xml (no personography) into $tmp and writes
# `teikit compare --format json --classes CLASSES` of gold against output to $tmp/NAME.json.
# Sets B (the build directory, $1 of the caller), here, corpus and tmp (removed on exit);
# exits with SKIPPED when ../shared's corpus is absent.
B=${1:-build}
here=$(dirname "$0")
corpus=${TK_SHARED:-$here/../../../shared}/corpus
if [ ! -d "$corpus" ]; then echo "SKIPPED: no corpus at $corpus"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
score_gold() {
    for g in "$1"/*.xml; do
        n=$(basename "$g" .xml)
        "$B/teikit" convert "$corpus/$n.txt" -o "$tmp/$n.xml" 2>/dev/null || echo "convert failed: $n" >&2
        "$B/teikit" compare --format json --classes "$2" --diffs 0 --no-header \
            "$g" "$tmp/$n.xml" > "$tmp/$n.json"
    done
}
