/* schema_cache.c: a schema loaded once per run (in a thread of its own with -j), its compiled
 * forms for libxml2 cached (whole or pruned per document set), and a pool of derivative
 * engines, one per thread at work. */
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


/* ------------------------------------------------------------------ loading ------- */

/* Turns "teikit" / "tei_all" into a path (malloc'd), or copies spec. */
static char *resolve_spec(const char *spec, tk_diag *d)
{
    char buf[4096];
    if (strcmp(spec, "teikit") == 0) {
        snprintf(buf, sizeof buf, "%s/schemas/teikit.rng", tk_data_dir());
        return strdup(buf);
    }
    if (strcmp(spec, "tei_all") == 0) {
        const char *env = getenv("TEIKIT_TEI_ALL");
        if (env == NULL || *env == '\0') {
            TK_MSG(d, SCHEMA_TEI_ALL, NULL, 0, 0);
            return NULL;
        }
        return strdup(env);
    }
    return strdup(spec);
}

static int count_elements(xmlNodePtr n)
{
    int c = 0;
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "element"))
            c++;
        c += count_elements(n->children);
    }
    return c;
}

/* Reads, checks and prepares the schema spec names into s (allocated, lock ready); -1 on
 * error (reported to d). */
static int schema_fill(tk_schema *s, const char *spec, tk_diag *d)
{
    s->path = resolve_spec(spec, d);
    if (s->path == NULL)
        return -1;
    struct stat st;
    if (stat(s->path, &st) != 0) {
        TK_MSG(d, IO_SCHEMA, s->path, 0, 0, strerror(errno));
        return -1;
    }
    s->src = tk_xml_read_file(s->path, 0, d);
    if (s->src == NULL)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(s->src);
    if (root == NULL || root->ns == NULL ||
        !xmlStrEqual(root->ns->href, BAD_CAST "http://relaxng.org/ns/structure/1.0")) {
        TK_MSG(d, SCHEMA_NOT_RNG, s->path, 0, 0);
        return -1;
    }
    if (tk_rng_check(s->src, s->path, d) != 0)
        return -1;
    /* libxml2 fills its table of XML Schema types on first use, without a lock: done here,
     * before threads compile schemas at the same time (two compiles racing to fill it made
     * one fail: "schema does not compile") */
    xmlRelaxNGInitTypes();
    xmlSchemaInitTypes();
    /* the analysis for messages and the pruning decision serve libxml2's path only: made
       when it is first taken (tkv_schema_for) */
    return 0;
}

/* An empty schema object (its lock and condition ready), or NULL. */
static tk_schema *schema_new(void)
{
    tk_schema *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->loaded, NULL);
    return s;
}

tk_schema *tk_schema_load(const char *spec, tk_diag *d)
{
    tk_schema *s = schema_new();
    if (s == NULL) {
        TK_MSG(d, OOM, NULL, 0, 0);
        return NULL;
    }
    if (schema_fill(s, spec, d) != 0) {
        tk_schema_free(s);
        return NULL;
    }
    return s;
}

