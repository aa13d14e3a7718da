/* timeline.c: the timeline of a transcript's timestamps: the id of each point (tk-T00-12-34),
 * the set of points made so far, the anchor[@synch] built for a timestamp, and where the
 * timeline goes in the document (text/front). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tk_inline.h"

static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }

static void set(xmlNodePtr n, const char *name, const char *value)
{
    if (n != NULL)
        tk_xnew_prop(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void set_xml_id(xmlNodePtr n, const char *id)
{
    if (n != NULL)
        tk_xset_ns_prop(n, xmlSearchNs(n->doc, n, (const xmlChar *)"xml"), (const xmlChar *)"id",
                     (const xmlChar *)id);
}

/* xml:id without an entry in the document's ID table: libxml2's table is slow with the
 * thousands of timeline ids of a long log, and while the conversion streams nothing looks
 * ids up in the tree (tk_convert_memory still registers them). */
static void set_xml_id_unlisted(xmlNodePtr n, const char *id)
{
    xmlAttrPtr a = n != NULL ? xmlNewNsProp(NULL, xmlSearchNs(n->doc, n, (const xmlChar *)"xml"),
                                            (const xmlChar *)"id", (const xmlChar *)id)
                             : NULL;
    if (a == NULL)
        return;
    a->parent = n;
    a->doc = n->doc;
    for (xmlNodePtr t = a->children; t != NULL; t = t->next)
        t->doc = n->doc;
    xmlAttrPtr *end = &n->properties;
    while (*end != NULL) {
        a->prev = *end;
        end = &(*end)->next;
    }
    *end = a;
}

/* Adds the key of a timeline id (not 0) to the set of points made so far: 1 when it is new,
 * 0 when it was there, -1 for key 0. */
static int add_when(tk_conv *cv, uint64_t key)
{
    tk_inline *in = cv->inl;
    if (key == 0)
        return -1;
    if (2 * (in->n_when_keys + 1) > in->cap_when_keys) { /* at most half full */
        size_t cap = in->cap_when_keys ? in->cap_when_keys * 2 : 256;
        uint64_t *slot = tk_xcalloc(cap, sizeof *slot);
        for (size_t i = 0; i < in->cap_when_keys; i++)
            if (in->when_keys[i] != 0) {
                size_t k = (size_t)((in->when_keys[i] * 0x9E3779B97F4A7C15u) >> 32) & (cap - 1);
                while (slot[k] != 0)
                    k = (k + 1) & (cap - 1);
                slot[k] = in->when_keys[i];
            }
        free(in->when_keys);
        in->when_keys = slot;
        in->cap_when_keys = cap;
    }
    size_t mask = in->cap_when_keys - 1;
    size_t k = (size_t)((key * 0x9E3779B97F4A7C15u) >> 32) & mask;
    for (; in->when_keys[k] != 0; k = (k + 1) & mask)
        if (in->when_keys[k] == key)
            return 0;
    in->when_keys[k] = key;
    in->n_when_keys++;
    return 1;
}

/* Appends the decimal digits of v (as "%ld" writes them) to buf, as tk_strput. */
static size_t put_long(char *buf, size_t size, size_t k, long v)
{
    char d[24];
    size_t n = 0;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do
        d[sizeof d - 1 - n++] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        d[sizeof d - 1 - n++] = '-';
    return tk_strput(buf, size, k, d + sizeof d - n, n);
}

/* The id of timestamp ts (n bytes) in buf: tk-[prefix]T00-12-34 (tk-Tm... when negative),
 * its seconds, and a number that stands for the id (two timestamps have the same number
 * exactly when they have the same id). NULL when ts is not a timestamp. */
