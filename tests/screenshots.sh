#!/bin/sh
# screenshots.sh [BUILD]: one screenshot of the HTML edition per kind of document (speech
# transcript, play, FRUS record, apparatus, facsimile, verse, dictionary) with headless
# Chromium (as tests/t_browser.sh uses it), as PNGs in BUILD/screenshots/ (not committed) for a
# person to look at. Not part of `make check`. Kinds whose input is in ../shared are skipped
# when it is absent; the others use the made-up documents of tests/render/.
BUILD=${1:-build}
TEIKIT=$BUILD/teikit
SHARED=${TK_SHARED:-../shared}
CHROMIUM=${TK_CHROMIUM:-/usr/bin/chromium}
export TEIKIT_DATADIR=$(pwd)
OUT=$BUILD/screenshots
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIPPED: no $CHROMIUM (apt-get install chromium)"
  exit 0
fi
[ -x "$TEIKIT" ] || { echo "screenshots: no $TEIKIT (run make)" >&2; exit 2; }
mkdir -p "$OUT/src/facs" || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-shots.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT

# shot NAME WIDTH HEIGHT: BUILD/screenshots/NAME.png of BUILD/screenshots/src/NAME.html
shot() {
  d=$(mktemp -d "$T/chrome.XXXXXX")
  if timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
       --disable-background-networking --disable-component-update --disable-sync \
       --hide-scrollbars --user-data-dir="$d" --window-size="$2,$3" \
       --screenshot="$(pwd)/$OUT/$1.png" "file://$(pwd)/$OUT/src/$1.html" >/dev/null 2>>"$T/chrome.log" &&
     [ -s "$OUT/$1.png" ]; then
    echo "$OUT/$1.png"
  else
    echo "screenshots: $1 failed (see Chromium's log below)" >&2
    tail -3 "$T/chrome.log" >&2
  fi
}

# render NAME INPUT [OPTION...]: the page of INPUT as BUILD/screenshots/src/NAME.html
render() {
  name=$1 in=$2
  shift 2
  $TEIKIT render --to html "$@" -o "$OUT/src/$name.html" "$in" 2>"$T/$name.err" ||
    { echo "screenshots: render $in failed" >&2; head -3 "$T/$name.err" >&2; return 1; }
}

# made-up documents: always there
cp tests/render/facs/page1.png "$OUT/src/facs/"
cp tests/render/facsimile.xml "$OUT/src/facsimile.xml"
render facsimile "$OUT/src/facsimile.xml" && shot facsimile 1100 1500
render apparatus tests/render/apparatus.xml && shot apparatus 1100 1300
render standoff tests/render/standoff-places.xml && shot standoff 1100 1500

if [ -d "$SHARED/corpus" ] && [ -d "$SHARED/reference/tei-wild" ]; then
  # teikit's own conversions, as a new user makes them
  $TEIKIT convert -o "$T/speech.xml" "$SHARED/corpus/transcript_hac_1976-11-12_meeting_with_kissinger.txt" 2>/dev/null &&
    render speech "$T/speech.xml" && shot speech 1100 1500
  $TEIKIT convert -o "$T/frus.xml" "$SHARED/corpus/memo_frus1934v04_d564_wilson_memorandum.txt" 2>/dev/null &&
    render frus "$T/frus.xml" && shot frus 1100 1500
  $TEIKIT convert -o "$T/play.xml" "$SHARED/corpus/play_shakespeare_twelfth_night.txt" 2>/dev/null &&
    render play "$T/play.xml" && shot play 1100 1500
  # other projects' TEI
  render verse "$SHARED/reference/tei-wild/perseus_catullus_lat.xml" && shot verse 1100 1500
  render dictionary "$SHARED/reference/tei-wild/tp_osinski_dict.xml" && shot dictionary 1100 1500
  render spoken "$SHARED/reference/tei-wild/teic_testspoken.xml" && shot spoken 1100 1500
  render drama "$SHARED/reference/tei-wild/dracor_comedy_of_errors.xml" && shot drama 1100 1500
else
  echo "SKIPPED: speech, FRUS record, play, verse, dictionary ($SHARED absent)"
  render speech tests/render/transcript.xml && shot speech 1100 1500
  render verse tests/render/verse.xml && shot verse 1100 1200
fi
