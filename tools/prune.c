/* prune.c: RelaxNG schema analysis: pruning a schema to the elements a document set uses
 * (exact, fast to compile), and what each element allows (for messages). The name sets it
 * works with are nameset.c's. */
#include "validate_internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

/* ------------------------------------------------------------ RNG helpers ------- */

static int is_rng(xmlNodePtr n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
           (name == NULL || xmlStrEqual(n->name, BAD_CAST name));
}

static int is_name_class(xmlNodePtr n)
{
    return is_rng(n, "name") || is_rng(n, "anyName") || is_rng(n, "nsName") ||
           is_rng(n, "choice");
}

/* The inherited ns attribute of a RelaxNG node ("" when none). */
static const char *inherited_ns(xmlNodePtr n)
{
    for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
        xmlAttrPtr a = xmlHasProp(n, BAD_CAST "ns");
        if (a != NULL && a->children != NULL && a->children->content != NULL)
            return (const char *)a->children->content;
    }
    return "";
}

/* Splits a QName in a name attribute or <name> into namespace and local name, with the
 * RelaxNG rules (a prefix is resolved in scope; no prefix takes the inherited ns). */
static void qname_split(xmlNodePtr ctx, const char *qname, int attribute, const char **ns,
                        const char **local)
{
    const char *colon = strchr(qname, ':');
    if (colon == NULL) {
        *local = qname;
        *ns = attribute && !is_rng(ctx, "name") ? "" : inherited_ns(ctx);
        if (attribute && is_rng(ctx, "name") && xmlHasProp(ctx, BAD_CAST "ns") == NULL)
            *ns = "";
        return;
    }
    char prefix[128];
    size_t pl = (size_t)(colon - qname);
    if (pl >= sizeof prefix)
        pl = sizeof prefix - 1;
    memcpy(prefix, qname, pl);
    prefix[pl] = '\0';
    /* "xml" answered here: xmlSearchNs would add its binding to the schema's document,
       which threads pruning at once share read-only */
    int xml = strcmp(prefix, "xml") == 0;
    xmlNsPtr x = xml ? NULL : xmlSearchNs(ctx->doc, ctx, BAD_CAST prefix);
    *ns = xml ? "http://www.w3.org/XML/1998/namespace" : x != NULL ? (const char *)x->href : "";
    *local = colon + 1;
}

/* Calls f for each name of an element/attribute pattern's name class; returns 0 when the
 * name class is a wildcard (anyName, nsName) or unknown, 1 when it is a finite list. */
typedef void (*name_fn)(const char *ns, const char *local, void *user);

static int nc_names(xmlNodePtr nc, int attribute, name_fn f, void *user)
{
    if (is_rng(nc, "name")) {
        xmlChar *txt = xmlNodeGetContent(nc);
        if (txt == NULL)
            return 0;
        char *q = (char *)txt;
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
            q++;
        size_t n = strlen(q);
        while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t' || q[n - 1] == '\n' ||
                         q[n - 1] == '\r'))
            q[--n] = '\0';
        const char *ns, *local;
        qname_split(nc, q, attribute, &ns, &local);
        if (attribute && xmlHasProp(nc, BAD_CAST "ns") == NULL && strchr(q, ':') == NULL)
            ns = "";
        if (f != NULL)
            f(ns, local, user);
        xmlFree(txt);
        return 1;
    }
    if (is_rng(nc, "choice")) {
        int finite = 1;
        for (xmlNodePtr c = nc->children; c != NULL; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !nc_names(c, attribute, f, user))
                finite = 0;
        return finite;
    }
    return 0;
}

/* Name class of an element or attribute pattern; returns 0 for wildcards. */
static int pattern_names(xmlNodePtr pat, name_fn f, void *user)
{
    int attribute = is_rng(pat, "attribute");
    xmlChar *name = xmlGetNoNsProp(pat, BAD_CAST "name");
    if (name != NULL) {
        char *q = (char *)name;
        while (*q == ' ')
            q++;
        const char *ns, *local;
        qname_split(pat, q, attribute, &ns, &local);
        if (attribute && xmlHasProp(pat, BAD_CAST "ns") == NULL && strchr(q, ':') == NULL)
            ns = "";
        if (f != NULL)
            f(ns, local, user);
        xmlFree(name);
        return 1;
    }
    for (xmlNodePtr c = pat->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return is_name_class(c) ? nc_names(c, attribute, f, user) : 0;
    return 0;
}

/* First pattern child of an element/attribute (skipping its name class). */
static xmlNodePtr first_pattern(xmlNodePtr pat)
{
    xmlNodePtr c = pat->children;
    int has_name_attr = xmlHasProp(pat, BAD_CAST "name") != NULL;
    int skipped = 0;
    for (; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !is_rng(c, NULL))
            continue;
        if (!has_name_attr && !skipped && (is_rng(pat, "element") || is_rng(pat, "attribute"))) {
            skipped = 1;
            continue;
        }
        return c;
    }
    return NULL;
}

