/* rng_internal.h: the RelaxNG grammar model shared by prune.c (which builds it and prunes
 * with it) and rng_model.c (what each element allows, for messages); internal to the two. */
#ifndef TK_RNG_INTERNAL_H
#define TK_RNG_INTERNAL_H

#include <stddef.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

/* The <define>s of one name (combined), or the <start>s. */
struct defgroup {
    xmlNodePtr *nodes;
    size_t n, cap;
    int na;       /* the define is notAllowed */
    int reached;  /* reachable from start */
    int visiting; /* recursion guard */
    long depth;   /* tk_rng_check: deepest ref chain from here (0 = not yet known) */
    int combine_interleave;
    void *data;   /* analysis data (info) */
};

/* A schema's defines by name, and its start; points into the schema's document, which must
 * outlive it. */
struct grammar {
    xmlHashTablePtr defs; /* name -> struct defgroup */
    struct defgroup start;
};

/* Called with each name of a name class. */
typedef void (*name_fn)(const char *ns, const char *local, void *user);

/* n is a RelaxNG element named name (any name when NULL). */
static inline int is_rng(xmlNodePtr n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
           (name == NULL || xmlStrEqual(n->name, BAD_CAST name));
}

/* Calls f for each name of an element or attribute pattern's name class; 0 for wildcards. */
int tk_rng_pattern_names(xmlNodePtr pat, name_fn f, void *user);
/* The first pattern child of an element/attribute pattern (after its name class). */
xmlNodePtr tk_rng_first_pattern(xmlNodePtr pat);
/* The next sibling pattern of c (NULL when none). */
xmlNodePtr tk_rng_next_pattern(xmlNodePtr c);
/* The first child that is a pattern: after the name class for element/attribute, else any. */
xmlNodePtr tk_rng_patterns_of(xmlNodePtr n);
/* The defines and start of a schema document (NULL when out of memory or no root); the
 * caller frees it with tk_rng_grammar_free (NULL is a no-op). */
struct grammar *tk_rng_grammar_new(xmlDocPtr rng);
void tk_rng_grammar_free(struct grammar *g);
/* The defgroup a <ref> names (NULL when undefined). */
struct defgroup *tk_rng_ref_target(struct grammar *g, xmlNodePtr ref);

#endif
