/* inlines.c: the inline pass: one left-to-right scan of a span finds brackets (classified by
 * the rule table), footnote markers, dates and person names, then builds the TEI elements. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tk_inline.h"
#include "tk_places.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_BRACKET 600 /* a '[' without ']' within this many bytes is unbalanced */
#define MAX_PAREN 80

enum mark_kind {
    MK_RULE,     /* a bracket encoded by its rule's element */
    MK_SIC,      /* [sic] */
    MK_SICNOTE,  /* the [sic, should be Y] bracket after a choice */
    MK_CHOICE,   /* the words a sic correction replaces */
    MK_EXPAN,    /* com[munist] */
    MK_SUPPLIED, /* [like], [they?], representative[s] */
    MK_GLOSS,    /* [Soviet China specialist] */
    MK_GAP,      /* [2 words illegible] */
    MK_FOOT,     /* footnote marker */
    MK_ANCHOR,   /* timestamp */
    MK_PB,       /* [Page 72] */
    MK_UNCLEAR,  /* x in `x [?]` */
    MK_DATE,
    MK_PERSON,
    MK_PLACE,    /* placeName (tk_places) */
    MK_ORG,      /* orgName (tk_places) */
    MK_COUNT
};

typedef struct mark {
    size_t s, e;       /* bytes of the span this mark covers */
    size_t cs, ce;     /* content range (container marks hold nested marks there) */
    size_t as, ae;     /* an extra range: the correction of a choice, the word part of expan */
    unsigned char kind, container, paren, cert;
    unsigned char figure; /* MK_CHOICE of a corrected figure (`27 [26]`): its bracket ends at ae + 1 */
    const tk_rule_match *rm; /* MK_RULE: the rule and its captures (in the arena) */
    size_t inner;      /* offset of the bracket's inner text */
    const char *id;    /* MK_PERSON, MK_PLACE, MK_ORG */
    const char *rend;  /* footnote marker style */
    tk_date date;
    long num;          /* MK_GAP quantity */
    const char *unit, *reason;
} mark;

typedef struct vec {
    mark *v;
    size_t n, cap;
} vec;

typedef struct ctx {
    tk_conv *cv;
    const tk_span *sp;
    const char *t;
    size_t len;
    vec br;      /* bracket and marker marks: disjoint, in order */
    vec nested;  /* marks inside the content of a bracket: [Received 5 p.m.[82]] */
    vec *out;    /* where bracket() puts marks: br or nested */
    vec dates;   /* accepted dates */
    vec persons; /* candidate persons */
    vec places;  /* candidate places and organisations */
    vec all;
    tk_rule_match *rms;
    size_t n_rms, cap_rms;
    int explain;
    tk_inline_scratch *sc;
    tk_span_cursor cur; /* positions of messages: linear along a line */
    const char *phrase_only; /* the parent's name when it holds phrases only (no stage) */
    int italics;             /* _italics_ may be read by the rules (the parent is p or l) */
} ctx;

/* Buffers reused from span to span (kept in cv->inl): the pass mallocs only when a
 * span is larger or busier than every span before it. */
struct tk_inline_scratch {
    vec br, nested, dates, persons, places, all;
    tk_rule_match *rms;
    size_t cap_rms;
    char *rtext;
    size_t *rmap;
    size_t rcap;
    int busy;
};

/* Frees the buffers of sc (not sc itself). */
static void scratch_buffers_free(tk_inline_scratch *sc)
{
    free(sc->br.v);
    free(sc->nested.v);
    free(sc->dates.v);
    free(sc->persons.v);
    free(sc->places.v);
    free(sc->all.v);
    free(sc->rms);
    free(sc->rtext);
    free(sc->rmap);
}

static void scratch_free(tk_inline_scratch *sc)
{
    if (sc == NULL)
        return;
    scratch_buffers_free(sc);
    free(sc);
}

tk_inline *tk_inline_new(void) { return tk_xcalloc(1, sizeof(tk_inline)); }

void tk_inline_free(tk_inline *in)
{
    if (in == NULL)
        return;
    free(in->parents);
    free(in->when_keys);
    scratch_free(in->scratch);
    free(in);
}

void tk_inline_reset(tk_inline *in)
{
    free(in->when_keys);
    in->when_keys = NULL;
    in->n_when_keys = in->cap_when_keys = 0;
    in->n_parents = 0;
    in->in_note = 0;
}

/* ---- the elements filled, for a note text no marker joined in a fragment ---- */

static void add_parent(tk_inline *in, xmlNodePtr el, unsigned line)
{
    if (in->n_parents > 0 && in->parents[in->n_parents - 1].el == el)
        return;
    if (tk_grow((void **)&in->parents, &in->cap_parents, in->n_parents, sizeof *in->parents,
                16) != 0)
        return;
    in->parents[in->n_parents].el = el;
    in->parents[in->n_parents].line = line;
    in->n_parents++;
}

void tk_inline_forget_parent(tk_conv *cv, xmlNodePtr el)
{
    tk_inline *in = cv->inl;
    size_t w = 0;
    for (size_t i = 0; i < in->n_parents; i++)
        if (in->parents[i].el != el)
            in->parents[w++] = in->parents[i];
    in->n_parents = w;
}

/* The last element filled whose first line is at or before `line`, else the last one filled
 * (NULL when none). */
static xmlNodePtr parent_at(const tk_inline *in, unsigned line)
{
    xmlNodePtr parent = NULL;
    for (size_t k = 0; k < in->n_parents; k++)
        if (in->parents[k].line <= line)
            parent = in->parents[k].el;
    if (parent == NULL && in->n_parents > 0)
        parent = in->parents[in->n_parents - 1].el;
    return parent;
}

int tk_inline_settle(tk_conv *cv)
{
    if (!tk_footnotes_settle(cv))
        return 0;
    cv->inl->n_parents = 0;
    return 1;
}

static mark *push(vec *v)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 16;
        v->v = tk_xrealloc(v->v, nc * sizeof *v->v);
        v->cap = nc;
    }
    mark *m = &v->v[v->n++];
    memset(m, 0, sizeof *m);
    return m;
}

/* A new mark of `kind` over bytes [s, e) with content [cs, ce); NULL when out of memory. */
static mark *push_span(vec *v, int kind, size_t s, size_t e, size_t cs, size_t ce)
{
    mark *m = push(v);
    if (m != NULL) {
        m->kind = (unsigned char)kind;
        m->s = s;
        m->e = e;
        m->cs = cs;
        m->ce = ce;
    }
    return m;
}

static void pos(ctx *c, size_t off, unsigned *line, unsigned *col)
{
    tk_span_pos_at(c->sp, off, &c->cur, line, col);
}

static void explain(ctx *c, size_t off, const char *rule, const char *fmt, const char *a,
                    size_t alen)
{
    if (!c->explain)
        return;
    unsigned l, col;
    pos(c, off, &l, &col);
    char buf[160];
    if (alen > 60)
        alen = 60;
    snprintf(buf, sizeof buf, fmt, (int)alen, a);
    tk_msg_named(c->cv->diag, TK_NOTE, rule, c->cv->file, l, col, buf);
}

static void warn(ctx *c, size_t off, const char *rule, const char *fmt, const char *a, size_t alen)
{
    unsigned l, col;
    pos(c, off, &l, &col);
    char buf[200];
    if (alen > 60)
        alen = 60;
    snprintf(buf, sizeof buf, fmt, (int)alen, a);
    tk_msg_named(c->cv->diag, TK_WARNING, rule, c->cv->file, l, col, buf);
}

/* ---- character classes (bytes of UTF-8) ---- */

static int is_ascii_alpha(unsigned char ch) { return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'; }
static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }
static int is_space(unsigned char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }
/* A letter byte: ASCII letters and the bytes of Latin letters (U+00C0..U+024F). */
static int is_letter_at(const char *t, size_t i)
{
    unsigned char ch = (unsigned char)t[i];
    if (is_ascii_alpha(ch))
        return 1;
    if (ch >= 0xC3 && ch <= 0xC9)
        return 1;
    if (ch >= 0x80 && ch < 0xC0 && i > 0) {
        unsigned char p = (unsigned char)t[i - 1];
        return p >= 0xC3 && p <= 0xC9;
    }
    return 0;
}
static int is_upper(unsigned char ch) { return ch >= 'A' && ch <= 'Z'; }
static int is_lower(unsigned char ch) { return ch >= 'a' && ch <= 'z'; }

/* ---- words: for sic scopes and the supplied/gloss guess ---- */

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_space((unsigned char)s[i]))
            in = 0;
        else if (!in) {
            in = 1;
            w++;
        }
    }
    return w;
}

static int has_capital_word(const char *s, size_t n, int skip_first)
{
    int first = 1;
    for (size_t i = 0; i < n; i++)
        if ((i == 0 || is_space((unsigned char)s[i - 1])) && !is_space((unsigned char)s[i])) {
            if (is_upper((unsigned char)s[i]) && !(first && skip_first) &&
                !(s[i] == 'I' && (i + 1 == n || !is_letter_at(s, i + 1))))
                return 1;
            first = 0;
        }
    return 0;
}

/* The bracket follows the end of a sentence (or the start of the span). */
static int sentence_start(const char *t, size_t at)
{
    size_t i = at;
    while (i > 0 && is_space((unsigned char)t[i - 1]))
        i--;
    if (i == 0)
        return 1;
    char p = t[i - 1];
    return p == '.' || p == '!' || p == '?' || p == ':' || p == '"';
}

/* A capitalized word directly before (skipping spaces) or after the bracket. */
static int name_adjacent(const char *t, size_t len, size_t s, size_t e)
{
    size_t i = s;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    if (i > 0 && i < s) {
        size_t w = i;
        while (w > 0 && is_letter_at(t, w - 1))
            w--;
        if (w < i && is_upper((unsigned char)t[w]) && !sentence_start(t, w) && i - w > 1)
            return 1;
    }
    size_t j = e;
    while (j < len && t[j] == ' ')
        j++;
    return j > e && j < len && is_upper((unsigned char)t[j]);
}

/* ---- marks from brackets ---- */