static xmlNodePtr next_pattern(xmlNodePtr c)
{
    for (c = c->next; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && is_rng(c, NULL))
            return c;
    return NULL;
}

/* Children that are patterns: for element/attribute after the name class, else all. */
static xmlNodePtr patterns_of(xmlNodePtr n)
{
    if (is_rng(n, "element") || is_rng(n, "attribute"))
        return first_pattern(n);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && is_rng(c, NULL))
            return c;
    return NULL;
}

/* ------------------------------------------------------------- defines ------- */

struct defgroup {
    xmlNodePtr *nodes;
    size_t n, cap;
    int na;       /* the define is notAllowed */
    int reached;  /* reachable from start */
    int visiting; /* recursion guard */
    long depth;   /* tk_rng_check: deepest ref chain from here (0 = not yet known) */
    int combine_interleave;
    void *data;   /* analysis data (info) */
};

struct grammar {
    xmlHashTablePtr defs; /* name -> struct defgroup */
    struct defgroup start;
};

static void defgroup_free(void *payload, const xmlChar *name)
{
    (void)name;
    struct defgroup *g = payload;
    free(g->nodes);
    free(g);
}

static int group_add(struct defgroup *g, xmlNodePtr n)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 2;
        xmlNodePtr *v = realloc(g->nodes, cap * sizeof *v);
        if (v == NULL)
            return -1;
        g->nodes = v;
        g->cap = cap;
    }
    g->nodes[g->n++] = n;
    xmlChar *combine = xmlGetNoNsProp(n, BAD_CAST "combine");
    if (combine != NULL && xmlStrEqual(combine, BAD_CAST "interleave"))
        g->combine_interleave = 1;
    xmlFree(combine);
    return 0;
}

static int collect_grammar(xmlNodePtr parent, struct grammar *g)
{
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
        if (is_rng(c, "define")) {
            xmlChar *name = xmlGetNoNsProp(c, BAD_CAST "name");
            if (name == NULL)
                continue;
            struct defgroup *dg = xmlHashLookup(g->defs, name);
            if (dg == NULL) {
                dg = calloc(1, sizeof *dg);
                if (dg == NULL || xmlHashAddEntry(g->defs, name, dg) != 0) {
                    free(dg);
                    xmlFree(name);
                    return -1;
                }
            }
            xmlFree(name);
            if (group_add(dg, c) != 0)
                return -1;
        } else if (is_rng(c, "start")) {
            if (group_add(&g->start, c) != 0)
                return -1;
        } else if (is_rng(c, "div")) {
            if (collect_grammar(c, g) != 0)
                return -1;
        }
    }
    return 0;
}

static struct grammar *grammar_new(xmlDocPtr rng)
{
    struct grammar *g = calloc(1, sizeof *g);
    if (g == NULL)
        return NULL;
    g->defs = xmlHashCreate(512);
    xmlNodePtr root = xmlDocGetRootElement(rng);
    if (g->defs == NULL || root == NULL) {
        free(g);
        return NULL;
    }
    if (is_rng(root, "grammar")) {
        if (collect_grammar(root, g) != 0)
            goto fail;
    } else if (group_add(&g->start, root) != 0) { /* a bare pattern: it is the start */
        goto fail;
    }
    return g;
fail:
    xmlHashFree(g->defs, defgroup_free);
    free(g->start.nodes);
    free(g);
    return NULL;
}

static void grammar_free(struct grammar *g)
{
    if (g == NULL)
        return;
    xmlHashFree(g->defs, defgroup_free);
    free(g->start.nodes);
    free(g);
}

static struct defgroup *ref_target(struct grammar *g, xmlNodePtr ref)
{
    xmlChar *name = xmlGetNoNsProp(ref, BAD_CAST "name");
    if (name == NULL)
        return NULL;
    struct defgroup *dg = xmlHashLookup(g->defs, name);
    xmlFree(name);
    return dg;
}

/* ------------------------------------------------------------ checking ------- */

struct rng_check {
    struct grammar *g;
    int resolve;          /* every ref must name a define of this grammar */
    xmlNodePtr dangling;  /* the first ref that names no define */
    xmlNodePtr deepest;   /* the ref where the chain passed the bound */
};

static long chain_depth(struct rng_check *c, struct defgroup *dg, long level);

