/* tei.c: builds the TEI text (body, back) of one document from its blocks; when the
 * conversion streams, hands each finished part of the body to the serializer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tk_internal.h"

/* ------------------------------------------------------------------ spans */

typedef struct span_buf {
    char *text;
    size_t cap;
    size_t *starts;
    unsigned *nos, *cols;
    size_t lcap;
} span_buf;

/* Builds the span of lines [line, line + n) starting `off` bytes into the first line and
 * ending at byte `end_first` of the first line when n == 1 and end_first > 0. Continuation
 * lines lose their indentation; trailing blanks are trimmed. Returns 0 (out of memory aborts). */
static int make_span(span_buf *B, const tk_lines *L, size_t line, size_t n, size_t off,
                     size_t end_first, tk_span *sp)
{
    size_t need = 0;
    for (size_t i = 0; i < n; i++)
        need += L->v[line + i].len + 1;
    if (need + 1 > B->cap) {
        size_t cap = need + 1 > B->cap * 2 ? need + 1 : B->cap * 2;
        B->text = tk_xrealloc(B->text, cap);
        B->cap = cap;
    }
    if (n > B->lcap) {
        size_t cap = n > B->lcap * 2 ? n : B->lcap * 2;
        B->starts = tk_xrealloc(B->starts, cap * sizeof *B->starts);
        B->nos = tk_xrealloc(B->nos, cap * sizeof *B->nos);
        B->cols = tk_xrealloc(B->cols, cap * sizeof *B->cols);
        B->lcap = cap;
    }
    size_t w = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        const tk_line *l = &L->v[line + i];
        size_t a = i == 0 ? off : 0, e = l->len;
        if (i == 0 && n == 1 && end_first > 0 && end_first < e)
            e = end_first;
        if (i > 0)
            while (a < e && (l->s[a] == ' ' || l->s[a] == '\t'))
                a++;
        while (e > a && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
            e--;
        if (a > l->len)
            a = l->len;
        if (k > 0) {
            if (e <= a)
                continue; /* an empty continuation adds nothing */
            B->text[w++] = '\n';
        }
        B->starts[k] = w;
        B->nos[k] = l->no;
        B->cols[k] = tk_utf8_col(l->s, a);
        k++;
        if (e > a) {
            memcpy(B->text + w, l->s + a, e - a);
            w += e - a;
        }
    }
    B->text[w] = '\0';
    sp->text = B->text;
    sp->len = w;
    sp->n_lines = k;
    sp->line_start = B->starts;
    sp->line_no = B->nos;
    sp->line_col = B->cols;
    return 0;
}

/* ------------------------------------------------------------------ the builder */

typedef struct builder {
    tk_conv *cv;
    const tk_lines *L;
    const tk_docblocks *db;
    tk_docinfo *info;
    span_buf sb;
    xmlNodePtr text, body, back, notes_div;
    xmlNodePtr container;   /* body or the innermost div */
    xmlNodePtr act, scene;  /* play divisions */
    xmlNodePtr section;     /* div opened by a heading */
    xmlNodePtr part;        /* div of a record's part (covering document, enclosure) */
    xmlNodePtr sp;          /* open speaker turn */
    xmlNodePtr timed;       /* --spoken: the last turn's annotationBlock, its @end to come */
    int sp_has_speaker, sp_has_content;
    unsigned sp_line;
    xmlNodePtr list;        /* open list (in container or sp) */
    int list_labelled;      /* its items have labels (a numbered list: label/item pairs) */
    xmlNodePtr cast;        /* open castList (in container) */
    xmlNodePtr cast_group;  /* open castGroup (in cast) */
    xmlNodePtr opener;
    xmlNodePtr closer;      /* open closer (salute, signed) at the end of the container */
    xmlNodePtr postscript;  /* open postscript after the closer */
    xmlNodePtr table;       /* open table (TAB-separated rows) */
    xmlNodePtr quote;       /* open block quotation (p/quote) of TK_BF_QUOTE blocks */
    int oom;
} builder;

/* 1 when container c holds paragraph-level content (anything but head, opener, pb,
 * milestone, note, anchor), counting children already written by a streaming flush. */
static int container_has_common(xmlNodePtr c)
{
    if ((uintptr_t)c->_private & TK_NODE_COMMON)
        return 1;
    for (xmlNodePtr n = c->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = (const char *)n->name;
        if (strcmp(nm, "head") != 0 && strcmp(nm, "opener") != 0 && strcmp(nm, "pb") != 0 &&
            strcmp(nm, "milestone") != 0 && strcmp(nm, "note") != 0 &&
            strcmp(nm, "anchor") != 0)
            return 1;
    }
    return 0;
}

/* Closes the open turn; a turn without text gets an empty p (TEI requires one). */
static void close_sp(builder *b)
{
    if (b->sp != NULL && !b->sp_has_content) {
        if (b->sp_has_speaker)
            TK_MSG(b->cv->diag, EMPTY_TURN, b->cv->file, b->sp_line, 1);
        tk_el(b->cv, b->sp, "p");
    }
    if (b->sp != NULL && tk_spoken_on(b->cv, b->info->shape)) {
        tk_spoken_turn(b->cv, b->sp, NULL, NULL);
        tk_spoken_chain(&b->timed, b->sp);
    }
    b->sp = NULL;
    b->sp_has_speaker = b->sp_has_content = 0;
    b->list = NULL;
}

/* Appends the inline pass's rendering of block lines to a new element `name` under parent
 * (to parent itself when name is NULL). */
static xmlNodePtr text_el(builder *b, xmlNodePtr parent, const char *name, const tk_block *bl,
                          size_t end_first)
{
    tk_span sp;
    xmlNodePtr el = name != NULL ? tk_el(b->cv, parent, name) : parent;
    if (el == NULL) {
        b->oom = 1;
        return NULL;
    }
    if (make_span(&b->sb, b->L, bl->line, bl->n_lines, bl->off, end_first, &sp) != 0) {
        b->oom = 1;
        return el;
    }
    if (sp.len > 0)
        tk_inline_append(b->cv, el, &sp);
    return el;
}

/* The spaces and tabs that indent line l. */
static size_t leading_blanks(const tk_line *l)
{
    size_t a = 0;
    while (a < l->len && (l->s[a] == ' ' || l->s[a] == '\t'))
        a++;
    return a;
}

/* Where the role's name ends on a cast list line, from byte a to e: before ", ", " (",
 * two spaces, a tab, ": " or " }" ("Nora, his wife", "Anya (her daughter)", "Lane:
 * Mr. F. Kinsey Peile."); e when the whole line is the name. *desc: where the rest starts. */
static size_t role_end(const char *s, size_t a, size_t e, size_t *desc)
{
    for (size_t i = a + 1; i < e; i++) {
        char c = s[i], nx = i + 1 < e ? s[i + 1] : '\0';
        if (((c == ',' || c == ':') && nx == ' ') || c == '\t' ||
            (c == ' ' && (nx == '(' || nx == ' ' || nx == '}'))) {
            size_t d = i + (c == ',' || c == ':');
            while (d < e && (s[d] == ' ' || s[d] == '\t'))
                d++;
            *desc = d;
            return i;
        }
    }
    *desc = e;
    return e;
}

