/* test_records.c: what a line of a record says (records.c): closing formulas, the line
 * that says for whom a letter is signed, bracketed signatures; with their near misses. */
#include "tk_internal.h"
#include "tk_test.h"

#define S(x) (x), strlen(x)

static void test_closing(void)
{
    /* formulas written out and abbreviated with "etc." */
    CU_ASSERT_TRUE(tk_rec_closing(S("I have the honor to be, Sir, Your obedient servant,")));
    CU_ASSERT_TRUE(tk_rec_closing(S("I have, etc.,")));
    CU_ASSERT_TRUE(tk_rec_closing(S("I am [etc.]")));
    CU_ASSERT_TRUE(tk_rec_closing(S("Accept [etc.]")));
    CU_ASSERT_TRUE(tk_rec_closing(S("I avail myself [etc.]")));
    CU_ASSERT_TRUE(tk_rec_closing(S("With kindest regards [etc.]")));
    CU_ASSERT_TRUE(tk_rec_closing(S("With renewed assurances, etc.,")));
    CU_ASSERT_TRUE(tk_rec_closing(S("I have the honor, etc.,")));
    CU_ASSERT_TRUE(tk_rec_closing(S("Very sincerely yours,")));
    CU_ASSERT_TRUE(tk_rec_closing(S("Yours, etc.,")));
    /* near misses: a letter's opening, a long sentence ending in etc., lower case */
    CU_ASSERT_FALSE(tk_rec_closing(S("I have the honor to acknowledge your note of May 3.")));
    CU_ASSERT_FALSE(tk_rec_closing(S("The cargo held coffee, sugar, hides, rubber, indigo, "
                                     "timber, tobacco, cotton, cocoa, etc.")));
    CU_ASSERT_FALSE(tk_rec_closing(S("and so on, etc.")));
    CU_ASSERT_FALSE(tk_rec_closing(S("Repeated to London.")));
}

static void test_signing_for(void)
{
    CU_ASSERT_TRUE(tk_rec_signing_for(S("For the Secretary of State:")));
    CU_ASSERT_TRUE(tk_rec_signing_for(S("For the Ambassador:")));
    CU_ASSERT_TRUE(tk_rec_signing_for(S("By order of:")));
    CU_ASSERT_FALSE(tk_rec_signing_for(S("For the Secretary of State")));   /* no colon */
    CU_ASSERT_FALSE(tk_rec_signing_for(S("For these reasons:")));           /* not "For the " */
    CU_ASSERT_FALSE(tk_rec_signing_for(S("For the following reasons the Government has "
                                         "decided, after a long deliberation, as follows:")));
}

static void test_office_line(void)
{
    CU_ASSERT_TRUE(tk_rec_office_line(S("Secretary of State")));
    CU_ASSERT_TRUE(tk_rec_office_line(S("American Ambassador")));
    CU_ASSERT_TRUE(tk_rec_office_line(S("Counselor of Embassy")));
    CU_ASSERT_TRUE(tk_rec_office_line(S("Acting Secretary of the Navy.")));
    CU_ASSERT_TRUE(tk_rec_office_line(S("Charg\xc3\xa9 d'Affaires ad interim")));
    CU_ASSERT_FALSE(tk_rec_office_line(S("Regent Tomorrow Morning")));     /* no office word */
    CU_ASSERT_FALSE(tk_rec_office_line(S("and the others agreed")));       /* lower case */
    CU_ASSERT_FALSE(tk_rec_office_line(S("The Secretary agreed at once."))); /* a sentence */
    CU_ASSERT_FALSE(tk_rec_office_line(S("Mr. Bingham to General Lacayo."))); /* a title */
    CU_ASSERT_FALSE(tk_rec_office_line(S("Secretary 1934")));              /* digits */
}

static void test_bracket_signature(void)
{
    CU_ASSERT_TRUE(tk_rec_bracket_signature(S("[Francis]")));
    CU_ASSERT_TRUE(tk_rec_bracket_signature(S("[Des Portes]")));
    CU_ASSERT_TRUE(tk_rec_bracket_signature(S("[File copy not signed.]")));
    CU_ASSERT_FALSE(tk_rec_bracket_signature(S("[Not printed.]")));
    CU_ASSERT_FALSE(tk_rec_bracket_signature(S("[Received 5 p.m.]")));
    CU_ASSERT_FALSE(tk_rec_bracket_signature(S("Francis")));
}

