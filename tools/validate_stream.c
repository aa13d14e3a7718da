/* validate_stream.c: validates a document while libxml2 parses it (the derivative engine and
 * the rule checks driven by the parser's start and end tags, each element freed once it has
 * been seen), so that memory does not grow with the document; messages are the tree's. */
#include "teikit.h"
#include "tk_internal.h"
#include "validate_internal.h"
#include "validate_parts.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every document is streamed when streaming applies (see tkv_stream_wanted): it gives the
 * tree's messages byte for byte, and it is faster at every size (no tree to build and free:
 * the 31 reference documents against tei_all took 20-30% less CPU, a third fewer page
 * faults). With --xinclude, a document at least this large (its tree costs about ten times
 * its size) gets a note saying it was a tree. */
#define LARGE_TREE_BYTES (32L << 20)
/* stdin is read into memory up to this size (and then validated as a tree); beyond, it is
 * spooled to a file and streamed (its size is not known in advance: holding 32 MB first
 * would cost that much memory for nothing). */
#define STDIN_MEMORY_MAX (4L << 20)

/* An open element: its number in document order and the number of its last element child
 * closed so far (NO_CHILD: none yet). */
#define NO_CHILD SIZE_MAX
struct opened {
    xmlNodePtr node;
    size_t ord, last_child;
};

struct stream {
    tk_rngv *v;
    tk_checker *checks; /* NULL with --grammar-only */
    struct source *src;
    struct opened *open;
    size_t n_open, cap_open;
    size_t n_elements; /* start tags seen */
    struct eerrs errs;
    const char *name;  /* the document's name when it is not its path (stdin), or NULL */
};

/* -1 never stream (TEIKIT_STREAM=0), 1 always (TEIKIT_STREAM=1), 0 not forced: every regular
 * file is streamed (tkv_stream_wanted); tests and benches force either way */
static int stream_forced(void)
{
    const char *env = getenv("TEIKIT_STREAM");
    if (env == NULL || *env == '\0')
        return 0;
    return strcmp(env, "0") != 0 ? 1 : -1;
}

int tkv_stream_wanted(const char *path, const tk_validate_opts *o)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || o->xinclude)
        return 0; /* stdin: see tkv_stdin_take; XInclude needs the tree */
    if (stream_forced() != 0)
        return stream_forced() > 0;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int tkv_xinclude_tree_large(const char *path, const tk_validate_opts *o)
{
    struct stat st;
    if (!o->xinclude || strcmp(path, "-") == 0 || stream_forced() < 0)
        return 0;
    return stream_forced() > 0 || (stat(path, &st) == 0 && st.st_size >= LARGE_TREE_BYTES);
}

/* Copies what is left of stdin after the first n bytes of buf into the file fd; 0, or -1
 * (reported: which of the two failed). */
static int spool_rest(int fd, const char *spool, const char *buf, size_t n, tk_diag *d)
{
    char chunk[1 << 16];
    for (;;) {
        for (size_t done = 0; done < n;) {
            ssize_t w = write(fd, buf + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                TK_MSG(d, IO_WRITE, spool, 0, 0, strerror(w < 0 ? errno : ENOSPC));
                return -1;
            }
            done += (size_t)w;
        }
        n = fread(chunk, 1, sizeof chunk, stdin);
        buf = chunk;
        if (n == 0) {
            if (ferror(stdin)) {
                TK_MSG(d, IO_READ, "<stdin>", 0, 0, strerror(errno));
                return -1;
            }
            return 0;
        }
    }
}

/* Reads stdin into *buf (grown, NUL-terminated) until its end or until *len >= limit (0: no
 * limit); 0, or -1 on a read error (reported; *buf freed). */
static int read_stdin(char **buf, size_t *len, size_t *cap, size_t limit, tk_diag *d)
{
    for (;;) {
        if (*len + 1 >= *cap) {
            *cap *= 2;
            *buf = tk_xrealloc(*buf, *cap);
        }
        size_t n = fread(*buf + *len, 1, *cap - *len - 1, stdin);
        *len += n;
        if (n == 0 || (limit > 0 && *len >= limit))
            break;
    }
    (*buf)[*len] = '\0';
    if (ferror(stdin)) {
        TK_MSG(d, IO_READ, "<stdin>", 0, 0, strerror(errno));
        free(*buf);
        *buf = NULL;
        return -1;
    }
    return 0;
}

