/* test_captions.c: which inputs are captions (tk_captions_detect), near-misses included, and
 * tk_shape_from_name / tk_shape_name for the captions shape. */
#include "tk_internal.h"
#include "tk_test.h"

/* 1 when text is detected as captions. */
static int detect(const char *text)
{
    tk_capture c;
    tk_lines L = {0};
    tk_diag *d = tk_test_diag(&c);
    int r = -1;
    if (tk_read_lines(text, strlen(text), NULL, "t.txt", d, &L) == 0)
        r = tk_captions_detect(&L);
    tk_lines_free(&L);
    tk_diag_free(d);
    return r;
}

static void test_detect(void)
{
    CU_ASSERT_EQUAL(detect("WEBVTT\n\n00:01.000 --> 00:02.000\nHi.\n"), 1);
    CU_ASSERT_EQUAL(detect("WEBVTT - Title\n"), 1);
    CU_ASSERT_EQUAL(detect("WEBVTT\tx\n"), 1);
    CU_ASSERT_EQUAL(detect("1\n00:00:01,000 --> 00:00:04,000\nHi.\n"), 1);
    CU_ASSERT_EQUAL(detect("\n\n12\n00:00:01.000 --> 00:00:04.000 align:start\nHi.\n"), 1);
    /* near-misses */
    CU_ASSERT_EQUAL(detect("WEBVTTS\n\n00:01.000 --> 00:02.000\nHi.\n"), 0);
    CU_ASSERT_EQUAL(detect(" WEBVTT\n"), 0);
    CU_ASSERT_EQUAL(detect("The file began:\n00:00:01,000 --> 00:00:04,000\n"), 0);
    CU_ASSERT_EQUAL(detect("1\n00:00:01 --> 00:00:04\nno milliseconds\n"), 0);
    CU_ASSERT_EQUAL(detect("1\n00:00:01,000 -> 00:00:04,000\n"), 0);
    CU_ASSERT_EQUAL(detect("1\n00:61:01,000 --> 00:00:04,000\n"), 0);
    CU_ASSERT_EQUAL(detect("1\n00:00:01,000 --> 00:00:04,000x\n"), 0);
    CU_ASSERT_EQUAL(detect("1. Introduction\n00:00:01,000 --> 00:00:04,000\n"), 0);
    CU_ASSERT_EQUAL(detect(""), 0);
}

static void test_names(void)
{
    CU_ASSERT_EQUAL(tk_shape_from_name("captions"), TK_SHAPE_CAPTIONS);
    CU_ASSERT_STRING_EQUAL(tk_shape_name(TK_SHAPE_CAPTIONS), "captions");
    CU_ASSERT_STRING_EQUAL(tk_shape_name((tk_shape)99), "?");
}

void tk_suite_captions(void);
void tk_suite_captions(void)
{
    CU_pSuite s = CU_add_suite("captions", NULL, NULL);
    CU_add_test(s, "detection and near-misses", test_detect);
    CU_add_test(s, "shape names", test_names);
}
