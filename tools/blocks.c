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
/* isalpha in the C locale the library runs in, without a ctype call a byte */
static int is_ascii_letter(unsigned char c) { return is_upper(c) || is_lower(c); }

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
    if (e <= a)
        return 0;
    int c0 = tolower((unsigned char)l->s[a]); /* the line's first letter, once */
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)words[i][0]) == c0 && strlen(words[i]) == e - a &&
            strncasecmp(l->s + a, words[i], e - a) == 0)
            return (int)i + 1;
    return 0;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* ------------------------------------------------------------------ dates */
/* (a date at the start of a dateline: tk_parse_date, dates.c) */

/* 1 when the line reads as a dateline: optional place ("Moscow, ", "[Washington,] "), a
 * date, then at most a short tail (".", "—6 p.m.", " (received ...)"). */
/* A dateline that says the paper bears no date (`Harbin, undated. [Received November 24,
 * 1917, 4.05 p.m.]`, `Buenos Aires [undated].`, `[Buenos Aires, undated.]`, `Undated.`): a
 * place of up to five capitalised words (or none), `undated` (maybe in brackets), then at
 * most a bracketed or parenthesised note of receipt. */
static int undated_line(const char *s, size_t len)
{
    size_t i = 0, words = 0;
    if (i < len && s[i] == '[')
        i++;
    while (i < len && words < 6) {
        if (len - i >= 7 && (memcmp(s + i, "undated", 7) == 0 || memcmp(s + i, "Undated", 7) == 0))
            break;
        if (!is_upper((unsigned char)s[i]) && (unsigned char)s[i] < 0xC3)
            return 0;
        while (i < len && s[i] != ' ' && s[i] != ',' && s[i] != '[')
            i++;
        words++;
        while (i < len && (s[i] == ' ' || s[i] == ',' || s[i] == '['))
            i++;
    }
    if (len - i < 7 || (memcmp(s + i, "undated", 7) != 0 && memcmp(s + i, "Undated", 7) != 0))
        return 0;
    i += 7;
    while (i < len && (s[i] == '.' || s[i] == ']' || s[i] == ' '))
        i++;
    if (i == len)
        return 1;
    char close = s[i] == '[' ? ']' : s[i] == '(' ? ')' : 0;
    return close != 0 && s[len - 1] == close && len - i <= 60 &&
           (memcmp(s + i + 1, "Received", 8) == 0 || memcmp(s + i + 1, "Rec", 3) == 0);
}

static int is_dateline_text(const char *s, size_t len)
{
    char iso[16];
    len = rtrim_len(s, len);
    if (len == 0 || len > TK_TH_DATELINE_MAX_BYTES)
        return 0;
    if (undated_line(s, len))
        return 1;
    /* every date tk_parse_date reads has a year of four digits: most lines have none */
    if (!tk_digit_run4(s, len))
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

/* The list marker line l starts with (lists.c): 1 and *m, else 0. */
static int list_marker(const tk_line *l, tk_lmark *m)
{
    return tk_list_marker(l->s, l->len, m);
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
    const tk_speakers *g;  /* the label grammar */
    unsigned forms;        /* label forms this text's turns use (TK_LF_*) */
    int mixed_ok;          /* mixed-case names are labels */
    tk_names *mixed;       /* how often each mixed-case name opens a paragraph with ':' */
    tk_lmark marks[TK_LIST_DEPTH]; /* the markers of the open items of a record's list,
                                      one a nesting level */
    unsigned depth;        /* the level of the last item */
    int item_empty;        /* that item is a marker alone on its line: its text follows */
    int numbered;          /* the play prints line numbers: 1 at line ends, 2 at starts */
    int in_turns;          /* the text is in turns (a transcript): a label is a speech */
    void (*ready)(void *user, tk_blocks *B, size_t n); /* tk_blocks_parse_ready */
    void *ready_user;
} parser;

/* A line number printed at the end of line l ("...to suffer      60": two blanks or more,
 * then one to four digits; where == 1) or at its start ("60   Whether 'tis...", where ==
 * 2): its value, with [*a, *e) its digits and *text the end (or the start) of the line's
 * own text; -1 when none. */
static long printed_number(const tk_line *l, int where, size_t *a, size_t *e, size_t *text)
{
    size_t n = rtrim_len(l->s, l->len), i, k;
    if (where == 1) {
        for (i = n; i > 0 && is_digit((unsigned char)l->s[i - 1]); i--)
            ;
        if (i == n || n - i > 4 || i < 3)
            return -1;
        for (k = i; k > 0 && (l->s[k - 1] == ' ' || l->s[k - 1] == '\t'); k--)
            ;
        if (i - k < 2 && !(i - k == 1 && l->s[k] == '\t'))
            return -1;
        if (k == indent_of(l) || is_digit((unsigned char)l->s[k - 1]))
            return -1; /* a number alone, or a column of a table */
        *a = i;
        *e = n;
        *text = k;
    } else {
        size_t s0 = indent_of(l);
        for (i = s0; i < n && is_digit((unsigned char)l->s[i]); i++)
            ;
        if (i == s0 || i - s0 > 4)
            return -1;
        for (k = i; k < n && (l->s[k] == ' ' || l->s[k] == '\t'); k++)
            ;
        if ((k - i < 2 && !(k - i == 1 && l->s[i] == '\t')) || k >= n ||
            !(is_upper((unsigned char)l->s[k]) || is_lower((unsigned char)l->s[k]) ||
              l->s[k] == '\'' || l->s[k] == '"' || (unsigned char)l->s[k] >= 0xC0))
            return -1;
        *a = s0;
        *e = i;
        *text = k;
    }
    return strtol(l->s + *a, NULL, 10);
}

/* Whether lines [a, b) of a play print line numbers (1 at their ends, 2 at their starts,
 * 0 none): three such numbers or more, every one a multiple of 5, most rising (a count of
 * the lines, not part of the text). */
static int numbered_lines(const tk_lines *L, size_t a, size_t b)
{
    for (int where = 1; where <= 2; where++) {
        size_t found = 0, rising = 0, x, y, t;
        long last = -1, v;
        int bad = 0;
        for (size_t i = a; i < b && !bad; i++) {
            if ((v = printed_number(&L->v[i], where, &x, &y, &t)) < 0)
                continue;
            bad = v == 0 || v % 5 != 0;
            found++;
            rising += v > last;
            last = v;
        }
        if (!bad && found >= 3 && rising * 3 >= found * 2)
            return where;
    }
    return 0;
}

/* The length of line l without its printed line number (P->numbered) and trailing blanks;
 * *start: where its text starts after a number at the line's start (else its indent). */
static size_t verse_len(const parser *P, const tk_line *l, size_t *start)
{
    size_t a, e, t;
    *start = indent_of(l);
    if (P->numbered == 0 || printed_number(l, P->numbered, &a, &e, &t) < 0)
        return rtrim_len(l->s, l->len);
    if (P->numbered == 2) {
        *start = t;
        return rtrim_len(l->s, l->len);
    }
    return t;
}

/* Marks the verse lines of blocks [from, P->db->n) that print their number (TK_BF_LINE_N,
 * the digits in label_off/label_len). */
static void mark_line_numbers(parser *P, size_t from)
{
    for (size_t k = from; P->numbered && k < P->db->n; k++) {
        tk_block *bl = &P->db->b[k];
        size_t a, e, t;
        if (bl->kind != TK_B_L ||
            printed_number(&P->lines->v[bl->line], P->numbered, &a, &e, &t) < 0)
            continue;
        bl->flags |= P->numbered == 1 ? TK_BF_LINE_N : TK_BF_LINE_N | TK_BF_LINE_N_START;
        bl->label_off = a;
        bl->label_len = e - a;
    }
}

/* A speaker label on line l in a form the text uses (P->forms; a mixed-case name only when
 * the text has such labels). Returns the offset of the speech (the line's length when the
 * label stands alone), 0 when there is no label. */
static size_t speaker_label(parser *P, const tk_line *l, tk_label *lab)
{
    if (P->g == NULL || !tk_speaker_label(P->g, l->s, l->len, P->forms, lab))
        return 0;
    /* "Lane. Yes" with one space is a sentence more often than a label; in a hearing, "Mr.
       SMITH. text" and "Q. text" are labels (and only those end with a period there) */
    if ((lab->form & ~(unsigned)TK_LF_ALONE) == TK_LF_PERIOD && !(lab->form & TK_LF_ALONE)) {
        if ((P->forms & TK_LF_HEARING) ? !lab->hearing : (!lab->wide && !lab->caps))
            return 0;
        if (lab->hearing && (P->forms & TK_LF_HEARING))
            return lab->text_off; /* "Mr. SMITH." is no mixed-case name */
    }
    /* a mixed-case name among ALL-CAPS labels: when it speaks more than once ("Stony:"),
       and says a sentence ("Chair: Dr. Marc Susser, Office of the Historian" is a field) */
    if (!lab->caps && !P->mixed_ok &&
        !(P->mixed != NULL && tk_names_get(P->mixed, l->s + lab->name_off, lab->name_len) >= 2 &&
          !tk_field_line(l, lab)))
        return 0;
    return lab->text_off;
}

/* Sets a turn or speaker block's label from lab. */
static void set_label(tk_block *b, const tk_label *lab)
{
    if (b == NULL)
        return;
    b->label_off = lab->lab_off;
    b->label_len = lab->lab_len;
    b->name_off = lab->name_off;
    b->name_len = lab->name_len;
    if (lab->role)
        b->flags |= TK_BF_ROLE;
}

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
                free(db->meta[i].value);
                db->meta[i].value = tk_xstrndup(value, vlen);
                db->meta[i].line = line;
                return;
            }
    }
    tk_grow((void **)&db->meta, &db->cap_meta, db->n_meta, sizeof *db->meta, 16);
    tk_meta *m = &db->meta[db->n_meta++];
    m->key = tk_xstrdup(key);
    m->value = tk_xstrndup(value, vlen);
    m->line = line;
    for (char *k = m->key; *k; k++)
        *k = (char)tolower((unsigned char)*k);
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
    char *buf = tk_xmalloc(cap + 1);
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
        tk_msg_named(P->d, TK_NOTE, rule, P->file, P->lines->v[line].no, 1, what);
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
            TK_MSG(P->d, FRONT_MATTER_END, P->file, l->no, 1);
            return i;
        }
        char key[40];
        snprintf(key, sizeof key, "%.*s", (int)klen, l->s);
        if (strcasecmp(key, "translated by") == 0)
            snprintf(key, sizeof key, "translator");
        if (!known_front_key(l->s, klen))
            TK_MSG(P->d, FRONT_MATTER_KEY, P->file, l->no, 1, key);
        size_t e = i + 1;
        while (e < L->n && L->v[e].len > 0 && (L->v[e].s[0] == ' ' || L->v[e].s[0] == '\t') &&
               !is_blank(&L->v[e]))
            e++;
        meta_from_lines(P, key, i, e, v, 1);
        i = e - 1;
    }
    TK_MSG(P->d, FRONT_MATTER_UNCLOSED, P->file, L->v[L->n - 1].no, 1);
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

/* A play speaker: a short unindented line without sentence punctuation at its end. */
static int play_speaker_line(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n == 0 || n > TK_TH_PLAY_SPEAKER_MAX_BYTES || l->s[0] == ' ' || l->s[0] == '\t' || !is_upper((unsigned char)l->s[0]))
        return 0;
    char c = l->s[n - 1];
    return c != ',' && c != ';' && c != ':' && c != '?' && c != '!';
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

/* A line that is only a person's name with an initial (`J. A. Peterson`, `Geo. D. Emery`). */
static int bare_name_line(const tk_line *l)
{
    size_t e = rtrim_len(l->s, l->len);
    for (size_t i = 0; i + 1 < e; i++)
        if ((l->s[i] == ',' || l->s[i] == '[' || l->s[i] == '(') )
            return 0;
    return tk_rec_roster_entry(l->s, e) == 2;
}

/* A title-like line: short, capitalised, no closing sentence punctuation, mostly capitalised
 * longer words (title case or all caps). */
static int heading_like(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n < TK_TH_HEADING_MIN_BYTES || n > TK_TH_HEADING_MAX_BYTES || l->s[0] == ' ' || l->s[0] == '\t')
        return 0;
    unsigned char c0 = (unsigned char)l->s[0];
    long num;
    if (!is_upper(c0) && c0 < 0x80 && !tk_rec_numbered_heading(l->s, n, &num))
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
    return long_words >= 1 && words <= TK_TH_HEADING_MAX_WORDS && commas <= TK_TH_HEADING_MAX_COMMAS && cap_long * 10 >= long_words * TK_TH_HEADING_CAPS_TENTHS;
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
static tk_block *para_block(parser *P, tk_block_kind kind, const para *p, size_t off)
{
    return add_block(P, kind, p->first, p->n, off);
}

/* Splits a record paragraph into paragraph text and list items. */
/* A line that is only a page marker (`[Page 12]`, `[Page xiv]`). */
static int page_marker_line(const tk_line *l)
{
    size_t e = rtrim_len(l->s, l->len), i = 6;
    if (e < 8 || memcmp(l->s, "[Page ", 6) != 0 || l->s[e - 1] != ']')
        return 0;
    while (i < e - 1 && (is_digit((unsigned char)l->s[i]) || strchr("ivxlcdm", l->s[i]) != NULL))
        i++;
    return i == e - 1 && i > 6;
}

static int tab_row_para(const tk_lines *L, const para *p);

/* How many paragraphs may stand between two items of a list and still belong to the first
 * (an article of a treaty and its further paragraphs, a page break counted as none). */
#define ITEM_MORE_MAX 8

/* 1 when no line of paragraph p starts with a list marker. */
static int unmarked_para(const tk_lines *L, const para *p)
{
    tk_lmark m;
    for (size_t i = p->first; i < p->first + p->n; i++)
        if (list_marker(&L->v[i], &m))
            return 0;
    return 1;
}

/* 1 when the last line of paragraph p ends with a colon. */
static int ends_with_colon(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first + p->n - 1];
    size_t e = rtrim_len(l->s, l->len);
    return e > 0 && l->s[e - 1] == ':';
}

/* 1 when marker m opens a list inside the last item: a first number (`(a)`, `1.`) of
 * another kind, punctuation or case than that item's, above the deepest level. */
static int opens_inner(const parser *P, const tk_lmark *m)
{
    const tk_lmark *o = &P->marks[P->depth];
    int same = o->kind == m->kind && o->close == m->close && o->upper == m->upper &&
               o->quoted == m->quoted;
    return P->depth + 1 < TK_LIST_DEPTH && tk_list_marker_first(m) && !same;
}

/* The nesting level marker m numbers in the open list: the deepest level whose item m
 * follows; else one deeper when m opens a list (`(a)` under `1.`); else the last item's. */
static unsigned item_level(const parser *P, const tk_lmark *m)
{
    for (unsigned j = P->depth + 1; j-- > 0;)
        if (tk_list_marker_follows(&P->marks[j], m))
            return j;
    if (opens_inner(P, m))
        return P->depth + 1;
    return P->depth;
}

/* 1 when the unmarked paragraph v[k] of an open list is a further paragraph of one of its
 * open items, that item's level in *level: the last item is a marker alone (its text
 * follows), or the next marked paragraph within ITEM_MORE_MAX, before any heading, carries
 * the marker that follows an open item's (`(1)`, two paragraphs, `(2)`: both paragraphs are
 * item 1's; `2.`, `(a)`, `(b)`, a paragraph, `3.`: the paragraph is item 2's), or this
 * paragraph ends with a colon and the next one opens a list of another kind (`(4) ...`,
 * `That the states agree:`, `“1.`: the paragraph and the list are item 4's). */
