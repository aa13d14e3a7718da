/* persons.c: the personography (TEI listPerson/person[@xml:id]/persName), speaker persons,
 * and the name matcher: a byte trie over every name form walked from each word start
 * (longest match, word boundaries, whitespace runs = one space, possessive 's). */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "tk_internal.h"
#include "tk_names.h"
#include "tk_places.h"

typedef struct person {
    char *id;
    char **names;
    size_t n_names;
    char *role;
    int from_file;
    unsigned used_gen;      /* generation of the document that last used it */
    int used_any;
    unsigned long count;
    /* found without a personography */
    int found;              /* made from evidence in the text */
    int accepted;           /* its evidence reached ACCEPT */
    char *surname, *given;  /* as printed; given NULL when unknown */
    char init[8];           /* initials of the given names */
    char lead[8];           /* initials printed before the given name ("J" of "J. Rowan
                               Smith"): the given name is printed first */
    char sex;               /* 'm', 'f', 0 unknown */
    int first_is_surname;   /* "Mao Zedong" is also "Chairman Mao" */
    int surname_first;      /* a Chinese name: family name printed first */
    int next_sur;           /* next person with the same surname, -1 none */
    unsigned doc_gen;       /* document it was last found in */
    int doc_weight;         /* evidence there */
    unsigned doc_ev;        /* kinds of evidence there (bits) */
    int doc_verbs;          /* EV_VERB seen again there (it counts twice) */
    int doc_given;          /* its given name printed there */
    unsigned all_ev;        /* kinds of evidence in every document so far (bits) */
    unsigned carry_gen;     /* document whose text carry_surnames last read it in */
    /* for the draft personography and the header */
    char **forms;           /* printed forms, each led by its type letter: f full, l label,
                               v variant */
    size_t n_forms;
    char *first;            /* "file:line" of the first evidence */
    char *uncertain;        /* an uncertain merge, said to the editor */
    char **idnos;           /* "type\tvalue" from the personography */
    size_t n_idnos;
} person;

struct cand;

typedef struct trie_node {
    int child, sibling;     /* first child, next sibling (indices; -1 none) */
    int person;             /* person ending here, -1 none */
    unsigned char c;
    unsigned char bare;     /* the form ending here is a surname alone (found persons) */
} trie_node;

/* open hash: key string -> person index; each slot keeps its key's hash, so a probe reads
 * the key (another cache line) only when the hashes agree */
/* nick_fulls values: first * NICK_SPAN + last (tk_nicknames indices, fewer than this) */
#define NICK_SPAN 32768

typedef struct hmap {
    char **keys;
    int *vals;
    unsigned long *hashes;
    size_t cap, len;
} hmap;

struct tk_persons {
    person *v;
    size_t n, cap;
    size_t n_file;
    trie_node *t;
    size_t nt, tcap;
    int root_tab[256];
    int roots_not_upper;    /* forms start with a byte other than A-Z (see tk_persons_scan) */
    hmap forms;             /* lower-cased name forms and labels -> person */
    hmap ids;               /* ids -> person */
    unsigned gen;
    size_t *doc_used, n_doc_used, cap_doc_used;
    size_t *all_used, n_all_used, cap_all_used;
    int honorifics;
    int play;               /* tk_persons_set_play */
    uint64_t title_pairs[256]; /* bit (b & 63) of [a]: some title starts with bytes a, b */
    char *role_name[2];     /* interviewer, interviewee names from front matter */
    int last_node;          /* the trie node trie_insert ended at */
    int cross_merge;        /* find_person joined a full name to another document's surname */
    int office_split;       /* find_person left an office label unjoined: named persons sharing it */
    uint16_t word_bloom[26 * 26 + 1]; /* bit (length & 15) of [first two letters] */
    uint16_t sur_bloom[26 * 26 + 1];  /* the same for the surnames of accepted persons */
    int title_first[26];    /* tk_titles by first letter: first index, then title_next */
    int title_next[128];
    size_t title_len[128];
    hmap nicks;             /* "short\1full" (lower case) for each nickname pair */
    hmap nick_fulls;        /* the full names (lower case) that have a nickname -> the
                               first and last tk_nicknames entry with it (first * NICK_SPAN
                               + last) */
    hmap words;             /* lower-cased word -> W_* classes (names.c tables) */
    hmap roles;             /* lower-cased role labels */
    hmap sur;               /* lower-cased surname -> last found person with it */
    hmap doc_labels;        /* speaker labels already read in the document being discovered */
    hmap nouns;             /* lower-cased names -> 1 when the document has them in lower case */
    int nouns_ready;        /* nouns holds the names of the document being discovered */
    int nouns_asked;        /* common_noun calls in that document */
    struct cand *cands;     /* candidates of the document being discovered */
    size_t nc, ccap;
    size_t *doc_found, n_doc_found, cap_doc_found; /* found persons of that document */
    size_t n_sur_found;     /* found persons given an id (accepted) so far */
    struct { const char *s; size_t n; } *carry_words; /* capitalised words find_in_text left */
    size_t n_carry_words, cap_carry_words;           /* that may be such surnames (bloom) */
    struct { int who; char form[96]; } *label_people; /* plain_label_form's, this document */
    size_t n_label_people, cap_label_people;
};

/* ------------------------------------------------------------------ hash map */

static unsigned long hash_str(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

/* hmap_get with the key's hash h (hash_str) computed by the caller. */
static int hmap_get_h(const hmap *m, const char *key, unsigned long h)
{
    if (m->cap == 0)
        return -1;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == NULL)
            return -1;
        if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

static int hmap_get(const hmap *m, const char *key)
{
    return m->cap == 0 ? -1 : hmap_get_h(m, key, hash_str(key));
}

static int hmap_put(hmap *m, const char *key, int val)
{
    if ((m->len + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        char **keys = tk_xcalloc(cap, sizeof *keys);
        int *vals = tk_xcalloc(cap, sizeof *vals);
        unsigned long *hashes = tk_xcalloc(cap, sizeof *hashes);
        for (size_t i = 0; i < m->cap; i++) {
            if (m->keys[i] == NULL)
                continue;
            size_t j = m->hashes[i] & (cap - 1);
            while (keys[j] != NULL)
                j = (j + 1) & (cap - 1);
            keys[j] = m->keys[i];
            vals[j] = m->vals[i];
            hashes[j] = m->hashes[i];
        }
        free(m->keys);
        free(m->vals);
        free(m->hashes);
        m->keys = keys;
        m->vals = vals;
        m->hashes = hashes;
        m->cap = cap;
    }
    unsigned long h = hash_str(key);
    size_t i = h & (m->cap - 1);
    while (m->keys[i] != NULL) {
        if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0)
            return 0; /* first one wins */
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = tk_xstrdup(key);
    m->vals[i] = val;
    m->hashes[i] = h;
    m->len++;
    return 0;
}

/* Replaces the value of a key already present. */
static void hmap_set(hmap *m, const char *key, int val)
{
    if (m->cap == 0)
        return;
    unsigned long h = hash_str(key);
    for (size_t i = h & (m->cap - 1); m->keys[i] != NULL; i = (i + 1) & (m->cap - 1))
        if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0) {
            m->vals[i] = val;
            return;
        }
}

static void hmap_free(hmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    free(m->hashes);
}

/* ------------------------------------------------------------------ names */

/* buf = "a b" (b NULL: "a"), cut to cap bytes as snprintf "%s %s" cuts (this runs for every
 * person of every document: snprintf was a good part of the cost). */
static void join_words(char *buf, size_t cap, const char *a, const char *b)
{
    size_t o = 0;
    for (const char *q = a; *q && o + 1 < cap; q++)
        buf[o++] = *q;
    if (b != NULL) {
        if (o + 1 < cap)
            buf[o++] = ' ';
        for (const char *q = b; *q && o + 1 < cap; q++)
            buf[o++] = *q;
    }
    if (cap > 0)
        buf[o] = '\0';
}

/* Copy of s[0..n) with whitespace runs collapsed to one space and trimmed; lower-cased when
 * `lower`. */
static char *norm_name(const char *s, size_t n, int lower)
{
    char *r = tk_xmalloc(n + 1);
    size_t w = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = w > 0;
            continue;
        }
        if (space)
            r[w++] = ' ';
        space = 0;
        r[w++] = lower ? (char)tolower(c) : (char)c;
    }
    r[w] = '\0';
    return r;
}

/* ASCII letters and digits, and every byte of a non-ASCII character. */
static const unsigned char word_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* ASCII letters lower-cased, every other byte as it is (tolower in the C locale, which the
 * library keeps). */
static const unsigned char lower_byte[256] = {
#define L8(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7
    L8(0), L8(8), L8(16), L8(24), L8(32), L8(40), L8(48), L8(56),
    64, L8(97), L8(105), L8(113), 121, 122, 91, 92, 93, 94, 95,
    L8(96), L8(104), L8(112), L8(120),
    L8(128), L8(136), L8(144), L8(152), L8(160), L8(168), L8(176), L8(184),
    L8(192), L8(200), L8(208), L8(216), L8(224), L8(232), L8(240), L8(248),
#undef L8
};
_Static_assert(sizeof lower_byte == 256, "one entry a byte");

/* A letter, a digit or a byte of a non-ASCII character (no locale: this runs at every byte). */
static int is_word_byte(unsigned char c)
{
    return word_byte[c];
}

/* ------------------------------------------------------------------ persons */

static void words_init(tk_persons *p);
tk_persons *tk_persons_new_empty(void);
tk_persons *tk_persons_new_empty(void)
{
    tk_persons *p = tk_xcalloc(1, sizeof *p);
    for (int i = 0; i < 256; i++)
        p->root_tab[i] = -1;
    words_init(p);
    p->gen = 1;
    return p;
}

/* A zeroed slot at the end of the person array (not yet counted in p->n). */
static person *next_person(tk_persons *p)
{
    tk_grow((void **)&p->v, &p->cap, p->n, sizeof *p->v, 32);
    person *x = &p->v[p->n];
    memset(x, 0, sizeof *x);
    return x;
}

static int add_person(tk_persons *p, const char *id, int from_file)
{
    person *x = next_person(p);
    x->id = tk_xstrdup(id);
    x->from_file = from_file;
    hmap_put(&p->ids, id, (int)p->n);
    return (int)p->n++;
}

static int add_name(tk_persons *p, int who, const char *name)
{
    person *x = &p->v[who];
    x->names = tk_xrealloc(x->names, (x->n_names + 1) * sizeof *x->names);
    x->names[x->n_names++] = tk_xstrdup(name);
    return 0;
}

/* Records a printed form of person who (once), led by its type letter (f, l, v). */
static void add_variant(tk_persons *p, int who, char type, const char *form)
{
    person *x = &p->v[who];
    for (size_t k = 0; k < x->n_forms; k++)
        if (strcmp(x->forms[k] + 1, form) == 0)
            return;
    if (x->n_forms >= 64)
        return;
    x->forms = tk_xrealloc(x->forms, (x->n_forms + 1) * sizeof *x->forms);
    size_t n = strlen(form);
    char *f = tk_xmalloc(n + 2);
    f[0] = type;
    memcpy(f + 1, form, n + 1);
    x->forms[x->n_forms++] = f;
}

static int trie_new_node(tk_persons *p, unsigned char c)
{
    if (p->nt == p->tcap) {
        size_t cap = p->tcap ? p->tcap * 2 : 1024;
        p->t = tk_xrealloc(p->t, cap * sizeof *p->t);
        p->tcap = cap;
    }
    trie_node *n = &p->t[p->nt];
    n->child = n->sibling = n->person = -1;
    n->c = c;
    n->bare = 0;
    return (int)p->nt++;
}

/* Inserts a normalized name form for person `who`. The first person to claim a form keeps
 * it (a warning is the caller's business). */
static int trie_insert(tk_persons *p, const char *name, int who)
{
    const unsigned char *s = (const unsigned char *)name;
    if (*s == '\0')
        return 0;
    int node = p->root_tab[*s];
    if (node < 0) {
        node = trie_new_node(p, *s);
        if (node < 0)
            return -1;
        p->root_tab[*s] = node;
        p->roots_not_upper += !(*s >= 'A' && *s <= 'Z');
    }
    for (s++; *s; s++) {
        int c = p->t[node].child;
        while (c >= 0 && p->t[c].c != *s)
            c = p->t[c].sibling;
        if (c < 0) {
            c = trie_new_node(p, *s);
            if (c < 0)
                return -1;
            p->t[c].sibling = p->t[node].child;
            p->t[node].child = c;
        }
        node = c;
    }
    if (p->t[node].person < 0)
        p->t[node].person = who;
    p->last_node = node;
    return 0;
}

static int xml_id_of(xmlNodePtr n, char **out)
{
    xmlChar *id = xmlGetNsProp(n, (const xmlChar *)"id", (const xmlChar *)TK_XML_NS);
    *out = (char *)id;
    return id != NULL;
}

static void collect_persons(tk_persons *p, xmlNodePtr n, const char *path, tk_diag *d,
                            int *errors, int *non_tei)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int tei = n->ns != NULL && strcmp((const char *)n->ns->href, TK_TEI_NS) == 0;
        if (strcmp((const char *)n->name, "person") == 0 && !tei)
            (*non_tei)++;
        if (strcmp((const char *)n->name, "person") == 0 && tei) {
            char *id = NULL;
            unsigned line = (unsigned)xmlGetLineNo(n);
            if (!xml_id_of(n, &id)) {
                TK_MSG(d, PERSONS_NO_ID, path, line, 0);
                continue;
            }
            if (hmap_get(&p->ids, id) >= 0) {
                TK_MSG(d, PERSONS_DUP_ID, path, line, 0, id);
                (*errors)++;
                xmlFree(id);
                continue;
            }
            int who = add_person(p, id, 1);
            xmlFree(id);
            if (who < 0) {
                (*errors)++;
                return;
            }
            for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
                if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "persName") != 0)
                    continue;
                xmlChar *txt = xmlNodeGetContent(c);
                char *nm = txt ? norm_name((const char *)txt, strlen((const char *)txt), 0) : NULL;
                char *lo = txt ? norm_name((const char *)txt, strlen((const char *)txt), 1) : NULL;
                xmlFree(txt);
                if (nm != NULL && nm[0] != '\0') {
                    add_name(p, who, nm);
                    trie_insert(p, nm, who);
                    hmap_put(&p->forms, lo, who);
                }
                free(nm);
                free(lo);
            }
            for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
                if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "idno") != 0)
                    continue;
                xmlChar *type = xmlGetProp(c, (const xmlChar *)"type");
                xmlChar *val = xmlNodeGetContent(c);
                char buf[512];
                snprintf(buf, sizeof buf, "%s\t%s", type ? (const char *)type : "",
                         val ? (const char *)val : "");
                person *x = &p->v[who];
                x->idnos = tk_xrealloc(x->idnos, (x->n_idnos + 1) * sizeof *x->idnos);
                x->idnos[x->n_idnos++] = tk_xstrdup(buf);
                xmlFree(type);
                xmlFree(val);
            }
            if (p->v[who].n_names == 0)
                TK_MSG(d, PERSONS_NO_NAME, path, line, 0, p->v[who].id);
            continue;
        }
        collect_persons(p, n->children, path, d, errors, non_tei);
    }
}

tk_persons *tk_persons_new(const char *path, tk_diag *d)
{
    tk_persons *p = tk_persons_new_empty();
    if (p == NULL || path == NULL)
        return p;
    FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
    if (f == NULL && strcmp(path, "-") != 0) {
        TK_MSG(d, IO_OPEN, path, 0, 0, strerror(errno));
        tk_persons_free(p);
        return NULL;
    }
    if (f != NULL)
        fclose(f);
    xmlDocPtr doc = tk_xml_read_file(path, 0, d);
    if (doc == NULL) {
        TK_MSG(d, PERSONS_UNREADABLE, path, 0, 0);
        tk_persons_free(p);
        return NULL;
    }
    int errors = 0, non_tei = 0;
    collect_persons(p, xmlDocGetRootElement(doc), path, d, &errors, &non_tei);
    xmlFreeDoc(doc);
    if (errors == 0 && p->n == 0) {
        TK_MSG(d, PERSONS_NONE, path, 0, 0, non_tei ? " in the TEI namespace" : "");
        errors++;
    }
    if (errors > 0) {
        tk_persons_free(p);
        return NULL;
    }
    p->n_file = p->n;
    return p;
}

