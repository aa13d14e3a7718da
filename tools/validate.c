/* validate.c: RelaxNG validation of TEI documents: schema loading and compile cache, libxml2's
 * errors turned into useful GCC-shaped messages, batches of files in parallel threads. */
#include "teikit.h"
#include "tk_internal.h"
#include "validate_internal.h"

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

/* Schemas with more element patterns than this are pruned per document set (compiling a
 * small schema whole is cheaper than pruning it again and again). */
#define PRUNE_MIN_ELEMENTS 150
/* Pruned schemas kept per run. */
#define CACHE_SLOTS 32

struct cached {
    tk_nameset *names; /* NULL for the whole schema */
    xmlRelaxNGPtr rng;
    unsigned long uses;
    unsigned refs;     /* validations using rng right now */
};

/* A compiled schema evicted from the cache while a thread still validates with it. */
struct retired {
    xmlRelaxNGPtr rng;
    unsigned refs;
    struct retired *next;
};

#define MAX_ENGINES 16

struct tk_schema {
    char *path;
    xmlDocPtr src;      /* the schema source, kept for pruning */
    tk_rng_info *info;  /* what each element allows, for messages */
    int prunable;
    int libxml2_ready;  /* info and prunable are set (on the first validation by libxml2) */
    int use_whole;      /* set when a pruned validation was too slow */
    int broken;         /* the schema failed to compile: reported once */
    pthread_mutex_t lock;
    struct cached whole;
    struct cached cache[CACHE_SLOTS];
    struct retired *retired;
    unsigned long compiles;
    int engine_state;   /* 0 not tried, 1 the derivative engine validates, -1 libxml2 */
    tk_rngv *engines[MAX_ENGINES]; /* idle engines (one per thread at work) */
    int n_engines;
    /* loading in a thread of its own (tk_schema_load_background) */
    pthread_t loader;
    int has_loader;     /* loader to join */
    int pending;        /* the loader runs: the fields above are not set yet */
    int failed;         /* the load failed (its messages are in load) */
    pthread_cond_t loaded;
    char *spec;
    int notes;
    struct job *load;   /* the loader's messages, replayed by tk_validate_paths */
};

struct job;
static struct job *job_new(void);
static void hold_sink(const tk_message *m, void *user);
static void replay(struct job *j, tk_diag *d);

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
       when it is first taken (schema_for) */
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
    tk_diag *d = tk_diag_new();
    int rc = -1;
    if (d != NULL) {
        tk_diag_set_sink(d, hold_sink, s->load);
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
    s->load = job_new();
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
static int schema_wait(tk_schema *s)
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
        replay(s->load, NULL); /* frees what it held */
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
    schema_wait((tk_schema *)s); /* (a loader may be filling it) */
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
static xmlRelaxNGPtr schema_for(tk_schema *s, xmlDocPtr doc, const tk_validate_opts *o,
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

/* Gives back a compiled schema schema_for handed out. */
static void schema_release(tk_schema *s, xmlRelaxNGPtr rng)
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

/* ------------------------------------------------------------ pointer maps ------- */

/* A map from pointers to indexes (open addressing), to keep per-error work constant. */
struct ptrmap {
    const void **k;
    size_t *v;
    size_t cap, n;
};

static size_t ptr_slot(const struct ptrmap *m, const void *k)
{
    uint64_t x = (uint64_t)(uintptr_t)k;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    size_t i = (size_t)x & (m->cap - 1);
    while (m->k[i] != NULL && m->k[i] != k)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* The value stored for k (not NULL), or NULL. */
static size_t *ptrmap_get(const struct ptrmap *m, const void *k)
{
    if (m->cap == 0)
        return NULL;
    size_t i = ptr_slot(m, k);
    return m->k[i] != NULL ? &m->v[i] : NULL;
}

/* Stores k -> v (k not NULL). Returns -1 when out of memory. */
static int ptrmap_put(struct ptrmap *m, const void *k, size_t v)
{
    if (2 * (m->n + 1) > m->cap) {
        struct ptrmap g = {NULL, NULL, m->cap ? m->cap * 2 : 64, 0};
        g.k = calloc(g.cap, sizeof *g.k);
        g.v = calloc(g.cap, sizeof *g.v);
        if (g.k == NULL || g.v == NULL) {
            free(g.k);
            free(g.v);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->k[i] != NULL) {
                size_t j = ptr_slot(&g, m->k[i]);
                g.k[j] = m->k[i];
                g.v[j] = m->v[i];
                g.n++;
            }
        free(m->k);
        free(m->v);
        *m = g;
    }
    size_t i = ptr_slot(m, k);
    m->n += m->k[i] == NULL;
    m->k[i] = k;
    m->v[i] = v;
    return 0;
}

static void ptrmap_free(struct ptrmap *m)
{
    if (m == NULL)
        return;
    free(m->k);
    free(m->v);
    m->k = NULL;
    m->v = NULL;
    m->cap = m->n = 0;
}

/* -------------------------------------------------------- error messages ------- */

/* One RelaxNG error as libxml2 raised it. */
struct rerr {
    int code;
    xmlNodePtr node;
    char *str1, *str2;
};

struct collector {
    struct rerr *v;
    size_t n, cap;
    int overflow;
};

#define MAX_RAW_ERRORS 100000

static void collect_error(void *user, xmlErrorPtr e)
{
    struct collector *c = user;
    if (e == NULL)
        return;
    if (c->n >= MAX_RAW_ERRORS) {
        c->overflow = 1;
        return;
    }
    tk_grow((void **)&c->v, &c->cap, c->n, sizeof *c->v, 16);
    struct rerr *r = &c->v[c->n++];
    r->code = e->domain == XML_FROM_RELAXNGV ? e->code : -1;
    r->node = e->node;
    r->str1 = e->str1 != NULL ? strdup(e->str1) : NULL;
    r->str2 = e->str2 != NULL ? strdup(e->str2) : NULL;
    if (r->code < 0) { /* not a RelaxNG error: keep libxml2's text */
        free(r->str1);
        r->str1 = strdup(e->message != NULL ? e->message : "error");
    }
}

static void collector_free(struct collector *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].str1);
        free(c->v[i].str2);
    }
    free(c->v);
}

/* Source text of the document being validated, to find columns (libxml2 keeps none). */
struct source {
    const char *path; /* read on first use, when buf is NULL */
    int tried;
    char *own;        /* buf when read here */
    const char *buf;
    size_t len;
    size_t *line_start; /* built on first use */
    size_t n_lines;
    /* the start tags of the source in order, matched to the element nodes (built on the
       first column asked for; tags_state -1 when the tree does not match the source) */
    int tags_state;
    struct tagpos {
        size_t off;
        unsigned line, col;
    } *tags;
    struct ptrmap *elems; /* element node -> index in tags */
};

/* Documents larger than this get no columns in messages (the source is read again only
 * when a message needs a column). */
#define SOURCE_MAX (256L << 20)

static void source_index(struct source *src)
{
    size_t n = 1;
    for (size_t i = 0; i < src->len; i++)
        if (src->buf[i] == '\n')
            n++;
    src->line_start = malloc(n * sizeof *src->line_start);
    if (src->line_start == NULL)
        return;
    src->line_start[0] = 0;
    src->n_lines = 1;
    for (size_t i = 0; i < src->len; i++)
        if (src->buf[i] == '\n')
            src->line_start[src->n_lines++] = i + 1;
}

/* Reads the source on first use. Returns 1 when its text is at hand. */
static int source_load(struct source *src)
{
    if (src->buf == NULL && !src->tried && src->path != NULL) {
        struct stat st;
        src->tried = 1;
        if (stat(src->path, &st) == 0 && st.st_size < SOURCE_MAX) {
            tk_diag *quiet = tk_diag_new();
            src->own = tk_read_file(src->path, &src->len, quiet);
            src->buf = src->own;
            tk_diag_free(quiet);
        }
    }
    return src->buf != NULL;
}

static void source_free(struct source *src)
{
    free(src->line_start);
    free(src->own);
    free(src->tags);
    ptrmap_free(src->elems);
    free(src->elems);
}

static int starts_with(const char *b, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i + n <= len && memcmp(b + i, lit, n) == 0;
}