static int item_goes_on(parser *P, const para *v, size_t k, size_t end, unsigned *level)
{
    const tk_lines *L = P->lines;
    *level = P->depth;
    if (P->item_empty)
        return 1;
    for (size_t j = k, seen = 0, last_text = (size_t)-1; j < end && seen < ITEM_MORE_MAX; j++) {
        const tk_line *l = &L->v[v[j].first];
        tk_lmark m;
        if ((v[j].n == 1 && page_marker_line(l)) || tab_row_para(L, &v[j]))
            continue; /* a page break, a row of a table in the item: counted as none */
        if (list_marker(l, &m)) {
            for (unsigned d = P->depth + 1; d-- > 0;)
                if (tk_list_marker_follows(&P->marks[d], &m)) {
                    *level = d;
                    return 1;
                }
            /* this paragraph leads in to the list right after it (ends with a colon,
               `comprised the following:`): the item goes on with it and the list */
            return last_text == k && ends_with_colon(L, &v[k]) &&
                   opens_inner(P, &m);
        }
        if (v[j].n == 1 && heading_like(l))
            return 0;
        seen++;
        last_text = j;
    }
    return 0;
}

/* Splits record paragraph v[k] into paragraph text and list items (v[end]: the end of the
 * text). A numbered paragraph opens a list when it is item 1 (`a`, `i`, a bullet) or when
 * the next line or paragraph carries the next number (`3.` then `4.`, the numbered
 * paragraphs of a telegram after an unnumbered one); a marker alone on its line is an item
 * whose text is the next paragraph; an unmarked paragraph between two items of an open list
 * joins the first (item_goes_on). */
static void record_paragraph(parser *P, const para *v, size_t k, size_t end, int *list_open)
{
    const tk_lines *L = P->lines;
    const para *p = &v[k], *next = k + 1 < end ? &v[k + 1] : NULL;
    size_t i = p->first, stop = p->first + p->n;
    size_t run = i; /* start of the running plain text */
    if (p->n == 1 && page_marker_line(&L->v[i])) { /* a page break: an open list goes on */
        add_block(P, TK_B_P, i, 1, 0);
        return;
    }
    unsigned level;
    if (*list_open && unmarked_para(L, p) && item_goes_on(P, v, k, end, &level)) {
        tk_block *b = add_block(P, TK_B_ITEM, i, p->n, 0);
        if (b != NULL) {
            b->flags |= TK_BF_ITEM_MORE;
            b->level = level;
        }
        note(P, i, "list", "a further paragraph of the list item before it");
        P->item_empty = 0;
        P->depth = level;
        return;
    }
    for (; i < stop; i++) {
        tk_lmark m, m2;
        if (!list_marker(&L->v[i], &m))
            continue;
        const tk_line *nl = i + 1 < stop ? &L->v[i + 1]
                            : i + 1 == stop && next != NULL ? &L->v[next->first] : NULL;
        int lone = m.text == L->v[i].len;
        /* a list starts with item 1 / a / i / a bullet, or continues an open list; a single
           numbered paragraph such as a telegram number stays a paragraph, unless the next
           paragraph line carries the next marker; a marker alone needs text after it, or
           the first item of a list in it (`2.` alone, then `(a) ...`) */
        if (lone && (nl == NULL || (list_marker(nl, &m2) &&
                                    (!tk_list_marker_first(&m2) ||
                                     tk_list_marker_follows(&m, &m2)))))
            continue;
        if (!*list_open && !tk_list_marker_first(&m) &&
            !(nl != NULL && list_marker(nl, &m2) && tk_list_marker_follows(&m, &m2)))
            continue;
        if (i > run) {
            add_block(P, TK_B_P, run, i - run, 0);
            *list_open = 0;
        }
        /* the item runs to the next marker line */
        size_t e = i + 1;
        while (e < stop && !list_marker(&L->v[e], &m2))
            e++;
        level = *list_open ? item_level(P, &m) : 0;
        tk_block *b = add_block(P, TK_B_ITEM, i, e - i, m.text);
        if (b != NULL) {
            b->label_off = 0;
            b->label_len = m.mlen;
            b->level = level;
            if (m.kind == TK_LM_WORD || m.quoted)
                b->flags |= TK_BF_ITEM_WORD;
        }
        if (level > 0)
            note(P, i, "list", "an item of a list in the item before it (another kind of number)");
        P->marks[level] = m;
        P->depth = level;
        P->item_empty = lone && e == i + 1;
        *list_open = 1;
        run = e;
        i = e - 1;
    }
    if (run < stop) {
        add_block(P, TK_B_P, run, stop - run, 0);
        *list_open = 0;
    }
}

/* Splits a transcript paragraph into timestamps, metadata lines, comments and turns. */
static void transcript_paragraph(parser *P, const para *p)
{
    const tk_lines *L = P->lines;
    size_t end = p->first + p->n, run = p->first;
    tk_block *turn = NULL;
    for (size_t i = p->first; i < end; i++) {
        const tk_line *l = &L->v[i];
        size_t t, klen = 0;
        tk_block_kind single = TK_B_KIND_COUNT;
        size_t off = 0;
        if (tk_timestamp_line(l->s, l->len))
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
        tk_label lab;
        if ((t = speaker_label(P, l, &lab)) > 0) {
            if (turn == NULL && i > run)
                add_block(P, TK_B_P, run, i - run, 0);
            else if (turn != NULL)
                turn->n_lines = i - turn->line;
            turn = add_block(P, TK_B_TURN, i, 1, t);
            set_label(turn, &lab);
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
            para *g = tk_xrealloc(v, cap * sizeof *g);
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
                    TK_MSG(P->d, DEBRIS, P->file, l->no, 1, lab);
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
static int title_line(parser *P, const tk_line *l, tk_shape shape, size_t *lw, size_t *cl)
{
    size_t n = rtrim_len(l->s, l->len);
    tk_label lab;
    if (n < 3 || n > TK_TH_TITLE_MAX_BYTES || l->s[0] == ' ' || l->s[0] == '\t')
        return 0;
    if (shape != TK_SHAPE_RECORD && speaker_label(P, l, &lab) > 0)
        return 0;
    unsigned char c0 = (unsigned char)l->s[0];
    long num;
    if (!is_upper(c0) && c0 < 0x80 && !tk_rec_numbered_heading(l->s, n, &num))
        return 0;
    size_t long_words = 0, cap_long = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && l->s[i] == ' ')
            i++;
        size_t st = i, letters = 0;
        while (i < n && l->s[i] != ' ')
            letters += is_ascii_letter((unsigned char)l->s[i++]);
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

static int title_para(parser *P, const para *p, tk_shape shape)
{
    const tk_lines *L = P->lines;
    size_t lw = 0, cl = 0;
    size_t letters = 0, chars = 0;
    if (p->n > 3)
        return 0;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        if (!title_line(P, &L->v[i], shape, &lw, &cl))
            return 0;
        for (size_t k = 0; k < L->v[i].len; k++) {
            unsigned char c = (unsigned char)L->v[i].s[k];
            chars += c != ' ';
            letters += is_ascii_letter(c) || c >= 0x80;
        }
    }
    /* mostly letters: "File No. 861.51/264" is a file number, not a title */
    return lw >= 1 && cl * 10 >= lw * TK_TH_TITLE_CAPS_TENTHS && letters * 2 >= chars;
}

/* 1 when the line is a number alone (`7`, `7.`, `VII`): an outline number on its line. */
static int number_line(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len), i = 0;
    if (n > 0 && l->s[n - 1] == '.')
        n--;
    while (i < n && (is_digit((unsigned char)l->s[i]) || strchr("IVXL", l->s[i]) != NULL))
        i++;
    return n > 0 && n <= 5 && i == n;
}

/* The evidence for and against a heading at paragraph v[k] of a record that a table of
 * labels decides (-v says which): 1 a heading (an outline label `ITEM 7.`, `Agenda item
 * 1.A.:`; a number alone on the line above a title), -1 no heading whatever its shape (a
 * person's name: a signature among others), 0 left to the shape of the line (heading_like). */
static int heading_evidence(parser *P, const para *v, size_t k, size_t end)
{
    const tk_lines *L = P->lines;
    const para *p = &v[k];
    const tk_line *l = &L->v[p->first];
    if (k + 1 >= end)
        return 0;
    if (p->n == 1 && tk_rec_outline_heading(l->s, l->len)) {
        note(P, p->first, "heading", "heading: an outline label and its number ('ITEM 7.', 'Agenda item 1.A.:')");
        return 1;
    }
    if (p->n == 2 && number_line(l) && heading_like(&L->v[p->first + 1])) {
        note(P, p->first, "heading", "heading: a number alone on its line above a title");
        return 1;
    }
    if (p->n == 1 && heading_like(l) && tk_rec_person_line(l->s, l->len)) {
        note(P, p->first, "heading", "not a heading: a person's name (a signature among others)");
        return -1;
    }
    return 0;
}

/* 1 when line l has at most max_len bytes and max_words words (spaces apart). */
static int few_words(const tk_line *l, size_t max_len, size_t max_words)
{
    size_t words = 1;
    if (l->len > max_len)
        return 0;
    for (size_t i = 0; i < l->len && words <= max_words; i++)
        words += l->s[i] == ' ' && i + 1 < l->len && l->s[i + 1] != ' ';
    return words <= max_words;
}

/* 1 when a title stands below v[k] among the next three paragraphs, only short lines
 * (a classification, a precedence) between, no dateline before it. */
static int title_below(parser *P, const para *v, size_t k, size_t n, tk_shape shape)
{
    const tk_lines *L = P->lines;
    for (size_t j = k + 1; j < n && j <= k + 3; j++) {
        const tk_line *l = &L->v[v[j].first];
        if (dateline_para(L, &v[j]))
            return 0;
        if (v[j].n == 1 && tk_rec_classification(l->s, l->len))
            continue;
        return title_para(P, &v[j], shape);
    }
    return 0;
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
        if (v[k].n == 1 && tk_rec_series_number(l->s, l->len))
            continue; /* `Treaty Series No. 898` over the title: an opener line */
        size_t ha, hb;
        if (shape == TK_SHAPE_PLAY && v[k].n <= 3 && tk_play_heading(l->s, l->len, &ha, &hb))
            break; /* an act or scene heading ("ACT II.", "Scene 2."): the text begins */
        if (title_para(P, &v[k], shape)) {
            /* (short title-like lines only: the tests cost) `SECRET` is an opener line
               (prose_document), never the title; `Telegram` alone over a title is an opener
               line (alone over no title, `Memorandum` is the title) */
            int shortl = v[k].n == 1 && few_words(l, 40, 4);
            if (shortl && shape == TK_SHAPE_RECORD && tk_rec_classification(l->s, l->len))
                continue;
            if (shortl && tk_rec_type_line(l->s, l->len) && title_below(P, v, k, n, shape))
                continue;
            return (long)k;
        }
        if (v[k].n == 1 && l->len <= 80)
            continue;
        break;
    }
    return -1;
}

/* ------------------------------------------------------------------ proceedings, plays */

/* A paragraph that is wholly an editorial event or direction: in parentheses or square
 * brackets from its first character to its last ("(Laughter.)", "[Whereupon ...]"). */
static int event_para(const tk_lines *L, const para *p)
{
    const tk_line *f = &L->v[p->first], *e = &L->v[p->first + p->n - 1];
    size_t n = rtrim_len(e->s, e->len);
    if (f->len < 3 || n == 0)
        return 0;
    char close = f->s[0] == '(' ? ')' : f->s[0] == '[' ? ']' : 0;
    if (close == 0)
        return 0;
    /* the closing bracket ends the paragraph (a final '.' may follow it) */
    if (e->s[n - 1] == '.' && n >= 2)
        n--;
    if (e->s[n - 1] != close)
        return 0;
    /* one bracket: no closing one before the end ("(a) ... (b)" is no event) */
    int depth = 0;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        size_t m = i == p->first + p->n - 1 ? n - 1 : l->len;
        for (size_t k = 0; k < m; k++) {
            depth += l->s[k] == f->s[0];
            if (l->s[k] == close && --depth <= 0)
                return 0;
        }
    }
    return 1;
}

/* 1 when paragraph q opens a new turn (a label) or a division: what follows an event that
 * stands between turns. */
/* 1 when paragraph q starts with a speaker label or a timestamp (a turn, not a name of a
 * roster). */
static int labelled_para(parser *P, const para *q)
{
    const tk_line *l = &P->lines->v[q->first];
    tk_label lab;
    return tk_timestamp_line(l->s, l->len) || speaker_label(P, l, &lab) > 0;
}

static int opens_turn(parser *P, const para *q)
{
    const tk_line *l = &P->lines->v[q->first];
    tk_label lab;
    size_t a, b;
    if (tk_timestamp_line(l->s, l->len))
        return 1;
    if (speaker_label(P, l, &lab) > 0)
        return 1;
    return (q->n == 1 && heading_like(l)) || tk_play_heading(l->s, l->len, &a, &b) != 0;
}

/* A play paragraph wholly a stage direction: in square brackets (a long one may be left
 * open) or in _italics_ (the markup of an e-book). */
static int play_stage_para(const tk_lines *L, const para *p)
{
    const tk_line *f = &L->v[p->first], *e = &L->v[p->first + p->n - 1];
    size_t a = indent_of(f), n = rtrim_len(e->s, e->len);
    if (a >= f->len || n == 0)
        return 0;
    if (f->s[a] == '[') {
        if (e->s[n - 1] == ']')
            return 1;
        /* an open bracket running over the whole paragraph: no ']' in it */
        for (size_t i = p->first; i < p->first + p->n; i++)
            if (memchr(L->v[i].s, ']', L->v[i].len) != NULL)
                return 0;
        return e->s[n - 1] == '.' || e->s[n - 1] == '_';
    }
    if (f->s[a] == '_' && a + 1 < f->len && f->s[a + 1] != '_' && f->s[a + 1] != ' ')
        return e->s[n - 1] == '_' || (n >= 2 && e->s[n - 2] == '_' && strchr(".,;:!?", e->s[n - 1]));
    return 0;
}

/* The underscores of paragraph p (an e-book's italics). */
static size_t underscores(const tk_lines *L, const para *p)
{
    size_t n = 0;
    for (size_t i = p->first; i < p->first + p->n; i++)
        for (const char *c = L->v[i].s; (c = memchr(c, '_', (size_t)(L->v[i].s + L->v[i].len - c))) != NULL; c++)
            n++;
    return n;
}

/* 1 when paragraph p opens (dir 1) or closes (dir -1) an _italic_ run with its only
 * underscore: "_A sound is heard ..." at its start, "Curtain._" at its end. */
static int italic_edge(const tk_lines *L, const para *p, int dir)
{
    const tk_line *f = &L->v[p->first], *e = &L->v[p->first + p->n - 1];
    size_t a = indent_of(f), n = rtrim_len(e->s, e->len);
    if (n == 0 || underscores(L, p) != 1)
        return 0;
    if (dir > 0)
        return f->s[a] == '_' && a + 1 < f->len && f->s[a + 1] != ' ';
    return e->s[n - 1] == '_' || (n >= 2 && e->s[n - 2] == '_' && strchr(".,;:!?", e->s[n - 1]));
}

