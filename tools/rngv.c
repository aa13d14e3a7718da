/* rngv.c: a RelaxNG validator by derivatives (James Clark's algorithm, the one jing uses) over
 * libxml2's trees and XML Schema datatypes, which recovers after every error like jing does.
 *
 * Patterns are hash-consed (one object per distinct pattern) and the derivatives by a start
 * tag, a start-tag close, an end tag and value-independent text are memoized, so validating
 * an element costs a few hash look-ups once the schema's states have been seen. Recovery
 * rules (each bad place reported once, no follow-on messages):
 *  - an element not allowed here is reported and skipped in its parent (the parent's state
 *    stays as it was); its content is validated against every element pattern of that name
 *    in the schema, or not at all when the schema has none;
 *  - an attribute whose name is not allowed is reported and ignored; an attribute whose value
 *    is not allowed is reported and then taken as if its value were right;
 *  - missing required attributes are reported at the start tag, then taken as present;
 *  - text not allowed is reported and ignored; a value that does not fit its datatype is
 *    reported and taken as fitting;
 *  - an element whose content ends too early is reported and closed anyway. */
#include "validate_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/dict.h>
#include <libxml/xmlschemastypes.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_NS "http://www.w3.org/2001/XMLSchema-datatypes"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

enum kind {
    K_NA, K_EMPTY, K_TEXT, K_CHOICE, K_INTERLEAVE, K_GROUP, K_ONEORMORE, K_LIST, K_DATA,
    K_DATAEXCEPT, K_VALUE, K_ATTRIBUTE, K_ELEMENT, K_AFTER
};

/* A name class: a name, anyName, nsName (with an optional except) or a choice. */
enum nck { NC_NAME, NC_ANY, NC_NS, NC_CHOICE };
struct nc {
    enum nck k;
    const xmlChar *ns, *local; /* interned */
    struct nc *a, *b;          /* NC_CHOICE: both; NC_ANY/NC_NS: a = except (or NULL) */
};

/* A datatype with its parameters, or a value. */
struct dtype {
    xmlSchemaTypePtr t;      /* NULL: RelaxNG's built-in string/token */
    char *type;              /* its name, for messages */
    int normalize;           /* value: compare with whitespace collapsed (not "string") */
    xmlChar *value;          /* K_VALUE: the value */
    xmlSchemaFacetPtr *facets;
    int nf;
    char *params;            /* "matching \S+", for messages */
};

typedef struct pat pat;
struct pat {
    unsigned char k, nullable, has_data;
    unsigned hash;
    pat *a, *b;
    void *x;             /* name class (attribute) or datatype (data, value); K_ELEMENT: its
                            <element> node in the schema (the pattern's identity) */
    pat *content;        /* K_ELEMENT: its content, converted on first use */
    struct nc *nc;       /* K_ELEMENT: its name class */
    pat *next;           /* intern chain */
};

/* memo key: operation, pattern, up to two interned strings */
struct memo {
    unsigned char op;
    const pat *p;
    const void *k1, *k2;
    pat *r;
};
enum { OP_OPEN = 1, OP_CLOSE, OP_END, OP_TEXT, OP_RECOVER, OP_ATT_NAME, OP_ATT_LEAF,
       OP_VALUE };

/* A block of patterns: they are allocated together and freed only with the engine, so
 * that threads do not contend on malloc for each one and freeing an engine is cheap. */
#define BLOCK_PATS 4096
struct block {
    struct block *next;
    pat pats[BLOCK_PATS];
};

struct tk_rngv {
    xmlDocPtr rng;
    xmlDictPtr dict;           /* names (schema and documents) */
    xmlDictPtr values;         /* attribute values seen (memo keys), at most 200,000 */
    pat **tab;                 /* intern table */
    size_t tab_n, tab_cap;
    struct block *blocks;      /* the patterns' memory (a bump arena, freed with the engine) */
    size_t block_used;         /* patterns handed out of blocks */
    struct memo *memo;
    size_t memo_n, memo_cap;
    xmlHashTablePtr defs;      /* define name -> xmlNodePtr list head (struct defl) */
    xmlHashTablePtr conv;      /* define name -> pat (converted) */
    xmlHashTablePtr byname;    /* "ns local" -> pat (choice of element patterns) */
    pat *start;
    pat *na, *empty, *text;    /* the three constant patterns (the base's in a clone) */
    pat na_s, empty_s, text_s; /* their storage (unused in a clone) */
    /* a clone (tk_rngv_clone): the engine whose schema patterns it shares, read-only; the
       clone interns only the patterns derivatives make, in its own table */
    const tk_rngv *base;
    void **allocs;             /* name classes, datatypes: freed with the engine */
    size_t n_allocs, cap_allocs;
    int broken;
    /* current validation */
    tk_rngv_error_fn report;
    void *user;
    int errors;
    int at_end; /* the next message is about an end tag */
    pat *wild;  /* the element patterns with a wildcard name class (for messages), or NULL */
    struct {
        const xmlChar *src, *name;
    } names[1024]; /* the document's name strings -> interned (cleared per document) */
    struct frame *open;        /* the open elements, innermost last */
    size_t n_open, cap_open;
};

/* ------------------------------------------------------------------- memory ------- */

/* Records p to be freed with the engine and returns it; NULL (and the engine broken) when
 * p is NULL or cannot be recorded. */
static void *keep(tk_rngv *v, void *p)
{
    if (p == NULL) {
        v->broken = 1;
        return NULL;
    }
    if (v->n_allocs == v->cap_allocs) {
        size_t cap = v->cap_allocs ? v->cap_allocs * 2 : 64;
        void **n = realloc(v->allocs, cap * sizeof *n);
        if (n == NULL) {
            v->broken = 1;
            free(p);
            return NULL;
        }
        v->allocs = n;
        v->cap_allocs = cap;
    }
    v->allocs[v->n_allocs++] = p;
    return p;
}

/* memset through a pointer the compiler cannot see through (malloc then memset would
 * become calloc again). */
static void *(*volatile zero_fill)(void *, int, size_t) = memset;

/* A zeroed table of n entries of size bytes (the memo, the intern table), written now. A
 * large calloc is fresh pages from mmap that read as zeros: the first look-up maps the zero
 * page, the first store then replaces it, and with another thread of the process running
 * on another core that replacement flushes its TLB by an interrupt (the memo's stores were
 * 3% of the -j 2 samples there). Written at once, each page is faulted in once, for
 * writing, and nothing is flushed. */
static void *table_new(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    void *t = malloc(n * size);
    if (t != NULL)
        zero_fill(t, 0, n * size);
    return t;
}

/* Mixes a kind and three pointers into a hash (intern table and memo). */
static unsigned hash3(unsigned k, const void *a, const void *b, const void *x)
{
    uint64_t h = k * 0x9E3779B97F4A7C15ull;
    h ^= (uintptr_t)a + 0x7F4A7C15u + (h << 6) + (h >> 2);
    h ^= (uintptr_t)b + 0x9E3779B9u + (h << 6) + (h >> 2);
    h ^= (uintptr_t)x + 0x85EBCA6Bu + (h << 6) + (h >> 2);
    return (unsigned)(h ^ (h >> 32));
}

/* Doubles the intern table (a power of two), rehashing its chains. */
static int tab_grow(tk_rngv *v)
{
    size_t cap = v->tab_cap ? v->tab_cap * 2 : 4096;
    pat **t = table_new(cap, sizeof *t);
    if (t == NULL)
        return -1;
    for (size_t i = 0; i < v->tab_cap; i++)
        for (pat *p = v->tab[i], *nx; p != NULL; p = nx) {
            nx = p->next;
            p->next = t[p->hash & (cap - 1)];
            t[p->hash & (cap - 1)] = p;
        }
    free(v->tab);
    v->tab = t;
    v->tab_cap = cap;
    return 0;
}

/* The one pattern (k, a, b, x). */
static pat *intern(tk_rngv *v, enum kind k, pat *a, pat *b, void *x)
{
    unsigned h = hash3(k, a, b, x);
    const tk_rngv *base = v->base;
    if (base != NULL) /* the schema's own patterns first (read-only: threads share them) */
        for (pat *p = base->tab[h & (base->tab_cap - 1)]; p != NULL; p = p->next)
            if (p->hash == h && p->k == k && p->a == a && p->b == b && p->x == x)
                return p;
    if (v->tab_cap != 0)
        for (pat *p = v->tab[h & (v->tab_cap - 1)]; p != NULL; p = p->next)
            if (p->hash == h && p->k == k && p->a == a && p->b == b && p->x == x)
                return p;
    if (v->tab_n * 2 >= v->tab_cap && tab_grow(v) != 0) {
        v->broken = 1;
        return v->na;
    }
    if (v->blocks == NULL || v->block_used == BLOCK_PATS) {
        struct block *blk = malloc(sizeof *blk);
        if (blk == NULL) {
            v->broken = 1;
            return v->na;
        }
        blk->next = v->blocks;
        v->blocks = blk;
        v->block_used = 0;
    }
    pat *p = &v->blocks->pats[v->block_used++];
    memset(p, 0, sizeof *p);
    p->k = (unsigned char)k;
    p->a = a;
    p->b = b;
    p->x = x;
    p->hash = h;
    switch (k) {
    case K_CHOICE:
        p->nullable = a->nullable || b->nullable;
        p->has_data = a->has_data || b->has_data;
        break;
    case K_GROUP:
    case K_INTERLEAVE:
        p->nullable = a->nullable && b->nullable;
        p->has_data = a->has_data || b->has_data;
        break;
    case K_ONEORMORE:
        p->nullable = a->nullable;
        p->has_data = a->has_data;
        break;
    case K_AFTER: p->has_data = a->has_data; break;
    case K_LIST:
    case K_DATA:
    case K_DATAEXCEPT:
    case K_VALUE: p->has_data = 1; break;
    default: break;
    }
    p->next = v->tab[h & (v->tab_cap - 1)];
    v->tab[h & (v->tab_cap - 1)] = p;
    v->tab_n++;
    return p;
}

