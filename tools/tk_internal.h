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

#include "teikit.h"

#define TK_TEI_NS "http://www.tei-c.org/ns/1.0"
#define TK_XML_NS "http://www.w3.org/XML/1998/namespace"

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

/* Source line and column (1-based, column in characters) of byte `off` of span->text. */
void tk_span_pos(const tk_span *span, size_t off, unsigned *line, unsigned *col);

typedef struct tk_rules tk_rules;         /* the bracket rule table (rules.c) */
typedef struct tk_persons tk_persons;     /* personography + name matcher (persons.c) */
typedef struct tk_footnotes tk_footnotes; /* note texts by number (footnotes.c) */

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
    tk_footnotes *footnotes;          /* never NULL; may hold no notes (inline side fills it
                                         from the notes section the block side hands over) */
    int explain;                      /* report decisions as TK_NOTE */
    /* inline side: what it found, for the header */
    unsigned n_sic, n_expan, n_supplied, n_gloss, n_gap, n_unclear, n_events, n_pb,
        n_footnotes, n_dates, n_timestamps;
    xmlNodePtr timeline;              /* created on demand by the inline side (anchor/@synch) */
    void *block_private;              /* block side's own state */
} tk_conv;

/* Creates element `name` in the TEI namespace as the last child of parent (parent may be
 * NULL: a free node). Never returns NULL except when out of memory. */
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

tk_footnotes *tk_footnotes_new(void);
void tk_footnotes_free(tk_footnotes *f);
/* Block side hands over the lines of a notes section ("Footnotes:", "Notes", a trailing run
 * of numbered lines). Each line is one span; returns 1 when the line was taken as a note. */
int tk_footnotes_add_line(tk_conv *cv, const tk_span *line);
/* After the body is built: warns about notes that no marker used. */
void tk_footnotes_finish(tk_conv *cv);

/* =========================================================== block side ============ */

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

#endif /* TK_INTERNAL_H */
