/* nameset.c: sorted sets of element names ("namespace local"): those a document uses, and
 * the membership and subset tests that decide whether a pruned schema fits a document. */
#include "validate_internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hash_key_collect(void *payload, void *data, const xmlChar *name)
{
    (void)payload;
    tk_nameset *s = data;
    if (s->names != NULL)
        s->names[s->n++] = strdup((const char *)name);
}

/* Builds a sorted set from the keys of a hash table. */
tk_nameset *tk_nameset_of_hash(xmlHashTablePtr h)
{
    tk_nameset *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    int size = xmlHashSize(h);
    s->names = calloc(size > 0 ? (size_t)size : 1, sizeof *s->names);
    if (s->names == NULL) {
        free(s);
        return NULL;
    }
    xmlHashScan(h, hash_key_collect, s);
    for (size_t i = 0; i < s->n; i++)
        if (s->names[i] == NULL) {
            tk_nameset_free(s);
            return NULL;
        }
    qsort(s->names, s->n, sizeof *s->names, cmp_str);
    return s;
}

static void add_doc_names(xmlNodePtr n, xmlHashTablePtr h, char *buf, size_t size)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *ns = n->ns != NULL && n->ns->href != NULL ? (const char *)n->ns->href : "";
        snprintf(buf, size, "%s %s", ns, (const char *)n->name);
        if (xmlHashLookup(h, BAD_CAST buf) == NULL)
            xmlHashAddEntry(h, BAD_CAST buf, (void *)1);
        add_doc_names(n->children, h, buf, size);
    }
}

tk_nameset *tk_nameset_of_doc(xmlDocPtr doc)
{
    char buf[1024];
    xmlHashTablePtr h = xmlHashCreate(64);
    if (h == NULL)
        return NULL;
    add_doc_names(doc->children, h, buf, sizeof buf);
    tk_nameset *s = tk_nameset_of_hash(h);
    xmlHashFree(h, NULL);
    return s;
}

int tk_nameset_has(const tk_nameset *s, const char *ns, const char *local)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s %s", ns, local);
    const char *key = buf;
    return s != NULL && bsearch(&key, s->names, s->n, sizeof *s->names, cmp_str) != NULL;
}

int tk_nameset_subset(const tk_nameset *sub, const tk_nameset *super)
{
    size_t j = 0;
    for (size_t i = 0; i < sub->n; i++) {
        while (j < super->n && strcmp(super->names[j], sub->names[i]) < 0)
            j++;
        if (j == super->n || strcmp(super->names[j], sub->names[i]) != 0)
            return 0;
    }
    return 1;
}

void tk_nameset_free(tk_nameset *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->names[i]);
    free(s->names);
    free(s);
}

void tk_nameset_sort(tk_nameset *s)
{
    qsort(s->names, s->n, sizeof *s->names, cmp_str);
}
