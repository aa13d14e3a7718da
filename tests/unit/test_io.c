/* test_io.c: whole-file reading and atomic writing. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tk_test.h"

static char dir[64];

static int setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/tk-io-XXXXXX");
    return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_map_file(void)
{
    char path[128];
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_mapped m;
    /* a regular file: mapped, the same bytes */
    snprintf(path, sizeof path, "%s/m.txt", dir);
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "line one\nline two\n", 18, NULL, d), 0);
    CU_ASSERT_EQUAL(tk_map_file(path, &m, d), 0);
    CU_ASSERT_EQUAL(m.len, 18);
    CU_ASSERT(memcmp(m.data, "line one\nline two\n", 18) == 0);
    CU_ASSERT_PTR_NOT_NULL(m.map_);
    tk_unmap_file(&m);
    CU_ASSERT_EQUAL(m.len, 0);
    /* an empty file: no bytes, no error */
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "", 0, NULL, d), 0);
    CU_ASSERT_EQUAL(tk_map_file(path, &m, d), 0);
    CU_ASSERT_EQUAL(m.len, 0);
    tk_unmap_file(&m);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 0);
    /* a missing file: -1, a system error */
    snprintf(path, sizeof path, "%s/missing.txt", dir);
    CU_ASSERT_EQUAL(tk_map_file(path, &m, d), -1);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_unmap_file(&m);
    tk_diag_free(d);
}

static void test_roundtrip(void)
{
    char path[128];
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    snprintf(path, sizeof path, "%s/a.txt", dir);
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "hello\0world", 11, NULL, d), 0);
    size_t len = 0;
    char *buf = tk_read_file(path, &len, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT_EQUAL(len, 11);
    CU_ASSERT(memcmp(buf, "hello\0world", 11) == 0);
    CU_ASSERT_EQUAL(buf[11], '\0');
    free(buf);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 0);
    tk_diag_free(d);
}

static void test_missing_file_is_system_error(void)
{
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    CU_ASSERT_PTR_NULL(tk_read_file("/nonexistent/x.txt", NULL, d));
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "cannot open"));
    CU_ASSERT_PTR_NULL(tk_read_file(dir, NULL, d)); /* a directory */
    CU_ASSERT_PTR_NOT_NULL(strstr(c.buf, "is a directory"));
    tk_diag_free(d);
}

static void test_failed_write_leaves_target_untouched(void)
{
    char path[128], bad[160];
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    snprintf(path, sizeof path, "%s/keep.txt", dir);
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "old", 3, NULL, d), 0);
    /* writing into a directory that does not exist fails and leaves nothing behind */
    snprintf(bad, sizeof bad, "%s/nodir/out.txt", dir);
    CU_ASSERT_EQUAL(tk_write_file_atomic(bad, "new", 3, NULL, d), -1);
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    struct stat st;
    CU_ASSERT_NOT_EQUAL(stat(bad, &st), 0);
    /* refusing to overwrite the protected input */
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "new", 3, path, d), -1);
    size_t len;
    char *buf = tk_read_file(path, &len, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT_STRING_EQUAL(buf, "old");
    free(buf);
    /* no temporary file left in the directory */
    char cmd[200];
    snprintf(cmd, sizeof cmd, "! ls '%s' | grep -q tmp", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
    tk_diag_free(d);
}

void tk_suite_io(void);
void tk_suite_io(void)
{
    CU_pSuite s = CU_add_suite("io", setup, teardown);
    CU_add_test(s, "write then read", test_roundtrip);
    CU_add_test(s, "map a file", test_map_file);
    CU_add_test(s, "missing file", test_missing_file_is_system_error);
    CU_add_test(s, "failed write leaves target", test_failed_write_leaves_target_untouched);
}
