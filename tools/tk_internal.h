/* tk_internal.h: declarations shared between the library's own files (not installed).
 *
 * The converter is cmark-shaped: reader (bytes -> lines) -> blocks (lines -> block list) ->
 * TEI tree (tei.c builds elements for blocks) -> inline pass (inlines.c fills each
 * text-bearing element from a tk_span) -> serialize. This header is the contract between the
 * block side (reader.c, blocks.c, header.c, tei.c, convert.c, persons.c) and the inline side
 * (inlines.c, rules.c, dates.c, footnotes.c). Each side keeps to its own section below.
 */
#ifndef TK_INTERNAL_H
#define TK_INTERNAL_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "teikit.h"
#include "tk_alloc.h"
#include "tk_messages.h"
#include "thresholds.h"

#define TK_TEI_NS "http://www.tei-c.org/ns/1.0"
#define TK_XML_NS "http://www.w3.org/XML/1998/namespace"

/* The out-of-memory policy (tk_alloc.h) for libxml2's tree calls: the converter sets
 * attributes and makes text nodes through these, which abort when libxml2 returns NULL
 * (it does only when memory is exhausted, or for a NULL node: a bug) instead of leaving an
 * attribute or a text out of the document. tests/t_alloc_policy.sh keeps the bare calls out. */
static inline xmlAttrPtr tk_xset_prop(xmlNodePtr n, const xmlChar *name, const xmlChar *value)
{
    return tk_oom_check(xmlSetProp(n, name, value));
}
static inline xmlAttrPtr tk_xnew_prop(xmlNodePtr n, const xmlChar *name, const xmlChar *value)
{
    return tk_oom_check(xmlNewProp(n, name, value));
}
static inline xmlAttrPtr tk_xset_ns_prop(xmlNodePtr n, xmlNsPtr ns, const xmlChar *name,
                                         const xmlChar *value)
{
    return tk_oom_check(xmlSetNsProp(n, ns, name, value));
}
static inline xmlNodePtr tk_xnew_doc_text(xmlDocPtr doc, const xmlChar *text)
{
    return tk_oom_check(xmlNewDocText(doc, text));
}

/* ================================================================ shared =========== */

/* A run of transcript text handed to the inline pass: the bytes of one or more source lines
 * joined by '\n' (continuation lines of one paragraph, lines of a verse speech are NOT joined:
 * each `l` gets its own span), and where each line starts in the source. `text` is valid
 * UTF-8 without characters XML forbids (the reader removed and reported those). */
typedef struct tk_span {
    const char *text;
    size_t len;
    size_t n_lines;            /* >= 1 */
    const size_t *line_start;  /* n_lines offsets into text where each source line begins */
    const unsigned *line_no;   /* n_lines 1-based source line numbers */
    const unsigned *line_col;  /* n_lines 1-based source columns of each line's first byte */
} tk_span;

/* Parsing with hooks (validate's streaming, tools/xmlsafe.c): start is called once an
 * element's start tag is in the tree (its attributes and ancestors in place), end once its
 * end tag is; after end returns, the element and the nodes before it in its parent are
 * freed, so the tree never holds more than the open elements and the character nodes after
 * their last element child. */
typedef struct tk_xml_hooks {
    void (*start)(void *arg, xmlNodePtr el);
    void (*end)(void *arg, xmlNodePtr el);
    void *arg;
} tk_xml_hooks;
/* Parses path as tk_xml_read_file does (no XInclude), calling hooks as it goes. Returns the
 * document (its root element, without the content already freed) or NULL as
 * tk_xml_read_file; then the hooks' findings are void (not well-formed, refused). */
xmlDocPtr tk_xml_stream_file(const char *path, const tk_xml_hooks *hooks, tk_diag *d);

/* Copies libxml2's message of e (or `fallback` when it has none) into buf without its
 * trailing newline; returns buf. Every module that reports libxml2/libxslt errors uses it. */
const char *tk_xml_error_text(const xmlError *e, const char *fallback, char *buf, size_t size);

/* The caller's libxml2/libxslt error handlers (xmlhost.c). A library function that installs
 * its own saves them first and restores them before it returns: the host program's
 * handlers are never left reset. libxml2's structured and generic ones are per thread;
 * libxslt's generic one is process-wide: save with `xslt` set before setting it, which also
 * makes other threads that do the same wait until the restore. */
typedef struct tk_xml_handlers {
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    int xslt_locked;
    xmlGenericErrorFunc xslt;
    void *xslt_ctx;
} tk_xml_handlers;
void tk_xml_handlers_save(tk_xml_handlers *h, int xslt);
void tk_xml_handlers_restore(const tk_xml_handlers *h);
/* Initialises libxml2 once per process (any thread may call it; every entry point that parses
 * does). */
void tk_xml_init(void);

/* malloc for a large buffer allocated at its final size (the input, its lines, the output):
 * where the kernel offers transparent huge pages, asks for them (far fewer page faults; no
 * use for a buffer that realloc grows step by step). Free with free(). */
void *tk_malloc_big(size_t n);
/* The base name of path (after its last '/'), a pointer into path: what an output may name
 * (a local path is never written into a TEI, HTML or text output). */
const char *tk_base_name(const char *path);
/* Makes room in array *v (n elements used, *cap allocated, each `size` bytes) for one more,
 * doubling from `first`. Returns 0 (out of memory aborts: tk_alloc.h). */
int tk_grow(void **v, size_t *cap, size_t n, size_t size, size_t first);
/* Tests only: when set, tk_write_file_atomic calls it with the temporary file's path once
 * the file exists and the signal cleanup is armed. NULL otherwise. */
extern void (*tk_io_write_hook)(const char *tmp_path);

/* Source line and column (1-based, column in characters) of byte `off` of span->text. */
void tk_span_pos(const tk_span *span, size_t off, unsigned *line, unsigned *col);
/* Where tk_span_pos_at last counted to (zero-initialise; one cursor per span). */
typedef struct tk_span_cursor {
    int valid;
    size_t line, off; /* line index in the span, byte offset reached */
    unsigned col;     /* column at off */
} tk_span_cursor;
/* The same, counting on from *cur when off is on the same line at or after it: positions
 * asked for left to right cost O(span) in all instead of O(line) each. */
void tk_span_pos_at(const tk_span *span, size_t off, tk_span_cursor *cur, unsigned *line,
                    unsigned *col);

/* Appends s[0..n) (up to a NUL in it) to buf of `size` bytes holding k, cut to fit as snprintf
 * cuts; buf stays terminated. Returns the new length. What "%.*s" formats, without snprintf's
 * format parsing on the converter's hot paths (span.c). */
size_t tk_strput(char *buf, size_t size, size_t k, const char *s, size_t n);

typedef struct tk_rules tk_rules;         /* the bracket rule table (rules.c) */
typedef struct tk_persons tk_persons;     /* personography + name matcher (persons.c) */
typedef struct tk_footnotes tk_footnotes; /* note texts by number (footnotes.c) */
typedef struct tk_inline tk_inline;       /* the inline pass's own state (inlines.c) */
typedef struct tk_ser tk_ser;             /* a serializer (serialize.c) */

/* State of one conversion (one output TEI document), owned by convert.c. The inline side
 * reads the fields; only the fields marked "inline side" are written by it. */
