/* checks.c: rule checks beyond the grammar: pointers resolve, unique xml:ids, ISO 8601 dates
 * in order, no leftover transcript brackets, declared persons are mentioned. In a batch,
 * what one document cannot decide alone is left to the corpus (tools/refs.c). */
#include "validate_internal.h"
#include "tk_alloc.h"

#include <ctype.h>
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

struct checker {
    tk_diag *d;
    const char *name;
    const tk_check_ctx *ctx; /* never NULL */
    unsigned off;            /* TK_RULE_* bits of the scoped rules that do not run here */
    xmlHashTablePtr ids;       /* xml:id -> element */
    xmlHashTablePtr mentioned; /* ids some pointer names */
    unsigned errors;
    unsigned brackets;
    unsigned xincludes; /* xi:include elements in the tree */
    xmlNodePtr *persons; /* listPerson/person elements, in document order */
    size_t n_persons, cap_persons;
    int oom;
};

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

/* The line where a text node starts. libxml2 records a text node's line when its first
 * chunk has been read (not where it starts), so it is found from the element that follows
 * (its start tag is where the text ends) or the parent (when the text comes first). */
static unsigned text_start_line(xmlNodePtr t)
{
    unsigned nl = newlines(t->content);
    if (t->next != NULL && t->next->type == XML_ELEMENT_NODE) {
        unsigned l = line_of(t->next);
        if (l > nl)
            return l - nl;
    }
    if (t->prev == NULL && t->parent != NULL && t->parent->type == XML_ELEMENT_NODE)
        return line_of(t->parent);
    unsigned l = line_of(t);
    return l > nl ? l - nl : l;
}

/* The file a node comes from: an XIncluded file (xmlFree), or NULL for the document. */
static xmlChar *file_of(const struct checker *c, xmlNodePtr n)
{
    return c->ctx->file_of != NULL ? c->ctx->file_of(c->ctx->file_arg, n) : NULL;
}

/* Line and column (0 when unknown) of an element's start tag; the column only for the
 * document's own elements (`included`: the element came from an XIncluded file). */
static unsigned where_in(const struct checker *c, xmlNodePtr el, int included, unsigned *col)
{
    unsigned line = line_of(el);
    *col = c->ctx->column != NULL && line > 0 && !included
               ? c->ctx->column(c->ctx->column_arg, el, &line)
               : 0;
    return line;
}

static unsigned where(const struct checker *c, xmlNodePtr el, unsigned *col)
{
    xmlChar *in = file_of(c, el);
    unsigned line = where_in(c, el, in != NULL, col);
    xmlFree(in);
    return line;
}

/* The number of messages the document has so far (where a deferred one will go). */
static size_t msg_pos(const struct checker *c)
{
    return c->ctx->n_msgs != NULL ? *c->ctx->n_msgs : 0;
}

/* Defers a pointer or person to the corpus (tools/refs.c), with its place. */
static void defer(struct checker *c, xmlNodePtr el, const char *attr, const char *token,
                  const char *base)
{
    xmlChar *in = file_of(c, el);
    unsigned col, line = where_in(c, el, in != NULL, &col);
    if (tk_refs_defer(c->ctx->refs, attr, token, base, (const char *)in, line, col,
                      msg_pos(c)) != 0)
        c->oom = 1;
    xmlFree(in);
}

static void report(struct checker *c, tk_severity sev, xmlNodePtr n, unsigned line_add,
                   unsigned col, enum rule r, const char *fmt, const char *a, const char *b,
                   const char *e)
{
    char text[900];
    snprintf(text, sizeof text, fmt, a, b != NULL ? b : "", e != NULL ? e : "");
    unsigned line = n->type == XML_TEXT_NODE ? text_start_line(n) : line_of(n);
    xmlChar *in = file_of(c, n);
    if (in != NULL && line_add == 0)
        col = 0; /* columns are the document's */
    else if (col == 0 && line_add == 0 && n->type == XML_ELEMENT_NODE)
        line = where_in(c, n, 0, &col);
    tk_msg_named(c->d, sev, rule_names[r], in != NULL ? (const char *)in : c->name,
                 line > 0 ? line + line_add : 0, col, text);
    xmlFree(in);
    if (sev == TK_ERROR)
        c->errors++;
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
    unsigned col = 0, line = line_of(n);
    if (c->xincludes == 1 && tk_diag_notes_enabled(c->d))
        line = where(c, n, &col);
    if (c->xincludes == 1 && c->ctx->xinclude)
        TK_MSG(c->d, XINCLUDE_FAILED_NODE, c->name, line, col);
    else if (c->xincludes == 1)
        TK_MSG(c->d, XINCLUDE_SKIPPED, c->name, line, col);
    if (c->ctx->refs != NULL && href != NULL && href[0] != '\0' &&
        (parse == NULL || xmlStrEqual(parse, BAD_CAST "xml"))) {
        xmlChar *base = xmlNodeGetBase(n->doc, n);
        tk_refs_add_include(c->ctx->refs, (const char *)href, (const char *)base);
        xmlFree(base);
    }
    xmlFree(href);
    xmlFree(parse);
}

