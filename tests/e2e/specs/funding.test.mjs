// Funding calls through the real app, on the demo database: a call for wood and furniture in the
// Centre region is created with its criteria; its page lists the member clusters that fit, each
// with its criteria met and why; the page of one of them shows the call among the open calls it
// fits.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, day, freshDbPath, openApp, shown, type, WAIT, waitForText } from '../lib/app.mjs';

const TITLE = 'Modernizarea fabricilor de mobilă (test E2E)';

describe('funding calls', () => {
  const db = freshDbPath('funding');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('creates a call with criteria, shows who fits with why, and the cluster page shows the call', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-demo');
    await shown(browser, 'dashboard');
    await shown(browser, 'dash-calls');

    await click(browser, 'nav-information');
    await shown(browser, 'call-list');
    await click(browser, 'call-new');
    await type(browser, 'call-field-title_ro', TITLE);
    await type(browser, 'call-field-programme', 'PR Centru 2021–2027');
    await type(browser, 'call-field-opens_on', day(-5).typed);
    await type(browser, 'call-field-closes_on', day(25).typed);
    await type(browser, 'call-field-cofinancing', '20');
    await click(browser, 'call-regions-centru');
    await click(browser, 'call-sectors-wood_furniture');
    await click(browser, 'call-save');
    await waitForText(browser, 'call-heading', (t) => t.includes(TITLE), `be "${TITLE}"`);
    await waitForText(browser, 'call-state', (t) => t === 'Se închide în 30 de zile', 'be closing within 30 days');

    // The clusters that fit: each meets the region and the sector, and says why.
    await browser.waitUntil(async () => (await browser.$$('[data-testid="match-cluster-row"][data-fits="true"]')).length > 0, {
      ...WAIT,
      timeoutMsg: 'some member cluster should fit the call',
    });
    const fitting = await browser.$('[data-testid="match-cluster-row"][data-fits="true"]');
    const criteria = await fitting.$$('[data-testid="match-criterion"]');
    const met = [];
    for (const c of criteria) met.push([await c.getAttribute('data-criterion'), await c.getAttribute('data-met')]);
    assert.deepEqual(met, [['region', 'true'], ['sector', 'true']], 'the region and the sector, both met');
    const reasons = await fitting.getText();
    assert.match(reasons, /regiunea Centru/, 'the region is named');
    assert.match(reasons, /Lemn și mobilă|lemn/i, 'the sector is named');
    const count = await byTestId(browser, 'call-matches-clusters-count').getText();
    assert.match(count, /^Clustere: \d+ se potrivesc/, count);

    // That cluster's page: the call is among the open calls it fits.
    await (await fitting.$('a')).click();
    await shown(browser, 'cluster-calls');
    await browser.waitUntil(
      async () => {
        for (const link of await browser.$$('[data-testid="cluster-call-link"]')) if ((await link.getText()) === TITLE) return true;
        return false;
      },
      { ...WAIT, timeoutMsg: 'the cluster page should list the call' },
    );
  });
});