typedef struct tk_conv {
    tk_diag *diag;
    const char *file;                 /* input name for messages */
    const struct tk_convert_opts *opts;
    xmlDocPtr doc;
    xmlNsPtr ns;                      /* the TEI namespace, declared on the root */
    tk_rules *rules;                  /* never NULL during the inline pass */
    tk_persons *persons;              /* never NULL; may hold no names */
    struct tk_places *places;         /* places and organisations (places.c); NULL: none */
    tk_footnotes *footnotes;          /* never NULL; may hold no notes (inline side fills it
                                         from the notes section the block side hands over) */
    tk_inline *inl;                   /* never NULL during the inline pass: its own state
                                         (elements filled, timeline points, buffers) */
    int explain;                      /* report decisions as TK_NOTE */
    /* inline side: what it found, for the header */
    unsigned n_sic, n_expan, n_supplied, n_gloss, n_gap, n_unclear, n_events, n_pb,
        n_footnotes, n_dates, n_timestamps;
    xmlNodePtr timeline;              /* created on demand by the inline side (anchor/@synch) */
    xmlNodePtr text;                  /* the text element of the document being built */
    char id_prefix[24];               /* put into the ids the inline side makes ("d2-" in
                                         the second document of a corpus, else "") */
    tk_ser *stream;                    /* block side: when not NULL, finished parts of the body
                                         are written here and freed while it is built */
    int tei_depth;                    /* the indentation depth the TEI will be written at */
    unsigned flush_every;             /* streaming: write the finished part of the body every
                                         so many blocks (0: tei.c's default, 16) */
    char doc_year[5];                 /* the year of the document's date once its dateline is
                                         read ("" before): --infer-years */
    void *block_private;              /* block side's own state */
    void *tei_scratch;                /* tei.c's span buffers, kept from one document to the
                                         next of a corpus (freed by tk_tei_scratch_free) */
    struct {                          /* tk_el: element names (by the caller's pointer, */
        const char *name;             /* mostly string literals) as interned in `dict` */
        const xmlChar *interned;
        xmlDictPtr dict;
    } el_names[64];
} tk_conv;

/* A holding collector (diag.c): what is reported to it waits, in order, and goes to target
 * (counted, limited, delivered as if reported there then) at tk_diag_release; reports after
 * that go straight to target. For a thread whose messages must follow another's (convert.c:
 * the builder's after the block parser's). Free with tk_diag_free (which releases). */
tk_diag *tk_diag_hold(tk_diag *target);
void tk_diag_release(tk_diag *d);

/* Creates element `name` in the TEI namespace as the last child of parent (parent may be
 * NULL: a free node). Never returns NULL (out of memory aborts). */
xmlNodePtr tk_el(tk_conv *cv, xmlNodePtr parent, const char *name);
/* Appends text (len bytes) to parent, merging with a preceding text node. */
void tk_text(xmlNodePtr parent, const char *text, size_t len);

/* ========================================================== inline side ============ */

/* Appends to `parent` the TEI for one run of text: plain text plus the inline elements that
 * the rule table recognises, footnote markers, dates, persons. Never fails: what it cannot
 * classify it keeps as text with a warning. */
void tk_inline_append(tk_conv *cv, xmlNodePtr parent, const tk_span *span);

/* Loads the built-in bracket rules, then `path` (may be NULL). NULL on error (reported). */
tk_rules *tk_rules_new(const char *path, tk_diag *d);
void tk_rules_free(tk_rules *r);

/* The inline pass's state: one per conversion, held by the driver (cv->inl) beside the notes
 * store. tk_inline_reset forgets one document's state (elements filled, timeline points)
 * and keeps the buffers for the next document. */
tk_inline *tk_inline_new(void);
void tk_inline_free(tk_inline *in);
void tk_inline_reset(tk_inline *in);
/* After the body is built: fills the note texts of the notes store (footnotes.c) through the
 * inline pass (each joined to the last marker with its number before it in the source; a
 * text without marker kept in the notes division, or at the end of the element before it in
 * a fragment), the notes store then warns about markers without text, and places the
 * timeline (cv->timeline) as the first child of text/front (creating front) of cv->text. */
void tk_inline_finish(tk_conv *cv);
/* Forgets el as a filled element (the builder is about to free it). */
void tk_inline_forget_parent(tk_conv *cv, xmlNodePtr el);
/* Between blocks: when the document has no note texts, settles the footnote markers found so
 * far as tk_inline_finish would (tk_footnotes_settle) and forgets every element it holds.
 * Returns 1 when the inline side then holds no pointer into the body (a streaming converter
 * may write and free what is finished), else 0. */
int tk_inline_settle(tk_conv *cv);

/* --- the notes store (footnotes.c): note texts and the markers met in the text --- */

tk_footnotes *tk_footnotes_new(void);
void tk_footnotes_free(tk_footnotes *f);
/* Empties the store for the next document (note numbers restart), keeping its arrays. */
void tk_footnotes_reset(tk_footnotes *f);
/* Block side hands over the lines of a notes section ("Footnotes:", "Notes", a trailing run
 * of numbered lines). Each line is one span; returns 1 when the line was taken as a note. */
int tk_footnotes_add_line(tk_conv *cv, const tk_span *line);
/* 1 when the document's notes section has a note labelled s[0..len) (`58`, `12a`, `*`). */
int tk_footnotes_has_label(const tk_conv *cv, const char *s, size_t len);
/* A footnote marker met in the text: its (empty) note element, waiting for its text; the
 * marker as printed (literal) is put back as text if a weak one is unused. */
void tk_footnotes_add_marker(tk_footnotes *f, xmlNodePtr note, const char *n, size_t nlen,
                             const char *literal, size_t litlen, unsigned line, unsigned col,
                             int weak);
/* The notes store hands out the note texts to fill, and the inline pass fills them
 * (tk_inline_finish): the store calls nothing of the inline pass.
 * tk_footnotes_fill_begin sorts the markers; each tk_footnotes_fill_next (from *i = 0) joins
 * the next note text to its marker (or to a new unanchored note in the notes division, with a
 * warning), gives the element to fill as *target and the text as *sp, and returns 1 (0 when
 * none is left). *target is NULL for a text that joined no marker in a document without a
 * text element (a fragment): the caller picks a parent (by the text's line, sp->line_no[0])
 * and tk_footnotes_unanchored(cv, parent, *i - 1) makes the note there (NULL when parent is
 * NULL). tk_footnotes_fill_end settles the markers no text joined, drops empty notes and
 * frees the texts. */
void tk_footnotes_fill_begin(tk_conv *cv);
int tk_footnotes_fill_next(tk_conv *cv, size_t *i, xmlNodePtr *target, tk_span *sp);
xmlNodePtr tk_footnotes_unanchored(tk_conv *cv, xmlNodePtr parent, size_t i);
void tk_footnotes_fill_end(tk_conv *cv);
/* Between blocks: when the document has no note texts, settles the footnote markers found so
 * far as tk_footnotes_fill_end would (a weak marker back to text, the others warned about).
 * Returns 1 when the store then holds no pointer into the body, else 0. */
int tk_footnotes_settle(tk_conv *cv);

/* --- the rule table (rules.c); format and built-in rules: docs/rules.md --- */

/* What a rule makes of a bracket. TK_ENC_ELEMENT builds the element the rule names; the
 * others are built-in encoders with their own logic (inlines.c). */
