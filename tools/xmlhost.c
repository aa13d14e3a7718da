/* xmlhost.c: living inside someone else's program: libxml2 initialised once, and the
 * caller's libxml2/libxslt error handlers saved before teikit installs its own and restored
 * after. */
#include "tk_internal.h"

#include <pthread.h>

#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
/* libxslt's generic error handler is one for the whole process: whoever sets it holds this
 * (recursive: a render may parse) until it has put the previous one back. */
static pthread_mutex_t xslt_lock;

static void init_libxml(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&xslt_lock, &a);
    pthread_mutexattr_destroy(&a);
    xmlInitParser();
}

void tk_xml_init(void) { pthread_once(&init_once, init_libxml); }

void tk_xml_handlers_save(tk_xml_handlers *h, int xslt)
{
    tk_xml_init();
    h->structured = xmlStructuredError;
    h->structured_ctx = xmlStructuredErrorContext;
    h->generic = xmlGenericError;
    h->generic_ctx = xmlGenericErrorContext;
    h->xslt_locked = xslt;
    if (xslt) {
        pthread_mutex_lock(&xslt_lock);
        h->xslt = xsltGenericError;
        h->xslt_ctx = xsltGenericErrorContext;
    }
}

void tk_xml_handlers_restore(const tk_xml_handlers *h)
{
    xmlSetStructuredErrorFunc(h->structured_ctx, h->structured);
    xmlSetGenericErrorFunc(h->generic_ctx, h->generic);
    if (h->xslt_locked) {
        xsltSetGenericErrorFunc(h->xslt_ctx, h->xslt);
        pthread_mutex_unlock(&xslt_lock);
    }
}
