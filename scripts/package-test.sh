#!/usr/bin/env bash
# make package-test: the .deb that `make package` built, installed the way a user would into a
# clean Debian 12 root, then used, upgraded and purged:
#   1. mmdebstrap makes the root from the Debian mirror this machine's apt uses;
#   2. `apt-get install ./ClusterDesk_….deb` (so a missing dependency fails here);
#   3. a user's demo database made by the installed `clusterdesk`, and its assessment report;
#   4. the installed app under Xvfb, driven by tauri-driver (tests/package/installed.test.mjs):
#      the list shows, a cluster is saved, the app restarts and still has it;
#   5. an upgrade to a package rebuilt with a new migration and a higher version: the data is
#      kept, a "before-migration" backup is made, and the app still shows the cluster;
#   6. `apt-get purge`: the program is gone, the user's data folder stays.
# Needs root (chroot, mounts). Takes several minutes: not part of `make test` (README.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
TARGET_DIR=$(realpath -m "${CARGO_TARGET_DIR:-target}")
START=$SECONDS

say() { printf 'package-test: %s (%ds)\n' "$*" $((SECONDS - START)); }
die() { printf 'package-test: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (it makes a chroot and mounts /proc in it)"
command -v mmdebstrap >/dev/null || {
  say "installing mmdebstrap"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq mmdebstrap >/dev/null
}
DEB=$(ls -t "$TARGET_DIR"/release/bundle/deb/ClusterDesk_*_amd64.deb 2>/dev/null | head -n 1 || true)
[ -n "$DEB" ] || die "no .deb under $TARGET_DIR/release/bundle/deb: run make package first"
PACKAGE=$(dpkg-deb -f "$DEB" Package)
VERSION=$(dpkg-deb -f "$DEB" Version)

WORK=$(mktemp -d /var/tmp/clusterdesk-package-test.XXXXXX)
CHROOT=$WORK/root
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -- -"$pid" 2>/dev/null || true; done
  sleep 1
  for m in dev/shm dev/pts dev proc sys; do
    mountpoint -q "$CHROOT/$m" 2>/dev/null && umount -l "$CHROOT/$m"
  done
  if [ "${PACKAGE_TEST_KEEP:-}" = 1 ]; then echo "package-test: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

in_root() { chroot "$CHROOT" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
as_staff() { chroot --userspec=staff:users "$CHROOT" env -i HOME=/home/staff USER=staff \
  PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"; }

# --- 0. the upgrade's package, built first (it is the slow part) -------------------------------
# The working tree's tracked files with one migration more and the version raised, built in debug
# (the dependencies are built already; a release build would take a quarter of an hour more) into
# a target folder of its own, so that the project's binaries are not replaced by this variant.
say "building the upgrade package (version + 1, one migration more)"
SRC=$WORK/src
mkdir -p "$SRC"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$SRC"
ln -s "$ROOT/ui/node_modules" "$SRC/ui/node_modules"
cat > "$SRC/migrations/99991231000000_package_test_upgrade.sql" <<'SQL'
-- Added by scripts/package-test.sh only: a schema change for the upgrade test to migrate.
CREATE TABLE package_test_upgrade (id INTEGER PRIMARY KEY);
SQL
UPGRADE_VERSION=$(python3 -c "import sys; v=sys.argv[1].split('.'); v[-1]=str(int(v[-1])+1); print('.'.join(v))" "$VERSION")
UPGRADE_TARGET=$WORK/target
mkdir -p "$UPGRADE_TARGET/debug"
# Hard links to the dependencies already compiled; cargo writes new files, never into these.
for d in deps build .fingerprint; do
  [ -d "$TARGET_DIR/debug/$d" ] && cp -al "$TARGET_DIR/debug/$d" "$UPGRADE_TARGET/debug/"
done
(
  cd "$SRC"
  export CARGO_TARGET_DIR=$UPGRADE_TARGET CARGO_INCREMENTAL=0
  cargo build -q --locked -p clusterdesk-cli
  cd ui
  TAURI_APP_PATH=$SRC/src-tauri TAURI_FRONTEND_PATH=$SRC/ui npx --no -- tauri build --debug --bundles deb \
    --config "{\"version\":\"$UPGRADE_VERSION\",\"bundle\":{\"linux\":{\"deb\":{\"files\":{\"/usr/bin/clusterdesk\":\"$UPGRADE_TARGET/debug/clusterdesk\"}}}}}"
) > "$WORK/upgrade-build.log" 2>&1 || { tail -n 30 "$WORK/upgrade-build.log" >&2; die "the upgrade package did not build"; }
UPGRADE_DEB=$(ls "$UPGRADE_TARGET"/debug/bundle/deb/ClusterDesk_"${UPGRADE_VERSION}"_amd64.deb)

# --- 1. a clean Debian 12 root ---------------------------------------------------------------
MIRROR=$(grep -rhoE '^(URIs:[[:space:]]*|deb[[:space:]]+)https?://[^[:space:]]+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -oE 'https?://[^[:space:]]+' | grep -E '/debian/?$' | head -n 1 || true)
# Only a Debian archive (…/debian) serves bookworm: other sources (nodesource, vendors) do not.
MIRROR=${MIRROR%/}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${MIRROR%/debian}/debian-security
say "making a clean Debian 12 root from $MIRROR"
mmdebstrap --quiet --variant=apt bookworm "$CHROOT" \
  "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" "deb $SECURITY bookworm-security main" \
  > "$WORK/mmdebstrap.log" 2>&1 || { tail -n 20 "$WORK/mmdebstrap.log" >&2; die "mmdebstrap failed"; }
mount -t proc proc "$CHROOT/proc"
mount -t sysfs sys "$CHROOT/sys"
mount --bind /dev "$CHROOT/dev"
mount --bind /dev/pts "$CHROOT/dev/pts"
mount -t tmpfs shm "$CHROOT/dev/shm"

# --- 2. the package, with the dependencies apt finds for it -----------------------------------
# mmdebstrap leaves the root without package lists: without them no dependency is installable.
in_root apt-get update -q > "$WORK/update.log" 2>&1 || { tail -n 20 "$WORK/update.log" >&2; die "apt-get update in the root failed"; }
say "apt-get install ./$(basename "$DEB") ($(du -h "$DEB" | cut -f1))"
cp "$DEB" "$CHROOT/tmp/"
in_root apt-get install -y -q "/tmp/$(basename "$DEB")" > "$WORK/install.log" 2>&1 \
  || { tail -n 30 "$WORK/install.log" >&2; die "apt-get install of the .deb failed"; }
for f in /usr/bin/clusterdesk-app /usr/bin/clusterdesk /usr/share/applications/ClusterDesk.desktop; do
  [ -e "$CHROOT$f" ] || die "the package did not install $f"
done
ls "$CHROOT"/usr/share/icons/hicolor/*/apps/clusterdesk-app.png > /dev/null || die "no icon installed"
grep -q '^Comment\[ro\]=' "$CHROOT/usr/share/applications/ClusterDesk.desktop" || die "no Romanian desktop entry text"

# --- 3. the command line, as a user ------------------------------------------------------------
# Debian already has a group "staff" (for /usr/local): the user joins "users".
in_root useradd --create-home --gid users --shell /bin/bash staff
DATA=/home/staff/.local/share/ro.clustero.clusterdesk
say "the installed clusterdesk: demo database and an assessment report"
as_staff clusterdesk demo > "$WORK/cli.log" 2>&1 || { cat "$WORK/cli.log" >&2; die "clusterdesk demo failed"; }
[ -f "$CHROOT$DATA/clusterdesk.sqlite" ] || die "clusterdesk demo made no database at $DATA"
as_staff clusterdesk report assessment --cluster "SIBIU IT" --year 2024 --out /home/staff/Evaluare.pdf >> "$WORK/cli.log" 2>&1 \
  || { cat "$WORK/cli.log" >&2; die "clusterdesk report assessment failed"; }
[ "$(head -c 5 "$CHROOT/home/staff/Evaluare.pdf")" = "%PDF-" ] || die "the assessment report is not a PDF"

# --- 4. the installed app under Xvfb, through tauri-driver -------------------------------------
say "test tools in the root: Xvfb, WebKitWebDriver, tauri-driver"
in_root apt-get install -y -q --no-install-recommends xvfb xauth webkit2gtk-driver > "$WORK/tools.log" 2>&1 \
  || { tail -n 20 "$WORK/tools.log" >&2; die "could not install the test tools"; }
cp "$(command -v tauri-driver)" "$CHROOT/usr/local/bin/tauri-driver"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
drive() { # $1: the phase of tests/package/installed.test.mjs
  local display=$((100 + RANDOM % 800)) port native
  port=$(free_port)
  native=$(free_port)
  setsid chroot "$CHROOT" Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp > "$WORK/xvfb-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do [ -e "$CHROOT/tmp/.X11-unix/X$display" ] && break; sleep 0.2; done
  setsid chroot --userspec=staff:users "$CHROOT" env -i HOME=/home/staff USER=staff PATH=/usr/local/bin:/usr/bin:/bin \
    LANG=C.UTF-8 DISPLAY=":$display" tauri-driver --port "$port" --native-port "$native" > "$WORK/driver-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  say "driving the installed app ($1)"
  CLUSTERDESK_E2E_DRIVER_PORT=$port CLUSTERDESK_APP=/usr/bin/clusterdesk-app PACKAGE_TEST_PHASE=$1 \
    PACKAGE_TEST_DB=$DATA/clusterdesk.sqlite node --test --test-concurrency=1 "$ROOT/tests/package/installed.test.mjs" \
    || { tail -n 30 "$WORK/driver-$1.log" >&2; die "the installed app failed its $1 test"; }
  for pid in "${PIDS[@]}"; do kill -- -"$pid" 2>/dev/null || true; done
  PIDS=()
  sleep 1
}
drive install

# --- 5. the upgrade ----------------------------------------------------------------------------
say "upgrade to $(basename "$UPGRADE_DEB")"
cp "$UPGRADE_DEB" "$CHROOT/tmp/"
in_root apt-get install -y -q "/tmp/$(basename "$UPGRADE_DEB")" > "$WORK/upgrade.log" 2>&1 \
  || { tail -n 30 "$WORK/upgrade.log" >&2; die "apt-get install of the upgrade failed"; }
[ "$(in_root dpkg-query -W -f='${Version}' "$PACKAGE")" = "$UPGRADE_VERSION" ] || die "the upgrade did not install"
drive upgrade
migrated=$(sqlite3 "$CHROOT$DATA/clusterdesk.sqlite" "SELECT count(*) FROM _sqlx_migrations WHERE version = 99991231000000")
[ "$migrated" = 1 ] || die "the upgraded app did not run the new migration"
ls "$CHROOT$DATA"/backups/*before-migration* > /dev/null 2>&1 || die "no before-migration backup in $DATA/backups"
say "data kept, migrated, and a before-migration backup made: $(basename "$(ls "$CHROOT$DATA"/backups/*before-migration* | head -n 1)")"

# --- 6. purge ----------------------------------------------------------------------------------
say "apt-get purge $PACKAGE"
in_root apt-get purge -y -q "$PACKAGE" > "$WORK/purge.log" 2>&1 || { tail -n 20 "$WORK/purge.log" >&2; die "purge failed"; }
[ ! -e "$CHROOT/usr/bin/clusterdesk-app" ] && [ ! -e "$CHROOT/usr/bin/clusterdesk" ] || die "purge left the programs"
[ -f "$CHROOT$DATA/clusterdesk.sqlite" ] || die "purge removed the user's database"
sqlite3 "$CHROOT$DATA/clusterdesk.sqlite" "SELECT count(*) FROM clusters WHERE cui LIKE '%31415920%'" | grep -qx 1 \
  || die "the cluster saved through the app is not in the database left after the purge"

say "passed: install, smoke test, report, upgrade with data kept, purge with data kept"
