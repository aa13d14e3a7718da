/* captions.c: WebVTT and SRT captions -> TEI: each cue a turn (one per speaker: `- `, voice
 * tags) whose start and end times are anchors into the text's timeline, cue tags as TEI, the
 * cue text through the inline pass, the header and NOTE/STYLE/REGION blocks kept as printed
 * (docs/convert.md, "Captions"). */
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
    /* header lines `Key: value` under WEBVTT (they stay printed in the head too) whose key
       the teiHeader has a place for: `Language:` (langUsage), `Kind: captions` (the text's
       type, a keyword) */
    static const struct {
        const char *key, *meta;
    } keys[] = {{"language", "language"}, {"kind", "type"}};
    if (L->n == 0 || !keyword_line(&L->v[0], "WEBVTT"))
        return;
    for (size_t i = 1; i < L->n && !blank(&L->v[i]); i++) {
        const char *s = L->v[i].s, *c = memchr(s, ':', L->v[i].len);
        size_t kn = c != NULL ? (size_t)(c - s) : 0, k = 0;
        char key[40];
        for (size_t j = 0; j < kn; j++)
            if (!((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || is_digit(s[j]) ||
                  s[j] == '-' || s[j] == '_'))
                kn = 0;
        if (kn == 0 || kn >= sizeof key)
            continue;
        for (size_t j = 0; j < kn; j++)
            key[j] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] - 'A' + 'a' : s[j]);
        key[kn] = '\0';
        while (k < sizeof keys / sizeof *keys && strcmp(keys[k].key, key) != 0)
            k++;
        const char *v = c + 1, *e = s + L->v[i].len;
        while (v < e && is_space(*v))
            v++;
        while (e > v && is_space(e[-1]))
            e--;
        if (e > v && k < sizeof keys / sizeof *keys)
            tk_meta_set(db, keys[k].meta, v, (size_t)(e - v), L->v[i].no, 0);
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

/* A when of the timeline with id `id`, `ms` after origin, and under p the anchor pointing to
 * it: @n the time as printed (ts[0..len)), @rend `rend`. */
static void time_anchor(tk_conv *cv, xmlNodePtr p, const char *id, long long ms,
                        const char *origin, const char *ts, size_t len, const char *rend)
{
    char ref[100], iv[48], printed[64];
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
    set(a, "rend", rend);
}

