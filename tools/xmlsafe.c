/* xmlsafe.c: parsing anyone's XML without network, external entities or DTDs, with libxml2's
 * errors reported through the diagnostics module. */
#include "teikit.h"
#include "tk_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xinclude.h>

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
    if (e == NULL)
        return;
    tk_xml_error_text(e, "XML error", msg, sizeof msg);
    tk_severity sev = e->level == XML_ERR_WARNING ? TK_WARNING : TK_ERROR;
    if (sev == TK_ERROR) {
        if (t->errors++ > 0 && e->domain == XML_FROM_PARSER)
            return; /* one cause, one message: the parser stops at the first fatal error */
    }
    tk_diag_report(t->diag, sev, e->file != NULL ? e->file : t->name, (unsigned)e->line,
                   (unsigned)e->int2, "xml", "%s", msg);
}

/* Refuses every external resource that is not a local file (no network, ever). */
static xmlParserInputPtr safe_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    if (url == NULL || strstr(url, "://") != NULL) {
        if (url != NULL && strncmp(url, "file://", 7) == 0)
            return xmlNewInputFromFile(ctxt, url + 7);
        return NULL;
    }
    return xmlNewInputFromFile(ctxt, url);
}

static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

/* The loader is process-wide in libxml2: install it once, before any parse. */
static void install_loader(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(safe_loader);
}

static const int parse_options =
    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

/* Checks the parsed document for entity declarations, general or parameter, which teikit
 * refuses. */
static int has_entity_decls(xmlDocPtr doc)
{
    const xmlDtd *const subsets[] = {doc->intSubset, doc->extSubset};
    for (size_t i = 0; i < sizeof subsets / sizeof *subsets; i++)
        if (subsets[i] != NULL && (subsets[i]->entities != NULL || subsets[i]->pentities != NULL))
            return 1;
    return 0;
}

static xmlDocPtr finish(xmlDocPtr doc, xmlParserCtxtPtr ctxt, struct err_target *t, int flags)
{
    if (doc != NULL && (!ctxt->wellFormed || t->errors > 0)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc != NULL && has_entity_decls(doc)) {
        tk_diag_report(t->diag, TK_ERROR, t->name, 1, 0, "xml-entity",
                       "entity declarations are not accepted (external entities and entity "
                       "expansion are disabled for safety)");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc != NULL && (flags & TK_XML_XINCLUDE)) {
        if (xmlXIncludeProcessFlags(doc, parse_options | XML_PARSE_XINCLUDE) < 0 ||
            t->errors > 0) {
            if (t->errors == 0)
                tk_diag_report(t->diag, TK_ERROR, t->name, 0, 0, "xinclude",
                               "XInclude processing failed");
            xmlFreeDoc(doc);
            doc = NULL;
        }
    }
    return doc;
}

static xmlDocPtr read_any(const char *path, const char *buf, size_t len, const char *name,
                          int flags, tk_diag *d)
{
    struct err_target t = {d, name, 0};
    xmlDocPtr doc = NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        tk_diag_report(d, TK_SYSTEM, name, 0, 0, "io", "out of memory");
        return NULL;
    }
    xmlSetStructuredErrorFunc(&t, structured_error);
    pthread_once(&loader_once, install_loader);
    int opts = parse_options;
    if (path != NULL)
        doc = xmlCtxtReadFile(ctxt, path, NULL, opts);
    else
        doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL, opts);
    if (doc == NULL && t.errors == 0)
        tk_diag_report(d, path != NULL ? TK_SYSTEM : TK_ERROR, name, 0, 0, "io",
                       "cannot read XML");
    doc = finish(doc, ctxt, &t, flags);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

xmlDocPtr tk_xml_read_file(const char *path, int flags, tk_diag *d)
{
    if (strcmp(path, "-") == 0) {
        size_t len;
        char *buf = tk_read_file(path, &len, d);
        if (buf == NULL)
            return NULL;
        xmlDocPtr doc = read_any(NULL, buf, len, "<stdin>", flags, d);
        free(buf);
        return doc;
    }
    /* an unreadable file is an I/O error (exit 2), reported once, before libxml2 sees it */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))) {
        tk_diag_report(d, TK_SYSTEM, path, 0, 0, "io", "cannot open: %s",
                       fd < 0 ? strerror(errno) : "is a directory");
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    close(fd);
    return read_any(path, NULL, 0, path, flags, d);
}

xmlDocPtr tk_xml_read_memory(const char *buf, size_t len, const char *name, int flags,
                             tk_diag *d)
{
    if (len > (size_t)0x7fffffff) {
        tk_diag_report(d, TK_ERROR, name, 0, 0, "xml", "document larger than 2 GB");
        return NULL;
    }
    return read_any(NULL, buf, len, name != NULL ? name : "<memory>", flags, d);
}
