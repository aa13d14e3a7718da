/* captions.c: WebVTT and SRT captions -> TEI: each cue a turn whose start and end times are
 * anchors into the text's timeline, voice tags as speakers, the header and NOTE/STYLE/REGION
 * blocks kept as printed (docs/convert.md, "Captions"). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_alloc.h"
#include "tk_internal.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Length of a cue time at s ([hh:]mm:ss[.,]mmm, hours any number of digits) and its value
 * in milliseconds; 0 when s holds none. */
static size_t cue_time(const char *s, size_t n, long long *ms)
{
    long long f[3] = {0, 0, 0};
    int nf = 0;
    size_t i = 0;
    for (;;) {
        size_t d = i;
        long long v = 0;
        while (i < n && is_digit(s[i]) && i - d < 9)
            v = v * 10 + (s[i++] - '0');
        if (i == d || nf == 3)
            return 0;
        if (nf > 0 && (i - d != 2 || v > 59))
            return 0;
        f[nf++] = v;
        if (i < n && s[i] == ':')
            i++;
        else
            break;
    }
    if (nf < 2 || i + 4 > n || (s[i] != '.' && s[i] != ',') || !is_digit(s[i + 1]) ||
        !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
        return 0;
    long long frac = (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    i += 4;
    if (i < n && is_digit(s[i]))
        return 0;
    long long h = nf == 3 ? f[0] : 0, m = f[nf - 2], sec = f[nf - 1];
    *ms = ((h * 60 + m) * 60 + sec) * 1000 + frac;
    return i;
}

/* A timing line `START --> END[ settings]`: the offsets of both times and their lengths;
 * returns 1 when l is one. */
typedef struct timing {
    size_t a, alen, b, blen;
    long long a_ms, b_ms;
} timing;

static int timing_line(const tk_line *l, timing *t)
{
    const char *s = l->s;
    size_t n = l->len, i = 0;
    while (i < n && is_space(s[i]))
        i++;
    t->a = i;
    if ((t->alen = cue_time(s + i, n - i, &t->a_ms)) == 0)
        return 0;
    i += t->alen;
    while (i < n && is_space(s[i]))
        i++;
    if (i + 3 > n || memcmp(s + i, "-->", 3) != 0)
        return 0;
    i += 3;
    while (i < n && is_space(s[i]))
        i++;
    t->b = i;
    if ((t->blen = cue_time(s + i, n - i, &t->b_ms)) == 0)
        return 0;
    return t->b + t->blen == n || is_space(s[t->b + t->blen]);
}

/* 1 when line l begins with keyword kw followed by the end of the line, a space or a tab
 * (WEBVTT, NOTE, STYLE, REGION). */
static int keyword_line(const tk_line *l, const char *kw)
{
    size_t k = strlen(kw);
    return l->len >= k && memcmp(l->s, kw, k) == 0 && (l->len == k || is_space(l->s[k]));
}

static int blank(const tk_line *l) { return tk_line_blank(l); }

int tk_captions_detect(const tk_lines *L)
{
    size_t i = 0;
    if (L->n == 0)
        return 0;
    if (keyword_line(&L->v[0], "WEBVTT"))
        return 1;
    while (i < L->n && blank(&L->v[i]))
        i++;
    /* SRT: a cue number alone on its line, then a timing line */
    timing t;
    if (i + 1 >= L->n || L->v[i].len == 0 || L->v[i].len > 9)
        return 0;
    for (size_t k = 0; k < L->v[i].len; k++)
        if (!is_digit(L->v[i].s[k]))
            return 0;
    return timing_line(&L->v[i + 1], &t);
}

void tk_captions_meta(const tk_lines *L, tk_docblocks *db)
{
    /* header lines `Key: value` under WEBVTT whose key the teiHeader has a place for */
    static const char *const keys[] = {"language"};
    if (L->n == 0 || !keyword_line(&L->v[0], "WEBVTT"))
        return;
    for (size_t i = 1; i < L->n && !blank(&L->v[i]); i++) {
        const char *s = L->v[i].s, *c = memchr(s, ':', L->v[i].len);
        if (c == NULL)
            continue;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            size_t n = strlen(keys[k]);
            if ((size_t)(c - s) != n || strncasecmp(s, keys[k], n) != 0)
                continue;
            const char *v = c + 1, *e = s + L->v[i].len;
            while (v < e && is_space(*v))
                v++;
            while (e > v && is_space(e[-1]))
                e--;
            if (e > v)
                tk_meta_set(db, keys[k], v, (size_t)(e - v), L->v[i].no, 0);
        }
    }
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
    tk_xnew_prop(n, (const xmlChar *)name, (const xmlChar *)value);
}

/* Appends lines [from, to) of L to parent as text, separated by newlines. */
static void lines_text(xmlNodePtr parent, const tk_lines *L, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (i > from)
            tk_text(parent, "\n", 1);
        tk_text(parent, L->v[i].s, L->v[i].len);
    }
}

