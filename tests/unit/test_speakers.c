/* test_speakers.c: the speaker-label grammar (every label form, the refusals: headings,
 * rosters, numbering, salutations, sentences), roles, word tables extended by a rules file,
 * and shape detection with its near misses. Inputs are made up. */
#include <fcntl.h>
#include <unistd.h>

#include "tk_internal.h"
#include "tk_test.h"

enum { ALL = TK_LF_COLON | TK_LF_PERIOD | TK_LF_TAB | TK_LF_SPACED | TK_LF_BARE | TK_LF_ALONE };

/* "label|name|text|R|H" for a line that has a label (R when a role, H when a hearing's
 * label ending in a period), "-" for none. */
static const char *label_of(const tk_speakers *g, const char *line, unsigned forms)
{
    static char out[256];
    tk_label lab;
    size_t n = strlen(line);
    if (!tk_speaker_label(g, line, n, forms, &lab))
        return "-";
    snprintf(out, sizeof out, "%.*s|%.*s|%s%s%s", (int)lab.lab_len, line + lab.lab_off,
             (int)lab.name_len, line + lab.name_off, line + lab.text_off, lab.role ? "|R" : "",
             lab.hearing && (lab.form & TK_LF_PERIOD) ? "|H" : "");
    return out;
}

static const struct {
    const char *line;
    unsigned forms;
    const char *want;
} cases[] = {
    /* upper, mixed and title case; periods, initials, titles, digits, hyphens, underscores */
    {"MR. SMITH: Hello.", ALL, "MR. SMITH:|MR. SMITH|Hello."},
    {"Stony: Roger.", ALL, "Stony:|Stony|Roger."},
    {"Zhou Enlai: Yes.", ALL, "Zhou Enlai:|Zhou Enlai|Yes."},
    {"J. R. Smith: Indeed.", ALL, "J. R. Smith:|J. R. Smith|Indeed."},
    {"BELL 7: Go.", ALL, "BELL 7:|BELL 7|Go."},
    {"CC_A1: Copy.", ALL, "CC_A1:|CC_A1|Copy."},
    {"JEAN-PAUL: Oui.", ALL, "JEAN-PAUL:|JEAN-PAUL|Oui."},
    {"Charles de Gaulle: Non.", ALL, "Charles de Gaulle:|Charles de Gaulle|Non."},
    /* a qualifier in parentheses: kept in the label, not in the name */
    {"CDR (EVA): Stepping off.", ALL, "CDR (EVA):|CDR|Stepping off."},
    {"LMP(EVA): Okay.", ALL, "LMP(EVA):|LMP|Okay."},
    /* Q / A with or without a colon, labels followed by two spaces, a tab, no-break spaces */
    {"Q: Why?", ALL, "Q:|Q|Why?"},
    {"Q  Why now?", ALL, "Q|Q|Why now?"},
    {"Q\xc2\xa0\xc2\xa0 Why not?", ALL, "Q\xc2\xa0\xc2\xa0|Q|Why not?"},
    {"MR. CARNEY:\xc2\xa0 Welcome.", ALL, "MR. CARNEY:\xc2\xa0|MR. CARNEY|Welcome."},
    {"SENATOR BLAKE  We begin.", ALL, "SENATOR BLAKE|SENATOR BLAKE|We begin."},
    {"Nora\tHide the tree.", ALL, "Nora|Nora|Hide the tree."},
    {"Voice of Anya\tWhere?", ALL, "Voice of Anya|Voice of Anya|Where?|R"},
    {"Mrs.\xc2\xa0Linde\tYes.", ALL, "Mrs.\xc2\xa0Linde|Mrs.\xc2\xa0Linde|Yes."},
    /* plays: alone on its line, with or without a period; "Name." inline */
    {"HAMLET", ALL, "HAMLET|HAMLET|"},
    {"MRS. UPJOHN.", ALL, "MRS. UPJOHN.|MRS. UPJOHN|"},
    {"Algernon.  Did you hear?", ALL, "Algernon.|Algernon|Did you hear?"},
    {"Lady Bracknell.  Good afternoon.", ALL, "Lady Bracknell.|Lady Bracknell|Good afternoon."},
    /* hearings and depositions: a period after Q, A or a title and a name in capitals */
    {"Mr. SMITH. Thank you, Mr. Chairman.", ALL, "Mr. SMITH.|Mr. SMITH|Thank you, Mr. Chairman.|H"},
    {"The CHAIRMAN. Proceed.", ALL, "The CHAIRMAN.|The CHAIRMAN|Proceed.|H"},
    {"Q. Where were you born?", ALL, "Q.|Q|Where were you born?|H"},
    {"A. In Ohio.", ALL, "A.|A|In Ohio.|H"},
    {"J. Smith: Fine.", ALL, "J. Smith:|J. Smith|Fine."},
    /* markdown emphasis around the label; a timestamp before it */
    {"**Jerod Santo:** Hello, hello.", ALL, "**Jerod Santo:**|Jerod Santo|Hello, hello."},
    {"**Nick**: Hi.", ALL, "**Nick**:|Nick|Hi."},
    {"[00:12:34] CC: Roger.", ALL, "CC:|CC|Roger."},
    /* a time in columns before the code (3 or 4 groups, spaces or tabs); not a year, an
       hour of 24, a minute of 60, nor a row of figures */
    {"00 00 01 02 CDR       Roger.", ALL, "CDR|CDR|Roger."},
    {"14\t02\t09\tCC\tGo ahead.", ALL, "CC|CC|Go ahead."},
    {"2 23 59 59 LMP: Copy.", ALL, "LMP:|LMP|Copy."},
    {"00 24 01 02 CDR       Roger.", ALL, "-"},
    {"14 60 09 CC  Go.", ALL, "-"},
    {"1990 1991 1992 TOTAL     58", ALL, "-"},
    {"10 20 30 TOTAL     60", ALL, "-"},
    /* unknown speakers and roles: speakers, not persons */
    {"?: Garbled.", ALL, "?:|?|Garbled.|R"},
    {"QUESTION: What about it?", ALL, "QUESTION:|QUESTION|What about it?|R"},
    {"MODERATOR: Next.", ALL, "MODERATOR:|MODERATOR|Next.|R"},
    {"UNIDENTIFIED SPEAKER: No.", ALL, "UNIDENTIFIED SPEAKER:|UNIDENTIFIED SPEAKER|No.|R"},
    /* headings, rosters, numbering, salutations: never a speaker */
    {"PARTICIPANTS:", ALL, "-"},
    {"MEMBERS OF THE COMMITTEE:", ALL, "-"},
    {"ITEM 1. OPENING REMARKS: none", ALL, "-"},
    {"AGENDA ITEM 2: Budget", ALL, "-"},
    {"Sir: I have the honor.", ALL, "-"},
    {"Dear Sir: Thank you.", ALL, "-"},
    {"ACT II", ALL, "-"},
    /* sentences and prose */
    {"A man came in.", ALL, "-"},
    {"The meeting: it went well.", ALL, "-"}, /* a name's words are capitalised */
    {"He said: yes.", ALL, "-"},
    {"MR. SMITH:Hello", ALL, "-"},
    {"  MR. SMITH: indented", ALL, "-"},
    /* only the forms asked for */
    {"Algernon.  Did you hear?", TK_LF_COLON, "-"},
    {"Nora\tHide the tree.", TK_LF_COLON, "-"},
    {"HAMLET", TK_LF_COLON | TK_LF_ALONE, "-"},
    {"MR. SMITH:", TK_LF_COLON, "-"},
    {"MR. SMITH:", TK_LF_COLON | TK_LF_ALONE, "MR. SMITH:|MR. SMITH|"},
};

