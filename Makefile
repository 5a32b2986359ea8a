# ClusterDesk: build, run and test. On a fresh Debian 12 machine `make run` and `make test` work
# with nothing else typed: every target depends on `setup` (scripts/setup.sh), which installs only
# what is missing and takes about a second when everything is there.
#
#   make run             build the UI and the app, make the demo database if there is none, start it
#   make test            cargo tests, bindings check, UI unit tests (Vitest), the date sweep, workflow lint,
#                        end-to-end tests
#   make date-sweep      the UI tests at year ends, a leap day, both clock changes and in 2029, and
#                        the core's tests two years ahead, under libfaketime (Europe/Bucharest)
#   make e2e             only the end-to-end tests (real window under tauri-driver; xvfb-run if no display)
#   make screenshots     the README's pictures, taken from the real app on the demo database
#   make bench           the store, summary, assessment-report (in process, and a whole `clusterdesk`
#                        process against headless Chromium), bulk-import, timeline, ANAF-check,
#                        funding-match and bulletin-queueing benchmarks, then
#                        the release app's start-up time and memory (prints figures; installs chromium)
#   make package         release build: .deb and .rpm (app + the clusterdesk command) under
#                        $(CARGO_TARGET_DIR or target)/release/bundle/
#   make package-test    the .deb installed, used, upgraded and purged in a clean Debian 12 root (root only;
#                        minutes, so not part of make test)
#   make lint-workflows  actionlint over .github/workflows
#   make fuzz            the import's fuzz run at full size (100,000 cases; `make test` runs 10,000)
#   make test-bulk       a bulk import of 20,000 members against 20,000 one-row imports (`make test` runs 2,000)
#   make check-bindings  fail if the ts-rs TypeScript types in ui/src/lib/bindings are not committed
#
# CARGO_TARGET_DIR is honoured when the environment sets it; nothing here sets one.
# `make run DB=/path/to/file.sqlite` runs on another database.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
# `make test` runs its steps in the order written, and stops at the first failure, even with -j.
.NOTPARALLEL:
.DEFAULT_GOAL := help

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)

TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
APP_BIN := $(abspath $(TARGET_DIR))/debug/clusterdesk-app

# The core's default_db_path(): dirs::data_dir() (XDG_DATA_HOME, else ~/.local/share) joined with
# the app identifier and the file name. CLUSTERDESK_DB, which the app honours too, comes first.
DATA_HOME := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
DB ?= $(or $(CLUSTERDESK_DB),$(DATA_HOME)/ro.clustero.clusterdesk/clusterdesk.sqlite)

# The Tauri CLI is a devDependency of ui/ and runs from there; the Tauri project is src-tauri/.
TAURI := cd $(ROOT)/ui && TAURI_APP_PATH=$(ROOT)/src-tauri TAURI_FRONTEND_PATH=$(ROOT)/ui npx --no -- tauri

.PHONY: help setup ui app check-display run test cargo-test check-bindings ui-test date-sweep lint-workflows e2e screenshots bench fuzz \
	test-bulk package package-test

