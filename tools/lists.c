/* lists.c: the grammar of list markers at the start of a line (`1.`, `(a)`, `iv)`, `-`,
 * `Article 2.`, `First.`) and whether one marker follows another (`(b)` after `(a)`). */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "thresholds.h"
#include "tk_internal.h"

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

/* The value of a roman numeral of the letters i, v, x (either case) in canonical form
 * (`iv`, not `iiii`), 0 when s[0..n) is none. */
static int roman_value(const char *s, size_t n)
{
    static const char *const units[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    if (n == 0 || n > 6)
        return 0;
    char low[8];
    for (size_t i = 0; i < n; i++) {
        low[i] = (char)(s[i] | 0x20);
        if (low[i] != 'i' && low[i] != 'v' && low[i] != 'x')
            return 0; /* most words: no numeral's letter */
    }
    low[n] = '\0';
    /* the tens: up to three x (no units numeral starts with x), then the units exactly */
    int t = 0;
    while (t < 3 && low[t] == 'x')
        t++;
    for (int u = 0; u < 10; u++)
        if (strcmp(low + t, units[u]) == 0 && t * 10 + u > 0)
            return t * 10 + u;
    return 0;
}

/* Words that number a clause of a text with their number (`Article 2.`, `Art. IV.`): the
 * item keeps them as its text. */
static const char *const number_words[] = {
    "Article",   "Art.",       "Section", "Sec.",          "Paragraph", "Par.",
    "Sub-paragraph", "Subparagraph", "Sub-article", "Clause", "Rule", "No.",
};
/* Ordinal words that number a paragraph (`First.`, `Second.`; `First:`, `First;`, `First,`
 * weak: `First, we met` is a sentence, unless `Second,` follows): the item keeps them. */
static const char *const ordinals[] = {
    "First",      "Second",     "Third",      "Fourth",     "Fifth",       "Sixth",
    "Seventh",    "Eighth",     "Ninth",      "Tenth",      "Eleventh",    "Twelfth",
    "Thirteenth", "Fourteenth", "Fifteenth",  "Sixteenth",  "Seventeenth", "Eighteenth",
    "Nineteenth", "Twentieth",
};

/* What follows a marker's closing punctuation at s[i]: an optional colon, then spaces and
 * the text (m->text), or the end of the line (a marker alone: m->text = n). 1 when so. */
static int marker_end(const char *s, size_t n, size_t i, tk_lmark *m)
{
    if (i < n && s[i] == ':')
        i++;
    m->mlen = i;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (i >= n) {
        m->text = n;
        return 1;
    }
    if (s[i] != ' ' && s[i] != '\t')
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    m->text = i;
    return 1;
}

/* By first byte, the number words (bit w: number_words[w], either case) and the ordinals
 * (bit w: ordinals[w]) that start with it; built once (threads may convert at once). */
static uint32_t number_firsts[256], ordinal_firsts[256];
static pthread_once_t word_firsts_once = PTHREAD_ONCE_INIT;
_Static_assert(sizeof number_words / sizeof *number_words <= 32 &&
               sizeof ordinals / sizeof *ordinals <= 32, "a bit a word");

static void build_word_firsts(void)
{
    for (size_t w = 0; w < sizeof number_words / sizeof *number_words; w++) {
        unsigned char c = (unsigned char)number_words[w][0];
        number_firsts[c] |= 1u << w;
        number_firsts[c ^ 0x20] |= 1u << w; /* as (s[0] | 0x20) compares: either case */
    }
    for (size_t w = 0; w < sizeof ordinals / sizeof *ordinals; w++)
        ordinal_firsts[(unsigned char)ordinals[w][0]] |= 1u << w;
}

/* `Article 2. `, `Art. IV. `, `First. `: a marker that is a word of the item's text. */
static int word_marker(const char *s, size_t n, tk_lmark *m)
{
    if (n == 0)
        return 0;
    pthread_once(&word_firsts_once, build_word_firsts);
    /* only the words of the line's first letter (this runs on most lines of a text) */
    for (uint32_t b = number_firsts[(unsigned char)s[0]]; b != 0; b &= b - 1) {
        size_t w = (size_t)__builtin_ctz(b);
        size_t k = strlen(number_words[w]);
        if (n <= k + 2 || strncasecmp(s, number_words[w], k) != 0 || s[k] != ' ')
            continue;
        size_t i = k + 1, a = i;
        int v = 0;
        while (i < n && i - a < 3 && is_digit((unsigned char)s[i]))
            v = v * 10 + (s[i++] - '0');
        if (i == a) {
            while (i < n && i - a < 6 && strchr("IVX", s[i]) != NULL)
                i++;
            v = roman_value(s + a, i - a);
        }
        if (v == 0 || i >= n || s[i] != '.' || !marker_end(s, n, i + 1, m) || m->text == n)
            return 0;
        m->kind = TK_LM_WORD;
        m->word = (int)w;
        m->num = v;
        m->text = 0; /* the word and its number stay in the item's text */
        return 1;
    }
    for (uint32_t b = ordinal_firsts[(unsigned char)s[0]]; b != 0; b &= b - 1) {
        size_t w = (size_t)__builtin_ctz(b);
        size_t k = strlen(ordinals[w]);
        if (n <= k + 2 || strncmp(s, ordinals[w], k) != 0 || strchr(".:;,", s[k]) == NULL ||
            s[k + 1] != ' ' || !marker_end(s, n, k + 1, m) || m->text == n)
            continue;
        m->kind = TK_LM_WORD;
        m->close = s[k];
        m->weak = s[k] != '.';
        m->word = -1;
        m->num = (int)w + 1;
        m->text = 0;
        return 1;
    }
    return 0;
}

/* 1 when s[a..n) has a letter or a digit (or any non-ASCII byte): words, not an ornament. */
static int has_word(const char *s, size_t a, size_t n)
{
    for (size_t i = a; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_digit(c) || is_lower(c) || is_upper(c) || c >= 0x80)
            return 1;
    }
    return 0;
}

