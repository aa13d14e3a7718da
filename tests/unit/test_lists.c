/* test_lists.c: the list marker grammar (tk_list_marker), which marker follows which
 * (tk_list_marker_follows) and which opens a list (tk_list_marker_first), near-misses
 * included. */
#include "tk_internal.h"
#include "tk_test.h"

/* The marker s starts with (m zeroed when none): 1 when there is one. */
static int mark(const char *s, tk_lmark *m)
{
    return tk_list_marker(s, strlen(s), m);
}

static void test_forms(void)
{
    tk_lmark m;
    CU_ASSERT(mark("1. The quay.", &m) && m.kind == TK_LM_DIGIT && m.num == 1 && m.close == '.' &&
              m.mlen == 2 && m.text == 3);
    CU_ASSERT(mark("12) fees", &m) && m.num == 12 && m.close == ')' && m.mlen == 3);
    CU_ASSERT(mark("(3) fees", &m) && m.kind == TK_LM_DIGIT && m.num == 3 && m.close == '(');
    CU_ASSERT(mark("(10) fees", &m) && m.num == 10 && m.mlen == 4);
    CU_ASSERT(mark("(c) fees", &m) && m.kind == TK_LM_LETTER && m.num == 3 && m.rom == 0);
    CU_ASSERT(mark("b) fees", &m) && m.num == 2 && m.close == ')');
    CU_ASSERT(mark("a. roads", &m) && m.num == 1 && m.close == '.');
    CU_ASSERT(mark("(i) fees", &m) && m.kind == TK_LM_LETTER && m.num == 9 && m.rom == 1);
    CU_ASSERT(mark("iv. fees", &m) && m.kind == TK_LM_ROMAN && m.num == 4);
    CU_ASSERT(mark("(xii) fees", &m) && m.kind == TK_LM_ROMAN && m.num == 12);
    CU_ASSERT(mark("(B) fees", &m) && m.kind == TK_LM_LETTER && m.num == 2 && m.upper);
    CU_ASSERT(mark("(IV) fees", &m) && m.kind == TK_LM_ROMAN && m.num == 4 && m.upper);
    CU_ASSERT(mark("2d. fees", &m) && m.kind == TK_LM_DIGIT && m.num == 2 && m.mlen == 3);
    CU_ASSERT(mark("1st. fees", &m) && m.num == 1 && m.mlen == 4);
    CU_ASSERT(mark("(6): fees", &m) && m.num == 6 && m.mlen == 4 && m.text == 5);
    CU_ASSERT(mark("- fees", &m) && m.kind == TK_LM_BULLET && m.mlen == 1);
    CU_ASSERT(mark("\xe2\x80\xa2 fees", &m) && m.kind == TK_LM_BULLET && m.mlen == 3);
    /* an ordinal number in parentheses; a number and a colon (weak: `2:` must follow) */
    CU_ASSERT(mark("(1st) Bolivian Government accepts.", &m) && m.num == 1 && m.close == '(' &&
              m.mlen == 5 && tk_list_marker_first(&m));
    CU_ASSERT(mark("(2d) The Government asks.", &m) && m.num == 2 && m.mlen == 4);
    CU_ASSERT(mark("1: The best estimates are these.", &m) && m.num == 1 && m.close == ':' &&
              m.weak && m.text == 3);
    /* a number the editor supplied in brackets: the bracket is the label */
    CU_ASSERT(mark("[4.] The Minister said so.", &m) && m.kind == TK_LM_DIGIT && m.num == 4 &&
              m.close == '.' && m.mlen == 4 && m.text == 5);
    CU_ASSERT(mark("[2.?] Luxemburg is the only one.", &m) && m.num == 2 && m.mlen == 5);
    CU_ASSERT(mark("[(k)] The tariff stands.", &m) && m.kind == TK_LM_LETTER && m.num == 11 &&
              m.close == '(' && m.mlen == 5);
    CU_ASSERT_FALSE(mark("[1] The decree was dated April 18.", &m)); /* a note's label */
    /* a misprinted number and the editor's correction: the list reads the correction */
    CU_ASSERT(mark("6 [5?]. It would help me.", &m) && m.num == 5 && m.close == '.' && m.mlen == 7 &&
              m.text == 8);
    CU_ASSERT_FALSE(mark("6 [see above]. x", &m));
    CU_ASSERT_FALSE(mark("[Page 12] text", &m));
    CU_ASSERT_FALSE(mark("[sic] text", &m));
    /* a marker alone on its line: its text is the next paragraph */
    CU_ASSERT(mark("(1)", &m) && m.text == 3);
    CU_ASSERT(mark("7.  ", &m) && m.text == 2);
    /* a word marker stays in the item's text */
    CU_ASSERT(mark("Article 2. The parties agree.", &m) && m.kind == TK_LM_WORD && m.num == 2 &&
              m.text == 0 && m.mlen == 10);
    CU_ASSERT(mark("Art. IV. The parties agree.", &m) && m.kind == TK_LM_WORD && m.num == 4);
    CU_ASSERT(mark("ARTICLE 3. The parties agree.", &m) && m.num == 3);
    CU_ASSERT(mark("Second. We parted.", &m) && m.kind == TK_LM_WORD && m.num == 2 && m.word == -1);
    /* upper case outside parentheses: before a dash, or a numeral alone */
    CU_ASSERT(mark("XI \xe2\x80\x94Now, Brazil", &m) && m.kind == TK_LM_ROMAN && m.num == 11 &&
              m.mlen == 2 && m.text == 3 && m.upper);
    CU_ASSERT(mark("B \xe2\x80\x94The Council", &m) && m.kind == TK_LM_LETTER && m.num == 2);
    CU_ASSERT(mark("XII", &m) && m.num == 12 && m.text == 3);
    /* a numeral alone is a section number unless a list is open: it opens none */
    CU_ASSERT(mark("I", &m) && m.weak && !tk_list_marker_first(&m));
    CU_ASSERT(mark("II.", &m) && m.num == 2 && m.close == '.' && m.text == 3 && m.weak);
    CU_ASSERT(mark("II. Twenty-four hours later", &m) && m.kind == TK_LM_ROMAN && m.num == 2 &&
              m.close == '.' && m.mlen == 3 && m.text == 4 && m.upper && m.weak);
    CU_ASSERT(mark("I \xe2\x80\x94The study", &m) && !m.weak && tk_list_marker_first(&m));
    CU_ASSERT_FALSE(mark("A", &m));            /* a letter alone: no */
    CU_ASSERT_FALSE(mark("MEMORANDUM", &m));
    CU_ASSERT_FALSE(mark("XI Corps moved", &m));
    CU_ASSERT_FALSE(mark("SECRET \xe2\x80\x94 noon", &m));
    /* a numbered paragraph of a quotation: the mark and the number stay in the text */
    CU_ASSERT(mark("\xe2\x80\x9c" "2. To consult.", &m) && m.kind == TK_LM_DIGIT && m.num == 2 &&
              m.quoted && m.text == 0 && m.mlen == 5);
    CU_ASSERT(mark("\"(b) To consult.", &m) && m.num == 2 && m.quoted && m.mlen == 4);
    /* a quoted article or ordinal: the mark, the word and the number stay in the text */
    CU_ASSERT(mark("\xe2\x80\x9c" "Article 1. Peru deplores", &m) && m.kind == TK_LM_WORD &&
              m.num == 1 && m.quoted && m.text == 0 && m.mlen == 13);
    CU_ASSERT_FALSE(mark("\xe2\x80\x9c" "1.", &m)); /* no text */
    CU_ASSERT_FALSE(mark("\xe2\x80\x9c" "XII. A Neutral Commission", &m)); /* a weak one */
    CU_ASSERT_FALSE(mark("\xe2\x80\x9c" "- To consult.", &m));
    CU_ASSERT_FALSE(mark("\"1934. The year\"", &m));
}

