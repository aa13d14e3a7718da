#!/bin/sh
# t_validate_corpus.sh: teikit validate treats a corpus as one unit: pointers resolve across
# the files of one call, a teiCorpus root's header serves its members, FILE.xml#id looks into
# FILE.xml, XIncluded files (with --xinclude, or given too) define ids; pointers into files not
# given are notes unless --strict-refs; a truly dangling #id stays an error with line:col.
. tests/lib.sh
C=tests/validate/corpus
ANY=tests/validate/schemas/anything.rng
run() { $TEIKIT validate --schema $ANY "$@" 2>&1; }

# --- speakers defined in a teiCorpus root, used by member files
out=$(run $C/speakers/day1.xml)
case $out in *"day1.xml:6:7: error: @who points to \"#chair\", which no xml:id in this document defines [id-ref]"*) ok;; *) fail "member alone: $out";; esac
expect_status "member with its corpus root" 0 $TEIKIT validate -q --schema $ANY $C/speakers/root.xml $C/speakers/day1.xml
expect_status "--corpus ROOT FILE validates FILE in its corpus" 0 $TEIKIT validate -q --schema $ANY --corpus $C/speakers/root.xml $C/speakers/day1.xml
out=$(run --corpus $C/speakers/root.xml $C/speakers/day1.xml)
check "--corpus ROOT FILE validates FILE only" [ "$out" = "1 file, 0 invalid, 0 errors, 0 warnings" ]
# the whole corpus: the root and the members it XIncludes; a truly dangling #id is an error
out=$(run --corpus $C/speakers/root.xml)
case $out in *"$C/speakers/day2.xml:7:7: error: @who points to \"#nobody\", which no xml:id in this document defines (nor the corpus root \"$C/speakers/root.xml\") [id-ref]"*) ok;; *) fail "dangling in the corpus: $out";; esac
case $out in *"3 files, 1 invalid, 1 error, 1 warning"*) ok;; *) fail "corpus summary: $out";; esac
case $out in *'"#chair"'*|*'"#witness"'*) fail "resolved pointers reported: $out";; *) ok;; esac
# a person of the root mentioned only by members is used; one nobody names is not
case $out in *'root.xml:14:11: warning: person "silent" is declared but never mentioned'*) ok;; *) fail "unused person: $out";; esac
case $out in *'person "witness"'*) fail "person used by a member reported: $out";; *) ok;; esac
# a directory: every file of it is one unit
out=$(run $C/speakers)
case $out in *'day2.xml:7:7: error: @who points to "#nobody"'*'3 files, 1 invalid, 1 error, 1 warning') ok;; *) fail "directory: $out";; esac
# with --xinclude the root holds its members: resolved within the document
out=$(run --xinclude $C/speakers/root.xml)
case $out in "$C/speakers/day2.xml:7: error: @who points to \"#nobody\""*'1 file, 1 invalid, 1 error, 1 warning') ok;; *) fail "xinclude root (the included file named): $out";; esac
# -j 2 gives the same output
run $C/speakers >"$TK_TMP/j1"; $TEIKIT validate -j 2 --schema $ANY $C/speakers >"$TK_TMP/j2" 2>&1
check "-j 2 same corpus output" cmp -s "$TK_TMP/j1" "$TK_TMP/j2"

# --- a pointer into a taxonomy file
expect_status "FILE.xml#id into a file given" 0 $TEIKIT validate -q --schema $ANY $C/taxonomy/letter.xml $C/taxonomy/taxonomy.xml
out=$(run $C/taxonomy)
case $out in *"$C/taxonomy/telegram.xml:11:9: error: @target points to \"taxonomy.xml#telegram\", but \"taxonomy.xml\" defines no xml:id \"telegram\" [id-ref]"*) ok;; *) fail "id missing in the taxonomy: $out";; esac
case $out in *'letter.xml'*) fail "letter reported: $out";; *) ok;; esac
# the same in a directory whose absolute path has a space (libxml2 keeps it escaped: a%20dir)
D="$(cd "$TK_TMP" && pwd)/a dir"; mkdir -p "$D"; cp $C/taxonomy/*.xml "$D/"
out=$(run "$D/telegram.xml" "$D/taxonomy.xml")
case $out in *'telegram.xml:11:9: error: @target points to "taxonomy.xml#telegram", but "taxonomy.xml" defines no xml:id "telegram"'*) ok;; *) fail "a path with a space: $out";; esac
# a file not given: a note (with -v), not an error, unless --strict-refs
expect_status "file not given: not an error" 0 $TEIKIT validate -q --schema $ANY $C/taxonomy/letter.xml
out=$(run $C/taxonomy/letter.xml)
check "file not given: silent without -v" [ "$out" = "1 file, 0 invalid, 0 errors, 0 warnings" ]
out=$(run -v $C/taxonomy/letter.xml)
case $out in *'letter.xml:11:9: note: 1 pointer into "taxonomy.xml" not checked: the file is not among those validated'*) ok;; *) fail "note: $out";; esac
case $out in *'letter.xml:15:23: note: 1 pointer into "elsewhere/notes.xml" not checked: no such file'*) ok;; *) fail "missing file note: $out";; esac
expect_status "--strict-refs: an error" 1 $TEIKIT validate -q --schema $ANY --strict-refs $C/taxonomy/letter.xml
out=$(run --strict-refs $C/taxonomy/letter.xml)
case $out in *'letter.xml:11:9: error: @target points into "taxonomy.xml", which is not among the files validated'*'letter.xml:15:23: error: @target points into "elsewhere/notes.xml", which does not exist [id-ref]'*) ok;; *) fail "strict: $out";; esac
expect_status "--strict-refs with the taxonomy given" 1 $TEIKIT validate -q --schema $ANY --strict-refs $C/taxonomy/letter.xml $C/taxonomy/taxonomy.xml
out=$(run --strict-refs --corpus $C/taxonomy $C/taxonomy/letter.xml)
case $out in *'letter.xml:11:'*) fail "--corpus DIR did not give the taxonomy: $out";; *'"elsewhere/notes.xml", which does not exist'*) ok;; *) fail "--corpus DIR: $out";; esac

# --- glyphs and persons in XIncluded files
out=$(run $C/glyphs/edition.xml)
case $out in *'edition.xml:18:20: error: @ref points to "#rlig", which no xml:id in this document defines (it has xi:include: --xinclude reads the included files, or give them too) [id-ref]'*) ok;; *) fail "xinclude hint: $out";; esac
out=$(run -v $C/glyphs/edition.xml)
case $out in *'edition.xml:10:7: note: xi:include not followed: XInclude processing reads the included files (local files only) (option: --xinclude) [xinclude-skipped]'*) ok;; *) fail "xinclude note: $out";; esac
expect_status "--xinclude: ids of included files" 0 $TEIKIT validate -q --schema $ANY --xinclude $C/glyphs/edition.xml
expect_status "included files given too" 0 $TEIKIT validate -q --schema $ANY $C/glyphs/edition.xml $C/glyphs/glyphs.xml $C/glyphs/persons.xml
if [ -f "$SHARED/reference/schemas/tei_all.rng" ]; then
  expect_status "--xinclude edition valid against tei_all" 0 env TEIKIT_TEI_ALL="$SHARED/reference/schemas/tei_all.rng" $TEIKIT validate -q --schema tei_all --xinclude $C/glyphs/edition.xml
else
  skip "tei_all.rng absent"
fi

# --- usage
expect_status "--corpus needs a value" 2 $TEIKIT validate --corpus
expect_status "--corpus that does not exist" 2 $TEIKIT validate -q --schema $ANY --corpus "$TK_TMP/none"
tk_done
