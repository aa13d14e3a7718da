# teikit: plain transcripts to TEI P5, RelaxNG validation, XSLT rendering.
# Read top to bottom: variables, the library, the command, tests, install.

# ---- variables --------------------------------------------------------------
VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    := $(PREFIX)/bin
DATADIR   := $(PREFIX)/share/teikit
MANDIR    := $(PREFIX)/share/man/man1

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
TK_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(PKG_CFLAGS) \
             -DTK_VERSION='"$(VERSION)"' -DTK_DATADIR='"$(DATADIR)"' $(CFLAGS)
LDLIBS    := $(PKG_LIBS) -lpthread
BUILD     ?= build

# Library sources: every tools/*.c except the command's own files.
CLI_SRCS  := tools/main.c $(wildcard tools/cli_*.c)
LIB_SRCS  := $(filter-out $(CLI_SRCS),$(wildcard tools/*.c))
LIB_OBJS  := $(LIB_SRCS:tools/%.c=$(BUILD)/obj/%.o)
CLI_OBJS  := $(CLI_SRCS:tools/%.c=$(BUILD)/obj/%.o)
HEADERS   := $(wildcard tools/*.h)
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_OBJS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tobj/%.o)

.PHONY: all deps demo check check-asan check-valgrind bench accuracy fuzz install uninstall clean format

all: $(BUILD)/libteikit.a $(BUILD)/teikit $(BUILD)/include/teikit.h

# ---- dependencies: install what a fresh Debian machine lacks ---------------
deps:
	@sh tests/deps.sh

# ---- the library ------------------------------------------------------------
$(BUILD)/obj/%.o: tools/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -Itools -c $< -o $@

$(BUILD)/libteikit.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/include/teikit.h: tools/teikit.h
	@mkdir -p $(dir $@)
	cp $< $@

# ---- the command ------------------------------------------------------------
$(BUILD)/teikit: $(CLI_OBJS) $(BUILD)/libteikit.a
	$(CC) $(TK_CFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libteikit.a $(LDLIBS)

# ---- demo: convert, validate and render the samples into out/ --------------
demo: deps all
	@sh tests/demo.sh $(BUILD)/teikit

# ---- tests ------------------------------------------------------------------
$(BUILD)/tobj/%.o: tests/unit/%.c $(HEADERS) $(wildcard tests/unit/*.h)
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
$(BUILD)/tests/inline_driver: tests/fuzz/inline_fuzz.c $(BUILD)/libteikit.a $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -DTK_DRIVER -Itools -o $@ $< $(BUILD)/libteikit.a $(LDLIBS)

# Streamed conversion against the whole tree, file by file (tests/t_stream.sh).
$(BUILD)/tests/stream_check: tests/drivers/stream_check.c $(BUILD)/libteikit.a $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(TK_CFLAGS) -Itools -o $@ $< $(BUILD)/libteikit.a $(LDLIBS)

TEST_PROGS := $(BUILD)/tests/unit_runner $(BUILD)/tests/inline_driver $(BUILD)/tests/stream_check

check: deps all $(TEST_PROGS)
	@sh tests/run_all.sh $(BUILD)

check-asan:
	$(MAKE) BUILD=build-asan OPT='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' check

check-valgrind: all $(TEST_PROGS)
	@TK_VALGRIND=1 sh tests/run_all.sh $(BUILD)

bench: deps all
	@sh tests/bench.sh $(BUILD)

# The converter's accuracy against reference TEI (../shared): a benchmark, not a test; it
# rewrites the figures in docs/accuracy.md.
accuracy: all
	@sh tests/accuracy/run.sh $(BUILD)

fuzz:
	@sh tests/fuzz/run.sh

# ---- install ----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(DATADIR)/xslt \
	  $(DESTDIR)$(MANDIR) $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 755 $(BUILD)/teikit $(DESTDIR)$(BINDIR)/teikit
	install -m 644 $(BUILD)/libteikit.a $(DESTDIR)$(PREFIX)/lib/libteikit.a
	install -m 644 tools/teikit.h $(DESTDIR)$(PREFIX)/include/teikit.h
	for f in schemas/*; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(DATADIR)/schemas/; done; true
	for f in xslt/*; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(DATADIR)/xslt/; done; true
	install -m 644 docs/teikit.1 $(DESTDIR)$(MANDIR)/teikit.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/teikit $(DESTDIR)$(PREFIX)/lib/libteikit.a \
	  $(DESTDIR)$(PREFIX)/include/teikit.h $(DESTDIR)$(MANDIR)/teikit.1
	rm -rf $(DESTDIR)$(DATADIR)

format:
	clang-format -i tools/*.c tools/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build build-asan out
