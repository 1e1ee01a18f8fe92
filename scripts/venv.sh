#!/usr/bin/env bash
# Creates .venv with a Python >= 3.12 and installs the project with its dev tools, only when
# pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python() {
  for candidate in python3 python3.12 python3.13 python3.14; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  # pyenv machines: .python-version pins 3.12.1, but PYENV_VERSION may override it.
  if command -v pyenv >/dev/null 2>&1 && PYENV_VERSION=3.12.1 python3.12 -V >/dev/null 2>&1; then
    echo "env PYENV_VERSION=3.12.1 python3.12"; return
  fi
  echo "No Python >= 3.12 found." >&2; exit 1
}

if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  rm -rf .venv
  $(pick_python) -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [[ ! -f $stamp ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
