// Services to members through the real app, on the demo database: a request opened for a member
// cluster, a meeting of 2,5 hours logged on it (which puts it in progress), the request closed as
// done with its outcome; the cluster's Timeline tab shows the request, the activity and the closing,
// and the annual summary on the Reports page counts one request more, one more done and 2,5 hours
// more than before.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, shown, type, WAIT, waitForText } from '../lib/app.mjs';

const TITLE = 'Revizuirea statutului (test E2E)';

/** A number as the Romanian UI prints it ("1.234,50") read back. */
function number(text) {
  return Number(text.trim().replaceAll('.', '').replace(',', '.'));
}

/** The services figures of this year's summary, as the Reports page previews them. */
async function summaryFigures(browser) {
  await click(browser, 'nav-reports');
  await shown(browser, 'reports-services');
  const received = number(await waitForText(browser, 'reports-requests-received', (t) => /^[\d.]+$/.test(t), 'be a count'));
  const done = number(await byTestId(browser, 'reports-requests-done').getText());
  const hours = number(await byTestId(browser, 'reports-requests-hours').getText());
  return { received, done, hours };
}

describe('services to members', () => {
  const db = freshDbPath('services');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('opens a request, logs hours, closes it, and the timeline and the summary show it', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-demo');
    await shown(browser, 'dashboard');
    const before = await summaryFigures(browser);

    // A new request for the first cluster the search finds.
    await click(browser, 'nav-services');
    await click(browser, 'services-new');
    await type(browser, 'request-field-cluster_id', 'Cluster');
    await click(browser, 'request-cluster-option');
    await byTestId(browser, 'request-field-topic').selectByAttribute('value', 'governance');
    await type(browser, 'request-field-title', TITLE);
    await type(browser, 'request-field-requester_name', 'Ana Ștefănescu');
    await click(browser, 'request-save');
    await waitForText(browser, 'request-title', (t) => t === TITLE, `be "${TITLE}"`);
    await waitForText(browser, 'request-status', (t) => t === 'Nouă', 'be new');

    // A meeting of 2,5 hours: the request is now in progress.
    await type(browser, 'activity-field-minutes', '2,5');
    await type(browser, 'activity-field-summary', 'Întâlnire cu consiliul director');
    await click(browser, 'activity-save');
    await waitForText(browser, 'activity-hours', (t) => t === '2,50', 'be 2,50');
    await waitForText(browser, 'request-status', (t) => t === 'În lucru', 'be in progress');
    await waitForText(browser, 'request-hours', (t) => t === '2,50', 'be 2,50');

    // Closed as done, with its outcome.
    await type(browser, 'request-outcome-input', 'Statut adoptat');
    await click(browser, 'request-move-done');
    await waitForText(browser, 'request-status', (t) => t === 'Rezolvată', 'be done');
    await waitForText(browser, 'request-outcome', (t) => t === 'Statut adoptat', 'be the outcome');

    // The cluster's timeline: the request, the activity and the closing, newest first.
    await click(browser, 'request-cluster');
    await click(browser, 'tab-timeline');
    await shown(browser, 'cluster-timeline');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="timeline-row"]')).length > 0, {
      ...WAIT,
      timeoutMsg: 'the timeline should list something',
    });
    const rows = await browser.$$('[data-testid="timeline-row"]');
    const ours = [];
    for (const row of rows) {
      const text = await row.getText();
      if (text.includes(TITLE) || text.includes('Întâlnire cu consiliul director')) ours.push(await row.getAttribute('data-kind'));
    }
    assert.deepEqual(ours.slice(0, 3), ['request_closed', 'activity', 'request'], `the request's lines, newest first: ${ours}`);

    // Filtered by kind: only activities.
    await byTestId(browser, 'timeline-kind').selectByAttribute('value', 'activity');
    await browser.waitUntil(
      async () => {
        const kinds = [];
        for (const row of await browser.$$('[data-testid="timeline-row"]')) kinds.push(await row.getAttribute('data-kind'));
        return kinds.length > 0 && kinds.every((k) => k === 'activity');
      },
      { ...WAIT, timeoutMsg: 'the filter should leave only activities' },
    );

    // The annual summary counts it.
    const after = await summaryFigures(browser);
    assert.equal(after.received, before.received + 1, 'one request more');
    assert.equal(after.done, before.done + 1, 'one more done');
    assert.equal(Math.round((after.hours - before.hours) * 100), 250, '2,5 hours more');
  });
});
