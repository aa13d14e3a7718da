/* test_diag.c: the diagnostics module: counts, formats, exit status, notes, limits. */
#include <stdio.h>

#include "tk_test.h"
#include "tk_messages.h"

static void test_counts_and_status(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 0);
    tk_diag_report(d, TK_WARNING, "a.txt", 3, 7, "utf8", "odd %s", "byte");
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 0);
    tk_diag_report(d, TK_ERROR, "a.txt", 4, 1, "x", "bad");
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 1);
    tk_diag_report(d, TK_SYSTEM, "a.txt", 0, 0, "io", "gone");
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    CU_ASSERT_EQUAL(tk_diag_count(d, TK_WARNING), 1);
    CU_ASSERT_STRING_EQUAL(c.buf, "warning:3:7:utf8:odd byte\nerror:4:1:x:bad\nsystem:0:0:io:gone\n");
    tk_diag_free(d);
}

static void test_notes_only_when_enabled(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_report(d, TK_NOTE, "f", 1, 1, "r", "hidden");
    CU_ASSERT_EQUAL(c.n, 0);
    tk_diag_set_notes(d, 1);
    tk_diag_report(d, TK_NOTE, "f", 1, 1, "r", "shown");
    CU_ASSERT_EQUAL(c.n, 1);
    tk_diag_free(d);
}

static void test_limit_per_rule(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_set_limit(d, 2);
    for (int i = 0; i < 5; i++)
        tk_diag_report(d, TK_WARNING, "f", 1, 1, "same", "w%d", i);
    tk_diag_report(d, TK_WARNING, "f", 1, 1, "other", "o");
    CU_ASSERT_EQUAL(c.n, 3);
    CU_ASSERT_EQUAL(tk_diag_count(d, TK_WARNING), 6);
    tk_diag_free(d);
}

/* The limit counts every rule, however many: the table used to stop at 64 entries, after
 * which nothing was limited any more. */
static void test_limit_many_rules(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_set_limit(d, 1);
    char rule[16];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 100; i++) {
            snprintf(rule, sizeof rule, "rule%d", i);
            tk_diag_report(d, TK_WARNING, "f", 1, 1, rule, "w");
        }
    CU_ASSERT_EQUAL(c.n, 100);
    CU_ASSERT_EQUAL(tk_diag_count(d, TK_WARNING), 300);
    tk_diag_free(d);
}

/* The limit keeps its own copies of file and rule names: the caller's strings may be gone (or
 * reused for another name) by the next message. */
static void test_limit_copies_names(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_set_limit(d, 1);
    char rule[8] = "aaa", file[8] = "x.txt";
    tk_diag_report(d, TK_WARNING, file, 1, 1, rule, "first");
    strcpy(rule, "bbb");
    tk_diag_report(d, TK_WARNING, file, 1, 1, rule, "other rule");
    strcpy(rule, "aaa");
    tk_diag_report(d, TK_WARNING, file, 1, 1, rule, "held back");
    CU_ASSERT_EQUAL(c.n, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "other rule"));
    tk_diag_free(d);
}

/* What the limit holds back is said once per rule: when the next file starts, and by
 * tk_diag_flush (not counted, delivered although notes are off). */
static void test_limit_says_what_it_suppressed(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_set_limit(d, 2);
    for (int i = 0; i < 7; i++)
        tk_diag_report(d, TK_WARNING, "a.txt", 1, 1, "bracket", "w%d", i);
    tk_diag_report(d, TK_WARNING, "a.txt", 1, 1, "other", "o");
    tk_diag_report(d, TK_WARNING, "b.txt", 1, 1, "bracket", "b0");
    for (int i = 0; i < 3; i++)
        tk_diag_report(d, TK_WARNING, "b.txt", 1, 1, "bracket", "b%d", i + 1);
    tk_diag_flush(d);
    tk_diag_flush(d); /* nothing more to say */
    CU_ASSERT_STRING_EQUAL(c.buf, "warning:1:1:bracket:w0\nwarning:1:1:bracket:w1\n"
                                  "warning:1:1:other:o\n"
                                  "note:0:0:bracket:5 more warnings like this suppressed\n"
                                  "warning:1:1:bracket:b0\nwarning:1:1:bracket:b1\n"
                                  "note:0:0:bracket:2 more warnings like this suppressed\n");
    CU_ASSERT_EQUAL(tk_diag_count(d, TK_WARNING), 12);
    CU_ASSERT_EQUAL(tk_diag_count(d, TK_NOTE), 0);
    tk_diag_free(d);
}