void tk_persons_free(tk_persons *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].id);
        for (size_t k = 0; k < p->v[i].n_names; k++)
            free(p->v[i].names[k]);
        free(p->v[i].names);
        free(p->v[i].role);
        free(p->v[i].surname);
        free(p->v[i].given);
        for (size_t k = 0; k < p->v[i].n_forms; k++)
            free(p->v[i].forms[k]);
        free(p->v[i].forms);
        free(p->v[i].first);
        free(p->v[i].uncertain);
        for (size_t k = 0; k < p->v[i].n_idnos; k++)
            free(p->v[i].idnos[k]);
        free(p->v[i].idnos);
    }
    hmap_free(&p->words);
    hmap_free(&p->nicks);
    hmap_free(&p->nick_fulls);
    hmap_free(&p->roles);
    hmap_free(&p->sur);
    hmap_free(&p->doc_labels);
    hmap_free(&p->nouns);
    free(p->cands);
    free(p->carry_words);
    free(p->label_people);
    free(p->doc_found);
    free(p->v);
    free(p->t);
    hmap_free(&p->forms);
    hmap_free(&p->ids);
    free(p->doc_used);
    free(p->all_used);
    free(p->role_name[0]);
    free(p->role_name[1]);
    free(p);
}

size_t tk_persons_count(const tk_persons *p) { return p != NULL ? p->n_file : 0; }
void tk_persons_set_honorifics(tk_persons *p, int on) { p->honorifics = on; }

static int push_idx(size_t **v, size_t *n, size_t *cap, size_t x)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        *v = tk_xrealloc(*v, c * sizeof **v);
        *cap = c;
    }
    (*v)[(*n)++] = x;
    return 0;
}

static void mark_used(tk_persons *p, int who)
{
    person *x = &p->v[who];
    x->count++;
    if (x->used_gen != p->gen) {
        x->used_gen = p->gen;
        push_idx(&p->doc_used, &p->n_doc_used, &p->cap_doc_used, (size_t)who);
    }
    if (!x->used_any) {
        x->used_any = 1;
        push_idx(&p->all_used, &p->n_all_used, &p->cap_all_used, (size_t)who);
    }
}

void tk_persons_new_document(tk_persons *p)
{
    p->gen++;
    p->n_doc_used = 0;
}

void tk_persons_each_used(tk_persons *p, int all_docs,
                          void (*fn)(const char *id, const char *const *names, size_t n,
                                     const char *role, unsigned long count, void *user),
                          void *user)
{
    size_t *v = all_docs ? p->all_used : p->doc_used;
    size_t n = all_docs ? p->n_all_used : p->n_doc_used;
    for (size_t i = 0; i < n; i++) {
        person *x = &p->v[v[i]];
        const char *fallback = x->id;
        if (x->n_names > 0)
            fn(x->id, (const char *const *)x->names, x->n_names, x->role, x->count, user);
        else
            fn(x->id, &fallback, 1, x->role, x->count, user);
    }
}

/* Latin letters with diacritics (U+00C0..U+017F) as the ASCII letters an id spells them
 * with (`Flèche` -> `fleche`, `Łukasz` -> `lukasz`, `Straße` -> `strasse`): ranges of code
 * points, each with its letters; what no range holds (`×`, `÷`) is a separator. */
static const struct {
    unsigned lo, hi;
    const char *ascii;
} id_letters[] = {
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},  {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},   {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},   {0xD9, 0xDC, "u"},   {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},  {0xE0, 0xE5, "a"},   {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},   {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},   {0xF8, 0xF8, "o"},   {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},  {0xFF, 0xFF, "y"},   {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"}, {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

/* The ASCII letters of the two-byte UTF-8 letter at t (n bytes left), or NULL. */
static const char *id_letter(const unsigned char *t, size_t n)
{
    if (n < 2 || t[0] < 0xC3 || t[0] > 0xC5 || (t[1] & 0xC0) != 0x80)
        return NULL;
    unsigned cp = ((unsigned)(t[0] & 0x1F) << 6) | (t[1] & 0x3F);
    for (size_t k = 0; k < sizeof id_letters / sizeof id_letters[0]; k++)
        if (cp >= id_letters[k].lo && cp <= id_letters[k].hi)
            return id_letters[k].ascii;
    return NULL;
}

/* A valid, unique NCName id derived from text: ASCII letters and digits lower-cased, Latin
 * letters with diacritics spelled in ASCII (id_letters), other runs become '-'; a leading
 * digit gets "p-"; a taken id gets "-2", "-3"... */
static char *make_id(tk_persons *p, const char *text, size_t n)
{
    char *id = tk_xmalloc(2 * n + 16);
    size_t w = 0;
    for (size_t i = 0; i < n && w < 48; i++) {
        unsigned char c = (unsigned char)text[i];
        const char *a = c >= 0x80 ? id_letter((const unsigned char *)text + i, n - i) : NULL;
        if (a != NULL) {
            while (*a != '\0')
                id[w++] = *a++;
            i++;
        } else if (isalnum(c))
            id[w++] = (char)tolower(c);
        else if (w > 0 && id[w - 1] != '-')
            id[w++] = '-';
    }
    while (w > 0 && id[w - 1] == '-')
        w--;
    id[w] = '\0';
    if (w == 0)
        strcpy(id, "person");
    else if (isdigit((unsigned char)id[0])) {
        memmove(id + 2, id, w + 1);
        id[0] = 'p';
        id[1] = '-';
    }
    if (hmap_get(&p->ids, id) < 0)
        return id;
    size_t base = strlen(id);
    for (int k = 2;; k++) {
        char num[16], *e = num + sizeof num; /* "-k", as snprintf "-%d" (k > 0) */
        int v = k;
        *--e = '\0';
        do
            *--e = (char)('0' + v % 10);
        while ((v /= 10) > 0);
        *--e = '-';
        memcpy(id + base, e, (size_t)(num + sizeof num - e));
        if (hmap_get(&p->ids, id) < 0)
            return id;
    }
}

/* A new person with an id derived from name[0..n) and that name as its persName, found
 * again under `key` in the forms table. Returns its index or -1. */
static int new_named_person(tk_persons *p, const char *name, size_t n, const char *key)
{
    char *id = make_id(p, name, n);
    int who = id ? add_person(p, id, 0) : -1;
    free(id);
    if (who < 0)
        return -1;
    char *nm = norm_name(name, n, 0);
    if (nm != NULL)
        add_name(p, who, nm);
    free(nm);
    hmap_put(&p->forms, key, who);
    return who;
}

/* ------------------------------------------------------------------ word tables */

enum { W_MALE = 1, W_FEMALE = 2, W_STOP = 4, W_INST = 8, W_OFFICE = 16, W_ROLE = 32, W_CN = 64,
       W_NICK = 128, W_PLACE = 256, W_VERB = 512 };

/* The bloom slot of a word: its first two letters (case-insensitive), or the catch-all. */
static size_t bloom_slot(const char *s, size_t n)
{
    int a = n >= 2 ? lower_byte[(unsigned char)s[0]] - 'a' : -1;
    int b = n >= 2 ? lower_byte[(unsigned char)s[1]] - 'a' : -1;
    return a >= 0 && a < 26 && b >= 0 && b < 26 ? (size_t)(a * 26 + b) : 26 * 26;
}

/* Adds class bits to one lower-case word of the word table (and its bloom slot). */
static void word_or(tk_persons *p, const char *w, int bits)
{
    size_t n = strlen(w);
    hmap *m = bits == W_ROLE ? &p->roles : &p->words;
    if (bits != W_ROLE)
        p->word_bloom[bloom_slot(w, n)] |= (uint16_t)(1u << (n & 15));
    int old = hmap_get(m, w);
    if (old >= 0)
        hmap_set(m, w, old | bits);
    else
        hmap_put(m, w, bits);
}

/* Adds every word of a separated list to the word table with bit `bits`, lower-cased. */
static void words_add(tk_persons *p, const char *list, char sep, int bits)
{
    const char *s = list;
    while (*s) {
        while (*s == sep)
            s++;
        const char *e = s;
        while (*e && *e != sep)
            e++;
        if (e > s) {
            char w[64];
            snprintf(w, sizeof w, "%.*s", (int)(e - s), s);
            for (char *q = w; *q; q++) /* the gazetteer is as printed */
                *q = (char)tolower((unsigned char)*q);
            word_or(p, w, bits);
        }
        s = e;
    }
}

static void words_init(tk_persons *p)
{
    p->word_bloom[26 * 26] = 0xFFFF; /* words not starting with two ASCII letters */
    words_add(p, tk_given_male, ' ', W_MALE);
    words_add(p, tk_given_female, ' ', W_FEMALE);
    words_add(p, tk_not_name_words, ' ', W_STOP);
    words_add(p, tk_institution_words, ' ', W_INST);
    words_add(p, tk_office_words, ' ', W_OFFICE);
    words_add(p, tk_chinese_surnames, ' ', W_CN);
    words_add(p, tk_gazetteer_places, '|', W_PLACE);
    words_add(p, tk_person_verbs, ' ', W_VERB);
    for (unsigned i = 0; i < tk_n_nicknames; i++) {
        const char *e = tk_nicknames[i];
        size_t k = strcspn(e, " ");
        for (const char *f = e + k; *f;) {
            f++;
            size_t m = strcspn(f, " ");
            char key[100];
            snprintf(key, sizeof key, "%.*s\001%.*s", (int)k, e, (int)m, f);
            hmap_put(&p->nicks, key, 1);
            key[k] = '\0';
            word_or(p, key, W_NICK); /* "Jen": a short form of a given name */
            key[k] = '\001';
            /* the first and the last entry that have this full name: NICK_SPAN */
            int old = hmap_get(&p->nick_fulls, key + k + 1);
            if (old < 0)
                hmap_put(&p->nick_fulls, key + k + 1, (int)i * NICK_SPAN + (int)i);
            else
                hmap_set(&p->nick_fulls, key + k + 1, old / NICK_SPAN * NICK_SPAN + (int)i);
            f += m;
        }
    }
    words_add(p, tk_role_labels, '|', W_ROLE);
    for (int i = 0; i < 26; i++)
        p->title_first[i] = -1;
    for (unsigned i = tk_n_titles < 128 ? tk_n_titles : 128; i-- > 0;) {
        const char *h = tk_titles[i].text;
        p->title_pairs[(unsigned char)h[0]] |= 1ull << ((unsigned char)h[1] & 63);
        p->title_len[i] = strlen(h);
        p->title_next[i] = p->title_first[h[0] - 'A'];
        p->title_first[h[0] - 'A'] = (int)i;
    }
}

/* The classes (W_* bits) of the word s[0..n), compared lower-cased; 0 when unknown. */
static int word_bits(const tk_persons *p, const char *s, size_t n)
{
    char w[64];
    if (n == 0 || n >= sizeof w)
        return 0;
    size_t k0 = n;
    while (k0 > 1 && s[k0 - 1] == '.')
        k0--;
    if (!(p->word_bloom[bloom_slot(s, k0)] & (1u << (k0 & 15))))
        return 0; /* most words: no table has a word of these first letters and length */
    size_t k = n;
    while (k > 0 && s[k - 1] == '.') /* "Dr." -> "dr" */
        k--;
    unsigned long h = 5381; /* hash_str of the lower-cased key, as it is copied */
    for (size_t i = 0; i < k; i++) {
        unsigned char c = lower_byte[(unsigned char)s[i]];
        w[i] = (char)c;
        h = h * 33 + c;
    }
    w[k] = '\0';
    int b = hmap_get_h(&p->words, w, h);
    return b < 0 ? 0 : b;
}

/* Sex told by a given name: 'm' or 'f' when the census lists it for one sex only. */
static char given_sex(const tk_persons *p, const char *s, size_t n)
{
    int b = word_bits(p, s, n) & (W_MALE | W_FEMALE);
    return b == W_MALE ? 'm' : b == W_FEMALE ? 'f' : 0;
}

/* ------------------------------------------------------------------ evidence */

/* Each source of evidence that a span names a person, with its weight: a person is marked
 * when the weights of its evidence in the document add up to ACCEPT. */
typedef enum ev_kind {
    EV_LABEL, EV_TITLE, EV_LIST, EV_BETWEEN, EV_OFFICE_PAREN, EV_GIVEN, EV_CHINESE, EV_ROSTER, EV_INITIALS, EV_INITIAL,
    EV_ADDRESS, EV_VERB, EV_SIGNED, EV_APPOSITION,
    EV_COUNT
} ev_kind;

static const struct {
    const char *why;
    int weight;
} evidence[] = {
    [EV_LABEL] = {"speaker label", 10},
    [EV_TITLE] = {"title + name", 10},
    [EV_LIST] = {"participants or Present: list", 8},
    [EV_BETWEEN] = {"'between X and Y' in a title line", 8},
    [EV_OFFICE_PAREN] = {"office and (Name) in a title line", 8},
    [EV_GIVEN] = {"given name (census list) + surname", 6},
    [EV_CHINESE] = {"Chinese family name + given name", 6},
    [EV_ROSTER] = {"roster line (one name per line)", 6},
    [EV_INITIALS] = {"initials + surname", 6},
    [EV_INITIAL] = {"one initial + surname (needs more evidence)", 3},
    [EV_ADDRESS] = {"given name in address position ('Thanks, Jen.', 'Jen, ...' opening a turn)", 6},
    [EV_VERB] = {"two capitalised words before a verb of speech or will (needs it twice)", 3},
    [EV_SIGNED] = {"a name alone signing a letter or telegram", 6},
    [EV_APPOSITION] = {"a name before an office in apposition ('Ustrugov, Assistant Minister')", 6},
};
_Static_assert(sizeof evidence / sizeof *evidence == EV_COUNT, "one row per evidence kind");
#define ACCEPT 5

/* One span of a document that may name a person. */
typedef struct cand {
    char given[48];   /* first given name as printed, "" when none */
    char init[8];     /* initials of the given names, in order ("JH" for John H.) */
    char lead[8];     /* those printed before the given name ("J" for J. Rowan Smith) */
    char surname[64]; /* as printed (title case) */
    char sex;         /* 'm', 'f', 0 */
    int surname_first; /* printed family name first ("Zhou Enlai") */
    int office;       /* an office or a sexless title before the name ("SENATOR QUILL",
                         "Dr. Quill"): it may name a woman found with her given name */
    ev_kind ev;
    char form[160];   /* the span as printed, whitespace runs as one space */
    unsigned line, col;
} cand;

/* A name's words after an optional title: initials and capitalised words. */
typedef struct name_parts {
    size_t len;       /* bytes of the name (0: none) */
    size_t first, first_len; /* the first capitalised word when there are two or more */
    size_t last, last_len;   /* the surname */
    char init[8];
    int n_words, n_init;
    int n_lead;       /* initials before the first word ("J. Rowan Smith": 1) */
    int given_known;  /* the first word is a census given name */
} name_parts;

/* Length of a capitalised word at s (title case: an upper-case letter, then letters with at
 * least one lower case; inner ' and -), without a possessive 's; 0 when none. */
static size_t cap_word(const char *s, size_t n)
{
    /* the bytes of a word: 1 lower case (a-z, a byte of a non-ASCII character but 0xE2,
       which opens ’ and —), 2 upper case, 3 inner ' and -, 0 the end */
    static const unsigned char cls[256] = {
        ['\''] = 3, ['-'] = 3,
#define R8(b) [b] = 2, [b + 1] = 2, [b + 2] = 2, [b + 3] = 2, [b + 4] = 2, [b + 5] = 2, \
              [b + 6] = 2, [b + 7] = 2
        R8('A'), R8('A' + 8), R8('A' + 16), ['Y'] = 2, ['Z'] = 2,
#undef R8
#define R8(b) [b] = 1, [b + 1] = 1, [b + 2] = 1, [b + 3] = 1, [b + 4] = 1, [b + 5] = 1, \
              [b + 6] = 1, [b + 7] = 1
        R8('a'), R8('a' + 8), R8('a' + 16), ['y'] = 1, ['z'] = 1,
        R8(0x80), R8(0x88), R8(0x90), R8(0x98), R8(0xA0), R8(0xA8), R8(0xB0), R8(0xB8),
        R8(0xC0), R8(0xC8), R8(0xD0), R8(0xD8), [0xE0] = 1, [0xE1] = 1, [0xE3] = 1,
        [0xE4] = 1, [0xE5] = 1, [0xE6] = 1, [0xE7] = 1, R8(0xE8), R8(0xF0), R8(0xF8),
#undef R8
    };
    const unsigned char *t = (const unsigned char *)s;
    size_t i;
    int lower = 0;
    if (n == 0)
        return 0;
    if (t[0] >= 'A' && t[0] <= 'Z')
        i = 1;
    else if (n > 1 && t[0] == 0xC3 && t[1] >= 0x80 && t[1] <= 0x9E && t[1] != 0x97)
        i = 2;
    else
        return 0;
    while (i < n) {
        unsigned char c = t[i], k = cls[c];
        if (k == 1)
            lower = 1, i++;
        else if (k == 2)
            i++;
        else if (k == 3 && i + 1 < n && isalpha(t[i + 1]) &&
                 !(c == '\'' && t[i + 1] == 's' && (i + 2 >= n || !isalpha(t[i + 2]))))
            i++;
        else
            break;
    }
    return lower && i >= 2 ? i : 0;
}

/* Initials at s ("E.", "E.F.", "E. F." is two calls): bytes of one run of "X." pairs. */
static size_t initials_at(const char *s, size_t n, int *count)
{
    size_t i = 0;
    *count = 0;
    while (i + 1 < n && s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] == '.' &&
           (i + 2 >= n || !isalpha((unsigned char)s[i + 2]) || (s[i + 2] >= 'A' && s[i + 2] <= 'Z' && i + 3 < n && s[i + 3] == '.'))) {
        (*count)++;
        i += 2;
    }
    return i;
}

