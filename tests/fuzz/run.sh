#!/bin/sh
# run.sh: libFuzzer on the inline pass (make fuzz). Builds the library sources and
# tests/fuzz/inline_fuzz.c with clang -fsanitize=fuzzer,address,undefined, seeds from
# ../shared/corpus (cut into pieces of at most 4 KB) and samples/, runs for $FUZZ_SECONDS
# (default 600). The harness aborts on ill-formed output XML; ASan/UBSan catch crashes,
# leaks and undefined behaviour. Exit status 0 when the run found nothing.
set -e
SECONDS_=${FUZZ_SECONDS:-600}
SHARED=${TK_SHARED:-../shared}
OUT=${FUZZ_OUT:-build/fuzz}
CLANG=${CLANG:-clang}
command -v "$CLANG" >/dev/null 2>&1 || { echo "SKIPPED: no clang (apt-get install clang libclang-rt-14-dev)"; exit 0; }
mkdir -p "$OUT/corpus" "$OUT/artifacts"
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
SRCS=$(ls tools/*.c | grep -v -e 'tools/main.c' -e 'tools/cli_')
# shellcheck disable=SC2086
$CLANG $FLAGS -DTK_VERSION='"fuzz"' -DTK_DATADIR='"/nonexistent"' -Itools $(pkg-config --cflags libxml-2.0) tests/fuzz/inline_fuzz.c $SRCS \
  $(pkg-config --libs libxml-2.0 libxslt libexslt) -lpthread -o "$OUT/inline_fuzz"
# seeds: pieces of every corpus file and sample
for f in samples/*.txt "$SHARED"/corpus/*.txt; do
  [ -f "$f" ] || continue
  b=$(basename "$f" .txt)
  head -c 400000 "$f" | split -b 4000 -a 3 - "$OUT/corpus/$b."
done
echo "fuzzing the inline pass for $SECONDS_ s ($(ls "$OUT/corpus" | wc -l) seeds)"
"$OUT/inline_fuzz" -max_total_time="$SECONDS_" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$OUT/artifacts/" -print_final_stats=1 "$OUT/corpus" 2>"$OUT/fuzz.log" || {
  tail -40 "$OUT/fuzz.log"; echo "fuzz: FAILED (see $OUT/fuzz.log, $OUT/artifacts/)"; exit 1; }
grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' "$OUT/fuzz.log" | tail -3
echo "fuzz: no crash, leak, UB or ill-formed output in $SECONDS_ s"