static int marker(const char *s, size_t n, tk_lmark *m);

/* An upper-case letter or roman numeral outside parentheses: a marker only before a space
 * and a dash (`XI —Now, Brazil`, `A —The Council`; the item's text starts at the dash) or,
 * a roman numeral, alone on its line (`XII`, `II.`); `A. Smith` is an initial. */
static int dash_marker(const char *s, size_t n, tk_lmark *m)
{
    size_t i = 0;
    while (i < n && i < 6 && is_upper((unsigned char)s[i]))
        i++;
    size_t e = n;
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        e--;
    m->rom = roman_value(s, i);
    m->upper = 1;
    m->close = '-';
    m->mlen = i;
    m->kind = i == 1 ? TK_LM_LETTER : TK_LM_ROMAN;
    m->num = i == 1 ? s[0] - 'A' + 1 : m->rom;
    if (i > 1 && m->rom == 0)
        return 0; /* a word in capitals */
    if (e == i || (e == i + 1 && s[i] == '.' && m->rom > 0)) { /* alone on its line */
        if (e > i)
            m->close = '.'; /* `II.` alone: follows `I. Text`, not `I —Text` */
        m->mlen = e;
        m->text = n;
        m->weak = 1;
        return m->rom > 0;
    }
    /* `II. Twenty-four hours later`: a roman numeral, a period and a capital */
    if (m->rom > 0 && i + 2 < n && s[i] == '.' && s[i + 1] == ' ' && marker_end(s, n, i + 1, m) &&
        m->text < n && (is_upper((unsigned char)s[m->text]) || (unsigned char)s[m->text] >= 0x80)) {
        m->close = '.';
        m->weak = 1;
        return 1;
    }
    if (i + 4 <= n && s[i] == ' ' && memcmp(s + i + 1, "\xe2\x80\x94", 3) == 0) {
        m->text = i + 1;
        return 1;
    }
    return 0;
}

/* A number the editor supplied in brackets (`[4.]`, `[2.?]`, `[(k)]`) before the item's
 * text: 1 and *m (the label is the bracket), else 0. */
static int bracket_marker(const char *s, size_t n, tk_lmark *m)
{
    const char *b = memchr(s, ']', n < 9 ? n : 9);
    if (b == NULL)
        return 0;
    size_t e = (size_t)(b - s), in = e - 1;
    if (in > 1 && s[in] == '?')
        in--; /* `[2.?]`: the editor's doubt */
    char buf[12];
    if (in < 2 || in + 2 > sizeof buf)
        return 0;
    memcpy(buf, s + 1, in);
    memcpy(buf + in, " x", 2); /* the marker alone in the bracket, as if text followed */
    if (!marker(buf, in + 2, m) || m->text != in + 1 || m->kind == TK_LM_BULLET || m->kind == TK_LM_WORD)
        return 0;
    return marker_end(s, n, e + 1, m) && m->text < n;
}

int tk_list_marker(const char *s, size_t n, tk_lmark *m)
{
    if (n > 4 && s[0] == '[')
        return bracket_marker(s, n, m);
    /* a numbered paragraph of a quotation (`“1. To consult`): the quotation mark and the
       number stay in the item's text */
    size_t q = n >= 3 && memcmp(s, "\xe2\x80\x9c", 3) == 0 ? 3 : n >= 1 && s[0] == '"' ? 1 : 0;
    if (q > 0) {
        if (!marker(s + q, n - q, m) || m->kind == TK_LM_BULLET || m->text == n - q || m->weak)
            return 0;
        m->mlen += q;
        m->text = 0;
        m->quoted = 1;
        return 1;
    }
    return marker(s, n, m);
}

