/* cli_compare.c: the 'teikit compare' subcommand: prints how far two encodings agree. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void tk_cli_compare_help(FILE *out)
{
    fprintf(out,
            "usage: teikit compare [OPTIONS] REF.xml HYP.xml\n"
            "\n"
            "Scores the encoding HYP.xml against REF.xml, two TEI encodings of one text:\n"
            "aligns the words of their text elements (another edition, typo fixes and moved\n"
            "whitespace do not derail it), lays every element of both over the alignment and\n"
            "prints, per element class (persName, div[type=act], note[place=foot], sp/l...),\n"
            "precision, recall and F1 of exact and of overlapping spans, agreement of @when\n"
            "@from @to @n @type, and whether mentions grouped under one @ref/@who on one side\n"
            "are grouped the same way on the other. Classes are listed worst first, then the\n"
            "teiHeader fields and the disagreements with line numbers in both files.\n"
            "\n"
            "options:\n"
            "  --format FMT          text (default) or json\n"
            "  --classes LIST        report only these classes or groups, comma-separated\n"
            "                        (persName,div,names; groups: structure speech names\n"
            "                        editorial date)\n"
            "  --map 'FROM=TO'       treat elements FROM as TO on both sides; FROM may test\n"
            "                        one attribute: 'name[@type=person]=persName' (repeatable)\n"
            "  --skip 'PATTERN'      leave elements out of both documents, with their text:\n"
            "                        'div[@type=notes]', 'castList' (repeatable)\n"
            "  --diffs N             list at most N disagreements (default 50; 0 = none)\n"
            "  --ignore-case         align words with case folded\n"
            "  --ignore-punct        align words only, not punctuation\n"
            "  --no-header           do not compare the teiHeader fields\n"
            "  --ignore-titles       persName spans compared without a leading title or\n"
            "                        honorific (Mr., Colonel, Secretary), on both sides\n"
            "  --fail-under F1       exit 1 when the total exact-span F1 is below F1 (0..1)\n"
            "  -h, --help            this help\n"
            "\n"
            "Exit status: 0 done (whatever the scores), 1 the total F1 is below --fail-under\n"
            "or a file is not well-formed, 2 usage or I/O error.\n");
}

/* Prints s as a JSON string. */
static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static unsigned long sum(const unsigned long *v)
{
    unsigned long s = 0;
    for (int t = 0; t < TK_CMP_ATTR_COUNT; t++)
        s += v[t];
    return s;
}

static void json_class(FILE *out, const tk_compare_class *k)
{
    fprintf(out, "{\"class\": ");
    json_str(out, k->name);
    fprintf(out, ", \"group\": ");
    json_str(out, k->group);
    if (k->parent != NULL) {
        fprintf(out, ", \"parent\": ");
        json_str(out, k->parent);
    }
    fprintf(out,
            ", \"ref\": %lu, \"hyp\": %lu, \"exact\": %lu, \"overlap\": %lu, "
            "\"p\": %.4f, \"r\": %.4f, \"f1\": %.4f, "
            "\"overlap_p\": %.4f, \"overlap_r\": %.4f, \"overlap_f1\": %.4f, \"attrs\": {",
            k->ref, k->hyp, k->exact, k->overlap, k->p, k->r, k->f, k->op, k->or_, k->of);
    int first = 1;
    for (int t = 0; t < TK_CMP_ATTR_COUNT; t++) {
        if (k->attr_checked[t] == 0)
            continue;
        fprintf(out, "%s\"%s\": {\"checked\": %lu, \"agree\": %lu}", first ? "" : ", ",
                tk_compare_attr_name(t), k->attr_checked[t], k->attr_agree[t]);
        first = 0;
    }
    fputc('}', out);
    if (k->ident_attr != NULL)
        fprintf(out,
                ", \"identity\": {\"attr\": \"%s\", \"mentions\": %lu, \"p\": %.4f, "
                "\"r\": %.4f, \"f1\": %.4f, \"pairs_ref\": %.0f, \"pairs_hyp\": %.0f, "
                "\"pairs_both\": %.0f}",
                k->ident_attr, k->ident_mentions, k->ident_p, k->ident_r, k->ident_f,
                k->ident_pairs_ref, k->ident_pairs_hyp, k->ident_pairs_both);
    fputc('}', out);
}

