/* blocks.c: lines -> documents of blocks (front matter, title, dateline, paragraphs, lists,
 * headings, speaker turns, NASA log lines, play structure, notes sections, trailing
 * metadata), with the input shape detected from the text. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"

/* ------------------------------------------------------------------ small helpers */

static int is_blank(const tk_line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    return 1;
}

static size_t indent_of(const tk_line *l)
{
    size_t i = 0;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    return i;
}

/* Length of s[0..len) without trailing blanks. */
static size_t rtrim_len(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return len;
}

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* 1 when the (trimmed) line equals word, ignoring ASCII case. */
static int line_is(const tk_line *l, const char *word)
{
    size_t a = indent_of(l), e = rtrim_len(l->s, l->len), n = strlen(word);
    return e - a == n && strncasecmp(l->s + a, word, n) == 0;
}

/* 1 + the index of the first of n words that line l is (trimmed, ignoring case), else 0;
 * the line is trimmed once, and only words of its length are compared. */
static int line_is_one_of(const tk_line *l, const char *const *words, size_t n)
{
    size_t a = indent_of(l), e = rtrim_len(l->s, l->len);
    for (size_t i = 0; i < n; i++)
        if (strlen(words[i]) == e - a && strncasecmp(l->s + a, words[i], e - a) == 0)
            return (int)i + 1;
    return 0;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* ------------------------------------------------------------------ dates */

static const char *const month_names[12] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};

/* Month at s (full name or 3-letter abbreviation with '.'): returns 1..12 and its length. */
static int month_at(const char *s, size_t len, size_t *used)
{
    for (int m = 0; m < 12; m++) {
        size_t n = strlen(month_names[m]);
        if (len >= n && memcmp(s, month_names[m], n) == 0 && (len == n || !isalpha((unsigned char)s[n]))) {
            *used = n;
            return m + 1;
        }
        if (len >= 4 && memcmp(s, month_names[m], 3) == 0 && s[3] == '.') {
            *used = 4;
            return m + 1;
        }
    }
    return 0;
}

static size_t digits_at(const char *s, size_t len, int max, int *val)
{
    size_t i = 0;
    int v = 0;
    while (i < len && i < (size_t)max && is_digit((unsigned char)s[i]))
        v = v * 10 + (s[i++] - '0');
    if (i < len && is_digit((unsigned char)s[i]))
        return 0;
    *val = v;
    return i;
}

/* Writes YYYY-MM-DD (day 0: YYYY-MM) into iso (>= 11 bytes). */
static void iso_write(char *iso, int y, int m, int d)
{
    char tmp[48];
    if (d > 0)
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    else
        snprintf(tmp, sizeof tmp, "%04d-%02d", y % 10000, m % 100);
    memcpy(iso, tmp, strlen(tmp) + 1);
}

size_t tk_parse_date(const char *s, size_t len, char *iso)
{
    size_t u, k, i = 0;
    int m, day, year;
    /* 1949-02-03 */
    if (len >= 10 && (k = digits_at(s, len, 4, &year)) == 4 && s[4] == '-' &&
        digits_at(s + 5, len - 5, 2, &m) == 2 && s[7] == '-' &&
        digits_at(s + 8, len - 8, 2, &day) == 2 && tk_date_valid((unsigned)year, (unsigned)m, (unsigned)day)) {
        memcpy(iso, s, 10);
        iso[10] = '\0';
        return 10;
    }
    /* February 3, 1949 */
    if ((m = month_at(s, len, &u)) > 0) {
        i = u;
        if (i < len && s[i] == ' ' && (k = digits_at(s + i + 1, len - i - 1, 2, &day)) > 0 &&
            day >= 1 && day <= 31) {
            i += 1 + k;
            if (i + 1 < len && s[i] == ',' && s[i + 1] == ' ')
                i += 2;
            else if (i < len && s[i] == ' ')
                i += 1;
            else
                return 0;
            if ((k = digits_at(s + i, len - i, 4, &year)) == 4 &&
                tk_date_valid((unsigned)year, (unsigned)m, (unsigned)day)) {
                iso_write(iso, year, m, day);
                return i + 4;
            }
            return 0;
        }
        /* February 1949 */
        if (i < len && s[i] == ' ' && digits_at(s + i + 1, len - i - 1, 4, &year) == 4 &&
            tk_date_valid((unsigned)year, (unsigned)m, 1)) {
            iso_write(iso, year, m, 0);
            return i + 5;
        }
        return 0;
    }
    /* 3 February 1949 */
    if ((k = digits_at(s, len, 2, &day)) > 0 && day >= 1 && day <= 31 && k < len &&
        s[k] == ' ' && (m = month_at(s + k + 1, len - k - 1, &u)) > 0) {
        i = k + 1 + u;
        if (i < len && s[i] == ',')
            i++;
        if (i < len && s[i] == ' ' && digits_at(s + i + 1, len - i - 1, 4, &year) == 4 &&
            tk_date_valid((unsigned)year, (unsigned)m, (unsigned)day)) {
            iso_write(iso, year, m, day);
            return i + 5;
        }
    }
    return 0;
}

/* 1 when the line reads as a dateline: optional place ("Moscow, ", "[Washington,] "), a
 * date, then at most a short tail (".", "—6 p.m.", " (received ...)"). */
static int is_dateline_text(const char *s, size_t len)
{
    char iso[16];
    len = rtrim_len(s, len);
    if (len == 0 || len > 90)
        return 0;
    for (size_t i = 0; i < len && i < 50; i++) {
        if (i > 0 && s[i - 1] != ' ')
            continue;
        size_t k = tk_parse_date(s + i, len - i, iso);
        if (k == 0)
            continue;
        /* the part before must be a place: no sentence, ends with ", " or "] ", short
           comma-separated parts ("Legation of the United States, Managua, "); a date
           without a day ("November 1976") has no place before it */
        if (i > 0) {
            int ok = (i >= 2 && (s[i - 2] == ',' || s[i - 2] == ']')) && iso[7] == '-';
            size_t words = 1;
            for (size_t j = 0; j + 2 < i && ok; j++) {
                if (s[j] == ',')
                    words = 0;
                else if (s[j] == ' ' && s[j + 1] != ' ' && ++words > 5)
                    ok = 0;
            }
            for (size_t j = 0; j + 1 < i && ok; j++)
                if (s[j] == '.' && j + 1 < i && s[j + 1] == ' ' && j > 0 && is_lower((unsigned char)s[j - 1]))
                    ok = 0; /* a sentence ended before the date */
            if (!ok)
                return 0;
        }
        return len - (i + k) <= 24;
    }
    return 0;
}

/* ------------------------------------------------------------------ labels */

/* Character class for ALL-CAPS speaker labels: A-Z, digits, space, . ' - & / and non-ASCII
 * (upper-case letters such as É). Lower-case ASCII is refused. */
static int caps_label_char(unsigned char c)
{
    return is_upper(c) || is_digit(c) || c == ' ' || c == '.' || c == '\'' || c == '-' ||
           c == '&' || c == '/' || c >= 0x80;
}

/* A speaker label at the start of the line. Returns the offset of the turn's text (after the
 * label and following blanks), 0 when there is no label; *label_len = the label as printed
 * (with its ':' or '.'); *caps = 1 for an ALL-CAPS label. A leading timestamp "[00:12:34] "
 * is included in the label's offset (*label_off). */
