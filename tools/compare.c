/* compare.c: scores one TEI encoding of a text against another: aligns the words of the two
 * bodies, lays every element of both over the alignment and counts matches class by class. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "teikit.h"
#include "tk_internal.h"
#include "tk_names.h"

/* ---- the element classes ------------------------------------------------------------ */

/* An element name the comparison knows: its group, the attributes that split it into
 * classes (div by @type, note by @place and @type) and the attribute naming who or what it
 * is (grouping scored pairwise). */
typedef struct cls_def {
    const char *name;
    const char *group;
    const char *key1, *key2;
    const char *ident;
} cls_def;

static const cls_def cls_defs[] = {
    {"text", "structure", NULL, NULL, NULL},
    {"div", "structure", "type", NULL, NULL},
    {"head", "structure", NULL, NULL, NULL},
    {"p", "structure", NULL, NULL, NULL},
    {"ab", "structure", NULL, NULL, NULL},
    {"lg", "structure", NULL, NULL, NULL},
    {"l", "structure", NULL, NULL, NULL},
    {"list", "structure", NULL, NULL, NULL},
    {"item", "structure", NULL, NULL, NULL},
    {"label", "structure", NULL, NULL, NULL},
    {"table", "structure", NULL, NULL, NULL},
    {"row", "structure", NULL, NULL, NULL},
    {"cell", "structure", NULL, NULL, NULL},
    {"opener", "structure", NULL, NULL, NULL},
    {"dateline", "structure", NULL, NULL, NULL},
    {"closer", "structure", NULL, NULL, NULL},
    {"salute", "structure", NULL, NULL, NULL},
    {"signed", "structure", NULL, NULL, NULL},
    {"pb", "structure", NULL, NULL, NULL},
    {"lb", "structure", NULL, NULL, NULL},
    {"sp", "speech", NULL, NULL, "who"},
    {"sp/l", "speech", NULL, NULL, NULL}, /* l and p inside sp: verse or prose speech */
    {"sp/p", "speech", NULL, NULL, NULL},
    {"speaker", "speech", NULL, NULL, NULL},
    {"u", "speech", NULL, NULL, "who"},
    {"stage", "speech", NULL, NULL, NULL},
    {"persName", "names", NULL, NULL, "ref"},
    {"placeName", "names", NULL, NULL, "ref"},
    {"orgName", "names", NULL, NULL, "ref"},
    {"rs", "names", "type", NULL, "ref"},
    {"name", "names", "type", NULL, "ref"},
    {"sic", "editorial", NULL, NULL, NULL},
    {"corr", "editorial", NULL, NULL, NULL},
    {"abbr", "editorial", NULL, NULL, NULL},
    {"expan", "editorial", NULL, NULL, NULL},
    {"ex", "editorial", NULL, NULL, NULL},
    {"supplied", "editorial", NULL, NULL, NULL},
    {"gap", "editorial", NULL, NULL, NULL},
    {"unclear", "editorial", NULL, NULL, NULL},
    {"note", "editorial", "place", "type", NULL},
    {"vocal", "editorial", NULL, NULL, NULL},
    {"incident", "editorial", NULL, NULL, NULL},
    {"kinesic", "editorial", NULL, NULL, NULL},
    {"date", "date", NULL, NULL, NULL},
    {"time", "date", NULL, NULL, NULL},
};
#define N_CLS_DEFS (sizeof cls_defs / sizeof *cls_defs)

/* Elements that end a word where they start and end (blocks): text on either side of them
 * never runs together into one word. */
static const char *const block_names[] = {
    "div",      "head",     "p",        "ab",       "lg",     "l",        "list",       "item",
    "label",    "table",    "row",      "cell",     "opener", "dateline", "closer",     "salute",
    "signed",   "sp",       "speaker",  "u",        "stage",  "note",     "lb",         "pb",
    "cb",       "fw",       "castList", "castItem", "role",   "roleDesc", "byline",     "docAuthor",
    "argument", "epigraph", "trailer",  "front",    "back",   "body",     "group",      "text",
    "figure",   "figDesc",  "bibl",     "listBibl", "quote",  "q",        "postscript", "seg",
    "set",      "desc",
};

static const char *const attr_names[TK_CMP_ATTR_COUNT] = {"when", "from", "to", "n", "type"};
_Static_assert(sizeof attr_names / sizeof *attr_names == TK_CMP_ATTR_COUNT,
               "one name per TK_CMP_ATTR_*");

const char *tk_compare_attr_name(int attr)
{
    return attr >= 0 && attr < TK_CMP_ATTR_COUNT ? attr_names[attr] : "";
}

void tk_compare_opts_init(tk_compare_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_diffs = 50;
}

/* ---- one side: its text, words and elements ------------------------------------------ */

typedef struct cmp_word {
    size_t s, e; /* bytes of the side's text */
    uint64_t h;  /* hash of the (normalised) word */
    uint64_t lh; /* loose hash: case folded; every punctuation token the same */
    int punct;   /* a punctuation token (weighs less in the alignment) */
} cmp_word;

typedef struct cmp_elem {
    size_t cls; /* index into the comparison's classes */
    long sub;   /* its breakdown class by key attributes, or -1 */
    xmlNodePtr node;
    size_t cs, ce; /* bytes of the side's text */
    size_t ws, we; /* words [ws, we) of its own side; ws == we: a point */
    size_t ms, me; /* the same over the hypothesis's words (mapped for the reference) */
    unsigned line;
    long partner; /* matched element of the other side, or -1 */
    int exact;
} cmp_elem;

/* A line mark: the text from byte `off` on starts on source line `line`. */
typedef struct cmp_mark {
    size_t off;
    unsigned line;
} cmp_mark;

typedef struct cmp_side {
    const char *name;
    char *text;
    size_t len, cap;
    cmp_word *w;
    size_t nw, wcap;
    unsigned *wline; /* source line of each word */
    cmp_elem *el;
    size_t nel, elcap;
    cmp_mark *mk;
    size_t nmk, mkcap;
} cmp_side;

/* A parsed --map: elements named `from` (with attr = value when attr is set) count as `to`. */
typedef struct cmp_map {
    char *from, *attr, *value, *to;
} cmp_map;

/* A class met in either document: an element name ("note", "sp/l"), or a breakdown of one
 * by its key attributes ("note[place=foot]", parent: the index of "note"). */
typedef struct cmp_class {
    char *name;
    const cls_def *def;
    long parent;
} cmp_class;

typedef struct cmp {
    const tk_compare_opts *o;
    tk_diag *d;
    cmp_map *maps, *skips;
    size_t nmaps, nskips;
    cmp_class *cls;
    size_t ncls, clscap;
    int oom;
} cmp;

static void side_free(cmp_side *s)
{
    free(s->text);
    free(s->w);
    free(s->wline);
    free(s->el);
    free(s->mk);
}

static void append(cmp *c, cmp_side *s, const char *t, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t nc = s->cap ? s->cap : 4096;
        while (nc < s->len + n + 1)
            nc *= 2;
        char *g = realloc(s->text, nc);
        if (g == NULL) {
            c->oom = 1;
            return;
        }
        s->text = g;
        s->cap = nc;
    }
    memcpy(s->text + s->len, t, n);
    s->len += n;
    s->text[s->len] = '\0';
}

static void add_mark(cmp *c, cmp_side *s, unsigned line)
{
    if (tk_grow((void **)&s->mk, &s->mkcap, s->nmk, sizeof *s->mk, 256) != 0) {
        c->oom = 1;
        return;
    }
    s->mk[s->nmk].off = s->len;
    s->mk[s->nmk].line = line;
    s->nmk++;
}

static int is_block(const char *name)
{
    for (size_t i = 0; i < sizeof block_names / sizeof *block_names; i++)
        if (strcmp(block_names[i], name) == 0)
            return 1;
    return 0;
}

static const cls_def *find_def(const char *name)
{
    for (size_t i = 0; i < N_CLS_DEFS; i++)
        if (strcmp(cls_defs[i].name, name) == 0)
            return &cls_defs[i];
    return NULL;
}

