/* fuzz_common.h: what the libFuzzer harnesses of tests/fuzz share: a quiet message
 * collector, the data directory, UTF-8 checks and the oracle's failure report (abort). */
#ifndef TK_FUZZ_COMMON_H
#define TK_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/chvalid.h>
#include <libxml/xmlstring.h>

#include "teikit.h"

/* Counts messages and keeps the last error's text (for the report when an oracle fails). */
struct fuzz_sink {
    unsigned long n;
    char last[512];
};

static void fuzz_quiet_sink(const tk_message *m, void *user)
{
    struct fuzz_sink *s = user;
    s->n++;
    if (m->severity >= TK_ERROR)
        snprintf(s->last, sizeof s->last, "%u:%u: %s [%s]", m->line, m->col, m->text,
                 m->rule != NULL ? m->rule : "-");
}

/* An oracle failed: say which and stop (libFuzzer keeps the input as a crash artifact). */
static void fuzz_fail(const char *harness, const char *what, const char *detail)
{
    fprintf(stderr, "\n==%s oracle failed: %s%s%s\n", harness, what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

/* schemas/ and xslt/ from the source tree the fuzzer runs in, unless TEIKIT_DATADIR names
 * another (tests/fuzz/run.sh sets it). */
static void fuzz_data_dir(void)
{
    if (getenv("TEIKIT_DATADIR") == NULL)
        setenv("TEIKIT_DATADIR", ".", 1);
}

/* 1 when buf[0..len) is valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF). */
static int fuzz_utf8_valid(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        size_t l = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (l == 0 || i + l > len)
            return 0;
        unsigned cp = l == 1 ? c : l == 2 ? (c & 0x1F) : l == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < l; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[l] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += l;
    }
    return 1;
}

/* Copies data keeping only valid UTF-8 characters that XML allows (what the reader hands
 * the converter); NUL-terminated, the caller frees it. */
static char *fuzz_xml_text(const uint8_t *data, size_t size, size_t *len_out)
{
    char *buf = malloc(size + 1);
    if (buf == NULL)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < size;) {
        unsigned char c = data[i];
        size_t l = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        int ok = l > 0 && i + l <= size && fuzz_utf8_valid(data + i, l);
        if (ok && l == 1 && c < 0x20 && c != '\n' && c != '\t' && c != '\r')
            ok = 0;
        if (ok && l > 1) {
            int cl = (int)l, cp = xmlGetUTF8Char(data + i, &cl);
            if (cp < 0 || !xmlIsCharQ(cp))
                ok = 0;
        }
        if (ok) {
            memcpy(buf + n, data + i, l);
            n += l;
            i += l;
        } else
            i++;
    }
    buf[n] = '\0';
    *len_out = n;
    return buf;
}

/* Case-insensitive occurrences of needle (lower case ASCII) in hay[0..len). */
static unsigned long fuzz_count_ci(const char *hay, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    unsigned long c = 0;
    for (size_t i = 0; i + nl <= len; i++) {
        size_t k = 0;
        while (k < nl && (hay[i + k] | 0x20) == needle[k])
            k++;
        c += k == nl;
    }
    return c;
}

#endif
