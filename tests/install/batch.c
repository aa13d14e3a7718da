/* batch.c: the installed library validating a batch (argv) with a message limit of 1 per rule
 * and two threads: messages come in argument order, each file limited on its own, what was
 * held back said in one line. Prints the messages; exit status as tk_validate_paths. */
#include <stdio.h>
#include <teikit.h>

int main(int argc, char **argv)
{
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, tk_diag_sink_gcc, stdout);
    tk_diag_set_limit(d, 1);
    tk_schema *s = tk_schema_load("teikit", d);
    int rc = 2;
    if (s != NULL) {
        tk_validate_opts o = {0};
        o.jobs = 2;
        tk_validate_stats st;
        rc = tk_validate_paths(s, argv + 1, (size_t)(argc - 1), &o, d, &st);
        tk_diag_flush(d);
        printf("%lu files, %lu invalid, %lu warnings\n", st.files, st.invalid, st.warnings);
    }
    tk_schema_free(s);
    tk_diag_free(d);
    return rc;
}
