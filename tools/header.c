/* header.c: the teiHeader of one document from its metadata (front matter, trailing
 * "Document Information", Source lines, --meta), the body's findings and the persons used. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"
#include "tk_places.h"

static xmlNodePtr el_text(tk_conv *cv, xmlNodePtr parent, const char *name, const char *text,
                          size_t len)
{
    xmlNodePtr n = tk_el(cv, parent, name);
    if (n != NULL && text != NULL)
        tk_text(n, text, len);
    return n;
}

static xmlNodePtr el_str(tk_conv *cv, xmlNodePtr parent, const char *name, const char *text)
{
    return el_text(cv, parent, name, text, text ? strlen(text) : 0);
}

/* A count and its noun, singular and plural ("1 speaker turn", "3 speaker turns"). */
typedef struct {
    unsigned n;
    const char *one, *many;
} count_word;

/* Appends n bytes of s to buf at *at, cut at size - 1 (buf stays terminated). */
static void put_cut(char *buf, size_t size, size_t *at, const char *s, size_t n)
{
    if (*at + 1 >= size)
        return;
    if (n > size - 1 - *at)
        n = size - 1 - *at;
    memcpy(buf + *at, s, n);
    *at += n;
    buf[*at] = '\0';
}

/* Writes the counts of `v` as "n noun, n noun, ..." into buf (cut at size); by hand, as
 * snprintf cost a thousand instructions a call here. */
static void count_words(char *buf, size_t size, const count_word *v, size_t nv)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < nv; i++) {
        char digits[12];
        size_t nd = sizeof digits;
        unsigned n = v[i].n;
        do {
            digits[--nd] = (char)('0' + n % 10);
            n /= 10;
        } while (n > 0);
        const char *noun = v[i].n == 1 ? v[i].one : v[i].many;
        if (i > 0)
            put_cut(buf, size, &at, ", ", 2);
        put_cut(buf, size, &at, digits + nd, sizeof digits - nd);
        put_cut(buf, size, &at, " ", 1);
        put_cut(buf, size, &at, noun, strlen(noun));
    }
}

/* Splits a citation into sentences at ". X" where X starts a capitalised word of at least
 * four letters ("... Ll. 47-53. Reprinted in ..."), so abbreviations such as "F. 39",
 * "Vol. 5" and initials do not split. Calls fn for each piece (without the final '.'). */
static void each_sentence(const char *s, void (*fn)(const char *, size_t, void *), void *user)
{
    size_t n = strlen(s), start = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        if (s[i] != '.' || s[i + 1] != ' ' || !isupper((unsigned char)s[i + 2]))
            continue;
        size_t k = i + 3;
        while (k < n && islower((unsigned char)s[k]))
            k++;
        if (k - (i + 2) < 4)
            continue;
        fn(s + start, i - start, user);
        start = i + 2;
    }
    size_t e = n;
    while (e > start && (s[e - 1] == '.' || s[e - 1] == ' '))
        e--;
    if (e > start)
        fn(s + start, e - start, user);
}

/* An archive signature "APRF: F. 39, Op. 1, D. 39, Ll. 47-53": returns the length of the
 * repository part (before ": "), 0 when the text is not one. */
static size_t signature_repo(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 12 && (isupper((unsigned char)s[i]) || s[i] == '-'))
        i++;
    if (i < 2 || i + 2 >= n || s[i] != ':' || s[i + 1] != ' ')
        return 0;
    /* the signature itself has digits */
    for (size_t k = i + 2; k < n; k++)
        if (isdigit((unsigned char)s[k]))
            return i;
    return 0;
}

typedef struct hdr {
    tk_conv *cv;
    xmlNodePtr titleStmt, sourceDesc, msDesc_done;
    xmlNodePtr bibls; /* a holder for bibl elements, appended to sourceDesc in order */
    int n_source;
} hdr;

static void citation_piece(const char *s, size_t n, void *user)
{
    hdr *h = user;
    tk_conv *cv = h->cv;
    size_t r;
    if (n > 14 && strncmp(s, "Translated by ", 14) == 0) {
        xmlNodePtr rs = tk_el(cv, h->titleStmt, "respStmt");
        el_str(cv, rs, "resp", "Translated by");
        el_text(cv, rs, "persName", s + 14, n - 14);
        return;
    }
    if ((r = signature_repo(s, n)) > 0) {
        xmlNodePtr ms = tk_el(cv, h->sourceDesc, "msDesc");
        xmlNodePtr id = tk_el(cv, ms, "msIdentifier");
        el_text(cv, id, "repository", s, r);
        el_text(cv, id, "idno", s + r + 2, n - r - 2);
        h->n_source++;
        return;
    }
    el_text(cv, h->sourceDesc, "bibl", s, n);
    h->n_source++;
}

