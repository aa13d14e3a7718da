/* inline_fuzz.c: drives the inline pass alone over a whole text: blank-line paragraphs become
 * p elements, lines after a `Footnotes:` line go to the notes section. Built two ways:
 * with libFuzzer (LLVMFuzzerTestOneInput: every output must be well-formed XML), and with
 * -DTK_DRIVER as `inline_driver FILE` printing the TEI (for the lossless test before the
 * block side exists, and to look at what the pass does). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/chvalid.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tk_internal.h"

static void quiet_sink(const tk_message *m, void *user)
{
    FILE *out = user;
    if (out != NULL)
        tk_message_print(m, out);
}

/* Converts buf into a TEI document (caller frees). */
static xmlDocPtr inline_doc(const char *buf, size_t len, const char *rules, FILE *msgs,
                            int explain)
{
    tk_conv cv;
    memset(&cv, 0, sizeof cv);
    cv.diag = tk_diag_new();
    tk_diag_set_sink(cv.diag, quiet_sink, msgs);
    tk_diag_set_notes(cv.diag, explain);
    cv.explain = explain;
    cv.file = "input";
    cv.doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = xmlNewDocNode(cv.doc, NULL, (const xmlChar *)"TEI", NULL);
    xmlDocSetRootElement(cv.doc, root);
    cv.ns = xmlNewNs(root, (const xmlChar *)TK_TEI_NS, NULL);
    xmlSetNs(root, cv.ns);
    xmlNodePtr hdr = tk_el(&cv, root, "teiHeader");
    xmlNodePtr fd = tk_el(&cv, hdr, "fileDesc");
    xmlNodePtr ts = tk_el(&cv, fd, "titleStmt");
    xmlNodeAddContent(tk_el(&cv, ts, "title"), (const xmlChar *)"inline pass");
    xmlNodeAddContent(tk_el(&cv, tk_el(&cv, fd, "publicationStmt"), "p"), (const xmlChar *)"test");
    xmlNodeAddContent(tk_el(&cv, tk_el(&cv, fd, "sourceDesc"), "p"), (const xmlChar *)"test");
    /* teikit's own encoding (the stylesheets render it by teikit's contract, docs/inline.md) */
    xmlNodePtr app = tk_el(&cv, tk_el(&cv, tk_el(&cv, hdr, "encodingDesc"), "appInfo"), "application");
    xmlSetProp(app, (const xmlChar *)"ident", (const xmlChar *)"teikit");
    xmlSetProp(app, (const xmlChar *)"version", (const xmlChar *)tk_version());
    xmlNodeAddContent(tk_el(&cv, app, "label"), (const xmlChar *)"teikit inline pass");
    cv.text = tk_el(&cv, root, "text");
    xmlNodePtr body = tk_el(&cv, cv.text, "body");
    cv.rules = tk_rules_new(rules, cv.diag);
    cv.persons = tk_persons_new(NULL, cv.diag);
    cv.footnotes = tk_footnotes_new();
    cv.inl = tk_inline_new();
    if (cv.rules == NULL || cv.persons == NULL || cv.footnotes == NULL)
        goto out;
    size_t cap = 64, n = 0;
    size_t *starts = malloc(cap * sizeof *starts);
    unsigned *nos = malloc(cap * sizeof *nos), *cols = malloc(cap * sizeof *cols);
    char *para = malloc(len + 1);
    size_t plen = 0;
    int notes = 0, baseline = getenv("TK_INLINE_BASELINE") != NULL;
    unsigned lineno = 0;
    for (size_t i = 0; i <= len && starts != NULL && nos != NULL && cols != NULL && para != NULL;) {
        size_t e = i;
        while (e < len && buf[e] != '\n')
            e++;
        size_t le = e;
        if (le > i && buf[le - 1] == '\r')
            le--;
        int blank = 1;
        for (size_t k = i; k < le; k++)
            if (buf[k] != ' ' && buf[k] != '\t')
                blank = 0;
        if (i < len)
            lineno++;
        int flush = blank || e >= len || notes;
        if (!blank && i < len && le - i == 10 && memcmp(buf + i, "Footnotes:", 10) == 0) {
            notes = 1;
            blank = 1;
            flush = 1;
        }
        if (!blank && i < len) {
            if (n == cap) {
                cap *= 2;
                size_t *s2 = realloc(starts, cap * sizeof *s2);
                unsigned *n2 = realloc(nos, cap * sizeof *n2), *c2 = realloc(cols, cap * sizeof *c2);
                if (s2 != NULL)
                    starts = s2;
                if (n2 != NULL)
                    nos = n2;
                if (c2 != NULL)
                    cols = c2;
                if (s2 == NULL || n2 == NULL || c2 == NULL)
                    break;
            }
            if (n > 0)
                para[plen++] = '\n';
            starts[n] = plen;
            nos[n] = lineno;
            cols[n] = 1;
            n++;
            memcpy(para + plen, buf + i, le - i);
            plen += le - i;
        }
        if (flush && n > 0) {
            tk_span sp = {para, plen, n, starts, nos, cols};
            if (baseline) /* the placeholder pass: text only (for the bench) */
                tk_text(tk_el(&cv, body, "p"), sp.text, sp.len);
            else if (!notes || !tk_footnotes_add_line(&cv, &sp))
                tk_inline_append(&cv, tk_el(&cv, body, "p"), &sp);
            if (notes && plen >= 72 && para[0] == '=' && para[71] == '=')
                notes = 0; /* the next document */
            n = 0;
            plen = 0;
        }
        i = e + 1;
        if (e >= len)
            break;
    }
    tk_inline_finish(&cv);
    if (cv.timeline != NULL && cv.timeline->parent == NULL)
        xmlFreeNode(cv.timeline);
    free(starts);
    free(nos);
    free(cols);
    free(para);
out:
    tk_rules_free(cv.rules);
    tk_persons_free(cv.persons);
    tk_footnotes_free(cv.footnotes);
    tk_inline_free(cv.inl);
    tk_diag_free(cv.diag);
    return cv.doc;
}