static tk_rule_match *keep_match(ctx *c, const tk_rule_match *m)
{
    if (c->n_rms == c->cap_rms)
        return NULL; /* arena full (preallocated for the span's brackets) */
    c->rms[c->n_rms] = *m;
    return &c->rms[c->n_rms++];
}

/* The run of words before `at` that a correction of `k` words replaces. */
static int sic_scope(ctx *c, size_t at, size_t floor, size_t k, size_t *ss, size_t *se)
{
    const char *t = c->t;
    size_t i = at;
    while (i > floor && is_space((unsigned char)t[i - 1]))
        i--;
    /* closing brackets and quotes stay outside the sic; punctuation before the bracket
     * means the bracket follows a clause, not a word: no scope */
    if (i > floor && strchr(".,;:!?", t[i - 1]) != NULL)
        return 0;
    while (i > floor && strchr(")\"'", t[i - 1]) != NULL)
        i--;
    if (i >= 3 && i - 3 >= floor && (unsigned char)t[i - 3] == 0xE2 &&
        (unsigned char)t[i - 2] == 0x80 && ((unsigned char)t[i - 1] == 0x9D || (unsigned char)t[i - 1] == 0x99))
        i -= 3; /* ” ’ */
    size_t end = i;
    for (size_t w = 0; w < k; w++) {
        if (w > 0) {
            if (i <= floor || t[i - 1] != ' ')
                return 0;
            i--;
        }
        size_t we = i;
        while (i > floor && !is_space((unsigned char)t[i - 1]) && t[i - 1] != '(' &&
               t[i - 1] != '[' && t[i - 1] != ']')
            i--;
        if (i == we)
            return 0;
        for (size_t q = i; q < we; q++)
            if (strchr(".,;:!?", t[q]) != NULL && q + 1 < we)
                return 0; /* a sentence break inside the scope */
    }
    *ss = i;
    *se = end;
    return end > i;
}

/* Words that give a sic correction medium certainty. */
static const char *const sic_hedges[] = {"probably", "possibly", "perhaps", "apparently",
                                          "presumably", "likely"};
static const char *const sic_fillers[] = {"should be", "read", "i.e.", "for", "correctly"};

static void sic_correction(ctx *c, size_t ins, size_t inl, size_t bs, size_t be, size_t floor)
{
    const char *t = c->t;
    size_t i = ins, e = ins + inl;
    /* skip "sic" and its punctuation */
    i += 3;
    while (i < e && (t[i] == ',' || t[i] == '.' || t[i] == ':' || t[i] == ';' || t[i] == ' '))
        i++;
    int cert = 0;
    for (int again = 1; again;) {
        again = 0;
        for (size_t h = 0; h < sizeof sic_hedges / sizeof *sic_hedges; h++) {
            size_t hl = strlen(sic_hedges[h]);
            if (i + hl < e && strncmp(t + i, sic_hedges[h], hl) == 0 && t[i + hl] == ' ') {
                cert = 1;
                i += hl + 1;
                again = 1;
            }
        }
        for (size_t h = 0; h < sizeof sic_fillers / sizeof *sic_fillers; h++) {
            size_t hl = strlen(sic_fillers[h]);
            if (i + hl < e && strncmp(t + i, sic_fillers[h], hl) == 0 && t[i + hl] == ' ') {
                i += hl + 1;
                again = 1;
            }
        }
    }
    /* quotes around the correction */
    size_t ys = i, ye = e;
    if (ye - ys >= 6 && memcmp(t + ys, "\xe2\x80\x9c", 3) == 0 &&
        memcmp(t + ye - 3, "\xe2\x80\x9d", 3) == 0) {
        ys += 3;
        ye -= 3;
    } else if (ye - ys >= 2 && t[ys] == '"' && t[ye - 1] == '"') {
        ys++;
        ye--;
    }
    if (ye > ys && t[ye - 1] == '?') {
        cert = 1;
        ye--;
    }
    size_t k = count_words(t + ys, ye - ys);
    size_t ss, se;
    mark *m;
    if (k == 0 || k > 6 || !sic_scope(c, bs, floor, k, &ss, &se)) {
        warn(c, bs, "sic-scope",
             "cannot tell which words '[%.*s]' corrects; kept as a sic note", t + ins, inl);
        push_span(c->out, MK_SICNOTE, bs, be, ins, ins + inl);
        return;
    }
    explain(c, ss, "sic-scope", "sic covers '%.*s'", t + ss, se - ss);
    if ((m = push(c->out)) != NULL) {
        m->kind = MK_CHOICE;
        m->s = ss;
        m->e = se;
        m->as = ys;
        m->ae = ye;
        m->cert = (unsigned char)cert;
    }
    push_span(c->out, MK_SICNOTE, bs, be, ins, ins + inl);
}

/* `27 [26]`: a number in brackets after a number and a space, with no note of that label
 * (bracket() looked): the editor's correction of a printed figure, choice/(sic 27, corr 26),
 * the bracket kept as a sic note after the choice so the diplomatic view prints it. 1 when
 * it was one. */
static int figure_correction(ctx *c, size_t bs, size_t be, size_t ins, size_t inl, size_t floor)
{
    const char *t = c->t;
    if (t[bs] != '[' || inl == 0 || inl > 6 || bs < floor + 2 || t[bs - 1] != ' ' ||
        !is_digit((unsigned char)t[bs - 2]))
        return 0;
    for (size_t i = ins; i < ins + inl; i++)
        if (!is_digit((unsigned char)t[i]))
            return 0;
    size_t w = bs - 1, n = 0;
    while (w > floor && n < 7 && is_digit((unsigned char)t[w - 1]))
        w--, n++;
    if (n > 6 || (w > floor && !is_space((unsigned char)t[w - 1]) && t[w - 1] != '('))
        return 0; /* part of a longer token (`No.27 [26]`, `1,027 [26]`) */
    mark *m = push(c->out);
    if (m == NULL)
        return 1;
    m->kind = MK_CHOICE;
    m->figure = 1;
    m->s = w;
    m->e = bs - 1;
    m->as = ins;
    m->ae = ins + inl;
    push_span(c->out, MK_SICNOTE, bs, be, ins, ins + inl);
    explain(c, bs, "figure-correction", "'%.*s' corrects the figure before it: choice/sic/corr",
            t + ins, inl);
    return 1;
}

static const char *const count_units[][2] = {
    {"word", "words"}, {"words", "words"}, {"line", "lines"}, {"lines", "lines"},
    {"letter", "chars"}, {"letters", "chars"}, {"character", "chars"},
    {"characters", "chars"}, {"group", "groups"}, {"groups", "groups"}, {"page", "pages"},
    {"pages", "pages"}, {"second", "s"}, {"seconds", "s"}, {"minute", "min"},
    {"minutes", "min"},
};
static const char *const count_reasons[] = {"illegible", "inaudible", "missing", "omitted",
                                            "garbled", "deleted", "unclear"};

/* [2 words illegible]: returns 1 and fills m when it is a counted gap. */
static int counted_gap(const char *s, size_t n, mark *m)
{
    size_t i = 0;
    long q = 0;
    while (i < n && is_digit((unsigned char)s[i]) && q < 100000)
        q = q * 10 + (s[i++] - '0');
    if (i == 0 || i >= n || s[i] != ' ')
        return 0;
    size_t us = ++i;
    while (i < n && is_lower((unsigned char)s[i]))
        i++;
    const char *unit = NULL;
    for (size_t k = 0; k < sizeof count_units / sizeof *count_units; k++)
        if (strlen(count_units[k][0]) == i - us && memcmp(s + us, count_units[k][0], i - us) == 0)
            unit = count_units[k][1];
    if (unit == NULL || i >= n || s[i] != ' ')
        return 0;
    size_t rs = ++i;
    if (n - rs > 3 && memcmp(s + rs, "of ", 3) == 0)
        return 0;
    for (size_t k = 0; k < sizeof count_reasons / sizeof *count_reasons; k++)
        if (strlen(count_reasons[k]) == n - rs && memcmp(s + rs, count_reasons[k], n - rs) == 0) {
            m->num = q;
            m->unit = unit;
            m->reason = count_reasons[k];
            return 1;
        }
    return 0;
}

/* Not editorial: addresses, URLs, code. */
static int looks_like_code(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '@' || ch == '{' || ch == '}' || ch == '=' || ch == '<' || ch == '>' ||
            ch == '|' || ch == '\\')
            return 1;
        if (ch == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')
            return 1;
        /* site markup like glossary:RCS (a word and a colon, no space) */
        if (ch == ':' && i > 0 && is_ascii_alpha((unsigned char)s[i - 1]) && i + 1 < n &&
            !is_space((unsigned char)s[i + 1])) {
            size_t w = 0;
            while (w < i && is_ascii_alpha((unsigned char)s[w]))
                w++;
            if (w == i)
                return 1;
        }
    }
    return 0;
}

/* Short supplied words vs a gloss or identification: the heuristic of docs/inline.md. */
static void guess(ctx *c, size_t bs, size_t be, size_t ins, size_t inl, int paren)
{
    const char *t = c->t;
    mark *m;
    size_t words = count_words(t + ins, inl);
    int capital = has_capital_word(t + ins, inl, 0);
    int at_start = sentence_start(t, bs);
    int named = name_adjacent(t, c->len, bs, be);
    int supplied;
    const char *why;
    if (words <= 3 && !capital) {
        supplied = 1;
        why = "supplied: up to 3 words, no capital";
    } else if (words <= 3 && at_start && !has_capital_word(t + ins, inl, 1)) {
        supplied = 1;
        why = "supplied: a capital only at the start of a sentence";
    } else if (named || capital || words > 3) {
        supplied = 0;
        why = named ? "gloss: next to a name" : capital ? "gloss: names or titles inside" : "gloss: more than 3 words";
    } else {
        supplied = 1;
        why = "supplied";
    }
    explain(c, bs, supplied ? "supplied" : "gloss", "%.*s", why, strlen(why));
    if ((m = push(c->out)) != NULL) {
        m->kind = supplied ? MK_SUPPLIED : MK_GLOSS;
        m->s = bs;
        m->e = be;
        m->cs = ins;
        m->ce = ins + inl;
        m->container = 1;
        m->paren = (unsigned char)paren;
    }
}

