/* test_footnotes.c: joining note texts to markers: by number and source order across several
 * documents in one file, markers without text, texts without marker, note-line shapes, and
 * the timeline's place in text/front. */
#include <stdio.h>

#include "tk_inline_test.h"

static void add_note(tk_itest *it, const char *line, unsigned lineno, int want)
{
    tk_span sp = tk_itest_span(line, lineno);
    CU_ASSERT_EQUAL(tk_footnotes_add_line(&it->cv, &sp), want);
}

static void test_join_by_number_and_order(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    /* two documents, each numbering its notes from 9 (FRUS d564 style) */
    tk_itest_run_at(&it, "I said to the Under Secretary[9] that", 3);
    xmlNodePtr p1 = it.body->last;
    tk_itest_run_at(&it, "I called on Mr. Phillips[9] again", 40);
    xmlNodePtr p2 = it.body->last;
    /* the block side may hand the notes over in any order: positions decide */
    add_note(&it, "[9] Fred Morris Dearing, Ambassador.", 60, 1);
    add_note(&it, "[9] William Phillips, Under Secretary of State.", 20, 1);
    tk_inline_finish(&it.cv);
    char *a = tk_itest_dump(p1), *b = tk_itest_dump(p2);
    CU_ASSERT_STRING_EQUAL(a, "I said to the Under Secretary<note place=\"foot\" n=\"9\" rend=\"bracketed\">"
                              "William Phillips, Under Secretary of State.</note> that");
    CU_ASSERT_STRING_EQUAL(b, "I called on Mr. Phillips<note place=\"foot\" n=\"9\" rend=\"bracketed\">"
                              "Fred Morris Dearing, Ambassador.</note> again");
    CU_ASSERT_EQUAL(it.cv.n_footnotes, 2);
    CU_ASSERT_EQUAL(tk_diag_count(it.cv.diag, TK_WARNING), 0);
    free(a);
    free(b);
    tk_itest_free(&it);
}

static void test_missing_and_unused(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_itest_run_at(&it, "retreat is a rational form of struggle.1 But during", 41);
    add_note(&it, "[2] Not printed.", 50, 1);
    tk_inline_finish(&it.cv);
    char *x = tk_itest_dump(it.body->last);
    /* the marker stays empty; the note without marker goes to the notes section, never onto
     * the last paragraph */
    CU_ASSERT_STRING_EQUAL(x, "retreat is a rational form of struggle.<note place=\"foot\" n=\"1\" rend=\"plain\"/> "
                              "But during");
    xmlNodePtr back = it.body->next;
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    char *y = tk_itest_dump(back);
    CU_ASSERT_STRING_EQUAL(y, "<div type=\"notes\"><note place=\"foot\" type=\"unanchored\" n=\"2\">"
                              "Not printed.</note></div>");
    free(y);
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:41:40:footnote-missing:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:50:5:footnote-unused:"));
    free(x);
    tk_itest_free(&it);
}

/* A marker is a footnote when the document has a note with its label: after a figure
 * (`1919[58]`, which the bracket rules read as a corrected figure), lettered (`[12a]`); the
 * lettered note line is a note of its own, not a continuation of the one before. */
static void test_marker_by_label(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    add_note(&it, "[58] The treaty of 1919.", 20, 1);
    add_note(&it, "[12a] A lettered note.", 21, 1);
    add_note(&it, "[12] A plain note.", 22, 1);
    tk_itest_run_at(&it, "signed in 1919[58] and No. 4[7] then.[12a] Back.[12]", 3);
    tk_inline_finish(&it.cv);
    char *x = tk_itest_dump(it.body->last);
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "1919</date><note place=\"foot\" n=\"58\" rend=\"bracketed\">The treaty"));
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "then.<note place=\"foot\" n=\"12a\" rend=\"bracketed\">A lettered note.</note>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "Back.<note place=\"foot\" n=\"12\" rend=\"bracketed\">A plain note.</note>"));
    /* no note 7: the figure's bracket is not a footnote */
    CU_ASSERT_PTR_NULL(strstr(x, "n=\"7\""));
    CU_ASSERT_EQUAL(tk_diag_count(it.cv.diag, TK_WARNING), 0);
    free(x);
    tk_itest_free(&it);
}

/* Ebook endnote references: a number glued to a word, maybe after closing punctuation, is a
 * marker when an endnote list has that number; without such a note it stays text. */
static void test_glued_endnote_marker(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    add_note(&it, "344. Younger brother of Sir Gilbert. \xe2\x86\xa9", 30, 1);
    add_note(&it, "376. A ketch. \xe2\x86\xa9", 31, 1);
    tk_itest_run_at(&it, "Mr. Edward Montagu344 came on the _Paradox_.376 and B52 and Room12 left.", 3);
    tk_inline_finish(&it.cv);
    char *x = tk_itest_dump(it.body->last);
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "Montagu<note place=\"foot\" n=\"344\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "_Paradox_.<note place=\"foot\" n=\"376\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "B52 and Room12 left."));
    free(x);
    tk_itest_free(&it);
}

