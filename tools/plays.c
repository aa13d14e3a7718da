/* plays.c: proceedings and plays turned into blocks (cast lists, acts and scenes, speeches,
 * stage directions). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"
#include "blocks_internal.h"

/* ------------------------------------------------------------------ proceedings, plays */

/* A paragraph that is wholly an editorial event or direction: in parentheses or square
 * brackets from its first character to its last ("(Laughter.)", "[Whereupon ...]"). */
int tk_bp_event_para(const tk_lines *L, const para *p)
{
    const tk_line *f = &L->v[p->first], *e = &L->v[p->first + p->n - 1];
    size_t n = rtrim_len(e->s, e->len), a = indent_of(f); /* (indented: "    [Whereupon ...]") */
    if (f->len < a + 3 || n == 0)
        return 0;
    char open = f->s[a], close = open == '(' ? ')' : open == '[' ? ']' : 0;
    if (close == 0)
        return 0;
    /* the closing bracket ends the paragraph (a final '.' may follow it) */
    if (e->s[n - 1] == '.' && n >= 2)
        n--;
    if (e->s[n - 1] != close)
        return 0;
    /* one bracket: no closing one before the end ("(a) ... (b)" is no event) */
    int depth = 0;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        size_t m = i == p->first + p->n - 1 ? n - 1 : l->len;
        for (size_t k = 0; k < m; k++) {
            depth += l->s[k] == open;
            if (l->s[k] == close && --depth <= 0)
                return 0;
        }
    }
    return 1;
}

/* 1 when paragraph p is an event of the proceedings: wholly in brackets (tk_bp_event_para),
 * or one short sentence opening with a phrase of the event table ("The meeting rose at 4.05
 * p.m.", "Question put and agreed to."). */
int tk_bp_proceeding_para(parser *P, const para *p)
{
    const tk_lines *L = P->lines;
    if (tk_bp_event_para(L, p))
        return 1;
    const tk_line *f = &L->v[p->first], *e = &L->v[p->first + p->n - 1];
    size_t a = indent_of(f), n = rtrim_len(e->s, e->len), bytes = 0, stops = 0;
    if (P->g == NULL || n == 0 || e->s[n - 1] != '.' ||
        tk_speakers_opening(P->g, TK_WORDS_EVENT, f->s + a, f->len - a) == 0)
        return 0;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        bytes += l->len;
        for (size_t k = 0; k + 1 < l->len; k++) /* a sentence ends inside: more than an event */
            stops += (l->s[k] == '.' || l->s[k] == '?' || l->s[k] == '!') && l->s[k + 1] == ' ' &&
                     k + 2 < l->len && is_upper((unsigned char)l->s[k + 2]);
    }
    return bytes <= TK_TH_EVENT_MAX_BYTES && stops == 0;
}

/* 1 when paragraph p is a transcript's heading in capitals, wrapped maybe (a hearing's
 * "STATEMENT OF JOHN DOE, DIRECTOR, OFFICE OF WIDGET SAFETY, DEPARTMENT OF COMMERCE"): at
 * most three lines and TK_TH_CAPS_HEADING_MAX_BYTES, no lower-case ASCII letter, three words
 * or more, no label, not ending in a sentence's or a label's stop. */
int tk_bp_caps_heading(parser *P, const para *p)
{
    const tk_lines *L = P->lines;
    size_t bytes = 0, words = 0;
    tk_label lab;
    if (p->n > 3)
        return 0;
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &L->v[i];
        if (tk_timestamp_line(l->s, l->len) || tk_bp_speaker_label(P, l, &lab) > 0)
            return 0; /* (a time, a label: a turn's lines) */
        for (size_t k = 0; k < l->len; k++) {
            if (is_lower((unsigned char)l->s[k]))
                return 0;
            words += is_upper((unsigned char)l->s[k]) && (k == 0 || l->s[k - 1] == ' ');
        }
        bytes += l->len;
    }
    const tk_line *e = &L->v[p->first + p->n - 1];
    size_t n = rtrim_len(e->s, e->len);
    return words >= 3 && bytes <= TK_TH_CAPS_HEADING_MAX_BYTES && n > 0 &&
           strchr(".:?!)]", e->s[n - 1]) == NULL;
}

/* 1 when line l's speech (after its label) has a lower-case letter: a transcript printed in
 * mixed case, where capitals stand out (in one printed all in capitals they do not). */
int tk_bp_lower_after_label(parser *P, const tk_line *l)
{
    tk_label lab;
    size_t t = tk_bp_speaker_label(P, l, &lab);
    for (size_t k = t; k < l->len; k++)
        if (is_lower((unsigned char)l->s[k]))
            return 1;
    return 0;
}

/* 1 when paragraph q opens a new turn (a label) or a division: what follows an event that
 * stands between turns. */
/* 1 when paragraph q starts with a speaker label or a timestamp (a turn, not a name of a
 * roster). */
int tk_bp_labelled_para(parser *P, const para *q)
{
    const tk_line *l = &P->lines->v[q->first];
    tk_label lab;
    return tk_timestamp_line(l->s, l->len) || tk_bp_speaker_label(P, l, &lab) > 0;
}

int tk_bp_opens_turn(parser *P, const para *q)
{
    const tk_line *l = &P->lines->v[q->first];
    tk_label lab;
    size_t a, b;
    if (tk_timestamp_line(l->s, l->len))
        return 1;
    if (tk_bp_speaker_label(P, l, &lab) > 0)
        return 1;
    return (q->n == 1 && tk_bp_heading_like(l)) || tk_play_heading(l->s, l->len, &a, &b) != 0;
}

/* A play paragraph wholly a stage direction: in square brackets (a long one may be left
 * open) or in _italics_ (the markup of an e-book). */
static int play_stage_para(const tk_lines *L, const para *p)
{
    const tk_line *f = &L->v[p->first], *e = &L->v[p->first + p->n - 1];
    size_t a = indent_of(f), n = rtrim_len(e->s, e->len);
    if (a >= f->len || n == 0)
        return 0;
    if (f->s[a] == '[') {
        if (e->s[n - 1] == ']')
            return 1;
        /* an open bracket running over the whole paragraph: no ']' in it */
        for (size_t i = p->first; i < p->first + p->n; i++)
            if (memchr(L->v[i].s, ']', L->v[i].len) != NULL)
                return 0;
        return e->s[n - 1] == '.' || e->s[n - 1] == '_';
    }
    if (f->s[a] == '_' && a + 1 < f->len && f->s[a + 1] != '_' && f->s[a + 1] != ' ')
        return e->s[n - 1] == '_' || (n >= 2 && e->s[n - 2] == '_' && strchr(".,;:!?", e->s[n - 1]));
    return 0;
}

