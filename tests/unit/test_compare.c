/* test_compare.c: tk_compare_docs on made-up documents: scores of identical documents, a
 * dropped, a moved and a shifted element, points, grouping counted pairwise, mappings,
 * skips, bad options, and alignment of long texts with edits spread through them. */
#include <stdio.h>

#include "tk_test.h"

/* A TEI document around `body` (the content of body). */
static xmlDocPtr tei(const char *body, tk_diag *d)
{
    static char buf[1 << 20];
    int n = snprintf(buf, sizeof buf,
                     "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc>"
                     "<titleStmt><title>T</title></titleStmt></fileDesc></teiHeader>"
                     "<text><body>%s</body></text></TEI>",
                     body);
    CU_ASSERT_FATAL(n > 0 && (size_t)n < sizeof buf);
    return tk_xml_read_memory(buf, (size_t)n, "test.xml", 0, d);
}

/* The scores of class `name` in r, or NULL. */
static const tk_compare_class *cls(const tk_compare_result *r, const char *name)
{
    for (size_t i = 0; r != NULL && i < r->n_classes; i++)
        if (strcmp(r->classes[i].name, name) == 0)
            return &r->classes[i];
    return NULL;
}

/* Compares two bodies with options o (NULL: defaults). */
static tk_compare_result *run(const char *ref, const char *hyp, const tk_compare_opts *o)
{
    tk_capture cap;
    tk_diag *d = tk_test_diag(&cap);
    xmlDocPtr a = tei(ref, d), b = tei(hyp, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    tk_compare_result *r = tk_compare_docs(a, "ref.xml", b, "hyp.xml", o, d);
    xmlFreeDoc(a);
    xmlFreeDoc(b);
    tk_diag_free(d);
    return r;
}

static const char *const memo =
    "<head>A memorandum</head><p>The <persName ref=\"#h\">Minister Resident</persName> saw "
    "<persName ref=\"#b\">Mr. Brown</persName> on <date when=\"1921-03-04\">March 4, "
    "1921</date>.<pb n=\"7\"/> <persName ref=\"#h\">Mr. Hall</persName> left.</p>";

static void test_compare_identical(void)
{
    tk_compare_result *r = run(memo, memo, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->aligned_words, r->ref_words);
    CU_ASSERT_EQUAL(r->total.exact, r->total.ref);
    CU_ASSERT_DOUBLE_EQUAL(r->total.f, 1.0, 1e-9);
    CU_ASSERT_EQUAL(r->total_diffs, 0);
    const tk_compare_class *k = cls(r, "persName");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->ref, 3);
    CU_ASSERT_DOUBLE_EQUAL(k->ident_r, 1.0, 1e-9);
    CU_ASSERT_EQUAL(k->attr_checked[TK_CMP_ATTR_WHEN], 0);
    CU_ASSERT_EQUAL(cls(r, "date")->attr_agree[TK_CMP_ATTR_WHEN], 1);
    tk_compare_result_free(r);
}

static void test_compare_dropped_moved(void)
{
    /* Mr. Brown untagged: recall 2/3, precision 1; the message names both lines */
    tk_compare_result *r = run(memo,
                               "<head>A memorandum</head><p>The <persName ref=\"#h\">Minister "
                               "Resident</persName> saw Mr. Brown on <date when=\"1921-03-04\">"
                               "March 4, 1921</date>.<pb n=\"7\"/> <persName ref=\"#h\">Mr. "
                               "Hall</persName> left.</p>",
                               NULL);
    const tk_compare_class *k = cls(r, "persName");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->exact, 2);
    CU_ASSERT_DOUBLE_EQUAL(k->r, 2.0 / 3, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(k->p, 1.0, 1e-9);
    CU_ASSERT_EQUAL(r->total_diffs, 1);
    CU_ASSERT_EQUAL_FATAL(r->n_diffs, 1);
    CU_ASSERT_EQUAL(r->diffs[0].kind, TK_CMP_MISSING);
    CU_ASSERT_STRING_EQUAL(r->diffs[0].text,
                           "ref.xml:1: persName 'Mr. Brown' missing in hyp.xml:1");
    tk_compare_result_free(r);

    /* the tag moved by one word: an overlapping match, not missing + added */
    r = run(memo,
            "<head>A memorandum</head><p>The Minister <persName ref=\"#h\">Resident</persName> "
            "saw <persName ref=\"#b\">Mr. Brown</persName> on <date when=\"1921-03-04\">March 4, "
            "1921</date>.<pb n=\"7\"/> <persName ref=\"#h\">Mr. Hall</persName> left.</p>",
            NULL);
    k = cls(r, "persName");
    CU_ASSERT_EQUAL(k->exact, 2);
    CU_ASSERT_EQUAL(k->overlap, 3);
    CU_ASSERT_EQUAL(r->diffs[0].kind, TK_CMP_MOVED);
    tk_compare_result_free(r);
}

