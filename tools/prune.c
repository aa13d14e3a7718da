/* prune.c: RelaxNG schema pruning: a schema cut to the elements a document set uses (exact,
 * fast to compile), over the grammar model of rng_internal.h. What each element allows (for
 * messages) is rng_model.c's; the name sets it works with are nameset.c's. */
#include "validate_internal.h"
#include "rng_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

/* ------------------------------------------------------------ RNG helpers ------- */

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
int tk_rng_pattern_names(xmlNodePtr pat, name_fn f, void *user)
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
xmlNodePtr tk_rng_first_pattern(xmlNodePtr pat)
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

xmlNodePtr tk_rng_next_pattern(xmlNodePtr c)
{
    for (c = c->next; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && is_rng(c, NULL))
            return c;
    return NULL;
}

/* Children that are patterns: for element/attribute after the name class, else all. */
xmlNodePtr tk_rng_patterns_of(xmlNodePtr n)
{
    if (is_rng(n, "element") || is_rng(n, "attribute"))
        return tk_rng_first_pattern(n);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && is_rng(c, NULL))
            return c;
    return NULL;
}

/* ------------------------------------------------------------- defines ------- */

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

struct grammar *tk_rng_grammar_new(xmlDocPtr rng)
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

void tk_rng_grammar_free(struct grammar *g)
{
    if (g == NULL)
        return;
    xmlHashFree(g->defs, defgroup_free);
    free(g->start.nodes);
    free(g);
}

struct defgroup *tk_rng_ref_target(struct grammar *g, xmlNodePtr ref)
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
            struct defgroup *dg = tk_rng_ref_target(c->g, n);
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
    struct rng_check c = {tk_rng_grammar_new(rng), tk_prune_possible(rng), NULL, NULL};
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
    tk_rng_grammar_free(c.g);
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
        return !tk_rng_pattern_names(n, (name_fn)NULL, NULL);
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
        struct defgroup *dg = tk_rng_ref_target(g, n);
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
                r = nc_patterns(g, tk_rng_patterns_of(dg->nodes[i]), 0);
        dg->visiting = 0;
        dg->data = (void *)(intptr_t)(r ? 2 : 1);
        return r;
    }
    return nc_patterns(g, tk_rng_patterns_of(n), xmlStrEqual(t, BAD_CAST "choice"));
}

static int nc_patterns(struct grammar *g, xmlNodePtr c, int in_choice)
{
    for (; c != NULL; c = tk_rng_next_pattern(c))
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
            int finite = tk_rng_pattern_names(n, name_kept, p);
            (*before)++;
            if (finite && !p->any) {
                SET_MARK(n, MARK_PRUNED);
            } else {
                (*after)++;
                if (nc_patterns(p->g, tk_rng_first_pattern(n), 0))
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
    for (; c != NULL; c = tk_rng_next_pattern(c))
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
        return na_group(p, tk_rng_first_pattern(n));
    }
    if (xmlStrEqual(t, BAD_CAST "notAllowed"))
        return 1;
    if (xmlStrEqual(t, BAD_CAST "ref"))
        return na_defgroup(tk_rng_ref_target(p->g, n));
    if (xmlStrEqual(t, BAD_CAST "choice")) {
        for (xmlNodePtr c = tk_rng_patterns_of(n); c != NULL; c = tk_rng_next_pattern(c))
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
        return na_group(p, tk_rng_patterns_of(n));
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
        struct defgroup *dg = tk_rng_ref_target(p->g, n);
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
    for (xmlNodePtr c = tk_rng_patterns_of(n); c != NULL; c = tk_rng_next_pattern(c))
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
            xmlNodePtr c = tk_rng_first_pattern(n);
            for (; c != NULL; c = tk_rng_next_pattern(c))
                if (na(p, c))
                    k += blame(p, c);
        } else if (is_rng(n, "start")) {
            for (xmlNodePtr c = tk_rng_patterns_of(n); c != NULL; c = tk_rng_next_pattern(c))
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
        xmlNodePtr c = tk_rng_first_pattern(n);
        while (c != NULL) {
            xmlNodePtr next = tk_rng_next_pattern(c);
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
    xmlNodePtr c = tk_rng_patterns_of(n);
    while (c != NULL) {
        xmlNodePtr next = tk_rng_next_pattern(c);
        if (na(p, c)) {
            if (choice) {
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            } else if (is_rng(c, "zeroOrMore") || is_rng(c, "optional")) {
                replace_with(c, "empty"); /* never reached: those are never notAllowed */
            }
            /* other parents are notAllowed themselves and never rewritten */
        } else if ((is_rng(c, "zeroOrMore") || is_rng(c, "optional")) &&
                   na_group(p, tk_rng_patterns_of(c))) {
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
    xmlNodePtr c = tk_rng_patterns_of(n);
    while (c != NULL) {
        xmlNodePtr next = tk_rng_next_pattern(c);
        if (!is_rng(c, "ref") && !is_rng(c, "data") && !is_rng(c, "value"))
            clean_empty(c);
        /* (clean_empty may have replaced c by <empty/>: the loop below looks again) */
        c = next;
    }
    c = tk_rng_patterns_of(n);
    while (c != NULL) {
        xmlNodePtr next = tk_rng_next_pattern(c);
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
            xmlNodePtr only = tk_rng_patterns_of(n);
            if (only != NULL && tk_rng_next_pattern(only) == NULL)
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
            struct defgroup *dg = tk_rng_ref_target(p->g, n);
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
            !nc_patterns(g, tk_rng_first_pattern(n), 0))
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
    struct prune p = {tk_rng_grammar_new(doc), keep, 0};
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
            xmlNodePtr c = tk_rng_patterns_of(s);
            while (c != NULL) {
                xmlNodePtr next = tk_rng_next_pattern(c);
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
    tk_rng_grammar_free(p.g);
    clear_marks(xmlDocGetRootElement(doc));
    if (stats != NULL) {
        stats[0] = before;
        stats[1] = after;
    }
    return doc;
}
