// A brokerage event through the real app, on the demo database: a new brokerage event in ten days
// is created; two companies are registered (one Croatian, one Romanian, typed in); a bilateral
// meeting between them is scheduled at 10:00, and a second meeting of the same people in the same
// slot is refused with the message at the slot field; the meeting is then marked held with an
// agreement signed, the figures follow, and the event report is printed — to the folder
// CLUSTERDESK_EXPORT_DIR given to the app by tests/e2e/run.mjs — and both companies are found in
// its `pdftotext` output.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, day, freshDbPath, openApp, shown, type, WAIT } from '../lib/app.mjs';

const TITLE = 'Bursa de cooperare EEN „Industria 4.0” – test';
const CROATIAN = { name: 'Ana Kovač', organisation: 'Jadran Metal d.o.o.', country: 'HR' };
const ROMANIAN = { name: 'Ștefan Mureșan', organisation: 'Tehnoplast Timișoara SRL', country: 'RO' };

/** A day `offset` days from the app's today, as typed in Romanian. */
const dayTyped = (offset) => day(offset).typed;

async function waitForText(browser, id, test, what) {
  const el = await shown(browser, id);
  await browser.waitUntil(async () => test((await el.getText()).trim()), {
    ...WAIT,
    timeoutMsg: `[data-testid="${id}"] should ${what} (it reads "${await el.getText()}")`,
  });
  return (await el.getText()).trim();
}

async function register(browser, person) {
  await type(browser, 'reg-name', person.name);
  await type(browser, 'reg-organisation', person.organisation);
  await type(browser, 'reg-country', person.country);
  await click(browser, 'reg-submit');
  const row = browser.$(`[data-testid="roster-row"][data-name="${person.name}"]`);
  await row.waitForDisplayed({ ...WAIT, timeoutMsg: `${person.name} should be on the roster after registering` });
  assert.equal(await row.getAttribute('data-state'), 'enrolled');
  return row.getAttribute('data-id');
}

/** Closes the confirmation toast, if one is shown (it sits over the page's lower right corner). */
async function closeToast(browser) {
  const close = byTestId(browser, 'toast-close');
  if (await close.isExisting()) await close.click();
}

/** Fills the meeting form: requester and invitee by registration id, 10:00 on the first day. */
async function meetingForm(browser, requester, invitee) {
  await closeToast(browser);
  await click(browser, 'meeting-new');
  await (await shown(browser, 'meeting-requester')).selectByAttribute('value', requester);
  await (await shown(browser, 'meeting-invitee')).selectByAttribute('value', invitee);
  await type(browser, 'meeting-time', '10:00');
  await type(browser, 'meeting-table', '7');
}

describe('events', () => {
  const db = freshDbPath('events');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('runs a brokerage event: registrations, a meeting held with an agreement, the event report', async () => {
    browser = await openApp({ db });
    await click(browser, 'setup-demo');
    await click(browser, 'nav-events');
    await shown(browser, 'events-table');

    // A new brokerage event in ten days, registrations open until today.
    await click(browser, 'event-new');
    await (await shown(browser, 'event-field-kind')).selectByAttribute('value', 'brokerage');
    await type(browser, 'event-field-title', TITLE);
    await type(browser, 'event-field-starts_on', dayTyped(10));
    await type(browser, 'event-field-ends_on', dayTyped(10));
    await type(browser, 'event-field-place', 'Timișoara, Centrul Regional de Afaceri');
    await type(browser, 'event-field-capacity', '20');
    await type(browser, 'event-field-deadline', dayTyped(0));
    await click(browser, 'event-save');
    await waitForText(browser, 'event-title', (t) => t === TITLE, `read "${TITLE}"`);

    // Two companies.
    const croatian = await register(browser, CROATIAN);
    const romanian = await register(browser, ROMANIAN);
    await waitForText(browser, 'event-places', (t) => t.startsWith('2 din 20'), 'count 2 of 20 places');

    // A meeting between them at 10:00.
    await meetingForm(browser, croatian, romanian);
    await click(browser, 'meeting-save');
    const row = browser.$('[data-testid="meeting-row"]');
    await row.waitForDisplayed({ ...WAIT, timeoutMsg: 'the meeting should be listed' });
    assert.equal(await row.getAttribute('data-status'), 'requested');

    // The same people cannot meet again in the same slot: the refusal shows at the slot field.
    await meetingForm(browser, romanian, croatian);
    await click(browser, 'meeting-save');
    await waitForText(browser, 'meeting-error-slot', (t) => t.includes('10:00') && t.includes('are deja o întâlnire'), 'say the slot is taken');
    assert.equal(await browser.$$('[data-testid="meeting-row"]').length, 1);

    // The first meeting took place and ended with an agreement.
    await closeToast(browser);
    await click(browser, 'meeting-edit');
    await (await shown(browser, 'meeting-status')).selectByAttribute('value', 'held');
    await (await shown(browser, 'meeting-outcome')).selectByAttribute('value', 'agreement');
    await click(browser, 'meeting-save');
    await browser.waitUntil(async () => (await byTestId(browser, 'meeting-row').getAttribute('data-outcome')) === 'agreement', {
      ...WAIT,
      timeoutMsg: 'the meeting should be held with an agreement',
    });
    await waitForText(browser, 'figure-meetings_held', (t) => t.startsWith('1'), 'count 1 meeting held');
    await waitForText(browser, 'figure-agreements', (t) => t.startsWith('1'), 'count 1 agreement');

    // The event report, written where the app was told to, names both companies.
    await closeToast(browser);
    await click(browser, 'event-export-report');
    const message = await waitForText(
      browser,
      'toast',
      (t) => /\.pdf\b/.test(t),
      'show the path of the PDF written (is CLUSTERDESK_EXPORT_DIR set for the app by tests/e2e/run.mjs?)',
    );
    const path = /(\/\S.*\.pdf)\b/.exec(message)?.[1];
    assert.ok(path && existsSync(path), `the report exists: ${path}`);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const needle of [CROATIAN.organisation, ROMANIAN.organisation, 'Acord semnat', 'Croația']) {
      assert.ok(text.includes(needle), `the report names ${needle}:\n${text.slice(0, 1500)}`);
    }

    // Deleting asks first, then the event is gone from the list.
    await click(browser, 'event-delete');
    await shown(browser, 'confirm-dialog');
    await click(browser, 'confirm-ok');
    await shown(browser, 'events-count');
    // The rows' texts are read in the page in one go: the list re-renders while it loads.
    const rowTexts = () =>
      browser.execute(() => [...document.querySelectorAll('[data-testid="event-row"]')].map((r) => r.textContent ?? ''));
    await browser.waitUntil(async () => {
      const texts = await rowTexts();
      return texts.length > 0 && !texts.some((text) => text.includes(TITLE));
    }, { ...WAIT, timeoutMsg: `the list should show the demo's events without "${TITLE}"` });
  });
});