static void test_compare_moved_text(void)
{
    /* another edition puts the stage direction a line later, in other words: moved, not
     * missing + added; a stage direction far away is not taken for it */
    const char *ref = "<sp><l>one two three four five six seven</l></sp><stage>Enter Ghost.</stage>"
                      "<sp><l>But soft, behold! Lo, where it comes again!</l></sp>";
    tk_compare_result *r = run(ref,
                               "<sp><l>one two three four five six seven</l></sp><sp><l>But "
                               "soft, behold! lo, where it comes again!</l><stage>Re-enter "
                               "Ghost</stage></sp>",
                               NULL);
    const tk_compare_class *k = cls(r, "stage");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->exact, 0);
    CU_ASSERT_EQUAL(k->overlap, 1);
    tk_compare_result_free(r);
    static char far[8192];
    size_t n = (size_t)snprintf(far, sizeof far, "%s",
                                "<sp><l>one two three four five six seven</l></sp>"
                                "<sp><l>But soft, behold! Lo, where it comes again!</l>");
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(far + n, sizeof far - n, "<l>line %d of the speech</l>", i);
    snprintf(far + n, sizeof far - n, "<stage>Enter Ghost.</stage></sp>");
    r = run(ref, far, NULL);
    CU_ASSERT_EQUAL(cls(r, "stage")->overlap, 0);
    tk_compare_result_free(r);
}

static void test_compare_speaker_words(void)
{
    /* a speaker label's words align with a label's words only: the name in the exit before
     * it is no candidate; and a word outweighs a comma (`son,-- HAMLET` against `son--
     * HAMLET ,`: the label keeps its partner) */
    const char *ref = "<sp><speaker>KING</speaker><l>my cousin Hamlet and my son\xe2\x80\x94</l></sp>"
                      "<stage>All but Hamlet exit.</stage>"
                      "<sp><speaker>HAMLET</speaker><stage>, aside</stage><l>A little more "
                      "than kin and less than kind.</l></sp>";
    const char *hyp = "<sp><speaker>KING CLAUDIUS</speaker><l>my cousin Hamlet, and my son,--</l>"
                      "<stage>Exeunt all but HAMLET</stage></sp>"
                      "<sp><speaker>HAMLET</speaker><l><stage>Aside</stage> A little more than "
                      "kin, and less than kind.</l></sp>";
    tk_compare_result *r = run(ref, hyp, NULL);
    const tk_compare_class *k = cls(r, "speaker");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->exact, 1); /* HAMLET; KING / KING CLAUDIUS only overlaps */
    CU_ASSERT_EQUAL(k->overlap, 2);
    tk_compare_result_free(r);
    r = run("<sp><speaker>KING</speaker><l>my son\xe2\x80\x94</l></sp><sp><speaker>HAMLET</speaker>"
            "<stage>, aside</stage><l>A little more than kin</l></sp>",
            "<sp><speaker>KING</speaker><l>my son,--</l></sp><sp><speaker>HAMLET</speaker><l><stage>"
            "Aside</stage> A little more than kin</l></sp>",
            NULL);
    CU_ASSERT_EQUAL(cls(r, "speaker")->exact, 2);
    tk_compare_result_free(r);
}