int tkv_stdin_take(const tk_validate_opts *o, struct source *src, struct spool *sp, tk_diag *d)
{
    memset(sp, 0, sizeof *sp);
    sp->fd = -1;
    int forced = stream_forced();
    if (o->xinclude || forced < 0) { /* a tree anyway: read whole, as a file would be */
        src->own = tk_read_file("-", &src->len, d);
        src->buf = src->own;
        if (src->buf != NULL && o->xinclude && forced >= 0 &&
            (forced > 0 || src->len >= (size_t)LARGE_TREE_BYTES))
            TK_MSG(d, VALIDATE_XINCLUDE_TREE, "<stdin>", 0, 0);
        return src->buf != NULL ? 0 : -1;
    }
    /* in memory while small (nothing when streaming is forced) */
    size_t limit = forced > 0 ? 1 : (size_t)STDIN_MEMORY_MAX, cap = 1 << 16, len = 0;
    char *buf = tk_xmalloc(cap);
    if (read_stdin(&buf, &len, &cap, limit, d) != 0)
        return -1;
    if (len < limit) { /* all of it */
        src->own = buf;
        src->buf = buf;
        src->len = len;
        return 0;
    }
    /* large: the rest goes into a file of its own, validated while parsed (and read again
       for the columns, as any file); unlinked at once where /dev/fd names its descriptor */
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/teikit-stdin-XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
    sp->fd = mkstemp(path);
    if (sp->fd < 0) { /* no room for a spool: the rest in memory too, as a tree */
        if (read_stdin(&buf, &len, &cap, 0, d) != 0)
            return -1;
        src->own = buf;
        src->buf = buf;
        src->len = len;
        return 0;
    }
    int rc = spool_rest(sp->fd, path, buf, len, d);
    free(buf);
    char byfd[64];
    snprintf(byfd, sizeof byfd, "/dev/fd/%d", sp->fd);
    if (access(byfd, R_OK) == 0) {
        unlink(path);
        sp->path = tk_xstrdup(byfd);
    } else {
        sp->path = tk_xstrdup(path);
        sp->named = 1;
    }
    if (rc != 0) {
        tkv_stdin_release(sp);
        return -1;
    }
    return 0;
}

void tkv_stdin_release(struct spool *sp)
{
    if (sp->path != NULL && sp->named)
        unlink(sp->path);
    if (sp->fd >= 0)
        close(sp->fd);
    free(sp->path);
    memset(sp, 0, sizeof *sp);
    sp->fd = -1;
}

/* The open element that is node (searched from the innermost), or NULL. */
static struct opened *opened_of(struct stream *s, xmlNodePtr node)
{
    for (size_t i = s->n_open; i > 0; i--)
        if (s->open[i - 1].node == node)
            return &s->open[i - 1];
    return NULL;
}

/* The engine's message callback: the place is taken now, while `at` is in the tree. */
static void on_error(void *user, xmlNodePtr at, int at_end, const char *msg)
{
    struct stream *s = user;
    int text = at->type != XML_ELEMENT_NODE;
    struct opened *o = opened_of(s, text ? at->parent : at);
    size_t n = s->errs.n;
    tkv_eerr_collect(&s->errs, at, at_end, msg);
    if (s->errs.n == n)
        return; /* over the limit */
    struct eerr *x = &s->errs.v[n];
    x->at = NULL; /* freed before the messages are placed */
    x->line = xmlGetLineNo(at);
    if (o == NULL) { /* (cannot happen: messages are about open elements and their text) */
        x->ord = 0;
        x->kind = SP_START;
    } else if (!text) {
        x->ord = o->ord;
        x->kind = at_end ? SP_END : SP_START;
    } else if (o->last_child != NO_CHILD) {
        x->ord = o->last_child;
        x->kind = SP_AFTER_END;
    } else {
        x->ord = o->ord;
        x->kind = SP_AFTER_START;
    }
}

