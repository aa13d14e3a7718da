/* checks.c: rule checks beyond the grammar: pointers resolve, unique xml:ids, ISO 8601 dates
 * in order, no leftover transcript brackets, declared persons are mentioned. In a batch,
 * what one document cannot decide alone is left to the corpus (tools/refs.c). */
#include "validate_internal.h"
#include "tk_internal.h"
#include "tk_alloc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define XI_NS "http://www.w3.org/2001/XInclude"

/* Bracket warnings shown per document before they are only counted. */
#define MAX_BRACKET_WARNINGS 20

/* The rules, one name each (the name appears in every message). */
enum rule {
    R_ID_DUP,
    R_ID_REF,
    R_DATE_FORMAT,
    R_DATE_ORDER,
    R_BRACKET,
    R_PERSON_UNUSED,
    R_COUNT
};
static const char *const rule_names[R_COUNT] = {
    [R_ID_DUP] = "id-unique",       [R_ID_REF] = "id-ref",
    [R_DATE_FORMAT] = "date-iso",   [R_DATE_ORDER] = "date-order",
    [R_BRACKET] = "bracket",        [R_PERSON_UNUSED] = "person-unused",
};
_Static_assert(sizeof rule_names / sizeof *rule_names == R_COUNT, "one name per rule");

/* Attributes holding #id pointers (whitespace-separated lists); a dangling one is an error,
 * or a warning for those tk_refs_soft_attr names (@ana @wit @facs @resp). */
static const char *const pointer_attrs[] = {"ref",   "who",  "corresp", "target", "synch",
                                            "start", "end",  "since",   "origin", "ana",
                                            "wit",   "facs", "resp"};
/* Where a rule runs by default when its scope is limited: the bracket rule judges transcript
 * brackets teikit should have encoded, so it runs on what teikit converted (other editions
 * print brackets on purpose: [Act 1], Leiden [-?-]). */
static const struct {
    enum rule rule;
    unsigned bit; /* TK_RULE_* */
} scoped[] = {{R_BRACKET, TK_RULE_BRACKET}};
/* Attributes holding ISO 8601 dates (TEI att.datable.w3c), and elements where @from/@to
 * are not dates (page or line numbers, pointers). */
static const char *const date_attrs[] = {"when", "from", "to", "notBefore", "notAfter"};
static const char *const not_datable[] = {"biblScope", "citedRange", "locus", "span",
                                          "spanGrp",  "app",        "link", "relation"};
/* Elements whose text may show brackets as they are (code, examples). */
static const char *const bracket_exempt[] = {"code", "eg", "egXML", "formula", "teiHeader"};

#define N_OF(a) (sizeof(a) / sizeof *(a))

/* What the checks found, kept until the document ends (pointers may name ids defined later;
 * messages come out in the order of the two passes over a tree: ids first, then the walk,
 * then persons). */
enum rkind {
    K_MSG,   /* a message (text) */
    K_XINC,  /* the note on the first xi:include (xinc: its id) */
    K_PTR,   /* a "#id" pointer (text) whose id was not defined yet where it stood */
    K_DEFER, /* handed to the corpus (tk_refs_defer): attr, text, base */
    K_PERSON, /* a listPerson/person (text: its xml:id) */
    K_INCLUDE /* a file the document XIncludes (text: href, base), for the corpus */
};

struct rec {
    unsigned char kind, rule, placed;
    tk_severity sev;
    unsigned char xinc;  /* K_XINC: 1 XInclude failed, 0 it was not asked for */
    unsigned line, col;
    size_t ord;  /* the element's number, for its column (placed 0) */
    char *text;  /* message, token or id */
    char *attr;  /* the pointer's attribute (K_PTR, K_DEFER; NULL for a person) */
    char *base;  /* K_DEFER: the base URI of a file pointer */
    xmlChar *file; /* an XIncluded file, or NULL */
};

struct recs {
    struct rec *v;
    size_t n, cap;
};

/* An open element, as the checks see it. */
struct cframe {
    unsigned char exempt;  /* brackets are not checked in its text */
    unsigned char had_el;  /* an element child has been seen */
};

