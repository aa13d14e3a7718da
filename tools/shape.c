/* shape.c: decides a text's shape (record, transcript, play) from weighted evidence: each cue
 * (speaker labels and their forms, timestamps, act and scene headings, cast lists, stage
 * paragraphs, reported speech, long unlabelled prose) scores for one shape from a table; the
 * winner, its margin and the evidence are reported, and a thin margin warns. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"

/* ------------------------------------------------------------------ line helpers */

int tk_line_blank(const tk_line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t' && l->s[i] != '\r')
            return 0;
    return 1;
}

size_t tk_line_indent(const tk_line *l)
{
    size_t i = 0;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    return i;
}

static size_t rtrim(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* ------------------------------------------------------------------ play headings */

static const char *const ordinals[] = {"FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH",
                                       "SEVENTH", "EIGHTH", "NINTH", "TENTH", "LAST", "ONE",
                                       "TWO", "THREE", "FOUR", "FIVE", "SIX",
                                       /* German ("Erster Akt", "Zweite Szene"), French */
                                       "ERSTER", "ERSTE", "ERSTES", "ZWEITER", "ZWEITE",
                                       "DRITTER", "DRITTE", "VIERTER", "VIERTE", "LETZTER",
                                       "LETZTE", "PREMIER", "DERNIER",
                                       /* French (both cases of the accented letter), Spanish,
                                          Italian */
                                       "PREMI\xc3\x88RE", "PREMI\xc3\xa8RE",
                                       "DEUXI\xc3\x88ME", "DEUXI\xc3\xa8ME",
                                       "TROISI\xc3\x88ME", "TROISI\xc3\xa8ME",
                                       "QUATRI\xc3\x88ME", "QUATRI\xc3\xa8ME",
                                       "CINQUI\xc3\x88ME", "CINQUI\xc3\xa8ME", "PRIMERA",
                                       "PRIMERO", "SEGUNDA", "SEGUNDO", "TERCERA", "TERCERO",
                                       "PRIMO", "SECONDO", "TERZO"};
/* The words of an act and of a scene heading, in the languages plays are printed in
   (English first: "ACT", "SCENE"; German, French, Italian, Spanish, Swedish, Latin). */
static const char *const act_words[] = {"ACT", "AKT", "AUFZUG", "ACTE", "ATTO", "ACTO", "ACTUS"};
static const char *const scene_words[] = {"SCENE", "SZENE", "AUFTRITT", "SC\xc3\x88NE", "SC\xc3\xa8NE",
                                          "SCENA", "ESCENA", "SCEN", "SCAENA"};

/* The words that open a screenplay's scene heading, in capitals with the place after them:
   interior, exterior, both. */
static const char *const sluglines[] = {"INT./EXT", "INT/EXT", "EXT./INT", "EXT/INT", "I/E",
                                        "INT", "EXT"};

/* Divisions of a play that are not acts or scenes; the type their div gets. */
static const char *const play_parts[] = {"PROLOGUE", "EPILOGUE", "INDUCTION", "INTERLUDE",
                                         "CHORUS"};

/* Length of a word of `words` (upper case) at s (ignoring case, at a word end), 0 when
 * none. Runs on every line of a file: the first letter is compared before the word. */
static size_t word_of(const char *s, size_t n, const char *const *words, size_t nw)
{
    if (n == 0)
        return 0;
    char c0 = (char)toupper((unsigned char)s[0]);
    for (size_t i = 0; i < nw; i++) {
        if (words[i][0] != c0)
            continue;
        size_t m = strlen(words[i]);
        if (n >= m && strncasecmp(s, words[i], m) == 0 && (n == m || !isalpha((unsigned char)s[m])))
            return m;
    }
    return 0;
}

/* 1 (act) or 2 (scene) when s[0..n) opens with a word of act_words or scene_words, its
 * length in *w; 0 when neither. */
static int division_word(const char *s, size_t n, size_t *w)
{
    if ((*w = word_of(s, n, act_words, sizeof act_words / sizeof *act_words)) > 0)
        return 1;
    if ((*w = word_of(s, n, scene_words, sizeof scene_words / sizeof *scene_words)) > 0)
        return 2;
    return 0;
}

/* A roman or arabic number at s: its length, 0 when none. */
static size_t number_at(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (isdigit((unsigned char)s[i]) || strchr("IVXLCivxlc", s[i]) != NULL))
        i++;
    return i > 0 && (i == n || !isalpha((unsigned char)s[i])) ? i : 0;
}

