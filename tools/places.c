/* places.c: places and organisations of a document found without a gazetteer file: the
 * built-in table (gazetteer.c), dateline places, organisation patterns and acronyms defined
 * in the text; a hash-based matcher for the inline pass and the header's lists. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "tk_alloc.h"
#include "tk_internal.h"
#include "tk_places.h"

enum { MAX_FORM = 120, MAX_PRE = 3, MAX_TAIL_WORDS = 5 };

/* A string table with open addressing. Entries added for the current document only are
 * listed in `doc` and cleared by tab_reset; permanent entries are all inserted before any
 * document entry, so clearing document slots never breaks a permanent entry's probe chain. */
typedef struct slot {
    char *key; /* NULL: empty */
    size_t len;
    unsigned long h;
    int val, val2; /* forms: entity in running text / in a dateline (-1: none) */
    int doc;
} slot;

typedef struct tab {
    slot *v;
    size_t cap, n;
    size_t *docs;
    size_t n_docs, cap_docs;
    /* a filter before hashing: bit L of quick[first letter][second letter] is set when
       a key of length L (< 64) starts so; bits are never cleared (a stale bit costs a
       lookup, no error) */
    uint64_t quick[26][27];
    int unfiltered; /* a key quick cannot hold (>= 64 bytes) was added: no prefix test */
} tab;

static inline int quick_pos(const char *k, size_t n, size_t *a, size_t *b)
{
    unsigned char c0 = (unsigned char)k[0], c1 = n > 1 ? (unsigned char)k[1] | 0x20 : 0;
    if (c0 < 'A' || c0 > 'Z' || n >= 64)
        return 0;
    *a = (size_t)(c0 - 'A');
    *b = c1 >= 'a' && c1 <= 'z' ? (size_t)(c1 - 'a') : 26;
    return 1;
}

/* 0 when no key of t can be k[0..n) (only keys that start with A-Z are filtered). */
static inline int maybe(const struct tab *t, const char *k, size_t n)
{
    size_t a, b;
    if (n == 0 || !quick_pos(k, n, &a, &b))
        return 1;
    return (t->quick[a][b] >> n) & 1;
}

/* 0 when no key of t can be the word starting with the capital at p (p[1] the next byte
 * or, at the end, p[0]'s end: avail bytes): maybe() without the word's length, so that a
 * word is not measured at all when its first two letters start no key. */
static inline int maybe_word(const struct tab *t, const unsigned char *p, size_t avail)
{
    unsigned char c1 = avail > 1 ? p[1] | 0x20 : 0;
    if (t->unfiltered)
        return 1;
    return t->quick[p[0] - 'A'][c1 >= 'a' && c1 <= 'z' ? (size_t)(c1 - 'a') : 26] != 0;
}

typedef struct entity {
    tk_place_kind kind;
    char *id, *name;
    unsigned used_gen;
} entity;

struct tk_places {
    tab forms, ids, heads_of, heads_tail, stop;
    tab firsts; /* first word of a form -> the longest form's length (val) */
    tab titles; /* "Mr", "General": the name after one is a person's */
    entity *e;
    size_t n_e, cap_e, n_perm;
    int *used; /* entities marked in this document, in order */
    size_t n_used, cap_used;
    unsigned gen;
    int corpus; /* documents of one teiCorpus: forms, ids and lists are kept across them */
};

static unsigned long hash_bytes(unsigned long h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211UL;
    return h;
}

#define HASH_SEED 14695981039346656037UL

static slot *tab_find(const tab *t, const char *k, size_t n, unsigned long h)
{
    if (t->cap == 0)
        return NULL;
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        slot *s = &t->v[i];
        if (s->key == NULL)
            return NULL;
        if (s->h == h && s->len == n && memcmp(s->key, k, n) == 0)
            return s;
    }
}

static void tab_grow(tab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 256;
    slot *v = tk_xcalloc(cap, sizeof *v);
    t->n_docs = 0;
    for (size_t i = 0; i < t->cap; i++) {
        slot *s = &t->v[i];
        if (s->key == NULL)
            continue;
        size_t j = s->h & (cap - 1);
        while (v[j].key != NULL)
            j = (j + 1) & (cap - 1);
        v[j] = *s;
        if (s->doc) {
            if (t->n_docs == t->cap_docs) {
                t->cap_docs = t->cap_docs ? t->cap_docs * 2 : 64;
                t->docs = tk_xrealloc(t->docs, t->cap_docs * sizeof *t->docs);
            }
            t->docs[t->n_docs++] = j;
        }
    }
    free(t->v);
    t->v = v;
    t->cap = cap;
}

