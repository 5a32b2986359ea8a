// Helpers for the end-to-end specs in ../specs/.
//
// What runs: the app's window here is a real WebKitGTK window of the debug app binary
// (`tauri build --debug --no-bundle`, UI embedded), not a browser showing the UI. The specs talk
// WebDriver to ONE tauri-driver on 127.0.0.1 (the port in CLUSTERDESK_E2E_DRIVER_PORT), started
// by ../run.mjs; tauri-driver hands each session to WebKitWebDriver, which starts a fresh app process per session and drives
// its webview. Every session is a new app process: openApp() starts it, closeApp() ends it.
//
// run.mjs sets CLUSTERDESK_APP (the binary) and CLUSTERDESK_E2E_TMP (a temporary folder; the
// driver, and so the app, run with XDG_DATA_HOME inside it). Run the specs through run.mjs
// (`make e2e`, or `node tests/e2e/run.mjs` once the binary is built), not with `node --test`
// alone.
//
// tauri-driver reads only `tauri:options` = {application, args}; a `browserName` capability
// breaks session creation, so there is none.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { remote } from 'webdriverio';

const DRIVER_HOST = '127.0.0.1';
// run.mjs chooses a free port; 4444 is tauri-driver's own default.
const DRIVER_PORT = Number(process.env.CLUSTERDESK_E2E_DRIVER_PORT || 4444);

function tmpDir() {
  const dir = process.env.CLUSTERDESK_E2E_TMP;
  if (!dir) {
    throw new Error('CLUSTERDESK_E2E_TMP is not set: run the specs through tests/e2e/run.mjs');
  }
  return dir;
}

/** The moment every spec's app starts at (the app's `--now` test aid; its clock runs on from
 *  there), so that the suite runs the same on any day. Bucharest time. */
export const E2E_NOW = '2026-11-20T10:00';

/** The day `offset` days from E2E_NOW's: ISO and as typed in Romanian (27.11.2026). */
export function day(offset = 0) {
  const d = new Date(Date.UTC(2026, 10, 20 + offset));
  const pad = (n) => String(n).padStart(2, '0');
  const [y, m, dd] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  return { iso: `${y}-${m}-${dd}`, typed: `${dd}.${m}.${y}` };
}

/**
 * Starts the app on the database file `db` (passed as `--db PATH`) at the moment `now` (E2E_NOW
 * unless `args` name another `--now`) and waits until the UI has rendered its root
 * `[data-testid="app-ready"]`. Resolves to a webdriverio browser.
 *
 * @param {{ db: string, args?: string[], now?: string, readyTimeout?: number }} options
 */
export async function openApp({ db, args = [], now = E2E_NOW, readyTimeout = 30_000 } = {}) {
  const application = process.env.CLUSTERDESK_APP;
  if (!application) {
    throw new Error('CLUSTERDESK_APP is not set: run the specs through tests/e2e/run.mjs');
  }
  if (!db) throw new Error('openApp: give a database path, e.g. { db: freshDbPath("name") }');

  const browser = await remote({
    hostname: DRIVER_HOST,
    port: DRIVER_PORT,
    logLevel: 'warn',
    // A session (a new app process) normally opens in about a second; a broken app should fail
    // the spec in a minute, not hang it. Retrying a request to a local driver does not help.
    connectionRetryTimeout: 60_000,
    connectionRetryCount: 0,
    capabilities: {
      'tauri:options': {
        application,
        args: ['--db', db, ...args, ...(args.includes('--now') ? [] : ['--now', now])],
      },
    },
  });
  try {
    await byTestId(browser, 'app-ready').waitForExist({
      timeout: readyTimeout,
      timeoutMsg: `the app did not render [data-testid="app-ready"] within ${readyTimeout} ms`,
    });
  } catch (err) {
    await closeApp(browser);
    throw err;
  }
  return browser;
}

/** The element with `data-testid="id"` (a webdriverio chainable element). */
export function byTestId(browser, id) {
  return browser.$('[data-testid="' + id + '"]');
}

let dbCounter = 0;

/**
 * A path for a database file that does not exist yet, inside the run's temporary folder.
 * `name` only makes it readable; each call gives a new path.
 */
export function freshDbPath(name = 'db') {
  const dir = join(tmpDir(), 'dbs');
  mkdirSync(dir, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9_.-]+/g, '-');
  dbCounter += 1;
  return join(dir, `${safe}-${process.pid}-${dbCounter}.sqlite`);
}

/** Ends the session, which closes the app process. Safe to call twice or with no browser. */
export async function closeApp(browser) {
  if (!browser) return;
  try {
    await browser.deleteSession();
  } catch {
    // The session may already be gone (the app exited, or the driver was stopped).
  }
}

/** How long a step may take before a spec fails: generous, since CI shares two cores. */
export const WAIT = { timeout: 15_000 };

/** Waits for the element with that test id to be displayed and returns it. */
export async function shown(browser, id) {
  const el = byTestId(browser, id);
  await el.waitForDisplayed({ ...WAIT, timeoutMsg: `[data-testid="${id}"] was not displayed` });
  return el;
}

export async function click(browser, id) {
  const el = await shown(browser, id);
  await el.waitForClickable(WAIT);
  await el.click();
}

/** Replaces the value of the input with that test id. */
export async function type(browser, id, value) {
  const el = await shown(browser, id);
  await el.clearValue();
  await el.setValue(value);
  return el;
}

/** The names in the cluster list, in the page's order. */
export async function rowNames(browser) {
  const rows = await browser.$$('[data-testid="cluster-row-name"]');
  const names = [];
  for (const row of rows) names.push((await row.getText()).trim());
  return names;
}

/** Waits until the text of the element with that test id passes `ok`, and returns that text. */
export async function waitForText(browser, id, ok, what) {
  const el = await shown(browser, id);
  let text = '';
  await browser.waitUntil(
    async () => {
      text = (await el.getText()).trim();
      return ok(text);
    },
    { ...WAIT, timeoutMsg: `[data-testid="${id}"] should ${what} (it reads "${text}")` },
  );
  return text;
}