static void test_grammar(void)
{
    tk_speakers *g = tk_speakers_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = label_of(g, cases[i].line, cases[i].forms);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "\nlabel of \"%s\": got \"%s\", want \"%s\"\n", cases[i].line, got,
                    cases[i].want);
        CU_ASSERT_STRING_EQUAL(got, cases[i].want);
    }
    tk_speakers_free(g);
}

static void test_rules_words(void)
{
    char path[] = "/tmp/tk-speakers-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    const char *text = "label-role  COMMENTATOR\nlabel-not DECISION *\nstage-cue Slams the door\n";
    CU_ASSERT_EQUAL_FATAL(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_rules *r = tk_rules_new(path, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    tk_speakers *g = tk_speakers_new(r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_STRING_EQUAL(label_of(g, "COMMENTATOR: And he scores.", ALL),
                           "COMMENTATOR:|COMMENTATOR|And he scores.|R");
    CU_ASSERT_STRING_EQUAL(label_of(g, "DECISION OF THE BOARD: adopted", ALL), "-");
    CU_ASSERT_EQUAL(tk_speakers_stage_cue(g, "Slams the door and goes", 23), 14);
    CU_ASSERT_EQUAL(tk_speakers_stage_cue(g, "Exeunt", 6), 6);
    CU_ASSERT_EQUAL(tk_speakers_stage_cue(g, "Exits", 5), 0);
    tk_speakers_free(g);
    tk_rules_free(r);
    /* a directive without its word is an error at its line */
    fd = open(path, O_WRONLY | O_TRUNC);
    CU_ASSERT_EQUAL_FATAL(write(fd, "label-role \n", 12), 12);
    close(fd);
    CU_ASSERT_PTR_NULL(tk_rules_new(path, d));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":1:1:rules-no-word:label-role needs a word"));
    unlink(path);
    tk_diag_free(d);
}

/* The shape of a made-up text, with the runner-up. */
static tk_shape shape_of(const char *text, tk_shape_info *si)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_lines L;
    tk_shape s = TK_SHAPE_AUTO;
    tk_speakers *g = tk_speakers_new(NULL);
    if (g != NULL && tk_read_lines(text, strlen(text), NULL, "t.txt", d, &L) == 0) {
        tk_shape_detect(&L, 0, g, si);
        s = si->shape;
        tk_lines_free(&L);
    }
    tk_speakers_free(g);
    tk_diag_free(d);
    return s;
}

