/* test_reader.c: bytes -> lines: line ends, BOM, UTF-8 checking with positions, characters
 * XML forbids, iconv conversion. */
#include "tk_internal.h"
#include "tk_test.h"

static int read(const char *s, size_t n, const char *enc, tk_capture *c, tk_lines *L)
{
    tk_diag *d = tk_test_diag(c);
    int rc = tk_read_lines(s, n, enc, "f.txt", d, L);
    tk_diag_free(d);
    return rc;
}

static int line_eq(const tk_line *l, const char *s) { return l->len == strlen(s) && memcmp(l->s, s, l->len) == 0; }

static void test_line_ends(void)
{
    tk_capture c;
    tk_lines L;
    const char in[] = "a\r\nbb\rccc\n\nd";
    CU_ASSERT_EQUAL(read(in, sizeof in - 1, NULL, &c, &L), 0);
    CU_ASSERT_EQUAL(L.n, 5);
    CU_ASSERT(line_eq(&L.v[0], "a"));
    CU_ASSERT(line_eq(&L.v[1], "bb"));
    CU_ASSERT(line_eq(&L.v[2], "ccc"));
    CU_ASSERT(line_eq(&L.v[3], ""));
    CU_ASSERT(line_eq(&L.v[4], "d"));
    CU_ASSERT_EQUAL(L.v[2].no, 3);
    CU_ASSERT_EQUAL(L.v[2].byte, 6);
    CU_ASSERT_EQUAL(L.v[4].byte, 11);
    CU_ASSERT_EQUAL(c.n, 0);
    tk_lines_free(&L);
    /* a final newline adds no empty line; empty input has no lines */
    CU_ASSERT_EQUAL(read("x\n", 2, NULL, &c, &L), 0);
    CU_ASSERT_EQUAL(L.n, 1);
    tk_lines_free(&L);
    CU_ASSERT_EQUAL(read("", 0, NULL, &c, &L), 0);
    CU_ASSERT_EQUAL(L.n, 0);
    tk_lines_free(&L);
}

static void test_bom_and_unicode(void)
{
    tk_capture c;
    tk_lines L;
    const char in[] = "\xEF\xBB\xBF" "Jos\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\t\xC2\xA0 \xF0\x9F\x98\x80";
    CU_ASSERT_EQUAL(read(in, sizeof in - 1, NULL, &c, &L), 0);
    CU_ASSERT_EQUAL(L.n, 1);
    CU_ASSERT(line_eq(&L.v[0], "Jos\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\t\xC2\xA0 \xF0\x9F\x98\x80"));
    CU_ASSERT_EQUAL(c.n, 0);
    tk_lines_free(&L);
}

static void test_invalid_utf8_position(void)
{
    tk_capture c;
    tk_lines L;
    const char in[] = "ok\nab\xC3\xA9z\xFF";
    CU_ASSERT_EQUAL(read(in, sizeof in - 1, NULL, &c, &L), -1);
    CU_ASSERT_EQUAL(L.n, 0);
    /* line 2, column 5 (a b é z then the bad byte), byte offset 8 */
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "error:2:5:utf8:invalid UTF-8 byte 0xFF (byte offset 8)"));
    /* overlong encodings and surrogates are invalid too */
    CU_ASSERT_EQUAL(read("\xC0\x80", 2, NULL, &c, &L), -1);
    CU_ASSERT_EQUAL(read("\xED\xA0\x80", 3, NULL, &c, &L), -1);
    CU_ASSERT_EQUAL(read("\xE2\x80", 2, NULL, &c, &L), -1); /* truncated */
}

static void test_forbidden_chars_dropped(void)
{
    tk_capture c;
    tk_lines L;
    const char in[] = "a\0b\x01" "c\nx\xEF\xBF\xBEy";
    CU_ASSERT_EQUAL(read(in, sizeof in - 1, NULL, &c, &L), 0);
    CU_ASSERT(line_eq(&L.v[0], "abc"));
    CU_ASSERT(line_eq(&L.v[1], "xy"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:1:2:xml-char:character U+0000"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:1:4:xml-char:character U+0001"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "warning:2:2:xml-char:character U+FFFE"));
    CU_ASSERT_EQUAL(c.n, 3);
    tk_lines_free(&L);
}

