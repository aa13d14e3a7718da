/* cli_persons.c: the 'teikit persons' subcommand (placeholder until its part lands). */
#include "cli.h"

void tk_cli_persons_help(FILE *out) { fprintf(out, "usage: teikit persons ... (not built yet)\n"); }

int tk_cli_persons(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("teikit persons: not built yet\n", stderr);
    return 2;
}
