/* tk_places.h: places and organisations found without a gazetteer file (places.c), and the
 * word tables they start from (gazetteer.c). */
#ifndef TK_PLACES_H
#define TK_PLACES_H

#include <stddef.h>

extern const char tk_gazetteer_places[]; /* '|'-separated, as printed */
extern const char tk_gazetteer_orgs[];
extern const char tk_org_heads_of[];     /* "Ministry" of "Ministry of X" */
extern const char tk_org_heads_tail[];   /* "Committee" of "the X Committee" */

typedef enum tk_place_kind { TK_PLACE, TK_ORG } tk_place_kind;

typedef struct tk_places tk_places;

/* One mention found by tk_places_scan: bytes [start, end) of the scanned text. `id` is
 * owned by the tk_places and lives until it is freed. */
typedef struct tk_place_match {
    size_t start, end;
    tk_place_kind kind;
    const char *id;
    int index; /* the entity, for tk_places_use */
} tk_place_match;

/* The gazetteer loaded once; the caller frees with tk_places_free (NULL is a no-op). */
tk_places *tk_places_new(void);
void tk_places_free(tk_places *pl);
/* Forgets what the last document found and marked (the gazetteer stays); nothing in corpus
 * mode. */
void tk_places_new_document(tk_places *pl);
/* Corpus mode (on): the documents share their forms, ids (no document prefix) and one list
 * in the corpus header, as persons do. */
void tk_places_set_corpus(tk_places *pl, int on);
int tk_places_corpus(const tk_places *pl);
/* Reads one line of running text for organisation patterns ("Ministry of Foreign Affairs",
 * "the National Security Council", "North Atlantic Treaty Organization (NATO)") and adds
 * what it finds to this document's forms. Linear in the line. */
void tk_places_discover_line(tk_places *pl, const char *s, size_t n);
/* The place part of a dateline ("[Washington,] May 2, 1934" -> "Washington"): its bytes in
 * *a..*b of s; 0 when the line has no place before its date. */
int tk_places_dateline(const char *s, size_t n, size_t *a, size_t *b);
/* Calls found for every known form in text (longest first, on word boundaries, whitespace
 * runs read as one space); in_dateline: dateline-only forms count too. A place directly
 * joined to another capitalised word ("Washington Post", "Radio Moscow") is not marked. */
void tk_places_scan(tk_places *pl, const char *text, size_t len, int in_dateline,
                    void (*found)(const tk_place_match *m, void *user), void *user);
/* Records that a match was kept (marked in the TEI): it is listed by tk_places_each_used. */
void tk_places_use(tk_places *pl, const tk_place_match *m);
/* Calls fn for every place, then every organisation, marked since tk_places_new_document,
 * in first-use order, with the id and the form first marked. */
void tk_places_each_used(tk_places *pl,
                         void (*fn)(tk_place_kind kind, const char *id, const char *name,
                                    void *user),
                         void *user);

/* Converter side (the types of tk_internal.h). */
struct tk_lines;
struct tk_docblocks;
struct tk_conv;
struct _xmlNode;
/* Starts a new document and reads it: dateline places, organisation patterns and acronyms
 * on every line. */
void tk_places_discover(tk_places *pl, const struct tk_lines *L, const struct tk_docblocks *db);
/* Adds settingDesc/listPlace and particDesc/listOrg (found or made) of the places and
 * organisations marked in this document under profileDesc; nothing when none was marked. */
void tk_header_places(struct tk_conv *cv, struct _xmlNode *profileDesc);

#endif