/* The markup lexer shared by the scans below: calls fn for each start tag ('<' offset, kind
 * TAG_START), end tag (TAG_END), the '>' of an empty-element tag (TAG_EMPTY_CLOSE) and of
 * any other tag (TAG_CLOSE), from
 * offset `from` on; comments, CDATA sections, processing instructions and the DOCTYPE are
 * skipped. Stops when fn returns non-zero (returns that value), else returns 0. */
enum { TAG_START, TAG_END, TAG_EMPTY_CLOSE, TAG_CLOSE };
typedef int (*tag_fn)(void *user, size_t off, int kind);

static int lex_tags(const char *b, size_t len, size_t from, tag_fn fn, void *user)
{
    enum { TEXT, TAG, COMMENT, CDATA, PI, DECL } st = TEXT;
    char quote = 0;
    int depth = 0, r = 0;
    for (size_t i = from; i < len && r == 0; i++) {
        char ch = b[i];
        switch (st) {
        case TEXT:
            if (ch != '<')
                break;
            quote = 0;
            if (starts_with(b, len, i, "<!--")) {
                st = COMMENT;
                i += 3;
            } else if (starts_with(b, len, i, "<![CDATA[")) {
                st = CDATA;
                i += 8;
            } else if (starts_with(b, len, i, "<!")) {
                st = DECL;
                depth = 0;
            } else if (starts_with(b, len, i, "<?")) {
                st = PI;
                i += 1;
            } else {
                st = TAG;
                r = fn(user, i, starts_with(b, len, i, "</") ? TAG_END : TAG_START);
            }
            break;
        case TAG:
        case DECL:
            if (quote != 0) {
                if (ch == quote)
                    quote = 0;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (st == DECL && ch == '[') {
                depth++;
            } else if (st == DECL && ch == ']') {
                depth--;
            } else if (ch == '>' && (st == TAG || depth <= 0)) {
                if (st == TAG)
                    r = fn(user, i, i > 0 && b[i - 1] == '/' ? TAG_EMPTY_CLOSE : TAG_CLOSE);
                st = TEXT;
            }
            break;
        case COMMENT:
            if (ch == '>' && b[i - 1] == '-' && b[i - 2] == '-')
                st = TEXT;
            break;
        case CDATA:
            if (ch == '>' && b[i - 1] == ']' && b[i - 2] == ']')
                st = TEXT;
            break;
        case PI:
            if (ch == '>' && b[i - 1] == '?')
                st = TEXT;
            break;
        }
    }
    return r;
}

struct start_scan {
    const char *b;
    struct tagpos *v;
    size_t n, cap, at; /* at: the offset line/col describe */
    unsigned line, col;
    int oom;
};

static int on_start_tag(void *user, size_t off, int kind)
{
    struct start_scan *s = user;
    if (kind != TAG_START)
        return 0;
    for (; s->at < off; s->at++) { /* line and column, counted incrementally */
        if (s->b[s->at] == '\n') {
            s->line++;
            s->col = 1;
        } else if (((unsigned char)s->b[s->at] & 0xC0) != 0x80) {
            s->col++;
        }
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        struct tagpos *nv = realloc(s->v, cap * sizeof *nv);
        if (nv == NULL) {
            s->oom = 1;
            return 1;
        }
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = (struct tagpos){off, s->line, s->col};
    return 0;
}

/* Every start tag of the text in order, with its line and column: one pass. Returns the
 * count, -1 when out of memory; *out is malloc'd. */
static long scan_start_tags(const char *b, size_t len, struct tagpos **out)
{
    struct start_scan s = {b, NULL, 0, 0, 0, 1, 1, 0};
    lex_tags(b, len, 0, on_start_tag, &s);
    if (s.oom) {
        free(s.v);
        return -1;
    }
    *out = s.v;
    return (long)s.n;
}

struct end_scan {
    int depth;
    size_t found;
};

static int on_end_tag(void *user, size_t off, int kind)
{
    struct end_scan *e = user;
    if (kind == TAG_CLOSE)
        return 0;
    e->depth += kind == TAG_START ? 1 : -1;
    if (e->depth == 0) {
        e->found = off;
        return 1;
    }
    return 0;
}

static void source_tags(struct source *src, xmlDocPtr doc);

/* The line and column of offset off of the source (its line index built). */
static void offset_place(struct source *src, size_t off, long *line, unsigned *col)
{
    size_t lo = 0, hi = src->n_lines; /* the line holding off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (src->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    unsigned c = 1;
    for (size_t j = src->line_start[lo]; j < off && j < src->len; j++)
        if (((unsigned char)src->buf[j] & 0xC0) != 0x80)
            c++;
    *line = (long)lo + 1;
    *col = c;
}

/* The offset of the end tag of element node (its "</" or the ">" of "/>"), or (size_t)-1. */
static size_t end_tag_offset(struct source *src, xmlNodePtr node)
{
    const size_t *k = ptrmap_get(src->elems, node);
    struct end_scan e = {0, 0};
    if (k == NULL || lex_tags(src->buf, src->len, src->tags[*k].off, on_end_tag, &e) == 0)
        return (size_t)-1;
    return e.found;
}

static int on_first_close(void *user, size_t off, int kind)
{
    if (kind != TAG_CLOSE && kind != TAG_EMPTY_CLOSE)
        return 0;
    *(size_t *)user = off;
    return 1;
}

/* Moves the line and column of a message to its real place, found in the source: an
 * element's end tag (end 1: where jing and libxml2 say an element is incomplete) or the
 * first character that is not white space of a text node (libxml2 keeps the line where the
 * text node ends). Left as they are when the source is not at hand. */
static void source_place(struct source *src, xmlNodePtr node, int end, long *line,
                         unsigned *col)
{
    if (src->line_start == NULL && source_load(src))
        source_index(src);
    if (src->tags_state == 0 && node->doc != NULL)
        source_tags(src, node->doc);
    if (src->tags_state != 1 || src->line_start == NULL)
        return;
    size_t off = (size_t)-1;
    if (end) {
        off = end_tag_offset(src, node);
    } else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        /* the text follows the previous element's end tag or its parent's start tag */
        xmlNodePtr prev = node->prev;
        while (prev != NULL && prev->type != XML_ELEMENT_NODE)
            prev = prev->prev;
        xmlNodePtr anchor = prev != NULL ? prev : node->parent;
        const size_t *k = anchor != NULL ? ptrmap_get(src->elems, anchor) : NULL;
        size_t from = prev != NULL ? end_tag_offset(src, prev) : k != NULL ? src->tags[*k].off
                                                                           : (size_t)-1;
        size_t close = (size_t)-1;
        if (from != (size_t)-1 && lex_tags(src->buf, src->len, from, on_first_close, &close))
            for (off = close + 1; off < src->len && strchr(" \t\r\n", src->buf[off]) != NULL;
                 off++)
                ;
    }
    if (off != (size_t)-1 && off < src->len)
        offset_place(src, off, line, col);
}

/* 1 when the start tag at off is the one of element node n. */
static int tag_is(const struct source *src, size_t off, xmlNodePtr n)
{
    const char *b = src->buf + off + 1;
    size_t left = src->len - off - 1;
    if (n->ns != NULL && n->ns->prefix != NULL) {
        size_t pl = strlen((const char *)n->ns->prefix);
        if (pl + 1 > left || memcmp(b, n->ns->prefix, pl) != 0 || b[pl] != ':')
            return 0;
        b += pl + 1;
        left -= pl + 1;
    }
    size_t nl = strlen((const char *)n->name);
    if (nl > left || memcmp(b, n->name, nl) != 0)
        return 0;
    return nl == left || strchr(" \t\r\n/>", b[nl]) != NULL;
}

/* Matches the source's start tags to the element nodes of doc, in document order (an
 * XInclude marker stands for its xi:include tag; what it included comes from elsewhere).
 * Afterwards tags_state is 1 (a column is a lookup) or -1 (no match: columns are found the
 * slow way, per message). */
static void source_tags(struct source *src, xmlDocPtr doc)
{
    src->tags_state = -1;
    long n_tags;
    if (!source_load(src) || (n_tags = scan_start_tags(src->buf, src->len, &src->tags)) < 0)
        return;
    src->elems = calloc(1, sizeof *src->elems);
    if (src->elems == NULL)
        goto fail;
    size_t k = 0;
    for (xmlNodePtr n = doc->children; n != NULL;) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            if (k >= (size_t)n_tags || !tag_is(src, src->tags[k].off, n) ||
                ptrmap_put(src->elems, n, k) != 0)
                goto fail;
            k++;
            descend = 1;
        } else if (n->type == XML_XINCLUDE_START) {
            k++;
            for (int depth = 1; depth > 0;) {
                n = n->next;
                if (n == NULL)
                    goto fail;
                depth += (n->type == XML_XINCLUDE_START) - (n->type == XML_XINCLUDE_END);
            }
        }
        if (descend && n->children != NULL) {
            n = n->children;
            continue;
        }
        while (n != NULL && n->next == NULL) {
            n = n->parent;
            if (n != NULL && n->type == XML_DOCUMENT_NODE)
                n = NULL;
        }
        if (n != NULL)
            n = n->next;
    }
    if (k != (size_t)n_tags)
        goto fail;
    src->tags_state = 1;
    return;
fail:
    free(src->tags);
    src->tags = NULL;
    ptrmap_free(src->elems);
    free(src->elems);
    src->elems = NULL;
}

