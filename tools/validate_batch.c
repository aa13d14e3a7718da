/* validate_batch.c: batches of files: directories walked once, files validated in parallel
 * threads, messages replayed in argument order, the corpus resolved at the end. */
#include "teikit.h"
#include "tk_internal.h"
#include "validate_internal.h"
#include "validate_parts.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>


/* ----------------------------------------------------------------- batches ------- */

/* An empty job (only its message list is used: the schema loader's). */
struct job *tkv_job_new(void) { return calloc(1, sizeof(struct job)); }

void tkv_hold_sink(const tk_message *m, void *user)
{
    struct job *j = user;
    tk_grow((void **)&j->msgs, &j->cap_msgs, j->n_msgs, sizeof *j->msgs, 8);
    struct held *h = &j->msgs[j->n_msgs++];
    h->sev = m->severity;
    h->file = m->file == NULL                                   ? NULL
              : j->alias != NULL && strcmp(m->file, j->alias) == 0 ? tk_xstrdup("<stdin>")
                                                                  : tk_xstrdup(m->file);
    h->rule = m->rule != NULL ? tk_xstrdup(m->rule) : NULL;
    h->text = tk_xstrdup(m->text);
    h->line = m->line;
    h->col = m->col;
    h->byte = m->byte;
}

static void validate_one(tk_schema *s, const tk_validate_opts *o, struct job *j, int notes)
{
    tk_diag *d = tk_diag_new();
    if (d == NULL) {
        j->status = 2;
        return;
    }
    tk_diag_set_sink(d, tkv_hold_sink, j);
    tk_diag_set_notes(d, notes);
    int is_stdin = strcmp(j->path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : j->path;
    struct source src = {0};
    xmlDocPtr doc = NULL;
    int flags = o->xinclude ? TK_XML_XINCLUDE : 0, streamed = -1;
    j->refs = o->grammar_only ? NULL : tk_refs_new(j->path);
    struct spool spool = {-1, NULL, 0};
    if (is_stdin) { /* stdin cannot be read twice: kept in memory, or spooled when large */
        if (tkv_stdin_take(o, &src, &spool, d) != 0)
            ;
        else if (spool.path == NULL)
            doc = tk_xml_read_memory(src.buf, src.len, name, flags, d);
        else {
            j->alias = spool.path;
            src.path = spool.path;
            if (j->context ||
                (streamed = tkv_validate_stream(s, spool.path, name, o, &src, d, j->refs,
                                                &j->n_msgs)) < 0)
                doc = tk_xml_read_file(spool.path, flags, d); /* (the base URI: below) */
            if (doc != NULL) {
                if (doc->URL != NULL && (doc->dict == NULL || !xmlDictOwns(doc->dict, doc->URL)))
                    xmlFree((xmlChar *)doc->URL);
                doc->URL = xmlStrdup(BAD_CAST name);
            }
        }
    } else { /* streamed: a huge document is never held twice */
        src.path = j->path;
        struct stat st;
        if (stat(j->path, &st) == 0 && S_ISDIR(st.st_mode))
            TK_MSG(d, IO_IS_DIR, name, 0, 0);
        else if (access(j->path, R_OK) != 0)
            TK_MSG(d, IO_OPEN, name, 0, 0, strerror(errno));
        else if (!j->context && tkv_stream_wanted(j->path, o) &&
                 (streamed = tkv_validate_stream(s, j->path, j->path, o, &src, d, j->refs,
                                                 &j->n_msgs)) >= 0)
            ; /* validated as it was parsed: no tree */
        else {
            if (!j->context && tkv_xinclude_tree_large(j->path, o))
                TK_MSG(d, VALIDATE_XINCLUDE_TREE, name, 0, 0);
            doc = tk_xml_read_file(j->path, flags, d);
        }
    }
    int status = streamed;
    if (doc != NULL && j->context) { /* its ids and pointers, for the others */
        tk_check_ctx cx = {0, j->refs, NULL, NULL, NULL, o->xinclude, NULL, NULL, NULL, NULL};
        tk_checks_run(doc, name, d, &cx);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc != NULL) {
        status = tkv_validate_doc_src(s, doc, name, o, &src, d, j->refs, &j->n_msgs);
        xmlFreeDoc(doc);
    } else if (streamed < 0) {
        status = 1; /* not well-formed or unreadable (the messages say which: 2 for I/O) */
    }
    tkv_source_free(&src);
    tkv_stdin_release(&spool);
    j->alias = NULL;
    j->errors = tk_diag_count(d, TK_ERROR);
    j->warnings = tk_diag_count(d, TK_WARNING);
    /* the verdict comes from the validator; messages can only make it worse */
    j->status = tk_diag_exit_status(d) > status ? tk_diag_exit_status(d) : status;
    tk_diag_free(d);
}

struct pool {
    tk_schema *s;
    const tk_validate_opts *o;
    struct job *jobs;
    size_t n, next;
    int notes;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    size_t *order; /* the order threads take jobs in (NULL: argument order) */
};

/* 1 when the schema's background loading has failed (without waiting for it). */
static int schema_failed(tk_schema *s)
{
    pthread_mutex_lock(&s->lock);
    int failed = s->failed;
    pthread_mutex_unlock(&s->lock);
    return failed;
}

/* glibc gives each thread a heap of its own that grows by what each allocation needs, one
 * mprotect call at a time (4,000-7,000 calls per worker on the 31 reference documents),
 * and each call changes the process's mappings under the lock the other threads' page
 * faults take. Called first in a thread: chunks of HEAP_CHUNK bytes, HEAP_RESERVE in all,
 * allocated and freed, leave the thread's heap able to grow that far again without a call
 * (the memory itself goes back to the system: only the addresses stay). The first
 * allocation, larger than malloc's first mmap threshold and freed, raises that threshold
 * (and the trim threshold with it) as the run's own large tables soon would, so that the
 * chunks come from the heap and the heap is not trimmed (madvise) after every document. */
#define HEAP_CHUNK ((size_t)1 << 20)
#define HEAP_RESERVE 24 /* chunks */
void tkv_thread_heap_reserve(void)
{
    void *volatile big = malloc(4 * HEAP_CHUNK); /* (volatile: not optimized away) */
    free(big);
    void *volatile v[HEAP_RESERVE];
    for (int i = 0; i < HEAP_RESERVE; i++)
        v[i] = malloc(HEAP_CHUNK);
    for (int i = HEAP_RESERVE; i-- > 0;)
        free(v[i]);
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    tkv_thread_heap_reserve();
    for (;;) {
        if (schema_failed(p->s)) /* nothing will be reported: stop */
            return NULL;
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->n)
            return NULL;
        if (p->order != NULL)
            i = p->order[i];
        validate_one(p->s, p->o, &p->jobs[i], p->notes);
        pthread_mutex_lock(&p->lock);
        p->jobs[i].done = 1;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
    }
}