int tk_play_heading(const char *s, size_t n, size_t *a, size_t *b)
{
    size_t i = 0;
    n = rtrim(s, n);
    /* "**** ACT I ****": the stars are decoration */
    if (n >= 10 && memcmp(s, "**** ", 5) == 0 && memcmp(s + n - 5, " ****", 5) == 0) {
        i = 5;
        n -= 5;
    }
    while (i < n && i < TK_TH_PLAY_HEAD_MAX_INDENT && s[i] == ' ') /* "  THE FIRST ACT": indented or centred */
        i++;
    *a = i;
    *b = n;
    if (n - i < 3 || n - i > TK_TH_PLAY_HEAD_MAX_BYTES || !isupper((unsigned char)s[i]))
        return 0;
    const char *t = s + i;
    size_t m = n - i, k = 0;
    if (m > 4 && strncasecmp(t, "THE ", 4) == 0)
        k = 4;
    size_t o = word_of(t + k, m - k, ordinals, sizeof ordinals / sizeof *ordinals);
    if (o > 0 && k + o + 1 < m && t[k + o] == ' ') {
        /* "FIRST ACT", "The Second Scene" */
        const char *u = t + k + o + 1;
        size_t um = m - k - o - 1, w;
        int dw = division_word(u, um, &w);
        if (dw > 0 && um <= w + 1) /* the word, a period maybe */
            return dw;
        return 0;
    }
    size_t w = 0;
    int dw = division_word(t, m, &w);
    int act = dw == 1 && (m == w || t[w] == ' ');
    int scene = dw == 2 && (m == w || t[w] == ' ' || t[w] == '.' || t[w] == ':');
    if (act || scene) {
        if (m == w)
            return scene ? 2 : 0; /* "SCENE" alone (a scene description follows) */
        if (t[w] == '.' || t[w] == ':')
            return 2;
        size_t num = number_at(t + w + 1, m - w - 1);
        if (num == 0)
            num = word_of(t + w + 1, m - w - 1, ordinals, sizeof ordinals / sizeof *ordinals);
        if (num == 0)
            return 0;
        size_t e = w + 1 + num;
        /* the heading may go on: "SCENE II. A room in the castle.", "ACT I." */
        if (e < m && t[e] != '.' && t[e] != ':' && t[e] != ',' && t[e] != ' ')
            return 0;
        if (act && m > e + 2 && m - e > TK_TH_PLAY_ACT_TAIL_MAX_BYTES)
            return 0;
        return act ? 1 : 2;
    }
    /* a screenplay's scene heading (slugline): "INT. KITCHEN - NIGHT", "EXT. ROAD - DAY" */
    size_t sl = word_of(t, m, sluglines, sizeof sluglines / sizeof *sluglines);
    if (sl > 0 && sl + 2 < m && (t[sl] == '.' || t[sl] == ' ')) {
        for (size_t k2 = sl; k2 < m; k2++)
            if (t[k2] >= 'a' && t[k2] <= 'z')
                return 0;
        return 2;
    }
    size_t p = word_of(t, m, play_parts, sizeof play_parts / sizeof *play_parts);
    if (p > 0 && (p == m || ((t[p] == '.' || t[p] == ':') && m <= p + 1)) &&
        strncmp(t, "CHORUS", 6) != 0 && strncmp(t, "Chorus", 6) != 0)
        return 3;
    return 0;
}

/* Cast list headings (a cast list follows until the first act or scene). */
static const char *const cast_headings[] = {
    "Dramatis Personae", "Dramatis Personæ", "DRAMATIS PERSONÆ", "Characters", "Characters in the Play",
    "Persons of the Play", "Persons Represented", "Cast", "Cast of Characters", "Personae",
    "Persons in the Play",
    /* French, German, Spanish, Italian */
    "Personnages", "Les Personnages", "Personen", "Personen der Handlung", "Personajes",
    "Personaggi", "Interlocutori",
};

