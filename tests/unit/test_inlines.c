/* test_inlines.c: the inline pass on real corpus text: each bracket class, sic scope, supplied
 * vs gloss, footnote vs number, nesting, unbalanced brackets, persons and dates nesting. */
#include <stdio.h>

#include "tk_inline_test.h"

typedef struct {
    const char *in, *want;
} pair;

static void check_pairs(const pair *p, size_t n, int has)
{
    for (size_t i = 0; i < n; i++) {
        if (has)
            TK_ASSERT_HAS(p[i].in, p[i].want);
        else
            TK_ASSERT_LACKS(p[i].in, p[i].want);
    }
}
#define CHECK_HAS(a) check_pairs(a, sizeof a / sizeof *a, 1)
#define CHECK_LACKS(a) check_pairs(a, sizeof a / sizeof *a, 0)

/* ---- sic ---- */

static void test_sic_scope_positive(void)
{
    static const pair p[] = {
        {"Mao Zedong reiterated that one cannot [sic, probably \xe2\x80\x9c" "can\xe2\x80\x9d] rule out",
         "one <choice><sic>cannot</sic><corr cert=\"medium\">can</corr></choice> <note type=\"sic\" "
         "place=\"inline\" rend=\"bracketed\">sic, probably \xe2\x80\x9c" "can\xe2\x80\x9d</note> rule"},
        {"Party Okano (Nozako Sanzo) [sic, should be Nosaka Sanzo] held",
         "(<choice><sic>Nozako Sanzo</sic><corr>Nosaka Sanzo</corr></choice>) <note type=\"sic\""},
        {"received his PhD there in 1996. From 1997 [sic. 1977] to 1981, he was",
         "From <choice><sic>1997</sic><corr>1977</corr></choice> <note"},
        {"in fact it [sic, should be he] would, as I understand",
         "in fact <choice><sic>it</sic><corr>he</corr></choice> <note"},
        {"ose private or judicial persons to whose account they stood [sic, should be stand] All",
         "they <choice><sic>stood</sic><corr>stand</corr></choice> <note"},
        {"by the arrivals in Moscow and flax near German lines [sic, probably lands].",
         "German <choice><sic>lines</sic><corr cert=\"medium\">lands</corr></choice> <note"},
        {"the present segregated [sic, should be separate] committees",
         "present <choice><sic>segregated</sic><corr>separate</corr></choice>"},
        {"that it is competent [sic, possibly \"compelled\"] to the Commission",
         "<choice><sic>competent</sic><corr cert=\"medium\">compelled</corr></choice>"},
        {"in the space shipper [sic, should be ship]",
         "space <choice><sic>shipper</sic><corr>ship</corr></choice>"},
        {"current opinion [sic, should be operations?] and new business",
         "<choice><sic>opinion</sic><corr cert=\"medium\">operations</corr></choice>"},
        {"to relieve Moscow [sic: Murmansk] from, and remedy",
         "relieve <choice><sic>Moscow</sic><corr>Murmansk</corr></choice>"},
    };
    CHECK_HAS(p);
}

static void test_sic_scope_negative(void)
{
    /* a bare [sic] never guesses a scope; a correction whose words cannot be found keeps the
     * note and warns */
    static const pair p[] = {
        {"in the leadership of the party [sic].", "<choice>"},
        {"locomotives and great scarcity fuel [sic]. Selections", "<choice>"},
        {"Manchouli 4 [sic], Kwangchengtze 100,", "<choice>"},
        {"our debt to Guaranty Trust Co., $12,005,000 [sic];", "<choice>"},
        {"Amend lines 6, 9 and 7 [sic], section 1, so that", "<choice>"},
        {"and that management of railways by him does not pursue [sic] the creation", "<sic>"},
        {"[sic, should be Nosaka Sanzo] held the erroneous point", "<choice>"},
        {"were here September 8. [sic, should be September 18] Allied", "<choice>"},
        {"one cannot. [sic, probably \xe2\x80\x9c" "can\xe2\x80\x9d] rule out", "<choice>"},
        {"as [sic] previous conditions", "<choice>"},
        {"on that account of [sic] this matter", "<choice>"},
    };
    CHECK_LACKS(p);
    TK_ASSERT_HAS("in the leadership of the party [sic].",
                  "party <note type=\"sic\" place=\"inline\" rend=\"bracketed\">sic</note>.");
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_itest_run(&it, "[sic, should be Nosaka Sanzo] held");
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:1:1:sic-scope:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(it.xml, "<note type=\"sic\" place=\"inline\" rend=\"bracketed\">sic, should be Nosaka Sanzo</note>"));
    tk_itest_free(&it);
}

