/* test_blocks.c: lines -> blocks: datelines, front matter, shapes, record and transcript
 * paragraphs, NASA log lines, plays, notes, trailing metadata, documents. */
#include "tk_internal.h"
#include "tk_test.h"

typedef struct parsed {
    tk_lines L;
    tk_blocks *B;
    tk_capture c;
} parsed;

static void parse(parsed *P, const char *text, tk_shape shape)
{
    tk_diag *d = tk_test_diag(&P->c);
    tk_diag_set_notes(d, 1);
    CU_ASSERT_EQUAL_FATAL(tk_read_lines(text, strlen(text), NULL, "t.txt", d, &P->L), 0);
    P->B = tk_blocks_parse(&P->L, shape, NULL, "t.txt", 1, 1, d);
    tk_diag_free(d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(P->B);
}

static void done(parsed *P)
{
    tk_blocks_free(P->B);
    tk_lines_free(&P->L);
}

/* The kinds of document k's blocks as letters (one per kind), e.g. "TDPP". */
static const char *kinds(parsed *P, size_t k)
{
    static const char letters[] = "THDOPIXLMCSAZKlNnUEGRrYQWJj"; /* Q postscript, W row, J cast head, j cast item */
    _Static_assert(sizeof letters - 1 == TK_B_KIND_COUNT, "one letter per block kind");
    static char out[256];
    size_t i = 0;
    for (; i < P->B->doc[k].n && i + 1 < sizeof out; i++)
        out[i] = letters[P->B->doc[k].b[i].kind];
    out[i] = '\0';
    return out;
}

/* The label of block i of document 0. */
static const char *label(parsed *P, size_t i)
{
    static char out[128];
    const tk_block *b = &P->B->doc[0].b[i];
    snprintf(out, sizeof out, "%.*s", (int)b->label_len, P->L.v[b->line].s + b->label_off);
    return out;
}

static void test_front_matter(void)
{
    parsed P;
    parse(&P, "Title: A Talk\nDate: 1949-02-03\nInterviewer: Jane Roe\nColour: blue\n\nText here.\n",
          TK_SHAPE_AUTO);
    CU_ASSERT_STRING_EQUAL(tk_meta_get(&P.B->doc[0], "title"), "A Talk");
    CU_ASSERT_STRING_EQUAL(tk_meta_get(&P.B->doc[0], "interviewer"), "Jane Roe");
    CU_ASSERT_STRING_EQUAL(tk_meta_get(&P.B->doc[0], "colour"), "blue");
    CU_ASSERT_PTR_NOT_NULL(strstr(P.c.buf, "unknown front matter key 'Colour'"));
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "P");
    done(&P);
    /* '---' fences; unterminated front matter is reported */
    parse(&P, "---\nTitle: X\n---\nBody.\n", TK_SHAPE_AUTO);
    CU_ASSERT_STRING_EQUAL(tk_meta_get(&P.B->doc[0], "title"), "X");
    done(&P);
    parse(&P, "Title: X\nDate: 1950", TK_SHAPE_AUTO);
    CU_ASSERT_PTR_NOT_NULL(strstr(P.c.buf, "front matter is not closed"));
    done(&P);
    /* a transcript's first label is not front matter */
    parse(&P, "MAO: Hello.\n", TK_SHAPE_AUTO);
    CU_ASSERT_PTR_NULL(tk_meta_get(&P.B->doc[0], "mao"));
    done(&P);
}

static void test_record(void)
{
    parsed P;
    parse(&P,
          "Skip to content\n\nFebruary 3, 1949\n\nMemorandum of Conversation between A and B\n\n"
          "A long first paragraph of the record, which goes on\nover a second line.\n\n"
          "He listed 4 periods:\n1) The First\n2) The Second\n\n- bullet one\n- bullet two\n\n"
          "Footnotes:\n[1] A note.\n[2] Another note.\n\n"
          "Source: 722.2315/819. Foreign Relations, Document 5 (frus/d5).\n",
          TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->shape, TK_SHAPE_RECORD);
    /* dateline, title, p, p + 2 items, 2 items, notes head, 2 notes */
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "DTPPIIIINnn");
    CU_ASSERT_STRING_EQUAL(label(&P, 4), "1)");
    CU_ASSERT_STRING_EQUAL(label(&P, 6), "-");
    CU_ASSERT_EQUAL(P.B->doc[0].b[2].n_lines, 2); /* continuation line kept in the block */
    CU_ASSERT_STRING_EQUAL(tk_meta_get(&P.B->doc[0], "source"),
                           "722.2315/819. Foreign Relations, Document 5 (frus/d5).");
    CU_ASSERT_PTR_NOT_NULL(strstr(P.c.buf, "note:1:1:debris:web-page debris dropped"));
    done(&P);
    /* a lone numbered paragraph (a telegram number) is no list */
    parse(&P, "Title Of The Telegram\n\n28. Department understands the treaty.\n", TK_SHAPE_RECORD);
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "TP");
    done(&P);
}

