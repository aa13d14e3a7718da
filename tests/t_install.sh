#!/bin/sh
# t_install.sh: `make install` honours PREFIX, DESTDIR, LIBDIR; the installed command and the
# installed library find their schemas and stylesheets under the PREFIX they were installed
# with; programs built with `pkg-config teikit` against the installed header and library
# (static and shared) convert, validate, render, take NULL options, limit messages in a
# batch and run two threads; `make uninstall` removes what install put there.
. tests/lib.sh
# The installs build in a copy of $TK_BUILD's objects (B): each PREFIX recompiles io.o and
# relinks there, never in $TK_BUILD, which the scripts running beside this one use.
B=$TK_TMP/build
mkdir -p "$B" && cp -Rp "$TK_BUILD/obj" "$TK_BUILD/cli" "$TK_BUILD/flags" "$B/" 2>/dev/null
# ---- a real prefix (no DESTDIR): what an embedding program meets --------------------------
P=$TK_TMP/prefix
make -s BUILD="$B" PREFIX="$P" LIBDIR="$P/lib64" install >"$TK_TMP/log" 2>&1 || { fail "make install PREFIX=$P"; cat "$TK_TMP/log"; }
for f in bin/teikit lib64/libteikit.a lib64/libteikit.so lib64/libteikit.so.0 lib64/pkgconfig/teikit.pc \
         include/teikit.h share/teikit/schemas/teikit.rng share/teikit/xslt/tei2txt.xsl; do
  [ -e "$P/$f" ] && ok || fail "installed $f"
done
export PKG_CONFIG_PATH="$P/lib64/pkgconfig"
if pkg-config --exists teikit 2>/dev/null && pkg-config --cflags --libs teikit >"$TK_TMP/pc" 2>&1; then ok
else fail "pkg-config --cflags --libs teikit"; fi
# the header alone, in C and C++ (its own include path and libxml2's, from pkg-config)
printf '#include <teikit.h>\nint main(void) { return TK_VERSION_MAJOR < 0; }\n' > "$TK_TMP/h.c"
cc -std=c99 -Wall -Wextra -Werror -pedantic $(pkg-config --cflags teikit) -c "$TK_TMP/h.c" -o "$TK_TMP/h.o" 2>"$TK_TMP/cc.log" && ok || { fail "teikit.h compiles with pkg-config's flags alone"; cat "$TK_TMP/cc.log"; }
if command -v c++ >/dev/null 2>&1; then
  cp "$TK_TMP/h.c" "$TK_TMP/h.cc"
  c++ -Wall -Wextra -Werror $(pkg-config --cflags teikit) -c "$TK_TMP/h.cc" -o "$TK_TMP/hh.o" 2>"$TK_TMP/cc.log" && ok || { fail "teikit.h compiles as C++"; cat "$TK_TMP/cc.log"; }
fi
# the shared library exports the public interface only
if command -v nm >/dev/null 2>&1; then
  nm -D --defined-only "$P/lib64/libteikit.so" | awk '$2 == "T" {print $3}' | grep -v '^_' | sort > "$TK_TMP/exported"
  sed -n 's/^[a-z].*[ *]\(tk_[a-z_]*\)(.*/\1/p' tools/teikit.h | sort -u > "$TK_TMP/declared"
  if cmp -s "$TK_TMP/exported" "$TK_TMP/declared"; then ok; else fail "exported symbols are not teikit.h's"; diff "$TK_TMP/declared" "$TK_TMP/exported" | head; fi
  readelf -d "$P/lib64/libteikit.so" 2>/dev/null | grep -q 'SONAME.*libteikit\.so\.0' && ok || fail "soname libteikit.so.0"
fi
# A sanitized build (make check-asan) needs the sanitizer runtime at link time too.
san=""
nm "$P/lib64/libteikit.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"
# build: NAME, linked with the shared library (rpath) or, with "static", the static one
build() {
  if [ "${2:-}" = static ]; then libs="$P/lib64/libteikit.a $(pkg-config --static --libs teikit | sed 's/-lteikit//')"
  else libs="$(pkg-config --libs teikit) -Wl,-rpath,$P/lib64"; fi
  # shellcheck disable=SC2086
  cc -std=c11 -Wall -Wextra -Werror $san $(pkg-config --cflags teikit) tests/install/$1.c $libs -lpthread \
    -o "$TK_TMP/$1${2:+-$2}" 2>"$TK_TMP/cc.log" || { fail "build $1 ${2:-}"; cat "$TK_TMP/cc.log"; return 1; }
}
# run NAME [ARGS]: from /, without TEIKIT_DATADIR: the library finds PREFIX/share/teikit
run() { p=$1; shift; (cd / && env -u TEIKIT_DATADIR "$TK_TMP/$p" "$@"); }
if build convert; then
  run convert >"$TK_TMP/out" 2>"$TK_TMP/err" && grep -q "Good morning to you" "$TK_TMP/out" && ok || { fail "convert, validate, render with the installed library"; cat "$TK_TMP/err"; }
