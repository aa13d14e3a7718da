/* teikit.h: the public interface of libteikit (convert transcripts to TEI, validate, render).
 *
 * One header is all a caller needs. Names are prefixed tk_ / TK_.
 * Ownership: every tk_*_new / function returning a pointer says who frees it; every
 * tk_*_free(NULL) is a no-op. Library code never prints and never exits: messages go to a
 * tk_diag collector that the caller creates and reads.
 *
 * The header has one section per part of the library (core, convert, persons, validate,
 * render, compare). Each part keeps to its own section.
 */
#ifndef TEIKIT_H
#define TEIKIT_H

#include <stddef.h>
#include <stdio.h>

/* Documents are libxml2's (xmlDocPtr): compile with `pkg-config --cflags teikit`, which
 * names libxml2's include directory too, and link with `pkg-config --libs teikit`. */
#include <libxml/tree.h>

/* The version of this header; tk_version() is the library's. */
#define TK_VERSION_MAJOR 0
#define TK_VERSION_MINOR 1
#define TK_VERSION_PATCH 0

#if defined(__GNUC__) || defined(__clang__)
#define TK_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define TK_PRINTF(fmt, args)
#endif

/* Every declaration below is the library's interface: exported from the shared library,
 * which is built with -fvisibility=hidden (nothing else is). */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility push(default)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ====================================================== threads and global state ===== */
/* Threads and global state.
 * - Every function may be called from several threads at once on different objects: two
 *   threads may each convert, validate or render their own documents. libxml2 is
 *   initialised once inside the library (the caller need not call xmlInitParser, and may).
 * - A tk_diag may be shared (tk_diag_report locks); its sink is then called from those
 *   threads, one message at a time. A tk_schema may be shared (its compiled forms are
 *   built under a lock). A tk_render is used by one thread at a time.
 * - Global state the library touches: libxml2's structured and generic error handlers (per
 *   thread) and libxslt's generic error handler (process-wide) are set during a call and
 *   the caller's restored before it returns. libxslt's being one for the process, renders
 *   (tk_render_new, tk_render_doc/file) in several threads take turns; do not change it
 *   from another thread during one. On first use the library installs, once and for the
 *   whole process, libxml2's external entity loader (local files only, never the network)
 *   and libxslt's document loader (no DTD, no entities), and registers the EXSLT functions.
 * - Out of memory: the library aborts (as cmark does) rather than return a partial result.
 *   Large inputs whose buffers cannot be allocated are reported (TK_SYSTEM) instead.
 * - Threads of the library's own: tk_convert_memory_xml with opts->jobs >= 2 converts a
 *   teiCorpus on the calling thread and one more (joined before it returns): the second
 *   parses the blocks, then writes and frees each document built. The two never touch the
 *   same object: each TEI is built in an xmlDoc (and dictionary) of its own, the blocks of a
 *   document are handed over once parsed, and the calling thread's messages are held until
 *   the parse is over, so the sink sees them in the one-thread order. The sink may therefore
 *   be called from that second thread (one message at a time, tk_diag_report's lock).
 *   tk_validate_paths (opts->jobs) also makes threads; no other function does.
 * - Nothing is cached between calls except the tables above and tk_data_dir()'s answer. */

/* ===================================================================== core ========== */

const char *tk_version(void); /* static string, e.g. "0.1.0" */

/* Severity of a message. TK_SYSTEM is a usage, I/O or resource error (exit status 2);
 * TK_ERROR means the input is wrong (exit status 1); TK_NOTE is only delivered when the
 * collector's verbosity asks for notes (--explain / -v). */
typedef enum { TK_NOTE = 0, TK_WARNING, TK_ERROR, TK_SYSTEM, TK_SEVERITY_COUNT } tk_severity;

/* One diagnostic. Strings are owned by the collector and valid during the sink call only. */
typedef struct tk_message {
    tk_severity severity;
    const char *file;   /* input name, "<stdin>", or NULL */
    unsigned line;      /* 1-based; 0 when unknown */
    unsigned col;       /* 1-based, in characters; 0 when unknown */
    long byte;          /* 0-based byte offset in the input, or -1 */
    const char *rule;   /* short rule or message id ("utf8", "sic-scope", "id-ref"), or NULL */
    const char *text;   /* the message, without position or severity */
} tk_message;

typedef void (*tk_diag_sink)(const tk_message *msg, void *user);

