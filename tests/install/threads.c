/* threads.c: two threads each converting (a corpus also with a writer thread of its own:
 * jobs = 2), validating and rendering their own documents at the same time, through the
 * public interface only (make check-tsan runs it under
 * ThreadSanitizer; tests/t_install.sh against the installed library). Nothing is converted
 * before the threads start, so lazily built tables are built while both run. Exit 0 when
 * every round in both threads gave the same text. */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <teikit.h>

#define ROUNDS 8

static const char transcript[] =
    "Memorandum of Conversation\n\nFebruary 3, 1949\n\nPresent: Mr. Smith, Mr. Jones\n\n"
    "MR. SMITH: On 3 March 1949 we met [sic] com[munist] leaders [illegible] in Moscow.\n"
    "MR. JONES: [00:12:34] Yes, from 1948 to 1950 [Laughter.] Mr. Smith said so.\n";

/* three documents: a teiCorpus, written on a second thread of its own with jobs = 2 */
static const char corpus[] =
    "Memorandum One\n\nMarch 3, 1949\n\nMR. SMITH: We met [sic] Mr. Jones in Moscow.\n"
    "\n=====\n\nMemorandum Two\n\nMR. JONES: [00:00:12] Mr. Smith said [illegible] so.1\n"
    "\nNotes\n\n1. A note.\n\n=====\n\nMemorandum Three\n\nMr. Smith agreed ] here.\n";

static tk_schema *schema; /* shared by both threads */
static pthread_barrier_t start; /* both threads begin together */

struct job {
    char *first; /* the first round's text */
    int ok;      /* every round gave it */
};

/* The corpus converted with `jobs` threads (the bytes), or NULL. */
static char *convert_corpus(unsigned jobs, size_t *len)
{
    tk_diag *d = tk_diag_new();
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    o.jobs = jobs;
    char *xml = tk_convert_memory_xml(corpus, sizeof corpus - 1, &o, d, len);
    tk_diag_free(d);
    return xml;
}

/* One round: convert, validate with the shared schema, render as text; convert the corpus
 * on one thread and on two (the same bytes). The text, or NULL. */
static char *round_trip(void)
{
    char *text = NULL;
    size_t len = 0, n1 = 0, n2 = 0;
    char *one = convert_corpus(1, &n1), *two = convert_corpus(2, &n2);
    int same = one != NULL && two != NULL && n1 == n2 && memcmp(one, two, n1) == 0 &&
               strstr(one, "<teiCorpus") != NULL;
    free(one);
    free(two);
    if (!same)
        return NULL;
    tk_diag *d = tk_diag_new();
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    xmlDocPtr doc = tk_convert_memory(transcript, sizeof transcript - 1, &o, d);
    tk_render_opts ro = {.to = TK_RENDER_TEXT};
    tk_render *r = NULL;
    if (doc != NULL && tk_validate_doc(schema, doc, "t.xml", NULL, d) == 0 &&
        (r = tk_render_new(&ro, d)) != NULL && tk_render_doc(r, doc, "t.xml", &text, &len) != 0)
        text = NULL;
    tk_render_free(r);
    xmlFreeDoc(doc);
    tk_diag_free(d);
    return text;
}

static void *worker(void *arg)
{
    struct job *j = arg;
    pthread_barrier_wait(&start);
    const char *data = tk_data_dir(); /* found once, whichever thread asks first */
    j->first = round_trip();
    j->ok = j->first != NULL && data != NULL && data[0] != '\0';
    for (int i = 1; i < ROUNDS && j->ok; i++) {
        char *t = round_trip();
        if (t == NULL || strcmp(t, j->first) != 0)
            j->ok = 0;
        free(t);
    }
    return NULL;
}

/* threads [SCHEMA]: teikit's schema, or the file SCHEMA (then nothing asks for the data
 * directory before the threads do, both at once when they first render). */
int main(int argc, char **argv)
{
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, tk_diag_sink_gcc, stderr);
    schema = tk_schema_load(argc > 1 ? argv[1] : "teikit", d);
    tk_diag_free(d);
    if (schema == NULL) {
        puts("threads: FAILED (no schema)");
        return 1;
    }
    pthread_t t[2];
    struct job jobs[2] = {{NULL, 0}, {NULL, 0}};
    pthread_barrier_init(&start, NULL, 2);
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, worker, &jobs[i]) != 0)
            return 1;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    int ok = jobs[0].ok && jobs[1].ok && strcmp(jobs[0].first, jobs[1].first) == 0 &&
             strstr(jobs[0].first, "[Laughter.]") != NULL;
    free(jobs[0].first);
    free(jobs[1].first);
    tk_schema_free(schema);
    printf("threads: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