/* Reads up to `max` name tokens (initials, capitalised words that are not stop words) at
 * s, separated by single spaces; the name ends with a word, its surname. The given name is
 * the first word before it; the initials are those of every token before it. */
static void read_name(const tk_persons *p, const char *s, size_t n, int max, name_parts *np)
{
    struct { size_t off, len; int cnt; } tok[8];
    int nt = 0;
    size_t i = 0;
    memset(np, 0, sizeof *np);
    while (i < n && nt < max && nt < 8) {
        int cnt = 0;
        size_t k = initials_at(s + i, n - i, &cnt);
        if (k == 0) {
            k = cap_word(s + i, n - i);
            if (k == 0 || (word_bits(p, s + i, k) & W_STOP))
                break;
        }
        tok[nt].off = i;
        tok[nt].len = k;
        tok[nt].cnt = cnt;
        nt++;
        i += k;
        if (i + 1 < n && s[i] == ' ' && s[i + 1] != ' ')
            i++;
        else
            break;
    }
    while (nt > 0 && tok[nt - 1].cnt > 0) /* ends with a word */
        nt--;
    if (nt == 0)
        return;
    np->last = tok[nt - 1].off;
    np->last_len = tok[nt - 1].len;
    np->len = np->last + np->last_len;
    for (int k = 0; k < nt - 1; k++) {
        if (tok[k].cnt > 0) {
            for (int c = 0; c < tok[k].cnt && np->n_init < 6; c++)
                np->init[np->n_init++] = s[tok[k].off + 2 * (size_t)c];
        } else {
            if (np->first_len == 0) {
                np->n_lead = np->n_init;
                np->first = tok[k].off;
                np->first_len = tok[k].len;
            }
            if (np->n_init < 6)
                np->init[np->n_init++] = s[tok[k].off];
        }
    }
    for (int k = 0; k < nt; k++)
        np->n_words += tok[k].cnt == 0;
    np->given_known = np->first_len > 0 &&
                      (word_bits(p, s + np->first, np->first_len) & (W_MALE | W_FEMALE | W_NICK));
}

/* Length of the title and its space at s ("Mr. "), 0 when none; *sex its sex. Only
 * capitalised words are compared, and only with the titles of the same first letter and
 * length: this runs at every capitalised word. */
static size_t title_at(const tk_persons *p, const char *s, size_t n, char *sex)
{
    if (n < 4 || !(s[0] >= 'A' && s[0] <= 'Z') ||
        !(p->title_pairs[(unsigned char)s[0]] & (1ull << ((unsigned char)s[1] & 63))))
        return 0;
    size_t w = 1;
    while (w < n && w < 16 && s[w] != ' ')
        w++;
    if (w >= n || s[w] != ' ')
        return 0;
    for (int i = p->title_first[s[0] - 'A']; i >= 0; i = p->title_next[i]) {
        const char *h = tk_titles[i].text;
        if (p->title_len[i] == w && memcmp(s, h, w) == 0) {
            *sex = tk_titles[i].sex;
            return w + 1;
        }
    }
    return 0;
}

/* title_at, case-insensitive, for speaker labels printed in capitals ("DR. KISSINGER"). */
static size_t title_at_nocase(const char *s, size_t n, char *sex)
{
    for (unsigned i = 0; i < tk_n_titles; i++) {
        const char *h = tk_titles[i].text;
        size_t k = strlen(h);
        if (n > k + 1 && strncasecmp(s, h, k) == 0 && s[k] == ' ') {
            *sex = tk_titles[i].sex;
            return k + 1;
        }
    }
    return 0;
}

/* Fills a candidate from name parts read at s. */
static void cand_fill(cand *c, const tk_persons *p, const char *s, const name_parts *np,
                      char title_sex, ev_kind ev, const char *form, size_t form_len)
{
    memset(c, 0, sizeof *c);
    if (np->first_len > 0)
        tk_strput(c->given, sizeof c->given, 0, s + np->first, np->first_len);
    memcpy(c->init, np->init, sizeof c->init);
    if (np->first_len > 0 && np->n_lead > 0 && np->n_lead < (int)sizeof c->lead)
        memcpy(c->lead, np->init, (size_t)np->n_lead);
    tk_strput(c->surname, sizeof c->surname, 0, s + np->last, np->last_len);
    c->sex = title_sex ? title_sex
                       : (np->first_len ? given_sex(p, s + np->first, np->first_len) : 0);
    c->ev = ev;
    /* two words, the first a Chinese family name: "Mao Zedong" is Mao's */
    if (np->first_len > 0 && np->n_words == 2 && np->n_init == 1 &&
        (word_bits(p, s + np->first, np->first_len) & (W_CN | W_MALE | W_FEMALE)) == W_CN) {
        tk_strput(c->given, sizeof c->given, 0, s + np->last, np->last_len);
        tk_strput(c->surname, sizeof c->surname, 0, s + np->first, np->first_len);
        c->init[0] = c->given[0];
        c->init[1] = '\0';
        c->surname_first = 1;
    }
    char *f = norm_name(form, form_len, 0);
    if (f != NULL)
        tk_strput(c->form, sizeof c->form, 0, f, strlen(f));
    free(f);
}

static int push_cand(tk_persons *p, const cand *c)
{
    if (p->nc == p->ccap) {
        size_t cap = p->ccap ? p->ccap * 2 : 64;
        p->cands = tk_xrealloc(p->cands, cap * sizeof *p->cands);
        p->ccap = cap;
    }
    p->cands[p->nc++] = *c;
    return 0;
}

/* push_cand for a candidate found at line:col. */
static void push_cand_at(tk_persons *p, cand *c, unsigned line, unsigned col)
{
    c->line = line;
    c->col = col;
    push_cand(p, c);
}

/* The word after a name: an institution word there ("George C. Marshall Conference
 * Center") makes the name part of an institution's. */
static int institution_after(const tk_persons *p, const char *s, size_t n)
{
    if (n < 2 || s[0] != ' ')
        return 0;
    size_t k = cap_word(s + 1, n - 1);
    return k > 0 && (word_bits(p, s + 1, k) & W_INST);
}

/* A given name printed to address someone: the word s[i..i+w) opens a block's first line
 * (`opens`; after a short capitals label such as "Q") and a comma and a lower-case word follow ("Jen, beyond..."),
 * or it follows a comma after a lower-case word and ends a clause ("Thanks, Jen.", "As you
 * know, Jim, because", "are you, Jen?"). */
static int address_at(const char *s, size_t n, size_t i, size_t w, int opens)
{
    size_t e = i + w;
    int comma_word = e + 2 < n && s[e] == ',' && s[e + 1] == ' ' && islower((unsigned char)s[e + 2]);
    int clause_end = e < n && strchr(".?!", s[e]) != NULL && (e + 1 == n || s[e + 1] == ' ');
    size_t j = i;
    while (j > 0 && s[j - 1] == ' ')
        j--;
    if (opens && (j == 0 || (j <= 4 && j + 2 <= i))) { /* a block's start, or after "Q" */
        size_t k = 0;
        while (k < j && ((s[k] >= 'A' && s[k] <= 'Z') || s[k] == ':' || s[k] == '.'))
            k++;
        if (k == j)
            return comma_word;
    }
    if (i < 3 || s[i - 1] != ' ' || s[i - 2] != ',' || !(comma_word || clause_end))
        return 0;
    size_t b = i - 2; /* the word before the comma: lower case ("Thanks,", not "Nicaragua,") */
    while (b > 0 && is_word_byte((unsigned char)s[b - 1]))
        b--;
    return b < i - 2 && islower((unsigned char)s[b]);
}

/* "that Mitt Romney wants": two capitalised words, neither a stop, office, institution or
 * place word nor the pair a place, right after a lower-case word other than "the", followed by a verb of
 * speech or will (tk_person_verbs). Length of the second word, 0 when no such pair. */
static size_t verb_pair_at(const tk_persons *p, const char *s, size_t n, size_t i, size_t w,
                           int bits)
{
    const int no = W_STOP | W_INST | W_OFFICE | W_PLACE | W_ROLE;
    if ((bits & no) || i + w + 1 >= n || s[i + w] != ' ')
        return 0;
    size_t a = i + w + 1;
    size_t w2 = cap_word(s + a, n - a);
    if (w2 == 0 || (word_bits(p, s + a, w2) & no) || (word_bits(p, s + i, a + w2 - i) & W_PLACE))
        return 0;
    size_t v = a + w2;
    if (v + 2 >= n || s[v] != ' ' || !islower((unsigned char)s[v + 1]))
        return 0;
    size_t vl = 0;
    while (v + 1 + vl < n && islower((unsigned char)s[v + 1 + vl]))
        vl++;
    if (!(word_bits(p, s + v + 1, vl) & W_VERB) ||
        (v + 1 + vl < n && is_word_byte((unsigned char)s[v + 1 + vl])))
        return 0;
    size_t j = i; /* the word before */
    while (j > 0 && s[j - 1] == ' ')
        j--;
    size_t b = j;
    while (b > 0 && is_word_byte((unsigned char)s[b - 1]))
        b--;
    if (b == j || j == i || (s[b] >= 'A' && s[b] <= 'Z') || (j - b == 3 && strncasecmp(s + b, "the", 3) == 0))
        return 0; /* a sentence's or a verse line's start ("Yet Brutus would"), a name's middle */
    return w2;
}

/* Given names that are also auxiliary verbs opening a question ("Will Reggie play?"). */
static const char *const aux_names[] = {"Will", "May"};

/* The word s[i..i+w) is one of aux_names opening a sentence that ends with '?'. Looks
 * ahead only for these words, to the sentence's end. */
static int aux_question(const char *s, size_t n, size_t i, size_t w)
{
    int aux = 0;
    for (size_t k = 0; k < sizeof aux_names / sizeof *aux_names && !aux; k++)
        aux = strlen(aux_names[k]) == w && memcmp(s + i, aux_names[k], w) == 0;
    if (!aux)
        return 0;
    size_t j = i;
    while (j > 0 && s[j - 1] == ' ')
        j--;
    if (j > 0 && strchr(".?!:\"", s[j - 1]) == NULL && !(j <= 4 && j + 2 <= i))
        return 0; /* not a sentence's start (nor after a label such as "Q") */
    for (size_t e = i + w; e < n; e++)
        if (s[e] == '.' || s[e] == '!' || s[e] == '?')
            return s[e] == '?';
    return 0;
}

/* The value of the upper-case roman numeral opening a line as an item's number ("IV. ..."):
 * 1..89, 0 when the line does not open so. */
static int roman_item_value(const char *s, size_t n)
{
    static const char digits[] = "IVXL";
    static const int values[] = {1, 5, 10, 50};
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    int v = 0, prev = 0;
    size_t start = i;
    for (; i < n && s[i] != '\0' && strchr(digits, s[i]) != NULL; i++) {
        int d = values[strchr(digits, s[i]) - digits];
        v += d > prev && prev ? d - 2 * prev : d; /* "IV": 1, then 5 - 2 */
        prev = d;
    }
    if (i == start || i - start > 7 || i >= n || s[i] != '.' || (i + 1 < n && s[i + 1] != ' '))
        return 0;
    return v > 0 && v < 90 ? v : 0;
}

/* The value of the nearest line before (dir -1) or after (dir 1) line `at` of L that a
 * roman numeral opens, within TK_TH_ROMAN_ITEM_REACH lines; 0 when none. */
static int roman_item_near(const tk_lines *L, size_t at, int dir)
{
    for (size_t d = 1; d <= TK_TH_ROMAN_ITEM_REACH; d++) {
        if ((dir < 0 && d > at) || (dir > 0 && at + d >= L->n))
            return 0;
        const tk_line *l = &L->v[dir < 0 ? at - d : at + d];
        int w = roman_item_value(l->s, l->len);
        if (w != 0)
            return w;
    }
    return 0;
}

/* Is line `at` of L an item of a roman-numbered list: opened by a numeral whose nearest
 * numbered neighbour is one less or one more? "V. Until Permanent" between "IV." and "VI."
 * is an item; "V. Vorovski" alone (a signature) or after "X." stays a name. */
static int roman_item_line(const tk_lines *L, size_t at)
{
    int v = roman_item_value(L->v[at].s, L->v[at].len);
    if (v == 0)
        return 0;
    int before = roman_item_near(L, at, -1), after = roman_item_near(L, at, 1);
    return (before != 0 && before == v - 1) || (after != 0 && after == v + 1);
}

/* Initials printed together that are no person's: ships' prefixes and states ("S.S. Omsk",
 * "H.M.S. Hood", "U.S. Treasury"); a person's are spaced ("S. S. McClure", "U. S. Grant"). */
static int not_initials(const char *s, size_t k)
{
    static const char *const v[] = {"S.S.", "U.S.", "U.S.S.", "H.M.S.", "R.M.S.", "M.S.",
                                    "U.S.A.", "U.K.", "U.N.", "S.M.S."};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (strlen(v[i]) == k && memcmp(s, v[i], k) == 0)
            return 1;
    return 0;
}

/* A syllable that ends Chinese place names in older romanisation, printed apart ("Cheng
 * Chou", "Yang Fu", "Ku Hsien", "Tien Ho"): no given name after a family name. */
static int place_syllable(const char *s, size_t n)
{
    static const char *const v[] = {"Chou", "Fu", "Hsien", "Chen", "Cheng", "Ho", "Kiang",
                                    "Shan", "Hu", "Kou", "Kuan", "Men", "Chiang", "Chow"};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (strlen(v[i]) == n && memcmp(s, v[i], n) == 0)
            return 1;
    return 0;
}

/* A ship's prefix printed spaced at s: three initials ending "M. S." or "S. S." ("U. S. S.
 * ", "H. M. S. ", "B. M. S. " as OCR reads H. M. S.): 1 and *k its bytes. Two spaced
 * initials stay a person's ("U. S. Grant", "S. S. McClure"). */
static int spaced_ship(const char *s, size_t n, size_t *k)
{
    if (n < 9 || !isupper((unsigned char)s[0]) || memcmp(s + 1, ". ", 2) != 0 ||
        (memcmp(s + 3, "M. S. ", 6) != 0 && memcmp(s + 3, "S. S. ", 6) != 0))
        return 0;
    *k = 8;
    return 1;
}

static int in_word_list(const char *list, const char *s, size_t n);

/* An office in apposition after a name at s (", Assistant Minister of ...", ", Vice
 * President;"): ", ", office modifiers, an office word, then no capitalised name ("Harbin,
 * Consul Moser" is the consul's). */
static int office_apposition(const tk_persons *p, const char *s, size_t n)
{
    static const char mods[] = " vice assistant deputy acting under associate chief first ";
    static const char offices[] = " minister president secretary ambassador consul chairman "
                                  "governor director commissioner commissar commander premier "
                                  "chancellor ";
    if (n < 4 || s[0] != ',' || s[1] != ' ')
        return 0;
    size_t i = 2;
    for (;;) {
        size_t w = 0;
        while (i + w < n && isalpha((unsigned char)s[i + w]))
            w++;
        if (w == 0 || !isupper((unsigned char)s[i]))
            return 0;
        if (in_word_list(mods, s + i, w) && i + w < n && s[i + w] == ' ') {
            i += w + 1;
            continue;
        }
        if (!in_word_list(offices, s + i, w))
            return 0;
        i += w;
        if (i >= n || s[i] != ' ' || i + 1 >= n)
            return 1; /* ", Vice President;" */
        /* "Consul Moser": a name after the office is the office's holder; a portfolio
           ("Minister Railways") or a lower-case word ("of", "and") is the office's */
        size_t k = 0;
        while (i + 1 + k < n && isalpha((unsigned char)s[i + 1 + k]))
            k++;
        return !isupper((unsigned char)s[i + 1]) || (word_bits(p, s + i + 1, k) & W_STOP);
    }
}
/* Offices held at a place: before a gazetteer place alone, cabled English for the holder
 * there ("Consul Vladivostok reports"), no person. */
static const char post_titles[] = " consul minister ambassador envoy commissioner ";

