// The audit log through the real app: a staff profile chosen at the first start and switched in
// the header; a cluster edited and the change seen in its History tab and in the audit view
// filtered by staff; a contact's personal data exported (CLUSTERDESK_EXPORT_DIR stands in for the
// save dialog) and erased, then found nowhere; a backup restored and the restore in the log.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, shown, type, WAIT } from '../lib/app.mjs';

const CLUSTER = 'Clusterul Jurnalului de Audit Sibiu';
// Check digit computed with the key 753217532 (sum × 10 mod 11); not a CUI of the demo data.
const CUI = 'RO 27182818';
const FIRST = 'Ana Popescu';
const SECOND = 'Mihai Ionescu';
const CONTACT = 'Teodora Vlăsceanu';
const CONTACT_EMAIL = 'teodora.vlasceanu@example.ro';
const RESTORE_WAIT = { timeout: 60_000 };

/** The audit view's rows as { action, entity, staff, label }, once the list has loaded. */
async function auditRows(browser) {
  await browser.waitUntil(
    async () => (await byTestId(browser, 'audit-empty').isExisting()) || (await browser.$$('[data-testid="audit-row"]')).length > 0,
    { ...WAIT, timeoutMsg: 'the audit view did not load' },
  );
  const rows = [];
  for (const row of await browser.$$('[data-testid="audit-row"]')) {
    rows.push({
      action: await row.getAttribute('data-action'),
      entity: await row.getAttribute('data-entity'),
      staff: await row.getAttribute('data-staff'),
      label: await row.$('[data-testid="audit-label"]').getText(),
    });
  }
  return rows;
}

/** Waits until the audit view's rows satisfy `check`. */
async function waitRows(browser, check, message) {
  let last = [];
  await browser.waitUntil(
    async () => {
      last = await auditRows(browser);
      return check(last);
    },
    { ...WAIT, timeoutMsg: `${message}: ${JSON.stringify(last)}` },
  );
  return last;
}

/** The profile the header names. (WebKitWebDriver's getText reads the top bar as hidden, so the
 *  rendered text is asked for directly.) */
async function staffNow(browser) {
  return (await byTestId(browser, 'staff-current').getProperty('innerText')).trim();
}

async function openCluster(browser) {
  await click(browser, 'nav-clusters');
  await type(browser, 'cluster-search', 'jurnalului de audit');
  const row = browser.$('[data-testid="cluster-row-name"]');
  await row.waitForClickable(WAIT);
  await row.click();
  await shown(browser, 'cluster-title');
}

