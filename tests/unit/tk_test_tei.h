/* tk_test_tei.h: helpers for the converter's suites: convert text, ask the TEI with XPath. */
#ifndef TK_TEST_TEI_H
#define TK_TEST_TEI_H

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "tk_test.h"

/* Converts text with the given shape (and optional --meta strings); NULL on error. */
static inline xmlDocPtr tk_test_convert(const char *text, tk_shape shape, tk_diag *d,
                                        const char *const *meta, size_t n_meta)
{
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    o.name = "test.txt";
    o.shape = shape;
    o.meta = meta;
    o.n_meta = n_meta;
    return tk_convert_memory(text, strlen(text), &o, d);
}

/* The string value of an XPath expression (prefix t: = TEI) in a static buffer. */
static inline const char *tk_xp(xmlDocPtr doc, const char *expr)
{
    static char out[4096];
    out[0] = '\0';
    if (doc == NULL)
        return "(no document)";
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, (const xmlChar *)"t", (const xmlChar *)"http://www.tei-c.org/ns/1.0");
    xmlXPathRegisterNs(ctx, (const xmlChar *)"xml",
                       (const xmlChar *)"http://www.w3.org/XML/1998/namespace");
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    if (r != NULL) {
        xmlChar *s = xmlXPathCastToString(r);
        snprintf(out, sizeof out, "%s", s ? (const char *)s : "");
        xmlFree(s);
        xmlXPathFreeObject(r);
    }
    xmlXPathFreeContext(ctx);
    return out;
}

#endif