static void test_note_line_shapes(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    add_note(&it, "[11] Department of State, Press Releases, February 10, 1934, p. 75.", 1, 1);
    add_note(&it, "12. Not printed.", 2, 1);
    add_note(&it, "(13) Ibid.", 3, 1);
    add_note(&it, "[*] It should be noted, however, that about", 4, 1);
    add_note(&it, "continued on a second line", 5, 1); /* continuation of note [*] */
    tk_itest_free(&it);
    tk_itest_init(&it, NULL);
    add_note(&it, "Footnotes:", 1, 0);  /* the label is not a note */
    add_note(&it, "The conversation ended at this.", 2, 0);
    add_note(&it, "1949 was a year", 3, 0);
    tk_itest_free(&it);
}

/* The label form of the notes section ("12." "12)" "(12)") is kept as an @rend token, so the
 * diplomatic view prints it as the source did; "[12]" is the default and adds none. */
static void test_note_label_forms(void)
{
    static const struct {
        const char *line, *rend;
    } cases[] = {
        {"4. An endnote, period style.", "bracketed label-period"},
        {"4) An endnote, parenthesis style.", "bracketed label-paren-close"},
        {"(4) An endnote, parenthesized.", "bracketed label-parenthesized"},
        {"[4] A footnote, bracketed.", "bracketed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tk_itest it;
        tk_itest_init(&it, NULL);
        tk_itest_run_at(&it, "the decision[4] was taken", 3);
        xmlNodePtr p = it.body->last;
        add_note(&it, cases[i].line, 20, 1);
        tk_inline_finish(&it.cv);
        xmlNodePtr note = p->children ? p->children->next : NULL;
        CU_ASSERT_PTR_NOT_NULL_FATAL(note);
        xmlChar *rend = xmlGetProp(note, (const xmlChar *)"rend");
        CU_ASSERT_STRING_EQUAL(rend, cases[i].rend);
        xmlFree(rend);
        tk_itest_free(&it);
    }
}

static void test_timeline_in_front(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_itest_run(&it, "[00:00:02:08] CDR: Roger.");
    tk_inline_finish(&it.cv);
    xmlNodePtr text = it.body->parent;
    CU_ASSERT_STRING_EQUAL((const char *)text->children->name, "front");
    CU_ASSERT_PTR_EQUAL(text->children->children, it.cv.timeline);
    tk_itest_free(&it);
}

/* A fragment (no TEI text element, so no notes division): a note text no marker joins goes
 * at the end of the last element filled at or before its line, with its label's form; the
 * inline pass keeps those elements (cv->inl), the notes store makes the note
 * (tk_footnotes_unanchored). After tk_inline_settle the elements are forgotten. */
static void test_fragment_unanchored(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    it.cv.text = NULL; /* a fragment */
    tk_itest_run_at(&it, "First paragraph.", 3);
    xmlNodePtr p1 = it.body->last;
    tk_itest_run_at(&it, "Second paragraph.", 40);
    add_note(&it, "5. Not anchored.", 20, 1);
    tk_inline_finish(&it.cv);
    char *x = tk_itest_dump(p1);
    CU_ASSERT_STRING_EQUAL(x, "First paragraph.<note place=\"foot\" type=\"unanchored\" n=\"5\" "
                              "rend=\"label-period\">Not anchored.</note>");
    CU_ASSERT_EQUAL(it.cv.n_footnotes, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:20:4:footnote-unused:"));
    free(x);
    /* settled between blocks (no note texts): the elements filled are forgotten, so a note
     * text has no element to go to */
    tk_itest_run_at(&it, "Third paragraph.", 50);
    CU_ASSERT_EQUAL(tk_inline_settle(&it.cv), 1);
    add_note(&it, "6. Nowhere.", 60, 1);
    tk_inline_finish(&it.cv);
    CU_ASSERT_EQUAL(it.cv.n_footnotes, 1);
    char *body = tk_itest_dump(it.body);
    CU_ASSERT_PTR_NULL(strstr(body, "Nowhere"));
    free(body);
    tk_itest_free(&it);
}

/* tk_inline_reset: the next document starts a timeline of its own (the points of the last
 * one forgotten), and markers inside a note text are no markers (in_note) only while it is
 * filled. */
static void test_reset_between_documents(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_itest_run(&it, "[00:00:02:08] CDR: Roger.");
    tk_inline_finish(&it.cv);
    CU_ASSERT_EQUAL(xmlChildElementCount(it.cv.timeline), 2); /* the origin and one point */
    tk_inline_reset(it.cv.inl);
    it.cv.timeline = NULL;
    tk_itest_run(&it, "[00:00:02:08] CDR: Roger again.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(it.cv.timeline);
    CU_ASSERT_EQUAL(xmlChildElementCount(it.cv.timeline), 2);
    xmlFreeNode(it.cv.timeline);
    it.cv.timeline = NULL;
    tk_itest_free(&it);
}

void tk_suite_footnotes(void);
void tk_suite_footnotes(void)
{
    CU_pSuite s = CU_add_suite("footnotes", NULL, NULL);
    CU_add_test(s, "join by number and source order", test_join_by_number_and_order);
    CU_add_test(s, "marker without text, text without marker", test_missing_and_unused);
    CU_add_test(s, "note line shapes", test_note_line_shapes);
    CU_add_test(s, "a note's label makes the marker", test_marker_by_label);
    CU_add_test(s, "glued endnote references", test_glued_endnote_marker);
    CU_add_test(s, "timeline in text/front", test_timeline_in_front);
    CU_add_test(s, "note label forms kept", test_note_label_forms);
    CU_add_test(s, "a fragment's unanchored note", test_fragment_unanchored);
    CU_add_test(s, "the inline state between documents", test_reset_between_documents);
}
