/* validate_fuzz.c: libFuzzer harness for validate: the input is written to a file and
 * validated as `teikit validate` does (tk_validate_paths, rule checks on), once with the
 * text sink and once with the JSON sink: both give the same number of messages and the
 * same verdict, every JSON line is one valid JSON object in UTF-8, every text line is
 * UTF-8. For parseable input, the verdict of the schema pruned to the document's element
 * names equals the whole schema's, and the library's grammar verdict equals libxml2's.
 * The schema is schemas/teikit.rng (FUZZ_SCHEMA=PATH for another, e.g. tei_all.rng); its
 * whole form is compiled once per process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "fuzz_common.h"
#include "validate_internal.h"

static tk_schema *schema;
static xmlDocPtr schema_src;   /* the source, for pruning */
static xmlRelaxNGPtr whole;    /* compiled once */
static char path[4096];        /* where each input is written */

static void remove_input(void)
{
    unlink(path);
}

static void silent(void *ctx, const xmlError *e)
{
    (void)ctx;
    (void)e;
}

static xmlRelaxNGPtr compile(xmlDocPtr src)
{
    xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewDocParserCtxt(src);
    xmlRelaxNGSetParserStructuredErrors(p, (xmlStructuredErrorFunc)silent, NULL);
    xmlRelaxNGPtr rng = xmlRelaxNGParse(p);
    xmlRelaxNGFreeParserCtxt(p);
    return rng;
}

/* 1 valid, 0 invalid (libxml2's verdict, no message). */
static int raw_valid(xmlRelaxNGPtr rng, xmlDocPtr doc)
{
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(rng);
    xmlRelaxNGSetValidStructuredErrors(v, (xmlStructuredErrorFunc)silent, NULL);
    int r = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    if (r < 0)
        fuzz_fail("validate", "libxml2 could not validate (internal error)", NULL);
    return r == 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_data_dir();
    const char *spec = getenv("FUZZ_SCHEMA");
    char rng_path[4096];
    snprintf(rng_path, sizeof rng_path, "%s", spec != NULL && *spec ? spec : "teikit");
    if (strcmp(rng_path, "teikit") == 0)
        snprintf(rng_path, sizeof rng_path, "%s/schemas/teikit.rng", tk_data_dir());
    struct fuzz_sink s = {0, ""};
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, fuzz_quiet_sink, &s);
    schema = tk_schema_load(rng_path, d);
    schema_src = tk_xml_read_file(rng_path, 0, d);
    tk_diag_free(d);
    if (schema == NULL || schema_src == NULL || !tk_prune_possible(schema_src))
        fuzz_fail("validate", "cannot load a prunable schema", s.last);
    whole = compile(schema_src);
    if (whole == NULL)
        fuzz_fail("validate", "the schema does not compile", NULL);
    const char *dir = getenv("FUZZ_TMP");
    snprintf(path, sizeof path, "%s/validate_fuzz.%ld.xml", dir != NULL ? dir : "/tmp",
             (long)getpid());
    atexit(remove_input);
    return 0;
}

/* Skips a JSON value at *p (strings, numbers, null, true, false, objects, arrays); 0 when
 * it is not one. */
static int json_value(const char **p);

static void json_ws(const char **p)
{
    while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
        (*p)++;
}

static int json_string(const char **p)
{
    if (**p != '"')
        return 0;
    for ((*p)++; **p != '"'; (*p)++) {
        unsigned char c = (unsigned char)**p;
        if (c == '\0' || c < 0x20)
            return 0;
        if (c == '\\') {
            (*p)++;
            if (**p == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (!xmlIsDigit_ch((*p)[k]) && !(((*p)[k] | 0x20) >= 'a' && ((*p)[k] | 0x20) <= 'f'))
                        return 0;
                *p += 4;
            } else if (strchr("\"\\/bfnrt", **p) == NULL || **p == '\0')
                return 0;
        }
    }
    (*p)++;
    return 1;
}

static int json_value(const char **p)
{
    json_ws(p);
    static const char *const words[] = {"null", "true", "false"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strncmp(*p, words[i], strlen(words[i])) == 0) {
            *p += strlen(words[i]);
            return 1;
        }
    if (**p == '"')
        return json_string(p);
    if (**p == '-' || xmlIsDigit_ch(**p)) {
        (*p)++;
        while (xmlIsDigit_ch(**p) || **p == '.' || **p == 'e' || **p == 'E' || **p == '+' ||
               **p == '-')
            (*p)++;
        return 1;
    }
    if (**p == '{' || **p == '[') {
        char close = **p == '{' ? '}' : ']';
        int obj = close == '}';
        (*p)++;
        json_ws(p);
        if (**p == close) {
            (*p)++;
            return 1;
        }
        for (;;) {
            json_ws(p);
            if (obj) {
                if (!json_string(p))
                    return 0;
                json_ws(p);
                if (*(*p)++ != ':')
                    return 0;
            }
            if (!json_value(p))
                return 0;
            json_ws(p);
            if (**p == ',') {
                (*p)++;
                continue;
            }
            if (**p != close)
                return 0;
            (*p)++;
            return 1;
        }
    }
    return 0;
}

