/* render_ext.c: the XPath extension functions tk:nth(), tk:person(), tk:index(),
 * tk:mixed() and tk:image() that 'teikit render' gives its stylesheets: numbers among siblings, positions in
 * the stylesheet's node-set variables, person pointers and mixed content looked up in tables
 * built once per transformation (linear where the XPath equivalent is quadratic, and no
 * xsl:key: libxslt builds every key of a stylesheet over the whole document at the first
 * key() call), and capped warnings for pointers that name nothing. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "teikit.h"
#include "tk_internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/hash.h>
#include <libxml/uri.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define XML_NS_URI "http://www.w3.org/XML/1998/namespace"
/* distinct unresolved pointers named in a warning of their own; the rest are counted */
#define UNRESOLVED_CAP 10

/* A node and its 1-based number in its group. */
struct num {
    xmlNodePtr node;
    int n;
};

/* The elements of one group (same name, same parent or scope), sorted by address. */
struct group {
    struct num *v;
    int n;
};

struct tk_render_ext {
    tk_diag *diag;
    const char *input;
    const char *dir;          /* realpath of the input's directory, "" when none */
    xmlHashTablePtr groups;   /* "scope|name|ns" -> struct group */
    xmlHashTablePtr indexes;  /* variable name -> struct group (its nodes, numbered) */
    xmlHashTablePtr mixed;    /* "%p" of an element -> (void *)1 mixed, (void *)2 not */
    xmlDocPtr ids_doc;        /* the document whose xml:ids are in ids */
    xmlHashTablePtr ids;      /* xml:id -> its element */
    char *warned[UNRESOLVED_CAP];
    int n_warned;
    long more;                /* unresolved pointers beyond the cap */
    int failed;               /* out of memory once: every later call fails */
};

tk_render_ext *tk_render_ext_new(tk_diag *d, const char *input, const char *dir)
{
    tk_render_ext *x = calloc(1, sizeof *x);
    if (x == NULL)
        return NULL;
    x->diag = d;
    x->input = input;
    x->dir = dir != NULL ? dir : "";
    return x;
}

static void group_free(void *p, const xmlChar *name)
{
    (void)name;
    struct group *g = p;
    free(g->v);
    free(g);
}

void tk_render_ext_free(tk_render_ext *x)
{
    if (x == NULL)
        return;
    if (x->more > 0)
        TK_MSG(x->diag, ID_REF_MORE, x->input, 0, 0, x->more);
    if (x->groups != NULL)
        xmlHashFree(x->groups, group_free);
    if (x->indexes != NULL)
        xmlHashFree(x->indexes, group_free);
    if (x->mixed != NULL)
        xmlHashFree(x->mixed, NULL);
    if (x->ids != NULL)
        xmlHashFree(x->ids, NULL);
    for (int i = 0; i < x->n_warned; i++)
        free(x->warned[i]);
    free(x);
}

/* ------------------------------------------------------------------- tk:nth() -------- */

static int num_cmp(const void *a, const void *b)
{
    uintptr_t p = (uintptr_t)((const struct num *)a)->node;
    uintptr_t q = (uintptr_t)((const struct num *)b)->node;
    return (p > q) - (p < q);
}

static int same_name(xmlNodePtr a, xmlNodePtr b)
{
    if (a->type != XML_ELEMENT_NODE || !xmlStrEqual(a->name, b->name))
        return 0;
    if (a->ns == NULL || b->ns == NULL)
        return a->ns == b->ns;
    return xmlStrEqual(a->ns->href, b->ns->href);
}

/* Appends node to g (capacity doubled as needed). */
static int group_add(struct group *g, int *cap, xmlNodePtr node)
{
    if (g->n == *cap) {
        int c = *cap ? 2 * *cap : 8;
        struct num *v = realloc(g->v, (size_t)c * sizeof *v);
        if (v == NULL)
            return -1;
        g->v = v;
        *cap = c;
    }
    g->v[g->n].node = node;
    g->v[g->n].n = g->n + 1;
    g->n++;
    return 0;
}

/* The elements named like `like` among the children of `scope` (deep: among its
 * descendants), in document order. */
