#!/bin/sh
# t_browser.sh: the HTML edition in a real browser (headless Chromium). Converts the seed
# memorandum (with a personography) and a speaker transcript, renders them, then with
# playwright-core driving /usr/bin/chromium (tests/browser/check.mjs): no request leaves the
# page, persons index <-> mentions, footnotes both ways, the view switch, a phone-sized
# viewport, screenshots in out/browser/; printing to PDF keeps the footnotes and drops the view
# controls (pdftotext). SKIPPED without Chromium; without playwright-core (npm offline) the
# click part is SKIPPED and Chromium's --dump-dom/--screenshot/--print-to-pdf stand in.
# suite: corpus (slow: a browser; run by make check-corpus)
. tests/lib.sh
export TEIKIT_DATADIR=$(pwd)
CHROMIUM=${TK_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  skip "no $CHROMIUM (apt-get install chromium)"; tk_done; exit $?
fi
OUT=out/browser
mkdir -p "$OUT"
chrome() {
  d=$(mktemp -d "$TK_TMP/chrome.XXXXXX")
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$d" "$@" 2>>"$TK_TMP/chrome.log"
}

# ---- the pages ---------------------------------------------------------------------------
expect_status "convert the seed memorandum" 0 $TEIKIT convert --persons tests/browser/memo-persons.xml \
  -o "$OUT/memo.xml" samples/memo_wilson_1949-02-03_mikoyan_mao.txt
if have_shared; then
  expect_status "convert a speaker transcript" 0 $TEIKIT convert -o "$OUT/hac.xml" \
    "$SHARED/corpus/transcript_hac_1976-11-12_meeting_with_kissinger.txt"
else
  skip "corpus transcript (../shared absent): the hand-made one only"
  cp tests/render/transcript.xml "$OUT/hac.xml"
fi
cp tests/render/transcript.xml "$OUT/events.xml"
expect_status "render html" 0 $TEIKIT render --to html -o "$OUT" "$OUT/memo.xml" "$OUT/hac.xml" "$OUT/events.xml"
$TEIKIT render --to html --view normalized -o "$OUT/memo-normalized.html" "$OUT/memo.xml"
# a facsimile (its page image beside the text) and a stand-off apparatus (made-up)
mkdir -p "$OUT/facs" && cp tests/render/facs/page1.png "$OUT/facs/" && cp tests/render/facsimile.xml tests/render/standoff.xml "$OUT/"
expect_status "render facsimile, stand-off html" 0 $TEIKIT render --to html -o "$OUT" "$OUT/facsimile.xml" "$OUT/standoff.xml"
grep -q '<img src="data:image/png;base64,' "$OUT/facsimile.html" && ! grep -Eiq '<img [^>]*src="[^d]|<(script|link|iframe|object|embed|video|audio)[ >]|@import|url\(' "$OUT/facsimile.html" &&
  ok || fail "facsimile: only data: images, nothing to fetch"

# ---- the same pages, static: every link has its target, nothing to fetch --------------
for p in memo hac events facsimile standoff; do
  grep -o 'href="#[^"]*"' "$OUT/$p.html" | sed 's/href="#//; s/"$//' | sort -u >"$TK_TMP/hrefs"
  grep -o ' id="[^"]*"' "$OUT/$p.html" | sed 's/ id="//; s/"$//' | sort -u >"$TK_TMP/ids"
  missing=$(comm -23 "$TK_TMP/hrefs" "$TK_TMP/ids" | head -3)
  [ -z "$missing" ] && ok || fail "$p: links without target: $missing"
  [ $p = facsimile ] && continue  # (its image is a data: URI, checked above)
  if grep -Eiq '<(script|link|img|iframe|object|embed|video|audio)[ >]|src=|@import|url\(' "$OUT/$p.html"; then
    fail "$p: the page refers to something to fetch"; else ok; fi
done
grep -q '<section class="persons" id="tk-persons"' "$OUT/memo.html" && ok || fail "memo: persons index"
[ "$(grep -o 'class="person"' "$OUT/memo.html" | wc -l)" -ge 10 ] && ok || fail "memo: persons marked"
grep -q '<div class="speaker">SECRETARY KISSINGER:</div>' "$OUT/hac.html" && ok || fail "hac: speaker turns"

# ---- in the browser --------------------------------------------------------------------
# With playwright-core (npm; installed on demand into a cache outside the repository) one
# Chromium does everything: clicks, requests, phone width, screenshots, PDFs. Without it,
# Chromium's own --dump-dom, --screenshot and --print-to-pdf do what they can.
PW=${TK_BROWSER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/teikit-browser}
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && [ ! -d "$PW/node_modules/playwright-core" ]; then
  mkdir -p "$PW" 2>/dev/null && (cd "$PW" && timeout 180 npm install --no-audit --no-fund --silent playwright-core@1 >/dev/null 2>&1)
fi
if [ -d "$PW/node_modules/playwright-core" ] && command -v node >/dev/null 2>&1; then
  timeout 170 node tests/browser/check.mjs "$PW" "$OUT" --canary tests/browser/canary.html \
    --pdf "$OUT/events.html" --pdf "$OUT/memo-normalized.html" \
    "$OUT/memo.html" "$OUT/hac.html" "$OUT/events.html" "$OUT/facsimile.html" "$OUT/standoff.html" >"$TK_TMP/pw.out" 2>&1
  grep '^FAIL: ' "$TK_TMP/pw.out"
  n_ok=$(grep -c '^ok: ' "$TK_TMP/pw.out"); n_fail=$(grep -c '^FAIL: ' "$TK_TMP/pw.out")
  TK_PASS=$((TK_PASS + n_ok)); TK_FAIL=$((TK_FAIL + n_fail))
  grep -q '^browser: 0 failed$' "$TK_TMP/pw.out" && ok || { fail "playwright run"; tail -5 "$TK_TMP/pw.out"; }
  [ -s "$OUT/memo.png" ] && [ -s "$OUT/memo-normalized.png" ] && [ -s "$OUT/memo-phone.png" ] && ok || fail "screenshots in $OUT"
else
  skip "playwright-core not installable (npm offline?): clicks; using Chromium's command line"
  chrome --dump-dom "file://$(pwd)/$OUT/memo.html" >"$TK_TMP/memo.dom"
  grep -o 'href="#[^"]*"' "$TK_TMP/memo.dom" | sed 's/href="#//; s/"$//' | sort -u >"$TK_TMP/hrefs"
  grep -o ' id="[^"]*"' "$TK_TMP/memo.dom" | sed 's/ id="//; s/"$//' | sort -u >"$TK_TMP/ids"
  [ -s "$TK_TMP/hrefs" ] && [ -z "$(comm -23 "$TK_TMP/hrefs" "$TK_TMP/ids")" ] && ok || fail "memo: links resolve in Chromium's DOM"
  chrome --window-size=1200,1600 --screenshot="$OUT/memo.png" "file://$(pwd)/$OUT/memo.html" >/dev/null
  [ "$(wc -c <"$OUT/memo.png" 2>/dev/null || echo 0)" -gt 20000 ] && ok || fail "screenshot $OUT/memo.png"
  for p in events memo-normalized; do
    chrome --no-pdf-header-footer --print-to-pdf="$OUT/$p.pdf" "file://$(pwd)/$OUT/$p.html" >/dev/null
  done
fi

# ---- the printed pages: footnotes kept, no view controls --------------------------------
if command -v pdftotext >/dev/null 2>&1; then
  for p in events memo-normalized; do
    pdftotext -layout "$OUT/$p.pdf" "$TK_TMP/$p.pdf.txt" 2>/dev/null
    [ -s "$TK_TMP/$p.pdf.txt" ] && ok || fail "$p: printed to PDF"
    if grep -Eq 'View:|Diplomatic|Normalized' "$TK_TMP/$p.pdf.txt"; then fail "$p: view controls printed"; else ok; fi
  done
  sed -n '/^ *Notes *$/,$p' "$TK_TMP/events.pdf.txt" | grep -q 'The Secretary arrived late from the' && ok || fail "events: footnote printed"
  sed -n '/^ *Notes *$/,$p' "$TK_TMP/memo-normalized.pdf.txt" | grep -q 'Soviet China specialist' && ok || fail "memo normalized: editorial note printed as a footnote"
  grep -q 'com\[munist\]' "$TK_TMP/memo-normalized.pdf.txt" && fail "memo normalized: brackets printed" || ok
else
  skip "pdftotext not installed (apt-get install poppler-utils): print test"
fi

tk_done
