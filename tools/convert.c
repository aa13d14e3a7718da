/* convert.c: the converter's driver: reader -> blocks -> TEI tree (inline pass per element)
 * -> header, for one document or a teiCorpus of several; also the persons draft. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tk_internal.h"
#include "tk_places.h"

void tk_convert_opts_init(tk_convert_opts *o)
{
    memset(o, 0, sizeof *o);
    o->shape = TK_SHAPE_AUTO;
    o->date_order = TK_DATE_ORDER_AUTO;
}

int tk_shape_from_name(const char *name)
{
    static const char *const names[] = {"auto", "record", "transcript", "play", "captions"};
    _Static_assert(sizeof names / sizeof *names == TK_SHAPE_CAPTIONS + 1, "a name per shape");
    for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

/* 1 when every --meta is key=value. */
static int meta_valid(const tk_convert_opts *o)
{
    for (size_t i = 0; i < o->n_meta; i++) {
        const char *eq = strchr(o->meta[i], '=');
        if (eq == NULL || eq == o->meta[i])
            return 0;
    }
    return 1;
}

/* Applies --meta key=value to documents [from, to) (replacing what the text said). */
static int apply_meta(tk_blocks *B, size_t from, size_t to, const tk_convert_opts *o, tk_diag *d)
{
    for (size_t i = 0; i < o->n_meta; i++) {
        const char *kv = o->meta[i];
        const char *eq = strchr(kv, '=');
        if (eq == NULL || eq == kv) {
            TK_MSG(d, META, NULL, 0, 0, kv);
            return -1;
        }
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
        for (char *k = key; *k; k++)
            if (*k >= 'A' && *k <= 'Z')
                *k = (char)(*k - 'A' + 'a');
        for (size_t k = from; k < to; k++)
            tk_meta_set(&B->doc[k], key, eq + 1, strlen(eq + 1), 0, 1);
    }
    return 0;
}

static xmlNodePtr new_root(tk_conv *cv, const char *name)
{
    xmlNodePtr r = xmlNewDocNode(cv->doc, NULL, (const xmlChar *)name, NULL);
    if (r == NULL)
        return NULL;
    cv->ns = xmlNewNs(r, (const xmlChar *)TK_TEI_NS, NULL);
    xmlSetNs(r, cv->ns);
    xmlDocSetRootElement(cv->doc, r);
    return r;
}

/* One TEI document under parent (NULL: the document root; with own_doc, a TEI of a corpus
 * built as the root of cv->doc, a document of its own, in the corpus's namespace cv->ns). */
static int build_tei(tk_conv *cv, const tk_lines *L, const tk_docblocks *db, xmlNodePtr parent,
                     int own_doc, tk_shape shape, int in_corpus, size_t doc_no)
{
    tk_docinfo info;
    memset(&info, 0, sizeof info);
    info.shape = shape;
    info.in_corpus = in_corpus;
    info.doc_no = doc_no;
    info.first_line = db->first_line < L->n ? L->v[db->first_line].no : 0;
    if (cv->rules != NULL)
        tk_rules_set_play(cv->rules, shape == TK_SHAPE_PLAY);
    xmlNodePtr tei = parent != NULL ? tk_el(cv, parent, "TEI")
                     : own_doc      ? tk_el(cv, NULL, "TEI")
                                    : new_root(cv, "TEI");
    if (tei == NULL)
        return -1;
    if (own_doc)
        xmlDocSetRootElement(cv->doc, tei);
    /* ids unique in the file: the second document's timeline is tk-d2-T0... */
    if (doc_no > 0)
        snprintf(cv->id_prefix, sizeof cv->id_prefix, "d%zu-", doc_no);
    xmlNodePtr header = tk_el(cv, tei, "teiHeader");
    if (header == NULL)
        return -1;
    tk_persons_new_document(cv->persons);
    const char *q = tk_meta_get(db, "interviewer"), *a = tk_meta_get(db, "interviewee");
    if (q != NULL)
        tk_persons_set_role_name(cv->persons, "interviewer", q);
    if (a != NULL)
        tk_persons_set_role_name(cv->persons, "interviewee", a);
    if (shape == TK_SHAPE_CAPTIONS) { /* the cues are the whole input */
        tk_captions_build_text(cv, L, tei, &info);
    } else {
        tk_persons_discover(cv->persons, L, db, cv->diag, cv->file, cv->explain);
        tk_places_discover(cv->places, L, db);
        tk_tei_build_text(cv, L, db, tei, &info);
    }
    tk_header_build(cv, header, db, &info);
    free(info.title);
    free(info.date_text);
    return 0;
}