/* The value of attribute `name` (no namespace, or xml: for id), or NULL; caller frees. */
static char *attr(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* The element's name after the --map mappings. */
/* Whether element n matches pattern m (its name, and its attribute's value if given). */
static int matches(const cmp_map *m, xmlNodePtr n)
{
    if (strcmp(m->from, (const char *)n->name) != 0)
        return 0;
    if (m->attr == NULL)
        return 1;
    char *v = attr(n, m->attr);
    int ok = v != NULL && strcmp(v, m->value) == 0;
    xmlFree(v);
    return ok;
}

static const char *mapped_name(const cmp *c, xmlNodePtr n)
{
    for (size_t i = 0; i < c->nmaps; i++)
        if (matches(&c->maps[i], n))
            return c->maps[i].to;
    return (const char *)n->name;
}

static int skipped(const cmp *c, xmlNodePtr n)
{
    for (size_t i = 0; i < c->nskips; i++)
        if (matches(&c->skips[i], n))
            return 1;
    return 0;
}

/* Index of class `key` (added when new, under `parent` or -1), or (size_t)-1 out of
 * memory. */
static size_t class_index(cmp *c, const char *key, const cls_def *def, long parent)
{
    for (size_t i = c->ncls; i-- > 0;)
        if (strcmp(c->cls[i].name, key) == 0)
            return i;
    if (tk_grow((void **)&c->cls, &c->clscap, c->ncls, sizeof *c->cls, 32) != 0)
        goto oom;
    char *name = strdup(key);
    if (name == NULL)
        goto oom;
    c->cls[c->ncls].name = name;
    c->cls[c->ncls].def = def;
    c->cls[c->ncls].parent = parent;
    return c->ncls++;
oom:
    c->oom = 1;
    return (size_t)-1;
}

/* The class of an element ("div", "sp/l") in key, its breakdown by key attributes
 * ("div[type=act]") in sub (empty when none); returns its definition, or NULL when the
 * element is not scored. */
static const cls_def *class_key(const cmp *c, xmlNodePtr n, int in_sp, char *key, char *sub,
                                size_t size)
{
    sub[0] = '\0';
    const char *name = mapped_name(c, n);
    const cls_def *def = find_def(name);
    if (def == NULL)
        return NULL;
    if (in_sp && (strcmp(name, "l") == 0 || strcmp(name, "p") == 0)) {
        snprintf(key, size, "sp/%s", name);
        return find_def(key);
    }
    snprintf(key, size, "%s", name);
    size_t k = (size_t)snprintf(sub, size, "%s", name);
    const char *keys[2] = {def->key1, def->key2};
    int first = 1;
    /* a mapped element keeps the class the mapping names: its own @type is not a key */
    for (int i = 0; i < 2 && keys[i] != NULL && name == (const char *)n->name; i++) {
        char *v = attr(n, keys[i]);
        if (v != NULL && k < size)
            k += (size_t)snprintf(sub + k, size - k, "%s%s=%s", first ? "[" : ",", keys[i], v);
        if (v != NULL)
            first = 0;
        xmlFree(v);
    }
    if (!first && k < size)
        snprintf(sub + k, size - k, "]");
    if (first)
        sub[0] = '\0';
    return def;
}

/* Appends the text under `top` (a text element) to the side, recording every scored
 * element's byte span. Iterative: no recursion on deep documents. */
static void collect(cmp *c, cmp_side *s, xmlNodePtr top)
{
    /* the open scored elements, innermost last */
    size_t *open = NULL, nopen = 0, opencap = 0;
    int in_sp = 0;
    xmlNodePtr n = top;
    while (n != NULL && !c->oom) {
        int descend = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != NULL)
                append(c, s, (const char *)n->content, strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE && skipped(c, n)) {
            append(c, s, " ", 1); /* neither its text nor its elements are compared */
        } else if (n->type == XML_ELEMENT_NODE) {
            add_mark(c, s, (unsigned)xmlGetLineNo(n));
            if (is_block((const char *)n->name))
                append(c, s, " ", 1);
            char key[160], sub[160];
            const cls_def *def = class_key(c, n, in_sp, key, sub, sizeof key);
            if (def != NULL) {
                size_t ci = class_index(c, key, def, -1);
                size_t si = sub[0] && ci != (size_t)-1 ? class_index(c, sub, def, (long)ci) : 0;
                if (ci == (size_t)-1 || si == (size_t)-1 ||
                    tk_grow((void **)&s->el, &s->elcap, s->nel, sizeof *s->el, 256) != 0 ||
                    tk_grow((void **)&open, &opencap, nopen, sizeof *open, 16) != 0) {
                    c->oom = 1;
                    break;
                }
                cmp_elem *e = &s->el[s->nel];
                memset(e, 0, sizeof *e);
                e->cls = ci;
                e->sub = sub[0] ? (long)si : -1;
                e->node = n;
                e->cs = s->len;
                e->line = (unsigned)xmlGetLineNo(n);
                e->partner = -1;
                open[nopen++] = s->nel++;
            } else if (tk_grow((void **)&open, &opencap, nopen, sizeof *open, 16) != 0) {
                c->oom = 1;
                break;
            } else {
                open[nopen++] = (size_t)-1;
            }
            if (strcmp(mapped_name(c, n), "sp") == 0)
                in_sp++;
            descend = n->children != NULL;
            if (!descend) { /* an empty element closes at once */
                if (open[--nopen] != (size_t)-1)
                    s->el[open[nopen]].ce = s->len;
                if (strcmp(mapped_name(c, n), "sp") == 0)
                    in_sp--;
                if (is_block((const char *)n->name))
                    append(c, s, " ", 1);
            }
        }
        if (descend) {
            n = n->children;
            continue;
        }
        /* next in document order, closing the elements left */
        while (n != top && n->next == NULL) {
            n = n->parent;
            if (n == top || n == NULL)
                break;
            if (open[--nopen] != (size_t)-1)
                s->el[open[nopen]].ce = s->len;
            if (strcmp(mapped_name(c, n), "sp") == 0)
                in_sp--;
            if (is_block((const char *)n->name))
                append(c, s, " ", 1);
        }
        if (n == top || n == NULL)
            break;
        n = n->next;
    }
    if (nopen > 0 && open[0] != (size_t)-1) /* the text element itself */
        s->el[open[0]].ce = s->len;
    append(c, s, " ", 1);
    free(open);
}

/* Collects every outermost `text` element of the document (teiCorpus: all its TEI); warns
 * when there is none. */
static void collect_doc(cmp *c, cmp_side *s, xmlDocPtr doc)
{
    xmlNodePtr n = xmlDocGetRootElement(doc);
    size_t texts = 0;
    while (n != NULL && !c->oom) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "text") == 0) {
            collect(c, s, n);
            texts++;
        } else if (n->type == XML_ELEMENT_NODE && n->children != NULL &&
                   strcmp((const char *)n->name, "teiHeader") != 0) {
            n = n->children;
            continue;
        }
        while (n != NULL && n->next == NULL) {
            n = n->parent;
            if (n == NULL || n->type != XML_ELEMENT_NODE)
                n = NULL;
        }
        if (n != NULL)
            n = n->next;
    }
    if (texts == 0)
        TK_MSG(c->d, COMPARE_NO_TEXT, s->name, 0, 0);
}

/* ---- words ----------------------------------------------------------------------------- */

/* The code point at t[i] (bytes in *len); invalid bytes are taken one at a time. */
static uint32_t utf8_at(const unsigned char *t, size_t n, size_t i, size_t *len)
{
    uint32_t c = t[i];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + k > n)
        k = 1;
    if (k > 1) {
        c &= 0xFF >> (k + 1);
        for (size_t j = 1; j < k; j++)
            c = (c << 6) | (t[i + j] & 0x3F);
    }
    *len = k;
    return c;
}

enum { CH_SPACE, CH_WORD, CH_PUNCT };

/* Space, word character or punctuation (one token each). */
static int char_class(uint32_t c)
{
    if (c < 0x80)
        return isspace((int)c) || c < 0x20 ? CH_SPACE : isalnum((int)c) ? CH_WORD : CH_PUNCT;
    if (c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x2060 || c == 0x3000 || c == 0xFEFF ||
        c == 0x202F)
        return CH_SPACE;
    if ((c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xBA) || c == 0xD7 || c == 0xF7 ||
        (c >= 0x2010 && c <= 0x205F) || (c >= 0x3001 && c <= 0x3003))
        return CH_PUNCT;
    return CH_WORD;
}

static uint64_t hash_bytes(const char *t, size_t n, int fold)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)t[i];
        h ^= fold ? (unsigned char)tolower(b) : b;
        h *= 1099511628211ULL;
    }
    return h;
}

/* Splits the side's text into words (runs of word characters) and punctuation tokens, and
 * gives each its source line (from the marks and the newlines in between). */
static int tokenize(cmp *c, cmp_side *s)
{
    const unsigned char *t = (const unsigned char *)s->text;
    size_t i = 0, mk = 0;
    unsigned line = s->nmk ? s->mk[0].line : 1;
    size_t line_at = s->nmk ? s->mk[0].off : 0;
    while (i < s->len) {
        size_t k;
        int cl = char_class(utf8_at(t, s->len, i, &k));
        if (cl == CH_SPACE) {
            i += k;
            continue;
        }
        size_t st = i;
        i += k;
        if (cl == CH_WORD)
            while (i < s->len && char_class(utf8_at(t, s->len, i, &k)) == CH_WORD)
                i += k;
        if (cl == CH_PUNCT && c->o->ignore_punct)
            continue;
        if (tk_grow((void **)&s->w, &s->wcap, s->nw, sizeof *s->w, 1024) != 0)
            return -1;
        s->w[s->nw].s = st;
        s->w[s->nw].e = i;
        s->w[s->nw].h = hash_bytes(s->text + st, i - st, c->o->ignore_case);
        s->w[s->nw].lh = cl == CH_PUNCT ? 1 : hash_bytes(s->text + st, i - st, 1);
        s->w[s->nw].punct = cl == CH_PUNCT;
        s->nw++;
    }
    s->wline = malloc((s->nw + 1) * sizeof *s->wline);
    if (s->wline == NULL)
        return -1;
    for (size_t w = 0; w < s->nw; w++) {
        size_t off = s->w[w].s;
        while (mk < s->nmk && s->mk[mk].off <= off) {
            line = s->mk[mk].line;
            line_at = s->mk[mk].off;
            mk++;
        }
        for (; line_at < off; line_at++)
            line += s->text[line_at] == '\n';
        s->wline[w] = line;
    }
    return 0;
}

