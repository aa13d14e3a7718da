/* test_validate.c: schema loading, one document, batches in order with threads, the compile
 * cache, messages through the diagnostics module. */
#include <libxml/parser.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tk_test.h"
#include "validate_parts.h"

static const char *const minimal =
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>t"
    "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
    "</sourceDesc></fileDesc></teiHeader><text><body>%s</body></text></TEI>";

static int validate_string(tk_schema *s, const char *body, const tk_validate_opts *o,
                           tk_capture *c)
{
    char xml[2048];
    snprintf(xml, sizeof xml, minimal, body);
    tk_diag *d = tk_test_diag(c);
    xmlDocPtr doc = tk_xml_read_memory(xml, strlen(xml), "m.xml", 0, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    int r = tk_validate_doc(s, doc, "m.xml", o, d);
    xmlFreeDoc(doc);
    tk_diag_free(d);
    return r;
}

static tk_schema *teikit_schema(void)
{
    setenv("TEIKIT_DATADIR", ".", 1); /* the tests run from the source tree */
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_schema *s = tk_schema_load("teikit", d);
    tk_diag_free(d);
    return s;
}

static void test_load(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    CU_ASSERT_PTR_NULL(tk_schema_load("/nonexistent/x.rng", d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    CU_ASSERT_PTR_NULL(tk_schema_load("tests/validate/valid/minimal.xml", d)); /* not RNG */
    unsetenv("TEIKIT_TEI_ALL");
    CU_ASSERT_PTR_NULL(tk_schema_load("tei_all", d));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "TEIKIT_TEI_ALL"));
    tk_diag_free(d);
    tk_schema *s = teikit_schema();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(tk_schema_path(s), "./schemas/teikit.rng");
    tk_schema_free(s);
    tk_schema_free(NULL);
}

static void test_one_document(void)
{
    tk_schema *s = teikit_schema();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    tk_capture c;
    CU_ASSERT_EQUAL(validate_string(s, "<p>ok</p>", NULL, &c), 0);
    CU_ASSERT_EQUAL(c.n, 0);
    CU_ASSERT_EQUAL(validate_string(s, "<p>x<sp/></p>", NULL, &c), 1);
    CU_ASSERT_EQUAL(c.n, 2); /* misplaced, and (as jing says too) empty: a speech needs content */
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "error:1:0:relaxng:element \"sp\" not allowed here in \"p\""));
    /* rule checks run unless grammar_only */
    CU_ASSERT_EQUAL(validate_string(s, "<p><persName ref=\"#x\">X</persName></p>", NULL, &c), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":id-ref:"));
    tk_validate_opts o = {0};
    o.grammar_only = 1;
    CU_ASSERT_EQUAL(validate_string(s, "<p><persName ref=\"#x\">X</persName></p>", &o, &c), 0);
    tk_schema_free(s);
}

static char *run_paths(tk_schema *s, unsigned jobs, tk_validate_stats *st, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, tk_diag_sink_gcc, f);
    char *paths[] = {"tests/validate/invalid", "tests/validate/valid/minimal.xml"};
    tk_validate_opts o = {0};
    o.jobs = jobs;
    *rc = tk_validate_paths(s, paths, 2, &o, d, st);
    tk_diag_free(d);
    fclose(f);
    return buf;
}

static void test_batch_order_and_threads(void)
{
    tk_schema *s = teikit_schema();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    tk_validate_stats st1, st4;
    int rc1, rc4;
    char *one = run_paths(s, 1, &st1, &rc1);
    char *four = run_paths(s, 4, &st4, &rc4);
    CU_ASSERT_EQUAL(rc1, 1);
    CU_ASSERT_EQUAL(rc4, 1);
    CU_ASSERT_STRING_EQUAL(one, four); /* messages in argument order whatever the threads */
    CU_ASSERT_EQUAL(st1.files, st4.files);
    CU_ASSERT_EQUAL(st1.invalid, st1.files - 1); /* every invalid/ file, not minimal.xml */
    CU_ASSERT_TRUE(st1.files >= 10);
    /* the directory is walked in sorted order */
    const char *a = strstr(one, "bad_date.xml"), *b = strstr(one, "wrong_ns.xml");
    CU_ASSERT_TRUE(a != NULL && b != NULL && a < b);
    /* a small schema is compiled once, whole, for the whole run; the derivative engine's
       patterns too, whatever the threads (they share them) */
    CU_ASSERT_EQUAL(st1.compiles, 1);
    CU_ASSERT_EQUAL(st4.compiles, 1);
    /* two engines at work at once (two threads) share one conversion of the schema */
    tk_rngv *e1 = tkv_engine_get(s), *e2 = tkv_engine_get(s);
    CU_ASSERT_TRUE(e1 != NULL && e2 != NULL && e1 != e2);
    CU_ASSERT_EQUAL(s->compiles, 1);
    tkv_engine_put(s, e1);
    tkv_engine_put(s, e2);
    free(one);
    free(four);
    tk_schema_free(s);
}

