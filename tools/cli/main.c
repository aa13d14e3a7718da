/* main.c: the teikit command: finds the subcommand and hands over. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/xslt.h>

#include "cli.h"

struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    void (*help)(FILE *out);
    const char *summary;
};

static const struct subcommand subcommands[] = {
    {"convert", tk_cli_convert, tk_cli_convert_help, "plain-text transcript -> TEI P5"},
    {"validate", tk_cli_validate, tk_cli_validate_help, "RelaxNG validation and rule checks"},
    {"render", tk_cli_render, tk_cli_render_help, "TEI -> HTML web edition or plain text"},
    {"persons", tk_cli_persons, tk_cli_persons_help, "draft a personography from a transcript"},
    {"compare", tk_cli_compare, tk_cli_compare_help, "score one TEI encoding against another"},
};
#define N_SUBCOMMANDS (sizeof subcommands / sizeof *subcommands)

static void usage(FILE *out)
{
    fprintf(out, "usage: teikit COMMAND [OPTIONS] [FILE...]\n"
                 "       teikit help COMMAND | teikit COMMAND --help\n"
                 "       teikit --version\n\ncommands:\n");
    for (size_t i = 0; i < N_SUBCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", subcommands[i].name, subcommands[i].summary);
    fprintf(out, "\nExit status: 0 success (warnings allowed), 1 the input has errors,\n"
                 "2 usage, I/O or system error. See teikit(1).\n");
}

static const struct subcommand *find(const char *name)
{
    for (size_t i = 0; i < N_SUBCOMMANDS; i++)
        if (strcmp(subcommands[i].name, name) == 0)
            return &subcommands[i];
    return NULL;
}

tk_diag *tk_cli_diag(void)
{
    tk_diag *d = tk_diag_new();
    if (d == NULL) {
        fputs("teikit: out of memory\n", stderr);
        exit(2);
    }
    tk_diag_set_sink(d, cli_sink, stderr);
    return d;
}

int tk_cli_usage(const char *sub, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "teikit %s: ", sub);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\ntry 'teikit %s --help'\n", sub);
    return 2;
}

int tk_cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int main(int argc, char **argv)
{
    int rc;
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (tk_cli_is_help(argv[1])) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("teikit %s (libxml2 %s, libxslt %s)\n", tk_version(), xmlParserVersion,
               xsltEngineVersion);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0) {
        const struct subcommand *s = argc > 2 ? find(argv[2]) : NULL;
        if (argc > 2 && s == NULL) {
            fprintf(stderr, "teikit: no such command '%s'\n", argv[2]);
            return 2;
        }
        if (s != NULL)
            s->help(stdout);
        else
            usage(stdout);
        return 0;
    }
    const struct subcommand *s = find(argv[1]);
    if (s == NULL) {
        fprintf(stderr, "teikit: no such command '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    xmlInitParser();
    rc = s->run(argc - 1, argv + 1);
    xsltCleanupGlobals();
    xmlCleanupParser();
    return rc;
}
