/* dates.c: finds dates in running text and datelines (month names from a table) and gives
 * them ISO 8601 values, without taking page numbers, signatures, counts or times for years. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "tk_internal.h"

/* Month names: a table, so another language is a data change. Matched case-sensitively
 * (English and German names are capitalized; French and Spanish are listed both ways). An
 * abbreviation may be followed by '.'. */
static const struct month_name {
    const char *name;
    unsigned char month;
    unsigned char abbr; /* needs its period: "Feb." */
} months[] = {
    /* English: the first N_ENGLISH entries (tk_parse_date reads only these) */
    {"January", 1, 0}, {"February", 2, 0}, {"March", 3, 0}, {"April", 4, 0}, {"May", 5, 0},
    {"June", 6, 0}, {"July", 7, 0}, {"August", 8, 0}, {"September", 9, 0}, {"October", 10, 0},
    {"November", 11, 0}, {"December", 12, 0},
    {"Jan", 1, 1}, {"Feb", 2, 1}, {"Mar", 3, 1}, {"Apr", 4, 1}, {"Jun", 6, 1}, {"Jul", 7, 1},
    {"Aug", 8, 1}, {"Sept", 9, 1}, {"Sep", 9, 1}, {"Oct", 10, 1}, {"Nov", 11, 1},
    {"Dec", 12, 1},
#define N_ENGLISH 24
    /* German */
    {"Januar", 1, 0}, {"Februar", 2, 0}, {"M\xc3\xa4rz", 3, 0}, {"Mai", 5, 0}, {"Juni", 6, 0},
    {"Juli", 7, 0}, {"Oktober", 10, 0}, {"Dezember", 12, 0},
    /* French */
    {"janvier", 1, 0}, {"f\xc3\xa9vrier", 2, 0}, {"mars", 3, 0}, {"avril", 4, 0}, {"mai", 5, 0},
    {"juin", 6, 0}, {"juillet", 7, 0}, {"ao\xc3\xbbt", 8, 0}, {"septembre", 9, 0},
    {"octobre", 10, 0}, {"novembre", 11, 0}, {"d\xc3\xa9" "cembre", 12, 0},
    /* Spanish */
    {"enero", 1, 0}, {"febrero", 2, 0}, {"marzo", 3, 0}, {"abril", 4, 0}, {"mayo", 5, 0},
    {"junio", 6, 0}, {"julio", 7, 0}, {"agosto", 8, 0}, {"septiembre", 9, 0},
    {"octubre", 10, 0}, {"noviembre", 11, 0}, {"diciembre", 12, 0},
};

/* Words after which a bare four-digit number is a year ("in 1903", "After 1928"). */
static const char *const year_cues[] = {
    "in", "In", "since", "Since", "until", "Until", "till", "of", "from", "From", "by",
    "during", "During", "after", "After", "before", "Before", "around", "year", "years",
    "early", "late", "mid", "circa", "spring", "summer", "autumn", "fall", "winter", "to",
    "and", "or", "between", "Between", "end", "beginning", "middle", "c.", "ca.", "also",
    "By", "Till", "Around", "Circa", "Early", "Late", "Also",
};

/* Cues that join two numbers ("1931 and 1932", "pages 1 to 1700"): the number after one is
 * a year only when the number before it is one too. */
static const char *const joining_cues[] = {"to", "and", "or"};

/* Words after a number that make it a count, not a year ("1500 feet"). */
static const char *const count_words[] = {
    "people", "persons", "men", "members", "troops", "soldiers", "fighters", "tons", "feet",
    "foot", "miles", "meters", "metres", "dollars", "pounds", "rubles", "roubles", "francs",
    "marks", "yen", "pesos", "hours", "minutes", "seconds", "rounds", "copies", "pages",
    "percent", "per", "words", "square", "kilometers", "kilometres", "head", "acres",
    "barrels", "bales", "cases", "units", "votes", "fps", "psi", "degrees", "knots", "million",
    "thousand", "hundred", "billion", "ft", "lb", "lbs", "kg", "km", "nautical", "gallons",
};

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
static int is_alnum(unsigned char c) { return is_digit((char)c) || is_alpha(c); }

