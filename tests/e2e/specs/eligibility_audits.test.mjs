// Eligibility, SME audits and the label register through the real app, on a new database: a new
// cluster is not eligible and the page says what is missing; with members, management staff and
// an English site (and the national threshold for companies lowered in Settings) it meets the
// national criteria, and the list's eligibility filter finds it; an audit at a member SME is
// refused without all its scores, then saved with an action that shows among the open actions;
// a label whose end is within 90 days is refused with an end before its award, then saved, and
// appears on the dashboard.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, day, freshDbPath, openApp, rowNames, shown, type, WAIT } from '../lib/app.mjs';

const NAME = 'Clusterul Mobilei Ardeal';
const SME = 'Lemn Ardelean SRL';
const ACTION = 'Un plan de internaționalizare pe trei ani';

/** A date as the Romanian UI shows and reads it (27.11.2026), `offset` days from the app's today. */
const roDate = (offset = 0) => day(offset).typed;

async function textOf(browser, id) {
  return (await (await shown(browser, id)).getText()).trim();
}

/** Waits until the scheme's verdict (data-met on its block) is `met`. */
async function expectScheme(browser, scheme, met) {
  const block = byTestId(browser, `eligibility-${scheme}`);
  await browser.waitUntil(async () => (await block.isExisting()) && (await block.getAttribute('data-met')) === String(met), {
    ...WAIT,
    timeoutMsg: `the ${scheme} scheme should be ${met ? 'met' : 'not met'}`,
  });
}

async function missingTexts(browser) {
  const items = await browser.$$('[data-testid="eligibility-missing"]');
  const texts = [];
  for (const item of items) texts.push((await item.getText()).trim());
  return texts;
}

async function addOrganisation(browser, name, kind) {
  await click(browser, 'org-add');
  await type(browser, 'org-field-name', name);
  await (await shown(browser, 'org-field-kind')).selectByAttribute('value', kind);
  await click(browser, 'org-save');
  await browser.waitUntil(
    async () => {
      const rows = await browser.$$('[data-testid="org-row"]');
      for (const row of rows) if ((await row.getText()).includes(name)) return true;
      return false;
    },
    { ...WAIT, timeoutMsg: `${name} should be listed among the members` },
  );
}

