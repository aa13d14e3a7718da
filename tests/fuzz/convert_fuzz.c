/* convert_fuzz.c: libFuzzer harness for the whole conversion (text -> TEI): the streamed
 * bytes (tk_convert_memory_xml) must equal the serialized tree (tk_convert_memory), parse
 * back as XML and be valid against schemas/teikit.rng (tk_validate_doc, grammar only; the
 * schema is loaded and compiled once per process). With --split (picked from the input),
 * every document of tk_convert_each (one file each, as `convert --split` writes) must be
 * valid too. Set FUZZ_STRICT=1 to also require
 * that teikit's rule checks report no error. A failed conversion must have said why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "fuzz_common.h"

static tk_schema *schema;
static int strict;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_data_dir();
    struct fuzz_sink s = {0, ""};
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, fuzz_quiet_sink, &s);
    schema = tk_schema_load("teikit", d);
    tk_diag_free(d);
    if (schema == NULL)
        fuzz_fail("convert", "cannot load schemas/teikit.rng", s.last);
    strict = getenv("FUZZ_STRICT") != NULL && *getenv("FUZZ_STRICT") == '1';
    return 0;
}

/* Checks one TEI output: well-formed, valid against teikit.rng (and the rule checks in
 * strict mode). */
static void check_output(const char *xml, size_t len, const char *what)
{
    struct fuzz_sink s = {0, ""};
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, fuzz_quiet_sink, &s);
    xmlDocPtr doc = tk_xml_read_memory(xml, len, "out.xml", 0, d);
    if (doc == NULL)
        fuzz_fail("convert", what, s.last[0] ? s.last : "output is not well-formed");
    tk_validate_opts vo;
    memset(&vo, 0, sizeof vo);
    vo.grammar_only = !strict;
    vo.no_prune = 1;
    int v = tk_validate_doc(schema, doc, "out.xml", &vo, d);
    if (v != 0) {
        fwrite(xml, 1, len, stderr);
        fuzz_fail("convert", what, s.last[0] ? s.last : "invalid against teikit.rng");
    }
    xmlFreeDoc(doc);
    tk_diag_free(d);
}

static int each_doc(size_t i, const char *xml, size_t len, void *user)
{
    (void)i;
    (void)user;
    check_output(xml, len, "a --split document");
    return 0;
}

/* One conversion with options o: stream and tree agree, the output is valid. */
static void convert_one(const char *buf, size_t len, const tk_convert_opts *o)
{
    struct fuzz_sink s = {0, ""};
    tk_diag *d = tk_diag_new();
    tk_diag_set_sink(d, fuzz_quiet_sink, &s);
    tk_diag_set_notes(d, o->explain);
    size_t xlen = 0, tlen = 0;
    /* split is for one file per document (tk_convert_each, as `convert --split`): in one
       teiCorpus, the documents' own person lists would repeat their xml:ids */
    tk_convert_opts whole = *o;
    whole.split = 0;
    char *xml = tk_convert_memory_xml(buf, len, &whole, d, &xlen);
    int status = tk_diag_exit_status(d);
    xmlDocPtr tree = tk_convert_memory(buf, len, &whole, d);
    if ((xml == NULL) != (tree == NULL))
        fuzz_fail("convert", "tk_convert_memory_xml and tk_convert_memory disagree on failure",
                  s.last);
    if (xml == NULL && status == 0)
        fuzz_fail("convert", "conversion failed without an error message", NULL);
    if (xml != NULL) {
        char *t = tk_tei_serialize_free(tree, &tlen);
        if (t == NULL || tlen != xlen || memcmp(t, xml, xlen) != 0)
            fuzz_fail("convert", "streamed bytes differ from the serialized tree", NULL);
        free(t);
        check_output(xml, xlen, "tk_convert_memory_xml output");
        if (o->split) {
            tk_diag_reset_counts(d);
            if (tk_convert_each(buf, len, o, d, each_doc, NULL) < 0)
                fuzz_fail("convert", "tk_convert_each failed where tk_convert_memory_xml did not",
                          s.last);
        }
    }
    free(xml);
    tk_diag_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* options from the input's bytes, so that one input always runs the same way */
    unsigned h = 0;
    for (size_t i = 0; i < size; i++)
        h = h * 31 + data[i];
    tk_convert_opts o;
    tk_convert_opts_init(&o);
    o.name = "fuzz.txt";
    o.explain = 1;
    /* the raw bytes (the reader must refuse what is not UTF-8, and say so) */
    convert_one((const char *)data, size, &o);
    /* the same text cleaned to XML characters, in a shape, date order and turn encoding of
       its own */
    size_t len;
    char *buf = fuzz_xml_text(data, size, &len);
    o.shape = (tk_shape)(h % 4);
    o.date_order = (tk_date_order)((h / 4) % 3);
    o.split = (h / 12) % 2;
    o.explain = (h / 24) % 2;
    o.spoken = (h / 48) % 2; /* turns as u/annotationBlock (valid against teikit.rng too) */
    convert_one(buf, len, &o);
    free(buf);
    return 0;
}