/* Line of a node. libxml2 keeps lines above 65535 only on text nodes: for an element there,
 * the line is found from the nearest text before it in document order (its line plus its
 * newlines). */
static long node_line(xmlNodePtr node)
{
    long l = node != NULL ? xmlGetLineNo(node) : 0;
    if (l != 65535)
        return l;
    xmlNodePtr p = node;
    for (int steps = 0; p != NULL && steps < 100000; steps++) {
        if (p->prev != NULL) {
            p = p->prev;
            while (p->last != NULL && p->type == XML_ELEMENT_NODE)
                p = p->last;
        } else {
            p = p->parent;
            if (p == NULL || p->type != XML_ELEMENT_NODE)
                break;
            continue;
        }
        if (p->type == XML_TEXT_NODE) {
            long tl = xmlGetLineNo(p);
            if (tl <= 0 || tl == 65535)
                continue;
            const xmlChar *c = p->content;
            for (; c != NULL && *c; c++)
                if (*c == '\n')
                    tl++;
            return tl;
        }
    }
    return l;
}

/* Column (1-based, characters) of the start tag of element node, 0 when unknown. */
static unsigned node_column(struct source *src, xmlNodePtr node, long *line_io)
{
    long line = *line_io;
    if (src == NULL || node == NULL || node->type != XML_ELEMENT_NODE || line <= 0)
        return 0;
    if (src->tags_state == 0 && node->doc != NULL)
        source_tags(src, node->doc);
    if (src->tags_state == 1) { /* a lookup */
        const size_t *k = ptrmap_get(src->elems, node);
        if (k == NULL)
            return 0;
        *line_io = src->tags[*k].line;
        return src->tags[*k].col;
    }
    if (!source_load(src))
        return 0;
    if (src->line_start == NULL)
        source_index(src);
    if (src->line_start == NULL || (size_t)line > src->n_lines)
        return 0;
    /* which start tag of this name on this line is it? */
    int k = 0;
    for (xmlNodePtr p = node; p != NULL;) {
        xmlNodePtr prev = p->prev;
        if (prev == NULL) {
            p = p->parent;
            if (p == NULL || p->type != XML_ELEMENT_NODE || node_line(p) != line)
                break;
            if (xmlStrEqual(p->name, node->name))
                k++;
            continue;
        }
        /* the last descendant of prev, in document order */
        while (prev->last != NULL && prev->type == XML_ELEMENT_NODE)
            prev = prev->last;
        p = prev;
        if (p->type != XML_ELEMENT_NODE)
            continue;
        long l = node_line(p);
        if (l < line)
            break;
        if (l == line && xmlStrEqual(p->name, node->name))
            k++;
    }
    char qname[256];
    if (node->ns != NULL && node->ns->prefix != NULL)
        snprintf(qname, sizeof qname, "<%s:%s", node->ns->prefix, node->name);
    else
        snprintf(qname, sizeof qname, "<%s", node->name);
    size_t ql = strlen(qname);
    size_t start = src->line_start[line - 1];
    size_t end = (size_t)line < src->n_lines ? src->line_start[line] : src->len;
    for (size_t i = start; i + ql <= end; i++) {
        if (memcmp(src->buf + i, qname, ql) != 0)
            continue;
        char after = i + ql < src->len ? src->buf[i + ql] : '>';
        if (!(after == ' ' || after == '>' || after == '/' || after == '\t' || after == '\r' ||
              after == '\n'))
            continue;
        if (k-- > 0)
            continue;
        unsigned col = 1;
        for (size_t j = start; j < i; j++)
            if (((unsigned char)src->buf[j] & 0xC0) != 0x80)
                col++;
        return col;
    }
    /* libxml2 records an element's line where its start tag ends: a start tag spread over
       several lines begins on an earlier line; the nearest "<name" before is it */
    for (size_t i = start; i > 0 && start - i < 4096;) {
        i--;
        if (i + ql > src->len || memcmp(src->buf + i, qname, ql) != 0)
            continue;
        long l = line;
        while (l > 1 && src->line_start[l - 1] > i)
            l--;
        unsigned col = 1;
        for (size_t j = src->line_start[l - 1]; j < i; j++)
            if (((unsigned char)src->buf[j] & 0xC0) != 0x80)
                col++;
        *line_io = l;
        return col;
    }
    return 0;
}

static const char *ns_of(xmlNodePtr n)
{
    return n != NULL && n->ns != NULL && n->ns->href != NULL ? (const char *)n->ns->href : "";
}

/* Writes the message for one error into buf; returns 0 when the error is a follow-on error
 * that says nothing new (it is then dropped). */
