/* render.c: TEI -> HTML or text through a compiled XSLT 1.0 stylesheet (libxslt), locked down
 * (no writing, no network, document() confined to allowed directories, no external entities),
 * with libxslt's messages turned into GCC-shaped diagnostics. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "teikit.h"
#include "tk_internal.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libexslt/exslt.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libxslt/xsltutils.h>

#define TK_RENDER_NS "urn:x-teikit:render"

static const char *const builtin_sheets[TK_RENDER_FORMAT_COUNT] = {
    [TK_RENDER_HTML] = "tei2html.xsl",
    [TK_RENDER_TEXT] = "tei2txt.xsl",
};
_Static_assert(sizeof builtin_sheets / sizeof *builtin_sheets == TK_RENDER_FORMAT_COUNT,
               "one stylesheet per format");

struct tk_render {
    tk_diag *diag;
    xsltStylesheetPtr style;
    char *sheet_path;   /* as given, for messages */
    char *sheet_dir;    /* realpath of its directory */
    char **params;      /* name, value, name, value, ..., NULL (for xsltQuoteUserParams) */
    char **read_dirs;   /* realpaths, NULL-terminated */
    int xinclude;
    int builtin;        /* a built-in stylesheet: it expects TEI */
};

/* One compilation or transformation in progress: where libxslt's messages go. */
struct run {
    tk_render *r;
    tk_diag *diag;
    const char *input;               /* the document's name, for messages without a place */
    char input_dir[PATH_MAX];        /* realpath of its directory, or "" */
    xsltTransformContextPtr tctxt;   /* NULL while compiling */
    char buf[4096];                  /* libxslt writes a message in pieces: one line at a time */
    size_t len;
    int cut;                         /* the line in buf was longer than buf: the rest dropped */
    char loc_file[PATH_MAX];         /* the place announced by libxslt's "... error: file X
                                        line N element E" line for the next message */
    unsigned loc_line;
    int have_loc;
    tk_severity loc_sev;
    int errors;
    xmlHashTablePtr mentions;        /* tk:mentions(): reference -> its nodes (struct refs) */
    struct pos *men_pos;             /* tk:position(): the mentions sorted by address */
    int men_n;
    tk_render_ext *ext;              /* tk:nth(), tk:person() (render_ext.c) */
};

tk_render_ext *tk_render_run_ext(xsltTransformContextPtr tctxt)
{
    struct run *run = tctxt->_private;
    return run != NULL ? run->ext : NULL;
}

/* ------------------------------------------------------------------ messages --------- */

/* Severity and place of a line libxslt writes before a message, e.g.
 * "runtime error: file tei2html.xsl line 12 element value-of". Returns 1 when `line` is one. */
static int parse_context_line(struct run *run, const char *line)
{
    static const struct {
        const char *prefix;
        tk_severity sev;
    } kinds[] = {
        {"runtime error", TK_ERROR},
        {"compilation error", TK_ERROR},
        {"compilation warning", TK_WARNING},
        {"error", TK_ERROR},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(line, kinds[i].prefix, n) != 0 || (line[n] != ':' && line[n] != '\0'))
            continue;
        run->have_loc = 1;
        run->loc_sev = kinds[i].sev;
        run->loc_file[0] = '\0';
        run->loc_line = 0;
        const char *f = strstr(line, "file ");
        if (f != NULL) {
            f += 5;
            const char *end = strstr(f, " line ");
            const char *elem = strstr(f, " element ");
            if (end == NULL || (elem != NULL && elem < end))
                end = elem;
            size_t fl = end != NULL ? (size_t)(end - f) : strlen(f);
            if (fl >= sizeof run->loc_file)
                fl = sizeof run->loc_file - 1;
            memcpy(run->loc_file, f, fl);
            run->loc_file[fl] = '\0';
            const char *l = strstr(f, " line ");
            if (l != NULL)
                run->loc_line = (unsigned)strtoul(l + 6, NULL, 10);
        }
        return 1;
    }
    return 0;
}

/* The stylesheet instruction being run (xsl:message has no context line): file and line. */
static int current_instruction(struct run *run, const char **file, unsigned *line, int *terminate)
{
    xmlNodePtr inst = run->tctxt != NULL ? run->tctxt->inst : NULL;
    if (inst == NULL || inst->type != XML_ELEMENT_NODE || inst->doc == NULL)
        return 0;
    *file = inst->doc->URL != NULL ? (const char *)inst->doc->URL : NULL;
    *line = (unsigned)xmlGetLineNo(inst);
    xmlChar *t = xmlGetNsProp(inst, (const xmlChar *)"terminate", NULL);
    *terminate = t != NULL && xmlStrEqual(t, (const xmlChar *)"yes") &&
                 xmlStrEqual(inst->name, (const xmlChar *)"message");
    xmlFree(t);
    return 1;
}