/* The deepest ref chain below the patterns n (and their siblings), `level` frames down:
 * each ref costs its XML depth within the define plus one. Stops at the bound. */
static long chain_walk(struct rng_check *c, xmlNodePtr n, long level)
{
    long worst = 0;
    for (; n != NULL && c->deepest == NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        long here = 0;
        if (is_rng(n, "ref")) {
            struct defgroup *dg = ref_target(c->g, n);
            if (dg == NULL) {
                if (c->resolve && c->dangling == NULL)
                    c->dangling = n;
            } else if (!dg->visiting) {
                if (level + 1 > TK_RNG_MAX_DEPTH) {
                    c->deepest = n;
                    return level + 1;
                }
                here = 1 + chain_depth(c, dg, level + 1);
                if (level + here > TK_RNG_MAX_DEPTH) /* a chain measured before, from here */
                    c->deepest = n;
            }
        } else if (!is_rng(n, "grammar")) { /* a nested grammar has its own defines */
            here = 1 + chain_walk(c, n->children, level + 1);
        }
        if (here > worst)
            worst = here;
    }
    return worst;
}

/* The deepest ref chain from one define (memoised; a cycle counts once). */
static long chain_depth(struct rng_check *c, struct defgroup *dg, long level)
{
    if (dg->depth > 0)
        return dg->depth - 1;
    dg->visiting = 1;
    long worst = 0;
    for (size_t i = 0; i < dg->n && c->deepest == NULL; i++) {
        long d = chain_walk(c, dg->nodes[i]->children, level);
        if (d > worst)
            worst = d;
    }
    dg->visiting = 0;
    dg->depth = worst + 1; /* stored plus one: 0 means not yet known */
    return worst;
}

int tk_rng_check(xmlDocPtr rng, const char *path, tk_diag *d)
{
    struct rng_check c = {grammar_new(rng), tk_prune_possible(rng), NULL, NULL};
    int rc = -1;
    if (c.g == NULL) {
        TK_MSG(d, OOM, path, 0, 0);
        goto out;
    }
    /* start and every define, reachable or not: libxml2 compiles them all */
    xmlNodePtr root = xmlDocGetRootElement(rng);
    chain_walk(&c, is_rng(root, "grammar") ? root->children : root, 0);
    if (c.deepest != NULL) {
        TK_MSG(d, SCHEMA_DEEP, path, (unsigned)xmlGetLineNo(c.deepest), 0, TK_RNG_MAX_DEPTH);
        goto out;
    }
    if (c.dangling != NULL) {
        xmlChar *name = xmlGetNoNsProp(c.dangling, BAD_CAST "name");
        TK_MSG(d, SCHEMA_REF, path, (unsigned)xmlGetLineNo(c.dangling), 0, name != NULL ? (const char *)name : "");
        xmlFree(name);
        goto out;
    }
    rc = 0;
out:
    grammar_free(c.g);
    return rc;
}

/* --------------------------------------------------------------- pruning ------- */

static int unprunable(xmlNodePtr n, int depth)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_rng(n, "include") || is_rng(n, "externalRef") || is_rng(n, "parentRef") ||
            (is_rng(n, "grammar") && depth > 0))
            return 1;
        if (unprunable(n->children, depth + 1))
            return 1;
    }
    return 0;
}

int tk_prune_possible(xmlDocPtr rng)
{
    xmlNodePtr root = xmlDocGetRootElement(rng);
    return root != NULL && is_rng(root, "grammar") && !unprunable(root->children, 1);
}

/* Marks on element patterns of the pruned copy, kept in node->_private. */
enum { MARK_KEEP = 0, MARK_PRUNED = 1, MARK_STUB = 2, MARK_DEF_NA = 3 };
/* flag: libxml2 would not compile this element's content model into an automaton */
#define MARK_NOT_COMPILABLE 8
#define MARK(n) ((int)(intptr_t)(n)->_private & 7)
#define SET_MARK(n, m)                                                                     \
    ((n)->_private = (void *)(intptr_t)(((int)(intptr_t)(n)->_private & ~7) | (m)))
#define NOT_COMPILABLE(n) (((int)(intptr_t)(n)->_private & MARK_NOT_COMPILABLE) != 0)

struct prune {
    struct grammar *g;
    const tk_nameset *keep;
    int any; /* name callback: some name is kept */
};

static void name_kept(const char *ns, const char *local, void *user)
{
    struct prune *p = user;
    if (tk_nameset_has(p->keep, ns, local))
        p->any = 1;
}

