/* test_render.c: the renderer's library interface: both views, wrapping, one compiled
 * stylesheet for many documents, parameters, messages with the stylesheet's file and line,
 * and the security limits. Stylesheets come from the source tree (xslt/). */
#include <stdio.h>
#include <unistd.h>

#include "tk_test.h"

static const char *const memo = "tests/render/memo.xml";

/* Renders `path` with the built-in stylesheet for `to` and `view` (and params); returns the
 * output (free it) or NULL. */
static char *render(tk_render_format to, const char *view, const char *const *params,
                    const char *path, tk_capture *c)
{
    tk_diag *d = tk_test_diag(c);
    tk_render_opts o = {.to = to, .view = view, .xslt_dir = "xslt", .params = params};
    tk_render *r = tk_render_new(&o, d);
    char *out = NULL;
    size_t len = 0;
    if (r != NULL && tk_render_file(r, path, &out, &len) == 0)
        CU_ASSERT_EQUAL(strlen(out), len);
    tk_render_free(r);
    tk_diag_free(d);
    return out;
}

static void test_diplomatic_text(void)
{
    tk_capture c;
    char *t = render(TK_RENDER_TEXT, NULL, NULL, memo, &c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(c.n, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "I[van] V. Kovalev"));                 /* ex */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tito is [like] Zhang Guotao"));       /* supplied */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "com[munist] parties"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "one cannot [sic, probably “can”] rule")); /* sic + note */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "and [Soviet China specialist] E.F."));    /* gloss */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "party [sic]."));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "\n1) The Northern Expedition\n"));   /* printed number */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "struggle.1 But"));        /* marker as printed (plain) */
    CU_ASSERT_PTR_NULL(strstr(t, "Footnotes:"));                /* its text is missing: no list */
    CU_ASSERT_PTR_NULL(strstr(t, "Mao Zedong (mao_zedong)"));              /* no index */
    free(t);
}

static void test_normalized_text(void)
{
    tk_capture c;
    const char *const params[] = {"persons=1", NULL};
    char *t = render(TK_RENDER_TEXT, "normalized", params, memo, &c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Ivan V. Kovalev"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Tito is like Zhang Guotao"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "one can rule out"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "(Nosaka Sanzo) held")); /* the sic note goes with its fix */
    CU_ASSERT_PTR_NULL(strstr(t, "[sic, should be"));
    CU_ASSERT_PTR_NULL(strstr(t, "[like]"));
    /* editorial notes become footnotes lettered in reading order, apart from the source's
       numbered ones: the printed 1 stays 1 */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "and [a] E.F. Kovalev"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "struggle.[1] But"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "[a] Soviet China specialist\n[b] Zhang Wentian\n[c] sic\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Mao Zedong (mao_zedong): 4 mentions"));
    free(t);
}

/* Every line fits in `width` characters unless it is a single word. */
static int fits(const char *t, size_t width)
{
    size_t col = 0;
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p == '\n') {
            col = 0;
            space = 0;
            continue;
        }
        if ((*p & 0xC0) == 0x80)
            continue;
        space |= *p == ' ';
        if (++col > width && space)
            return 0;
    }
    return 1;
}

static void test_width(void)
{
    tk_capture c;
    const char *const p20[] = {"width=20", NULL};
    char *t = render(TK_RENDER_TEXT, NULL, p20, memo, &c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT(fits(t, 20));
    CU_ASSERT(!fits(t, 19));
    free(t);
    const char *const p0[] = {"width=0", NULL};
    t = render(TK_RENDER_TEXT, NULL, p0, memo, &c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "\nOn the evening of 3 February 1949 another conversation took "
                                     "place with Mao Zedong. I[van] V. Kovalev. and [Soviet China "
                                     "specialist] E.F. Kovalev were present from our side.\n"));
    free(t);
}