static int describe(const tk_rng_info *info, const struct rerr *r, char *buf, size_t size)
{
    char exp[400];
    xmlNodePtr node = r->node;
    xmlNodePtr parent = node != NULL && node->parent != NULL &&
                                node->parent->type == XML_ELEMENT_NODE
                            ? node->parent
                            : NULL;
    const char *a1 = r->str1 != NULL ? r->str1 : "";
    const char *a2 = r->str2 != NULL ? r->str2 : "";
    switch (r->code) {
    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_INTEREXTRA:
    case XML_RELAXNG_ERR_EXTRACONTENT: {
        const char *name = r->code == XML_RELAXNG_ERR_EXTRACONTENT ? a2 : a1;
        if (node != NULL && node->type == XML_ELEMENT_NODE)
            name = (const char *)node->name;
        if (parent == NULL) {
            const char *ns = ns_of(node);
            if (*ns)
                snprintf(buf, size,
                         "element \"%s\" (namespace \"%s\") not allowed as the document element",
                         name, ns);
            else
                snprintf(buf, size,
                         "element \"%s\" (no namespace) not allowed as the document element",
                         name);
            return 1;
        }
        int ok = tk_rng_info_allows(info, ns_of(parent), (const char *)parent->name, 0,
                                    ns_of(node), name);
        if (ok == 1) {
            xmlNodePtr prev = node->prev;
            while (prev != NULL && prev->type != XML_ELEMENT_NODE)
                prev = prev->prev;
            if (prev != NULL)
                snprintf(buf, size, "element \"%s\" not allowed here in \"%s\" (after \"%s\")",
                         name, parent->name, prev->name);
            else
                snprintf(buf, size, "element \"%s\" not allowed as the first child of \"%s\"",
                         name, parent->name);
            return 1;
        }
        tk_rng_info_expected(info, ns_of(parent), (const char *)parent->name, 0, exp,
                             sizeof exp);
        if (exp[0])
            snprintf(buf, size, "element \"%s\" not allowed inside \"%s\"; expected %s", name,
                     parent->name, exp);
        else
            snprintf(buf, size, "element \"%s\" not allowed inside \"%s\"", name,
                     parent->name);
        return 1;
    }
    case XML_RELAXNG_ERR_NOELEM:
    case XML_RELAXNG_ERR_ELEMNAME:
        if (node != NULL && node->type == XML_ELEMENT_NODE &&
            r->code == XML_RELAXNG_ERR_NOELEM) {
            /* libxml2 names the missing element only on its slow path; say the same on
               both paths (pruned and whole schemas must agree) */
            tk_rng_info_expected(info, ns_of(node), (const char *)node->name, 0, exp,
                                 sizeof exp);
            snprintf(buf, size,
                     "element \"%s\" incomplete: a required child is missing; it may contain "
                     "%s",
                     node->name, exp[0] ? exp : "nothing");
            return 1;
        }
        if (r->code == XML_RELAXNG_ERR_ELEMNAME) {
            snprintf(buf, size, "expected element \"%s\", found \"%s\"", a1, a2);
            return 1;
        }
        snprintf(buf, size, "missing element \"%s\"", a1);
        return 1;
    case XML_RELAXNG_ERR_INVALIDATTR: {
        /* libxml2 says "invalid attribute" both for an unknown attribute and for a known
         * one with a value the schema does not allow: tell them apart */
        xmlAttrPtr at = NULL;
        if (node != NULL && node->type == XML_ELEMENT_NODE)
            for (at = node->properties; at != NULL; at = at->next)
                if (xmlStrEqual(at->name, BAD_CAST a1))
                    break;
        if (at != NULL && tk_rng_info_allows(info, ns_of(node), a2, 1,
                                             at->ns != NULL ? (const char *)at->ns->href : "",
                                             a1) == 1) {
            xmlChar *v = xmlNodeListGetString(node->doc, at->children, 1);
            snprintf(buf, size, "attribute \"%s\" on \"%s\": value \"%.200s\" not allowed",
                     a1, a2, v != NULL ? (const char *)v : "");
            xmlFree(v);
            return 1;
        }
        tk_rng_info_expected(info, ns_of(node), a2, 1, exp, sizeof exp);
        if (exp[0] && strcmp(exp, "nothing") != 0)
            snprintf(buf, size, "attribute \"%s\" not allowed on \"%s\"; allowed: %s", a1, a2,
                     exp);
        else
            snprintf(buf, size, "attribute \"%s\" not allowed on \"%s\"", a1, a2);
        return 1;
    }
    case XML_RELAXNG_ERR_NOTELEM:
    case XML_RELAXNG_ERR_TEXTWRONG: {
        xmlNodePtr el = node;
        if (el != NULL && el->type != XML_ELEMENT_NODE)
            el = el->parent;
        if (el != NULL && el->type == XML_ELEMENT_NODE) {
            tk_rng_info_expected(info, ns_of(el), (const char *)el->name, 0, exp, sizeof exp);
            if (exp[0])
                snprintf(buf, size, "text not allowed inside \"%s\"; expected %s", el->name,
                         exp);
            else
                snprintf(buf, size, "text not allowed inside \"%s\"", el->name);
        } else {
            snprintf(buf, size, "text not allowed here");
        }
        return 1;
    }
    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
        snprintf(buf, size, "element \"%s\" must be empty", a1);
        return 1;
    case XML_RELAXNG_ERR_TYPEVAL:
        snprintf(buf, size, "value \"%s\" is not a valid %s", a2, a1);
        return 1;
    case XML_RELAXNG_ERR_DUPID:
        snprintf(buf, size, "ID \"%s\" defined twice", a1);
        return 1;
    case XML_RELAXNG_ERR_ELEMWRONGNS:
        snprintf(buf, size, "element \"%s\" in the wrong namespace: expected \"%s\"", a1, a2);
        return 1;
    case XML_RELAXNG_ERR_ELEMNONS:
        snprintf(buf, size, "element \"%s\" needs a namespace", a1);
        return 1;
    case XML_RELAXNG_ERR_ELEMEXTRANS:
        snprintf(buf, size, "element \"%s\" must not be in a namespace", a1);
        return 1;
    case XML_RELAXNG_ERR_LISTEXTRA:
        snprintf(buf, size, "extra value in list: \"%s\"", a1);
        return 1;
    case XML_RELAXNG_ERR_DATATYPE:
    case XML_RELAXNG_ERR_VALUE:
    case XML_RELAXNG_ERR_LIST:
    case XML_RELAXNG_ERR_TYPE:
        return 0; /* the attribute/content message that follows names the place */
    case XML_RELAXNG_ERR_ATTRVALID:
        snprintf(buf, size, "invalid attribute value on \"%s\"", a1);
        return 1;
    case XML_RELAXNG_ERR_CONTENTVALID:
        snprintf(buf, size, "content of \"%s\" does not match the schema", a1);
        return 1;
    case XML_RELAXNG_ERR_EXTRADATA:
        snprintf(buf, size, "extra content after the document element");
        return 1;
    case XML_RELAXNG_ERR_INTERSEQ:
        snprintf(buf, size, "elements in the wrong order (interleave)");
        return 1;
    default:
        if (r->code < 0)
            snprintf(buf, size, "%s", a1);
        else
            snprintf(buf, size, "invalid (libxml2 RelaxNG error %d%s%s)", r->code,
                     a1[0] ? ": " : "", a1);
        return 1;
    }
}

/* Ranks error codes: when one element got several, the most specific one is shown. */
static int code_rank(int code)
{
    switch (code) {
    case XML_RELAXNG_ERR_CONTENTVALID:
    case XML_RELAXNG_ERR_ATTRVALID:
        return 0;
    case XML_RELAXNG_ERR_DATATYPE:
    case XML_RELAXNG_ERR_VALUE:
    case XML_RELAXNG_ERR_LIST:
    case XML_RELAXNG_ERR_TYPE:
        return -1;
    default:
        return 1;
    }
}

/* For an error about the children of an element, finds the place and the reason with the
 * schema's content model (the same whatever path libxml2 took). Returns 1 with *at and buf
 * set, 0 when the error is of another kind or no reason was found. */
static int explain(const tk_rng_info *info, const struct rerr *r, xmlNodePtr *at, char *buf,
                   size_t size)
{
    xmlNodePtr node = r->node, cand[2];
    int n = 0;
    if (node == NULL || node->type != XML_ELEMENT_NODE)
        return 0;
    switch (r->code) {
    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_ELEMNAME:
    case XML_RELAXNG_ERR_INTEREXTRA:
        if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
            cand[n++] = node->parent;
        cand[n++] = node;
        break;
    case XML_RELAXNG_ERR_NOELEM:
    case XML_RELAXNG_ERR_CONTENTVALID:
    case XML_RELAXNG_ERR_EXTRACONTENT:
        cand[n++] = node;
        break;
    default:
        return 0;
    }
    for (int i = 0; i < n; i++)
        if (tk_rng_info_explain(info, cand[i], at, buf, size) == 1)
            return 1;
    /* the children fit: the element failed on its attributes (libxml2 reports that
       differently on its two paths, or not at all) */
    xmlNodePtr el = node;
    for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
        const char *ans = a->ns != NULL ? (const char *)a->ns->href : "";
        if (tk_rng_info_allows(info, ns_of(el), (const char *)el->name, 1, ans,
                               (const char *)a->name) == 0) {
            char exp[400];
            tk_rng_info_expected(info, ns_of(el), (const char *)el->name, 1, exp, sizeof exp);
            snprintf(buf, size, "attribute \"%s\" not allowed on \"%s\"; allowed: %s", a->name,
                     el->name, exp);
            *at = el;
            return 1;
        }
    }
    if (el->properties != NULL) {
        char names[300] = "";
        size_t len = 0;
        for (xmlAttrPtr a = el->properties; a != NULL && len < sizeof names; a = a->next)
            len += (size_t)snprintf(names + len, sizeof names - len, "%s@%s%s%s",
                                    len ? ", " : "", a->ns != NULL && a->ns->prefix != NULL
                                                         ? (const char *)a->ns->prefix
                                                         : "",
                                    a->ns != NULL && a->ns->prefix != NULL ? ":" : "",
                                    a->name);
        snprintf(buf, size, "element \"%s\" does not match the schema: a value of %s is not "
                            "allowed",
                 el->name, names);
        *at = el;
        return 1;
    }
    return 0;
}

