/* rules.c: the bracket rule table: built-in rules and `--rules FILE`, parsed from one text
 * format (docs/rules.md), and the glob matcher that picks the rule for a bracket. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tk_internal.h"

/* The built-in table, in the rules-file format. Order matters: the first match wins.
 * NAME  PATTERN  [FLAGS]  ->  ENCODING      (see docs/rules.md) */
static const char *const builtin_rules[] = {
    /* sic, with or without a correction */
    "sic             [sic]                      nocase   -> @sic",
    "sic-dot         [sic.]                     nocase   -> @sic",
    "sic-corr        [sic, *]                   nocase   -> @sic-corr",
    "sic-corr-dot    [sic. *]                   nocase   -> @sic-corr",
    "sic-corr-colon  [sic: *]                   nocase   -> @sic-corr",
    "sic-corr-semi   [sic; *]                   nocase   -> @sic-corr",
    /* page breaks (FRUS on history.state.gov) */
    "page            [Page #]                            -> @pb",
    /* footnote markers: [9], [*], [†] (attached or confirmed by a notes section) */
    "footnote        [#]                                 -> @footnote",
    "footnote-star   [\\*]                               -> @footnote",
    "footnote-dagger [†]                                 -> @footnote",
    "footnote-ddag   [‡]                                 -> @footnote",
    "footnote-sect   [§]                                 -> @footnote",
    "footnote-paren  (#)                        attached -> @footnote",
    /* timestamps: NASA [DD:HH:MM:SS] (negative before lift-off), [HH:MM:SS], [MM:SS] */
    "timestamp       [#:#:#:#]                           -> @timestamp",
    "timestamp-neg   [-#:#:#:#]                          -> @timestamp",
    "timestamp-hms   [#:#:#]                             -> @timestamp",
    "timestamp-ms    [#:#]                               -> @timestamp",
    "timestamp-paren (#:#:#)                             -> @timestamp",
    /* gaps */
    "illegible       [illegible]                nocase   -> gap reason=illegible {desc:$0}",
    "inaudible       [inaudible]                nocase   -> gap reason=inaudible {desc:$0}",
    "inaudible-paren (inaudible)                nocase   -> gap reason=inaudible {desc:$0}",
    "inaudible-pdot  (inaudible.)               nocase   -> gap reason=inaudible {desc:$0}",
    "unclear-gap     [unclear]                  nocase   -> gap reason=unclear {desc:$0}",
    "unclear-pgap    (unclear)                  nocase   -> gap reason=unclear {desc:$0}",
    "garbled         [garbled*]                 nocase   -> gap reason=garbled {desc:$0}",
    "omission        [omission]                 nocase   -> gap reason=omitted {desc:$0}",
    "omission-query  [omission?]                nocase   -> gap reason=omitted cert=low {desc:$0}",
    "omission-app    [apparent omission]        nocase   -> gap reason=omitted {desc:$0}",
    "missing         [missing]                  nocase   -> gap reason=omitted {desc:$0}",
    "ellipsis        [...]                               -> gap reason=omitted {desc:$0}",
    "ellipsis-sp     [. . .]                             -> gap reason=omitted {desc:$0}",
    "ellipsis-char   […]                                 -> gap reason=omitted {desc:$0}",
    /* in a play, an empty bracket between words is a lacuna of the edition (elsewhere it
       stays text with a warning: nothing says what it is) */
    "lacuna          [ ]                 detached play   -> gap reason=omitted {desc:$0}",
    "etc             [etc.]                     nocase   -> gap reason=editorial {desc:$0}",
    "etc-bare        [etc]                      nocase   -> gap reason=editorial {desc:$0}",
    "etc-amp         [&c.]                               -> gap reason=editorial {desc:$0}",
    "gap-count       [# *]                               -> @gap-count",
    /* unclear */
    "unclear         [unclear: *]               nocase   -> unclear reason=illegible prefix=unclear {$1}",
    "query-mark      [?]                                 -> @query",
    "query           [*?]                                -> @query",
    /* sounds and events (spoken transcripts), in [ ] and ( ) */
    "laughter        [laughter]                 nocase   -> vocal {desc:$0}",
    "laughter-p      (laughter)                 nocase   -> vocal {desc:$0}",
    "laughter-pdot   (laughter.)                nocase   -> vocal {desc:$0}",
    "laughs          [laughs]                   nocase   -> vocal {desc:$0}",
    "laughing        [laughing]                 nocase   -> vocal {desc:$0}",
    "laughs-p        (laughs)                   nocase   -> vocal {desc:$0}",
    "coughs          [cough*]                   nocase   -> vocal {desc:$0}",
    "sighs           [sigh*]                    nocase   -> vocal {desc:$0}",
    "crosstalk       [crosstalk]                nocase   -> vocal type=crosstalk {desc:$0}",
    "crosstalk-p     (crosstalk)                nocase   -> vocal type=crosstalk {desc:$0}",
    "applause        [applause]                 nocase   -> incident {desc:$0}",
    "applause-p      (applause)                 nocase   -> incident {desc:$0}",
    "applause-pdot   (applause.)                nocase   -> incident {desc:$0}",
    "noise           [noise]                    nocase   -> incident {desc:$0}",
    "pause           [pause]                             -> pause",
    "pause-long      [long pause]                        -> pause type=long",
    "pause-short     [short pause]                       -> pause type=short",
    /* stage directions printed in brackets inside a speech (plays) */
    "stage-aside     [Aside*]                            -> stage type=delivery {$0}",
    "stage-within    [Within]                            -> stage type=location {$0}",
    "stage-above     [Above]                             -> stage type=location {$0}",
    "stage-beneath   [Beneath]                           -> stage type=location {$0}",
    "stage-behind    [Behind]                            -> stage type=location {$0}",
    "stage-sings     [Sings]                             -> stage type=business {$0}",
    "stage-singing   [Singing]                           -> stage type=business {$0}",
    "stage-reads     [Reads]                             -> stage type=business {$0}",
    "stage-to        [To *]                              -> stage type=delivery {$0}",
    "stage-exit      [Exit*]                             -> stage type=exit {$0}",
    "stage-exeunt    [Exeunt*]                           -> stage type=exit {$0}",
    "stage-enter     [Enter *]                           -> stage type=entrance {$0}",
    /* editorial headings and notes of archival editions (FRUS) */
    "received        [Received *]                        -> note type=editorial subtype=received place=inline {$0}",
    "doc-telegram    [Telegram*]                         -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-translation [Translation*]                      -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-translated  [Translated*]                       -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-paraphrase  [Paraphrase*]                       -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-extract     [Extract*]                          -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-inclosure   [Inclosure*]                        -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-enclosure   [Enclosure*]                        -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-indorsement [Indorsement*]                      -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-memorandum  [Memorandum*]                       -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-cablegram   [Cablegram*]                        -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-circular    [Circular*]                         -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-confid      [Confidential*]                     -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-postscript  [Postscript*]                       -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-untitled    [Untitled]                          -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-transcript  [Transcript*]                       -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-undated     [undated]                           -> note type=editorial subtype=doctype place=inline {$0}",
    "doc-handed      [Handed *]                          -> note type=editorial subtype=transmission place=inline {$0}",
    "doc-sent        [Sent *]                            -> note type=editorial subtype=transmission place=inline {$0}",
    "doc-here        [Here follow*]                      -> note type=editorial subtype=omission place=inline {$0}",
    "doc-footnote    [Footnote in the original*]         -> note type=editorial place=inline {$0}",
    "seal            [seal*]                             -> note type=editorial subtype=seal place=inline {$0}",
    "seal-cap        [Seal*]                             -> note type=editorial subtype=seal place=inline {$0}",
    "seal-upper      [SEAL*]                             -> note type=editorial subtype=seal place=inline {$0}",
    "seal-notarial   [NOTARIAL SEAL*]                    -> note type=editorial subtype=seal place=inline {$0}",
    "seal-ls         [l. s.]                    nocase   -> note type=editorial subtype=seal place=inline {$0}",
    /* editors' statements in archival records: not words supplied to the text */
    "matter-omitted  [matter omitted]           nocase   -> gap reason=omitted {desc:$0}",
    "text-omitted    [* omitted]                nocase   -> gap reason=omitted {desc:$0}",
    "text-omitted-d  [* omitted.]               nocase   -> gap reason=omitted {desc:$0}",
    "not-present     [not present]              nocase   -> note type=editorial subtype=attendance place=inline {$0}",
    "none            [None]                              -> note type=editorial place=inline {$0}",
    "no-date         [no date]                  nocase   -> note type=editorial subtype=date place=inline {$0}",
    "n-d             [n.d.]                     nocase   -> note type=editorial subtype=date place=inline {$0}",
    "end-of          [End *]                             -> note type=editorial subtype=doctype place=inline {$0}",
    "agreed          [Agreed*]                           -> note type=editorial subtype=decision place=inline {$0}",
    "approved        [Approved*]                         -> note type=editorial subtype=decision place=inline {$0}",
    "signed          [Signed]                   nocase   -> note type=editorial subtype=signed place=inline {$0}",
    /* in a play, any other square bracket of words after a space is a stage direction
       ([Sings drunkenly]) */
    /* a number sign is no direction: an e-book's header ("[eBook #844]") */
    "number-sign     [*\\#*]             detached play   -> @text",
    "stage-play      [*]                 detached play   -> stage {$0}",
    /* in a play, a sentence of words in parentheses ("(Sitting down.)", "(_To Jack._)"), or
       a cue ("(Aside)", "(To Jack)"), is a direction too; "(Ltd.)", "(his mother)" are not */
    "stage-paren     (* *.)              detached play   -> stage {$0}",
    "stage-paren-it  (_* *._)            detached play   -> stage {$0}",
    "stage-paren-cue (Aside*)            detached play   -> stage type=delivery {$0}",
    "stage-paren-to  (To *)              detached play   -> stage type=delivery {$0}",
    /* a pronoun and what it does, in lower case ("(he points)", "(they sit down)") */
    "stage-paren-he  (he *)              detached play   -> stage {$0}",
    "stage-paren-she (she *)             detached play   -> stage {$0}",
    "stage-paren-they (they *)           detached play   -> stage {$0}",
    /* in a play, words in _italics_ (an e-book's markup) inside a speech are a direction
       ("Nora<TAB>_Busy with the parcels._ Yes, it is!") */
    "stage-italic    _*_                 detached play   -> stage {$0}",
    /* not editorial: web-page debris, kept as text */
    "email-debris    [email*protected]                    -> @text",
    /* everything else made of words: supplied word(s) or a gloss (inlines.c decides) */
    "attached        [*]                        attached -> @expan",
    "words           [*]                                 -> @guess",
};

