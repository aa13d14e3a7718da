/* cli_validate.c: the 'teikit validate' subcommand: options, then tk_validate_paths. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "validate_internal.h"

void tk_cli_validate_help(FILE *out)
{
    fputs("usage: teikit validate [OPTIONS] FILE|DIR...\n"
          "       teikit validate [OPTIONS] --corpus ROOT [FILE...]\n"
          "\n"
          "Validates TEI documents against a RelaxNG schema (teikit's own by default), then\n"
          "runs rule checks the grammar cannot express. A directory is searched for *.xml.\n"
          "\n"
          "options:\n"
          "  --schema S        teikit (default), tei_all (the file named by $TEIKIT_TEI_ALL)\n"
          "                    or the path of any RelaxNG schema in XML syntax\n"
          "  --format F        gcc (default: file:line:col: error: ... on stderr) or json\n"
          "                    (one JSON object per message on stdout)\n"
          "  --grammar-only    RelaxNG only, no rule checks (to compare verdicts with other\n"
          "                    RelaxNG validators)\n"
          "  -j N              validate N files at a time (threads; the schema is compiled\n"
          "                    once and shared)\n"
          "  --xinclude        process XInclude (off by default: nothing else is loaded;\n"
          "                    local files only, never the network)\n"
          "  --corpus ROOT     the corpus the files belong to: a directory, or a teiCorpus\n"
          "                    file and the files it XIncludes. Pointers resolve across it;\n"
          "                    with no FILE, every document of it is validated\n"
          "  --strict-refs     a pointer into a file not validated (or missing) is an error,\n"
          "                    and a dangling @ana/@wit/@facs/@resp too (else a warning)\n"
          "                    (by default a note, shown with -v)\n"
          "  --rules NAME,...  run these rules on every document (bracket runs by default\n"
          "                    only on documents teikit converted)\n"
          "  --no-prune        compile the whole schema (by default big schemas such as\n"
          "                    tei_all are pruned to the elements the documents use)\n"
          "  -q, --quiet       no summary line\n"
          "  -v, --explain     also print notes\n"
          "  -h, --help        this help\n"
          "\n"
          "rules: id-unique, id-ref (#id and FILE.xml#id pointers in @ref @who @corresp\n"
          "@target @synch @start @end @since @origin resolve), date-iso, date-order (@when\n"
          "@from @to @notBefore @notAfter), bracket (leftover transcript brackets, warning;\n"
          "teikit's own documents), person-unused (warning).\n"
          "All files of one call are one unit: a #id a document does not define may be\n"
          "defined by a teiCorpus root among them or by a file it XIncludes; FILE.xml#id\n"
          "looks in FILE.xml when it is among them.\n"
          "Grammar errors carry the rule name relaxng; XML errors xml.\n"
          "\n"
          "Exit status: 0 all valid (warnings allowed), 1 some document invalid, 2 usage or\n"
          "I/O error. No network access and no external entities, ever.\n",
          out);
}

/* The rules whose scope --rules widens, by name. */
static const struct {
    const char *name;
    unsigned bit;
} scoped[] = {{"bracket", TK_RULE_BRACKET}};

/* Parses "bracket[,NAME...]" into TK_RULE_* bits. -1 for an unknown name. */
static int scoped_rules(const char *list, unsigned *bits)
{
    const char *p = list;
    do {
        size_t n = strcspn(p, ",");
        size_t k = 0;
        while (k < sizeof scoped / sizeof *scoped &&
               !(strlen(scoped[k].name) == n && strncmp(scoped[k].name, p, n) == 0))
            k++;
        if (k == sizeof scoped / sizeof *scoped)
            return -1;
        *bits |= scoped[k].bit;
        p += n;
    } while (*p++ == ',');
    return 0;
}

