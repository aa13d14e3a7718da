/* records.c: what a line of an archival record says about the record: a file number
 * (`611.2131/260½: Telegram`), the document type and the author of a title
 * ("Memorandum by the Assistant Secretary of State (White)"). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_alloc.h"
#include "tk_internal.h"
#include "tk_names.h"

/* ------------------------------------------------------------------ the parse's memo */

/* The block parser asks the same questions of a line many times (is it a dateline, a
 * signature, a closing formula: for the paragraph itself, then from the paragraphs after it
 * that look back, and from each part's closer). During a parse (tk_rec_memo_begin ..
 * tk_rec_memo_end, per thread) the answers for lines of the parsed text are kept, keyed by
 * the bytes' address and length: the text does not change while it is parsed. A cache
 * (a slot per address hash, the last line there kept): any answer not kept is computed. */
enum { MEMO_BITS = 12, MEMO_SLOTS = 1 << MEMO_BITS };

typedef struct memo_slot {
    const char *s;
    size_t len;
    unsigned known;             /* bit q: v[q] holds the answer of question q */
    signed char v[TK_MEMO_COUNT];
} memo_slot;

typedef struct tk_memo {
    uintptr_t lo, hi;           /* the parsed text's bytes */
    struct tk_memo *outer;      /* a parse inside a parse (-j 1 builds during the parse) */
    memo_slot slot[MEMO_SLOTS];
} tk_memo;

static _Thread_local tk_memo *memo_now;

void tk_rec_memo_begin(const tk_lines *L)
{
    tk_memo *m = tk_xcalloc(1, sizeof *m);
    if (m == NULL)
        return;
    m->lo = UINTPTR_MAX;
    for (size_t i = 0; i < L->n; i++) {
        uintptr_t a = (uintptr_t)L->v[i].s;
        if (a < m->lo)
            m->lo = a;
        if (a + L->v[i].len + 1 > m->hi)
            m->hi = a + L->v[i].len + 1;
    }
    m->outer = memo_now;
    memo_now = m;
}

void tk_rec_memo_end(void)
{
    tk_memo *m = memo_now;
    if (m == NULL)
        return;
    memo_now = m->outer;
    free(m);
}

