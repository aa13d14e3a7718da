/* validate_parts.h: what the files of `teikit validate` share (schema_cache.c, validate.c,
 * validate_msg.c, validate_batch.c; not installed): the schema and its caches, the
 * collected errors and the source they are placed in, the held messages of a job. */
#ifndef TK_VALIDATE_PARTS_H
#define TK_VALIDATE_PARTS_H

#include <pthread.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "teikit.h"
#include "validate_internal.h"

/* Schemas with more element patterns than this are pruned per document set (compiling a
 * small schema whole is cheaper than pruning it again and again). */
#define PRUNE_MIN_ELEMENTS 150
/* Pruned schemas kept per run. */
#define CACHE_SLOTS 32

struct cached {
    tk_nameset *names; /* NULL for the whole schema */
    xmlRelaxNGPtr rng;
    unsigned long uses;
    unsigned refs;     /* validations using rng right now */
};

/* A compiled schema evicted from the cache while a thread still validates with it. */
struct retired {
    xmlRelaxNGPtr rng;
    unsigned refs;
    struct retired *next;
};

/* Idle derivative engines kept per schema. */
#define MAX_ENGINES 16

struct tk_schema {
    char *path;
    xmlDocPtr src;      /* the schema source, kept for pruning */
    tk_rng_info *info;  /* what each element allows, for messages */
    int prunable;
    int libxml2_ready;  /* info and prunable are set (on the first validation by libxml2) */
    int use_whole;      /* set when a pruned validation was too slow */
    int broken;         /* the schema failed to compile: reported once */
    pthread_mutex_t lock;
    struct cached whole;
    struct cached cache[CACHE_SLOTS];
    struct retired *retired;
    unsigned long compiles;
    int engine_state;   /* 0 not tried, 1 the derivative engine validates, -1 libxml2 */
    tk_rngv *engine_base; /* the schema's patterns, converted once (read-only after) */
    tk_rngv *engines[MAX_ENGINES]; /* idle clones of engine_base (one per thread at work) */
    int n_engines;
    /* loading in a thread of its own (tk_schema_load_background) */
    pthread_t loader;
    int has_loader;     /* loader to join */
    int pending;        /* the loader runs: the fields above are not set yet */
    int failed;         /* the load failed (its messages are in load) */
    pthread_cond_t loaded;
    char *spec;
    int notes;
    struct job *load;   /* the loader's messages, replayed by tk_validate_paths */
};

/* One RelaxNG error as libxml2 raised it. */
struct rerr {
    int code;
    xmlNodePtr node;
    char *str1, *str2;
};

struct collector {
    struct rerr *v;
    size_t n, cap;
    int overflow;
};

/* Source text of the document being validated, to find columns (libxml2 keeps none). */
struct source {
    const char *path; /* read on first use, when buf is NULL */
    int tried;
    char *own;        /* buf when read here */
    size_t mapped;    /* buf when mapped here (tkv_place_streamed): its length */
    size_t released;  /* mapped: the last window whose pages went back (source_release) */
    const char *buf;
    size_t len;
    size_t *line_start; /* built on first use */
    size_t n_lines;
    /* the start tags of the source in order, matched to the element nodes (built on the
       first column asked for; tags_state -1 when the tree does not match the source) */
    int tags_state;
    struct tagpos {
        size_t off;
        unsigned line, col;
    } *tags;
    struct ptrmap *elems; /* element node -> index in tags */
};

/* The last answer of tkv_included_from: errors come in document order, so the next node's walk
 * back over its siblings usually meets the last node, whose answer is then its own. */
struct inc_memo {
    xmlNodePtr node, marker;
};

/* One message of the derivative engine, placed. */
struct eerr {
    xmlNodePtr at; /* NULL when streamed: ord and kind say where */
    int at_end;
    char *msg;
    xmlChar *file; /* an XIncluded file, or NULL */
    long line;
    unsigned col;
    size_t seq;
    size_t ord;    /* streamed: the element's number in document order (its start tag's) */
    int kind;      /* streamed: enum splace */
};

/* Where a streamed message is, relative to the start tag of element number ord. */
enum splace {
    SP_START,      /* that start tag */
    SP_END,        /* that element's end tag */
    SP_AFTER_END,  /* text after that element's end tag (its first non-blank character) */
    SP_AFTER_START /* text after that start tag */
};

struct eerrs {
    struct eerr *v;
    size_t n, cap;
    int overflow;
};

/* A message kept back so that files report in argument order. */
struct held {
    tk_severity sev;
    char *file, *rule, *text;
    unsigned line, col;
    long byte;
};

struct job {
    char *path;
    struct held *msgs;
    size_t n_msgs, cap_msgs;
    unsigned long errors, warnings;
    int status; /* 0 valid, 1 invalid, 2 system */
    int done;
    tk_refs *refs; /* what the corpus resolves (NULL with --grammar-only) */
    int context;   /* read only for the corpus: neither validated nor reported */
    size_t inserted; /* messages the corpus added (they shift later positions) */
    const char *alias; /* a spool file of stdin: messages naming it name "<stdin>" */
};

/* ------------------------------------------------------------ schema_cache.c ------ */

