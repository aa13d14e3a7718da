/* io.c: whole-file reading, atomic writing, large buffers, and locating teikit's data
 * directory. */
#define _DEFAULT_SOURCE /* madvise */
#include "tk_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Asks for transparent huge pages over the 2 MB-aligned part of a large block: touching
 * 10 MB then costs a few page faults instead of 2,500 (a hint; ignored where unsupported). */
static void *hint_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (p != NULL && n >= 2 * huge) {
        uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
        uintptr_t e = ((uintptr_t)p + n) & ~(huge - 1);
        if (e > a)
            (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
    }
#else
    (void)n;
#endif
    return p;
}

void *tk_malloc_big(size_t n) { return hint_huge(malloc(n), n); }

int tk_grow(void **v, size_t *cap, size_t n, size_t size, size_t first)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : first;
    void *g = realloc(*v, nc * size);
    if (g == NULL)
        return -1;
    *v = g;
    *cap = nc;
    return 0;
}

char *tk_read_file(const char *path, size_t *len_out, tk_diag *d)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t cap = 0, len = 0;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;

    f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        tk_diag_report(d, TK_SYSTEM, name, 0, 0, "io", "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (!is_stdin) {
        struct stat st;
        if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
            tk_diag_report(d, TK_SYSTEM, name, 0, 0, "io", "is a directory");
            fclose(f);
            return NULL;
        }
        if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode))
            cap = (size_t)st.st_size + 1;
    }
    if (cap < 4096)
        cap = 4096;
    buf = tk_malloc_big(cap);
    for (;;) {
        if (buf == NULL)
            goto nomem;
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0 || len + 1 < cap) {
            if (ferror(f)) {
                tk_diag_report(d, TK_SYSTEM, name, 0, 0, "io", "read error: %s",
                               strerror(errno));
                free(buf);
                buf = NULL;
                goto out;
            }
            if (feof(f) || n == 0)
                break;
            continue;
        }
        char *grown = realloc(buf, cap * 2);
        if (grown == NULL) {
            free(buf);
            goto nomem;
        }
        buf = grown;
        cap *= 2;
    }
    buf[len] = '\0';
    if (len_out != NULL)
        *len_out = len;
    goto out;
nomem:
    buf = NULL;
    tk_diag_report(d, TK_SYSTEM, name, 0, 0, "io", "out of memory");
out:
    if (f != NULL && !is_stdin)
        fclose(f);
    return buf;
}

/* Returns 1 when a and b name the same existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (a == NULL || b == NULL || stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int tk_write_file_atomic(const char *path, const void *data, size_t len, const char *protect,
                         tk_diag *d)
{
    char *tmp = NULL;
    FILE *f = NULL;
    int rc = -1;

    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            tk_diag_report(d, TK_SYSTEM, "<stdout>", 0, 0, "io", "write error: %s",
                           strerror(errno));
            return -1;
        }
        return 0;
    }
    if (protect != NULL && strcmp(protect, "-") != 0 && same_file(path, protect)) {
        tk_diag_report(d, TK_SYSTEM, path, 0, 0, "io",
                       "refusing to overwrite the input file");
        return -1;
    }
    size_t n = strlen(path) + 16;
    tmp = malloc(n);
    if (tmp == NULL)
        goto out;
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        tk_diag_report(d, TK_SYSTEM, path, 0, 0, "io", "cannot create: %s", strerror(errno));
        free(tmp);
        tmp = NULL;
        goto out;
    }
    fchmod(fd, 0644);
    f = fdopen(fd, "wb");
    if (f == NULL) {
        close(fd);
        goto fail;
    }
    if (fwrite(data, 1, len, f) != len || fflush(f) != 0)
        goto fail;
    if (fclose(f) != 0) {
        f = NULL;
        goto fail;
    }
    f = NULL;
    if (rename(tmp, path) != 0)
        goto fail;
    rc = 0;
    goto out;
fail:
    tk_diag_report(d, TK_SYSTEM, path, 0, 0, "io", "cannot write: %s", strerror(errno));
    if (f != NULL)
        fclose(f);
    unlink(tmp);
out:
    free(tmp);
    return rc;
}

int tk_map_file(const char *path, tk_mapped *m, tk_diag *d)
{
    memset(m, 0, sizeof *m);
    m->data = "";
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0) {
        int fd = open(path, O_RDONLY);
        if (fd >= 0) {
            void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                           fd, 0);
            close(fd);
            if (p != MAP_FAILED) {
                m->map_ = p;
                m->data = p;
                m->len = (size_t)st.st_size;
                return 0;
            }
        }
    }
    /* not mappable (stdin, a pipe, an empty or special file): read it, with the errors of
     * tk_read_file */
    m->buf_ = tk_read_file(path, &m->len, d);
    if (m->buf_ == NULL)
        return -1;
    m->data = m->buf_;
    return 0;
}

void tk_unmap_file(tk_mapped *m)
{
    if (m->map_ != NULL)
        munmap(m->map_, m->len);
    free(m->buf_);
    memset(m, 0, sizeof *m);
    m->data = "";
}

/* Returns 1 when dir/schemas or dir/xslt exists. */
static int has_schemas(const char *dir)
{
    char p[PATH_MAX + 16], q[PATH_MAX + 16];
    struct stat st;
    snprintf(p, sizeof p, "%s/schemas", dir);
    snprintf(q, sizeof q, "%s/xslt", dir);
    return (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) || (stat(q, &st) == 0 && S_ISDIR(st.st_mode));
}

/* Looks in order: $TEIKIT_DATADIR; the source tree (build/teikit -> ./schemas); the install
 * prefix relative to the binary (bin/teikit -> share/teikit); the compiled-in TK_DATADIR. */
const char *tk_data_dir(void)
{
    static char found[PATH_MAX];
    const char *env = getenv("TEIKIT_DATADIR");
    if (env != NULL && *env)
        return env;
    if (found[0])
        return found;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0'; /* .../build */
            slash = strrchr(exe, '/');
            if (slash != NULL) {
                *slash = '\0'; /* source tree root, or an install prefix */
                if (has_schemas(exe) && strlen(exe) < sizeof found) {
                    strcpy(found, exe);
                    return found;
                }
                /* relocatable install: PREFIX/bin/teikit with PREFIX/share/teikit */
                size_t len = strlen(exe);
                static const char share[] = "/share/teikit";
                if (len + sizeof share <= sizeof found) {
                    memcpy(found, exe, len);
                    memcpy(found + len, share, sizeof share);
                    if (has_schemas(found))
                        return found;
                    found[0] = '\0';
                }
            }
        }
    }
    return TK_DATADIR;
}

const char *tk_base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b != NULL && b[1] != '\0' ? b + 1 : path;
}
