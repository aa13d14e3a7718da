/* io.c: whole-file reading, atomic writing, large buffers, and locating teikit's data
 * directory. */
#define _GNU_SOURCE /* madvise, renameat2 */
#include "tk_internal.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
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
    *v = tk_xrealloc(*v, nc * size);
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
        TK_MSG(d, IO_OPEN, name, 0, 0, strerror(errno));
        return NULL;
    }
    if (!is_stdin) {
        struct stat st;
        if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
            TK_MSG(d, IO_IS_DIR, name, 0, 0);
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
                TK_MSG(d, IO_READ, name, 0, 0, strerror(errno));
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
    TK_MSG(d, OOM, name, 0, 0);
out:
    if (f != NULL && !is_stdin)
        fclose(f);
    return buf;
}

/* ------------------------------------------------------------------ atomic writing */

/* Returns 1 when a and b name the same existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (a == NULL || b == NULL || stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* What SIGINT, SIGTERM or SIGHUP removes before the process stops: the temporary file being
 * written and the staging directory being filled (one of each at a time: the command writes
 * its outputs one after the other). The handlers are installed while either is pending. */
static char pending_tmp[PATH_MAX + 32];
static volatile sig_atomic_t pending_set;
static tk_outdir *volatile pending_dir;
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_CLEANUP_SIGNALS (sizeof cleanup_signals / sizeof *cleanup_signals)
static struct sigaction saved_actions[N_CLEANUP_SIGNALS];
static int installed[N_CLEANUP_SIGNALS];
static int armed; /* how many of the two are pending */

void (*tk_io_write_hook)(const char *tmp_path);

/* A directory filled beside its final place, then moved there (see teikit.h). */
struct tk_outdir {
    char target[PATH_MAX];  /* the final directory (symlinks followed) */
    char staging[PATH_MAX]; /* target.tmpXXXXXX, once created */
    char **files;           /* full paths of the files written into staging */
    size_t n, cap;
    int exists, staged;
    mode_t mode;
};

/* Unlinks the files written into the staging directory and removes it (async-signal-safe:
 * only unlink and rmdir). */
static void remove_staged(const tk_outdir *o)
{
    for (size_t i = 0; i < o->n; i++)
        unlink(o->files[i]);
    rmdir(o->staging);
}

/* Removes what is pending, restores the previous disposition and raises the signal again
 * (async-signal-safe calls only). */
static void on_cleanup_signal(int sig)
{
    if (pending_set)
        unlink(pending_tmp);
    pending_set = 0;
    if (pending_dir != NULL)
        remove_staged(pending_dir);
    pending_dir = NULL;
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
        if (cleanup_signals[i] == sig)
            sigaction(sig, &saved_actions[i], NULL);
    raise(sig);
}

/* Blocks (block = 1) or restores the cleanup signals. */
static void mask_cleanup_signals(int block, sigset_t *old)
{
    if (block) {
        sigset_t set;
        sigemptyset(&set);
        for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
            sigaddset(&set, cleanup_signals[i]);
        pthread_sigmask(SIG_BLOCK, &set, old);
    } else {
        pthread_sigmask(SIG_SETMASK, old, NULL);
    }
}

/* One more (up = 1) or one fewer pending thing: the handlers are installed with the first
 * and the previous dispositions restored with the last. Call with the signals blocked. */
static void arm(int up)
{
    if (up && armed++ == 0) {
        for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++) {
            struct sigaction sa;
            installed[i] = 0;
            if (sigaction(cleanup_signals[i], NULL, &saved_actions[i]) != 0 ||
                saved_actions[i].sa_handler == SIG_IGN)
                continue; /* an ignored signal stays ignored */
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_cleanup_signal;
            sigemptyset(&sa.sa_mask);
            installed[i] = sigaction(cleanup_signals[i], &sa, NULL) == 0;
        }
    } else if (!up && armed > 0 && --armed == 0) {
        for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
            if (installed[i])
                sigaction(cleanup_signals[i], &saved_actions[i], NULL);
        memset(installed, 0, sizeof installed);
    }
}