fi
if build convert static; then
  run convert-static >/dev/null 2>"$TK_TMP/err" && ok || { fail "the same, linked statically"; cat "$TK_TMP/err"; }
fi
if build nullopts; then run nullopts >/dev/null 2>&1 && ok || fail "NULL options"; fi
if build batch; then
  # three leftover brackets in each of two files teikit made, a limit of one per rule and file
  x='<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc><encodingDesc><appInfo><application ident="teikit" version="1"><label>teikit</label></application></appInfo></encodingDesc></teiHeader><text><body><p>a [x] b [y] c [z]</p></body></text></TEI>'
  echo "$x" > "$TK_TMP/a.xml"; echo "$x" > "$TK_TMP/b.xml"
  run batch "$TK_TMP/a.xml" "$TK_TMP/b.xml" >"$TK_TMP/out" 2>&1
  grep -c 'warning: leftover' "$TK_TMP/out" | grep -qx 2 &&
    [ "$(grep -c 'note: 2 more warnings like this suppressed \[bracket\]' "$TK_TMP/out")" -eq 2 ] &&
    grep -q '^2 files, 0 invalid, 6 warnings$' "$TK_TMP/out" && ok || { fail "limits + batch"; cat "$TK_TMP/out"; }
fi
if build threads; then run threads >/dev/null 2>"$TK_TMP/err" && ok || { fail "two threads"; cat "$TK_TMP/err"; }; fi
# CPPFLAGS reach every compilation, LDFLAGS every link (what make would run, not run)
make -n -B BUILD="$B" CPPFLAGS=-DTK_PKG_FLAG LDFLAGS=-Wl,-O1 all >"$TK_TMP/n" 2>&1
c=$(grep -c ' -c tools/' "$TK_TMP/n"); cf=$(grep ' -c tools/' "$TK_TMP/n" | grep -c -- '-DTK_PKG_FLAG')
l=$(grep -c -e ' -shared ' -e ' -o [^ ]*/teikit ' "$TK_TMP/n"); lf=$(grep -e ' -shared ' -e ' -o [^ ]*/teikit ' "$TK_TMP/n" | grep -c -- '-Wl,-O1')
[ "$c" -gt 0 ] && [ "$c" -eq "$cf" ] && [ "$l" -eq 2 ] && [ "$lf" -eq 2 ] && ok || fail "CPPFLAGS ($cf of $c compilations), LDFLAGS ($lf of $l links)"
# ---- DESTDIR: staged install of the command, relocated -----------------------------------
dest=$TK_TMP/dest
make -s BUILD="$B" PREFIX=/opt/tk DESTDIR="$dest" install >"$TK_TMP/log" 2>&1 || { fail "make install DESTDIR"; cat "$TK_TMP/log"; }
for f in bin/teikit lib/libteikit.a lib/libteikit.so lib/pkgconfig/teikit.pc include/teikit.h share/man/man1/teikit.1 \
         share/teikit/schemas/teikit.rng share/teikit/xslt/tei2html.xsl share/teikit/xslt/tei2txt.xsl; do
  [ -e "$dest/opt/tk/$f" ] && ok || fail "installed $f under DESTDIR"
done
grep -q '^prefix=/opt/tk$' "$dest/opt/tk/lib/pkgconfig/teikit.pc" && ok || fail "teikit.pc names PREFIX, not DESTDIR"
# the installed binary, moved away from the source tree, finds its data directory
if [ -x "$dest/opt/tk/bin/teikit" ]; then
  (cd / && env -u TEIKIT_DATADIR "$dest/opt/tk/bin/teikit" --version >/dev/null) && ok || fail "installed teikit runs"
  printf 'Title: T\n\nHello.\n' > "$TK_TMP/t.txt"
  if (cd / && env -u TEIKIT_DATADIR "$dest/opt/tk/bin/teikit" convert -o "$TK_TMP/t.xml" "$TK_TMP/t.txt" 2>/dev/null &&
      env -u TEIKIT_DATADIR "$dest/opt/tk/bin/teikit" validate "$TK_TMP/t.xml" >/dev/null 2>&1); then ok
  else fail "installed teikit converts and validates with its installed schema"; fi
fi
make -s BUILD="$B" PREFIX=/opt/tk DESTDIR="$dest" uninstall >/dev/null 2>&1
left=$(find "$dest" ! -type d | wc -l)
[ "$left" -eq 0 ] && ok || fail "uninstall left $left files"
tk_done