/* Whether libxml2 2.9 compiles an element's content model into an automaton
 * (xmlRelaxNGIsCompilable): not when the content reaches, through refs but not through child
 * elements, a notAllowed that its simplification keeps (the content of a referenced define),
 * an interleave, data, value, list, or a wildcard element. Pruning removes such parts with
 * the branches around them; the pruned schema then marks the element as not compilable
 * again, so that libxml2 validates it the same way (same messages) and never compiles an
 * automaton the whole schema does not compile (some of those take minutes). */
static int nc_patterns(struct grammar *g, xmlNodePtr c, int in_choice);

static int nc_pattern(struct grammar *g, xmlNodePtr n, int in_choice)
{
    const xmlChar *t = n->name;
    if (xmlStrEqual(t, BAD_CAST "element"))
        return !pattern_names(n, (name_fn)NULL, NULL);
    if (xmlStrEqual(t, BAD_CAST "notAllowed"))
        return !in_choice; /* libxml2 drops a notAllowed choice branch itself */
    if (xmlStrEqual(t, BAD_CAST "interleave") || xmlStrEqual(t, BAD_CAST "mixed") ||
        xmlStrEqual(t, BAD_CAST "data") || xmlStrEqual(t, BAD_CAST "value") ||
        xmlStrEqual(t, BAD_CAST "list"))
        return 1;
    if (xmlStrEqual(t, BAD_CAST "attribute") || xmlStrEqual(t, BAD_CAST "text") ||
        xmlStrEqual(t, BAD_CAST "empty"))
        return 0;
    if (xmlStrEqual(t, BAD_CAST "ref")) {
        struct defgroup *dg = ref_target(g, n);
        if (dg == NULL)
            return 1;
        if (dg->visiting || dg->data == (void *)1)
            return 0;
        if (dg->data == (void *)2)
            return 1;
        dg->visiting = 1;
        int r = 0;
        for (size_t i = 0; i < dg->n && !r; i++)
            if (dg->nodes[i] != NULL)
                r = nc_patterns(g, patterns_of(dg->nodes[i]), 0);
        dg->visiting = 0;
        dg->data = (void *)(intptr_t)(r ? 2 : 1);
        return r;
    }
    return nc_patterns(g, patterns_of(n), xmlStrEqual(t, BAD_CAST "choice"));
}

static int nc_patterns(struct grammar *g, xmlNodePtr c, int in_choice)
{
    for (; c != NULL; c = next_pattern(c))
        if (nc_pattern(g, c, in_choice))
            return 1;
    return 0;
}

/* Marks every element pattern whose (finite) names are all absent as pruned. */
static void mark_elements(struct prune *p, xmlNodePtr n, size_t *before, size_t *after)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        n->_private = NULL;
        if (is_rng(n, "element")) {
            p->any = 0;
            int finite = pattern_names(n, name_kept, p);
            (*before)++;
            if (finite && !p->any) {
                SET_MARK(n, MARK_PRUNED);
            } else {
                (*after)++;
                if (nc_patterns(p->g, first_pattern(n), 0))
                    n->_private = (void *)(intptr_t)MARK_NOT_COMPILABLE;
            }
        }
        mark_elements(p, n->children, before, after);
    }
}

static int na(struct prune *p, xmlNodePtr n);

/* notAllowed-ness of an implicit group of patterns starting at c. */
static int na_group(struct prune *p, xmlNodePtr c)
{
    for (; c != NULL; c = next_pattern(c))
        if (na(p, c))
            return 1;
    return 0;
}

static int na_defgroup(struct defgroup *dg)
{
    return dg == NULL || dg->na;
}

/* 1 when pattern n is notAllowed given the current marks and define states. */
static int na(struct prune *p, xmlNodePtr n)
{
    const xmlChar *t = n->name;
    if (xmlStrEqual(t, BAD_CAST "element")) {
        int m = MARK(n);
        if (m == MARK_PRUNED)
            return 1;
        if (m == MARK_STUB)
            return 0;
        return na_group(p, first_pattern(n));
    }
    if (xmlStrEqual(t, BAD_CAST "notAllowed"))
        return 1;
    if (xmlStrEqual(t, BAD_CAST "ref"))
        return na_defgroup(ref_target(p->g, n));
    if (xmlStrEqual(t, BAD_CAST "choice")) {
        for (xmlNodePtr c = patterns_of(n); c != NULL; c = next_pattern(c))
            if (!na(p, c))
                return 0;
        return 1;
    }
    if (xmlStrEqual(t, BAD_CAST "zeroOrMore") || xmlStrEqual(t, BAD_CAST "optional"))
        return 0;
    if (xmlStrEqual(t, BAD_CAST "group") || xmlStrEqual(t, BAD_CAST "interleave") ||
        xmlStrEqual(t, BAD_CAST "mixed") || xmlStrEqual(t, BAD_CAST "oneOrMore") ||
        xmlStrEqual(t, BAD_CAST "list") || xmlStrEqual(t, BAD_CAST "attribute") ||
        xmlStrEqual(t, BAD_CAST "define") || xmlStrEqual(t, BAD_CAST "start"))
        return na_group(p, patterns_of(n));
    return 0; /* text, empty, value, data */
}

