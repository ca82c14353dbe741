#!/usr/bin/env bash
# Install kenali and everything its tests need on a fresh Debian machine with Python 3.11.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
want_dev=${1:-}
if [ "$want_dev" = "--dev" ]; then
  "$PY" -m pip install --disable-pip-version-check -q -e ".[dev]"
  # Browser tests drive Debian's chromium (no browser downloads are possible here).
  if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null
    else
      echo "setup: chromium/poppler-utils missing and cannot be installed here; browser tests will skip" >&2
    fi
  fi
else
  "$PY" -m pip install --disable-pip-version-check -q -e .
fi
