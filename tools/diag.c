/* diag.c: the one diagnostics module: counts messages by severity and hands them to a sink. */
#include "teikit.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define TK_RULE_SLOTS 64

struct tk_diag {
    tk_diag_sink sink;
    void *user;
    int notes;
    unsigned limit;
    unsigned long counts[TK_SEVERITY_COUNT];
    /* per-rule counters for the limit: rule pointer identity within one file */
    struct { const char *rule; const char *file; unsigned n; } seen[TK_RULE_SLOTS];
    pthread_mutex_t lock;
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

void tk_diag_free(tk_diag *d)
{
    if (d == NULL)
        return;
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

/* Counts one more message of `rule` in `file`; returns 0 once the limit is passed. */
static int under_limit(tk_diag *d, const char *file, const char *rule)
{
    if (d->limit == 0 || rule == NULL)
        return 1;
    for (int i = 0; i < TK_RULE_SLOTS; i++) {
        if (d->seen[i].rule == NULL) {
            d->seen[i].rule = rule;
            d->seen[i].file = file;
            d->seen[i].n = 1;
            return 1;
        }
        if (strcmp(d->seen[i].rule, rule) == 0 &&
            ((file == NULL && d->seen[i].file == NULL) ||
             (file != NULL && d->seen[i].file != NULL && strcmp(file, d->seen[i].file) == 0)))
            return ++d->seen[i].n <= d->limit;
    }
    return 1;
}

static void report_v(tk_diag *d, tk_severity sev, const char *file, unsigned line, unsigned col,
                     long byte, const char *rule, const char *fmt, va_list ap)
{
    char text[1024];
    if (d == NULL || sev >= TK_SEVERITY_COUNT)
        return;
    if (sev == TK_NOTE && !d->notes)
        return;
    vsnprintf(text, sizeof text, fmt, ap);
    pthread_mutex_lock(&d->lock);
    d->counts[sev]++;
    if (d->sink != NULL && (sev >= TK_ERROR || under_limit(d, file, rule))) {
        tk_message m = {sev, file, line, col, byte, rule, text};
        d->sink(&m, d->user);
    }
    pthread_mutex_unlock(&d->lock);
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
    memset(d->counts, 0, sizeof d->counts);
    memset(d->seen, 0, sizeof d->seen);
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
        fputs(m->file, out);
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

/* Writes s as a JSON string literal. */
static void json_string(FILE *out, const char *s)
{
    if (s == NULL) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
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