/* Reports one complete line of libxslt output. */
static void message_line(struct run *run, char *line)
{
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n == 0 || parse_context_line(run, line))
        return;
    if (strstr(line, "read rights for") != NULL || strstr(line, "Local file read for") != NULL) {
        run->have_loc = 0;
        return; /* our own read check has said why, and where */
    }
    if (run->have_loc) {
        run->have_loc = 0;
        if (run->loc_sev == TK_ERROR)
            run->errors++;
        TK_MSG_SEV(run->diag, XSLT, run->loc_sev, run->loc_file[0] ? run->loc_file : run->input,
                   run->loc_line, 0, line);
        return;
    }
    const char *file = NULL;
    unsigned lno = 0;
    int terminate = 0;
    if (current_instruction(run, &file, &lno, &terminate)) {
        /* xsl:message */
        if (terminate)
            run->errors++;
        TK_MSG_SEV(run->diag, XSL_MESSAGE, terminate ? TK_ERROR : TK_WARNING,
                   file != NULL ? file : run->input, lno, 0, line);
        return;
    }
    run->errors++;
    TK_MSG(run->diag, XSLT, run->input, 0, 0, line);
}

/* Reports the line collected in run->buf (ending a cut one with "..." at a character
 * boundary) and empties the buffer. */
static void end_line(struct run *run)
{
    if (run->cut) {
        size_t n = run->len < sizeof run->buf - 4 ? run->len : sizeof run->buf - 4;
        while (n > 0 && ((unsigned char)run->buf[n] & 0xC0) == 0x80)
            n--; /* buf[n] now starts a character: everything before it is whole */
        memcpy(run->buf + n, "...", 3);
        run->len = n + 3;
    }
    run->buf[run->len] = '\0';
    message_line(run, run->buf);
    run->len = 0;
    run->cut = 0;
}

/* Adds n bytes of libxslt output to the line buffer, reporting each line as it ends; a line
 * longer than the buffer keeps its start (then "...") and the rest is dropped, so a long
 * message never blocks the ones after it. */
static void add_output(struct run *run, const char *p, size_t n)
{
    while (n > 0) {
        const char *nl = memchr(p, '\n', n);
        size_t seg = nl != NULL ? (size_t)(nl - p) : n;
        size_t room = sizeof run->buf - 1 - run->len;
        size_t take = seg < room ? seg : room;
        memcpy(run->buf + run->len, p, take);
        run->len += take;
        if (take < seg)
            run->cut = 1;
        if (nl == NULL)
            break;
        end_line(run);
        p = nl + 1;
        n -= seg + 1;
    }
    run->buf[run->len] = '\0';
}

/* libxslt's generic and transform error function: collects pieces into lines. */
static void xslt_error(void *user, const char *fmt, ...)
{
    struct run *run = user;
    char small[1024], *big = NULL;
    va_list ap;
    if (run == NULL)
        return;
    va_start(ap, fmt);
    int k = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    const char *piece = small;
    if ((size_t)k >= sizeof small) { /* a long piece (xsl:message of any length): all of it */
        big = malloc((size_t)k + 1);
        if (big != NULL) {
            va_start(ap, fmt);
            vsnprintf(big, (size_t)k + 1, fmt, ap);
            va_end(ap);
            piece = big;
        } else {
            k = (int)sizeof small - 1;
        }
    }
    add_output(run, piece, (size_t)k);
    free(big);
}

/* Reports what is left in the line buffer (a message without a final newline). */
static void flush_messages(struct run *run)
{
    if (run->len > 0)
        end_line(run);
    run->have_loc = 0;
}

/* libxml2's structured errors while a transformation loads documents (document()). */
static void xml_error(void *user, xmlErrorPtr e)
{
    struct run *run = user;
    if (e == NULL || e->level == XML_ERR_NONE)
        return;
    if (e->domain == XML_FROM_XPATH)
        return; /* libxslt reports it again with the stylesheet's file and line */
    char msg[512];
    tk_xml_error_text(e, "XML error", msg, sizeof msg);
    tk_severity sev = e->level == XML_ERR_WARNING ? TK_WARNING : TK_ERROR;
    if (sev == TK_ERROR)
        run->errors++;
    TK_MSG_SEV(run->diag, XML, sev, e->file != NULL ? e->file : run->input, (unsigned)e->line,
               (unsigned)e->int2, msg);
}