/* The slot of k, inserted (val = val2 = -1) when absent. */
static slot *tab_put(tab *t, const char *k, size_t n, int doc)
{
    unsigned long h = hash_bytes(HASH_SEED, k, n);
    slot *s = tab_find(t, k, n, h);
    if (s != NULL)
        return s;
    size_t qa, qb;
    if (quick_pos(k, n, &qa, &qb))
        t->quick[qa][qb] |= (uint64_t)1 << n;
    else if (n > 0 && k[0] >= 'A' && k[0] <= 'Z')
        t->unfiltered = 1;
    if ((t->n + 1) * 2 > t->cap)
        tab_grow(t);
    size_t i = h & (t->cap - 1);
    while (t->v[i].key != NULL)
        i = (i + 1) & (t->cap - 1);
    s = &t->v[i];
    s->key = tk_xmalloc(n + 1);
    memcpy(s->key, k, n);
    s->key[n] = '\0';
    s->len = n;
    s->h = h;
    s->val = s->val2 = -1;
    s->doc = doc;
    t->n++;
    if (doc) {
        if (t->n_docs == t->cap_docs) {
            t->cap_docs = t->cap_docs ? t->cap_docs * 2 : 64;
            t->docs = tk_xrealloc(t->docs, t->cap_docs * sizeof *t->docs);
        }
        t->docs[t->n_docs++] = i;
    }
    return s;
}

static void tab_reset(tab *t)
{
    for (size_t k = 0; k < t->n_docs; k++) {
        slot *s = &t->v[t->docs[k]];
        free(s->key);
        memset(s, 0, sizeof *s);
        t->n--;
    }
    t->n_docs = 0;
}

static void tab_free(tab *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->v[i].key);
    free(t->v);
    free(t->docs);
}

static int has(const tab *t, const char *k, size_t n)
{
    return maybe(t, k, n) && tab_find(t, k, n, hash_bytes(HASH_SEED, k, n)) != NULL;
}

/* Adds every `sep`-separated entry of list to t. */
static void tab_fill(tab *t, const char *list, char sep)
{
    for (const char *p = list; *p != '\0';) {
        const char *e = strchr(p, sep);
        size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
        if (n > 0)
            tab_put(t, p, n, 0);
        p += n + (e != NULL);
    }
}

/* ------------------------------------------------------------------ words */

static inline int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
/* Byte classes: 1 an ASCII letter or digit, 2 a byte of a non-ASCII character (a word's
 * byte unless general punctuation, see word_at_utf8), 0 anything else. A table: these
 * tests run on every byte of the text. */
static const unsigned char byte_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};
static inline int is_alnum(unsigned char c) { return byte_class[c] == 1; }

static int word_at_utf8(const unsigned char *t, size_t len, size_t i);

/* Sixteen bytes at a time with SSE2, else eight (a byte between 'A' - 1 and 'Z' + 1
 * exclusive, bytes >= 0x80 excluded, is found by carry-free arithmetic on the word,
 * exactly); most bytes of a text are no capital. The persons pass uses it too. */
size_t tk_next_upper(const unsigned char *t, size_t i, size_t len)
{
#ifdef __SSE2__
    /* sixteen bytes at a time where the compiler offers SSE2 (every x86-64): signed
       compares, so bytes >= 0x80 (negative) are below 'A' */
    const __m128i below = _mm_set1_epi8('A' - 1), above = _mm_set1_epi8('Z' + 1);
    while (i + 16 <= len) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        int m = _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, below),
                                                _mm_cmplt_epi8(x, above)));
        if (m != 0)
            return i + (size_t)__builtin_ctz((unsigned)m);
        i += 16;
    }
    if (i < len && len >= 16) {
        /* the last bytes: the sixteen that end the text, those before i masked out */
        size_t base = len - 16;
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + base));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, below),
                                                               _mm_cmplt_epi8(x, above)));
        m &= ~0u << (i - base); /* (i - base: 1..15) */
        return m != 0 ? base + (size_t)__builtin_ctz(m) : len;
    }
#endif
    const uint64_t ones = 0x0101010101010101ULL;
    while (i + 8 <= len) {
        uint64_t x;
        memcpy(&x, t + i, 8);
        uint64_t low = x & (ones * 127);
        if (((ones * (127 + 'Z' + 1) - low) & ~x & (low + ones * (127 - ('A' - 1))) &
             (ones * 128)) != 0)
            break;
        i += 8;
    }
    while (i < len && !is_upper(t[i]))
        i++;
    return i;
}

/* Sixteen bytes at a time with SSE2: their digits as a bit mask after the three bytes before
 * them (carry), in which four digits in a row leave a bit in m & m >> 1 & m >> 2 & m >> 3. */
int tk_digit_run4(const char *t, size_t len)
{
    size_t i = 0, run = 0;
#ifdef __SSE2__
    const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
    unsigned carry = 0; /* the digits among the three bytes before i: bits 0..2 */
    while (i + 16 <= len) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, below),
                                                               _mm_cmplt_epi8(x, above)));
        unsigned mm = m << 3 | carry;
        if ((mm & (mm >> 1) & (mm >> 2) & (mm >> 3)) != 0)
            return 1;
        carry = m >> 13;
        i += 16;
    }
    /* the digits that end the last block go on into the tail */
    run = (carry & 4) ? (carry & 2) ? (carry & 1) ? 3 : 2 : 1 : 0;
