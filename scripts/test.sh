#!/usr/bin/env bash
# Install everything and run the whole test suite (browser and slow tests included).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not browser" -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec "$PY" -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