static int is_structural(int code)
{
    return code == XML_RELAXNG_ERR_CONTENTVALID || code == XML_RELAXNG_ERR_ATTRVALID ||
           code == XML_RELAXNG_ERR_ELEMWRONG || code == XML_RELAXNG_ERR_EXTRACONTENT ||
           code == XML_RELAXNG_ERR_NOELEM || code == XML_RELAXNG_ERR_INTEREXTRA ||
           code == XML_RELAXNG_ERR_ELEMNAME;
}

/* The last answer of included_from: errors come in document order, so the next node's walk
 * back over its siblings usually meets the last node, whose answer is then its own. */
struct inc_memo {
    xmlNodePtr node, marker;
};

/* The file a node was XIncluded from (malloc'd, xmlFree), or NULL for the document's own
 * nodes. libxml2 keeps an XINCLUDE_START marker (a copy of the xi:include element) before
 * the nodes it included and an XINCLUDE_END after them. */
static xmlChar *included_from(xmlNodePtr n, struct inc_memo *memo)
{
    xmlNodePtr start = n, marker = NULL;
    for (; n != NULL && n->type != XML_DOCUMENT_NODE && marker == NULL; n = n->parent) {
        int depth = 0;
        for (xmlNodePtr p = n->prev; p != NULL && marker == NULL; p = p->prev) {
            if (n == start && depth == 0 && p == memo->node && p != NULL) {
                marker = memo->marker;
                if (marker == NULL)
                    goto done;
            } else if (p->type == XML_XINCLUDE_END) {
                depth++;
            } else if (p->type == XML_XINCLUDE_START) {
                if (depth > 0)
                    depth--;
                else
                    marker = p;
            }
        }
    }
done:
    memo->node = start;
    memo->marker = marker;
    if (marker == NULL)
        return NULL;
    xmlChar *href = NULL; /* (xmlGetNoNsProp refuses the marker node type) */
    for (xmlAttrPtr a = marker->properties; a != NULL && href == NULL; a = a->next)
        if (a->ns == NULL && xmlStrEqual(a->name, BAD_CAST "href"))
            href = xmlNodeListGetString(marker->doc, a->children, 1);
    xmlChar *base = xmlNodeGetBase(marker->doc, marker->parent);
    xmlChar *uri = href != NULL ? xmlBuildURI(href, base) : NULL;
    xmlFree(href);
    xmlFree(base);
    if (uri != NULL && xmlStrncmp(uri, BAD_CAST "file://", 7) == 0)
        memmove(uri, uri + 7, (size_t)xmlStrlen(uri + 7) + 1);
    return uri;
}

/* Which collected errors to report, in linear time: the first of the most specific rank per
 * element, and no structural error ("content failed", "did not expect", "extra content") on
 * an element below which another error says why. keep[i] is set for those. Returns -1 when
 * out of memory. */
static int select_errors(const struct collector *c, unsigned char *keep)
{
    static const char no_node = 0; /* the key of errors without a node */
    struct ptrmap best = {0}, below = {0};
    int rc = -1;
    for (size_t i = 0; i < c->n; i++) {
        const struct rerr *r = &c->v[i];
        if (code_rank(r->code) < 0)
            continue;
        /* every ancestor has an error below it (stop where an earlier error marked them) */
        for (xmlNodePtr p = r->node != NULL ? r->node->parent : NULL;
             p != NULL && ptrmap_get(&below, p) == NULL; p = p->parent)
            if (ptrmap_put(&below, p, 1) != 0)
                goto out;
        const void *key = r->node != NULL ? (const void *)r->node : (const void *)&no_node;
        size_t *b = ptrmap_get(&best, key);
        if (b == NULL) {
            if (ptrmap_put(&best, key, i) != 0)
                goto out;
        } else if (code_rank(r->code) > code_rank(c->v[*b].code)) {
            *b = i;
        }
    }
    for (size_t i = 0; i < c->n; i++) {
        const struct rerr *r = &c->v[i];
        const void *key = r->node != NULL ? (const void *)r->node : (const void *)&no_node;
        const size_t *b = ptrmap_get(&best, key);
        keep[i] = code_rank(r->code) >= 0 && b != NULL && *b == i &&
                  !(r->node != NULL && is_structural(r->code) &&
                    ptrmap_get(&below, r->node) != NULL);
    }
    rc = 0;
out:
    ptrmap_free(&best);
    ptrmap_free(&below);
    return rc;
}

/* Where messages go: the files XIncluded so far (each read once for its columns). */
enum { MAX_INCLUDED = 16 };
struct places {
    struct source inc[MAX_INCLUDED];
    size_t n_inc;
    struct inc_memo memo;
};

static void places_free(struct places *pl)
{
    for (size_t k = 0; k < pl->n_inc; k++) {
        free((char *)pl->inc[k].path);
        source_free(&pl->inc[k]);
    }
}

/* The file (malloc'd when an included one, else NULL: the document), line and column of a
 * message about node at. */
static xmlChar *place_of(struct places *pl, xmlNodePtr at, struct source *src, int xinclude,
                         long *line_out, unsigned *col_out)
{
    long line = at != NULL ? node_line(at) : 0;
    xmlChar *base = xinclude ? included_from(at, &pl->memo) : NULL;
    unsigned col;
    if (base == NULL) {
        col = node_column(src, at, &line);
    } else { /* line numbers of included nodes are that file's, read once for columns */
        const char *file = (const char *)base;
        struct source *is = NULL, once = {0};
        for (size_t k = 0; k < pl->n_inc && is == NULL; k++)
            if (strcmp(pl->inc[k].path, file) == 0)
                is = &pl->inc[k];
        if (is == NULL && pl->n_inc < MAX_INCLUDED) {
            is = &pl->inc[pl->n_inc++];
            memset(is, 0, sizeof *is);
            is->path = strdup(file);
            is->tags_state = -1; /* the tags of an included file are not the tree's */
        }
        if (is == NULL || is->path == NULL) {
            is = &once;
            once.path = file;
            once.tags_state = -1;
        }
        col = node_column(is, at, &line);
        if (is == &once)
            source_free(&once);
    }
    *line_out = line;
    *col_out = col;
    return base;
}

/* Reports the collected errors (those select_errors keeps), each once per place. Included
 * files (xinclude set) are read once each for their columns. Returns the number of
 * messages. */
static size_t report_errors(const tk_rng_info *info, struct collector *c, struct source *src,
                            int xinclude, const char *name, tk_diag *d)
{
    enum { MAX_DONE = 256 };
    struct {
        xmlNodePtr node;
        char msg[160];
    } done[MAX_DONE];
    struct places pl = {0};
    size_t n_done = 0, reported = 0;
    char msg[1024];
    unsigned char *keep = malloc(c->n ? c->n : 1);
    if (keep == NULL || select_errors(c, keep) != 0) {
        TK_MSG(d, OOM, name, 0, 0);
        free(keep);
        return 1;
    }
    for (size_t i = 0; i < c->n; i++) {
        struct rerr *r = &c->v[i];
        if (!keep[i])
            continue;
        xmlNodePtr at = r->node;
        if (!explain(info, r, &at, msg, sizeof msg) && !describe(info, r, msg, sizeof msg))
            continue;
        /* one message per place */
        int dup = 0;
        for (size_t k = 0; k < n_done && !dup; k++)
            dup = done[k].node == at &&
                  strncmp(done[k].msg, msg, sizeof done[k].msg - 1) == 0;
        if (dup)
            continue;
        if (n_done < MAX_DONE) {
            done[n_done].node = at;
            size_t ml = strlen(msg);
            if (ml > sizeof done[n_done].msg - 1)
                ml = sizeof done[n_done].msg - 1;
            memcpy(done[n_done].msg, msg, ml);
            done[n_done].msg[ml] = '\0';
            n_done++;
        }
        long line;
        unsigned col;
        xmlChar *base = place_of(&pl, at, src, xinclude, &line, &col);
        TK_MSG(d, RELAXNG, base != NULL ? (const char *)base : name, line > 0 ? (unsigned)line : 0, col, msg);
        reported++;
        xmlFree(base);
    }
    places_free(&pl);
    free(keep);
    if (c->overflow) {
        TK_MSG(d, RELAXNG_TOO_MANY, name, 0, 0);
        reported++;
    }
    return reported;
}