int tk_rec_memo(int q, const char *s, size_t len, int (*test)(const char *s, size_t len))
{
    tk_memo *m = memo_now;
    uintptr_t a = (uintptr_t)s;
    if (m == NULL || a < m->lo || a >= m->hi)
        return test(s, len);
    memo_slot *e = &m->slot[(size_t)(((uint64_t)a * 0x9E3779B97F4A7C15u) >> (64 - MEMO_BITS))];
    if (e->s != s || e->len != len) {
        e->s = s;
        e->len = len;
        e->known = 0;
    } else if (e->known >> q & 1) {
        return e->v[q];
    }
    int r = test(s, len);
    if (r >= -128 && r <= 127) {
        e->v[q] = (signed char)r;
        e->known |= 1u << q;
    }
    return r;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alnum(unsigned char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 when word w[0..len) is in table tab of n words, case folded. */
static int word_in(const char *const *tab, size_t n, const char *w, size_t len)
{
    /* the first letters compared case folded (| 0x20) before the whole word */
    unsigned c0 = len > 0 ? (unsigned char)w[0] | 0x20u : 0;
    for (size_t k = 0; k < n; k++)
        if (((unsigned char)tab[k][0] | 0x20u) == c0 && strlen(tab[k]) == len &&
            strncasecmp(tab[k], w, len) == 0)
            return 1;
    return 0;
}

#define WORD_IN(tab, w, len) word_in(tab, sizeof tab / sizeof *tab, w, len)

/* 1 when c is one of the bytes of seps (a NUL byte of the line is no separator); a loop,
 * not memchr: it runs on every byte of the words. */
static inline int is_sep(const char *seps, char c)
{
    for (; *seps != '\0'; seps++)
        if (*seps == c)
            return 1;
    return 0;
}

/* The next word of s[*i..len) between bytes of `seps`: its start; *i is left at its end (a
 * word of no bytes, *i == the start, when the line is over). */
static size_t next_word(const char *s, size_t len, size_t *i, const char *seps)
{
    while (*i < len && is_sep(seps, s[*i]))
        (*i)++;
    size_t st = *i;
    while (*i < len && !is_sep(seps, s[*i]))
        (*i)++;
    return st;
}

/* Fraction signs and letters a file number may end with (`260½`, `3536a`). */
static size_t fraction_at(const char *s, size_t len)
{
    static const char *const fr[] = {"\xc2\xbd", "\xc2\xbc", "\xc2\xbe"};
    for (size_t i = 0; i < sizeof fr / sizeof *fr; i++)
        if (len >= 2 && memcmp(s, fr[i], 2) == 0)
            return 2;
    return 0;
}

size_t tk_rec_file_number(const char *s, size_t len, size_t *num_off, size_t *num_len)
{
    size_t i = 0;
    if (len >= 8 && memcmp(s, "File No.", 8) == 0) {
        i = 8;
        while (i < len && s[i] == ' ')
            i++;
    }
    size_t start = i;
    /* decimal class: 611.2131 (at least one dot) */
    size_t d = i, dots = 0;
    while (i < len && is_digit((unsigned char)s[i]))
        i++;
    if (i == d || i - d > 4)
        return 0;
    while (i + 1 < len && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
        dots++;
        i++;
        while (i < len && is_digit((unsigned char)s[i]))
            i++;
    }
    if (dots == 0)
        return 0;
    /* a subject word or two before the slash (`710.1012 Anti-War/73`) */
    size_t j = i;
    for (int w = 0; w < 3 && j + 1 < len && s[j] == ' '; w++) {
        size_t k = j + 1;
        if (!(s[k] >= 'A' && s[k] <= 'Z'))
            break;
        while (k < len && (is_alnum((unsigned char)s[k]) || s[k] == '-'))
            k++;
        j = k;
        if (k < len && s[k] == '/')
            break;
    }
    if (j < len && s[j] == '/')
        i = j;
    if (i < len && s[i] == '/') {
        size_t k = i + 1, f;
        while (k < len && (is_alnum((unsigned char)s[k]) || s[k] == '-'))
            k++;
        while ((f = fraction_at(s + k, len - k)) > 0)
            k += f;
        if (k == i + 1)
            return 0;
        i = k;
    }
    /* the number ends the line, or a colon and the document type follow */
    if (i < len && !(s[i] == ':' && i + 1 < len && s[i + 1] == ' '))
        return 0;
    *num_off = start;
    *num_len = i - start;
    return i;
}

/* Document types a record's title may start with, the longest first. */
static const char *const doc_types[] = {
    "Memorandum of Conversation", "Memorandum for the Record", "Memorandum for the File",
    "Minutes of", "Aide-Mémoire", "Aide-Memoire", "Circular telegram", "Circular instruction",
    "Memorandum", "Telegram", "Despatch", "Dispatch", "Cablegram", "Minutes", "Letter",
    "Note", "Instruction", "Report", "Record", "Notes", "Circular", "Statement",
    "Press Release", "Paraphrase", "Message", "Agreement", "Protocol", "Treaty", "Airgram",
};

/* The doc_types whose first letter, case-blind (| 0x20), is each byte: bit k for doc_types[k]. */
static uint32_t doc_type_firsts[256];
static pthread_once_t doc_type_firsts_once = PTHREAD_ONCE_INIT;
_Static_assert(sizeof doc_types / sizeof *doc_types <= 32, "a bit per document type");

static void build_doc_type_firsts(void)
{
    for (size_t k = 0; k < sizeof doc_types / sizeof *doc_types; k++)
        doc_type_firsts[(unsigned char)doc_types[k][0] | 0x20] |= (uint32_t)1 << k;
}

size_t tk_rec_doc_type(const char *s, size_t len)
{
    size_t i = 0;
    /* "7. Memorandum From ..." in a compilation, "The Memorandum ..." */
    while (i < len && is_digit((unsigned char)s[i]))
        i++;
    if (i > 0 && i < 5 && i + 1 < len && s[i] == '.' && s[i + 1] == ' ')
        i += 2;
    else if (i > 0 && i < 5 && i + 1 < len && s[i] == ' ') /* DFAT: "264 Note of Meeting" */
        i += 1;
    else
        i = 0;
    if (i >= len)
        return 0;
    /* every type starts with a letter: compared first, case-blind (| 0x20 maps only A-Z to
       a-z), so that a line costs one test per type, not a strncasecmp */
    unsigned char c0 = (unsigned char)s[i] | 0x20;
    pthread_once(&doc_type_firsts_once, build_doc_type_firsts);
    for (uint32_t b = doc_type_firsts[c0]; b != 0; b &= b - 1) { /* in the table's order */
        size_t k = (size_t)__builtin_ctz(b);
        size_t n = strlen(doc_types[k]);
        if (len - i >= n && strncasecmp(s + i, doc_types[k], n) == 0 &&
            (len - i == n || s[i + n] == ' ' || s[i + n] == ',' || s[i + n] == '.')) {
            if (strcmp(doc_types[k], "Minutes of") == 0)
                n = 7;
            return (i << 16) | n;
        }
    }
    return 0;
}

/* Office words: the part of "X to Y" before " to " names an author only with one of them
 * (or a parenthesised name): "The Minister in Bolivia (Des Portes) to the Secretary". */
static const char *const office_words[] = {
    "Secretary", "Minister", "Ambassador", "Chargé", "Charge", "Consul", "President",
    "Commissioner", "Embassy", "Legation", "Department", "Ministry", "Government", "Governor",
    "Delegation", "Chief", "Director", "Counselor", "Agent", "Admiral", "General", "King",
    "Emperor", "Prime", "Premier", "Chancellor", "Envoy", "Adviser", "Advisor",
};

static const char *find_n(const char *s, size_t len, const char *w)
{
    /* the first occurrence: candidates by their first and last bytes, sixteen at a time
       (the words sought often start with a space, the commonest byte) */
    return tk_find_bytes(s, len, w, strlen(w));
}

int tk_rec_author(const char *s, size_t len, size_t *off, size_t *alen)
{
    size_t t = tk_rec_doc_type(s, len);
    size_t after = t ? (t >> 16) + (t & 0xffff) : 0;
    const char *p;
    /* "Memorandum by X", "Notes by X" (to the end, or to ", " or " of ") */
    if (t && len > after + 2 && s[after] == ',')
        after++; /* "Memorandum of Conversation, by the Under Secretary" */
    if (t && len > after + 4 && memcmp(s + after, " by ", 4) == 0) {
        *off = after + 4;
        p = find_n(s + *off, len - *off, " of Conversation");
        size_t e = p ? (size_t)(p - s) : len;
        const char *q = find_n(s + *off, e - *off, " to ");
        if (q != NULL)
            e = (size_t)(q - s);
        while (e > *off && (s[e - 1] == '.' || s[e - 1] == ' '))
            e--;
        *alen = e - *off;
        return *alen > 0;
    }
    /* "Memorandum From X to Y", "Telegram From X to Y" */
    if (t && len > after + 6 && strncasecmp(s + after, " from ", 6) == 0) {
        *off = after + 6;
        p = find_n(s + *off, len - *off, " to ");
        if (p == NULL)
            return 0;
        *alen = (size_t)(p - s) - *off;
        return *alen > 0;
    }
    /* "The Minister in Bolivia (Des Portes) to the Secretary of State", "Mr. Adams to
     * Mr. Seward." (an honorific or an office before " to ") */
    static const char *const honorifics[] = {"The ", "Mr. ", "Mrs. ", "Miss ", "Sir ",
                                             "Lord ", "Lady ", "Señor ", "Count ", "Baron ",
                                             "Prince ", "Dr. ", "M. ", "Mme. ", "General "};
    size_t h = 0, nh = sizeof honorifics / sizeof *honorifics;
    while (h < nh && !(len > 0 && s[0] == honorifics[h][0] && /* (the first letter first) */
                       len > strlen(honorifics[h]) &&
                       memcmp(s, honorifics[h], strlen(honorifics[h])) == 0))
        h++;
    /* a telegram's header names offices without an article (`Secretary of State to
       Ambassador`): an office word first stands for the honorific */
    /* (the office words' first letters, tested first: most lines start with none) */
    int office_first = h == nh && len > 0 && len <= 80 && s[0] != '\0' &&
                       strchr("SMACPELDGK", s[0]) != NULL;
    for (size_t k = 0; office_first && h == nh && k < sizeof office_words / sizeof *office_words;
         k++) {
        if (s[0] != office_words[k][0]) /* (the first letter first: most lines are none) */
            continue;
        size_t w = strlen(office_words[k]);
        if (len > w && memcmp(s, office_words[k], w) == 0 && s[w] == ' ')
            h = 1;
    }
    if (h < nh && (p = find_n(s, len, " to ")) != NULL) {
        size_t e = (size_t)(p - s);
        int office = h > 0 || (find_n(s, e, "(") != NULL && find_n(s, e, ")") != NULL);
        for (size_t k = 0; !office && k < sizeof office_words / sizeof *office_words; k++)
            office = find_n(s, e, office_words[k]) != NULL;
        if (!office)
            return 0;
        *off = 0;
        *alen = e;
        return 1;
    }
    return 0;
}

void tk_rec_strip_markers(char *s)
{
    size_t w = 0;
    for (size_t r = 0; s[r] != '\0';) {
        if (s[r] == '[') {
            size_t k = r + 1;
            while (s[k] != '\0' && s[k] != ']' && k - r <= 5)
                k++;
            int label = s[k] == ']' && k > r + 1;
            for (size_t j = r + 1; label && j < k; j++)
                label = is_digit((unsigned char)s[j]) ||
                        (j + 1 == k && j > r + 1 && s[j] >= 'a' && s[j] <= 'z') ||
                        (k == r + 2 && s[j] == '*');
            if (label) {
                r = k + 1;
                continue;
            }
        }
        s[w++] = s[r++];
    }
    s[w] = '\0';
}

/* Salutations a letter opens with (the line ends with ':' or ','). */
static const char *const salutes[] = {
    "Sir", "Sirs", "Madam", "Madame", "Gentlemen", "Dear ", "My dear ", "My Dear ",
    "Excellency", "Your Excellency", "Monsieur", "Mr. President", "Mr. Secretary",
    "Mr. Chairman", "Mr. Minister", "Mr. Ambassador", "My Lord", "Dear Sir", "Dear Madam",
};

static size_t trim_end(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return len;
}

int tk_rec_salutation(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 4 || len > TK_TH_SALUTATION_MAX_BYTES || (s[len - 1] != ':' && s[len - 1] != ','))
        return 0;
    for (size_t k = 0; k < sizeof salutes / sizeof *salutes; k++) {
        size_t n = strlen(salutes[k]);
        if (len - 1 >= n && memcmp(s, salutes[k], n) == 0 &&
            (salutes[k][n - 1] == ' ' || len - 1 == n || s[n] == ' ' || s[n] == ','))
            return 1;
    }
    return 0;
}

/* Closing formulas a letter ends with, before the signature. */
static const char *const closings[] = {
    "I have the honor", "I have the honour", "I have [etc", "I have, etc", "I am, ", "I am,",
    "I am [etc", "I remain", "I avail myself", "I avail [etc", "Respectfully", "Sincerely",
    "Very truly", "Very respectfully", "Very sincerely", "Very faithfully", "Yours ", "Yours,",
    "Faithfully", "Believe me", "With great respect", "With kind regards", "With kindest regards",
    "With best regards", "With renewed assurances", "With all consideration", "Accept, ",
    "Accept [etc", "Cordially", "Your obedient", "Your most obedient",
};

/* Endings of a closing formula that opens with words of courtesy (`With the assurances of my
 * high consideration, I am,`, `With all respect, I subscribe myself your obedient servant,`):
 * the line ends where the signature follows, with a comma. */
static const char *const closing_ends[] = {"I am,", "I remain,", "servant,", "myself,",
                                           "to be,", "I am, Sir,", "to be, Sir,"};

/* The length of a line's abbreviated ending (`etc.,`, `[etc.]`, `etc.`) without it, or 0
 * when it has none: "I avail myself [etc.]" ends with it. */
static size_t etc_end(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ',' || s[len - 1] == '.' || s[len - 1] == ']' ||
                       s[len - 1] == ' '))
        len--;
    if (len < 4 || memcmp(s + len - 3, "etc", 3) != 0)
        return 0;
    len -= 3;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == ',' || s[len - 1] == '['))
        len--;
    return len;
}

