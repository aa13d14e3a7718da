#!/bin/sh
# t_alloc_policy.sh: the converter follows the one out-of-memory policy (tk_alloc.h: allocate
# or abort): no bare malloc/calloc/realloc/strdup/strndup in its sources (the tk_x* wrappers),
# and its attribute and text constructors are the checked ones of tk_internal.h
# (tk_xset_prop, tk_xnew_prop, tk_xset_ns_prop, tk_xnew_doc_text), never libxml2's bare calls
# whose NULL would leave an attribute or a text out of the document.
. tests/lib.sh

CONVERTER="blocks captions checks convert footnotes header inlines persons places reader rules
serialize shape span speakers tei dates names gazetteer records timeline"
for f in $CONVERTER; do
  src=tools/$f.c
  [ -f "$src" ] || { fail "$src: missing (update the converter list)"; continue; }
  bare=$(grep -nE '(^|[^_a-zA-Z])(malloc|calloc|realloc|strdup|strndup)\(' "$src")
  [ -z "$bare" ] && ok || fail "$src: allocation outside the abort policy: $bare"
  tree=$(grep -nE '(^|[^_a-zA-Z])(xmlSetProp|xmlNewProp|xmlSetNsProp|xmlNewDocText)\(' "$src")
  [ -z "$tree" ] && ok || fail "$src: unchecked libxml2 tree call: $tree"
done
tk_done
