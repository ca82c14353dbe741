#!/usr/bin/env bash
# Set up on a fresh machine, lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
PY=${PYTHON:-python3}
"$PY" -m ruff check kenali tests bench
"$PY" -m mypy
"$PY" -m pytest -q "$@"
