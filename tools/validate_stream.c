/* validate_stream.c: validates a document while libxml2 parses it (the derivative engine
 * driven by the parser's start and end tags, each element freed once it has been seen), so
 * that memory does not grow with the document; messages are those of the tree path. */
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
    struct opened *open;
    size_t n_open, cap_open;
    size_t n_elements; /* start tags seen */
    struct eerrs errs;
};

int tkv_stream_wanted(const char *path, const tk_validate_opts *o)
{
    const char *env = getenv("TEIKIT_STREAM"); /* "1": always, "0": never (tests, benches) */
    struct stat st;
    if (strcmp(path, "-") == 0 || o->xinclude || !o->grammar_only)
        return 0; /* stdin is read whole; XInclude and the rule checks need the tree */
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
    s->open[s->n_open++] = (struct opened){el, s->n_elements++, NO_CHILD};
    tk_rngv_start(s->v, el);
}

static void on_end(void *arg, xmlNodePtr el)
{
    struct stream *s = arg;
    tk_rngv_end(s->v, el);
    if (s->n_open == 0)
        return;
    size_t ord = s->open[--s->n_open].ord;
    if (s->n_open > 0)
        s->open[s->n_open - 1].last_child = ord;
}

int tkv_validate_stream(tk_schema *s, const char *path, const tk_validate_opts *o,
                        struct source *src, tk_diag *d)
{
    (void)o;
    if (tkv_schema_wait(s) != 0)
        return 2; /* (tk_validate_paths reports why, once) */
    struct stream st = {0};
    int status = -1;
    st.v = tkv_engine_get(s);
    if (st.v == NULL)
        return -1;
    if (tk_rngv_begin(st.v, on_error, &st) != 0) {
        TK_MSG(d, RELAXNG_OOM, path, 0, 0);
        status = 2;
        goto out;
    }
    tk_xml_hooks hooks = {on_start, on_end, &st};
    xmlDocPtr doc = tk_xml_stream_file(path, &hooks, d);
    int r = tk_rngv_finish(st.v);
    if (doc == NULL) {
        status = 1; /* not well-formed or unreadable: what the engine found is void */
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
out:
    tkv_engine_put(s, st.v);
    tkv_eerrs_free(&st.errs);
    free(st.open);
    return status;
}
