/* test_dates.c: dates in running text and datelines, ISO values, and numbers that are not
 * dates (all examples from ../shared/corpus text). */
#include <stdio.h>

#include "tk_inline_test.h"

typedef struct {
    const char *in, *want;
} dpair;

/* All dates found in text as "[text]=iso;" (ranges "from/to"). */
static char found_buf[1024];
static int with_month_day; /* also list days without a year (rule month-day) */
static void collect(const tk_date *d, void *user)
{
    const char *t = user;
    size_t n = strlen(found_buf);
    if (!with_month_day && strcmp(d->rule, "month-day") == 0)
        return;
    snprintf(found_buf + n, sizeof found_buf - n, "[%.*s]=%s%s%s%s;", (int)(d->end - d->start),
             t + d->start, d->when, d->from, d->to[0] ? "/" : "", d->to);
}
static const char *dates_of(const char *text, int order)
{
    found_buf[0] = '\0';
    tk_dates_scan(text, strlen(text), order, collect, (void *)text);
    return found_buf;
}

static void test_dates_positive(void)
{
    static const dpair p[] = {
        {"February 3, 1949", "[February 3, 1949]=1949-02-03;"},
        {"On the evening of 3 February 1949 another conversation",
         "[3 February 1949]=1949-02-03;"},
        {"Having arrived in China from Moscow in December 1937 he called",
         "[December 1937]=1937-12;"},
        {"at the London Congress in 1903, we were formed", "[1903]=1903;"},
        {"The second period of our history falls on years 1927-1936.",
         "[1927-1936]=1927/1936;"},
        {"In 1931-34 the leadership of the party", "[1931-34]=1931/1934;"},
        {"In 1930-31 this group published a brochure", "[1930-31]=1930/1931;"},
        {"From 1921 to 1927 we cooperated with the Guomindang", "[From 1921 to 1927]=1921/1927;"},
        {"the policy of the 1920s was", "[the 1920s]=1920/1929;"},
        {"From the time of the 6th Congress of the CCP (1928) until", "[1928]=1928;"},
        {"[Washington,] April 12, 1934.", "[April 12, 1934]=1934-04-12;"},
        {"the Montevideo Conference, London, 1933,[5] and", "[1933]=1933;"},
        {"Signed March 24, 1922, League of Nations Treaty Series", "[March 24, 1922]=1922-03-24;"},
        {"Decree of Jan. 28, 1918", "[Jan. 28, 1918]=1918-01-28;"},
        {"Vol. 5, Book 2, 1946-February 1950", "[February 1950]=1950-02;"},
    };
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
        const char *got = dates_of(p[i].in, TK_DATE_DMY);
        if (strcmp(got, p[i].want) != 0)
            fprintf(stderr, "\n  input: %s\n  want:  %s\n  got:   %s\n", p[i].in, p[i].want, got);
        CU_ASSERT_STRING_EQUAL(got, p[i].want);
    }
}

static void test_dates_negative(void)
{
    /* numbers that are not dates: none of these may give a date */
    static const char *const n[] = {
        "APRF: F. 39, Op. 1, D. 39, Ll. 47-53.",
        "the current 3 million strong People's Liberation Army.",
        "the ranks of the com[munist] party counted up to 50,000 people",
        "The conversation ended at 3:45 p.m. today",
        "[Page 465]",
        "710.1012 Anti-War/73",
        "File No. 861.51/264",
        "1584. For Stevens [from Willard]:",
        "Rs. 20,000,000,000 [sic]. In view of",
        "oxygen 78-100 [percent], amps 27.",
        "Officials ask for American unit 129 men consisting of division superintendents",
        "telegram No. 1905 of April 9",
        "CC: Roger. We have 1500 feet",
        "the 5 present members of the CC",
        "the reply quoted in my number 385, December 13, 10 a.m.",
    };
    for (size_t i = 0; i < sizeof n / sizeof *n; i++) {
        const char *got = dates_of(n[i], TK_DATE_DMY);
        if (got[0] != '\0')
            fprintf(stderr, "\n  input: %s\n  false date: %s\n", n[i], got);
        CU_ASSERT_STRING_EQUAL(got, "");
    }
}

/* Ranges across months and years, "Month of Year", capitalised cues, and numbers joined to
 * a non-year by "to" (made-up sentences). */
