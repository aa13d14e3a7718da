/* span.c: small helpers both converter sides use: span positions, TEI element and text nodes. */
#include <string.h>

#include "tk_internal.h"

void tk_span_pos(const tk_span *span, size_t off, unsigned *line, unsigned *col)
{
    size_t lo = 0, hi = span->n_lines;
    /* last line whose start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (span->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    unsigned c = span->line_col[lo];
    for (size_t i = span->line_start[lo]; i < off && i < span->len; i++)
        if (((unsigned char)span->text[i] & 0xC0) != 0x80)
            c++;
    *line = span->line_no[lo];
    *col = c;
}

xmlNodePtr tk_el(tk_conv *cv, xmlNodePtr parent, const char *name)
{
    xmlNodePtr n = xmlNewDocNode(cv->doc, cv->ns, (const xmlChar *)name, NULL);
    if (n != NULL && parent != NULL)
        xmlAddChild(parent, n);
    return n;
}

void tk_text(xmlNodePtr parent, const char *text, size_t len)
{
    if (len == 0)
        return;
    xmlNodePtr last = parent->last;
    if (last != NULL && last->type == XML_TEXT_NODE) {
        xmlTextConcat(last, (const xmlChar *)text, (int)len);
        return;
    }
    xmlNodePtr t = xmlNewDocTextLen(parent->doc, (const xmlChar *)text, (int)len);
    if (t != NULL)
        xmlAddChild(parent, t);
}