/* A hyphened word with a title or office part ("Major-General", "Vice-Consul"). */
static int title_compound(const tk_persons *p, const char *s, size_t n)
{
    for (size_t a = 0, b = 0; b <= n; b++)
        if (b == n || s[b] == '-') {
            if (b < n && (word_bits(p, s + a, b - a) & (W_STOP | W_OFFICE)))
                return 1;
            if (b == n && a > 0 && (word_bits(p, s + a, b - a) & (W_STOP | W_OFFICE)))
                return 1;
            a = b + 1;
        }
    return 0;
}

/* The word at s + i follows a preposition of place ("at Omsk, Minister ...") or "of", or a
 * capitalised word ("Ways of Communication, President"; "Foreign Office, Minister"). */
static int after_place_word(const char *s, size_t i)
{
    static const char preps[] = " at in from to near via of ";
    if (i < 3 || s[i - 1] != ' ')
        return 0;
    size_t b = i - 1;
    while (b > 0 && is_word_byte((unsigned char)s[b - 1]))
        b--;
    return isupper((unsigned char)s[b]) || in_word_list(preps, s + b, i - 1 - b);
}

/* One run of text find_in_text reads, and what it was called with. */
typedef struct text_run {
    tk_persons *p;
    const char *s;
    size_t n;
    unsigned line;
    int opens;
    size_t roman_item;
} text_run;

/* The capitalised word at a run's i: its initials (k bytes, cnt of them), else the word (w
 * bytes) and its word bits. */
typedef struct word_at {
    size_t k, w;
    int cnt, bits;
} word_at;

/* A title and the name after it ("Mr. King", "Maj. Gen. Quill"): bytes consumed, 0 when no
 * title stands at i. */
static size_t title_name(const text_run *r, size_t i)
{
    tk_persons *p = r->p;
    const char *s = r->s;
    size_t n = r->n;
    cand c;
    name_parts np;
    char sex = 0;
    size_t h = title_at(p, s + i, n - i, &sex);
    /* an abbreviated title before another one: "Maj. Gen.", "Lieut. Col.", "Mr.
       Secretary" (not "General Secretary": the gold keeps such an office's first word
       out), when a name follows the second ("Mr. King" is King's) */
    if (h > 1 && s[i + h - 2] == '.') {
        char sex2 = sex;
        size_t h2 = h, k2;
        while (s[i + h2 - 2] == '.' && (k2 = title_at(p, s + i + h2, n - i - h2, &sex2)) > 0)
            h2 += k2;
        if (h2 > h) {
            read_name(p, s + i + h2, n - i - h2, 4, &np);
            if (np.len > 0) {
                h = h2;
                sex = sex2 ? sex2 : sex;
            }
        }
    }
    if (h > 0) {
        read_name(p, s + i + h, n - i - h, 4, &np);
        size_t tw = 0;
        while (tw < h && isalpha((unsigned char)s[i + tw]))
            tw++;
        if (np.len > 0 && np.n_words == 1 && np.n_init == 0 &&
            in_word_list(post_titles, s + i, tw) &&
            (word_bits(p, s + i + h, np.len) & W_PLACE)) {
            return h + np.len; /* "Consul Vladivostok": the consul at Vladivostok */
        }
        if (np.len > 0 && !institution_after(p, s + i + h + np.len, n - i - h - np.len)) {
            cand_fill(&c, p, s + i + h, &np, sex, EV_TITLE, s + i, h + np.len);
            c.office = !sex; /* "Senator Quill", "Dr. Quill": may name a woman */
            push_cand_at(p, &c, r->line, (unsigned)i + 1);
            return h + np.len;
        }
        return h;
    }
    return 0;
}

/* A Chinese family name and one given name at i ("Zhou Enlai"): bytes consumed, else 0. */
static size_t chinese_pair(const text_run *r, size_t i, const word_at *wa)
{
    tk_persons *p = r->p;
    const char *s = r->s;
    size_t n = r->n, w = wa->w;
    cand c;
    name_parts np;
    if ((wa->bits & W_CN) && !(wa->bits & W_STOP) && i + w + 1 < n && s[i + w] == ' ') {
        /* "Zhou Enlai": family name, then one given name ending the run of words */
        size_t g = cap_word(s + i + w + 1, n - i - w - 1);
        size_t end = i + w + 1 + g;
        int gb = g ? word_bits(p, s + i + w + 1, g) : 0;
        /* the given name may be a family name too ("Bo Gu"), not a place's suffix in
           older romanisation ("Cheng Chou", "Yang Fu", "Ku Hsien") nor the pair a place
           ("Hong Kong") */
        if (g > 0 && !(gb & (W_STOP | W_MALE | W_FEMALE | W_INST | W_PLACE)) &&
            (!(gb & W_CN) || !place_syllable(s + i + w + 1, g)) &&
            !(word_bits(p, s + i, w + 1 + g) & W_PLACE) &&
            !(end + 1 < n && s[end] == ' ' && cap_word(s + end + 1, n - end - 1) > 0)) {
            memset(&np, 0, sizeof np);
            np.first = w + 1;
            np.first_len = g;
            np.last = 0;
            np.last_len = w;
            np.init[0] = s[i + w + 1];
            np.len = end - i;
            cand_fill(&c, p, s + i, &np, 0, EV_CHINESE, s + i, np.len);
            c.surname_first = 1;
            push_cand_at(p, &c, r->line, (unsigned)i + 1);
            return end - i;
        }
    }
    return 0;
}

/* Words at i that look like a name and are not one (a verb, a ship's or a state's prefix, a
 * list item's number): bytes to skip, else 0. May set wa->k (a spaced ship's prefix). */
static size_t not_a_name(const text_run *r, size_t i, word_at *wa)
{
    const char *s = r->s;
    size_t n = r->n;
    if (wa->w > 0 && (wa->bits & (W_MALE | W_FEMALE | W_NICK)) && aux_question(s, n, i, wa->w))
        return wa->w; /* "Will Reggie play?": the verb, not Will Reggie */
    if (wa->k > 0 && wa->cnt == 1 && spaced_ship(s + i, n - i, &wa->k))
        return wa->k; /* "U. S. S. Marblehead", "H. M. S. Hood" */
    if (wa->k > 0 && wa->cnt >= 2 && not_initials(s + i, wa->k))
        return wa->k; /* "S.S. Omsk", "U.S. Treasury": a ship's or a state's prefix */
    if (r->roman_item && wa->cnt == 1 && i + wa->k == r->roman_item)
        return wa->k; /* "V. Until Permanent": a list item's number, not an initial */
    return 0;
}

/* Initials or a given name, then a surname, at i: bytes consumed, else 0. */
static size_t given_or_initials(const text_run *r, size_t i, const word_at *wa)
{
    tk_persons *p = r->p;
    const char *s = r->s;
    size_t n = r->n, k = wa->k, w = wa->w;
    int bits = wa->bits;
    cand c;
    name_parts np;
    if ((k > 0 && i + k < n && s[i + k] == ' ') ||
        (w > 0 && (bits & (W_MALE | W_FEMALE | W_NICK)) && !(bits & W_STOP))) {
        read_name(p, s + i, n - i, 4, &np);
        int ok = np.len > 0 && np.n_words >= (k > 0 ? 1 : 2) &&
                 !(word_bits(p, s + i + np.last, np.last_len) & W_INST) &&
                 !institution_after(p, s + i + np.len, n - i - np.len);
        if (ok) {
            ev_kind ev = k == 0 ? EV_GIVEN
                         : np.n_init >= 2 || np.n_words >= 2 ? EV_INITIALS
                                                              : EV_INITIAL;
            cand_fill(&c, p, s + i, &np, 0, ev, s + i, np.len);
            push_cand_at(p, &c, r->line, (unsigned)i + 1);
            return np.len;
        }
    }
    return 0;
}

/* A candidate of one word at i: a given name addressed, or a surname before an office in
 * apposition. Bytes consumed, else 0. */
static size_t one_word(const text_run *r, size_t i, const word_at *wa)
{
    tk_persons *p = r->p;
    const char *s = r->s;
    size_t n = r->n, w = wa->w;
    int bits = wa->bits;
    cand c;
    name_parts np;
    ev_kind one = EV_COUNT; /* a candidate of one word */
    if (w > 0 && (bits & (W_MALE | W_FEMALE | W_NICK)) &&
        !(bits & (W_STOP | W_PLACE | W_INST | W_OFFICE)) && address_at(s, n, i, w, r->opens))
        one = EV_ADDRESS;
    else if (w >= 3 && !(bits & (W_STOP | W_PLACE | W_INST | W_OFFICE | W_ROLE | W_MALE |
                                 W_FEMALE | W_NICK)) &&
             (i == 0 || s[i - 1] != '-') && !title_compound(p, s + i, w) &&
             office_apposition(p, s + i + w, n - i - w) && !after_place_word(s, i))
        one = EV_APPOSITION;
    if (one != EV_COUNT) {
        memset(&np, 0, sizeof np);
        np.last_len = np.len = w;
        cand_fill(&c, p, s + i, &np, 0, one, s + i, w);
        push_cand_at(p, &c, r->line, (unsigned)i + 1);
        return w;
    }
    return 0;
}

/* A given name and a surname around a verb's pair at i (verb_pair_at): bytes consumed, else
 * 0. */
static size_t verb_pair(const text_run *r, size_t i, const word_at *wa)
{
    tk_persons *p = r->p;
    const char *s = r->s;
    size_t n = r->n, w = wa->w;
    cand c;
    name_parts np;
    size_t w2 = w > 0 ? verb_pair_at(p, s, n, i, w, wa->bits) : 0;
    if (w2 > 0) {
        memset(&np, 0, sizeof np);
        np.first_len = w;
        np.last = w + 1;
        np.last_len = w2;
        np.len = w + 1 + w2;
        np.init[0] = s[i];
        np.n_words = 2;
        np.n_init = 1;
        cand_fill(&c, p, s + i, &np, 0, EV_VERB, s + i, np.len);
        push_cand_at(p, &c, r->line, (unsigned)i + 1);
        return np.len;
    }
    return 0;
}

/* Candidates in one run of text (a line or what follows a label): title + name, given
 * name + surname, initials + surname; each kind of candidate is tried in turn at each
 * capital letter. */
static void find_in_text(tk_persons *p, const char *s, size_t n, unsigned line, int opens,
                         size_t roman_item)
{
    const unsigned char *t = (const unsigned char *)s;
    const text_run r = {p, s, n, line, opens, roman_item};
    size_t i = 0, used;
    while (i < n) {
        i = tk_next_upper(t, i, n); /* to the next capital letter */
        if (i >= n)
            break;
        if (i > 0 && is_word_byte(t[i - 1])) { /* inside a word ("McCarthy", "USA") */
            while (i < n && is_word_byte(t[i]))
                i++;
            continue;
        }
        if ((used = title_name(&r, i)) > 0) {
            i += used;
            continue;
        }
        word_at wa;
        wa.k = initials_at(s + i, n - i, &wa.cnt);
        wa.w = wa.k ? 0 : cap_word(s + i, n - i);
        wa.bits = wa.w ? word_bits(p, s + i, wa.w) : 0;
        if ((used = chinese_pair(&r, i, &wa)) > 0 || (used = not_a_name(&r, i, &wa)) > 0 ||
            (used = given_or_initials(&r, i, &wa)) > 0 || (used = one_word(&r, i, &wa)) > 0 ||
            (used = verb_pair(&r, i, &wa)) > 0) {
            i += used;
            continue;
        }
        size_t w = wa.w;
        if (w >= 3 && w < 64 && (p->sur_bloom[bloom_slot(s + i, w)] & (1u << (w & 15)))) {
            /* perhaps an earlier document's person's surname (carry_surnames) */
            if (p->n_carry_words == p->cap_carry_words) {
                p->cap_carry_words = p->cap_carry_words ? p->cap_carry_words * 2 : 64;
                p->carry_words = tk_xrealloc(p->carry_words, p->cap_carry_words * sizeof *p->carry_words);
            }
            p->carry_words[p->n_carry_words].s = s + i;
            p->carry_words[p->n_carry_words++].n = w;
        }
        while (i < n && is_word_byte(t[i]))
            i++;
        if (wa.k > 0)
            i += wa.k;
    }
}

/* ------------------------------------------------------------------ lists and titles */

/* Words that open a list of the persons present ("Participants:", "Present:"), each with its
 * length (they are compared at every line). */
static const struct { const char *s; size_t n; } list_openers[] = {
#define OPENER(w) {w, sizeof w - 1}
    OPENER("Participants"), OPENER("PARTICIPANTS"), OPENER("Participant"), OPENER("Present"),
    OPENER("PRESENT"), OPENER("Also present"), OPENER("Also Present"), OPENER("In Attendance"),
    OPENER("IN ATTENDANCE"), OPENER("Attendees"), OPENER("ATTENDEES"), OPENER("Attending"),
    OPENER("In attendance"), OPENER("Those present"), OPENER("Members present"),
    OPENER("Persons present"), OPENER("Cast"), OPENER("Dramatis Personae"),
    OPENER("DRAMATIS PERSONAE"), OPENER("Persons of the Play"), OPENER("Characters"),
    OPENER("CHARACTERS"),
#undef OPENER
};

/* Bytes of a list opener and its colon at s, 0 when none. */
static size_t list_opener(const char *s, size_t n)
{
    if (n == 0 || strchr("PAITMCDp", s[0]) == NULL) /* the openers' first letters */
        return 0;
    for (size_t i = 0; i < sizeof list_openers / sizeof *list_openers; i++) {
        size_t k = list_openers[i].n;
        if (list_openers[i].s[0] != s[0] || n < k)
            continue;
        if (n > k && memcmp(s, list_openers[i].s, k) == 0 && (s[k] == ':' || s[k] == '.'))
            return k + 1;
        if (n == k && memcmp(s, list_openers[i].s, k) == 0) /* alone on its line */
            return k;
    }
    return 0;
}

/* A roster entry or a list item: the text before the first ',', '(', '[' or dash is a name
 * of two to four words (an optional title first). Returns 1 with the candidate filled. */
static int name_item(tk_persons *p, const char *s, size_t n, ev_kind ev, unsigned line,
                     cand *c)
{
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '-' || *s == '*'))
        s++, n--;
    /* the name ends at these bytes (2: a space before '-'); 3: the bytes trimmed off it */
    static const unsigned char ends[256] = {[','] = 1, ['('] = 1, ['['] = 1, [';'] = 1,
                                            [0xE2] = 1, [' '] = 2, ['.'] = 3, [':'] = 3};
    size_t e = 0;
    for (; e < n; e++) {
        unsigned char k = ends[(unsigned char)s[e]];
        if (k == 1 || (k == 2 && e + 1 < n && s[e + 1] == '-'))
            break;
        if (e >= 80 && k == 0)
            return 0; /* it would end after byte 80, too long (below) */
    }
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.' || s[e - 1] == ':'))
        e--;
    if (e == 0 || e > 80)
        return 0;
    char sex = 0;
    size_t h = title_at(p, s, e, &sex);
    name_parts np;
    read_name(p, s + h, e - h, 4, &np);
    if (np.len == 0 || h + np.len != e || (np.n_words < 2 && np.n_init == 0 && h == 0))
        return 0;
    cand_fill(c, p, s + h, &np, sex, ev, s, e);
    c->line = line;
    c->col = 1;
    return 1;
}

/* Surname particles printed in lower case inside a compound surname ("Alvarez del Vayo",
 * "Lima e Silva", "Van der Kolk"), space-separated. */
static const char paren_particles[] = " de del della der di da das do dos du e y van von den la le ten ter ";

/* A compound surname in an office's parentheses, up to its ')': capitalised words joined by
 * single spaces or lower-case particles ("Des Portes", "Alvarez del Vayo", "Lima e Silva"),
 * the first and last capitalised, optionally a last initial ("Cruchaga T."). Returns the
 * bytes before the ')' and, in *sur, those of the surname (without the initial); 0 none. */
static size_t paren_compound(const tk_persons *p, const char *s, size_t n, size_t *sur)
{
    size_t i = 0, end_word = 0;
    int words = 0;
    for (int t = 0; t < 6 && i < n; t++) {
        size_t k = cap_word(s + i, n - i);
        if (k > 0) {
            if (word_bits(p, s + i, k) & (W_STOP | W_PLACE))
                return 0;
            words++;
            end_word = i + k;
        } else if (t > 0 && i + 2 < n && s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] == '.' &&
                   s[i + 2] == ')' && words > 0) {
            *sur = end_word; /* "Cruchaga T.": a maternal initial after the surname */
            return i + 2;
        } else if (t > 0) {
            k = 0;
            while (i + k < n && s[i + k] >= 'a' && s[i + k] <= 'z' && k < 6)
                k++;
            char w[10];
            snprintf(w, sizeof w, " %.*s ", (int)k, s + i);
            if (k == 0 || i + k >= n || s[i + k] != ' ' || strstr(paren_particles, w) == NULL)
                return 0;
        } else
            return 0;
        i += k;
        if (i < n && s[i] == ')')
            break;
        if (i + 1 >= n || s[i] != ' ')
            return 0;
        i++;
    }
    if (i >= n || s[i] != ')' || end_word != i || words == 0 ||
        (word_bits(p, s, i) & W_PLACE)) /* "(Rio de Janeiro)", "(Buenos Aires)" */
        return 0;
    *sur = end_word;
    return i;
}