/* 1 when paragraph v[k] belongs to an _italic_ run that an e-book left open over several
 * paragraphs (a direction: "_A sound is heard ... orchard." / "Curtain._"): it opens the
 * run that a paragraph after it closes, or closes one opened before it, or stands between
 * the two, with no other underscore (at most four paragraphs in all). */
static int italic_run_para(const tk_lines *L, const para *v, size_t k, size_t end)
{
    size_t first = k, last = k;
    /* back to the opening paragraph (over the closing one, k, and those without underscore) */
    while (first > 0 && k - first < 4 && !italic_edge(L, &v[first], 1) &&
           (underscores(L, &v[first]) == 0 || (first == k && italic_edge(L, &v[k], -1))))
        first--;
    /* on to the closing paragraph (over the opening one, first, and those without) */
    while (last + 1 < end && last - first < 4 && !italic_edge(L, &v[last], -1) &&
           (underscores(L, &v[last]) == 0 || (last == first && italic_edge(L, &v[last], 1))))
        last++;
    return first < last && italic_edge(L, &v[first], 1) && italic_edge(L, &v[last], -1);
}

/* 1 when line l can be a role of a cast list: short, no sentence ("The action takes place
 * in Helmer's house." is none: five words or more ending in '.', two of them lower-case,
 * unless a name in capitals and a comma open it: "ANNA QUILL, a rope maker."), not in
 * _italics_ or brackets (a direction). */
static int cast_line(const tk_line *l)
{
    size_t a = indent_of(l), n = rtrim_len(l->s, l->len), words = 0, lower = 0;
    if (n <= a || n - a > 80 || l->s[a] == '_' || l->s[a] == '[')
        return 0;
    /* a name in capitals, a comma, its description ("ANNA QUILL, a rope maker.") */
    size_t c = a;
    while (c < n && (is_upper((unsigned char)l->s[c]) || l->s[c] == ' ' || l->s[c] == '.' ||
                     l->s[c] == '-' || l->s[c] == '\''))
        c++;
    if (c < n && c >= a + 2 && l->s[c] == ',' && is_upper((unsigned char)l->s[c - 1]))
        return 1;
    for (size_t i = a; i < n; i++)
        if (l->s[i] != ' ' && (i == a || l->s[i - 1] == ' ')) {
            words++;
            lower += is_lower((unsigned char)l->s[i]);
        }
    return !(words >= 5 && l->s[n - 1] == '.' && lower >= 2);
}

/* Where a brace that joins line l to its neighbours stands: a closing '}' after a space
 * ("ALBERT PALK,   } (_Actors_)"), or an opening '{' before a space, at the line's start or
 * after a space ("Friends of Jack  { PETER BLACK"): the offset after it, 0 when none. */
static size_t brace_at(const tk_line *l)
{
    for (size_t i = 0; i < l->len; i++) {
        if (i > 0 && l->s[i] == '}' && l->s[i - 1] == ' ')
            return i + 1;
        if (l->s[i] == '{' && (i == 0 || l->s[i - 1] == ' ') && i + 1 < l->len && l->s[i + 1] == ' ')
            return i + 1;
    }
    return 0;
}

/* Cast items in paragraph p: every line a role, a line opening with '(' the description
 * of the role above it ("THE HON. MRS. STIDULPH" / "(_Formerly ..._)"); two or more lines
 * in a row joined by a brace are a group whose description follows a closing brace ("}")
 * or stands before an opening one ("{"). With
 * emit 0 only says whether p is such a paragraph. */
static int cast_paragraph(parser *P, const para *p, int emit)
{
    const tk_lines *L = P->lines;
    for (size_t i = p->first; i < p->first + p->n; i++)
        if (!cast_line(&L->v[i]))
            return 0;
    size_t end = p->first + p->n;
    for (size_t i = p->first; emit && i < end;) {
        size_t e = i + 1;
        size_t bo = brace_at(&L->v[i]);
        /* (an opening brace before several names is a group on its own line: "Porters { JOE
           BELL, SAM WEST") */
        int alone = bo > 0 && L->v[i].s[bo - 1] == '{' &&
                    memchr(L->v[i].s + bo, ',', L->v[i].len - bo) != NULL;
        int brace = bo > 0 &&
                    ((i > p->first && brace_at(&L->v[i - 1])) || (e < end && brace_at(&L->v[e])) || alone);
        while (!brace && e < end && L->v[e].s[indent_of(&L->v[e])] == '(')
            e++;
        tk_block *bl = add_block(P, TK_B_CAST_ITEM, i, e - i, indent_of(&L->v[i]));
        if (bl != NULL && brace)
            bl->flags |= TK_BF_BRACE |
                         (i == p->first || !brace_at(&L->v[i - 1]) || alone ? TK_BF_BRACE_OPEN : 0);
        i = e;
    }
    return 1;
}

typedef struct play_state {
    tk_names *names;   /* how often each name stands alone or as "Name." at a paragraph start */
    int in_cast;       /* after a cast list heading, before the first act */
    int cast_open;     /* the cast list's roles go on (no other paragraph since the heading) */
    int heading_list;  /* the level (1 act, 2 scene) of the list of headings the paragraph
                          before belonged to, 0 none */
    int turn_open;     /* a speech is open */
    int in_division;   /* an act or scene heading was seen */
    int spoken;        /* a speech since the last heading */
    size_t margin;     /* the longest line of the document: where wrapped prose ends */
} play_state;

/* The type of a play's division that is neither act nor scene ("prologue"). */
static const char *part_type(const char *s, size_t n)
{
    static const char *const types[] = {"prologue", "epilogue", "induction", "interlude"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (n >= strlen(types[i]) && strncasecmp(s, types[i], strlen(types[i])) == 0)
            return types[i];
    return "act";
}

/* Verse or prose: lines [a, e) of a speech are verse when there are two or more and every
 * line but the last ends well before the margin that wrapped prose reaches, and the next
 * line starts with a capital (each verse line does). */
static int speech_is_verse(parser *P, size_t a, size_t e, const play_state *ps)
{
    const tk_lines *L = P->lines;
    if (e - a < 2)
        return 0;
    for (size_t i = a; i + 1 < e; i++) {
        const tk_line *l = &L->v[i], *nx = &L->v[i + 1];
        size_t x, t, n = verse_len(P, l, &t);
        (void)verse_len(P, nx, &x);
        /* reaches the margin: wrapped prose (a play whose verse is printed as wide as its
           prose, the indented layout, has margin 0: its capitals decide) */
        if (ps->margin > 0 && n * 100 > ps->margin * 80)
            return 0;
        unsigned char c = x < nx->len ? (unsigned char)nx->s[x] : 0;
        if (!is_upper(c) && c < 0x80 && c != '[' && c != '_' && c != '\'' && c != '"')
            return 0;
    }
    return 1;
}

/* The speech lines [a, e) of the open turn: one l per line (verse) or one p. */
static void speech_lines(parser *P, size_t a, size_t e, const play_state *ps)
{
    if (a >= e)
        return;
    if (speech_is_verse(P, a, e, ps)) {
        for (size_t i = a; i < e; i++)
            add_block(P, TK_B_L, i, 1, indent_of(&P->lines->v[i]));
    } else {
        add_block(P, TK_B_P, a, e - a, 0);
    }
}

/* A direction without brackets that opens a speech right after its label ("MARY.  Aside.
 * He never listens.", "JOHN.  Sits down.  Well?"): a sentence of at most six words at
 * s[t..n) opening with a cue of the stage-cue table (case as printed) that no verb follows,
 * ending in '.' before two blanks or the line's end. Returns its length, 0 when none. */
static size_t lead_cue(parser *P, const tk_line *l, size_t t)
{
    /* verbs that make the cue a sentence's subject ("Music is the food of love.") */
    static const char *const verbs[] = {"is ", "was ", "are ", "were ", "will ", "would ",
                                        "has ", "had ", "have ", "can ", "could ", "shall ",
                                        "should ", "may ", "must ", "does ", "did ", "of "};
    size_t n = rtrim_len(l->s, l->len), words = 1, m;
    if (t >= n || (m = tk_speakers_stage_cue(P->g, l->s + t, n - t)) == 0)
        return 0;
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
        if (t + m + 1 < n && strncmp(l->s + t + m + 1, verbs[k], strlen(verbs[k])) == 0)
            return 0;
    for (size_t i = t; i < n; i++) {
        char c = l->s[i];
        if (c == '?' || c == '!' || c == ';' || c == ':' || c == '"' || c == '[' || c == '(')
            return 0;
        if (c == ' ' && (i + 1 >= n || l->s[i + 1] != ' '))
            words++;
        if (words > 6)
            return 0;
        if (c == '.' && (i + 1 == n || (i + 2 < n && l->s[i + 1] == ' ' && l->s[i + 2] == ' ')))
            return i + 1 - t;
    }
    return 0;
}

/* 1 when the name s[0..n) of a play's label names two or more speakers joined by "and",
 * "&" or commas, each of whom speaks alone elsewhere ("Anna and Boris"). */
static int joint_label(const tk_names *names, const char *s, size_t n)
{
    size_t part[16][2];
    size_t np = tk_joint_parts(s, n, 0, part, sizeof part / sizeof *part);
    for (size_t k = 0; k < np; k++)
        if (tk_names_get(names, s + part[k][0], part[k][1] - part[k][0]) == 0)
            return 0;
    return np >= 2;
}

/* The speaker a voice offstage names ("Voice of Trofimov", "Varya’s Voice"), when that name
 * speaks alone elsewhere: 1 with s[*a, *a + *len) the name, else 0. */
static int voice_of(const tk_names *names, const char *s, size_t n, size_t *a, size_t *len)
{
    static const char *const suffix[] = {"\xe2\x80\x99s voice", "'s voice"};
    *a = 0;
    *len = 0;
    if (n > 9 && strncasecmp(s, "voice of ", 9) == 0) {
        *a = 9;
        *len = n - 9;
    }
    for (size_t k = 0; k < 2 && *len == 0; k++) {
        size_t m = strlen(suffix[k]);
        if (n > m && strncasecmp(s + n - m, suffix[k], m) == 0)
            *len = n - m;
    }
    return *len > 0 && tk_names_get(names, s + *a, *len) > 0;
}

/* One paragraph of a play whose speeches are paragraphs ("Name.  speech", "Name<TAB>
 * speech", "NAME." alone then its speech): divisions, cast list, turns, stage directions. */
static void play_paragraph(parser *P, const para *v, size_t k, size_t end, play_state *ps)
{
    const tk_lines *L = P->lines;
    const para *p = &v[k];
    const tk_line *l = &L->v[p->first];
    size_t a, b;
    int ph = tk_play_heading(l->s, l->len, &a, &b);
    /* a list of the acts or scenes (two headings of one level or more in a row, "ACT I.
       A flat." / "ACT II. A garden."): paragraphs, not divisions */
    size_t na, nb;
    const tk_line *nl = k + 1 < end ? &L->v[v[k + 1].first] : NULL;
    int described = 0; /* "ACT II.  A hall.": text after the number (the last of a list) */
    for (size_t i = a; ph && i + 2 < b && !described; i++)
        described = l->s[i] == '.' && l->s[i + 1] == ' ';
    int listed = ph && ph != 3 && p->n == 1 &&
                 ((nl != NULL && v[k + 1].n == 1 && tk_play_heading(nl->s, nl->len, &na, &nb) == ph) ||
                  (ps->heading_list == ph && described));
    ps->heading_list = listed && described ? ph : 0;
    if (listed) {
        note(P, p->first, "heading", "a list of acts or scenes: paragraphs, not divisions");
        add_block(P, TK_B_P, p->first, p->n, 0);
        return;
    }
    if (ph && p->n <= 3) {
        /* a heading that wraps goes on in the next lines of its paragraph */
        tk_block *bl = add_block(P, ph == 2 ? TK_B_SCENE : TK_B_ACT, p->first, p->n, a);
        if (bl != NULL) {
            bl->label_len = p->n == 1 ? b : 0;
            if (ph == 3)
                bl->divtype = part_type(l->s + a, b - a);
        }
        if (p->n > 1)
            note(P, p->first, "heading", "a heading over several lines: joined");
        ps->in_cast = ps->cast_open = ps->turn_open = ps->spoken = 0; /* (the roles end) */
        ps->in_division = 1;
        return;
    }
    if (p->n == 1 && tk_cast_heading(l->s, l->len)) {
        /* a castList when roles follow, else a heading */
        ps->cast_open = k + 1 < end && cast_paragraph(P, &v[k + 1], 0);
        para_block(P, ps->cast_open ? TK_B_CAST_HEAD : TK_B_HEAD, p, 0);
        if (ps->cast_open)
            note(P, p->first, "cast", "cast list: castList, one castItem (role, roleDesc) a line");
        ps->in_cast = 1;
        ps->turn_open = 0;
        return;
    }
    /* the roles, up to the first paragraph that is none or stands after two blank lines */
    if (ps->cast_open) {
        const tk_line *pl = &L->v[v[k - 1].first];
        int first = v[k - 1].n == 1 && tk_cast_heading(pl->s, pl->len);
        if ((first || p->blank_before < 2) && cast_paragraph(P, p, 1))
            return;
        ps->cast_open = 0;
    }
    tk_label lab;
    size_t t;
    int joint = 0;
    /* a speech with its label inline ("ANNA.  Where is it?") by a name that speaks again ends
       the cast matter of a play without acts */
    if (ps->in_cast && !ps->cast_open && (t = speaker_label(P, l, &lab)) > 0 && !(lab.form & TK_LF_ALONE) &&
        t < rtrim_len(l->s, l->len) && tk_names_get(ps->names, l->s + lab.name_off, lab.name_len) >= 2) {
        note(P, p->first, "cast", "a speech by a name that speaks again: the cast list is over");
        ps->in_cast = 0;
    }
    if (!ps->in_cast && (t = speaker_label(P, l, &lab)) > 0 &&
        (lab.caps || !(lab.form & TK_LF_ALONE) || (lab.form & TK_LF_COLON)) &&
        ((joint = joint_label(ps->names, l->s + lab.name_off, lab.name_len)) ||
         (lab.form & TK_LF_TAB) || (lab.form & TK_LF_COLON) ||
         tk_names_get(ps->names, l->s + lab.name_off, lab.name_len) >= 2)) {
        /* a name alone or "Name." counts when it speaks again (not "TABLEAU", "LONDON.") */
        if (joint)
            note(P, p->first, "speaker", "several speakers speak together");
        size_t va, vl;
        if (!joint && voice_of(ps->names, l->s + lab.name_off, lab.name_len, &va, &vl)) {
            /* a voice offstage: the speaker it names ("Voice of Trofimov" -> #trofimov) */
            lab.name_off += va;
            lab.name_len = vl;
            lab.role = 0;
            joint = 1;
            note(P, p->first, "speaker", "a voice offstage: the speaker it names");
        }
        if (lab.form & TK_LF_ALONE) {
            tk_block *sb = add_block(P, TK_B_SPEAKER, p->first, 1, 0);
            set_label(sb, &lab);
            if (sb != NULL && joint)
                sb->flags |= TK_BF_JOINT;
            speech_lines(P, p->first + 1, p->first + p->n, ps);
        } else {
            int verse = speech_is_verse(P, p->first, p->first + p->n, ps);
            tk_block *tb = add_block(P, TK_B_TURN, p->first, verse ? 1 : p->n, t);
            set_label(tb, &lab);
            if (tb != NULL)
                tb->lead_stage = lead_cue(P, l, t);
            if (tb != NULL && joint)
                tb->flags |= TK_BF_JOINT;
            if (verse && tb != NULL) {
                tb->flags |= TK_BF_VERSE;
                for (size_t i = p->first + 1; i < p->first + p->n; i++)
                    add_block(P, TK_B_L, i, 1, indent_of(&L->v[i]));
            }
        }
        /* a name alone: its speech follows in the next paragraphs; an inline label: the
           speech is its paragraph */
        ps->turn_open = (lab.form & TK_LF_ALONE) != 0;
        ps->spoken = 1;
        return;
    }
    if (play_stage_para(L, p) || italic_run_para(L, v, k, end) ||
        (ps->in_division && !ps->spoken && !ps->in_cast)) {
        /* a direction; before the first speech of a division the scene is described */
        tk_block *e = para_block(P, TK_B_STAGE, p, indent_of(l));
        if (e != NULL && (!ps->turn_open || k + 1 >= end || opens_turn(P, &v[k + 1]))) {
            e->flags |= TK_BF_BETWEEN;
            ps->turn_open = 0;
        }
        return;
    }
    if (ps->turn_open) {
        speech_lines(P, p->first, p->first + p->n, ps);
        return;
    }
    add_block(P, TK_B_P, p->first, p->n, 0);
}

/* Classifies the paragraphs of one record or transcript document. */
/* A paragraph that can be a name of a roster: one line of at most max characters, no list
 * marker, no label (`...:`), no date line. */
static int roster_item(const tk_lines *L, const para *p, size_t max)
{
    const tk_line *l = &L->v[p->first];
    size_t e = rtrim_len(l->s, l->len);
    tk_lmark m;
    return p->n == 1 && e <= max && e > 0 && !list_marker(l, &m) &&
           l->s[e - 1] != ':' && !dateline_para(L, p);
}

/* 1 when paragraph v[k] names a group of a roster (`The Advisory Committee:`, `Staff:`): one
 * short line that starts with a capital and ends with a colon, a name of the roster after it. */
static int roster_group(const tk_lines *L, const para *v, size_t k, size_t end)
{
    const tk_line *l = &L->v[v[k].first];
    size_t e = rtrim_len(l->s, l->len);
    return v[k].n == 1 && e > 2 && e <= 80 && l->s[e - 1] == ':' && is_upper((unsigned char)l->s[0]) &&
           !dateline_para(L, &v[k]) && tk_schedule_time(l->s, l->len) == 0 && k + 1 < end &&
           roster_item(L, &v[k + 1], 200);
}

/* A roster without label from v[k] on (before v[end]): at least five one-line paragraphs
 * that are each a name with maybe an office (tk_rec_roster_entry), half of the names or
 * more with an initial (`Armin H. Rappaport`): a list of capitalised words (`Great
 * Britain`, `Opening Session`) is no roster; the names of groups among them (roster_group)
 * are its items too. The number of its paragraphs, or 0. */
static size_t bare_roster(const tk_lines *L, const para *v, size_t k, size_t end)
{
    size_t run = 0, initials = 0, groups = 0;
    for (size_t j = k; j < end; j++) {
        const tk_line *l = &L->v[v[j].first];
        if (roster_group(L, v, j, end) && tk_rec_roster_entry(L->v[v[j + 1].first].s, L->v[v[j + 1].first].len)) {
            groups++; /* a group's name: its members follow */
            continue;
        }
        int e = roster_item(L, &v[j], 200) ? tk_rec_roster_entry(l->s, l->len) : 0;
        if (e == 0)
            break;
        run++;
        initials += e == 2;
    }
    return run >= 5 && initials * 2 >= run ? run + groups : 0;
}

/* Adds roster paragraph v[k]: a group's name (an item of the roster, *grouped set), or a
 * name (an item of the list in the group's item when *grouped, block level 1). */
static void roster_member(parser *P, const para *v, size_t k, size_t end, int *grouped)
{
    int group = roster_group(P->lines, v, k, end);
    tk_block *b = para_block(P, TK_B_ROSTER_ITEM, &v[k], 0);
    if (group) {
        *grouped = 1;
        note(P, v[k].first, "roster", "a group's name in a roster: its names a list in its item");
    }
    if (b != NULL)
        b->level = group ? 0 : (unsigned)*grouped;
}

/* 1 when every line of p has text, a TAB, then more text (`1931\t$166,050,000\t...`):
 * rows of a table. */
static int tab_row_para(const tk_lines *L, const para *p)
{
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        size_t a = indent_of(l), e = rtrim_len(l->s, l->len);
        const char *tab = e > a ? memchr(l->s + a, '\t', e - a) : NULL;
        size_t t = tab != NULL ? (size_t)(tab - l->s) : e;
        if (t == a || t >= e)
            return 0;
    }
    return 1;
}