struct tk_checker {
    tk_diag *d;
    const char *name;
    const tk_check_ctx *ctx; /* never NULL */
    xmlHashTablePtr ids;       /* xml:id -> its line + 1 */
    xmlHashTablePtr mentioned; /* ids some pointer names */
    unsigned errors;
    unsigned brackets;
    unsigned xincludes; /* xi:include elements in the tree */
    int ours;           /* a header names teikit (see made_by_teikit) */
    int corpus;         /* the root is a teiCorpus */
    struct recs first, walk, persons;
    struct cframe *open;
    size_t n_open, cap_open;
    size_t ord;         /* the element being started */
    int oom;
    int abandoned;      /* tk_checks_abandon: nothing is reported */
};
#define checker tk_checker

static int in_list(const char *const *list, size_t n, const xmlChar *s)
{
    for (size_t i = 0; i < n; i++)
        if (xmlStrEqual(BAD_CAST list[i], s))
            return 1;
    return 0;
}

static unsigned line_of(xmlNodePtr n)
{
    long l = xmlGetLineNo(n);
    return l > 0 ? (unsigned)l : 0;
}

static unsigned newlines(const xmlChar *s)
{
    unsigned n = 0;
    for (; s != NULL && *s; s++)
        n += *s == '\n';
    return n;
}

/* The line where a text node starts (first: it is its parent's first child). libxml2
 * records a text node's line when its first chunk has been read (not where it starts), so
 * it is found from the element that follows (its start tag is where the text ends) or the
 * parent (when the text comes first). */
static unsigned text_start_line(xmlNodePtr t, int first)
{
    unsigned nl = newlines(t->content);
    if (t->next != NULL && t->next->type == XML_ELEMENT_NODE) {
        unsigned l = line_of(t->next);
        if (l > nl)
            return l - nl;
    }
    if (first && t->parent != NULL && t->parent->type == XML_ELEMENT_NODE)
        return line_of(t->parent);
    unsigned l = line_of(t);
    return l > nl ? l - nl : l;
}

/* The file a node comes from: an XIncluded file (xmlFree), or NULL for the document. */
static xmlChar *file_of(const struct checker *c, xmlNodePtr n)
{
    return c->ctx->file_of != NULL ? c->ctx->file_of(c->ctx->file_arg, n) : NULL;
}

/* A new record at the end of l (NULL when out of memory). */
static struct rec *rec_add(struct checker *c, struct recs *l, enum rkind k)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct rec *v = tk_xrealloc(l->v, cap * sizeof *v);
        if (v == NULL) {
            c->oom = 1;
            return NULL;
        }
        l->v = v;
        l->cap = cap;
    }
    struct rec *r = &l->v[l->n++];
    memset(r, 0, sizeof *r);
    r->kind = (unsigned char)k;
    r->placed = 1;
    return r;
}

/* Places r at element el's start tag: line and column (0 when unknown), the column only
 * for the document's own elements (those of an XIncluded file have their file). When the
 * columns come from element numbers (ctx->place: the document is streamed), they are found
 * when the document ends. */
static void rec_at_element(struct checker *c, struct rec *r, xmlNodePtr el)
{
    r->file = file_of(c, el);
    r->line = line_of(el);
    r->col = 0;
    if (r->file != NULL || r->line == 0)
        return;
    if (c->ctx->place != NULL) {
        r->ord = c->ord;
        r->placed = 0;
    } else if (c->ctx->column != NULL) {
        r->col = c->ctx->column(c->ctx->column_arg, el, &r->line);
    }
}

static char *fmt3(const char *fmt, const char *a, const char *b, const char *e)
{
    char text[900];
    snprintf(text, sizeof text, fmt, a, b != NULL ? b : "", e != NULL ? e : "");
    return tk_xstrdup(text);
}

/* Records a message about element el (its start tag). */
static void report_el(struct checker *c, struct recs *l, tk_severity sev, xmlNodePtr el,
                      enum rule rule, const char *fmt, const char *a, const char *b,
                      const char *e)
{
    struct rec *r = rec_add(c, l, K_MSG);
    if (r == NULL)
        return;
    r->sev = sev;
    r->rule = (unsigned char)rule;
    rec_at_element(c, r, el);
    r->text = fmt3(fmt, a, b, e);
}

/* ---------------------------------------------------------------- xml:id ------- */

/* 1 when n is an xi:include element. */
static int is_xinclude(xmlNodePtr n)
{
    return n->ns != NULL && xmlStrEqual(n->ns->href, BAD_CAST XI_NS) &&
           xmlStrEqual(n->name, BAD_CAST "include");
}

