/* cli_convert.c: the 'teikit convert' subcommand (placeholder until its part lands). */
#include "cli.h"

void tk_cli_convert_help(FILE *out) { fprintf(out, "usage: teikit convert ... (not built yet)\n"); }

int tk_cli_convert(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("teikit convert: not built yet\n", stderr);
    return 2;
}
