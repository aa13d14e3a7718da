/* blocks.c: lines -> documents of blocks: the parser's state and building, dates, labels, the
 * input shape detected from the text, and the driver (prose.c, plays.c and frontmatter.c
 * hold the rest). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"
#include "blocks_internal.h"

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

/* 1 when s[0, len) is a note of receipt after a date, in parentheses or brackets: `.
 * (Received May 11, 1894.)`, ` [Rec'd June 3.]` (at most 60 bytes). */
static int receipt_note(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == '.' || s[i] == ',' || s[i] == ' '))
        i++;
    if (len - i < 5 || len - i > 60 || (s[i] != '(' && s[i] != '['))
        return 0;
    char close = s[i] == '(' ? ')' : ']';
    return s[len - 1] == close && memcmp(s + i + 1, "Rec", 3) == 0;
}

static int dateline_text(const char *s, size_t len)
{
    char iso[16];
    len = rtrim_len(s, len);
    if (len == 0 || len > TK_TH_DATELINE_MAX_BYTES)
        return 0;
    if (undated_line(s, len))
        return 1;
    /* a place and a note of receipt, the date only in the note (`Managua. (Received April
       1, 1894.)`): the place at most 40 bytes of capitalised words */
    for (size_t r = 1; r + 4 < len && r <= 40; r++) {
        if ((s[r] != '(' && s[r] != '[') || memcmp(s + r + 1, "Rec", 3) != 0)
            continue;
        int place = is_upper((unsigned char)s[0]);
        for (size_t j = 1; j < r && place; j++)
            if (is_digit((unsigned char)s[j]) ||
                (s[j - 1] == ' ' && is_lower((unsigned char)s[j]) && !(s[j] == 'o' && s[j + 1] == 'f') &&
                 !(s[j] == 't' && s[j + 1] == 'h' && s[j + 2] == 'e')))
                place = 0;
        if (place && receipt_note(s + r, len - r) && tk_digit_run4(s + r, len - r))
            return 1;
        break;
    }
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
        return len - (i + k) <= 24 || receipt_note(s + i + k, len - i - k);
    }
    return 0;
}

int tk_bp_is_dateline_text(const char *s, size_t len)
{
    return tk_rec_memo(TK_MEMO_DATELINE, s, len, dateline_text);
}

/* ------------------------------------------------------------------ labels */

/* Spacelog metadata line "_page : 8" / "_tape : Tape 1/1": key length in *klen, value at
 * the returned offset (== len when empty); 0 when not such a line. */
size_t tk_bp_meta_line(const tk_line *l, size_t *klen)
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
int tk_bp_list_marker(const tk_line *l, tk_lmark *m)
{
    return tk_list_marker(l->s, l->len, m);
}

/* "[12] text" at the start of a line (a note of a notes section). */
int tk_bp_note_line(const tk_line *l)
{
    size_t i = 1;
    if (l->len < 4 || l->s[0] != '[')
        return 0;
    while (i < l->len && (is_digit((unsigned char)l->s[i]) || is_lower((unsigned char)l->s[i])))
        i++;
    return i > 1 && i + 1 < l->len && l->s[i] == ']' && l->s[i + 1] == ' ';
}

