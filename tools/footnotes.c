/* footnotes.c: the notes store: note texts of a notes section joined to the footnote markers
 * of the body (by number and source order). It hands out the texts to fill and calls nothing
 * of the inline pass (tk_inline_finish, inlines.c, fills them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tk_internal.h"

/* A footnote marker met in the text: its (empty) note element, waiting for its text. */
typedef struct tk_fn_marker {
    xmlNodePtr note;
    char n[16];
    char literal[24];  /* the marker as printed, put back as text if a weak one is unused */
    unsigned line, col;
    size_t seq;
    int weak;          /* only a marker if a note text confirms it: `(1)`, ` [1]` */
    int matched;
} tk_fn_marker;

/* A note text from the notes section, with its own span positions. */
typedef struct tk_fn_text {
    char n[16];
    const char *label_rend; /* @rend token for the label as the notes section printed it
                               (`12.`, `12)`, `(12)`), NULL for the default `[12]` */
    char *text;
    size_t len, n_lines;
    size_t *line_start;
    unsigned *line_no, *line_col;
    unsigned line, col;
} tk_fn_text;

struct tk_footnotes {
    tk_fn_marker *markers;
    size_t n_markers, cap_markers;
    tk_fn_text *notes;
    size_t n_notes, cap_notes;
};

/* Frees the note texts and forgets markers and notes; the arrays stay for the next use. */
static void drop_contents(tk_footnotes *f)
{
    for (size_t i = 0; i < f->n_notes; i++) {
        free(f->notes[i].text);
        free(f->notes[i].line_start);
        free(f->notes[i].line_no);
        free(f->notes[i].line_col);
    }
    f->n_notes = 0;
    f->n_markers = 0;
}

void tk_footnotes_reset(tk_footnotes *f)
{
    if (f != NULL)
        drop_contents(f);
}

void tk_footnotes_free(tk_footnotes *f)
{
    if (f == NULL)
        return;
    drop_contents(f);
    free(f->notes);
    free(f->markers);
    free(f);
}

tk_footnotes *tk_footnotes_new(void) { return tk_xcalloc(1, sizeof(tk_footnotes)); }

void tk_footnotes_add_marker(tk_footnotes *f, xmlNodePtr note, const char *n, size_t nlen,
                             const char *literal, size_t litlen, unsigned line, unsigned col,
                             int weak)
{
    if (tk_grow((void **)&f->markers, &f->cap_markers, f->n_markers, sizeof *f->markers, 16) != 0)
        return;
    tk_fn_marker *m = &f->markers[f->n_markers++];
    memset(m, 0, sizeof *m);
    m->note = note;
    m->line = line;
    m->col = col;
    m->weak = weak;
    m->seq = f->n_markers;
    if (nlen >= sizeof m->n)
        nlen = sizeof m->n - 1;
    memcpy(m->n, n, nlen);
    if (litlen >= sizeof m->literal)
        litlen = sizeof m->literal - 1;
    memcpy(m->literal, literal, litlen);
}

int tk_footnotes_has_label(const tk_conv *cv, const char *s, size_t len)
{
    const tk_footnotes *f = cv->footnotes;
    if (f == NULL || len == 0 || len >= sizeof f->notes[0].n)
        return 0;
    for (size_t i = 0; i < f->n_notes; i++)
        if (strlen(f->notes[i].n) == len && memcmp(f->notes[i].n, s, len) == 0)
            return 1;
    return 0;
}

/* The marker at the start of a notes-section line: `[12]`, `12.`, `12)`, `(12)`, `*`,
 * superscripts. Returns the byte length of the marker (the text starts after it and its
 * spaces) and the number in n, or 0. */
/* The @rend token that tells the renderer how a notes-section label was printed: `[12]` is
 * the default (no token); the other forms are named so diplomatic output reproduces them. */
static const char *label_rend(const char *t, size_t ml)
{
    if (ml == 0 || t[0] == '[' || t[0] == '*')
        return NULL;
    if (t[0] == '(')
        return "label-parenthesized";
    if (t[ml - 1] >= '0' && t[ml - 1] <= '9')
        return "label-bare"; /* `1 Neville Chamberlain.` */
    return t[ml - 1] == '.' ? "label-period" : t[ml - 1] == ')' ? "label-paren-close" : NULL;
}

/* A bare number opening a notes-section line (`1 Neville Chamberlain.`, as DFAT's volumes
 * print their notes): a marker only when it is the number the notes are at (1 first, then
 * the last note's number + 1) and a capital follows its space, so a continuation line that
 * starts with a figure stays a continuation. Its length, the number in n; else 0. */