static int rec_closing(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 6 || len > TK_TH_CLOSING_MAX_BYTES)
        return 0;
    /* a formula that closes a quotation (`I have the honor to be, Sir, your obedient
       servant.”`) ends the quoted letter, not this one */
    if (s[len - 1] == '"' || (len >= 3 && memcmp(s + len - 3, "\xe2\x80\x9d", 3) == 0))
        return 0;
    /* a short line ending with "etc." abbreviates the formula ("With renewed assurances,
       etc.,", "Accept [etc.]", "I have the honor, etc.,") */
    size_t e = etc_end(s, len);
    if (e >= 4 && len <= 80 && s[0] >= 'A' && s[0] <= 'Z')
        return 1;
    if (s[0] >= 'A' && s[0] <= 'Z' && s[len - 1] == ',')
        for (size_t k = 0; k < sizeof closing_ends / sizeof *closing_ends; k++) {
            size_t n = strlen(closing_ends[k]);
            if (len > n && memcmp(s + len - n, closing_ends[k], n) == 0 && s[len - n - 1] == ' ')
                return 1;
        }
    for (size_t k = 0; k < sizeof closings / sizeof *closings; k++) {
        if (s[0] != closings[k][0]) /* (the first letter first) */
            continue;
        size_t n = strlen(closings[k]);
        if (len >= n && memcmp(s, closings[k], n) == 0) {
            /* "I have the honor to acknowledge ..." opens a letter: only "... to be" closes */
            if (k < 2)
                for (size_t i = n; i + 6 <= len; i++)
                    if (memcmp(s + i, " to be", 6) == 0)
                        return 1;
            return k >= 2;
        }
    }
    return 0;
}