/* The word (letters) before the bracket at bs, not reaching below floor. */
static size_t word_start(const char *t, size_t bs, size_t floor)
{
    size_t w = bs;
    while (w > floor && (is_letter_at(t, w - 1) || t[w - 1] == '\''))
        w--;
    return w;
}

static int all_letters(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_letter_at(s, i) && s[i] != '\'' && s[i] != '.')
            return 0;
    return 1;
}

/* Suffixes a name's completion may end with: `W. R. C[astle, Jr.]` is one expansion. */
static const char *const name_suffixes[] = {", Jr.", ", Sr.", " Jr.", " Sr.", ", 2d", ", 3d"};

/* 1 when the bracket's text completes a word: letters (`com[munist]`), maybe ending in a
 * name's suffix (`C[astle, Jr.]`). */
static int expansion_text(const char *s, size_t n)
{
    if (all_letters(s, n))
        return 1;
    for (size_t k = 0; k < sizeof name_suffixes / sizeof *name_suffixes; k++) {
        size_t m = strlen(name_suffixes[k]);
        if (n > m + 1 && memcmp(s + n - m, name_suffixes[k], m) == 0 && all_letters(s, n - m))
            return 1;
    }
    return 0;
}

/* The bracket is part of a URL, an address or a code token (`http://x/a[1]`, `arr[i]=0`). */
static int in_code_token(const char *t, size_t len, size_t bs, size_t be)
{
    size_t w = bs;
    while (w > 0 && bs - w < 200 && !is_space((unsigned char)t[w - 1]))
        w--;
    for (size_t i = w; i + 2 < bs; i++)
        if ((t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/') || t[i] == '@' ||
            (t[i] == 'w' && t[i + 1] == 'w' && t[i + 2] == 'w' && i + 3 < bs && t[i + 3] == '.'))
            return 1;
    /* code: an index followed by an assignment (`arr[i] = 0`) or a call (`f[0](x)`) */
    size_t j = be;
    while (j < len && t[j] == ' ')
        j++;
    return bs > w && j < len && ((t[j] == '=' && j + 1 < len && t[j + 1] != '=') ||
                                 (j == be && t[j] == '('));
}

/* A footnote marker from bs to be (the label inside); weak: only if a note confirms it. */
static void foot_mark(ctx *c, size_t bs, size_t be, unsigned char weak, const char *why)
{
    const char *t = c->t;
    mark *m = push(c->out);
    if (m == NULL)
        return;
    m->kind = MK_FOOT;
    m->s = bs;
    m->e = be;
    m->cs = bs + 1;
    m->ce = be - 1;
    m->paren = t[bs] == '(';
    m->rend = t[bs] == '(' ? "parenthesized" : "bracketed";
    m->cert = weak;
    explain(c, bs, why, weak ? "'%.*s' is a footnote marker if a note confirms it"
                             : "'%.*s' is a footnote marker", t + bs, be - bs);
}

/* 1 when the rule makes a stage direction. */
static int is_stage_rule(const tk_rule *r)
{
    return r->enc == TK_ENC_ELEMENT && strcmp(r->element, "stage") == 0;
}

/* A bracket the rule table matched: bytes [bs, be), its inner text [ins, ins + inl), the
 * floor below which no mark may reach, how it opens, whether it touches the word before. */
typedef struct brk {
    size_t bs, be, ins, inl, floor;
    char open;
    int touching;
    const tk_rule_match *rm;
} brk;

/* ---- one encoder per rule encoding (TK_ENC_*): each turns the bracket into marks ---- */

typedef void (*encoder)(ctx *c, const brk *b);

static void enc_element(ctx *c, const brk *b)
{
    const tk_rule *r = b->rm->rule;
    tk_rule_match *keep = keep_match(c, b->rm);
    mark *m;
    if (keep == NULL || (m = push(c->out)) == NULL)
        return;
    m->kind = MK_RULE;
    m->rm = keep;
    m->s = b->bs;
    m->e = b->be;
    m->inner = b->ins;
    m->paren = b->open == '(' ? 1 : b->open == '_' ? 2 : 0;
    if (r->content >= 0 && !(r->flags & TK_RF_DESC)) {
        m->container = 1;
        m->cs = b->ins + keep->cap_start[r->content];
        m->ce = b->ins + keep->cap_end[r->content];
    }
    explain(c, b->bs, r->name, "bracket rule '%.*s'", r->name, strlen(r->name));
}

static void enc_sic(ctx *c, const brk *b)
{
    push_span(c->out, MK_SIC, b->bs, b->be, b->ins, b->ins + b->inl);
    explain(c, b->bs, b->rm->rule->name, "[%.*s]: sic note, no scope guessed", c->t + b->ins,
            b->inl);
}

static void enc_sic_corr(ctx *c, const brk *b)
{
    sic_correction(c, b->ins, b->inl, b->bs, b->be, b->floor);
}

static void enc_expan(ctx *c, const brk *b)
{
    const char *t = c->t;
    mark *m;
    if (!expansion_text(t + b->ins, b->inl)) {
        guess(c, b->bs, b->be, b->ins, b->inl, 0);
        return;
    }
    size_t w = word_start(t, b->bs, b->floor);
    size_t e = b->be;
    while (e < c->len && is_letter_at(t, e))
        e++;
    if ((m = push(c->out)) == NULL)
        return;
    m->s = w;
    m->e = e;
    m->as = b->bs;
    m->ae = b->be;
    if (b->bs - w > 4 && b->inl <= 2) { /* representative[s]: a supplied letter */
        m->kind = MK_SUPPLIED;
        explain(c, b->bs, "supplied-letters", "'%.*s' completes a long word: supplied",
                t + b->ins, b->inl);
    } else {
        m->kind = MK_EXPAN;
        explain(c, b->bs, "expansion", "'%.*s' attached to a word: expansion", t + b->ins, b->inl);
    }
}

static void enc_footnote(ctx *c, const brk *b)
{
    if (c->cv->inl->in_note) /* a number inside a note text is not a marker */
        return;
    if (figure_correction(c, b->bs, b->be, b->ins, b->inl, b->floor))
        return;
    if (b->bs > 0 && is_digit((unsigned char)c->t[b->bs - 1])) { /* 4[6] p.m.: a corrected figure */
        guess(c, b->bs, b->be, b->ins, b->inl, b->open == '(');
        return;
    }
    /* weak: parenthesized, or detached from the word before: needs the notes section */
    foot_mark(c, b->bs, b->be, (unsigned char)(b->open == '(' || !b->touching), b->rm->rule->name);
}

static void enc_timestamp(ctx *c, const brk *b)
{
    mark *m = push_span(c->out, MK_ANCHOR, b->bs, b->be, b->ins, b->ins + b->inl);
    if (m != NULL)
        m->paren = b->open == '(';
}

static void enc_pb(ctx *c, const brk *b)
{
    push_span(c->out, MK_PB, b->bs, b->be, b->ins + b->rm->cap_start[1],
              b->ins + b->rm->cap_end[1]);
}

static void enc_gap_count(ctx *c, const brk *b)
{
    mark tmp, *m;
    memset(&tmp, 0, sizeof tmp);
    if (!counted_gap(c->t + b->ins, b->inl, &tmp)) {
        guess(c, b->bs, b->be, b->ins, b->inl, b->open == '(');
        return;
    }
    if ((m = push(c->out)) != NULL) {
        *m = tmp;
        m->kind = MK_GAP;
        m->s = b->bs;
        m->e = b->be;
        m->cs = b->ins;
        m->ce = b->ins + b->inl;
    }
}

/* x [?]: the word before is unclear, the bracket a query note. */
static void unclear_before(ctx *c, const brk *b)
{
    const char *t = c->t;
    mark *m;
    size_t i = b->bs;
    while (i > b->floor && t[i - 1] == ' ')
        i--;
    size_t w = i;
    while (w > b->floor && !is_space((unsigned char)t[w - 1]) && t[w - 1] != ']' &&
           t[w - 1] != '[')
        w--;
    if (w < i && (m = push(c->out)) != NULL) {
        m->kind = MK_UNCLEAR;
        m->s = w;
        m->e = i;
        explain(c, w, "query", "'%.*s' marked unclear by a following [?]", t + w, i - w);
    }
    if ((m = push_span(c->out, MK_GLOSS, b->bs, b->be, b->ins, b->ins + b->inl)) != NULL)
        m->reason = "query";
}

static void enc_query(ctx *c, const brk *b)
{
    mark *m;
    if (b->inl == 1) {
        unclear_before(c, b);
        return;
    }
    if ((m = push_span(c->out, MK_SUPPLIED, b->bs, b->be, b->ins, b->ins + b->inl - 1)) != NULL) {
        m->container = 1;
        m->cert = 1;
        m->paren = b->open == '(';
        explain(c, b->bs, "query", "'%.*s': conjectural reading, supplied with low certainty",
                c->t + b->bs, b->be - b->bs);
    }
}

static void enc_guess(ctx *c, const brk *b)
{
    const char *t = c->t;
    if (b->inl == 0 || count_words(t + b->ins, b->inl) == 0) {
        warn(c, b->bs, "bracket-empty", "empty bracket '%.*s' kept as text", t + b->bs,
             b->be - b->bs);
        return;
    }
    if (looks_like_code(t + b->ins, b->inl)) {
        warn(c, b->bs, "bracket-unknown",
             "bracket '[%.*s]' looks like markup or code; kept as text (a --rules file can "
             "encode it)",
             t + b->ins, b->inl);
        return;
    }
    guess(c, b->bs, b->be, b->ins, b->inl, b->open == '(');
}

static void enc_text(ctx *c, const brk *b)
{
    explain(c, b->bs, b->rm->rule->name, "'%.*s' is not editorial: kept as text", c->t + b->bs,
            b->be - b->bs);
}

static const encoder encoders[] = {
    [TK_ENC_ELEMENT] = enc_element,     [TK_ENC_SIC] = enc_sic,
    [TK_ENC_SIC_CORR] = enc_sic_corr,   [TK_ENC_EXPAN] = enc_expan,
    [TK_ENC_FOOTNOTE] = enc_footnote,   [TK_ENC_TIMESTAMP] = enc_timestamp,
    [TK_ENC_PB] = enc_pb,               [TK_ENC_GAP_COUNT] = enc_gap_count,
    [TK_ENC_QUERY] = enc_query,         [TK_ENC_GUESS] = enc_guess,
    [TK_ENC_TEXT] = enc_text,
};
_Static_assert(sizeof encoders / sizeof *encoders == TK_ENC_COUNT, "an encoder per encoding");

/* The bracket [bs, be): kept as text (code, no rule, a stage direction where none may stand)
 * or turned into marks by the encoder of the rule that matches it. */
static void bracket(ctx *c, size_t bs, size_t be, size_t floor)
{
    const char *t = c->t;
    char open = t[bs];
    if (open == '[' && in_code_token(t, c->len, bs, be)) {
        explain(c, bs, "code", "'%.*s' is part of a URL, address or code: kept as text", t + bs,
                be - bs);
        return;
    }
    size_t ins = bs + 1, inl = be - bs - 2;
    /* the document has a note with this label (`1919[58]`, `[12a]`, `[*]`): a footnote
     * marker, whatever the bracket rules would make of it */
    if (open == '[' && !c->cv->inl->in_note && inl < 8 &&
        tk_footnotes_has_label(c->cv, t + ins, inl)) {
        foot_mark(c, bs, be, 0, "footnote-label");
        return;
    }
    int attached = bs > 0 && is_letter_at(t, bs - 1) && bs > floor;
    int touching = bs > 0 && bs > floor && !is_space((unsigned char)t[bs - 1]);
    tk_rule_match rm;
    /* glued: after a character other than a space ("Heaven--[Jack"): no play direction */
    int glued = bs > 0 && t[bs - 1] != ' ' && t[bs - 1] != '\n' && t[bs - 1] != '\t' &&
                open != '_'; /* (an _italic_ follows no word character: "mind⁠—_Rising._") */
    if (!tk_rules_match(c->cv->rules, open, t + ins, inl,
                        attached | (glued ? TK_BR_GLUED : 0), &rm)) {
        if (open == '[')
            warn(c, bs, "bracket-unknown", "unknown bracket '[%.*s]' kept as text", t + ins, inl);
        return;
    }
    /* a stage direction cannot stand in a dateline or a speaker label (TEI): read the
       bracket as outside a play; a named direction ([Aside]) stays text */
    if (c->phrase_only != NULL && is_stage_rule(rm.rule) &&
        (!tk_rules_match(c->cv->rules, open, t + ins, inl, attached | TK_BR_GLUED, &rm) ||
         is_stage_rule(rm.rule))) {
        warn(c, bs, "bracket-context",
             "'[%.*s]' kept as text: no stage direction in a dateline or speaker label", t + ins,
             inl);
        return;
    }
    brk b = {bs, be, ins, inl, floor, open, touching, &rm};
    if (rm.rule->enc < TK_ENC_COUNT) /* (TK_ENC_COUNT: a rule turned off) */
        encoders[rm.rule->enc](c, &b);
}

/* ---- footnote markers outside brackets: struggle.1, struggle¹ ---- */

static const char *const not_before_marker[] = {"No", "no", "Nos", "p", "pp", "Vol", "vol",
                                                "art", "Art", "ch", "Ch", "sec", "Sec", "para",
                                                "fig", "Fig", "op", "Op", "ll", "Ll", "vols"};

/* Superscript digits: their UTF-8 bytes and value. */
static int superscript_at(const char *t, size_t i, size_t len, size_t *n, int *digit)
{
    unsigned char a = (unsigned char)t[i];
    if (a == 0xC2 && i + 1 < len) {
        unsigned char b = (unsigned char)t[i + 1];
        if (b == 0xB9 || b == 0xB2 || b == 0xB3) {
            *n = 2;
            *digit = b == 0xB9 ? 1 : b == 0xB2 ? 2 : 3;
            return 1;
        }
    }
    if (a == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x81) {
        unsigned char b = (unsigned char)t[i + 2];
        if (b == 0xB0 || (b >= 0xB4 && b <= 0xB9)) {
            *n = 3;
            *digit = b == 0xB0 ? 0 : b - 0xB0;
            return 1;
        }
    }
    return 0;
}

/* A plain-digit marker at i: after a word and punctuation ("struggle.1 But"). */
static size_t digit_marker(ctx *c, size_t i, size_t floor)
{
    const char *t = c->t;
    if (i < 2 || i - 1 <= floor)
        return 0;
    char p = t[i - 1];
    if (strchr(".,;:)\"", p) == NULL && !((unsigned char)p == 0x9D && i >= 3 && (unsigned char)t[i - 3] == 0xE2))
        return 0;
    size_t pe = (unsigned char)p == 0x9D ? i - 3 : i - 1;
    if (pe == 0 || !is_letter_at(t, pe - 1))
        return 0;
    size_t w = pe;
    while (w > floor && is_letter_at(t, w - 1))
        w--;
    if (pe - w < 3 || (w > 0 && (t[w - 1] == '.' || is_digit((unsigned char)t[w - 1]))))
        return 0;
    for (size_t k = 0; k < sizeof not_before_marker / sizeof *not_before_marker; k++)
        if (strlen(not_before_marker[k]) == pe - w && memcmp(not_before_marker[k], t + w, pe - w) == 0)
            return 0;
    size_t j = i;
    while (j < c->len && j - i < 3 && is_digit((unsigned char)t[j]))
        j++;
    if (j == i || (j < c->len && !is_space((unsigned char)t[j])) || t[i] == '0')
        return 0;
    return j - i;
}

/* A number glued to the end of a word, maybe after closing punctuation (`discovered5`,
 * `Montagu345`, `_Paradox_.376`, `Blacksmith.”377`: ebook endnote references) that labels
 * a note of the document: its length, else 0. */
static size_t glued_marker(ctx *c, size_t i, size_t floor)
{
    static const char closing[] = ".,;:)]_*\"'!?";
    const char *t = c->t;
    size_t e = i; /* the end of the word */
    while (e > floor && i - e < 6) {
        unsigned char p = (unsigned char)t[e - 1];
        if (p != 0 && strchr(closing, p) != NULL)
            e--;
        else if (e >= floor + 3 && p >= 0x9C && p <= 0x9D && (unsigned char)t[e - 2] == 0x80 &&
                 (unsigned char)t[e - 3] == 0xE2) /* ” ’ */
            e -= 3;
        else if (e >= floor + 3 && p == 0x99 && (unsigned char)t[e - 2] == 0x80 &&
                 (unsigned char)t[e - 3] == 0xE2)
            e -= 3;
        else
            break;
    }
    if (e < 2 || e - 1 <= floor || !is_letter_at(t, e - 1))
        return 0;
    size_t w = e, lower = 0;
    while (w > floor && is_letter_at(t, w - 1))
        lower += is_lower((unsigned char)t[--w]);
    if (e - w < 2 || lower == 0 || (w > floor && is_digit((unsigned char)t[w - 1])))
        return 0;
    size_t j = i;
    while (j < c->len && j - i < 4 && is_digit((unsigned char)t[j]))
        j++;
    if (t[i] == '0' || (j < c->len && (is_digit((unsigned char)t[j]) || is_letter_at(t, j))))
        return 0;
    return tk_footnotes_has_label(c->cv, t + i, j - i) ? j - i : 0;
}

/* ---- the scan ---- */

/* The end of a bracket nested in the bracket being searched: `[82]` in
 * `[Received 5:11 p.m.[82]]`; 0 when there is none at j. */
static size_t nested_end(const char *t, size_t j, size_t len)
{
    size_t k = j + 1;
    while (k < len && k - j < 40 && t[k] != ']' && t[k] != '[' && t[k] != '\n')
        k++;
    return k < len && t[k] == ']' && k > j + 1 ? k : 0;
}

/* Source HTML left in the text: <sub>2</sub>, <sup>T</sup> (hi, rend "sub tagged": printed
 * as tags). Static rules with the shape of the table's, so the marks build as rule marks. */
static char k_rend[] = "rend", v_sub[] = "sub tagged", v_sup[] = "sup tagged", k_hi[] = "hi",
            k_sub[] = "html-sub", k_sup[] = "html-sup", k_any[] = "*";
static char *attrs_sub[] = {k_rend, v_sub, NULL}, *attrs_sup[] = {k_rend, v_sup, NULL};
static const tk_rule html_rules[2] = {
    {k_sub, '<', '>', k_any, 0, TK_ENC_ELEMENT, k_hi, attrs_sub, 0, 0},
    {k_sup, '<', '>', k_any, 0, TK_ENC_ELEMENT, k_hi, attrs_sup, 0, 0},
};

/* A <sub>...</sub> or <sup>...</sup> at i: a rule mark over it (1), else 0. The content is
 * short, on one line, holds no other tag. */
static int html_tag(ctx *c, size_t i, size_t len)
{
    const char *t = c->t;
    if (i + 11 > len || t[i + 1] != 's' || t[i + 2] != 'u' || t[i + 4] != '>' ||
        (t[i + 3] != 'b' && t[i + 3] != 'p'))
        return 0;
    size_t j = i + 5;
    while (j < len && j - i < 80 && t[j] != '<' && t[j] != '\n')
        j++;
    if (j == i + 5 || j + 6 > len || memcmp(t + j, "</su", 4) != 0 || t[j + 4] != t[i + 3] ||
        t[j + 5] != '>')
        return 0;
    tk_rule_match rm;
    memset(&rm, 0, sizeof rm);
    rm.rule = &html_rules[t[i + 3] == 'p'];
    rm.cap_end[0] = j - i - 5;
    tk_rule_match *keep = keep_match(c, &rm);
    mark *m = keep != NULL ? push(c->out) : NULL;
    if (m == NULL)
        return 0;
    m->kind = MK_RULE;
    m->rm = keep;
    m->s = i;
    m->e = j + 6;
    m->inner = i + 5;
    m->container = 1;
    m->cs = i + 5;
    m->ce = j;
    return 1;
}

/* The closing '_' of words in _italics_ opening at i, 0 when there is none: the '_' follows
 * no word character and precedes one that is no space; the closing one follows no space
 * and precedes no word character, within MAX_BRACKET bytes and one paragraph. */
static size_t italic_end(const char *t, size_t i, size_t floor, size_t len)
{
    unsigned char b = i > floor ? (unsigned char)t[i - 1] : ' ';
    if (isalnum(b) || b == '_' || i + 2 >= len || is_space((unsigned char)t[i + 1]) ||
        t[i + 1] == '_')
        return 0;
    for (size_t j = i + 2; j < len && j - i <= MAX_BRACKET; j++) {
        if (t[j] == '\n' && j + 1 < len && t[j + 1] == '\n')
            return 0;
        if (t[j] == '_' && !is_space((unsigned char)t[j - 1]) &&
            (j + 1 == len || (!isalnum((unsigned char)t[j + 1]) && t[j + 1] != '_')))
            return j;
    }
    return 0;
}

/* What a byte can start: the scan hands each such byte to its kind's handler. */
enum byte_kind {
    BK_NONE,   /* nothing */
    BK_OPEN,   /* '[' '(': a bracket */
    BK_CLOSE,  /* ']' without '[' */
    BK_TAG,    /* '<': <sub>, <sup> */
    BK_ITALIC, /* '_': _italics_ */
    BK_MARKER, /* digits, the lead bytes 0xC2 and 0xE2 of superscripts: footnote markers */
    BK_COUNT
};

static const unsigned char byte_kinds[256] = {
    ['['] = BK_OPEN,   ['('] = BK_OPEN,   [']'] = BK_CLOSE,  ['<'] = BK_TAG,
    ['_'] = BK_ITALIC, ['0'] = BK_MARKER, ['1'] = BK_MARKER, ['2'] = BK_MARKER,
    ['3'] = BK_MARKER, ['4'] = BK_MARKER, ['5'] = BK_MARKER, ['6'] = BK_MARKER,
    ['7'] = BK_MARKER, ['8'] = BK_MARKER, ['9'] = BK_MARKER, [0xC2] = BK_MARKER,
    [0xE2] = BK_MARKER,
};

/* The first byte at or after i that can start an inline mark (byte_kinds), len when none:
 * sixteen bytes at a time with SSE2 (most bytes of a text start nothing), then the table. */
static size_t next_interesting(const char *t, size_t i, size_t len)
{
#ifdef __SSE2__
    const __m128i lo = _mm_set1_epi8('0' - 1), hi = _mm_set1_epi8('9' + 1);
    const __m128i b1 = _mm_set1_epi8('['), b2 = _mm_set1_epi8(']'), b3 = _mm_set1_epi8('(');
    const __m128i b4 = _mm_set1_epi8('_'), b5 = _mm_set1_epi8('<');
    const __m128i b6 = _mm_set1_epi8((char)0xC2), b7 = _mm_set1_epi8((char)0xE2);
    while (i + 16 <= len) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i m = _mm_and_si128(_mm_cmpgt_epi8(x, lo), _mm_cmplt_epi8(x, hi));
        m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, b1), _mm_cmpeq_epi8(x, b2)));
        m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, b3), _mm_cmpeq_epi8(x, b4)));
        m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, b5), _mm_cmpeq_epi8(x, b6)));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(x, b7));
        int bits = _mm_movemask_epi8(m);
        if (bits != 0)
            return i + (size_t)__builtin_ctz((unsigned)bits);
        i += 16;
    }