/* The corpus header: the leading chapter heading (or the file name) and the persons. */
static void corpus_header(tk_conv *cv, xmlNodePtr corpus, const tk_blocks *B, int persons)
{
    xmlNodePtr h = tk_el(cv, NULL, "teiHeader");
    if (h == NULL)
        return;
    if (corpus->children != NULL)
        xmlAddPrevSibling(corpus->children, h);
    else
        xmlAddChild(corpus, h);
    xmlNodePtr fd = tk_el(cv, h, "fileDesc");
    xmlNodePtr title = tk_el(cv, tk_el(cv, fd, "titleStmt"), "title");
    if (B->corpus_title != NULL)
        tk_text(title, B->corpus_title, strlen(B->corpus_title));
    else {
        char buf[512];
        snprintf(buf, sizeof buf, "%zu documents from %s", B->n_docs,
                 cv->file != NULL ? tk_base_name(cv->file) : "standard input");
        tk_text(title, buf, strlen(buf));
    }
    tk_text(tk_el(cv, tk_el(cv, fd, "publicationStmt"), "p"),
            "Unpublished conversion; see each document's header.", 51);
    char src[512];
    snprintf(src, sizeof src, "Plain-text file %s holding %zu documents.",
             cv->file != NULL ? tk_base_name(cv->file) : "(standard input)", B->n_docs);
    tk_text(tk_el(cv, tk_el(cv, fd, "sourceDesc"), "p"), src, strlen(src));
    if (persons) {
        xmlNodePtr prof = tk_el(cv, h, "profileDesc");
        tk_header_persons(cv, prof, 1);
        tk_header_places(cv, prof);
        if (prof->children == NULL) {
            xmlUnlinkNode(prof);
            xmlFreeNode(prof);
        }
    }
}