typedef struct tk_diag tk_diag;

/* Creates a collector that keeps counts and passes each message to the sink (none yet:
 * messages are only counted). Free with tk_diag_free. Returns NULL when out of memory. */
tk_diag *tk_diag_new(void);
void tk_diag_free(tk_diag *d);
void tk_diag_set_sink(tk_diag *d, tk_diag_sink sink, void *user);
/* Notes (TK_NOTE) are dropped unless enabled. */
void tk_diag_set_notes(tk_diag *d, int enabled);
int tk_diag_notes_enabled(const tk_diag *d);
/* Stops delivering warnings and notes of one rule after `limit` of them in one file (0 = no
 * limit; errors are always delivered). What is held back is said once per rule, as a
 * TK_NOTE "N more warnings like this suppressed" (delivered even when notes are off, not
 * counted): when a message for another file arrives, and by tk_diag_flush. */
void tk_diag_set_limit(tk_diag *d, unsigned limit);
/* Delivers the "suppressed" lines of the current file (call after the last message). */
void tk_diag_flush(tk_diag *d);

/* Reports one message (printf-style text). Thread-safe: a collector may be shared by the
 * threads of a batch validation. */
void tk_diag_report(tk_diag *d, tk_severity sev, const char *file, unsigned line,
                    unsigned col, const char *rule, const char *fmt, ...)
    TK_PRINTF(7, 8);
void tk_diag_report_at(tk_diag *d, tk_severity sev, const char *file, unsigned line,
                       unsigned col, long byte, const char *rule, const char *fmt, ...)
    TK_PRINTF(8, 9);

unsigned long tk_diag_count(const tk_diag *d, tk_severity sev);
void tk_diag_reset_counts(tk_diag *d);
/* 0 when no error was reported, 1 when the worst was TK_ERROR, 2 for TK_SYSTEM. */
int tk_diag_exit_status(const tk_diag *d);

/* Ready-made sinks: GCC-shaped text ("file:line:col: warning: text [rule]") and one JSON
 * object per line. `user` is the FILE* to write to. */
void tk_diag_sink_gcc(const tk_message *msg, void *user);
void tk_diag_sink_json(const tk_message *msg, void *user);
/* Writes one message in GCC shape to `out`. */
void tk_message_print(const tk_message *msg, FILE *out);

/* Reads a whole file ("-" = stdin) into a NUL-terminated buffer the caller frees with free().
 * On error reports TK_SYSTEM to d and returns NULL. */
char *tk_read_file(const char *path, size_t *len_out, tk_diag *d);

/* A file's bytes for reading, without copying them where the system allows: a regular
 * file is mapped into memory, anything else ("-" = stdin, pipes) is read. The bytes are not
 * NUL-terminated. Fill with tk_map_file (0, or -1 with TK_SYSTEM reported to d); release
 * with tk_unmap_file. A mapped file must not be truncated while its bytes are in use (the
 * system would stop the process), as with any program that maps its input. */
typedef struct tk_mapped {
    const char *data;
    size_t len;
    void *map_;   /* private: the mapping, or NULL */
    char *buf_;   /* private: the bytes read, or NULL */
} tk_mapped;
int tk_map_file(const char *path, tk_mapped *m, tk_diag *d);
void tk_unmap_file(tk_mapped *m);

/* Writes `len` bytes to `path` so that a failure never leaves a partial file: a regular file
 * (or a new one) is written to a temporary file beside it, flushed to disk (fsync) and renamed
 * over it, keeping the old file's mode (a new file gets 0666 less the umask); the temporary
 * file is removed when SIGINT, SIGTERM or SIGHUP arrives meanwhile. Symlinks are followed and
 * their final target is replaced. A device, FIFO or other special file is written in place;
 * "-", /dev/stdout, /dev/stderr and /dev/fd/N write to that open descriptor. Refuses
 * (TK_SYSTEM) a directory, and to write over `protect` when it names the same file (pass the
 * input path). Returns 0 on success, -1 on error (reported). */
int tk_write_file_atomic(const char *path, const void *data, size_t len,
                         const char *protect, tk_diag *d);