static void test_html(void)
{
    tk_capture c;
    char *h = render(TK_RENDER_HTML, NULL, NULL, memo, &c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    CU_ASSERT_EQUAL(strncmp(h, "<!DOCTYPE html", 14), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<dt>Translated by</dt><dd>Sergey Radchenko</dd>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<dt>Archive</dt><dd>APRF, F. 39, Op. 1, D. 39, Ll. 47-53</dd>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "id=\"tk-view-dipl\" class=\"tk-view\" checked"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<span class=\"dipl\">[</span>van<span class=\"dipl\">]</span>"));
    /* a mention inside an inline note keeps one id: the footnote copy has none */
    const char *first = strstr(h, "id=\"tk-m9\"");
    CU_ASSERT_PTR_NOT_NULL(first);
    CU_ASSERT_PTR_NULL(first != NULL ? strstr(first + 1, "id=\"tk-m9\"") : NULL);
    CU_ASSERT_PTR_NULL(strstr(h, "<script"));
    free(h);
}

/* One renderer, many documents: the same output each time, and per-document directories. */
static void test_reuse(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_render_opts o = {.to = TK_RENDER_TEXT, .xslt_dir = "xslt"};
    tk_render *r = tk_render_new(&o, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(tk_render_extension(r), "txt");
    char *first = NULL, *out = NULL;
    size_t len;
    CU_ASSERT_EQUAL(tk_render_file(r, memo, &first, &len), 0);
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(tk_render_file(r, i % 2 ? memo : "tests/render/transcript.xml", &out, &len), 0);
        if (i % 2)
            CU_ASSERT_STRING_EQUAL(out, first);
        free(out);
    }
    CU_ASSERT_EQUAL(tk_render_file(r, "tests/render/no-such.xml", &out, &len), -1);
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    free(first);
    tk_render_free(r);
    tk_diag_free(d);
}

static void test_messages_have_stylesheet_lines(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_render_opts o = {.xslt = "tests/render/hostile/terminate.xsl"};
    tk_render *r = tk_render_new(&o, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    char *out = NULL;
    size_t len;
    CU_ASSERT_EQUAL(tk_render_file(r, memo, &out, &len), -1);
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:5:0:xsl-message:looking at TEI\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "error:6:0:xsl-message:refusing this document\n"));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    tk_render_free(r);
    tk_diag_free(d);

    d = tk_test_diag(&c);
    o.xslt = "tests/render/hostile/syntax.xsl";
    CU_ASSERT_PTR_NULL(tk_render_new(&o, d));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "error:5:0:xslt:"));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    tk_diag_free(d);
}