/* Growable list of paths. */
struct paths {
    char **v;
    size_t n, cap;
};

static int paths_add(struct paths *p, const char *path)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **v = realloc(p->v, cap * sizeof *v);
        if (v == NULL)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n] = strdup(path);
    return p->v[p->n++] == NULL ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with_xml(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && strcmp(s + n - 4, ".xml") == 0;
}

/* Directories and files met by a walk, by device and inode: a directory is entered once
 * (symlink loops end), a file reached by two paths is validated once. */
struct seen {
    struct seen_id {
        dev_t dev;
        ino_t ino;
        int used;
    } *v; /* open addressing, cap a power of two */
    size_t n, cap;
};

static size_t seen_slot(const struct seen *s, dev_t dev, ino_t ino)
{
    uint64_t x = (uint64_t)ino * 0x9e3779b97f4a7c15ULL ^ (uint64_t)dev;
    size_t i = (size_t)(x ^ x >> 29) & (s->cap - 1);
    while (s->v[i].used && !(s->v[i].dev == dev && s->v[i].ino == ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* 1 when (dev, ino) was met before; else records it and returns 0 (-1: out of memory). */
static int seen_before(struct seen *s, const struct stat *st)
{
    if (s->cap > 0 && s->v[seen_slot(s, st->st_dev, st->st_ino)].used)
        return 1;
    if (2 * (s->n + 1) > s->cap) {
        struct seen g = {NULL, 0, s->cap ? s->cap * 2 : 64};
        if ((g.v = calloc(g.cap, sizeof *g.v)) == NULL)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i].used)
                g.v[seen_slot(&g, s->v[i].dev, s->v[i].ino)] = s->v[i];
        g.n = s->n;
        free(s->v);
        *s = g;
    }
    s->v[seen_slot(s, st->st_dev, st->st_ino)] = (struct seen_id){st->st_dev, st->st_ino, 1};
    s->n++;
    return 0;
}

/* Adds the *.xml files under dir (recursively, sorted; each directory and each file once,
 * however many symlinks lead to it). `dirs` holds the directories entered so far, `files`
 * the files listed. Returns -1 on error (reported). */
static int walk_dir(const char *dir, struct paths *out, tk_diag *d, int depth,
                    struct seen *dirs, struct seen *files)
{
    if (depth > 64) {
        TK_MSG(d, IO_DEPTH, dir, 0, 0);
        return -1;
    }
    DIR *dp = opendir(dir);
    if (dp == NULL) {
        TK_MSG(d, IO_OPENDIR, dir, 0, 0, strerror(errno));
        return -1;
    }
    struct paths here = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (p == NULL) {
            rc = -1;
            break;
        }
        snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && (S_ISDIR(st.st_mode) || ends_with_xml(e->d_name)))
            rc = paths_add(&here, p);
        free(p);
        if (rc != 0)
            break;
    }
    closedir(dp);
    if (here.n > 0)
        qsort(here.v, here.n, sizeof *here.v, cmp_str);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (rc == 0 && stat(here.v[i], &st) == 0) {
            int met = seen_before(S_ISDIR(st.st_mode) ? dirs : files, &st);
            if (met < 0)
                rc = -1;
            else if (met == 0 && S_ISDIR(st.st_mode))
                rc = walk_dir(here.v[i], out, d, depth + 1, dirs, files);
            else if (met == 0)
                rc = paths_add(out, here.v[i]);
        }
        free(here.v[i]);
    }
    free(here.v);
    return rc;
}