#endif
    for (; i < len; i++) {
        run = t[i] >= '0' && t[i] <= '9' ? run + 1 : 0;
        if (run == 4)
            return 1;
    }
    return 0;
}

/* Sixteen candidate positions at a time with SSE2: those whose byte is the needle's first
 * and whose byte n - 1 further is its last; only they are compared in full. */
const char *tk_find_bytes(const char *hay, size_t len, const char *needle, size_t n)
{
    if (n == 0)
        return hay;
    if (n > len)
        return NULL;
    size_t i = 0;
#ifdef __SSE2__
    const __m128i first = _mm_set1_epi8(needle[0]), last = _mm_set1_epi8(needle[n - 1]);
    while (i + n - 1 + 16 <= len) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(hay + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(hay + i + n - 1));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first),
                                                               _mm_cmpeq_epi8(b, last)));
        while (m != 0) {
            size_t k = i + (size_t)__builtin_ctz(m);
            if (memcmp(hay + k, needle, n) == 0)
                return hay + k;
            m &= m - 1;
        }
        i += 16;
    }
    if (i + n <= len && len - n + 1 >= 16) {
        /* the last candidates: the sixteen positions that end the text, those before i
           masked out */
        size_t base = len - n + 1 - 16;
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(hay + base));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(hay + base + n - 1));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first),
                                                               _mm_cmpeq_epi8(b, last)));
        m &= ~0u << (i - base); /* (i - base: 1..15) */
        while (m != 0) {
            size_t k = base + (size_t)__builtin_ctz(m);
            if (memcmp(hay + k, needle, n) == 0)
                return hay + k;
            m &= m - 1;
        }
        return NULL;
    }
#endif
    for (; i + n <= len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/* A letter or digit, or a byte of a non-ASCII character that is no general punctuation
 * (U+2000..U+206F: ’ ” — …). */
static inline int word_at(const unsigned char *t, size_t len, size_t i)
{
    unsigned char k = byte_class[t[i]];
    return k == 2 ? word_at_utf8(t, len, i) : k;
}

static int word_at_utf8(const unsigned char *t, size_t len, size_t i)
{
    /* find the lead byte */
    size_t k = i;
    while (k > 0 && i - k < 3 && (t[k] & 0xC0) == 0x80)
        k--;
    return !(t[k] == 0xE2 && k + 1 < len && t[k + 1] == 0x80);
}

/* End of the word starting at i (letters, digits, inner '-' and '\'' before a letter). */
static size_t word_end(const unsigned char *t, size_t len, size_t i)
{
    while (i < len && byte_class[t[i]] == 1) /* the ASCII run: most of a word */
        i++;
    while (i < len) {
        if (word_at(t, len, i))
            i++;
        else if ((t[i] == '-' || t[i] == '\'') && i + 1 < len && is_alnum(t[i + 1]))
            i++;
        else
            break;
    }
    return i;
}

/* ------------------------------------------------------------------ entities */

/* "place-buenos-aires": lower-case letters and digits, other characters as one '-';
 * non-ASCII letters kept. */
static void slug(char *dst, size_t cap, const char *prefix, const char *s, size_t n)
{
    size_t k = (size_t)snprintf(dst, cap, "%s", prefix);
    int dash = 0;
    for (size_t i = 0; i < n && k + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        /* Latin letters of U+00C0..U+017F (not U+00D7, U+00F7) are NCName characters */
        int latin = (c == 0xC3 || c == 0xC4 || c == 0xC5) && i + 1 < n &&
                    !(c == 0xC3 && ((unsigned char)s[i + 1] == 0x97 || (unsigned char)s[i + 1] == 0xB7));
        if (is_alnum(c) || latin) {
            if (dash && k > strlen(prefix))
                dst[k++] = '-';
            dash = 0;
            if (latin) { /* both bytes */
                dst[k++] = s[i];
                dst[k++] = s[++i];
            } else
                dst[k++] = (char)(is_upper(c) ? c + 32 : c);
        } else {
            while (c >= 0x80 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
                i++; /* the rest of the character */
            dash = 1;
        }
    }
    dst[k] = '\0';
}

static int new_entity(tk_places *pl, tk_place_kind kind, const char *name, size_t n, int doc)
{
    if (pl->n_e == pl->cap_e) {
        pl->cap_e = pl->cap_e ? pl->cap_e * 2 : 512;
        pl->e = tk_xrealloc(pl->e, pl->cap_e * sizeof *pl->e);
    }
    char id[MAX_FORM + 16];
    slug(id, sizeof id - 8, kind == TK_PLACE ? "place-" : "org-", name, n);
    size_t base = strlen(id);
    for (unsigned k = 2; has(&pl->ids, id, strlen(id)) && k < 1000; k++)
        snprintf(id + base, 8, "-%u", k);
    tab_put(&pl->ids, id, strlen(id), doc);
    entity *x = &pl->e[pl->n_e];
    x->kind = kind;
    x->id = tk_xstrdup(id);
    x->name = tk_xmalloc(n + 1);
    memcpy(x->name, name, n);
    x->name[n] = '\0';
    x->used_gen = 0;
    return (int)pl->n_e++;
}

/* Copies s[0..n) with whitespace runs as one space into buf; returns the length (0 when
 * too long). */
static size_t squeeze(char *buf, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (k > 0 && buf[k - 1] == ' ')
                continue;
            c = ' ';
        }
        if (k == MAX_FORM)
            return 0;
        buf[k++] = c;
    }
    while (k > 0 && buf[k - 1] == ' ')
        k--;
    return k;
}

