/* test_thresholds.c: the heuristic thresholds table (tools/thresholds.h) is sane: each range's
 * bounds are ordered, tenths are fractions, and limits that must agree do. */
#include "tk_internal.h"
#include "tk_test.h"

static void test_ranges(void)
{
    CU_ASSERT(TK_TH_HEARING_LABEL_MIN_WORDS >= 1);
    CU_ASSERT(TK_TH_HEARING_LABEL_MIN_WORDS <= TK_TH_HEARING_LABEL_MAX_WORDS);
    CU_ASSERT(TK_TH_HEADING_MIN_BYTES >= 1);
    CU_ASSERT(TK_TH_HEADING_MIN_BYTES < TK_TH_HEADING_MAX_BYTES);
    /* a mixed-case label is held to fewer words than one in capitals, never more */
    CU_ASSERT(TK_TH_LABEL_MIXED_MAX_WORDS <= TK_TH_LABEL_MAX_WORDS);
    CU_ASSERT(TK_TH_HEARING_LABEL_MAX_WORDS <= TK_TH_LABEL_MAX_WORDS);
    /* a role in parentheses fits in a label */
    CU_ASSERT(TK_TH_LABEL_ROLE_MAX_BYTES < TK_TH_LABEL_MAX_BYTES);
    /* a speaker alone on a line is as long as a label's name at most */
    CU_ASSERT(TK_TH_PLAY_SPEAKER_MAX_BYTES <= TK_TH_LABEL_MAX_BYTES);
    /* a heading is shorter than a title, an act's run-on shorter than its whole line */
    CU_ASSERT(TK_TH_HEADING_MAX_BYTES <= TK_TH_TITLE_MAX_BYTES);
    CU_ASSERT(TK_TH_PLAY_ACT_TAIL_MAX_BYTES < TK_TH_PLAY_HEAD_MAX_BYTES);
}

static void test_fractions(void)
{
    CU_ASSERT(TK_TH_HEADING_CAPS_TENTHS >= 1 && TK_TH_HEADING_CAPS_TENTHS <= 10);
    CU_ASSERT(TK_TH_TITLE_CAPS_TENTHS >= 1 && TK_TH_TITLE_CAPS_TENTHS <= 10);
    /* a title allows more function words than a heading, not fewer */
    CU_ASSERT(TK_TH_TITLE_CAPS_TENTHS <= TK_TH_HEADING_CAPS_TENTHS);
}

static void test_counts(void)
{
    /* evidence needs at least two of a thing; a full clue more than its minimum */
    CU_ASSERT(TK_TH_SHAPE_DENSITY_MIN_LABELS >= 2);
    CU_ASSERT(TK_TH_SHAPE_MIN_TAB_ROWS >= 2);
    CU_ASSERT(TK_TH_SHAPE_MIN_REPEATS >= 2);
    CU_ASSERT(TK_TH_ROSTER_MIN_ENTRIES >= 2);
    CU_ASSERT(TK_TH_SHAPE_LABEL_COUNT_FULL > TK_TH_SHAPE_DENSITY_MIN_LABELS);
    /* the shape sample holds many paragraphs of prose */
    CU_ASSERT(TK_TH_SHAPE_SAMPLE_BYTES >= 100u * TK_TH_SHAPE_PROSE_MIN_BYTES);
}

void tk_suite_thresholds(void);
void tk_suite_thresholds(void)
{
    CU_pSuite s = CU_add_suite("thresholds", NULL, NULL);
    CU_add_test(s, "ranges are ordered", test_ranges);
    CU_add_test(s, "tenths are fractions", test_fractions);
    CU_add_test(s, "counts are evidence", test_counts);
}