/* A table from v[k] on (before v[end]): paragraphs of TAB-separated rows, two rows or more
 * in all, page markers between them taken along. The number of its paragraphs, or 0. */
static size_t tab_table(const tk_lines *L, const para *v, size_t k, size_t end)
{
    size_t j = k, rows = 0, last = k;
    while (j < end) {
        if (tab_row_para(L, &v[j])) {
            rows += v[j].n;
            last = ++j;
        } else if (v[j].n == 1 && page_marker_line(&L->v[v[j].first])) {
            j++;
        } else {
            break;
        }
    }
    return rows >= 2 ? last - k : 0;
}

/* How many time lines a run of paragraphs needs to be a programme, and how many other
 * entries (`Chair: ...`, a speaker, a paper's title) may stand between two of them. */
#define SCHEDULE_TIMES_MIN 3
#define SCHEDULE_GAP_MAX 8

/* 1 when paragraph q starts with a time of a programme (`9:00-9:55: Registration`). */
static int schedule_time_para(const tk_lines *L, const para *q)
{
    const tk_line *l = &L->v[q->first];
    return tk_schedule_time(l->s, l->len) > 0;
}

/* 1 when paragraph q can be an entry of a programme: one short line, no turn (of a text in
 * turns; in a record `Chair: A. Smith` is an entry, not a speech). */
static int schedule_entry(parser *P, const para *q)
{
    const tk_line *l = &P->lines->v[q->first];
    return q->n == 1 && l->len < 300 && !(P->in_turns && labelled_para(P, q));
}

/* 1 when paragraph q heads a day of a programme: one short line ending with a colon
 * (`Monday, October 22, 2007:`), no turn, the next paragraph a time line. */
static int schedule_head(parser *P, const para *v, size_t k, size_t end)
{
    const tk_line *l = &P->lines->v[v[k].first];
    size_t e = rtrim_len(l->s, l->len);
    return v[k].n == 1 && e > 1 && e < 100 && l->s[e - 1] == ':' && !schedule_time_para(P->lines, &v[k]) &&
           !(P->in_turns && labelled_para(P, &v[k])) && k + 1 < end && schedule_time_para(P->lines, &v[k + 1]);
}

/* 1 when paragraph q reads as a line of a list, not a sentence: no full stop, question or
 * exclamation mark at its end (before closing quotes and brackets). */
static int schedule_unfinished(const tk_lines *L, const para *q)
{
    const tk_line *l = &L->v[q->first + q->n - 1];
    size_t e = rtrim_len(l->s, l->len);
    while (e > 0 && strchr("\"')]", l->s[e - 1]) != NULL)
        e--;
    if (e >= 3 && (memcmp(l->s + e - 3, "\xe2\x80\x9d", 3) == 0 || memcmp(l->s + e - 3, "\xe2\x80\x99", 3) == 0))
        e -= 3;
    return e > 0 && strchr(".?!", l->s[e - 1]) == NULL;
}

/* The paragraphs from v[k] on that are a programme, agenda or schedule (0 when none): time
 * lines (tk_schedule_time), at least SCHEDULE_TIMES_MIN of them, with at most
 * SCHEDULE_GAP_MAX other short entries between two (the chair and papers of a panel); after
 * the last time, the entries that are followed by another line of a list (the line before a
 * sentence is the title of what follows). A day heading (`Tuesday:`, then a time) ends it:
 * it heads a programme of its own. */
static size_t schedule_run(parser *P, const para *v, size_t k, size_t end)
{
    const tk_lines *L = P->lines;
    size_t j = k, last = k, times = 0;
    if (!schedule_time_para(L, &v[k]))
        return 0;
    for (; j < end; j++) {
        if (schedule_time_para(L, &v[j])) {
            if (P->in_turns && labelled_para(P, &v[j]))
                break;
            times++;
            last = j;
        } else if (j > k && schedule_head(P, v, j, end)) {
            break;
        } else if (!schedule_entry(P, &v[j]) || j - last > SCHEDULE_GAP_MAX) {
            break;
        }
    }
    if (times < SCHEDULE_TIMES_MIN)
        return 0;
    j = last + 1;
    while (j < end && j - last <= SCHEDULE_GAP_MAX && schedule_entry(P, &v[j]) &&
           !schedule_head(P, v, j, end) && j + 1 < end && schedule_entry(P, &v[j + 1]) &&
           schedule_unfinished(L, &v[j + 1]))
        j++;
    return j - k;
}

/* The first paragraph of a record's closer among v[0..n): a signature among the last
 * four one-line paragraphs with only short lines after it, and the closing formula right
 * before it; (size_t)-1 when there is none. Source lines (moved to the header) and page
 * breaks alone on a line are skipped. */
/* A signature with the signer's office on the lines after it, one paragraph (`H. A. Herbert,`
 * / `Secretary of the Navy.`): the name ends with a comma (or a period after two words), two
 * or three short lines, each line after the name capitalised; a name with no final
 * punctuation only over office lines (`Jesse Hartley` / `American Ambassador`). */
static int signature_office_para(const tk_lines *L, const para *p)
{
    if (p->n < 2 || p->n > 3)
        return 0;
    const tk_line *l = &L->v[p->first];
    size_t e = rtrim_len(l->s, l->len);
    /* the name ends with a comma, or with a period after two words or more (`S. C.
       Braida.` / `United States Consul.`) */
    if (e < 4)
        return 0;
    /* a name without a final comma or period (`Jesse Isidor Straus` / `American
       Ambassador`) signs only over office lines (tk_rec_office_line) */
    int bare = isalpha((unsigned char)l->s[e - 1]) && tk_rec_signature(l->s, e);
    if (!bare &&
        ((l->s[e - 1] != ',' && (l->s[e - 1] != '.' || memchr(l->s, ' ', e) == NULL)) ||
         !tk_rec_signature(l->s, e - 1)))
        return 0;
    for (size_t i = p->first + 1; i < p->first + p->n; i++) {
        size_t n = rtrim_len(L->v[i].s, L->v[i].len);
        if (n == 0 || n > 80 || !is_upper((unsigned char)L->v[i].s[0]) ||
            (bare && !tk_rec_office_line(L->v[i].s, n)))
            return 0;
    }
    return 1;
}

/* 1 when a line reads as prose, not as an addressee or an office (`The meeting rose at
 * noon.`, not `Hon. William H. Seward, Secretary of State.`): four words or more that start
 * in lower case. */
static int prose_line(const tk_line *l)
{
    size_t lower = 0, n = rtrim_len(l->s, l->len);
    for (size_t i = 0; i < n; i++)
        if ((i == 0 || l->s[i - 1] == ' ') && is_lower((unsigned char)l->s[i]))
            lower++;
    return lower >= 4;
}

/* 1 when v[k] is a one-line "For the Secretary of State:" (tk_rec_signing_for). */
static int signing_for_at(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    return p->n == 1 && tk_rec_signing_for(l->s, l->len);
}

/* 1 when line l is one capitalised word and a period (`Adee.`, `Bayard.`) that the title
 * v[t] names (`Mr. Adee to Mr. Conger.`): the sender's surname signs the paper. */
static int title_surname_line(const tk_lines *L, const para *v, long t, const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (t < 0 || n < 4 || n > 30 || l->s[n - 1] != '.' || !is_upper((unsigned char)l->s[0]))
        return 0;
    for (size_t i = 1; i + 1 < n; i++)
        if (!isalpha((unsigned char)l->s[i]) && (unsigned char)l->s[i] < 0x80 && l->s[i] != '\'')
            return 0;
    const tk_line *tl = &L->v[v[t].first];
    size_t w = n - 1;
    for (size_t i = 0; i + w <= tl->len; i++)
        if (memcmp(tl->s + i, l->s, w) == 0 && (i == 0 || tl->s[i - 1] == ' ') &&
            (i + w == tl->len || !isalpha((unsigned char)tl->s[i + w])))
            return 1;
    return 0;
}

/* A treaty's signature block in one paragraph: lines saying for whom the signature is given
 * (`For the Government of Ruritania:`, tk_rec_signing_for), each followed by one or two
 * signers' lines (tk_rec_signer_line: `Albert Hartley [seal]`), the last line a signer's. */
static int signers_para(const tk_lines *L, const para *p)
{
    if (p->n < 2)
        return 0;
    size_t names = 0;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        if (tk_rec_signing_for(l->s, l->len)) {
            if (i > p->first && names == 0)
                return 0;
            names = 0;
        } else if (i > p->first && tk_rec_signer_line(l->s, l->len) && names < 2) {
            names++;
        } else {
            return 0;
        }
    }
    return names > 0;
}

/* The columns of line l set side by side (apart by a TAB or by three spaces or more): their
 * [start, end) in c (at most max), how many. */
static size_t line_columns(const tk_line *l, size_t c[][2], size_t max)
{
    size_t n = 0, i = 0, len = rtrim_len(l->s, l->len);
    while (i < len && n < max) {
        while (i < len && (l->s[i] == ' ' || l->s[i] == '\t'))
            i++;
        size_t a = i, e = i;
        while (i < len) {
            if (l->s[i] == '\t' || (i + 2 < len && l->s[i] == ' ' && l->s[i + 1] == ' ' &&
                                    l->s[i + 2] == ' '))
                break;
            e = ++i;
        }
        if (e > a) {
            c[n][0] = a;
            c[n][1] = e;
            n++;
        }
    }
    return n;
}

/* Signature blocks side by side in one paragraph: a first line of two to four columns each
 * saying for whom (`For the Government of Ruritania:     For the Government of Zenda:`),
 * then one or two lines of as many columns, each a signer's. */
static int side_signers_para(const tk_lines *L, const para *p)
{
    size_t c[5][2], cols = 0;
    const tk_line *f = &L->v[p->first];
    size_t fe = rtrim_len(f->s, f->len);
    if (p->n < 2 || p->n > 3 || fe == 0 || fe > 400 || f->s[fe - 1] != ':')
        return 0; /* (the parties' line ends with a party's colon) */
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        size_t m = line_columns(l, c, 5);
        if (i == p->first)
            cols = m;
        if (m < 2 || m > 4 || m != cols)
            return 0;
        for (size_t k = 0; k < m; k++)
            if (i == p->first ? !tk_rec_signing_for(l->s + c[k][0], c[k][1] - c[k][0])
                              : !tk_rec_signer_line(l->s + c[k][0], c[k][1] - c[k][0]))
                return 0;
    }
    return 1;
}

/* 1 when paragraph p is one line that is a signer's (tk_rec_signer_line). */
static int signer_at(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    return p->n == 1 && tk_rec_signer_line(l->s, l->len);
}