/* A cue's start or end (side 's' or 'e'): id tk-[prefix]C<cue><side>. */
static void time_point(tk_conv *cv, xmlNodePtr p, size_t cue, char side, const char *ts,
                       size_t len, long long ms, const char *origin)
{
    char id[96];
    snprintf(id, sizeof id, "tk-%sC%zu%c", cv->id_prefix, cue, side);
    time_anchor(cv, p, id, ms, origin, ts, len, "bare");
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

/* ------------------------------------------------------------------ cue text */

/* The text of one turn of a cue as a span: lines joined by '\n', the first from byte k. */
typedef struct cue_span {
    char *text;
    size_t *starts;
    unsigned *nos, *cols;
    tk_span sp;
} cue_span;

static void cue_span_make(cue_span *c, const tk_lines *L, size_t from, size_t to, size_t k)
{
    size_t need = 1, n = to - from;
    for (size_t i = from; i < to; i++)
        need += L->v[i].len + 1;
    c->text = tk_xmalloc(need);
    c->starts = tk_xmalloc(n * sizeof *c->starts);
    c->nos = tk_xmalloc(n * sizeof *c->nos);
    c->cols = tk_xmalloc(n * sizeof *c->cols);
    size_t w = 0;
    for (size_t i = from; i < to; i++) {
        size_t a = i == from ? k : 0;
        if (i > from)
            c->text[w++] = '\n';
        c->starts[i - from] = w;
        c->nos[i - from] = L->v[i].no;
        c->cols[i - from] = tk_utf8_col(L->v[i].s, a);
        memcpy(c->text + w, L->v[i].s + a, L->v[i].len - a);
        w += L->v[i].len - a;
    }
    c->text[w] = '\0';
    c->sp = (tk_span){c->text, w, n, c->starts, c->nos, c->cols};
}

static void cue_span_free(cue_span *c)
{
    free(c->text);
    free(c->starts);
    free(c->nos);
    free(c->cols);
}

/* Bytes [a, b) of the turn's text through the inline pass into parent (brackets, persons,
 * dates: what any paragraph gets). */
static void inline_run(tk_conv *cv, xmlNodePtr parent, const cue_span *c, size_t a, size_t b)
{
    if (b <= a)
        return;
    size_t li = 0, n = c->sp.n_lines;
    while (li + 1 < n && c->starts[li + 1] <= a)
        li++;
    size_t m = 0;
    while (li + m < n && (m == 0 || c->starts[li + m] < b))
        m++;
    size_t *starts = tk_xmalloc(m * sizeof *starts);
    unsigned *cols = tk_xmalloc(m * sizeof *cols);
    for (size_t i = 0; i < m; i++) {
        starts[i] = i == 0 ? 0 : c->starts[li + i] - a;
        cols[i] = i == 0 ? c->cols[li] + tk_utf8_col(c->text + c->starts[li], a - c->starts[li]) - 1
                         : c->cols[li + i];
    }
    tk_span sp = {c->text + a, b - a, m, starts, c->nos + li, cols};
    tk_inline_append(cv, parent, &sp);
    free(starts);
    free(cols);
}

/* WebVTT's inline cue tags (a voice opens a turn instead): the TEI element, its @rend's
 * style token (the tag as printed is the rest of @rend: "tagged tag-NAME[.classes]", which
 * the stylesheets print back in the diplomatic view). */
static const struct cue_tag_def {
    const char *tag, *element, *style;
} cue_tags[] = {
    {"i", "hi", "italic"}, {"b", "hi", "bold"}, {"u", "hi", "underline"},
    {"c", "hi", NULL},     {"lang", "seg", NULL},
};

enum { CT_TEXT, CT_OPEN, CT_CLOSE, CT_TIME };

/* A cue tag at s[0] == '<': its kind and length; the table row (*def), the classes
 * `.x.y` (*cls, *cls_len), the annotation (`<lang en>`: *ann, *ann_len) or the time (*ms).
 * CT_TEXT when it is none teikit reads. */
static int cue_tag(const char *s, size_t n, size_t *len, const struct cue_tag_def **def,
                   size_t *cls, size_t *cls_len, size_t *ann, size_t *ann_len, long long *ms)
{
    size_t i = 1;
    if (i < n && is_digit(s[i])) {
        size_t t = cue_time(s + 1, n - 1, ms);
        if (t == 0 || t + 1 >= n || s[t + 1] != '>')
            return CT_TEXT;
        *len = t + 2;
        return CT_TIME;
    }
    int close = i < n && s[i] == '/';
    i += close;
    size_t a = i;
    while (i < n && s[i] >= 'a' && s[i] <= 'z')
        i++;
    size_t k = 0, nk = sizeof cue_tags / sizeof *cue_tags;
    while (k < nk && (strlen(cue_tags[k].tag) != i - a || memcmp(cue_tags[k].tag, s + a, i - a)))
        k++;
    if (k == nk)
        return CT_TEXT;
    *def = &cue_tags[k];
    *cls = i;
    while (!close && i < n && s[i] == '.' && i + 1 < n && s[i + 1] != '.' && s[i + 1] != '>' &&
           !is_space(s[i + 1])) {
        i += 2;
        while (i < n && s[i] != '.' && s[i] != '>' && s[i] != '<' && !is_space(s[i]))
            i++;
    }
    *cls_len = i - *cls;
    *ann = i;
    *ann_len = 0;
    if (!close && i < n && s[i] == ' ') {
        *ann = ++i;
        while (i < n && s[i] != '>' && s[i] != '<' && s[i] != '\n')
            i++;
        *ann_len = i - *ann;
    }
    if (i >= n || s[i] != '>')
        return CT_TEXT;
    *len = i + 1;
    /* <lang> needs a language tag the header can hold (BCP 47's shape) */
    if (!close && strcmp((*def)->tag, "lang") == 0) {
        size_t run = 0;
        if (*ann_len == 0 || *ann_len > TK_TH_CAPTION_LANG_MAX_BYTES)
            return CT_TEXT;
        for (size_t j = *ann; j < *ann + *ann_len; j++) {
            char c = s[j];
            int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
            if (c == '-' ? run == 0 || j + 1 == *ann + *ann_len : !alnum || run >= 8)
                return CT_TEXT;
            run = c == '-' ? 0 : run + 1;
        }
    } else if (*ann_len > 0) {
        return CT_TEXT;
    }
    return close ? CT_CLOSE : CT_OPEN;
}

/* 1 when `</tag>` follows in s[0..n): an opening tag becomes an element only then (else the
 * renderer would print a closing tag the source has not). */
static int closed_later(const char *s, size_t n, const char *tag)
{
    size_t t = strlen(tag);
    for (size_t i = 0; i + t + 3 <= n; i++)
        if (s[i] == '<' && s[i + 1] == '/' && memcmp(s + i + 2, tag, t) == 0 && s[i + 2 + t] == '>')
            return 1;
    return 0;
}

/* The text of one turn into p: text runs through the inline pass, cue tags as TEI (hi,
 * seg[@xml:lang], anchors into the timeline for `<00:00:01.000>`: ids tk-C<cue>t<k>, *n_times
 * counting them in the cue). */
static void cue_text(tk_conv *cv, xmlNodePtr p, const cue_span *c, size_t cue, size_t *n_times,
                     const char *origin)
{
    enum { DEPTH = 16 };
    xmlNodePtr stack[DEPTH];
    const char *names[DEPTH];
    size_t depth = 0, run = 0;
    const char *t = c->text;
    size_t n = c->sp.len;
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '<')
            continue;
        const struct cue_tag_def *def = NULL;
        size_t len = 0, cls = 0, cls_len = 0, ann = 0, ann_len = 0;
        long long ms = 0;
        int kind = cue_tag(t + i, n - i, &len, &def, &cls, &cls_len, &ann, &ann_len, &ms);
        xmlNodePtr parent = depth > 0 ? stack[depth - 1] : p;
        if (kind == CT_TEXT || (kind == CT_OPEN && (depth == DEPTH ||
                                                    !closed_later(t + i + len, n - i - len, def->tag))) ||
            (kind == CT_CLOSE && (depth == 0 || strcmp(names[depth - 1], def->tag) != 0)))
            continue;
        inline_run(cv, parent, c, run, i);
        run = i + len;
        if (kind == CT_CLOSE) {
            depth--;
        } else if (kind == CT_TIME) {
            char id[96];
            snprintf(id, sizeof id, "tk-%sC%zut%zu", cv->id_prefix, cue, ++*n_times);
            time_anchor(cv, parent, id, ms, origin, t + i + 1, len - 2, "bare tagged");
        } else {
            char rend[160];
            xmlNodePtr el = tk_el(cv, parent, def->element);
            snprintf(rend, sizeof rend, "%s%stagged tag-%s%.*s", def->style ? def->style : "",
                     def->style ? " " : "", def->tag, (int)(cls_len < 100 ? cls_len : 100),
                     t + i + cls);
            set(el, "rend", rend);
            if (ann_len > 0) {
                char lang[40];
                snprintf(lang, sizeof lang, "%.*s", (int)ann_len, t + i + ann);
                xmlNodeSetLang(el, (const xmlChar *)lang);
            }
            names[depth] = def->tag;
            stack[depth++] = el;
        }
        i += len - 1;
    }
    inline_run(cv, depth > 0 ? stack[depth - 1] : p, c, run, n);
}