static void test_near_misses(void)
{
    tk_lmark m;
    CU_ASSERT_FALSE(mark("1934. The year opened badly.", &m)); /* a year */
    CU_ASSERT_FALSE(mark("1.5 million dollars were paid.", &m));
    CU_ASSERT_FALSE(mark("1.The quay", &m));           /* no space */
    CU_ASSERT_FALSE(mark("A. Smith called.", &m));     /* an initial */
    /* an upper-case roman numeral and a period: an initial or a number; it opens no list by
       itself (the next marker must follow it: `I. ...` then `II. ...`) */
    CU_ASSERT(mark("I. Sverdlov", &m) && m.weak && !tk_list_marker_first(&m));
    CU_ASSERT_FALSE(mark("V. a lower-case word", &m));
    CU_ASSERT_FALSE(mark("etc. and so on", &m));       /* a word */
    CU_ASSERT_FALSE(mark("viz. the quay", &m));
    CU_ASSERT_FALSE(mark("(see above) the quay", &m));
    CU_ASSERT_FALSE(mark("(1 the quay", &m));
    CU_ASSERT_FALSE(mark("-5 degrees", &m));
    CU_ASSERT_FALSE(mark("Article 5 of the treaty says so.", &m)); /* no period */
    CU_ASSERT_FALSE(mark("Article 5.", &m));                     /* no text */
    /* `First,` `First:` `First;`: a sentence unless `Second,` follows: a weak marker */
    CU_ASSERT(mark("First, we met.", &m) && m.weak && !tk_list_marker_first(&m));
    CU_ASSERT(mark("First: That the parties agree.", &m) && m.weak && m.close == ':' && m.text == 0);
    CU_ASSERT_FALSE(mark("Firstly. We met.", &m));
    CU_ASSERT_FALSE(mark("-", &m));                              /* a bullet needs text */
    CU_ASSERT_FALSE(mark("* * * * * *", &m));                    /* an omission */
    CU_ASSERT_FALSE(mark("- - -", &m));
    CU_ASSERT_FALSE(mark("", &m));
}