static int na_of_group(struct prune *p, struct defgroup *dg)
{
    int all = 1, any = 0;
    for (size_t i = 0; i < dg->n; i++) {
        int x = na(p, dg->nodes[i]);
        any |= x;
        all &= x;
    }
    return dg->combine_interleave || dg->n == 1 ? any : all;
}

struct scan {
    struct prune *p;
    int changed;
};

static void fix_one(void *payload, void *data, const xmlChar *name)
{
    (void)name;
    struct defgroup *dg = payload;
    struct scan *s = data;
    if (!dg->na && na_of_group(s->p, dg)) {
        dg->na = 1;
        s->changed = 1;
    }
}

static void reset_one(void *payload, void *data, const xmlChar *name)
{
    (void)data;
    (void)name;
    struct defgroup *dg = payload;
    dg->na = 0;
    dg->visiting = 0;
}

/* Least fixpoint: a define is notAllowed when its content is, given the others. */
static void fixpoint(struct prune *p)
{
    struct scan s = {p, 1};
    xmlHashScan(p->g->defs, reset_one, NULL);
    while (s.changed) {
        s.changed = 0;
        xmlHashScan(p->g->defs, fix_one, &s);
    }
}

/* Turns the pruned elements that make pattern n notAllowed into stubs (an element with
 * empty content: the document has no such element, so its content does not matter, and the
 * content models around it keep their shape and their messages). Returns how many. */
static int blame(struct prune *p, xmlNodePtr n)
{
    const xmlChar *t = n->name;
    int k = 0;
    if (xmlStrEqual(t, BAD_CAST "element")) {
        if (MARK(n) == MARK_PRUNED) {
            SET_MARK(n, MARK_STUB);
            return 1;
        }
        return 0; /* a kept element: checked on its own */
    }
    if (xmlStrEqual(t, BAD_CAST "ref")) {
        struct defgroup *dg = ref_target(p->g, n);
        if (dg == NULL || !dg->na || dg->visiting)
            return 0;
        dg->visiting = 1;
        for (size_t i = 0; i < dg->n; i++)
            if (na(p, dg->nodes[i]))
                k += blame(p, dg->nodes[i]);
        dg->visiting = 0;
        return k;
    }
    if (xmlStrEqual(t, BAD_CAST "zeroOrMore") || xmlStrEqual(t, BAD_CAST "optional") ||
        xmlStrEqual(t, BAD_CAST "notAllowed"))
        return 0;
    for (xmlNodePtr c = patterns_of(n); c != NULL; c = next_pattern(c))
        if (na(p, c))
            k += blame(p, c);
    return k;
}

/* Finds kept elements (and the start) whose content became notAllowed through pruning and
 * stubs the culprits. Returns the number of new stubs. */
static int stub_pass(struct prune *p, xmlNodePtr n)
{
    int k = 0;
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_rng(n, "element") && MARK(n) == MARK_KEEP) {
            xmlNodePtr c = first_pattern(n);
            for (; c != NULL; c = next_pattern(c))
                if (na(p, c))
                    k += blame(p, c);
        } else if (is_rng(n, "start")) {
            for (xmlNodePtr c = patterns_of(n); c != NULL; c = next_pattern(c))
                if (na(p, c))
                    k += blame(p, c);
        }
        k += stub_pass(p, n->children);
    }
    return k;
}

static void replace_with(xmlNodePtr n, const char *name)
{
    xmlNodePtr e = xmlNewDocNode(n->doc, n->ns, BAD_CAST name, NULL);
    if (e == NULL)
        return;
    e->nsDef = n->nsDef; /* n->ns may be declared on n itself */
    n->nsDef = NULL;
    xmlReplaceNode(n, e);
    xmlFreeNode(n);
}