/* Counts an xi:include element (a note at the first) and records the file it names. */
static void note_xinclude(struct checker *c, xmlNodePtr n)
{
    c->xincludes++;
    xmlChar *href = xmlGetNoNsProp(n, BAD_CAST "href");
    xmlChar *parse = xmlGetNoNsProp(n, BAD_CAST "parse");
    if (c->xincludes == 1) {
        struct rec *r = rec_add(c, &c->first, K_XINC);
        if (r != NULL) {
            r->xinc = c->ctx->xinclude != 0;
            r->line = line_of(n);
            if (tk_diag_notes_enabled(c->d)) {
                rec_at_element(c, r, n);
                xmlFree(r->file); /* (the document's name: as it was) */
                r->file = NULL;
            }
        }
    }
    struct rec *r;
    if (c->ctx->refs != NULL && href != NULL && href[0] != '\0' &&
        (parse == NULL || xmlStrEqual(parse, BAD_CAST "xml")) &&
        (r = rec_add(c, &c->first, K_INCLUDE)) != NULL) {
        xmlChar *base = xmlNodeGetBase(n->doc, n);
        r->text = tk_xstrdup((const char *)href);
        r->base = base != NULL ? tk_xstrdup((const char *)base) : NULL;
        xmlFree(base);
    }
    xmlFree(href);
    xmlFree(parse);
}

/* What the first pass over a tree did for one element: xi:includes, persons, xml:ids (and
 * their duplicates). */
static void collect_ids(struct checker *c, xmlNodePtr n)
{
    if (is_xinclude(n))
        note_xinclude(c, n);
    xmlChar *id = xmlGetNsProp(n, BAD_CAST "id", BAD_CAST XML_NS);
    if (xmlStrEqual(n->name, BAD_CAST "person") && n->parent != NULL &&
        xmlStrEqual(n->parent->name, BAD_CAST "listPerson")) {
        struct rec *r = rec_add(c, &c->persons, K_PERSON);
        if (r != NULL) {
            rec_at_element(c, r, n);
            r->text = id != NULL ? tk_xstrdup((const char *)id) : NULL;
        }
    }
    if (id != NULL) {
        void *first = xmlHashLookup(c->ids, id);
        if (first != NULL) {
            char where[32];
            snprintf(where, sizeof where, "%lu", (unsigned long)((uintptr_t)first - 1));
            report_el(c, &c->first, TK_ERROR, n, R_ID_DUP,
                      "xml:id \"%s\" is already used on line %s%s", (const char *)id, where,
                      NULL);
        } else {
            xmlHashAddEntry(c->ids, id, (void *)(uintptr_t)(line_of(n) + 1));
        }
        xmlFree(id);
    }
}

/* ---------------------------------------------------------------- pointers ------- */

/* Records a pointer or person for the corpus (tools/refs.c), with its place. */
static void defer_el(struct checker *c, struct recs *l, xmlNodePtr el, const char *attr,
                     const char *token, const char *base)
{
    struct rec *r = rec_add(c, l, K_DEFER);
    if (r == NULL)
        return;
    rec_at_element(c, r, el);
    r->attr = attr != NULL ? tk_xstrdup(attr) : NULL;
    r->text = tk_xstrdup(token);
    r->base = base != NULL ? tk_xstrdup(base) : NULL;
}

static void check_pointers(struct checker *c, xmlNodePtr el, xmlAttrPtr a)
{
    xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
    if (v == NULL)
        return;
    char *save = NULL;
    for (char *tok = strtok_r((char *)v, " \t\r\n", &save); tok != NULL;
         tok = strtok_r(NULL, " \t\r\n", &save)) {
        if (c->ctx->refs != NULL && tk_refs_file_pointer(tok)) { /* into another file */
            xmlChar *base = xmlNodeGetBase(el->doc, el);
            defer_el(c, &c->walk, el, (const char *)a->name, tok, (const char *)base);
            xmlFree(base);
            continue;
        }
        if (tok[0] != '#' || tok[1] == '\0' || strchr(tok, '(') != NULL)
            continue; /* another document or scheme, or an XPointer: not checked */
        if (xmlHashLookup(c->ids, BAD_CAST(tok + 1)) != NULL) {
            if (xmlHashLookup(c->mentioned, BAD_CAST(tok + 1)) == NULL)
                xmlHashAddEntry(c->mentioned, BAD_CAST(tok + 1), (void *)1);
            continue;
        }
        /* an id defined further on, in the corpus, or nowhere: decided at the end */
        struct rec *r = rec_add(c, &c->walk, K_PTR);
        if (r == NULL)
            continue;
        rec_at_element(c, r, el);
        r->attr = tk_xstrdup((const char *)a->name);
        r->text = tk_xstrdup(tok);
    }
    xmlFree(v);
}

