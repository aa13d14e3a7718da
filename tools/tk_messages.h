/* tk_messages.h: the closed table of message ids (id, severity, format) every report uses.
 *
 * As in mandoc, a message is named by an id from this table, never by a free-form string:
 * the id is `rule` in --format json, a public contract documented in teikit(1) (DIAGNOSTICS;
 * tests/t_messages.sh checks that every id is there and that no report bypasses the table).
 * Library code reports with TK_MSG(d, ID, file, line, col, args...): the format is the
 * table's (TK_F_ID, checked by the compiler against the arguments), so is the severity
 * (TK_MSG_SEV overrides it for the few ids whose severity is the source's: XML parser
 * messages). Formats are in library terms: no command-line option names (the command adds
 * those). A format "%s" means the stage writes the whole text (teikit(1) describes it). */
#ifndef TK_MESSAGES_H
#define TK_MESSAGES_H

#include "teikit.h"

/* formats, one per id */
#define TK_F_BRACKET "%s"
#define TK_F_BRACKET_CONTEXT "%s"
#define TK_F_BRACKET_EMPTY "%s"
#define TK_F_BRACKET_MORE "%u more leftover brackets not shown"
#define TK_F_BRACKET_RULE "%s"
#define TK_F_BRACKET_UNBALANCED "%s"
#define TK_F_BRACKET_UNKNOWN "%s"
#define TK_F_CAPTIONS_CUE_BACKWARDS "the cue ends before it starts"
#define TK_F_CAPTIONS_NOT_CUE \
    "a block that is no cue (no 'START --> END' line) kept as a paragraph; the shape 'record' reads the file as a record"
#define TK_F_CAST "%s"
#define TK_F_CLASSIFICATION "%s"
#define TK_F_CLOSER "%s"
#define TK_F_CODE "%s"
#define TK_F_COMPARE_CLASSES "no element of either document is in the classes '%s'"
#define TK_F_COMPARE_MAP "bad mapping '%s' (want NAME=TARGET or NAME[@ATTR=VALUE]=TARGET)"
#define TK_F_COMPARE_NO_TEXT "no text element: nothing of this document is compared"
#define TK_F_COMPARE_SKIP "bad element pattern '%s' (want NAME or NAME[@ATTR=VALUE])"
#define TK_F_CSS_NUL "a NUL byte in CSS"
#define TK_F_DATE "%s"
#define TK_F_DATE_FOUND "%s"
#define TK_F_DATE_ISO "%s"
#define TK_F_DATE_SKIPPED "%s"
#define TK_F_DATE_META "cannot read the Date '%s' (expected e.g. 1949-02-03 or February 3, 1949)"
#define TK_F_DATE_ORDER "%s"
#define TK_F_DEBRIS "empty field '%s' dropped"
#define TK_F_DEBRIS_LINE "%s"
#define TK_F_DOCUMENT "%s"
#define TK_F_EMPTY "the input is empty"
#define TK_F_EMPTY_BLANK "the input has only whitespace"
#define TK_F_EMPTY_TURN "speaker label with no text"
#define TK_F_ENCLOSURE "%s"
#define TK_F_ENCODING "byte offset %ld: %s in %s input"
#define TK_F_ENCODING_UNKNOWN "unknown encoding '%s'"
#define TK_F_EVENT "%s"
#define TK_F_EXPANSION "%s"
#define TK_F_FIGURE_CORRECTION "%s"
#define TK_F_FILE_NUMBER "%s"
#define TK_F_FOOTNOTE_AFTER_PUNCT "%s"
#define TK_F_FOOTNOTE_GLUED "%s"
#define TK_F_FOOTNOTE_JOIN "note %s joined to the marker at %u:%u"
#define TK_F_FOOTNOTE_LABEL "%s"
#define TK_F_FOOTNOTE_MISSING "footnote marker %s has no note text; kept empty"
#define TK_F_FOOTNOTE_SUPERSCRIPT "%s"
#define TK_F_FOOTNOTE_TEXT "note text for footnote %s"
#define TK_F_FOOTNOTE_UNUSED "note text %s has no marker in the text; kept in the notes section"
#define TK_F_FOOTNOTE_WEAK "'%s' kept as text: no note %s in a notes section"
#define TK_F_FRONT_MATTER_END "front matter ends without a blank line or '---' before this line"
#define TK_F_FRONT_MATTER_KEY "unknown front matter key '%s': kept as a note in the header"
#define TK_F_FRONT_MATTER_UNCLOSED \
    "front matter is not closed by a blank line or '---' before the end of the input: the whole input was read as front matter"
