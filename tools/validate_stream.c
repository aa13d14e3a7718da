/* validate_stream.c: validates a document while libxml2 parses it (the derivative engine and
 * the rule checks driven by the parser's start and end tags, each element freed once it has
 * been seen), so that memory does not grow with the document; messages are the tree's. */
#include "teikit.h"
#include "tk_internal.h"
#include "validate_internal.h"
#include "validate_parts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Documents at least this large are streamed (when streaming applies, see
 * tkv_stream_wanted): below it a tree costs little memory and parses a little faster. */
#define STREAM_MIN_BYTES (32L << 20)

/* An open element: its number in document order and the number of its last element child
 * closed so far (NO_CHILD: none yet). */
#define NO_CHILD SIZE_MAX
struct opened {
    xmlNodePtr node;
    size_t ord, last_child;
};

struct stream {
    tk_rngv *v;
    tk_checker *checks; /* NULL with --grammar-only */
    struct source *src;
    struct opened *open;
    size_t n_open, cap_open;
    size_t n_elements; /* start tags seen */
    struct eerrs errs;
};

int tkv_stream_wanted(const char *path, const tk_validate_opts *o)
{
    const char *env = getenv("TEIKIT_STREAM"); /* "1": always, "0": never (tests, benches) */
    struct stat st;
    if (strcmp(path, "-") == 0 || o->xinclude)
        return 0; /* stdin is read whole; XInclude needs the tree */
    if (env != NULL && *env != '\0')
        return strcmp(env, "0") != 0;
    return stat(path, &st) == 0 && st.st_size >= STREAM_MIN_BYTES;
}

/* The open element that is node (searched from the innermost), or NULL. */
static struct opened *opened_of(struct stream *s, xmlNodePtr node)
{
    for (size_t i = s->n_open; i > 0; i--)
        if (s->open[i - 1].node == node)
            return &s->open[i - 1];
    return NULL;
}

/* The engine's message callback: the place is taken now, while `at` is in the tree. */
static void on_error(void *user, xmlNodePtr at, int at_end, const char *msg)
{
    struct stream *s = user;
    int text = at->type != XML_ELEMENT_NODE;
    struct opened *o = opened_of(s, text ? at->parent : at);
    size_t n = s->errs.n;
    tkv_eerr_collect(&s->errs, at, at_end, msg);
    if (s->errs.n == n)
        return; /* over the limit */
    struct eerr *x = &s->errs.v[n];
    x->at = NULL; /* freed before the messages are placed */
    x->line = xmlGetLineNo(at);
    if (o == NULL) { /* (cannot happen: messages are about open elements and their text) */
        x->ord = 0;
        x->kind = SP_START;
    } else if (!text) {
        x->ord = o->ord;
        x->kind = at_end ? SP_END : SP_START;
    } else if (o->last_child != NO_CHILD) {
        x->ord = o->last_child;
        x->kind = SP_AFTER_END;
    } else {
        x->ord = o->ord;
        x->kind = SP_AFTER_START;
    }
}

static void on_start(void *arg, xmlNodePtr el)
{
    struct stream *s = arg;
    tk_grow((void **)&s->open, &s->cap_open, s->n_open, sizeof *s->open, 64);
    s->open[s->n_open++] = (struct opened){el, s->n_elements, NO_CHILD};
    tk_rngv_start(s->v, el);
    if (s->checks != NULL)
        tk_checks_start(s->checks, el, s->n_elements);
    s->n_elements++;
}

static void on_end(void *arg, xmlNodePtr el)
{
    struct stream *s = arg;
    tk_rngv_end(s->v, el);
    if (s->checks != NULL)
        tk_checks_end(s->checks, el);
    if (s->n_open == 0)
        return;
    size_t ord = s->open[--s->n_open].ord;
    if (s->n_open > 0)
        s->open[s->n_open - 1].last_child = ord;
}

/* The rule checks' places (tk_check_ctx.place): start tags by element number. */
static void place_starts(void *arg, const size_t *ords, size_t n, unsigned *lines,
                         unsigned *cols)
{
    struct stream *s = arg;
    struct eerrs e = {tk_xcalloc(n, sizeof *e.v), n, n, 0};
    for (size_t i = 0; i < n; i++) {
        e.v[i].ord = ords[i];
        e.v[i].kind = SP_START;
        e.v[i].line = lines[i];
    }
    tkv_place_streamed(&e, s->src, s->n_elements);
    for (size_t i = 0; i < n; i++) {
        lines[i] = e.v[i].line > 0 ? (unsigned)e.v[i].line : 0;
        cols[i] = e.v[i].col;
    }
    free(e.v);
}

int tkv_validate_stream(tk_schema *s, const char *path, const tk_validate_opts *o,
                        struct source *src, tk_diag *d, tk_refs *refs, const size_t *n_msgs)
{
    if (tkv_schema_wait(s) != 0)
        return 2; /* (tk_validate_paths reports why, once) */
    struct stream st = {0};
    int status = -1;
    st.src = src;
    st.v = tkv_engine_get(s);
    if (st.v == NULL)
        return -1;
    tk_check_ctx cx = {o->rules, refs, n_msgs, NULL, NULL, 0, NULL, NULL, place_starts, &st};
    if (!o->grammar_only)
        st.checks = tk_checks_begin(path, d, &cx);
    if (tk_rngv_begin(st.v, on_error, &st) != 0) {
        TK_MSG(d, RELAXNG_OOM, path, 0, 0);
        status = 2;
        goto out;
    }
    tk_xml_hooks hooks = {on_start, on_end, &st};
    xmlDocPtr doc = tk_xml_stream_file(path, &hooks, d);
    int r = tk_rngv_finish(st.v);
    if (doc == NULL) {
        status = 1; /* not well-formed or unreadable: what was found is void */
        goto out;
    }
    xmlFreeDoc(doc);
    if (r < 0) {
        TK_MSG(d, RELAXNG_OOM, path, 0, 0);
        status = 2;
    } else if (r > 0) {
        tkv_place_streamed(&st.errs, src, st.n_elements);
        tkv_report_placed(&st.errs, path, d);
        status = 1;
    } else {
        status = 0;
    }
    if (st.checks != NULL && tk_checks_finish(st.checks) > 0 && status == 0)
        status = 1;
    st.checks = NULL;
out:
    tk_checks_abandon(st.checks);
    tkv_engine_put(s, st.v);
    tkv_eerrs_free(&st.errs);
    free(st.open);
    return status;
}