static size_t speaker_label(const tk_line *l, size_t *label_off, size_t *label_len, int *caps)
{
    const char *s = l->s;
    size_t n = l->len, i = 0;
    *label_off = 0;
    if (n == 0 || s[0] == ' ' || s[0] == '\t')
        return 0;
    if (s[0] == '[') { /* [00:12:34] SPEAKER: */
        size_t j = 1;
        while (j < n && (is_digit((unsigned char)s[j]) || s[j] == ':' || s[j] == '-' || s[j] == '.'))
            j++;
        if (j < n && s[j] == ']' && j + 1 < n && s[j + 1] == ' ' && j >= 4) {
            i = j + 2;
            *label_off = i;
        } else {
            return 0;
        }
    }
    size_t start = i;
    if (i >= n || !is_upper((unsigned char)s[i]))
        return 0;
    /* ALL-CAPS label ending with ':' */
    size_t j = i, words = 1, letters = 0;
    while (j < n && j - start <= 48 && caps_label_char((unsigned char)s[j])) {
        if (s[j] == ' ') {
            if (j + 1 < n && s[j + 1] == ' ')
                break;
            words++;
        }
        if (is_upper((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80)
            letters++;
        j++;
    }
    if (j < n && s[j] == ':' && j > start && s[j - 1] != ' ' && words <= 6 && letters >= 1 &&
        (j + 1 == n || s[j + 1] == ' ' || s[j + 1] == '\t')) {
        *caps = 1;
        *label_len = j + 1 - start;
        size_t t = j + 1;
        while (t < n && (s[t] == ' ' || s[t] == '\t'))
            t++;
        return t;
    }
    /* Mr. SMITH. / The CHAIRMAN. */
    static const char *const titled[] = {"Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Miss ", "The "};
    for (size_t t = 0; t < sizeof titled / sizeof *titled; t++) {
        size_t tl = strlen(titled[t]);
        if (n - start > tl && memcmp(s + start, titled[t], tl) == 0) {
            size_t k = start + tl, caps_n = 0;
            while (k < n && (is_upper((unsigned char)s[k]) || s[k] == '-' || s[k] == '\'' ||
                             (s[k] == ' ' && k + 1 < n && is_upper((unsigned char)s[k + 1]))))
                k++, caps_n++;
            if (caps_n >= 2 && k < n && s[k] == '.' && (k + 1 == n || s[k + 1] == ' ')) {
                *caps = 1;
                *label_len = k + 1 - start;
                k++;
                while (k < n && s[k] == ' ')
                    k++;
                return k;
            }
        }
    }
    /* Mixed case: 1-4 capitalised words ("Mao", "Zhou Enlai", "Mr. Smith") then ':' */
    j = start;
    words = 0;
    while (j < n) {
        if (!is_upper((unsigned char)s[j]))
            break;
        words++;
        while (j < n && (isalpha((unsigned char)s[j]) || s[j] == '.' || s[j] == '\'' ||
                         s[j] == '-' || (unsigned char)s[j] >= 0x80))
            j++;
        if (j < n && s[j] == ' ' && j + 1 < n && is_upper((unsigned char)s[j + 1]) && words < 4)
            j++;
        else
            break;
    }
    static const char *const salutations[] = {"Sir", "Sirs", "Gentlemen", "Excellency",
                                              "Your Excellency", "Madam", "Madame",
                                              "Monsieur", "Dear Sir", "My dear Sir"};
    for (size_t t = 0; t < sizeof salutations / sizeof *salutations; t++)
        if (j - start == strlen(salutations[t]) &&
            memcmp(s + start, salutations[t], j - start) == 0)
            return 0; /* a letter's salutation, not a speaker */
    if (words >= 1 && j < n && s[j] == ':' && j - start <= 32 && j + 1 < n && s[j + 1] == ' ') {
        *caps = 0;
        *label_len = j + 1 - start;
        size_t t = j + 1;
        while (t < n && (s[t] == ' ' || s[t] == '\t'))
            t++;
        return t;
    }
    return 0;
}

/* A timestamp alone on its line: "[00:00:02:08]", "[-00:00:00:10]", "[00:12:34]". */
static int is_timestamp_line(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len), i = 1, digits = 0, colons = 0;
    if (n < 4 || l->s[0] != '[' || l->s[n - 1] != ']')
        return 0;
    if (l->s[i] == '-')
        i++;
    for (; i < n - 1; i++) {
        if (is_digit((unsigned char)l->s[i]))
            digits++;
        else if (l->s[i] == ':')
            colons++;
        else if (l->s[i] != '.')
            return 0;
    }
    return colons >= 1 && digits >= 3;
}

/* Spacelog metadata line "_page : 8" / "_tape : Tape 1/1": key length in *klen, value at
 * the returned offset (== len when empty); 0 when not such a line. */
static size_t meta_line(const tk_line *l, size_t *klen)
{
    size_t i = 1, n = l->len;
    if (n < 2 || l->s[0] != '_' || !is_lower((unsigned char)l->s[1]))
        return 0;
    while (i < n && (is_lower((unsigned char)l->s[i]) || l->s[i] == '_'))
        i++;
    *klen = i - 1;
    while (i < n && l->s[i] == ' ')
        i++;
    if (i >= n || l->s[i] != ':')
        return 0;
    i++;
    while (i < n && l->s[i] == ' ')
        i++;
    return i;
}

/* List marker at the start of the line: "1)", "1.", "(a)", "a)", "-", "*", "•". Returns the
 * offset of the item's text, 0 when none; *mlen = the marker's length; *num = the number
 * (0 for bullets and letters other than a). */
static size_t list_marker(const tk_line *l, size_t *mlen, int *num)
{
    const char *s = l->s;
    size_t n = l->len, i = 0;
    *num = 0;
    if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
        i = 1;
    } else if (n >= 4 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
               (unsigned char)s[2] == 0xA2 && s[3] == ' ') {
        i = 3; /* • */
    } else if (is_digit((unsigned char)s[0])) {
        int v;
        size_t k = digits_at(s, n, 3, &v);
        if (k == 0 || k >= n || (s[k] != ')' && s[k] != '.'))
            return 0;
        i = k + 1;
        *num = v;
    } else if (n >= 3 && is_lower((unsigned char)s[0]) && s[1] == ')') {
        i = 2;
        *num = s[0] == 'a' ? 1 : 0;
    } else if (n >= 4 && s[0] == '(' && (is_lower((unsigned char)s[1]) || is_digit((unsigned char)s[1])) && s[2] == ')') {
        i = 3;
        *num = (s[1] == 'a' || s[1] == '1') ? 1 : 0;
    } else {
        return 0;
    }
    if (i >= n || s[i] != ' ')
        return 0;
    *mlen = i;
    while (i < n && s[i] == ' ')
        i++;
    return i < n ? i : 0;
}

/* "[12] text" at the start of a line (a note of a notes section). */
static int note_line(const tk_line *l)
{
    size_t i = 1;
    if (l->len < 4 || l->s[0] != '[')
        return 0;
    while (i < l->len && (is_digit((unsigned char)l->s[i]) || is_lower((unsigned char)l->s[i])))
        i++;
    return i > 1 && i + 1 < l->len && l->s[i] == ']' && l->s[i + 1] == ' ';
}