/* Rewrites pattern n (not notAllowed itself) without its notAllowed parts. */
static void rewrite(struct prune *p, xmlNodePtr n)
{
    if (is_rng(n, "element") && MARK(n) == MARK_STUB) {
        /* keep the name class, replace the content by <empty/> */
        xmlNodePtr c = first_pattern(n);
        while (c != NULL) {
            xmlNodePtr next = next_pattern(c);
            xmlUnlinkNode(c);
            xmlFreeNode(c);
            c = next;
        }
        xmlAddChild(n, xmlNewDocNode(n->doc, n->ns, BAD_CAST "empty", NULL));
        return;
    }
    if (is_rng(n, "ref") || is_rng(n, "text") || is_rng(n, "empty") || is_rng(n, "value") ||
        is_rng(n, "data") || is_rng(n, "notAllowed"))
        return;
    int choice = is_rng(n, "choice");
    xmlNodePtr c = patterns_of(n);
    while (c != NULL) {
        xmlNodePtr next = next_pattern(c);
        if (na(p, c)) {
            if (choice) {
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            } else if (is_rng(c, "zeroOrMore") || is_rng(c, "optional")) {
                replace_with(c, "empty"); /* never reached: those are never notAllowed */
            }
            /* other parents are notAllowed themselves and never rewritten */
        } else if ((is_rng(c, "zeroOrMore") || is_rng(c, "optional")) &&
                   na_group(p, patterns_of(c))) {
            replace_with(c, "empty");
        } else {
            rewrite(p, c);
        }
        c = next;
    }
}

/* Replaces n by its only pattern child (the namespace declarations of n move along). */
static void unwrap(xmlNodePtr n, xmlNodePtr only)
{
    xmlUnlinkNode(only);
    if (n->nsDef != NULL) {
        xmlNsPtr last = n->nsDef;
        while (last->next != NULL)
            last = last->next;
        last->next = only->nsDef;
        only->nsDef = n->nsDef;
        n->nsDef = NULL;
    }
    xmlReplaceNode(n, only);
    xmlFreeNode(n);
}

/* Removes <empty/> from sequences (and sequences left empty), bottom-up: libxml2 2.9
 * mis-simplifies an <empty/> inside a oneOrMore/zeroOrMore of several patterns (it turns the
 * whole repetition into empty), so the pruned schema never leaves one there. */
static void clean_empty(xmlNodePtr n)
{
    int keeps_empty = is_rng(n, "choice") || is_rng(n, "attribute") || is_rng(n, "list") ||
                      is_rng(n, "except");
    int any = 0;
    xmlNodePtr c = patterns_of(n);
    while (c != NULL) {
        xmlNodePtr next = next_pattern(c);
        if (!is_rng(c, "ref") && !is_rng(c, "data") && !is_rng(c, "value"))
            clean_empty(c);
        /* (clean_empty may have replaced c by <empty/>: the loop below looks again) */
        c = next;
    }
    c = patterns_of(n);
    while (c != NULL) {
        xmlNodePtr next = next_pattern(c);
        if (is_rng(c, "empty") && !keeps_empty) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else {
            any = 1;
        }
        c = next;
    }
    if (any) {
        /* a group or choice of one pattern is that pattern (libxml2 2.9 loops for ever on
           some single-child groups) */
        if (is_rng(n, "group") || is_rng(n, "choice")) {
            xmlNodePtr only = patterns_of(n);
            if (only != NULL && next_pattern(only) == NULL)
                unwrap(n, only);
        }
        return;
    }
    if (is_rng(n, "group") || is_rng(n, "interleave") || is_rng(n, "oneOrMore") ||
        is_rng(n, "zeroOrMore") || is_rng(n, "optional") || is_rng(n, "mixed")) {
        if (is_rng(n, "mixed")) {
            xmlAddChild(n, xmlNewDocNode(n->doc, n->ns, BAD_CAST "text", NULL));
            return;
        }
        replace_with(n, "empty");
    } else if (is_rng(n, "element") || is_rng(n, "define") || is_rng(n, "start")) {
        xmlAddChild(n, xmlNewDocNode(n->doc, n->ns, BAD_CAST "empty", NULL));
    }
}

static void reach(struct prune *p, xmlNodePtr n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_rng(n, "ref")) {
            struct defgroup *dg = ref_target(p->g, n);
            if (dg != NULL && !dg->reached) {
                dg->reached = 1;
                for (size_t i = 0; i < dg->n; i++)
                    if (MARK(dg->nodes[i]) != MARK_DEF_NA)
                        reach(p, dg->nodes[i]->children);
            }
        }
        reach(p, n->children);
    }
}

/* Marks the define nodes that are notAllowed (before anything changes). */
static void mark_defines(void *payload, void *data, const xmlChar *name)
{
    (void)name;
    struct defgroup *dg = payload;
    struct prune *p = data;
    for (size_t i = 0; i < dg->n; i++)
        if (na(p, dg->nodes[i]))
            SET_MARK(dg->nodes[i], MARK_DEF_NA);
}