/* Days per month (February of a common year), month 1 to 12. */
static const unsigned char days_in_month[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* Reads 1..max digits at text[i]; returns count (0 when none or more than max). */
static size_t digits(const char *t, size_t i, size_t len, size_t max, unsigned *val)
{
    size_t k = 0;
    unsigned v = 0;
    while (i + k < len && is_digit(t[i + k])) {
        if (k == max)
            return 0;
        v = v * 10 + (unsigned)(t[i + k] - '0');
        k++;
    }
    *val = v;
    return k;
}

/* Index of the month table by first byte, built once (pthread_once: threads may convert
 * at the same time). */
#define N_MONTHS (sizeof months / sizeof *months)
static unsigned char month_len[N_MONTHS];
static unsigned char by_first[256][16]; /* month indices + 1, 0-terminated */
static unsigned char date_start[256];   /* bytes a date can start with */
static unsigned char word_byte[256];    /* letters, digits, bytes >= 0x80 (is_alnum) */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void build_tables(void)
{
    unsigned char fill[256] = {0};
    for (size_t k = 0; k < N_MONTHS; k++) {
        unsigned char f = (unsigned char)months[k].name[0];
        month_len[k] = (unsigned char)strlen(months[k].name);
        if (fill[f] < 15)
            by_first[f][fill[f]++] = (unsigned char)(k + 1);
        date_start[f] = 1;
    }
    for (int c = '0'; c <= '9'; c++)
        date_start[c] = 1;
    for (int c = 0; c < 256; c++)
        word_byte[c] = (unsigned char)is_alnum((unsigned char)c);
    date_start['f'] = date_start['F'] = date_start['b'] = date_start['B'] = date_start['t'] = 1;
    date_start[0xE2] = 1; /* \u2019 before a two-digit year */
}

static size_t dash_at(const char *t, size_t i, size_t len);

/* A month name among the first `names` entries of the table at text[i] ending at a word
 * boundary; returns its length (with an abbreviation's '.') and the month, or 0. */
static size_t month_in(const char *t, size_t i, size_t len, size_t names, unsigned *month)
{
    const unsigned char *cand = by_first[(unsigned char)t[i]];
    /* (an en or em dash before it is a boundary: "April–September") */
    if (cand[0] == 0 || (i > 0 && is_alnum((unsigned char)t[i - 1]) &&
                         !(i >= 3 && dash_at(t, i - 3, len) == 3)))
        return 0;
    size_t best = 0;
    for (; *cand; cand++) {
        size_t k = *cand - 1u, n = month_len[k];
        if (k >= names)
            continue;
        if (i + n > len || t[i + 1] != months[k].name[1] || memcmp(t + i, months[k].name, n) != 0)
            continue;
        if (i + n < len && is_alnum((unsigned char)t[i + n]) && dash_at(t, i + n, len) != 3)
            continue;
        if (months[k].abbr) {
            if (i + n >= len || t[i + n] != '.')
                continue;
            n++;
        }
        if (n > best) {
            best = n;
            *month = months[k].month;
        }
    }
    return best;
}

/* A month name of any language at text[i] (month_in over the whole table). */
static size_t month_at(const char *t, size_t i, size_t len, unsigned *month)
{
    return month_in(t, i, len, N_MONTHS, month);
}

static size_t skip_spaces(const char *t, size_t i, size_t len)
{
    while (i < len && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t'))
        i++;
    return i;
}

int tk_date_valid(unsigned y, unsigned m, unsigned d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    unsigned max = (unsigned)days_in_month[m];
    if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        max = 29;
    return d <= max;
}

#define valid_day tk_date_valid

/* A date written in full whose day the month does not have (February 30, 1949; February
 * 29, 1900): found, so that the caller can say so, but with no ISO value. */
static int impossible(tk_date *d, size_t end)
{
    d->end = end;
    d->rule = "impossible";
    return 1;
}

static int plausible_year(unsigned y) { return y >= 1000 && y <= 2099; }

/* The byte after a number must not continue it ("710.1012", "1,500", "1934a"). */
static int number_ends(const char *t, size_t j, size_t len)
{
    if (j >= len)
        return 1;
    unsigned char c = (unsigned char)t[j];
    if (c < 0x80 && is_alnum(c))
        return 0;
    if ((c == '.' || c == ',' || c == ':' || c == '/') && j + 1 < len && is_digit(t[j + 1]))
        return 0;
    return 1;
}

/* The word before byte i (skipping spaces and one opening parenthesis). */
static void word_before(const char *t, size_t i, const char **w, size_t *wl)
{
    size_t e = i;
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\n'))
        e--;
    size_t s = e;
    while (s > 0 && (is_alpha((unsigned char)t[s - 1]) || t[s - 1] == '.'))
        s--;
    *w = t + s;
    *wl = e - s;
}

static int word_in(const char *w, size_t wl, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strlen(list[k]) == wl && memcmp(list[k], w, wl) == 0)
            return 1;
    return 0;
}

/* The word after byte j (skipping spaces) is a count word. */
static int count_follows(const char *t, size_t j, size_t len)
{
    size_t s = skip_spaces(t, j, len), e = s;
    while (e < len && is_alpha((unsigned char)t[e]))
        e++;
    return e > s && word_in(t + s, e - s, count_words, sizeof count_words / sizeof *count_words);
}

/* Is the four-digit number at [i, j) a year by its context? */
static int year_context(const char *t, size_t i, size_t j, size_t len)
{
    if (count_follows(t, j, len))
        return 0;
    if (i > 0 && (t[i - 1] == '(' || t[i - 1] == '-' || t[i - 1] == 0x2D))
        return i < 2 || !is_digit(t[i - 2]);
    const char *w;
    size_t wl;
    word_before(t, i, &w, &wl);
    if (wl > 0 && word_in(w, wl, joining_cues, sizeof joining_cues / sizeof *joining_cues)) {
        /* the number before the cue: a year ("1931 and 1932"), or no number at all */
        size_t e = (size_t)(w - t), n = 0;
        while (e > 0 && t[e - 1] == ' ')
            e--;
        while (e > n && is_digit(t[e - 1 - n]))
            n++;
        if (n > 0)
            return n == 4;
    }
    if (wl > 0 && word_in(w, wl, year_cues, sizeof year_cues / sizeof *year_cues))
        return 1;
    /* "Moscow, 1933" / "London, 1933,": a comma after a word */
    size_t e = i;
    while (e > 0 && t[e - 1] == ' ')
        e--;
    if (e > 1 && t[e - 1] == ',' && is_alpha((unsigned char)t[e - 2]) && e < i)
        return 1;
    /* "the 1920s" handled elsewhere; "1903," at the end of a citation */
    return 0;
}

/* A dash between range parts: '-', en dash, em dash. Returns its byte length or 0. */
static size_t dash_at(const char *t, size_t i, size_t len)
{
    if (i < len && t[i] == '-')
        return 1;
    if (i + 2 < len && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94))
        return 3;
    return 0;
}

