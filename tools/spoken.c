/* spoken.c: --spoken: a finished speaker turn rewritten as the TEI "Transcriptions of Speech"
 * chapter and ISO 24624:2016 encode it: u[@who] (inside annotationBlock[@who][@start][@end]
 * when the turn has a time), the printed label kept as note[@type='speaker'] (the
 * Parla-CLARIN convention) where it was printed, paragraphs as seg, stage directions as
 * incident (docs/convert.md, "Spoken output"). */
#include <string.h>

#include "tk_internal.h"

static int named(xmlNodePtr n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Moves the children of `from` to the end of `to`. */
static void move_children(xmlNodePtr from, xmlNodePtr to)
{
    while (from->children != NULL) {
        xmlNodePtr c = from->children;
        xmlUnlinkNode(c);
        xmlAddChild(to, c);
    }
}

/* 1 when every child of n may stand in an event's desc (text and names; a note or a page
 * break may not). */
static int desc_content(xmlNodePtr n)
{
    static const char *const ok[] = {"persName", "placeName", "orgName", "date", "hi"};
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (c->type == XML_TEXT_NODE)
            continue;
        size_t k = 0;
        while (k < sizeof ok / sizeof *ok && !named(c, ok[k]))
            k++;
        if (k == sizeof ok / sizeof *ok)
            return 0;
    }
    return 1;
}

void tk_spoken_event(tk_conv *cv, xmlNodePtr stage)
{
    if (!desc_content(stage))
        return; /* stays a stage direction */
    /* its printed parentheses become @rend (brackets already are) */
    xmlNodePtr a = stage->children, z = stage->last;
    if (xmlHasProp(stage, (const xmlChar *)"rend") == NULL && a != NULL && z != NULL &&
        a->type == XML_TEXT_NODE && z->type == XML_TEXT_NODE && a->content != NULL &&
        z->content != NULL && a->content[0] == '(' && z->content[0] != '\0' &&
        z->content[strlen((const char *)z->content) - 1] == ')' &&
        (a != z || strlen((const char *)a->content) >= 2)) {
        xmlChar *rest = tk_oom_check(xmlStrdup(a->content + 1));
        xmlNodeSetContent(a, rest);
        xmlFree(rest);
        size_t n = strlen((const char *)z->content);
        xmlChar *cut = tk_oom_check(xmlStrndup(z->content, (int)n - 1));
        xmlNodeSetContent(z, cut);
        xmlFree(cut);
        xmlSetProp(stage, (const xmlChar *)"rend", (const xmlChar *)"parenthesized");
    }
    xmlNodePtr desc = tk_el(cv, NULL, "desc");
    move_children(stage, desc);
    xmlAddChild(stage, desc);
    xmlNodeSetName(stage, (const xmlChar *)"incident");
}

/* The time anchor printed before the words of turn sp (`[00:12:31] NAME: ...`,
 * `NAME: \[04:14\] ...`): before or after its label, a page break aside; NULL when none. */
static xmlNodePtr leading_time(xmlNodePtr sp)
{
    for (xmlNodePtr c = sp->children; c != NULL; c = c->next) {
        if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
            continue;
        if (named(c, "speaker") || named(c, "pb"))
            continue;
        if (named(c, "p") && c->children != NULL)
            c = c->children;
        return named(c, "anchor") && xmlHasProp(c, (const xmlChar *)"synch") ? c : NULL;
    }
    return NULL;
}

void tk_spoken_turn(tk_conv *cv, xmlNodePtr sp, const char *start, const char *end)
{
    xmlNodePtr lead = start == NULL ? leading_time(sp) : NULL;
    xmlNodeSetName(sp, (const xmlChar *)"u");
    for (xmlNodePtr c = sp->children, next; c != NULL; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (named(c, "speaker")) {
            xmlNodeSetName(c, (const xmlChar *)"note");
            xmlSetProp(c, (const xmlChar *)"type", (const xmlChar *)"speaker");
        } else if (named(c, "p") || named(c, "l")) {
            xmlNodeSetName(c, (const xmlChar *)"seg");
        } else if (named(c, "stage")) {
            tk_spoken_event(cv, c);
        }
        /* elements side by side are words apart (u is mixed content, written inline) */
        if (c->prev != NULL && c->prev->type == XML_ELEMENT_NODE) {
            xmlNodePtr nl = tk_oom_check(xmlNewDocText(cv->doc, (const xmlChar *)"\n"));
            xmlAddPrevSibling(c, nl);
        }
    }
    xmlChar *synch = lead != NULL ? xmlGetProp(lead, (const xmlChar *)"synch") : NULL;
    if (start == NULL)
        start = (const char *)synch;
    if (start != NULL) {
        xmlNodePtr ab = tk_el(cv, NULL, "annotationBlock");
        xmlAddPrevSibling(sp, ab);
        xmlUnlinkNode(sp);
        xmlChar *who = xmlGetProp(sp, (const xmlChar *)"who");
        if (who != NULL) {
            xmlSetProp(ab, (const xmlChar *)"who", who);
            xmlUnsetProp(sp, (const xmlChar *)"who");
            xmlFree(who);
        }
        xmlSetProp(ab, (const xmlChar *)"start", (const xmlChar *)start);
        if (end != NULL)
            xmlSetProp(ab, (const xmlChar *)"end", (const xmlChar *)end);
        xmlAddChild(ab, sp);
    }
    xmlFree(synch);
}

int tk_spoken_on(const tk_conv *cv, tk_shape shape)
{
    return cv->opts != NULL && cv->opts->spoken && shape != TK_SHAPE_PLAY;
}

/* The printed time of block ab's first anchor (@n: [-]fields separated by ':', the first of
 * four a count of days) in seconds; 0 when it has none. */
static int block_seconds(xmlNodePtr ab, long *sec)
{
    xmlNodePtr u = ab->children;
    while (u != NULL && !named(u, "u"))
        u = u->next;
    xmlNodePtr a = u != NULL ? leading_time(u) : NULL;
    xmlChar *n = a != NULL ? xmlGetProp(a, (const xmlChar *)"n") : NULL;
    if (n == NULL)
        return 0;
    const char *t = (const char *)n;
    int neg = *t == '-', fields = 1;
    long f[4] = {0, 0, 0, 0};
    for (t += neg; *t != '\0'; t++) {
        if (*t == ':' && fields < 4)
            fields++;
        else if (*t >= '0' && *t <= '9' && f[fields - 1] < 100000)
            f[fields - 1] = f[fields - 1] * 10 + (*t - '0');
    }
    static const long unit4[] = {86400, 3600, 60, 1};
    long v = 0;
    for (int k = 0; k < fields; k++)
        v += f[k] * (fields == 4 ? unit4[k] : unit4[4 - fields + k]);
    *sec = neg ? -v : v;
    xmlFree(n);
    return 1;
}

void tk_spoken_chain(xmlNodePtr *last, xmlNodePtr u)
{
    xmlNodePtr ab = u != NULL ? u->parent : NULL;
    if (!named(ab, "annotationBlock") || xmlHasProp(ab, (const xmlChar *)"end") != NULL ||
        ab->children != u) {
        *last = NULL; /* a turn without a time: the one before has no end we know */
        return;
    }
    long t0, t1;
    xmlChar *start = xmlGetProp(ab, (const xmlChar *)"start");
    if (*last != NULL && start != NULL && block_seconds(*last, &t0) && block_seconds(ab, &t1) && t1 >= t0)
        tk_xset_prop(*last, (const xmlChar *)"end", start);
    xmlFree(start);
    *last = ab;
}