/* Keeps a listPerson/person for check_persons (once every pointer has been seen). */
static void keep_person(struct checker *c, xmlNodePtr n)
{
    if (c->n_persons == c->cap_persons) {
        size_t cap = c->cap_persons ? c->cap_persons * 2 : 16;
        xmlNodePtr *v = tk_xrealloc(c->persons, cap * sizeof *v);
        if (v == NULL) {
            c->oom = 1;
            return;
        }
        c->persons = v;
        c->cap_persons = cap;
    }
    c->persons[c->n_persons++] = n;
}


/* The first pass over the tree: xml:ids (and their duplicates), xi:includes, persons. */
static void collect_ids(struct checker *c, xmlNodePtr n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_xinclude(n))
            note_xinclude(c, n);
        else if (xmlStrEqual(n->name, BAD_CAST "person") && n->parent != NULL &&
                 xmlStrEqual(n->parent->name, BAD_CAST "listPerson"))
            keep_person(c, n);
        xmlChar *id = xmlGetNsProp(n, BAD_CAST "id", BAD_CAST XML_NS);
        if (id != NULL) {
            xmlNodePtr first = xmlHashLookup(c->ids, id);
            if (first != NULL) {
                char where[32];
                snprintf(where, sizeof where, "%u", line_of(first));
                report(c, TK_ERROR, n, 0, 0, R_ID_DUP,
                       "xml:id \"%s\" is already used on line %s%s", (const char *)id, where,
                       NULL);
            } else {
                xmlHashAddEntry(c->ids, id, n);
            }
            xmlFree(id);
        }
        collect_ids(c, n->children);
    }
}

/* ---------------------------------------------------------------- pointers ------- */

static void check_pointers(struct checker *c, xmlNodePtr el, xmlAttrPtr a)
{
    xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
    if (v == NULL)
        return;
    char *save = NULL;
    for (char *tok = strtok_r((char *)v, " \t\r\n", &save); tok != NULL;
         tok = strtok_r(NULL, " \t\r\n", &save)) {
        tk_refs *refs = c->ctx->refs;
        if (refs != NULL && tk_refs_file_pointer(tok)) { /* into another file of the corpus */
            xmlChar *base = xmlNodeGetBase(el->doc, el);
            defer(c, el, (const char *)a->name, tok, (const char *)base);
            xmlFree(base);
            continue;
        }
        if (tok[0] != '#' || tok[1] == '\0' || strchr(tok, '(') != NULL)
            continue; /* another document or scheme, or an XPointer: not checked */
        if (xmlHashLookup(c->ids, BAD_CAST(tok + 1)) == NULL && refs != NULL) {
            /* the corpus root or an XIncluded file may define it */
            defer(c, el, (const char *)a->name, tok, NULL);
        } else if (xmlHashLookup(c->ids, BAD_CAST(tok + 1)) == NULL) {
            int soft = tk_refs_soft_attr((const char *)a->name);
            report(c, soft ? TK_WARNING : TK_ERROR, el, 0, 0, R_ID_REF,
                   "@%s points to \"%s\", which no xml:id in this document defines%s",
                   (const char *)a->name, tok,
                   c->xincludes > 0 ? " (it has xi:include: --xinclude reads the included "
                                      "files)"
                   : soft          ? TK_REFS_SOFT_HINT
                                    : NULL);
        }
        else if (xmlHashLookup(c->mentioned, BAD_CAST(tok + 1)) == NULL)
            xmlHashAddEntry(c->mentioned, BAD_CAST(tok + 1), (void *)1);
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
            report(c, TK_ERROR, el, 0, 0, R_DATE_FORMAT,
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
            report(c, TK_ERROR, el, 0, 0, R_DATE_ORDER, "@%s=\"%s\" is later than %s",
                   date_attrs[lo], (const char *)a, pair);
            xmlFree(a);
            xmlFree(b);
        }
    }
}

/* ---------------------------------------------------------------- brackets ------- */

static int word_byte(unsigned char ch) { return isalnum(ch) || ch >= 0x80; }

/* Looks for transcript brackets left in a text node: "[sic]", "com[munist]", "[laughter]". */
static void check_brackets(struct checker *c, xmlNodePtr text)
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
        report(c, TK_WARNING, text, add, col, R_BRACKET, "leftover transcript bracket \"%s\": %s%s",
               snippet, what, NULL);
    }
}

/* ----------------------------------------------------------------- the walk ------- */