static size_t bare_marker(const tk_footnotes *f, const char *t, size_t len, char *n)
{
    size_t i = 0;
    long v = 0;
    while (i < len && i < 3 && t[i] >= '0' && t[i] <= '9')
        v = v * 10 + (t[i++] - '0');
    if (i == 0 || i + 1 >= len || t[i] != ' ' ||
        !((t[i + 1] >= 'A' && t[i + 1] <= 'Z') || (unsigned char)t[i + 1] >= 0xC3))
        return 0;
    long want = f->n_notes == 0 ? 1 : strtol(f->notes[f->n_notes - 1].n, NULL, 10) + 1;
    if (v != want)
        return 0;
    memcpy(n, t, i);
    n[i] = '\0';
    return i;
}

/* Adds the token tok to el's @rend (space-separated), once. */
static void add_rend_token(xmlNodePtr el, const char *tok)
{
    xmlChar *old = xmlGetProp(el, (const xmlChar *)"rend");
    if (old == NULL) {
        tk_xset_prop(el, (const xmlChar *)"rend", (const xmlChar *)tok);
        return;
    }
    char buf[128];
    snprintf(buf, sizeof buf, "%s %s", (const char *)old, tok);
    tk_xset_prop(el, (const xmlChar *)"rend", (const xmlChar *)buf);
    xmlFree(old);
}

static size_t note_marker(const char *t, size_t len, char *n, size_t ncap)
{
    size_t i = 0, k = 0;
    if (len == 0)
        return 0;
    if (t[0] == '[' || t[0] == '(') {
        char close = t[0] == '[' ? ']' : ')';
        i = 1;
        while (i < len && i < 8 && t[i] != close)
            i++;
        if (i >= len || t[i] != close || i == 1)
            return 0;
        size_t nl = i - 1;
        for (size_t j = 1; j < i; j++)
            if (!(t[j] >= '0' && t[j] <= '9') && nl > 3)
                return 0;
        if (nl >= ncap)
            return 0;
        memcpy(n, t + 1, nl);
        n[nl] = '\0';
        /* a number, a number with one letter ([12a]), or a symbol marker ([*], [†]) */
        int digits = 1;
        for (size_t j = 0; j < nl; j++)
            if ((n[j] < '0' || n[j] > '9') &&
                !(j > 0 && j + 1 == nl && n[j] >= 'a' && n[j] <= 'z' && n[0] <= '9'))
                digits = 0;
        if (!digits && !(nl == 1 && n[0] == '*') && strcmp(n, "\xe2\x80\xa0") != 0 &&
            strcmp(n, "\xe2\x80\xa1") != 0 && strcmp(n, "\xc2\xa7") != 0)
            return 0;
        return i + 1;
    }
    while (i < len && i < 3 && t[i] >= '0' && t[i] <= '9')
        n[k++] = t[i++];
    if (k > 0 && i < len && (t[i] == '.' || t[i] == ')') && i + 1 < len && t[i + 1] == ' ') {
        n[k] = '\0';
        return i + 1;
    }
    if (t[0] == '*' && len > 1 && t[1] == ' ') {
        strcpy(n, "*");
        return 1;
    }
    return 0;
}