static void test_compare_points(void)
{
    /* pb one word later: overlapping, not exact; two words later: not matched */
    tk_compare_result *r =
        run("<p>one two three four five</p><p>six <pb n=\"2\"/>seven eight</p>",
            "<p>one two three four five</p><p>six seven <pb n=\"2\"/>eight</p>", NULL);
    const tk_compare_class *k = cls(r, "pb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->exact, 0);
    CU_ASSERT_EQUAL(k->overlap, 1);
    tk_compare_result_free(r);
    r = run("<p>one two three four five</p><p>six <pb n=\"2\"/>seven eight nine</p>",
            "<p>one two three four five</p><p>six seven eight <pb n=\"2\"/>nine</p>", NULL);
    CU_ASSERT_EQUAL(cls(r, "pb")->overlap, 0);
    tk_compare_result_free(r);
    /* a changed @n is an attribute disagreement of a matched pair */
    r = run("<p>a b<pb n=\"2\"/> c</p>", "<p>a b<pb n=\"3\"/> c</p>", NULL);
    k = cls(r, "pb");
    CU_ASSERT_EQUAL(k->exact, 1);
    CU_ASSERT_EQUAL(k->attr_checked[TK_CMP_ATTR_N], 1);
    CU_ASSERT_EQUAL(k->attr_agree[TK_CMP_ATTR_N], 0);
    tk_compare_result_free(r);
}

/* Four mentions of one person (ref) against the grouping g of the hypothesis. */
static tk_compare_result *grouping(const char *const g[4])
{
    static char ref[1024], hyp[1024];
    snprintf(ref, sizeof ref,
             "<p><persName ref=\"#a\">A</persName> x <persName ref=\"#a\">B</persName> y "
             "<persName ref=\"#a\">C</persName> z <persName ref=\"#a\">D</persName></p>");
    snprintf(hyp, sizeof hyp,
             "<p><persName ref=\"%s\">A</persName> x <persName ref=\"%s\">B</persName> y "
             "<persName ref=\"%s\">C</persName> z <persName ref=\"%s\">D</persName></p>",
             g[0], g[1], g[2], g[3]);
    return run(ref, hyp, NULL);
}

static void test_compare_grouping(void)
{
    /* renamed: 1.0; split 2+2: the reference groups C(4,2) = 6 pairs, the hypothesis 2, both
     * agree on 2: precision 2/2, recall 2/6; split 3+1: 3 pairs, recall 3/6 */
    static const char *const renamed[4] = {"#p9", "#p9", "#p9", "#p9"};
    static const char *const split22[4] = {"#x", "#x", "#y", "#y"};
    static const char *const split31[4] = {"#x", "#x", "#x", "#y"};
    tk_compare_result *r = grouping(renamed);
    const tk_compare_class *k = cls(r, "persName");
    CU_ASSERT_EQUAL(k->ident_mentions, 4);
    CU_ASSERT_DOUBLE_EQUAL(k->ident_p, 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(k->ident_r, 1.0, 1e-9);
    tk_compare_result_free(r);
    r = grouping(split22);
    k = cls(r, "persName");
    CU_ASSERT_DOUBLE_EQUAL(k->ident_pairs_ref, 6, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(k->ident_pairs_hyp, 2, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(k->ident_pairs_both, 2, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(k->ident_p, 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(k->ident_r, 2.0 / 6, 1e-9);
    tk_compare_result_free(r);
    r = grouping(split31);
    CU_ASSERT_DOUBLE_EQUAL(cls(r, "persName")->ident_r, 3.0 / 6, 1e-9);
    tk_compare_result_free(r);
}

static void test_compare_titles(void)
{
    /* the reference keeps titles out of persName, the hypothesis in: exact only modulo the
       titles, on both sides ("Mr." and its period, "Consul General"); a title alone stays */
    const char *ref = "<p>Mr. <persName>Brown</persName> and Consul General "
                      "<persName>Hall</persName> met <persName>Mr. Gray</persName> and "
                      "<persName>Colonel</persName> Bell.</p>";
    const char *hyp = "<p><persName>Mr. Brown</persName> and <persName>Consul General "
                      "Hall</persName> met <persName>Mr. Gray</persName> and "
                      "<persName>Colonel</persName> Bell.</p>";
    tk_compare_result *r = run(ref, hyp, NULL);
    const tk_compare_class *k = cls(r, "persName");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->exact, 2);
    CU_ASSERT_EQUAL(k->overlap, 4);
    tk_compare_result_free(r);
    tk_compare_opts o;
    tk_compare_opts_init(&o);
    o.ignore_titles = 1;
    r = run(ref, hyp, &o);
    k = cls(r, "persName");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_EQUAL(k->exact, 4);
    CU_ASSERT_DOUBLE_EQUAL(k->f, 1.0, 1e-9);
    tk_compare_result_free(r);
    /* a word that is no title ("Brownfield") is kept */
    r = run("<p>Mr. Brownfield <persName>Gray</persName> came.</p>",
            "<p>Mr. <persName>Brownfield Gray</persName> came.</p>", &o);
    CU_ASSERT_EQUAL(cls(r, "persName")->exact, 0);
    tk_compare_result_free(r);
}

static void test_compare_map_skip(void)
{
    const char *const maps[] = {"name[@type=person]=persName"};
    const char *const skips[] = {"note"};
    tk_compare_opts o;
    tk_compare_opts_init(&o);
    o.maps = maps;
    o.n_maps = 1;
    tk_compare_result *r = run("<p>I saw <persName>Ann</persName> and <name type=\"place\">Rome"
                               "</name>.</p>",
                               "<p>I saw <name type=\"person\">Ann</name> and <name type=\"place\">"
                               "Rome</name>.</p>",
                               &o);
    CU_ASSERT_DOUBLE_EQUAL(cls(r, "persName")->f, 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(cls(r, "name")->f, 1.0, 1e-9);
    tk_compare_result_free(r);
    /* a skipped note's text is out of both texts: the words around it align */
    tk_compare_opts_init(&o);
    o.skips = skips;
    o.n_skips = 1;
    r = run("<p>a b c</p>", "<p>a b<note>one two</note> c</p>", &o);
    CU_ASSERT_EQUAL(r->ref_words, 3);
    CU_ASSERT_EQUAL(r->hyp_words, 3);
    CU_ASSERT_PTR_NULL(cls(r, "note"));
    tk_compare_result_free(r);
    /* a bad mapping is a usage error */
    const char *const bad[] = {"name[@type=person=persName"};
    tk_compare_opts_init(&o);
    o.maps = bad;
    o.n_maps = 1;
    tk_capture cap;
    tk_diag *d = tk_test_diag(&cap);
    xmlDocPtr a = tei("<p>x</p>", d);
    CU_ASSERT_PTR_NULL(tk_compare_docs(a, "a", a, "b", &o, d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    xmlFreeDoc(a);
    tk_diag_free(d);
}

/* A long made-up text: n paragraphs of 12 words, a persName in every tenth. `edit` adds a
 * paragraph at the start, changes one word in every 7th paragraph and doubles a word in
 * every 13th. */
static char *long_body(size_t n, int edit)
{
    size_t cap = n * 160 + 256, k = 0;
    char *b = malloc(cap);
    if (edit)
        k += (size_t)snprintf(b + k, cap - k, "<p>An added paragraph first.</p>");
    for (size_t i = 0; i < n; i++) {
        const char *w = edit && i % 7 == 3 ? "changed" : "word";
        const char *dup = edit && i % 13 == 5 ? " the" : "";
        if (i % 10 == 0)
            k += (size_t)snprintf(b + k, cap - k,
                                  "<p>Par%zu the %s of <persName>Ann%zu Lee</persName> and"
                                  "%s the sea, said the man to the sea.</p>",
                                  i, w, i, dup);
        else
            k += (size_t)snprintf(b + k, cap - k,
                                  "<p>Par%zu the %s of the day and%s the sea, said the man to "
                                  "the sea.</p>",
                                  i, w, dup);
    }
    return b;
}

static void test_compare_long(void)
{
    size_t n = 5000;
    char *a = long_body(n, 0), *b = long_body(n, 1);
    tk_compare_result *r = run(a, b, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* every word but the changed ones is aligned */
    size_t changed = (n + 3) / 7;
    CU_ASSERT_EQUAL(r->aligned_words, r->ref_words - changed);
    /* every persName is found exactly; every reference p exactly, one p more */
    CU_ASSERT_EQUAL(cls(r, "persName")->exact, n / 10);
    CU_ASSERT_EQUAL(cls(r, "p")->exact, n);
    CU_ASSERT_EQUAL(cls(r, "p")->hyp, n + 1);
    tk_compare_result_free(r);
    free(a);
    free(b);
}

void tk_suite_compare(void);
void tk_suite_compare(void)
{
    CU_pSuite s = CU_add_suite("compare", NULL, NULL);
    CU_add_test(s, "identical documents score 1", test_compare_identical);
    CU_add_test(s, "a dropped and a moved persName", test_compare_dropped_moved);
    CU_add_test(s, "a stage direction moved by another edition", test_compare_moved_text);
    CU_add_test(s, "speaker labels align with labels; words outweigh commas", test_compare_speaker_words);
    CU_add_test(s, "points (pb) and @n", test_compare_points);
    CU_add_test(s, "grouping counted pairwise", test_compare_grouping);
    CU_add_test(s, "--ignore-titles: persName spans modulo a leading title", test_compare_titles);
    CU_add_test(s, "--map, --skip, a bad mapping", test_compare_map_skip);
    CU_add_test(s, "a long text with edits spread through it", test_compare_long);
}
