/* test_persons.c: personography loading and errors, the name matcher (longest match, word
 * boundaries, line breaks, possessives), speaker ids, honorific + name. */
#include <stdio.h>
#include <unistd.h>

#include "tk_internal.h"
#include "tk_test.h"

static char tmp_path[64];

static const char *write_tmp(const char *content)
{
    snprintf(tmp_path, sizeof tmp_path, "/tmp/tk-persons-XXXXXX");
    int fd = mkstemp(tmp_path);
    if (fd < 0)
        return NULL;
    size_t n = strlen(content);
    CU_ASSERT_EQUAL((size_t)write(fd, content, n), n);
    close(fd);
    return tmp_path;
}

static const char *const personography =
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><listPerson>"
    "<person xml:id='mao'><persName>Mao Zedong</persName><persName>Mao</persName></person>"
    "<person xml:id='kovalev-iv'><persName>Ivan V. Kovalev</persName>"
    "<persName>I. V. Kovalev</persName></person>"
    "<person xml:id='kovalev-ef'><persName>E.F. Kovalev</persName></person>"
    "<person xml:id='lenin'><persName>Lenin</persName></person>"
    "</listPerson></body></text></TEI>";

/* Collects matches as "id@start-end;" */
static void collect(const tk_person_match *m, void *user)
{
    char *out = user;
    size_t n = strlen(out);
    snprintf(out + n, 1024 - n, "%s@%zu-%zu;", m->id, m->start, m->end);
}

static const char *scan(tk_persons *p, const char *text)
{
    static char out[1024];
    out[0] = '\0';
    tk_persons_scan(p, text, strlen(text), collect, out);
    return out;
}

/* Discovery over text as one document, then the scan: what a conversion without a
 * personography marks. */
static const char *found(tk_persons *p, const char *text)
{
    tk_persons_discover_text(p, text, strlen(text));
    return scan(p, text);
}

static void test_load_and_match(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *path = write_tmp(personography);
    tk_persons *p = tk_persons_new(path, d);
    unlink(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(tk_persons_count(p), 4);
    /* longest form first: "Mao Zedong" not "Mao" */
    CU_ASSERT_STRING_EQUAL(scan(p, "Then Mao Zedong said"), "mao@5-15;");
    CU_ASSERT_STRING_EQUAL(scan(p, "Mao said"), "mao@0-3;");
    /* word boundaries: no match inside Maoist or Leninism */
    CU_ASSERT_STRING_EQUAL(scan(p, "Maoist Leninism"), "");
    /* across a line break and a run of spaces */
    CU_ASSERT_STRING_EQUAL(scan(p, "with Mao\n   Zedong."), "mao@5-18;");
    /* possessives, straight and curly */
    CU_ASSERT_STRING_EQUAL(scan(p, "Lenin's work, Lenin\xE2\x80\x99s."), "lenin@0-5;lenin@14-19;");
    /* two persons with the same surname keep apart by their forms */
    CU_ASSERT_STRING_EQUAL(scan(p, "I. V. Kovalev and E.F. Kovalev"),
                           "kovalev-iv@0-13;kovalev-ef@18-30;");
    /* no honorific guessing when a personography is given */
    CU_ASSERT_STRING_EQUAL(scan(p, "Comrade Stalin"), "");
    tk_persons_free(p);
    tk_diag_free(d);
}

static void test_load_errors(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *path = write_tmp("this is <not xml");
    CU_ASSERT_PTR_NULL(tk_persons_new(path, d));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "cannot read the personography"));
    unlink(path);
    tk_diag_free(d);

    d = tk_test_diag(&c);
    path = write_tmp("<listPerson xmlns='http://www.tei-c.org/ns/1.0'>"
                     "<person xml:id='a'><persName>A</persName></person>\n"
                     "<person xml:id='a'><persName>B</persName></person></listPerson>");
    CU_ASSERT_PTR_NULL(tk_persons_new(path, d));
    /* libxml2 knows xml:id is an ID: the duplicate is reported at its position */
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "error:2:19:xml:ID a already defined"));
    unlink(path);
    tk_diag_free(d);

    d = tk_test_diag(&c);
    path = write_tmp("<listPerson><person xml:id='a'><persName>A</persName></person></listPerson>");
    CU_ASSERT_PTR_NULL(tk_persons_new(path, d));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "no person elements found in the TEI namespace"));
    unlink(path);
    tk_diag_free(d);

    d = tk_test_diag(&c);
    CU_ASSERT_PTR_NULL(tk_persons_new("/nonexistent/persons.xml", d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
    tk_persons_free(NULL);
}

static void test_speakers(void)
{
    tk_persons *p = tk_persons_new(NULL, NULL);
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "MAO ZEDONG:", 11), "mao-zedong");
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "Mao Zedong:", 11), "mao-zedong"); /* same */
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "Mr. SMITH.", 10), "mr-smith");
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "MR SMITH:", 9), "mr-smith-2"); /* unique */
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "BELL 7:", 7), "bell-7");
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "1ST VOICE:", 10), "p-1st-voice");
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "Q:", 2), "interviewer");
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "A:", 2), "interviewee");
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "\xC3\x89MILE:", 7), "emile"); /* ASCII spelling */
    tk_persons_free(p);
    /* front matter names the interviewer */
    p = tk_persons_new(NULL, NULL);
    tk_persons_set_role_name(p, "interviewer", "Jane Roe");
    CU_ASSERT_STRING_EQUAL(tk_persons_speaker(p, "Q:", 2), "jane-roe");
    tk_persons_free(p);
}