#endif
    while (i < len && byte_kinds[(unsigned char)t[i]] == BK_NONE)
        i++;
    return i;
}

/* Where the scan of [from, len) is: the byte i a handler is given, the floor below which no
 * new mark may reach, the depth (1 inside a bracket's content), whether a note's text is
 * scanned. A handler leaves i at the last byte it took (the scan goes on after it) and
 * moves floor past the marks it made. */
typedef struct scan_at {
    size_t i, floor, len;
    int depth, in_note;
} scan_at;

static void scan(ctx *c, size_t from, size_t len, int depth);

/* After the marks a handler made (from `before` on in out): go on after the last one. */
static void after_marks(scan_at *s, const vec *out, size_t before)
{
    if (out->n > before) {
        s->floor = out->v[out->n - 1].e;
        s->i = s->floor - 1;
    }
}

/* The end of the bracket opening at s->i (its closing byte), or 0 when it is unbalanced
 * (warned about for '['); *nest when a bracket nests in it ([Received 5 p.m.[82]]). */
static size_t bracket_end(ctx *c, const scan_at *s, int *nest)
{
    const char *t = c->t;
    size_t i = s->i, len = s->len;
    char ch = t[i], close = ch == '[' ? ']' : ')';
    size_t max = ch == '[' ? MAX_BRACKET : MAX_PAREN, j;
    *nest = 0;
    for (j = i + 1; j < len && j - i <= max; j++) {
        if (ch == '[' && t[j] == '[' && s->depth == 0 && *nest == 0) {
            size_t k = nested_end(t, j, len);
            if (k > 0) {
                *nest = 1;
                j = k;
                continue;
            }
        }
        if (t[j] == close || t[j] == ch || (ch == '(' && t[j] == '\n'))
            break;
    }
    if (j >= len || t[j] != close || j - i > max) {
        if (ch == '[')
            warn(c, i, "bracket-unbalanced", "unbalanced '[' kept as text: '%.*s'", t + i,
                 j - i < 40 ? j - i : 40);
        return 0;
    }
    return j;
}

