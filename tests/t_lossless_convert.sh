#!/bin/sh
# t_lossless_convert.sh: the lossless test over the whole converter (`teikit convert`, block
# side and inline pass), not the inline pass alone: see t_lossless.sh.
TK_LOSSLESS_CONVERT=1 exec sh tests/t_lossless.sh