/* The first words of the reference to an earlier message after a telegram's number. */
static const char *const telegram_refs[] = {
    "My ", "Your ", "Our ", "Department's ", "Department\xe2\x80\x99s ", "Embassy's ",
    "Embassy\xe2\x80\x99s ", "Consulate's ", "Consulate\xe2\x80\x99s ", "Legation's ",
    "Legation\xe2\x80\x99s "};
/* ... and the times it ends with. */
static const char *const telegram_times[] = {"a.m.", "p.m.", "a. m.", "p. m.", "noon.",
                                             "midnight."};

int tk_rec_telegram_reference(const char *s, size_t len)
{
    len = trim_end(s, len);
    size_t i = 0;
    while (i < len && i < 5 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 || len > 100 || i + 2 >= len || s[i] != '.' || s[i + 1] != ' ')
        return 0;
    i += 2;
    int ref = 0, time = 0;
    for (size_t k = 0; k < sizeof telegram_refs / sizeof *telegram_refs && !ref; k++)
        ref = len - i > strlen(telegram_refs[k]) &&
              memcmp(s + i, telegram_refs[k], strlen(telegram_refs[k])) == 0;
    for (size_t k = 0; k < sizeof telegram_times / sizeof *telegram_times && !time; k++) {
        size_t m = strlen(telegram_times[k]);
        time = len > m && memcmp(s + len - m, telegram_times[k], m) == 0;
    }
    return ref && time;
}

int tk_rec_seal_line(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 4 || len > 12 || !((s[0] == '[' && s[len - 1] == ']') || (s[0] == '(' && s[len - 1] == ')')))
        return 0;
    char w[8];
    size_t n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        char c = s[i];
        if (c == '.' || c == ' ')
            continue;
        if (n + 1 >= sizeof w)
            return 0;
        w[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w[n] = '\0';
    return strcmp(w, "seal") == 0 || strcmp(w, "ls") == 0;
}

/* Lines that say for whom a signature is given, between the formula and the signature. */
static const char *const signing_for[] = {
    "For the ",  "By order of", "By direction of", "By authority of", "By command of",
    "In the absence of", "For His ", "For Her ", "On behalf of ", "Por el ", "Por la ",
    "Pour le ", "Pour la ", "Au nom d"};

int tk_rec_signing_for(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 5 || len > TK_TH_SIGNING_FOR_MAX_BYTES || s[len - 1] != ':')
        return 0;
    for (size_t k = 0; k < sizeof signing_for / sizeof *signing_for; k++)
        if (len > strlen(signing_for[k]) &&
            memcmp(s, signing_for[k], strlen(signing_for[k])) == 0)
            return 1;
    return 0;
}

/* Office words of a signer's title line beyond office_words (`Counsellor of Embassy`,
 * `Commander, U. S. N.`). */
static const char *const signer_offices[] = {
    "Counsellor", "Attaché", "Commander", "Commanding", "Officer", "Representative",
    "Delegate", "Chairman", "Undersecretary", "Vice-Consul", "Captain", "Lieutenant"};