/* The underscores of paragraph p (an e-book's italics). */
static size_t underscores(const tk_lines *L, const para *p)
{
    size_t n = 0;
    for (size_t i = p->first; i < p->first + p->n; i++)
        for (const char *c = L->v[i].s; (c = memchr(c, '_', (size_t)(L->v[i].s + L->v[i].len - c))) != NULL; c++)
            n++;
    return n;
}

/* 1 when paragraph p opens (dir 1) or closes (dir -1) an _italic_ run with its only
 * underscore: "_A sound is heard ..." at its start, "Curtain._" at its end. */
static int italic_edge(const tk_lines *L, const para *p, int dir)
{
    const tk_line *f = &L->v[p->first], *e = &L->v[p->first + p->n - 1];
    size_t a = indent_of(f), n = rtrim_len(e->s, e->len);
    if (n == 0 || underscores(L, p) != 1)
        return 0;
    if (dir > 0)
        return f->s[a] == '_' && a + 1 < f->len && f->s[a + 1] != ' ';
    return e->s[n - 1] == '_' || (n >= 2 && e->s[n - 2] == '_' && strchr(".,;:!?", e->s[n - 1]));
}

/* 1 when paragraph v[k] belongs to an _italic_ run that an e-book left open over several
 * paragraphs (a direction: "_A sound is heard ... orchard." / "Curtain._"): it opens the
 * run that a paragraph after it closes, or closes one opened before it, or stands between
 * the two, with no other underscore (at most four paragraphs in all). */
static int italic_run_para(const tk_lines *L, const para *v, size_t k, size_t end)
{
    size_t first = k, last = k;
    /* back to the opening paragraph (over the closing one, k, and those without underscore) */
    while (first > 0 && k - first < 4 && !italic_edge(L, &v[first], 1) &&
           (underscores(L, &v[first]) == 0 || (first == k && italic_edge(L, &v[k], -1))))
        first--;
    /* on to the closing paragraph (over the opening one, first, and those without) */
    while (last + 1 < end && last - first < 4 && !italic_edge(L, &v[last], -1) &&
           (underscores(L, &v[last]) == 0 || (last == first && italic_edge(L, &v[last], 1))))
        last++;
    return first < last && italic_edge(L, &v[first], 1) && italic_edge(L, &v[last], -1);
}

/* 1 when s opens with a capital letter of Latin-1 in UTF-8 ("\xc3\x80".."\xc3\x9e": À to Þ,
 * not the sign ×): "LA FLÈCHE", "CLÉANTE". */
static int latin1_upper(const char *s, size_t n)
{
    unsigned char b = n >= 2 ? (unsigned char)s[1] : 0;
    return n >= 2 && (unsigned char)s[0] == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97;
}

/* 1 when line l can be a role of a cast list: short, no sentence ("The action takes place
 * in Helmer's house." is none: five words or more ending in '.', two of them lower-case,
 * unless a name in capitals and a comma open it: "ANNA QUILL, a rope maker."), not in
 * _italics_ or brackets (a direction). */
static int cast_line(const tk_line *l)
{
    size_t a = indent_of(l), n = rtrim_len(l->s, l->len), words = 0, lower = 0;
    if (n <= a || n - a > 80 || l->s[a] == '_' || l->s[a] == '[')
        return 0;
    /* a name in capitals, a comma, its description ("ANNA QUILL, a rope maker.") */
    size_t c = a;
    while (c < n && (is_upper((unsigned char)l->s[c]) || l->s[c] == ' ' || l->s[c] == '.' ||
                     l->s[c] == '-' || l->s[c] == '\'' || latin1_upper(l->s + c, n - c)))
        c += latin1_upper(l->s + c, n - c) ? 2 : 1;
    if (c < n && c >= a + 2 && l->s[c] == ',' && is_upper((unsigned char)l->s[c - 1]))
        return 1;
    for (size_t i = a; i < n; i++)
        if (l->s[i] != ' ' && (i == a || l->s[i - 1] == ' ')) {
            words++;
            lower += is_lower((unsigned char)l->s[i]);
        }
    return !(words >= 5 && l->s[n - 1] == '.' && lower >= 2);
}

/* Where a brace that joins line l to its neighbours stands: a closing '}' after a space
 * ("ALBERT PALK,   } (_Actors_)"), or an opening '{' before a space, at the line's start or
 * after a space ("Friends of Jack  { PETER BLACK"): the offset after it, 0 when none. */
static size_t brace_at(const tk_line *l)
{
    for (size_t i = 0; i < l->len; i++) {
        if (i > 0 && l->s[i] == '}' && l->s[i - 1] == ' ')
            return i + 1;
        if (l->s[i] == '{' && (i == 0 || l->s[i - 1] == ' ') && i + 1 < l->len && l->s[i + 1] == ' ')
            return i + 1;
    }
    return 0;
}

/* Cast items in paragraph p: every line a role, a line opening with '(' the description
 * of the role above it ("THE HON. MRS. STIDULPH" / "(_Formerly ..._)"); two or more lines
 * in a row joined by a brace are a group whose description follows a closing brace ("}")
 * or stands before an opening one ("{"). With
 * emit 0 only says whether p is such a paragraph. */