static void print_json(FILE *out, const tk_compare_result *r)
{
    static const char *const kinds[] = {"missing", "added", "moved", "attribute", "grouping"};
    _Static_assert(sizeof kinds / sizeof *kinds == TK_CMP_DIFF_KIND_COUNT, "one per kind");
    fprintf(out, "{\"ref\": ");
    json_str(out, r->ref_name);
    fprintf(out, ", \"hyp\": ");
    json_str(out, r->hyp_name);
    fprintf(out, ",\n \"words\": {\"ref\": %zu, \"hyp\": %zu, \"aligned\": %zu},\n \"classes\": [",
            r->ref_words, r->hyp_words, r->aligned_words);
    for (size_t i = 0; i < r->n_classes; i++) {
        fputs(i ? ",\n  " : "\n  ", out);
        json_class(out, &r->classes[i]);
    }
    fputs("],\n \"total\": ", out);
    json_class(out, &r->total);
    fprintf(out, ",\n \"header\": {\"fields\": %zu, \"equal\": %zu, \"list\": [", r->n_fields,
            r->fields_equal);
    for (size_t i = 0; i < r->n_fields; i++) {
        const tk_compare_field *f = &r->fields[i];
        fputs(i ? ",\n  {\"field\": " : "\n  {\"field\": ", out);
        json_str(out, f->name);
        fputs(", \"ref\": ", out);
        f->ref ? json_str(out, f->ref) : (void)fputs("null", out);
        fputs(", \"hyp\": ", out);
        f->hyp ? json_str(out, f->hyp) : (void)fputs("null", out);
        fprintf(out, ", \"equal\": %s}", f->equal ? "true" : "false");
    }
    fprintf(out, "]},\n \"disagreements\": %lu,\n \"diffs\": [", r->total_diffs);
    for (size_t i = 0; i < r->n_diffs; i++) {
        const tk_compare_diff *df = &r->diffs[i];
        fputs(i ? ",\n  {\"kind\": " : "\n  {\"kind\": ", out);
        json_str(out, kinds[df->kind]);
        fputs(", \"class\": ", out);
        json_str(out, df->cls);
        fprintf(out, ", \"ref_line\": %u, \"hyp_line\": %u, \"text\": ", df->ref_line,
                df->hyp_line);
        json_str(out, df->text);
        fputc('}', out);
    }
    fputs("]}\n", out);
}

static void text_row(FILE *out, const tk_compare_class *k)
{
    char attrs[32] = "-", ident[40] = "-";
    if (sum(k->attr_checked) > 0)
        snprintf(attrs, sizeof attrs, "%lu/%lu", sum(k->attr_agree), sum(k->attr_checked));
    if (k->ident_attr != NULL && k->ident_mentions > 1)
        snprintf(ident, sizeof ident, "%.3f %.3f", k->ident_p, k->ident_r);
    char name[64];
    snprintf(name, sizeof name, "%s%s", k->parent ? "  " : "", k->name);
    fprintf(out, "%-34s %-9s %6lu %6lu %6lu  %5.3f %5.3f %5.3f  %5.3f %5.3f %5.3f  %-11s %s\n",
            name, k->group, k->ref, k->hyp, k->exact, k->p, k->r, k->f, k->op, k->or_, k->of, attrs,
            ident);
}

static void print_text(FILE *out, const tk_compare_result *r)
{
    fprintf(out, "%s -> %s: %zu of %zu reference words aligned (%zu in hypothesis)\n\n",
            r->ref_name, r->hyp_name, r->aligned_words, r->ref_words, r->hyp_words);
    fprintf(out, "%-34s %-9s %6s %6s %6s  %-17s  %-17s  %-11s %s\n", "class", "group", "ref", "hyp",
            "exact", "exact  P     R     F1", "overlap P  R     F1", "attrs", "identity P R");
    for (size_t i = 0; i < r->n_classes; i++)
        text_row(out, &r->classes[i]);
    text_row(out, &r->total);
    if (r->n_fields > 0) {
        fprintf(out, "\nheader: %zu of %zu fields agree\n", r->fields_equal, r->n_fields);
        for (size_t i = 0; i < r->n_fields; i++) {
            const tk_compare_field *f = &r->fields[i];
            if (f->equal)
                fprintf(out, "  %-17s same: %.70s\n", f->name, f->ref);
            else
                fprintf(out, "  %-17s ref: %.70s\n  %-17s hyp: %.70s\n", f->name,
                        f->ref ? f->ref : "(none)", "", f->hyp ? f->hyp : "(none)");
        }
    }
    if (r->total_diffs > 0) {
        fprintf(out, "\ndisagreements: %lu", r->total_diffs);
        if (r->n_diffs < r->total_diffs)
            fprintf(out, " (first %zu listed)", r->n_diffs);
        fputc('\n', out);
    }
    for (size_t i = 0; i < r->n_diffs; i++)
        fprintf(out, "%s\n", r->diffs[i].text);
}