static struct group *group_build(xmlNodePtr scope, xmlNodePtr like, int deep)
{
    struct group *g = calloc(1, sizeof *g);
    int cap = 0;
    if (g == NULL)
        return NULL;
    xmlNodePtr cur = scope->children;
    while (cur != NULL) {
        if (same_name(cur, like) && group_add(g, &cap, cur) != 0) {
            group_free(g, NULL);
            return NULL;
        }
        if (deep && cur->type == XML_ELEMENT_NODE && cur->children != NULL) {
            cur = cur->children;
            continue;
        }
        while (cur != NULL && cur->next == NULL) {
            cur = cur->parent;
            if (cur == scope)
                cur = NULL;
        }
        if (cur != NULL)
            cur = cur->next;
    }
    if (g->n > 0)
        qsort(g->v, (size_t)g->n, sizeof *g->v, num_cmp);
    return g;
}

/* The number of `node` among the elements of its name under `scope` (children, or with deep
 * descendants); 0 when it is not there or on failure (x->failed set). */
static int number_of(tk_render_ext *x, xmlNodePtr node, xmlNodePtr scope, int deep)
{
    if (x->groups == NULL && (x->groups = xmlHashCreate(64)) == NULL) {
        x->failed = 1;
        return 0;
    }
    char key[128];
    snprintf(key, sizeof key, "%p|%d|%p", (void *)scope, deep, (void *)node->ns);
    /* (the namespace pointer only separates groups; same_name compares the URIs) */
    struct group *g = xmlHashLookup2(x->groups, (const xmlChar *)key, node->name);
    if (g == NULL) {
        g = group_build(scope, node, deep);
        if (g == NULL || xmlHashAddEntry2(x->groups, (const xmlChar *)key, node->name, g) != 0) {
            if (g != NULL)
                group_free(g, NULL);
            x->failed = 1;
            return 0;
        }
    }
    struct num k = {node, 0};
    struct num *f = g->n > 0 ? bsearch(&k, g->v, (size_t)g->n, sizeof k, num_cmp) : NULL;
    return f != NULL ? f->n : 0;
}

/* tk:nth(NODE[, SCOPE]): the 1-based number of element NODE among the elements of its name
 * that are children of its parent (with SCOPE: descendants of SCOPE), in document order; NaN
 * when NODE is not an element (or not under SCOPE). Lists and verse number their items and
 * lines with it in one pass where count(preceding-sibling::x) is quadratic. */
static void xpath_nth(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1 && nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlNodeSetPtr scope = nargs == 2 ? xmlXPathPopNodeSet(ctxt) : NULL;
    xmlNodeSetPtr node = xmlXPathCheckError(ctxt) ? NULL : xmlXPathPopNodeSet(ctxt);
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    tk_render_ext *x = tctxt != NULL ? tk_render_run_ext(tctxt) : NULL;
    double v = xmlXPathNAN;
    if (xmlXPathCheckError(ctxt) || x == NULL) {
        if (!xmlXPathCheckError(ctxt))
            xmlXPathSetError(ctxt, XPATH_INVALID_TYPE);
        goto out;
    }
    if (node != NULL && node->nodeNr > 0 && node->nodeTab[0]->type == XML_ELEMENT_NODE) {
        xmlNodePtr n = node->nodeTab[0];
        xmlNodePtr s = nargs == 2 ? (scope != NULL && scope->nodeNr > 0 ? scope->nodeTab[0] : NULL)
                                  : n->parent;
        int k = s != NULL ? number_of(x, n, s, nargs == 2) : 0;
        if (x->failed) {
            xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
            goto out;
        }
        if (k > 0)
            v = k;
    }
    valuePush(ctxt, xmlXPathNewFloat(v));
out:
    xmlXPathFreeNodeSet(node);
    xmlXPathFreeNodeSet(scope);
}

static int is_space(xmlChar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The start of a function of one node-set argument: checks the arity, pops the argument
 * into *set (the caller frees it) and returns the transformation's tables; NULL with the
 * XPath error set when any of that fails. */
static tk_render_ext *one_node_set(xmlXPathParserContextPtr ctxt, int nargs, xmlNodeSetPtr *set)
{
    *set = NULL;
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return NULL;
    }
    *set = xmlXPathPopNodeSet(ctxt);
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    tk_render_ext *x = tctxt != NULL ? tk_render_run_ext(tctxt) : NULL;
    if (xmlXPathCheckError(ctxt) || x == NULL) {
        if (!xmlXPathCheckError(ctxt))
            xmlXPathSetError(ctxt, XPATH_INVALID_TYPE);
        return NULL;
    }
    return x;
}

/* ------------------------------------------------------------------ tk:index() ------- */

/* The nodes of the stylesheet's global node-set variable `name`, numbered in the variable's
 * order and sorted by address (built once: looking a variable up copies it). */