/* ------------------------------------------------------------------ building */

typedef struct parser {
    const tk_lines *lines;
    const char *file;
    tk_diag *d;
    int explain;
    tk_blocks *out;
    tk_docblocks *db;
    int oom;
} parser;

/* Makes room for one more element in *v (n used of *cap, doubling from `first`). Returns 0,
 * or -1 out of memory (P->oom set). */
static int grow_one(parser *P, void **v, size_t *cap, size_t n, size_t size, size_t first)
{
    if (tk_grow(v, cap, n, size, first) == 0)
        return 0;
    P->oom = 1;
    return -1;
}

static tk_block *add_block(parser *P, tk_block_kind kind, size_t line, size_t n_lines,
                           size_t off)
{
    tk_docblocks *db = P->db;
    if (grow_one(P, (void **)&db->b, &db->cap, db->n, sizeof *db->b, 64) != 0)
        return NULL;
    tk_block *b = &db->b[db->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->line = line;
    b->n_lines = n_lines;
    b->off = off;
    return b;
}

void tk_meta_set(tk_docblocks *db, const char *key, const char *value, size_t vlen,
                 unsigned line, int replace)
{
    if (replace) {
        for (size_t i = 0; i < db->n_meta; i++)
            if (strcmp(db->meta[i].key, key) == 0) {
                char *v = strndup(value, vlen);
                if (v == NULL)
                    return;
                free(db->meta[i].value);
                db->meta[i].value = v;
                db->meta[i].line = line;
                return;
            }
    }
    if (db->n_meta == db->cap_meta) {
        size_t cap = db->cap_meta ? db->cap_meta * 2 : 16;
        tk_meta *g = realloc(db->meta, cap * sizeof *g);
        if (g == NULL)
            return;
        db->meta = g;
        db->cap_meta = cap;
    }
    tk_meta *m = &db->meta[db->n_meta];
    m->key = strdup(key);
    m->value = strndup(value, vlen);
    m->line = line;
    if (m->key == NULL || m->value == NULL) {
        free(m->key);
        free(m->value);
        return;
    }
    for (char *k = m->key; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    db->n_meta++;
}

const char *tk_meta_get(const tk_docblocks *db, const char *key)
{
    for (size_t i = 0; i < db->n_meta; i++)
        if (strcmp(db->meta[i].key, key) == 0)
            return db->meta[i].value;
    return NULL;
}

/* The text of lines [a, b) joined by single spaces (trimmed), as a meta value. */
static void meta_from_lines(parser *P, const char *key, size_t a, size_t b, size_t off0,
                            int replace)
{
    size_t cap = 0;
    for (size_t i = a; i < b; i++)
        cap += P->lines->v[i].len + 1;
    char *buf = malloc(cap + 1);
    if (buf == NULL) {
        P->oom = 1;
        return;
    }
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        const tk_line *l = &P->lines->v[i];
        size_t s = i == a ? off0 : 0;
        while (s < l->len && (l->s[s] == ' ' || l->s[s] == '\t'))
            s++;
        size_t e = rtrim_len(l->s, l->len);
        if (e <= s)
            continue;
        if (n > 0)
            buf[n++] = ' ';
        memcpy(buf + n, l->s + s, e - s);
        n += e - s;
    }
    tk_meta_set(P->db, key, buf, n, P->lines->v[a].no, replace);
    free(buf);
}

static void note(parser *P, size_t line, const char *rule, const char *what)
{
    if (P->explain)
        tk_diag_report(P->d, TK_NOTE, P->file, P->lines->v[line].no, 1, rule, "%s", what);
}

/* ------------------------------------------------------------------ front matter */

static const char *const front_keys[] = {
    "title", "date", "author", "translator", "translated by", "editor", "source", "archive",
    "language", "rights", "licence", "license", "summary", "abstract", "type", "publisher",
    "interviewer", "interviewee", "place", "subject", "keywords", "id", "idno", "collection",
    "repository", "signature", "citation", "shape",
};

/* "Key: value" with a key of letters and spaces; returns the value offset (0 when not). */
static size_t key_value(const tk_line *l, size_t *klen)
{
    size_t i = 0;
    while (i < l->len && i < 32 && (isalpha((unsigned char)l->s[i]) || (i > 0 && (l->s[i] == ' ' || l->s[i] == '-'))))
        i++;
    if (i == 0 || i >= l->len || l->s[i] != ':')
        return 0;
    *klen = i;
    i++;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    return i;
}

static int known_front_key(const char *k, size_t n)
{
    for (size_t i = 0; i < sizeof front_keys / sizeof *front_keys; i++)
        if (strlen(front_keys[i]) == n && strncasecmp(front_keys[i], k, n) == 0)
            return 1;
    return 0;
}

/* Front matter at the start of the input; returns the first line after it. */
static size_t front_matter(parser *P)
{
    const tk_lines *L = P->lines;
    size_t i = 0, klen, v;
    int dashed = 0;
    if (L->n > 0 && line_is(&L->v[0], "---")) {
        dashed = 1;
        i = 1;
    }
    if (i >= L->n || (v = key_value(&L->v[i], &klen)) == 0 || !known_front_key(L->v[i].s, klen))
        return 0;
    size_t start = i;
    for (; i < L->n; i++) {
        const tk_line *l = &L->v[i];
        if (line_is(l, "---"))
            return i + 1;
        if (is_blank(l)) {
            if (dashed)
                continue;
            return i + 1;
        }
        if ((v = key_value(l, &klen)) == 0) {
            if (i > start && (l->s[0] == ' ' || l->s[0] == '\t'))
                continue; /* folded value: joined below */
            tk_diag_report(P->d, TK_WARNING, P->file, l->no, 1, "front-matter",
                           "front matter ends without a blank line or '---' before this line");
            return i;
        }
        char key[40];
        snprintf(key, sizeof key, "%.*s", (int)klen, l->s);
        if (strcasecmp(key, "translated by") == 0)
            snprintf(key, sizeof key, "translator");
        if (!known_front_key(l->s, klen))
            tk_diag_report(P->d, TK_WARNING, P->file, l->no, 1, "front-matter",
                           "unknown front matter key '%s': kept as a note in the header", key);
        size_t e = i + 1;
        while (e < L->n && L->v[e].len > 0 && (L->v[e].s[0] == ' ' || L->v[e].s[0] == '\t') &&
               !is_blank(&L->v[e]))
            e++;
        meta_from_lines(P, key, i, e, v, 1);
        i = e - 1;
    }
    tk_diag_report(P->d, TK_WARNING, P->file, L->v[L->n - 1].no, 1, "front-matter",
                   "front matter is not closed by a blank line or '---' before the end of the "
                   "input: the whole input was read as front matter");
    return L->n;
}

/* ------------------------------------------------------------------ shape detection */

static int is_separator(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n < 5)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (l->s[i] != '=')
            return 0;
    return 1;
}

static int star_heading(const tk_line *l, size_t *a, size_t *b)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n < 10 || !starts_with(l->s, n, "**** ") || memcmp(l->s + n - 5, " ****", 5) != 0)
        return 0;
    *a = 5;
    *b = n - 5;
    return 1;
}

