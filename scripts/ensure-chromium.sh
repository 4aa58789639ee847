#!/usr/bin/env bash
# The report's browser test opens report.html in headless Chromium (Debian's `chromium`). `make test`
# runs this first: nothing to do when it is there; as root it installs it with apt-get; otherwise it
# stops with the one command to run (exit 2), so a missing browser never shows up as a test failure.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the report's browser test (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
  echo "make test: apt-get installed chromium but $CHROMIUM is still missing (set CHROMIUM=/path/to/chromium)" >&2
  exit 2
fi
echo "make test: the report test needs headless Chromium at $CHROMIUM; run: sudo apt-get install -y chromium (or set CHROMIUM=/path/to/chromium)" >&2
exit 2