/* A limit on a batch: the messages of each file are replayed from copies the batch frees
 * afterwards, so the limit must keep its own (ASan showed a use after free), and each file's
 * messages are limited on their own. */
static void test_batch_with_limit(void)
{
    tk_schema *s = teikit_schema();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char dir[] = "/tmp/tk-limit.XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char a[64], b[64], xml[2048];
    snprintf(a, sizeof a, "%s/a.xml", dir);
    snprintf(b, sizeof b, "%s/b.xml", dir);
    snprintf(xml, sizeof xml, minimal, "<p>one [x] two [y] three [z]</p>");
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(i ? b : a, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fputs(xml, f);
        fclose(f);
    }
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_set_limit(d, 1);
    char *paths[] = {a, b};
    tk_validate_opts o = {.rules = TK_RULE_BRACKET}; /* the documents are not teikit's */
    tk_validate_paths(s, paths, 2, &o, d, NULL);
    tk_diag_flush(d);
    /* per file: one bracket warning, then what was held back */
    const char *first = strstr(c.buf, ":bracket:leftover");
    CU_ASSERT_PTR_NOT_NULL_FATAL(first);
    CU_ASSERT_PTR_NOT_NULL(strstr(first + 1, ":bracket:leftover"));
    const char *more = strstr(c.buf, "more warnings like this suppressed");
    CU_ASSERT_PTR_NOT_NULL_FATAL(more);
    CU_ASSERT_PTR_NOT_NULL(strstr(more + 1, "more warnings like this suppressed"));
    tk_diag_free(d);
    remove(a);
    remove(b);
    rmdir(dir);
    tk_schema_free(s);
}

static void tei_all_path(char *path, size_t size)
{
    snprintf(path, size, "%s/reference/schemas/tei_all.rng", tk_test_shared());
}

static void test_pruned_cache(void)
{
    char path[1024];
    tei_all_path(path, sizeof path);
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_schema *s = tk_schema_load(path, d);
    tk_diag_free(d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* the pruned schemas serve libxml2's validator (the derivative engine needs none) */
    setenv("TEIKIT_VALIDATOR", "libxml2", 1);
    CU_ASSERT_EQUAL(validate_string(s, "<p>a</p>", NULL, &c), 0);
    unsetenv("TEIKIT_VALIDATOR");
    CU_ASSERT_EQUAL(validate_string(s, "<p>b</p><p>c</p>", NULL, &c), 0);   /* same names */
    CU_ASSERT_EQUAL(validate_string(s, "<p>a<hi>b</hi></p>", NULL, &c), 0); /* one more */
    CU_ASSERT_EQUAL(validate_string(s, "<p>a</p>", NULL, &c), 0);           /* a subset */
    CU_ASSERT_EQUAL(validate_string(s, "<p>a<frob/></p>", NULL, &c), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "element \"frob\" not allowed inside \"p\"; expected text"));
    tk_validate_stats st;
    d = tk_test_diag(&c);
    char *none[] = {NULL};
    tk_validate_paths(s, none, 0, NULL, d, &st);
    tk_diag_free(d);
    CU_ASSERT_EQUAL(st.compiles, 3); /* {p...}, {p, hi...}, {p, frob...}: pruned, cached */
    tk_schema_free(s);
}

void tk_suite_validate(void);
void tk_suite_validate(void)
{
    CU_pSuite s = CU_add_suite("validate", NULL, NULL);
    CU_add_test(s, "schema loading", test_load);
    CU_add_test(s, "one document", test_one_document);
    CU_add_test(s, "batches: order, threads, one compile", test_batch_order_and_threads);
    CU_add_test(s, "batch with a message limit", test_batch_with_limit);
    char path[1024];
    struct stat sb;
    tei_all_path(path, sizeof path);
    if (stat(path, &sb) == 0)
        CU_add_test(s, "pruned schemas cached by name set", test_pruned_cache);
    else
        tk_test_skip("validate: pruned tei_all cache: no tei_all.rng in ../shared (the shared "
                     "directory beside the checkout, or TK_SHARED=DIR)");
}
