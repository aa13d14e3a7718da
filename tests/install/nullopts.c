/* nullopts.c: the installed library with NULL where options are optional (the defaults):
 * convert, draft persons, validate, and free(NULL)-style calls. Exit 0 when nothing failed. */
#include <stdio.h>
#include <stdlib.h>
#include <teikit.h>

static int each(size_t i, const char *xml, size_t len, void *user)
{
    (void)i;
    (void)user;
    return xml == NULL || len == 0;
}

int main(void)
{
    static const char t[] = "MR. SMITH: Hello, Mr. Jones.\nMR. JONES: Hello.\n";
    int rc = 0;
    tk_diag *d = tk_diag_new();
    xmlDocPtr doc = tk_convert_memory(t, sizeof t - 1, NULL, d);
    xmlDocPtr persons = tk_persons_draft(t, sizeof t - 1, NULL, d);
    size_t len = 0;
    char *xml = tk_convert_memory_xml(t, sizeof t - 1, NULL, d, &len);
    tk_schema *s = tk_schema_load("teikit", d);
    tk_render *r = tk_render_new(NULL, d);
    char *html = NULL;
    if (doc == NULL || persons == NULL || xml == NULL || s == NULL || r == NULL ||
        tk_validate_doc(s, doc, "t.xml", NULL, d) != 0 ||
        tk_render_doc(r, doc, NULL, &html, &len) != 0 ||
        tk_convert_each(t, sizeof t - 1, NULL, d, each, NULL) != 1)
        rc = 1;
    free(html);
    tk_render_free(r);
    free(xml);
    xmlFreeDoc(doc);
    xmlFreeDoc(persons);
    tk_schema_free(s);
    tk_schema_free(NULL);
    tk_render_free(NULL);
    tk_diag_free(d);
    tk_diag_free(NULL);
    puts(rc == 0 ? "null options: ok" : "null options: FAILED");
    return rc;
}