/* tk_list_marker without a quotation mark before the marker. */
static int marker(const char *s, size_t n, tk_lmark *m)
{
    memset(m, 0, sizeof *m);
    /* a bullet and words after it (`* * * * *` is an omission, not an item) */
    if (n >= 2 && (s[0] == '-' || s[0] == '*') && (s[1] == ' ' || s[1] == '\t')) {
        m->kind = TK_LM_BULLET;
        m->close = s[0];
        return marker_end(s, n, 1, m) && m->text < n && has_word(s, m->text, n);
    }
    if (n >= 4 && memcmp(s, "\xe2\x80\xa2", 3) == 0 && s[3] == ' ') { /* • */
        m->kind = TK_LM_BULLET;
        m->close = 'o';
        return marker_end(s, n, 3, m) && m->text < n && has_word(s, m->text, n);
    }
    size_t i = 0;
    int paren = n > 0 && s[0] == '(';
    i += (size_t)paren;
    size_t a = i;
    if (i < n && is_digit((unsigned char)s[i])) {
        while (i < n && i - a < 3 && is_digit((unsigned char)s[i]))
            m->num = m->num * 10 + (s[i++] - '0');
        if (i < n && is_digit((unsigned char)s[i]))
            return 0; /* a year, a figure */
        /* `6 [5?].`: the editor's correction of a misprinted number; the list reads it */
        if (!paren && i + 4 < n && s[i] == ' ' && s[i + 1] == '[' && is_digit((unsigned char)s[i + 2])) {
            size_t j = i + 2;
            int v = 0;
            while (j < n && j - i < 5 && is_digit((unsigned char)s[j]))
                v = v * 10 + (s[j++] - '0');
            if (j < n && s[j] == '?')
                j++;
            if (j + 1 < n && s[j] == ']' && (s[j + 1] == '.' || s[j + 1] == ')')) {
                m->num = v;
                i = j + 1;
            }
        }
        /* 1st. 2d. 3rd. (the ordinal suffix of the number) */
        static const char *const sfx[] = {"st", "nd", "rd", "th", "d"};
        for (size_t k = 0; k < sizeof sfx / sizeof *sfx; k++) { /* `(1st)`, `(2d)` too */
            if (i >= n || s[i] != sfx[k][0]) /* (the first letter first) */
                continue;
            size_t sl = strlen(sfx[k]);
            if (i + sl < n && strncmp(s + i, sfx[k], sl) == 0 && s[i + sl] == (paren ? ')' : '.')) {
                i += sl;
                break;
            }
        }
        m->kind = TK_LM_DIGIT;
    } else if (i < n && (is_lower((unsigned char)s[i]) || (paren && is_upper((unsigned char)s[i])))) {
        int up = is_upper((unsigned char)s[i]);
        while (i < n && i - a < 6 && (up ? is_upper((unsigned char)s[i]) : is_lower((unsigned char)s[i])))
            i++;
        m->upper = up;
        m->rom = roman_value(s + a, i - a);
        if (i - a == 1) {
            m->kind = TK_LM_LETTER;
            m->num = (s[a] | 0x20) - 'a' + 1;
        } else if (m->rom > 0) {
            m->kind = TK_LM_ROMAN;
            m->num = m->rom;
        } else {
            return 0; /* a word */
        }
    } else if (!paren && i < n && is_upper((unsigned char)s[i]) && dash_marker(s, n, m)) {
        return 1;
    } else {
        memset(m, 0, sizeof *m);
        return paren ? 0 : word_marker(s, n, m);
    }
    if (i >= n)
        return 0;
    if (paren) {
        if (s[i] != ')')
            return 0;
        m->close = '(';
    } else if (s[i] == '.' || s[i] == ')') {
        m->close = s[i];
    } else if (s[i] == ':' && m->kind == TK_LM_DIGIT) {
        m->close = ':'; /* `1: The best estimates ...`: a list only when `2:` follows */
        m->weak = 1;
    } else {
        return 0;
    }
    return marker_end(s, n, i + 1, m);
}