static void test_outline_heading(void)
{
    CU_ASSERT_TRUE(tk_rec_outline_heading(S("ITEM 7.")));
    CU_ASSERT_TRUE(tk_rec_outline_heading(S("Agenda item 1.A.:")));
    CU_ASSERT_TRUE(tk_rec_outline_heading(S("Agenda item 1.A.: Opening remarks")));
    CU_ASSERT_TRUE(tk_rec_outline_heading(S("AGENDA ITEM 4: CHANGES IN THE STAFF")));
    CU_ASSERT_TRUE(tk_rec_outline_heading(S("PART II")));
    CU_ASSERT_TRUE(tk_rec_outline_heading(S("Section 3(a)")));
    /* near misses: sentences that start with a label word */
    CU_ASSERT_FALSE(tk_rec_outline_heading(S("Item 3 was approved without debate.")));
    CU_ASSERT_FALSE(tk_rec_outline_heading(S("Item 7. The harbour dues were raised.")));
    CU_ASSERT_FALSE(tk_rec_outline_heading(S("Part of the cargo was lost.")));
    CU_ASSERT_FALSE(tk_rec_outline_heading(S("Section 5 of the Act applies.")));
    CU_ASSERT_FALSE(tk_rec_outline_heading(S("Items of the agenda")));
}

static void test_person_line(void)
{
    CU_ASSERT_TRUE(tk_rec_person_line(S("Geo. D. Emery")));
    CU_ASSERT_TRUE(tk_rec_person_line(S("Henri de Bayle")));
    CU_ASSERT_TRUE(tk_rec_person_line(S("James Brown")));
    CU_ASSERT_TRUE(tk_rec_person_line(S("Afranio de Mello Franco")));
    /* headings of the same shape */
    CU_ASSERT_FALSE(tk_rec_person_line(S("General Considerations")));
    CU_ASSERT_FALSE(tk_rec_person_line(S("Nature of Bank Notes")));
    CU_ASSERT_FALSE(tk_rec_person_line(S("Memorandum")));
    CU_ASSERT_FALSE(tk_rec_person_line(S("Additional Act")));
}

static void test_classification(void)
{
    CU_ASSERT_TRUE(tk_rec_classification(S("SECRET")));
    CU_ASSERT_TRUE(tk_rec_classification(S("MOST SECRET")));
    CU_ASSERT_TRUE(tk_rec_classification(S("TOP SECRET")));
    CU_ASSERT_TRUE(tk_rec_classification(S("Confidential")));
    CU_ASSERT_TRUE(tk_rec_classification(S("Strictly Confidential.")));
    CU_ASSERT_TRUE(tk_rec_classification(S("LIMITED OFFICIAL USE")));
    CU_ASSERT_TRUE(tk_rec_classification(S("Secret; Nodis")));
    CU_ASSERT_TRUE(tk_rec_classification(S("SECRET/NOFORN")));
    /* near misses: a sentence, a speaker label, a word of the vocabulary without a mark */
    CU_ASSERT_FALSE(tk_rec_classification(S("Secret talks were held in May.")));
    CU_ASSERT_FALSE(tk_rec_classification(S("SECRETARY KISSINGER:")));
    CU_ASSERT_FALSE(tk_rec_classification(S("PERSONAL")));
    CU_ASSERT_FALSE(tk_rec_classification(S("secret")));
}

static void test_series_number(void)
{
    CU_ASSERT_TRUE(tk_rec_series_number(S("Treaty Series No. 898")));
    CU_ASSERT_TRUE(tk_rec_series_number(S("Executive Agreement Series No. 64")));
    CU_ASSERT_FALSE(tk_rec_series_number(S("Treaty Series No. 898 and the Protocol")));
    CU_ASSERT_FALSE(tk_rec_series_number(S("the Series No. 4 was printed")));
}

static void test_certification(void)
{
    CU_ASSERT_TRUE(tk_rec_certification(S("This is a true copy.")));
    CU_ASSERT_TRUE(tk_rec_certification(S("I certify the above to be a true translation.")));
    CU_ASSERT_TRUE(tk_rec_certification(S("A true copy. Managua, April 3, 1894.")));
    CU_ASSERT_TRUE(tk_rec_certification(S("Certified to be a correct copy:")));
    CU_ASSERT_FALSE(tk_rec_certification(S("I certify that on the night of the 5th I met the consul.")));
    CU_ASSERT_FALSE(tk_rec_certification(S("this is a true copy.")));
    CU_ASSERT_FALSE(tk_rec_certification(
        S("The statement made by the captain on the night of the storm, which he swore before "
          "the consul, is not a true copy of the log.")));
}

static void test_type_line(void)
{
    CU_ASSERT_TRUE(tk_rec_type_line(S("Telegram")));
    CU_ASSERT_TRUE(tk_rec_type_line(S("TELEGRAM SENT")));
    CU_ASSERT_TRUE(tk_rec_type_line(S("Telegram Received.")));
    CU_ASSERT_TRUE(tk_rec_type_line(S("Paraphrase of Telegram Received")));
    CU_ASSERT_TRUE(tk_rec_type_line(S("Airgram")));
    CU_ASSERT_FALSE(tk_rec_type_line(S("Telegram From the Embassy in Zenda")));
    CU_ASSERT_FALSE(tk_rec_type_line(S("7. Telegram")));
    CU_ASSERT_FALSE(tk_rec_type_line(S("Telegrams were sent daily.")));
}