/* '[' or '(': the bracket to its end, as a timestamp in Markdown's escaped brackets or by
 * the rules (bracket()); the marks nested in its content scanned too. */
static void scan_open(ctx *c, scan_at *s)
{
    const char *t = c->t;
    size_t i = s->i;
    int nest;
    size_t j = bracket_end(c, s, &nest);
    if (j == 0)
        return;
    vec *out = c->out;
    size_t before = out->n;
    tk_rule_match em;
    if (t[i] == '[' && i > s->floor && t[i - 1] == '\\' && t[j - 1] == '\\' && j > i + 2 &&
        tk_rules_match(c->cv->rules, '[', t + i + 1, j - i - 2, 0, &em) &&
        em.rule->enc == TK_ENC_TIMESTAMP) {
        /* a timestamp in Markdown's escaped brackets: "\[17:11\]" */
        mark *m = push_span(out, MK_ANCHOR, i - 1, j + 1, i + 1, j - 1);
        if (m != NULL)
            m->paren = 3;
    } else {
        bracket(c, i, j + 1, s->floor);
    }
    if (out->n > before) {
        mark last = out->v[out->n - 1];
        if (nest && last.container && s->depth == 0) {
            c->out = &c->nested;
            scan(c, last.cs, last.ce, 1);
            c->out = out;
        }
        after_marks(s, out, before);
    } else if (t[i] == '[') { /* (an ordinary parenthesis: its inside is scanned too) */
        s->i = j;
        s->floor = j + 1;
    }
}

static void scan_close(ctx *c, scan_at *s)
{
    warn(c, s->i, "bracket-unbalanced", "']' without '[' kept as text%.*s", "", 0);
}

static void scan_tag(ctx *c, scan_at *s)
{
    size_t before = c->out->n;
    if (html_tag(c, s->i, s->len))
        after_marks(s, c->out, before);
}

/* _italics_ that the rules read as a direction, not emphasis ("_is_"): stage-italic, plays. */
static void scan_italic(ctx *c, scan_at *s)
{
    const char *t = c->t;
    size_t i = s->i, len = s->len;
    size_t j = c->italics && s->depth == 0 && !s->in_note ? italic_end(t, i, s->floor, len) : 0;
    size_t before = c->out->n;
    size_t k = j + 1;
    while (k < len && t[k] == ' ')
        k++;
    if (j > 0 && tk_italic_direction(c->cv->rules, t + i + 1, j - i - 1,
                                     k >= len || !(t[k] >= 'a' && t[k] <= 'z')))
        bracket(c, i, j + 1, s->floor);
    after_marks(s, c->out, before);
}

/* A footnote marker outside brackets: superscript digits, a number after a word and
 * punctuation (struggle.1), a number glued to a word that labels a note (none in a note). */
static void scan_marker(ctx *c, scan_at *s)
{
    const char *t = c->t;
    size_t i = s->i, len = s->len, n;
    unsigned char ch = (unsigned char)t[i];
    int d;
    if (s->in_note)
        return;
    if (ch >= 0xC2 && i > s->floor && !is_space((unsigned char)t[i - 1]) &&
        superscript_at(t, i, len, &n, &d)) {
        size_t j = i + n;
        while (j < len && superscript_at(t, j, len, &n, &d))
            j += n;
        mark *m = push(c->out);
        if (m != NULL) {
            m->kind = MK_FOOT;
            m->s = i;
            m->e = j;
            m->cs = i;
            m->ce = j;
            m->rend = "superscript";
        }
        explain(c, i, "footnote-superscript", "'%.*s' is a footnote marker", t + i, j - i);
        s->floor = j;
        s->i = j - 1;
        return;
    }
    int after_punct = 0;
    if (!is_digit(ch))
        return;
    if ((n = digit_marker(c, i, s->floor)) > 0)
        after_punct = 1;
    else if ((n = glued_marker(c, i, s->floor)) == 0)
        return;
    mark *m = push(c->out);
    if (m != NULL) {
        m->kind = MK_FOOT;
        m->s = m->cs = i;
        m->e = m->ce = i + n;
        m->rend = "plain";
    }
    if (after_punct)
        explain(c, i, "footnote-after-punct", "'%.*s' after a word and punctuation is a footnote marker", t + i, n);
    else
        explain(c, i, "footnote-glued", "'%.*s' glued to a word labels a note: footnote marker", t + i, n);
    s->floor = i + n;
    s->i = s->floor - 1;
}