/* ------------------------------------------------------------------ building */

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
size_t tk_bp_verse_len(const parser *P, const tk_line *l, size_t *start)
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
size_t tk_bp_speaker_label(parser *P, const tk_line *l, tk_label *lab)
{
    /* in a layout of paragraphs that open indented, the label stands after the indent */
    size_t ind = P->para_indent > 0 ? tk_line_indent(l) : 0;
    if (ind < P->para_indent || ind > P->para_indent + TK_TH_PARA_INDENT_MAX)
        ind = 0; /* (or deeper: a deposition's colloquy, "          MR. BROWN:  Objection.") */
    if (P->centred && ind == 0)
        ind = tk_line_indent(l); /* a screenplay's centred name, alone on its line */
    if (P->g == NULL || !tk_speaker_label(P->g, l->s + ind, l->len - ind, P->forms, lab) ||
        (P->centred && ind > 0 && !(lab->form & TK_LF_ALONE)))
        return 0;
    lab->lab_off += ind;
    lab->name_off += ind;
    lab->text_off += ind;
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
void tk_bp_set_label(tk_block *b, const tk_label *lab)
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

tk_block *tk_bp_add_block(parser *P, tk_block_kind kind, size_t line, size_t n_lines,
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
void tk_bp_meta_from_lines(parser *P, const char *key, size_t a, size_t b, size_t off0,
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

void tk_bp_note(parser *P, size_t line, const char *rule, const char *what)
{
    if (P->explain)
        tk_msg_named(P->d, TK_NOTE, rule, P->file, P->lines->v[line].no, 1, what);
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

int tk_bp_star_heading(const tk_line *l, size_t *a, size_t *b)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n < 10 || !starts_with(l->s, n, "**** ") || memcmp(l->s + n - 5, " ****", 5) != 0)
        return 0;
    *a = 5;
    *b = n - 5;
    return 1;
}

/* A play speaker: a short unindented line without sentence punctuation at its end. */
int tk_bp_play_speaker_line(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n == 0 || n > TK_TH_PLAY_SPEAKER_MAX_BYTES || l->s[0] == ' ' || l->s[0] == '\t' || !is_upper((unsigned char)l->s[0]))
        return 0;
    char c = l->s[n - 1];
    return c != ',' && c != ';' && c != ':' && c != '?' && c != '!';
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
            dated = L->v[k].len <= 120 && tk_bp_is_dateline_text(L->v[k].s, L->v[k].len);
        }
        if (!dated)
            continue;
        cut[i] = 1;
        last = num;
        found++;
        tk_bp_note(P, i, "document", "numbered document heading: a new document");
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
        } else if (!is_blank(&L->v[i]) && !tk_bp_is_debris(&L->v[i])) {
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

/* The text's shape (B->shape): the one forced (the `shape` asked for, else the front
 * matter's "shape:"), else the one detected (si); says what was detected with --explain, and
 * how close the runner-up came when the margin is thin. */
static void choose_shape(parser *P, tk_blocks *B, tk_shape shape, size_t start,
                         const tk_docblocks *front, tk_shape_info *si)
{
    const tk_lines *lines = P->lines;
    const tk_speakers *g = P->g;
    const char *file = P->file;
    tk_diag *d = P->d;
    tk_shape_detect(lines, start, g, si);
    const char *fm_shape = tk_meta_get(front, "shape");
    if (shape == TK_SHAPE_AUTO && fm_shape != NULL) {
        for (int s = 1; s < 4; s++)
            if (strcasecmp(fm_shape, shape_names[s]) == 0)
                shape = (tk_shape)s;
    }
    B->shape = shape != TK_SHAPE_AUTO ? shape : si->shape;
    if (P->explain)
        TK_MSG(d, SHAPE, file, 0, 0, shape_names[B->shape], shape != TK_SHAPE_AUTO ? "chosen" : "detected", tk_shape_name(si->shape), si->score, tk_shape_name(si->runner_up), si->runner_score, si->evidence[0] ? si->evidence : "none", si->counts);
    /* a thin margin: say what else it could be and how to force it */
    int thin = si->score - si->runner_score < (si->score / 4 > 15 ? si->score / 4 : 15);
    if (shape == TK_SHAPE_AUTO && si->paragraphs >= 2 && si->runner_score > 0 && thin)
        TK_MSG(d, SHAPE_CLOSE, file, 0, 0, tk_shape_phrase(si->shape), tk_shape_phrase(si->runner_up), si->score, si->runner_score, tk_shape_name(si->runner_up));
    if (si->line_numbers > 0)
        TK_MSG(d, SHAPE_LINE_NUMBERS, file, 0, 0, (int)si->line_numbers);
}

/* The label forms the text's turns use and whether mixed-case names are labels (the names
 * that open paragraphs with ':' counted when they are not); a forced shape accepts the label
 * forms of that shape. */
static void label_forms(parser *P, const tk_blocks *B, const tk_shape_info *si, size_t start)
{
    const tk_lines *lines = P->lines;
    const tk_speakers *g = P->g;
    P->forms = si->forms;
    P->mixed_ok = si->mixed_ok;
    P->para_indent = B->shape == TK_SHAPE_TRANSCRIPT ? si->para_indent : 0;
    P->centred = B->shape == TK_SHAPE_PLAY && si->centred;
    if (!P->mixed_ok && (P->mixed = tk_names_new()) != NULL) {
        for (size_t i = start; i < lines->n; i++) { /* paragraph starts */
            tk_label lab;
            const tk_line *l = &lines->v[i];
            if ((i == start || is_blank(&lines->v[i - 1])) &&
                tk_speaker_label(g, l->s, l->len, TK_LF_COLON, &lab) && !lab.caps &&
                !tk_field_line(l, &lab))
                tk_names_add(P->mixed, l->s + lab.name_off, lab.name_len);
        }
    }
    if (B->shape != si->shape) { /* forced: accept the label forms of the forced shape */
        P->forms = TK_LF_COLON | TK_LF_ALONE | TK_LF_SPACED | TK_LF_TAB;
        if (B->shape == TK_SHAPE_PLAY)
            P->forms |= TK_LF_PERIOD | TK_LF_ALONE | TK_LF_BARE;
        P->mixed_ok = 1;
    }
}

/* A part before the first part with text, lines [doc_start, end) (the next part starts at
 * `next`): 1 when it is to be skipped (empty, or the corpus title, which it sets), and
 * *leading = 0 once it has text. */
static int leading_part(parser *P, size_t doc_start, size_t end, size_t next, int corpus_title,
                        const unsigned char *cut, int *leading)
{
    const tk_lines *lines = P->lines;
    tk_blocks *B = P->out;
    size_t np = 0;
    para *v = tk_bp_collect_paragraphs(P, doc_start, end, &np);
    int empty = v != NULL && np == 0;
    int title = corpus_title && v != NULL && np == 1 && v[0].n == 1 && parts_with_text(P, next, 2, cut) >= 2;
    if (title) {
        const tk_line *l = &lines->v[v[0].first];
        B->corpus_title = tk_xstrndup(l->s, rtrim_len(l->s, l->len));
        B->corpus_title_line = l->no;
        if (B->corpus_title == NULL)
            P->oom = 1;
    }
    free(v);
    if (!empty)
        *leading = 0;
    return empty || title;
}

/* One document of lines [doc_start, end): its blocks (a play's or prose), the front matter's
 * metadata first, numbered verse lines marked; handed to the `ready` callback when there is
 * one. Returns -1 when there is no room for it. */
static int one_document(parser *P, const tk_docblocks *front, const tk_shape_info *si,
                        size_t doc_start, size_t end)
{
    const tk_lines *lines = P->lines;
    tk_blocks *B = P->out;
    P->db = new_doc(P, doc_start, end);
    if (P->db == NULL)
        return -1;
    for (size_t m = 0; m < front->n_meta; m++)
        tk_meta_set(P->db, front->meta[m].key, front->meta[m].value,
                    strlen(front->meta[m].value), front->meta[m].line, 0);
    size_t from = P->db->n;
    P->numbered = B->shape == TK_SHAPE_PLAY ? numbered_lines(lines, doc_start, end) : 0;
    if (P->numbered)
        tk_bp_note(P, doc_start, "verse", "the verse lines print their numbers: l/@n");
    if (B->shape == TK_SHAPE_PLAY && si->play_indented)
        tk_bp_play_document(P, doc_start, end);
    else
        tk_bp_prose_document(P, doc_start, end, B->shape, B->n_docs == 1);
    mark_line_numbers(P, from);
    if (P->ready != NULL && !P->oom)
        P->ready(P->ready_user, B, B->n_docs);
    return 0;
}

/* Frees the front matter's metadata. */
static void free_front(tk_docblocks *front)
{
    for (size_t m = 0; m < front->n_meta; m++) {
        free(front->meta[m].key);
        free(front->meta[m].value);
    }
    free(front->meta);
}

tk_blocks *tk_blocks_parse_ready(const tk_lines *lines, tk_shape shape, const tk_rules *rules,
                                 const char *file, int explain, int corpus_title, tk_diag *d,
                                 void (*ready)(void *user, tk_blocks *B, size_t n), void *user)
{
    parser P = {lines, file, d, explain, NULL, NULL, 0, NULL, TK_LF_COLON, 1, NULL, {{0}}, 0, 0, 0, 0,
                ready, user, 0, 0, {0}, 0, 0, {0}};
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
    tk_rec_memo_begin(lines); /* the parse asks each line the same questions again */

    /* front matter belongs to the first document (and, for a corpus, to all) */
    P.db = &front;
    size_t start = tk_bp_front_matter(&P);

    tk_shape_info si;
    choose_shape(&P, B, shape, start, &front, &si);
    label_forms(&P, B, &si, start);

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
        if (i < lines->n && leading &&
            leading_part(&P, doc_start, end, at_cut ? i : i + 1, corpus_title, cut, &leading)) {
            doc_start = at_cut ? i : i + 1;
            continue;
        }
        if ((i == lines->n || i > doc_start || B->n_docs == 0) &&
            one_document(&P, &front, &si, doc_start, end) < 0)
            break;
        doc_start = at_cut ? i : i + 1;
    }
    free(cut);
    free_front(&front);
    tk_speakers_free(g);
    tk_names_free(P.mixed);
    tk_rec_memo_end();
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
