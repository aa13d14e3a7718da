/* cli.h: what the teikit command's subcommand files share (not part of the library). */
#ifndef TK_CLI_H
#define TK_CLI_H

#include <stdio.h>

#include "teikit.h"
#include "tk_messages.h"

/* Each subcommand: run with argv[0] = subcommand name; returns the exit status. */
int tk_cli_convert(int argc, char **argv);
int tk_cli_persons(int argc, char **argv);
int tk_cli_validate(int argc, char **argv);
/* The GCC-shaped sink on `user` (a FILE *) with the option that acts on a message added
 * (cli_hints.c). */
void cli_sink(const tk_message *m, void *user);
int tk_cli_render(int argc, char **argv);
int tk_cli_compare(int argc, char **argv);
/* Each subcommand's --help text. */
void tk_cli_convert_help(FILE *out);
void tk_cli_persons_help(FILE *out);
void tk_cli_validate_help(FILE *out);
void tk_cli_render_help(FILE *out);
void tk_cli_compare_help(FILE *out);

/* A diagnostics collector printing GCC-shaped messages to stderr. */
tk_diag *tk_cli_diag(void);
/* Reports a usage error ("teikit SUB: ...", then "try 'teikit SUB --help'") and returns 2. */
int tk_cli_usage(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns 1 when arg is -h or --help. */
int tk_cli_is_help(const char *arg);

#endif