typedef void (*scanner)(ctx *c, scan_at *s);
static const scanner scanners[] = {
    [BK_NONE] = NULL,           [BK_OPEN] = scan_open,     [BK_CLOSE] = scan_close,
    [BK_TAG] = scan_tag,        [BK_ITALIC] = scan_italic, [BK_MARKER] = scan_marker,
};
_Static_assert(sizeof scanners / sizeof *scanners == BK_COUNT, "a handler per byte kind");

/* Marks in [from, len) into c->out: brackets, footnote markers, tags, italics, left to
 * right, each byte that can start one handed to its kind's handler. */
static void scan(ctx *c, size_t from, size_t len, int depth)
{
    scan_at s = {from, from, len, depth, c->cv->inl->in_note};
    for (; s.i < len; s.i++) {
        s.i = next_interesting(c->t, s.i, len);
        if (s.i >= len)
            break;
        scanners[byte_kinds[(unsigned char)c->t[s.i]]](c, &s);
    }
}

/* ---- dates and persons: kept only where they nest with the bracket marks ---- */

/* Does [a, b) nest with the disjoint sorted marks of v (starting the search at *p)? */
static int nests(const vec *v, size_t *p, size_t a, size_t b)
{
    while (*p < v->n && v->v[*p].e <= a)
        (*p)++;
    for (size_t q = *p; q < v->n && v->v[q].s < b; q++) {
        const mark *m = &v->v[q];
        if (m->s >= a && m->e <= b)
            continue; /* inside the candidate */
        if (m->container && a >= m->cs && b <= m->ce)
            continue; /* inside the mark's content */
        return 0;
    }
    return 1;
}

static void on_date(const tk_date *d, void *user)
{
    ctx *c = user;
    tk_date inferred;
    if (d->rule != NULL && strcmp(d->rule, "month-day") == 0) {
        /* a day and month without a year: the document's year, only when asked */
        if (c->cv->opts == NULL || !c->cv->opts->infer_years || c->cv->doc_year[0] == '\0')
            return;
        inferred = *d;
        snprintf(inferred.when, sizeof inferred.when, "%s%s", c->cv->doc_year, d->when + 1);
        d = &inferred;
    }
    if (d->when[0] == '\0' && d->from[0] == '\0' && d->to[0] == '\0') {
        warn(c, d->start, "date", "'%.*s' is not a day of the calendar: kept as text, no @when",
             c->t + d->start, d->end - d->start);
        return;
    }
    mark *m = push(&c->dates);
    if (m == NULL)
        return;
    m->kind = MK_DATE;
    m->s = d->start;
    m->e = d->end;
    m->date = *d;
}

/* The corrected reading for dates: each corrected figure (`3 [4]`) read as its correction
 * (`4`), with the offsets of each byte in the span (from[k]: where a date starting at k
 * starts, to[k]: where one ending before k ends). */
typedef struct corrected {
    ctx *c;
    size_t *from, *to;
} corrected;

static void on_corrected_date(const tk_date *d, void *user)
{
    corrected *r = user;
    tk_date m = *d;
    m.start = r->from[d->start];
    m.end = r->to[d->end];
    on_date(&m, r->c);
}

/* Dates of the span: on its text, or (when a figure in it was corrected: `June 3 [4],
 * 1932`) on its corrected reading, so the date is found and spans the correction. */
static void scan_dates(ctx *c, int order)
{
    size_t nfig = 0;
    for (size_t k = 0; k < c->br.n; k++)
        nfig += c->br.v[k].kind == MK_CHOICE && c->br.v[k].figure;
    if (nfig == 0) {
        tk_dates_scan(c->t, c->len, order, on_date, c);
        return;
    }
    char *text = tk_xmalloc(c->len + 1);
    size_t *from = tk_xmalloc((c->len + 1) * sizeof *from);
    size_t *to = tk_xmalloc((c->len + 1) * sizeof *to);
    size_t n = 0, i = 0;
    for (size_t k = 0; k <= c->br.n; k++) {
        const mark *m = k < c->br.n ? &c->br.v[k] : NULL;
        size_t stop = m != NULL && m->kind == MK_CHOICE && m->figure ? m->s : c->len;
        if (m != NULL && stop == c->len)
            continue;
        for (; i < stop; i++) { /* text as it is */
            text[n] = c->t[i];
            from[n] = i;
            to[n] = i;
            n++;
        }
        if (m == NULL)
            break;
        for (i = m->as; i < m->ae; i++) { /* the correction, in place of the figure */
            text[n] = c->t[i];
            from[n] = i == m->as ? m->s : i;
            to[n] = i;
            n++;
        }
        i = m->ae + 1; /* after the bracket */
        to[n] = i;     /* a date ending with the correction ends after its bracket */
    }
    text[n] = '\0';
    from[n] = c->len;
    to[n] = c->len;
    corrected r = {c, from, to};
    tk_dates_scan(text, n, order, on_corrected_date, &r);
    free(text);
    free(from);
    free(to);
}

typedef struct reading {
    char *text;
    size_t *map; /* reading offset -> span offset */
    size_t len;
} reading;

static void on_person(const tk_person_match *pm, void *user)
{
    void **u = user;
    ctx *c = u[0];
    reading *r = u[1];
    if (pm->end <= pm->start || pm->end > r->len)
        return;
    mark *m = push(&c->persons);
    if (m == NULL)
        return;
    m->kind = MK_PERSON;
    if (r->map == NULL) { /* no brackets: the reading text is the text */
        m->s = pm->start;
        m->e = pm->end;
    } else {
        m->s = r->map[pm->start];
        m->e = r->map[pm->end]; /* through a dropped ']' right after the name */
    }
    m->id = pm->id;
}

static void on_place(const tk_place_match *pm, void *user)
{
    void **u = user;
    ctx *c = u[0];
    reading *r = u[1];
    if (pm->end <= pm->start || pm->end > r->len)
        return;
    mark *m = push(&c->places);
    if (m == NULL)
        return;
    m->kind = pm->kind == TK_PLACE ? MK_PLACE : MK_ORG;
    m->s = r->map == NULL ? pm->start : r->map[pm->start];
    m->e = r->map == NULL ? pm->end : r->map[pm->end];
    m->id = pm->id;
    m->num = pm->index;
}

/* Does [a, b) overlap no mark of the sorted disjoint marks of v (from *p on)? */
static int apart(const vec *v, size_t *p, size_t a, size_t b)
{
    while (*p < v->n && v->v[*p].e <= a)
        (*p)++;
    return *p >= v->n || v->v[*p].s >= b;
}

/* Places and organisations on the reading text, kept where they nest with the bracket and
 * date marks and stay apart from persons (a person's name wins: "George Washington"). */
static void find_places(ctx *c, const reading *rd)
{
    if (c->cv->places == NULL)
        return;
    void *u[2] = {c, (void *)rd};
    tk_places_scan(c->cv->places, rd->map == NULL ? c->t : rd->text, rd->len,
                   c->phrase_only != NULL && strcmp(c->phrase_only, "dateline") == 0, on_place, u);
    size_t pb = 0, pd = 0, pn = 0, pp = 0, keep = 0;
    for (size_t k = 0; k < c->places.n; k++) {
        mark *m = &c->places.v[k];
        if (nests(&c->br, &pb, m->s, m->e) && nests(&c->dates, &pd, m->s, m->e) &&
            nests(&c->nested, &pn, m->s, m->e) && apart(&c->persons, &pp, m->s, m->e)) {
            tk_place_match pm = {m->s, m->e, m->kind == MK_PLACE ? TK_PLACE : TK_ORG, m->id,
                                 (int)m->num};
            tk_places_use(c->cv->places, &pm);
            c->places.v[keep++] = *m;
        }
    }
    c->places.n = keep;
}

/* The text as a reader reads it: expansion brackets dropped, other brackets as spaces, so
 * that `I[van] V. Kovalev` reads `Ivan V. Kovalev`. */
static int reading_text(ctx *c, reading *r)
{
    tk_inline_scratch *sc = c->sc;
    if (c->len + 1 > sc->rcap) {
        sc->rtext = tk_xrealloc(sc->rtext, c->len + 1);
        sc->rmap = tk_xrealloc(sc->rmap, (c->len + 1) * sizeof *sc->rmap);
        sc->rcap = c->len + 1;
    }
    r->text = sc->rtext;
    r->map = sc->rmap;
    size_t k = 0, mi = 0;
    for (size_t i = 0; i < c->len; i++) {
        while (mi < c->br.n && c->br.v[mi].e <= i)
            mi++;
        const mark *m = mi < c->br.n && c->br.v[mi].s <= i ? &c->br.v[mi] : NULL;
        if (m == NULL) { /* up to the next mark (or the end) the text is copied as is */
            size_t e = mi < c->br.n ? c->br.v[mi].s : c->len;
            memcpy(r->text + k, c->t + i, e - i);
            for (; i < e; i++)
                r->map[k++] = i;
            i--;
            continue;
        }
        char ch = c->t[i];
        if ((m->kind == MK_EXPAN || m->kind == MK_SUPPLIED) && m->ae > m->as &&
            (i == m->as || i == m->ae - 1))
            continue; /* drop the brackets of com[munist] */
        if (m->container) {
            if (i < m->cs || i >= m->ce)
                ch = ' ';
        } else if (m->kind != MK_EXPAN && m->kind != MK_SUPPLIED && m->kind != MK_CHOICE &&
                   m->kind != MK_UNCLEAR)
            ch = ' ';
        r->text[k] = ch;
        r->map[k] = i;
        k++;
    }
    r->text[k] = '\0';
    r->map[k] = c->len;
    r->len = k;
    return 0;
}

static int cmp_marks(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->e != y->e)
        return x->e > y->e ? -1 : 1; /* outer first */
    return x->kind == MK_PERSON ? -1 : y->kind == MK_PERSON ? 1 : 0;
}

/* ---- building the elements ---- */

static void set(xmlNodePtr n, const char *name, const char *value)
{
    if (n != NULL)
        tk_xnew_prop(n, (const xmlChar *)name, (const xmlChar *)value);
}

/* @ref="#<prefix><id>" (truncated at 255 bytes as snprintf would): without snprintf, which
 * cost a tenth of the inline pass's marking on a record with many names. */