static size_t find_closer(parser *P, const para *v, size_t n)
{
    const tk_lines *L = P->lines;
    long title = find_title(P, v, n, TK_SHAPE_RECORD);
    size_t end = n;
    while (end > 0 && v[end - 1].n == 1 &&
           starts_with(L->v[v[end - 1].first].s, L->v[v[end - 1].first].len, "Source: "))
        end--;
    size_t found = (size_t)-1;
    if (end >= 3 && (signers_para(L, &v[end - 1]) || side_signers_para(L, &v[end - 1])))
        return end - 1; /* a treaty's signature block in one paragraph */
    for (size_t k = end; k > 0 && end - k < 4; k--) {
        const tk_line *l = &L->v[v[k - 1].first];
        /* short lines only; a numbered or bracketed line (a note, an archive reference)
           after the signature is no addressee: no closer then */
        int office = signature_office_para(L, &v[k - 1]);
        /* a closing formula before the signature found: the closer starts there (an
           earlier signature belongs to a paper quoted in the text) */
        if (found != (size_t)-1 && v[k - 1].n == 1 && tk_rec_closing(l->s, l->len))
            break;
        int bracket = v[k - 1].n == 1 && tk_rec_bracket_signature(l->s, l->len);
        if ((v[k - 1].n != 1 && !office) || rtrim_len(l->s, l->len) > 80 || l->len == 0 ||
            prose_line(l) ||
            is_digit((unsigned char)l->s[0]) || (l->s[0] == '[' && !bracket))
            break;
        if ((office || bracket || tk_rec_signer_line(l->s, l->len) ||
             (v[k - 1].n == 1 && (long)(k - 1) > title && title_surname_line(L, v, title, l))) &&
            k - 1 >= 2) /* not the title */
            found = k - 1;
    }
    if (found == (size_t)-1)
        return found;
    /* "For the Secretary of State:" over the signature belongs to the closer */
    const tk_line *f = &L->v[v[found - 1].first];
    if (found >= 3 && v[found - 1].n == 1 && tk_rec_signing_for(f->s, f->len))
        found--;
    /* a treaty's signature block, one party after another (`For the Government of X:` /
       `Name`, ...): every pair before the last belongs to the closer */
    while (found >= 4 && signing_for_at(L, &v[found]) && signer_at(L, &v[found - 1]) &&
           signing_for_at(L, &v[found - 2]))
        found -= 2;
    const tk_line *b = &L->v[v[found - 1].first];
    if (v[found - 1].n == 1 && tk_rec_closing(b->s, b->len))
        return found - 1;
    return found;
}

/* A one-line paragraph in square brackets (`[Cablegram.]`, `[Inclosure 2 in No. 35.]`). */
static int bracket_line_para(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    size_t e = rtrim_len(l->s, l->len);
    if (p->n != 1 || e < 3 || l->s[0] != '[')
        return 0;
    if (l->s[e - 1] == '.')
        e--;
    return l->s[e - 1] == ']';
}

/* 1 when v[k] is a one-line paragraph that announces an enclosure (`[Inclosure in No. 35.]`,
 * `Enclosure 2`). */
static int enclosure_label_para(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    size_t a = l->len > 0 && l->s[0] == '[' ? 1 : 0;
    return p->n == 1 && l->len < 80 &&
           (starts_with(l->s + a, l->len - a, "Inclosure") ||
            starts_with(l->s + a, l->len - a, "Enclosure"));
}

/* 1 when p is a signature paragraph: one line that is a name (`S. C. Braida, United
 * States Consul.`), a bracketed signature, or a name with its office on the lines after. */
static int signature_para(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    return p->n == 1 ? tk_rec_signature(l->s, l->len) || tk_rec_bracket_signature(l->s, l->len)
                     : signature_office_para(L, p);
}

/* 1 when the paper before v[k] (page markers skipped) ends with a closing formula and a
 * signature, the formula a one-line paragraph, the signature one line or a name with its
 * office (`Respectfully yours,` / `Hugh Gibson`; `I have, etc.,` / `S. C. Braida,` /
 * `United States Consul.`): what
 * follows is another paper even without a dateline of its own. */
static int signed_before(const tk_lines *L, const para *v, size_t from, size_t k)
{
    size_t j = k;
    while (j > from && v[j - 1].n == 1 && page_marker_line(&L->v[v[j - 1].first]))
        j--;
    /* the signer's office in a paragraph of its own (`Louis G. Dreyfus, Jr.` / `Counselor
       of Embassy`) */
    const tk_line *of = &L->v[v[j > from ? j - 1 : j].first];
    if (j >= from + 3 && v[j - 1].n == 1 && v[j - 2].n <= 3 &&
        L->v[v[j - 2].first].len <= 80 && tk_rec_office_line(of->s, of->len) &&
        !tk_rec_enclosure_title(of->s, of->len) && signature_para(L, &v[j - 2]))
        j--;
    if (j < from + 2 || v[j - 2].n != 1)
        return 0;
    const tk_line *cl = &L->v[v[j - 2].first];
    /* `For the Ambassador:` between the formula and the signature */
    if (j >= from + 3 && tk_rec_signing_for(cl->s, cl->len) && v[j - 3].n == 1)
        cl = &L->v[v[j - 3].first];
    return signature_para(L, &v[j - 1]) && tk_rec_closing(cl->s, cl->len);
}

/* 1 when v[k] is a copyist's certificate between two signatures (`Matus.` / `This is a true
 * copy.` / `M. C. Matus.`): the paper before it is signed, the certificate is signed in
 * turn. The first signature may be a surname alone (`Matus.`). */
static int certificate_at(const tk_lines *L, const para *v, size_t from, size_t k, size_t end)
{
    if (k < from + 2 || k + 1 >= end || v[k].n != 1)
        return 0;
    const tk_line *l = &L->v[v[k].first], *b = &L->v[v[k - 1].first];
    if (!tk_rec_certification(l->s, l->len) || !signature_para(L, &v[k + 1]))
        return 0;
    size_t bn = rtrim_len(b->s, b->len);
    int surname = v[k - 1].n == 1 && bn >= 3 && bn <= 30 && b->s[bn - 1] == '.' &&
                  is_upper((unsigned char)b->s[0]) && memchr(b->s, ' ', bn) == NULL;
    return signature_para(L, &v[k - 1]) || surname;
}

/* 1 when v[k] (page markers before it skipped) follows a signed certificate (the paper
 * before ends `I certify the above to be a true copy.` / `S. C. Braida, United States
 * Consul.`): another paper starts at v[k]. */
static int certified_before(const tk_lines *L, const para *v, size_t from, size_t k)
{
    size_t j = k;
    while (j > from && v[j - 1].n == 1 && page_marker_line(&L->v[v[j - 1].first]))
        j--;
    return j >= from + 2 && certificate_at(L, v, from, j - 2, j);
}

/* Openings of a postscript: what follows a signature and still belongs to the letter. */
static const char *const ps_openings[] = {"P.S", "P. S", "PS", "[Postscript", "Postscript",
                                          "N.B", "N. B", "[P.S", "[P. S"};

/* 1 when a signed paper (closing formula and signature, signed_before) ends before v[k]
 * and v[k] opens another one: anything but a postscript's opening, with at least three
 * paragraphs (page markers and Source lines apart) from v[k] to v[end] (`Yours, etc.,` /
 * `B. B. Seat,` / `United States Consular Agent.` / `Saml. Weil & Co. to Mr. Seat.` / ...;
 * an untitled paper too: `I have, etc.` / `T. F. Bayard.` / `Memorandum handed to me ...`).
 * One or two paragraphs after the signature are a postscript (find_postscript). */
static int paper_after_signature(const tk_lines *L, const para *v, size_t from, size_t k,
                                 size_t end)
{
    const tk_line *l = &L->v[v[k].first];
    size_t rest = 0;
    if (page_marker_line(l) || starts_with(l->s, l->len, "Source: ") ||
        !signed_before(L, v, from, k))
        return 0;
    if (v[k].n == 1 && tk_rec_office_line(l->s, l->len) && signature_para(L, &v[k - 1]))
        return 0; /* the signer's office under the signature (signed_before) */
    for (size_t i = 0; i < sizeof ps_openings / sizeof *ps_openings; i++)
        if (starts_with(l->s, l->len, ps_openings[i]))
            return 0;
    for (size_t j = k; j < end && rest < TK_TH_ENCLOSED_MIN_PARAS; j++)
        rest += !(v[j].n == 1 && (page_marker_line(&L->v[v[j].first]) ||
                                  starts_with(L->v[v[j].first].s, L->v[v[j].first].len, "Source: ")));
    return rest >= TK_TH_ENCLOSED_MIN_PARAS;
}

/* The enclosures of a record among v[from..end): a paper's title (`Captain Watson to Mr.
 * Herbert.`, tk_rec_enclosure_title) with its dateline right after it (maybe after a
 * bracketed `[Cablegram.]`), where the paper before ended with a short block (a signature;
 * page markers between are skipped); a line `[Inclosure ...]` just before the title belongs
 * to the enclosure. Writes the first paragraph of each into starts (at most max); returns
 * how many. */
static size_t find_enclosures(const tk_lines *L, const para *v, size_t from, size_t end,
                              size_t *starts, size_t max)
{
    size_t n = 0;
    for (size_t k = from; k + 1 < end && n < max; k++) {
        const tk_line *l = &L->v[v[k].first];
        if (!page_marker_line(l) && !starts_with(l->s, l->len, "Source: ") &&
            certified_before(L, v, from, k)) {
            starts[n++] = k; /* a paper after a certified copy */
            continue;
        }
        if (paper_after_signature(L, v, from, k, end)) {
            starts[n++] = k; /* a paper after a signed one */
            continue;
        }
        if (v[k].n != 1 || !tk_rec_enclosure_title(l->s, l->len))
            continue;
        size_t d = k + 1;
        if (bracket_line_para(L, &v[d]) && d + 1 < end)
            d++;
        if (!dateline_para(L, &v[d]) && !signed_before(L, v, from, k))
            continue;
        size_t st = k;
        if (st > from && enclosure_label_para(L, &v[st - 1]))
            st--;
        size_t j = st;
        while (j > from && v[j - 1].n == 1 && page_marker_line(&L->v[v[j - 1].first]))
            j--;
        if (j <= from || v[j - 1].n > 3)
            continue;
        int shortl = 1;
        for (size_t i = v[j - 1].first; i < v[j - 1].first + v[j - 1].n; i++)
            shortl &= rtrim_len(L->v[i].s, L->v[i].len) <= 80;
        if (shortl && !dateline_para(L, &v[j - 1]))
            starts[n++] = st;
    }
    return n;
}

/* A postscript at the end of v[0..n) (page markers at the end skipped): one or two
 * paragraphs of at most 400 characters after a signature that follows a closing formula
 * (`I am, etc.,` / `Lewis Baker.` / `Identical note sent to ...`): the index of its first
 * paragraph, with the closing formula's in *closer; (size_t)-1 when there is none. */
static size_t find_postscript(parser *P, const para *v, size_t n, size_t *closer)
{
    const tk_lines *L = P->lines;
    while (n > 0 && v[n - 1].n == 1 && page_marker_line(&L->v[v[n - 1].first]))
        n--;
    for (size_t m = 1; m <= 2 && m + 3 < n; m++) {
        size_t sig = n - m - 1, chars = 0;
        const tk_line *sl = &L->v[v[sig].first], *cl = &L->v[v[sig - 1].first];
        if (!((v[sig].n == 1 && tk_rec_signature(sl->s, sl->len)) ||
              signature_office_para(L, &v[sig])) ||
            v[sig - 1].n != 1 || !tk_rec_closing(cl->s, cl->len))
            continue;
        for (size_t k = sig + 1; k < n; k++)
            for (size_t i = v[k].first; i < v[k].first + v[k].n; i++)
                chars += L->v[i].len;
        if (chars > 400 * m)
            continue;
        *closer = sig - 1;
        return sig + 1;
    }
    return (size_t)-1;
}

/* A file number line before the title: its number (idno) and the document type after it
 * (`724.3415/3536: Telegram`) go to the header; so does a document type alone on its line
 * (`Telegram Sent`). */
static void file_number_meta(parser *P, const tk_line *l)
{
    size_t off, n, e = rtrim_len(l->s, l->len);
    size_t end = tk_rec_file_number(l->s, e, &off, &n);
    if (end == 0 && tk_rec_type_line(l->s, e)) { /* `Telegram` alone over the title */
        if (tk_meta_get(P->db, "type") == NULL)
            tk_meta_set(P->db, "type", l->s, e > 0 && l->s[e - 1] == '.' ? e - 1 : e, l->no, 0);
        note(P, (size_t)(l - P->lines->v), "file-number", "document type line to the header");
        return;
    }
    if (end == 0)
        return;
    tk_meta_set(P->db, "idno", l->s + off, n, l->no, 1);
    if (end + 2 < e && tk_meta_get(P->db, "type") == NULL)
        tk_meta_set(P->db, "type", l->s + end + 2, e - end - 2, l->no, 0);
    note(P, (size_t)(l - P->lines->v), "file-number", "file number (and document type) to the header");
}

/* The title line's document type and author, for the header (a front matter Type: or
 * Author: wins). */
static void title_meta(parser *P, const tk_line *l)
{
    size_t e = rtrim_len(l->s, l->len), a = indent_of(l), off, n;
    size_t t = tk_rec_doc_type(l->s + a, e - a);
    if (t != 0 && tk_meta_get(P->db, "type") == NULL)
        tk_meta_set(P->db, "type", l->s + a + (t >> 16), t & 0xffff, l->no, 0);
    if (tk_meta_get(P->db, "author") == NULL && tk_rec_author(l->s + a, e - a, &off, &n))
        tk_meta_set(P->db, "author", l->s + a + off, n, l->no, 0);
}

/* The closer of the part v[from..end) of a record (page markers at its end skipped), as
 * an index into v, or (size_t)-1; *ps: the first paragraph of its postscript, or
 * (size_t)-1; *ps_sig: the signature of a certificate that is the postscript (the
 * postscript's own closer), or (size_t)-1. */
static size_t part_closer(parser *P, const para *v, size_t from, size_t end, size_t *ps,
                          size_t *ps_sig)
{
    const tk_lines *L = P->lines;
    *ps = *ps_sig = (size_t)-1;
    while (end > from && v[end - 1].n == 1 &&
           (page_marker_line(&L->v[v[end - 1].first]) ||
            starts_with(L->v[v[end - 1].first].s, L->v[v[end - 1].first].len, "Source: ")))
        end--;
    if (end >= from + 3 && certificate_at(L, v, from, end - 2, end)) {
        /* a signed paper and a signed certificate under it: postscript/p and closer */
        size_t c = find_closer(P, v + from, end - 2 - from), b = end - 3;
        const tk_line *f = &L->v[v[b - (b > from)].first];
        *ps = end - 2;
        *ps_sig = end - 1;
        if (c != (size_t)-1)
            return from + c;
        return b > from && v[b - 1].n == 1 && tk_rec_closing(f->s, f->len) ? b - 1 : b;
    }
    /* a postscript signed in its turn (`I have, etc.,` / `B. B. Seat,` / `Received January
       24, forwarded ...` / `A. C. Braida, United States Consul.`): one or two short
       paragraphs between the signed paper and the last signature */
    for (size_t m = 1; m <= 2 && end >= from + m + 3; m++) {
        size_t sig = end - 1, first = end - 1 - m, chars = 0;
        if (!signature_para(L, &v[sig]) || !signed_before(L, v, from, first))
            continue;
        for (size_t k = first; k < sig; k++)
            for (size_t i = v[k].first; i < v[k].first + v[k].n; i++)
                chars += L->v[i].len;
        size_t c = chars <= 400 * m ? find_closer(P, v + from, first - from) : (size_t)-1;
        if (c == (size_t)-1)
            continue;
        *ps = first;
        *ps_sig = sig;
        return from + c;
    }
    size_t c = find_closer(P, v + from, end - from), cl;
    if (c != (size_t)-1)
        return from + c;
    size_t p = find_postscript(P, v + from, end - from, &cl);
    if (p == (size_t)-1)
        return p;
    *ps = from + p;
    return from + cl;
}