/* First word whose end is after byte `off` (the word a span starting there begins with). */
static size_t word_from(const cmp_side *s, size_t off)
{
    size_t lo = 0, hi = s->nw;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->w[mid].e <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Number of words that start before byte `off` (the end of a span ending there). */
static size_t word_to(const cmp_side *s, size_t off)
{
    size_t lo = 0, hi = s->nw;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->w[mid].s < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Words [ws, we) of a persName begin with a title or honorific of tools/names.c ("Mr" and
 * its ".", "Colonel", "Consul General"): the number of those words, the name's last word
 * never. */
static size_t title_words(const cmp_side *s, size_t ws, size_t we)
{
    size_t w = ws;
    while (w + 1 < we) {
        size_t n = s->w[w].e - s->w[w].s, k = 0;
        const char *t = s->text + s->w[w].s;
        for (unsigned i = 0; i < tk_n_titles && k == 0; i++) {
            const char *x = tk_titles[i].text;
            size_t xl = strlen(x), bare = xl - (x[xl - 1] == '.');
            if (bare != n || strncasecmp(x, t, n) != 0)
                continue;
            k = 1;
            if (bare < xl) { /* "Mr.": its period is a word of its own */
                if (w + 2 >= we || s->w[w + 1].e - s->w[w + 1].s != 1 ||
                    s->text[s->w[w + 1].s] != '.')
                    k = 0;
                else
                    k = 2;
            }
        }
        if (k == 0)
            break;
        w += k;
    }
    return w - ws;
}

/* Gives every element its word span; the words of a speaker label get hashes of their own
 * (SPEAKER_SALT), so that they align only with the words of a label on the other side: a
 * name in a stage direction (`Exeunt all but HAMLET`) never takes the next label's place. */
#define SPEAKER_SALT 0x9e3779b97f4a7c15ULL
static void word_spans(const cmp *c, cmp_side *s)
{
    for (size_t i = 0; i < s->nel; i++) {
        cmp_elem *e = &s->el[i];
        e->ws = word_from(s, e->cs);
        e->we = word_to(s, e->ce);
        if (e->we < e->ws)
            e->we = e->ws;
        const cls_def *d = c->cls[e->cls].def;
        if (c->o->ignore_titles && d != NULL && strcmp(d->name, "persName") == 0)
            e->ws += title_words(s, e->ws, e->we);
        if (d != NULL && strcmp(d->name, "speaker") == 0)
            for (size_t w = e->ws; w < e->we; w++) {
                s->w[w].h ^= SPEAKER_SALT;
                s->w[w].lh ^= SPEAKER_SALT;
            }
    }
}

/* ---- alignment: unique-word anchors, LCS inside the small gaps --------------------------- */

/* Gaps up to this many cells (words x words) are aligned exactly by dynamic programming. */
#define DP_CELLS (1u << 18)

typedef struct region {
    size_t a0, a1, b0, b1;
} region;

/* A slot of the anchor table: one word hash's occurrences in the region. */
typedef struct slot {
    uint64_t h;
    uint32_t na, nb;     /* occurrences in A and in B */
    uint32_t fill, read; /* B occurrences bucketed so far, A occurrences paired so far */
    size_t off;          /* start of its bucket of B positions */
    int used;
} slot;

typedef struct aligner {
    const uint64_t *A, *B;
    const cmp_word *WA; /* the reference's words: a punctuation token weighs 1, a word 2 */
    long *a2b;
    slot *tab;
    size_t mask;
    region *stack;
    size_t nstack, stackcap;
    size_t *bpos, *ca, *cb, *tails, *link; /* work arrays, max(n, m) + 1 each */
    uint32_t *dp;
} aligner;

static slot *lookup(aligner *al, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 29)) & al->mask;
    while (al->tab[i].used && al->tab[i].h != h)
        i = (i + 1) & al->mask;
    return &al->tab[i];
}

static int push(aligner *al, size_t a0, size_t a1, size_t b0, size_t b1)
{
    if (a0 >= a1 || b0 >= b1)
        return 0;
    if (tk_grow((void **)&al->stack, &al->stackcap, al->nstack, sizeof *al->stack, 64) != 0)
        return -1;
    al->stack[al->nstack++] = (region){a0, a1, b0, b1};
    return 0;
}

/* Weight of the reference's word i in a common subsequence: a word 2, a punctuation token 1
 * (so that `son, HAMLET` against `son -- HAMLET ,` keeps the name, not the comma). */
static uint32_t weight(const aligner *al, size_t i)
{
    return al->WA[i].punct ? 1 : 2;
}

/* Exact weighted LCS of a small region by dynamic programming. */
static void align_dp(aligner *al, region r)
{
    size_t n = r.a1 - r.a0, m = r.b1 - r.b0;
    uint32_t *L = al->dp; /* (n+1) x (m+1), L[i][j] = LCS of A[i..], B[j..] */
    for (size_t i = n + 1; i-- > 0;)
        for (size_t j = m + 1; j-- > 0;) {
            uint32_t v = 0;
            if (i < n && j < m) {
                uint32_t x = L[(i + 1) * (m + 1) + j], y = L[i * (m + 1) + j + 1];
                v = x > y ? x : y;
                if (al->A[r.a0 + i] == al->B[r.b0 + j] &&
                    L[(i + 1) * (m + 1) + j + 1] + weight(al, r.a0 + i) > v)
                    v = L[(i + 1) * (m + 1) + j + 1] + weight(al, r.a0 + i);
            }
            L[i * (m + 1) + j] = v;
        }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (al->A[r.a0 + i] == al->B[r.b0 + j] &&
            L[i * (m + 1) + j] == L[(i + 1) * (m + 1) + j + 1] + weight(al, r.a0 + i)) {
            al->a2b[r.a0 + i] = (long)(r.b0 + j);
            i++, j++;
        } else if (L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1])
            i++;
        else
            j++;
    }
}

/* Anchors of a region: among the words occurring as often in A as in B, at most `maxn`
 * times, the k-th occurrence in A pairs with the k-th in B; the anchors are the longest
 * increasing run of those pairs (patience diff, O(k log k)). They are left in bpos (A
 * positions) and tails (B positions), in order; returns their number. */
static size_t anchors(aligner *al, region r, uint32_t maxn)
{
    for (size_t i = r.a0; i < r.a1; i++) {
        slot *sl = lookup(al, al->A[i]);
        if (!sl->used) {
            memset(sl, 0, sizeof *sl);
            sl->used = 1;
            sl->h = al->A[i];
        }
        sl->na++;
    }
    for (size_t j = r.b0; j < r.b1; j++) {
        slot *sl = lookup(al, al->B[j]);
        if (sl->used)
            sl->nb++;
    }
    /* bucket the B positions of eligible words, in order */
    size_t off = 0;
    for (size_t j = r.b0; j < r.b1; j++) {
        slot *sl = lookup(al, al->B[j]);
        if (!sl->used || sl->na != sl->nb || sl->na > maxn)
            continue;
        if (sl->fill == 0) {
            sl->off = off;
            off += sl->nb;
        }
        al->bpos[sl->off + sl->fill++] = j;
    }
    /* candidates in A order with the B position of the same occurrence */
    size_t k = 0;
    for (size_t i = r.a0; i < r.a1; i++) {
        slot *sl = lookup(al, al->A[i]);
        if (sl->na != sl->nb || sl->na > maxn)
            continue;
        al->ca[k] = i;
        al->cb[k] = al->bpos[sl->off + sl->read++];
        k++;
    }
    for (size_t i = r.a0; i < r.a1; i++)
        lookup(al, al->A[i])->used = 0;
    /* longest increasing subsequence of cb */
    size_t len = 0;
    for (size_t q = 0; q < k; q++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (al->cb[al->tails[mid]] < al->cb[q])
                lo = mid + 1;
            else
                hi = mid;
        }
        al->link[q] = lo > 0 ? al->tails[lo - 1] : (size_t)-1;
        al->tails[lo] = q;
        if (lo == len)
            len++;
    }
    size_t q = len ? al->tails[len - 1] : 0;
    for (size_t t = len; t-- > 0;) {
        al->bpos[t] = al->ca[q];
        al->tails[t] = al->cb[q];
        q = al->link[q];
    }
    return len;
}

static void aligner_free(aligner *al)
{
    free(al->tab);
    free(al->stack);
    free(al->bpos);
    free(al->ca);
    free(al->cb);
    free(al->tails);
    free(al->link);
    free(al->dp);
}

/* Work space to align n words with m words. Returns 0, or -1 out of memory. */
static int aligner_init(aligner *al, size_t n, size_t m)
{
    size_t tsize = 64, w = (n > m ? n : m) + 1;
    while (tsize < 2 * (n + m + 1))
        tsize *= 2;
    memset(al, 0, sizeof *al);
    al->tab = calloc(tsize, sizeof *al->tab);
    al->mask = tsize - 1;
    al->bpos = malloc(w * sizeof(size_t));
    al->ca = malloc(w * sizeof(size_t));
    al->cb = malloc(w * sizeof(size_t));
    al->tails = malloc(w * sizeof(size_t));
    al->link = malloc(w * sizeof(size_t));
    al->dp = malloc(((size_t)DP_CELLS + 1024) * sizeof *al->dp);
    if (!al->tab || !al->bpos || !al->ca || !al->cb || !al->tails || !al->link || !al->dp) {
        aligner_free(al);
        return -1;
    }
    return 0;
}

/* Aligns the words A[r.a0, r.a1) with B[r.b0, r.b1) (a2b there is -1 on entry): a2b[i] is
 * the word of B matched with A's word i. Returns 0, or -1 out of memory. */
