#!/bin/sh
# t_output.sh: where outputs land: -o onto FIFOs, devices, symlinks and /dev/stdout; render
# never overwrites one of its inputs; --split never mixes old and new documents.
. tests/lib.sh
T=$TK_TMP
printf 'MR. A: Hello.\n\nMR. B: Good morning.\n' > "$T/in.txt"
$TEIKIT convert "$T/in.txt" > "$T/want.xml" 2>/dev/null || fail "convert to stdout"

# a FIFO with a reader gets the document and stays a FIFO
mkfifo "$T/fifo"
(timeout 20 cat "$T/fifo" > "$T/fifo.out") &
reader=$!
expect_status "convert -o FIFO" 0 timeout 20 $TEIKIT convert "$T/in.txt" -o "$T/fifo"
wait $reader
[ -p "$T/fifo" ] && ok || fail "-o FIFO: the FIFO was replaced by $(stat -c %F "$T/fifo")"
cmp -s "$T/fifo.out" "$T/want.xml" && ok || fail "-o FIFO: the reader got $(wc -c < "$T/fifo.out") bytes"

# a symlink: the link stays, its target is updated (also a dangling link's target)
: > "$T/target.xml"; ln -s target.xml "$T/link.xml"
expect_status "convert -o symlink" 0 $TEIKIT convert "$T/in.txt" -o "$T/link.xml"
[ -L "$T/link.xml" ] && ok || fail "-o symlink: the link was replaced"
cmp -s "$T/target.xml" "$T/want.xml" && ok || fail "-o symlink: the target was not updated"
ln -s new-target.xml "$T/dangling.xml"
expect_status "persons -o dangling symlink" 0 $TEIKIT persons "$T/in.txt" -o "$T/dangling.xml"
[ -L "$T/dangling.xml" ] && [ -s "$T/new-target.xml" ] && ok || fail "-o dangling symlink: target not created"
# the input behind a symlink is still protected
expect_status "-o symlink to the input" 2 $TEIKIT convert "$T/target.xml" -o "$T/link.xml"

# /dev/stdout writes to the open standard output (here appended to a file). Tried first
# through a link of our own: a build that replaces its output would replace only that link,
# never the system's /dev/stdout (as root it would).
ln -s /dev/stdout "$T/stdout"
echo prior > "$T/app.xml"
expect_status "convert -o link to /dev/stdout" 0 sh -c "$TEIKIT convert '$T/in.txt' -o '$T/stdout' >> '$T/app.xml'"
if [ -L "$T/stdout" ] && [ "$(head -1 "$T/app.xml")" = prior ]; then
  ok
  tail -n +2 "$T/app.xml" | cmp -s - "$T/want.xml" && ok || fail "-o /dev/stdout: wrong content"
  out=$($TEIKIT convert "$T/in.txt" -o /dev/stdout | wc -c)
  [ "$out" -eq "$(wc -c < "$T/want.xml")" ] && ok || fail "-o /dev/stdout into a pipe: $out bytes"
else
  fail "-o a link to /dev/stdout replaced the link or the file behind standard output"
fi

# modes: an existing file's mode is kept, a new file follows the umask
$TEIKIT convert "$T/in.txt" -o "$T/mode.xml" 2>/dev/null; chmod 604 "$T/mode.xml"
$TEIKIT convert "$T/in.txt" -o "$T/mode.xml" 2>/dev/null
[ "$(stat -c %a "$T/mode.xml")" = 604 ] && ok || fail "mode not kept: $(stat -c %a "$T/mode.xml")"
(umask 027; $TEIKIT convert "$T/in.txt" -o "$T/umask.xml" 2>/dev/null)
[ "$(stat -c %a "$T/umask.xml")" = 640 ] && ok || fail "umask not applied: $(stat -c %a "$T/umask.xml")"
expect_status "-o a directory" 2 $TEIKIT convert "$T/in.txt" -o "$T"

# a character device (needs root for mknod): written in place, never replaced
if mknod -m 666 "$T/null" c 1 3 2>/dev/null; then
  expect_status "convert -o device" 0 $TEIKIT convert "$T/in.txt" -o "$T/null"
  [ -c "$T/null" ] && ok || fail "-o device: replaced by $(stat -c %F "$T/null")"
  expect_status "render -o device" 0 $TEIKIT render --to text -o "$T/null" "$T/want.xml"
  [ -c "$T/null" ] && ok || fail "render -o device: replaced by $(stat -c %F "$T/null")"
else
  skip "mknod needs root: no device node test"
fi
# render with several inputs: no output may overwrite any input, checked before writing
mkdir -p "$T/rin" "$T/rout"
for w in first precious; do
  printf '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>%s</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>%s</p></body></text></TEI>\n' $w $w > "$T/$w.xml"
done
cp "$T/first.xml" "$T/rin/a.xml"; cp "$T/precious.xml" "$T/rout/a.xml"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:copy-of select="."/></xsl:template></xsl:stylesheet>\n' > "$T/id.xsl"
expect_status "render onto a later input" 2 $TEIKIT render --xslt "$T/id.xsl" -o "$T/rout" "$T/rin/a.xml" "$T/rout/a.xml"
cmp -s "$T/rout/a.xml" "$T/precious.xml" && ok || fail "render overwrote a later input"
grep -q "would overwrite this input" "$TK_TMP/err" && ok || fail "render: no message naming the input"
# an output not written yet that a later input names (it would read the first one's output)
mkdir -p "$T/rout2"
expect_status "render onto a later input not yet existing" 2 $TEIKIT render --to text -o "$T/rout2" "$T/rin/a.xml" "$T/rout2/a.txt"
[ ! -e "$T/rout2/a.txt" ] && ok || fail "render wrote before checking every input"
# distinct outputs still render
expect_status "render two inputs" 0 $TEIKIT render --to text -o "$T/rout3" "$T/rin/a.xml" "$T/precious.xml"
[ -s "$T/rout3/a.txt" ] && [ -s "$T/rout3/precious.txt" ] && ok || fail "render two inputs: outputs missing"
# an unreadable input: an I/O error (exit 2), said once
expect_status "render a missing input" 2 $TEIKIT render --to text "$T/no-such.xml"
[ "$(wc -l < "$TK_TMP/err")" -eq 1 ] && ok || { fail "render a missing input: $(wc -l < "$TK_TMP/err") messages"; cat "$TK_TMP/err"; }
expect_status "render a directory" 2 $TEIKIT render --to text "$T/rin"
ls "$T" | grep -q '\.tmp' && fail "temporary files left: $(ls "$T" | grep '\.tmp')" || ok
tk_done