typedef enum {
    TK_ENC_ELEMENT = 0, /* element + attributes + content from the rule */
    TK_ENC_SIC,         /* [sic] -> note[@type='sic'] */
    TK_ENC_SIC_CORR,    /* X [sic, should be Y] -> choice/(sic, corr) + note[@type='sic'] */
    TK_ENC_EXPAN,       /* com[munist] -> expan/ex (or supplied for a long word + [s]) */
    TK_ENC_FOOTNOTE,    /* [9], [*] -> note[@place='foot'][@n] */
    TK_ENC_TIMESTAMP,   /* [00:12:34] -> anchor[@synch] + timeline/when */
    TK_ENC_PB,          /* [Page 72] -> pb[@n] */
    TK_ENC_GAP_COUNT,   /* [2 words illegible] -> gap[@quantity][@unit][@reason] */
    TK_ENC_QUERY,       /* [they?] -> supplied[@cert='low'];  x [?] -> unclear + note */
    TK_ENC_GUESS,       /* short words: supplied vs gloss (note[@type='editorial']) */
    TK_ENC_TEXT,        /* not editorial (e-mail debris, citations): kept as text */
    TK_ENC_COUNT
} tk_enc;

#define TK_RULE_CAPS 4
/* One rule: a bracket pattern (inner glob: `*` any characters (maybe none), `#` one or more
 * digits, `\x` literal x; each wildcard is a capture $1..$4, $0 is the whole inner text). */
typedef struct tk_rule {
    char *name;
    char open, close;   /* '[' ']' or '(' ')' */
    char *pat;          /* the inner glob */
    unsigned flags;     /* TK_RF_* */
    tk_enc enc;
    char *element;      /* TK_ENC_ELEMENT: element name */
    char **attrs;       /* NULL-terminated name, value, name, value... ($N substituted) */
    int content;        /* capture for the content, -1 none */
    int origin;         /* 0 built-in, else the rules file line */
} tk_rule;

enum {
    TK_RF_NOCASE = 1,   /* letters match either case */
    TK_RF_ATTACHED = 2, /* only when the bracket follows a letter directly: com[munist] */
    TK_RF_DESC = 4,     /* content goes into a desc child (gap, vocal, incident, kinesic) */
    TK_RF_BARE = 8,     /* no @rend: the diplomatic rendering is the content only */
    TK_RF_DETACHED = 16, /* only when the bracket does not follow a letter directly */
    TK_RF_PLAY = 32      /* only in a play (tk_rules_set_play) */
};

typedef struct tk_rule_match {
    const tk_rule *rule;
    size_t cap_start[TK_RULE_CAPS + 1], cap_end[TK_RULE_CAPS + 1]; /* offsets in inner */
} tk_rule_match;

/* Finds the first rule (rules-file rules before built-in ones) whose pattern matches
 * `inner` (n bytes, between `open` and its closing bracket). `how`: 1 when the bracket
 * follows a letter directly (attached), | TK_BR_GLUED when it follows any character other
 * than a space. Returns 1 and fills *m on a match. */
enum { TK_BR_GLUED = 2 };
int tk_rules_match(const tk_rules *r, char open, const char *inner, size_t n, int how,
                   tk_rule_match *m);
/* Date order for numeric dates (3.2.1949): 0 day first (default), 1 month first. Set by the
 * rules file directive `date-order dmy|mdy` or by the caller (--date-order). */
enum { TK_DATE_DMY = 0, TK_DATE_MDY = 1, TK_DATE_DAYS = 2 /* or'd into an order: scan text
       without a four-digit number too, for days without a year (--infer-years) */ };
void tk_rules_set_date_order(tk_rules *r, int order);
int tk_rules_date_order(const tk_rules *r);
/* Rules flagged `play` apply only while this is on (the document being built is a play). */
void tk_rules_set_play(tk_rules *r, int on);
/* Number of rules (built-in + file), and rule i (for docs and tests). */
size_t tk_rules_count(const tk_rules *r);
const tk_rule *tk_rules_at(const tk_rules *r, size_t i);

/* --- dates (dates.c) --- */

/* One date found in text: bytes [start, end); ISO 8601 values (NUL-terminated; `to` empty
 * unless a range: then `when` is empty and from/to are set). */
typedef struct tk_date {
    size_t start, end;
    char when[11], from[11], to[11];
    const char *rule;   /* which pattern made it ("month-day-year", "year-range", ...;
                           "month-day": no year, when is "--MM-DD") */
} tk_date;

/* Finds dates in text, left to right, non-overlapping; calls found for each. Linear in len.
 * A date written in full whose day does not exist (February 30) is found with rule
 * "impossible" and no ISO value (when, from and to empty).
 * `order` is TK_DATE_DMY or TK_DATE_MDY for all-numeric dates. */
void tk_dates_scan(const char *text, size_t len, int order,
                   void (*found)(const tk_date *d, void *user), void *user);
/* 1 when day d of month m (1-12) of year y (1-9999) is in the Gregorian calendar. */
int tk_date_valid(unsigned y, unsigned m, unsigned d);
/* Parses a whole string as one date (a dateline): 1 and *out filled when the text, trimmed
 * of spaces and final punctuation, is one date; else 0. */
int tk_date_parse(const char *text, size_t len, int order, tk_date *out);
/* Parses an English date ("February 3, 1949", "3 February 1949", "1949-02-03") at the start
 * of s into ISO form (iso, >= 11 bytes). Returns the bytes consumed, 0 when none (also for
 * a day the calendar does not have: February 30). Both parsers
 * share one month table, digit reader and calendar (dates.c). */
size_t tk_parse_date(const char *s, size_t len, char *iso);

/* --- the inline pass (inlines.c) --- */

/* Builds anchor[@synch] for a timestamp (`00:12:34`, `-00:00:00:10`, without brackets) as the
 * last child of parent, adding a `when` to cv->timeline (created on demand). Returns the
 * anchor, or NULL when ts is not a timestamp. For block-side timestamps (`[00:12:34] NAME:`)
 * and the inline pass's (timeline.c). */
xmlNodePtr tk_timestamp_anchor(tk_conv *cv, xmlNodePtr parent, const char *ts, size_t len);
/* The inline side keeps its per-conversion state in cv->inl (the inline pass: elements
 * filled, timeline points, buffers) and cv->footnotes (the notes store: note texts,
 * markers). */

/* =========================================================== block side ============ */

/* ---- reader.c: bytes -> checked UTF-8 lines with positions ---- */
typedef struct tk_line {
    const char *s;   /* the line's bytes without its terminator (valid UTF-8, no characters
                        XML forbids) */
    size_t len;
    unsigned no;     /* 1-based source line number */
    long byte;       /* byte offset of the line's start in the input as given */
} tk_line;

typedef struct tk_lines {
    char *buf;       /* owns the text the lines point into; NULL when they point into the
                        caller's input (clean UTF-8): valid as long as that input */
    tk_line *v;
    size_t n;
} tk_lines;

/* Splits data into lines (LF, CRLF and lone CR end a line; a leading BOM is skipped). With
 * `encoding` (not NULL and not UTF-8) the input is converted with iconv first. Invalid UTF-8
 * is reported as TK_ERROR at line:col (byte offset too) and makes the call fail; characters
 * XML 1.0 forbids are reported (TK_WARNING) and dropped. Returns 0, or -1 on error (out is
 * then empty). Free with tk_lines_free. */
int tk_read_lines(const char *data, size_t len, const char *encoding, const char *file,
                  tk_diag *d, tk_lines *out);
void tk_lines_free(tk_lines *l);
/* 1-based column (in characters) of byte `off` of s. */
unsigned tk_utf8_col(const char *s, size_t off);