int tk_cli_validate(int argc, char **argv)
{
    const char *schema = "teikit", *format = "gcc";
    tk_validate_opts o = {0};
    int quiet = 0, explain = 0, i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (tk_cli_is_help(a)) {
            tk_cli_validate_help(stdout);
            return 0;
        } else if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "--corpus") == 0 || strcmp(a, "--rules") == 0) {
            if (i + 1 >= argc)
                return tk_cli_usage("validate", "%s needs a value", a);
            if (a[2] == 'c')
                o.corpus = argv[++i];
            else if (scoped_rules(argv[++i], &o.rules) != 0)
                return tk_cli_usage("validate", "--rules takes rule names among: bracket "
                                                "(comma-separated), not '%s'",
                                    argv[i]);
        } else if (strcmp(a, "--strict-refs") == 0) {
            o.strict_refs = 1;
        } else if (strcmp(a, "--schema") == 0 || strcmp(a, "--format") == 0 ||
                   strcmp(a, "-j") == 0) {
            if (i + 1 >= argc)
                return tk_cli_usage("validate", "%s needs a value", a);
            const char *v = argv[++i];
            if (a[2] == 's')
                schema = v;
            else if (a[2] == 'f')
                format = v;
            else {
                char *end;
                long n = strtol(v, &end, 10);
                if (*end != '\0' || n < 1 || n > 256)
                    return tk_cli_usage("validate", "-j needs a number from 1 to 256");
                o.jobs = (unsigned)n;
            }
        } else if (strncmp(a, "--schema=", 9) == 0) {
            schema = a + 9;
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (strncmp(a, "-j", 2) == 0 && a[2] != '\0') {
            char *end;
            long n = strtol(a + 2, &end, 10);
            if (*end != '\0' || n < 1 || n > 256)
                return tk_cli_usage("validate", "-j needs a number from 1 to 256");
            o.jobs = (unsigned)n;
        } else if (strcmp(a, "--grammar-only") == 0) {
            o.grammar_only = 1;
        } else if (strcmp(a, "--xinclude") == 0) {
            o.xinclude = 1;
        } else if (strcmp(a, "--no-prune") == 0) {
            o.no_prune = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--explain") == 0) {
            explain = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return tk_cli_usage("validate", "unknown option '%s'", a);
        } else {
            break;
        }
    }
    if (strcmp(format, "gcc") != 0 && strcmp(format, "json") != 0)
        return tk_cli_usage("validate", "--format must be gcc or json, not '%s'", format);
    if (i >= argc && o.corpus == NULL)
        return tk_cli_usage("validate", "no input files");

    tk_diag *d = tk_cli_diag();
    if (strcmp(format, "json") == 0)
        tk_diag_set_sink(d, tk_diag_sink_json, stdout);
    tk_diag_set_notes(d, explain);
    /* with threads the schema loads while the first documents are read (when no thread
       can be started, here and now) */
    tk_schema *s = o.jobs > 1 ? tk_schema_load_background(schema, explain) : NULL;
    if (s == NULL)
        s = tk_schema_load(schema, d);
    int rc = 2;
    if (s != NULL) {
        tk_validate_stats st;
        rc = tk_validate_paths(s, argv + i, (size_t)(argc - i), &o, d, &st);
        /* nothing to sum up when no file could be read: the messages said why */
        if (!quiet && st.unchecked < st.files) {
            fprintf(stderr, "%lu file%s, %lu invalid, %lu error%s, %lu warning%s", st.files,
                    st.files == 1 ? "" : "s", st.invalid - st.unchecked, st.errors,
                    st.errors == 1 ? "" : "s", st.warnings, st.warnings == 1 ? "" : "s");
            if (st.unchecked > 0)
                fprintf(stderr, ", %lu not checked", st.unchecked);
            fputc('\n', stderr);
        }
        tk_schema_free(s);
    }
    /* messages that never reached standard output (a full disk, a closed pipe) are an I/O
     * error, whatever the verdict */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "teikit validate: cannot write the messages to standard output: %s\n",
                strerror(errno));
        rc = 2;
    }
    tk_diag_free(d);
    return rc;
}
