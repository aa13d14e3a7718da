#!/bin/sh
# t_install.sh: `make install` honours PREFIX and DESTDIR, the installed command finds its
# schemas and stylesheets, and `make uninstall` removes what install put there.
. tests/lib.sh
dest=$TK_TMP/dest
make -s BUILD="$TK_BUILD" PREFIX=/opt/tk DESTDIR="$dest" install >"$TK_TMP/log" 2>&1 || { fail "make install"; cat "$TK_TMP/log"; }
for f in bin/teikit lib/libteikit.a include/teikit.h share/man/man1/teikit.1 \
         share/teikit/schemas/teikit.rng share/teikit/xslt/tei2html.xsl share/teikit/xslt/tei2txt.xsl; do
  [ -f "$dest/opt/tk/$f" ] && ok || fail "installed $f"
done
# The installed binary, moved away from the source tree, finds its data directory.
if [ -x "$dest/opt/tk/bin/teikit" ]; then
  (cd / && env -u TEIKIT_DATADIR "$dest/opt/tk/bin/teikit" --version >/dev/null) && ok || fail "installed teikit runs"
  printf 'Title: T\n\nHello.\n' > "$TK_TMP/t.txt"
  if (cd / && env -u TEIKIT_DATADIR "$dest/opt/tk/bin/teikit" convert -o "$TK_TMP/t.xml" "$TK_TMP/t.txt" 2>/dev/null &&
      env -u TEIKIT_DATADIR "$dest/opt/tk/bin/teikit" validate "$TK_TMP/t.xml" >/dev/null 2>&1); then ok
  else fail "installed teikit converts and validates with its installed schema"; fi
fi
# A program linked against the installed library and header alone.
cat > "$TK_TMP/user.c" <<'C'
#include <teikit.h>
#include <stdio.h>
int main(void) { tk_diag *d = tk_diag_new(); printf("%s\n", tk_version()); tk_diag_free(d); return 0; }
C
# A sanitized build (make check-asan) needs the sanitizer runtime at link time too.
san=""
nm "$dest/opt/tk/lib/libteikit.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"
if cc -std=c11 $san -I"$dest/opt/tk/include" $(pkg-config --cflags libxml-2.0) "$TK_TMP/user.c" \
     "$dest/opt/tk/lib/libteikit.a" $(pkg-config --libs libxslt libexslt libxml-2.0) -lpthread -o "$TK_TMP/user" 2>"$TK_TMP/cc.log" &&
   "$TK_TMP/user" | grep -q '^[0-9]'; then ok; else fail "a program links libteikit.a"; cat "$TK_TMP/cc.log"; fi
make -s BUILD="$TK_BUILD" PREFIX=/opt/tk DESTDIR="$dest" uninstall >/dev/null 2>&1
left=$(find "$dest" -type f | wc -l)
[ "$left" -eq 0 ] && ok || fail "uninstall left $left files"
tk_done