/* ---- blocks.c: lines -> blocks ---- */
typedef enum tk_block_kind {
    TK_B_TITLE,      /* the document's title line (head of the body, title in the header) */
    TK_B_HEAD,       /* a section heading: opens a div */
    TK_B_DATELINE,   /* opener/dateline */
    TK_B_OPENER,     /* a short line before the title (a file number): opener/seg */
    TK_B_P,          /* paragraph (inside a speaker turn when one is open) */
    TK_B_ITEM,       /* list item; label = the printed marker */
    TK_B_TURN,       /* speaker turn: label = the speaker as printed; text after it */
    TK_B_TIMESTAMP,  /* a timestamp on its own line, belongs to the next turn */
    TK_B_MILESTONE,  /* Spacelog "_page : 9" / "_tape : x": label = key, text = value */
    TK_B_COMMENT,    /* transcriber's comment line "# ..." */
    TK_B_STAGE,      /* stage direction (play) or a whole parenthesised paragraph */
    TK_B_ACT,        /* play: act heading (text = the heading without the stars) */
    TK_B_SCENE,      /* play: scene heading */
    TK_B_SPEAKER,    /* play: speaker name alone on its line */
    TK_B_L,          /* play: one printed line of speech */
    TK_B_NOTES_HEAD, /* "Footnotes:" / "Notes" */
    TK_B_NOTE,       /* one line of a notes section, handed to tk_footnotes_add_line */
    TK_B_SALUTE,     /* a letter's salutation at its top: opener/salute */
    TK_B_CLOSE,      /* a closing formula before the signature: closer/salute */
    TK_B_SIGNED,     /* the signature at the end: closer/signed */
    TK_B_CLOSE_SEG,  /* a line after the signature (addressee): closer/seg */
    TK_B_ROSTER_HEAD, /* "Present:": list[@type='participants']/head */
    TK_B_ROSTER_ITEM, /* one name of the roster: list[@type='participants']/item */
    TK_B_POSTSCRIPT,  /* a paragraph after a letter's signature: postscript/p */
    TK_B_ROW,         /* one line of TAB-separated cells: table/row/cell */
    TK_B_CAST_HEAD,   /* play: a cast list heading ("Dramatis Personae"): castList/head */
    TK_B_CAST_ITEM,   /* play: one role of the cast list: castItem (role, roleDesc) */
    TK_B_KIND_COUNT
} tk_block_kind;

/* A block: lines [line, line + n_lines) of tk_lines; its text starts `off` bytes into the
 * first line (after a label or marker); label (if any) is `label_len` bytes at `label_off` of
 * the first line. */
typedef struct tk_block {
    tk_block_kind kind;
    size_t line, n_lines;
    size_t off;
    size_t label_off, label_len;
    size_t name_off, name_len; /* turns and speakers: the name in the label (for @who; 0 when
                                  the label is the name) */
    unsigned flags;            /* TK_BF_* */
    size_t lead_stage;         /* turns of a play: the bytes at `off` that are a direction
                                  without brackets ("Aside."), 0 none */
    const char *divtype;       /* TK_B_ACT: the div's type when not "act" ("prologue") */
    unsigned level;            /* TK_B_ITEM: how deep its list is nested (0: not nested) */
} tk_block;
/* How deep lists nest in a record (`1.`, `(a)`, `(i)`). */
#define TK_LIST_DEPTH 4

enum {
    TK_BF_ROLE = 1,    /* the speaker is a role (QUESTION, ?): no @who */
    TK_BF_BETWEEN = 2, /* a stage or paragraph that stands between turns: closes the turn */
    TK_BF_VERSE = 4,   /* a turn whose speech is verse: its first line is an l */
    TK_BF_JOINT = 8,   /* the speakers are the names of the label's name (tk_joint_parts):
                          a joint label, or a voice offstage ("Voice of Trofimov") */
    TK_BF_PART = 16,   /* the first block of a part of a record with enclosures: opens
                          div[@type=divtype] in the body ("document", "enclosure") */
    TK_BF_ITEM_WORD = 32, /* an item whose marker stays in its text (`Article 2.`, `“1.`): no
                             label */
    TK_BF_ITEM_MORE = 64, /* a further paragraph of the list item before it: item/p (a
                             row: its table is inside that item) */
    TK_BF_BRACE = 128, /* a cast item joined to its neighbours by a brace ("}"): castGroup */
    TK_BF_BRACE_OPEN = 256, /* the first item of such a group */
    TK_BF_LINE_N = 512,       /* a verse line that prints its number (label_off/len: the
                                 digits) at its end: l/@n */
    TK_BF_LINE_N_START = 1024, /* ... at its start */
    TK_BF_CLASS = 2048, /* an opener line that is a classification: note[@type='classification'] */
    TK_BF_SCHEDULE = 4096, /* a roster head or item that is a line of a programme: list[@type='simple'] */
    TK_BF_QUOTE = 8192, /* a quoted paragraph of the paragraph before it (which leads in with a
                          colon): p/quote[@rend='blockquote']/p */
    TK_BF_COLUMNS = 16384, /* a closer line of signature blocks side by side, or a table row
                              typed with spaces: one element per column (columns apart by a
                              TAB or TK_TH_COLUMN_GAP_SPACES spaces or more) */
    TK_BF_INNER = 32768, /* with TK_BF_QUOTE: a list or table the paragraph before it leads in
                            to with a colon, inside that paragraph (p/list), not quoted */
    TK_BF_JOIN = 65536 /* a paragraph that goes on the paragraph before it (broken in the middle
                          of a sentence by a page break or a blank line): one p, the page
                          breaks between inside it */
};

/* Header metadata gathered from front matter, the trailing "Document Information" block,
 * Source lines and --meta: key (lower case: title, date, author, translator, editor,
 * source, archive, language, rights, summary, type, publisher, interviewer, interviewee...)
 * and value; `line` is the source line (0 for --meta). */
typedef struct tk_meta {
    char *key, *value;
    unsigned line;
} tk_meta;

typedef struct tk_docblocks {
    tk_block *b;
    size_t n, cap;
    tk_meta *meta;
    size_t n_meta, cap_meta;
    size_t first_line, end_line;  /* the document's lines */
} tk_docblocks;

/* One paragraph over a string, for discovery passes called with text instead of a parsed
 * document: the line, the lines, the block and the block list they read. Points into the
 * text (and into itself: do not copy it); nothing to free. */
typedef struct tk_text_para {
    tk_line line;
    tk_lines lines;
    tk_block block;
    tk_docblocks doc;
} tk_text_para;
void tk_text_para_init(tk_text_para *t, const char *text, size_t len);

typedef struct tk_blocks {
    tk_shape shape;               /* detected or forced */
    tk_docblocks *doc;            /* one per document (separator lines split them) */
    size_t n_docs, cap_docs;
    char *corpus_title;           /* a lone heading before the first separator, or NULL */
    unsigned corpus_title_line;
} tk_blocks;

/* Parses lines into documents of blocks. Reports notes (dropped debris, decisions) and
 * warnings through d. `corpus_title`: 1 when a lone first line before at least two documents
 * may title the teiCorpus, 0 when each document is written alone (--split: that line is then
 * a document of its own, so nothing is lost). `rules` (may be NULL) extends the speaker-label
 * word tables. Returns NULL only when out of memory. Free with tk_blocks_free. */
tk_blocks *tk_blocks_parse(const tk_lines *lines, tk_shape shape, const tk_rules *rules,
                           const char *file, int explain, int corpus_title, tk_diag *d);
/* The same, calling ready(user, B, n) each time document n - 1 is complete (B->doc[0..n) are
 * then final and B->doc never moves; B->shape and B->corpus_title are set from the first
 * call on): another thread may build the documents while the rest is parsed (convert.c).
 * Out of memory, B is reported and returned all the same (the documents handed over stay). */
tk_blocks *tk_blocks_parse_ready(const tk_lines *lines, tk_shape shape, const tk_rules *rules,
                                 const char *file, int explain, int corpus_title, tk_diag *d,
                                 void (*ready)(void *user, tk_blocks *B, size_t n), void *user);