static xmlNodePtr child_named(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

/* Streaming: writes the TEI element just built (at depth) into `into`, the body's bytes
 * that the builder already wrote in cv->stream taken over where they stand, and frees it.
 * The bytes from the body on end up in cv->stream. */
static void write_tei(tk_conv *cv, xmlNodePtr tei, int depth, tk_ser *into)
{
    tk_ser_splice(into, child_named(cv->text, "body"), cv->stream);
    tk_ser_node(into, tei, depth, 1);
    xmlUnlinkNode(tei);
    xmlFreeNode(tei);
    cv->text = NULL;
}

static const char prolog[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/* A standalone TEI per document, handed over as soon as it is written (tk_convert_each). */
typedef struct each_doc {
    int (*fn)(size_t i, const char *xml, size_t len, void *user);
    void *user;
    size_t n;       /* documents handed over */
    int stopped;    /* fn asked to stop */
} each_doc;

/* Streaming, one document at a time: writes the TEI just built as a document of its own
 * (declaring the TEI namespace) and hands it to each->fn. Returns 0, or -1 to stop. */
static int hand_over(tk_conv *cv, xmlNodePtr tei, each_doc *each)
{
    tk_ser *head = tk_ser_new();
    if (head == NULL)
        return -1;
    if (tei->nsDef == NULL)
        xmlNewNs(tei, (const xmlChar *)TK_TEI_NS, NULL);
    tk_ser_raw(head, prolog, sizeof prolog - 1);
    write_tei(cv, tei, 0, head);
    tk_ser_prepend(cv->stream, head);
    tk_ser_free(head);
    size_t n = 0;
    const char *b = tk_ser_bytes(cv->stream, &n);
    if (each->fn(each->n++, b, n, each->user) != 0) {
        each->stopped = 1;
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ ids across documents */

/* With split, each TEI of an in-memory teiCorpus lists its own persons, so the same xml:id
 * would occur in several documents of the one file. Document k (1-based) renames the ids an
 * earlier document already used to "tk-s<k>-<id>" (no generated id starts with "tk-s"), and
 * its #id pointers with them; tk_tei_extract strips that prefix, so an extracted document has
 * the ids tk_convert_each gives it. */
#define DOC_ID_PREFIX "tk-s%zu-"

/* Calls fn on every attribute of every element under n (n included). */
static void each_attr(xmlNodePtr n, void (*fn)(xmlAttrPtr a, void *user), void *user)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
            fn(a, user);
        each_attr(n->children, fn, user);
    }
}

static int is_xml_id(xmlAttrPtr a)
{
    return a->ns != NULL && xmlStrEqual(a->ns->href, XML_XML_NAMESPACE) &&
           xmlStrEqual(a->name, BAD_CAST "id");
}

/* One document's renaming: `renamed` maps old id -> new id (NULL: strip `prefix`). */
typedef struct id_pass {
    xmlHashTablePtr seen;    /* ids of the earlier documents */
    xmlHashTablePtr renamed; /* old -> new (owned strings) */
    char prefix[32];
    int strip;               /* tk_tei_extract: remove the prefix instead */
} id_pass;

/* The new value of id v (owned by the caller), or NULL to keep it. */
static xmlChar *new_id(id_pass *p, const xmlChar *v)
{
    size_t n = strlen(p->prefix);
    if (p->strip)
        return strncmp((const char *)v, p->prefix, n) == 0 ? tk_oom_check(xmlStrdup(v + n)) : NULL;
    const xmlChar *to = xmlHashLookup(p->renamed, v);
    return to != NULL ? tk_oom_check(xmlStrdup(to)) : NULL;
}

static void collect_id(xmlAttrPtr a, void *user)
{
    id_pass *p = user;
    xmlChar *v = is_xml_id(a) ? xmlNodeGetContent((xmlNodePtr)a) : NULL;
    if (v != NULL && xmlHashLookup(p->seen, v) != NULL &&
        xmlHashLookup(p->renamed, v) == NULL) {
        xmlChar *to = tk_oom_check(xmlStrdup(BAD_CAST p->prefix));
        to = tk_oom_check(xmlStrcat(to, v));
        if (xmlHashAddEntry(p->renamed, v, to) != 0)
            tk_oom();
    }
    xmlFree(v);
}

/* Rewrites an xml:id, or the #id tokens of any other attribute. */
static void rewrite_attr(xmlAttrPtr a, void *user)
{
    id_pass *p = user;
    xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
    if (v == NULL)
        tk_oom();
    xmlChar *out = NULL;
    int changed = 0;
    if (is_xml_id(a)) {
        out = new_id(p, v);
        changed = out != NULL;
    } else if (strchr((const char *)v, '#') != NULL) {
        out = tk_oom_check(xmlStrdup(BAD_CAST ""));
        for (const xmlChar *s = v; *s != '\0';) {
            size_t sp = strspn((const char *)s, " \t\n\r"), tn;
            out = tk_oom_check(xmlStrncat(out, s, (int)sp));
            s += sp;
            tn = strcspn((const char *)s, " \t\n\r");
            if (tn == 0)
                break;
            xmlChar *tok = tk_oom_check(xmlStrndup(s, (int)tn));
            xmlChar *to = tok[0] == '#' ? new_id(p, tok + 1) : NULL;
            if (to != NULL) {
                out = tk_oom_check(xmlStrcat(out, BAD_CAST "#"));
                out = tk_oom_check(xmlStrcat(out, to));
                changed = 1;
            } else {
                out = tk_oom_check(xmlStrcat(out, tok));
            }
            xmlFree(to);
            xmlFree(tok);
            s += tn;
        }
    }
    if (changed)
        xmlNodeSetContent((xmlNodePtr)a, out);
    xmlFree(out);
    xmlFree(v);
}

static void remember_id(xmlAttrPtr a, void *user)
{
    id_pass *p = user;
    xmlChar *v = is_xml_id(a) ? xmlNodeGetContent((xmlNodePtr)a) : NULL;
    if (v != NULL && xmlHashLookup(p->seen, v) == NULL && xmlHashAddEntry(p->seen, v, p) != 0)
        tk_oom();
    xmlFree(v);
}

static void free_name(void *payload, const xmlChar *name)
{
    (void)name;
    xmlFree(payload);
}

/* Makes the xml:ids of the TEIs under corpus unique across them (see DOC_ID_PREFIX). */
static void unique_ids(xmlNodePtr corpus)
{
    id_pass p = {tk_oom_check(xmlHashCreate(64)), NULL, "", 0};
    size_t k = 0;
    for (xmlNodePtr t = corpus->children; t != NULL; t = t->next) {
        if (t->type != XML_ELEMENT_NODE || !xmlStrEqual(t->name, BAD_CAST "TEI"))
            continue;
        snprintf(p.prefix, sizeof p.prefix, DOC_ID_PREFIX, ++k);
        p.renamed = tk_oom_check(xmlHashCreate(16));
        xmlNodePtr next = t->next;
        t->next = NULL; /* this TEI only */
        each_attr(t, collect_id, &p);
        if (xmlHashSize(p.renamed) > 0)
            each_attr(t, rewrite_attr, &p);
        each_attr(t, remember_id, &p);
        t->next = next;
        xmlHashFree(p.renamed, free_name);
    }
    xmlHashFree(p.seen, NULL);
}

/* ------------------------------------------------------------ the second thread */

/* With opts->jobs >= 2 a teiCorpus is made by two threads. The second parses the blocks
 * (tk_blocks_parse_ready), handing each document over as soon as it is parsed, while the
 * calling thread builds the first ones; the calling thread's messages wait meanwhile
 * (tk_diag_hold) and follow the parser's, as with one thread. Then it writes the documents
 * (below). */
typedef struct parse_job {
    const tk_lines *L;
    tk_shape shape;
    const tk_rules *rules;
    const char *file;
    int explain, corpus_title;
    tk_diag *d;
} parse_job;

/* With opts->jobs >= 2, the documents of a teiCorpus are written on a second thread: each
 * TEI is built as the root of an xmlDoc of its own (its own dictionary: the two threads never
 * touch the same libxml2 object), handed over with the bytes of its body the builder already
 * streamed, and the writer serializes it after the earlier ones (the bytes write_tei makes)
 * and frees it while the next document is built. The emptied xmlDoc goes back for a later
 * TEI (a few of them serve a corpus of thousands; their dictionaries live to the end, so the
 * writer's name cache stays right). Order and bytes are those of one thread. */
typedef struct wjob {
    xmlDocPtr doc;   /* the TEI's own document (emptied by the writer) */
    xmlNodePtr tei;
    xmlNodePtr body; /* where the streamed bytes take over (tk_ser_splice) */
    tk_ser *stream;  /* the body's bytes written while building (back to the spares) */
} wjob;

enum { WQ = 4 }; /* documents built ahead of the writer at most */

typedef struct writer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t more, room; /* a job queued / a job done */
    wjob q[WQ];
    size_t head, n;            /* the queue: q[head], ... n jobs */
    int done;                  /* no more jobs will come */
    tk_ser *out;               /* the documents' bytes: the writer's while it runs */
    parse_job parse;           /* the blocks to parse first (parse.L NULL: none) */
    pthread_cond_t parsed_more; /* a document parsed, or the parse over */
    tk_blocks *B;              /* the blocks: set from the first document parsed on */
    size_t n_ready;            /* documents parsed */
    int parsed;                /* the parse is over (B final; NULL: out of memory) */
    tk_ser *spare[WQ + 2];     /* streams written out, for the next documents */
    size_t n_spare;
    xmlDocPtr spare_doc[WQ + 2]; /* emptied documents, for the next TEIs */
    size_t n_spare_doc;
    int running;
} writer;

/* Writes the job at the head of the queue and takes it off (called with the lock held, on
 * the writer's thread; the lock is let go while the bytes are made). */
static void write_head(writer *w)
{
    wjob j = w->q[w->head];
    pthread_mutex_unlock(&w->lock);
    size_t n = 0;
    tk_ser_splice(w->out, j.body, j.stream);
    tk_ser_node(w->out, j.tei, 1, 1);
    const char *b = tk_ser_bytes(j.stream, &n);
    tk_ser_raw(w->out, b, n);
    xmlUnlinkNode(j.tei);
    xmlFreeNode(j.tei);
    pthread_mutex_lock(&w->lock);
    w->head = (w->head + 1) % WQ;
    w->n--;
    if (w->n_spare < sizeof w->spare / sizeof *w->spare)
        w->spare[w->n_spare++] = j.stream;
    else
        tk_ser_free(j.stream);
    if (w->n_spare_doc < sizeof w->spare_doc / sizeof *w->spare_doc)
        w->spare_doc[w->n_spare_doc++] = j.doc;
    else /* (never: at most WQ + 1 documents are out) */
        xmlFreeDoc(j.doc);
    pthread_cond_signal(&w->room);
}

/* tk_blocks_parse_ready's callback: n documents are parsed. The documents already built
 * are written between two parsed documents: were they left until the whole input is
 * parsed, the builder would wait for room in the queue as long as the parse lasts. */
static void on_parsed(void *user, tk_blocks *B, size_t n)
{
    writer *w = user;
    pthread_mutex_lock(&w->lock);
    w->B = B;
    w->n_ready = n;
    pthread_cond_signal(&w->parsed_more);
    while (w->n > 0)
        write_head(w);
    pthread_mutex_unlock(&w->lock);
}

/* Waits until `need` documents are parsed or the parse is over; returns how many are
 * parsed (*B the blocks, NULL when the parse ran out of memory) and sets *over. */
static size_t wait_parsed(writer *w, size_t need, tk_blocks **B, int *over)
{
    pthread_mutex_lock(&w->lock);
    while (!w->parsed && w->n_ready < need)
        pthread_cond_wait(&w->parsed_more, &w->lock);
    *B = w->B;
    *over = w->parsed;
    size_t n = w->parsed && w->B != NULL ? w->B->n_docs : w->n_ready;
    pthread_mutex_unlock(&w->lock);
    return n;
}

static void *writer_main(void *arg)
{
    writer *w = arg;
    if (w->parse.L != NULL) {
        const parse_job *p = &w->parse;
        tk_blocks *B = tk_blocks_parse_ready(p->L, p->shape, p->rules, p->file, p->explain,
                                             p->corpus_title, p->d, on_parsed, w);
        pthread_mutex_lock(&w->lock);
        w->B = B;
        w->parsed = 1;
        pthread_cond_signal(&w->parsed_more);
        pthread_mutex_unlock(&w->lock);
    }
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->n == 0 && !w->done)
            pthread_cond_wait(&w->more, &w->lock);
        if (w->n == 0)
            break;
        write_head(w);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Starts the second thread: it parses *parse, then writes into `out`. Returns 0, or -1 when
 * no thread could be made (then the caller goes on alone). */
static int writer_start(writer *w, tk_ser *out, const parse_job *parse)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->parse = *parse;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->more, NULL);
    pthread_cond_init(&w->room, NULL);
    pthread_cond_init(&w->parsed_more, NULL);
    if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
        pthread_cond_destroy(&w->parsed_more);
        pthread_cond_destroy(&w->room);
        pthread_cond_destroy(&w->more);
        pthread_mutex_destroy(&w->lock);
        return -1;
    }
    w->running = 1;
    return 0;
}