static int cast_paragraph(parser *P, const para *p, int emit)
{
    const tk_lines *L = P->lines;
    for (size_t i = p->first; i < p->first + p->n; i++)
        if (!cast_line(&L->v[i]))
            return 0;
    size_t end = p->first + p->n;
    for (size_t i = p->first; emit && i < end;) {
        size_t e = i + 1;
        size_t bo = brace_at(&L->v[i]);
        /* (an opening brace before several names is a group on its own line: "Porters { JOE
           BELL, SAM WEST") */
        int alone = bo > 0 && L->v[i].s[bo - 1] == '{' &&
                    memchr(L->v[i].s + bo, ',', L->v[i].len - bo) != NULL;
        int brace = bo > 0 &&
                    ((i > p->first && brace_at(&L->v[i - 1])) || (e < end && brace_at(&L->v[e])) || alone);
        while (!brace && e < end && L->v[e].s[indent_of(&L->v[e])] == '(')
            e++;
        tk_block *bl = tk_bp_add_block(P, TK_B_CAST_ITEM, i, e - i, indent_of(&L->v[i]));
        if (bl != NULL && brace)
            bl->flags |= TK_BF_BRACE |
                         (i == p->first || !brace_at(&L->v[i - 1]) || alone ? TK_BF_BRACE_OPEN : 0);
        i = e;
    }
    return 1;
}

/* Keeps the roles of cast paragraph p in ps->cast: each line's name in capitals (up to a
 * comma, a period or a brace), and its first words. */
static void cast_roles(parser *P, const para *p, play_state *ps)
{
    if (ps->cast == NULL && (ps->cast = tk_names_new()) == NULL) {
        P->oom = 1;
        return;
    }
    for (size_t i = p->first; i < p->first + p->n; i++) {
        const tk_line *l = &P->lines->v[i];
        size_t a = indent_of(l), e = a;
        while (e < l->len && (is_upper((unsigned char)l->s[e]) || l->s[e] == ' ' ||
                              l->s[e] == '-' || l->s[e] == '\'' || latin1_upper(l->s + e, l->len - e) ||
                              (l->s[e] == '.' && e + 1 < l->len && l->s[e + 1] == ' ' &&
                               e + 2 < l->len && is_upper((unsigned char)l->s[e + 2]))))
            e += latin1_upper(l->s + e, l->len - e) ? 2 : 1;
        while (e > a && l->s[e - 1] == ' ')
            e--;
        for (size_t w = a + 1; w <= e; w++) /* every word boundary: "SIR", "SIR HUGH", ... */
            if (w == e || l->s[w] == ' ')
                tk_names_add(ps->cast, l->s + a, w - a);
    }
}

/* 1 when line l (a paragraph's first) opens with a cue of the stage-cue table in an e-book's
 * italics: "_Re-enter_ ROGER _with_ ALICE." (the names in roman, the cue in _..._). */
static int cue_para(parser *P, const tk_line *l)
{
    size_t a = indent_of(l), m;
    if (P->g == NULL || a + 2 >= l->len || l->s[a] != '_')
        return 0;
    m = tk_speakers_stage_cue(P->g, l->s + a + 1, l->len - a - 1);
    return m > 0 && a + 1 + m < l->len && l->s[a + 1 + m] == '_';
}

