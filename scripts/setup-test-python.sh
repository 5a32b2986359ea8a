#!/usr/bin/env bash
# The Python tools some tests start (a real SMTP server) or compare with (an independent CUI
# implementation), in a virtual environment of their own: tests/python/.venv, not committed.
# Idempotent and quick when the environment matches tests/python/requirements.txt; scripts/setup.sh
# runs it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=tests/python/.venv
REQS=tests/python/requirements.txt
STAMP="$VENV/requirements.installed"

if [ -x "$VENV/bin/python" ] && cmp -s "$REQS" "$STAMP"; then
  echo "setup: test Python tools present ($VENV)"
  exit 0
fi
command -v python3 >/dev/null || { echo "setup: error: python3 not found (Debian: python3 python3-venv)" >&2; exit 1; }
echo "setup: installing the test Python tools into $VENV"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$REQS"
cp "$REQS" "$STAMP"
