// A training session through the real app, on the demo database: a new one-day session of a demo
// course today, with 2 places; three demo contacts enrolled by searching their names without
// diacritics — the third goes to the waitlist; one enrolled person cancels and the third is
// promoted (the page says who); attendance marked for the day; the session closed (completion
// needs the last day to have come: today is); the certificates exported — where the file goes is
// the folder CLUSTERDESK_EXPORT_DIR given to the app by tests/e2e/run.mjs, and its path is what the
// page shows — and the promoted person's name found with its diacritics in `pdftotext` output.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, day, freshDbPath, openApp, shown, type, WAIT } from '../lib/app.mjs';

const COURSE = 'Managementul clusterelor – nivel de bază';
const PLACE = 'Sala de conferințe CLUSTERO, București';
// Demo contacts (the demo's seed is fixed); the third, with diacritics, ends on the waitlist.
const FIRST = { search: 'bogdan lazar', name: 'Bogdan Lazăr' };
const SECOND = { search: 'andrei popa', name: 'Andrei Popa' };
const THIRD = { search: 'stefania munteanu', name: 'Ștefania Munteanu' };

/** The app's today (it starts at E2E_NOW): ISO and as typed in Romanian. */
const today = () => day(0);

/** The roster as [name, state] pairs, in the page's order. */
async function roster(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="roster-row"]')).map((r) => [r.dataset.name, r.dataset.state]),
  );
}

async function stateOf(browser, name) {
  const row = (await roster(browser)).find(([n]) => n === name);
  return row ? row[1] : null;
}

async function waitForState(browser, name, state) {
  await browser.waitUntil(async () => (await stateOf(browser, name)) === state, {
    ...WAIT,
    timeoutMsg: `${name} should be "${state}" on the roster (roster: ${JSON.stringify(await roster(browser))})`,
  });
}

async function waitForText(browser, id, test, what) {
  const el = await shown(browser, id);
  await browser.waitUntil(async () => test((await el.getText()).trim()), {
    ...WAIT,
    timeoutMsg: `[data-testid="${id}"] should ${what} (it reads "${await el.getText()}")`,
  });
  return (await el.getText()).trim();
}

async function enrol(browser, person) {
  await type(browser, 'enrol-search', person.search);
  const option = browser.$(`[data-testid="enrol-option"][data-name="${person.name}"]`);
  await option.waitForDisplayed({ ...WAIT, timeoutMsg: `searching "${person.search}" should offer ${person.name}` });
  await option.click();
  await waitForText(browser, 'enrol-chosen', (t) => t.includes(person.name), `name ${person.name}`);
  await click(browser, 'enrol-submit');
  await browser.waitUntil(async () => (await stateOf(browser, person.name)) !== null, {
    ...WAIT,
    timeoutMsg: `${person.name} should be on the roster after enrolling`,
  });
}

async function registrationId(browser, name) {
  return browser.execute(
    (n) => Array.from(document.querySelectorAll('[data-testid="roster-row"]')).find((r) => r.dataset.name === n)?.dataset.id ?? null,
    name,
  );
}

async function markPresent(browser, name, day) {
  const id = await registrationId(browser, name);
  assert.ok(id, `${name} has a registration`);
  const box = await shown(browser, `attendance-${id}-${day}`);
  await box.waitForEnabled(WAIT);
  await box.click();
  await browser.waitUntil(async () => (await box.isSelected()) && (await box.isEnabled()), {
    ...WAIT,
    timeoutMsg: `the attendance of ${name} on ${day} should be saved`,
  });
}

describe('trainings', () => {
  const db = freshDbPath('trainings');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('fills a session, keeps the waitlist fair, records attendance and prints a certificate', async () => {
    const day = today();
    browser = await openApp({ db });

    // The demo database, then the training calendar.
    await click(browser, 'setup-demo');
    await click(browser, 'nav-trainings');
    await shown(browser, 'training-calendar');

    // A one-day session of a demo course, today, with 2 places; enrolment open until today.
    await click(browser, 'session-new');
    const course = await shown(browser, 'session-field-course_id');
    const value = await browser.execute((title) => {
      const select = document.querySelector('[data-testid="session-field-course_id"]');
      return Array.from(select.options).find((o) => o.textContent.trim().startsWith(title))?.value ?? null;
    }, COURSE);
    assert.ok(value, `the demo course "${COURSE}" is offered`);
    await course.selectByAttribute('value', value);
    await type(browser, 'session-field-day-0', day.typed);
    await type(browser, 'session-field-hours-0', '8');
    await type(browser, 'session-field-place', PLACE);
    await type(browser, 'session-field-trainer', 'Ioana Mărgărit');
    await type(browser, 'session-field-capacity', '2');
    await type(browser, 'session-field-enrolment_deadline', day.typed);
    await click(browser, 'session-save');
    await waitForText(browser, 'session-title', (t) => t === COURSE, `read "${COURSE}"`);
    assert.equal(await byTestId(browser, 'session-place').getText(), PLACE);

    // Three people for two places: the third waits.
    await enrol(browser, FIRST);
    await enrol(browser, SECOND);
    await enrol(browser, THIRD);
    assert.deepEqual(await roster(browser), [
      [FIRST.name, 'enrolled'],
      [SECOND.name, 'enrolled'],
      [THIRD.name, 'waitlisted'],
    ]);
    await waitForText(browser, 'count-enrolled', (t) => t === '2', 'be 2');
    await waitForText(browser, 'count-waitlisted', (t) => t === '1', 'be 1');

    // The first cancels: the third takes the place, and the page says so.
    await browser
      .$(`[data-testid="roster-row"][data-name="${FIRST.name}"] [data-testid="roster-cancel"]`)
      .click();
    await click(browser, 'confirm-ok');
    await waitForState(browser, THIRD.name, 'enrolled');
    assert.equal(await stateOf(browser, FIRST.name), null, 'the cancelled registration leaves the roster');
    await waitForText(browser, 'toast', (t) => t.includes(THIRD.name) && t.includes(FIRST.name), `name ${FIRST.name} and ${THIRD.name}`);
    await waitForText(browser, 'count-waitlisted', (t) => t === '0', 'be 0');

    // Both present today.
    await markPresent(browser, SECOND.name, day.iso);
    await markPresent(browser, THIRD.name, day.iso);
    await waitForText(browser, 'count-attended', (t) => t === '2', 'be 2');

    // Closed: both completed, with certificate numbers.
    await click(browser, 'session-complete');
    await waitForText(browser, 'completion-summary', (t) => t.includes('CLUSTERO-'), 'list the new certificate numbers');
    await waitForState(browser, THIRD.name, 'completed');
    await waitForText(browser, 'count-completed', (t) => t === '2', 'be 2');

    // The certificates, written where the app was told to; the name keeps its diacritics.
    await click(browser, 'export-certificates');
    const message = await waitForText(
      browser,
      'toast',
      (t) => /\.pdf\b/.test(t),
      'show the path of the PDF written (is CLUSTERDESK_EXPORT_DIR set for the app by tests/e2e/run.mjs?)',
    );
    const path = /(\/\S.*\.pdf)\b/.exec(message)?.[1];
    assert.ok(path && existsSync(path), `the certificate file exists: ${path}`);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    assert.ok(text.includes(THIRD.name), `the certificates name ${THIRD.name}:\n${text.slice(0, 800)}`);
    assert.ok(text.includes(SECOND.name), `the certificates name ${SECOND.name}`);
    assert.ok(!text.includes(FIRST.name), `no certificate for ${FIRST.name}, who cancelled`);
  });
});