/* v (0 <= v < 10^width) as width digits, zero-padded, at p. */
static void put_digits(char *p, unsigned v, int width)
{
    for (int k = width - 1; k >= 0; k--, v /= 10)
        p[k] = (char)('0' + v % 10);
}

/* Writes YYYY-MM-DD, YYYY-MM (d 0) or YYYY (m and d 0) into out (>= 11 bytes), without
 * snprintf (this runs for every date of the text). */
static void set_ymd(char *out, unsigned y, unsigned m, unsigned d)
{
    size_t n = 4;
    put_digits(out, y % 10000, 4);
    if (m != 0 || d != 0) {
        out[4] = '-';
        put_digits(out + 5, m % 100, 2);
        n = 7;
    }
    if (d != 0) {
        out[7] = '-';
        put_digits(out + 8, d % 100, 2);
        n = 10;
    }
    out[n] = '\0';
}

/* A month-led date at byte i without ranges: month m (its name n bytes), an optional day,
 * an optional year (0 when none); its end, or 0. */
static size_t month_part(const char *t, size_t i, size_t n, size_t len, unsigned *day,
                         unsigned *year)
{
    size_t j = skip_spaces(t, i + n, len), e = i + n, k;
    unsigned a, b;
    *day = *year = 0;
    if ((k = digits(t, j, len, 2, &a)) > 0 && a >= 1 && a <= 31 && number_ends(t, j + k, len)) {
        *day = a;
        e = j + k;
        j = e;
    }
    size_t j3 = j < len && t[j] == ',' ? j + 1 : j;
    j3 = skip_spaces(t, j3, len);
    if (j3 > e && digits(t, j3, len, 4, &b) == 4 && plausible_year(b) && number_ends(t, j3 + 4, len)) {
        *year = b;
        e = j3 + 4;
    }
    return e;
}

