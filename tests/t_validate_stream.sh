#!/bin/sh
# t_validate_stream.sh: validation while parsing (tools/validate_stream.c): the messages,
# their places and order are the tree path's on every test document, on mutants of them and
# (suite corpus) on the reference TEI; a document too large for a tree in the memory
# allowed (suite corpus too: slow_part) is validated in it (grammar and rule checks), with
# its errors placed exactly.
. tests/lib.sh
T=$TK_TMP
V=tests/validate

# streamed (TEIKIT_STREAM=1) and tree (TEIKIT_STREAM=0) give the same bytes and status
same_both() { # label schema files...
  label=$1; schema=$2; shift 2
  TEIKIT_STREAM=0 $TEIKIT validate --grammar-only --schema "$schema" "$@" >"$T/t.out" 2>"$T/t.err"; a=$?
  TEIKIT_STREAM=1 $TEIKIT validate --grammar-only --schema "$schema" "$@" >"$T/s.out" 2>"$T/s.err"; b=$?
  if [ $a -eq $b ] && cmp -s "$T/t.err" "$T/s.err" && cmp -s "$T/t.out" "$T/s.out"; then ok
  else fail "$label: streamed differs from tree ($a/$b): $(diff "$T/t.err" "$T/s.err" | head -4)"; fi
}
same_both "tests/validate, teikit.rng" teikit $(find $V -name '*.xml' | sort)
same_both "tests/validate, a wildcard schema" $V/schemas/anything.rng $(find $V -name '*.xml' | sort)
# mutants of the made-up valid documents: every kind of error (unknown element, misplaced
# element, bad attribute and value, stray text, missing content) at many places
mkdir -p "$T/mut"
for base in $V/valid/*.xml; do
  b=$(basename "$base" .xml)
  for seed in 1 2 3 4 5; do
    for kind in -1 0 1 2 3 4 5 6 7; do
      awk -v seed=$seed -v kind=$kind -f $V/mutate.awk "$base" >"$T/mut/${b}_${seed}_$kind.xml"
    done
  done
done
same_both "mutants, teikit.rng" teikit "$T/mut"
has "mutants: errors found" "$T/s.err" 'error: .*\[relaxng\]$'
# -j 2 streams each file in its thread
TEIKIT_STREAM=1 $TEIKIT validate -j 2 --grammar-only "$T/mut" >/dev/null 2>"$T/j2.err"
check "mutants, -j 2 streamed: the same" cmp -s "$T/t.err" "$T/j2.err"
# text in places only a tree could find: a run of text split by a comment, text in an
# element without element children (data), an element incomplete at its end tag
cat > "$T/text.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>T</title></titleStmt>
      <publicationStmt><p>Unpublished.</p></publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text><body><list>stray <!-- c --> text<item>a</item>
    again</list><div><head>h</head> loose </div><p><date when="2020-13-45">x</date></p></body></text>
</TEI>
XML
same_both "text runs, data, incomplete" teikit "$T/text.xml"
has "text runs: a text message" "$T/s.err" 'text.xml:10:21: error: text not allowed here in "list"'
has "text after an element child: placed after its end tag" "$T/s.err" 'text.xml:11:5: error: text not allowed here in "list"'

# stdin: streamed too (spooled to a file of its own, read again for the columns): the same
# bytes as a tree of stdin, on every test document (named "<stdin>", its pointers resolving
# from there), and nothing left in TMPDIR
mkdir -p "$T/tmpdir"
n=0; bad=""
for f in $(find $V -name '*.xml' | sort) "$T/text.xml"; do
  TEIKIT_STREAM=0 $TEIKIT validate - <"$f" >"$T/st.out" 2>"$T/st.err"; a=$?
  TMPDIR="$T/tmpdir" TEIKIT_STREAM=1 $TEIKIT validate - <"$f" >"$T/ss.out" 2>"$T/ss.err"; b=$?
  n=$((n + 1))
  { [ $a -eq $b ] && cmp -s "$T/st.err" "$T/ss.err" && cmp -s "$T/st.out" "$T/ss.out"; } || bad="$bad $f($a/$b)"
done
check "stdin streamed = stdin as a tree on $n documents${bad:+:$bad}" [ -z "$bad" ]
has "stdin streamed: its messages name <stdin>, with columns" "$T/ss.err" '^<stdin>:10:21: error: text not allowed here in "list"'
check "stdin streamed: the spool file is gone" [ -z "$(ls -A "$T/tmpdir")" ]
TMPDIR="$T/tmpdir" TEIKIT_STREAM=1 $TEIKIT validate - <$V/invalid/not_wellformed.xml >/dev/null 2>"$T/nwf.err"
check "stdin streamed, not well-formed: exit 1" [ $? -eq 1 ]
has "... the parser's message names <stdin>" "$T/nwf.err" '^<stdin>:[0-9]+:[0-9]+: error: .*\[xml\]$'
hasnt "... never the spool file" "$T/nwf.err" 'teikit-stdin|/dev/fd/'
if [ -n "${TK_VALGRIND:-}" ]; then
  # valgrind itself writes into TMPDIR at start-up and gives up without it
  skip "stdin with no TMPDIR: valgrind cannot start without a writable TMPDIR (make check and check-asan run it)"
else
  TMPDIR="$T/none" TEIKIT_STREAM=1 $TEIKIT validate - <$V/valid/minimal.xml >/dev/null 2>"$T/nodir.err"
  check "stdin, no TMPDIR to spool into: validated in memory (exit 0)" [ $? -eq 0 ]
fi
# --xinclude needs a tree: a document that would be streamed says so (-v), with what to do
TEIKIT_STREAM=1 $TEIKIT validate -v --xinclude $V/valid/minimal.xml >/dev/null 2>"$T/xi.err"
has "--xinclude on a document that would be streamed: a note" "$T/xi.err" 'minimal.xml: note: validated as a tree, whole in memory: --xinclude needs the tree.*give the files it includes as arguments too'
TEIKIT_STREAM=1 $TEIKIT validate -v --xinclude - <$V/valid/minimal.xml >/dev/null 2>"$T/xi.err"
has "... read from stdin too" "$T/xi.err" '<stdin>: note: validated as a tree'
TEIKIT_STREAM=1 $TEIKIT validate -v $V/valid/minimal.xml >/dev/null 2>"$T/xi.err"
hasnt "... not without --xinclude (streamed)" "$T/xi.err" 'validated as a tree'
$TEIKIT validate -v --xinclude $V/valid/minimal.xml >/dev/null 2>"$T/xi.err"
hasnt "... nor on a small document (a tree anyway)" "$T/xi.err" 'validated as a tree'

# --- a 40 MB document validated in 250 MB of address space (a tree needs about 10 times
# the document), streamed because it is large and --grammar-only; two errors near its end
# (suite corpus: seconds of CPU and a 387 MB tree)
if slow_part; then
  {
    sed -n '1,9p' $V/valid/minimal.xml
    printf '  <text><body>\n<p corresp="#late">a pointer to an id defined at the end</p>\n'
    awk 'BEGIN { for (i = 0; i < 400000; i++) printf "<p n=\"%d\">Paragraph %d of a long text that goes on and on to make the document large.</p>\n", i, i }'
    printf '<p bogus="1">end</p>\n<div><p>no head</p></div>stray\n'
    printf '<p xml:id="late" when="2021-02-30" corresp="#nobody">[sic]</p>\n'
    printf '</body></text>\n</TEI>\n'
  } >"$T/big.xml"
  lines=$(wc -l <"$T/big.xml")
  # (a build that cannot run under a limit, as ASan's which reserves terabytes, runs without)
  limit="ulimit -v 250000;"
  sh -c 'ulimit -v 250000; "$@" --version; exit $?' sh $TEIKIT >/dev/null 2>&1 || limit=""
  ( eval "$limit"; $TEIKIT validate --grammar-only "$T/big.xml" ) >"$T/big.out" 2>"$T/big.err"; rc=$?
  check "40 MB document in 250 MB: validated (exit 1)" [ $rc -eq 1 ]
  has "... its bad attribute, placed" "$T/big.err" "big.xml:$((lines - 4)):1: error: attribute \"bogus\" not allowed on \"p\""
  has "... its stray text, placed" "$T/big.err" "big.xml:$((lines - 3)):26: error: text not allowed here in \"body\""
  has "... summary" "$T/big.err" '1 file, 1 invalid, [0-9]+ errors'
  # the rule checks too (pointers decided at the end, dates, brackets only in what teikit made)
  ( eval "$limit"; $TEIKIT validate "$T/big.xml" ) >"$T/bigc.out" 2>"$T/bigc.err"
  has "rule checks, streamed: a bad date" "$T/bigc.err" "big.xml:$((lines - 2)):1: error: @when=\"2021-02-30\" is not an ISO 8601 date"
  has "... a dangling pointer" "$T/bigc.err" "big.xml:$((lines - 2)):1: error: @corresp points to \"#nobody\""
  hasnt "... a pointer to an id defined further on is fine" "$T/bigc.err" '#late'
  hasnt "... brackets: not teikit's document" "$T/bigc.err" 'bracket'
  TEIKIT_STREAM=0 $TEIKIT validate "$T/big.xml" >/dev/null 2>"$T/treec.err"
  check "... the tree's messages" cmp -s "$T/bigc.err" "$T/treec.err"
  if [ -n "$limit" ]; then
    ( ulimit -v 250000; exec 2>"$T/tree.err"; TEIKIT_STREAM=0 $TEIKIT validate --grammar-only "$T/big.xml" >/dev/null || : )
    hasnt "... which a tree cannot do in that memory" "$T/tree.err" 'bogus'
  else
    skip "this build cannot run under ulimit -v (a sanitizer's): no memory limit checked"
  fi
  TEIKIT_STREAM=0 $TEIKIT validate --grammar-only "$T/big.xml" >/dev/null 2>"$T/tree.err"
  check "... and the tree, without a limit, says the same" cmp -s "$T/big.err" "$T/tree.err"
  # the same document on stdin: streamed because it is large (no TEIKIT_STREAM), in the
  # same memory, the same messages under the name <stdin>
  ( eval "$limit"; TMPDIR="$T/tmpdir" $TEIKIT validate - <"$T/big.xml" ) >/dev/null 2>"$T/bigin.err"; rc=$?
  check "40 MB on stdin in 250 MB: validated (exit 1)" [ $rc -eq 1 ]
  sed "s|^$T/big.xml:|<stdin>:|" "$T/bigc.err" >"$T/bigc_in.err"
  check "... the file's messages, named <stdin>" cmp -s "$T/bigc_in.err" "$T/bigin.err"
  check "... the spool file is gone" [ -z "$(ls -A "$T/tmpdir")" ]
else
  skip "the 40 MB document (make check-corpus)"
fi

# --- the reference TEI (suite corpus): streamed and tree against tei_all and teisimple
R=$SHARED/reference
if have_shared && [ -f "$R/schemas/tei_all.rng" ]; then
  same_both "reference TEI, tei_all" "$R/schemas/tei_all.rng" "$R/tei" "$R/tei-wild"
  same_both "reference TEI, teisimple" "$R/schemas/teisimple.rng" "$R/tei" "$R/tei-wild"
else
  skip "needs $R (tei_all.rng, teisimple.rng, the reference TEI)"
fi
tk_done
