#!/usr/bin/env bash
# Install everything, load the seed pages, build the search index and serve the site with gunicorn.
# BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (default 3) and every setting in
# unionarchive/settings.py (UNIONARCHIVE_DATA_DIR, DATABASE_URL, …) come from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
# --- databases (postgres helper): a postgres DATABASE_URL needs the driver (the postgres extra)
case "${DATABASE_URL:-}" in
  postgres://*|postgresql://*|pgsql://*|postgis://*) EXTRAS="test,bench,postgres" ;;
esac
# --- end databases
source scripts/bootstrap.sh

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py import_pages seeds/
"$PY" manage.py enrich
"$PY" manage.py build_index  # one writer, whole index (haystack's rebuild_index works too)

# The index worker (the one process that writes the search index, see articles/search/worker.py),
# kept alive: restarted whenever it exits, after a back-off that doubles from 1 s up to 60 s while
# it keeps dying early and starts again at 1 s once it has run for a minute. TERM/INT stop it
# cleanly (it finishes the batch in hand). In production systemd does this: deploy/README.md.
supervise_worker() {
  local delay=1 child= stopping=
  trap 'stopping=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' TERM INT
  while [ -z "$stopping" ]; do
    local started=$SECONDS
    "$PY" manage.py index_worker --interval 0.2 &
    child=$!
    # Until the worker is really gone: every trapped signal interrupts a wait, and a stop sends TERM
    # twice (serve.sh's trap, then again once gunicorn's wait returns); leaving after the second
    # interrupted wait let serve.sh exit while the worker was still finishing its batch.
    while kill -0 "$child" 2>/dev/null; do wait "$child" 2>/dev/null || true; done
    [ -n "$stopping" ] && break
    if (( SECONDS - started >= 60 )); then delay=1; fi
    echo "serve.sh: the index worker exited; starting it again in ${delay} s" >&2
    sleep "$delay" & wait $! || true
    delay=$(( delay * 2 > 60 ? 60 : delay * 2 ))
  done
}
supervisor_pid=""
if [ "${SEARCH_ENGINE:-whoosh}" != postgresql ]; then
  supervise_worker &
  supervisor_pid=$!
fi  # SEARCH_ENGINE=postgresql: each change writes its search documents itself, no worker

"$VENV/bin/gunicorn" unionarchive.wsgi \
  --bind "${BIND:-127.0.0.1:8000}" \
  --workers "${WEB_CONCURRENCY:-3}" \
  --access-logfile - \
  --timeout 60 &
gunicorn_pid=$!

stop() { kill -TERM "$gunicorn_pid" $supervisor_pid 2>/dev/null || true; }
trap stop TERM INT
wait "$gunicorn_pid" || true  # returns when gunicorn ends, or early when we are asked to stop
stop  # either way: stop both, and wait for both
wait "$gunicorn_pid" && status=0 || status=$?  # gunicorn's own exit status (0 after a clean stop)
[ -z "$supervisor_pid" ] || wait "$supervisor_pid" 2>/dev/null || true
exit "$status"
