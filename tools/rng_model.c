/* rng_model.c: what each element of a RelaxNG schema allows (children, attributes, text),
 * and why an element's children do not fit its content model, for validation messages; over
 * the grammar model prune.c builds (rng_internal.h). */
#include "validate_internal.h"
#include "rng_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

/* -------------------------------------------------------------- analysis ------- */

/* What one element name allows, merged over its patterns. */
struct einfo {
    xmlHashTablePtr children; /* "ns local" -> 1 */
    xmlHashTablePtr attrs;
    int text;
    int any_child; /* a wildcard element is allowed */
    xmlNodePtr patterns[8]; /* the element patterns of this name (for explanations) */
    int n_patterns;
};

struct tk_rng_info {
    xmlHashTablePtr elements; /* "ns local" -> struct einfo */
    struct grammar *g;        /* kept for explanations */
    pthread_mutex_t lock;     /* explanations use the grammar's scratch fields */
    struct pat *pool;         /* the explanations' arena (ARENA_MAX patterns, under lock):
                                 made once, not per message (12 MB each time) */
};

static void einfo_free(void *payload, const xmlChar *name)
{
    (void)name;
    struct einfo *e = payload;
    xmlHashFree(e->children, NULL);
    xmlHashFree(e->attrs, NULL);
    free(e);
}

struct collect {
    struct grammar *g;
    struct einfo *into;
    int attr_mode;
};

static void add_child_name(const char *ns, const char *local, void *user)
{
    struct collect *c = user;
    char key[1024];
    snprintf(key, sizeof key, "%s %s", ns, local);
    xmlHashTablePtr h = c->attr_mode ? c->into->attrs : c->into->children;
    if (xmlHashLookup(h, BAD_CAST key) == NULL)
        xmlHashAddEntry(h, BAD_CAST key, (void *)1);
}

/* Collects the names of child elements, attributes and text reachable in the content of
 * one element pattern, not descending into child elements. */
static void collect_content(struct collect *c, xmlNodePtr n)
{
    for (; n != NULL; n = tk_rng_next_pattern(n)) {
        const xmlChar *t = n->name;
        if (xmlStrEqual(t, BAD_CAST "element")) {
            c->attr_mode = 0;
            if (!tk_rng_pattern_names(n, add_child_name, c))
                c->into->any_child = 1;
        } else if (xmlStrEqual(t, BAD_CAST "attribute")) {
            c->attr_mode = 1;
            tk_rng_pattern_names(n, add_child_name, c);
            c->attr_mode = 0;
        } else if (xmlStrEqual(t, BAD_CAST "text") || xmlStrEqual(t, BAD_CAST "data") ||
                   xmlStrEqual(t, BAD_CAST "value") || xmlStrEqual(t, BAD_CAST "list")) {
            c->into->text = 1;
        } else if (xmlStrEqual(t, BAD_CAST "mixed")) {
            c->into->text = 1;
            collect_content(c, tk_rng_patterns_of(n));
        } else if (xmlStrEqual(t, BAD_CAST "ref")) {
            struct defgroup *dg = tk_rng_ref_target(c->g, n);
            if (dg == NULL || dg->visiting)
                continue;
            dg->visiting = 1;
            for (size_t i = 0; i < dg->n; i++)
                collect_content(c, tk_rng_patterns_of(dg->nodes[i]));
            dg->visiting = 0;
        } else if (!xmlStrEqual(t, BAD_CAST "notAllowed") &&
                   !xmlStrEqual(t, BAD_CAST "empty")) {
            collect_content(c, tk_rng_patterns_of(n));
        }
    }
}

struct info_build {
    tk_rng_info *info;
    struct grammar *g;
    xmlNodePtr pattern; /* the element pattern being analysed */
    int failed;
};

/* Merges what the current pattern allows into the einfo of one of its names. */
static void info_for_name(const char *ns, const char *local, void *user)
{
    struct info_build *b = user;
    char key[1024];
    snprintf(key, sizeof key, "%s %s", ns, local);
    struct einfo *e = xmlHashLookup(b->info->elements, BAD_CAST key);
    if (e == NULL) {
        e = calloc(1, sizeof *e);
        if (e == NULL) {
            b->failed = 1;
            return;
        }
        e->children = xmlHashCreate(16);
        e->attrs = xmlHashCreate(16);
        if (e->children == NULL || e->attrs == NULL ||
            xmlHashAddEntry(b->info->elements, BAD_CAST key, e) != 0) {
            einfo_free(e, NULL);
            b->failed = 1;
            return;
        }
    }
    struct collect c = {b->g, e, 0};
    collect_content(&c, tk_rng_first_pattern(b->pattern));
    if (e->n_patterns < 8)
        e->patterns[e->n_patterns++] = b->pattern;
}