/* A range of month-led dates at byte i, month m named in n bytes: `December 4,
 * 1922–February 7, 1923`, `April–September, 1933`, `April 3–May 5, 1933`, `March 4–7,
 * 1934`. The first part takes the second's year when it has none. Fills *d, returns 1. */
static int month_range(const char *t, size_t i, size_t n, unsigned m, size_t len, tk_date *d)
{
    unsigned d1, y1, d2, y2, m2 = m, k;
    size_t e1 = month_part(t, i, n, len, &d1, &y1);
    size_t dl = dash_at(t, e1, len), j = e1 + dl, n2, e2;
    if (dl == 0 || j >= len)
        return 0;
    if ((n2 = month_at(t, j, len, &m2)) > 0) {
        e2 = month_part(t, j, n2, len, &d2, &y2);
    } else if (d1 != 0 && y1 == 0 && (k = (unsigned)digits(t, j, len, 2, &d2)) > 0) {
        /* March 4–7, 1934 */
        e2 = j + k;
        size_t j3 = e2 < len && t[e2] == ',' ? e2 + 1 : e2;
        j3 = skip_spaces(t, j3, len);
        if (digits(t, j3, len, 4, &y2) != 4 || !plausible_year(y2) || !number_ends(t, j3 + 4, len))
            return 0;
        e2 = j3 + 4;
    } else {
        return 0;
    }
    if (y2 == 0 || (d1 == 0) != (d2 == 0) || (y1 == 0 && d1 == 0 && e1 != i + n))
        return 0;
    if (y1 == 0)
        y1 = y2;
    if (d1 != 0 && (!valid_day(y1, m, d1) || !valid_day(y2, m2, d2)))
        return 0;
    if (y2 * 10000 + m2 * 100 + d2 <= y1 * 10000 + m * 100 + d1)
        return 0;
    d->end = e2;
    set_ymd(d->from, y1, m, d1);
    set_ymd(d->to, y2, m2, d2);
    d->rule = "month-range";
    return 1;
}

/* A two-digit year after an apostrophe (`in '72`, `the summer of \u201972`, `the '30s`), at
 * byte i (the digits after ', or the right single quote itself): the year is taken in the
 * 1900s (docs/inline.md); a cue word must stand before it, except for a decade. */
static int apostrophe_year(const char *t, size_t i, size_t len, tk_date *d)
{
    size_t ap = 0, q;
    if (i + 5 <= len && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
        (unsigned char)t[i + 2] == 0x99) {
        q = i;
        i += 3;
        ap = 3;
    } else if (i > 0 && t[i - 1] == '\'' && is_digit(t[i])) {
        q = i - 1;
        ap = 1;
    } else {
        return 0;
    }
    unsigned a;
    if (q > 0 && t[q - 1] != ' ' && t[q - 1] != '(' && t[q - 1] != '\n')
        return 0;
    if (digits(t, i, len, 2, &a) != 2 || (i + 2 < len && is_digit(t[i + 2])))
        return 0;
    size_t j = i + 2;
    d->start = q;
    if (j < len && t[j] == 's' && (j + 1 >= len || !is_alnum((unsigned char)t[j + 1]))) {
        if (a % 10 != 0)
            return 0;
        d->end = j + 1;
        set_ymd(d->from, 1900 + a, 0, 0);
        set_ymd(d->to, 1909 + a, 0, 0);
        d->rule = "apostrophe-decade";
        return 1;
    }
    if (!number_ends(t, j, len) || count_follows(t, j, len))
        return 0;
    const char *w;
    size_t wl;
    word_before(t, q, &w, &wl);
    if (wl == 0 || !word_in(w, wl, year_cues, sizeof year_cues / sizeof *year_cues))
        return 0;
    d->end = j;
    set_ymd(d->when, 1900 + a, 0, 0);
    d->rule = "apostrophe-year";
    (void)ap;
    return 1;
}