/* Constructors with RelaxNG's simplifications (notAllowed and empty absorbed). */
static pat *choice(tk_rngv *v, pat *a, pat *b)
{
    if (a->k == K_NA)
        return b;
    if (b->k == K_NA || a == b)
        return a;
    if (a > b) { /* one order: choice is commutative */
        pat *t = a;
        a = b;
        b = t;
    }
    return intern(v, K_CHOICE, a, b, NULL);
}

/* A group or an interleave of a and b, simplified: notAllowed absorbs, empty is neutral. */
static pat *sequence(tk_rngv *v, int kind, pat *a, pat *b)
{
    if (a->k == K_NA || b->k == K_NA)
        return v->na;
    if (a->k == K_EMPTY)
        return b;
    if (b->k == K_EMPTY)
        return a;
    return intern(v, kind, a, b, NULL);
}

static pat *group(tk_rngv *v, pat *a, pat *b) { return sequence(v, K_GROUP, a, b); }

static pat *interleave(tk_rngv *v, pat *a, pat *b) { return sequence(v, K_INTERLEAVE, a, b); }

static pat *after(tk_rngv *v, pat *a, pat *b)
{
    if (a->k == K_NA || b->k == K_NA)
        return v->na;
    return intern(v, K_AFTER, a, b, NULL);
}

static pat *one_or_more(tk_rngv *v, pat *a)
{
    if (a->k == K_NA || a->k == K_EMPTY)
        return a;
    return intern(v, K_ONEORMORE, a, NULL, NULL);
}

/* ------------------------------------------------------------------- memo --------- */

static size_t memo_slot(const tk_rngv *v, int op, const pat *p, const void *k1, const void *k2)
{
    return hash3((unsigned)op, p, k1, k2) & (v->memo_cap - 1);
}

/* The memoized result of operation op on p with keys k1, k2, or NULL (open addressing). */
static pat *memo_get(const tk_rngv *v, int op, const pat *p, const void *k1, const void *k2)
{
    if (v->memo_cap == 0)
        return NULL;
    for (size_t i = memo_slot(v, op, p, k1, k2);; i = (i + 1) & (v->memo_cap - 1)) {
        const struct memo *m = &v->memo[i];
        if (m->op == 0)
            return NULL;
        if (m->op == op && m->p == p && m->k1 == k1 && m->k2 == k2)
            return m->r;
    }
}

/* Forgets every memoized result, or (only_att) those keyed by attribute values. */
static void memo_clear(tk_rngv *v, int only_att)
{
    if (!only_att) {
        memset(v->memo, 0, v->memo_cap * sizeof *v->memo);
        v->memo_n = 0;
        return;
    }
    /* drop the entries keyed by attribute values (open addressing: rebuild) */
    struct memo *old = v->memo;
    size_t cap = v->memo_cap;
    v->memo = table_new(cap, sizeof *v->memo);
    v->memo_n = 0;
    if (v->memo == NULL) {
        v->memo = old;
        memo_clear(v, 0);
        return;
    }
    for (size_t i = 0; i < cap; i++) {
        if (old[i].op == 0 || old[i].op == OP_VALUE) /* keyed by a value of v->values */
            continue;
        size_t j = memo_slot(v, old[i].op, old[i].p, old[i].k1, old[i].k2);
        while (v->memo[j].op != 0)
            j = (j + 1) & (cap - 1);
        v->memo[j] = old[i];
        v->memo_n++;
    }
    free(old);
}

/* Memoizes r and returns it; the table doubles up to 2^21 entries, then starts again. */
static pat *memo_put(tk_rngv *v, int op, const pat *p, const void *k1, const void *k2, pat *r)
{
    if (v->memo_n * 2 >= v->memo_cap) {
        size_t cap = v->memo_cap ? v->memo_cap * 2 : 4096;
        if (cap > ((size_t)1 << 21)) { /* bounded (80 MB): start again rather than grow */
            memo_clear(v, 0);
        } else {
            struct memo *m = table_new(cap, sizeof *m);
            if (m == NULL)
                return r;
            struct memo *old = v->memo;
            size_t oc = v->memo_cap;
            v->memo = m;
            v->memo_cap = cap;
            v->memo_n = 0;
            for (size_t i = 0; i < oc; i++)
                if (old[i].op != 0) {
                    size_t j = memo_slot(v, old[i].op, old[i].p, old[i].k1, old[i].k2);
                    while (m[j].op != 0)
                        j = (j + 1) & (cap - 1);
                    m[j] = old[i];
                    v->memo_n++;
                }
            free(old);
        }
    }
    size_t i = memo_slot(v, op, p, k1, k2);
    while (v->memo[i].op != 0)
        i = (i + 1) & (v->memo_cap - 1);
    v->memo[i] = (struct memo){(unsigned char)op, p, k1, k2, r};
    v->memo_n++;
    return r;
}

/* ------------------------------------------------------------ schema to patterns -- */

static int is_rng(xmlNodePtr n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
           (name == NULL || xmlStrEqual(n->name, BAD_CAST name));
}

static xmlNodePtr rng_next(xmlNodePtr n)
{
    while (n != NULL && !is_rng(n, NULL))
        n = n->next;
    return n;
}

static xmlNodePtr rng_first(xmlNodePtr parent) { return rng_next(parent->children); }

/* The value of an attribute inherited from the nearest RelaxNG ancestor that has it. */
static const xmlChar *inherited(xmlNodePtr n, const char *attr)
{
    for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
        xmlAttrPtr a = xmlHasNsProp(n, BAD_CAST attr, NULL);
        if (a != NULL && a->children != NULL && a->children->content != NULL)
            return a->children->content;
    }
    return BAD_CAST "";
}