/* The number a paragraph starts with when it reads as a note without brackets (`1 Neville
 * Chamberlain.`: 1-3 digits, a space, a capital), else 0. */
static long bare_note_number(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    size_t i = 0;
    long v = 0;
    while (i < l->len && i < 3 && is_digit((unsigned char)l->s[i]))
        v = v * 10 + (l->s[i++] - '0');
    if (i == 0 || i + 1 >= l->len || l->s[i] != ' ' ||
        !(is_upper((unsigned char)l->s[i + 1]) || (unsigned char)l->s[i + 1] >= 0xC3))
        return 0;
    return v;
}

/* Notes without a heading at the end of v[0..n) (DFAT's volumes): from the last paragraph
 * that starts `1 ` + a capital, paragraphs numbered 1, 2, 3 ... in order, as many
 * unnumbered ones (a note's continuation) at most, maybe a bracketed archive reference
 * last (`[PRO : DO 114/94]`); and a marker `[1]` in the text before. The index of the
 * first note, or (size_t)-1. */
static size_t bare_notes(const tk_lines *L, const para *v, size_t n)
{
    size_t f = n;
    while (f > 1 && bare_note_number(L, &v[f - 1]) != 1)
        f--;
    if (f <= 1)
        return (size_t)-1;
    f--;
    long want = 1;
    size_t numbered = 0, other = 0;
    for (size_t k = f; k < n; k++) {
        long num = bare_note_number(L, &v[k]);
        if (num == want) {
            want++;
            numbered++;
        } else if (k + 1 == n && v[k].n == 1 && L->v[v[k].first].s[0] == '[') {
            break; /* the archive reference after the notes */
        } else {
            other++;
        }
    }
    if (numbered == 0 || other > numbered)
        return (size_t)-1;
    for (size_t i = v[0].first; i < v[f].first; i++)
        for (size_t j = 0; j + 3 <= L->v[i].len; j++)
            if (L->v[i].s[j] == '[' && L->v[i].s[j + 1] == '1' && L->v[i].s[j + 2] == ']')
                return f;
    return (size_t)-1;
}

/* Block quotations among the blocks [from, P->db->n) of a record: a paragraph that leads in
 * with a colon (`... reads as follows:`), then a paragraph that opens with a quotation mark
 * and the paragraphs up to the first that ends with the closing mark (at most 30 blocks;
 * the paragraphs between may open with the mark again, as printed, or not, as the corpus
 * texts have them; list items, table rows and page breaks between them go with them): those
 * get TK_BF_QUOTE (p/quote/p).
 * Nothing is marked when no plain paragraph closes the quotation. */
static void block_quotes(parser *P, size_t from)
{
    const tk_lines *L = P->lines;
    tk_block *bv = P->db->b;
    for (size_t i = from; i + 1 < P->db->n; i++) {
        const tk_block *lead = &bv[i], *q = &bv[i + 1];
        const tk_line *ll = &L->v[lead->line + lead->n_lines - 1], *fl = &L->v[q->line];
        /* (an item's quotation mark stands before its marker: `“1. Dredging ...`) */
        size_t qoff = q->kind == TK_B_ITEM ? 0 : q->off;
        if (lead->kind != TK_B_P || (lead->flags & (TK_BF_BETWEEN | TK_BF_QUOTE)) ||
            !tk_rec_quote_lead(ll->s, ll->len) ||
            !((q->kind == TK_B_P && q->flags == 0) ||
              (q->kind == TK_B_ITEM && !(q->flags & TK_BF_ITEM_MORE))))
            continue;
        int kind = tk_rec_quote_opens(fl->s + qoff, fl->len - qoff), closed = 0;
        size_t j = i + 1;
        for (; kind != 0 && j < P->db->n && j - i <= 30; j++) {
            const tk_line *e = &L->v[bv[j].line + bv[j].n_lines - 1];
            /* paragraphs, list items and table rows (a list or a table quoted) */
            int item = bv[j].kind == TK_B_ITEM, row = bv[j].kind == TK_B_ROW;
            if (!item && !row && (bv[j].kind != TK_B_P || bv[j].flags != 0))
                break;
            if (row || (bv[j].n_lines == 1 && page_marker_line(e)))
                continue;
            /* a quotation closed inside a paragraph: no block quotation (`“Nothing will be
               done,” he wrote.`) */
            int early = 0;
            for (size_t x = 0; x < bv[j].n_lines && !early; x++)
                early = tk_rec_quote_closes_early(L->v[bv[j].line + x].s, L->v[bv[j].line + x].len,
                                                  kind, x + 1 == bv[j].n_lines);
            if (early)
                break;
            if (tk_rec_quote_closes(e->s, e->len, kind)) {
                closed = 1;
                break;
            }
        }
        if (!closed)
            continue;
        for (size_t k = i + 1; k <= j; k++)
            bv[k].flags |= TK_BF_QUOTE;
        note(P, bv[i].line, "quote", "block quotation: the quoted paragraphs go into this one");
        i = j;
    }
}

/* Lists and tables a paragraph leads in to with a colon (`... the chief elements are the
 * following:` / `(a) ...` / `(b) ...`), among the blocks [from, P->db->n) of a record: the
 * items or rows right after such a paragraph, with the page breaks between them, go into
 * it (TK_BF_QUOTE | TK_BF_INNER: p/list, p/table), as TEI and the editors print a list that
 * ends the sentence it is part of. */
static void inner_lists(parser *P, size_t from)
{
    const tk_lines *L = P->lines;
    tk_block *bv = P->db->b;
    for (size_t i = from; i + 1 < P->db->n; i++) {
        const tk_block *lead = &bv[i];
        const tk_line *ll = &L->v[lead->line + lead->n_lines - 1];
        if (lead->kind != TK_B_P || lead->flags != 0 || !tk_rec_quote_lead(ll->s, ll->len) ||
            !((bv[i + 1].kind == TK_B_ITEM && bv[i + 1].level == 0 &&
               !(bv[i + 1].flags & (TK_BF_ITEM_MORE | TK_BF_QUOTE))) ||
              (bv[i + 1].kind == TK_B_ROW && !(bv[i + 1].flags & TK_BF_QUOTE))))
            continue;
        size_t j = i + 1, last = i;
        for (; j < P->db->n && !(bv[j].flags & TK_BF_QUOTE); j++) {
            if (bv[j].kind == TK_B_ITEM || bv[j].kind == TK_B_ROW)
                last = j;
            else if (!(bv[j].kind == TK_B_P && bv[j].n_lines == 1 &&
                       page_marker_line(&L->v[bv[j].line])))
                break;
        }
        for (size_t k = i + 1; k <= last; k++)
            bv[k].flags |= TK_BF_QUOTE | TK_BF_INNER;
        note(P, bv[i].line, "list", "a list or table this paragraph leads in to: inside it (p/list)");
        i = last;
    }
}

