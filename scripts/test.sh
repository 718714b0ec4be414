#!/usr/bin/env bash
# Install everything and run the whole test suite (browser and slow tests included).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not browser" -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
# axe-core for the accessibility browser test (tests/a11y), pinned in package-lock.json.
if [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec "$PY" -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