/* An ACT / SCENE heading without stars ("ACT I", "SCENE II. A room."). */
static int plain_act_scene(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (starts_with(l->s, n, "ACT ") && n <= 12)
        return 1;
    if (starts_with(l->s, n, "SCENE ") && n <= 120)
        return 2;
    return 0;
}

/* A play speaker: a short unindented line without sentence punctuation at its end. */
static int play_speaker_line(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n == 0 || n > 48 || l->s[0] == ' ' || l->s[0] == '\t' || !is_upper((unsigned char)l->s[0]))
        return 0;
    char c = l->s[n - 1];
    return c != ',' && c != ';' && c != ':' && c != '?' && c != '!';
}

/* Hashes a label for counting (FNV-1a). */
static unsigned long label_hash(const char *s, size_t n)
{
    unsigned long h = 2166136261UL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619UL;
    return h;
}

/* Counts of labels in an open-addressing table (capped: detection stays linear). */
#define LABEL_SLOTS 8192
typedef struct label_count {
    unsigned long h[LABEL_SLOTS];
    unsigned n[LABEL_SLOTS];
    size_t len;
} label_count;

static unsigned count_label(label_count *c, unsigned long h)
{
    if (h == 0)
        h = 1;
    for (size_t i = h & (LABEL_SLOTS - 1);; i = (i + 1) & (LABEL_SLOTS - 1)) {
        if (c->h[i] == h)
            return ++c->n[i];
        if (c->h[i] == 0) {
            if (c->len >= LABEL_SLOTS / 2)
                return 1; /* full enough: count as new */
            c->h[i] = h;
            c->n[i] = 1;
            c->len++;
            return 1;
        }
    }
}

typedef struct shape_stats {
    size_t paragraphs, caps_turns, mixed_turns, play_marks, speaker_then_indent;
} shape_stats;

/* Counts the evidence for each shape over lines [from, n). Labels count when they repeat
 * (a label printed once is more likely a heading such as "AGENDA ITEM 1: ..."). The label
 * table is capped so detection stays linear. */
static tk_shape detect_shape(parser *P, size_t from, shape_stats *st, int *mixed_ok)
{
    const tk_lines *L = P->lines;
    label_count *caps = calloc(1, sizeof *caps), *mixed = calloc(1, sizeof *mixed);
    size_t caps_once = 0, mixed_once = 0;
    memset(st, 0, sizeof *st);
    int prev_blank = 1;
    for (size_t i = from; i < L->n; i++) {
        const tk_line *l = &L->v[i];
        int blank = is_blank(l);
        size_t a, b;
        if (!blank && prev_blank)
            st->paragraphs++;
        if (star_heading(l, &a, &b) || (plain_act_scene(l) && prev_blank))
            st->play_marks++;
        if (i + 1 < L->n && play_speaker_line(l) && indent_of(&L->v[i + 1]) >= 2 &&
            !is_blank(&L->v[i + 1]))
            st->speaker_then_indent++;
        size_t lo, ll;
        int is_caps;
        if (!blank && caps != NULL && mixed != NULL && speaker_label(l, &lo, &ll, &is_caps) > 0) {
            unsigned k = count_label(is_caps ? caps : mixed, label_hash(l->s + lo, ll));
            size_t *turns = is_caps ? &st->caps_turns : &st->mixed_turns;
            if (k == 1)
                *(is_caps ? &caps_once : &mixed_once) += 1;
            else
                *turns += k == 2 ? 2 : 1;
        }
        prev_blank = blank;
    }
    free(caps);
    free(mixed);
    *mixed_ok = st->caps_turns < 4;
    if (st->play_marks >= 2 || (st->speaker_then_indent >= 20 &&
                                st->speaker_then_indent * 4 >= st->paragraphs))
        return TK_SHAPE_PLAY;
    /* ALL-CAPS labels are distinctive; mixed-case ones ("Mao:") must start most paragraphs
       (letters' "Sir:" and "Gentlemen:" do not) */
    if (st->caps_turns >= 4 && st->caps_turns * 10 >= st->paragraphs)
        return TK_SHAPE_TRANSCRIPT;
    if (st->mixed_turns >= 4 && st->mixed_turns * 10 >= st->paragraphs * 3)
        return TK_SHAPE_TRANSCRIPT;
    (void)caps_once;
    (void)mixed_once;
    return TK_SHAPE_RECORD;
}

/* ------------------------------------------------------------------ paragraphs */

typedef struct para {
    size_t first, n;       /* lines */
    unsigned blank_before; /* blank lines before it */
} para;

/* Web-page debris: lines that are not text of the document wherever they stand. */
static const char *const debris_lines[] = {
    "Skip to content", "Skip to main content", "Skip to navigation", "Back to top",
    "[email protected]", "[email\xc2\xa0protected]",
};

static int is_debris(const tk_line *l)
{
    return line_is_one_of(l, debris_lines, sizeof debris_lines / sizeof *debris_lines) != 0;
}

/* Field labels of archive web pages whose values may be missing ("Record ID" alone). */
static const char *const field_labels[] = {
    "Record ID", "Original Uploaded Date", "Original Archive", "Language", "Type", "Source",
    "Rights", "Theme", "Subject", "Subjects", "Keywords", "Collection", "Date", "Author",
    "Original Language", "Translated by", "Translator", "Summary", "Citation",
};

static int field_label(const tk_line *l)
{
    return line_is_one_of(l, field_labels, sizeof field_labels / sizeof *field_labels);
}

/* Lower-case words of four letters or more that titles leave in lower case. */
static int function_word(const char *w, size_t n)
{
    static const char *const words[] = {"from", "with", "into", "upon", "onto", "over",
                                        "than", "that", "this", "about", "after", "before",
                                        "under", "between", "against", "during", "without",
                                        "through", "towards", "their", "within", "among"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && memcmp(w, words[i], n) == 0)
            return 1;
    return 0;
}

/* A title-like line: short, capitalised, no closing sentence punctuation, mostly capitalised
 * longer words (title case or all caps). */
static int heading_like(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n < 3 || n > 140 || l->s[0] == ' ' || l->s[0] == '\t')
        return 0;
    unsigned char c0 = (unsigned char)l->s[0];
    if (!is_upper(c0) && c0 < 0x80)
        return 0;
    char last = l->s[n - 1];
    if (strchr(".,;:!?\"-", last) != NULL)
        return 0;
    if (n >= 3 && (unsigned char)l->s[n - 3] == 0xE2 && (unsigned char)l->s[n - 2] == 0x80 &&
        ((unsigned char)l->s[n - 1] == 0x9D || (unsigned char)l->s[n - 1] == 0x94))
        return 0; /* ends with ” or — */
    size_t words = 0, long_words = 0, cap_long = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && l->s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t s = i;
        while (i < n && l->s[i] != ' ')
            i++;
        words++;
        size_t letters = 0;
        for (size_t k = s; k < i; k++)
            if (isalpha((unsigned char)l->s[k]))
                letters++;
        if (letters >= 4 && !function_word(l->s + s, i - s)) {
            long_words++;
            if (is_upper((unsigned char)l->s[s]) || l->s[s] == '"' || (unsigned char)l->s[s] >= 0x80)
                cap_long++;
        }
    }
    size_t commas = 0;
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++) {
        commas += l->s[i] == ',';
        if (colon == NULL && l->s[i] == ':' && i + 1 < n && l->s[i + 1] == ' ')
            colon = l->s + i;
    }
    if (colon != NULL) /* "Chair: Ron Spector" is a field; "AGENDA ITEM 1: ..." a heading */
        for (const char *c = l->s; c < colon; c++)
            if (is_lower((unsigned char)*c))
                return 0;
    return long_words >= 1 && words <= 12 && commas <= 2 && cap_long * 10 >= long_words * 7;
}

