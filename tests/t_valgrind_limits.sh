#!/bin/sh
# t_valgrind_limits.sh: tests/valgrind.sh (what make check-valgrind runs every command under)
# stops a command that spins past its CPU limit, fails it, and passes a quick clean one.
. tests/lib.sh

if ! command -v valgrind >/dev/null 2>&1; then
  skip "valgrind is not installed (apt-get install valgrind): the limits are not checked"
elif [ ! -f tests/valgrind.sh ]; then
  fail "tests/valgrind.sh is missing"
else
  start=$(date +%s)
  TK_VALGRIND_CPU=1 sh tests/valgrind.sh sh -c 'while :; do :; done' >/dev/null 2>&1
  rc=$?
  [ "$rc" -ne 0 ] && ok || fail "a spinning command under valgrind.sh exited 0"
  [ "$(($(date +%s) - start))" -lt 60 ] && ok || fail "the CPU limit did not stop the spinning command"
  # an AddressSanitizer build (make check-asan) cannot run under valgrind: its runtime must
  # come first in the library list, and both shadow the same memory
  if grep -q __asan_init "$TK_BUILD/teikit" 2>/dev/null; then
    skip "$TK_BUILD/teikit is built with AddressSanitizer, which valgrind cannot run: the clean run is checked by make check"
  else
    expect_status "a clean command" 0 env TK_VALGRIND_CPU=60 sh tests/valgrind.sh "$TK_BUILD/teikit" --version
    # a test's own lower CPU limit (t_validate_hostile's `ulimit -t 10`) is kept, not refused
    ( ulimit -t 30; TK_VALGRIND_CPU=60 sh tests/valgrind.sh "$TK_BUILD/teikit" --version ) >/dev/null 2>&1
    rc=$?
    [ "$rc" -eq 0 ] && ok || fail "under a caller's lower CPU limit valgrind.sh exited $rc"
  fi
fi
tk_done
