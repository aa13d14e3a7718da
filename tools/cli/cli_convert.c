/* cli_convert.c: the 'teikit convert' subcommand: options -> streamed conversion -> atomic
 * output (one file, stdout, or one file per document with --split). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli.h"

void tk_cli_convert_help(FILE *out)
{
    fprintf(out,
            "usage: teikit convert [OPTIONS] [FILE|-]\n"
            "\n"
            "Converts a plain-text transcript (memorandum, meeting or conference transcript,\n"
            "NASA air-to-ground log, play, WebVTT or SRT captions) into TEI P5 XML. Reads\n"
            "FILE or standard input; writes standard output unless -o or --split is given.\n"
            "\n"
            "options:\n"
            "  -o, --output FILE     write to FILE (via a temporary file; never the input)\n"
            "  --shape SHAPE         record | transcript | play | captions (default:\n"
            "                        detected; captions: a WEBVTT header or SRT cues)\n"
            "  --encoding NAME       input encoding for iconv (cp1252, latin1, utf-16...);\n"
            "                        default UTF-8, checked\n"
            "  --persons FILE        personography: TEI listPerson/person[@xml:id]/persName\n"
            "  --rules FILE          extra bracket rules for the inline pass\n"
            "  --no-places           mark no places and organisations (placeName, orgName)\n"
            "  --spoken              speaker turns as spoken utterances (TEI ch. 8, ISO\n"
            "                        24624): u, annotationBlock with times; plays keep sp\n"
            "  --meta KEY=VALUE      add or override header metadata (repeatable): title,\n"
            "                        date, author, translator, editor, source, archive,\n"
            "                        language, rights, licence, summary, type, publisher\n"
            "  --split DIR           several documents: write DIR/NNNN.xml, one TEI each;\n"
            "                        DIR must be missing or empty (all files appear at the\n"
            "                        end, or none)\n"
            "  --force               with --split: replace the files of a non-empty DIR\n"
            "  --date-order ORDER    dmy | mdy: how to read numeric dates such as 3/2/1949\n"
            "  --infer-years         a day and month without a year (June 5) take the year of\n"
            "                        the document's date, marked cert=\"medium\"\n"
            "  -j, --jobs N          threads (default: the online CPUs, at most 4); a\n"
            "                        teiCorpus is written on a second thread while the\n"
            "                        next document is built (same bytes); 1: one thread\n"
            "  -v, --explain         report the converter's decisions as notes\n"
            "  -h, --help            this help\n"
            "\n"
            "Input: UTF-8 (a BOM, CRLF and lone CR accepted); invalid bytes are errors with\n"
            "line:col and byte offset. Characters XML forbids are dropped with a warning.\n"
            "Several documents separated by a line of '=' become a teiCorpus.\n"
            "\n"
            "Exit status: 0 converted (warnings allowed), 1 the input has errors (nothing\n"
            "written), 2 usage or I/O error.\n");
}

#define MAX_META 64

/* Where --split writes: NNNN.xml for document NNNN, into a directory moved into place at
 * the end. */
typedef struct split_dir {
    tk_outdir *dir;
    const char *input;
    tk_diag *d;
} split_dir;

/* tk_convert_each's callback: writes document i (the directory is made on the first one:
 * bad input makes none). Nonzero stops. */
static int write_one(size_t i, const char *xml, size_t len, void *user)
{
    split_dir *sd = user;
    char name[32];
    snprintf(name, sizeof name, "%04zu.xml", i + 1);
    return tk_outdir_write(sd->dir, name, xml, len, sd->input, sd->d);
}

/* What the command line of 'teikit convert' gave. */
typedef struct conv_args {
    tk_convert_opts o;
    const char *meta[MAX_META]; /* o.meta */
    const char *input, *output, *split;
    int force;
} conv_args;

/* An option handler's "taken, go on" (else it returns the exit status). */
#define GO_ON (-1)

static int set_output(conv_args *c, const char *val)
{
    c->output = val;
    return GO_ON;
}

