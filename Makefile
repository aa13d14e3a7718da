# teikit: plain transcripts to TEI P5, RelaxNG validation, XSLT rendering.
# Read top to bottom: variables, the library, the command, tests, install.

# ---- variables --------------------------------------------------------------
# The version is the header's (TK_VERSION_MAJOR/MINOR/PATCH in tools/teikit.h).
version_part = $(shell sed -n 's/^\#define TK_VERSION_$(1) \([0-9]*\)$$/\1/p' tools/teikit.h)
VMAJOR    := $(call version_part,MAJOR)
VERSION   := $(VMAJOR).$(call version_part,MINOR).$(call version_part,PATCH)
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR   ?= $(PREFIX)/share/teikit
MANDIR    ?= $(PREFIX)/share/man/man1

CC        ?= cc
PKGS      := libxml-2.0 libxslt libexslt
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Messages are built with snprintf into fixed buffers on purpose (truncation is acceptable),
# so GCC's format-truncation guesses, which vary with -O level, are not errors.
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter \
             -Wno-format-truncation
OPT       ?= -O2 -g
CFLAGS    ?=
CPPFLAGS  ?=
LDFLAGS   ?=
# -MMD -MP: each object lists the headers it includes (build/obj/*.d), read back below.
TK_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(PKG_CFLAGS) -MMD -MP \
             -DTK_VERSION='"$(VERSION)"' -DTK_DATADIR='"$(DATADIR)"' $(CPPFLAGS) $(CFLAGS)
LDLIBS    := $(PKG_LIBS) -lpthread
BUILD     ?= build

# Library sources: every tools/*.c (the command's own files are in tools/cli/). Compiled once,
# position-independent with hidden visibility (teikit.h's declarations alone are exported),
# for both the static and the shared library.
CLI_SRCS  := $(wildcard tools/cli/*.c)
LIB_SRCS  := $(wildcard tools/*.c)
LIB_OBJS  := $(LIB_SRCS:tools/%.c=$(BUILD)/obj/%.o)
CLI_OBJS  := $(CLI_SRCS:tools/cli/%.c=$(BUILD)/cli/%.o)
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_OBJS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tobj/%.o)
SONAME    := libteikit.so.$(VMAJOR)
SHLIB     := $(BUILD)/libteikit.so.$(VERSION)

.PHONY: all deps deps-check demo check check-corpus check-tsan check-asan check-valgrind \
        check-hostile bench accuracy fuzz install uninstall clean format FORCE

all: $(BUILD)/libteikit.a $(SHLIB) $(BUILD)/teikit $(BUILD)/include/teikit.h $(BUILD)/teikit.pc

-include $(wildcard $(BUILD)/*.d $(BUILD)/obj/*.d $(BUILD)/cli/*.d $(BUILD)/tobj/*.d $(BUILD)/tests/*.d)

# ---- dependencies: install what a fresh Debian machine lacks ---------------
deps:
	@sh tests/deps.sh

# ---- the library ------------------------------------------------------------
$(BUILD)/obj/%.o: tools/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -fPIC -fvisibility=hidden -Itools -c $< -o $@

# Objects are rebuilt when the compiler flags change ($(BUILD)/flags holds them). The data
# directory is compiled into io.o alone: a make (or make install) with another PREFIX
# rebuilds it, so the installed library looks under the PREFIX it was installed with.
$(BUILD)/flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(TK_CFLAGS)' | sed 's/-DTK_DATADIR=[^ ]*//' | cmp -s - $@ || \
	  echo '$(CC) $(TK_CFLAGS)' | sed 's/-DTK_DATADIR=[^ ]*//' > $@
$(BUILD)/datadir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/pcdirs: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR)' | cmp -s - $@ || echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR)' > $@
$(LIB_OBJS) $(CLI_OBJS) $(TEST_OBJS): $(BUILD)/flags
$(BUILD)/obj/io.o: $(BUILD)/datadir

$(BUILD)/libteikit.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(SHLIB): $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^ $(LDLIBS)
	ln -sf $(notdir $@) $(BUILD)/$(SONAME)
	ln -sf $(notdir $@) $(BUILD)/libteikit.so

$(BUILD)/include/teikit.h: tools/teikit.h
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/teikit.pc: tools/teikit.pc.in $(BUILD)/pcdirs
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|' $< > $@

# ---- the command ------------------------------------------------------------
# Linked with the static library: the command needs nothing installed beside it. Its objects
# are in $(BUILD)/cli/ (an older build's $(BUILD)/cobj/*.d name sources now in tools/cli/).
$(BUILD)/cli/%.o: tools/cli/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -Itools -c $< -o $@