/* An empty stream for the next document: a spare one, or a new one. */
static tk_ser *writer_stream(writer *w)
{
    tk_ser *s = NULL;
    pthread_mutex_lock(&w->lock);
    if (w->n_spare > 0)
        s = w->spare[--w->n_spare];
    pthread_mutex_unlock(&w->lock);
    if (s == NULL)
        return tk_ser_new();
    tk_ser_clear(s);
    return s;
}

/* Queues a built document (the writer owns doc and stream from now on), waiting while the
 * queue is full. */
static void writer_put(writer *w, wjob j)
{
    pthread_mutex_lock(&w->lock);
    while (w->n == WQ)
        pthread_cond_wait(&w->room, &w->lock);
    w->q[(w->head + w->n) % WQ] = j;
    w->n++;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->lock);
}

/* Waits until the parse is over and every queued document is written, then stops the
 * thread (the queue is written out also on failure: what is queued is freed there). No-op
 * when not running. */
static void writer_stop(writer *w)
{
    if (!w->running)
        return;
    pthread_mutex_lock(&w->lock);
    w->done = 1;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    for (size_t i = 0; i < w->n_spare; i++)
        tk_ser_free(w->spare[i]);
    for (size_t i = 0; i < w->n_spare_doc; i++)
        xmlFreeDoc(w->spare_doc[i]);
    pthread_cond_destroy(&w->parsed_more);
    pthread_cond_destroy(&w->room);
    pthread_cond_destroy(&w->more);
    pthread_mutex_destroy(&w->lock);
    w->running = 0;
}

/* An empty document with its own dictionary for the next TEI built for the writer: an
 * emptied one, or a new one. */