/* Creates the temporary file for `target` (target.tmpXXXXXX, same directory) with the
 * cleanup armed. Returns the descriptor, or -1 with errno set. */
static int arm_temp(const char *target, char *tmp, size_t cap)
{
    sigset_t old;
    if ((size_t)snprintf(tmp, cap, "%s.tmpXXXXXX", target) >= cap) {
        errno = ENAMETOOLONG;
        return -1;
    }
    mask_cleanup_signals(1, &old);
    int fd = mkstemp(tmp);
    int saved_errno = errno;
    if (fd >= 0) {
        memcpy(pending_tmp, tmp, strlen(tmp) + 1);
        pending_set = 1;
        arm(1);
    }
    mask_cleanup_signals(0, &old);
    errno = saved_errno;
    return fd;
}

/* Forgets the temporary file (after arm_temp succeeded). */
static void disarm_temp(void)
{
    sigset_t old;
    mask_cleanup_signals(1, &old);
    pending_set = 0;
    arm(0);
    mask_cleanup_signals(0, &old);
}

/* Writes all of data to fd (retrying short writes and EINTR). Returns 0 or -1 (errno). */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The descriptor a path names without being a file of its own (/dev/stdout, /dev/stderr,
 * /dev/fd/N, /proc/self/fd/N), or -1. */
static int descriptor_name(const char *p)
{
    static const struct { const char *prefix; int fd; } names[] = {
        {"/dev/stdout", 1}, {"/dev/stderr", 2}, {"/dev/fd/", -1}, {"/proc/self/fd/", -1},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t n = strlen(names[i].prefix);
        if (strncmp(p, names[i].prefix, n) != 0)
            continue;
        if (names[i].fd >= 0)
            return p[n] == '\0' ? names[i].fd : -1;
        char *end;
        long fd = strtol(p + n, &end, 10);
        return p[n] >= '0' && p[n] <= '9' && *end == '\0' && fd <= INT_MAX ? (int)fd : -1;
    }
    return -1;
}

/* How an output path is written. */
typedef enum {
    OUT_REPLACE, /* a regular file or a new one: temporary file + rename */
    OUT_IN_PLACE, /* a device, FIFO or other special file: opened and written */
    OUT_DESCRIPTOR /* a name for an open descriptor (/dev/stdout): written to it */
} out_kind;

/* Follows `path` through its symlinks: stores the final path in real (cap bytes), its
 * status in st (st_mode 0 when it does not exist yet) or the descriptor in *fd.
 * Returns the kind, or -1 with errno set. */
static int resolve_output(const char *path, char *real, size_t cap, struct stat *st, int *fd)
{
    char link[PATH_MAX];
    if (strlen(path) >= cap) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(real, path);
    memset(st, 0, sizeof *st);
    for (int hops = 0; hops < 40; hops++) {
        if ((*fd = descriptor_name(real)) >= 0)
            return OUT_DESCRIPTOR;
        if (lstat(real, st) != 0) {
            memset(st, 0, sizeof *st);
            return errno == ENOENT ? OUT_REPLACE : -1;
        }
        if (S_ISREG(st->st_mode))
            return OUT_REPLACE;
        if (S_ISDIR(st->st_mode)) {
            errno = EISDIR;
            return -1;
        }
        if (!S_ISLNK(st->st_mode))
            return OUT_IN_PLACE;
        ssize_t n = readlink(real, link, sizeof link - 1);
        if (n < 0)
            return -1;
        link[n] = '\0';
        /* a relative target is relative to the link's directory */
        const char *slash = strrchr(real, '/');
        size_t keep = link[0] == '/' || slash == NULL ? 0 : (size_t)(slash - real) + 1;
        if (keep + (size_t)n >= cap) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(real + keep, link, (size_t)n + 1);
    }
    errno = ELOOP;
    return -1;
}

/* The process's umask (read by setting it and back: call outside threads that create
 * files). */