static int is_parenthesised(const tk_line *first, const tk_line *last)
{
    size_t e = rtrim_len(last->s, last->len);
    return first->len >= 2 && first->s[0] == '(' && e >= 1 && last->s[e - 1] == ')';
}

static int notes_heading(const tk_line *l)
{
    static const char *const headings[] = {"Footnotes:", "Footnotes", "Notes",
                                           "Notes:",     "Endnotes",  "Endnotes:"};
    return line_is_one_of(l, headings, sizeof headings / sizeof *headings) != 0;
}

/* The lines of paragraph p as one block of `kind` (text from `off` of its first line). */
static void para_block(parser *P, tk_block_kind kind, const para *p, size_t off)
{
    add_block(P, kind, p->first, p->n, off);
}

/* Splits a record paragraph into paragraph text and list items. */
static void record_paragraph(parser *P, const para *p, int *list_open)
{
    const tk_lines *L = P->lines;
    size_t i = p->first, end = p->first + p->n;
    size_t run = i; /* start of the running plain text */
    for (; i < end; i++) {
        size_t mlen, t;
        int num;
        if ((t = list_marker(&L->v[i], &mlen, &num)) == 0)
            continue;
        /* a list starts with item 1 / a / a bullet, or continues an open list */
        if (!*list_open && num != 1 && !(num == 0 && (L->v[i].s[0] == '-' || L->v[i].s[0] == '*' || (unsigned char)L->v[i].s[0] == 0xE2))) {
            /* a single numbered paragraph such as a telegram number stays a paragraph,
               unless the next paragraph line also carries a marker */
            size_t m2;
            int n2;
            if (!(i + 1 < end && list_marker(&L->v[i + 1], &m2, &n2) > 0 && n2 == num + 1))
                continue;
        }
        if (i > run) {
            add_block(P, TK_B_P, run, i - run, 0);
            *list_open = 0;
        }
        /* the item runs to the next marker line */
        size_t e = i + 1;
        while (e < end && list_marker(&L->v[e], &mlen, &num) == 0)
            e++;
        tk_block *b = add_block(P, TK_B_ITEM, i, e - i, t);
        if (b != NULL) {
            b->label_off = 0;
            b->label_len = mlen;
        }
        *list_open = 1;
        run = e;
        i = e - 1;
    }
    if (run < end) {
        add_block(P, TK_B_P, run, end - run, 0);
        *list_open = 0;
    }
}

/* Splits a transcript paragraph into timestamps, metadata lines, comments and turns. */
static void transcript_paragraph(parser *P, const para *p, int mixed_ok)
{
    const tk_lines *L = P->lines;
    size_t end = p->first + p->n, run = p->first;
    tk_block *turn = NULL;
    for (size_t i = p->first; i < end; i++) {
        const tk_line *l = &L->v[i];
        size_t lo, ll, t, klen = 0;
        int caps;
        tk_block_kind single = TK_B_KIND_COUNT;
        size_t off = 0;
        if (is_timestamp_line(l))
            single = TK_B_TIMESTAMP;
        else if ((t = meta_line(l, &klen)) > 0)
            single = TK_B_MILESTONE, off = t;
        else if (l->len >= 2 && l->s[0] == '#' && l->s[1] == ' ')
            single = TK_B_COMMENT, off = 2;
        if (single != TK_B_KIND_COUNT) {
            if (turn == NULL && i > run)
                add_block(P, TK_B_P, run, i - run, 0);
            else if (turn != NULL)
                turn->n_lines = i - turn->line;
            turn = NULL;
            tk_block *b = add_block(P, single, i, 1, off);
            if (b != NULL && single == TK_B_MILESTONE) {
                b->label_off = 1;
                b->label_len = klen;
            }
            run = i + 1;
            continue;
        }
        if ((t = speaker_label(l, &lo, &ll, &caps)) > 0 && (caps || mixed_ok)) {
            if (turn == NULL && i > run)
                add_block(P, TK_B_P, run, i - run, 0);
            else if (turn != NULL)
                turn->n_lines = i - turn->line;
            turn = add_block(P, TK_B_TURN, i, 1, t);
            if (turn != NULL) {
                turn->label_off = lo;
                turn->label_len = ll;
            }
            run = i + 1;
        }
    }
    if (turn != NULL)
        turn->n_lines = end - turn->line;
    else if (run < end) {
        if (is_parenthesised(&L->v[run], &L->v[end - 1]))
            add_block(P, TK_B_STAGE, run, end - run, 0);
        else
            add_block(P, TK_B_P, run, end - run, 0);
    }
}

/* Collects the paragraphs of lines [a, b): runs of non-blank lines, debris dropped. */
static para *collect_paragraphs(parser *P, size_t a, size_t b, size_t *np)
{
    const tk_lines *L = P->lines;
    size_t cap = (b - a) / 2 + 2, n = 0; /* a paragraph has a line and a blank after it */
    para *v = tk_malloc_big(cap * sizeof *v);
    unsigned blanks = 0;
    if (v == NULL) {
        P->oom = 1;
        return NULL;
    }
    for (size_t i = a; i < b;) {
        if (is_blank(&L->v[i])) {
            blanks++;
            i++;
            continue;
        }
        if (is_debris(&L->v[i])) {
            note(P, i, "debris", "web-page debris dropped from the body");
            i++;
            continue;
        }
        size_t s = i;
        while (i < b && !is_blank(&L->v[i]) && !is_debris(&L->v[i]))
            i++;
        if (n == cap) {
            cap *= 2;
            para *g = realloc(v, cap * sizeof *g);
            if (g == NULL) {
                free(v);
                P->oom = 1;
                return NULL;
            }
            v = g;
        }
        v[n].first = s;
        v[n].n = i - s;
        v[n].blank_before = blanks;
        blanks = 0;
        n++;
    }
    *np = n;
    return v;
}