/* A when of the timeline (id tk-[prefix]C<cue><s|e>) and the anchor pointing to it. */
static void time_point(tk_conv *cv, xmlNodePtr p, size_t cue, char side, const char *ts,
                       size_t len, long long ms, const char *origin)
{
    char id[96], ref[100], iv[48], printed[64];
    snprintf(id, sizeof id, "tk-%sC%zu%c", cv->id_prefix, cue, side);
    xmlNodePtr w = tk_el(cv, cv->timeline, "when");
    tk_set_xml_id(w, id);
    snprintf(iv, sizeof iv, "%lld.%03lld", ms / 1000, ms % 1000);
    set(w, "interval", iv);
    set(w, "since", origin);
    xmlNodePtr a = tk_el(cv, p, "anchor");
    snprintf(ref, sizeof ref, "#%s", id);
    set(a, "synch", ref);
    snprintf(printed, sizeof printed, "%.*s", (int)(len < 63 ? len : 63), ts);
    set(a, "n", printed);
    set(a, "rend", "bare");
}

/* A voice tag `<v Name>` or `<v.class Name>` at s: its length and the name's offset and
 * length; 0 when s holds none. */
static size_t voice_tag(const char *s, size_t n, size_t *name, size_t *name_len)
{
    if (n < 4 || s[0] != '<' || s[1] != 'v' || (s[2] != ' ' && s[2] != '.' && s[2] != '\t'))
        return 0;
    size_t i = 2;
    while (i < n && !is_space(s[i]) && s[i] != '>')
        i++; /* classes */
    while (i < n && is_space(s[i]))
        i++;
    size_t a = i;
    while (i < n && s[i] != '>' && s[i] != '<')
        i++;
    if (i >= n || s[i] != '>')
        return 0;
    size_t b = i;
    while (b > a && is_space(s[b - 1]))
        b--;
    if (b == a)
        return 0;
    *name = a;
    *name_len = b - a;
    return i + 1;
}

/* The payload lines [from, to) of one cue into p; the voices' persons go to who (a
 * space-separated list of "#id", at most `size` bytes). */
static void payload(tk_conv *cv, xmlNodePtr p, const tk_lines *L, size_t from, size_t to,
                    char *who, size_t size)
{
    for (size_t i = from; i < to; i++) {
        const char *s = L->v[i].s;
        size_t n = L->v[i].len, k = 0;
        tk_text(p, "\n", 1);
        /* `- ` opens a new speaker's words: the dash stays text */
        if (n >= 2 && s[0] == '-' && is_space(s[1])) {
            tk_text(p, s, 2);
            k = 2;
        }
        size_t name = 0, name_len = 0, tag = voice_tag(s + k, n - k, &name, &name_len);
        if (tag > 0) {
            xmlNodePtr seg = tk_el(cv, p, "seg");
            set(seg, "type", "voice");
            tk_text(seg, s + k, tag);
            const char *id = tk_persons_speaker(cv->persons, s + k + name, name_len);
            size_t w = strlen(who);
            char ref[128];
            snprintf(ref, sizeof ref, "#%s", id != NULL ? id : "");
            if (id != NULL && strlen(id) + 2 <= sizeof ref && strstr(who, ref) == NULL &&
                w + strlen(ref) + 2 < size)
                snprintf(who + w, size - w, "%s%s", w ? " " : "", ref);
            k += tag;
        }
        tk_text(p, s + k, n - k);
    }
}