#define TK_F_GLOSS "%s"
#define TK_F_HEADING "%s"
#define TK_F_ID_REF "%s"
#define TK_F_ID_REF_MORE "%ld more pointers name nothing in this document (rendered as plain text)"
#define TK_F_ID_REF_RENDER \
    "@ref points to \"%s\", which no xml:id in this document defines (rendered as plain text)"
#define TK_F_ID_UNIQUE "%s"
#define TK_F_IO_CORPUS "cannot open the corpus: %s"
#define TK_F_IO_DEPTH "directories nested too deeply"
#define TK_F_IO_IS_DIR "is a directory"
#define TK_F_IO_MKDIR "cannot create a directory beside it: %s"
#define TK_F_IO_NAME "bad file name '%s'"
#define TK_F_IO_NO_DIR "no such directory"
#define TK_F_IO_NOT_DIR "not a directory"
#define TK_F_IO_OPEN "cannot open: %s"
#define TK_F_IO_OPENDIR "cannot open directory: %s"
#define TK_F_IO_OUTDIR "cannot use as a directory: %s"
#define TK_F_IO_OUTDIR_FULL \
    "the directory is not empty: its files would mix with the new ones (forcing replaces its contents)"
#define TK_F_IO_OUTDIR_SUBDIR \
    "the directory holds a subdirectory ('%s'): not replaced, even when forced"
#define TK_F_IO_OVERWRITE "refusing to overwrite the input file"
#define TK_F_IO_PATH_LONG "path too long"
#define TK_F_IO_READ "read error: %s"
#define TK_F_IO_READDIR "cannot read: %s"
#define TK_F_IO_RENAME "cannot move the new files into place: %s"
#define TK_F_IO_RESOLVE "cannot resolve: %s"
#define TK_F_IO_SCHEMA "cannot open schema: %s"
#define TK_F_IO_WRITE "cannot write: %s"
#define TK_F_LIST "%s"
#define TK_F_META "metadata '%s': expected key=value"
#define TK_F_METADATA "%s"
#define TK_F_NOTES "%s"
#define TK_F_NOT_TEI \
    "not a TEI document (the root is \"%s\", not TEI or teiCorpus in the TEI namespace): the output will be mostly empty"
#define TK_F_OOM "out of memory"
#define TK_F_PARAM "bad stylesheet parameter '%s' (expected NAME=VALUE)"
#define TK_F_PARAM_CSS \
    "the css parameter may not hold '<' or control characters (it goes into the page's <style> element; write a literal '<' as \\3c)"
#define TK_F_PARAM_CSS_UTF8 "the css parameter is not valid UTF-8"
#define TK_F_PERSON "'%s' is a person (#%s): %s"
#define TK_F_PERSON_LABEL_SPLIT \
    "'%s' not joined to a named person: %d persons with surname %s could be it; a personography (--persons) can say which"
#define TK_F_PERSON_SKIPPED "%s"
#define TK_F_PERSON_UNCERTAIN \
    "'%s' could name %d persons with surname %s; linked to the one with most evidence"
#define TK_F_PERSON_UNUSED "%s"
#define TK_F_PERSONS_DUP_ID "duplicate person id '%s'"
#define TK_F_PERSONS_NO_ID "person without xml:id ignored"
#define TK_F_PERSONS_NO_NAME "person '%s' has no persName: it cannot be matched"
#define TK_F_PERSONS_NONE \
    "no person elements found%s (expected TEI listPerson/person[@xml:id] with persName)"