static xmlDocPtr writer_doc(writer *w)
{
    xmlDocPtr doc = NULL;
    pthread_mutex_lock(&w->lock);
    if (w->n_spare_doc > 0)
        doc = w->spare_doc[--w->n_spare_doc];
    pthread_mutex_unlock(&w->lock);
    if (doc == NULL) {
        doc = tk_oom_check(xmlNewDoc((const xmlChar *)"1.0"));
        doc->dict = tk_oom_check(xmlDictCreate());
    }
    return doc;
}

/* Reads the input's lines (a message when it has no text) and loads what the conversion
 * reads from (the persons, places and rules). -1 on error. */
static int open_input(tk_conv *cv, tk_lines *L, const char *buf, size_t len,
                      const tk_convert_opts *o, tk_diag *d)
{
    if (tk_read_lines(buf, len, o->encoding, cv->file, d, L) != 0)
        return -1;
    size_t text_lines = 0;
    for (size_t i = 0; i < L->n && text_lines == 0; i++)
        for (size_t k = 0; k < L->v[i].len; k++)
            if (L->v[i].s[k] != ' ' && L->v[i].s[k] != '\t') {
                text_lines++;
                break;
            }
    if (L->n == 0)
        TK_MSG(d, EMPTY, cv->file, 1, 1);
    else if (text_lines == 0)
        TK_MSG(d, EMPTY_BLANK, cv->file, 1, 1);
    cv->persons = tk_persons_new(o->persons_path, d);
    if (cv->persons == NULL)
        return -1;
    tk_persons_set_honorifics(cv->persons, o->persons_path == NULL);
    cv->places = o->no_places ? NULL : tk_places_new();
    cv->rules = tk_rules_new(o->rules_path, d);
    if (cv->rules == NULL)
        return -1;
    if (o->date_order != TK_DATE_ORDER_AUTO)
        tk_rules_set_date_order(cv->rules, o->date_order == TK_DATE_ORDER_MDY ? TK_DATE_MDY
                                                                              : TK_DATE_DMY);
    return 0;
}

/* One document (or captions): one TEI, into *bytes (the header in front of the text
 * streamed) or handed to each->fn, else left in cv->doc. -1 on error. */
static int one_tei(tk_conv *cv, const tk_lines *L, tk_blocks *B, writer *w, tk_ser *front,
                   size_t len, tk_ser **bytes, each_doc *each)
{
    writer_stop(w); /* (the parse is over: one document) */
    cv->footnotes = tk_footnotes_new();
    if (cv->footnotes == NULL || (bytes != NULL && (cv->stream = tk_ser_new()) == NULL))
        return -1;
    if (bytes != NULL)
        tk_ser_reserve(cv->stream, len / 2 * 5); /* TEI is about 2.2 times the text */
    tk_docblocks empty = {0};
    if (build_tei(cv, L, B->n_docs ? &B->doc[0] : &empty, NULL, 0, B->shape, 0, 0) != 0)
        return -1;
    if (each != NULL) {
        if (hand_over(cv, xmlDocGetRootElement(cv->doc), each) != 0)
            return -1;
    } else if (bytes != NULL) { /* the header and the text before the body go in front */
        tk_ser_raw(front, prolog, sizeof prolog - 1);
        write_tei(cv, xmlDocGetRootElement(cv->doc), 0, front);
        tk_ser_prepend(cv->stream, front);
        *bytes = cv->stream;
        cv->stream = NULL;
    }
    return 0;
}

/* Several documents: a teiCorpus of TEI (into *bytes through *docs, or each handed to
 * each->fn, else left in cv->doc), the documents still parsing waited for when two threads
 * run (pipe: the writer w writes them), then the corpus header. -1 on error. */