/* The form's slot (added for this document or permanent); its first word's entry in
 * firsts holds the longest form's length (a permanent entry may keep a document's length:
 * that only costs time). */
static slot *put_form(tk_places *pl, const char *form, size_t n, int doc)
{
    size_t w = word_end((const unsigned char *)form, n, 0);
    if (w == 0 || !is_upper((unsigned char)form[0]))
        return NULL;
    slot *f = tab_put(&pl->firsts, form, w, doc);
    if (f->val < (int)n)
        f->val = (int)n;
    return tab_put(&pl->forms, form, n, doc);
}

/* 1 when a word of the form is an organisation's head word ("Department of State"). */
static int org_like(const tk_places *pl, const char *s, size_t n)
{
    const unsigned char *t = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (!word_at(t, n, i)) {
            i++;
            continue;
        }
        size_t e = word_end(t, n, i);
        if (has(&pl->heads_of, s + i, e - i) || has(&pl->heads_tail, s + i, e - i))
            return 1;
        i = e;
    }
    return 0;
}

static void add_form(tk_places *pl, tk_place_kind kind, const char *s, size_t n,
                     const char *alias, size_t alias_n, int dateline)
{
    char buf[MAX_FORM + 1];
    size_t k = squeeze(buf, s, n);
    if (k == 0)
        return;
    slot *f = put_form(pl, buf, k, 1);
    if (f == NULL || !f->doc)
        return; /* a built-in form keeps its kind */
    if (dateline) {
        if (f->val2 < 0)
            f->val2 = f->val >= 0 && pl->e[f->val].kind == TK_PLACE
                          ? f->val
                          : new_entity(pl, TK_PLACE, buf, k, 1);
        if (f->val < 0 && !org_like(pl, buf, k))
            f->val = f->val2;
        return;
    }
    slot *a = alias != NULL && alias_n > 0 && alias_n <= MAX_FORM
                  ? put_form(pl, alias, alias_n, 1)
                  : NULL;
    if (f->val < 0 && a != NULL && a->val >= 0 && pl->e[a->val].kind == kind)
        f->val = a->val; /* "North Atlantic Treaty Organization (NATO)": NATO's entry */
    if (f->val < 0)
        f->val = f->val2 >= 0 && pl->e[f->val2].kind == kind ? f->val2
                                                            : new_entity(pl, kind, buf, k, 1);
    if (a != NULL && a->val < 0)
        a->val = f->val;
}

/* ------------------------------------------------------------------ life */

tk_places *tk_places_new(void)
{
    tk_places *pl = tk_xcalloc(1, sizeof *pl);
    tab_fill(&pl->heads_of, tk_org_heads_of, '|');
    tab_fill(&pl->heads_tail, tk_org_heads_tail, '|');
    tab_fill(&pl->stop,
             "The|A|An|In|At|To|From|For|Of|And|But|Or|On|By|With|Through|Both|Between|"
             "Across|Into|Toward|Towards|Against|Near|Over|Under|Within|Outside|Inside|Like|"
             "Since|Until|After|Before|During|Without|This|That|These|Those|When|While|If|As|"
             "Then|So|Yes|No|Not|All|Our|Your|Their|His|Her|Its|My|Both|Neither|Either|Also|"
             "Only|Even|Now|Here|There|Where|What|Which|Who|Why|How|Well|Oh|Mr|Mrs|Ms|Dr|"
             "Visiting|Leaving|Including|Re|Subject|Via|Upon|About|Around|Beyond|Among|Along|"
             /* months, weekdays and titles: no part of a place's or an institution's name */
             "January|February|March|April|May|June|July|August|September|October|November|"
             "December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|President|"
             "Secretary|Minister|Ambassador|Senator|Chairman|Premier|General|Admiral|Consul|"
             "Governor|Judge|Director|Commissioner|Chief|Sir|Lord|Lady|Dear|Please",
             '|');
    tab_fill(&pl->titles,
             "Mr|Mrs|Ms|Dr|Miss|Mme|Madame|Monsieur|Senor|Herr|Gen|Col|Capt|Adm|Sen|Rep|Gov|"
             "President|Secretary|Minister|Ambassador|Senator|General|Admiral|Governor|Judge|"
             "Consul|Chairman|Premier|Lord|Lady|Sir|Saint|Professor|Prof|Captain|Colonel",
             '|');
    static const struct {
        const char *list;
        tk_place_kind kind;
    } gaz[] = {{tk_gazetteer_places, TK_PLACE}, {tk_gazetteer_orgs, TK_ORG}};
    for (size_t g = 0; g < sizeof gaz / sizeof *gaz; g++)
        for (const char *p = gaz[g].list; *p != '\0';) {
            const char *e = strchr(p, '|');
            size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
            slot *f = n > 0 ? put_form(pl, p, n, 0) : NULL;
            if (f != NULL && f->val < 0)
                f->val = new_entity(pl, gaz[g].kind, p, n, 0);
            p += n + (e != NULL);
        }
    pl->n_perm = pl->n_e;
    pl->gen = 1;
    return pl;
}