static struct group *index_of(tk_render_ext *x, xsltTransformContextPtr tctxt,
                              const xmlChar *name)
{
    if (x->indexes == NULL && (x->indexes = xmlHashCreate(8)) == NULL)
        return NULL;
    struct group *g = xmlHashLookup(x->indexes, name);
    if (g != NULL)
        return g;
    xmlXPathObjectPtr v = xsltVariableLookup(tctxt, name, NULL);
    xmlNodeSetPtr set = v != NULL && v->type == XPATH_NODESET ? v->nodesetval : NULL;
    int cap = 0;
    g = calloc(1, sizeof *g);
    for (int i = 0; g != NULL && set != NULL && i < set->nodeNr; i++)
        if (group_add(g, &cap, set->nodeTab[i]) != 0) {
            group_free(g, NULL);
            g = NULL;
        }
    xmlXPathFreeObject(v);
    if (g == NULL)
        return NULL;
    if (g->n > 0) /* (an empty table has no array) */
        qsort(g->v, (size_t)g->n, sizeof *g->v, num_cmp);
    if (xmlHashAddEntry(x->indexes, name, g) != 0) {
        group_free(g, NULL);
        return NULL;
    }
    return g;
}

/* tk:index(NODE, NAME): the 1-based position of NODE in the stylesheet's global node-set
 * variable NAME (notes in reading order, mentions); NaN when it is not there. The numbers of
 * notes without a table of (generate-id, number) elements looked up by key. */
static void xpath_index(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *name = xmlXPathPopString(ctxt);
    xmlNodeSetPtr node = xmlXPathCheckError(ctxt) ? NULL : xmlXPathPopNodeSet(ctxt);
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    tk_render_ext *x = tctxt != NULL ? tk_render_run_ext(tctxt) : NULL;
    double v = xmlXPathNAN;
    if (xmlXPathCheckError(ctxt) || x == NULL || name == NULL) {
        if (!xmlXPathCheckError(ctxt))
            xmlXPathSetError(ctxt, XPATH_INVALID_TYPE);
        goto out;
    }
    struct group *g = index_of(x, tctxt, name);
    if (g == NULL) {
        xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
        goto out;
    }
    if (node != NULL && node->nodeNr > 0 && g->n > 0) { /* (an empty table has no array) */
        struct num k = {node->nodeTab[0], 0};
        struct num *f = bsearch(&k, g->v, (size_t)g->n, sizeof k, num_cmp);
        if (f != NULL)
            v = f->n;
    }
    valuePush(ctxt, xmlXPathNewFloat(v));
out:
    xmlFree(name);
    xmlXPathFreeNodeSet(node);
}

/* ------------------------------------------------------------------ tk:mixed() ------- */

/* tk:mixed(NODE): true when element NODE has a text child that is not only whitespace (a
 * block inside it is then rendered inline). Asked for each child of an element, a scan of
 * the children would be quadratic: the answer is kept per element. */
static void xpath_mixed(xmlXPathParserContextPtr ctxt, int nargs)
{
    xmlNodeSetPtr set;
    tk_render_ext *x = one_node_set(ctxt, nargs, &set);
    int mixed = 0;
    if (x == NULL)
        goto out;
    xmlNodePtr e = set != NULL && set->nodeNr > 0 ? set->nodeTab[0] : NULL;
    if (e == NULL || e->type != XML_ELEMENT_NODE)
        goto push;
    if (x->mixed == NULL && (x->mixed = xmlHashCreate(64)) == NULL)
        goto nomem;
    char key[32];
    snprintf(key, sizeof key, "%p", (void *)e);
    void *known = xmlHashLookup(x->mixed, (const xmlChar *)key);
    if (known != NULL) {
        mixed = known == (void *)1;
        goto push;
    }
    for (xmlNodePtr c = e->children; c != NULL && !mixed; c = c->next)
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            for (const xmlChar *p = c->content; p != NULL && *p != 0 && !mixed; p++)
                mixed = !is_space(*p);
    if (xmlHashAddEntry(x->mixed, (const xmlChar *)key, mixed ? (void *)1 : (void *)2) != 0)
        goto nomem;
push:
    valuePush(ctxt, xmlXPathNewBoolean(mixed));
    goto out;
nomem:
    xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
out:
    xmlXPathFreeNodeSet(set);
}

/* ----------------------------------------------------------------- tk:person() ------- */