/* 1 when payload line l opens a turn of its own after the cue's first: `- ` (a change of
 * speaker, as subtitles print it) or a voice tag at its start. */
static int turn_start(const tk_line *l)
{
    size_t name, name_len;
    return (l->len >= 2 && l->s[0] == '-' && is_space(l->s[1])) ||
           voice_tag(l->s, l->len, &name, &name_len) > 0;
}

/* The payload lines [from, to) of one turn into p: a leading `- ` and voice tag as printed
 * (the voice's person to who, a space-separated list of "#id", at most `size` bytes), the
 * rest through cue_text. */
static void payload(tk_conv *cv, xmlNodePtr p, const tk_lines *L, size_t from, size_t to,
                    char *who, size_t size, size_t cue, size_t *n_times, const char *origin)
{
    if (from >= to)
        return;
    const char *s = L->v[from].s;
    size_t n = L->v[from].len, k = 0;
    if (n >= 2 && s[0] == '-' && is_space(s[1])) {
        tk_text(p, s, 2);
        k = 2;
    }
    size_t name = 0, name_len = 0, tag = voice_tag(s + k, n - k, &name, &name_len);
    if (tag > 0) {
        /* (spoken output: the voice tag is the speaker label as printed) */
        int label = cv->opts != NULL && cv->opts->spoken;
        xmlNodePtr seg = tk_el(cv, p, label ? "note" : "seg");
        set(seg, "type", label ? "speaker" : "voice");
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
    cue_span c;
    cue_span_make(&c, L, from, to, k);
    cue_text(cv, p, &c, cue, n_times, origin);
    cue_span_free(&c);
}

/* Spoken output: the cue's first turn becomes an annotationBlock from its start to its end;
 * a later turn (`- `) is a u of its own in that block, which then names no speaker (each u
 * does). Returns the block. */
static xmlNodePtr spoken_cue(tk_conv *cv, xmlNodePtr sp, xmlNodePtr block, size_t cue)
{
    if (block == NULL) {
        char s_ref[100], e_ref[100];
        snprintf(s_ref, sizeof s_ref, "#tk-%sC%zus", cv->id_prefix, cue);
        snprintf(e_ref, sizeof e_ref, "#tk-%sC%zue", cv->id_prefix, cue);
        tk_spoken_turn(cv, sp, s_ref, e_ref);
        return sp->parent;
    }
    tk_spoken_turn(cv, sp, NULL, NULL);
    xmlChar *who = xmlGetProp(block, (const xmlChar *)"who");
    if (who != NULL) {
        tk_xset_prop(block->children, (const xmlChar *)"who", who);
        xmlUnsetProp(block, (const xmlChar *)"who");
        xmlFree(who);
    }
    xmlUnlinkNode(sp);
    xmlAddChild(block, sp);
    return block;
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
        } else if (!is_cue && (keyword_line(&L->v[i], "STYLE") || keyword_line(&L->v[i], "REGION"))) {
            /* a STYLE or REGION block: a comment of its kind, kept as printed */
            xmlNodePtr n = tk_el(cv, body, "note");
            set(n, "type", "comment");
            set(n, "subtype", keyword_line(&L->v[i], "STYLE") ? "style" : "region");
            set(n, "rend", "plain");
            lines_text(n, L, i, end);
        } else if (!is_cue) {
            /* anything else: kept as printed */
            xmlNodePtr p = tk_el(cv, body, "p");
            lines_text(p, L, i, end);
            if (odd++ == 0)
                TK_MSG(cv->diag, CAPTIONS_NOT_CUE, cv->file, L->v[i].no, 1);
        } else {
            cue++;
            /* turns: the first payload line, then each line that opens one (`- `, a voice) */
            size_t from = tl + 1, n_times = 0;
            xmlNodePtr block = NULL; /* spoken output: the cue's annotationBlock */
            do {
                size_t to = from + 1;
                while (to < end && !turn_start(&L->v[to]))
                    to++;
                if (to > end)
                    to = end;
                xmlNodePtr sp = tk_el(cv, body, "sp");
                xmlNodePtr p = tk_el(cv, sp, "p");
                char n[32];
                if (from == tl + 1) { /* the first turn: the identifier and timing line */
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
                    if (from < end)
                        tk_text(p, "\n", 1);
                    if (t.b_ms < t.a_ms)
                        TK_MSG(cv->diag, CAPTIONS_CUE_BACKWARDS, cv->file, l->no, (unsigned)t.b + 1);
                }
                char who[512] = "";
                payload(cv, p, L, from, to, who, sizeof who, cue, &n_times, oref);
                if (who[0] != '\0')
                    set(sp, "who", who);
                snprintf(n, sizeof n, "%zu", cue);
                set(sp, "n", n);
                info->n_turns++;
                if (tk_spoken_on(cv, info->shape))
                    block = spoken_cue(cv, sp, block, cue);
                from = to;
            } while (from < end);
        }
        i = end;
    }
    if (body->children == NULL)
        tk_el(cv, body, "p");
    tk_inline_finish(cv);
}