static void rewrite_defines(void *payload, void *data, const xmlChar *name)
{
    (void)name;
    struct defgroup *dg = payload;
    struct prune *p = data;
    for (size_t i = 0; i < dg->n; i++)
        if (MARK(dg->nodes[i]) != MARK_DEF_NA)
            rewrite(p, dg->nodes[i]);
}

static void drop_defines(void *payload, void *data, const xmlChar *name)
{
    (void)name;
    (void)data;
    struct defgroup *dg = payload;
    for (size_t i = 0; i < dg->n; i++) {
        xmlNodePtr d = dg->nodes[i];
        if (!dg->reached || MARK(d) == MARK_DEF_NA) {
            xmlUnlinkNode(d);
            xmlFreeNode(d);
            dg->nodes[i] = NULL;
        }
    }
}

#define NC_DEFINE "teikit.notCompilable"

/* Adds <optional><group><ref name="teikit.notCompilable"/><element ...never.../></group>
 * </optional> (which matches nothing more than empty) to every kept element marked not
 * compilable; the element inside keeps libxml2 from moving the optional to the attributes. */
static void mark_not_compilable(xmlNodePtr el, int *need_define)
{
    xmlNsPtr ns = el->ns;
    xmlNodePtr opt = xmlNewDocNode(el->doc, ns, BAD_CAST "optional", NULL);
    xmlNodePtr grp = xmlNewChild(opt, ns, BAD_CAST "group", NULL);
    xmlNodePtr ref = xmlNewChild(grp, ns, BAD_CAST "ref", NULL);
    xmlNewProp(ref, BAD_CAST "name", BAD_CAST NC_DEFINE);
    xmlNodePtr never = xmlNewChild(grp, ns, BAD_CAST "element", NULL);
    xmlNewProp(never, BAD_CAST "name", BAD_CAST "never");
    xmlNewProp(never, BAD_CAST "ns", BAD_CAST "urn:x-teikit:never");
    xmlNewChild(never, ns, BAD_CAST "empty", NULL);
    xmlAddChild(el, opt);
    *need_define = 1;
}

static void mark_not_compilable_all(struct grammar *g, xmlNodePtr n, int *need_define)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        mark_not_compilable_all(g, n->children, need_define);
        /* only where pruning removed what made it not compilable */
        if (is_rng(n, "element") && MARK(n) == MARK_KEEP && NOT_COMPILABLE(n) &&
            !nc_patterns(g, first_pattern(n), 0))
            mark_not_compilable(n, need_define);
    }
}

static void forget_nc(void *payload, void *data, const xmlChar *name)
{
    (void)data;
    (void)name;
    ((struct defgroup *)payload)->data = NULL;
}

static void keep_not_compilable(struct grammar *g, xmlDocPtr doc, xmlNodePtr root)
{
    int need = 0;
    xmlHashScan(g->defs, forget_nc, NULL); /* the analysis again, on the pruned schema */
    mark_not_compilable_all(g, root->children, &need);
    if (!need)
        return;
    xmlNodePtr def = xmlNewChild(root, root->ns, BAD_CAST "define", NULL);
    xmlNewProp(def, BAD_CAST "name", BAD_CAST NC_DEFINE);
    xmlNewChild(def, root->ns, BAD_CAST "notAllowed", NULL);
    (void)doc;
}

static void clean_empty_grammar(xmlNodePtr n)
{
    for (n = n->children; n != NULL; n = n->next) {
        if (is_rng(n, "define") || is_rng(n, "start"))
            clean_empty(n);
        else if (is_rng(n, "div"))
            clean_empty_grammar(n);
    }
}

static void clear_marks(xmlNodePtr n)
{
    for (; n != NULL; n = n->next) {
        n->_private = NULL;
        if (n->type == XML_ELEMENT_NODE)
            clear_marks(n->children);
    }
}

