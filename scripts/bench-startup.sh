#!/usr/bin/env bash
# make bench, start-up and memory: the release app (the build `make package` ships) on an empty
# database and on 5,000 clusters / 100,000 organisations, under Xvfb through tauri-driver
# (tests/bench/startup.test.mjs prints the figures and the targets: < 1 s to the list, < 150 MiB).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
TARGET_DIR=$(realpath -m "${CARGO_TARGET_DIR:-target}")
RELEASE=$TARGET_DIR/release

cargo build -q --release --locked -p clusterdesk-cli
(cd ui && TAURI_APP_PATH=$ROOT/src-tauri TAURI_FRONTEND_PATH=$ROOT/ui npx --no -- tauri build --no-bundle) > /dev/null

# The databases are kept between runs: the large one takes a while to generate.
DBS=$TARGET_DIR/bench-startup
mkdir -p "$DBS"
if [ ! -f "$DBS/empty.sqlite" ]; then
  "$RELEASE/clusterdesk" --db "$DBS/empty.sqlite" clusters list > /dev/null
fi
if [ ! -f "$DBS/large.sqlite" ]; then
  echo "bench-startup: generating 5,000 clusters / 100,000 organisations"
  "$RELEASE/clusterdesk" --db "$DBS/large.tmp.sqlite" demo --clusters 5000 --orgs-per-cluster 20
  mv "$DBS/large.tmp.sqlite" "$DBS/large.sqlite"
fi

CLUSTERDESK_APP=$RELEASE/clusterdesk-app BENCH_DB_EMPTY=$DBS/empty.sqlite BENCH_DB_LARGE=$DBS/large.sqlite \
  node tests/e2e/run.mjs tests/bench/startup.test.mjs