struct tk_rules {
    tk_rule *v;
    size_t n, cap;
    size_t n_user;   /* the first n_user rules come from the file */
    int date_order;
    int play;        /* the document is a play: rules flagged `play` apply */
    char **words[TK_WORDS_COUNT]; /* label-role, label-not, stage-cue, event phrases (speakers.c) */
    size_t n_words[TK_WORDS_COUNT];
    /* the rules that may match an inner text starting with byte b, in order:
       by_first[first[b]..first[b + 1]) (b = 256: an empty inner text); NULL: try all */
    unsigned *by_first;
    size_t first[258];
};

/* Directives of a rules file that extend the speaker-label word tables (speakers.c). */
static const char *const word_directives[TK_WORDS_COUNT] = {
    [TK_WORDS_ROLE] = "label-role", [TK_WORDS_NOT_LABEL] = "label-not",
    [TK_WORDS_STAGE] = "stage-cue", [TK_WORDS_EVENT] = "event"};

const char *const *tk_rules_words(const tk_rules *r, int kind, size_t *n)
{
    *n = r->n_words[kind];
    return (const char *const *)r->words[kind];
}

/* encoder names after '@' */
static const char *const enc_names[TK_ENC_COUNT] = {
    [TK_ENC_ELEMENT] = "", [TK_ENC_SIC] = "sic", [TK_ENC_SIC_CORR] = "sic-corr",
    [TK_ENC_EXPAN] = "expan", [TK_ENC_FOOTNOTE] = "footnote", [TK_ENC_TIMESTAMP] = "timestamp",
    [TK_ENC_PB] = "pb", [TK_ENC_GAP_COUNT] = "gap-count", [TK_ENC_QUERY] = "query",
    [TK_ENC_GUESS] = "guess", [TK_ENC_TEXT] = "text",
};
_Static_assert(sizeof enc_names / sizeof *enc_names == TK_ENC_COUNT, "one name per encoder");

