#!/usr/bin/env bash
# Starts scripts/serve.sh (the README's first command) on a free loopback port with a throwaway data
# folder, fetches the home page, an issue page and an article page, checks each is 200 and shows the
# expected headline, and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$data_dir/serve.log"
UNIONARCHIVE_DATA_DIR="$data_dir" BIND="127.0.0.1:$port" WEB_CONCURRENCY=2 \
  setsid bash scripts/serve.sh >"$log" 2>&1 &
serve_pid=$!
cleanup() { kill -- -"$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; rm -rf "$data_dir"; }
trap cleanup EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null "$base/" 2>/dev/null; then break; fi
  if ! kill -0 "$serve_pid" 2>/dev/null; then echo "serve.sh died:"; cat "$log"; exit 1; fi
  sleep 1
done
UNIONARCHIVE_DATA_DIR="$data_dir" .venv/bin/python .ci/smoke_check.py "$base" || { echo "--- serve log"; tail -50 "$log"; exit 1; }
