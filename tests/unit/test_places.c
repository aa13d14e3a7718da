/* test_places.c: places and organisations without a gazetteer file: the built-in table,
 * dateline places, "Ministry of X" / "the X Committee" patterns, acronyms defined in the
 * text, and the false positives (longer names, sentence starts, months, persons). */
#include "tk_internal.h"
#include "tk_places.h"
#include "tk_test.h"
#include "tk_test_tei.h"

/* What tk_places_scan marks in text after discovering it, as "P:Form O:Form ..." */
static char found_buf[1024];
static const char *found_text;

static void collect(const tk_place_match *m, void *user)
{
    (void)user;
    size_t k = strlen(found_buf);
    snprintf(found_buf + k, sizeof found_buf - k, "%s%c:%.*s", k ? " " : "",
             m->kind == TK_PLACE ? 'P' : 'O', (int)(m->end - m->start), found_text + m->start);
}

static const char *marks(tk_places *pl, const char *text)
{
    tk_text_para t;
    tk_text_para_init(&t, text, strlen(text));
    tk_places_discover(pl, &t.lines, &t.doc);
    found_buf[0] = '\0';
    found_text = text;
    tk_places_scan(pl, text, strlen(text), 0, collect, NULL);
    return found_buf;
}

static void test_gazetteer_and_false_positives(void)
{
    tk_places *pl = tk_places_new();
    CU_ASSERT_STRING_EQUAL(marks(pl, "He flew from Buenos Aires to New York and on to Ohio."),
                           "P:Buenos Aires P:New York P:Ohio");
    /* a longer capitalised name is no place: newspaper, radio, person, sea */
    CU_ASSERT_STRING_EQUAL(marks(pl, "the Washington Post said; Radio Moscow; the China Sea"), "");
    /* a function word before or after does not make it longer */
    CU_ASSERT_STRING_EQUAL(marks(pl, "Relations With China The end"), "P:China");
    /* inside a word, after a hyphen, lower case */
    CU_ASSERT_STRING_EQUAL(marks(pl, "Sino-Japan, chinaware, france, Parisian"), "");
    tk_places_free(pl);
}

static void test_org_patterns(void)
{
    tk_places *pl = tk_places_new();
    CU_ASSERT_STRING_EQUAL(
        marks(pl, "The Soviet Ministry of Foreign Affairs wrote to the Zorgian Trade Committee."),
        "O:Soviet Ministry of Foreign Affairs O:Zorgian Trade Committee");
    /* sentence starts, months and titles are no modifiers */
    CU_ASSERT_STRING_EQUAL(marks(pl, "Inform Department. In January Council met."), "");
    CU_ASSERT_STRING_EQUAL(marks(pl, "the Department of State August 2"),
                           "O:Department of State");
    /* an acronym defined in the text, then used alone: one organisation */
    CU_ASSERT_STRING_EQUAL(marks(pl, "the Quorian Lumber Guild (QLG) and later the QLG"),
                           "O:Quorian Lumber Guild O:QLG O:QLG");
    /* what a document defined is forgotten in the next */
    CU_ASSERT_STRING_EQUAL(marks(pl, "the QLG met"), "");
    /* initials that do not spell it: no definition */
    CU_ASSERT_STRING_EQUAL(marks(pl, "the Quorian Lumber Guild (XYZ) and the XYZ"), "");
    tk_places_free(pl);
}

static void test_dateline_place(void)
{
    size_t a, b;
    const char *s = "[Bluefields,] May 2, 1934.";
    CU_ASSERT_TRUE(tk_places_dateline(s, strlen(s), &a, &b));
    CU_ASSERT_EQUAL(b - a, 10);
    CU_ASSERT_NSTRING_EQUAL(s + a, "Bluefields", 10);
    s = "New Orleans, La., June 3, 1894";
    CU_ASSERT_TRUE(tk_places_dateline(s, strlen(s), &a, &b));
    CU_ASSERT_NSTRING_EQUAL(s + a, "New Orleans, La.", b - a);
    s = "Memorandum by the Secretary, May 2, 1934";
    CU_ASSERT_FALSE(tk_places_dateline(s, strlen(s), &a, &b));
    s = "May 2, 1934";
    CU_ASSERT_FALSE(tk_places_dateline(s, strlen(s), &a, &b));
}

static void test_converted(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *text = "Memorandum\n\nZembla Harbour, May 2, 1934.\n\n"
                       "The Department of State in Washington heard from Zembla Harbour. "
                       "George Washington would not agree; Mr. Lisbon nodded.\n";
    xmlDocPtr doc = tk_test_convert(text, TK_SHAPE_AUTO, d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    /* the dateline's place, and the same name in running text */
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:placeName[@ref='#place-zembla-harbour'])"),
                           "2"); /* dateline and text (the list has no @ref) */
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:dateline/t:placeName)"), "Zembla Harbour");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "string(//t:body//t:orgName/@ref)"),
                           "#org-department-of-state");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:body//t:placeName[.='Washington'])"), "1");
    /* listed once each in the header */
    CU_ASSERT_STRING_EQUAL(
        tk_xp(doc, "string(//t:settingDesc/t:listPlace/t:place[@xml:id='place-washington'])"),
        "Washington");
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:listOrg/t:org)"), "1");
    /* a person's name is no place: Mr. Lisbon */
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:placeName[.='Lisbon'])"), "0");
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

/* --no-places: nothing marked, nothing listed. */
static void test_no_places(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *text = "Memo\n\nParis, May 2, 1934.\n\nThe Foreign Office in London agreed.\n";
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    o.name = "test.txt";
    xmlDocPtr doc = tk_convert_memory(text, strlen(text), &o, d);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:placeName | //t:orgName)"), "6"); /* 3 + 3 listed */
    xmlFreeDoc(doc);
    o.no_places = 1;
    doc = tk_convert_memory(text, strlen(text), &o, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(tk_xp(doc, "count(//t:placeName | //t:orgName | //t:listPlace)"), "0");
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

void tk_suite_places(void);
void tk_suite_places(void)
{
    CU_pSuite s = CU_add_suite("places", NULL, NULL);
    CU_add_test(s, "built-in places, longer names are no places", test_gazetteer_and_false_positives);
    CU_add_test(s, "organisation patterns and acronyms", test_org_patterns);
    CU_add_test(s, "the place of a dateline", test_dateline_place);
    CU_add_test(s, "placeName/orgName in the TEI and the header's lists", test_converted);
    CU_add_test(s, "--no-places", test_no_places);
}