/* A directory of outputs (convert --split) filled beside its final place and moved there at
 * the end, so that no one ever sees old and new files mixed or a partial set.
 * tk_outdir_open checks `dir` (symlinks followed): missing or empty is fine; one holding
 * files is refused unless `force` (its files are then replaced), one holding a subdirectory
 * always; nothing is created yet. tk_outdir_write writes `name` into DIR.tmpXXXXXX beside
 * DIR (created on the first write) through tk_write_file_atomic. tk_outdir_commit moves that
 * directory into place (swapping it with a non-empty DIR, whose old files are then removed).
 * tk_outdir_free removes whatever was not committed. SIGINT, SIGTERM and SIGHUP remove the
 * staging directory too. Errors are reported (TK_SYSTEM): NULL, or -1. */
typedef struct tk_outdir tk_outdir;
tk_outdir *tk_outdir_open(const char *dir, int force, tk_diag *d);
int tk_outdir_write(tk_outdir *o, const char *name, const void *data, size_t len,
                    const char *protect, tk_diag *d);
int tk_outdir_commit(tk_outdir *o, tk_diag *d);
void tk_outdir_free(tk_outdir *o);

/* Returns 1 when writing `output` would change the file `input` names: the same device and
 * inode (symlinks followed), or, when neither exists yet, the same canonical path (an
 * output written earlier in the run would be read as that input). "-" aliases nothing. */
int tk_output_aliases(const char *output, const char *input);

/* The same test between many outputs and many inputs, each name resolved once (n log n, not
 * outputs x inputs: 1,000 inputs rendered into a directory made 2,000,000 stat calls).
 * For each input j, hit[j] (ni entries, filled) is 1 + the index of the first output that
 * would change it, else 0. NULL and "-" entries alias nothing. Returns how many inputs are
 * hit, or -1 when out of memory. */
int tk_output_clashes(const char *const *outputs, size_t no, const char *const *inputs,
                      size_t ni, size_t *hit);

/* Parses XML safely: no network, no DTD loading, no external entities, no entity expansion
 * beyond the predefined ones (entity declarations are refused), huge-input limits kept, line
 * numbers kept. libxml2's errors are reported through d with file:line:col (severity
 * TK_ERROR). `flags` is a set of TK_XML_* bits. Returns a document the caller frees with
 * xmlFreeDoc, or NULL. */
enum { TK_XML_XINCLUDE = 1, TK_XML_KEEP_BLANKS = 2 };
xmlDocPtr tk_xml_read_file(const char *path, int flags, tk_diag *d);
xmlDocPtr tk_xml_read_memory(const char *buf, size_t len, const char *name, int flags,
                             tk_diag *d);

/* Directory holding schemas/ and xslt/: $TEIKIT_DATADIR, else the source tree next to the
 * running binary (../schemas from build/teikit) or PREFIX/share/teikit beside its
 * PREFIX/bin, else PREFIX/share/teikit of the PREFIX the library was installed with. A
 * string that stays valid (found once per process; the environment is read each time). */
const char *tk_data_dir(void);

/* ================================================================== convert ========== */
/* (owned by the converter: tools/convert.c and the files it calls) */

/* Input shape; TK_SHAPE_AUTO detects it from the text. */
typedef enum {
    TK_SHAPE_AUTO = 0,
    TK_SHAPE_RECORD,
    TK_SHAPE_TRANSCRIPT,
    TK_SHAPE_PLAY,
    TK_SHAPE_CAPTIONS /* WebVTT or SRT: one turn per cue, its times in the timeline */
} tk_shape;
/* How to read numeric dates such as 3/2/1949 (used by the inline pass). */
typedef enum { TK_DATE_ORDER_AUTO = 0, TK_DATE_ORDER_DMY, TK_DATE_ORDER_MDY } tk_date_order;

/* Options of one conversion. Initialise with tk_convert_opts_init; every string is borrowed
 * (the caller keeps it alive during the call). Every function taking options accepts NULL
 * for the defaults (tk_convert_opts_init's). */
