/* xmlsafe.c: parsing anyone's XML without network, external entities or DTDs, with libxml2's
 * errors reported through the diagnostics module. */
#include "teikit.h"
#include "tk_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/entities.h>
#include <libxml/hash.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/valid.h>
#include <libxml/uri.h>
#include <libxml/xinclude.h>

/* ------------------------------------------------------------ input guard ------- */

/* libxml2 checks each attribute of a start tag against all the earlier ones: an element with
 * 100,000 attributes takes minutes. Every byte libxml2 reads (the document, and the files an
 * XInclude or a schema's include loads) passes through a scanner that counts the attributes
 * of each start tag and stops the read past this many. */
#define MAX_ATTRIBUTES 1000

/* Where the limit was passed (per thread: a parse and what it loads run in one thread). */
static _Thread_local struct {
    int over;
    char file[512];
    unsigned line, col;
} limit_hit;

/* Scanner state, kept across reads: which construct the last byte was in. */
enum gstate { G_TEXT, G_LT, G_BANG, G_BANG_DASH, G_COMMENT, G_CDATA, G_PI, G_DECL, G_END,
              G_START };

struct reader {
    int fd;          /* -1 for memory */
    const char *mem; /* not owned */
    size_t len, pos;
    char *file;      /* for the message */
    enum gstate st;
    char quote;
    int depth, run;  /* DOCTYPE brackets; '-', ']' or '?' just before */
    unsigned long attrs;
    unsigned line, col, tag_line, tag_col;
};

/* Moves the reader's line and column over n bytes of text (lines by memchr; the column
 * counts the characters after the last newline). */
static void guard_skip(struct reader *r, const char *s, size_t n)
{
    const char *nl;
    while (n > 0 && (nl = memchr(s, '\n', n)) != NULL) {
        r->line++;
        r->col = 1;
        n -= (size_t)(nl + 1 - s);
        s = nl + 1;
    }
    unsigned chars = 0;
    for (size_t k = 0; k < n; k++)
        chars += ((unsigned char)s[k] & 0xC0) != 0x80;
    r->col += chars;
}

/* Scans n bytes; returns -1 (limit_hit set) when a start tag has too many attributes. Text
 * between tags is skipped to the next '<' at once (most of a document). */
static int guard_scan(struct reader *r, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (r->st == G_TEXT) {
            const char *lt = memchr(b + i, '<', n - i);
            size_t end = lt != NULL ? (size_t)(lt - b) : n;
            guard_skip(r, b + i, end - i);
            if (lt == NULL)
                return 0;
            i = end; /* the '<' itself, counted below */
        }
        char ch = b[i];
        switch (r->st) {
        case G_TEXT:
            r->st = G_LT;
            r->tag_line = r->line;
            r->tag_col = r->col;
            break;
        case G_LT:
            r->st = ch == '!' ? G_BANG : ch == '?' ? G_PI : ch == '/' ? G_END : G_START;
            r->attrs = 0;
            r->quote = 0;
            r->run = 0;
            r->depth = 0;
            break;
        case G_BANG:
            r->st = ch == '-' ? G_BANG_DASH : ch == '[' ? G_CDATA : G_DECL;
            break;
        case G_BANG_DASH:
            r->st = ch == '-' ? G_COMMENT : G_DECL;
            break;
        case G_COMMENT: /* ends at "-->", as CDATA at "]]>" and a PI at "?>" */
        case G_CDATA:
        case G_PI: {
            char closer = r->st == G_COMMENT ? '-' : r->st == G_CDATA ? ']' : '?';
            int need = r->st == G_PI ? 1 : 2;
            if (ch == '>' && r->run >= need)
                r->st = G_TEXT;
            r->run = ch == closer ? r->run + 1 : 0;
            break;
        }
        case G_DECL:
        case G_END:
        case G_START:
            if (r->quote != 0) {
                if (ch == r->quote)
                    r->quote = 0;
            } else if (ch == '"' || ch == '\'') {
                r->quote = ch;
            } else if (r->st == G_DECL && (ch == '[' || ch == ']')) {
                r->depth += ch == '[' ? 1 : -1;
            } else if (ch == '>' && (r->st != G_DECL || r->depth <= 0)) {
                r->st = G_TEXT;
            } else if (ch == '=' && r->st == G_START && ++r->attrs > MAX_ATTRIBUTES) {
                limit_hit.over = 1;
                snprintf(limit_hit.file, sizeof limit_hit.file, "%s", r->file);
                limit_hit.line = r->tag_line;
                limit_hit.col = r->tag_col;
                return -1;
            }
            break;
        }
        if (ch == '\n') {
            r->line++;
            r->col = 1;
        } else if (((unsigned char)ch & 0xC0) != 0x80) {
            r->col++;
        }
    }
    return 0;
}