/* A trimmed copy of a node's text (xmlFree). */
static xmlChar *trimmed_text(xmlNodePtr n)
{
    xmlChar *s = xmlNodeGetContent(n);
    if (s == NULL)
        return NULL;
    size_t b = 0, e = (size_t)xmlStrlen(s);
    while (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
        e--;
    memmove(s, s + b, e - b);
    s[e - b] = '\0';
    return s;
}

/* Resolves a QName of a name class (ctx: the node it appears on) into interned parts. */
static void qname(tk_rngv *v, xmlNodePtr ctx, const xmlChar *q, int attribute,
                  const xmlChar **ns, const xmlChar **local)
{
    const xmlChar *colon = xmlStrchr(q, ':');
    if (colon == NULL) {
        *local = xmlDictLookup(v->dict, q, -1);
        /* an attribute's name attribute without prefix is in no namespace unless ns is on
           the attribute pattern itself; a <name> takes the inherited ns */
        if (attribute && is_rng(ctx, "attribute")) {
            xmlAttrPtr a = xmlHasNsProp(ctx, BAD_CAST "ns", NULL);
            *ns = xmlDictLookup(v->dict,
                                a != NULL && a->children != NULL ? a->children->content
                                                                 : BAD_CAST "",
                                -1);
        } else {
            *ns = xmlDictLookup(v->dict, inherited(ctx, "ns"), -1);
        }
        return;
    }
    xmlChar *prefix = xmlStrndup(q, (int)(colon - q));
    /* "xml" is bound for ever: answered here, because xmlSearchNs would add the binding to
       the schema's document (doc->oldNs), which threads building engines share read-only */
    int xml = prefix != NULL && xmlStrEqual(prefix, BAD_CAST "xml");
    xmlNsPtr x = prefix != NULL && !xml ? xmlSearchNs(ctx->doc, ctx, prefix) : NULL;
    const xmlChar *href = xml ? BAD_CAST XML_NS : x != NULL ? x->href : BAD_CAST "";
    *ns = xmlDictLookup(v->dict, href, -1);
    *local = xmlDictLookup(v->dict, colon + 1, -1);
    xmlFree(prefix);
}

static struct nc *nc_new(tk_rngv *v, enum nck k)
{
    struct nc *c = keep(v, calloc(1, sizeof *c));
    if (c != NULL)
        c->k = k;
    return c;
}

/* The name class of a <name>, <anyName>, <nsName> or <choice> node. */
static struct nc *conv_nc(tk_rngv *v, xmlNodePtr n, int attribute)
{
    struct nc *c = NULL;
    if (is_rng(n, "name")) {
        xmlChar *t = trimmed_text(n);
        if ((c = nc_new(v, NC_NAME)) != NULL && t != NULL)
            qname(v, n, t, attribute, &c->ns, &c->local);
        xmlFree(t);
        if (c != NULL && c->local == NULL)
            c->local = c->ns = xmlDictLookup(v->dict, BAD_CAST "", -1);
        return c;
    }
    if (is_rng(n, "anyName") || is_rng(n, "nsName")) {
        c = nc_new(v, is_rng(n, "anyName") ? NC_ANY : NC_NS);
        if (c == NULL)
            return NULL;
        if (c->k == NC_NS) {
            xmlAttrPtr a = xmlHasNsProp(n, BAD_CAST "ns", NULL);
            c->ns = xmlDictLookup(v->dict,
                                  a != NULL && a->children != NULL ? a->children->content
                                                                   : inherited(n, "ns"),
                                  -1);
        }
        xmlNodePtr ex = rng_first(n);
        if (is_rng(ex, "except")) { /* except: a choice of its name classes */
            for (xmlNodePtr e = rng_first(ex); e != NULL; e = rng_next(e->next)) {
                struct nc *x = conv_nc(v, e, attribute);
                if (c->a == NULL) {
                    c->a = x;
                } else {
                    struct nc *ch = nc_new(v, NC_CHOICE);
                    if (ch != NULL) {
                        ch->a = c->a;
                        ch->b = x;
                        c->a = ch;
                    }
                }
            }
        }
        return c;
    }
    if (is_rng(n, "choice")) {
        for (xmlNodePtr e = rng_first(n); e != NULL; e = rng_next(e->next)) {
            struct nc *x = conv_nc(v, e, attribute);
            if (c == NULL) {
                c = x;
            } else {
                struct nc *ch = nc_new(v, NC_CHOICE);
                if (ch != NULL) {
                    ch->a = c;
                    ch->b = x;
                    c = ch;
                }
            }
        }
        return c;
    }
    v->broken = 1;
    return NULL;
}

/* 1 when the name class takes the name (ns and local interned: compared as pointers). */
static int nc_contains(const struct nc *c, const xmlChar *ns, const xmlChar *local)
{
    if (c == NULL)
        return 0;
    switch (c->k) {
    case NC_NAME: return c->ns == ns && c->local == local;
    case NC_ANY: return !nc_contains(c->a, ns, local);
    case NC_NS: return c->ns == ns && !nc_contains(c->a, ns, local);
    case NC_CHOICE: return nc_contains(c->a, ns, local) || nc_contains(c->b, ns, local);
    }
    return 0;
}

/* The name class of an element or attribute pattern: its name attribute or first child. */
static struct nc *pattern_nc(tk_rngv *v, xmlNodePtr n, int attribute, xmlNodePtr *content)
{
    xmlChar *name = xmlGetNsProp(n, BAD_CAST "name", NULL);
    struct nc *c;
    if (name != NULL) {
        xmlChar *t = name;
        while (*t == ' ' || *t == '\t' || *t == '\n')
            t++;
        size_t l = (size_t)xmlStrlen(t);
        while (l > 0 && (t[l - 1] == ' ' || t[l - 1] == '\t' || t[l - 1] == '\n'))
            t[--l] = '\0';
        if ((c = nc_new(v, NC_NAME)) != NULL)
            qname(v, n, t, attribute, &c->ns, &c->local);
        xmlFree(name);
        *content = rng_first(n);
    } else {
        xmlNodePtr first = rng_first(n);
        c = first != NULL ? conv_nc(v, first, attribute) : NULL;
        *content = first != NULL ? rng_next(first->next) : NULL;
    }
    if (c == NULL)
        v->broken = 1;
    return c;
}

static pat *conv(tk_rngv *v, xmlNodePtr n, int depth);

/* The patterns from c on, combined with k (group, choice, interleave). */
static pat *conv_seq(tk_rngv *v, xmlNodePtr c, enum kind k, int depth)
{
    pat *r = NULL;
    for (c = rng_next(c); c != NULL; c = rng_next(c->next)) {
        pat *x = conv(v, c, depth);
        r = r == NULL ? x
            : k == K_CHOICE ? choice(v, r, x)
            : k == K_INTERLEAVE ? interleave(v, r, x)
                                : group(v, r, x);
    }
    return r != NULL ? r : v->empty;
}

/* A datatype (or value) node's description. */
static struct dtype *conv_dtype(tk_rngv *v, xmlNodePtr n, int is_value)
{
    struct dtype *d = keep(v, calloc(1, sizeof *d));
    if (d == NULL)
        return NULL;
    const xmlChar *lib = inherited(n, "datatypeLibrary");
    xmlChar *type = xmlGetNsProp(n, BAD_CAST "type", NULL);
    d->type = keep(v, strdup(type != NULL ? (const char *)type : is_value ? "token" : "string"));
    d->normalize = !(type != NULL && xmlStrEqual(type, BAD_CAST "string"));
    if (*lib != '\0' && type != NULL) {
        if (!xmlStrEqual(lib, BAD_CAST XSD_NS)) {
            v->broken = 1; /* an unknown datatype library: libxml2's validator takes it */
        } else {
            d->t = xmlSchemaGetPredefinedType(type, BAD_CAST "http://www.w3.org/2001/XMLSchema");
            if (d->t == NULL)
                v->broken = 1;
        }
    }
    xmlFree(type);
    if (is_value) {
        d->value = xmlNodeGetContent(n);
        if (d->value != NULL)
            keep(v, d->value);
        return d;
    }
    char params[512] = "";
    size_t pl = 0;
    for (xmlNodePtr p = rng_first(n); p != NULL; p = rng_next(p->next)) {
        if (!is_rng(p, "param"))
            continue;
        xmlChar *pname = xmlGetNsProp(p, BAD_CAST "name", NULL);
        xmlChar *pval = xmlNodeGetContent(p);
        static const struct {
            const char *name;
            xmlSchemaTypeType t;
            const char *say;
        } facets[] = {
            {"pattern", XML_SCHEMA_FACET_PATTERN, "matching"},
            {"minInclusive", XML_SCHEMA_FACET_MININCLUSIVE, ">="},
            {"maxInclusive", XML_SCHEMA_FACET_MAXINCLUSIVE, "<="},
            {"minExclusive", XML_SCHEMA_FACET_MINEXCLUSIVE, ">"},
            {"maxExclusive", XML_SCHEMA_FACET_MAXEXCLUSIVE, "<"},
            {"length", XML_SCHEMA_FACET_LENGTH, "of length"},
            {"minLength", XML_SCHEMA_FACET_MINLENGTH, "of length >="},
            {"maxLength", XML_SCHEMA_FACET_MAXLENGTH, "of length <="},
        };
        size_t i = 0;
        while (pname != NULL && i < sizeof facets / sizeof *facets &&
               strcmp(facets[i].name, (const char *)pname) != 0)
            i++;
        xmlSchemaFacetPtr f = NULL;
        if (pname != NULL && pval != NULL && d->t != NULL && i < sizeof facets / sizeof *facets)
            f = xmlSchemaNewFacet();
        if (f == NULL) {
            v->broken = 1;
        } else {
            f->type = facets[i].t;
            f->value = keep(v, pval); /* the facet does not free its value: the engine does */
            pval = NULL;
            if (f->value == NULL || xmlSchemaCheckFacet(f, d->t, NULL, BAD_CAST d->type) != 0) {
                xmlSchemaFreeFacet(f);
                v->broken = 1;
            } else {
                xmlSchemaFacetPtr *nf = realloc(d->facets, (size_t)(d->nf + 1) * sizeof *nf);
                if (nf == NULL) {
                    xmlSchemaFreeFacet(f);
                    v->broken = 1;
                } else {
                    d->facets = nf;
                    d->facets[d->nf++] = f;
                    if (pl < sizeof params)
                        pl += (size_t)snprintf(params + pl, sizeof params - pl, " %s \"%s\"",
                                               facets[i].say, (const char *)f->value);
                }
            }
        }
        xmlFree(pname);
        xmlFree(pval);
    }
    d->params = keep(v, strdup(params));
    return d;
}

static pat *define_pattern(tk_rngv *v, const xmlChar *name, int depth);

/* The pattern of a RelaxNG node, simplified as it is built (zeroOrMore, optional and mixed
 * rewritten; notAllowed and empty absorbed); an unsupported construct breaks the engine. */
static pat *conv(tk_rngv *v, xmlNodePtr n, int depth)
{
    if (depth > 4000 || v->broken) {
        v->broken = 1;
        return v->na;
    }
    const char *t = (const char *)n->name;
    if (strcmp(t, "element") == 0) {
        /* one pattern per <element> node; its content is converted on first use */
        pat *p = intern(v, K_ELEMENT, NULL, NULL, n);
        if (p->nc == NULL && p != v->na) {
            xmlNodePtr content;
            p->nc = pattern_nc(v, n, 0, &content);
        }
        return p;
    }
    if (strcmp(t, "attribute") == 0) {
        xmlNodePtr content;
        struct nc *c = pattern_nc(v, n, 1, &content);
        pat *value = content != NULL ? conv_seq(v, content, K_GROUP, depth + 1) : v->text;
        return intern(v, K_ATTRIBUTE, value, NULL, c);
    }
    if (strcmp(t, "ref") == 0) {
        xmlChar *name = xmlGetNsProp(n, BAD_CAST "name", NULL);
        pat *p = name != NULL ? define_pattern(v, name, depth + 1) : NULL;
        xmlFree(name);
        if (p == NULL)
            v->broken = 1;
        return p != NULL ? p : v->na;
    }
    if (strcmp(t, "choice") == 0)
        return conv_seq(v, n->children, K_CHOICE, depth + 1);
    if (strcmp(t, "interleave") == 0)
        return conv_seq(v, n->children, K_INTERLEAVE, depth + 1);
    if (strcmp(t, "mixed") == 0)
        return interleave(v, conv_seq(v, n->children, K_GROUP, depth + 1), v->text);
    if (strcmp(t, "group") == 0)
        return conv_seq(v, n->children, K_GROUP, depth + 1);
    if (strcmp(t, "oneOrMore") == 0)
        return one_or_more(v, conv_seq(v, n->children, K_GROUP, depth + 1));
    if (strcmp(t, "zeroOrMore") == 0)
        return choice(v, one_or_more(v, conv_seq(v, n->children, K_GROUP, depth + 1)),
                      v->empty);
    if (strcmp(t, "optional") == 0)
        return choice(v, conv_seq(v, n->children, K_GROUP, depth + 1), v->empty);
    if (strcmp(t, "list") == 0)
        return intern(v, K_LIST, conv_seq(v, n->children, K_GROUP, depth + 1), NULL, NULL);
    if (strcmp(t, "empty") == 0)
        return v->empty;
    if (strcmp(t, "text") == 0)
        return v->text;
    if (strcmp(t, "notAllowed") == 0)
        return v->na;
    if (strcmp(t, "value") == 0)
        return intern(v, K_VALUE, NULL, NULL, conv_dtype(v, n, 1));
    if (strcmp(t, "data") == 0) {
        struct dtype *d = conv_dtype(v, n, 0);
        xmlNodePtr ex = NULL;
        for (xmlNodePtr c = rng_first(n); c != NULL; c = rng_next(c->next))
            if (is_rng(c, "except"))
                ex = c;
        if (ex != NULL)
            return intern(v, K_DATAEXCEPT, conv_seq(v, ex->children, K_CHOICE, depth + 1),
                          NULL, d);
        return intern(v, K_DATA, NULL, NULL, d);
    }
    v->broken = 1; /* externalRef, parentRef, grammar, include: not for this engine */
    return v->na;
}

/* The pattern of a define (its parts combined by choice or interleave), converted once. */
static pat *define_pattern(tk_rngv *v, const xmlChar *name, int depth)
{
    pat *p = xmlHashLookup(v->conv, name);
    if (p != NULL)
        return p;
    xmlNodePtr *list = xmlHashLookup(v->defs, name);
    if (list == NULL)
        return NULL;
    /* a ref back to a define being converted without an element between is an error of
       the schema; the placeholder ends the recursion */
    xmlHashAddEntry(v->conv, name, v->na);
    int inter = 0;
    for (size_t i = 1; list[i] != NULL; i++) {
        xmlChar *comb = xmlGetNsProp(list[i], BAD_CAST "combine", NULL);
        if (comb != NULL && xmlStrEqual(comb, BAD_CAST "interleave"))
            inter = 1;
        xmlFree(comb);
    }
    pat *r = NULL;
    for (size_t i = 1; list[i] != NULL; i++) {
        pat *x = conv_seq(v, list[i]->children, K_GROUP, depth);
        r = r == NULL ? x : inter ? interleave(v, r, x) : choice(v, r, x);
    }
    xmlHashUpdateEntry(v->conv, name, r, NULL);
    return r;
}

static void free_deflist(void *payload, const xmlChar *name)
{
    (void)name;
    free(payload);
}

/* Collects the defines and start of a grammar (through div). */
static void collect(tk_rngv *v, xmlNodePtr g)
{
    for (xmlNodePtr c = rng_first(g); c != NULL; c = rng_next(c->next)) {
        if (is_rng(c, "div")) {
            collect(v, c);
            continue;
        }
        xmlChar *name = NULL;
        if (is_rng(c, "start"))
            name = xmlStrdup(BAD_CAST " start");
        else if (is_rng(c, "define"))
            name = xmlGetNsProp(c, BAD_CAST "name", NULL);
        else {
            v->broken = 1; /* include and the like */
            continue;
        }
        if (name == NULL)
            continue;
        xmlNodePtr *list = xmlHashLookup(v->defs, name);
        size_t n = 0;
        if (list != NULL)
            while (list[n + 1] != NULL)
                n++;
        /* list[0] is unused (keeps the array non-empty), list[1..n] the parts, NULL */
        xmlNodePtr *nl = realloc(list, (n + 3) * sizeof *nl);
        if (nl == NULL) {
            v->broken = 1;
        } else {
            nl[0] = NULL;
            nl[n + 1] = c;
            nl[n + 2] = NULL;
            if (list == NULL)
                xmlHashAddEntry(v->defs, name, nl);
            else
                xmlHashUpdateEntry(v->defs, name, nl, NULL);
        }
        xmlFree(name);
    }
}

/* Converts an element pattern's content on first use. */
static pat *content_of(tk_rngv *v, pat *e)
{
    if (e->content == NULL && v->base != NULL) { /* (the base converted every one) */
        v->broken = 1;
        return v->na;
    }
    if (e->content == NULL) {
        xmlNodePtr content;
        pattern_nc(v, e->x, 0, &content);
        e->content = content != NULL ? conv_seq(v, content, K_GROUP, 0) : v->empty;
    }
    return e->content;
}

/* Indexes every element pattern of the schema by name (for recovery) and converts its
 * content (so that a schema this engine cannot take is known before validating). */
static void index_elements(tk_rngv *v, xmlNodePtr n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_rng(n, "element")) {
            pat *p = conv(v, n, 0);
            content_of(v, p);
            const struct nc *c = p->nc;
            if (c != NULL && c->k != NC_NAME)
                v->wild = v->wild != NULL ? choice(v, v->wild, p) : p;
            if (c != NULL && c->k == NC_NAME) {
                char key[2048];
                snprintf(key, sizeof key, "%s %s", c->ns, c->local);
                pat *old = xmlHashLookup(v->byname, BAD_CAST key);
                if (old == NULL)
                    xmlHashAddEntry(v->byname, BAD_CAST key, p);
                else
                    xmlHashUpdateEntry(v->byname, BAD_CAST key, choice(v, old, p), NULL);
            }
        }
        index_elements(v, n->children);
    }
}

