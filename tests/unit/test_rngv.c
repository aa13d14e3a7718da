/* test_rngv.c: the RelaxNG engine by derivatives: verdicts, recovery after each error (every
 * bad place once, no follow-on message), messages computed from the grammar state. */
#include <pthread.h>

#include <libxml/parser.h>

#include "tk_test.h"
#include "validate_internal.h"

/* A made-up schema: a book of sections; each section has a required head, then paragraphs;
 * attributes with a choice of values, a datatype with a pattern, a namespaced one. */
static const char *const schema =
    "<grammar xmlns='http://relaxng.org/ns/structure/1.0' ns='urn:b'"
    " datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>"
    "<start><element name='book'><optional><attribute name='x:note' "
    "xmlns:x='urn:x'><text/></attribute></optional>"
    "<oneOrMore><ref name='sec'/></oneOrMore></element></start>"
    "<define name='sec'><element name='sec'>"
    "<optional><attribute name='kind'><choice><value>a</value><value>b</value></choice>"
    "</attribute></optional>"
    "<optional><attribute name='url'><data type='anyURI'><param name='pattern'>\\S+</param>"
    "</data></attribute></optional>"
    "<attribute name='id'><data type='NCName'/></attribute>"
    "<element name='head'><text/></element>"
    "<zeroOrMore><element name='p'><mixed><zeroOrMore><element name='hi'><text/></element>"
    "</zeroOrMore></mixed></element></zeroOrMore>"
    "<optional><element name='n'><data type='nonNegativeInteger'/></element></optional>"
    "</element></define></grammar>";

static xmlDocPtr parse(const char *xml)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    xmlDocPtr doc = tk_xml_read_memory(xml, strlen(xml), "t.xml", 0, d);
    tk_diag_free(d);
    return doc;
}

struct got {
    char buf[8192];
    size_t len;
    int n;
};

static void collect(void *user, xmlNodePtr at, int at_end, const char *msg)
{
    struct got *g = user;
    g->n++;
    g->len += (size_t)snprintf(g->buf + g->len, sizeof g->buf - g->len, "%ld%s: %s\n",
                               xmlGetLineNo(at), at_end ? "e" : "", msg);
}

/* Validates a document (lines separated by \n) and returns the result; g gets messages. */
static int run(const char *xml, struct got *g)
{
    xmlDocPtr rng = parse(schema);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rng);
    tk_rngv *v = tk_rngv_new(rng);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    xmlDocPtr doc = parse(xml);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    memset(g, 0, sizeof *g);
    int r = tk_rngv_validate(v, doc, collect, g);
    xmlFreeDoc(doc);
    tk_rngv_free(v);
    xmlFreeDoc(rng);
    return r;
}

#define HEAD "<book xmlns='urn:b'>\n"

static void test_valid(void)
{
    struct got g;
    CU_ASSERT_EQUAL(run(HEAD "<sec id='s1' kind=' a ' url='http://x'><head>h</head>\n"
                             "<p>t <hi>x</hi> u</p><p/><n> 12 </n></sec></book>",
                        &g),
                    0);
    CU_ASSERT_EQUAL(g.n, 0);
}

/* Three bad attributes in one element and in its siblings: each reported, nothing else. */
static void test_every_attribute(void)
{
    struct got g;
    CU_ASSERT_EQUAL(run(HEAD "<sec id='s1' kind='c'><head>h</head></sec>\n"
                             "<sec id='s2' kind='d' url=''><head>h</head></sec>\n"
                             "<sec id='s3' bogus='1'><head>h</head></sec></book>",
                        &g),
                    1);
    CU_ASSERT_EQUAL(g.n, 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "2: value \"c\" of attribute \"kind\" on \"sec\" is "
                                         "invalid; must be \"a\" or \"b\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "3: value \"\" of attribute \"url\" on \"sec\" is "
                                         "invalid; must be of type anyURI matching \"\\S+\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "4: attribute \"bogus\" not allowed on \"sec\"; "
                                         "allowed here: \"kind\", \"url\"\n"));
}

/* A missing required attribute, a missing required child, then a misplaced element and
 * an unknown one: one message each, with what the state expected. */
