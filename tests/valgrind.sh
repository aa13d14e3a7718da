#!/bin/sh
# valgrind.sh: runs a command under valgrind (memcheck, definite leaks are errors: exit 99) with
# limits, so that `make check-valgrind` cannot hang CI: TK_VALGRIND_CPU seconds of CPU time
# (default 300; SIGXCPU past it) and four times that of wall-clock time (for a run blocked on
# input). A run stopped by a limit fails (exit 124 or 128+signal).
# A limit the caller set already (a test's own `ulimit -t`, which cannot be raised) stays.
cpu=${TK_VALGRIND_CPU:-300}
cur=$(ulimit -t)
if [ "$cur" != unlimited ] && [ "$cur" -lt "$cpu" ]; then cpu=$cur; fi
ulimit -t "$cpu" || exit 2
exec timeout -k 10 "$((cpu * 4))" valgrind -q --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite "$@"