/* "The Ambassador in Brazil (Gibson) to the Secretary of State (Hull)", "Memorandum by the
 * Economic Adviser (Feis)": a name in parentheses after a capitalised word, in a title line
 * or heading, is the holder of the office before it. The parenthesis may follow the word
 * without a space ("The Consul at Geneva(Gilbert)", as OCR prints it), the word may end in a
 * non-ASCII letter ("the Brazilian Chargé (Accioly)"), and the name may be a compound
 * surname ("(Des Portes)", "(Alvarez del Vayo)"). */
static void find_office_paren(tk_persons *p, const char *s, size_t n, unsigned line)
{
    for (size_t i = 2; i + 3 < n; i++) {
        if (s[i] != '(')
            continue;
        size_t w = s[i - 1] == ' ' ? i - 1 : i; /* the end of the word before */
        unsigned char b = (unsigned char)s[w - 1];
        if (w < 2 || !(isalpha(b) || b >= 0x80))
            continue;
        while (w > 0 && (isalpha((unsigned char)s[w - 1]) || (unsigned char)s[w - 1] >= 0x80))
            w--;
        if (!isupper((unsigned char)s[w]))
            continue;
        name_parts np;
        read_name(p, s + i + 1, n - i - 1, 3, &np);
        if (np.len == 0 || i + 1 + np.len >= n || s[i + 1 + np.len] != ')' ||
            (np.n_words == 2 && np.n_init == 1 && !np.given_known)) {
            /* two words, the first no given name: a compound surname ("Saavedra Lamas") */
            size_t sur = 0, len = paren_compound(p, s + i + 1, n - i - 1, &sur);
            if (len == 0)
                continue;
            memset(&np, 0, sizeof np);
            np.len = np.last_len = sur;
            np.n_words = 1;
            cand c;
            cand_fill(&c, p, s + i + 1, &np, 0, EV_OFFICE_PAREN, s + i + 1, len);
            push_cand_at(p, &c, line, (unsigned)i + 2);
            continue;
        }
        cand c;
        cand_fill(&c, p, s + i + 1, &np, 0, EV_OFFICE_PAREN, s + i + 1, np.len);
        push_cand_at(p, &c, line, (unsigned)i + 2);
    }
}

/* A signature that is a name and nothing else: a surname alone ("Lansing", "Hull."), not a
 * title, office, institution, place or role word, or a full name ("Cordell Hull"): the one
 * who signs. */
static int signed_surname(const tk_persons *p, const char *s, size_t n, unsigned line, cand *c)
{
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ','))
        n--;
    name_parts np;
    read_name(p, s, n, 4, &np);
    if (np.len != n || (word_bits(p, s, n) & W_PLACE) ||
        (np.n_words == 1 && np.n_init == 0 && (word_bits(p, s, n) & (W_INST | W_OFFICE | W_ROLE))))
        return 0;
    for (size_t i = 0; i + 1 < n; i++) /* "Cordell Hull", "Alexander W. Weddell" */
        if (s[i] == ' ' && (word_bits(p, s + i + 1, cap_word(s + i + 1, n - i - 1)) & W_PLACE))
            return 0; /* "Buenos Aires", "New York": no signature */
    cand_fill(c, p, s, &np, 0, EV_SIGNED, s, n);
    c->line = line;
    c->col = 1;
    return 1;
}

/* "between X and Y" in a title line or heading: X and Y are persons. */
static void find_between(tk_persons *p, const char *s, size_t n, unsigned line)
{
    static const char key[] = "between ";
    /* the key's 'w' found by memchr (a byte loop over every title line was 2% of FRUS),
       then the rest of it */
    for (const char *w = n > 3 ? memchr(s + 3, 'w', n - 3) : NULL; w != NULL;
         w = w + 1 < s + n ? memchr(w + 1, 'w', (size_t)(s + n - w - 1)) : NULL) {
        size_t i = (size_t)(w - s) - 3;
        if (i + sizeof key - 1 > n || (s[i] != 'b' && s[i] != 'B') || (i > 0 && s[i - 1] != ' ') ||
            memcmp(s + i + 1, key + 1, sizeof key - 2) != 0)
            continue;
        size_t a = i + sizeof key - 1;
        for (int side = 0; side < 2; side++) {
            char sex = 0;
            size_t h = title_at(p, s + a, n - a, &sex);
            name_parts np;
            read_name(p, s + a + h, n - a - h, 4, &np);
            if (np.len == 0 || (np.n_words < 2 && h == 0))
                return;
            cand c;
            cand_fill(&c, p, s + a + h, &np, sex, EV_BETWEEN, s + a, h + np.len);
            push_cand_at(p, &c, line, (unsigned)a + 1);
            a += h + np.len;
            if (side == 0) {
                if (a + 5 <= n && memcmp(s + a, " and ", 5) == 0)
                    a += 5;
                else
                    return;
            }
        }
        return;
    }
}

/* ------------------------------------------------------------------ speaker labels */

/* Copies a label word in title case ("HORMATS" -> "Hormats"; a mixed-case word unchanged). */
static void title_case(char *dst, size_t cap, const char *s, size_t n)
{
    int upper = 1;
    for (size_t i = 0; i < n; i++)
        if (islower((unsigned char)s[i]))
            upper = 0;
    snprintf(dst, cap, "%.*s", (int)n, s);
    if (upper)
        for (size_t i = 1; dst[i]; i++)
            if (isalpha((unsigned char)dst[i]) && isalpha((unsigned char)dst[i - 1]))
                dst[i] = (char)tolower((unsigned char)dst[i]);
}

/* Reads a speaker label (without its ':' or '.'): -1 a role ("QUESTION", "THE CHAIRMAN",
 * "SENIOR ADMINISTRATION OFFICIAL"), 1 a person's name after optional titles and offices
 * ("UNDER SECRETARY HORMATS", "Mrs. Linde", "HENRY KISSINGER"; *c filled), 0 neither
 * (kept as a label person: "BELL 7", "FIRST CITIZEN"). */
static int label_parse(const tk_persons *p, const char *label, size_t len, cand *c)
{
    char lo[160];
    if (len == 0 || len >= sizeof lo)
        return len == 0 ? -1 : 0;
    for (size_t i = 0; i < len; i++)
        lo[i] = (char)tolower((unsigned char)label[i]);
    lo[len] = '\0';
    if (hmap_get(&p->roles, lo) >= 0)
        return -1;
    struct { size_t off, len; } tok[8];
    int nt = 0;
    for (size_t i = 0; i < len && nt < 8;) {
        while (i < len && label[i] == ' ')
            i++;
        size_t s = i;
        while (i < len && label[i] != ' ')
            i++;
        if (i > s) {
            tok[nt].off = s;
            tok[nt].len = i - s;
            nt++;
        }
    }
    int k = 0;
    char sex = 0;
    while (k < nt && (word_bits(p, label + tok[k].off, tok[k].len) & W_OFFICE)) {
        char s2 = 0;
        if (title_at_nocase(label + tok[k].off, len - tok[k].off, &s2) > 0 && s2)
            sex = s2;
        k++;
    }
    if (k == nt)
        return p->play ? 0 : -1; /* only titles and offices: a role (in a play a character) */
    int names = nt - k;
    for (int j = k; j < nt; j++)
        for (size_t b = 0; b < tok[j].len; b++)
            if (isdigit((unsigned char)label[tok[j].off + b]))
                return 0;
    if (names > 3)
        return 0;
    const char *last = label + tok[nt - 1].off;
    size_t last_len = tok[nt - 1].len;
    if (last_len < 2 || (word_bits(p, last, last_len) & (W_STOP | W_ROLE)))
        return 0;
    memset(c, 0, sizeof *c);
    c->ev = EV_LABEL;
    if (names >= 2) {
        const char *g = label + tok[k].off;
        size_t gl = tok[k].len;
        int is_init = gl == 2 && g[1] == '.';
        if (!is_init && !(word_bits(p, g, gl) & (W_MALE | W_FEMALE)))
            return 0;
        if (!is_init)
            title_case(c->given, sizeof c->given, g, gl);
        for (int j = k; j < nt - 1 && j - k < 6; j++)
            c->init[j - k] = (char)toupper((unsigned char)label[tok[j].off]);
        if (!sex && !is_init)
            sex = given_sex(p, g, gl);
    }
    title_case(c->surname, sizeof c->surname, last, last_len);
    c->sex = sex;
    c->office = k > 0;
    snprintf(c->form, sizeof c->form, "%.*s", (int)len, label);
    return 1;
}

/* ------------------------------------------------------------------ identity */

/* Is the shorter initials string a subsequence of the longer one? */
static int initials_agree(const char *a, const char *b)
{
    if (strlen(a) > strlen(b)) {
        const char *t = a;
        a = b;
        b = t;
    }
    for (; *a; a++) {
        while (*b && *b != *a)
            b++;
        if (*b == '\0')
            return 0;
        b++;
    }
    return 1;
}

/* key = "a\1b" lower-cased, cut to cap bytes as snprintf cuts (this runs for every pair of
 * persons of a document that share a surname: snprintf was most of its cost). */
static void pair_key(char *key, size_t cap, const char *a, const char *b)
{
    size_t k = 0;
    for (; *a && k + 1 < cap; a++)
        key[k++] = (char)tolower((unsigned char)*a);
    if (k + 1 < cap)
        key[k++] = '\001';
    for (; *b && k + 1 < cap; b++)
        key[k++] = (char)tolower((unsigned char)*b);
    key[k] = '\0';
}

/* Are two given names the same name ("Jim" and "James")? The pairs are in p->nicks. */
static int same_given(const tk_persons *p, const char *a, const char *b)
{
    if (strcasecmp(a, b) == 0)
        return 1;
    char key[100];
    pair_key(key, sizeof key, a, b);
    if (hmap_get(&p->nicks, key) >= 0)
        return 1;
    pair_key(key, sizeof key, b, a);
    return hmap_get(&p->nicks, key) >= 0;
}

/* Is g one side of a nickname pair (a short form, or a full name that has one)? When not,
 * same_given(g, h) is a plain case-insensitive comparison. */
static int has_nick(const tk_persons *p, const char *g)
{
    char lo[64];
    size_t n = strlen(g);
    if (word_bits(p, g, n) & W_NICK)
        return 1;
    if (n >= sizeof lo)
        return 0;
    for (size_t i = 0; i <= n; i++)
        lo[i] = (char)tolower((unsigned char)g[i]);
    return hmap_get(&p->nick_fulls, lo) >= 0;
}

/* Can candidate c name person q? Given names equal when both have one, initials agree,
 * a woman joins only a woman's title or a sexless office ("SENATOR QUILL"), and a woman's
 * title only joins a woman (Madame Mao is not Mao Zedong; Mrs. Doe is not
 * Mr. Doe). */
static int compatible(const tk_persons *p, const person *q, const cand *c)
{
    /* an office without sex ("SENATOR QUILL") may name a woman ("Senator Anna Quill") */
    if ((q->sex == 'f') != (c->sex == 'f') && !(c->office && !c->sex))
        return 0;
    if (q->sex && c->sex && q->sex != c->sex)
        return 0;
    if (q->given != NULL && c->given[0] && !same_given(p, q->given, c->given))
        return 0;
    if (q->init[0] && c->init[0] && !initials_agree(q->init, c->init) &&
        !(q->given != NULL && c->given[0] && same_given(p, q->given, c->given)))
        return 0;
    return 1;
}

static void lower_key(char *dst, size_t cap, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++)
        dst[i] = (char)tolower((unsigned char)s[i]);
    dst[i] = '\0';
}

/* The earlier documents' accepted person a surname alone names when several share it
 * (persons of key's chain for which ok(p, x, arg) holds): the one mentioned last, in the
 * latest document (ties: the most mentions so far). It is the owner when every other one
 * was last mentioned TK_TH_SURNAME_FAR_DOCS documents or more before it, or has at most
 * 1/TK_TH_SURNAME_DOMINANT of its mentions ("Stevens" after John F. Stevens, named in
 * every telegram, and Eugene C. Stevens, a clerk in a list once); else -1, unless `loose`:
 * then the one mentioned last all the same (a title makes the span a person's; only whom
 * it names is uncertain, said by *unsure). One person: that one. */
static int surname_owner(const tk_persons *p, const char *key, int loose, int *unsure,
                         int (*ok)(const tk_persons *p, const person *x, const void *arg),
                         const void *arg)
{
    int best = -1;
    *unsure = 0;
    for (int q = hmap_get(&p->sur, key); q >= 0; q = p->v[q].next_sur) {
        const person *x = &p->v[q];
        if (x->doc_gen == p->gen || !x->accepted || !ok(p, x, arg))
            continue;
        /* the chain runs newest first: on a tie, the person found first */
        if (best < 0 || x->used_gen > p->v[best].used_gen ||
            (x->used_gen == p->v[best].used_gen && x->count >= p->v[best].count))
            best = q;
    }
    if (best < 0)
        return -1;
    const person *b = &p->v[best];
    for (int q = hmap_get(&p->sur, key); q >= 0; q = p->v[q].next_sur) {
        const person *y = &p->v[q];
        if (q == best || y->doc_gen == p->gen || !y->accepted || !ok(p, y, arg))
            continue;
        if (y->used_gen + TK_TH_SURNAME_FAR_DOCS <= b->used_gen ||
            y->count * TK_TH_SURNAME_DOMINANT <= b->count)
            continue;
        *unsure = 1;
        return loose ? best : -1;
    }
    return best;
}

/* surname_owner's test for a candidate: a person it may name (compatible). */
static int owner_compatible(const tk_persons *p, const person *x, const void *arg)
{
    return compatible(p, x, (const cand *)arg);
}

/* The person candidate c names: this document's compatible person with the same surname and
 * the most evidence (*n_ok counts them), else another document's with the same full name
 * (or the same bare surname), else a person here whose first word is c's surname
 * ("Chairman Mao" and "Mao Zedong"). -1 when none. */
static int find_person(tk_persons *p, const cand *c, int *n_ok)
{
    p->cross_merge = 0;
    p->office_split = 0;
    char key[80];
    lower_key(key, sizeof key, c->surname);
    int best = -1, bare = -1, n_named = 0;
    long best_score = -1;
    *n_ok = 0;
    /* a surname alone (with a title, or a label) and earlier documents' persons: the one
       surname_owner says */
    int unsure = 0, owner = !c->given[0] && !c->init[0]
                                ? surname_owner(p, key, 1, &unsure, owner_compatible, c)
                                : -1;
    for (int q = hmap_get(&p->sur, key); q >= 0; q = p->v[q].next_sur) {
        person *x = &p->v[q];
        if (!compatible(p, x, c))
            continue;
        /* a bare label ("BRUTUS") is not a fuller label's person ("DECIUS BRUTUS") */
        if (c->ev == EV_LABEL && x->doc_ev == (1u << EV_LABEL) &&
            (x->given != NULL) != (c->given[0] != '\0'))
            continue;
        int here = x->doc_gen == p->gen;
        if (!here) {
            /* another document's person: the same full name, or a bare surname when the
             * file has one person of that surname so far */
            int same = (x->given != NULL && c->given[0] && same_given(p, x->given, c->given)) ||
                       q == owner ||
                       /* initials alone, the same ("B. Bakhmeteff" signing each note) */
                       (!c->given[0] && c->init[0] && x->accepted && strcmp(x->init, c->init) == 0);
            /* a full name and an earlier document's bare surname, the only person of that
             * surname so far: one person, said to the editor as uncertain */
            int upgrade = !same && x->given == NULL && c->given[0] && x->accepted &&
                          x->next_sur < 0 && !x->surname_first;
            if (!same && !upgrade)
                continue;
            if (upgrade || (q == owner && unsure))
                p->cross_merge = 1;
        }
        *n_ok += here;
        if (here && (x->given != NULL || x->init[0]))
            n_named++;
        else if (here)
            bare = q;
        long score = (long)here * 1000000L + x->doc_weight;
        if (score >= best_score) { /* ties: the person found first (the chain runs newest first) */
            best_score = score;
            best = q;
        }
    }
    /* an office label ("SENATOR FENWICK") that two named persons of this document could be
     * (Bruno and Carla Fenwick) names neither: it stays the label's own person */
    if (c->ev == EV_LABEL && c->office && !c->given[0] && !c->init[0] && n_named > 1) {
        p->office_split = bare < 0 ? n_named : 0; /* said once, when the label is first met */
        *n_ok = bare >= 0;
        return bare;
    }
    if (best < 0 && !c->given[0] && !c->init[0]) {
        for (size_t i = 0; i < p->n_doc_found; i++) {
            person *x = &p->v[p->doc_found[i]];
            if (x->given != NULL && strcmp(x->given, c->surname) == 0 && x->sex == c->sex &&
                !(word_bits(p, x->given, strlen(x->given)) & (W_MALE | W_FEMALE))) {
                x->first_is_surname = 1;
                *n_ok = 1;
                return (int)p->doc_found[i];
            }
        }
    }
    return best;
}

