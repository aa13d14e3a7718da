/* nullopts.c: the installed library with NULL where options are optional (the defaults):
 * convert, draft persons, validate, and free(NULL)-style calls. Exit 0 when nothing failed. */
#include <stdio.h>
#include <stdlib.h>
#include <teikit.h>

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
    if (doc == NULL || persons == NULL || xml == NULL || s == NULL ||
        tk_validate_doc(s, doc, "t.xml", NULL, d) != 0)
        rc = 1;
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