static int build_corpus(tk_conv *cv, const tk_lines *L, tk_blocks *B, writer *w, int pipe,
                        tk_diag *held, int parse_over, size_t n_parsed, const tk_convert_opts *o,
                        tk_diag *d, size_t len, tk_ser **docs, tk_ser *front, tk_ser **bytes,
                        each_doc *each)
{
    xmlNodePtr corpus = new_root(cv, "teiCorpus");
    if (corpus == NULL || (bytes != NULL && *docs == NULL && (*docs = tk_ser_new()) == NULL))
        return -1;
    if (bytes != NULL && each == NULL)
        tk_ser_reserve(*docs, len / 2 * 5);
    int alone = o->split || each != NULL; /* each TEI lists its own persons */
    tk_places_set_corpus(cv->places, !alone); /* and places: else the corpus header */
    cv->tei_depth = each != NULL ? 0 : 1;  /* a document of its own, or in teiCorpus */
    xmlDocPtr main_doc = cv->doc;
    /* two threads: the second writes what this one built; a document of fewer blocks
     * is written whole there (streaming it here would keep this thread busy), a long
     * one still in parts (the memory) */
    if (pipe)
        cv->flush_every = 1024;
    for (size_t i = 0; i < n_parsed; i++) {
        if (pipe && !parse_over && i + 1 >= n_parsed) { /* the next document, parsed */
            size_t n = wait_parsed(w, i + 2, &B, &parse_over);
            if (parse_over) {
                tk_diag_release(held);
                cv->diag = d;
            }
            if (B == NULL)
                return -1;
            apply_meta(B, n_parsed, n, o, cv->diag);
            n_parsed = n;
        }
        if (cv->footnotes == NULL)
            cv->footnotes = tk_footnotes_new();
        else
            tk_footnotes_reset(cv->footnotes); /* note numbers restart (its arrays kept) */
        tk_inline_reset(cv->inl); /* (its buffers kept for the next document) */
        cv->timeline = NULL;
        if (pipe) {
            cv->doc = writer_doc(w);
            cv->stream = writer_stream(w);
        } else if (bytes != NULL) {
            if (cv->stream == NULL && (cv->stream = tk_ser_new()) == NULL)
                return -1;
            tk_ser_clear(cv->stream);
        }
        int built = cv->footnotes != NULL &&
                    build_tei(cv, L, &B->doc[i], pipe ? NULL : corpus, pipe, B->shape,
                              !alone, i + 1) == 0;
        if (pipe) { /* the writer owns the document from now on */
            wjob j = {cv->doc, xmlDocGetRootElement(cv->doc), child_named(cv->text, "body"),
                      cv->stream};
            cv->doc = main_doc;
            cv->stream = NULL;
            cv->text = NULL;
            if (built && j.tei != NULL)
                writer_put(w, j);
            else {
                xmlFreeDoc(j.doc);
                tk_ser_free(j.stream);
            }
        }
        if (!built)
            return -1;
        if (pipe)
            continue;
        if (each != NULL) {
            if (hand_over(cv, corpus->last, each) != 0)
                return -1;
        } else if (bytes != NULL) {
            size_t n = 0;
            write_tei(cv, corpus->last, 1, *docs);
            const char *b = tk_ser_bytes(cv->stream, &n);
            tk_ser_raw(*docs, b, n);
        }
    }
    writer_stop(w); /* every document written: docs is ours again */
    corpus_header(cv, corpus, B, !alone);
    if (alone && each == NULL)
        unique_ids(corpus);
    if (bytes != NULL && each == NULL) { /* the corpus header goes before the documents */
        tk_ser_raw(front, prolog, sizeof prolog - 1);
        tk_ser_open(front, corpus, 0);
        tk_ser_node(front, corpus->children, 1, 1);
        tk_ser_prepend(*docs, front);
        tk_ser_close(*docs, corpus, 0);
        *bytes = *docs;
        *docs = NULL;
    }
    return 0;
}

/* The conversion. With `bytes` NULL, returns the whole tree; else the serialized TEI goes
 * to a new *bytes (each part of the tree freed once written), or with `each` every document
 * to each->fn, and the (emptied) document is returned. NULL when the input has errors. */
static xmlDocPtr convert(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d,
                         tk_ser **bytes, each_doc *each)
{
    tk_convert_opts defaults;
    tk_lines L = {0};
    tk_blocks *B = NULL;
    tk_conv cv;
    tk_ser *docs = NULL, *front = NULL;
    xmlDocPtr result = NULL;
    writer w = {0};
    tk_diag *held = NULL; /* this thread's messages while the second one parses */
    int pipe = 0;         /* two threads */
    tk_xml_init(); /* before the first tree is built, whichever thread comes first */
    if (o == NULL) {
        tk_convert_opts_init(&defaults);
        o = &defaults;
    }
    memset(&cv, 0, sizeof cv);
    cv.diag = d;
    cv.file = o->name != NULL ? (strcmp(o->name, "-") == 0 ? "<stdin>" : o->name) : "<input>";
    cv.opts = o;
    cv.explain = o->explain;

    int errors_before = (int)tk_diag_count(d, TK_ERROR) + (int)tk_diag_count(d, TK_SYSTEM);
    if (open_input(&cv, &L, buf, len, o, d) != 0)
        goto out;
    int captions = o->shape == TK_SHAPE_CAPTIONS ||
                   (o->shape == TK_SHAPE_AUTO && tk_captions_detect(&L));
    if (captions && o->explain)
        TK_MSG(d, SHAPE_CAPTIONS, cv.file, 1, 1);
    /* (captions: the blocks give the metadata only; the cues are read by captions.c) */
    parse_job pj = {&L, captions ? TK_SHAPE_RECORD : o->shape, cv.rules, cv.file, o->explain,
                    !o->split && each == NULL, d};
    /* two threads: for the bytes of a teiCorpus (see "the second thread") */
    pipe = o->jobs >= 2 && bytes != NULL && each == NULL && !captions && meta_valid(o) &&
           d != NULL;
    if (pipe) {
        docs = tk_ser_new();
        tk_ser_reserve(docs, len / 2 * 5);
        held = tk_diag_hold(d);
        pipe = writer_start(&w, docs, &pj) == 0;
    }
    size_t n_parsed = 0; /* documents parsed (with meta applied) */
    int parse_over = 1;
    if (pipe) {
        cv.diag = held;
        n_parsed = wait_parsed(&w, 2, &B, &parse_over); /* one document, or a corpus */
        if (parse_over) {
            tk_diag_release(held);
            cv.diag = d;
        }
        if (B == NULL)
            goto out;
        apply_meta(B, 0, n_parsed, o, cv.diag);
    } else {
        B = tk_blocks_parse(pj.L, pj.shape, pj.rules, pj.file, pj.explain, pj.corpus_title, d);
        if (B != NULL && captions && B->n_docs > 0)
            tk_captions_meta(&L, &B->doc[0]);
        if (B == NULL || apply_meta(B, 0, B->n_docs, o, d) != 0)
            goto out;
        n_parsed = B->n_docs;
    }
    if (captions)
        B->shape = TK_SHAPE_CAPTIONS;
    if (cv.persons != NULL)
        tk_persons_set_play(cv.persons, B->shape == TK_SHAPE_PLAY);
    if (o->spoken && B->shape == TK_SHAPE_PLAY)
        TK_MSG(cv.diag, SPOKEN_PLAY, cv.file, 1, 1);
    cv.doc = xmlNewDoc((const xmlChar *)"1.0");
    if (cv.doc == NULL)
        goto out;
    cv.doc->dict = xmlDictCreate(); /* element and attribute names stored once */
    if (bytes != NULL && (front = tk_ser_new()) == NULL)
        goto out;
    cv.inl = tk_inline_new(); /* the inline pass's state, beside each document's notes */
    if (n_parsed <= 1 || captions) { /* captions: one document */
        if (one_tei(&cv, &L, B, &w, front, len, bytes, each) != 0)
            goto out;
    } else {
        if (build_corpus(&cv, &L, B, &w, pipe, held, parse_over, n_parsed, o, d, len, &docs, front,
                         bytes, each) != 0)
            goto out;
    }
    if ((int)tk_diag_count(d, TK_ERROR) + (int)tk_diag_count(d, TK_SYSTEM) > errors_before)
        goto out;
    result = cv.doc;
    cv.doc = NULL;
out:
    writer_stop(&w); /* (cv.doc is the corpus's again after each document) */
    if (pipe) /* the parse's blocks, whether handed over yet or not */
        B = w.B;
    tk_diag_free(held); /* (after the parse: its messages come first) */
    if (cv.doc != NULL)
        xmlFreeDoc(cv.doc);
    tk_ser_free(cv.stream);
    tk_ser_free(docs);
    tk_ser_free(front);
    tk_footnotes_free(cv.footnotes);
    tk_inline_free(cv.inl);
    tk_tei_scratch_free(&cv);
    tk_rules_free(cv.rules);
    tk_persons_free(cv.persons);
    tk_places_free(cv.places);
    tk_blocks_free(B);
    tk_lines_free(&L);
    return result;
}