static int align(aligner *al, const uint64_t *A, const uint64_t *B, long *a2b, region r0)
{
    al->A = A;
    al->B = B;
    al->a2b = a2b;
    al->nstack = 0;
    if (push(al, r0.a0, r0.a1, r0.b0, r0.b1) != 0)
        return -1;
    while (al->nstack > 0) {
        region r = al->stack[--al->nstack];
        while (r.a0 < r.a1 && r.b0 < r.b1 && A[r.a0] == B[r.b0])
            a2b[r.a0++] = (long)r.b0++;
        while (r.a0 < r.a1 && r.b0 < r.b1 && A[r.a1 - 1] == B[r.b1 - 1])
            a2b[--r.a1] = (long)--r.b1;
        if (r.a0 >= r.a1 || r.b0 >= r.b1)
            continue;
        size_t rn = r.a1 - r.a0, rm = r.b1 - r.b0;
        if ((rn + 1) * (rm + 1) <= DP_CELLS) {
            align_dp(al, r);
            continue;
        }
        size_t k = anchors(al, r, 1);
        if (k == 0)
            k = anchors(al, r, 8);
        if (k == 0)
            continue; /* nothing in common worth anchoring: the gap is a replacement */
        for (size_t t = 0; t < k; t++)
            a2b[al->bpos[t]] = (long)al->tails[t];
        /* the anchors' arrays are reused by the next region: push the gaps now */
        size_t pa = r.a0, pb = r.b0;
        for (size_t t = 0; t <= k; t++) {
            size_t ai = t < k ? al->bpos[t] : r.a1, bi = t < k ? al->tails[t] : r.b1;
            if (push(al, pa, ai, pb, bi) != 0)
                return -1;
            pa = ai + 1;
            pb = bi + 1;
        }
    }
    return 0;
}

/* The loose pass, for laying spans only: inside each gap the alignment left (between two
 * aligned words), words are aligned again with case folded and any punctuation equal to any
 * other, so that a heading 'Scene 1' still finds 'SCENE I.' (a2l: a2b plus those). */
static int align_loose(aligner *al, const cmp_side *ref, const cmp_side *hyp, const long *a2b,
                       long *a2l)
{
    size_t n = ref->nw, m = hyp->nw;
    uint64_t *LA = malloc((n + 1) * sizeof *LA), *LB = malloc((m + 1) * sizeof *LB);
    int rc = -1;
    if (LA == NULL || LB == NULL)
        goto out;
    for (size_t i = 0; i < n; i++)
        LA[i] = ref->w[i].lh;
    for (size_t j = 0; j < m; j++)
        LB[j] = hyp->w[j].lh;
    memcpy(a2l, a2b, n * sizeof *a2l);
    size_t pa = 0, pb = 0; /* the gap starts after the last aligned pair */
    for (size_t i = 0; i <= n; i++) {
        if (i < n && a2b[i] < 0)
            continue;
        size_t nb = i < n ? (size_t)a2b[i] : m;
        if (i > pa && nb > pb && align(al, LA, LB, a2l, (region){pa, i, pb, nb}) != 0)
            goto out;
        pa = i + 1;
        pb = nb + 1;
    }
    rc = 0;
out:
    free(LA);
    free(LB);
    return rc;
}

/* ---- laying the elements over the alignment ---------------------------------------------- */

/* Maps the reference's word spans onto the hypothesis's words (a2b: the alignment, loose
 * pass included). A boundary next to an aligned word goes to its partner; one inside a gap
 * (words [g0, g1) of the reference facing [lo, hi) of the hypothesis) goes to the same
 * proportion of the facing words, so a word replaced by one word keeps its span exactly. */
static int map_spans(cmp_side *ref, const long *a2b, size_t m)
{
    size_t n = ref->nw;
    size_t *lo = malloc((n + 1) * sizeof *lo), *hi = malloc((n + 1) * sizeof *hi);
    size_t *g0 = malloc((n + 1) * sizeof *g0), *g1 = malloc((n + 1) * sizeof *g1);
    int rc = -1;
    if (lo == NULL || hi == NULL || g0 == NULL || g1 == NULL)
        goto out;
    lo[0] = 0;
    g0[0] = 0;
    for (size_t k = 0; k < n; k++) {
        lo[k + 1] = a2b[k] >= 0 ? (size_t)a2b[k] + 1 : lo[k];
        g0[k + 1] = a2b[k] >= 0 ? k + 1 : g0[k];
    }
    hi[n] = m;
    g1[n] = n;
    for (size_t k = n; k-- > 0;) {
        hi[k] = a2b[k] >= 0 ? (size_t)a2b[k] : hi[k + 1];
        g1[k] = a2b[k] >= 0 ? k : g1[k + 1];
    }
    for (size_t i = 0; i < ref->nel; i++) {
        cmp_elem *e = &ref->el[i];
        size_t k = e->ws;
        if (k < n && a2b[k] >= 0)
            e->ms = (size_t)a2b[k];
        else if (e->ws == e->we && k > 0 && a2b[k - 1] >= 0)
            e->ms = (size_t)a2b[k - 1] + 1;
        else if (g1[k] > g0[k]) /* floor of the proportion */
            e->ms = lo[k] + (k - g0[k]) * (hi[k] - lo[k]) / (g1[k] - g0[k]);
        else
            e->ms = lo[k];
        k = e->we;
        if (e->ws == e->we)
            e->me = e->ms;
        else if (a2b[k - 1] >= 0)
            e->me = (size_t)a2b[k - 1] + 1;
        else /* ceiling of the proportion */
            e->me = lo[k] + ((k - g0[k]) * (hi[k] - lo[k]) + (g1[k] - g0[k]) - 1) / (g1[k] - g0[k]);
        if (e->me < e->ms)
            e->me = e->ms;
    }
    rc = 0;
out:
    free(lo);
    free(hi);
    free(g0);
    free(g1);
    return rc;
}

/* How well two spans over the same words agree: -1 not at all, else the shared words over
 * the words of either (Jaccard, in (0, 1]). Points agree within one word of each other (1 at
 * the same place, 1/2 next to it) or inside the other's span (1 / its length + 1). */
static double overlap(size_t rs, size_t re, size_t hs, size_t he)
{
    if (rs < re && hs < he) {
        size_t a = rs > hs ? rs : hs, b = re < he ? re : he;
        size_t lo = rs < hs ? rs : hs, hi = re > he ? re : he;
        return a < b ? (double)(b - a) / (double)(hi - lo) : -1;
    }
    if (rs == re && hs == he) {
        size_t dist = rs > hs ? rs - hs : hs - rs;
        return dist <= 1 ? 1.0 / (double)(dist + 1) : -1;
    }
    if (rs == re)
        return hs <= rs && rs <= he ? 1.0 / (double)(he - hs + 1) : -1;
    return rs <= hs && hs <= re ? 1.0 / (double)(re - rs + 1) : -1;
}

/* An element's sort key: class, then mapped span, then document order. */
typedef struct sort_key {
    size_t cls, ms, me, ix;
} sort_key;

static int by_span(const void *x, const void *y)
{
    const sort_key *a = x, *b = y;
    if (a->cls != b->cls)
        return a->cls < b->cls ? -1 : 1;
    if (a->ms != b->ms)
        return a->ms < b->ms ? -1 : 1;
    if (a->me != b->me)
        return a->me < b->me ? -1 : 1;
    return a->ix < b->ix ? -1 : a->ix > b->ix;
}

/* The side's element indices sorted by class and span (malloc'd), or NULL. */
static size_t *sorted_elems(const cmp_side *s)
{
    size_t *ix = malloc((s->nel + 1) * sizeof *ix);
    sort_key *k = malloc((s->nel + 1) * sizeof *k);
    if (ix == NULL || k == NULL) {
        free(ix);
        free(k);
        return NULL;
    }
    for (size_t i = 0; i < s->nel; i++)
        k[i] = (sort_key){s->el[i].cls, s->el[i].ms, s->el[i].me, i};
    qsort(k, s->nel, sizeof *k, by_span);
    for (size_t i = 0; i < s->nel; i++)
        ix[i] = k[i].ix;
    free(k);
    return ix;
}

/* Pairs the elements of one class: equal spans first, then overlapping ones near the same
 * place (a window of the neighbours in span order: never quadratic). */
static int by_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* How alike the texts of two elements are: the loose words they share over the words of
 * either (Jaccard over multisets, the first 64 words of each), 0 for an empty one. */
static double text_like(const cmp_side *ref, const cmp_elem *a, const cmp_side *hyp,
                        const cmp_elem *b)
{
    enum { MAXW = 64 };
    uint64_t x[MAXW], y[MAXW];
    size_t nx = 0, ny = 0, common = 0;
    for (size_t i = a->ws; i < a->we && nx < MAXW; i++)
        x[nx++] = ref->w[i].lh;
    for (size_t i = b->ws; i < b->we && ny < MAXW; i++)
        y[ny++] = hyp->w[i].lh;
    if (nx == 0 || ny == 0)
        return 0;
    qsort(x, nx, sizeof *x, by_u64);
    qsort(y, ny, sizeof *y, by_u64);
    for (size_t i = 0, j = 0; i < nx && j < ny;) {
        if (x[i] == y[j])
            common++, i++, j++;
        else if (x[i] < y[j])
            i++;
        else
            j++;
    }
    return (double)common / (double)(nx + ny - common);
}

/* Pairs the elements of one class: equal spans first (exact), then overlapping spans near
 * the same place, then elements whose text moved a little (other editions put a stage
 * direction a line later): alike texts at most MOVED_WORDS apart. Candidates are the
 * neighbours in span order (a window: never quadratic). */
