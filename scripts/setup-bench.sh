#!/usr/bin/env bash
# What `make bench` needs beyond scripts/setup.sh: Debian's chromium, the baseline the assessment
# report benchmark prints HTML to PDF with. Installed only here, so that building and testing the
# app never pull a browser in. Idempotent; about a second when chromium is there.
set -euo pipefail

if command -v chromium >/dev/null; then
  echo "setup-bench: chromium present ($(chromium --version 2>/dev/null | head -1))"
  exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-bench: not root and no sudo: cannot install chromium" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "setup-bench: installing chromium (Debian package) for the assessment benchmark's baseline"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
echo "setup-bench: chromium installed"