struct listing { char buf[512]; };
static void list_used(const char *id, const char *const *names, size_t n, const char *role,
                      unsigned long count, void *user)
{
    struct listing *l = user;
    size_t k = strlen(l->buf);
    snprintf(l->buf + k, sizeof l->buf - k, "%s=%s(%zu,%s,%lu);", id, names[0], n,
             role ? role : "-", count);
}

static void test_honorifics_and_used(void)
{
    tk_persons *p = tk_persons_new(NULL, NULL);
    tk_persons_set_honorifics(p, 1);
    CU_ASSERT_STRING_EQUAL(found(p, "Comrade Stalin and Cde. Terebin met Colonel Razin."),
                           "stalin@0-14;terebin@19-31;razin@36-49;");
    CU_ASSERT_STRING_EQUAL(found(p, "Mr. Smith asked Dr. Carbo"), "smith@0-9;carbo@16-25;");
    /* a possessive ends the name: the same person */
    CU_ASSERT_STRING_EQUAL(found(p, "Mr. Smith's office"), "smith@0-9;");
    /* titles followed by no name, or by institutions */
    CU_ASSERT_STRING_EQUAL(found(p, "the Secretary of State and the General Assembly"), "");
    CU_ASSERT_STRING_EQUAL(found(p, "Dr. Henry Kissinger, National"), "kissinger-henry@0-19;");
    found(p, "Mr. Smith and Mr. Smith");
    tk_persons_speaker(p, "Q:", 2);
    struct listing l = {""};
    tk_persons_each_used(p, 0, list_used, &l);
    CU_ASSERT_STRING_EQUAL(l.buf, "smith=Smith(1,-,4);interviewer=Q(1,interviewer,1);");
    memset(&l, 0, sizeof l);
    tk_persons_each_used(p, 1, list_used, &l);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.buf, "stalin=Stalin"));
    tk_persons_free(p);
}

