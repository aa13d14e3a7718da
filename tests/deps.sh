#!/bin/sh
# deps.sh [--check]: makes sure the build and test dependencies are installed (Debian), or
# says what to install in one line. Runs apt-get only when something is missing and we are
# root (or sudo), and never with --check (what `make check` runs: tests install nothing).
need=""
pkg-config --exists libxml-2.0 2>/dev/null || need="$need libxml2-dev"
pkg-config --exists libxslt libexslt 2>/dev/null || need="$need libxslt1-dev"
[ -f /usr/include/CUnit/CUnit.h ] || need="$need libcunit1-dev"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v xmllint >/dev/null 2>&1 || need="$need libxml2-utils"
command -v xsltproc >/dev/null 2>&1 || need="$need xsltproc"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
[ -z "$need" ] && exit 0
if [ "${1:-}" = --check ]; then
  echo "teikit: missing:$need (install with: apt-get install$need, or run make deps)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=none; fi
if [ "$SUDO" != none ] && command -v apt-get >/dev/null 2>&1; then
  echo "teikit: installing:$need"
  $SUDO apt-get update -qq >/dev/null && \
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null && exit 0
fi
echo "teikit: missing dependencies; install them with: apt-get install$need" >&2
exit 1