/* ------------------------------------------------------------------ security --------- */

/* Copies the realpath of path's directory into out (PATH_MAX); "" when it cannot. */
static void dir_of(const char *path, char *out)
{
    char tmp[PATH_MAX];
    out[0] = '\0';
    if (path == NULL || strcmp(path, "-") == 0 || strlen(path) >= sizeof tmp)
        return;
    strcpy(tmp, path);
    char *slash = strrchr(tmp, '/');
    if (slash == NULL)
        strcpy(tmp, ".");
    else if (slash == tmp)
        tmp[1] = '\0';
    else
        *slash = '\0';
    if (realpath(tmp, out) == NULL)
        out[0] = '\0';
}

/* 1 when `path` (a realpath) lies under directory `dir` (a realpath). */
static int under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 0 || strncmp(path, dir, n) != 0)
        return 0;
    return path[n] == '/' || path[n] == '\0' || (n == 1 && dir[0] == '/');
}

/* document() and friends: local files under the allowed directories only. */
static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr tctxt,
                      const char *value)
{
    (void)sec;
    struct run *run = tctxt != NULL ? tctxt->_private : NULL;
    if (run == NULL || value == NULL)
        return 0;
    const char *path = value;
    char *unescaped = NULL;
    int ok = 0;
    const char *file = run->input;
    unsigned line = 0;
    int terminate;
    if (!current_instruction(run, &file, &line, &terminate) || file == NULL)
        file = run->input;
    if (strncmp(path, "file://", 7) == 0) {
        path += 7;
        if (strncmp(path, "localhost/", 10) == 0)
            path += 9;
    } else if (strstr(path, "://") != NULL) {
        TK_MSG(run->diag, XSLT_READ_NETWORK, file, line, 0, value);
        run->errors++;
        return 0;
    }
    unescaped = xmlURIUnescapeString(path, 0, NULL);
    char real[PATH_MAX];
    if (unescaped != NULL && realpath(unescaped, real) != NULL) {
        if (under(real, run->input_dir) ||
            (run->r->sheet_dir != NULL && under(real, run->r->sheet_dir)))
            ok = 1;
        for (char **d = run->r->read_dirs; !ok && d != NULL && *d != NULL; d++)
            ok = under(real, *d);
        if (!ok)
            TK_MSG(run->diag, XSLT_READ_OUTSIDE, file, line, 0, value, run->input);
    } else {
        TK_MSG(run->diag, XSLT_READ_MISSING, file, line, 0, value, run->input);
    }
    if (!ok)
        run->errors++;
    xmlFree(unescaped);
    return ok;
}

/* A new set of security preferences: no writing, no directories, no network, reads checked. */
static xsltSecurityPrefsPtr new_security(void)
{
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    if (sec == NULL)
        return NULL;
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, check_read);
    return sec;
}

/* Documents libxslt loads (document(), xsl:import, xsl:include) are parsed without DTD
 * loading, entity substitution or network; a document declaring entities is refused. */
static xsltDocLoaderFunc default_loader;

static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                             xsltLoadType type)
{
    int safe = (options & ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
                            XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE)) |
               XML_PARSE_NONET;
    xmlDocPtr doc = default_loader(uri, dict, safe, ctxt, type);
    if (doc != NULL && ((doc->intSubset != NULL && doc->intSubset->entities != NULL) ||
                        (doc->extSubset != NULL && doc->extSubset->entities != NULL))) {
        xsltTransformError(type == XSLT_LOAD_DOCUMENT ? ctxt : NULL, NULL, NULL,
                           "%s: entity declarations are not accepted\n", (const char *)uri);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxslt(void)
{
    tk_xml_init();
    exsltRegisterAll();
    default_loader = xsltDocDefaultLoader;
    xsltSetLoaderFunc(safe_loader);
}

/* ------------------------------------------------------------ tk:wrap() -------------- */

/* Appends s[0..n) to the growing buffer; returns -1 when out of memory. */
static int put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 256;
        while (c < *len + n + 1)
            c *= 2;
        char *g = realloc(*buf, c);
        if (g == NULL)
            return -1;
        *buf = g;
        *cap = c;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

/* Characters (UTF-8 code points) in s[0..n). */
static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Greedy word wrap: lines of at most `width` characters (0 = no limit; a longer word gets a
 * line of its own), every line after the first starts with `hang`, each ends with '\n'.
 * Returns a malloc'd string or NULL when out of memory. */
static char *wrap_text(const char *text, long width, const char *hang)
{
    char *out = NULL;
    size_t len = 0, cap = 0, col = 0;
    size_t hang_len = strlen(hang), hang_chars = chars(hang, hang_len);
    int line_has_word = 0;
    const char *p = text;
    if (put(&out, &len, &cap, "", 0) < 0)
        return NULL;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (*p == '\0')
            break;
        const char *w = p;
        while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        size_t wl = (size_t)(p - w), wc = chars(w, wl);
        if (line_has_word && width > 0 && col + 1 + wc > (size_t)width) {
            if (put(&out, &len, &cap, "\n", 1) < 0 || put(&out, &len, &cap, hang, hang_len) < 0)
                goto nomem;
            col = hang_chars;
            line_has_word = 0;
        }
        if (line_has_word) {
            if (put(&out, &len, &cap, " ", 1) < 0)
                goto nomem;
            col++;
        }
        if (put(&out, &len, &cap, w, wl) < 0)
            goto nomem;
        col += wc;
        line_has_word = 1;
    }
    if (put(&out, &len, &cap, "\n", 1) < 0)
        goto nomem;
    return out;
nomem:
    free(out);
    return NULL;
}