/* Everything after a "Document Information" line: metadata for the header. */
static void document_information(parser *P, const para *v, size_t from, size_t to)
{
    const tk_lines *L = P->lines;
    for (size_t k = from; k < to; k++) {
        const tk_line *l = &L->v[v[k].first];
        int f = field_label(l);
        if (f > 0 && v[k].n == 1) {
            /* a label; its value is the next paragraph unless that is a label too or the
               label names a date and the next paragraph is no date */
            char iso[16];
            int has_value = k + 1 < to && field_label(&L->v[v[k + 1].first]) == 0;
            const char *lab = field_labels[f - 1];
            if (has_value && strstr(lab, "Date") != NULL) {
                const tk_line *nl = &L->v[v[k + 1].first];
                has_value = tk_parse_date(nl->s, nl->len, iso) > 0;
            }
            if (!has_value) {
                if (P->explain)
                    tk_diag_report(P->d, TK_NOTE, P->file, l->no, 1, "debris",
                                   "empty field '%s' dropped", lab);
                continue;
            }
            char key[40];
            size_t j = 0;
            for (const char *c = lab; *c && j + 1 < sizeof key; c++)
                key[j++] = *c == ' ' ? '-' : (char)tolower((unsigned char)*c);
            key[j] = '\0';
            if (strcmp(key, "translated-by") == 0)
                snprintf(key, sizeof key, "translator");
            k++;
            meta_from_lines(P, key, v[k].first, v[k].first + v[k].n, 0, 0);
            continue;
        }
        /* unlabelled: a rights statement, a citation, or a short document type */
        size_t len = 0;
        for (size_t i = v[k].first; i < v[k].first + v[k].n; i++)
            len += L->v[i].len;
        int rights = 0;
        for (size_t i = v[k].first; i < v[k].first + v[k].n && !rights; i++) {
            const char *s = L->v[i].s;
            size_t n = L->v[i].len;
            static const char *const words[] = {"copyright", "rights", "reuse", "permission",
                                                "licen"};
            for (size_t w = 0; w < 5 && !rights; w++)
                for (size_t j = 0; j + strlen(words[w]) <= n && !rights; j++)
                    if (strncasecmp(s + j, words[w], strlen(words[w])) == 0)
                        rights = 1;
        }
        if (rights)
            meta_from_lines(P, "rights", v[k].first, v[k].first + v[k].n, 0, 0);
        else if (len <= 60 && v[k].n == 1 && heading_like(l))
            meta_from_lines(P, "type", v[k].first, v[k].first + 1, 0, 0);
        else
            meta_from_lines(P, "citation", v[k].first, v[k].first + v[k].n, 0, 0);
    }
}

/* A dateline paragraph: at most 4 short lines, the first or the last a dateline. */
static int dateline_para(const tk_lines *L, const para *p)
{
    if (p->n > 4)
        return 0;
    for (size_t i = p->first; i < p->first + p->n; i++)
        if (L->v[i].len > 90)
            return 0;
    for (size_t i = p->first; i < p->first + p->n; i++)
        if (is_dateline_text(L->v[i].s, L->v[i].len))
            return 1;
    return 0;
}

/* A document title: up to 3 lines at the top, each capitalised like a title (longer than a
 * heading may be), not a speaker turn. Counts into *long_words / *cap_long. */
static int title_line(const tk_line *l, tk_shape shape, size_t *lw, size_t *cl)
{
    size_t n = rtrim_len(l->s, l->len), lo, ll;
    int caps;
    if (n < 3 || n > 300 || l->s[0] == ' ' || l->s[0] == '\t')
        return 0;
    if (shape == TK_SHAPE_TRANSCRIPT && speaker_label(l, &lo, &ll, &caps) > 0)
        return 0;
    unsigned char c0 = (unsigned char)l->s[0];
    if (!is_upper(c0) && c0 < 0x80)
        return 0;
    size_t long_words = 0, cap_long = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && l->s[i] == ' ')
            i++;
        size_t st = i, letters = 0;
        while (i < n && l->s[i] != ' ')
            letters += isalpha((unsigned char)l->s[i++]) != 0;
        if (letters >= 4) {
            long_words++;
            unsigned char c = (unsigned char)l->s[st];
            if (c == '(' || c == '"' || c == '[')
                c = st + 1 < n ? (unsigned char)l->s[st + 1] : 0;
            if (is_upper(c) || c >= 0x80)
                cap_long++;
        }
    }
    *lw += long_words;
    *cl += cap_long;
    return 1;
}

static int title_para(const tk_lines *L, const para *p, tk_shape shape)
{
    size_t lw = 0, cl = 0;
    size_t letters = 0, chars = 0;
    if (p->n > 3)
        return 0;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        if (!title_line(&L->v[i], shape, &lw, &cl))
            return 0;
        for (size_t k = 0; k < L->v[i].len; k++) {
            unsigned char c = (unsigned char)L->v[i].s[k];
            chars += c != ' ';
            letters += isalpha(c) || c >= 0x80;
        }
    }
    /* mostly letters: "File No. 861.51/264" is a file number, not a title */
    return lw >= 1 && cl * 10 >= lw * 6 && letters * 2 >= chars;
}

/* Index of the title paragraph among the first ones (before any long paragraph), or -1.
 * Short lines and datelines may stand before it. */
static long find_title(parser *P, const para *v, size_t n, tk_shape shape)
{
    const tk_lines *L = P->lines;
    for (size_t k = 0; k < n && k < 5; k++) {
        const tk_line *l = &L->v[v[k].first];
        if (dateline_para(L, &v[k]))
            continue;
        if (title_para(L, &v[k], shape))
            return (long)k;
        if (v[k].n == 1 && l->len <= 80)
            continue;
        break;
    }
    return -1;
}