static int reader_read(void *ctx, char *buf, int len)
{
    struct reader *r = ctx;
    ssize_t got;
    if (limit_hit.over)
        return -1;
    if (r->fd < 0) {
        got = (ssize_t)(r->len - r->pos < (size_t)len ? r->len - r->pos : (size_t)len);
        memcpy(buf, r->mem + r->pos, (size_t)got);
        r->pos += (size_t)got;
    } else {
        do
            got = read(r->fd, buf, (size_t)len);
        while (got < 0 && errno == EINTR);
        if (got < 0)
            return -1;
    }
    return guard_scan(r, buf, (size_t)got) != 0 ? -1 : (int)got;
}

static int reader_close(void *ctx)
{
    struct reader *r = ctx;
    if (r->fd >= 0)
        close(r->fd);
    free(r->file);
    free(r);
    return 0;
}

/* A guarded reader of a file (mem NULL) or of memory. NULL when the file cannot be opened
 * (errno set) or out of memory. Freed by reader_close. */
static struct reader *reader_new(const char *path, const char *mem, size_t len,
                                 const char *name)
{
    struct reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->fd = -1;
    r->mem = mem;
    r->len = len;
    r->line = r->col = 1;
    r->file = strdup(name);
    if (r->file == NULL || (mem == NULL && (r->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)) {
        int e = errno;
        reader_close(r);
        errno = e;
        return NULL;
    }
    return r;
}

/* Where libxml2's structured errors go while one parse runs (per thread). */
struct err_target {
    tk_diag *diag;
    const char *name;
    int errors;
};

const char *tk_xml_error_text(const xmlError *e, const char *fallback, char *buf, size_t size)
{
    snprintf(buf, size, "%s", e != NULL && e->message != NULL ? e->message : fallback);
    size_t n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    return buf;
}

static void structured_error(void *user, xmlErrorPtr e)
{
    struct err_target *t = user;
    char msg[512];
    if (e == NULL || limit_hit.over) /* the read was stopped: read_any says why */
        return;
    tk_xml_error_text(e, "XML error", msg, sizeof msg);
    tk_severity sev = e->level == XML_ERR_WARNING ? TK_WARNING : TK_ERROR;
    if (sev == TK_ERROR) {
        if (t->errors++ > 0 && e->domain == XML_FROM_PARSER)
            return; /* one cause, one message: the parser stops at the first fatal error */
    }
    TK_MSG_SEV(t->diag, XML, sev, e->file != NULL ? e->file : t->name, (unsigned)e->line,
               (unsigned)e->int2, msg);
}

/* Refuses every external resource that is not a local file (no network, ever); reads the
 * local ones through the guard. */
static xmlParserInputPtr safe_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    const char *path = url;
    if (url == NULL || (strstr(url, "://") != NULL && strncmp(url, "file://", 7) != 0))
        return NULL;
    if (strncmp(url, "file://", 7) == 0)
        path = url + 7;
    struct reader *r = reader_new(path, NULL, 0, path);
    if (r == NULL) /* the caller says it could not load it */
        return NULL;
    xmlParserInputBufferPtr buf =
        xmlParserInputBufferCreateIO(reader_read, reader_close, r, XML_CHAR_ENCODING_NONE);
    if (buf == NULL) {
        reader_close(r);
        return NULL;
    }
    xmlParserInputPtr in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE);
    if (in == NULL) {
        xmlFreeParserInputBuffer(buf);
        return NULL;
    }
    in->filename = (char *)xmlCanonicPath((const xmlChar *)path);
    if (ctxt != NULL && ctxt->directory == NULL)
        ctxt->directory = xmlParserGetDirectory(path);
    return in;
}

static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

/* The loader is process-wide in libxml2: install it once, before any parse. */
static void install_loader(void)
{
    tk_xml_init();
    xmlSetExternalEntityLoader(safe_loader);
}

static const int parse_options =
    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

/* What a document declares in its DOCTYPE, as teikit's entity policy sees it. */
enum entity_decls {
    DECLS_NONE,     /* nothing declared */
    DECLS_SWITCHES, /* only internal parameter entities: the "INCLUDE" switches of old
                       DTD-based TEI (<!ENTITY % TEI.drama "INCLUDE">), ignored */
    DECLS_REFUSED   /* a general entity, or an external parameter entity */
};

static void scan_pentity(void *payload, void *data, const xmlChar *name)
{
    const xmlEntity *e = payload;
    int *external = data;
    (void)name;
    if (e != NULL && e->etype != XML_INTERNAL_PARAMETER_ENTITY)
        *external = 1;
}

