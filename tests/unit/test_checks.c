/* test_checks.c: the rule checks: pointers, unique ids, ISO dates and their order, leftover
 * brackets, unused persons. */
#include <libxml/parser.h>

#include "tk_test.h"

#define TEI_OPEN "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"

static unsigned run(const char *xml, tk_capture *c)
{
    tk_diag *d = tk_test_diag(c);
    xmlDocPtr doc = tk_xml_read_memory(xml, strlen(xml), "t.xml", 0, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    unsigned n = tk_check_doc(doc, "t.xml", d);
    xmlFreeDoc(doc);
    tk_diag_free(d);
    return n;
}

static void test_pointers(void)
{
    tk_capture c;
    unsigned n = run(TEI_OPEN "<p xml:id=\"a\">x</p>\n<persName ref=\"#a #b\"/>"
                     "<sp who=\"#a\"/><ref target=\"http://x.org/#c\"/></TEI>", &c);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(c.buf, "error:2:0:id-ref:@ref points to \"#b\", which no xml:id in "
                                  "this document defines\n");
}

static void test_duplicate_ids(void)
{
    /* the parser itself refuses duplicate xml:ids; a tree built in memory can have them */
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "TEI", NULL);
    xmlDocSetRootElement(doc, root);
    xmlNsPtr xml = xmlSearchNs(doc, root, BAD_CAST "xml");
    for (int i = 0; i < 2; i++)
        xmlSetNsProp(xmlNewChild(root, NULL, BAD_CAST "p", NULL), xml, BAD_CAST "id",
                     BAD_CAST "same");
    CU_ASSERT_EQUAL(tk_check_doc(doc, "t.xml", d), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":id-unique:xml:id \"same\" is already used"));
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

static void test_dates(void)
{
    static const char *const good[] = {"1949-02-03", "1927", "1927-08", "2000-02-29",
                                       "1970-04-11T19:13:00Z", "1970-04-11T19:13:00.5+02:00",
                                       "--02-03", "---09", "12:30:00", "-0044-03-15", "12345"};
    static const char *const bad[] = {"1949-13-01", "1949-02-30", "1900-02-29", "49",
                                      "1949/02/03", "February 1949", "1949-2-3", "0000",
                                      "1949-02-03T25:00:00", "01949"};
    char xml[512];
    tk_capture c;
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        snprintf(xml, sizeof xml, TEI_OPEN "<date when=\"%s\"/></TEI>", good[i]);
        CU_ASSERT_EQUAL(run(xml, &c), 0);
        if (c.n != 0)
            fprintf(stderr, "good date refused: %s\n", good[i]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(xml, sizeof xml, TEI_OPEN "<date when=\"%s\"/></TEI>", bad[i]);
        CU_ASSERT_EQUAL(run(xml, &c), 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":date-iso:"));
        if (c.n != 1)
            fprintf(stderr, "bad date accepted: %s\n", bad[i]);
    }
}

static void test_date_order(void)
{
    tk_capture c;
    CU_ASSERT_EQUAL(run(TEI_OPEN "<date from=\"1931\" to=\"1934\"/>"
                        "<date notBefore=\"1949-02\" notAfter=\"1949-02-03\"/></TEI>", &c), 0);
    CU_ASSERT_EQUAL(run(TEI_OPEN "<date from=\"1936\" to=\"1927\"/></TEI>", &c), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":date-order:@from=\"1936\" is later than @to=\"1927\""));
    CU_ASSERT_EQUAL(run(TEI_OPEN "<date notBefore=\"1949-02-04\" notAfter=\"1949-02-03\"/></TEI>",
                        &c), 1);
    /* page numbers and pointers are not dates */
    CU_ASSERT_EQUAL(run(TEI_OPEN "<biblScope from=\"47\" to=\"53\"/><span from=\"#a\" to=\"#b\"/>"
                        "<p xml:id=\"a\"/><p xml:id=\"b\"/></TEI>", &c), 0);
}

/* A TEI start with a header naming teikit's application: the bracket rule's scope. */
#define TEIKIT_OPEN                                                                             \
    TEI_OPEN "<teiHeader><encodingDesc><appInfo><application ident=\"teikit\" version=\"1\">"  \
             "<label>teikit</label></application></appInfo></encodingDesc></teiHeader>"

static void test_brackets(void)
{
    tk_capture c;
    /* TEI teikit did not make prints its brackets on purpose: not checked */
    CU_ASSERT_EQUAL(run(TEI_OPEN "<text><p>The com[munist] party [sic].</p></text></TEI>", &c), 0);
    CU_ASSERT_EQUAL(c.n, 0);
    CU_ASSERT_EQUAL(run(TEIKIT_OPEN "<text><p>The com[munist] party\nmet [sic] and [laughter].</p>"
                        "<code>a[i]</code></text></TEI>", &c), 0);
    CU_ASSERT_EQUAL(c.n, 3);
    if (strstr(c.buf, "warning:2:5:bracket") == NULL)
        fprintf(stderr, "%s", c.buf);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "\"[munist]\": letters in brackets inside a word"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:2:5:bracket:leftover transcript bracket \"[sic]\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "\"[laughter]\": a bracketed insertion"));
    CU_ASSERT_PTR_NULL(strstr(c.buf, "[i]"));
    /* the header may cite bracketed bibliographic data */
    CU_ASSERT_EQUAL(run(TEI_OPEN "<teiHeader><title>[Washington]</title><encodingDesc><appInfo>"
                                 "<application ident=\"teikit\"/></appInfo></encodingDesc>"
                                 "</teiHeader></TEI>",
                        &c),
                    0);
    CU_ASSERT_EQUAL(c.n, 0);
}

static void test_unused_person(void)
{
    tk_capture c;
    CU_ASSERT_EQUAL(run(TEI_OPEN "<listPerson><person xml:id=\"mao\"/><person xml:id=\"lin\"/>"
                        "</listPerson><p><persName ref=\"#mao\">Mao</persName></p></TEI>", &c),
                    0);
    CU_ASSERT_EQUAL(c.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:1:0:person-unused:person \"lin\""));
}

void tk_suite_checks(void);
void tk_suite_checks(void)
{
    CU_pSuite s = CU_add_suite("checks", NULL, NULL);
    CU_add_test(s, "pointers resolve", test_pointers);
    CU_add_test(s, "duplicate xml:id", test_duplicate_ids);
    CU_add_test(s, "ISO 8601 dates", test_dates);
    CU_add_test(s, "date order", test_date_order);
    CU_add_test(s, "leftover brackets", test_brackets);
    CU_add_test(s, "unused persons", test_unused_person);
}
