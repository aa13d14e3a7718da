/* test_rules.c: the rule table: every built-in rule parses, the matcher, and `--rules` files
 * (format errors with line:col, overriding and turning off built-in rules, samples/nasa.rules). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "tk_inline_test.h"

static char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/tk-rules-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    ssize_t w = write(fd, text, strlen(text));
    close(fd);
    return w < 0 ? NULL : path;
}

static const char *match_name(const tk_rules *r, const char *inner, int attached)
{
    tk_rule_match m;
    return tk_rules_match(r, inner[0] == '(' ? '(' : '[', inner + 1, strlen(inner) - 2, attached, &m)
               ? m.rule->name
               : "-";
}

static void test_builtin_table(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_rules *r = tk_rules_new(NULL, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(c.n, 0); /* every built-in line parses */
    CU_ASSERT(tk_rules_count(r) > 80);
    CU_ASSERT_STRING_EQUAL(match_name(r, "[sic]", 0), "sic");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[SIC]", 0), "sic");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[sic, should be Nosaka Sanzo]", 0), "sic-corr");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[Page 465]", 0), "page");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[Page x]", 0), "words");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[12]", 0), "footnote");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[00:00:02:08]", 0), "timestamp");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[-00:00:00:10]", 0), "timestamp-neg");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[12:34]", 0), "timestamp-ms");
    CU_ASSERT_STRING_EQUAL(match_name(r, "(00:12:34)", 0), "timestamp-paren");
    CU_ASSERT_STRING_EQUAL(match_name(r, "(Laughter.)", 0), "laughter-pdot");
    CU_ASSERT_STRING_EQUAL(match_name(r, "(1)", 0), "-"); /* (1) alone is a list number */
    CU_ASSERT_STRING_EQUAL(match_name(r, "(1)", 1), "footnote-paren");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[munist]", 1), "attached");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[munist]", 0), "words");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[Received 3:45 p.m.]", 0), "received");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[Telegram.\xe2\x80\x94Paraphrase.]", 0), "doc-telegram");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[2 words illegible]", 0), "gap-count");
    CU_ASSERT_STRING_EQUAL(match_name(r, "[Aside]", 0), "stage-aside");
    CU_ASSERT_STRING_EQUAL(match_name(r, "(as he said)", 0), "-");
    tk_rules_free(r);
    tk_diag_free(d);
}

