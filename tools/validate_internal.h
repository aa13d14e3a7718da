/* validate_internal.h: what the validate files (validate*.c, schema_cache.c), rngv.c, prune.c,
 * checks.c and refs.c share (not installed).
 *
 * validate.c drives a validation: it loads the schema source once, compiles it (whole, or
 * pruned by prune.c to the element names of the documents at hand), validates documents with
 * libxml2, turns libxml2's RelaxNG errors into GCC-shaped messages with the help of the
 * schema analysis below, and runs the rule checks of checks.c. */
#ifndef TK_VALIDATE_INTERNAL_H
#define TK_VALIDATE_INTERNAL_H

#include <stddef.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "teikit.h"
#include "tk_messages.h"

/* ------------------------------------------------------------- element name sets -- */

/* A set of element names, each "namespace-URI SPACE local-name" ("" namespace for none),
 * sorted and unique. */
typedef struct tk_nameset {
    char **names;
    size_t n;
} tk_nameset;

/* The element names that occur in doc (one pass over the tree). NULL when out of memory. */
tk_nameset *tk_nameset_of_doc(xmlDocPtr doc);
/* 1 when every name of sub is in super. */
int tk_nameset_subset(const tk_nameset *sub, const tk_nameset *super);
int tk_nameset_has(const tk_nameset *s, const char *ns, const char *local);
void tk_nameset_free(tk_nameset *s);
/* The keys of h as a set (sorted; NULL when out of memory), for a caller that collected
 * names in a hash table. */
tk_nameset *tk_nameset_of_hash(xmlHashTablePtr h);
/* Sorts s->names again (after the caller rewrote them). */
void tk_nameset_sort(tk_nameset *s);

/* ------------------------------------------------------------------ pruning -------- */

/* The deepest chain of references (each ref counting its XML depth inside the define plus
 * one) that tk_rng_check accepts: libxml2's RelaxNG compiler recurses along such chains and
 * overflows an 8 MB stack somewhere between 10,000 and 30,000. */
#define TK_RNG_MAX_DEPTH 4000

/* Checks a schema source before anything recurses through it: no chain of references deeper
 * than TK_RNG_MAX_DEPTH and, for a schema tk_prune can prune (one self-contained grammar),
 * every ref names a define (pruning would otherwise turn the reference into notAllowed and
 * the schema would compile). Returns 0 when fine, -1 when not (reported as TK_SYSTEM). */
int tk_rng_check(xmlDocPtr rng, const char *path, tk_diag *d);

/* 1 when the schema (RelaxNG XML syntax, one self-contained grammar: no include,
 * externalRef, parentRef or nested grammar) can be pruned by tk_prune. */
int tk_prune_possible(xmlDocPtr rng);

/* Returns a copy of the schema in which every element pattern whose name is not in `keep`
 * is notAllowed, notAllowed is simplified away (RelaxNG simplification rules: a choice loses
 * the branch; group, interleave, oneOrMore, element, attribute, list holding it become
 * notAllowed; zeroOrMore and optional of it become empty) and unreachable defines are
 * dropped. Wildcard name classes (anyName, nsName) are never pruned. For every document whose
 * element names are all in `keep`, the pruned schema gives the same verdict as the whole one.
 * The caller frees the result with xmlFreeDoc; NULL when out of memory. `stats` (may be
 * NULL) receives the number of element patterns before and after. */
xmlDocPtr tk_prune(xmlDocPtr rng, const tk_nameset *keep, size_t stats[2]);

/* ------------------------------------------------------------ schema analysis ------ */

/* What the schema allows inside and on each element name, independent of position: used to
 * explain errors ("expected text, "hi", "persName", ..."). Built once from the schema
 * source, read-only afterwards (shared by threads). */
typedef struct tk_rng_info tk_rng_info;

tk_rng_info *tk_rng_info_new(xmlDocPtr rng);
void tk_rng_info_free(tk_rng_info *info);
/* Writes into buf a short, sorted list of what element `local` (namespace ns) may contain:
 * `text, "hi", "persName", ... (31 more)`. kind 0 = children, 1 = attributes. Returns 0
 * when the schema has no element of that name (buf is then empty). */
int tk_rng_info_expected(const tk_rng_info *info, const char *ns, const char *local, int kind,
                         char *buf, size_t size);
/* 1 when the element `local` may contain (kind 0) an element `child`, or carry (kind 1) an
 * attribute `child`, somewhere in its content; -1 when the schema does not know `local`. */
int tk_rng_info_allows(const tk_rng_info *info, const char *ns, const char *local, int kind,
                       const char *child_ns, const char *child);

/* Checks the sequence of child elements of el (a document node) against the content model
 * the schema gives its name, independently of how libxml2 validated it. Returns 1 when they
 * do not fit (buf gets the message, *at the child where the fit fails, or el when content is
 * missing at the end), 0 when they fit (the problem is elsewhere: attributes, text, a
 * child's own content), -1 when it cannot tell. Thread-safe. */