static const struct { const char *name, *code; } languages[] = {
    {"English", "en"}, {"Russian", "ru"}, {"Chinese", "zh"},   {"French", "fr"},
    {"German", "de"},  {"Spanish", "es"}, {"Vietnamese", "vi"}, {"Japanese", "ja"},
    {"Korean", "ko"},  {"Italian", "it"}, {"Portuguese", "pt"}, {"Polish", "pl"},
};

/* Title derived from the input name: base name without directory and extension. */
static char *title_from_name(const char *name)
{
    if (name == NULL || strcmp(name, "-") == 0 || strcmp(name, "<stdin>") == 0)
        return tk_xstrdup("Untitled transcript");
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot > b ? (size_t)(dot - b) : strlen(b);
    char *t = tk_xstrndup(b, n);
    for (char *c = t; c && *c; c++)
        if (*c == '_')
            *c = ' ';
    return t;
}

struct persons_ctx {
    tk_conv *cv;
    xmlNodePtr person;      /* the person element being written */
    xmlNodePtr list;
    xmlNodePtr profileDesc;
};

/* An authority id the personography gave (empty slots are left out). */
static void person_idno(const char *type, const char *value, void *user)
{
    struct persons_ctx *c = user;
    if (value[0] == '\0')
        return;
    xmlNodePtr idno = el_str(c->cv, c->person, "idno", value);
    if (idno != NULL && type[0])
        tk_xset_prop(idno, (const xmlChar *)"type", (const xmlChar *)type);
}

static void person_el(const char *id, const char *const *names, size_t n, const char *role,
                      unsigned long count, void *user)
{
    struct persons_ctx *c = user;
    (void)count;
    if (c->list == NULL) {
        xmlNodePtr pd = tk_el(c->cv, c->profileDesc, "particDesc");
        c->list = tk_el(c->cv, pd, "listPerson");
    }
    xmlNodePtr p = tk_el(c->cv, c->list, "person");
    if (p == NULL)
        return;
    tk_set_xml_id(p, id);
    if (role != NULL)
        tk_xset_prop(p, (const xmlChar *)"role", (const xmlChar *)role);
    for (size_t i = 0; i < n; i++)
        el_str(c->cv, p, "persName", names[i]);
    c->person = p;
    tk_persons_each_idno(c->cv->persons, id, person_idno, c);
}

void tk_header_persons(tk_conv *cv, xmlNodePtr profileDesc, int all_docs)
{
    struct persons_ctx c = {cv, NULL, NULL, profileDesc};
    tk_persons_each_used(cv->persons, all_docs, person_el, &c);
}

/* --spoken: the transcription conventions (TEI ch. 8, ISO 24624) as a transcriptionDesc. */
static void spoken_desc(tk_conv *cv, xmlNodePtr enc)
{
    xmlNodePtr td = tk_el(cv, enc, "transcriptionDesc");
    tk_xset_prop(td, (const xmlChar *)"ident", (const xmlChar *)"teikit-spoken");
    tk_xset_prop(td, (const xmlChar *)"version", (const xmlChar *)tk_version());
    el_str(cv, td, "desc",
           "Transcription of speech after the TEI P5 Guidelines, chapter 8 (Transcriptions of "
           "Speech), and ISO 24624:2016");
    el_str(cv, td, "p",
           "Each speaker turn is an utterance u whose @who points to the person; a turn with "
           "a time (a timestamp or a caption cue) is an annotationBlock whose @who names the "
           "speaker and whose @start (and @end, the next timed turn's start or a cue's end) point into the "
           "timeline, holding the u. The speaker label is kept as printed in "
           "note[@type='speaker'] where it was printed; the paragraphs of a turn are seg; "
           "events are pause, vocal, incident and kinesic, each with its desc as printed, and "
           "directions between turns are incident.");
}

/* titleStmt: the title (front matter, the document's own, or one made from the file name,
 * with a warning), then author, editor and translator from the front matter. */