xmlDocPtr tk_convert_memory(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d)
{
    return convert(buf, len, o, d, NULL, NULL);
}

char *tk_convert_memory_xml(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d,
                            size_t *len_out)
{
    tk_ser *bytes = NULL;
    char *xml = NULL;
    /* with split, the ids are made unique across the documents of the whole tree */
    int whole = o != NULL && o->split;
    xmlDocPtr doc = convert(buf, len, o, d, whole ? NULL : &bytes, NULL);
    if (doc != NULL && whole) {
        xml = tk_tei_serialize(doc, len_out);
        if (xml == NULL)
            TK_MSG(d, OOM, NULL, 0, 0);
        xmlFreeDoc(doc);
    } else if (doc != NULL) {
        xml = bytes != NULL ? tk_ser_detach(bytes, len_out) : NULL;
        if (xml == NULL)
            TK_MSG(d, OOM, NULL, 0, 0);
        xmlFreeDoc(doc);
    }
    tk_ser_free(bytes);
    return xml;
}

long tk_convert_each(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d,
                     int (*fn)(size_t i, const char *xml, size_t len, void *user), void *user)
{
    tk_ser *bytes = NULL;
    each_doc each = {fn, user, 0, 0};
    xmlDocPtr doc = convert(buf, len, o, d, &bytes, &each);
    tk_ser_free(bytes);
    if (doc == NULL)
        return each.stopped ? (long)each.n : -1;
    xmlFreeDoc(doc);
    return (long)each.n;
}

xmlDocPtr tk_convert_file(const char *path, const tk_convert_opts *o, tk_diag *d)
{
    tk_convert_opts local;
    if (o == NULL)
        tk_convert_opts_init(&local);
    else
        local = *o;
    if (local.name == NULL)
        local.name = path;
    size_t len = 0;
    char *buf = tk_read_file(path, &len, d);
    if (buf == NULL)
        return NULL;
    xmlDocPtr doc = tk_convert_memory(buf, len, &local, d);
    free(buf);
    return doc;
}