static void on_start(void *arg, xmlNodePtr el)
{
    struct stream *s = arg;
    if (s->n_elements == 0 && s->name != NULL && el->doc != NULL) {
        /* stdin read from its spool file: its base URI is the tree path's, "<stdin>" (the
           pointers into other files resolve alike) */
        xmlDocPtr doc = el->doc;
        if (doc->URL != NULL && (doc->dict == NULL || !xmlDictOwns(doc->dict, doc->URL)))
            xmlFree((xmlChar *)doc->URL);
        doc->URL = xmlStrdup(BAD_CAST s->name);
    }
    tk_grow((void **)&s->open, &s->cap_open, s->n_open, sizeof *s->open, 64);
    s->open[s->n_open++] = (struct opened){el, s->n_elements, NO_CHILD};
    tk_rngv_start(s->v, el);
    if (s->checks != NULL)
        tk_checks_start(s->checks, el, s->n_elements);
    s->n_elements++;
}

static void on_end(void *arg, xmlNodePtr el)
{
    struct stream *s = arg;
    tk_rngv_end(s->v, el);
    if (s->checks != NULL)
        tk_checks_end(s->checks, el);
    if (s->n_open == 0)
        return;
    size_t ord = s->open[--s->n_open].ord;
    if (s->n_open > 0)
        s->open[s->n_open - 1].last_child = ord;
}

/* The rule checks' places (tk_check_ctx.place): start tags by element number. */
static void place_starts(void *arg, const size_t *ords, size_t n, unsigned *lines,
                         unsigned *cols)
{
    struct stream *s = arg;
    struct eerrs e = {tk_xcalloc(n, sizeof *e.v), n, n, 0};
    for (size_t i = 0; i < n; i++) {
        e.v[i].ord = ords[i];
        e.v[i].kind = SP_START;
        e.v[i].line = lines[i];
    }
    tkv_place_streamed(&e, s->src, s->n_elements);
    for (size_t i = 0; i < n; i++) {
        lines[i] = e.v[i].line > 0 ? (unsigned)e.v[i].line : 0;
        cols[i] = e.v[i].col;
    }
    free(e.v);
}

int tkv_validate_stream(tk_schema *s, const char *path, const char *name,
                        const tk_validate_opts *o, struct source *src, tk_diag *d,
                        tk_refs *refs, const size_t *n_msgs)
{
    if (tkv_schema_wait(s) != 0)
        return 2; /* (tk_validate_paths reports why, once) */
    struct stream st = {0};
    int status = -1;
    st.src = src;
    st.name = strcmp(name, path) != 0 ? name : NULL;
    st.v = tkv_engine_get(s);
    if (st.v == NULL)
        return -1;
    tk_check_ctx cx = {o->rules, refs, n_msgs, NULL, NULL, 0, NULL, NULL, place_starts, &st};
    if (!o->grammar_only)
        st.checks = tk_checks_begin(name, d, &cx);
    if (tk_rngv_begin(st.v, on_error, &st) != 0) {
        TK_MSG(d, RELAXNG_OOM, path, 0, 0);
        status = 2;
        goto out;
    }
    tk_xml_hooks hooks = {on_start, on_end, &st};
    xmlDocPtr doc = tk_xml_stream_file(path, &hooks, d);
    int r = tk_rngv_finish(st.v);
    if (doc == NULL) {
        status = 1; /* not well-formed or unreadable: what was found is void */
        goto out;
    }
    xmlFreeDoc(doc);
    if (r < 0) {
        TK_MSG(d, RELAXNG_OOM, path, 0, 0);
        status = 2;
    } else if (r > 0) {
        tkv_place_streamed(&st.errs, src, st.n_elements);
        tkv_report_placed(&st.errs, name, d);
        status = 1;
    } else {
        status = 0;
    }
    if (st.checks != NULL && tk_checks_finish(st.checks) > 0 && status == 0)
        status = 1;
    st.checks = NULL;
out:
    tk_checks_abandon(st.checks);
    tkv_engine_put(s, st.v);
    tkv_eerrs_free(&st.errs);
    free(st.open);
    return status;
}
