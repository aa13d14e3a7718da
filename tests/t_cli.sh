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

# Every option path of convert and render, with its message and exit status (made-up inputs).
# says NAME STATUS TEXT COMMAND...: exits with STATUS and prints TEXT (fixed string) on stderr.
says() {
  said=$1; st=$2; text=$3; shift 3
  expect_status "$said" "$st" "$@"
  grep -qF -- "$text" "$TK_TMP/err" && ok || fail "$said: stderr lacks \"$text\""
}
printf 'Memo on Bees\n\nThe meeting of 3/2/1949 went well.\n' > "$TK_TMP/bees.txt"
T=$TK_TMP/bees.txt
says "convert: value missing" 2 "teikit convert: option --shape needs a value" $TEIKIT convert --shape
says "convert: alias value missing" 2 "teikit convert: option --output needs a value" $TEIKIT convert --output
says "convert: --jobs value missing" 2 "teikit convert: option --jobs needs a value" $TEIKIT convert --jobs
says "convert: unknown shape" 2 "teikit convert: unknown shape 'bogus' (record, transcript, play, captions)" $TEIKIT convert --shape bogus "$T"
for sh in play record transcript; do
  expect_status "convert --shape $sh" 0 $TEIKIT convert --shape $sh "$T"
  grep -q "read as a $sh:" "$TK_TMP/out" && ok || fail "--shape $sh is not the shape read"
done
says "convert: --meta without =" 2 "teikit convert: --meta 'noequals': expected KEY=VALUE" $TEIKIT convert --meta noequals "$T"
says "convert: --meta without key" 2 "teikit convert: --meta '=x': expected KEY=VALUE" $TEIKIT convert --meta =x "$T"
metas=$(i=0; while [ $i -lt 64 ]; do i=$((i+1)); printf -- '--meta k%d=v ' $i; done)
expect_status "convert: 64 --meta" 0 $TEIKIT convert $metas "$T"
says "convert: 65 --meta" 2 "teikit convert: too many --meta options (at most 64)" $TEIKIT convert $metas --meta k65=v "$T"
expect_status "convert --meta title=" 0 $TEIKIT convert --meta "title=On Wasps" "$T"
grep -q "<title>On Wasps</title>" "$TK_TMP/out" && ok || fail "--meta title= is not the title"
says "convert: unknown date order" 2 "teikit convert: unknown date order 'ymd' (dmy, mdy)" $TEIKIT convert --date-order ymd "$T"
expect_status "convert --date-order mdy" 0 $TEIKIT convert --date-order mdy "$T"
grep -q 'when="1949-03-02"' "$TK_TMP/out" && ok || fail "--date-order mdy: 3/2/1949 is not March 2"
expect_status "convert --date-order dmy" 0 $TEIKIT convert --date-order dmy "$T"
grep -q 'when="1949-02-03"' "$TK_TMP/out" && ok || fail "--date-order dmy: 3/2/1949 is not 3 February"
for j in -j0 -j257 -j2x "-j 0" "--jobs 257"; do
  says "convert $j" 2 "teikit convert: -j needs a number from 1 to 256" $TEIKIT convert $j "$T"
done
expect_status "convert -j256" 0 $TEIKIT convert -j256 "$T"
expect_status "convert --jobs 1" 0 $TEIKIT convert --jobs 1 "$T"
says "convert: -o and --split" 2 "teikit convert: -o and --split exclude each other" $TEIKIT convert --split "$TK_TMP/s" -o "$TK_TMP/x.xml" "$T"
says "convert: --force alone" 2 "teikit convert: --force goes with --split" $TEIKIT convert --force "$T"
says "convert: two inputs" 2 "teikit convert: one input file at a time ('$T' and '-')" $TEIKIT convert "$T" -
says "convert: unknown option" 2 "teikit convert: unknown option '-x'" $TEIKIT convert -x "$T"
expect_status "convert --explain" 0 $TEIKIT convert --explain "$T"
grep -q ": note: shape " "$TK_TMP/err" && ok || fail "--explain prints no notes"
expect_status "convert --help after a file" 0 $TEIKIT convert "$T" --help
grep -q "usage: teikit convert" "$TK_TMP/out" && ok || fail "convert FILE --help prints its usage"

$TEIKIT convert -o "$TK_TMP/bees.xml" "$T" 2>/dev/null
cp "$TK_TMP/bees.xml" "$TK_TMP/bees.tei"
D=$TK_TMP/bees.xml
for opt in --to --view --param --xslt --allow-read -o --output --css; do
  says "render $opt without a value" 2 "teikit render: option '$opt' needs a value" $TEIKIT render "$D" $opt
done
says "render: no input" 2 "teikit render: no input file" $TEIKIT render --to text
says "render: unknown option" 2 "teikit render: unknown option '-x'" $TEIKIT render -x "$D"
says "render --param =x" 2 "teikit render: --param takes NAME=VALUE, not '=x'" $TEIKIT render --param =x "$D"
says "render --to bad" 2 "teikit render: --to takes html or text, not '-o'" $TEIKIT render --to -o "$D"
says "render --view bad" 2 "teikit render: --view takes diplomatic or normalized, not 'pretty'" $TEIKIT render --view pretty "$D"
expect_status "render --to txt" 0 $TEIKIT render --to txt "$D"
grep -q "<html" "$TK_TMP/out" && fail "--to txt wrote HTML" || ok
grep -q "Memo on Bees" "$TK_TMP/out" && ok || fail "--to txt wrote no text"
says "render: several inputs to stdout" 2 "teikit render: several inputs need -o DIRECTORY, not standard output" $TEIKIT render -o - "$D" "$TK_TMP/bees.tei"
says "render: -- ends the options" 2 "--view: error: cannot open" $TEIKIT render --to text -- --view
says "render: no such parent" 2 "$TK_TMP/none/d: error: cannot create directory" $TEIKIT render --to text -o "$TK_TMP/none/d" "$D" "$TK_TMP/bees.tei"
says "render: one target for two inputs" 2 "$TK_TMP/bees.tei: error: skipped: $TK_TMP/two/bees.txt was already written for another input" $TEIKIT render --to text -o "$TK_TMP/two" "$D" "$TK_TMP/bees.tei"
grep -q "Memo on Bees" "$TK_TMP/two/bees.txt" && ok || fail "the first input's target is not written"
printf 'p{}\000q{}\n' > "$TK_TMP/nul.css"
says "render --css with a NUL" 2 "$TK_TMP/nul.css: error: a NUL byte in CSS" $TEIKIT render --css "$TK_TMP/nul.css" "$D"
tk_done