void tk_places_free(tk_places *pl)
{
    if (pl == NULL)
        return;
    tab *tabs[] = {&pl->forms, &pl->ids, &pl->heads_of, &pl->heads_tail, &pl->stop,
                   &pl->firsts, &pl->titles};
    for (size_t i = 0; i < sizeof tabs / sizeof *tabs; i++)
        tab_free(tabs[i]);
    for (size_t i = 0; i < pl->n_e; i++) {
        free(pl->e[i].id);
        free(pl->e[i].name);
    }
    free(pl->e);
    free(pl->used);
    free(pl);
}

void tk_places_set_corpus(tk_places *pl, int on)
{
    if (pl != NULL)
        pl->corpus = on;
}

int tk_places_corpus(const tk_places *pl) { return pl != NULL && pl->corpus; }

void tk_places_new_document(tk_places *pl)
{
    if (pl == NULL || pl->corpus)
        return;
    tab_reset(&pl->forms);
    tab_reset(&pl->ids);
    tab_reset(&pl->firsts);
    for (size_t i = pl->n_perm; i < pl->n_e; i++) {
        free(pl->e[i].id);
        free(pl->e[i].name);
    }
    pl->n_e = pl->n_perm;
    pl->n_used = 0;
    pl->gen++;
}

/* ------------------------------------------------------------------ discovery */

int tk_places_dateline(const char *s, size_t n, size_t *a, size_t *b)
{
    char iso[16];
    for (size_t i = 2; i < n && i < TK_TH_PLACE_DATELINE_SCAN_BYTES; i++) {
        if (s[i - 1] != ' ' || (s[i - 2] != ',' && s[i - 2] != ']'))
            continue;
        if (tk_parse_date(s + i, n - i, iso) == 0 || iso[7] != '-')
            continue;
        size_t x = 0, y = i - 1;
        while (x < y && (s[x] == '[' || s[x] == ' '))
            x++;
        while (y > x && strchr(",] ", s[y - 1]) != NULL)
            y--;
        if (y <= x || !is_upper((unsigned char)s[x]))
            return 0;
        /* a weekday before the date ("Tuesday, March 4, 1997") is no place */
        static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};
        for (size_t m = 0; m < sizeof weekdays / sizeof *weekdays; m++)
            if (strlen(weekdays[m]) == y - x && strncasecmp(weekdays[m], s + x, y - x) == 0)
                return 0;
        /* a place, not a phrase: every word capitalised but of/the/de/and, no brackets */
        const unsigned char *t = (const unsigned char *)s;
        for (size_t k = x; k < y;) {
            if (s[k] == '[' || s[k] == ']' || s[k] == '(')
                return 0;
            if (!word_at(t, y, k)) {
                k++;
                continue;
            }
            size_t e = word_end(t, y, k);
            static const char *const small[] = {"of", "the", "de", "and", "du", "la", "le"};
            int ok = !(s[k] >= 'a' && s[k] <= 'z');
            for (size_t m = 0; !ok && m < sizeof small / sizeof *small; m++)
                ok = strlen(small[m]) == e - k && memcmp(small[m], s + k, e - k) == 0;
            if (!ok)
                return 0;
            k = e;
        }
        *a = x;
        *b = y;
        return 1;
    }
    return 0;
}

typedef struct tok {
    size_t s, e;
} tok;

static int cap_tok(const char *s, const tok *t) { return is_upper((unsigned char)s[t->s]); }
static int tok_is(const char *s, const tok *t, const char *w)
{
    size_t n = strlen(w);
    return t->e - t->s == n && memcmp(s + t->s, w, n) == 0;
}
/* Only one space between tokens a and b (no punctuation, no line break). */
static int joined(const char *s, const tok *a, const tok *b)
{
    return b->s == a->e + 1 && s[a->e] == ' ';
}
static int stop_tok(const tk_places *pl, const char *s, const tok *t)
{
    return has(&pl->stop, s + t->s, t->e - t->s);
}

/* 1 when offset i opens the line or follows a sentence's end (". ", ": ", "? "). */
static int sentence_start(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] == ' ')
        i--;
    return i == 0 || strchr(".:;?!\"(", s[i - 1]) != NULL;
}

/* Capitalised tokens right before token i, joined by single spaces, not stop words:
 * the first one's index ("Soviet" of "Soviet Ministry of Foreign Affairs"). */