static enum entity_decls entity_decls(xmlDocPtr doc)
{
    const xmlDtd *const subsets[] = {doc->intSubset, doc->extSubset};
    enum entity_decls r = DECLS_NONE;
    for (size_t i = 0; i < sizeof subsets / sizeof *subsets; i++) {
        if (subsets[i] == NULL)
            continue;
        if (subsets[i]->entities != NULL)
            return DECLS_REFUSED;
        if (subsets[i]->pentities != NULL) {
            int external = 0;
            xmlHashScan(subsets[i]->pentities, scan_pentity, &external);
            if (external)
                return DECLS_REFUSED;
            r = DECLS_SWITCHES;
        }
    }
    return r;
}

/* Whether the internal subset of the DOCTYPE at the start of s[0..n) references a parameter
 * entity (`%name;`, in a declaration or inside a literal, where XML expands it); comments are
 * skipped. An internal subset that does not end within n bytes counts as referencing. */
static int subset_has_pe_reference(const char *s, size_t n)
{
    const char *dt = NULL;
    for (size_t i = 0; i + 9 <= n && dt == NULL; i++)
        if (memcmp(s + i, "<!DOCTYPE", 9) == 0)
            dt = s + i;
    if (dt == NULL)
        return 1;
    const char *end = s + n, *p = memchr(dt, '[', (size_t)(end - dt));
    if (p == NULL)
        return 1;
    char quote = 0;
    for (p++; p < end; p++) {
        if (quote == 0 && end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *c = p + 4;
            while (c + 3 <= end && memcmp(c, "-->", 3) != 0)
                c++;
            if (c + 3 > end)
                return 1;
            p = c + 2;
            continue;
        }
        if (quote != 0) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if (*p == ']') {
            return 0;
        }
        if (*p == '%' && p + 1 < end &&
            ((unsigned)(((unsigned char)p[1] | 0x20) - 'a') < 26u || p[1] == '_' || p[1] == ':' ||
             (unsigned char)p[1] >= 0x80))
            return 1;
    }
    return 1;
}

/* The first bytes of path (up to cap), for looking at its DOCTYPE; NULL when unreadable. */
static char *read_prefix(const char *path, size_t cap, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = malloc(cap);
    if (buf != NULL)
        *n = fread(buf, 1, cap, f);
    fclose(f);
    return buf;
}

/* Applies the entity policy to a parsed document (source: buf, or the file path): general
 * entities and external parameter entities are refused; internal parameter entities that
 * nothing references are the switches of an old DTD-based file: no DTD is read, so they
 * mean nothing, and the document is accepted with a warning. Returns 0 to accept. */
static int entity_policy(xmlDocPtr doc, const char *path, const char *buf, size_t len,
                         const char *name, tk_diag *d)
{
    enum entity_decls decls = entity_decls(doc);
    if (decls == DECLS_SWITCHES) {
        size_t n = 0;
        char *own = NULL;
        if (buf == NULL) {
            own = read_prefix(path, (size_t)1 << 20, &n);
            buf = own;
        } else {
            n = len;
        }
        if (buf == NULL || subset_has_pe_reference(buf, n))
            decls = DECLS_REFUSED;
        free(own);
    }
    if (decls == DECLS_REFUSED) {
        TK_MSG(d, XML_ENTITY, name, 1, 0);
        return -1;
    }
    if (decls == DECLS_SWITCHES)
        TK_MSG(d, XML_PARAM_ENTITY, name, 1, 0);
    return 0;
}

static xmlDocPtr finish(xmlDocPtr doc, xmlParserCtxtPtr ctxt, struct err_target *t, int flags)
{
    if (doc != NULL && (!ctxt->wellFormed || t->errors > 0)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc != NULL && (flags & TK_XML_XINCLUDE)) {
        if (xmlXIncludeProcessFlags(doc, parse_options | XML_PARSE_XINCLUDE) < 0 ||
            t->errors > 0) {
            if (t->errors == 0)
                TK_MSG(t->diag, XINCLUDE_FAILED, t->name, 0, 0);
            xmlFreeDoc(doc);
            doc = NULL;
        }
    }
    return doc;
}

/* ------------------------------------------------------------ streaming -------- */

/* The hooks of the parse running in this thread (tk_xml_stream_file), or NULL. */
static _Thread_local struct {
    const tk_xml_hooks *hooks;
    int lost; /* a start tag did not make a node (out of memory): no more hooks */
} stream;

/* libxml2's SAX2 start tag (the node is built), then the hook. */
static void stream_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                         const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                         int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlNodePtr parent = ctxt->node;
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
                          nb_attributes, nb_defaulted, attributes);
    if (ctxt->node == NULL || ctxt->node == parent)
        stream.lost = 1;
    if (!stream.lost)
        stream.hooks->start(stream.hooks->arg, ctxt->node);
}

/* Forgets the xml:ids of el's attributes before they are freed: the document's table of
 * ids keeps the values (the parser finds duplicates with it), not the attributes. */