/* A found person (no id yet: ids are made when it is accepted). */
static int new_found_person(tk_persons *p, const cand *c)
{
    person *x = next_person(p);
    x->found = 1;
    x->surname = tk_xstrdup(c->surname);
    x->given = c->given[0] ? tk_xstrdup(c->given) : NULL;
    memcpy(x->init, c->init, sizeof x->init);
    memcpy(x->lead, c->lead, sizeof x->lead);
    x->sex = c->sex;
    x->surname_first = c->surname_first;
    x->doc_gen = 0;
    char key[80];
    lower_key(key, sizeof key, c->surname);
    int first = hmap_get(&p->sur, key);
    x->next_sur = first;
    if (first >= 0)
        hmap_set(&p->sur, key, (int)p->n);
    else
        hmap_put(&p->sur, key, (int)p->n);
    if (x->surname == NULL)
        return -1;
    return (int)p->n++;
}

/* Adds candidate c's evidence to person who (found in this document). */
static void join(tk_persons *p, int who, const cand *c)
{
    person *x = &p->v[who];
    if (x->doc_gen != p->gen) {
        x->doc_gen = p->gen;
        x->doc_weight = 0;
        x->doc_ev = 0;
        x->doc_verbs = 0;
        x->doc_given = 0;
        push_idx(&p->doc_found, &p->n_doc_found, &p->cap_doc_found, (size_t)who);
    }
    if (x->given == NULL && c->given[0])
        x->given = tk_xstrdup(c->given);
    if (c->given[0])
        x->doc_given = 1;
    if (!x->lead[0] && c->lead[0] && x->given != NULL && strcmp(x->given, c->given) == 0)
        memcpy(x->lead, c->lead, sizeof x->lead);
    if (strlen(c->init) > strlen(x->init))
        memcpy(x->init, c->init, sizeof x->init);
    if (!x->sex && c->sex)
        x->sex = c->sex;
    if (!(x->doc_ev & (1u << c->ev))) /* the same kind of evidence again adds nothing */
        x->doc_weight += evidence[c->ev].weight;
    else if (c->ev == EV_VERB && x->doc_verbs++ == 0) /* but a name twice before a verb */
        x->doc_weight += evidence[c->ev].weight;
    x->doc_ev |= 1u << c->ev;
    x->all_ev |= 1u << c->ev;
}

/* Resolves candidate c: the person it names, a new one when none. */
static int resolve(tk_persons *p, const cand *c, tk_diag *d, const char *file, int explain)
{
    int n_ok = 0;
    int who = find_person(p, c, &n_ok);
    if (p->office_split && explain)
        TK_MSG(d, PERSON_LABEL_SPLIT, file, c->line, c->col, c->form, p->office_split, c->surname);
    if (who >= 0 && n_ok > 1 && explain)
        TK_MSG(d, PERSON_UNCERTAIN, file, c->line, c->col, c->form, n_ok, c->surname);
    if (who >= 0 && n_ok > 1 && p->v[who].uncertain == NULL) {
        char buf[400];
        snprintf(buf, sizeof buf,
                 " uncertain: '%s' (%s:%u) could name %d persons with the surname %s; "
                 "linked here, to the one with most evidence ",
                 c->form, file ? file : "text", c->line, n_ok, c->surname);
        p->v[who].uncertain = tk_xstrdup(buf);
    }
    if (who >= 0 && p->cross_merge && p->v[who].uncertain == NULL) {
        char buf[400];
        snprintf(buf, sizeof buf,
                 " uncertain: '%s' (%s:%u) joined to '%s' of an earlier document (first at %s) ",
                 c->form, file ? file : "text", c->line, p->v[who].surname,
                 p->v[who].first ? p->v[who].first : "?");
        p->v[who].uncertain = tk_xstrdup(buf);
    }
    if (who < 0)
        who = new_found_person(p, c);
    if (who >= 0) {
        join(p, who, c);
        if (p->v[who].first == NULL && file != NULL) {
            char buf[300];
            snprintf(buf, sizeof buf, "%s:%u", file, c->line);
            p->v[who].first = tk_xstrdup(buf);
        }
    }
    return who;
}

/* The id of an accepted found person: surname, then given name ("hormats-robert"). */
static void found_id(tk_persons *p, int who)
{
    person *x = &p->v[who];
    if (x->id != NULL)
        return;
    char buf[200];
    /* the order is known from a census given name, a verb after the name, or an initial
       before it ("J. Rowan Smith": Rowan is a second given name, not a first surname) */
    if (x->given != NULL && (x->surname_first || (x->doc_ev & (1u << EV_VERB)) || x->lead[0] ||
                             (word_bits(p, x->given, strlen(x->given)) & (W_MALE | W_FEMALE | W_NICK))))
        join_words(buf, sizeof buf, x->surname, x->given);
    else if (x->given != NULL) /* order unknown ("Mao Zedong"): as printed */
        join_words(buf, sizeof buf, x->given, x->surname);
    else if (x->init[0])
        join_words(buf, sizeof buf, x->surname, x->init);
    else
        join_words(buf, sizeof buf, x->surname, NULL);
    x->id = make_id(p, buf, strlen(buf));
    if (x->id != NULL)
        hmap_put(&p->ids, x->id, who);
    p->n_sur_found++;
    size_t sl = strlen(x->surname);
    p->sur_bloom[bloom_slot(x->surname, sl)] |= (uint16_t)(1u << (sl & 15));
    char full[200];
    if (x->given != NULL && x->surname_first)
        join_words(full, sizeof full, x->surname, x->given);
    else if (x->given != NULL && x->lead[0]) { /* "J. Rowan Smith" */
        size_t k = 0;
        for (const char *l = x->lead; *l && k + 3 < sizeof full; l++) {
            full[k++] = *l;
            full[k++] = '.';
            full[k++] = ' ';
        }
        full[k] = '\0';
        join_words(full + k, sizeof full - k, x->given, x->surname);
    } else if (x->given != NULL)
        join_words(full, sizeof full, x->given, x->surname);
    else
        join_words(full, sizeof full, x->surname, NULL);
    if (x->doc_ev == (1u << EV_LABEL) && x->given == NULL)
        return; /* known from a label alone ("CC", "HORATIO"): the label is its name */
    add_name(p, who, full);
    add_variant(p, who, 'f', full);
}

/* ------------------------------------------------------------------ discovery */

/* A label of two or three names that is not title + name ("METELLUS CIMBER"): its person
 * (the one tk_persons_speaker gives the label) is also named in the text by the label's
 * words in title case ("Metellus Cimber"). */
static void plain_label_form(tk_persons *p, const char *lab, size_t len)
{
    int words = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)lab[i];
        if (ch == ' ')
            words++;
        else if (!isalpha(ch) && ch < 0x80)
            return;
    }
    if (words < 2 || words > 3 || len >= 96)
        return;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && lab[e] != ' ')
            e++;
        if (word_bits(p, lab + i, e - i) & (W_STOP | W_ROLE | W_OFFICE))
            return;
        i = e + 1;
    }
    char *lo = norm_name(lab, len, 1);
    if (lo == NULL)
        return;
    int who = hmap_get(&p->forms, lo);
    if (who < 0)
        who = new_named_person(p, lab, len, lo);
    free(lo);
    if (who < 0)
        return;
    char form[96];
    size_t w = 0;
    for (size_t i = 0; i < len && w + 1 < sizeof form; i++) {
        int start = i == 0 || lab[i - 1] == ' ';
        form[w++] = start ? (char)toupper((unsigned char)lab[i]) : (char)tolower((unsigned char)lab[i]);
    }
    form[w] = '\0';
    trie_insert(p, form, who);
    if (p->n_label_people == p->cap_label_people) {
        p->cap_label_people = p->cap_label_people ? p->cap_label_people * 2 : 16;
        p->label_people = tk_xrealloc(p->label_people, p->cap_label_people * sizeof *p->label_people);
    }
    p->label_people[p->n_label_people].who = who;
    memcpy(p->label_people[p->n_label_people++].form, form, w + 1);
}


/* Candidates from the document's blocks: labels, rosters, participant lists, title lines,
 * and every run of text. */
static void gather(tk_persons *p, const tk_lines *L, const tk_docblocks *db)
{
    int list_open = 0;       /* after a "Participants:" line alone */
    size_t roster[256];      /* the candidates of the current run of roster lines */
    int roster_run = 0, roster_strong = 0;
    for (size_t i = 0; i < db->n; i++) {
        const tk_block *bl = &db->b[i];
        const tk_line *l = &L->v[bl->line];
        cand c;
        if ((bl->kind == TK_B_TURN || bl->kind == TK_B_SPEAKER) && !(bl->flags & TK_BF_JOINT)) {
            const char *lab = l->s + (bl->kind == TK_B_TURN ? bl->label_off : 0);
            size_t ll = bl->label_len;
            while (ll > 0 && (lab[ll - 1] == ':' || lab[ll - 1] == '.' || lab[ll - 1] == ' '))
                ll--;
            char key[128];
            size_t kl = strnlen(lab, ll < 120 ? ll : 120); /* as "%.*s" copies */
            memcpy(key, lab, kl);
            key[kl] = '\0';
            if (hmap_get(&p->doc_labels, key) >= 0) /* a label read once per document */
                goto text;
            hmap_put(&p->doc_labels, key, 1);
            int r = label_parse(p, lab, ll, &c);
            if (r == 1) {
                push_cand_at(p, &c, l->no, 1);
            } else if (r == 0)
                plain_label_form(p, lab, ll);
        }
    text:;
        if (bl->kind == TK_B_SIGNED && bl->n_lines == 1 && signed_surname(p, l->s, l->len, l->no, &c))
            push_cand(p, &c);
        size_t a = bl->kind == TK_B_TURN || bl->kind == TK_B_ITEM ? bl->off : 0;
        if (bl->kind == TK_B_SPEAKER)
            continue;
        /* rosters: runs of short blocks that are each a name (and what follows a comma) */
        int item = 0;
        if (bl->n_lines <= 2 && bl->kind != TK_B_TURN && l->len - a < 300 &&
            name_item(p, l->s + a, l->len - a, EV_ROSTER, l->no, &c)) {
            item = 1;
            if (list_open)
                c.ev = EV_LIST;
            roster_strong += c.init[0] != '\0' || c.ev == EV_LIST || c.sex != 0 ||
                             c.given[0] != '\0';
            if (roster_run < (int)(sizeof roster / sizeof *roster))
                roster[roster_run] = p->nc;
            push_cand(p, &c);
            roster_run++;
        }
        if (!item) {
            /* a run of fewer than three entries, most without initials, is no roster */
            if (roster_run > 0 && (roster_run < TK_TH_ROSTER_MIN_ENTRIES || roster_strong * 2 < roster_run))
                for (int k = 0; k < roster_run && k < (int)(sizeof roster / sizeof *roster); k++)
                    p->cands[roster[k]].ev = EV_COUNT; /* void */
            roster_run = roster_strong = 0;
            list_open = 0;
        }
        for (size_t k = 0; k < bl->n_lines; k++) {
            const tk_line *lk = &L->v[bl->line + k];
            size_t off = k == 0 ? a : 0;
            const char *s = lk->s + off;
            size_t n = lk->len - off;
            size_t lo = list_opener(s, n);
            if (lo > 0) {
                /* "Present: A, B; C" or the list on the following lines */
                const char *q = s + lo;
                size_t m = n - lo;
                while (m > 0 && *q == ' ')
                    q++, m--;
                if (m == 0)
                    list_open = 1;
                while (m > 0) {
                    size_t e = 0;
                    while (e < m && q[e] != ';')
                        e++;
                    if (name_item(p, q, e, EV_LIST, lk->no, &c))
                        push_cand(p, &c);
                    q += e;
                    m -= e;
                    while (m > 0 && (*q == ';' || *q == ' '))
                        q++, m--;
                }
                /* and the names after the first of a comma list ("Present: Senator Anna
                 * Quill, Senator Bruno Fenwick and Mr. Otto Brisk") */
                find_in_text(p, s, n, lk->no, 0, 0);
                continue;
            }
            if (i < 12 && (bl->kind == TK_B_TITLE || bl->kind == TK_B_HEAD ||
                           bl->kind == TK_B_OPENER || bl->kind == TK_B_P))
                find_between(p, s, n, lk->no);
            if (bl->kind == TK_B_TITLE || bl->kind == TK_B_HEAD)
                find_office_paren(p, s, n, lk->no);
            /* a roman-numbered list item's number ("V. ") is no initial: its end (only
             * one letter can pass for an initial, so only it is checked) */
            size_t numeral = 0, j = 0;
            while (j < n && (s[j] == ' ' || s[j] == '\t'))
                j++;
            if (off == 0 && j + 1 < n && s[j + 1] == '.' && (s[j] == 'I' || s[j] == 'V' || s[j] == 'X') &&
                roman_item_line(L, bl->line + k))
                numeral = j + 2;
            find_in_text(p, s, n, lk->no, k == 0, numeral);
        }
    }
    if (roster_run > 0 && (roster_run < TK_TH_ROSTER_MIN_ENTRIES || roster_strong * 2 < roster_run))
        for (int k = 0; k < roster_run && k < (int)(sizeof roster / sizeof *roster); k++)
            p->cands[roster[k]].ev = EV_COUNT;
}

static int cand_order(const cand *c)
{
    if (c->ev == EV_ADDRESS)
        return 3; /* after every named person: "Henry," is Henry Kissinger's */
    return c->given[0] ? 0 : c->init[0] ? 1 : 2; /* full names first, bare surnames last */
}

/* Inserts a form of person who in the document's trie; `bare` marks a surname alone (1: a
 * capitalised word before it in the text may be a given name) or a given name alone (2: not
 * when a capitalised word or an initial follows). See tk_persons_scan. */
static void add_form(tk_persons *p, const char *form, int who, int bare)
{
    char *nm = norm_name(form, strlen(form), 0);
    if (nm != NULL && nm[0] != '\0' && trie_insert(p, nm, who) == 0 && bare &&
        p->t[p->last_node].person == who)
        p->t[p->last_node].bare = (unsigned char)bare;
    free(nm);
}

/* Inserts a given name alone and its short forms ("James": "Jim", "Jimmy") for person who. */
static void add_given_forms(tk_persons *p, const char *given, int who)
{
    add_form(p, given, who, 2);
    size_t lg = strlen(given);
    char lo[64];
    unsigned from = 0, to = tk_n_nicknames;
    if (lg < sizeof lo) { /* most given names have no short form: no search of the table */
        for (size_t i = 0; i <= lg; i++)
            lo[i] = (char)tolower((unsigned char)given[i]);
        int span = hmap_get(&p->nick_fulls, lo);
        if (span < 0)
            return;
        from = (unsigned)(span / NICK_SPAN); /* only the entries that have it */
        to = (unsigned)(span % NICK_SPAN) + 1;
        if (tk_n_nicknames >= NICK_SPAN) /* a table too long to encode so */
            from = 0, to = tk_n_nicknames;
    }
    for (unsigned i = from; i < to; i++) {
        const char *e = tk_nicknames[i];
        size_t k = strcspn(e, " ");
        for (const char *f = e + k; *f;) {
            f++;
            size_t m = strcspn(f, " ");
            if (m == lg && strncasecmp(f, given, lg) == 0) {
                char nick[32];
                snprintf(nick, sizeof nick, "%.*s", (int)k, e);
                nick[0] = (char)toupper((unsigned char)nick[0]);
                add_form(p, nick, who, 2);
            }
            f += m;
        }
    }
}

/* The document's text as one buffer: its lines lie in one buffer, in order. 0 when empty. */
static int doc_text(const tk_lines *L, const tk_docblocks *db, const char **a, const char **e)
{
    size_t last = db->end_line < L->n ? db->end_line : L->n;
    if (db->first_line >= last)
        return 0;
    *a = L->v[db->first_line].s;
    *e = L->v[last - 1].s + L->v[last - 1].len;
    return *e >= *a;
}

/* A node of the trie of the names that common_noun may be asked about. */
typedef struct noun_node {
    int child, sibling; /* indices, -1 none */
    unsigned char c, end, found;
} noun_node;

