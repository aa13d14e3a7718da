/* cli_validate.c: the 'teikit validate' subcommand (placeholder until its part lands). */
#include "cli.h"

void tk_cli_validate_help(FILE *out) { fprintf(out, "usage: teikit validate ... (not built yet)\n"); }

int tk_cli_validate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("teikit validate: not built yet\n", stderr);
    return 2;
}