/* Small words a title line may hold in lower case (`Secretary of the Navy`, `Chargé
 * d'Affaires ad interim`). */
static const char *const office_links[] = {"of", "the", "for", "in", "and", "at", "de",
                                           "pro", "ad", "interim", "d'Affaires",
                                           "d\xe2\x80\x99" "Affaires"};

int tk_rec_office_line(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len > 0 && s[len - 1] == '.')
        len--;
    if (len < 5 || len > TK_TH_OFFICE_LINE_MAX_BYTES || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    /* two passes: the shape first (most lines fail at their first lower-case word), the
       office words only over a line of title shape */
    int office = 0;
    for (int pass = 0; pass < 2 && !office; pass++)
        for (size_t i = 0, st; i < len && !office;) {
            if ((st = next_word(s, len, &i, " ,")) == i)
                break;
            unsigned char c = (unsigned char)s[st];
            if (pass == 1)
                office = WORD_IN(office_words, s + st, i - st) ||
                         WORD_IN(signer_offices, s + st, i - st);
            else if (is_digit(c) || (!(c >= 'A' && c <= 'Z') && c < 0xC3 &&
                                     !WORD_IN(office_links, s + st, i - st)))
                return 0; /* a digit, or a lower-case word that links no title: a sentence */
        }
    return office;
}

/* Bracketed editorial statements that stand where a signature would be. */
static const char *const unsigned_marks[] = {"not signed", "unsigned", "Unsigned", "Not signed"};

int tk_rec_bracket_signature(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 3 || len > 60 || s[0] != '[' || s[len - 1] != ']')
        return 0;
    for (size_t k = 0; k < sizeof unsigned_marks / sizeof *unsigned_marks; k++)
        if (find_n(s, len, unsigned_marks[k]) != NULL)
            return 1;
    return tk_rec_signature(s + 1, len - 2);
}

/* Lower-case words a name may hold ("Charles de Gaulle", "Acting Secretary"). */
static const char *const particles[] = {"de", "van", "von", "la", "da", "di", "y", "du", "del"};

static int rec_signature(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 3 || len > TK_TH_SIGNATURE_MAX_BYTES || s[len - 1] == ':' || s[len - 1] == ',' || s[len - 1] == ';')
        return 0;
    size_t words = 0;
    for (size_t i = 0, st; i < len;) {
        if ((st = next_word(s, len, &i, " ")) == i)
            break;
        words++;
        unsigned char c = (unsigned char)s[st];
        if (c == '[' || c == '(') /* W. R. C[astle], [Signed] */
            c = st + 1 < len ? (unsigned char)s[st + 1] : 0;
        if (c >= 'A' && c <= 'Z')
            continue;
        if (c >= 0xC3) /* a capital outside ASCII (Ä, Č): taken as a capital */
            continue;
        int part = 0;
        for (size_t k = 0; k < sizeof particles / sizeof *particles; k++)
            if (strlen(particles[k]) == i - st && memcmp(s + st, particles[k], i - st) == 0)
                part = 1;
        if (!part)
            return 0;
    }
    for (size_t i = 0; i < len; i++)
        if (is_digit((unsigned char)s[i]))
            return 0;
    /* a sentence is no signature: it ends with '.' after a long word ("Agreed.") only
     * when it has one word */
    if (words == 1 && s[len - 1] == '.' && len > 3)
        return 0;
    return words >= 1 && words <= 6;
}

int tk_rec_numbered_heading(const char *s, size_t len, long *num)
{
    size_t t = tk_rec_doc_type(s, len);
    if (t == 0 || (t >> 16) == 0 || len > 300)
        return 0;
    size_t after = (t >> 16) + (t & 0xffff);
    /* the type is followed by its parties or subject: From, by, of, to, between, on */
    static const char *const next[] = {" From ", " from ", " by ", " of ", " to ", " between ",
                                       " on ", " for ", ", "};
    int ok = 0;
    for (size_t k = 0; !ok && k < sizeof next / sizeof *next; k++)
        ok = len > after + strlen(next[k]) && memcmp(s + after, next[k], strlen(next[k])) == 0;
    /* ... or the type is the whole heading (`9. Memorandum of Conversation`, `12. Telegram.`) */
    size_t e = trim_end(s, len);
    if (e > 0 && s[e - 1] == '.')
        e--;
    ok |= after == e;
    if (!ok)
        return 0;
    long v = 0;
    for (size_t i = 0; i < len && is_digit((unsigned char)s[i]); i++)
        v = v * 10 + (s[i] - '0');
    *num = v;
    return 1;
}

/* Labels a roster of participants stands under. */
static const char *const roster_labels[] = {
    "Present", "Participants", "Attendance", "Also present", "Also Present", "Attending",
    "Those present", "Members present", "Absent", "In attendance", "Participants in the meeting",
};

int tk_rec_roster_label(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len > 0 && (s[len - 1] == ':' || s[len - 1] == '.'))
        len--;
    /* (every label opens with an ASCII letter: its first letter, case-blind, first) */
    for (size_t k = 0; k < sizeof roster_labels / sizeof *roster_labels; k++)
        if (len > 0 && ((unsigned char)s[0] | 0x20) == ((unsigned char)roster_labels[k][0] | 0x20) &&
            strlen(roster_labels[k]) == len && strncasecmp(s, roster_labels[k], len) == 0)
            return 1;
    return 0;
}

