/* cli_persons.c: the 'teikit persons' subcommand: prints a draft personography. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void tk_cli_persons_help(FILE *out)
{
    fprintf(out,
            "usage: teikit persons [OPTIONS] [FILE|-]\n"
            "\n"
            "Prints a draft personography for a transcript: one TEI person per speaker label\n"
            "and per honorific + name mention (\"Comrade Stalin\", \"Mr. Smith\"), each with\n"
            "its count of mentions in a comment, for an editor to correct and then pass to\n"
            "'teikit convert --persons FILE'.\n"
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
    const char *input = NULL, *output = "-";
    tk_convert_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (tk_cli_is_help(a)) {
            tk_cli_persons_help(stdout);
            return 0;
        }
        int has_val = i + 1 < argc;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--persons") == 0 ||
            strcmp(a, "--shape") == 0 || strcmp(a, "--encoding") == 0) {
            if (!has_val)
                return tk_cli_usage("persons", "option %s needs a value", a);
            const char *v = argv[++i];
            if (a[1] == 'o' || strcmp(a, "--output") == 0)
                output = v;
            else if (strcmp(a, "--persons") == 0)
                o.persons_path = v;
            else if (strcmp(a, "--encoding") == 0)
                o.encoding = v;
            else if (tk_shape_from_name(v) >= 0)
                o.shape = (tk_shape)tk_shape_from_name(v);
            else
                return tk_cli_usage("persons", "unknown shape '%s'", v);
        } else if (a[0] == '-' && a[1] != '\0') {
            return tk_cli_usage("persons", "unknown option '%s'", a);
        } else if (input != NULL) {
            return tk_cli_usage("persons", "one input file at a time");
        } else {
            input = a;
        }
    }
    if (input == NULL)
        input = "-";
    o.name = strcmp(input, "-") == 0 ? "<stdin>" : input;
    tk_diag *d = tk_cli_diag();
    size_t len = 0;
    char *buf = tk_read_file(input, &len, d);
    xmlDocPtr doc = buf ? tk_persons_draft(buf, len, &o, d) : NULL;
    char *xml = NULL;
    size_t xlen = 0;
    if (doc != NULL && (xml = tk_tei_serialize(doc, &xlen)) != NULL)
        tk_write_file_atomic(output, xml, xlen, input, d);
    int rc = tk_diag_exit_status(d);
    if (doc == NULL && rc == 0)
        rc = 1;
    free(xml);
    xmlFreeDoc(doc);
    free(buf);
    tk_diag_free(d);
    return rc;
}