/* The type of a play's division that is neither act nor scene ("prologue"). */
static const char *part_type(const char *s, size_t n)
{
    static const char *const types[] = {"prologue", "epilogue", "induction", "interlude"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (n >= strlen(types[i]) && strncasecmp(s, types[i], strlen(types[i])) == 0)
            return types[i];
    return "act";
}

/* Verse or prose: lines [a, e) of a speech are verse when there are two or more and every
 * line but the last ends well before the margin that wrapped prose reaches, and the next
 * line starts with a capital (each verse line does). */
static int speech_is_verse(parser *P, size_t a, size_t e, const play_state *ps)
{
    const tk_lines *L = P->lines;
    if (e - a < 2)
        return 0;
    for (size_t i = a; i + 1 < e; i++) {
        const tk_line *l = &L->v[i], *nx = &L->v[i + 1];
        size_t x, t, n = tk_bp_verse_len(P, l, &t);
        (void)tk_bp_verse_len(P, nx, &x);
        /* reaches the margin: wrapped prose (a play whose verse is printed as wide as its
           prose, the indented layout, has margin 0: its capitals decide) */
        if (ps->margin > 0 && n * 100 > ps->margin * 80)
            return 0;
        unsigned char c = x < nx->len ? (unsigned char)nx->s[x] : 0;
        if (!is_upper(c) && c < 0x80 && c != '[' && c != '_' && c != '\'' && c != '"')
            return 0;
    }
    return 1;
}

/* 1 when the first line of the speech [a, e), before more lines, is a short parenthetical
 * under the name (a screenplay's "(sitting)" / "I walked."; a song's "(You know where ...)"
 * further down is verse). */
static int paren_line_in(parser *P, size_t a, size_t e)
{
    if (a + 1 >= e)
        return 0;
    const tk_line *l = &P->lines->v[a];
    size_t x = indent_of(l), n = rtrim_len(l->s, l->len);
    return n > x + 2 && n - x <= TK_TH_PARENTHETICAL_MAX_BYTES && l->s[x] == '(' &&
           l->s[n - 1] == ')' && memchr(l->s + x + 1, ')', n - x - 2) == NULL;
}

/* The speech lines [a, e) of the open turn: one l per line (verse) or one p. */
static void speech_lines(parser *P, size_t a, size_t e, const play_state *ps)
{
    if (a >= e)
        return;
    if (P->centred || paren_line_in(P, a, e)) {
        /* a screenplay's speech: its parentheticals ("(beat)") are directions */
        for (size_t i = a, run = a; i <= e; i++) {
            para one = {i, 1, 0};
            int paren = i < e && tk_bp_event_para(P->lines, &one) && P->lines->v[i].s[indent_of(&P->lines->v[i])] == '(';
            if (i < e && !paren)
                continue;
            if (i > run)
                tk_bp_add_block(P, TK_B_P, run, i - run, indent_of(&P->lines->v[run]));
            if (paren)
                tk_bp_add_block(P, TK_B_STAGE, i, 1, indent_of(&P->lines->v[i]));
            run = i + 1;
        }
        return;
    }
    if (speech_is_verse(P, a, e, ps)) {
        for (size_t i = a; i < e; i++)
            tk_bp_add_block(P, TK_B_L, i, 1, indent_of(&P->lines->v[i]));
    } else {
        tk_bp_add_block(P, TK_B_P, a, e - a, 0);
    }
}

/* A direction without brackets that opens a speech right after its label ("MARY.  Aside.
 * He never listens.", "JOHN.  Sits down.  Well?"): a sentence of at most six words at
 * s[t..n) opening with a cue of the stage-cue table (case as printed) that no verb follows,
 * ending in '.' before two blanks or the line's end. Returns its length, 0 when none. */
static size_t lead_cue(parser *P, const tk_line *l, size_t t)
{
    /* verbs that make the cue a sentence's subject ("Music is the food of love.") */
    static const char *const verbs[] = {"is ", "was ", "are ", "were ", "will ", "would ",
                                        "has ", "had ", "have ", "can ", "could ", "shall ",
                                        "should ", "may ", "must ", "does ", "did ", "of "};
    size_t n = rtrim_len(l->s, l->len), words = 1, m;
    if (t >= n || (m = tk_speakers_stage_cue(P->g, l->s + t, n - t)) == 0)
        return 0;
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
        if (t + m + 1 < n && strncmp(l->s + t + m + 1, verbs[k], strlen(verbs[k])) == 0)
            return 0;
    for (size_t i = t; i < n; i++) {
        char c = l->s[i];
        if (c == '?' || c == '!' || c == ';' || c == ':' || c == '"' || c == '[' || c == '(')
            return 0;
        if (c == ' ' && (i + 1 >= n || l->s[i + 1] != ' '))
            words++;
        if (words > 6)
            return 0;
        if (c == '.' && (i + 1 == n || (i + 2 < n && l->s[i + 1] == ' ' && l->s[i + 2] == ' ')))
            return i + 1 - t;
    }
    return 0;
}

/* 1 when the name s[0..n) of a play's label names two or more speakers joined by "and",
 * "&" or commas, each of whom speaks alone elsewhere ("Anna and Boris"). */
static int joint_label(const tk_names *names, const char *s, size_t n)
{
    size_t part[16][2];
    size_t np = tk_joint_parts(s, n, 0, part, sizeof part / sizeof *part);
    for (size_t k = 0; k < np; k++)
        if (tk_names_get(names, s + part[k][0], part[k][1] - part[k][0]) == 0)
            return 0;
    return np >= 2;
}

/* The speaker a voice offstage names ("Voice of Trofimov", "Varya’s Voice"), when that name
 * speaks alone elsewhere: 1 with s[*a, *a + *len) the name, else 0. */
static int voice_of(const tk_names *names, const char *s, size_t n, size_t *a, size_t *len)
{
    static const char *const suffix[] = {"\xe2\x80\x99s voice", "'s voice"};
    *a = 0;
    *len = 0;
    if (n > 9 && strncasecmp(s, "voice of ", 9) == 0) {
        *a = 9;
        *len = n - 9;
    }
    for (size_t k = 0; k < 2 && *len == 0; k++) {
        size_t m = strlen(suffix[k]);
        if (n > m && strncasecmp(s + n - m, suffix[k], m) == 0)
            *len = n - m;
    }
    return *len > 0 && tk_names_get(names, s + *a, *len) > 0;
}

/* A heading of an act, a scene or another division ("ACT II.", "PROLOGUE"), or a list of
 * them (two headings of one level or more in a row, "ACT I. A flat." / "ACT II. A
 * garden."): paragraphs, not divisions. Notes the list for the next paragraph; 1 when the
 * paragraph is placed. */
static int division_para(parser *P, const para *v, size_t k, size_t end, play_state *ps)
{
    const tk_lines *L = P->lines;
    const para *p = &v[k];
    const tk_line *l = &L->v[p->first];
    size_t a, b;
    int ph = tk_play_heading(l->s, l->len, &a, &b);
    size_t na, nb;
    const tk_line *nl = k + 1 < end ? &L->v[v[k + 1].first] : NULL;
    int described = 0; /* "ACT II.  A hall.": text after the number (the last of a list) */
    for (size_t i = a; ph && i + 2 < b && !described; i++)
        described = l->s[i] == '.' && l->s[i + 1] == ' ';
    int listed = ph && ph != 3 && p->n == 1 &&
                 ((nl != NULL && v[k + 1].n == 1 && tk_play_heading(nl->s, nl->len, &na, &nb) == ph) ||
                  (ps->heading_list == ph && described));
    ps->heading_list = listed && described ? ph : 0;
    if (listed) {
        tk_bp_note(P, p->first, "heading", "a list of acts or scenes: paragraphs, not divisions");
        tk_bp_add_block(P, TK_B_P, p->first, p->n, 0);
        return 1;
    }
    if (ph && p->n <= 3) {
        /* a heading that wraps goes on in the next lines of its paragraph */
        tk_block *bl = tk_bp_add_block(P, ph == 2 ? TK_B_SCENE : TK_B_ACT, p->first, p->n, a);
        if (bl != NULL) {
            bl->label_len = p->n == 1 ? b : 0;
            if (ph == 3)
                bl->divtype = part_type(l->s + a, b - a);
        }
        if (p->n > 1)
            tk_bp_note(P, p->first, "heading", "a heading over several lines: joined");
        ps->in_cast = ps->cast_open = ps->turn_open = ps->spoken = 0; /* (the roles end) */
        ps->in_division = 1;
        return 1;
    }
    return 0;
}

/* A cast list heading: a castList when roles follow, else a heading. 1 when the paragraph
 * is one. */
static int cast_head_para(parser *P, const para *v, size_t k, size_t end, play_state *ps)
{
    const para *p = &v[k];
    const tk_line *l = &P->lines->v[p->first];
    if (p->n == 1 && tk_cast_heading(l->s, l->len)) {
        ps->cast_open = k + 1 < end && cast_paragraph(P, &v[k + 1], 0);
        tk_bp_para_block(P, ps->cast_open ? TK_B_CAST_HEAD : TK_B_HEAD, p, 0);
        if (ps->cast_open)
            tk_bp_note(P, p->first, "cast", "cast list: castList, one castItem (role, roleDesc) a line");
        ps->in_cast = 1;
        ps->turn_open = 0;
        return 1;
    }
    return 0;
}

/* The roles, up to the first paragraph that is none or stands after two blank lines (that
 * one closes the cast list). 1 when the paragraph is roles. */
static int cast_role_para(parser *P, const para *v, size_t k, play_state *ps)
{
    const tk_lines *L = P->lines;
    const para *p = &v[k];
    if (ps->cast_open) {
        const tk_line *pl = &L->v[v[k - 1].first];
        int first = v[k - 1].n == 1 && tk_cast_heading(pl->s, pl->len);
        if ((first || p->blank_before < 2) && cast_paragraph(P, p, 1)) {
            cast_roles(P, p, ps);
            return 1;
        }
        ps->cast_open = 0;
    }
    return 0;
}

/* The label that opens a speech on line l, first of paragraph p: the end of the label (in
 * *lab; *joint when it names several speakers), 0 when the paragraph is no speech. A
 * speech with its label inline ("ANNA.  Where is it?") by a name that speaks again ends
 * the cast matter of a play without acts. */
static size_t speech_label(parser *P, const para *p, const tk_line *l, play_state *ps, tk_label *lab,
                           int *joint)
{
    size_t t;
    *joint = 0;
    if (ps->in_cast && !ps->cast_open && (t = tk_bp_speaker_label(P, l, lab)) > 0 && !(lab->form & TK_LF_ALONE) &&
        t < rtrim_len(l->s, l->len) && tk_names_get(ps->names, l->s + lab->name_off, lab->name_len) >= 2) {
        tk_bp_note(P, p->first, "cast", "a speech by a name that speaks again: the cast list is over");
        ps->in_cast = 0;
    }
    if (!ps->in_cast && (t = tk_bp_speaker_label(P, l, lab)) > 0 &&
        (lab->caps || !(lab->form & TK_LF_ALONE) || (lab->form & TK_LF_COLON)) &&
        ((*joint = joint_label(ps->names, l->s + lab->name_off, lab->name_len)) ||
         (lab->form & TK_LF_TAB) || (lab->form & TK_LF_COLON) ||
         tk_names_get(ps->names, l->s + lab->name_off, lab->name_len) >= 2 ||
         /* (a role of the cast list, in capitals: a speaker at first sight) */
         (ps->cast != NULL && lab->caps && tk_names_get(ps->cast, l->s + lab->name_off, lab->name_len) > 0) ||
         (P->centred && lab->lab_off > 0 && p->n > 1))) /* (a screenplay's centred name) */
        return t;
    return 0;
}

/* A speech: its label ends at t on line l, the first of paragraph p. A name alone or
 * "Name." counts when it speaks again (not "TABLEAU", "LONDON."). */
static void speech_para(parser *P, const para *p, const tk_line *l, size_t t, tk_label lab, int joint,
                        play_state *ps)
{
    const tk_lines *L = P->lines;
    if (joint)
        tk_bp_note(P, p->first, "speaker", "several speakers speak together");
    size_t va, vl;
    if (!joint && voice_of(ps->names, l->s + lab.name_off, lab.name_len, &va, &vl)) {
        /* a voice offstage: the speaker it names ("Voice of Trofimov" -> #trofimov) */
        lab.name_off += va;
        lab.name_len = vl;
        lab.role = 0;
        joint = 1;
        tk_bp_note(P, p->first, "speaker", "a voice offstage: the speaker it names");
    }
    if (lab.form & TK_LF_ALONE) {
        tk_block *sb = tk_bp_add_block(P, TK_B_SPEAKER, p->first, 1, 0);
        tk_bp_set_label(sb, &lab);
        if (sb != NULL && joint)
            sb->flags |= TK_BF_JOINT;
        speech_lines(P, p->first + 1, p->first + p->n, ps);
    } else {
        int verse = speech_is_verse(P, p->first, p->first + p->n, ps);
        tk_block *tb = tk_bp_add_block(P, TK_B_TURN, p->first, verse ? 1 : p->n, t);
        tk_bp_set_label(tb, &lab);
        if (tb != NULL)
            tb->lead_stage = lead_cue(P, l, t);
        if (tb != NULL && joint)
            tb->flags |= TK_BF_JOINT;
        if (verse && tb != NULL) {
            tb->flags |= TK_BF_VERSE;
            for (size_t i = p->first + 1; i < p->first + p->n; i++)
                tk_bp_add_block(P, TK_B_L, i, 1, indent_of(&L->v[i]));
        }
    }
    /* a name alone: its speech follows in the next paragraphs; an inline label: the
       speech is its paragraph; a screenplay's centred name: the lines under it */
    ps->turn_open = (lab.form & TK_LF_ALONE) != 0 && p->n == 1;
    ps->block_speech = (lab.form & TK_LF_ALONE) != 0 && p->n > 1;
    /* (a name alone over its speech in one paragraph, a screenplay's layout: the
       paragraphs after it are action) */
    ps->spoken = 1;
    ps->after_speech = !(lab.form & TK_LF_ALONE);
}

/* A stage direction; before the first speech of a division the scene is described. 1 when
 * the paragraph is one. */
static int direction_para(parser *P, const para *v, size_t k, size_t end, play_state *ps)
{
    const tk_lines *L = P->lines;
    const para *p = &v[k];
    const tk_line *l = &L->v[p->first];
    size_t a, b;
    int stage = play_stage_para(L, p) || italic_run_para(L, v, k, end) || cue_para(P, l);
    if (stage || (ps->in_division && !ps->spoken && !ps->in_cast) ||
        (P->centred && ps->in_division && !ps->turn_open) ||
        (ps->block_speech && ps->in_division && !ps->turn_open)) {
        /* (after a name alone over its speech, a paragraph without a name is action) */
        /* (in a screenplay, a paragraph outside the speeches is action or a transition) */
        tk_block *e = tk_bp_para_block(P, TK_B_STAGE, p, indent_of(l));
        /* a direction right after a speech whose speaker goes on in the next paragraph
           ("[Exit ROGER." / "What can the fellow want?"): inside the speech */
        const para *q = k + 1 < end ? &v[k + 1] : NULL;
        if (stage && ps->after_speech && q != NULL && !tk_bp_opens_turn(P, q) &&
            !play_stage_para(L, q) && !cue_para(P, &L->v[q->first]) &&
            !tk_play_heading(L->v[q->first].s, L->v[q->first].len, &a, &b)) {
            tk_bp_note(P, p->first, "stage", "a direction inside a speech that goes on after it");
            ps->turn_open = 1;
            ps->after_speech = 0;
            return 1;
        }
        if (e != NULL && (!ps->turn_open || k + 1 >= end || tk_bp_opens_turn(P, &v[k + 1]))) {
            e->flags |= TK_BF_BETWEEN;
            ps->turn_open = 0;
        }
        ps->after_speech = 0;
        return 1;
    }
    return 0;
}

/* One paragraph of a play whose speeches are paragraphs ("Name.  speech", "Name<TAB>
 * speech", "NAME." alone then its speech): divisions, cast list, turns, stage directions;
 * else the lines of the open speech, or a paragraph. */
void tk_bp_play_paragraph(parser *P, const para *v, size_t k, size_t end, play_state *ps)
{
    const para *p = &v[k];
    const tk_line *l = &P->lines->v[p->first];
    if (division_para(P, v, k, end, ps) || cast_head_para(P, v, k, end, ps) || cast_role_para(P, v, k, ps))
        return;
    tk_label lab;
    int joint;
    size_t t = speech_label(P, p, l, ps, &lab, &joint);
    if (t > 0) {
        speech_para(P, p, l, t, lab, joint, ps);
        return;
    }
    if (direction_para(P, v, k, end, ps))
        return;
    ps->after_speech = 0;
    if (ps->turn_open) {
        speech_lines(P, p->first, p->first + p->n, ps);
        return;
    }
    tk_bp_add_block(P, TK_B_P, p->first, p->n, 0);
}

/* ------------------------------------------------------------------ plays */

static int stage_word(const char *s, size_t n)
{
    static const char *const words[] = {"Enter ", "Exit", "Exeunt", "Re-enter ", "Manet ",
                                        "Manent ", "Flourish", "Sennet", "Alarum"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t w = strlen(words[i]);
        if (n >= w && memcmp(s, words[i], w) == 0 &&
            (n == w || words[i][w - 1] == ' ' || !isalpha((unsigned char)s[w])))
            return 1;
    }
    return 0;
}

/* A stage direction: "Enter ...", "Exit", or a few capitalised words ending in '.' ("A dead
 * march.", "Flourish.") before one. */
static int stage_line(const tk_line *l)
{
    size_t a = indent_of(l), n = rtrim_len(l->s, l->len);
    const char *s = l->s + a;
    size_t len = n - a;
    for (int hops = 0; hops < 4 && len > 0; hops++) {
        if (stage_word(s, len))
            return 1;
        /* skip one short sentence "Danish march. " */
        size_t i = 0;
        while (i < len && i < 30 && s[i] != '.' && s[i] != ',')
            i++;
        if (i >= len || i >= 30 || s[i] != '.' || i + 1 >= len || s[i + 1] != ' ')
            return 0;
        s += i + 2;
        len -= i + 2;
    }
    return 0;
}

/* 1 when a stage direction on line l goes on to the next line: the next line starts in
 * lower case (unless bare: after a cue or bare direction inside a speech a line in lower
 * case is the speech going on, "Aside" / "and so near will I be,", "Throws down a letter" /
 * "for here comes the trout"), or l ends with a comma or a word that needs more ("and"). */
static int stage_continues(const tk_line *l, const tk_line *next, int bare)
{
    size_t n = rtrim_len(l->s, l->len), a = indent_of(next);
    if (is_blank(next) || a == 0)
        return 0;
    if (!bare && is_lower((unsigned char)next->s[a]))
        return 1;
    char c = l->s[n - 1];
    if (c == ',' || c == ';')
        return 1;
    static const char *const tails[] = {" and", " with", " the", " of", " his", " her",
                                        " their", " a", " to"};
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        size_t t = strlen(tails[i]);
        if (n >= t && memcmp(l->s + n - t, tails[i], t) == 0)
            return 1;
    }
    return 0;
}

