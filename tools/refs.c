/* refs.c: a corpus as one unit: what each document's rule checks could not resolve alone
 * (pointers into other files, #ids defined by the corpus root, persons mentioned elsewhere)
 * is kept per document and resolved across every document of a validation at the end. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "tk_internal.h"
#include "validate_internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>
#include <libxml/uri.h>

#define XI_NS "http://www.w3.org/2001/XInclude"

/* What a deferred item is. */
enum dkind { D_LOCAL, D_FILE, D_PERSON };

/* What the resolution found for a deferred item. */
enum verdict { V_OK, V_DANGLING, V_NO_ID, V_OUTSIDE, V_MISSING };

struct deferred {
    enum dkind kind;
    enum verdict verdict;
    char *attr;  /* the pointer's attribute (NULL for persons) */
    char *token; /* the pointer as written (persons: the id) */
    char *file;  /* D_FILE: the path part as written */
    char *in;    /* the XIncluded file the item is in, NULL for the document's own */
    char *key;   /* D_FILE: real path of the target, NULL when it does not exist */
    const char *id; /* the fragment (points into token) */
    unsigned line, col;
    size_t pos;
};

struct tk_refs {
    char *key;              /* real path of the document, NULL for stdin */
    char *name;             /* its path as given, for messages */
    int corpus;             /* the root element is teiCorpus */
    unsigned xincludes;     /* xi:include elements left in the tree (not processed) */
    xmlHashTablePtr ids;    /* every xml:id (values unused) */
    xmlHashTablePtr mentioned; /* ids other documents point to */
    char **includes;        /* real paths of the files xi:include names */
    size_t n_inc;
    struct deferred *v;
    size_t n, cap;
};

/* Real path of path (malloc'd), NULL when it does not exist. */
static char *real_path(const char *path)
{
    char *buf = malloc(PATH_MAX);
    if (buf != NULL && realpath(path, buf) == NULL) {
        free(buf);
        buf = NULL;
    }
    return buf;
}

tk_refs *tk_refs_new(const char *path)
{
    tk_refs *r = calloc(1, sizeof *r);
    if (r != NULL && path != NULL && strcmp(path, "-") != 0) {
        r->key = real_path(path);
        r->name = strdup(path);
    }
    return r;
}

void tk_refs_free(tk_refs *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].attr);
        free(r->v[i].token);
        free(r->v[i].file);
        free(r->v[i].key);
        free(r->v[i].in);
    }
    free(r->v);
    for (size_t i = 0; i < r->n_inc; i++)
        free(r->includes[i]);
    free(r->includes);
    xmlHashFree(r->ids, NULL);
    xmlHashFree(r->mentioned, NULL);
    free(r->key);
    free(r->name);
    free(r);
}

void tk_refs_set_root(tk_refs *r, int corpus, unsigned xincludes)
{
    r->corpus = corpus;
    r->xincludes = xincludes;
}

void tk_refs_take_ids(tk_refs *r, xmlHashTablePtr ids)
{
    xmlHashFree(r->ids, NULL);
    r->ids = ids;
}

int tk_refs_pending(const tk_refs *r) { return r != NULL && r->n > 0; }

/* 1 when s starts with a URI scheme ("file:", "http:"). */
static int has_scheme(const char *s)
{
    size_t i = 0;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.')))
        i++;
    return i > 1 && s[i] == ':';
}

/* The path of `ref` beside the plain path `base` (its directory, then ref), malloc'd. */
static char *beside(const char *ref, const char *base)
{
    const char *slash = base != NULL && ref[0] != '/' ? strrchr(base, '/') : NULL;
    size_t dl = slash != NULL ? (size_t)(slash - base) + 1 : 0;
    char *path = malloc(dl + strlen(ref) + 1);
    if (path != NULL) {
        memcpy(path, base, dl);
        strcpy(path + dl, ref);
    }
    return path;
}

/* The file a relative reference names, resolved against base (a URI, or a plain path as
 * libxml2 keeps a document's name: escaped, "/a%20b.xml", when it has spaces), as a real path
 * (malloc'd); NULL when it does not exist. */
static char *resolve_file(const char *ref, const char *base)
{
    char *key = NULL;
    xmlChar *r = (xmlChar *)xmlURIUnescapeString(ref, 0, NULL); /* %20 in the reference */
    if (r == NULL)
        return NULL;
    if (base == NULL || !has_scheme(base)) {
        /* the base as it is, then unescaped */
        char *b = xmlURIUnescapeString(base != NULL ? base : "", 0, NULL);
        for (int k = 0; k < 2 && key == NULL; k++) {
            char *path = beside((const char *)r, k == 0 ? base : b);
            key = path != NULL ? real_path(path) : NULL;
            free(path);
        }
        xmlFree(b);
    } else {
        xmlChar *uri = xmlBuildURI(BAD_CAST ref, BAD_CAST base);
        const char *p = (const char *)uri;
        if (p != NULL && strncmp(p, "file://", 7) == 0)
            p += 7;
        char *u = p != NULL && !has_scheme(p) ? xmlURIUnescapeString(p, 0, NULL) : NULL;
        key = u != NULL ? real_path(u) : NULL;
        xmlFree(u);
        xmlFree(uri);
    }
    xmlFree(r);
    return key;
}