describe('audit log', () => {
  const db = freshDbPath('audit');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('records changes under the chosen staff profile', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await type(browser, 'welcome-staff-name', FIRST);
    await click(browser, 'setup-empty');
    await shown(browser, 'staff-current');
    await browser.waitUntil(async () => (await staffNow(browser)) === FIRST, {
      ...WAIT,
      timeoutMsg: `the header should name ${FIRST}`,
    });

    // A cluster created as the first profile.
    await click(browser, 'nav-clusters');
    await click(browser, 'cluster-new');
    await type(browser, 'field-name', CLUSTER);
    await (await shown(browser, 'field-county')).selectByAttribute('value', 'SB');
    await click(browser, 'field-sector-textiles');
    await type(browser, 'field-cui', CUI);
    await click(browser, 'form-save');
    await shown(browser, 'cluster-title');

    // The header switches to a new profile.
    await click(browser, 'staff-switch');
    await type(browser, 'staff-new-name', SECOND);
    await click(browser, 'staff-add');
    await browser.waitUntil(async () => (await staffNow(browser)) === SECOND, {
      ...WAIT,
      timeoutMsg: 'the header should name the new profile',
    });

    // An edit as the second profile, seen in the cluster's History tab with its before and after.
    await click(browser, 'cluster-edit');
    await type(browser, 'field-city', 'Mediaș');
    await click(browser, 'form-save');
    await shown(browser, 'cluster-title');
    await click(browser, 'tab-history');
    const update = browser.$('[data-testid="history-entry"][data-action="update"]');
    await update.waitForDisplayed({ ...WAIT, timeoutMsg: 'no update in the History tab' });
    const text = await update.getText();
    assert.match(text, new RegExp(SECOND));
    assert.match(text, /Mediaș/);
    assert.equal(await update.$('[data-testid="audit-change"][data-field="city"] [data-testid="audit-after"]').getText(), 'Mediaș');
    const created = browser.$('[data-testid="history-entry"][data-action="create"][data-entity="clusters"]');
    assert.match(await created.getText(), new RegExp(FIRST));

    // The audit view, filtered by staff: only the second profile's change.
    await click(browser, 'nav-audit');
    await shown(browser, 'audit-view');
    await (await shown(browser, 'audit-filter-staff')).selectByAttribute('value', SECOND);
    const rows = await waitRows(browser, (r) => r.length > 0 && r.every((x) => x.staff === SECOND), 'only the second profile');
    assert.deepEqual(
      rows.map((r) => [r.action, r.entity, r.label]),
      [['update', 'clusters', CLUSTER]],
    );
    // Opened, the row shows the change field by field.
    await browser.$('[data-testid="audit-row"] [data-testid="audit-label"]').click();
    const after = await shown(browser, 'audit-after');
    assert.equal(await after.getText(), 'Mediaș');
  });

  it("exports a contact's personal data and erases them", async () => {
    await openCluster(browser);
    await click(browser, 'tab-contacts');
    await click(browser, 'contact-add');
    await type(browser, 'contact-field-name', CONTACT);
    await type(browser, 'contact-field-email', CONTACT_EMAIL);
    await click(browser, 'contact-field-consent');
    await type(browser, 'contact-field-consent_date', '02.03.2026');
    await type(browser, 'contact-field-consent_source', 'formular de adeziune');
    await click(browser, 'contact-save');
    await shown(browser, 'contact-row');

    await click(browser, 'contact-privacy');
    const consent = await shown(browser, 'contact-consent');
    assert.match(await consent.getText(), /02\.03\.2026.*formular de adeziune/);
    await shown(browser, 'history-entry');
    await click(browser, 'contact-export-json');
    const notice = await shown(browser, 'contact-export-notice');
    const path = (await notice.getText()).match(/\S+\.json/)[0];
    assert.ok(existsSync(path), path);
    const data = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(data.records.contacts[0].name, CONTACT);
    assert.equal(data.records.contacts[0].consent_source, 'formular de adeziune');

    // Erased: typing the name confirms; the contact is gone from the cluster.
    await click(browser, 'contact-erase');
    await shown(browser, 'confirm-dialog');
    await type(browser, 'confirm-input', CONTACT);
    await click(browser, 'confirm-ok');
    await shown(browser, 'contacts-empty');

    // Nowhere in the log either; the erasure itself is.
    await click(browser, 'nav-audit');
    await type(browser, 'audit-filter-search', 'Vlăsceanu');
    await waitRows(browser, (r) => r.length === 0, 'the name should be found nowhere in the log');
    await click(browser, 'audit-clear');
    await (await shown(browser, 'audit-filter-action')).selectByAttribute('value', 'erase');
    const erased = await waitRows(browser, (r) => r.length === 1, 'one erasure');
    assert.equal(erased[0].staff, SECOND);
  });

  it('shows a restore of a backup in the audit view', async () => {
    await click(browser, 'nav-settings');
    await shown(browser, 'backups');
    await click(browser, 'backup-create');
    const row = browser.$('[data-testid="backup-row"][data-kind="manual"] [data-testid="backup-restore"]');
    await row.waitForClickable(WAIT);
    await row.click();
    await shown(browser, 'confirm-dialog');
    await click(browser, 'confirm-ok');
    await byTestId(browser, 'backup-notice').waitForDisplayed({ ...RESTORE_WAIT, timeoutMsg: 'no message after the restore' });

    await click(browser, 'nav-audit');
    await (await shown(browser, 'audit-filter-action')).selectByAttribute('value', 'restore');
    const restores = await waitRows(browser, (r) => r.length === 1, 'one restore');
    assert.equal(restores[0].staff, SECOND, 'recorded under the profile that restored');
    assert.equal(restores[0].entity, 'database');
    // The profile stays after the restore.
    assert.equal(await staffNow(browser), SECOND);
  });
});