/* "August of 1981" at j (after the month m and its spaces): 1 and *d, else 0. */
static int month_of_year(const char *t, size_t j, size_t len, unsigned m, tk_date *d)
{
    unsigned b;
    if (!(j + 3 < len && memcmp(t + j, "of ", 3) == 0))
        return 0;
    size_t jy = skip_spaces(t, j + 3, len);
    if (digits(t, jy, len, 4, &b) != 4 || !plausible_year(b) || !number_ends(t, jy + 4, len))
        return 0;
    d->end = jy + 4;
    set_ymd(d->when, b, m, 0);
    d->rule = "month-of-year";
    return 1;
}

/* Month Day[,] Year, or Month Day without a year, day a (k digits at j, after the month m):
 * 1 and *d (an impossible day too), else 0. */
static int month_day(const char *t, size_t j, size_t k, size_t len, unsigned m, unsigned a,
                     tk_date *d)
{
    unsigned b;
    size_t j2 = j + k;
    if (j2 + 1 < len && (t[j2] == 's' || t[j2] == 'n' || t[j2] == 'r' || t[j2] == 't') &&
        (t[j2 + 1] == 't' || t[j2 + 1] == 'd' || t[j2 + 1] == 'h'))
        j2 += 2; /* 3rd, 21st */
    size_t j3 = j2;
    if (j3 < len && t[j3] == ',')
        j3++;
    j3 = skip_spaces(t, j3, len);
    size_t ky = digits(t, j3, len, 4, &b);
    if (ky == 4 && plausible_year(b) && number_ends(t, j3 + 4, len)) {
        if (!valid_day(b, m, a))
            return impossible(d, j3 + 4);
        d->end = j3 + 4;
        set_ymd(d->when, b, m, a);
        d->rule = "month-day-year";
        return 1;
    }
    /* "February 3" without a year: a day of the year (gMonthDay), which the inline
       pass dates only with --infer-years */
    if (!valid_day(2000, m, a) || !number_ends(t, j2, len))
        return 0;
    d->end = j2;
    d->when[0] = d->when[1] = d->when[4] = '-'; /* "--MM-DD" */
    put_digits(d->when + 2, m % 100, 2);
    put_digits(d->when + 5, a % 100, 2);
    d->when[7] = '\0';
    d->rule = "month-day";
    return 1;
}

/* Month [Day,] Year  |  Month Year, and ranges of them: the month m named in n bytes at i. */
static int month_led(const char *t, size_t i, size_t n, unsigned m, size_t len, tk_date *d)
{
    unsigned a, b;
    if (month_range(t, i, n, m, len, d))
        return 1;
    size_t j = skip_spaces(t, i + n, len);
    if (month_of_year(t, j, len, m, d))
        return 1;
    size_t k = digits(t, j, len, 2, &a);
    if (k > 0 && a >= 1 && a <= 31)
        return month_day(t, j, k, len, m, a, d);
    size_t j3 = j;
    if (j3 < len && t[j3] == ',')
        j3 = skip_spaces(t, j3 + 1, len);
    size_t ky = digits(t, j3, len, 4, &b);
    if (ky != 4 || !plausible_year(b) || !number_ends(t, j3 + 4, len))
        return 0;
    d->end = j3 + 4;
    set_ymd(d->when, b, m, 0);
    d->rule = "month-year";
    return 1;
}