static void detach_ids(xmlNodePtr el)
{
    for (xmlAttrPtr a = el->properties; a != NULL; a = a->next) {
        if (a->atype != XML_ATTRIBUTE_ID || el->doc == NULL || el->doc->ids == NULL)
            continue;
        xmlChar *value = xmlNodeListGetString(el->doc, a->children, 1);
        xmlIDPtr id = value != NULL ? xmlHashLookup(el->doc->ids, value) : NULL;
        if (id != NULL && id->attr == a)
            id->attr = NULL;
        xmlFree(value);
    }
}

/* libxml2's SAX2 end tag, then the hook; then the element and the nodes before it in its
 * parent are freed (the hooks have seen them). */
static void stream_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlNodePtr el = ctxt->node;
    xmlSAX2EndElementNs(ctx, localname, prefix, uri);
    if (stream.lost || el == NULL)
        return;
    stream.hooks->end(stream.hooks->arg, el);
    xmlNodePtr parent = el->parent;
    if (parent == NULL || parent->type != XML_ELEMENT_NODE || ctxt->node != parent)
        return; /* the root stays: it is the document */
    detach_ids(el);
    xmlFreeNodeList(parent->children);
    parent->children = parent->last = NULL;
}

static xmlDocPtr read_any(const char *path, const char *buf, size_t len, const char *name,
                          int flags, const tk_xml_hooks *hooks, tk_diag *d)
{
    struct err_target t = {d, name, 0};
    xmlDocPtr doc = NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        TK_MSG(d, OOM, name, 0, 0);
        return NULL;
    }
    tk_xml_handlers host;
    tk_xml_handlers_save(&host, 0);
    xmlSetStructuredErrorFunc(&t, structured_error);
    pthread_once(&loader_once, install_loader);
    limit_hit.over = 0;
    int opts = parse_options;
    if (hooks != NULL) {
        stream.hooks = hooks;
        stream.lost = 0;
        ctxt->sax->startElementNs = stream_start;
        ctxt->sax->endElementNs = stream_end;
    }
    struct reader *r = reader_new(path, path != NULL ? NULL : buf != NULL ? buf : "", len, name);
    if (r == NULL) {
        TK_MSG(d, IO_OPEN, name, 0, 0, strerror(errno));
        goto out;
    }
    /* the file's path is its base URI (XInclude hrefs are relative to it) */
    doc = xmlCtxtReadIO(ctxt, reader_read, reader_close, r, path != NULL ? path : name, NULL,
                        opts);
    if (!limit_hit.over && doc == NULL && t.errors == 0)
        TK_MSG_SEV(d, XML_UNREADABLE, path != NULL ? TK_SYSTEM : TK_ERROR, name, 0, 0);
    if (!limit_hit.over && doc != NULL && ctxt->wellFormed && t.errors == 0 &&
        entity_policy(doc, path, buf, len, name, d) != 0) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!limit_hit.over)
        doc = finish(doc, ctxt, &t, flags);
    if (limit_hit.over) {
        TK_MSG(d, XML_LIMIT, limit_hit.file, limit_hit.line, limit_hit.col, MAX_ATTRIBUTES);
        if (doc != NULL)
            xmlFreeDoc(doc);
        doc = NULL;
        limit_hit.over = 0;
    }
out:
    stream.hooks = NULL;
    tk_xml_handlers_restore(&host);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* 1 when path can be opened and is not a directory; else reports why (an I/O error, exit 2,
 * once, before libxml2 sees the file) and returns 0. */
static int readable(const char *path, tk_diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))) {
        TK_MSG(d, IO_OPEN, path, 0, 0, fd < 0 ? strerror(errno) : "is a directory");
        if (fd >= 0)
            close(fd);
        return 0;
    }
    close(fd);
    return 1;
}

xmlDocPtr tk_xml_read_file(const char *path, int flags, tk_diag *d)
{
    if (strcmp(path, "-") == 0) {
        size_t len;
        char *buf = tk_read_file(path, &len, d);
        if (buf == NULL)
            return NULL;
        xmlDocPtr doc = read_any(NULL, buf, len, "<stdin>", flags, NULL, d);
        free(buf);
        return doc;
    }
    if (!readable(path, d))
        return NULL;
    return read_any(path, NULL, 0, path, flags, NULL, d);
}

xmlDocPtr tk_xml_read_memory(const char *buf, size_t len, const char *name, int flags,
                             tk_diag *d)
{
    if (len > (size_t)0x7fffffff) {
        TK_MSG(d, XML_SIZE, name, 0, 0);
        return NULL;
    }
    return read_any(NULL, buf, len, name != NULL ? name : "<memory>", flags, NULL, d);
}

xmlDocPtr tk_xml_stream_file(const char *path, const tk_xml_hooks *hooks, tk_diag *d)
{
    if (!readable(path, d))
        return NULL;
    return read_any(path, NULL, 0, path, 0, hooks, d);
}
