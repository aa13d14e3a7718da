/* validate.c: validates one document: the derivative engine (or libxml2 for schemas it does
 * not take), then the rule checks. */
#include "teikit.h"
#include "tk_internal.h"
#include "validate_internal.h"
#include "validate_parts.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>


/* ------------------------------------------------------------------ validate ------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Validates doc against one compiled schema; returns xmlRelaxNGValidateDoc's result. */
static int run_relaxng(xmlRelaxNGPtr rng, xmlDocPtr doc, struct collector *c)
{
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(rng);
    if (v == NULL)
        return -1;
    xmlRelaxNGSetValidStructuredErrors(v, tkv_collect_error, c);
    int ret = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    return ret;
}

/* The column of an element for the rule checks (tk_check_ctx.column). */
static unsigned check_column(void *src, xmlNodePtr el, unsigned *line)
{
    long l = tkv_node_line(el);
    unsigned col = tkv_node_column(src, el, &l);
    if (col > 0 && l > 0)
        *line = (unsigned)l;
    return col;
}

/* The file an XIncluded node came from, for the rule checks (tk_check_ctx.file_of). */
static xmlChar *check_file_of(void *memo, xmlNodePtr n) { return tkv_included_from(n, memo); }

/* Validates doc, then runs the rule checks; refs (may be NULL) receives what they leave to
 * the corpus, n_msgs counts the document's messages so far. */
int tkv_validate_doc_src(tk_schema *s, xmlDocPtr doc, const char *name,
                         const tk_validate_opts *o, struct source *src, tk_diag *d,
                         tk_refs *refs, const size_t *n_msgs)
{
    static const tk_validate_opts defaults = {0};
    struct collector c = {0};
    int whole = 1, status = 0;
    if (o == NULL)
        o = &defaults;
    if (tkv_schema_wait(s) != 0)
        return 2; /* (tk_validate_paths reports why, once) */
    tk_rngv *engine = tkv_engine_get(s);
    if (engine != NULL) {
        struct eerrs e = {0};
        int r = tk_rngv_validate(engine, doc, tkv_eerr_collect, &e);
        tkv_engine_put(s, engine);
        if (r < 0) {
            TK_MSG(d, RELAXNG_OOM, name, 0, 0);
            status = 2;
        } else if (r > 0) {
            tkv_report_engine(&e, src, o->xinclude, name, d);
            status = 1;
        }
        tkv_eerrs_free(&e);
        goto checks;
    }
    xmlRelaxNGPtr rng = tkv_schema_for(s, doc, o, d, &whole);
    if (rng == NULL)
        return 2;
    double t0 = now_s();
    int ret = run_relaxng(rng, doc, &c);
    tkv_schema_release(s, rng);
    double limit = o->fallback_s > 0 ? o->fallback_s : 10.0;
    if (!whole && now_s() - t0 > limit) {
        /* the safety net: this pruned form was slow; the whole schema serves from now on */
        pthread_mutex_lock(&s->lock);
        s->use_whole = 1;
        pthread_mutex_unlock(&s->lock);
        TK_MSG(d, PRUNE_SLOW, name, 0, 0, now_s() - t0);
    }
    if (ret < 0) {
        TK_MSG(d, RELAXNG_INTERNAL, name, 0, 0);
        status = 2;
    } else if (ret > 0) {
        /* the verdict is the validator's: a rejection libxml2 gives no reason for (a schema
           whose start is notAllowed) still makes the document invalid, with a message */
        if (tkv_report_errors(s->info, &c, src, o->xinclude, name, d) == 0) {
            xmlNodePtr root = xmlDocGetRootElement(doc);
            TK_MSG(d, RELAXNG_NO_REASON, name, root != NULL ? (unsigned)tkv_node_line(root) : 0, 0);
        }
        status = 1;
    }
    tkv_collector_free(&c);
checks:;
    struct inc_memo memo = {0};
    tk_check_ctx cx = {o->rules, refs,       n_msgs, check_column,
                       src,      o->xinclude, o->xinclude ? check_file_of : NULL, &memo,
                       NULL,     NULL};
    if (!o->grammar_only && tk_checks_run(doc, name, d, &cx) > 0 && status == 0)
        status = 1;
    return status;
}

int tk_validate_doc(tk_schema *s, xmlDocPtr doc, const char *name, const tk_validate_opts *o,
                    tk_diag *d)
{
    return tkv_validate_doc_src(s, doc, name, o, NULL, d, NULL, NULL);
}

unsigned tk_check_doc(xmlDocPtr doc, const char *name, tk_diag *d)
{
    return tk_checks_run(doc, name, d, NULL);
}