/* A star heading whose closing stars stand alone on the next line ("**** SCENE IV. ..."
 * then "****"): the text span in *a..*b; returns 1 when line i and i+1 are such a pair. */
static int star_heading_split(const tk_lines *L, size_t i, size_t end, size_t *a, size_t *b)
{
    const tk_line *l = &L->v[i];
    size_t n = rtrim_len(l->s, l->len);
    if (i + 1 >= end || n < 10 || !starts_with(l->s, n, "**** "))
        return 0;
    const tk_line *next = &L->v[i + 1];
    size_t m = rtrim_len(next->s, next->len);
    if (m < 3)
        return 0;
    for (size_t k = 0; k < m; k++)
        if (next->s[k] != '*')
            return 0;
    *a = 5;
    *b = n;
    return 1;
}

/* A speaker line that names two or more speakers who each speak alone elsewhere
 * ("MARCELLUS BERNARDO"): every word is such a name. */
static int joint_speakers(const tk_names *names, const tk_line *l)
{
    size_t n = rtrim_len(l->s, l->len), words = 0;
    for (size_t i = 0; i < n;) {
        size_t w = i;
        while (i < n && l->s[i] != ' ')
            i++;
        if (tk_names_get(names, l->s + w, i - w) == 0)
            return 0;
        words++;
        while (i < n && l->s[i] == ' ')
            i++;
    }
    return words >= 2;
}