static void test_dates_ranges(void)
{
    static const dpair p[] = {
        {"The survey ran April\xe2\x80\x93September, 1927 along the coast.",
         "[April\xe2\x80\x93September, 1927]=1927-04/1927-09;"},
        {"He was abroad October 2, 1911\xe2\x80\x94January 9, 1912 on leave.",
         "[October 2, 1911\xe2\x80\x94January 9, 1912]=1911-10-02/1912-01-09;"},
        {"The fair was held June 3\xe2\x80\x93July 1, 1925 in the park.",
         "[June 3\xe2\x80\x93July 1, 1925]=1925-06-03/1925-07-01;"},
        {"sessions of March 4\xe2\x80\x93" "7, 1931 were closed",
         "[March 4\xe2\x80\x93" "7, 1931]=1931-03-04/1931-03-07;"},
        {"They married in May of 1958 at home.", "[May of 1958]=1958-05;"},
        {"By 1911 the road was open.", "[1911]=1911;"},
        {"between 1931 and 1932 it grew", "[between 1931 and 1932]=1931/1932;"},
        {"the floods of '27 and", "['27]=1927;"},
        {"the winter of \xe2\x80\x99" "48 was", "[\xe2\x80\x99" "48]=1948;"},
        {"music of the '30s and", "['30s]=1930/1939;"},
    };
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
        const char *got = dates_of(p[i].in, TK_DATE_DMY);
        if (strcmp(got, p[i].want) != 0)
            fprintf(stderr, "\n  input: %s\n  want:  %s\n  got:   %s\n", p[i].in, p[i].want, got);
        CU_ASSERT_STRING_EQUAL(got, p[i].want);
    }
    /* a page range and a backwards range give no year range */
    CU_ASSERT_STRING_EQUAL(dates_of("see pages 1 to 1650 of the report", TK_DATE_DMY), "");
    CU_ASSERT_STRING_EQUAL(dates_of("lines 12 and 1650 of the list", TK_DATE_DMY), "");
    CU_ASSERT_STRING_EQUAL(dates_of("rock'n'roll and '48 dollars or '4", TK_DATE_DMY), "");
    CU_ASSERT_STRING_EQUAL(dates_of("July\xe2\x80\x93March, 1930 was", TK_DATE_DMY),
                           "[1930]=1930;");
    /* a day and month without a year: found as a day of the year (--MM-DD) */
    with_month_day = 1;
    CU_ASSERT_STRING_EQUAL(dates_of("in 1931 the meeting of June 5 was short", TK_DATE_DMY),
                           "[1931]=1931;[June 5]=--06-05;");
    CU_ASSERT_STRING_EQUAL(dates_of("in 1931 on June 31 nobody", TK_DATE_DMY), "[1931]=1931;");
    with_month_day = 0;
}

/* A day the month does not have is found (for a warning) but gets no ISO value: it would be
 * an invalid @when (issue 16). February 1900 had 28 days, February 2000 had 29. */