typedef struct tk_convert_opts {
    const char *name;          /* input name for messages and the derived title ("-" = stdin) */
    tk_shape shape;            /* TK_SHAPE_AUTO by default */
    const char *encoding;      /* input encoding for iconv (NULL = UTF-8, checked) */
    const char *persons_path;  /* personography (TEI listPerson), or NULL */
    const char *rules_path;    /* extra bracket rules for the inline pass, or NULL */
    const char *const *meta;   /* n_meta "key=value" strings that add to / override the header */
    size_t n_meta;
    tk_date_order date_order;  /* TK_DATE_ORDER_AUTO by default (rules file, else dmy) */
    int explain;               /* report the converter's decisions as TK_NOTE messages */
    int split;                 /* several documents: make each TEI self-contained (own
                                  particDesc), for writing one file per document; in the one
                                  teiCorpus of tk_convert_memory(_xml) an id an earlier TEI
                                  has is renamed "tk-sN-ID" in TEI N (tk_tei_extract and
                                  tk_convert_each give the document's own ids) */
    int infer_years;           /* a day and month without a year ("June 5") take the year of
                                  the document's date, with @cert='medium' (0: no date) */
    int no_places;             /* do not mark placeName/orgName (on by default) */
    int spoken;                /* speaker turns as u/annotationBlock (TEI ch. 8, ISO 24624)
                                  instead of sp; plays keep sp */
    unsigned jobs;             /* threads one conversion may use; 0 or 1 = the calling thread
                                  only. With 2 or more, tk_convert_memory_xml writes and frees
                                  the documents of a teiCorpus on a second thread while the
                                  next is built (the same bytes; more threads are not used) */
} tk_convert_opts;

void tk_convert_opts_init(tk_convert_opts *o);
/* The shape named "auto", "record", "transcript", "play" or "captions"; -1 for any other
 * name. */
int tk_shape_from_name(const char *name);

/* Converts a plain-text transcript (buf, len bytes; need not be NUL-terminated) into a TEI
 * document: root TEI, or teiCorpus holding one TEI per document when the input has several
 * (separator lines of '='). Messages go to d. Returns a document the caller frees with
 * xmlFreeDoc, or NULL when the input has errors (invalid UTF-8, unreadable personography...;
 * reported as TK_ERROR or TK_SYSTEM). */
xmlDocPtr tk_convert_memory(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d);
/* The same conversion, serialized as tk_tei_serialize would (the same bytes), but each part
 * of the tree is written and freed as soon as it is finished: the way to convert large
 * inputs (a fraction of the memory and time). Returns NUL-terminated bytes the caller frees
 * with free() (length in *len), or NULL when the input has errors (reported to d). */
char *tk_convert_memory_xml(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d,
                            size_t *len_out);
/* The same conversion, streamed, one document at a time (what `teikit convert --split`
 * writes): each document is a standalone TEI listing its own persons, handed to fn as soon
 * as it is written (i counts from 0; the bytes are valid during the call). A nonzero return
 * from fn stops the conversion. Returns the number of documents handed over, or -1 when the
 * input has errors (reported to d; those of the input's bytes come before any document). */
long tk_convert_each(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d,
                     int (*fn)(size_t i, const char *xml, size_t len, void *user), void *user);
/* The same for a file ("-" = stdin); o->name defaults to path. */
xmlDocPtr tk_convert_file(const char *path, const tk_convert_opts *o, tk_diag *d);

/* Serializes a TEI document or any element tree: UTF-8, XML declaration, structural elements
 * indented, no whitespace added inside mixed content (p, l, head, speaker, note...).
 * Deterministic. Returns a NUL-terminated buffer the caller frees with free() (length in
 * *len), or NULL when out of memory. */
char *tk_tei_serialize(xmlDocPtr doc, size_t *len);
/* The same, freeing doc as it goes (and at the end, also on failure): for large documents,
 * the peak memory is not the tree plus the output. */
char *tk_tei_serialize_free(xmlDocPtr doc, size_t *len);

/* Number of TEI documents in a converted document (1 for a TEI root). */
size_t tk_tei_count(xmlDocPtr doc);
/* Document i of a converted document as a standalone TEI document (a copy for a teiCorpus,
 * its ids renamed for the corpus given back: see split), which the caller frees with
 * xmlFreeDoc; NULL when i is out of range or out of memory. */
xmlDocPtr tk_tei_extract(xmlDocPtr doc, size_t i);

/* ================================================================== persons ========== */

/* Drafts a personography from a transcript: the persons found as convert finds them without a
 * personography (and, with o->persons_path, the persons already known), as a TEI listPerson
 * document, for an editor to correct. Returns a document the
 * caller frees with xmlFreeDoc, or NULL on error (reported). o may be NULL (defaults). */
