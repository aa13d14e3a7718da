/* diag.c: the one diagnostics module: counts messages by severity and hands them to a sink. */
#include "teikit.h"
#include "tk_alloc.h"
#include "tk_internal.h"
#include "tk_messages.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* How many messages of one rule the current file had, for the limit. */
struct seen {
    char *rule;            /* owned copy */
    unsigned long n;       /* messages of the rule so far in the file */
    tk_severity worst;     /* the highest severity held back */
};

/* A message held back by a holding collector (tk_diag_hold): its text formatted only when
 * the target may deliver it (NULL: a warning past the limit, only counted there). */
struct held {
    tk_severity sev;
    char *file;            /* owned copies */
    char *rule;
    unsigned line, col;
    long byte;
    char *raw;             /* the formatted text, cut as report_v cuts it, or NULL */
};

struct tk_diag {
    tk_diag_sink sink;
    void *user;
    int notes;
    unsigned limit;
    unsigned long counts[TK_SEVERITY_COUNT];
    /* per-rule counters for the limit, for one file at a time (owned copies: the caller's
     * strings may be gone by the next message) */
    char *seen_file;       /* the file they count (NULL: messages without a file) */
    struct seen *seen;
    size_t n_seen, cap_seen;
    pthread_mutex_t lock;
    /* a holding collector: messages go to target, held in order until tk_diag_release */
    tk_diag *target;
    int holding;
    struct held *held;
    size_t n_held, cap_held;
    struct seen *hseen;    /* messages held per rule, for the current file (hseen_file) */
    size_t n_hseen, cap_hseen;
    char *hseen_file;
};

static const char *const severity_names[TK_SEVERITY_COUNT] = {
    [TK_NOTE] = "note", [TK_WARNING] = "warning", [TK_ERROR] = "error", [TK_SYSTEM] = "error",
};
_Static_assert(sizeof severity_names / sizeof *severity_names == TK_SEVERITY_COUNT,
               "one name per severity");

tk_diag *tk_diag_new(void)
{
    tk_diag *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    pthread_mutex_init(&d->lock, NULL);
    return d;
}

static void seen_clear(tk_diag *d)
{
    for (size_t i = 0; i < d->n_seen; i++)
        free(d->seen[i].rule);
    d->n_seen = 0;
    free(d->seen_file);
    d->seen_file = NULL;
}

static void held_clear(tk_diag *d)
{
    for (size_t i = 0; i < d->n_held; i++) {
        free(d->held[i].file);
        free(d->held[i].rule);
        free(d->held[i].raw);
    }
    d->n_held = 0;
    for (size_t i = 0; i < d->n_hseen; i++)
        free(d->hseen[i].rule);
    d->n_hseen = 0;
    free(d->hseen_file);
    d->hseen_file = NULL;
}