static int set_shape(conv_args *c, const char *val)
{
    int sh = tk_shape_from_name(val);
    if (sh >= 0)
        c->o.shape = (tk_shape)sh;
    else
        return tk_cli_usage("convert", "unknown shape '%s' (record, transcript, play, captions)",
                            val);
    return GO_ON;
}

static int set_encoding(conv_args *c, const char *val)
{
    c->o.encoding = val;
    return GO_ON;
}

static int set_persons(conv_args *c, const char *val)
{
    c->o.persons_path = val;
    return GO_ON;
}

static int set_no_places(conv_args *c, const char *val)
{
    c->o.no_places = 1;
    return GO_ON;
}

static int set_spoken(conv_args *c, const char *val)
{
    c->o.spoken = 1;
    return GO_ON;
}

static int set_rules(conv_args *c, const char *val)
{
    c->o.rules_path = val;
    return GO_ON;
}

static int add_meta(conv_args *c, const char *val)
{
    if (strchr(val, '=') == NULL || val[0] == '=')
        return tk_cli_usage("convert", "--meta '%s': expected KEY=VALUE", val);
    if (c->o.n_meta >= MAX_META)
        return tk_cli_usage("convert", "too many --meta options (at most %d)", MAX_META);
    c->meta[c->o.n_meta++] = val;
    return GO_ON;
}

static int set_split(conv_args *c, const char *val)
{
    c->split = val;
    return GO_ON;
}

static int set_infer_years(conv_args *c, const char *val)
{
    c->o.infer_years = 1;
    return GO_ON;
}

static int set_date_order(conv_args *c, const char *val)
{
    if (strcmp(val, "dmy") == 0)
        c->o.date_order = TK_DATE_ORDER_DMY;
    else if (strcmp(val, "mdy") == 0)
        c->o.date_order = TK_DATE_ORDER_MDY;
    else
        return tk_cli_usage("convert", "unknown date order '%s' (dmy, mdy)", val);
    return GO_ON;
}

/* -j N, --jobs N, and -jN (val is then what follows "-j"). */
static int set_jobs(conv_args *c, const char *val)
{
    char *end;
    long n = strtol(val, &end, 10);
    if (*end != '\0' || n < 1 || n > 256)
        return tk_cli_usage("convert", "-j needs a number from 1 to 256");
    c->o.jobs = (unsigned)n;
    return GO_ON;
}

static int set_force(conv_args *c, const char *val)
{
    c->force = 1;
    return GO_ON;
}

static int set_explain(conv_args *c, const char *val)
{
    c->o.explain = 1;
    return GO_ON;
}

/* The options: their names (alias: the other spelling, or NULL), whether they take a value
 * (the next argument), and what each does with it. */
static const struct conv_option {
    const char *name, *alias;
    int takes_value;
    int (*set)(conv_args *c, const char *val);
} conv_options[] = {
    {"-o", "--output", 1, set_output},
    {"--shape", NULL, 1, set_shape},
    {"--encoding", NULL, 1, set_encoding},
    {"--persons", NULL, 1, set_persons},
    {"--no-places", NULL, 0, set_no_places},
    {"--spoken", NULL, 0, set_spoken},
    {"--rules", NULL, 1, set_rules},
    {"--meta", NULL, 1, add_meta},
    {"--split", NULL, 1, set_split},
    {"--infer-years", NULL, 0, set_infer_years},
    {"--date-order", NULL, 1, set_date_order},
    {"-j", "--jobs", 1, set_jobs},
    {"--force", NULL, 0, set_force},
    {"-v", "--explain", 0, set_explain},
};

static const struct conv_option *conv_option(const char *a)
{
    for (size_t k = 0; k < sizeof conv_options / sizeof *conv_options; k++)
        if (strcmp(a, conv_options[k].name) == 0 ||
            (conv_options[k].alias != NULL && strcmp(a, conv_options[k].alias) == 0))
            return &conv_options[k];
    return NULL;
}