static void walk(struct checker *c, xmlNodePtr n, int exempt)
{
    for (; n != NULL; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (!exempt && !(c->off & TK_RULE_BRACKET))
                check_brackets(c, n);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
            if (a->ns != NULL)
                continue;
            if (in_list(pointer_attrs, N_OF(pointer_attrs), a->name))
                check_pointers(c, n, a);
        }
        check_dates(c, n);
        walk(c, n->children, exempt || in_list(bracket_exempt, N_OF(bracket_exempt), n->name));
    }
}

/* Persons declared in a listPerson that no pointer mentions. */
static void check_persons(struct checker *c)
{
    for (size_t i = 0; i < c->n_persons; i++) {
        xmlNodePtr n = c->persons[i];
        xmlChar *id = xmlGetNsProp(n, BAD_CAST "id", BAD_CAST XML_NS);
        if (id == NULL || xmlHashLookup(c->mentioned, id) != NULL)
            ; /* nothing to say */
        else if (c->ctx->refs != NULL)
            defer(c, n, NULL, (const char *)id, NULL); /* another document may name it */
        else
            report(c, TK_WARNING, n, 0, 0, R_PERSON_UNUSED,
                   "person \"%s\" is declared but never mentioned (no @ref, @who or other "
                   "pointer names \"#%s\")",
                   (const char *)id, (const char *)id, NULL);
        xmlFree(id);
    }
}

/* The first element child of n named `name`, or NULL. */
static xmlNodePtr child_named(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr k = n != NULL ? n->children : NULL; k != NULL; k = k->next)
        if (k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name, BAD_CAST name))
            return k;
    return NULL;
}

/* 1 when el's teiHeader names teikit's application (encodingDesc/appInfo/application
 * @ident="teikit", as header.c writes it). */
static int header_names_teikit(xmlNodePtr el)
{
    xmlNodePtr info = child_named(child_named(child_named(el, "teiHeader"), "encodingDesc"),
                                  "appInfo");
    for (xmlNodePtr app = info != NULL ? info->children : NULL; app != NULL; app = app->next) {
        if (app->type != XML_ELEMENT_NODE || !xmlStrEqual(app->name, BAD_CAST "application"))
            continue;
        xmlChar *ident = xmlGetNoNsProp(app, BAD_CAST "ident");
        int ours = ident != NULL && xmlStrEqual(ident, BAD_CAST "teikit");
        xmlFree(ident);
        if (ours)
            return 1;
    }
    return 0;
}

/* 1 when teikit converted the document: the root's header, or for a teiCorpus the header of
 * a member TEI, names teikit (the stylesheets' test in xslt/common.xsl). */
static int made_by_teikit(xmlNodePtr root)
{
    if (root == NULL)
        return 0;
    if (header_names_teikit(root))
        return 1;
    if (!xmlStrEqual(root->name, BAD_CAST "teiCorpus"))
        return 0;
    for (xmlNodePtr k = root->children; k != NULL; k = k->next)
        if (k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name, BAD_CAST "TEI") &&
            header_names_teikit(k))
            return 1;
    return 0;
}

unsigned tk_checks_run(xmlDocPtr doc, const char *name, tk_diag *d, const tk_check_ctx *ctx)
{
    static const tk_check_ctx none = {0};
    struct checker c = {.d = d,
                        .name = name,
                        .ctx = ctx != NULL ? ctx : &none,
                        .ids = xmlHashCreate(256),
                        .mentioned = xmlHashCreate(256)};
    if (c.ids == NULL || c.mentioned == NULL) {
        TK_MSG(d, OOM, name, 0, 0);
        xmlHashFree(c.ids, NULL);
        xmlHashFree(c.mentioned, NULL);
        return 1;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int ours = made_by_teikit(root);
    for (size_t i = 0; i < N_OF(scoped); i++)
        if (!ours && !(c.ctx->everywhere & scoped[i].bit))
            c.off |= scoped[i].bit;
    collect_ids(&c, root);
    walk(&c, root, 0);
    check_persons(&c);
    if (c.brackets > MAX_BRACKET_WARNINGS)
        TK_MSG(d, BRACKET_MORE, name, 0, 0, c.brackets - MAX_BRACKET_WARNINGS);
    if (c.oom)
        TK_MSG(d, OOM, name, 0, 0);
    if (c.ctx->refs != NULL) {
        tk_refs_set_root(c.ctx->refs,
                         root != NULL && xmlStrEqual(root->name, BAD_CAST "teiCorpus"),
                         c.xincludes);
        tk_refs_take_ids(c.ctx->refs, c.ids);
        c.ids = NULL;
    }
    xmlHashFree(c.ids, NULL);
    xmlHashFree(c.mentioned, NULL);
    free(c.persons);
    return c.errors;
}
