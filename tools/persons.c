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

typedef struct person {
    char *id;
    char **names;
    size_t n_names;
    char *role;
    int from_file;
    unsigned used_gen;      /* generation of the document that last used it */
    int used_any;
    unsigned long count;
} person;

typedef struct trie_node {
    int child, sibling;     /* first child, next sibling (indices; -1 none) */
    int person;             /* person ending here, -1 none */
    unsigned char c;
} trie_node;

/* open hash: key string -> person index */
typedef struct hmap {
    char **keys;
    int *vals;
    size_t cap, len;
} hmap;

struct tk_persons {
    person *v;
    size_t n, cap;
    size_t n_file;
    trie_node *t;
    size_t nt, tcap;
    int root_tab[256];
    hmap forms;             /* lower-cased name forms and labels -> person */
    hmap ids;               /* ids -> person */
    unsigned gen;
    size_t *doc_used, n_doc_used, cap_doc_used;
    size_t *all_used, n_all_used, cap_all_used;
    int honorifics;
    uint64_t title_pairs[256]; /* bit (b & 63) of [a]: some title starts with bytes a, b */
    char *role_name[2];     /* interviewer, interviewee names from front matter */
};

/* ------------------------------------------------------------------ hash map */

static unsigned long hash_str(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static int hmap_get(const hmap *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == NULL)
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

static int hmap_put(hmap *m, const char *key, int val)
{
    if ((m->len + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        char **keys = calloc(cap, sizeof *keys);
        int *vals = calloc(cap, sizeof *vals);
        if (keys == NULL || vals == NULL) {
            free(keys);
            free(vals);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (m->keys[i] == NULL)
                continue;
            size_t j = hash_str(m->keys[i]) & (cap - 1);
            while (keys[j] != NULL)
                j = (j + 1) & (cap - 1);
            keys[j] = m->keys[i];
            vals[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i] != NULL) {
        if (strcmp(m->keys[i], key) == 0)
            return 0; /* first one wins */
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = strdup(key);
    if (m->keys[i] == NULL)
        return -1;
    m->vals[i] = val;
    m->len++;
    return 0;
}

static void hmap_free(hmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
}

/* ------------------------------------------------------------------ names */

/* Copy of s[0..n) with whitespace runs collapsed to one space and trimmed; lower-cased when
 * `lower`. */
static char *norm_name(const char *s, size_t n, int lower)
{
    char *r = malloc(n + 1);
    size_t w = 0;
    int space = 0;
    if (r == NULL)
        return NULL;
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

/* A letter, a digit or a byte of a non-ASCII character (no locale: this runs at every byte). */
static int is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

/* ------------------------------------------------------------------ persons */

/* Titles before a name ("Comrade Stalin", "Mr. Smith"): without a personography, title +
 * capitalised name marks a person. */
static const char *const honorifics[] = {
    "Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Comrade", "Cde.", "Colonel", "Col.", "General",
    "Gen.", "Lieutenant", "Lt.", "Major", "Captain", "Capt.", "Admiral", "Adm.", "Marshal",
    "Sergeant", "Ambassador", "President", "Premier", "Chairman", "Secretary", "Senator",
    "Governor", "Minister", "Professor", "Prof.", "Sir", "Lord", "Lady", "Madame", "Mme.",
    "Monsieur", "Herr", "Frau", "Judge", "Justice", "Reverend", "Rev.", "Bishop", "Cardinal",
    "Consul", "Count", "Baron", "Prince", "Princess", "Chancellor", "Commissar", "Academician",
};

tk_persons *tk_persons_new_empty(void);
tk_persons *tk_persons_new_empty(void)
{
    tk_persons *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    for (int i = 0; i < 256; i++)
        p->root_tab[i] = -1;
    for (size_t i = 0; i < sizeof honorifics / sizeof *honorifics; i++)
        p->title_pairs[(unsigned char)honorifics[i][0]] |=
            1ull << ((unsigned char)honorifics[i][1] & 63);
    p->gen = 1;
    return p;
}

static int add_person(tk_persons *p, const char *id, int from_file)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 32;
        person *g = realloc(p->v, cap * sizeof *g);
        if (g == NULL)
            return -1;
        p->v = g;
        p->cap = cap;
    }
    person *x = &p->v[p->n];
    memset(x, 0, sizeof *x);
    x->id = strdup(id);
    x->from_file = from_file;
    if (x->id == NULL || hmap_put(&p->ids, id, (int)p->n) != 0) {
        free(x->id);
        return -1;
    }
    return (int)p->n++;
}

static int add_name(tk_persons *p, int who, const char *name)
{
    person *x = &p->v[who];
    char **g = realloc(x->names, (x->n_names + 1) * sizeof *g);
    if (g == NULL)
        return -1;
    x->names = g;
    x->names[x->n_names] = strdup(name);
    if (x->names[x->n_names] == NULL)
        return -1;
    x->n_names++;
    return 0;
}

static int trie_new_node(tk_persons *p, unsigned char c)
{
    if (p->nt == p->tcap) {
        size_t cap = p->tcap ? p->tcap * 2 : 1024;
        trie_node *g = realloc(p->t, cap * sizeof *g);
        if (g == NULL)
            return -1;
        p->t = g;
        p->tcap = cap;
    }
    trie_node *n = &p->t[p->nt];
    n->child = n->sibling = n->person = -1;
    n->c = c;
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
                tk_diag_report(d, TK_WARNING, path, line, 0, "persons",
                               "person without xml:id ignored");
                continue;
            }
            if (hmap_get(&p->ids, id) >= 0) {
                tk_diag_report(d, TK_ERROR, path, line, 0, "persons",
                               "duplicate person id '%s'", id);
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
            if (p->v[who].n_names == 0)
                tk_diag_report(d, TK_WARNING, path, line, 0, "persons",
                               "person '%s' has no persName: it cannot be matched",
                               p->v[who].id);
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
        tk_diag_report(d, TK_SYSTEM, path, 0, 0, "io", "cannot open: %s", strerror(errno));
        tk_persons_free(p);
        return NULL;
    }
    if (f != NULL)
        fclose(f);
    xmlDocPtr doc = tk_xml_read_file(path, 0, d);
    if (doc == NULL) {
        tk_diag_report(d, TK_ERROR, path, 0, 0, "persons",
                       "cannot read the personography (see the messages above)");
        tk_persons_free(p);
        return NULL;
    }
    int errors = 0, non_tei = 0;
    collect_persons(p, xmlDocGetRootElement(doc), path, d, &errors, &non_tei);
    xmlFreeDoc(doc);
    if (errors == 0 && p->n == 0) {
        tk_diag_report(d, TK_ERROR, path, 0, 0, "persons",
                       "no person elements found%s (expected TEI listPerson/person[@xml:id] "
                       "with persName)",
                       non_tei ? " in the TEI namespace" : "");
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
    }
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
        size_t *g = realloc(*v, c * sizeof *g);
        if (g == NULL)
            return -1;
        *v = g;
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

/* A valid, unique NCName id derived from text: ASCII letters and digits lower-cased, other
 * runs become '-'; a leading digit gets "p-"; a taken id gets "-2", "-3"... */
static char *make_id(tk_persons *p, const char *text, size_t n)
{
    char *id = malloc(n + 16);
    size_t w = 0;
    if (id == NULL)
        return NULL;
    for (size_t i = 0; i < n && w < 48; i++) {
        unsigned char c = (unsigned char)text[i];
        if (isalnum(c))
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
        snprintf(id + base, 16, "-%d", k);
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

void tk_persons_set_role_name(tk_persons *p, const char *role, const char *name)
{
    int k = strcmp(role, "interviewer") == 0 ? 0 : 1;
    free(p->role_name[k]);
    p->role_name[k] = name ? strdup(name) : NULL;
}

static int honorific_person(tk_persons *p, const char *name, size_t n);
static size_t honorific_at_nocase(const char *s, size_t n);

/* A label made of a title and a name ("PROFESSOR OLIVER:", "Dr. Kissinger:") is the person
 * that honorific mentions in the text ("Professor Oliver") point to: one person, one id,
 * whatever the case of the label. Only without a personography. Returns -1 when the label
 * has no title. */
static int titled_speaker(tk_persons *p, const char *label, size_t len, const char *lo)
{
    if (!p->honorifics)
        return -1;
    size_t h = honorific_at_nocase(label, len);
    if (h == 0 || h >= len)
        return -1;
    size_t n_before = p->n;
    int who = honorific_person(p, label + h, len - h);
    if (who < 0)
        return -1;
    char *form = norm_name(label, len, 0);
    if (form != NULL && p->n > n_before && p->v[who].n_names == 1) {
        free(p->v[who].names[0]); /* new person: its name is the label as printed */
        p->v[who].names[0] = form;
        form = NULL;
    } else if (form != NULL) {
        add_name(p, who, form);
    }
    free(form);
    hmap_put(&p->forms, lo, who);
    return who;
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
                p->v[who].role = strdup(role);
                add_name(p, who, name ? name : (k == 0 ? "Q" : "A"));
            }
        }
        if (who >= 0)
            hmap_put(&p->forms, lo, who);
    }
    if (who < 0)
        who = titled_speaker(p, label, len, lo);
    if (who < 0)
        who = new_named_person(p, label, len, lo);
    free(lo);
    if (who < 0)
        return NULL;
    mark_used(p, who);
    return p->v[who].id;
}

/* ------------------------------------------------------------------ honorifics */

/* Capitalised words that follow a title but are not names. */
static const char *const not_names[] = {
    "Assembly", "Staff", "Council", "Committee", "Conference", "Government", "Department",
    "State", "States", "Office", "Affairs", "Embassy", "Legation", "Court", "Party", "Union",
    "Army", "Navy", "Headquarters", "Secretary", "President", "Ambassador", "Minister",
    "Chairman", "General", "Consul", "Commission", "Command", "Electric", "Motors", "Motor",
    "Counsel", "Manager", "Director", "Assistant", "Deputy", "Vice", "Under", "Acting",
    "The", "This", "That", "Of", "And", "In", "On", "At", "To", "For", "With", "From", "By",
    "Prosecutor",
    "Accounting", "Services", "Service", "Post", "Election", "Elect", "Administration",
};

/* Length of the honorific and its space at s ("Mr. "), 0 when none. Only capitalised words
 * are compared, first letter first: this runs at every word start. */
static size_t honorific_at(const tk_persons *p, const char *s, size_t n)
{
    /* most capitalised words have no title's first two letters: they go no further */
    if (n < 4 || !isupper((unsigned char)s[0]) ||
        !(p->title_pairs[(unsigned char)s[0]] & (1ull << ((unsigned char)s[1] & 63))))
        return 0;
    for (size_t i = 0; i < sizeof honorifics / sizeof *honorifics; i++) {
        const char *h = honorifics[i];
        if (h[0] != s[0] || h[1] != s[1])
            continue;
        size_t k = strlen(h);
        if (n > k + 1 && memcmp(s, h, k) == 0 && s[k] == ' ')
            return k + 1;
    }
    return 0;
}

/* honorific_at, case-insensitive, for speaker labels printed in capitals ("DR. KISSINGER"). */
static size_t honorific_at_nocase(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof honorifics / sizeof *honorifics; i++) {
        const char *h = honorifics[i];
        size_t k = strlen(h);
        if (n > k + 1 && strncasecmp(s, h, k) == 0 && s[k] == ' ')
            return k + 1;
    }
    return 0;
}

/* Name words after a title: 1-3 capitalised words or initials, ending with a word. Returns
 * the name's length (0 when none). */
static size_t name_after(const char *s, size_t n)
{
    size_t i = 0, end = 0;
    int words = 0;
    while (i < n && words < 3) {
        unsigned char c = (unsigned char)s[i];
        if (!(c >= 'A' && c <= 'Z'))
            break;
        if (i + 1 < n && s[i + 1] == '.') { /* initial "C." */
            i += 2;
            if (i < n && s[i] == ' ') {
                i++;
                continue;
            }
            break;
        }
        size_t k = i + 1, lower = 0;
        while (k < n && (isalpha((unsigned char)s[k]) || s[k] == '-' || s[k] == '\'' ||
                         ((unsigned char)s[k] >= 0x80 && !((unsigned char)s[k] == 0xE2))))
            lower += islower((unsigned char)s[k]) != 0, k++;
        if (lower == 0 && k - i < 2)
            break;
        int possessive = k - i >= 3 && s[k - 2] == '\'' && s[k - 1] == 's';
        if (possessive)
            k -= 2; /* "Mr. Smith's": the name ends before 's */
        for (size_t t = 0; t < sizeof not_names / sizeof *not_names; t++)
            if (strlen(not_names[t]) == k - i && memcmp(s + i, not_names[t], k - i) == 0)
                return end;
        words++;
        end = k;
        i = k;
        if (possessive)
            break;
        if (i < n && s[i] == ' ' && i + 1 < n && isupper((unsigned char)s[i + 1]))
            i++;
        else
            break;
    }
    return end;
}

/* A person for an honorific mention: one id per name (without the title). */
static int honorific_person(tk_persons *p, const char *name, size_t n)
{
    char *lo = norm_name(name, n, 1);
    if (lo == NULL)
        return -1;
    char key[300];
    snprintf(key, sizeof key, "\x01%s", lo); /* honorific names: their own key space */
    int who = hmap_get(&p->forms, key);
    if (who < 0)
        who = new_named_person(p, name, n, key);
    free(lo);
    return who;
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

void tk_persons_scan(tk_persons *p, const char *text, size_t len,
                     void (*found)(const tk_person_match *m, void *user), void *user)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    if (p == NULL)
        return;
    while (i < len) {
        if (!is_word_byte(t[i]) || !boundary_before(t, i)) {
            i++;
            continue;
        }
        if (p->root_tab[t[i]] < 0 && (!p->honorifics || !isupper(t[i]))) {
            while (i < len && is_word_byte(t[i]))
                i++;
            continue;
        }
        /* longest personography form from i */
        size_t best_end = 0;
        int best = -1;
        int node = p->root_tab[t[i]];
        size_t j = i + 1;
        while (node >= 0) {
            if (p->t[node].person >= 0 && boundary_after(t, len, j)) {
                best = p->t[node].person;
                best_end = j;
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
        if (best < 0 && p->honorifics) {
            size_t h = honorific_at(p, text + i, len - i);
            size_t nl = h ? name_after(text + i + h, len - i - h) : 0;
            if (nl > 0 && boundary_after(t, len, i + h + nl)) {
                best = honorific_person(p, text + i + h, nl);
                best_end = i + h + nl;
            }
        }
        if (best >= 0) {
            mark_used(p, best);
            tk_person_match m = {i, best_end, p->v[best].id};
            if (found != NULL)
                found(&m, user);
            i = best_end;
            continue;
        }
        while (i < len && is_word_byte(t[i]))
            i++;
    }
}