static void test_structure(void)
{
    struct got g;
    CU_ASSERT_EQUAL(run(HEAD "<sec><p>a</p><p>b</p></sec>\n"
                             "<sec id='s2'><head>h</head><n>1</n><p>late</p></sec>\n"
                             "<sec id='s3'><head>h</head><frob><p/></frob><p>ok</p></sec>\n"
                             "<sec id='s4'></sec></book>",
                        &g),
                    1);
    CU_ASSERT_EQUAL(g.n, 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "2: element \"sec\" misses required attribute "
                                         "\"id\"\n"));
    /* the p came too early: reported once, the second p is fine afterwards */
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "2: element \"p\" not allowed yet; missing required element "
                                         "\"head\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "3: element \"p\" not allowed here in \"sec\"; expected "
                                         "the end of \"sec\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "4: element \"frob\" not allowed anywhere in the "
                                         "schema; expected \"n\", \"p\" or the end of \"sec\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "5e: element \"sec\" incomplete; missing required element "
                                         "\"head\"\n"));
}

/* Text and datatypes; a namespaced attribute keeps its prefix. */
static void test_text_and_prefix(void)
{
    struct got g;
    CU_ASSERT_EQUAL(run("<book xmlns='urn:b' xmlns:y='urn:y' y:other='1'>\n"
                        "<sec id='s1'><head>h</head>stray<n>-3</n></sec></book>",
                        &g),
                    1);
    CU_ASSERT_EQUAL(g.n, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "attribute \"y:other\" not allowed on \"book\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "text not allowed here in \"sec\"; expected \"n\", "
                                         "\"p\" or the end of \"sec\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g.buf, "content of \"n\" is invalid: \"-3\" is not of type "
                                         "nonNegativeInteger\n"));
}

/* What the engine does not take is refused (the caller then uses libxml2). */
static void test_unsupported(void)
{
    xmlDocPtr rng = parse("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><include "
                          "href='x.rng'/><start><element name='r'><empty/></element></start>"
                          "</grammar>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(rng);
    CU_ASSERT_PTR_NULL(tk_rngv_new(rng));
    xmlFreeDoc(rng);
}

/* Clones share the base's schema patterns: each gives the messages a engine of its own
 * gives, also two at once in two threads, and after another clone has validated (the base
 * is only read). A clone is not a base. */
static const char *const clone_doc =
    "<book xmlns='urn:b' xmlns:y='urn:y' y:other='1'>\n"
    "<sec kind='c'><p>a</p><head>h</head></sec>\n"
    "<sec id='s2' url=''><head>h</head><frob><p/></frob>stray<n>-3</n><p>late</p></sec>\n"
    "<sec id='s3'></sec></book>";

struct clone_run {
    tk_rngv *v;
    xmlDocPtr doc;
    struct got g;
    int r;
};

static void *clone_thread(void *arg)
{
    struct clone_run *c = arg;
    memset(&c->g, 0, sizeof c->g);
    c->r = tk_rngv_validate(c->v, c->doc, collect, &c->g);
    return NULL;
}

static void test_clones(void)
{
    struct got own;
    CU_ASSERT_EQUAL(run(clone_doc, &own), 1);
    CU_ASSERT_TRUE(own.n >= 8);
    xmlDocPtr rng = parse(schema);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rng);
    tk_rngv *base = tk_rngv_new(rng);
    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    CU_ASSERT_PTR_NULL(tk_rngv_clone(NULL));
    struct clone_run c[3];
    for (int i = 0; i < 3; i++) {
        c[i].v = tk_rngv_clone(base);
        c[i].doc = parse(clone_doc);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c[i].v);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c[i].doc);
    }
    CU_ASSERT_PTR_NULL(tk_rngv_clone(c[0].v)); /* a clone shares, it is not shared */
    clone_thread(&c[0]);
    pthread_t t;
    int started = pthread_create(&t, NULL, clone_thread, &c[1]) == 0;
    clone_thread(&c[2]);
    if (started)
        pthread_join(t, NULL);
    else
        clone_thread(&c[1]);
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(c[i].r, 1);
        CU_ASSERT_EQUAL(c[i].g.n, own.n);
        CU_ASSERT_STRING_EQUAL(c[i].g.buf, own.buf);
        /* and again: the clone's memo and derived patterns give the same */
        clone_thread(&c[i]);
        CU_ASSERT_STRING_EQUAL(c[i].g.buf, own.buf);
        tk_rngv_free(c[i].v);
        xmlFreeDoc(c[i].doc);
    }
    tk_rngv_free(base);
    xmlFreeDoc(rng);
}

void tk_suite_rngv(void);
void tk_suite_rngv(void)
{
    CU_pSuite s = CU_add_suite("rngv", NULL, NULL);
    CU_add_test(s, "a valid document", test_valid);
    CU_add_test(s, "every bad attribute, once", test_every_attribute);
    CU_add_test(s, "structure: recovery and expected lists", test_structure);
    CU_add_test(s, "text, datatypes, prefixes", test_text_and_prefix);
    CU_add_test(s, "unsupported schemas refused", test_unsupported);
    CU_add_test(s, "clones share the schema's patterns", test_clones);
}