static size_t modifiers_before(const tk_places *pl, const char *s, const tok *v, size_t i,
                               size_t max)
{
    size_t k = i;
    while (k > 0 && i - k < max && cap_tok(s, &v[k - 1]) && joined(s, &v[k - 1], &v[k]) &&
           !stop_tok(pl, s, &v[k - 1]))
        k--;
    /* a capitalised word that opens the line or a sentence may be any word ("Inform
       Stevens Department"): not taken */
    if (k < i && sentence_start(s, v[k].s))
        k++;
    return k;
}

/* "Ministry of Foreign Affairs", "Bank of England": head, "of", optional "the", then
 * capitalised words (joined by of/and/for/the before a capitalised word). */
static void of_pattern(tk_places *pl, const char *s, const tok *v, size_t nt, size_t i)
{
    if (i + 2 >= nt || !tok_is(s, &v[i + 1], "of") || !joined(s, &v[i], &v[i + 1]))
        return;
    size_t k = i + 2;
    if (tok_is(s, &v[k], "the") && k + 1 < nt && joined(s, &v[k - 1], &v[k]))
        k++;
    if (!cap_tok(s, &v[k]) || !joined(s, &v[k - 1], &v[k]) || stop_tok(pl, s, &v[k]))
        return;
    size_t last = k;
    while (last + 1 < nt && joined(s, &v[last], &v[last + 1])) {
        if (cap_tok(s, &v[last + 1]) && !stop_tok(pl, s, &v[last + 1]))
            last++;
        else if (last + 2 < nt && joined(s, &v[last + 1], &v[last + 2]) &&
                 cap_tok(s, &v[last + 2]) && !stop_tok(pl, s, &v[last + 2]) &&
                 (tok_is(s, &v[last + 1], "of") || tok_is(s, &v[last + 1], "and") ||
                  tok_is(s, &v[last + 1], "for")))
            last += 2;
        else
            break;
    }
    size_t first = modifiers_before(pl, s, v, i, MAX_PRE);
    add_form(pl, TK_ORG, s + v[first].s, v[last].e - v[first].s, NULL, 0, 0);
}

/* "the National Security Council", "Foreign Office": capitalised words before a head. */
static void tail_pattern(tk_places *pl, const char *s, const tok *v, size_t i)
{
    size_t first = modifiers_before(pl, s, v, i, MAX_TAIL_WORDS);
    if (first == i)
        return;
    add_form(pl, TK_ORG, s + v[first].s, v[i].e - v[first].s, NULL, 0, 0);
}

/* "North Atlantic Treaty Organization (NATO)": the initials of the capitalised words before
 * the parenthesis spell the acronym (of/and/for/the/on/de skipped). */
static void acronym(tk_places *pl, const char *s, size_t n, const tok *v, size_t i)
{
    size_t al = v[i].e - v[i].s;
    if (al < 2 || al > 8 || v[i].s < 3 || s[v[i].s - 1] != '(' || v[i].e >= n ||
        s[v[i].e] != ')' || s[v[i].s - 2] != ' ' || i == 0)
        return;
    for (size_t k = v[i].s; k < v[i].e; k++)
        if (!is_upper((unsigned char)s[k]))
            return;
    size_t need = al, k = i;
    /* the words before: v[i-1] must end right before " (" */
    if (v[i - 1].e + 2 != v[i].s)
        return;
    while (k > 0 && need > 0) {
        const tok *w = &v[k - 1];
        if (k < i && !joined(s, w, &v[k]))
            return;
        if (cap_tok(s, w)) {
            if (s[w->s] != s[v[i].s + need - 1])
                return;
            need--;
        } else if (!(tok_is(s, w, "of") || tok_is(s, w, "and") || tok_is(s, w, "for") ||
                     tok_is(s, w, "the") || tok_is(s, w, "on") || tok_is(s, w, "de")) ||
                   k == i)
            return;
        k--;
    }
    if (need > 0 || stop_tok(pl, s, &v[k]))
        return;
    /* a known place keeps its kind ("Union of Soviet Socialist Republics (USSR)") */
    char buf[MAX_FORM + 1];
    size_t bl = squeeze(buf, s + v[k].s, v[i - 1].e - v[k].s);
    slot *f = bl > 0 ? tab_find(&pl->forms, buf, bl, hash_bytes(HASH_SEED, buf, bl)) : NULL;
    tk_place_kind kind = f != NULL && f->val >= 0 ? pl->e[f->val].kind : TK_ORG;
    add_form(pl, kind, s + v[k].s, v[i - 1].e - v[k].s, s + v[i].s, al, 0);
}

/* 1 when a capitalised word of the line may start a pattern: a head word, or an acronym
 * in parentheses. Most lines have none and are not tokenised. */