/* ---------------------------------------------------------- derivative engine ------ */

/* One message of the derivative engine, placed. */
struct eerr {
    xmlNodePtr at;
    int at_end;
    char *msg;
    xmlChar *file; /* an XIncluded file, or NULL */
    long line;
    unsigned col;
    size_t seq;
};

struct eerrs {
    struct eerr *v;
    size_t n, cap;
    int overflow;
};

static void eerr_collect(void *user, xmlNodePtr at, int at_end, const char *msg)
{
    struct eerrs *e = user;
    if (e->n >= MAX_RAW_ERRORS) {
        e->overflow = 1;
        return;
    }
    tk_grow((void **)&e->v, &e->cap, e->n, sizeof *e->v, 16);
    e->v[e->n] = (struct eerr){at, at_end, tk_xstrdup(msg), NULL, 0, 0, e->n};
    if (e->v[e->n].msg == NULL) {
        e->overflow = 1;
        return;
    }
    e->n++;
}

/* Document order of messages: file (the document first), line, column, then as found. */
static int eerr_cmp(const void *a, const void *b)
{
    const struct eerr *x = a, *y = b;
    int fx = x->file != NULL, fy = y->file != NULL;
    if (fx != fy)
        return fx - fy;
    if (fx && fy) {
        int c = strcmp((const char *)x->file, (const char *)y->file);
        if (c != 0)
            return c;
    }
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Places, sorts and reports the engine's messages; returns how many. */
static size_t report_engine(struct eerrs *e, struct source *src, int xinclude,
                            const char *name, tk_diag *d)
{
    struct places pl = {0};
    for (size_t i = 0; i < e->n; i++) {
        struct eerr *x = &e->v[i];
        x->file = place_of(&pl, x->at, src, xinclude, &x->line, &x->col);
        if (x->file == NULL && src != NULL && (x->at_end || x->at->type != XML_ELEMENT_NODE))
            source_place(src, x->at, x->at_end, &x->line, &x->col);
    }
    places_free(&pl);
    qsort(e->v, e->n, sizeof *e->v, eerr_cmp);
    for (size_t i = 0; i < e->n; i++) {
        const struct eerr *x = &e->v[i];
        TK_MSG(d, RELAXNG, x->file != NULL ? (const char *)x->file : name, x->line > 0 ? (unsigned)x->line : 0, x->col, x->msg);
    }
    if (e->overflow)
        TK_MSG(d, RELAXNG_TOO_MANY, name, 0, 0);
    return e->n + (e->overflow != 0);
}

static void eerrs_free(struct eerrs *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->v[i].msg);
        xmlFree(e->v[i].file);
    }
    free(e->v);
}

/* A derivative engine for this thread (from the schema's pool, or a new one); NULL when
 * the schema is not one the engine supports (libxml2 validates then). */
static tk_rngv *engine_get(tk_schema *s)
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
    pthread_mutex_unlock(&s->lock);
    if (v == NULL && state == 1) {
        v = tk_rngv_new(s->src); /* reads the schema source only */
        pthread_mutex_lock(&s->lock);
        if (v == NULL)
            s->engine_state = -1;
        else
            s->compiles++; /* an engine built counts as the schema compiled */
        pthread_mutex_unlock(&s->lock);
    }
    return v;
}

static void engine_put(tk_schema *s, tk_rngv *v)
{
    pthread_mutex_lock(&s->lock);
    if (s->n_engines < MAX_ENGINES) {
        s->engines[s->n_engines++] = v;
        v = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    tk_rngv_free(v);
}

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
    xmlRelaxNGSetValidStructuredErrors(v, collect_error, c);
    int ret = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    return ret;
}

/* The column of an element for the rule checks (tk_check_ctx.column). */
static unsigned check_column(void *src, xmlNodePtr el, unsigned *line)
{
    long l = node_line(el);
    unsigned col = node_column(src, el, &l);
    if (col > 0 && l > 0)
        *line = (unsigned)l;
    return col;
}

/* The file an XIncluded node came from, for the rule checks (tk_check_ctx.file_of). */
static xmlChar *check_file_of(void *memo, xmlNodePtr n) { return included_from(n, memo); }

/* Validates doc, then runs the rule checks; refs (may be NULL) receives what they leave to
 * the corpus, n_msgs counts the document's messages so far. */
static int validate_doc_src(tk_schema *s, xmlDocPtr doc, const char *name,
                            const tk_validate_opts *o, struct source *src, tk_diag *d,
                            tk_refs *refs, const size_t *n_msgs)
{
    static const tk_validate_opts defaults = {0};
    struct collector c = {0};
    int whole = 1, status = 0;
    if (o == NULL)
        o = &defaults;
    if (schema_wait(s) != 0)
        return 2; /* (tk_validate_paths reports why, once) */
    tk_rngv *engine = engine_get(s);
    if (engine != NULL) {
        struct eerrs e = {0};
        int r = tk_rngv_validate(engine, doc, eerr_collect, &e);
        engine_put(s, engine);
        if (r < 0) {
            TK_MSG(d, RELAXNG_OOM, name, 0, 0);
            status = 2;
        } else if (r > 0) {
            report_engine(&e, src, o->xinclude, name, d);
            status = 1;
        }
        eerrs_free(&e);
        goto checks;
    }
    xmlRelaxNGPtr rng = schema_for(s, doc, o, d, &whole);
    if (rng == NULL)
        return 2;
    double t0 = now_s();
    int ret = run_relaxng(rng, doc, &c);
    schema_release(s, rng);
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
        if (report_errors(s->info, &c, src, o->xinclude, name, d) == 0) {
            xmlNodePtr root = xmlDocGetRootElement(doc);
            TK_MSG(d, RELAXNG_NO_REASON, name, root != NULL ? (unsigned)node_line(root) : 0, 0);
        }
        status = 1;
    }
    collector_free(&c);
checks:;
    struct inc_memo memo = {0};
    tk_check_ctx cx = {o->rules, refs,       n_msgs, check_column,
                       src,      o->xinclude, o->xinclude ? check_file_of : NULL, &memo};
    if (!o->grammar_only && tk_checks_run(doc, name, d, &cx) > 0 && status == 0)
        status = 1;
    return status;
}

int tk_validate_doc(tk_schema *s, xmlDocPtr doc, const char *name, const tk_validate_opts *o,
                    tk_diag *d)
{
    return validate_doc_src(s, doc, name, o, NULL, d, NULL, NULL);
}

unsigned tk_check_doc(xmlDocPtr doc, const char *name, tk_diag *d)
{
    return tk_checks_run(doc, name, d, NULL);
}

/* ----------------------------------------------------------------- batches ------- */

/* A message kept back so that files report in argument order. */
struct held {
    tk_severity sev;
    char *file, *rule, *text;
    unsigned line, col;
    long byte;
};

struct job {
    char *path;
    struct held *msgs;
    size_t n_msgs, cap_msgs;
    unsigned long errors, warnings;
    int status; /* 0 valid, 1 invalid, 2 system */
    int done;
    tk_refs *refs; /* what the corpus resolves (NULL with --grammar-only) */
    int context;   /* read only for the corpus: neither validated nor reported */
    size_t inserted; /* messages the corpus added (they shift later positions) */
};

/* An empty job (only its message list is used: the schema loader's). */
static struct job *job_new(void) { return calloc(1, sizeof(struct job)); }

static void hold_sink(const tk_message *m, void *user)
{
    struct job *j = user;
    tk_grow((void **)&j->msgs, &j->cap_msgs, j->n_msgs, sizeof *j->msgs, 8);
    struct held *h = &j->msgs[j->n_msgs++];
    h->sev = m->severity;
    h->file = m->file != NULL ? tk_xstrdup(m->file) : NULL;
    h->rule = m->rule != NULL ? tk_xstrdup(m->rule) : NULL;
    h->text = tk_xstrdup(m->text);
    h->line = m->line;
    h->col = m->col;
    h->byte = m->byte;
}