static void test_quotation_marks(void)
{
    CU_ASSERT_TRUE(tk_rec_quote_lead(S("The resolution reads as follows:")));
    CU_ASSERT_TRUE(tk_rec_quote_lead(S("He wrote as follows:\xe2\x80\x94")));
    CU_ASSERT_FALSE(tk_rec_quote_lead(S("He wrote as follows.")));
    CU_ASSERT_EQUAL(tk_rec_quote_opens(S("\xe2\x80\x9cThe board resolves")), 1);
    CU_ASSERT_EQUAL(tk_rec_quote_opens(S("\"The board resolves")), 3);
    CU_ASSERT_EQUAL(tk_rec_quote_opens(S("The board resolves")), 0);
    CU_ASSERT_TRUE(tk_rec_quote_closes(S("to the town.\xe2\x80\x9d"), 1));
    CU_ASSERT_TRUE(tk_rec_quote_closes(S("may not be rejected\xe2\x80\x9d."), 1));
    CU_ASSERT_FALSE(tk_rec_quote_closes(S("to the town."), 1));
    /* a quotation closed inside the line, not at its end */
    CU_ASSERT_TRUE(tk_rec_quote_closes_early(S("\xe2\x80\x9cNothing,\xe2\x80\x9d he wrote."), 1, 1));
    CU_ASSERT_FALSE(tk_rec_quote_closes_early(S("the town.\xe2\x80\x9d"), 1, 1));
    CU_ASSERT_TRUE(tk_rec_quote_closes_early(S("the town.\xe2\x80\x9d"), 1, 0));
    /* an apostrophe is no closing single mark */
    CU_ASSERT_FALSE(tk_rec_quote_closes_early(S("the Department\xe2\x80\x99s view"), 2, 1));
}

/* The parse's memo: a question about a line of the parsed text is answered once; bytes
 * elsewhere (a copy of the line) and questions outside a parse are answered each time; a
 * parse inside a parse keeps its own answers and gives the outer ones back. */
static int memo_calls;
static int memo_test(const char *s, size_t len)
{
    memo_calls++;
    return (int)len + (s[0] == 'D');
}

static void test_parse_memo(void)
{
    const char *text = "Dateline, May 1, 1900.\nSecond line";
    tk_line v[2] = {{text, 22, 1, 0}, {text + 23, 11, 2, 23}};
    tk_lines L = {NULL, v, 2};
    char copy[32];
    memcpy(copy, text, 22);
    memo_calls = 0;
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(memo_calls, 2); /* no parse: no memo */
    tk_rec_memo_begin(&L);
    memo_calls = 0;
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(memo_calls, 1);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 10, memo_test), 11); /* another length */
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_SIGNATURE, text, 10, memo_test), 11); /* another question */
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text + 23, 11, memo_test), 11);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text + 23, 11, memo_test), 11);
    CU_ASSERT_EQUAL(memo_calls, 4);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, copy, 22, memo_test), 23);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, copy, 22, memo_test), 23);
    CU_ASSERT_EQUAL(memo_calls, 6); /* not the parsed text */
    tk_line w[1] = {{copy, 22, 1, 0}};
    tk_lines M = {NULL, w, 1};
    tk_rec_memo_begin(&M);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, copy, 22, memo_test), 23);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, copy, 22, memo_test), 23);
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(memo_calls, 8); /* the inner parse's text only */
    tk_rec_memo_end();
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(memo_calls, 9); /* (the slot has held the first 10 bytes since) */
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(memo_calls, 9);
    tk_rec_memo_end();
    CU_ASSERT_EQUAL(tk_rec_memo(TK_MEMO_DATELINE, text, 22, memo_test), 23);
    CU_ASSERT_EQUAL(memo_calls, 10);
    /* the memoized tests answer as before */
    CU_ASSERT_EQUAL(tk_rec_closing("I have the honor to be, Sir, your obedient servant,", 51), 1);
    CU_ASSERT_EQUAL(tk_rec_signature("W. R. Castle, Jr.", 17), 1);
    CU_ASSERT_EQUAL(tk_rec_series_number("Treaty Series No. 898", 21), 1);
}

void tk_suite_records(void);
void tk_suite_records(void)
{
    CU_pSuite s = CU_add_suite("records", NULL, NULL);
    CU_add_test(s, "closing formulas", test_closing);
    CU_add_test(s, "for whom a letter is signed", test_signing_for);
    CU_add_test(s, "bracketed signatures", test_bracket_signature);
    CU_add_test(s, "a signer's office line", test_office_line);
    CU_add_test(s, "outline headings", test_outline_heading);
    CU_add_test(s, "a person's name on a line", test_person_line);
    CU_add_test(s, "classification lines", test_classification);
    CU_add_test(s, "series numbers", test_series_number);
    CU_add_test(s, "copy certificates", test_certification);
    CU_add_test(s, "document type lines", test_type_line);
    CU_add_test(s, "quotation marks of block quotations", test_quotation_marks);
    CU_add_test(s, "the parse's memo of line tests", test_parse_memo);
}