#define TK_F_PERSONS_UNREADABLE "cannot read the personography (see the messages above)"
#define TK_F_POSTSCRIPT "%s"
#define TK_F_PRUNE_SLOW "pruned schema slow (%.1f s): using the whole schema from now on"
#define TK_F_QUERY "%s"
#define TK_F_QUOTE "%s"
#define TK_F_RELAXNG "%s"
#define TK_F_RELAXNG_INTERNAL "internal error in RelaxNG validation"
#define TK_F_RELAXNG_NO_REASON \
    "the document does not match the schema (no reason given; the schema may allow no document element at all)"
#define TK_F_RELAXNG_OOM "out of memory in RelaxNG validation"
#define TK_F_RELAXNG_TOO_MANY "too many errors; stopped listing"
#define TK_F_RENDER_DUPLICATE "skipped: %s was already written for another input"
#define TK_F_RENDER_FORMAT "unknown output format"
#define TK_F_RENDER_MKDIR "cannot create directory: %s"
#define TK_F_RENDER_OVERWRITE \
    "refusing to render: the output %s would overwrite this input; nothing written"
#define TK_F_RENDER_VIEW "unknown view '%s' (diplomatic or normalized)"
#define TK_F_ROSTER "%s"
#define TK_F_RULES "%s"
#define TK_F_RULES_BUILTIN "%s"
#define TK_F_RULES_DATE_ORDER "date-order must be 'dmy' or 'mdy'"
#define TK_F_RULES_NO_WORD "%s needs a word or phrase"
#define TK_F_SALUTE "%s"
#define TK_F_SCHEMA_COMPILE "schema does not compile"
#define TK_F_SCHEMA_COMPILE_WHY "schema does not compile: %s"
#define TK_F_SCHEMA_DEEP \
    "schema refused: its references nest more than %d levels deep (libxml2 would run out of stack compiling it)"
#define TK_F_SCHEMA_NOT_RNG \
    "not a RelaxNG schema in XML syntax (compact syntax: convert it with trang first)"
#define TK_F_SCHEMA_REF "schema does not compile: reference to \"%s\", which no define names"
#define TK_F_SCHEMA_TEI_ALL \
    "the schema name 'tei_all' needs TEIKIT_TEI_ALL set to the path of tei_all.rng (TEI's official schema is not shipped with teikit), or the schema named by its path"
#define TK_F_SCHEMA_XML "schema does not compile: '%s' is not well-formed XML (its line %d)"
#define TK_F_SHAPE "shape %s (%s; %s %d points, runner-up %s %d; evidence: %s; counts: %s)"
#define TK_F_SHAPE_CAPTIONS \
    "read as captions (WebVTT header or SRT cues); the shape 'record' reads it as a record"
#define TK_F_SHAPE_LINE_NUMBERS \
    "%d lines open with a printed line number (a court transcript's numbers, 1 to 25 a page): they stay in the text, and no label after them is read; take the numbers out first"
#define TK_F_SHAPE_CLOSE \
    "read as %s, but it is nearly as much %s (%d against %d points): if it is one, choose the shape '%s'"
#define TK_F_SIC_SCOPE "%s"
#define TK_F_SPEAKER "%s"
#define TK_F_SPOKEN_PLAY "spoken output: read as a play, whose speeches stay sp; the shape 'transcript' writes them as utterances"
#define TK_F_SUPPLIED "%s"
#define TK_F_SUPPLIED_LETTERS "%s"
#define TK_F_TABLE "%s"
#define TK_F_TIMESTAMP "%s"
#define TK_F_TIMESTAMP_TURN "timestamp not understood: kept as a note"
#define TK_F_TITLE "no title line or Title: found; title derived from the file name: '%s'"
#define TK_F_USAGE "%s"
#define TK_F_UTF8 \
    "invalid UTF-8 byte 0x%02X (byte offset %zu); if the file is in another encoding, name that encoding (e.g. cp1252)"
#define TK_F_UTF8_MORE "more invalid UTF-8 not reported"
#define TK_F_VALIDATE_XINCLUDE_TREE \
    "validated as a tree, whole in memory: --xinclude needs the tree; without --xinclude " \
    "a document this large is validated while it is parsed (give the files it includes as " \
    "arguments too: pointers resolve across them)"