void tk_blocks_free(tk_blocks *b);
/* Adds (or replaces, when `replace`) a metadata entry; copies key and value. */
void tk_meta_set(tk_docblocks *db, const char *key, const char *value, size_t vlen,
                 unsigned line, int replace);
/* The value of key, or NULL. */
const char *tk_meta_get(const tk_docblocks *db, const char *key);
/* The offset of the first capital A-Z in t[i..len), len when none (places.c). */
size_t tk_next_upper(const unsigned char *t, size_t i, size_t len);
/* The first occurrence of needle[0..n) in hay[0..len), NULL when none (n == 0: hay); as
 * memmem, which C11 lacks (places.c). */
const char *tk_find_bytes(const char *hay, size_t len, const char *needle, size_t n);
/* 1 when t[0..len) holds four ASCII digits in a row (a year), else 0 (places.c). */
int tk_digit_run4(const char *t, size_t len);

/* ---- speakers.c: the speaker-label grammar (docs/convert.md "Speaker labels") ---- */
/* Word tables: roles (speakers that are not persons), words that never open a label
 * (headings, rosters, salutations), cues of unbracketed stage directions. A rules file adds
 * to them (label-role, label-not, stage-cue, event lines; docs/rules.md). */
enum { TK_WORDS_ROLE, TK_WORDS_NOT_LABEL, TK_WORDS_STAGE, TK_WORDS_EVENT, TK_WORDS_COUNT };
/* The phrases a rules file added to table `kind` (n in *n; owned by r). */
const char *const *tk_rules_words(const tk_rules *r, int kind, size_t *n);

typedef struct tk_speakers tk_speakers;
/* The built-in tables plus those of rules (may be NULL). NULL when out of memory. Free with
 * tk_speakers_free (rules must outlive the result). */
tk_speakers *tk_speakers_new(const tk_rules *rules);
void tk_speakers_free(tk_speakers *g);
/* 1 when s[0..n) is a phrase of table `kind` (ignoring case; "X *" entries match a prefix). */
int tk_speakers_word(const tk_speakers *g, int kind, const char *s, size_t n);
/* Length of the stage cue s starts with (case as printed, at a word end), 0 when none. */
size_t tk_speakers_stage_cue(const tk_speakers *g, const char *s, size_t n);
/* Length of the phrase of table `kind` that s starts with (case as printed, at a word end),
 * 0 when none: tk_speakers_stage_cue is the stage-cue table's. */
size_t tk_speakers_opening(const tk_speakers *g, int kind, const char *s, size_t n);
/* The names of a joint speaker label s[0..n) ("Anna and Boris", "JACK AND ALGERNON",
 * "Ros, Guil & Osric"): the parts between " and ", " & " and ","; with no such separator
 * and by_words, its words ("ANNA BORIS", the Moby layout). Writes at most max [start, end)
 * offset pairs to part (a closing '.' or ':' and spaces trimmed); returns their count. */
size_t tk_joint_parts(const char *s, size_t n, int by_words, size_t (*part)[2], size_t max);
/* 1 when every word of s[0..n) can be a word of a name: it starts with a capital or a
 * digit, or is a particle or "the" ("Ghost of Caesar", "CINNA THE POET"); "This way will I"
 * is a line of verse, not a speaker. */
int tk_name_words(const char *s, size_t n);
/* 1 when s[0..n), the words between the underscores of an e-book's _italics_ inside a
 * speech, is a stage direction rather than emphasis: a sentence ("_Smiling._"), a stage cue
 * of either case ("_laughs_"; r's stage-cue lines first, r may be NULL), or a present-tense
 * verb or a participle opening two words or more ("_puts her arm round Anya_"); a verb,
 * participle or manner adverb alone ("_coughing_", "_dreamily_") only when clause_end says
 * that no lower-case word follows the closing underscore. */
int tk_italic_direction(const tk_rules *r, const char *s, size_t n, int clause_end);

/* Label forms (a mask of those to accept is passed to tk_speaker_label). */
enum {
    TK_LF_COLON = 1,   /* NAME: text, Name: text, **Name:** text, CDR (EVA): text */
    TK_LF_PERIOD = 2,  /* Name.  text / ROPER. (plays) */
    TK_LF_TAB = 4,     /* Name<TAB>text (table rows) */
    TK_LF_SPACED = 8,  /* NAME<two spaces or no-break space>text, Q<spaces>text */
    TK_LF_BARE = 16,   /* NAME alone on its line, no terminator (plays) */
    TK_LF_ALONE = 32,  /* with any form above: nothing follows the label on its line */
    TK_LF_HEARING = 64, /* (for the block side) a period after a hearing's label is enough */
    TK_LF_CHAT = 128    /* a chat log's "<nick> text" or action "* nick text" after a time */
};
typedef struct tk_label {
    size_t lab_off, lab_len;   /* the label as printed (markup, terminator and the no-break
                                  spaces after it included) */
    size_t name_off, name_len; /* the name: no markup, qualifier or terminator */
    size_t text_off;           /* where the speech starts (the line's length when none) */
    unsigned form;             /* one TK_LF_* form, | TK_LF_ALONE */
    unsigned words;            /* words of the name */
    int caps;                  /* no lower-case ASCII letter in the name */
    int role;                  /* the name is a role (QUESTION, ?), not a person */
    int wide;                  /* a wide gap (2+ spaces, tab, no-break space) follows */
    int hearing;               /* Q, A, or a title and a name in capitals ("Mr. SMITH"): with a
                                  period, the label of a hearing or a deposition */
} tk_label;
/* 1 when line s[0..n) opens with a speaker label of one of `forms` (a timestamp
 * "[00:12:34] " or a column stamp "00 00 01 02 " may stand before it); fills *out. Headings and rosters (label-not words,
 * "ITEM 1.") are refused. */
int tk_speaker_label(const tk_speakers *g, const char *s, size_t n, unsigned forms,
                     tk_label *out);
/* A time printed in columns at the start of s[0..n): three or four groups of digits (day,
 * hour, minute, second: "00 00 01 02", "02 14 09"; the first of 1 to 3 digits, the others
 * of 2) between spaces or tabs. Returns the bytes of the stamp (0 when none) and writes its
 * colon form ("00:00:01:02") into colon (size bytes, NUL-terminated). */
size_t tk_column_stamp(const char *s, size_t n, char *colon, size_t size);

/* ---- shape.c: which shape a text has, from weighted evidence ---- */
typedef struct tk_shape_info {
    tk_shape shape, runner_up;  /* the winner and the next best */
    int score, runner_score;    /* their points */
    size_t paragraphs;
    unsigned forms;             /* TK_LF_* label forms the body accepts */
    int mixed_ok;               /* mixed-case labels ("Stony:") are turns */
    int play_indented;          /* a play whose speeches are indented under the name */
    size_t para_indent;         /* paragraphs open with this indent, a label after it (0: no) */
    int centred;                /* a screenplay: names centred alone, the speech under them */
    size_t line_numbers;        /* lines opening with a printed line number counting up */
    char evidence[512];         /* "labelled paragraphs transcript +87, ..." */
    char counts[512];           /* the raw counts */
} tk_shape_info;
/* Weighs the evidence of lines [from, L->n) (at most the first 2 MB). */
void tk_shape_detect(const tk_lines *L, size_t from, const tk_speakers *g, tk_shape_info *out);
const char *tk_shape_name(tk_shape s);
/* The shape as a noun phrase with its article, for messages: "a play", "captions". */
const char *tk_shape_phrase(tk_shape s);
/* Line helpers shared by the block side: only blanks / the indentation's length. */
int tk_line_blank(const tk_line *l);
size_t tk_line_indent(const tk_line *l);
/* A timestamp alone on its line: "[00:00:02:08]", "[-00:00:00:10]". */
int tk_timestamp_line(const char *s, size_t n);
/* A play's division heading ("ACT I", "**** SCENE II. A room. ****", "FIRST ACT", "Act I",
 * "SCENE", "PROLOGUE", also indented or centred): 1 act, 2 scene, 3 prologue/epilogue/
 * induction, 0 none; the heading's text (without indentation and decoration stars) is
 * s[*a..*b). */