/* A word that reads as a verb of a direction: a present tense ("Sleeps", "Throws") or a
 * participle ("Writing", "Pointing"), capitalised, s[0..n) without punctuation. */
static int direction_verb(const char *s, size_t n)
{
    static const char *const not_s[] = {"ss", "us", "is", "'s"};
    if (n < 4 || !is_upper((unsigned char)s[0]))
        return 0;
    if (n >= 5 && memcmp(s + n - 3, "ing", 3) == 0)
        return 1;
    if (s[n - 1] != 's')
        return 0;
    for (size_t k = 0; k < sizeof not_s / sizeof *not_s; k++)
        if (memcmp(s + n - 2, not_s[k], 2) == 0)
            return 0;
    return 1;
}

/* Whether the word s[0..n) (an ALL-CAPS word, a possessive "'s" trimmed) is a word of a
 * speaker label of the play (caps: the words of the labels printed in capitals). */
static int label_word(const tk_names *caps, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (is_upper((unsigned char)s[k]) || s[k] == '-'))
        k++;
    if (k < 2 || (k < n && s[k] != '\'' && s[k] != ',' && s[k] != ';'))
        return 0;
    return tk_names_get(caps, s, k) > 0;
}

/* A direction without brackets or cue word inside a speech of the indented layout, in a line
 * s[0..n) that does not end as a sentence or a verse line does (no final punctuation):
 * it names a speaker in the capitals of the labels ("Ghost beckons HAMLET", "QUEEN GERTRUDE
 * falls": the speeches print names in lower case); or, in plain words only, it opens with a
 * verb ("Sleeps", "Throws up a skull", "Giving a paper") and is the speech's last line or
 * four words at most (a verse line opening with a verb goes on: "Makes vow before his
 * uncle never more"); or a pronoun and its verb in four words at most ("They play"); or
 * two or three words ending in a cue of the table ("Low alarums"); or it is four words at
 * most ending in "within" ("A noise within"). */
