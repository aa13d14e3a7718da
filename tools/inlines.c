/* inlines.c: the inline pass (placeholder: keeps the text as it is until the rule-driven pass
 * lands). */
#include "tk_internal.h"

void tk_inline_append(tk_conv *cv, xmlNodePtr parent, const tk_span *span)
{
    (void)cv;
    tk_text(parent, span->text, span->len);
}
