/* frontmatter.c: a document's metadata from its front matter, its "Document Information"
 * section, its file number and its title line. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"
#include "blocks_internal.h"

/* ------------------------------------------------------------------ front matter */

static const char *const front_keys[] = {
    "title", "date", "author", "translator", "translated by", "editor", "source", "archive",
    "language", "rights", "licence", "license", "summary", "abstract", "type", "publisher",
    "interviewer", "interviewee", "place", "subject", "keywords", "id", "idno", "collection",
    "repository", "signature", "citation", "shape",
};

/* "Key: value" with a key of letters and spaces; returns the value offset (0 when not). */
static size_t key_value(const tk_line *l, size_t *klen)
{
    size_t i = 0;
    while (i < l->len && i < 32 && (isalpha((unsigned char)l->s[i]) || (i > 0 && (l->s[i] == ' ' || l->s[i] == '-'))))
        i++;
    if (i == 0 || i >= l->len || l->s[i] != ':')
        return 0;
    *klen = i;
    i++;
    while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    return i;
}

static int known_front_key(const char *k, size_t n)
{
    for (size_t i = 0; i < sizeof front_keys / sizeof *front_keys; i++)
        if (strlen(front_keys[i]) == n && strncasecmp(front_keys[i], k, n) == 0)
            return 1;
    return 0;
}

/* Front matter at the start of the input; returns the first line after it. */
size_t tk_bp_front_matter(parser *P)
{
    const tk_lines *L = P->lines;
    size_t i = 0, klen, v;
    int dashed = 0;
    if (L->n > 0 && line_is(&L->v[0], "---")) {
        dashed = 1;
        i = 1;
    }
    if (i >= L->n || (v = key_value(&L->v[i], &klen)) == 0 || !known_front_key(L->v[i].s, klen))
        return 0;
    size_t start = i;
    for (; i < L->n; i++) {
        const tk_line *l = &L->v[i];
        if (line_is(l, "---"))
            return i + 1;
        if (is_blank(l)) {
            if (dashed)
                continue;
            return i + 1;
        }
        if ((v = key_value(l, &klen)) == 0) {
            if (i > start && (l->s[0] == ' ' || l->s[0] == '\t'))
                continue; /* folded value: joined below */
            TK_MSG(P->d, FRONT_MATTER_END, P->file, l->no, 1);
            return i;
        }
        char key[40];
        snprintf(key, sizeof key, "%.*s", (int)klen, l->s);
        if (strcasecmp(key, "translated by") == 0)
            snprintf(key, sizeof key, "translator");
        if (!known_front_key(l->s, klen))
            TK_MSG(P->d, FRONT_MATTER_KEY, P->file, l->no, 1, key);
        size_t e = i + 1;
        while (e < L->n && L->v[e].len > 0 && (L->v[e].s[0] == ' ' || L->v[e].s[0] == '\t') &&
               !is_blank(&L->v[e]))
            e++;
        tk_bp_meta_from_lines(P, key, i, e, v, 1);
        i = e - 1;
    }
    TK_MSG(P->d, FRONT_MATTER_UNCLOSED, P->file, L->v[L->n - 1].no, 1);
    return L->n;
}

/* Field labels of archive web pages whose values may be missing ("Record ID" alone). */
static const char *const field_labels[] = {
    "Record ID", "Original Uploaded Date", "Original Archive", "Language", "Type", "Source",
    "Rights", "Theme", "Subject", "Subjects", "Keywords", "Collection", "Date", "Author",
    "Original Language", "Translated by", "Translator", "Summary", "Citation",
};

int tk_bp_field_label(const tk_line *l)
{
    return line_is_one_of(l, field_labels, sizeof field_labels / sizeof *field_labels);
}

