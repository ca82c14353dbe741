#!/usr/bin/env bash
# Set up on a fresh machine and build the demo store, then print its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec "${PYTHON:-python3}" -m kenali demo "$@"
