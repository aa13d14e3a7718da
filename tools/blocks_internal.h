/* blocks_internal.h: what the block parser's files (blocks.c, frontmatter.c, prose.c, plays.c)
 * share: the parser's state, a paragraph, a play's state, the line helpers, and the functions
 * one of them calls in another (prefixed tk_bp_). Not part of the library's interface. */
#ifndef TK_BLOCKS_INTERNAL_H
#define TK_BLOCKS_INTERNAL_H

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"

/* ------------------------------------------------------------------ small helpers */

static inline int is_blank(const tk_line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    return 1;
}

static inline size_t indent_of(const tk_line *l)
{
    size_t i = 0;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    return i;
}

/* Length of s[0..len) without trailing blanks. */
static inline size_t rtrim_len(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return len;
}

static inline int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
/* isalpha in the C locale the library runs in, without a ctype call a byte */
static inline int is_ascii_letter(unsigned char c) { return is_upper(c) || is_lower(c); }

/* 1 when the (trimmed) line equals word, ignoring ASCII case. */
static inline int line_is(const tk_line *l, const char *word)
{
    size_t a = indent_of(l), e = rtrim_len(l->s, l->len), n = strlen(word);
    return e - a == n && strncasecmp(l->s + a, word, n) == 0;
}

/* 1 + the index of the first of n words that line l is (trimmed, ignoring case), else 0;
 * the line is trimmed once, and only words of its length are compared. */
static inline int line_is_one_of(const tk_line *l, const char *const *words, size_t n)
{
    size_t a = indent_of(l), e = rtrim_len(l->s, l->len);
    if (e <= a)
        return 0;
    int c0 = tolower((unsigned char)l->s[a]); /* the line's first letter, once */
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)words[i][0]) == c0 && strlen(words[i]) == e - a &&
            strncasecmp(l->s + a, words[i], e - a) == 0)
            return (int)i + 1;
    return 0;
}

static inline int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

typedef struct parser {
    const tk_lines *lines;
    const char *file;
    tk_diag *d;
    int explain;
    tk_blocks *out;
    tk_docblocks *db;
    int oom;
    const tk_speakers *g;  /* the label grammar */
    unsigned forms;        /* label forms this text's turns use (TK_LF_*) */
    int mixed_ok;          /* mixed-case names are labels */
    tk_names *mixed;       /* how often each mixed-case name opens a paragraph with ':' */
    tk_lmark marks[TK_LIST_DEPTH]; /* the markers of the open items of a record's list,
                                      one a nesting level */
    unsigned depth;        /* the level of the last item */
    int item_empty;        /* that item is a marker alone on its line: its text follows */
    int numbered;          /* the play prints line numbers: 1 at line ends, 2 at starts */
    int in_turns;          /* the text is in turns (a transcript): a label is a speech */
    void (*ready)(void *user, tk_blocks *B, size_t n); /* tk_blocks_parse_ready */
    void *ready_user;
    size_t para_indent;    /* paragraphs open with this indent, a label after it (0: none) */
    int centred;           /* a screenplay: speakers' names centred alone, speech under them */
    tk_lmark glued;        /* the number of the last numbered paragraph kept a paragraph
                              (`268. 1. Text`, then `2. Text`: tk_list_glued_first) */
    size_t item_k;         /* 1 + the paragraph of the last list item of the record, 0 none */
    int item_lone;         /* that item's marker stood alone on its line (`2.`, then its text) */
    struct {               /* find_title's last answer (prose.c): each part's closer asks again */
        const struct para *v; /* the paragraphs asked about; NULL: none yet in this document */
        size_t n;
        tk_shape shape;
        long title;
    } title_memo;
} parser;

typedef struct para {
    size_t first, n;       /* lines */
    unsigned blank_before; /* blank lines before it */
} para;

typedef struct play_state {
    tk_names *names;   /* how often each name stands alone or as "Name." at a paragraph start */
    int in_cast;       /* after a cast list heading, before the first act */
    int cast_open;     /* the cast list's roles go on (no other paragraph since the heading) */
    int heading_list;  /* the level (1 act, 2 scene) of the list of headings the paragraph
                          before belonged to, 0 none */
    int turn_open;     /* a speech is open */
    int in_division;   /* an act or scene heading was seen */
    int spoken;        /* a speech since the last heading */
    size_t margin;     /* the longest line of the document: where wrapped prose ends */
    int after_speech;  /* the paragraph before was a speech with its label inline */
    int block_speech;  /* the last speech was a name alone over its lines (a screenplay) */
    tk_names *cast;    /* the cast list's roles and their first words ("SIR HUGH" of "SIR HUGH
                          FENWICK"): a speaker at first sight; NULL without a cast list */
} play_state;


/* blocks.c: dates, labels, building, shape detection */
int tk_bp_is_dateline_text(const char *s, size_t len);
size_t tk_bp_meta_line(const tk_line *l, size_t *klen);
int tk_bp_list_marker(const tk_line *l, tk_lmark *m);
int tk_bp_note_line(const tk_line *l);
size_t tk_bp_verse_len(const parser *P, const tk_line *l, size_t *start);
size_t tk_bp_speaker_label(parser *P, const tk_line *l, tk_label *lab);
void tk_bp_set_label(tk_block *b, const tk_label *lab);
tk_block *tk_bp_add_block(parser *P, tk_block_kind kind, size_t line, size_t n_lines,
                          size_t off);
void tk_bp_meta_from_lines(parser *P, const char *key, size_t a, size_t b, size_t off0,
                           int replace);
void tk_bp_note(parser *P, size_t line, const char *rule, const char *what);
int tk_bp_star_heading(const tk_line *l, size_t *a, size_t *b);
int tk_bp_play_speaker_line(const tk_line *l);

/* frontmatter.c: front matter and a document's metadata */
size_t tk_bp_front_matter(parser *P);
int tk_bp_field_label(const tk_line *l);
void tk_bp_document_information(parser *P, const para *v, size_t from, size_t to);
void tk_bp_file_number_meta(parser *P, const tk_line *l);
void tk_bp_title_meta(parser *P, const tk_line *l);

/* prose.c: paragraphs of records and transcripts */
int tk_bp_is_debris(const tk_line *l);
int tk_bp_heading_like(const tk_line *l);
tk_block *tk_bp_para_block(parser *P, tk_block_kind kind, const para *p, size_t off);
para *tk_bp_collect_paragraphs(parser *P, size_t a, size_t b, size_t *np);
void tk_bp_prose_document(parser *P, size_t a, size_t b, tk_shape shape, int first_doc);

/* plays.c: proceedings and plays */
int tk_bp_event_para(const tk_lines *L, const para *p);
int tk_bp_proceeding_para(parser *P, const para *p);
int tk_bp_caps_heading(parser *P, const para *p);
int tk_bp_lower_after_label(parser *P, const tk_line *l);
int tk_bp_labelled_para(parser *P, const para *q);
int tk_bp_opens_turn(parser *P, const para *q);
void tk_bp_play_paragraph(parser *P, const para *v, size_t k, size_t end, play_state *ps);
void tk_bp_play_document(parser *P, size_t a, size_t b);

#endif