static void test_file_errors(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    const char *path = write_tmp("# comment\n"
                                 "ok [x:*] -> term {$1}\n"
                                 "bad1 [x:*] term\n"
                                 "bad2 x:* -> term\n"
                                 "bad3 [x:*] -> script {$1}\n"
                                 "bad4 [x:*] -> term {$2}\n"
                                 "bad5 [x:*] loud -> term\n"
                                 "date-order ymd\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    tk_rules *r = tk_rules_new(path, d);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":3:6:rules:missing '->'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":4:6:rules:pattern must start"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":5:15:rules:element not allowed"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":6:15:rules:content names a capture"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":7:12:rules:unknown flag"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":8:12:rules-date-order:date-order"));
    CU_ASSERT_EQUAL(tk_diag_count(d, TK_ERROR), 6);
    unlink(path);
    tk_diag_free(d);
    c.n = 0;
    d = tk_test_diag(&c);
    CU_ASSERT_PTR_NULL(tk_rules_new("/nonexistent/x.rules", d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
}

static void test_override_and_off(void)
{
    const char *path = write_tmp("etc [etc.] -> supplied reason=abridged {$0}\n"
                                 "laughter off\n"
                                 "date-order mdy\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    tk_itest it;
    tk_itest_init(&it, path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(it.cv.rules);
    CU_ASSERT_EQUAL(tk_rules_date_order(it.cv.rules), TK_DATE_MDY);
    CU_ASSERT_STRING_EQUAL(tk_itest_run(&it, "I am [etc.]"),
                           "I am <supplied reason=\"abridged\" rend=\"bracketed\">etc.</supplied>");
    /* [laughter] is turned off: it falls to the word guess */
    CU_ASSERT_STRING_EQUAL(tk_itest_run(&it, "so [laughter] yes"),
                           "so <supplied reason=\"omitted\" rend=\"bracketed\">laughter</supplied> yes");
    tk_itest_free(&it);
    unlink(path);
}

static void test_nasa_rules(void)
{
    if (access("samples/nasa.rules", R_OK) != 0) {
        CU_FAIL("samples/nasa.rules missing (run from the repository root)");
        return;
    }
    tk_itest it;
    tk_itest_init(&it, "samples/nasa.rules");
    CU_ASSERT_PTR_NOT_NULL_FATAL(it.cv.rules);
    CU_ASSERT_STRING_EQUAL(
        tk_itest_run(&it, "two [glossary:LCG]s in the [glossary:ASCS|ASCS] at [time:00:00:59:46|59 46]"),
        "two <term type=\"glossary\" key=\"LCG\">LCG</term>s in the <term type=\"glossary\" "
        "key=\"ASCS\">ASCS</term> at <rs type=\"GET\" key=\"00:00:59:46\">59 46</rs>");
    CU_ASSERT_EQUAL(it.cap.n, 0);
    tk_itest_free(&it);
}

/* Captures of one match as "$1|$2|...", or "-" when the pattern does not match. */
static const char *captures(const char *rule, const char *inner)
{
    static char out[2048];
    const char *path = write_tmp(rule);
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_rules *r = path != NULL ? tk_rules_new(path, d) : NULL;
    tk_rule_match m;
    snprintf(out, sizeof out, "-");
    if (r != NULL && tk_rules_match(r, '[', inner, strlen(inner), 0, &m) &&
        strcmp(m.rule->name, "t") == 0) {
        size_t len = 0;
        int ncap = 0;
        for (const char *q = strchr(rule, '['); q != NULL && *q != ']'; q++)
            if (*q == '\\')
                q++;
            else
                ncap += *q == '*' || *q == '#';
        out[0] = '\0';
        for (int k = 1; k <= ncap && len < sizeof out; k++)
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s", k > 1 ? "|" : "",
                                    (int)(m.cap_end[k] - m.cap_start[k]),
                                    inner + m.cap_start[k]);
    }
    tk_rules_free(r);
    tk_diag_free(d);
    if (path != NULL)
        unlink(path);
    return out;
}

/* The matcher gives the captures a backtracking glob gives (`*` shortest, `#` longest, left
 * to right) in linear time: four wildcards against a 600-byte bracket that almost matches took
 * 35 s with backtracking (issue 16). */
static void test_glob(void)
{
    CU_ASSERT_STRING_EQUAL(captures("t [*a*a*] -> seg {$0}\n", "xaya"), "x|y|");
    CU_ASSERT_STRING_EQUAL(captures("t [*a*a*] -> seg {$0}\n", "xayaza"), "x|y|za");
    CU_ASSERT_STRING_EQUAL(captures("t [#*] -> seg {$0}\n", "123abc"), "123|abc");
    CU_ASSERT_STRING_EQUAL(captures("t [#3] -> seg {$0}\n", "12343"), "1234");
    CU_ASSERT_STRING_EQUAL(captures("t [#:#] -> seg {$0}\n", "12:5"), "12|5");
    CU_ASSERT_STRING_EQUAL(captures("t [# *] -> seg {$0}\n", "2 words illegible"),
                           "2|words illegible");
    CU_ASSERT_STRING_EQUAL(captures("t [#:#] -> seg {$0}\n", "12:x"), "-");
    CU_ASSERT_STRING_EQUAL(captures("t [x\\*y] -> seg {$0}\n", "x*y"), "");
    CU_ASSERT_STRING_EQUAL(captures("t [A*b] -> seg {$0}\n", "ab"), "-");
    CU_ASSERT_STRING_EQUAL(captures("t [A*b] nocase -> seg {$0}\n", "aXb"), "X");
    char big[700];
    memset(big, 'a', 600);
    big[600] = '\0';
    clock_t t0 = clock();
    CU_ASSERT_STRING_EQUAL(captures("t [*a*a*a*b] -> seg {$0}\n", big), "-");
    big[599] = 'b';
    char want[700];
    snprintf(want, sizeof want, "|||%.596s", big);
    CU_ASSERT_STRING_EQUAL(captures("t [*a*a*a*b] -> seg {$0}\n", big), want);
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (cpu >= 0.5)
        fprintf(stderr, "\n  four wildcards on 600 bytes: %.2f s\n", cpu);
    CU_ASSERT(cpu < 0.5);
}

void tk_suite_rules(void);
void tk_suite_rules(void)
{
    CU_pSuite s = CU_add_suite("rules", NULL, NULL);
    CU_add_test(s, "built-in table", test_builtin_table);
    CU_add_test(s, "rules file errors", test_file_errors);
    CU_add_test(s, "override and turn off", test_override_and_off);
    CU_add_test(s, "samples/nasa.rules", test_nasa_rules);
    CU_add_test(s, "glob captures, in linear time", test_glob);
}