/* from YEAR to YEAR / between YEAR and YEAR at i (a word starting f, F, b or B). */
static int year_span(const char *t, size_t i, size_t len, tk_date *d)
{
    static const struct {
        const char *from, *to;
    } spans[] = {{"from", "to"}, {"From", "to"}, {"between", "and"}, {"Between", "and"}};
    unsigned a, b;
    for (size_t s = 0; s < sizeof spans / sizeof *spans; s++) {
        if (spans[s].from[0] != t[i])
            continue;
        size_t fl = strlen(spans[s].from), tl = strlen(spans[s].to);
        if (i + fl + 1 >= len || memcmp(t + i, spans[s].from, fl) != 0 || t[i + fl] != ' ')
            continue;
        size_t j = skip_spaces(t, i + fl, len);
        if (digits(t, j, len, 4, &a) != 4 || !plausible_year(a) || !number_ends(t, j + 4, len))
            return 0;
        size_t k = skip_spaces(t, j + 4, len);
        if (k + tl + 1 >= len || memcmp(t + k, spans[s].to, tl) != 0 || t[k + tl] != ' ')
            return 0;
        k = skip_spaces(t, k + tl, len);
        if (digits(t, k, len, 4, &b) != 4 || !plausible_year(b) || b <= a ||
            !number_ends(t, k + 4, len) || count_follows(t, k + 4, len))
            return 0;
        d->end = k + 4;
        set_ymd(d->from, a, 0, 0);
        set_ymd(d->to, b, 0, 0);
        d->rule = "from-year-to-year";
        return 1;
    }
    return 0;
}

/* the 1920s, at i (a word starting t). */
static int decade(const char *t, size_t i, size_t len, tk_date *d)
{
    unsigned a;
    if (!(i + 4 < len && memcmp(t + i, "the ", 4) == 0))
        return 0;
    size_t j = skip_spaces(t, i + 4, len);
    if (digits(t, j, len, 4, &a) != 4 || !plausible_year(a) || a % 10 != 0)
        return 0;
    size_t k = j + 4;
    if (k + 1 < len && t[k] == '\'' && t[k + 1] == 's')
        k++;
    if (!(k < len && t[k] == 's' && (k + 1 >= len || !is_alnum((unsigned char)t[k + 1]))))
        return 0;
    d->end = k + 1;
    set_ymd(d->from, a, 0, 0);
    set_ymd(d->to, a + 9, 0, 0);
    d->rule = "decade";
    return 1;
}

/* Day Month Year (3 February 1949), day a before byte j: -1 when no month follows (another
 * pattern may hold), else 0 or 1 (*d). */
static int day_month_year(const char *t, size_t j, size_t len, unsigned a, tk_date *d)
{
    unsigned b, m;
    size_t n;
    if (!(a >= 1 && a <= 31 && j < len && t[j] == ' '))
        return -1;
    size_t k = skip_spaces(t, j, len);
    if ((n = month_at(t, k, len, &m)) == 0)
        return -1;
    size_t k2 = skip_spaces(t, k + n, len);
    if (k2 < len && t[k2] == ',')
        k2 = skip_spaces(t, k2 + 1, len);
    if (digits(t, k2, len, 4, &b) != 4 || !plausible_year(b) || !number_ends(t, k2 + 4, len))
        return 0;
    if (!valid_day(b, m, a))
        return impossible(d, k2 + 4);
    d->end = k2 + 4;
    set_ymd(d->when, b, m, a);
    d->rule = "day-month-year";
    return 1;
}

/* numeric date 3.2.1949 / 3/2/1949 (order from the option), its first number a before the
 * separator at j. */
static int numeric_date(const char *t, size_t j, size_t len, unsigned a, int order, tk_date *d)
{
    unsigned b, c;
    char sep = t[j];
    size_t k2 = digits(t, j + 1, len, 2, &b);
    if (k2 == 0 || j + 1 + k2 >= len || t[j + 1 + k2] != sep)
        return 0;
    size_t y0 = j + 2 + k2;
    if (digits(t, y0, len, 4, &c) != 4 || !plausible_year(c) || !number_ends(t, y0 + 4, len))
        return 0;
    unsigned day = order == TK_DATE_MDY ? b : a, mon = order == TK_DATE_MDY ? a : b;
    if (!valid_day(c, mon, day))
        return 0;
    d->end = y0 + 4;
    set_ymd(d->when, c, mon, day);
    d->rule = order == TK_DATE_MDY ? "numeric-mdy" : "numeric-dmy";
    return 1;
}