/* Lower-cased copy of a name into lo (64 bytes); its length, 0 when empty or too long. */
static size_t noun_key(const char *word, char *lo)
{
    size_t n = strlen(word);
    if (n == 0 || n >= 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        lo[i] = (char)tolower((unsigned char)word[i]);
    lo[n] = '\0';
    return n;
}

/* Inserts lo[0..n) into the trie (nodes 0..255 are the roots, one per first byte); returns
 * its last node. */
static int noun_insert(noun_node **t, size_t *nt, size_t *cap, const char *lo, size_t n)
{
    int at = (unsigned char)lo[0];
    for (size_t i = 1; i < n; i++) {
        int c = (*t)[at].child;
        while (c >= 0 && (*t)[c].c != (unsigned char)lo[i])
            c = (*t)[c].sibling;
        if (c < 0) {
            if (*nt == *cap) {
                *t = tk_xrealloc(*t, *cap * 2 * sizeof **t);
                *cap *= 2;
            }
            c = (int)(*nt)++;
            (*t)[c] = (noun_node){-1, (*t)[at].child, (unsigned char)lo[i], 0, 0};
            (*t)[at].child = c;
        }
        at = c;
    }
    (*t)[at].end = 1;
    return at;
}

/* Answers common_noun for the names of every accepted person of the document at once: one
 * walk of a trie of those names from each word start of the text (a search per name went
 * over the whole document each time: 48 names on a 12 MB transcript took 0.7G instructions). */
static void nouns_prepare(tk_persons *p, const tk_lines *L, const tk_docblocks *db)
{
    hmap_free(&p->nouns);
    memset(&p->nouns, 0, sizeof p->nouns);
    p->nouns_ready = 1;
    size_t nt = 256, cap = 512;
    noun_node *t = tk_xmalloc(cap * sizeof *t);
    for (int i = 0; i < 256; i++)
        t[i] = (noun_node){-1, -1, (unsigned char)i, 0, 0};
    int any = 0;
    for (size_t i = 0; i < p->n_doc_found; i++) {
        const person *x = &p->v[p->doc_found[i]];
        const char *w[2] = {x->given, x->surname};
        for (int k = 0; k < 2; k++) {
            char lo[64];
            size_t n = w[k] != NULL && x->accepted ? noun_key(w[k], lo) : 0;
            if (n == 0 || hmap_get(&p->nouns, lo) >= 0)
                continue;
            hmap_put(&p->nouns, lo, noun_insert(&t, &nt, &cap, lo, n));
            any = 1;
        }
    }
    const char *a, *e;
    if (any && doc_text(L, db, &a, &e)) {
        /* a name matches at a start of the text or after a byte that is no letter */
        unsigned char alpha[256] = {0}, starts[256] = {0};
        for (int c = 0; c < 256; c++) {
            alpha[c] = isalpha(c) != 0;
            starts[c] = t[c].end || t[c].child >= 0;
        }
        int prev_alpha = 0;
        for (const char *f = a; f < e; f++) {
            unsigned char c0 = (unsigned char)*f;
            if (!prev_alpha && starts[c0]) {
                int at = c0;
                for (const char *g = f + 1;; g++) {
                    t[at].found |= t[at].end;
                    if (g >= e)
                        break;
                    int c = t[at].child;
                    while (c >= 0 && t[c].c != (unsigned char)*g)
                        c = t[c].sibling;
                    if (c < 0)
                        break;
                    at = c;
                }
            }
            prev_alpha = alpha[c0];
        }
    }
    for (size_t i = 0; i < p->nouns.cap; i++)
        if (p->nouns.keys[i] != NULL)
            p->nouns.vals[i] = t[p->nouns.vals[i]].found;
    free(t);
}

/* Is a word known only from speaker labels a common noun ("Servant", "Messenger",
 * "Citizen")? It is when the document has it in lower case (nouns_prepare answers for the
 * document's names; another word is searched here). */
static int common_noun(tk_persons *p, const tk_lines *L, const tk_docblocks *db,
                       const char *word)
{
    char lo[64];
    size_t n = noun_key(word, lo);
    if (n == 0)
        return 0;
    /* a search per name costs a pass over the text, the trie one pass for all: it pays from
       the fourth name on */
    if (!p->nouns_ready && ++p->nouns_asked > 3)
        nouns_prepare(p, L, db);
    int known = p->nouns_ready ? hmap_get(&p->nouns, lo) : -1;
    if (known >= 0)
        return known;
    const char *a, *e;
    if (!doc_text(L, db, &a, &e))
        return 0;
    for (const char *s = a; s + n <= e;) {
        const char *f = tk_find_bytes(s, (size_t)(e - s), lo, n);
        if (f == NULL)
            break;
        if (f == a || !isalpha((unsigned char)f[-1]))
            return 1;
        s = f + 1;
    }
    return 0;
}

/* Voids the EV_VERB candidates whose form the document does not show twice before a verb:
 * "that Publius Cimber may" once is too little ("that Mitt Romney wants", "needs"...). */
static void verb_pairs_twice(tk_persons *p)
{
    hmap seen;
    memset(&seen, 0, sizeof seen);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < p->nc; i++) {
            cand *c = &p->cands[i];
            if (c->ev != EV_VERB)
                continue;
            int k = hmap_get(&seen, c->form);
            if (pass == 0 && k < 0)
                hmap_put(&seen, c->form, 1);
            else if (pass == 0)
                hmap_set(&seen, c->form, k + 1);
            else if (k < 2)
                c->ev = EV_COUNT;
        }
    hmap_free(&seen);
}

/* A given name in address position: the one person of the document with that given name
 * (or a short form of it: "Jim" is James Baker's) when there is one, -1 when several have
 * it, else a person of that name alone. A transcript has many ("Houston,", "Roger,"). */
static int address_person(tk_persons *p, const cand *c, tk_diag *d, const char *file,
                          int explain)
{
    int hit = -1, n_hit = 0, nick = has_nick(p, c->surname); /* else one strcasecmp each */
    for (size_t j = 0; j < p->n_doc_found; j++) {
        person *y = &p->v[p->doc_found[j]];
        if (y->doc_weight >= ACCEPT && y->given != NULL &&
            (nick ? same_given(p, y->given, c->surname)
                  : strcasecmp(y->given, c->surname) == 0)) {
            hit = (int)p->doc_found[j];
            n_hit++;
        }
    }
    if (n_hit > 1)
        return -1;
    return hit >= 0 ? hit : resolve(p, c, d, file, explain);
}

/* Does the name `form` (words separated by single spaces) hold the word w (n bytes)? */
static int name_has_word(const char *form, const char *w, size_t n)
{
    for (const char *f = form; *f;) {
        size_t k = strcspn(f, " ");
        if (k == n && strncasecmp(f, w, n) == 0)
            return 1;
        f += k;
        while (*f == ' ')
            f++;
    }
    return 0;
}

/* Each word alone of a label of two or three names ("METELLUS CIMBER": "Metellus",
 * "Cimber"), when no other label person or found person of the document has it and the
 * document has no such word in lower case ("DECIUS BRUTUS" and "BRUTUS": "Brutus" is
 * neither's alone). */
static void label_word_forms(tk_persons *p, const tk_lines *L, const tk_docblocks *db)
{
    for (size_t i = 0; i < p->n_label_people; i++) {
        const char *form = p->label_people[i].form;
        for (const char *f = form; *f;) {
            size_t k = strcspn(f, " ");
            int unique = k >= 3 && k < 48;
            for (size_t j = 0; j < p->n_label_people && unique; j++)
                unique = j == i || p->label_people[j].who == p->label_people[i].who ||
                         !name_has_word(p->label_people[j].form, f, k);
            for (size_t j = 0; j < p->n_doc_found && unique; j++) {
                const person *y = &p->v[p->doc_found[j]];
                unique = (int)p->doc_found[j] == p->label_people[i].who ||
                         !((y->surname && strlen(y->surname) == k && strncasecmp(y->surname, f, k) == 0) ||
                           (y->given && strlen(y->given) == k && strncasecmp(y->given, f, k) == 0));
            }
            char word[48];
            if (unique) {
                memcpy(word, f, k);
                word[k] = '\0';
                if (!common_noun(p, L, db, word))
                    add_form(p, word, p->label_people[i].who, f == form ? 2 : 1);
            }
            f += k;
            while (*f == ' ')
                f++;
        }
    }
}

/* The kinds of evidence that let a person's surname alone be found in later documents: not
 * initials alone ("J. K. Fenno"), a verb or an address. */
#define CARRY_EV ((1u << EV_TITLE) | (1u << EV_LABEL) | (1u << EV_LIST) | (1u << EV_BETWEEN) | \
                  (1u << EV_OFFICE_PAREN) | (1u << EV_SIGNED) | (1u << EV_GIVEN) | \
                  (1u << EV_APPOSITION))

/* Is s[0..n) one of the words of list (lower case, each between spaces)? */
static int in_word_list(const char *list, const char *s, size_t n)
{
    char key[16] = " ";
    if (n == 0 || n + 3 > sizeof key)
        return 0;
    for (size_t i = 0; i < n; i++)
        key[i + 1] = (char)tolower((unsigned char)s[i]);
    key[n + 1] = ' ';
    key[n + 2] = '\0';
    return strstr(list, key) != NULL;
}

/* The capitalised word q[0..n) before a surname alone is no part of a compound name with
 * it: a function word or an auxiliary ("For Stevens", "If Ishii", "Should Ishii"), or a verb
 * opening a sentence, as cables begin them ("Inform Stevens", "Forwarded Stevens", "Wiring
 * Stevens"): a word of the list or a word in -ed or -ing after a sentence's end. */
static int no_name_before(const char *a, const char *q, size_t n)
{
    static const char function[] = " a an and as at but by for from in of on or the to with "
                                   "if should would will shall could may might must did does "
                                   "do has had have was is were when unless until ";
    static const char verbs[] = " ask advise cable forward give inform instruct notify please "
                                "request send show tell telegraph urge wire see let ";
    if (in_word_list(function, q, n))
        return 1;
    const char *b = q;
    while (b > a && (b[-1] == ' ' || b[-1] == '\n' || b[-1] == '\t' || b[-1] == '\r'))
        b--;
    if (b > a && strchr(".:?!", b[-1]) == NULL)
        return 0; /* not a sentence's start */
    return in_word_list(verbs, q, n) ||
           (n >= 5 && (memcmp(q + n - 2, "ed", 2) == 0 || memcmp(q + n - 3, "ing", 3) == 0));
}

/* A capitalised word after a surname alone that makes no compound name with it: "I", a month
 * or a weekday ("cabled Emerson January 15", "to Stevens I believe"). */
static int no_name_after(const char *s, size_t n)
{
    static const char words[] = " i january february march april may june july august "
                                "september october november december monday tuesday "
                                "wednesday thursday friday saturday sunday ";
    size_t w = 0;
    while (w < n && isalpha((unsigned char)s[w]))
        w++;
    return in_word_list(words, s, w);
}

/* Is word (w bytes, capitalised; lo its lower case) a doubtful surname alone in a..a+n:
 * printed there in lower case ("long"), or after or before another capitalised word
 * ("Ku Hsien", "Buenos Aires", "Columbia River")? A title before it is no such word
 * ("Mr. Stevens", "Secretary Hull"), nor is a capital opening the next sentence. */
static int doubtful_alone(const tk_persons *p, const char *a, size_t n, const char *word,
                          const char *lo, size_t w)
{
    const char *e = a + n;
    /* one search for the word's tail when it is the same in both cases ("tevens"), then
       its first byte: lower case or the word's own capital; two when not ("McAdoo") */
    const char *tails[2] = {lo + 1, word + 1};
    int two = memcmp(lo + 1, word + 1, w - 1) != 0;
    for (int k = 0; k <= two; k++)
    for (const char *s = a + 1; s + w - 1 <= e;) {
        const char *f = tk_find_bytes(s, (size_t)(e - s), tails[k], w - 1);
        if (f == NULL)
            break;
        s = f + 1;
        f--;
        int lower = k == 0 && *f == lo[0], cap = (k == 1 || !two) && *f == word[0];
        if (!lower && !cap)
            continue;
        if (lower && (f == a || !isalpha((unsigned char)f[-1])) &&
            (f + w == e || !isalpha((unsigned char)f[w])))
            return 1; /* "long" */
        if (!cap || (f > a && is_word_byte((unsigned char)f[-1])) ||
            (f + w < e && is_word_byte((unsigned char)f[w])))
            continue; /* inside a longer word */
        if ((f > a && f[-1] == '-') || (f + w < e && f[w] == '-'))
            return 1; /* "Sea-Shore" */
        if (f + w + 1 < e && f[w] == ' ' && isupper((unsigned char)f[w + 1]) &&
            !no_name_after(f + w + 1, (size_t)(e - f - w - 1)))
            return 1; /* "Columbia River" */
        const char *b = f;
        while (b > a && b[-1] == ' ')
            b--;
        if (b < f && b - a >= 3 && b[-1] == '.' && isupper((unsigned char)b[-3]) &&
            islower((unsigned char)b[-2]) && (b - a == 3 || !isalpha((unsigned char)b[-4]))) {
            char sex = 0;
            if (title_at(p, b - 3, (size_t)(e - b + 3), &sex) == 0)
                return 1; /* "St. James", "Mt. Vernon": an abbreviation, not a sentence's end */
        }
        if (b == f || b == a || !isalpha((unsigned char)b[-1]))
            continue; /* a line's or sentence's start, after punctuation */
        const char *q = b;
        while (q > a && is_word_byte((unsigned char)q[-1]))
            q--;
        char sex = 0;
        if (isupper((unsigned char)*q) && title_at(p, q, (size_t)(e - q), &sex) == 0 &&
            !no_name_before(a, q, (size_t)(b - q)))
            return 1; /* "Ku Hsien", "Buenos Aires"; not "For Stevens", "Inform Stevens" */
    }
    return 0;
}

/* surname_owner's test for carry_surnames: a person met with a title, label, list, office
 * or signature ("S. S. Columbia", "Christian Boxers" are none). */
static int carry_ok(const tk_persons *p, const person *x, const void *arg)
{
    (void)p, (void)arg;
    return x->found && x->id != NULL && (x->all_ev & CARRY_EV);
}

/* A surname alone in a later document ("Stevens" in a telegram after "Mr. John F. Stevens"
 * in an earlier one of the file): the one accepted person of earlier documents with that
 * surname, met there with a title, label, list, office or signature, when no person found in this document
 * has it, the word is no given name, Chinese family name or table word, and the document
 * never prints it in lower case nor next to another capitalised word (doubtful_alone). At
 * most
 * TK_TH_CARRY_SURNAMES of them a document. */
static void carry_surnames(tk_persons *p, const tk_lines *L, const tk_docblocks *db)
{
    const char *a, *e;
    if (p->n_sur_found == 0 || !doc_text(L, db, &a, &e))
        return;
    size_t n = (size_t)(e - a);
    int carried = 0;
    /* the capitalised words find_in_text met and no rule took, that pass the bloom filter
       of accepted persons' surnames */
    for (size_t c = 0; c < p->n_carry_words && carried < TK_TH_CARRY_SURNAMES; c++) {
        const char *word = p->carry_words[c].s;
        size_t w = p->carry_words[c].n;
        char lo[64];
        for (size_t k = 0; k < w; k++)
            lo[k] = (char)tolower((unsigned char)word[k]);
        lo[w] = '\0';
        int q = hmap_get(&p->sur, lo), here = 0, unsure = 0;
        for (; q >= 0 && !here; q = p->v[q].next_sur)
            here = p->v[q].doc_gen == p->gen && p->v[q].accepted; /* its own forms */
        int who = here ? -1 : surname_owner(p, lo, 0, &unsure, carry_ok, NULL);
        if (who < 0 || p->v[who].carry_gen == p->gen)
            continue;
        p->v[who].carry_gen = p->gen; /* read once a document */
        /* Chinese family names ("Li", "Fu") alone are too often another person's, and so
           are given names ("Francis", "Victoria"), unless the person was met with a given
           name or initials before the word ("Col. George Emerson": "Emerson" is a surname) */
        int bits = word_bits(p, word, w);
        char probe[72], sex = 0;
        snprintf(probe, sizeof probe, "%.*s ", (int)w, word);
        if (title_at(p, probe, w + 1, &sex) > 0)
            continue; /* "King" of King T. B.: "the Emperor and King" */
        if ((bits & (W_STOP | W_PLACE | W_INST | W_OFFICE | W_ROLE | W_CN)) ||
            ((bits & (W_MALE | W_FEMALE | W_NICK)) &&
             ((p->v[who].given == NULL && !p->v[who].init[0]) || p->v[who].surname_first)))
            continue;
        if (doubtful_alone(p, a, n, word, lo, w))
            continue;
        add_form(p, p->v[who].surname, who, 1);
        carried++;
    }
}