static mode_t current_umask(void)
{
    mode_t mask = umask(022);
    umask(mask);
    return mask;
}

/* The mode for a new file: 0666 less the umask. */
static mode_t new_file_mode(void) { return 0666 & ~current_umask(); }

/* Flushes the directory holding `path` so a completed rename survives a crash (best
 * effort: some file systems refuse). */
static void sync_parent(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        strcpy(dir, ".");
    else if (slash == path)
        strcpy(dir, "/");
    else if ((size_t)(slash - path) < sizeof dir)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Writes data to an open descriptor named by the output path (1 and 2 through stdio, so
 * the order with other output is kept). Returns 0 or -1 (errno). */
static int write_descriptor(int fd, const void *data, size_t len)
{
    FILE *f = fd == 1 ? stdout : fd == 2 ? stderr : NULL;
    if (f != NULL)
        return fwrite(data, 1, len, f) == len && fflush(f) == 0 ? 0 : -1;
    return write_all(fd, data, len);
}

/* Writes data over a special file (device, FIFO) in place. Returns 0 or -1 (errno). */
static int write_in_place(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = write_all(fd, data, len);
    int saved = errno;
    if (close(fd) != 0 && rc == 0)
        return -1;
    errno = saved;
    return rc;
}

/* Writes data to a temporary file beside `real`, with the old file's mode (or the umask's),
 * flushed to disk, then renamed over real. Returns 0 or -1 (errno). */
static int replace_file(const char *real, const struct stat *old, const void *data, size_t len)
{
    char tmp[PATH_MAX + 32];
    int fd = arm_temp(real, tmp, sizeof tmp);
    if (fd < 0)
        return -1;
    if (tk_io_write_hook != NULL)
        tk_io_write_hook(tmp);
    int rc = -1;
    if (old->st_mode != 0) {
        (void)!fchown(fd, old->st_uid, old->st_gid); /* possible only for root or the owner */
        if (fchmod(fd, old->st_mode & 07777) != 0)
            goto fail;
    } else if (fchmod(fd, new_file_mode()) != 0) {
        goto fail;
    }
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, real) != 0)
        goto fail;
    rc = 0;
    sync_parent(real);
    goto out;
fail:;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = saved;
out:
    disarm_temp();
    return rc;
}

/* Fills id with what identifies the file `path` names once written: its device and inode
 * when it exists (symlinks followed), else the canonical path it would be created at. */
typedef struct file_id {
    int exists;
    dev_t dev;
    ino_t ino;
    char path[PATH_MAX];
} file_id;

static void identify(const char *path, file_id *id)
{
    struct stat st;
    int fd;
    memset(id, 0, sizeof *id);
    if (stat(path, &st) == 0) {
        id->exists = 1;
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        return;
    }
    char real[PATH_MAX], dir[PATH_MAX];
    if (resolve_output(path, real, sizeof real, &st, &fd) < 0)
        snprintf(real, sizeof real, "%s", path);
    const char *slash = strrchr(real, '/');
    const char *base = slash != NULL ? slash + 1 : real;
    if (slash == NULL)
        strcpy(dir, ".");
    else if (slash == real)
        strcpy(dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - real), real);
    char *canon = realpath(dir, NULL);
    snprintf(id->path, sizeof id->path, "%s/%s", canon != NULL ? canon : dir, base);
    free(canon);
}

int tk_output_aliases(const char *output, const char *input)
{
    file_id a, b;
    if (output == NULL || input == NULL || strcmp(output, "-") == 0 || strcmp(input, "-") == 0)
        return 0;
    identify(output, &a);
    identify(input, &b);
    if (a.exists && b.exists)
        return a.dev == b.dev && a.ino == b.ino;
    return !a.exists && !b.exists && strcmp(a.path, b.path) == 0;
}

/* An input's identity in the sorted table of tk_output_clashes: what identify() found, the
 * canonical path (of a file not there yet) copied out, and the input's index. */
typedef struct input_id {
    int exists;
    dev_t dev;
    ino_t ino;
    char *path;
    size_t index;
} input_id;