/* One validation of the file, messages through sink into a buffer: returns the status,
 * fills *out (the caller frees) and the number of lines. */
static int run(tk_diag_sink sink, char **out, size_t *len, size_t *lines)
{
    FILE *f = open_memstream(out, len);
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, sink, f);
    tk_diag_set_notes(d, 1);
    tk_validate_opts o;
    memset(&o, 0, sizeof o);
    char *paths[1] = {path};
    int rc = tk_validate_paths(schema, paths, 1, &o, d, NULL);
    tk_diag_flush(d);
    tk_diag_free(d);
    fclose(f);
    *lines = 0;
    for (size_t i = 0; i < *len; i++)
        *lines += (*out)[i] == '\n';
    if (*len > 0 && (*out)[*len - 1] != '\n')
        fuzz_fail("validate", "the messages do not end with a newline", *out);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        fuzz_fail("validate", "cannot write the input file", path);
    /* both sinks: the same number of messages, the same verdict */
    char *text = NULL, *json = NULL;
    size_t tlen = 0, jlen = 0, tlines, jlines;
    int rt = run(tk_diag_sink_gcc, &text, &tlen, &tlines);
    int rj = run(tk_diag_sink_json, &json, &jlen, &jlines);
    if (rt != rj) {
        fprintf(stderr, "--- text (%d):\n%.*s--- json (%d):\n%.*s", rt, (int)tlen, text, rj,
                (int)jlen, json);
        fuzz_fail("validate", "text and JSON runs disagree on the verdict", NULL);
    }
    if (tlines != jlines) {
        fprintf(stderr, "--- text:\n%.*s--- json:\n%.*s", (int)tlen, text, (int)jlen, json);
        fuzz_fail("validate", "text and JSON sinks give different numbers of lines", NULL);
    }
    if (!fuzz_utf8_valid((const unsigned char *)json, jlen))
        fuzz_fail("validate", "JSON messages are not UTF-8", json);
    if (!fuzz_utf8_valid((const unsigned char *)text, tlen))
        fuzz_fail("validate", "text messages are not UTF-8", text);
    for (char *l = json; l < json + jlen;) {
        char *e = memchr(l, '\n', (size_t)(json + jlen - l));
        *e = '\0';
        const char *p = l;
        if (*l != '{' || e == l || e[-1] != '}' || !json_value(&p) || *p != '\0')
            fuzz_fail("validate", "a JSON message line is not one JSON object", l);
        l = e + 1;
    }
    free(text);
    free(json);

    /* pruned and whole verdicts agree (grammar only) */
    struct fuzz_sink s = {0, ""};
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, fuzz_quiet_sink, &s);
    xmlDocPtr doc = tk_xml_read_memory((const char *)data, size, "in.xml", 0, d);
    if (doc != NULL) {
        tk_nameset *names = tk_nameset_of_doc(doc);
        xmlDocPtr pruned_src = tk_prune(schema_src, names, NULL);
        xmlRelaxNGPtr pruned = pruned_src != NULL ? compile(pruned_src) : NULL;
        int vw = raw_valid(whole, doc);
        /* a pruned schema may not compile when nothing is allowed (start is notAllowed):
           then it validates nothing */
        int vp = pruned != NULL ? raw_valid(pruned, doc) : 0;
        if (vw != vp)
            fuzz_fail("validate", vw ? "whole schema: valid, pruned: invalid"
                                     : "whole schema: invalid, pruned: valid", NULL);
        tk_validate_opts o;
        memset(&o, 0, sizeof o);
        o.grammar_only = 1;
        o.no_prune = 1;
        int lw = tk_validate_doc(schema, doc, "in.xml", &o, d);
        o.no_prune = 0;
        int lp = tk_validate_doc(schema, doc, "in.xml", &o, d);
        if (lw != lp)
            fuzz_fail("validate", "tk_validate_doc: pruned and whole verdicts differ", s.last);
        if ((lw == 0) != vw)
            fuzz_fail("validate", "tk_validate_doc's grammar verdict is not libxml2's", s.last);
        xmlRelaxNGFree(pruned);
        xmlFreeDoc(pruned_src);
        tk_nameset_free(names);
        xmlFreeDoc(doc);
    }
    tk_diag_free(d);
    return 0;
}