int tk_cast_heading(const char *s, size_t n)
{
    n = rtrim(s, n);
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    if (n > 2 && s[0] == '_' && s[n - 1] == '_') /* in an e-book's _italics_ */
        s++, n -= 2;
    if (n > 4 && strncasecmp(s, "The ", 4) == 0)
        s += 4, n -= 4;
    while (n > 0 && (s[n - 1] == ':' || s[n - 1] == '.'))
        n--;
    for (size_t i = 0; i < sizeof cast_headings / sizeof *cast_headings; i++)
        if (n > 0 && (cast_headings[i][0] | 0x20) == (s[0] | 0x20) && /* (every one opens with
                                                                      an ASCII letter) */
            strlen(cast_headings[i]) == n && strncasecmp(cast_headings[i], s, n) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ evidence */

/* The cues and the shape each scores for, with its weight (points at full evidence). */
typedef enum {
    C_BASE,          /* every text is a record unless something else is shown */
    C_LABEL_COVER,   /* paragraphs opening with a transcript label (NAME:, Q<spaces>, TAB) */
    C_LABEL_DENSITY, /* ... among the paragraphs from the first such label to the last */
    C_LABEL_COUNT,   /* how many labelled paragraphs (a few quoted lines are not a transcript) */
    C_TIMESTAMPS,    /* timestamp lines or timestamped labels */
    C_PLAY_HEADINGS, /* act / scene / prologue headings */
    C_ALONE_LABELS,  /* repeated NAME or NAME. alone on its line, speech after it */
    C_PERIOD_LABELS, /* repeated "Name.  speech" at paragraph starts */
    C_TAB_ROWS,      /* Name<TAB>speech rows */
    C_TAB_TURNS,     /* the same rows, for a transcript */
    C_CAST_LIST,     /* a Dramatis Personae heading */
    C_SCENE_TURNS,   /* labelled speeches under act/scene headings (a radio play's "MARY:") */
    C_STAGE_PARAS,   /* paragraphs wholly in [...] or _..._ */
    C_REPORTED,      /* reported speech: "said that", "stated that" ... */
    C_PROSE,         /* long paragraphs without a label */
    C_COUNT
} cue_id;

static const struct {
    const char *name;
    tk_shape shape;
    int weight;
} cues[C_COUNT] = {
    [C_BASE] = {"base", TK_SHAPE_RECORD, 25},
    [C_LABEL_COVER] = {"labelled paragraphs", TK_SHAPE_TRANSCRIPT, 50},
    [C_LABEL_DENSITY] = {"label density", TK_SHAPE_TRANSCRIPT, 60},
    [C_LABEL_COUNT] = {"label count", TK_SHAPE_TRANSCRIPT, 30},
    [C_TIMESTAMPS] = {"timestamps", TK_SHAPE_TRANSCRIPT, 40},
    [C_PLAY_HEADINGS] = {"act/scene headings", TK_SHAPE_PLAY, 60},
    [C_ALONE_LABELS] = {"names alone on a line", TK_SHAPE_PLAY, 90},
    [C_PERIOD_LABELS] = {"'Name.' speeches", TK_SHAPE_PLAY, 90},
    [C_TAB_ROWS] = {"Name<TAB> rows", TK_SHAPE_PLAY, 50},
    [C_TAB_TURNS] = {"Name<TAB> rows", TK_SHAPE_TRANSCRIPT, 50},
    [C_CAST_LIST] = {"cast list", TK_SHAPE_PLAY, 30},
    [C_SCENE_TURNS] = {"labelled speeches under scene headings", TK_SHAPE_PLAY, 100},
    [C_STAGE_PARAS] = {"stage paragraphs", TK_SHAPE_PLAY, 30},
    [C_REPORTED] = {"reported speech", TK_SHAPE_RECORD, 60},
    [C_PROSE] = {"unlabelled prose", TK_SHAPE_RECORD, 40},
};

/* Counts of names in an open-addressing table (capped: detection stays linear). */
#define NAME_SLOTS 4096
typedef struct name_count {
    unsigned long h[NAME_SLOTS];
    unsigned n[NAME_SLOTS];
    size_t first[NAME_SLOTS]; /* the unit the name was first seen in */
    size_t used;
} name_count;

static unsigned long hash_name(unsigned cls, const char *s, size_t n)
{
    unsigned long h = 2166136261UL ^ cls;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)toupper((unsigned char)s[i])) * 16777619UL;
    return h ? h : 1;
}

/* Counts one more of h (seen in unit `unit`); returns the count so far, and in *first the
 * unit of its first sighting. */
static unsigned count_name_in(name_count *c, unsigned long h, size_t unit, size_t *first)
{
    *first = unit;
    for (size_t i = h & (NAME_SLOTS - 1);; i = (i + 1) & (NAME_SLOTS - 1)) {
        if (c->h[i] == h) {
            *first = c->first[i];
            return ++c->n[i];
        }
        if (c->h[i] == 0) {
            if (c->used >= NAME_SLOTS / 2)
                return 1;
            c->h[i] = h;
            c->n[i] = 1;
            c->first[i] = unit;
            c->used++;
            return 1;
        }
    }
}

static unsigned count_name(name_count *c, unsigned long h)
{
    size_t first;
    return count_name_in(c, h, 0, &first);
}

tk_names *tk_names_new(void) { return tk_xcalloc(1, sizeof(name_count)); }
void tk_names_free(tk_names *t) { free(t); }
unsigned tk_names_add(tk_names *t, const char *s, size_t n)
{
    return count_name((name_count *)t, hash_name(0, s, n));
}
unsigned tk_names_get(const tk_names *t, const char *s, size_t n)
{
    const name_count *c = (const name_count *)t;
    unsigned long h = hash_name(0, s, n);
    for (size_t i = h & (NAME_SLOTS - 1);; i = (i + 1) & (NAME_SLOTS - 1)) {
        if (c->h[i] == h)
            return c->n[i];
        if (c->h[i] == 0)
            return 0;
    }
}

/* The key of a mixed-case name in the repeat count: numbered speakers are one family
 * ("Respondent 1", "Respondent 3", "Speaker 2": the digits do not count). */
static unsigned long family_hash(const char *s, size_t n)
{
    unsigned long h = 2166136261UL ^ 1u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c) && i > 0 && (s[i - 1] == ' ' || isdigit((unsigned char)s[i - 1])))
            c = '#';
        h = (h ^ (unsigned char)toupper(c)) * 16777619UL;
    }
    return h ? h : 1;
}

/* Repeated-name counting: the first sighting is pending, the second counts both. */
static void count_repeat(name_count *c, unsigned cls, const char *s, size_t n, size_t *total)
{
    unsigned k = count_name(c, hash_name(cls, s, n));
    *total += k == 2 ? 2 : k > 2 ? 1 : 0;
}