static int is_tei_el(xmlNodePtr n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

size_t tk_tei_count(xmlDocPtr doc)
{
    xmlNodePtr r = xmlDocGetRootElement(doc);
    if (is_tei_el(r, "TEI"))
        return 1;
    size_t n = 0;
    if (is_tei_el(r, "teiCorpus"))
        for (xmlNodePtr c = r->children; c != NULL; c = c->next)
            n += is_tei_el(c, "TEI");
    return n;
}

xmlDocPtr tk_tei_extract(xmlDocPtr doc, size_t i)
{
    size_t i0 = i;
    xmlNodePtr r = xmlDocGetRootElement(doc), found = NULL;
    if (is_tei_el(r, "TEI"))
        found = i == 0 ? r : NULL;
    else if (is_tei_el(r, "teiCorpus"))
        for (xmlNodePtr c = r->children; c != NULL && found == NULL; c = c->next)
            if (is_tei_el(c, "TEI") && i-- == 0)
                found = c;
    if (found == NULL)
        return NULL;
    xmlDocPtr out = xmlNewDoc((const xmlChar *)"1.0");
    if (out == NULL)
        return NULL;
    xmlNodePtr copy = xmlDocCopyNode(found, out, 1);
    if (copy == NULL) {
        xmlFreeDoc(out);
        return NULL;
    }
    xmlDocSetRootElement(out, copy);
    if (is_tei_el(r, "teiCorpus")) { /* the ids unique_ids renamed, back */
        id_pass p = {NULL, NULL, "", 1};
        snprintf(p.prefix, sizeof p.prefix, DOC_ID_PREFIX, i0 + 1);
        each_attr(copy, rewrite_attr, &p);
    }
    if (copy->nsDef == NULL) {
        xmlNsPtr ns = xmlNewNs(copy, (const xmlChar *)TK_TEI_NS, NULL);
        /* the copy may carry a reconciled namespace: point every node at the root's */
        xmlReconciliateNs(out, copy);
        (void)ns;
    }
    return out;
}

/* ------------------------------------------------------------------ persons draft */

static void ignore_match(const tk_person_match *m, void *user)
{
    (void)m;
    (void)user;
}

/* Finds and counts the persons of one input (every document) into cv->persons. */
static int draft_one(tk_conv *cv, const char *buf, size_t len, const char *name,
                     const tk_convert_opts *o, tk_diag *d)
{
    tk_lines L = {0};
    tk_blocks *B = NULL;
    int rc = -1;
    cv->file = name;
    if (tk_read_lines(buf, len, o->encoding, name, d, &L) != 0)
        goto out;
    B = tk_blocks_parse(&L, o->shape, cv->rules, name, 0, 1, d);
    if (B == NULL)
        goto out;
    tk_persons_set_play(cv->persons, B->shape == TK_SHAPE_PLAY);
    for (size_t k = 0; k < B->n_docs; k++) {
        const tk_docblocks *db = &B->doc[k];
        tk_persons_new_document(cv->persons);
        tk_persons_discover(cv->persons, &L, db, d, name, 0);
        for (size_t i = 0; i < db->n; i++) {
            const tk_block *bl = &db->b[i];
            const tk_line *l = &L.v[bl->line];
            if (bl->flags & TK_BF_JOINT) { /* each of the joint speakers (tei.c set_who) */
                const char *s = l->s + (bl->name_len > 0 ? bl->name_off : bl->label_off);
                size_t part[16][2];
                size_t np = tk_joint_parts(s, bl->name_len > 0 ? bl->name_len : bl->label_len,
                                           1, part, sizeof part / sizeof *part);
                for (size_t j = 0; j < np; j++)
                    tk_persons_speaker(cv->persons, s + part[j][0], part[j][1] - part[j][0]);
            } else if (bl->kind == TK_B_TURN)
                tk_persons_speaker(cv->persons, l->s + bl->label_off, bl->label_len);
            else if (bl->kind == TK_B_SPEAKER)
                tk_persons_speaker(cv->persons, l->s, bl->label_len);
            size_t a = bl->kind == TK_B_TURN || bl->kind == TK_B_ITEM ? bl->off : 0;
            size_t e = L.v[bl->line + bl->n_lines - 1].s - l->s + L.v[bl->line + bl->n_lines - 1].len;
            if (bl->kind != TK_B_SPEAKER && e > a)
                tk_persons_scan(cv->persons, l->s + a, e - a, ignore_match, NULL);
        }
    }
    rc = 0;
out:
    tk_blocks_free(B);
    tk_lines_free(&L);
    return rc;
}

xmlDocPtr tk_persons_draft_many(const char *const *bufs, const size_t *lens,
                                const char *const *names, size_t n, const tk_convert_opts *o,
                                tk_diag *d)
{
    tk_conv cv;
    tk_convert_opts defaults;
    xmlDocPtr result = NULL;
    tk_xml_init();
    if (o == NULL) { /* as tk_convert_memory: NULL means the defaults */
        tk_convert_opts_init(&defaults);
        o = &defaults;
    }
    memset(&cv, 0, sizeof cv);
    cv.diag = d;
    cv.persons = tk_persons_new(o->persons_path, d);
    if (cv.persons == NULL)
        goto out;
    tk_persons_set_honorifics(cv.persons, 1);
    for (size_t i = 0; i < n; i++)
        if (draft_one(&cv, bufs[i], lens[i], names[i] != NULL ? names[i] : "<input>", o, d) != 0)
            goto out;
    cv.doc = xmlNewDoc((const xmlChar *)"1.0");
    if (cv.doc == NULL)
        goto out;
    xmlNodePtr root = new_root(&cv, "listPerson");
    if (root == NULL)
        goto out;
    xmlNodePtr com = xmlNewDocComment(
        cv.doc, (const xmlChar *)" Draft personography made by teikit persons: correct the "
                                 "names, merge persons that are the same, remove what is not "
                                 "a person, fill the idno of an authority file when known; "
                                 "counts are mentions in the text. ");
    if (com != NULL)
        xmlAddPrevSibling(root, com);
    tk_persons_draft_list(cv.persons, &cv, root);
    result = cv.doc;
    cv.doc = NULL;
out:
    if (cv.doc != NULL)
        xmlFreeDoc(cv.doc);
    tk_persons_free(cv.persons);
    return result;
}

xmlDocPtr tk_persons_draft(const char *buf, size_t len, const tk_convert_opts *o, tk_diag *d)
{
    const char *name = o != NULL && o->name != NULL ? o->name : "<input>";
    return tk_persons_draft_many(&buf, &len, &name, 1, o, d);
}