/* Everything after a "Document Information" line: metadata for the header. */
void tk_bp_document_information(parser *P, const para *v, size_t from, size_t to)
{
    const tk_lines *L = P->lines;
    for (size_t k = from; k < to; k++) {
        const tk_line *l = &L->v[v[k].first];
        int f = tk_bp_field_label(l);
        if (f > 0 && v[k].n == 1) {
            /* a label; its value is the next paragraph unless that is a label too or the
               label names a date and the next paragraph is no date */
            char iso[16];
            int has_value = k + 1 < to && tk_bp_field_label(&L->v[v[k + 1].first]) == 0;
            const char *lab = field_labels[f - 1];
            if (has_value && strstr(lab, "Date") != NULL) {
                const tk_line *nl = &L->v[v[k + 1].first];
                has_value = tk_parse_date(nl->s, nl->len, iso) > 0;
            }
            if (!has_value) {
                if (P->explain)
                    TK_MSG(P->d, DEBRIS, P->file, l->no, 1, lab);
                continue;
            }
            char key[40];
            size_t j = 0;
            for (const char *c = lab; *c && j + 1 < sizeof key; c++)
                key[j++] = *c == ' ' ? '-' : (char)tolower((unsigned char)*c);
            key[j] = '\0';
            if (strcmp(key, "translated-by") == 0)
                snprintf(key, sizeof key, "translator");
            k++;
            tk_bp_meta_from_lines(P, key, v[k].first, v[k].first + v[k].n, 0, 0);
            continue;
        }
        /* unlabelled: a rights statement, a citation, or a short document type */
        size_t len = 0;
        for (size_t i = v[k].first; i < v[k].first + v[k].n; i++)
            len += L->v[i].len;
        int rights = 0;
        for (size_t i = v[k].first; i < v[k].first + v[k].n && !rights; i++) {
            const char *s = L->v[i].s;
            size_t n = L->v[i].len;
            static const char *const words[] = {"copyright", "rights", "reuse", "permission",
                                                "licen"};
            for (size_t w = 0; w < 5 && !rights; w++)
                for (size_t j = 0; j + strlen(words[w]) <= n && !rights; j++)
                    if (strncasecmp(s + j, words[w], strlen(words[w])) == 0)
                        rights = 1;
        }
        if (rights)
            tk_bp_meta_from_lines(P, "rights", v[k].first, v[k].first + v[k].n, 0, 0);
        else if (len <= 60 && v[k].n == 1 && tk_bp_heading_like(l))
            tk_bp_meta_from_lines(P, "type", v[k].first, v[k].first + 1, 0, 0);
        else
            tk_bp_meta_from_lines(P, "citation", v[k].first, v[k].first + v[k].n, 0, 0);
    }
}

/* A file number line before the title: its number (idno) and the document type after it
 * (`724.3415/3536: Telegram`) go to the header; so does a document type alone on its line
 * (`Telegram Sent`). */
void tk_bp_file_number_meta(parser *P, const tk_line *l)
{
    size_t off, n, e = rtrim_len(l->s, l->len);
    size_t end = tk_rec_file_number(l->s, e, &off, &n);
    if (end == 0 && tk_rec_type_line(l->s, e)) { /* `Telegram` alone over the title */
        if (tk_meta_get(P->db, "type") == NULL)
            tk_meta_set(P->db, "type", l->s, e > 0 && l->s[e - 1] == '.' ? e - 1 : e, l->no, 0);
        tk_bp_note(P, (size_t)(l - P->lines->v), "file-number", "document type line to the header");
        return;
    }
    if (end == 0)
        return;
    tk_meta_set(P->db, "idno", l->s + off, n, l->no, 1);
    if (end + 2 < e && tk_meta_get(P->db, "type") == NULL)
        tk_meta_set(P->db, "type", l->s + end + 2, e - end - 2, l->no, 0);
    tk_bp_note(P, (size_t)(l - P->lines->v), "file-number", "file number (and document type) to the header");
}

/* The title line's document type and author, for the header (a front matter Type: or
 * Author: wins). */
void tk_bp_title_meta(parser *P, const tk_line *l)
{
    size_t e = rtrim_len(l->s, l->len), a = indent_of(l), off, n;
    size_t t = tk_rec_doc_type(l->s + a, e - a);
    if (t != 0 && tk_meta_get(P->db, "type") == NULL)
        tk_meta_set(P->db, "type", l->s + a + (t >> 16), t & 0xffff, l->no, 0);
    if (tk_meta_get(P->db, "author") == NULL && tk_rec_author(l->s + a, e - a, &off, &n))
        tk_meta_set(P->db, "author", l->s + a + off, n, l->no, 0);
}