/* year ranges: 1927-1936, 1931-34, 1930–31, year a ending at j: -1 when no dash and number
 * follow, else 0 or 1 (*d). */
static int year_range(const char *t, size_t j, size_t len, unsigned a, tk_date *d)
{
    unsigned b;
    size_t dl = dash_at(t, j, len);
    if (dl == 0)
        return -1;
    size_t k2 = digits(t, j + dl, len, 4, &b);
    if (!((k2 == 4 || k2 == 2) && number_ends(t, j + dl + k2, len)))
        return -1;
    unsigned to = k2 == 4 ? b : a / 100 * 100 + b;
    if (to <= a || !plausible_year(to) || count_follows(t, j + dl + k2, len))
        return 0;
    d->end = j + dl + k2;
    set_ymd(d->from, a, 0, 0);
    set_ymd(d->to, to, 0, 0);
    d->rule = "year-range";
    return 1;
}

/* The dates that open with a number at i: day-month-year, numeric, year ranges, a year. */
static int number_led(const char *t, size_t i, size_t len, int order, tk_date *d)
{
    unsigned a;
    int r;
    /* numbers: not inside a larger number or a file number ("710.1012", "F. 39") */
    if (i > 0 && (is_digit(t[i - 1]) || ((t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '/') &&
                                        i > 1 && is_digit(t[i - 2]))))
        return 0;
    size_t k1 = digits(t, i, len, 4, &a);
    if (k1 == 0)
        return 0;
    size_t j = i + k1;
    if (k1 <= 2 && (r = day_month_year(t, j, len, a, d)) >= 0)
        return r;
    if (k1 <= 2 && j < len && (t[j] == '.' || t[j] == '/'))
        return numeric_date(t, j, len, a, order, d);
    if (k1 != 4 || !plausible_year(a))
        return 0;
    if ((r = year_range(t, j, len, a, d)) >= 0)
        return r;
    /* a year alone, not 1920s, where the words around make it a year */
    if (!number_ends(t, j, len) || (j < len && t[j] == 's') || !year_context(t, i, j, len))
        return 0;
    d->end = j;
    set_ymd(d->when, a, 0, 0);
    d->rule = "year";
    return 1;
}

/* Tries every pattern that can start at byte i (a word start). Fills *d and returns 1. */
static int date_at(const char *t, size_t i, size_t len, int order, tk_date *d)
{
    unsigned m;
    size_t n;
    d->start = i;
    d->when[0] = d->from[0] = d->to[0] = '\0';
    if ((n = month_at(t, i, len, &m)) > 0)
        return month_led(t, i, n, m, len, d);
    switch (t[i]) {
    case 'f':
    case 'F':
    case 'b':
    case 'B':
        return year_span(t, i, len, d);
    case 't':
        return decade(t, i, len, d);
    default:
        break;
    }
    if (apostrophe_year(t, i, len, d))
        return 1;
    return is_digit(t[i]) ? number_led(t, i, len, order, d) : 0;
}

/* Whether text holds two digits after an apostrophe ('72, or the last byte of U+2019 ’72):
 * the one year form without four digits. Two memchr scans, no per-byte loop. */