$(BUILD)/teikit: $(CLI_OBJS) $(BUILD)/libteikit.a
	$(CC) $(TK_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libteikit.a $(LDLIBS)

# ---- demo: convert, validate and render the samples into out/ --------------
# Quiet: the compiler's lines only when it has something to say.
demo: deps
	@$(MAKE) -s --no-print-directory all
	@sh tests/demo.sh $(BUILD)/teikit

# ---- tests ------------------------------------------------------------------
$(BUILD)/tobj/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -Itools -Itests/unit -c $< -o $@

# The runner registers one CUnit suite per tests/unit/test_NAME.c (function tk_suite_NAME).
$(BUILD)/tests/suites.h: $(TEST_SRCS)
	@mkdir -p $(dir $@)
	@for f in $(TEST_SRCS); do n=$$(basename $$f .c); n=$${n#test_}; \
	  echo "X($$n)"; done > $@.tmp && mv $@.tmp $@

$(BUILD)/tests/unit_runner: tests/unit/runner.c $(BUILD)/tests/suites.h $(TEST_OBJS) $(BUILD)/libteikit.a
	$(CC) $(TK_CFLAGS) -Itools -Itests/unit -I$(BUILD)/tests -o $@ tests/unit/runner.c \
	  $(TEST_OBJS) $(BUILD)/libteikit.a $(LDLIBS) -lcunit

# The inline pass alone, as the golden and lossless tests and the fuzzer's seeds drive it.
$(BUILD)/tests/inline_driver: tests/fuzz/inline_fuzz.c $(BUILD)/libteikit.a
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -DTK_DRIVER -Itools -o $@ $< $(BUILD)/libteikit.a $(LDLIBS)

# Streamed conversion against the whole tree, file by file (tests/t_stream.sh).
$(BUILD)/tests/stream_check: tests/drivers/stream_check.c $(BUILD)/libteikit.a
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -Itools -o $@ $< $(BUILD)/libteikit.a $(LDLIBS)

# Two threads converting, validating and rendering at once (tests/install/threads.c). Built
# beside build/teikit, it finds schemas/ and xslt/ as the command does (tk_data_dir).
$(BUILD)/threads: tests/install/threads.c $(BUILD)/libteikit.a
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -Itools -o $@ $< $(BUILD)/libteikit.a $(LDLIBS)

TEST_PROGS := $(BUILD)/tests/unit_runner $(BUILD)/tests/inline_driver $(BUILD)/tests/stream_check

# make check: the fast suite (unit tests, and shell tests on made-up inputs). It installs
# nothing: tests/deps.sh --check names what is missing. make check-corpus: the tests over
# ../shared (every corpus file, tei_all as a second opinion) and the slow checks (browser,
# fuzz smoke). TK_SUITE picks the scripts, TK_JOBS how many run at once (see tests/run_all.sh).
deps-check:
	@sh tests/deps.sh --check

check: deps-check all $(TEST_PROGS)
	@sh tests/run_all.sh $(BUILD) fast

check-corpus: deps-check all $(TEST_PROGS)
	@sh tests/run_all.sh $(BUILD) corpus

SANITIZE_ASAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan:
	$(MAKE) BUILD=build-asan OPT='$(SANITIZE_ASAN)' check

# The thread test under ThreadSanitizer (its own build, build-tsan/).
check-tsan:
	@$(MAKE) -s --no-print-directory BUILD=build-tsan OPT='-O1 -g -fsanitize=thread' \
	  build-tsan/threads
	env -u TEIKIT_DATADIR TSAN_OPTIONS='halt_on_error=1 exitcode=66' build-tsan/threads \
	  schemas/teikit.rng

# Hostile inputs at two sizes: 10x the input costs at most 15x the time and memory.
check-hostile: all
	@sh tests/check_hostile.sh $(BUILD)

check-valgrind: all $(TEST_PROGS)
	@TK_VALGRIND=1 sh tests/run_all.sh $(BUILD) fast

bench: deps all
	@sh tests/bench.sh $(BUILD)

# The converter's accuracy against reference TEI (../shared): a benchmark, not a test; it
# rewrites the figures in docs/accuracy.md.
accuracy: all
	@sh tests/accuracy/run.sh $(BUILD)

# libFuzzer harnesses under ASan+UBSan (clang): FUZZ_SECONDS each, FUZZ_TARGETS, FUZZ_SMOKE=1
# (docs/HACKING.md, Fuzzing).
fuzz:
	@sh tests/fuzz/run.sh

# ---- install ----------------------------------------------------------------
# PREFIX, DESTDIR, BINDIR, LIBDIR, INCLUDEDIR, DATADIR, MANDIR as usual. The library is built
# for the PREFIX given here (see $(BUILD)/datadir), so `make; make install PREFIX=/usr` works.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(DATADIR)/xslt \
	  $(DESTDIR)$(MANDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(BUILD)/teikit $(DESTDIR)$(BINDIR)/teikit
	install -m 644 $(BUILD)/libteikit.a $(DESTDIR)$(LIBDIR)/libteikit.a
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB))
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/libteikit.so
	install -m 644 $(BUILD)/teikit.pc $(DESTDIR)$(LIBDIR)/pkgconfig/teikit.pc
	install -m 644 tools/teikit.h $(DESTDIR)$(INCLUDEDIR)/teikit.h
	for f in schemas/*; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(DATADIR)/schemas/; done; true
	for f in xslt/*; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(DATADIR)/xslt/; done; true
	install -m 644 docs/teikit.1 $(DESTDIR)$(MANDIR)/teikit.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/teikit $(DESTDIR)$(LIBDIR)/libteikit.a \
	  $(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/libteikit.so $(DESTDIR)$(LIBDIR)/pkgconfig/teikit.pc \
	  $(DESTDIR)$(INCLUDEDIR)/teikit.h $(DESTDIR)$(MANDIR)/teikit.1
	rm -rf $(DESTDIR)$(DATADIR)

format:
	clang-format -i tools/*.c tools/*.h tools/cli/*.c tools/cli/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build build-asan build-tsan out
