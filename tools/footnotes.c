/* footnotes.c: note texts of a notes section joined to markers (placeholder). */
#include <stdlib.h>

#include "tk_internal.h"

struct tk_footnotes {
    int unused;
};

tk_footnotes *tk_footnotes_new(void) { return calloc(1, sizeof(tk_footnotes)); }
void tk_footnotes_free(tk_footnotes *f) { free(f); }
int tk_footnotes_add_line(tk_conv *cv, const tk_span *line)
{
    (void)cv;
    (void)line;
    return 0;
}
void tk_footnotes_finish(tk_conv *cv) { (void)cv; }