describe('eligibility, audits and labels', () => {
  const db = freshDbPath('eligibility');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('shows what is missing, audits a member SME and registers a label', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-empty');

    // Settings: one company is enough for the national criteria in this test.
    await click(browser, 'nav-settings');
    await type(browser, 'eligibility-setting-min_companies', '1');
    await click(browser, 'eligibility-settings-save');
    await shown(browser, 'eligibility-settings-saved');

    // A new cluster: nothing recorded, so neither scheme is met and the page says why.
    await click(browser, 'nav-clusters');
    await click(browser, 'cluster-new');
    await type(browser, 'field-name', NAME);
    await type(browser, 'field-legal_name', `Asociația ${NAME}`);
    await (await shown(browser, 'field-county')).selectByAttribute('value', 'BV');
    await click(browser, 'field-sector-wood_furniture');
    await type(browser, 'field-cui', '18547290');
    await type(browser, 'field-website', 'www.mobila-ardeal.ro');
    await click(browser, 'form-save');
    await shown(browser, 'eligibility');
    await expectScheme(browser, 'eccp', false);
    await expectScheme(browser, 'national', false);
    const missing = await missingTexts(browser);
    assert.ok(
      missing.includes('Personalul de management nu este înregistrat: completați ENI în fișa clusterului.'),
      missing.join(' | '),
    );
    assert.ok(missing.includes('Site-ul nu are versiune în limba engleză.'), missing.join(' | '));
    assert.ok(missing.includes('Mai sunt necesari 15 membri (0 din 15).'), missing.join(' | '));

    // Members of three helix types, then the management staff and the English site.
    await click(browser, 'tab-orgs');
    await addOrganisation(browser, SME, 'small');
    await addOrganisation(browser, 'Universitatea Transilvania din Brașov', 'research');
    await addOrganisation(browser, 'Primăria Municipiului Brașov', 'public_authority');
    await click(browser, 'cluster-edit');
    await type(browser, 'field-management_fte', '1,5');
    await click(browser, 'field-website_english');
    await click(browser, 'form-save');
    await expectScheme(browser, 'national', true);
    // The EU platform still asks for 15 members: 12 more.
    await expectScheme(browser, 'eccp', false);
    assert.deepEqual(await missingTexts(browser), ['Mai sunt necesari 12 membri (3 din 15).']);

    // The list's filter agrees.
    await click(browser, 'nav-clusters');
    await click(browser, 'filter-eligibility');
    await click(browser, 'filter-eligibility-eccp_met');
    await shown(browser, 'list-empty');
    await click(browser, 'filter-eligibility-eccp_met');
    await click(browser, 'filter-eligibility-national_met');
    await browser.waitUntil(async () => (await rowNames(browser)).includes(NAME), {
      ...WAIT,
      timeoutMsg: 'the national filter should list the cluster',
    });
    await browser.keys('Escape');
    const rows = await browser.$$('[data-testid="cluster-row-name"]');
    await rows[0].click();
    await shown(browser, 'cluster-title');

    // An audit at the SME: refused without a score, at the field; saved with one action.
    await click(browser, 'tab-orgs');
    await click(browser, 'audit-add');
    const organisation = await shown(browser, 'audit-field-organisation_id');
    const options = await organisation.$$('option');
    for (const option of options) {
      if ((await option.getText()).trim() === SME) await option.click();
    }
    await (await shown(browser, 'audit-field-kind')).selectByAttribute('value', 'innovation_audit');
    await type(browser, 'audit-field-audited_on', roDate(0));
    await type(browser, 'audit-field-auditor', 'Ioana Mărgineanu');
    for (const area of ['strategy', 'organisation', 'processes', 'resources', 'products']) {
      await (await shown(browser, `audit-field-score-${area}`)).selectByAttribute('value', '3');
    }
    await type(browser, 'audit-field-findings', 'Exporturile depind de un singur client.');
    await click(browser, 'audit-action-add');
    await type(browser, 'audit-action-text', ACTION);
    await type(browser, 'audit-action-owner', 'Directorul general');
    await type(browser, 'audit-action-due', roDate(60));
    await click(browser, 'audit-save');
    assert.equal(await textOf(browser, 'audit-error-score-international'), 'Câmp obligatoriu.');
    await (await shown(browser, 'audit-field-score-international')).selectByAttribute('value', '5');
    await click(browser, 'audit-save');
    await shown(browser, 'audit-row');
    const open = await shown(browser, 'open-action-row');
    assert.ok((await open.getText()).includes(ACTION), await open.getText());
    assert.equal(await textOf(browser, 'open-actions-count'), '1');

    // A label ending within 90 days: an end before the award is refused at the field first.
    await click(browser, 'tab-labels');
    await click(browser, 'label-add');
    await (await shown(browser, 'label-field-level')).selectByAttribute('value', 'bronze');
    await type(browser, 'label-field-awarded_on', roDate(-700));
    await type(browser, 'label-field-valid_until', roDate(-701));
    await type(browser, 'label-field-certificate_ref', 'ESCA-RO-2024-031');
    await click(browser, 'label-save');
    await shown(browser, 'label-error-valid_until');
    await type(browser, 'label-field-valid_until', roDate(30));
    await click(browser, 'label-save');
    const label = await shown(browser, 'label-row');
    assert.equal(await label.getAttribute('data-level'), 'bronze');
    assert.equal(await textOf(browser, 'label-valid-until'), roDate(30));
    await shown(browser, 'label-badge');

    // The dashboard lists it among the labels that end soon; it opens the cluster.
    await click(browser, 'nav-dashboard');
    const expiring = await shown(browser, 'dash-expiring-row');
    assert.ok((await expiring.getText()).includes(NAME), await expiring.getText());
    await (await expiring.$('a')).click();
    await browser.waitUntil(async () => (await textOf(browser, 'cluster-title')) === NAME, {
      ...WAIT,
      timeoutMsg: 'the dashboard row should open the cluster',
    });
  });
});