static void info_walk(struct info_build *b, xmlNodePtr n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_rng(n, "element")) {
            b->pattern = n;
            tk_rng_pattern_names(n, info_for_name, b);
        }
        info_walk(b, n->children);
    }
}

tk_rng_info *tk_rng_info_new(xmlDocPtr rng)
{
    tk_rng_info *info = calloc(1, sizeof *info);
    if (info == NULL)
        return NULL;
    info->elements = xmlHashCreate(256);
    struct grammar *g = tk_rng_grammar_new(rng);
    if (info->elements == NULL || g == NULL) {
        tk_rng_grammar_free(g);
        tk_rng_info_free(info);
        return NULL;
    }
    struct info_build b = {info, g, NULL, 0};
    info_walk(&b, xmlDocGetRootElement(rng));
    info->g = g;
    pthread_mutex_init(&info->lock, NULL);
    return info;
}

void tk_rng_info_free(tk_rng_info *info)
{
    if (info == NULL)
        return;
    xmlHashFree(info->elements, einfo_free);
    if (info->g != NULL) {
        tk_rng_grammar_free(info->g);
        pthread_mutex_destroy(&info->lock);
    }
    free(info->pool);
    free(info);
}

static struct einfo *lookup(const tk_rng_info *info, const char *ns, const char *local)
{
    char key[1024];
    if (info == NULL)
        return NULL;
    snprintf(key, sizeof key, "%s %s", ns, local);
    return xmlHashLookup(info->elements, BAD_CAST key);
}

int tk_rng_info_allows(const tk_rng_info *info, const char *ns, const char *local, int kind,
                       const char *child_ns, const char *child)
{
    struct einfo *e = lookup(info, ns, local);
    if (e == NULL)
        return -1;
    char key[1024];
    snprintf(key, sizeof key, "%s %s", child_ns, child);
    if (kind == 0 && e->any_child)
        return 1;
    return xmlHashLookup(kind == 0 ? e->children : e->attrs, BAD_CAST key) != NULL;
}

int tk_rng_info_expected(const tk_rng_info *info, const char *ns, const char *local, int kind,
                         char *buf, size_t size)
{
    enum { SHOWN = 8 };
    buf[0] = '\0';
    struct einfo *e = lookup(info, ns, local);
    if (e == NULL)
        return 0;
    tk_nameset *s = tk_nameset_of_hash(kind == 0 ? e->children : e->attrs);
    if (s == NULL)
        return 0;
    /* sort by local name for reading */
    for (size_t i = 0; i < s->n; i++) {
        char *sp = strchr(s->names[i], ' ');
        if (sp == NULL)
            continue;
        if (strncmp(s->names[i], "http://www.w3.org/XML/1998/namespace ", 37) == 0) {
            memcpy(s->names[i], "xml:", 4); /* the names are longer than 4 bytes */
            memmove(s->names[i] + 4, sp + 1, strlen(sp + 1) + 1);
        } else {
            memmove(s->names[i], sp + 1, strlen(sp + 1) + 1);
        }
    }
    tk_nameset_sort(s);
    size_t len = 0;
    int shown = 0;
    if (kind == 0 && e->text) {
        len += (size_t)snprintf(buf + len, size - len, "text");
        shown++;
    }
    size_t i = 0;
    for (; i < s->n && shown < SHOWN && len < size; i++, shown++)
        len += (size_t)snprintf(buf + len, size - len, "%s\"%s\"", shown ? ", " : "",
                                s->names[i]);
    if (i < s->n && len < size)
        snprintf(buf + len, size - len, ", ... (%zu more)", s->n - i);
    if (shown == 0)
        snprintf(buf, size, "nothing");
    tk_nameset_free(s);
    return 1;
}

/* ------------------------------------------------------------ explanations ------- */

/* Why an element's children do not fit its content model, found the same way whatever
 * libxml2 did (compiled automaton or not, whole or pruned schema): the sequence of child
 * element names is matched against the content model of the whole schema with Brzozowski
 * derivatives (Clark's algorithm, restricted to element names: attributes and text are
 * checked elsewhere). */
enum pk { P_EMPTY, P_NA, P_ELEM, P_CHOICE, P_GROUP, P_INTERLEAVE, P_ONEORMORE };

struct pat {
    enum pk k;
    struct pat *a, *b;
    xmlNodePtr elem; /* P_ELEM: the element pattern (its name class) */
};

#define ARENA_MAX 400000

