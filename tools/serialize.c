/* serialize.c: TEI trees to bytes: structural elements indented, mixed content written
 * exactly as built; whole trees, or streamed (a document's finished parts written and freed
 * while the rest is still being built). Writes the bytes itself, as libxml2's
 * xmlNodeDumpOutput would, and hands libxml2 only node types the converter never makes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>
#include <libxml/xmlsave.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "tk_internal.h"

/* Elements whose children are elements only: indented. Everything else is written as built. */
static const char *const structural[] = {
    "TEI", "teiCorpus", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt",
    "availability", "sourceDesc", "msDesc", "msIdentifier", "encodingDesc", "appInfo",
    "application", "editorialDecl", "profileDesc", "abstract", "langUsage", "textClass",
    "keywords", "particDesc", "listPerson", "person", "notesStmt", "text", "front", "body",
    "back", "div", "sp", "list", "timeline", "correction", "normalization", "hyphenation",
    "interpretation", "segmentation", "punctuation", "quotation", "projectDesc", "listBibl",
    "settingDesc", "group", "table", "row", "postscript", "listPlace", "place", "listOrg",
    "org",
};

struct tk_ser {
    char *bytes;              /* what is written so far (NUL-terminated once any is) */
    size_t len, cap;
    int failed;               /* out of memory: the bytes are incomplete */
    tk_ser *to;               /* where writing goes now: this one, or a splice stream */
    struct {                  /* 1 when the element name is structural; names are interned */
        const xmlChar *name;  /* in the document's dictionary, so a table keyed by the name */
        int yes;              /* pointer (open addressing: a document has a few dozen names, */
    } cache[256];             /* each tested once) answers the questions */
    xmlNodePtr splice_node;   /* see tk_ser_splice */
    tk_ser *splice_stream;
};

/* Makes room for n more bytes (and a NUL), doubling: a large document is written in linear
 * time. Returns 0, or -1 out of memory (s->failed set). */
static int grow(tk_ser *s, size_t n)
{
    if (s->failed)
        return -1;
    size_t cap = s->cap ? s->cap : 1 << 14;
    while (s->len + n + 1 > cap)
        cap *= 2;
    char *g = tk_xrealloc(s->bytes, cap);
    if (g == NULL) {
        s->failed = 1;
        return -1;
    }
    s->bytes = g;
    s->cap = cap;
    return 0;
}

/* (the test inline, the growing apart: put runs for every few bytes of the output) */
static inline int room(tk_ser *s, size_t n)
{
    return s->len + n + 1 <= s->cap ? 0 : grow(s, n);
}

void tk_ser_reserve(tk_ser *s, size_t n)
{
    if (s->bytes != NULL || n == 0)
        return;
    s->bytes = tk_malloc_big(n + 1);
    if (s->bytes != NULL) {
        s->cap = n + 1;
        s->bytes[0] = '\0';
    }
}

static inline void put(tk_ser *s, const char *b, size_t n)
{
    if (room(s, n) != 0)
        return;
    memcpy(s->bytes + s->len, b, n);
    s->len += n;
    s->bytes[s->len] = '\0';
}

static inline void puts_(tk_ser *s, const char *str) { put(s, str, strlen(str)); }

tk_ser *tk_ser_new(void)
{
    tk_ser *s = tk_xcalloc(1, sizeof *s);
    if (s != NULL)
        s->to = s;
    return s;
}

void tk_ser_clear(tk_ser *s)
{
    s->len = 0;
    if (s->bytes != NULL)
        s->bytes[0] = '\0';
    s->failed = 0;
    s->to = s;
    s->splice_node = NULL;
    s->splice_stream = NULL;
    tk_ser_forget_names(s);
}

void tk_ser_forget_names(tk_ser *s) { memset(s->cache, 0, sizeof s->cache); }

void tk_ser_free(tk_ser *s)
{
    if (s == NULL)
        return;
    free(s->bytes);
    free(s);
}

const char *tk_ser_bytes(tk_ser *s, size_t *len)
{
    *len = s->len;
    return s->bytes != NULL ? s->bytes : "";
}

char *tk_ser_detach(tk_ser *s, size_t *len)
{
    if (s->failed)
        return NULL;
    char *r = s->bytes != NULL ? s->bytes : tk_xcalloc(1, 1);
    if (len != NULL)
        *len = s->len;
    s->bytes = NULL;
    s->len = s->cap = 0;
    return r;
}

void tk_ser_raw(tk_ser *s, const char *bytes, size_t len) { put(s->to, bytes, len); }