/* Builds the table of xml:ids of doc (once per document). */
static int ids_of(tk_render_ext *x, xmlDocPtr doc)
{
    if (x->ids != NULL && x->ids_doc == doc)
        return 0;
    if (x->ids != NULL)
        xmlHashFree(x->ids, NULL);
    x->ids_doc = doc;
    if ((x->ids = xmlHashCreate(64)) == NULL)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(doc), cur = root;
    while (cur != NULL) {
        if (cur->type == XML_ELEMENT_NODE) {
            for (xmlAttrPtr a = cur->properties; a != NULL; a = a->next)
                if (a->ns != NULL && xmlStrEqual(a->name, (const xmlChar *)"id") &&
                    xmlStrEqual(a->ns->href, (const xmlChar *)XML_NS_URI) &&
                    a->children != NULL && a->children->content != NULL)
                    /* the first element with an id wins (as key() and id() find it first) */
                    (void)xmlHashAddEntry(x->ids, a->children->content, cur);
            if (cur->children != NULL) {
                cur = cur->children;
                continue;
            }
        }
        while (cur != NULL && cur != root && cur->next == NULL)
            cur = cur->parent;
        cur = cur == root || cur == NULL ? NULL : cur->next;
    }
    return 0;
}

static int is_person(xmlNodePtr e)
{
    return e != NULL && e->ns != NULL && xmlStrEqual(e->ns->href, (const xmlChar *)TEI_NS) &&
           xmlStrEqual(e->name, (const xmlChar *)"person");
}

/* Warns once about pointer `tok` of `node` that names nothing (the first UNRESOLVED_CAP
 * distinct ones; the others are counted for one summary). */
static void unresolved(tk_render_ext *x, xmlNodePtr node, const char *tok)
{
    for (int i = 0; i < x->n_warned; i++)
        if (strcmp(x->warned[i], tok) == 0)
            return;
    if (x->n_warned == UNRESOLVED_CAP) {
        x->more++;
        return;
    }
    char *copy = strdup(tok);
    if (copy == NULL) {
        x->more++;
        return;
    }
    x->warned[x->n_warned++] = copy;
    const char *file = node->doc != NULL && node->doc->URL != NULL ? (const char *)node->doc->URL
                                                                   : x->input;
    TK_MSG(x->diag, ID_REF_RENDER, file, (unsigned)xmlGetLineNo(node), 0, tok);
}

/* tk:person(NODE): the xml:id of the first person of the personography (tei:person) that
 * NODE's @ref points to ("#id"), else "". Every "#id" of @ref that names nothing is warned
 * about once (capped); a pointer out of the document (a URI) is not looked up. */
static void xpath_person(xmlXPathParserContextPtr ctxt, int nargs)
{
    xmlNodeSetPtr set;
    tk_render_ext *x = one_node_set(ctxt, nargs, &set);
    xmlChar *ref = NULL, *found = NULL;
    if (x == NULL)
        goto out;
    xmlNodePtr node = set != NULL && set->nodeNr > 0 ? set->nodeTab[0] : NULL;
    if (node != NULL && node->type == XML_ELEMENT_NODE && node->doc != NULL)
        ref = xmlGetNoNsProp(node, (const xmlChar *)"ref");
    if (ref != NULL && ids_of(x, node->doc) != 0) {
        xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
        goto out;
    }
    for (xmlChar *p = ref; p != NULL && *p != 0;) {
        while (is_space(*p))
            p++;
        xmlChar *e = p;
        while (*e != 0 && !is_space(*e))
            e++;
        xmlChar save = *e;
        *e = 0;
        if (p[0] == '#' && p[1] != 0) {
            xmlNodePtr target = xmlHashLookup(x->ids, p + 1);
            if (is_person(target) && found == NULL)
                found = xmlStrdup(p + 1);
            else if (target == NULL)
                unresolved(x, node, (const char *)p);
        }
        *e = save;
        p = e;
    }
    valuePush(ctxt, xmlXPathWrapString(found != NULL ? found : xmlStrdup((const xmlChar *)"")));
    found = NULL;
out:
    xmlFree(found);
    xmlFree(ref);
    xmlXPathFreeNodeSet(set);
}

/* ------------------------------------------------------------------ tk:image() ------- */

/* images larger than this stay links: the page would grow by a third more than the file */
#define IMAGE_MAX (8L * 1024 * 1024)

