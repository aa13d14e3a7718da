/* tk_test.h: what every CUnit suite shares: a capturing diagnostics sink and paths. */
#ifndef TK_TEST_H
#define TK_TEST_H

#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teikit.h"

/* Each tests/unit/test_NAME.c defines `void tk_suite_NAME(void)` that adds its suite(s). */

/* Messages captured by tk_test_diag(): all texts joined, "sev:line:col:rule:text\n" each. */
typedef struct tk_capture {
    char buf[65536];
    size_t len;
    unsigned n;
} tk_capture;

static inline void tk_capture_sink(const tk_message *m, void *user)
{
    static const char *const sev[] = {"note", "warning", "error", "system"};
    tk_capture *c = user;
    int k = snprintf(c->buf + c->len, sizeof c->buf - c->len, "%s:%u:%u:%s:%s\n",
                     sev[m->severity], m->line, m->col, m->rule ? m->rule : "", m->text);
    if (k > 0 && (size_t)k < sizeof c->buf - c->len)
        c->len += (size_t)k;
    c->n++;
}

/* A collector that captures into *c (reset first). Free with tk_diag_free. */
static inline tk_diag *tk_test_diag(tk_capture *c)
{
    memset(c, 0, sizeof *c);
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, tk_capture_sink, c);
    return d;
}

/* Directory of the shared corpus (../shared from the checkout), or NULL when absent. */
static inline const char *tk_test_shared(void)
{
    const char *e = getenv("TK_SHARED");
    return e != NULL ? e : "../shared";
}

/* Tests not registered because what they need is absent (counted and printed by the
 * runner: a skipped test is not a passed one). */
extern unsigned tk_test_skipped;
static inline void tk_test_skip(const char *why)
{
    tk_test_skipped++;
    printf("SKIPPED: %s\n", why);
}

#endif
