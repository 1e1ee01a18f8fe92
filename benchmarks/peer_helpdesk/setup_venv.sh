#!/usr/bin/env bash
# Make (or bring up to date) the django-helpdesk peer's own virtual environment.
# Idempotent: an existing venv is reused and pip only installs what differs from requirements.txt.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${HELPDESK_VENV:-$ROOT/var/bench/helpdesk-venv}"

if [[ ! -x "$VENV/bin/python" ]]; then
    mkdir -p "$(dirname "$VENV")"
    PYENV_VERSION=3.12.1 python3.12 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
"$VENV/bin/python" - <<'PY'
import django, importlib.metadata as md
print(f"helpdesk venv ready: Python {__import__('sys').version.split()[0]}, "
      f"Django {django.__version__}, django-helpdesk {md.version('django-helpdesk')}, "
      f"gunicorn {md.version('gunicorn')}, psycopg {md.version('psycopg')}")
PY