help:
	@sed -n '1,/^$$/p' $(lastword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

setup:
	bash $(ROOT)/scripts/setup.sh

# ui/dist: the built UI. Tauri embeds it, so it must exist before the app crate compiles
# (cargo test compiles it too).
ui: setup
	npm --prefix ui run build

# The debug app binary with the UI embedded (custom-protocol), as the end-to-end tests need it.
# `tauri build` runs the UI build again through beforeBuildCommand; it takes seconds.
app: ui
	if [ ! -x ui/node_modules/.bin/tauri ]; then
	  echo "make: ui/node_modules/.bin/tauri is missing: ui/package.json needs the devDependency @tauri-apps/cli 2.12.5" >&2
	  exit 1
	fi
	$(TAURI) build --debug --no-bundle
	test -x "$(APP_BIN)" || { echo "make: tauri build did not produce $(APP_BIN)" >&2; exit 1; }

# Said first, before a build of minutes that could not be shown anyway.
check-display:
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then
	  echo "make run: no display (\$$DISPLAY is empty): the app opens a desktop window." >&2
	  echo "  Run it from a desktop session, or on a virtual display: xvfb-run -a make run" >&2
	  echo "  (make e2e tests the app without a display; the CLI 'clusterdesk' needs none.)" >&2
	  exit 1
	fi

run: check-display app
	if [ ! -e "$(DB)" ]; then
	  echo "make run: no database at $(DB): creating the demo database"
	  mkdir -p "$$(dirname "$(DB)")"
	  cargo run -q -p clusterdesk-cli -- --db "$(DB)" demo
	fi
	echo "make run: starting $(APP_BIN) --db $(DB)"
	exec "$(APP_BIN)" --db "$(DB)"

test: setup cargo-test check-bindings ui-test date-sweep lint-workflows e2e
	@echo "make test: all passed"

# --all-targets: the Tauri crate, the CLI, the tests and the benches all compile.
cargo-test: setup ui
	cargo test --workspace --all-targets

# ts-rs writes ui/src/lib/bindings when its export tests run (TS_RS_EXPORT_DIR in .cargo/config.toml);
# what they write must be what is committed.
check-bindings: setup ui
	cargo test -q -p clusterdesk-core export_bindings
	changes=$$(git status --porcelain -- ui/src/lib/bindings)
	if [ -n "$$changes" ]; then
	  echo "make check-bindings: the TypeScript bindings differ from the committed ones:" >&2
	  echo "$$changes" >&2
	  echo "  commit ui/src/lib/bindings as 'cargo test' regenerated it" >&2
	  exit 1
	fi
	echo "make check-bindings: ui/src/lib/bindings is up to date"

ui-test: setup
	npm --prefix ui test

# The suite must pass on any day. libfaketime moves the clock of the processes it starts (the
# clock then runs on from the moment given); the zone is the association's. A local time skipped
# by the spring change does not exist, so that moment is 04:30. The core's tests are built first
# at the real date (cargo compares file times) and run under the fake one; doc tests hang under
# libfaketime and are left out (`--lib --tests`).
SWEEP_MOMENTS := 2026-12-31 23:30:00|2027-01-01 00:30:00|2028-02-29 12:00:00|2027-03-28 04:30:00|2027-10-31 03:30:00|2029-06-15 09:00:00
date-sweep: setup
	IFS='|' read -ra moments <<< "$(SWEEP_MOMENTS)"
	for moment in "$${moments[@]}"; do
	  echo "make date-sweep: UI tests at $$moment (Europe/Bucharest)"
	  (cd ui && TZ=Europe/Bucharest faketime "$$moment" npx vitest run --reporter=dot)
	done
	cargo test -q -p clusterdesk-core --lib --tests --no-run
	ahead=$$(date -d '+2 years' '+%Y-%m-%d %H:%M:%S')
	echo "make date-sweep: the core's tests at $$ahead (Europe/Bucharest)"
	TZ=Europe/Bucharest faketime "$$ahead" cargo test -q -p clusterdesk-core --lib --tests

lint-workflows: setup
	node scripts/workflow-lint/lint.mjs

e2e: setup app
	node tests/e2e/run.mjs

# The README's pictures, from the real app on the demo database (docs/screenshot-*.png).
screenshots: setup app
	WEBKIT_DISABLE_COMPOSITING_MODE=1 node tests/e2e/run.mjs tests/e2e/screenshots/capture.mjs

bench: setup
	bash $(ROOT)/scripts/setup-bench.sh
	cargo bench -p clusterdesk-core --bench store
	cargo bench -p clusterdesk-core --bench summary
	cargo bench -p clusterdesk-core --bench assessment
	cargo bench -p clusterdesk-cli --bench report_process
	cargo bench -p clusterdesk-core --bench import
	cargo bench -p clusterdesk-core --bench timeline
	cargo bench -p clusterdesk-core --bench anaf
	cargo bench -p clusterdesk-core --bench bulletins
	cargo bench -p clusterdesk-core --bench funding
	bash $(ROOT)/scripts/bench-startup.sh

# The .deb and .rpm of the release build (profile in Cargo.toml). The command line goes in as
# /usr/bin/clusterdesk: tauri.conf.json names ../target/release/clusterdesk, which is right only
# without CARGO_TARGET_DIR, so the path is given again here. The AppImage needs tools downloaded
# at build time: the release workflow makes it.
RELEASE_DIR := $(abspath $(TARGET_DIR))/release
CLI_FILES := {"/usr/bin/clusterdesk":"$(RELEASE_DIR)/clusterdesk"}
package: ui
	cargo build --release --locked -p clusterdesk-cli
	$(TAURI) build --bundles deb,rpm --config '{"bundle":{"linux":{"deb":{"files":$(CLI_FILES)},"rpm":{"files":$(CLI_FILES)}}}}'
	ls -l $(RELEASE_DIR)/bundle/deb/*.deb $(RELEASE_DIR)/bundle/rpm/*.rpm

package-test: setup
	bash $(ROOT)/scripts/package-test.sh

# Arbitrary bytes, hostile CSV in every encoding and mutated workbooks through the import's
# preview: it must refuse them, never panic. About 2.5 minutes on two cores.
fuzz: setup
	IMPORT_FUZZ_CASES=100000 cargo test -p clusterdesk-core --test import_fuzz

# The bulk import against one import per row, at the issue's size; release, as the 20,000 one-row
# imports take about 50 ms each in a debug build.
test-bulk: setup
	IMPORT_BULK_ROWS=20000 cargo test --release -p clusterdesk-core --test import_bulk