static void header_title(tk_conv *cv, xmlNodePtr titleStmt, const tk_docblocks *db,
                         const tk_docinfo *info)
{
    const char *title = tk_meta_get(db, "title");
    char *derived = NULL;
    if (title == NULL)
        title = info->title;
    if (title == NULL) {
        char *base = title_from_name(cv->file);
        if (base != NULL && info->doc_no > 0) {
            size_t n = strlen(base) + 32;
            derived = tk_xmalloc(n);
            if (derived != NULL)
                snprintf(derived, n, "%s, document %zu", base, info->doc_no);
            free(base);
        } else {
            derived = base;
        }
        title = derived;
        TK_MSG(cv->diag, TITLE, cv->file, info->first_line, 0, title ? title : "");
    }
    char *clean = tk_xstrdup(title != NULL ? title : "");
    if (clean != NULL)
        tk_rec_strip_markers(clean);
    el_str(cv, titleStmt, "title", clean != NULL ? clean : title);
    free(clean);
    free(derived);
    for (size_t i = 0; i < db->n_meta; i++) {
        const tk_meta *m = &db->meta[i];
        if (strcmp(m->key, "author") == 0) {
            char *a = tk_xstrdup(m->value);
            if (a != NULL)
                tk_rec_strip_markers(a);
            el_str(cv, titleStmt, "author", a != NULL ? a : m->value);
            free(a);
        }
        else if (strcmp(m->key, "editor") == 0)
            el_str(cv, titleStmt, "editor", m->value);
        else if (strcmp(m->key, "translator") == 0) {
            xmlNodePtr rs = tk_el(cv, titleStmt, "respStmt");
            el_str(cv, rs, "resp", "Translated by");
            el_str(cv, rs, "persName", m->value);
        }
    }
}

/* publicationStmt: the publisher and the rights statement, or a paragraph saying there is
 * none. */
static void header_publication(tk_conv *cv, xmlNodePtr fileDesc, const tk_docblocks *db)
{
    xmlNodePtr pub = tk_el(cv, fileDesc, "publicationStmt");
    const char *publisher = tk_meta_get(db, "publisher");
    int have_rights = 0;
    for (size_t i = 0; i < db->n_meta; i++)
        if (strcmp(db->meta[i].key, "rights") == 0 || strcmp(db->meta[i].key, "licence") == 0 ||
            strcmp(db->meta[i].key, "license") == 0)
            have_rights = 1;
    if (publisher != NULL || have_rights) {
        if (publisher != NULL)
            el_str(cv, pub, "publisher", publisher);
        else
            el_str(cv, pub, "authority", "unknown (not stated in the transcript)");
        xmlNodePtr av = have_rights ? tk_el(cv, pub, "availability") : NULL;
        for (size_t i = 0; av != NULL && i < db->n_meta; i++) {
            const tk_meta *m = &db->meta[i];
            if (strcmp(m->key, "rights") == 0)
                el_str(cv, av, "p", m->value);
            else if (strcmp(m->key, "licence") == 0 || strcmp(m->key, "license") == 0) {
                xmlNodePtr l = tk_el(cv, av, "licence");
                if (strncmp(m->value, "http", 4) == 0)
                    tk_xset_prop(l, (const xmlChar *)"target", (const xmlChar *)m->value);
                tk_text(l, m->value, strlen(m->value));
            }
        }
    } else {
        el_str(cv, pub, "p", "Unpublished conversion; the transcript states no publisher or rights.");
    }
}

/* notesStmt: front matter keys that have no place elsewhere */
static void header_notes(tk_conv *cv, xmlNodePtr fileDesc, const tk_docblocks *db)
{
    static const char *const placed[] = {
        "title", "author", "editor", "translator", "publisher", "rights", "licence", "license",
        "source", "citation", "archive", "signature", "repository", "date", "summary",
        "abstract", "type", "language", "keywords", "subject", "interviewer", "interviewee",
        "shape", "original-uploaded-date", "record-id", "idno"};
    xmlNodePtr notesStmt = NULL;
    for (size_t i = 0; i < db->n_meta; i++) {
        size_t k = 0;
        while (k < sizeof placed / sizeof *placed && strcmp(placed[k], db->meta[i].key) != 0)
            k++;
        if (k < sizeof placed / sizeof *placed)
            continue;
        if (notesStmt == NULL)
            notesStmt = tk_el(cv, fileDesc, "notesStmt");
        xmlNodePtr n = el_str(cv, notesStmt, "note", db->meta[i].value);
        tk_xset_prop(n, (const xmlChar *)"type", (const xmlChar *)db->meta[i].key);
    }
}