/* Classifies the paragraphs of one record or transcript document. */
static void prose_document(parser *P, size_t a, size_t b, tk_shape shape, int mixed_ok,
                           int first_doc)
{
    const tk_lines *L = P->lines;
    size_t np = 0;
    para *v = collect_paragraphs(P, a, b, &np);
    if (v == NULL)
        return;
    size_t body_end = np;

    /* trailing metadata: "Document Information" and what follows */
    for (size_t k = 0; k < np; k++) {
        if (v[k].n == 1 && line_is(&L->v[v[k].first], "Document Information")) {
            note(P, v[k].first, "metadata", "\"Document Information\" block moved to the header");
            document_information(P, v, k + 1, np);
            body_end = k;
            /* the summary stands apart (two or more blank lines) just before it */
            if (k >= 2 && v[k - 1].blank_before >= 2) {
                meta_from_lines(P, "summary", v[k - 1].first, v[k - 1].first + v[k - 1].n, 0, 0);
                note(P, v[k - 1].first, "metadata", "summary moved to the header (abstract)");
                body_end = k - 1;
            }
            break;
        }
    }
    /* trailing empty web fields after the body ("Record ID") */
    while (body_end > 0 && v[body_end - 1].n == 1 && field_label(&L->v[v[body_end - 1].first])) {
        note(P, v[body_end - 1].first, "debris", "empty web-page field dropped");
        body_end--;
    }

    /* notes section: from a "Footnotes:" heading to the end of the body, or a trailing run
       of "[n] text" paragraphs */
    size_t notes_at = body_end;
    for (size_t k = 0; k < body_end; k++)
        if (notes_heading(&L->v[v[k].first])) {
            notes_at = k;
            break;
        }
    if (notes_at == body_end) {
        size_t k = body_end;
        while (k > 0 && note_line(&L->v[v[k - 1].first]))
            k--;
        if (k < body_end && k > 0)
            notes_at = k;
    }

    int list_open = 0, in_turns = 0, seen_long = 0;
    long title_at = find_title(P, v, notes_at < body_end ? notes_at : body_end, shape);
    for (size_t k = 0; k < body_end; k++) {
        const para *p = &v[k];
        const tk_line *l = &L->v[p->first];
        /* Source: line (FRUS, conference files) -> header */
        if (p->n == 1 && starts_with(l->s, l->len, "Source: ")) {
            meta_from_lines(P, "source", p->first, p->first + 1, 8, 0);
            note(P, p->first, "metadata", "\"Source:\" line moved to the header");
            continue;
        }
        if (k >= notes_at) {
            size_t from = p->first;
            if (k == notes_at && notes_heading(l)) {
                add_block(P, TK_B_NOTES_HEAD, p->first, 1, indent_of(l));
                from++;
            }
            for (size_t i = from; i < p->first + p->n; i++)
                add_block(P, TK_B_NOTE, i, 1, 0);
            continue;
        }
        int top = !seen_long && !in_turns && k < 8;
        if (top && p->n <= 4) {
            if (dateline_para(L, p)) {
                para_block(P, TK_B_DATELINE, p, 0);
                list_open = 0;
                continue;
            }
            if (title_at >= 0 && k == (size_t)title_at) {
                para_block(P, TK_B_TITLE, p, 0);
                continue;
            }
            /* short lines before the title (file number, "[Inclosure in No. 2.]") */
            if (title_at >= 0 && k < (size_t)title_at) {
                para_block(P, TK_B_OPENER, p, 0);
                continue;
            }
        }
        /* a heading: a lone title-like line followed by ordinary text */
        if (p->n == 1 && heading_like(l) && k + 1 < notes_at) {
            const para *q = &v[k + 1];
            const tk_line *nl = &L->v[q->first];
            size_t lo, ll;
            int caps;
            /* followed by text: not by another heading, a Source line or a title (a
               signature "Albert Rathbone" before an enclosure's title is no heading) */
            int next_text = !(q->n == 1 && heading_like(nl)) &&
                            !(q->n == 1 && starts_with(nl->s, nl->len, "Source: ")) &&
                            !title_para(L, q, shape);
            int next_turn = shape == TK_SHAPE_TRANSCRIPT && speaker_label(nl, &lo, &ll, &caps) > 0;
            int prev_heading = k > 0 && v[k - 1].n == 1 && heading_like(&L->v[v[k - 1].first]);
            size_t lo2, ll2;
            int caps2;
            int is_turn = shape == TK_SHAPE_TRANSCRIPT && speaker_label(l, &lo2, &ll2, &caps2) > 0;
            if ((next_text || next_turn) && !prev_heading && !is_turn) {
                para_block(P, TK_B_HEAD, p, 0);
                in_turns = 0;
                list_open = 0;
                continue;
            }
        }
        size_t plen = 0;
        for (size_t i = p->first; i < p->first + p->n; i++)
            plen += L->v[i].len;
        if (plen >= 200)
            seen_long = 1;
        if (shape == TK_SHAPE_TRANSCRIPT) {
            size_t before = P->db->n;
            transcript_paragraph(P, p, mixed_ok);
            for (size_t j = before; j < P->db->n; j++)
                if (P->db->b[j].kind == TK_B_TURN || P->db->b[j].kind == TK_B_TIMESTAMP)
                    in_turns = 1, seen_long = 1;
        } else {
            if (p->n == 1 || !is_parenthesised(l, &L->v[p->first + p->n - 1]))
                record_paragraph(P, p, &list_open);
            else
                para_block(P, TK_B_STAGE, p, 0);
        }
    }
    (void)first_doc;
    free(v);
}

/* ------------------------------------------------------------------ plays */

static int stage_word(const char *s, size_t n)
{
    static const char *const words[] = {"Enter ", "Exit", "Exeunt", "Re-enter ", "Manet ",
                                        "Manent ", "Flourish", "Sennet", "Alarum", "Dies"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t w = strlen(words[i]);
        if (n >= w && memcmp(s, words[i], w) == 0 &&
            (n == w || words[i][w - 1] == ' ' || !isalpha((unsigned char)s[w])))
            return 1;
    }
    return 0;
}

/* A stage direction: "Enter ...", "Exit", or a few capitalised words ending in '.' ("A dead
 * march.", "Flourish.") before one. */
static int stage_line(const tk_line *l)
{
    size_t a = indent_of(l), n = rtrim_len(l->s, l->len);
    const char *s = l->s + a;
    size_t len = n - a;
    for (int hops = 0; hops < 4 && len > 0; hops++) {
        if (stage_word(s, len))
            return 1;
        /* skip one short sentence "Danish march. " */
        size_t i = 0;
        while (i < len && i < 30 && s[i] != '.' && s[i] != ',')
            i++;
        if (i >= len || i >= 30 || s[i] != '.' || i + 1 >= len || s[i + 1] != ' ')
            return 0;
        s += i + 2;
        len -= i + 2;
    }
    return 0;
}

/* 1 when a stage direction on line l goes on to the next line. */
static int stage_continues(const tk_line *l, const tk_line *next)
{
    size_t n = rtrim_len(l->s, l->len), a = indent_of(next);
    if (is_blank(next) || a == 0)
        return 0;
    if (is_lower((unsigned char)next->s[a]))
        return 1;
    char c = l->s[n - 1];
    if (c == ',' || c == ';')
        return 1;
    static const char *const tails[] = {" and", " with", " the", " of", " his", " her",
                                        " their", " a", " to"};
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        size_t t = strlen(tails[i]);
        if (n >= t && memcmp(l->s + n - t, tails[i], t) == 0)
            return 1;
    }
    return 0;
}

/* A star heading whose closing stars stand alone on the next line ("**** SCENE IV. ..."
 * then "****"): the text span in *a..*b; returns 1 when line i and i+1 are such a pair. */
static int star_heading_split(const tk_lines *L, size_t i, size_t end, size_t *a, size_t *b)
{
    const tk_line *l = &L->v[i];
    size_t n = rtrim_len(l->s, l->len);
    if (i + 1 >= end || n < 10 || !starts_with(l->s, n, "**** "))
        return 0;
    const tk_line *next = &L->v[i + 1];
    size_t m = rtrim_len(next->s, next->len);
    if (m < 3)
        return 0;
    for (size_t k = 0; k < m; k++)
        if (next->s[k] != '*')
            return 0;
    *a = 5;
    *b = n;
    return 1;
}