/* One word of a name: an initial (`R.`), a capitalised word with a lower-case letter
 * (`Rappaport`, `LaFeber`, `O'Neill`, `Smith-Jones`) or a particle; 2 for an initial, 1 for
 * a word, 0 for anything else. */
static int name_word(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (n == 2 && c >= 'A' && c <= 'Z' && s[1] == '.')
        return 2;
    for (size_t k = 0; k < sizeof particles / sizeof *particles; k++)
        if (n > 0 && s[0] == particles[k][0] && strlen(particles[k]) == n &&
            memcmp(s, particles[k], n) == 0)
            return 1;
    if (!((c >= 'A' && c <= 'Z') || c >= 0xC3) || n < 2)
        return 0;
    int lower = 0;
    for (size_t i = 1; i < n; i++) {
        unsigned char d = (unsigned char)s[i];
        if (d >= 'a' && d <= 'z')
            lower = 1;
        else if (!((d >= 'A' && d <= 'Z') || d >= 0x80 || d == '\'' || d == '-'))
            return 0;
    }
    return lower;
}

int tk_rec_roster_entry(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 3 || len > 200)
        return 0;
    /* the name: up to the first ", ", " [" or " (" (an office, a note follow) */
    size_t e = 0;
    while (e < len && !(e + 1 < len && s[e + 1] == ' ' && s[e] == ',') &&
           !(e + 1 < len && s[e] == ' ' && (s[e + 1] == '[' || s[e + 1] == '(')))
        e++;
    if (e == len && s[len - 1] == '.' && len > 2 && s[len - 3] != ' ')
        return 0; /* a sentence, not a name ("Agreed upon.") */
    int words = 0, initials = 0, last = 0;
    for (size_t i = 0; i < e;) {
        while (i < e && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < e && s[i] != ' ')
            i++;
        if (i == st)
            break;
        last = name_word(s + st, i - st);
        if (last == 0)
            return 0;
        words++;
        initials += last == 2;
    }
    if (words < 2 || words > 4 || last != 1)
        return 0;
    return initials > 0 ? 2 : 1;
}

int tk_rec_enclosure_title(const char *s, size_t len)
{
    size_t off, n;
    len = trim_end(s, len);
    if (len < 3 || len > 200)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (!((c >= 'A' && c <= 'Z') || c >= 0xC3))
        return 0;
    if (tk_rec_author(s, len, &off, &n))
        return 1;
    size_t t = tk_rec_doc_type(s, len);
    if (t != 0 && (t >> 16) == 0 && len <= 60)
        return 1; /* "Memorandum.", "Proclamation of the Governor" */
    /* "Captain Watson to Mr. Herbert.", "From Jose Vita to President Zelaya." */
    const char *p = find_n(s, len, " to ");
    if (p == NULL)
        return 0;
    size_t e = (size_t)(p - s), words = 1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ')
            words++;
        /* a sentence before the end is no title */
        if (i + 1 < len && s[i] == '.' && s[i + 1] == ' ' && i > 0 && s[i - 1] >= 'a' &&
            s[i - 1] <= 'z' && !(i >= 2 && s[i - 2] == ' ') && i < e)
            return 0;
    }
    unsigned char a = e + 4 < len ? (unsigned char)s[e + 4] : 0;
    return words <= 14 && ((a >= 'A' && a <= 'Z') || a >= 0xC3 ||
                           (len - e - 4 > 4 && memcmp(s + e + 4, "the ", 4) == 0));
}

/* Outline labels a heading starts with (`ITEM 7.`, `Agenda item 1.A.:`, `Part II`), longest
 * first where one begins another. */
static const char *const outline_words[] = {
    "AGENDA ITEM", "Agenda item", "Agenda Item", "ITEM", "Item", "PART", "Part", "SECTION",
    "Section", "CHAPTER", "Chapter", "ANNEX", "Annex", "APPENDIX", "Appendix", "TAB", "Tab",
    "ATTACHMENT", "Attachment", "TOPIC", "Topic", "PARAGRAPH", "Paragraph",
};

/* The length of an outline number at s (`7`, `1.A.`, `II`, `B`, `3(a)`), 0 when none. */
static size_t outline_number(const char *s, size_t len)
{
    size_t i = 0, units = 0;
    while (i < len && units < 4) {
        size_t st = i;
        while (i < len && is_digit((unsigned char)s[i]) && i - st < 3)
            i++;
        if (i == st) { /* a letter, or a roman number of capitals */
            while (i < len && s[i] != '\0' && strchr("IVXL", s[i]) != NULL && i - st < 5)
                i++;
            if (i == st && i < len && s[i] >= 'A' && s[i] <= 'Z')
                i++;
            if (i == st && i < len && s[i] >= 'a' && s[i] <= 'z' && units > 0)
                i++;
        }
        if (i == st)
            break;
        units++;
        if (i < len && s[i] == '.')
            i++;
        if (i + 2 < len && s[i] == '(' && s[i + 2] == ')' && is_alnum((unsigned char)s[i + 1]))
            i += 3; /* `3(a)` */
        /* a unit is followed by '.', ':', ' ' or the end */
        if (i < len && s[i] != '.' && s[i] != ':' && s[i] != ' ' && !is_digit((unsigned char)s[i]) &&
            !(s[i] >= 'A' && s[i] <= 'Z'))
            return 0;
    }
    return units > 0 ? i : 0;
}

