/* reader.c: bytes -> checked UTF-8 lines with positions (iconv for other encodings; BOM,
 * CRLF and lone CR accepted; characters XML 1.0 forbids reported and dropped). */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"

/* Stop reporting after this many invalid sequences (the first ones locate the problem). */
#define MAX_UTF8_REPORTS 10

unsigned tk_utf8_col(const char *s, size_t off)
{
    unsigned c = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* Decodes one UTF-8 sequence at p (n bytes available). Returns its length and the code point
 * in *cp, or 0 when the sequence is invalid (overlong, surrogate, > U+10FFFF, truncated). */
static size_t utf8_decode(const unsigned char *p, size_t n, unsigned long *cp)
{
    unsigned char c = p[0];
    size_t len;
    unsigned long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* 1 when XML 1.0 allows the character (tab, LF and CR are handled as line structure). */
static int xml_char_ok(unsigned long c)
{
    if (c < 0x20)
        return c == '\t';
    if (c == 0xFFFE || c == 0xFFFF)
        return 0;
    return 1;
}

static int is_utf8_name(const char *e)
{
    return strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0;
}

/* Converts data from `enc` to UTF-8 with iconv. Returns a malloc'd buffer or NULL (reported). */
static char *convert_encoding(const char *data, size_t len, const char *enc, const char *file,
                              tk_diag *d, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) {
        TK_MSG(d, ENCODING_UNKNOWN, file, 0, 0, enc);
        return NULL;
    }
    size_t cap = len * 2 + 16, used = 0;
    char *out = tk_malloc_big(cap);
    char *in = (char *)data;
    size_t left = len;
    while (out != NULL) {
        char *op = out + used;
        size_t oleft = cap - used;
        size_t r = iconv(cd, &in, &left, &op, &oleft);
        used = (size_t)(op - out);
        if (r != (size_t)-1) {
            op = out + used;
            oleft = cap - used;
            iconv(cd, NULL, NULL, &op, &oleft); /* flush shift state */
            used = (size_t)(op - out);
            break;
        }
        if (errno == E2BIG) {
            char *g = tk_xrealloc(out, cap * 2);
            if (g == NULL) {
                free(out);
                out = NULL;
                break;
            }
            out = g;
            cap *= 2;
            continue;
        }
        /* EILSEQ or EINVAL: position in the input bytes */
        long at = (long)(in - data);
        unsigned line = 1;
        for (long i = 0; i < at; i++)
            if (data[i] == '\n')
                line++;
        TK_MSG_AT(d, ENCODING, at, file, line, 0, at, errno == EINVAL ? "incomplete character at end" : "invalid byte", enc);
        free(out);
        out = NULL;
        break;
    }
    iconv_close(cd);
    if (out == NULL && errno == ENOMEM)
        TK_MSG(d, OOM, file, 0, 0);
    *out_len = used;
    return out;
}

/* 1 when the text is valid UTF-8 without characters XML forbids (the common case). */
static int is_clean(const unsigned char *p, size_t n, int *has_cr)
{
    *has_cr = 0;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time while they are printable ASCII (no byte >= 0x80 or < 0x20) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t t = (w | 0x8080808080808080u) - 0x2020202020202020u; /* no borrows */
            if (((w | ~t) & 0x8080808080808080u) != 0) /* a byte >= 0x80, or < 0x20 */
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c == '\r')
            *has_cr = 1;
        if (c >= 0x20 && c < 0x80)
            continue;
        if (c == '\n' || c == '\r' || c == '\t')
            continue;
        if (c < 0x80)
            return 0;
        unsigned long cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0 || !xml_char_ok(cp))
            return 0;
        i += k - 1;
    }
    return 1;
}

/* Appends a line to out (cap: its allocated size). Returns 0, or -1 out of memory. */
static int push_line(tk_lines *out, size_t *cap, const char *s, size_t len, unsigned no,
                     size_t byte)
{
    if (tk_grow((void **)&out->v, cap, out->n, sizeof *out->v, 1024) != 0)
        return -1;
    out->v[out->n].s = s;
    out->v[out->n].len = len;
    out->v[out->n].no = no;
    out->v[out->n].byte = (long)byte;
    out->n++;
    return 0;
}

/* Splits clean text data[from, n) into lines that point into it (has_cr: it holds a CR).
 * Returns 0 or -1. */
