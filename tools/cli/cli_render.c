/* cli_render.c: the 'teikit render' subcommand: TEI -> HTML web edition or plain text. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

void tk_cli_render_help(FILE *out)
{
    fprintf(out,
            "usage: teikit render [--to html|text] [--view diplomatic|normalized]\n"
            "                     [--param NAME=VALUE]... [--xslt FILE] [--allow-read DIR]...\n"
            "                     [--xinclude] [-o OUT] FILE...\n"
            "\n"
            "Renders TEI P5 documents through XSLT: a self-contained HTML page (header\n"
            "metadata, speaker turns, persons index, footnotes, a diplomatic/normalized\n"
            "switch, a print style) or plain UTF-8 text. Works on any TEI.\n"
            "\n"
            "  --to html|text      output format (default html)\n"
            "  --view VIEW         diplomatic (default: as the source had it, editorial\n"
            "                      brackets kept) or normalized (corrections and expansions\n"
            "                      applied, editorial notes as numbered footnotes)\n"
            "  --param NAME=VALUE  a stylesheet parameter, e.g. width=72 (text; 0 = no\n"
            "                      wrapping), persons=1 (text: index of persons), css=...\n"
            "                      (HTML: extra CSS, checked as for --css)\n"
            "  --css FILE          extra CSS for the HTML page, read from FILE (UTF-8; no '<'\n"
            "                      or control characters: it goes into a <style> element)\n"
            "  --xslt FILE         apply this XSLT 1.0 stylesheet instead of the built-in one\n"
            "  --allow-read DIR    let document() read files under DIR too (default: only\n"
            "                      the input's and the stylesheet's directories)\n"
            "  --xinclude          process XInclude in the input (local files)\n"
            "  -o OUT              output file, or a directory (one file per input, named\n"
            "                      after it: memo.xml -> OUT/memo.html); several inputs need\n"
            "                      a directory. Default: standard output (one input).\n"
            "  -h, --help          this help\n"
            "\n"
            "Stylesheets are looked up in $TEIKIT_DATADIR/xslt, else next to the program, else\n"
            "the installed data directory. Stylesheets cannot write files or reach the\n"
            "network. Exit status: 0 ok, 1 a document or stylesheet has errors, 2 usage or\n"
            "I/O error.\n");
}

/* The output path for input `in` in directory `dir`: dir/base.ext (base without .xml/.tei).
 * Returns a malloc'd string. */
static char *output_name(const char *dir, const char *in, const char *ext)
{
    const char *base = strrchr(in, '/');
    base = base != NULL ? base + 1 : in;
    if (strcmp(in, "-") == 0)
        base = "stdin";
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot != NULL && dot != base &&
        (strcmp(dot, ".xml") == 0 || strcmp(dot, ".tei") == 0 || strcmp(dot, ".XML") == 0))
        n = (size_t)(dot - base);
    size_t len = strlen(dir) + n + strlen(ext) + 3;
    char *p = malloc(len);
    if (p != NULL)
        snprintf(p, len, "%s/%.*s.%s", dir, (int)n, base, ext);
    return p;
}

/* "css=" and the content of `path`, malloc'd, or NULL (reported): a NUL byte is refused here,
 * the rest is checked by the renderer as for --param css. */