/* XPath tk:wrap(text, width, hang?) for tei2txt.xsl. */
static void xpath_wrap(xmlXPathParserContextPtr ctxt, int nargs)
{
    xmlChar *hang = NULL, *text = NULL;
    if (nargs < 2 || nargs > 3) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    if (nargs == 3)
        hang = xmlXPathPopString(ctxt);
    double width = xmlXPathPopNumber(ctxt);
    text = xmlXPathPopString(ctxt);
    if (xmlXPathCheckError(ctxt) || text == NULL) {
        xmlFree(hang);
        xmlFree(text);
        return;
    }
    long w = width != width || width < 0 ? 0 : width > 1e6 ? 1000000 : (long)width;
    char *s = wrap_text((const char *)text, w, hang != NULL ? (const char *)hang : "");
    xmlFree(hang);
    xmlFree(text);
    if (s == NULL) {
        xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
        return;
    }
    valuePush(ctxt, xmlXPathNewString((const xmlChar *)s));
    free(s);
}

/* ------------------------------------------------------------ tk:mentions() --------- */

/* tk:mentions(REF): the mentions of the stylesheet's $tk-mentions whose @ref lists the token
   REF, in document order.
   The persons index calls it once per person; a table of every token of SET is built at the
   first call (linear), where an xsl:key would be quadratic in the mentions of one person
   (libxslt adds each node to a key's node-set after a duplicate check over that set). */
struct refs {
    xmlNodePtr *v;
    int n, cap;
};

static void refs_free(void *p, const xmlChar *name)
{
    (void)name;
    struct refs *r = p;
    free(r->v);
    free(r);
}

static int refs_add(xmlHashTablePtr t, const xmlChar *tok, int len, xmlNodePtr node)
{
    xmlChar *k = xmlStrndup(tok, len);
    if (k == NULL)
        return -1;
    struct refs *r = xmlHashLookup(t, k);
    if (r == NULL) {
        r = calloc(1, sizeof *r);
        if (r == NULL || xmlHashAddEntry(t, k, r) != 0) {
            free(r);
            xmlFree(k);
            return -1;
        }
    }
    xmlFree(k);
    if (r->n > 0 && r->v[r->n - 1] == node)
        return 0; /* ref="#a #a" */
    if (r->n == r->cap) {
        int c = r->cap ? 2 * r->cap : 8;
        xmlNodePtr *g = realloc(r->v, (size_t)c * sizeof *g);
        if (g == NULL)
            return -1;
        r->v = g;
        r->cap = c;
    }
    r->v[r->n++] = node;
    return 0;
}

static int is_space(xmlChar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static xmlHashTablePtr mentions_table(xmlNodeSetPtr set)
{
    xmlHashTablePtr t = xmlHashCreate(64);
    for (int i = 0; t != NULL && set != NULL && i < set->nodeNr; i++) {
        xmlNodePtr node = set->nodeTab[i];
        if (node->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *ref = xmlGetNoNsProp(node, (const xmlChar *)"ref");
        for (const xmlChar *p = ref; p != NULL && *p != 0;) {
            while (is_space(*p))
                p++;
            const xmlChar *e = p;
            while (*e != 0 && !is_space(*e))
                e++;
            if (e > p && refs_add(t, p, (int)(e - p), node) != 0) {
                xmlHashFree(t, refs_free);
                t = NULL;
                break;
            }
            p = e;
        }
        xmlFree(ref);
    }
    return t;
}

/* A node and its 1-based position in the set. */
struct pos {
    xmlNodePtr node;
    int i;
};

static int pos_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct pos *)a)->node, y = (uintptr_t)((const struct pos *)b)->node;
    return (x > y) - (x < y);
}