#define TK_F_VERSE "%s"
#define TK_F_XINCLUDE_FAILED "XInclude processing failed"
#define TK_F_XINCLUDE_FAILED_NODE "xi:include left in the tree: its inclusion failed"
#define TK_F_XINCLUDE_SKIPPED \
    "xi:include not followed: XInclude processing reads the included files (local files only)"
#define TK_F_XML "%s"
#define TK_F_XML_CHAR "character U+%04lX is not allowed in XML: dropped"
#define TK_F_XML_ENTITY \
    "entity declarations are not accepted (external entities and entity expansion are disabled for safety)"
#define TK_F_XML_LIMIT \
    "an element with more than %d attributes: refused (libxml2 takes time quadratic in their number)"
#define TK_F_XML_PARAM_ENTITY \
    "parameter entity declarations ignored (no DTD is read, nothing is expanded): remove the DOCTYPE's internal subset to silence this"
#define TK_F_XML_SIZE "document larger than 2 GB"
#define TK_F_XML_UNREADABLE "cannot read XML"
#define TK_F_XSL_MESSAGE "%s"
#define TK_F_XSLT "%s"
#define TK_F_XSLT_FAILED "the transformation failed"
#define TK_F_XSLT_NOT_SHEET "not an XSLT stylesheet"
#define TK_F_XSLT_PARAMS "cannot set the stylesheet parameters"
#define TK_F_XSLT_READ_MISSING "the stylesheet cannot read '%s' for %s: no such file"
#define TK_F_XSLT_READ_NETWORK "the stylesheet may not read '%s': network access is disabled"
#define TK_F_XSLT_READ_OUTSIDE \
    "the stylesheet may not read '%s' for %s: outside the input's directory (allow its directory for reading)"
#define TK_F_XSLT_SHEET_ERRORS "the stylesheet has errors"
#define TK_F_XSLT_STOPPED "the stylesheet stopped the transformation"