/* The MIME type of an image file by its extension, NULL when browsers show no such image. */
static const char *image_type(const char *path)
{
    static const struct {
        const char *ext;
        const char *type;
    } types[] = {
        {".png", "image/png"},   {".jpg", "image/jpeg"},     {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},   {".webp", "image/webp"},    {".svg", "image/svg+xml"},
    };
    const char *dot = strrchr(path, '.');
    if (dot == NULL || strchr(dot, '/') != NULL)
        return NULL;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (xmlStrcasecmp((const xmlChar *)dot, (const xmlChar *)types[i].ext) == 0)
            return types[i].type;
    return NULL;
}

/* The data: URI of the image file at relative URL `url` under directory `dir` (a realpath),
 * malloc'd; NULL when the URL names no such file (a scheme, an absolute path, a path out of
 * the directory, no image extension, too large, unreadable). */
static char *image_data_uri(const char *dir, const char *url)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *path = NULL, *uri = NULL, *rel = NULL;
    unsigned char *data = NULL;
    FILE *f = NULL;
    char real[PATH_MAX];
    struct stat st;
    size_t n = strcspn(url, ":/?#");
    const char *type;
    if (dir[0] == '\0' || url[0] == '\0' || url[0] == '/' || url[n] == ':')
        goto out;
    rel = xmlURIUnescapeString(url, (int)strcspn(url, "?#"), NULL);
    if (rel == NULL || rel[0] == '\0' || (type = image_type(rel)) == NULL)
        goto out;
    size_t len = strlen(dir) + strlen(rel) + 2;
    if ((path = malloc(len)) == NULL)
        goto out;
    snprintf(path, len, "%s/%s", dir, rel);
    size_t dl = strlen(dir);
    if (realpath(path, real) == NULL || strncmp(real, dir, dl) != 0 ||
        (real[dl] != '/' && !(dl == 1 && dir[0] == '/')) || stat(real, &st) != 0 ||
        !S_ISREG(st.st_mode) || st.st_size > IMAGE_MAX || (f = fopen(real, "rb")) == NULL)
        goto out;
    size_t size = (size_t)st.st_size;
    if ((data = malloc(size + 1)) == NULL || fread(data, 1, size, f) != size)
        goto out;
    size_t head = strlen("data:;base64,") + strlen(type);
    if ((uri = malloc(head + (size + 2) / 3 * 4 + 1)) == NULL)
        goto out;
    char *o = uri + snprintf(uri, head + 1, "data:%s;base64,", type);
    for (size_t i = 0; i < size; i += 3) {
        unsigned v = (unsigned)data[i] << 16;
        if (i + 1 < size)
            v |= (unsigned)data[i + 1] << 8;
        if (i + 2 < size)
            v |= data[i + 2];
        *o++ = b64[v >> 18 & 63];
        *o++ = b64[v >> 12 & 63];
        *o++ = i + 1 < size ? b64[v >> 6 & 63] : '=';
        *o++ = i + 2 < size ? b64[v & 63] : '=';
    }
    *o = '\0';
out:
    if (f != NULL)
        fclose(f);
    free(data);
    free(path);
    xmlFree(rel);
    return uri;
}

/* tk:image(URL): the image file that relative URL names in the input's directory as a data:
 * URI (the page stays self-contained), "" when it names none (a remote URL, a missing file). */
static void xpath_image(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *url = xmlXPathPopString(ctxt);
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    tk_render_ext *x = tctxt != NULL ? tk_render_run_ext(tctxt) : NULL;
    char *uri = NULL;
    if (url != NULL && x != NULL) {
        xmlChar *u = xmlStrdup(url);
        if (u != NULL) {
            char *t = (char *)u + strspn((char *)u, " \t\r\n");
            t[strcspn(t, " \t\r\n")] = '\0';
            uri = image_data_uri(x->dir, t);
            xmlFree(u);
        }
    }
    valuePush(ctxt, xmlXPathWrapString(xmlStrdup((const xmlChar *)(uri != NULL ? uri : ""))));
    free(uri);
    xmlFree(url);
}

int tk_render_ext_register(tk_render_ext *x, xsltTransformContextPtr tctxt, const char *ns)
{
    (void)x;
    static const struct {
        const char *name;
        xmlXPathFunction fn;
    } fns[] = {
        {"nth", xpath_nth},
        {"person", xpath_person},
        {"index", xpath_index},
        {"mixed", xpath_mixed},
        {"image", xpath_image},
    };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        if (xsltRegisterExtFunction(tctxt, (const xmlChar *)fns[i].name, (const xmlChar *)ns,
                                    fns[i].fn) != 0)
            return -1;
    return 0;
}