void tk_diag_free(tk_diag *d)
{
    if (d == NULL)
        return;
    tk_diag_release(d);
    held_clear(d);
    free(d->held);
    free(d->hseen);
    seen_clear(d);
    free(d->seen);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

void tk_diag_set_sink(tk_diag *d, tk_diag_sink sink, void *user)
{
    d->sink = sink;
    d->user = user;
}

void tk_diag_set_notes(tk_diag *d, int enabled) { d->notes = enabled; }
int tk_diag_notes_enabled(const tk_diag *d) { return d != NULL && d->notes; }
void tk_diag_set_limit(tk_diag *d, unsigned limit) { d->limit = limit; }

/* Delivers one "N more ... suppressed" line per rule the limit held back in the current
 * file (not counted: the messages themselves were), then forgets the file. Lock held. */
static void flush_locked(tk_diag *d)
{
    for (size_t i = 0; i < d->n_seen && d->sink != NULL; i++) {
        struct seen *e = &d->seen[i];
        if (e->n <= d->limit)
            continue;
        char text[128];
        snprintf(text, sizeof text, "%lu more %s like this suppressed", e->n - d->limit,
                 e->worst == TK_NOTE ? "notes" : "warnings");
        tk_message m = {TK_NOTE, d->seen_file, 0, 0, -1, e->rule, text};
        d->sink(&m, d->user);
    }
    seen_clear(d);
}

static int same_name(const char *a, const char *b)
{
    return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Counts one more message of `rule` in `file`; returns 0 once the limit is passed. A message
 * for another file first closes the previous file's counts. Lock held. */
static int under_limit(tk_diag *d, const char *file, const char *rule, tk_severity sev)
{
    if (d->limit == 0 || rule == NULL)
        return 1;
    if (d->n_seen > 0 && !same_name(d->seen_file, file))
        flush_locked(d);
    if (d->n_seen == 0 && file != NULL)
        d->seen_file = tk_xstrdup(file);
    for (size_t i = 0; i < d->n_seen; i++) {
        struct seen *e = &d->seen[i];
        if (strcmp(e->rule, rule) == 0) {
            if (++e->n <= d->limit)
                return 1;
            if (sev > e->worst)
                e->worst = sev;
            return 0;
        }
    }
    if (d->n_seen == d->cap_seen) {
        d->cap_seen = d->cap_seen ? 2 * d->cap_seen : 16;
        d->seen = tk_xrealloc(d->seen, d->cap_seen * sizeof *d->seen);
    }
    d->seen[d->n_seen++] = (struct seen){tk_xstrdup(rule), 1, TK_NOTE};
    return 1 <= d->limit;
}

void tk_diag_flush(tk_diag *d)
{
    if (d == NULL)
        return;
    pthread_mutex_lock(&d->lock);
    flush_locked(d);
    pthread_mutex_unlock(&d->lock);
}

/* Decodes the UTF-8 character at s (n bytes available): stores its code point in *cp and
 * returns its length, or 0 when the bytes are not valid UTF-8 (overlong forms, surrogates
 * and code points past U+10FFFF included). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    static const struct { unsigned char mask, lead; size_t len; unsigned min; } forms[] = {
        {0x80, 0x00, 1, 0}, {0xE0, 0xC0, 2, 0x80}, {0xF0, 0xE0, 3, 0x800}, {0xF8, 0xF0, 4, 0x10000},
    };
    for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
        if ((s[0] & forms[f].mask) != forms[f].lead)
            continue;
        size_t len = forms[f].len;
        if (len > n)
            return 0;
        unsigned c = s[0] & (unsigned char)~forms[f].mask;
        for (size_t i = 1; i < len; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[i] & 0x3F);
        }
        if (c < forms[f].min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        *cp = c;
        return len;
    }
    return 0;
}

/* 1 for a character that must not reach a terminal raw: C0 controls but tab (a newline too:
 * one message, one line), DEL, C1 controls, and the bidirectional marks, embeddings,
 * overrides and isolates that reorder what is shown. */
static int is_unsafe(unsigned c)
{
    static const struct { unsigned lo, hi; } ranges[] = {
        {0x00, 0x08}, {0x0A, 0x1F}, {0x7F, 0x9F}, {0x061C, 0x061C},
        {0x200E, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
        if (c >= ranges[i].lo && c <= ranges[i].hi)
            return 1;
    return 0;
}

/* Copies s into out (cap bytes, NUL-terminated) as valid UTF-8 safe for a terminal: unsafe
 * characters become \uXXXX, bytes that are not UTF-8 \xHH; when out is too small the text is
 * cut at a character boundary and ends with "...". */
static void clean_text(const char *s, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), o = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = 0;
        size_t len = utf8_decode(p + i, n - i, &c);
        char esc[12];
        const char *piece = (const char *)p + i;
        size_t plen = len;
        if (len == 0) {
            snprintf(esc, sizeof esc, "\\x%02X", p[i]);
            piece = esc, plen = 4, len = 1;
        } else if (is_unsafe(c)) {
            snprintf(esc, sizeof esc, "\\u%04X", c);
            piece = esc, plen = strlen(esc);
        }
        if (o + plen + 4 > cap) { /* room for "..." and the NUL */
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(out + o, piece, plen);
        o += plen;
        i += len;
    }
    out[o] = '\0';
}

/* 1 when s[0..*n) ends in a character cut short (a lead byte followed by fewer continuation
 * bytes than it announces, as a byte-counted cut leaves it); *n then excludes it. */
static int cut_tail(const char *s, size_t *n)
{
    size_t i = *n;
    while (i > 0 && *n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return 0;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (want <= *n - i + 1)
        return 0;
    *n = i - 1;
    return 1;
}

/* The text of a message into raw (1024 bytes), cut with "..." where too long. */
static void format_raw(char *raw, size_t cap, const char *fmt, va_list ap)
{
    int k = vsnprintf(raw, cap, fmt, ap);
    size_t n = strlen(raw);
    int cut = k >= (int)cap || cut_tail(raw, &n); /* here, or by the caller */
    if (cut)
        memcpy(raw + (n > cap - 4 ? cap - 4 : n), "...", 4);
}

/* Counts a message and delivers it when the limit lets it through. raw is its formatted
 * text, or NULL to format it from fmt/ap only then. Lock held. */
static void deliver_locked(tk_diag *d, tk_severity sev, const char *file, unsigned line,
                           unsigned col, long byte, const char *rule, const char *raw,
                           const char *fmt, va_list ap)
{
    char buf[1024], text[1024];
    d->counts[sev]++;
    /* the text is made only for a message delivered (a file may have 24,000 warnings of one
       rule past the limit; formatting and cleaning them was 5% of its conversion) */
    if (d->sink != NULL && (sev >= TK_ERROR || under_limit(d, file, rule, sev))) {
        if (raw == NULL) {
            if (fmt == NULL)
                return; /* (a held message past the limit: never delivered, see hold_v) */
            format_raw(buf, sizeof buf, fmt, ap);
            raw = buf;
        }
        clean_text(raw, text, sizeof text);
        tk_message m = {sev, file, line, col, byte, rule, text};
        d->sink(&m, d->user);
    }
}

/* Holds one message of a holding collector. Its text is formatted unless the target is sure
 * to suppress it: a warning or note of a rule already held `limit` times for this file (the
 * target, which counts those first, is then past its limit too). Lock of d held. */
static void hold_v(tk_diag *d, tk_severity sev, const char *file, unsigned line, unsigned col,
                   long byte, const char *rule, const char *fmt, va_list ap)
{
    const tk_diag *t = d->target;
    int text = t->sink != NULL;
    if (text && t->limit > 0 && rule != NULL && sev < TK_ERROR) {
        if (d->n_hseen > 0 && !same_name(d->hseen_file, file)) {
            for (size_t i = 0; i < d->n_hseen; i++)
                free(d->hseen[i].rule);
            d->n_hseen = 0;
            free(d->hseen_file);
            d->hseen_file = NULL;
        }
        if (d->n_hseen == 0 && file != NULL)
            d->hseen_file = tk_xstrdup(file);
        size_t i = 0;
        while (i < d->n_hseen && strcmp(d->hseen[i].rule, rule) != 0)
            i++;
        if (i == d->n_hseen) {
            if (d->n_hseen == d->cap_hseen) {
                d->cap_hseen = d->cap_hseen ? 2 * d->cap_hseen : 16;
                d->hseen = tk_xrealloc(d->hseen, d->cap_hseen * sizeof *d->hseen);
            }
            d->hseen[d->n_hseen++] = (struct seen){tk_xstrdup(rule), 0, TK_NOTE};
        }
        text = d->hseen[i].n++ < t->limit;
    }
    if (d->n_held == d->cap_held) {
        d->cap_held = d->cap_held ? 2 * d->cap_held : 64;
        d->held = tk_xrealloc(d->held, d->cap_held * sizeof *d->held);
    }
    struct held *h = &d->held[d->n_held++];
    *h = (struct held){sev, file ? tk_xstrdup(file) : NULL, rule ? tk_xstrdup(rule) : NULL,
                       line, col, byte, NULL};
    if (text) {
        char raw[1024];
        format_raw(raw, sizeof raw, fmt, ap);
        h->raw = tk_xstrdup(raw);
    }
}

static void report_v(tk_diag *d, tk_severity sev, const char *file, unsigned line, unsigned col,
                     long byte, const char *rule, const char *fmt, va_list ap)
{
    if (d == NULL || sev >= TK_SEVERITY_COUNT)
        return;
    if (d->target != NULL) { /* a holding collector */
        if (sev == TK_NOTE && !d->target->notes)
            return;
        pthread_mutex_lock(&d->lock);
        int holding = d->holding;
        if (holding)
            hold_v(d, sev, file, line, col, byte, rule, fmt, ap);
        pthread_mutex_unlock(&d->lock);
        if (!holding)
            report_v(d->target, sev, file, line, col, byte, rule, fmt, ap);
        return;
    }
    if (sev == TK_NOTE && !d->notes)
        return;
    pthread_mutex_lock(&d->lock);
    deliver_locked(d, sev, file, line, col, byte, rule, NULL, fmt, ap);
    pthread_mutex_unlock(&d->lock);
}

/* Delivers a held message (no text: only counted, as the target is past its limit). */
static void deliver_held(tk_diag *t, const struct held *h, ...)
{
    va_list ap;
    va_start(ap, h);
    deliver_locked(t, h->sev, h->file, h->line, h->col, h->byte, h->rule, h->raw, NULL, ap);
    va_end(ap);
}

tk_diag *tk_diag_hold(tk_diag *target)
{
    tk_diag *d = tk_diag_new();
    if (d == NULL)
        tk_oom();
    d->target = target;
    d->holding = 1;
    d->notes = target->notes;
    return d;
}

void tk_diag_release(tk_diag *d)
{
    if (d == NULL || d->target == NULL)
        return;
    pthread_mutex_lock(&d->lock);
    if (d->holding) {
        tk_diag *t = d->target;
        pthread_mutex_lock(&t->lock);
        for (size_t i = 0; i < d->n_held; i++)
            deliver_held(t, &d->held[i]);
        pthread_mutex_unlock(&t->lock);
        held_clear(d);
        d->holding = 0;
    }
    pthread_mutex_unlock(&d->lock);
}

const tk_msgdef tk_msg_table[TK_M_COUNT] = {
#define TK_M_ROW(id, name, sev) [TK_M_##id] = {name, sev, TK_F_##id},
    TK_MESSAGES(TK_M_ROW)
#undef TK_M_ROW
};

tk_msg_id tk_msg_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < TK_M_COUNT; i++)
        if (strcmp(tk_msg_table[i].name, name) == 0)
            return (tk_msg_id)i;
    return TK_M_COUNT;
}

void tk_msg(tk_diag *d, tk_msg_id id, int sev, long byte, const char *fmt, const char *file,
            unsigned line, unsigned col, ...)
{
    va_list ap;
    va_start(ap, col);
    const tk_msgdef *m = &tk_msg_table[id < TK_M_COUNT ? id : 0];
    report_v(d, sev < 0 ? m->sev : (tk_severity)sev, file, line, col, byte, m->name, fmt, ap);
    va_end(ap);
}

void tk_msg_named(tk_diag *d, tk_severity sev, const char *name, const char *file,
                  unsigned line, unsigned col, const char *text)
{
    tk_msg_id id = tk_msg_find(name);
    if (id == TK_M_COUNT)
        id = TK_M_BRACKET_RULE;
    tk_msg(d, id, (int)sev, -1L, "%s", file, line, col, text);
}

void tk_diag_report(tk_diag *d, tk_severity sev, const char *file, unsigned line, unsigned col,
                    const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(d, sev, file, line, col, -1, rule, fmt, ap);
    va_end(ap);
}

void tk_diag_report_at(tk_diag *d, tk_severity sev, const char *file, unsigned line,
                       unsigned col, long byte, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(d, sev, file, line, col, byte, rule, fmt, ap);
    va_end(ap);
}

unsigned long tk_diag_count(const tk_diag *d, tk_severity sev)
{
    return d != NULL && sev < TK_SEVERITY_COUNT ? d->counts[sev] : 0;
}

void tk_diag_reset_counts(tk_diag *d)
{
    pthread_mutex_lock(&d->lock);
    memset(d->counts, 0, sizeof d->counts);
    seen_clear(d);
    pthread_mutex_unlock(&d->lock);
}

int tk_diag_exit_status(const tk_diag *d)
{
    if (d == NULL)
        return 0;
    if (d->counts[TK_SYSTEM] > 0)
        return 2;
    return d->counts[TK_ERROR] > 0 ? 1 : 0;
}

void tk_message_print(const tk_message *m, FILE *out)
{
    if (m->file != NULL) {
        char file[4096];
        clean_text(m->file, file, sizeof file);
        fputs(file, out);
        if (m->line > 0) {
            fprintf(out, ":%u", m->line);
            if (m->col > 0)
                fprintf(out, ":%u", m->col);
        }
        fputs(": ", out);
    } else {
        fputs("teikit: ", out);
    }
    fprintf(out, "%s: %s", severity_names[m->severity], m->text);
    if (m->rule != NULL && m->severity != TK_SYSTEM)
        fprintf(out, " [%s]", m->rule);
    fputc('\n', out);
}

void tk_diag_sink_gcc(const tk_message *m, void *user)
{
    tk_message_print(m, user != NULL ? (FILE *)user : stderr);
}

/* Writes s as a JSON string literal, always valid JSON: bytes that are not UTF-8 become
 * \ufffd, controls and bidirectional controls \uXXXX escapes. */
static void json_string(FILE *out, const char *s)
{
    if (s == NULL) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned c = 0;
        size_t len = utf8_decode(p + i, n - i, &c);
        if (len == 0) {
            fputs("\\ufffd", out);
            i++;
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", (char)c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (is_unsafe(c))
            fprintf(out, "\\u%04x", c);
        else
            fwrite(p + i, 1, len, out);
        i += len;
    }
    fputc('"', out);
}

void tk_diag_sink_json(const tk_message *m, void *user)
{
    FILE *out = user != NULL ? (FILE *)user : stdout;
    fputs("{\"file\":", out);
    json_string(out, m->file);
    fprintf(out, ",\"line\":%u,\"column\":%u,\"severity\":", m->line, m->col);
    json_string(out, severity_names[m->severity]);
    fputs(",\"rule\":", out);
    json_string(out, m->rule);
    fputs(",\"message\":", out);
    json_string(out, m->text);
    fputs("}\n", out);
}

const char *tk_version(void) { return TK_VERSION; }
