// A cluster's life through the real app: first start on an empty database, a new cluster refused
// by the core for a wrong CUI check digit (the message under the field, in Romanian and later in
// English, what was typed kept), saved with diacritics, found by a search without them, edited,
// archived and restored, and still there after the app is closed and opened again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, rowNames, shown, type, WAIT } from '../lib/app.mjs';

const NAME = 'Clusterul Inovativ Textil Ș.A. Brașov';

const RO_CHECK_DIGIT = 'CUI invalid: cifra de control nu corespunde.';
const EN_CHECK_DIGIT = 'Invalid CUI: the check digit does not match.';

/** Opens the list, types the search and waits until the cluster is (or is not) among the rows. */
async function searchList(browser, text, { present }) {
  await click(browser, 'nav-clusters');
  await type(browser, 'cluster-search', text);
  await browser.waitUntil(
    async () => {
      if (present) return (await rowNames(browser)).includes(NAME);
      const empty = byTestId(browser, 'list-empty');
      return (await empty.isDisplayed()) && !(await rowNames(browser)).includes(NAME);
    },
    { ...WAIT, timeoutMsg: `the list searched for "${text}" should ${present ? '' : 'not '}show ${NAME}` },
  );
}

async function openFromList(browser) {
  const rows = await browser.$$('[data-testid="cluster-row-name"]');
  for (const row of rows) {
    if ((await row.getText()).trim() === NAME) {
      await row.click();
      break;
    }
  }
  const title = await shown(browser, 'cluster-title');
  await browser.waitUntil(async () => (await title.getText()) === NAME, {
    ...WAIT,
    timeoutMsg: 'the cluster page did not open',
  });
}

async function saveExpectingCuiError(browser, expected) {
  await click(browser, 'form-save');
  const error = await shown(browser, 'error-cui');
  await browser.waitUntil(async () => (await error.getText()).trim() === expected, {
    ...WAIT,
    timeoutMsg: `error-cui should read "${expected}"`,
  });
}

describe('clusters', () => {
  const db = freshDbPath('clusters');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('creates, refuses a wrong CUI, edits, archives, restores and keeps a cluster', async () => {
    browser = await openApp({ db });

    // First start: the welcome page, then an empty database.
    await shown(browser, 'welcome');
    await click(browser, 'setup-empty');
    // The home page is the dashboard; the clusters are one click away.
    await click(browser, 'nav-clusters');
    await click(browser, 'cluster-new');

    // A new cluster with a CUI whose check digit is wrong: the core refuses it, under the field.
    await type(browser, 'field-name', NAME);
    await (await shown(browser, 'field-county')).selectByAttribute('value', 'BV');
    await click(browser, 'field-sector-textiles');
    await type(browser, 'field-cui', '18547291');
    await saveExpectingCuiError(browser, RO_CHECK_DIGIT);
    assert.equal(await byTestId(browser, 'field-name').getValue(), NAME, 'the typed name stays in the form');
    assert.equal(await byTestId(browser, 'field-county').getValue(), 'BV');

    // The right CUI, typed with its RO prefix: saved, and the cluster's page opens.
    await type(browser, 'field-cui', 'RO 18547290');
    await click(browser, 'form-save');
    const title = await shown(browser, 'cluster-title');
    assert.equal(await title.getText(), NAME);
    assert.ok((await (await shown(browser, 'toast')).getText()).length > 0, 'a "saved" confirmation shows');
    assert.equal(await byTestId(browser, 'detail-cui').isDisplayed(), true);
    assert.match(await byTestId(browser, 'detail-cui').getText(), /18547290/);

    // The list finds it without diacritics.
    await searchList(browser, 'brasov', { present: true });

    // The list as it is filtered, exported: UTF-8 with BOM, the one cluster the search selects.
    await click(browser, 'list-export-csv');
    const saved = await (await shown(browser, 'list-exported')).$('.alert-text').getText();
    const csv = readFileSync(saved.slice(saved.indexOf('/')).trim(), 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'the CSV starts with a BOM for Excel');
    assert.ok(csv.includes(NAME), 'the cluster is in the export with its diacritics');
    assert.equal(csv.trim().split('\n').length, 2, 'the header and the one cluster the search selects');

    // In English, the same refusal reads in English.
    await click(browser, 'lang-en');
    await openFromList(browser);
    await click(browser, 'cluster-edit');
    await type(browser, 'field-cui', '18547291');
    await saveExpectingCuiError(browser, EN_CHECK_DIGIT);

    // Fixed, with a city and a website.
    await type(browser, 'field-cui', '18547290');
    await type(browser, 'field-city', 'Brașov');
    await type(browser, 'field-website', 'www.textil-brasov.ro');
    await click(browser, 'form-save');
    await shown(browser, 'cluster-title');
    const city = await shown(browser, 'detail-city');
    assert.equal(await city.getText(), 'Brașov');
    assert.equal(await byTestId(browser, 'detail-website').getText(), 'https://www.textil-brasov.ro');

    // Archived: out of the current list, in the archive.
    await click(browser, 'cluster-archive');
    await shown(browser, 'archived-badge');
    await searchList(browser, 'brasov', { present: false });
    await click(browser, 'filter-archived');
    await browser.waitUntil(async () => (await rowNames(browser)).includes(NAME), {
      ...WAIT,
      timeoutMsg: 'the archived cluster should be in the archive',
    });

    // Restored from its page.
    await openFromList(browser);
    await click(browser, 'cluster-restore');
    await shown(browser, 'cluster-archive');
    assert.equal(await byTestId(browser, 'archived-badge').isExisting(), false);

    // Closed and opened again on the same file: still there.
    await closeApp(browser);
    browser = await openApp({ db });
    await click(browser, 'nav-clusters');
    const archived = await shown(browser, 'filter-archived');
    if (await archived.isSelected()) await archived.click();
    await searchList(browser, 'brasov', { present: true });
    await openFromList(browser);
    assert.equal(await (await shown(browser, 'detail-city')).getText(), 'Brașov');
  });
});