int tk_play_heading(const char *s, size_t n, size_t *a, size_t *b);
/* A "Key: value" field (Age: 84, Chair: Dr. Marc Susser, Office of the Historian) rather
 * than speech after a mixed-case label: the line ends without a sentence's punctuation. */
int tk_field_line(const tk_line *l, const tk_label *lab);
/* Counts of names (case folded; a capped table: counting stays linear). */
typedef struct tk_names tk_names;
tk_names *tk_names_new(void);
void tk_names_free(tk_names *t);
/* Counts one more of s[0..n); returns the count so far. */
unsigned tk_names_add(tk_names *t, const char *s, size_t n);
unsigned tk_names_get(const tk_names *t, const char *s, size_t n);
/* 1 when the line is a cast list heading ("Dramatis Personae", "Characters in the Play"). */
int tk_cast_heading(const char *s, size_t n);

/* ---- tei.c / header.c: the TEI tree of one document ---- */
/* What the body tells the header. */
typedef struct tk_docinfo {
    char *title;            /* the title line's text (malloc'd) or NULL */
    unsigned title_line;
    char when[16];          /* ISO date of the dateline ("" when none) */
    char *date_text;        /* the date as printed (malloc'd) or NULL */
    tk_shape shape;
    int in_corpus;          /* persons are listed in the corpus header instead */
    size_t doc_no;          /* 1-based number of the document in a corpus, 0 when alone */
    unsigned first_line;    /* the document's first source line */
    unsigned n_turns, n_stage, n_items, n_heads, n_notes_lines, n_notes_kept;
} tk_docinfo;

/* Builds <text> (body, and back for notes lines the footnotes module did not take) of one
 * document under `tei`, running the inline pass over every text-bearing element. */
/* Frees what tk_tei_build_text keeps in cv between documents (cv->tei_scratch). */
void tk_tei_scratch_free(tk_conv *cv);
void tk_tei_build_text(tk_conv *cv, const tk_lines *L, const tk_docblocks *db, xmlNodePtr tei,
                       tk_docinfo *info);
/* Fills the (empty) teiHeader element from the metadata, the body's findings and the
 * persons used. */
void tk_header_build(tk_conv *cv, xmlNodePtr header, const tk_docblocks *db,
                     const tk_docinfo *info);
/* Adds <particDesc><listPerson> of the persons used (all_docs: in any document) under
 * profileDesc; nothing when none was used. */
void tk_header_persons(tk_conv *cv, xmlNodePtr profileDesc, int all_docs);
/* Sets xml:id on node. */
void tk_set_xml_id(xmlNodePtr node, const char *id);

/* ---- captions.c: WebVTT and SRT ---- */
/* 1 when the input is captions: it begins with WEBVTT, or with an SRT cue (a number alone on
 * its line, then a `00:00:01,000 --> 00:00:04,000` line). */
int tk_captions_detect(const tk_lines *L);
/* Builds <text> of a captions file under `tei`: the timeline in front, a turn (sp[@n]) per
 * cue with anchors to its start and end, voices (<v Name>) as persons in @who; the header,
 * NOTE and other blocks kept as printed. Counts the turns in info. */
void tk_captions_build_text(tk_conv *cv, const tk_lines *L, xmlNodePtr tei, tk_docinfo *info);
/* Header lines of a WebVTT file that the teiHeader has a place for (`Language: en`) into db's
 * metadata (not replacing what is there). */
void tk_captions_meta(const tk_lines *L, tk_docblocks *db);

/* --spoken (spoken.c). tk_spoken_on: whether a document of this shape is written as speech
 * (every shape but a play, when o->spoken). tk_spoken_turn rewrites the finished turn sp in
 * place as u (moved into a new annotationBlock, in sp's place, when it has a time: start and
 * end are "#id" pointers into the timeline, or NULL; start NULL: the time anchor printed
 * first in the turn, if any). Nodes are renamed and moved, none freed. tk_spoken_event
 * rewrites a stage direction as incident/desc (one holding a note or page break stays). */
int tk_spoken_on(const tk_conv *cv, tk_shape shape);
void tk_spoken_turn(tk_conv *cv, xmlNodePtr sp, const char *start, const char *end);
void tk_spoken_event(tk_conv *cv, xmlNodePtr stage);
/* Timed turns in a row: u (just rewritten by tk_spoken_turn) opens a new annotationBlock
 * with a start time: the block before it (*last) ends there (@end), unless the times run
 * backwards; *last becomes u's block, or NULL when u has no time of its own. */
void tk_spoken_chain(xmlNodePtr *last, xmlNodePtr u);

/* ---- lists.c: list markers at the start of a line ---- */
enum { TK_LM_BULLET = 1, TK_LM_DIGIT, TK_LM_LETTER, TK_LM_ROMAN, TK_LM_WORD };
/* A list marker: its kind (TK_LM_*), its closing punctuation (`.`, `)`, `(` for a marker in
 * parentheses, the bullet character), its value (`(c)` 3, `iv.` 4, `Article 2.` 2), the
 * value of a letter marker read as a roman numeral (`i`, `v`, `x`; 0 when none), upper case,
 * the number word (TK_LM_WORD: an index of lists.c's table, -1 an ordinal `First.`). */
typedef struct tk_lmark {
    size_t mlen; /* the marker's bytes from the start of the line (with a colon after it) */
    size_t text; /* where the item's text starts: after the marker and its spaces; 0 for a
                    word marker (it stays in the text); the line's length for a marker alone */
    int kind;
    char close;
    int num, rom, upper, word;
    int quoted; /* after an opening quotation mark (`“1.`): it stays in the text, as the number */
    int weak;   /* opens no list by itself (tk_list_marker_first): an upper-case roman numeral
                   alone on its line (`I`: a section number) or before a period (`I. Smith`
                   is also an initial); it continues an open list, or opens one when the next
                   marker follows it (`I. ...` then `II. ...`) */
} tk_lmark;
/* The list marker that line s[0..n) starts with (`1.`, `1)`, `(a)`, `a)`, `(iv)`, `(B)`,
 * `2d.`, `(6):`, `-`, `*`, `•`, `Article 2.`, `First.`, `“1.`): 1 and *m, else 0. A number of four
 * digits (a year), a word of letters that is no roman numeral and upper-case letters outside
 * parentheses (initials) are no markers. */
int tk_list_marker(const char *s, size_t n, tk_lmark *m);
/* 1 when marker cur numbers the item after prev's (`(b)` after `(a)`, `ii.` after `i.`,
 * `Article 3.` after `Article 2.`, a bullet after a bullet): same kind and punctuation. */
int tk_list_marker_follows(const tk_lmark *prev, const tk_lmark *cur);
/* 1 when m can open a list: a bullet or the first number (`1.`, `(a)`, `i)`, `First.`),
 * not a weak marker (`I` alone, `I. ...`). */
int tk_list_marker_first(const tk_lmark *m);
/* The first number of numbered paragraphs printed inside a paragraph's opening, after a
 * telegram's serial number or a salutation (`268. 1. Yesterday ...`, `Sir: (1) In my last
 * letter ...`, `“7. First. We defer ...`): 1 and *m (`1.`, `(1)`, `(a)`, `First.`), else 0. The paragraphs numbered after it
 * (`2.`, `(2)`) are paragraphs too, not a list without its first item. */