void tk_refs_add_include(tk_refs *r, const char *href, const char *base)
{
    char *key = resolve_file(href, base);
    if (key == NULL)
        return;
    char **v = realloc(r->includes, (r->n_inc + 1) * sizeof *v);
    if (v == NULL) {
        free(key);
        return;
    }
    r->includes = v;
    r->includes[r->n_inc++] = key;
}

/* 1 when s (n bytes) is a local path to an XML file: no URI scheme, ends in ".xml". */
static int local_xml_path(const char *s, size_t n)
{
    if (n < 5 || strncasecmp(s + n - 4, ".xml", 4) != 0)
        return 0;
    for (size_t i = 0; i < n && s[i] != '/'; i++)
        if (s[i] == ':')
            return 0; /* a scheme (http:, file:, a prefixDef's private one) */
    return 1;
}

int tk_refs_file_pointer(const char *token)
{
    const char *hash = strchr(token, '#');
    return hash != NULL && hash > token && hash[1] != '\0' &&
           local_xml_path(token, (size_t)(hash - token));
}

int tk_refs_defer(tk_refs *r, const char *attr, const char *token, const char *base,
                  const char *file, unsigned line, unsigned col, size_t pos)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct deferred *v = realloc(r->v, cap * sizeof *v);
        if (v == NULL)
            return -1;
        r->v = v;
        r->cap = cap;
    }
    struct deferred *e = &r->v[r->n];
    memset(e, 0, sizeof *e);
    e->line = line;
    e->col = col;
    e->pos = pos;
    e->token = strdup(token);
    e->attr = attr != NULL ? strdup(attr) : NULL;
    e->in = file != NULL ? strdup(file) : NULL;
    if (e->token == NULL || (attr != NULL && e->attr == NULL) || (file != NULL && e->in == NULL))
        goto fail;
    if (attr == NULL) {
        e->kind = D_PERSON;
        e->id = e->token;
    } else if (token[0] == '#') {
        e->kind = D_LOCAL;
        e->id = e->token + 1;
    } else {
        const char *hash = strchr(e->token, '#');
        e->kind = D_FILE;
        e->id = hash + 1;
        e->file = strndup(e->token, (size_t)(hash - e->token));
        if (e->file == NULL)
            goto fail;
        e->key = resolve_file(e->file, base);
    }
    r->n++;
    return 0;
fail:
    free(e->token);
    free(e->attr);
    free(e->file);
    free(e->in);
    return -1;
}

/* ------------------------------------------------------------------ resolution ------ */

struct unit {
    tk_refs *const *docs;
    size_t n;
    xmlHashTablePtr by_key; /* real path -> index + 1 */
};

/* The document of the unit with that real path, or NULL. */
static tk_refs *doc_of(const struct unit *u, const char *key)
{
    if (key == NULL || u->by_key == NULL)
        return NULL;
    size_t k = (size_t)(uintptr_t)xmlHashLookup(u->by_key, BAD_CAST key);
    return k > 0 ? u->docs[k - 1] : NULL;
}

static void mention(tk_refs *r, const char *id)
{
    if (r->mentioned == NULL)
        r->mentioned = xmlHashCreate(64);
    if (r->mentioned != NULL && xmlHashLookup(r->mentioned, BAD_CAST id) == NULL)
        xmlHashAddEntry(r->mentioned, BAD_CAST id, (void *)1);
}

/* Looks id up in r and in the files r XIncludes (those of the unit); marks it mentioned
 * where found. Returns 1 when found. */
static int find_in(const struct unit *u, tk_refs *r, const char *id)
{
    if (r == NULL)
        return 0;
    if (r->ids != NULL && xmlHashLookup(r->ids, BAD_CAST id) != NULL) {
        mention(r, id);
        return 1;
    }
    for (size_t i = 0; i < r->n_inc; i++) {
        tk_refs *t = doc_of(u, r->includes[i]);
        if (t != NULL && t != r && t->ids != NULL && xmlHashLookup(t->ids, BAD_CAST id) != NULL) {
            mention(t, id);
            return 1;
        }
    }
    return 0;
}

/* Where a #id a document does not define may be: what the document XIncludes, then the
 * corpus roots (teiCorpus documents: their header serves their members) of the unit. */
