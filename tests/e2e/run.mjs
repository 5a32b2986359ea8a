#!/usr/bin/env node
// The one end-to-end runner (`make e2e` builds the app and calls it; `npm test` here too).
//
//   node tests/e2e/run.mjs [SPEC_FILE ...] [--test-flag=value ...]
//
// 1. Without $DISPLAY it runs itself again under `xvfb-run -a` (a virtual X display).
// 2. It finds the debug app binary `${CARGO_TARGET_DIR:-target}/debug/clusterdesk-app` (relative
//    to the repository root; CLUSTERDESK_APP overrides it), built by
//    `tauri build --debug --no-bundle` so that the UI is embedded.
// 3. It makes a temporary folder and starts ONE tauri-driver (on a free port, WebKitWebDriver on
//    another; the specs read the first from CLUSTERDESK_E2E_DRIVER_PORT, so that runs of two
//    checkouts can share a machine)
//    with XDG_DATA_HOME (and XDG_CONFIG_HOME, XDG_CACHE_HOME) inside it: every app the driver
//    starts inherits that environment, so no test touches the user's real data.
// 4. It runs `node --test --test-concurrency=1` on tests/e2e/specs/*.test.mjs (or on the spec files
//    given; arguments starting with `--` go to `node --test`, e.g. --test-name-pattern=smoke) with
//    CLUSTERDESK_E2E_TMP = the temporary folder and CLUSTERDESK_APP = the binary; the app and the
//    specs share CLUSTERDESK_EXPORT_DIR (exports land there) and CLUSTERDESK_IMPORT_DIR (the newest
//    file there is the one "chosen" in the open dialog).
// 5. Whatever happens (failure, Ctrl-C, the overall timeout) it stops tauri-driver, WebKitWebDriver
//    and any app they started (they share one process group), removes the temporary folder, and
//    exits with the tests' status.
//
// Environment: CLUSTERDESK_E2E_TIMEOUT_S (default 900: the whole run is killed after that),
// CLUSTERDESK_E2E_KEEP_TMP=1 keeps the temporary folder. tauri-driver's output goes to
// tests/e2e/artifacts/tauri-driver.log, whose end is printed when the tests fail.

import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const E2E_DIR = dirname(SELF);
const ROOT = resolve(E2E_DIR, '..', '..');
const SPECS_DIR = join(E2E_DIR, 'specs');
const ARTIFACTS_DIR = join(E2E_DIR, 'artifacts');
const TIMEOUT_S = Number(process.env.CLUSTERDESK_E2E_TIMEOUT_S || 900);