int tk_list_glued_first(const char *s, size_t n, tk_lmark *m);
/* A line of a programme, agenda or schedule: a clock time or a range of two at its start
 * (`9:00-9:55:`, `10:30 a.m. –`, `14.00 -`), then a colon or a dash and the entry's words;
 * where those words start, 0 when the line is none. */
size_t tk_schedule_time(const char *s, size_t n);

/* ---- records.c: what a line of an archival record says about the record ---- */
/* A file number line (`722.2315/819`, `File No. 861.51/264`, `724.3415/3536: Telegram`):
 * the end of the number (the type follows after ": "), its offset and length; 0 when the
 * line is no file number. */
size_t tk_rec_file_number(const char *s, size_t len, size_t *num_off, size_t *num_len);
/* The document type a title starts with ("Memorandum", "Telegram", "Minutes" ...), maybe
 * after a document number (`7. `): (offset << 16) | length, or 0. */
size_t tk_rec_doc_type(const char *s, size_t len);
/* The author a title names ("Memorandum by X", "Memorandum From X to Y", "The Minister in
 * Bolivia (Des Portes) to the Secretary of State"): 1 and its offset and length, else 0. */
int tk_rec_author(const char *s, size_t len, size_t *off, size_t *alen);
/* Removes footnote markers (`[12]`, `[12a]`, `[*]`) from s in place: a title or an author
 * in the header is text without its notes. */
void tk_rec_strip_markers(char *s);
/* A letter's salutation line (`Sir:`, `Dear Judge Smith:`, `Gentlemen,`): 1, else 0. */
int tk_rec_salutation(const char *s, size_t len);
/* A closing formula (`I have the honor to be, Sir, Your obedient servant,`, `I have
 * [etc.]`, `Sincerely yours,`): 1, else 0. */
int tk_rec_closing(const char *s, size_t len);
/* 1 when s is a telegram's number and the message it answers, alone (`41. My 39, April 6,
 * 4 p.m.`, `289. Department's No. 101, October 5, 8 p.m.`): the run-in start of the
 * telegram's first paragraph. */
int tk_rec_telegram_reference(const char *s, size_t len);
/* A signature line: a short name of capitalised words (`Des Portes`, `W. R. Castle, Jr.`,
 * `Charles de Gaulle`), no digits: 1, else 0. */
int tk_rec_signature(const char *s, size_t len);
/* A signer's office line under the name (`Secretary of State`, `American Ambassador`,
 * `Counselor of Embassy`, `Acting Secretary of the Navy.`): capitalised words and linking
 * words (of, the, for...) only, at least one an office word, no digits: 1, else 0. */
int tk_rec_office_line(const char *s, size_t len);
/* 1 when a line says for whom the signature under it is given ("For the Secretary of
 * State:", "By order of:"): it belongs to the closer. */
int tk_rec_signing_for(const char *s, size_t len);
/* 1 when a bracketed line stands for a signature: a name in brackets ("[Francis]") or a
 * statement that the copy is unsigned ("[File copy not signed.]"). */
int tk_rec_bracket_signature(const char *s, size_t len);
/* 1 when a line is a seal's mark alone, in brackets or parentheses (`[seal.]`, `[l. s.]`,
 * `(L.S.)`): in a closer, before the signature it seals. */
int tk_rec_seal_line(const char *s, size_t len);
/* An outline heading: a label word and its number, maybe a short title (`ITEM 7.`, `Agenda
 * item 1.A.: Opening remarks`, `PART II`): 1, else 0. */
int tk_rec_outline_heading(const char *s, size_t len);
/* A line that is a person's name, as a signature is (`Geo. D. Emery`, `Henri de Bayle`,
 * `James Brown`: an initial, an abbreviated given name, a particle, or a census given name
 * first): 1, else 0. */
int tk_rec_person_line(const char *s, size_t len);
/* A classification or handling line at the top of a record (`SECRET`, `MOST SECRET`,
 * `Confidential`, `LIMITED OFFICIAL USE`, `Secret; Nodis`): 1, else 0. */
int tk_rec_classification(const char *s, size_t len);
/* A publication series number printed over a document (`Treaty Series No. 898`, `Executive
 * Agreement Series No. 64`): 1, else 0. It is no title. */
int tk_rec_series_number(const char *s, size_t len);
/* A numbered document heading of a compilation (`7. Memorandum From A to B`, `264 Note of
 * Meeting of ...`): 1 and the number in *num, else 0. */
int tk_rec_numbered_heading(const char *s, size_t len, long *num);
/* A roster label line (`Present:`, `PRESENT`, `Participants:`, `Also present:`): 1, else 0. */
int tk_rec_roster_label(const char *s, size_t len);
/* A line of a roster without label: a name of 2-4 capitalised words or initials, maybe an
 * office after a comma (`Armin H. Rappaport, Professor of History`): 2 when the name has an
 * initial, 1 when not, 0 when the line is no such entry. */
int tk_rec_roster_entry(const char *s, size_t len);
/* The title of an enclosed paper, where a dateline follows (`Captain Watson to Mr.
 * Herbert.`, `The Minister (X) to the Secretary of State`, `Memorandum.`): 1, else 0. */
int tk_rec_enclosure_title(const char *s, size_t len);
/* A copyist's or translator's certificate under a signed paper (`This is a true copy.`, `I
 * certify the above to be a true translation.`, `A true copy. Managua, April 3, 1894.`): a
 * short statement whose first sentence says true/correct/faithful copy or translation: 1,
 * else 0. */
int tk_rec_certification(const char *s, size_t len);
/* A line that is only a document type, maybe qualified (`Telegram`, `TELEGRAM SENT`,
 * `Telegram Received.`, `Paraphrase of Telegram`, `Airgram`): 1, else 0. Over a title it is
 * no title: an opener line. */
int tk_rec_type_line(const char *s, size_t len);
/* A signer's line of a treaty's signature block: a signature, maybe with a seal after it
 * (`Albert Hartley [seal]`, `R. J. Castellan (L.S.)`): 1, else 0. */
int tk_rec_signer_line(const char *s, size_t len);
/* records.c: the parse's memo of line tests (tk_rec_memo_begin/_end around a parse, per
 * thread): the answer of question q for s[0..len) as test gives it, kept for the lines of
 * the parsed text. */
enum {
    TK_MEMO_DATELINE, TK_MEMO_SIGNATURE, TK_MEMO_CLOSING, TK_MEMO_SERIES_NUMBER,
    TK_MEMO_COUNT
};
void tk_rec_memo_begin(const tk_lines *L);
void tk_rec_memo_end(void);
int tk_rec_memo(int q, const char *s, size_t len, int (*test)(const char *s, size_t len));
/* Block quotations (a paragraph that leads in, `... as follows:`, and the quoted paragraphs
 * after it, the first opening with a quotation mark, the last closing with it):
 * tk_rec_quote_lead: 1 when s ends with a colon (`:`, `:—`); tk_rec_quote_opens: the kind
 * of quotation mark s opens with (1 `“`, 2 `‘`, 3 `"`), else 0; tk_rec_quote_closes: 1 when
 * s ends with the closing mark of that kind (a period, comma or parenthesis may follow). */
int tk_rec_quote_lead(const char *s, size_t len);
int tk_rec_quote_opens(const char *s, size_t len);
int tk_rec_quote_closes(const char *s, size_t len, int kind);
/* 1 when the closing mark of that kind stands in line s before its end (anywhere when
 * last is 0: the line is not the paragraph's last): the quotation closed there. */
