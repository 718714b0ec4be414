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
# --- extras (postgres helper): EXTRAS (default "test,bench") names the pyproject extras to install,
# e.g. "test,bench,postgres"; one stamp per extra, so adding an extra later installs just once more.
EXTRAS="${EXTRAS:-test,bench}"
hash=$(sha256sum pyproject.toml | cut -c1-16)
missing=""
for extra in ${EXTRAS//,/ }; do
  [ -f "$VENV/.installed-$hash-$extra" ] || missing=1
done
if [ -n "$missing" ]; then
  "$PY" -m pip install --quiet --upgrade pip
  "$PY" -m pip install --quiet -e ".[$EXTRAS]"
  find "$VENV" -maxdepth 1 -name '.installed-*' ! -name ".installed-$hash-*" -delete
  for extra in ${EXTRAS//,/ }; do touch "$VENV/.installed-$hash-$extra"; done
fi
# --- end extras
export PY