/* ------------------------------------------------------------------- dates ------- */

/* A parsed W3C date/time: which parts are present, for ordering. */
struct when {
    long year;
    int month, day; /* 0 when absent */
    int has_year, has_time;
    double secs; /* time of day in seconds */
};

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in(long year, int month)
{
    static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month != 2)
        return dm[month - 1];
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return 28 + leap;
}

/* hh:mm:ss(.s+)? ; returns chars used or 0. */
static int parse_time(const char *s, double *secs)
{
    if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' || !digits(s + 6, 2))
        return 0;
    int h = num(s, 2), m = num(s + 3, 2), sec = num(s + 6, 2);
    int n = 8;
    if (s[n] == '.') {
        n++;
        if (!isdigit((unsigned char)s[n]))
            return 0;
        while (isdigit((unsigned char)s[n]))
            n++;
    }
    if (m > 59 || sec > 59 || h > 24 || (h == 24 && (m != 0 || sec != 0)))
        return 0;
    *secs = h * 3600.0 + m * 60.0 + sec;
    return n;
}

/* Z | (+|-)hh:mm ; returns chars used (0 for none), -1 when malformed. */
static int parse_tz(const char *s)
{
    if (*s == 'Z')
        return 1;
    if (*s == '+' || *s == '-') {
        if (!digits(s + 1, 2) || s[3] != ':' || !digits(s + 4, 2))
            return -1;
        int h = num(s + 1, 2), m = num(s + 4, 2);
        if (h > 14 || m > 59 || (h == 14 && m != 0))
            return -1;
        return 6;
    }
    return 0;
}

/* Parses the XML Schema date/time types TEI accepts (teidata.temporal.w3c): date, gYear,
 * gYearMonth, gMonth, gMonthDay, gDay, time, dateTime. Returns 1 when valid. */
static int parse_w3c(const char *s, struct when *w)
{
    memset(w, 0, sizeof *w);
    const char *p = s;
    int n;
    if (p[0] == '-' && p[1] == '-') { /* --MM, --MM-DD, ---DD */
        if (p[2] == '-') {
            if (!digits(p + 3, 2))
                return 0;
            w->day = num(p + 3, 2);
            if (w->day < 1 || w->day > 31)
                return 0;
            p += 5;
        } else {
            if (!digits(p + 2, 2))
                return 0;
            w->month = num(p + 2, 2);
            if (w->month < 1 || w->month > 12)
                return 0;
            p += 4;
            if (p[0] == '-' && digits(p + 1, 2)) {
                w->day = num(p + 1, 2);
                if (w->day < 1 || w->day > days_in(2000, w->month))
                    return 0;
                p += 3;
            }
        }
        n = parse_tz(p);
        return n >= 0 && p[n] == '\0';
    }
    if (isdigit((unsigned char)p[0]) && p[2] == ':') { /* time */
        n = parse_time(p, &w->secs);
        if (n == 0)
            return 0;
        w->has_time = 1;
        p += n;
        n = parse_tz(p);
        return n >= 0 && p[n] == '\0';
    }
    /* year: -?YYYY+ (no leading zeros beyond 4 digits) */
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    int yd = 0;
    while (isdigit((unsigned char)p[yd]))
        yd++;
    if (yd < 4 || (yd > 4 && p[0] == '0'))
        return 0;
    w->year = 0;
    for (int i = 0; i < yd && i < 9; i++)
        w->year = w->year * 10 + (p[i] - '0');
    if (neg)
        w->year = -w->year;
    if (w->year == 0 && yd <= 9)
        return 0; /* XML Schema 1.0 has no year 0000 (libxml2 agrees) */
    w->has_year = 1;
    p += yd;
    if (p[0] == '-' && digits(p + 1, 2)) {
        w->month = num(p + 1, 2);
        if (w->month < 1 || w->month > 12)
            return 0;
        p += 3;
        if (p[0] == '-' && digits(p + 1, 2)) {
            w->day = num(p + 1, 2);
            if (w->day < 1 || w->day > days_in(w->year, w->month))
                return 0;
            p += 3;
            if (p[0] == 'T') {
                n = parse_time(p + 1, &w->secs);
                if (n == 0)
                    return 0;
                w->has_time = 1;
                p += 1 + n;
            }
        }
    }
    n = parse_tz(p);
    return n >= 0 && p[n] == '\0';
}