static int split_clean(const char *data, size_t from, size_t n, int has_cr, tk_lines *out)
{
    size_t cap = n / 24 + 16, i = from, start = from;
    unsigned no = 1;
    out->v = tk_malloc_big(cap * sizeof *out->v);
    if (out->v == NULL)
        return -1;
    for (;;) {
        if (!has_cr) { /* only LF ends a line */
            const char *nl = memchr(data + i, '\n', n - i);
            i = nl != NULL ? (size_t)(nl - data) : n;
        }
        while (i < n && data[i] != '\n' && data[i] != '\r')
            i++;
        if (i == n && start == n)
            break; /* no empty last line after a final terminator */
        if (push_line(out, &cap, data + start, i - start, no++, start) != 0)
            return -1;
        if (i == n)
            break;
        if (data[i] == '\r' && i + 1 < n && data[i + 1] == '\n')
            i++;
        start = ++i;
    }
    return 0;
}

int tk_read_lines(const char *data, size_t len, const char *encoding, const char *file,
                  tk_diag *d, tk_lines *out)
{
    char *converted = NULL;
    const unsigned char *p;
    size_t n, cap_lines;
    unsigned line_no = 1;
    unsigned bad_utf8 = 0;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (encoding != NULL && !is_utf8_name(encoding)) {
        size_t clen;
        converted = convert_encoding(data, len, encoding, file, d, &clen);
        if (converted == NULL)
            return -1;
        data = converted;
        len = clen;
    }
    p = (const unsigned char *)data;
    n = len;
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    int has_cr;
    if (is_clean(p + i, n - i, &has_cr)) {
        /* nothing to drop: the lines point into the input (or the converted copy) */
        rc = split_clean(data, i, n, has_cr, out);
        if (rc == 0) {
            out->buf = converted;
            converted = NULL;
        } else {
            TK_MSG(d, OOM, file, 0, 0);
        }
        goto out;
    }
    out->buf = tk_malloc_big(n + 1);
    cap_lines = n / 40 + 16;
    out->v = tk_malloc_big(cap_lines * sizeof *out->v);
    if (out->buf == NULL || out->v == NULL)
        goto nomem;

    char *w = out->buf;
    char *line_start = w;
    size_t line_start_byte = i;
    size_t line_first_in = i; /* input offset where the current line starts (for columns) */
    while (i <= n) {
        if (i == n || p[i] == '\n' || p[i] == '\r') {
            if (i == n && w == line_start && line_start_byte == n)
                break; /* no empty last line after a final terminator */
            if (push_line(out, &cap_lines, line_start, (size_t)(w - line_start), line_no,
                          line_start_byte) != 0)
                goto nomem;
            if (i == n)
                break;
            if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
                i++;
            i++;
            *w++ = '\n';
            line_start = w;
            line_start_byte = i;
            line_first_in = i;
            line_no++;
            continue;
        }
        if (p[i] < 0x80 && p[i] >= 0x20) { /* fast path: printable ASCII */
            *w++ = (char)p[i++];
            continue;
        }
        unsigned long cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            if (bad_utf8 < MAX_UTF8_REPORTS)
                TK_MSG_AT(d, UTF8, (long)i, file, line_no, tk_utf8_col((const char *)p + line_first_in,
                                              i - line_first_in), p[i], i);
            else if (bad_utf8 == MAX_UTF8_REPORTS)
                TK_MSG(d, UTF8_MORE, file, line_no, 0);
            bad_utf8++;
            i++;
            continue;
        }
        if (!xml_char_ok(cp)) {
            TK_MSG_AT(d, XML_CHAR, (long)i, file, line_no, tk_utf8_col((const char *)p + line_first_in, i - line_first_in), cp);
            i += k;
            continue;
        }
        memcpy(w, p + i, k);
        w += k;
        i += k;
    }
    *w = '\0';
    if (bad_utf8 > 0)
        goto fail;
    rc = 0;
    goto out;
nomem:
    TK_MSG(d, OOM, file, 0, 0);
fail:
    tk_lines_free(out);
out:
    free(converted);
    return rc;
}

void tk_lines_free(tk_lines *l)
{
    if (l == NULL)
        return;
    free(l->buf);
    free(l->v);
    memset(l, 0, sizeof *l);
}
