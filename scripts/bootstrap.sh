# Sourced by serve.sh and test.sh: makes .venv (Python 3.11) and installs the project into it.
# Re-installs only when pyproject.toml changed since the last install, so repeated runs are quick.
set -euo pipefail
PYTHON_BIN="${PYTHON:-python3.11}"
command -v "$PYTHON_BIN" >/dev/null 2>&1 || PYTHON_BIN=python3
VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON_BIN" -m venv "$VENV"
fi
PY="$VENV/bin/python"
stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  "$PY" -m pip install --quiet --upgrade pip
  "$PY" -m pip install --quiet -e ".[test,bench]"
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
export PY