/* Compares two dates on their common precision: -1, 0, 1; 2 when not comparable. */
static int cmp_when(const struct when *a, const struct when *b)
{
    if (!a->has_year || !b->has_year)
        return 2;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month && b->month && a->month != b->month)
        return a->month < b->month ? -1 : 1;
    if (a->day && b->day && a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->has_time && b->has_time && a->secs != b->secs)
        return a->secs < b->secs ? -1 : 1;
    return 0;
}

static void check_dates(struct checker *c, xmlNodePtr el)
{
    if (in_list(not_datable, N_OF(not_datable), el->name))
        return;
    struct when w[N_OF(date_attrs)];
    int ok[N_OF(date_attrs)] = {0};
    for (size_t i = 0; i < N_OF(date_attrs); i++) {
        xmlChar *v = xmlGetNoNsProp(el, BAD_CAST date_attrs[i]);
        if (v == NULL)
            continue;
        char *s = (char *)v;
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
            s[--n] = '\0';
        if (s[0] == '#') { /* a pointer (TEI @from/@to on spans): not a date */
            xmlFree(v);
            continue;
        }
        if (parse_w3c(s, &w[i]))
            ok[i] = 1;
        else
            report_el(c, &c->walk, TK_ERROR, el, R_DATE_FORMAT,
                   "@%s=\"%s\" is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, "
                   "YYYY-MM-DDThh:mm:ss or hh:mm:ss)%s",
                   date_attrs[i], s, NULL);
        xmlFree(v);
    }
    /* from <= to, notBefore <= notAfter */
    static const int pairs[][2] = {{1, 2}, {3, 4}};
    for (size_t k = 0; k < 2; k++) {
        int lo = pairs[k][0], hi = pairs[k][1];
        if (ok[lo] && ok[hi] && cmp_when(&w[lo], &w[hi]) == 1) {
            xmlChar *a = xmlGetNoNsProp(el, BAD_CAST date_attrs[lo]);
            xmlChar *b = xmlGetNoNsProp(el, BAD_CAST date_attrs[hi]);
            char pair[64];
            snprintf(pair, sizeof pair, "@%s=\"%s\"", date_attrs[hi], (const char *)b);
            report_el(c, &c->walk, TK_ERROR, el, R_DATE_ORDER, "@%s=\"%s\" is later than %s",
                   date_attrs[lo], (const char *)a, pair);
            xmlFree(a);
            xmlFree(b);
        }
    }
}

/* ---------------------------------------------------------------- brackets ------- */

static int word_byte(unsigned char ch) { return isalnum(ch) || ch >= 0x80; }

/* Looks for transcript brackets left in a text node: "[sic]", "com[munist]", "[laughter]"
 * (first: the node is its parent's first child). */
static void check_brackets(struct checker *c, xmlNodePtr text, int first)
{
    const char *s = (const char *)text->content;
    if (s == NULL)
        return;
    for (const char *o = strchr(s, '['); o != NULL; o = strchr(o + 1, '[')) {
        const char *close = o + 1;
        while (*close && *close != ']' && *close != '[' && *close != '\n' && close - o < 80)
            close++;
        if (*close != ']' || close == o + 1)
            continue;
        const char *what;
        if (strncmp(o + 1, "sic", 3) == 0 || strncmp(o + 1, "Sic", 3) == 0)
            what = "a [sic] that should be encoded (sic, or choice/sic/corr)";
        else if ((o > s && word_byte((unsigned char)o[-1])) ||
                 word_byte((unsigned char)close[1]))
            what = "letters in brackets inside a word: an expansion (expan/ex) or supplied text";
        else
            what = "a bracketed insertion that should be encoded (note, supplied, gap, vocal, "
                   "incident, pb ...)";
        c->brackets++;
        if (c->brackets > MAX_BRACKET_WARNINGS)
            continue;
        unsigned add = 0, col = 0;
        const char *ls = s;
        for (const char *q = s; q < o; q++)
            if (*q == '\n') {
                add++;
                ls = q + 1;
            }
        if (add > 0) { /* the column is known when the line starts inside this text node */
            col = 1;
            for (const char *q = ls; q < o; q++)
                if (((unsigned char)*q & 0xC0) != 0x80)
                    col++;
        }
        char snippet[96];
        int len = (int)(close - o + 1);
        snprintf(snippet, sizeof snippet, "%.*s", len, o);
        struct rec *r = rec_add(c, &c->walk, K_MSG);
        if (r == NULL)
            continue;
        r->sev = TK_WARNING;
        r->rule = R_BRACKET;
        r->file = file_of(c, text);
        r->line = text_start_line(text, first);
        r->line = r->line > 0 ? r->line + add : 0;
        r->col = r->file != NULL && add == 0 ? 0 : col;
        r->text = fmt3("leftover transcript bracket \"%s\": %s%s", snippet, what, NULL);
    }
}