static void test_follows(void)
{
    tk_lmark a, b;
    mark("(1) x", &a);
    CU_ASSERT(mark("(2) y", &b) && tk_list_marker_follows(&a, &b));
    CU_ASSERT(mark("(3) y", &b) && !tk_list_marker_follows(&a, &b));
    CU_ASSERT(mark("2. y", &b) && !tk_list_marker_follows(&a, &b)); /* another punctuation */
    mark("(h) x", &a);
    CU_ASSERT(mark("(i) y", &b) && tk_list_marker_follows(&a, &b)); /* letters */
    mark("(i) x", &a);
    CU_ASSERT(mark("(ii) y", &b) && tk_list_marker_follows(&a, &b)); /* numerals */
    CU_ASSERT(mark("(j) y", &b) && tk_list_marker_follows(&a, &b));
    mark("Article 1. x", &a);
    CU_ASSERT(mark("Article 2. y", &b) && tk_list_marker_follows(&a, &b));
    CU_ASSERT(mark("Section 2. y", &b) && !tk_list_marker_follows(&a, &b));
    mark("First; x", &a);
    CU_ASSERT(mark("Second; y", &b) && tk_list_marker_follows(&a, &b));
    CU_ASSERT(mark("Second. y", &b) && !tk_list_marker_follows(&a, &b));
    mark("No. I. The commissioner will organize a police.", &a);
    CU_ASSERT(a.kind == TK_LM_WORD && a.num == 1 && a.text == 0);
    CU_ASSERT(mark("No. II. The council.", &b) && tk_list_marker_follows(&a, &b));
    CU_ASSERT_FALSE(mark("No. 240", &b)); /* a telegram's number */
    CU_ASSERT(tk_list_glued_first("11. 1. For Reuben Clark.", 24, &a) && a.num == 1);
    CU_ASSERT(tk_list_glued_first("\xe2\x80\x9c" "7. First. We defer to you.", 28, &a) && a.word == -1);
    CU_ASSERT(tk_list_glued_first("Sir: (1) In my last letter.", 27, &a) && a.close == '(');
    CU_ASSERT_FALSE(tk_list_glued_first("Sir: (2) In my last letter.", 27, &a)); /* not a first */
    CU_ASSERT_FALSE(tk_list_glued_first("The report of the commission of 1931 was read. 1. Text", 54, &a)); /* too far in */
    mark("First. x", &a);
    CU_ASSERT(mark("Second. y", &b) && tk_list_marker_follows(&a, &b));
    mark("- x", &a);
    CU_ASSERT(mark("- y", &b) && tk_list_marker_follows(&a, &b));
    CU_ASSERT(mark("* y", &b) && !tk_list_marker_follows(&a, &b));
    mark("XI \xe2\x80\x94x", &a);
    CU_ASSERT(mark("XII", &b) && tk_list_marker_follows(&a, &b));
    mark("I. Hostilities to cease", &a);
    CU_ASSERT(mark("II. Evacuation to begin", &b) && tk_list_marker_follows(&a, &b));
    CU_ASSERT(mark("II.", &b) && tk_list_marker_follows(&a, &b));
    CU_ASSERT(mark("II \xe2\x80\x94y", &b) && !tk_list_marker_follows(&a, &b));
    mark("\xe2\x80\x9c" "Article 1. x", &a);
    CU_ASSERT(mark("Article 2. y", &b) && tk_list_marker_follows(&a, &b));
    mark("[(k)] x", &a);
    CU_ASSERT(mark("(l) y", &b) && tk_list_marker_follows(&a, &b));
    mark("1: x", &a);
    CU_ASSERT(mark("2: y", &b) && tk_list_marker_follows(&a, &b));
    mark("(A) x", &a);
    CU_ASSERT(mark("(b) y", &b) && !tk_list_marker_follows(&a, &b)); /* another case */
}

