#!/bin/sh
# inline.sh: throughput and linearity of the inline pass alone (the tests/fuzz driver: blank-line
# paragraphs, all brackets, footnotes, dates): 1 MB vs 10 MB of FRUS text. Usage:
#   sh tests/bench/inline.sh BUILD_DIR   (TK_SHARED = the shared directory, default ../shared)
BUILD=${1:-build}
SHARED=${TK_SHARED:-../shared}
SRC="$SHARED/corpus/large_frus_six_volumes_plaintext.txt"
[ -f "$SRC" ] || { echo "SKIPPED: no $SRC"; exit 0; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -DTK_DRIVER -Itools $(pkg-config --cflags libxml-2.0) \
  tests/fuzz/inline_fuzz.c "$BUILD/libteikit.a" $(pkg-config --libs libxml-2.0 libxslt libexslt) \
  -lpthread -o "$TMP/drv" || exit 1
head -c 1000000 "$SRC" >"$TMP/1mb.txt"
: >"$TMP/10mb.txt"
while [ "$(wc -c <"$TMP/10mb.txt")" -lt 10000000 ]; do cat "$SRC" >>"$TMP/10mb.txt"; done
head -c 10000000 "$TMP/10mb.txt" >"$TMP/10.txt"
# cpu FILE [baseline]: best of 3 CPU seconds of splitting + the pass (the driver's own clock,
# so other processes on the shared machine do not count); baseline = text only, no pass
cpu() {
  best=
  for _ in 1 2 3; do
    if [ -n "${2:-}" ]; then
      d=$(TK_INLINE_BASELINE=1 TK_INLINE_TIME=1 "$TMP/drv" "$1" 2>&1 >/dev/null | awk '/inline-cpu/ {print $2}')
    else
      d=$(TK_INLINE_TIME=1 "$TMP/drv" "$1" 2>&1 >/dev/null | awk '/inline-cpu/ {print $2}')
    fi
    if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
  done
  echo "$best"
}
for size in 1 10; do
  f="$TMP/1mb.txt"; [ "$size" = 10 ] && f="$TMP/10.txt"
  full=$(cpu "$f"); base=$(cpu "$f" baseline)
  pass=$(echo "$full - $base" | bc -l)
  [ "$(echo "$pass <= 0.001" | bc -l)" = 1 ] && pass=0.001
  printf 'inline %2d MB FRUS: tree with inline pass %.3f s CPU = %.1f MB/s; text-only tree %.3f s; the pass alone %.3f s = %.1f MB/s\n' \
    "$size" "$full" "$(echo "$size / $full" | bc -l)" "$base" "$pass" "$(echo "$size / $pass" | bc -l)"
  eval "pass$size=$pass"
done
printf 'linearity: pass time 10 MB / 1 MB = %.1f (10 = linear)\n' "$(echo "$pass10 / $pass1" | bc -l)"
