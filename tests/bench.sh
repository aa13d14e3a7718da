#!/bin/sh
# bench.sh BUILD: runs every tests/bench/*.sh (convert, validate, render) and prints their
# figures: teikit against the tools a user would pick instead, measured in the same run.
BUILD=${1:-build}
export TK_SHARED=${TK_SHARED:-../shared}
echo "teikit bench on $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -m)"
[ -d "$TK_SHARED/corpus" ] || { echo "SKIPPED: $TK_SHARED/corpus is absent (the benchmarks use it)"; exit 0; }
rc=0
for b in tests/bench/*.sh; do
  [ -f "$b" ] || continue
  echo "== $b"
  sh "$b" "$BUILD" || rc=1
done
exit $rc