/* ---- supplied vs gloss ---- */

static void test_supplied_positive(void)
{
    static const pair p[] = {
        {"To this Mao Zedong said that Tito is [like] Zhang Guotao, a former",
         "Tito is <supplied reason=\"omitted\" rend=\"bracketed\">like</supplied> Zhang"},
        {"the exchange of notes between the Governments [of] Paraguay and Chile.",
         "<supplied reason=\"omitted\" rend=\"bracketed\">of</supplied> Paraguay"},
        {"(4) Prospects [of] war the expense of which", "<supplied reason=\"omitted\" rend=\"bracketed\">of</supplied> war"},
        {"P: Fuel 102-101 [percent], oxygen 78-100 [percent], amps 27.",
         "102-101 <supplied reason=\"omitted\" rend=\"bracketed\">percent</supplied>,"},
        {"Flight path is good, 69 [degrees].", "<supplied reason=\"omitted\" rend=\"bracketed\">degrees</supplied>."},
        {"[Washington,] April 12, 1934.", "<supplied reason=\"omitted\" rend=\"bracketed\">Washington,</supplied>"},
        {"3126. [For] McAdoo from Cravath:", "<supplied reason=\"omitted\" rend=\"bracketed\">For</supplied> McAdoo"},
        {"104. [Your] August 2, 3 p.m.", "<supplied reason=\"omitted\" rend=\"bracketed\">Your</supplied>"},
        {"for a conference of representative[s] of American States",
         "representative<supplied reason=\"omitted\" rend=\"bracketed\">s</supplied> of"},
        {"Since your [omission?] nothing from Moscow", "<gap reason=\"omitted\" cert=\"low\" rend=\"bracketed\"><desc>omission?</desc></gap>"},
        {"and [as concerns] the Chinese Eastern", "<supplied reason=\"omitted\" rend=\"bracketed\">as concerns</supplied>"},
        {"reply quoted in my number 385, December 13, 10 [9?] a.m.",
         "<supplied reason=\"omitted\" cert=\"low\" rend=\"bracketed query\">9</supplied> a.m."},
    };
    CHECK_HAS(p);
}