static int bare_direction(parser *P, const tk_names *caps, const char *s, size_t n, int last)
{
    size_t words = 0, caps_names = 0, first_end = 0, last_start = 0;
    int plain = 1;
    char end = s[n - 1];
    if (end == '.' || end == ',' || end == ';' || end == ':' || end == '?' || end == '!' ||
        end == '\'' || end == '"' || end == ')' || end == ']')
        return 0;
    for (size_t i = 0; i < n;) {
        size_t w = i;
        while (i < n && s[i] != ' ')
            i++;
        words++;
        last_start = w;
        if (words == 1)
            first_end = i;
        caps_names += label_word(caps, s + w, i - w);
        for (size_t k = w; k < i; k++)
            plain &= isalpha((unsigned char)s[k]) || s[k] == '\'' || s[k] == '-';
        while (i < n && s[i] == ' ')
            i++;
    }
    if (words > 12 || memchr(s, '[', n) != NULL || memchr(s, '(', n) != NULL || memchr(s, '"', n) != NULL)
        return 0;
    if (caps_names > 0)
        return 1;
    if (!plain || words > 8)
        return 0;
    if (direction_verb(s, first_end) && (last || words <= 4))
        return 1;
    /* "Low alarums", "Loud alarum": a cue word of the table (any case) after a word or two */
    if (words >= 2 && words <= 3 && tk_speakers_word(P->g, TK_WORDS_STAGE, s + last_start, n - last_start))
        return 1;
    /* "They play", "He digs and sings": a pronoun and a verb, four words at most */
    if (words >= 2 && words <= 4 &&
        ((first_end == 4 && memcmp(s, "They", 4) == 0) || (first_end == 3 && memcmp(s, "She", 3) == 0) ||
         (first_end == 2 && memcmp(s, "He", 2) == 0)))
        return 1;
    return words <= 4 && n >= 6 && memcmp(s + n - 6, "within", 6) == 0 && (n == 6 || s[n - 7] == ' ');
}

/* A bare direction (bare_direction) on line l of a speech; next: the line after it. */
static int bare_line(parser *P, const tk_line *l, const tk_names *caps, const tk_line *next)
{
    size_t bn = rtrim_len(l->s, l->len), ba = indent_of(l);
    int ends = next == NULL || is_blank(next) || indent_of(next) == 0 || stage_line(next);
    return bn > ba && bare_direction(P, caps, l->s + ba, bn - ba, ends);
}

/* An unbracketed direction inside a speech ("Aside", "Knocking within", "They fight",
 * "To FERDINAND"): a line opening with a cue of the stage-cue table, short, not ending as
 * verse does (, ; : ? !). */
static int cue_line(parser *P, const tk_line *l)
{
    size_t a = indent_of(l), n = rtrim_len(l->s, l->len), words = 1;
    if (n <= a || n - a > 60)
        return 0;
    char last = l->s[n - 1];
    if (last == ',' || last == ';' || last == ':' || last == '?' || last == '!' || last == '-')
        return 0;
    for (size_t i = a; i < n; i++)
        words += l->s[i] == ' ';
    if (words > 8 || (last == '.' && words > 3))
        return 0; /* a sentence: "Goes on my master's grief." */
    /* "To NAME": a direction only when an ALL-CAPS name follows */
    if (n - a > 4 && memcmp(l->s + a, "To ", 3) == 0)
        return is_upper((unsigned char)l->s[a + 3]) && is_upper((unsigned char)l->s[a + 4]);
    return tk_speakers_stage_cue(P->g, l->s + a, n - a) > 0;
}

/* One-line speeches waiting for the next speech of two lines or more (their own line says
 * nothing of verse or prose): the block index of each. */
typedef struct one_liners {
    size_t idx[256];
    size_t n;
} one_liners;

/* The speech lines [s, e) of a play with indented speeches: verse (one l per line) or prose
 * (one p), told by the capitals that open verse lines; a one-line speech is what the next
 * speech of two lines or more in its scene is (measured on the Moby plays against Folger's:
 * sp/p F1 0.776 with the speech before, 0.796 the nearer, 0.807 the next), or, at the end of
 * a scene, the speech before it. */
static void moby_speech(parser *P, size_t s, size_t e, int *prose, const play_state *ps,
                        one_liners *w)
{
    if (s >= e)
        return;
    if (e - s >= 2) {
        *prose = !speech_is_verse(P, s, e, ps);
        for (size_t k = 0; k < w->n; k++)
            P->db->b[w->idx[k]].kind = *prose ? TK_B_P : TK_B_L;
        w->n = 0;
    } else if (w->n < sizeof w->idx / sizeof *w->idx) {
        w->idx[w->n++] = P->db->n; /* the block added below */
    }
    if (*prose)
        tk_bp_add_block(P, TK_B_P, s, e - s, indent_of(&P->lines->v[s]));
    else
        for (size_t i = s; i < e; i++)
            tk_bp_add_block(P, TK_B_L, i, 1, indent_of(&P->lines->v[i]));
}

/* The state of reading a play of the Moby layout (tk_bp_play_document). */
typedef struct moby {
    play_state ps;
    tk_names *caps;      /* the words of the labels printed in capitals */
    one_liners waiting;
    size_t b;            /* the end of the document */
    size_t run;          /* first line of the speech being read (b: none) */
    int speaker_open, title_done, prose;
} moby;

/* Counts the speaker lines of [a, b) (a name at the margin over an indented line) in
 * m->ps.names, and the words in capitals of each in m->caps. */
