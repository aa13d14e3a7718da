/* cli_persons.c: the 'teikit persons' subcommand: prints a draft personography. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void tk_cli_persons_help(FILE *out)
{
    fprintf(out,
            "usage: teikit persons [OPTIONS] [FILE|-]...\n"
            "\n"
            "Prints a draft personography for one or many transcripts: the persons that\n"
            "'teikit convert' finds without one (speaker labels, title + name, given name +\n"
            "surname, rosters...), a person found in several files listed once, with its name\n"
            "forms (persName @type full, label, variant), empty idno slots for VIAF, Wikidata,\n"
            "GND and SNAC, its first occurrence, its count of mentions and any uncertain merge\n"
            "in comments; for an editor to correct and then pass to\n"
            "'teikit convert --persons FILE' (ids and idnos are kept).\n"
            "\n"
            "options:\n"
            "  -o, --output FILE     write to FILE instead of standard output\n"
            "  --persons FILE        start from an existing personography (its persons are\n"
            "                        counted too)\n"
            "  --shape SHAPE         record | transcript | play (default: detected)\n"
            "  --encoding NAME       input encoding (default UTF-8)\n"
            "  -h, --help            this help\n"
            "\n"
            "Exit status: 0 success, 1 the input has errors, 2 usage or I/O error.\n");
}

int tk_cli_persons(int argc, char **argv)
{
    tk_convert_opts o;
    const char *output = "-";
    tk_convert_opts_init(&o);
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t n = 0;
    if (inputs == NULL)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (tk_cli_is_help(a)) {
            tk_cli_persons_help(stdout);
            free(inputs);
            return 0;
        }
        int has_val = i + 1 < argc;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--persons") == 0 ||
            strcmp(a, "--shape") == 0 || strcmp(a, "--encoding") == 0) {
            if (!has_val) {
                free(inputs);
                return tk_cli_usage("persons", "option %s needs a value", a);
            }
            const char *v = argv[++i];
            if (a[1] == 'o' || strcmp(a, "--output") == 0)
                output = v;
            else if (strcmp(a, "--persons") == 0)
                o.persons_path = v;
            else if (strcmp(a, "--encoding") == 0)
                o.encoding = v;
            else if (tk_shape_from_name(v) >= 0)
                o.shape = (tk_shape)tk_shape_from_name(v);
            else {
                free(inputs);
                return tk_cli_usage("persons", "unknown shape '%s'", v);
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            free(inputs);
            return tk_cli_usage("persons", "unknown option '%s'", a);
        } else {
            inputs[n++] = a;
        }
    }
    if (n == 0)
        inputs[n++] = "-";
    tk_diag *d = tk_cli_diag();
    char **bufs = calloc(n, sizeof *bufs);
    size_t *lens = calloc(n, sizeof *lens);
    const char **names = calloc(n, sizeof *names);
    xmlDocPtr doc = NULL;
    int ok = bufs != NULL && lens != NULL && names != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        names[i] = strcmp(inputs[i], "-") == 0 ? "<stdin>" : inputs[i];
        bufs[i] = tk_read_file(inputs[i], &lens[i], d);
        ok = bufs[i] != NULL;
    }
    o.name = n > 0 ? names[0] : NULL;
    if (ok)
        doc = tk_persons_draft_many((const char *const *)bufs, lens, names, n, &o, d);
    char *xml = NULL;
    size_t xlen = 0;
    if (doc != NULL && (xml = tk_tei_serialize(doc, &xlen)) != NULL)
        tk_write_file_atomic(output, xml, xlen, n == 1 ? inputs[0] : NULL, d);
    int rc = tk_diag_exit_status(d);
    if (doc == NULL && rc == 0)
        rc = 1;
    free(xml);
    xmlFreeDoc(doc);
    for (size_t i = 0; bufs != NULL && i < n; i++)
        free(bufs[i]);
    free(bufs);
    free(lens);
    free(names);
    free(inputs);
    tk_diag_free(d);
    return rc;
}
