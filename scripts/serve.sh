#!/usr/bin/env bash
# Install everything, load the seed pages, build the search index and serve the site with gunicorn.
# BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (default 3) and every setting in
# unionarchive/settings.py (UNIONARCHIVE_DATA_DIR, DATABASE_URL, …) come from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
# --- databases (postgres helper): a postgres DATABASE_URL needs the driver (the postgres extra)
case "${DATABASE_URL:-}" in
  postgres://*|postgresql://*|pgsql://*|postgis://*) EXTRAS="test,postgres" ;;
esac
# --- end databases
source scripts/bootstrap.sh

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py import_pages seeds/
"$PY" manage.py enrich
"$PY" manage.py build_index  # one writer, whole index (haystack's rebuild_index works too)

# The index worker: the one process that writes the search index (see articles/search/).
"$PY" manage.py db_worker --queue-name default,search --interval 0.2 &
worker_pid=$!
trap 'kill "$worker_pid" 2>/dev/null || true' EXIT

"$VENV/bin/gunicorn" unionarchive.wsgi \
  --bind "${BIND:-127.0.0.1:8000}" \
  --workers "${WEB_CONCURRENCY:-3}" \
  --access-logfile - \
  --timeout 60