/* Frees the libxml2 facets of every datatype (the rest is in v->allocs). */
static void free_dtype_facets(tk_rngv *v)
{
    for (size_t i = 0; i < v->tab_cap; i++)
        for (pat *p = v->tab[i]; p != NULL; p = p->next)
            if ((p->k == K_DATA || p->k == K_DATAEXCEPT) && p->x != NULL) {
                struct dtype *d = p->x;
                for (int f = 0; f < d->nf; f++)
                    xmlSchemaFreeFacet(d->facets[f]); /* (its value is in v->allocs) */
                free(d->facets);
                d->facets = NULL;
                d->nf = 0;
            }
}

void tk_rngv_free(tk_rngv *v)
{
    if (v == NULL)
        return;
    free_dtype_facets(v);
    for (struct block *b = v->blocks, *nx; b != NULL; b = nx) {
        nx = b->next;
        free(b);
    }
    free(v->tab);
    free(v->memo);
    free(v->open);
    for (size_t i = 0; i < v->n_allocs; i++)
        free(v->allocs[i]);
    free(v->allocs);
    if (v->defs != NULL)
        xmlHashFree(v->defs, free_deflist);
    if (v->conv != NULL)
        xmlHashFree(v->conv, NULL);
    if (v->byname != NULL && v->base == NULL)
        xmlHashFree(v->byname, NULL);
    if (v->dict != NULL)
        xmlDictFree(v->dict);
    if (v->values != NULL)
        xmlDictFree(v->values);
    free(v);
}

tk_rngv *tk_rngv_new(xmlDocPtr rng)
{
    xmlNodePtr root = rng != NULL ? xmlDocGetRootElement(rng) : NULL;
    tk_rngv *v = calloc(1, sizeof *v);
    if (v == NULL)
        return NULL;
    v->rng = rng;
    v->na_s.k = K_NA;
    v->empty_s.k = K_EMPTY;
    v->empty_s.nullable = 1;
    v->text_s.k = K_TEXT;
    v->text_s.nullable = 1;
    v->na = &v->na_s;
    v->empty = &v->empty_s;
    v->text = &v->text_s;
    v->dict = xmlDictCreate();
    v->defs = xmlHashCreate(1024);
    v->conv = xmlHashCreate(1024);
    v->byname = xmlHashCreate(1024);
    xmlSchemaInitTypes();
    if (v->dict == NULL || v->defs == NULL || v->conv == NULL || v->byname == NULL ||
        root == NULL) {
        tk_rngv_free(v);
        return NULL;
    }
    if (is_rng(root, "grammar")) {
        collect(v, root);
        v->start = define_pattern(v, BAD_CAST " start", 0);
    } else {
        v->start = conv(v, root, 0);
    }
    if (v->start != NULL && !v->broken)
        index_elements(v, root);
    if (v->start == NULL || v->broken) {
        tk_rngv_free(v);
        return NULL;
    }
    return v;
}

tk_rngv *tk_rngv_clone(const tk_rngv *base)
{
    if (base == NULL || base->base != NULL || base->broken)
        return NULL;
    tk_rngv *v = calloc(1, sizeof *v);
    if (v == NULL)
        return NULL;
    v->base = base;
    v->rng = base->rng;
    v->na = base->na;
    v->empty = base->empty;
    v->text = base->text;
    v->start = base->start;
    v->wild = base->wild;
    v->byname = base->byname; /* not owned: tk_rngv_free leaves it */
    /* names: the schema's come from the base's dictionary (so that they compare as
       pointers), a document's others go into the clone's own */
    v->dict = xmlDictCreateSub(base->dict);
    if (v->dict == NULL) {
        tk_rngv_free(v);
        return NULL;
    }
    return v;
}

/* ----------------------------------------------------------------- datatypes ----- */

