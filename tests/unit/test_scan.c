/* test_scan.c: the shared byte scanners (tk_find_bytes, tk_next_upper, tk_digit_run4) against plain byte
 * loops, on made-up texts of every length and alignment: the SSE2 paths read sixteen bytes
 * at a time and must neither miss a match at a block's edge nor read past the end. */
#include <ctype.h>

#include "tk_internal.h"
#include "tk_test.h"

/* The reference: a byte loop. */
static const char *find_ref(const char *h, size_t len, const char *nd, size_t n)
{
    if (n == 0)
        return h;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(h + i, nd, n) == 0)
            return h + i;
    return NULL;
}

static size_t upper_ref(const unsigned char *t, size_t i, size_t len)
{
    while (i < len && !(t[i] >= 'A' && t[i] <= 'Z'))
        i++;
    return i;
}

/* A pseudo-random text over a small alphabet (so that needles occur), with non-ASCII bytes. */
static void fill(char *buf, size_t n, unsigned *seed)
{
    static const char alpha[] = "aab ab.Zb\xc3\xa9@[";
    for (size_t i = 0; i < n; i++) {
        *seed = *seed * 1103515245u + 12345u;
        buf[i] = alpha[(*seed >> 16) % (sizeof alpha - 1)];
    }
}

static void test_find_bytes(void)
{
    unsigned seed = 7;
    int bad = 0;
    for (int round = 0; round < 400 && !bad; round++) {
        size_t len = (size_t)round % 70;
        char *h = malloc(len + 1); /* exact size: valgrind sees a read past the end */
        char nd[6];
        fill(h, len, &seed);
        size_t n = (size_t)(round / 70) % 6;
        fill(nd, n, &seed);
        if (n > 0 && len >= n && round % 2) /* a needle that occurs, often near the end */
            memcpy(nd, h + len - n - (size_t)round % (len - n + 1), n);
        for (size_t from = 0; from <= len && !bad; from++) {
            const char *want = find_ref(h + from, len - from, nd, n);
            const char *got = tk_find_bytes(h + from, len - from, nd, n);
            if (want != got) {
                bad = 1;
                fprintf(stderr, "tk_find_bytes: len %zu from %zu n %zu: %td, want %td\n", len,
                        from, n, got ? got - h : -1, want ? want - h : -1);
            }
        }
        free(h);
    }
    CU_ASSERT(!bad);
    /* a match straddling a sixteen-byte block and one in the tail */
    const char *t = "xxxxxxxxxxxxxxxneedlexxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxneedle";
    CU_ASSERT(tk_find_bytes(t, strlen(t), "needle", 6) == t + 15);
    CU_ASSERT(tk_find_bytes(t + 16, strlen(t) - 16, "needle", 6) == t + strlen(t) - 6);
    CU_ASSERT(tk_find_bytes(t, strlen(t) - 1, "needle", 6) == t + 15);
    CU_ASSERT(tk_find_bytes(t + 16, strlen(t) - 17, "needle", 6) == NULL);
    CU_ASSERT(tk_find_bytes(t, 3, "needle", 6) == NULL);
}

static void test_next_upper(void)
{
    unsigned seed = 11;
    int bad = 0;
    for (size_t len = 0; len < 90 && !bad; len++) {
        unsigned char *t = malloc(len + 1);
        fill((char *)t, len, &seed);
        for (size_t i = 0; i <= len && !bad; i++)
            if (tk_next_upper(t, i, len) != upper_ref(t, i, len)) {
                bad = 1;
                fprintf(stderr, "tk_next_upper: len %zu from %zu\n", len, i);
            }
        free(t);
    }
    CU_ASSERT(!bad);
    /* bytes just outside A-Z ('@', '[') and non-ASCII bytes are no capitals */
    const unsigned char *s = (const unsigned char *)"@[`{\xc3\x80\xe2\x80\x94@[`{@[`{@[`{Q";
    CU_ASSERT(tk_next_upper(s, 0, strlen((const char *)s)) == strlen((const char *)s) - 1);
}

static int run4_ref(const char *t, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++)
        if (isdigit((unsigned char)t[i]) && isdigit((unsigned char)t[i + 1]) &&
            isdigit((unsigned char)t[i + 2]) && isdigit((unsigned char)t[i + 3]))
            return 1;
    return 0;
}

static void test_digit_run4(void)
{
    int bad = 0;
    /* four digits at every offset of texts of every length up to 60, and three */
    for (size_t len = 0; len <= 60 && !bad; len++)
        for (size_t at = 0; at <= len && !bad; at++)
            for (size_t run = 3; run <= 4 && !bad; run++) {
                char *t = malloc(len + 1);
                memset(t, 'x', len);
                for (size_t k = at; k < at + run && k < len; k++)
                    t[k] = (char)('0' + k % 10);
                if (at >= 2) /* a digit apart from the run: no run with it */
                    t[at - 2] = '9';
                if (tk_digit_run4(t, len) != run4_ref(t, len)) {
                    bad = 1;
                    fprintf(stderr, "tk_digit_run4: len %zu run %zu at %zu\n", len, run, at);
                }
                free(t);
            }
    CU_ASSERT(!bad);
    CU_ASSERT(tk_digit_run4("June 3, 1949", 12));
    CU_ASSERT(!tk_digit_run4("June 3, 194 9", 13));
    CU_ASSERT(!tk_digit_run4("/0:9 :09/", 9)); /* '/' and ':' border the digits */
}

void tk_suite_scan(void);
void tk_suite_scan(void)
{
    CU_pSuite s = CU_add_suite("scan", NULL, NULL);
    CU_add_test(s, "tk_find_bytes against a byte loop", test_find_bytes);
    CU_add_test(s, "tk_next_upper against a byte loop", test_next_upper);
    CU_add_test(s, "tk_digit_run4 against a byte loop", test_digit_run4);
}
