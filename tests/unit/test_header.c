/* test_header.c: the teiHeader from front matter, --meta, Document Information, the body's
 * dateline, speakers, and the derived title. */
#include "tk_internal.h"
#include "tk_test_tei.h"

static void test_front_matter_header(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    xmlDocPtr doc = tk_test_convert(
        "Title: Talk with the Chairman\nDate: February 3, 1949\nAuthor: A. Writer\n"
        "Translator: Sergey Radchenko\nArchive: APRF: F. 39, Op. 1, D. 39\n"
        "Rights: Reuse for research welcome.\nLicence: https://creativecommons.org/publicdomain/zero/1.0/\n"
        "Summary: They talk.\nType: Interview\nLanguage: Russian\nInterviewer: Jane Roe\n\n"
        "Q: How are you?\n\nA: Fine.\n\nQ: Good.\n\nA: Yes.\n",
        TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:titleStmt/t:title)"), "Talk with the Chairman");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:titleStmt/t:author)"), "A. Writer");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:respStmt/t:persName)"), "Sergey Radchenko");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:msIdentifier/t:repository)"), "APRF");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:msIdentifier/t:idno)"), "F. 39, Op. 1, D. 39");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:availability/t:p)"), "Reuse for research welcome.");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:availability/t:licence/@target)"),
                           "https://creativecommons.org/publicdomain/zero/1.0/");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:abstract/t:p)"), "They talk.");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:creation/t:date/@when)"), "1949-02-03");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:keywords/t:term)"), "Interview");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:langUsage/t:language/@ident)"), "ru");
    /* the interviewer named in the front matter is the Q speaker */
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:person[@role='interviewer']/@xml:id)"), "jane-roe");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:person[@role='interviewer']/t:persName)"), "Jane Roe");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string((//t:sp)[1]/@who)"), "#jane-roe");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string((//t:sp)[2]/@who)"), "#interviewee");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:particDesc//t:person)"), "2");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:application/@ident)"), "teikit");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:application/@version)"), tk_version());
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:editorialDecl/t:p)"), "2");
    CU_ASSERT_EQUAL(c.n, 0);
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

static void test_meta_overrides_and_derived_title(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *meta[] = {"title=Overridden", "publisher=Wilson Center", "Type=Letter"};
    xmlDocPtr doc = tk_test_convert("Title: Original\n\nsome text without a title line.\n",
                                    TK_SHAPE_AUTO, d, meta, 3);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:titleStmt/t:title)"), "Overridden");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:publicationStmt/t:publisher)"), "Wilson Center");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:keywords/t:term)"), "Letter");
    xmlFreeDoc(doc);
    tk_diag_free(d);

    d = tk_test_diag(&c);
    doc = tk_test_convert("just a sentence, no title.\n", TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:titleStmt/t:title)"), "test");
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:1:0:title:no title line"));
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:creation)"), "0");
    xmlFreeDoc(doc);
    tk_diag_free(d);

    d = tk_test_diag(&c);
    doc = tk_test_convert("Date: sometime\n\nText.\n", TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "cannot read the Date 'sometime'"));
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

static void test_dateline_and_document_information(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    xmlDocPtr doc = tk_test_convert(
        "February 3, 1949\n\nMemorandum of Conversation between A and B\n\nThe body text.\n\n\n\n"
        "A summary.\n\nDocument Information\n\nAPRF: F. 39, Op. 1, D. 39, Ll. 47-53. Reprinted in "
        "A Book, Vol. 5 (Moscow: Publisher, 2005), p. 62-66. Translated by Sergey Radchenko.\n",
        TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:creation/t:date/@when)"), "1949-02-03");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:creation/t:date)"), "February 3, 1949");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:msIdentifier/t:idno)"), "F. 39, Op. 1, D. 39, Ll. 47-53");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:sourceDesc/t:bibl)"),
                           "Reprinted in A Book, Vol. 5 (Moscow: Publisher, 2005), p. 62-66");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:respStmt/t:resp)"), "Translated by");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:abstract)"), "A summary.");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:body//t:p)"), "1");
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

void tk_suite_header(void);
void tk_suite_header(void)
{
    CU_pSuite s = CU_add_suite("header", NULL, NULL);
    CU_add_test(s, "front matter to header", test_front_matter_header);
    CU_add_test(s, "--meta overrides; derived title", test_meta_overrides_and_derived_title);
    CU_add_test(s, "dateline and Document Information", test_dateline_and_document_information);
}