static void test_document_information(void)
{
    parsed P;
    parse(&P,
          "Title Line Of The Record\n\nBody text of the record that is long enough.\n\n\n\n"
          "A short summary of it.\n\nDocument Information\n\n"
          "APRF: F. 39, Op. 1, D. 39. Translated by Jane Roe.\n\n"
          "Reuse is welcome; rights are retained by the holders.\n\nOriginal Uploaded Date\n\n\n"
          "Memorandum of Conversation\n\nRecord ID\n",
          TK_SHAPE_AUTO);
    const tk_docblocks *db = &P.B->doc[0];
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "TP");
    CU_ASSERT_STRING_EQUAL(tk_meta_get(db, "summary"), "A short summary of it.");
    CU_ASSERT_STRING_EQUAL(tk_meta_get(db, "citation"),
                           "APRF: F. 39, Op. 1, D. 39. Translated by Jane Roe.");
    CU_ASSERT_PTR_NOT_NULL(strstr(tk_meta_get(db, "rights"), "rights are retained"));
    CU_ASSERT_STRING_EQUAL(tk_meta_get(db, "type"), "Memorandum of Conversation");
    CU_ASSERT_PTR_NOT_NULL(strstr(P.c.buf, "empty field 'Original Uploaded Date' dropped"));
    CU_ASSERT_PTR_NOT_NULL(strstr(P.c.buf, "empty field 'Record ID' dropped"));
    done(&P);
}

static void test_transcript(void)
{
    parsed P;
    parse(&P,
          "Meeting Of The Committee\n\n"
          "MR. SMITH: Good morning.\n\nA second paragraph of the same turn.\n\n"
          "DR. JONES: Hello.\nMR. SMITH: Two turns without a blank line.\n\n"
          "(Laughter.)\n\nDR. JONES:\n\nMR. SMITH: End.\n\nDR. JONES: Really.\n",
          TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->shape, TK_SHAPE_TRANSCRIPT);
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "TXPXXSXXX");
    CU_ASSERT_STRING_EQUAL(label(&P, 1), "MR. SMITH:");
    CU_ASSERT_STRING_EQUAL(label(&P, 3), "DR. JONES:");
    done(&P);
    /* letters' salutations are not speakers, even with --shape transcript */
    parse(&P, "Sir: I have the honor.\n\nGentlemen: Thanks.\n", TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->shape, TK_SHAPE_RECORD);
    done(&P);
    /* mixed-case labels when most paragraphs have them */
    parse(&P, "Mao: One.\n\nMikoyan: Two.\n\nMao: Three.\n\nMikoyan: Four.\n\nMao: Five.\n",
          TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->shape, TK_SHAPE_TRANSCRIPT);
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "XXXXX");
    done(&P);
}

static void test_nasa_log(void)
{
    parsed P;
    parse(&P,
          "[00:00:00:02]\n_page : 8\n_tape : Tape 1/1\nCDR: The clock is running.\n\n"
          "[00:00:00:03]\n# Canaveral CC\nCC:  13, Houston. GO at 1. We show the cabin\n"
          "     relieving.\n\n[00:00:00:05]\nCDR: Roger.\n\n[00:00:00:06]\nCC: Roger.\n\n"
          "[00:00:00:07]\nCDR: Roger.\n",
          TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->shape, TK_SHAPE_TRANSCRIPT);
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "LMMXLCXLXLXLX");
    CU_ASSERT_STRING_EQUAL(label(&P, 1), "page");
    CU_ASSERT_STRING_EQUAL(label(&P, 6), "CC:");
    CU_ASSERT_EQUAL(P.B->doc[0].b[6].n_lines, 2); /* the indented continuation */
    CU_ASSERT_EQUAL(P.B->doc[0].b[6].off, 5);     /* text after "CC:  " */
    done(&P);
}