xmlDocPtr tk_persons_draft(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d);
/* tk_persons_draft over several inputs (bufs[i], lens[i], named names[i] in the notes): one
 * listPerson, a person found in several files listed once. Each person has its name forms
 * (persName @type full, label or variant), empty idno slots (@type VIAF, Wikidata, GND, SNAC;
 * filled from o->persons_path when it has them), its first occurrence
 * (note[@type='first-occurrence'] "file:line"), its count of mentions and any uncertain merge
 * as comments. */
xmlDocPtr tk_persons_draft_many(const char *const *bufs, const size_t *lens,
                                const char *const *names, size_t n, const tk_convert_opts *o,
                                tk_diag *d);

/* ================================================================= validate ========== */

/* A RelaxNG schema (XML syntax), loaded once and compiled on demand: whole, or pruned to the
 * element names of the documents being validated (exact: same verdicts as the whole schema,
 * much faster to compile for big schemas such as tei_all). Safe to share between threads. */
typedef struct tk_schema tk_schema;

/* Loads a schema. `spec` is a file path, "teikit" (teikit's own schema,
 * tk_data_dir()/schemas/teikit.rng) or "tei_all" (the file named by $TEIKIT_TEI_ALL). Parsing
 * follows the rules of tk_xml_read_file; the schema's own include/externalRef are resolved
 * relative to it. Returns NULL on error (reported as TK_SYSTEM). Free with tk_schema_free. */
tk_schema *tk_schema_load(const char *spec, tk_diag *d);
void tk_schema_free(tk_schema *s);
/* The schema's path (static while s lives). */
const char *tk_schema_path(const tk_schema *s);

typedef struct tk_validate_opts {
    int grammar_only;  /* RelaxNG only: no rule checks */
    int xinclude;      /* process XInclude before validating (off: no XInclude at all) */
    int no_prune;      /* always compile the whole schema */
    unsigned jobs;     /* threads for tk_validate_paths; 0 or 1 = none */
    double fallback_s; /* a pruned validation slower than this is redone with the whole
                          schema, which then serves the rest of the run (0 = 10 s) */
    unsigned rules;    /* TK_RULE_* bits: rule checks to run on every document whatever
                          their scope (the bracket rule runs by default only on documents
                          teikit converted: its application ident in the header) */
    int strict_refs;   /* a pointer into a file that is not validated (or does not exist) is
                          an error; by default a note */
    const char *corpus; /* a directory or a file (a teiCorpus root): its files, and the files
                           it XIncludes, are the context pointers resolve in; validated
                           themselves when no other path is given (may be NULL) */
} tk_validate_opts;

/* Rule checks with a limited scope, for tk_validate_opts.rules. */
#define TK_RULE_BRACKET 0x1u

typedef struct tk_validate_stats {
    unsigned long files;    /* documents looked at */
    unsigned long invalid;  /* documents with errors (grammar, rules, or not well-formed) */
    unsigned long errors;   /* error messages */
    unsigned long warnings; /* warning messages */
    unsigned long compiles; /* schema compilations (whole or pruned) */
    unsigned long unchecked; /* documents not checked: unreadable, or a system error such as a
                                schema that does not compile (counted in invalid too) */
} tk_validate_stats;

/* Validates one parsed document against s, then runs the rule checks (unless
 * o->grammar_only). Messages go to d under `name`. o may be NULL (defaults). Returns 0 valid,
 * 1 invalid, 2 system error (e.g. the schema does not compile). */
int tk_validate_doc(tk_schema *s, xmlDocPtr doc, const char *name, const tk_validate_opts *o,
                    tk_diag *d);

/* Validates files ("-" = stdin); a directory is walked (recursively, sorted) for *.xml.
 * Messages come out in argument order whatever o->jobs is. stats (may be NULL) is filled.
 * Returns the worst status: 0 all valid, 1 some invalid, 2 usage/I/O/system error. */
int tk_validate_paths(tk_schema *s, char *const *paths, size_t n, const tk_validate_opts *o,
                      tk_diag *d, tk_validate_stats *stats);

/* The rule checks alone (any schema or none): #id pointers resolve, xml:ids are unique,
 * ISO 8601 dates with from <= to, no leftover transcript brackets, persons declared but never
 * mentioned (warning). Each message names its rule. Returns the number of errors. */
unsigned tk_check_doc(xmlDocPtr doc, const char *name, tk_diag *d);

/* =================================================================== render ========== */
/* (tools/render.c: TEI -> HTML or text through XSLT 1.0 stylesheets, libxslt) */

