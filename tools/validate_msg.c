/* validate_msg.c: validation errors (libxml2's and the derivative engine's) turned into
 * GCC-shaped messages, placed at the right line and column of the source. */
#define _DEFAULT_SOURCE /* madvise */
#include "teikit.h"
#include "tk_internal.h"
#include "validate_internal.h"
#include "validate_parts.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>


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

#define MAX_RAW_ERRORS 100000

void tkv_collect_error(void *user, xmlErrorPtr e)
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

void tkv_collector_free(struct collector *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].str1);
        free(c->v[i].str2);
    }
    free(c->v);
}

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

void tkv_source_free(struct source *src)
{
    free(src->line_start);
    free(src->own);
    if (src->mapped > 0)
        munmap((void *)src->buf, src->mapped);
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

/* Mapped sources give back their pages every this many bytes scanned (plus one). */
#define RELEASE_MASK (((size_t)8 << 20) - 1)
static void source_release(struct source *src, size_t upto);

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
    struct source *rel; /* a mapped source whose pages go back as the scan passes */
};

static int on_end_tag(void *user, size_t off, int kind)
{
    struct end_scan *e = user;
    if (kind == TAG_CLOSE)
        return 0;
    if (e->rel != NULL)
        source_release(e->rel, off);
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
    struct end_scan e = {0, 0, NULL};
    if (k == NULL ||
        lex_tags(src->buf, src->len, src->tags[*k].off, on_end_tag, &e) == 0)
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
        if (from != (size_t)-1 &&
            lex_tags(src->buf, src->len, from, on_first_close, &close))
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
long tkv_node_line(xmlNodePtr node)
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
unsigned tkv_node_column(struct source *src, xmlNodePtr node, long *line_io)
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
            if (p == NULL || p->type != XML_ELEMENT_NODE || tkv_node_line(p) != line)
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
        long l = tkv_node_line(p);
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

/* The codes whose message depends on the document, one function per family of codes
 * (describe dispatches to them): each writes the message of r (a1, a2: its strings, "" for
 * none) into buf and returns 1. */

/* An element where it may not be (ELEMWRONG, INTEREXTRA, EXTRACONTENT): the document
 * element, a child in the wrong place, or a child its parent never holds. */
static int describe_misplaced(const tk_rng_info *info, const struct rerr *r, const char *a1,
                              const char *a2, char *buf, size_t size)
{
    char exp[400];
    xmlNodePtr node = r->node;
    xmlNodePtr parent = node != NULL && node->parent != NULL &&
                                node->parent->type == XML_ELEMENT_NODE
                            ? node->parent
                            : NULL;
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

/* A required element missing (NOELEM) or another one in its place (ELEMNAME). */
static int describe_missing(const tk_rng_info *info, const struct rerr *r, const char *a1,
                            const char *a2, char *buf, size_t size)
{
    char exp[400];
    xmlNodePtr node = r->node;
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
}

/* INVALIDATTR: an attribute the element does not take, or a value the schema refuses. */
static int describe_attribute(const tk_rng_info *info, const struct rerr *r, const char *a1,
                              const char *a2, char *buf, size_t size)
{
    char exp[400];
    xmlNodePtr node = r->node;
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

/* Text where the element takes none (NOTELEM, TEXTWRONG). */
static int describe_text(const tk_rng_info *info, const struct rerr *r, const char *a1,
                         const char *a2, char *buf, size_t size)
{
    char exp[400];
    xmlNodePtr el = r->node;
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

/* Writes the message for one error into buf; returns 0 when the error is a follow-on error
 * that says nothing new (it is then dropped). */
static int describe(const tk_rng_info *info, const struct rerr *r, char *buf, size_t size)
{
    const char *a1 = r->str1 != NULL ? r->str1 : "";
    const char *a2 = r->str2 != NULL ? r->str2 : "";
    switch (r->code) {
    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_INTEREXTRA:
    case XML_RELAXNG_ERR_EXTRACONTENT:
        return describe_misplaced(info, r, a1, a2, buf, size);
    case XML_RELAXNG_ERR_NOELEM:
    case XML_RELAXNG_ERR_ELEMNAME:
        return describe_missing(info, r, a1, a2, buf, size);
    case XML_RELAXNG_ERR_INVALIDATTR:
        return describe_attribute(info, r, a1, a2, buf, size);
    case XML_RELAXNG_ERR_NOTELEM:
    case XML_RELAXNG_ERR_TEXTWRONG:
        return describe_text(info, r, a1, a2, buf, size);
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

/* The file a node was XIncluded from (malloc'd, xmlFree), or NULL for the document's own
 * nodes. libxml2 keeps an XINCLUDE_START marker (a copy of the xi:include element) before
 * the nodes it included and an XINCLUDE_END after them. */
xmlChar *tkv_included_from(xmlNodePtr n, struct inc_memo *memo)
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
        tkv_source_free(&pl->inc[k]);
    }
}

/* The file (malloc'd when an included one, else NULL: the document), line and column of a
 * message about node at. */
static xmlChar *place_of(struct places *pl, xmlNodePtr at, struct source *src, int xinclude,
                         long *line_out, unsigned *col_out)
{
    long line = at != NULL ? tkv_node_line(at) : 0;
    xmlChar *base = xinclude ? tkv_included_from(at, &pl->memo) : NULL;
    unsigned col;
    if (base == NULL) {
        col = tkv_node_column(src, at, &line);
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
        col = tkv_node_column(is, at, &line);
        if (is == &once)
            tkv_source_free(&once);
    }
    *line_out = line;
    *col_out = col;
    return base;
}

/* Reports the collected errors (those select_errors keeps), each once per place. Included
 * files (xinclude set) are read once each for their columns. Returns the number of
 * messages. */
size_t tkv_report_errors(const tk_rng_info *info, struct collector *c, struct source *src,
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

void tkv_eerr_collect(void *user, xmlNodePtr at, int at_end, const char *msg)
{
    struct eerrs *e = user;
    if (e->n >= MAX_RAW_ERRORS) {
        e->overflow = 1;
        return;
    }
    tk_grow((void **)&e->v, &e->cap, e->n, sizeof *e->v, 16);
    e->v[e->n] = (struct eerr){at, at_end, tk_xstrdup(msg), NULL, 0, 0, e->n, 0, SP_START};
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
size_t tkv_report_engine(struct eerrs *e, struct source *src, int xinclude,
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
    return tkv_report_placed(e, name, d);
}

size_t tkv_report_placed(struct eerrs *e, const char *name, tk_diag *d)
{
    qsort(e->v, e->n, sizeof *e->v, eerr_cmp);
    for (size_t i = 0; i < e->n; i++) {
        const struct eerr *x = &e->v[i];
        TK_MSG(d, RELAXNG, x->file != NULL ? (const char *)x->file : name, x->line > 0 ? (unsigned)x->line : 0, x->col, x->msg);
    }
    if (e->overflow)
        TK_MSG(d, RELAXNG_TOO_MANY, name, 0, 0);
    return e->n + (e->overflow != 0);
}

/* Streamed documents: the source is mapped, not read, and the pages the scans have passed
 * are given back every RELEASE_MASK + 1 bytes, so that placing messages does not hold the
 * document either. Returns 1 when the source is at hand (mapped, or already read). */
static int source_map(struct source *src)
{
    struct stat st;
    int fd = -1;
    if (src->buf != NULL || src->tried || src->path == NULL)
        return src->buf != NULL;
    src->tried = 1;
    if ((fd = open(src->path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0 ||
        st.st_size <= 0) {
        if (fd >= 0)
            close(fd);
        src->tried = 0;
        return source_load(src); /* (an empty or special file: read as before) */
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return 0;
    src->buf = m;
    src->len = src->mapped = (size_t)st.st_size;
    return 1;
}

/* Gives back the pages of a mapped source between from and upto (whole pages only). */
static void source_release_range(const struct source *src, size_t from, size_t upto)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (src->mapped == 0 || page == 0)
        return;
    from = (from + page - 1) / page * page;
    upto = upto > src->mapped ? src->mapped : upto / page * page;
    if (upto > from)
        madvise((char *)src->buf + from, upto - from, MADV_DONTNEED);
}

/* Called as a scan of a mapped source passes offset upto: every RELEASE_MASK + 1 bytes,
 * the pages of the window before the last one go back. */
static void source_release(struct source *src, size_t upto)
{
    size_t w = RELEASE_MASK + 1, k = upto / w;
    if (src->mapped == 0 || k < 2 || k == src->released)
        return;
    src->released = k;
    source_release_range(src, (k - 2) * w, (k - 1) * w);
}

/* The start tags whose numbers are wanted (sorted), found in one pass: their offset, line
 * and column; count ends as the number of start tags. */
struct want_scan {
    struct source *src;
    const char *b;
    const size_t *want;
    size_t n_want, k;
    struct tagpos *out; /* out[i]: the start tag number want[i] */
    size_t count;
    size_t at; /* the offset line and col describe */
    unsigned line, col;
};

/* Moves (at, line, col) forward to offset off (lines and characters counted). */
static void advance_to(const char *b, size_t off, size_t *at, unsigned *line, unsigned *col)
{
    for (; *at < off; (*at)++) {
        if (b[*at] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)b[*at] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static int on_wanted_tag(void *user, size_t off, int kind)
{
    struct want_scan *s = user;
    if (kind != TAG_START)
        return 0;
    source_release(s->src, off);
    for (; s->k < s->n_want && s->want[s->k] == s->count; s->k++) {
        advance_to(s->b, off, &s->at, &s->line, &s->col);
        s->out[s->k] = (struct tagpos){off, s->line, s->col};
    }
    s->count++;
    return 0;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

void tkv_place_streamed(struct eerrs *e, struct source *src, size_t n_elements)
{
    size_t *want = NULL, n = 0;
    struct tagpos *out = NULL;
    if (e->n == 0 || !source_map(src))
        goto out;
    want = tk_xmalloc(e->n * sizeof *want);
    for (size_t i = 0; i < e->n; i++)
        want[i] = e->v[i].ord;
    qsort(want, e->n, sizeof *want, cmp_size);
    for (size_t i = 0; i < e->n; i++) /* unique */
        if (n == 0 || want[n - 1] != want[i])
            want[n++] = want[i];
    out = tk_xmalloc(n * sizeof *out);
    struct want_scan ws = {src, src->buf, want, n, 0, out, 0, 0, 1, 1};
    lex_tags(src->buf, src->len, 0, on_wanted_tag, &ws);
    if (ws.count != n_elements || ws.k != n)
        goto out; /* the source is not what was parsed: libxml2's lines, no columns */
    for (size_t i = 0; i < e->n; i++) {
        struct eerr *x = &e->v[i];
        const size_t *w = bsearch(&x->ord, want, n, sizeof *want, cmp_size);
        const struct tagpos *t = &out[w - want];
        size_t at = t->off, off = (size_t)-1;
        unsigned line = t->line, col = t->col;
        struct end_scan es = {0, 0, src};
        size_t from = t->off, close = (size_t)-1;
        switch (x->kind) {
        case SP_START:
            x->line = line;
            x->col = col;
            continue;
        case SP_END: /* as source_place: the end tag, else the start tag */
            x->line = line;
            x->col = col;
            if (lex_tags(src->buf, src->len, t->off, on_end_tag, &es) != 0)
                off = es.found;
            break;
        case SP_AFTER_END:
            from = lex_tags(src->buf, src->len, t->off, on_end_tag, &es) != 0 ? es.found
                                                                             : (size_t)-1;
            /* fall through */
        case SP_AFTER_START:
            if (from != (size_t)-1 &&
                lex_tags(src->buf, src->len, from, on_first_close, &close))
                for (off = close + 1;
                     off < src->len && strchr(" \t\r\n", src->buf[off]) != NULL; off++)
                    ;
            break;
        }
        if (off != (size_t)-1 && off < src->len) {
            advance_to(src->buf, off, &at, &line, &col);
            x->line = line;
            x->col = col;
        }
        source_release_range(src, t->off, at > off || off == (size_t)-1 ? src->len : off + 1);
    }
out:
    free(want);
    free(out);
}

void tkv_eerrs_free(struct eerrs *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->v[i].msg);
        xmlFree(e->v[i].file);
    }
    free(e->v);
}