static int line_has_cue(const tk_places *pl, const unsigned char *t, size_t n)
{
    for (const unsigned char *p = t; p < t + n; p++) {
        p = t + tk_next_upper(t, (size_t)(p - t), n);
        if (p == t + n)
            break;
        if (p > t && word_at(t, n, (size_t)(p - t) - 1))
            continue;
        /* no head word starts so and no '(' before: the next capital (one inside this word
           after '-' may be tested too: a filter may say yes too often) */
        if (!maybe_word(&pl->heads_of, p, (size_t)(t + n - p)) &&
            !maybe_word(&pl->heads_tail, p, (size_t)(t + n - p)) && !(p > t && p[-1] == '('))
            continue;
        size_t i = (size_t)(p - t), e = word_end(t, n, i);
        const char *w = (const char *)p;
        if ((maybe(&pl->heads_of, w, e - i) && has(&pl->heads_of, w, e - i)) ||
            (maybe(&pl->heads_tail, w, e - i) && has(&pl->heads_tail, w, e - i)) ||
            (i > 0 && p[-1] == '(' && e < n && t[e] == ')'))
            return 1;
        p = t + e - 1;
    }
    return 0;
}

void tk_places_discover_line(tk_places *pl, const char *s, size_t n)
{
    enum { MAX_TOK = 512 };
    tok v[MAX_TOK];
    size_t nt = 0;
    const unsigned char *t = (const unsigned char *)s;
    if (!line_has_cue(pl, t, n))
        return;
    for (size_t i = 0; i < n && nt < MAX_TOK;) {
        if (!word_at(t, n, i)) {
            i++;
            continue;
        }
        size_t e = word_end(t, n, i);
        v[nt].s = i;
        v[nt].e = e;
        nt++;
        i = e;
    }
    for (size_t i = 0; i < nt; i++) {
        if (!cap_tok(s, &v[i]))
            continue;
        const char *w = s + v[i].s;
        size_t wl = v[i].e - v[i].s;
        if (has(&pl->heads_of, w, wl))
            of_pattern(pl, s, v, nt, i);
        if (has(&pl->heads_tail, w, wl))
            tail_pattern(pl, s, v, i);
        if (wl >= 2 && is_upper((unsigned char)w[1]))
            acronym(pl, s, n, v, i);
    }
}

void tk_places_discover(tk_places *pl, const tk_lines *L, const tk_docblocks *db)
{
    if (pl == NULL)
        return;
    tk_places_new_document(pl);
    for (size_t k = 0; k < db->n; k++) {
        const tk_block *bl = &db->b[k];
        if (bl->kind != TK_B_DATELINE)
            continue;
        for (size_t i = bl->line; i < bl->line + bl->n_lines && i < L->n; i++) {
            size_t a, b;
            if (tk_places_dateline(L->v[i].s, L->v[i].len, &a, &b))
                add_form(pl, TK_PLACE, L->v[i].s + a, b - a, NULL, 0, 1);
        }
    }
    for (size_t i = db->first_line; i < db->end_line && i < L->n; i++)
        tk_places_discover_line(pl, L->v[i].s, L->v[i].len);
}

/* ------------------------------------------------------------------ scanning */

/* The capitalised word joined by spaces (no line break) before s or after e: a longer
 * name ("Radio Moscow", "Washington Post"), unless a function word. */
static int joined_cap(const tk_places *pl, const unsigned char *t, size_t len, size_t s,
                      size_t e)
{
    size_t j = e;
    while (j < len && t[j] == ' ')
        j++;
    if (j > e && j < len && is_upper(t[j])) {
        size_t we = word_end(t, len, j);
        if (!has(&pl->stop, (const char *)t + j, we - j))
            return 1;
    }
    j = s;
    while (j > 0 && t[j - 1] == ' ')
        j--;
    if (j < s && j > 1 && t[j - 1] == '.' && word_at(t, len, j - 2))
        j--; /* "Mr. Lisbon" */
    if (j < s && j > 0 && word_at(t, len, j - 1)) {
        size_t ws = j - 1;
        while (ws > 0 && (word_at(t, len, ws - 1) || t[ws - 1] == '-'))
            ws--;
        if (has(&pl->titles, (const char *)t + ws, j - ws))
            return 1; /* a person's name after a title */
        if (is_upper(t[ws]) && t[j] != '.' && !has(&pl->stop, (const char *)t + ws, j - ws))
            return 1;
    }
    return 0;
}