/* A timestamp alone on its line: "[00:00:02:08]", "[-00:00:00:10]", "[00:12:34]". */
int tk_timestamp_line(const char *s, size_t n)
{
    size_t i = 1, digits = 0, colons = 0;
    n = rtrim(s, n);
    if (n < 4 || s[0] != '[' || s[n - 1] != ']')
        return 0;
    if (s[i] == '-')
        i++;
    for (; i < n - 1; i++) {
        if (isdigit((unsigned char)s[i]))
            digits++;
        else if (s[i] == ':')
            colons++;
        else if (s[i] != '.')
            return 0;
    }
    return colons >= 1 && digits >= 3;
}

/* A paragraph (first line f, last line e) wholly in [...] or _..._ (an unclosed '[' block
 * counts: plays leave long directions open). */
static int stage_para(const tk_line *f, const tk_line *e)
{
    size_t a = tk_line_indent(f), n = rtrim(e->s, e->len);
    if (a >= f->len || n == 0)
        return 0;
    if (f->s[a] == '[') {
        /* the bracket opened first closes at the end, or never (a long direction) */
        const char *close = memchr(f->s + a, ']', f->len - a);
        if (close != NULL)
            return f == e && close == f->s + n - 1;
        return e->s[n - 1] == ']' || e->s[n - 1] == '.' || e->s[n - 1] == '_';
    }
    if (f->s[a] == '_' && a + 1 < f->len && f->s[a + 1] != '_')
        return e->s[n - 1] == '_' || (n >= 2 && e->s[n - 2] == '_');
    return 0;
}

/* The verbs of reported speech, and for each lower-case letter the verbs that start with it
 * (verbs_of_letter), built once (threads may detect at once). */
#define VERB(x) {x, sizeof x - 1}
static const struct {
    const char *s;
    size_t n;
} verbs[] = {VERB(" said that"),       VERB(" stated that"),      VERB(" replied that"),
             VERB(" remarked that"),   VERB(" observed that"),    VERB(" was of the opinion"),
             VERB(" expressed the"),   VERB(" pointed out that"), VERB(" he said"),
             VERB(" she said")};
#undef VERB
static uint16_t verbs_of_letter[26]; /* bit i: verbs[i] starts with 'a' + k */
static pthread_once_t verb_letters_once = PTHREAD_ONCE_INIT;
_Static_assert(sizeof verbs / sizeof *verbs <= 16, "a bit a verb in verbs_of_letter");

static void build_verb_letters(void)
{
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        verbs_of_letter[verbs[i].s[1] - 'a'] |= (uint16_t)(1u << i);
}

/* Reported speech in a line (a record's "he said that"). */
static int reported(const char *s, size_t n)
{
    if (n < 10)
        return 0;
    pthread_once(&verb_letters_once, build_verb_letters);
    /* one pass over the spaces of the line: every verb starts with one, and its first
       letter is compared before the rest (this runs on every word of 2 MB) */
    for (const char *p = memchr(s, ' ', n); p != NULL;
         p = memchr(p + 1, ' ', (size_t)(s + n - p - 1))) {
        size_t left = (size_t)(s + n - p);
        unsigned char c1 = (unsigned char)p[1];
        if (left < 8 || c1 < 'a' || c1 > 'z')
            continue;
        for (unsigned b = verbs_of_letter[c1 - 'a']; b != 0; b &= b - 1) {
            unsigned i = (unsigned)__builtin_ctz(b);
            if (left >= verbs[i].n && memcmp(p, verbs[i].s, verbs[i].n) == 0)
                return 1;
        }
    }
    return 0;
}

/* Detection reads at most this much text: documents are alike from end to end, and the
 * large ones (a 6 MB volume) must not pay twice. */
#define DETECT_MAX_BYTES TK_TH_SHAPE_SAMPLE_BYTES

static const char *const shape_names[] = {"auto", "record", "transcript", "play", "captions"};

static double ratio(size_t a, size_t b, double scale)
{
    double r = b ? (double)a * scale / (double)b : 0.0;
    return r > 1.0 ? 1.0 : r;
}

/* What a paragraph or speech unit showed; folded into the counts when it ends. */
typedef struct unit {
    size_t first, bytes;
    int labelled, reported;
} unit;

typedef struct counts {
    size_t units, cover, caps_cover, mixed_rep, spaced, tabs, period_rep, alone_rep;
    size_t indented_after, alone_all, colon_alone, hearing, chat, ts, heads, cast, stage, first_lab, last_lab;
    size_t prose_out, reported_out, prose_tail, reported_tail, caps_labels;
    size_t indented_labels[TK_TH_PARA_INDENT_MAX + 1]; /* transcript labels after k spaces */
    size_t centred;                                    /* NAME centred alone, speech under it */
} counts;

/* Folds the unit that ended (lines [u->first, end)) into c. Long prose and reported speech
 * count for a record only outside the span of labelled units (inside it they are speech). */