/* ----------------------------------------------------------------- the walk ------- */

/* The text nodes of el from c up to the next element: checked for brackets unless f says
 * they are exempt (the nodes before c may have been freed: f knows whether there were). */
static void check_run(struct checker *c, const struct cframe *f, xmlNodePtr c0)
{
    for (xmlNodePtr n = c0; n != NULL && n->type != XML_ELEMENT_NODE; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && !f->exempt)
            check_brackets(c, n, n->prev == NULL && !f->had_el);
}

/* The first node of the run of non-element nodes before `before` in el (before NULL: at
 * el's end), or NULL when there is none. */
static xmlNodePtr run_before(xmlNodePtr el, xmlNodePtr before)
{
    xmlNodePtr n = before != NULL ? before->prev : el->last, first = NULL;
    for (; n != NULL && n->type != XML_ELEMENT_NODE; n = n->prev)
        first = n;
    return first;
}

/* 1 when el is an `application` with @ident="teikit" in a header's encodingDesc/appInfo:
 * the header of the root or, in a teiCorpus, of a member TEI. */
static int names_teikit(xmlNodePtr el)
{
    static const char *const path[] = {"appInfo", "encodingDesc", "teiHeader"};
    if (!xmlStrEqual(el->name, BAD_CAST "application"))
        return 0;
    xmlNodePtr p = el->parent;
    for (size_t i = 0; i < N_OF(path); i++, p = p->parent)
        if (p == NULL || p->type != XML_ELEMENT_NODE || !xmlStrEqual(p->name, BAD_CAST path[i]))
            return 0;
    /* p: the header's parent, the root or a TEI in a teiCorpus root */
    if (p == NULL || p->type != XML_ELEMENT_NODE)
        return 0;
    int root = p->parent == NULL || p->parent->type != XML_ELEMENT_NODE;
    int member = !root && xmlStrEqual(p->name, BAD_CAST "TEI") &&
                 xmlStrEqual(p->parent->name, BAD_CAST "teiCorpus") &&
                 (p->parent->parent == NULL || p->parent->parent->type != XML_ELEMENT_NODE);
    if (!root && !member)
        return 0;
    xmlChar *ident = xmlGetNoNsProp(el, BAD_CAST "ident");
    int ours = ident != NULL && xmlStrEqual(ident, BAD_CAST "teikit");
    xmlFree(ident);
    return ours;
}

tk_checker *tk_checks_begin(const char *name, tk_diag *d, const tk_check_ctx *ctx)
{
    static const tk_check_ctx none = {0};
    struct checker *c = tk_xcalloc(1, sizeof *c);
    c->d = d;
    c->name = name;
    c->ctx = ctx != NULL ? ctx : &none;
    c->ids = xmlHashCreate(256);
    c->mentioned = xmlHashCreate(256);
    if (c->ids == NULL || c->mentioned == NULL)
        c->oom = 1;
    return c;
}

void tk_checks_start(tk_checker *c, xmlNodePtr el, size_t ord)
{
    if (c->ids == NULL || c->mentioned == NULL)
        return;
    tk_grow((void **)&c->open, &c->cap_open, c->n_open, sizeof *c->open, 64);
    c->ord = ord;
    struct cframe f = {0, 0};
    if (c->n_open > 0) {
        struct cframe *up = &c->open[c->n_open - 1];
        check_run(c, up, run_before(el->parent, el));
        up->had_el = 1;
        f.exempt = up->exempt;
    } else {
        c->corpus = xmlStrEqual(el->name, BAD_CAST "teiCorpus");
    }
    f.exempt |= in_list(bracket_exempt, N_OF(bracket_exempt), el->name);
    c->open[c->n_open++] = f;
    if (!c->ours && names_teikit(el))
        c->ours = 1;
    collect_ids(c, el);
    for (xmlAttrPtr a = el->properties; a != NULL; a = a->next)
        if (a->ns == NULL && in_list(pointer_attrs, N_OF(pointer_attrs), a->name))
            check_pointers(c, el, a);
    check_dates(c, el);
}

