// ANAF's data by CUI through the real app, against the local server speaking ANAF's format
// (tests/python/anaf_server.py, started here on a free port; the app is pointed at it by the
// address setting in Settings). A new cluster's form is filled from ANAF's answer after staff
// tick what to take — the struck-off company's data, with ș ț where ANAF sends ş ţ — then the
// membership check runs in the background with its progress in the window, and its flags count
// the cluster and filter the list on it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { byTestId, click, closeApp, freshDbPath, openApp, rowNames, shown, type, waitForText, WAIT } from '../lib/app.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STRUCK_OFF = '19074424';
const NAME = 'Clusterul Mobilei București';

/** Starts the ANAF test server on a free port; resolves to the child and its port. */
function startServer() {
  const venv = `${ROOT}tests/python/.venv/bin/python`;
  const python = existsSync(venv) ? venv : 'python3';
  const child = spawn(python, [`${ROOT}tests/python/anaf_server.py`, '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const port = Number(line.replace('listening ', ''));
      if (port > 0) resolve({ child, port });
      else reject(new Error(`the ANAF test server said "${line}"`));
    });
  });
}

describe('ANAF lookup and membership check', () => {
  let browser;
  let server;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await closeApp(browser);
    server?.child.stdin.end();
    server?.child.kill();
  });

  it('fills a new cluster form from ANAF, field by field', async () => {
    browser = await openApp({ db: freshDbPath('anaf') });
    await shown(browser, 'welcome');
    await click(browser, 'setup-empty');

    await click(browser, 'nav-settings');
    await type(browser, 'anaf-url', `http://127.0.0.1:${server.port}/anaf/PlatitorTvaRest/v9/tva`);
    await click(browser, 'anaf-save');
    await shown(browser, 'toast');

    await click(browser, 'nav-clusters');
    await click(browser, 'cluster-new');
    await type(browser, 'field-name', NAME);
    await (await shown(browser, 'field-county')).selectByAttribute('value', 'CJ');
    await click(browser, 'field-sector-textiles');
    await type(browser, 'field-reg_number', 'J40/1/2000');
    await type(browser, 'field-cui', `RO ${STRUCK_OFF}`);
    await click(browser, 'anaf-lookup');

    await shown(browser, 'anaf-proposal');
    assert.match(await byTestId(browser, 'anaf-source').getText(), /^ANAF, \d\d\.\d\d\.\d{4}$/);
    assert.match(await byTestId(browser, 'anaf-status').getText(), /Radiat/);
    // Empty fields start ticked; the registration number and the county typed differently do not.
    assert.equal(await byTestId(browser, 'anaf-change-legal_name').isSelected(), true);
    assert.equal(await byTestId(browser, 'anaf-change-address').isSelected(), true);
    assert.equal(await byTestId(browser, 'anaf-change-reg_number').isSelected(), false);
    assert.equal(await byTestId(browser, 'anaf-change-county').isSelected(), false);
    await click(browser, 'anaf-change-county');
    await click(browser, 'anaf-accept');
    await byTestId(browser, 'anaf-proposal').waitForExist({ ...WAIT, reverse: true });

    assert.equal(await byTestId(browser, 'field-legal_name').getValue(), 'MOBILA DIN LEMN DE FAG S.R.L.');
    assert.equal(await byTestId(browser, 'field-address').getValue(), 'Str. Țepeș Vodă nr. 7');
    assert.equal(await byTestId(browser, 'field-county').getValue(), 'B');
    assert.equal(await byTestId(browser, 'field-reg_number').getValue(), 'J40/1/2000', 'not ticked: kept as typed');
    assert.equal(await byTestId(browser, 'field-name').getValue(), NAME, 'the short name stays');

    await click(browser, 'form-save');
    await shown(browser, 'cluster-title');
    assert.match(await (await shown(browser, 'anaf-facts-source')).getText(), /^ANAF, \d\d\.\d\d\.\d{4}$/);
    assert.equal(await byTestId(browser, 'anaf-facts-inactive').getText(), 'da');
  });

  it('runs the membership check with its progress, and its flags filter the list', async () => {
    await click(browser, 'nav-settings');
    await click(browser, 'anaf-check-start');
    const progress = await shown(browser, 'anaf-check-progress');
    await browser.waitUntil(async () => (await progress.getAttribute('data-state')) === 'finished', {
      ...WAIT,
      timeoutMsg: 'the check should finish',
    });
    await waitForText(browser, 'anaf-check-count', (text) => text.startsWith('Verificare ANAF: 1 din 1 CUI-uri'), 'count one CUI');
    assert.equal(await byTestId(browser, 'anaf-count-struck_off').getText(), '1');
    assert.equal(await byTestId(browser, 'anaf-count-unknown').getText(), '0');

    await click(browser, 'nav-dashboard');
    await shown(browser, 'dash-anaf');
    await click(browser, 'anaf-flag-struck_off');
    await browser.waitUntil(async () => (await rowNames(browser)).join('|') === NAME, {
      ...WAIT,
      timeoutMsg: 'the list should show the struck-off cluster only',
    });
    assert.equal(await byTestId(browser, 'filter-anaf').getValue(), 'struck_off');
  });
});