static void validate_one(tk_schema *s, const tk_validate_opts *o, struct job *j, int notes)
{
    tk_diag *d = tk_diag_new();
    if (d == NULL) {
        j->status = 2;
        return;
    }
    tk_diag_set_sink(d, hold_sink, j);
    tk_diag_set_notes(d, notes);
    int is_stdin = strcmp(j->path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : j->path;
    struct source src = {0};
    xmlDocPtr doc = NULL;
    int flags = o->xinclude ? TK_XML_XINCLUDE : 0;
    if (is_stdin) { /* kept in memory: stdin cannot be read twice */
        src.own = tk_read_file(j->path, &src.len, d);
        src.buf = src.own;
        if (src.buf != NULL)
            doc = tk_xml_read_memory(src.buf, src.len, name, flags, d);
    } else { /* streamed: a huge document is never held twice */
        src.path = j->path;
        struct stat st;
        if (stat(j->path, &st) == 0 && S_ISDIR(st.st_mode))
            TK_MSG(d, IO_IS_DIR, name, 0, 0);
        else if (access(j->path, R_OK) != 0)
            TK_MSG(d, IO_OPEN, name, 0, 0, strerror(errno));
        else
            doc = tk_xml_read_file(j->path, flags, d);
    }
    int status = 0;
    j->refs = o->grammar_only ? NULL : tk_refs_new(j->path);
    if (doc != NULL && j->context) { /* its ids and pointers, for the others */
        tk_check_ctx cx = {0, j->refs, NULL, NULL, NULL, o->xinclude, NULL, NULL};
        tk_checks_run(doc, name, d, &cx);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc != NULL) {
        status = validate_doc_src(s, doc, name, o, &src, d, j->refs, &j->n_msgs);
        xmlFreeDoc(doc);
    } else {
        status = 1; /* not well-formed or unreadable (the messages say which: 2 for I/O) */
    }
    source_free(&src);
    j->errors = tk_diag_count(d, TK_ERROR);
    j->warnings = tk_diag_count(d, TK_WARNING);
    /* the verdict comes from the validator; messages can only make it worse */
    j->status = tk_diag_exit_status(d) > status ? tk_diag_exit_status(d) : status;
    tk_diag_free(d);
}

struct pool {
    tk_schema *s;
    const tk_validate_opts *o;
    struct job *jobs;
    size_t n, next;
    int notes;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    size_t *order; /* the order threads take jobs in (NULL: argument order) */
};

/* 1 when the schema's background loading has failed (without waiting for it). */
static int schema_failed(tk_schema *s)
{
    pthread_mutex_lock(&s->lock);
    int failed = s->failed;
    pthread_mutex_unlock(&s->lock);
    return failed;
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        if (schema_failed(p->s)) /* nothing will be reported: stop */
            return NULL;
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->n)
            return NULL;
        if (p->order != NULL)
            i = p->order[i];
        validate_one(p->s, p->o, &p->jobs[i], p->notes);
        pthread_mutex_lock(&p->lock);
        p->jobs[i].done = 1;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
    }
}

/* Growable list of paths. */
struct paths {
    char **v;
    size_t n, cap;
};

static int paths_add(struct paths *p, const char *path)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **v = realloc(p->v, cap * sizeof *v);
        if (v == NULL)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n] = strdup(path);
    return p->v[p->n++] == NULL ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with_xml(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && strcmp(s + n - 4, ".xml") == 0;
}

/* Directories and files met by a walk, by device and inode: a directory is entered once
 * (symlink loops end), a file reached by two paths is validated once. */
struct seen {
    struct seen_id {
        dev_t dev;
        ino_t ino;
        int used;
    } *v; /* open addressing, cap a power of two */
    size_t n, cap;
};

static size_t seen_slot(const struct seen *s, dev_t dev, ino_t ino)
{
    uint64_t x = (uint64_t)ino * 0x9e3779b97f4a7c15ULL ^ (uint64_t)dev;
    size_t i = (size_t)(x ^ x >> 29) & (s->cap - 1);
    while (s->v[i].used && !(s->v[i].dev == dev && s->v[i].ino == ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* 1 when (dev, ino) was met before; else records it and returns 0 (-1: out of memory). */
static int seen_before(struct seen *s, const struct stat *st)
{
    if (s->cap > 0 && s->v[seen_slot(s, st->st_dev, st->st_ino)].used)
        return 1;
    if (2 * (s->n + 1) > s->cap) {
        struct seen g = {NULL, 0, s->cap ? s->cap * 2 : 64};
        if ((g.v = calloc(g.cap, sizeof *g.v)) == NULL)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i].used)
                g.v[seen_slot(&g, s->v[i].dev, s->v[i].ino)] = s->v[i];
        g.n = s->n;
        free(s->v);
        *s = g;
    }
    s->v[seen_slot(s, st->st_dev, st->st_ino)] = (struct seen_id){st->st_dev, st->st_ino, 1};
    s->n++;
    return 0;
}

/* Adds the *.xml files under dir (recursively, sorted; each directory and each file once,
 * however many symlinks lead to it). `dirs` holds the directories entered so far, `files`
 * the files listed. Returns -1 on error (reported). */
static int walk_dir(const char *dir, struct paths *out, tk_diag *d, int depth,
                    struct seen *dirs, struct seen *files)
{
    if (depth > 64) {
        TK_MSG(d, IO_DEPTH, dir, 0, 0);
        return -1;
    }
    DIR *dp = opendir(dir);
    if (dp == NULL) {
        TK_MSG(d, IO_OPENDIR, dir, 0, 0, strerror(errno));
        return -1;
    }
    struct paths here = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (p == NULL) {
            rc = -1;
            break;
        }
        snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && (S_ISDIR(st.st_mode) || ends_with_xml(e->d_name)))
            rc = paths_add(&here, p);
        free(p);
        if (rc != 0)
            break;
    }
    closedir(dp);
    if (here.n > 0)
        qsort(here.v, here.n, sizeof *here.v, cmp_str);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (rc == 0 && stat(here.v[i], &st) == 0) {
            int met = seen_before(S_ISDIR(st.st_mode) ? dirs : files, &st);
            if (met < 0)
                rc = -1;
            else if (met == 0 && S_ISDIR(st.st_mode))
                rc = walk_dir(here.v[i], out, d, depth + 1, dirs, files);
            else if (met == 0)
                rc = paths_add(out, here.v[i]);
        }
        free(here.v[i]);
    }
    free(here.v);
    return rc;
}

static void replay(struct job *j, tk_diag *d)
{
    for (size_t k = 0; k < j->n_msgs; k++) {
        struct held *h = &j->msgs[k];
        tk_diag_report_at(d, h->sev, h->file, h->line, h->col, h->byte, h->rule, "%s",
                          h->text);
        free(h->file);
        free(h->rule);
        free(h->text);
    }
    free(j->msgs);
    j->msgs = NULL;
    j->n_msgs = 0;
}

/* A file's size for largest_first. */
struct sized {
    off_t size;
    size_t index;
};