int tk_footnotes_add_line(tk_conv *cv, const tk_span *line)
{
    tk_footnotes *f = cv->footnotes;
    char n[16];
    size_t ml = note_marker(line->text, line->len, n, sizeof n);
    if (ml == 0)
        ml = bare_marker(f, line->text, line->len, n);
    size_t s = ml;
    while (s < line->len && (line->text[s] == ' ' || line->text[s] == '\t'))
        s++;
    if (ml == 0) {
        /* a continuation line of the previous note */
        if (f->n_notes == 0 || line->len == 0)
            return 0;
        tk_fn_text *t = &f->notes[f->n_notes - 1];
        size_t nl = t->n_lines + line->n_lines;
        t->text = tk_xrealloc(t->text, t->len + 1 + line->len + 1);
        t->line_start = tk_xrealloc(t->line_start, nl * sizeof *t->line_start);
        t->line_no = tk_xrealloc(t->line_no, nl * sizeof *t->line_no);
        t->line_col = tk_xrealloc(t->line_col, nl * sizeof *t->line_col);
        t->text[t->len++] = '\n';
        for (size_t i = 0; i < line->n_lines; i++) {
            t->line_start[t->n_lines + i] = t->len + line->line_start[i];
            t->line_no[t->n_lines + i] = line->line_no[i];
            t->line_col[t->n_lines + i] = line->line_col[i];
        }
        memcpy(t->text + t->len, line->text, line->len);
        t->len += line->len;
        t->text[t->len] = '\0';
        t->n_lines = nl;
        return 1;
    }
    if (tk_grow((void **)&f->notes, &f->cap_notes, f->n_notes, sizeof *f->notes, 16) != 0)
        return 0;
    tk_fn_text *t = &f->notes[f->n_notes];
    memset(t, 0, sizeof *t);
    strcpy(t->n, n);
    t->label_rend = label_rend(line->text, ml);
    t->len = line->len - s;
    t->text = tk_xmalloc(t->len + 1);
    t->line_start = tk_xmalloc(line->n_lines * sizeof *t->line_start);
    t->line_no = tk_xmalloc(line->n_lines * sizeof *t->line_no);
    t->line_col = tk_xmalloc(line->n_lines * sizeof *t->line_col);
    memcpy(t->text, line->text + s, t->len);
    t->text[t->len] = '\0';
    unsigned l0, c0;
    tk_span_pos(line, s, &l0, &c0);
    t->line = l0;
    t->col = c0;
    t->n_lines = 1;
    t->line_start[0] = 0;
    t->line_no[0] = l0;
    t->line_col[0] = c0;
    /* further lines of a multi-line span */
    for (size_t i = 1; i < line->n_lines; i++) {
        if (line->line_start[i] < s)
            continue;
        t->line_start[t->n_lines] = line->line_start[i] - s;
        t->line_no[t->n_lines] = line->line_no[i];
        t->line_col[t->n_lines] = line->line_col[i];
        t->n_lines++;
    }
    f->n_notes++;
    if (cv->explain && tk_diag_notes_enabled(cv->diag))
        TK_MSG(cv->diag, FOOTNOTE_TEXT, cv->file, l0, c0, n);
    return 1;
}

static int before(unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
    return l1 < l2 || (l1 == l2 && c1 < c2);
}

/* TEI/text/body and TEI/text of the document (NULL when absent). */
static xmlNodePtr child_named(xmlNodePtr parent, const char *name)
{
    if (parent == NULL)
        return NULL;
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

/* text/back/div[@type='notes'], made when absent (NULL without a TEI text element). */
static xmlNodePtr notes_division(tk_conv *cv)
{
    if (cv->text == NULL)
        return NULL;
    xmlNodePtr back = child_named(cv->text, "back");
    if (back == NULL && (back = tk_el(cv, cv->text, "back")) == NULL)
        return NULL;
    for (xmlNodePtr c = back->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "div") == 0) {
            xmlChar *type = xmlGetProp(c, (const xmlChar *)"type");
            int notes = type != NULL && strcmp((const char *)type, "notes") == 0;
            xmlFree(type);
            if (notes)
                return c;
        }
    xmlNodePtr div = tk_el(cv, back, "div");
    if (div != NULL)
        tk_xset_prop(div, (const xmlChar *)"type", (const xmlChar *)"notes");
    return div;
}

/* A notes division left with nothing but its heading, when the heading is only the label
 * the renderers print themselves ("Footnotes:"): removed (with back when it empties). */