typedef enum { TK_RENDER_HTML = 0, TK_RENDER_TEXT, TK_RENDER_FORMAT_COUNT } tk_render_format;

/* What to render with. Strings are copied by tk_render_new; arrays may be NULL; NULL options
 * are the defaults (HTML, diplomatic view, built-in stylesheet). */
typedef struct tk_render_opts {
    tk_render_format to;          /* the built-in stylesheet: xslt/tei2html.xsl, tei2txt.xsl */
    const char *view;             /* "diplomatic" (NULL) or "normalized": parameter `view` */
    const char *xslt;             /* a stylesheet to use instead of the built-in one, or NULL */
    const char *xslt_dir;         /* where the built-in ones are; NULL = tk_data_dir()/xslt */
    const char *const *params;    /* NULL-terminated "name=value" string parameters (a later
                                     name overrides an earlier one and `view`); `css` may not
                                     hold '<' or control characters (refused, TK_SYSTEM) */
    const char *const *read_dirs; /* NULL-terminated directories document() may also read */
    int xinclude;                 /* process XInclude in the input (local files only) */
} tk_render_opts;

/* A compiled stylesheet with its parameters, reused for any number of documents. */
typedef struct tk_render tk_render;

/* Loads and compiles the stylesheet once. Stylesheet errors are reported through d with the
 * stylesheet's file and line (TK_ERROR; a missing file or a bad option is TK_SYSTEM). Returns
 * NULL on error; free with tk_render_free. d must outlive the renderer. */
tk_render *tk_render_new(const tk_render_opts *opts, tk_diag *d);
void tk_render_free(tk_render *r);

/* Renders one TEI file ("-" = stdin) into a malloc'd buffer (*out, *len; the caller frees
 * *out with free()). Security: stylesheets cannot write files, create directories or use the
 * network; document() reads only files under the input's directory, the stylesheet's
 * directory and opts->read_dirs; no DTD, no external entity is loaded. Errors (bad XML,
 * XSLT runtime errors, xsl:message terminate="yes") are reported through d (TK_ERROR) with
 * file:line; xsl:message without terminate is a TK_WARNING. Returns 0 on success, -1 on
 * error (then *out is NULL). Not thread-safe: one renderer, one thread. */
int tk_render_file(tk_render *r, const char *path, char **out, size_t *len);
/* Same for a parsed document (not modified; not freed). `name` names it in messages and its
 * directory is where document() may read (NULL: no directory). */
int tk_render_doc(tk_render *r, xmlDocPtr doc, const char *name, char **out, size_t *len);

/* The file name extension of the stylesheet's output: "html", "txt" or "xml". Static. */
const char *tk_render_extension(const tk_render *r);


/* ================================================================== compare ========== */
/* (tools/compare.c: how far two TEI encodings of one text agree, element class by class) */

/* Options of one comparison. Initialise with tk_compare_opts_init; strings are borrowed. */
typedef struct tk_compare_opts {
    int ignore_case;           /* align words with ASCII case folded */
    int ignore_punct;          /* align words only (punctuation is not a token) */
    int no_header;             /* do not compare the teiHeader fields */
    int ignore_titles;         /* persName spans start after a leading title or honorific
                                  ("Mr.", "Colonel", "Ambassador"; tools/names.c), on both
                                  sides: editions differ on whether it is in the name */
    const char *classes;       /* comma list of classes or groups to report (NULL = all):
                                  "persName", "div" (every div[type=...]), "names" */
    const char *const *maps;   /* n_maps element mappings applied to both documents,
                                  "name[@type=person]=persName" or "seg=p" */
    size_t n_maps;
    const char *const *skips;  /* n_skips elements left out of both documents with their text,
                                  "div[@type=notes]" or "castList" */
    size_t n_skips;
    size_t max_diffs;          /* disagreements kept as text, in document order (0 = none) */
} tk_compare_opts;

void tk_compare_opts_init(tk_compare_opts *o);

/* The attributes whose agreement is checked on matched elements. */
enum { TK_CMP_ATTR_WHEN = 0, TK_CMP_ATTR_FROM, TK_CMP_ATTR_TO, TK_CMP_ATTR_N, TK_CMP_ATTR_TYPE,
       TK_CMP_ATTR_COUNT };
