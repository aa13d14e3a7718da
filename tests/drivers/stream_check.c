/* stream_check.c: test driver: converts each file twice, building the whole tree first
 * (tk_convert_memory + tk_tei_serialize) and streaming (tk_convert_memory_xml), and checks
 * that both give the same bytes and the same messages. With --split, compares each document
 * of tk_convert_each with tk_tei_extract of the tree. With --jobs N, the streamed side uses
 * N threads (the tree side one). Exit 0 when every file agrees.
 * --explain: with the converter's notes (every message, no limit).
 * Usage: stream_check [--split] [--spoken] [--explain] [--jobs N] [--rules FILE]
 * [--persons FILE] [--shape NAME] FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "teikit.h"

typedef struct msgs {
    char *text;
    size_t len, cap;
} msgs;

static void sink(const tk_message *m, void *user)
{
    msgs *c = user;
    char line[1200];
    int k = snprintf(line, sizeof line, "%d:%u:%u:%s:%s\n", (int)m->severity, m->line, m->col,
                     m->rule ? m->rule : "", m->text);
    if (k < 0)
        return;
    if (c->len + (size_t)k + 1 > c->cap) {
        size_t cap = (c->cap + (size_t)k + 1) * 2;
        char *g = realloc(c->text, cap);
        if (g == NULL)
            return;
        c->text = g;
        c->cap = cap;
    }
    memcpy(c->text + c->len, line, (size_t)k + 1);
    c->len += (size_t)k;
}

/* --split: the documents of tk_convert_each against those of the tree */
typedef struct split_cmp {
    xmlDocPtr tree;
    size_t n_tree, n_same;
    int differs;
} split_cmp;

static int compare_one(size_t i, const char *xml, size_t len, void *user)
{
    split_cmp *c = user;
    xmlDocPtr one = i < c->n_tree ? tk_tei_extract(c->tree, i) : NULL;
    size_t n = 0;
    char *want = one != NULL ? tk_tei_serialize(one, &n) : NULL;
    xmlFreeDoc(one);
    if (want != NULL && n == len && memcmp(want, xml, len) == 0)
        c->n_same++;
    else if (!c->differs) {
        c->differs = 1;
        printf("document %zu differs\n", i + 1);
    }
    free(want);
    return 0;
}

static int check_split(const char *path, const tk_convert_opts *base)
{
    tk_convert_opts o = *base;
    o.name = path;
    o.split = 1;
    tk_diag *d = tk_diag_new();
    size_t len = 0;
    char *buf = tk_read_file(path, &len, d);
    int rc = 1;
    split_cmp c = {0};
    if (buf == NULL || (c.tree = tk_convert_memory(buf, len, &o, d)) == NULL) {
        printf("%s: does not convert\n", path);
        goto out;
    }
    c.n_tree = tk_tei_count(c.tree);
    long n = tk_convert_each(buf, len, &o, d, compare_one, &c);
    if (n != (long)c.n_tree || c.differs)
        printf("%s: split differs (%ld documents streamed, %zu in the tree, %zu the same)\n", path,
               n, c.n_tree, c.n_same);
    else {
        printf("%s: same, split (%zu documents)\n", path, c.n_same);
        rc = 0;
    }
out:
    xmlFreeDoc(c.tree);
    free(buf);
    tk_diag_free(d);
    return rc;
}

static int check(const char *path, const tk_convert_opts *base)
{
    tk_convert_opts o = *base;
    o.name = path;
    msgs m1 = {0}, m2 = {0};
    tk_diag *d1 = tk_diag_new(), *d2 = tk_diag_new();
    tk_diag_set_sink(d1, sink, &m1);
    tk_diag_set_sink(d2, sink, &m2);
    tk_diag_set_notes(d1, o.explain);
    tk_diag_set_notes(d2, o.explain);
    size_t len = 0, n1 = 0, n2 = 0;
    char *buf = tk_read_file(path, &len, d1);
    int rc = 1;
    if (buf == NULL) {
        fprintf(stderr, "%s: cannot read\n", path);
        goto out;
    }
    unsigned jobs = o.jobs;
    o.jobs = 1;
    xmlDocPtr doc = tk_convert_memory(buf, len, &o, d1);
    char *tree = doc != NULL ? tk_tei_serialize(doc, &n1) : NULL;
    xmlFreeDoc(doc);
    o.jobs = jobs;
    char *streamed = tk_convert_memory_xml(buf, len, &o, d2, &n2);
    if ((tree == NULL) != (streamed == NULL))
        printf("%s: one way fails, the other does not\n", path);
    else if (n1 != n2 || (tree != NULL && memcmp(tree, streamed, n1) != 0)) {
        size_t k = 0;
        while (k < n1 && k < n2 && tree[k] == streamed[k])
            k++;
        printf("%s: bytes differ from byte %zu (%zu vs %zu bytes)\n", path, k, n1, n2);
    } else if (m1.len != m2.len || (m1.len > 0 && memcmp(m1.text, m2.text, m1.len) != 0))
        printf("%s: messages differ\n--- tree\n%s--- streamed\n%s", path, m1.text ? m1.text : "",
               m2.text ? m2.text : "");
    else {
        printf("%s: same (%zu bytes, %zu bytes of messages)\n", path, n1, m1.len);
        rc = 0;
    }
    free(tree);
    free(streamed);
out:
    free(buf);
    free(m1.text);
    free(m2.text);
    tk_diag_free(d1);
    tk_diag_free(d2);
    return rc;
}

int main(int argc, char **argv)
{
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    int failed = 0, i = 1, split = 0;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--split") == 0) {
            split = 1;
            i--;
        } else if (strcmp(argv[i], "--spoken") == 0) {
            o.spoken = 1;
            i--;
        } else if (strcmp(argv[i], "--explain") == 0) {
            o.explain = 1;
            i--;
        } else if (i + 1 >= argc)
            break;
        else if (strcmp(argv[i], "--rules") == 0)
            o.rules_path = argv[i + 1];
        else if (strcmp(argv[i], "--persons") == 0)
            o.persons_path = argv[i + 1];
        else if (strcmp(argv[i], "--jobs") == 0)
            o.jobs = (unsigned)atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--shape") == 0)
            o.shape = tk_shape_from_name(argv[i + 1]);
        else {
            fprintf(stderr, "stream_check: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    for (; i < argc; i++)
        failed |= split ? check_split(argv[i], &o) : check(argv[i], &o);
    return failed;
}
