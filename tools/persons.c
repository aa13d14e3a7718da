/* persons.c: personography loading and name matching (placeholder: no names). */
#include <stdlib.h>

#include "tk_internal.h"

struct tk_persons {
    int unused;
};

tk_persons *tk_persons_new(const char *path, tk_diag *d)
{
    (void)path;
    (void)d;
    return calloc(1, sizeof(tk_persons));
}
void tk_persons_free(tk_persons *p) { free(p); }
void tk_persons_scan(tk_persons *p, const char *text, size_t len,
                     void (*found)(const tk_person_match *m, void *user), void *user)
{
    (void)p; (void)text; (void)len; (void)found; (void)user;
}