static enum verdict resolve_local(const struct unit *u, tk_refs *r, const char *id)
{
    for (size_t i = 0; i < r->n_inc; i++)
        if (find_in(u, doc_of(u, r->includes[i]), id))
            return V_OK;
    for (size_t i = 0; i < u->n; i++)
        if (u->docs[i] != NULL && u->docs[i]->corpus && u->docs[i] != r &&
            find_in(u, u->docs[i], id))
            return V_OK;
    return V_DANGLING;
}

static enum verdict resolve_file_ptr(const struct unit *u, const struct deferred *e)
{
    if (e->key == NULL)
        return V_MISSING;
    tk_refs *t = doc_of(u, e->key);
    if (t == NULL)
        return V_OUTSIDE;
    return find_in(u, t, e->id) ? V_OK : V_NO_ID;
}

/* Says once per document and target file how many pointers into it were not checked. */
static void outside_note(const tk_refs *r, size_t k, const tk_refs_opts *o, size_t doc)
{
    const struct deferred *e = &r->v[k];
    for (size_t i = 0; i < k; i++)
        if (r->v[i].kind == D_FILE && r->v[i].verdict == e->verdict &&
            strcmp(r->v[i].file, e->file) == 0)
            return; /* said at the first one */
    unsigned count = 0;
    for (size_t i = k; i < r->n; i++)
        count += r->v[i].kind == D_FILE && r->v[i].verdict == e->verdict &&
                 strcmp(r->v[i].file, e->file) == 0;
    char text[700];
    snprintf(text, sizeof text,
             "%u pointer%s into \"%s\" not checked: %s (--strict-refs makes %s an error)",
             count, count == 1 ? "" : "s", e->file,
             e->verdict == V_MISSING ? "no such file"
                                     : "the file is not among those validated (give it too, "
                                       "or the whole corpus with --corpus)",
             count == 1 ? "it" : "each");
    o->emit(doc, e->pos, TK_NOTE, e->in, e->line, e->col, "id-ref", text, o->arg);
}

int tk_refs_soft_attr(const char *attr)
{
    static const char *const soft[] = {"ana", "wit", "facs", "resp"};
    for (size_t i = 0; attr != NULL && i < sizeof soft / sizeof *soft; i++)
        if (strcmp(attr, soft[i]) == 0)
            return 1;
    return 0;
}

/* The message for one deferred item after resolution (nothing when it resolved). */
static void emit_one(const tk_refs *r, size_t k, const tk_refs_opts *o, size_t doc,
                     const tk_refs *root)
{
    const struct deferred *e = &r->v[k];
    char text[900];
    tk_severity sev = TK_ERROR;
    const char *rule = "id-ref";
    switch (e->verdict) {
    case V_OK:
        return;
    case V_DANGLING:
        snprintf(text, sizeof text,
                 "@%s points to \"%s\", which no xml:id in this document defines%s%s%s%s",
                 e->attr, e->token, root != NULL ? " (nor the corpus root \"" : "",
                 root != NULL && root->name != NULL ? root->name : "",
                 root != NULL ? "\")" : "",
                 r->xincludes > 0 ? " (it has xi:include: --xinclude reads the included "
                                    "files, or give them too)"
                                  : "");
        break;
    case V_NO_ID:
        snprintf(text, sizeof text, "@%s points to \"%s\", but \"%s\" defines no xml:id \"%s\"",
                 e->attr, e->token, e->file, e->id);
        break;
    case V_OUTSIDE:
    case V_MISSING:
        if (!o->strict) {
            outside_note(r, k, o, doc);
            return;
        }
        snprintf(text, sizeof text, "@%s points into \"%s\", %s", e->attr, e->file,
                 e->verdict == V_MISSING ? "which does not exist"
                                         : "which is not among the files validated (give it "
                                           "too, or the whole corpus with --corpus)");
        break;
    }
    if ((e->verdict == V_DANGLING || e->verdict == V_NO_ID) && !o->strict &&
        e->kind != D_PERSON && tk_refs_soft_attr(e->attr)) {
        sev = TK_WARNING;
        size_t l = strlen(text);
        snprintf(text + l, sizeof text - l, "%s", TK_REFS_SOFT_HINT);
    }
    if (e->kind == D_PERSON) {
        sev = TK_WARNING;
        rule = "person-unused";
        snprintf(text, sizeof text,
                 "person \"%s\" is declared but never mentioned (no @ref, @who or other "
                 "pointer names \"#%s\")",
                 e->id, e->id);
    }
    o->emit(doc, e->pos, sev, e->in, e->line, e->col, rule, text, o->arg);
}

