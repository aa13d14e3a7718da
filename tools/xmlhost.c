/* xmlhost.c: living inside someone else's program: libxml2 initialised once, and the
 * caller's libxml2/libxslt error handlers saved before teikit installs its own and restored
 * after. */
#include "tk_internal.h"

#include <pthread.h>

#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void) { xmlInitParser(); }

void tk_xml_init(void) { pthread_once(&init_once, init_libxml); }

void tk_xml_handlers_save(tk_xml_handlers *h)
{
    tk_xml_init();
    h->structured = xmlStructuredError;
    h->structured_ctx = xmlStructuredErrorContext;
    h->generic = xmlGenericError;
    h->generic_ctx = xmlGenericErrorContext;
    h->xslt = xsltGenericError;
    h->xslt_ctx = xsltGenericErrorContext;
}

void tk_xml_handlers_restore(const tk_xml_handlers *h)
{
    xmlSetStructuredErrorFunc(h->structured_ctx, h->structured);
    xmlSetGenericErrorFunc(h->generic_ctx, h->generic);
    xsltSetGenericErrorFunc(h->xslt_ctx, h->xslt);
}