void tk_ser_splice(tk_ser *s, xmlNodePtr node, tk_ser *stream)
{
    s->splice_node = node;
    s->splice_stream = stream;
}

void tk_ser_prepend(tk_ser *s, tk_ser *front)
{
    size_t n = front->len;
    if (front->failed || room(s, n) != 0) {
        s->failed = 1;
        return;
    }
    if (s->len > 0)
        memmove(s->bytes + n, s->bytes, s->len);
    if (n > 0)
        memcpy(s->bytes, front->bytes, n);
    s->len += n;
    s->bytes[s->len] = '\0';
}

/* ------------------------------------------------------------------ escaping */

/* Text content, as libxml2 escapes it: & < > and carriage return. */
/* Bytes that end a run of text put_text copies as is: the NUL and what it escapes. */
static const unsigned char text_special[256] = {[0] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1,
                                                ['\r'] = 1};

/* The first byte from p on that text_special marks. The runs between are most of a
 * document's bytes: sixteen at a time with SSE2 while no NUL can be among them (len: the
 * bytes known to stand before the NUL, from p). */
static inline const xmlChar *text_run_end(const xmlChar *p, size_t len)
{
#ifdef __SSE2__
    const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'),
                  cr = _mm_set1_epi8('\r');
    const xmlChar *end = p + len;
    while (p + 16 <= end) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, amp), _mm_cmpeq_epi8(x, lt)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, gt), _mm_cmpeq_epi8(x, cr)));
        int bits = _mm_movemask_epi8(m);
        if (bits != 0)
            return p + __builtin_ctz((unsigned)bits);
        p += 16;
    }
#else
    (void)len;
#endif
    while (!text_special[*p])
        p++;
    return p;
}

static void put_text(tk_ser *s, const xmlChar *v)
{
    const xmlChar *run = v, *p = v;
    size_t len = strlen((const char *)v);
    const xmlChar *end = v + len;
    for (;; p++) {
        p = text_run_end(p, (size_t)(end - p));
        if (*p == 0)
            break;
        const char *rep;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '\r': rep = "&#13;"; break;
        default: continue;
        }
        put(s, (const char *)run, (size_t)(p - run));
        puts_(s, rep);
        run = p + 1;
    }
    put(s, (const char *)run, (size_t)(p - run));
}

/* An attribute value: & < > " and the whitespace that attribute normalisation would lose;
 * with `char_refs` (inside mixed content, as libxml2 writes a document without a declared
 * encoding), characters beyond ASCII as hexadecimal character references. */
/* The bytes put_attr may replace below 0x80, and the NUL. */
static const unsigned char attr_special[256] = {[0] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1,
                                                ['"'] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1};

static void put_attr(tk_ser *s, const xmlChar *v, int char_refs)
{
    const xmlChar *run = v, *p = v;
    unsigned char stop = char_refs ? 0x80 : 0xFF; /* bytes from here on may need a reference */
    while (*p) {
        while (*p < stop && !attr_special[*p]) /* most bytes: copied as they are */
            p++;
        if (*p == 0)
            break;
        const char *rep = NULL;
        char ref[16];
        size_t adv = 1;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\n': rep = "&#10;"; break;
        case '\r': rep = "&#13;"; break;
        case '\t': rep = "&#9;"; break;
        default:
            if (char_refs && *p >= 0x80) {
                /* valid UTF-8 (the reader checked it): decode one character */
                unsigned c;
                if (*p < 0xE0 && p[1])
                    c = (unsigned)(*p & 0x1F) << 6 | (p[1] & 0x3F), adv = 2;
                else if (*p < 0xF0 && p[1] && p[2])
                    c = (unsigned)(*p & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 |
                        (p[2] & 0x3F),
                    adv = 3;
                else if (p[1] && p[2] && p[3])
                    c = (unsigned)(*p & 0x07) << 18 | (unsigned)(p[1] & 0x3F) << 12 |
                        (unsigned)(p[2] & 0x3F) << 6 | (p[3] & 0x3F),
                    adv = 4;
                else
                    break;
                snprintf(ref, sizeof ref, "&#x%X;", c);
                rep = ref;
            }
            break;
        }
        if (rep != NULL) {
            put(s, (const char *)run, (size_t)(p - run));
            puts_(s, rep);
            run = p + adv;
        }
        p += adv;
    }
    put(s, (const char *)run, (size_t)(p - run));
}

/* ------------------------------------------------------------------ nodes */

static unsigned flags(xmlNodePtr n) { return (unsigned)(uintptr_t)n->_private; }