/* The loader thread: fills the schema, holding its messages, then wakes the waiters. */
static void *schema_loader(void *arg)
{
    tk_schema *s = arg;
    tkv_thread_heap_reserve();
    tk_diag *d = tk_diag_new();
    int rc = -1;
    if (d != NULL) {
        tk_diag_set_sink(d, tkv_hold_sink, s->load);
        tk_diag_set_notes(d, s->notes);
        rc = schema_fill(s, s->spec, d);
        tk_diag_free(d);
    }
    pthread_mutex_lock(&s->lock);
    s->failed = rc != 0;
    s->pending = 0;
    pthread_cond_broadcast(&s->loaded);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

tk_schema *tk_schema_load_background(const char *spec, int notes)
{
    tk_schema *s = schema_new();
    if (s == NULL)
        return NULL;
    s->spec = strdup(spec);
    s->load = tkv_job_new();
    s->notes = notes;
    s->pending = 1;
    if (s->spec == NULL || s->load == NULL)
        goto fail;
    if (pthread_create(&s->loader, NULL, schema_loader, s) != 0)
        goto fail;
    s->has_loader = 1;
    return s;
fail:
    s->pending = 0;
    tk_schema_free(s);
    return NULL;
}

/* Waits until the schema is loaded; -1 when its loading failed. */
int tkv_schema_wait(tk_schema *s)
{
    pthread_mutex_lock(&s->lock);
    while (s->pending)
        pthread_cond_wait(&s->loaded, &s->lock);
    int failed = s->failed;
    pthread_mutex_unlock(&s->lock);
    return failed ? -1 : 0;
}

static void cached_clear(struct cached *c)
{
    if (c->rng != NULL)
        xmlRelaxNGFree(c->rng);
    tk_nameset_free(c->names);
    memset(c, 0, sizeof *c);
}

void tk_schema_free(tk_schema *s)
{
    if (s == NULL)
        return;
    if (s->has_loader)
        pthread_join(s->loader, NULL);
    if (s->load != NULL) {
        tkv_replay(s->load, NULL); /* frees what it held */
        free(s->load);
    }
    free(s->spec);
    cached_clear(&s->whole);
    for (int i = 0; i < CACHE_SLOTS; i++)
        cached_clear(&s->cache[i]);
    while (s->retired != NULL) {
        struct retired *r = s->retired;
        s->retired = r->next;
        xmlRelaxNGFree(r->rng);
        free(r);
    }
    for (int i = 0; i < s->n_engines; i++)
        tk_rngv_free(s->engines[i]);
    tk_rngv_free(s->engine_base); /* after its clones */
    tk_rng_info_free(s->info);
    if (s->src != NULL)
        xmlFreeDoc(s->src);
    free(s->path);
    pthread_cond_destroy(&s->loaded);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

const char *tk_schema_path(const tk_schema *s)
{
    tkv_schema_wait((tk_schema *)s); /* (a loader may be filling it) */
    return s->path;
}

/* --------------------------------------------------------------- compiling ------- */

struct compile_err {
    tk_diag *d;
    const char *path;
    int n;
    /* an included file that is not XML: named when libxml2 says where it was included,
       never quoted (its text may be anything: /etc/shadow) */
    char bad_file[512];
    int bad_line;
    int bad_state; /* 0 none, 1 waiting for the include's position, 2 reported */
};

/* Every libxml2 error raised while a schema compiles (the RelaxNG parser's own, and those of
 * the parser reading its include/externalRef files) becomes a teikit message. */
static void compile_error(void *user, xmlErrorPtr e)
{
    struct compile_err *c = user;
    char msg[512];
    if (e == NULL || e->level < XML_ERR_ERROR)
        return;
    if (e->domain != XML_FROM_RELAXNGP) { /* reading an included file */
        if (c->bad_state == 0) {
            snprintf(c->bad_file, sizeof c->bad_file, "%s", e->file != NULL ? e->file : "?");
            c->bad_line = e->line;
            c->bad_state = 1;
        }
        return;
    }
    if (c->bad_state == 2 && (e->code == XML_RNGP_INCLUDE_FAILURE ||
                              e->code == XML_RNGP_EXTERNAL_REF_FAILURE))
        return; /* "failed to load": said already */
    if (c->n++ >= 5)
        return;
    if (c->bad_state == 1) {
        c->bad_state = 2;
        TK_MSG(c->d, SCHEMA_XML, e->file != NULL ? e->file : c->path, (unsigned)e->line, 0, c->bad_file, c->bad_line);
        return;
    }
    tk_xml_error_text(e, "schema error", msg, sizeof msg);
    TK_MSG(c->d, SCHEMA_COMPILE_WHY, e->file != NULL ? e->file : c->path, (unsigned)e->line, 0, msg);
}

/* Compiles a schema document (not consumed). NULL on error (reported). */
static xmlRelaxNGPtr compile_doc(xmlDocPtr doc, const char *path, tk_diag *d)
{
    struct compile_err c = {d, path, 0, "", 0, 0};
    xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewDocParserCtxt(doc);
    if (pctxt == NULL) {
        TK_MSG(d, OOM, path, 0, 0);
        return NULL;
    }
    xmlRelaxNGSetParserStructuredErrors(pctxt, compile_error, &c);
    xmlSetStructuredErrorFunc(&c, compile_error); /* the parser of included files (per thread) */
    xmlRelaxNGPtr rng = xmlRelaxNGParse(pctxt);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlRelaxNGFreeParserCtxt(pctxt);
    if (c.bad_state == 1)
        TK_MSG(d, SCHEMA_XML, path, 0, 0, c.bad_file, c.bad_line);
    else if (rng == NULL && c.n == 0)
        TK_MSG(d, SCHEMA_COMPILE, path, 0, 0);
    return rng;
}

/* The compiled schema to validate doc with: the whole schema, or a pruned one from the cache.
 * *whole is set to 1 when it is the whole schema. NULL on error (reported). */
xmlRelaxNGPtr tkv_schema_for(tk_schema *s, xmlDocPtr doc, const tk_validate_opts *o,
                             tk_diag *d, int *whole)
{
    xmlRelaxNGPtr rng = NULL;
    tk_nameset *names = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->broken)
        goto out;
    if (!s->libxml2_ready) { /* the first validation by libxml2 */
        s->info = tk_rng_info_new(s->src);
        s->prunable = tk_prune_possible(s->src) &&
                      count_elements(xmlDocGetRootElement(s->src)) > PRUNE_MIN_ELEMENTS;
        s->libxml2_ready = 1;
    }
    *whole = !s->prunable || o->no_prune || s->use_whole;
    if (!*whole) {
        names = tk_nameset_of_doc(doc);
        if (names == NULL)
            *whole = 1;
    }
    if (*whole) {
        if (s->whole.rng == NULL) {
            s->whole.rng = compile_doc(s->src, s->path, d);
            s->compiles++;
            if (s->whole.rng == NULL)
                s->broken = 1;
        }
        rng = s->whole.rng;
        s->whole.refs += rng != NULL;
        goto out;
    }
    /* a cached schema pruned to a superset of the names is exact for this document too */
    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct cached *c = &s->cache[i];
        if (c->rng != NULL && tk_nameset_subset(names, c->names)) {
            c->uses++;
            c->refs++;
            rng = c->rng;
            goto out;
        }
    }
    /* pruning and compiling take most of a document's time: done outside the lock, so that
     * threads compile their pruned forms at the same time (the source is only read) */
    pthread_mutex_unlock(&s->lock);
    xmlDocPtr pruned = tk_prune(s->src, names, NULL);
    if (pruned != NULL) {
        const char *dump = getenv("TEIKIT_DUMP_PRUNED"); /* for profiling and debugging */
        if (dump != NULL && *dump)
            xmlSaveFormatFile(dump, pruned, 1);
        rng = compile_doc(pruned, s->path, d);
        xmlFreeDoc(pruned);
    }
    pthread_mutex_lock(&s->lock);
    if (pruned == NULL) {
        TK_MSG(d, OOM, s->path, 0, 0);
        goto out;
    }
    s->compiles++;
    if (rng == NULL) {
        s->broken = 1;
        goto out;
    }
    /* the slot: a free one, else the least used (chosen now: other threads may have filled
     * slots meanwhile) */
    int slot = 0;
    unsigned long least = (unsigned long)-1;
    for (int i = 0; i < CACHE_SLOTS && least != 0; i++) {
        unsigned long u = s->cache[i].rng == NULL ? 0 : s->cache[i].uses;
        if (u < least) {
            least = u;
            slot = i;
        }
    }
    if (s->cache[slot].refs > 0) { /* still in use by another thread: freed when done */
        struct retired *r = malloc(sizeof *r);
        if (r != NULL) {
            r->rng = s->cache[slot].rng;
            r->refs = s->cache[slot].refs;
            r->next = s->retired;
            s->retired = r;
            s->cache[slot].rng = NULL;
        }
    }
    cached_clear(&s->cache[slot]);
    s->cache[slot].names = names;
    s->cache[slot].rng = rng;
    s->cache[slot].uses = 1;
    s->cache[slot].refs = 1;
    names = NULL;
out:
    pthread_mutex_unlock(&s->lock);
    tk_nameset_free(names);
    return rng;
}