void tk_places_scan(tk_places *pl, const char *text, size_t len, int in_dateline,
                    void (*found)(const tk_place_match *m, void *user), void *user)
{
    const unsigned char *t = (const unsigned char *)text;
    if (pl == NULL)
        return;
    for (size_t i = 0; i < len;) {
        i = tk_next_upper(t, i, len);
        if (i == len)
            break;
        if (i > 0 && (word_at(t, len, i - 1) || t[i - 1] == '-' || t[i - 1] == '\'')) {
            i++;
            continue;
        }
        size_t w = word_end(t, len, i);
        const slot *first = maybe(&pl->firsts, text + i, w - i)
                                ? tab_find(&pl->firsts, text + i, w - i,
                                           hash_bytes(HASH_SEED, text + i, w - i))
                                : NULL;
        if (first == NULL) {
            i = w;
            continue;
        }
        size_t max = (size_t)first->val;
        /* candidate ends: after each word (and a '.' right after it), up to max bytes */
        char buf[MAX_FORM + 1];
        size_t bl = 0, best_end = 0, hashed = 0; /* hb: hash_bytes of buf[0..hashed) */
        unsigned long hb = HASH_SEED;
        int best = -1;
        size_t j = i;
        while (j < len && bl <= max) {
            /* (the first word's end is known; a space or a mark that joins no word is no word:
               word_end would stop at once) */
            size_t we = j == i ? w
                        : byte_class[t[j]] == 0 && t[j] != '-' && t[j] != '\'' ? j
                                                                                 : word_end(t, len, j);
            if (we == j) { /* punctuation or space: copied (squeezed) */
                char c = (char)t[j];
                if (c == '\n' || c == '\t' || c == '\r')
                    c = ' ';
                j++;
                if (c == ' ' && bl > 0 && buf[bl - 1] == ' ')
                    continue;
                if (bl == MAX_FORM)
                    break;
                buf[bl++] = c;
                if (c != '.')
                    continue;
            } else {
                if (bl + (we - j) > MAX_FORM)
                    break;
                memcpy(buf + bl, text + j, we - j);
                bl += we - j;
                j = we;
            }
            if (bl > max)
                break;
            const slot *f = NULL;
            if (maybe(&pl->forms, buf, bl)) { /* buf only grows: its hash too */
                hb = hash_bytes(hb, buf + hashed, bl - hashed);
                hashed = bl;
                f = tab_find(&pl->forms, buf, bl, hb);
            }
            int ent = f == NULL ? -1 : in_dateline && f->val2 >= 0 ? f->val2 : f->val;
            if (ent >= 0 && (j >= len || !word_at(t, len, j))) {
                best = ent;
                best_end = j;
            }
        }
        if (best < 0 || (!in_dateline && joined_cap(pl, t, len, i, best_end))) {
            i = w;
            continue;
        }
        tk_place_match m = {i, best_end, pl->e[best].kind, pl->e[best].id, best};
        if (found != NULL)
            found(&m, user);
        i = best_end;
    }
}

/* ------------------------------------------------------------------ lists */

void tk_places_use(tk_places *pl, const tk_place_match *m)
{
    if (pl == NULL || m->index < 0 || (size_t)m->index >= pl->n_e)
        return;
    entity *x = &pl->e[m->index];
    if (x->used_gen == pl->gen)
        return;
    x->used_gen = pl->gen;
    if (pl->n_used == pl->cap_used) {
        pl->cap_used = pl->cap_used ? pl->cap_used * 2 : 32;
        pl->used = tk_xrealloc(pl->used, pl->cap_used * sizeof *pl->used);
    }
    pl->used[pl->n_used++] = m->index;
}

void tk_places_each_used(tk_places *pl,
                         void (*fn)(tk_place_kind kind, const char *id, const char *name,
                                    void *user),
                         void *user)
{
    static const tk_place_kind order[] = {TK_PLACE, TK_ORG};
    for (size_t o = 0; pl != NULL && o < sizeof order / sizeof *order; o++)
        for (size_t i = 0; i < pl->n_used; i++) {
            const entity *x = &pl->e[pl->used[i]];
            if (x->kind == order[o])
                fn(x->kind, x->id, x->name, user);
        }
}

/* ------------------------------------------------------------------ header */

struct list_ctx {
    tk_conv *cv;
    xmlNodePtr prof, places, orgs;
};

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)name))
            return c;
    return NULL;
}

static void list_one(tk_place_kind kind, const char *id, const char *name, void *user)
{
    struct list_ctx *c = user;
    xmlNodePtr *list = kind == TK_PLACE ? &c->places : &c->orgs;
    if (*list == NULL) {
        const char *desc = kind == TK_PLACE ? "settingDesc" : "particDesc";
        xmlNodePtr d = child(c->prof, desc);
        if (d == NULL)
            d = tk_el(c->cv, c->prof, desc);
        *list = tk_el(c->cv, d, kind == TK_PLACE ? "listPlace" : "listOrg");
    }
    xmlNodePtr e = tk_el(c->cv, *list, kind == TK_PLACE ? "place" : "org");
    char full[MAX_FORM + 64];
    snprintf(full, sizeof full, "%s%s", c->cv->places->corpus ? "" : c->cv->id_prefix, id);
    tk_set_xml_id(e, full);
    xmlNodePtr n = tk_el(c->cv, e, kind == TK_PLACE ? "placeName" : "orgName");
    tk_text(n, name, strlen(name));
}

void tk_header_places(tk_conv *cv, xmlNodePtr profileDesc)
{
    struct list_ctx c = {cv, profileDesc, NULL, NULL};
    if (cv->places != NULL && profileDesc != NULL)
        tk_places_each_used(cv->places, list_one, &c);
}
