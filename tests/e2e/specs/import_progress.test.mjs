// A large import through the real app shows its progress and can be cancelled, writing nothing.
// Four clusters come from the old-Excel fixture; then a CSV of member organisations for two of
// them, large enough for the debug build to take seconds over it. The preview and the import
// show the bar with the rows done; Cancel stops the import; a second preview, now with "update
// existing", still finds every row new: the cancelled import left no member behind.
import assert from 'node:assert/strict';
import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { byTestId, click, closeApp, freshDbPath, openApp, shown } from '../lib/app.mjs';

const FIXTURES = fileURLToPath(new URL('../../../crates/core/tests/fixtures/import/', import.meta.url));
const ROWS = 60_000;
const CLUSTER_CUIS = ['31415920', '27182818'];

/** A valid Romanian CUI (check digit with the key 753217532) from `n`. */
function cui(n) {
  const body = String(40_000_000 + n);
  const key = [7, 5, 3, 2, 1, 7, 5, 3, 2].slice(9 - body.length);
  const sum = [...body].reduce((s, d, i) => s + Number(d) * key[i], 0);
  const digit = (sum * 10) % 11;
  return body + (digit === 10 ? 0 : digit);
}

let offered = 0;
/** Makes `path` the newest file of the import folder (the one the "dialog" picks). */
function offer(name, write) {
  const dir = process.env.CLUSTERDESK_IMPORT_DIR;
  assert.ok(dir, 'run.mjs sets CLUSTERDESK_IMPORT_DIR');
  const target = join(dir, name);
  write(target);
  offered += 1;
  const when = new Date(Date.UTC(2031, 0, 1) + offered * 1000); // later than the other specs' files
  utimesSync(target, when, when);
}

function membersCsv(path) {
  const lines = ['CUI cluster;Denumire;Tip;CUI;CAEN;Angajați'];
  for (let n = 0; n < ROWS; n += 1) {
    lines.push(`${CLUSTER_CUIS[n % 2]};Firma Ștefănești ${n} SRL;Microîntreprindere;${cui(n)};6201;${n % 9}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

const counts = async (browser) => (await byTestId(browser, 'import-counts').getText()).replace(/\s+/g, ' ');
/** A whole preview or import of the file in a debug build: longer than one step of a spec. */
const LONG = { timeout: 180_000 };
const ROWS_TEXT = /^([\d.]+) din 60\.000 rânduri$/;

/** The rows the bar says are done, once it says some (null once the bar is gone). */
async function rowsDone(browser) {
  let done = null;
  await browser.waitUntil(
    async () => {
      const bar = byTestId(browser, 'import-progress-rows');
      if (!(await bar.isExisting())) return true;
      const match = ROWS_TEXT.exec((await bar.getText()).trim());
      done = match ? Number(match[1].replace(/\./g, '')) : null;
      return done !== null;
    },
    { ...LONG, interval: 100, timeoutMsg: 'the bar should show the rows done out of 60.000' },
  );
  return done;
}

describe('import progress', () => {
  const db = freshDbPath('import-progress');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('shows the rows done; a cancelled import writes nothing, a full one writes every row', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-empty');
    await click(browser, 'nav-clusters');
    await click(browser, 'list-import');
    offer('clustere.csv', (target) => copyFileSync(join(FIXTURES, 'clustere-excel-vechi-1250.csv'), target));
    await click(browser, 'import-choose');
    await shown(browser, 'import-rows');
    await click(browser, 'import-run');
    await shown(browser, 'import-result-text');
    await click(browser, 'import-again');

    offer('membri.csv', membersCsv);
    await click(browser, 'import-choose');
    // The preview reads every row, with the bar.
    await shown(browser, 'import-progress');
    await byTestId(browser, 'import-rows').waitForDisplayed(LONG);
    assert.match(await counts(browser), /de creat: 60\.000 de actualizat: 0 /);

    await click(browser, 'import-run');
    const partway = await rowsDone(browser);
    assert.ok(partway !== null && partway < ROWS, `the import was still running: ${partway} rows done`);
    await click(browser, 'import-cancel');
    const error = await byTestId(browser, 'import-error');
    await error.waitForDisplayed(LONG);
    assert.match(await error.getText(), /anulat: nu s-a scris nimic/);
    assert.equal(await byTestId(browser, 'import-progress').isExisting(), false, 'the bar is gone');

    // Nothing written: with "update existing" ticked, every row still creates a member.
    await click(browser, 'import-update');
    await shown(browser, 'import-progress');
    await browser.waitUntil(async () => !(await byTestId(browser, 'import-progress').isExisting()), LONG);
    assert.match(await counts(browser), /de creat: 60\.000 de actualizat: 0 /);

    // The whole import: the bar counts rows on the way, and at the end every row is written.
    await click(browser, 'import-run');
    const midway = await rowsDone(browser);
    assert.ok(midway !== null, 'the bar showed the rows done');
    const result = byTestId(browser, 'import-result-text');
    await result.waitForDisplayed(LONG);
    assert.match(await result.getText(), /60\.000 create, 0 actualizate/);
  });
});