int tk_cli_compare(int argc, char **argv)
{
    tk_compare_opts o;
    const char *files[2] = {NULL, NULL}, *format = "text";
    const char **maps = NULL, **skips = NULL;
    size_t nfiles = 0;
    double fail_under = -1;
    int rc = 2;
    tk_diag *d = NULL;
    tk_compare_result *r = NULL;
    tk_compare_opts_init(&o);
    maps = calloc((size_t)argc + 1, sizeof *maps);
    skips = calloc((size_t)argc + 1, sizeof *skips);
    if (maps == NULL || skips == NULL) {
        free(maps);
        free(skips);
        return 2;
    }
    o.maps = maps;
    o.skips = skips;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (tk_cli_is_help(a)) {
            tk_cli_compare_help(stdout);
            rc = 0;
            goto out;
        }
        static const char *const flags[] = {"--ignore-case", "--ignore-punct", "--no-header",
                                            "--ignore-titles"};
        int *const flag_vars[] = {&o.ignore_case, &o.ignore_punct, &o.no_header,
                                  &o.ignore_titles};
        int known = 0;
        for (size_t f = 0; f < sizeof flags / sizeof *flags; f++)
            if (strcmp(a, flags[f]) == 0) {
                *flag_vars[f] = known = 1;
            }
        if (known)
            continue;
        if (strcmp(a, "--format") == 0 || strcmp(a, "--classes") == 0 || strcmp(a, "--map") == 0 ||
            strcmp(a, "--skip") == 0 || strcmp(a, "--diffs") == 0 ||
            strcmp(a, "--fail-under") == 0) {
            if (i + 1 >= argc) {
                rc = tk_cli_usage("compare", "option %s needs a value", a);
                goto out;
            }
            const char *v = argv[++i];
            char *end = NULL;
            if (strcmp(a, "--format") == 0) {
                if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0) {
                    rc = tk_cli_usage("compare", "unknown format '%s' (text or json)", v);
                    goto out;
                }
                format = v;
            } else if (strcmp(a, "--classes") == 0) {
                o.classes = v;
            } else if (strcmp(a, "--map") == 0) {
                maps[o.n_maps++] = v;
            } else if (strcmp(a, "--skip") == 0) {
                skips[o.n_skips++] = v;
            } else if (strcmp(a, "--diffs") == 0) {
                long nd = strtol(v, &end, 10);
                if (end == v || *end != '\0' || nd < 0) {
                    rc = tk_cli_usage("compare", "--diffs wants a count, not '%s'", v);
                    goto out;
                }
                o.max_diffs = (size_t)nd;
            } else {
                fail_under = strtod(v, &end);
                if (end == v || *end != '\0' || fail_under < 0 || fail_under > 1) {
                    rc = tk_cli_usage("compare", "--fail-under wants a number 0..1, not '%s'", v);
                    goto out;
                }
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            rc = tk_cli_usage("compare", "unknown option '%s'", a);
            goto out;
        } else if (nfiles == 2) {
            rc = tk_cli_usage("compare", "two files: REF.xml HYP.xml");
            goto out;
        } else {
            files[nfiles++] = a;
        }
    }
    if (nfiles != 2) {
        rc = tk_cli_usage("compare", "two files: REF.xml HYP.xml");
        goto out;
    }
    d = tk_cli_diag();
    r = tk_compare_files(files[0], files[1], &o, d);
    if (r == NULL) {
        rc = tk_diag_exit_status(d);
        if (rc == 0)
            rc = 2;
        goto out;
    }
    if (strcmp(format, "json") == 0)
        print_json(stdout, r);
    else
        print_text(stdout, r);
    rc = fail_under >= 0 && r->total.f < fail_under ? 1 : 0;
    if (rc == 1)
        fprintf(stderr, "teikit compare: total F1 %.4f is below %.4f\n", r->total.f, fail_under);
out:
    tk_compare_result_free(r);
    tk_diag_free(d);
    free(maps);
    free(skips);
    return rc;
}