static void play_document(parser *P, size_t a, size_t b)
{
    const tk_lines *L = P->lines;
    int speaker_open = 0, title_done = 0;
    for (size_t i = a; i < b; i++) {
        const tk_line *l = &L->v[i];
        size_t x, y;
        if (is_blank(l))
            continue;
        if (is_debris(l)) {
            note(P, i, "debris", "web-page debris dropped from the body");
            continue;
        }
        int split_heading = !star_heading(l, &x, &y) && star_heading_split(L, i, b, &x, &y);
        if (split_heading || star_heading(l, &x, &y)) {
            if (split_heading)
                note(P, i, "heading", "act/scene heading closed by the stars of the next line");
            int act = starts_with(l->s + x, y - x, "ACT");
            int scene = starts_with(l->s + x, y - x, "SCENE");
            tk_block *bl = add_block(P, act ? TK_B_ACT : scene ? TK_B_SCENE : TK_B_HEAD, i, 1, x);
            if (bl != NULL)
                bl->label_len = y; /* text end */
            speaker_open = 0;
            title_done = 1;
            if (split_heading)
                i++; /* the closing stars */
            continue;
        }
        int pas = plain_act_scene(l);
        if (pas) {
            tk_block *bl = add_block(P, pas == 1 ? TK_B_ACT : TK_B_SCENE, i, 1, 0);
            if (bl != NULL)
                bl->label_len = rtrim_len(l->s, l->len);
            speaker_open = 0;
            title_done = 1;
            continue;
        }
        if (indent_of(l) == 0) {
            if (!title_done) {
                add_block(P, TK_B_TITLE, i, 1, 0);
                title_done = 1;
                continue;
            }
            if (play_speaker_line(l)) {
                tk_block *bl = add_block(P, TK_B_SPEAKER, i, 1, 0);
                if (bl != NULL)
                    bl->label_len = rtrim_len(l->s, l->len);
                speaker_open = 1;
                continue;
            }
            add_block(P, TK_B_P, i, 1, 0);
            continue;
        }
        if (stage_line(l) || !speaker_open) {
            size_t e = i + 1;
            while (e < b && stage_continues(&L->v[e - 1], &L->v[e]))
                e++;
            add_block(P, TK_B_STAGE, i, e - i, indent_of(l));
            i = e - 1;
            continue;
        }
        add_block(P, TK_B_L, i, 1, indent_of(l));
    }
}

/* ------------------------------------------------------------------ driver */

static tk_docblocks *new_doc(parser *P, size_t first, size_t end)
{
    tk_blocks *B = P->out; /* doubling: a file may hold thousands of documents */
    if (grow_one(P, (void **)&B->doc, &B->cap_docs, B->n_docs, sizeof *B->doc, 8) != 0)
        return NULL;
    tk_docblocks *db = &B->doc[B->n_docs++];
    memset(db, 0, sizeof *db);
    db->first_line = first;
    db->end_line = end;
    if (end - first >= 4096) { /* a long document: its blocks at once (at most one a line) */
        db->cap = end - first + 16;
        db->b = tk_malloc_big(db->cap * sizeof *db->b);
        if (db->b == NULL)
            db->cap = 0;
    }
    return db;
}

static const char *const shape_names[] = {"auto", "record", "transcript", "play"};

/* Counts, up to `most`, the separator-delimited parts from line `from` on that hold a line of
 * text (not blank, not web-page debris). */
static size_t parts_with_text(const parser *P, size_t from, size_t most)
{
    const tk_lines *L = P->lines;
    size_t n = 0;
    int text = 0;
    for (size_t i = from; i <= L->n && n < most; i++) {
        if (i == L->n || is_separator(&L->v[i])) {
            n += (size_t)text;
            text = 0;
        } else if (!is_blank(&L->v[i]) && !is_debris(&L->v[i])) {
            text = 1;
        }
    }
    return n;
}

tk_blocks *tk_blocks_parse(const tk_lines *lines, tk_shape shape, const char *file,
                           int explain, int corpus_title, tk_diag *d)
{
    parser P = {lines, file, d, explain, NULL, NULL, 0};
    tk_blocks *B = calloc(1, sizeof *B);
    tk_docblocks front = {0};
    if (B == NULL)
        return NULL;
    P.out = B;

    /* front matter belongs to the first document (and, for a corpus, to all) */
    P.db = &front;
    size_t start = front_matter(&P);

    shape_stats st;
    int mixed_ok = 1;
    tk_shape detected = detect_shape(&P, start, &st, &mixed_ok);
    const char *fm_shape = tk_meta_get(&front, "shape");
    if (shape == TK_SHAPE_AUTO && fm_shape != NULL) {
        for (int s = 1; s < 4; s++)
            if (strcasecmp(fm_shape, shape_names[s]) == 0)
                shape = (tk_shape)s;
    }
    B->shape = shape != TK_SHAPE_AUTO ? shape : detected;
    if (explain)
        tk_diag_report(d, TK_NOTE, file, 0, 0, "shape",
                       "shape %s (%s; evidence: %zu paragraphs, %zu repeated ALL-CAPS labels, "
                       "%zu repeated mixed-case labels, %zu act/scene headings, %zu speaker "
                       "lines before indented speech)",
                       shape_names[B->shape], shape != TK_SHAPE_AUTO ? "chosen" : "detected",
                       st.paragraphs, st.caps_turns, st.mixed_turns, st.play_marks,
                       st.speaker_then_indent);
    if (B->shape == TK_SHAPE_TRANSCRIPT && shape != TK_SHAPE_AUTO && st.caps_turns < 4)
        mixed_ok = 1;

    /* documents: split at separator lines */
    size_t doc_start = start;
    int leading = 1; /* no part with text seen yet */
    for (size_t i = start; i <= lines->n && !P.oom; i++) {
        if (i < lines->n && !is_separator(&lines->v[i]))
            continue;
        size_t end = i;
        /* empty parts before the first text are skipped; the first part with text, when it is
         * one short line (a chapter heading) and at least two documents follow, titles the
         * corpus (unless documents are written alone); otherwise it is a document like the
         * others (nothing is dropped) */
        if (i < lines->n && leading) {
            size_t np = 0;
            para *v = collect_paragraphs(&P, doc_start, end, &np);
            int empty = v != NULL && np == 0;
            int title = corpus_title && v != NULL && np == 1 && v[0].n == 1 && parts_with_text(&P, i + 1, 2) >= 2;
            if (title) {
                const tk_line *l = &lines->v[v[0].first];
                B->corpus_title = strndup(l->s, rtrim_len(l->s, l->len));
                B->corpus_title_line = l->no;
                if (B->corpus_title == NULL)
                    P.oom = 1;
            }
            free(v);
            if (!empty)
                leading = 0;
            if (empty || title) {
                doc_start = i + 1;
                continue;
            }
        }
        if (i == lines->n || i > doc_start || B->n_docs == 0) {
            P.db = new_doc(&P, doc_start, end);
            if (P.db == NULL)
                break;
            for (size_t m = 0; m < front.n_meta; m++)
                tk_meta_set(P.db, front.meta[m].key, front.meta[m].value,
                            strlen(front.meta[m].value), front.meta[m].line, 0);
            if (B->shape == TK_SHAPE_PLAY)
                play_document(&P, doc_start, end);
            else
                prose_document(&P, doc_start, end, B->shape, mixed_ok, B->n_docs == 1);
        }
        doc_start = i + 1;
    }
    for (size_t m = 0; m < front.n_meta; m++) {
        free(front.meta[m].key);
        free(front.meta[m].value);
    }
    free(front.meta);
    if (P.oom) {
        tk_diag_report(d, TK_SYSTEM, file, 0, 0, "io", "out of memory");
        tk_blocks_free(B);
        return NULL;
    }
    return B;
}

void tk_blocks_free(tk_blocks *B)
{
    if (B == NULL)
        return;
    for (size_t i = 0; i < B->n_docs; i++) {
        tk_docblocks *db = &B->doc[i];
        for (size_t m = 0; m < db->n_meta; m++) {
            free(db->meta[m].key);
            free(db->meta[m].value);
        }
        free(db->meta);
        free(db->b);
    }
    free(B->doc);
    free(B->corpus_title);
    free(B);
}