static void match_class(cmp_side *ref, const size_t *R, size_t nr, cmp_side *hyp, const size_t *H,
                        size_t nh)
{
    size_t i = 0, j = 0;
    while (i < nr && j < nh) {
        cmp_elem *a = &ref->el[R[i]], *b = &hyp->el[H[j]];
        if (a->ms == b->ms && a->me == b->me) {
            a->partner = (long)H[j];
            b->partner = (long)R[i];
            a->exact = b->exact = 1;
            i++, j++;
        } else if (a->ms < b->ms || (a->ms == b->ms && a->me < b->me))
            i++;
        else
            j++;
    }
    enum { WINDOW = 8, MOVED_WORDS = 100 };
    for (int pass = 0; pass < 2; pass++) {
        for (i = 0; i < nr; i++) {
            cmp_elem *a = &ref->el[R[i]];
            if (a->partner >= 0)
                continue;
            size_t lo = 0, hi = nh;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (hyp->el[H[mid]].ms < a->ms)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            size_t from = lo > WINDOW ? lo - WINDOW : 0, to = lo + WINDOW < nh ? lo + WINDOW : nh;
            double best = -1;
            size_t bj = 0;
            for (size_t q = from; q < to; q++) {
                cmp_elem *b = &hyp->el[H[q]];
                if (b->partner >= 0)
                    continue;
                size_t dist = a->ms > b->ms ? a->ms - b->ms : b->ms - a->ms;
                double ov = pass == 0             ? overlap(a->ms, a->me, b->ms, b->me)
                            : dist <= MOVED_WORDS ? text_like(ref, a, hyp, b)
                                                  : 0;
                if (pass == 1 && ov < 0.5)
                    continue;
                if (ov > best) {
                    best = ov;
                    bj = q;
                }
            }
            if (best >= 0) {
                a->partner = (long)H[bj];
                hyp->el[H[bj]].partner = (long)R[i];
            }
        }
    }
}

typedef struct pend {
    tk_compare_diff_kind kind;
    size_t cls;
    long r, h; /* element indices or -1 */
    int attr;
    size_t pos; /* position over the hypothesis's words, for the order */
    size_t seq;
    char *text; /* the message, when made at once (grouping), else NULL */
} pend;

/* Adds one pending disagreement. */
static int add_pend(pend **pd, size_t *n, size_t *cap, pend p)
{
    if (tk_grow((void **)pd, cap, *n, sizeof **pd, 256) != 0)
        return -1;
    p.seq = *n;
    (*pd)[(*n)++] = p;
    return 0;
}

/* ---- identity: pairwise agreement of the grouping ----------------------------------------- */

typedef struct id_pair {
    char *a, *b;
    size_t ra, hb; /* the mention's elements: reference, hypothesis */
} id_pair;

static int by_a(const void *x, const void *y)
{
    return strcmp(((const id_pair *)x)->a, ((const id_pair *)y)->a);
}
static int by_b(const void *x, const void *y)
{
    return strcmp(((const id_pair *)x)->b, ((const id_pair *)y)->b);
}
static int by_ab(const void *x, const void *y)
{
    int c = by_a(x, y);
    return c ? c : by_b(x, y);
}

/* Sum over runs of equal keys (in sorted pairs) of C(run, 2). */
static double pair_sum(const id_pair *p, size_t n, int (*cmpf)(const void *, const void *))
{
    double sum = 0;
    size_t run = 1;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && cmpf(&p[i - 1], &p[i]) == 0) {
            run++;
            continue;
        }
        sum += (double)run * (double)(run - 1) / 2;
        run = 1;
    }
    return n ? sum : 0;
}

/* Pairwise precision and recall of the hypothesis's grouping against the reference's (the
 * contingency table of the two labellings, never the pairs themselves). */
static void pairwise(id_pair *p, size_t n, tk_compare_class *k)
{
    qsort(p, n, sizeof *p, by_ab);
    double both = pair_sum(p, n, by_ab);
    qsort(p, n, sizeof *p, by_a);
    double ref = pair_sum(p, n, by_a);
    qsort(p, n, sizeof *p, by_b);
    double hyp = pair_sum(p, n, by_b);
    k->ident_pairs_ref = ref;
    k->ident_pairs_hyp = hyp;
    k->ident_pairs_both = both;
    k->ident_p = hyp > 0 ? both / hyp : 1.0;
    k->ident_r = ref > 0 ? both / ref : 1.0;
}

/* An id attribute's value, whitespace collapsed (several ids stay one group name). */
static char *id_value(xmlNodePtr n, const char *name)
{
    char *v = attr(n, name);
    if (v == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; v[i]; i++)
        if (!isspace((unsigned char)v[i]) || (k > 0 && !isspace((unsigned char)v[k - 1])))
            v[k++] = isspace((unsigned char)v[i]) ? ' ' : v[i];
    while (k > 0 && v[k - 1] == ' ')
        k--;
    v[k] = '\0';
    return v;
}

/* ---- disagreements -------------------------------------------------------------------------- */

static int by_pos(const void *x, const void *y)
{
    const pend *a = x, *b = y;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Copies text[from, to) into out (room for cap bytes and a NUL), whitespace collapsed and
 * trimmed, stopping before cap; *end gets where it stopped. Returns the bytes written. */
static size_t collapse(const char *text, size_t from, size_t to, char *out, size_t cap, size_t *end)
{
    size_t k = 0, i = from;
    for (; i < to && k < cap; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (!isspace(ch))
            out[k++] = (char)ch;
        else if (k > 0 && out[k - 1] != ' ')
            out[k++] = ' ';
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    *end = i;
    return k;
}

/* The element's text, whitespace collapsed; a long one as its first and last words around
 * " ... " (about 60 bytes, cut on character boundaries); for an empty element its @n, if
 * any. Writes into buf (at least 80 bytes). */
static const char *snippet(const cmp_side *s, const cmp_elem *e, char *buf, size_t size)
{
    enum { WHOLE = 60, HALF = 28 };
    size_t end, k = collapse(s->text, e->cs, e->ce, buf, size > WHOLE ? WHOLE : size - 1, &end);
    if (end < e->ce) { /* too long: head ... tail */
        k = collapse(s->text, e->cs, e->ce, buf, HALF, &end);
        while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0xC0)
            k--;
        memcpy(buf + k, " ... ", 5);
        k += 5;
        size_t j = e->ce, raw = 0;
        while (j > e->cs && raw < 3 * HALF) { /* back over about HALF visible bytes */
            j--;
            raw += !isspace((unsigned char)s->text[j]);
            if (raw >= HALF)
                break;
        }
        size_t w = j; /* start at a word when there is one in the tail */
        while (w < e->ce && !isspace((unsigned char)s->text[w]))
            w++;
        if (w < e->ce && j > e->cs && !isspace((unsigned char)s->text[j - 1]))
            j = w;
        while (j < e->ce && ((unsigned char)s->text[j] & 0xC0) == 0x80)
            j++;
        while (j < e->ce && isspace((unsigned char)s->text[j]))
            j++;
        k += collapse(s->text, j, e->ce, buf + k, size - k - 1, &end);
    }
    buf[k] = '\0';
    if (k == 0) {
        char *n = attr(e->node, "n");
        if (n != NULL)
            snprintf(buf, size, "n=%s", n);
        xmlFree(n);
    }
    return buf;
}

/* ---- the header ------------------------------------------------------------------------------ */

/* A header field: the values of `elem` elements inside a `within` element (the attribute
 * `attr` when present, else the text; "#count" counts them). */
typedef struct hfield {
    const char *name, *within, *elem, *attr;
} hfield;

static const hfield hfields[] = {
    {"title", "titleStmt", "title", NULL},
    {"author", "titleStmt", "author", NULL},
    {"editor", "titleStmt", "editor", NULL},
    {"publisher", "publicationStmt", "publisher", NULL},
    {"authority", "publicationStmt", "authority", NULL},
    {"idno", "publicationStmt", "idno", NULL},
    {"publication date", "publicationStmt", "date", "when"},
    {"source title", "sourceDesc", "title", NULL},
    {"source date", "sourceDesc", "date", "when"},
    {"creation date", "creation", "date", "when"},
    {"language", "langUsage", "language", "ident"},
    {"persons", "particDesc", "person", "#count"},
};
#define N_HFIELDS (sizeof hfields / sizeof *hfields)

static xmlNodePtr find_header(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "teiHeader") == 0)
            return n;
    return NULL;
}

static int inside(xmlNodePtr n, xmlNodePtr top, const char *within)
{
    for (n = n->parent; n != NULL && n != top; n = n->parent)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, within) == 0)
            return 1;
    return 0;
}

/* Appends `v` (whitespace collapsed) to the malloc'd *acc, " | " between values. */
static int add_value(char **acc, const char *v)
{
    size_t old = *acc ? strlen(*acc) : 0, n = strlen(v);
    char *g = realloc(*acc, old + n + 4);
    if (g == NULL)
        return -1;
    *acc = g;
    size_t k = old;
    if (old > 0) {
        memcpy(g + k, " | ", 3);
        k += 3;
    }
    size_t start = k;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)v[i];
        if (isspace(ch)) {
            if (k > start && g[k - 1] != ' ')
                g[k++] = ' ';
        } else
            g[k++] = (char)ch;
    }
    while (k > start && g[k - 1] == ' ')
        k--;
    g[k] = '\0';
    return 0;
}