static int quoted_year(const char *text, size_t len)
{
    static const char marks[] = {'\'', (char)0x99};
    for (size_t m = 0; m < sizeof marks; m++) {
        const char *p = text, *end = text + len;
        while ((p = memchr(p, marks[m], (size_t)(end - p))) != NULL) {
            if (end - p >= 3 && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9')
                return 1;
            p++;
        }
    }
    return 0;
}

void tk_dates_scan(const char *text, size_t len, int order,
                   void (*found)(const tk_date *d, void *user), void *user)
{
    tk_date d;
    /* every form below holds a year of four digits: text without four digits in a row has
     * no date (most paragraphs of a transcript), and a run of digits is quick to look for;
     * the exceptions: '72 after an apostrophe, and day-month dates when years are inferred */
    if (!tk_digit_run4(text, len) && !quoted_year(text, len) && !(order & TK_DATE_DAYS))
        return;
    order &= ~TK_DATE_DAYS;
    pthread_once(&tables_once, build_tables);
    /* word by word: a date can only start where a word starts */
    for (size_t i = 0; i < len;) {
        while (i < len && !word_byte[(unsigned char)text[i]])
            i++;
        if (i >= len)
            break;
        if (date_start[(unsigned char)text[i]] && date_at(text, i, len, order, &d)) {
            found(&d, user);
            i = d.end;
            continue;
        }
        while (i < len && word_byte[(unsigned char)text[i]])
            i++;
    }
}

int tk_date_parse(const char *text, size_t len, int order, tk_date *out)
{
    size_t s = 0, e = len;
    while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\n'))
        s++;
    while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' ||
                     text[e - 1] == '.' || text[e - 1] == ','))
        e--;
    if (s == e)
        return 0;
    pthread_once(&tables_once, build_tables);
    tk_date d;
    /* a lone year in a dateline needs no context word */
    unsigned y;
    if (e - s == 4 && digits(text, s, e, 4, &y) == 4 && plausible_year(y)) {
        memset(out, 0, sizeof *out);
        out->start = s;
        out->end = e;
        set_ymd(out->when, y, 0, 0);
        out->rule = "year";
        return 1;
    }
    if (!date_at(text, s, e, order, &d) || d.end != e || d.rule == NULL ||
        strcmp(d.rule, "impossible") == 0 || strcmp(d.rule, "month-day") == 0)
        return 0;
    *out = d;
    return 1;
}

/* A date at the start of s, as datelines and headers write it (English month names only, any
 * year the calendar has, no context needed): the same month table, digit reader and
 * calendar as the scan above. */
size_t tk_parse_date(const char *s, size_t len, char *iso)
{
    size_t u, k, i = 0;
    unsigned m, day, year;
    pthread_once(&tables_once, build_tables);
    /* 1949-02-03 */
    if (len >= 10 && digits(s, 0, len, 4, &year) == 4 && s[4] == '-' &&
        digits(s, 5, len, 2, &m) == 2 && s[7] == '-' && digits(s, 8, len, 2, &day) == 2 &&
        tk_date_valid(year, m, day)) {
        memcpy(iso, s, 10);
        iso[10] = '\0';
        return 10;
    }
    /* February 3, 1949 */
    if (len > 0 && (u = month_in(s, 0, len, N_ENGLISH, &m)) > 0) {
        i = u;
        if (i < len && s[i] == ' ' && (k = digits(s, i + 1, len, 2, &day)) > 0 && day >= 1 &&
            day <= 31) {
            i += 1 + k;
            if (i + 1 < len && s[i] == ',' && s[i + 1] == ' ')
                i += 2;
            else if (i < len && s[i] == ' ')
                i += 1;
            else
                return 0;
            if (digits(s, i, len, 4, &year) == 4 && tk_date_valid(year, m, day)) {
                set_ymd(iso, year, m, day);
                return i + 4;
            }
            return 0;
        }
        /* February 1949 */
        if (i < len && s[i] == ' ' && digits(s, i + 1, len, 4, &year) == 4 &&
            tk_date_valid(year, m, 1)) {
            set_ymd(iso, year, m, 0);
            return i + 5;
        }
        return 0;
    }
    /* 3 February 1949 */
    if ((k = digits(s, 0, len, 2, &day)) > 0 && day >= 1 && day <= 31 && k < len &&
        s[k] == ' ' && k + 1 < len && (u = month_in(s, k + 1, len, N_ENGLISH, &m)) > 0) {
        i = k + 1 + u;
        if (i < len && s[i] == ',')
            i++;
        if (i < len && s[i] == ' ' && digits(s, i + 1, len, 4, &year) == 4 &&
            tk_date_valid(year, m, day)) {
            set_ymd(iso, year, m, day);
            return i + 5;
        }
    }
    return 0;
}