/* Gives back a compiled schema tkv_schema_for handed out. */
void tkv_schema_release(tk_schema *s, xmlRelaxNGPtr rng)
{
    pthread_mutex_lock(&s->lock);
    if (s->whole.rng == rng) {
        s->whole.refs--;
        goto out;
    }
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (s->cache[i].rng == rng) {
            s->cache[i].refs--;
            goto out;
        }
    for (struct retired **p = &s->retired; *p != NULL; p = &(*p)->next)
        if ((*p)->rng == rng) {
            if (--(*p)->refs == 0) {
                struct retired *r = *p;
                *p = r->next;
                xmlRelaxNGFree(r->rng);
                free(r);
            }
            break;
        }
out:
    pthread_mutex_unlock(&s->lock);
}


/* A derivative engine for this thread (from the schema's pool, or a new one); NULL when
 * the schema is not one the engine supports (libxml2 validates then). */
tk_rngv *tkv_engine_get(tk_schema *s)
{
    tk_rngv *v = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->engine_state == 0) {
        const char *e = getenv("TEIKIT_VALIDATOR");
        s->engine_state = e != NULL && strcmp(e, "libxml2") == 0 ? -1 : 1;
    }
    if (s->engine_state == 1 && s->n_engines > 0)
        v = s->engines[--s->n_engines];
    int state = s->engine_state;
    if (v == NULL && state == 1 && s->engine_base == NULL) {
        /* the schema's patterns are converted once, under the lock (a second thread would
           only wait for what it would otherwise build itself), then shared read-only */
        s->engine_base = tk_rngv_new(s->src); /* reads the schema source only */
        if (s->engine_base == NULL)
            s->engine_state = -1;
        else
            s->compiles++; /* an engine built counts as the schema compiled */
    }
    tk_rngv *base = s->engine_state == 1 ? s->engine_base : NULL;
    pthread_mutex_unlock(&s->lock);
    if (v == NULL && base != NULL && (v = tk_rngv_clone(base)) == NULL) {
        pthread_mutex_lock(&s->lock);
        s->engine_state = -1;
        pthread_mutex_unlock(&s->lock);
    }
    return v;
}

void tkv_engine_put(tk_schema *s, tk_rngv *v)
{
    pthread_mutex_lock(&s->lock);
    if (s->n_engines < MAX_ENGINES) {
        s->engines[s->n_engines++] = v;
        v = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    tk_rngv_free(v);
}