/* One line of a brace group of a cast list ("DOUGLAS GLYNN, ALBERT PALK, }" / "SIGISMUND
 * SHIRLEY   } (_Actors at the Pandora_)"): a castItem in the group's castGroup holding a
 * role per name, the commas and the brace as printed; the text after the brace is the
 * group's roleDesc. An opening brace ("Friends of Jack  { PETER BLACK") has the names after
 * it and the group's roleDesc before it, on any line of the group. */
static void cast_brace_line(builder *b, const tk_block *bl)
{
    const tk_line *l = &b->L->v[bl->line];
    size_t e = l->len, br = bl->off, ob = bl->off;
    while (e > bl->off && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t' || l->s[e - 1] == '\r'))
        e--;
    while (br < e && !(l->s[br] == '}' && br > bl->off && l->s[br - 1] == ' '))
        br++;
    /* an opening brace ("Friends of Jack  { PETER BLACK"): the description before it, the
       names after it */
    while (ob < e && !(l->s[ob] == '{' && (ob == bl->off || l->s[ob - 1] == ' ')))
        ob++;
    int opening = br >= e && ob < e;
    if ((bl->flags & TK_BF_BRACE_OPEN) || b->cast_group == NULL ||
        b->cast_group != b->cast->last)
        b->cast_group = tk_el(b->cv, b->cast, "castGroup");
    tk_span sp;
    xmlNodePtr el;
    size_t names = bl->off; /* where the names start */
    if (opening) {
        size_t de = ob;
        while (de > bl->off && (l->s[de - 1] == ' ' || l->s[de - 1] == '\t'))
            de--;
        if (de > bl->off) {
            if (b->cast_group == NULL || (el = tk_el(b->cv, b->cast_group, "roleDesc")) == NULL ||
                make_span(&b->sb, b->L, bl->line, 1, bl->off, de, &sp) != 0) {
                b->oom = 1;
                return;
            }
            tk_inline_append(b->cv, el, &sp);
        }
        names = ob + 1;
        while (names < e && (l->s[names] == ' ' || l->s[names] == '\t'))
            names++;
        br = e;
    }
    xmlNodePtr item = b->cast_group ? tk_el(b->cv, b->cast_group, "castItem") : NULL;
    if (item == NULL) {
        b->oom = 1;
        return;
    }
    size_t part[16][2], at = bl->off;
    if (opening) {
        at = ob;
        while (at > bl->off && (l->s[at - 1] == ' ' || l->s[at - 1] == '\t'))
            at--; /* the blanks and the brace stay in the item, as printed */
    }
    size_t np = tk_joint_parts(l->s + names, br - names, 0, part, sizeof part / sizeof *part);
    for (size_t k = 0; k < np; k++) {
        part[k][0] += names - bl->off;
        part[k][1] += names - bl->off;
    }
    for (size_t k = 0; k < np; k++) {
        size_t a = bl->off + part[k][0], z = bl->off + part[k][1];
        if (a > at)
            tk_text(item, l->s + at, a - at);
        if ((el = tk_el(b->cv, item, "role")) == NULL ||
            make_span(&b->sb, b->L, bl->line, 1, a, z, &sp) != 0) {
            b->oom = 1;
            return;
        }
        tk_inline_append(b->cv, el, &sp);
        at = z;
    }
    size_t d = br < e ? br + 1 : e; /* the brace stays in the item */
    if (d > at)
        tk_text(item, l->s + at, d - at);
    while (d < e && (l->s[d] == ' ' || l->s[d] == '\t'))
        d++;
    if (d >= e)
        return;
    if ((el = tk_el(b->cv, b->cast_group, "roleDesc")) == NULL ||
        make_span(&b->sb, b->L, bl->line, 1, d, e, &sp) != 0) {
        b->oom = 1;
        return;
    }
    tk_inline_append(b->cv, el, &sp);
}

/* One castItem: role (the name) and roleDesc (the rest of the line and the lines after it),
 * the separator between them as printed. */
static void cast_item(builder *b, const tk_block *bl)
{
    if (bl->flags & TK_BF_BRACE) {
        cast_brace_line(b, bl);
        return;
    }
    const tk_line *l = &b->L->v[bl->line];
    size_t e = l->len, desc;
    while (e > bl->off && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t' || l->s[e - 1] == '\r'))
        e--;
    xmlNodePtr item = tk_el(b->cv, b->cast, "castItem"), el;
    size_t re = role_end(l->s, bl->off, e, &desc);
    tk_span sp;
    if (item == NULL || (el = tk_el(b->cv, item, "role")) == NULL ||
        make_span(&b->sb, b->L, bl->line, 1, bl->off, re, &sp) != 0) {
        b->oom = 1;
        return;
    }
    tk_inline_append(b->cv, el, &sp);
    if (desc > re)
        tk_text(item, l->s + re, desc - re);
    if (desc >= e && bl->n_lines < 2)
        return;
    if (desc >= e) /* the description on the next lines */
        tk_text(item, "\n", 1);
    el = tk_el(b->cv, item, "roleDesc");
    if (el == NULL ||
        (desc < e ? make_span(&b->sb, b->L, bl->line, bl->n_lines, desc, 0, &sp)
                  : make_span(&b->sb, b->L, bl->line + 1, bl->n_lines - 1,
                              leading_blanks(&b->L->v[bl->line + 1]), 0, &sp)) != 0) {
        b->oom = 1;
        return;
    }
    tk_inline_append(b->cv, el, &sp);
}

/* Where common content (p, list, sp, stage) goes now. */
static xmlNodePtr target(builder *b)
{
    return b->quote != NULL ? b->quote : b->sp != NULL ? b->sp : b->container;
}

static void add_p(builder *b, const tk_block *bl, const char *name)
{
    b->list = NULL;
    if (b->sp != NULL)
        b->sp_has_content = 1;
    text_el(b, target(b), name, bl, 0);
}

/* 1 when a list marker (`1.`, `(a)`, `iv)`, `“1.`) numbers its item; 0 for a bullet (`-`,
 * `*`, `•`). */
static int numbered_marker(const char *m, size_t len)
{
    return !((len == 1 && (m[0] == '-' || m[0] == '*')) ||
             (len == 3 && memcmp(m, "\xe2\x80\xa2", 3) == 0));
}

/* 1 when element e's attribute `name` is v. */
static int attr_is(xmlNodePtr e, const char *name, const char *v)
{
    xmlChar *r = xmlGetProp(e, (const xmlChar *)name);
    int same = r != NULL && strcmp((const char *)r, v) == 0;
    xmlFree(r);
    return same;
}

static int rend_is(xmlNodePtr e, const char *v) { return attr_is(e, "rend", v); }
static int type_is(xmlNodePtr e, const char *v) { return attr_is(e, "type", v); }

/* 1 when node n is the element `name`. */
static int is_el(xmlNodePtr n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The last element child of n that is no page break (the list or item a page break
 * followed), NULL when none. */
static xmlNodePtr last_el(xmlNodePtr n)
{
    for (xmlNodePtr c = n->last; c != NULL; c = c->prev)
        if (c->type == XML_ELEMENT_NODE && !is_el(c, "pb") && !is_el(c, "milestone"))
            return c;
    return NULL;
}

/* The last item of list l, NULL when none. */
static xmlNodePtr last_item(xmlNodePtr l)
{
    xmlNodePtr c = l->last;
    while (c != NULL && !is_el(c, "item"))
        c = c->prev;
    return c;
}

/* The open list of nesting level `level` (0: b->list, open when it is the last thing of the
 * container; level d + 1: the list that ends the last item of level d), NULL when none. */
static xmlNodePtr open_list_at(builder *b, unsigned level)
{
    xmlNodePtr l = b->list;
    if (l == NULL || l != target(b)->last)
        return NULL;
    for (unsigned d = 0; d < level && l != NULL; d++) {
        xmlNodePtr it = last_item(l), e = it != NULL ? last_el(it) : NULL;
        l = is_el(e, "list") ? e : NULL;
    }
    return l;
}

/* Moves what stands after the last items of the open lists of levels 0 to `level` (a page
 * break, which goes into the outermost list) to the end of `to`; 1 when something moved. */
static int adopt_after(builder *b, unsigned level, xmlNodePtr to)
{
    int moved = 0;
    for (unsigned d = 0; d <= level; d++) {
        xmlNodePtr l = open_list_at(b, d), n = l != NULL ? last_item(l) : NULL;
        while (n != NULL && n->next != NULL) {
            xmlNodePtr c = n->next;
            if (c == to)
                break;
            xmlUnlinkNode(c);
            xmlAddChild(to, c);
            moved = 1;
        }
    }
    return moved;
}

/* A further paragraph of an open item (TK_BF_ITEM_MORE; the item of bl->level): the item's
 * text when it has none yet (a marker alone on its line), else a p, the item's own words
 * before it (up to a list in it) wrapped in a p of their own; what stands after the item in
 * its list (a page break) moves into it first. Without an open list: a paragraph. */
static void item_paragraph(builder *b, const tk_block *bl)
{
    xmlNodePtr list = open_list_at(b, bl->level), item = list != NULL ? last_item(list) : NULL;
    if (item == NULL) {
        add_p(b, bl, "p");
        return;
    }
    int empty = 1, has_p = 0;
    xmlNodePtr block = NULL; /* the item's first list or p */
    for (xmlNodePtr c = item->children; c != NULL; c = c->next) {
        if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
            continue;
        empty = 0;
        has_p |= is_el(c, "p");
        if (block == NULL && (is_el(c, "p") || is_el(c, "list") || is_el(c, "table")))
            block = c;
    }
    if (!empty && !has_p && block != item->children) { /* the item's words: its first p */
        xmlNodePtr p = tk_el(b->cv, NULL, "p");
        while (item->children != block) {
            xmlNodePtr c = item->children;
            xmlUnlinkNode(c);
            xmlAddChild(p, c);
        }
        if (block != NULL)
            xmlAddPrevSibling(block, p);
        else
            xmlAddChild(item, p);
    }
    int moved = adopt_after(b, bl->level, item); /* a page break between the paragraphs */
    if (empty && moved) /* the break and the text after it stay apart, as printed */
        tk_text(item, "\n", 1);
    text_el(b, item, empty ? NULL : "p", bl, 0);
}

/* 1 when list l is one of label/item pairs (its first label or item is a label). */
static int labelled_list(xmlNodePtr l)
{
    for (xmlNodePtr c = l->children; c != NULL; c = c->next)
        if (is_el(c, "label") || is_el(c, "item"))
            return is_el(c, "label");
    return 0;
}

/* The list an item of nesting level > 0 goes into: the list that ends the last item of the
 * level above when it has the item's kind (rend, labels), else a new one there (what stood
 * after that item, a page break, moves into it). NULL when the level above is not open. */
static xmlNodePtr nested_list(builder *b, unsigned level, const char *rend, int labelled)
{
    xmlNodePtr up = open_list_at(b, level - 1), item = up != NULL ? last_item(up) : NULL;
    if (item == NULL)
        return NULL;
    xmlNodePtr l = last_el(item);
    if (!(is_el(l, "list") && item->last == l && rend_is(l, rend) &&
          labelled_list(l) == labelled)) {
        l = tk_el(b->cv, item, "list");
        tk_xset_prop(l, (const xmlChar *)"rend", (const xmlChar *)rend);
    }
    adopt_after(b, level - 1, l);
    return l;
}

/* A verse line that prints its number (blocks.c mark_line_numbers): l/@n, the number
 * out of the text, @rend "numbered" (at the line's end) or "numbered number-first". */
static void line_numbered(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_block t = *bl;
    size_t end = 0;
    if (bl->flags & TK_BF_LINE_N_START) {
        t.off = bl->label_off + bl->label_len;
        while (t.off < l->len && (l->s[t.off] == ' ' || l->s[t.off] == '\t'))
            t.off++;
    } else {
        end = bl->label_off;
        while (end > bl->off && (l->s[end - 1] == ' ' || l->s[end - 1] == '\t'))
            end--;
    }
    b->list = NULL;
    if (b->sp != NULL)
        b->sp_has_content = 1;
    xmlNodePtr el = text_el(b, target(b), "l", &t, end);
    if (el == NULL)
        return;
    char n[8];
    snprintf(n, sizeof n, "%.*s", (int)(bl->label_len < 7 ? bl->label_len : 7), l->s + bl->label_off);
    tk_xset_prop(el, (const xmlChar *)"n", (const xmlChar *)n);
    tk_xset_prop(el, (const xmlChar *)"rend",
               (const xmlChar *)(bl->flags & TK_BF_LINE_N_START ? "numbered number-first"
                                                                 : "numbered"));
}

/* The page break that paragraph p holds alone (blanks apart), else NULL. */
static xmlNodePtr only_page_break(xmlNodePtr p)
{
    xmlNodePtr pb = NULL;
    if (p == NULL || p->type != XML_ELEMENT_NODE || strcmp((const char *)p->name, "p") != 0)
        return NULL;
    for (xmlNodePtr c = p->children; c != NULL; c = c->next) {
        if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
            continue;
        if (pb != NULL || c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "pb") != 0)
            return NULL;
        pb = c;
    }
    return pb;
}

/* A paragraph that holds nothing but a page break (`[Page 12]` on a line of its own) is
 * no paragraph: the pb replaces it, inside the list that was open before it (the list
 * goes on across the page). */
static void lone_page_break(builder *b, xmlNodePtr list)
{
    xmlNodePtr p = target(b)->last, pb = only_page_break(p);
    if (pb == NULL)
        return;
    xmlUnlinkNode(pb);
    if (list != NULL && p->prev == list) {
        xmlAddChild(list, pb);
        b->list = list;
    } else {
        xmlAddPrevSibling(p, pb);
    }
    tk_inline_forget_parent(b->cv, p);
    xmlUnlinkNode(p);
    xmlFreeNode(p);
}

/* A TK_BF_JOIN paragraph: its text goes on at the end of the paragraph before it (the page
 * breaks that stand between them taken into it); 0 when no paragraph comes before it. */
static int join_paragraph(builder *b, const tk_block *bl)
{
    xmlNodePtr prev = target(b)->last;
    while (prev != NULL && (prev->type != XML_ELEMENT_NODE || is_el(prev, "pb")))
        prev = prev->prev;
    if (!is_el(prev, "p"))
        return 0;
    for (xmlNodePtr n = prev->next, nx; n != NULL; n = nx) {
        nx = n->next;
        if (is_el(n, "pb")) {
            xmlUnlinkNode(n);
            tk_text(prev, " ", 1);
            xmlAddChild(prev, n);
        }
    }
    tk_text(prev, " ", 1);
    text_el(b, prev, NULL, bl, 0);
    return 1;
}

/* The timestamp "[00:12:34]" (or "00 00 01 02" in columns) at bytes [a, e) of line l as an
 * anchor in the open turn; when the inline side does not take it, it stays as text in an
 * inline note. */
static void timestamp(builder *b, const tk_line *l, size_t a, size_t e)
{
    char colon[24], printed[64];
    xmlNodePtr an;
    while (e > a && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
        e--;
    if (e - a >= 2 && l->s[a] == '[' && l->s[e - 1] == ']' &&
        tk_timestamp_anchor(b->cv, b->sp, l->s + a + 1, e - a - 2) != NULL)
        return;
    /* a time in columns: the anchor of its colon form, printed as it stands (@n, bare) */
    if (e - a < sizeof printed && tk_column_stamp(l->s + a, l->len - a, colon, sizeof colon) == e - a &&
        (an = tk_timestamp_anchor(b->cv, b->sp, colon, strlen(colon))) != NULL) {
        tk_strput(printed, sizeof printed, 0, l->s + a, e - a);
        tk_xset_prop(an, (const xmlChar *)"n", (const xmlChar *)printed);
        tk_xset_prop(an, (const xmlChar *)"rend", (const xmlChar *)"bare");
        return;
    }
    xmlNodePtr n = tk_el(b->cv, b->sp, "note");
    if (n == NULL)
        return;
    tk_xset_prop(n, (const xmlChar *)"type", (const xmlChar *)"timestamp");
    tk_text(n, l->s + a, e - a);
    TK_MSG(b->cv->diag, TIMESTAMP_TURN, b->cv->file, l->no, tk_utf8_col(l->s, a));
}

static void open_section(builder *b, const tk_block *bl, const char *type)
{
    close_sp(b);
    b->list = NULL;
    b->opener = NULL;
    xmlNodePtr parent = b->body;
    int act = strcmp(type, "section") != 0 && strcmp(type, "scene") != 0;
    if (strcmp(type, "scene") == 0 && b->act != NULL)
        parent = b->act;
    else if (strcmp(type, "section") == 0)
        parent = b->scene != NULL ? b->scene : b->act != NULL ? b->act
                                             : b->part != NULL ? b->part : b->body;
    xmlNodePtr div = tk_el(b->cv, parent, "div");
    if (div == NULL) {
        b->oom = 1;
        return;
    }
    tk_xset_prop(div, (const xmlChar *)"type", (const xmlChar *)type);
    text_el(b, div, "head", bl, bl->label_len);
    if (act) {
        b->act = div;
        b->scene = NULL;
    } else if (strcmp(type, "scene") == 0) {
        b->scene = div;
    }
    b->section = div;
    b->container = div;
    b->info->n_heads++;
}

/* Opens the division of a part of a record (TK_BF_PART) in the body: the covering
 * document or an enclosure, each with its own head, opener and closer (TEI allows no
 * division after a closer, so the covering paper is a division too). */
static void open_part(builder *b, const char *type)
{
    close_sp(b);
    b->list = b->opener = b->closer = NULL;
    b->section = b->act = b->scene = NULL;
    xmlNodePtr div = tk_el(b->cv, b->body, "div");
    if (div == NULL) {
        b->oom = 1;
        return;
    }
    tk_xset_prop(div, (const xmlChar *)"type", (const xmlChar *)type);
    b->part = b->container = div;
}

static char *line_text(const tk_lines *L, const tk_block *bl)
{
    size_t cap = 0;
    for (size_t i = 0; i < bl->n_lines; i++)
        cap += L->v[bl->line + i].len + 1;
    char *s = tk_xmalloc(cap + 1);
    size_t w = 0;
    for (size_t i = 0; i < bl->n_lines; i++) {
        const tk_line *l = &L->v[bl->line + i];
        size_t a = i == 0 ? bl->off : 0, e = l->len;
        while (a < e && (l->s[a] == ' ' || l->s[a] == '\t'))
            a++;
        while (e > a && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
            e--;
        if (w > 0 && e > a)
            s[w++] = ' ';
        memcpy(s + w, l->s + a, e - a);
        w += e - a;
    }
    s[w] = '\0';
    return s;
}

/* Sets @who of the open turn from the block's label: the name in it (a qualifier, the
 * markup and the colon left out), nothing for a role (QUESTION, ?). */
static void set_who(builder *b, const tk_block *bl, const tk_line *l)
{
    if (bl->flags & TK_BF_ROLE)
        return;
    if (bl->flags & TK_BF_JOINT) { /* who="#a #b": one person per name */
        char ref[512];
        size_t w = 0, part[16][2];
        const char *s = l->s + (bl->name_len > 0 ? bl->name_off : bl->label_off);
        size_t np = tk_joint_parts(s, bl->name_len > 0 ? bl->name_len : bl->label_len, 1, part,
                                   sizeof part / sizeof *part);
        for (size_t k = 0; k < np; k++) {
            const char *who =
                tk_persons_speaker(b->cv->persons, s + part[k][0], part[k][1] - part[k][0]);
            if (who != NULL && w + strlen(who) + 3 < sizeof ref)
                w += (size_t)snprintf(ref + w, sizeof ref - w, "%s#%s", w ? " " : "", who);
        }
        if (w > 0)
            tk_xset_prop(b->sp, (const xmlChar *)"who", (const xmlChar *)ref);
        return;
    }
    const char *who = bl->name_len > 0
                          ? tk_persons_speaker(b->cv->persons, l->s + bl->name_off, bl->name_len)
                          : tk_persons_speaker(b->cv->persons, l->s + bl->label_off, bl->label_len);
    if (who != NULL) {
        char ref[256];
        snprintf(ref, sizeof ref, "#%s", who);
        tk_xset_prop(b->sp, (const xmlChar *)"who", (const xmlChar *)ref);
    }
}

/* A stage direction; one wholly in square brackets keeps them as @rend (the inline pass
 * would take the bracket for an editor's). Returns it. */
static xmlNodePtr add_stage(builder *b, const tk_block *bl)
{
    tk_span sp;
    b->list = NULL;
    if (b->sp != NULL)
        b->sp_has_content = 1;
    xmlNodePtr el = tk_el(b->cv, target(b), "stage");
    if (el == NULL || make_span(&b->sb, b->L, bl->line, bl->n_lines, bl->off, 0, &sp) != 0) {
        b->oom = 1;
        return el;
    }
    int depth = 0, whole = sp.len >= 2 && sp.text[0] == '[' && sp.text[sp.len - 1] == ']';
    for (size_t i = 0; whole && i + 1 < sp.len; i++) {
        depth += sp.text[i] == '[';
        if (sp.text[i] == ']' && --depth <= 0)
            whole = 0;
    }
    /* a play's direction that opens a bracket and never closes it ("[Exit.") */
    int unclosed = !whole && sp.len >= 2 && sp.text[0] == '[' && memchr(sp.text, ']', sp.len) == NULL;
    if (whole || unclosed) {
        tk_xset_prop(el, (const xmlChar *)"rend",
                     (const xmlChar *)(whole ? "bracketed" : "bracketed unclosed"));
        sp.text++;
        sp.len -= whole ? 2 : 1;
        for (size_t i = 1; i < sp.n_lines; i++)
            b->sb.starts[i]--;
        b->sb.cols[0]++;
    }
    if (sp.len > 0)
        tk_inline_append(b->cv, el, &sp);
    return el;
}

/* A row of TAB-separated cells (a run of TABs separates two cells) in the open table, or a
 * new one; a page break that stands right after the open table goes into it (the table
 * goes on across the page). */
/* One `name` element under `parent` per column of a one-line block: columns apart by a TAB,
 * or also by TK_TH_COLUMN_GAP_SPACES spaces or more when `spaces` (signature blocks set side
 * by side, a table of figures typed with spaces). */
/* 1 when s[i..n) starts with TK_TH_COLUMN_GAP_SPACES spaces before more text. */
static int column_gap(const char *s, size_t i, size_t n)
{
    size_t k = 0;
    while (i + k < n && s[i + k] == ' ')
        k++;
    return k >= TK_TH_COLUMN_GAP_SPACES && i + k < n;
}

static void line_columns(builder *b, const tk_block *bl, const tk_line *l, xmlNodePtr parent,
                         const char *name, int spaces)
{
    size_t a = bl->off, n = l->len;
    while (n > a && (l->s[n - 1] == ' ' || l->s[n - 1] == '\t'))
        n--;
    if (!spaces) { /* TAB-separated: every TAB ends a cell, so two TABs hold an empty one */
        for (size_t i = 0; i < a; i++) /* a row's leading TABs: its first cells are empty */
            if (l->s[i] == '\t' && tk_el(b->cv, parent, name) == NULL)
                b->oom = 1;
        while (a < n) {
            const char *tab = memchr(l->s + a, '\t', n - a);
            size_t e = tab != NULL ? (size_t)(tab - l->s) : n;
            while (a < e && l->s[a] == ' ')
                a++;
            tk_block cell = *bl;
            cell.n_lines = 1;
            cell.off = a;
            text_el(b, parent, name, &cell, e < l->len ? e : 0);
            if (tab == NULL)
                break;
            a = e + 1;
        }
        for (size_t i = n; i < l->len; i++) /* trailing TABs: the last cells are empty */
            if (l->s[i] == '\t' && tk_el(b->cv, parent, name) == NULL)
                b->oom = 1;
        return;
    }
    while (a < n) {
        while (a < n && (l->s[a] == ' ' || l->s[a] == '\t'))
            a++;
        size_t e = a;
        while (e < n && l->s[e] != '\t' && !(spaces && column_gap(l->s, e, n)))
            e++;
        tk_block cell = *bl;
        cell.n_lines = 1;
        cell.off = a;
        text_el(b, parent, name, &cell, e < l->len ? e : 0);
        a = e;
    }
}

static void add_row(builder *b, const tk_block *bl, const tk_line *l)
{
    xmlNodePtr t = target(b), last = t->last;
    xmlNodePtr in = bl->flags & TK_BF_ITEM_MORE ? open_list_at(b, bl->level) : NULL;
    in = in != NULL ? last_item(in) : NULL;
    if (in != NULL) { /* a table inside the list item before it: the list stays open */
        t = in;
        last = NULL;
    } else {
        b->list = NULL;
    }
    if (b->table != NULL && last != NULL && last != b->table && last->prev == b->table &&
        last->type == XML_ELEMENT_NODE && strcmp((const char *)last->name, "pb") == 0) {
        xmlUnlinkNode(last);
        xmlAddChild(b->table, last);
    }
    if (b->table == NULL || b->table != t->last)
        b->table = tk_el(b->cv, t, "table");
    xmlNodePtr row = b->table != NULL ? tk_el(b->cv, b->table, "row") : NULL;
    if (row == NULL) {
        b->oom = 1;
        return;
    }
    line_columns(b, bl, l, row, "cell", (bl->flags & TK_BF_COLUMNS) != 0);
}

/* Opens the block quotation of a TK_BF_QUOTE block: a quote[@rend='blockquote'] at the
 * end of the paragraph before it, after a separating space; the blocks of the quotation go
 * into it (target). Without a paragraph before it, none: the blocks stand as they are. A
 * TK_BF_INNER block (a list the paragraph leads in to) goes into the paragraph itself. */
static void open_quote(builder *b, int inner)
{
    xmlNodePtr lead = target(b)->last;
    while (lead != NULL && lead->type == XML_TEXT_NODE && xmlIsBlankNode(lead))
        lead = lead->prev;
    if (!is_el(lead, "p"))
        return;
    tk_text(lead, " ", 1);
    b->list = b->table = NULL;
    if (inner) {
        b->quote = lead;
        return;
    }
    b->quote = tk_el(b->cv, lead, "quote");
    tk_xset_prop(b->quote, (const xmlChar *)"rend", (const xmlChar *)"blockquote");
}


/* The title, a dateline or an opener line (a file number, a classification): the head, or
 * opener/dateline, opener/seg, opener/note at the top; a paragraph once the text has begun.
 * The first title is the document's; a dateline gives the document's date (the one the
 * inline pass marked, else our own reading) when it has none yet. */
static void blk_front_line(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    if (bl->kind == TK_B_TITLE && b->info->title == NULL) {
        b->info->title = line_text(b->L, bl);
        b->info->title_line = l->no;
    }
    if (b->sp != NULL || container_has_common(b->container)) {
        add_p(b, bl, "p");
        return;
    }
    if (bl->kind == TK_B_TITLE) {
        text_el(b, b->container, "head", bl, 0);
        b->opener = NULL;
    } else {
        if (b->opener == NULL || b->opener != b->container->last)
            b->opener = tk_el(cv, b->container, "opener");
        int cls = bl->kind == TK_B_OPENER && (bl->flags & TK_BF_CLASS);
        xmlNodePtr dl = text_el(b, b->opener,
                                cls ? "note" : bl->kind == TK_B_OPENER ? "seg" : "dateline", bl, 0);
        if (cls && dl != NULL)
            tk_xset_prop(dl, (const xmlChar *)"type", (const xmlChar *)"classification");
        if (bl->kind == TK_B_OPENER)
            return;
        if (b->info->when[0] == '\0' && dl != NULL) {
            /* the date the inline pass marked, else our own reading */
            for (xmlNodePtr n = dl->children; n != NULL; n = n->next) {
                xmlChar *w = n->type == XML_ELEMENT_NODE &&
                                     strcmp((const char *)n->name, "date") == 0
                                 ? xmlGetProp(n, (const xmlChar *)"when")
                                 : NULL;
                if (w != NULL) {
                    snprintf(b->info->when, sizeof b->info->when, "%s", (const char *)w);
                    if (w[0] >= '0' && w[0] <= '9')
                        snprintf(cv->doc_year, sizeof cv->doc_year, "%.4s", (const char *)w);
                    xmlFree(w);
                    xmlChar *t = xmlNodeGetContent(n);
                    free(b->info->date_text);
                    b->info->date_text = t ? tk_xstrdup((const char *)t) : NULL;
                    xmlFree(t);
                    break;
                }
            }
            for (size_t i = 0; i < bl->n_lines && b->info->when[0] == '\0'; i++) {
                const tk_line *x = &b->L->v[bl->line + i];
                for (size_t k = 0; k < x->len && b->info->when[0] == '\0'; k++) {
                    if (k > 0 && x->s[k - 1] != ' ')
                        continue;
                    size_t used = tk_parse_date(x->s + k, x->len - k, b->info->when);
                    if (used > 0) {
                        free(b->info->date_text);
                        b->info->date_text = tk_xstrndup(x->s + k, used);
                    }
                }
            }
        }
    }
}

static void blk_head(builder *b, const tk_block *bl, const tk_line *l)
{
    open_section(b, bl, "section");
}

static void blk_act(builder *b, const tk_block *bl, const tk_line *l)
{
    open_section(b, bl, bl->divtype != NULL ? bl->divtype : "act");
}

static void blk_scene(builder *b, const tk_block *bl, const tk_line *l)
{
    open_section(b, bl, "scene");
}

/* A paragraph (in the open turn, list item or quotation: add_p); a TK_BF_JOIN paragraph
 * goes on at the end of the paragraph before it. */
static void blk_p(builder *b, const tk_block *bl, const tk_line *l)
{
    xmlNodePtr list = b->list;
    if ((bl->flags & TK_BF_JOIN) && join_paragraph(b, bl))
        return;
    if (bl->flags & TK_BF_BETWEEN)
        close_sp(b);
    add_p(b, bl, "p");
    lone_page_break(b, list);
}

/* A stage direction; outside a turn with --spoken, an event of its own. */
static void blk_stage(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    b->info->n_stage++;
    if (bl->flags & TK_BF_BETWEEN)
        close_sp(b);
    xmlNodePtr st = add_stage(b, bl);
    /* (in a turn: when the turn closes) */
    if (st != NULL && b->sp == NULL && tk_spoken_on(cv, b->info->shape))
        tk_spoken_event(cv, st);
}

/* A printed line of a play's speech, in the open turn (or a new one); a line that prints
 * its number: line_numbered. */
static void blk_l(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    if (b->sp == NULL) {
        b->sp = tk_el(cv, b->container, "sp");
        b->sp_line = l->no;
    }
    if (bl->flags & TK_BF_LINE_N) {
        line_numbered(b, bl, l);
        return;
    }
    add_p(b, bl, "l");
}

/* A list item: in the open list, a new list (numbered or bulleted, labelled or not), or a
 * list nested in the item above; a further paragraph of an open item (TK_BF_ITEM_MORE). */
static void blk_item(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    xmlNodePtr t = target(b);
    if (bl->flags & TK_BF_ITEM_MORE) {
        item_paragraph(b, bl);
        return;
    }
    int numbered = numbered_marker(l->s + bl->label_off, bl->label_len);
    int labelled = numbered && !(bl->flags & TK_BF_ITEM_WORD);
    const char *rend = numbered ? "numbered" : "bulleted";
    xmlNodePtr list = bl->level > 0 ? nested_list(b, bl->level, rend, labelled) : NULL;
    /* a new list: not into a roster, nor a bulleted item into a numbered list (TEI: all
       items of a list have a label or none) */
    if (list != NULL) {
        ; /* a list in the item above */
    } else if (b->list == NULL || b->list->parent != t || b->list != t->last ||
        xmlHasProp(b->list, (const xmlChar *)"type") != NULL ||
        !rend_is(b->list, rend) || b->list_labelled != labelled) {
        b->list = tk_el(cv, t, "list");
        if (b->list == NULL) {
            b->oom = 1;
            return;
        }
        tk_xset_prop(b->list, (const xmlChar *)"rend", (const xmlChar *)rend);
        b->list_labelled = labelled;
    }
    if (list == NULL)
        list = b->list;
    if (b->sp != NULL)
        b->sp_has_content = 1;
    if (labelled) { /* the printed number as the item's label (TEI list of label/item) */
        xmlNodePtr lab = tk_el(cv, list, "label");
        if (lab != NULL)
            tk_text(lab, l->s + bl->label_off, bl->label_len);
    }
    xmlNodePtr item = text_el(b, list, "item", bl, 0);
    if (item != NULL) {
        char n[32];
        snprintf(n, sizeof n, "%.*s", (int)bl->label_len, l->s + bl->label_off);
        tk_xset_prop(item, (const xmlChar *)"n", (const xmlChar *)n);
    }
    b->info->n_items++;
}

/* A timestamp on its own line: opens the turn it belongs to. */
static void blk_timestamp(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    close_sp(b);
    b->sp = tk_el(cv, b->container, "sp");
    b->sp_line = l->no;
    timestamp(b, l, 0, l->len);
}

/* A speaker turn: sp (a new one unless the open one is still empty), @who, an anchor for a
 * leading timestamp, the speaker as printed, and the text after it (a direction that opens
 * the speech as stage). */
static void blk_turn(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    if (b->sp == NULL || b->sp_has_speaker || b->sp_has_content) {
        close_sp(b);
        b->sp = tk_el(cv, b->container, "sp");
    }
    if (b->sp == NULL) {
        b->oom = 1;
        return;
    }
    b->sp_line = l->no;
    b->info->n_turns++;
    set_who(b, bl, l);
    /* a leading "[00:12:34] " becomes an anchor before the label (not the indent of
       a paragraph that opens indented) */
    if (bl->label_off > tk_line_indent(l))
        timestamp(b, l, 0, bl->label_off);
    xmlNodePtr spk = tk_el(cv, b->sp, "speaker");
    if (spk != NULL)
        tk_text(spk, l->s + bl->label_off, bl->label_len);
    b->sp_has_speaker = 1;
    if (bl->off < l->len || bl->n_lines > 1) {
        tk_span sp;
        size_t a = bl->off + bl->lead_stage; /* after a direction that opens the speech */
        xmlNodePtr p = NULL, lead;
        if (bl->lead_stage > 0 &&
            (p = tk_el(cv, b->sp, bl->flags & TK_BF_VERSE ? "l" : "p")) != NULL &&
            (lead = tk_el(cv, p, "stage")) != NULL &&
            make_span(&b->sb, b->L, bl->line, 1, bl->off, a, &sp) == 0)
            tk_inline_append(cv, lead, &sp);
        if (make_span(&b->sb, b->L, bl->line, bl->n_lines, a, 0, &sp) == 0 && sp.len > 0) {
            if (p == NULL)
                p = tk_el(cv, b->sp, bl->flags & TK_BF_VERSE ? "l" : "p");
            tk_inline_append(cv, p, &sp);
        }
        b->sp_has_content = p != NULL;
    }
    b->list = NULL;
}

/* A play's speaker name alone on its line: opens a turn. */
static void blk_speaker(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    close_sp(b);
    b->sp = tk_el(cv, b->container, "sp");
    b->sp_line = l->no;
    b->info->n_turns++;
    set_who(b, bl, l);
    xmlNodePtr spk = tk_el(cv, b->sp, "speaker");
    if (spk != NULL)
        tk_text(spk, l->s + bl->label_off, bl->label_len);
    b->sp_has_speaker = 1;
}

/* "_page : 9" -> pb[@n]; another unit -> milestone[@unit][@n]. */
static void blk_milestone(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    char unit[64];
    snprintf(unit, sizeof unit, "%.*s", (int)bl->label_len, l->s + bl->label_off);
    int page = strcmp(unit, "page") == 0;
    xmlNodePtr m = tk_el(cv, target(b), page ? "pb" : "milestone");
    if (m == NULL)
        return;
    size_t e = l->len;
    while (e > bl->off && (l->s[e - 1] == ' ' || l->s[e - 1] == '\t'))
        e--;
    if (!page)
        tk_xset_prop(m, (const xmlChar *)"unit", (const xmlChar *)unit);
    if (e > bl->off) {
        char *v = tk_xstrndup(l->s + bl->off, e - bl->off);
        if (v != NULL)
            tk_xset_prop(m, (const xmlChar *)"n", (const xmlChar *)v);
        free(v);
    }
}

/* A transcriber's comment line: note[@type='comment']. */
static void blk_comment(builder *b, const tk_block *bl, const tk_line *l)
{
    xmlNodePtr n = text_el(b, target(b), "note", bl, 0);
    if (n != NULL)
        tk_xset_prop(n, (const xmlChar *)"type", (const xmlChar *)"comment");
}

/* A salutation at the top: opener/salute (a paragraph once the text has begun). */
static void blk_salute(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    if (b->sp != NULL || container_has_common(b->container)) {
        add_p(b, bl, "p"); /* an opener stands only before the text */
        return;
    }
    if (b->opener == NULL || b->opener != b->container->last)
        b->opener = tk_el(cv, b->container, "opener");
    text_el(b, b->opener, "salute", bl, 0);
}

/* closer/salute, closer/signed, closer/seg: in the open closer or a new one. */
static void blk_closer(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    static const char *const names[] = {"salute", "signed", "seg"};
    xmlNodePtr t = target(b);
    b->list = NULL;
    /* a signature after a postscript (a certificate) is the postscript's closer */
    if (b->postscript != NULL && b->postscript == t->last)
        t = b->postscript;
    /* a body needs a paragraph-level element before its closer (TEI): one that has
       none yet (a heading and a signature only) gets an empty p first */
    if ((t == b->body || t == b->part) && !container_has_common(t))
        tk_el(cv, t, "p");
    if (b->closer == NULL || b->closer != t->last)
        b->closer = tk_el(cv, t, "closer");
    if (bl->flags & TK_BF_COLUMNS) { /* signature blocks side by side: one per column */
        line_columns(b, bl, l, b->closer, names[bl->kind - TK_B_CLOSE], 1);
        return;
    }
    text_el(b, b->closer, names[bl->kind - TK_B_CLOSE], bl, 0);
}

/* A roster's heading or one of its names: list[@type='participants'] (or 'simple' for a
 * programme), a name under a group's name in a list nested in its item. */
static void blk_roster(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    xmlNodePtr t = target(b);
    /* (a programme's lines: list[@type='simple'], not a roster) */
    const char *type = bl->flags & TK_BF_SCHEDULE ? "simple" : "participants";
    if (bl->kind == TK_B_ROSTER_HEAD || b->list == NULL || b->list != t->last ||
        !type_is(b->list, type)) {
        b->list = tk_el(cv, t, "list");
        if (b->list == NULL) {
            b->oom = 1;
            return;
        }
        tk_xset_prop(b->list, (const xmlChar *)"type", (const xmlChar *)type);
    }
    if (b->sp != NULL)
        b->sp_has_content = 1;
    xmlNodePtr in = b->list;
    if (bl->kind == TK_B_ROSTER_ITEM && bl->level > 0) { /* a name under a group's name */
        xmlNodePtr it = last_item(b->list), e = it != NULL ? last_el(it) : NULL;
        in = is_el(e, "list") ? e : it != NULL ? tk_el(cv, it, "list") : b->list;
        if (in == NULL) {
            b->oom = 1;
            return;
        }
        if (in != b->list && e != in)
            tk_xset_prop(in, (const xmlChar *)"type", (const xmlChar *)type);
    }
    text_el(b, in, bl->kind == TK_B_ROSTER_HEAD ? "head" : "item", bl, 0);
    if (bl->kind == TK_B_ROSTER_ITEM)
        b->info->n_items++;
}

/* A paragraph after the signature: postscript/p, in the open postscript or a new one. */
static void blk_postscript(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    xmlNodePtr t = target(b);
    if (b->postscript == NULL || b->postscript != t->last)
        b->postscript = tk_el(cv, t, "postscript");
    if (b->postscript == NULL) {
        b->oom = 1;
        return;
    }
    text_el(b, b->postscript, "p", bl, 0);
}

/* One line of TAB-separated cells: a row of the open table or a new one (add_row). */
static void blk_row(builder *b, const tk_block *bl, const tk_line *l)
{
    add_row(b, bl, l);
}

/* A cast list's heading or one of its roles: castList/head, castItem. */
static void blk_cast(builder *b, const tk_block *bl, const tk_line *l)
{
    tk_conv *cv = b->cv;
    close_sp(b);
    if (bl->kind == TK_B_CAST_HEAD || b->cast == NULL || b->cast != b->container->last) {
        b->cast = tk_el(cv, b->container, "castList");
        if (b->cast == NULL) {
            b->oom = 1;
            return;
        }
    }
    if (bl->kind == TK_B_CAST_HEAD)
        text_el(b, b->cast, "head", bl, 0);
    else
        cast_item(b, bl);
}

/* Notes are handled before the body. */
static void blk_none(builder *b, const tk_block *bl, const tk_line *l)
{
}

/* What each kind of block makes. */
static void (*const block_handlers[])(builder *b, const tk_block *bl, const tk_line *l) = {
    [TK_B_TITLE] = blk_front_line,
    [TK_B_DATELINE] = blk_front_line,
    [TK_B_OPENER] = blk_front_line,
    [TK_B_HEAD] = blk_head,
    [TK_B_ACT] = blk_act,
    [TK_B_SCENE] = blk_scene,
    [TK_B_P] = blk_p,
    [TK_B_STAGE] = blk_stage,
    [TK_B_L] = blk_l,
    [TK_B_ITEM] = blk_item,
    [TK_B_TIMESTAMP] = blk_timestamp,
    [TK_B_TURN] = blk_turn,
    [TK_B_SPEAKER] = blk_speaker,
    [TK_B_MILESTONE] = blk_milestone,
    [TK_B_COMMENT] = blk_comment,
    [TK_B_SALUTE] = blk_salute,
    [TK_B_CLOSE] = blk_closer,
    [TK_B_SIGNED] = blk_closer,
    [TK_B_CLOSE_SEG] = blk_closer,
    [TK_B_ROSTER_HEAD] = blk_roster,
    [TK_B_ROSTER_ITEM] = blk_roster,
    [TK_B_POSTSCRIPT] = blk_postscript,
    [TK_B_ROW] = blk_row,
    [TK_B_CAST_HEAD] = blk_cast,
    [TK_B_CAST_ITEM] = blk_cast,
    [TK_B_NOTES_HEAD] = blk_none,
    [TK_B_NOTE] = blk_none,
};
_Static_assert(sizeof block_handlers / sizeof *block_handlers == TK_B_KIND_COUNT,
               "block_handlers: one handler per tk_block_kind");

static void one_block(builder *b, const tk_block *bl)
{
    const tk_line *l = &b->L->v[bl->line];
    if (bl->flags & TK_BF_PART)
        open_part(b, bl->divtype);
    if (!(bl->flags & TK_BF_QUOTE)) {
        if (b->quote != NULL) /* the quotation ends: what follows is the paragraph's sibling */
            b->list = b->table = NULL;
        b->quote = NULL;
    } else if (b->quote == NULL) {
        open_quote(b, (bl->flags & TK_BF_INNER) != 0);
    }
    if (bl->kind < TK_B_KIND_COUNT)
        block_handlers[bl->kind](b, bl, l);
}

/* back/div[@type='notes'] (with the notes heading when there is one), made on first use. */
static xmlNodePtr notes_div(builder *b, const tk_block *head)
{
    if (b->notes_div != NULL)
        return b->notes_div;
    b->back = tk_el(b->cv, b->text, "back");
    b->notes_div = tk_el(b->cv, b->back, "div");
    if (b->notes_div == NULL) {
        b->oom = 1;
        return NULL;
    }
    tk_xset_prop(b->notes_div, (const xmlChar *)"type", (const xmlChar *)"notes");
    if (head != NULL)
        text_el(b, b->notes_div, "head", head, 0);
    return b->notes_div;
}

/* Hands the notes section to the footnotes module; what it does not take stays in back. */
static void notes_section(builder *b)
{
    const tk_block *head = NULL;
    for (size_t i = 0; i < b->db->n; i++) {
        const tk_block *bl = &b->db->b[i];
        if (bl->kind == TK_B_NOTES_HEAD) {
            head = bl;
            notes_div(b, head); /* the heading is text of the document: kept in back */
            continue;
        }
        if (bl->kind != TK_B_NOTE)
            continue;
        tk_span sp;
        if (make_span(&b->sb, b->L, bl->line, 1, 0, 0, &sp) != 0) {
            b->oom = 1;
            return;
        }
        b->info->n_notes_lines++;
        if (tk_footnotes_add_line(b->cv, &sp))
            continue;
        if (notes_div(b, head) == NULL)
            return;
        b->info->n_notes_kept++;
        text_el(b, b->notes_div, "p", bl, 0);
    }
}

/* Streaming: every few blocks, writes and frees the finished part of the body. The open
 * elements (the builder's pointers and their ancestors) are marked TK_NODE_KEEP for the
 * serializer and remember whether they had paragraph-level content. */
enum { FLUSH_EVERY = 16 };

static void mark_open(xmlNodePtr n, xmlNodePtr stop, int on)
{
    for (; n != NULL && n != stop; n = n->parent) {
        uintptr_t f = (uintptr_t)n->_private & ~(uintptr_t)(TK_NODE_KEEP | TK_NODE_TAG_DONE);
        if (on) {
            f |= TK_NODE_KEEP;
            if (container_has_common(n))
                f |= TK_NODE_COMMON;
            /* a turn may still get its @who (a timestamp line opens it, the label follows);
             * divisions are complete when opened */
            if (strcmp((const char *)n->name, "div") == 0)
                f |= TK_NODE_TAG_DONE;
        }
        n->_private = (void *)f;
    }
}

static void flush_finished(builder *b)
{
    tk_conv *cv = b->cv;
    /* (not inside an open block quotation: its paragraph is mixed content, written whole) */
    if (b->quote != NULL || !tk_inline_settle(cv) || cv->stream == NULL)
        return;
    /* the list and opener the builder only compares with the last child: forgotten when
     * something followed them, as the comparison would tell */
    if (b->list != NULL && b->list != b->list->parent->last)
        b->list = NULL;
    if (b->opener != NULL && b->opener != b->opener->parent->last)
        b->opener = NULL;
    if (b->closer != NULL && b->closer != b->closer->parent->last)
        b->closer = NULL;
    if (b->postscript != NULL && b->postscript != b->postscript->parent->last)
        b->postscript = NULL;
    if (b->table != NULL && b->table != b->table->parent->last)
        b->table = NULL;
    if (b->cast != NULL && b->cast != b->cast->parent->last)
        b->cast = NULL;
    xmlNodePtr open[] = {b->sp,      b->container, b->act,    b->scene,      b->section,
                         b->part,    b->list,      b->opener, b->closer,     b->postscript,
                         b->table,   b->cast,      b->timed};
    size_t n_open = sizeof open / sizeof *open;
    for (size_t i = 0; i < n_open; i++)
        mark_open(open[i], b->body, 1);
    mark_open(b->body, b->body->parent, 1);
    tk_ser_flush(cv->stream, b->body, cv->tei_depth + 2); /* TEI/text/body */
    for (size_t i = 0; i < n_open; i++)
        mark_open(open[i], b->body, 0);
    mark_open(b->body, b->body->parent, 0);
}

void tk_tei_build_text(tk_conv *cv, const tk_lines *L, const tk_docblocks *db, xmlNodePtr tei,
                       tk_docinfo *info)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.cv = cv;
    b.L = L;
    b.db = db;
    b.info = info;
    if (cv->tei_scratch != NULL) { /* the previous document's buffers (a corpus of thousands
                                      of small documents grew them again each time) */
        b.sb = *(span_buf *)cv->tei_scratch;
        memset(cv->tei_scratch, 0, sizeof b.sb);
    } else
        cv->tei_scratch = tk_xcalloc(1, sizeof b.sb);
    b.text = cv->text = tk_el(cv, tei, "text");
    b.body = tk_el(cv, b.text, "body");
    if (b.text == NULL || b.body == NULL)
        goto out;
    b.container = b.body;
    cv->doc_year[0] = '\0';
    notes_section(&b); /* first: the markers in the body need the note texts */
    for (size_t i = 0; i < db->n && !b.oom; i++) {
        one_block(&b, &db->b[i]);
        /* (not before a block quotation either: it opens inside the paragraph just built) */
        if ((i + 1) % (cv->flush_every ? cv->flush_every : FLUSH_EVERY) == 0 &&
            !(i + 1 < db->n && (db->b[i + 1].flags & (TK_BF_QUOTE | TK_BF_JOIN))))
            flush_finished(&b);
    }
    close_sp(&b);
    /* body content must include at least one division or paragraph-level element */
    if (!container_has_common(b.body))
        tk_el(cv, b.body, "p");
    tk_inline_finish(cv);
out:
    if (b.oom)
        TK_MSG(cv->diag, OOM, cv->file, 0, 0);
    if (cv->tei_scratch != NULL)
        *(span_buf *)cv->tei_scratch = b.sb; /* kept for the next document */
}

void tk_tei_scratch_free(tk_conv *cv)
{
    span_buf *sb = cv->tei_scratch;
    if (sb == NULL)
        return;
    free(sb->text);
    free(sb->starts);
    free(sb->nos);
    free(sb->cols);
    free(sb);
    cv->tei_scratch = NULL;
}

void tk_set_xml_id(xmlNodePtr node, const char *id)
{
    xmlNsPtr xns = xmlSearchNsByHref(node->doc, node, (const xmlChar *)TK_XML_NS);
    tk_xset_ns_prop(node, xns, (const xmlChar *)"id", (const xmlChar *)id);
}
