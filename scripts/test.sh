#!/usr/bin/env bash
# Install everything and run the whole test suite (browser and slow tests included), on SQLite and
# then on PostgreSQL 15 (a throwaway cluster from scripts/pg_cluster.sh); fails if either fails.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not browser" -x`.
# TEST_DATABASES=sqlite (or =postgresql) runs one of the two; PYTEST_WORKERS (default 2) sets -n.
set -euo pipefail
cd "$(dirname "$0")/.."
# --- databases (postgres helper): the postgres extra brings psycopg for the second run
EXTRAS="test,bench,postgres"
# --- end databases
source scripts/bootstrap.sh
# axe-core for the accessibility browser test (tests/a11y), pinned in package-lock.json.
if [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- databases (postgres helper): one run per database, both always run, either failing fails
failed=()
for database in ${TEST_DATABASES:-sqlite postgresql}; do
  started=$SECONDS
  case "$database" in
    sqlite)
      echo "== the whole suite on SQLite"
      env -u DATABASE_URL "$PY" -m pytest -n "${PYTEST_WORKERS:-2}" "$@" || failed+=(sqlite) ;;
    postgresql)
      echo "== the whole suite on PostgreSQL 15"
      bash scripts/pg_cluster.sh run "$PY" -m pytest -n "${PYTEST_WORKERS:-2}" "$@" || failed+=(postgresql) ;;
    *)
      echo "unknown database in TEST_DATABASES: $database (sqlite, postgresql)" >&2; exit 2 ;;
  esac
  echo "== $database: $((SECONDS - started)) s"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== FAILED on: ${failed[*]}" >&2
  exit 1
fi
# --- end databases