static void test_gcc_and_json_shapes(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tk_message m = {TK_ERROR, "memo.txt", 12, 5, 40, "bracket", "unbalanced '[' \"x\""};
    tk_message_print(&m, f);
    tk_diag_sink_json(&m, f);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "memo.txt:12:5: error: unbalanced '[' \"x\" [bracket]\n"
                                "{\"file\":\"memo.txt\",\"line\":12,\"column\":5,\"severity\":"
                                "\"error\",\"rule\":\"bracket\",\"message\":\"unbalanced '[' "
                                "\\\"x\\\"\"}\n");
    free(buf);
}

/* Terminal controls and bidi overrides from documents are escaped; a message cut inside a
 * character loses that character and ends with "..."; the JSON sink always writes valid
 * UTF-8 (a file name that is not UTF-8 gets U+FFFD). */
static void test_escapes_and_cuts(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_report(d, TK_WARNING, "f", 1, 1, "r", "a\x1b[31m b\xc2\x9b c\xe2\x80\xae d\xff e\nf");
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "a\\u001B[31m b\\u009B c\\u202E d\\xFF e\\u000Af\n"));
    /* a caller's byte-counted cut in the middle of a euro sign */
    memset(&c, 0, sizeof c);
    tk_diag_report(d, TK_WARNING, "f", 1, 1, "r", "%s", "x \xe2\x82\xac\xe2\x82");
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, ":x \xe2\x82\xac...\n"));
    /* a message longer than the buffer, cut by the formatting itself */
    char big[3000];
    for (size_t i = 0; i + 3 < sizeof big; i += 3)
        memcpy(big + i, "\xe2\x82\xac", 3);
    big[sizeof big - 3] = '\0';
    memset(&c, 0, sizeof c);
    tk_diag_report(d, TK_WARNING, "f", 1, 1, "r", "x%s", big);
    CU_ASSERT_PTR_NULL(strstr(c.buf, "\\x"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "\xe2\x82\xac...\n"));
    tk_diag_free(d);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tk_message m = {TK_ERROR, "bad\xff\xe2\x80\xaename.xml", 1, 1, -1, "r", "t"};
    tk_diag_sink_json(&m, f);
    tk_message_print(&m, f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "{\"file\":\"bad\\ufffd\\u202ename.xml\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\nbad\\xFF\\u202Ename.xml:1:1: error: t [r]\n"));
    free(buf);
}

static void test_free_null(void) { tk_diag_free(NULL); CU_PASS("no crash"); }

/* The message table: names unique, found by name; a report takes the table's id, severity
 * and format; a name missing from the table (a rules file's rule) becomes bracket-rule. */
static void test_message_table(void)
{
    for (size_t i = 0; i < TK_M_COUNT; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(tk_msg_table[i].name);
        CU_ASSERT_PTR_NOT_NULL(tk_msg_table[i].format);
        CU_ASSERT_EQUAL(tk_msg_find(tk_msg_table[i].name), (tk_msg_id)i);
    }
    CU_ASSERT_EQUAL(tk_msg_find("io"), TK_M_COUNT);
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_diag_set_notes(d, 1);
    TK_MSG(d, IO_OPEN, "f.txt", 0, 0, "no such file");
    tk_msg_named(d, TK_NOTE, "my-rule", "f.txt", 2, 3, "from a rules file");
    TK_MSG_SEV(d, XML, TK_WARNING, "f.xml", 1, 1, "parser says");
    CU_ASSERT_STRING_EQUAL(c.buf, "system:0:0:io-open:cannot open: no such file\n"
                                  "note:2:3:bracket-rule:from a rules file\n"
                                  "warning:1:1:xml:parser says\n");
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
}

void tk_suite_diag(void);
void tk_suite_diag(void)
{
    CU_pSuite s = CU_add_suite("diag", NULL, NULL);
    CU_add_test(s, "counts and exit status", test_counts_and_status);
    CU_add_test(s, "the message table", test_message_table);
    CU_add_test(s, "notes only when enabled", test_notes_only_when_enabled);
    CU_add_test(s, "limit per rule", test_limit_per_rule);
    CU_add_test(s, "limit: any number of rules", test_limit_many_rules);
    CU_add_test(s, "limit: names copied", test_limit_copies_names);
    CU_add_test(s, "limit: suppressed messages said", test_limit_says_what_it_suppressed);
    CU_add_test(s, "gcc and json shapes", test_gcc_and_json_shapes);
    CU_add_test(s, "free(NULL)", test_free_null);
    CU_add_test(s, "escapes and cuts", test_escapes_and_cuts);
}
