// Joint projects, representation and introductions through the real app, on the demo database: a
// project recorded with a partner from the directory, a member cluster, a budget converted at an
// entered BNR rate and a milestone; a consultation with that cluster's answer; an introduction of
// the cluster recorded from its Network tab and its outcome set; and the cluster's timeline shows
// all three.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, shown, type, WAIT, waitForText } from '../lib/app.mjs';

const ACRONYM = 'E2E-LINK';
const CONSULTATION = 'Ghidul apelului pentru clustere (test E2E)';

/** Clicks the combobox option with exactly this text. */
async function pickOption(browser, testid, text) {
  await browser.waitUntil(
    async () => {
      for (const option of await browser.$$(`[data-testid="${testid}"]`)) {
        if ((await option.getText()).trim() === text) {
          await option.click();
          return true;
        }
      }
      return false;
    },
    { ...WAIT, timeoutMsg: `the search should offer "${text}"` },
  );
}

/** Waits until the newest introduction's outcome is `outcome`. */
async function firstOutcome(browser, outcome) {
  let seen = null;
  await browser.waitUntil(
    async () => {
      seen = await browser.execute(() => document.querySelector('[data-testid="introduction-row"]')?.dataset.outcome ?? null);
      return seen === outcome;
    },
    { ...WAIT, timeoutMsg: `the newest introduction should be ${outcome} (it is ${seen})` },
  );
}

/** The texts of the timeline's rows once filtered to one kind. */
async function timelineOf(browser, kind) {
  await byTestId(browser, 'timeline-kind').selectByAttribute('value', kind);
  let texts = [];
  await browser.waitUntil(
    async () => {
      texts = [];
      const kinds = [];
      for (const row of await browser.$$('[data-testid="timeline-row"]')) {
        kinds.push(await row.getAttribute('data-kind'));
        texts.push(await row.getText());
      }
      return kinds.length > 0 && kinds.every((k) => k === kind);
    },
    { ...WAIT, timeoutMsg: `the timeline should list the cluster's ${kind} lines` },
  );
  return texts.join('\n');
}

describe('joint projects, consultations and introductions', () => {
  const db = freshDbPath('services-network');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('records them and the cluster timeline shows them', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-demo');
    await shown(browser, 'dashboard');

    // A project: a partner from the directory, a member cluster, 100.000 EUR at 4,9750, a milestone.
    await click(browser, 'nav-services');
    await click(browser, 'services-nav-projects');
    await shown(browser, 'project-list');
    await click(browser, 'project-new');
    await type(browser, 'project-field-acronym', ACRONYM);
    await type(browser, 'project-field-title', 'Lanțuri valorice comune (test E2E)');
    await click(browser, 'project-partner-add');
    const partner = await shown(browser, 'project-partner-0');
    await browser.waitUntil(async () => (await partner.$$('option')).length > 1, { ...WAIT, timeoutMsg: 'the directory should load' });
    await partner.selectByIndex(1);
    await type(browser, 'project-cluster-search', 'Cluster');
    await click(browser, 'project-cluster-option');
    const cluster = (await (await shown(browser, 'project-cluster-name')).getText()).trim();
    await type(browser, 'project-field-budget_total', '100.000');
    await type(browser, 'project-field-eur_rate', '4,9750');
    await type(browser, 'project-field-rate_on', '20.11.2026');
    await click(browser, 'project-milestone-add');
    await type(browser, 'project-milestone-title-0', 'Raport intermediar');
    await type(browser, 'project-milestone-due-0', '15.03.2027');
    await click(browser, 'project-save');
    await waitForText(browser, 'project-heading', (t) => t.startsWith(ACRONYM), `start with ${ACRONYM}`);
    await waitForText(browser, 'project-budget', (t) => t === '100.000,00 EUR · 497.500,00 RON', 'be in both currencies');
    await waitForText(browser, 'project-partner-names', (t) => /\([A-Z]{2}\)/.test(t), 'name the partner with its country');
    assert.equal((await browser.$$('[data-testid="project-milestone-line"]')).length, 1, 'the milestone is kept');

    // A consultation: the same cluster asked, and its answer.
    await click(browser, 'nav-services');
    await click(browser, 'services-nav-consultations');
    await click(browser, 'consultation-new');
    await type(browser, 'consultation-field-title', CONSULTATION);
    await type(browser, 'consultation-member-search', cluster);
    await pickOption(browser, 'consultation-member-option', cluster);
    await type(browser, 'consultation-member-answered-0', '20.11.2026');
    await type(browser, 'consultation-member-response-0', 'Susținem propunerea, cu două observații.');
    await click(browser, 'consultation-save');
    await waitForText(browser, 'consultation-heading', (t) => t === CONSULTATION, 'be the subject');
    assert.equal(
      await byTestId(browser, 'consultation-member-response-0').getValue(),
      'Susținem propunerea, cu două observații.',
      "the member's answer is kept",
    );

    // The cluster's page, from the project: an introduction from its Network tab, then its outcome.
    await click(browser, 'nav-services');
    await click(browser, 'services-nav-projects');
    await type(browser, 'projects-search', ACRONYM);
    await click(browser, 'project-link');
    await click(browser, 'project-cluster-link');
    await click(browser, 'tab-network');
    await shown(browser, 'cluster-network');
    await browser.waitUntil(
      async () =>
        (await browser.$$('[data-testid="suggestion-row"]')).length > 0 || (await byTestId(browser, 'suggestions-empty').isDisplayed()),
      { ...WAIT, timeoutMsg: 'the suggestions should load' },
    );
    const suggested = await browser.$$('[data-testid="suggestion-row"]');
    if (suggested.length > 0) {
      assert.ok((await byTestId(browser, 'suggestion-reasons').getText()).trim() !== '', 'a suggestion says why');
      await click(browser, 'suggestion-introduce');
    } else {
      await click(browser, 'introduction-new');
      await type(browser, 'introduction-field-b_cluster_id', 'Cluster');
      await click(browser, 'introduction-b-option');
    }
    await click(browser, 'introduction-save');
    await firstOutcome(browser, 'pending');
    await click(browser, 'introduction-record-outcome');
    await byTestId(browser, 'outcome-field-outcome').selectByAttribute('value', 'met');
    await click(browser, 'outcome-save');
    await firstOutcome(browser, 'met');

    // The timeline shows the three.
    await click(browser, 'tab-timeline');
    await shown(browser, 'cluster-timeline');
    assert.match(await timelineOf(browser, 'project'), new RegExp(ACRONYM), 'the project is on the timeline');
    assert.match(await timelineOf(browser, 'consultation'), /Ghidul apelului pentru clustere/, 'the consultation is on it');
    assert.match(await timelineOf(browser, 'introduction'), /S-au întâlnit|met/, 'the introduction is on it, with its outcome');
  });
});
