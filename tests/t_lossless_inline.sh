#!/bin/sh
# t_lossless_inline.sh: the lossless test over the inline pass alone (the tests/fuzz driver,
# no block side: strict, only the Footnotes: label and the Spacelog markup accounted for),
# rendered by `teikit render`; t_lossless.sh runs it over the whole converter.
# suite: both (its ../shared parts in make check-corpus)
TK_LOSSLESS_CONVERT=0 exec sh tests/t_lossless.sh
