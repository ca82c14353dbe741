#!/usr/bin/env bash
# Install kenali on a fresh Debian machine with Python 3.11 (with --dev: also the test tools).
# Debian's chromium renders the PDF report offline and drives the browser tests; poppler-utils
# checks the PDF in tests; fonts-noto-color-emoji lets the PDF show the emoji in comments.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
want_dev=${1:-}
if [ "$want_dev" = "--dev" ]; then
  "$PY" -m pip install --disable-pip-version-check -q -e ".[dev]"
else
  "$PY" -m pip install --disable-pip-version-check -q -e .
fi
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing="$missing fonts-noto-color-emoji"
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "setup: missing Debian packages:$missing (install them as root for PDF reports and browser tests)" >&2
  fi
fi
