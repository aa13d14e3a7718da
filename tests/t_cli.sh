#!/bin/sh
# t_cli.sh: the command's surface: help, version, unknown commands, exit statuses.
. tests/lib.sh

expect_status "--version" 0 $TEIKIT --version
grep -q "^teikit [0-9]" "$TK_TMP/out" && ok || fail "--version prints 'teikit N.N.N'"
expect_status "--help" 0 $TEIKIT --help
for sub in convert validate render persons; do
  grep -q "^  $sub " "$TK_TMP/out" && ok || fail "--help lists $sub"
done
expect_status "no arguments" 2 $TEIKIT
expect_status "unknown command" 2 $TEIKIT frobnicate
grep -q "no such command 'frobnicate'" "$TK_TMP/err" && ok || fail "unknown command is named"
for sub in convert validate render persons; do
  expect_status "help $sub" 0 $TEIKIT help $sub
  grep -q "usage: teikit $sub" "$TK_TMP/out" && ok || fail "help $sub prints its usage"
  expect_status "$sub --help" 0 $TEIKIT $sub --help
  grep -q "usage: teikit $sub" "$TK_TMP/out" && ok || fail "$sub --help prints its usage"
  expect_status "$sub --bogus-option" 2 $TEIKIT $sub --bogus-option
done
expect_status "help of unknown" 2 $TEIKIT help frobnicate
tk_done