static int structural_name(tk_ser *s, const xmlChar *name)
{
    /* names lie side by side in the dictionary: mix all the pointer's bits (a slot of its
       own for each name: two frequent names sharing one would be tested at every node) */
    enum { SLOTS = sizeof s->cache / sizeof *s->cache };
    size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u) >> 56);
    for (size_t k = 0; k < SLOTS && s->cache[h].name != NULL; k++, h = (h + 1) % SLOTS)
        if (s->cache[h].name == name)
            return s->cache[h].yes;
    int yes = 0;
    for (size_t i = 0; i < sizeof structural / sizeof *structural && !yes; i++)
        yes = strcmp((const char *)name, structural[i]) == 0;
    if (s->cache[h].name == NULL) { /* else the table is full: answered without it */
        s->cache[h].name = name;
        s->cache[h].yes = yes;
    }
    return yes;
}

static int is_structural(tk_ser *s, xmlNodePtr n)
{
    if (n->type != XML_ELEMENT_NODE || !structural_name(s, n->name))
        return 0;
    /* a structural element holding text (e.g. a stray text node) is written as is */
    for (xmlNodePtr c = n->children; c != NULL; c = c->next)
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            return 0;
    return 1;
}

static void put_indent(tk_ser *s, int depth)
{
    static const char spaces[] = "                                                  ";
    int n = depth * 2;
    while (n > 0) {
        int k = n > 50 ? 50 : n;
        put(s, spaces, (size_t)k);
        n -= k;
    }
}

static void put_qname(tk_ser *s, xmlNsPtr ns, const xmlChar *name)
{
    if (ns != NULL && ns->prefix != NULL) {
        puts_(s, (const char *)ns->prefix);
        put(s, ":", 1);
    }
    puts_(s, (const char *)name);
}

/* '<', the name, namespace declarations and attributes of element n. */
static void put_start(tk_ser *s, xmlNodePtr n, int char_refs)
{
    put(s, "<", 1);
    put_qname(s, n->ns, n->name);
    for (xmlNsPtr ns = n->nsDef; ns != NULL; ns = ns->next) {
        if (ns->href == NULL ||
            (ns->prefix != NULL && strcmp((const char *)ns->prefix, "xml") == 0))
            continue;
        puts_(s, ns->prefix ? " xmlns:" : " xmlns");
        if (ns->prefix)
            puts_(s, (const char *)ns->prefix);
        put(s, "=\"", 2);
        put_attr(s, ns->href, 0);
        put(s, "\"", 1);
    }
    for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
        put(s, " ", 1);
        put_qname(s, a->ns, a->name);
        put(s, "=\"", 2);
        xmlNodePtr v = a->children;
        if (v != NULL && v->next == NULL && v->type == XML_TEXT_NODE) {
            if (v->content != NULL)
                put_attr(s, v->content, char_refs);
        } else {
            xmlChar *all = xmlNodeListGetString(n->doc, v, 0);
            if (all != NULL)
                put_attr(s, all, char_refs);
            xmlFree(all);
        }
        put(s, "\"", 1);
    }
}

/* A node of mixed content, as xmlNodeDumpOutput writes it without formatting. */
static void put_inline(tk_ser *s, xmlNodePtr n)
{
    switch (n->type) {
    case XML_ELEMENT_NODE:
        put_start(s, n, 1);
        if (n->children == NULL) {
            put(s, "/>", 2);
            return;
        }
        put(s, ">", 1);
        for (xmlNodePtr c = n->children; c != NULL; c = c->next)
            put_inline(s, c);
        put(s, "</", 2);
        put_qname(s, n->ns, n->name);
        put(s, ">", 1);
        return;
    case XML_TEXT_NODE:
        if (n->content == NULL)
            return;
        /* (text nodes are named by libxml2's own strings: the pointer answers first) */
        if (n->name != NULL && n->name != xmlStringText &&
            (n->name == xmlStringTextNoenc || strcmp((const char *)n->name, "textnoenc") == 0))
            puts_(s, (const char *)n->content);
        else
            put_text(s, n->content);
        return;
    case XML_COMMENT_NODE:
        put(s, "<!--", 4);
        if (n->content != NULL)
            puts_(s, (const char *)n->content);
        put(s, "-->", 3);
        return;
    default: { /* what the converter never makes: libxml2 writes it */
        xmlBufferPtr b = xmlBufferCreate();
        xmlOutputBufferPtr o = b != NULL ? xmlOutputBufferCreateBuffer(b, NULL) : NULL;
        if (o == NULL) {
            xmlBufferFree(b);
            s->failed = 1;
            return;
        }
        xmlNodeDumpOutput(o, n->doc, n, 0, 0, "UTF-8");
        xmlOutputBufferClose(o);
        put(s, (const char *)xmlBufferContent(b), (size_t)xmlBufferLength(b));
        xmlBufferFree(b);
        return;
    }
    }
}