static void unit_end(const tk_lines *L, const unit *u, size_t end, counts *c)
{
    if (stage_para(&L->v[u->first], &L->v[end - 1]))
        c->stage++;
    if (u->labelled)
        return;
    int prose = u->bytes >= TK_TH_SHAPE_PROSE_MIN_BYTES;
    if (c->cover == 0) {
        c->prose_out += prose;
        c->reported_out += u->reported;
    } else {
        c->prose_tail += prose;
        c->reported_tail += u->reported;
    }
}

int tk_field_line(const tk_line *l, const tk_label *lab)
{
    size_t n = rtrim(l->s, l->len);
    if (lab->text_off >= n)
        return 1;
    unsigned char e = (unsigned char)l->s[n - 1];
    return strchr(".?!\"')]", e) == NULL && e < 0x80; /* ("... [laughter]": speech) */
}

/* Looks at the line that starts a unit: a heading, a cast list, a label of some form. */
static void unit_start(const tk_lines *L, size_t i, size_t ind, const tk_speakers *g,
                       name_count *names, counts *c, unit *u)
{
    /* the line after its paragraph indent (0, or the indent of a layout whose paragraphs
       open indented: "    Mr. SMITH. The committee will come to order.") */
    tk_line view = {L->v[i].s + ind, L->v[i].len - ind, L->v[i].no, L->v[i].byte};
    const tk_line *l = &view;
    size_t a, b;
    if (tk_cast_heading(l->s, l->len)) {
        c->cast++;
        return;
    }
    tk_label lab;
    if (!tk_speaker_label(g, l->s, l->len,
                          TK_LF_COLON | TK_LF_PERIOD | TK_LF_TAB | TK_LF_SPACED | TK_LF_BARE |
                              TK_LF_ALONE | TK_LF_CHAT,
                          &lab) ||
        tk_play_heading(l->s, l->len, &a, &b))
        return;
    const char *nm = l->s + lab.name_off;
    unsigned form = lab.form & ~(unsigned)TK_LF_ALONE;
    int alone = (lab.form & TK_LF_ALONE) != 0, transcript_label = 0;
    if (lab.lab_off > 0)
        c->ts++;
    /* a label alone on its line over its speech, mixed case: "Speaker 1 (00:00):",
       "Jane Doe  0:03" (an automatic transcript's headings; counted as mixed-case labels) */
    int heading = alone && !lab.caps && i + 1 < L->n && !tk_line_blank(&L->v[i + 1]) &&
                  (form == TK_LF_COLON || form == TK_LF_SPACED);
    if (heading && form == TK_LF_SPACED)
        c->spaced++; /* (the body reads the form) */
    if ((form == TK_LF_COLON && !alone) || heading) {
        if (lab.caps) {
            c->caps_cover++;
            transcript_label = 1;
        } else if (heading || !tk_field_line(l, &lab)) {
            /* a mixed-case label counts once its name recurs, and then its first sighting
               too ("Respondent 3:", "The President:") */
            size_t first;
            unsigned k = count_name_in(names, family_hash(nm, lab.name_len), c->units, &first);
            c->mixed_rep += k == 2 ? 2 : k > 2 ? 1 : 0;
            transcript_label = k >= 2;
            /* a qualifier in parentheses ("Ms. Sato (Japan):") marks a speaker at once */
            const char *ne = nm + lab.name_len, *le = l->s + lab.lab_off + lab.lab_len;
            if (k < 2 && ne < le && memchr(ne, '(', (size_t)(le - ne)) != NULL) {
                c->mixed_rep++;
                transcript_label = 1;
            }
            if (k == 2) {
                c->cover++;
                if (c->first_lab == 0 || first < c->first_lab)
                    c->first_lab = first;
            }
        }
    } else if (form == TK_LF_COLON && alone && lab.caps) {
        c->colon_alone++;
        transcript_label = 1;
    } else if (form == TK_LF_SPACED && lab.caps) {
        c->spaced++;
        transcript_label = 1;
    } else if (form == TK_LF_CHAT) {
        /* "<nick> text": a chat's line once the nick recurs (an HTML tag is no speaker) */
        size_t before = c->chat;
        count_repeat(names, 4, nm, lab.name_len, &c->chat);
        transcript_label = c->chat > before;
    } else if (form == TK_LF_TAB) {
        c->tabs++; /* rows of a table: turns of a play or of a transcript alike */
        u->labelled = 1;
        transcript_label = lab.lab_off > 0; /* a time before the row: a transcript's turn */
    } else if (form == TK_LF_PERIOD && !alone && lab.hearing) {
        c->hearing++; /* "Mr. SMITH. text", "Q. text": a hearing, a deposition */
        transcript_label = 1;
    } else if (form == TK_LF_PERIOD && !alone && lab.wide) {
        count_repeat(names, 2, nm, lab.name_len, &c->period_rep);
    } else if ((form == TK_LF_PERIOD || form == TK_LF_BARE) && alone && lab.caps && !lab.role) {
        count_repeat(names, 3, nm, lab.name_len, &c->alone_rep);
        c->alone_all++;
        if (i + 1 < L->n && !tk_line_blank(&L->v[i + 1]) && tk_line_indent(&L->v[i + 1]) >= 2)
            c->indented_after++;
    }
    if (transcript_label) {
        c->cover++;
        u->labelled = 1;
        if (c->first_lab == 0)
            c->first_lab = c->units;
        c->last_lab = c->units;
        /* what stood since the last label was speech, not a record's prose */
        c->prose_tail = c->reported_tail = 0;
    }
}