void tk_captions_build_text(tk_conv *cv, const tk_lines *L, xmlNodePtr tei, tk_docinfo *info)
{
    xmlNodePtr text = tk_el(cv, tei, "text");
    cv->text = text;
    xmlNodePtr front = tk_el(cv, text, "front");
    xmlNodePtr body = tk_el(cv, text, "body");
    char origin[64];
    snprintf(origin, sizeof origin, "tk-%sT0", cv->id_prefix);
    cv->timeline = tk_el(cv, front, "timeline");
    set(cv->timeline, "unit", "s");
    char oref[72];
    snprintf(oref, sizeof oref, "#%s", origin);
    set(cv->timeline, "origin", oref);
    tk_set_xml_id(tk_el(cv, cv->timeline, "when"), origin);
    size_t i = 0, cue = 0, odd = 0;
    while (i < L->n) {
        while (i < L->n && blank(&L->v[i]))
            i++;
        if (i >= L->n)
            break;
        size_t end = i;
        while (end < L->n && !blank(&L->v[end]))
            end++;
        timing t;
        size_t tl = i; /* the timing line: the first, or the second after a cue identifier */
        int is_cue = timing_line(&L->v[i], &t) ||
                     (end - i >= 2 && timing_line(&L->v[i + 1], &t) && (tl = i + 1));
        if (i == 0 && keyword_line(&L->v[0], "WEBVTT")) {
            xmlNodePtr h = tk_el(cv, body, "head");
            lines_text(h, L, i, end);
            /* `WEBVTT - Title`: the text after the keyword titles the document */
            const char *s = L->v[0].s;
            size_t k = 6, n = L->v[0].len;
            while (k < n && (is_space(s[k]) || s[k] == '-'))
                k++;
            while (n > k && is_space(s[n - 1]))
                n--;
            if (n > k && info->title == NULL) {
                info->title = tk_xstrndup(s + k, n - k);
                info->title_line = L->v[0].no;
            }
        } else if (keyword_line(&L->v[i], "NOTE")) {
            xmlNodePtr n = tk_el(cv, body, "note");
            set(n, "type", "comment");
            set(n, "rend", "plain"); /* its keyword NOTE is printed in the text */
            lines_text(n, L, i, end);
        } else if (!is_cue) {
            /* STYLE, REGION, or anything else: kept as printed */
            xmlNodePtr p = tk_el(cv, body, "p");
            lines_text(p, L, i, end);
            if (!keyword_line(&L->v[i], "STYLE") && !keyword_line(&L->v[i], "REGION") &&
                odd++ == 0)
                TK_MSG(cv->diag, CAPTIONS_NOT_CUE, cv->file, L->v[i].no, 1);
        } else {
            cue++;
            xmlNodePtr sp = tk_el(cv, body, "sp");
            xmlNodePtr p = tk_el(cv, sp, "p");
            char n[32];
            if (tl > i) {
                lines_text(p, L, i, tl);
                tk_text(p, "\n", 1);
            }
            const tk_line *l = &L->v[tl];
            tk_text(p, l->s, t.a);
            time_point(cv, p, cue, 's', l->s + t.a, t.alen, t.a_ms, oref);
            tk_text(p, l->s + t.a + t.alen, t.b - t.a - t.alen);
            time_point(cv, p, cue, 'e', l->s + t.b, t.blen, t.b_ms, oref);
            tk_text(p, l->s + t.b + t.blen, l->len - t.b - t.blen);
            char who[512] = "";
            payload(cv, p, L, tl + 1, end, who, sizeof who);
            if (who[0] != '\0')
                set(sp, "who", who);
            snprintf(n, sizeof n, "%zu", cue);
            set(sp, "n", n);
            if (t.b_ms < t.a_ms)
                TK_MSG(cv->diag, CAPTIONS_CUE_BACKWARDS, cv->file, l->no, (unsigned)t.b + 1);
            info->n_turns++;
        }
        i = end;
    }
    if (body->children == NULL)
        tk_el(cv, body, "p");
}