static void test_bad_options(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *const bad[] = {"1x=2", NULL};
    tk_render_opts o = {.xslt_dir = "xslt", .params = bad};
    CU_ASSERT_PTR_NULL(tk_render_new(&o, d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
    d = tk_test_diag(&c);
    tk_render_opts v = {.xslt_dir = "xslt", .view = "pretty"};
    CU_ASSERT_PTR_NULL(tk_render_new(&v, d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
    d = tk_test_diag(&c);
    tk_render_opts m = {.xslt_dir = "no/such/dir"};
    CU_ASSERT_PTR_NULL(tk_render_new(&m, d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
    tk_render_free(NULL);
}

/* A later parameter overrides `view`; quotes of both kinds pass through as a string. */
static void test_params(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *const params[] = {"greeting=it's \"so\"", "view=normalized", NULL};
    tk_render_opts o = {.xslt = "tests/render/identity.xsl", .params = params};
    tk_render *r = tk_render_new(&o, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    char *out = NULL;
    size_t len;
    CU_ASSERT_EQUAL(tk_render_file(r, memo, &out, &len), 0);
    CU_ASSERT_PTR_NOT_NULL(out != NULL ? strstr(out, "<greeting>it's \"so\"</greeting>") : NULL);
    free(out);
    tk_render_free(r);
    tk_diag_free(d);

    d = tk_test_diag(&c);
    tk_render_opts t = {.to = TK_RENDER_TEXT, .xslt_dir = "xslt", .view = "diplomatic",
                        .params = params + 1};
    r = tk_render_new(&t, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(tk_render_file(r, memo, &out, &len), 0);
    CU_ASSERT_PTR_NOT_NULL(out != NULL ? strstr(out, "Tito is like Zhang") : NULL);
    free(out);
    tk_render_free(r);
    tk_diag_free(d);
}

static void test_security(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *const params[] = {"path=/etc/passwd", NULL};
    tk_render_opts o = {.xslt = "tests/render/hostile/read.xsl", .params = params};
    tk_render *r = tk_render_new(&o, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    char *out = NULL;
    size_t len;
    CU_ASSERT_EQUAL(tk_render_file(r, memo, &out, &len), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "error:6:0:xslt-read-outside:the stylesheet may not read '/etc/passwd'"));
    tk_render_free(r);
    tk_diag_free(d);

    /* a document with an entity declaration is refused before any stylesheet runs */
    static const char xxe[] = "<!DOCTYPE TEI [<!ENTITY x SYSTEM \"/etc/passwd\">]>"
                              "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&x;</p>"
                              "</body></text></TEI>";
    d = tk_test_diag(&c);
    tk_render_opts t = {.to = TK_RENDER_TEXT, .xslt_dir = "xslt"};
    r = tk_render_new(&t, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    xmlDocPtr doc = tk_xml_read_memory(xxe, sizeof xxe - 1, "xxe.xml", 0, d);
    CU_ASSERT_PTR_NULL(doc);
    xmlFreeDoc(doc);
    /* a parsed document renders in place */
    static const char ok[] = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>Hello "
                             "<unknownThing>kept</unknownThing> world</p></body></text></TEI>";
    doc = tk_xml_read_memory(ok, sizeof ok - 1, "ok.xml", 0, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(tk_render_doc(r, doc, NULL, &out, &len), 0);
    CU_ASSERT_PTR_NOT_NULL(out != NULL ? strstr(out, "\nHello kept world\n") : NULL);
    free(out);
    xmlFreeDoc(doc);
    tk_render_free(r);
    tk_diag_free(d);
}

/* A timestamp before the speaker label leads the turn's line (NASA logs: the converter puts
 * the anchor first in sp); a label without ':' or '.' stands on its own line (plays). */
static void test_turns(void)
{
    static const char doc_xml[] =
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>"
        "<sp who=\"#cc\">\n  <anchor synch=\"#t1\" n=\"00:00:01\" rend=\"bracketed\"/>\n"
        "  <speaker>CC:</speaker>\n  <p>Hello.</p>\n  <p>Again.</p></sp>"
        "<sp><speaker>HAMLET</speaker><l>To be,</l><l>or not.</l></sp>"
        "</body></text></TEI>";
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_render_opts o = {.to = TK_RENDER_TEXT, .xslt_dir = "xslt"};
    tk_render *r = tk_render_new(&o, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    xmlDocPtr doc = tk_xml_read_memory(doc_xml, sizeof doc_xml - 1, "turns.xml", 0, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    char *out = NULL;
    size_t len;
    CU_ASSERT_EQUAL(tk_render_doc(r, doc, NULL, &out, &len), 0);
    CU_ASSERT_PTR_NOT_NULL(out != NULL ? strstr(out, "\n[00:00:01] CC: Hello.\n\nAgain.\n") : NULL);
    /* (verse lines in the gutter of their numbers, here none: fewer than five lines) */
    CU_ASSERT_PTR_NOT_NULL(out != NULL ? strstr(out, "\nHAMLET\n      To be,\n      or not.\n") : NULL);
    free(out);
    xmlFreeDoc(doc);
    tk_render_free(r);
    tk_diag_free(d);
}

void tk_suite_render(void);
void tk_suite_render(void)
{
    CU_pSuite s = CU_add_suite("render", NULL, NULL);
    CU_add_test(s, "diplomatic text", test_diplomatic_text);
    CU_add_test(s, "normalized text", test_normalized_text);
    CU_add_test(s, "width", test_width);
    CU_add_test(s, "html", test_html);
    CU_add_test(s, "one stylesheet, many documents", test_reuse);
    CU_add_test(s, "messages with stylesheet lines", test_messages_have_stylesheet_lines);
    CU_add_test(s, "bad options", test_bad_options);
    CU_add_test(s, "parameters", test_params);
    CU_add_test(s, "security", test_security);
    CU_add_test(s, "speaker turns", test_turns);
}