void tk_checks_end(tk_checker *c, xmlNodePtr el)
{
    if (c->n_open == 0)
        return;
    check_run(c, &c->open[c->n_open - 1], run_before(el, NULL));
    c->n_open--;
}

/* Decides the pointers whose ids were not defined where they stood, and the persons. */
static void decide(struct checker *c)
{
    for (size_t i = 0; i < c->walk.n; i++) {
        struct rec *r = &c->walk.v[i];
        if (r->kind != K_PTR)
            continue;
        const xmlChar *id = BAD_CAST(r->text + 1);
        if (xmlHashLookup(c->ids, id) != NULL) {
            if (xmlHashLookup(c->mentioned, id) == NULL)
                xmlHashAddEntry(c->mentioned, id, (void *)1);
            r->kind = K_MSG;
            r->sev = TK_NOTE;
            r->rule = R_COUNT; /* nothing to say */
        } else if (c->ctx->refs != NULL) {
            r->kind = K_DEFER; /* the corpus root or an XIncluded file may define it */
        } else {
            int soft = tk_refs_soft_attr(r->attr);
            char *text = fmt3("@%s points to \"%s\", which no xml:id in this document defines%s",
                              r->attr, r->text,
                              c->xincludes > 0 ? " (it has xi:include: --xinclude reads the "
                                                 "included files)"
                              : soft           ? TK_REFS_SOFT_HINT
                                               : NULL);
            free(r->text);
            r->text = text;
            r->kind = K_MSG;
            r->sev = soft ? TK_WARNING : TK_ERROR;
            r->rule = R_ID_REF;
        }
    }
    for (size_t i = 0; i < c->persons.n; i++) {
        struct rec *r = &c->persons.v[i];
        if (r->text == NULL || xmlHashLookup(c->mentioned, BAD_CAST r->text) != NULL) {
            r->rule = R_COUNT; /* nothing to say */
            r->kind = K_MSG;
            r->sev = TK_NOTE;
        } else if (c->ctx->refs != NULL) {
            r->kind = K_DEFER; /* another document may name it */
        } else {
            char *text = fmt3("person \"%s\" is declared but never mentioned (no @ref, @who or "
                              "other pointer names \"#%s\")",
                              r->text, r->text, NULL);
            free(r->text);
            r->text = text;
            r->kind = K_MSG;
            r->sev = TK_WARNING;
            r->rule = R_PERSON_UNUSED;
        }
    }
}

/* 1 when r is still to be placed and will be said (or handed to the corpus). */
static int to_place(const struct rec *r)
{
    return !r->placed && (r->kind == K_XINC || r->kind == K_DEFER ||
                          (r->kind == K_MSG && r->rule < R_COUNT));
}

/* Columns of the records placed by element number (a streamed document), all at once. */
static void place_all(struct checker *c)
{
    struct recs *lists[] = {&c->first, &c->walk, &c->persons};
    size_t n = 0, k = 0;
    for (size_t l = 0; l < N_OF(lists); l++)
        for (size_t i = 0; i < lists[l]->n; i++)
            n += to_place(&lists[l]->v[i]);
    if (n == 0 || c->ctx->place == NULL)
        return;
    size_t *ords = tk_xmalloc(n * sizeof *ords);
    unsigned *lines = tk_xmalloc(n * sizeof *lines), *cols = tk_xmalloc(n * sizeof *cols);
    for (size_t l = 0; l < N_OF(lists); l++)
        for (size_t i = 0; i < lists[l]->n; i++)
            if (to_place(&lists[l]->v[i])) {
                ords[k] = lists[l]->v[i].ord;
                lines[k++] = lists[l]->v[i].line;
            }
    c->ctx->place(c->ctx->place_arg, ords, n, lines, cols);
    k = 0;
    for (size_t l = 0; l < N_OF(lists); l++)
        for (size_t i = 0; i < lists[l]->n; i++)
            if (to_place(&lists[l]->v[i])) {
                lists[l]->v[i].line = lines[k];
                lists[l]->v[i].col = cols[k++];
            }
    free(ords);
    free(lines);
    free(cols);
}