int tk_rec_outline_heading(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 3 || len > TK_TH_OUTLINE_HEADING_MAX_BYTES)
        return 0;
    for (size_t k = 0; k < sizeof outline_words / sizeof *outline_words; k++) {
        if (s[0] != outline_words[k][0]) /* (the first letter first: most lines are none) */
            continue;
        size_t n = strlen(outline_words[k]);
        if (len <= n + 1 || memcmp(s, outline_words[k], n) != 0 || s[n] != ' ')
            continue;
        size_t m = outline_number(s + n + 1, len - n - 1);
        if (m == 0)
            return 0;
        size_t i = n + 1 + m;
        if (i < len && s[i] == ':')
            i++;
        while (i < len && s[i] == ' ')
            i++;
        if (i == len)
            return 1; /* the label alone: `ITEM 7.` */
        /* a title after it: capitalised, short, no sentence in it */
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (unsigned char)s[i] >= 0xC3))
            return 0;
        size_t words = 1;
        for (size_t j = i; j < len; j++) {
            if (s[j] == ' ')
                words++;
            if (j + 1 < len && s[j] == '.' && s[j + 1] == ' ')
                return 0;
        }
        return words <= 12 && s[len - 1] != '.'; /* `Item 7. The dues were raised.`: text */
    }
    return 0;
}

/* 1 when word w (n bytes, any case) is in the space-separated lower-case list. */
static int in_word_list(const char *list, const char *w, size_t n)
{
    char buf[32];
    if (n == 0 || n + 2 >= sizeof buf)
        return 0;
    buf[0] = ' ';
    for (size_t i = 0; i < n; i++)
        buf[i + 1] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    buf[n + 1] = ' ';
    buf[n + 2] = '\0';
    if (strncmp(list, buf + 1, n + 1) == 0)
        return 1;
    return strstr(list, buf) != NULL;
}

int tk_rec_person_line(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (!tk_rec_signature(s, len))
        return 0;
    size_t words = 0, evidence = 0;
    for (size_t i = 0; i < len;) {
        size_t st = next_word(s, len, &i, " "), n = i - st;
        if (n == 0)
            break;
        words++;
        const char *w = s + st;
        if (n == 2 && w[1] == '.') /* an initial: `R.` */
            evidence++;
        else if (n >= 3 && n <= 5 && w[n - 1] == '.' && i < len) /* `Geo.`, `Jno.`, `Chas.` */
            evidence++;
        else if (words > 1 && i < len && w[0] >= 'a' && w[0] <= 'z') /* a particle inside */
            evidence++;
        else if (words == 1 && (in_word_list(tk_given_male, w, n) || in_word_list(tk_given_female, w, n)))
            evidence++;
    }
    return words >= 2 && words <= 5 && evidence > 0;
}

/* Words of a classification or handling line, and those of them that make it one. */
static const char *const class_words[] = {
    "top", "most", "secret", "confidential", "strictly", "personal", "and", "restricted",
    "unclassified", "limited", "official", "use", "eyes", "only", "nodis", "exdis", "limdis",
    "noforn", "sensitive", "private", "for", "your", "information",
};
static const char *const class_marks[] = {"secret", "confidential", "restricted", "limited", "eyes",
                                          "unclassified", "nodis", "exdis", "limdis", "noforn"};

int tk_rec_classification(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len > 0 && s[len - 1] == '.')
        len--;
    if (len < 6 || len > 60)
        return 0;
    size_t marks = 0, upper = 0, letters = 0;
    for (size_t i = 0, st; i < len;) {
        if ((st = next_word(s, len, &i, " /;,-")) == i)
            break;
        if (!WORD_IN(class_words, s + st, i - st))
            return 0;
        marks += WORD_IN(class_marks, s + st, i - st);
        for (size_t j = st; j < i; j++) {
            letters++;
            upper += s[j] >= 'A' && s[j] <= 'Z';
        }
    }
    /* all capitals (`MOST SECRET`), or a capitalised mark alone (`Confidential`) */
    return marks > 0 && (upper == letters || (s[0] >= 'A' && s[0] <= 'Z'));
}

static int rec_series_number(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len > 0 && s[len - 1] == '.')
        len--;
    const char *p = find_n(s, len, " Series No. ");
    if (p == NULL || len > 60 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    size_t i = (size_t)(p - s) + 12, d = i;
    while (i < len && is_digit((unsigned char)s[i]))
        i++;
    return i > d && i == len;
}

/* What a copyist's or translator's certificate attests (`This is a true copy.`, `I certify
 * the above to be a true translation.`). */
static const char *const certified[] = {"true copy",        "true translation",
                                        "correct copy",     "correct translation",
                                        "true and correct", "true and faithful",
                                        "faithful copy",    "faithful translation"};

int tk_rec_certification(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len < 10 || len > TK_TH_CERTIFICATION_MAX_BYTES || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    /* the statement ends its first sentence (a place and date may follow: `This is a true
       copy. Managua, April 3, 1894.`) within 100 characters */
    /* a jurat under a sworn statement (`Sworn before me this 13th day of April, 1894.`,
       `Subscribed and sworn to ...`) */
    if ((len > 6 && memcmp(s, "Sworn ", 6) == 0) ||
        (len > 21 && memcmp(s, "Subscribed and sworn ", 21) == 0))
        return 1;
    size_t end = 0;
    while (end < len && s[end] != '.' && s[end] != ':')
        end++;
    if (end > 100)
        return 0;
    for (size_t k = 0; k < sizeof certified / sizeof *certified; k++)
        if (find_n(s, end, certified[k]) != NULL)
            return 1;
    return 0;
}