/* the ids: X(ID, public name, severity) */
#define TK_MESSAGES(X) \
    X(BRACKET,                "bracket", TK_WARNING) \
    X(BRACKET_CONTEXT,        "bracket-context", TK_WARNING) \
    X(BRACKET_EMPTY,          "bracket-empty", TK_WARNING) \
    X(BRACKET_MORE,           "bracket-more", TK_WARNING) \
    X(BRACKET_RULE,           "bracket-rule", TK_NOTE) \
    X(BRACKET_UNBALANCED,     "bracket-unbalanced", TK_WARNING) \
    X(BRACKET_UNKNOWN,        "bracket-unknown", TK_WARNING) \
    X(CAPTIONS_CUE_BACKWARDS, "captions-cue-backwards", TK_WARNING) \
    X(CAPTIONS_NOT_CUE,       "captions-not-cue", TK_WARNING) \
    X(CAST,                   "cast", TK_NOTE) \
    X(CLASSIFICATION,          "classification", TK_NOTE) \
    X(CLOSER,                 "closer", TK_NOTE) \
    X(CODE,                   "code", TK_NOTE) \
    X(COMPARE_CLASSES,        "compare-classes", TK_WARNING) \
    X(COMPARE_MAP,            "compare-map", TK_SYSTEM) \
    X(COMPARE_NO_TEXT,        "compare-no-text", TK_WARNING) \
    X(COMPARE_SKIP,           "compare-skip", TK_SYSTEM) \
    X(CSS_NUL,                "css-nul", TK_SYSTEM) \
    X(DATE,                   "date", TK_WARNING) \
    X(DATE_FOUND,             "date-found", TK_NOTE) \
    X(DATE_ISO,               "date-iso", TK_WARNING) \
    X(DATE_META,              "date-meta", TK_WARNING) \
    X(DATE_SKIPPED,           "date-skipped", TK_NOTE) \
    X(DATE_ORDER,             "date-order", TK_WARNING) \
    X(DEBRIS,                 "debris", TK_NOTE) \
    X(DEBRIS_LINE,            "debris-line", TK_NOTE) \
    X(DOCUMENT,               "document", TK_NOTE) \
    X(EMPTY,                  "empty", TK_WARNING) \
    X(EMPTY_BLANK,            "empty-blank", TK_WARNING) \
    X(EMPTY_TURN,             "empty-turn", TK_WARNING) \
    X(ENCLOSURE,              "enclosure", TK_NOTE) \
    X(ENCODING,               "encoding", TK_ERROR) \
    X(ENCODING_UNKNOWN,       "encoding-unknown", TK_SYSTEM) \
    X(EVENT,                  "event", TK_NOTE) \
    X(EXPANSION,              "expansion", TK_NOTE) \
    X(FIGURE_CORRECTION,       "figure-correction", TK_NOTE) \
    X(FILE_NUMBER,            "file-number", TK_NOTE) \
    X(FOOTNOTE_AFTER_PUNCT,   "footnote-after-punct", TK_NOTE) \
    X(FOOTNOTE_GLUED,         "footnote-glued", TK_NOTE) \
    X(FOOTNOTE_JOIN,          "footnote-join", TK_NOTE) \
    X(FOOTNOTE_LABEL,         "footnote-label", TK_NOTE) \
    X(FOOTNOTE_MISSING,       "footnote-missing", TK_WARNING) \
    X(FOOTNOTE_SUPERSCRIPT,   "footnote-superscript", TK_NOTE) \
    X(FOOTNOTE_TEXT,          "footnote-text", TK_NOTE) \
    X(FOOTNOTE_UNUSED,        "footnote-unused", TK_WARNING) \
    X(FOOTNOTE_WEAK,          "footnote-weak", TK_NOTE) \
    X(FRONT_MATTER_END,       "front-matter-end", TK_WARNING) \
    X(FRONT_MATTER_KEY,       "front-matter-key", TK_WARNING) \
    X(FRONT_MATTER_UNCLOSED,  "front-matter-unclosed", TK_WARNING) \
    X(GLOSS,                  "gloss", TK_NOTE) \
    X(HEADING,                "heading", TK_NOTE) \
    X(ID_REF,                 "id-ref", TK_ERROR) \
    X(ID_REF_MORE,            "id-ref-more", TK_WARNING) \
    X(ID_REF_RENDER,          "id-ref-render", TK_WARNING) \
    X(ID_UNIQUE,              "id-unique", TK_ERROR) \
    X(IO_CORPUS,              "io-corpus", TK_SYSTEM) \
    X(IO_DEPTH,               "io-depth", TK_SYSTEM) \
    X(IO_IS_DIR,              "io-is-dir", TK_SYSTEM) \
    X(IO_MKDIR,               "io-mkdir", TK_SYSTEM) \
    X(IO_NAME,                "io-name", TK_SYSTEM) \
    X(IO_NO_DIR,              "io-no-dir", TK_SYSTEM) \
    X(IO_NOT_DIR,             "io-not-dir", TK_SYSTEM) \
    X(IO_OPEN,                "io-open", TK_SYSTEM) \
    X(IO_OPENDIR,             "io-opendir", TK_SYSTEM) \
    X(IO_OUTDIR,              "io-outdir", TK_SYSTEM) \
    X(IO_OUTDIR_FULL,         "io-outdir-full", TK_SYSTEM) \
    X(IO_OUTDIR_SUBDIR,       "io-outdir-subdir", TK_SYSTEM) \
    X(IO_OVERWRITE,           "io-overwrite", TK_SYSTEM) \
    X(IO_PATH_LONG,           "io-path-long", TK_SYSTEM) \
    X(IO_READ,                "io-read", TK_SYSTEM) \
    X(IO_READDIR,             "io-readdir", TK_SYSTEM) \
    X(IO_RENAME,              "io-rename", TK_SYSTEM) \
    X(IO_RESOLVE,             "io-resolve", TK_SYSTEM) \
    X(IO_SCHEMA,              "io-schema", TK_SYSTEM) \
    X(IO_WRITE,               "io-write", TK_SYSTEM) \
    X(LIST,                    "list", TK_NOTE) \
    X(META,                   "meta", TK_SYSTEM) \
    X(METADATA,               "metadata", TK_NOTE) \
    X(NOTES,                   "notes", TK_NOTE) \
    X(NOT_TEI,                "not-tei", TK_WARNING) \
    X(OOM,                    "oom", TK_SYSTEM) \
    X(PARAM,                  "param", TK_SYSTEM) \
    X(PARAM_CSS,              "param-css", TK_SYSTEM) \
    X(PARAM_CSS_UTF8,         "param-css-utf8", TK_SYSTEM) \
    X(PERSON,                 "person", TK_NOTE) \
    X(PERSON_LABEL_SPLIT,     "person-label-split", TK_NOTE) \
    X(PERSON_SKIPPED,          "person-skipped", TK_NOTE) \
    X(PERSON_UNCERTAIN,       "person-uncertain", TK_NOTE) \
    X(PERSON_UNUSED,          "person-unused", TK_WARNING) \
    X(PERSONS_DUP_ID,         "persons-dup-id", TK_ERROR) \
    X(PERSONS_NO_ID,          "persons-no-id", TK_WARNING) \
    X(PERSONS_NO_NAME,        "persons-no-name", TK_WARNING) \
    X(PERSONS_NONE,           "persons-none", TK_ERROR) \
    X(PERSONS_UNREADABLE,     "persons-unreadable", TK_ERROR) \
    X(POSTSCRIPT,             "postscript", TK_NOTE) \
    X(PRUNE_SLOW,             "prune-slow", TK_NOTE) \
    X(QUERY,                  "query", TK_NOTE) \
    X(QUOTE,                  "quote", TK_NOTE) \
    X(RELAXNG,                "relaxng", TK_ERROR) \
    X(RELAXNG_INTERNAL,       "relaxng-internal", TK_SYSTEM) \
    X(RELAXNG_NO_REASON,      "relaxng-no-reason", TK_ERROR) \
    X(RELAXNG_OOM,            "relaxng-oom", TK_SYSTEM) \
    X(RELAXNG_TOO_MANY,       "relaxng-too-many", TK_ERROR) \
    X(RENDER_DUPLICATE,       "render-duplicate", TK_SYSTEM) \
    X(RENDER_FORMAT,          "render-format", TK_SYSTEM) \
    X(RENDER_MKDIR,           "render-mkdir", TK_SYSTEM) \
    X(RENDER_OVERWRITE,       "render-overwrite", TK_SYSTEM) \
    X(RENDER_VIEW,            "render-view", TK_SYSTEM) \
    X(ROSTER,                 "roster", TK_NOTE) \
    X(RULES,                  "rules", TK_ERROR) \
    X(RULES_BUILTIN,          "rules-builtin", TK_SYSTEM) \
    X(RULES_DATE_ORDER,       "rules-date-order", TK_ERROR) \
    X(RULES_NO_WORD,          "rules-no-word", TK_ERROR) \
    X(SALUTE,                 "salute", TK_NOTE) \
    X(SCHEMA_COMPILE,         "schema-compile", TK_SYSTEM) \
    X(SCHEMA_COMPILE_WHY,     "schema-compile-why", TK_SYSTEM) \
    X(SCHEMA_DEEP,            "schema-deep", TK_SYSTEM) \
    X(SCHEMA_NOT_RNG,         "schema-not-rng", TK_SYSTEM) \
    X(SCHEMA_REF,             "schema-ref", TK_SYSTEM) \
    X(SCHEMA_TEI_ALL,         "schema-tei-all", TK_SYSTEM) \
    X(SCHEMA_XML,             "schema-xml", TK_SYSTEM) \
    X(SHAPE,                  "shape", TK_NOTE) \
    X(SHAPE_CAPTIONS,         "shape-captions", TK_NOTE) \
    X(SHAPE_CLOSE,            "shape-close", TK_WARNING) \
    X(SHAPE_LINE_NUMBERS,     "shape-line-numbers", TK_WARNING) \
    X(SIC_SCOPE,              "sic-scope", TK_WARNING) \
    X(SPEAKER,                "speaker", TK_NOTE) \
    X(SPOKEN_PLAY,             "spoken-play", TK_WARNING) \
    X(SUPPLIED,               "supplied", TK_NOTE) \
    X(SUPPLIED_LETTERS,       "supplied-letters", TK_NOTE) \
    X(TABLE,                  "table", TK_NOTE) \
    X(TIMESTAMP,              "timestamp", TK_WARNING) \
    X(TIMESTAMP_TURN,         "timestamp-turn", TK_WARNING) \
    X(TITLE,                  "title", TK_WARNING) \
    X(USAGE,                  "usage", TK_SYSTEM) \
    X(UTF8,                   "utf8", TK_ERROR) \
    X(UTF8_MORE,              "utf8-more", TK_ERROR) \
    X(VALIDATE_XINCLUDE_TREE, "validate-xinclude-tree", TK_NOTE) \
    X(VERSE,                   "verse", TK_NOTE) \
    X(XINCLUDE_FAILED,        "xinclude-failed", TK_ERROR) \
    X(XINCLUDE_FAILED_NODE,   "xinclude-failed-node", TK_NOTE) \
    X(XINCLUDE_SKIPPED,       "xinclude-skipped", TK_NOTE) \
    X(XML,                    "xml", TK_ERROR) \
    X(XML_CHAR,               "xml-char", TK_WARNING) \
    X(XML_ENTITY,             "xml-entity", TK_ERROR) \
    X(XML_LIMIT,              "xml-limit", TK_ERROR) \
    X(XML_PARAM_ENTITY,       "xml-param-entity", TK_WARNING) \
    X(XML_SIZE,               "xml-size", TK_ERROR) \
    X(XML_UNREADABLE,         "xml-unreadable", TK_ERROR) \
    X(XSL_MESSAGE,            "xsl-message", TK_WARNING) \
    X(XSLT,                   "xslt", TK_ERROR) \
    X(XSLT_FAILED,            "xslt-failed", TK_ERROR) \
    X(XSLT_NOT_SHEET,         "xslt-not-sheet", TK_ERROR) \
    X(XSLT_PARAMS,            "xslt-params", TK_ERROR) \
    X(XSLT_READ_MISSING,      "xslt-read-missing", TK_ERROR) \
    X(XSLT_READ_NETWORK,      "xslt-read-network", TK_ERROR) \
    X(XSLT_READ_OUTSIDE,      "xslt-read-outside", TK_ERROR) \
    X(XSLT_SHEET_ERRORS,      "xslt-sheet-errors", TK_ERROR) \
    X(XSLT_STOPPED,           "xslt-stopped", TK_ERROR)

