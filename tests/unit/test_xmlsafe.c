/* test_xmlsafe.c: parsing hostile XML: entities, external resources, positions of errors. */
#include "tk_test.h"

static xmlDocPtr parse(const char *s, tk_capture *c, tk_diag **d)
{
    *d = tk_test_diag(c);
    return tk_xml_read_memory(s, strlen(s), "t.xml", 0, *d);
}

static void test_wellformed(void)
{
    tk_capture c;
    tk_diag *d;
    xmlDocPtr doc = parse("<TEI xmlns='http://www.tei-c.org/ns/1.0'><p>a</p></TEI>", &c, &d);
    CU_ASSERT_PTR_NOT_NULL(doc);
    CU_ASSERT_EQUAL(c.n, 0);
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

static void test_error_has_position(void)
{
    tk_capture c;
    tk_diag *d;
    xmlDocPtr doc = parse("<a>\n  <b></c>\n</a>", &c, &d);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    CU_ASSERT_EQUAL(c.n, 1); /* one cause, one message */
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "error:2:"));
    tk_diag_free(d);
}

static void test_billion_laughs_refused(void)
{
    tk_capture c;
    tk_diag *d;
    const char *lol =
        "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>"
        "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>"
        "<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'><!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>"
        "<!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'><!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>"
        "]><l>&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;</l>";
    xmlDocPtr doc = parse(lol, &c, &d);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    tk_diag_free(d);
}

static void test_external_entity_not_loaded(void)
{
    tk_capture c;
    tk_diag *d;
    xmlDocPtr doc = parse("<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><r>&x;</r>",
                          &c, &d);
    if (doc != NULL) {
        xmlChar *s = xmlNodeGetContent(xmlDocGetRootElement(doc));
        CU_ASSERT_PTR_NULL(strstr((char *)s, "root:"));
        xmlFree(s);
        xmlFreeDoc(doc);
    }
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    tk_diag_free(d);
}

/* Parameter entities: the unreferenced internal ones of old DTD-based TEI (the "INCLUDE"
 * switches) are ignored with a warning, since no DTD is read; one that is referenced (in a
 * declaration or inside a literal, where XML expands it) or declared external is refused. */
static void test_parameter_entities(void)
{
    static const struct {
        const char *xml;
        int accepted;
    } cases[] = {
        {"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY % p 'x'>]><r/>", 1},
        {"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY % TEI.drama \"INCLUDE\">\n"
         "<!-- a comment with %notref; -->]><r/>", 1},
        {"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY % p '<!ELEMENT r ANY>'> %p;]><r/>", 0},
        {"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY % p SYSTEM 'x.ent'>]><r/>", 0},
        {"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY % p 'x'><!ENTITY g 'y'>]><r/>", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tk_capture c;
        tk_diag *d;
        xmlDocPtr doc = parse(cases[i].xml, &c, &d);
        if (cases[i].accepted) {
            CU_ASSERT_PTR_NOT_NULL(doc);
            CU_ASSERT_EQUAL(tk_diag_exit_status(d), 0);
            CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "parameter entity declarations ignored"));
        } else {
            CU_ASSERT_PTR_NULL(doc);
            CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
            CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "entity declarations are not accepted"));
        }
        xmlFreeDoc(doc);
        tk_diag_free(d);
    }
}

static void test_external_dtd_not_loaded(void)
{
    tk_capture c;
    tk_diag *d;
    /* a DOCTYPE naming a DTD that does not exist: not fetched, so no error */
    xmlDocPtr doc = parse("<!DOCTYPE TEI SYSTEM 'http://example.invalid/tei.dtd'><TEI/>", &c, &d);
    CU_ASSERT_PTR_NOT_NULL(doc);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 0);
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

static void test_deep_nesting_fails_cleanly(void)
{
    enum { DEPTH = 100000 };
    char *s = malloc(DEPTH * 7 + 1), *p = s;
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "<a>");
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "</a>");
    tk_capture c;
    tk_diag *d;
    xmlDocPtr doc = parse(s, &c, &d);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    CU_ASSERT_EQUAL(c.n, 1);
    free(s);
    tk_diag_free(d);
}

void tk_suite_xmlsafe(void);
void tk_suite_xmlsafe(void)
{
    CU_pSuite s = CU_add_suite("xmlsafe", NULL, NULL);
    CU_add_test(s, "well-formed", test_wellformed);
    CU_add_test(s, "error position", test_error_has_position);
    CU_add_test(s, "billion laughs", test_billion_laughs_refused);
    CU_add_test(s, "external entity", test_external_entity_not_loaded);
    CU_add_test(s, "external DTD", test_external_dtd_not_loaded);
    CU_add_test(s, "parameter entities", test_parameter_entities);
    CU_add_test(s, "deep nesting", test_deep_nesting_fails_cleanly);
}