/* Waits until the schema is loaded; -1 when its loading failed. */
int tkv_schema_wait(tk_schema *s);
/* The compiled schema to validate doc with: the whole schema, or a pruned one from the cache.
 * *whole is set to 1 when it is the whole schema. NULL on error (reported). Give it back
 * with tkv_schema_release. */
xmlRelaxNGPtr tkv_schema_for(tk_schema *s, xmlDocPtr doc, const tk_validate_opts *o,
                             tk_diag *d, int *whole);
void tkv_schema_release(tk_schema *s, xmlRelaxNGPtr rng);
/* A derivative engine for this thread (from the schema's pool, or a new one); NULL when
 * the schema is not one the engine supports (libxml2 validates then). Give it back with
 * tkv_engine_put. */
tk_rngv *tkv_engine_get(tk_schema *s);
void tkv_engine_put(tk_schema *s, tk_rngv *v);

/* ------------------------------------------------------------ validate_msg.c ------ */

/* libxml2's structured error handler that collects RelaxNG errors into a struct collector. */
void tkv_collect_error(void *user, xmlErrorPtr e);
void tkv_collector_free(struct collector *c);
void tkv_source_free(struct source *src);
/* Line of a node (lines above 65535 recovered from the neighbouring text). */
long tkv_node_line(xmlNodePtr node);
/* Column (1-based, characters) of the start tag of element node, 0 when unknown; *line_io
 * may move to the line the tag starts on. */
unsigned tkv_node_column(struct source *src, xmlNodePtr node, long *line_io);
/* The file a node was XIncluded from (xmlFree), or NULL for the document's own nodes. */
xmlChar *tkv_included_from(xmlNodePtr n, struct inc_memo *memo);
/* Reports libxml2's collected errors, each once per place; returns the number of messages. */
size_t tkv_report_errors(const tk_rng_info *info, struct collector *c, struct source *src,
                         int xinclude, const char *name, tk_diag *d);
/* The derivative engine's error callback (tk_rngv_error_fn) into a struct eerrs. */
void tkv_eerr_collect(void *user, xmlNodePtr at, int at_end, const char *msg);
/* Places, sorts and reports the engine's messages; returns how many. */
size_t tkv_report_engine(struct eerrs *e, struct source *src, int xinclude, const char *name,
                         tk_diag *d);
void tkv_eerrs_free(struct eerrs *e);
/* Places streamed messages (at NULL, line libxml2's): from the source, when its start tags
 * are n_elements (the elements streamed), as tkv_report_engine places a tree's; else the
 * line stays and there is no column. */
void tkv_place_streamed(struct eerrs *e, struct source *src, size_t n_elements);
/* Sorts and reports placed messages; returns how many. */
size_t tkv_report_placed(struct eerrs *e, const char *name, tk_diag *d);

/* ---------------------------------------------------------------- validate.c ------ */

/* Validates doc, then runs the rule checks; refs (may be NULL) receives what they leave to
 * the corpus, n_msgs counts the document's messages so far. */
int tkv_validate_doc_src(tk_schema *s, xmlDocPtr doc, const char *name,
                         const tk_validate_opts *o, struct source *src, tk_diag *d,
                         tk_refs *refs, const size_t *n_msgs);

/* --------------------------------------------------------- validate_stream.c ------ */

/* 1 when path is validated while it is parsed (tkv_validate_stream) rather than as a tree. */
int tkv_stream_wanted(const char *path, const tk_validate_opts *o);
/* 1 when path would be streamed but --xinclude makes it a tree (then a note says so). */
int tkv_xinclude_tree_large(const char *path, const tk_validate_opts *o);
/* stdin spooled to a file of its own (fd open; path "/dev/fd/N" when it is unlinked
 * already, else its name, named = 1). */
struct spool {
    int fd;
    char *path;
    int named;
};
/* Reads stdin for validation: whole into src (own, buf, len) when it will be a tree (under
 * 4 MB, --xinclude, TEIKIT_STREAM=0, no room for a spool file), else into a spool file
 * (sp->path) to be streamed like a large file; 0, or -1 (reported). Release sp with
 * tkv_stdin_release. */
int tkv_stdin_take(const tk_validate_opts *o, struct source *src, struct spool *sp, tk_diag *d);
void tkv_stdin_release(struct spool *sp);
/* Validates path while it is parsed, then runs the rule checks unless o->grammar_only
 * (name: the file name messages give, "<stdin>" for stdin's spool; src: its source, for
 * columns; refs and n_msgs as tkv_validate_doc_src); returns the verdict (0, 1, 2) or -1
 * when the schema is not one the derivative engine takes (nothing was reported: validate
 * it as a tree). */
int tkv_validate_stream(tk_schema *s, const char *path, const char *name,
                        const tk_validate_opts *o, struct source *src, tk_diag *d,
                        tk_refs *refs, const size_t *n_msgs);

/* ---------------------------------------------------------- validate_batch.c ------ */

/* An empty job (only its message list is used: the schema loader's). */
struct job *tkv_job_new(void);
/* A tk_diag sink that holds messages in the job (user). */
void tkv_hold_sink(const tk_message *m, void *user);
/* Reports the job's held messages through d and forgets them. */
void tkv_replay(struct job *j, tk_diag *d);
/* Called first in a thread that will allocate much (a worker, the schema loader): grows
 * the thread's malloc heap in a few steps rather than a page at a time. */
void tkv_thread_heap_reserve(void);

#endif