static char *css_from_file(const char *path, tk_diag *d)
{
    size_t len = 0;
    char *text = tk_read_file(path, &len, d), *param = NULL;
    if (text == NULL)
        return NULL;
    if (strlen(text) != len)
        TK_MSG(d, CSS_NUL, path, 0, 0);
    else if ((param = malloc(len + 5)) != NULL)
        snprintf(param, len + 5, "css=%s", text);
    else
        TK_MSG(d, OOM, path, 0, 0);
    free(text);
    return param;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Reports (TK_SYSTEM) and returns 1 when an output (targets[i], or `single` for all) would
 * overwrite any of the inputs (or when out of memory). */
static int overwrites_an_input(char *const *targets, const char *single,
                               const char *const *inputs, size_t ni, tk_diag *d)
{
    size_t *hit = calloc(ni + 1, sizeof *hit);
    const char *const *outs = single != NULL ? &single : (const char *const *)targets;
    int n = hit != NULL ? tk_output_clashes(outs, single != NULL ? 1 : ni, inputs, ni, hit) : -1;
    if (n < 0)
        TK_MSG(d, OOM, "teikit render", 0, 0);
    for (size_t j = 0; j < ni && n > 0; j++)
        if (hit[j] != 0)
            TK_MSG(d, RENDER_OVERWRITE, inputs[j], 0, 0, outs[hit[j] - 1]);
    free(hit);
    return n != 0;
}

/* A target and the input it is written for, sorted by name to find the names two inputs
 * share (a.xml and a.tei both give a.html). */
typedef struct named {
    const char *name;
    size_t index;
} named;

static int named_cmp(const void *pa, const void *pb)
{
    const named *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

/* Sets skip[i] for each target already written for an earlier input (sorted: n log n).
 * Returns -1 when out of memory. */
static int repeated_targets(char *const *targets, size_t ni, char *skip)
{
    named *t = malloc((ni + 1) * sizeof *t);
    size_t n = 0;
    if (t == NULL)
        return -1;
    for (size_t i = 0; i < ni; i++)
        if (targets[i] != NULL)
            t[n++] = (named){targets[i], i};
    qsort(t, n, sizeof *t, named_cmp);
    for (size_t k = 1; k < n; k++)
        skip[t[k].index] = strcmp(t[k].name, t[k - 1].name) == 0;
    free(t);
    return 0;
}

/* What the command line of 'teikit render' gave. */
typedef struct render_args {
    tk_render_opts opts;
    const char **params, **dirs, **inputs; /* argc + 1 each */
    size_t np, nd, ni;
    const char *out, *css_file;
} render_args;

/* An option handler's "taken, go on" (else it returns the exit status). */
#define GO_ON (-1)

static int set_to(render_args *ra, const char *val)
{
    if (strcmp(val, "html") == 0)
        ra->opts.to = TK_RENDER_HTML;
    else if (strcmp(val, "text") == 0 || strcmp(val, "txt") == 0)
        ra->opts.to = TK_RENDER_TEXT;
    else
        return tk_cli_usage("render", "--to takes html or text, not '%s'", val);
    return GO_ON;
}

static int set_view(render_args *ra, const char *val)
{
    if (strcmp(val, "diplomatic") != 0 && strcmp(val, "normalized") != 0)
        return tk_cli_usage("render", "--view takes diplomatic or normalized, not '%s'", val);
    ra->opts.view = val;
    return GO_ON;
}

static int add_param(render_args *ra, const char *val)
{
    if (strchr(val, '=') == NULL || val[0] == '=')
        return tk_cli_usage("render", "--param takes NAME=VALUE, not '%s'", val);
    ra->params[ra->np++] = val;
    return GO_ON;
}

static int set_css(render_args *ra, const char *val)
{
    ra->css_file = val;
    return GO_ON;
}

static int set_xslt(render_args *ra, const char *val)
{
    ra->opts.xslt = val;
    return GO_ON;
}

static int add_read_dir(render_args *ra, const char *val)
{
    ra->dirs[ra->nd++] = val;
    return GO_ON;
}

static int set_out(render_args *ra, const char *val)
{
    ra->out = val;
    return GO_ON;
}

/* The options that take a value, and what each does with it. */
static const struct render_option {
    const char *name;
    int (*set)(render_args *ra, const char *val);
} render_options[] = {
    {"--to", set_to},     {"--view", set_view},         {"--param", add_param},
    {"--xslt", set_xslt}, {"--allow-read", add_read_dir}, {"-o", set_out},
    {"--css", set_css},   {"--output", set_out},
};

static const struct render_option *render_option(const char *a)
{
    for (size_t k = 0; k < sizeof render_options / sizeof *render_options; k++)
        if (strcmp(a, render_options[k].name) == 0)
            return &render_options[k];
    return NULL;
}

/* Reads the command line into ra; returns GO_ON, else the exit status (0 after --help, 2
 * after a usage error, reported). */
static int parse_render_args(int argc, char **argv, render_args *ra)
{
    int no_more_opts = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (no_more_opts || a[0] != '-' || strcmp(a, "-") == 0) {
            ra->inputs[ra->ni++] = a;
            continue;
        }
        if (tk_cli_is_help(a)) {
            tk_cli_render_help(stdout);
            return 0;
        }
        if (strcmp(a, "--") == 0) {
            no_more_opts = 1;
            continue;
        }
        if (strcmp(a, "--xinclude") == 0) {
            ra->opts.xinclude = 1;
            continue;
        }
        const struct render_option *opt = render_option(a);
        if (opt == NULL)
            return tk_cli_usage("render", "unknown option '%s'", a);
        if (val == NULL)
            return tk_cli_usage("render", "option '%s' needs a value", a);
        i++;
        int rc = opt->set(ra, val);
        if (rc != GO_ON)
            return rc;
    }
    return GO_ON;
}

/* Renders each input to its target: ra->out, or when out_is_dir a file in it named after the
 * input. Every target is made and checked first (none may be one of the inputs: then nothing
 * is written); a target two inputs share is written for the first only. Reports through d. */
static void render_inputs(tk_render *r, const render_args *ra, int out_is_dir, tk_diag *d)
{
    size_t ni = ra->ni;
    const char *out = ra->out;
    char **written = calloc(ni + 1, sizeof *written);
    char *skip = calloc(ni + 1, 1);
    if (written == NULL || skip == NULL)
        goto out;
    /* every target first: none may be one of the inputs (not only its own), checked before
     * anything is written */
    for (size_t i = 0; i < ni && out_is_dir; i++)
        if ((written[i] = output_name(out, ra->inputs[i], tk_render_extension(r))) == NULL)
            goto out;
    if (overwrites_an_input(written, out_is_dir ? NULL : out, ra->inputs, ni, d))
        goto out;
    if (repeated_targets(written, ni, skip) != 0) {
        TK_MSG(d, OOM, "teikit render", 0, 0);
        goto out;
    }
    for (size_t i = 0; i < ni; i++) {
        char *buf = NULL;
        size_t len = 0;
        const char *target = written[i];
        if (skip[i]) {
            TK_MSG(d, RENDER_DUPLICATE, ra->inputs[i], 0, 0, target);
            continue;
        }
        if (tk_render_file(r, ra->inputs[i], &buf, &len) == 0)
            tk_write_file_atomic(target != NULL ? target : out != NULL ? out : "-", buf, len,
                                 ra->inputs[i], d);
        free(buf);
    }
out:
    if (written != NULL)
        for (size_t i = 0; i < ni; i++)
            free(written[i]);
    free(written);
    free(skip);
}

int tk_cli_render(int argc, char **argv)
{
    render_args ra = {0};
    ra.params = calloc((size_t)argc + 1, sizeof *ra.params);
    ra.dirs = calloc((size_t)argc + 1, sizeof *ra.dirs);
    ra.inputs = calloc((size_t)argc + 1, sizeof *ra.inputs);
    char *css_param = NULL;
    int rc = 2;
    tk_diag *d = NULL;
    tk_render *r = NULL;

    if (ra.params == NULL || ra.dirs == NULL || ra.inputs == NULL) {
        fputs("teikit render: out of memory\n", stderr);
        goto out;
    }
    if ((rc = parse_render_args(argc, argv, &ra)) != GO_ON)
        goto out;
    rc = 2;
    const char *out = ra.out;
    if (ra.ni == 0) {
        rc = tk_cli_usage("render", "no input file");
        goto out;
    }
    int out_is_dir = out != NULL && strcmp(out, "-") != 0 &&
                     (is_dir(out) || ra.ni > 1 || out[strlen(out) - 1] == '/');
    if (ra.ni > 1 && out == NULL) {
        rc = tk_cli_usage("render", "several inputs need -o DIRECTORY");
        goto out;
    }
    if (ra.ni > 1 && out != NULL && strcmp(out, "-") == 0) {
        rc = tk_cli_usage("render", "several inputs need -o DIRECTORY, not standard output");
        goto out;
    }
    d = tk_cli_diag();
    if (out_is_dir && !is_dir(out) && mkdir(out, 0777) != 0) {
        TK_MSG(d, RENDER_MKDIR, out, 0, 0, strerror(errno));
        goto done;
    }
    if (ra.css_file != NULL) { /* a parameter like the others, after them: it wins */
        if ((css_param = css_from_file(ra.css_file, d)) == NULL)
            goto done;
        ra.params[ra.np++] = css_param;
    }
    ra.opts.params = ra.params;
    ra.opts.read_dirs = ra.dirs;
    r = tk_render_new(&ra.opts, d);
    if (r != NULL)
        render_inputs(r, &ra, out_is_dir, d);
done:
    rc = d != NULL ? tk_diag_exit_status(d) : 2;
    if (d != NULL && r == NULL && rc == 0)
        rc = 2;
out:
    tk_render_free(r);
    tk_diag_free(d);
    free(css_param);
    free(ra.params);
    free(ra.dirs);
    free(ra.inputs);
    return rc;
}