/* 1 when line l (indent ind, 1 to TK_TH_PARA_INDENT_MAX) opens, after its indent, with a
 * transcript's label: "NAME:", "Mr. SMITH.", "Q." or "NAME  text". */
static int indented_label(const tk_line *l, size_t ind, const tk_speakers *g)
{
    tk_label lab;
    if (!tk_speaker_label(g, l->s + ind, l->len - ind, TK_LF_COLON | TK_LF_PERIOD | TK_LF_SPACED,
                          &lab))
        return 0;
    unsigned form = lab.form & ~(unsigned)TK_LF_ALONE;
    return (lab.form & TK_LF_ALONE) == 0 &&
           ((form == TK_LF_COLON && lab.caps) || (form == TK_LF_PERIOD && lab.hearing) ||
            (form == TK_LF_SPACED && lab.caps));
}

/* 1 when line i (indent ind, deeper than a paragraph's) is a screenplay's speaker: a name in
 * capitals alone ("TOMMY", "DRIVER (V.O.)"), the speech under it indented less deep, not at
 * the margin; the name counts as a name alone (c->alone_rep) once it recurs. */
static int centred_name(const tk_lines *L, size_t i, size_t ind, const tk_speakers *g,
                        name_count *names, counts *c)
{
    tk_label lab;
    const tk_line *l = &L->v[i];
    if (i + 1 >= L->n || tk_line_blank(&L->v[i + 1]))
        return 0;
    size_t next = tk_line_indent(&L->v[i + 1]);
    if (next == 0 || next >= ind ||
        !tk_speaker_label(g, l->s + ind, l->len - ind, TK_LF_BARE | TK_LF_ALONE, &lab) ||
        !lab.caps || lab.role)
        return 0;
    count_repeat(names, 3, l->s + ind + lab.name_off, lab.name_len, &c->alone_rep);
    return 1;
}

/* One pass of detection over lines [from, ...) into *c. With para_indent > 0, a line indented
 * by that much opens a unit and is read after its indent (paragraphs that open indented, no
 * blank line between them); with 0, units are paragraphs and indented labels are counted. */
static void detect_pass(const tk_lines *L, size_t from, const tk_speakers *g, size_t para_indent,
                        counts *c)
{
    name_count *names = tk_xcalloc(1, sizeof *names);
    memset(c, 0, sizeof *c);
    unit u = {from, 0, 0, 0};
    int prev_blank = 1, prev_indented = 0, prev_ts = 0, open = 0;
    size_t bytes = 0, i = from;
    for (; i < L->n && bytes <= DETECT_MAX_BYTES && names != NULL; i++) {
        const tk_line *l = &L->v[i];
        bytes += l->len + 1;
        if (tk_line_blank(l)) {
            if (open)
                unit_end(L, &u, i, c);
            open = 0;
            prev_blank = 1;
            prev_indented = prev_ts = 0;
            continue;
        }
        size_t ind = tk_line_indent(l), a, b;
        /* a unit: a paragraph, or a speech that indentation delimits (a name at the margin
           after indented lines), the line after a timestamp line, or a line opening with a
           time in columns ("00 00 01 02 CDR  ...": each such line is a turn); in a layout of
           indented paragraphs, every line at the paragraph indent */
        char stamp[24];
        int para = para_indent > 0 && ind == para_indent;
        tk_label chat;
        int start = prev_blank || (ind == 0 && prev_indented && para_indent == 0) || prev_ts ||
                    para ||
                    /* a chat's line, "[12:01] <alice> text", or a label after a time in
                       brackets, "[00:00:05] Jane Doe: Morning." (each line a turn) */
                    (l->s[0] == '<' && tk_speaker_label(g, l->s, l->len, TK_LF_CHAT, &chat)) ||
                    (l->s[0] == '[' &&
                     tk_speaker_label(g, l->s, l->len, TK_LF_CHAT | TK_LF_COLON, &chat)) ||
                    (ind == 0 && l->len > 0 && isdigit((unsigned char)l->s[0]) &&
                     tk_column_stamp(l->s, l->len, stamp, sizeof stamp) > 0);
        if (start && !prev_ts) {
            if (open)
                unit_end(L, &u, i, c);
            c->units++;
            memset(&u, 0, sizeof u);
            u.first = i;
            open = 1;
        }
        u.bytes += l->len;
        prev_blank = 0;
        prev_indented = ind > 0;
        if (ind == 0 && tk_play_heading(l->s, l->len, &a, &b)) {
            c->heads++;
            prev_indented = 1; /* a speech may start after it */
            prev_ts = 0;
            continue;
        }
        if (tk_timestamp_line(l->s, l->len)) {
            c->ts++;
            prev_ts = 1;
            continue;
        }
        if (!u.reported && reported(l->s, l->len)) /* once a unit is enough */
            u.reported = 1;
        if (start && (ind == 0 || para))
            unit_start(L, i, para ? ind : 0, g, names, c, &u);
        else if (start && ind > TK_TH_PARA_INDENT_MAX && ind <= TK_TH_PLAY_HEAD_MAX_INDENT &&
                 centred_name(L, i, ind, g, names, c))
            c->centred++;
        else if (para_indent == 0 && ind > 0 && ind <= TK_TH_PARA_INDENT_MAX &&
                 indented_label(l, ind, g))
            c->indented_labels[ind]++;
        prev_ts = 0;
    }
    if (open)
        unit_end(L, &u, i, c);
    c->prose_out += c->prose_tail;
    c->reported_out += c->reported_tail;
    free(names);
}