int tk_refs_resolve(tk_refs *const *docs, size_t n, const tk_refs_opts *o)
{
    struct unit u = {docs, n, xmlHashCreate(n > 16 ? (int)n : 16)};
    if (u.by_key == NULL)
        return -1;
    const tk_refs *root = NULL; /* the first corpus root, named in messages */
    for (size_t i = 0; i < n; i++) {
        if (docs[i] == NULL)
            continue;
        if (root == NULL && docs[i]->corpus)
            root = docs[i];
        if (docs[i]->key != NULL && xmlHashLookup(u.by_key, BAD_CAST docs[i]->key) == NULL)
            xmlHashAddEntry(u.by_key, BAD_CAST docs[i]->key, (void *)(uintptr_t)(i + 1));
    }
    /* pointers first (they mark what they name as mentioned), then persons */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; docs[i] != NULL && k < docs[i]->n; k++) {
            struct deferred *e = &docs[i]->v[k];
            if (e->kind == D_LOCAL)
                e->verdict = resolve_local(&u, docs[i], e->id);
            else if (e->kind == D_FILE)
                e->verdict = resolve_file_ptr(&u, e);
        }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; docs[i] != NULL && k < docs[i]->n; k++) {
            struct deferred *e = &docs[i]->v[k];
            if (e->kind == D_PERSON)
                e->verdict = docs[i]->mentioned != NULL &&
                                     xmlHashLookup(docs[i]->mentioned, BAD_CAST e->id) != NULL
                                 ? V_OK
                                 : V_DANGLING;
        }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; docs[i] != NULL && k < docs[i]->n; k++)
            emit_one(docs[i], k, o, i, docs[i] == root ? NULL : root);
    xmlHashFree(u.by_key, NULL);
    return 0;
}

/* ------------------------------------------------------------- a corpus root ------- */

/* The files of a corpus root, as tk_refs_root_files returns them. */
struct filelist {
    char **v;
    int *documents;
    size_t n;
};

/* Adds the local files the xi:include elements under n name (parse="xml"), resolved against
 * their base, to l (each once), and each one's own includes, depth-first. */
static void includes_of(xmlNodePtr n, struct filelist *l, int depth)
{
    for (; n != NULL && depth < 64; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!(n->ns != NULL && xmlStrEqual(n->ns->href, BAD_CAST XI_NS) &&
              xmlStrEqual(n->name, BAD_CAST "include"))) {
            includes_of(n->children, l, depth);
            continue;
        }
        xmlChar *href = xmlGetNoNsProp(n, BAD_CAST "href");
        xmlChar *parse = xmlGetNoNsProp(n, BAD_CAST "parse");
        xmlChar *base = xmlNodeGetBase(n->doc, n);
        char *key = href != NULL && href[0] != '\0' &&
                            (parse == NULL || xmlStrEqual(parse, BAD_CAST "xml"))
                        ? resolve_file((const char *)href, (const char *)base)
                        : NULL;
        xmlFree(href);
        xmlFree(parse);
        xmlFree(base);
        for (size_t i = 0; key != NULL && i < l->n; i++)
            if (strcmp(l->v[i], key) == 0) {
                free(key);
                key = NULL;
            }
        char **v = key != NULL ? realloc(l->v, (l->n + 1) * sizeof *v) : NULL;
        if (v != NULL)
            l->v = v;
        int *dv = v != NULL ? realloc(l->documents, (l->n + 1) * sizeof *dv) : NULL;
        if (dv == NULL) {
            free(key);
            continue;
        }
        l->documents = dv;
        size_t me = l->n++;
        l->v[me] = key;
        tk_diag *quiet = tk_diag_new();
        xmlDocPtr doc = quiet != NULL ? tk_xml_read_file(key, 0, quiet) : NULL;
        tk_diag_free(quiet);
        xmlNodePtr root = xmlDocGetRootElement(doc);
        l->documents[me] = root != NULL && (xmlStrEqual(root->name, BAD_CAST "TEI") ||
                                            xmlStrEqual(root->name, BAD_CAST "teiCorpus"));
        if (root != NULL)
            includes_of(root, l, depth + 1);
        xmlFreeDoc(doc);
    }
}

int tk_refs_root_files(const char *root, char ***files, int **documents, size_t *n)
{
    struct filelist l = {malloc(sizeof(char *)), malloc(sizeof(int)), 0};
    char *key = real_path(root);
    if (l.v == NULL || l.documents == NULL || key == NULL) {
        free(key);
        free(l.v);
        free(l.documents);
        return -1;
    }
    l.v[0] = key;
    l.documents[0] = 1;
    l.n = 1;
    tk_diag *quiet = tk_diag_new();
    xmlDocPtr doc = quiet != NULL ? tk_xml_read_file(key, 0, quiet) : NULL;
    tk_diag_free(quiet);
    if (doc != NULL)
        includes_of(xmlDocGetRootElement(doc), &l, 0);
    xmlFreeDoc(doc);
    *files = l.v;
    *documents = l.documents;
    *n = l.n;
    return 0;
}