int tk_rng_info_explain(const tk_rng_info *info, xmlNodePtr el, xmlNodePtr *at, char *buf,
                        size_t size);

/* ------------------------------------------------- validation by derivatives ------- */

/* A RelaxNG validator by derivatives (rngv.c) that recovers after each error as jing does:
 * every bad place is reported once, with a message computed from the grammar state there.
 * One instance per thread (it memoizes as it validates); the schema document must outlive
 * it and is only read. */
typedef struct tk_rngv tk_rngv;

/* Builds a validator for a schema (RelaxNG XML syntax, one self-contained grammar with
 * XML Schema datatypes). NULL when the schema uses what this engine does not support
 * (include, externalRef, nested grammars, another datatype library) or out of memory: the
 * caller then validates with libxml2. Free with tk_rngv_free. */
tk_rngv *tk_rngv_new(xmlDocPtr rng);
/* A validator sharing the schema patterns of base (built by tk_rngv_new, never used to
 * validate itself: it is only read from then on, by any number of threads): the clone has
 * its own memo, its own derived patterns and its own dictionary for a document's names, so
 * threads neither convert the schema twice nor write anything they share. base must
 * outlive its clones. NULL when out of memory. */
tk_rngv *tk_rngv_clone(const tk_rngv *base);
void tk_rngv_free(tk_rngv *v);
/* Called once per bad place, in document order except that an element's incompleteness
 * comes after its content's errors; `at` is the element (or text node) concerned, at_end 1
 * when the place is its end tag (content missing at its end). */
typedef void (*tk_rngv_error_fn)(void *user, xmlNodePtr at, int at_end, const char *msg);
/* Validates doc; returns 0 valid, 1 invalid (report called at least once), -1 internal
 * failure (out of memory). report is called while `at` is in the tree. */
int tk_rngv_validate(tk_rngv *v, xmlDocPtr doc, tk_rngv_error_fn report, void *user);
/* The same, driven by a parser as it goes (the document is never whole in memory):
 * tk_rngv_begin (-1 out of memory), then for each element in document order tk_rngv_start
 * once its start tag is in the tree (attributes, ancestors in place) and tk_rngv_end once its
 * content is (the character nodes after its last element child, or all its text when it has
 * none, still in place; earlier siblings may be freed), then tk_rngv_finish (returns as
 * tk_rngv_validate). The messages and their order are those of tk_rngv_validate; each
 * report comes while `at` (an element or text node) and its ancestors are in the tree. */
int tk_rngv_begin(tk_rngv *v, tk_rngv_error_fn report, void *user);
void tk_rngv_start(tk_rngv *v, xmlNodePtr el);
void tk_rngv_end(tk_rngv *v, xmlNodePtr el);
int tk_rngv_finish(tk_rngv *v);

/* -------------------------------------------------------------- rule checks ------- */

/* ------------------------------------------------------------------ the corpus ------ */

/* What one document leaves for the corpus (tools/refs.c): its xml:ids, the files it
 * XIncludes, and the pointers and persons its checks could not decide alone. Filled by one
 * thread, read by tk_refs_resolve once every document is done. */
typedef struct tk_refs tk_refs;

/* A record for the document at path (NULL or "-": stdin, which no pointer can name). NULL
 * when out of memory. */
tk_refs *tk_refs_new(const char *path);
void tk_refs_free(tk_refs *r);
/* The root is a teiCorpus (its ids serve its members); xincludes counts xi:include elements
 * left in the tree. */
void tk_refs_set_root(tk_refs *r, int corpus, unsigned xincludes);
/* Hands over the table of the document's xml:ids (r owns it from now on). */
void tk_refs_take_ids(tk_refs *r, xmlHashTablePtr ids);
/* Records a file the document XIncludes (href resolved against base; ignored when absent). */
void tk_refs_add_include(tk_refs *r, const char *href, const char *base);
/* Starts loading a schema (as tk_schema_load) in a thread of its own and returns at once
 * (NULL: out of memory), so that documents are read while it loads: whatever needs the
 * schema waits for it. Its messages (notes shown when `notes`) are given by the next
 * tk_validate_paths, first; when the load failed, that call reports no document and returns
 * 2. Free with tk_schema_free (which waits for the loader). */
tk_schema *tk_schema_load_background(const char *spec, int notes);
/* 1 when a dangling pointer in attribute attr is a warning unless --strict-refs: @ana, @wit,
 * @facs, @resp (TEI pointers that published editions aim at taxonomies, witness lists,
 * facsimiles and people they do not ship); 0 for the others (@ref, @who, ...: an error). */