/* The value of field f in the header (NULL when absent); caller frees. */
static char *field_value(xmlNodePtr hdr, const hfield *f, int *oom)
{
    char *acc = NULL;
    unsigned long count = 0;
    xmlNodePtr n = hdr ? hdr->children : NULL;
    while (n != NULL && n != hdr) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, f->elem) == 0 &&
            inside(n, hdr, f->within)) {
            count++;
            char *v = NULL;
            if (f->attr != NULL && f->attr[0] != '#')
                v = attr(n, f->attr);
            if (v == NULL && f->attr == NULL)
                v = (char *)xmlNodeGetContent(n);
            if (v == NULL && f->attr != NULL && f->attr[0] != '#')
                v = (char *)xmlNodeGetContent(n);
            if (v != NULL && add_value(&acc, v) != 0)
                *oom = 1;
            xmlFree(v);
        } else if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
            n = n->children;
            continue;
        }
        while (n != hdr && n->next == NULL)
            n = n->parent;
        if (n != hdr)
            n = n->next;
    }
    if (f->attr != NULL && strcmp(f->attr, "#count") == 0 && count > 0) {
        char num[32];
        snprintf(num, sizeof num, "%lu", count);
        acc = strdup(num);
        if (acc == NULL)
            *oom = 1;
    }
    return acc;
}

static int same_value(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int compare_header(xmlDocPtr ref, xmlDocPtr hyp, tk_compare_result *res)
{
    xmlNodePtr hr = find_header(ref), hh = find_header(hyp);
    int oom = 0;
    res->fields = calloc(N_HFIELDS, sizeof *res->fields);
    if (res->fields == NULL)
        return -1;
    for (size_t i = 0; i < N_HFIELDS && !oom; i++) {
        char *a = field_value(hr, &hfields[i], &oom), *b = field_value(hh, &hfields[i], &oom);
        if (a == NULL && b == NULL)
            continue;
        tk_compare_field *f = &res->fields[res->n_fields++];
        f->name = hfields[i].name;
        f->ref = a;
        f->hyp = b;
        f->equal = same_value(a, b);
        res->fields_equal += (size_t)f->equal;
    }
    return oom ? -1 : 0;
}

/* ---- the comparison ---------------------------------------------------------------------- */

static void maps_free(cmp_map *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(m[i].from);
        free(m[i].attr);
        free(m[i].value);
        free(m[i].to);
    }
    free(m);
}

/* Parses "NAME" or "NAME[@ATTR=VALUE]" (len bytes of s) into m's from, attr and value.
 * Returns 0, -1 malformed, -2 out of memory. */
static int parse_pattern(const char *s, size_t len, cmp_map *m)
{
    const char *end = s + len, *br = memchr(s, '[', len);
    if (br == NULL) {
        if (len == 0)
            return -1;
        m->from = strndup(s, len);
        return m->from ? 0 : -2;
    }
    const char *eq = memchr(br, '=', (size_t)(end - br));
    if (br == s || br[1] != '@' || end[-1] != ']' || eq == NULL || eq == br + 2)
        return -1;
    const char *v = eq + 1;
    size_t vl = (size_t)(end - 1 - v);
    if (vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0])
        v++, vl -= 2;
    m->from = strndup(s, (size_t)(br - s));
    m->attr = strndup(br + 2, (size_t)(eq - br - 2));
    m->value = strndup(v, vl);
    return m->from && m->attr && m->value ? 0 : -2;
}

/* Parses the --map strings "from[@attr=value]=to" into c->maps and the --skip strings
 * "name[@attr=value]" into c->skips. Returns 0, or -1 (reported). */
static int parse_maps(cmp *c)
{
    const tk_compare_opts *o = c->o;
    c->maps = calloc(o->n_maps + 1, sizeof *c->maps);
    c->skips = calloc(o->n_skips + 1, sizeof *c->skips);
    if (c->maps == NULL || c->skips == NULL)
        goto oom;
    for (size_t i = 0; i < o->n_maps; i++) {
        const char *s = o->maps[i], *close = strchr(s, ']');
        const char *eq = strchr(close ? close : s, '=');
        cmp_map *m = &c->maps[c->nmaps++];
        int rc = eq != NULL && eq[1] != '\0' ? parse_pattern(s, (size_t)(eq - s), m) : -1;
        if (rc == -1) {
            TK_MSG(c->d, COMPARE_MAP, NULL, 0, 0, s);
            return -1;
        }
        if (rc == -2 || (m->to = strdup(eq + 1)) == NULL)
            goto oom;
    }
    for (size_t i = 0; i < o->n_skips; i++) {
        const char *s = o->skips[i];
        int rc = parse_pattern(s, strlen(s), &c->skips[c->nskips++]);
        if (rc == -1) {
            TK_MSG(c->d, COMPARE_SKIP, NULL, 0, 0, s);
            return -1;
        }
        if (rc == -2)
            goto oom;
    }
    return 0;
oom:
    TK_MSG(c->d, OOM, NULL, 0, 0);
    return -1;
}

/* Whether class `name` of `group` is asked for by the comma list (NULL = every class): an
 * item names a class, a group, or an element whose classes all count ("div", "note"). */