struct matcher {
    struct grammar *g;
    struct pat *pool;
    size_t n, cap;
    xmlHashTablePtr defs; /* define name -> struct pat (converted) */
    int overflow;
    struct pat na, empty;
};

static struct pat *mk(struct matcher *m, enum pk k, struct pat *a, struct pat *b)
{
    if (k == P_CHOICE) {
        if (a->k == P_NA)
            return b;
        if (b->k == P_NA)
            return a;
        if (a == b)
            return a;
    } else if (k == P_GROUP || k == P_INTERLEAVE) {
        if (a->k == P_NA || b->k == P_NA)
            return &m->na;
        if (a->k == P_EMPTY)
            return b;
        if (b->k == P_EMPTY)
            return a;
    } else if (k == P_ONEORMORE) {
        if (a->k == P_NA || a->k == P_EMPTY)
            return a;
    }
    if (m->n == m->cap) {
        m->overflow = 1;
        return &m->na;
    }
    struct pat *p = &m->pool[m->n++];
    p->k = k;
    p->a = a;
    p->b = b;
    p->elem = NULL;
    return p;
}

static struct pat *conv(struct matcher *m, xmlNodePtr n, int depth);

static struct pat *conv_seq(struct matcher *m, xmlNodePtr c, enum pk k, int depth)
{
    struct pat *r = k == P_CHOICE ? &m->na : &m->empty;
    int first = 1;
    for (; c != NULL; c = tk_rng_next_pattern(c)) {
        struct pat *x = conv(m, c, depth);
        r = first ? x : mk(m, k, r, x);
        first = 0;
    }
    return r;
}

static struct pat *conv(struct matcher *m, xmlNodePtr n, int depth)
{
    const xmlChar *t = n->name;
    if (depth > 200 || m->overflow)
        return &m->na;
    if (xmlStrEqual(t, BAD_CAST "element")) {
        struct pat *p = mk(m, P_ELEM, &m->na, &m->na);
        if (p != &m->na)
            p->elem = n;
        return p;
    }
    if (xmlStrEqual(t, BAD_CAST "ref")) {
        xmlChar *name = xmlGetNoNsProp(n, BAD_CAST "name");
        if (name == NULL)
            return &m->na;
        struct pat *p = xmlHashLookup(m->defs, name);
        if (p == NULL) {
            struct defgroup *dg = xmlHashLookup(m->g->defs, name);
            if (dg == NULL || dg->visiting) {
                xmlFree(name);
                return &m->na; /* unknown, or recursion without an element between */
            }
            dg->visiting = 1;
            p = &m->na;
            for (size_t i = 0; i < dg->n; i++) {
                if (dg->nodes[i] == NULL)
                    continue;
                struct pat *x = conv_seq(m, tk_rng_patterns_of(dg->nodes[i]), P_GROUP, depth + 1);
                p = i == 0 ? x : mk(m, dg->combine_interleave ? P_INTERLEAVE : P_CHOICE, p, x);
            }
            dg->visiting = 0;
            xmlHashAddEntry(m->defs, name, p);
        }
        xmlFree(name);
        return p;
    }
    if (xmlStrEqual(t, BAD_CAST "choice"))
        return conv_seq(m, tk_rng_patterns_of(n), P_CHOICE, depth + 1);
    if (xmlStrEqual(t, BAD_CAST "interleave") || xmlStrEqual(t, BAD_CAST "mixed"))
        return conv_seq(m, tk_rng_patterns_of(n), P_INTERLEAVE, depth + 1);
    if (xmlStrEqual(t, BAD_CAST "oneOrMore"))
        return mk(m, P_ONEORMORE, conv_seq(m, tk_rng_patterns_of(n), P_GROUP, depth + 1), &m->na);
    if (xmlStrEqual(t, BAD_CAST "zeroOrMore"))
        return mk(m, P_CHOICE,
                  mk(m, P_ONEORMORE, conv_seq(m, tk_rng_patterns_of(n), P_GROUP, depth + 1), &m->na),
                  &m->empty);
    if (xmlStrEqual(t, BAD_CAST "optional"))
        return mk(m, P_CHOICE, conv_seq(m, tk_rng_patterns_of(n), P_GROUP, depth + 1), &m->empty);
    if (xmlStrEqual(t, BAD_CAST "group"))
        return conv_seq(m, tk_rng_patterns_of(n), P_GROUP, depth + 1);
    if (xmlStrEqual(t, BAD_CAST "notAllowed"))
        return &m->na;
    return &m->empty; /* text, empty, attribute, data, value, list: no child elements */
}

