#!/bin/sh
# t_layout.sh: the library's layout rules that the compiler does not check (issue 13). The
# notes store (footnotes.c) knows nothing of the inline pass: it includes no tk_inline.h and
# calls nothing of inlines.c or timeline.c (the inline pass asks it for the texts to fill);
# the inline pass's state is inlines.c's (tk_inline_new/free), not a field of tk_footnotes.
. tests/lib.sh

src=tools/footnotes.c
hasnt "footnotes.c includes the inline pass's header" "$src" '#include "tk_inline\.h"'
hasnt "footnotes.c calls the inline pass" "$src" '(^|[^_a-zA-Z])tk_(inline|timeline|timestamp)_[a-z_]*\('
hasnt "footnotes.c reaches into the inline pass's state" "$src" '(->|\.)(inl|in_note|parents|when_keys|scratch)([^_a-zA-Z]|$)'
has "inlines.c makes the inline pass's state" tools/inlines.c '^tk_inline \*tk_inline_new\(void\)'
has "inlines.c frees it" tools/inlines.c '^void tk_inline_free\(tk_inline \*'
tk_done