/* Orders identities: existing files by device and inode, the others by path; ties by index
 * (the first input of a name first). */
static int input_id_cmp(const void *pa, const void *pb)
{
    const input_id *a = pa, *b = pb;
    if (a->exists != b->exists)
        return a->exists - b->exists;
    if (a->exists && a->dev != b->dev)
        return a->dev < b->dev ? -1 : 1;
    if (a->exists && a->ino != b->ino)
        return a->ino < b->ino ? -1 : 1;
    int c = a->exists ? 0 : strcmp(a->path, b->path);
    if (c != 0)
        return c;
    return (a->index > b->index) - (a->index < b->index);
}

int tk_output_clashes(const char *const *outputs, size_t no, const char *const *inputs,
                      size_t ni, size_t *hit)
{
    input_id *ids = calloc(ni + 1, sizeof *ids);
    file_id *f = malloc(sizeof *f);
    size_t n = 0;
    int count = -1;

    if (ids == NULL || f == NULL)
        goto out;
    for (size_t j = 0; j < ni; j++) {
        hit[j] = 0;
        if (inputs[j] == NULL || strcmp(inputs[j], "-") == 0)
            continue;
        identify(inputs[j], f);
        ids[n] = (input_id){f->exists, f->dev, f->ino, NULL, j};
        if (!f->exists && (ids[n].path = strdup(f->path)) == NULL)
            goto out;
        n++;
    }
    qsort(ids, n, sizeof *ids, input_id_cmp);
    count = 0;
    for (size_t i = 0; i < no; i++) {
        if (outputs[i] == NULL || strcmp(outputs[i], "-") == 0)
            continue;
        identify(outputs[i], f);
        /* the first entry not below (identity, index 0), then every entry equal to it */
        input_id key = {f->exists, f->dev, f->ino, f->path, 0};
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (input_id_cmp(&ids[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < n; lo++) {
            input_id probe = ids[lo];
            probe.index = 0;
            if (input_id_cmp(&probe, &key) != 0)
                break;
            if (hit[ids[lo].index] == 0) {
                hit[ids[lo].index] = i + 1;
                count++;
            }
        }
    }
out:
    if (ids != NULL)
        for (size_t k = 0; k < n; k++)
            free(ids[k].path);
    free(ids);
    free(f);
    return count;
}

int tk_write_file_atomic(const char *path, const void *data, size_t len, const char *protect,
                         tk_diag *d)
{
    char real[PATH_MAX];
    struct stat st;
    int fd = -1, rc = -1;

    if (strcmp(path, "-") == 0) {
        if (write_descriptor(1, data, len) != 0)
            goto write_error;
        return 0;
    }
    int kind = resolve_output(path, real, sizeof real, &st, &fd);
    if (kind < 0) {
        TK_MSG(d, IO_WRITE, path, 0, 0, strerror(errno));
        return -1;
    }
    if (protect != NULL && strcmp(protect, "-") != 0 && kind != OUT_DESCRIPTOR &&
        same_file(real, protect)) {
        TK_MSG(d, IO_OVERWRITE, path, 0, 0);
        return -1;
    }
    switch ((out_kind)kind) {
    case OUT_DESCRIPTOR: rc = write_descriptor(fd, data, len); break;
    case OUT_IN_PLACE: rc = write_in_place(real, data, len); break;
    case OUT_REPLACE: rc = replace_file(real, &st, data, len); break;
    }
    if (rc == 0)
        return 0;
write_error:
    TK_MSG(d, IO_WRITE, strcmp(path, "-") == 0 ? "<stdout>" : path, 0, 0, strerror(errno));
    return -1;
}

/* ------------------------------------------------------------------ staged directories */

/* Calls fn(dir, name, user) for each entry of dir but . and ..; stops at a nonzero return.
 * Returns that value, 0, or -1 when dir cannot be read (errno). */
static int each_entry(const char *dir, int (*fn)(const char *, const char *, void *), void *user)
{
    DIR *dp = opendir(dir);
    if (dp == NULL)
        return -1;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dp)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
            rc = fn(dir, e->d_name, user);
    closedir(dp);
    return rc;
}

/* each_entry callbacks: any entry at all (1); a subdirectory (its name copied to user). */
static int any_entry(const char *dir, const char *name, void *user)
{
    (void)dir, (void)name, (void)user;
    return 1;
}

static int subdirectory(const char *dir, const char *name, void *user)
{
    char p[PATH_MAX];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    snprintf(user, NAME_MAX + 1, "%s", name);
    return 1;
}

static int unlink_entry(const char *dir, const char *name, void *user)
{
    char p[PATH_MAX];
    (void)user;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    unlink(p);
    return 0;
}

tk_outdir *tk_outdir_open(const char *dir, int force, tk_diag *d)
{
    tk_outdir *o = calloc(1, sizeof *o);
    struct stat st;
    char sub[NAME_MAX + 1];
    if (o == NULL) {
        TK_MSG(d, OOM, dir, 0, 0);
        return NULL;
    }
    o->mode = 0777 & ~current_umask();
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || lstat(dir, &st) == 0) { /* not a dangling symlink either */
            TK_MSG(d, IO_OUTDIR, dir, 0, 0, strerror(errno));
            goto fail;
        }
        snprintf(o->target, sizeof o->target, "%s", dir);
        size_t n = strlen(o->target); /* "out/": the staging directory goes beside, not in it */
        while (n > 1 && o->target[n - 1] == '/')
            o->target[--n] = '\0';
        return o;
    }
    if (!S_ISDIR(st.st_mode)) {
        TK_MSG(d, IO_NOT_DIR, dir, 0, 0);
        goto fail;
    }
    if (realpath(dir, o->target) == NULL) {
        TK_MSG(d, IO_RESOLVE, dir, 0, 0, strerror(errno));
        goto fail;
    }
    o->exists = 1;
    o->mode = st.st_mode & 07777;
    int full = each_entry(o->target, any_entry, NULL);
    if (full < 0) {
        TK_MSG(d, IO_READDIR, dir, 0, 0, strerror(errno));
        goto fail;
    }
    if (full && !force) {
        TK_MSG(d, IO_OUTDIR_FULL, dir, 0, 0);
        goto fail;
    }
    if (full && each_entry(o->target, subdirectory, sub) == 1) {
        TK_MSG(d, IO_OUTDIR_SUBDIR, dir, 0, 0, sub);
        goto fail;
    }
    return o;
