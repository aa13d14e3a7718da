/* cli_render.c: the 'teikit render' subcommand (placeholder until its part lands). */
#include "cli.h"

void tk_cli_render_help(FILE *out) { fprintf(out, "usage: teikit render ... (not built yet)\n"); }

int tk_cli_render(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("teikit render: not built yet\n", stderr);
    return 2;
}