static void prose_document(parser *P, size_t a, size_t b, tk_shape shape, int first_doc)
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

    size_t notes_end = body_end; /* (an archive reference after bare notes stays text) */
    if (notes_at == body_end && shape == TK_SHAPE_RECORD) {
        size_t k = bare_notes(L, v, body_end);
        if (k != (size_t)-1) {
            notes_at = k;
            if (v[body_end - 1].n == 1 && L->v[v[body_end - 1].first].s[0] == '[')
                notes_end = body_end - 1;
            note(P, v[k].first, "notes",
                 "notes without a heading: '1 text', '2 text' ... at the end, and [1] in the text");
        }
    }

    int list_open = 0, in_turns = 0, seen_long = 0, roster = 0;
    size_t roster_end = 0; /* the paragraphs before it from k on are a roster without label */
    size_t table_end = 0;  /* the paragraphs before it from k on are rows of a table */
    size_t schedule_end = 0; /* ... the entries of a programme */
    int roster_grouped = 0;  /* the roster's names stand under group names (a nested list) */
    int table_in_item = 0;   /* that table is inside the open list's last item ... */
    unsigned table_level = 0; /* ... of this level */
    size_t blocks_at = P->db->n;
    play_state ps = {0};
    for (size_t i = a; i < b && shape == TK_SHAPE_PLAY; i++) /* the margin of wrapped prose */
        if (verse_len(P, &L->v[i], &(size_t){0}) > ps.margin && L->v[i].len < 200)
            ps.margin = verse_len(P, &L->v[i], &(size_t){0});
    if (shape == TK_SHAPE_PLAY) {
        ps.names = tk_names_new();
        if (ps.names == NULL)
            P->oom = 1;
        for (size_t k = 0; k < np && ps.names != NULL; k++) {
            tk_label lab;
            const tk_line *l = &L->v[v[k].first];
            if (speaker_label(P, l, &lab) > 0)
                tk_names_add(ps.names, l->s + lab.name_off, lab.name_len);
        }
    }
    size_t text_end = notes_at < body_end ? notes_at : body_end;
    long title_at = find_title(P, v, text_end, shape);
    /* a record with enclosures: the covering paper and each enclosure are parts, each
       with its own title, opener and closer */
    size_t parts[64], n_parts = 0, part = 0, part_at = 0;
    if (shape == TK_SHAPE_RECORD)
        n_parts = find_enclosures(L, v, (size_t)(title_at + 2), text_end, parts + 1,
                                  sizeof parts / sizeof *parts - 1);
    if (n_parts > 0) {
        parts[0] = 0;
        n_parts++;
    }
    size_t part_end = n_parts > 1 ? parts[1] : body_end;
    size_t ps_at = (size_t)-1;  /* the first paragraph of the postscript */
    size_t ps_sig = (size_t)-1; /* the signature of a certificate (the postscript's closer) */
    size_t closer_at = shape == TK_SHAPE_RECORD
                           ? part_closer(P, v, 0, n_parts > 1 ? parts[1] : text_end, &ps_at,
                                         &ps_sig)
                           : (size_t)-1;
    for (size_t k = 0; k < body_end; k++) {
        const para *p = &v[k];
        const tk_line *l = &L->v[p->first];
        if (part + 1 < n_parts && k == parts[part + 1]) { /* an enclosure starts */
            part++;
            part_at = k;
            seen_long = in_turns = 0;
            list_open = roster = 0;
            title_at = (long)(enclosure_label_para(L, p) ? k + 1 : k);
            part_end = part + 1 < n_parts ? parts[part + 1] : body_end;
            closer_at = part_closer(P, v, k, part + 1 < n_parts ? parts[part + 1] : text_end,
                                    &ps_at, &ps_sig);
            note(P, p->first, "enclosure", "an enclosed paper (title and dateline): div[@type='enclosure']");
        }
        /* Source: line (FRUS, conference files) -> header */
        if (p->n == 1 && starts_with(l->s, l->len, "Source: ")) {
            meta_from_lines(P, "source", p->first, p->first + 1, 8, 0);
            note(P, p->first, "metadata", "\"Source:\" line moved to the header");
            continue;
        }
        if (k >= notes_at && k < notes_end) {
            size_t from = p->first;
            if (k == notes_at && notes_heading(l)) {
                add_block(P, TK_B_NOTES_HEAD, p->first, 1, indent_of(l));
                from++;
            }
            for (size_t i = from; i < p->first + p->n; i++)
                add_block(P, TK_B_NOTE, i, 1, 0);
            continue;
        }
        if (k == ps_sig) {
            para_block(P, TK_B_SIGNED, p, 0);
            note(P, p->first, "postscript", "the certificate's signature: postscript/closer/signed");
            continue;
        }
        if (k >= ps_at && k < part_end && !page_marker_line(l)) {
            para_block(P, TK_B_POSTSCRIPT, p, 0);
            note(P, p->first, "postscript", "after the closing formula and signature: postscript");
            continue;
        }
        int office = signature_office_para(L, p);
        int side = k >= closer_at && k < part_end && p->n > 1 && side_signers_para(L, p);
        if (k >= closer_at && k < part_end && p->n > 1 && !office &&
            (side || signers_para(L, p))) {
            /* a treaty's signature block in one paragraph: closer/seg and signed by line (by
               column when the blocks stand side by side) */
            for (size_t i = p->first; i < p->first + p->n; i++) {
                tk_block *sb = add_block(P,
                                         (side ? i == p->first
                                               : tk_rec_signing_for(L->v[i].s, L->v[i].len))
                                             ? TK_B_CLOSE_SEG
                                             : TK_B_SIGNED,
                                         i, 1, indent_of(&L->v[i]));
                if (sb != NULL && side)
                    sb->flags |= TK_BF_COLUMNS;
            }
            note(P, p->first, "closer", "a signature block: closer/seg and closer/signed by line");
            list_open = 0;
            continue;
        }
        if (k >= closer_at && k < part_end && !page_marker_line(l) && (p->n == 1 || office)) {
            /* the closer: salute, signed (one or more), addressee */
            tk_block_kind kind = TK_B_CLOSE_SEG;
            int after = k > closer_at && P->db->n > 0 &&
                        (P->db->b[P->db->n - 1].kind == TK_B_CLOSE || signing_for_at(L, &v[k - 1]));
            if (k == closer_at && tk_rec_closing(l->s, l->len))
                kind = TK_B_CLOSE;
            else if (p->n == 1 && tk_rec_signing_for(l->s, l->len) && k + 1 < part_end)
                kind = TK_B_CLOSE_SEG; /* "For the Secretary of State:" */
            else if (k == closer_at || office || after)
                kind = TK_B_SIGNED;
            para_block(P, kind, p, 0);
            note(P, p->first, "closer", kind == TK_B_CLOSE    ? "closing formula: closer/salute"
                                        : kind == TK_B_SIGNED ? "signature: closer/signed"
                                                              : "line after the signature: closer");
            list_open = 0;
            continue;
        }
        /* a programme, agenda or schedule: time lines (`9:00-9:55: Registration`) and the
           entries between them, under a day heading (`Monday, October 22:`) if any */
        if (shape != TK_SHAPE_PLAY && k >= schedule_end) {
            P->in_turns = shape == TK_SHAPE_TRANSCRIPT;
            int head = schedule_head(P, v, k, text_end);
            size_t run = schedule_run(P, v, k + (size_t)head, text_end);
            if (run > 0) {
                note(P, p->first, "list", "a programme: time lines and their entries, list[@type='simple']");
                schedule_end = k + (size_t)head + run;
                list_open = roster = 0;
            }
        }
        if (k < schedule_end) {
            tk_block *sb = para_block(P, schedule_time_para(L, p) || !schedule_head(P, v, k, text_end)
                                             ? TK_B_ROSTER_ITEM : TK_B_ROSTER_HEAD, p, 0);
            if (sb != NULL)
                sb->flags |= TK_BF_SCHEDULE;
            continue;
        }
        /* a roster: "Present:" and one name (with its office) per paragraph */
        if (shape != TK_SHAPE_PLAY && p->n == 1 && tk_rec_roster_label(l->s, l->len) &&
            k + 1 < notes_at && (roster_item(L, &v[k + 1], 120) || roster_group(L, v, k + 1, notes_at)) &&
            !(shape == TK_SHAPE_TRANSCRIPT && labelled_para(P, &v[k + 1]))) {
            para_block(P, TK_B_ROSTER_HEAD, p, 0);
            note(P, p->first, "roster", "roster label: list[@type='participants']");
            roster = 1;
            roster_grouped = 0;
            list_open = 0;
            continue;
        }
        /* a roster without label: a run of lines that are each a name (and an office) */
        if (shape == TK_SHAPE_RECORD && !roster && k >= roster_end) {
            size_t run = bare_roster(L, v, k, closer_at < notes_at ? closer_at : notes_at);
            if (run > 0) {
                note(P, p->first, "roster",
                     "a run of one name a line without label: list[@type='participants']");
                roster_end = k + run;
                roster_grouped = 0;
                list_open = 0;
            }
        }
        if (k < roster_end) {
            roster_member(P, v, k, roster_end, &roster_grouped);
            continue;
        }
        /* TAB-separated rows: table/row/cell */
        if (shape == TK_SHAPE_RECORD && k >= table_end) {
            size_t run = tab_table(L, v, k, text_end);
            if (run > 0) {
                note(P, p->first, "table", "TAB-separated rows: table/row/cell");
                table_end = k + run;
                /* a table between two items of an open list (`XII`, its words, the table,
                   `XIII`): inside the item, the list goes on after it */
                table_in_item = list_open && item_goes_on(P, v, k, text_end, &table_level);
                if (table_in_item)
                    note(P, p->first, "list", "a table inside the list item before it");
            }
        }
        if (k < table_end) {
            if (tab_row_para(L, p)) {
                for (size_t i = p->first; i < p->first + p->n; i++) {
                    tk_block *rb = add_block(P, TK_B_ROW, i, 1, indent_of(&L->v[i]));
                    if (rb != NULL && table_in_item) {
                        rb->flags |= TK_BF_ITEM_MORE;
                        rb->level = table_level;
                    }
                }
            } else {
                add_block(P, TK_B_P, p->first, p->n, 0); /* a page marker */
            }
            if (table_in_item) {
                P->item_empty = 0;
                P->depth = table_level;
            }
            list_open = table_in_item;
            continue;
        }
        if (roster) {
            if ((roster_item(L, p, 120) || roster_group(L, v, k, notes_at)) &&
                !(shape == TK_SHAPE_TRANSCRIPT && labelled_para(P, p))) {
                roster_member(P, v, k, notes_at, &roster_grouped);
                continue;
            }
            roster = 0;
        }
        int top = !seen_long && !in_turns && k - part_at < 8;
        if (shape == TK_SHAPE_RECORD && k - part_at < 12 && !seen_long && p->n == 1 &&
            tk_rec_salutation(l->s, l->len)) {
            para_block(P, TK_B_SALUTE, p, 0);
            note(P, p->first, "salute", "salutation: opener/salute");
            list_open = 0;
            continue;
        }
        tk_label tl;
        if (shape != TK_SHAPE_RECORD && speaker_label(P, l, &tl) > 0)
            top = 0; /* a turn, not a title or the lines before one */
        if (shape == TK_SHAPE_PLAY && p->n == 1 && tk_cast_heading(l->s, l->len))
            top = 0; /* a cast list heading is no title (play_paragraph) */
        if (top && p->n <= 4) {
            if (shape == TK_SHAPE_RECORD && p->n == 1 && tk_rec_classification(l->s, l->len)) {
                tk_block *cb = para_block(P, TK_B_OPENER, p, 0);
                if (cb != NULL)
                    cb->flags |= TK_BF_CLASS;
                note(P, p->first, "classification",
                     "classification line: opener/note[@type='classification']");
                continue;
            }
            if (dateline_para(L, p)) {
                para_block(P, TK_B_DATELINE, p, 0);
                list_open = 0;
                continue;
            }
            /* a second title with its dateline under the first one (the record's own title
               under a catalogue title and a citation): a division of its own */
            if (title_at >= 0 && k > (size_t)title_at + 1 && n_parts == 0 &&
                shape != TK_SHAPE_PLAY && p->n == 1 && title_para(P, p, shape) &&
                k + 1 < text_end && dateline_para(L, &v[k + 1])) {
                para_block(P, TK_B_HEAD, p, 0);
                note(P, p->first, "heading", "a title with its dateline below the top: a division");
                list_open = 0;
                continue;
            }
            if (title_at >= 0 && k == (size_t)title_at) {
                para_block(P, TK_B_TITLE, p, 0);
                if (p->n == 1 && part == 0)
                    title_meta(P, l);
                continue;
            }
            /* short lines before the title (file number, "[Inclosure in No. 2.]"), a
               bracketed line between the title and the dateline ("[Translation.]") */
            if (title_at >= 0 && (k < (size_t)title_at ||
                                  (k == (size_t)title_at + 1 && bracket_line_para(L, p) &&
                                   k + 1 < body_end && dateline_para(L, &v[k + 1])))) {
                para_block(P, TK_B_OPENER, p, 0);
                if (p->n == 1 && part == 0)
                    file_number_meta(P, l);
                continue;
            }
        }
        /* a heading: a lone title-like line followed by ordinary text, weighed by
           heading_evidence (-v says why a line is or is not one) */
        int outline = shape == TK_SHAPE_RECORD ? heading_evidence(P, v, k, notes_at) : 0;
        if (outline > 0) {
            para_block(P, TK_B_HEAD, p, 0);
            list_open = 0;
            continue;
        }
        /* (in a record, a person's name alone on its line, `J. A. Peterson`, is a signature
           among others, not a heading; in a play, a cast heading is not one) */
        if (p->n == 1 && heading_like(l) && k + 1 < notes_at && outline == 0 &&
            !(shape == TK_SHAPE_RECORD && bare_name_line(l)) &&
            !(shape == TK_SHAPE_PLAY && tk_cast_heading(l->s, l->len))) { /* (play_paragraph) */
            const para *q = &v[k + 1];
            const tk_line *nl = &L->v[q->first];
            tk_label lab;
            /* followed by text: not by another heading, a Source line or a title (a
               signature "Albert Rathbone" before an enclosure's title is no heading) */
            int next_text = !(q->n == 1 && heading_like(nl)) &&
                            !(q->n == 1 && starts_with(nl->s, nl->len, "Source: ")) &&
                            !title_para(P, q, shape);
            int next_turn = shape != TK_SHAPE_RECORD && speaker_label(P, nl, &lab) > 0;
            int prev_heading = k > 0 && v[k - 1].n == 1 && heading_like(&L->v[v[k - 1].first]);
            int is_turn = shape != TK_SHAPE_RECORD && speaker_label(P, l, &lab) > 0;
            size_t ha, hb;
            if (shape == TK_SHAPE_PLAY && tk_play_heading(l->s, l->len, &ha, &hb))
                is_turn = 1; /* an act heading: below */
            if ((next_text || next_turn) && !prev_heading && !is_turn) {
                note(P, p->first, "heading", "heading: a title-like line before text");
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
        if (shape == TK_SHAPE_PLAY) {
            play_paragraph(P, v, k, body_end, &ps);
            in_turns = 1;
        } else if (shape == TK_SHAPE_TRANSCRIPT) {
            size_t before = P->db->n;
            if (event_para(L, p) && (k + 1 >= body_end || opens_turn(P, &v[k + 1]))) {
                /* a proceeding between turns: "(The meeting adjourned.)", "[Whereupon ...]" */
                tk_block *e = para_block(P, is_parenthesised(l, &L->v[p->first + p->n - 1])
                                                ? TK_B_STAGE : TK_B_P, p, 0);
                if (e != NULL)
                    e->flags |= TK_BF_BETWEEN;
                note(P, p->first, "event", "a paragraph wholly an event: between the turns");
                continue;
            }
            transcript_paragraph(P, p);
            for (size_t j = before; j < P->db->n; j++)
                if (P->db->b[j].kind == TK_B_TURN || P->db->b[j].kind == TK_B_TIMESTAMP)
                    in_turns = 1, seen_long = 1;
        } else {
            if (p->n == 1 || !is_parenthesised(l, &L->v[p->first + p->n - 1]))
                record_paragraph(P, v, k, text_end, &list_open);
            else
                para_block(P, TK_B_STAGE, p, 0);
        }
    }
    if (shape == TK_SHAPE_RECORD) {
        block_quotes(P, blocks_at);
        inner_lists(P, blocks_at);
    }
    /* the first block of each part opens its division */
    for (size_t i = blocks_at, q = 0; i < P->db->n && q < n_parts; i++)
        if (P->db->b[i].line >= v[parts[q]].first) {
            P->db->b[i].flags |= TK_BF_PART;
            P->db->b[i].divtype = q == 0 ? "document" : "enclosure";
            q++;
        }
    (void)first_doc;
    tk_names_free(ps.names);
    free(v);
}

/* ------------------------------------------------------------------ plays */

static int stage_word(const char *s, size_t n)
{
    static const char *const words[] = {"Enter ", "Exit", "Exeunt", "Re-enter ", "Manet ",
                                        "Manent ", "Flourish", "Sennet", "Alarum"};
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

/* 1 when a stage direction on line l goes on to the next line: the next line starts in
 * lower case (unless bare: after a cue or bare direction inside a speech a line in lower
 * case is the speech going on, "Aside" / "and so near will I be,", "Throws down a letter" /
 * "for here comes the trout"), or l ends with a comma or a word that needs more ("and"). */
static int stage_continues(const tk_line *l, const tk_line *next, int bare)
{
    size_t n = rtrim_len(l->s, l->len), a = indent_of(next);
    if (is_blank(next) || a == 0)
        return 0;
    if (!bare && is_lower((unsigned char)next->s[a]))
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

/* A speaker line that names two or more speakers who each speak alone elsewhere
 * ("MARCELLUS BERNARDO"): every word is such a name. */
static int joint_speakers(const tk_names *names, const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len), words = 0;
    for (size_t i = 0; i < n;) {
        size_t w = i;
        while (i < n && l->s[i] != ' ')
            i++;
        if (tk_names_get(names, l->s + w, i - w) == 0)
            return 0;
        words++;
        while (i < n && l->s[i] == ' ')
            i++;
    }
    return words >= 2;
}

/* A word that reads as a verb of a direction: a present tense ("Sleeps", "Throws") or a
 * participle ("Writing", "Pointing"), capitalised, s[0..n) without punctuation. */
static int direction_verb(const char *s, size_t n)
{
    static const char *const not_s[] = {"ss", "us", "is", "'s"};
    if (n < 4 || !is_upper((unsigned char)s[0]))
        return 0;
    if (n >= 5 && memcmp(s + n - 3, "ing", 3) == 0)
        return 1;
    if (s[n - 1] != 's')
        return 0;
    for (size_t k = 0; k < sizeof not_s / sizeof *not_s; k++)
        if (memcmp(s + n - 2, not_s[k], 2) == 0)
            return 0;
    return 1;
}

/* Whether the word s[0..n) (an ALL-CAPS word, a possessive "'s" trimmed) is a word of a
 * speaker label of the play (caps: the words of the labels printed in capitals). */
static int label_word(const tk_names *caps, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (is_upper((unsigned char)s[k]) || s[k] == '-'))
        k++;
    if (k < 2 || (k < n && s[k] != '\'' && s[k] != ',' && s[k] != ';'))
        return 0;
    return tk_names_get(caps, s, k) > 0;
}

/* A direction without brackets or cue word inside a speech of the indented layout, in a line
 * s[0..n) that does not end as a sentence or a verse line does (no final punctuation):
 * it names a speaker in the capitals of the labels ("Ghost beckons HAMLET", "QUEEN GERTRUDE
 * falls": the speeches print names in lower case); or, in plain words only, it opens with a
 * verb ("Sleeps", "Throws up a skull", "Giving a paper") and is the speech's last line or
 * four words at most (a verse line opening with a verb goes on: "Makes vow before his
 * uncle never more"); or a pronoun and its verb in four words at most ("They play"); or
 * two or three words ending in a cue of the table ("Low alarums"); or it is four words at
 * most ending in "within" ("A noise within"). */
static int bare_direction(parser *P, const tk_names *caps, const char *s, size_t n, int last)
{
    size_t words = 0, caps_names = 0, first_end = 0, last_start = 0;
    int plain = 1;
    char end = s[n - 1];
    if (end == '.' || end == ',' || end == ';' || end == ':' || end == '?' || end == '!' ||
        end == '\'' || end == '"' || end == ')' || end == ']')
        return 0;
    for (size_t i = 0; i < n;) {
        size_t w = i;
        while (i < n && s[i] != ' ')
            i++;
        words++;
        last_start = w;
        if (words == 1)
            first_end = i;
        caps_names += label_word(caps, s + w, i - w);
        for (size_t k = w; k < i; k++)
            plain &= isalpha((unsigned char)s[k]) || s[k] == '\'' || s[k] == '-';
        while (i < n && s[i] == ' ')
            i++;
    }
    if (words > 12 || memchr(s, '[', n) != NULL || memchr(s, '(', n) != NULL || memchr(s, '"', n) != NULL)
        return 0;
    if (caps_names > 0)
        return 1;
    if (!plain || words > 8)
        return 0;
    if (direction_verb(s, first_end) && (last || words <= 4))
        return 1;
    /* "Low alarums", "Loud alarum": a cue word of the table (any case) after a word or two */
    if (words >= 2 && words <= 3 && tk_speakers_word(P->g, TK_WORDS_STAGE, s + last_start, n - last_start))
        return 1;
    /* "They play", "He digs and sings": a pronoun and a verb, four words at most */
    if (words >= 2 && words <= 4 &&
        ((first_end == 4 && memcmp(s, "They", 4) == 0) || (first_end == 3 && memcmp(s, "She", 3) == 0) ||
         (first_end == 2 && memcmp(s, "He", 2) == 0)))
        return 1;
    return words <= 4 && n >= 6 && memcmp(s + n - 6, "within", 6) == 0 && (n == 6 || s[n - 7] == ' ');
}

/* A bare direction (bare_direction) on line l of a speech; next: the line after it. */
static int bare_line(parser *P, const tk_line *l, const tk_names *caps, const tk_line *next)
{
    size_t bn = rtrim_len(l->s, l->len), ba = indent_of(l);
    int ends = next == NULL || is_blank(next) || indent_of(next) == 0 || stage_line(next);
    return bn > ba && bare_direction(P, caps, l->s + ba, bn - ba, ends);
}

/* An unbracketed direction inside a speech ("Aside", "Knocking within", "They fight",
 * "To FERDINAND"): a line opening with a cue of the stage-cue table, short, not ending as
 * verse does (, ; : ? !). */
static int cue_line(parser *P, const tk_line *l)
{
    size_t a = indent_of(l), n = rtrim_len(l->s, l->len), words = 1;
    if (n <= a || n - a > 60)
        return 0;
    char last = l->s[n - 1];
    if (last == ',' || last == ';' || last == ':' || last == '?' || last == '!' || last == '-')
        return 0;
    for (size_t i = a; i < n; i++)
        words += l->s[i] == ' ';
    if (words > 8 || (last == '.' && words > 3))
        return 0; /* a sentence: "Goes on my master's grief." */
    /* "To NAME": a direction only when an ALL-CAPS name follows */
    if (n - a > 4 && memcmp(l->s + a, "To ", 3) == 0)
        return is_upper((unsigned char)l->s[a + 3]) && is_upper((unsigned char)l->s[a + 4]);
    return tk_speakers_stage_cue(P->g, l->s + a, n - a) > 0;
}

/* One-line speeches waiting for the next speech of two lines or more (their own line says
 * nothing of verse or prose): the block index of each. */
typedef struct one_liners {
    size_t idx[256];
    size_t n;
} one_liners;

/* The speech lines [s, e) of a play with indented speeches: verse (one l per line) or prose
 * (one p), told by the capitals that open verse lines; a one-line speech is what the next
 * speech of two lines or more in its scene is (measured on the Moby plays against Folger's:
 * sp/p F1 0.776 with the speech before, 0.796 the nearer, 0.807 the next), or, at the end of
 * a scene, the speech before it. */
static void moby_speech(parser *P, size_t s, size_t e, int *prose, const play_state *ps,
                        one_liners *w)
{
    if (s >= e)
        return;
    if (e - s >= 2) {
        *prose = !speech_is_verse(P, s, e, ps);
        for (size_t k = 0; k < w->n; k++)
            P->db->b[w->idx[k]].kind = *prose ? TK_B_P : TK_B_L;
        w->n = 0;
    } else if (w->n < sizeof w->idx / sizeof *w->idx) {
        w->idx[w->n++] = P->db->n; /* the block added below */
    }
    if (*prose)
        add_block(P, TK_B_P, s, e - s, indent_of(&P->lines->v[s]));
    else
        for (size_t i = s; i < e; i++)
            add_block(P, TK_B_L, i, 1, indent_of(&P->lines->v[i]));
}

/* A play whose speeches are indented under the speaker's name (the Moby layout). */
static void play_document(parser *P, size_t a, size_t b)
{
    const tk_lines *L = P->lines;
    int speaker_open = 0, title_done = 0, prose = 0;
    size_t run = b; /* first line of the speech being read */
    play_state ps = {0};
    one_liners waiting;
    memset(&waiting, 0, sizeof waiting);
    ps.names = tk_names_new();
    if (ps.names == NULL) {
        P->oom = 1;
        return;
    }
    tk_names *caps = tk_names_new(); /* the words of the labels printed in capitals */
    if (caps == NULL) {
        tk_names_free(ps.names);
        P->oom = 1;
        return;
    }
    for (size_t i = a; i < b; i++) {
        const tk_line *l = &L->v[i];
        size_t n = rtrim_len(l->s, l->len);
        if (!(i + 1 < b && indent_of(l) == 0 && play_speaker_line(l) && indent_of(&L->v[i + 1]) > 0))
            continue;
        tk_names_add(ps.names, l->s, n);
        for (size_t k = 0; k < n;) {
            size_t w = k;
            while (k < n && (is_upper((unsigned char)l->s[k]) || l->s[k] == '-'))
                k++;
            if (k - w >= 2 && (k == n || l->s[k] == ' '))
                tk_names_add(caps, l->s + w, k - w);
            while (k < n && l->s[k] != ' ')
                k++;
            while (k < n && l->s[k] == ' ')
                k++;
        }
    }
#define END_SPEECH()                                                                              \
    do {                                                                                          \
        if (run < i)                                                                              \
            moby_speech(P, run, i, &prose, &ps, &waiting);                                        \
        run = b;                                                                                  \
    } while (0)
    for (size_t i = a; i < b; i++) {
        const tk_line *l = &L->v[i];
        size_t x, y;
        if (is_blank(l)) {
            END_SPEECH();
            continue;
        }
        if (is_debris(l)) {
            END_SPEECH();
            note(P, i, "debris", "web-page debris dropped from the body");
            continue;
        }
        int split_heading = !star_heading(l, &x, &y) && star_heading_split(L, i, b, &x, &y);
        int ph = split_heading ? (starts_with(l->s + x, y - x, "ACT") ? 1 : 2)
                               : indent_of(l) == 0 ? tk_play_heading(l->s, l->len, &x, &y) : 0;
        /* "Prologue" with a speech under it is a speaker, not a division */
        if (ph == 3 && i + 1 < b && indent_of(&L->v[i + 1]) > 0 && !stage_line(&L->v[i + 1]))
            ph = 0;
        if (ph || (!split_heading && star_heading(l, &x, &y))) {
            END_SPEECH();
            waiting.n = 0; /* (one-line speeches stay what the speech before them was) */
            if (split_heading)
                note(P, i, "heading", "act/scene heading closed by the stars of the next line");
            tk_block *bl = add_block(P, ph == 2 ? TK_B_SCENE : ph ? TK_B_ACT : TK_B_HEAD, i, 1, x);
            if (bl != NULL) {
                bl->label_len = y; /* text end */
                if (ph == 3)
                    bl->divtype = part_type(l->s + x, y - x);
            }
            speaker_open = 0;
            title_done = 1;
            if (split_heading)
                i++; /* the closing stars */
            continue;
        }
        size_t ln = rtrim_len(l->s, l->len);
        if (indent_of(l) == 0 && title_done && speaker_open && run != b && !tk_name_words(l->s, ln) &&
            tk_names_get(ps.names, l->s, ln) < 2) {
            /* a line of the speech that lost its indent ("This way will I"): no speaker */
            note(P, i, "speaker", "a line at the margin that is no name: a line of the speech");
            continue;
        }
        if (indent_of(l) == 0) {
            END_SPEECH();
            if (!title_done) {
                add_block(P, TK_B_TITLE, i, 1, 0);
                title_done = 1;
                continue;
            }
            if (play_speaker_line(l)) {
                tk_block *bl = add_block(P, TK_B_SPEAKER, i, 1, 0);
                if (bl != NULL) {
                    bl->label_len = rtrim_len(l->s, l->len);
                    if (joint_speakers(ps.names, l)) {
                        bl->flags |= TK_BF_JOINT;
                        note(P, i, "speaker", "several speakers speak together");
                    }
                }
                speaker_open = 1;
                continue;
            }
            add_block(P, TK_B_P, i, 1, 0);
            continue;
        }
        int bare = 0; /* a cue or bare direction in a speech: a lower-case line after it is speech */
        if (stage_line(l) || !speaker_open || (bare = cue_line(P, l)) ||
            (bare = bare_line(P, l, caps, i + 1 < b ? &L->v[i + 1] : NULL))) {
            END_SPEECH();
            size_t e = i + 1;
            while (e < b && stage_continues(&L->v[e - 1], &L->v[e], bare))
                e++;
            add_block(P, TK_B_STAGE, i, e - i, indent_of(l));
            i = e - 1;
            continue;
        }
        if (run == b)
            run = i;
    }
    size_t i = b;
    END_SPEECH();
#undef END_SPEECH
    tk_names_free(ps.names);
    tk_names_free(caps);
}

/* ------------------------------------------------------------------ driver */

/* A compilation without separator lines: the lines (after a blank line) that are numbered
 * document headings (`7. Memorandum From A to B`) with their date on one of the next three
 * lines, when there are at least two and their numbers rise. Returns a malloc'd flag per
 * line, or NULL when the file is not such a compilation. */
static unsigned char *numbered_documents(parser *P, size_t start)
{
    const tk_lines *L = P->lines;
    for (size_t i = start; i < L->n; i++)
        if (is_separator(&L->v[i]))
            return NULL;
    unsigned char *cut = tk_xcalloc(L->n + 1, 1);
    if (cut == NULL)
        return NULL;
    size_t found = 0;
    long last = -1;
    for (size_t i = start; i < L->n; i++) {
        const tk_line *l = &L->v[i];
        long num;
        if ((i > start && !is_blank(&L->v[i - 1])) || l->len == 0 ||
            !is_digit((unsigned char)l->s[0]) ||
            !tk_rec_numbered_heading(l->s, rtrim_len(l->s, l->len), &num) || num <= last)
            continue;
        int dated = 0;
        for (size_t k = i + 1, seen = 0; k < L->n && seen < 3 && !dated; k++) {
            if (is_blank(&L->v[k]))
                continue;
            seen++;
            dated = L->v[k].len <= 120 && is_dateline_text(L->v[k].s, L->v[k].len);
        }
        if (!dated)
            continue;
        cut[i] = 1;
        last = num;
        found++;
        note(P, i, "document", "numbered document heading: a new document");
    }
    if (found < 2) {
        free(cut);
        return NULL;
    }
    return cut;
}

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

/* Counts, up to `most`, the parts from line `from` on that hold a line of text (not blank, not
 * web-page debris); parts end at separator lines and, when cut is given, before the lines it
 * marks (numbered document headings). */
static size_t parts_with_text(const parser *P, size_t from, size_t most, const unsigned char *cut)
{
    const tk_lines *L = P->lines;
    size_t n = 0;
    int text = 0;
    for (size_t i = from; i <= L->n && n < most; i++) {
        if (i < L->n && cut != NULL && cut[i] && i > from) {
            n += (size_t)text;
            text = 1; /* the heading line itself is text */
        } else if (i == L->n || is_separator(&L->v[i])) {
            n += (size_t)text;
            text = 0;
        } else if (!is_blank(&L->v[i]) && !is_debris(&L->v[i])) {
            text = 1;
        }
    }
    return n;
}

tk_blocks *tk_blocks_parse(const tk_lines *lines, tk_shape shape, const tk_rules *rules,
                           const char *file, int explain, int corpus_title, tk_diag *d)
{
    return tk_blocks_parse_ready(lines, shape, rules, file, explain, corpus_title, d, NULL,
                                 NULL);
}

tk_blocks *tk_blocks_parse_ready(const tk_lines *lines, tk_shape shape, const tk_rules *rules,
                                 const char *file, int explain, int corpus_title, tk_diag *d,
                                 void (*ready)(void *user, tk_blocks *B, size_t n), void *user)
{
    parser P = {lines, file, d, explain, NULL, NULL, 0, NULL, TK_LF_COLON, 1, NULL, {{0}}, 0, 0, 0, 0,
                ready, user};
    tk_blocks *B = tk_xcalloc(1, sizeof *B);
    tk_speakers *g = tk_speakers_new(rules);
    tk_docblocks front = {0};
    if (B == NULL || g == NULL) {
        free(B);
        tk_speakers_free(g);
        return NULL;
    }
    P.out = B;
    P.g = g;

    /* front matter belongs to the first document (and, for a corpus, to all) */
    P.db = &front;
    size_t start = front_matter(&P);

    tk_shape_info si;
    tk_shape_detect(lines, start, g, &si);
    const char *fm_shape = tk_meta_get(&front, "shape");
    if (shape == TK_SHAPE_AUTO && fm_shape != NULL) {
        for (int s = 1; s < 4; s++)
            if (strcasecmp(fm_shape, shape_names[s]) == 0)
                shape = (tk_shape)s;
    }
    B->shape = shape != TK_SHAPE_AUTO ? shape : si.shape;
    if (explain)
        TK_MSG(d, SHAPE, file, 0, 0, shape_names[B->shape], shape != TK_SHAPE_AUTO ? "chosen" : "detected", tk_shape_name(si.shape), si.score, tk_shape_name(si.runner_up), si.runner_score, si.evidence[0] ? si.evidence : "none", si.counts);
    /* a thin margin: say what else it could be and how to force it */
    int thin = si.score - si.runner_score < (si.score / 4 > 15 ? si.score / 4 : 15);
    if (shape == TK_SHAPE_AUTO && si.paragraphs >= 2 && si.runner_score > 0 && thin)
        TK_MSG(d, SHAPE_CLOSE, file, 0, 0, tk_shape_phrase(si.shape), tk_shape_phrase(si.runner_up), si.score, si.runner_score, tk_shape_name(si.runner_up));
    P.forms = si.forms;
    P.mixed_ok = si.mixed_ok;
    if (!P.mixed_ok && (P.mixed = tk_names_new()) != NULL) {
        for (size_t i = start; i < lines->n; i++) { /* paragraph starts */
            tk_label lab;
            const tk_line *l = &lines->v[i];
            if ((i == start || is_blank(&lines->v[i - 1])) &&
                tk_speaker_label(g, l->s, l->len, TK_LF_COLON, &lab) && !lab.caps &&
                !tk_field_line(l, &lab))
                tk_names_add(P.mixed, l->s + lab.name_off, lab.name_len);
        }
    }
    if (B->shape != si.shape) { /* forced: accept the label forms of the forced shape */
        P.forms = TK_LF_COLON | TK_LF_ALONE | TK_LF_SPACED | TK_LF_TAB;
        if (B->shape == TK_SHAPE_PLAY)
            P.forms |= TK_LF_PERIOD | TK_LF_ALONE | TK_LF_BARE;
        P.mixed_ok = 1;
    }

    /* documents: split at separator lines, or else (a record) before numbered document
       headings */
    unsigned char *cut = B->shape == TK_SHAPE_RECORD ? numbered_documents(&P, start) : NULL;
    if (ready != NULL) { /* room for every document at once: B->doc never moves */
        size_t most = 1;
        for (size_t i = start; i < lines->n; i++)
            most += is_separator(&lines->v[i]) || (cut != NULL && cut[i]);
        B->doc = tk_xcalloc(most, sizeof *B->doc);
        B->cap_docs = most;
    }
    size_t doc_start = start;
    int leading = 1; /* no part with text seen yet */
    for (size_t i = start; i <= lines->n && !P.oom; i++) {
        int at_cut = i < lines->n && cut != NULL && cut[i] && i > doc_start;
        if (i < lines->n && !at_cut && !is_separator(&lines->v[i]))
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
            int title = corpus_title && v != NULL && np == 1 && v[0].n == 1 && parts_with_text(&P, at_cut ? i : i + 1, 2, cut) >= 2;
            if (title) {
                const tk_line *l = &lines->v[v[0].first];
                B->corpus_title = tk_xstrndup(l->s, rtrim_len(l->s, l->len));
                B->corpus_title_line = l->no;
                if (B->corpus_title == NULL)
                    P.oom = 1;
            }
            free(v);
            if (!empty)
                leading = 0;
            if (empty || title) {
                doc_start = at_cut ? i : i + 1;
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
            size_t from = P.db->n;
            P.numbered = B->shape == TK_SHAPE_PLAY ? numbered_lines(lines, doc_start, end) : 0;
            if (P.numbered)
                note(&P, doc_start, "verse", "the verse lines print their numbers: l/@n");
            if (B->shape == TK_SHAPE_PLAY && si.play_indented)
                play_document(&P, doc_start, end);
            else
                prose_document(&P, doc_start, end, B->shape, B->n_docs == 1);
            mark_line_numbers(&P, from);
            if (ready != NULL && !P.oom)
                ready(user, B, B->n_docs);
        }
        doc_start = at_cut ? i : i + 1;
    }
    free(cut);
    for (size_t m = 0; m < front.n_meta; m++) {
        free(front.meta[m].key);
        free(front.meta[m].value);
    }
    free(front.meta);
    tk_speakers_free(g);
    tk_names_free(P.mixed);
    if (P.oom) {
        TK_MSG(d, OOM, file, 0, 0);
        if (ready == NULL) { /* (else B may be in use: the caller sees the message) */
            tk_blocks_free(B);
            return NULL;
        }
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

void tk_text_para_init(tk_text_para *t, const char *text, size_t len)
{
    memset(t, 0, sizeof *t);
    t->line = (tk_line){text, len, 1, 0};
    t->lines = (tk_lines){NULL, &t->line, 1};
    t->block.kind = TK_B_P;
    t->block.n_lines = 1;
    t->doc.b = &t->block;
    t->doc.n = 1;
    t->doc.end_line = 1;
}
