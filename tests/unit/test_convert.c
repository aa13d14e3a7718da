/* test_convert.c: the public converter API: a document, its serialization (deterministic,
 * no whitespace in mixed content), corpora and extraction, hostile inputs. */
#include "tk_internal.h"
#include "tk_test_tei.h"

static void test_convert_and_serialize(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *text = "A Title Line Here\n\nFirst paragraph\nwrapped here.\n\n1. one\n2. two\n";
    xmlDocPtr doc = tk_test_convert(text, TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(tk_tei_count(doc), 1);
    size_t n1 = 0, n2 = 0;
    char *a = tk_tei_serialize(doc, &n1);
    char *b = tk_tei_serialize(doc, &n2);
    CU_ASSERT(n1 == n2 && memcmp(a, b, n1) == 0);
    const char *start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n  <teiHeader>\n";
    CU_ASSERT_EQUAL(strncmp(a, start, strlen(start)), 0);
    /* a continuation line is joined into the p with a newline, nothing added around it */
    CU_ASSERT_PTR_NOT_NULL(strstr(a, "\n      <p>First paragraph\nwrapped here.</p>\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(a, "<item n=\"1.\">one</item>"));
    /* the serialization parses back to the same text */
    xmlDocPtr back = tk_xml_read_memory(a, n1, "a.xml", 0, d);
    CU_ASSERT_PTR_NOT_NULL(back);
    xmlFreeDoc(back);
    free(a);
    free(b);
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

/* teikit writes mixed content itself, byte for byte as libxml2's xmlNodeDump would: escaped
 * text, attributes (with character references beyond ASCII), empty elements, comments, and
 * what the converter never makes (CDATA, processing instructions) through libxml2. */
static void test_mixed_content_as_libxml2(void)
{
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"TEI", NULL);
    xmlDocSetRootElement(doc, root);
    xmlSetNs(root, xmlNewNs(root, (const xmlChar *)"http://www.tei-c.org/ns/1.0", NULL));
    xmlNodePtr body = xmlNewChild(xmlNewChild(root, root->ns, (const xmlChar *)"text", NULL),
                                  root->ns, (const xmlChar *)"body", NULL);
    xmlNodePtr p = xmlNewChild(body, root->ns, (const xmlChar *)"p", NULL);
    xmlAddChild(p, xmlNewDocText(doc, (const xmlChar *)"a < b & c > d\r\n\xe2\x80\x9cq\xe2\x80\x9d "));
    xmlNodePtr note = xmlNewChild(p, root->ns, (const xmlChar *)"note", NULL);
    xmlNewProp(note, (const xmlChar *)"n", (const xmlChar *)"\xe2\x80\xa0 \xc2\xa7 \xf0\x9f\x98\x80 \"&<>\n\t\r");
    xmlSetNsProp(note, xmlSearchNs(doc, note, (const xmlChar *)"xml"), (const xmlChar *)"id",
                 (const xmlChar *)"n1");
    xmlNewChild(note, root->ns, (const xmlChar *)"pb", NULL);
    xmlAddChild(p, xmlNewDocComment(doc, (const xmlChar *)" a comment "));
    xmlAddChild(p, xmlNewCDataBlock(doc, (const xmlChar *)"x<y", 3));
    xmlAddChild(p, xmlNewDocPI(doc, (const xmlChar *)"pi", (const xmlChar *)"data"));
    xmlBufferPtr b = xmlBufferCreate();
    xmlNodeDump(b, doc, p, 0, 0);
    char want[1024];
    snprintf(want, sizeof want, "\n      %s\n", (const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    size_t n = 0;
    char *got = tk_tei_serialize(doc, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_PTR_NOT_NULL(strstr(got, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(want, "&#x2020; &#xA7; &#x1F600; &quot;&amp;&lt;&gt;&#10;&#9;&#13;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(want, "<![CDATA[x<y]]><?pi data?>"));
    free(got);
    xmlFreeDoc(doc);
}

/* Escaping at every offset of a long text node and attribute value (the serializer scans
 * text sixteen bytes at a time and skips plain attribute bytes in a run): byte for byte as
 * libxml2 writes them, for each special byte at offsets 0..40 and at the end. */
static void test_escaping_every_offset(void)
{
    static const char specials[] = "&<>\r\"\n\t";
    for (const char *sp = specials; *sp; sp++)
        for (size_t at = 0; at <= 41; at++) {
            char text[64];
            size_t n = 0;
            for (; n < 42; n++)
                text[n] = n == at ? *sp : (char)('a' + n % 26);
            text[n] = '\0';
            if (at == 41) /* two-byte character then the special at the very end */
                memcpy(text + 38, "\xc3\xa9", 2), text[40] = *sp, text[41] = '\0';
            xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
            xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"TEI", NULL);
            xmlDocSetRootElement(doc, root);
            xmlNodePtr p = xmlNewChild(xmlNewChild(xmlNewChild(root, NULL, (const xmlChar *)"text", NULL),
                                                   NULL, (const xmlChar *)"body", NULL),
                                       NULL, (const xmlChar *)"p", NULL);
            xmlAddChild(p, xmlNewDocText(doc, (const xmlChar *)text));
            xmlNodePtr hi = xmlNewChild(p, NULL, (const xmlChar *)"hi", NULL);
            xmlNewProp(hi, (const xmlChar *)"rend", (const xmlChar *)text);
            xmlAddChild(hi, xmlNewDocText(doc, (const xmlChar *)(text + at % 7)));
            xmlBufferPtr b = xmlBufferCreate();
            xmlNodeDump(b, doc, p, 0, 0);
            size_t n2 = 0;
            char *got = tk_tei_serialize(doc, &n2);
            CU_ASSERT_PTR_NOT_NULL_FATAL(got);
            CU_ASSERT_PTR_NOT_NULL(strstr(got, (const char *)xmlBufferContent(b)));
            free(got);
            xmlBufferFree(b);
            xmlFreeDoc(doc);
        }
}

/* How many xml:id values of doc occur more than once. */
static int duplicate_ids(xmlDocPtr doc)
{
    return atoi(tk_xp(doc, "count(//*[@xml:id = preceding::*/@xml:id or @xml:id = ancestor::*/@xml:id])"));
}

static void test_corpus_and_extract(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *text = "First Document\n\nMR. A: one.\n\n=====\n\nSecond Document\n\nMR. A: two.\n\n"
                       "MR. B: three.\n\nMR. A: four.\n\nMR. B: five.\n";
    xmlDocPtr doc = tk_test_convert(text, TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL((const char *)xmlDocGetRootElement(doc)->name, "teiCorpus");
    CU_ASSERT_EQUAL(tk_tei_count(doc), 2);
    /* one speaker, one id, listed once in the corpus header */
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(/t:teiCorpus/t:teiHeader//t:person)"), "2");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:TEI//t:person)"), "0");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string((//t:TEI)[2]//t:title)"), "Second Document");
    xmlDocPtr one = tk_tei_extract(doc, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_STRING_EQUAL(tk_xp(one, "string(/t:TEI/t:teiHeader//t:title)"), "Second Document");
    CU_ASSERT_PTR_NULL(tk_tei_extract(doc, 2));
    xmlFreeDoc(one);
    xmlFreeDoc(doc);
    tk_diag_free(d);

    /* with split, each TEI lists its own persons */
    d = tk_test_diag(&c);
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    o.split = 1;
    doc = tk_convert_memory(text, strlen(text), &o, d);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count((//t:TEI)[1]//t:person)"), "1");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count((//t:TEI)[2]//t:person)"), "2");
    /* ... and the one teiCorpus has each xml:id once (A's, listed in both TEIs, is renamed
       in the second, its pointers with it); each extracted TEI has its ids back */
    CU_ASSERT_EQUAL(duplicate_ids(doc), 0);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//@who[not(//@xml:id = substring(., 2))])"), "0");
    for (size_t i = 0; i < 2; i++) {
        xmlDocPtr part = tk_tei_extract(doc, i);
        CU_ASSERT_STRING_EQUAL(tk_xp(part, "count(//@xml:id[starts-with(., 'tk-s')])"), "0");
        CU_ASSERT_STRING_EQUAL(tk_xp(part, "count(//@who[not(//@xml:id = substring(., 2))])"),
                               "0");
        CU_ASSERT_STRING_EQUAL(tk_xp(part, "count(//t:person[@xml:id = 'mr-a'])"), "1");
        xmlFreeDoc(part);
    }
    xmlFreeDoc(doc);
    size_t n = 0;
    char *xml = tk_convert_memory_xml(text, strlen(text), &o, d, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
    doc = xmlReadMemory(xml, (int)n, NULL, NULL, XML_PARSE_NONET);
    CU_ASSERT_EQUAL(duplicate_ids(doc), 0);
    xmlFreeDoc(doc);
    free(xml);
    tk_diag_free(d);
}

static void test_hostile(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    /* empty and whitespace-only input: a valid, empty TEI and a warning */
    xmlDocPtr doc = tk_test_convert("", TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL(doc);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:body/t:p)"), "1");
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "the input is empty"));
    xmlFreeDoc(doc);
    tk_diag_free(d);
    d = tk_test_diag(&c);
    doc = tk_test_convert("  \n\t\n\n", TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL(doc);
    xmlFreeDoc(doc);
    tk_diag_free(d);
    /* invalid UTF-8: no document, an error */
    d = tk_test_diag(&c);
    CU_ASSERT_PTR_NULL(tk_test_convert("ab\xFF", TK_SHAPE_AUTO, d, NULL, 0));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    tk_diag_free(d);
    /* a label with no text: the turn gets an empty p and a warning */
    d = tk_test_diag(&c);
    doc = tk_test_convert("MR. A: yes.\n\nMR. B: no.\n\nMR. A:\n\nMR. B: so.\n", TK_SHAPE_TRANSCRIPT,
                          d, NULL, 0);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count((//t:sp)[3]/t:p)"), "1");
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:5:1:empty-turn:speaker label with no text"));
    xmlFreeDoc(doc);
    tk_diag_free(d);
    /* a personography that cannot be read stops the conversion */
    d = tk_test_diag(&c);
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    o.persons_path = "/nonexistent.xml";
    CU_ASSERT_PTR_NULL(tk_convert_memory("x\n", 2, &o, d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
    CU_ASSERT_EQUAL(tk_shape_from_name("play"), TK_SHAPE_PLAY);
    CU_ASSERT_EQUAL(tk_shape_from_name("poem"), -1);
}

static void test_many_turns(void)
{
    /* 100,000 speaker turns: all there, in order */
    size_t n = 100000;
    char *text = malloc(n * 24);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += (size_t)sprintf(text + w, "%s: turn %zu.\n\n", i % 2 ? "BRAVO" : "ALPHA", i);
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    xmlDocPtr doc = tk_convert_memory(text, w, &o, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:sp)"), "100000");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string((//t:sp)[100000]/t:p)"), "turn 99999.");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:person)"), "2");
    xmlFreeDoc(doc);
    tk_diag_free(d);
    free(text);
}

void tk_suite_convert(void);
void tk_suite_convert(void)
{
    CU_pSuite s = CU_add_suite("convert", NULL, NULL);
    CU_add_test(s, "convert and serialize", test_convert_and_serialize);
    CU_add_test(s, "teiCorpus, extract, split", test_corpus_and_extract);
    CU_add_test(s, "mixed content written as libxml2 would", test_mixed_content_as_libxml2);
    CU_add_test(s, "escaping at every offset, as libxml2", test_escaping_every_offset);
    CU_add_test(s, "hostile inputs", test_hostile);
    CU_add_test(s, "100,000 speaker turns", test_many_turns);
}