static int nullable(const struct pat *p)
{
    switch (p->k) {
    case P_EMPTY: return 1;
    case P_NA:
    case P_ELEM: return 0;
    case P_CHOICE: return nullable(p->a) || nullable(p->b);
    case P_GROUP:
    case P_INTERLEAVE: return nullable(p->a) && nullable(p->b);
    case P_ONEORMORE: return nullable(p->a);
    }
    return 0;
}

struct name_match {
    const char *ns, *local;
    int hit;
};

static void name_eq(const char *ns, const char *local, void *user)
{
    struct name_match *nm = user;
    if (strcmp(ns, nm->ns) == 0 && strcmp(local, nm->local) == 0)
        nm->hit = 1;
}

static int elem_matches(xmlNodePtr pat, const char *ns, const char *local)
{
    struct name_match nm = {ns, local, 0};
    if (!tk_rng_pattern_names(pat, name_eq, &nm))
        return 1; /* a wildcard: taken as matching */
    return nm.hit;
}

static struct pat *deriv(struct matcher *m, struct pat *p, const char *ns, const char *local)
{
    if (m->overflow)
        return &m->na;
    switch (p->k) {
    case P_EMPTY:
    case P_NA: return &m->na;
    case P_ELEM: return elem_matches(p->elem, ns, local) ? &m->empty : &m->na;
    case P_CHOICE: return mk(m, P_CHOICE, deriv(m, p->a, ns, local), deriv(m, p->b, ns, local));
    case P_GROUP: {
        struct pat *x = mk(m, P_GROUP, deriv(m, p->a, ns, local), p->b);
        return nullable(p->a) ? mk(m, P_CHOICE, x, deriv(m, p->b, ns, local)) : x;
    }
    case P_INTERLEAVE:
        return mk(m, P_CHOICE, mk(m, P_INTERLEAVE, deriv(m, p->a, ns, local), p->b),
                  mk(m, P_INTERLEAVE, p->a, deriv(m, p->b, ns, local)));
    case P_ONEORMORE:
        return mk(m, P_GROUP, deriv(m, p->a, ns, local),
                  mk(m, P_CHOICE, p, &m->empty));
    }
    return &m->na;
}

static void add_first_name(const char *ns, const char *local, void *user)
{
    xmlHashTablePtr h = user;
    char key[1024];
    snprintf(key, sizeof key, "%s %s", ns, local);
    if (xmlHashLookup(h, BAD_CAST key) == NULL)
        xmlHashAddEntry(h, BAD_CAST key, (void *)1);
}

/* The element names that may come next. */
static void first_names(const struct pat *p, xmlHashTablePtr h, int depth)
{
    if (depth > 10000)
        return;
    switch (p->k) {
    case P_EMPTY:
    case P_NA: return;
    case P_ELEM: tk_rng_pattern_names(p->elem, add_first_name, h); return;
    case P_CHOICE:
    case P_INTERLEAVE:
        first_names(p->a, h, depth + 1);
        first_names(p->b, h, depth + 1);
        return;
    case P_GROUP:
        first_names(p->a, h, depth + 1);
        if (nullable(p->a))
            first_names(p->b, h, depth + 1);
        return;
    case P_ONEORMORE: first_names(p->a, h, depth + 1); return;
    }
}

/* Formats a name set as `"a", "b", ... (N more)`. */
static void format_names(xmlHashTablePtr h, char *buf, size_t size)
{
    enum { SHOWN = 8 };
    buf[0] = '\0';
    tk_nameset *s = tk_nameset_of_hash(h);
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n; i++) {
        char *sp = strchr(s->names[i], ' ');
        if (sp != NULL)
            memmove(s->names[i], sp + 1, strlen(sp + 1) + 1);
    }
    tk_nameset_sort(s);
    size_t len = 0, i = 0;
    for (; i < s->n && i < SHOWN && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s\"%s\"", i ? ", " : "", s->names[i]);
    if (i < s->n && len < size)
        snprintf(buf + len, size - len, ", ... (%zu more)", s->n - i);
    tk_nameset_free(s);
}

static const char *node_ns(xmlNodePtr n)
{
    return n->ns != NULL && n->ns->href != NULL ? (const char *)n->ns->href : "";
}

/* How to name child c of el in a message: its prefix when it has one, its namespace when
 * it differs from the parent's without a prefix ("div" in XHTML inside a TEI "div"). */
static void display_name(xmlNodePtr c, xmlNodePtr el, char *buf, size_t size)
{
    if (c->ns != NULL && c->ns->prefix != NULL)
        snprintf(buf, size, "\"%s:%s\"", c->ns->prefix, c->name);
    else if (strcmp(node_ns(c), node_ns(el)) != 0)
        snprintf(buf, size, "\"%s\" (namespace \"%s\")", c->name,
                 *node_ns(c) ? node_ns(c) : "none");
    else
        snprintf(buf, size, "\"%s\"", c->name);
}