static void test_first(void)
{
    tk_lmark m;
    CU_ASSERT(mark("1. x", &m) && tk_list_marker_first(&m));
    CU_ASSERT(mark("(a) x", &m) && tk_list_marker_first(&m));
    CU_ASSERT(mark("i) x", &m) && tk_list_marker_first(&m));
    CU_ASSERT(mark("First. x", &m) && tk_list_marker_first(&m));
    CU_ASSERT(mark("- x", &m) && tk_list_marker_first(&m));
    CU_ASSERT(mark("28. x", &m) && !tk_list_marker_first(&m)); /* a telegram's number */
    CU_ASSERT(mark("(b) x", &m) && !tk_list_marker_first(&m));
}

/* Roman numerals read exactly (canonical forms only, tens then units, either case): the
 * value of every numeral 1..39 and the near-misses. */
static void test_roman(void)
{
    static const char *const units[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    static const char *const tens[] = {"", "x", "xx", "xxx"};
    tk_lmark m;
    for (int t = 0; t < 4; t++)
        for (int u = 0; u < 10; u++) {
            char buf[32];
            int v = t * 10 + u;
            if (v == 0 || strlen(tens[t]) + strlen(units[u]) > 6)
                continue;
            snprintf(buf, sizeof buf, "(%s%s) fees", tens[t], units[u]);
            int ok = mark(buf, &m) && m.rom == v;
            CU_ASSERT(ok);
            if (!ok)
                fprintf(stderr, "roman %s: rom %d, want %d\n", buf, m.rom, v);
        }
    CU_ASSERT(mark("(XXXIX) fees", &m) && m.num == 39 && m.upper);
    CU_ASSERT(mark("(xix) fees", &m) && m.num == 19);
    CU_ASSERT(!mark("(xxxx) fees", &m));  /* four tens: no canonical numeral */
    CU_ASSERT(!mark("(iiii) fees", &m));
    CU_ASSERT(!mark("(vx) fees", &m));
    CU_ASSERT(!mark("(ivx) fees", &m));
    CU_ASSERT(!mark("(xl) fees", &m));    /* l is no letter of these numerals */
    CU_ASSERT(mark("(x) fees", &m) && m.kind == TK_LM_LETTER && m.rom == 10);
    CU_ASSERT(mark("(v) fees", &m) && m.rom == 5);
    CU_ASSERT(mark("(w) fees", &m) && m.rom == 0);
}

void tk_suite_lists(void);
void tk_suite_lists(void)
{
    CU_pSuite s = CU_add_suite("lists", NULL, NULL);
    CU_add_test(s, "marker forms", test_forms);
    CU_add_test(s, "near-misses", test_near_misses);
    CU_add_test(s, "roman numerals", test_roman);
    CU_add_test(s, "which marker follows which", test_follows);
    CU_add_test(s, "which marker opens a list", test_first);
}