/* The quotation marks a block quotation opens and closes with: curly double, curly single,
 * straight double. */
static const char *const quote_open[] = {"\xe2\x80\x9c", "\xe2\x80\x98", "\""};
static const char *const quote_close[] = {"\xe2\x80\x9d", "\xe2\x80\x99", "\""};

int tk_rec_quote_opens(const char *s, size_t len)
{
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    if (len == 0 || (*s != '"' && (unsigned char)*s != 0xe2)) /* (most paragraphs) */
        return 0;
    for (size_t k = 0; k < sizeof quote_open / sizeof *quote_open; k++) {
        size_t m = strlen(quote_open[k]);
        if (len > m && memcmp(s, quote_open[k], m) == 0)
            return (int)k + 1;
    }
    return 0;
}

int tk_rec_quote_closes(const char *s, size_t len, int kind)
{
    len = trim_end(s, len);
    /* a period, comma, semicolon or parenthesis may follow the mark (`... vote”.`) */
    for (int i = 0; i < 2 && len > 0 && strchr(".,;)", s[len - 1]) != NULL; i++)
        len--;
    if (kind < 1 || kind > (int)(sizeof quote_close / sizeof *quote_close))
        return 0;
    size_t m = strlen(quote_close[kind - 1]);
    return len > m && memcmp(s + len - m, quote_close[kind - 1], m) == 0;
}

int tk_rec_quote_closes_early(const char *s, size_t len, int kind, int last)
{
    if (kind < 1 || kind > (int)(sizeof quote_close / sizeof *quote_close))
        return 0;
    const char *m = quote_close[kind - 1];
    size_t ml = strlen(m), end = trim_end(s, len), fin = end;
    /* where the closing mark of the paragraph's end stands (none: fin = end) */
    if (last && tk_rec_quote_closes(s, len, kind)) {
        while (fin > 0 && strchr(".,;)", s[fin - 1]) != NULL && end - fin < 2)
            fin--;
        fin -= ml;
    }
    for (size_t i = kind == 3 ? 1 : 0; i + ml <= end; i++) {
        /* (to the mark's first byte at once: this runs on every line of a quotation) */
        const char *at = memchr(s + i, m[0], end - i);
        if (at == NULL)
            break;
        i = (size_t)(at - s);
        if (i + ml > end || i == fin || memcmp(s + i, m, ml) != 0)
            continue;
        /* (a right single mark before a letter is an apostrophe: `Department’s`) */
        if (kind == 2 && i + ml < end && is_alnum((unsigned char)s[i + ml]))
            continue;
        return 1;
    }
    return 0;
}

int tk_rec_quote_lead(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len >= 4 && memcmp(s + len - 3, "\xe2\x80\x94", 3) == 0) /* `as follows:—` */
        len -= 3;
    else if (len >= 2 && s[len - 1] == '-')
        len--;
    return len >= 2 && s[len - 1] == ':';
}

/* Words that qualify a document type on a line of its own (`Telegram Sent`, `Paraphrase
 * of Telegram Received`, `Circular Telegram`). */
static const char *const type_qualifiers[] = {"Sent", "Received", "of", "Circular", "Secret",
                                              "Confidential", "Strictly", "Personal"};

int tk_rec_type_line(const char *s, size_t len)
{
    len = trim_end(s, len);
    if (len > 0 && s[len - 1] == '.')
        len--;
    size_t t = len >= 4 && len <= 60 ? tk_rec_doc_type(s, len) : 0;
    if (t == 0 || (t >> 16) != 0) /* a type first, no number before it */
        return 0;
    size_t words = 1;
    for (size_t i = t & 0xffff, st; i < len;) { /* the words after it: qualifiers or types */
        if ((st = next_word(s, len, &i, " ")) == i)
            break;
        if (!(WORD_IN(type_qualifiers, s + st, i - st) || WORD_IN(doc_types, s + st, i - st)) ||
            ++words > 4)
            return 0;
    }
    return 1;
}

int tk_rec_signer_line(const char *s, size_t len)
{
    len = trim_end(s, len);
    /* a seal after the name (`[seal]`, `(L.S.)`): at most 8 characters in brackets */
    if (len > 4 && (s[len - 1] == ']' || s[len - 1] == ')')) {
        char open = s[len - 1] == ']' ? '[' : '(';
        size_t i = len - 1;
        while (i > 0 && s[i] != open && len - i <= 10)
            i--;
        if (s[i] == open && len - i <= 10 && i > 0) {
            len = i;
            while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == ','))
                len--;
        }
    }
    return tk_rec_signature(s, len);
}

/* The line tests the parser asks most often, through the memo. */
int tk_rec_signature(const char *s, size_t len) { return tk_rec_memo(TK_MEMO_SIGNATURE, s, len, rec_signature); }
int tk_rec_closing(const char *s, size_t len) { return tk_rec_memo(TK_MEMO_CLOSING, s, len, rec_closing); }
int tk_rec_series_number(const char *s, size_t len) { return tk_rec_memo(TK_MEMO_SERIES_NUMBER, s, len, rec_series_number); }
