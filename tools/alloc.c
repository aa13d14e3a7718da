/* alloc.c: allocation that succeeds or aborts (the out-of-memory policy of tk_alloc.h). */
#include "tk_alloc.h"

#include <stdlib.h>
#include <string.h>

void tk_oom(void) { abort(); }

void *tk_oom_check(void *p)
{
    if (p == NULL)
        tk_oom();
    return p;
}

void *tk_xmalloc(size_t n) { return tk_oom_check(malloc(n ? n : 1)); }

void *tk_xcalloc(size_t n, size_t size) { return tk_oom_check(calloc(n ? n : 1, size ? size : 1)); }

void *tk_xrealloc(void *p, size_t n) { return tk_oom_check(realloc(p, n ? n : 1)); }

char *tk_xstrdup(const char *s) { return tk_oom_check(strdup(s)); }

char *tk_xstrndup(const char *s, size_t n) { return tk_oom_check(strndup(s, n)); }
