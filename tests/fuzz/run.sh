#!/bin/sh
# run.sh: libFuzzer on teikit (make fuzz). Builds the library sources once with clang
# -fsanitize=fuzzer,address,undefined into $FUZZ_OUT/obj and links one harness per
# tests/fuzz/NAME_fuzz.c: inline (the inline pass: well-formed output), convert (whole
# conversion: output valid against teikit.rng), validate (text and JSON sinks agree, pruned
# and whole verdicts agree), render (no script or javascript: URL in the HTML, UTF-8 text).
# Each harness runs for $FUZZ_SECONDS (default 150: 600 s for the four) over seeds from the
# repository (samples/, tests/golden, tests/validate, tests/render, tests/fuzz/seeds) and,
# when present, ../shared (corpus pieces of 4 KB, tei-wild files under 64 KB; copied into
# $FUZZ_OUT, never into the repository). FUZZ_TARGETS="convert render" picks harnesses.
# FUZZ_SMOKE=1 runs each harness once over its repository seeds only (tests/t_fuzz_smoke.sh).
# ASan/UBSan catch crashes, leaks and undefined behaviour; an oracle failure aborts.
# Exit status 0 when nothing was found; findings are in $FUZZ_OUT/NAME.log and artifacts/.
set -e
SECONDS_=${FUZZ_SECONDS:-150}
TARGETS=${FUZZ_TARGETS:-inline convert validate render}
SMOKE=${FUZZ_SMOKE:-0}
SHARED=${TK_SHARED:-../shared}
OUT=${FUZZ_OUT:-build/fuzz}
CLANG=${CLANG:-clang}
JOBS=${FUZZ_JOBS:-2}
command -v "$CLANG" >/dev/null 2>&1 || { echo "SKIPPED: no clang (apt-get install clang)"; exit 0; }
mkdir -p "$OUT/obj" "$OUT/artifacts" "$OUT/tmp"
OUT=$(cd "$OUT" && pwd)
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
LINK="-fsanitize=fuzzer,address,undefined"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d[0] == n; }\n' >"$OUT/tmp/probe.c"
# shellcheck disable=SC2086
$CLANG $LINK "$OUT/tmp/probe.c" -o "$OUT/tmp/probe" 2>/dev/null || {
  echo "SKIPPED: clang cannot build a fuzzer (apt-get install libclang-rt-dev)"; exit 0; }
VERSION=$(sed -n 's/^#define TK_VERSION_[A-Z]* \([0-9]*\)$/\1/p' tools/teikit.h | paste -sd.)
CFLAGS_="$FLAGS -DTK_VERSION=\"$VERSION\" -DTK_DATADIR=\"/nonexistent\" -Itools $(pkg-config --cflags libxml-2.0)"
LIBS="$(pkg-config --libs libxml-2.0 libxslt libexslt) -lpthread"

# the library, compiled once: an object is rebuilt when its source, a header or the flags change
echo "$CLANG $CFLAGS_" | cmp -s - "$OUT/obj/flags" || { rm -f "$OUT"/obj/*.o; echo "$CLANG $CFLAGS_" >"$OUT/obj/flags"; }
newest_h=$(ls -t tools/*.h | head -n 1)
stale=""
for f in tools/*.c; do  # the library's sources (the command's are in tools/cli/)
  o="$OUT/obj/$(basename "$f" .c).o"
  if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then stale="$stale $f"; fi
done
if [ -n "$stale" ]; then
  echo "fuzz: compiling$(echo "$stale" | wc -w | sed 's/^/ /') library files with sanitizers"
  export CLANG CFLAGS_ OUT
  # shellcheck disable=SC2016,SC2086
  printf '%s\n' $stale | xargs -P "$JOBS" -I{} sh -c \
    '$CLANG $CFLAGS_ -c "$1" -o "$OUT/obj/$(basename "$1" .c).o"' sh {}
fi
OBJS=$(ls "$OUT"/obj/*.o)

# seeds of one harness into $OUT/seeds/NAME (text inputs, or XML inputs)
seeds() {
  d="$OUT/seeds/$1"; rm -rf "$d"; mkdir -p "$d"
  case $1 in
  inline|convert)
    for f in samples/*.txt tests/golden/convert/*.txt tests/golden/inline/*.txt \
             tests/hostile/*.txt tests/validate/convert/*.txt tests/fuzz/seeds/*.txt; do
      [ -f "$f" ] && head -c 8000 "$f" >"$d/$(echo "$f" | tr / _)"
    done
    if [ "$SMOKE" != 1 ] && [ -d "$SHARED/corpus" ]; then
      for f in "$SHARED"/corpus/*.txt; do
        head -c 400000 "$f" | split -b 4000 -a 3 - "$d/$(basename "$f" .txt)."
      done
    fi ;;
  *)
    for f in samples/*.xml tests/golden/convert/*.xml tests/golden/inline/*.xml \
             tests/validate/valid/*.xml tests/validate/invalid/*.xml tests/validate/hostile/*.xml \
             tests/render/*.xml tests/fuzz/seeds/*.xml; do
      [ -f "$f" ] && cp "$f" "$d/$(echo "$f" | tr / _)"
    done
    if [ "$SMOKE" != 1 ] && [ -d "$SHARED/reference" ]; then
      find "$SHARED/reference" -name '*.xml' -size -64k | while read -r f; do
        cp "$f" "$d/shared_$(basename "$f")"
      done
    fi ;;
  esac
}

export TEIKIT_DATADIR FUZZ_TMP="$OUT/tmp"
TEIKIT_DATADIR=$(pwd)
failed=""
for t in $TARGETS; do
  src=tests/fuzz/${t}_fuzz.c
  [ -f "$src" ] || { echo "fuzz: no harness $src"; exit 2; }
  bin="$OUT/${t}_fuzz"
  # shellcheck disable=SC2086
  $CLANG $CFLAGS_ $LINK -Itests/fuzz "$src" $OBJS $LIBS -o "$bin"
  seeds "$t"
  case $t in inline|convert) max=8192 ;; *) max=65536 ;; esac
  log="$OUT/$t.log"
  if [ "$SMOKE" = 1 ]; then
    # every seed once (-runs=0: the seed corpus is run, nothing mutated)
    if "$bin" -runs=0 -max_len=$max -timeout=30 -rss_limit_mb=2048 \
         -artifact_prefix="$OUT/artifacts/$t-" "$OUT/seeds/$t" >"$log" 2>&1; then
      echo "fuzz $t: $(ls "$OUT/seeds/$t" | wc -l) seeds ok"
    else
      tail -30 "$log"; echo "fuzz $t: FAILED on a seed (see $log)"; failed="$failed $t"
    fi
    continue
  fi
  mkdir -p "$OUT/corpus/$t"
  echo "fuzzing $t for $SECONDS_ s ($(ls "$OUT/seeds/$t" | wc -l) seeds, $(ls "$OUT/corpus/$t" | wc -l) kept from earlier runs)"
  if "$bin" -max_total_time="$SECONDS_" -max_len=$max -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$OUT/artifacts/$t-" -print_final_stats=1 \
       "$OUT/corpus/$t" "$OUT/seeds/$t" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz $t: $runs runs, no crash, leak, UB or oracle failure"
  else
    tail -40 "$log"; echo "fuzz $t: FAILED (see $log and $OUT/artifacts/)"; failed="$failed $t"
  fi
done
[ -z "$failed" ] || { echo "fuzz: FAILED:$failed"; exit 1; }
