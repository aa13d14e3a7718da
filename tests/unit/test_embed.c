/* test_embed.c: the library inside another program: NULL options accepted, the host's
 * libxml2/libxslt error handlers left as they were, message positions along long lines. */
#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

#include "tk_internal.h"
#include "tk_test.h"

static const char transcript[] = "Memorandum\n\nMR. SMITH: Hello, Mr. Jones.\nMR. JONES: Hi.\n";

/* Every entry point taking options accepts NULL (the defaults), as tk_convert_memory does. */
static void test_null_options(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    xmlDocPtr doc = tk_persons_draft(transcript, sizeof transcript - 1, NULL, d);
    CU_ASSERT_PTR_NOT_NULL(doc);
    xmlFreeDoc(doc);
    doc = tk_convert_memory(transcript, sizeof transcript - 1, NULL, d);
    CU_ASSERT_PTR_NOT_NULL(doc);
    xmlFreeDoc(doc);
    size_t len = 0;
    char *xml = tk_convert_memory_xml(transcript, sizeof transcript - 1, NULL, d, &len);
    CU_ASSERT_PTR_NOT_NULL(xml);
    free(xml);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 0);
    tk_diag_free(d);
}

static int host_calls;
static void host_structured(void *ctx, xmlErrorPtr e) { (void)ctx; (void)e; host_calls++; }
static void host_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; host_calls++; }
static int host_ctx;

/* The host's handlers, as they were before the call. */
static int host_handlers_kept(void)
{
    return xmlStructuredError == (xmlStructuredErrorFunc)host_structured &&
           xmlStructuredErrorContext == &host_ctx &&
           xmlGenericError == (xmlGenericErrorFunc)host_generic &&
           xmlGenericErrorContext == &host_ctx &&
           xsltGenericError == (xmlGenericErrorFunc)host_generic &&
           xsltGenericErrorContext == &host_ctx;
}

/* After parsing (well-formed or not) and rendering (a good and a bad stylesheet), the
 * caller's error handlers are its own again (they used to be reset to NULL), and teikit's
 * messages never reached them. */
static void test_host_error_handlers_kept(void)
{
    xmlSetStructuredErrorFunc(&host_ctx, host_structured);
    xmlSetGenericErrorFunc(&host_ctx, host_generic);
    xsltSetGenericErrorFunc(&host_ctx, host_generic);
    host_calls = 0;
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char bad[] = "<a><b></a>";
    CU_ASSERT_PTR_NULL(tk_xml_read_memory(bad, sizeof bad - 1, "bad.xml", 0, d));
    CU_ASSERT_TRUE(host_handlers_kept());
    tk_render_opts o = {.to = TK_RENDER_TEXT, .xslt_dir = "xslt"};
    tk_render *r = tk_render_new(&o, d);
    CU_ASSERT_TRUE(host_handlers_kept());
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    char *out = NULL;
    size_t len;
    CU_ASSERT_EQUAL(tk_render_file(r, "tests/render/memo.xml", &out, &len), 0);
    free(out);
    CU_ASSERT_TRUE(host_handlers_kept());
    tk_render_free(r);
    tk_render_opts bad_sheet = {.xslt = "tests/render/memo.xml"}; /* not a stylesheet */
    CU_ASSERT_PTR_NULL(tk_render_new(&bad_sheet, d));
    CU_ASSERT_TRUE(host_handlers_kept());
    CU_ASSERT_EQUAL(host_calls, 0);
    CU_ASSERT_TRUE(c.n > 0);
    tk_diag_free(d);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    xsltSetGenericErrorFunc(NULL, NULL);
}

/* Positions asked for left to right along a span with a cursor are those without it
 * (several lines, multi-byte characters, an offset asked twice, one going back). */
static void test_span_cursor(void)
{
    const char text[] = "a\xc3\xa9[b [c\nd\xe2\x80\x94[e [f";
    size_t starts[] = {0, 9};
    unsigned nos[] = {3, 4}, cols[] = {5, 1};
    tk_span sp = {text, sizeof text - 1, 2, starts, nos, cols};
    tk_span_cursor cur = {0};
    size_t offs[] = {0, 3, 3, 6, 9, 13, 16, 6, 2, sizeof text - 1};
    for (size_t i = 0; i < sizeof offs / sizeof *offs; i++) {
        unsigned l1, c1, l2, c2;
        tk_span_pos(&sp, offs[i], &l1, &c1);
        tk_span_pos_at(&sp, offs[i], &cur, &l2, &c2);
        CU_ASSERT_EQUAL(l1, l2);
        CU_ASSERT_EQUAL(c1, c2);
    }
    unsigned l, col;
    tk_span_pos_at(&sp, 13, &cur, &l, &col); /* "[e" after d and an em dash */
    CU_ASSERT_EQUAL(l, 4);
    CU_ASSERT_EQUAL(col, 3);
}

void tk_suite_embed(void);
void tk_suite_embed(void)
{
    CU_pSuite s = CU_add_suite("embed", NULL, NULL);
    CU_add_test(s, "NULL options", test_null_options);
    CU_add_test(s, "host error handlers kept", test_host_error_handlers_kept);
    CU_add_test(s, "span positions with a cursor", test_span_cursor);
}
