/* span.c: small helpers both converter sides use: span positions, TEI element and text nodes. */
#include <stdint.h>
#include <string.h>

#include "tk_internal.h"

size_t tk_strput(char *buf, size_t size, size_t k, const char *s, size_t n)
{
    if (k + 1 >= size)
        return k;
    n = strnlen(s, n);
    if (n > size - 1 - k)
        n = size - 1 - k;
    memcpy(buf + k, s, n);
    buf[k + n] = '\0';
    return k + n;
}

void tk_span_pos(const tk_span *span, size_t off, unsigned *line, unsigned *col)
{
    tk_span_pos_at(span, off, NULL, line, col);
}

void tk_span_pos_at(const tk_span *span, size_t off, tk_span_cursor *cur, unsigned *line,
                    unsigned *col)
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
    size_t from = span->line_start[lo];
    unsigned c = span->line_col[lo];
    /* counting on from the last position asked for on the same line keeps a line with many
     * messages linear */
    if (cur != NULL && cur->valid && cur->line == lo && cur->off <= off) {
        from = cur->off;
        c = cur->col;
    }
    for (size_t i = from; i < off && i < span->len; i++)
        if (((unsigned char)span->text[i] & 0xC0) != 0x80)
            c++;
    if (cur != NULL) {
        cur->valid = 1;
        cur->line = lo;
        cur->off = off < span->len ? off : span->len;
        cur->col = c; /* the loop stopped at cur->off */
    }
    *line = span->line_no[lo];
    *col = c;
}

xmlNodePtr tk_el(tk_conv *cv, xmlNodePtr parent, const char *name)
{
    xmlNodePtr n;
    xmlDictPtr dict = cv->doc != NULL ? cv->doc->dict : NULL;
    if (dict != NULL) {
        /* the name as xmlNewDocNode would intern it, without hashing it each time */
        enum { SLOTS = sizeof cv->el_names / sizeof *cv->el_names };
        size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u) >> 58) % SLOTS;
        if (cv->el_names[h].name != name || cv->el_names[h].dict != dict) {
            cv->el_names[h].name = name;
            cv->el_names[h].dict = dict;
            cv->el_names[h].interned = xmlDictLookup(dict, (const xmlChar *)name, -1);
            if (cv->el_names[h].interned == NULL)
                tk_oom();
        }
        n = tk_oom_check(xmlNewDocNodeEatName(cv->doc, cv->ns, (xmlChar *)cv->el_names[h].interned,
                                              NULL));
    } else
        n = tk_oom_check(xmlNewDocNode(cv->doc, cv->ns, (const xmlChar *)name, NULL));
    if (parent != NULL)
        xmlAddChild(parent, n);
    return n;
}

void tk_text(xmlNodePtr parent, const char *text, size_t len)
{
    if (len == 0)
        return;
    xmlNodePtr last = parent->last;
    if (last != NULL && last->type == XML_TEXT_NODE) {
        if (xmlTextConcat(last, (const xmlChar *)text, (int)len) != 0)
            tk_oom();
        return;
    }
    xmlAddChild(parent, tk_oom_check(xmlNewDocTextLen(parent->doc, (const xmlChar *)text,
                                                      (int)len)));
}