/* Their names, indexed by TK_CMP_ATTR_* ("when", ...). Static. */
const char *tk_compare_attr_name(int attr);

/* Scores of one element class ("persName", "div", "sp/l"), or of one part of a class split
 * by its key attributes ("div[type=act]", "note[place=foot]": a breakdown row, counting the
 * pairs its class matched where both sides have those attribute values). */
typedef struct tk_compare_class {
    const char *name;          /* owned by the result */
    const char *group;         /* "structure", "speech", "names", "editorial", "date"; static */
    const char *parent;        /* a breakdown row: its class's name (not in the total); else
                                  NULL */
    unsigned long ref, hyp;    /* elements on each side */
    unsigned long exact;       /* pairs with the same span over the aligned text */
    unsigned long overlap;     /* pairs whose spans overlap (exact ones included) */
    double p, r, f;            /* exact span: precision, recall, F1 (1.0 when both are empty) */
    double op, or_, of;        /* overlapping span */
    unsigned long attr_checked[TK_CMP_ATTR_COUNT]; /* matched pairs where either has it */
    unsigned long attr_agree[TK_CMP_ATTR_COUNT];   /* ... and both have the same value */
    const char *ident_attr;    /* "ref" or "who" when identity is scored, else NULL; static */
    unsigned long ident_mentions; /* matched pairs with the attribute on both sides */
    double ident_p, ident_r, ident_f; /* pairwise precision/recall of the grouping */
    double ident_pairs_ref, ident_pairs_hyp, ident_pairs_both; /* mention pairs grouped
                                  together by the reference, by the hypothesis, by both (the
                                  counts behind ident_p and ident_r, to sum over files) */
} tk_compare_class;

/* One disagreement, in words a person reads, with lines in both files. */
typedef enum { TK_CMP_MISSING = 0, TK_CMP_SPURIOUS, TK_CMP_MOVED, TK_CMP_ATTR, TK_CMP_GROUP,
               TK_CMP_DIFF_KIND_COUNT } tk_compare_diff_kind;
typedef struct tk_compare_diff {
    tk_compare_diff_kind kind;
    const char *cls;           /* class name (the result's) */
    unsigned ref_line, hyp_line; /* 1-based; 0 when unknown */
    char *text;                /* "ref.xml:120: persName 'X' missing in hyp.xml:98"; owned */
} tk_compare_diff;

/* One teiHeader field on both sides. */
typedef struct tk_compare_field {
    const char *name;          /* "title", "author", "idno"...; static */
    char *ref, *hyp;           /* values (several joined with " | "), or NULL when absent */
    int equal;                 /* same value after whitespace and case normalisation */
} tk_compare_field;

typedef struct tk_compare_result {
    char *ref_name, *hyp_name;
    size_t ref_words, hyp_words, aligned_words; /* tokens and tokens matched by the diff */
    tk_compare_class *classes; /* sorted by exact F1, worst first (ties: by name), each
                                  class followed by its breakdown rows */
    size_t n_classes;
    tk_compare_class total;    /* micro-averaged over the reported classes (name "total") */
    tk_compare_diff *diffs;    /* the first opts->max_diffs, in reference document order */
    size_t n_diffs;
    unsigned long total_diffs; /* all disagreements found */
    tk_compare_field *fields;  /* header fields present on either side (none with no_header) */
    size_t n_fields, fields_equal;
} tk_compare_result;

/* Compares two parsed TEI documents (TEI or teiCorpus; neither is modified): aligns the words
 * of their text elements, lays every element of both over the alignment and scores each
 * class. The names are used in messages and diffs. Returns a result the caller frees with
 * tk_compare_result_free, or NULL (TK_SYSTEM reported: out of memory, a bad mapping). A
 * document without a text element is compared as empty, with a warning. */
tk_compare_result *tk_compare_docs(xmlDocPtr ref, const char *ref_name, xmlDocPtr hyp,
                                   const char *hyp_name, const tk_compare_opts *o, tk_diag *d);
/* The same for two files, parsed with tk_xml_read_file (errors reported; NULL returned). */
tk_compare_result *tk_compare_files(const char *ref_path, const char *hyp_path,
                                    const tk_compare_opts *o, tk_diag *d);
void tk_compare_result_free(tk_compare_result *r);

#ifdef __cplusplus
}
#endif

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility pop
#endif
#endif /* TEIKIT_H */
