/* tk_inline.h: the inline pass's own state, shared by its files (inlines.c, timeline.c)
 * only. The notes store (footnotes.c) knows nothing of it. */
#ifndef TK_INLINE_H
#define TK_INLINE_H

#include <stdint.h>

#include <libxml/tree.h>

#include "tk_internal.h"

typedef struct tk_inline_scratch tk_inline_scratch; /* inlines.c's reusable buffers */

/* The inline pass's state (cv->inl): made and freed by tk_inline_new/free (inlines.c),
 * held by the driver. */
struct tk_inline {
    struct {
        xmlNodePtr el;
        unsigned line;
    } *parents;        /* elements filled by tk_inline_append, with their first line: where
                          a note text no marker joined goes in a fragment without a text
                          element */
    size_t n_parents, cap_parents;
    uint64_t *when_keys; /* timeline points made so far (timeline.c): an open-addressing set
                            of the keys when_id gives (0 = a free slot) */
    size_t n_when_keys, cap_when_keys;
    int in_note;       /* filling a note's text: no footnote markers there */
    tk_inline_scratch *scratch; /* inlines.c's reusable buffers, kept from one document to
                                   the next */
};

/* Places the timeline (cv->timeline, when made and not placed yet) as the first child of
 * text/front of cv->text, creating front (timeline.c). */
void tk_timeline_place(tk_conv *cv);

#endif