static void set_ref(xmlNodePtr n, const char *prefix, const char *id)
{
    char ref[256];
    size_t k = 0;
    ref[k++] = '#';
    const char *parts[] = {prefix, id};
    for (size_t i = 0; i < 2; i++) {
        size_t len = strlen(parts[i]);
        if (len > sizeof ref - 1 - k)
            len = sizeof ref - 1 - k;
        memcpy(ref + k, parts[i], len);
        k += len;
    }
    ref[k] = '\0';
    set(n, "ref", ref);
}

/* paren: 0 square brackets, 1 parentheses, 2 underscores (_italics_), 3 Markdown's escaped
 * square brackets (\[ \]) */
static void set_rend(xmlNodePtr n, int paren)
{
    static const char *const rends[] = {"bracketed", "parenthesized", "underscored",
                                        "bracketed escaped"};
    set(n, "rend", rends[paren < 4 ? paren : 0]);
}

static void text_range(ctx *c, xmlNodePtr parent, size_t a, size_t b)
{
    if (b > a)
        tk_text(parent, c->t + a, b - a);
}

/* Attribute value with $N replaced by captures. */
static void subst(ctx *c, const mark *m, const char *v, char *out, size_t cap)
{
    size_t k = 0;
    for (; *v && k + 1 < cap; v++) {
        if (*v == '$' && v[1] >= '0' && v[1] <= '0' + TK_RULE_CAPS) {
            int ci = v[1] - '0';
            size_t s = m->rm->cap_start[ci], e = m->rm->cap_end[ci];
            for (size_t i = s; i < e && k + 1 < cap; i++)
                out[k++] = c->t[m->inner + i];
            v++;
            continue;
        }
        out[k++] = *v;
    }
    out[k] = '\0';
}

static void emit(ctx *c, xmlNodePtr parent, size_t from, size_t to, size_t *i);

/* ---- one builder per mark kind: each makes the element(s) of mark m in parent and returns
 * the element that holds the mark's content (its nested marks are emitted there), or NULL
 * for an atomic mark ---- */

typedef xmlNodePtr (*builder)(ctx *c, xmlNodePtr parent, const mark *m);

/* The header's counts that a rule's element adds to (the first name that matches). */
static const struct {
    const char *element;
    size_t count; /* offsetof(tk_conv, n_...) */
} rule_counts[] = {
    {"gap", offsetof(tk_conv, n_gap)},          {"unclear", offsetof(tk_conv, n_unclear)},
    {"note", offsetof(tk_conv, n_gloss)},       {"vocal", offsetof(tk_conv, n_events)},
    {"incident", offsetof(tk_conv, n_events)},  {"pause", offsetof(tk_conv, n_events)},
    {"kinesic", offsetof(tk_conv, n_events)},   {"stage", offsetof(tk_conv, n_events)},
};

static xmlNodePtr build_rule(ctx *c, xmlNodePtr parent, const mark *m)
{
    tk_conv *cv = c->cv;
    const tk_rule *r = m->rm->rule;
    xmlNodePtr el = tk_el(cv, parent, r->element), inner = NULL;
    char buf[512];
    int has_place = 0;
    for (char **a = r->attrs; a != NULL && *a != NULL; a += 2) {
        if (strcmp(a[0], "prefix") == 0)
            continue;
        subst(c, m, a[1], buf, sizeof buf);
        set(el, a[0], buf);
        if (strcmp(a[0], "place") == 0)
            has_place = 1;
    }
    if (strcmp(r->element, "note") == 0 && !has_place)
        set(el, "place", "inline");
    for (char **a = r->attrs; a != NULL && *a != NULL; a += 2)
        if (strcmp(a[0], "prefix") == 0) {
            char rb[80];
            snprintf(rb, sizeof rb, "bracketed prefixed-%s", a[1]);
            set(el, "rend", rb);
        }
    if (!(r->flags & TK_RF_BARE) && xmlHasProp(el, (const xmlChar *)"rend") == NULL)
        set_rend(el, m->paren);
    if (r->content >= 0) {
        size_t s = m->inner + m->rm->cap_start[r->content];
        size_t e = m->inner + m->rm->cap_end[r->content];
        if (r->flags & TK_RF_DESC)
            text_range(c, tk_el(cv, el, "desc"), s, e);
        else
            inner = el;
    }
    for (size_t k = 0; k < sizeof rule_counts / sizeof *rule_counts; k++)
        if (strcmp(r->element, rule_counts[k].element) == 0) {
            (*(unsigned *)(void *)((char *)cv + rule_counts[k].count))++;
            break;
        }
    return inner;
}

static xmlNodePtr build_sic(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "note");
    set(el, "type", "sic");
    set(el, "place", "inline");
    set_rend(el, 0);
    text_range(c, el, m->cs, m->ce);
    c->cv->n_sic++;
    return NULL;
}

static xmlNodePtr build_choice(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "choice");
    text_range(c, tk_el(c->cv, el, "sic"), m->s, m->e);
    xmlNodePtr corr = tk_el(c->cv, el, "corr");
    if (m->cert)
        set(corr, "cert", "medium");
    text_range(c, corr, m->as, m->ae);
    return NULL;
}

static xmlNodePtr build_expan(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "expan");
    text_range(c, el, m->s, m->as);
    text_range(c, tk_el(c->cv, el, "ex"), m->as + 1, m->ae - 1);
    text_range(c, el, m->ae, m->e);
    c->cv->n_expan++;
    return NULL;
}

static xmlNodePtr build_supplied(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el;
    c->cv->n_supplied++;
    if (m->ae > m->as) { /* representative[s] */
        text_range(c, parent, m->s, m->as);
        el = tk_el(c->cv, parent, "supplied");
        set(el, "reason", "omitted");
        set_rend(el, 0);
        text_range(c, el, m->as + 1, m->ae - 1);
        text_range(c, parent, m->ae, m->e);
        return NULL;
    }
    el = tk_el(c->cv, parent, "supplied");
    set(el, "reason", "omitted");
    if (m->cert) {
        set(el, "cert", "low");
        set(el, "rend", m->paren ? "parenthesized query" : "bracketed query");
    } else
        set_rend(el, m->paren);
    return el;
}

static xmlNodePtr build_gloss(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "note");
    set(el, "type", m->reason != NULL ? m->reason : "editorial");
    set(el, "place", "inline");
    set_rend(el, m->paren);
    c->cv->n_gloss++;
    if (m->container)
        return el;
    text_range(c, el, m->cs, m->ce);
    return NULL;
}

static xmlNodePtr build_gap(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "gap");
    set(el, "reason", m->reason);
    char q[24];
    snprintf(q, sizeof q, "%ld", m->num);
    set(el, "quantity", q);
    set(el, "unit", m->unit);
    set_rend(el, 0);
    text_range(c, tk_el(c->cv, el, "desc"), m->cs, m->ce);
    c->cv->n_gap++;
    return NULL;
}

/* A footnote marker: an empty note, handed to the notes store to wait for its text. */
static xmlNodePtr build_foot(ctx *c, xmlNodePtr parent, const mark *m)
{
    const char *t = c->t;
    xmlNodePtr el = tk_el(c->cv, parent, "note");
    set(el, "place", "foot");
    char n[16];
    size_t nl = m->ce - m->cs;
    if (strcmp(m->rend, "superscript") == 0) {
        size_t k = 0, sn;
        int d;
        for (size_t j = m->cs; j < m->ce && k + 1 < sizeof n; j += sn)
            if (superscript_at(t, j, c->len, &sn, &d))
                n[k++] = (char)('0' + d);
            else
                break;
        n[k] = '\0';
    } else {
        if (nl >= sizeof n)
            nl = sizeof n - 1;
        memcpy(n, t + m->cs, nl);
        n[nl] = '\0';
    }
    set(el, "n", n);
    set(el, "rend", m->rend);
    unsigned l, col;
    pos(c, m->s, &l, &col);
    tk_footnotes_add_marker(c->cv->footnotes, el, n, strlen(n), t + m->s, m->e - m->s, l, col,
                            m->cert);
    return NULL;
}

static xmlNodePtr build_anchor(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_timestamp_anchor(c->cv, parent, c->t + m->cs, m->ce - m->cs);
    if (el == NULL) {
        warn(c, m->s, "timestamp", "'%.*s' is not a valid timestamp; kept as text",
             c->t + m->s, m->e - m->s);
        text_range(c, parent, m->s, m->e);
    } else
        set_rend(el, m->paren);
    return NULL;
}

static xmlNodePtr build_pb(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "pb");
    char n[24];
    size_t nl = m->ce - m->cs < sizeof n - 1 ? m->ce - m->cs : sizeof n - 1;
    memcpy(n, c->t + m->cs, nl);
    n[nl] = '\0';
    set(el, "n", n);
    set_rend(el, 0);
    c->cv->n_pb++;
    return NULL;
}

static xmlNodePtr build_unclear(ctx *c, xmlNodePtr parent, const mark *m)
{
    text_range(c, tk_el(c->cv, parent, "unclear"), m->s, m->e);
    c->cv->n_unclear++;
    return NULL;
}

static xmlNodePtr build_date(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "date");
    if (m->date.when[0]) {
        set(el, "when", m->date.when);
        if (m->date.rule != NULL && strcmp(m->date.rule, "month-day") == 0)
            set(el, "cert", "medium"); /* the year is the document's (--infer-years) */
    } else {
        set(el, "from", m->date.from);
        set(el, "to", m->date.to);
    }
    c->cv->n_dates++;
    return el;
}

static xmlNodePtr build_person(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, "persName");
    set_ref(el, "", m->id);
    return el;
}

static xmlNodePtr build_place(ctx *c, xmlNodePtr parent, const mark *m)
{
    xmlNodePtr el = tk_el(c->cv, parent, m->kind == MK_PLACE ? "placeName" : "orgName");
    set_ref(el, tk_places_corpus(c->cv->places) ? "" : c->cv->id_prefix, m->id);
    return el;
}

