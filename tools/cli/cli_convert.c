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

int tk_cli_convert(int argc, char **argv)
{
    tk_convert_opts o;
    const char *meta[MAX_META];
    const char *input = NULL, *output = "-", *split = NULL;
    int rc = 2, force = 0;
    tk_outdir *outdir = NULL;
    tk_convert_opts_init(&o);
    o.meta = meta;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    o.jobs = cpus < 1 ? 1 : cpus > 4 ? 4 : (unsigned)cpus;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
#define NEEDS_VALUE(opt)                                                                        \
    do {                                                                                         \
        if (i + 1 >= argc)                                                                       \
            return tk_cli_usage("convert", "option %s needs a value", opt);                      \
        val = argv[++i];                                                                         \
    } while (0)
        if (tk_cli_is_help(a)) {
            tk_cli_convert_help(stdout);
            return 0;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            NEEDS_VALUE(a);
            output = val;
        } else if (strcmp(a, "--shape") == 0) {
            NEEDS_VALUE(a);
            int sh = tk_shape_from_name(val);
            if (sh >= 0)
                o.shape = (tk_shape)sh;
            else
                return tk_cli_usage("convert", "unknown shape '%s' (record, transcript, play, captions)",
                                    val);
        } else if (strcmp(a, "--encoding") == 0) {
            NEEDS_VALUE(a);
            o.encoding = val;
        } else if (strcmp(a, "--persons") == 0) {
            NEEDS_VALUE(a);
            o.persons_path = val;
        } else if (strcmp(a, "--no-places") == 0) {
            o.no_places = 1;
        } else if (strcmp(a, "--spoken") == 0) {
            o.spoken = 1;
        } else if (strcmp(a, "--rules") == 0) {
            NEEDS_VALUE(a);
            o.rules_path = val;
        } else if (strcmp(a, "--meta") == 0) {
            NEEDS_VALUE(a);
            if (strchr(val, '=') == NULL || val[0] == '=')
                return tk_cli_usage("convert", "--meta '%s': expected KEY=VALUE", val);
            if (o.n_meta >= MAX_META)
                return tk_cli_usage("convert", "too many --meta options (at most %d)", MAX_META);
            meta[o.n_meta++] = val;
        } else if (strcmp(a, "--split") == 0) {
            NEEDS_VALUE(a);
            split = val;
        } else if (strcmp(a, "--infer-years") == 0) {
            o.infer_years = 1;
        } else if (strcmp(a, "--date-order") == 0) {
            NEEDS_VALUE(a);
            if (strcmp(val, "dmy") == 0)
                o.date_order = TK_DATE_ORDER_DMY;
            else if (strcmp(val, "mdy") == 0)
                o.date_order = TK_DATE_ORDER_MDY;
            else
                return tk_cli_usage("convert", "unknown date order '%s' (dmy, mdy)", val);
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 ||
                   (strncmp(a, "-j", 2) == 0 && a[2] != '\0')) {
            if (a[1] == '-' || a[2] == '\0') /* --jobs N, -j N (else -jN) */
                NEEDS_VALUE(a);
            char *end;
            long n = strtol(val != NULL ? val : a + 2, &end, 10);
            if (*end != '\0' || n < 1 || n > 256)
                return tk_cli_usage("convert", "-j needs a number from 1 to 256");
            o.jobs = (unsigned)n;
        } else if (strcmp(a, "--force") == 0) {
            force = 1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--explain") == 0) {
            o.explain = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return tk_cli_usage("convert", "unknown option '%s'", a);
        } else if (input != NULL) {
            return tk_cli_usage("convert", "one input file at a time ('%s' and '%s')", input, a);
        } else {
            input = a;
        }
#undef NEEDS_VALUE
    }
    if (input == NULL)
        input = "-";
    if (split != NULL && strcmp(output, "-") != 0)
        return tk_cli_usage("convert", "-o and --split exclude each other");
    if (force && split == NULL)
        return tk_cli_usage("convert", "--force goes with --split");
    o.split = split != NULL;
    o.name = strcmp(input, "-") == 0 ? "<stdin>" : input;

    tk_diag *d = tk_cli_diag();
    tk_diag_set_notes(d, o.explain);
    tk_diag_set_limit(d, 50);
    tk_mapped in;
    int converted = 0;
    char *xml = NULL;
    if (strcmp(input, "-") == 0 && isatty(STDIN_FILENO))
        fputs("teikit convert: reading the transcript from the terminal (end with Ctrl-D; "
              "'teikit convert --help' for usage)\n", stderr);
    if (tk_map_file(input, &in, d) != 0)
        goto out;
    if (split != NULL) {
        if ((outdir = tk_outdir_open(split, force, d)) == NULL)
            goto out;
        split_dir sd = {outdir, input, d};
        converted = tk_convert_each(in.data, in.len, &o, d, write_one, &sd) >= 0;
        if (converted && tk_diag_exit_status(d) == 0)
            tk_outdir_commit(outdir, d);
        goto out;
    }
    size_t xlen = 0;
    xml = tk_convert_memory_xml(in.data, in.len, &o, d, &xlen);
    converted = xml != NULL;
    tk_unmap_file(&in); /* peak memory: the input is not needed any more */
    if (xml != NULL)
        tk_write_file_atomic(output, xml, xlen, input, d);
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