void tkv_replay(struct job *j, tk_diag *d)
{
    for (size_t k = 0; k < j->n_msgs; k++) {
        struct held *h = &j->msgs[k];
        tk_diag_report_at(d, h->sev, h->file, h->line, h->col, h->byte, h->rule, "%s",
                          h->text);
        free(h->file);
        free(h->rule);
        free(h->text);
    }
    free(j->msgs);
    j->msgs = NULL;
    j->n_msgs = 0;
}

/* A file's size for largest_first. */
struct sized {
    off_t size;
    size_t index;
};

static int cmp_sized(const void *a, const void *b)
{
    const struct sized *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The order threads take files in: largest first, so that no big file starts last and keeps
 * one thread busy while the others have nothing left (messages still come in argument
 * order). NULL when out of memory (argument order then). */
static size_t *largest_first(const struct paths *files)
{
    struct sized *v = malloc((files->n ? files->n : 1) * sizeof *v);
    size_t *order = malloc((files->n ? files->n : 1) * sizeof *order);
    if (v == NULL || order == NULL) {
        free(v);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < files->n; i++) {
        struct stat sb;
        v[i].size = stat(files->v[i], &sb) == 0 ? sb.st_size : 0;
        v[i].index = i;
    }
    qsort(v, files->n, sizeof *v, cmp_sized);
    for (size_t i = 0; i < files->n; i++)
        order[i] = v[i].index;
    free(v);
    return order;
}

/* The corpus's messages for one document (tk_refs_opts.emit): inserted among its held
 * messages where its checks met the item, and counted. */
struct emitting {
    struct job *jobs;
    int notes;
};

static void emit_held(size_t doc, size_t pos, tk_severity sev, const char *file,
                      unsigned line, unsigned col, const char *rule, const char *text,
                      void *arg)
{
    struct emitting *e = arg;
    struct job *j = &e->jobs[doc];
    if (j->context || (sev == TK_NOTE && !e->notes))
        return;
    tk_grow((void **)&j->msgs, &j->cap_msgs, j->n_msgs, sizeof *j->msgs, 8);
    size_t at = pos + j->inserted;
    if (at > j->n_msgs)
        at = j->n_msgs;
    memmove(&j->msgs[at + 1], &j->msgs[at], (j->n_msgs - at) * sizeof *j->msgs);
    j->n_msgs++;
    j->inserted++;
    struct held *h = &j->msgs[at];
    h->sev = sev;
    h->file = tk_xstrdup(file != NULL ? file : strcmp(j->path, "-") == 0 ? "<stdin>" : j->path);
    h->rule = tk_xstrdup(rule);
    h->text = tk_xstrdup(text);
    h->line = line;
    h->col = col;
    h->byte = -1;
    j->errors += sev == TK_ERROR;
    j->warnings += sev == TK_WARNING;
    if (sev == TK_ERROR && j->status == 0)
        j->status = 1;
}

/* Waits until job i is done (or, without threads, does it). */
static void finish_job(struct pool *p, size_t i, int threads)
{
    if (!threads) {
        if (!p->jobs[i].done)
            validate_one(p->s, p->o, &p->jobs[i], p->notes);
        p->jobs[i].done = 1;
        return;
    }
    pthread_mutex_lock(&p->lock);
    while (!p->jobs[i].done)
        pthread_cond_wait(&p->cond, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

/* Every job done, then the corpus resolves what their checks left. */
static void resolve_unit(struct pool *p, int threads, int strict)
{
    for (size_t i = 0; i < p->n; i++)
        finish_job(p, i, threads);
    tk_refs **docs = malloc((p->n ? p->n : 1) * sizeof *docs);
    if (docs == NULL)
        return;
    for (size_t i = 0; i < p->n; i++)
        docs[i] = p->jobs[i].refs;
    struct emitting e = {p->jobs, p->notes};
    tk_refs_opts ro = {strict, emit_held, &e};
    tk_refs_resolve(docs, p->n, &ro);
    free(docs);
}

/* The files --corpus adds: validated ones (when no path was given) and context ones. A
 * directory gives its *.xml files, a file itself and the files it XIncludes (fragments such
 * as a listPerson file are context only). Returns -1 on error (reported). */
static int corpus_files(const char *root, int have_paths, struct paths *validated,
                        struct paths *context, tk_diag *d)
{
    struct stat sb;
    if (stat(root, &sb) != 0) {
        TK_MSG(d, IO_CORPUS, root, 0, 0, strerror(errno));
        return -1;
    }
    if (S_ISDIR(sb.st_mode)) {
        struct seen dirs = {0}, files = {0};
        int rc = seen_before(&dirs, &sb) < 0 ? -1
                                             : walk_dir(root, have_paths ? context : validated,
                                                        d, 0, &dirs, &files);
        free(dirs.v);
        free(files.v);
        return rc;
    }
    char **v;
    int *documents;
    size_t n;
    if (tk_refs_root_files(root, &v, &documents, &n) != 0) {
        TK_MSG(d, OOM, root, 0, 0);
        return -1;
    }
    int rc = 0;
    char cwd[4096];
    size_t cl = getcwd(cwd, sizeof cwd) != NULL ? strlen(cwd) : 0;
    for (size_t i = 0; i < n; i++) {
        /* the root as given, the others relative to the working directory when under it */
        const char *path = i == 0 ? root : v[i];
        if (i > 0 && cl > 1 && strncmp(path, cwd, cl) == 0 && path[cl] == '/')
            path += cl + 1;
        if (rc == 0 && paths_add(!have_paths && documents[i] ? validated : context, path) != 0)
            rc = -1;
        free(v[i]);
    }
    free(v);
    free(documents);
    return rc;
}

int tk_validate_paths(tk_schema *s, char *const *argv, size_t argc, const tk_validate_opts *o,
                      tk_diag *d, tk_validate_stats *stats)
{
    static const tk_validate_opts defaults = {0};
    struct paths files = {0};
    int rc = 0;
    tk_validate_stats st = {0};
    struct seen dirs = {0}, seen_files = {0};
    if (o == NULL)
        o = &defaults;
    for (size_t i = 0; i < argc; i++) {
        struct stat sb;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            int met = seen_before(&dirs, &sb);
            if (met < 0 || (met == 0 && walk_dir(argv[i], &files, d, 0, &dirs, &seen_files) != 0))
                rc = 2;
        } else if (paths_add(&files, argv[i]) != 0) {
            TK_MSG(d, OOM, NULL, 0, 0);
            rc = 2;
        }
    }
    /* --corpus: more files to validate, or the context the others' pointers resolve in */
    struct paths context = {0};
    size_t n_validated = files.n;
    if (o->corpus != NULL && corpus_files(o->corpus, argc > 0, &files, &context, d) != 0)
        rc = 2;
    n_validated = files.n;
    struct seen given = {0}; /* a file both given and in the corpus is validated, once */
    for (size_t i = 0; i < files.n; i++) {
        struct stat sb;
        if (stat(files.v[i], &sb) == 0 && seen_before(&given, &sb) < 0)
            rc = 2;
    }
    for (size_t i = 0; i < context.n; i++) {
        struct stat sb;
        if (!o->grammar_only && stat(context.v[i], &sb) == 0 && 
            (given.cap == 0 || !given.v[seen_slot(&given, sb.st_dev, sb.st_ino)].used) &&
            paths_add(&files, context.v[i]) != 0)
            rc = 2;
        free(context.v[i]);
    }
    free(given.v);
    free(context.v);
    struct job *jobs = calloc(files.n ? files.n : 1, sizeof *jobs);
    if (jobs == NULL) {
        TK_MSG(d, OOM, NULL, 0, 0);
        rc = 2;
        goto out;
    }
    for (size_t i = 0; i < files.n; i++) {
        jobs[i].path = files.v[i];
        jobs[i].context = i >= n_validated;
    }
    unsigned nthreads = o->jobs > 1 ? o->jobs : 1;
    if (nthreads > files.n)
        nthreads = files.n > 0 ? (unsigned)files.n : 1;
    struct pool p = {s, o, jobs, files.n, 0, tk_diag_notes_enabled(d),
                     PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL};
    if (nthreads > 1)
        p.order = largest_first(&files);
    int resolved = 0;
    pthread_t *tids = NULL;
    unsigned started = 0;
    if (nthreads > 1 && (tids = calloc(nthreads, sizeof *tids)) != NULL) {
        for (unsigned t = 0; t < nthreads; t++)
            if (pthread_create(&tids[t], NULL, worker, &p) == 0)
                started++;
    }
    /* a schema loading in the background (documents were read meanwhile): its messages
       come first, and no document's when it failed */
    int schema_ok = tkv_schema_wait(s) == 0;
    if (s->load != NULL)
        tkv_replay(s->load, d);
    if (!schema_ok) {
        rc = 2;
        n_validated = 0;
    }
    for (size_t i = 0; i < n_validated; i++) {
        finish_job(&p, i, started > 0);
        /* what the document could not decide alone waits for the whole unit */
        if (!resolved && tk_refs_pending(jobs[i].refs)) {
            resolve_unit(&p, started > 0, o->strict_refs);
            resolved = 1;
        }
        tkv_replay(&jobs[i], d);
        st.files++;
        st.errors += jobs[i].errors;
        st.warnings += jobs[i].warnings;
        if (jobs[i].status != 0)
            st.invalid++;
        if (jobs[i].status == 2)
            st.unchecked++;
        if (jobs[i].status > rc)
            rc = jobs[i].status;
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    for (size_t i = 0; i < files.n; i++) {
        if (jobs[i].context || !schema_ok)
            tkv_replay(&jobs[i], NULL); /* frees what it held */
        tk_refs_free(jobs[i].refs);
    }
    free(tids);
    free(p.order);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.cond);
out:
    free(dirs.v);
    free(seen_files.v);
    st.compiles = s->compiles;
    if (stats != NULL)
        *stats = st;
    free(jobs);
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    return rc;
}