/* Matches the children of el against one element pattern. Returns 1 and fills the message
 * when they do not fit. */
static int explain_one(struct matcher *m, const tk_rng_info *info, xmlNodePtr pat,
                       xmlNodePtr el, xmlNodePtr *at, char *buf, size_t size)
{
    struct pat *p = conv_seq(m, tk_rng_first_pattern(pat), P_GROUP, 0);
    xmlNodePtr prev = NULL;
    char exp[600];
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        struct pat *d = deriv(m, p, node_ns(c), (const char *)c->name);
        if (m->overflow)
            return -1;
        if (d->k == P_NA) {
            xmlHashTablePtr h = xmlHashCreate(16);
            first_names(p, h, 0);
            struct einfo *pe = lookup(info, node_ns(el), (const char *)el->name);
            if (pe != NULL && pe->text) {
                memcpy(exp, "text, ", 6);
                format_names(h, exp + 6, sizeof exp - 6);
                if (exp[6] == '\0')
                    exp[4] = '\0';
            } else {
                format_names(h, exp, sizeof exp);
            }
            xmlHashFree(h, NULL);
            int anywhere = tk_rng_info_allows(info, node_ns(el), (const char *)el->name, 0,
                                              node_ns(c), (const char *)c->name) == 1;
            char where[300];
            if (!anywhere)
                snprintf(where, sizeof where, "not allowed inside \"%s\"", el->name);
            else if (prev != NULL)
                snprintf(where, sizeof where, "not allowed here in \"%s\" (after \"%s\")",
                         el->name, prev->name);
            else
                snprintf(where, sizeof where, "not allowed as the first child of \"%s\"",
                         el->name);
            char cname[300];
            display_name(c, el, cname, sizeof cname);
            if (exp[0])
                snprintf(buf, size, "element %s %s; expected %s%s", cname, where, exp,
                         nullable(p) ? " or the end of \"" : "");
            else
                snprintf(buf, size, "element %s %s%s", cname, where,
                         nullable(p) ? "; expected the end of \"" : "");
            if (nullable(p)) {
                size_t l = strlen(buf);
                snprintf(buf + l, size - l, "%s\"", el->name);
            }
            *at = c;
            return 1;
        }
        p = d;
        prev = c;
    }
    if (!nullable(p)) {
        xmlHashTablePtr h = xmlHashCreate(16);
        first_names(p, h, 0);
        format_names(h, exp, sizeof exp);
        xmlHashFree(h, NULL);
        snprintf(buf, size, "element \"%s\" incomplete; expected %s%s", el->name,
                 exp[0] ? exp : "more content", prev != NULL ? " at its end" : "");
        *at = el;
        return 1;
    }
    return 0;
}

int tk_rng_info_explain(const tk_rng_info *info, xmlNodePtr el, xmlNodePtr *at, char *buf,
                        size_t size)
{
    if (info == NULL || info->g == NULL || el == NULL || el->type != XML_ELEMENT_NODE)
        return -1;
    struct einfo *e = lookup(info, node_ns(el), (const char *)el->name);
    if (e == NULL || e->n_patterns == 0)
        return -1;
    tk_rng_info *mi = (tk_rng_info *)info;
    pthread_mutex_lock(&mi->lock);
    struct matcher m = {info->g, NULL, 0, ARENA_MAX, xmlHashCreate(64), 0, {P_NA, 0, 0, 0},
                        {P_EMPTY, 0, 0, 0}};
    if (mi->pool == NULL)
        mi->pool = malloc(ARENA_MAX * sizeof *mi->pool);
    m.pool = mi->pool;
    int r = -1;
    if (m.pool != NULL && m.defs != NULL) {
        /* several patterns of one name: the children fit if any of them accepts them */
        char first[1024] = "";
        xmlNodePtr first_at = NULL;
        r = 1;
        for (int i = 0; i < e->n_patterns && r != 0; i++) {
            xmlNodePtr a = NULL;
            char msg[1024];
            int x = explain_one(&m, info, e->patterns[i], el, &a, msg, sizeof msg);
            if (x < 0) {
                r = -1;
                break;
            }
            if (x == 0)
                r = 0;
            else if (first_at == NULL) {
                first_at = a;
                snprintf(first, sizeof first, "%s", msg);
            }
        }
        if (r == 1) {
            *at = first_at;
            snprintf(buf, size, "%s", first);
        }
    }
    xmlHashFree(m.defs, NULL);
    pthread_mutex_unlock(&mi->lock);
    return r;
}