/* Reads the command line into c and checks the options that go together; returns GO_ON,
 * else the exit status (0 after --help, 2 after a usage error, reported). */
static int parse_convert_args(int argc, char **argv, conv_args *c)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const struct conv_option *opt = conv_option(a);
        int rc = GO_ON;
        if (tk_cli_is_help(a)) {
            tk_cli_convert_help(stdout);
            return 0;
        } else if (opt != NULL) {
            const char *val = NULL;
            if (opt->takes_value) {
                if (i + 1 >= argc)
                    return tk_cli_usage("convert", "option %s needs a value", a);
                val = argv[++i];
            }
            rc = opt->set(c, val);
        } else if (strncmp(a, "-j", 2) == 0 && a[2] != '\0') { /* -jN */
            rc = set_jobs(c, a + 2);
        } else if (a[0] == '-' && a[1] != '\0') {
            return tk_cli_usage("convert", "unknown option '%s'", a);
        } else if (c->input != NULL) {
            return tk_cli_usage("convert", "one input file at a time ('%s' and '%s')", c->input,
                                a);
        } else {
            c->input = a;
        }
        if (rc != GO_ON)
            return rc;
    }
    if (c->input == NULL)
        c->input = "-";
    if (c->split != NULL && strcmp(c->output, "-") != 0)
        return tk_cli_usage("convert", "-o and --split exclude each other");
    if (c->force && c->split == NULL)
        return tk_cli_usage("convert", "--force goes with --split");
    c->o.split = c->split != NULL;
    c->o.name = strcmp(c->input, "-") == 0 ? "<stdin>" : c->input;
    return GO_ON;
}

/* Converts c->input into c->output, or with --split one file per document into c->split;
 * returns the exit status. */
static int run_convert(const conv_args *c)
{
    const char *input = c->input;
    tk_outdir *outdir = NULL;
    tk_diag *d = tk_cli_diag();
    tk_diag_set_notes(d, c->o.explain);
    tk_diag_set_limit(d, 50);
    tk_mapped in;
    int rc, converted = 0;
    char *xml = NULL;
    if (strcmp(input, "-") == 0 && isatty(STDIN_FILENO))
        fputs("teikit convert: reading the transcript from the terminal (end with Ctrl-D; "
              "'teikit convert --help' for usage)\n", stderr);
    if (tk_map_file(input, &in, d) != 0)
        goto out;
    if (c->split != NULL) {
        if ((outdir = tk_outdir_open(c->split, c->force, d)) == NULL)
            goto out;
        split_dir sd = {outdir, input, d};
        converted = tk_convert_each(in.data, in.len, &c->o, d, write_one, &sd) >= 0;
        if (converted && tk_diag_exit_status(d) == 0)
            tk_outdir_commit(outdir, d);
        goto out;
    }
    size_t xlen = 0;
    xml = tk_convert_memory_xml(in.data, in.len, &c->o, d, &xlen);
    converted = xml != NULL;
    tk_unmap_file(&in); /* peak memory: the input is not needed any more */
    if (xml != NULL)
        tk_write_file_atomic(c->output, xml, xlen, input, d);
out:
    tk_diag_flush(d); /* "N more warnings like this suppressed" */
    rc = tk_diag_exit_status(d);
    if (!converted && rc == 0)
        rc = 1;
    free(xml);
    tk_outdir_free(outdir); /* removes the new files when they were not moved into place */
    tk_unmap_file(&in);
    tk_diag_free(d);
    return rc;
}

int tk_cli_convert(int argc, char **argv)
{
    conv_args c = {.output = "-"};
    tk_convert_opts_init(&c.o);
    c.o.meta = c.meta;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    c.o.jobs = cpus < 1 ? 1 : cpus > 4 ? 4 : (unsigned)cpus;
    int rc = parse_convert_args(argc, argv, &c);
    return rc != GO_ON ? rc : run_convert(&c);
}