static void put_end(tk_ser *s, xmlNodePtr n, int depth)
{
    put_indent(s, depth);
    put(s, "</", 2);
    put_qname(s, n->ns, n->name);
    put(s, ">\n", 2);
}

static void finish_started(tk_ser *s, xmlNodePtr n, int depth);

/* Writes n; with `consume`, frees each child once written (the output grows while the tree
 * shrinks, so the peak is not tree + output). */
static void write_node(tk_ser *s, xmlNodePtr n, int depth, int consume)
{
    if (n == s->splice_node && s->splice_stream != NULL) {
        /* from here on, writing continues after what the stream holds of n */
        s->to = s->splice_stream;
        s->splice_node = NULL;
        if (flags(n) & TK_NODE_STARTED) {
            finish_started(s, n, depth);
            return;
        }
    }
    tk_ser *w = s->to;
    put_indent(w, depth);
    if (!is_structural(s, n)) {
        put_inline(w, n);
        put(w, "\n", 1);
        return;
    }
    put_start(w, n, 0);
    if (n->children == NULL) {
        put(w, "/>\n", 3);
        return;
    }
    put(w, ">\n", 2);
    for (xmlNodePtr c = n->children; c != NULL;) {
        xmlNodePtr next = c->next;
        write_node(s, c, depth + 1, consume);
        if (consume) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
    put_end(s->to, n, depth);
}

/* Writes the child c (the rest of it when started) and frees it. */
static void write_child(tk_ser *s, xmlNodePtr c, int depth)
{
    if (flags(c) & TK_NODE_STARTED)
        finish_started(s, c, depth);
    else
        write_node(s, c, depth, 1);
    xmlUnlinkNode(c);
    xmlFreeNode(c);
}

/* The rest of a started element: its remaining children (each freed) and its end tag. */
static void finish_started(tk_ser *s, xmlNodePtr n, int depth)
{
    for (xmlNodePtr c = n->children, next; c != NULL; c = next) {
        next = c->next;
        write_child(s, c, depth + 1);
    }
    put_end(s->to, n, depth);
}

void tk_ser_node(tk_ser *s, xmlNodePtr n, int depth, int consume)
{
    if (n->type == XML_ELEMENT_NODE)
        write_node(s, n, depth, consume);
    else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
        put_inline(s->to, n);
        put(s->to, "\n", 1);
    }
    s->to = s;
    s->splice_node = NULL;
    s->splice_stream = NULL;
}

void tk_ser_open(tk_ser *s, xmlNodePtr n, int depth)
{
    put_indent(s->to, depth);
    put_start(s->to, n, 0);
    put(s->to, ">\n", 2);
}

void tk_ser_close(tk_ser *s, xmlNodePtr n, int depth) { put_end(s->to, n, depth); }

void tk_ser_flush(tk_ser *s, xmlNodePtr n, int depth)
{
    if (!(flags(n) & TK_NODE_STARTED)) {
        tk_ser_open(s, n, depth);
        n->_private = (void *)(uintptr_t)(flags(n) | TK_NODE_STARTED);
    }
    for (xmlNodePtr c = n->children, next; c != NULL; c = next) {
        next = c->next;
        if (flags(c) & TK_NODE_KEEP) {
            /* still being built: descend into it when its start tag can go now, else
             * stop before it */
            if ((flags(c) & TK_NODE_STARTED) ||
                ((flags(c) & TK_NODE_TAG_DONE) && c->children != NULL && is_structural(s, c)))
                tk_ser_flush(s, c, depth + 1);
            return;
        }
        write_child(s, c, depth + 1);
    }
}

/* ------------------------------------------------------------------ whole documents */

static char *serialize(xmlDocPtr doc, size_t *len, int consume)
{
    tk_ser *s = tk_ser_new();
    if (s == NULL)
        return NULL;
    tk_ser_raw(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39);
    for (xmlNodePtr n = doc->children; n != NULL; n = n->next)
        tk_ser_node(s, n, 0, consume);
    char *res = tk_ser_detach(s, len);
    tk_ser_free(s);
    return res;
}

char *tk_tei_serialize(xmlDocPtr doc, size_t *len) { return serialize(doc, len, 0); }

char *tk_tei_serialize_free(xmlDocPtr doc, size_t *len)
{
    char *r = serialize(doc, len, 1);
    xmlFreeDoc(doc);
    return r;
}