/* Builds run's tables once per transformation from the stylesheet's global variable
   `tk-mentions` (the mentions in document order): looking it up copies it, so it is done
   once rather than passed to every call. */
static int mention_tables(struct run *run, xsltTransformContextPtr tctxt)
{
    if (run->mentions != NULL && run->men_pos != NULL)
        return 0;
    if (run->mentions != NULL || run->men_pos != NULL)
        return -1; /* a failed earlier attempt */
    xmlXPathObjectPtr v = xsltVariableLookup(tctxt, (const xmlChar *)"tk-mentions", NULL);
    xmlNodeSetPtr set = v != NULL && v->type == XPATH_NODESET ? v->nodesetval : NULL;
    int n = set != NULL ? set->nodeNr : 0;
    run->mentions = mentions_table(set);
    run->men_pos = malloc(((size_t)n + 1) * sizeof *run->men_pos);
    run->men_n = n;
    if (run->mentions == NULL || run->men_pos == NULL) {
        xmlXPathFreeObject(v);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        run->men_pos[i].node = set->nodeTab[i];
        run->men_pos[i].i = i + 1;
    }
    qsort(run->men_pos, (size_t)n, sizeof *run->men_pos, pos_cmp);
    xmlXPathFreeObject(v);
    return 0;
}

/* tk:position(NODE): the 1-based position of NODE (the first node of the argument) in the
   stylesheet's $tk-mentions; NaN when it is not there. The number of a mention without a
   table of (generate-id, number) pairs looked up by key. */
static void xpath_position(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlNodeSetPtr node = xmlXPathPopNodeSet(ctxt);
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    struct run *run = tctxt != NULL ? tctxt->_private : NULL;
    if (xmlXPathCheckError(ctxt) || run == NULL) {
        if (!xmlXPathCheckError(ctxt))
            xmlXPathSetError(ctxt, XPATH_INVALID_TYPE);
        xmlXPathFreeNodeSet(node);
        return;
    }
    if (mention_tables(run, tctxt) != 0) {
        xmlXPathFreeNodeSet(node);
        xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
        return;
    }
    double v = xmlXPathNAN;
    if (node != NULL && node->nodeNr > 0) {
        struct pos key = {node->nodeTab[0], 0};
        struct pos *f = bsearch(&key, run->men_pos, (size_t)run->men_n, sizeof key, pos_cmp);
        if (f != NULL)
            v = f->i;
    }
    xmlXPathFreeNodeSet(node);
    valuePush(ctxt, xmlXPathNewFloat(v));
}

static void xpath_mentions(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *ref = xmlXPathPopString(ctxt);
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    struct run *run = tctxt != NULL ? tctxt->_private : NULL;
    if (xmlXPathCheckError(ctxt) || ref == NULL || run == NULL) {
        if (!xmlXPathCheckError(ctxt))
            xmlXPathSetError(ctxt, XPATH_INVALID_TYPE);
        xmlFree(ref);
        return;
    }
    int ok = mention_tables(run, tctxt) == 0;
    xmlNodeSetPtr out = xmlXPathNodeSetCreate(NULL);
    struct refs *r = ok ? xmlHashLookup(run->mentions, ref) : NULL;
    xmlFree(ref);
    if (!ok || out == NULL) {
        xmlXPathFreeNodeSet(out);
        xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
        return;
    }
    for (int i = 0; r != NULL && i < r->n; i++)
        if (xmlXPathNodeSetAddUnique(out, r->v[i]) < 0) {
            xmlXPathFreeNodeSet(out);
            xmlXPathSetError(ctxt, XPATH_MEMORY_ERROR);
            return;
        }
    valuePush(ctxt, xmlXPathWrapNodeSet(out));
}

/* ------------------------------------------------------------ the renderer ----------- */

/* Sets params: name, value pairs, a later name replacing an earlier one. */
static int add_param(tk_render *r, size_t *n, const char *name, size_t name_len,
                     const char *value)
{
    for (size_t i = 0; i < *n; i += 2)
        if (strlen(r->params[i]) == name_len && strncmp(r->params[i], name, name_len) == 0) {
            char *v = strdup(value);
            if (v == NULL)
                return -1;
            free(r->params[i + 1]);
            r->params[i + 1] = v;
            return 0;
        }
    char *k = strndup(name, name_len), *v = strdup(value);
    if (k == NULL || v == NULL) {
        free(k);
        free(v);
        return -1;
    }
    r->params[(*n)++] = k;
    r->params[(*n)++] = v;
    r->params[*n] = NULL;
    return 0;
}