static void test_shapes(void)
{
    tk_shape_info si;
    /* a two-turn transcript is a transcript */
    CU_ASSERT_EQUAL(shape_of("MR. SMITH: Hello.\n\nMR. JONES: Hi.\n", &si), TK_SHAPE_TRANSCRIPT);
    /* a record that quotes a few NAME: lines stays a record */
    CU_ASSERT_EQUAL(
        shape_of("The Ambassador called on the Secretary this morning. He said that the "
                 "government had studied the proposal with care and found it wanting in several "
                 "respects, which he then listed at some length for the record.\n\n"
                 "The Secretary replied that the proposal had been made in good faith and that "
                 "he would be glad to hear any counter-proposal the government might make in the "
                 "coming weeks.\n\n"
                 "The exchange in the corridor, as the Secretary recalled it, ran:\n\n"
                 "AMBASSADOR: We cannot accept it.\n\nSECRETARY: Then say what you can accept.\n\n"
                 "The Ambassador said that he would consult his government and call again. The "
                 "Secretary stated that he would be away until Thursday but that the Under "
                 "Secretary would receive him at any time in the meantime.\n\n"
                 "It was agreed that the press would be told only that a meeting had taken "
                 "place and that the conversation had been cordial and frank on both sides.\n",
                 &si),
        TK_SHAPE_RECORD);
    /* a transcript whose turns go on in indented lines stays a transcript (not a play) */
    CU_ASSERT_EQUAL(shape_of("[00:00:01:02]\nCDR: We have a light on\n     the panel.\n\n"
                             "[00:00:01:09]\nCC: Say again.\n\n[00:00:01:15]\nCDR: The master\n"
                             "     alarm, Houston.\n\n[00:00:01:30]\nCC: Copy.\n",
                             &si),
                    TK_SHAPE_TRANSCRIPT);
    /* plays in three layouts */
    CU_ASSERT_EQUAL(shape_of("ACT I\n\nAnna\tWhere is he?\n\nBoris\tGone.\n\nAnna\tWhen?\n\n"
                             "Boris\tAt dawn.\n\nAnna\tAlone?\n\nBoris\tYes.\n",
                             &si),
                    TK_SHAPE_PLAY);
    CU_ASSERT_EQUAL(shape_of("Anna.  Where is he?\n\nBoris.  Gone.\n\nAnna.  When?\n\n"
                             "Boris.  At dawn.\n\nAnna.  Alone?\n\nBoris.  Yes.\n",
                             &si),
                    TK_SHAPE_PLAY);
    /* a hearing, a deposition */
    CU_ASSERT_EQUAL(shape_of("The CHAIRMAN. Come to order.\n\nMr. SMITH. Thank you.\n\n"
                             "Senator BLAKE. How long?\n\nMr. SMITH. Short.\n",
                             &si),
                    TK_SHAPE_TRANSCRIPT);
    CU_ASSERT_EQUAL(shape_of("Q. Where were you born?\n\nA. In Ohio.\n\nQ. When?\n\nA. 1921.\n", &si),
                    TK_SHAPE_TRANSCRIPT);
    /* an outline "A. ... B. ..." is no deposition */
    CU_ASSERT_EQUAL(shape_of("Plan\n\nA. The first point of the plan, which the committee adopted "
                             "after a long debate about its cost and its consequences for the "
                             "several departments concerned with the matter.\n\nB. The second "
                             "point, which the committee sent back to the drafting group for a "
                             "new text to be ready by the next meeting of the full board.\n",
                             &si),
                    TK_SHAPE_RECORD);
    CU_ASSERT_EQUAL(shape_of("ANNA.\n\nWhere is he?\n\nBORIS.\n\nGone.\n\nANNA.\n\nWhen?\n\n"
                             "BORIS.\n\nAt dawn.\n",
                             &si),
                    TK_SHAPE_PLAY);
}