int tk_rec_quote_closes_early(const char *s, size_t len, int kind, int last);

/* ---- serialize.c: TEI bytes (structural elements indented, mixed content as built) ---- */
/* A serializer (tk_ser): bytes written so far, in memory. Free with tk_ser_free. */
tk_ser *tk_ser_new(void);
void tk_ser_free(tk_ser *s);
/* Empties s for the next document, keeping its memory (a new serializer per document of a
 * corpus cost more than the document's smaller parts). */
void tk_ser_clear(tk_ser *s);
/* Forgets which element names are structural: the cache is keyed by the name's pointer into
 * one document's dictionary, so a serializer that goes on with the nodes of another document
 * (another dictionary) calls this first. tk_ser_clear does it too. */
void tk_ser_forget_names(tk_ser *s);
void tk_ser_raw(tk_ser *s, const char *bytes, size_t len);
/* Allocates room for n bytes at once, before anything is written (a large output that
 * grows by doubling touches each page several times). */
void tk_ser_reserve(tk_ser *s, size_t n);
/* Writes node n and its subtree at indentation depth (with consume, freeing the children
 * as they are written; n itself stays). */
void tk_ser_node(tk_ser *s, xmlNodePtr n, int depth, int consume);
/* The start tag (with "\n") / end tag of element n at indentation depth. */
void tk_ser_open(tk_ser *s, xmlNodePtr n, int depth);
void tk_ser_close(tk_ser *s, xmlNodePtr n, int depth);
/* The bytes so far (owned by s) / handed to the caller (free(); NULL when out of memory). */
const char *tk_ser_bytes(tk_ser *s, size_t *len);
char *tk_ser_detach(tk_ser *s, size_t *len);

/* Streaming. While a document is built, its elements' _private field holds these bits: */
#define TK_NODE_STARTED 1u /* the start tag and the first children are written already */
#define TK_NODE_KEEP 2u    /* still being built: the builder may add to it */
#define TK_NODE_COMMON 4u  /* (tei.c) a child already written was paragraph-level content */
#define TK_NODE_TAG_DONE 8u /* kept, but its start tag (name, attributes) will not change */
/* Writes what is finished of the open element n (at depth): its start tag (once), then its
 * children in order, each freed once written, up to the first child marked TK_NODE_KEEP,
 * into which it descends when that child is marked TK_NODE_TAG_DONE and written indented. */
void tk_ser_flush(tk_ser *s, xmlNodePtr n, int depth);
/* When the next tk_ser_node meets `node` (what tk_ser_flush wrote of it is in `stream`), it
 * writes the rest of the document from there on into stream, after those bytes. */
void tk_ser_splice(tk_ser *s, xmlNodePtr node, tk_ser *stream);
/* Puts front's bytes before s's (one move of s's bytes: no second copy of a large output). */
void tk_ser_prepend(tk_ser *s, tk_ser *front);

/* ---- persons.c (besides the declarations above) ---- */
/* Adds a speaker label as a person (or finds the person it names: a personography form
 * equal to the label ignoring case, or Q / A -> interviewer / interviewee). Returns the id
 * (owned by p), or NULL when out of memory. */
const char *tk_persons_speaker(tk_persons *p, const char *label, size_t len);
/* Sets the interviewer / interviewee names for Q / A labels (front matter). */
void tk_persons_set_role_name(tk_persons *p, const char *role, const char *name);
/* In a play (on = 1) every speaker is a character: a label of titles or offices alone
 * ("Captain", "First Ambassador") is a person, not a role (the role table's words, "All",
 * "Voice", stay roles). */
void tk_persons_set_play(tk_persons *p, int on);
/* Starts a new document: the "used" marks are cleared (see tk_persons_each_used). */
void tk_persons_new_document(tk_persons *p);
/* Calls fn for every person used since tk_persons_new_document (all_docs = 0) or in any
 * document (all_docs = 1), in order of first use: id, name forms (n >= 1), role or NULL. */
void tk_persons_each_used(tk_persons *p, int all_docs,
                          void (*fn)(const char *id, const char *const *names, size_t n,
                                     const char *role, unsigned long count, void *user),
                          void *user);
/* Number of persons in the personography (speakers and honorific names not counted). */
size_t tk_persons_count(const tk_persons *p);
/* When set (no personography given), tk_persons_scan also marks honorific + name
 * ("Comrade Stalin", "Mr. Smith"), creating a person per name. */
void tk_persons_set_honorifics(tk_persons *p, int on);
/* Without a personography: finds the persons of one document before it is built (speaker
 * labels, title + name, given name + surname, initials + surname, rosters, participant
 * lists, "between X and Y" title lines), merges the forms that name one person, and makes
 * every form (and each person's surname alone) match in the document's text. Notes under
 * `explain` say why each person was found. */
void tk_persons_discover(tk_persons *p, const tk_lines *L, const tk_docblocks *db, tk_diag *d,
                         const char *file, int explain);
/* Calls fn with the type and value of each idno the personography gave person `id`. */
void tk_persons_each_idno(const tk_persons *p, const char *id,
                          void (*fn)(const char *type, const char *value, void *user), void *user);
/* Writes under `list` (a listPerson) every person used so far, for an editor: persName
 * variants with @type (full, label, variant), idno slots for VIAF, Wikidata, GND and SNAC
 * (filled from the personography), the first occurrence as note[@type='first-occurrence'],
 * the count of mentions and any uncertain merge as comments. */
void tk_persons_draft_list(tk_persons *p, tk_conv *cv, xmlNodePtr list);
/* tk_persons_discover over one line of text as a new document (tests, short texts). */
void tk_persons_discover_text(tk_persons *p, const char *text, size_t len);

/* Loads a personography (TEI listPerson/person[@xml:id]/persName, whole document or
 * fragment). path may be NULL (no names). NULL on error (reported). */
tk_persons *tk_persons_new(const char *path, tk_diag *d);
void tk_persons_free(tk_persons *p);

/* One name match in a text: bytes [start, end) name person `id` (no '#'). */
typedef struct tk_person_match {
    size_t start, end;
    const char *id;
} tk_person_match;

/* Finds person names in text (longest match first, word boundaries, possessive 's,
 * whitespace runs including '\n' match a single space). Calls `found` for each match in
 * text order; linear in len. Marks the person as used (for particDesc). */
void tk_persons_scan(tk_persons *p, const char *text, size_t len,
                     void (*found)(const tk_person_match *m, void *user), void *user);

/* ---- render: extension functions (render_ext.c) ---------------------------------------- */
/* Per-transformation tables of tk:nth() and tk:person(); warnings go to d, about `input`
 * when a node has no file of its own. Freeing reports the count of unresolved pointers that
 * had no warning of their own. */
typedef struct tk_render_ext tk_render_ext;
struct _xsltTransformContext; /* libxslt's, from <libxslt/xsltInternals.h> */
/* dir: the realpath of the input's directory ("" or NULL: none), the only place tk:image()
 * reads images from; the caller keeps input and dir alive until tk_render_ext_free. */
tk_render_ext *tk_render_ext_new(tk_diag *d, const char *input, const char *dir);
/* Registers the functions in namespace ns for one transformation. Returns 0 or -1. */
int tk_render_ext_register(tk_render_ext *x, struct _xsltTransformContext *tctxt, const char *ns);
void tk_render_ext_free(tk_render_ext *x);
/* The tables of the transformation in progress (render.c). */
tk_render_ext *tk_render_run_ext(struct _xsltTransformContext *tctxt);

#endif /* TK_INTERNAL_H */