const log = (msg) => console.log(`e2e: ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(msg, code = 2) {
  console.error(`e2e: error: ${msg}`);
  process.exit(code);
}

function which(cmd, extraDirs = []) {
  const dirs = [...(process.env.PATH || '').split(delimiter), ...extraDirs];
  for (const d of dirs) {
    if (!d) continue;
    const p = join(d, cmd);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

// --- process groups: every child is started detached (its own group) so that the group, with
// --- everything it started, can be stopped at once.
const groups = new Map(); // pgid -> { name, child }

function startGroup(name, cmd, args, options) {
  const child = spawn(cmd, args, { ...options, detached: true });
  if (child.pid) groups.set(child.pid, { name, child });
  return child;
}

// True while the group has a process that is not a zombie. kill(-pgid, 0) alone also counts
// zombies, which stay until whoever inherited them reaps them.
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return true; // no /proc: trust kill()
  }
  for (const ent of entries) {
    if (!/^\d+$/.test(ent)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${ent}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

async function stopGroup(pgid, graceMs) {
  const { name, child } = groups.get(pgid) ?? { name: String(pgid) };
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let t = 0; t < graceMs && groupAlive(pgid); t += 100) await sleep(100);
    if (groupAlive(pgid)) {
      log(`${name} did not stop on SIGTERM: SIGKILL`);
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
      for (let i = 0; i < 30 && groupAlive(pgid); i++) await sleep(100);
    }
  }
  // Reap our own child, so that it does not linger as a zombie after this process is gone.
  if (child) await Promise.race([waitExit(child), sleep(2000)]);
  groups.delete(pgid);
}

// Last started first: the tests, then the driver. `graceMs`: how long SIGTERM has before SIGKILL.
async function stopAll(graceMs = 5000) {
  for (const pgid of [...groups.keys()].reverse()) await stopGroup(pgid, graceMs);
}

// A last resort if the process dies with groups still running (an uncaught exception).
process.on('exit', () => {
  for (const pgid of groups.keys()) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function waitExit(child) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      res({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => res({ code, signal }));
    child.once('error', (err) => res({ code: null, signal: null, error: err }));
  });
}

function statusOf({ code, signal }) {
  if (code !== null && code !== undefined) return code;
  if (signal === 'SIGINT') return 130;
  if (signal === 'SIGTERM') return 143;
  return 1;
}

/** Handles SIGINT/SIGTERM/SIGHUP and the overall timeout: `onStop(exitCode, why)`. */
function installStops(onStop) {
  let stopping = false;
  const stop = (code, why) => {
    if (stopping) return;
    stopping = true;
    onStop(code, why);
  };
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, () => stop(code, `received ${sig}`));
  }
  return stop;
}

// --- 1. a display ------------------------------------------------------------------------------
async function runUnderXvfb() {
  if (process.env.CLUSTERDESK_E2E_UNDER_XVFB) fail('still no $DISPLAY under xvfb-run');
  const xvfbRun = which('xvfb-run');
  if (!xvfbRun) fail('no $DISPLAY and no xvfb-run: run scripts/setup.sh (it installs xvfb and xauth)');
  log('no $DISPLAY: running again under xvfb-run -a');
  const child = startGroup(
    'xvfb-run',
    xvfbRun,
    ['-a', '-s', '-screen 0 1920x1080x24', process.execPath, SELF, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, CLUSTERDESK_E2E_UNDER_XVFB: '1' } },
  );
  // The inner run stops its own driver and tests on SIGTERM: give it time before SIGKILL.
  const stop = installStops(async (code, why) => {
    log(`${why}: stopping`);
    await stopAll(20_000);
    process.exit(code);
  });
  // The inner run has its own timeout; this one is a backstop a minute later.
  setTimeout(() => stop(124, `timed out after ${TIMEOUT_S + 60} s`), (TIMEOUT_S + 60) * 1000).unref();
  const result = await waitExit(child);
  if (result.error) fail(`could not start xvfb-run: ${result.error.message}`);
  await stopAll(20_000); // xvfb-run's group may still hold an Xvfb that is shutting down
  process.exit(statusOf(result));
}

// --- 2.–5. the run -----------------------------------------------------------------------------
function appBinary() {
  if (process.env.CLUSTERDESK_APP) return resolve(process.env.CLUSTERDESK_APP);
  const targetDir = process.env.CARGO_TARGET_DIR || 'target';
  return resolve(ROOT, targetDir, 'debug', 'clusterdesk-app');
}

function specFiles(args) {
  const chosen = args.filter((a) => !a.startsWith('--'));
  const files = chosen.length
    ? chosen.map((a) => resolve(a))
    : readdirSync(SPECS_DIR)
        .filter((f) => f.endsWith('.test.mjs'))
        .sort()
        .map((f) => join(SPECS_DIR, f));
  for (const f of files) if (!existsSync(f)) fail(`no such spec file: ${f}`);
  if (files.length === 0) fail(`no *.test.mjs in ${SPECS_DIR}`);
  return files.map((f) => relative(ROOT, f));
}

function portOpen(port) {
  return new Promise((res) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      sock.destroy();
      res(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** A port nothing listens on now (the kernel's choice), other than those in `not`. */
async function freePort(not = []) {
  for (;;) {
    const port = await new Promise((res, rej) => {
      const srv = net.createServer();
      srv.once('error', rej);
      srv.listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => res(p));
      });
    });
    if (!not.includes(port)) return port;
  }
}

function tail(file, lines = 40) {
  try {
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function run() {
  const argv = process.argv.slice(2);
  const testFlags = argv.filter((a) => a.startsWith('--'));
  const files = specFiles(argv);

  const app = appBinary();
  if (!existsSync(app)) {
    fail(
      `app binary not found: ${app}\n` +
        '  build it with `make e2e` (or: cd ui && TAURI_APP_PATH=../src-tauri npx tauri build --debug --no-bundle)',
    );
  }

  const cargoBin = join(process.env.CARGO_HOME || join(os.homedir(), '.cargo'), 'bin');
  const tauriDriver = which('tauri-driver', [cargoBin]);
  if (!tauriDriver) fail('tauri-driver not found: run scripts/setup.sh');
  const nativeDriver = which('WebKitWebDriver');
  if (!nativeDriver) fail('WebKitWebDriver not found: run scripts/setup.sh (Debian package webkit2gtk-driver)');

  const DRIVER_PORT = await freePort();
  const NATIVE_PORT = await freePort([DRIVER_PORT]);

  const tmp = mkdtempSync(join(os.tmpdir(), 'clusterdesk-e2e-'));
  const xdg = {
    XDG_DATA_HOME: join(tmp, 'data'),
    XDG_CONFIG_HOME: join(tmp, 'config'),
    XDG_CACHE_HOME: join(tmp, 'cache'),
  };
  // Exports go here instead of through the native save dialog, which WebDriver cannot click.
  const exportsDir = join(tmp, 'exports');
  // And the file to import is the newest one a spec puts here, instead of the native open dialog.
  const importsDir = join(tmp, 'imports');
  for (const d of [...Object.values(xdg), exportsDir, importsDir]) mkdirSync(d, { recursive: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const driverLog = join(ARTIFACTS_DIR, 'tauri-driver.log');

  let finished = false;
  const finish = async (code, why) => {
    if (finished) return;
    finished = true;
    if (why) log(why);
    await stopAll();
    if (process.env.CLUSTERDESK_E2E_KEEP_TMP) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    process.exit(code);
  };
  const stop = installStops((code, why) => finish(code, `${why}: stopping`));
  setTimeout(
    () => stop(124, `timed out after ${TIMEOUT_S} s (CLUSTERDESK_E2E_TIMEOUT_S)`),
    TIMEOUT_S * 1000,
  ).unref();

  // The driver's environment is the apps' environment: isolated data, and no CLUSTERDESK_DB
  // leaking in from the caller (each spec passes --db).
  const driverEnv = {
    ...process.env,
    ...xdg,
    CLUSTERDESK_E2E_TMP: tmp,
    CLUSTERDESK_EXPORT_DIR: exportsDir,
    CLUSTERDESK_IMPORT_DIR: importsDir,
  };
  delete driverEnv.CLUSTERDESK_DB;
  const logFd = openSync(driverLog, 'w');
  log(`starting tauri-driver on ${DRIVER_PORT} (WebKitWebDriver on ${NATIVE_PORT}), data in ${tmp}`);
  const driver = startGroup(
    'tauri-driver',
    tauriDriver,
    ['--port', String(DRIVER_PORT), '--native-port', String(NATIVE_PORT), '--native-driver', nativeDriver],
    { env: driverEnv, stdio: ['ignore', logFd, logFd], cwd: tmp },
  );
  closeSync(logFd);
  let driverExited = null;
  driver.once('exit', (code, signal) => {
    driverExited = { code, signal };
  });
  driver.once('error', (err) => {
    driverExited = { code: null, signal: null, error: err };
  });

  const deadline = Date.now() + 30_000;
  while (!(await portOpen(DRIVER_PORT))) {
    if (driverExited) {
      console.error(tail(driverLog));
      return finish(1, `tauri-driver exited before listening (${JSON.stringify(driverExited)})`);
    }
    if (Date.now() > deadline) {
      console.error(tail(driverLog));
      return finish(1, `tauri-driver did not listen on ${DRIVER_PORT} within 30 s`);
    }
    await sleep(100);
  }
  log(`tauri-driver ready; running ${files.length} spec file(s) against ${app}`);

  const tests = startGroup(
    'node --test',
    process.execPath,
    ['--test', '--test-concurrency=1', ...testFlags, ...files],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        ...xdg,
        CLUSTERDESK_E2E_TMP: tmp,
        CLUSTERDESK_E2E_DRIVER_PORT: String(DRIVER_PORT),
        CLUSTERDESK_APP: app,
        CLUSTERDESK_EXPORT_DIR: exportsDir,
        CLUSTERDESK_IMPORT_DIR: importsDir,
      },
    },
  );
  const result = await waitExit(tests);
  if (finished) return; // stopped by a signal or the timeout
  if (result.error) return finish(1, `could not start node --test: ${result.error.message}`);
  const status = statusOf(result);
  if (status !== 0) {
    console.error(`e2e: the tests failed (status ${status}); end of ${relative(ROOT, driverLog)}:`);
    console.error(tail(driverLog));
  }
  if (driverExited) log(`note: tauri-driver had exited during the tests (${JSON.stringify(driverExited)})`);
  return finish(status);
}

if (!process.env.DISPLAY) await runUnderXvfb();
else await run();