static void count_speakers(parser *P, moby *m, size_t a, size_t b)
{
    const tk_lines *L = P->lines;
    for (size_t i = a; i < b; i++) {
        const tk_line *l = &L->v[i];
        size_t n = rtrim_len(l->s, l->len);
        if (!(i + 1 < b && indent_of(l) == 0 && tk_bp_play_speaker_line(l) && indent_of(&L->v[i + 1]) > 0))
            continue;
        tk_names_add(m->ps.names, l->s, n);
        for (size_t k = 0; k < n;) {
            size_t w = k;
            while (k < n && (is_upper((unsigned char)l->s[k]) || l->s[k] == '-'))
                k++;
            if (k - w >= 2 && (k == n || l->s[k] == ' '))
                tk_names_add(m->caps, l->s + w, k - w);
            while (k < n && l->s[k] != ' ')
                k++;
            while (k < n && l->s[k] == ' ')
                k++;
        }
    }
}

/* Ends the speech being read before line i. */
static void end_speech(parser *P, moby *m, size_t i)
{
    if (m->run < i)
        moby_speech(P, m->run, i, &m->prose, &m->ps, &m->waiting);
    m->run = m->b;
}

/* An act or scene heading, or a heading between stars, at line *i: 1 when it is one (*i
 * past the closing stars of a heading split over two lines). */
static int moby_heading(parser *P, moby *m, size_t *i)
{
    const tk_lines *L = P->lines;
    const tk_line *l = &L->v[*i];
    size_t x, y, b = m->b;
    int split_heading = !tk_bp_star_heading(l, &x, &y) && star_heading_split(L, *i, b, &x, &y);
    int ph = split_heading ? (starts_with(l->s + x, y - x, "ACT") ? 1 : 2)
                           : indent_of(l) == 0 ? tk_play_heading(l->s, l->len, &x, &y) : 0;
    /* "Prologue" with a speech under it is a speaker, not a division */
    if (ph == 3 && *i + 1 < b && indent_of(&L->v[*i + 1]) > 0 && !stage_line(&L->v[*i + 1]))
        ph = 0;
    if (ph || (!split_heading && tk_bp_star_heading(l, &x, &y))) {
        end_speech(P, m, *i);
        m->waiting.n = 0; /* (one-line speeches stay what the speech before them was) */
        if (split_heading)
            tk_bp_note(P, *i, "heading", "act/scene heading closed by the stars of the next line");
        tk_block *bl = tk_bp_add_block(P, ph == 2 ? TK_B_SCENE : ph ? TK_B_ACT : TK_B_HEAD, *i, 1, x);
        if (bl != NULL) {
            bl->label_len = y; /* text end */
            if (ph == 3)
                bl->divtype = part_type(l->s + x, y - x);
        }
        m->speaker_open = 0;
        m->title_done = 1;
        if (split_heading)
            (*i)++; /* the closing stars */
        return 1;
    }
    return 0;
}

/* Line i at the margin: a line of the speech that lost its indent, the title, a speaker's
 * name, or a paragraph. */
static void margin_line(parser *P, moby *m, size_t i)
{
    const tk_line *l = &P->lines->v[i];
    size_t ln = rtrim_len(l->s, l->len);
    if (m->title_done && m->speaker_open && m->run != m->b && !tk_name_words(l->s, ln) &&
        tk_names_get(m->ps.names, l->s, ln) < 2) {
        /* a line of the speech that lost its indent ("This way will I"): no speaker */
        tk_bp_note(P, i, "speaker", "a line at the margin that is no name: a line of the speech");
        return;
    }
    end_speech(P, m, i);
    if (!m->title_done) {
        tk_bp_add_block(P, TK_B_TITLE, i, 1, 0);
        m->title_done = 1;
        return;
    }
    if (tk_bp_play_speaker_line(l)) {
        tk_block *bl = tk_bp_add_block(P, TK_B_SPEAKER, i, 1, 0);
        if (bl != NULL) {
            bl->label_len = rtrim_len(l->s, l->len);
            if (joint_speakers(m->ps.names, l)) {
                bl->flags |= TK_BF_JOINT;
                tk_bp_note(P, i, "speaker", "several speakers speak together");
            }
        }
        m->speaker_open = 1;
        return;
    }
    tk_bp_add_block(P, TK_B_P, i, 1, 0);
}

/* A stage direction at the indented line *i (outside a speech, or a cue or bare direction
 * inside one) and the lines it goes on in: 1 when it is one (*i its last line). */
static int moby_direction(parser *P, moby *m, size_t *i)
{
    const tk_lines *L = P->lines;
    const tk_line *l = &L->v[*i];
    size_t b = m->b;
    int bare = 0; /* a cue or bare direction in a speech: a lower-case line after it is speech */
    if (stage_line(l) || !m->speaker_open || (bare = cue_line(P, l)) ||
        (bare = bare_line(P, l, m->caps, *i + 1 < b ? &L->v[*i + 1] : NULL))) {
        end_speech(P, m, *i);
        size_t e = *i + 1;
        while (e < b && stage_continues(&L->v[e - 1], &L->v[e], bare))
            e++;
        tk_bp_add_block(P, TK_B_STAGE, *i, e - *i, indent_of(l));
        *i = e - 1;
        return 1;
    }
    return 0;
}

/* A play whose speeches are indented under the speaker's name (the Moby layout). */
void tk_bp_play_document(parser *P, size_t a, size_t b)
{
    const tk_lines *L = P->lines;
    moby m;
    memset(&m, 0, sizeof m);
    m.b = b;
    m.run = b;
    m.ps.names = tk_names_new();
    if (m.ps.names == NULL) {
        P->oom = 1;
        return;
    }
    m.caps = tk_names_new();
    if (m.caps == NULL) {
        tk_names_free(m.ps.names);
        P->oom = 1;
        return;
    }
    count_speakers(P, &m, a, b);
    for (size_t i = a; i < b; i++) {
        const tk_line *l = &L->v[i];
        if (is_blank(l)) {
            end_speech(P, &m, i);
            continue;
        }
        if (tk_bp_is_debris(l)) {
            end_speech(P, &m, i);
            tk_bp_note(P, i, "debris", "web-page debris dropped from the body");
            continue;
        }
        if (moby_heading(P, &m, &i))
            continue;
        if (indent_of(l) == 0) {
            margin_line(P, &m, i);
            continue;
        }
        if (moby_direction(P, &m, &i))
            continue;
        if (m.run == b)
            m.run = i;
    }
    end_speech(P, &m, b);
    tk_names_free(m.ps.names);
    tk_names_free(m.caps);
}