static void test_dates_impossible(void)
{
    CU_ASSERT_STRING_EQUAL(dates_of("February 30, 1949 was no day", TK_DATE_DMY),
                           "[February 30, 1949]=;");
    CU_ASSERT_STRING_EQUAL(dates_of("We met on February 29, 1900.", TK_DATE_DMY),
                           "[February 29, 1900]=;");
    CU_ASSERT_STRING_EQUAL(dates_of("on 31 April 1933 it", TK_DATE_DMY), "[31 April 1933]=;");
    CU_ASSERT_STRING_EQUAL(dates_of("We met on February 29, 2000.", TK_DATE_DMY),
                           "[February 29, 2000]=2000-02-29;");
    CU_ASSERT_STRING_EQUAL(dates_of("We met on February 29, 1904.", TK_DATE_DMY),
                           "[February 29, 1904]=1904-02-29;");
    CU_ASSERT_EQUAL(tk_date_valid(1900, 2, 29), 0);
    CU_ASSERT_EQUAL(tk_date_valid(1949, 2, 28), 1);
    CU_ASSERT_EQUAL(tk_date_valid(0, 1, 1), 0);
    tk_date d;
    CU_ASSERT_EQUAL(tk_date_parse("February 30, 1949", 17, TK_DATE_DMY, &d), 0);
    char iso[16];
    CU_ASSERT_EQUAL(tk_parse_date("February 30, 1949", 17, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("1949-02-30", 10, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("29 February 1900", 16, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("February 28, 1949", 17, iso), 17);
    CU_ASSERT_STRING_EQUAL(iso, "1949-02-28");
}

static void test_numeric_order(void)
{
    CU_ASSERT_STRING_EQUAL(dates_of("on 3.2.1949 he", TK_DATE_DMY), "[3.2.1949]=1949-02-03;");
    CU_ASSERT_STRING_EQUAL(dates_of("on 3.2.1949 he", TK_DATE_MDY), "[3.2.1949]=1949-03-02;");
    CU_ASSERT_STRING_EQUAL(dates_of("on 2/13/1949", TK_DATE_DMY), ""); /* no 13th month */
    CU_ASSERT_STRING_EQUAL(dates_of("on 2/13/1949", TK_DATE_MDY), "[2/13/1949]=1949-02-13;");
    CU_ASSERT_STRING_EQUAL(dates_of("le 3 f\xc3\xa9vrier 1949", TK_DATE_DMY),
                           "[3 f\xc3\xa9vrier 1949]=1949-02-03;");
}

static void test_date_parse_dateline(void)
{
    tk_date d;
    CU_ASSERT_EQUAL(tk_date_parse("February 3, 1949", 16, TK_DATE_DMY, &d), 1);
    CU_ASSERT_STRING_EQUAL(d.when, "1949-02-03");
    CU_ASSERT_EQUAL(tk_date_parse("  April 12, 1934.  ", 19, TK_DATE_DMY, &d), 1);
    CU_ASSERT_STRING_EQUAL(d.when, "1934-04-12");
    CU_ASSERT_EQUAL(tk_date_parse("1903", 4, TK_DATE_DMY, &d), 1);
    CU_ASSERT_STRING_EQUAL(d.when, "1903");
    CU_ASSERT_EQUAL(tk_date_parse("Washington, April 12, 1934", 26, TK_DATE_DMY, &d), 0);
    CU_ASSERT_EQUAL(tk_date_parse("February 3", 10, TK_DATE_DMY, &d), 0);
}

/* tk_parse_date: a date at the start of a string (the blocks' datelines, the header's date,
 * places' datelines): English months only, any year the calendar has, bytes consumed. */
static void test_parse_date_prefix(void)
{
    char iso[16];
    CU_ASSERT_EQUAL(tk_parse_date("February 3, 1949 x", 18, iso), 16);
    CU_ASSERT_STRING_EQUAL(iso, "1949-02-03");
    CU_ASSERT_EQUAL(tk_parse_date("February 3 1949", 15, iso), 15);
    CU_ASSERT_EQUAL(tk_parse_date("3 February 1949", 15, iso), 15);
    CU_ASSERT_EQUAL(tk_parse_date("3 February, 1949.", 17, iso), 16);
    CU_ASSERT_STRING_EQUAL(iso, "1949-02-03");
    CU_ASSERT_EQUAL(tk_parse_date("1949-02-03T10", 13, iso), 10);
    CU_ASSERT_EQUAL(tk_parse_date("1949-13-03", 10, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("February 33, 1949", 17, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("November 1976.", 14, iso), 13);
    CU_ASSERT_STRING_EQUAL(iso, "1976-11");
    CU_ASSERT_EQUAL(tk_parse_date("Feb. 3, 1949", 12, iso), 12);
    CU_ASSERT_EQUAL(tk_parse_date("Dec. 24, 1941", 13, iso), 13);
    CU_ASSERT_STRING_EQUAL(iso, "1941-12-24");
    /* the table's abbreviations: "Sept." as well as "Sep." */
    CU_ASSERT_EQUAL(tk_parse_date("Sept. 3, 1949", 13, iso), 13);
    CU_ASSERT_STRING_EQUAL(iso, "1949-09-03");
    /* a year out of the running text's plausible range is still a year here */
    CU_ASSERT_EQUAL(tk_parse_date("June 1, 0812", 12, iso), 12);
    CU_ASSERT_STRING_EQUAL(iso, "0812-06-01");
    /* English names only: the running text's German, French, Spanish names are not read */
    CU_ASSERT_EQUAL(tk_parse_date("Juni 3, 1949", 12, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("3 mars 1949", 11, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("Mayor 3, 1949", 13, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("February 123, 1949", 18, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("February 3, 19490", 17, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("3 ", 2, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("3", 1, iso), 0);
    CU_ASSERT_EQUAL(tk_parse_date("", 0, iso), 0);
    /* the whole-string parser reads the same forms, and the running text's as well */
    tk_date d;
    CU_ASSERT_EQUAL(tk_date_parse("3 February 1949", 15, TK_DATE_DMY, &d), 1);
    CU_ASSERT_STRING_EQUAL(d.when, "1949-02-03");
    CU_ASSERT_EQUAL(tk_date_parse("Juni 3, 1949", 12, TK_DATE_DMY, &d), 1);
    CU_ASSERT_STRING_EQUAL(d.when, "1949-06-03");
}

static void test_dates_in_tei(void)
{
    TK_ASSERT_HAS("The second period of our history falls on years 1927-1936.",
                  "years <date from=\"1927\" to=\"1936\">1927-1936</date>.");
    TK_ASSERT_HAS("In January 1935 in Zunyi", "In <date when=\"1935-01\">January 1935</date> in");
    /* a date inside a gloss is nested in it */
    TK_ASSERT_HAS("[Received September 12, 1918.]",
                  "Received <date when=\"1918-09-12\">September 12, 1918</date>.</note>");
}

void tk_suite_dates(void);
void tk_suite_dates(void)
{
    CU_pSuite s = CU_add_suite("dates", NULL, NULL);
    CU_add_test(s, "dates: positive", test_dates_positive);
    CU_add_test(s, "dates: negative (numbers)", test_dates_negative);
    CU_add_test(s, "dates: ranges across months and years, Month of Year", test_dates_ranges);
    CU_add_test(s, "impossible days get no ISO value", test_dates_impossible);
    CU_add_test(s, "numeric dates and date order", test_numeric_order);
    CU_add_test(s, "datelines", test_date_parse_dateline);
    CU_add_test(s, "a date at the start of a string", test_parse_date_prefix);
    CU_add_test(s, "dates in TEI", test_dates_in_tei);
}