/* sourceDesc: citations (split into sentences), sources, file numbers and archive
 * signatures; a paragraph naming the input file when there is none. */
static void header_source(hdr *h, xmlNodePtr fileDesc, const tk_docblocks *db)
{
    tk_conv *cv = h->cv;
    h->sourceDesc = tk_el(cv, fileDesc, "sourceDesc");
    for (size_t i = 0; i < db->n_meta; i++) {
        const tk_meta *m = &db->meta[i];
        if (strcmp(m->key, "citation") == 0)
            each_sentence(m->value, citation_piece, h);
        else if (strcmp(m->key, "source") == 0) {
            el_str(cv, h->sourceDesc, "bibl", m->value);
            h->n_source++;
        } else if (strcmp(m->key, "idno") == 0) {
            /* the archive's file number of the original (FRUS's decimal file) */
            xmlNodePtr ms = tk_el(cv, h->sourceDesc, "msDesc");
            xmlNodePtr id = el_str(cv, tk_el(cv, ms, "msIdentifier"), "idno", m->value);
            tk_xset_prop(id, (const xmlChar *)"type", (const xmlChar *)"file");
            h->n_source++;
        } else if (strcmp(m->key, "archive") == 0 || strcmp(m->key, "signature") == 0) {
            size_t r = signature_repo(m->value, strlen(m->value));
            xmlNodePtr ms = tk_el(cv, h->sourceDesc, "msDesc");
            xmlNodePtr id = tk_el(cv, ms, "msIdentifier");
            if (r > 0) {
                el_text(cv, id, "repository", m->value, r);
                el_str(cv, id, "idno", m->value + r + 2);
            } else {
                el_str(cv, id, strcmp(m->key, "archive") == 0 ? "repository" : "idno", m->value);
            }
            h->n_source++;
        }
    }
    if (h->n_source == 0) {
        char what[512];
        snprintf(what, sizeof what, "Plain-text transcript %s.",
                 cv->file != NULL ? tk_base_name(cv->file) : "(standard input)");
        el_str(cv, h->sourceDesc, "p", what);
    }
}

/* encodingDesc: the application, what was found (shape, counts of turns, headings, items,
 * stage directions, then of each editorial bracket), and with --spoken the transcription
 * conventions. */
static void header_encoding(tk_conv *cv, xmlNodePtr header, const tk_docinfo *info)
{
    xmlNodePtr enc = tk_el(cv, header, "encodingDesc");
    xmlNodePtr app = tk_el(cv, tk_el(cv, enc, "appInfo"), "application");
    tk_xset_prop(app, (const xmlChar *)"ident", (const xmlChar *)"teikit");
    tk_xset_prop(app, (const xmlChar *)"version", (const xmlChar *)tk_version());
    el_str(cv, app, "label", "teikit");
    el_str(cv, app, "desc", "plain-text transcript to TEI P5 converter");
    xmlNodePtr ed = tk_el(cv, enc, "editorialDecl");
    int spoken = tk_spoken_on(cv, info->shape);
    char buf[1024];
    const count_word found[] = {
        {info->n_turns, "speaker turn", "speaker turns"},
        {info->n_heads, "heading", "headings"},
        {info->n_items, "list item", "list items"},
        {info->n_stage, "stage direction", "stage directions"},
    };
    char counts[512];
    count_words(counts, sizeof counts, found, sizeof found / sizeof *found);
    snprintf(buf, sizeof buf,
             "Converted from a plain-text transcript read as %s: %s. Paragraphs are blank-line "
             "separated; hard-wrapped lines are joined; speaker labels are kept as printed in "
             "%s; list item numbers as printed in @n; web-page debris and trailing "
             "metadata were moved out of the body.",
             tk_shape_phrase(info->shape), counts, spoken ? "note[@type='speaker']" : "speaker");
    el_str(cv, ed, "p", buf);
    const count_word brackets[] = {
        {cv->n_sic, "sic", "sic"},
        {cv->n_expan, "expansion", "expansions"},
        {cv->n_supplied, "supplied", "supplied"},
        {cv->n_gloss, "gloss", "glosses"},
        {cv->n_gap, "gap", "gaps"},
        {cv->n_unclear, "unclear", "unclear"},
        {cv->n_events, "event", "events"},
        {cv->n_pb, "page break", "page breaks"},
        {cv->n_footnotes, "footnote", "footnotes"},
        {cv->n_dates, "date", "dates"},
        {cv->n_timestamps, "timestamp", "timestamps"},
    };
    count_words(counts, sizeof counts, brackets, sizeof brackets / sizeof *brackets);
    snprintf(buf, sizeof buf, "Editorial brackets encoded: %s.", counts);
    el_str(cv, ed, "p", buf);
    if (spoken)
        spoken_desc(cv, enc);
}