/* Cast list headings: any case, a colon or period after, spaces around; near misses. */
static void test_cast_headings(void)
{
    CU_ASSERT_TRUE(tk_cast_heading("Dramatis Personae", 17));
    CU_ASSERT_TRUE(tk_cast_heading("  dramatis personae:", 20));
    CU_ASSERT_TRUE(tk_cast_heading("CHARACTERS IN THE PLAY.", 23));
    CU_ASSERT_TRUE(tk_cast_heading("cast", 4));
    CU_ASSERT_TRUE(tk_cast_heading("INTERLOCUTORI", 13));
    CU_ASSERT_TRUE(tk_cast_heading("Dramatis Person\xc3\xa6", 17));
    CU_ASSERT_FALSE(tk_cast_heading("Casts", 5));
    CU_ASSERT_FALSE(tk_cast_heading("Bast", 4));
    CU_ASSERT_FALSE(tk_cast_heading("dCast", 5));
    CU_ASSERT_FALSE(tk_cast_heading("", 0));
    CU_ASSERT_FALSE(tk_cast_heading("\xc3\x87" "ast", 5));
}

void tk_suite_speakers(void);
void tk_suite_speakers(void)
{
    CU_pSuite s = CU_add_suite("speakers", NULL, NULL);
    CU_add_test(s, "label grammar", test_grammar);
    CU_add_test(s, "word tables from a rules file", test_rules_words);
    CU_add_test(s, "shape detection and near misses", test_shapes);
    CU_add_test(s, "cast list headings", test_cast_headings);
}