/* The number a line opens with, printed as a line number is (1 to 3 digits, then a space, a
 * tab or the line's end: "14       Q.   Where ..."), -1 when none. */
static long line_number(const tk_line *l)
{
    size_t i = tk_line_indent(l), d = i;
    long v = 0;
    while (d < l->len && d - i < 3 && isdigit((unsigned char)l->s[d]))
        v = v * 10 + (l->s[d++] - '0');
    if (d == i || (d < l->len && l->s[d] != ' ' && l->s[d] != '\t'))
        return -1;
    return v;
}

/* Lines of [from, ...) (the sample) that open with a printed line number counting up by one
 * from the line before, or starting again at 1 (a new page); 0 unless they are most of the
 * non-blank lines (TK_TH_LINE_NUMBERS_MIN of them at least). */
static size_t numbered_lines(const tk_lines *L, size_t from)
{
    size_t counted = 0, lines = 0, bytes = 0;
    long last = -1;
    for (size_t i = from; i < L->n && bytes <= DETECT_MAX_BYTES; i++) {
        const tk_line *l = &L->v[i];
        bytes += l->len + 1;
        if (tk_line_blank(l))
            continue;
        lines++;
        long v = line_number(l);
        if (v >= 1 && (v == last + 1 || v == 1))
            counted++;
        if (v >= 0)
            last = v;
    }
    return counted >= TK_TH_LINE_NUMBERS_MIN && counted * 10 >= lines * TK_TH_LINE_NUMBERS_TENTHS
               ? counted
               : 0;
}

