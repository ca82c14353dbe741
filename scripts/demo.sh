#!/usr/bin/env bash
# Set up on a fresh machine, build the demo store (first run only) and serve the demo dashboard
# on http://127.0.0.1:8000/ with a demo user whose password is printed once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec "${PYTHON:-python3}" -m kenali serve --demo "$@"
