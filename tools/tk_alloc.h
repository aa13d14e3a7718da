/* tk_alloc.h: the library's one out-of-memory policy: allocate or abort (as cmark does).
 *
 * A conversion that silently dropped what it could not allocate would write a TEI document
 * missing part of its text, which is worse than no document. So allocation failures are not
 * reported and recovered from: the tk_x* functions never return NULL, they call tk_oom(),
 * which aborts the process. Library code allocates through them (or checks libxml2's
 * results with tk_oom_check) instead of testing for NULL and carrying on with less. */
#ifndef TK_ALLOC_H
#define TK_ALLOC_H

#include <stddef.h>

#if defined(__GNUC__) || defined(__clang__)
#define TK_NORETURN __attribute__((noreturn))
#else
#define TK_NORETURN
#endif

/* Aborts the process: memory is exhausted. */
TK_NORETURN void tk_oom(void);
/* p, or tk_oom() when p is NULL (for libxml2's constructors). */
void *tk_oom_check(void *p);

void *tk_xmalloc(size_t n);
void *tk_xcalloc(size_t n, size_t size);
void *tk_xrealloc(void *p, size_t n);
char *tk_xstrdup(const char *s);
char *tk_xstrndup(const char *s, size_t n);

#endif
