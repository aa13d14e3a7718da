/* convert.c: a program built against the installed teikit: converts a transcript held in a
 * string, validates the TEI with the installed schema, renders it as text with the installed
 * stylesheet, and prints the text. Exit 0 when all three worked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <teikit.h>

int main(void)
{
    static const char transcript[] =
        "Memorandum of Conversation\n\nFebruary 3, 1949\n\nMR. SMITH: Good morning.\n"
        "MR. JONES: Good morning to you.\n";
    int rc = 1;
    char *out = NULL;
    size_t len = 0;
    tk_render *r = NULL;
    tk_schema *s = NULL;
    xmlDocPtr doc = NULL;
    tk_diag *d = tk_diag_new();
    if (d == NULL)
        return 1;
    tk_diag_set_sink(d, tk_diag_sink_gcc, stderr);
    if (TK_VERSION_MAJOR != atoi(tk_version()))
        goto out;
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    o.name = "memo.txt";
    doc = tk_convert_memory(transcript, sizeof transcript - 1, &o, d);
    if (doc == NULL)
        goto out;
    s = tk_schema_load("teikit", d);
    if (s == NULL || tk_validate_doc(s, doc, "memo.xml", NULL, d) != 0)
        goto out;
    tk_render_opts ro = {.to = TK_RENDER_TEXT};
    r = tk_render_new(&ro, d);
    if (r == NULL || tk_render_doc(r, doc, "memo.xml", &out, &len) != 0)
        goto out;
    fwrite(out, 1, len, stdout);
    rc = strstr(out, "Good morning to you.") != NULL ? 0 : 1;
out:
    free(out);
    tk_render_free(r);
    tk_schema_free(s);
    xmlFreeDoc(doc);
    tk_diag_free(d);
    return rc;
}