/* Elements a rule may build: inline elements valid inside p, l, head, item, note. */
static const char *const allowed_elements[] = {
    "abbr", "add", "corr", "date", "del", "foreign", "gap", "hi", "incident", "kinesic",
    "label", "measure", "name", "note", "num", "orgName", "pause", "persName", "placeName",
    "q", "rs", "seg", "sic", "stage", "supplied", "term", "time", "unclear", "vocal",
};

static const struct {
    const char *name;
    unsigned flag;
} flag_names[] = {
    {"nocase", TK_RF_NOCASE}, {"attached", TK_RF_ATTACHED}, {"detached", TK_RF_DETACHED},
    {"play", TK_RF_PLAY},
    {"bare", TK_RF_BARE},
};

static void rule_clear(tk_rule *r)
{
    free(r->name);
    free(r->pat);
    free(r->element);
    if (r->attrs != NULL)
        for (char **a = r->attrs; *a != NULL; a++)
            free(*a);
    free(r->attrs);
}

void tk_rules_free(tk_rules *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++)
        rule_clear(&r->v[i]);
    for (int k = 0; k < TK_WORDS_COUNT; k++) {
        for (size_t i = 0; i < r->n_words[k]; i++)
            free(r->words[k][i]);
        free(r->words[k]);
    }
    free(r->v);
    free(r->by_first);
    free(r);
}