/* Reports (or hands to the corpus) the records of l in order, and frees them. */
static void emit(struct checker *c, struct recs *l, int say)
{
    for (size_t i = 0; i < l->n; i++) {
        struct rec *r = &l->v[i];
        if (!say)
            goto done;
        const char *file = r->file != NULL ? (const char *)r->file : c->name;
        if (r->kind == K_XINC) {
            if (r->xinc)
                TK_MSG(c->d, XINCLUDE_FAILED_NODE, c->name, r->line, r->col);
            else
                TK_MSG(c->d, XINCLUDE_SKIPPED, c->name, r->line, r->col);
        } else if (r->kind == K_INCLUDE) {
            tk_refs_add_include(c->ctx->refs, r->text, r->base);
        } else if (r->kind == K_DEFER) {
            size_t pos = c->ctx->n_msgs != NULL ? *c->ctx->n_msgs : 0;
            if (tk_refs_defer(c->ctx->refs, r->attr, r->text, r->base,
                              (const char *)r->file, r->line, r->col, pos) != 0)
                c->oom = 1;
        } else if (r->kind == K_MSG && r->rule < R_COUNT) {
            tk_msg_named(c->d, r->sev, rule_names[r->rule], file, r->line, r->col, r->text);
            if (r->sev == TK_ERROR)
                c->errors++;
        }
    done:
        free(r->text);
        free(r->attr);
        free(r->base);
        xmlFree(r->file);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

void tk_checks_abandon(tk_checker *c)
{
    if (c == NULL)
        return;
    c->abandoned = 1;
    tk_checks_finish(c);
}

unsigned tk_checks_finish(tk_checker *c)
{
    if (c == NULL)
        return 0;
    unsigned errors = 0;
    if (c->abandoned)
        goto out;
    if (c->ids == NULL || c->mentioned == NULL) {
        TK_MSG(c->d, OOM, c->name, 0, 0);
        errors = 1;
        goto out;
    }
    /* the scoped rules that do not run here (known once every header has been seen) */
    for (size_t k = 0; k < N_OF(scoped); k++) {
        if (c->ours || (c->ctx->everywhere & scoped[k].bit))
            continue;
        for (size_t i = 0; i < c->walk.n; i++)
            if (c->walk.v[i].kind == K_MSG && c->walk.v[i].rule == scoped[k].rule)
                c->walk.v[i].rule = R_COUNT; /* not said */
        if (scoped[k].rule == R_BRACKET)
            c->brackets = 0;
    }
    decide(c);
    place_all(c);
    emit(c, &c->first, 1);
    emit(c, &c->walk, 1);
    emit(c, &c->persons, 1);
    if (c->brackets > MAX_BRACKET_WARNINGS)
        TK_MSG(c->d, BRACKET_MORE, c->name, 0, 0, c->brackets - MAX_BRACKET_WARNINGS);
    if (c->oom)
        TK_MSG(c->d, OOM, c->name, 0, 0);
    if (c->ctx->refs != NULL) {
        tk_refs_set_root(c->ctx->refs, c->corpus, c->xincludes);
        tk_refs_take_ids(c->ctx->refs, c->ids);
        c->ids = NULL;
    }
    errors = c->errors;
out: /* (what is left when out of memory) */
    emit(c, &c->first, 0);
    emit(c, &c->walk, 0);
    emit(c, &c->persons, 0);
    xmlHashFree(c->ids, NULL);
    xmlHashFree(c->mentioned, NULL);
    free(c->open);
    free(c);
    return errors;
}

/* Gives the checks el and its descendants in document order (a tree at hand). */
static void checks_walk(tk_checker *c, xmlNodePtr el)
{
    tk_checks_start(c, el, 0);
    for (xmlNodePtr k = el->children; k != NULL; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            checks_walk(c, k);
    tk_checks_end(c, el);
}

unsigned tk_checks_run(xmlDocPtr doc, const char *name, tk_diag *d, const tk_check_ctx *ctx)
{
    tk_checker *c = tk_checks_begin(name, d, ctx);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root != NULL)
        checks_walk(c, root);
    return tk_checks_finish(c);
}