static int is_ws(xmlChar c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int all_ws(const xmlChar *s)
{
    for (; *s; s++)
        if (!is_ws(*s))
            return 0;
    return 1;
}

/* Compares two values with whitespace collapsed. */
static int eq_normalized(const xmlChar *a, const xmlChar *b)
{
    for (;;) {
        while (is_ws(*a))
            a++;
        while (is_ws(*b))
            b++;
        if (*a == '\0' || *b == '\0')
            return *a == *b;
        while (*a && !is_ws(*a) && *a == *b) {
            a++;
            b++;
        }
        if ((*a && !is_ws(*a)) || (*b && !is_ws(*b)))
            return 0;
    }
}

/* 1 when s equals a <value> (with whitespace collapsed unless its type is string). */
static int value_ok(const struct dtype *d, const xmlChar *s)
{
    if (d == NULL || d->value == NULL)
        return 0;
    return d->normalize ? eq_normalized(d->value, s) : xmlStrEqual(d->value, s);
}

/* 1 when s is a value of the datatype and fits its parameters. */
static int data_ok(const struct dtype *d, const xmlChar *s)
{
    if (d == NULL)
        return 0;
    if (d->t == NULL)
        return 1; /* built-in string and token accept everything */
    xmlSchemaValPtr val = NULL;
    int ok = xmlSchemaValPredefTypeNode(d->t, s, &val, NULL) == 0;
    for (int i = 0; ok && i < d->nf; i++) {
        /* pattern facets see the value as written (whitespace collapsed for tokens) */
        ok = xmlSchemaValidateFacet(d->t, d->facets[i], s, val) == 0;
        if (!ok && d->facets[i]->type == XML_SCHEMA_FACET_PATTERN) {
            xmlChar *c = xmlSchemaCollapseString(s);
            if (c != NULL) {
                ok = xmlSchemaValidateFacet(d->t, d->facets[i], c, val) == 0;
                xmlFree(c);
            }
        }
    }
    if (val != NULL)
        xmlSchemaFreeValue(val);
    return ok;
}

/* ----------------------------------------------------------------- derivatives ---- */

static pat *text_d(tk_rngv *v, pat *p, const xmlChar *s, int lax);

/* Whether a list's words match p. */
static int list_ok(tk_rngv *v, pat *p, const xmlChar *s, int lax)
{
    while (*s) {
        while (is_ws(*s))
            s++;
        if (*s == '\0')
            break;
        const xmlChar *e = s;
        while (*e && !is_ws(*e))
            e++;
        xmlChar *w = xmlStrndup(s, (int)(e - s));
        if (w == NULL)
            return 0;
        p = text_d(v, p, w, lax);
        xmlFree(w);
        s = e;
    }
    return p->nullable;
}

/* textDeriv; lax takes every value as fitting its datatype (recovery). */
static pat *text_d(tk_rngv *v, pat *p, const xmlChar *s, int lax)
{
    int memo = !p->has_data;
    if (memo) {
        pat *r = memo_get(v, OP_TEXT, p, NULL, NULL);
        if (r != NULL)
            return r;
    }
    pat *r;
    switch (p->k) {
    case K_CHOICE: r = choice(v, text_d(v, p->a, s, lax), text_d(v, p->b, s, lax)); break;
    case K_INTERLEAVE:
        r = choice(v, interleave(v, text_d(v, p->a, s, lax), p->b),
                   interleave(v, p->a, text_d(v, p->b, s, lax)));
        break;
    case K_GROUP: {
        pat *g = group(v, text_d(v, p->a, s, lax), p->b);
        r = p->a->nullable ? choice(v, g, text_d(v, p->b, s, lax)) : g;
        break;
    }
    case K_AFTER: r = after(v, text_d(v, p->a, s, lax), p->b); break;
    case K_ONEORMORE:
        r = group(v, text_d(v, p->a, s, lax), choice(v, p, v->empty));
        break;
    case K_TEXT: r = p; break;
    case K_VALUE: r = lax || value_ok(p->x, s) ? v->empty : v->na; break;
    case K_DATA: r = lax || data_ok(p->x, s) ? v->empty : v->na; break;
    case K_DATAEXCEPT:
        r = lax || (data_ok(p->x, s) && !text_d(v, p->a, s, 0)->nullable) ? v->empty : v->na;
        break;
    case K_LIST: r = lax || list_ok(v, p->a, s, 0) ? v->empty : v->na; break;
    default: r = v->na; break;
    }
    return memo ? memo_put(v, OP_TEXT, p, NULL, NULL, r) : r;
}

/* applyAfter with f = x -> combine(x, other) (or combine(other, x) when left). */
enum comb { C_GROUP, C_INTER_L, C_INTER_R, C_AFTER };
static pat *apply_after(tk_rngv *v, pat *p, enum comb c, pat *other)
{
    switch (p->k) {
    case K_AFTER: {
        pat *b = c == C_GROUP     ? group(v, p->b, other)
                 : c == C_INTER_L ? interleave(v, p->b, other)
                 : c == C_INTER_R ? interleave(v, other, p->b)
                                  : after(v, p->b, other);
        return after(v, p->a, b);
    }
    case K_CHOICE:
        return choice(v, apply_after(v, p->a, c, other), apply_after(v, p->b, c, other));
    default: return v->na;
    }
}

/* startTagOpenDeriv for the name (ns, local), interned. */
static pat *open_d(tk_rngv *v, pat *p, const xmlChar *ns, const xmlChar *local)
{
    pat *r = memo_get(v, OP_OPEN, p, ns, local);
    if (r != NULL)
        return r;
    switch (p->k) {
    case K_CHOICE: r = choice(v, open_d(v, p->a, ns, local), open_d(v, p->b, ns, local)); break;
    case K_ELEMENT:
        r = nc_contains(p->nc, ns, local)
                ? after(v, content_of(v, p), v->empty)
                : v->na;
        break;
    case K_INTERLEAVE:
        r = choice(v, apply_after(v, open_d(v, p->a, ns, local), C_INTER_L, p->b),
                   apply_after(v, open_d(v, p->b, ns, local), C_INTER_R, p->a));
        break;
    case K_ONEORMORE:
        r = apply_after(v, open_d(v, p->a, ns, local), C_GROUP, choice(v, p, v->empty));
        break;
    case K_GROUP: {
        pat *x = apply_after(v, open_d(v, p->a, ns, local), C_GROUP, p->b);
        r = p->a->nullable ? choice(v, x, open_d(v, p->b, ns, local)) : x;
        break;
    }
    case K_AFTER: r = apply_after(v, open_d(v, p->a, ns, local), C_AFTER, p->b); break;
    default: r = v->na; break;
    }
    return memo_put(v, OP_OPEN, p, ns, local, r);
}

/* startTagOpenDeriv that may skip required content first (jing's recovery for an element
 * that comes too early: the state continues after the element as if the skipped content
 * had been there). */
static pat *open_rec(tk_rngv *v, pat *p, const xmlChar *ns, const xmlChar *local)
{
    pat *r = memo_get(v, OP_RECOVER, p, ns, local);
    if (r != NULL)
        return r;
    switch (p->k) {
    case K_CHOICE:
        r = choice(v, open_rec(v, p->a, ns, local), open_rec(v, p->b, ns, local));
        break;
    case K_ELEMENT: r = open_d(v, p, ns, local); break;
    case K_INTERLEAVE:
        r = choice(v, apply_after(v, open_rec(v, p->a, ns, local), C_INTER_L, p->b),
                   apply_after(v, open_rec(v, p->b, ns, local), C_INTER_R, p->a));
        break;
    case K_ONEORMORE:
        r = apply_after(v, open_rec(v, p->a, ns, local), C_GROUP, choice(v, p, v->empty));
        break;
    case K_GROUP:
        r = choice(v, apply_after(v, open_rec(v, p->a, ns, local), C_GROUP, p->b),
                   open_rec(v, p->b, ns, local));
        break;
    case K_AFTER: r = apply_after(v, open_rec(v, p->a, ns, local), C_AFTER, p->b); break;
    default: r = v->na; break;
    }
    return memo_put(v, OP_RECOVER, p, ns, local, r);
}

/* attDeriv; lax: the value is taken as fitting (recovery after a bad value). */
static pat *att_d(tk_rngv *v, pat *p, const xmlChar *ns, const xmlChar *local,
                  const xmlChar *val, int lax)
{
    switch (p->k) {
    case K_AFTER: return after(v, att_d(v, p->a, ns, local, val, lax), p->b);
    case K_CHOICE:
        return choice(v, att_d(v, p->a, ns, local, val, lax),
                      att_d(v, p->b, ns, local, val, lax));
    case K_GROUP:
        return choice(v, group(v, att_d(v, p->a, ns, local, val, lax), p->b),
                      group(v, p->a, att_d(v, p->b, ns, local, val, lax)));
    case K_INTERLEAVE:
        return choice(v, interleave(v, att_d(v, p->a, ns, local, val, lax), p->b),
                      interleave(v, p->a, att_d(v, p->b, ns, local, val, lax)));
    case K_ONEORMORE:
        return group(v, att_d(v, p->a, ns, local, val, lax), choice(v, p, v->empty));
    case K_ATTRIBUTE:
        if (!nc_contains(p->x, ns, local))
            return v->na;
        if (lax || (p->a->nullable && all_ws(val)) || text_d(v, p->a, val, 0)->nullable)
            return v->empty;
        return v->na;
    default: return v->na;
    }
}

/* startTagCloseDeriv; lax takes missing attributes as present (recovery). */
static pat *close_d(tk_rngv *v, pat *p, int lax)
{
    pat *r = memo_get(v, OP_CLOSE, p, lax ? v : NULL, NULL);
    if (r != NULL)
        return r;
    switch (p->k) {
    case K_AFTER: r = after(v, close_d(v, p->a, lax), p->b); break;
    case K_CHOICE: r = choice(v, close_d(v, p->a, lax), close_d(v, p->b, lax)); break;
    case K_GROUP: r = group(v, close_d(v, p->a, lax), close_d(v, p->b, lax)); break;
    case K_INTERLEAVE: r = interleave(v, close_d(v, p->a, lax), close_d(v, p->b, lax)); break;
    case K_ONEORMORE: r = one_or_more(v, close_d(v, p->a, lax)); break;
    case K_ATTRIBUTE: r = lax ? v->empty : v->na; break;
    default: r = p; break;
    }
    return memo_put(v, OP_CLOSE, p, lax ? v : NULL, NULL, r);
}

/* endTagDeriv; lax closes the element even when its content is incomplete. */
static pat *end_d(tk_rngv *v, pat *p, int lax)
{
    pat *r = memo_get(v, OP_END, p, lax ? v : NULL, NULL);
    if (r != NULL)
        return r;
    switch (p->k) {
    case K_CHOICE: r = choice(v, end_d(v, p->a, lax), end_d(v, p->b, lax)); break;
    case K_AFTER: r = lax || p->a->nullable ? p->b : v->na; break;
    default: r = v->na; break;
    }
    return memo_put(v, OP_END, p, lax ? v : NULL, NULL, r);
}

/* ----------------------------------------------------------------- messages ------- */

/* A growing, sorted, unique list of names (for "expected" lists). */
struct names {
    char **v;
    int n, cap, more, text, end;
};

static void names_add(struct names *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        char **nv = l->n < 100000 ? realloc(l->v, (size_t)cap * sizeof *nv) : NULL;
        if (nv == NULL) {
            l->more++;
            return;
        }
        l->v = nv;
        l->cap = cap;
    }
    char *c = strdup(s);
    if (c != NULL)
        l->v[l->n++] = c;
}

