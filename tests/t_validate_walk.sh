#!/bin/sh
# t_validate_walk.sh: validate DIR visits each file and directory once: symlink loops and
# second links are not followed again (repro: validate_symlink_loop.sh).
. tests/lib.sh
D=$TK_TMP/ed
mkdir -p "$D/sub"
printf '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>\n' > "$D/a.xml"
cp "$D/a.xml" "$D/sub/b.xml"
ln -s . "$D/s1"
expect_status "one self-link" 0 $TEIKIT validate "$D"
grep -q "^2 files," "$TK_TMP/err" && ok || fail "one self-link: $(tail -1 "$TK_TMP/err") (want 2 files)"
grep -q "s1: warning: directory already visited" "$TK_TMP/err" && ok || fail "one self-link: no warning"
ln -s . "$D/s2"; ln -s sub "$D/sub-again"; ln -s a.xml "$D/c.xml"
expect_status "two self-links, a second link" 0 timeout 20 $TEIKIT validate "$D"
grep -q "^2 files," "$TK_TMP/err" && ok || fail "two self-links: $(tail -1 "$TK_TMP/err") (want 2 files)"
tk_done