static void test_gloss_positive(void)
{
    static const pair p[] = {
        {"I[van] V. Kovalev. and [Soviet China specialist] E.F. Kovalev were present",
         "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">Soviet China specialist</note> E.F."},
        {"were [former CCP CC Politburo member] Bo Gu and", "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">former CCP CC Politburo member</note> Bo"},
        {"and [former General Secretary of CCP CC] Luo Fu [Zhang Wentian] who sided",
         "Luo Fu <note type=\"editorial\" place=\"inline\" rend=\"bracketed\">Zhang Wentian</note> who"},
        {"After 1928 Zhou Enlai and Strakhov [Li Lisan] visited Moscow",
         "Strakhov <note type=\"editorial\" place=\"inline\" rend=\"bracketed\">Li Lisan</note>"},
        {"headed by [cofounder of the CCP] Chen Duxiu.", "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">cofounder of the CCP</note> Chen"},
        {"Richard C. Snyder [Not present], Director, Mershon Center",
         "Snyder <note type=\"editorial\" subtype=\"attendance\" place=\"inline\" rend=\"bracketed\">Not present</note>,"},
        {"in 1937 [now CCP CC member, future Ambassador to the USSR] Wang Jiaxiang returned",
         "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">now CCP CC member, future Ambassador to the USSR</note>"},
        {"he died in an air crash together with [former Communist military leader] Ye Ting",
         "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">former Communist military leader</note> Ye"},
        {"and [former CCP representative in Chongqing] Wang Ruofei.", "rend=\"bracketed\">former CCP representative in Chongqing</note>"},
        {"the Vice Minister [Economic and Cultural Affairs Bureau] said",
         "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">Economic and Cultural Affairs Bureau</note>"},
        {"1584. For Stevens [from Willard]:", "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">from Willard</note>:"},
    };
    CHECK_HAS(p);
}

static void test_supplied_gloss_negative(void)
{
    /* glosses are not supplied text, supplied words are not glosses, editorial headings are
     * neither */
    static const pair not_supplied[] = {
        {"[Soviet China specialist] E.F. Kovalev", "<supplied"},
        {"Luo Fu [Zhang Wentian] who sided", "<supplied"},
        {"Strakhov [Li Lisan] visited Moscow", "<supplied"},
        {"Richard C. Snyder [Not present], Director", "<supplied"},
        {"[Telegram.\xe2\x80\x94Paraphrase.]", "<supplied"},
        {"[Received 3:45 p.m.]", "<supplied"},
    };
    static const pair not_gloss[] = {
        {"Tito is [like] Zhang Guotao", "type=\"editorial\""},
        {"Governments [of] Paraguay and Chile", "type=\"editorial\""},
        {"oxygen 78-100 [percent], amps 27.", "type=\"editorial\""},
        {"[Washington,] April 12, 1934.", "type=\"editorial\""},
        {"3126. [For] McAdoo from Cravath:", "type=\"editorial\""},
    };
    CHECK_LACKS(not_supplied);
    CHECK_LACKS(not_gloss);
}

/* ---- footnote markers vs numbers ---- */

static void test_footnote_positive(void)
{
    static const pair p[] = {
        {"retreat is a rational form of struggle.1 But during",
         "struggle.<note place=\"foot\" n=\"1\" rend=\"plain\"/> But"},
        {"signed at Rio de Janeiro, October 10, 1933,[3] requested",
         "<note place=\"foot\" n=\"3\" rend=\"bracketed\"/> requested"},
        {"in conversation with Stoppani[6] to ascertain", "Stoppani<note place=\"foot\" n=\"6\" rend=\"bracketed\"/> to"},
        {"Department\xe2\x80\x99s No. 66, April 15, noon.[5] The", "noon.<note place=\"foot\" n=\"5\""},
        {"appropriate time to the Minister[4] asking", "Minister<note place=\"foot\" n=\"4\""},
        {"the Pan American Conference on December 24th[6] on the proposal", "24th<note place=\"foot\" n=\"6\""},
        {"debt service[*]; but this means", "service<note place=\"foot\" n=\"*\" rend=\"bracketed\"/>;"},
        {"the struggle\xc2\xb9 continued", "struggle<note place=\"foot\" n=\"1\" rend=\"superscript\"/> continued"},
        {"as the Soviet government declared,12 the loans", "declared,<note place=\"foot\" n=\"12\" rend=\"plain\"/> the"},
        {"dated November 21,[21] as well", "21,<note place=\"foot\" n=\"21\""},
        {"[Received 5:11 p.m.[82]]",
         "<note type=\"editorial\" subtype=\"received\" place=\"inline\" rend=\"bracketed\">Received 5:11 p.m.<note place=\"foot\" n=\"82\" rend=\"bracketed\"/></note>"},
    };
    CHECK_HAS(p);
}

static void test_footnote_negative(void)
{
    static const pair p[] = {
        {"the CCP appeared in 1921 under the direct influence", "place=\"foot\""},
        {"He separated the party history into 4 periods:", "place=\"foot\""},
        {"APRF: F. 39, Op. 1, D. 39, Ll. 47-53.", "place=\"foot\""},
        {"Vol. 5, Book 2, 1946-February 1950", "place=\"foot\""},
        {"(Moscow: Pamiatniki Istoricheskoi Mysli, 2005), p. 62-66.", "place=\"foot\""},
        {"Referring to Department\xe2\x80\x99s No. 66, July 17, 4[6] p.m., I last night", "place=\"foot\""},
        {"i.e. only in 1921. We immediately took up", "place=\"foot\""},
        {"the current 3 million strong People's Liberation Army.", "place=\"foot\""},
        {"There are 44 members of the CC, 33 candidate members.", "place=\"foot\""},
        {"710.1012 Anti-War/73", "place=\"foot\""},
        {"Department\xe2\x80\x99s 88, September 10, 6 p.m. Officials", "place=\"foot\""},
        {"see Foreign Relations, 1923, vol. i, pp. 351 ff.", "place=\"foot\""},
    };
    CHECK_LACKS(p);
}

static void test_weak_marker_needs_note(void)
{
    /* "(1)" after a word is a marker only when the notes section has note 1 */
    tk_itest it;
    tk_itest_init(&it, NULL);
    const char *x = tk_itest_run_at(&it, "as the decree(1) says", 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "<note place=\"foot\" n=\"1\" rend=\"parenthesized\"/>"));
    tk_inline_finish(&it.cv);
    char *after = tk_itest_dump(it.body->last);
    CU_ASSERT_STRING_EQUAL(after, "as the decree(1) says");
    free(after);
    tk_itest_free(&it);

    tk_itest_init(&it, NULL);
    tk_itest_run_at(&it, "as the decree(1) says", 3);
    tk_span sp = tk_itest_span("(1) Decree of January 28, 1918.", 9);
    CU_ASSERT_EQUAL(tk_footnotes_add_line(&it.cv, &sp), 1);
    tk_inline_finish(&it.cv);
    after = tk_itest_dump(it.body->last);
    /* the notes section printed the label "(1)": label-parenthesized, for diplomatic output */
    CU_ASSERT_STRING_EQUAL(after, "as the decree<note place=\"foot\" n=\"1\" rend=\"parenthesized "
                                  "label-parenthesized\">Decree of "
                                  "<date when=\"1918-01-28\">January 28, 1918</date>.</note> says");
    free(after);
    tk_itest_free(&it);
}

/* ---- the other bracket classes ---- */

static void test_bracket_classes(void)
{
    static const pair p[] = {
        {"The closest ties are with the com[munist] parties", "the <expan>com<ex>munist</ex></expan> parties"},
        {"At this time the Sov[iet] Union helped us", "<expan>Sov<ex>iet</ex></expan> Union"},
        {"H[erbert] F[eis]", "<expan>H<ex>erbert</ex></expan> <expan>F<ex>eis</ex></expan>"},
        {"ficial exchange for dollar [Page 407] debt service", "dollar <pb n=\"407\" rend=\"bracketed\"/> debt"},
        {"[Telegram.\xe2\x80\x94Paraphrase.]", "<note type=\"editorial\" subtype=\"doctype\" place=\"inline\" rend=\"bracketed\">Telegram.\xe2\x80\x94Paraphrase.</note>"},
        {"[Received September 12, 1918\xe2\x80\x94" "3:45 p.m.]", "rend=\"bracketed\">Received <date when=\"1918-09-12\">September 12, 1918</date>"},
        {"I am [etc.]", "<gap reason=\"editorial\" rend=\"bracketed\"><desc>etc.</desc></gap>"},
        {"the U.S. might [unclear] perception", "<gap reason=\"unclear\" rend=\"bracketed\"><desc>unclear</desc></gap>"},
        {"said so [2 words illegible] today", "<gap reason=\"illegible\" quantity=\"2\" unit=\"words\" rend=\"bracketed\"><desc>2 words illegible</desc></gap>"},
        {"the answer was [unclear: Moscow]", "<unclear reason=\"illegible\" rend=\"bracketed prefixed-unclear\">Moscow</unclear>"},
        {"For Fred. The IOS [?] has caught you", "The <unclear>IOS</unclear> <note type=\"query\" place=\"inline\" rend=\"bracketed\">?</note>"},
        {"SECRETARY KISSINGER: That is right. (Laughter.)", "<vocal rend=\"parenthesized\"><desc>Laughter.</desc></vocal>"},
        {"we will see (inaudible) in Hanoi", "<gap reason=\"inaudible\" rend=\"parenthesized\"><desc>inaudible</desc></gap>"},
        {"thank you very much. (Applause.)", "<incident rend=\"parenthesized\"><desc>Applause.</desc></incident>"},
        {"well [laughs] yes", "<vocal rend=\"bracketed\"><desc>laughs</desc></vocal>"},
        {"and so [long pause] we", "<pause type=\"long\" rend=\"bracketed\"/>"},
        {"What, has this thing appear'd again to-night? [Aside]", "<stage type=\"delivery\" rend=\"bracketed\">Aside</stage>"},
        {"please contact us at [email\xc2\xa0protected].", "at [email\xc2\xa0protected]."},
        {"Okay. [00:12:34] Go ahead.", "<anchor synch=\"#tk-T00-12-34\" n=\"00:12:34\" rend=\"bracketed\"/>"},
        {"at (2:09:06). Go", "at <anchor synch=\"#tk-T2-09-06\" n=\"2:09:06\" rend=\"parenthesized\"/>."},
        {"right [12:34] then", "<anchor synch=\"#tk-T12-34\" n=\"12:34\" rend=\"bracketed\"/>"},
        {"no [crosstalk] yes", "<vocal type=\"crosstalk\" rend=\"bracketed\"><desc>crosstalk</desc></vocal>"},
        {"so [pause] we", "so <pause rend=\"bracketed\"/> we"},
        {"the [illegible] word", "<gap reason=\"illegible\" rend=\"bracketed\"><desc>illegible</desc></gap>"},
        {"we [inaudible] it", "<gap reason=\"inaudible\" rend=\"bracketed\"><desc>inaudible</desc></gap>"},
        {"and [...] then", "<gap reason=\"omitted\" rend=\"bracketed\"><desc>...</desc></gap>"},
        {"[Translation.]", "<note type=\"editorial\" subtype=\"doctype\" place=\"inline\" rend=\"bracketed\">Translation.</note>"},
        {"[Extract.]", "<note type=\"editorial\" subtype=\"doctype\" place=\"inline\" rend=\"bracketed\">Extract.</note>"},
    };
    CHECK_HAS(p);
}

static void test_not_editorial(void)
{
    /* brackets in URLs, addresses and code stay text */
    static const pair p[] = {
        {"see http://example.org/list[1] for it", "see http://example.org/list[1] for it"},
        {"write to info@example.org[2] today", "write to info@example.org[2] today"},
        {"the loop sets arr[i] = 0 each time", "the loop sets arr[i] = 0 each time"},
        {"as [1] shows, the method", "as [1] shows, the method"},
    };
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
        tk_itest it;
        tk_itest_init(&it, NULL);
        tk_itest_run(&it, p[i].in);
        tk_inline_finish(&it.cv); /* a detached [1] without a note is put back as text */
        char *x = tk_itest_dump(it.body->last);
        if (strcmp(x, p[i].want) != 0)
            fprintf(stderr, "\n  input: %s\n  got:   %s\n", p[i].in, x);
        CU_ASSERT_STRING_EQUAL(x, p[i].want);
        free(x);
        tk_itest_free(&it);
    }
}

static void test_unbalanced_and_unknown(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    const char *x = tk_itest_run_at(&it, "[Received December 5\xe2\x80\x94" "3:27 p.m.\nthe text", 7);
    CU_ASSERT_PTR_NOT_NULL(strstr(x, "[Received December 5"));
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:7:1:bracket-unbalanced:"));
    x = tk_itest_run_at(&it, "stray ] here", 9);
    CU_ASSERT_STRING_EQUAL(x, "stray ] here");
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:9:7:bracket-unbalanced:"));
    x = tk_itest_run_at(&it, "two [glossary:LCG]s in the", 11);
    CU_ASSERT_STRING_EQUAL(x, "two [glossary:LCG]s in the");
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:11:5:bracket-unknown:"));
    x = tk_itest_run_at(&it, "And either [ ] the devil", 12);
    CU_ASSERT_STRING_EQUAL(x, "And either [ ] the devil");
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "warning:12:12:bracket-empty:"));
    tk_itest_free(&it);
}

static void test_explain_notes(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_itest_run(&it, "Tito is [like] Zhang");
    CU_ASSERT_PTR_NULL(strstr(it.cap.buf, "note:")); /* only with --explain */
    it.cv.explain = 1;
    tk_diag_set_notes(it.cv.diag, 1);
    tk_itest_run_at(&it, "Tito is [like] Zhang in 1946", 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "note:4:9:supplied:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(it.cap.buf, "note:4:25:date-found:"));
    tk_itest_free(&it);
}

static void test_timeline_ids_shared(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_itest_run(&it, "[-00:00:00:10] CDR: Go. [00:00:02:08]");
    tk_itest_run(&it, "again [00:00:02:08]");
    CU_ASSERT_PTR_NOT_NULL(it.cv.timeline);
    char *tl = tk_itest_dump(it.cv.timeline);
    CU_ASSERT_STRING_EQUAL(tl, "<when xml:id=\"tk-T0\"/><when xml:id=\"tk-Tm00-00-00-10\" interval=\"-10\" since=\"#tk-T0\"/>"
                               "<when xml:id=\"tk-T00-00-02-08\" interval=\"128\" since=\"#tk-T0\"/>");
    free(tl);
    CU_ASSERT_EQUAL(it.cv.n_timestamps, 3);
    tk_itest_free(&it);
}

/* One when per distinct id: the same time written differently ([0:05] and [00:05], [01:00]
 * and [00:01:00]) is a different id, the same writing is the same id, the sign counts. */
static void test_timeline_one_when_per_id(void)
{
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_itest_run(&it, "[0:05] a [00:05] b [00:05] c [00:01:00] d [01:00] e [01:00]");
    tk_itest_run(&it, "[9999:59] g [23:59:59] h [-00:00:00:05] i [00:00:00:05] j [0:00:00:05]");
    char *tl = tk_itest_dump(it.cv.timeline);
    const char *ids[] = {"tk-T0-05",         "tk-T00-05",      "tk-T00-01-00",
                         "tk-T01-00",        "tk-T9999-59",    "tk-T23-59-59",
                         "tk-Tm00-00-00-05", "tk-T00-00-00-05", "tk-T0-00-00-05"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        char want[64];
        snprintf(want, sizeof want, "xml:id=\"%s\"", ids[i]);
        const char *at = strstr(tl, want);
        CU_ASSERT_PTR_NOT_NULL(at);
        CU_ASSERT(at == NULL || strstr(at + 1, want) == NULL); /* once */
    }
    size_t whens = 0;
    for (const char *p = tl; (p = strstr(p, "<when ")) != NULL; p++)
        whens++;
    CU_ASSERT_EQUAL(whens, 1 + sizeof ids / sizeof *ids); /* the origin and each id once */
    free(tl);
    tk_itest_free(&it);
}

static void test_persons_through_brackets(void)
{
    const char *path = "/tmp/tk-test-persons.xml";
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("<listPerson xmlns=\"http://www.tei-c.org/ns/1.0\">"
          "<person xml:id=\"kovalev\"><persName>Ivan V. Kovalev</persName></person>"
          "<person xml:id=\"luofu\"><persName>Luo Fu</persName><persName>Zhang Wentian</persName></person>"
          "<person xml:id=\"hull\"><persName>Cordell Hull</persName></person>"
          "</listPerson>", f);
    fclose(f);
    tk_itest it;
    tk_itest_init(&it, NULL);
    tk_persons_free(it.cv.persons);
    it.cv.persons = tk_persons_new(path, it.cv.diag);
    CU_ASSERT_PTR_NOT_NULL_FATAL(it.cv.persons);
    /* the name form matches through the expansion; the persName holds the expan */
    CU_ASSERT_STRING_EQUAL(tk_itest_run(&it, "took part. I[van] V. Kovalev. and"),
                           "took part. <persName ref=\"#kovalev\"><expan>I<ex>van</ex></expan> V. "
                           "Kovalev</persName>. and");
    /* one person, two names: the second inside the gloss */
    CU_ASSERT_STRING_EQUAL(tk_itest_run(&it, "[former General Secretary of CCP CC] Luo Fu [Zhang Wentian] who"),
                           "<note type=\"editorial\" place=\"inline\" rend=\"bracketed\">former General "
                           "Secretary of CCP CC</note> <persName ref=\"#luofu\">Luo Fu</persName> <note "
                           "type=\"editorial\" place=\"inline\" rend=\"bracketed\"><persName "
                           "ref=\"#luofu\">Zhang Wentian</persName></note> who");
    CU_ASSERT_STRING_EQUAL(tk_itest_run(&it, "C[ordell] H[ull]"),
                           "<persName ref=\"#hull\"><expan>C<ex>ordell</ex></expan> "
                           "<expan>H<ex>ull</ex></expan></persName>");
    tk_itest_free(&it);
    remove(path);
}

void tk_suite_inlines(void);
void tk_suite_inlines(void)
{
    CU_pSuite s = CU_add_suite("inlines", NULL, NULL);
    CU_add_test(s, "sic scope: positive", test_sic_scope_positive);
    CU_add_test(s, "sic scope: negative", test_sic_scope_negative);
    CU_add_test(s, "supplied: positive", test_supplied_positive);
    CU_add_test(s, "gloss: positive", test_gloss_positive);
    CU_add_test(s, "supplied vs gloss: negative", test_supplied_gloss_negative);
    CU_add_test(s, "footnote markers: positive", test_footnote_positive);
    CU_add_test(s, "footnote markers: negative (numbers)", test_footnote_negative);
    CU_add_test(s, "weak markers need a note", test_weak_marker_needs_note);
    CU_add_test(s, "bracket classes", test_bracket_classes);
    CU_add_test(s, "unbalanced and unknown brackets", test_unbalanced_and_unknown);
    CU_add_test(s, "not editorial: URLs, addresses, code, citations", test_not_editorial);
    CU_add_test(s, "explain notes", test_explain_notes);
    CU_add_test(s, "timeline ids shared", test_timeline_ids_shared);
    CU_add_test(s, "one when per timeline id", test_timeline_one_when_per_id);
    CU_add_test(s, "persons through brackets", test_persons_through_brackets);
}