static const char *when_id(tk_conv *cv, const char *ts, size_t n, long *seconds, char *id,
                           size_t size, uint64_t *key)
{
    /* [-]a:b[:c[:d]] -> seconds; id tk-T... */
    long f[4];
    unsigned width[4];
    int nf = 0, neg = 0;
    size_t i = 0;
    if (n > 0 && ts[0] == '-') {
        neg = 1;
        i = 1;
    }
    while (i < n && nf < 4) {
        long v = 0;
        size_t s = i;
        while (i < n && is_digit((unsigned char)ts[i]) && i - s < 4)
            v = v * 10 + (ts[i++] - '0');
        if (i == s)
            return NULL;
        width[nf] = (unsigned)(i - s);
        f[nf++] = v;
        if (i < n) {
            if (ts[i] != ':')
                return NULL;
            i++;
            if (i == n)
                return NULL;
        }
    }
    if (i != n || nf < 2)
        return NULL;
    long sec = 0;
    static const long mult4[] = {86400, 3600, 60, 1}, mult3[] = {3600, 60, 1}, mult2[] = {60, 1};
    const long *mult = nf == 4 ? mult4 : nf == 3 ? mult3 : mult2;
    for (int k = 0; k < nf; k++) {
        if (k > 0 && f[k] >= 60 && !(nf == 4 && k == 1 && f[k] < 24))
            return NULL;
        if (nf == 4 && k == 1 && f[k] >= 24)
            return NULL;
        sec += f[k] * mult[k];
    }
    *seconds = neg ? -sec : sec;
    /* the key: the first field (up to 4 digits: 14 bits), the others (under 60: 6 bits),
     * each with its number of digits (2 bits), the number of fields, the sign */
    uint64_t kv = (uint64_t)1 << 63 | (uint64_t)neg << 42 | (uint64_t)(nf - 2) << 40;
    for (int j = 0; j < nf; j++)
        kv |= j == 0 ? ((uint64_t)f[0] | (uint64_t)(width[0] - 1) << 14)
                     : ((uint64_t)f[j] | (uint64_t)(width[j] - 1) << 6) << (8 * j + 8);
    *key = kv;
    size_t k = tk_strput(id, size, 0, "tk-", 3);
    k = tk_strput(id, size, k, cv->id_prefix, strlen(cv->id_prefix));
    k = tk_strput(id, size, k, "T", 1);
    if (neg)
        k = tk_strput(id, size, k, "m", 1);
    for (size_t j = neg; j < n && k + 1 < size; j++)
        id[k++] = ts[j] == ':' ? '-' : ts[j];
    id[k] = '\0';
    return id;
}

xmlNodePtr tk_timestamp_anchor(tk_conv *cv, xmlNodePtr parent, const char *ts, size_t len)
{
    long sec = 0;
    char idbuf[64], origin[32];
    uint64_t key = 0;
    const char *id = when_id(cv, ts, len, &sec, idbuf, sizeof idbuf, &key);
    if (id == NULL)
        return NULL;
    size_t k = tk_strput(origin, sizeof origin, 0, "#tk-", 4);
    k = tk_strput(origin, sizeof origin, k, cv->id_prefix, strlen(cv->id_prefix));
    tk_strput(origin, sizeof origin, k, "T0", 2);
    if (cv->timeline == NULL) {
        cv->timeline = tk_el(cv, NULL, "timeline");
        set(cv->timeline, "unit", "s");
        set(cv->timeline, "origin", origin);
        set_xml_id(tk_el(cv, cv->timeline, "when"), origin + 1);
    }
    if (add_when(cv, key) == 1) {
        xmlNodePtr w = tk_el(cv, cv->timeline, "when");
        if (cv->stream != NULL)
            set_xml_id_unlisted(w, id);
        else
            set_xml_id(w, id);
        char iv[32];
        put_long(iv, sizeof iv, 0, sec);
        set(w, "interval", iv);
        set(w, "since", origin);
    }
    xmlNodePtr a = tk_el(cv, parent, "anchor");
    char ref[56];
    tk_strput(ref, sizeof ref, tk_strput(ref, sizeof ref, 0, "#", 1), id, strlen(id));
    set(a, "synch", ref);
    char n[64]; /* when_id took at most 4 fields of 4 digits and a sign */
    tk_strput(n, sizeof n, 0, ts, len); /* digits, ':' and '-' only (when_id checked) */
    set(a, "n", n);
    cv->n_timestamps++;
    return a;
}

void tk_timeline_place(tk_conv *cv)
{
    if (cv->timeline == NULL || cv->timeline->parent != NULL)
        return;
    xmlNodePtr text = cv->text;
    if (text == NULL) /* no TEI text element (tests, fragments): keep it free */
        return;
    xmlNodePtr front = NULL;
    for (xmlNodePtr c = text->children; c != NULL && front == NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "front") == 0)
            front = c;
    if (front == NULL) {
        front = tk_el(cv, NULL, "front");
        xmlNodePtr first = text->children;
        while (first != NULL && first->type != XML_ELEMENT_NODE)
            first = first->next;
        if (first != NULL)
            xmlAddPrevSibling(first, front);
        else
            xmlAddChild(text, front);
    }
    if (front->children != NULL)
        xmlAddPrevSibling(front->children, cv->timeline);
    else
        xmlAddChild(front, cv->timeline);
}