typedef enum {
#define TK_M_ENUM(id, name, sev) TK_M_##id,
    TK_MESSAGES(TK_M_ENUM)
#undef TK_M_ENUM
    TK_M_COUNT
} tk_msg_id;

/* One row of the table. */
typedef struct tk_msgdef {
    const char *name;   /* the public id ("io-open") */
    tk_severity sev;    /* default severity */
    const char *format; /* printf format of the text */
} tk_msgdef;

/* The table (TK_M_COUNT rows, in id order). */
extern const tk_msgdef tk_msg_table[TK_M_COUNT];

/* The id named `name`, or TK_M_COUNT when the table has none. */
tk_msg_id tk_msg_find(const char *name);

/* Reports message id: severity `sev` (< 0: the table's), byte offset `byte` (-1: none),
 * text from `fmt` (the table's format, passed by the macros below so the compiler checks
 * the arguments). */
void tk_msg(tk_diag *d, tk_msg_id id, int sev, long byte, const char *fmt, const char *file,
            unsigned line, unsigned col, ...) TK_PRINTF(5, 9);

#define TK_MSG(d, id, ...) tk_msg((d), TK_M_##id, -1, -1L, TK_F_##id, __VA_ARGS__)
#define TK_MSG_SEV(d, id, sev, ...) tk_msg((d), TK_M_##id, (int)(sev), -1L, TK_F_##id, __VA_ARGS__)
#define TK_MSG_AT(d, id, byte, ...) tk_msg((d), TK_M_##id, -1, (byte), TK_F_##id, __VA_ARGS__)

/* Reports a text the caller formatted under the id named `name` (for stages whose helpers
 * carry the id as a string); a name missing from the table is reported as bracket-rule (a
 * rules file's rule names are not ids). */
void tk_msg_named(tk_diag *d, tk_severity sev, const char *name, const char *file,
                  unsigned line, unsigned col, const char *text);

#endif
