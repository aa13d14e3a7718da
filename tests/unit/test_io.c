/* test_io.c: whole-file reading and atomic writing. */
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tk_internal.h"
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

/* A write interrupted by SIGTERM (raised by the test hook once the temporary file exists)
 * removes the temporary file and leaves the old target untouched. */
static void raise_term(const char *tmp)
{
    (void)tmp;
    raise(SIGTERM);
}

static void test_signal_removes_temporary(void)
{
    char path[128], cmd[200];
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    snprintf(path, sizeof path, "%s/sig/out.txt", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/sig' && printf old > '%s'", dir, path);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        tk_io_write_hook = raise_term;
        tk_write_file_atomic(path, "new", 3, NULL, NULL);
        _exit(0); /* not reached: SIGTERM ends the process */
    }
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    snprintf(cmd, sizeof cmd, "test \"$(ls '%s/sig')\" = out.txt", dir);
    CU_ASSERT_EQUAL(system(cmd), 0); /* no out.txt.tmpXXXXXX left */
    char *buf = tk_read_file(path, NULL, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT_STRING_EQUAL(buf, "old");
    free(buf);
    /* outside a write, the previous disposition is back */
    struct sigaction sa;
    tk_io_write_hook = NULL;
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "new", 3, NULL, d), 0);
    CU_ASSERT_EQUAL(sigaction(SIGTERM, NULL, &sa), 0);
    CU_ASSERT(sa.sa_handler == SIG_DFL);
    tk_diag_free(d);
}

/* SIGTERM while a staged directory is being filled removes it with what it holds. */
static void test_signal_removes_staged_directory(void)
{
    char target[128], cmd[256];
    snprintf(target, sizeof target, "%s/staged", dir);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        tk_outdir *o = tk_outdir_open(target, 0, NULL);
        if (o == NULL || tk_outdir_write(o, "0001.xml", "one", 3, NULL, NULL) != 0)
            _exit(1);
        tk_io_write_hook = raise_term;
        tk_outdir_write(o, "0002.xml", "two", 3, NULL, NULL);
        _exit(2); /* not reached */
    }
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    snprintf(cmd, sizeof cmd, "! ls '%s' | grep -q staged", dir);
    CU_ASSERT_EQUAL(system(cmd), 0); /* neither staged/ nor staged.tmpXXXXXX */
    /* without the signal: nothing visible until the commit, then the whole set */
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    tk_outdir *o = tk_outdir_open(target, 0, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_EQUAL(tk_outdir_write(o, "0001.xml", "one", 3, NULL, d), 0);
    struct stat st;
    CU_ASSERT_NOT_EQUAL(stat(target, &st), 0);
    CU_ASSERT_EQUAL(tk_outdir_commit(o, d), 0);
    tk_outdir_free(o);
    snprintf(cmd, sizeof cmd, "test \"$(ls '%s')\" = 0001.xml", target);
    CU_ASSERT_EQUAL(system(cmd), 0);
    CU_ASSERT_PTR_NULL(tk_outdir_open(target, 0, d)); /* now not empty */
    CU_ASSERT_EQUAL(tk_diag_exit_status(d), 2);
    tk_diag_free(d);
}

/* The old file's mode is kept; a new file gets 0666 less the umask; a symlink's target is
 * replaced and the link kept; a FIFO is written in place. */
static void test_modes_links_fifos(void)
{
    char path[128], link[128], fifo[128];
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    struct stat st;
    snprintf(path, sizeof path, "%s/mode.txt", dir);
    mode_t old = umask(027);
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "a", 1, NULL, d), 0);
    CU_ASSERT(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640);
    umask(old);
    CU_ASSERT_EQUAL(chmod(path, 0604), 0);
    CU_ASSERT_EQUAL(tk_write_file_atomic(path, "b", 1, NULL, d), 0);
    CU_ASSERT(stat(path, &st) == 0 && (st.st_mode & 07777) == 0604);

    snprintf(link, sizeof link, "%s/link.txt", dir);
    CU_ASSERT_EQUAL(symlink("mode.txt", link), 0);
    CU_ASSERT_EQUAL(tk_write_file_atomic(link, "through", 7, NULL, d), 0);
    CU_ASSERT(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    char *buf = tk_read_file(path, NULL, d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT_STRING_EQUAL(buf, "through");
    free(buf);
    /* the input behind a symlink is protected */
    CU_ASSERT_EQUAL(tk_write_file_atomic(link, "x", 1, path, d), -1);

    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        _exit(tk_write_file_atomic(fifo, "piped", 5, NULL, NULL) == 0 ? 0 : 1);
    }
    alarm(20); /* a FIFO replaced by a regular file would leave this open waiting */
    FILE *f = fopen(fifo, "rb");
    alarm(0);
    char got[16] = {0};
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fread(got, 1, sizeof got - 1, f), 5);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(got, "piped");
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
    tk_diag_free(d);
}


/* tk_output_clashes: each input is hit by the first output that would change it (the same
 * file through a symlink, a path not created yet, the same input twice), nothing else. */
static void test_output_clashes(void)
{
    char a[128], b[128], link[128], fresh[128], other[128];
    tk_capture c;
    tk_diag *d = tk_test_diag(&c);
    snprintf(a, sizeof a, "%s/ca.xml", dir);
    snprintf(b, sizeof b, "%s/cb.xml", dir);
    snprintf(link, sizeof link, "%s/cl.xml", dir);
    snprintf(fresh, sizeof fresh, "%s/not-yet.txt", dir);
    snprintf(other, sizeof other, "%s/../%s/not-yet.txt", dir, strrchr(dir, '/') + 1);
    CU_ASSERT_EQUAL(tk_write_file_atomic(a, "a", 1, NULL, d), 0);
    CU_ASSERT_EQUAL(tk_write_file_atomic(b, "b", 1, NULL, d), 0);
    CU_ASSERT_EQUAL(symlink(a, link), 0);
    const char *inputs[] = {a, b, fresh, a, "-"};
    const char *outputs[] = {"-", NULL, other, link, b};
    size_t hit[5];
    CU_ASSERT_EQUAL(tk_output_clashes(outputs, 5, inputs, 5, hit), 4);
    CU_ASSERT_EQUAL(hit[0], 4); /* through the symlink */
    CU_ASSERT_EQUAL(hit[1], 5);
    CU_ASSERT_EQUAL(hit[2], 3); /* the same path, spelled otherwise, not created yet */
    CU_ASSERT_EQUAL(hit[3], 4); /* a given twice */
    CU_ASSERT_EQUAL(hit[4], 0);
    const char *none[] = {fresh};
    CU_ASSERT_EQUAL(tk_output_clashes(none, 1, inputs, 2, hit), 0);
    CU_ASSERT_EQUAL(hit[0] + hit[1], 0);
    CU_ASSERT_EQUAL(tk_output_aliases(link, a), 1);
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
    CU_add_test(s, "signal removes the temporary file", test_signal_removes_temporary);
    CU_add_test(s, "modes, symlinks, FIFOs", test_modes_links_fifos);
    CU_add_test(s, "signal removes a staged directory", test_signal_removes_staged_directory);
    CU_add_test(s, "outputs that would change inputs", test_output_clashes);
}