static const builder builders[] = {
    [MK_RULE] = build_rule,       [MK_SIC] = build_sic,         [MK_SICNOTE] = build_sic,
    [MK_CHOICE] = build_choice,   [MK_EXPAN] = build_expan,     [MK_SUPPLIED] = build_supplied,
    [MK_GLOSS] = build_gloss,     [MK_GAP] = build_gap,         [MK_FOOT] = build_foot,
    [MK_ANCHOR] = build_anchor,   [MK_PB] = build_pb,           [MK_UNCLEAR] = build_unclear,
    [MK_DATE] = build_date,       [MK_PERSON] = build_person,   [MK_PLACE] = build_place,
    [MK_ORG] = build_place,
};
_Static_assert(sizeof builders / sizeof *builders == MK_COUNT, "a builder per mark kind");

/* Builds the element(s) of mark m in parent; nested marks of a container are emitted into
 * the element its builder returns. */
static void build(ctx *c, xmlNodePtr parent, const mark *m, size_t *i)
{
    xmlNodePtr inner = m->kind < MK_COUNT ? builders[m->kind](c, parent, m) : NULL;
    if (inner != NULL) {
        size_t cs = m->container ? m->cs : m->s, ce = m->container ? m->ce : m->e;
        emit(c, inner, cs, ce, i);
    } else {
        /* nested marks of an atomic mark are dropped */
        while (*i < c->all.n && c->all.v[*i].s < m->e)
            (*i)++;
    }
}

static void emit(ctx *c, xmlNodePtr parent, size_t from, size_t to, size_t *i)
{
    size_t p = from;
    while (*i < c->all.n && c->all.v[*i].s < to) {
        const mark *m = &c->all.v[*i];
        (*i)++;
        if (m->s < p) /* cannot happen with nesting marks; be safe */
            continue;
        text_range(c, parent, p, m->s);
        build(c, parent, m, i);
        p = m->e;
    }
    text_range(c, parent, p, to);
}

/* ---- the pass over one span ---- */

/* What the parent allows: phrases only (no stage direction) in a dateline, a speaker label,
 * a cast list; _italics_ read by the rules in a p or an l. */
static void parent_context(ctx *c, xmlNodePtr parent)
{
    static const char *const phrase_only[] = {"dateline", "speaker", "date", "castItem",
                                              "role", "roleDesc"};
    for (size_t i = 0; i < sizeof phrase_only / sizeof *phrase_only; i++)
        if (parent != NULL && parent->name != NULL && parent->name[0] == phrase_only[i][0] &&
            xmlStrEqual(parent->name, (const xmlChar *)phrase_only[i])) /* (most spans are p) */
            c->phrase_only = phrase_only[i];
    c->italics = parent != NULL && (xmlStrEqual(parent->name, (const xmlChar *)"p") ||
                                    xmlStrEqual(parent->name, (const xmlChar *)"l"));
}

/* How many times byte ch stands in t[0..len). */
static size_t count_byte(const char *t, size_t len, char ch)
{
    size_t n = 0;
    for (const char *p = t; (p = memchr(p, ch, (size_t)(t + len - p))) != NULL; p++)
        n++;
    return n;
}

/* The pass takes the reusable buffers of in (local ones, zeroed, when a pass is already
 * running on them: a note filled from inside a pass) and the arena for rule matches, at
 * most one per '[', '(', '_' (when italics are read) and '<'. */
static void take_scratch(ctx *c, tk_inline *in, tk_inline_scratch *local)
{
    tk_inline_scratch *sc = in->scratch;
    if (sc == NULL)
        sc = in->scratch = tk_xcalloc(1, sizeof *sc);
    if (sc->busy) {
        memset(local, 0, sizeof *local);
        sc = local;
    }
    sc->busy = 1;
    c->sc = sc;
    c->br = sc->br;
    c->nested = sc->nested;
    c->dates = sc->dates;
    c->persons = sc->persons;
    c->places = sc->places;
    c->all = sc->all;
    c->br.n = c->nested.n = c->dates.n = c->persons.n = c->places.n = c->all.n = 0;
    size_t nb = count_byte(c->t, c->len, '[') + count_byte(c->t, c->len, '(') +
                (c->italics ? count_byte(c->t, c->len, '_') : 0) + count_byte(c->t, c->len, '<');
    if (nb > sc->cap_rms) {
        sc->rms = tk_xrealloc(sc->rms, nb * sizeof *sc->rms);
        sc->cap_rms = nb;
    }
    c->rms = sc->rms;
    c->cap_rms = sc->cap_rms;
}

/* The buffers (maybe grown) back to the scratch they came from; local ones freed. */
static void give_scratch(ctx *c, tk_inline_scratch *local)
{
    tk_inline_scratch *sc = c->sc;
    sc->br = c->br;
    sc->nested = c->nested;
    sc->dates = c->dates;
    sc->persons = c->persons;
    sc->places = c->places;
    sc->all = c->all;
    sc->busy = 0;
    if (sc == local)
        scratch_buffers_free(local);
}

/* Dates of the span, kept where they nest with the bracket marks (explained). */
static void find_dates(ctx *c)
{
    tk_conv *cv = c->cv;
    scan_dates(c, tk_rules_date_order(cv->rules) |
                      (cv->opts != NULL && cv->opts->infer_years && cv->doc_year[0] ? TK_DATE_DAYS : 0));
    size_t p = 0, pn = 0, keep = 0;
    for (size_t k = 0; k < c->dates.n; k++)
        if (nests(&c->br, &p, c->dates.v[k].s, c->dates.v[k].e) &&
            nests(&c->nested, &pn, c->dates.v[k].s, c->dates.v[k].e))
            c->dates.v[keep++] = c->dates.v[k];
        else if (c->explain)
            explain(c, c->dates.v[k].s, "date-skipped", "date '%.*s' crosses an editorial bracket; kept as text",
                    c->t + c->dates.v[k].s, c->dates.v[k].e - c->dates.v[k].s);
    c->dates.n = keep;
    for (size_t k = 0; c->explain && k < c->dates.n; k++) {
        const mark *d = &c->dates.v[k];
        char what[160]; /* the pattern that read it, in the text: the id is date-found */
        snprintf(what, sizeof what, "date '%.*s' (%s)", (int)(d->e - d->s > 60 ? 60 : d->e - d->s),
                 c->t + d->s, d->date.rule);
        explain(c, d->s, "date-found", "%.*s", what, strlen(what));
    }
}

/* Persons on the reading text rd, kept where they nest with the bracket and date marks. */
static void find_persons(ctx *c, reading *rd)
{
    void *u[2] = {c, rd};
    tk_persons_scan(c->cv->persons, rd->map == NULL ? c->t : rd->text, rd->len, on_person, u);
    size_t pb = 0, pd = 0, pn = 0, keep = 0;
    for (size_t k = 0; k < c->persons.n; k++) {
        mark *m = &c->persons.v[k];
        if (nests(&c->br, &pb, m->s, m->e) && nests(&c->dates, &pd, m->s, m->e) &&
            nests(&c->nested, &pn, m->s, m->e))
            c->persons.v[keep++] = *m;
        else
            explain(c, m->s, "person-skipped",
                    "name '%.*s' straddles an element boundary; not marked", c->t + m->s, m->e - m->s);
    }
    c->persons.n = keep;
}

/* All the marks, outer first, built into parent with the text between them. */
static void emit_all(ctx *c, xmlNodePtr parent)
{
    size_t total = c->br.n + c->nested.n + c->dates.n + c->persons.n + c->places.n;
    if (total > c->all.cap) {
        c->all.v = tk_xrealloc(c->all.v, total * sizeof *c->all.v);
        c->all.cap = total;
    }
    if (total == 0) {
        tk_text(parent, c->t, c->len);
        return;
    }
    const vec *parts[] = {&c->br, &c->dates, &c->persons, &c->places, &c->nested};
    size_t at = 0;
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
        if (parts[k]->n > 0) {
            memcpy(c->all.v + at, parts[k]->v, parts[k]->n * sizeof *c->all.v);
            at += parts[k]->n;
        }
    c->all.n = total;
    for (size_t k = 0; k < c->all.n; k++)
        if (c->all.v[k].kind == MK_PERSON || c->all.v[k].kind == MK_PLACE ||
            c->all.v[k].kind == MK_ORG) { /* a name holds what is inside it */
            c->all.v[k].container = 0;
        }
    qsort(c->all.v, c->all.n, sizeof *c->all.v, cmp_marks);
    size_t i = 0;
    emit(c, parent, 0, c->len, &i);
}

void tk_inline_append(tk_conv *cv, xmlNodePtr parent, const tk_span *span)
{
    if (span->len == 0)
        return;
    ctx c;
    memset(&c, 0, sizeof c);
    c.cv = cv;
    c.sp = span;
    c.t = span->text;
    c.len = span->len;
    c.explain = cv->explain && tk_diag_notes_enabled(cv->diag);
    parent_context(&c, parent);
    tk_inline *in = cv->inl;
    if (!in->in_note)
        add_parent(in, parent, span->line_no[0]);
    tk_inline_scratch local;
    take_scratch(&c, in, &local);
    c.out = &c.br;
    scan(&c, 0, c.len, 0);
    find_dates(&c);
    /* persons and places on the reading text (the text itself when there is no bracket) */
    reading r = {NULL, NULL, c.len};
    if (c.br.n > 0)
        reading_text(&c, &r);
    find_persons(&c, &r);
    find_places(&c, &r);
    emit_all(&c, parent);
    give_scratch(&c, &local);
}

void tk_inline_finish(tk_conv *cv)
{
    tk_inline *in = cv->inl;
    xmlNodePtr target;
    tk_span sp;
    tk_timeline_place(cv);
    tk_footnotes_fill_begin(cv);
    for (size_t i = 0; tk_footnotes_fill_next(cv, &i, &target, &sp);) {
        if (target == NULL && /* a fragment: by the element filled before it */
            (target = tk_footnotes_unanchored(cv, parent_at(in, sp.line_no[0]), i - 1)) == NULL)
            continue;
        in->in_note++;
        tk_inline_append(cv, target, &sp);
        in->in_note--;
        cv->n_footnotes++;
    }
    tk_footnotes_fill_end(cv);
    tk_timeline_place(cv); /* a timestamp inside a note text may have begun the timeline */
}