xmlDocPtr tk_prune(xmlDocPtr rng, const tk_nameset *keep, size_t stats[2])
{
    xmlDocPtr doc = xmlCopyDoc(rng, 1);
    if (doc == NULL)
        return NULL;
    struct prune p = {grammar_new(doc), keep, 0};
    if (p.g == NULL) {
        xmlFreeDoc(doc);
        return NULL;
    }
    size_t before = 0, after = 0;
    mark_elements(&p, xmlDocGetRootElement(doc), &before, &after);
    fixpoint(&p);
    while (stub_pass(&p, xmlDocGetRootElement(doc)) > 0)
        fixpoint(&p);
    xmlHashScan(p.g->defs, mark_defines, &p);
    for (size_t i = 0; i < p.g->start.n; i++) {
        xmlNodePtr s = p.g->start.nodes[i];
        if (na(&p, s)) {
            xmlNodePtr c = patterns_of(s);
            while (c != NULL) {
                xmlNodePtr next = next_pattern(c);
                xmlUnlinkNode(c);
                xmlFreeNode(c);
                c = next;
            }
            xmlAddChild(s, xmlNewDocNode(doc, s->ns, BAD_CAST "notAllowed", NULL));
        } else {
            rewrite(&p, s);
        }
    }
    xmlHashScan(p.g->defs, rewrite_defines, &p);
    /* what is reachable from start after the rewrite */
    for (size_t i = 0; i < p.g->start.n; i++)
        reach(&p, p.g->start.nodes[i]->children);
    xmlHashScan(p.g->defs, drop_defines, &p);
    clean_empty_grammar(xmlDocGetRootElement(doc));
    keep_not_compilable(p.g, doc, xmlDocGetRootElement(doc));
    grammar_free(p.g);
    clear_marks(xmlDocGetRootElement(doc));
    if (stats != NULL) {
        stats[0] = before;
        stats[1] = after;
    }
    return doc;
}

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
    for (; n != NULL; n = next_pattern(n)) {
        const xmlChar *t = n->name;
        if (xmlStrEqual(t, BAD_CAST "element")) {
            c->attr_mode = 0;
            if (!pattern_names(n, add_child_name, c))
                c->into->any_child = 1;
        } else if (xmlStrEqual(t, BAD_CAST "attribute")) {
            c->attr_mode = 1;
            pattern_names(n, add_child_name, c);
            c->attr_mode = 0;
        } else if (xmlStrEqual(t, BAD_CAST "text") || xmlStrEqual(t, BAD_CAST "data") ||
                   xmlStrEqual(t, BAD_CAST "value") || xmlStrEqual(t, BAD_CAST "list")) {
            c->into->text = 1;
        } else if (xmlStrEqual(t, BAD_CAST "mixed")) {
            c->into->text = 1;
            collect_content(c, patterns_of(n));
        } else if (xmlStrEqual(t, BAD_CAST "ref")) {
            struct defgroup *dg = ref_target(c->g, n);
            if (dg == NULL || dg->visiting)
                continue;
            dg->visiting = 1;
            for (size_t i = 0; i < dg->n; i++)
                collect_content(c, patterns_of(dg->nodes[i]));
            dg->visiting = 0;
        } else if (!xmlStrEqual(t, BAD_CAST "notAllowed") &&
                   !xmlStrEqual(t, BAD_CAST "empty")) {
            collect_content(c, patterns_of(n));
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
    collect_content(&c, first_pattern(b->pattern));
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
            pattern_names(n, info_for_name, b);
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
    struct grammar *g = grammar_new(rng);
    if (info->elements == NULL || g == NULL) {
        grammar_free(g);
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
        grammar_free(info->g);
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
    for (; c != NULL; c = next_pattern(c)) {
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
                struct pat *x = conv_seq(m, patterns_of(dg->nodes[i]), P_GROUP, depth + 1);
                p = i == 0 ? x : mk(m, dg->combine_interleave ? P_INTERLEAVE : P_CHOICE, p, x);
            }
            dg->visiting = 0;
            xmlHashAddEntry(m->defs, name, p);
        }
        xmlFree(name);
        return p;
    }
    if (xmlStrEqual(t, BAD_CAST "choice"))
        return conv_seq(m, patterns_of(n), P_CHOICE, depth + 1);
    if (xmlStrEqual(t, BAD_CAST "interleave") || xmlStrEqual(t, BAD_CAST "mixed"))
        return conv_seq(m, patterns_of(n), P_INTERLEAVE, depth + 1);
    if (xmlStrEqual(t, BAD_CAST "oneOrMore"))
        return mk(m, P_ONEORMORE, conv_seq(m, patterns_of(n), P_GROUP, depth + 1), &m->na);
    if (xmlStrEqual(t, BAD_CAST "zeroOrMore"))
        return mk(m, P_CHOICE,
                  mk(m, P_ONEORMORE, conv_seq(m, patterns_of(n), P_GROUP, depth + 1), &m->na),
                  &m->empty);
    if (xmlStrEqual(t, BAD_CAST "optional"))
        return mk(m, P_CHOICE, conv_seq(m, patterns_of(n), P_GROUP, depth + 1), &m->empty);
    if (xmlStrEqual(t, BAD_CAST "group"))
        return conv_seq(m, patterns_of(n), P_GROUP, depth + 1);
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
    if (!pattern_names(pat, name_eq, &nm))
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
    case P_ELEM: pattern_names(p->elem, add_first_name, h); return;
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
    struct pat *p = conv_seq(m, first_pattern(pat), P_GROUP, 0);
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