fail:
    free(o);
    return NULL;
}

/* The staging directory, created (and its cleanup armed) on the first call. NULL on error
 * (reported). */
static const char *tk_outdir_staging(tk_outdir *o, tk_diag *d)
{
    if (o->staged)
        return o->staging;
    sigset_t old;
    if ((size_t)snprintf(o->staging, sizeof o->staging, "%s.tmpXXXXXX", o->target) >=
        sizeof o->staging) {
        TK_MSG(d, IO_PATH_LONG, o->target, 0, 0);
        return NULL;
    }
    mask_cleanup_signals(1, &old);
    int made = mkdtemp(o->staging) != NULL;
    int saved = errno;
    if (made) {
        o->staged = 1;
        pending_dir = o;
        arm(1);
    }
    mask_cleanup_signals(0, &old);
    if (!made) {
        TK_MSG(d, IO_MKDIR, o->target, 0, 0, strerror(saved));
        return NULL;
    }
    return o->staging;
}

int tk_outdir_write(tk_outdir *o, const char *name, const void *data, size_t len,
                    const char *protect, tk_diag *d)
{
    char path[PATH_MAX];
    sigset_t old;
    if (tk_outdir_staging(o, d) == NULL)
        return -1;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", o->staging, name) >= sizeof path ||
        strchr(name, '/') != NULL) {
        TK_MSG(d, IO_NAME, o->target, 0, 0, name);
        return -1;
    }
    char *copy = strdup(path);
    /* recorded before it exists, with the signals blocked: the handler may read the list */
    mask_cleanup_signals(1, &old);
    int grown = copy != NULL && tk_grow((void **)&o->files, &o->cap, o->n, sizeof *o->files, 16) == 0;
    if (grown)
        o->files[o->n++] = copy;
    mask_cleanup_signals(0, &old);
    if (!grown) {
        free(copy);
        TK_MSG(d, OOM, o->target, 0, 0);
        return -1;
    }
    return tk_write_file_atomic(path, data, len, protect, d);
}