/* 1 when s[0..n) is an XML name as XSLT parameters need (letters, digits, - _ . :). */
static int is_param_name(const char *s, size_t n)
{
    if (n == 0 || (s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':'))
            return 0;
    }
    return 1;
}

/* 1 when CSS text may go into the page's <style> element: valid UTF-8, no '<' (so no "</style>" can end
 * the element and start markup; CSS writes a literal '<' as \3c) and no control characters
 * but tab, LF, CR, FF. Reports (TK_SYSTEM) and returns 0 otherwise. */
static int css_is_safe(tk_render *r, const char *css)
{
    if (!xmlCheckUTF8((const xmlChar *)css)) {
        TK_MSG(r->diag, PARAM_CSS_UTF8, NULL, 0, 0);
        return 0;
    }
    for (const unsigned char *c = (const unsigned char *)css; *c; c++) {
        if (*c == '<' || (*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r' && *c != '\f') ||
            *c == 0x7f) {
            TK_MSG(r->diag, PARAM_CSS, NULL, 0, 0);
            return 0;
        }
    }
    return 1;
}

static int set_options(tk_render *r, const tk_render_opts *o)
{
    size_t np = 0, nd = 0;
    for (const char *const *p = o->params; p != NULL && *p != NULL; p++)
        np++;
    for (const char *const *p = o->read_dirs; p != NULL && *p != NULL; p++)
        nd++;
    r->params = calloc(2 * np + 3, sizeof *r->params);
    r->read_dirs = calloc(nd + 1, sizeof *r->read_dirs);
    if (r->params == NULL || r->read_dirs == NULL)
        goto nomem;
    size_t n = 0;
    if (add_param(r, &n, "view", 4, o->view != NULL ? o->view : "diplomatic") < 0)
        goto nomem;
    for (const char *const *p = o->params; p != NULL && *p != NULL; p++) {
        const char *eq = strchr(*p, '=');
        if (eq == NULL || !is_param_name(*p, (size_t)(eq - *p))) {
            TK_MSG(r->diag, PARAM, NULL, 0, 0, *p);
            return -1;
        }
        if (eq - *p == 3 && strncmp(*p, "css", 3) == 0 && !css_is_safe(r, eq + 1))
            return -1;
        if (add_param(r, &n, *p, (size_t)(eq - *p), eq + 1) < 0)
            goto nomem;
    }
    size_t k = 0;
    for (const char *const *p = o->read_dirs; p != NULL && *p != NULL; p++) {
        char real[PATH_MAX];
        if (realpath(*p, real) == NULL) {
            TK_MSG(r->diag, IO_NO_DIR, *p, 0, 0);
            return -1;
        }
        if ((r->read_dirs[k++] = strdup(real)) == NULL)
            goto nomem;
    }
    return 0;
nomem:
    TK_MSG(r->diag, OOM, NULL, 0, 0);
    return -1;
}

tk_render *tk_render_new(const tk_render_opts *opts, tk_diag *d)
{
    tk_render_opts none = {0};
    const tk_render_opts *o = opts != NULL ? opts : &none;
    tk_render *r = calloc(1, sizeof *r);
    xmlDocPtr sheet = NULL;
    struct run run;
    if (r == NULL) {
        TK_MSG(d, OOM, NULL, 0, 0);
        return NULL;
    }
    r->diag = d;
    r->xinclude = o->xinclude;
    pthread_once(&init_once, init_libxslt);
    if ((unsigned)o->to >= TK_RENDER_FORMAT_COUNT) {
        TK_MSG(d, RENDER_FORMAT, NULL, 0, 0);
        goto fail;
    }
    if (o->view != NULL && strcmp(o->view, "diplomatic") != 0 &&
        strcmp(o->view, "normalized") != 0) {
        TK_MSG(d, RENDER_VIEW, NULL, 0, 0, o->view);
        goto fail;
    }
    if (set_options(r, o) < 0)
        goto fail;
    if (o->xslt != NULL) {
        r->sheet_path = strdup(o->xslt);
    } else {
        r->builtin = 1;
        const char *dir = o->xslt_dir;
        char buf[PATH_MAX];
        if (dir == NULL) {
            snprintf(buf, sizeof buf, "%s/xslt", tk_data_dir());
            dir = buf;
        }
        size_t n = strlen(dir) + strlen(builtin_sheets[o->to]) + 2;
        r->sheet_path = malloc(n);
        if (r->sheet_path != NULL)
            snprintf(r->sheet_path, n, "%s/%s", dir, builtin_sheets[o->to]);
    }
    if (r->sheet_path == NULL) {
        TK_MSG(d, OOM, NULL, 0, 0);
        goto fail;
    }
    char sd[PATH_MAX];
    dir_of(r->sheet_path, sd);
    if (sd[0] != '\0' && (r->sheet_dir = strdup(sd)) == NULL)
        goto fail;
    sheet = tk_xml_read_file(r->sheet_path, 0, d);
    if (sheet == NULL)
        goto fail;
    memset(&run, 0, sizeof run);
    run.r = r;
    run.diag = d;
    run.input = r->sheet_path;
    tk_xml_handlers host;
    tk_xml_handlers_save(&host, 1);
    xsltSetGenericErrorFunc(&run, xslt_error);
    xmlSetStructuredErrorFunc(&run, xml_error);
    r->style = xsltParseStylesheetDoc(sheet);
    flush_messages(&run);
    tk_xml_handlers_restore(&host);
    if (r->style == NULL) {
        xmlFreeDoc(sheet);
        if (run.errors == 0)
            TK_MSG(d, XSLT_NOT_SHEET, r->sheet_path, 0, 0);
        goto fail;
    }
    sheet = NULL; /* owned by the stylesheet now */
    if (r->style->errors > 0 || run.errors > 0) {
        if (run.errors == 0)
            TK_MSG(d, XSLT_SHEET_ERRORS, r->sheet_path, 0, 0);
        goto fail;
    }
    return r;
fail:
    tk_render_free(r);
    return NULL;
}

void tk_render_free(tk_render *r)
{
    if (r == NULL)
        return;
    if (r->style != NULL)
        xsltFreeStylesheet(r->style);
    for (char **p = r->params; p != NULL && *p != NULL; p++)
        free(*p);
    free(r->params);
    for (char **p = r->read_dirs; p != NULL && *p != NULL; p++)
        free(*p);
    free(r->read_dirs);
    free(r->sheet_path);
    free(r->sheet_dir);
    free(r);
}

const char *tk_render_extension(const tk_render *r)
{
    const xmlChar *method = NULL;
    for (xsltStylesheetPtr s = r != NULL ? r->style : NULL; s != NULL && method == NULL;
         s = xsltNextImport(s))
        method = s->method;
    if (method == NULL)
        return "xml";
    if (xmlStrEqual(method, (const xmlChar *)"html"))
        return "html";
    if (xmlStrEqual(method, (const xmlChar *)"text"))
        return "txt";
    return "xml";
}

/* The serialized result, written straight into one growing buffer (xsltSaveResultToString
   would fill its own buffer and copy it, and the caller's copy would be a third). */
struct sink {
    char *buf;
    size_t len, cap;
    int failed;
};

static int sink_write(void *ctx, const char *s, int n)
{
    struct sink *k = ctx;
    if (n < 0 || put(&k->buf, &k->len, &k->cap, s, (size_t)n) != 0) {
        k->failed = 1;
        return -1;
    }
    return n;
}

/* Serializes res with the stylesheet's output settings into *out (NUL-terminated). */
static int save_result(xmlDocPtr res, xsltStylesheetPtr style, char **out, size_t *len)
{
    struct sink k = {NULL, 0, 0, 0};
    const xmlChar *enc = NULL;
    XSLT_GET_IMPORT_PTR(enc, style, encoding);
    xmlCharEncodingHandlerPtr h = enc != NULL ? xmlFindCharEncodingHandler((const char *)enc) : NULL;
    if (h != NULL && xmlStrcasecmp((const xmlChar *)h->name, (const xmlChar *)"UTF-8") == 0)
        h = NULL;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(sink_write, NULL, &k, h);
    if (ob == NULL) {
        xmlCharEncCloseFunc(h);
        return -1;
    }
    int w = xsltSaveResultTo(ob, res, style);
    if (xmlOutputBufferClose(ob) < 0 || w < 0 || k.failed ||
        put(&k.buf, &k.len, &k.cap, "", 0) != 0) {
        free(k.buf);
        return -1;
    }
    *out = k.buf;
    *len = k.len;
    return 0;
}

/* Transforms doc; the input's directory is already in run->input_dir. */
static int transform(struct run *run, xmlDocPtr doc, char **out, size_t *len)
{
    tk_render *r = run->r;
    xsltTransformContextPtr tctxt = NULL;
    xsltSecurityPrefsPtr sec = NULL;
    xmlDocPtr res = NULL;
    int rc = -1, saved = 0;
    tk_xml_handlers host;

    tctxt = xsltNewTransformContext(r->style, doc);
    sec = new_security();
    run->ext = tk_render_ext_new(run->diag, run->input, run->input_dir);
    if (tctxt == NULL || sec == NULL || run->ext == NULL) {
        TK_MSG(run->diag, OOM, run->input, 0, 0);
        goto out;
    }
    run->tctxt = tctxt;
    tctxt->_private = run;
    xsltSetTransformErrorFunc(tctxt, run, xslt_error);
    tk_xml_handlers_save(&host, 1);
    saved = 1;
    xsltSetGenericErrorFunc(run, xslt_error);
    xmlSetStructuredErrorFunc(run, xml_error);
    if (xsltSetCtxtSecurityPrefs(sec, tctxt) != 0 ||
        xsltRegisterExtFunction(tctxt, (const xmlChar *)"wrap",
                                (const xmlChar *)TK_RENDER_NS, xpath_wrap) != 0 ||
        xsltRegisterExtFunction(tctxt, (const xmlChar *)"mentions",
                                (const xmlChar *)TK_RENDER_NS, xpath_mentions) != 0 ||
        xsltRegisterExtFunction(tctxt, (const xmlChar *)"position",
                                (const xmlChar *)TK_RENDER_NS, xpath_position) != 0 ||
        tk_render_ext_register(run->ext, tctxt, TK_RENDER_NS) != 0 ||
        xsltQuoteUserParams(tctxt, (const char **)r->params) != 0) {
        flush_messages(run);
        if (run->errors == 0)
            TK_MSG(run->diag, XSLT_PARAMS, run->input, 0, 0);
        goto out;
    }
    res = xsltApplyStylesheetUser(r->style, doc, NULL, NULL, NULL, tctxt);
    flush_messages(run);
    if (tctxt->state == XSLT_STATE_STOPPED && run->errors == 0) {
        run->errors++;
        TK_MSG(run->diag, XSLT_STOPPED, run->input, 0, 0);
    }
    if (res == NULL || run->errors > 0 || tctxt->state != XSLT_STATE_OK) {
        if (run->errors == 0)
            TK_MSG(run->diag, XSLT_FAILED, run->input, 0, 0);
        goto out;
    }
    if (save_result(res, r->style, out, len) != 0) {
        TK_MSG(run->diag, OOM, run->input, 0, 0);
        goto out;
    }
    rc = 0;
out:
    if (saved)
        tk_xml_handlers_restore(&host);
    if (res != NULL)
        xmlFreeDoc(res);
    if (tctxt != NULL)
        xsltFreeTransformContext(tctxt);
    tk_render_ext_free(run->ext);
    run->ext = NULL;
    if (run->mentions != NULL)
        xmlHashFree(run->mentions, refs_free);
    run->mentions = NULL;
    free(run->men_pos);
    run->men_pos = NULL;
    if (sec != NULL)
        xsltFreeSecurityPrefs(sec);
    run->tctxt = NULL;
    return rc;
}

int tk_render_doc(tk_render *r, xmlDocPtr doc, const char *name, char **out, size_t *len)
{
    struct run run;
    *out = NULL;
    *len = 0;
    memset(&run, 0, sizeof run);
    run.r = r;
    run.diag = r->diag;
    run.input = name != NULL ? name : "<document>";
    if (name != NULL && name[0] != '<')
        dir_of(name, run.input_dir);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (r->builtin && (root == NULL || root->ns == NULL ||
                       strcmp((const char *)root->ns->href, TK_TEI_NS) != 0 ||
                       (strcmp((const char *)root->name, "TEI") != 0 &&
                        strcmp((const char *)root->name, "teiCorpus") != 0)))
        TK_MSG(r->diag, NOT_TEI, run.input, root != NULL ? (unsigned)root->line : 0, 0, root != NULL ? (const char *)root->name : "");
    return transform(&run, doc, out, len);
}

int tk_render_file(tk_render *r, const char *path, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    xmlDocPtr doc = tk_xml_read_file(path, r->xinclude ? TK_XML_XINCLUDE : 0, r->diag);
    if (doc == NULL)
        return -1;
    int rc = tk_render_doc(r, doc, strcmp(path, "-") == 0 ? "<stdin>" : path, out, len);
    xmlFreeDoc(doc);
    return rc;
}
