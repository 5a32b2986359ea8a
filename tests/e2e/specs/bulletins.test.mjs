// Bulletins through the real app, on the demo database, sent to a real SMTP server (aiosmtpd,
// tests/python/smtp_server.py: STARTTLS on a certificate made at start, a login): the server is set
// in Settings, a funding call is created, "Bulletin for these clusters" starts a draft for it, the
// draft is previewed, queued and sent; the progress ends with every message sent, and the server
// received them with the subject's diacritics intact.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { byTestId, click, closeApp, day, freshDbPath, openApp, shown, type, WAIT, waitForText } from '../lib/app.mjs';

const TITLE = 'Digitalizarea fabricilor de mobilă și țesături (E2E)';
const PYTHON_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../python');

/** Starts the test SMTP server; resolves to its port, its folder and the process. */
function startSmtp() {
  const dir = mkdtempSync(join(tmpdir(), 'clusterdesk-smtp-'));
  const child = spawn(join(PYTHON_DIR, '.venv/bin/python'), [join(PYTHON_DIR, 'smtp_server.py'), dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const port = Number(line.trim().replace(/^PORT /, ''));
      if (!port) reject(new Error(`the SMTP server said "${line}"`));
      else resolve({ port, dir, child });
    });
  });
}

function received(dir) {
  let text = '';
  try {
    text = readFileSync(join(dir, 'received.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('bulletins', () => {
  const db = freshDbPath('bulletins');
  let browser;
  let smtp;

  after(async () => {
    await closeApp(browser);
    smtp?.child.kill();
  });

  it('composes a bulletin for a call, previews, queues and sends it to the SMTP server', async () => {
    smtp = await startSmtp();
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-demo');
    await shown(browser, 'dashboard');

    // The mail server, in Settings; the page says where the password went.
    await click(browser, 'nav-settings');
    await shown(browser, 'smtp-settings');
    await type(browser, 'smtp-field-host', 'localhost');
    await type(browser, 'smtp-field-port', String(smtp.port));
    await type(browser, 'smtp-field-user', 'bulletin');
    await type(browser, 'smtp-field-password', 'parola-ș');
    await type(browser, 'smtp-field-from_address', 'buletin@clustero.ro');
    await type(browser, 'smtp-field-ca_file', join(smtp.dir, 'ca.pem'));
    await click(browser, 'smtp-save');
    await browser.waitUntil(async () => ['keychain', 'file'].includes(await byTestId(browser, 'smtp-password-store').getAttribute('data-store')), {
      ...WAIT,
      timeoutMsg: 'the password should be kept in the keychain or the private file',
    });

    // A call for wood and furniture in the Centre region, then a bulletin for its clusters.
    await click(browser, 'nav-information');
    await click(browser, 'call-new');
    await type(browser, 'call-field-title_ro', TITLE);
    await type(browser, 'call-field-programme', 'PR Centru 2021–2027');
    await type(browser, 'call-field-opens_on', day(-5).typed);
    await type(browser, 'call-field-closes_on', day(25).typed);
    await click(browser, 'call-regions-centru');
    await click(browser, 'call-sectors-wood_furniture');
    await click(browser, 'call-save');
    await waitForText(browser, 'call-heading', (t) => t.includes(TITLE), `be "${TITLE}"`);
    await click(browser, 'call-bulletin');
    await waitForText(browser, 'bulletin-heading', (t) => t === TITLE, 'be the call\'s title');
    assert.equal(await byTestId(browser, 'bulletin-status').getAttribute('data-status'), 'draft');
    const chosen = [];
    for (const box of await browser.$$('[data-testid^="bulletin-calls-"]')) if (await box.isSelected()) chosen.push(box);
    assert.equal(chosen.length, 1, 'the call is chosen');
    assert.ok(await byTestId(browser, 'bulletin-regions-centru').isSelected(), 'the call\'s region narrows the audience');
    assert.ok(await byTestId(browser, 'bulletin-sectors-wood_furniture').isSelected(), 'and its sector');
    const countText = await waitForText(browser, 'bulletin-audience-count', (t) => /^[1-9]\d* contacte/.test(t), 'count some contacts');
    const recipients = Number(countText.split(' ')[0].replace(/\./g, ''));

    // The preview as a recipient reads it: the subject, the greeting, the unsubscribe line.
    await waitForText(browser, 'bulletin-preview-subject', (t) => t === TITLE, 'be the subject');
    const text = await byTestId(browser, 'bulletin-preview-text').getProperty('textContent');
    assert.match(text, /^Bună ziua, /m, 'the message greets its reader');
    assert.match(text, /DEZABONARE/, 'and says how to unsubscribe');

    // Queued after asking, then sent; the progress ends with every message sent.
    await click(browser, 'bulletin-queue');
    await click(browser, 'confirm-ok');
    await browser.waitUntil(async () => (await byTestId(browser, 'bulletin-status').getAttribute('data-status')) === 'queued', {
      ...WAIT,
      timeoutMsg: 'the bulletin should be queued',
    });
    await click(browser, 'bulletin-send');
    // The server's settings pause a second between messages: the wait grows with the audience.
    await browser.waitUntil(async () => (await byTestId(browser, 'bulletin-counts').getAttribute('data-queued')) === '0', {
      timeout: 30_000 + recipients * 3_000,
      timeoutMsg: 'the sending should end',
    });
    const counts = byTestId(browser, 'bulletin-counts');
    assert.equal(await counts.getAttribute('data-sent'), String(recipients), 'every recipient sent');
    assert.equal(await counts.getAttribute('data-failed'), '0');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="message-row"][data-state="sent"]')).length === recipients, {
      ...WAIT,
      timeoutMsg: 'each recipient\'s message should show "sent"',
    });

    // What the server received: one message each, over TLS with the login, the subject intact.
    const got = received(smtp.dir);
    assert.equal(got.length, recipients);
    for (const m of got) {
      assert.ok(m.tls && m.authenticated, 'over STARTTLS, logged in');
      assert.equal(m.headers.Subject, TITLE);
    }
  });
});