/* profileDesc's creation date: the front matter's date when it parses (or is a year), else
 * the document's own (a warning says the front matter's was not understood). */
static void profile_date(tk_conv *cv, xmlNodePtr prof, const tk_docblocks *db,
                         const tk_docinfo *info)
{
    char when[16] = "";
    const char *date_text = info->date_text;
    const char *mdate = tk_meta_get(db, "date");
    if (mdate != NULL && tk_parse_date(mdate, strlen(mdate), when) > 0)
        date_text = mdate;
    else if (mdate != NULL && strlen(mdate) == 4 && isdigit((unsigned char)mdate[0])) {
        snprintf(when, sizeof when, "%s", mdate);
        date_text = mdate;
    } else {
        if (mdate != NULL)
            TK_MSG(cv->diag, DATE_META, cv->file, 0, 0, mdate);
        snprintf(when, sizeof when, "%s", info->when);
    }
    if (when[0] != '\0') {
        xmlNodePtr cr = tk_el(cv, prof, "creation");
        xmlNodePtr d = el_str(cv, cr, "date", date_text != NULL ? date_text : when);
        tk_xset_prop(d, (const xmlChar *)"when", (const xmlChar *)when);
    }
}

/* profileDesc's langUsage and textClass keywords, from the front matter. */
static void profile_language_keywords(tk_conv *cv, xmlNodePtr prof, const tk_docblocks *db)
{
    const char *lang = tk_meta_get(db, "language");
    if (lang != NULL) {
        const char *code = "und";
        for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
            if (strcasecmp(lang, languages[i].name) == 0 || strcasecmp(lang, languages[i].code) == 0)
                code = languages[i].code;
        xmlNodePtr lu = tk_el(cv, prof, "langUsage");
        xmlNodePtr l = el_str(cv, lu, "language", lang);
        tk_xset_prop(l, (const xmlChar *)"ident", (const xmlChar *)code);
    }
    xmlNodePtr kw = NULL;
    for (size_t i = 0; i < db->n_meta; i++) {
        const tk_meta *m = &db->meta[i];
        if (strcmp(m->key, "type") != 0 && strcmp(m->key, "keywords") != 0 &&
            strcmp(m->key, "subject") != 0)
            continue;
        if (kw == NULL)
            kw = tk_el(cv, tk_el(cv, prof, "textClass"), "keywords");
        el_str(cv, kw, "term", m->value);
    }
}

/* profileDesc: abstract, creation date, language, keywords, persons and places (these two
 * here only outside a corpus); left out when empty. */
static void header_profile(tk_conv *cv, xmlNodePtr header, const tk_docblocks *db,
                           const tk_docinfo *info)
{
    xmlNodePtr prof = tk_el(cv, header, "profileDesc");
    const char *summary = tk_meta_get(db, "summary");
    if (summary == NULL)
        summary = tk_meta_get(db, "abstract");
    if (summary != NULL)
        el_str(cv, tk_el(cv, prof, "abstract"), "p", summary);
    profile_date(cv, prof, db, info);
    profile_language_keywords(cv, prof, db);
    if (!info->in_corpus)
        tk_header_persons(cv, prof, 0);
    if (!tk_places_corpus(cv->places))
        tk_header_places(cv, prof);
    if (prof->children == NULL) {
        xmlUnlinkNode(prof);
        xmlFreeNode(prof);
    }
}

void tk_header_build(tk_conv *cv, xmlNodePtr header, const tk_docblocks *db,
                     const tk_docinfo *info)
{
    xmlNodePtr fileDesc = tk_el(cv, header, "fileDesc");
    hdr h = {cv, NULL, NULL, NULL, NULL, 0};
    h.titleStmt = tk_el(cv, fileDesc, "titleStmt");
    if (h.titleStmt == NULL)
        return;
    header_title(cv, h.titleStmt, db, info);
    header_publication(cv, fileDesc, db);
    header_notes(cv, fileDesc, db);
    header_source(&h, fileDesc, db);
    header_encoding(cv, header, info);
    header_profile(cv, header, db, info);
}