int tk_list_marker_follows(const tk_lmark *prev, const tk_lmark *cur)
{
    if (prev->kind == 0 || cur->kind == 0 || prev->close != cur->close ||
        prev->upper != cur->upper)
        return 0;
    if (prev->kind == TK_LM_BULLET)
        return cur->kind == TK_LM_BULLET;
    if (prev->kind == TK_LM_WORD || cur->kind == TK_LM_WORD)
        return prev->kind == cur->kind && prev->word == cur->word && cur->num == prev->num + 1;
    if (prev->kind == TK_LM_DIGIT || cur->kind == TK_LM_DIGIT)
        return prev->kind == cur->kind && cur->num == prev->num + 1;
    /* letters and roman numerals: `(h)` then `(i)` as letters, `i.` then `ii.` as numerals */
    if (prev->kind == TK_LM_LETTER && cur->kind == TK_LM_LETTER && cur->num == prev->num + 1)
        return 1;
    return prev->rom > 0 && cur->rom == prev->rom + 1;
}

int tk_list_marker_first(const tk_lmark *m)
{
    if (m->weak)
        return 0;
    return m->kind == TK_LM_BULLET || m->num == 1 || m->rom == 1;
}

int tk_list_glued_first(const char *s, size_t n, tk_lmark *m)
{
    /* after a period or a colon and a space, near the start: `268. 1. `, `Sir: (1) ` */
    for (size_t i = 2; i < n && i < TK_TH_LIST_GLUED_SCAN_BYTES; i++) {
        if (s[i - 1] != ' ' || (s[i - 2] != '.' && s[i - 2] != ':') ||
            !(is_digit((unsigned char)s[i]) || s[i] == '(' || is_lower((unsigned char)s[i]) || s[i] == 'F'))
            continue; /* (a first number: `1.`, `(1)`, `a.`, `First.`) */
        if (tk_list_marker(s + i, n - i, m) && m->text < n - i && !m->quoted && !m->weak &&
            (m->kind == TK_LM_DIGIT || m->kind == TK_LM_LETTER || (m->kind == TK_LM_WORD && m->word == -1)) &&
            m->num == 1)
            return 1;
    }
    memset(m, 0, sizeof *m);
    return 0;
}

/* A clock time `9:00`, `10:45`, `9.30` (dot only with two digits after it), with `a.m.`,
 * `am`, `p.m.`, `pm` after it: its length at s[i..n), 0 when none. Seconds (`10:15:07`, a
 * recording's timestamp) are no programme time. */
static size_t clock_time(const char *s, size_t n, size_t i)
{
    size_t a = i;
    while (i < n && i - a < 2 && is_digit((unsigned char)s[i]))
        i++;
    if (i == a || i + 2 >= n || (s[i] != ':' && s[i] != '.') || !is_digit((unsigned char)s[i + 1]) ||
        !is_digit((unsigned char)s[i + 2]) || s[i + 1] > '5')
        return 0;
    int h = s[a] - '0';
    if (i - a == 2)
        h = h * 10 + (s[a + 1] - '0');
    if (h > 24)
        return 0;
    i += 3;
    if (i < n && (is_digit((unsigned char)s[i]) || (s[i] == ':' && i + 1 < n && is_digit((unsigned char)s[i + 1]))))
        return 0;
    static const char *const ampm[] = {" a.m.", " p.m.", "a.m.", "p.m.", " am", " pm", "am", "pm"};
    for (size_t k = 0; k < sizeof ampm / sizeof *ampm; k++) {
        size_t l = strlen(ampm[k]);
        if (i + l <= n && strncasecmp(s + i, ampm[k], l) == 0 &&
            (i + l == n || !is_lower((unsigned char)(s[i + l] | 0x20)) || s[i + l - 1] == '.')) {
            i += l;
            break;
        }
    }
    return i - a;
}

/* The dashes between two times or after a time: `-`, `–`, `—`; their length, 0 when none. */
static size_t dash_at(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '-')
        return 1;
    if (i + 3 <= n && (memcmp(s + i, "\xe2\x80\x93", 3) == 0 || memcmp(s + i, "\xe2\x80\x94", 3) == 0))
        return 3;
    return 0;
}

size_t tk_schedule_time(const char *s, size_t n)
{
    size_t i = clock_time(s, n, 0), k;
    if (i == 0)
        return 0;
    /* a range: `9:00-9:55`, `9:00 – 10:30` */
    size_t j = i;
    while (j < n && s[j] == ' ')
        j++;
    if ((k = dash_at(s, n, j)) > 0) {
        size_t t = j + k;
        while (t < n && s[t] == ' ')
            t++;
        size_t c = clock_time(s, n, t);
        if (c > 0)
            i = t + c;
    }
    /* then a colon, or a dash between spaces, and the entry's words */
    j = i;
    if (j < n && s[j] == ':') {
        j++;
    } else {
        while (j < n && s[j] == ' ')
            j++;
        if ((k = dash_at(s, n, j)) == 0 || j == i)
            return 0;
        j += k;
    }
    if (j >= n || s[j] != ' ')
        return 0;
    while (j < n && s[j] == ' ')
        j++;
    return j < n && has_word(s, j, n) ? j : 0;
}
