/* rules.c: the bracket rule table (placeholder until the inline pass lands). */
#include <stdlib.h>

#include "tk_internal.h"

struct tk_rules {
    int unused;
};

tk_rules *tk_rules_new(const char *path, tk_diag *d)
{
    (void)path;
    (void)d;
    return calloc(1, sizeof(tk_rules));
}

void tk_rules_free(tk_rules *r) { free(r); }