static int wanted(const char *list, const char *name, const char *group)
{
    if (list == NULL || *list == '\0')
        return 1;
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if ((strlen(name) == n && strncmp(name, p, n) == 0) ||
            (strncmp(name, p, n) == 0 && name[n] == '[') ||
            (strlen(group) == n && strncmp(group, p, n) == 0))
            return 1;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static void score(tk_compare_class *k)
{
    k->p = k->hyp ? (double)k->exact / (double)k->hyp : 1.0;
    k->r = k->ref ? (double)k->exact / (double)k->ref : 1.0;
    k->f = k->p + k->r > 0 ? 2 * k->p * k->r / (k->p + k->r) : 0.0;
    k->op = k->hyp ? (double)k->overlap / (double)k->hyp : 1.0;
    k->or_ = k->ref ? (double)k->overlap / (double)k->ref : 1.0;
    k->of = k->op + k->or_ > 0 ? 2 * k->op * k->or_ / (k->op + k->or_) : 0.0;
    if (k->ident_attr != NULL)
        k->ident_f = k->ident_p + k->ident_r > 0
                         ? 2 * k->ident_p * k->ident_r / (k->ident_p + k->ident_r)
                         : 0.0;
}

static int worst_first(const void *x, const void *y)
{
    const tk_compare_class *a = x, *b = y;
    if (a->f != b->f)
        return a->f < b->f ? -1 : 1;
    if (a->of != b->of)
        return a->of < b->of ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int by_name(const void *x, const void *y)
{
    return strcmp(((const tk_compare_class *)x)->name, ((const tk_compare_class *)y)->name);
}

/* The reference word nearest the hypothesis's word j (for a line number). */
static size_t back_map(const long *b2a, size_t m, size_t n, size_t j)
{
    if (j >= m)
        return n ? n - 1 : 0;
    return b2a[j] >= 0 ? (size_t)b2a[j] : 0;
}

static unsigned line_at(const cmp_side *s, size_t w)
{
    if (s->nw == 0)
        return 0;
    return s->wline[w < s->nw ? w : s->nw - 1];
}

/* Writes the text of one disagreement. */
static char *diff_text(const pend *p, const cmp *c, const cmp_side *ref, const cmp_side *hyp,
                       const long *b2a)
{
    char a[80], b[80], buf[512];
    const char *cls = c->cls[p->cls].name;
    const cmp_elem *er = p->r >= 0 ? &ref->el[p->r] : NULL, *eh = p->h >= 0 ? &hyp->el[p->h] : NULL;
    switch (p->kind) {
    case TK_CMP_MISSING:
        snprintf(buf, sizeof buf, "%s:%u: %s '%s' missing in %s:%u", ref->name, er->line, cls,
                 snippet(ref, er, a, sizeof a), hyp->name, line_at(hyp, er->ms));
        break;
    case TK_CMP_SPURIOUS:
        snprintf(buf, sizeof buf, "%s:%u: %s '%s' added (not in %s:%u)", hyp->name, eh->line, cls,
                 snippet(hyp, eh, a, sizeof a), ref->name,
                 line_at(ref, back_map(b2a, hyp->nw, ref->nw, eh->ws)));
        break;
    case TK_CMP_MOVED:
        snprintf(buf, sizeof buf, "%s:%u: %s '%s' is '%s' in %s:%u", ref->name, er->line, cls,
                 snippet(ref, er, a, sizeof a), snippet(hyp, eh, b, sizeof b), hyp->name, eh->line);
        break;
    default: {
        const char *an = attr_names[p->attr];
        char *va = attr(er->node, an), *vb = attr(eh->node, an);
        snprintf(buf, sizeof buf, "%s:%u: %s '%s' @%s '%s' is '%s' in %s:%u", ref->name, er->line,
                 cls, snippet(ref, er, a, sizeof a), an, va ? va : "(none)", vb ? vb : "(none)",
                 hyp->name, eh->line);
        xmlFree(va);
        xmlFree(vb);
        break;
    }
    }
    return strdup(buf);
}

void tk_compare_result_free(tk_compare_result *r)
{
    if (r == NULL)
        return;
    free(r->ref_name);
    free(r->hyp_name);
    for (size_t i = 0; i < r->n_classes; i++)
        free((char *)r->classes[i].name);
    free(r->classes);
    for (size_t i = 0; i < r->n_diffs; i++)
        free(r->diffs[i].text);
    free(r->diffs);
    for (size_t i = 0; i < r->n_fields; i++) {
        free(r->fields[i].ref);
        free(r->fields[i].hyp);
    }
    free(r->fields);
    free(r);
}

/* Scores the identity attribute of class ci over its matched pairs. */
/* Reports the groups of one side whose mentions the other side puts in several groups: by
 * the reference's ids (split) when by_ref, else by the hypothesis's (joined). p is sorted by
 * (own id, other id). At most 5 of the other ids are named. */
static int group_diffs(const id_pair *p, size_t n, int by_ref, size_t ci, const cmp_side *ref,
                       const cmp_side *hyp, const tk_compare_class *k, pend **pd, size_t *npd,
                       size_t *pdcap)
{
    for (size_t i = 0; i < n;) {
        const char *own = by_ref ? p[i].a : p[i].b;
        size_t j = i, groups = 0, first = by_ref ? p[i].ra : p[i].hb;
        while (j < n && strcmp(by_ref ? p[j].a : p[j].b, own) == 0) {
            size_t e = by_ref ? p[j].ra : p[j].hb;
            if (e < first)
                first = e;
            if (j == i || strcmp(by_ref ? p[j].b : p[j].a, by_ref ? p[j - 1].b : p[j - 1].a))
                groups++;
            j++;
        }
        if (groups > 1) {
            char buf[512];
            const cmp_side *s = by_ref ? ref : hyp, *o = by_ref ? hyp : ref;
            const cmp_elem *e = &s->el[first];
            int len = snprintf(
                buf, sizeof buf, "%s:%u: %s @%s '%s' (%zu mentions) is %s in %s:", s->name, e->line,
                k->name, k->ident_attr, own, j - i, by_ref ? "split" : "joined", o->name);
            for (size_t q = i, shown = 0; q < j && len > 0 && (size_t)len < sizeof buf; shown++) {
                const char *other = by_ref ? p[q].b : p[q].a;
                size_t r = q;
                while (r < j && strcmp(by_ref ? p[r].b : p[r].a, other) == 0)
                    r++;
                len += snprintf(buf + len, sizeof buf - (size_t)len,
                                shown < 5 ? " '%s' %zu" : " ...", other, r - q);
                if (shown >= 5)
                    break;
                q = r;
            }
            pend pe = {
                TK_CMP_GROUP, ci, by_ref ? (long)first : -1, by_ref ? -1 : (long)first, 0, e->ms, 0,
                strdup(buf)};
            if (pe.text == NULL || add_pend(pd, npd, pdcap, pe) != 0) {
                free(pe.text);
                return -1;
            }
        }
        i = j;
    }
    return 0;
}

static int by_ba(const void *x, const void *y)
{
    int c = by_b(x, y);
    return c ? c : by_a(x, y);
}

/* Scores the identity attribute of class ci over its matched pairs, and reports the groups
 * split or joined. */
static int score_identity(const cmp_side *ref, const cmp_side *hyp, const size_t *R, size_t nr,
                          size_t ci, tk_compare_class *k, pend **pd, size_t *npd, size_t *pdcap)
{
    id_pair *ids = malloc((nr + 1) * sizeof *ids);
    size_t n = 0;
    int rc = -1;
    if (ids == NULL)
        return -1;
    for (size_t i = 0; i < nr; i++) {
        const cmp_elem *a = &ref->el[R[i]];
        if (a->partner < 0)
            continue;
        char *va = id_value(a->node, k->ident_attr);
        char *vb = id_value(hyp->el[a->partner].node, k->ident_attr);
        if (va != NULL && vb != NULL && *va && *vb) {
            ids[n].a = va;
            ids[n].b = vb;
            ids[n].ra = R[i];
            ids[n].hb = (size_t)a->partner;
            n++;
        } else {
            xmlFree(va);
            xmlFree(vb);
        }
    }
    k->ident_mentions = n;
    pairwise(ids, n, k);
    qsort(ids, n, sizeof *ids, by_ab);
    if (group_diffs(ids, n, 1, ci, ref, hyp, k, pd, npd, pdcap) != 0)
        goto out;
    qsort(ids, n, sizeof *ids, by_ba);
    if (group_diffs(ids, n, 0, ci, ref, hyp, k, pd, npd, pdcap) != 0)
        goto out;
    rc = 0;
out:
    for (size_t i = 0; i < n; i++) {
        xmlFree(ids[i].a);
        xmlFree(ids[i].b);
    }
    free(ids);
    return rc;
}

/* Adds the breakdown rows ("note[place=foot]") of the reported classes, counted over the
 * pairs their class matched (a pair counts when both have the same key attributes), then
 * orders the rows: classes worst first, each followed by its breakdown by name. */
static int add_breakdown(const cmp *c, const cmp_side *ref, const cmp_side *hyp,
                         tk_compare_result *res)
{
    int rc = -1;
    size_t nc = c->ncls, nbase = res->n_classes, nrows = 0;
    unsigned long *cnt = calloc(4 * nc + 1, sizeof *cnt); /* ref, hyp, exact, overlap */
    tk_compare_class *rows = calloc(nc + 1, sizeof *rows);
    if (cnt == NULL || rows == NULL)
        goto out;
    for (size_t i = 0; i < ref->nel; i++) {
        const cmp_elem *a = &ref->el[i];
        if (a->sub < 0)
            continue;
        cnt[4 * (size_t)a->sub]++;
        if (a->partner >= 0 && hyp->el[a->partner].sub == a->sub) {
            cnt[4 * (size_t)a->sub + 3]++;
            cnt[4 * (size_t)a->sub + 2] += (unsigned long)a->exact;
        }
    }
    for (size_t i = 0; i < hyp->nel; i++)
        if (hyp->el[i].sub >= 0)
            cnt[4 * (size_t)hyp->el[i].sub + 1]++;
    qsort(res->classes, nbase, sizeof *res->classes, worst_first);
    for (size_t b = 0; b < nbase; b++) {
        rows[nrows++] = res->classes[b];
        size_t first = nrows;
        for (size_t si = 0; si < nc; si++) {
            const cmp_class *sc = &c->cls[si];
            if (sc->parent < 0 || strcmp(c->cls[sc->parent].name, res->classes[b].name) != 0)
                continue;
            tk_compare_class *k = &rows[nrows];
            memset(k, 0, sizeof *k);
            if ((k->name = strdup(sc->name)) == NULL)
                goto out;
            nrows++;
            k->group = sc->def->group;
            k->parent = res->classes[b].name;
            k->ref = cnt[4 * si];
            k->hyp = cnt[4 * si + 1];
            k->exact = cnt[4 * si + 2];
            k->overlap = cnt[4 * si + 3];
            score(k);
        }
        qsort(rows + first, nrows - first, sizeof *rows, by_name);
    }
    free(res->classes);
    res->classes = rows;
    res->n_classes = nrows;
    rows = NULL;
    rc = 0;
out:
    if (rows != NULL) {
        for (size_t i = 0; i < nrows; i++)
            if (rows[i].parent != NULL)
                free((char *)rows[i].name);
        free(rows);
    }
    free(cnt);
    return rc;
}

/* The disagreements found so far, in the order found. */
typedef struct pends {
    pend *v;
    size_t n, cap;
} pends;

/* Aligns the words of the two sides (anchors, then loose matches), lays the reference's
 * elements over the hypothesis's words, and sets the hypothesis's own elements' spans.
 * Hands out b2a (each hypothesis word's reference word; an unmatched one gets the reference
 * word after the last matched one), for the caller to free, and the number of aligned
 * reference words. Returns -1 out of memory. */
static int align_sides(cmp_side *ref, cmp_side *hyp, long **b2a_out, size_t *aligned_out)
{
    size_t n = ref->nw, m = hyp->nw;
    uint64_t *A = malloc((n + 1) * sizeof *A);
    uint64_t *B = malloc((m + 1) * sizeof *B);
    long *a2b = malloc((n + 1) * sizeof *a2b);
    long *a2l = malloc((n + 1) * sizeof *a2l);
    long *b2a = malloc((m + 1) * sizeof *b2a);
    aligner al;
    int have_al = 0, rc = -1;
    if (!A || !B || !a2b || !a2l || !b2a)
        goto out;
    for (size_t i = 0; i < n; i++)
        A[i] = ref->w[i].h;
    for (size_t j = 0; j < m; j++)
        B[j] = hyp->w[j].h;
    for (size_t i = 0; i < n; i++)
        a2b[i] = -1;
    if (aligner_init(&al, n, m) != 0)
        goto out;
    have_al = 1;
    al.WA = ref->w;
    if (align(&al, A, B, a2b, (region){0, n, 0, m}) != 0 ||
        align_loose(&al, ref, hyp, a2b, a2l) != 0 || map_spans(ref, a2l, m) != 0)
        goto out;
    for (size_t j = 0; j < m; j++)
        b2a[j] = -1;
    size_t aligned = 0;
    for (size_t i = 0; i < n; i++)
        if (a2b[i] >= 0) {
            b2a[a2b[i]] = (long)i;
            aligned++;
        }
    for (size_t j = 0, last = 0; j < m; j++) /* unmatched: the reference word before */
        if (b2a[j] >= 0)
            last = (size_t)b2a[j] + 1;
        else
            b2a[j] = last < n ? (long)last : (long)n - 1;
    for (size_t i = 0; i < hyp->nel; i++) {
        hyp->el[i].ms = hyp->el[i].ws;
        hyp->el[i].me = hyp->el[i].we;
    }
    *b2a_out = b2a;
    *aligned_out = aligned;
    b2a = NULL;
    rc = 0;
out:
    free(A);
    free(B);
    free(a2b);
    free(a2l);
    free(b2a);
    if (have_al)
        aligner_free(&al);
    return rc;
}

/* Counts the reference elements R[0..nr) of class ci into k (overlapping, exact, attributes
 * checked and agreeing) and queues a difference for each one missing, moved, or with an
 * attribute that disagrees. Returns -1 out of memory. */
static int score_ref_elems(const cmp_side *ref, const cmp_side *hyp, const size_t *R, size_t nr,
                           size_t ci, tk_compare_class *k, pends *pl)
{
    for (size_t q = 0; q < nr; q++) {
        const cmp_elem *a = &ref->el[R[q]];
        pend p = {TK_CMP_MISSING, ci, (long)R[q], a->partner, 0, a->ms, 0, NULL};
        if (a->partner < 0) {
            if (add_pend(&pl->v, &pl->n, &pl->cap, p) != 0)
                return -1;
            continue;
        }
        k->overlap++;
        k->exact += (unsigned long)a->exact;
        if (!a->exact) {
            p.kind = TK_CMP_MOVED;
            if (add_pend(&pl->v, &pl->n, &pl->cap, p) != 0)
                return -1;
        }
        const cmp_elem *b = &hyp->el[a->partner];
        for (int t = 0; t < TK_CMP_ATTR_COUNT; t++) {
            char *va = attr(a->node, attr_names[t]), *vb = attr(b->node, attr_names[t]);
            if (va != NULL || vb != NULL) {
                k->attr_checked[t]++;
                if (va != NULL && vb != NULL && strcmp(va, vb) == 0)
                    k->attr_agree[t]++;
                else {
                    p.kind = TK_CMP_ATTR;
                    p.attr = t;
                    if (add_pend(&pl->v, &pl->n, &pl->cap, p) != 0) {
                        xmlFree(va);
                        xmlFree(vb);
                        return -1;
                    }
                }
            }
            xmlFree(va);
            xmlFree(vb);
        }
    }
    return 0;
}

/* Matches and scores class ci, whose elements are R[0..nr) and H[0..nh), into a new row of
 * res->classes, queueing its differences (spurious hypothesis elements, split or joined
 * groups too). Returns -1 out of memory. */
static int score_class(const cmp *c, size_t ci, cmp_side *ref, const size_t *R, size_t nr,
                       cmp_side *hyp, const size_t *H, size_t nh, tk_compare_result *res,
                       pends *pl)
{
    const cls_def *def = c->cls[ci].def;
    match_class(ref, R, nr, hyp, H, nh);
    tk_compare_class *k = &res->classes[res->n_classes];
    k->name = strdup(c->cls[ci].name);
    if (k->name == NULL)
        return -1;
    res->n_classes++;
    k->group = def->group;
    k->ref = nr;
    k->hyp = nh;
    if (score_ref_elems(ref, hyp, R, nr, ci, k, pl) != 0)
        return -1;
    for (size_t q = 0; q < nh; q++) {
        const cmp_elem *b = &hyp->el[H[q]];
        pend p = {TK_CMP_SPURIOUS, ci, -1, (long)H[q], 0, b->ms, 0, NULL};
        if (b->partner < 0 && add_pend(&pl->v, &pl->n, &pl->cap, p) != 0)
            return -1;
    }
    k->ident_attr = def->ident;
    if (def->ident != NULL &&
        score_identity(ref, hyp, R, nr, ci, k, &pl->v, &pl->n, &pl->cap) != 0)
        return -1;
    score(k);
    return 0;
}

/* The total row: the sum of the classes' rows (not of their breakdowns). */
static void sum_total(tk_compare_result *res)
{
    res->total.name = "total";
    res->total.group = "";
    for (size_t i = 0; i < res->n_classes; i++) {
        tk_compare_class *k = &res->classes[i];
        if (k->parent != NULL)
            continue;
        res->total.ref += k->ref;
        res->total.hyp += k->hyp;
        res->total.exact += k->exact;
        res->total.overlap += k->overlap;
        for (int t = 0; t < TK_CMP_ATTR_COUNT; t++) {
            res->total.attr_checked[t] += k->attr_checked[t];
            res->total.attr_agree[t] += k->attr_agree[t];
        }
    }
    score(&res->total);
}

/* Orders the queued differences by position and turns the first max_diffs of them into
 * res->diffs, each with its lines on both sides and its message. Returns -1 out of
 * memory. */
static int keep_diffs(const cmp *c, const cmp_side *ref, const cmp_side *hyp, const long *b2a,
                      pends *pl, tk_compare_result *res)
{
    size_t n = ref->nw, m = hyp->nw;
    pend *pd = pl->v;
    size_t npd = pl->n;
    if (npd > 0)
        qsort(pd, npd, sizeof *pd, by_pos);
    res->total_diffs = npd;
    size_t keep = npd < c->o->max_diffs ? npd : c->o->max_diffs;
    if (keep > 0 && (res->diffs = calloc(keep, sizeof *res->diffs)) == NULL)
        return -1;
    for (size_t i = 0; i < keep; i++) {
        tk_compare_diff *df = &res->diffs[res->n_diffs];
        df->kind = pd[i].kind;
        df->cls = NULL;
        for (size_t q = 0; q < res->n_classes; q++)
            if (strcmp(res->classes[q].name, c->cls[pd[i].cls].name) == 0)
                df->cls = res->classes[q].name;
        df->ref_line = pd[i].r >= 0 ? ref->el[pd[i].r].line
                                    : line_at(ref, back_map(b2a, m, n, hyp->el[pd[i].h].ws));
        df->hyp_line = pd[i].h >= 0 ? hyp->el[pd[i].h].line : line_at(hyp, ref->el[pd[i].r].ms);
        df->text = pd[i].text ? pd[i].text : diff_text(&pd[i], c, ref, hyp, b2a);
        pd[i].text = NULL;
        if (df->text == NULL)
            return -1;
        res->n_diffs++;
    }
    return 0;
}

tk_compare_result *tk_compare_docs(xmlDocPtr refdoc, const char *ref_name, xmlDocPtr hypdoc,
                                   const char *hyp_name, const tk_compare_opts *o, tk_diag *d)
{
    tk_compare_opts defaults;
    if (o == NULL) {
        tk_compare_opts_init(&defaults);
        o = &defaults;
    }
    cmp c = {o, d, NULL, NULL, 0, 0, NULL, 0, 0, 0};
    cmp_side ref = {0}, hyp = {0};
    tk_compare_result *res = NULL;
    long *b2a = NULL;
    size_t aligned = 0;
    size_t *R = NULL, *H = NULL;
    pends pl = {NULL, 0, 0};
    int ok = 0;

    ref.name = ref_name ? ref_name : "ref";
    hyp.name = hyp_name ? hyp_name : "hyp";
    if (parse_maps(&c) != 0)
        goto out;
    collect_doc(&c, &ref, refdoc);
    collect_doc(&c, &hyp, hypdoc);
    if (c.oom || tokenize(&c, &ref) != 0 || tokenize(&c, &hyp) != 0)
        goto oom;
    word_spans(&c, &ref);
    word_spans(&c, &hyp);
    if (align_sides(&ref, &hyp, &b2a, &aligned) != 0)
        goto oom;
    R = sorted_elems(&ref);
    H = sorted_elems(&hyp);
    res = calloc(1, sizeof *res);
    if (!R || !H || !res)
        goto oom;
    res->ref_name = strdup(ref.name);
    res->hyp_name = strdup(hyp.name);
    res->classes = calloc(c.ncls + 1, sizeof *res->classes);
    if (!res->ref_name || !res->hyp_name || !res->classes)
        goto oom;
    res->ref_words = ref.nw;
    res->hyp_words = hyp.nw;
    res->aligned_words = aligned;

    /* class by class: both index arrays are sorted by class first */
    size_t ri = 0, hi = 0;
    for (size_t ci = 0; ci < c.ncls; ci++) {
        size_t r0 = ri, h0 = hi;
        while (ri < ref.nel && ref.el[R[ri]].cls == ci)
            ri++;
        while (hi < hyp.nel && hyp.el[H[hi]].cls == ci)
            hi++;
        if (c.cls[ci].parent >= 0 || !wanted(o->classes, c.cls[ci].name, c.cls[ci].def->group))
            continue;
        if (score_class(&c, ci, &ref, R + r0, ri - r0, &hyp, H + h0, hi - h0, res, &pl) != 0)
            goto oom;
    }
    if (o->classes != NULL && *o->classes && res->n_classes == 0)
        TK_MSG(d, COMPARE_CLASSES, NULL, 0, 0, o->classes);
    if (add_breakdown(&c, &ref, &hyp, res) != 0)
        goto oom;
    sum_total(res);
    if (keep_diffs(&c, &ref, &hyp, b2a, &pl, res) != 0)
        goto oom;
    if (!o->no_header && compare_header(refdoc, hypdoc, res) != 0)
        goto oom;
    ok = 1;
    goto out;
oom:
    TK_MSG(d, OOM, NULL, 0, 0);
out:
    if (!ok) {
        tk_compare_result_free(res);
        res = NULL;
    }
    maps_free(c.maps, c.nmaps);
    maps_free(c.skips, c.nskips);
    for (size_t i = 0; i < c.ncls; i++)
        free(c.cls[i].name);
    free(c.cls);
    side_free(&ref);
    side_free(&hyp);
    free(b2a);
    free(R);
    free(H);
    for (size_t i = 0; i < pl.n; i++)
        free(pl.v[i].text);
    free(pl.v);
    return res;
}

tk_compare_result *tk_compare_files(const char *ref_path, const char *hyp_path,
                                    const tk_compare_opts *o, tk_diag *d)
{
    tk_compare_result *res = NULL;
    xmlDocPtr a = tk_xml_read_file(ref_path, 0, d);
    xmlDocPtr b = a ? tk_xml_read_file(hyp_path, 0, d) : NULL;
    if (a != NULL && b != NULL)
        res = tk_compare_docs(a, ref_path, b, hyp_path, o, d);
    xmlFreeDoc(a);
    xmlFreeDoc(b);
    return res;
}