void tk_shape_detect(const tk_lines *L, size_t from, const tk_speakers *g, tk_shape_info *out)
{
    memset(out, 0, sizeof *out);
    counts c;
    out->line_numbers = numbered_lines(L, from);
    detect_pass(L, from, g, 0, &c);
    /* labels after an indent, far more than at the margin: paragraphs that open indented
       ("    Mr. SMITH. text" / "continued at the margin"): read again by that layout */
    size_t pi = 1;
    for (size_t j = 2; j <= TK_TH_PARA_INDENT_MAX; j++)
        if (c.indented_labels[j] > c.indented_labels[pi])
            pi = j;
    /* (not in a play that names its speakers alone or as "Name." at the margin) */
    if (c.indented_labels[pi] >= TK_TH_SHAPE_MIN_REPEATS && c.indented_labels[pi] > 2 * c.cover &&
        c.alone_rep < TK_TH_SHAPE_MIN_REPEATS && c.period_rep < TK_TH_SHAPE_MIN_REPEATS) {
        detect_pass(L, from, g, pi, &c);
        out->para_indent = pi;
    }
    out->paragraphs = c.units;
    /* the evidence, each in [0, 1] */
    double ev[C_COUNT] = {0};
    ev[C_BASE] = 1.0;
    ev[C_LABEL_COVER] = ratio(c.cover, c.units, 1.0);
    if (c.cover >= TK_TH_SHAPE_DENSITY_MIN_LABELS)
        ev[C_LABEL_DENSITY] = ratio(c.cover, c.last_lab - c.first_lab + 1, 1.0) *
                              ratio(c.cover, 6, 1.0);
    /* a count, but only where labels are not lost in a long record (full weight from one
       labelled unit in ten: 23 signature-like lines among 3,153 paragraphs are no turns) */
    ev[C_LABEL_COUNT] = ratio(c.cover, TK_TH_SHAPE_LABEL_COUNT_FULL, 1.0) * ratio(10 * c.cover, c.units, 1.0);
    ev[C_TIMESTAMPS] = ratio(c.ts, c.units, 2.0);
    ev[C_PLAY_HEADINGS] = ratio(c.heads, 1, 1.0);
    ev[C_ALONE_LABELS] = c.alone_rep >= TK_TH_SHAPE_MIN_REPEATS ? ratio(c.alone_rep, c.units, 2.5) : 0.0;
    ev[C_PERIOD_LABELS] = c.period_rep >= TK_TH_SHAPE_MIN_REPEATS ? ratio(c.period_rep, c.units, 2.5) : 0.0;
    ev[C_TAB_ROWS] = ev[C_TAB_TURNS] = c.tabs >= TK_TH_SHAPE_MIN_TAB_ROWS ? ratio(c.tabs, c.units, 2.0) : 0.0;
    ev[C_CAST_LIST] = c.cast > 0 ? 1.0 : 0.0;
    /* turns and act or scene headings together: a play printed with labels (a transcript has
       no scenes); weighs as the labels' density does */
    ev[C_SCENE_TURNS] = c.heads > 0 ? ev[C_LABEL_DENSITY] : 0.0;
    ev[C_STAGE_PARAS] = ratio(c.stage, c.units, 4.0);
    ev[C_REPORTED] = ratio(c.reported_out, c.units, 3.0);
    ev[C_PROSE] = ratio(c.prose_out, c.units, 2.0);
    double score[4] = {0};
    for (int k = 0; k < C_COUNT; k++)
        score[cues[k].shape] += ev[k] * cues[k].weight;
    tk_shape best = TK_SHAPE_RECORD, second;
    for (int s = 1; s < 4; s++)
        if (score[s] > score[best])
            best = (tk_shape)s;
    second = best == TK_SHAPE_RECORD ? TK_SHAPE_TRANSCRIPT : TK_SHAPE_RECORD;
    for (int s = 1; s < 4; s++)
        if (s != (int)best && score[s] > score[second])
            second = (tk_shape)s;
    out->shape = best;
    out->runner_up = second;
    out->score = (int)(score[best] + 0.5);
    out->runner_score = (int)(score[second] + 0.5);
    /* what the body accepts as a label, from what the text showed */
    out->forms = TK_LF_COLON | TK_LF_ALONE;
    if (c.spaced >= 2)
        out->forms |= TK_LF_SPACED;
    if (c.tabs >= 2)
        out->forms |= TK_LF_TAB;
    if (c.hearing >= 2)
        out->forms |= TK_LF_PERIOD | TK_LF_HEARING;
    if (c.chat >= 2)
        out->forms |= TK_LF_CHAT;
    out->mixed_ok = c.caps_cover < 4 || c.mixed_rep * 4 >= c.caps_cover;
    out->play_indented = c.indented_after * 2 > c.alone_all && c.indented_after >= 2;
    out->centred = c.centred >= TK_TH_SHAPE_MIN_REPEATS && c.centred * 2 > c.alone_all;
    if (best == TK_SHAPE_PLAY) {
        /* the forms this play uses (the colon too only when its speeches have it: a
           "Title: ..." header line is no speech) */
        out->forms = c.caps_cover + c.mixed_rep >= 4 ? TK_LF_COLON : 0;
        if (c.tabs >= 2)
            out->forms |= TK_LF_TAB;
        if (c.period_rep >= 4)
            out->forms |= TK_LF_PERIOD;
        if (c.alone_rep >= 4)
            out->forms |= TK_LF_PERIOD | TK_LF_BARE | TK_LF_ALONE;
        if (out->forms == 0)
            out->forms = TK_LF_COLON | TK_LF_PERIOD | TK_LF_TAB | TK_LF_BARE | TK_LF_ALONE;
        out->mixed_ok = 1;
    }
    size_t w = 0;
    for (int k = 1; k < C_COUNT && w + 60 < sizeof out->evidence; k++)
        if (ev[k] > 0.005)
            w += (size_t)snprintf(out->evidence + w, sizeof out->evidence - w, "%s%s %s +%d",
                                  w ? ", " : "", cues[k].name, shape_names[cues[k].shape],
                                  (int)(ev[k] * cues[k].weight + 0.5));
    snprintf(out->counts, sizeof out->counts,
             "%zu paragraphs or speeches%s, %zu labelled (%zu ALL-CAPS 'NAME:', %zu repeated "
             "mixed-case, %zu spaced, %zu TAB, %zu alone with ':', %zu 'Mr. SMITH.'/'Q.', %zu '<nick>'), "
             "%zu repeated names alone "
             "(%zu before indented speech, %zu centred), %zu repeated 'Name.', %zu timestamps, %zu "
             "act/scene headings, %zu stage paragraphs, %zu reported speech and %zu long "
             "unlabelled outside the turns",
             c.units, out->para_indent ? " (opening indented)" : "", c.cover, c.caps_cover, c.mixed_rep, c.spaced, c.tabs, c.colon_alone,
             c.hearing, c.chat,
             c.alone_rep, c.indented_after, c.centred, c.period_rep, c.ts, c.heads, c.stage,
             c.reported_out, c.prose_out);
}

const char *tk_shape_name(tk_shape s)
{
    return (unsigned)s < sizeof shape_names / sizeof *shape_names ? shape_names[s] : "?";
}

/* The shape as a noun phrase for sentences ("read as %s"): "a record", but "captions". */
const char *tk_shape_phrase(tk_shape s)
{
    static const char *const phrases[] = {"an undetected shape", "a record", "a transcript",
                                          "a play", "captions"};
    return (unsigned)s < sizeof phrases / sizeof *phrases ? phrases[s] : "an unknown shape";
}