/* Title and office phrases, months, institutions: no persons. */
static void test_not_persons(void)
{
    tk_persons *p = tk_persons_new(NULL, NULL);
    tk_persons_set_honorifics(p, 1);
    const char *const none[] = {
        "the Minister Resident at Managua", "an Ambassador Extraordinary and Plenipotentiary",
        "the General Agreement on Tariffs", "the General Claims Convention of 1923",
        "Miss Universe was crowned", "a letter to Mr. Dr and friends",
        "sent to the President July 17 by", "the George C. Marshall Conference Center",
        "the U.S. Army and the U. S. Government", "on Monday February 3", "Virginia Avenue",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        const char *r = found(p, none[i]);
        CU_ASSERT_STRING_EQUAL(r, "");
        if (r[0])
            fprintf(stderr, "not a person: %s -> %s\n", none[i], r);
    }
    tk_persons_free(p);
}

/* Given name + surname, initials + surname, and every later mention of the surname. */
static void test_given_names(void)
{
    tk_persons *p = tk_persons_new(NULL, NULL);
    tk_persons_set_honorifics(p, 1);
    CU_ASSERT_STRING_EQUAL(found(p, "Jean Monnet met Paul Volcker; Volcker's aide, then Monnet"),
                           "monnet-jean@0-11;volcker-paul@16-28;volcker-paul@30-37;"
                           "monnet-jean@51-57;");
    /* two initials make a name; different initials, different persons */
    CU_ASSERT_STRING_EQUAL(found(p, "E.F. Kovalev and I. V. Kovalev"),
                           "kovalev-ef@0-12;kovalev-iv@17-30;");
    /* one initial alone is not enough evidence */
    CU_ASSERT_STRING_EQUAL(found(p, "see J. Doakes above"), "");
    tk_persons_free(p);
}

/* One id per person, different persons apart. */
static void test_identity(void)
{
    tk_persons *p = tk_persons_new(NULL, NULL);
    tk_persons_set_honorifics(p, 1);
    CU_ASSERT_STRING_EQUAL(found(p, "Mr. John H. Spencer saw Mr. Spencer"),
                           "spencer-john@0-19;spencer-john@24-35;");
    /* a woman's title does not join a man's name */
    CU_ASSERT_STRING_EQUAL(found(p, "Mrs. Doe and Mr. Doe"), "doe@0-8;doe-2@13-20;");
    CU_ASSERT_STRING_EQUAL(found(p, "Talk between Mao Zedong and Ivan Kovalev: Madame Mao, "
                                    "Chairman Mao"),
                           "mao-zedong@13-23;kovalev-ivan@28-40;mao@42-52;mao-zedong@54-66;");
    /* two given names: two persons; the surname alone goes to the one with most evidence */
    CU_ASSERT_STRING_EQUAL(found(p, "Jimmy Carter and Walter Carter; President Carter"),
                           "carter-jimmy@0-12;carter-walter@17-30;carter-jimmy@32-48;");
    /* a label with offices joins the named person; roles are no persons */
    found(p, "Robert Hormats spoke.");
    const char *who = tk_persons_speaker(p, "UNDER SECRETARY HORMATS:", 24);
    CU_ASSERT_STRING_EQUAL(who ? who : "", "hormats-robert");
    CU_ASSERT_PTR_NULL(tk_persons_speaker(p, "QUESTION:", 9));
    CU_ASSERT_PTR_NULL(tk_persons_speaker(p, "THE CHAIRMAN:", 13));
    CU_ASSERT_PTR_NULL(tk_persons_speaker(p, "SENIOR ADMINISTRATION OFFICIAL:", 31));
    tk_persons_free(p);
}

void tk_suite_persons(void);
void tk_suite_persons(void)
{
    CU_pSuite s = CU_add_suite("persons", NULL, NULL);
    CU_add_test(s, "personography and matching", test_load_and_match);
    CU_add_test(s, "not XML, duplicate ids, no TEI persons", test_load_errors);
    CU_add_test(s, "speaker ids", test_speakers);
    CU_add_test(s, "honorifics and the persons used", test_honorifics_and_used);
    CU_add_test(s, "title phrases, months, institutions are no persons", test_not_persons);
    CU_add_test(s, "given name + surname, initials, later mentions", test_given_names);
    CU_add_test(s, "one id per person", test_identity);
}