int tk_refs_soft_attr(const char *attr);
/* The words a soft pointer's message ends with (how to make it an error). */
#define TK_REFS_SOFT_HINT " (a warning for @ana, @wit, @facs, @resp: --strict-refs makes it an error)"
/* 1 when token is "FILE.xml#id" with FILE a local path (no URI scheme). */
int tk_refs_file_pointer(const char *token);
/* Defers a pointer ("#id" the document does not define, or a tk_refs_file_pointer; attr is
 * its attribute, base the URI its relative path resolves against; file the XIncluded file it
 * is in, NULL for the document's own) or, with attr NULL, a
 * person (token = its xml:id) no pointer of the document names. pos is the number of messages
 * the document had when it was met: where its message, if any, goes. -1 out of memory. */
int tk_refs_defer(tk_refs *r, const char *attr, const char *token, const char *base,
                  const char *file, unsigned line, unsigned col, size_t pos);
/* The files of the corpus whose root is the file `root`: itself first, then the local files
 * it XIncludes, recursively, as real paths (*files, malloc'd strings); (*documents)[i] is 1
 * for a TEI or teiCorpus document (0: a fragment such as a listPerson file). -1 when the
 * root cannot be found or out of memory. The caller frees each string and both arrays. */
int tk_refs_root_files(const char *root, char ***files, int **documents, size_t *n);
/* 1 when r has deferred items (its messages wait for the whole unit). */
int tk_refs_pending(const tk_refs *r);

typedef struct tk_refs_opts {
    int strict; /* pointers into files outside the unit, or missing, are errors (else notes) */
    /* receives each message for document `doc` (index in docs), in document order per doc */
    void (*emit)(size_t doc, size_t pos, tk_severity sev, const char *file, unsigned line,
                 unsigned col, const char *rule, const char *text, void *arg);
    void *arg;
} tk_refs_opts;

/* Resolves the deferred items of the n documents of one unit (entries may be NULL) against
 * each other: a "#id" against what its document XIncludes and the unit's teiCorpus roots, a
 * "FILE.xml#id" against that file when it is in the unit; a person is used when any pointer
 * of the unit names it. Messages go to o->emit. -1 when out of memory. */
int tk_refs_resolve(tk_refs *const *docs, size_t n, const tk_refs_opts *o);

/* -------------------------------------------------------------- rule checks ------- */

/* Rules whose scope is limited (run elsewhere only when asked): bit values of
 * tk_validate_opts.rules, see teikit.h. */

/* How the rule checks of one document run. */
typedef struct tk_check_ctx {
    unsigned everywhere;  /* TK_RULE_* bits: rules run whatever the document's origin */
    tk_refs *refs;        /* NULL: every pointer is decided within the document */
    const size_t *n_msgs; /* messages the document has so far (for tk_refs_defer's pos) */
    /* the column of an element's start tag (0 unknown); *line (libxml2's line of the
     * element) may be moved to the line the start tag begins on. NULL: no columns */
    unsigned (*column)(void *arg, xmlNodePtr el, unsigned *line);
    void *column_arg;
    int xinclude;         /* XInclude was processed: xi:include left means it failed */
    /* the file an XIncluded node came from (xmlFree), NULL for the document's own nodes;
     * NULL: no XInclude. Asked in document order. */
    xmlChar *(*file_of)(void *arg, xmlNodePtr n);
    void *file_arg;
    /* streamed documents: the lines and columns of the start tags of the elements numbered
     * ords[0..n) (lines[] holds libxml2's lines: kept when the source is not at hand, with
     * column 0), asked once, at the end; column is then unused. NULL: a tree */
    void (*place)(void *arg, const size_t *ords, size_t n, unsigned *lines, unsigned *cols);
    void *place_arg;
} tk_check_ctx;

/* Runs every rule check on doc, reporting through d with file name `name`. ctx may be NULL
 * (no columns, no corpus, rules by their scope). Returns the number of errors found
 * (warnings are not counted; deferred items are not counted yet). */
unsigned tk_checks_run(xmlDocPtr doc, const char *name, tk_diag *d, const tk_check_ctx *ctx);

/* The same, driven by a parser as it goes (validate_stream.c): tk_checks_begin (ctx, which
 * may be NULL, must outlive the checker), then tk_checks_start and tk_checks_end for each
 * element in document order, as tk_rngv_start and tk_rngv_end (ord: the element's number
 * in document order, for ctx->place), then tk_checks_finish, which reports (the messages of
 * tk_checks_run, in its order), frees the checker and returns the number of errors. */
typedef struct tk_checker tk_checker;
tk_checker *tk_checks_begin(const char *name, tk_diag *d, const tk_check_ctx *ctx);
void tk_checks_start(tk_checker *c, xmlNodePtr el, size_t ord);
void tk_checks_end(tk_checker *c, xmlNodePtr el);
unsigned tk_checks_finish(tk_checker *c);
/* Frees a checker without reporting (the document turned out not well-formed); NULL: no-op. */
void tk_checks_abandon(tk_checker *c);

#endif
