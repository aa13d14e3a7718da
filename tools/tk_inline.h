/* tk_inline.h: state shared by the inline side's own files (inlines.c, footnotes.c,
 * timeline.c) only. */
#ifndef TK_INLINE_H
#define TK_INLINE_H

#include <stdint.h>

#include <libxml/tree.h>

#include "tk_internal.h"

typedef struct tk_inline_scratch tk_inline_scratch;
void tk_inline_scratch_free(tk_inline_scratch *sc);

/* A footnote marker met in the text: its (empty) note element, waiting for its text. */
typedef struct tk_fn_marker {
    xmlNodePtr note;
    char n[16];
    char literal[24];  /* the marker as printed, put back as text if a weak one is unused */
    unsigned line, col;
    size_t seq;
    int weak;          /* only a marker if a note text confirms it: `(1)`, ` [1]` */
    int matched;
} tk_fn_marker;

/* A note text from the notes section, with its own span positions. */
typedef struct tk_fn_text {
    char n[16];
    const char *label_rend; /* @rend token for the label as the notes section printed it
                               (`12.`, `12)`, `(12)`), NULL for the default `[12]` */
    char *text;
    size_t len, n_lines;
    size_t *line_start;
    unsigned *line_no, *line_col;
    unsigned line, col;
} tk_fn_text;

struct tk_footnotes {
    tk_fn_marker *markers;
    size_t n_markers, cap_markers;
    tk_fn_text *notes;
    size_t n_notes, cap_notes;
    struct {
        xmlNodePtr el;
        unsigned line;
    } *parents;        /* elements filled by tk_inline_append, with their first line */
    size_t n_parents, cap_parents;
    uint64_t *when_keys; /* timeline points made so far: an open-addressing set of the
                            keys when_id gives (0 = a free slot) */
    size_t n_when_keys, cap_when_keys;
    int in_note;       /* filling a note's text: no footnote markers there */
    tk_inline_scratch *scratch; /* inlines.c's reusable buffers */
};

void tk_inline_add_marker(tk_conv *cv, xmlNodePtr note, const char *n, size_t nlen,
                          const char *literal, size_t litlen, unsigned line, unsigned col,
                          int weak);
void tk_inline_add_parent(tk_conv *cv, xmlNodePtr el, unsigned line);
/* 1 when the document's notes section has a note labelled s[0..len) (`58`, `12a`, `*`). */
int tk_footnotes_has_label(const tk_conv *cv, const char *s, size_t len);
/* The notes store hands out the note texts to fill, and the inline pass fills them
 * (tk_inline_finish): no call back from footnotes.c into inlines.c.
 * tk_footnotes_fill_begin places the timeline and sorts the markers; each
 * tk_footnotes_fill_next (from *i = 0) joins the next note text to its marker (or to a new
 * unanchored note, with a warning), gives the element to fill and the text as *sp, and
 * returns 1 (0 when none is left); tk_footnotes_fill_end settles the markers no text
 * joined, drops empty notes and frees the texts. */
void tk_footnotes_fill_begin(tk_conv *cv);
int tk_footnotes_fill_next(tk_conv *cv, size_t *i, xmlNodePtr *target, tk_span *sp);
void tk_footnotes_fill_end(tk_conv *cv);
/* Places the timeline (cv->timeline, when made and not placed yet) as the first child of
 * text/front of cv->text, creating front (timeline.c). */
void tk_timeline_place(tk_conv *cv);

#endif