static void test_play(void)
{
    parsed P;
    parse(&P,
          "The Tragedy Of Somebody\n**** ACT I ****\n**** SCENE I. A room. ****\n"
          "     Enter BERNARDO\nBERNARDO\n     Who's there?\n     Stand, ho!\n"
          "     Danish march. Enter KING CLAUDIUS, QUEEN GERTRUDE,\n     and Attendants\n"
          "FRANCISCO\n     Nay, answer me.\n     Exit\n",
          TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->shape, TK_SHAPE_PLAY);
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "TAZSKllSKlS");
    CU_ASSERT_EQUAL(P.B->doc[0].b[7].n_lines, 2); /* stage direction over two lines */
    done(&P);
}

static void test_documents(void)
{
    parsed P;
    const char *sep = "========================================================================\n";
    char text[1024];
    snprintf(text, sizeof text, "Chapter Heading Of The File\n\n%sFirst Document Title\n\nText one.\n\n%s"
             "Second Document Title\n\nText two.\n", sep, sep);
    parse(&P, text, TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->n_docs, 2);
    CU_ASSERT_STRING_EQUAL(P.B->corpus_title, "Chapter Heading Of The File");
    CU_ASSERT_STRING_EQUAL(kinds(&P, 0), "TP");
    CU_ASSERT_STRING_EQUAL(kinds(&P, 1), "TP");
    done(&P);
}

/* Each document of a file has its own title (the title found for a document is kept for
 * its closers: never for the next document, whose paragraphs may stand at the same address). */
static void test_title_per_document(void)
{
    parsed P;
    const char *sep = "========================================================================\n";
    const char *rest = "Other text here.\n\nMore text here.\n\nStill more text.\n\nAnd more.\n\n"
                       "Text again.\n\nYet more text.\n\nI have the honor to be, Sir, your obedient "
                       "servant,\n\nJohn Smith\n\n";
    char text[4096];
    /* (the same number of paragraphs each: the second's may stand where the first's stood) */
    snprintf(text, sizeof text,
             "Memorandum of the Minister to the Secretary\n\n%s%s"
             "a paragraph in lower case that opens the record and is no title of any sort.\n\n%s%s"
             "Second Title Of A Record Here\n\nText two of the record.\n",
             rest, sep, rest, sep);
    parse(&P, text, TK_SHAPE_RECORD);
    CU_ASSERT_EQUAL_FATAL(P.B->n_docs, 3);
    CU_ASSERT_EQUAL(kinds(&P, 0)[0], 'T');
    CU_ASSERT_PTR_NULL(strchr(kinds(&P, 1), 'T'));
    CU_ASSERT_EQUAL(kinds(&P, 2)[0], 'T');
    done(&P);
}

/* Nothing before the first separator is lost: one-line parts are documents unless the first
 * one is followed by at least two documents (then it titles the corpus, once). */
static void test_leading_parts_kept(void)
{
    parsed P;
    /* two one-line parts, then a document: the first titles the corpus, the second is kept */
    parse(&P, "Part Alpha\n=====\nBeta words.\n=====\nGamma words.\n", TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->n_docs, 2);
    CU_ASSERT_STRING_EQUAL(P.B->corpus_title, "Part Alpha");
    CU_ASSERT_EQUAL(P.B->doc[0].n, 1);
    CU_ASSERT_EQUAL(P.B->doc[0].b[0].line, 2); /* "Beta words." */
    done(&P);
    /* a one-line part before a single document is a document of its own */
    parse(&P, "Part Alpha\n=====\nGamma words.\n", TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->n_docs, 2);
    CU_ASSERT_PTR_NULL(P.B->corpus_title);
    CU_ASSERT_EQUAL(P.B->doc[0].b[0].line, 0);
    done(&P);
    /* empty parts before the text are skipped, the title rule still applies once */
    parse(&P, "\n=====\nOne\n=====\nTwo\n=====\nThree\n", TK_SHAPE_AUTO);
    CU_ASSERT_EQUAL(P.B->n_docs, 2);
    CU_ASSERT_STRING_EQUAL(P.B->corpus_title, "One");
    done(&P);
}

void tk_suite_blocks(void);
void tk_suite_blocks(void)
{
    CU_pSuite s = CU_add_suite("blocks", NULL, NULL);
    CU_add_test(s, "front matter", test_front_matter);
    CU_add_test(s, "record: title, dateline, lists, notes, Source", test_record);
    CU_add_test(s, "Document Information block", test_document_information);
    CU_add_test(s, "transcript turns", test_transcript);
    CU_add_test(s, "NASA log lines", test_nasa_log);
    CU_add_test(s, "play", test_play);
    CU_add_test(s, "several documents", test_documents);
    CU_add_test(s, "a title per document", test_title_per_document);
    CU_add_test(s, "parts before the first separator", test_leading_parts_kept);
}
