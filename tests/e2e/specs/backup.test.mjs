// Backups through the real app: a copy made from Settings, a cluster added after it, the copy
// restored (the cluster is gone, and the replaced data is kept as a "before restore" copy), that
// copy restored in turn (the cluster is back); a copy saved elsewhere (into CLUSTERDESK_EXPORT_DIR,
// which stands in for the save dialog); a damaged file in the backups folder refused with the data
// unchanged; the number of daily copies kept, saved; and the day's copy made at the next start.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, rowNames, shown, type, WAIT } from '../lib/app.mjs';

const NAME = 'Clusterul Copiilor de Siguranță Brașov';
// Check digit computed with the key 753217532 (sum × 10 mod 11); not a CUI of the demo data.
const CUI = 'RO 31415920';
// A restore copies the database twice and reloads the window.
const RESTORE_WAIT = { timeout: 60_000 };

/** Opens the list, searches for the cluster and waits until it is (or is not) there. */
async function searchList(browser, { present }) {
  await click(browser, 'nav-clusters');
  await type(browser, 'cluster-search', 'copiilor de siguranta');
  await browser.waitUntil(
    async () => {
      if (present) return (await rowNames(browser)).includes(NAME);
      const empty = byTestId(browser, 'list-empty');
      return (await empty.isDisplayed()) && !(await rowNames(browser)).includes(NAME);
    },
    { ...WAIT, timeoutMsg: `the list should ${present ? '' : 'not '}show ${NAME}` },
  );
}

async function openSettings(browser) {
  await click(browser, 'nav-settings');
  await shown(browser, 'backups');
}

/** The backup rows as { file, kind }, newest first, once the list has loaded. */
async function backupRows(browser) {
  await browser.waitUntil(
    async () => (await byTestId(browser, 'backup-empty').isExisting()) || (await browser.$$('[data-testid="backup-row"]')).length > 0,
    { ...WAIT, timeoutMsg: 'the backups list did not load' },
  );
  const rows = [];
  for (const row of await browser.$$('[data-testid="backup-row"]')) {
    rows.push({ file: await row.getAttribute('data-file'), kind: await row.getAttribute('data-kind') });
  }
  return rows;
}

/** Restores the backup named `file` from its row, confirming; waits for the reloaded window's message. */
async function restore(browser, file, { expectError = false } = {}) {
  const button = browser.$(`[data-testid="backup-row"][data-file="${file}"] [data-testid="backup-restore"]`);
  await button.waitForClickable(WAIT);
  await button.click();
  const dialog = await shown(browser, 'confirm-dialog');
  assert.match(await dialog.getText(), /înlocuite/, 'the dialog says the current data will be replaced');
  await click(browser, 'confirm-ok');
  if (expectError) {
    const error = await shown(browser, 'confirm-error');
    return error.getText();
  }
  const notice = byTestId(browser, 'backup-notice');
  await notice.waitForDisplayed({ ...RESTORE_WAIT, timeoutMsg: 'no message after the restore' });
  return notice.getText();
}

describe('backups', () => {
  const db = freshDbPath('backup');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('makes a copy, restores it, and undoes the restore', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-demo');
    // The home page is the dashboard; the clusters are one click away.
    await click(browser, 'nav-clusters');
    await shown(browser, 'cluster-new');

    // A copy made from Settings appears in the list.
    await openSettings(browser);
    assert.deepEqual(await backupRows(browser), [], 'a new database has no copies yet');
    await click(browser, 'backup-create');
    await browser.waitUntil(async () => (await backupRows(browser)).length === 1, {
      ...WAIT,
      timeoutMsg: 'the new copy was not listed',
    });
    const [made] = await backupRows(browser);
    assert.equal(made.kind, 'manual');
    assert.ok(made.file.startsWith(basename(db, '.sqlite')), made.file);

    // A cluster added after the copy.
    await click(browser, 'nav-clusters');
    await click(browser, 'cluster-new');
    await type(browser, 'field-name', NAME);
    await (await shown(browser, 'field-county')).selectByAttribute('value', 'BV');
    await click(browser, 'field-sector-textiles');
    await type(browser, 'field-cui', CUI);
    await click(browser, 'form-save');
    const title = await shown(browser, 'cluster-title');
    assert.equal(await title.getText(), NAME);
    await searchList(browser, { present: true });

    // The copy restored: the cluster is gone; the replaced data is kept as a copy.
    await openSettings(browser);
    const message = await restore(browser, made.file);
    assert.match(message, /restaurate/);
    await searchList(browser, { present: false });
    await openSettings(browser);
    const before = (await backupRows(browser)).filter((r) => r.kind === 'before_restore');
    assert.equal(before.length, 1, 'one "before restore" copy');
    assert.ok(
      (await browser.$(`[data-testid="backup-row"][data-file="${before[0].file}"] [data-testid="backup-kind"]`).getText()).includes(
        'Înainte de restaurare',
      ),
    );

    // That copy restored: the cluster is back.
    await restore(browser, before[0].file);
    await searchList(browser, { present: true });
  });

  it('saves a copy elsewhere', async () => {
    await openSettings(browser);
    await click(browser, 'backup-save-copy');
    const notice = await shown(browser, 'backup-notice');
    const exportsDir = process.env.CLUSTERDESK_EXPORT_DIR;
    assert.ok(exportsDir, 'run.mjs sets CLUSTERDESK_EXPORT_DIR');
    await browser.waitUntil(async () => (await notice.getText()).includes(exportsDir), {
      ...WAIT,
      timeoutMsg: 'the message should name the file written',
    });
    const path = (await notice.getText()).match(new RegExp(`${exportsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S+\\.sqlite`))[0];
    assert.ok(existsSync(path), path);
    assert.equal(readFileSync(path).subarray(0, 15).toString('latin1'), 'SQLite format 3');
  });

  it('refuses a damaged file and changes nothing', async () => {
    const file = `${basename(db, '.sqlite')}-20200101-000000-manual.sqlite`;
    writeFileSync(join(dirname(db), 'backups', file), Buffer.alloc(8192, 0x5a));
    await click(browser, 'nav-clusters');
    await openSettings(browser);
    await browser.waitUntil(async () => (await backupRows(browser)).some((r) => r.file === file), WAIT);
    const error = await restore(browser, file, { expectError: true });
    assert.match(error, /nu este o copie validă/);
    await click(browser, 'confirm-cancel');
    await searchList(browser, { present: true });
  });

  it('saves how many daily copies are kept', async () => {
    await openSettings(browser);
    const input = await shown(browser, 'backup-keep');
    await browser.waitUntil(async () => (await input.getValue()) === '7', { ...WAIT, timeoutMsg: 'default 7' });
    await type(browser, 'backup-keep', '3');
    await click(browser, 'backup-keep-save');
    await shown(browser, 'backup-keep-saved');
    await click(browser, 'nav-clusters');
    await openSettings(browser);
    await browser.waitUntil(async () => (await byTestId(browser, 'backup-keep').getValue()) === '3', {
      ...WAIT,
      timeoutMsg: 'the setting should read 3 after leaving the page',
    });
  });

  it("makes the day's copy when the app starts on an existing database", async () => {
    await closeApp(browser);
    browser = await openApp({ db });
    // The copy is made in the background once the database is open: look again until it is listed.
    await browser.waitUntil(
      async () => {
        await click(browser, 'nav-clusters');
        await openSettings(browser);
        return (await backupRows(browser)).some((r) => r.kind === 'daily');
      },
      { ...WAIT, timeoutMsg: 'no daily copy after a start' },
    );
  });
});