#ifdef TK_DRIVER
int main(int argc, char **argv)
{
    const char *rules = NULL;
    int explain = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            rules = argv[++i];
        else if (strcmp(argv[i], "--explain") == 0)
            explain = 1;
        else {
            fprintf(stderr, "usage: inline_driver [--rules FILE] [--explain] FILE\n");
            return 2;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: inline_driver [--rules FILE] [--explain] FILE\n");
        return 2;
    }
    size_t len;
    tk_diag *d = tk_diag_new();
    char *buf = tk_read_file(argv[i], &len, d);
    tk_diag_free(d);
    if (buf == NULL)
        return 2;
    clock_t t0 = clock();
    xmlDocPtr doc = inline_doc(buf, len, rules, stderr, explain);
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (getenv("TK_INLINE_TIME") != NULL) /* CPU time of splitting + the inline pass */
        fprintf(stderr, "inline-cpu %.3f s %zu bytes\n", cpu, len);
    xmlDocFormatDump(stdout, doc, 0);
    xmlFreeDoc(doc);
    free(buf);
    return 0;
}
#else
#include "fuzz_common.h"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the reader hands over valid UTF-8 without XML-forbidden characters: do the same */
    size_t n;
    char *buf = fuzz_xml_text(data, size, &n);
    xmlDocPtr doc = inline_doc(buf, n, NULL, NULL, 1);
    xmlChar *out = NULL;
    int outlen = 0;
    xmlDocDumpMemory(doc, &out, &outlen);
    /* every output must parse back as well-formed XML */
    xmlDocPtr back = xmlReadMemory((const char *)out, outlen, "out.xml", NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (back == NULL)
        abort();
    xmlFreeDoc(back);
    xmlFree(out);
    xmlFreeDoc(doc);
    free(buf);
    return 0;
}
#endif
