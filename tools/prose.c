/* prose.c: the paragraphs of records and transcripts turned into blocks (lists, headings,
 * titles, turns, rosters, schedules, letters' closers, postscripts and enclosures, notes). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"
#include "blocks_internal.h"

/* ------------------------------------------------------------------ paragraphs */

/* Web-page debris: lines that are not text of the document wherever they stand. */
static const char *const debris_lines[] = {
    "Skip to content", "Skip to main content", "Skip to navigation", "Back to top",
    "[email protected]", "[email\xc2\xa0protected]",
};

int tk_bp_is_debris(const tk_line *l)
{
    return line_is_one_of(l, debris_lines, sizeof debris_lines / sizeof *debris_lines) != 0;
}

/* Lower-case words of four letters or more that titles leave in lower case. */
static int function_word(const char *w, size_t n)
{
    static const char *const words[] = {"from", "with", "into", "upon", "onto", "over",
                                        "than", "that", "this", "about", "after", "before",
                                        "under", "between", "against", "during", "without",
                                        "through", "towards", "their", "within", "among"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (n > 0 && w[0] == words[i][0] && strlen(words[i]) == n && memcmp(w, words[i], n) == 0)
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
int tk_bp_heading_like(const tk_line *l)
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
    size_t e = rtrim_len(last->s, last->len), a = indent_of(first);
    return first->len >= a + 2 && first->s[a] == '(' && e >= 1 && last->s[e - 1] == ')';
}

static int notes_heading(const tk_line *l)
{
    static const char *const headings[] = {"Footnotes:", "Footnotes", "Notes",
                                           "Notes:",     "Endnotes",  "Endnotes:"};
    return line_is_one_of(l, headings, sizeof headings / sizeof *headings) != 0;
}

/* The lines of paragraph p as one block of `kind` (text from `off` of its first line). */
tk_block *tk_bp_para_block(parser *P, tk_block_kind kind, const para *p, size_t off)
{
    return tk_bp_add_block(P, kind, p->first, p->n, off);
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
        if (tk_bp_list_marker(&L->v[i], &m))
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
    /* `(i)` that does not follow `(h)` is the numeral one (`(a) ... including:`, `(i)`) */
    int kind = m->kind == TK_LM_LETTER && m->rom == 1 ? TK_LM_ROMAN : m->kind;
    int same = o->kind == kind && o->close == m->close && o->upper == m->upper &&
               o->quoted == m->quoted;
    return P->depth + 1 < TK_LIST_DEPTH && tk_list_marker_first(m) && !same;
}

/* 1 when marker m numbers the item after one of the open items of the list. */
static int item_follows(const parser *P, const tk_lmark *m)
{
    for (unsigned j = 0; j <= P->depth; j++)
        if (tk_list_marker_follows(&P->marks[j], m))
            return 1;
    return 0;
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

/* 1 when line l is a heading printed in small capitals that the plain text lowered (`title
 * ii`, `composition and personnel`): a few words in lower case, no sentence punctuation.
 * Between two items it ends the list (a new one resumes the numbers after it). */
static int lower_heading(const tk_line *l)
{
    size_t e = rtrim_len(l->s, l->len), words = 1;
    if (e == 0 || e > TK_TH_HEADING_MAX_BYTES / 2 || !is_lower((unsigned char)l->s[0]))
        return 0;
    for (size_t i = 0; i < e; i++) {
        unsigned char c = (unsigned char)l->s[i];
        if (c == ' ')
            words++;
        else if (!is_lower(c) && c != '-')
            return 0;
    }
    return words <= 5;
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
    /* an item whose marker stands alone on its line (`2.`, then its paragraphs, `3.`) is a
       section of the text: it runs longer (TK_TH_LONE_ITEM_MORE_MAX) */
    size_t max = P->item_lone ? TK_TH_LONE_ITEM_MORE_MAX : ITEM_MORE_MAX;
    for (size_t j = k, seen = 0, last_text = (size_t)-1; j < end && seen < max; j++) {
        const tk_line *l = &L->v[v[j].first];
        tk_lmark m;
        if ((v[j].n == 1 && page_marker_line(l)) || tab_row_para(L, &v[j]))
            continue; /* a page break, a row of a table in the item: counted as none */
        if (tk_bp_list_marker(l, &m)) {
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
        if (v[j].n == 1 && (tk_bp_heading_like(l) || lower_heading(l)))
            return 0;
        seen++;
        last_text = j;
    }
    return 0;
}

/* 1 when the numbered item m of paragraph v[k] has a next item (the marker that follows it)
 * within ITEM_MORE_MAX unmarked paragraphs after it, before a heading: a list of one
 * numbered item is a numbered paragraph (`1. The Cabinet were informed ...` under its own
 * heading, `2.` under the next). Page breaks, rows of a table and the items of a list in
 * the item (`(a)`, `(b)`) are counted as none. */
static int has_next_item(const parser *P, const para *v, size_t k, size_t end, const tk_lmark *m)
{
    const tk_lines *L = P->lines;
    for (size_t j = k + 1, seen = 0; j < end && seen < ITEM_MORE_MAX; j++) {
        for (size_t i = v[j].first; i < v[j].first + v[j].n; i++) {
            tk_lmark m2;
            if (tk_bp_list_marker(&L->v[i], &m2) && tk_list_marker_follows(m, &m2))
                return 1;
        }
        const tk_line *l = &L->v[v[j].first];
        tk_lmark m2;
        if ((v[j].n == 1 && page_marker_line(l)) || tab_row_para(L, &v[j]) || tk_bp_list_marker(l, &m2))
            continue;
        if (v[j].n == 1 && (tk_bp_heading_like(l) || lower_heading(l)))
            return 0;
        seen++;
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
        tk_bp_add_block(P, TK_B_P, i, 1, 0);
        return;
    }
    unsigned level;
    if (*list_open && unmarked_para(L, p) && item_goes_on(P, v, k, end, &level)) {
        tk_block *b = tk_bp_add_block(P, TK_B_ITEM, i, p->n, 0);
        if (b != NULL) {
            b->flags |= TK_BF_ITEM_MORE;
            b->level = level;
        }
        tk_bp_note(P, i, "list", "a further paragraph of the list item before it");
        P->item_empty = 0;
        P->depth = level;
        return;
    }
    for (; i < stop; i++) {
        tk_lmark m, m2;
        if (!tk_bp_list_marker(&L->v[i], &m))
            continue;
        const tk_line *nl = i + 1 < stop ? &L->v[i + 1]
                            : i + 1 == stop && next != NULL ? &L->v[next->first] : NULL;
        int lone = m.text == L->v[i].len;
        /* a list starts with item 1 / a / i / a bullet, or continues an open list; a single
           numbered paragraph such as a telegram number stays a paragraph, unless the next
           paragraph line carries the next marker; a marker alone needs text after it, or
           the first item of a list in it (`2.` alone, then `(a) ...`) */
        if (lone && (nl == NULL || (tk_bp_list_marker(nl, &m2) &&
                                    (!tk_list_marker_first(&m2) ||
                                     tk_list_marker_follows(&m, &m2)))))
            continue;
        /* numbered paragraphs whose first number is printed inside a paragraph (`268. 1.
           Text`, `Sir: (1) Text`): paragraphs, not a list without its first item */
        if (P->glued.kind != 0 && !tk_list_marker_first(&m) && m.kind == P->glued.kind &&
            m.close == P->glued.close && m.upper == P->glued.upper &&
            !(*list_open && item_follows(P, &m))) {
            /* (a number of the same kind, also one misprinted: `(6)`, then `(5)` again; also
               after a list of another kind in the paragraph before: `35. 1. ...`, `(a)` ...
               `(e)`, then `2.`) */
            tk_bp_note(P, i, "list", "a numbered paragraph after one whose number is inside a paragraph: a paragraph");
            P->glued = m;
            continue;
        }
        /* a section number (`I` alone, `III. Conclusion`) is no item of an open list
           unless it follows one of its numbers */
        if (*list_open && m.weak && !item_follows(P, &m))
            continue;
        /* ... or resumes the list closed shortly before by a section number or a heading
           (`Article 8.`, `II.`, `Article 9.`): a new list */
        int resumes = P->item_k > 0 && k + 1 - P->item_k <= ITEM_MORE_MAX && !m.weak &&
                      tk_list_marker_follows(&P->marks[0], &m);
        if (!*list_open && !tk_list_marker_first(&m) && !resumes &&
            !(nl != NULL && tk_bp_list_marker(nl, &m2) && tk_list_marker_follows(&m, &m2)))
            continue;
        /* a numbered item 1 without a next item is a numbered paragraph */
        if (!*list_open && m.kind != TK_LM_BULLET && !lone && !resumes &&
            !(nl != NULL && tk_bp_list_marker(nl, &m2)) && !has_next_item(P, v, k, end, &m)) {
            tk_bp_note(P, i, "list", "a numbered paragraph: no next number follows it");
            continue;
        }
        if (i > run) {
            tk_bp_add_block(P, TK_B_P, run, i - run, 0);
            *list_open = 0;
        }
        /* the item runs to the next marker line */
        size_t e = i + 1;
        while (e < stop && !tk_bp_list_marker(&L->v[e], &m2))
            e++;
        level = *list_open ? item_level(P, &m) : 0;
        /* the items after a quoted one (`“1. ...`, then `2. ...`) keep their numbers in
           their text as it does: a list's items have labels or none */
        if (*list_open && P->marks[level].quoted && !m.quoted &&
            tk_list_marker_follows(&P->marks[level], &m)) {
            m.quoted = 1;
            m.text = 0;
        }
        tk_block *b = tk_bp_add_block(P, TK_B_ITEM, i, e - i, m.text);
        if (b != NULL) {
            b->label_off = 0;
            b->label_len = m.mlen;
            b->level = level;
            if (m.kind == TK_LM_WORD || m.quoted)
                b->flags |= TK_BF_ITEM_WORD;
        }
        if (level > 0)
            tk_bp_note(P, i, "list", "an item of a list in the item before it (another kind of number)");
        P->marks[level] = m;
        P->depth = level;
        P->item_empty = lone && e == i + 1;
        P->item_lone = P->item_empty;
        *list_open = 1;
        P->item_k = k + 1;
        /* a quoted list ends with its quotation (`3. ... .”`) */
        const tk_line *ll = &L->v[e - 1];
        size_t le = rtrim_len(ll->s, ll->len);
        if (P->marks[0].quoted && le >= 3 && memcmp(ll->s + le - 3, "\xe2\x80\x9d", 3) == 0)
            *list_open = 0;
        run = e;
        i = e - 1;
    }
    if (run < stop) {
        tk_lmark g;
        if (run == p->first && tk_list_glued_first(L->v[run].s, L->v[run].len, &g))
            P->glued = g;
        tk_bp_add_block(P, TK_B_P, run, stop - run, 0);
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
        else if ((t = tk_bp_meta_line(l, &klen)) > 0)
            single = TK_B_MILESTONE, off = t;
        else if (l->len >= 2 && l->s[0] == '#' && l->s[1] == ' ')
            single = TK_B_COMMENT, off = 2;
        if (single != TK_B_KIND_COUNT) {
            if (turn == NULL && i > run)
                tk_bp_add_block(P, TK_B_P, run, i - run, 0);
            else if (turn != NULL)
                turn->n_lines = i - turn->line;
            turn = NULL;
            tk_block *b = tk_bp_add_block(P, single, i, 1, off);
            if (b != NULL && single == TK_B_MILESTONE) {
                b->label_off = 1;
                b->label_len = klen;
            }
            run = i + 1;
            continue;
        }
        tk_label lab;
        if ((t = tk_bp_speaker_label(P, l, &lab)) > 0) {
            if (turn == NULL && i > run)
                tk_bp_add_block(P, TK_B_P, run, i - run, 0);
            else if (turn != NULL)
                turn->n_lines = i - turn->line;
            turn = tk_bp_add_block(P, TK_B_TURN, i, 1, t);
            tk_bp_set_label(turn, &lab);
            run = i + 1;
        } else if ((P->forms & TK_LF_CHAT) && turn != NULL) {
            /* a chat log's line without a nick ("[12:03] -!- carol has joined", "--- Log
               closed"): an event between the turns, each line one */
            turn->n_lines = i - turn->line;
            turn = NULL;
            tk_block *e = tk_bp_add_block(P, TK_B_STAGE, i, 1, 0);
            if (e != NULL)
                e->flags |= TK_BF_BETWEEN;
            for (run = i + 1; run < end && !tk_bp_speaker_label(P, &L->v[run], &lab); run++) {
                e = tk_bp_add_block(P, TK_B_STAGE, run, 1, 0);
                if (e != NULL)
                    e->flags |= TK_BF_BETWEEN;
            }
            i = run - 1;
        }
    }
    if (turn != NULL)
        turn->n_lines = end - turn->line;
    else if (run < end) {
        if (is_parenthesised(&L->v[run], &L->v[end - 1]))
            tk_bp_add_block(P, TK_B_STAGE, run, end - run, 0);
        else
            tk_bp_add_block(P, TK_B_P, run, end - run, 0);
    }
}

/* Collects the paragraphs of lines [a, b): runs of non-blank lines, debris dropped. */
/* 1 when line l opens a paragraph of a transcript whose paragraphs open indented: at the
 * paragraph indent, or deeper with a label or wholly an event ("(Exhibit 4 marked.)"). */
static int indented_para_start(parser *P, const tk_line *l)
{
    size_t ind = indent_of(l);
    tk_label lab;
    if (ind == P->para_indent)
        return 1;
    if (ind < P->para_indent || ind > P->para_indent + TK_TH_PARA_INDENT_MAX)
        return 0;
    para one = {(size_t)(l - P->lines->v), 1, 0};
    return tk_bp_speaker_label(P, l, &lab) > 0 || tk_bp_event_para(P->lines, &one);
}

para *tk_bp_collect_paragraphs(parser *P, size_t a, size_t b, size_t *np)
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
        if (tk_bp_is_debris(&L->v[i])) {
            tk_bp_note(P, i, "debris", "web-page debris dropped from the body");
            i++;
            continue;
        }
        size_t s = i;
        /* (in a transcript whose paragraphs open indented, each such line opens one, and
           so does a deeper one that opens with a label or an event) */
        while (i < b && !is_blank(&L->v[i]) && !tk_bp_is_debris(&L->v[i]) &&
               !(i > s && P->para_indent > 0 && indented_para_start(P, &L->v[i])))
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

/* A dateline paragraph: at most 4 short lines, the first or the last a dateline. */
static int dateline_para(const tk_lines *L, const para *p)
{
    if (p->n > 4)
        return 0;
    for (size_t i = p->first; i < p->first + p->n; i++)
        if (L->v[i].len > 90)
            return 0;
    for (size_t i = p->first; i < p->first + p->n; i++)
        if (tk_bp_is_dateline_text(L->v[i].s, L->v[i].len))
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
    if (shape != TK_SHAPE_RECORD && tk_bp_speaker_label(P, l, &lab) > 0)
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
 * person's name: a signature among others), 0 left to the shape of the line (tk_bp_heading_like). */
static int heading_evidence(parser *P, const para *v, size_t k, size_t end)
{
    const tk_lines *L = P->lines;
    const para *p = &v[k];
    const tk_line *l = &L->v[p->first];
    if (k + 1 >= end)
        return 0;
    if (p->n == 1 && tk_rec_outline_heading(l->s, l->len)) {
        tk_bp_note(P, p->first, "heading", "heading: an outline label and its number ('ITEM 7.', 'Agenda item 1.A.:')");
        return 1;
    }
    if (p->n == 2 && number_line(l) && tk_bp_heading_like(&L->v[p->first + 1])) {
        tk_bp_note(P, p->first, "heading", "heading: a number alone on its line above a title");
        return 1;
    }
    if (p->n == 1 && tk_bp_heading_like(l) && tk_rec_person_line(l->s, l->len)) {
        tk_bp_note(P, p->first, "heading", "not a heading: a person's name (a signature among others)");
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

static long find_title_uncached(parser *P, const para *v, size_t n, tk_shape shape);

/* find_title, answered again from P->title_memo for the paragraphs of the document being
 * classified (emptied at its start): the closer of each part asks again. The answer depends
 * on at most the first TITLE_REACH paragraphs: n beyond that is the same question. */
enum { TITLE_REACH = 8 };

static long find_title(parser *P, const para *v, size_t n, tk_shape shape)
{
    size_t key = n < TITLE_REACH ? n : TITLE_REACH;
    if (P->title_memo.v == v && P->title_memo.n == key && P->title_memo.shape == shape)
        return P->title_memo.title;
    long t = find_title_uncached(P, v, n, shape);
    P->title_memo.v = v;
    P->title_memo.n = key;
    P->title_memo.shape = shape;
    P->title_memo.title = t;
    return t;
}

/* Index of the title paragraph among the first ones (before any long paragraph), or -1.
 * Short lines and datelines may stand before it. */
static long find_title_uncached(parser *P, const para *v, size_t n, tk_shape shape)
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
               (tk_bp_prose_document), never the title; `Telegram` alone over a title is an opener
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

/* 1 when s[0..n) is one word in capitals (`CONTENTS`, `AGENDA`): a heading, no name. */
static int caps_word_line(const char *s, size_t n)
{
    size_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_lower((unsigned char)s[i]) || s[i] == ' ' || (unsigned char)s[i] >= 0x80)
            return 0;
        caps += is_upper((unsigned char)s[i]);
    }
    return caps >= 2;
}

/* Classifies the paragraphs of one record or transcript document. */
/* A paragraph that can be a name of a roster: one line of at most max characters, no list
 * marker, no label (`...:`), no date line. */
static int roster_item(const tk_lines *L, const para *p, size_t max)
{
    const tk_line *l = &L->v[p->first];
    size_t e = rtrim_len(l->s, l->len);
    tk_lmark m;
    return p->n == 1 && e <= max && e > 0 && !tk_bp_list_marker(l, &m) &&
           l->s[e - 1] != ':' && !dateline_para(L, p) && !caps_word_line(l->s, e);
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

/* The length of a courtesy title and its space before a name (`Mrs. Helen R. Dalton`), 0
 * when none. */
static size_t courtesy_title(const char *s, size_t n)
{
    static const char *const titles[] = {"Mr. ", "Mrs. ", "Ms. ", "Miss ", "Dr. ", "Prof. ",
                                         "Sir ", "Dame ", "Hon. ", "Rev. ", "Mme. ", "Mlle. "};
    for (size_t k = 0; k < sizeof titles / sizeof *titles; k++) {
        if (n == 0 || s[0] != titles[k][0]) /* (the first letter first) */
            continue;
        size_t t = strlen(titles[k]);
        if (n > t && memcmp(s, titles[k], t) == 0)
            return t;
    }
    return 0;
}

/* 1 when paragraph p is a roster typed as one block: a first line that is a roster label or
 * a group's name (a capital, a colon at the end: `Members absent:`), then one name a line
 * (at most 120 bytes, no list marker, no label), half of them or more a name with maybe an
 * office (tk_rec_roster_entry): `Members present:` / `Mrs. Helen R. Dalton, Chairman` ... */
static int roster_block(const tk_lines *L, const para *p)
{
    const tk_line *h = &L->v[p->first];
    size_t e = rtrim_len(h->s, h->len), names = 0;
    if (p->n < 2 || e < 2 || e > TK_TH_HEADING_MAX_BYTES / 2 || !is_upper((unsigned char)h->s[0]) ||
        (h->s[e - 1] != ':' && !tk_rec_roster_label(h->s, e)))
        return 0;
    for (size_t i = p->first + 1; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        size_t n = rtrim_len(l->s, l->len);
        tk_lmark m;
        if (n == 0 || n > 120 || l->s[n - 1] == ':' || tk_bp_list_marker(l, &m))
            return 0;
        size_t t = courtesy_title(l->s, n);
        names += tk_rec_roster_entry(l->s + t, n - t) > 0;
    }
    return names * 2 >= p->n - 1;
}

/* Adds roster paragraph v[k]: a group's name (an item of the roster, *grouped set), or a
 * name (an item of the list in the group's item when *grouped, block level 1). */
static void roster_member(parser *P, const para *v, size_t k, size_t end, int *grouped)
{
    int group = roster_group(P->lines, v, k, end);
    tk_block *b = tk_bp_para_block(P, TK_B_ROSTER_ITEM, &v[k], 0);
    if (group) {
        *grouped = 1;
        tk_bp_note(P, v[k].first, "roster", "a group's name in a roster: its names a list in its item");
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

/* The columns of line l typed apart by runs of TK_TH_COLUMN_GAP_SPACES spaces or more (no
 * TAB), and in *digits whether a column is a figure (`12,450`, `-1,600`, `3.5%`); 0 when
 * the line has a TAB or a column is empty. */
static size_t space_columns(const tk_line *l, int *digits)
{
    size_t a = indent_of(l), e = rtrim_len(l->s, l->len), cols = 0;
    *digits = 0;
    if (a >= e || e - a > TK_TH_TABLE_ROW_MAX_BYTES || memchr(l->s + a, '\t', e - a) != NULL)
        return 0;
    /* most lines have no gap at all: one plain pass before the columns are read */
    size_t run = 0, gap = 0;
    for (size_t i = a; i < e && !gap; i++) {
        run = l->s[i] == ' ' ? run + 1 : 0;
        gap = run >= TK_TH_COLUMN_GAP_SPACES;
    }
    if (!gap)
        return 0;
    for (size_t i = a; i < e;) {
        size_t c = i, figure = 1;
        while (i < e) {
            size_t k = 0;
            while (i + k < e && l->s[i + k] == ' ')
                k++;
            if (k >= TK_TH_COLUMN_GAP_SPACES)
                break;
            i += k > 0 ? k : 1;
        }
        for (size_t j = c; j < i && figure; j++) {
            char ch = l->s[j];
            figure = is_digit((unsigned char)ch) || ch == ',' || ch == '.' || ch == '-' ||
                     ch == '%' || ch == '$' || ch == '(' || ch == ')';
        }
        *digits |= (int)figure && is_digit((unsigned char)l->s[i - 1]);
        cols++;
        while (i < e && l->s[i] == ' ')
            i++;
    }
    return cols;
}

/* 1 when every line of p is two columns or more typed apart by spaces (space_columns) and
 * a figure stands in one of its lines (a header line of words may head the figures). */
static int space_row_para(const tk_lines *L, const para *p)
{
    int any = 0, d;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        if (space_columns(&L->v[i], &d) < 2)
            return 0;
        any |= d;
    }
    return any;
}

/* 1 when p is a row of a TAB table with one cell of words: one short line that starts
 * with a TAB, no sentence (`<TAB>Poods`, `<TAB><TAB>Tons (estimated)`: the first cells are
 * empty), or that ends with one (`War materials:<TAB><TAB>`: the last cells are empty); it
 * is a row only next to TAB rows (tab_table). */
static int lead_tab_para(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    size_t a = indent_of(l), e = rtrim_len(l->s, l->len);
    if (p->n != 1 || a >= e || e - a > TK_TH_TABLE_HEAD_MAX_BYTES ||
        memchr(l->s + a, '\t', e - a) != NULL)
        return 0;
    if (memchr(l->s + e, '\t', l->len - e) != NULL)
        return 1;
    return l->s[0] == '\t' && strchr(".:;", l->s[e - 1]) == NULL;
}

/* A table from v[k] on (before v[end]): paragraphs of TAB-separated rows, or of columns
 * typed with spaces (space_row_para), two rows or more in all, page markers between them
 * taken along. The number of its paragraphs, or 0. */
static size_t tab_table(const tk_lines *L, const para *v, size_t k, size_t end)
{
    size_t j = k, rows = 0, last = k;
    while (j < end) {
        if (tab_row_para(L, &v[j]) || space_row_para(L, &v[j]) ||
            (lead_tab_para(L, &v[j]) && (rows > 0 || (j + 1 < end && tab_row_para(L, &v[j + 1]))))) {
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
    return q->n == 1 && l->len < 300 && !(P->in_turns && tk_bp_labelled_para(P, q));
}

/* 1 when paragraph q heads a day of a programme: one short line ending with a colon
 * (`Monday, October 22, 2007:`), no turn, the next paragraph a time line. */
static int schedule_head(parser *P, const para *v, size_t k, size_t end)
{
    const tk_line *l = &P->lines->v[v[k].first];
    size_t e = rtrim_len(l->s, l->len);
    return v[k].n == 1 && e > 1 && e < 100 && l->s[e - 1] == ':' && !schedule_time_para(P->lines, &v[k]) &&
           !(P->in_turns && tk_bp_labelled_para(P, &v[k])) && k + 1 < end && schedule_time_para(P->lines, &v[k + 1]);
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
            if (P->in_turns && tk_bp_labelled_para(P, &v[j]))
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
        if (v[k - 1].n == 1 && tk_rec_seal_line(l->s, l->len))
            continue; /* `[seal.]` over the signature: in the closer */
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
    while (found >= 3 && v[found - 1].n == 1 &&
           tk_rec_seal_line(L->v[v[found - 1].first].s, L->v[v[found - 1].first].len))
        found--; /* the seal over the signature */
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

/* 1 when line l is an annex's label alone: one capital letter and a period (`D.`), or
 * `Annex`, `Exhibit`, `Appendix` or `Schedule` and a letter or number (`Annex C.`). */
static int annex_label_line(const tk_line *l)
{
    static const char *const words[] = {"Annex ", "Exhibit ", "Appendix ", "Schedule "};
    size_t n = rtrim_len(l->s, l->len), a = 0;
    if (n == 2 && is_upper((unsigned char)l->s[0]) && l->s[1] == '.')
        return 1;
    for (size_t i = 0; i < sizeof words / sizeof *words && a == 0; i++)
        if (starts_with(l->s, n, words[i]))
            a = strlen(words[i]);
    if (a == 0 || n - a > 5 || n == a)
        return 0;
    for (size_t i = a; i < n; i++)
        if (!is_upper((unsigned char)l->s[i]) && !is_digit((unsigned char)l->s[i]) &&
            !(l->s[i] == '.' && i + 1 == n))
            return 0;
    return 1;
}

/* 1 when v[k] opens a paper after a signature without a closing formula (page markers
 * between skipped): one short line that is not prose (an annex's label or title: `D.`,
 * `Annex A. Mr. Baker to Mr. Madriz.`) over a dateline, with two paragraphs or more after
 * the dateline (`R. Cabezas.` / `D.` / `British Vice-Consulate, Bluefields, April 12,
 * 1894.` / ...); an annex's label alone (annex_label_line) needs no dateline. A dateline
 * right under the signature is the signer's own. */
static int dated_after_signature(const tk_lines *L, const para *v, size_t from, size_t k,
                                 size_t end)
{
    const tk_line *l = &L->v[v[k].first];
    size_t d, j = k;
    if (page_marker_line(l) || starts_with(l->s, l->len, "Source: "))
        return 0;
    /* (a dateline right under a signature is the signer's own: `V. Vorovski` / `Copenhagen,
       May 8, 1918.`) */
    if (v[k].n != 1 || rtrim_len(l->s, l->len) > 100 || prose_line(l) || dateline_para(L, &v[k]))
        return 0;
    d = k + 1;
    if (d + 2 >= end || !(dateline_para(L, &v[d]) || annex_label_line(l)))
        return 0;
    while (j > from && v[j - 1].n == 1 && page_marker_line(&L->v[v[j - 1].first]))
        j--;
    return j > from + 1 && signature_para(L, &v[j - 1]) && !dateline_para(L, &v[j - 1]);
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
        if (dated_after_signature(L, v, from, k, end)) {
            starts[n++] = k; /* a paper with a dateline after a signature */
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

/* 1 when line l (of a record's text) holds the marker of note 1: `[1]`, or a 1 glued to the
 * end of a word or of its punctuation, as a superscript number loses its raising in plain
 * text (`received.1 He`, `the note1 of`). */
static int note_one_marker(const tk_line *l)
{
    for (size_t j = 0; j < l->len; j++) {
        if (l->s[j] != '1' || j == 0 || (j + 1 < l->len && is_digit((unsigned char)l->s[j + 1])))
            continue;
        unsigned char b = (unsigned char)l->s[j - 1];
        if (b == '[' && j + 1 < l->len && l->s[j + 1] == ']')
            return 1;
        /* after a letter, or after a word's closing punctuation (`.`, `,`, `;`, `:`, `)`,
           `”`): not after a digit, a space or a sign */
        int word = is_ascii_letter(b) ||
                   (j >= 2 && strchr(".,;:)", (int)b) != NULL && b != 0 &&
                    is_ascii_letter((unsigned char)l->s[j - 2])) ||
                   (j >= 3 && memcmp(l->s + j - 3, "\xe2\x80\x9d", 3) == 0);
        if (word && (j + 1 == l->len || l->s[j + 1] == ' ' || strchr(".,;:)", l->s[j + 1]) != NULL))
            return 1;
    }
    return 0;
}

/* Notes without a heading at the end of v[0..n) (DFAT's volumes, ebooks): from the last
 * paragraph that starts `1 ` + a capital, lines numbered 1, 2, 3 ... in order (one
 * paragraph each, or one line each in one paragraph), as many unnumbered lines (a note's
 * continuation) at most, maybe a bracketed archive reference last (`[PRO : DO 114/94]`);
 * and the marker of note 1 in the text before (`[1]`, or a glued `word.1`). The index of
 * the first note's paragraph, or (size_t)-1. */
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
        if (k + 1 == n && k > f && v[k].n == 1 && L->v[v[k].first].s[0] == '[')
            break; /* the archive reference after the notes */
        for (size_t i = v[k].first; i < v[k].first + v[k].n; i++) {
            para line = {0};
            line.first = i;
            line.n = 1;
            if (bare_note_number(L, &line) == want) {
                want++;
                numbered++;
            } else {
                other++;
            }
        }
    }
    if (numbered == 0 || other > numbered)
        return (size_t)-1;
    for (size_t i = v[0].first; i < v[f].first; i++)
        if (note_one_marker(&L->v[i]))
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
        tk_bp_note(P, bv[i].line, "quote", "block quotation: the quoted paragraphs go into this one");
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
        tk_bp_note(P, bv[i].line, "list", "a list or table this paragraph leads in to: inside it (p/list)");
        i = last;
    }
}

/* 1 when line l ends in the middle of a sentence: its last character is a letter, a digit,
 * a comma, a semicolon or a hyphen (not `.`, `:`, `?`, `!`, a closing quotation mark or
 * bracket). */
static int ends_mid_sentence(const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len);
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)l->s[n - 1];
    return is_ascii_letter(c) || is_digit(c) || c == ',' || c == ';' || c == '-';
}

/* Paragraphs broken in the middle of a sentence, among the blocks [from, P->db->n) of a
 * record: a plain paragraph that ends mid-sentence (ends_mid_sentence), then page breaks
 * alone on their lines or nothing, then a plain paragraph that starts with a small letter
 * (`... are to be regarded as a` / `[Page 4]` / `part of the treaty, ...`): the page breaks
 * and the second paragraph get TK_BF_JOIN, one p with the pb inside, as printed. */
static void joined_paragraphs(parser *P, size_t from)
{
    const tk_lines *L = P->lines;
    tk_block *bv = P->db->b;
    for (size_t i = from; i + 1 < P->db->n; i++) {
        const tk_block *a = &bv[i];
        const tk_line *al = &L->v[a->line + a->n_lines - 1];
        /* (a telegram's first paragraph may be its number and the message it answers
           alone: `41. My 39, April 6, 4 p.m.` / `The Conference yesterday ...`, run in as
           printed) */
        int ref = a->kind == TK_B_P && a->flags == 0 && a->n_lines == 1 && i > from &&
                  bv[i - 1].kind != TK_B_P && bv[i - 1].kind != TK_B_ITEM &&
                  tk_rec_telegram_reference(al->s + a->off, al->len - a->off);
        if (!ref && (a->kind != TK_B_P || (a->flags & ~TK_BF_JOIN) != 0 ||
                     (a->n_lines == 1 && page_marker_line(al)) || !ends_mid_sentence(al) ||
                     (a->n_lines == 1 && rtrim_len(al->s, al->len) - a->off < TK_TH_JOIN_MIN_BYTES)))
            continue;
        size_t j = i + 1;
        while (j < P->db->n && bv[j].kind == TK_B_P && bv[j].flags == 0 && bv[j].n_lines == 1 &&
               page_marker_line(&L->v[bv[j].line]))
            j++;
        if (j >= P->db->n || bv[j].kind != TK_B_P || bv[j].flags != 0)
            continue;
        const tk_line *bl = &L->v[bv[j].line];
        size_t o = bv[j].off;
        while (o < bl->len && bl->s[o] == ' ')
            o++;
        if (o >= bl->len || !(ref || is_lower((unsigned char)bl->s[o])))
            continue;
        for (size_t k = i + 1; k <= j; k++)
            bv[k].flags |= TK_BF_JOIN;
        tk_bp_note(P, bv[j].line, "paragraph",
                   "starts in small letters after a paragraph broken mid-sentence: the same paragraph");
        i = j - 1;
    }
}

/* 1 when paragraph p is a document's number alone (`No. 12.`, `12.`, `XII.`): the title
 * of a despatch whose parties follow, not a collection's title. */
static int document_number_para(const tk_lines *L, const para *p)
{
    const tk_line *l = &L->v[p->first];
    size_t n = rtrim_len(l->s, l->len), a = starts_with(l->s, n, "No. ") ? 4 : 0;
    tk_line rest = *l;
    rest.s += a;
    rest.len = n - a;
    return p->n == 1 && number_line(&rest);
}

/* 1 when the paragraphs v[from..to) say that papers go with them (`I inclose`, `transmit
 * herewith`, `enclosed`): a covering letter, whose following papers are its enclosures. */
static int transmits(const tk_lines *L, const para *v, size_t from, size_t to)
{
    static const char *const words[] = {"nclose", "nclosing", "nclosure", "transmit", "herewith",
                                        "annexed", "attached"};
    for (size_t k = from; k < to; k++)
        for (size_t i = v[k].first; i < v[k].first + v[k].n; i++)
            for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
                size_t m = strlen(words[w]);
                for (size_t j = 0; j + m <= L->v[i].len; j++)
                    if (memcmp(L->v[i].s + j, words[w], m) == 0)
                        return 1;
            }
    return 0;
}

/* The reading state of one prose document (tk_bp_prose_document): where its parts end,
 * and what the paragraphs read so far have opened. */
typedef struct prose_doc {
    const tk_lines *L;
    para *v;
    size_t np;
    tk_shape shape;
    size_t body_end, notes_at, notes_end, text_end;
    int list_open, in_turns, seen_long, roster;
    size_t roster_end;   /* the paragraphs before it from k on are a roster without label */
    size_t table_end;    /* the paragraphs before it from k on are rows of a table */
    size_t schedule_end; /* ... the entries of a programme */
    int roster_grouped;  /* the roster's names stand under group names (a nested list) */
    int roster_bare;     /* the roster's label stands alone (`ATTENDANCE`): the blocks of
                            names after it (roster_block) are its groups */
    int roster_blocks;   /* the roster is typed in blocks: a line after it must be a name */
    int table_in_item;   /* that table is inside the open list's last item ... */
    unsigned table_level; /* ... of this level */
    size_t blocks_at;
    play_state ps;
    long title_at;
    size_t parts[64], n_parts, part, part_at;
    int collection;
    size_t part_end;
    size_t ps_at;  /* the first paragraph of the postscript */
    size_t ps_sig; /* the signature of a certificate (the postscript's closer) */
    size_t closer_at;
} prose_doc;

/* The end of the body: trailing metadata ("Document Information" and what follows) and
 * empty web fields move out of it. */
static void body_end_of(parser *P, prose_doc *d)
{
    const tk_lines *L = d->L;
    para *v = d->v;
    size_t np = d->np;
    d->body_end = np;

    /* trailing metadata: "Document Information" and what follows */
    for (size_t k = 0; k < np; k++) {
        if (v[k].n == 1 && line_is(&L->v[v[k].first], "Document Information")) {
            tk_bp_note(P, v[k].first, "metadata", "\"Document Information\" block moved to the header");
            tk_bp_document_information(P, v, k + 1, np);
            d->body_end = k;
            /* the summary stands apart (two or more blank lines) just before it */
            if (k >= 2 && v[k - 1].blank_before >= 2) {
                tk_bp_meta_from_lines(P, "summary", v[k - 1].first, v[k - 1].first + v[k - 1].n, 0, 0);
                tk_bp_note(P, v[k - 1].first, "metadata", "summary moved to the header (abstract)");
                d->body_end = k - 1;
            }
            break;
        }
    }
    /* trailing empty web fields after the body ("Record ID") */
    while (d->body_end > 0 && v[d->body_end - 1].n == 1 && tk_bp_field_label(&L->v[v[d->body_end - 1].first])) {
        tk_bp_note(P, v[d->body_end - 1].first, "debris", "empty web-page field dropped");
        d->body_end--;
    }
}

/* notes section: from a "Footnotes:" heading to the end of the body, or a trailing run
   of "[n] text" paragraphs */
static void notes_section(parser *P, prose_doc *d)
{
    const tk_lines *L = d->L;
    para *v = d->v;
    size_t body_end = d->body_end;
    d->notes_at = body_end;
    for (size_t k = 0; k < body_end; k++)
        if (notes_heading(&L->v[v[k].first])) {
            d->notes_at = k;
            break;
        }
    if (d->notes_at == body_end) {
        size_t k = body_end;
        while (k > 0 && tk_bp_note_line(&L->v[v[k - 1].first]))
            k--;
        if (k < body_end && k > 0)
            d->notes_at = k;
    }

    d->notes_end = body_end; /* (an archive reference after bare notes stays text) */
    if (d->notes_at == body_end && d->shape == TK_SHAPE_RECORD) {
        size_t k = bare_notes(L, v, body_end);
        if (k != (size_t)-1) {
            d->notes_at = k;
            if (v[body_end - 1].n == 1 && L->v[v[body_end - 1].first].s[0] == '[')
                d->notes_end = body_end - 1;
            tk_bp_note(P, v[k].first, "notes",
                       "notes without a heading: '1 text', '2 text' ... at the end, and [1] in the text");
        }
    }
}

/* A play's reading state: the margin of its wrapped prose and its speakers' names. */
static void play_setup(parser *P, prose_doc *d, size_t a, size_t b)
{
    const tk_lines *L = d->L;
    tk_shape shape = d->shape;
    play_state *ps = &d->ps;
    for (size_t i = a; i < b && shape == TK_SHAPE_PLAY; i++) /* the margin of wrapped prose */
        if (tk_bp_verse_len(P, &L->v[i], &(size_t){0}) > ps->margin && L->v[i].len < 200)
            ps->margin = tk_bp_verse_len(P, &L->v[i], &(size_t){0});
    if (shape == TK_SHAPE_PLAY) {
        ps->names = tk_names_new();
        if (ps->names == NULL)
            P->oom = 1;
        for (size_t k = 0; k < d->np && ps->names != NULL; k++) {
            tk_label lab;
            const tk_line *l = &L->v[d->v[k].first];
            if (tk_bp_speaker_label(P, l, &lab) > 0)
                tk_names_add(ps->names, l->s + lab.name_off, lab.name_len);
        }
    }
}

/* The title, the parts (a covering paper and its enclosures, or the papers of a
 * collection) and the first part's closer. */
static void title_and_parts(parser *P, prose_doc *d)
{
    const tk_lines *L = d->L;
    para *v = d->v;
    tk_shape shape = d->shape;
    size_t *parts = d->parts;
    d->text_end = d->notes_at < d->body_end ? d->notes_at : d->body_end;
    d->title_at = find_title(P, v, d->text_end, shape);
    long title_at = d->title_at;
    /* a record with enclosures: the covering paper and each enclosure are parts, each
       with its own title, opener and closer */
    d->n_parts = d->part = d->part_at = 0;
    if (shape == TK_SHAPE_RECORD)
        d->n_parts = find_enclosures(L, v, (size_t)(title_at + 2), d->text_end, parts + 1,
                                     sizeof d->parts / sizeof *d->parts - 1);
    if (d->n_parts > 0) {
        parts[0] = 0;
        d->n_parts++;
    }
    /* a collection (a letter book, a file of papers): the record's title is followed by a
       paper's own title and dateline, and other papers follow; each paper is a document
       of its own under the collection's title, none the enclosure of the first */
    d->collection = 0;
    if (d->n_parts > 1 && title_at >= 0 && (size_t)title_at + 2 < parts[1] &&
        v[title_at + 1].n == 1 && !document_number_para(L, &v[title_at]) &&
        tk_rec_enclosure_title(L->v[v[title_at + 1].first].s, L->v[v[title_at + 1].first].len) &&
        dateline_para(L, &v[title_at + 2]) && !transmits(L, v, (size_t)title_at + 3, parts[1])) {
        d->collection = 1;
        parts[0] = (size_t)title_at + 1;
        tk_bp_note(P, v[parts[0]].first, "collection",
                   "a collection's title over papers with titles and datelines: div[@type='document'] each");
    }
    d->part_end = d->n_parts > 1 ? parts[1] : d->body_end;
    d->ps_at = (size_t)-1;
    d->ps_sig = (size_t)-1;
    d->closer_at = shape == TK_SHAPE_RECORD
                       ? part_closer(P, v, 0, d->n_parts > 1 ? parts[1] : d->text_end, &d->ps_at,
                                     &d->ps_sig)
                       : (size_t)-1;
}

/* Paragraph k opens the first paper of a collection or an enclosure: a new part. */
static void part_start(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *p = &d->v[k];
    size_t *parts = d->parts;
    if (d->collection && k == parts[0]) { /* the first paper of a collection */
        d->part_at = k;
        d->title_at = (long)k;
    }
    if (d->part + 1 < d->n_parts && k == parts[d->part + 1]) { /* an enclosure starts */
        d->part++;
        d->part_at = k;
        d->seen_long = d->in_turns = 0;
        d->list_open = d->roster = 0;
        d->title_at = (long)(enclosure_label_para(L, p) ? k + 1 : k);
        d->part_end = d->part + 1 < d->n_parts ? parts[d->part + 1] : d->body_end;
        d->closer_at = part_closer(P, d->v, k, d->part + 1 < d->n_parts ? parts[d->part + 1] : d->text_end,
                                   &d->ps_at, &d->ps_sig);
        tk_bp_note(P, p->first, "enclosure",
                   d->collection ? "the next paper of the collection: div[@type='document']"
                                 : "an enclosed paper (title and dateline): div[@type='enclosure']");
    }
}

/* The handlers of a paragraph, tried in turn by prose_paragraph: each returns 1 when it
 * has placed paragraph k, 0 to let the next one try. */

/* a Source: line, a note of the notes section, a postscript */
static int source_notes_postscript(parser *P, prose_doc *d, size_t k)
{
    const para *p = &d->v[k];
    const tk_line *l = &d->L->v[p->first];
    /* Source: line (FRUS, conference files) -> header */
    if (p->n == 1 && starts_with(l->s, l->len, "Source: ")) {
        tk_bp_meta_from_lines(P, "source", p->first, p->first + 1, 8, 0);
        tk_bp_note(P, p->first, "metadata", "\"Source:\" line moved to the header");
        return 1;
    }
    if (k >= d->notes_at && k < d->notes_end) {
        size_t from = p->first;
        if (k == d->notes_at && notes_heading(l)) {
            tk_bp_add_block(P, TK_B_NOTES_HEAD, p->first, 1, indent_of(l));
            from++;
        }
        for (size_t i = from; i < p->first + p->n; i++)
            tk_bp_add_block(P, TK_B_NOTE, i, 1, 0);
        return 1;
    }
    if (k == d->ps_sig) {
        tk_bp_para_block(P, TK_B_SIGNED, p, 0);
        tk_bp_note(P, p->first, "postscript", "the certificate's signature: postscript/closer/signed");
        return 1;
    }
    if (k >= d->ps_at && k < d->part_end && !page_marker_line(l)) {
        tk_bp_para_block(P, TK_B_POSTSCRIPT, p, 0);
        tk_bp_note(P, p->first, "postscript", "after the closing formula and signature: postscript");
        return 1;
    }
    return 0;
}

/* the closer: a signature block in one paragraph, or its salute, signed and addressee */
static int closer_para(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    const tk_line *l = &L->v[p->first];
    size_t closer_at = d->closer_at, part_end = d->part_end;
    int office = signature_office_para(L, p);
    int side = k >= closer_at && k < part_end && p->n > 1 && side_signers_para(L, p);
    if (k >= closer_at && k < part_end && p->n > 1 && !office &&
        (side || signers_para(L, p))) {
        /* a treaty's signature block in one paragraph: closer/seg and signed by line (by
           column when the blocks stand side by side) */
        for (size_t i = p->first; i < p->first + p->n; i++) {
            tk_block *sb = tk_bp_add_block(P,
                                           (side ? i == p->first
                                                 : tk_rec_signing_for(L->v[i].s, L->v[i].len))
                                               ? TK_B_CLOSE_SEG
                                               : TK_B_SIGNED,
                                           i, 1, indent_of(&L->v[i]));
            if (sb != NULL && side)
                sb->flags |= TK_BF_COLUMNS;
        }
        tk_bp_note(P, p->first, "closer", "a signature block: closer/seg and closer/signed by line");
        d->list_open = 0;
        return 1;
    }
    if (k >= closer_at && k < part_end && !page_marker_line(l) && (p->n == 1 || office)) {
        /* the closer: salute, signed (one or more), addressee */
        tk_block_kind kind = TK_B_CLOSE_SEG;
        const tk_line *pl = k > 0 ? &L->v[v[k - 1].first] : l;
        int seal = p->n == 1 && tk_rec_seal_line(l->s, l->len);
        int after = k > closer_at && P->db->n > 0 &&
                    (P->db->b[P->db->n - 1].kind == TK_B_CLOSE || signing_for_at(L, &v[k - 1]) ||
                     (v[k - 1].n == 1 && tk_rec_seal_line(pl->s, pl->len)));
        if (k == closer_at && tk_rec_closing(l->s, l->len))
            kind = TK_B_CLOSE;
        else if (seal)
            kind = TK_B_CLOSE_SEG; /* `[seal.]` */
        else if (p->n == 1 && tk_rec_signing_for(l->s, l->len) && k + 1 < part_end)
            kind = TK_B_CLOSE_SEG; /* "For the Secretary of State:" */
        else if (k == closer_at || office || after)
            kind = TK_B_SIGNED;
        tk_bp_para_block(P, kind, p, 0);
        tk_bp_note(P, p->first, "closer", kind == TK_B_CLOSE    ? "closing formula: closer/salute"
                                    : kind == TK_B_SIGNED ? "signature: closer/signed"
                                                          : "line after the signature: closer");
        d->list_open = 0;
        return 1;
    }
    return 0;
}

/* a programme, agenda or schedule: time lines (`9:00-9:55: Registration`) and the
   entries between them, under a day heading (`Monday, October 22:`) if any */
static int schedule_para(parser *P, prose_doc *d, size_t k)
{
    const para *v = d->v, *p = &v[k];
    if (d->shape != TK_SHAPE_PLAY && k >= d->schedule_end) {
        P->in_turns = d->shape == TK_SHAPE_TRANSCRIPT;
        int head = schedule_head(P, v, k, d->text_end);
        size_t run = schedule_run(P, v, k + (size_t)head, d->text_end);
        if (run > 0) {
            tk_bp_note(P, p->first, "list", "a programme: time lines and their entries, list[@type='simple']");
            d->schedule_end = k + (size_t)head + run;
            d->list_open = d->roster = 0;
        }
    }
    if (k < d->schedule_end) {
        tk_block *sb = tk_bp_para_block(P, schedule_time_para(d->L, p) || !schedule_head(P, v, k, d->text_end)
                                         ? TK_B_ROSTER_ITEM : TK_B_ROSTER_HEAD, p, 0);
        if (sb != NULL)
            sb->flags |= TK_BF_SCHEDULE;
        return 1;
    }
    return 0;
}

/* a roster: its label, a block typed one name a line, or a run of names without label */
static int roster_start(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    const tk_line *l = &L->v[p->first];
    tk_shape shape = d->shape;
    size_t notes_at = d->notes_at;
    /* a roster: "Present:" and one name (with its office) per paragraph */
    if (shape != TK_SHAPE_PLAY && p->n == 1 && tk_rec_roster_label(l->s, l->len) &&
        k + 1 < notes_at && (roster_item(L, &v[k + 1], 120) || roster_group(L, v, k + 1, notes_at) ||
                             roster_block(L, &v[k + 1])) &&
        !(shape == TK_SHAPE_TRANSCRIPT && tk_bp_labelled_para(P, &v[k + 1]))) {
        tk_bp_para_block(P, TK_B_ROSTER_HEAD, p, 0);
        tk_bp_note(P, p->first, "roster", "roster label: list[@type='participants']");
        d->roster = d->roster_bare = 1;
        d->roster_grouped = d->roster_blocks = 0;
        d->list_open = 0;
        return 1;
    }
    /* a roster typed as one block (`Members present:` and a name a line): its own list
       with the label as head, or a group of the roster whose label stood alone */
    if (shape != TK_SHAPE_PLAY && roster_block(L, p) &&
        !(shape == TK_SHAPE_TRANSCRIPT && tk_bp_labelled_para(P, p))) {
        int group = d->roster && d->roster_bare;
        tk_bp_add_block(P, group ? TK_B_ROSTER_ITEM : TK_B_ROSTER_HEAD, p->first, 1, 0);
        for (size_t i = p->first + 1; i < p->first + p->n; i++) {
            tk_block *nb = tk_bp_add_block(P, TK_B_ROSTER_ITEM, i, 1, indent_of(&L->v[i]));
            if (nb != NULL)
                nb->level = (unsigned)group;
        }
        tk_bp_note(P, p->first, "roster",
                   "a roster block: its label (or group) and one name a line: list[@type='participants']");
        if (!group)
            d->roster = 1, d->roster_bare = 0;
        d->roster_grouped = group;
        d->roster_blocks = 1;
        d->list_open = 0;
        return 1;
    }
    /* a roster without label: a run of lines that are each a name (and an office) */
    if (shape == TK_SHAPE_RECORD && !d->roster && k >= d->roster_end) {
        size_t run = bare_roster(L, v, k, d->closer_at < notes_at ? d->closer_at : notes_at);
        if (run > 0) {
            tk_bp_note(P, p->first, "roster",
                       "a run of one name a line without label: list[@type='participants']");
            d->roster_end = k + run;
            d->roster_grouped = 0;
            d->list_open = 0;
        }
    }
    if (k < d->roster_end) {
        roster_member(P, v, k, d->roster_end, &d->roster_grouped);
        return 1;
    }
    return 0;
}

/* TAB-separated rows: table/row/cell */
static int table_para(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    if (d->shape == TK_SHAPE_RECORD && k >= d->table_end) {
        size_t run = tab_table(L, v, k, d->text_end);
        if (run > 0) {
            tk_bp_note(P, p->first, "table", "TAB-separated rows, or columns of figures typed with spaces: table/row/cell");
            d->table_end = k + run;
            /* a table between two items of an open list (`XII`, its words, the table,
               `XIII`): inside the item, the list goes on after it */
            d->table_in_item = d->list_open && item_goes_on(P, v, k, d->text_end, &d->table_level);
            if (d->table_in_item)
                tk_bp_note(P, p->first, "list", "a table inside the list item before it");
        }
    }
    if (k < d->table_end) {
        int spaced = !tab_row_para(L, p) && space_row_para(L, p);
        if (spaced || tab_row_para(L, p) || lead_tab_para(L, p)) {
            for (size_t i = p->first; i < p->first + p->n; i++) {
                tk_block *rb = tk_bp_add_block(P, TK_B_ROW, i, 1, indent_of(&L->v[i]));
                if (rb != NULL && spaced)
                    rb->flags |= TK_BF_COLUMNS; /* columns apart by spaces */
                if (rb != NULL && d->table_in_item) {
                    rb->flags |= TK_BF_ITEM_MORE;
                    rb->level = d->table_level;
                }
            }
        } else {
            tk_bp_add_block(P, TK_B_P, p->first, p->n, 0); /* a page marker */
        }
        if (d->table_in_item) {
            P->item_empty = 0;
            P->depth = d->table_level;
        }
        d->list_open = d->table_in_item;
        return 1;
    }
    return 0;
}

/* the next member of an open roster, else the roster ends */
static int roster_goes_on(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    const tk_line *l = &L->v[p->first];
    if (d->roster) {
        size_t t = courtesy_title(l->s, l->len);
        if ((roster_item(L, p, 120) || roster_group(L, v, k, d->notes_at)) &&
            (!d->roster_blocks || tk_rec_roster_entry(l->s + t, l->len - t) > 0) &&
            !(d->shape == TK_SHAPE_TRANSCRIPT && tk_bp_labelled_para(P, p))) {
            roster_member(P, v, k, d->notes_at, &d->roster_grouped);
            return 1;
        }
        d->roster = 0;
    }
    return 0;
}

/* the top of a part: salutation, classification, dateline, title and the lines around it */
static int top_para(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    const tk_line *l = &L->v[p->first];
    tk_shape shape = d->shape;
    long title_at = d->title_at;
    int top = !d->seen_long && !d->in_turns && k - d->part_at < 8;
    if (shape == TK_SHAPE_RECORD && k - d->part_at < 12 && !d->seen_long && p->n == 1 &&
        tk_rec_salutation(l->s, l->len)) {
        tk_bp_para_block(P, TK_B_SALUTE, p, 0);
        tk_bp_note(P, p->first, "salute", "salutation: opener/salute");
        d->list_open = 0;
        return 1;
    }
    tk_label tl;
    if (shape != TK_SHAPE_RECORD && tk_bp_speaker_label(P, l, &tl) > 0)
        top = 0; /* a turn, not a title or the lines before one */
    if (shape == TK_SHAPE_PLAY && p->n == 1 && tk_cast_heading(l->s, l->len))
        top = 0; /* a cast list heading is no title (tk_bp_play_paragraph) */
    if (top && p->n <= 4) {
        if (shape == TK_SHAPE_RECORD && p->n == 1 && tk_rec_classification(l->s, l->len)) {
            tk_block *cb = tk_bp_para_block(P, TK_B_OPENER, p, 0);
            if (cb != NULL)
                cb->flags |= TK_BF_CLASS;
            tk_bp_note(P, p->first, "classification",
                       "classification line: opener/note[@type='classification']");
            return 1;
        }
        if (dateline_para(L, p)) {
            tk_bp_para_block(P, TK_B_DATELINE, p, 0);
            d->list_open = 0;
            return 1;
        }
        /* a second title with its dateline under the first one (the record's own title
           under a catalogue title and a citation): a division of its own */
        if (title_at >= 0 && k > (size_t)title_at + 1 && d->n_parts == 0 &&
            shape != TK_SHAPE_PLAY && p->n == 1 && title_para(P, p, shape) &&
            k + 1 < d->text_end && dateline_para(L, &v[k + 1])) {
            tk_bp_para_block(P, TK_B_HEAD, p, 0);
            tk_bp_note(P, p->first, "heading", "a title with its dateline below the top: a division");
            d->list_open = 0;
            return 1;
        }
        if (title_at >= 0 && k == (size_t)title_at) {
            tk_bp_para_block(P, TK_B_TITLE, p, 0);
            if (p->n == 1 && d->part == 0 && !(d->collection && k == d->parts[0]))
                tk_bp_title_meta(P, l);
            return 1;
        }
        /* short lines before the title (file number, "[Inclosure in No. 2.]"), a
           bracketed line between the title and the dateline ("[Translation.]") */
        if (title_at >= 0 && (k < (size_t)title_at ||
                              (k == (size_t)title_at + 1 && bracket_line_para(L, p) &&
                               k + 1 < d->body_end && dateline_para(L, &v[k + 1])))) {
            tk_bp_para_block(P, TK_B_OPENER, p, 0);
            if (p->n == 1 && d->part == 0)
                tk_bp_file_number_meta(P, l);
            return 1;
        }
    }
    return 0;
}

/* a heading: a lone title-like line followed by ordinary text, weighed by
   heading_evidence (-v says why a line is or is not one) */
static int heading_para(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    const tk_line *l = &L->v[p->first];
    tk_shape shape = d->shape;
    int outline = shape == TK_SHAPE_RECORD ? heading_evidence(P, v, k, d->notes_at) : 0;
    if (outline > 0) {
        tk_bp_para_block(P, TK_B_HEAD, p, 0);
        d->list_open = 0;
        return 1;
    }
    /* (in a record, a person's name alone on its line, `J. A. Peterson`, is a signature
       among others, not a heading; in a play, a cast heading is not one) */
    if (p->n == 1 && tk_bp_heading_like(l) && k + 1 < d->notes_at && outline == 0 &&
        !(shape == TK_SHAPE_RECORD && bare_name_line(l)) &&
        !(shape == TK_SHAPE_PLAY && tk_cast_heading(l->s, l->len))) { /* (tk_bp_play_paragraph) */
        const para *q = &v[k + 1];
        const tk_line *nl = &L->v[q->first];
        tk_label lab;
        /* followed by text: not by another heading, a Source line or a title (a
           signature "Albert Rathbone" before an enclosure's title is no heading) */
        int next_text = !(q->n == 1 && tk_bp_heading_like(nl)) &&
                        !(q->n == 1 && starts_with(nl->s, nl->len, "Source: ")) &&
                        !title_para(P, q, shape);
        int next_turn = shape != TK_SHAPE_RECORD && tk_bp_speaker_label(P, nl, &lab) > 0;
        int prev_heading = k > 0 && v[k - 1].n == 1 && tk_bp_heading_like(&L->v[v[k - 1].first]);
        int is_turn = shape != TK_SHAPE_RECORD && tk_bp_speaker_label(P, l, &lab) > 0;
        size_t ha, hb;
        if (shape == TK_SHAPE_PLAY && tk_play_heading(l->s, l->len, &ha, &hb))
            is_turn = 1; /* an act heading: below */
        /* (in a transcript printed all in capitals, a line in capitals before a turn is
           speech as likely as a heading: it stays in the turn) */
        int caps_speech = shape == TK_SHAPE_TRANSCRIPT && next_turn && d->in_turns &&
                          !tk_bp_lower_after_label(P, nl);
        if ((next_text || next_turn) && !prev_heading && !is_turn && !caps_speech) {
            tk_bp_note(P, p->first, "heading", "heading: a title-like line before text");
            tk_bp_para_block(P, TK_B_HEAD, p, 0);
            d->in_turns = 0;
            d->list_open = 0;
            return 1;
        }
    }
    return 0;
}

/* a transcript's paragraph: a heading in capitals before a turn, a proceeding between
   turns, or turns and their speech */
static int transcript_para(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    const tk_line *l = &L->v[p->first];
    size_t body_end = d->body_end;
    size_t before = P->db->n;
    if (k + 1 < body_end && tk_bp_caps_heading(P, p) && tk_bp_opens_turn(P, &v[k + 1]) &&
        tk_bp_lower_after_label(P, &L->v[v[k + 1].first])) {
        /* "STATEMENT OF JOHN DOE, DIRECTOR, OFFICE OF ..." before a turn */
        tk_bp_note(P, p->first, "heading", "a paragraph in capitals before a turn: a heading");
        tk_bp_para_block(P, TK_B_HEAD, p, indent_of(l));
        d->in_turns = 0;
        return 1;
    }
    size_t after = k + 1; /* the next paragraph that is no event ("[END TAPE 1]" /
                             "[BEGIN TAPE 2]" / a turn: both between the turns) */
    while (after < body_end && tk_bp_proceeding_para(P, &v[after]))
        after++;
    if (tk_bp_proceeding_para(P, p) && (after >= body_end || tk_bp_opens_turn(P, &v[after]))) {
        /* a proceeding between turns: "(The meeting adjourned.)", "[Whereupon ...]" */
        /* (in parentheses or without brackets a stage; in brackets, an editor's
           note in a paragraph) */
        tk_block *e = tk_bp_para_block(P, is_parenthesised(l, &L->v[p->first + p->n - 1]) ||
                                              !tk_bp_event_para(L, p)
                                          ? TK_B_STAGE : TK_B_P, p, 0);
        if (e != NULL)
            e->flags |= TK_BF_BETWEEN;
        tk_bp_note(P, p->first, "event", "a paragraph wholly an event: between the turns");
        return 1;
    }
    transcript_paragraph(P, p);
    for (size_t j = before; j < P->db->n; j++)
        if (P->db->b[j].kind == TK_B_TURN || P->db->b[j].kind == TK_B_TIMESTAMP)
            d->in_turns = 1, d->seen_long = 1;
    return 1;
}

/* the body's own paragraph, by shape: a play's, a transcript's, a record's */
static int body_para(parser *P, prose_doc *d, size_t k)
{
    const tk_lines *L = d->L;
    const para *v = d->v, *p = &v[k];
    const tk_line *l = &L->v[p->first];
    size_t plen = 0;
    for (size_t i = p->first; i < p->first + p->n; i++)
        plen += L->v[i].len;
    if (plen >= 200)
        d->seen_long = 1;
    if (d->shape == TK_SHAPE_PLAY) {
        tk_bp_play_paragraph(P, v, k, d->body_end, &d->ps);
        d->in_turns = 1;
    } else if (d->shape == TK_SHAPE_TRANSCRIPT) {
        return transcript_para(P, d, k);
    } else {
        if (p->n == 1 || !is_parenthesised(l, &L->v[p->first + p->n - 1]))
            record_paragraph(P, v, k, d->text_end, &d->list_open);
        else
            tk_bp_para_block(P, TK_B_STAGE, p, 0);
    }
    return 1;
}

/* One paragraph: a new part, then the handlers in the order they are tried (called
 * directly, not through a table, so that the compiler inlines them); the last one places
 * any paragraph. */
static void prose_paragraph(parser *P, prose_doc *d, size_t k)
{
    part_start(P, d, k);
    if (source_notes_postscript(P, d, k) || closer_para(P, d, k) || schedule_para(P, d, k) ||
        roster_start(P, d, k) || table_para(P, d, k) || roster_goes_on(P, d, k) ||
        top_para(P, d, k) || heading_para(P, d, k))
        return;
    body_para(P, d, k);
}

/* After the paragraphs: a record's quotations, inner lists and joined paragraphs, and
 * the first block of each part opens its division. */
static void prose_finish(parser *P, prose_doc *d)
{
    size_t blocks_at = d->blocks_at;
    if (d->shape == TK_SHAPE_RECORD) {
        block_quotes(P, blocks_at);
        inner_lists(P, blocks_at);
        joined_paragraphs(P, blocks_at);
    }
    /* the first block of each part opens its division */
    for (size_t i = blocks_at, q = 0; i < P->db->n && q < d->n_parts; i++)
        if (P->db->b[i].line >= d->v[d->parts[q]].first) {
            P->db->b[i].flags |= TK_BF_PART;
            P->db->b[i].divtype = q == 0 || d->collection ? "document" : "enclosure";
            q++;
        }
}

void tk_bp_prose_document(parser *P, size_t a, size_t b, tk_shape shape, int first_doc)
{
    prose_doc d = {0};
    d.L = P->lines;
    d.shape = shape;
    d.v = tk_bp_collect_paragraphs(P, a, b, &d.np);
    if (d.v == NULL)
        return;
    P->title_memo.v = NULL; /* (v may stand where the last document's paragraphs stood) */
    body_end_of(P, &d);
    notes_section(P, &d);

    memset(&P->glued, 0, sizeof P->glued);
    P->item_k = 0;
    d.blocks_at = P->db->n;
    play_setup(P, &d, a, b);
    title_and_parts(P, &d);
    for (size_t k = 0; k < d.body_end; k++)
        prose_paragraph(P, &d, k);
    prose_finish(P, &d);
    (void)first_doc;
    tk_names_free(d.ps.names);
    tk_names_free(d.ps.cast);
    free(d.v);
}