static void names_free(struct names *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The name of a name class's name as written in documents ("xml:id", "xsi:type"). */
static void nc_names(const struct nc *c, struct names *l, int attribute)
{
    if (c == NULL)
        return;
    char buf[600];
    switch (c->k) {
    case NC_NAME:
        if (*c->ns && strcmp((const char *)c->ns, XML_NS) == 0)
            snprintf(buf, sizeof buf, "\"xml:%s\"", c->local);
        else if (attribute && *c->ns)
            snprintf(buf, sizeof buf, "\"%s\" (namespace \"%s\")", c->local, c->ns);
        else
            snprintf(buf, sizeof buf, "\"%s\"", c->local);
        names_add(l, buf);
        return;
    case NC_CHOICE:
        nc_names(c->a, l, attribute);
        nc_names(c->b, l, attribute);
        return;
    case NC_ANY:
    case NC_NS:
        /* a wildcard: said as such, with its namespace and whether it has exceptions */
        snprintf(buf, sizeof buf, "any %s%s%s%s%s", attribute ? "attribute" : "element",
                 c->k == NC_NS ? " in namespace \"" : "",
                 c->k == NC_NS ? (const char *)c->ns : "", c->k == NC_NS ? "\"" : "",
                 c->a != NULL ? " (with exceptions)" : "");
        names_add(l, buf);
        return;
    }
}

/* What may come next in content state p: element names, text, the end. */
static void expect_content(const pat *p, struct names *l, int depth)
{
    if (depth > 2000)
        return;
    switch (p->k) {
    case K_CHOICE:
    case K_INTERLEAVE:
        expect_content(p->a, l, depth + 1);
        expect_content(p->b, l, depth + 1);
        return;
    case K_GROUP:
        expect_content(p->a, l, depth + 1);
        if (p->a->nullable)
            expect_content(p->b, l, depth + 1);
        return;
    case K_ONEORMORE: expect_content(p->a, l, depth + 1); return;
    case K_AFTER:
        expect_content(p->a, l, depth + 1);
        if (p->a->nullable)
            l->end = 1;
        return;
    case K_ELEMENT: nc_names(p->nc, l, 0); return;
    case K_TEXT:
    case K_DATA:
    case K_DATAEXCEPT:
    case K_VALUE:
    case K_LIST: l->text = 1; return;
    default: return;
    }
}

/* The attributes state p still allows (required == 1: only those whose absence fails). */
static void expect_atts(const pat *p, struct names *l, int depth)
{
    if (depth > 2000)
        return;
    switch (p->k) {
    case K_CHOICE:
    case K_INTERLEAVE:
    case K_GROUP:
        expect_atts(p->a, l, depth + 1);
        expect_atts(p->b, l, depth + 1);
        return;
    case K_ONEORMORE:
    case K_AFTER: expect_atts(p->a, l, depth + 1); return;
    case K_ATTRIBUTE: nc_names(p->x, l, 1); return;
    default: return;
    }
}

/* The attribute patterns of state p (at most 256). */
static void att_patterns(const pat *p, const pat **out, int *n, int depth)
{
    if (depth > 2000 || *n >= 256)
        return;
    switch (p->k) {
    case K_CHOICE:
    case K_INTERLEAVE:
    case K_GROUP:
        att_patterns(p->a, out, n, depth + 1);
        att_patterns(p->b, out, n, depth + 1);
        return;
    case K_ONEORMORE:
    case K_AFTER: att_patterns(p->a, out, n, depth + 1); return;
    case K_ATTRIBUTE:
        for (int i = 0; i < *n; i++)
            if (out[i] == p)
                return;
        out[(*n)++] = p;
        return;
    default: return;
    }
}

/* Writes `"a", "b", ... (N more)` (sorted) into buf. */
static size_t names_fmt(struct names *l, char *buf, size_t size, size_t len, int shown_max)
{
    if (l->n > 0)
        qsort(l->v, (size_t)l->n, sizeof *l->v, cmp_cstr);
    int i = 0;
    for (; i < l->n && i < shown_max && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", l->v[i]);
    if ((i < l->n || l->more) && len < size)
        len += (size_t)snprintf(buf + len, size - len, ", ... (%d more)",
                                l->n - i + l->more);
    if (len > size)
        len = size;
    return len;
}

/* "expected text, "a", "b" or the end of "x"" from content state p. */
static void expected_content(const pat *p, const char *el, char *buf, size_t size)
{
    struct names l = {0};
    expect_content(p, &l, 0);
    size_t len = (size_t)snprintf(buf, size, "expected ");
    int any = 0;
    if (l.text) {
        len += (size_t)snprintf(buf + len, size - len, "text");
        any = 1;
    }
    if (l.n > 0) {
        if (any)
            len += (size_t)snprintf(buf + len, size - len, ", ");
        len = names_fmt(&l, buf, size, len, 8);
        any = 1;
    }
    if (l.end && len < size)
        snprintf(buf + len, size - len, "%sthe end of \"%s\"", any ? " or " : "", el);
    else if (!any)
        snprintf(buf, size, "nothing");
    names_free(&l);
}

/* Describes the values a pattern allows: `an anyURI matching "\S+"`, `"a", "b" or "c"`. */
static void describe_value(const pat *p, struct names *l, int depth)
{
    char buf[700];
    if (depth > 200)
        return;
    switch (p->k) {
    case K_CHOICE:
    case K_GROUP:
    case K_INTERLEAVE:
        describe_value(p->a, l, depth + 1);
        describe_value(p->b, l, depth + 1);
        return;
    case K_ONEORMORE: describe_value(p->a, l, depth + 1); return;
    case K_VALUE: {
        const struct dtype *d = p->x;
        snprintf(buf, sizeof buf, "\"%s\"", d != NULL && d->value ? (char *)d->value : "");
        names_add(l, buf);
        return;
    }
    case K_DATA:
    case K_DATAEXCEPT: {
        const struct dtype *d = p->x;
        snprintf(buf, sizeof buf, "of type %s%s%s", d->type, d->params,
                 p->k == K_DATAEXCEPT ? " (with exceptions)" : "");
        names_add(l, buf);
        return;
    }
    case K_LIST: {
        struct names in = {0};
        describe_value(p->a, &in, depth + 1);
        char lb[600];
        names_fmt(&in, lb, sizeof lb, 0, 6);
        names_free(&in);
        snprintf(buf, sizeof buf, "a list of (%s)", lb);
        names_add(l, buf);
        return;
    }
    case K_TEXT: names_add(l, "text"); return;
    case K_EMPTY: names_add(l, "empty"); return;
    default: return;
    }
}

/* The value patterns of the attributes named (ns, local) in state p. */
static void att_values(const pat *p, const xmlChar *ns, const xmlChar *local, struct names *l,
                       int depth)
{
    if (depth > 2000)
        return;
    switch (p->k) {
    case K_CHOICE:
    case K_INTERLEAVE:
    case K_GROUP:
        att_values(p->a, ns, local, l, depth + 1);
        att_values(p->b, ns, local, l, depth + 1);
        return;
    case K_ONEORMORE:
    case K_AFTER: att_values(p->a, ns, local, l, depth + 1); return;
    case K_ATTRIBUTE:
        if (nc_contains(p->x, ns, local))
            describe_value(p->a, l, depth + 1);
        return;
    default: return;
    }
}

/* The value patterns that text may match first in content state p. */
static void text_values(const pat *p, struct names *l, int depth)
{
    if (depth > 2000)
        return;
    switch (p->k) {
    case K_CHOICE:
    case K_INTERLEAVE:
        text_values(p->a, l, depth + 1);
        text_values(p->b, l, depth + 1);
        return;
    case K_GROUP:
        text_values(p->a, l, depth + 1);
        if (p->a->nullable)
            text_values(p->b, l, depth + 1);
        return;
    case K_ONEORMORE:
    case K_AFTER: text_values(p->a, l, depth + 1); return;
    case K_DATA:
    case K_DATAEXCEPT:
    case K_VALUE:
    case K_LIST: describe_value(p, l, depth + 1); return;
    default: return;
    }
}

static void say(tk_rngv *v, xmlNodePtr at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reports one error at node at (its end tag when v->at_end is set). */
static void say(tk_rngv *v, xmlNodePtr at, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    v->errors++;
    if (v->report != NULL)
        v->report(v->user, at, v->at_end, buf);
}

/* An element's or attribute's name as written: with its prefix. */
static void shown_name(xmlNsPtr ns, const xmlChar *name, char *buf, size_t size)
{
    if (ns != NULL && ns->prefix != NULL)
        snprintf(buf, size, "%s:%s", ns->prefix, name);
    else
        snprintf(buf, size, "%s", name);
}

/* "a, b or c" from a value description list. */
static void values_fmt(struct names *l, char *buf, size_t size)
{
    size_t len = 0;
    if (l->n > 0)
        qsort(l->v, (size_t)l->n, sizeof *l->v, cmp_cstr);
    int shown = l->n < 12 ? l->n : 12;
    for (int i = 0; i < shown && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                i == 0 ? "" : i == l->n - 1 ? " or " : ", ", l->v[i]);
    if ((shown < l->n || l->more) && len < size)
        snprintf(buf + len, size - len, ", ... (%d more)", l->n - shown + l->more);
    if (l->n == 0)
        snprintf(buf, size, "nothing");
    (void)0;
}

/* The named element patterns that may come first in content state p (at most max). */
static void first_names(const pat *p, const struct nc **out, int *n, int max, int depth)
{
    if (depth > 2000 || *n >= max)
        return;
    switch (p->k) {
    case K_CHOICE:
    case K_INTERLEAVE:
        first_names(p->a, out, n, max, depth + 1);
        first_names(p->b, out, n, max, depth + 1);
        return;
    case K_GROUP:
        first_names(p->a, out, n, max, depth + 1);
        if (p->a->nullable)
            first_names(p->b, out, n, max, depth + 1);
        return;
    case K_ONEORMORE:
    case K_AFTER: first_names(p->a, out, n, max, depth + 1); return;
    case K_ELEMENT:
        if (p->nc != NULL && p->nc->k == NC_NAME) {
            for (int i = 0; i < *n; i++)
                if (out[i]->ns == p->nc->ns && out[i]->local == p->nc->local)
                    return;
            out[(*n)++] = p->nc;
        }
        return;
    default: return;
    }
}

/* The elements whose presence alone, first in state p, would let what follows fit: an
 * element named (ns, local) come (local != NULL) or the element end (local == NULL). They go
 * into l as names; returns how many. */
static int missing_before(tk_rngv *v, pat *p, const xmlChar *ns, const xmlChar *local,
                          struct names *l)
{
    enum { MAX = 256 };
    const struct nc *first[MAX];
    int n = 0, found = 0;
    first_names(p, first, &n, MAX, 0);
    for (int i = 0; i < n; i++) {
        /* the state after an element of that name, whatever its attributes and content */
        pat *q = end_d(v, close_d(v, open_d(v, p, first[i]->ns, first[i]->local), 1), 1);
        pat *r = local != NULL ? open_d(v, q, ns, local) : end_d(v, q, 0);
        if (q->k != K_NA && r->k != K_NA) {
            nc_names(first[i], l, 0);
            found++;
        }
    }
    return found;
}

/* "missing required element "x"" (or one of several) when one element would do, else the
 * expected list of state p (el: the name of the element whose content p is). */
static void missing_or_expected(tk_rngv *v, pat *p, const xmlChar *ns, const xmlChar *local,
                                const char *el, char *buf, size_t size)
{
    struct names l = {0};
    if (missing_before(v, p, ns, local, &l) > 0) {
        size_t len = (size_t)snprintf(buf, size, "%s ",
                                      l.n > 1 ? "missing one of" : "missing required element");
        names_fmt(&l, buf, size, len, 8);
    } else {
        expected_content(p, el, buf, size);
    }
    names_free(&l);
}

/* ----------------------------------------------------------------- validation ----- */


/* How an open element's content is looked at. */
enum fmode {
    F_VALID,   /* validated against the state p */
    F_UNKNOWN, /* no pattern takes it: only its child elements the schema names are validated */
    F_SKIP     /* left alone with its content */
};

/* An open element. */
struct frame {
    unsigned char mode;     /* enum fmode */
    unsigned char elements; /* an element child has come (its content is not one string) */
    unsigned char discard;  /* F_VALID: its result does not go to the parent's state */
    int depth;
    pat *p;      /* F_VALID: the state of its content so far */
    pat *resume; /* F_VALID: the parent's state after it when it was skipped (or NULL) */
};

/* The interned form of a name string of the document: a pointer cache in front of the
 * dictionary (the parser's names are themselves interned, so most look-ups hit). */
static const xmlChar *iname(tk_rngv *v, const xmlChar *s)
{
    size_t h = ((uintptr_t)s >> 4) & (sizeof v->names / sizeof *v->names - 1);
    if (v->names[h].src == s && s != NULL)
        return v->names[h].name;
    const xmlChar *r = xmlDictLookup(v->dict, s != NULL ? s : BAD_CAST "", -1);
    v->names[h].src = s;
    v->names[h].name = r;
    return r;
}

/* Collects the value patterns of the attribute patterns of p named (ns, local): *leaf is
 * the only one, or v->na when there are several. */
static void att_leaf(tk_rngv *v, const pat *p, const xmlChar *ns, const xmlChar *local,
                     pat **leaf, int depth)
{
    if (depth > 2000) {
        *leaf = v->na;
        return;
    }
    switch (p->k) {
    case K_CHOICE:
    case K_INTERLEAVE:
    case K_GROUP:
        att_leaf(v, p->a, ns, local, leaf, depth + 1);
        att_leaf(v, p->b, ns, local, leaf, depth + 1);
        return;
    case K_ONEORMORE:
    case K_AFTER: att_leaf(v, p->a, ns, local, leaf, depth + 1); return;
    case K_ATTRIBUTE:
        if (nc_contains(p->x, ns, local))
            *leaf = *leaf == NULL || *leaf == p->a ? p->a : v->na;
        return;
    default: return;
    }
}

/* attDeriv by an attribute with value ival (interned). When one value pattern decides for
 * that name (the usual case), the derivative is the value-blind one or notAllowed, and both
 * it and the value's fit are memoized; else the full derivative is computed. */
static pat *att_step(tk_rngv *v, pat *p, const xmlChar *ns, const xmlChar *local,
                     const xmlChar *ival)
{
    pat *any = memo_get(v, OP_ATT_NAME, p, ns, local);
    if (any == NULL)
        any = memo_put(v, OP_ATT_NAME, p, ns, local, att_d(v, p, ns, local, BAD_CAST "", 1));
    if (any->k == K_NA)
        return any;
    pat *leaf = memo_get(v, OP_ATT_LEAF, p, ns, local);
    if (leaf == NULL) {
        att_leaf(v, p, ns, local, &leaf, 0);
        leaf = memo_put(v, OP_ATT_LEAF, p, ns, local, leaf != NULL ? leaf : v->na);
    }
    if (leaf->k == K_NA) /* several: the full derivative */
        return att_d(v, p, ns, local, ival, 0);
    pat *fit = memo_get(v, OP_VALUE, leaf, ival, NULL);
    if (fit == NULL) {
        int ok = (leaf->nullable && all_ws(ival)) || text_d(v, leaf, ival, 0)->nullable;
        fit = memo_put(v, OP_VALUE, leaf, ival, NULL, ok ? v->empty : v->na);
    }
    return fit->k == K_NA ? fit : any;
}

/* The text of a run of character nodes from *c on (comments and PIs are skipped, as in
 * RelaxNG's data model); *c is left after the run. Returns a malloc'd string or NULL. */
static xmlChar *text_run(xmlNodePtr *c)
{
    xmlChar *s = NULL;
    xmlNodePtr n = *c;
    for (; n != NULL; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            s = xmlStrcat(s, n->content != NULL ? n->content : BAD_CAST "");
        } else if (n->type == XML_ENTITY_REF_NODE) {
            xmlChar *t = xmlNodeGetContent(n);
            s = xmlStrcat(s, t != NULL ? t : BAD_CAST "");
            xmlFree(t);
        } else if (n->type != XML_COMMENT_NODE && n->type != XML_PI_NODE &&
                   n->type != XML_XINCLUDE_START && n->type != XML_XINCLUDE_END) {
            break;
        }
    }
    *c = n;
    return s != NULL ? s : xmlStrdup(BAD_CAST "");
}

/* The first node of the run of character nodes that ends before `before` (a child of el, or
 * NULL for el's end): the node after the last element child before it, or el's first child.
 * Earlier siblings may have been freed by a streaming parser; the run itself is in place. */
static xmlNodePtr run_start(xmlNodePtr el, xmlNodePtr before)
{
    xmlNodePtr n = before != NULL ? before->prev : el->last;
    xmlNodePtr first = before != NULL ? before : NULL;
    for (; n != NULL && n->type != XML_ELEMENT_NODE; n = n->prev)
        first = n;
    return first != NULL && first != before ? first : NULL;
}

/* Validates the text between two element children of el (mixed content): the run starting
 * at c; white space alone is always allowed. */
static void v_run(tk_rngv *v, struct frame *f, xmlNodePtr el, xmlNodePtr c)
{
    if (c == NULL)
        return;
    xmlNodePtr first = c;
    xmlChar *s = text_run(&c);
    if (!all_ws(s)) {
        pat *t = text_d(v, f->p, s, 0);
        if (t->k == K_NA) {
            char exp[1200];
            expected_content(f->p, (const char *)el->name, exp, sizeof exp);
            xmlNodePtr at = first;
            while (at != NULL && at->type != XML_TEXT_NODE && at->type != XML_CDATA_SECTION_NODE)
                at = at->next;
            say(v, at != NULL ? at : el, "text not allowed here in \"%s\"; %s", el->name, exp);
        } else {
            f->p = t;
        }
    }
    xmlFree(s);
}

/* The content of an element without element children: one string (data and values see it
 * whole). Returns the state after it. */
static pat *v_text_only(tk_rngv *v, pat *p, xmlNodePtr el)
{
    xmlNodePtr c = el->children;
    xmlChar *s = text_run(&c);
    pat *t = text_d(v, p, s, 0);
    if (all_ws(s))
        t = choice(v, p, t);
    if (t->k == K_NA) {
        pat *lax = text_d(v, p, s, 1);
        struct names l = {0};
        char exp[1200];
        if (lax->k != K_NA) {
            text_values(p, &l, 0);
            values_fmt(&l, exp, sizeof exp);
            say(v, el, "content of \"%s\" is invalid: \"%.200s\" is not %s", el->name, s, exp);
            t = lax;
        } else {
            expected_content(p, (const char *)el->name, exp, sizeof exp);
            say(v, el, "text not allowed inside \"%s\"; %s", el->name, exp);
            t = p;
        }
        names_free(&l);
    }
    xmlFree(s);
    return t;
}

/* el's name is allowed nowhere in p (p1 had no place for it, now or later): says so, and
 * returns the state to check el against, the patterns of its name (the parent's state then
 * resumes at p), or NULL when there are none (f->mode is set: el is not validated). */
static pat *v_misplaced(tk_rngv *v, pat *p, xmlNodePtr el, const xmlChar *ns,
                        const xmlChar *local, const char *name, struct frame *f)
{
    char key[2048], exp[1200];
    snprintf(key, sizeof key, "%s %s", ns, local);
    pat *any = xmlHashLookup(v->byname, BAD_CAST key);
    /* only a wildcard takes the name (tei_all's anyName in egXML): said, but the content
       is not checked against the wildcard's patterns (their exceptions would report each
       child of the element again) */
    int wild_only = any == NULL && v->wild != NULL &&
                    open_d(v, v->wild, ns, local)->k != K_NA;
    xmlNodePtr parent = el->parent != NULL && el->parent->type == XML_ELEMENT_NODE
                            ? el->parent
                            : NULL;
    if (parent == NULL) {
        struct names l = {0};
        expect_content(p, &l, 0);
        size_t len = names_fmt(&l, exp, sizeof exp, 0, 8);
        if (len == 0)
            snprintf(exp, sizeof exp, "nothing");
        names_free(&l);
        say(v, el, "element \"%s\"%s%s%s not allowed as the document element; expected %s",
            name, *ns ? " (namespace \"" : " (no namespace)", *ns ? (const char *)ns : "",
            *ns ? "\")" : "", exp);
    } else {
        expected_content(p, (const char *)parent->name, exp, sizeof exp);
        /* an unprefixed name in another namespace than its parent's: say which */
        char other[700] = "";
        if (*ns && el->ns->prefix == NULL &&
            (parent->ns == NULL || !xmlStrEqual(parent->ns->href, ns)))
            snprintf(other, sizeof other, " (namespace \"%s\")", ns);
        if (p->k != K_NA)
            say(v, el, "element \"%s\"%s not allowed %s%s%s%s; %s", name, other,
                any == NULL && !wild_only ? "anywhere in the schema" : "here in \"",
                any == NULL && !wild_only ? "" : (const char *)parent->name,
                any == NULL && !wild_only ? "" : "\"",
                wild_only ? " (no element of the schema has this name)" : "", exp);
    }
    if (any == NULL) { /* nothing to check its content against but its elements' own */
        f->mode = wild_only ? F_SKIP : F_UNKNOWN;
        return NULL;
    }
    return open_d(v, any, ns, local);
}

/* Attribute a of el has no place in p2 (its name or its value): says so and returns the
 * state to go on with (the value taken when the name is allowed, else p2). name is el's
 * name as written (filled here when empty; size bytes). */
static pat *v_bad_att(tk_rngv *v, pat *p2, xmlNodePtr el, xmlAttrPtr a, const xmlChar *ans,
                      const xmlChar *alocal, const xmlChar *ival, const xmlChar *val,
                      char *name, size_t size)
{
    pat *q;
    if (name[0] == '\0')
        shown_name(el->ns, el->name, name, size);
    char aname[600];
    shown_name(a->ns, a->name, aname, sizeof aname);
    pat *lax = att_d(v, p2, ans, alocal, ival, 1);
    struct names l = {0};
    char exp[1500];
    if (lax->k != K_NA) {
        att_values(p2, ans, alocal, &l, 0);
        values_fmt(&l, exp, sizeof exp);
        say(v, el, "value \"%.200s\" of attribute \"%s\" on \"%s\" is invalid; must be %s",
            val, aname, name, exp);
        q = lax;
    } else {
        expect_atts(p2, &l, 0);
        size_t len = names_fmt(&l, exp, sizeof exp, 0, 10);
        if (len == 0)
            snprintf(exp, sizeof exp, "none");
        say(v, el, "attribute \"%s\" not allowed on \"%s\"; allowed here: %s", aname,
            name, exp);
        q = p2;
    }
    names_free(&l);
    return q;
}

/* The attributes of el from state p1 on: returns the state after them, or NULL when out
 * of memory (v->broken is set). name: as for v_bad_att. */
static pat *v_atts(tk_rngv *v, pat *p1, xmlNodePtr el, char *name, size_t size)
{
    pat *p2 = p1;
    for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
        const xmlChar *ans = iname(v, a->ns != NULL ? a->ns->href : NULL);
        const xmlChar *alocal = iname(v, a->name);
        /* the value: the text node itself when there is one (the usual case) */
        xmlChar *own = NULL;
        const xmlChar *val = a->children != NULL && a->children->next == NULL &&
                                     a->children->type == XML_TEXT_NODE
                                 ? a->children->content
                                 : (own = xmlNodeListGetString(el->doc, a->children, 1));
        const xmlChar *ival = xmlDictLookup(v->values, val != NULL ? val : BAD_CAST "", -1);
        if (ival == NULL) {
            xmlFree(own);
            v->broken = 1;
            return NULL;
        }
        pat *q = att_step(v, p2, ans, alocal, ival);
        if (q->k == K_NA)
            q = v_bad_att(v, p2, el, a, ans, alocal, ival, val, name, size);
        p2 = q;
        xmlFree(own);
    }
    return p2;
}

/* The end of el's start tag after its attributes (state p2): returns the state of its
 * content; when required attributes are missing, says which and goes on as if they were
 * there. name: as for v_bad_att. */
static pat *v_start_end(tk_rngv *v, pat *p2, xmlNodePtr el, char *name, size_t size)
{
    pat *p3 = close_d(v, p2, 0);
    if (p3->k == K_NA) {
        if (name[0] == '\0')
            shown_name(el->ns, el->name, name, size);
        /* the attributes whose presence alone would close the start tag */
        struct names req = {0};
        const pat *atts[256];
        int n = 0;
        att_patterns(p2, atts, &n, 0);
        for (int i = 0; i < n; i++) {
            const struct nc *c = atts[i]->x;
            if (c->k == NC_NAME &&
                close_d(v, att_d(v, p2, c->ns, c->local, BAD_CAST "", 1), 0)->k != K_NA)
                nc_names(c, &req, 1);
        }
        char exp[1200];
        names_fmt(&req, exp, sizeof exp, 0, 10);
        if (req.n == 1)
            say(v, el, "element \"%s\" misses required attribute %s", name, exp);
        else if (req.n > 1)
            say(v, el, "element \"%s\" misses a required attribute: one of %s", name, exp);
        else
            say(v, el, "element \"%s\" misses required attributes", name);
        names_free(&req);
        p3 = close_d(v, p2, 1);
    }
    return p3;
}

/* The start tag of el (its attributes), in its parent's state p: fills f (mode F_VALID with
 * the state of its content, or F_UNKNOWN / F_SKIP when it is not validated: the parent's state
 * then stays p). */
static void v_start(tk_rngv *v, pat *p, xmlNodePtr el, struct frame *f)
{
    const xmlChar *ns = iname(v, el->ns != NULL ? el->ns->href : NULL);
    const xmlChar *local = iname(v, el->name);
    f->mode = F_SKIP;
    if (v->broken || ns == NULL || local == NULL)
        return;
    char name[600] = ""; /* as written, for messages (filled on the first one) */
    pat *p1 = open_d(v, p, ns, local);
    if (p1->k == K_NA)
        shown_name(el->ns, el->name, name, sizeof name);
    pat *resume = NULL; /* the parent's state when this element is skipped */
    if (p1->k == K_NA && p->k != K_NA &&
        (p1 = open_rec(v, p, ns, local))->k != K_NA) {
        /* allowed later: required content is missing before it */
        char exp[1200];
        missing_or_expected(v, p, ns, local,
                            el->parent != NULL ? (const char *)el->parent->name : "", exp,
                            sizeof exp);
        say(v, el, "element \"%s\" not allowed yet; %s", name, exp);
    } else if (p1->k == K_NA) {
        if ((p1 = v_misplaced(v, p, el, ns, local, name, f)) == NULL)
            return;
        resume = p;
    }
    pat *p2 = v_atts(v, p1, el, name, sizeof name);
    if (p2 == NULL)
        return;
    pat *p3 = v_start_end(v, p2, el, name, sizeof name);
    f->mode = F_VALID;
    f->p = p3;
    f->resume = resume;
}

/* The end of el's content (f its frame, F_VALID): the text after its last element child (or
 * its whole text), then its end tag. Returns the parent's state after el. */
static pat *v_end(tk_rngv *v, struct frame *f, xmlNodePtr el)
{
    pat *p4;
    if (!f->elements) {
        p4 = v_text_only(v, f->p, el);
    } else {
        v_run(v, f, el, run_start(el, NULL));
        p4 = f->p;
    }
    pat *p5 = end_d(v, p4, 0);
    if (p5->k == K_NA) {
        char exp[1200], name[600];
        shown_name(el->ns, el->name, name, sizeof name);
        missing_or_expected(v, p4, NULL, NULL, (const char *)el->name, exp, sizeof exp);
        v->at_end = 1;
        say(v, el, "element \"%s\" incomplete; %s", name, exp);
        v->at_end = 0;
        p5 = end_d(v, p4, 1);
    }
    return f->resume != NULL ? f->resume : p5;
}

/* Attribute values are memo keys: bounded (within a document too, so that streaming one
 * does not grow with it), they are forgotten together with the memo entries they key. No
 * value is held between start tags. */
static void values_bound(tk_rngv *v)
{
    if (v->values == NULL || xmlDictSize(v->values) <= 200000)
        return;
    memo_clear(v, 1);
    xmlDictFree(v->values);
    if ((v->values = xmlDictCreate()) == NULL)
        v->broken = 1;
}

int tk_rngv_begin(tk_rngv *v, tk_rngv_error_fn report, void *user)
{
    v->report = report;
    v->user = user;
    v->errors = 0;
    v->n_open = 0;
    memset(v->names, 0, sizeof v->names); /* the pointers were the previous document's */
    if (v->values == NULL && (v->values = xmlDictCreate()) == NULL)
        return -1;
    return 0;
}

void tk_rngv_start(tk_rngv *v, xmlNodePtr el)
{
    if (v->n_open == v->cap_open) {
        size_t cap = v->cap_open ? v->cap_open * 2 : 64;
        struct frame *n = realloc(v->open, cap * sizeof *n);
        if (n == NULL) {
            v->broken = 1;
            return;
        }
        v->open = n;
        v->cap_open = cap;
    }
    struct frame *up = v->n_open > 0 ? &v->open[v->n_open - 1] : NULL;
    struct frame f = {.mode = F_SKIP, .depth = up != NULL ? up->depth + 1 : 0};
    if (up == NULL) {
        v_start(v, v->start, el, &f);
        f.discard = 1;
    } else if (up->mode == F_VALID) {
        /* the text since the previous element child (the first one: mixed content) */
        up->elements = 1;
        v_run(v, up, el->parent, run_start(el->parent, el));
        v_start(v, up->p, el, &f);
    } else if (up->mode == F_UNKNOWN && up->depth < 1000) {
        /* inside an unknown element: validated against the patterns of its name, if any */
        const xmlChar *ns = iname(v, el->ns != NULL ? el->ns->href : NULL);
        const xmlChar *local = iname(v, el->name);
        char key[2048];
        snprintf(key, sizeof key, "%s %s", ns, local);
        pat *any = ns != NULL && local != NULL ? xmlHashLookup(v->byname, BAD_CAST key) : NULL;
        if (any != NULL) {
            v_start(v, any, el, &f);
            f.discard = 1;
        } else if (ns != NULL && local != NULL &&
                   (v->wild == NULL || open_d(v, v->wild, ns, local)->k == K_NA)) {
            f.mode = F_UNKNOWN; /* (a wildcard's content allows what it holds) */
        }
    }
    v->open[v->n_open++] = f;
    values_bound(v);
}

void tk_rngv_end(tk_rngv *v, xmlNodePtr el)
{
    if (v->n_open == 0)
        return;
    struct frame f = v->open[--v->n_open];
    if (f.mode != F_VALID || v->broken)
        return;
    pat *r = v_end(v, &f, el);
    if (!f.discard && v->n_open > 0 && v->open[v->n_open - 1].mode == F_VALID)
        v->open[v->n_open - 1].p = r;
}

int tk_rngv_finish(tk_rngv *v)
{
    values_bound(v);
    v->report = NULL;
    v->user = NULL;
    if (v->broken || v->n_open != 0)
        return -1;
    return v->errors > 0;
}

/* Gives the engine el and its descendants in document order (a tree at hand). */
static void v_walk(tk_rngv *v, xmlNodePtr el)
{
    tk_rngv_start(v, el);
    for (xmlNodePtr c = el->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            v_walk(v, c);
    tk_rngv_end(v, el);
}

int tk_rngv_validate(tk_rngv *v, xmlDocPtr doc, tk_rngv_error_fn report, void *user)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root == NULL || tk_rngv_begin(v, report, user) != 0)
        return -1;
    v_walk(v, root);
    return tk_rngv_finish(v);
}