int tk_outdir_commit(tk_outdir *o, tk_diag *d)
{
    if (!o->staged)
        return 0;
    char old_dir[PATH_MAX + 8];
    snprintf(old_dir, sizeof old_dir, "%s.old", o->staging);
    (void)chmod(o->staging, o->mode);
    if (!o->exists || each_entry(o->target, any_entry, NULL) == 0) {
        /* a new directory, or one still empty: rename replaces an empty directory */
        if (rename(o->staging, o->target) != 0)
            goto fail;
    } else if (renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0) {
        /* swapped in one step: the staging name now holds the old files */
        snprintf(old_dir, sizeof old_dir, "%s", o->staging);
    } else if (rename(o->target, old_dir) != 0 || rename(o->staging, o->target) != 0) {
        int saved = errno;
        (void)rename(old_dir, o->target); /* the first rename may have succeeded */
        errno = saved;
        goto fail;
    }
    sync_parent(o->target);
    sigset_t old;
    mask_cleanup_signals(1, &old);
    o->staged = 0;
    pending_dir = NULL;
    arm(0);
    mask_cleanup_signals(0, &old);
    if (o->exists) { /* the replaced files (--force): only files, checked when opened */
        each_entry(old_dir, unlink_entry, NULL);
        rmdir(old_dir);
    }
    return 0;
fail:
    TK_MSG(d, IO_RENAME, o->target, 0, 0, strerror(errno));
    return -1;
}

void tk_outdir_free(tk_outdir *o)
{
    if (o == NULL)
        return;
    if (o->staged) {
        sigset_t old;
        mask_cleanup_signals(1, &old);
        remove_staged(o);
        pending_dir = NULL;
        arm(0);
        mask_cleanup_signals(0, &old);
    }
    for (size_t i = 0; i < o->n; i++)
        free(o->files[i]);
    free(o->files);
    free(o);
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

static char data_dir_found[PATH_MAX]; /* written once, under data_dir_once */
static pthread_once_t data_dir_once = PTHREAD_ONCE_INIT;

/* Looks for the data beside the running binary: the source tree (build/teikit ->
 * ../schemas) or a relocated install (PREFIX/bin/teikit -> PREFIX/share/teikit). */
static void find_data_dir(void)
{
    char *found = data_dir_found;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return;
    *slash = '\0'; /* .../build */
    slash = strrchr(exe, '/');
    if (slash == NULL)
        return;
    *slash = '\0'; /* source tree root, or an install prefix */
    if (has_schemas(exe) && strlen(exe) < sizeof data_dir_found) {
        strcpy(found, exe);
        return;
    }
    size_t len = strlen(exe);
    static const char share[] = "/share/teikit";
    if (len + sizeof share <= sizeof data_dir_found) {
        memcpy(found, exe, len);
        memcpy(found + len, share, sizeof share);
        if (!has_schemas(found))
            found[0] = '\0';
    }
}

/* Looks in order: $TEIKIT_DATADIR; the source tree (build/teikit -> ./schemas); the install
 * prefix relative to the binary (bin/teikit -> share/teikit); the compiled-in TK_DATADIR. */
const char *tk_data_dir(void)
{
    const char *env = getenv("TEIKIT_DATADIR");
    if (env != NULL && *env)
        return env;
    pthread_once(&data_dir_once, find_data_dir);
    return data_dir_found[0] ? data_dir_found : TK_DATADIR;
}

const char *tk_base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b != NULL && b[1] != '\0' ? b + 1 : path;
}
