/* render_fuzz.c: libFuzzer harness for render: any input that parses as XML is rendered
 * with the built-in stylesheets (HTML in the diplomatic or normalized view, and text). The
 * HTML may hold no more script, iframe, object or embed elements, and no more on*
 * attributes, than the stylesheet writes for a plain document (counted once at start), no
 * `<script` beyond that count in its bytes, and no javascript:/vbscript:/data: URL in a URL
 * attribute or a style; the text output is valid UTF-8. A failed render must say why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "fuzz_common.h"

static tk_diag *rd;              /* the renderers' collector (outlives them) */
static struct fuzz_sink rsink;
static tk_render *html[2], *text; /* html[0] diplomatic, html[1] normalized */

/* What the stylesheet itself writes (for a plain document). */
struct html_counts {
    unsigned long script_bytes; /* case-insensitive "<script" in the bytes */
    unsigned long active;       /* script, iframe, object, embed elements */
    unsigned long handlers;     /* on* attributes */
};
static struct html_counts base;

/* Attributes holding a URL (or CSS, which may hold one). */
static const char *const url_attrs[] = {"href", "src", "action", "formaction", "data",
                                        "poster", "background", "cite", "srcset", "style",
                                        "xlink:href", "longdesc", "manifest", "ping"};
static const char *const active_elements[] = {"script", "iframe", "object", "embed", "frame",
                                              "applet", "base", "meta"};
static const char *const bad_schemes[] = {"javascript:", "vbscript:", "data:"};

/* 1 when the value, with ASCII whitespace and controls removed (as browsers do in URLs),
 * holds a dangerous scheme. */
static int bad_url(const xmlChar *v)
{
    size_t n = xmlStrlen(v), k = 0;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        if (v[i] > 0x20)
            s[k++] = (char)v[i];
    int bad = 0;
    for (size_t i = 0; i < sizeof bad_schemes / sizeof *bad_schemes; i++)
        bad |= fuzz_count_ci(s, k, bad_schemes[i]) > 0;
    free(s);
    return bad;
}

static void walk(xmlNodePtr n, struct html_counts *c, const char **bad)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (size_t i = 0; i < sizeof active_elements / sizeof *active_elements; i++)
            c->active += xmlStrcasecmp(n->name, BAD_CAST active_elements[i]) == 0;
        for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
            if ((a->name[0] | 0x20) == 'o' && (a->name[1] | 0x20) == 'n')
                c->handlers++;
            int url = 0;
            for (size_t i = 0; i < sizeof url_attrs / sizeof *url_attrs; i++)
                url |= xmlStrcasecmp(a->name, BAD_CAST url_attrs[i]) == 0;
            if (!url)
                continue;
            xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
            static char name[64]; /* outlives the parsed HTML */
            if (v != NULL && bad_url(v)) {
                snprintf(name, sizeof name, "%s", (const char *)a->name);
                *bad = name;
            }
            xmlFree(v);
        }
        walk(n->children, c, bad);
    }
}

/* Counts what html holds; *bad names an attribute with a dangerous URL, or stays NULL. */
static struct html_counts html_counts(const char *out, size_t len, const char **bad)
{
    struct html_counts c = {fuzz_count_ci(out, len, "<script"), 0, 0};
    *bad = NULL;
    htmlDocPtr h = htmlReadMemory(out, (int)len, "out.html", "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                      HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (h == NULL)
        fuzz_fail("render", "the HTML output does not parse at all", NULL);
    walk(xmlDocGetRootElement(h), &c, bad);
    xmlFreeDoc(h);
    return c;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_data_dir();
    rd = tk_diag_new();
    tk_diag_set_sink(rd, fuzz_quiet_sink, &rsink);
    tk_render_opts o;
    memset(&o, 0, sizeof o);
    html[0] = tk_render_new(&o, rd);
    o.view = "normalized";
    html[1] = tk_render_new(&o, rd);
    o.view = NULL;
    o.to = TK_RENDER_TEXT;
    text = tk_render_new(&o, rd);
    if (html[0] == NULL || html[1] == NULL || text == NULL)
        fuzz_fail("render", "cannot load the built-in stylesheets", rsink.last);
    /* what the stylesheet writes on its own */
    static const char plain[] =
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader><fileDesc><titleStmt><title>t"
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>";
    xmlDocPtr doc = tk_xml_read_memory(plain, sizeof plain - 1, "plain.xml", 0, rd);
    char *out = NULL;
    size_t len = 0;
    if (doc == NULL || tk_render_doc(html[0], doc, NULL, &out, &len) != 0)
        fuzz_fail("render", "cannot render a plain document", rsink.last);
    const char *bad;
    base = html_counts(out, len, &bad);
    if (bad != NULL)
        fuzz_fail("render", "the stylesheet itself writes a script URL", bad);
    free(out);
    xmlFreeDoc(doc);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_sink s = {0, ""};
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, fuzz_quiet_sink, &s);
    xmlDocPtr doc = tk_xml_read_memory((const char *)data, size, "in.xml", 0, d);
    tk_diag_free(d);
    if (doc == NULL)
        return 0;
    unsigned h = 0;
    for (size_t i = 0; i < size; i++)
        h = h * 31 + data[i];
    char *out = NULL;
    size_t len = 0;
    tk_diag_reset_counts(rd);
    if (tk_render_doc(html[h % 2], doc, NULL, &out, &len) == 0) {
        const char *bad;
        struct html_counts c = html_counts(out, len, &bad);
        if (c.script_bytes > base.script_bytes)
            fuzz_fail("render", "the HTML holds a <script the stylesheet did not write", NULL);
        if (c.active > base.active)
            fuzz_fail("render", "the HTML holds a script, iframe, object or embed element", NULL);
        if (c.handlers > base.handlers)
            fuzz_fail("render", "the HTML holds an on* event handler attribute", NULL);
        if (bad != NULL)
            fuzz_fail("render", "the HTML holds a javascript:, vbscript: or data: URL", bad);
        if (!fuzz_utf8_valid((const unsigned char *)out, len))
            fuzz_fail("render", "the HTML output is not UTF-8", NULL);
    } else if (tk_diag_exit_status(rd) == 0) {
        fuzz_fail("render", "HTML render failed without an error message", NULL);
    }
    free(out);
    out = NULL;
    tk_diag_reset_counts(rd);
    if (tk_render_doc(text, doc, NULL, &out, &len) == 0) {
        if (!fuzz_utf8_valid((const unsigned char *)out, len))
            fuzz_fail("render", "the text output is not UTF-8", NULL);
    } else if (tk_diag_exit_status(rd) == 0) {
        fuzz_fail("render", "text render failed without an error message", NULL);
    }
    free(out);
    xmlFreeDoc(doc);
    return 0;
}
