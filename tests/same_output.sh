#!/bin/sh
# same_output.sh OTHER_TEIKIT [BUILD]: converts every file of ../shared/corpus with another
# build of teikit (e.g. main's, built elsewhere) and with BUILD/teikit at -j 1 and -j 2, and
# compares the output bytes, the messages and the exit status. For a change that must not
# change the output (speed work). Prints one line per difference and a total; exit 1 when
# any file differs.
OTHER=$1
BUILD=${2:-build}
SHARED=${TK_SHARED:-../shared}
if [ -z "$OTHER" ]; then echo "usage: same_output.sh OTHER_TEIKIT [BUILD]" >&2; exit 2; fi
if [ ! -d "$SHARED/corpus" ]; then echo "SKIPPED: no $SHARED/corpus"; exit 0; fi
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-same.XXXXXX"); trap 'rm -rf "$T"' EXIT
same=0; differ=0
for f in "$SHARED"/corpus/*.txt; do
  "$OTHER" convert -o "$T/a.xml" "$f" 2>"$T/a.err"; sa=$?
  for j in 1 2; do
    "$BUILD/teikit" convert -j $j -o "$T/b.xml" "$f" 2>"$T/b.err"; sb=$?
    if [ $sa = $sb ] && cmp -s "$T/a.xml" "$T/b.xml" && cmp -s "$T/a.err" "$T/b.err"; then
      same=$((same + 1))
    else
      differ=$((differ + 1)); echo "DIFFERS: -j $j $f"
    fi
  done
done
echo "same_output: $same same, $differ differ (output bytes, messages, exit status; -j 1 and -j 2)"
[ "$differ" -eq 0 ]
