/* cli_hints.c: the command's sink, which adds to a library message the option that acts on it
 * (library messages name no options: the library is also driven by other programs). */
#include <string.h>

#include "cli.h"

/* Message id -> the options of this command that decide what the message is about. */
static const struct { const char *id, *hint; } hints[] = {
    {"captions-not-cue", "--shape record"},
    {"io-outdir-full", "--force"},
    {"io-outdir-subdir", "--force"},
    {"meta", "--meta KEY=VALUE"},
    {"schema-tei-all", "--schema PATH"},
    {"shape-captions", "--shape record"},
    {"shape-close", "--shape NAME; -v lists the evidence"},
    {"spoken-play", "--shape transcript"},
    {"utf8", "--encoding NAME"},
    {"xinclude-skipped", "--xinclude"},
    {"xslt-read-outside", "--allow-read DIR"},
};

void cli_sink(const tk_message *m, void *user)
{
    tk_message with = *m;
    char text[1400];
    for (size_t i = 0; m->rule != NULL && i < sizeof hints / sizeof *hints; i++)
        if (strcmp(m->rule, hints[i].id) == 0) {
            snprintf(text, sizeof text, "%s (option: %s)", m->text, hints[i].hint);
            with.text = text;
            break;
        }
    tk_diag_sink_gcc(&with, user);
}