void tk_persons_discover(tk_persons *p, const tk_lines *L, const tk_docblocks *db, tk_diag *d,
                         const char *file, int explain)
{
    if (p == NULL || !p->honorifics || p->n_file > 0)
        return;
    /* the trie holds this document's forms only */
    p->nt = 0;
    for (int i = 0; i < 256; i++)
        p->root_tab[i] = -1;
    p->roots_not_upper = 0;
    p->nc = 0;
    p->n_carry_words = 0;
    p->n_label_people = 0;
    p->n_doc_found = 0;
    hmap_free(&p->doc_labels);
    memset(&p->doc_labels, 0, sizeof p->doc_labels);
    p->nouns_ready = p->nouns_asked = 0;
    gather(p, L, db);
    verb_pairs_twice(p);
    int *who = tk_xmalloc((p->nc + 1) * sizeof *who);
    for (int pass = 0; pass < 4; pass++)
        for (size_t i = 0; i < p->nc; i++)
            if (p->cands[i].ev == EV_COUNT)
                who[i] = -1;
            else if (cand_order(&p->cands[i]) == pass)
                who[i] = pass == 3 ? address_person(p, &p->cands[i], d, file, explain)
                                   : resolve(p, &p->cands[i], d, file, explain);
    /* accepted persons: ids, then forms (printed forms, full name, surname alone) */
    for (size_t i = 0; i < p->n_doc_found; i++) {
        person *x = &p->v[p->doc_found[i]];
        x->accepted = x->doc_weight >= ACCEPT;
        if (x->accepted)
            found_id(p, (int)p->doc_found[i]);
    }
    for (size_t i = 0; i < p->nc; i++) {
        const cand *c = &p->cands[i];
        if (who[i] < 0 || !p->v[who[i]].accepted)
            continue;
        if (explain && p->v[who[i]].doc_weight > 0) {
            char why[256] = "";
            for (int e = 0; e < EV_COUNT; e++)
                if (p->v[who[i]].doc_ev & (1u << e))
                    snprintf(why + strlen(why), sizeof why - strlen(why), "%s%s (%d)",
                             why[0] ? ", " : "", evidence[e].why, evidence[e].weight);
            TK_MSG(d, PERSON, file, c->line, c->col, c->form, p->v[who[i]].id, why);
            p->v[who[i]].doc_weight = -p->v[who[i]].doc_weight; /* said once */
        }
        if (c->ev != EV_LABEL) {
            add_form(p, c->form, who[i], 0);
            add_variant(p, who[i], 'v', c->form);
        } else
            add_variant(p, who[i], 'l', c->form);
    }
    for (size_t i = 0; i < p->n_doc_found; i++) {
        person *x = &p->v[p->doc_found[i]];
        if (x->doc_weight < 0)
            x->doc_weight = -x->doc_weight;
    }
    for (size_t i = 0; i < p->n_doc_found; i++) {
        int w = (int)p->doc_found[i];
        person *x = &p->v[w];
        if (!x->accepted)
            continue;
        char buf[200];
        if (x->given != NULL) {
            if (x->surname_first)
                join_words(buf, sizeof buf, x->surname, x->given);
            else
                join_words(buf, sizeof buf, x->given, x->surname);
            add_form(p, buf, w, 0);
        }
        /* the given name alone ("Henry", "Jim" for James), when no other person here has
         * it and the document prints it with the surname: transcripts address people so */
        if (x->given != NULL && x->doc_given && !x->surname_first &&
            (word_bits(p, x->given, strlen(x->given)) & (W_MALE | W_FEMALE | W_NICK)) &&
            !(word_bits(p, x->given, strlen(x->given)) & W_STOP)) {
            int unique = 1, nick = has_nick(p, x->given); /* else one strcasecmp a pair */
            for (size_t j = 0; j < p->n_doc_found && unique; j++) {
                person *y = &p->v[p->doc_found[j]];
                unique = (int)p->doc_found[j] == w || !y->accepted || y->given == NULL ||
                         !(nick ? same_given(p, y->given, x->given)
                                : strcasecmp(y->given, x->given) == 0);
            }
            if (unique && !common_noun(p, L, db, x->given)) /* "Mark him", "Will you" */
                add_given_forms(p, x->given, w);
        }
        if (x->first_is_surname && x->given != NULL &&
            !(word_bits(p, x->given, strlen(x->given)) & W_STOP))
            add_form(p, x->given, w, 1);
        /* the surname alone: the person with most evidence among those sharing it, a man or
         * a person of unknown sex before a woman */
        if (word_bits(p, x->surname, strlen(x->surname)) & W_STOP)
            continue;
        int best = w;
        for (size_t j = 0; j < p->n_doc_found; j++) {
            person *y = &p->v[p->doc_found[j]];
            if (!y->accepted || strcasecmp(y->surname, x->surname) != 0)
                continue;
            person *b = &p->v[best];
            if ((b->sex == 'f' && y->sex != 'f') ||
                ((b->sex == 'f') == (y->sex == 'f') && y->doc_weight > b->doc_weight))
                best = (int)p->doc_found[j];
        }
        if (best == w && !(x->doc_ev == (1u << EV_LABEL) && common_noun(p, L, db, x->surname)))
            add_form(p, x->surname, w, 1);
    }
    carry_surnames(p, L, db);
    label_word_forms(p, L, db);
    free(who);
}

void tk_persons_set_play(tk_persons *p, int on) { p->play = on; }

void tk_persons_set_role_name(tk_persons *p, const char *role, const char *name)
{
    int k = strcmp(role, "interviewer") == 0 ? 0 : 1;
    free(p->role_name[k]);
    p->role_name[k] = name ? tk_xstrdup(name) : NULL;
}

const char *tk_persons_speaker(tk_persons *p, const char *label, size_t len)
{
    /* the name: the label without its closing ':' or '.' */
    while (len > 0 && (label[len - 1] == ':' || label[len - 1] == '.' || label[len - 1] == ' '))
        len--;
    char *lo = norm_name(label, len, 1);
    if (lo == NULL)
        return NULL;
    int who = hmap_get(&p->forms, lo);
    if (who < 0 && (strcmp(lo, "q") == 0 || strcmp(lo, "a") == 0)) {
        int k = lo[0] == 'q' ? 0 : 1;
        const char *role = k == 0 ? "interviewer" : "interviewee";
        const char *name = p->role_name[k];
        char *nlo = name ? norm_name(name, strlen(name), 1) : NULL;
        if (nlo != NULL)
            who = hmap_get(&p->forms, nlo);
        free(nlo);
        if (who < 0) {
            char *id = make_id(p, name ? name : role, strlen(name ? name : role));
            who = id ? add_person(p, id, 0) : -1;
            free(id);
            if (who >= 0) {
                p->v[who].role = tk_xstrdup(role);
                add_name(p, who, name ? name : (k == 0 ? "Q" : "A"));
            }
        }
        if (who >= 0)
            hmap_put(&p->forms, lo, who);
    }
    if (who < 0) {
        cand c;
        int r = label_parse(p, label, len, &c);
        if (r < 0) { /* a role speaks, but is no person (with or without a personography) */
            free(lo);
            return NULL;
        }
        if (r == 1 && p->honorifics) {
            int n_ok = 0;
            who = find_person(p, &c, &n_ok);
            if (who < 0) {
                who = new_found_person(p, &c);
                if (who >= 0)
                    join(p, who, &c);
            }
            if (who >= 0) {
                p->v[who].accepted = 1;
                found_id(p, who);
                char *form = norm_name(label, len, 0);
                int have = 0;
                for (size_t k = 0; form != NULL && k < p->v[who].n_names; k++)
                    have |= strcmp(p->v[who].names[k], form) == 0;
                if (form != NULL && !have)
                    add_name(p, who, form);
                if (form != NULL)
                    add_variant(p, who, 'l', form);
                free(form);
                hmap_put(&p->forms, lo, who);
            }
        }
    }
    if (who < 0)
        who = new_named_person(p, label, len, lo);
    free(lo);
    if (who < 0)
        return NULL;
    mark_used(p, who);
    return p->v[who].id;
}

/* ------------------------------------------------------------------ scanning */

static int boundary_after(const unsigned char *t, size_t len, size_t j)
{
    if (j >= len || !is_word_byte(t[j]))
        return 1;
    return t[j] == 0xE2 && j + 1 < len && t[j + 1] == 0x80; /* ’ ” — … */
}

static int boundary_before(const unsigned char *t, size_t i)
{
    if (i == 0 || !is_word_byte(t[i - 1]))
        return 1;
    return i >= 3 && t[i - 3] == 0xE2 && t[i - 2] == 0x80;
}

/* "Caius Cassius", "Hodding Carter": a capitalised word right before a surname found alone
 * (not at a sentence start, not a stop word or title) is a given name: of that person when it
 * has none or the same one, else of another person of that surname, found now. Moves *start
 * back over the word; returns the person. `from`: where the text may be looked at. */
static int given_before(tk_persons *p, const char *text, size_t from, size_t *start, int who)
{
    size_t i = *start;
    person *x = &p->v[who];
    if (!x->found || i < from + 3 || text[i - 1] != ' ')
        return who;
    size_t ws = i - 1;
    while (ws > from && is_word_byte((unsigned char)text[ws - 1]))
        ws--;
    size_t wl = i - 1 - ws;
    if (wl < 2 || wl > TK_TH_NAME_WORD_MAX_BYTES || cap_word(text + ws, wl) != wl)
        return who;
    size_t k = ws;
    while (k > from && (text[k - 1] == ' ' || text[k - 1] == '\n' || text[k - 1] == '\t'))
        k--;
    if (k == from || (k == ws && text[k - 1] != '(') || strchr(".?!:\"", text[k - 1]) != NULL)
        return who; /* a sentence start, or glued to what precedes */
    if (word_bits(p, text + ws, wl) & (W_STOP | W_OFFICE | W_INST | W_ROLE))
        return who;
    char sex = 0;
    char probe[48];
    snprintf(probe, sizeof probe, "%.*s ", (int)wl, text + ws);
    if (title_at(p, probe, strlen(probe) + 1, &sex) > 0)
        return who;
    if (x->given != NULL && !same_given(p, x->given, probe) && x->surname != NULL) {
        cand c;
        memset(&c, 0, sizeof c);
        snprintf(c.given, sizeof c.given, "%.*s", (int)wl, text + ws);
        c.init[0] = c.given[0];
        snprintf(c.surname, sizeof c.surname, "%s", x->surname);
        c.sex = given_sex(p, text + ws, wl);
        c.ev = EV_GIVEN;
        snprintf(c.form, sizeof c.form, "%s %s", c.given, c.surname);
        int w = resolve(p, &c, NULL, NULL, 0);
        if (w < 0)
            return who;
        p->v[w].accepted = 1;
        found_id(p, w);
        who = w;
    }
    *start = ws;
    return who;
}

void tk_persons_scan(tk_persons *p, const char *text, size_t len,
                     void (*found)(const tk_person_match *m, void *user), void *user)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0, prev_end = 0;
    if (p == NULL)
        return;
    while (i < len) {
        if (!is_word_byte(t[i]) && p->roots_not_upper == 0) {
            /* every form starts with a capital: only a capital after a byte outside words
               can start one (the words between are skipped whole below) */
            for (i = tk_next_upper(t, i + 1, len); i < len && is_word_byte(t[i - 1]);
                 i = tk_next_upper(t, i, len))
                while (i < len && is_word_byte(t[i])) /* the rest of a word ("USA") */
                    i++;
            continue;
        }
        if (!is_word_byte(t[i]) || !boundary_before(t, i)) {
            i++;
            continue;
        }
        if (p->root_tab[t[i]] < 0) {
            while (i < len && is_word_byte(t[i]))
                i++;
            continue;
        }
        /* longest personography form from i */
        size_t best_end = 0;
        int best = -1, bare = 0;
        int node = p->root_tab[t[i]];
        size_t j = i + 1;
        while (node >= 0) {
            if (p->t[node].person >= 0 && boundary_after(t, len, j)) {
                best = p->t[node].person;
                best_end = j;
                bare = p->t[node].bare;
            }
            if (j >= len)
                break;
            unsigned char c = t[j];
            size_t step = 1;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                c = ' ';
                while (j + step < len && (t[j + step] == ' ' || t[j + step] == '\t' ||
                                          t[j + step] == '\n' || t[j + step] == '\r'))
                    step++;
            }
            int ch = p->t[node].child;
            while (ch >= 0 && p->t[ch].c != c)
                ch = p->t[ch].sibling;
            node = ch;
            j += step;
        }
        if (best >= 0 && bare == 2 && best_end + 1 < len && t[best_end] == ' ' &&
            t[best_end + 1] >= 'A' && t[best_end + 1] <= 'Z')
            best = -1; /* "George C. Marshall Center": a longer name that is no person's */
        if (best >= 0) {
            size_t start = i;
            if (bare == 1 && p->honorifics)
                best = given_before(p, text, prev_end, &start, best);
            mark_used(p, best);
            tk_person_match m = {start, best_end, p->v[best].id};
            if (found != NULL)
                found(&m, user);
            i = prev_end = best_end;
            continue;
        }
        while (i < len && is_word_byte(t[i]))
            i++;
    }
}

void tk_persons_discover_text(tk_persons *p, const char *text, size_t len)
{
    tk_text_para t;
    tk_text_para_init(&t, text, len);
    tk_persons_new_document(p);
    tk_persons_discover(p, &t.lines, &t.doc, NULL, NULL, 0);
}

void tk_persons_each_idno(const tk_persons *p, const char *id,
                          void (*fn)(const char *type, const char *value, void *user), void *user)
{
    int who = hmap_get(&p->ids, id);
    if (who < 0)
        return;
    const person *x = &p->v[who];
    for (size_t k = 0; k < x->n_idnos; k++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s", x->idnos[k]);
        char *tab = strchr(buf, '\t');
        if (tab == NULL)
            continue;
        *tab = '\0';
        fn(buf, tab + 1, user);
    }
}

/* Authority files whose ids a draft person gets a slot for. */
static const char *const authorities[] = {"VIAF", "Wikidata", "GND", "SNAC"};

void tk_persons_draft_list(tk_persons *p, tk_conv *cv, xmlNodePtr list)
{
    static const char *const type_names[] = {['f'] = "full", ['l'] = "label", ['v'] = "variant"};
    for (size_t i = 0; i < p->n_all_used; i++) {
        person *x = &p->v[p->all_used[i]];
        xmlNodePtr el = tk_el(cv, list, "person");
        if (el == NULL)
            return;
        tk_set_xml_id(el, x->id);
        if (x->role != NULL)
            tk_xset_prop(el, (const xmlChar *)"role", (const xmlChar *)x->role);
        if (x->n_forms > 0) {
            for (size_t k = 0; k < x->n_forms; k++) {
                xmlNodePtr pn = tk_el(cv, el, "persName");
                unsigned char t = (unsigned char)x->forms[k][0];
                if (t < sizeof type_names / sizeof *type_names && type_names[t] != NULL)
                    tk_xset_prop(pn, (const xmlChar *)"type", (const xmlChar *)type_names[t]);
                tk_text(pn, x->forms[k] + 1, strlen(x->forms[k] + 1));
            }
        } else {
            for (size_t k = 0; k < x->n_names; k++)
                tk_text(tk_el(cv, el, "persName"), x->names[k], strlen(x->names[k]));
            if (x->n_names == 0)
                tk_text(tk_el(cv, el, "persName"), x->id, strlen(x->id));
        }
        for (size_t a = 0; a < sizeof authorities / sizeof *authorities; a++) {
            const char *val = "";
            size_t al = strlen(authorities[a]);
            for (size_t k = 0; k < x->n_idnos; k++)
                if (strncmp(x->idnos[k], authorities[a], al) == 0 && x->idnos[k][al] == '\t')
                    val = x->idnos[k] + al + 1;
            xmlNodePtr idno = tk_el(cv, el, "idno");
            tk_xset_prop(idno, (const xmlChar *)"type", (const xmlChar *)authorities[a]);
            if (val[0])
                tk_text(idno, val, strlen(val));
        }
        if (x->first != NULL) {
            xmlNodePtr note = tk_el(cv, el, "note");
            tk_xset_prop(note, (const xmlChar *)"type", (const xmlChar *)"first-occurrence");
            tk_text(note, x->first, strlen(x->first));
        }
        char c[96];
        snprintf(c, sizeof c, " %lu mention%s ", x->count, x->count == 1 ? "" : "s");
        xmlNodePtr com = xmlNewDocComment(cv->doc, (const xmlChar *)c);
        if (com != NULL)
            xmlAddChild(el, com);
        if (x->uncertain != NULL && (com = xmlNewDocComment(cv->doc, (const xmlChar *)x->uncertain)) != NULL)
            xmlAddChild(el, com);
    }
}