static void test_iconv(void)
{
    tk_capture c;
    tk_lines L;
    CU_ASSERT_EQUAL(read("caf\xE9\n\x93q\x94", 8, "cp1252", &c, &L), 0);
    CU_ASSERT_EQUAL(L.n, 2);
    CU_ASSERT(line_eq(&L.v[0], "caf\xC3\xA9"));
    CU_ASSERT(line_eq(&L.v[1], "\xE2\x80\x9Cq\xE2\x80\x9D"));
    tk_lines_free(&L);
    CU_ASSERT_EQUAL(read("\xFF\xFEh\0i\0", 6, "UTF-16", &c, &L), 0);
    CU_ASSERT(L.n == 1 && line_eq(&L.v[0], "hi"));
    tk_lines_free(&L);
    CU_ASSERT_EQUAL(read("x", 1, "no-such-encoding", &c, &L), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "unknown encoding 'no-such-encoding'"));
    /* a byte that is not in the named encoding: error with its offset */
    CU_ASSERT_EQUAL(read("ab\x81", 3, "cp1252", &c, &L), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "byte offset 2"));
}

/* The reader checks eight bytes at a time: a byte it must see is found at every offset. */
static void test_every_offset(void)
{
    for (size_t k = 0; k < 40; k++) {
        char in[41];
        tk_capture c;
        tk_lines L;
        memset(in, 'a', 40);
        in[40] = '\0';
        in[k] = '\x01'; /* forbidden in XML: dropped, with a warning at its column */
        CU_ASSERT_EQUAL(read(in, 40, NULL, &c, &L), 0);
        CU_ASSERT(L.n == 1 && L.v[0].len == 39);
        char want[64];
        snprintf(want, sizeof want, "warning:1:%zu:xml-char:", k + 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, want));
        tk_lines_free(&L);
        in[k] = '\xFF'; /* invalid UTF-8: an error at its column */
        CU_ASSERT_EQUAL(read(in, 40, NULL, &c, &L), -1);
        snprintf(want, sizeof want, "error:1:%zu:utf8:", k + 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, want));
        tk_lines_free(&L);
        in[k] = '\r'; /* a lone CR ends a line */
        CU_ASSERT_EQUAL(read(in, 40, NULL, &c, &L), 0);
        CU_ASSERT_EQUAL(L.n, k == 39 ? 1 : 2);
        CU_ASSERT_EQUAL(L.v[0].len, k);
        tk_lines_free(&L);
        in[k] = '\t'; /* a tab is text */
        CU_ASSERT_EQUAL(read(in, 40, NULL, &c, &L), 0);
        CU_ASSERT(L.n == 1 && L.v[0].len == 40 && c.n == 0);
        tk_lines_free(&L);
    }
}

static void test_big_line_linear(void)
{
    tk_capture c;
    tk_lines L;
    size_t n = 1 << 20;
    char *big = malloc(n);
    memset(big, 'x', n);
    CU_ASSERT_EQUAL(read(big, n, NULL, &c, &L), 0);
    CU_ASSERT(L.n == 1 && L.v[0].len == n);
    tk_lines_free(&L);
    free(big);
    CU_ASSERT_EQUAL(tk_utf8_col("a\xC3\xA9" "b", 3), 3);
    tk_lines_free(NULL);
}

void tk_suite_reader(void);
void tk_suite_reader(void)
{
    CU_pSuite s = CU_add_suite("reader", NULL, NULL);
    CU_add_test(s, "line ends LF CRLF CR", test_line_ends);
    CU_add_test(s, "BOM skipped, Unicode kept", test_bom_and_unicode);
    CU_add_test(s, "invalid UTF-8 at line:col and byte", test_invalid_utf8_position);
    CU_add_test(s, "characters XML forbids dropped", test_forbidden_chars_dropped);
    CU_add_test(s, "--encoding through iconv", test_iconv);
    CU_add_test(s, "1 MB line", test_big_line_linear);
    CU_add_test(s, "special bytes at every offset", test_every_offset);
}