static int cmp_sized(const void *a, const void *b)
{
    const struct sized *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The order threads take files in: largest first, so that no big file starts last and keeps
 * one thread busy while the others have nothing left (messages still come in argument
 * order). NULL when out of memory (argument order then). */
static size_t *largest_first(const struct paths *files)
{
    struct sized *v = malloc((files->n ? files->n : 1) * sizeof *v);
    size_t *order = malloc((files->n ? files->n : 1) * sizeof *order);
    if (v == NULL || order == NULL) {
        free(v);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < files->n; i++) {
        struct stat sb;
        v[i].size = stat(files->v[i], &sb) == 0 ? sb.st_size : 0;
        v[i].index = i;
    }
    qsort(v, files->n, sizeof *v, cmp_sized);
    for (size_t i = 0; i < files->n; i++)
        order[i] = v[i].index;
    free(v);
    return order;
}

/* The corpus's messages for one document (tk_refs_opts.emit): inserted among its held
 * messages where its checks met the item, and counted. */
struct emitting {
    struct job *jobs;
    int notes;
};

static void emit_held(size_t doc, size_t pos, tk_severity sev, const char *file,
                      unsigned line, unsigned col, const char *rule, const char *text,
                      void *arg)
{
    struct emitting *e = arg;
    struct job *j = &e->jobs[doc];
    if (j->context || (sev == TK_NOTE && !e->notes))
        return;
    tk_grow((void **)&j->msgs, &j->cap_msgs, j->n_msgs, sizeof *j->msgs, 8);
    size_t at = pos + j->inserted;
    if (at > j->n_msgs)
        at = j->n_msgs;
    memmove(&j->msgs[at + 1], &j->msgs[at], (j->n_msgs - at) * sizeof *j->msgs);
    j->n_msgs++;
    j->inserted++;
    struct held *h = &j->msgs[at];
    h->sev = sev;
    h->file = tk_xstrdup(file != NULL ? file : strcmp(j->path, "-") == 0 ? "<stdin>" : j->path);
    h->rule = tk_xstrdup(rule);
    h->text = tk_xstrdup(text);
    h->line = line;
    h->col = col;
    h->byte = -1;
    j->errors += sev == TK_ERROR;
    j->warnings += sev == TK_WARNING;
    if (sev == TK_ERROR && j->status == 0)
        j->status = 1;
}

/* Waits until job i is done (or, without threads, does it). */
static void finish_job(struct pool *p, size_t i, int threads)
{
    if (!threads) {
        if (!p->jobs[i].done)
            validate_one(p->s, p->o, &p->jobs[i], p->notes);
        p->jobs[i].done = 1;
        return;
    }
    pthread_mutex_lock(&p->lock);
    while (!p->jobs[i].done)
        pthread_cond_wait(&p->cond, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

/* Every job done, then the corpus resolves what their checks left. */
static void resolve_unit(struct pool *p, int threads, int strict)
{
    for (size_t i = 0; i < p->n; i++)
        finish_job(p, i, threads);
    tk_refs **docs = malloc((p->n ? p->n : 1) * sizeof *docs);
    if (docs == NULL)
        return;
    for (size_t i = 0; i < p->n; i++)
        docs[i] = p->jobs[i].refs;
    struct emitting e = {p->jobs, p->notes};
    tk_refs_opts ro = {strict, emit_held, &e};
    tk_refs_resolve(docs, p->n, &ro);
    free(docs);
}

/* The files --corpus adds: validated ones (when no path was given) and context ones. A
 * directory gives its *.xml files, a file itself and the files it XIncludes (fragments such
 * as a listPerson file are context only). Returns -1 on error (reported). */
static int corpus_files(const char *root, int have_paths, struct paths *validated,
                        struct paths *context, tk_diag *d)
{
    struct stat sb;
    if (stat(root, &sb) != 0) {
        TK_MSG(d, IO_CORPUS, root, 0, 0, strerror(errno));
        return -1;
    }
    if (S_ISDIR(sb.st_mode)) {
        struct seen dirs = {0}, files = {0};
        int rc = seen_before(&dirs, &sb) < 0 ? -1
                                             : walk_dir(root, have_paths ? context : validated,
                                                        d, 0, &dirs, &files);
        free(dirs.v);
        free(files.v);
        return rc;
    }
    char **v;
    int *documents;
    size_t n;
    if (tk_refs_root_files(root, &v, &documents, &n) != 0) {
        TK_MSG(d, OOM, root, 0, 0);
        return -1;
    }
    int rc = 0;
    char cwd[4096];
    size_t cl = getcwd(cwd, sizeof cwd) != NULL ? strlen(cwd) : 0;
    for (size_t i = 0; i < n; i++) {
        /* the root as given, the others relative to the working directory when under it */
        const char *path = i == 0 ? root : v[i];
        if (i > 0 && cl > 1 && strncmp(path, cwd, cl) == 0 && path[cl] == '/')
            path += cl + 1;
        if (rc == 0 && paths_add(!have_paths && documents[i] ? validated : context, path) != 0)
            rc = -1;
        free(v[i]);
    }
    free(v);
    free(documents);
    return rc;
}

int tk_validate_paths(tk_schema *s, char *const *argv, size_t argc, const tk_validate_opts *o,
                      tk_diag *d, tk_validate_stats *stats)
{
    static const tk_validate_opts defaults = {0};
    struct paths files = {0};
    int rc = 0;
    tk_validate_stats st = {0};
    struct seen dirs = {0}, seen_files = {0};
    if (o == NULL)
        o = &defaults;
    for (size_t i = 0; i < argc; i++) {
        struct stat sb;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            int met = seen_before(&dirs, &sb);
            if (met < 0 || (met == 0 && walk_dir(argv[i], &files, d, 0, &dirs, &seen_files) != 0))
                rc = 2;
        } else if (paths_add(&files, argv[i]) != 0) {
            TK_MSG(d, OOM, NULL, 0, 0);
            rc = 2;
        }
    }
    /* --corpus: more files to validate, or the context the others' pointers resolve in */
    struct paths context = {0};
    size_t n_validated = files.n;
    if (o->corpus != NULL && corpus_files(o->corpus, argc > 0, &files, &context, d) != 0)
        rc = 2;
    n_validated = files.n;
    struct seen given = {0}; /* a file both given and in the corpus is validated, once */
    for (size_t i = 0; i < files.n; i++) {
        struct stat sb;
        if (stat(files.v[i], &sb) == 0 && seen_before(&given, &sb) < 0)
            rc = 2;
    }
    for (size_t i = 0; i < context.n; i++) {
        struct stat sb;
        if (!o->grammar_only && stat(context.v[i], &sb) == 0 && 
            (given.cap == 0 || !given.v[seen_slot(&given, sb.st_dev, sb.st_ino)].used) &&
            paths_add(&files, context.v[i]) != 0)
            rc = 2;
        free(context.v[i]);
    }
    free(given.v);
    free(context.v);
    struct job *jobs = calloc(files.n ? files.n : 1, sizeof *jobs);
    if (jobs == NULL) {
        TK_MSG(d, OOM, NULL, 0, 0);
        rc = 2;
        goto out;
    }
    for (size_t i = 0; i < files.n; i++) {
        jobs[i].path = files.v[i];
        jobs[i].context = i >= n_validated;
    }
    unsigned nthreads = o->jobs > 1 ? o->jobs : 1;
    if (nthreads > files.n)
        nthreads = files.n > 0 ? (unsigned)files.n : 1;
    struct pool p = {s, o, jobs, files.n, 0, tk_diag_notes_enabled(d),
                     PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL};
    if (nthreads > 1)
        p.order = largest_first(&files);
    int resolved = 0;
    pthread_t *tids = NULL;
    unsigned started = 0;
    if (nthreads > 1 && (tids = calloc(nthreads, sizeof *tids)) != NULL) {
        for (unsigned t = 0; t < nthreads; t++)
            if (pthread_create(&tids[t], NULL, worker, &p) == 0)
                started++;
    }
    /* a schema loading in the background (documents were read meanwhile): its messages
       come first, and no document's when it failed */
    int schema_ok = schema_wait(s) == 0;
    if (s->load != NULL)
        replay(s->load, d);
    if (!schema_ok) {
        rc = 2;
        n_validated = 0;
    }
    for (size_t i = 0; i < n_validated; i++) {
        finish_job(&p, i, started > 0);
        /* what the document could not decide alone waits for the whole unit */
        if (!resolved && tk_refs_pending(jobs[i].refs)) {
            resolve_unit(&p, started > 0, o->strict_refs);
            resolved = 1;
        }
        replay(&jobs[i], d);
        st.files++;
        st.errors += jobs[i].errors;
        st.warnings += jobs[i].warnings;
        if (jobs[i].status != 0)
            st.invalid++;
        if (jobs[i].status == 2)
            st.unchecked++;
        if (jobs[i].status > rc)
            rc = jobs[i].status;
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    for (size_t i = 0; i < files.n; i++) {
        if (jobs[i].context || !schema_ok)
            replay(&jobs[i], NULL); /* frees what it held */
        tk_refs_free(jobs[i].refs);
    }
    free(tids);
    free(p.order);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.cond);
out:
    free(dirs.v);
    free(seen_files.v);
    st.compiles = s->compiles;
    if (stats != NULL)
        *stats = st;
    free(jobs);
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    return rc;
}