static void drop_empty_notes(tk_conv *cv)
{
    static const char *const labels[] = {"Footnotes:", "Footnotes", "FOOTNOTES:", "FOOTNOTES"};
    xmlNodePtr back = cv->text != NULL ? child_named(cv->text, "back") : NULL;
    xmlNodePtr div = back != NULL ? child_named(back, "div") : NULL;
    if (div == NULL)
        return;
    xmlNodePtr head = NULL;
    for (xmlNodePtr c = div->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (head != NULL || strcmp((const char *)c->name, "head") != 0)
            return;
        head = c;
    }
    if (head != NULL) {
        xmlChar *txt = xmlNodeGetContent(head);
        int label = 0;
        for (size_t i = 0; txt != NULL && i < sizeof labels / sizeof *labels; i++)
            if (strcmp((const char *)txt, labels[i]) == 0)
                label = 1;
        xmlFree(txt);
        if (!label)
            return;
    }
    xmlUnlinkNode(div);
    xmlFreeNode(div);
    for (xmlNodePtr c = back->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return;
    xmlUnlinkNode(back);
    xmlFreeNode(back);
}

static int cmp_marker(const void *a, const void *b)
{
    const tk_fn_marker *x = a, *y = b;
    int c = strcmp(x->n, y->n);
    if (c != 0)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Markers no note text joined: a weak one ((1), a detached [1]) was text after all and goes
 * back to text; the others stay empty, with a warning. Empties the marker list. */
static void settle_unmatched(tk_conv *cv)
{
    tk_footnotes *f = cv->footnotes;
    for (size_t k = 0; k < f->n_markers; k++) {
        tk_fn_marker *m = &f->markers[k];
        if (m->matched)
            continue;
        if (m->weak) {
            /* (1) or a detached [1] that no note confirms: it was text after all */
            xmlNodePtr txt = tk_xnew_doc_text(cv->doc, (const xmlChar *)m->literal);
            if (txt != NULL) {
                xmlReplaceNode(m->note, txt);
                xmlFreeNode(m->note);
            }
            if (cv->explain && tk_diag_notes_enabled(cv->diag))
                TK_MSG(cv->diag, FOOTNOTE_WEAK, cv->file, m->line, m->col, m->literal, m->n);
            continue;
        }
        TK_MSG(cv->diag, FOOTNOTE_MISSING, cv->file, m->line, m->col, m->n);
    }
    f->n_markers = 0;
}

int tk_footnotes_settle(tk_conv *cv)
{
    tk_footnotes *f = cv->footnotes;
    if (f->n_notes > 0)
        return 0;
    settle_unmatched(cv); /* no note text can come: the notes were read before the body */
    return 1;
}

void tk_footnotes_fill_begin(tk_conv *cv)
{
    tk_footnotes *f = cv->footnotes;
    /* each note text goes to the last marker with its number before it in the source:
     * markers sorted by (number, position), a binary search per note */
    if (f->n_markers > 1)
        qsort(f->markers, f->n_markers, sizeof *f->markers, cmp_marker);
}

int tk_footnotes_fill_next(tk_conv *cv, size_t *i, xmlNodePtr *target, tk_span *sp)
{
    tk_footnotes *f = cv->footnotes;
    for (; *i < f->n_notes; (*i)++) {
        tk_fn_text *t = &f->notes[*i];
        size_t lo = 0, hi = f->n_markers; /* first marker not before (n, line, col) */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const tk_fn_marker *m = &f->markers[mid];
            int c = strcmp(m->n, t->n);
            if (c < 0 || (c == 0 && before(m->line, m->col, t->line, t->col)))
                lo = mid + 1;
            else
                hi = mid;
        }
        tk_fn_marker *best = NULL;
        /* an empty note text (`[1] ` and nothing after) joins no marker: the marker would
           print its number once and the notes list nothing for it (the source has both) */
        size_t w = 0;
        while (w < t->len && (t->text[w] == ' ' || t->text[w] == '\t' || t->text[w] == '\r'))
            w++;
        for (size_t k = w < t->len ? lo : 0; k > 0; k--) {
            tk_fn_marker *m = &f->markers[k - 1];
            if (strcmp(m->n, t->n) != 0)
                break;
            if (!m->matched) {
                best = m;
                break;
            }
        }
        *sp = (tk_span){t->text, t->len, t->n_lines, t->line_start, t->line_no, t->line_col};
        if (best != NULL) {
            best->matched = 1;
            *target = best->note;
            if (cv->explain && tk_diag_notes_enabled(cv->diag))
                TK_MSG(cv->diag, FOOTNOTE_JOIN, cv->file, t->line, t->col, t->n, best->line, best->col);
        } else {
            /* kept in the notes section, never glued to the last paragraph */
            xmlNodePtr parent = notes_division(cv); /* NULL without a TEI text element */
            TK_MSG(cv->diag, FOOTNOTE_UNUSED, cv->file, t->line, t->col, t->n);
            (*i)++;
            *target = parent != NULL ? tk_footnotes_unanchored(cv, parent, *i - 1) : NULL;
            return 1;
        }
        if (t->label_rend != NULL)
            add_rend_token(*target, t->label_rend);
        (*i)++;
        return 1;
    }
    return 0;
}

xmlNodePtr tk_footnotes_unanchored(tk_conv *cv, xmlNodePtr parent, size_t i)
{
    const tk_fn_text *t = &cv->footnotes->notes[i];
    if (parent == NULL)
        return NULL;
    xmlNodePtr note = tk_el(cv, parent, "note");
    tk_xnew_prop(note, (const xmlChar *)"place", (const xmlChar *)"foot");
    tk_xnew_prop(note, (const xmlChar *)"type", (const xmlChar *)"unanchored");
    tk_xnew_prop(note, (const xmlChar *)"n", (const xmlChar *)t->n);
    if (t->label_rend != NULL)
        add_rend_token(note, t->label_rend);
    return note;
}

void tk_footnotes_fill_end(tk_conv *cv)
{
    tk_footnotes *f = cv->footnotes;
    settle_unmatched(cv);
    drop_empty_notes(cv);
    for (size_t i = 0; i < f->n_notes; i++) {
        free(f->notes[i].text);
        free(f->notes[i].line_start);
        free(f->notes[i].line_no);
        free(f->notes[i].line_col);
    }
    f->n_notes = 0;
}