static char *dupn(const char *s, size_t n)
{
    char *d = tk_xmalloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static const char *word_end(const char *p, const char *end)
{
    while (p < end && *p != ' ' && *p != '\t')
        p++;
    return p;
}

/* Parses the encoding part ("@name" or "element a=v ... {spec} [bare]") into r.
 * Returns NULL on success or a message. */
static const char *parse_encoding(const char *p, const char *end, tk_rule *r)
{
    r->content = -1;
    p = skip_ws(p, end);
    if (p >= end)
        return "missing encoding after '->'";
    if (*p == '@') {
        const char *e = word_end(p + 1, end);
        for (int i = 1; i < TK_ENC_COUNT; i++)
            if (strlen(enc_names[i]) == (size_t)(e - p - 1) &&
                memcmp(enc_names[i], p + 1, (size_t)(e - p - 1)) == 0) {
                r->enc = (tk_enc)i;
                return skip_ws(e, end) == end ? NULL : "text after the encoder name";
            }
        return "unknown encoder (see docs/rules.md)";
    }
    r->enc = TK_ENC_ELEMENT;
    const char *e = word_end(p, end);
    size_t nl = (size_t)(e - p);
    int ok = 0;
    for (size_t i = 0; i < sizeof allowed_elements / sizeof *allowed_elements; i++)
        if (strlen(allowed_elements[i]) == nl && memcmp(allowed_elements[i], p, nl) == 0)
            ok = 1;
    if (!ok)
        return "element not allowed in a rule (see docs/rules.md)";
    r->element = dupn(p, nl);
    size_t na = 0;
    r->attrs = tk_xcalloc(1, sizeof(char *));
    if (r->element == NULL || r->attrs == NULL)
        return "out of memory";
    for (p = skip_ws(e, end); p < end; p = skip_ws(p, end)) {
        if (*p == '{') {
            const char *c = memchr(p, '}', (size_t)(end - p));
            if (c == NULL)
                return "missing '}'";
            const char *q = p + 1;
            if ((size_t)(c - q) >= 5 && memcmp(q, "desc:", 5) == 0) {
                r->flags |= TK_RF_DESC;
                q += 5;
            }
            if (q < c) {
                if (c - q != 2 || q[0] != '$' || q[1] < '0' || q[1] > '0' + TK_RULE_CAPS)
                    return "content must be {$N} or {desc:$N}";
                r->content = q[1] - '0';
            }
            p = c + 1;
            continue;
        }
        const char *we = word_end(p, end);
        const char *eq = memchr(p, '=', (size_t)(we - p));
        if (eq == NULL) {
            if (we - p == 4 && memcmp(p, "bare", 4) == 0) {
                r->flags |= TK_RF_BARE;
                p = we;
                continue;
            }
            return "expected attr=value, {content} or 'bare'";
        }
        const char *vs = eq + 1, *ve = we;
        if (vs < end && *vs == '"') {
            const char *q = memchr(vs + 1, '"', (size_t)(end - vs - 1));
            if (q == NULL)
                return "missing closing '\"'";
            ve = q;
            vs++;
            we = q + 1;
        }
        if (eq == p)
            return "attribute without name";
        char **na2 = tk_xrealloc(r->attrs, (na + 3) * sizeof(char *));
        if (na2 == NULL)
            return "out of memory";
        r->attrs = na2;
        r->attrs[na] = dupn(p, (size_t)(eq - p));
        r->attrs[na + 1] = dupn(vs, (size_t)(ve - vs));
        r->attrs[na + 2] = NULL;
        na += 2;
        p = we;
    }
    return NULL;
}

/* Parses one rule line into r. Returns NULL or a message; *col gets the column of trouble. */
static const char *parse_rule(const char *line, size_t len, tk_rule *r, unsigned *col)
{
    const char *end = line + len, *p = skip_ws(line, end);
    memset(r, 0, sizeof *r);
    *col = (unsigned)(p - line) + 1;
    const char *ne = word_end(p, end);
    if (ne == p)
        return "missing rule name";
    r->name = dupn(p, (size_t)(ne - p));
    const char *arrow = NULL;
    for (const char *q = ne; q + 1 < end; q++)
        if (q[0] == '-' && q[1] == '>' && (q == line || q[-1] == ' ' || q[-1] == '\t'))
            arrow = q; /* the last ' ->' (patterns may contain '->') */
    p = skip_ws(ne, end);
    *col = (unsigned)(p - line) + 1;
    if (p < end && strncmp(p, "off", 3) == 0 && skip_ws(p + 3, end) == end) {
        r->enc = TK_ENC_COUNT; /* disables the built-in rule of this name */
        return NULL;
    }
    if (arrow == NULL)
        return "missing '->'";
    if (p >= arrow || (*p != '[' && *p != '(' && *p != '_'))
        return "pattern must start with '[', '(' or '_'";
    r->open = *p;
    r->close = *p == '[' ? ']' : *p == '(' ? ')' : '_'; /* _italics_ of an e-book */
    /* the pattern ends at the last closing bracket before the flags and the arrow */
    const char *pe = NULL;
    for (const char *q = p + 1; q < arrow; q++)
        if (*q == r->close && (q + 1 == arrow || q[1] == ' ' || q[1] == '\t'))
            pe = q;
    if (pe == NULL)
        return "pattern has no closing bracket";
    r->pat = dupn(p + 1, (size_t)(pe - p - 1));
    if (r->pat == NULL || r->pat[0] == '\0')
        return "empty pattern";
    for (const char *q = skip_ws(pe + 1, arrow); q < arrow; q = skip_ws(q, arrow)) {
        const char *we = word_end(q, arrow);
        size_t i;
        for (i = 0; i < sizeof flag_names / sizeof *flag_names; i++)
            if (strlen(flag_names[i].name) == (size_t)(we - q) &&
                memcmp(flag_names[i].name, q, (size_t)(we - q)) == 0)
                break;
        if (i == sizeof flag_names / sizeof *flag_names) {
            *col = (unsigned)(q - line) + 1;
            return "unknown flag (nocase, attached, detached, bare)";
        }
        r->flags |= flag_names[i].flag;
        q = we;
    }
    unsigned ncap = 0;
    for (const char *q = r->pat; *q; q++) {
        if (*q == '\\' && q[1] != '\0')
            q++;
        else if (*q == '*' || *q == '#')
            ncap++;
    }
    if (ncap > TK_RULE_CAPS)
        return "more than 4 wildcards in a pattern";
    *col = (unsigned)(skip_ws(arrow + 2, end) - line) + 1;
    const char *msg = parse_encoding(arrow + 2, end, r);
    if (msg == NULL && r->content > (int)ncap)
        msg = "content names a capture the pattern does not have";
    if (msg == NULL && r->attrs != NULL)
        for (char **a = r->attrs; *a != NULL; a += 2)
            for (const char *v = a[1]; *v; v++)
                if (*v == '$' && (v[1] < '0' || v[1] - '0' > (int)ncap))
                    msg = "attribute value names a capture the pattern does not have";
    /* prefix=WORD becomes the @rend token prefixed-WORD, which teikit.rng allows only as
       letters and digits */
    if (msg == NULL && r->attrs != NULL)
        for (char **a = r->attrs; *a != NULL; a += 2)
            if (strcmp(a[0], "prefix") == 0) {
                const unsigned char *v = (const unsigned char *)a[1];
                int ok = *v != '\0';
                for (; *v && ok; v++)
                    ok = (*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
                         (*v >= '0' && *v <= '9');
                if (!ok)
                    msg = "prefix= takes a word of ASCII letters and digits";
            }
    return msg;
}

static int push_rule(tk_rules *rs, tk_rule *r)
{
    if (rs->n == rs->cap) {
        size_t nc = rs->cap ? rs->cap * 2 : 128;
        tk_rule *nv = tk_xrealloc(rs->v, nc * sizeof *nv);
        if (nv == NULL)
            return -1;
        rs->v = nv;
        rs->cap = nc;
    }
    rs->v[rs->n++] = *r;
    return 0;
}

/* Reads the rules file into rs (before the built-in rules). 0 or -1 (reported). */
/* The word table a directive line names (label-role, label-not, stage-cue, event), -1 if none. */
static int word_directive(const char *s, const char *end)
{
    for (int k = 0; k < TK_WORDS_COUNT; k++) {
        size_t m = strlen(word_directives[k]);
        if ((size_t)(end - s) > m && memcmp(s, word_directives[k], m) == 0 &&
            (s[m] == ' ' || s[m] == '\t'))
            return k;
    }
    return -1;
}

/* Adds the phrase s..end (trimmed) to word table k; -1 when empty or out of memory. */
static int add_word(tk_rules *rs, int k, const char *s, const char *end)
{
    s = skip_ws(s, end);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end == s)
        return -1;
    char **g = tk_xrealloc(rs->words[k], (rs->n_words[k] + 1) * sizeof *g);
    if (g == NULL)
        return -1;
    rs->words[k] = g;
    if ((g[rs->n_words[k]] = dupn(s, (size_t)(end - s))) == NULL)
        return -1;
    rs->n_words[k]++;
    return 0;
}

static int load_file(tk_rules *rs, const char *path, tk_diag *d)
{
    size_t len = 0;
    char *buf = tk_read_file(path, &len, d);
    if (buf == NULL)
        return -1;
    int status = 0;
    unsigned lineno = 0;
    for (char *p = buf, *end = buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl != NULL ? nl : end;
        size_t n = (size_t)(le - p);
        lineno++;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        const char *s = skip_ws(p, p + n);
        if (s < p + n && *s != '#') {
            int wk = word_directive(s, p + n);
            if (wk >= 0) {
                if (add_word(rs, wk, s + strlen(word_directives[wk]), p + n) != 0) {
                    TK_MSG(d, RULES_NO_WORD, path, lineno, (unsigned)(s - p) + 1, word_directives[wk]);
                    status = -1;
                }
            } else if ((size_t)(p + n - s) > 10 && memcmp(s, "date-order", 10) == 0) {
                const char *v = skip_ws(s + 10, p + n);
                if (p + n - v == 3 && (memcmp(v, "dmy", 3) == 0 || memcmp(v, "mdy", 3) == 0))
                    rs->date_order = v[0] == 'm' ? TK_DATE_MDY : TK_DATE_DMY;
                else {
                    TK_MSG(d, RULES_DATE_ORDER, path, lineno, (unsigned)(v - p) + 1);
                    status = -1;
                }
            } else {
                tk_rule r;
                unsigned col = 1;
                const char *msg = parse_rule(p, n, &r, &col);
                if (msg != NULL) {
                    TK_MSG(d, RULES, path, lineno, col, msg);
                    rule_clear(&r);
                    status = -1;
                } else {
                    r.origin = (int)lineno;
                    if (push_rule(rs, &r) != 0) {
                        rule_clear(&r);
                        TK_MSG(d, OOM, path, lineno, 0);
                        status = -1;
                        break;
                    }
                }
            }
        }
        p = nl != NULL ? nl + 1 : end;
    }
    free(buf);
    return status;
}

/* Can rule ru match an inner text whose first byte is b (-1: the text is empty)? Its
 * pattern's first character decides when it is a literal. */
static int may_start(const tk_rule *ru, int b)
{
    if (ru->enc == TK_ENC_COUNT || ru->pat == NULL) /* a rule turned off */
        return 0;
    char c0 = ru->pat[0];
    if (c0 == '*' || c0 == '#' || c0 == '\\')
        return 1;
    if (b < 0)
        return 0;
    int a = (unsigned char)c0;
    return a == b ||
           ((ru->flags & TK_RF_NOCASE) && a < 128 && b < 128 && tolower(a) == tolower(b));
}

/* Builds rs->by_first (a bracket was tried against every rule: hundreds of them); out of
 * memory aborts (tk_alloc.h's policy). */
static void index_rules(tk_rules *rs)
{
    size_t total = 0;
    for (int b = 0; b <= 256; b++)
        for (size_t i = 0; i < rs->n; i++)
            total += (size_t)may_start(&rs->v[i], b < 256 ? b : -1);
    rs->by_first = tk_xmalloc((total ? total : 1) * sizeof *rs->by_first);
    size_t k = 0;
    for (int b = 0; b <= 256; b++) {
        rs->first[b] = k;
        for (size_t i = 0; i < rs->n; i++)
            if (may_start(&rs->v[i], b < 256 ? b : -1))
                rs->by_first[k++] = (unsigned)i;
    }
    rs->first[257] = k;
}

tk_rules *tk_rules_new(const char *path, tk_diag *d)
{
    tk_rules *rs = tk_xcalloc(1, sizeof *rs);
    if (rs == NULL)
        return NULL;
    if (path != NULL && load_file(rs, path, d) != 0)
        goto fail;
    rs->n_user = rs->n;
    for (size_t i = 0; i < sizeof builtin_rules / sizeof *builtin_rules; i++) {
        tk_rule r;
        unsigned col;
        const char *msg = parse_rule(builtin_rules[i], strlen(builtin_rules[i]), &r, &col);
        if (msg != NULL) { /* a bug in the table above; test_rules checks every entry */
            TK_MSG(d, RULES_BUILTIN, "<built-in rules>", (unsigned)i + 1, col, msg);
            rule_clear(&r);
            goto fail;
        }
        int disabled = 0;
        for (size_t k = 0; k < rs->n_user; k++)
            if (strcmp(rs->v[k].name, r.name) == 0)
                disabled = 1; /* a file rule of the same name replaces (or turns off) it */
        if (disabled || push_rule(rs, &r) != 0)
            rule_clear(&r);
    }
    index_rules(rs);
    return rs;
fail:
    tk_rules_free(rs);
    return NULL;
}

void tk_rules_set_date_order(tk_rules *r, int order) { r->date_order = order; }
int tk_rules_date_order(const tk_rules *r) { return r->date_order; }
void tk_rules_set_play(tk_rules *r, int on) { r->play = on; }
size_t tk_rules_count(const tk_rules *r) { return r->n; }
const tk_rule *tk_rules_at(const tk_rules *r, size_t i) { return i < r->n ? &r->v[i] : NULL; }

/* One element of a compiled glob: a literal byte, '*' or '#'. */
struct gtok {
    char kind; /* 'c' literal, '*', '#' */
    unsigned char c;
};

static int gtok_eq(const struct gtok *t, unsigned char b, int nocase)
{
    return t->c == b || (nocase && t->c < 128 && b < 128 && tolower(t->c) == tolower(b));
}

static int is_digit_byte(char c) { return c >= '0' && c <= '9'; }

/* A quick test before the table of glob: 0 when the tokens tok[0..nt) (between the literal
 * prefix and suffix) cannot match s[0..n) because a literal of theirs is no byte of s, or a
 * '#' finds no digit there (each literal matches one byte of s, each '#' one digit or more). */
static int middle_may_match(const struct gtok *tok, size_t nt, const char *s, size_t n,
                            int nocase)
{
    unsigned char present[256] = {0};
    for (size_t i = 0; i < n; i++)
        present[(unsigned char)s[i]] = 1;
    int digit = 0;
    for (unsigned c = '0'; c <= '9'; c++)
        digit |= present[c];
    for (size_t k = 0; k < nt; k++) {
        unsigned char c = tok[k].c;
        if (tok[k].kind == '#' && !digit)
            return 0;
        if (tok[k].kind == 'c' && !present[c] &&
            !(nocase && c < 128 && (present[tolower(c)] || present[toupper(c)])))
            return 0;
    }
    return 1;
}

/* Glob match of pattern p against s[0..n) with captures, in time linear in n (times the
 * pattern's length; a backtracking matcher took O(n^4) with four wildcards). The captures
 * are those backtracking would give: `*` as short as possible (a trailing `*` takes the rest),
 * `#` as long as possible, left to right. ok[k][i] (a table of the pattern's tokens by text
 * positions) says whether tokens k.. match s[i..n); the captures are then read off it
 * left to right. Returns 1 on a match. */
static int glob(const char *p, const char *s, size_t n, int nocase, tk_rule_match *m)
{
    struct gtok tok_buf[64], *tok = tok_buf;
    unsigned char ok_buf[4096], *ok = ok_buf;
    size_t plen = strlen(p), nt = 0;
    int rc = 0;
    if (plen > sizeof tok_buf / sizeof *tok_buf && (tok = tk_xmalloc(plen * sizeof *tok)) == NULL)
        return 0;
    for (size_t i = 0; p[i] != '\0'; i++) {
        if (p[i] == '\\' && p[i + 1] != '\0')
            tok[nt++] = (struct gtok){'c', (unsigned char)p[++i]};
        else if (p[i] == '*' || p[i] == '#')
            tok[nt++] = (struct gtok){p[i], 0};
        else
            tok[nt++] = (struct gtok){'c', (unsigned char)p[i]};
    }
    /* literal prefix and suffix first: most rules fail there at once */
    size_t pre = 0, suf = 0;
    while (pre < nt && tok[pre].kind == 'c') {
        if (pre >= n || !gtok_eq(&tok[pre], (unsigned char)s[pre], nocase))
            goto out;
        pre++;
    }
    if (pre == nt) {
        rc = n == nt;
        goto out;
    }
    while (suf < nt - pre && tok[nt - 1 - suf].kind == 'c') {
        if (suf >= n - pre || !gtok_eq(&tok[nt - 1 - suf], (unsigned char)s[n - 1 - suf], nocase))
            goto out;
        suf++;
    }
    if (pre + suf + 1 == nt) { /* one wildcard between them: no search */
        size_t e = n - suf;
        for (size_t i = pre; tok[pre].kind == '#' && i < e; i++)
            if (!is_digit_byte(s[i]))
                goto out;
        if (tok[pre].kind == '#' && e == pre)
            goto out;
        m->cap_start[1] = pre;
        m->cap_end[1] = e;
        rc = 1;
        goto out;
    }
    if (!middle_may_match(tok + pre, nt - pre - suf, s + pre, n - suf - pre, nocase))
        goto out;
    size_t w = n + 2; /* row width: positions 0..n, and n+1 (past the end) always 0 */
    size_t rows = nt + 1;
    if (rows > SIZE_MAX / w)
        goto out;
    if (rows * w > sizeof ok_buf && (ok = tk_xmalloc(rows * w)) == NULL)
        goto out;
#define OK(k, i) ok[(k) * w + (i)]
    for (size_t i = 0; i < w; i++)
        OK(nt, i) = i == n;
    for (size_t k = nt; k-- > 0;) {
        OK(k, n + 1) = 0;
        for (size_t i = n + 1; i-- > 0;) {
            switch (tok[k].kind) {
            case '*':
                OK(k, i) = OK(k + 1, i) || OK(k, i + 1);
                break;
            case '#':
                OK(k, i) = i < n && is_digit_byte(s[i]) && (OK(k + 1, i + 1) || OK(k, i + 1));
                break;
            default:
                OK(k, i) = i < n && gtok_eq(&tok[k], (unsigned char)s[i], nocase) &&
                           OK(k + 1, i + 1);
            }
        }
    }
    if (!OK(0, 0))
        goto out;
    size_t i = 0;
    int cap = 0;
    for (size_t k = 0; k < nt; k++) {
        size_t j;
        if (tok[k].kind == 'c') {
            i++;
            continue;
        }
        if (tok[k].kind == '*') { /* the shortest that lets the rest match */
            for (j = i; !OK(k + 1, j); j++)
                ;
        } else { /* the longest run of digits that lets the rest match */
            size_t e = i;
            while (e < n && is_digit_byte(s[e]))
                e++;
            for (j = e; !OK(k + 1, j); j--)
                ;
        }
        cap++;
        if (cap <= TK_RULE_CAPS) {
            m->cap_start[cap] = i;
            m->cap_end[cap] = j;
        }
        i = j;
    }
#undef OK
    rc = 1;
out:
    if (tok != tok_buf)
        free(tok);
    if (ok != ok_buf)
        free(ok);
    return rc;
}

int tk_rules_match(const tk_rules *r, char open, const char *inner, size_t n, int how,
                   tk_rule_match *m)
{
    int attached = how & 1;
    size_t b0 = n > 0 ? (unsigned char)inner[0] : 256;
    size_t from = r->by_first != NULL ? r->first[b0] : 0;
    size_t to = r->by_first != NULL ? r->first[b0 + 1] : r->n;
    for (size_t k = from; k < to; k++) {
        const tk_rule *ru = &r->v[r->by_first != NULL ? r->by_first[k] : k];
        if (ru->open != open || ru->enc == TK_ENC_COUNT)
            continue;
        if ((ru->flags & TK_RF_ATTACHED) && !attached)
            continue;
        if ((ru->flags & TK_RF_PLAY) && (!r->play || (how & TK_BR_GLUED)))
            continue;
        if ((ru->flags & TK_RF_DETACHED) && attached)
            continue;
        /* quick reject on a literal first character (by_first has done it, if built) */
        char c0 = ru->pat[0];
        if (c0 != '*' && c0 != '#' && c0 != '\\') {
            if (n == 0)
                continue;
            unsigned char a = (unsigned char)c0, b = (unsigned char)inner[0];
            if (a != b && !((ru->flags & TK_RF_NOCASE) && a < 128 && b < 128 &&
                            tolower(a) == tolower(b)))
                continue;
        }
        memset(m, 0, sizeof *m);
        if (glob(ru->pat, inner, n, ru->flags & TK_RF_NOCASE, m)) {
            m->rule = ru;
            m->cap_start[0] = 0;
            m->cap_end[0] = n;
            return 1;
        }
    }
    return 0;
}
