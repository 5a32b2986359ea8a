// The import through the real app: the Windows-1250 CSV an old Romanian Excel writes (semicolons,
// cedilla letters) is put in CLUSTERDESK_IMPORT_DIR, which stands in for the open dialog; the
// preview shows the encoding detected, the matched columns and every row to create; the import
// writes them and the cluster list shows the names with the comma-below letters. Then the file
// with bad rows: each refused row is listed with its column and reason, and the import button
// stays disabled until "only the valid rows" is ticked.
import assert from 'node:assert/strict';
import { copyFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { byTestId, click, closeApp, freshDbPath, openApp, rowNames, shown, type, WAIT } from '../lib/app.mjs';

const FIXTURES = fileURLToPath(new URL('../../../crates/core/tests/fixtures/import/', import.meta.url));
const NAMES = [
  'Asociația Agroalimentară Argeș',
  'Clusterul de Mobilă Sălaj-Maramureș',
  'Clusterul Energiilor Regenerabile Timișoara',
  'Clusterul Textil „Țara Bârsei”',
];

let offered = 0;
/** Makes `fixture` the newest file of the import folder: the one the "dialog" picks. */
function offer(fixture) {
  const dir = process.env.CLUSTERDESK_IMPORT_DIR;
  assert.ok(dir, 'run.mjs sets CLUSTERDESK_IMPORT_DIR');
  const target = join(dir, fixture);
  copyFileSync(join(FIXTURES, fixture), target);
  offered += 1;
  const when = new Date(Date.UTC(2030, 0, 1) + offered * 1000); // later than any file there
  utimesSync(target, when, when);
}

/** { row, action, column, reason } of the preview's rows. */
async function previewRows(browser) {
  const rows = [];
  for (const row of await browser.$$('[data-testid="import-row"]')) {
    rows.push({
      row: Number(await row.getAttribute('data-row')),
      action: await row.getAttribute('data-action'),
      column: (await row.$('[data-testid="import-row-column"]').getText()).trim(),
      reason: (await row.$('[data-testid="import-row-reason"]').getText()).trim(),
    });
  }
  return rows;
}

describe('import', () => {
  const db = freshDbPath('import');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('imports an old Excel CSV with every diacritic correct', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-empty');
    await click(browser, 'nav-clusters');
    await click(browser, 'list-import');
    await shown(browser, 'import-page');

    offer('clustere-excel-vechi-1250.csv');
    await click(browser, 'import-choose');
    const file = await shown(browser, 'import-file');
    assert.match(await file.getText(), /Windows-1250.*\(detectată\).*punct și virgulă/);

    const fields = [];
    for (const column of await browser.$$('[data-testid="import-column"]')) fields.push(await column.getAttribute('data-field'));
    assert.deepEqual(fields, [
      'name', 'cui', 'county', 'region', 'sectors', 'contact_name', 'contact_role', 'email', 'phone', 'website', 'founded_year',
    ]);
    const columnsText = await byTestId(browser, 'import-columns').getText();
    assert.match(columnsText, /Județ/, 'the cedilla header is shown with the comma-below letter');

    const rows = await previewRows(browser);
    assert.deepEqual(rows.map((r) => [r.row, r.action]), [[2, 'create'], [3, 'create'], [4, 'create'], [5, 'create']]);
    const preview = await byTestId(browser, 'import-rows').getText();
    assert.ok(preview.includes('Clusterul Textil „Țara Bârsei”'), preview);

    await click(browser, 'import-run');
    const result = await shown(browser, 'import-result-text');
    assert.match(await result.getText(), /4 create/);

    await click(browser, 'import-to-list');
    await browser.waitUntil(async () => (await rowNames(browser)).length === 4, {
      ...WAIT,
      timeoutMsg: 'the list should show the 4 imported clusters',
    });
    assert.deepEqual([...(await rowNames(browser))].sort((a, b) => a.localeCompare(b, 'ro')), NAMES);
    // The diacritic-insensitive search finds them too.
    await type(browser, 'cluster-search', 'tara barsei');
    await browser.waitUntil(async () => (await rowNames(browser)).join() === NAMES[3], {
      ...WAIT,
      timeoutMsg: 'the search should find the Țara Bârsei cluster',
    });
  });

  it('lists each bad row with its reason and writes nothing by default', async () => {
    await click(browser, 'list-import');
    offer('clustere-randuri-gresite.csv');
    await click(browser, 'import-choose');
    await shown(browser, 'import-rows');
    const rows = await previewRows(browser);
    const refused = rows.filter((r) => r.action === 'refused');
    assert.equal(refused.length, 7);
    const county = refused.find((r) => r.row === 3);
    assert.equal(county.column, 'County');
    assert.match(county.reason, /Județ necunoscut: „Transilvania”/);
    const sector = refused.find((r) => r.row === 5);
    assert.match(sector.reason, /Sector necunoscut: „Astrologie”/);
    await shown(browser, 'import-blocked');
    assert.equal(await byTestId(browser, 'import-run').isEnabled(), false, 'nothing can be written while rows are refused');

    // The refused-only filter.
    await click(browser, 'import-refused-only');
    assert.equal((await previewRows(browser)).length, 7);

    // Only the valid rows, when asked.
    await click(browser, 'import-skip-invalid');
    await click(browser, 'import-run');
    const result = await shown(browser, 'import-result-text');
    assert.match(await result.getText(), /2 create.*7 lăsate deoparte/);
    await click(browser, 'import-to-list');
    await type(browser, 'cluster-search', 'cluster bun');
    await browser.waitUntil(async () => (await rowNames(browser)).join('|') === 'Cluster Bun Cluj|Cluster Bun Iași', {
      ...WAIT,
      timeoutMsg: 'the list should show the two valid rows imported',
    });
  });
});
