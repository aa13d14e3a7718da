/* tk_inline_test.h: runs the inline pass on a piece of text and returns the XML it made. */
#ifndef TK_INLINE_TEST_H
#define TK_INLINE_TEST_H

#include <libxml/tree.h>

#include "tk_internal.h"
#include "tk_test.h"

typedef struct tk_itest {
    tk_conv cv;
    tk_capture cap;
    xmlNodePtr body;
    char *xml;      /* the last fragment (children of the p) */
    char *timeline; /* the timeline, if one was made */
} tk_itest;

static inline void tk_itest_init(tk_itest *it, const char *rules_path)
{
    memset(it, 0, sizeof *it);
    it->cv.diag = tk_test_diag(&it->cap);
    it->cv.file = "t.txt";
    it->cv.doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = xmlNewDocNode(it->cv.doc, NULL, (const xmlChar *)"TEI", NULL);
    xmlDocSetRootElement(it->cv.doc, root);
    it->cv.ns = xmlNewNs(root, (const xmlChar *)TK_TEI_NS, NULL);
    xmlSetNs(root, it->cv.ns);
    it->cv.text = tk_el(&it->cv, root, "text");
    it->body = tk_el(&it->cv, it->cv.text, "body");
    it->cv.rules = tk_rules_new(rules_path, it->cv.diag);
    it->cv.persons = tk_persons_new(NULL, it->cv.diag);
    it->cv.footnotes = tk_footnotes_new();
    it->cv.inl = tk_inline_new();
}

static inline void tk_itest_free(tk_itest *it)
{
    tk_rules_free(it->cv.rules);
    tk_persons_free(it->cv.persons);
    tk_footnotes_free(it->cv.footnotes);
    tk_inline_free(it->cv.inl);
    if (it->cv.timeline != NULL && it->cv.timeline->parent == NULL)
        xmlFreeNode(it->cv.timeline);
    xmlFreeDoc(it->cv.doc);
    tk_diag_free(it->cv.diag);
    free(it->xml);
    free(it->timeline);
}

/* Splits text at '\n' into a span starting at source line `line0`. Arrays are static. */
static inline tk_span tk_itest_span(const char *text, unsigned line0)
{
    static size_t starts[256];
    static unsigned nos[256], cols[256];
    tk_span sp = {text, strlen(text), 1, starts, nos, cols};
    starts[0] = 0;
    nos[0] = line0;
    cols[0] = 1;
    for (size_t i = 0; i < sp.len && sp.n_lines < 256; i++)
        if (text[i] == '\n') {
            starts[sp.n_lines] = i + 1;
            nos[sp.n_lines] = line0 + (unsigned)sp.n_lines;
            cols[sp.n_lines] = 1;
            sp.n_lines++;
        }
    return sp;
}

static inline char *tk_itest_dump(xmlNodePtr parent)
{
    xmlBufferPtr b = xmlBufferCreate();
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
        xmlNodeDump(b, parent->doc, c, 0, 0);
    char *s = strdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

/* Appends text (source line `line0`) as a new p in the body; returns the p's content XML
 * (owned by it, valid until the next call). */
static inline const char *tk_itest_run_at(tk_itest *it, const char *text, unsigned line0)
{
    xmlNodePtr p = tk_el(&it->cv, it->body, "p");
    tk_span sp = tk_itest_span(text, line0);
    tk_inline_append(&it->cv, p, &sp);
    free(it->xml);
    it->xml = tk_itest_dump(p);
    return it->xml;
}

static inline const char *tk_itest_run(tk_itest *it, const char *text)
{
    return tk_itest_run_at(it, text, 1);
}

/* One-shot: the XML the inline pass makes of text with the built-in rules (static buffer). */
static inline const char *tk_inline_xml(const char *text)
{
    static char out[8192];
    tk_itest it;
    tk_itest_init(&it, NULL);
    snprintf(out, sizeof out, "%s", tk_itest_run(&it, text));
    tk_itest_free(&it);
    return out;
}

/* CU_ASSERT that the fragment made of text contains `want`, printing both on failure. */
#define TK_ASSERT_HAS(text, want)                                                             \
    do {                                                                                      \
        const char *got_ = tk_inline_xml(text);                                               \
        int ok_ = strstr(got_, (want)) != NULL;                                               \
        if (!ok_)                                                                             \
            fprintf(stderr, "\n  input: %s\n  want:  %s\n  got:   %s\n", (text), (want), got_); \
        CU_ASSERT(ok_);                                                                       \
    } while (0)
#define TK_ASSERT_LACKS(text, unwanted)                                                       \
    do {                                                                                      \
        const char *got_ = tk_inline_xml(text);                                               \
        int ok_ = strstr(got_, (unwanted)) == NULL;                                           \
        if (!ok_)                                                                             \
            fprintf(stderr, "\n  input: %s\n  unwanted: %s\n  got:   %s\n", (text), (unwanted), \
                    got_);                                                                    \
        CU_ASSERT(ok_);                                                                       \
    } while (0)

#endif
